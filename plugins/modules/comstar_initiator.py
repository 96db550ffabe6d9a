#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_initiator
short_description: Manage iSCSI initiator contexts (per-initiator CHAP) on illumos (COMSTAR)
version_added: 0.1.0
description:
  - Creates, changes and deletes an iSCSI initiator context (C(itadm create-initiator),
    C(modify-initiator), C(delete-initiator)) - the CHAP user and secret a given initiator
    must present to log in.
  - A target with C(auth_method=chap) (M(illumos.comstar.comstar_target)) admits only initiators
    that have their own secret here; the target's own C(chap_secret) is the mutual-CHAP secret
    the target proves in return.
  - RADIUS is not configured per initiator - the RADIUS server and secret are global
    (C(itadm modify-defaults -r/-D)).
  - Which initiators may see which logical units is a matter of host groups and views
    (M(illumos.comstar.comstar_host_group), M(illumos.comstar.comstar_view)), not of this module.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  name:
    description:
      - The initiator's node name, V(iqn.yyyy-mm.reverse.domain[:suffix]) or V(eui.) followed by 16
        hex digits; compared in canonical form (C(iqn.) lowercase, C(eui.) uppercase).
    type: str
    required: true
  chap_user:
    description:
      - The CHAP user name the initiator logs in with (C(itadm) uses the initiator's node name when none is set).
      - The keyword V(none) (any case) removes it.
      - Omitted = leave as it is.
    type: str
  chap_secret:
    description:
      - The secret the initiator must prove (one-way CHAP), 12 to 255 characters.
      - With O(backend=native) it reaches C(itadm) through a mode-0600 temporary file (C(-S)),
        removed afterwards, also when the command fails.
      - With O(backend=rsf1) C(stmfha) takes it only as a value (C(-s VALUE)), so it is visible in
        the node's process table while C(stmfha) runs. It is masked in RV(commands), messages and logs.
      - A stored secret cannot be removed with C(itadm); delete the initiator context instead.
    type: str
  state:
    description: Whether the initiator context should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - illumos.comstar.chap
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
  - illumos.comstar.attributes.check_mode
attributes:
  diff_mode:
    support: full
    description: Shows the initiator context before and after (the secret only as set/unset).
seealso:
  - module: illumos.comstar.comstar_target
  - module: illumos.comstar.comstar_host_group
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: Let an ESXi host log in to CHAP targets
  illumos.comstar.comstar_initiator:
    name: iqn.1998-01.com.vmware:esx01-4f3c2a1b
    chap_user: esx01
    chap_secret: "{{ vault_esx01_chap_secret }}"

- name: The same on every cluster node through RSF-1
  illumos.comstar.comstar_initiator:
    name: iqn.1998-01.com.vmware:esx01-4f3c2a1b
    chap_secret: "{{ vault_esx01_chap_secret }}"
    backend: rsf1
  run_once: true

- name: Rotate the secret (reports changed on every run)
  illumos.comstar.comstar_initiator:
    name: iqn.1998-01.com.vmware:esx01-4f3c2a1b
    chap_secret: "{{ vault_esx01_new_secret }}"
    update_secret: always

- name: Remove the context
  illumos.comstar.comstar_initiator:
    name: iqn.1998-01.com.vmware:esx01-4f3c2a1b
    state: absent
'''

RETURN = r'''
initiator:
  description: The initiator context after the run (in check mode, as planned), as C(illumos.comstar.comstar_info) reports it; V(null) when absent.
  returned: always
  type: dict
  contains:
    name:
      description: The initiator's node name, canonical.
      type: str
    chap_user:
      description: The CHAP user name; V(null) when none is set.
      type: str
    chap_secret_set:
      description: Whether a CHAP secret is stored (its value is never shown).
      type: bool
  sample: {name: "iqn.1998-01.com.vmware:esx01-4f3c2a1b", chap_user: esx01, chap_secret_set: true}
commands:
  description: The changing commands that ran (in check mode, that would run), secrets masked; empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[itadm, create-initiator, -u, esx01, -S, <secret-file>, "iqn.1998-01.com.vmware:esx01-4f3c2a1b"]]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import InitiatorPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.INITIATOR)),
        supports_check_mode=True,
    )
    run_planner(module, InitiatorPlanner(module.params))


if __name__ == '__main__':
    main()
