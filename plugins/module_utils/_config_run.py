# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: comstar_config's one path - validate, read once, plan, apply, re-read."""

from __future__ import annotations

import copy
import dataclasses
import shlex
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._backends import STMFHA_DEFAULT, NativeBackend, Rsf1Backend
from ansible_collections.illumos.comstar.plugins.module_utils._config import LIST_SECTIONS, SECTIONS, ConfigEngine, Fold
from ansible_collections.illumos.comstar.plugins.module_utils._gather import gather
from ansible_collections.illumos.comstar.plugins.module_utils._lock import LOCK_TIMEOUT, LockError, lock_path, node_lock
from ansible_collections.illumos.comstar.plugins.module_utils._module import backend_for, fail
from ansible_collections.illumos.comstar.plugins.module_utils._parsers_system import parse_created_lu, parse_created_target
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._project import lu_stand_in, target_stand_in
from ansible_collections.illumos.comstar.plugins.module_utils._records import Defaults, LogicalUnit
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Result, Runner
from ansible_collections.illumos.comstar.plugins.module_utils._state import SUBSETS, NodeState, StateReader

if t.TYPE_CHECKING:
    from ansible.module_utils.basic import AnsibleModule

# The arguments that may name an object the run creates before its IQN or GUID is known.
STAND_IN_ARGS = {'online_target': ('name',), 'offline_target': ('name',), 'modify_target': ('name',),
                 'delete_target': ('name',), 'add_tg_member': ('member',), 'remove_tg_member': ('member',),
                 'modify_lu': ('guid',), 'delete_lu': ('guid',), 'add_view': ('guid',), 'remove_view': ('guid',)}


# What each operation changes, as StateReader parts: after the apply only those are read again.
TOUCHES = {'create_tpg': ('tpgs', 'targets'), 'delete_tpg': ('tpgs', 'targets'),
           'create_target': ('targets',), 'modify_target': ('targets',), 'delete_target': ('targets', 'target_groups'),
           'online_target': ('targets',), 'offline_target': ('targets',),
           'create_initiator': ('initiators',), 'modify_initiator': ('initiators',), 'delete_initiator': ('initiators',),
           'modify_defaults': ('defaults',),
           'create_tg': ('target_groups',), 'delete_tg': ('target_groups',), 'add_tg_member': ('target_groups',),
           'remove_tg_member': ('target_groups',), 'create_hg': ('host_groups',), 'delete_hg': ('host_groups',),
           'add_hg_member': ('host_groups',), 'remove_hg_member': ('host_groups',),
           'create_zvol': ('zvols', 'zvol_properties'), 'set_volsize': ('zvols', 'logical_units'),
           'set_zvol_property': ('zvol_properties',), 'destroy_zvol': ('zvols', 'zvol_properties'),
           'create_lu': ('logical_units', 'views'), 'import_lu': ('logical_units', 'views'),
           'modify_lu': ('logical_units',), 'delete_lu': ('logical_units', 'views'),
           'add_view': ('logical_units', 'views'), 'remove_view': ('logical_units', 'views')}
UNREAD_PARTS = ('services', 'tpgs', 'targets', 'initiators', 'defaults', 'target_groups', 'host_groups', 'logical_units',
                'views', 'zvols', 'zvol_properties', 'pools', 'rsf1_services')


class ConfigApplier(Applier):
    """An Applier that learns the IQN itadm generates and the GUID stmfadm generates, and puts them
    in place of the stand-ins (alias, zvol) that the plan used for those objects."""

    def __init__(self, runner: Runner, backend: t.Any) -> None:
        super().__init__(runner, backend)
        self.symbols: dict[str, str] = {}

    def resolved(self, action: Action) -> Action:
        changes = {key: self.symbols[action.args[key]] for key in STAND_IN_ARGS.get(action.op, ())
                   if isinstance(action.args.get(key), str) and action.args[key] in self.symbols}
        return dataclasses.replace(action, args=dict(action.args, **changes)) if changes else action

    def render(self, action: Action) -> list[str]:
        return super().render(self.resolved(action))

    def run(self, action: Action) -> Result:
        real = self.resolved(action)
        result = super().run(real)
        self._learn(real, result)
        return result

    def _learn(self, action: Action, result: Result) -> None:
        try:
            if action.op == 'create_target' and not action.args.get('name'):
                self.symbols[target_stand_in(action.args.get('alias') or '')] = parse_created_target(result.stdout)
            elif action.op in ('create_lu', 'import_lu'):
                self.symbols[lu_stand_in(action.args['data_file'])] = parse_created_lu(result.stdout)
        except ValueError as exc:
            shown = self.render(action)
            raise CommandError(shown, result.rc, result.stdout, result.stderr,
                               '%s succeeded but printed no name for what it created (%s); the steps that need it '
                               'were not run' % (' '.join(shown), exc)) from None


def empty_state(pools: t.Iterable[str]) -> NodeState:
    """A node with nothing configured, its services online and `pools` imported (rendered)."""
    return NodeState(services={'stmf': 'online', 'iscsi_target': 'online'}, tpgs=(), targets=(), initiators=(),
                     defaults=Defaults(None, None, None, False, False, ()), target_groups=(), host_groups=(),
                     logical_units=(), views={}, zvols=(), zvol_properties={}, pools=tuple(pools))


def _quoted(argv: t.Sequence[str]) -> str:
    return ' '.join(shlex.quote(arg) for arg in argv)


def _verify_params(params: dict[str, t.Any]) -> dict[str, t.Any]:
    """The run's input for the confirming re-plan: a secret is sent once, so it is never "still to send"."""
    again = copy.deepcopy(params)
    config = again.get('config') or {}
    for section in LIST_SECTIONS:
        for item in config.get(section) or ():
            item['update_secret'] = 'on_create'
    if config.get('defaults'):
        config['defaults']['update_secret'] = 'on_create'
    return again


def with_projected_views(state: NodeState, projected: NodeState) -> NodeState:
    """The re-read, its LUs' views taken from the plan where list-lu shows the planned number of entries."""
    views = dict(state.views or {})
    for lu in state.logical_units or ():
        if lu.guid in views:
            continue
        planned = projected.lu_by_data_file(lu.data_file or '')
        if planned is not None:
            views[lu.guid] = (projected.views or {}).get(planned.guid, ())
    return dataclasses.replace(state, views=views)


class ConfigRun:
    """One module run of comstar_config."""

    def __init__(self, module: AnsibleModule, engine: ConfigEngine) -> None:
        self.module = module
        self.engine = engine
        self.runner = Runner(module)
        self.applier: ConfigApplier | None = None

    def main(self) -> None:
        for secret in self.engine.secrets():
            self.runner.add_secret(secret)
        try:
            self.engine.validate()
            if self.engine.mode == 'rendered':
                self._rendered()
            elif self.engine.mode == 'gathered':
                self._gathered()
            else:
                self._changing()
        except (PlanError, LockError) as exc:
            fail(self.module, self.applier, self.runner.mask_text(str(exc)))
        except CommandError as exc:
            fail(self.module, self.applier, exc.message, **exc.to_dict())

    # -- the two states that change nothing ----------------------------------------------------
    def _rendered(self) -> None:
        params = self.module.params
        backend = Rsf1Backend(params.get('stmfha_path') or STMFHA_DEFAULT) if params['backend'] == 'rsf1' else NativeBackend()
        fold = self.engine.plan(empty_state(self.engine.pools or ()), check_mode=True)
        applier = Applier(self.runner, backend)
        rendered = [_quoted(applier.render(action)) for action in fold.actions]
        for warning in fold.warnings:
            self.module.warn(warning)
        self.module.exit_json(changed=False, rendered=rendered, commands=[])

    def _gathered(self) -> None:
        sections = self.engine.managed or list(SECTIONS)
        state = StateReader(self.runner).read(self._subsets(sections), pools=self.engine.pools)
        for warning in state.warnings:
            self.module.warn(warning)
        pools = self.engine.pools if self.module.params.get('pools') is not None else None
        self.module.exit_json(changed=False, gathered=gather(state, sections, pools), commands=[])

    def _subsets(self, sections: t.Iterable[str]) -> tuple[str, ...]:
        parts = {'tpgs': ('tpgs',), 'initiators': ('initiators',), 'targets': ('targets',), 'host_groups': ('host_groups',),
                 'target_groups': ('target_groups',),
                 'logical_units': ('logical_units', 'views', 'zvols', 'zvol_properties', 'cluster'),
                 'defaults': ('defaults',)}
        return tuple(sorted({part for section in sections for part in parts[section]
                             if part in SUBSETS or part in ('zvols', 'zvol_properties')}))

    # -- merged, replaced, overridden, deleted ---------------------------------------------------
    def _changing(self) -> None:
        module, engine = self.module, self.engine
        backend = backend_for(self.runner, module.params)
        subsets = engine.subsets()
        with node_lock(lock_path(module.params), module.params.get('lock_timeout', LOCK_TIMEOUT)):
            reader = StateReader(self.runner)
            state = reader.read(subsets, pools=engine.pools, views_of=engine.views_of)
            fold = engine.plan(state, module.check_mode)
            self.applier = ConfigApplier(self.runner, backend)
            commands = [self.applier.render(action) for action in fold.actions]
            before = gather(state, engine.managed, engine.pools)
            after = gather(fold.state, engine.managed, engine.pools)
            warnings = list(state.warnings) + fold.warnings
            if fold.actions and not module.check_mode:
                self.applier.apply(fold.actions)
                commands = self.applier.ran
                again = self._reread(reader, subsets, fold)
                after = gather(again, engine.managed, engine.pools)
                warnings += self._confirm(again)
        for warning in warnings + list(self.applier.warnings):
            module.warn(warning)
        result: dict[str, t.Any] = {'changed': bool(fold.actions), 'commands': commands, 'before': before, 'after': after}
        if module._diff:  # pylint: disable=protected-access
            result['diff'] = {'before': before, 'after': after}
        module.exit_json(**result)

    def _reread(self, reader: StateReader, subsets: tuple[str, ...], fold: Fold) -> NodeState:
        """The list commands of the parts the plan changed (the others are as read); list-view only for
        an LU whose entry count is not what the plan made."""
        projected = fold.state
        touched = {part for action in fold.actions for part in TOUCHES.get(action.op, ())}

        def changed_views(lu: LogicalUnit) -> bool:
            planned = projected.lu_by_data_file(lu.data_file or '')
            return planned is None or planned.view_entry_count != lu.view_entry_count

        again = reader.read([part for part in subsets if part in touched], pools=self.engine.pools, views_of=changed_views)
        kept = {part: getattr(projected, part) for part in UNREAD_PARTS if getattr(again, part) is None}
        again = dataclasses.replace(again, **kept)
        return with_projected_views(again, projected)

    def _confirm(self, state: NodeState) -> list[str]:
        """Plan the same input over the re-read: anything still to do means the node did not take the change.
        An LU imported with the properties stored on its zvol is the one expected exception (a warning)."""
        engine = ConfigEngine(_verify_params(self.module.params), node=self.engine.node)
        engine.validate()
        left = engine.plan(state, check_mode=False).actions
        imported = {action.args['data_file'] for action, _result in self.applier.outputs
                    if action.op == 'import_lu'} if self.applier else set()
        warnings, problems = [], []
        for action in left:
            shown = ' '.join(self.applier.render(action)) if self.applier else action.op
            lu = state.lu(action.args.get('guid') or '')
            if action.op == 'modify_lu' and lu is not None and lu.data_file in imported:
                warnings.append('logical unit %s was imported with its stored properties; still to do: %s - run again'
                                % (lu.guid, shown))
            else:
                problems.append(shown)
        if problems:
            raise PlanError('the changes ran but the node does not show the requested state; still to do: '
                            + '; '.join(problems))
        return warnings
