#!/usr/bin/env python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`, the role's part: the role on one simulated node at N logical units (each a zvol with
one view to TG01) plus targets, first converge and re-run, against the per-object loop (comstar_lu +
comstar_view per item) measured in the same run at a smaller N and extrapolated per item.

Counts come from the simulator's call log; wall seconds are the whole ansible-playbook run. A
benchmark, not a test: it prints the figures and the targets and always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tests', 'simulator'))

from comstar_sim import simctl  # noqa: E402  pylint: disable=wrong-import-position

NODE = 'live01'
TARGETS = 2
INVENTORY = os.path.join(TOP, 'tests', 'simulator', 'inventory.yml')
ROLE_PLAY = '''
- hosts: live01
  gather_facts: false
  roles:
    - role: illumos.comstar.comstar
'''
LOOP_PLAY = '''
- hosts: live01
  gather_facts: false
  tasks:
    - name: Each LU
      illumos.comstar.comstar_lu:
        zvol: "{{ item.zvol }}"
        size: "{{ item.size }}"
      loop: "{{ comstar_logical_units }}"
    - name: Each view
      illumos.comstar.comstar_view:
        lu: "{{ item.zvol }}"
        target_group: TG01
        lun: "{{ item.views[0].lun }}"
      loop: "{{ comstar_logical_units }}"
'''


def role_vars(count: int) -> dict[str, object]:
    return {
        'comstar_install_packages': False,
        'comstar_tpgs': [{'name': 'TPG01', 'portals': ['192.168.5.10:3260']}],
        'comstar_targets': [{'name': 'iqn.2026-01.com.example:t%d' % index, 'alias': 't%d' % index, 'tpgs': ['TPG01']}
                            for index in range(TARGETS)],
        'comstar_target_groups': [{'name': 'TG01', 'members': ['t%d' % index for index in range(TARGETS)]}],
        'comstar_logical_units': [{'zvol': 'pool1/v%d' % index, 'size': '128M', 'views': [{'target_group': 'TG01', 'lun': index}]}
                                  for index in range(count)],
    }


def is_read(argv: list[str]) -> bool:
    return argv[0] in ('svcs', 'zpool', 'rsfcli') or argv[1].startswith('list') or argv[1] in ('-H', '-i0', 'get')


def play(root: str, work: str, text: str, variables: dict[str, object]) -> dict[str, object]:
    """One ansible-playbook run: its commands (all, changing), wall seconds and whether it changed anything."""
    playbook = os.path.join(work, 'play.yml')
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(text)
    with open(os.path.join(work, 'vars.json'), 'w', encoding='utf-8') as handle:
        json.dump(variables, handle)
    simctl.log(root, clear=True)
    env = dict(os.environ, COMSTAR_SIM_ROOT=root, ANSIBLE_NOCOLOR='1')
    argv = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', INVENTORY, '-l', NODE,
            '-e', '@' + os.path.join(work, 'vars.json'), playbook]
    start = time.monotonic()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit('bench_role: %s failed:\n%s%s' % (' '.join(argv), result.stdout[-4000:], result.stderr[-2000:]))
    calls = [call for call in simctl.log(root) if call.get('via') is None]
    changing = sum(1 for call in calls if not is_read(call['argv']))
    recap = result.stdout[result.stdout.rfind('PLAY RECAP'):]
    return {'commands': len(calls), 'changing': changing, 'seconds': elapsed, 'changed': 'changed=0' not in recap}


def fresh(root: str) -> None:
    simctl.init(root, (NODE,), rsf1=False, pools={'pool1': NODE}, ready=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('sizes', nargs='*', type=int, default=[10, 100, 200, 1000])
    parser.add_argument('--loop-size', type=int, default=20, help='N for the per-object loop (default 20)')
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        root = os.path.join(work, 'sim')
        # the per-object loop at a small N: TPG01, the targets and TG01 made by the role first
        fresh(root)
        base = role_vars(0)
        play(root, work, ROLE_PLAY, base)
        loop_vars = dict(base, comstar_logical_units=role_vars(args.loop_size)['comstar_logical_units'])
        loop_first = play(root, work, LOOP_PLAY, loop_vars)
        loop_again = play(root, work, LOOP_PLAY, loop_vars)
        per_item = {'first': loop_first['seconds'] / args.loop_size, 'again': loop_again['seconds'] / args.loop_size}
        for size in args.sizes:
            fresh(root)
            variables = role_vars(size)
            first = play(root, work, ROLE_PLAY, variables)
            again = play(root, work, ROLE_PLAY, variables)
            for kind, row in (('first', first), ('again', again)):
                loop = per_item[kind] * size
                rows.append(dict(row, n=size, run=kind, loop_seconds=loop, ratio=loop / row['seconds']))
    print('per-object loop at N=%d: first converge %.1fs (%d commands), re-run %.1fs (%d commands): %.2fs / %.2fs per LU'
          % (args.loop_size, loop_first['seconds'], loop_first['commands'], loop_again['seconds'], loop_again['commands'],
             per_item['first'], per_item['again']))
    header = ('N', 'role run', 'commands', 'changing', 'target', 'seconds', 'loop est. s', 'ratio', 'changed')
    print('%6s  %-8s %9s %9s %9s %9s %12s %8s  %s' % header)
    for row in rows:
        target = 3 * row['n'] + 30 if row['run'] == 'first' else row['n'] + 20
        print('%6d  %-8s %9d %9d %9s %9.1f %12.1f %7.1fx  %s' % (
            row['n'], row['run'], row['commands'], row['changing'], '<=%d' % target, row['seconds'], row['loop_seconds'],
            row['ratio'], row['changed']))
    print(json.dumps(rows), file=sys.stderr)


if __name__ == '__main__':
    main()
