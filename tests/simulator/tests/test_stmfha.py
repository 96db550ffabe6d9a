"""stmfha over the simulated stmfadm and itadm (rsf1-and-pools.md §1), and secrets in the call log.

These tests run itadm (tests/simulator/comstar_sim/itadm.py) through the same World as stmfadm.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import pathlib
import re

from conftest import GUID1, ISCSI, Sim

ZVOL = "/dev/zvol/rdsk/pool1/zvol1"
SECRET = "not-so-secret-at-all"
IQN_RE = r"iqn\.1995-10\.com\.high-availability:02:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _sections(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in text.split("\n\n"):
        head, _newline, body = block.partition("\n")
        found[head.rstrip(":")] = body
    return found


def test_new_itadm_target_is_online_for_stmfadm(sim: Sim) -> None:
    """§3.4: a created target is registered with STMF and online; adding it to a group needs offline."""
    created = sim.ok("itadm", "create-target")
    iqn = created.split()[1]
    assert sim.ok("stmfadm", "list-target", "-v", iqn).splitlines()[1] == "    Operational Status: Online"
    sim.ok("stmfadm", "create-tg", "TG1")
    assert sim.run("stmfadm", "add-tg-member", "-g", "TG1", iqn) == ("", "stmfadm: STMF target must be offline\n", 1)
    sim.ok("stmfadm", "offline-target", iqn)
    assert "offline" in sim.ok("itadm", "list-target", "-p")
    sim.ok("stmfadm", "add-tg-member", "-g", "TG1", iqn)
    sim.ok("itadm", "delete-target", iqn)
    assert sim.ok("stmfadm", "list-target") == ""


def test_itadm_secret_file_is_logged_by_hash_only(sim: Sim, tmp_path: pathlib.Path) -> None:
    """STATE.md: a secret file by path, mode, regularity and SHA-256; never its content."""
    path = os.path.join(str(tmp_path), "secret")
    with open(path, "w", encoding="ascii") as handle:
        handle.write(SECRET + "\n")
    os.chmod(path, 0o600)
    sim.ok("itadm", "create-target", "-a", "chap", "-S", path)
    entry = sim.log()[-1]
    digest = hashlib.sha256((SECRET + "\n").encode()).hexdigest()
    assert entry["secret_files"] == [{"path": path, "mode": "0600", "regular": True, "sha256": digest}]
    with open(os.path.join(sim.root, "log.jsonl"), encoding="utf-8") as handle:
        assert SECRET not in handle.read()
    assert sim.run("itadm", "create-target", "-S", "/dev/null")[2] == 9
    assert sim.log()[-1]["secret_files"] == [{"path": "/dev/null", "mode": "0666", "regular": False, "sha256": None}]


def test_stmfha_create_target_one_name_secret_by_file(sim: Sim) -> None:
    """One generated IQN for both nodes; the secret reaches itadm as a 0600 file, then is gone."""
    stdout, stderr, code = sim.run("stmfha", "create-target", "--auth-method", "chap", "--chap-secret", SECRET,
                                   "--alias", "zvol1-iscsi", "--tpg", "default")
    assert (stderr, code) == ("", 0)
    names = re.findall(rf"Target ({IQN_RE}) successfully created", stdout)
    assert len(names) == 2 and names[0] == names[1]
    for node in ("live01", "live02"):
        target = sim.node(node)["iscsit"]["targets"][0]
        assert (target["name"], target["alias"], target["auth"], bool(target["chap_secret"])) == (names[0], "zvol1-iscsi", "chap", True)
    entries = sim.log()
    assert entries[0]["argv"][:5] == ["stmfha", "create-target", "--auth-method", "chap", "--chap-secret"]
    assert re.fullmatch(r"\*\*\*sha256:[0-9a-f]{12}", entries[0]["argv"][5])
    inner = [entry for entry in entries if entry["via"] == "stmfha"]
    assert [entry["node"] for entry in inner] == ["live01", "live02"]
    files = [entry["secret_files"][0] for entry in inner]
    assert files[0]["path"] == files[1]["path"] and files[0]["mode"] == "0600" and files[0]["regular"]
    assert not os.path.exists(files[0]["path"])
    encoded = base64.b64encode(SECRET.encode()).decode("ascii")
    with open(os.path.join(sim.root, "log.jsonl"), encoding="utf-8") as handle:
        log_text = handle.read()
    assert SECRET not in log_text and encoded not in log_text
    # cluster.json holds the secret as libiscsit does, base64 (never in clear), and on each node
    # exactly the value stmfha was given
    with open(os.path.join(sim.root, "cluster.json"), encoding="utf-8") as handle:
        state_text = handle.read()
    assert SECRET not in state_text
    held = [json.loads(state_text)["node_state"][node]["iscsit"]["targets"][0]["chap_secret"] for node in ("live01", "live02")]
    assert [base64.b64decode(value).decode() for value in held] == [SECRET, SECRET]


def test_stmfha_masks_secrets_in_every_form(sim: Sim) -> None:
    """-s VALUE, --chap-secret=VALUE and a misspelt subcommand never reach the log in clear."""
    sim.run("stmfha", "create-initiator", "-s", SECRET, "iqn.1998-01.com.vmware:esx01")
    sim.run("stmfha", "modify-target", f"--chap-secret={SECRET}", "iqn.1998-01.com.vmware:none")
    sim.run("stmfha", "create-targets", "--chap-secret", SECRET)
    assert SECRET not in json.dumps(sim.log())
    assert sim.node()["iscsit"]["initiators"][0]["chap_secret"]


def test_stmfha_pool_bound_runs_where_the_pool_is(sim: Sim) -> None:
    """create-lu, add-view, list-lu: only the pool's node acts, from whichever node stmfha runs."""
    sim.zvol()
    assert sim.run("stmfha", "create-lu", "-p", f"guid={GUID1}", ZVOL, node="live02") == (
        f"live01:\n  Logical unit created: {GUID1}\n", "", 0)
    sim.ok("stmfha", "create-tg", "TG1")
    assert sim.run("stmfha", "add-view", "-t", "TG1", "-n", "3", GUID1.lower(), node="live02") == (
        f"live01:\n  {GUID1}: view entry 0 created for LUN 3\n", "", 0)
    assert sim.ok("stmfha", "list-lu") == f"live01:\n  LU Name: {GUID1}\n\nlive02:\n"
    assert sim.run("stmfha", "remove-view", "-l", GUID1, "0") == (f"live01:\n  {GUID1}: view entry 0 removed\n", "", 0)
    assert sim.run("stmfha", "delete-lu", GUID1) == ("live01:\n  Logical unit deleted\n", "", 0)


def test_stmfha_list_lu_verbose_layout(sim: Sim) -> None:
    """[seed] labels padded to 19, a View-entry line per view after the count; All reads `all`."""
    sim.lu(GUID1)
    sim.ok("stmfha", "add-view", GUID1)
    lines = sim.ok("stmfha", "list-lu", "-v").splitlines()
    assert lines[:7] == ["live01:", f"  LU Name: {GUID1}", "      Operational Status : Online", "      Provider Name      : sbd",
                         f"      Alias              : {ZVOL}", "      View Entry Count   : 1",
                         "       View-entry 0      : Host group 'all' Target group 'all' LUN '0'"]
    assert lines[-2:] == ["", "live02:"]


def test_stmfha_cluster_wide_errors_per_node(sim: Sim) -> None:
    """[assumed] a failing node's section carries the tool's messages; the others still run; exit 1."""
    sim.ok("itadm", "create-tpg", "TPG01", "10.0.0.1", node="live02")
    assert sim.run("stmfha", "create-tpg", "TPG01", "10.0.0.1") == (
        "live01:\n  create-tpg: TPG01 successfully created\n\nlive02:\n  Target Portal Group TPG01 already exists\n"
        "  itadm create-tpg failed with error 1\n", "", 1)
    sim.ok("simctl", "--root", sim.root, "service", "live02", ISCSI, "disabled")
    stdout, _stderr, code = sim.run("stmfha", "list-tpg")
    assert code == 1 and _sections(stdout)["live02"].startswith("  The iSCSI target service must be online")


def test_stmfha_with_a_node_down(sim: Sim) -> None:
    """[assumed] the down node's section says so; the exit status is non-zero."""
    sim.ctl("node-down", "live02")
    assert sim.run("stmfha", "create-hg", "HG1") == (
        "live01:\n  Host group created\n\nlive02:\n  ssh: connect to host live02 port 22: Connection refused\n", "", 1)
    assert list(sim.node("live01")["stmf"]["host_groups"]) == ["HG1"]


def test_stmfha_fault_on_one_node(sim: Sim) -> None:
    """An injected failure of the underlying tool on one node shows in that node's section only."""
    sim.ok("stmfha", "create-tg", "TG01")
    sim.ctl("fault", "add", "--node", "live02", "--command", "stmfadm", "--subcommand", "add-tg-member",
            "--stderr", "stmfadm: resource busy\n")
    iqn = "iqn.2000-01.com.example:t1"
    assert sim.run("stmfha", "add-tg-member", "-g", "TG01", iqn) == (
        "live01:\n  Target group member added\n\nlive02:\n  stmfadm: resource busy\n", "", 1)
    assert sim.node("live02")["stmf"]["target_groups"]["TG01"] == []


def test_stmfha_absent_and_usage(sim: Sim) -> None:
    """Not an RSF-1 cluster: not installed. Unknown subcommands and options are refused up front."""
    assert sim.run("stmfha", "bogus")[2] == 1
    assert sim.run("stmfha", "create-tg", "--nope", "TG")[1] == "stmfha: create-tg: unknown option '--nope'\n"
    assert sim.log()[-1]["argv"] == ["stmfha", "create-tg", "--nope", "TG"] and len(sim.log()) == 2
    sim.init(rsf1=False)
    assert sim.run("stmfha", "list-tg") == ("", "stmfha: command not found\n", 127)


def test_walkthrough(sim: Sim) -> None:
    """simctl walkthrough loads the seed's configuration on the pool's node and both nodes."""
    sim.init(ready=False)
    stdout, stderr, code = sim.ctl("walkthrough", "--vip", "10.1.1.1")
    assert (stderr, code) == ("", 0)
    loaded = json.loads(stdout)
    assert re.fullmatch(IQN_RE, loaded["iqn"]) and re.fullmatch(r"600144F0[0-9A-F]{24}", loaded["guid"])
    for node in ("live01", "live02"):
        assert sim.node(node)["stmf"]["target_groups"] == {"TG01": [loaded["iqn"]]}
        assert sim.node(node)["iscsit"]["tpgs"][0]["portals"] == ["10.1.1.1:3260"]
    assert sim.node("live01")["stmf"]["views"][loaded["guid"]] == [{"entry": 0, "host_group": None, "target_group": "TG01", "lun": 0}]
    assert sim.node("live02")["stmf"]["lus"] == {}
