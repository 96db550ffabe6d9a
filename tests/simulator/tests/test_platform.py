"""zfs volumes (illumos-cli.md §4), zpool and rsfcli (rsf1-and-pools.md §2-§3), SMF (§5), pkg (§6)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ISCSI, STMF, Sim
from comstar_sim.world import node_path

BASE_PROGRAMS = ["pkg", "svcadm", "svcs", "zfs", "zpool"]

CREATE_CASES = [
    ("not a multiple of volblocksize", ("-V", "1000000", "pool1/v"),
     ("", "cannot create 'pool1/v': volume size must be a multiple of volume block size\n", 1)),
    ("multiple of a given volblocksize", ("-b", "4K", "-V", "12K", "pool1/v"), ("", "", 0)),
    ("volblocksize through -o", ("-o", "volblocksize=16K", "-V", "32K", "pool1/v"), ("", "", 0)),
    ("decimal size", ("-V", "1.5G", "pool1/v"), ("", "", 0)),
    ("unit with B", ("-s", "-V", "10gb", "pool1/v"), ("", "", 0)),
    ("bad suffix", ("-V", "10XB", "pool1/v"), ("", "bad volume size '10XB': invalid numeric suffix 'XB'\n", 1)),
    ("bad number", ("-V", "abc", "pool1/v"), ("", "bad volume size 'abc': bad numeric value 'abc'\n", 1)),
    ("too large", ("-V", "20E", "pool1/v"), ("", "bad volume size '20E': numeric value is too large\n", 1)),
    ("zero", ("-V", "0", "pool1/v"), ("", "cannot create 'pool1/v': volume size cannot be zero\n", 1)),
    ("parent missing", ("-V", "1G", "pool1/a/v"), ("", "cannot create 'pool1/a/v': parent does not exist\n", 1)),
    ("parents made with -p", ("-p", "-V", "1G", "pool1/a/b/v"), ("", "", 0)),
    ("pool not imported here", ("-V", "1G", "pool2/v"), ("", "cannot open 'pool2': no such pool\n", 1)),
    ("sparse, pool not imported here", ("-s", "-V", "1G", "pool2/v"), ("", "cannot create 'pool2/v': no such pool 'pool2'\n", 1)),
]


@pytest.mark.parametrize("name, args, expected", CREATE_CASES, ids=[case[0] for case in CREATE_CASES])
def test_zfs_create(sim: Sim, name: str, args: tuple[str, ...], expected: tuple[str, str, int]) -> None:
    """§4.1: sizes, the volblocksize rule, pools and parents."""
    del name
    sim.init(pools={"pool1": "live01", "pool2": "live02"})
    assert sim.run("zfs", "create", *args) == expected


USAGE_CASES = [
    ("-V without a size", ("-V",), "missing size argument"),
    ("-s without -V", ("-s", "pool1/fs"), "'-s' and '-b' can only be used when creating a volume"),
    ("no volume", ("-V", "1G"), "missing volume argument"),
    ("two volumes", ("-V", "1G", "pool1/a", "pool1/b"), "too many arguments"),
    ("unknown option", ("-x", "pool1/a"), "invalid option 'x'"),
]


@pytest.mark.parametrize("name, args, message", USAGE_CASES, ids=[case[0] for case in USAGE_CASES])
def test_zfs_create_usage_errors(sim: Sim, name: str, args: tuple[str, ...], message: str) -> None:
    """§4.1: usage errors print the message and the usage on stderr, exit 2."""
    del name
    stdout, stderr, code = sim.run("zfs", "create", *args)
    assert (stdout, code) == ("", 2)
    assert stderr.startswith(message + "\nusage:\n") and "-V <size> <volume>" in stderr


def test_zfs_queries(sim: Sim) -> None:
    """§4.2: list and get, exact and human; a filesystem asked for as a volume; nothing listed."""
    sim.zvol("pool1/zvol1", "1.5G")
    sim.ok("zfs", "create", "-b", "128K", "-V", "1G", "pool1/big")
    assert sim.ok("zfs", "list", "-H", "-o", "name", "-t", "volume", "-r", "pool1") == "pool1/zvol1\npool1/big\n"
    assert sim.ok("zfs", "list", "-H", "-o", "name,volsize,volblocksize", "pool1/zvol1") == "pool1/zvol1\t1.50G\t8K\n"
    assert sim.ok("zfs", "get", "-H", "-p", "-o", "value", "volsize", "pool1/zvol1") == "1610612736\n"
    assert sim.ok("zfs", "get", "-H", "-o", "name,property,value", "volblocksize", "pool1/big") == "pool1/big\tvolblocksize\t128K\n"
    stdout, stderr, code = sim.run("zfs", "list", "-H", "-t", "volume", "pool1")
    assert (stdout, code) == ("", 1) and stderr.startswith("cannot open 'pool1': ")
    assert sim.run("zfs", "list", "-t", "volume", "-r", "pool1", node="live02") == (
        "", "cannot open 'pool1': dataset does not exist\n", 1)
    assert sim.run("zfs", "list", "-t", "volume", node="live02") == ("no datasets available\n", "", 0)
    assert sim.run("zfs", "list", "-H", "-t", "volume", node="live02") == ("", "", 0)
    assert sim.run("zfs", "get", "-H", "bogus", "pool1/zvol1")[2] == 2
    assert sim.run("zfs", "list", "-t", "tape")[1].startswith("invalid type 'tape'\n")


def test_zfs_set_volsize(sim: Sim) -> None:
    """§4.2: a multiple of the volblocksize, else the message naming it."""
    sim.zvol()
    sim.ok("zfs", "create", "-b", "128K", "-V", "1G", "pool1/big")
    assert sim.run("zfs", "set", "volsize=2G", "pool1/zvol1") == ("", "", 0)
    assert sim.ok("zfs", "get", "-Hp", "-o", "value", "volsize", "pool1/zvol1") == "2147483648\n"
    assert sim.run("zfs", "set", "volsize=1000000", "pool1/zvol1") == (
        "", "cannot set property for 'pool1/zvol1': 'volsize' must be a multiple of volume block size (8K)\n", 1)
    assert sim.run("zfs", "set", "volsize=1073750016", "pool1/big") == (
        "", "cannot set property for 'pool1/big': 'volsize' must be a multiple of volume block size (128K)\n", 1)
    assert sim.run("zfs", "set", "volsize=1G", "pool1/nope") == ("", "cannot open 'pool1/nope': dataset does not exist\n", 1)


LOCAL = ("zfs", "get", "-H", "-p", "-o", "name,property,value", "-s", "local", "-t", "volume", "all")


def test_zfs_properties_set_and_read(sim: Sim) -> None:
    """zfs_prop.c / libzfs: any settable property, aliases, one stored value for gzip and gzip-6,
    -p numbers, -s local only what was set, -t volume no filesystem; several pairs in one zfs set."""
    sim.ok("zfs", "create", "-o", "compress=gzip-6", "-o", "com.example:owner=ops", "-V", "1G", "pool1/zvol1")
    assert sim.ok(*LOCAL) == ("pool1/zvol1\tvolsize\t1073741824\npool1/zvol1\tcompression\tgzip\n"
                              "pool1/zvol1\trefreservation\t1073741824\npool1/zvol1\tcom.example:owner\tops\n")
    assert sim.run("zfs", "set", "sync=always", "copies=2", "snapshot_limit=none", "pool1/zvol1") == ("", "", 0)
    assert sim.ok("zfs", "get", "-H", "-o", "value", "sync,copies,snapshot_limit", "pool1/zvol1") == "always\n2\nnone\n"
    assert sim.ok("zfs", "get", "-Hp", "-o", "value", "snapshot_limit,reservation", "pool1/zvol1") == (
        "18446744073709551615\n0\n")
    assert sim.ok("zfs", "get", "-H", "-o", "property,source", "sync,logbias", "pool1/zvol1") == (
        "sync\tlocal\nlogbias\tdefault\n")
    recursive = sim.ok(*LOCAL[:-1], "-r", "all", "pool1")
    assert recursive == sim.ok(*LOCAL) and "pool1\t" not in recursive  # nothing of the pool's filesystem
    assert sim.run("zfs", "get", "-s", "nearby", "all")[2] == 2


def test_zfs_properties_refused(sim: Sim) -> None:
    """libzfs_dataset.c zfs_valid_proplist: unknown, not for volumes, read-only, set once, bad value, too big;
    nothing changes on a refusal (all pairs are checked first)."""
    sim.zvol()
    cases = [("volmode=dev", "invalid property 'volmode'"), ("com.Example:x=1", "invalid property 'com.Example:x'"),
             ("mountpoint=/srv", "'mountpoint' does not apply to datasets of this type"),
             ("used=1G", "'used' is readonly"), ("volblocksize=16K", "'volblocksize' is readonly"),
             ("sync=sometimes", "'sync' must be one of 'standard | always | disabled'"),
             ("refreserv=2G", "'refreserv' is greater than current volume size")]
    for setting, message in cases:
        assert sim.run("zfs", "set", "logbias=throughput", setting, "pool1/zvol1") == (
            "", f"cannot set property for 'pool1/zvol1': {message}\n", 1)
    assert "logbias" not in sim.ok(*LOCAL)
    assert sim.run("zfs", "set", "sync=", "pool1/zvol1")[1].startswith("missing value in property=value argument\n")
    assert sim.run("zfs", "create", "-o", "sync=always", "-o", "sync=standard", "-V", "1G", "pool1/v2") == (
        "", "property 'sync' specified multiple times\n", 1)
    assert sim.run("zfs", "create", "-o", "used=1G", "-V", "1G", "pool1/v2") == (
        "", "cannot create 'pool1/v2': 'used' is readonly\n", 1)
    assert sim.run("zfs", "list", "pool1/v2")[2] == 1


def test_zfs_refreservation_follows_size(sim: Sim) -> None:
    """A reservation equal to the size grows with it (zfs_add_synthetic_resv); one set lower stays."""
    sim.ok("zfs", "create", "-o", "refreservation=1G", "-V", "1G", "pool1/zvol1")
    sim.ok("zfs", "create", "-o", "refreservation=512M", "-V", "1G", "pool1/zvol2")
    for name in ("pool1/zvol1", "pool1/zvol2"):
        sim.ok("zfs", "set", "volsize=2G", name)
    assert sim.ok("zfs", "get", "-Hp", "-o", "value", "refreservation", "pool1/zvol1", "pool1/zvol2") == (
        "2147483648\n536870912\n")


def test_zfs_destroy(sim: Sim) -> None:
    """§4.2: busy while an LU uses the zvol [unconfirmed text]; gone after delete-lu."""
    guid = sim.lu()
    assert sim.run("zfs", "destroy", "pool1/zvol1") == ("", "cannot destroy 'pool1/zvol1': dataset is busy\n", 1)
    sim.ok("stmfadm", "delete-lu", guid)
    assert sim.run("zfs", "destroy", "pool1/zvol1") == ("", "", 0)
    assert sim.run("zfs", "destroy", "pool1/zvol1") == ("", "cannot open 'pool1/zvol1': dataset does not exist\n", 1)
    assert sim.run("stmfadm", "import-lu", "/dev/zvol/rdsk/pool1/zvol1") == ("", "stmfadm: data file error\n", 1)


def test_zpool_list(sim: Sim) -> None:
    """rsf1-and-pools.md §3: the name when imported here, `no such pool` otherwise."""
    assert sim.run("zpool", "list", "-H", "-o", "name", "pool1") == ("pool1\n", "", 0)
    assert sim.run("zpool", "list", "-H", "-o", "name", "pool1", node="live02") == ("", "cannot open 'pool1': no such pool\n", 1)
    assert sim.run("zpool", "list", "-H", "-o", "name", node="live02") == ("", "", 0)
    assert sim.run("zpool", "list", "-H", "-o", "name,health") == ("pool1\tONLINE\n", "", 0)


def test_rsfcli(sim: Sim) -> None:
    """rsf1-and-pools.md §2: `SERVICE : NODE`, `-` when stopped; absent outside RSF-1."""
    sim.init(pools={"pool1": "live01", "pool2": None})
    assert sim.run("rsfcli", "-i0", "list") == ("pool1 : live01\npool2 : -\n", "", 0)
    assert sim.run("rsfcli", "-i", "0", "isrunning") == ("", "", 0)
    sim.init(rsf1=False)
    assert sim.run("rsfcli", "-i0", "list") == ("", "rsfcli: command not found\n", 127)


def test_svcs(sim: Sim) -> None:
    """§5: short names, several FMRIs, an unknown pattern; -x differs for maintenance."""
    assert sim.run("svcs", "-H", "-o", "state", "stmf", "iscsi/target") == ("online\nonline\n", "", 0)
    assert sim.run("svcs", "-H", "-o", "state", "svc:/network/nfs/server:default") == (
        "", "svcs: Pattern 'svc:/network/nfs/server:default' doesn't match any instances\n", 1)
    assert sim.ok("svcs", "-H", "-o", "fmri,state", "target") == f"{ISCSI} online\n"
    online = sim.ok("svcs", "-x", STMF)
    sim.ok("simctl", "--root", sim.root, "service-fault", "live01", STMF)
    broken = sim.ok("svcs", "-x", STMF)
    assert online != broken and "maintenance" in broken and "maintenance" not in online


def test_fresh_host_bring_up(sim: Sim) -> None:
    """Seed step 1 on a fresh host: no package, no service; install, then enable in order."""
    sim.init(ready=False)
    assert sim.run("svcs", "-H", "-o", "state", STMF)[2] == 1
    assert sim.run("stmfadm", "list-lu") == ("", "stmfadm: command not found\n", 127)
    assert sim.run("pkg", "list", "-H", "network/iscsi/target")[2] == 1
    stdout, _stderr, code = sim.run("pkg", "install", "network/iscsi/target")
    assert code == 0 and stdout
    assert sim.ok("svcs", "-H", "-o", "state", STMF, ISCSI) == "disabled\ndisabled\n"
    sim.ok("svcadm", "enable", ISCSI)
    assert sim.ok("svcs", "-H", "-o", "state", ISCSI) == "offline\n"
    assert sim.run("svcadm", "enable", "-s", ISCSI) == ("", f'Instance "{ISCSI}" has unsatisfied dependencies.\n', 4)
    sim.ok("svcadm", "enable", STMF)
    assert sim.ok("svcs", "-H", "-o", "state", STMF, ISCSI) == "online\nonline\n"
    sim.ok("svcadm", "disable", "-s", STMF)
    assert sim.ok("svcs", "-H", "-o", "state", STMF, ISCSI) == "disabled\noffline\n"


def test_enable_recursive(sim: Sim) -> None:
    """§5: -r also enables what the service depends on [assumed: stmf]."""
    sim.init(ready=False)
    sim.ok("pkg", "install", "-q", "network/iscsi/target", "storage/stmf")
    assert sim.run("svcadm", "enable", "-rs", ISCSI) == ("", "", 0)
    assert sim.ok("svcs", "-H", "-o", "state", STMF, ISCSI) == "online\nonline\n"
    assert sim.run("svcadm", "enable", "nfs/server") == ("", "svcadm: Pattern 'nfs/server' doesn't match any instances\n", 1)


def test_maintenance_until_cleared(sim: Sim) -> None:
    """A faulted service stays in maintenance (also when enabled again) until svcadm clear."""
    sim.ok("simctl", "--root", sim.root, "service-fault", "live01", ISCSI)
    assert sim.ok("svcs", "-H", "-o", "state", ISCSI) == "maintenance\n"
    sim.ok("svcadm", "disable", ISCSI)
    assert sim.run("svcadm", "enable", "-s", ISCSI) == ("", f'Instance "{ISCSI}" is in maintenance state.\n', 3)
    assert sim.run("itadm", "list-target")[2] == 1
    assert sim.run("svcadm", "clear", ISCSI) == ("", "", 0)
    assert sim.ok("svcs", "-H", "-o", "state", ISCSI) == "online\n"
    assert not sim.node()["service_faults"]
    assert sim.run("svcadm", "clear", ISCSI)[2] == 1
    assert sim.run("svcadm", "restart", "iscsi/target") == ("", "", 0)
    assert sim.run("svcadm", "refresh", "stmf") == ("", "", 0)
    assert sim.ok("svcs", "-H", "-o", "state", STMF, ISCSI) == "online\nonline\n"
    assert sim.run("svcadm", "frobnicate", "stmf")[2] == 2


def test_pkg_list_forms(sim: Sim) -> None:
    """§6 list: the row format, -H, partial matches (3), pkg5's `list --` and `list -u --`."""
    row = f"{'network/iscsi/target':49} {'0.5.11-151054.0':26} i--\n"
    assert sim.run("pkg", "list", "-H", "network/iscsi/target") == (row, "", 0)
    assert sim.run("pkg", "list", "--", "pkg:/network/iscsi/target@0.5.11") == (
        f"{'NAME (PUBLISHER)':49} {'VERSION':26} IFO\n" + row, "", 0)
    assert sim.run("pkg", "list", "-H", "iscsi/target", "foo") == (
        row, "pkg list: no packages matching the following patterns are installed:\n  foo\n", 3)
    assert sim.run("pkg", "list", "-u", "--", "network/iscsi/target")[2] == 1


def test_pkg_install_forms(sim: Sim) -> None:
    """§6 install: 0 when something was installed, 4 when nothing; pkg5's option forms; uninstall."""
    sim.init(ready=False)
    argv = ("install", "-n", "--accept", "--be-name=comstar", "--no-refresh", "-q", "--", "network/iscsi/target")
    assert sim.run("pkg", *argv) == ("", "", 0)
    assert not sim.node()["packages"]
    assert sim.run("pkg", "install", "--accept", "--no-refresh", "-q", "--", "network/iscsi/target") == ("", "", 0)
    assert sorted(sim.node()["packages"]) == ["network/iscsi/target", "storage/stmf"]
    assert sim.run("pkg", "install", "-q", "storage/stmf") == ("No updates necessary for this image.\n", "", 4)
    assert sim.run("pkg", "install", "no/such/package")[2] == 1
    assert sim.run("pkg", "uninstall", "-q", "--", "network/iscsi/target") == ("", "", 0)
    assert sim.run("itadm", "list-target") == ("", "itadm: command not found\n", 127)
    assert sim.run("svcs", "-H", "-o", "state", ISCSI)[2] == 1


def _programs(sim: Sim, node: str) -> list[str]:
    return sorted(os.listdir(node_path(sim.root, node)))


def test_a_node_path_holds_only_the_programs_it_has(sim: Sim) -> None:
    """A program whose package is not installed is not on the node's PATH at all, as on a real host:
    a lookup (get_bin_path, which) finds nothing; pkg install/uninstall make it appear and go, per node."""
    sim.init(ready=False, rsf1=False)
    for node in ("live01", "live02"):
        assert _programs(sim, node) == BASE_PROGRAMS
        assert shutil.which("stmfadm", path=node_path(sim.root, node)) is None
    sim.ok("pkg", "install", "network/iscsi/target", node="live02")
    assert _programs(sim, "live01") == BASE_PROGRAMS
    assert _programs(sim, "live02") == sorted(BASE_PROGRAMS + ["itadm", "sbdadm", "stmfadm"])
    sim.ok("pkg", "uninstall", "network/iscsi/target", node="live02")
    assert _programs(sim, "live02") == sorted(BASE_PROGRAMS + ["sbdadm", "stmfadm"])
    sim.init(rsf1=True, nodes=("live01", "live03"))
    assert sorted(os.listdir(os.path.join(sim.root, "nodes"))) == ["live01", "live03"]
    assert _programs(sim, "live03") == sorted(BASE_PROGRAMS + ["itadm", "rsfcli", "sbdadm", "stmfadm", "stmfha"])


def test_node_interpreter_finds_what_the_node_has(sim: Sim) -> None:
    """ROOT/bin/python-NODE puts the node's PATH directory first: what the modules' get_bin_path searches."""
    sim.init(ready=False, rsf1=False)
    sim.ok("pkg", "install", "network/iscsi/target", node="live01")
    script = "import shutil, subprocess; print(shutil.which('stmfadm')); print(subprocess.run(['stmfadm', 'list-lu']).returncode)"
    for node, found in (("live01", True), ("live02", False)):
        python = os.path.join(sim.root, "bin", "python-" + node)
        if found:
            out = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True).stdout.split()
            assert out == [os.path.join(node_path(sim.root, node), "stmfadm"), "0"]
        else:
            probe = "import shutil; print(shutil.which('stmfadm'))"
            assert subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout == "None\n"


def test_node_programs_are_launchers_for_this_python_without_site(sim: Sim) -> None:
    """A node's program is a script run by the Python that set the state up, with -S (the client needs
    the standard library only), answering as the bin/ launcher does."""
    sim.init(rsf1=False)
    program = os.path.join(node_path(sim.root, "live01"), "svcs")
    assert not os.path.islink(program)
    with open(program, encoding="utf-8") as handle:
        assert handle.readline() == "#!%s -S\n" % os.path.abspath(sys.executable)
    env = dict(os.environ, COMSTAR_SIM_ROOT=sim.root, COMSTAR_SIM_NODE="live01")
    done = subprocess.run([program, "-H", "-o", "state", STMF], env=env, capture_output=True, text=True, check=False)
    assert (done.stdout, done.stderr, done.returncode) == sim.run("svcs", "-H", "-o", "state", STMF, node="live01")
