# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The options that host groups and target groups share."""

    DOCUMENTATION = r'''
options:
  append:
    description: Only add the missing members; never remove a member that is not listed.
    type: bool
    default: false
  force:
    description:
      - With O(state=absent), remove the views that name this group (C(stmfadm remove-view))
        before deleting it. Without it, such a group is refused, naming the LUs and view entries.
    type: bool
    default: false
'''
