# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The per-node lock: exclusive across processes, a bounded wait, a clear refusal."""

from __future__ import annotations

import os
import subprocess
import sys
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._lock import (
    LOCK_FILE, LOCK_FILE_VARIABLE, LockError, lock_path, node_lock)

# A second process that takes the lock, says so on stdout, and holds it until its stdin closes
# (fcntl record locks are per process: a lock taken in this process would not exclude itself).
HOLDER = '''
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.lockf(fd, fcntl.LOCK_EX)
os.pwrite(fd, b'%d\\n' % os.getpid(), 0)
print('held', flush=True)
sys.stdin.read()
'''


@pytest.fixture
def holder(tmp_path: t.Any) -> t.Iterator[tuple[str, subprocess.Popen[str]]]:
    path = str(tmp_path / 'node.lock')
    proc = subprocess.Popen([sys.executable, '-c', HOLDER, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == 'held\n'
    yield path, proc
    if proc.stdin is not None:
        proc.stdin.close()
    proc.wait(10)


@pytest.mark.parametrize('params, environ, expected', [
    ({}, {}, LOCK_FILE),
    ({'lock_file': None}, {LOCK_FILE_VARIABLE: '/sim/live01.lock'}, '/sim/live01.lock'),
    ({'lock_file': '/tmp/mine.lock'}, {LOCK_FILE_VARIABLE: '/sim/live01.lock'}, '/tmp/mine.lock'),
], ids=['default', 'environment', 'option-wins'])
def test_lock_path(params: dict[str, t.Any], environ: dict[str, str], expected: str) -> None:
    assert lock_path(params, environ) == expected


def test_a_free_lock_is_taken_and_released(tmp_path: t.Any) -> None:
    path = str(tmp_path / 'node.lock')
    with node_lock(path, 0):
        with open(path, encoding='ascii') as handle:
            assert handle.read() == '%d\n' % os.getpid()
    with open(path, encoding='ascii') as handle:
        assert handle.read() == ''
    with node_lock(path, 0):
        pass


def test_a_held_lock_times_out_naming_the_file_and_the_holder(holder: tuple[str, subprocess.Popen[str]]) -> None:
    path, proc = holder
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    entered = []
    with pytest.raises(LockError) as info:
        with node_lock(path, 2, clock=lambda: now[0], sleep=sleep):
            entered.append(True)
    assert entered == []
    assert path in str(info.value) and 'pid %d' % proc.pid in str(info.value) and '2s' in str(info.value)
    assert 'nothing was changed' in str(info.value)
    assert round(sum(waits), 6) == 2.0


def test_the_lock_is_taken_once_the_holder_lets_go(holder: tuple[str, subprocess.Popen[str]]) -> None:
    path, proc = holder
    calls = []

    def sleep(seconds: float) -> None:
        calls.append(seconds)
        if len(calls) == 3 and proc.stdin is not None:
            proc.stdin.close()
            proc.wait(10)

    with node_lock(path, 60, sleep=sleep):
        assert len(calls) >= 3


@pytest.mark.parametrize('path, timeout, words', [
    ('/nonexistent-dir/illumos.comstar.lock', 5, ['/nonexistent-dir/illumos.comstar.lock', 'lock_file']),
    (None, -1, ['lock_timeout -1', 'negative']),
], ids=['no-such-directory', 'negative-timeout'])
def test_refusals(tmp_path: t.Any, path: str | None, timeout: int, words: list[str]) -> None:
    with pytest.raises(LockError) as info:
        with node_lock(path or str(tmp_path / 'x.lock'), timeout):
            pass
    for word in words:
        assert word in str(info.value)
