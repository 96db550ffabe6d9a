# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: run a plan's actions in order, restoring what must be restored on failure."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._backends import SECRET_FILE, STMFHA_NODE_ERROR, Command
from ansible_collections.illumos.comstar.plugins.module_utils._parsers_system import split_stmfha_sections
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Result, Runner

# import-lu on a zvol that never held an LU (rsf1-and-pools 5): the one failure after which create-lu
# runs instead. An import_lu action with args or_create=True is followed by a create_lu with fallback=True.
META_FILE_ERROR = 'stmfadm: meta file error'


class Applier:
    """Runs commands for actions; keeps what each printed (a created IQN or GUID is parsed from it)."""

    def __init__(self, runner: Runner, backend: t.Any) -> None:
        self.runner = runner
        self.backend = backend
        self.outputs: list[tuple[Action, Result]] = []
        self.ran: list[list[str]] = []
        self.warnings: list[str] = []

    def render(self, action: Action) -> list[str]:
        """The argv shown to the user: secrets masked, the secret file as a placeholder."""
        return self.runner.mask_argv(self.backend.command(action).argv)

    def apply(self, actions: t.Sequence[Action]) -> None:
        done: set[str] = set()
        undos: list[Action] = []
        failure: CommandError | None = None
        fallback = False
        for action in actions:
            if action.args.get('fallback'):
                # the create-lu alternative of an import-lu: only when that import found no LU metadata
                if not fallback:
                    continue
                fallback = False
            if failure is not None and not (action.restores and action.restores in done):
                continue
            try:
                self.outputs.append((action, self._run_with_retry(action)))
            except CommandError as exc:
                if failure is None and action.args.get('or_create') and META_FILE_ERROR in exc.stdout + exc.stderr:
                    fallback = True
                    continue
                if action.token and self.backend.command(action).stmfha:
                    # stmfha may have made the change on some nodes before one failed: restore everywhere.
                    done.add(action.token)
                if action.restores:
                    exc.message += ('; this step was to undo an earlier one (%s), which therefore stays in effect: '
                                    'run the command again by hand' % action.restores.replace(':', ' ', 1))
                if failure is None:
                    failure = exc
                    self._roll_back(undos, failure)
                else:
                    failure.message += '; restoring afterwards also failed: %s' % exc.message
                continue
            if action.token:
                done.add(action.token)
            if action.undo is not None and failure is None:
                undos.append(action.undo)
        if failure is not None:
            self._note_zvol_changes(failure)
            raise failure

    def _note_zvol_changes(self, failure: CommandError) -> None:
        """A zvol created or grown before the failure stays: say so, so nobody looks for it to be undone."""
        made = [' '.join(self.render(action)) for action, _result in self.outputs if action.op in ('create_zvol', 'set_volsize')]
        if made:
            failure.message += '; already done before this failure (kept; a re-run continues from there): %s' % '; '.join(made)

    def _roll_back(self, undos: list[Action], failure: CommandError) -> None:
        """Put back, newest first, what the steps before the failure changed and nothing else restores."""
        for undo in reversed(undos):
            try:
                self.outputs.append((undo, self._run_with_retry(undo)))
            except CommandError as exc:
                failure.message += '; putting back the earlier state also failed: %s' % exc.message
                return
        if undos:
            failure.message += '; the earlier state was put back (%s)' % '; '.join(' '.join(self.render(undo)) for undo in reversed(undos))

    def _run_with_retry(self, action: Action) -> Result:
        """A restore step (e.g. bringing a target back online) gets a second try: giving up leaves the node worse off."""
        try:
            return self.run(action)
        except CommandError as exc:
            if not action.restores:
                raise
            first = exc
        result = self.run(action)
        self.warnings.append('%s; it was retried once and the retry succeeded' % first.message)
        return result

    def run(self, action: Action) -> Result:
        command: Command = self.backend.command(action)
        if command.secret is not None:
            self.runner.add_secret(command.secret)
        if command.secret is not None and SECRET_FILE in command.argv:
            with self.runner.secret_file(command.secret) as path:
                argv = [path if arg == SECRET_FILE else arg for arg in command.argv]
                shown = self.render(action)
                return self._checked(argv, shown, command)
        return self._checked(command.argv, self.render(action), command)

    def _checked(self, argv: list[str], shown: list[str], command: Command) -> Result:
        self.ran.append(shown)
        try:
            result = self.runner.run(argv, check=not command.stmfha, shown=shown)
        except CommandError as exc:
            exc.message = 'command failed (rc=%s): %s: %s' % (exc.rc, ' '.join(shown), exc.stderr.strip() or exc.stdout.strip())
            raise
        if command.stmfha:
            failed = sorted(node for node, body in split_stmfha_sections(result.stdout + result.stderr).items()
                            if STMFHA_NODE_ERROR.search(body))
            if failed or result.rc != 0:
                where = ', '.join(failed) if failed else 'no node section names the error'
                message = 'stmfha failed on %s (rc=%s): %s: %s' % (where, result.rc, ' '.join(shown), (result.stdout + result.stderr).strip())
                raise CommandError(shown, result.rc, result.stdout, result.stderr, message)
        return result
