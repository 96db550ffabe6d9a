"""simctl: set up, inspect and disturb the simulated cluster (tests and demos; never logged).

Command line (root from --root, else COMSTAR_SIM_ROOT):

    simctl init [ROOT] [--nodes live01,live02] [--rsf1|--no-rsf1] [--pool POOL[=NODE]]...
                [--failover-mode rsf1|bare] [--ready]
    simctl failover POOL NODE|- [--mode rsf1|bare]
    simctl fault add --command C [--subcommand S] [--nth N] [--node N] [--stdout T] [--stderr T] [--rc N]
    simctl fault clear
    simctl latency MS
    simctl node-down NODE | node-up NODE
    simctl service NODE FMRI STATE | service-fault NODE FMRI
    simctl itadm-legacy NODE on|off
    simctl walkthrough [--pool POOL] [--vip IP] [--chap-secret S]
    simctl dump | log [--clear]

Every subcommand is also a function of this module taking the root first.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable
from typing import Any

from . import simctl_state
from .world import (Record, Result, SimError, World, clear_log, editing, load_cluster, locked, node_path, read_log,
                    save_cluster, session)

DEFAULT_NODES = ("live01", "live02")
ROOT_VARIABLE = "COMSTAR_SIM_ROOT"


def init(root: str, nodes: list[str] | tuple[str, ...] = DEFAULT_NODES, rsf1: bool = False,
         pools: dict[str, str | None] | None = None, failover_mode: str = "rsf1", ready: bool = False) -> Record:
    """A fresh state directory: cluster.json written, log emptied."""
    cluster = simctl_state.new_cluster(list(nodes), rsf1, dict(pools or {}), failover_mode, ready)
    with locked(root):
        save_cluster(root, cluster)
        clear_log(root)
    write_interpreters(root, list(nodes))
    return cluster


def write_interpreters(root: str, nodes: list[str]) -> None:
    """ROOT/bin/python-NODE: a Python that runs "on" NODE (NODE's PATH directory first on PATH), for ansible_python_interpreter.

    ansible-core quotes the interpreter as one word, so the environment has to be set by a file, not
    by `env VAR=... python` in the inventory.
    """
    bindir = os.path.join(os.path.abspath(root), "bin")
    os.makedirs(bindir, exist_ok=True)
    python = os.path.abspath(sys.executable)
    for node in nodes:
        path = os.path.join(bindir, "python-" + node)
        values = (node, os.path.abspath(root), shlex.quote(os.path.abspath(root)), shlex.quote(node),
                  shlex.quote(node_path(root, node)), shlex.quote(os.path.dirname(python)), shlex.quote(python))
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("#!/bin/sh\n"
                         "# Runs Python on simulated node %s (state: %s).\n"
                         "COMSTAR_SIM_ROOT=%s COMSTAR_SIM_NODE=%s PATH=%s:%s:/usr/bin:/bin\n"
                         "export COMSTAR_SIM_ROOT COMSTAR_SIM_NODE PATH\n"
                         'exec %s "$@"\n' % values)
        os.chmod(path, 0o755)


def failover(root: str, pool: str, node: str | None, mode: str | None = None) -> None:
    """Move a pool to another node (None or '-': export it), DESIGN.md §5."""
    with editing(root) as cluster:
        simctl_state.failover(cluster, pool, None if node in (None, "-", "") else node, mode)


def add_fault(root: str, command: str, subcommand: str | None = None, nth: int = 1, node: str | None = None,
              stdout: str = "", stderr: str = "", rc: int = 1) -> Record:
    """The nth matching call fails once with this output and changes nothing."""
    with editing(root) as cluster:
        return simctl_state.add_fault(cluster, command, subcommand, nth, node, stdout, stderr, rc)


def clear_faults(root: str) -> None:
    """Forget every fault not yet fired."""
    with editing(root) as cluster:
        cluster["faults"] = []


def set_latency(root: str, milliseconds: int) -> None:
    """Each call (stmfha's calls on the nodes included) sleeps this long."""
    if milliseconds < 0:
        raise SimError("latency cannot be negative")
    with editing(root) as cluster:
        cluster["latency_ms"] = milliseconds


def node_down(root: str, node: str) -> None:
    """Every call on the node fails as an unreachable ssh host would."""
    with editing(root) as cluster:
        if simctl_state.check_node(cluster, node) not in cluster["down"]:
            cluster["down"].append(node)


def node_up(root: str, node: str) -> None:
    """The node answers again."""
    with editing(root) as cluster:
        cluster["down"] = [down for down in cluster["down"] if down != simctl_state.check_node(cluster, node)]


def set_service(root: str, node: str, fmri: str, state: str) -> None:
    """Force an SMF state on a node."""
    with editing(root) as cluster:
        simctl_state.set_service(cluster, node, fmri, state)


def service_fault(root: str, node: str, fmri: str) -> None:
    """Drop a service to maintenance until `svcadm clear`."""
    with editing(root) as cluster:
        simctl_state.service_fault(cluster, node, fmri)


def itadm_legacy(root: str, node: str, legacy: bool) -> None:
    """Play an itadm without -p on the node (illumos-cli.md §3.2)."""
    with editing(root) as cluster:
        cluster["node_state"][simctl_state.check_node(cluster, node)]["itadm_legacy"] = legacy


def dump(root: str) -> Record:
    """The simulated hosts' state: cluster.json without the call counter `seq`, which every call
    (a read too) advances; so a dump taken before and after read-only calls is the same."""
    with locked(root):
        cluster = load_cluster(root)
    cluster.pop("seq", None)
    return cluster


def log(root: str, clear: bool = False) -> list[Record]:
    """The call log (then emptied with clear)."""
    with locked(root):
        entries = read_log(root)
        if clear:
            clear_log(root)
    return entries


def call(root: str, node: str, command: str, *argv: str) -> Result:
    """Run one simulated command on a node in this process, logged like any other call."""
    with session(root, node) as world:
        return world.call(command, list(argv))


def _step(world: World, command: str, *argv: str, accept: tuple[int, ...] = (0,)) -> str:
    stdout, stderr, code = world.call(command, list(argv))
    if code not in accept:
        raise SimError(f"walkthrough: {command} {argv[0]} failed on {world.node} (rc={code}): {stdout}{stderr}")
    return stdout


def walkthrough(root: str, pool: str = "pool1", vip: str = "192.168.5.10", chap_secret: str = "not-so-secret") -> Record:
    """The founding walkthrough (seed steps 1-8) through the simulated commands: returns iqn and guid."""
    with session(root) as world:
        owner = world.cluster["pools"].get(pool, {}).get("node")
        if not world.cluster.get("rsf1") or owner is None:
            raise SimError(f"walkthrough needs an RSF-1 cluster with pool {pool} imported on a node")
        for node in world.nodes:
            here = world.for_node(node)
            _step(here, "pkg", "install", "network/iscsi/target", accept=(0, 4))
            _step(here, "svcadm", "enable", "svc:/system/stmf:default")
            _step(here, "svcadm", "enable", "svc:/network/iscsi/target:default")
        active = world.for_node(owner)
        _step(active, "zfs", "create", "-V", "1G", f"{pool}/zvol1")
        _step(active, "stmfha", "create-tpg", "TPG01", f"{vip}:3260")
        created = _step(active, "stmfha", "create-target", "--auth-method", "chap", "--chap-secret", chap_secret,
                        "--alias", "zvol1-iscsi", "--tpg", "TPG01")
        iqn = created.split("Target ", 1)[1].split()[0]
        _step(active, "stmfha", "create-tg", "TG01")
        _step(active, "stmfha", "offline-target", iqn)
        _step(active, "stmfha", "add-tg-member", "--group-name", "TG01", iqn)
        _step(active, "stmfha", "online-target", iqn)
        lu = _step(active, "stmfha", "create-lu", f"/dev/zvol/rdsk/{pool}/zvol1")
        guid = lu.split("Logical unit created: ", 1)[1].split()[0]
        _step(active, "stmfha", "add-view", "-t", "TG01", guid)
    return {"iqn": iqn, "guid": guid}


def _parser() -> argparse.ArgumentParser:
    # --root is taken before or after the subcommand.
    rooted = argparse.ArgumentParser(add_help=False)
    rooted.add_argument("--root", default=argparse.SUPPRESS, help="state directory (default: $COMSTAR_SIM_ROOT)")
    parser = argparse.ArgumentParser(prog="simctl", description="Control the simulated illumos/RSF-1 cluster.",
                                     parents=[rooted])
    subparsers = parser.add_subparsers(dest="action", required=True)

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return subparsers.add_parser(name, parents=[rooted], **kwargs)

    start = command("init", help="a fresh state")
    start.add_argument("root_operand", nargs="?", metavar="ROOT")
    start.add_argument("--nodes", default=",".join(DEFAULT_NODES))
    start.add_argument("--rsf1", action=argparse.BooleanOptionalAction, default=False)
    start.add_argument("--pool", action="append", default=[], metavar="POOL[=NODE]")
    start.add_argument("--failover-mode", choices=simctl_state.FAILOVER_MODES, default="rsf1")
    start.add_argument("--ready", action="store_true", help="packages installed, services online")
    move = command("failover", help="move a pool to a node")
    move.add_argument("pool")
    move.add_argument("node", help="the new node, or - to export the pool")
    move.add_argument("--mode", choices=simctl_state.FAILOVER_MODES)
    fault = command("fault", help="add or clear injected failures")
    fault_commands = fault.add_subparsers(dest="fault_action", required=True)
    add = fault_commands.add_parser("add", parents=[rooted])
    add.add_argument("--command", required=True)
    add.add_argument("--subcommand")
    add.add_argument("--nth", type=int, default=1)
    add.add_argument("--node")
    add.add_argument("--stdout", default="")
    add.add_argument("--stderr", default="")
    add.add_argument("--rc", type=int, default=1)
    fault_commands.add_parser("clear", parents=[rooted])
    command("latency").add_argument("milliseconds", type=int)
    for name in ("node-down", "node-up"):
        command(name).add_argument("node")
    service = command("service")
    for name in ("node", "fmri", "state"):
        service.add_argument(name)
    faulted = command("service-fault")
    faulted.add_argument("node")
    faulted.add_argument("fmri")
    legacy = command("itadm-legacy")
    legacy.add_argument("node")
    legacy.add_argument("setting", choices=("on", "off"))
    walk = command("walkthrough", help="load the founding walkthrough's configuration")
    walk.add_argument("--pool", default="pool1")
    walk.add_argument("--vip", default="192.168.5.10")
    walk.add_argument("--chap-secret", default="not-so-secret")
    command("dump")
    command("log").add_argument("--clear", action="store_true")
    return parser


def _pools(specs: list[str]) -> dict[str, str | None]:
    pools: dict[str, str | None] = {}
    for spec in specs:
        name, _equals, node = spec.partition("=")
        pools[name] = node or None
    return pools


def _dispatch(args: argparse.Namespace, root: str) -> Any:
    actions: dict[str, Callable[[], object]] = {
        "failover": lambda: failover(root, args.pool, args.node, args.mode),
        "latency": lambda: set_latency(root, args.milliseconds),
        "node-down": lambda: node_down(root, args.node),
        "node-up": lambda: node_up(root, args.node),
        "service": lambda: set_service(root, args.node, args.fmri, args.state),
        "service-fault": lambda: service_fault(root, args.node, args.fmri),
        "itadm-legacy": lambda: itadm_legacy(root, args.node, args.setting == "on"),
        "walkthrough": lambda: json.dumps(walkthrough(root, args.pool, args.vip, args.chap_secret)),
        "dump": lambda: json.dumps(dump(root), indent=1),
        "log": lambda: "\n".join(json.dumps(entry, sort_keys=True) for entry in log(root, args.clear)),
    }
    if args.action == "init":
        init(root, [node for node in args.nodes.split(",") if node], args.rsf1, _pools(args.pool), args.failover_mode,
             args.ready)
        return None
    if args.action == "fault":
        if args.fault_action == "clear":
            clear_faults(root)
        else:
            add_fault(root, args.command, args.subcommand, args.nth, args.node, args.stdout, args.stderr, args.rc)
        return None
    return actions[args.action]()


def main(argv: list[str]) -> int:
    """simctl's command line; prints JSON for dump, log and walkthrough."""
    args = _parser().parse_args(argv)
    root = getattr(args, "root", None) or getattr(args, "root_operand", None) or os.environ.get(ROOT_VARIABLE)
    if not root:
        sys.stderr.write(f"simctl: give --root or set {ROOT_VARIABLE}\n")
        return 2
    try:
        shown = _dispatch(args, os.path.abspath(root))
    except SimError as error:
        sys.stderr.write(f"simctl: {error}\n")
        return 1
    if shown:
        sys.stdout.write(shown + "\n")
    return 0
