#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_view
short_description: Manage the view entries of COMSTAR logical units on illumos
version_added: 0.1.0
description:
  - Adds and removes a view entry of a logical unit (LU) - the association of a host group,
    a target group and a logical unit number (LUN) that lets those initiators see the LU
    through those targets (C(stmfadm add-view), C(stmfadm remove-view)).
  - A view is identified by O(lu), O(host_group) and O(target_group); O(lun) is what may change.
    A changed O(lun) removes the entry and adds it again with the new LUN, so initiators lose the
    LU for a moment.
  - COMSTAR refuses a second entry of the same LU whose host group and target group overlap the
    first one's (All overlaps every group). Such an entry is refused before any change, naming
    it, unless O(force=true) replaces it.
  - An explicit O(lun) is checked before any change by the kernel's rule - a LUN is taken when
    any view, of any LU, whose host group and target group overlap this one's uses it - and a
    taken LUN is refused, naming the view that holds it.
  - When O(lun) is omitted, COMSTAR picks the lowest free LUN; check mode predicts it from the
    state read. An existing entry with the same identity then counts as present, whatever its LUN.
  - In an RSF-1 cluster, LUs and views exist only on the node where the LU's pool is imported;
    run the module there.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  lu:
    description:
      - The logical unit, as its GUID (32 hexadecimal digits, any case), its data file
        (V(/dev/zvol/rdsk/pool1/zvol1), a path starting with V(/)), or its zvol (V(pool1/zvol1)).
      - The LU must exist on this node (M(illumos.comstar.comstar_lu)).
    type: str
    required: true
  host_group:
    description:
      - The host group whose initiators see the LU. Omitted means all initiators (All).
      - The group must exist (M(illumos.comstar.comstar_host_group)).
    type: str
  target_group:
    description:
      - The target group through whose targets the LU is seen. Omitted means all targets (All).
      - The group must exist (M(illumos.comstar.comstar_target_group)).
    type: str
  lun:
    description:
      - The logical unit number, 0 to 16383. Omitted means automatic - the lowest LUN that is free
        across every view whose host group and target group overlap this one's.
      - Ignored with O(state=absent).
    type: int
  state:
    description:
      - Whether the view entry should exist. V(absent) removes exactly the entry with this
        O(lu), O(host_group) and O(target_group), and nothing when the LU does not exist.
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - Replace the other view entries of the same LU whose host group and target group overlap
        the requested one (they are removed first).
    type: bool
    default: false
notes:
  - COMSTAR cannot change the LUN of an entry in place - a changed LUN removes the entry and adds
    it again. When the new C(add-view) fails, the entries removed for it are added back with their
    groups and LUN (their entry numbers may change) and the error names the failed command.
extends_documentation_fragment:
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
attributes:
  check_mode:
    support: full
    description: Returns the planned commands and the predicted entry number and LUN; changes nothing.
  diff_mode:
    support: full
    description: Shows the view entry before and after.
seealso:
  - module: illumos.comstar.comstar_lu
  - module: illumos.comstar.comstar_host_group
  - module: illumos.comstar.comstar_target_group
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: Let every initiator see the LU through target group TG01 (the walkthrough's step 8)
  illumos.comstar.comstar_view:
    lu: 600144F09CF9DD070000614DEADE0001
    target_group: TG01

- name: The same, naming the LU by its zvol, through RSF-1 on the node that has the pool
  illumos.comstar.comstar_view:
    lu: pool1/zvol1
    target_group: TG01
    backend: rsf1

- name: A fixed LUN for the ESXi hosts
  illumos.comstar.comstar_view:
    lu: /dev/zvol/rdsk/pool1/zvol2
    host_group: HG-ESX
    target_group: TG01
    lun: 5

- name: Replace an "All initiators" entry by one for the ESXi hosts only
  illumos.comstar.comstar_view:
    lu: pool1/zvol2
    host_group: HG-ESX
    force: true

- name: Remove the entry of TG01
  illumos.comstar.comstar_view:
    lu: pool1/zvol1
    target_group: TG01
    state: absent
'''

RETURN = r'''
view:
  description:
    - The view entry after the run (in check mode, as planned - with the entry number and LUN
      COMSTAR is expected to assign); V(null) when absent.
    - V(null) groups stand for All, as in C(illumos.comstar.comstar_info).
  returned: always
  type: dict
  contains:
    lu:
      description: The GUID of the logical unit (uppercase).
      type: str
    entry:
      description: The view entry number.
      type: int
    host_group:
      description: The host group, or V(null) for all initiators.
      type: str
    target_group:
      description: The target group, or V(null) for all targets.
      type: str
    lun:
      description: The logical unit number.
      type: int
  sample: {lu: 600144F09CF9DD070000614DEADE0001, entry: 0, host_group: null, target_group: TG01, lun: 0}
commands:
  description: The changing commands that ran (in check mode, that would run); empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[stmfadm, add-view, -t, TG01, 600144F09CF9DD070000614DEADE0001]]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_view import ViewPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.VIEW)),
        supports_check_mode=True,
    )
    run_planner(module, ViewPlanner(module.params))


if __name__ == '__main__':
    main()
