"""What a launcher (bin/<cmd>) runs: send the call to the state directory's server, print its answer.

Kept to modules Python has loaded anyway (os, sys, marshal, time, the _socket core): a call's
cost is then Python's start plus the server's work (server.py). Without a server the call runs
in this process, as main.main runs it (same answer, same state, same log), after starting one in
the background for the next calls; COMSTAR_SIM_SERVER=0 runs every call in-process.
"""
from __future__ import annotations

import _socket
import marshal
import os
import sys
import time
import zlib

ROOT_VARIABLE = "COMSTAR_SIM_ROOT"
NODE_VARIABLE = "COMSTAR_SIM_NODE"
SERVER_VARIABLE = "COMSTAR_SIM_SERVER"
SIM_ERROR_RC = 70  # as main.SIM_ERROR_RC
SIM_HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVE = ("import sys; sys.path.insert(0, %r); from comstar_sim import server; "
         "sys.exit(server.main(sys.argv[1]))" % SIM_HOME)


def address(root: str) -> bytes:
    """The abstract Unix socket name of ROOT's server (no file: nothing to clean up, no path length limit)."""
    key = os.fsencode(root)
    return b"\0comstar-sim:%08x%08x:%d" % (zlib.crc32(key), zlib.adler32(key), len(key))


def receive(connection: _socket.socket) -> bytes:
    """Everything the other side sends until it shuts its side down."""
    chunks = []
    while True:
        chunk = connection.recv(1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _exchange(root: str, request: tuple) -> tuple | None:
    """Send one request; the answer, or None when no server listens (or it went away unanswered)."""
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.connect(address(root))
        connection.sendall(marshal.dumps(request))
        connection.shutdown(_socket.SHUT_WR)
        data = receive(connection)
    except OSError:
        return None
    finally:
        connection.close()
    # no bytes: the server stopped before it took the call (a call it took always gets an answer)
    return marshal.loads(data) if data else None


def _start(root: str) -> None:
    """Start ROOT's server, detached (its own session, no inherited descriptors), and return."""
    child = os.fork()
    if child == 0:  # pragma: no cover - the child execs or exits
        try:
            os.setsid()
            if os.fork() != 0:
                os._exit(0)  # pylint: disable=protected-access
            null = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(null, descriptor)
            os.closerange(3, 1 << 16)
            os.chdir("/")
            environment = dict(os.environ, **{ROOT_VARIABLE: root})
            environment.pop(NODE_VARIABLE, None)
            os.execve(sys.executable, [sys.executable, "-c", SERVE, root], environment)
        finally:
            os._exit(127)  # pylint: disable=protected-access
    os.waitpid(child, 0)


def listening(root: str) -> bool:
    """Whether ROOT's server is up and answering."""
    return _exchange(os.path.realpath(root), ("ping",)) is not None


def stop(root: str) -> bool:
    """Tell ROOT's server to exit (it finishes the call in hand); whether one was listening."""
    return _exchange(os.path.realpath(root), ("stop",)) is not None


def _in_process(command: str, args: list[str]) -> int:
    from . import main  # pylint: disable=import-outside-toplevel
    return main.main(command, args)


def run(command: str, args: list[str]) -> int:
    """Run one simulated command as a process would: write its stdout/stderr, return its status."""
    root = os.environ.get(ROOT_VARIABLE)
    if (not root or os.environ.get(SERVER_VARIABLE) == "0"
            or not os.path.exists(os.path.join(root, "cluster.json"))):
        return _in_process(command, args)  # main says what is missing, as before
    root = os.path.realpath(root)
    answer = _exchange(root, ("call", root, command, list(args), os.environ.get(NODE_VARIABLE) or "", os.getcwd()))
    if answer is None:
        # No server yet: start one for the calls to come, and answer this one here rather than
        # wait for it (a state directory that sees only a few calls never waits for a server).
        _start(root)
        return _in_process(command, args)
    stdout, stderr, code, delay_ms = tuple(answer)
    if delay_ms:
        time.sleep(delay_ms / 1000.0)
    sys.stdout.write(stdout)
    sys.stdout.flush()
    sys.stderr.write(stderr)
    sys.stderr.flush()
    return int(code)
