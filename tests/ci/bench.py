#!/usr/bin/env python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`: commands per module run and wall time at scale, on the simulator.

Loads N logical units (each a zvol with one view to TG01) and N targets onto a simulated node
through the simulated commands themselves, then runs modules against it and counts, from the
simulator's call log, how many commands each run made. The point is the count: a module reads a
node with a fixed number of list commands plus one list-view per LU that has views, whatever N is.
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

RUNS = (
    ('comstar_info (all)', 'illumos.comstar.comstar_info', ''),
    ('comstar_info (target_groups)', 'illumos.comstar.comstar_info', 'gather_subset=target_groups'),
    ('comstar_tpg (no change)', 'illumos.comstar.comstar_tpg', 'name=TPG01 portals=192.168.5.10'),
    ('comstar_target_group (no change)', 'illumos.comstar.comstar_target_group', 'name=TG01 append=true members=iqn.2026-01.com.example:t0'),
    ('comstar_view (no change)', 'illumos.comstar.comstar_view', 'lu=pool1/v0 target_group=TG01 lun=0'),
    ('comstar_lu (no change)', 'illumos.comstar.comstar_lu', 'zvol=pool1/v0 size=128M'),
)


def load(root: str, count: int) -> None:
    simctl.init(root, ('live01',), rsf1=False, pools={'pool1': 'live01'}, ready=True)
    simctl.call(root, 'live01', 'itadm', 'create-tpg', 'TPG01', '192.168.5.10:3260')
    simctl.call(root, 'live01', 'stmfadm', 'create-tg', 'TG01')
    for index in range(count):
        name = 'iqn.2026-01.com.example:t%d' % index
        simctl.call(root, 'live01', 'itadm', 'create-target', '-n', name, '-t', 'TPG01')
        simctl.call(root, 'live01', 'zfs', 'create', '-V', '128M', 'pool1/v%d' % index)
        out = simctl.call(root, 'live01', 'stmfadm', 'create-lu', '/dev/zvol/rdsk/pool1/v%d' % index)[0]
        simctl.call(root, 'live01', 'stmfadm', 'add-view', '-t', 'TG01', '-n', str(index), out.split()[-1])
    simctl.call(root, 'live01', 'stmfadm', 'offline-target', 'iqn.2026-01.com.example:t0')
    simctl.call(root, 'live01', 'stmfadm', 'add-tg-member', '-g', 'TG01', 'iqn.2026-01.com.example:t0')
    simctl.call(root, 'live01', 'stmfadm', 'online-target', 'iqn.2026-01.com.example:t0')


def measure(root: str, module: str, args: str) -> tuple[int, int, float, bool]:
    simctl.log(root, clear=True)
    env = dict(os.environ, COMSTAR_SIM_ROOT=root, ANSIBLE_NOCOLOR='1')
    argv = [os.path.join(os.path.dirname(sys.executable), 'ansible'), '-i', os.path.join(TOP, 'tests', 'simulator', 'inventory.yml'),
            'live01', '-m', module] + (['-a', args] if args else [])
    start = time.monotonic()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit('bench: %s failed:\n%s%s' % (' '.join(argv), result.stdout, result.stderr))
    calls = simctl.log(root)
    reads = sum(1 for call in calls if call['argv'][1] in ('-H', '-i0', 'list') or call['argv'][1].startswith('list-'))
    return len(calls), reads, elapsed, '"changed": true' in result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('sizes', nargs='*', type=int, default=[10, 100])
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as root:
            start = time.monotonic()
            load(root, size)
            print('loaded %d LUs, views and targets in %.1fs' % (size, time.monotonic() - start), file=sys.stderr)
            for label, module, module_args in RUNS:
                calls, reads, elapsed, changed = measure(root, module, module_args)
                rows.append({'n': size, 'run': label, 'commands': calls, 'reads': reads, 'seconds': round(elapsed, 2), 'changed': changed})
    print('%6s  %-34s %9s %6s %8s %8s' % ('N', 'module run', 'commands', 'reads', 'seconds', 'changed'))
    for row in rows:
        print('%6d  %-34s %9d %6d %8.2f %8s' % (row['n'], row['run'], row['commands'], row['reads'], row['seconds'], row['changed']))
    print(json.dumps(rows), file=sys.stderr)


if __name__ == '__main__':
    main()
