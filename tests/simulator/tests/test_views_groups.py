"""stmfadm view entries (illumos-cli.md §2.10-§2.12), groups (§2.9), targets and state (§2.13, §2.15)."""
from __future__ import annotations

import pytest

from conftest import GUID1, GUID2, GUID3, IQN1, IQN2, ISCSI, STMF, Sim

ESX01 = "iqn.1998-01.com.vmware:esx01-4f3c2a1b"


def _views(sim: Sim, guid: str) -> list[tuple[int, str | None, str | None, int]]:
    entries = sim.node()["stmf"]["views"].get(guid, [])
    return sorted((view["entry"], view["host_group"], view["target_group"], view["lun"]) for view in entries)


def _groups(sim: Sim, *names: str, kind: str = "hg") -> None:
    for name in names:
        sim.ok("stmfadm", f"create-{kind}", name)


def test_repeat_add_view_is_view_entry_exists(sim: Sim) -> None:
    """§2.10: the same add-view twice; and All overlaps any named group."""
    _groups(sim, "HG1")
    sim.ok("stmfadm", "add-view", "-h", "HG1", GUID1)
    assert sim.run("stmfadm", "add-view", "-h", "HG1", GUID1) == ("", "stmfadm: view entry exists\n", 1)
    assert sim.run("stmfadm", "add-view", GUID1) == ("", "stmfadm: view entry exists\n", 1)


def test_lowest_free_entry_per_lu(sim: Sim) -> None:
    """§2.10: entry numbers start at 0 per LU; a removed number is reused first."""
    _groups(sim, "HG1", "HG2", "HG3", "HG4")
    for group in ("HG1", "HG2", "HG3"):
        sim.ok("stmfadm", "add-view", "-h", group, GUID1)
    sim.ok("stmfadm", "add-view", "-h", "HG1", GUID2)
    sim.ok("stmfadm", "remove-view", "-l", GUID1, "1")
    sim.ok("stmfadm", "add-view", "-h", "HG4", GUID1)
    assert [view[0] for view in _views(sim, GUID1)] == [0, 1, 2]
    assert _views(sim, GUID2) == [(0, "HG1", None, 1)]


def test_lowest_free_lun_across_overlapping_views(sim: Sim) -> None:
    """§2.10: the LUN is the lowest free one across every overlapping view; others may reuse it."""
    _groups(sim, "HG1", "HG2")
    _groups(sim, "TG1", "TG2", kind="tg")
    sim.ok("stmfadm", "add-view", "-h", "HG1", "-t", "TG1", GUID1)
    sim.ok("stmfadm", "add-view", "-h", "HG2", "-t", "TG1", GUID2)
    sim.ok("stmfadm", "add-view", "-h", "HG1", GUID3)
    assert [_views(sim, guid)[0][3] for guid in (GUID1, GUID2, GUID3)] == [0, 0, 1]
    sim.ok("stmfadm", "remove-view", "-l", GUID1, "-a")
    sim.ok("stmfadm", "add-view", "-t", "TG2", GUID1)
    assert _views(sim, GUID1) == [(0, None, "TG2", 0)]
    assert sim.run("stmfadm", "add-view", "-n", "1", "-h", "HG1", "-t", "TG2", "600144F0000000000000000000000009") == (
        "", "stmfadm: LUN already in use\n", 1)


LUN_CASES = [
    ("16384 refused", "16384", ("", "stmfadm: 16384: Logical unit number must be less than 16384\n", 1), None),
    ("16383 accepted", "16383", ("", "", 0), 16383),
    ("65536 wraps to 0", "65536", ("", "", 0), 0),
    ("non-numeric is 0", "abc", ("", "", 0), 0),
    ("negative wraps high", "-1", ("", "stmfadm: -1: Logical unit number must be less than 16384\n", 1), None),
]


@pytest.mark.parametrize("name, value, expected, lun", LUN_CASES, ids=[case[0] for case in LUN_CASES])
def test_add_view_lun_parsing(sim: Sim, name: str, value: str, expected: tuple[str, str, int], lun: int | None) -> None:
    """§2.10: atoi into 16 bits, then the 16383 limit."""
    del name
    assert sim.run("stmfadm", "add-view", "-n", value, GUID1) == expected
    assert [view[3] for view in _views(sim, GUID1)] == ([] if lun is None else [lun])


def test_add_view_errors(sim: Sim) -> None:
    """§2.10: unknown groups and a wrong-length GUID (no "long")."""
    assert sim.run("stmfadm", "add-view", "-h", "nope", GUID1) == ("", "stmfadm: invalid host group\n", 1)
    assert sim.run("stmfadm", "add-view", "-t", "nope", GUID1) == ("", "stmfadm: invalid target group\n", 1)
    assert sim.run("stmfadm", "add-view", "600144F0") == ("", "stmfadm: 600144F0: must be 32 hexadecimal digits\n", 1)


def test_list_view_entries(sim: Sim) -> None:
    """§2.11: chosen entries, a missing one, an unknown GUID (no views found, lowercased)."""
    _groups(sim, "HG1")
    sim.ok("stmfadm", "add-view", "-h", "HG1", "-n", "4", GUID1)
    assert sim.run("stmfadm", "list-view", "-l", GUID1.lower(), "0") == (
        "View Entry: 0\n    Host group   : HG1\n    Target group : All\n    LUN          : 4\n", "", 0)
    assert sim.run("stmfadm", "list-view", "-l", GUID1, "7") == ("", f"stmfadm: {GUID1.lower()}, 7: not found\n", 1)
    assert sim.run("stmfadm", "list-view", "-l", GUID2) == ("", f"stmfadm: {GUID2.lower()}: no views found\n", 1)
    assert sim.run("stmfadm", "list-view", "-l", "x") == ("", "stmfadm: x: must be 32 hexadecimal digits long\n", 1)


def test_remove_view(sim: Sim) -> None:
    """§2.12: entries or -a; a missing entry counts, a non-numeric one does not."""
    _groups(sim, "HG1", "HG2")
    sim.ok("stmfadm", "add-view", "-h", "HG1", GUID1)
    sim.ok("stmfadm", "add-view", "-h", "HG2", GUID1)
    assert sim.run("stmfadm", "remove-view", "-l", GUID1) == ("", "stmfadm: no view entries specified\n", 1)
    stdout, stderr, code = sim.run("stmfadm", "remove-view", "-l", GUID1, "9", "zz", "0")
    assert (stdout, code) == ("", 1) and f"stmfadm: {GUID1.lower()}: 9: not found\n" in stderr and "zz" in stderr
    assert _views(sim, GUID1) == [(1, "HG2", None, 0)]
    sim.ok("stmfadm", "remove-view", "--lu-name", GUID1, "--all")
    assert sim.run("stmfadm", "remove-view", "-l", GUID1, "-a") == ("", f"stmfadm: {GUID1.lower()}: no views found\n", 1)


def test_groups_create_delete(sim: Sim) -> None:
    """§2.9: delete needs the group unused by views; unknown names are not found."""
    _groups(sim, "TG1", kind="tg")
    sim.ok("stmfadm", "add-view", "-t", "TG1", GUID1)
    assert sim.run("stmfadm", "delete-tg", "TG1") == ("", "stmfadm: TG1: group is in use by existing view entry\n", 1)
    sim.ok("stmfadm", "remove-view", "-l", GUID1, "-a")
    sim.ok("stmfadm", "delete-tg", "TG1")
    assert sim.run("stmfadm", "delete-tg", "TG1") == ("", "stmfadm: TG1: not found\n", 1)
    assert sim.run("stmfadm", "list-hg", "nope") == ("", "stmfadm: nope: not found\n", 1)
    assert sim.run("stmfadm", "list-tg") == ("", "", 0)


MEMBER_CASES = [
    ("unrecognized device id", ("add-hg-member", "-g", "HG1", "host1"), ("", "stmfadm: host1: unrecognized device id\n", 1)),
    ("IQN. prefix is case-sensitive", ("add-hg-member", "-g", "HG1", "IQN.1998-01.com.x:y"),
     ("", "stmfadm: IQN.1998-01.com.x:y: unrecognized device id\n", 1)),
    ("eui needs 16 hex digits", ("add-hg-member", "-g", "HG1", "eui.1234"), ("", "stmfadm: eui.1234: unrecognized device id\n", 1)),
    ("already in this group", ("add-hg-member", "-g", "HG1", ESX01), ("", f"stmfadm: {ESX01}: already exists\n", 1)),
    ("one host group per initiator", ("add-hg-member", "-g", "HG2", ESX01.upper().replace("IQN.", "iqn.")),
     ("", f"stmfadm: {ESX01.upper().replace('IQN.', 'iqn.')}: already exists\n", 1)),
    ("remove a non-member", ("remove-hg-member", "-g", "HG2", ESX01), ("", f"stmfadm: {ESX01}: not found\n", 1)),
    ("two failures count two", ("add-hg-member", "-g", "HG2", "a", "b"),
     ("", "stmfadm: a: unrecognized device id\nstmfadm: b: unrecognized device id\n", 2)),
]


@pytest.mark.parametrize("name, args, expected", MEMBER_CASES, ids=[case[0] for case in MEMBER_CASES])
def test_member_rules(sim: Sim, name: str, args: tuple[str, ...], expected: tuple[str, str, int]) -> None:
    """§2.3 device ids, §2.9 one group per member; HG1 holds ESX01, HG2 is empty."""
    del name
    _groups(sim, "HG1", "HG2")
    sim.ok("stmfadm", "add-hg-member", "-g", "HG1", ESX01)
    assert sim.run("stmfadm", *args) == expected


def test_members_are_canonical(sim: Sim) -> None:
    """§2.3/§2.9: iqn lowercased, eui/wwn hex uppercased."""
    _groups(sim, "HG1")
    sim.ok("stmfadm", "add-hg-member", "-g", "HG1", "iqn.1998-01.COM.VMware:ESX9", "eui.0123456789abcdef", "wwn.2100001b32a4c8f1")
    assert sim.ok("stmfadm", "list-hg", "-v", "HG1") == (
        "Host Group: HG1\n\tMember: iqn.1998-01.com.vmware:esx9\n\tMember: eui.0123456789ABCDEF\n"
        "\tMember: wwn.2100001B32A4C8F1\n")
    sim.ok("stmfadm", "remove-hg-member", "-g", "HG1", "EUI.0123456789ABCDEF".replace("EUI", "eui"))
    assert sim.node()["stmf"]["host_groups"]["HG1"] == ["iqn.1998-01.com.vmware:esx9", "wwn.2100001B32A4C8F1"]


def test_target_group_membership_needs_the_target_offline(sim: Sim) -> None:
    """§2.9: add and remove refused while the target port is online; fine once offline."""
    sim.add_target(IQN1)
    _groups(sim, "TG1", kind="tg")
    assert sim.run("stmfadm", "add-tg-member", "-g", "TG1", IQN1) == ("", "stmfadm: STMF target must be offline\n", 1)
    sim.ok("stmfadm", "offline-target", IQN1)
    sim.ok("stmfadm", "add-tg-member", "-g", "TG1", IQN1)
    sim.ok("stmfadm", "online-target", IQN1)
    assert sim.run("stmfadm", "remove-tg-member", "-g", "TG1", IQN1) == ("", "stmfadm: STMF target must be offline\n", 1)
    assert sim.node()["stmf"]["target_groups"]["TG1"] == [IQN1]


def test_unregistered_targets_can_join_while_online(sim: Sim) -> None:
    """§2.9: a target STMF does not know (not created, or iscsit not running) can be added."""
    sim.add_target(IQN1)
    _groups(sim, "TG1", kind="tg")
    sim.ok("stmfadm", "add-tg-member", "-g", "TG1", IQN2)
    sim.ok("svcadm", "disable", ISCSI)
    sim.ok("stmfadm", "add-tg-member", "-g", "TG1", IQN1)


def test_list_and_switch_targets(sim: Sim) -> None:
    """§2.13: list-target (itadm's targets), state changes, errors."""
    sim.add_target(IQN1, alias="a1")
    sim.add_target(IQN2, state="offline")
    assert sim.ok("stmfadm", "list-target") == f"Target: {IQN1}\nTarget: {IQN2}\n"
    sim.ok("stmfadm", "online-target", IQN2.upper().replace("IQN.", "iqn."))
    assert sim.node()["iscsit"]["targets"][1]["state"] == "online"
    assert sim.run("stmfadm", "list-target", "iqn.2000-01.com.x:none") == ("", "stmfadm: iqn.2000-01.com.x:none: not found\n", 1)
    assert sim.run("stmfadm", "offline-target", "iqn.2000-01.com.x:none") == ("", "stmfadm: iqn.2000-01.com.x:none: not found\n", 1)
    assert sim.run("stmfadm", "offline-target", "target1") == ("", "stmfadm: target1: unrecognized device id\n", 1)


def test_stmf_offline(sim: Sim) -> None:
    """§2.13/§2.15: list-target refuses, list-state says offline."""
    sim.ok("svcadm", "disable", STMF)
    assert sim.run("stmfadm", "list-target") == ("", "stmfadm: STMF service offline\n", 1)
    assert sim.ok("stmfadm", "list-state").startswith("Operational Status: offline\n")
