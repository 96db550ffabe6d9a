#!/usr/bin/env python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: the founding walkthrough by playbooks/ha_target.yml on the simulated RSF-1 cluster
live01/live02 (fresh hosts: no packages, services disabled), then what an administrator checks -
the walkthrough's stmfha list outputs, per node - and the report of playbooks/inspect.yml.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SIM_BIN = os.path.join(TOP, 'tests', 'simulator', 'bin')
INVENTORY = os.path.join(TOP, 'tests', 'simulator', 'inventory.yml')
NODES = ('live01', 'live02')
CHECKS = (('list-tpg', '-v'), ('list-target', '-v'), ('list-tg', '-v'), ('list-lu', '-v'))


def run(argv: list[str], env: dict[str, str], capture: bool = False) -> str:
    result = subprocess.run(argv, env=env, check=False, capture_output=capture, text=True)
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit('demo: %s failed (rc=%d)' % (' '.join(argv), result.returncode))
    return result.stdout if capture else ''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--root', required=True, help='simulator state directory (recreated)')
    parser.add_argument('--vip', default='192.168.5.10', help="pool1's virtual IP: the portal of TPG01")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    bindir = os.path.dirname(sys.executable)
    env = dict(os.environ, COMSTAR_SIM_ROOT=root, ANSIBLE_CALLBACK_RESULT_FORMAT='yaml', ANSIBLE_NOCOLOR='1',
               PATH=os.pathsep.join([bindir, os.environ.get('PATH', '')]),
               # generated for this run only: never printed, never stored in the repository
               COMSTAR_TARGET_SECRET=secrets.token_urlsafe(16), COMSTAR_INITIATOR_SECRET=secrets.token_urlsafe(16))
    run([os.path.join(SIM_BIN, 'simctl'), 'init', '--root', root, '--nodes', ','.join(NODES), '--rsf1', '--pool', 'pool1=live01'], env)
    print('# playbooks/ha_target.yml on live01 and live02 (the simulated RSF-1 cluster), portal %s:3260' % args.vip)
    run([os.path.join(bindir, 'ansible-playbook'), '-i', INVENTORY, os.path.join(TOP, 'playbooks', 'ha_target.yml'),
         '-e', 'comstar_demo_vip=%s' % args.vip], env)
    node_env = dict(env, COMSTAR_SIM_NODE=NODES[0], PATH=os.pathsep.join([os.path.join(root, 'nodes', NODES[0], 'bin'), env['PATH']]))
    print('\n# What the walkthrough checks, on every node of the cluster')
    for check in CHECKS:
        print('\n# stmfha %s' % ' '.join(check))
        sys.stdout.write(run(['stmfha'] + list(check), node_env, capture=True))
    print('\n# playbooks/inspect.yml: the path from each logical unit to its portals')
    run([os.path.join(bindir, 'ansible-playbook'), '-i', INVENTORY, os.path.join(TOP, 'playbooks', 'inspect.yml')], env)


if __name__ == '__main__':
    main()
