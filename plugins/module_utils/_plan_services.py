# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the SMF services planner (pure: state + params -> plan)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._state import SERVICE_DIAGNOSTICS, SERVICES, NodeState

# `svcadm enable -s` waits for online or degraded (reference 5): both count as running.
RUNNING = ('online', 'degraded')
PACKAGES = {'stmf': 'storage/stmf', 'iscsi_target': 'network/iscsi/target'}
# STMF first: the iSCSI target service depends on it (reference 1, 5); stopping goes the other way.
START_ORDER = ('stmf', 'iscsi_target')


class ServicesPlanner(Planner):
    """svc:/system/stmf:default and svc:/network/iscsi/target:default, enabled (started) or disabled (stopped)."""

    key = 'services'
    subsets = ('services', SERVICE_DIAGNOSTICS)

    def __init__(self, params: dict[str, t.Any]) -> None:
        super().__init__(params)
        self.timeout = params.get('timeout')

    def validate(self) -> None:
        if self.timeout is not None and self.timeout < 1:
            raise PlanError('timeout %r: it must be at least 1 second' % self.timeout)

    def plan(self, state: NodeState) -> Plan:
        services = dict(state.services or {})
        plan = Plan(before=dict(services))
        started = self.params['state'] == 'started'
        order = START_ORDER if started else tuple(reversed(START_ORDER))
        missing = [key for key in order if services.get(key) is None]
        if missing and started:
            raise PlanError('svcs does not know %s: install the package(s) %s first'
                            % (', '.join(SERVICES[key] for key in missing), ', '.join(PACKAGES[key] for key in missing)))
        stuck = [key for key in START_ORDER if services.get(key) == 'maintenance']
        if stuck and not self.params['clear_maintenance']:
            raise PlanError(self._maintenance(state, stuck))
        after = dict(services)
        for key in order:
            fmri, current = SERVICES[key], services.get(key)
            if current is None:
                continue
            if current == 'maintenance':
                # `svcadm clear` only marks the fault repaired; the wait follows with enable/disable -s.
                plan.add('clear_service', fmri=fmri)
            if started and (current not in RUNNING or current == 'maintenance'):
                plan.add('enable_service', fmri=fmri)
                after[key] = 'online'
            elif not started and current != 'disabled':
                plan.add('disable_service', fmri=fmri)
                after[key] = 'disabled'
        plan.after = after
        return plan

    def _maintenance(self, state: NodeState, stuck: list[str]) -> str:
        explained = '\n'.join((state.service_diagnostics or {}).get(key) or '(svcs -x printed nothing)' for key in stuck)
        return ('%s in maintenance: fix the cause, then run again with clear_maintenance=true (svcadm clear). '
                'svcs -x says:\n%s' % (' and '.join(SERVICES[key] for key in stuck) + (' is' if len(stuck) == 1 else ' are'),
                                       explained))

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        return dict(state.services or {})

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        after = after or {}
        wanted = RUNNING if self.params['state'] == 'started' else ('disabled',)
        problems = []
        for key in START_ORDER:
            if after.get(key) is not None and after.get(key) not in wanted:
                text = (state.service_diagnostics or {}).get(key)
                why = '; svcs -x says:\n' + text if text else ''
                problems.append('%s is %s, not %s%s' % (SERVICES[key], after.get(key), wanted[0], why))
        return problems
