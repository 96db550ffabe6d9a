# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: planners for the iSCSI-side objects (pure: state + params -> plan)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._info import tpg_info
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import canonical_portals
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

ITADM_REFUSED = ('itadm refused to run because svc:/network/iscsi/target:default is not online; '
                 'enable it first (illumos.comstar.comstar_services)')


def require(state: NodeState, *parts: str) -> None:
    """The parts a planner needs were read (itadm refuses everything while its service is down;
    a node without the packages has neither itadm nor stmfadm): the reader's warnings say why not."""
    if any(getattr(state, part) is None for part in parts):
        raise PlanError('; '.join(state.warnings) + '; enable the services first (illumos.comstar.comstar_services)'
                        if state.warnings else ITADM_REFUSED)


class TpgPlanner(Planner):
    key = 'tpg'
    subsets = ('tpgs', 'targets')

    def validate(self) -> None:
        name = self.params['name']
        if not name or len(name) > 255:
            raise PlanError('name %r: a target portal group name must be 1 to 255 characters' % name)
        if self.params['state'] == 'present':
            self.portals = canonical_portals(self.params['portals'] or ())
            if not self.portals:
                raise PlanError('portals must list at least one ip[:port] for state=present')

    def plan(self, state: NodeState) -> Plan:
        require(state, 'tpgs', 'targets')
        name = self.params['name']
        current = state.tpg(name)
        users = {target.name: sorted(tag.name for tag in target.tpgs) for target in state.targets or ()
                 if any(tag.name == name for tag in target.tpgs)}
        plan = Plan(before=tpg_info(current) if current else None)
        if self.params['state'] == 'absent':
            if current:
                self._refuse_unforced(sorted(users), 'deleting')
                plan.add('delete_tpg', name=name, force=bool(users))
            return plan
        plan.after = {'name': name, 'portals': list(self.portals)}
        if current and tuple(sorted(current.portals)) == self.portals:
            return plan
        owners = {portal: tpg.name for tpg in state.tpgs or () if tpg.name != name for portal in tpg.portals}
        taken = ['%s (owned by %s)' % (portal, owners[portal]) for portal in self.portals if portal in owners]
        if taken:
            raise PlanError('TPG %s: portal %s already belongs to another target portal group; '
                            'a portal can be in one TPG only' % (name, ', '.join(taken)))
        if current:
            # itadm has no modify-tpg: delete (-f when targets use it), recreate, re-attach (reference 3.8).
            # -f strips the tag from the targets, so a failure on the way puts the old TPG back and
            # the re-attach steps run whatever happens: the targets never stay detached.
            self._refuse_unforced(sorted(users), 'changing the portals of')
            plan.add('delete_tpg', name=name, force=bool(users), token='detached:' + name,
                     undo=Action('create_tpg', {'name': name, 'portals': sorted(current.portals)}))
        plan.add('create_tpg', name=name, portals=list(self.portals), undo=Action('delete_tpg', {'name': name, 'force': True}))
        for target, tags in sorted(users.items()):
            plan.add('modify_target', name=target, tpgs=tags, restores='detached:' + name)
        return plan

    def _refuse_unforced(self, users: list[str], doing: str) -> None:
        if users and not self.params['force']:
            raise PlanError('TPG %s is used by target(s) %s: %s it deletes it with -f and drops their sessions; '
                            'set force=true to do it' % (self.params['name'], ', '.join(users), doing))

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        current = state.tpg(self.params['name'])
        return tpg_info(current) if current else None

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        if self.params['state'] == 'absent':
            return [] if after is None else ['TPG %s still exists' % self.params['name']]
        # itadm create-tpg drops a portal that another TPG owns and still exits 0 (reference 3.8).
        missing = sorted(set(self.portals) - set((after or {}).get('portals', ())))
        return ['TPG %s lacks portal(s) %s (itadm dropped them)' % (self.params['name'], ', '.join(missing))] if missing else []
