# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the one way every module runs a command."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import typing as t

if t.TYPE_CHECKING:
    from ansible.module_utils.basic import AnsibleModule

MASK = '********'
DEFAULT_TIMEOUT = 300
# stmfadm online/offline-target alone may poll for ~9 s (reference 2.13); stmfha waits for every node.


class CommandError(Exception):
    """A command failed (or could not run): carries the masked argv and what it printed."""

    def __init__(self, cmd: list[str], rc: int | None, stdout: str, stderr: str, message: str | None = None) -> None:
        self.cmd = list(cmd)
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.message = message or 'command failed (rc=%s): %s: %s' % (rc, ' '.join(cmd), stderr.strip() or stdout.strip())
        super().__init__(self.message)

    def to_dict(self) -> dict[str, t.Any]:
        return {'cmd': self.cmd, 'rc': self.rc, 'stdout': self.stdout, 'stderr': self.stderr}


class Result(t.NamedTuple):
    rc: int
    stdout: str
    stderr: str


class Runner:
    """Runs argv lists with LC_ALL=C, locates binaries on PATH, masks secrets, records what ran."""

    def __init__(self, module: AnsibleModule, timeout: int = DEFAULT_TIMEOUT) -> None:
        self._module = module
        self._timeout = timeout
        self._paths: dict[str, str | None] = {}
        self._secrets: list[str] = []
        self.commands: list[list[str]] = []

    # -- secrets -----------------------------------------------------------------------------
    def add_secret(self, value: str | None) -> None:
        """Register a value that must never appear in commands, messages or output."""
        if value and value not in self._secrets:
            self._secrets.append(value)

    def mask_text(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text

    def mask_argv(self, argv: t.Sequence[str]) -> list[str]:
        return [self.mask_text(arg) for arg in argv]

    @contextlib.contextmanager
    def secret_file(self, secret: str) -> t.Iterator[str]:
        """A mode-0600 regular file holding the secret, removed afterwards whatever happens.

        itadm reads a secret only from a terminal (-s) or a regular file (-S); pipes and
        /dev/stdin are refused (reference 3.3).
        """
        self.add_secret(secret)
        fd, path = tempfile.mkstemp(prefix='comstar-', dir=getattr(self._module, 'tmpdir', None))
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, 'w') as handle:
                handle.write(secret)
            yield path
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

    # -- binaries ----------------------------------------------------------------------------
    def find(self, name: str) -> str | None:
        """Absolute path of a binary (PATH decides, as get_bin_path does), or None."""
        if name not in self._paths:
            if os.path.isabs(name):
                self._paths[name] = name if os.access(name, os.X_OK) else None
            else:
                self._paths[name] = self._module.get_bin_path(name, required=False)
        return self._paths[name]

    def binary(self, name: str) -> str:
        path = self.find(name)
        if path is None:
            raise CommandError([name], None, '', '', 'required command %r was not found on PATH (%s)' % (name, os.environ.get('PATH', '')))
        return path

    # -- running -----------------------------------------------------------------------------
    def run(self, argv: t.Sequence[str], check: bool = True, record: bool = True, shown: t.Sequence[str] | None = None) -> Result:
        """Run argv (argv[0] a command name or path); raise CommandError on a non-zero exit when check.

        `shown` is how the command appears in `commands` and errors (e.g. a secret file's
        placeholder instead of its temporary path); secrets are masked either way.
        """
        full = [self.binary(argv[0])] + list(argv[1:])
        shown = self.mask_argv(shown if shown is not None else argv)
        if record:
            self.commands.append(shown)
        timer: list[threading.Timer] = []
        fired: list[bool] = []

        def kill(proc: t.Any) -> None:
            fired.append(True)
            proc.kill()

        def watchdog(proc: t.Any) -> None:
            timer.append(threading.Timer(self._timeout, kill, args=(proc,)))
            timer[0].daemon = True
            timer[0].start()

        try:
            rc, stdout, stderr = self._module.run_command(
                full, check_rc=False, expand_user_and_vars=False, before_communicate_callback=watchdog,
                environ_update={'LC_ALL': 'C', 'LANG': 'C'})
        finally:
            for pending in timer:
                pending.cancel()
        stdout, stderr = self.mask_text(stdout), self.mask_text(stderr)
        if fired:
            raise CommandError(shown, rc, stdout, stderr, 'command timed out after %ss: %s' % (self._timeout, ' '.join(shown)))
        if check and rc != 0:
            raise CommandError(shown, rc, stdout, stderr)
        return Result(rc, stdout, stderr)
