#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_target
short_description: Manage iSCSI targets on illumos (COMSTAR)
version_added: 0.1.0
description:
  - Creates, changes, brings online or offline, and deletes an iSCSI target (C(itadm create-target),
    C(modify-target), C(delete-target); C(stmfadm online-target), C(offline-target)).
  - The target is identified by O(name) (an IQN or EUI name, compared in canonical form -
    C(iqn.) names lowercase, C(eui.) names uppercase) or, when O(name) is omitted, by its O(alias),
    which must then be unique among the node's targets (two targets with that alias are refused,
    naming both).
  - When O(name) is omitted and no target has the alias, the target is created without C(-n);
    C(itadm) generates the IQN, which the module reads from C(Target ... successfully created)
    and returns as RV(target.name).
  - Only what an option asks for is compared and changed; options left unset are left as they are.
  - All changes to an existing target go into one C(itadm modify-target) call. C(itadm) changes
    a live target without taking it offline; only deleting an online target drops its sessions.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  name:
    description:
      - The target's node name, V(iqn.yyyy-mm.reverse.domain[:suffix]) or V(eui.) followed by 16 hex digits.
      - Omit it to let C(itadm) generate the IQN; the target is then found by O(alias).
    type: str
  alias:
    description:
      - The target alias (at most 255 characters), e.g. V(zvol1-iscsi).
      - The keyword V(none) (any case) removes the alias - C(itadm) reads it that way, so a target
        cannot be given the alias "none".
      - Identifies the target when O(name) is omitted.
    type: str
  auth_method:
    description:
      - How initiators authenticate to this target. V(default) follows the global setting
        (C(itadm modify-defaults -a)); it is reported as RV(target.auth_inherited=true).
      - With V(chap), every initiator needs its own CHAP secret to log in at all; set it with
        M(illumos.comstar.comstar_initiator).
      - V(radius) uses the global RADIUS server (C(itadm modify-defaults -r)).
      - Omitted = leave as it is (a new target follows the global setting).
    type: str
    choices: [none, chap, radius, default]
  chap_user:
    description:
      - The CHAP user name the target presents in mutual CHAP (C(itadm) uses the target's node name when none is set).
      - The keyword V(none) (any case) removes it.
    type: str
  chap_secret:
    description:
      - The target's own CHAP secret, 12 to 255 characters. This is the B(mutual) (bidirectional)
        CHAP secret - the one the target proves to the initiator - not the secret an initiator
        logs in with; those are per initiator (M(illumos.comstar.comstar_initiator)).
      - With O(backend=native) it reaches C(itadm) through a mode-0600 temporary file (C(-S)),
        removed afterwards, also when the command fails.
      - With O(backend=rsf1) C(stmfha) takes it only as a value (C(--chap-secret VALUE) on
        create-target, C(-s VALUE) on modify-target), so it is visible in the node's process table
        while C(stmfha) runs. It is masked in RV(commands), messages and logs.
      - C(itadm) offers no way to remove a target's secret once set.
    type: str
  tpgs:
    description:
      - The target portal groups the target listens on; replaces the whole set (C(itadm -t)).
      - V([default]) or V([]) means no explicit TPG - the default portal on every interface, port 3260.
      - Each TPG must exist (M(illumos.comstar.comstar_tpg)); a missing one is refused before any change.
      - Omitted = leave as it is.
    type: list
    elements: str
  online:
    description:
      - V(true) brings the target online, V(false) takes it offline (C(stmfadm online-target),
        C(offline-target); through C(stmfha) with O(backend=rsf1)). Offline drops its sessions.
      - Omitted = leave as it is. A new target comes up online.
      - V(false) on a target that does not exist yet needs O(name) (a generated IQN is known only
        after creation); without it the module refuses.
    type: bool
  state:
    description: Whether the target should exist.
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - Allow deleting an online target (C(itadm delete-target -f)), which drops its sessions.
        Without it, deleting an online target is refused; an offline target is deleted without C(-f).
    type: bool
    default: false
extends_documentation_fragment:
  - illumos.comstar.chap
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
attributes:
  check_mode:
    support: full
    description: Returns the planned commands and changes nothing; a generated IQN is V(null) until the target exists.
  diff_mode:
    support: full
    description: Shows the target before and after.
notes:
  - Deleting a target leaves target groups, logical units and views alone.
seealso:
  - module: illumos.comstar.comstar_tpg
  - module: illumos.comstar.comstar_initiator
  - module: illumos.comstar.comstar_target_group
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: The walkthrough's target (step 4) - CHAP, an alias, on TPG01; the IQN is generated
  illumos.comstar.comstar_target:
    alias: zvol1-iscsi
    auth_method: chap
    chap_secret: "{{ vault_target_chap_secret }}"
    tpgs: [TPG01]
  register: target

- name: Show the generated IQN
  ansible.builtin.debug:
    msg: "{{ target.target.name }}"

- name: The same target cluster-wide through RSF-1 (one IQN on every node)
  illumos.comstar.comstar_target:
    alias: zvol1-iscsi
    auth_method: chap
    chap_secret: "{{ vault_target_chap_secret }}"
    tpgs: [TPG01]
    backend: rsf1
  run_once: true

- name: A target with a fixed name, offline, listening on the default portal
  illumos.comstar.comstar_target:
    name: iqn.2010-08.org.illumos:02:storage01-t1
    tpgs: [default]
    online: false

- name: Remove the alias and follow the global authentication setting
  illumos.comstar.comstar_target:
    name: iqn.2010-08.org.illumos:02:storage01-t1
    alias: none
    auth_method: default

- name: Delete an online target (drops its sessions)
  illumos.comstar.comstar_target:
    name: iqn.2010-08.org.illumos:02:storage01-t1
    state: absent
    force: true
'''

RETURN = r'''
target:
  description:
    - The target after the run (in check mode, as planned), as C(illumos.comstar.comstar_info)
      reports it; V(null) when absent.
    - RV(target.name) carries the generated IQN when O(name) was omitted (V(null) in check mode
      before the target exists); a TPG's C(tag) is V(null) in check mode until C(itadm) assigns it.
  returned: always
  type: dict
  contains:
    name:
      description: The target's node name (the generated IQN when O(name) was omitted).
      type: str
    alias:
      description: The alias; V(null) when none is set.
      type: str
    state:
      description: The STMF port state, V(online) or V(offline) (V(null) when STMF does not know the target).
      type: str
    sessions:
      description: The number of active sessions.
      type: int
    auth:
      description: The authentication method in force (the global one when inherited).
      type: str
    auth_inherited:
      description: Whether the method follows the global setting (O(auth_method=default)).
      type: bool
    chap_user:
      description: The mutual-CHAP user name; V(null) when none is set.
      type: str
    chap_secret_set:
      description: Whether a mutual-CHAP secret is stored (its value is never shown).
      type: bool
    tpgs:
      description: The target portal groups with their tags; V([]) means the default portal group.
      type: list
      elements: dict
  sample:
    name: iqn.2010-08.org.illumos:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4
    alias: zvol1-iscsi
    state: online
    sessions: 0
    auth: chap
    auth_inherited: false
    chap_user: null
    chap_secret_set: true
    tpgs: [{name: TPG01, tag: 2}]
commands:
  description: The changing commands that ran (in check mode, that would run), secrets masked; empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[itadm, create-target, -a, chap, -S, <secret-file>, -l, zvol1-iscsi, -t, TPG01]]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import TargetPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.TARGET)),
        **specs.TARGET_RULES,
        supports_check_mode=True,
    )
    run_planner(module, TargetPlanner(module.params))


if __name__ == '__main__':
    main()
