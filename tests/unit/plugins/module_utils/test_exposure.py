# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Exposure: an LU any initiator can reach without authenticating, and CHAP targets nobody can log in to."""

from __future__ import annotations

import dataclasses
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._exposure import chap_lockout, exposure, exposure_warning
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import TargetPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_view import ViewPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults, Group, Initiator, LogicalUnit, Target, Tpg, TpgTag, View)
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

GUID = '600144F09CF9DD070000614DEADE0001'
T1 = 'iqn.2010-08.org.illumos:02:t1'
T2 = 'iqn.2010-08.org.illumos:02:t2'
CLIENT = 'iqn.1991-05.com.microsoft:client01'


def target(name: str, auth: str = 'none', inherited: bool = True, tpgs: tuple[TpgTag, ...] = (TpgTag('TPG01', 2),)) -> Target:
    return Target(name=name, state='online', sessions=0, alias=None, auth=auth, auth_inherited=inherited,
                  chap_user=None, chap_secret_set=False, tpgs=tpgs)


LU = LogicalUnit(guid=GUID, operational_status='Online', provider='sbd', alias=None, view_entry_count=1,
                 data_file='/dev/zvol/rdsk/pool1/zvol1', meta_file=None, size=1 << 30, block_size=512, management_url=None,
                 vendor_id='SUN', product_id='COMSTAR', serial=None, write_protect=False, writeback_cache=False, access_state='Active')


def node(views: tuple[View, ...], targets: tuple[Target, ...] = (target(T1), target(T2, auth='chap', inherited=False)),
         initiators: tuple[Initiator, ...] = ()) -> NodeState:
    return NodeState(tpgs=(Tpg('TPG01', ('192.168.5.10:3260',)),), targets=targets, initiators=initiators,
                     defaults=Defaults(alias=None, auth=None, radius_server=None, radius_secret_set=False, isns=False, isns_servers=()),
                     target_groups=(Group('TG01', (T1,)), Group('TG02', (T2,))), host_groups=(Group('HG01', (CLIENT,)),),
                     logical_units=(LU,), views={GUID: views})


# id, views, targets (None = the default pair), expected (target, portal) findings
EXPOSURE = [
    ('all-hosts-through-a-none-target', (View(0, None, 'TG01', 0),), None, [(T1, '192.168.5.10:3260')]),
    ('all-hosts-all-targets', (View(0, None, None, 0),), None, [(T1, '192.168.5.10:3260')]),
    ('host-group-instead-of-all', (View(0, 'HG01', 'TG01', 0),), None, []),
    ('all-hosts-through-a-chap-target', (View(0, None, 'TG02', 0),), None, []),
    ('default-portal-group', (View(0, None, 'TG01', 0),), (target(T1, tpgs=()),), [(T1, '*:3260')]),
    ('auth-none-set-explicitly', (View(0, None, 'TG01', 0),), (target(T1, inherited=False),), [(T1, '192.168.5.10:3260')]),
    ('radius-target', (View(0, None, 'TG01', 0),), (target(T1, auth='radius', inherited=False),), []),
    ('no-view', (), None, []),
]


@pytest.mark.parametrize('views, targets, expected', [case[1:] for case in EXPOSURE], ids=[case[0] for case in EXPOSURE])
def test_exposure(views: tuple[View, ...], targets: tuple[Target, ...] | None, expected: list[tuple[str, str]]) -> None:
    state = node(views) if targets is None else node(views, targets)
    found = exposure(state)
    assert [(item['target'], item['portal']) for item in found] == expected
    assert all(item['lu'] == GUID and 'host group All' in item['why'] for item in found)


def test_exposure_unknown_when_itadm_refused() -> None:
    assert exposure(dataclasses.replace(node((View(0, None, None, 0),)), targets=None)) == []


def test_exposure_warning_names_lu_target_and_portal() -> None:
    warning = exposure_warning(exposure(node((View(3, None, 'TG01', 5),)))[0])
    assert warning.startswith('EXPOSED: ')
    for word in (GUID, T1, '192.168.5.10:3260', 'entry 3', 'LUN 5', 'inherited from the defaults'):
        assert word in warning


@pytest.mark.parametrize('initiators, expected', [
    ((), [T2]),
    ((Initiator(CLIENT, None, False),), [T2]),
    ((Initiator(CLIENT, None, True),), []),
], ids=['no-initiator', 'initiator-without-secret', 'initiator-with-secret'])
def test_chap_lockout(initiators: tuple[Initiator, ...], expected: list[str]) -> None:
    warning = chap_lockout(T2, initiators)
    assert ([warning.split()[1]] if warning else []) == expected
    assert warning is None or 'no initiator can log in' in warning


def view_params(**given: t.Any) -> dict[str, t.Any]:
    params = {'lu': GUID, 'host_group': None, 'target_group': None, 'lun': None, 'state': 'present', 'force': False,
              'backend': 'native', 'stmfha_path': None}
    params.update(given)
    return params


@pytest.mark.parametrize('given, warned', [
    ({'target_group': 'TG01'}, True),
    ({'target_group': 'TG01', 'host_group': 'HG01'}, False),
    ({'target_group': 'TG02'}, False),
    ({'target_group': 'TG01', 'state': 'absent'}, False),
], ids=['all-hosts-none-target', 'host-group', 'chap-target', 'removed'])
def test_view_module_warns_about_exposure(given: dict[str, t.Any], warned: bool) -> None:
    planner = ViewPlanner(view_params(**given))
    assert ('targets' in planner.subsets) is (given.get('state') != 'absent')
    planner.validate()
    plan = planner.plan(node(()))
    assert bool([warning for warning in plan.warnings if warning.startswith('EXPOSED: ')]) is warned


@pytest.mark.parametrize('initiators, warned', [
    ((), True), ((Initiator(CLIENT, None, True),), False),
], ids=['no-initiator-secret', 'initiator-secret'])
def test_target_module_warns_about_a_chap_lockout(initiators: tuple[Initiator, ...], warned: bool) -> None:
    planner = TargetPlanner({'name': None, 'alias': 'zvol1-iscsi', 'auth_method': 'chap', 'chap_user': None, 'chap_secret': None,
                             'update_secret': 'on_create', 'tpgs': ['TPG01'], 'online': None, 'state': 'present', 'force': False,
                             'backend': 'native', 'stmfha_path': None})
    planner.validate()
    plan = planner.plan(node((), initiators=initiators))
    assert any('no initiator can log in' in warning and 'zvol1-iscsi' in warning for warning in plan.warnings) is warned
