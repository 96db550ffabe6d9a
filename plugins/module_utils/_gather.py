# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: a node's state in comstar_config's input format (gathered, before, after)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._records import Defaults, LogicalUnit, Target, View, Zvol
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState
from ansible_collections.illumos.comstar.plugins.module_utils._zvol_props import gathered as gathered_properties

# What stmfadm gives an LU created without these properties (reference 2.4, 2.8): not written out.
LU_DEFAULT_VALUES = {'vendor_id': 'SUN', 'product_id': 'COMSTAR', 'block_size': 512}


def _target(target: Target) -> dict[str, t.Any]:
    item: dict[str, t.Any] = {'name': target.name}
    if target.alias is not None:
        item['alias'] = target.alias
    if not target.auth_inherited and target.auth is not None:
        item['auth_method'] = target.auth
    if target.chap_user is not None:
        item['chap_user'] = target.chap_user
    if target.chap_secret_set:
        # a stored secret reads back only as set (reference 3.3): never sent again
        item['update_secret'] = 'on_create'
    item['tpgs'] = sorted(tag.name for tag in target.tpgs) or ['default']
    if target.state in ('online', 'offline'):
        item['online'] = target.state == 'online'
    return item


def _view(view: View) -> dict[str, t.Any]:
    item: dict[str, t.Any] = {}
    if view.host_group is not None:
        item['host_group'] = view.host_group
    if view.target_group is not None:
        item['target_group'] = view.target_group
    if view.lun is not None:
        item['lun'] = view.lun
    return item


def _lu(lu: LogicalUnit, views: t.Sequence[View], zvol: Zvol | None, local: dict[str, str] | None) -> dict[str, t.Any]:
    item: dict[str, t.Any] = {'zvol': lu.zvol} if lu.zvol else {'data_file': lu.data_file}
    item['guid'] = lu.guid
    # list-lu shows the data file as the alias of an LU that has none (reference 2.8)
    if lu.alias is not None and lu.alias != lu.data_file:
        item['alias'] = lu.alias
    if zvol is not None:
        item['size'] = str(zvol.volsize)
        item['volblocksize'] = str(zvol.volblocksize)
        # what was set on the zvol itself (zfs get -s local), so that adopting keeps it
        properties = gathered_properties(local, zvol.volsize) if local else {}
        if properties:
            item['zvol_properties'] = properties
    elif lu.size is not None and not lu.zvol:
        item['size'] = str(lu.size)
    for key, value in (('block_size', lu.block_size), ('vendor_id', lu.vendor_id), ('product_id', lu.product_id)):
        if value is not None and LU_DEFAULT_VALUES.get(key) != value:
            item[key] = value
    for key, value in (('serial', lu.serial), ('mgmt_url', lu.management_url)):
        if value is not None:
            item[key] = value
    if lu.writeback_cache is not None:
        item['write_cache'] = lu.writeback_cache
    if lu.write_protect is not None:
        item['write_protect'] = lu.write_protect
    item['views'] = [_view(view) for view in sorted(views, key=lambda view: view.entry)]
    return item


def _defaults(defaults: Defaults) -> dict[str, t.Any]:
    item: dict[str, t.Any] = {'auth_method': defaults.auth or 'none', 'isns': defaults.isns,
                              'isns_servers': sorted(defaults.isns_servers)}
    if defaults.radius_server is not None:
        item['radius_server'] = defaults.radius_server
    if defaults.radius_secret_set:
        item['update_secret'] = 'on_create'
    return item


def gather(state: NodeState, sections: t.Iterable[str], pools: t.Collection[str] | None = None) -> dict[str, t.Any]:
    """The chosen sections of `state` as comstar_config's `config`; LUs only on `pools` (None: all).

    A section whose part could not be read (itadm refused, no package) is None.
    """
    config: dict[str, t.Any] = {}
    chosen = set(sections)
    if 'tpgs' in chosen:
        config['tpgs'] = None if state.tpgs is None else [
            {'name': tpg.name, 'portals': sorted(tpg.portals)} for tpg in sorted(state.tpgs, key=lambda tpg: tpg.name)]
    if 'initiators' in chosen:
        config['initiators'] = None if state.initiators is None else [
            dict({'name': item.name}, **({'chap_user': item.chap_user} if item.chap_user else {}),
                 **({'update_secret': 'on_create'} if item.chap_secret_set else {}))
            for item in sorted(state.initiators, key=lambda item: item.name)]
    if 'targets' in chosen:
        config['targets'] = None if state.targets is None else [
            _target(target) for target in sorted(state.targets, key=lambda target: target.name)]
    for section, groups in (('host_groups', state.host_groups), ('target_groups', state.target_groups)):
        if section in chosen:
            config[section] = None if groups is None else [
                {'name': group.name, 'members': sorted(group.members)} for group in sorted(groups, key=lambda group: group.name)]
    if 'logical_units' in chosen:
        config['logical_units'] = None if state.logical_units is None else _lus(state, pools)
    if 'defaults' in chosen:
        config['defaults'] = None if state.defaults is None else _defaults(state.defaults)
    return config


def in_pools(lu: LogicalUnit, pools: t.Collection[str] | None) -> bool:
    """An LU belongs to the run's pools by its zvol's pool; a file-backed LU only when pools is None."""
    if pools is None:
        return lu.operational_status != 'unregistered'
    return lu.zvol is not None and lu.zvol.split('/')[0] in pools


def _lus(state: NodeState, pools: t.Collection[str] | None) -> list[dict[str, t.Any]]:
    zvols = {zvol.name: zvol for zvol in state.zvols or ()}
    views = state.views or {}
    local = state.zvol_properties or {}
    return [_lu(lu, views.get(lu.guid, ()), zvols.get(lu.zvol or ''), local.get(lu.zvol or ''))
            for lu in sorted(state.logical_units or (), key=lambda lu: lu.guid)
            if lu.data_file and in_pools(lu, pools)]
