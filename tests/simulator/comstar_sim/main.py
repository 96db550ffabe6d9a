"""The one entry point of the simulator's programs: main(command, args) -> exit status.

`bin/<cmd>` calls main("<cmd>", sys.argv[1:]). The state directory is COMSTAR_SIM_ROOT, the
node COMSTAR_SIM_NODE (default: the cluster's first node). The call runs under the state lock;
its latency is slept after the lock is released, then its output is written.
"""
from __future__ import annotations

import os
import sys
import time

from .world import COMMANDS, SimError, session

ROOT_VARIABLE = "COMSTAR_SIM_ROOT"
NODE_VARIABLE = "COMSTAR_SIM_NODE"
SIM_ERROR_RC = 70  # the simulator itself failed (EX_SOFTWARE), never a simulated command's answer


def main(command: str, args: list[str]) -> int:
    """Run one simulated command as a process would: write its stdout/stderr, return its status."""
    if command == "simctl":
        from . import simctl  # pylint: disable=import-outside-toplevel
        return simctl.main(args)
    if command not in COMMANDS:
        sys.stderr.write(f"comstar-sim: unknown command {command!r}\n")
        return SIM_ERROR_RC
    root = os.environ.get(ROOT_VARIABLE)
    if not root:
        sys.stderr.write(f"comstar-sim: {ROOT_VARIABLE} is not set (see tests/simulator/STATE.md)\n")
        return SIM_ERROR_RC
    try:
        with session(root, os.environ.get(NODE_VARIABLE) or None) as world:
            stdout, stderr, code = world.call(command, list(args))
    except SimError as error:
        sys.stderr.write(f"comstar-sim: {error}\n")
        return SIM_ERROR_RC
    if world.delay_ms:
        time.sleep(world.delay_ms / 1000.0)
    sys.stdout.write(stdout)
    sys.stdout.flush()
    sys.stderr.write(stderr)
    sys.stderr.flush()
    return code
