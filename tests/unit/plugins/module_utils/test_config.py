# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""comstar_config's engine: the projection, the fold, cross-item refusals and the states, on plain states."""

from __future__ import annotations

import dataclasses
import typing as t

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._config import ConfigEngine, coalesce_offline
from ansible_collections.illumos.comstar.plugins.module_utils._config_run import empty_state
from ansible_collections.illumos.comstar.plugins.module_utils._gather import gather
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._project import project
from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults, Group, Initiator, LogicalUnit, Target, Tpg, TpgTag, View, Zvol)
from ansible_collections.illumos.comstar.plugins.module_utils._runner import Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

IQN1 = 'iqn.2010-08.org.illumos:02:aaaaaaaa-0000-0000-0000-000000000001'
IQN2 = 'iqn.2010-08.org.illumos:02:aaaaaaaa-0000-0000-0000-000000000002'
INI1 = 'iqn.1998-01.com.vmware:esx1'
GUID1 = '600144F09CF9DD070000614DEADE0001'
GUID2 = '600144F09CF9DD070000614DEADE0002'
GUID9 = '600144F09CF9DD070000614DEADE0009'
SECRET = 'mutual-secret-1234'


class Quiet:
    """Enough of a module for a Runner that never runs (rendering and masking only)."""

    tmpdir = None

    def get_bin_path(self, name: str, required: bool = False) -> str:
        return '/usr/sbin/' + name


def params(config: dict[str, t.Any] | None, state: str = 'merged', **extra: t.Any) -> dict[str, t.Any]:
    """The module's params for this input, defaults filled in by Ansible's own validator."""
    spec = dict(specs.config_options(), backend={'type': 'str', 'default': 'native'})
    result = ArgumentSpecValidator(spec).validate(dict({'config': config, 'state': state}, **extra))
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def lu(guid: str, zvol: str, views: int = 0) -> LogicalUnit:
    return LogicalUnit(guid=guid, operational_status='Online', provider='sbd', alias='/dev/zvol/rdsk/' + zvol,
                       view_entry_count=views, data_file='/dev/zvol/rdsk/' + zvol, meta_file=None, size=1 << 30,
                       block_size=512, management_url=None, vendor_id='SUN', product_id='COMSTAR', serial=None,
                       write_protect=False, writeback_cache=True, access_state='Active')


def target(name: str, alias: str | None = None, state: str = 'online', tpgs: tuple[str, ...] = ('TPG01',)) -> Target:
    return Target(name=name, state=state, sessions=0, alias=alias, auth='none', auth_inherited=True, chap_user=None,
                  chap_secret_set=False, tpgs=tuple(TpgTag(tpg, 2) for tpg in tpgs))


def node(**parts: t.Any) -> NodeState:
    """A node with the walkthrough done by hand: TPG01, one target in TG01, pool1/zvol1 as LU 1 with one view."""
    state = NodeState(
        services={'stmf': 'online', 'iscsi_target': 'online'},
        tpgs=(Tpg('TPG01', ('192.168.5.10:3260',)),),
        targets=(target(IQN1, 'zvol1-iscsi'),),
        initiators=(),
        defaults=Defaults(None, None, None, False, False, ()),
        target_groups=(Group('TG01', (IQN1,)),),
        host_groups=(),
        logical_units=(lu(GUID1, 'pool1/zvol1', 1),),
        views={GUID1: (View(0, None, 'TG01', 0),)},
        zvols=(Zvol('pool1/zvol1', 1 << 30, 8192),),
        pools=('pool1',))
    return dataclasses.replace(state, **parts)


def planned(config: dict[str, t.Any] | None, state: NodeState, mode: str = 'merged', check_mode: bool = False,
            backend: t.Any = None, **extra: t.Any) -> list[list[str]]:
    engine = ConfigEngine(params(config, mode, **extra))
    engine.validate()
    fold = engine.plan(state, check_mode)
    applier = Applier(Runner(t.cast(t.Any, Quiet())), backend or NativeBackend())
    return [applier.render(action) for action in fold.actions]


WALKTHROUGH = {
    'tpgs': [{'name': 'TPG01', 'portals': ['192.168.5.10']}],
    'targets': [{'alias': 'zvol1-iscsi', 'auth_method': 'chap', 'chap_secret': SECRET, 'tpgs': ['TPG01']}],
    'target_groups': [{'name': 'TG01', 'members': ['zvol1-iscsi']}],
    'logical_units': [{'zvol': 'pool1/zvol1', 'size': '1G', 'views': [{'target_group': 'TG01'}]}],
}


# -- the projection ------------------------------------------------------------------------------
@pytest.mark.parametrize('action, check', [
    (Action('create_tpg', {'name': 'TPG02', 'portals': ['10.0.0.2:3260']}),
     lambda s: s.tpg('TPG02') == Tpg('TPG02', ('10.0.0.2:3260',))),
    (Action('delete_tpg', {'name': 'TPG01', 'force': True}),
     lambda s: s.tpg('TPG01') is None and s.target(IQN1).tpgs == ()),
    (Action('create_target', {'alias': 'new', 'tpgs': ['TPG01']}),
     lambda s: s.target('new').alias == 'new' and s.target('new').state == 'online' and s.target('new').tpgs[0].name == 'TPG01'),
    (Action('create_target', {'name': IQN2, 'auth': 'chap'}, secret=SECRET),
     lambda s: s.target(IQN2).auth == 'chap' and not s.target(IQN2).auth_inherited and s.target(IQN2).chap_secret_set),
    (Action('modify_target', {'name': IQN1, 'alias': 'none', 'tpgs': []}),
     lambda s: s.target(IQN1).alias is None and s.target(IQN1).tpgs == ()),
    (Action('offline_target', {'name': IQN1}), lambda s: s.target(IQN1).state == 'offline'),
    (Action('delete_target', {'name': IQN1}), lambda s: s.target(IQN1) is None),
    (Action('create_initiator', {'name': INI1, 'chap_user': 'esx1'}, secret=SECRET),
     lambda s: s.initiators == (Initiator(INI1, 'esx1', True),)),
    (Action('modify_defaults', {'auth': 'chap', 'isns': True}), lambda s: s.defaults.auth == 'chap' and s.defaults.isns),
    (Action('create_tg', {'name': 'TG02'}), lambda s: Group('TG02', ()) in s.target_groups),
    (Action('remove_tg_member', {'group': 'TG01', 'member': IQN1}), lambda s: s.target_groups == (Group('TG01', ()),)),
    (Action('add_hg_member', {'group': 'HG1', 'member': INI1}), lambda s: s.host_groups == ()),
    (Action('delete_tg', {'name': 'TG01'}), lambda s: s.target_groups == ()),
    (Action('create_zvol', {'name': 'pool1/zvol2', 'size': 1 << 20}), lambda s: s.zvol('pool1/zvol2') == Zvol('pool1/zvol2', 1 << 20, 8192)),
    (Action('set_volsize', {'name': 'pool1/zvol1', 'size': 2 << 30}), lambda s: s.zvol('pool1/zvol1').volsize == 2 << 30),
    (Action('create_lu', {'data_file': '/dev/zvol/rdsk/pool1/zvol1x', 'props': {'alias': 'x', 'wcd': True}}),
     lambda s: s.lu('pool1/zvol1x').alias == 'x' and s.lu('pool1/zvol1x').writeback_cache is False),
    (Action('create_lu', {'data_file': '/dev/zvol/rdsk/pool1/zvol1x'}), lambda s: s.lu('pool1/zvol1x').writeback_cache is None),
    (Action('create_lu', {'data_file': '/dev/zvol/rdsk/pool1/zvol1x', 'props': {'guid': GUID9.lower()}}),
     lambda s: s.lu(GUID9).data_file == '/dev/zvol/rdsk/pool1/zvol1x'),
    (Action('import_lu', {'data_file': '/dev/zvol/rdsk/pool1/zvol2', 'or_create': True}), lambda s: s.lu('pool1/zvol2') is not None),
    (Action('modify_lu', {'guid': GUID1, 'props': {'alias': 'db', 'wp': True}, 'size': 2 << 30}),
     lambda s: (s.lu(GUID1).alias, s.lu(GUID1).write_protect, s.lu(GUID1).size) == ('db', True, 2 << 30)),
    (Action('delete_lu', {'guid': GUID1}), lambda s: s.lu(GUID1) is None and GUID1 not in s.views),
    (Action('add_view', {'guid': GUID1, 'host_group': None, 'target_group': 'TG02', 'lun': None}),
     lambda s: s.views[GUID1][-1] == View(1, None, 'TG02', 0) and s.lu(GUID1).view_entry_count == 2),
    (Action('add_view', {'guid': GUID1, 'host_group': None, 'target_group': 'TG01', 'lun': 7}),
     lambda s: s.views[GUID1][-1] == View(1, None, 'TG01', 7)),
    (Action('remove_view', {'guid': GUID1, 'entry': 0}), lambda s: s.views[GUID1] == () and s.lu(GUID1).view_entry_count == 0),
], ids=lambda value: value.op if isinstance(value, Action) else '')
def test_projection(action: Action, check: t.Callable[[NodeState], bool]) -> None:
    before = node()
    after = project(before, action)
    assert check(after)
    assert before == node()          # pure: the state read is never changed


# -- the fold ------------------------------------------------------------------------------------
def test_walkthrough_on_an_empty_node_in_order() -> None:
    """Check mode on a bare node plans every step: the new target and LU named by alias and zvol."""
    assert planned(WALKTHROUGH, empty_state(['pool1']), check_mode=True) == [
        ['itadm', 'create-tpg', 'TPG01', '192.168.5.10:3260'],
        ['itadm', 'create-target', '-a', 'chap', '-S', '<secret-file>', '-l', 'zvol1-iscsi', '-t', 'TPG01'],
        ['stmfadm', 'create-tg', 'TG01'],
        ['stmfadm', 'offline-target', 'zvol1-iscsi'],
        ['stmfadm', 'add-tg-member', '-g', 'TG01', 'zvol1-iscsi'],
        ['stmfadm', 'online-target', 'zvol1-iscsi'],
        ['zfs', 'create', '-V', '1073741824', 'pool1/zvol1'],
        ['stmfadm', 'create-lu', '/dev/zvol/rdsk/pool1/zvol1'],
        ['stmfadm', 'add-view', '-t', 'TG01', 'pool1/zvol1'],
    ]


def test_walkthrough_through_stmfha_masks_the_secret() -> None:
    commands = planned(WALKTHROUGH, empty_state(['pool1']), backend=Rsf1Backend('/opt/HAC/RSF-1/bin/stmfha'))
    assert commands[1] == ['/opt/HAC/RSF-1/bin/stmfha', 'create-target', '--auth-method', 'chap', '--chap-secret', SECRET,
                           '--alias', 'zvol1-iscsi', '--tpg', 'TPG01']
    # the Quiet runner knows no secret: the engine must register it (ConfigRun does, from secrets())
    engine = ConfigEngine(params(WALKTHROUGH))
    assert engine.secrets() == [SECRET]


def test_the_node_as_configured_needs_nothing() -> None:
    config = dict(WALKTHROUGH, targets=[{'alias': 'zvol1-iscsi', 'tpgs': ['TPG01']}])
    assert planned(config, node()) == []


@pytest.mark.parametrize('mode', ['merged', 'overridden'])
def test_gathered_applied_again_changes_nothing(mode: str) -> None:
    state = node(host_groups=(Group('HG1', (INI1,)),), initiators=(Initiator(INI1, 'esx1', True),),
                 targets=(target(IQN1, 'zvol1-iscsi'), target(IQN2, None, 'offline', ())),
                 views={GUID1: (View(0, None, 'TG01', 0), View(1, 'HG1', 'TG02', 3))},
                 target_groups=(Group('TG01', (IQN1,)), Group('TG02', ())),
                 logical_units=(lu(GUID1, 'pool1/zvol1', 2),))
    gathered = gather(state, ['tpgs', 'initiators', 'targets', 'host_groups', 'target_groups', 'logical_units', 'defaults'])
    assert planned(gathered, state, mode) == []


def test_a_target_moves_between_groups_going_offline_once() -> None:
    state = node(target_groups=(Group('TG01', (IQN1,)), Group('TG02', ())))
    config = {'target_groups': [{'name': 'TG02', 'members': [IQN1]}, {'name': 'TG01', 'members': []}]}
    assert planned(config, state) == [
        ['stmfadm', 'offline-target', IQN1],
        ['stmfadm', 'remove-tg-member', '-g', 'TG01', IQN1],
        ['stmfadm', 'add-tg-member', '-g', 'TG02', IQN1],
        ['stmfadm', 'online-target', IQN1],
    ]


def test_coalesce_keeps_the_restore_pairing() -> None:
    actions = [Action('offline_target', {'name': 'T'}, token='offline:T'),
               Action('remove_tg_member', {'group': 'A', 'member': 'T'}),
               Action('online_target', {'name': 'T'}, restores='offline:T'),
               Action('offline_target', {'name': 'T'}, token='offline:T'),
               Action('add_tg_member', {'group': 'B', 'member': 'T'}),
               Action('online_target', {'name': 'T'}, restores='offline:T')]
    assert [action.op for action in coalesce_offline(actions)] == [
        'offline_target', 'remove_tg_member', 'add_tg_member', 'online_target']
    # a change of the target itself between the two keeps them apart
    apart = actions[:3] + [Action('modify_target', {'name': 'T', 'alias': 'x'})] + actions[3:]
    assert len(coalesce_offline(apart)) == len(apart)


def test_replaced_returns_omitted_options_to_defaults_and_views_exactly() -> None:
    state = node(targets=(dataclasses.replace(target(IQN1, 'zvol1-iscsi'), chap_user='old', auth='chap', auth_inherited=False),),
                 views={GUID1: (View(0, None, 'TG01', 0), View(1, 'HG1', None, 4))}, logical_units=(lu(GUID1, 'pool1/zvol1', 2),),
                 host_groups=(Group('HG1', ()),))
    config = {'targets': [{'name': IQN1, 'tpgs': ['TPG01']}],
              'logical_units': [{'zvol': 'pool1/zvol1', 'views': [{'target_group': 'TG01'}]}]}
    assert planned(config, state, 'replaced') == [
        ['itadm', 'modify-target', '-a', 'default', '-u', 'none', '-l', 'none', IQN1],
        ['stmfadm', 'remove-view', '-l', GUID1, '1'],
    ]
    # merged leaves what is omitted alone
    assert planned(config, state, 'merged') == []


def test_overridden_purges_the_unlisted_on_the_given_pools_only() -> None:
    state = node(tpgs=(Tpg('TPG01', ('192.168.5.10:3260',)), Tpg('OLD', ('10.0.0.9:3260',))),
                 logical_units=(lu(GUID1, 'pool1/zvol1', 1), lu(GUID2, 'pool1/zvol2'), lu(GUID9, 'pool2/other')),
                 zvols=(Zvol('pool1/zvol1', 1 << 30, 8192), Zvol('pool1/zvol2', 1 << 30, 8192)))
    config = {'tpgs': [{'name': 'TPG01', 'portals': ['192.168.5.10']}],
              'logical_units': [{'zvol': 'pool1/zvol1', 'views': [{'target_group': 'TG01'}]}]}
    assert planned(config, state, 'overridden') == [
        ['stmfadm', 'delete-lu', GUID2],
        ['itadm', 'delete-tpg', 'OLD'],
    ]


def test_deleted_with_an_empty_section_removes_all_of_it() -> None:
    state = node(host_groups=(Group('HG1', ()), Group('HG2', ())))
    assert planned({'host_groups': []}, state, 'deleted') == [['stmfadm', 'delete-hg', 'HG1'], ['stmfadm', 'delete-hg', 'HG2']]
    assert planned({'host_groups': [{'name': 'HG2'}]}, state, 'deleted') == [['stmfadm', 'delete-hg', 'HG2']]


def test_removals_run_last_in_reverse_order() -> None:
    config = {'tpgs': [{'name': 'TPG01', 'state': 'absent', 'force': True}, {'name': 'TPG02', 'portals': ['10.0.0.2']}],
              'targets': [{'name': IQN1, 'state': 'absent', 'force': True}],
              'target_groups': [{'name': 'TG01', 'state': 'absent', 'force': True}]}
    assert planned(config, node()) == [
        ['itadm', 'create-tpg', 'TPG02', '10.0.0.2:3260'],
        ['stmfadm', 'remove-view', '-l', GUID1, '0'],
        ['stmfadm', 'delete-tg', 'TG01'],
        ['itadm', 'delete-target', '-f', IQN1],
        ['itadm', 'delete-tpg', 'TPG01'],
    ]


def test_defaults_section() -> None:
    assert planned({'defaults': {'auth_method': 'chap', 'isns': True, 'isns_servers': ['10.0.0.5']}}, node()) == [
        ['itadm', 'modify-defaults', '-a', 'chap', '-i', 'enable', '-I', '10.0.0.5']]
    assert planned({'defaults': {'auth_method': 'none', 'isns': False}}, node()) == []


# -- refusals before anything changes ---------------------------------------------------------------
@pytest.mark.parametrize('config, pools, words', [
    ({'tpgs': [{'name': 'A', 'portals': ['10.0.0.1']}, {'name': 'A', 'portals': ['10.0.0.2']}]}, None,
     ['tpgs[0] (name A)', 'tpgs[1] (name A)', 'once']),
    ({'targets': [{'alias': 'x'}, {'name': IQN2, 'alias': 'x'}]}, None, ['targets[0] (alias x)', 'targets[1]', 'alias x']),
    ({'targets': [{'alias': 'x'}], 'target_groups': [{'name': 'TG1', 'members': ['x']}, {'name': 'TG2', 'members': ['x']}]},
     None, ['target_groups[0] (name TG1)', 'target_groups[1] (name TG2)', 'only one target group']),
    ({'host_groups': [{'name': 'H1', 'members': [INI1]}, {'name': 'H2', 'members': [INI1.upper().replace('IQN', 'iqn')]}]},
     None, ['host_groups[0] (name H1)', 'host_groups[1] (name H2)', 'one host group']),
    ({'logical_units': [{'zvol': 'pool1/a', 'views': [{'target_group': 'TG01', 'lun': 3}]},
                        {'zvol': 'pool1/b', 'views': [{'lun': 3}]}]}, None,
     ['logical_units[0] (zvol pool1/a)', 'logical_units[1] (zvol pool1/b)', 'LUN 3']),
    ({'logical_units': [{'zvol': 'pool1/a', 'views': [{'target_group': 'TG01'}, {}]}]}, None, ['logical_units[0]', 'overlap']),
    ({'logical_units': [{'zvol': 'pool2/a'}]}, ['pool1'], ['logical_units[0] (zvol pool2/a)', 'pool2', 'not in pools']),
    ({'logical_units': [{'zvol': 'pool1/a'}, {'data_file': '/dev/zvol/rdsk/pool1/a'}]}, None, ['logical_units[0]', 'logical_units[1]']),
    ({'targets': [{'alias': 'x', 'chap_secret': 'short'}]}, None, ['targets[0] (alias x)', '12']),
], ids=['tpg-twice', 'alias-twice', 'target-two-groups', 'initiator-two-groups', 'lun-clash', 'views-overlap',
        'pool-outside', 'lu-twice', 'bad-item'])
def test_conflicts_refused_naming_both(config: dict[str, t.Any], pools: list[str] | None, words: list[str]) -> None:
    engine = ConfigEngine(params(config, pools=pools))
    with pytest.raises(PlanError) as info:
        engine.validate()
    assert all(word in str(info.value) for word in words), str(info.value)
    assert 'short' not in str(info.value)


def test_a_missing_reference_is_refused_outside_check_mode_only() -> None:
    config = {'targets': [{'alias': 'x', 'tpgs': ['NOPE']}]}
    with pytest.raises(PlanError) as info:
        planned(config, node())
    assert 'targets[0] (alias x)' in str(info.value) and 'NOPE' in str(info.value)
    assert planned(config, node(), check_mode=True) == [['itadm', 'create-target', '-l', 'x', '-t', 'NOPE']]
