# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""zvol_properties: names and values in the form zfs get -p prints, the one read, and the LU planner's commands."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._config import ConfigEngine
from ansible_collections.illumos.comstar.plugins.module_utils._gather import gather
from ansible_collections.illumos.comstar.plugins.module_utils._parsers_system import parse_zfs_local_properties
from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._project import project_all
from ansible_collections.illumos.comstar.plugins.module_utils._runner import Result
from ansible_collections.illumos.comstar.plugins.module_utils._state import StateReader
from ansible_collections.illumos.comstar.plugins.module_utils._zvol_props import gathered, normalise

from ansible_collections.illumos.comstar.tests.unit.plugins.module_utils.test_config import params as config_params
from ansible_collections.illumos.comstar.tests.unit.plugins.module_utils.test_parsers import golden
from ansible_collections.illumos.comstar.tests.unit.plugins.module_utils.test_plan_lu import (
    GIB, ZV, lu, node, planned, zvol)

NORMAL = [
    ({'compression': 'lz4', 'sync': 'always'}, {'compression': 'lz4', 'sync': 'always'}),
    ({'compress': 'gzip-6'}, {'compression': 'gzip'}),
    ({'readonly': True, 'copies': 2}, {'readonly': 'on', 'copies': '2'}),
    ({'refreservation': '10G', 'reservation': 'none'}, {'refreservation': str(10 * GIB), 'reservation': '0'}),
    ({'refreserv': 1048576}, {'refreservation': '1048576'}),
    ({'snapshot_limit': 'none'}, {'snapshot_limit': str(2 ** 64 - 1)}),
    ({'com.example:owner': 'storage team', 'org.x:n': 7}, {'com.example:owner': 'storage team', 'org.x:n': '7'}),
    ({'Logbias': 'throughput'}, {'logbias': 'throughput'}),
]


@pytest.mark.parametrize('given, expected', NORMAL, ids=[str(sorted(given)) for given, _expected in NORMAL])
def test_values_compare_as_zfs_get_p_prints_them(given: dict[str, t.Any], expected: dict[str, str]) -> None:
    assert normalise(given) == expected


REFUSED = [
    ({'volblocksize': '16K'}, 'the option volblocksize'),
    ({'volsize': '2G'}, 'the option size'),
    ({'sparse': True}, 'the option sparse'),
    ({'volmode': 'dev'}, 'illumos ZFS has no volmode'),
    ({'used': '1G'}, "'used' is readonly"),
    ({'mountpoint': '/srv'}, 'not a property of a ZFS volume on illumos'),
    ({'owner': 'me'}, 'user properties need a colon'),
    ({'com.Example:owner': 'me'}, 'not a valid ZFS user property name'),
    ({'compression': 'LZ4'}, "compression 'LZ4' is not one of"),
    ({'sync': ''}, 'needs a value'),
    ({'com.example:flag': True}, 'quote it'),
    ({'com.example:note': 'two\tfields'}, 'one line without TABs'),
    ({'compress': 'lz4', 'compression': 'off'}, 'name the same property compression'),
    ({'refreservation': 'lots'}, 'cannot be parsed as a size'),
    ({'snapshot_limit': '-1'}, "whole number or 'none'"),
    ({'encryption': 'on'}, 'does not manage keys'),
]


@pytest.mark.parametrize('given, message', REFUSED, ids=[message for _given, message in REFUSED])
def test_refused_before_anything_changes(given: dict[str, t.Any], message: str) -> None:
    with pytest.raises(PlanError, match='zvol_properties') as caught:
        normalise(given)
    assert message in str(caught.value)


def test_parse_the_golden_local_properties() -> None:
    assert parse_zfs_local_properties(golden('zfs_get_local_volumes.txt')) == {
        'pool1/vm-109-disk-1': {'logbias': 'throughput', 'refreservation': '2147483648', 'volsize': '6442450944'},
        'pool1/zvol1': {'com.example:owner': 'storage team', 'compression': 'lz4', 'sync': 'always',
                        'volsize': '10737418240'}}


def test_parser_keeps_a_tab_in_a_value_and_warns_on_a_short_line() -> None:
    warned: list[str] = []
    found = parse_zfs_local_properties('p/v\tcom.x:a\tone\ttwo\ngarbage\n', warned.append)
    assert found == {'p/v': {'com.x:a': 'one\ttwo'}}
    assert len(warned) == 1 and 'garbage' in warned[0]


def test_gathered_leaves_out_the_size_and_the_automatic_reservation() -> None:
    local = {'volsize': '1073741824', 'refreservation': '1107296256', 'compression': 'lz4', 'com.x:o': 'a'}
    assert gathered(local, GIB) == {'com.x:o': 'a', 'compression': 'lz4'}
    assert gathered(dict(local, refreservation='536870912'), GIB)['refreservation'] == '536870912'


class FakeRunner:
    """Answers zfs list and zfs get from a table; records every argv."""

    def __init__(self, answers: dict[str, Result]) -> None:
        self.answers = answers
        self.ran: list[list[str]] = []

    def find(self, name: str) -> str:
        return '/usr/sbin/' + name

    def run(self, argv: list[str], check: bool = True, **kwargs: t.Any) -> Result:
        self.ran.append(argv)
        for key, result in self.answers.items():
            if ' '.join(argv).startswith(key):
                return result
        raise AssertionError(argv)

    def mask_argv(self, argv: list[str]) -> list[str]:
        return argv


VOLUMES = 'pool1/zvol1\t10737418240\t8192\npool1/vm-109-disk-1\t6442450944\t8192\n'


def test_one_zfs_get_reads_every_volume_of_the_pools() -> None:
    runner = FakeRunner({'zfs list': Result(0, VOLUMES, ''),
                         'zfs get': Result(0, golden('zfs_get_local_volumes.txt') + 'pool1\tcom.x:y\tfs\n', '')})
    state = StateReader(t.cast(t.Any, runner)).read(('zvols', 'zvol_properties'), pools=('pool1',))
    assert runner.ran == [['zfs', 'list', '-H', '-p', '-o', 'name,volsize,volblocksize', '-t', 'volume', '-r', 'pool1'],
                          ['zfs', 'get', '-H', '-p', '-o', 'name,property,value', '-s', 'local', '-t', 'volume', '-r', 'all',
                           'pool1']]
    assert state.zvol_properties is not None and sorted(state.zvol_properties) == ['pool1/vm-109-disk-1', 'pool1/zvol1']


def test_an_old_zfs_without_get_t_is_read_again_without_it() -> None:
    usage = Result(2, '', "invalid option 't'\nusage:\n")
    runner = FakeRunner({'zfs list': Result(0, VOLUMES, ''), 'zfs get -H -p -o name,property,value -s local -t': usage,
                         'zfs get': Result(0, golden('zfs_get_local_volumes.txt') + 'pool1\tcom.x:y\tfs\n', '')})
    state = StateReader(t.cast(t.Any, runner)).read(('zvol_properties',), pools=('pool1',))
    assert runner.ran[-1] == ['zfs', 'get', '-H', '-p', '-o', 'name,property,value', '-s', 'local', '-r', 'all', 'pool1']
    assert state.zvols is None and state.zvol_properties is not None and 'pool1' not in state.zvol_properties


def test_no_read_for_a_pool_not_imported_here() -> None:
    runner = FakeRunner({'zfs list': Result(1, '', "cannot open 'pool9': dataset does not exist\n")})
    state = StateReader(t.cast(t.Any, runner)).read(('zvols', 'zvol_properties'), pools=('pool9',))
    assert state.zvol_properties == {} and len(runner.ran) == 1


def argv(actions: t.Any) -> list[list[str]]:
    commands = [NativeBackend().command(action).argv for action in actions]
    zfs = [command for command in commands if command[0] == 'zfs']
    # zfs is plain zfs with either backend: stmfha has no ZFS verbs
    assert zfs == [Rsf1Backend('stmfha').command(action).argv for action in actions if action.op.endswith('zvol')
                   or action.op.startswith('set_')]
    return commands


def test_create_gives_the_properties_with_o() -> None:
    _planner, plan = planned(node(), size='1G', zvol_properties={'sync': 'always', 'compression': 'lz4'})
    assert argv(plan.actions)[0] == ['zfs', 'create', '-o', 'compression=lz4', '-o', 'sync=always', '-V', str(GIB), ZV]
    assert plan.after['zvol_properties'] == {'compression': 'lz4', 'sync': 'always'}


def test_existing_zvol_gets_zfs_set_for_what_differs_only() -> None:
    current = node([lu()], [zvol()])
    current.zvol_properties = {ZV: {'volsize': str(GIB), 'compression': 'lz4', 'com.x:o': 'old'}}
    planner, plan = planned(current, zvol_properties={'compress': 'lz4', 'com.x:o': 'new', 'sync': 'always'})
    assert argv(plan.actions) == [['zfs', 'set', 'com.x:o=new', ZV], ['zfs', 'set', 'sync=always', ZV]]
    assert plan.before['zvol_properties'] == {'com.x:o': 'old', 'compression': 'lz4', 'sync': None}
    assert plan.after['zvol_properties'] == {'com.x:o': 'new', 'compression': 'lz4', 'sync': 'always'}
    assert 'zvol_properties' in planner.subsets
    again = project_all(current, plan.actions)
    assert planned(again, zvol_properties={'compress': 'lz4', 'com.x:o': 'new', 'sync': 'always'})[1].actions == []


def test_grow_and_reserve_in_one_run_checks_against_the_new_size() -> None:
    current = node([lu()], [zvol()])
    current.zvol_properties = {ZV: {}}
    plan = planned(current, size='2G', zvol_properties={'refreservation': '2G'})[1]
    assert [action.op for action in plan.actions] == ['set_volsize', 'set_zvol_property', 'modify_lu']
    with pytest.raises(PlanError, match="greater than the volume size"):
        planned(current, zvol_properties={'refreservation': '2G'})


def test_a_file_lu_has_no_zvol_properties() -> None:
    with pytest.raises(PlanError, match='apply to a zvol only'):
        planned(node(), zvol=None, data_file='/export/disk0', size='1G', zvol_properties={'sync': 'always'})


def test_comstar_config_reads_properties_only_when_an_item_lists_them() -> None:
    plain = ConfigEngine(config_params({'logical_units': [{'zvol': ZV, 'size': '1G'}]}))
    plain.validate()
    assert 'zvol_properties' not in plain.subsets()
    tuned = ConfigEngine(config_params({'logical_units': [{'zvol': ZV, 'zvol_properties': {'sync': 'always'}}]}))
    tuned.validate()
    assert 'zvol_properties' in tuned.subsets()
    refused = ConfigEngine(config_params({'logical_units': [{'zvol': ZV, 'zvol_properties': {'volblocksize': '8K'}}]}))
    with pytest.raises(PlanError, match=r'logical_units\[0\] \(zvol pool1/zvol1\): zvol_properties: volblocksize'):
        refused.validate()


def test_gathered_carries_the_local_properties() -> None:
    current = node([lu()], [zvol()])
    current.zvol_properties = {ZV: {'volsize': str(GIB), 'refreservation': str(GIB), 'sync': 'always'}}
    item = gather(current, ['logical_units'])['logical_units'][0]
    assert item['zvol'] == ZV and item['zvol_properties'] == {'sync': 'always'}
    current.zvol_properties = None
    assert 'zvol_properties' not in gather(current, ['logical_units'])['logical_units'][0]
