# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: comstar_config's engine - the whole input validated, then one plan folded
item after item over the state as the plan so far leaves it, with the object modules' own planners."""

from __future__ import annotations

import dataclasses
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._gather import in_pools
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import canonical_name
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_defaults import DefaultsPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_groups import HostGroupPlanner, TargetGroupPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import TpgPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_lu import LuPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import InitiatorPlanner, TargetPlanner, is_none_keyword
from ansible_collections.illumos.comstar.plugins.module_utils._plan_view import ViewPlanner, overlaps
from ansible_collections.illumos.comstar.plugins.module_utils._project import project
from ansible_collections.illumos.comstar.plugins.module_utils._records import LogicalUnit
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

SECTIONS = ('tpgs', 'initiators', 'targets', 'host_groups', 'target_groups', 'logical_units', 'defaults')
LIST_SECTIONS = SECTIONS[:-1]
# Creation order (dependencies first); removals run afterwards in the reverse order.
ORDER = ('tpgs', 'initiators', 'targets', 'host_groups', 'target_groups', 'logical_units')
CHANGING_STATES = ('merged', 'replaced', 'overridden', 'deleted')
PLANNERS: dict[str, type[Planner]] = {'tpgs': TpgPlanner, 'initiators': InitiatorPlanner, 'targets': TargetPlanner,
                                      'host_groups': HostGroupPlanner, 'target_groups': TargetGroupPlanner}
# What each section reads (StateReader parts)
READS = {'tpgs': ('tpgs', 'targets'), 'initiators': ('initiators',), 'targets': ('tpgs', 'targets', 'defaults', 'initiators'),
         'host_groups': ('host_groups',), 'target_groups': ('targets', 'target_groups'),
         'logical_units': ('logical_units', 'views', 'zvols', 'cluster', 'host_groups', 'target_groups'),
         'defaults': ('defaults',)}
# Target-group changes need the target offline (reference 2.9): these ops may run between an
# online-target and the next offline-target of the same target, which then cancel out.
MEMBERSHIP_OPS = ('add_tg_member', 'remove_tg_member', 'add_hg_member', 'remove_hg_member', 'create_tg', 'create_hg',
                  'offline_target', 'online_target')


def label(section: str, index: int, item: dict[str, t.Any]) -> str:
    """How a refusal names an item: its place in `config` and its key."""
    keys = [(key, item.get(key)) for key in ('name', 'alias', 'zvol', 'data_file', 'guid') if item.get(key)]
    shown = ', '.join('%s %s' % pair for pair in keys[:2])
    return '%s[%d]%s' % (section, index, ' (%s)' % shown if shown else '')


@dataclasses.dataclass
class Entry:
    """One item of `config` with the planner that carries it."""

    section: str
    index: int
    item: dict[str, t.Any]
    planner: Planner
    label: str
    views: list[tuple[dict[str, t.Any], ViewPlanner]] = dataclasses.field(default_factory=list)

    @property
    def absent(self) -> bool:
        return self.planner.params.get('state') == 'absent'


class Fold:
    """The plan so far and the state it leaves: each planner plans over that state, each action moves it."""

    def __init__(self, state: NodeState, check_mode: bool) -> None:
        self.state = state
        self.check_mode = check_mode
        self.actions: list[Action] = []
        self.warnings: list[str] = []

    def add(self, planner: Planner, where: str) -> None:
        planner.check_mode = self.check_mode
        try:
            plan = planner.plan(self.state)
        except PlanError as exc:
            raise PlanError('%s: %s' % (where, exc)) from None
        for action in plan.actions:
            self.state = project(self.state, action)
        self.actions.extend(plan.actions)
        self.warnings.extend('%s: %s' % (where, warning) for warning in plan.warnings)


class ConfigEngine:
    """Validates a `config`, says what to read, and plans it over a state read."""

    def __init__(self, params: dict[str, t.Any], node: str = 'this node') -> None:
        self.params = params
        self.node = node
        self.mode: str = params['state']
        self.config: dict[str, t.Any] = params.get('config') or {}
        self.managed = [section for section in SECTIONS if self.config.get(section) is not None]
        self.entries: list[Entry] = []
        self.defaults: DefaultsPlanner | None = None
        self.pools: tuple[str, ...] | None = None

    # -- input ---------------------------------------------------------------------------------
    def secrets(self) -> list[str]:
        found = [item.get(key) for section in LIST_SECTIONS for item in self.config.get(section) or ()
                 for key in ('chap_secret',) if item.get(key)]
        if (self.config.get('defaults') or {}).get('radius_secret'):
            found.append(self.config['defaults']['radius_secret'])
        return [secret for secret in found if secret]

    def item_params(self, section: str, item: dict[str, t.Any]) -> dict[str, t.Any]:
        """The item as its module would take it, for this run's state (merged, replaced, ...)."""
        params = {key: value for key, value in item.items() if key != 'views'}
        if self.mode == 'deleted':
            params['state'] = 'absent'
        if self.mode in ('replaced', 'overridden') and params.get('state') == 'present':
            # replaced: what is omitted returns to COMSTAR's default (DESIGN.md section 2a)
            if section == 'targets':
                for key in ('alias', 'chap_user'):
                    if params.get(key) is None and (key != 'alias' or params.get('name')):
                        params[key] = 'none'
                params['auth_method'] = params.get('auth_method') or 'default'
                params['tpgs'] = params['tpgs'] if params.get('tpgs') is not None else ['default']
            elif section == 'initiators' and params.get('chap_user') is None:
                params['chap_user'] = 'none'
            elif section in ('host_groups', 'target_groups'):
                params['members'] = params.get('members') or []
                params['append'] = False
        return params

    def validate(self) -> None:
        if self.mode not in CHANGING_STATES + ('gathered', 'rendered'):
            raise PlanError('state %r is not one of %s' % (self.mode, ', '.join(CHANGING_STATES + ('gathered', 'rendered'))))
        pools = self.params.get('pools')
        lu_items = self.config.get('logical_units') or []
        if pools is not None:
            self.pools = tuple(sorted(set(pools)))
        elif 'logical_units' in self.managed:
            self.pools = tuple(sorted({(item.get('zvol') or '').strip('/').split('/')[0] for item in lu_items if item.get('zvol')}))
        for section in ORDER:
            for index, item in enumerate(self.config.get(section) or ()):
                self.entries.append(self._entry(section, index, item))
        if self.config.get('defaults') is not None:
            self.defaults = DefaultsPlanner(dict(self.config['defaults']))
            self._checked(self.defaults, 'defaults')
        self._refuse_conflicts()

    def _entry(self, section: str, index: int, item: dict[str, t.Any]) -> Entry:
        where = label(section, index, item)
        params = self.item_params(section, item)
        if section == 'target_groups' and params.get('members'):
            # an alias of a target this config lists with its name stands for that name
            named = {entry.planner.params['alias']: entry.planner.params['name'] for entry in self.entries
                     if entry.section == 'targets' and entry.planner.params.get('name') and entry.planner.params.get('alias')}
            params['members'] = [named.get(member, member) for member in params['members']]
        planner: Planner = LuPlanner(params, node=self.node) if section == 'logical_units' else PLANNERS[section](params)
        self._checked(planner, where)
        entry = Entry(section, index, item, planner, where)
        if section == 'logical_units':
            self._check_pool(t.cast(LuPlanner, planner), where)
            # a view names its LU by GUID when the item pins one, else by its zvol or data file
            lu = item.get('guid') or (item.get('zvol') or '').strip('/') or item.get('data_file') or ''
            for number, view in enumerate(item.get('views') or ()):
                view_params = dict(view, lu=lu)
                if self.mode == 'deleted' or params.get('state') == 'absent':
                    view_params['state'] = 'absent'
                view_planner = ViewPlanner(view_params)
                self._checked(view_planner, '%s views[%d]' % (where, number))
                entry.views.append((view, view_planner))
        return entry

    @staticmethod
    def _checked(planner: Planner, where: str) -> None:
        try:
            planner.validate()
        except PlanError as exc:
            raise PlanError('%s: %s' % (where, exc)) from None

    def _check_pool(self, planner: LuPlanner, where: str) -> None:
        if planner.pool is not None and self.pools is not None and planner.pool not in self.pools:
            raise PlanError('%s: zvol %s is on pool %s, which is not in pools (%s): this run manages the LUs of those pools only'
                            % (where, planner.zvol_name, planner.pool, ', '.join(self.pools) or 'none'))

    def _refuse_conflicts(self) -> None:
        """Conflicts between items, each refusal naming both (before anything is read or changed)."""
        def once(section: str, key: t.Callable[[Entry], str | None], what: str) -> dict[str, Entry]:
            seen: dict[str, Entry] = {}
            for entry in (entry for entry in self.entries if entry.section == section):
                value = key(entry)
                if value is None:
                    continue
                if value in seen:
                    raise PlanError('%s and %s both declare %s %s: each object may be listed once'
                                    % (seen[value].label, entry.label, what, value))
                seen[value] = entry
            return seen

        once('tpgs', lambda entry: entry.planner.params['name'], 'TPG')
        once('initiators', lambda entry: getattr(entry.planner, 'name', None), 'initiator')
        once('targets', lambda entry: getattr(entry.planner, 'name', None), 'target')
        aliases = once('targets', lambda entry: None if is_none_keyword(entry.planner.params.get('alias'))
                       else entry.planner.params.get('alias'), 'the alias')
        once('host_groups', lambda entry: getattr(entry.planner, 'name', None), 'host group')
        once('target_groups', lambda entry: getattr(entry.planner, 'name', None), 'target group')
        once('logical_units', lambda entry: getattr(entry.planner, 'data_file', None), 'the logical unit on')
        once('logical_units', lambda entry: getattr(entry.planner, 'guid', None), 'GUID')
        self._refuse_shared_members(aliases)
        self._refuse_lun_clashes()

    def _refuse_shared_members(self, aliases: dict[str, Entry]) -> None:
        # a target is in one target group only, an initiator in one host group only (reference 2.9)
        for section, noun in (('target_groups', 'target'), ('host_groups', 'initiator')):
            owner: dict[str, Entry] = {}
            for entry in (entry for entry in self.entries if entry.section == section and not entry.absent):
                for member in getattr(entry.planner, 'given', None) or ():
                    # an alias of a listed target that has a name stands for that name
                    key = member
                    if section == 'target_groups' and member in aliases:
                        key = getattr(aliases[member].planner, 'name', None) or member
                    key = canonical_name(key) if key[:4].lower() in ('iqn.', 'eui.', 'wwn.') else key
                    if key in owner and owner[key] is not entry:
                        raise PlanError('%s and %s both list %s %s: a %s can be in only one %s'
                                        % (owner[key].label, entry.label, noun, member, noun, section[:-1].replace('_', ' ')))
                    owner[key] = entry

    def _refuse_lun_clashes(self) -> None:
        # two entries with the same LUN whose groups overlap clash (reference 2.10)
        views = [(entry, planner) for entry in self.entries for _view, planner in entry.views
                 if planner.params.get('state') == 'present']
        for position, (entry, planner) in enumerate(views):
            for other_entry, other in views[position + 1:]:
                same_lu = other_entry is entry
                groups_overlap = (overlaps(planner.host_group, other.host_group)
                                  and overlaps(planner.target_group, other.target_group))
                if same_lu and groups_overlap:
                    raise PlanError('%s lists two views whose groups overlap (host group %s, target group %s and host group %s, '
                                    'target group %s): an LU cannot have two such entries'
                                    % (entry.label, planner.host_group or 'All', planner.target_group or 'All',
                                       other.host_group or 'All', other.target_group or 'All'))
                if planner.lun is not None and planner.lun == other.lun and groups_overlap:
                    raise PlanError('%s and %s both ask for LUN %d with overlapping groups (host group %s, target group %s): '
                                    'an initiator would see two LUs at one LUN'
                                    % (entry.label, other_entry.label, planner.lun, planner.host_group or 'All',
                                       planner.target_group or 'All'))

    # -- reading -------------------------------------------------------------------------------
    def subsets(self) -> tuple[str, ...]:
        parts: set[str] = set()
        for section in self.managed:
            parts.update(READS[section])
        if any(entry.section == 'logical_units' and 'zvol_properties' in entry.planner.subsets for entry in self.entries):
            # one zfs get for the volumes of every pool in scope, only when an item lists zvol_properties
            parts.add('zvol_properties')
        if self.mode in ('overridden', 'deleted') or any(entry.absent for entry in self.entries
                                                         if entry.section in ('host_groups', 'target_groups')):
            # a group's removal needs the views that use it (they block it, or force removes them)
            if {'host_groups', 'target_groups'} & set(self.managed):
                parts.update(('logical_units', 'views'))
        return tuple(sorted(parts))

    def views_of(self, lu: LogicalUnit) -> bool:
        """Every LU's views are read: a LUN is taken by a view of any LU whose groups overlap (reference 2.10)."""
        return True

    # -- planning ------------------------------------------------------------------------------
    def plan(self, state: NodeState, check_mode: bool) -> Fold:
        fold = Fold(state, check_mode)
        phase = self.params.get('phase') or 'all'
        creating = phase in ('all', 'create')
        if self.defaults is not None and self.mode != 'deleted' and creating:
            fold.add(self.defaults, 'defaults')
        listed: dict[str, set[str]] = {section: set() for section in ORDER}
        for section in ORDER:
            entries = [entry for entry in self.entries if entry.section == section and not entry.absent]
            if section in ('host_groups', 'target_groups') and creating:
                self._shrink_groups(fold, entries)
            for entry in entries:
                if section == 'logical_units' and creating:
                    self._plan_lu(fold, entry)
                elif creating:
                    fold.add(entry.planner, entry.label)
                listed[section].update(self._keys(fold.state, entry))
        if phase == 'create':
            fold.actions = coalesce_offline(fold.actions)
            return fold
        # removals last, in reverse order: views, LUs, groups, targets, initiators, TPGs
        for entry in self.entries:
            if entry.section == 'logical_units' and not entry.absent:
                for _view, planner in entry.views:
                    if planner.params.get('state') == 'absent':
                        fold.add(planner, entry.label + ' view')
        for section in reversed(ORDER):
            for entry in (entry for entry in self.entries if entry.section == section and entry.absent):
                if section == 'logical_units':
                    for _view, planner in entry.views:
                        fold.add(planner, entry.label + ' view')
                fold.add(entry.planner, entry.label)
            if section in self.managed and (self.mode == 'overridden' or (self.mode == 'deleted' and self.config[section] == [])):
                self._purge(fold, section, listed[section])
        fold.actions = coalesce_offline(fold.actions)
        return fold

    def _plan_lu(self, fold: Fold, entry: Entry) -> None:
        fold.add(entry.planner, entry.label)
        if self.mode in ('replaced', 'overridden'):
            # the LU's views become exactly those listed: the others go first (an entry for All
            # would overlap a listed one, reference 2.10)
            lu = self._lu(fold.state, t.cast(LuPlanner, entry.planner))
            wanted = {(planner.host_group, planner.target_group) for _view, planner in entry.views}
            for view in (fold.state.views or {}).get(lu.guid, ()) if lu is not None else ():
                if (view.host_group, view.target_group) not in wanted:
                    stale = ViewPlanner({'lu': lu.guid, 'host_group': view.host_group, 'target_group': view.target_group,
                                         'lun': None, 'state': 'absent', 'force': False})
                    stale.validate()
                    fold.add(stale, '%s (view not listed)' % entry.label)
        for number, (_view, planner) in enumerate(entry.views):
            if planner.params.get('state') != 'absent':
                fold.add(planner, '%s views[%d]' % (entry.label, number))

    @staticmethod
    def _lu(state: NodeState, planner: LuPlanner) -> LogicalUnit | None:
        return state.lu_by_data_file(planner.data_file)

    def _shrink_groups(self, fold: Fold, entries: list[Entry]) -> None:
        """Members leaving a group leave before any joins another: a target moving from one target
        group to another is free by the time the second group takes it (reference 2.9)."""
        for entry in entries:
            planner = t.cast(TargetGroupPlanner, entry.planner)
            if planner.given is None or planner.params.get('append'):
                continue
            current = planner.group(fold.state)
            if current is None:
                continue
            probe = type(planner)(dict(planner.params, members=list(planner.given)))
            probe.validate()
            probe.check_mode = True
            wanted = probe.resolve(fold.state, probe.given or (), Plan())
            keep = sorted(set(current.members) & wanted)
            if len(keep) < len(current.members):
                shrink = type(planner)(dict(planner.params, members=keep))
                shrink.validate()
                fold.add(shrink, entry.label)

    def _keys(self, state: NodeState, entry: Entry) -> set[str]:
        """The identities an item stands for in `state` (what overridden must keep)."""
        planner = entry.planner
        if entry.section == 'targets':
            found = t.cast(TargetPlanner, planner).find(state)
            return {found.name} if found else set()
        if entry.section == 'logical_units':
            lu = self._lu(state, t.cast(LuPlanner, planner))
            return {lu.guid} if lu else set()
        return {getattr(planner, 'name', None) or planner.params['name']}

    def _purge(self, fold: Fold, section: str, keep: set[str]) -> None:
        """overridden (or deleted with `section: []`): every object of the section not listed goes."""
        state = fold.state
        if section == 'logical_units':
            for lu in sorted(state.logical_units or (), key=lambda lu: lu.guid):
                if lu.guid not in keep and lu.data_file and in_pools(lu, self.pools or ()):
                    purge = LuPlanner({'data_file': lu.data_file, 'zvol': None, 'guid': lu.guid, 'state': 'absent',
                                       'keep_views': False, 'destroy_zvol': False}, node=self.node)
                    fold.add(purge, 'logical unit %s on %s (not listed)' % (lu.guid, lu.data_file))
            return
        objects = {'tpgs': state.tpgs, 'initiators': state.initiators, 'targets': state.targets,
                   'host_groups': state.host_groups, 'target_groups': state.target_groups}[section]
        for name in sorted(item.name for item in objects or ()):
            if name in keep:
                continue
            params: dict[str, t.Any] = {'name': name, 'state': 'absent', 'force': True}
            if section == 'targets':
                params.update(alias=None)
            purge = PLANNERS[section](params)
            purge.validate()
            fold.add(purge, '%s %s (not listed)' % (section[:-1].replace('_', ' '), name))


def coalesce_offline(actions: list[Action]) -> list[Action]:
    """A target brought online and taken offline again with only membership changes in between
    stays offline: each target goes offline at most once per run (and always comes back)."""
    dropped: set[int] = set()
    for index, action in enumerate(actions):
        if action.op != 'online_target' or index in dropped:
            continue
        name = action.args['name']
        for later in range(index + 1, len(actions)):
            other = actions[later]
            if other.op not in MEMBERSHIP_OPS:
                break
            if other.args.get('name') == name or other.args.get('member') == name:
                if other.op == 'offline_target' and other.token == action.restores:
                    dropped.update((index, later))
                break
    return [action for index, action in enumerate(actions) if index not in dropped]
