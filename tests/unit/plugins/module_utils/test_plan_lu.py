# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""LuPlanner and _sizes: current state + desired LU -> the exact commands, for both backends; the import-or-create apply."""

from __future__ import annotations

import os
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_lu import LuPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._records import LogicalUnit, View, Zvol
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._sizes import human, parse_size, parse_volblocksize, round_up
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

G1 = '600144F09CF9DD070000614DEADE0001'
G2 = '600144F09CF9DD070000614DEADE0002'
ZV = 'pool1/zvol1'
DF = '/dev/zvol/rdsk/pool1/zvol1'
FILE = '/pool1/luns/disk0'
GIB = 1 << 30
K128 = 128 << 10


def lu(guid: str = G1, data_file: str | None = DF, size: int | None = GIB, **fields: t.Any) -> LogicalUnit:
    values: dict[str, t.Any] = {
        'operational_status': 'Online', 'provider': 'sbd', 'alias': data_file, 'view_entry_count': 0, 'meta_file': None,
        'block_size': 512, 'management_url': None, 'vendor_id': 'SUN', 'product_id': 'COMSTAR', 'serial': None,
        'write_protect': False, 'writeback_cache': False, 'access_state': 'Active'}
    values.update(fields)
    return LogicalUnit(guid=guid, data_file=data_file, size=size, **values)


def node(lus: t.Iterable[LogicalUnit] = (), zvols: t.Iterable[Zvol] = (), pools: t.Iterable[str] = ('pool1',),
         services: dict[str, str | None] | None = None) -> NodeState:
    lus = tuple(lus)
    return NodeState(logical_units=lus, views={item.guid: () for item in lus}, zvols=tuple(zvols), pools=tuple(pools),
                     rsf1_services=services)


def zvol(size: int = GIB, name: str = ZV, block: int = 8192) -> Zvol:
    return Zvol(name, size, block)


def params(**overrides: t.Any) -> dict[str, t.Any]:
    base: dict[str, t.Any] = {
        'zvol': ZV, 'data_file': None, 'size': None, 'sparse': False, 'volblocksize': None, 'guid': None, 'alias': None,
        'block_size': None, 'write_cache': None, 'write_protect': None, 'vendor_id': None, 'product_id': None, 'serial': None,
        'mgmt_url': None, 'state': 'present', 'keep_views': False, 'destroy_zvol': False, 'backend': 'native', 'stmfha_path': None}
    base.update(overrides)
    return base


def planned(current: NodeState, **overrides: t.Any) -> tuple[LuPlanner, t.Any]:
    planner = LuPlanner(params(**overrides), node='live02')
    planner.validate()
    return planner, planner.plan(current)


def plan_argv(current: NodeState, **overrides: t.Any) -> tuple[list[list[str]], list[list[str]]]:
    actions = planned(current, **overrides)[1].actions
    return ([NativeBackend().command(a).argv for a in actions], [Rsf1Backend('stmfha').command(a).argv for a in actions])


def zfs(*argv: str) -> list[str]:
    return ['zfs'] + list(argv)


def both(*argv: str) -> tuple[list[str], list[str]]:
    """An LU command: stmfadm natively, stmfha (routed to the pool's node) with rsf1."""
    return ['stmfadm'] + list(argv), ['stmfha'] + list(argv)


def case(current: NodeState, overrides: dict[str, t.Any], steps: list[t.Any], name: str) -> t.Any:
    """steps: a zfs argv (the same for both backends) or a both(...) pair."""
    native = [step[0] if isinstance(step, tuple) else step for step in steps]
    rsf1 = [step[1] if isinstance(step, tuple) else step for step in steps]
    return pytest.param(current, overrides, native, rsf1, id=name)


ALL_PROPS = {'guid': G2.lower(), 'alias': 'vm-disk', 'block_size': 4096, 'write_cache': True, 'write_protect': False,
             'vendor_id': 'ACME', 'product_id': 'BACKUPSTORE', 'serial': 'SN-0001', 'mgmt_url': 'https://nas/ui'}

CASES = [
    case(node(), {'size': '1G'}, [zfs('create', '-V', str(GIB), ZV), both('create-lu', DF)], 'create-zvol-and-lu-walkthrough'),
    case(node(), dict(ALL_PROPS, size='6G', sparse=True, volblocksize='64K'),
         [zfs('create', '-s', '-b', '65536', '-V', str(6 * GIB), ZV),
          both('create-lu', '-p', 'alias=vm-disk', '-p', 'blk=4096', '-p', 'guid=' + G2, '-p', 'mgmt-url=https://nas/ui',
               '-p', 'pid=BACKUPSTORE', '-p', 'serial=SN-0001', '-p', 'vid=ACME', '-p', 'wcd=false', '-p', 'wp=false', DF)],
         'create-with-every-property'),
    case(node([lu()], [zvol()]), {'size': '1G'}, [], 'no-op-same-size'),
    case(node([lu()], [zvol()]), {}, [], 'no-op-no-size'),
    case(node([lu(alias='vm-disk', writeback_cache=True, management_url='https://nas/ui', serial='SN-0001', block_size=4096,
                  vendor_id='ACME', product_id='BACKUPSTORE', guid=G2)], [zvol()]),
         dict(ALL_PROPS, size=str(GIB)), [], 'no-op-every-property'),
    case(node([lu()], [zvol()]), {'mgmt_url': ''}, [], 'no-op-empty-mgmt-url-is-none'),
    case(node([lu(alias=DF)], [zvol()]), {'alias': DF}, [], 'no-op-alias-is-data-file'),
    case(node([lu()], [zvol()]), {'size': '2G'},
         [zfs('set', 'volsize=%d' % (2 * GIB), ZV), both('modify-lu', '-s', str(2 * GIB), G1)], 'grow'),
    case(node([lu()], [zvol(2 * GIB)]), {'size': '2G'}, [both('modify-lu', '-s', str(2 * GIB), G1)], 'grow-finishes-lu-after-partial-run'),
    case(node([lu()], [zvol()]), {'alias': 'zvol1-lu', 'write_cache': True, 'write_protect': True, 'mgmt_url': 'http://x'},
         [both('modify-lu', '-p', 'alias=zvol1-lu', '-p', 'mgmt-url=http://x', '-p', 'wcd=false', '-p', 'wp=true', G1)], 'modify-mutable'),
    case(node([lu(writeback_cache=True)], [zvol()]), {'write_cache': False}, [both('modify-lu', '-p', 'wcd=true', G1)],
         'disable-write-cache'),
    case(node([lu()], [zvol()]), {'alias': 'a', 'size': '2G'},
         [zfs('set', 'volsize=%d' % (2 * GIB), ZV), both('modify-lu', '-p', 'alias=a', '-s', str(2 * GIB), G1)], 'grow-and-modify-in-one'),
    case(node([], [zvol()]), {}, [both('import-lu', DF), both('create-lu', DF)], 'import-or-create-after-failover'),
    case(node([], [zvol()]), {'guid': G1.lower(), 'alias': 'x', 'size': '1G'},
         [both('import-lu', DF), both('create-lu', '-p', 'alias=x', '-p', 'guid=' + G1, DF)], 'import-or-create-pinned-guid'),
    case(node([lu(G2, None, None, operational_status='unregistered')], [zvol()]), {'guid': G2},
         [both('import-lu', DF), both('create-lu', '-p', 'guid=' + G2, DF)], 'import-where-views-wait-for-unregistered-guid'),
    case(node([], [zvol()]), {'size': '2G'},
         [zfs('set', 'volsize=%d' % (2 * GIB), ZV), both('import-lu', DF), both('create-lu', DF)], 'grow-then-import'),
    case(node(), {'size': '1G', 'mgmt_url': ''}, [zfs('create', '-V', str(GIB), ZV), both('create-lu', DF)], 'create-empty-mgmt-url-is-none'),
    case(node(), {'size': '1000000000'}, [zfs('create', '-V', '1000079360', ZV), both('create-lu', DF)], 'round-up-to-128k'),
    case(node(), {'size': '1000000000', 'volblocksize': '8K'},
         [zfs('create', '-b', '8192', '-V', '1000005632', ZV), both('create-lu', DF)], 'round-up-to-volblocksize'),
    case(node([lu(size=1000079360)], [zvol(1000079360)]), {'size': '1000000000'}, [], 'no-op-within-rounding'),
    case(node([lu()], [zvol()]), {'size': '1.5G'},
         [zfs('set', 'volsize=%d' % (3 * GIB // 2), ZV), both('modify-lu', '-s', str(3 * GIB // 2), G1)], 'grow-decimal-size'),
    case(node([lu()], [zvol(GIB, block=1 << 20)]), {'size': str(GIB + 1)},
         [zfs('set', 'volsize=%d' % (GIB + (1 << 20)), ZV), both('modify-lu', '-s', str(GIB + (1 << 20)), G1)],
         'grow-rounds-to-a-larger-existing-volblocksize'),
    case(node([lu()], [zvol()]), {'state': 'absent'}, [both('delete-lu', G1)], 'delete-keeps-zvol'),
    case(node([lu()], [zvol()]), {'state': 'absent', 'keep_views': True}, [both('delete-lu', '-k', G1)], 'delete-keep-views'),
    case(node([lu()], [zvol()]), {'state': 'absent', 'destroy_zvol': True}, [both('delete-lu', G1), zfs('destroy', ZV)],
         'delete-and-destroy-zvol'),
    case(node([], [zvol()]), {'state': 'absent', 'destroy_zvol': True}, [zfs('destroy', ZV)], 'destroy-zvol-without-lu'),
    case(node([], [zvol()]), {'state': 'absent'}, [], 'absent-no-op'),
    case(node([], []), {'state': 'absent', 'destroy_zvol': True}, [], 'absent-no-op-no-zvol'),
    case(node([], [], pools=()), {'data_file': FILE, 'zvol': None, 'size': '10G'}, [both('create-lu', '-s', str(10 * GIB), FILE)],
         'file-create'),
    case(node([lu(data_file=FILE, size=GIB)], [], pools=()), {'data_file': FILE, 'zvol': None, 'size': '2G'},
         [both('modify-lu', '-s', str(2 * GIB), G1)], 'file-grow'),
    case(node([lu(data_file=FILE)], [], pools=()), {'data_file': FILE, 'zvol': None}, [], 'file-no-op'),
    case(node([], [zvol()]), {'data_file': DF, 'zvol': None}, [both('import-lu', DF), both('create-lu', DF)], 'rdsk-data-file-is-a-zvol'),
]


@pytest.mark.parametrize('current, overrides, native, rsf1', CASES)
def test_plan(current: NodeState, overrides: dict[str, t.Any], native: list[list[str]], rsf1: list[list[str]]) -> None:
    assert plan_argv(current, **overrides) == (native, rsf1)


def test_import_then_create_is_a_fallback_pair() -> None:
    actions = planned(node([], [zvol()]))[1].actions
    assert [(a.op, a.args.get('or_create'), a.args.get('fallback')) for a in actions] == [('import_lu', True, None), ('create_lu', None, True)]


@pytest.mark.parametrize('overrides, current, warned', [
    ({'size': '1G'}, node(), None),
    ({'size': '1000000000'}, node(), '1000000000 (953.67M) rounded up to 1000079360 (953.75M), a multiple of the volume block size 131072'),
    ({'size': '1000000000', 'volblocksize': '8K'}, node(), 'rounded up to 1000005632 (953.68M), a multiple of the volume block size 8192'),
    ({'size': '1000000000'}, node([lu(size=1000079360)], [zvol(1000079360)]), None),
    ({'size': '2G'}, node([lu()], [zvol()]), None),
], ids=['exact-no-warning', 'rounded-128k-warns', 'rounded-volblocksize-warns', 'no-change-no-warning', 'grow-exact-no-warning'])
def test_rounding_warning(overrides: dict[str, t.Any], current: NodeState, warned: str | None) -> None:
    warnings = planned(current, **overrides)[1].warnings
    assert warnings == [] if warned is None else (len(warnings) == 1 and warned in warnings[0])


REFUSALS = [
    pytest.param(node(), {'size': 'lots'}, ["size 'lots' cannot be parsed", '1G'], id='bad-size-named'),
    pytest.param(node(), {'size': '1X'}, ["size '1X'"], id='bad-size-suffix'),
    pytest.param(node(), {'size': '-1G'}, ["size '-1G'"], id='negative-size'),
    pytest.param(node(), {'size': '0'}, ["size '0'", 'more than zero'], id='zero-size'),
    pytest.param(node(), {'size': '1GG'}, ["size '1GG'"], id='double-suffix'),
    pytest.param(node(), {'size': '1G', 'volblocksize': '3K'}, ["volblocksize '3K'", 'power of two'], id='bad-volblocksize'),
    pytest.param(node(), {'size': '1G', 'volblocksize': '1M'}, ["volblocksize '1M'", '128K'], id='volblocksize-too-big'),
    pytest.param(node([lu(size=2 * GIB)], [zvol(2 * GIB)]), {'size': '1G'},
                 ['pool1/zvol1 is 2147483648 (2G)', '1073741824 (1G)', 'never shrinks'], id='refuse-shrink'),
    pytest.param(node([lu(data_file=FILE, size=2 * GIB)], [], pools=()), {'data_file': FILE, 'zvol': None, 'size': '1G'},
                 [FILE, 'never shrinks'], id='refuse-file-shrink'),
    pytest.param(node([lu()], [zvol()]), {'block_size': 4096}, [G1, 'block_size is fixed', 'it is 512, requested 4096'],
                 id='fixed-block-size'),
    pytest.param(node([lu()], [zvol()]), {'vendor_id': 'ACME'}, ["vendor_id is fixed", "it is 'SUN', requested 'ACME'"], id='fixed-vendor'),
    pytest.param(node([lu()], [zvol()]), {'product_id': 'X'}, ["it is 'COMSTAR', requested 'X'"], id='fixed-product'),
    pytest.param(node([lu()], [zvol()]), {'serial': 'S1'}, ['serial is fixed', "it is None, requested 'S1'"], id='fixed-serial'),
    pytest.param(node([lu()], [zvol()]), {'guid': G2}, ['GUID ' + G1, 'requested guid ' + G2, 'fixed at creation'], id='fixed-guid'),
    pytest.param(node([lu()], [zvol()]), {'volblocksize': '16K'}, ['volblocksize is fixed', 'it is 8192, requested 16384'],
                 id='fixed-volblocksize'),
    pytest.param(node([lu(G2, '/dev/zvol/rdsk/pool1/other')], [zvol()]), {'guid': G2},
                 ['guid ' + G2, 'already used', '/dev/zvol/rdsk/pool1/other'], id='guid-used-elsewhere'),
    pytest.param(node([], [], pools=('pool2',)), {'size': '1G'},
                 ['pool pool1 is not imported on node live02', 'zpool list shows: pool2'], id='pool-not-imported'),
    pytest.param(node([], [], pools=(), services={'pool1': 'live01'}), {'state': 'absent'},
                 ['pool pool1 is not imported on node live02', 'RSF-1 reports service pool1 on live01'], id='pool-elsewhere-rsf1'),
    pytest.param(node(), {}, ['zvol pool1/zvol1 does not exist on node live02', 'give size'], id='missing-zvol-without-size'),
    pytest.param(node([lu()], []), {'size': '1G'}, [G1, 'zfs lists no volume pool1/zvol1'], id='lu-without-zvol'),
    pytest.param(node([lu(standby=True)], [zvol()]), {'alias': 'x'}, ['ALUA standby', 'live02'], id='standby'),
    pytest.param(node(), {'zvol': 'pool1', 'size': '1G'}, ["zvol 'pool1'", 'pool/volume'], id='zvol-without-volume'),
    pytest.param(node(), {'zvol': 'pool1/snap@x', 'size': '1G'}, ["zvol 'pool1/snap@x'"], id='zvol-snapshot-name'),
    pytest.param(node(), {'zvol': None, 'data_file': 'disk0'}, ["data_file 'disk0'", 'absolute'], id='relative-data-file'),
    pytest.param(node(), {'size': '1G', 'alias': 'a=b'}, ["alias 'a=b'", "'='"], id='equals-in-alias'),
    pytest.param(node(), {'size': '1G', 'vendor_id': 'NINECHARS'}, ["vendor_id 'NINECHARS'", '8 characters'], id='vendor-too-long'),
    pytest.param(node(), {'size': '1G', 'product_id': 'P' * 17}, ['product_id', '16 characters'], id='product-too-long'),
    pytest.param(node(), {'size': '1G', 'block_size': 70000}, ['block_size 70000', '65535'], id='block-size-too-big'),
    pytest.param(node(), {'size': '1G', 'guid': 'xyz'}, ["guid 'xyz'", '32 hexadecimal digits'], id='bad-guid'),
    pytest.param(node(), {'zvol': None, 'data_file': FILE, 'volblocksize': '8K'}, ['volblocksize applies to a zvol only'],
                 id='volblocksize-on-file'),
    pytest.param(node(), {'size': '1G', 'alias': ''}, ['alias cannot be empty'], id='empty-alias'),
    pytest.param(node([lu(management_url='http://old')], [zvol()]), {'mgmt_url': ''}, [G1, "'http://old'", 'cannot be cleared'],
                 id='mgmt-url-cannot-be-cleared'),
]


@pytest.mark.parametrize('current, overrides, words', REFUSALS)
def test_refused_before_any_change(current: NodeState, overrides: dict[str, t.Any], words: list[str]) -> None:
    with pytest.raises(PlanError) as info:
        planned(current, **overrides)
    for word in words:
        assert word in str(info.value)


def test_reads_only_the_pool_of_the_zvol() -> None:
    planner = LuPlanner(params(zvol='tank/vols/disk1'))
    assert (planner.pools, planner.subsets) == (('tank',), ('logical_units', 'views', 'zvols', 'cluster'))
    planner = LuPlanner(params(zvol=None, data_file=FILE))
    assert (planner.pools, planner.subsets) == ((), ('logical_units', 'views'))


def test_before_after_in_info_shape() -> None:
    current = node([lu()], [zvol()])
    current.views = {G1: (View(0, None, 'TG01', 0),)}
    _planner, plan = planned(current, alias='new', write_cache=True, size='2G')
    assert plan.before['alias'] == DF and plan.before['views'] == [{'entry': 0, 'host_group': None, 'target_group': 'TG01', 'lun': 0}]
    assert (plan.after['alias'], plan.after['writeback_cache'], plan.after['size'], plan.after['guid']) == ('new', True, 2 * GIB, G1)
    _planner, plan = planned(node(), size='1G', write_cache=False, mgmt_url='http://x')
    assert plan.before is None
    assert (plan.after['guid'], plan.after['zvol'], plan.after['size'], plan.after['writeback_cache'], plan.after['management_url']) == (
        None, ZV, GIB, False, 'http://x')


def test_verify_import_drift_is_a_warning_fixed_drift_a_problem() -> None:
    planner, plan = planned(node([], [zvol()]), alias='wanted', vendor_id='ACME')
    after = LuPlanner(params()).current(node([lu(alias='stored', vendor_id='SUN')], [zvol()]), None)
    problems = planner.verify(node(), after)
    assert problems == ["vendor_id is 'SUN', requested 'ACME'"]
    assert len(plan.warnings) == 1 and "alias is 'stored', requested 'wanted'" in plan.warnings[0] and 'run again' in plan.warnings[0]
    planner, plan = planned(node([lu()], [zvol()]), alias='wanted')
    assert planner.verify(node(), after) == ["alias is 'stored', requested 'wanted'"]


def test_verify_false_is_a_value() -> None:
    planner, _plan = planned(node([lu(writeback_cache=True)], [zvol()]), write_cache=False, write_protect=False, mgmt_url='')
    after = planner.current(node([lu(writeback_cache=False)], [zvol()]), None)
    assert planner.verify(node(), after) == []


def test_verify_absent() -> None:
    planner, _plan = planned(node([lu()], [zvol()]), state='absent', destroy_zvol=True)
    assert planner.verify(node([], []), None) == []
    assert planner.verify(node([], [zvol()]), None) == ['zvol pool1/zvol1 still exists']


@pytest.mark.parametrize('given, expected', [
    ('1G', GIB), ('512M', 512 << 20), ('1g', GIB), ('1GB', GIB), ('1GiB', GIB), ('1.5T', 3 << 39), ('1073741824', GIB),
    (1073741824, GIB), ('8K', 8192), ('100B', 100), ('.5K', 512), ('1.0000001K', 1025), (' 2 G ', 2 * GIB), ('1E', 1 << 60),
], ids=['G', 'M', 'lower', 'GB', 'GiB', 'decimal-T', 'bytes', 'int', 'K', 'B', 'leading-dot', 'fraction-rounds-up', 'spaces', 'E'])
def test_parse_size(given: object, expected: int) -> None:
    assert parse_size(given) == expected


@pytest.mark.parametrize('given', ['', 'G', '1.2.3', '1BB', '1KBB', '1Q', 'ten', '1e6', 'True', '99999Z'])
def test_parse_size_refusal_names_the_value(given: str) -> None:
    with pytest.raises(PlanError) as info:
        parse_size(given)
    assert repr(given) in str(info.value)


def test_size_helpers() -> None:
    assert [round_up(1, K128), round_up(K128, K128), round_up(K128 + 1, 8192)] == [K128, K128, K128 + 8192]
    assert [parse_volblocksize('512'), parse_volblocksize('128K')] == [512, K128]
    assert [human(100), human(GIB), human(3 * GIB // 2)] == ['100', '1073741824 (1G)', '1610612736 (1.5G)']


# -- the apply half: import-lu, create-lu only on "meta file error" ------------------------------

class FakeModule:
    """Answers run_command by subcommand: {(cmd, sub): (rc, stdout, stderr)}; records what ran."""

    def __init__(self, answers: dict[tuple[str, str], tuple[int, str, str]]) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []
        self.tmpdir = None

    def get_bin_path(self, name: str, required: bool = False) -> str:
        return '/usr/sbin/' + name

    def run_command(self, argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        self.calls.append([os.path.basename(argv[0])] + argv[1:])
        return self.answers.get((os.path.basename(argv[0]), argv[1]), (0, '', ''))


META = (1, '', 'stmfadm: meta file error\n')


def applied(current: NodeState, answers: dict[tuple[str, str], tuple[int, str, str]], backend: t.Any = None,
            **overrides: t.Any) -> tuple[FakeModule, CommandError | None]:
    module = FakeModule(answers)
    applier = Applier(Runner(module), backend or NativeBackend())  # type: ignore[arg-type]
    try:
        applier.apply(planned(current, **overrides)[1].actions)
    except CommandError as exc:
        return module, exc
    return module, None


def test_import_succeeds_no_create() -> None:
    module, error = applied(node([], [zvol()]), {('stmfadm', 'import-lu'): (0, 'Logical unit imported: %s\n' % G1, '')})
    assert error is None and module.calls == [['stmfadm', 'import-lu', DF]]


def test_meta_file_error_falls_back_to_create() -> None:
    module, error = applied(node([], [zvol()]), {('stmfadm', 'import-lu'): META}, alias='a')
    assert error is None and module.calls == [['stmfadm', 'import-lu', DF], ['stmfadm', 'create-lu', '-p', 'alias=a', DF]]


def test_other_import_error_fails_without_create() -> None:
    module, error = applied(node([], [zvol()]), {('stmfadm', 'import-lu'): (1, '', 'stmfadm: guid in use\n')})
    assert error is not None and 'guid in use' in error.message and module.calls == [['stmfadm', 'import-lu', DF]]


def test_stmfha_meta_file_error_in_the_node_section_falls_back() -> None:
    answer = (1, 'live01:\n  stmfadm: meta file error\n', '')
    module, error = applied(node([], [zvol()]), {('stmfha', 'import-lu'): answer}, backend=Rsf1Backend('stmfha'))
    assert error is None and module.calls == [['stmfha', 'import-lu', DF], ['stmfha', 'create-lu', DF]]


def test_create_lu_failure_after_zfs_create_says_the_zvol_stays() -> None:
    module, error = applied(node(), {('stmfadm', 'create-lu'): (1, '', 'stmfadm: resource busy\n')}, size='1G')
    assert module.calls == [['zfs', 'create', '-V', str(GIB), ZV], ['stmfadm', 'create-lu', DF]]
    assert error is not None
    assert 'stmfadm create-lu %s: stmfadm: resource busy' % DF in error.message
    assert 'already done before this failure' in error.message and 'zfs create -V %d %s' % (GIB, ZV) in error.message


def test_no_op_runs_nothing() -> None:
    module, error = applied(node([lu()], [zvol()]), {}, size='1G', alias=DF)
    assert error is None and module.calls == []
