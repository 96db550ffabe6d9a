# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the one path every object module takes - read, plan, apply, re-read."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._backends import STMFHA_DEFAULT, NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._lock import LOCK_ARGS, LOCK_TIMEOUT, LockError, lock_path, node_lock
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._records import LogicalUnit
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState, StateReader

if t.TYPE_CHECKING:
    from ansible.module_utils.basic import AnsibleModule

BACKEND_ARGS: dict[str, dict[str, t.Any]] = {
    'backend': {'type': 'str', 'choices': ['native', 'rsf1'], 'default': 'native'},
    'stmfha_path': {'type': 'path', 'default': STMFHA_DEFAULT},
    **LOCK_ARGS,
}


class Planner:
    """What a module knows about its object. Subclasses are pure: state + params in, plan out."""

    key = ''                                  # the return key: tpg, target, ...
    subsets: tuple[str, ...] = ()             # what StateReader must read
    pools: tuple[str, ...] | None = None      # pools whose zvols must be read (LU modules)
    timeout: int | None = None                # seconds each command may take (None: the runner's default)

    def __init__(self, params: dict[str, t.Any]) -> None:
        self.params = params
        self.check_mode = False               # set by run_planner: a missing reference is then a warning

    def missing(self, plan: Plan, message: str) -> None:
        """An object this one refers to does not exist: a refusal; in check mode a warning, and
        the change is planned as if it existed (an earlier task of the same run may create it)."""
        if not self.check_mode:
            raise PlanError(message)
        plan.warnings.append('check mode: %s; planned as if it existed - it must exist before this change can run' % message)

    def views_of(self, lu: LogicalUnit) -> bool:
        """Whether the views of this LU must be read (one list-view each): all by default."""
        return True

    def secrets(self) -> list[str]:
        """Values to mask everywhere, registered before anything runs."""
        return []

    def validate(self) -> None:
        """Check the input alone; raise PlanError naming the bad value and the rule."""

    def plan(self, state: NodeState) -> Plan:
        raise NotImplementedError

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        """The object as it stands in `state` (after apply, `applier` holds what the commands printed)."""
        raise NotImplementedError

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        """After apply: what still differs from the request (e.g. a portal itadm silently dropped)."""
        return []

    def extra_result(self, plan: Plan, applier: Applier | None) -> dict[str, t.Any]:
        """Module-specific keys merged into the result (e.g. the targets a run took offline)."""
        return {}


def backend_for(runner: Runner, params: dict[str, t.Any]) -> t.Any:
    if params.get('backend') != 'rsf1':
        return NativeBackend()
    path = params.get('stmfha_path') or STMFHA_DEFAULT
    found = runner.find(path) or runner.find('stmfha')
    if found is None:
        raise PlanError('backend=rsf1 needs stmfha: %s does not exist and stmfha is not on PATH' % path)
    return Rsf1Backend(found)


def run_planner(module: AnsibleModule, planner: Planner) -> None:
    """Validate; then, holding the node's lock, read once, plan, apply (not in check mode) and
    re-read to confirm; exit or fail the module."""
    runner = Runner(module, timeout=planner.timeout) if planner.timeout else Runner(module)
    for secret in planner.secrets():
        runner.add_secret(secret)
    planner.check_mode = module.check_mode
    applier: Applier | None = None
    plan = Plan()
    try:
        planner.validate()
        backend = backend_for(runner, module.params)
        with node_lock(lock_path(module.params), module.params.get('lock_timeout', LOCK_TIMEOUT)):
            reader = StateReader(runner)
            state = reader.read(planner.subsets, pools=planner.pools, views_of=planner.views_of)
            plan = planner.plan(state)
            applier = Applier(runner, backend)
            commands = [applier.render(action) for action in plan.actions]
            after = plan.after
            if plan.changed and not module.check_mode:
                applier.apply(plan.actions)
                commands = applier.ran
                state = reader.read(planner.subsets, pools=planner.pools, views_of=planner.views_of)
                after = planner.current(state, applier)
                problems = planner.verify(state, after)
                if problems:
                    raise PlanError('the change ran but the node does not show the requested state: ' + '; '.join(problems))
    except (PlanError, LockError) as exc:
        fail(module, applier, runner.mask_text(str(exc)))
    except CommandError as exc:
        fail(module, applier, exc.message, **exc.to_dict())
    for warning in plan.warnings + _warnings(applier):
        module.warn(warning)
    result: dict[str, t.Any] = {'changed': plan.changed, 'commands': commands, planner.key: after}
    result.update(planner.extra_result(plan, applier))
    if module._diff:  # pylint: disable=protected-access
        result['diff'] = {'before': plan.before or {}, 'after': after or {}}
    module.exit_json(**result)


def fail(module: AnsibleModule, applier: Applier | None, msg: str, **extra: t.Any) -> t.NoReturn:
    """Fail with what ran so far, after the warnings the apply collected on its way."""
    for warning in _warnings(applier):
        module.warn(warning)
    module.fail_json(msg=msg, commands=applier.ran if applier else [], **extra)


def _warnings(applier: Applier | None) -> list[str]:
    """What the apply noticed and got over (a restore step that needed its second try)."""
    return list(applier.warnings) if applier is not None else []
