"""Fixtures for the simulator's tests: a fresh state directory and a way to run its programs."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from typing import Any

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SIM_HOME = os.path.dirname(HERE)
BIN = os.path.join(SIM_HOME, "bin")
REPO = os.path.dirname(os.path.dirname(SIM_HOME))
GOLDEN = os.path.join(REPO, "tests", "golden")

if SIM_HOME not in sys.path:
    sys.path.insert(0, SIM_HOME)

from comstar_sim import client, simctl, world  # noqa: E402  pylint: disable=wrong-import-position

Result = tuple[str, str, int]
GUID1 = "600144F09CF9DD070000614DEADE0001"
GUID2 = "600144F09CF9DD070000614DEADE0002"
GUID3 = "600144F09CF9DD070000614DEADE0003"
IQN1 = "iqn.2010-08.org.illumos:02:5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87"
IQN2 = "iqn.2010-08.org.illumos:02:0c6e2d5a-77b1-4f0e-a8c3-5d9e1f2a3b4c"
STMF = "svc:/system/stmf:default"
ISCSI = "svc:/network/iscsi/target:default"


def golden(name: str) -> str:
    """A golden sample, bytes kept (no newline translation)."""
    with open(os.path.join(GOLDEN, name), encoding="utf-8", newline="") as handle:
        return handle.read()


class Sim:
    """One simulator state directory and the programs that run against it."""

    def __init__(self, root: str) -> None:
        self.root = root

    def init(self, *, nodes: tuple[str, ...] = ("live01", "live02"), rsf1: bool = True,
             pools: dict[str, str | None] | None = None, failover_mode: str = "rsf1", ready: bool = True) -> None:
        """A fresh cluster (default: two ready RSF-1 nodes, pool1 on live01)."""
        simctl.init(self.root, nodes, rsf1, {"pool1": "live01"} if pools is None else pools, failover_mode, ready)

    def run(self, command: str, *args: str, node: str | None = None, env: dict[str, str] | None = None) -> Result:
        """Run bin/<command> as a process on a node: (stdout, stderr, rc)."""
        environment = dict(os.environ, COMSTAR_SIM_ROOT=self.root,
                           PATH=os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]))
        environment.pop("COMSTAR_SIM_NODE", None)
        if node is not None:
            environment["COMSTAR_SIM_NODE"] = node
        environment.update(env or {})
        done = subprocess.run([os.path.join(BIN, command)] + list(args), env=environment, capture_output=True,
                              text=True, check=False)
        return done.stdout, done.stderr, done.returncode

    def ok(self, command: str, *args: str, node: str | None = None) -> str:
        """Run a command that must succeed (exit 0, or 4 for pkg's nothing-to-do); its stdout."""
        stdout, stderr, code = self.run(command, *args, node=node)
        assert code in (0, 4) if command == "pkg" else code == 0, (command, args, stdout, stderr, code)
        return stdout

    def ctl(self, *args: str) -> Result:
        """Run bin/simctl with --root."""
        return self.run("simctl", "--root", self.root, *args)

    def state(self) -> dict[str, Any]:
        """cluster.json."""
        return simctl.dump(self.root)

    def node(self, name: str = "live01") -> dict[str, Any]:
        """One node's NODE dict."""
        node_state: dict[str, Any] = self.state()["node_state"][name]
        return node_state

    def edit(self) -> contextlib.AbstractContextManager[dict[str, Any]]:
        """Change cluster.json directly (set up what commands cannot make): `with sim.edit() as cluster:`."""
        return world.editing(self.root)

    def log(self) -> list[dict[str, Any]]:
        """The call log."""
        return simctl.log(self.root)

    def zvol(self, name: str = "pool1/zvol1", size: str = "1G", node: str = "live01") -> str:
        """Create a zvol; its raw device path."""
        self.ok("zfs", "create", "-V", size, name, node=node)
        return f"/dev/zvol/rdsk/{name}"

    def lu(self, guid: str | None = None, zvol: str = "pool1/zvol1", size: str = "1G", node: str = "live01") -> str:
        """Create a zvol and an LU on it; the LU's GUID."""
        args = ["create-lu"] + (["-p", f"guid={guid}"] if guid else []) + [self.zvol(zvol, size, node=node)]
        out = self.ok("stmfadm", *args, node=node)
        return out.split()[-1]

    def add_target(self, name: str, node: str = "live01", state: str = "online", **extra: Any) -> None:
        """Put an iSCSI target into a node's state, as itadm create-target leaves it."""
        target = {"name": name, "alias": None, "auth": None, "chap_user": None, "chap_secret": None, "tpgs": {},
                  "state": state, "sessions": 0}
        target.update(extra)
        with self.edit() as cluster:
            cluster["node_state"][node]["iscsit"]["targets"].append(target)


@pytest.fixture(name="sim")
def fixture_sim(tmp_path: Any) -> Sim:
    """A simulator with a fresh ready two-node RSF-1 cluster, pool1 imported on live01."""
    simulator = Sim(str(tmp_path / "sim"))
    simulator.init()
    return simulator


@pytest.fixture(autouse=True, name="stop_servers")
def fixture_stop_servers(tmp_path: Any) -> Any:
    """Each state directory a test made under tmp_path: its server told to exit at the end."""
    yield
    for name in os.listdir(tmp_path):
        if os.path.exists(os.path.join(tmp_path, name, world.STATE_FILE)):
            client.stop(str(tmp_path / name))


@pytest.fixture(name="bare_sim")
def fixture_bare_sim(tmp_path: Any) -> Sim:
    """A simulator directory with no state yet."""
    return Sim(str(tmp_path / "bare"))
