#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_services
short_description: Enable the COMSTAR SMF services on illumos
version_added: 0.1.0
description:
  - Enables C(svc:/system/stmf:default) and then C(svc:/network/iscsi/target:default) with
    C(svcadm enable -rs) (their dependencies too, persistently, waiting until each is online),
    or disables them with C(svcadm disable -s), the iSCSI target service first.
  - A service that is already in the requested state is left alone - no command runs.
  - A service in maintenance is reported with what C(svcs -x) says about it (its text is shown
    as printed). With O(clear_maintenance=true) it is cleared with C(svcadm clear) first.
  - C(itadm) refuses every command, lists included, while the iSCSI target service is not
    online, so run this module before the other modules of this collection.
  - M(ansible.builtin.service) cannot be tested off illumos; this module is tested against the
    collection's simulator.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  state:
    description:
      - V(started) enables both services and waits until they are online (C(svcadm enable -rs)).
      - V(stopped) disables both services (C(svcadm disable -s)); every iSCSI session ends.
    type: str
    choices: [started, stopped]
    default: started
  clear_maintenance:
    description:
      - Clear a service in maintenance (C(svcadm clear)) before enabling or disabling it.
      - When V(false), a service in maintenance fails the module with the C(svcs -x) text,
        before any change.
      - Fix the cause first - a service whose cause persists goes back to maintenance and the
        module fails.
    type: bool
    default: false
  timeout:
    description:
      - Seconds each command may take, above all each C(svcadm -s) waiting for a service to
        come online (or to be disabled), before the module gives up and fails.
    type: int
    default: 300
extends_documentation_fragment:
  - illumos.comstar.lock
  - illumos.comstar.attributes
  - illumos.comstar.attributes.check_mode
attributes:
  diff_mode:
    support: full
    description: Shows the state of both services before and after.
notes:
  - Packages C(storage/stmf) and C(network/iscsi/target) must be installed (C(pkg install network/iscsi/target storage/stmf)).
  - In a cluster, run it on every node (the walkthrough's step 1).
seealso:
  - module: illumos.comstar.comstar_info
  - module: illumos.comstar.comstar_tpg
'''

EXAMPLES = r'''
- name: Enable STMF and the iSCSI target service on every node (the walkthrough's step 1)
  illumos.comstar.comstar_services:

- name: Enable them, clearing a service left in maintenance after its cause was fixed
  illumos.comstar.comstar_services:
    clear_maintenance: true
    timeout: 120

- name: Disable both services (ends every iSCSI session)
  illumos.comstar.comstar_services:
    state: stopped
'''

RETURN = r'''
services:
  description: The SMF state of each service after the run (in check mode, as planned).
  returned: always
  type: dict
  contains:
    stmf:
      description: State of C(svc:/system/stmf:default) (V(online), V(disabled), V(maintenance), ...).
      type: str
    iscsi_target:
      description: State of C(svc:/network/iscsi/target:default).
      type: str
  sample: {stmf: online, iscsi_target: online}
commands:
  description: The changing commands that ran (in check mode, that would run); empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[svcadm, enable, -rs, "svc:/system/stmf:default"], [svcadm, enable, -rs, "svc:/network/iscsi/target:default"]]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils._lock import LOCK_ARGS
from ansible_collections.illumos.comstar.plugins.module_utils._module import run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_services import ServicesPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(
            LOCK_ARGS,
            state={'type': 'str', 'choices': ['started', 'stopped'], 'default': 'started'},
            clear_maintenance={'type': 'bool', 'default': False},
            timeout={'type': 'int', 'default': 300},
        ),
        supports_check_mode=True,
    )
    run_planner(module, ServicesPlanner(module.params))


if __name__ == '__main__':
    main()
