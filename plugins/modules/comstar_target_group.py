#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_target_group
short_description: Manage COMSTAR target groups and their member targets on illumos
version_added: 0.1.0
description:
  - Creates and deletes a COMSTAR target group (C(stmfadm create-tg), C(delete-tg)) and sets its
    member targets (C(add-tg-member), C(remove-tg-member)). A view that names the target group
    gives its LU to those targets only.
  - Members are compared in canonical form (C(iqn.) names lowercase, C(eui.) hex uppercase).
  - COMSTAR refuses to change the membership of a target whose port is online. The module takes
    each affected online target offline (C(stmfadm offline-target)), changes the membership and
    brings each one back online - the restore also runs when the change fails. The sessions of
    those targets drop briefly. Targets that were offline stay offline.
  - A target can be in only one target group. A member that is already in another target group is
    refused before any change, naming that group.
  - A target group that views use is deleted only with O(force=true), which removes those views first.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  name:
    description: Name of the target group (1 to 255 bytes, no blanks, not starting with V(*)), e.g. V(TG01).
    type: str
    required: true
  members:
    description:
      - The member targets, each a target IQN (or EUI) or the alias of an existing target. An
        alias is resolved from this node's target list and must match exactly one target.
      - By default the membership becomes exactly this list - missing members are added and
        others removed; see O(append).
      - When omitted, the membership is left as it is. V([]) removes every member.
      - Ignored with O(state=absent).
    type: list
    elements: str
  state:
    description: Whether the target group should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - illumos.comstar.groups
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
attributes:
  check_mode:
    support: full
    description: Returns the planned commands, including the offline/online steps, and changes nothing.
  diff_mode:
    support: full
    description: Shows the target group (name and members) before and after.
notes:
  - With O(backend=rsf1) every command runs through C(stmfha) and applies to every cluster node;
    the seed's form C(stmfha add-tg-member --group-name) is used.
seealso:
  - module: illumos.comstar.comstar_target
  - module: illumos.comstar.comstar_view
  - module: illumos.comstar.comstar_host_group
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: The walkthrough's steps 5 and 6 - TG01 holding the target, named by its alias
  illumos.comstar.comstar_target_group:
    name: TG01
    members: [zvol1-iscsi]

- name: The same cluster-wide through RSF-1
  illumos.comstar.comstar_target_group:
    name: TG01
    members: [zvol1-iscsi]
    backend: rsf1
  run_once: true

- name: Add one more target, keeping the others
  illumos.comstar.comstar_target_group:
    name: TG01
    members: [iqn.2010-08.org.illumos:02:5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87]
    append: true

- name: Delete a target group together with the views that use it
  illumos.comstar.comstar_target_group:
    name: TG02
    state: absent
    force: true
'''

RETURN = r'''
target_group:
  description:
    - The target group after the run (in check mode, as planned), as C(illumos.comstar.comstar_info)
      reports it; V(null) when absent.
  returned: always
  type: dict
  contains:
    name:
      description: The group name.
      type: str
    members:
      description: The member target names, sorted.
      type: list
      elements: str
  sample: {name: TG01, members: ["iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"]}
offlined:
  description: The targets the run took offline for the membership change and brought back online (in check mode, that it would).
  returned: always
  type: list
  elements: str
  sample: ["iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"]
commands:
  description: The changing commands that ran (in check mode, that would run); empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample:
    - [stmfadm, create-tg, TG01]
    - [stmfadm, offline-target, "iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"]
    - [stmfadm, add-tg-member, -g, TG01, "iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"]
    - [stmfadm, online-target, "iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_groups import TargetGroupPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.GROUP)),
        supports_check_mode=True,
    )
    run_planner(module, TargetGroupPlanner(module.params))


if __name__ == '__main__':
    main()
