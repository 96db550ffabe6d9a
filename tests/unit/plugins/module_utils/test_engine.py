# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's shared pieces: runner, names, subsets, state reader, applier."""

from __future__ import annotations

import os
import stat
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._names import (
    canonical_name, canonical_portal, check_guid, check_iscsi_name, check_secret)
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, Plan, PlanError, offline_dance
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import StateReader, resolve_subsets

SECRET = 'not-so-secret-value'
IQN = 'iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4'
GUID = '600144F09CF9DD070000614DEADE0001'


class FakeModule:
    """Answers run_command from a table keyed by argv[1:] (the binary's path comes first)."""

    def __init__(self, answers: dict[tuple[str, ...], tuple[int, str, str]] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[list[str]] = []
        self.seen_files: list[tuple[int, str]] = []
        self.tmpdir = None

    def get_bin_path(self, name: str, required: bool = False) -> str | None:
        return '/usr/sbin/' + name

    def run_command(self, argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        assert kwargs['expand_user_and_vars'] is False
        assert kwargs['environ_update']['LC_ALL'] == 'C'
        self.calls.append([os.path.basename(argv[0])] + argv[1:])
        if '-S' in argv:
            path = argv[argv.index('-S') + 1]
            with open(path, encoding='utf-8') as handle:
                self.seen_files.append((stat.S_IMODE(os.stat(path).st_mode), handle.read()))
        for key, answer in self.answers.items():
            if tuple(self.calls[-1][:len(key)]) == key:
                return answer
        return 0, '', ''


@pytest.mark.parametrize('given, expected', [
    ('192.168.5.10', '192.168.5.10:3260'),
    ('192.168.5.10:3260', '192.168.5.10:3260'),
    ('10.0.0.1:860', '10.0.0.1:860'),
    ('[fe80::1]', '[fe80::1]:3260'),
    ('[FE80:0:0::1]:3261', '[fe80::1]:3261'),
], ids=['v4-default-port', 'v4-port', 'v4-other-port', 'v6-default-port', 'v6-compressed'])
def test_canonical_portal(given: str, expected: str) -> None:
    assert canonical_portal(given) == expected


@pytest.mark.parametrize('given, rule', [
    ('fe80::1', 'brackets'),
    ('192.168.5.10:0', '1 to 65535'),
    ('192.168.5.10:70000', '1 to 65535'),
    ('storage.example.com:3260', 'not an IP address'),
    ('[192.168.5.10]:3260', 'brackets'),
], ids=['v6-unbracketed', 'port-zero', 'port-too-big', 'hostname', 'v4-bracketed'])
def test_bad_portal_named(given: str, rule: str) -> None:
    with pytest.raises(PlanError) as info:
        canonical_portal(given)
    assert given in str(info.value) and rule in str(info.value)


@pytest.mark.parametrize('given, expected', [
    ('iqn.2010-08.org.illumos:02:ABC', 'iqn.2010-08.org.illumos:02:abc'),
    ('eui.02004567a425678d', 'eui.02004567A425678D'),
    ('wwn.5000c5002b1f3c7e', 'wwn.5000C5002B1F3C7E'),
], ids=['iqn-lower', 'eui-upper', 'wwn-upper'])
def test_canonical_name(given: str, expected: str) -> None:
    assert canonical_name(given) == expected


@pytest.mark.parametrize('given, wwn', [
    ('IQN.2010-08.org.illumos:02:x', False),
    ('iqn.2010-8.org.illumos', False),
    ('iqn.2010-08.org illumos', False),
    ('iqn.2010-08.' + 'a' * 220, False),
    ('eui.0123', False),
    ('wwn.5000c5002b1f3c7e', False),
    ('target01', True),
], ids=['upper-prefix', 'bad-date', 'space', 'too-long', 'short-eui', 'wwn-for-target', 'no-prefix'])
def test_bad_iscsi_name_named(given: str, wwn: bool) -> None:
    with pytest.raises(PlanError) as info:
        check_iscsi_name(given, 'member', wwn=wwn)
    assert repr(given) in str(info.value)


def test_wwn_member_allowed_for_host_groups() -> None:
    assert check_iscsi_name('wwn.5000c5002b1f3c7e', wwn=True) == 'wwn.5000C5002B1F3C7E'


@pytest.mark.parametrize('secret', ['x' * 11, 'x' * 256], ids=['11-chars', '256-chars'])
def test_secret_length_refused_without_showing_it(secret: str) -> None:
    with pytest.raises(PlanError) as info:
        check_secret(secret)
    assert '12 and 255' in str(info.value) and secret not in str(info.value)


def test_guid_checked_and_uppercased() -> None:
    assert check_guid(GUID.lower()) == GUID
    with pytest.raises(PlanError, match='32 hexadecimal'):
        check_guid('600144F0')


@pytest.mark.parametrize('requested, expected', [
    (['all'], {'services', 'tpgs', 'targets', 'target_groups', 'host_groups', 'initiators', 'logical_units', 'views', 'defaults', 'cluster'}),
    (['tpgs', 'targets'], {'tpgs', 'targets'}),
    (['!views'], {'services', 'tpgs', 'targets', 'target_groups', 'host_groups', 'initiators', 'logical_units', 'defaults', 'cluster'}),
    (['logical_units', '!views'], {'logical_units'}),
    (['logical_units'], {'logical_units', 'views'}),
    (['views'], {'views'}),
], ids=['all', 'names', 'only-exclusion', 'name-and-exclusion', 'logical-units-carry-views', 'views-alone'])
def test_resolve_subsets(requested: list[str], expected: set[str]) -> None:
    assert resolve_subsets(requested) == expected


def test_unknown_subset_named() -> None:
    with pytest.raises(ValueError, match='lun_maps'):
        resolve_subsets(['targets', 'lun_maps'])


def test_secret_file_is_private_and_removed_even_on_error() -> None:
    runner = Runner(FakeModule())  # type: ignore[arg-type]
    with pytest.raises(RuntimeError):
        with runner.secret_file(SECRET) as path:
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and stat.S_ISREG(os.stat(path).st_mode)
            with open(path, encoding='utf-8') as handle:
                assert handle.read() == SECRET
            raise RuntimeError('boom')
    assert not os.path.exists(path)


def test_runner_masks_secrets_in_argv_output_and_errors() -> None:
    module = FakeModule({('stmfha',): (1, 'live02:\n  bad %s\n' % SECRET, '')})
    runner = Runner(module)  # type: ignore[arg-type]
    runner.add_secret(SECRET)
    with pytest.raises(CommandError) as info:
        runner.run(['stmfha', 'create-target', '--chap-secret', SECRET])
    assert SECRET not in str(info.value) and SECRET not in repr(info.value.to_dict())
    assert runner.commands == [['stmfha', 'create-target', '--chap-secret', '********']]


def test_reader_fixed_command_count_and_one_list_view_per_lu_with_views() -> None:
    lu_text = ''.join('LU Name: %s\n    View Entry Count  : %d\n' % (guid, count)
                      for guid, count in ((GUID, 1), (GUID[:-1] + '2', 0), (GUID[:-1] + '3', 2)))
    module = FakeModule({('stmfadm', 'list-lu'): (0, lu_text, '')})
    StateReader(Runner(module)).read(resolve_subsets(['all']))  # type: ignore[arg-type]
    views = [call for call in module.calls if call[1] == 'list-view']
    assert views == [['stmfadm', 'list-view', '-l', GUID], ['stmfadm', 'list-view', '-l', GUID[:-1] + '3']]
    assert len(module.calls) == 2 + 4 + 3 + 1 + 1 + 2  # svcs x2, itadm x4, stmfadm x3, zpool, rsfcli, list-view x2


def test_reader_itadm_refusal_costs_one_call_and_warns() -> None:
    refusal = (1, '', 'The iSCSI target service must be online before running this command.\n')
    module = FakeModule({('itadm',): refusal})
    state = StateReader(Runner(module)).read({'tpgs', 'targets', 'initiators', 'defaults'})  # type: ignore[arg-type]
    assert [call[0] for call in module.calls] == ['itadm']
    assert state.tpgs is None and state.targets is None and state.defaults is None
    assert any('not online' in warning for warning in state.warnings)


def test_reader_falls_back_to_human_itadm() -> None:
    module = FakeModule({('itadm', 'list-target', '-p'): (1, 'usage:\n', 'Unrecognized option -p\n')})
    state = StateReader(Runner(module)).read({'targets', 'tpgs'})  # type: ignore[arg-type]
    assert module.calls == [['itadm', 'list-target', '-p', '-v'], ['itadm', 'list-target', '-v'], ['itadm', 'list-tpg', '-v']]
    assert state.itadm_parsable is False


def dance_plan() -> list[Action]:
    plan = Plan()
    offline_dance(plan, [(IQN, 'online'), ('iqn.2010-08.org.illumos:02:off', 'offline')],
                  lambda: plan.add('add_tg_member', group='TG01', member=IQN))
    return plan.actions


def test_offline_dance_restores_after_a_failed_change() -> None:
    module = FakeModule({('stmfadm', 'add-tg-member'): (1, '', 'stmfadm: resource busy\n')})
    applier = Applier(Runner(module), NativeBackend())  # type: ignore[arg-type]
    with pytest.raises(CommandError) as info:
        applier.apply(dance_plan())
    assert 'add-tg-member -g TG01 %s' % IQN in info.value.message and 'resource busy' in info.value.message
    assert module.calls == [['stmfadm', 'offline-target', IQN], ['stmfadm', 'add-tg-member', '-g', 'TG01', IQN],
                            ['stmfadm', 'online-target', IQN]]


class OnceFailing(FakeModule):
    """Fails the first call that starts with `key`, answers every later one."""

    def __init__(self, key: tuple[str, ...], answer: tuple[int, str, str]) -> None:
        super().__init__()
        self.key, self.answer, self.fired = key, answer, False

    def run_command(self, argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        super().run_command(argv, **kwargs)
        if not self.fired and tuple(self.calls[-1][:len(self.key)]) == self.key:
            self.fired = True
            return self.answer
        return 0, '', ''


def test_a_restore_that_succeeds_on_its_retry_is_reported() -> None:
    module = OnceFailing(('stmfadm', 'online-target'), (1, '', 'stmfadm: STMF busy\n'))
    applier = Applier(Runner(module), NativeBackend())  # type: ignore[arg-type]
    applier.apply(dance_plan())
    assert module.calls == [['stmfadm', 'offline-target', IQN], ['stmfadm', 'add-tg-member', '-g', 'TG01', IQN],
                            ['stmfadm', 'online-target', IQN], ['stmfadm', 'online-target', IQN]]
    assert applier.warnings == ['command failed (rc=1): stmfadm online-target %s: stmfadm: STMF busy; '
                                'it was retried once and the retry succeeded' % IQN]


def test_a_run_without_retries_warns_nothing() -> None:
    applier = Applier(Runner(FakeModule()), NativeBackend())  # type: ignore[arg-type]
    applier.apply(dance_plan())
    assert applier.warnings == []


def test_offline_dance_does_not_online_a_target_it_failed_to_offline() -> None:
    module = FakeModule({('stmfadm', 'offline-target'): (1, '', 'stmfadm: resource busy\n')})
    with pytest.raises(CommandError):
        Applier(Runner(module), NativeBackend()).apply(dance_plan())  # type: ignore[arg-type]
    assert module.calls == [['stmfadm', 'offline-target', IQN]]


def test_native_secret_travels_in_a_private_file_never_argv() -> None:
    module = FakeModule()
    applier = Applier(Runner(module), NativeBackend())  # type: ignore[arg-type]
    action = Action('create_target', {'alias': 'zvol1-iscsi', 'auth': 'chap', 'tpgs': ['TPG01']}, secret=SECRET)
    applier.apply([action])
    assert all(SECRET not in arg for call in module.calls for arg in call)
    assert module.seen_files == [(0o600, SECRET)]
    assert applier.ran == [['itadm', 'create-target', '-a', 'chap', '-S', '<secret-file>', '-l', 'zvol1-iscsi', '-t', 'TPG01']]


def test_stmfha_error_in_one_section_names_that_node() -> None:
    out = 'live01:\n  Target group member added\n\nlive02:\n  stmfadm: STMF target must be offline\n'
    module = FakeModule({('stmfha',): (1, out, '')})
    applier = Applier(Runner(module), Rsf1Backend('stmfha'))  # type: ignore[arg-type]
    with pytest.raises(CommandError) as info:
        applier.apply([Action('add_tg_member', {'group': 'TG01', 'member': IQN})])
    assert 'stmfha failed on live02' in info.value.message and 'live01' not in info.value.message.split(':')[0]


def test_stmfha_error_text_fails_even_with_exit_zero() -> None:
    out = 'live01:\n  Target group created\n\nlive02:\n  stmfadm: TG01: already exists\n'
    module = FakeModule({('stmfha',): (0, out, '')})
    with pytest.raises(CommandError, match='live02'):
        Applier(Runner(module), Rsf1Backend('stmfha')).apply([Action('create_tg', {'name': 'TG01'})])  # type: ignore[arg-type]


def test_rsf1_secret_is_a_value_but_masked() -> None:
    module = FakeModule({('stmfha',): (0, 'live01:\n  Target %s successfully created\n' % IQN, '')})
    applier = Applier(Runner(module), Rsf1Backend('stmfha'))  # type: ignore[arg-type]
    applier.apply([Action('create_target', {'alias': 'zvol1-iscsi', 'auth': 'chap', 'tpgs': ['TPG01']}, secret=SECRET)])
    assert module.calls[0] == ['stmfha', 'create-target', '--auth-method', 'chap', '--chap-secret', SECRET,
                               '--alias', 'zvol1-iscsi', '--tpg', 'TPG01']
    assert applier.ran == [['stmfha', 'create-target', '--auth-method', 'chap', '--chap-secret', '********',
                            '--alias', 'zvol1-iscsi', '--tpg', 'TPG01']]


def test_stmfha_partial_offline_is_still_restored() -> None:
    out = 'live01:\n  Target offlined\n\nlive02:\n  stmfadm: resource busy\n'
    module = FakeModule({('stmfha', 'offline-target'): (1, out, '')})
    plan = Plan()
    offline_dance(plan, [(IQN, 'online')], lambda: plan.add('add_tg_member', group='TG01', member=IQN))
    with pytest.raises(CommandError, match='live02'):
        Applier(Runner(module), Rsf1Backend('stmfha')).apply(plan.actions)  # type: ignore[arg-type]
    assert module.calls == [['stmfha', 'offline-target', IQN], ['stmfha', 'online-target', IQN]]


def test_failed_restore_is_retried_once_then_named() -> None:
    module = FakeModule({('stmfadm', 'online-target'): (1, '', 'stmfadm: resource busy\n')})
    with pytest.raises(CommandError) as info:
        Applier(Runner(module), NativeBackend()).apply(dance_plan())  # type: ignore[arg-type]
    assert [call[1] for call in module.calls] == ['offline-target', 'add-tg-member', 'online-target', 'online-target']
    assert 'stays in effect' in info.value.message and 'offline %s' % IQN in info.value.message


def test_reader_reads_only_the_views_a_planner_asks_for() -> None:
    lu_text = ''.join('LU Name: %s\n    View Entry Count  : 1\n' % guid for guid in (GUID, GUID[:-1] + '2', GUID[:-1] + '3'))
    module = FakeModule({('stmfadm', 'list-lu'): (0, lu_text, '')})
    state = StateReader(Runner(module)).read({'logical_units', 'views'}, views_of=lambda lu: lu.guid == GUID)  # type: ignore[arg-type]
    assert [call for call in module.calls if call[1] == 'list-view'] == [['stmfadm', 'list-view', '-l', GUID]]
    assert list(state.views or {}) == [GUID]


@pytest.mark.parametrize('failing, expected', [
    ('delete-tpg', [['itadm', 'delete-tpg', '-f', 'TPG01']]),
    ('create-tpg', [['itadm', 'delete-tpg', '-f', 'TPG01'], ['itadm', 'create-tpg', 'TPG01', '10.0.0.2:3260'],
                    ['itadm', 'create-tpg', 'TPG01', '10.0.0.1:3260'], ['itadm', 'modify-target', '-t', 'TPG01', IQN]]),
], ids=['delete-fails-nothing-changed', 'recreate-fails-old-tpg-put-back-and-target-reattached'])
def test_tpg_move_never_leaves_targets_detached(failing: str, expected: list[list[str]]) -> None:
    from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import TpgPlanner
    from ansible_collections.illumos.comstar.plugins.module_utils._records import Target, Tpg, TpgTag
    from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState
    planner = TpgPlanner({'name': 'TPG01', 'portals': ['10.0.0.2'], 'state': 'present', 'force': True})
    planner.validate()
    state = NodeState(tpgs=(Tpg('TPG01', ('10.0.0.1:3260',)),),
                      targets=(Target(IQN, 'online', 0, None, 'none', True, None, False, (TpgTag('TPG01', 2),)),))
    key = ('itadm', 'delete-tpg') if failing == 'delete-tpg' else ('itadm', 'create-tpg', 'TPG01', '10.0.0.2:3260')
    module = FakeModule({key: (16, '', 'Could not create the target portal group: resource busy\n')})
    with pytest.raises(CommandError) as info:
        Applier(Runner(module), NativeBackend()).apply(planner.plan(state).actions)  # type: ignore[arg-type]
    assert module.calls == expected
    assert 'resource busy' in info.value.message
    assert ('the earlier state was put back (itadm create-tpg TPG01 10.0.0.1:3260)' in info.value.message) == (failing == 'create-tpg')


def test_reader_on_a_node_without_the_packages() -> None:
    """A host without the packages has no stmfadm/itadm at all: get_bin_path finds nothing, and nothing is run."""
    class NoPackages(FakeModule):
        def get_bin_path(self, name: str, required: bool = False) -> str | None:
            return None if name in ('stmfadm', 'itadm') else '/usr/sbin/' + name

    module = NoPackages()
    state = StateReader(Runner(module)).read(resolve_subsets(['all']))  # type: ignore[arg-type]
    assert state.targets is None and state.tpgs is None and state.target_groups is None and state.logical_units is None
    assert sorted(w.split()[0] for w in state.warnings) == ['itadm', 'stmfadm']
    assert {call[0] for call in module.calls} <= {'svcs', 'zpool', 'rsfcli'}


@pytest.mark.parametrize('command, subsets', [('stmfadm', ['target_groups']), ('itadm', ['targets'])], ids=['stmfadm', 'itadm'])
def test_reader_exit_127_of_a_found_command_is_a_failure(command: str, subsets: list[str]) -> None:
    """A program found on PATH is installed, whatever it exits with: 127 is its failure, never "not installed"."""
    module = FakeModule({(command,): (127, '', '%s: something failed\n' % command)})
    with pytest.raises(CommandError) as info:
        StateReader(Runner(module)).read(resolve_subsets(subsets))  # type: ignore[arg-type]
    assert info.value.rc == 127 and info.value.cmd[0] == command
    assert 'something failed' in info.value.message
