"""Pure changes to the cluster dict behind simctl: a fresh cluster, failover, faults, services."""
from __future__ import annotations

from typing import Any

from . import assumed
from .stmf_common import ZVOL_PATH
from .world import SimError

Record = dict[str, Any]

FAILOVER_MODES = ("rsf1", "bare")
SERVICE_STATES = ("online", "offline", "disabled", "maintenance", "degraded", "uninitialized", "legacy_run")


def new_node(ready: bool) -> Record:
    """A node: `ready` = both packages installed and both services online; else a fresh host."""
    packages = {package: assumed.PACKAGE_VERSION for package in ("storage/stmf", "network/iscsi/target")} if ready else {}
    return {
        "itadm_legacy": False,
        "services": {fmri: "online" if ready else "disabled" for fmri in assumed.SERVICE_PACKAGE},
        "service_faults": {},
        "packages": packages,
        "stmf": {"lus": {}, "views": {}, "host_groups": {}, "target_groups": {}},
        "iscsit": {"targets": [], "tpgs": [], "initiators": [],
                   "defaults": {"alias": None, "auth": None, "radius_server": None, "radius_secret": None,
                                "isns": False, "isns_servers": []}},
    }


def new_cluster(nodes: list[str], rsf1: bool, pools: dict[str, str | None], failover_mode: str, ready: bool) -> Record:
    """A fresh cluster.json dict (STATE.md)."""
    if not nodes or len(set(nodes)) != len(nodes):
        raise SimError("nodes must be distinct and at least one")
    if failover_mode not in FAILOVER_MODES:
        raise SimError(f"failover mode must be one of {', '.join(FAILOVER_MODES)}")
    for pool, node in pools.items():
        if node is not None and node not in nodes:
            raise SimError(f"pool {pool}: unknown node {node}")
    return {
        "nodes": list(nodes), "rsf1": rsf1, "failover_mode": failover_mode, "latency_ms": 0, "down": [],
        "faults": [], "seq": 0,
        "pools": {name: {"node": node, "service": name, "filesystems": [], "volumes": {}} for name, node in pools.items()},
        "files": {},
        "node_state": {node: new_node(ready) for node in nodes},
    }


def check_node(cluster: Record, node: str) -> str:
    """The node, if the cluster has it."""
    if node not in cluster["nodes"]:
        raise SimError(f"unknown node {node!r} (nodes: {', '.join(cluster['nodes'])})")
    return node


def _pool_guids(cluster: Record, pool_name: str, stmf: Record) -> set[str]:
    """GUIDs that belong to a pool on a node: LUs backed by its zvols, and those in its metadata."""
    guids = set()
    for guid, lu in stmf.get("lus", {}).items():
        match = ZVOL_PATH.fullmatch(lu.get("data_file", ""))
        if match and match.group(2) == pool_name:
            guids.add(guid)
    for volume in cluster["pools"][pool_name].get("volumes", {}).values():
        if volume.get("sbd_meta"):
            guids.add(str(volume["sbd_meta"]["guid"]).upper())
    return guids


def failover(cluster: Record, pool_name: str, node: str | None, mode: str | None = None) -> None:
    """Move a pool to node (None: export it), DESIGN.md §5.

    rsf1: the old node loses the pool's LUs and their views; the new node gets the pool with its
    zvols and their sbd metadata, but no LUs or views. bare: only the pool moves; the old node
    keeps its view entries, which then list as unregistered GUIDs (its LU registrations go with
    the data).
    """
    pool = cluster["pools"].get(pool_name)
    if pool is None:
        raise SimError(f"unknown pool {pool_name!r}")
    if node is not None:
        check_node(cluster, node)
    mode = mode or cluster.get("failover_mode", "rsf1")
    if mode not in FAILOVER_MODES:
        raise SimError(f"failover mode must be one of {', '.join(FAILOVER_MODES)}")
    old = pool.get("node")
    if old is not None and old != node:
        stmf = cluster["node_state"][old].setdefault("stmf", {})
        guids = _pool_guids(cluster, pool_name, stmf)
        for guid in guids:
            stmf.get("lus", {}).pop(guid, None)
            if mode == "rsf1":
                stmf.get("views", {}).pop(guid, None)
    pool["node"] = node


def add_fault(cluster: Record, command: str, subcommand: str | None = None, nth: int = 1, node: str | None = None,
              stdout: str = "", stderr: str = "", rc: int = 1) -> Record:
    """The nth matching call of (node or any, command, subcommand or any) fails once, changing nothing."""
    if node is not None:
        check_node(cluster, node)
    if nth < 1:
        raise SimError("nth counts from 1")
    fault = {"node": node, "command": command, "subcommand": subcommand, "nth": nth, "stdout": stdout,
             "stderr": stderr, "rc": rc, "seen": 0}
    cluster.setdefault("faults", []).append(fault)
    return fault


def fmri_of(name: str) -> str:
    """A full FMRI from a full or short name (`stmf`, `iscsi/target`, `network/iscsi/target:default`)."""
    wanted = (name[5:] if name.startswith("svc:/") else name).split(":")[0]
    for fmri in assumed.SERVICE_PACKAGE:
        service = fmri[5:].rsplit(":", 1)[0]
        if service == wanted or service.endswith("/" + wanted):
            return fmri
    raise SimError(f"unknown service {name!r}")


def set_service(cluster: Record, node: str, name: str, state: str) -> None:
    """Force a service state (a trailing `*` marks a transition, illumos-cli.md §5)."""
    if state.rstrip("*") not in SERVICE_STATES:
        raise SimError(f"state must be one of {', '.join(SERVICE_STATES)} (optionally with *)")
    cluster["node_state"][check_node(cluster, node)].setdefault("services", {})[fmri_of(name)] = state


def service_fault(cluster: Record, node: str, name: str) -> None:
    """Drop a service to maintenance; it stays there (also when enabled again) until `svcadm clear`."""
    node_state = cluster["node_state"][check_node(cluster, node)]
    fmri = fmri_of(name)
    node_state.setdefault("service_faults", {})[fmri] = True
    node_state.setdefault("services", {})[fmri] = "maintenance"
