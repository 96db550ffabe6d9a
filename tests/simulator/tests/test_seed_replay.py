"""The founding walkthrough replayed on the simulator, every stmfha output compared with the seed's.

The seed is a web page, so outputs are compared by DESIGN.md's rule for it (tests/golden/seed/
README.md): per line strip the blanks around it and collapse runs of blanks and TABs, drop blank
lines, read dev3/dev4 as live01/live02, mask generated IQNs and GUIDs.
"""
from __future__ import annotations

import re

from conftest import Sim, golden

SEED_IQN = "iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4"
SEED_GUID = "600144F09CF9DD070000614DEADE0001"

# (golden file, stmfha arguments as on the page; the seed's IQN and GUID stand for the generated ones)
STEPS = [
    ("01_create-tpg.txt", "create-tpg TPG01 192.168.5.10:3260"),
    ("02_list-tpg.txt", "list-tpg -v"),
    ("03_create-target.txt", "create-target --auth-method chap --chap-secret not-so-secret --alias zvol1-iscsi --tpg TPG01"),
    ("04_list-target.txt", "list-target -v"),
    ("05_create-tg.txt", "create-tg TG01"),
    ("06_list-tg.txt", "list-tg -v"),
    ("07_offline-target.txt", f"offline-target {SEED_IQN}"),
    ("08_add-tg-member.txt", f"add-tg-member --group-name TG01 {SEED_IQN}"),
    ("09_list-tg.txt", "list-tg -v"),
    ("10_online-target.txt", f"online-target {SEED_IQN}"),
    ("11_create-lu.txt", "create-lu /dev/zvol/rdsk/pool1/zvol1"),
    ("12_add-view.txt", f"add-view -t TG01 {SEED_GUID}"),
    ("13_list-lu.txt", "list-lu -v"),
    ("14_list-target.txt", "list-target -v"),
    ("15_list-tpg.txt", "list-tpg -v"),
    ("16_list-tg.txt", "list-tg -v"),
    ("17_list-lu.txt", "list-lu -v"),
]

_IQN = re.compile(r"iqn\.1995-10\.com\.high-availability:02:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")
_GUID = re.compile(r"\b600144F0[0-9A-F]{24}\b")


def seed_form(text: str) -> list[str]:
    """The comparison rule for the seed (DESIGN.md)."""
    lines = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        line = re.sub(r"\bdev3\b", "live01", re.sub(r"\bdev4\b", "live02", line))
        lines.append(_GUID.sub("<GUID>", _IQN.sub("<IQN>", line)))
    return lines


def test_seed_form_rule() -> None:
    """The rule itself: indents, blank runs, TABs, blank lines, node names, generated names."""
    page = f"dev3:\n    TPG01      1\n\n  portals:    x\t y  \n\n{SEED_IQN} {SEED_GUID}\n"
    assert seed_form(page) == ["live01:", "TPG01 1", "portals: x y", "<IQN> <GUID>"]


def test_seed_replay(bare_sim: Sim) -> None:
    """Steps 1-8 and the inspection, in the seed's order, on a fresh two-node RSF-1 cluster."""
    sim = bare_sim
    sim.init(pools={"pool1": "live01"}, ready=False)
    for node in ("live01", "live02"):
        sim.ok("pkg", "install", "network/iscsi/target", node=node)
        sim.ok("svcadm", "enable", "svc:/system/stmf:default", node=node)
        sim.ok("svcadm", "enable", "svc:/network/iscsi/target:default", node=node)
    sim.ok("zfs", "create", "-V", "1G", "pool1/zvol1", node="live01")
    names = {SEED_IQN: SEED_IQN, SEED_GUID: SEED_GUID}
    for sample, page_args in STEPS:
        args = [names.get(arg, arg) for arg in page_args.split()]
        stdout, stderr, code = sim.run("stmfha", *args, node="live01")
        assert (stderr, code) == ("", 0), (page_args, stdout, stderr)
        assert seed_form(stdout) == seed_form(golden("seed/" + sample)), page_args
        created = _IQN.search(stdout) if args[0] == "create-target" else _GUID.search(stdout) if args[0] == "create-lu" else None
        if created:
            names[SEED_IQN if args[0] == "create-target" else SEED_GUID] = created.group(0)
    # Beyond the masked comparison: one IQN on both nodes, the LU and its view on live01 only.
    assert sim.node("live01")["iscsit"]["targets"][0]["name"] == names[SEED_IQN] == sim.node("live02")["iscsit"]["targets"][0]["name"]
    assert list(sim.node("live01")["stmf"]["lus"]) == [names[SEED_GUID]] and sim.node("live02")["stmf"]["lus"] == {}
