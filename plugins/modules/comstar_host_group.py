#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_host_group
short_description: Manage COMSTAR host groups and their member initiators on illumos
version_added: 0.1.0
description:
  - Creates and deletes a COMSTAR host group (C(stmfadm create-hg), C(delete-hg)) and sets its
    member initiators (C(add-hg-member), C(remove-hg-member)). A view that names the host group
    gives its LU to those initiators only.
  - Members are compared in canonical form (C(iqn.) names lowercase, C(eui.) and C(wwn.) hex uppercase).
  - An initiator can be in only one host group. A member that is already in another host group is
    refused before any change, naming that group.
  - A host group that views use is deleted only with O(force=true), which removes those views first.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  name:
    description: Name of the host group (1 to 255 bytes, no blanks, not starting with V(*)), e.g. V(HG01).
    type: str
    required: true
  members:
    description:
      - The member initiators, each an initiator node name - V(iqn.), V(eui.) or V(wwn.) (16 hex digits).
      - By default the membership becomes exactly this list - missing members are added and
        others removed; see O(append).
      - When omitted, the membership is left as it is. V([]) removes every member.
      - Ignored with O(state=absent).
    type: list
    elements: str
  state:
    description: Whether the host group should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - illumos.comstar.groups
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
  - illumos.comstar.attributes.check_mode
attributes:
  diff_mode:
    support: full
    description: Shows the host group (name and members) before and after.
seealso:
  - module: illumos.comstar.comstar_initiator
  - module: illumos.comstar.comstar_view
  - module: illumos.comstar.comstar_target_group
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: A host group for two ESXi hosts
  illumos.comstar.comstar_host_group:
    name: HG01
    members:
      - iqn.1998-01.com.vmware:esx01-4f3c2a1b
      - iqn.1998-01.com.vmware:esx02-7d1e9c20

- name: The same cluster-wide through RSF-1
  illumos.comstar.comstar_host_group:
    name: HG01
    members:
      - iqn.1998-01.com.vmware:esx01-4f3c2a1b
      - iqn.1998-01.com.vmware:esx02-7d1e9c20
    backend: rsf1
  run_once: true

- name: Add a Fibre Channel initiator, keeping the others
  illumos.comstar.comstar_host_group:
    name: HG01
    members: [wwn.2100001b32a0c1d2]
    append: true

- name: Delete a host group together with the views that use it
  illumos.comstar.comstar_host_group:
    name: HG02
    state: absent
    force: true
'''

RETURN = r'''
host_group:
  description:
    - The host group after the run (in check mode, as planned), as C(illumos.comstar.comstar_info)
      reports it; V(null) when absent.
  returned: always
  type: dict
  contains:
    name:
      description: The group name.
      type: str
    members:
      description: The member initiator names, sorted.
      type: list
      elements: str
  sample: {name: HG01, members: ["iqn.1998-01.com.vmware:esx01-4f3c2a1b"]}
commands:
  description: The changing commands that ran (in check mode, that would run); empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample:
    - [stmfadm, create-hg, HG01]
    - [stmfadm, add-hg-member, -g, HG01, "iqn.1998-01.com.vmware:esx01-4f3c2a1b"]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_groups import HostGroupPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.GROUP)),
        supports_check_mode=True,
    )
    run_planner(module, HostGroupPlanner(module.params))


if __name__ == '__main__':
    main()
