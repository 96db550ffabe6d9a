# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: read one node's whole COMSTAR state once, with the list commands."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils import _parsers as parsers
from ansible_collections.illumos.comstar.plugins.module_utils import _parsers_itadm as parsers_itadm
from ansible_collections.illumos.comstar.plugins.module_utils import _parsers_system as parsers_system
from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults, Group, Initiator, LogicalUnit, Target, Tpg, View, Zvol)
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Result, Runner

SERVICES = {'stmf': 'svc:/system/stmf:default', 'iscsi_target': 'svc:/network/iscsi/target:default'}
SUBSETS = ('services', 'tpgs', 'targets', 'target_groups', 'host_groups', 'initiators',
           'logical_units', 'views', 'defaults', 'cluster')
ITADM_SUBSETS = ('tpgs', 'targets', 'initiators', 'defaults')
STMFADM_SUBSETS = {'target_groups', 'host_groups', 'logical_units', 'views'}
RSFCLI_PATH = '/opt/HAC/RSF-1/bin/rsfcli'
ZVOL_PREFIX = '/dev/zvol/rdsk/'
# itadm checks the service before any subcommand, lists included (reference 3.1).
ITADM_OFFLINE = 'The iSCSI target service must be online'
# An itadm older than the 2014 change has no -p (reference 3.2).
ITADM_NO_PARSABLE = 'Unrecognized option -p'
# Not a gather_subset: with 'services', also run the one-off `svcs -x FMRI` diagnostic for each
# service in maintenance; its text is free-form and kept raw, never parsed (reference 5).
SERVICE_DIAGNOSTICS = 'service_diagnostics'
# zfs get -t exists in illumos since 2013; an older zfs answers "invalid option 't'" (usage, exit 2)
# and the read is repeated without it: the names are filtered by the volumes zfs list found [derived].
ZFS_GET_NO_TYPE = "invalid option 't'"
# list-view reads run VIEW_READERS at a time once there are PARALLEL_VIEWS_FROM of them
VIEW_READERS = 4
PARALLEL_VIEWS_FROM = 16


class _NotInstalled(Exception):
    """The node has no such command (its package is not installed)."""


@dataclasses.dataclass
class NodeState:
    """What one read found; None = that part was not read (subset) or could not be read."""

    services: dict[str, str | None] | None = None
    tpgs: tuple[Tpg, ...] | None = None
    targets: tuple[Target, ...] | None = None
    initiators: tuple[Initiator, ...] | None = None
    defaults: Defaults | None = None
    target_groups: tuple[Group, ...] | None = None
    host_groups: tuple[Group, ...] | None = None
    logical_units: tuple[LogicalUnit, ...] | None = None
    views: dict[str, tuple[View, ...]] | None = None
    zvols: tuple[Zvol, ...] | None = None
    # zvol name -> {property: value as `zfs get -p` prints it}, the locally set properties only
    zvol_properties: dict[str, dict[str, str]] | None = None
    pools: tuple[str, ...] | None = None
    rsf1_services: dict[str, str | None] | None = None
    service_diagnostics: dict[str, str] | None = None
    itadm_parsable: bool = True
    warnings: list[str] = dataclasses.field(default_factory=list)

    def target(self, name: str) -> Target | None:
        return next((item for item in self.targets or () if item.name == name), None)

    def tpg(self, name: str) -> Tpg | None:
        return next((item for item in self.tpgs or () if item.name == name), None)

    def lu(self, guid: str) -> LogicalUnit | None:
        return next((item for item in self.logical_units or () if item.guid == guid), None)

    def lu_by_data_file(self, data_file: str) -> LogicalUnit | None:
        return next((item for item in self.logical_units or () if item.data_file == data_file), None)

    def zvol(self, name: str) -> Zvol | None:
        return next((item for item in self.zvols or () if item.name == name), None)


def resolve_subsets(requested: t.Iterable[str]) -> set[str]:
    """Ansible's gather_subset rules: 'all', names, and '!name' exclusions."""
    chosen: set[str] = set()
    excluded: set[str] = set()
    for item in requested:
        item = item.strip()
        if item.startswith('!'):
            excluded.update(SUBSETS if item[1:] == 'all' else {item[1:]})
        elif item == 'all':
            chosen.update(SUBSETS)
        else:
            chosen.add(item)
    if not chosen and excluded:
        chosen.update(SUBSETS)
    # each logical unit carries its views: only an explicit !views leaves them out
    if 'logical_units' in chosen:
        chosen.add('views')
    unknown = sorted((chosen | excluded) - set(SUBSETS))
    if unknown:
        raise ValueError('unknown gather_subset value(s) %s; valid: all, %s (each may be negated with !)'
                         % (', '.join(unknown), ', '.join(SUBSETS)))
    return chosen - excluded


def zvol_of(data_file: str | None) -> str | None:
    if data_file and data_file.startswith(ZVOL_PREFIX):
        return data_file[len(ZVOL_PREFIX):]
    return None


class StateReader:
    """Reads with a fixed number of list commands plus one list-view per LU that has views."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    def read(self, subsets: t.Iterable[str] = SUBSETS, pools: t.Iterable[str] | None = None,
             views_of: t.Callable[[LogicalUnit], bool] | None = None) -> NodeState:
        """One read of the chosen parts; `views_of` limits the list-view calls to the LUs a planner needs."""
        wanted = set(subsets)
        state = NodeState()
        if 'services' in wanted:
            state.services = {key: self._service(fmri) for key, fmri in SERVICES.items()}
            if SERVICE_DIAGNOSTICS in wanted:
                state.service_diagnostics = {key: self._explain(SERVICES[key]) for key, value in state.services.items()
                                             if value == 'maintenance'}
        readers: tuple[tuple[str, str, set[str], t.Callable[[], None]], ...] = (
            ('itadm', 'network/iscsi/target', set(ITADM_SUBSETS), lambda: self._read_itadm(state, wanted)),
            ('stmfadm', 'storage/stmf', STMFADM_SUBSETS, lambda: self._read_stmfadm(state, wanted, views_of)))
        for command, package, parts, reader in readers:
            if wanted & parts:
                try:
                    reader()
                except _NotInstalled:
                    # a node without the package: its objects are unknown (None), which planners refuse
                    state.warnings.append('%s is not installed on this node (package %s): its objects are unknown' % (command, package))
        if 'zvols' in wanted or 'zvol_properties' in wanted:
            zvols, answered = self._zvols(pools)
            if 'zvols' in wanted:
                state.zvols = zvols
            if 'zvol_properties' in wanted:
                state.zvol_properties = self._zvol_properties(answered, {zvol.name for zvol in zvols})
        # the imported pools ('cluster'); a zvol read names its pools itself (zfs list -r POOL)
        if 'cluster' in wanted:
            state.pools = parsers_system.parse_zpool_names(self._out(['zpool', 'list', '-H', '-o', 'name']))
        if 'cluster' in wanted:
            state.rsf1_services = self._rsf1_services()
        return state

    def _read_stmfadm(self, state: NodeState, wanted: set[str], views_of: t.Callable[[LogicalUnit], bool] | None) -> None:
        if 'target_groups' in wanted:
            state.target_groups = parsers.parse_stmfadm_groups(self._out(['stmfadm', 'list-tg', '-v']), state.warnings.append)
        if 'host_groups' in wanted:
            state.host_groups = parsers.parse_stmfadm_groups(self._out(['stmfadm', 'list-hg', '-v']), state.warnings.append)
        if wanted & {'logical_units', 'views'}:
            state.logical_units = parsers.parse_stmfadm_list_lu(self._out(['stmfadm', 'list-lu', '-v']), state.warnings.append)
            if 'views' in wanted:
                wanted_lus = [lu for lu in state.logical_units if views_of is None or views_of(lu)]
                state.views = self._all_views(wanted_lus, state)

    # -- pieces ------------------------------------------------------------------------------
    def _out(self, argv: list[str]) -> str:
        return self._checked(argv).stdout

    def _checked(self, argv: list[str]) -> Result:
        """Run a list command; a command the node does not have (not on PATH) raises _NotInstalled."""
        if self.runner.find(argv[0]) is None:
            raise _NotInstalled(argv[0])
        result = self.runner.run(argv, check=False)
        if result.rc != 0:
            raise CommandError(self.runner.mask_argv(argv), result.rc, result.stdout, result.stderr)
        return result

    def _service(self, fmri: str) -> str | None:
        result = self.runner.run(['svcs', '-H', '-o', 'state', fmri], check=False)
        return parsers_system.parse_svcs_state(result.stdout) if result.rc == 0 else None

    def _explain(self, fmri: str) -> str:
        result = self.runner.run(['svcs', '-x', fmri], check=False)
        return (result.stdout + result.stderr).strip()

    def _read_itadm(self, state: NodeState, wanted: set[str]) -> None:
        lists = [('targets', 'list-target', parsers_itadm.parse_itadm_list_target),
                 ('tpgs', 'list-tpg', parsers_itadm.parse_itadm_list_tpg),
                 ('initiators', 'list-initiator', parsers_itadm.parse_itadm_list_initiator)]
        for key, sub, parse in lists:
            if key not in wanted:
                continue
            text = self._itadm(state, [sub, '-v'])
            if text is None:
                return
            setattr(state, key, parse(text, parsable=state.itadm_parsable, warn=state.warnings.append))
        if 'defaults' in wanted:
            text = self._itadm(state, ['list-defaults'])
            if text is not None:
                state.defaults = parsers_itadm.parse_itadm_list_defaults(text, parsable=state.itadm_parsable)

    def _itadm(self, state: NodeState, args: list[str]) -> str | None:
        """stdout of an itadm list (parsable when this itadm has -p), None when itadm refuses."""
        argv = ['itadm', args[0]] + (['-p'] if state.itadm_parsable else []) + args[1:]
        if self.runner.find('itadm') is None:
            raise _NotInstalled('itadm')
        result = self.runner.run(argv, check=False)
        if result.rc != 0 and state.itadm_parsable and ITADM_NO_PARSABLE in result.stderr:
            state.itadm_parsable = False
            result = self.runner.run(['itadm'] + args, check=False)
        if result.rc != 0 and ITADM_OFFLINE in result.stderr:
            state.warnings.append('itadm refused to run (%s): svc:/network/iscsi/target:default is not online; '
                                  'TPGs, targets, initiators and defaults are unknown' % ' '.join(argv))
            return None
        if result.rc != 0:
            raise CommandError(self.runner.mask_argv(argv), result.rc, result.stdout, result.stderr)
        return result.stdout

    def _all_views(self, lus: list[LogicalUnit], state: NodeState) -> dict[str, tuple[View, ...]]:
        """One list-view per LU with view entries; many of them run a few at a time (they only read,
        and each is a process start): results and their order do not depend on it."""
        listed = [lu for lu in lus if lu.view_entry_count != 0]
        if len(listed) < PARALLEL_VIEWS_FROM:
            return {lu.guid: self._views(lu, state) for lu in lus}
        with concurrent.futures.ThreadPoolExecutor(max_workers=VIEW_READERS) as pool:
            found = dict(zip([lu.guid for lu in listed], pool.map(lambda lu: self._views(lu, state), listed)))
        return {lu.guid: found.get(lu.guid, ()) for lu in lus}

    def _views(self, lu: LogicalUnit, state: NodeState) -> tuple[View, ...]:
        if lu.view_entry_count == 0:
            return ()
        result = self.runner.run(['stmfadm', 'list-view', '-l', lu.guid], check=False)
        # list-view says "no views found" for an LU without views (reference 2.11).
        if result.rc != 0 and 'no views found' in result.stderr:
            return ()
        if result.rc != 0:
            raise CommandError(['stmfadm', 'list-view', '-l', lu.guid], result.rc, result.stdout, result.stderr)
        return parsers.parse_stmfadm_list_view(result.stdout, state.warnings.append)

    def _zvols(self, pools: t.Iterable[str] | None) -> tuple[tuple[Zvol, ...], list[str] | None]:
        """The volumes of `pools` (None: of every pool), and the pools that answered (None: all)."""
        argv = ['zfs', 'list', '-H', '-p', '-o', 'name,volsize,volblocksize', '-t', 'volume']
        found: list[Zvol] = []
        answered: list[str] = []
        for pool in sorted(set(pools)) if pools is not None else [None]:
            result = self.runner.run(argv + (['-r', pool] if pool else []), check=pool is None)
            if result.rc == 0:
                found.extend(parsers_system.parse_zfs_volumes(result.stdout))
                answered.extend([pool] if pool else [])
        return tuple(sorted(found, key=lambda item: item.name)), answered if pools is not None else None

    def _zvol_properties(self, pools: list[str] | None, volumes: set[str]) -> dict[str, dict[str, str]]:
        """The locally set properties of every volume of `pools` (None: all pools) in one zfs get."""
        if pools is not None and not pools:
            return {}
        head = ['zfs', 'get', '-H', '-p', '-o', 'name,property,value', '-s', 'local']
        # -r before the operands: zfs get takes its options first (getopt without permutation)
        tail = (['-r'] if pools else []) + ['all'] + (pools or [])
        result = self.runner.run(head + ['-t', 'volume'] + tail, check=False)
        if result.rc != 0 and ZFS_GET_NO_TYPE in result.stderr:
            result = self.runner.run(head + tail, check=False)
        if result.rc != 0:
            raise CommandError(head + ['-t', 'volume'] + tail, result.rc, result.stdout, result.stderr)
        found = parsers_system.parse_zfs_local_properties(result.stdout)
        return {name: props for name, props in found.items() if name in volumes}

    def _rsf1_services(self) -> dict[str, str | None] | None:
        rsfcli = RSFCLI_PATH if self.runner.find(RSFCLI_PATH) else 'rsfcli'
        if self.runner.find(rsfcli) is None:
            return None
        result = self.runner.run([rsfcli, '-i0', 'list'], check=False)
        if result.rc != 0:
            return None
        return parsers_system.parse_rsfcli_list(result.stdout)
