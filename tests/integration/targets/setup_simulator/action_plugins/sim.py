# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The integration targets' hands on the simulator, run on the controller where the simulated nodes live.

One task does what a target needs between two module runs: a simctl command (args), programs typed on
a node (run), the state and the call log as the oracle (snapshot), a clean log (clear_log). The
modules under test still run as Ansible runs them; only the harness around them is a single task
instead of a module run or a chain of set_fact and include tasks.

Task variables it reads: sim_bin (the simulator's programs), sim_env (each node's environment, from
the setup_simulator role) and sim_nodes (the first is simctl's node); for init, sim_root and
sim_init_args too.

- root: present - a new private directory for the simulator's state; sets sim_root.
  root: absent - removes sim_root and everything in it (the state's server then stops by itself).
- init: true - a fresh cluster: simctl init --root SIM_ROOT --nodes SIM_NODES SIM_INIT_ARGS.
- args: LIST - simctl ARGS; sets sim_out {stdout, stdout_lines}, as a registered command would.
- run: LIST of argv - each typed on node (default: the first), in order, on the node's PATH;
  returns results [{argv, rc, stdout, stderr}]; a non-zero exit fails the task.
- snapshot: true - sets sim_state (simctl dump), sim_state_text (the dump without the call counter
  seq, for "nothing changed"; with seq: true, the dump as printed), sim_targets (each node's target
  states), sim_calls (simctl log) and sim_mutations (the argv of the calls made directly, not by
  stmfha on a node, that are not reads: reads is the pattern of a read's first argument).
- clear_log: true - clears the call log (after the snapshot when both are asked).

A dump holds each node's CHAP secrets (base64): a task that asks for one (snapshot, args: [dump])
must say no_log: true, or it fails before reading anything.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

DEFAULT_READS = r'^(list|get$|-)'
SEQ_LINE = re.compile(r'\n *"seq": [0-9]+,')


class ActionModule(ActionBase):
    """Runs simctl or a node's programs on the controller and keeps what they print as facts."""

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('root', 'init', 'args', 'run', 'node', 'snapshot', 'reads', 'seq', 'clear_log'))

    def _var(self, task_vars, name):
        if name not in task_vars:
            raise AnsibleActionFail('sim: the variable %s is not set (the setup_simulator role sets it)' % name)
        return self._templar.template(task_vars[name])

    def _exec(self, argv, env):
        done = subprocess.run(argv, env=dict(os.environ, **env), capture_output=True, text=True, check=False)
        return {'argv': list(argv), 'rc': done.returncode, 'stdout': done.stdout, 'stderr': done.stderr}

    def _simctl(self, task_vars, args):
        nodes = self._var(task_vars, 'sim_nodes')
        env = self._var(task_vars, 'sim_env')[nodes[0]]
        argv = [os.path.join(self._var(task_vars, 'sim_bin'), 'simctl')] + [str(arg) for arg in args]
        done = self._exec(argv, {str(key): str(value) for key, value in env.items()})
        if done['rc'] != 0:
            raise AnsibleActionFail('simctl %s exited %d: %s' % (shlex.join(argv[1:]), done['rc'], done['stderr'].strip()))
        return done['stdout']

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        args = self._task.args
        facts = {}
        result['changed'] = False
        dumps = args.get('snapshot') or list(args.get('args') or [])[:1] == ['dump']
        if dumps and not self._task.no_log:
            raise AnsibleActionFail('sim: a dump holds the CHAP secrets: this task must say no_log: true')

        if args.get('root') == 'present':
            facts['sim_root'] = tempfile.mkdtemp(prefix='ansible.', suffix='.comstar-sim')
            result['changed'] = True
        elif args.get('root') == 'absent':
            root = self._var(task_vars, 'sim_root')
            result['changed'] = os.path.isdir(root)
            shutil.rmtree(root, ignore_errors=True)
        elif args.get('root') is not None:
            raise AnsibleActionFail('sim: root is present or absent, not %r' % args['root'])

        if args.get('init'):
            self._simctl(task_vars, ['init', '--root', self._var(task_vars, 'sim_root'),
                                     '--nodes', ','.join(self._var(task_vars, 'sim_nodes'))] + list(self._var(task_vars, 'sim_init_args')))

        if args.get('args') is not None:
            stdout = self._simctl(task_vars, args['args'])
            # a command task registers stdout without its last newline
            stdout = stdout[:-1] if stdout.endswith('\n') else stdout
            facts['sim_out'] = {'stdout': stdout, 'stdout_lines': stdout.splitlines()}

        if args.get('run') is not None:
            node = args.get('node') or self._var(task_vars, 'sim_nodes')[0]
            env = {str(key): str(value) for key, value in self._var(task_vars, 'sim_env')[node].items()}
            results = []
            for argv in args['run']:
                done = self._exec([str(arg) for arg in argv], env)
                results.append(done)
                if done['rc'] != 0:
                    raise AnsibleActionFail('on %s, %s exited %d: %s' % (node, shlex.join(done['argv']), done['rc'], done['stderr'].strip()))
            result['results'] = results
            result['changed'] = True

        if args.get('snapshot'):
            text = self._simctl(task_vars, ['dump'])
            state = json.loads(text)
            calls = [json.loads(line) for line in self._simctl(task_vars, ['log']).splitlines() if line.strip()]
            reads = re.compile(args.get('reads') or DEFAULT_READS)
            facts.update(
                sim_state=state,
                sim_state_text=text if args.get('seq') else SEQ_LINE.sub('', text),
                sim_targets={node: {target['name']: target['state'] for target in held['iscsit']['targets']}
                             for node, held in state['node_state'].items()},
                sim_calls=calls,
                sim_mutations=[call['argv'] for call in calls
                               if call['via'] is None and not reads.match(call['argv'][1] if len(call['argv']) > 1 else '')],
            )

        if args.get('clear_log'):
            self._simctl(task_vars, ['log', '--clear'])

        if facts:
            result['ansible_facts'] = facts
        return result
