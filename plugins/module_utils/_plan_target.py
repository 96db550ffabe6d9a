# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: planners for iSCSI targets and initiator contexts (pure: state + params -> plan)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._exposure import chap_lockout
from ansible_collections.illumos.comstar.plugins.module_utils._info import initiator_info, target_info
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import check_iscsi_name, check_length, check_secret
from ansible_collections.illumos.comstar.plugins.module_utils._parsers_system import parse_created_target
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._plan_iscsi import require
from ansible_collections.illumos.comstar.plugins.module_utils._records import Initiator, Target
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

# itadm reads `none` (any case) for an alias or a CHAP user as "remove it" (reference 3.3).
NONE_KEYWORD = 'none'
# `-t default` alone means "no explicit TPG": the default portal group (reference 3.4, 3.5).
DEFAULT_TPG = 'default'
# [assumed] the reference names no limit for a target alias or CHAP user; 255 is the limit of an
# iSCSI text value and of an LU alias (reference 2.4), so longer values are refused up front.
MAX_TEXT = 255


def is_none_keyword(value: str | None) -> bool:
    return value is not None and value.lower() == NONE_KEYWORD


def wanted_text(value: str | None) -> str | None:
    """The value to compare with a listing: `none` stands for "not set"."""
    return None if is_none_keyword(value) else value


def check_text(value: str | None, what: str) -> None:
    if value is None:
        return
    if not value.strip() or value != value.strip() or '\t' in value or '\n' in value:
        raise PlanError('%s %r must be non-empty, without leading/trailing blanks, TABs or newlines '
                        '(write %s: none to remove it)' % (what, value, what))
    check_length(value, MAX_TEXT, what)


def wanted_secret(current_set: bool, secret: str | None, update: str) -> str | None:
    """Send the secret when none is stored, or every time with update_secret=always: itadm shows a
    stored secret only as set/unset (reference 3.3), so a stored value cannot be compared."""
    if secret is None:
        return None
    return secret if (not current_set or update == 'always') else None


class TargetPlanner(Planner):
    key = 'target'
    # defaults: an inherited auth (and alias) lists as the global value (reference 3.7);
    # initiators: whether any initiator could log in to a CHAP target (a warning otherwise)
    subsets = ('tpgs', 'targets', 'defaults', 'initiators')

    def __init__(self, params: dict[str, t.Any]) -> None:
        super().__init__(params)
        self.name: str | None = None                  # canonical, once validated
        self.tpgs: tuple[str, ...] | None = None      # None = leave alone, () = the default portal group

    def secrets(self) -> list[str]:
        return [self.params['chap_secret']] if self.params.get('chap_secret') else []

    def validate(self) -> None:
        params = self.params
        self.name = check_iscsi_name(params['name'], 'name') if params.get('name') else None
        alias = params.get('alias')
        check_text(alias, 'alias')
        check_text(params.get('chap_user'), 'chap_user')
        check_secret(params.get('chap_secret'))
        if self.name is None and (alias is None or is_none_keyword(alias)):
            raise PlanError('a target is identified by name or, when name is omitted, by its alias; alias %r cannot '
                            'identify one: give name or an alias' % alias)
        self.tpgs = self._wanted_tpgs(params.get('tpgs'))

    @staticmethod
    def _wanted_tpgs(tpgs: list[str] | None) -> tuple[str, ...] | None:
        """None = leave the TPG set alone; () = the default portal group."""
        if tpgs is None:
            return None
        names = tuple(sorted(set(tpgs)))
        if names == (DEFAULT_TPG,):
            return ()
        for name in names:
            if name == DEFAULT_TPG:
                raise PlanError("tpgs %r: 'default' means no explicit TPG and cannot be combined with TPG names" % (list(tpgs),))
            # -t takes the names comma-separated (reference 3.4); a TPG name is 1 to 255 characters (reference 3.8)
            if not name or len(name) > 255 or ',' in name or name != name.strip():
                raise PlanError('tpgs: %r is not a TPG name: 1 to 255 characters, no commas or surrounding blanks' % name)
        return names

    # -- finding the target ---------------------------------------------------------------------
    def find(self, state: NodeState) -> Target | None:
        if self.name is not None:
            return state.target(self.name)
        alias = self.params['alias']
        matches = [target for target in state.targets or () if target.alias == alias]
        if len(matches) > 1:
            raise PlanError('alias %r names %d targets (%s): an alias identifies a target only when it is unique; '
                            'give name' % (alias, len(matches), ', '.join(target.name for target in matches)))
        return matches[0] if matches else None

    # -- planning ---------------------------------------------------------------------------------
    def plan(self, state: NodeState) -> Plan:
        require(state, 'tpgs', 'targets')
        current = self.find(state)
        plan = Plan(before=target_info(current) if current else None)
        if self.params['state'] == 'absent':
            if current:
                plan.add('delete_target', name=current.name, force=self._delete_force(current))
            return plan
        self._check_tpgs_exist(state, plan)
        changes = self._changes(current)
        secret = wanted_secret(current.chap_secret_set if current else False, self.params.get('chap_secret'),
                               self.params['update_secret'])
        if current is None:
            if self.name is None and self.params.get('online') is False:
                raise PlanError('online=false for a new target needs name: without it itadm generates the IQN, '
                                'which is known only after the target exists (and it comes up online); '
                                'give name, or create it first and take it offline in a later run')
            plan.add('create_target', secret=secret, name=self.name, **self._create_args(changes))
        elif changes or secret is not None:
            plan.add('modify_target', secret=secret, name=current.name, **changes)
        name = current.name if current else self.name
        online = self.params.get('online')
        state_now = current.state if current else 'online'   # a new target comes up online (reference 3.4)
        if name is not None and online is True and state_now != 'online':
            plan.add('online_target', name=name)
        elif name is not None and online is False and state_now == 'online':
            plan.add('offline_target', name=name)
        plan.after = self._planned(state, current)
        alias = plan.after.get('alias')
        label = '%s (alias %s)' % (name, alias) if name and alias else name or 'with alias %r' % alias
        lockout = chap_lockout(label, state.initiators) if plan.after['auth'] == 'chap' else None
        if lockout:
            plan.warnings.append(lockout)
        return plan

    def _delete_force(self, current: Target) -> bool:
        # An online target is refused without -f (reference 3.6); -f offlines it and drops its sessions.
        if current.state != 'online':
            return False
        if not self.params['force']:
            raise PlanError('target %s is online (%d session(s)): deleting it drops its sessions; '
                            'set force=true to delete it with -f, or take it offline first (online: false)'
                            % (current.name, current.sessions))
        return True

    def _check_tpgs_exist(self, state: NodeState, plan: Plan) -> None:
        known = {tpg.name for tpg in state.tpgs or ()}
        missing = [name for name in self.tpgs or () if name not in known]
        if missing:
            self.missing(plan, 'tpgs: target portal group(s) %s do not exist; each TPG must exist before a target uses it '
                               '(illumos.comstar.comstar_tpg)' % ', '.join(missing))

    def _changes(self, current: Target | None) -> dict[str, t.Any]:
        """modify-target options for what differs (on create: what differs from itadm's defaults)."""
        params = self.params
        changes: dict[str, t.Any] = {}
        alias = params.get('alias')
        if alias is not None and wanted_text(alias) != (current.alias if current else None):
            changes['alias'] = alias
        auth = params.get('auth_method')
        if auth == 'default' and current is not None and not current.auth_inherited:
            changes['auth'] = auth
        elif auth not in (None, 'default') and (current is None or current.auth_inherited or current.auth != auth):
            changes['auth'] = auth
        user = params.get('chap_user')
        if user is not None and wanted_text(user) != (current.chap_user if current else None):
            changes['chap_user'] = user
        if self.tpgs is not None and self.tpgs != (tuple(sorted(tag.name for tag in current.tpgs)) if current else ()):
            changes['tpgs'] = list(self.tpgs)
        return changes

    @staticmethod
    def _create_args(changes: dict[str, t.Any]) -> dict[str, t.Any]:
        # A new target has no alias, user or explicit TPG; `none` has nothing to remove there.
        return {key: value for key, value in changes.items() if not (key in ('alias', 'chap_user') and is_none_keyword(value))}

    def _planned(self, state: NodeState, current: Target | None) -> dict[str, t.Any]:
        """The target as this plan leaves it, in comstar_info's shape (a new TPG's tag is not known yet)."""
        params = self.params
        info = target_info(current) if current else {
            'name': self.name, 'alias': None, 'state': 'online', 'sessions': 0, 'auth': None, 'auth_inherited': True,
            'chap_user': None, 'chap_secret_set': False, 'tpgs': []}
        if current is None:
            info['auth'] = (state.defaults.auth if state.defaults else None) or 'none'
        if params.get('alias') is not None:
            info['alias'] = wanted_text(params['alias'])
        if params.get('auth_method') == 'default':
            info.update(auth=(state.defaults.auth if state.defaults else None) or 'none', auth_inherited=True)
        elif params.get('auth_method') is not None:
            info.update(auth=params['auth_method'], auth_inherited=False)
        if params.get('chap_user') is not None:
            info['chap_user'] = wanted_text(params['chap_user'])
        if params.get('chap_secret') is not None:
            info['chap_secret_set'] = True
        if self.tpgs is not None:
            tags = {tag['name']: tag['tag'] for tag in info['tpgs']}
            info['tpgs'] = [{'name': name, 'tag': tags.get(name)} for name in self.tpgs]
        if params.get('online') is not None:
            info['state'] = 'online' if params['online'] else 'offline'
        return info

    # -- after the change ---------------------------------------------------------------------------
    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        if self.params['state'] == 'absent':
            current = self.find(state)
            return target_info(current) if current else None
        name = self.name or self._created_name(applier)
        found = state.target(name) if name else self.find(state)
        return target_info(found) if found else None

    @staticmethod
    def _created_name(applier: Applier | None) -> str | None:
        """The IQN itadm generated: 'Target NAME successfully created' is the only place it appears (reference 3.4)."""
        for action, result in applier.outputs if applier else ():
            if action.op == 'create_target':
                try:
                    return parse_created_target(result.stdout)
                except ValueError:
                    return None
        return None

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        what = self.name or 'with alias %r' % self.params['alias']
        if self.params['state'] == 'absent':
            return [] if after is None else ['target %s still exists' % what]
        if after is None:
            return ['target %s is not listed' % what]
        planned = self._planned(state, None)
        keys = [key for key, option in (('alias', 'alias'), ('chap_user', 'chap_user'), ('state', 'online'),
                                        ('auth_inherited', 'auth_method')) if self.params.get(option) is not None]
        if self.params.get('auth_method') not in (None, 'default'):
            keys.append('auth')
        if self.params.get('chap_secret') is not None:
            keys.append('chap_secret_set')
        problems = ['%s is %r, not %r' % (key, after.get(key), planned[key]) for key in keys if after.get(key) != planned[key]]
        if self.tpgs is not None and sorted(tag['name'] for tag in after.get('tpgs', ())) != list(self.tpgs):
            problems.append('tpgs are %s, not %s' % ([tag['name'] for tag in after.get('tpgs', ())], list(self.tpgs)))
        return ['target %s: %s' % (after.get('name'), problem) for problem in problems]


class InitiatorPlanner(Planner):
    key = 'initiator'
    subsets = ('initiators',)

    def __init__(self, params: dict[str, t.Any]) -> None:
        super().__init__(params)
        self.name = ''                                # canonical, once validated

    def secrets(self) -> list[str]:
        return [self.params['chap_secret']] if self.params.get('chap_secret') else []

    def validate(self) -> None:
        self.name = check_iscsi_name(self.params['name'], 'name')
        check_text(self.params.get('chap_user'), 'chap_user')
        check_secret(self.params.get('chap_secret'))

    def find(self, state: NodeState) -> Initiator | None:
        return next((item for item in state.initiators or () if item.name == self.name), None)

    def plan(self, state: NodeState) -> Plan:
        require(state, 'initiators')
        current = self.find(state)
        plan = Plan(before=initiator_info(current) if current else None)
        if self.params['state'] == 'absent':
            if current:
                plan.add('delete_initiator', name=self.name)
            return plan
        user = self.params.get('chap_user')
        secret = wanted_secret(current.chap_secret_set if current else False, self.params.get('chap_secret'),
                               self.params['update_secret'])
        if current is None:
            plan.add('create_initiator', secret=secret, name=self.name,
                     **({'chap_user': user} if user is not None and not is_none_keyword(user) else {}))
        else:
            changes = {'chap_user': user} if user is not None and wanted_text(user) != current.chap_user else {}
            if changes or secret is not None:
                plan.add('modify_initiator', secret=secret, name=self.name, **changes)
        plan.after = self._planned(current)
        return plan

    def _planned(self, current: Initiator | None) -> dict[str, t.Any]:
        info = initiator_info(current) if current else {'name': self.name, 'chap_user': None, 'chap_secret_set': False}
        if self.params.get('chap_user') is not None:
            info['chap_user'] = wanted_text(self.params['chap_user'])
        if self.params.get('chap_secret') is not None:
            info['chap_secret_set'] = True
        return info

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        current = self.find(state)
        return initiator_info(current) if current else None

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        if self.params['state'] == 'absent':
            return [] if after is None else ['initiator %s still exists' % self.name]
        if after is None:
            return ['initiator %s is not listed' % self.name]
        planned = self._planned(None)
        keys = [key for key, option in (('chap_user', 'chap_user'), ('chap_secret_set', 'chap_secret'))
                if self.params.get(option) is not None]
        return ['initiator %s: %s is %r, not %r' % (self.name, key, after.get(key), planned[key])
                for key in keys if after.get(key) != planned[key]]
