# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The backend options of every module that changes COMSTAR objects."""

    DOCUMENTATION = r'''
options:
  backend:
    description:
      - How changes are made. V(native) runs C(stmfadm) and C(itadm) on this node only.
      - V(rsf1) makes every COMSTAR change through RSF-1's C(stmfha), which applies
        cluster-wide objects (TPGs, targets, groups, initiators) on every cluster node and
        pool-bound objects (logical units, views) on the node where the pool is imported.
        State is still read with this node's own list commands. ZFS volumes always use plain C(zfs).
    type: str
    choices: [native, rsf1]
    default: native
  stmfha_path:
    description:
      - Path of RSF-1's C(stmfha) for O(backend=rsf1). When that file does not exist, C(stmfha)
        is looked up on E(PATH).
    type: path
    default: /opt/HAC/RSF-1/bin/stmfha
notes:
  - Commands run with E(LC_ALL=C); binaries are looked up on E(PATH) (C(/usr/sbin) is searched too).
  - Every change is planned from one read of the node's state, applied, and confirmed by reading
    again; in check mode the module stops after planning and returns the planned C(commands).
'''
