# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the planner's vocabulary - actions, plans and refusals."""

from __future__ import annotations

import dataclasses
import typing as t

# Operations the backends know how to spell. Pool-bound ones act only where the LU's pool is
# imported (stmfha routes them there); zvol ones always use plain zfs (stmfha has no ZFS verbs).
ISCSI_OPS = ('create_tpg', 'delete_tpg', 'create_target', 'modify_target', 'delete_target',
             'create_initiator', 'modify_initiator', 'delete_initiator', 'modify_defaults')
STMF_OPS = ('online_target', 'offline_target', 'create_tg', 'delete_tg', 'add_tg_member', 'remove_tg_member',
            'create_hg', 'delete_hg', 'add_hg_member', 'remove_hg_member')
POOL_OPS = ('create_lu', 'import_lu', 'modify_lu', 'delete_lu', 'add_view', 'remove_view')
ZVOL_OPS = ('create_zvol', 'set_volsize', 'set_zvol_property', 'destroy_zvol')
SERVICE_OPS = ('enable_service', 'clear_service', 'disable_service')
OPS = ISCSI_OPS + STMF_OPS + POOL_OPS + ZVOL_OPS + SERVICE_OPS


class PlanError(Exception):
    """Desired state that cannot or must not be reached; raised before anything changes."""


@dataclasses.dataclass(frozen=True)
class Action:
    """One change. `token`/`restores` pair a state change with the step that undoes it: a step
    with `restores=X` runs even after a failure, provided the step with `token=X` succeeded.
    `undo` is run only when a later step fails (in reverse order of the steps that succeeded),
    for a change no later step puts back by itself (e.g. a TPG deleted to be recreated)."""

    op: str
    args: dict[str, t.Any] = dataclasses.field(default_factory=dict)
    secret: str | None = dataclasses.field(default=None, repr=False, compare=False)
    token: str | None = None
    restores: str | None = None
    undo: Action | None = dataclasses.field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError('unknown action %r' % self.op)


@dataclasses.dataclass
class Plan:
    """What one module run would do: the actions in order, and the object before and after."""

    actions: list[Action] = dataclasses.field(default_factory=list)
    before: dict[str, t.Any] | None = None
    after: dict[str, t.Any] | None = None
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.actions)

    def add(self, op: str, secret: str | None = None, token: str | None = None, restores: str | None = None,
            undo: Action | None = None, **args: t.Any) -> None:
        self.actions.append(Action(op, args, secret=secret, token=token, restores=restores, undo=undo))


def offline_dance(plan: Plan, targets: t.Iterable[tuple[str, str | None]], change: t.Callable[[], None]) -> None:
    """Offline each online target, make the change, and bring back each one offlined.

    stmfadm refuses target-group membership changes while the target port is online
    (reference 2.9); the restore steps run even when the change fails.
    """
    online = [name for name, state in targets if state == 'online']
    for name in online:
        plan.add('offline_target', token='offline:' + name, name=name)
    change()
    for name in online:
        plan.add('online_target', restores='offline:' + name, name=name)
