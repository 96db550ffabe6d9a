# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: records -> the comstar_info schema (DESIGN.md section 2), shared by every module."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._exposure import exposure
from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults, Group, Initiator, LogicalUnit, Target, Tpg, View)
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState, zvol_of


# what the exposure finding is computed from: views (host group All), targets (auth), their TPGs and groups
EXPOSURE_NEEDS = {'views', 'targets', 'tpgs', 'target_groups'}


def tpg_info(tpg: Tpg) -> dict[str, t.Any]:
    return {'name': tpg.name, 'portals': sorted(tpg.portals)}


def target_info(target: Target) -> dict[str, t.Any]:
    return {'name': target.name, 'alias': target.alias, 'state': target.state, 'sessions': target.sessions,
            'auth': target.auth, 'auth_inherited': target.auth_inherited, 'chap_user': target.chap_user,
            'chap_secret_set': target.chap_secret_set,
            'tpgs': [{'name': tag.name, 'tag': tag.tag} for tag in sorted(target.tpgs, key=lambda tag: tag.name)]}


def group_info(group: Group) -> dict[str, t.Any]:
    return {'name': group.name, 'members': sorted(group.members)}


def initiator_info(initiator: Initiator) -> dict[str, t.Any]:
    return {'name': initiator.name, 'chap_user': initiator.chap_user, 'chap_secret_set': initiator.chap_secret_set}


def view_info(view: View) -> dict[str, t.Any]:
    return {'entry': view.entry, 'host_group': view.host_group, 'target_group': view.target_group, 'lun': view.lun}


def lu_info(lu: LogicalUnit, views: t.Iterable[View] | None) -> dict[str, t.Any]:
    return {'guid': lu.guid, 'alias': lu.alias, 'data_file': lu.data_file, 'zvol': zvol_of(lu.data_file),
            'size': lu.size, 'block_size': lu.block_size, 'operational_status': lu.operational_status,
            'access_state': lu.access_state, 'provider': lu.provider, 'meta_file': lu.meta_file,
            'management_url': lu.management_url, 'vendor_id': lu.vendor_id, 'product_id': lu.product_id,
            'serial': lu.serial, 'write_protect': lu.write_protect, 'writeback_cache': lu.writeback_cache,
            'views': None if views is None else [view_info(view) for view in sorted(views, key=lambda view: view.entry)]}


def defaults_info(defaults: Defaults) -> dict[str, t.Any]:
    return {'alias': defaults.alias, 'auth': defaults.auth, 'radius_server': defaults.radius_server,
            'radius_secret_set': defaults.radius_secret_set, 'isns': defaults.isns,
            'isns_servers': sorted(defaults.isns_servers)}


def _sorted(items: t.Iterable[t.Any] | None, convert: t.Callable[[t.Any], dict[str, t.Any]]) -> list[dict[str, t.Any]] | None:
    if items is None:
        return None
    return [convert(item) for item in sorted(items, key=lambda item: getattr(item, 'name', None) or getattr(item, 'guid'))]


def comstar_info(state: NodeState, subsets: t.Collection[str]) -> dict[str, t.Any]:
    """The `comstar` dictionary, with only the keys of the gathered subsets."""
    info: dict[str, t.Any] = {}
    if 'services' in subsets:
        info['services'] = state.services
    for key, items, convert in (('tpgs', state.tpgs, tpg_info), ('targets', state.targets, target_info),
                                ('target_groups', state.target_groups, group_info),
                                ('host_groups', state.host_groups, group_info),
                                ('initiators', state.initiators, initiator_info)):
        if key in subsets:
            info[key] = _sorted(items, convert)
    if {'logical_units', 'views'} & set(subsets):
        views = state.views or {}
        info['logical_units'] = _sorted(state.logical_units, lambda lu: lu_info(lu, views.get(lu.guid) if state.views is not None else None))
    if 'defaults' in subsets:
        info['defaults'] = None if state.defaults is None else defaults_info(state.defaults)
    if EXPOSURE_NEEDS <= set(subsets):
        info['exposure'] = None if state.targets is None or state.views is None else exposure(state)
    if 'cluster' in subsets:
        services = state.rsf1_services
        info['cluster'] = {'rsf1': services is not None,
                           'services': [{'name': name, 'node': node} for name, node in sorted((services or {}).items())],
                           'active_pools': sorted(state.pools or ())}
    return info
