# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the view planner (pure: state + params -> plan)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._exposure import exposure_warning, view_exposure
from ansible_collections.illumos.comstar.plugins.module_utils._info import view_info
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import GUID_RE, check_group_name
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._records import LogicalUnit, View
from ansible_collections.illumos.comstar.plugins.module_utils._state import ZVOL_PREFIX, NodeState

# add-view -n goes through a 16-bit integer and must stay below 16384 (reference 2.10).
MAX_LUN = 16383


def overlaps(one: str | None, other: str | None) -> bool:
    """Two host groups (or two target groups) overlap when either is All (None) or both are the same.

    An initiator is in one host group only and a target in one target group only (stmfadm(8),
    reference 2.9), so two different named groups never share a member.
    """
    return one is None or other is None or one == other


def describe(guid: str, view: View) -> str:
    return 'view entry %d of LU %s (host group %s, target group %s, LUN %s)' % (
        view.entry, guid, view.host_group or 'All', view.target_group or 'All', 'auto' if view.lun is None else view.lun)


def lowest_free(taken: t.Iterable[int], limit: int) -> int | None:
    used = set(taken)
    return next((number for number in range(limit + 1) if number not in used), None)


class ViewPlanner(Planner):
    """One view entry, identified by (LU, host group, target group); `lun` is what may change."""

    key = 'view'
    # targets and TPGs: whether the view leaves the LU open to any initiator (exposure warning),
    # which matters only to a view that stays
    subsets = ('host_groups', 'target_groups', 'logical_units', 'views', 'targets', 'tpgs')

    def __init__(self, params: dict[str, t.Any]) -> None:
        super().__init__(params)
        if params.get('state') == 'absent':
            self.subsets = tuple(part for part in self.subsets if part not in ('targets', 'tpgs'))

    def validate(self) -> None:
        lu = (self.params['lu'] or '').strip()
        if GUID_RE.match(lu):
            self.lu_kind, self.lu_ref = 'guid', lu.upper()
        elif lu.startswith('/'):
            self.lu_kind, self.lu_ref = 'data_file', lu
        elif '/' in lu and not lu.endswith('/'):
            self.lu_kind, self.lu_ref = 'zvol', lu
        else:
            raise PlanError('lu %r is neither a logical unit GUID (32 hexadecimal digits), a data file path (starting with /) '
                            'nor a zvol (pool/volume)' % self.params['lu'])
        self.host_group = self._group('host_group')
        self.target_group = self._group('target_group')
        lun = self.params.get('lun')
        if lun is not None and not 0 <= lun <= MAX_LUN:
            raise PlanError('lun %r is out of range: a logical unit number must be 0 to %d' % (lun, MAX_LUN))
        self.lun: int | None = lun

    def _group(self, option: str) -> str | None:
        value = self.params.get(option)
        return None if value is None else check_group_name(value, option)

    # -- lookups -----------------------------------------------------------------------------
    def find_lu(self, state: NodeState) -> LogicalUnit | None:
        if self.lu_kind == 'guid':
            return state.lu(self.lu_ref)
        if self.lu_kind == 'data_file':
            return state.lu_by_data_file(self.lu_ref)
        return next((lu for lu in state.logical_units or () if lu.zvol == self.lu_ref), None)

    def mine(self, views: t.Iterable[View]) -> View | None:
        return next((view for view in views if view.host_group == self.host_group and view.target_group == self.target_group), None)

    def as_dict(self, guid: str, view: View | None) -> dict[str, t.Any] | None:
        return None if view is None else dict(lu=guid, **view_info(view))

    # -- planning ----------------------------------------------------------------------------
    def plan(self, state: NodeState) -> Plan:
        plan = self._plan(state)
        after = plan.after
        if after is not None and self.params['state'] == 'present':
            view = View(after['entry'], after['host_group'], after['target_group'], after['lun'])
            plan.warnings.extend(exposure_warning(item) for item in view_exposure(state, after['lu'], view))
        return plan

    def _plan(self, state: NodeState) -> Plan:
        lu = self.find_lu(state)
        if lu is None and self.params['state'] == 'absent':
            return Plan()
        plan = Plan()
        if lu is None:
            # named by its zvol or data file until the LU (created earlier in the run) has a GUID
            self.missing(plan, self._not_found())
        guid = lu.guid if lu is not None else self.lu_ref
        views = (state.views or {}).get(guid, ())
        mine = self.mine(views)
        plan.before = self.as_dict(guid, mine)
        if self.params['state'] == 'absent':
            if mine is not None:
                plan.add('remove_view', guid=guid, entry=mine.entry)
            return plan
        self._require_groups(state, plan)
        if mine is not None and self.lun in (None, mine.lun):
            plan.after = plan.before
            return plan
        # stmfadm refuses a second entry of the same LU whose groups overlap ("view entry exists",
        # reference 2.10); All overlaps everything.
        clashing = [view for view in views if view is not mine and self._overlapping(view)]
        if clashing and not self.params['force']:
            names = '; '.join(describe(guid, view) for view in clashing)
            raise PlanError('%s overlaps the requested view (host group %s, target group %s): an LU cannot have two '
                            'entries whose host groups and target groups overlap (All overlaps every group); '
                            'set force=true to replace it' % (names, self.host_group or 'All', self.target_group or 'All'))
        removed = ([mine] if mine is not None else []) + clashing
        lun = self._lun(state, guid, removed)
        for view in removed:
            # if the new entry cannot be added, the removed ones come back (same groups and LUN)
            plan.add('remove_view', guid=guid, entry=view.entry,
                     undo=Action('add_view', {'guid': guid, 'host_group': view.host_group, 'target_group': view.target_group, 'lun': view.lun}))
            if view is not mine:
                plan.warnings.append('force: replacing %s' % describe(guid, view))
        # Without -n STMF picks the LUN itself; the prediction is the lowest free one (reference 2.10).
        plan.add('add_view', guid=guid, host_group=self.host_group, target_group=self.target_group, lun=self.lun)
        entry = lowest_free((view.entry for view in views if view not in removed), 1 << 16)
        plan.after = {'lu': guid, 'entry': entry, 'host_group': self.host_group, 'target_group': self.target_group, 'lun': lun}
        return plan

    def _overlapping(self, view: View) -> bool:
        return overlaps(view.host_group, self.host_group) and overlaps(view.target_group, self.target_group)

    def _lun(self, state: NodeState, guid: str, removed: list[View]) -> int:
        """The LUN the new entry gets: checked when explicit, predicted when automatic.

        The kernel's rule (reference 2.10): a LUN is taken when any view - of any LU - whose host
        group and target group overlap the new entry's uses it.
        """
        users = [(other, view) for other, entries in sorted((state.views or {}).items()) for view in entries
                 if not (other == guid and view in removed) and view.lun is not None and self._overlapping(view)]
        if self.lun is not None:
            holders = [describe(other, view) for other, view in users if view.lun == self.lun]
            if holders:
                raise PlanError('lun %d is already in use by %s, whose groups overlap host group %s, target group %s; '
                                'choose another lun or omit it for the lowest free one'
                                % (self.lun, '; '.join(holders), self.host_group or 'All', self.target_group or 'All'))
            return self.lun
        free = lowest_free((view.lun for _other, view in users if view.lun is not None), MAX_LUN)
        if free is None:
            raise PlanError('no free LUN is left for host group %s, target group %s' % (self.host_group or 'All', self.target_group or 'All'))
        return free

    def _require_groups(self, state: NodeState, plan: Plan) -> None:
        missing = []
        for option, value, groups in (('host_group', self.host_group, state.host_groups),
                                      ('target_group', self.target_group, state.target_groups)):
            if value is not None and value not in {group.name for group in groups or ()}:
                missing.append('%s %s does not exist on this node (create it with illumos.comstar.comstar_%s)'
                               % (option.replace('_', ' '), value, option))
        if missing:
            self.missing(plan, '; '.join(missing))

    def _not_found(self) -> str:
        what = {'guid': 'GUID', 'data_file': 'data file', 'zvol': 'zvol'}[self.lu_kind]
        shown = self.lu_ref if self.lu_kind != 'zvol' else '%s (%s%s)' % (self.lu_ref, ZVOL_PREFIX, self.lu_ref)
        return ('no logical unit with %s %s on this node: create it first (illumos.comstar.comstar_lu); in a cluster, '
                'views live only on the node where the LU\'s pool is imported' % (what, shown))

    # -- after the run -----------------------------------------------------------------------
    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        lu = self.find_lu(state)
        if lu is None:
            return None
        return self.as_dict(lu.guid, self.mine((state.views or {}).get(lu.guid, ())))

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        shown = 'the view of %s (host group %s, target group %s)' % (self.params['lu'], self.host_group or 'All', self.target_group or 'All')
        if self.params['state'] == 'absent':
            return [] if after is None else ['%s still exists as entry %s' % (shown, after['entry'])]
        if after is None:
            return ['%s is missing' % shown]
        if self.lun is not None and after['lun'] != self.lun:
            return ['%s has LUN %s, not %d' % (shown, after['lun'], self.lun)]
        return []
