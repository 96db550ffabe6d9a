# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: one run at a time per node (an exclusive lock file on the managed host)."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
import typing as t

LOCK_FILE = '/var/run/illumos.comstar.lock'
# Where the option is not given: this variable of the module's environment, then LOCK_FILE. The
# simulator's node interpreters set it, so simulated nodes lock per node without root.
LOCK_FILE_VARIABLE = 'ILLUMOS_COMSTAR_LOCK_FILE'
LOCK_TIMEOUT = 300
POLL_SECONDS = 0.1

LOCK_ARGS: dict[str, dict[str, t.Any]] = {
    'lock_file': {'type': 'path'},
    'lock_timeout': {'type': 'int', 'default': LOCK_TIMEOUT},
}


class LockError(Exception):
    """The lock could not be taken: nothing has been read or changed."""


def lock_path(params: dict[str, t.Any], environ: t.Mapping[str, str] | None = None) -> str:
    found = (os.environ if environ is None else environ).get(LOCK_FILE_VARIABLE)
    return params.get('lock_file') or found or LOCK_FILE


def _holder(fd: int) -> str:
    """The pid the holder wrote into the file, for the message (best effort)."""
    try:
        text = os.pread(fd, 32, 0).decode('ascii', 'replace').strip()
    except OSError:
        return ''
    return ' (held by pid %s)' % text if text.isdigit() else ''


@contextlib.contextmanager
def node_lock(path: str, timeout: int, clock: t.Callable[[], float] = time.monotonic,
              sleep: t.Callable[[float], None] = time.sleep) -> t.Iterator[None]:
    """Hold an exclusive lock on `path` for the block; wait up to `timeout` seconds for it.

    fcntl record locks (lockf) rather than flock: they are POSIX, work the same on illumos and
    Solaris 11, and the kernel drops them when the module process dies, so a killed run never
    leaves a stale lock behind.
    """
    if timeout < 0:
        raise LockError('lock_timeout %d is negative: give the seconds to wait for the lock %s (0 = do not wait)' % (timeout, path))
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockError('cannot open the lock file %s: %s (set lock_file to a writable path)' % (path, exc.strerror)) from None
    try:
        deadline = clock() + timeout
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise LockError('cannot lock %s: %s' % (path, exc.strerror)) from None
            remaining = deadline - clock()
            if remaining <= 0:
                raise LockError('another illumos.comstar run holds the lock %s%s and did not release it within %ss '
                                '(lock_timeout); nothing was changed' % (path, _holder(fd), timeout))
            sleep(min(POLL_SECONDS, remaining))
        os.ftruncate(fd, 0)
        os.pwrite(fd, ('%d\n' % os.getpid()).encode('ascii'), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.lockf(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
