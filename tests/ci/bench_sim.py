#!/usr/bin/env python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cost of one simulated command at scale: milliseconds per call of the simulator's programs.

Builds a simulated node with N logical units (each a zvol with one view to TG01) and N targets,
through the simulated commands themselves but in one in-process session (one state save instead
of 4N), then runs read-only and mutating commands as separate processes, the way a module runs
them: the bin/ launchers under COMSTAR_SIM_ROOT. Prints the median of several runs of each
against its target. A benchmark, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIM_HOME = os.path.join(TOP, 'tests', 'simulator')
sys.path.insert(0, SIM_HOME)

from comstar_sim import simctl, world  # noqa: E402  pylint: disable=wrong-import-position

NODE = 'live01'
READ_TARGET_MS = 40.0
WRITE_TARGET_MS = 80.0


def iqn(index: int) -> str:
    return 'iqn.2026-01.com.example:t%d' % index


def load(root: str, count: int) -> list[str]:
    """N zvols, LUs with one view each, and N targets; the LUs' GUIDs."""
    simctl.init(root, (NODE,), rsf1=False, pools={'pool1': NODE}, ready=True)
    guids = []
    with world.session(root, NODE) as here:
        def step(command: str, *argv: str) -> str:
            stdout, stderr, code = here.call(command, list(argv))
            if code != 0:
                raise SystemExit('bench_sim: %s %s failed: %s%s' % (command, ' '.join(argv), stdout, stderr))
            return stdout

        step('itadm', 'create-tpg', 'TPG01', '192.168.5.10:3260')
        step('stmfadm', 'create-tg', 'TG01')
        step('stmfadm', 'create-tg', 'TG02')
        for index in range(count):
            step('itadm', 'create-target', '-n', iqn(index), '-t', 'TPG01')
            step('zfs', 'create', '-V', '128M', 'pool1/v%d' % index)
            guid = step('stmfadm', 'create-lu', '/dev/zvol/rdsk/pool1/v%d' % index).split()[-1]
            step('stmfadm', 'add-view', '-t', 'TG01', '-n', str(index), guid)
            guids.append(guid)
    simctl.log(root, clear=True)
    return guids


def commands(guids: list[str]) -> list[tuple[str, str, list[list[str]]]]:
    """(label, kind, argv per run): a write's runs alternate so that each one changes the state."""
    middle = guids[len(guids) // 2]
    target = iqn(len(guids) // 2)
    return [
        ('stmfadm list-view -l GUID', 'read', [['stmfadm', 'list-view', '-l', middle]]),
        ('stmfadm list-lu -v', 'read', [['stmfadm', 'list-lu', '-v']]),
        ('stmfadm list-tg -v', 'read', [['stmfadm', 'list-tg', '-v']]),
        ('itadm list-target -v', 'read', [['itadm', 'list-target', '-v']]),
        ('zfs list -H -t volume', 'read', [['zfs', 'list', '-H', '-o', 'name,volsize', '-t', 'volume']]),
        ('svcs -H -o state FMRI', 'read', [['svcs', '-H', '-o', 'state', 'svc:/system/stmf:default']]),
        ('stmfadm add-view / remove-view', 'write', [['stmfadm', 'add-view', '-t', 'TG02', '-n', '4000', middle],
                                                     ['stmfadm', 'remove-view', '-l', middle, '1']]),
        ('itadm modify-target -a', 'write', [['itadm', 'modify-target', '-a', 'chap', target],
                                             ['itadm', 'modify-target', '-a', 'default', target]]),
    ]


def timed(env: dict[str, str], argv: list[str]) -> tuple[float, bool]:
    """One call of the program as a module makes it: found on the node's PATH directory."""
    start = time.perf_counter()
    program = os.path.join(world.node_path(env['COMSTAR_SIM_ROOT'], NODE), argv[0])
    done = subprocess.run([program] + argv[1:], env=env, capture_output=True, text=True, check=False)
    return (time.perf_counter() - start) * 1000.0, done.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('count', nargs='?', type=int, default=1000, help='logical units and targets (default 1000)')
    parser.add_argument('--runs', type=int, default=7, help='runs of each command (default 7)')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        start = time.monotonic()
        guids = load(root, args.count)
        size = os.path.getsize(os.path.join(root, world.STATE_FILE))
        print('loaded %d LUs, views and targets in %.1fs (state %d KiB)' % (args.count, time.monotonic() - start, size // 1024))
        # The node's PATH directory first, then this interpreter's (the bin/ launchers run
        # `#!/usr/bin/env python`), as the simulated nodes' environments have it.
        env = dict(os.environ, COMSTAR_SIM_ROOT=root, COMSTAR_SIM_NODE=NODE,
                   PATH=os.pathsep.join([world.node_path(root, NODE), os.path.dirname(sys.executable), os.environ.get('PATH', '')]))
        print('%-32s %-6s %10s %10s  %s' % ('command', 'kind', 'median ms', 'target ms', 'ok'))
        missed = 0
        for label, kind, variants in commands(guids):
            results = [timed(env, variants[run % len(variants)]) for run in range(args.runs)]
            median = statistics.median(ms for ms, _ok in results)
            target = READ_TARGET_MS if kind == 'read' else WRITE_TARGET_MS
            good = all(ok for _ms, ok in results) and median <= target
            missed += not good
            failed = '' if all(ok for _ms, ok in results) else ' (a call failed)'
            print('%-32s %-6s %10.1f %10.0f  %s%s' % (label, kind, median, target, 'ok' if good else 'MISSED', failed))
        print('%s: %d of %d commands within target' % ('bench_sim', len(commands(guids)) - missed, len(commands(guids))))


if __name__ == '__main__':
    main()
