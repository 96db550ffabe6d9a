#!/usr/bin/env python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: the founding walkthrough on the simulated RSF-1 cluster, then comstar_info on each node.

Until the role exists, the configuration is loaded with the simulator's own commands, in the
walkthrough's order (pkg, svcadm, zfs, then stmfha); the portal address is an input (--vip).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SIM_BIN = os.path.join(TOP, 'tests', 'simulator', 'bin')
NODES = ('live01', 'live02')


def sim(root: str, node: str, *argv: str) -> str:
    """Run one simulated command on a node, echo it as the walkthrough shows it, return stdout."""
    env = dict(os.environ, COMSTAR_SIM_ROOT=root, COMSTAR_SIM_NODE=node,
               PATH=os.pathsep.join([SIM_BIN, os.path.dirname(sys.executable), os.environ.get('PATH', '')]))
    shown = ' '.join('********' if previous == '--chap-secret' else arg for previous, arg in zip(('',) + argv, argv))
    print('%s# %s' % (node, shown))
    result = subprocess.run(list(argv), env=env, capture_output=True, text=True, check=False)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit('demo: %s failed on %s (rc=%d)' % (shown, node, result.returncode))
    return result.stdout


def load_walkthrough(root: str, vip: str) -> None:
    subprocess.run([os.path.join(SIM_BIN, 'simctl'), 'init', '--root', root, '--nodes', ','.join(NODES),
                    '--rsf1', '--pool', 'pool1=live01'], check=True)
    for node in NODES:
        sim(root, node, 'pkg', 'install', 'network/iscsi/target')
        sim(root, node, 'svcadm', 'enable', 'svc:/system/stmf:default')
        sim(root, node, 'svcadm', 'enable', 'svc:/network/iscsi/target:default')
    sim(root, 'live01', 'zfs', 'create', '-V', '1G', 'pool1/zvol1')
    sim(root, 'live01', 'stmfha', 'create-tpg', 'TPG01', '%s:3260' % vip)
    out = sim(root, 'live01', 'stmfha', 'create-target', '--auth-method', 'chap', '--chap-secret', secrets.token_urlsafe(12),
              '--alias', 'zvol1-iscsi', '--tpg', 'TPG01')
    iqn = re.search(r'Target (\S+) successfully created', out).group(1)
    sim(root, 'live01', 'stmfha', 'create-tg', 'TG01')
    sim(root, 'live01', 'stmfha', 'offline-target', iqn)
    sim(root, 'live01', 'stmfha', 'add-tg-member', '--group-name', 'TG01', iqn)
    sim(root, 'live01', 'stmfha', 'online-target', iqn)
    out = sim(root, 'live01', 'stmfha', 'create-lu', '/dev/zvol/rdsk/pool1/zvol1')
    guid = re.search(r'Logical unit created: ([0-9A-F]{32})', out).group(1)
    sim(root, 'live01', 'stmfha', 'add-view', '-t', 'TG01', guid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--root', required=True, help='simulator state directory (recreated)')
    parser.add_argument('--vip', default='192.168.5.10', help="the pool's virtual IP, the portal of TPG01")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    load_walkthrough(root, args.vip)
    env = dict(os.environ, COMSTAR_SIM_ROOT=root, ANSIBLE_CALLBACK_RESULT_FORMAT='yaml', ANSIBLE_NOCOLOR='1')
    print('\n# what illumos.comstar.comstar_info reports on each node')
    subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i',
                    os.path.join(TOP, 'tests', 'simulator', 'inventory.yml'), os.path.join(HERE, 'demo-info.yml')],
                   env=env, check=True)


if __name__ == '__main__':
    main()
