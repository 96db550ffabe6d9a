# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the planner for the global iSCSI target defaults (itadm modify-defaults)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._info import defaults_info
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import check_secret
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import require
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import wanted_secret, wanted_text
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

# -I takes at most eight servers (reference 3.10)
MAX_ISNS_SERVERS = 8


class DefaultsPlanner(Planner):
    key = 'defaults'
    subsets = ('defaults',)

    def secrets(self) -> list[str]:
        return [self.params['radius_secret']] if self.params.get('radius_secret') else []

    def validate(self) -> None:
        check_secret(self.params.get('radius_secret'))
        servers = self.params.get('isns_servers')
        if servers is not None and len(servers) > MAX_ISNS_SERVERS:
            raise PlanError('isns_servers lists %d servers: itadm takes at most %d' % (len(servers), MAX_ISNS_SERVERS))
        if any(not server or ',' in server or server != server.strip() for server in servers or ()):
            raise PlanError('isns_servers %r: each is one ip[:port], without commas or surrounding blanks' % (servers,))

    def plan(self, state: NodeState) -> Plan:
        require(state, 'defaults')
        current = state.defaults
        if current is None:
            raise PlanError('the iSCSI target defaults could not be read (itadm list-defaults)')
        params = self.params
        plan = Plan(before=defaults_info(current))
        args: dict[str, t.Any] = {}
        # list-defaults shows an unset auth as <none>, which means none (reference 3.10)
        if params.get('auth_method') is not None and params['auth_method'] != (current.auth or 'none'):
            args['auth'] = params['auth_method']
        server = params.get('radius_server')
        if server is not None and wanted_text(server) != current.radius_server:
            args['radius_server'] = server
        secret = wanted_secret(current.radius_secret_set, params.get('radius_secret'), params['update_secret'])
        if params.get('isns') is not None and params['isns'] != current.isns:
            args['isns'] = params['isns']
        servers = params.get('isns_servers')
        if servers is not None and sorted(servers) != sorted(current.isns_servers):
            args['isns_servers'] = sorted(servers)
        if args or secret is not None:
            plan.add('modify_defaults', secret=secret, **args)
        after = dict(plan.before)
        after.update({key: value for key, value in (('auth', args.get('auth')), ('isns', args.get('isns'))) if value is not None})
        if 'radius_server' in args:
            after['radius_server'] = wanted_text(server)
        if 'isns_servers' in args:
            after['isns_servers'] = args['isns_servers']
        if secret is not None:
            after['radius_secret_set'] = True
        plan.after = after
        return plan

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        return defaults_info(state.defaults) if state.defaults else None
