# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The per-node lock that serialises runs on one node."""

    DOCUMENTATION = r'''
options:
  lock_file:
    description:
      - The lock file on the managed node. Every run holds an exclusive lock on it from the first
        read of the node's state to the last, so two runs on one node (two plays, two AWX jobs)
        take turns instead of interleaving their changes.
      - When not given, the environment variable E(ILLUMOS_COMSTAR_LOCK_FILE) of the module's
        process on the node names it, else V(/var/run/illumos.comstar.lock).
    type: path
  lock_timeout:
    description:
      - Seconds to wait for another run's lock. A run that cannot take it in time fails naming
        the lock file, having read and changed nothing. V(0) does not wait.
    type: int
    default: 300
'''
