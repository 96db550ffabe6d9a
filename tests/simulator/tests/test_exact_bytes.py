"""Exact-bytes samples: what the simulator prints, whole, against tests/golden/reference/.

Each test builds, with the simulator's own commands, the configuration the sample shows, then
compares the whole stdout (and empty stderr, exit 0). Where a sample cannot be reached by
commands (sessions, a regular-file LU at a fixed path, views that overlap by the sample's
choice), that part of the state is written into cluster.json directly and only the listing is
under test.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import GUID1, GUID2, GUID3, IQN1, IQN2, STMF, Sim, golden

VM109 = "600144F721DCA2888BA402E411EE3AF1"
ESX01 = "iqn.1998-01.com.vmware:esx01-4f3c2a1b"
ESX02 = "iqn.1998-01.com.vmware:esx02-7d1e9c20"
SEED_IQN = "iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"


def _vm109(sim: Sim) -> None:
    sim.lu(VM109, "pool1/vm-109-disk-1", "6G")
    sim.ok("stmfadm", "add-view", VM109)


def _file_lu(sim: Sim, guid: str, path: str, **changes: object) -> None:
    record = {"data_file": path, "alias": None, "meta_file": None, "size": 10737418240, "block_size": 512,
              "mgmt_url": None, "vendor_id": "SUN", "product_id": "COMSTAR", "serial": None, "write_protect": False,
              "wcd": True, "state": "Online", "access_state": "Active"}
    record.update(changes)
    with sim.edit() as cluster:
        cluster["node_state"]["live01"]["stmf"]["lus"][guid] = record


def _mixed(sim: Sim) -> None:
    sim.zvol("pool1/zvol1")
    sim.ok("stmfadm", "create-lu", "-p", f"guid={GUID1}", "-p", "alias=zvol1-lun", "-p",
           "mgmt-url=http://storage01.example.com/lu/zvol1", "-p", "vid=ACME", "-p", "pid=StorageLU", "-p", "serial=SN-0001",
           "-p", "wcd=false", "/dev/zvol/rdsk/pool1/zvol1")
    sim.ok("stmfadm", "create-hg", "HG01")
    sim.ok("stmfadm", "add-view", "-h", "HG01", GUID1)
    sim.ok("stmfadm", "add-view", "-h", "HG01", GUID2)
    sim.ok("stmfadm", "create-hg", "HG02")
    sim.ok("stmfadm", "add-view", "-h", "HG02", GUID2)
    _file_lu(sim, GUID3, "/export/luns/disk3.img", meta_file="/export/luns/disk3.meta", block_size=4096,
             write_protect=True, state="Offline")


def _standby(sim: Sim) -> None:
    guid = sim.lu(GUID1)
    sim.ok("stmfadm", "add-view", guid)
    with sim.edit() as cluster:
        cluster["node_state"]["live01"]["stmf"]["lus"][guid]["access_state"] = "Standby"


def _unregistered(sim: Sim) -> None:
    for group in ("HG01", "HG02"):
        sim.ok("stmfadm", "create-hg", group)
        sim.ok("stmfadm", "add-view", "-h", group, GUID2)


def _two_lus(sim: Sim) -> None:
    sim.lu(GUID3, "pool1/zvol3")
    sim.lu(GUID1, "pool1/zvol1")


def _hg(sim: Sim) -> None:
    sim.ok("stmfadm", "create-hg", "hg1")
    sim.ok("stmfadm", "add-hg-member", "-g", "hg1", ESX01)


def _hg_multi(sim: Sim) -> None:
    for group in ("windows", "esx-cluster", "hg-empty"):
        sim.ok("stmfadm", "create-hg", group)
    sim.ok("stmfadm", "add-hg-member", "--group-name", "windows", "wwn.2100001b32a4c8f1")
    sim.ok("stmfadm", "add-hg-member", "-g", "esx-cluster", ESX02, "eui.0123456789abcdef", ESX01)


def _tg(sim: Sim) -> None:
    sim.ok("stmfadm", "create-tg", "TG02")
    sim.ok("stmfadm", "create-tg", "TG01")
    sim.ok("stmfadm", "add-tg-member", "-g", "TG01", IQN2, IQN1)


def _view(sim: Sim) -> None:
    sim.ok("stmfadm", "add-view", GUID1)


def _view_multi(sim: Sim) -> None:
    # The sample's entries 1 and 2 overlap (All/TG02 and esx-cluster/All), which add-view refuses
    # (§2.10); they are written directly to test the listing alone.
    views = [{"entry": 0, "host_group": "HG01", "target_group": "TG01", "lun": 0},
             {"entry": 1, "host_group": None, "target_group": "TG02", "lun": 3},
             {"entry": 2, "host_group": "esx-cluster", "target_group": None, "lun": 16383}]
    with sim.edit() as cluster:
        cluster["node_state"]["live01"]["stmf"]["views"][GUID1] = views


def _targets(sim: Sim) -> None:
    sessions = [{"initiator": ESX01, "alias": "esx01", "since": "Tue Mar  3 10:15:42 2026"},
                {"initiator": ESX02, "alias": None, "since": "Tue Mar  3 09:05:07 2026"}]
    sim.add_target(IQN1, alias="zvol1-iscsi", sessions=2, session_list=sessions)
    sim.add_target(IQN2, state="offline")


def _sbd_multi(sim: Sim) -> None:
    sim.lu(GUID1)
    _file_lu(sim, GUID3, "/export/lu files/disk3.img")


def _volumes(sim: Sim) -> None:
    sim.zvol("pool1/zvol1")
    sim.zvol("pool1/vm-109-disk-1", "6G")
    sim.ok("zfs", "create", "-p", "-b", "128K", "-V", "10G", "pool2/backup/vol0")


def _local_properties(sim: Sim) -> None:
    sim.ok("zfs", "create", "-s", "-o", "compression=lz4", "-o", "sync=always", "-o", "com.example:owner=storage team",
           "-V", "10G", "pool1/zvol1")
    sim.ok("zfs", "create", "-s", "-o", "refreservation=2G", "-o", "logbias=throughput", "-V", "6G", "pool1/vm-109-disk-1")
    sim.ok("zfs", "create", "-V", "1G", "pool2/untouched")  # another pool: not asked for


def _transition(sim: Sim) -> None:
    sim.ok("simctl", "--root", sim.root, "service", "live01", "stmf", "offline*")


def _nothing(sim: Sim) -> None:
    del sim


def _stmfha_tpg(sim: Sim) -> None:
    sim.ok("stmfha", "create-tpg", "TPG01", "192.168.5.10:3260")


def _stmfha_tg_one_node(sim: Sim) -> None:
    sim.ok("stmfadm", "create-tg", "TG01", node="live01")
    sim.ok("stmfadm", "add-tg-member", "-g", "TG01", SEED_IQN, node="live01")


CASES: list[tuple[str, Callable[[Sim], None], tuple[str, ...], dict[str, object]]] = [
    ("stmfadm_list_lu_v.txt", _vm109, ("stmfadm", "list-lu", "-v"), {}),
    ("stmfadm_list_lu_v_mixed.txt", _mixed, ("stmfadm", "list-lu", "-v"), {}),
    ("stmfadm_list_lu_v_standby.txt", _standby, ("stmfadm", "list-lu", "-v"), {}),
    ("stmfadm_list_lu_v_unregistered.txt", _unregistered, ("stmfadm", "list-lu", "-v"), {}),
    ("stmfadm_list_lu.txt", _two_lus, ("stmfadm", "list-lu"), {}),
    ("stmfadm_list_hg_v.txt", _hg, ("stmfadm", "list-hg", "-v"), {}),
    ("stmfadm_list_hg_v_multi.txt", _hg_multi, ("stmfadm", "list-hg", "-v"), {}),
    ("stmfadm_list_tg_v.txt", _tg, ("stmfadm", "list-tg", "-v"), {}),
    ("stmfadm_list_view.txt", _view, ("stmfadm", "list-view", "-l", GUID1), {}),
    ("stmfadm_list_view_multi.txt", _view_multi, ("stmfadm", "list-view", "-l", GUID1), {}),
    ("stmfadm_list_state.txt", _nothing, ("stmfadm", "list-state"), {}),
    ("stmfadm_list_target_v.txt", _targets, ("stmfadm", "list-target", "-v"), {}),
    ("sbdadm_list_lu.txt", _vm109, ("sbdadm", "list-lu"), {}),
    ("sbdadm_list_lu_multi.txt", _sbd_multi, ("sbdadm", "list-lu"), {}),
    ("zfs_list_volumes.txt", _volumes, ("zfs", "list", "-Hp", "-o", "name,volsize,volblocksize", "-t", "volume"),
     {"pools": {"pool1": "live01", "pool2": "live01"}}),
    ("zfs_get_volsize_volblocksize.txt", lambda sim: sim.zvol(), ("zfs", "get", "-Hp", "-o", "value", "volsize,volblocksize",
                                                                  "pool1/zvol1"), {}),
    ("zfs_get_local_volumes.txt", _local_properties,
     ("zfs", "get", "-H", "-p", "-o", "name,property,value", "-s", "local", "-t", "volume", "-r", "all", "pool1"),
     {"pools": {"pool1": "live01", "pool2": "live01"}}),
    ("zpool_list_names.txt", _nothing, ("zpool", "list", "-H", "-o", "name"), {"pools": {"rpool": "live01", "pool1": "live01"}}),
    ("svcs_state.txt", _nothing, ("svcs", "-H", "-o", "state", STMF), {}),
    ("svcs_state_transition.txt", _transition, ("svcs", "-H", "-o", "state", STMF), {}),
    ("rsfcli_list.txt", _nothing, ("rsfcli", "-i0", "list"), {"pools": {"pool1": "live01", "pool2": None}}),
    ("stmfha_create_tpg.txt", _nothing, ("stmfha", "create-tpg", "TPG01", "192.168.5.10:3260"), {}),
    ("stmfha_create_target.txt", _nothing, ("stmfha", "create-target", "-n", SEED_IQN), {}),
    ("stmfha_create_lu.txt", lambda sim: sim.zvol(), ("stmfha", "create-lu", "-p", f"guid={GUID1}", "/dev/zvol/rdsk/pool1/zvol1"), {}),
    ("stmfha_list_tpg_v.txt", _stmfha_tpg, ("stmfha", "list-tpg", "-v"), {}),
    ("stmfha_list_tg_v_one_empty.txt", _stmfha_tg_one_node, ("stmfha", "list-tg", "-v"), {}),
]


@pytest.mark.parametrize("sample, build, command, shape", CASES, ids=[case[0] for case in CASES])
def test_sample(sim: Sim, sample: str, build: Callable[[Sim], None], command: tuple[str, ...],
                shape: dict[str, object]) -> None:
    """The whole output equals the golden file."""
    if shape:
        sim.init(**shape)  # type: ignore[arg-type]
    build(sim)
    assert sim.run(*command) == (golden("reference/" + sample), "", 0)


# The reference's own literal blocks, for the cases that have no golden file.
LITERALS = [
    ("§2.9 list-hg -v", _hg, ("stmfadm", "list-hg", "-v"), "Host Group: hg1\n\tMember: iqn.1998-01.com.vmware:esx01-4f3c2a1b\n"),
    ("§2.11 list-view", _view, ("stmfadm", "list-view", "-l", GUID1),
     "View Entry: 0\n    Host group   : All\n    Target group : All\n    LUN          : 0\n"),
    ("§2.15 list-state", _nothing, ("stmfadm", "list-state"),
     "Operational Status: online\nConfig Status     : initialized\nALUA Status       : disabled\nALUA Node         : 0\n"),
    ("§2.16 sbdadm list-lu", _vm109, ("sbdadm", "list-lu"),
     "\nFound 1 LU(s)\n\n\t      GUID                    DATA SIZE           SOURCE\n"
     "--------------------------------  -------------------  ----------------\n"
     "600144f721dca2888ba402e411ee3af1  6442450944           /dev/zvol/rdsk/pool1/vm-109-disk-1\n"),
]


@pytest.mark.parametrize("name, build, command, expected", LITERALS, ids=[case[0] for case in LITERALS])
def test_reference_literal(sim: Sim, name: str, build: Callable[[Sim], None], command: tuple[str, ...], expected: str) -> None:
    """The reference's exact bytes."""
    del name
    build(sim)
    assert sim.run(*command) == (expected, "", 0)


ERRORS: list[tuple[str, tuple[str, ...]]] = [
    ("zfs_set_readonly.stderr", ("zfs", "set", "volblocksize=16K", "pool1/zvol1")),
    ("zfs_set_invalid_property.stderr", ("zfs", "set", "volmode=dev", "pool1/zvol1")),
    ("zfs_create_invalid_property.stderr", ("zfs", "create", "-s", "-o", "volmode=dev", "-V", "1G", "pool1/zvol2")),
    ("zfs_set_refreservation_too_big.stderr", ("zfs", "set", "refreservation=2G", "pool1/zvol1")),
]


@pytest.mark.parametrize("sample, command", ERRORS, ids=[case[0] for case in ERRORS])
def test_error_sample(sim: Sim, sample: str, command: tuple[str, ...]) -> None:
    """A refusal: nothing on stdout, the golden stderr, exit 1, and the volume unchanged."""
    sim.zvol("pool1/zvol1")
    before = sim.ok("zfs", "get", "-H", "-p", "-o", "name,property,value", "all", "pool1/zvol1")
    assert sim.run(*command) == ("", golden("reference/" + sample), 1)
    assert sim.ok("zfs", "get", "-H", "-p", "-o", "name,property,value", "all", "pool1/zvol1") == before
    assert sim.run("zfs", "list", "-H", "pool1/zvol2")[2] == 1
