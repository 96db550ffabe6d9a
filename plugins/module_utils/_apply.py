# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: run a plan's actions in order, restoring what must be restored on failure."""

from __future__ import annotations

import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._backends import SECRET_FILE, Command
from ansible_collections.illumos.comstar.plugins.module_utils._parsers import split_stmfha_sections
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Action
from ansible_collections.illumos.comstar.plugins.module_utils._runner import CommandError, Result, Runner

# [assumed] (rsf1-and-pools 1): a failing node's section carries the underlying tool's message.
# These are the shapes stmfadm, itadm, zfs and an unreachable node print on failure.
STMFHA_NODE_ERROR = re.compile(
    r'^(stmfadm: |itadm |ssh: |Error|Invalid |Could not |Unrecognized option|Option .* requires|Secret |'
    r'Target .* not found|Target Portal Group .* (already exists|not found)|Portal .* already in use|'
    r'Initiator .* (already exists|not found)|iSCSI target .* already configured|The target is online or busy|'
    r'Target portal group (associated|.* does not exist)|The iSCSI target service must be online|.*: not found$|.*node .* down)',
    re.MULTILINE)


class Applier:
    """Runs commands for actions; keeps what each printed (a created IQN or GUID is parsed from it)."""

    def __init__(self, runner: Runner, backend: t.Any) -> None:
        self.runner = runner
        self.backend = backend
        self.outputs: list[tuple[Action, Result]] = []
        self.ran: list[list[str]] = []

    def render(self, action: Action) -> list[str]:
        """The argv shown to the user: secrets masked, the secret file as a placeholder."""
        return self.runner.mask_argv(self.backend.command(action).argv)

    def apply(self, actions: t.Sequence[Action]) -> None:
        done: set[str] = set()
        failure: CommandError | None = None
        for action in actions:
            if failure is not None and not (action.restores and action.restores in done):
                continue
            try:
                self.outputs.append((action, self.run(action)))
            except CommandError as exc:
                if failure is None:
                    failure = exc
                else:
                    failure.message += '; restoring afterwards also failed: %s' % exc.message
                continue
            if action.token:
                done.add(action.token)
        if failure is not None:
            raise failure

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
