# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ViewPlanner: node state + parameters -> the exact argv of both backends (reference 2.10-2.12)."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_view import ViewPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._records import Group, LogicalUnit, View
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

GUID = '600144F09CF9DD070000614DEADE0001'
OTHER = '600144F09CF9DD070000614DEADE0002'
STALE = '600144F09CF9DD070000614DEADE0003'
STMFHA = '/opt/HAC/RSF-1/bin/stmfha'


def lu(guid: str, zvol: str | None, views: int = 0) -> LogicalUnit:
    data_file = '/dev/zvol/rdsk/' + zvol if zvol else None
    return LogicalUnit(guid=guid, operational_status='Online' if zvol else 'unregistered', provider='sbd' if zvol else 'unregistered',
                       alias=data_file, view_entry_count=views, data_file=data_file, meta_file=None, size=1073741824 if zvol else None,
                       block_size=512 if zvol else None, management_url=None, vendor_id='SUN' if zvol else None,
                       product_id='COMSTAR' if zvol else None, serial=None, write_protect=False if zvol else None,
                       writeback_cache=False if zvol else None, access_state='Active' if zvol else None)


def node(views: dict[str, list[tuple[int, str | None, str | None, int]]] | None = None) -> NodeState:
    """pool1/zvol1 = GUID and pool1/zvol2 = OTHER; groups HG01, HG02, TG01, TG02 exist."""
    table = {GUID: [], OTHER: []}
    table.update(views or {})
    units = [lu(GUID, 'pool1/zvol1'), lu(OTHER, 'pool1/zvol2')] + ([lu(STALE, None)] if STALE in table else [])
    return NodeState(
        host_groups=(Group('HG01', ('iqn.1998-01.com.vmware:esx01',)), Group('HG02', ())),
        target_groups=(Group('TG01', ()), Group('TG02', ())),
        logical_units=tuple(units),
        views={guid: tuple(View(*entry) for entry in entries) for guid, entries in table.items()})


def params(**given: t.Any) -> dict[str, t.Any]:
    base = {'lu': GUID, 'host_group': None, 'target_group': None, 'lun': None, 'state': 'present', 'force': False,
            'backend': 'native', 'stmfha_path': STMFHA}
    base.update(given)
    return base


def planned(node_state: NodeState, **given: t.Any) -> tuple[ViewPlanner, t.Any]:
    planner = ViewPlanner(params(**given))
    planner.validate()
    return planner, planner.plan(node_state)


def argv(plan: t.Any, backend: t.Any) -> list[list[str]]:
    return [backend.command(action).argv for action in plan.actions]


CASES = [
    # id, state views, params, native argv, predicted view
    ('walkthrough-step-8-auto-lun-0', {}, {'target_group': 'TG01'},
     [['stmfadm', 'add-view', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': None, 'target_group': 'TG01', 'lun': 0}),
    ('lu-by-zvol-lowercase-guid-all-all', {}, {'lu': 'pool1/zvol1'},
     [['stmfadm', 'add-view', GUID]], {'lu': GUID, 'entry': 0, 'host_group': None, 'target_group': None, 'lun': 0}),
    ('lu-by-data-file', {}, {'lu': '/dev/zvol/rdsk/pool1/zvol2', 'host_group': 'HG01', 'lun': 7},
     [['stmfadm', 'add-view', '-h', 'HG01', '-n', '7', OTHER]],
     {'lu': OTHER, 'entry': 0, 'host_group': 'HG01', 'target_group': None, 'lun': 7}),
    ('auto-lun-skips-overlapping-views-of-other-lus', {OTHER: [(0, None, 'TG01', 0), (1, 'HG02', 'TG02', 1)]},
     {'host_group': 'HG01', 'target_group': 'TG01'},
     [['stmfadm', 'add-view', '-h', 'HG01', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': 'HG01', 'target_group': 'TG01', 'lun': 1}),
    ('auto-lun-ignores-disjoint-groups', {OTHER: [(0, 'HG02', 'TG01', 0), (1, 'HG01', 'TG02', 1)]},
     {'host_group': 'HG01', 'target_group': 'TG01'},
     [['stmfadm', 'add-view', '-h', 'HG01', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': 'HG01', 'target_group': 'TG01', 'lun': 0}),
    ('auto-lun-counts-unregistered-guids', {STALE: [(0, None, None, 0), (1, 'HG01', 'TG02', 2)]}, {'target_group': 'TG01'},
     [['stmfadm', 'add-view', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': None, 'target_group': 'TG01', 'lun': 1}),
    ('auto-lun-lowest-gap', {OTHER: [(0, None, None, 0), (1, 'HG01', 'TG01', 2)]}, {'lu': GUID, 'host_group': 'HG02'},
     [['stmfadm', 'add-view', '-h', 'HG02', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': 'HG02', 'target_group': None, 'lun': 1}),
    ('second-entry-of-same-lu-disjoint', {GUID: [(0, 'HG01', 'TG01', 0)]}, {'host_group': 'HG02', 'target_group': 'TG01'},
     [['stmfadm', 'add-view', '-h', 'HG02', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 1, 'host_group': 'HG02', 'target_group': 'TG01', 'lun': 0}),
    ('lun-change-removes-and-re-adds', {GUID: [(0, None, 'TG01', 0)]}, {'target_group': 'TG01', 'lun': 3},
     [['stmfadm', 'remove-view', '-l', GUID, '0'], ['stmfadm', 'add-view', '-t', 'TG01', '-n', '3', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': None, 'target_group': 'TG01', 'lun': 3}),
    ('lun-change-to-lun-of-a-disjoint-entry', {GUID: [(0, None, 'TG01', 0), (1, 'HG01', 'TG02', 4)]},
     {'host_group': 'HG01', 'target_group': 'TG02', 'lun': 0},
     [['stmfadm', 'remove-view', '-l', GUID, '1'], ['stmfadm', 'add-view', '-h', 'HG01', '-t', 'TG02', '-n', '0', GUID]],
     {'lu': GUID, 'entry': 1, 'host_group': 'HG01', 'target_group': 'TG02', 'lun': 0}),
    ('force-replaces-overlapping-all-entry', {GUID: [(0, None, None, 0)], OTHER: [(0, 'HG01', 'TG01', 1)]},
     {'host_group': 'HG01', 'target_group': 'TG01', 'force': True},
     [['stmfadm', 'remove-view', '-l', GUID, '0'], ['stmfadm', 'add-view', '-h', 'HG01', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': 'HG01', 'target_group': 'TG01', 'lun': 0}),
    ('force-replaces-two-overlapping-entries', {GUID: [(0, 'HG01', None, 2), (1, 'HG02', 'TG01', 3)]},
     {'target_group': 'TG01', 'force': True},
     [['stmfadm', 'remove-view', '-l', GUID, '0'], ['stmfadm', 'remove-view', '-l', GUID, '1'],
      ['stmfadm', 'add-view', '-t', 'TG01', GUID]],
     {'lu': GUID, 'entry': 0, 'host_group': None, 'target_group': 'TG01', 'lun': 0}),
    ('absent-removes-exactly-its-entry', {GUID: [(0, 'HG01', 'TG01', 0), (1, 'HG02', 'TG01', 0), (2, 'HG01', 'TG02', 1)]},
     {'host_group': 'HG02', 'target_group': 'TG01', 'state': 'absent'},
     [['stmfadm', 'remove-view', '-l', GUID, '1']], None),
]


@pytest.mark.parametrize('views, given, native, after', [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_plan(views: dict[str, t.Any], given: dict[str, t.Any], native: list[list[str]], after: dict[str, t.Any] | None) -> None:
    _planner, plan = planned(node(views), **given)
    assert argv(plan, NativeBackend()) == native
    assert argv(plan, Rsf1Backend(STMFHA)) == [[STMFHA] + command[1:] for command in native]
    assert plan.after == after


NOOPS = [
    ('same-identity-auto-lun', {GUID: [(0, None, 'TG01', 5)]}, {'target_group': 'TG01'}),
    ('same-identity-same-lun', {GUID: [(0, None, 'TG01', 5)]}, {'target_group': 'TG01', 'lun': 5}),
    ('same-identity-lowercase-guid', {GUID: [(2, 'HG01', None, 0)]}, {'lu': GUID.lower(), 'host_group': 'HG01'}),
    ('same-identity-by-zvol', {GUID: [(0, 'HG01', 'TG01', 1)]}, {'lu': 'pool1/zvol1', 'host_group': 'HG01', 'target_group': 'TG01'}),
    ('absent-already', {GUID: [(0, None, 'TG01', 0)]}, {'target_group': 'TG02', 'state': 'absent'}),
    ('absent-lu-missing', {}, {'lu': 'pool1/nothing', 'state': 'absent'}),
    ('absent-group-missing', {}, {'host_group': 'HG99', 'state': 'absent'}),
]


@pytest.mark.parametrize('views, given', [case[1:] for case in NOOPS], ids=[case[0] for case in NOOPS])
def test_no_op_plans_nothing(views: dict[str, t.Any], given: dict[str, t.Any]) -> None:
    _planner, plan = planned(node(views), **given)
    assert plan.actions == [] and not plan.changed
    assert plan.after == plan.before


REFUSALS = [
    ('overlap-without-force', {GUID: [(0, None, None, 0)]}, {'target_group': 'TG01'},
     ['view entry 0 of LU %s' % GUID, 'host group All, target group All, LUN 0', 'force=true']),
    ('overlap-same-hg-all-tg', {GUID: [(3, 'HG01', 'TG02', 9)]}, {'host_group': 'HG01'},
     ['view entry 3', 'target group TG02', 'overlap']),
    ('explicit-lun-taken-by-another-lu', {OTHER: [(4, None, 'TG01', 2)]}, {'host_group': 'HG01', 'target_group': 'TG01', 'lun': 2},
     ['lun 2 is already in use', 'view entry 4 of LU %s' % OTHER, 'target group TG01']),
    ('explicit-lun-taken-by-unregistered-guid', {STALE: [(0, None, None, 6)]},
     {'host_group': 'HG02', 'target_group': 'TG01', 'lun': 6}, ['lun 6 is already in use', 'view entry 0 of LU %s' % STALE]),
    ('lun-change-to-a-taken-lun', {GUID: [(0, 'HG01', 'TG01', 0)], OTHER: [(0, 'HG01', None, 1)]},
     {'host_group': 'HG01', 'target_group': 'TG01', 'lun': 1}, ['lun 1 is already in use', 'view entry 0 of LU %s' % OTHER]),
    ('lun-out-of-range', {}, {'lun': 16384}, ['16384', '0 to 16383']),
    ('negative-lun', {}, {'lun': -1}, ['-1', '0 to 16383']),
    ('lu-not-found-by-zvol', {}, {'lu': 'pool1/zvol9'}, ['pool1/zvol9', '/dev/zvol/rdsk/pool1/zvol9', 'comstar_lu']),
    ('lu-not-found-by-guid', {}, {'lu': '600144F0000000000000000000000099'}, ['600144F0000000000000000000000099', 'no logical unit']),
    ('lu-not-recognised', {}, {'lu': 'zvol1'}, ["'zvol1'", '32 hexadecimal digits', 'pool/volume']),
    ('host-group-missing', {}, {'host_group': 'HG99', 'target_group': 'TG01'}, ['host group HG99 does not exist', 'comstar_host_group']),
    ('both-groups-missing', {}, {'host_group': 'HG99', 'target_group': 'TG99'}, ['host group HG99', 'target group TG99']),
    ('reserved-group-name', {}, {'target_group': '*TG'}, ["'*TG'", 'not starting with "*"']),
]


@pytest.mark.parametrize('views, given, words', [case[1:] for case in REFUSALS], ids=[case[0] for case in REFUSALS])
def test_refused_before_any_change(views: dict[str, t.Any], given: dict[str, t.Any], words: list[str]) -> None:
    planner = ViewPlanner(params(**given))
    with pytest.raises(PlanError) as info:
        planner.validate()
        planner.plan(node(views))
    for word in words:
        assert word in str(info.value)


CHECK_MODE_WARNINGS = [
    ('lu-not-yet-created', {'lu': 'pool1/zvol9', 'target_group': 'TG01'},
     [['stmfadm', 'add-view', '-t', 'TG01', 'pool1/zvol9']], ['no logical unit with zvol pool1/zvol9']),
    ('group-not-yet-created', {'target_group': 'TG99'},
     [['stmfadm', 'add-view', '-t', 'TG99', GUID]], ['target group TG99 does not exist']),
]


@pytest.mark.parametrize('given, native, words', [case[1:] for case in CHECK_MODE_WARNINGS], ids=[case[0] for case in CHECK_MODE_WARNINGS])
def test_check_mode_plans_past_a_missing_reference_with_a_warning(given: dict[str, t.Any], native: list[list[str]], words: list[str]) -> None:
    planner = ViewPlanner(params(**given))
    planner.check_mode = True
    planner.validate()
    plan = planner.plan(node())
    assert argv(plan, NativeBackend()) == native
    assert len(plan.warnings) == 1 and plan.warnings[0].startswith('check mode: ')
    for word in words:
        assert word in plan.warnings[0]


def test_before_is_the_identity_entry_and_force_warns() -> None:
    _planner, plan = planned(node({GUID: [(0, None, None, 0)]}), target_group='TG01', force=True)
    assert plan.before is None
    assert plan.warnings == ['force: replacing view entry 0 of LU %s (host group All, target group All, LUN 0)' % GUID]
    _planner, plan = planned(node({GUID: [(1, None, 'TG01', 0)]}), target_group='TG01', lun=2)
    assert plan.before == {'lu': GUID, 'entry': 1, 'host_group': None, 'target_group': 'TG01', 'lun': 0}


def test_current_and_verify_read_the_identity_entry() -> None:
    planner, _plan = planned(node(), lu='pool1/zvol1', target_group='TG01', lun=0)
    after = planner.current(node({GUID: [(0, None, None, 1), (1, None, 'TG01', 0)]}), None)
    assert after == {'lu': GUID, 'entry': 1, 'host_group': None, 'target_group': 'TG01', 'lun': 0}
    assert planner.verify(node(), after) == []
    assert planner.verify(node(), dict(after, lun=4)) == ['the view of pool1/zvol1 (host group All, target group TG01) has LUN 4, not 0']
    assert planner.verify(node(), None) == ['the view of pool1/zvol1 (host group All, target group TG01) is missing']


def test_a_failed_re_add_puts_the_removed_entry_back() -> None:
    """A LUN change is remove + add; when the add fails the old entry is added back as it was."""
    from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
    from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Runner

    class Module:
        tmpdir = None
        calls: list[list[str]] = []

        def get_bin_path(self, name: str, required: bool = False) -> str:
            return '/usr/sbin/' + name

        def run_command(self, args: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
            self.calls.append(args[1:])
            return (1, '', 'stmfadm: LUN already in use\n') if args[1:3] == ['add-view', '-t'] and '7' in args else (0, '', '')

    _planner, plan = planned(node({GUID: [(0, None, 'TG01', 0)]}), target_group='TG01', lun=7)
    module = Module()
    with pytest.raises(CommandError) as info:
        Applier(Runner(module), NativeBackend()).apply(plan.actions)  # type: ignore[arg-type]
    assert module.calls == [['remove-view', '-l', GUID, '0'], ['add-view', '-t', 'TG01', '-n', '7', GUID],
                            ['add-view', '-t', 'TG01', '-n', '0', GUID]]
    assert 'LUN already in use' in info.value.message and 'put back' in info.value.message
