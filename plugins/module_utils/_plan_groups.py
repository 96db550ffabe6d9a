# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: planners for target groups and host groups (pure: state + params -> plan)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._info import group_info
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import check_group_name, check_iscsi_name
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError, offline_dance
from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import require
from ansible_collections.illumos.comstar.plugins.module_utils._records import Group
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

NAME_PREFIXES = ('iqn.', 'eui.', 'wwn.')


class _GroupPlanner(Planner):
    """What target groups and host groups share: exact or appended membership, one group per
    member (stmfadm(8), reference 2.9), and deletion that views block (reference 2.9, 8 item 9)."""

    kind = ''           # the stmfadm noun in create-tg/create-hg: 'tg' or 'hg'
    noun = ''           # how messages name the object
    part = ''           # the NodeState field holding these groups
    view_field = ''     # the View field that names a group of this kind
    member_noun = ''    # what a member is
    needs: tuple[str, ...] = ()         # NodeState parts that must have been read

    def __init__(self, params: dict[str, t.Any]) -> None:
        super().__init__(params)
        self.name: str = params['name']
        self.given: tuple[str, ...] | None = None          # canonical members (target aliases as given)
        self.planned: dict[str, t.Any] | None = None       # what verify() compares the re-read with
        if params['state'] == 'present':
            # views matter only to a delete (they block it): no list-view per LU otherwise
            self.subsets = tuple(part for part in self.subsets if part not in ('logical_units', 'views'))

    def validate(self) -> None:
        self.name = check_group_name(self.params['name'], 'name')
        members = self.params.get('members')
        if members is not None and self.params['state'] == 'present':
            self.given = tuple(self.canonical_member(member) for member in members)

    def canonical_member(self, member: str) -> str:
        raise NotImplementedError

    def resolve(self, state: NodeState, given: tuple[str, ...], plan: Plan) -> set[str]:
        """The canonical member names the request stands for."""
        return set(given)

    def change(self, state: NodeState, plan: Plan, to_add: list[str], to_remove: list[str]) -> None:
        for member in to_remove:
            plan.add('remove_%s_member' % self.kind, group=self.name, member=member)
        for member in to_add:
            plan.add('add_%s_member' % self.kind, group=self.name, member=member)

    def groups(self, state: NodeState) -> tuple[Group, ...]:
        return getattr(state, self.part) or ()

    def group(self, state: NodeState) -> Group | None:
        return next((group for group in self.groups(state) if group.name == self.name), None)

    def plan(self, state: NodeState) -> Plan:
        require(state, *self.needs)
        current = self.group(state)
        plan = Plan(before=group_info(current) if current else None)
        if self.params['state'] == 'absent':
            if current:
                self._plan_delete(state, plan)
            return plan
        have = set(current.members) if current else set()
        wanted = have if self.given is None else self.resolve(state, self.given, plan)
        if self.params['append']:
            wanted |= have
        to_add, to_remove = sorted(wanted - have), sorted(have - wanted)
        self._refuse_taken(state, to_add)
        plan.after = self.planned = {'name': self.name, 'members': sorted(wanted)}
        if current is None:
            plan.add('create_%s' % self.kind, name=self.name)
        if to_add or to_remove:
            self.change(state, plan, to_add, to_remove)
        return plan

    def _refuse_taken(self, state: NodeState, to_add: list[str]) -> None:
        # One group per member (stmfadm(8), reference 2.9); the CLI's message for it is
        # unconfirmed (reference 10 item 16), so the state read decides before any change.
        owners = {member: group.name for group in self.groups(state) if group.name != self.name for member in group.members}
        taken = ['%s (in %s %s)' % (member, self.noun, owners[member]) for member in to_add if member in owners]
        if taken:
            raise PlanError('%s %s: %s already in another %s: %s; %s can be in only one %s - remove it there first'
                            % (self.noun, self.name, 'member is' if len(taken) == 1 else 'members are', self.noun,
                               ', '.join(taken), self.member_noun, self.noun))

    def _plan_delete(self, state: NodeState, plan: Plan) -> None:
        # delete-hg/delete-tg fail with "group is in use by existing view entry" (reference 2.9).
        used = [(guid, view.entry) for guid, views in sorted((state.views or {}).items())
                for view in sorted(views, key=lambda view: view.entry) if getattr(view, self.view_field) == self.name]
        if used and not self.params['force']:
            raise PlanError('%s %s is used by view(s) %s; remove those views first (illumos.comstar.comstar_view) '
                            'or set force=true to remove them with the group'
                            % (self.noun, self.name, ', '.join('LU %s entry %d' % item for item in used)))
        for guid, entry in used:
            plan.add('remove_view', guid=guid, entry=entry)
        plan.add('delete_%s' % self.kind, name=self.name)

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        current = self.group(state)
        return group_info(current) if current else None

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        if self.params['state'] == 'absent':
            return [] if after is None else ['%s %s still exists' % (self.noun, self.name)]
        if after is None:
            return ['%s %s does not exist' % (self.noun, self.name)]
        planned = set((self.planned or {}).get('members', ()))
        missing = sorted(planned - set(after['members']))
        extra = sorted(set(after['members']) - planned)
        problems = ['%s %s lacks member(s) %s' % (self.noun, self.name, ', '.join(missing))] if missing else []
        if extra:
            problems.append('%s %s still has member(s) %s' % (self.noun, self.name, ', '.join(extra)))
        return problems


class TargetGroupPlanner(_GroupPlanner):
    key = 'target_group'
    subsets = ('targets', 'target_groups', 'logical_units', 'views')
    kind = 'tg'
    noun = 'target group'
    part = 'target_groups'
    view_field = 'target_group'
    member_noun = 'a target'
    # itadm's target list resolves aliases and tells which targets are online.
    needs = ('targets', 'target_groups')

    def canonical_member(self, member: str) -> str:
        # A member that does not look like a node name is an alias, resolved against the state read.
        if member[:4].lower() in NAME_PREFIXES:
            return check_iscsi_name(member, 'member')
        return member

    def resolve(self, state: NodeState, given: tuple[str, ...], plan: Plan) -> set[str]:
        resolved = set()
        for member in given:
            if member[:4].lower() in NAME_PREFIXES:
                resolved.add(member)
                continue
            matches = sorted(target.name for target in state.targets or () if target.alias == member)
            if not matches:
                # a target the same run creates earlier: known here only by its alias (check mode)
                self.missing(plan, 'target group %s: member %r is not an IQN/EUI and no target has that alias; '
                                   'name the target by its IQN or create it first (illumos.comstar.comstar_target)' % (self.name, member))
                resolved.add(member)
                continue
            if len(matches) != 1:
                raise PlanError('target group %s: member %r is not an IQN/EUI and %s; name the target by its IQN'
                                % (self.name, member, 'no target has that alias' if not matches else
                                   'the alias matches %d targets: %s' % (len(matches), ', '.join(matches))))
            resolved.add(matches[0])
        return resolved

    def change(self, state: NodeState, plan: Plan, to_add: list[str], to_remove: list[str]) -> None:
        # The kernel refuses membership changes while the target port is online (reference 2.9):
        # offline each affected online target, change, and restore it even if the change fails.
        affected = sorted(set(to_add) | set(to_remove))
        states = [(name, getattr(state.target(name), 'state', None)) for name in affected]
        membership = super().change
        offline_dance(plan, states, lambda: membership(state, plan, to_add, to_remove))

    def extra_result(self, plan: Plan, applier: Applier | None) -> dict[str, t.Any]:
        ran = [action for action, _result in applier.outputs] if applier is not None and applier.outputs else plan.actions
        return {'offlined': [action.args['name'] for action in ran if action.op == 'offline_target']}


class HostGroupPlanner(_GroupPlanner):
    key = 'host_group'
    subsets = ('host_groups', 'logical_units', 'views')
    kind = 'hg'
    noun = 'host group'
    part = 'host_groups'
    view_field = 'host_group'
    member_noun = 'an initiator'
    needs = ('host_groups',)

    def canonical_member(self, member: str) -> str:
        return check_iscsi_name(member, 'member', wwn=True)
