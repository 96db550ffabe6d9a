#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_tpg
short_description: Manage iSCSI target portal groups on illumos (COMSTAR)
version_added: 0.1.0
description:
  - Creates, changes and deletes an iSCSI target portal group (TPG) - a named set of
    C(ip:port) portals on which targets listen.
  - Portals are compared as a set in canonical form (port 3260 added when omitted, IPv6 in brackets).
  - C(itadm) has no way to change the portals of a TPG - the module deletes it (C(-f) when
    targets use it), recreates it and re-attaches every target that used it. That drops the
    sessions of those targets, so it needs O(force=true).
  - A portal that another TPG already owns is refused before any change.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  name:
    description: Name of the target portal group (1 to 255 characters), e.g. V(TPG01).
    type: str
    required: true
  portals:
    description:
      - The portals, each V(ip[:port]); IPv6 addresses in brackets (V([fe80::1]:3260)); the port defaults to V(3260).
      - Required with O(state=present).
    type: list
    elements: str
  state:
    description: Whether the TPG should exist.
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - Allow changing the portals of, or deleting, a TPG that targets use (C(itadm delete-tpg -f));
        their sessions drop and the targets are re-attached to the recreated TPG.
    type: bool
    default: false
extends_documentation_fragment:
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
  - illumos.comstar.attributes.check_mode
attributes:
  diff_mode:
    support: full
    description: Shows the TPG before and after.
seealso:
  - module: illumos.comstar.comstar_target
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: A TPG on the pool's virtual IP (the walkthrough's step 3)
  illumos.comstar.comstar_tpg:
    name: TPG01
    portals:
      - 192.168.5.10:3260

- name: The same TPG cluster-wide through RSF-1
  illumos.comstar.comstar_tpg:
    name: TPG01
    portals: [192.168.5.10]
    backend: rsf1
  run_once: true

- name: Move a TPG that targets use to new portals (drops their sessions)
  illumos.comstar.comstar_tpg:
    name: TPG01
    portals: [192.168.5.20:3260, "[fd00::20]:3260"]
    force: true

- name: Delete a TPG
  illumos.comstar.comstar_tpg:
    name: TPG02
    state: absent
'''

RETURN = r'''
tpg:
  description: The TPG after the run (in check mode, as planned), as C(illumos.comstar.comstar_info) reports it; V(null) when absent.
  returned: always
  type: dict
  sample: {name: TPG01, portals: ["192.168.5.10:3260"]}
commands:
  description: The changing commands that ran (in check mode, that would run); empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[itadm, create-tpg, TPG01, "192.168.5.10:3260"]]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import TpgPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.TPG)),
        **specs.TPG_RULES,
        supports_check_mode=True,
    )
    run_planner(module, TpgPlanner(module.params))


if __name__ == '__main__':
    main()
