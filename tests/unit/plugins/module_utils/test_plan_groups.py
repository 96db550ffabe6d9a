# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Target-group and host-group planners: state + params -> the exact argv for both backends."""

from __future__ import annotations

import os
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._module import run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_groups import HostGroupPlanner, TargetGroupPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._records import Group, LogicalUnit, Target, View
from ansible_collections.illumos.comstar.plugins.module_utils._runner import MASK, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

T1 = 'iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4'
T2 = 'iqn.2010-08.org.illumos:02:5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87'
T3 = 'iqn.2010-08.org.illumos:02:0c6e2d5a-77b1-4f0e-a8c3-5d9e1f2a3b4c'
TEUI = 'eui.0123456789ABCDEF'
ESX1 = 'iqn.1998-01.com.vmware:esx01-4f3c2a1b'
ESX2 = 'iqn.1998-01.com.vmware:esx02-7d1e9c20'
WWN = 'wwn.2100001B32A0C1D2'
G1 = '600144F09CF9DD070000614DEADE0001'
G2 = '600144F09CF9DD070000614DEADE0002'
STMFHA = '/opt/HAC/RSF-1/bin/stmfha'


def target(name: str, state: str | None = 'online', alias: str | None = None) -> Target:
    return Target(name=name, state=state, sessions=0, alias=alias, auth=None, auth_inherited=True,
                  chap_user=None, chap_secret_set=False, tpgs=())


def lu(guid: str) -> LogicalUnit:
    return LogicalUnit(guid=guid, operational_status='Online', provider='sbd', alias=None, view_entry_count=1,
                       data_file='/dev/zvol/rdsk/pool1/' + guid[-4:], meta_file=None, size=1 << 30, block_size=512,
                       management_url=None, vendor_id='SUN', product_id='COMSTAR', serial=None, write_protect=False,
                       writeback_cache=False, access_state='Active')


def node(targets: t.Sequence[Target] | None = (), tgs: dict[str, tuple[str, ...]] | None = None,
         hgs: dict[str, tuple[str, ...]] | None = None, views: dict[str, tuple[View, ...]] | None = None) -> NodeState:
    views = views or {}
    return NodeState(targets=None if targets is None else tuple(targets),
                     target_groups=tuple(Group(name, tuple(sorted(members))) for name, members in sorted((tgs or {}).items())),
                     host_groups=tuple(Group(name, tuple(sorted(members))) for name, members in sorted((hgs or {}).items())),
                     logical_units=tuple(lu(guid) for guid in sorted(views)), views=views)


def params(name: str = 'TG01', members: list[str] | None = None, append: bool = False, state: str = 'present',
           force: bool = False) -> dict[str, t.Any]:
    return {'name': name, 'members': members, 'append': append, 'state': state, 'force': force,
            'backend': 'native', 'stmfha_path': STMFHA}


def planned(planner: TargetGroupPlanner | HostGroupPlanner, state: NodeState) -> Plan:
    planner.validate()
    return planner.plan(state)


def native(plan: Plan) -> list[list[str]]:
    return [NativeBackend().command(action).argv for action in plan.actions]


def rsf1(plan: Plan) -> list[list[str]]:
    return [Rsf1Backend(STMFHA).command(action).argv for action in plan.actions]


def stmfha(argvs: list[list[str]]) -> list[list[str]]:
    """The rsf1 form of native stmfadm argv: stmfha with the same subcommand; the seed's --group-name for add-tg-member."""
    out = []
    for argv in argvs:
        rest = argv[1:]
        if rest[0] == 'add-tg-member':
            rest = ['add-tg-member', '--group-name'] + rest[2:]
        out.append([STMFHA] + rest)
    return out


# -- target groups --------------------------------------------------------------------------------------------------
ONLINE = [target(T1, alias='zvol1-iscsi'), target(T2, alias='db'), target(T3, state='offline', alias='spare')]
WALKTHROUGH = [['stmfadm', 'create-tg', 'TG01'], ['stmfadm', 'offline-target', T1],
               ['stmfadm', 'add-tg-member', '-g', 'TG01', T1], ['stmfadm', 'online-target', T1]]

TG_CASES = [
    ('walkthrough-by-iqn', node(ONLINE), params(members=[T1]), WALKTHROUGH),
    ('walkthrough-by-alias', node(ONLINE), params(members=['zvol1-iscsi']), WALKTHROUGH),
    ('uppercase-iqn-canonical', node(ONLINE), params(members=[T1.upper().replace('IQN.', 'iqn.')]), WALKTHROUGH),
    ('no-op-exact', node(ONLINE, tgs={'TG01': (T1,)}), params(members=[T1]), []),
    ('no-op-alias', node(ONLINE, tgs={'TG01': (T1,)}), params(members=['zvol1-iscsi']), []),
    ('no-op-duplicates', node(ONLINE, tgs={'TG01': (T1,)}), params(members=[T1, 'zvol1-iscsi']), []),
    ('no-op-append-subset', node(ONLINE, tgs={'TG01': (T1, T2)}), params(members=[T2], append=True), []),
    ('no-op-members-omitted', node(ONLINE, tgs={'TG01': (T1, T2)}), params(), []),
    ('create-empty', node(ONLINE), params(members=[]), [['stmfadm', 'create-tg', 'TG01']]),
    ('create-members-omitted', node(ONLINE), params(), [['stmfadm', 'create-tg', 'TG01']]),
    ('offline-target-not-toggled', node(ONLINE, tgs={'TG01': ()}), params(members=['spare']),
     [['stmfadm', 'add-tg-member', '-g', 'TG01', T3]]),
    ('unregistered-target-not-toggled', node([target(T1, state=None)], tgs={'TG01': ()}), params(members=[T1]),
     [['stmfadm', 'add-tg-member', '-g', 'TG01', T1]]),
    ('unknown-iqn-added-as-is', node([], tgs={'TG01': ()}), params(members=[T2]),
     [['stmfadm', 'add-tg-member', '-g', 'TG01', T2]]),
    ('exact-removes-extra', node(ONLINE, tgs={'TG01': (T1, T2)}), params(members=[T1]),
     [['stmfadm', 'offline-target', T2], ['stmfadm', 'remove-tg-member', '-g', 'TG01', T2], ['stmfadm', 'online-target', T2]]),
    ('exact-empty-removes-all', node(ONLINE, tgs={'TG01': (T1, T3)}), params(members=[]),
     [['stmfadm', 'offline-target', T1], ['stmfadm', 'remove-tg-member', '-g', 'TG01', T1],
      ['stmfadm', 'remove-tg-member', '-g', 'TG01', T3], ['stmfadm', 'online-target', T1]]),
    ('append-adds-only', node(ONLINE, tgs={'TG01': (T1,)}), params(members=['db'], append=True),
     [['stmfadm', 'offline-target', T2], ['stmfadm', 'add-tg-member', '-g', 'TG01', T2], ['stmfadm', 'online-target', T2]]),
    ('swap-online-members', node(ONLINE, tgs={'TG01': (T1, T3)}), params(members=[T2, T3]),
     [['stmfadm', 'offline-target', T1], ['stmfadm', 'offline-target', T2],
      ['stmfadm', 'remove-tg-member', '-g', 'TG01', T1], ['stmfadm', 'add-tg-member', '-g', 'TG01', T2],
      ['stmfadm', 'online-target', T1], ['stmfadm', 'online-target', T2]]),
    ('eui-member', node([target(TEUI)], tgs={'TG01': ()}), params(members=['eui.0123456789abcdef']),
     [['stmfadm', 'offline-target', TEUI], ['stmfadm', 'add-tg-member', '-g', 'TG01', TEUI], ['stmfadm', 'online-target', TEUI]]),
    ('absent-missing', node(ONLINE), params(state='absent'), []),
    ('absent-members-ignored', node(ONLINE), params(state='absent', members=['nonexistent alias']), []),
    ('absent-unused', node(ONLINE, tgs={'TG01': (T1,)}), params(state='absent'), [['stmfadm', 'delete-tg', 'TG01']]),
    ('absent-other-groups-views-ignored', node(ONLINE, tgs={'TG01': (), 'TG02': ()},
                                               views={G1: (View(0, None, 'TG02', 0), View(1, 'TG01', None, 1))}),
     params(state='absent'), [['stmfadm', 'delete-tg', 'TG01']]),
    ('absent-force-removes-views', node(ONLINE, tgs={'TG01': (T1,)},
                                        views={G2: (View(3, 'HG01', 'TG01', 5),), G1: (View(0, None, 'TG01', 0), View(1, None, 'TG02', 1))}),
     params(state='absent', force=True),
     [['stmfadm', 'remove-view', '-l', G1, '0'], ['stmfadm', 'remove-view', '-l', G2, '3'], ['stmfadm', 'delete-tg', 'TG01']]),
]


@pytest.mark.parametrize('state, given, expected', [case[1:] for case in TG_CASES], ids=[case[0] for case in TG_CASES])
def test_target_group_plan(state: NodeState, given: dict[str, t.Any], expected: list[list[str]]) -> None:
    plan = planned(TargetGroupPlanner(given), state)
    assert native(plan) == expected
    assert rsf1(plan) == stmfha(expected)
    assert plan.changed is bool(expected)


def test_walkthrough_rsf1_uses_the_seed_forms() -> None:
    plan = planned(TargetGroupPlanner(params(members=['zvol1-iscsi'])), node(ONLINE))
    assert rsf1(plan) == [[STMFHA, 'create-tg', 'TG01'], [STMFHA, 'offline-target', T1],
                          [STMFHA, 'add-tg-member', '--group-name', 'TG01', T1], [STMFHA, 'online-target', T1]]
    assert all(Rsf1Backend(STMFHA).command(action).stmfha for action in plan.actions)


def test_restores_run_after_a_failure() -> None:
    """Each online-target restores its offline-target: the Applier runs it even after the change failed."""
    plan = planned(TargetGroupPlanner(params(members=[T2, T3])), node(ONLINE, tgs={'TG01': (T1, T3)}))
    tokens = [(action.op, action.token, action.restores) for action in plan.actions if action.token or action.restores]
    assert tokens == [('offline_target', 'offline:' + T1, None), ('offline_target', 'offline:' + T2, None),
                      ('online_target', None, 'offline:' + T1), ('online_target', None, 'offline:' + T2)]


def test_target_group_before_after_and_offlined() -> None:
    planner = TargetGroupPlanner(params(members=['db', T3]))
    plan = planned(planner, node(ONLINE, tgs={'TG01': (T1, T3)}))
    assert plan.before == {'name': 'TG01', 'members': sorted([T1, T3])}
    assert plan.after == {'name': 'TG01', 'members': sorted([T2, T3])}
    assert planner.extra_result(plan, None) == {'offlined': [T1, T2]}
    assert planner.extra_result(Plan(), None) == {'offlined': []}


@pytest.mark.parametrize('state, given, words', [
    (node(ONLINE, tgs={'TG02': (T1,)}), params(members=[T1]), ['TG01', T1, 'target group TG02', 'only one target group']),
    (node(ONLINE, tgs={'TG02': (T1,)}), params(members=['zvol1-iscsi'], append=True), ['TG02', T1]),
    (node(ONLINE), params(members=['nosuch']), ["'nosuch'", 'no target has that alias']),
    (node([target(T1, alias='twin'), target(T2, alias='twin')]), params(members=['twin']),
     ["'twin'", 'matches 2 targets', T1, T2]),
    (node(ONLINE, tgs={'TG01': (T1,)}, views={G1: (View(0, None, 'TG01', 0), View(2, 'HG01', 'TG01', 4))}),
     params(state='absent'), ['TG01', 'LU %s entry 0' % G1, 'LU %s entry 2' % G1, 'force=true']),
    (node(None), params(members=[T1]), ['itadm refused', 'not online']),
], ids=['member-of-another-group', 'append-member-of-another-group', 'alias-none', 'alias-ambiguous',
        'absent-used-by-views', 'itadm-refused'])
def test_target_group_refused(state: NodeState, given: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as info:
        planned(TargetGroupPlanner(given), state)
    for word in words:
        assert word in str(info.value)


def test_check_mode_plans_a_member_known_only_by_its_alias() -> None:
    """In check mode the target the same run creates earlier is not there yet: planned by alias, with a warning."""
    planner = TargetGroupPlanner(params(members=['nosuch']))
    planner.check_mode = True
    plan = planned(planner, node(ONLINE))
    assert native(plan) == [['stmfadm', 'create-tg', 'TG01'], ['stmfadm', 'add-tg-member', '-g', 'TG01', 'nosuch']]
    assert len(plan.warnings) == 1 and "member 'nosuch'" in plan.warnings[0] and plan.warnings[0].startswith('check mode: ')


def test_check_mode_still_refuses_an_ambiguous_alias() -> None:
    planner = TargetGroupPlanner(params(members=['twin']))
    planner.check_mode = True
    with pytest.raises(PlanError):
        planned(planner, node([target(T1, alias='twin'), target(T2, alias='twin')]))


@pytest.mark.parametrize('given, words', [
    (params(name='*TG'), ["'*TG'", 'not starting with "*"']),
    (params(name=''), ["''", '1 to 255 bytes']),
    (params(name='TG 01'), ["'TG 01'", 'no spaces']),
    (params(name='T' * 256), ['1 to 255 bytes']),
    (params(members=['IQN.2010-08.org.illumos:02:x']), ['IQN.2010-08', 'lowercase prefix']),
    (params(members=['iqn.2010-08.org.illumos:02:a b']), ['not a valid IQN']),
    (params(members=[WWN]), [WWN, "'iqn.' or 'eui.'"]),
    (params(members=['eui.0123']), ['eui.0123', '16 hex digits']),
], ids=['name-reserved-star', 'name-empty', 'name-blank', 'name-too-long', 'member-uppercase-prefix', 'member-bad-iqn',
        'member-wwn', 'member-short-eui'])
def test_target_group_bad_input(given: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as info:
        TargetGroupPlanner(given).validate()
    for word in words:
        assert word in str(info.value)


# -- host groups ----------------------------------------------------------------------------------------------------
HG_CASES = [
    ('create-with-members', node(hgs={}), params('HG01', members=[ESX2, ESX1]),
     [['stmfadm', 'create-hg', 'HG01'], ['stmfadm', 'add-hg-member', '-g', 'HG01', ESX1],
      ['stmfadm', 'add-hg-member', '-g', 'HG01', ESX2]]),
    ('canonical-names', node(hgs={'HG01': ()}),
     params('HG01', members=['iqn.1998-01.COM.VMware:ESX01-4F3C2A1B', 'eui.0123456789abcdef', 'wwn.2100001b32a0c1d2']),
     [['stmfadm', 'add-hg-member', '-g', 'HG01', TEUI], ['stmfadm', 'add-hg-member', '-g', 'HG01', ESX1],
      ['stmfadm', 'add-hg-member', '-g', 'HG01', WWN]]),
    ('no-op', node(hgs={'HG01': (ESX1, WWN)}), params('HG01', members=['wwn.2100001b32a0c1d2', ESX1]), []),
    ('no-op-append', node(hgs={'HG01': (ESX1, ESX2)}), params('HG01', members=[ESX1], append=True), []),
    ('no-op-members-omitted', node(hgs={'HG01': (ESX1,)}), params('HG01'), []),
    ('exact-removes-extra', node(hgs={'HG01': (ESX1, ESX2)}), params('HG01', members=[ESX2, WWN]),
     [['stmfadm', 'remove-hg-member', '-g', 'HG01', ESX1], ['stmfadm', 'add-hg-member', '-g', 'HG01', WWN]]),
    ('append-adds-only', node(hgs={'HG01': (ESX1,)}), params('HG01', members=[ESX2], append=True),
     [['stmfadm', 'add-hg-member', '-g', 'HG01', ESX2]]),
    ('absent-missing', node(), params('HG01', state='absent'), []),
    ('absent-unused', node(hgs={'HG01': (ESX1,)}, views={G1: (View(0, None, 'TG01', 0),)}), params('HG01', state='absent'),
     [['stmfadm', 'delete-hg', 'HG01']]),
    ('absent-force-removes-views', node(hgs={'HG01': (ESX1,)}, views={G1: (View(0, 'HG01', 'TG01', 0), View(1, 'HG01', None, 3))}),
     params('HG01', state='absent', force=True),
     [['stmfadm', 'remove-view', '-l', G1, '0'], ['stmfadm', 'remove-view', '-l', G1, '1'], ['stmfadm', 'delete-hg', 'HG01']]),
]


@pytest.mark.parametrize('state, given, expected', [case[1:] for case in HG_CASES], ids=[case[0] for case in HG_CASES])
def test_host_group_plan(state: NodeState, given: dict[str, t.Any], expected: list[list[str]]) -> None:
    plan = planned(HostGroupPlanner(given), state)
    assert native(plan) == expected
    assert rsf1(plan) == stmfha(expected)
    assert not any(action.op.endswith('_target') for action in plan.actions)


def test_host_group_needs_no_itadm() -> None:
    """Host groups are STMF objects: planned even when itadm could not be read."""
    plan = planned(HostGroupPlanner(params('HG01', members=[ESX1])), node(None))
    assert native(plan) == [['stmfadm', 'create-hg', 'HG01'], ['stmfadm', 'add-hg-member', '-g', 'HG01', ESX1]]
    assert 'targets' not in HostGroupPlanner.subsets
    assert {'logical_units', 'views'} <= set(HostGroupPlanner.subsets) & set(TargetGroupPlanner.subsets)


@pytest.mark.parametrize('state, given, words', [
    (node(hgs={'HG02': (ESX1,)}), params('HG01', members=[ESX1.upper().replace('IQN.', 'iqn.')]),
     ['HG01', ESX1, 'host group HG02', 'only one host group']),
    (node(hgs={'HG01': (), 'HG02': (ESX1,), 'HG03': (WWN,)}), params('HG01', members=[ESX1, WWN]),
     ['members are', '%s (in host group HG02)' % ESX1, '%s (in host group HG03)' % WWN]),
    (node(hgs={'HG01': ()}, views={G2: (View(1, 'HG01', None, 1),)}), params('HG01', state='absent'),
     ['host group HG01', 'LU %s entry 1' % G2, 'force=true']),
], ids=['member-of-another-group', 'two-members-elsewhere', 'absent-used-by-views'])
def test_host_group_refused(state: NodeState, given: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as info:
        planned(HostGroupPlanner(given), state)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize('member, words', [
    ('esx01', ["'esx01'", "'iqn.', 'eui.' or 'wwn.'"]),
    ('wwn.2100', ["'wwn.2100'", '16 hex digits']),
    ('naa.2100001b32a0c1d2', ['naa.']),
], ids=['bare-name', 'short-wwn', 'naa'])
def test_host_group_bad_member(member: str, words: list[str]) -> None:
    with pytest.raises(PlanError) as info:
        HostGroupPlanner(params('HG01', members=[member])).validate()
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize('planner, state', [
    (TargetGroupPlanner(params(members=['zvol1-iscsi', T2])), node(ONLINE, tgs={'TG01': (T3,)})),
    (HostGroupPlanner(params('HG01', members=[ESX1])), node(hgs={'HG01': (ESX2,)})),
], ids=['target-group', 'host-group'])
def test_no_secret_in_any_argv(planner: t.Any, state: NodeState) -> None:
    """Groups carry no secret: no action holds one, no argv has a -S file; with a CHAP secret registered in the same
    run (one that a member name contains), the group argv keeps everything but that secret."""
    plan = planned(planner, state)
    assert plan.actions and all(action.secret is None for action in plan.actions)
    runner = Runner(t.cast(t.Any, None))
    secret = 'vmware:esx'
    runner.add_secret(secret)
    argvs = native(plan) + rsf1(plan)
    assert any(secret in arg for argv in argvs for arg in argv) == isinstance(planner, HostGroupPlanner)
    for argv in argvs:
        assert '-S' not in argv
        assert runner.mask_argv(argv) == [arg.replace(secret, MASK) for arg in argv]
        assert all(secret not in arg for arg in runner.mask_argv(argv))


@pytest.mark.parametrize('planner, after, problems', [
    (TargetGroupPlanner(params(members=[T1])), {'name': 'TG01', 'members': []}, ['target group TG01 lacks member(s) ' + T1]),
    (TargetGroupPlanner(params(members=[T1])), {'name': 'TG01', 'members': [T1, T2]}, ['target group TG01 still has member(s) ' + T2]),
    (TargetGroupPlanner(params(members=[T1])), None, ['target group TG01 does not exist']),
    (TargetGroupPlanner(params(members=[T1])), {'name': 'TG01', 'members': [T1]}, []),
    (HostGroupPlanner(params('HG01', state='absent')), {'name': 'HG01', 'members': []}, ['host group HG01 still exists']),
    (HostGroupPlanner(params('HG01', state='absent')), None, []),
], ids=['member-missing', 'member-extra', 'group-missing', 'as-planned', 'still-there', 'gone'])
def test_verify(planner: t.Any, after: dict[str, t.Any] | None, problems: list[str]) -> None:
    planned(planner, node(ONLINE))
    assert planner.verify(node(), after) == problems


# -- the whole path, through run_planner --------------------------------------------------------------------------
class Exit(Exception):
    pass


class FakeModule:
    """An AnsibleModule stand-in: list commands answer from the node's text, changes succeed."""

    def __init__(self, module_params: dict[str, t.Any], check_mode: bool, answers: dict[str, str]) -> None:
        self.params = module_params
        self.check_mode = check_mode
        self._diff = True
        self.answers = answers
        self.calls: list[list[str]] = []
        self.result: dict[str, t.Any] = {}
        self.tmpdir = None
        self.fail_on = ''

    def get_bin_path(self, name: str, required: bool = False) -> str | None:
        return '/usr/sbin/' + name

    def run_command(self, argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        call = [os.path.basename(argv[0])] + argv[1:]
        self.calls.append(call)
        if call[1] == self.fail_on:
            return 1, '', 'stmfadm: resource busy\n'
        if call[1] == 'add-tg-member':
            self.answers['stmfadm list-tg'] += '\tMember: %s\n' % call[-1]
        return 0, self.answers.get(' '.join(call[:2]), ''), ''

    def warn(self, text: str) -> None:
        pass

    def exit_json(self, **result: t.Any) -> None:
        self.result = result
        raise Exit()

    def fail_json(self, **result: t.Any) -> None:
        self.result = dict(result, failed=True)
        raise Exit()


LISTS = {'itadm list-target': '%s\tonline\t0\tzvol1-iscsi\tdefault\t-\tunset\tdefault\n' % T1,
         'stmfadm list-tg': 'Target Group: TG01\n'}


@pytest.mark.parametrize('check_mode', [True, False], ids=['check-mode', 'real-run'])
def test_run_planner_returns_offlined(check_mode: bool) -> None:
    module = FakeModule(params(members=['zvol1-iscsi']), check_mode, dict(LISTS))
    with pytest.raises(Exit):
        run_planner(t.cast(t.Any, module), TargetGroupPlanner(module.params))
    assert 'failed' not in module.result, module.result
    assert module.result['offlined'] == [T1]
    assert module.result['changed'] is True
    assert module.result['commands'] == WALKTHROUGH[1:]
    assert module.result['diff'] == {'before': {'name': 'TG01', 'members': []}, 'after': {'name': 'TG01', 'members': [T1]}}
    assert module.result['target_group'] == {'name': 'TG01', 'members': [T1]}
    changes = [call for call in module.calls if 'list' not in call[1] and call[0] != 'zpool']
    assert changes == ([] if check_mode else WALKTHROUGH[1:])


def test_run_planner_restores_after_a_failed_change() -> None:
    """The change fails: the error names the command and its stderr, and the target is brought back online."""
    module = FakeModule(params(members=['zvol1-iscsi']), False, dict(LISTS))
    module.fail_on = 'add-tg-member'
    with pytest.raises(Exit):
        run_planner(t.cast(t.Any, module), TargetGroupPlanner(module.params))
    assert module.result['failed'] is True
    assert module.result['msg'] == 'command failed (rc=1): %s: stmfadm: resource busy' % ' '.join(WALKTHROUGH[2])
    assert module.result['commands'] == WALKTHROUGH[1:]
    assert [call for call in module.calls if 'list' not in call[1]][-1] == WALKTHROUGH[3]


@pytest.mark.parametrize('planner_class', [TargetGroupPlanner, HostGroupPlanner], ids=['target-group', 'host-group'])
def test_views_are_read_only_for_a_delete(planner_class: t.Any) -> None:
    present = planner_class({'name': 'G1', 'members': [], 'append': False, 'state': 'present', 'force': False})
    absent = planner_class({'name': 'G1', 'members': None, 'append': False, 'state': 'absent', 'force': False})
    assert not {'logical_units', 'views'} & set(present.subsets)
    assert {'logical_units', 'views'} <= set(absent.subsets)
