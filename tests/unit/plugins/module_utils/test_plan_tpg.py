# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""TpgPlanner: current state + desired TPG -> the exact commands, for both backends."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import TpgPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._records import Target, Tpg, TpgTag
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

T1 = 'iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4'
T2 = 'iqn.2010-08.org.illumos:02:5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87'
VIP = '192.168.5.10:3260'


def target(name: str, *tpgs: str) -> Target:
    return Target(name, 'online', 0, None, 'none', True, None, False, tuple(TpgTag(tpg, 2 + i) for i, tpg in enumerate(tpgs)))


def node(tpgs: t.Iterable[Tpg] = (), targets: t.Iterable[Target] = ()) -> NodeState:
    return NodeState(tpgs=tuple(tpgs), targets=tuple(targets))


def params(**overrides: t.Any) -> dict[str, t.Any]:
    base = {'name': 'TPG01', 'portals': [VIP], 'state': 'present', 'force': False, 'backend': 'native', 'stmfha_path': None}
    base.update(overrides)
    return base


def plan_argv(current: NodeState, **overrides: t.Any) -> tuple[list[list[str]], list[list[str]]]:
    planner = TpgPlanner(params(**overrides))
    planner.validate()
    actions = planner.plan(current).actions
    return ([NativeBackend().command(a).argv for a in actions], [Rsf1Backend('stmfha').command(a).argv for a in actions])


CASES = [
    pytest.param(node(), {}, [['itadm', 'create-tpg', 'TPG01', VIP]], [['stmfha', 'create-tpg', 'TPG01', VIP]],
                 id='create-walkthrough-step-3'),
    pytest.param(node(), {'portals': ['192.168.5.10', '[FE80::1]']},
                 [['itadm', 'create-tpg', 'TPG01', '192.168.5.10:3260', '[fe80::1]:3260']],
                 [['stmfha', 'create-tpg', 'TPG01', '192.168.5.10:3260', '[fe80::1]:3260']], id='create-canonical-portals'),
    pytest.param(node([Tpg('TPG01', (VIP,))]), {'portals': ['192.168.5.10']}, [], [], id='no-op-default-port'),
    pytest.param(node([Tpg('TPG01', (VIP, '10.0.0.1:3260'))]), {'portals': ['10.0.0.1', VIP, VIP]}, [], [], id='no-op-set-order-dups'),
    pytest.param(node(), {'state': 'absent'}, [], [], id='absent-no-op'),
    pytest.param(node([Tpg('TPG01', (VIP,))]), {'state': 'absent'}, [['itadm', 'delete-tpg', 'TPG01']], [['stmfha', 'delete-tpg', 'TPG01']],
                 id='delete-unused'),
    pytest.param(node([Tpg('TPG01', (VIP,))], [target(T1, 'TPG01')]), {'state': 'absent', 'force': True},
                 [['itadm', 'delete-tpg', '-f', 'TPG01']], [['stmfha', 'delete-tpg', '-f', 'TPG01']], id='delete-used-forced'),
    pytest.param(node([Tpg('TPG01', (VIP,))]), {'portals': ['192.168.5.20']},
                 [['itadm', 'delete-tpg', 'TPG01'], ['itadm', 'create-tpg', 'TPG01', '192.168.5.20:3260']],
                 [['stmfha', 'delete-tpg', 'TPG01'], ['stmfha', 'create-tpg', 'TPG01', '192.168.5.20:3260']], id='change-unused'),
    pytest.param(node([Tpg('TPG01', (VIP,)), Tpg('TPG02', ('10.0.0.2:3260',))], [target(T1, 'TPG01', 'TPG02'), target(T2, 'TPG02')]),
                 {'portals': ['192.168.5.20'], 'force': True},
                 [['itadm', 'delete-tpg', '-f', 'TPG01'], ['itadm', 'create-tpg', 'TPG01', '192.168.5.20:3260'],
                  ['itadm', 'modify-target', '-t', 'TPG01,TPG02', T1]],
                 [['stmfha', 'delete-tpg', '-f', 'TPG01'], ['stmfha', 'create-tpg', 'TPG01', '192.168.5.20:3260'],
                  ['stmfha', 'modify-target', '-t', 'TPG01,TPG02', T1]], id='change-used-forced-reattaches-only-users'),
]


@pytest.mark.parametrize('state, overrides, native, rsf1', CASES)
def test_plan(state: NodeState, overrides: dict[str, t.Any], native: list[list[str]], rsf1: list[list[str]]) -> None:
    assert plan_argv(state, **overrides) == (native, rsf1)


REFUSALS = [
    pytest.param(node([Tpg('TPG01', (VIP,))], [target(T1, 'TPG01')]), {'portals': ['192.168.5.20']}, ['force=true', T1],
                 id='change-used-needs-force'),
    pytest.param(node([Tpg('TPG01', (VIP,))], [target(T1, 'TPG01')]), {'state': 'absent'}, ['force=true', T1], id='delete-used-needs-force'),
    pytest.param(node([Tpg('TPG09', (VIP,))]), {}, [VIP, 'TPG09', 'one TPG only'], id='portal-owned-elsewhere'),
    pytest.param(node(), {'portals': ['fe80::1']}, ['fe80::1', 'brackets'], id='bad-portal'),
    pytest.param(node(), {'portals': ['10.0.0.1:99999']}, ['99999', '65535'], id='bad-port'),
    pytest.param(node(), {'name': 'T' * 256}, ['255'], id='name-too-long'),
    pytest.param(node(), {'portals': []}, ['at least one'], id='no-portals'),
    pytest.param(NodeState(), {}, ['not online', 'comstar_services'], id='itadm-refused'),
]


@pytest.mark.parametrize('state, overrides, words', REFUSALS)
def test_refusal_names_value_and_rule(state: NodeState, overrides: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as info:
        plan_argv(state, **overrides)
    for word in words:
        assert word in str(info.value)


def test_before_and_after_for_diff() -> None:
    planner = TpgPlanner(params(portals=['192.168.5.20']))
    planner.validate()
    plan = planner.plan(node([Tpg('TPG01', (VIP,))]))
    assert plan.before == {'name': 'TPG01', 'portals': [VIP]}
    assert plan.after == {'name': 'TPG01', 'portals': ['192.168.5.20:3260']}


def test_verify_reports_a_silently_dropped_portal() -> None:
    planner = TpgPlanner(params(portals=[VIP, '10.0.0.9']))
    planner.validate()
    problems = planner.verify(node(), {'name': 'TPG01', 'portals': [VIP]})
    assert problems and '10.0.0.9:3260' in problems[0]
