"""One test per row of the reference's simulator quick table (illumos-cli.md §9) for the
simulator's own programs (the itadm rows are tested with itadm). Whole stdout, stderr and rc."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from conftest import GUID1, GUID2, IQN1, STMF, Sim

ZVOL = "/dev/zvol/rdsk/pool1/zvol1"


@dataclass
class Row:
    """A §9 row: what to set up, the command run on live01, and (stdout, stderr, rc)."""

    name: str
    command: tuple[str, ...]
    expected: tuple[str, str, int]
    setup: list[tuple[str, ...]] = field(default_factory=list)
    prepare: Callable[[Sim], None] | None = None


def _online_target(sim: Sim) -> None:
    sim.add_target(IQN1)


def _stmf_offline(sim: Sim) -> None:
    sim.ok("svcadm", "disable", STMF)


ROWS = [
    Row("create-lu on a zvol: created", ("stmfadm", "create-lu", "-p", f"guid={GUID1}", ZVOL),
        (f"Logical unit created: {GUID1}\n", "", 0), [("zfs", "create", "-V", "1G", "pool1/zvol1")]),
    Row("create-lu: file already used by an LU", ("stmfadm", "create-lu", ZVOL),
        ("", f"stmfadm: filename {ZVOL}: in use\n", 1),
        [("zfs", "create", "-V", "1G", "pool1/zvol1"), ("stmfadm", "create-lu", ZVOL)]),
    Row("create-lu: bad path", ("stmfadm", "create-lu", "/dev/zvol/rdsk/pool1/missing"),
        ("", "stmfadm: data file error\n", 1)),
    Row("delete-lu: missing", ("stmfadm", "delete-lu", GUID1), ("", f"stmfadm: {GUID1.lower()}: not found\n", 1)),
    Row("list-lu: none", ("stmfadm", "list-lu"), ("", "", 0)),
    Row("list-lu GUID: missing", ("stmfadm", "list-lu", GUID1), ("", f"stmfadm: {GUID1}: not found\n", 1)),
    Row("create-hg: exists", ("stmfadm", "create-hg", "X"), ("", "stmfadm: X: already exists\n", 1),
        [("stmfadm", "create-hg", "X")]),
    Row("add-hg-member: group missing", ("stmfadm", "add-hg-member", "-g", "X", "iqn.1998-01.com.vmware:esx01"),
        ("", "stmfadm: X: not found\n", 1)),
    Row("add-tg-member: target online", ("stmfadm", "add-tg-member", "-g", "T", IQN1),
        ("", "stmfadm: STMF target must be offline\n", 1), [("stmfadm", "create-tg", "T")], _online_target),
    Row("delete-hg: used by a view", ("stmfadm", "delete-hg", "X"),
        ("", "stmfadm: X: group is in use by existing view entry\n", 1),
        [("stmfadm", "create-hg", "X"), ("stmfadm", "add-view", "-h", "X", GUID1)]),
    Row("add-view: again", ("stmfadm", "add-view", GUID1), ("", "stmfadm: view entry exists\n", 1),
        [("stmfadm", "add-view", GUID1)]),
    Row("add-view -n 0: LUN taken", ("stmfadm", "add-view", "-n", "0", GUID2), ("", "stmfadm: LUN already in use\n", 1),
        [("stmfadm", "add-view", "-n", "0", GUID1)]),
    Row("list-view: no views", ("stmfadm", "list-view", "-l", GUID1), ("", f"stmfadm: {GUID1.lower()}: no views found\n", 1)),
    Row("online-target: STMF offline", ("stmfadm", "online-target", IQN1), ("", "stmfadm: STMF service is offline\n", 1),
        prepare=_stmf_offline),
    Row("zfs create: exists", ("zfs", "create", "-V", "10G", "pool1/v"), ("", "cannot create 'pool1/v': dataset already exists\n", 1),
        [("zfs", "create", "-V", "10G", "pool1/v")]),
    Row("zfs list: missing", ("zfs", "list", "-H", "-o", "name", "-t", "volume", "pool1/v"),
        ("", "cannot open 'pool1/v': dataset does not exist\n", 1)),
    Row("svcs state", ("svcs", "-H", "-o", "state", STMF), ("online\n", "", 0)),
    Row("pkg install: already installed", ("pkg", "install", "network/iscsi/target"),
        ("No updates necessary for this image.\n", "", 4)),
    Row("pkg list: not installed", ("pkg", "list", "-H", "foo"),
        ("", "pkg list: no packages matching the following patterns are installed:\n  foo\n", 1)),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_quick_table_row(sim: Sim, row: Row) -> None:
    """The row's exact stdout, stderr and exit status."""
    for step in row.setup:
        sim.ok(*step)
    if row.prepare is not None:
        row.prepare(sim)
    assert sim.run(*row.command) == row.expected
