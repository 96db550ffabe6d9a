"""The cluster around the commands: failover, faults, nodes down, latency, the log, the state files."""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, GUID1, Sim
from comstar_sim import simctl, world

ZVOL = "/dev/zvol/rdsk/pool1/zvol1"
UNREGISTERED_ONE_VIEW = (f"LU Name: {GUID1}\n    Operational Status: unregistered\n    Provider Name     : unregistered\n"
                         "    Alias             : -\n    View Entry Count  : 1\n")


def _lu_with_view(sim: Sim) -> None:
    sim.zvol()
    sim.ok("stmfadm", "create-lu", "-p", f"guid={GUID1}", "-p", "alias=disk1", ZVOL)
    sim.ok("stmfadm", "add-view", GUID1)


def test_failover_rsf1_mode(sim: Sim) -> None:
    """DESIGN.md §5 rsf1: the old node loses LU and views; the new one gets the pool and the metadata."""
    _lu_with_view(sim)
    assert sim.ctl("failover", "pool1", "live02") == ("", "", 0)
    assert sim.run("stmfadm", "list-lu", node="live01") == ("", "", 0)
    assert sim.run("zpool", "list", "-H", "-o", "name", "pool1", node="live02") == ("pool1\n", "", 0)
    assert sim.run("rsfcli", "-i0", "list") == ("pool1 : live02\n", "", 0)
    assert sim.run("stmfadm", "list-lu", node="live02") == ("", "", 0)
    assert sim.run("stmfadm", "import-lu", ZVOL, node="live02") == (f"Logical unit imported: {GUID1}\n", "", 0)
    assert sim.node("live02")["stmf"]["lus"][GUID1]["alias"] == "disk1"
    assert sim.run("stmfadm", "list-view", "-l", GUID1, node="live02")[1] == f"stmfadm: {GUID1.lower()}: no views found\n"
    assert sim.run("stmfadm", "create-lu", ZVOL, node="live01") == ("", "stmfadm: data file error\n", 1)


def test_failover_bare_mode(sim: Sim) -> None:
    """DESIGN.md §5 bare: only the pool moves; the old node's views list as an unregistered GUID."""
    sim.init(failover_mode="bare")
    _lu_with_view(sim)
    sim.ctl("failover", "pool1", "live02")
    assert sim.run("stmfadm", "list-lu", "-v", node="live01") == (UNREGISTERED_ONE_VIEW, "", 0)
    assert sim.run("sbdadm", "list-lu", node="live01") == ("", "", 0)
    assert sim.ok("stmfadm", "import-lu", ZVOL, node="live02") == f"Logical unit imported: {GUID1}\n"


def test_failover_mode_option_and_export(sim: Sim) -> None:
    """--mode overrides the cluster's mode; `-` exports the pool (rsfcli shows `-`)."""
    _lu_with_view(sim)
    sim.ctl("failover", "pool1", "live02", "--mode", "bare")
    assert sim.ok("stmfadm", "list-lu", "-v", node="live01") == UNREGISTERED_ONE_VIEW
    simctl.failover(sim.root, "pool1", "-")
    assert sim.run("rsfcli", "-i0", "list") == ("pool1 : -\n", "", 0)
    assert sim.ctl("failover", "nopool", "live01")[1] == "simctl: unknown pool 'nopool'\n"


def test_fault_on_the_nth_call(sim: Sim) -> None:
    """The 2nd create-hg fails with the given output and changes nothing; the 3rd works (one-shot)."""
    assert sim.ctl("fault", "add", "--command", "stmfadm", "--subcommand", "create-hg", "--nth", "2",
                   "--stderr", "stmfadm: resource busy\n", "--rc", "1") == ("", "", 0)
    sim.ok("stmfadm", "create-hg", "A")
    assert sim.run("stmfadm", "create-hg", "B") == ("", "stmfadm: resource busy\n", 1)
    sim.ok("stmfadm", "CREATE-HG", "C")
    assert list(sim.node()["stmf"]["host_groups"]) == ["A", "C"]
    assert sim.state()["faults"] == []
    assert [entry["fault"] for entry in sim.log()] == [False, True, False]


def test_fault_scoped_to_a_node_and_cleared(sim: Sim) -> None:
    """A node's fault does not fire elsewhere; `fault clear` drops what has not fired."""
    simctl.add_fault(sim.root, "zfs", "create", node="live02", stdout="x\n", rc=9)
    simctl.add_fault(sim.root, "zpool", None)
    sim.ok("zfs", "create", "-V", "1G", "pool1/v")
    assert sim.run("zfs", "create", "-V", "1G", "pool1/w", node="live02") == ("x\n", "", 9)
    assert sim.run("zpool", "list", "-H", "-o", "name") == ("", "", 1)
    simctl.add_fault(sim.root, "zpool", "list")
    sim.ctl("fault", "clear")
    assert sim.run("zpool", "list", "-H", "-o", "name") == ("pool1\n", "", 0)


def test_node_down(sim: Sim) -> None:
    """Every call on a node that is down fails as ssh would [assumed]; node-up restores it."""
    sim.ctl("node-down", "live02")
    assert sim.run("zpool", "list", node="live02") == ("", "ssh: connect to host live02 port 22: Connection refused\n", 255)
    assert sim.run("zpool", "list", "-H", "-o", "name", node="live01") == ("pool1\n", "", 0)
    sim.ctl("node-up", "live02")
    assert sim.run("zpool", "list", "-H", node="live02") == ("", "", 0)


def test_latency_is_recorded(sim: Sim) -> None:
    """The setting is kept and every call (stmfha's own calls included) carries it in the log."""
    sim.ctl("latency", "15")
    assert sim.state()["latency_ms"] == 15
    sim.ok("stmfha", "create-tg", "TG1")
    entries = sim.log()
    assert [entry["latency_ms"] for entry in entries] == [15, 15, 15]
    sim.ctl("latency", "0")
    sim.ok("stmfadm", "list-tg")
    assert sim.log()[-1]["latency_ms"] == 0


def test_call_log(sim: Sim) -> None:
    """STATE.md log format: seq, node, argv (bare name), rc, via; simctl is not logged."""
    sim.run("stmfadm", "list-lu", node="live02")
    sim.run("stmfha", "create-hg", "HG1")
    sim.ctl("dump")
    entries = sim.log()
    assert [(e["seq"], e["node"], e["argv"], e["rc"], e["via"]) for e in entries] == [
        (1, "live02", ["stmfadm", "list-lu"], 0, None),
        (2, "live01", ["stmfha", "create-hg", "HG1"], 0, None),
        (3, "live01", ["stmfadm", "create-hg", "HG1"], 0, "stmfha"),
        (4, "live02", ["stmfadm", "create-hg", "HG1"], 0, "stmfha"),
    ]
    assert all(set(e) == {"seq", "node", "argv", "rc", "via", "secret_files", "fault", "latency_ms"} for e in entries)
    stdout = sim.ctl("log", "--clear")[0]
    assert [json.loads(line)["seq"] for line in stdout.splitlines()] == [1, 2, 3, 4]
    assert sim.log() == []


def test_dump_is_unchanged_by_reads(sim: Sim) -> None:
    """simctl dump leaves out the call counter: read-only calls leave it byte-identical."""
    before = sim.ctl("dump")[0]
    sim.ok("stmfadm", "list-lu", "-v")
    sim.ok("zpool", "list", "-H", "-o", "name")
    assert sim.ctl("dump")[0] == before and "seq" not in json.loads(before)
    sim.ok("stmfadm", "create-hg", "HG1")
    assert sim.ctl("dump")[0] != before


def test_a_read_writes_no_state(sim: Sim) -> None:
    """A read (and a refused command) leaves cluster.json untouched - the same file, not a rewrite;
    only the counter and the log move. A change replaces the file."""
    state_file = os.path.join(sim.root, "cluster.json")
    before = os.stat(state_file)
    sim.ok("stmfadm", "list-lu", "-v")
    sim.ok("itadm", "list-target", "-v")
    assert sim.run("stmfadm", "delete-hg", "NOSUCH")[2] != 0
    after = os.stat(state_file)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    with open(os.path.join(sim.root, "seq"), encoding="utf-8") as handle:
        assert handle.read() == "3\n"
    sim.ok("stmfadm", "create-hg", "HG1")
    assert os.stat(state_file).st_ino != before.st_ino


def test_unknown_node_and_missing_state(sim: Sim, bare_sim: Sim) -> None:
    """Simulator errors are not command answers: exit 70 on stderr."""
    assert sim.run("zpool", "list", node="live09") == ("", "comstar-sim: unknown node 'live09' (nodes: live01, live02)\n", 70)
    assert bare_sim.run("zpool", "list")[2] == 70
    assert sim.run("zpool", "list", "-H", "-o", "name", env={"COMSTAR_SIM_NODE": ""}) == ("pool1\n", "", 0)


def test_world_ids(sim: Sim) -> None:
    """new_uuid: lowercase 36 characters; new_guid: 600144F0 + 24 uppercase hex; both deterministic."""
    def ids() -> tuple[list[str], list[str]]:
        bound = world.World(simctl_state_cluster())
        return [bound.new_uuid() for _first in range(3)], [bound.new_guid() for _second in range(3)]

    def simctl_state_cluster() -> dict:
        return simctl.simctl_state.new_cluster(["a", "b"], True, {}, "rsf1", True)

    uuids, guids = ids()
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value) for value in uuids)
    assert all(re.fullmatch(r"600144F0[0-9A-F]{24}", value) for value in guids)
    assert len(set(uuids)) == 3 and len(set(guids)) == 3
    assert ids() == (uuids, guids)
    bound = world.World(simctl_state_cluster(), "b")
    assert bound.for_node("a").cluster is bound.cluster and bound.for_node("a").state is bound.cluster["node_state"]["a"]
    with pytest.raises(world.SimError):
        bound.for_node("c")
    del sim


def test_state_written_atomically_under_the_lock(sim: Sim) -> None:
    """Parallel processes each add their group: none lost; no temporary file left."""
    env = dict(os.environ, COMSTAR_SIM_ROOT=sim.root)
    runs = [subprocess.Popen([os.path.join(BIN, "stmfadm"), "create-hg", f"HG{n}"], env=env)  # pylint: disable=consider-using-with
            for n in range(8)]
    assert [run.wait() for run in runs] == [0] * 8
    assert sorted(sim.node()["stmf"]["host_groups"]) == [f"HG{n}" for n in range(8)]
    assert sorted(os.listdir(sim.root)) == ["bin", "cluster.json", "lock", "log.jsonl", "nodes", "seq"]
    assert sorted(entry["seq"] for entry in sim.log()) == list(range(1, 9))


@pytest.mark.parametrize("program", sorted(os.listdir(BIN)))
def test_launchers(program: str) -> None:
    """bin/<cmd>: an executable four-line `#!/usr/bin/env python` launcher: client.run("<cmd>") for a
    simulated program, main("simctl") for the control tool (always in-process)."""
    path = os.path.join(BIN, program)
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    call = "main('simctl', sys.argv[1:])" if program == "simctl" else f"run('{program}', sys.argv[1:])"
    assert len(lines) == 4 and lines[0] == "#!/usr/bin/env python" and call in lines[3]
    assert os.stat(path).st_mode & 0o111 == 0o111


def test_simctl_init_as_the_integration_tests_call_it(bare_sim: Sim) -> None:
    """`simctl init --root ROOT --nodes ... --rsf1 --pool pool1=live01 --ready` (--root after the subcommand)."""
    assert bare_sim.run("simctl", "init", "--root", bare_sim.root, "--nodes", "live01,live02", "--rsf1", "--pool",
                        "pool1=live01", "--ready") == ("", "", 0)
    cluster = bare_sim.state()
    assert (cluster["rsf1"], cluster["pools"]["pool1"]["node"], cluster["node_state"]["live02"]["services"]) == (
        True, "live01", {"svc:/system/stmf:default": "online", "svc:/network/iscsi/target:default": "online"})


def test_simctl_cli(bare_sim: Sim) -> None:
    """init shapes the cluster; service, service-fault and itadm-legacy change a node; dump shows it."""
    assert bare_sim.ctl("init", "--nodes", "n1", "--no-rsf1", "--pool", "tank=n1", "--pool", "spare")[2] == 0
    cluster = bare_sim.state()
    assert (cluster["nodes"], cluster["rsf1"], cluster["pools"]["tank"]["node"], cluster["pools"]["spare"]["node"]) == (
        ["n1"], False, "n1", None)
    assert cluster["node_state"]["n1"]["packages"] == {} and set(cluster["node_state"]["n1"]["services"].values()) == {"disabled"}
    bare_sim.run("simctl", "init", bare_sim.root, "--rsf1", "--ready", "--failover-mode", "bare")
    assert bare_sim.ctl("service", "live02", "iscsi/target", "offline") == ("", "", 0)
    assert bare_sim.ctl("itadm-legacy", "live01", "on") == ("", "", 0)
    dumped = json.loads(bare_sim.ctl("dump")[0])
    assert dumped["failover_mode"] == "bare" and dumped["node_state"]["live01"]["itadm_legacy"] is True
    assert dumped["node_state"]["live02"]["services"]["svc:/network/iscsi/target:default"] == "offline"
    assert bare_sim.ctl("service", "live02", "stmf", "broken")[2] == 1
    assert bare_sim.ctl("node-down", "live07") == ("", "simctl: unknown node 'live07' (nodes: live01, live02)\n", 1)


def test_init_writes_one_interpreter_per_node(tmp_path: Path) -> None:
    """ROOT/bin/python-NODE runs Python "on" NODE: the node named, the simulator first on PATH."""
    root = str(tmp_path / "sim")
    simctl.init(root, ("live01", "live02"), rsf1=True, pools={"pool1": "live01"}, ready=True)
    script = ("import os, subprocess; print(os.environ['COMSTAR_SIM_NODE'], os.environ['COMSTAR_SIM_ROOT'], "
              "subprocess.run(['zpool', 'list', '-H', '-o', 'name'], capture_output=True, text=True).stdout.strip() or '-')")
    seen = [subprocess.run([os.path.join(root, "bin", "python-" + node), "-c", script], capture_output=True, text=True, check=True).stdout.split()
            for node in ("live01", "live02")]
    assert seen == [["live01", os.path.abspath(root), "pool1"], ["live02", os.path.abspath(root), "-"]]
