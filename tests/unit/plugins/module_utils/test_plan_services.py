# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ServicesPlanner: svcs states + parameters -> the exact svcadm argv (reference 5)."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_services import ServicesPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._runner import Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import SERVICE_DIAGNOSTICS, NodeState, StateReader

STMF = 'svc:/system/stmf:default'
ISCSI = 'svc:/network/iscsi/target:default'
SVCS_X = ('svc:/system/stmf:default (STMF)\n State: maintenance since Tue Nov 24 04:18:00 2026\n'
          'Reason: Start method failed repeatedly, last exited with status 1.\n   See: http://illumos.org/msg/SMF-8000-KS\n'
          'Impact: 1 dependent service is not running:\n        svc:/network/iscsi/target:default')


def node(stmf: str | None, iscsi: str | None, diagnostics: dict[str, str] | None = None) -> NodeState:
    return NodeState(services={'stmf': stmf, 'iscsi_target': iscsi}, service_diagnostics=diagnostics)


def planned(node_state: NodeState, **given: t.Any) -> t.Any:
    planner = ServicesPlanner(dict({'state': 'started', 'clear_maintenance': False, 'timeout': 300}, **given))
    planner.validate()
    return planner.plan(node_state)


def enable(fmri: str) -> list[str]:
    return ['svcadm', 'enable', '-rs', fmri]


CASES = [
    ('online-no-op', ('online', 'online'), {}, [], {'stmf': 'online', 'iscsi_target': 'online'}),
    ('degraded-counts-as-running', ('degraded', 'online'), {}, [], {'stmf': 'degraded', 'iscsi_target': 'online'}),
    ('disabled-stmf-then-iscsi', ('disabled', 'disabled'), {}, [enable(STMF), enable(ISCSI)],
     {'stmf': 'online', 'iscsi_target': 'online'}),
    ('only-iscsi-offline', ('online', 'offline'), {}, [enable(ISCSI)], {'stmf': 'online', 'iscsi_target': 'online'}),
    ('uninitialized-stmf', ('uninitialized', 'online'), {}, [enable(STMF)], {'stmf': 'online', 'iscsi_target': 'online'}),
    ('maintenance-cleared-then-waited', ('maintenance', 'disabled'), {'clear_maintenance': True},
     [['svcadm', 'clear', STMF], enable(STMF), enable(ISCSI)], {'stmf': 'online', 'iscsi_target': 'online'}),
    ('clear-only-what-is-in-maintenance', ('online', 'maintenance'), {'clear_maintenance': True},
     [['svcadm', 'clear', ISCSI], enable(ISCSI)], {'stmf': 'online', 'iscsi_target': 'online'}),
    ('clear-without-maintenance-no-op', ('online', 'online'), {'clear_maintenance': True}, [],
     {'stmf': 'online', 'iscsi_target': 'online'}),
    ('stopped-iscsi-first', ('online', 'online'), {'state': 'stopped'},
     [['svcadm', 'disable', '-s', ISCSI], ['svcadm', 'disable', '-s', STMF]], {'stmf': 'disabled', 'iscsi_target': 'disabled'}),
    ('stopped-no-op', ('disabled', 'disabled'), {'state': 'stopped'}, [], {'stmf': 'disabled', 'iscsi_target': 'disabled'}),
    ('stopped-not-installed-no-op', ('disabled', None), {'state': 'stopped'}, [], {'stmf': 'disabled', 'iscsi_target': None}),
    ('stopped-maintenance-cleared', ('maintenance', 'disabled'), {'state': 'stopped', 'clear_maintenance': True},
     [['svcadm', 'clear', STMF], ['svcadm', 'disable', '-s', STMF]], {'stmf': 'disabled', 'iscsi_target': 'disabled'}),
]


@pytest.mark.parametrize('states, given, expected, after', [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_plan(states: tuple[str, str], given: dict[str, t.Any], expected: list[list[str]], after: dict[str, t.Any]) -> None:
    plan = planned(node(*states), **given)
    assert [NativeBackend().command(action).argv for action in plan.actions] == expected
    # services are never a cluster-wide object: stmfha is not involved even with backend=rsf1
    assert [Rsf1Backend('/opt/HAC/RSF-1/bin/stmfha').command(action).argv for action in plan.actions] == expected
    assert plan.before == {'stmf': states[0], 'iscsi_target': states[1]}
    assert plan.after == after
    assert plan.changed is bool(expected)


def test_maintenance_without_clear_carries_the_svcs_x_text() -> None:
    with pytest.raises(PlanError) as info:
        planned(node('maintenance', 'offline', {'stmf': SVCS_X}))
    message = str(info.value)
    assert message.startswith('svc:/system/stmf:default is in maintenance')
    assert 'clear_maintenance=true' in message
    assert message.endswith('svcs -x says:\n' + SVCS_X)


def test_both_in_maintenance_named() -> None:
    with pytest.raises(PlanError) as info:
        planned(node('maintenance', 'maintenance', {'stmf': 'one', 'iscsi_target': 'two'}), state='stopped')
    assert '%s and %s are in maintenance' % (STMF, ISCSI) in str(info.value)
    assert str(info.value).endswith('svcs -x says:\none\ntwo')


def test_not_installed_refused_naming_the_package() -> None:
    with pytest.raises(PlanError) as info:
        planned(node('online', None))
    assert ISCSI in str(info.value) and 'network/iscsi/target' in str(info.value)


def test_timeout_must_be_positive() -> None:
    with pytest.raises(PlanError, match='timeout 0'):
        planned(node('online', 'online'), timeout=0)
    assert ServicesPlanner({'state': 'started', 'clear_maintenance': False, 'timeout': 42}).timeout == 42


def test_verify_names_the_service_and_its_diagnostic() -> None:
    planner = ServicesPlanner({'state': 'started', 'clear_maintenance': True, 'timeout': 300})
    state = node('online', 'maintenance', {'iscsi_target': 'why'})
    after = planner.current(state, None)
    assert after == {'stmf': 'online', 'iscsi_target': 'maintenance'}
    assert planner.verify(state, after) == ['%s is maintenance, not online; svcs -x says:\nwhy' % ISCSI]
    assert planner.verify(node('online', 'online'), {'stmf': 'online', 'iscsi_target': 'online'}) == []


class FakeModule:
    """svcs answers by FMRI; records every argv (without the binary's directory)."""

    def __init__(self, states: dict[str, str]) -> None:
        self.states = states
        self.calls: list[list[str]] = []

    def get_bin_path(self, name: str, **_options: t.Any) -> str:
        return '/usr/bin/' + name

    def run_command(self, argv: list[str], **_kwargs: t.Any) -> tuple[int, str, str]:
        self.calls.append([argv[0].rsplit('/', 1)[-1]] + argv[1:])
        if argv[1] == '-x':
            return 0, 'explained %s\n' % argv[2], ''
        return 0, self.states[argv[-1]] + '\n', ''


@pytest.mark.parametrize('stmf, expected_x', [('online', []), ('maintenance', [['svcs', '-x', STMF]])],
                         ids=['online-no-diagnostic', 'maintenance-one-diagnostic'])
def test_reader_runs_svcs_x_only_for_maintenance(stmf: str, expected_x: list[list[str]]) -> None:
    module = FakeModule({STMF: stmf, ISCSI: 'online'})
    state = StateReader(Runner(module)).read(ServicesPlanner.subsets)  # type: ignore[arg-type]
    assert SERVICE_DIAGNOSTICS in ServicesPlanner.subsets
    assert module.calls == [['svcs', '-H', '-o', 'state', STMF], ['svcs', '-H', '-o', 'state', ISCSI]] + expected_x
    assert state.service_diagnostics == ({'stmf': 'explained %s' % STMF} if expected_x else {})
