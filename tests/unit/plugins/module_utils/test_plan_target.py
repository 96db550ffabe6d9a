# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Table-driven tests of the target and initiator planners: state + params -> the exact argv of both backends."""
from __future__ import annotations

import dataclasses
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import InitiatorPlanner, TargetPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._records import Defaults, Initiator, Target, Tpg, TpgTag
from ansible_collections.illumos.comstar.plugins.module_utils._runner import MASK, Result, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

SECRET = 'not-so-secret-1'
IQN = 'iqn.2010-08.org.illumos:02:5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87'
IQN2 = 'iqn.2010-08.org.illumos:02:0c6e2d5a-77b1-4f0e-a8c3-5d9e1f2a3b4c'
MINE = 'iqn.2026-01.com.example:storage01.t1'
EUI = 'eui.0123456789ABCDEF'
ESX = 'iqn.1998-01.com.vmware:esx01-4f3c2a1b'
TPG01 = Tpg('TPG01', ('192.168.5.10:3260',))
TPG02 = Tpg('TPG02', ('192.168.5.11:3260',))
NO_DEFAULTS = Defaults(alias=None, auth=None, radius_server=None, radius_secret_set=False, isns=False, isns_servers=())


def target(name: str = IQN, **changes: t.Any) -> Target:
    """The walkthrough's target (reference 3.7 sample values), with changes."""
    record = Target(name=name, state='online', sessions=0, alias='zvol1-iscsi', auth='chap', auth_inherited=False,
                    chap_user=None, chap_secret_set=True, tpgs=(TpgTag('TPG01', 2),))
    return dataclasses.replace(record, **changes)


BARE = dict(alias=None, auth='none', auth_inherited=True, chap_secret_set=False, tpgs=())


def node(*targets: Target, initiators: tuple[Initiator, ...] = (), tpgs: tuple[Tpg, ...] = (TPG01, TPG02)) -> NodeState:
    return NodeState(tpgs=tpgs, targets=tuple(targets), initiators=initiators, defaults=NO_DEFAULTS)


def target_params(**given: t.Any) -> dict[str, t.Any]:
    params = dict(name=None, alias=None, auth_method=None, chap_user=None, chap_secret=None, update_secret='on_create',
                  tpgs=None, online=None, state='present', force=False, backend='native', stmfha_path=None)
    params.update(given)
    return params


def initiator_params(**given: t.Any) -> dict[str, t.Any]:
    params = dict(name=ESX, chap_user=None, chap_secret=None, update_secret='on_create', state='present',
                  backend='native', stmfha_path=None)
    params.update(given)
    return params


def planned(planner: t.Any, state: NodeState) -> list[Action]:
    planner.validate()
    return planner.plan(state).actions


def native(actions: list[Action]) -> list[list[str]]:
    return [NativeBackend().command(action).argv for action in actions]


def rsf1(actions: list[Action]) -> list[list[str]]:
    return [Rsf1Backend('stmfha').command(action).argv for action in actions]


WALKTHROUGH = dict(alias='zvol1-iscsi', auth_method='chap', chap_secret=SECRET, tpgs=['TPG01'])

# id, state, params, native argv, rsf1 argv
TARGET_CASES = [
    ('walkthrough-create', node(), WALKTHROUGH,
     [['itadm', 'create-target', '-a', 'chap', '-S', '<secret-file>', '-l', 'zvol1-iscsi', '-t', 'TPG01']],
     [['stmfha', 'create-target', '--auth-method', 'chap', '--chap-secret', SECRET, '--alias', 'zvol1-iscsi', '--tpg', 'TPG01']]),
    ('walkthrough-rerun-noop', node(target()), WALKTHROUGH, [], []),
    ('walkthrough-by-name-noop', node(target(), target(IQN2, alias='other')), dict(WALKTHROUGH, name=IQN.upper().replace('IQN.', 'iqn.')), [], []),
    ('create-named-canonical', node(), dict(name='iqn.2026-01.com.Example:Storage01.T1'),
     [['itadm', 'create-target', '-n', MINE]], [['stmfha', 'create-target', '-n', MINE]]),
    ('create-eui', node(), dict(name='eui.0123456789abcdef', tpgs=['default']),
     [['itadm', 'create-target', '-n', EUI]], [['stmfha', 'create-target', '-n', EUI]]),
    ('create-offline', node(), dict(name=MINE, alias='t1', online=False),
     [['itadm', 'create-target', '-l', 't1', '-n', MINE], ['stmfadm', 'offline-target', MINE]],
     [['stmfha', 'create-target', '--alias', 't1', '-n', MINE], ['stmfha', 'offline-target', MINE]]),
    ('create-online-true-nothing-more', node(), dict(name=MINE, online=True),
     [['itadm', 'create-target', '-n', MINE]], [['stmfha', 'create-target', '-n', MINE]]),
    ('create-user-and-default-auth', node(), dict(name=MINE, chap_user='tuser', auth_method='default', alias='none'),
     [['itadm', 'create-target', '-u', 'tuser', '-n', MINE]], [['stmfha', 'create-target', '--chap-user', 'tuser', '-n', MINE]]),
    ('create-radius-two-tpgs', node(), dict(name=MINE, auth_method='radius', tpgs=['TPG02', 'TPG01', 'TPG02']),
     [['itadm', 'create-target', '-a', 'radius', '-t', 'TPG01,TPG02', '-n', MINE]],
     [['stmfha', 'create-target', '--auth-method', 'radius', '--tpg', 'TPG01,TPG02', '-n', MINE]]),
    ('alias-change', node(target()), dict(name=IQN, alias='zvol2-iscsi'),
     [['itadm', 'modify-target', '-l', 'zvol2-iscsi', IQN]], [['stmfha', 'modify-target', '-l', 'zvol2-iscsi', IQN]]),
    ('alias-remove', node(target()), dict(name=IQN, alias='None'),
     [['itadm', 'modify-target', '-l', 'None', IQN]], [['stmfha', 'modify-target', '-l', 'None', IQN]]),
    ('alias-remove-noop', node(target(alias=None)), dict(name=IQN, alias='none'), [], []),
    ('auth-to-default', node(target()), dict(name=IQN, auth_method='default'),
     [['itadm', 'modify-target', '-a', 'default', IQN]], [['stmfha', 'modify-target', '-a', 'default', IQN]]),
    ('auth-default-noop', node(target(**BARE)), dict(name=IQN, auth_method='default'), [], []),
    ('auth-explicit-none-over-inherited-none', node(target(**BARE)), dict(name=IQN, auth_method='none'),
     [['itadm', 'modify-target', '-a', 'none', IQN]], [['stmfha', 'modify-target', '-a', 'none', IQN]]),
    ('auth-chap-noop', node(target()), dict(name=IQN, auth_method='chap'), [], []),
    ('user-set', node(target()), dict(name=IQN, chap_user='tuser'),
     [['itadm', 'modify-target', '-u', 'tuser', IQN]], [['stmfha', 'modify-target', '-u', 'tuser', IQN]]),
    ('user-remove', node(target(chap_user='tuser')), dict(name=IQN, chap_user='none'),
     [['itadm', 'modify-target', '-u', 'none', IQN]], [['stmfha', 'modify-target', '-u', 'none', IQN]]),
    ('user-remove-noop', node(target()), dict(name=IQN, chap_user='NONE'), [], []),
    ('tpgs-to-default', node(target()), dict(name=IQN, tpgs=['default']),
     [['itadm', 'modify-target', '-t', 'default', IQN]], [['stmfha', 'modify-target', '-t', 'default', IQN]]),
    ('tpgs-empty-is-default', node(target()), dict(name=IQN, tpgs=[]),
     [['itadm', 'modify-target', '-t', 'default', IQN]], [['stmfha', 'modify-target', '-t', 'default', IQN]]),
    ('tpgs-default-noop', node(target(tpgs=())), dict(name=IQN, tpgs=['default']), [], []),
    ('tpgs-replace', node(target()), dict(name=IQN, tpgs=['TPG02', 'TPG01']),
     [['itadm', 'modify-target', '-t', 'TPG01,TPG02', IQN]], [['stmfha', 'modify-target', '-t', 'TPG01,TPG02', IQN]]),
    ('secret-set-on-create-noop', node(target()), dict(name=IQN, chap_secret=SECRET), [], []),
    ('secret-unset-sent', node(target(chap_secret_set=False)), dict(name=IQN, chap_secret=SECRET),
     [['itadm', 'modify-target', '-S', '<secret-file>', IQN]], [['stmfha', 'modify-target', '-s', SECRET, IQN]]),
    ('secret-always', node(target()), dict(name=IQN, chap_secret=SECRET, update_secret='always'),
     [['itadm', 'modify-target', '-S', '<secret-file>', IQN]], [['stmfha', 'modify-target', '-s', SECRET, IQN]]),
    ('one-modify-for-all', node(target(**BARE)),
     dict(name=IQN, alias='a1', auth_method='chap', chap_user='u1', chap_secret=SECRET, tpgs=['TPG01']),
     [['itadm', 'modify-target', '-a', 'chap', '-u', 'u1', '-S', '<secret-file>', '-l', 'a1', '-t', 'TPG01', IQN]],
     [['stmfha', 'modify-target', '-a', 'chap', '-u', 'u1', '-s', SECRET, '-l', 'a1', '-t', 'TPG01', IQN]]),
    ('offline', node(target()), dict(name=IQN, online=False),
     [['stmfadm', 'offline-target', IQN]], [['stmfha', 'offline-target', IQN]]),
    ('online', node(target(state='offline')), dict(alias='zvol1-iscsi', online=True),
     [['stmfadm', 'online-target', IQN]], [['stmfha', 'online-target', IQN]]),
    ('online-noop', node(target()), dict(name=IQN, online=True), [], []),
    ('offline-noop', node(target(state='offline')), dict(name=IQN, online=False), [], []),
    ('modify-then-offline', node(target()), dict(name=IQN, alias='a2', online=False),
     [['itadm', 'modify-target', '-l', 'a2', IQN], ['stmfadm', 'offline-target', IQN]],
     [['stmfha', 'modify-target', '-l', 'a2', IQN], ['stmfha', 'offline-target', IQN]]),
    ('delete-online-forced', node(target()), dict(name=IQN, state='absent', force=True),
     [['itadm', 'delete-target', '-f', IQN]], [['stmfha', 'delete-target', '-f', IQN]]),
    ('delete-offline-no-f', node(target(state='offline')), dict(alias='zvol1-iscsi', state='absent'),
     [['itadm', 'delete-target', IQN]], [['stmfha', 'delete-target', IQN]]),
    ('delete-unregistered-no-f', node(target(state=None)), dict(name=IQN, state='absent'),
     [['itadm', 'delete-target', IQN]], [['stmfha', 'delete-target', IQN]]),
    ('delete-missing-noop', node(target()), dict(name=MINE, state='absent', force=True), [], []),
    ('delete-missing-alias-noop', node(target()), dict(alias='gone', state='absent'), [], []),
    ('absent-ignores-missing-tpg', node(target()), dict(name=MINE, state='absent', tpgs=['NOPE']), [], []),
]


@pytest.mark.parametrize('state, params, want_native, want_rsf1', [case[1:] for case in TARGET_CASES],
                         ids=[case[0] for case in TARGET_CASES])
def test_target_argv(state: NodeState, params: dict[str, t.Any], want_native: list[list[str]], want_rsf1: list[list[str]]) -> None:
    actions = planned(TargetPlanner(target_params(**params)), state)
    assert native(actions) == want_native
    assert rsf1(actions) == want_rsf1


# id, state, params, words the refusal must contain
TARGET_REFUSALS = [
    ('alias-ambiguous', node(target(), target(IQN2)), dict(alias='zvol1-iscsi', online=False),
     ['zvol1-iscsi', IQN, IQN2, 'unique']),
    ('tpg-missing', node(target()), dict(name=IQN, tpgs=['TPG01', 'TPG09', 'TPG08']), ['TPG08, TPG09', 'must exist']),
    ('tpg-missing-on-create', node(), dict(alias='x', tpgs=['TPG09']), ['TPG09', 'must exist']),
    ('delete-online-unforced', node(target(sessions=2)), dict(name=IQN, state='absent'), [IQN, 'online', '2 session', 'force=true']),
    ('online-false-generated', node(), dict(alias='new', online=False), ['online=false', 'needs name']),
    ('itadm-refused', NodeState(), dict(name=IQN), ['svc:/network/iscsi/target:default', 'not online']),
]


@pytest.mark.parametrize('state, params, words', [case[1:] for case in TARGET_REFUSALS], ids=[case[0] for case in TARGET_REFUSALS])
def test_target_refusals(state: NodeState, params: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as caught:
        planned(TargetPlanner(target_params(**params)), state)
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize('state, params', [case[1:3] for case in TARGET_REFUSALS if case[0].startswith('tpg-missing')],
                         ids=[case[0] for case in TARGET_REFUSALS if case[0].startswith('tpg-missing')])
def test_check_mode_plans_a_target_on_a_tpg_not_yet_created(state: NodeState, params: dict[str, t.Any]) -> None:
    planner = TargetPlanner(target_params(**params))
    planner.check_mode = True
    planner.validate()
    plan = planner.plan(state)
    assert plan.changed
    assert [action.op for action in plan.actions] in (['create_target'], ['modify_target'])
    assert sorted(plan.actions[0].args['tpgs']) == sorted(params['tpgs'])
    checks = [warning for warning in plan.warnings if warning.startswith('check mode: ')]
    assert len(checks) == 1 and 'TPG09' in checks[0]


# id, params, words; refused by validate() before any state is read
TARGET_INVALID = [
    ('name-not-iscsi', dict(name='foo'), ["'foo'", "'iqn.' or 'eui.'"]),
    ('name-bad-iqn', dict(name='iqn.2026.example'), ["'iqn.2026.example'", 'iqn.yyyy-mm.']),
    ('name-wwn', dict(name='wwn.0123456789ABCDEF'), ['wwn.0123456789ABCDEF', "'iqn.' or 'eui.'"]),
    ('neither-name-nor-alias', dict(), ['give name or an alias']),
    ('alias-none-identifies-nothing', dict(alias='none'), ["'none'", 'give name']),
    ('alias-empty', dict(name=IQN, alias=''), ["alias ''", 'none to remove']),
    ('alias-too-long', dict(name=IQN, alias='a' * 256), ['longer than 255']),
    ('user-blank', dict(name=IQN, chap_user=' u'), ["chap_user ' u'"]),
    ('secret-short', dict(name=IQN, chap_secret='short'), ['chap_secret', 'between 12 and 255', 'has 5']),
    ('secret-long', dict(name=IQN, chap_secret='x' * 256), ['between 12 and 255', 'has 256']),
    ('tpgs-default-mixed', dict(name=IQN, tpgs=['default', 'TPG01']), ["'default'", 'cannot be combined']),
    ('tpgs-comma', dict(name=IQN, tpgs=['TPG01,TPG02']), ["'TPG01,TPG02'", 'no commas']),
]


@pytest.mark.parametrize('params, words', [case[1:] for case in TARGET_INVALID], ids=[case[0] for case in TARGET_INVALID])
def test_target_invalid(params: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as caught:
        TargetPlanner(target_params(**params)).validate()
    for word in words:
        assert word in str(caught.value)
    if params.get('chap_secret'):
        assert params['chap_secret'] not in str(caught.value)


# id, state, params, native argv, rsf1 argv
INITIATOR_CASES = [
    ('create', node(), dict(chap_user='esx01', chap_secret=SECRET),
     [['itadm', 'create-initiator', '-u', 'esx01', '-S', '<secret-file>', ESX]],
     [['stmfha', 'create-initiator', '-u', 'esx01', '-s', SECRET, ESX]]),
    ('create-bare-canonical', node(), dict(name='iqn.1998-01.com.VMware:ESX01-4f3c2a1b'),
     [['itadm', 'create-initiator', ESX]], [['stmfha', 'create-initiator', ESX]]),
    ('create-user-none', node(), dict(chap_user='none'), [['itadm', 'create-initiator', ESX]], [['stmfha', 'create-initiator', ESX]]),
    ('noop', node(initiators=(Initiator(ESX, 'esx01', True),)), dict(chap_user='esx01', chap_secret=SECRET), [], []),
    ('noop-name-only', node(initiators=(Initiator(ESX, 'esx01', True),)), dict(), [], []),
    ('user-change', node(initiators=(Initiator(ESX, 'esx01', True),)), dict(chap_user='esx02'),
     [['itadm', 'modify-initiator', '-u', 'esx02', ESX]], [['stmfha', 'modify-initiator', '-u', 'esx02', ESX]]),
    ('user-remove', node(initiators=(Initiator(ESX, 'esx01', True),)), dict(chap_user='none'),
     [['itadm', 'modify-initiator', '-u', 'none', ESX]], [['stmfha', 'modify-initiator', '-u', 'none', ESX]]),
    ('user-remove-noop', node(initiators=(Initiator(ESX, None, False),)), dict(chap_user='none'), [], []),
    ('secret-unset-sent', node(initiators=(Initiator(ESX, None, False),)), dict(chap_secret=SECRET),
     [['itadm', 'modify-initiator', '-S', '<secret-file>', ESX]], [['stmfha', 'modify-initiator', '-s', SECRET, ESX]]),
    ('secret-always', node(initiators=(Initiator(ESX, None, True),)), dict(chap_secret=SECRET, update_secret='always'),
     [['itadm', 'modify-initiator', '-S', '<secret-file>', ESX]], [['stmfha', 'modify-initiator', '-s', SECRET, ESX]]),
    ('delete', node(initiators=(Initiator(ESX, None, True),)), dict(state='absent', chap_secret=SECRET),
     [['itadm', 'delete-initiator', ESX]], [['stmfha', 'delete-initiator', ESX]]),
    ('delete-missing-noop', node(), dict(state='absent'), [], []),
]


@pytest.mark.parametrize('state, params, want_native, want_rsf1', [case[1:] for case in INITIATOR_CASES],
                         ids=[case[0] for case in INITIATOR_CASES])
def test_initiator_argv(state: NodeState, params: dict[str, t.Any], want_native: list[list[str]], want_rsf1: list[list[str]]) -> None:
    actions = planned(InitiatorPlanner(initiator_params(**params)), state)
    assert native(actions) == want_native
    assert rsf1(actions) == want_rsf1


INITIATOR_REFUSALS = [
    ('name-not-iscsi', node(), dict(name='esx01'), ["'esx01'", "'iqn.' or 'eui.'"]),
    ('secret-short', node(), dict(chap_secret='x' * 11), ['between 12 and 255', 'has 11']),
    ('user-empty', node(), dict(chap_user=''), ["chap_user ''"]),
    ('itadm-refused', NodeState(), dict(), ['not online']),
]


@pytest.mark.parametrize('state, params, words', [case[1:] for case in INITIATOR_REFUSALS], ids=[case[0] for case in INITIATOR_REFUSALS])
def test_initiator_refusals(state: NodeState, params: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as caught:
        planned(InitiatorPlanner(initiator_params(**params)), state)
    for word in words:
        assert word in str(caught.value)


SECRET_ACTIONS = [
    ('target-create', TargetPlanner(target_params(**WALKTHROUGH)), node()),
    ('target-modify', TargetPlanner(target_params(name=IQN, chap_secret=SECRET, update_secret='always')), node(target())),
    ('initiator-create', InitiatorPlanner(initiator_params(chap_secret=SECRET)), node()),
    ('initiator-modify', InitiatorPlanner(initiator_params(chap_secret=SECRET, update_secret='always')),
     node(initiators=(Initiator(ESX, None, True),))),
]


@pytest.mark.parametrize('planner, state', [case[1:] for case in SECRET_ACTIONS], ids=[case[0] for case in SECRET_ACTIONS])
def test_secret_masking(planner: t.Any, state: NodeState) -> None:
    actions = planned(planner, state)
    assert [action.secret for action in actions] == [SECRET]
    assert planner.secrets() == [SECRET]
    assert SECRET not in repr(actions)
    assert all(SECRET not in arg for argv in native(actions) for arg in argv)
    runner = Runner(t.cast(t.Any, None))
    for value in planner.secrets():
        runner.add_secret(value)
    shown = [runner.mask_argv(argv) for argv in rsf1(actions)]
    assert all(SECRET not in arg for argv in shown for arg in argv)
    assert [arg for argv in shown for arg in argv].count(MASK) == 1


def test_target_before_after_and_diff() -> None:
    planner = TargetPlanner(target_params(name=IQN, alias='a2', tpgs=['TPG02', 'TPG01'], online=False))
    planner.validate()
    plan = planner.plan(node(target()))
    assert plan.before == {'name': IQN, 'alias': 'zvol1-iscsi', 'state': 'online', 'sessions': 0, 'auth': 'chap',
                           'auth_inherited': False, 'chap_user': None, 'chap_secret_set': True,
                           'tpgs': [{'name': 'TPG01', 'tag': 2}]}
    assert plan.after == dict(plan.before, alias='a2', state='offline',
                              tpgs=[{'name': 'TPG01', 'tag': 2}, {'name': 'TPG02', 'tag': None}])


def test_target_planned_new_with_generated_name() -> None:
    planner = TargetPlanner(target_params(**WALKTHROUGH))
    planner.validate()
    plan = planner.plan(node())
    assert plan.before is None
    assert plan.after == {'name': None, 'alias': 'zvol1-iscsi', 'state': 'online', 'sessions': 0, 'auth': 'chap',
                          'auth_inherited': False, 'chap_user': None, 'chap_secret_set': True,
                          'tpgs': [{'name': 'TPG01', 'tag': None}]}


def test_target_default_auth_planned_from_defaults() -> None:
    planner = TargetPlanner(target_params(name=IQN, auth_method='default'))
    planner.validate()
    state = dataclasses.replace(node(target()), defaults=dataclasses.replace(NO_DEFAULTS, auth='chap'))
    plan = planner.plan(state)
    assert (plan.after or {})['auth'] == 'chap' and (plan.after or {})['auth_inherited'] is True


class FakeApplier:  # pylint: disable=too-few-public-methods
    """What current() reads of an Applier: each action with what its command printed."""

    def __init__(self, outputs: list[tuple[Action, Result]]) -> None:
        self.outputs = outputs


@pytest.mark.parametrize('stdout', [
    'Target %s successfully created\n' % IQN,
    'live01:\n  Target %s successfully created\n\nlive02:\n  Target %s successfully created\n' % (IQN, IQN),
], ids=['itadm', 'stmfha'])
def test_generated_name_is_read_back(stdout: str) -> None:
    planner = TargetPlanner(target_params(**WALKTHROUGH))
    planner.validate()
    actions = planner.plan(node()).actions
    # another target with the same alias appeared meanwhile: the printed IQN decides, not the alias
    after_state = node(target(), target(IQN2))
    found = planner.current(after_state, t.cast(t.Any, FakeApplier([(actions[0], Result(0, stdout, ''))])))
    assert found is not None and found['name'] == IQN
    assert planner.verify(after_state, found) == []


@pytest.mark.parametrize('params, listed, problem', [
    (dict(name=IQN, tpgs=['TPG01', 'TPG02']), target(), "tpgs are ['TPG01'], not ['TPG01', 'TPG02']"),
    (dict(name=IQN, online=False), target(), "state is 'online', not 'offline'"),
    (dict(name=IQN, auth_method='default'), target(), "auth_inherited is False, not True"),
    (dict(name=IQN, chap_secret=SECRET), target(chap_secret_set=False), 'chap_secret_set is False, not True'),
    (dict(name=IQN, state='absent', force=True), target(), 'still exists'),
    (dict(name=MINE), None, 'is not listed'),
], ids=['tpgs', 'online', 'auth-default', 'secret', 'absent', 'missing'])
def test_target_verify(params: dict[str, t.Any], listed: Target | None, problem: str) -> None:
    planner = TargetPlanner(target_params(**params))
    planner.validate()
    state = node(*(() if listed is None else (listed,)))
    problems = planner.verify(state, planner.current(state, None))
    assert len(problems) == 1 and problem in problems[0]


def test_initiator_before_after_verify() -> None:
    planner = InitiatorPlanner(initiator_params(chap_user='esx01', chap_secret=SECRET))
    planner.validate()
    plan = planner.plan(node())
    assert plan.before is None
    assert plan.after == {'name': ESX, 'chap_user': 'esx01', 'chap_secret_set': True}
    state = node(initiators=(Initiator(ESX, 'esx01', False),))
    assert planner.verify(state, planner.current(state, None)) == ['initiator %s: chap_secret_set is False, not True' % ESX]
