#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_info
short_description: Read the COMSTAR iSCSI configuration of an illumos node
version_added: 0.1.0
description:
  - Reads the SMF services, target portal groups, iSCSI targets, target groups, host groups,
    initiator contexts, logical units with their views, global iSCSI defaults and the RSF-1
    cluster view of one node, with the node's own C(stmfadm), C(itadm), C(svcs), C(zpool) and
    C(rsfcli) list commands.
  - Every list runs once; C(stmfadm list-view) runs once per logical unit that has view entries.
  - Never fails because the iSCSI target service is not online (C(itadm) then refuses every
    command); the C(tpgs), C(targets), C(initiators) and C(defaults) keys are then V(null) and a
    warning says why.
  - In an RSF-1 cluster, logical units and views exist only on the node where their pool is
    imported; run this module on each node to see the whole cluster.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  gather_subset:
    description:
      - Which parts to read. V(all) reads everything; a name adds that part, V(!name) removes it.
      - Only the commands of the chosen parts run.
      - V(views) is part of V(logical_units) (each logical unit carries its views);
        V(logical_units) with V(!views) skips the C(stmfadm list-view) calls and returns
        V(null) views.
    type: list
    elements: str
    default: [all]
extends_documentation_fragment:
  - illumos.comstar.attributes
attributes:
  check_mode:
    support: full
    description: The module changes nothing; it runs the same read-only commands in check mode.
  diff_mode:
    support: N/A
    description: The module changes nothing, so there is no difference to show.
notes:
  - As an C(_info) module it returns its result under C(comstar) only and sets no fact; register the result
    (C(register)) to use it in later tasks.
  - Values are normalised as COMSTAR prints them in words - V(not set), V(-), V(<none>) and V(unset)
    become V(null), a CHAP secret is reported only as set or not, padding is stripped, lists are sorted.
seealso:
  - module: illumos.comstar.comstar_services
'''

EXAMPLES = r'''
- name: Read everything
  illumos.comstar.comstar_info:
  register: comstar

- name: Show the portals of every target portal group
  ansible.builtin.debug:
    msg: "{{ comstar.comstar.tpgs | map(attribute='portals') | list }}"

- name: Read only the logical units, without their views
  illumos.comstar.comstar_info:
    gather_subset:
      - logical_units
      - '!views'

- name: Which pools are imported here, and where RSF-1 runs each service
  illumos.comstar.comstar_info:
    gather_subset: cluster
'''

RETURN = r'''
comstar:
  description: The node's COMSTAR state; only the keys of the gathered subsets are present.
  returned: always
  type: dict
  contains:
    services:
      description: SMF state of C(svc:/system/stmf:default) (C(stmf)) and C(svc:/network/iscsi/target:default) (C(iscsi_target)).
      type: dict
      returned: when gathered
      sample: {stmf: online, iscsi_target: online}
    tpgs:
      description: Target portal groups, sorted by name; V(null) when itadm refused to run.
      type: list
      elements: dict
      returned: when gathered
      sample: [{name: TPG01, portals: ["192.168.5.10:3260"]}]
    targets:
      description:
        - iSCSI targets, sorted by name; V(null) when itadm refused to run.
        - C(tpgs) is the list of target portal groups with their tags; an empty list means the default portal.
        - C(auth_inherited) is true when the target follows the global default (C(itadm list-defaults)).
      type: list
      elements: dict
      returned: when gathered
      sample:
        - name: iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4
          alias: zvol1-iscsi
          state: online
          sessions: 0
          auth: chap
          auth_inherited: false
          chap_user: null
          chap_secret_set: true
          tpgs: [{name: TPG01, tag: 2}]
    target_groups:
      description: Target groups and their member targets.
      type: list
      elements: dict
      returned: when gathered
      sample: [{name: TG01, members: ["iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"]}]
    host_groups:
      description: Host groups and their member initiators.
      type: list
      elements: dict
      returned: when gathered
      sample: [{name: HG01, members: ["iqn.1998-01.com.vmware:esx01-4f3c2a1b"]}]
    initiators:
      description: Initiator contexts (per-initiator CHAP settings); V(null) when itadm refused to run.
      type: list
      elements: dict
      returned: when gathered
      sample: [{name: iqn.1998-01.com.vmware:esx01-4f3c2a1b, chap_user: null, chap_secret_set: true}]
    logical_units:
      description:
        - Logical units sorted by GUID, with their view entries (a V(null) group means All).
        - A GUID that exists only through view entries (its backing store is gone) has
          C(operational_status) V(unregistered) and V(null) properties.
      type: list
      elements: dict
      returned: when gathered
      sample:
        - guid: 600144F09CF9DD070000614DEADE0001
          alias: /dev/zvol/rdsk/pool1/zvol1
          data_file: /dev/zvol/rdsk/pool1/zvol1
          zvol: pool1/zvol1
          size: 1073741824
          block_size: 512
          operational_status: Online
          access_state: Active
          provider: sbd
          meta_file: null
          management_url: null
          vendor_id: SUN
          product_id: COMSTAR
          serial: null
          write_protect: false
          writeback_cache: false
          views: [{entry: 0, host_group: null, target_group: TG01, lun: 0}]
    defaults:
      description: Global iSCSI target defaults (C(itadm list-defaults)); V(null) when itadm refused to run.
      type: dict
      returned: when gathered
      sample: {alias: null, auth: null, radius_server: null, radius_secret_set: false, isns: false, isns_servers: []}
    cluster:
      description:
        - C(rsf1) is true when C(rsfcli) answers on this node; C(services) lists each RSF-1
          service with the node running it (V(null) when stopped); C(active_pools) are the pools imported here.
      type: dict
      returned: when gathered
      sample: {rsf1: true, services: [{name: pool1, node: live01}], active_pools: [pool1]}
    exposure:
      description:
        - Each way to reach a logical unit without authenticating - a view for host group All through a
          target whose C(auth) is V(none) (set, or inherited from the defaults) - as one item per LU, target
          and portal (V(*:3260) for a target in the default portal group). V([]) when there is none.
        - Fail an AWX job on it with C(ansible.builtin.assert) on C(result.comstar.exposure | length == 0).
        - V(null) when the targets could not be read (itadm refused).
      type: list
      elements: dict
      returned: when views, targets, tpgs and target_groups are all gathered
      sample:
        - lu: 600144F09CF9DD070000614DEADE0002
          target: iqn.2010-08.org.illumos:02:open
          portal: 192.168.5.10:3260
          why: "view entry 0 (LUN 0) is for host group All through target group TG02, and the target has auth none ..."
commands:
  description: The commands that ran, in order.
  returned: always
  type: list
  elements: list
  sample: [[stmfadm, list-tg, -v]]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils._info import comstar_info
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import StateReader, resolve_subsets


def main() -> None:
    module = AnsibleModule(argument_spec={'gather_subset': {'type': 'list', 'elements': 'str', 'default': ['all']}},
                           supports_check_mode=True)
    try:
        subsets = resolve_subsets(module.params['gather_subset'])
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    runner = Runner(module)
    try:
        state = StateReader(runner).read(subsets)
    except CommandError as exc:
        module.fail_json(msg=exc.message, commands=runner.commands, **exc.to_dict())
    for warning in state.warnings:
        module.warn(warning)
    info = comstar_info(state, subsets)
    module.exit_json(changed=False, comstar=info, commands=runner.commands)


if __name__ == '__main__':
    main()
