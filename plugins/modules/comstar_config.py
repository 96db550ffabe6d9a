#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_config
short_description: Declare a node's whole COMSTAR iSCSI configuration in one read, one plan and one apply
version_added: 0.2.0
description:
  - Takes the desired target portal groups, initiator contexts, targets, host groups, target
    groups, logical units with their views, and the global iSCSI defaults in one O(config), reads
    the node once, plans every change in dependency order and applies it, then reads again to
    confirm.
  - Each item takes the options of the matching object module and is planned by the same rules
    (M(illumos.comstar.comstar_tpg), M(illumos.comstar.comstar_initiator),
    M(illumos.comstar.comstar_target), M(illumos.comstar.comstar_host_group),
    M(illumos.comstar.comstar_target_group), M(illumos.comstar.comstar_lu) with
    M(illumos.comstar.comstar_view)). Planning works on the state as the plan so far leaves it, so
    a target on a TPG that the same run creates, or a view of an LU it creates, is planned - also
    in check mode on an empty node.
  - The whole input is checked before anything is read or changed, including conflicts between
    items (an object listed twice, an alias of two targets, a target in two target groups, two
    views at one LUN for overlapping groups, an LU on a pool outside O(pools)); a refusal names
    both items.
  - One read is the fixed list commands of the managed sections plus one C(stmfadm list-view -l)
    per logical unit that has view entries. Targets whose target-group membership changes go
    offline at most once per run and always come back, also when a step fails.
  - An object created without its identity known beforehand - a target without O(config.targets[].name),
    whose IQN C(itadm) generates, or an LU whose GUID C(stmfadm) generates - is named by its alias
    or its zvol in the planned C(commands) until it exists; the commands that ran show the real
    IQN or GUID.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  config:
    description:
    - The desired configuration, by section. A section that is omitted is not managed - nothing of it is
      changed or removed.
    type: dict
    suboptions:
      tpgs:
        description:
        - The target portal groups.
        - Each item takes the options of M(illumos.comstar.comstar_tpg) (but the backend and lock options,
          which are this module's own).
        - 'Omitted: this section is not managed.'
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - As O(illumos.comstar.comstar_tpg#module:name).
            type: str
            required: true
          portals:
            description:
            - As O(illumos.comstar.comstar_tpg#module:portals).
            type: list
            elements: str
          state:
            description:
            - As O(illumos.comstar.comstar_tpg#module:state).
            type: str
            choices:
            - present
            - absent
            default: present
          force:
            description:
            - As O(illumos.comstar.comstar_tpg#module:force).
            type: bool
            default: false
      initiators:
        description:
        - The initiator contexts (per-initiator CHAP).
        - Each item takes the options of M(illumos.comstar.comstar_initiator) (but the backend and lock
          options, which are this module's own).
        - 'Omitted: this section is not managed.'
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - As O(illumos.comstar.comstar_initiator#module:name).
            type: str
            required: true
          chap_user:
            description:
            - As O(illumos.comstar.comstar_initiator#module:chap_user).
            type: str
          chap_secret:
            description:
            - As O(illumos.comstar.comstar_initiator#module:chap_secret).
            type: str
          update_secret:
            description:
            - As O(illumos.comstar.comstar_initiator#module:update_secret).
            type: str
            choices:
            - on_create
            - always
            default: on_create
          state:
            description:
            - As O(illumos.comstar.comstar_initiator#module:state).
            type: str
            choices:
            - present
            - absent
            default: present
      targets:
        description:
        - The iSCSI targets. A target without O(config.targets[].name) is identified by its alias; a target
          group of the same O(config) may name it by that alias.
        - Each item takes the options of M(illumos.comstar.comstar_target) (but the backend and lock options,
          which are this module's own).
        - 'Omitted: this section is not managed.'
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - As O(illumos.comstar.comstar_target#module:name).
            type: str
          alias:
            description:
            - As O(illumos.comstar.comstar_target#module:alias).
            type: str
          auth_method:
            description:
            - As O(illumos.comstar.comstar_target#module:auth_method).
            type: str
            choices:
            - none
            - chap
            - radius
            - default
          chap_user:
            description:
            - As O(illumos.comstar.comstar_target#module:chap_user).
            type: str
          chap_secret:
            description:
            - As O(illumos.comstar.comstar_target#module:chap_secret).
            type: str
          update_secret:
            description:
            - As O(illumos.comstar.comstar_target#module:update_secret).
            type: str
            choices:
            - on_create
            - always
            default: on_create
          tpgs:
            description:
            - As O(illumos.comstar.comstar_target#module:tpgs).
            type: list
            elements: str
          online:
            description:
            - As O(illumos.comstar.comstar_target#module:online).
            type: bool
          state:
            description:
            - As O(illumos.comstar.comstar_target#module:state).
            type: str
            choices:
            - present
            - absent
            default: present
          force:
            description:
            - As O(illumos.comstar.comstar_target#module:force).
            type: bool
            default: false
      host_groups:
        description:
        - The host groups.
        - Each item takes the options of M(illumos.comstar.comstar_host_group) (but the backend and lock
          options, which are this module's own).
        - 'Omitted: this section is not managed.'
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - As O(illumos.comstar.comstar_host_group#module:name).
            type: str
            required: true
          members:
            description:
            - As O(illumos.comstar.comstar_host_group#module:members).
            type: list
            elements: str
          append:
            description:
            - As O(illumos.comstar.comstar_host_group#module:append).
            type: bool
            default: false
          state:
            description:
            - As O(illumos.comstar.comstar_host_group#module:state).
            type: str
            choices:
            - present
            - absent
            default: present
          force:
            description:
            - As O(illumos.comstar.comstar_host_group#module:force).
            type: bool
            default: false
      target_groups:
        description:
        - The target groups. Members may name targets by alias, also targets this O(config) creates.
        - Each item takes the options of M(illumos.comstar.comstar_target_group) (but the backend and lock
          options, which are this module's own).
        - 'Omitted: this section is not managed.'
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - As O(illumos.comstar.comstar_target_group#module:name).
            type: str
            required: true
          members:
            description:
            - As O(illumos.comstar.comstar_target_group#module:members).
            type: list
            elements: str
          append:
            description:
            - As O(illumos.comstar.comstar_target_group#module:append).
            type: bool
            default: false
          state:
            description:
            - As O(illumos.comstar.comstar_target_group#module:state).
            type: str
            choices:
            - present
            - absent
            default: present
          force:
            description:
            - As O(illumos.comstar.comstar_target_group#module:force).
            type: bool
            default: false
      logical_units:
        description:
        - The logical units with their views. An item on a pool outside O(pools) is refused.
        - Each item takes the options of M(illumos.comstar.comstar_lu) (but the backend and lock options,
          which are this module's own).
        - 'Omitted: this section is not managed.'
        type: list
        elements: dict
        suboptions:
          zvol:
            description:
            - As O(illumos.comstar.comstar_lu#module:zvol).
            type: str
          data_file:
            description:
            - As O(illumos.comstar.comstar_lu#module:data_file).
            type: path
          size:
            description:
            - As O(illumos.comstar.comstar_lu#module:size).
            type: str
          sparse:
            description:
            - As O(illumos.comstar.comstar_lu#module:sparse).
            type: bool
            default: false
          volblocksize:
            description:
            - As O(illumos.comstar.comstar_lu#module:volblocksize).
            type: str
          zvol_properties:
            description:
            - As O(illumos.comstar.comstar_lu#module:zvol_properties).
            - With O(state=gathered) an item carries the properties set on its zvol itself (C(zfs get -s local)),
              without the size, the block size and the reservation ZFS gives a volume created without C(-s)
              (that one belongs to O(config.logical_units[].sparse)), so applying it keeps them and changes nothing.
            - O(state=replaced) and O(state=overridden) leave properties that are not listed as they are.
            - Read with one C(zfs get) for the volumes of all pools of the run, only when an item lists it (and
              for O(state=gathered)).
            type: dict
          guid:
            description:
            - As O(illumos.comstar.comstar_lu#module:guid).
            type: str
          alias:
            description:
            - As O(illumos.comstar.comstar_lu#module:alias).
            type: str
          block_size:
            description:
            - As O(illumos.comstar.comstar_lu#module:block_size).
            type: int
          write_cache:
            description:
            - As O(illumos.comstar.comstar_lu#module:write_cache).
            type: bool
          write_protect:
            description:
            - As O(illumos.comstar.comstar_lu#module:write_protect).
            type: bool
          vendor_id:
            description:
            - As O(illumos.comstar.comstar_lu#module:vendor_id).
            type: str
          product_id:
            description:
            - As O(illumos.comstar.comstar_lu#module:product_id).
            type: str
          serial:
            description:
            - As O(illumos.comstar.comstar_lu#module:serial).
            type: str
          mgmt_url:
            description:
            - As O(illumos.comstar.comstar_lu#module:mgmt_url).
            type: str
          state:
            description:
            - As O(illumos.comstar.comstar_lu#module:state).
            type: str
            choices:
            - present
            - absent
            default: present
          keep_views:
            description:
            - As O(illumos.comstar.comstar_lu#module:keep_views).
            type: bool
            default: false
          destroy_zvol:
            description:
            - As O(illumos.comstar.comstar_lu#module:destroy_zvol).
            type: bool
            default: false
          views:
            description:
            - The views of the LU; each takes the options of M(illumos.comstar.comstar_view) but O(illumos.comstar.comstar_view#module:lu),
              which is this item.
            - With O(state=replaced) or O(state=overridden) the LU gets exactly these views.
            type: list
            elements: dict
            suboptions:
              host_group:
                description:
                - As O(illumos.comstar.comstar_view#module:host_group).
                type: str
              target_group:
                description:
                - As O(illumos.comstar.comstar_view#module:target_group).
                type: str
              lun:
                description:
                - As O(illumos.comstar.comstar_view#module:lun).
                type: int
              state:
                description:
                - As O(illumos.comstar.comstar_view#module:state).
                type: str
                choices:
                - present
                - absent
                default: present
              force:
                description:
                - As O(illumos.comstar.comstar_view#module:force).
                type: bool
                default: false
      defaults:
        description:
        - 'The global iSCSI target defaults (C(itadm modify-defaults)). Omitted: not managed.'
        type: dict
        suboptions:
          auth_method:
            type: str
            choices:
            - none
            - chap
            - radius
            description:
            - The authentication method a target uses when its own is V(default) (C(itadm modify-defaults
              -a)).
          radius_server:
            type: str
            description:
            - The RADIUS server, C(ip[:port]) (port 1812 when omitted); V(none) removes it.
          radius_secret:
            type: str
            description:
            - The RADIUS shared secret, 12 to 255 characters; passed to C(itadm) in a mode-0600 file (C(-D)).
            - It reads back only as set or not set; see O(config.defaults.update_secret).
          update_secret:
            type: str
            choices:
            - on_create
            - always
            default: on_create
            description:
            - 'When to send O(config.defaults.radius_secret): V(on_create) only while none is set, V(always)
              every run (never idempotent).'
          isns:
            type: bool
            description:
            - Whether iSNS discovery is enabled (C(-i enable|disable)).
          isns_servers:
            type: list
            elements: str
            description:
            - The iSNS servers, at most eight C(ip[:port]); an empty list removes them.
  pools:
    description:
      - The pools whose logical units and views this run manages. LUs on other pools are never
        touched, also not by O(state=overridden).
      - Default - the pools of the zvols of O(config.logical_units).
    type: list
    elements: str
  state:
    description:
      - V(merged) declares each listed item as its module would; options omitted are left as they
        are, and an item or view with C(state=absent) is removed.
      - V(replaced) makes each listed item exactly as given - options omitted return to COMSTAR's
        defaults (a target's alias and CHAP user removed, its TPGs V(default) and its
        authentication inherited; an initiator's CHAP user removed; group members exactly those
        listed; an LU's views exactly those listed).
      - V(overridden) is V(replaced), and every object of a given section that is not listed is
        removed (logical units only on O(pools), their zvols kept). A TPG, target or group removed
        this way is removed also when it is in use (as with O(config.targets[].force=true)).
      - V(deleted) removes the listed objects; a section given as an empty list removes all
        objects of that section (logical units only on O(pools)).
      - V(gathered) changes nothing and returns RV(gathered), the node's configuration in the
        O(config) format (all sections, or those given in O(config)). Applying it with V(merged)
        or V(overridden) to the same node changes nothing.
      - V(rendered) reads no node and needs no COMSTAR tools - run it delegated
        to the controller (C(delegate_to) V(localhost)). It returns RV(rendered), the commands that build O(config) on
        an empty node, in order.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered]
    default: merged
  phase:
    description:
      - Which part of the plan runs. V(all) is the whole plan.
      - V(create) runs only what creates and changes (no removal of an item with C(state=absent), no
        purge of O(state=overridden)); V(remove) runs only the removals.
      - For one configuration applied in two steps around other work - the role C(illumos.comstar.comstar)
        creates the cluster-wide objects, then the logical units and views on the node that has their pool,
        then removes cluster-wide objects once the views that used them are gone.
    type: str
    choices: [all, create, remove]
    default: all
notes:
  - Secrets cannot be read back; a CHAP or RADIUS secret that is set appears in RV(gathered) as no
    key at all, with C(update_secret=on_create).
  - The target of a view that lets every initiator (host group All) in without authentication is
    reported with a warning, as M(illumos.comstar.comstar_view) does.
extends_documentation_fragment:
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
attributes:
  check_mode:
    support: full
    description: Plans every change across all objects and returns the planned commands; changes nothing.
  diff_mode:
    support: full
    description: Shows the managed sections before and after, in the O(config) format.
seealso:
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: The walkthrough's whole configuration in one task (the node that has pool1)
  illumos.comstar.comstar_config:
    config:
      tpgs:
        - name: TPG01
          portals: [192.168.5.10]
      targets:
        - alias: zvol1-iscsi
          auth_method: chap
          chap_secret: "{{ vault_zvol1_mutual_chap_secret }}"
          tpgs: [TPG01]
      target_groups:
        - name: TG01
          members: [zvol1-iscsi]
      logical_units:
        - zvol: pool1/zvol1
          size: 1G
          # a clustered LU: no write-back cache, synchronous writes on the pool
          write_cache: false
          zvol_properties:
            compression: lz4
            sync: always
          views:
            - target_group: TG01

- name: Purge - exactly this, and nothing else on pool1
  illumos.comstar.comstar_config:
    state: overridden
    pools: [pool1]
    config:
      tpgs:
        - name: TPG01
          portals: [192.168.5.10]
      target_groups:
        - name: TG01
          members: [iqn.2010-08.org.illumos:02:zvol1]
      logical_units:
        - zvol: pool1/zvol1
          views:
            - target_group: TG01

- name: Adopt a hand-made node - read its configuration
  illumos.comstar.comstar_config:
    state: gathered
  register: node

- name: Keep it as it is from now on (changes nothing)
  illumos.comstar.comstar_config:
    state: merged
    config: "{{ node.gathered }}"

- name: Review what a configuration would run, without a node
  illumos.comstar.comstar_config:
    state: rendered
    config:
      tpgs:
        - name: TPG01
          portals: [192.168.5.10]
  delegate_to: localhost
  register: plan
'''

RETURN = r'''
before:
  description: The managed sections as read before the run, in the O(config) format.
  returned: when O(state) is merged, replaced, overridden or deleted
  type: dict
  sample: {tpgs: []}
after:
  description:
    - The managed sections after the run, in the O(config) format (in check mode, as planned;
      objects created without a known IQN or GUID are named by their alias or zvol).
  returned: when O(state) is merged, replaced, overridden or deleted
  type: dict
  sample: {tpgs: [{name: TPG01, portals: ["192.168.5.10:3260"]}]}
commands:
  description: The changing commands that ran (in check mode, that would run), secrets masked; empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[itadm, create-tpg, TPG01, "192.168.5.10:3260"]]
gathered:
  description: The node's configuration in the O(config) format; re-applying it changes nothing.
  returned: when O(state=gathered)
  type: dict
  sample: {tpgs: [{name: TPG01, portals: ["192.168.5.10:3260"]}], target_groups: [{name: TG01, members: []}]}
rendered:
  description: The command lines, shell-quoted, that build O(config) on an empty node, in order; secrets as C(-S <secret-file>) or masked.
  returned: when O(state=rendered)
  type: list
  elements: str
  sample: ["itadm create-tpg TPG01 192.168.5.10:3260", "stmfadm create-tg TG01"]
'''

import platform

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._config import ConfigEngine
from ansible_collections.illumos.comstar.plugins.module_utils._config_run import ConfigRun
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.config_options()),
        supports_check_mode=True,
    )
    ConfigRun(module, ConfigEngine(module.params, node=platform.node())).main()


if __name__ == '__main__':
    main()
