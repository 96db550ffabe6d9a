"""The simulator as a long-lived process per state directory: the launchers' calls, answered warm.

A simulated command used to be a whole Python process: start, import the simulator, parse the
state, answer. At 1000 LUs that cost 100 to 150 ms a call, most of it before any work. The
server does the imports once and keeps the parsed state (world.keep_parsed_state); a launcher
(client.py) only sends its call and prints the answer. Nothing else changes: every call still
runs `world.session` under the state directory's flock, logs, saves what changed, and its latency
is slept by the caller, so simctl, in-process sessions and the server interleave as before.

One server per state directory, on a Linux abstract Unix socket named after the directory
(client.address); it is started by the first call that finds none (that call runs in-process, not
waiting), and exits after IDLE_SECONDS
without a call, when its directory's state is gone, or when told to stop (client.stop).
Requests and answers are marshal'd tuples, one per connection (client.py).
"""
from __future__ import annotations

import marshal
import os
import socket
import sys
import threading
import time

from . import client, world

IDLE_SECONDS = float(os.environ.get("COMSTAR_SIM_IDLE_SECONDS", "20"))


class Server:
    """Accepts calls for one state directory; one call at a time (the state is one)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.calls = threading.Lock()
        self.last = time.monotonic()
        self.stopping = False

    def answer(self, request: tuple) -> tuple[str, str, int, int]:
        """(stdout, stderr, rc, delay_ms) for one request (client.request)."""
        kind = request[0]
        if kind == "ping":
            return "", "", 0, 0
        if kind == "stop":
            self.stopping = True
            return "", "", 0, 0
        if kind != "call":
            return "", f"comstar-sim: unknown request {kind!r}\n", client.SIM_ERROR_RC, 0
        _kind, root, command, args, node, cwd = request
        if root != self.root:
            return "", f"comstar-sim: this server answers for {self.root}, not {root}\n", client.SIM_ERROR_RC, 0
        with self.calls:
            # relative secret-file paths are the caller's: run where it runs
            os.chdir(cwd)
            try:
                with world.session(root, node or None) as here:
                    stdout, stderr, code = here.call(command, list(args))
            except world.SimError as error:
                return "", f"comstar-sim: {error}\n", client.SIM_ERROR_RC, 0
            finally:
                os.chdir("/")
            return stdout, stderr, code, here.delay_ms

    def handle(self, connection: socket.socket) -> None:
        try:
            try:
                request = marshal.loads(client.receive(connection))
            except (EOFError, ValueError, TypeError):
                return  # not a request (a caller that only connected): nothing to answer
            try:
                reply = self.answer(request)
            except Exception as error:  # pylint: disable=broad-except
                # the simulator itself failed: the caller reports it, the server goes on
                reply = ("", f"comstar-sim: internal error: {type(error).__name__}: {error}\n",
                         client.SIM_ERROR_RC, 0)
            connection.sendall(marshal.dumps(reply))
        except OSError:
            pass  # the caller went away
        finally:
            connection.close()
            self.last = time.monotonic()

    def gone(self) -> bool:
        return not os.path.exists(os.path.join(self.root, world.STATE_FILE))

    def serve(self, listener: socket.socket) -> None:
        listener.settimeout(1.0)
        while not self.stopping:
            try:
                connection, _address = listener.accept()
            except socket.timeout:
                if time.monotonic() - self.last > IDLE_SECONDS or self.gone():
                    return
                continue
            connection.settimeout(None)
            self.last = time.monotonic()
            threading.Thread(target=self.handle, args=(connection,), daemon=True).start()


def main(root: str) -> int:
    """Serve ROOT until idle; exit 0 at once if another server already serves it."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(client.address(root))
    except OSError:
        return 0  # started twice at once: the other one serves
    listener.listen(64)
    world.keep_parsed_state()
    try:
        Server(root).serve(listener)
    finally:
        listener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
