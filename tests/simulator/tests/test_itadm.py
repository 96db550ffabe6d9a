"""The simulated itadm against the CLI reference (illumos-cli.md §3 and the §9 quick table).

Each test calls itadm.run directly with a small stand-in world, so these tests need nothing of
the simulator framework. Expected texts are typed from the reference; where a golden sample in
tests/golden/reference/ holds the same sample, the output is compared to that file instead.
"""
from __future__ import annotations

import base64
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

SIMULATOR = Path(__file__).resolve().parents[1]
if str(SIMULATOR) not in sys.path:
    sys.path.insert(0, str(SIMULATOR))

from comstar_sim import itadm  # noqa: E402  pylint: disable=wrong-import-position

# The test names say what each test checks.
# pylint: disable=missing-function-docstring

GOLDEN = SIMULATOR.parent / "golden" / "reference"
FMRI = "svc:/network/iscsi/target:default"
FIRST_UUID = "5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87"
DEFAULT_IQN = "iqn.2010-08.org.illumos:02:" + FIRST_UUID
ESX = "iqn.1998-01.com.vmware:esx01-4f3c2a1b"

# §3.1 subcommands; their usage texts are the golden files itadm_usage_<subcommand>.stdout.
SUBCOMMANDS = ("create-target", "modify-target", "delete-target", "list-target", "create-tpg", "list-tpg", "delete-tpg",
               "create-initiator", "modify-initiator", "list-initiator", "delete-initiator", "modify-defaults", "list-defaults")

SERVICE_NOT_ONLINE = (
    "The iSCSI target service must be online before running this command.\n"
    "Use 'svcadm enable -r svc:/network/iscsi/target:default'\n"
    "to enable the service and its prerequisite services and/or\n"
    "'svcs -x svc:/network/iscsi/target:default' to determine why it is not online.\n"
)

TARGET_HEADER = "TARGET NAME                                                  STATE    SESSIONS \n"
TPG_HEADER = "TARGET PORTAL GROUP           PORTAL COUNT\n"
INITIATOR_HEADER = "INITIATOR NAME                                               CHAPUSER  SECRET \n"


def usage(subcommand: str) -> str:
    """`usage:\\n<usage string>\\n` (§3.1), as the golden file holds it."""
    return (GOLDEN / f"itadm_usage_{subcommand}.stdout").read_bytes().decode("utf-8")


def overall_usage() -> str:
    """[derived §3.1] the header line, then every subcommand's usage string on its own lines."""
    return "usage: itadm <subcommand> <args> ...\n" + "".join(usage(name).removeprefix("usage:\n") for name in SUBCOMMANDS)


def failed(subcommand: str, code: int) -> str:
    return f"itadm {subcommand} failed with error {code}\n"


def reference_sample(literal: str, *golden_names: str) -> str:
    """The golden file holding this sample when there is one, else the reference literal."""
    for name in golden_names:
        path = GOLDEN / name
        if path.is_file():
            return path.read_bytes().decode("utf-8")
    return literal


def node(**iscsit: Any) -> dict[str, Any]:
    """A NODE dict shaped as tests/simulator/STATE.md describes it."""
    config: dict[str, Any] = {
        "targets": [], "tpgs": [], "initiators": [],
        "defaults": {"alias": None, "auth": None, "radius_server": None, "radius_secret": None, "isns": False, "isns_servers": []},
    }
    config.update(iscsit)
    return {
        "itadm_legacy": False,
        "services": {"svc:/system/stmf:default": "online", FMRI: "online"},
        "service_faults": {},
        "packages": {"storage/stmf": "0.5.11-151054.0", "network/iscsi/target": "0.5.11-151054.0"},
        "stmf": {"lus": {}, "views": {}, "host_groups": {}, "target_groups": {}},
        "iscsit": config,
    }


def target_record(name: str, **fields: Any) -> dict[str, Any]:
    """A target as STATE.md stores it; an unregistered target has state None (listed as `-`)."""
    record: dict[str, Any] = {"name": name, "alias": None, "auth": None, "chap_user": None, "chap_secret": None,
                              "tpgs": {}, "state": "online", "sessions": 0}
    record.update(fields)
    return record


class StubWorld:  # pylint: disable=too-few-public-methods  # stands in for the framework's World
    """The part of the framework's World that itadm uses: .state and .new_uuid()."""

    def __init__(self, state: dict[str, Any] | None = None) -> None:
        self.state = state if state is not None else node()
        self.uuids_given = 0

    def new_uuid(self) -> str:
        self.uuids_given += 1
        if self.uuids_given == 1:
            return FIRST_UUID
        return f"00000000-0000-4000-8000-{self.uuids_given:012x}"


def run(world: StubWorld, *argv: str) -> tuple[str, str, int]:
    return itadm.run(list(argv), world)


def ok(world: StubWorld, *argv: str) -> str:
    stdout, stderr, code = run(world, *argv)
    assert (stderr, code) == ("", 0), f"itadm {' '.join(argv)}"
    return stdout


def target(world: StubWorld, name: str) -> dict[str, Any]:
    return next(t for t in world.state["iscsit"]["targets"] if t["name"] == name)


def write_secret(tmp_path: Path, content: bytes, name: str = "secret") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    path.chmod(0o600)
    return str(path)


def seeded(*commands: tuple[str, ...]) -> StubWorld:
    world = StubWorld()
    for command in commands:
        ok(world, *command)
    return world


# --- §9 quick table: one case per itadm row --------------------------------------------------

N = "iqn.2010-08.org.example:disk1"
QUICK_TABLE = [
    pytest.param([], ["create-target", "-n", "IQN.2010-08.org.Example:Disk1"],
                 f"Target {N} successfully created\n", "", 0, id="create-target-ok-name-lowercased"),
    pytest.param([("create-target", "-n", N)], ["create-target", "-n", "iqn.2010-08.org.EXAMPLE:disk1"],
                 "", "iSCSI target iqn.2010-08.org.EXAMPLE:disk1 already configured\n" + failed("create-target", 17), 17,
                 id="create-target-exists"),
    pytest.param([], ["create-target", "-n", "foo"], "", "Invalid name foo\n" + failed("create-target", 22), 22,
                 id="create-target-invalid-name"),
    pytest.param([], ["create-target", "-t", "missing"], "",
                 "Invalid tpg-tag missing, tag not defined\n" + failed("create-target", 1), 1, id="create-target-tpg-missing"),
    pytest.param([], ["create-target", "X"], usage("create-target"), "Error, create-target does not support any operands\n", 1,
                 id="create-target-operand"),
    pytest.param([("create-target", "-n", N)], ["modify-target", "-l", "disk1", N], f"Target {N} successfully modified\n", "", 0,
                 id="modify-target-ok"),
    pytest.param([], ["modify-target", "-l", "a", N], "", f"Target {N} not found\n" + failed("modify-target", 22), 22,
                 id="modify-target-missing"),
    pytest.param([("create-target", "-n", N)], ["delete-target", N], "",
                 f"The target is online or busy. Use the -f (force) option, or 'stmfadm offline-target {N}'\n"
                 + failed("delete-target", 16), 16, id="delete-target-online"),
    pytest.param([], ["delete-target", N], "", f"Target {N} not found\n" + failed("delete-target", 1), 1, id="delete-target-missing"),
    pytest.param([], ["list-target", N], "", f"Target {N} not found!\n" + failed("list-target", 1), 1, id="list-target-missing"),
    pytest.param([("create-tpg", "T", "10.0.0.1")], ["create-tpg", "T", "10.0.0.1"], "",
                 "Target Portal Group T already exists\n" + failed("create-tpg", 1), 1, id="create-tpg-exists"),
    pytest.param([("create-tpg", "T", "10.0.0.1")], ["create-tpg", "T2", "10.0.0.1"], "",
                 "Portal 10.0.0.1 already in use\n" + failed("create-tpg", 17), 17, id="create-tpg-portal-used-elsewhere"),
    pytest.param([("create-tpg", "T", "10.0.0.1"), ("create-target", "-n", N, "-t", "T")], ["delete-tpg", "T"], "",
                 "Target portal group associated with one or more targets.  Cannot delete.\n" + failed("delete-tpg", 16), 16,
                 id="delete-tpg-in-use"),
    pytest.param([], ["list-tpg", "T"], "", "Target Portal Group T not found!\n\n" + failed("list-tpg", 1), 1, id="list-tpg-missing"),
]


@pytest.mark.parametrize(("setup", "argv", "stdout", "stderr", "code"), QUICK_TABLE)
def test_quick_table_row(setup: list[tuple[str, ...]], argv: list[str], stdout: str, stderr: str, code: int) -> None:
    world = seeded(*setup)
    assert itadm.run(argv, world) == (stdout, stderr, code)


ANY_SUBCOMMAND = [
    pytest.param(["create-target"], id="create-target"),
    pytest.param(["modify-target", N], id="modify-target"),
    pytest.param(["delete-target", "-f", N], id="delete-target"),
    pytest.param(["list-target"], id="list-target"),
    pytest.param(["list-target", "-pv"], id="list-target-pv"),
    pytest.param(["create-tpg", "T", "10.0.0.1"], id="create-tpg"),
    pytest.param(["list-tpg", "-v"], id="list-tpg"),
    pytest.param(["delete-tpg", "T"], id="delete-tpg"),
    pytest.param(["create-initiator", ESX], id="create-initiator"),
    pytest.param(["modify-initiator", ESX], id="modify-initiator"),
    pytest.param(["list-initiator"], id="list-initiator"),
    pytest.param(["delete-initiator", ESX], id="delete-initiator"),
    pytest.param(["modify-defaults", "-a", "chap"], id="modify-defaults"),
    pytest.param(["list-defaults"], id="list-defaults"),
    pytest.param(["list-defaults", "-p"], id="list-defaults-p"),
]


@pytest.mark.parametrize("service_state", ["offline", "disabled", "maintenance"])
@pytest.mark.parametrize("argv", ANY_SUBCOMMAND)
def test_service_not_online_refuses_every_subcommand(argv: list[str], service_state: str) -> None:
    world = seeded(("create-tpg", "T", "10.0.0.1"), ("create-target", "-n", N), ("create-initiator", ESX))
    before = repr(world.state["iscsit"])
    world.state["services"][FMRI] = service_state
    expected = reference_sample(SERVICE_NOT_ONLINE, "itadm_service_offline.stderr")
    assert itadm.run(argv, world) == ("", expected, 1)
    assert repr(world.state["iscsit"]) == before


def test_dev_stdin_is_not_a_secret_file() -> None:
    try:
        regular = stat.S_ISREG(os.stat("/dev/stdin").st_mode)
    except OSError:
        regular = False
    if regular:
        pytest.skip("this process's standard input is a regular file")
    assert run(StubWorld(), "create-target", "-S", "/dev/stdin") == (usage("create-target"), "Invalid secret file /dev/stdin\n", 9)


def test_eleven_character_secret_file(tmp_path: Path) -> None:
    path = write_secret(tmp_path, b"elevenchars")
    expected = (usage("create-target"), "Secret must be between 12 and 255 characters\n", 22)
    assert run(StubWorld(), "create-target", "-S", path) == expected


# --- §3 exact-bytes samples and the golden files composed from §3's formats ----------------------

@pytest.mark.parametrize("subcommand", SUBCOMMANDS)
@pytest.mark.parametrize("help_option", ["-h", "-?", "--help"])
def test_help_prints_the_subcommand_usage(subcommand: str, help_option: str) -> None:
    assert run(StubWorld(), subcommand, help_option) == (usage(subcommand), "", 0)


def test_list_target_verbose_default_named_target() -> None:
    world = seeded(("create-target",))
    literal = (TARGET_HEADER
               + f"{DEFAULT_IQN}\tonline   0        \n"
               + "\talias:              \t-\n"
               + "\tauth:               \tnone (defaults)\n"
               + "\ttargetchapuser:     \t-\n"
               + "\ttargetchapsecret:   \tunset\n"
               + "\ttpg-tags:           \tdefault\n")
    expected = reference_sample(literal, "itadm_list_target_v.txt")
    assert run(world, "list-target", "-v") == (expected, "", 0)


def test_list_target_parsable_verbose_sample() -> None:
    # §3.7 abbreviates the name (5e1b...9f87) and the golden file keeps it: the state is set directly.
    name = "iqn.2010-08.org.illumos:02:5e1b...9f87"
    world = StubWorld(node(targets=[target_record(name, auth="chap", chap_user="tuser", chap_secret="c2VjcmV0LW9mLTE2Y2hhcg==",
                                                  tpgs={"tpg1": 2, "tpg2": 3})]))
    literal = f"{name}\tonline\t0\t-\tchap \ttuser\tset\ttpg1 = 2,tpg2 = 3\n"
    expected = reference_sample(literal, "itadm_list_target_pv.txt")
    assert run(world, "list-target", "-p", "-v") == (expected, "", 0)


def test_list_target_parsable_verbose_after_create(tmp_path: Path) -> None:
    world = seeded(("create-tpg", "tpg1", "192.168.1.10"), ("create-tpg", "tpg2", "192.168.1.11"),
                   ("create-target", "-a", "chap", "-u", "tuser", "-S", write_secret(tmp_path, b"secret-of-16char"), "-t", "tpg1,tpg2"))
    expected = f"{DEFAULT_IQN}\tonline\t0\t-\tchap \ttuser\tset\ttpg1 = 2,tpg2 = 3\n"
    assert run(world, "list-target", "-p", "-v") == (expected, "", 0)


def test_list_tpg_verbose_sample() -> None:
    world = StubWorld(node(tpgs=[{"name": "tpg1", "portals": ["192.168.1.10:3260", "[fe80::1]:3260"]}]))
    literal = TPG_HEADER + "tpg1                          2        \n" + "    portals:\t192.168.1.10:3260,[fe80::1]:3260\n"
    expected = reference_sample(literal, "itadm_list_tpg_v.txt")
    assert run(world, "list-tpg", "-v") == (expected, "", 0)


def test_list_initiator_sample() -> None:
    world = StubWorld(node(initiators=[{"name": ESX, "chap_user": "esxuser", "chap_secret": "c2VjcmV0LW9mLTE2Y2hhcg=="}]))
    literal = INITIATOR_HEADER + "iqn.1998-01.com.vmware:esx01-4f3c2a1b                        esxuser        set \n"
    expected = reference_sample(literal, "itadm_list_initiator.txt")
    assert run(world, "list-initiator") == (expected, "", 0)


def test_list_defaults_sample_when_nothing_is_set() -> None:
    literal = ("iSCSI Target Default Properties:\n\nalias:         \t<none>\nauth:          \t<none>\nradiusserver:  \t<none>\n"
               "radiussecret:  \tunset\nisns:          \tdisabled\nisnsserver:    \t<none>\n")
    expected = reference_sample(literal, "itadm_list_defaults.txt")
    assert run(StubWorld(), "list-defaults") == (expected, "", 0)


def quirk_targets() -> list[dict[str, Any]]:
    """The targets of the itadm_list_target*_quirks golden files, newest first."""
    return [
        target_record("iqn.2026-01.com.example:storage01.t1", state="offline", chap_user="storage01-chap"),
        target_record(DEFAULT_IQN, alias="zvol1-iscsi", auth="chap", chap_secret="c2VjcmV0LW9mLTE2Y2hhcg==", sessions=2,
                      tpgs={"TPG02": 3, "TPG01": 2}),
        target_record("eui.0123456789ABCDEF", state=None, tpgs={"backup-portals": 2}),
    ]


def quirk_tpgs(with_empty: bool) -> list[dict[str, Any]]:
    """The TPGs of the itadm_list_tpg*.txt golden files (a 30- and a 35-character name)."""
    tpgs = [{"name": "TPG01", "portals": ["192.168.5.10:3260"]},
            {"name": "storage-cluster-portal-grp-001", "portals": ["10.10.2.21:3260", "10.10.1.21:3260"]},
            {"name": "portal-group-for-the-backup-network", "portals": ["[fe80::1]:3260", "[2001:db8::10]:3260", "172.16.0.5:3261"]}]
    return tpgs + ([{"name": "TPG-EMPTY", "portals": []}] if with_empty else [])


def quirk_initiators() -> list[dict[str, Any]]:
    secret = "c2VjcmV0LW9mLTE2Y2hhcg=="
    return [{"name": "iqn.1991-05.com.microsoft:fileserver01.backup.corp.example.com", "chap_user": "fileserver01-chapuser",
             "chap_secret": secret},
            {"name": ESX, "chap_user": "esxuser", "chap_secret": secret},
            {"name": "iqn.1993-08.org.debian:01:a1b2c3d4e5f6", "chap_user": None, "chap_secret": None},
            {"name": "iqn.1998-01.com.vmware:esx02-7d1e9c20", "chap_user": "chapuser-len-15", "chap_secret": secret}]


DEFAULTS_SET = {"alias": "storage01", "auth": "chap", "radius_server": "10.0.0.5:1812", "radius_secret": "c2VjcmV0LW9mLTE2Y2hhcg==",
                "isns": True, "isns_servers": ["10.0.0.7:3205", "10.0.0.8:3205"]}

# (golden file, old itadm without -p, node contents, argv). The verbose target quirk files are left
# out: they show both "none (defaults)" and "chap (defaults)", which one global default cannot give (§3.7).
GOLDEN_LISTINGS = [
    pytest.param("itadm_list_target_quirks.txt", True, {"targets": quirk_targets()}, ["list-target"], id="list-target"),
    pytest.param("itadm_list_target_p_quirks.txt", False, {"targets": quirk_targets()}, ["list-target", "-p"], id="list-target-p"),
    pytest.param("itadm_list_tpg_v_quirks.txt", True, {"tpgs": quirk_tpgs(True)}, ["list-tpg", "-v"], id="list-tpg-v"),
    pytest.param("itadm_list_tpg_quirks.txt", True, {"tpgs": quirk_tpgs(False)}, ["list-tpg"], id="list-tpg"),
    pytest.param("itadm_list_tpg_pv.txt", False, {"tpgs": quirk_tpgs(False)}, ["list-tpg", "-pv"], id="list-tpg-pv"),
    pytest.param("itadm_list_tpg_p.txt", False, {"tpgs": quirk_tpgs(False)}, ["list-tpg", "-p"], id="list-tpg-p"),
    pytest.param("itadm_list_initiator_quirks.txt", True, {"initiators": quirk_initiators()}, ["list-initiator"], id="list-initiator"),
    pytest.param("itadm_list_initiator_p.txt", False, {"initiators": quirk_initiators()}, ["list-initiator", "-p"], id="list-initiator-p"),
    pytest.param("itadm_list_defaults_set.txt", True, {"defaults": DEFAULTS_SET}, ["list-defaults"], id="list-defaults-set"),
    pytest.param("itadm_list_defaults_p_set.txt", False, {"defaults": DEFAULTS_SET}, ["list-defaults", "-p"], id="list-defaults-p-set"),
    pytest.param("itadm_list_defaults_p.txt", False, {}, ["list-defaults", "-p"], id="list-defaults-p"),
]


@pytest.mark.parametrize(("golden", "legacy", "contents", "argv"), GOLDEN_LISTINGS)
def test_listing_matches_golden_file(golden: str, legacy: bool, contents: dict[str, Any], argv: list[str]) -> None:
    path = GOLDEN / golden
    if not path.is_file():
        pytest.skip(f"golden sample {golden} not present")
    world = StubWorld(node(**contents))
    world.state["itadm_legacy"] = legacy
    assert itadm.run(argv, world) == (path.read_bytes().decode("utf-8"), "", 0)


# --- secrets (§3.3) ----------------------------------------------------------------------------

SECRET_FILES = [
    pytest.param(b"a" * 11, None, id="11-chars-refused"),
    pytest.param(b"a" * 12, b"a" * 12, id="12-chars"),
    pytest.param(b"a" * 255, b"a" * 255, id="255-chars"),
    pytest.param(b"a" * 256, None, id="256-chars-refused"),
    pytest.param(b"a" * 12 + b"\n", b"a" * 12, id="one-newline-stripped"),
    pytest.param(b"a" * 11 + b"\n", None, id="11-chars-plus-newline-refused"),
    pytest.param(b"a" * 11 + b"\n\n", b"a" * 11 + b"\n", id="second-newline-kept"),
    pytest.param(b"a" * 11 + b"\r\n", b"a" * 11 + b"\r", id="carriage-return-kept"),
]


@pytest.mark.parametrize(("content", "secret"), SECRET_FILES)
@pytest.mark.parametrize("subcommand", ["create-target", "create-initiator"])
def test_chap_secret_file_length(tmp_path: Path, subcommand: str, content: bytes, secret: bytes | None) -> None:
    world = StubWorld()
    operand = [] if subcommand == "create-target" else [ESX]
    result = run(world, subcommand, "-S", write_secret(tmp_path, content), *operand)
    records = world.state["iscsit"]["targets" if subcommand == "create-target" else "initiators"]
    if secret is None:
        assert result == (usage(subcommand), "Secret must be between 12 and 255 characters\n", 22)
        assert not records
    else:
        assert result[1:] == ("", 0)
        assert records[0]["chap_secret"] == base64.b64encode(secret).decode("ascii")


def test_radius_secret_file_is_read_like_a_chap_secret(tmp_path: Path) -> None:
    world = StubWorld()
    ok(world, "modify-defaults", "-D", write_secret(tmp_path, b"radius-secret-1\n"))
    assert world.state["iscsit"]["defaults"]["radius_secret"] == base64.b64encode(b"radius-secret-1").decode("ascii")
    short = write_secret(tmp_path, b"short", "short")
    assert run(world, "modify-defaults", "-D", short) == (usage("modify-defaults"), "Secret must be between 12 and 255 characters\n", 22)


def _fifo(tmp_path: Path) -> str:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return str(path)


NOT_REGULAR = [
    pytest.param(_fifo, id="fifo"),
    pytest.param(str, id="directory"),
    pytest.param(lambda tmp_path: str(tmp_path / "absent"), id="missing"),
    pytest.param(lambda tmp_path: "/dev/null", id="character-device"),
]


@pytest.mark.parametrize("make_path", NOT_REGULAR)
@pytest.mark.parametrize(("argv", "subcommand"), [
    pytest.param(["create-target", "-S"], "create-target", id="create-target"),
    pytest.param(["modify-initiator", "--chap-secret-file"], "modify-initiator", id="modify-initiator-long"),
    pytest.param(["modify-defaults", "-D"], "modify-defaults", id="modify-defaults-radius"),
])
def test_secret_file_must_be_a_regular_file(tmp_path: Path, make_path: Any, argv: list[str], subcommand: str) -> None:
    path = make_path(tmp_path)
    operand = [ESX] if subcommand == "modify-initiator" else []
    assert itadm.run(argv + [path] + operand, StubWorld()) == (usage(subcommand), f"Invalid secret file {path}\n", 9)


def test_secret_is_read_before_the_service_check(tmp_path: Path) -> None:
    world = StubWorld()
    world.state["services"][FMRI] = "offline"
    path = write_secret(tmp_path, b"short")
    assert run(world, "create-target", "-S", path) == (usage("create-target"), "Secret must be between 12 and 255 characters\n", 22)


@pytest.mark.parametrize(("argv", "subcommand"), [
    pytest.param(["create-target", "-s"], "create-target", id="create-target"),
    pytest.param(["modify-target", "--chap-secret", N], "modify-target", id="modify-target-long"),
    pytest.param(["create-initiator", "-s", ESX], "create-initiator", id="create-initiator"),
    pytest.param(["modify-initiator", "-s", ESX], "modify-initiator", id="modify-initiator"),
    pytest.param(["modify-defaults", "-d"], "modify-defaults", id="modify-defaults-radius"),
])
def test_prompted_secret_fails_without_a_terminal(argv: list[str], subcommand: str) -> None:
    # [unconfirmed §10 item 1] ENXIO is the reference's expected errno without a terminal.
    world = seeded(("create-target", "-n", N), ("create-initiator", ESX))
    before = repr(world.state["iscsit"])
    assert itadm.run(argv, world) == (usage(subcommand), "Could not read secret: No such device or address\n", 6)
    assert repr(world.state["iscsit"]) == before


# --- targets (§3.4-§3.7) -----------------------------------------------------------------------

def test_generated_iqn_is_returned_in_the_success_line() -> None:
    world = StubWorld()
    stdout = ok(world, "create-target", "-l", "zvol1-iscsi")
    match = re.fullmatch(r"Target (iqn\.2010-08\.org\.illumos:02:[0-9a-f-]{36}) successfully created\n", stdout)
    assert match is not None
    assert len(match.group(1)) == 63
    assert world.state["iscsit"]["targets"] == [{"name": match.group(1), "alias": "zvol1-iscsi", "auth": None, "chap_user": None,
                                                 "chap_secret": None, "tpgs": {}, "state": "online", "sessions": 0}]


def test_new_targets_go_to_the_head_of_the_list() -> None:
    world = seeded(("create-target", "-n", "iqn.2010-08.org.example:a"), ("create-target", "-n", "iqn.2010-08.org.example:b"))
    assert [t["name"] for t in world.state["iscsit"]["targets"]] == ["iqn.2010-08.org.example:b", "iqn.2010-08.org.example:a"]


@pytest.mark.parametrize(("typed", "stored"), [
    pytest.param("iqn.2010-08.ORG.Example:Disk", "iqn.2010-08.org.example:disk", id="iqn-lowercased"),
    pytest.param("EUI.02004567a425678d", "eui.02004567A425678D", id="eui-hex-uppercased"),
])
def test_create_target_canonical_name(typed: str, stored: str) -> None:
    world = StubWorld()
    assert ok(world, "create-target", "-n", typed) == f"Target {stored} successfully created\n"
    assert world.state["iscsit"]["targets"][0]["name"] == stored


@pytest.mark.parametrize(("name", "message", "code"), [
    pytest.param("naa.600144f0", "Invalid name naa.600144f0", 22, id="no-iqn-or-eui-prefix"),
    pytest.param("iqn.2010.org.example", "Invalid iSCSI name iqn.2010.org.example", 14, id="iqn-without-date"),
    pytest.param("iqn.2010-08.org.example:a_b", "Invalid iSCSI name iqn.2010-08.org.example:a_b", 14, id="iqn-bad-character"),
    pytest.param("iqn.2010-08." + "a" * 212, "Invalid iSCSI name iqn.2010-08." + "a" * 212, 14, id="iqn-224-chars"),
    pytest.param("eui.0200456", "Invalid iSCSI name eui.0200456", 14, id="eui-short"),
])
def test_create_target_name_checks(name: str, message: str, code: int) -> None:
    world = StubWorld()
    assert run(world, "create-target", "-n", name) == ("", f"{message}\n" + failed("create-target", code), code)
    assert not world.state["iscsit"]["targets"]


def test_create_target_accepts_a_223_character_iqn() -> None:
    ok(StubWorld(), "create-target", "-n", "iqn.2010-08." + "a" * 211)


def test_create_target_maximum_of_4095() -> None:
    targets = [target_record(f"iqn.2010-08.org.example:{i}") for i in range(4095)]
    world = StubWorld(node(targets=targets))
    assert run(world, "create-target") == ("", "Maximum of 4095 iSCSI targets\n" + failed("create-target", 7), 7)


def test_create_target_bad_auth_is_a_property_error() -> None:
    world = StubWorld()
    expected_stderr = "Error setting target properties: 22\n\tauth: must be none, chap, radius or default\n" + failed("create-target", 22)
    assert run(world, "create-target", "-a", "kerberos") == ("", expected_stderr, 22)
    assert not world.state["iscsit"]["targets"]


TAG_NUMBERING = [
    pytest.param("tpgA", "tpgA = 2", id="first-tag-is-2"),
    pytest.param("tpgA,tpgB", "tpgA = 2,tpgB = 3", id="next-above-highest"),
    pytest.param("5,tpgA", "5 = 5,tpgA = 6", id="numeric-name-is-its-tag"),
    pytest.param("tpgA,7", "tpgA = 2,7 = 7", id="numeric-name-after-named"),
    pytest.param("tpgA,2", "tpgA = 2,2 = 3", id="numeric-name-taken"),
    pytest.param("1,tpgA", "1 = 2,tpgA = 3", id="1-is-not-a-tag"),
    pytest.param("65535,tpgA", "65535 = 2,tpgA = 3", id="65535-is-not-numeric-tag"),
    pytest.param("65534,tpgA", "65534 = 65534,tpgA = 65535", id="65534-is-numeric-tag"),
    pytest.param("tpgA,tpgA", "tpgA = 2", id="listed-twice"),
    pytest.param("default", "default", id="default-keyword"),
]


@pytest.mark.parametrize(("tpgs", "shown"), TAG_NUMBERING)
def test_tag_numbering(tpgs: str, shown: str) -> None:
    world = StubWorld()
    for index, name in enumerate(["tpgA", "tpgB", "1", "2", "5", "7", "65534", "65535"]):
        ok(world, "create-tpg", name, f"10.0.1.{index + 1}")
    ok(world, "create-target", "-n", N, "-t", tpgs)
    assert run(world, "list-target", "-pv", N)[0].rstrip("\n").split("\t")[-1] == shown


REPLACE_TPGS = [
    pytest.param("tpg2,tpg3", {"tpg2": 3, "tpg3": 4}, id="drop-keep-add"),
    pytest.param("tpg3", {"tpg3": 2}, id="all-replaced"),
    pytest.param("tpg1,tpg2", {"tpg1": 2, "tpg2": 3}, id="same-set"),
    pytest.param("default", {}, id="default-removes-all"),
]


@pytest.mark.parametrize(("tpgs", "tags"), REPLACE_TPGS)
def test_modify_target_tpgs_replace_the_set(tpgs: str, tags: dict[str, int]) -> None:
    world = seeded(("create-tpg", "tpg1", "10.0.0.1"), ("create-tpg", "tpg2", "10.0.0.2"), ("create-tpg", "tpg3", "10.0.0.3"),
                   ("create-target", "-n", N, "-t", "tpg1,tpg2"))
    assert ok(world, "modify-target", "-t", tpgs, N) == f"Target {N} successfully modified\n"
    assert target(world, N)["tpgs"] == tags


def test_modify_target_unknown_tpg() -> None:
    world = seeded(("create-target", "-n", N))
    assert run(world, "modify-target", "-t", "nope", N) == ("", "Invalid tpg-name nope: not defined\n" + failed("modify-target", 1), 1)


def test_modify_target_properties_and_none_keyword(tmp_path: Path) -> None:
    world = seeded(("create-target", "-n", N, "-l", "old", "-u", "user1", "-a", "chap"))
    ok(world, "modify-target", "-l", "NONE", "-u", "none", "-a", "default", "-S", write_secret(tmp_path, b"0123456789abc"), N)
    record = target(world, N)
    assert (record["alias"], record["chap_user"], record["auth"]) == (None, None, None)
    assert record["chap_secret"] == base64.b64encode(b"0123456789abc").decode("ascii")


def test_modify_target_without_options_still_succeeds() -> None:
    world = seeded(("create-target", "-n", N))
    assert run(world, "modify-target", N.upper()) == (f"Target {N.upper()} successfully modified\n", "", 0)


@pytest.mark.parametrize(("new", "stdout", "stderr", "code"), [
    pytest.param("iqn.2010-08.org.example:Disk2", "Target iqn.2010-08.org.example:Disk2 successfully modified\n", "", 0, id="renamed"),
    pytest.param(N, "", f"A target with name {N} already exists\n" + failed("modify-target", 1), 1, id="own-name"),
    pytest.param("iqn.2010-08.org.example:other", "",
                 "A target with name iqn.2010-08.org.example:other already exists\n" + failed("modify-target", 1), 1, id="other-target"),
    pytest.param("bad", "", "Invalid iSCSI name bad\n" + failed("modify-target", 1), 1, id="invalid-name"),
])
def test_modify_target_rename(new: str, stdout: str, stderr: str, code: int) -> None:
    world = seeded(("create-target", "-n", "iqn.2010-08.org.example:other"), ("create-target", "-n", N))
    assert run(world, "modify-target", "-n", new, N) == (stdout, stderr, code)
    names = [t["name"] for t in world.state["iscsit"]["targets"]]
    assert names == (["iqn.2010-08.org.example:disk2", "iqn.2010-08.org.example:other"] if code == 0 else [N, "iqn.2010-08.org.example:other"])


def test_delete_target_force_and_offline() -> None:
    world = seeded(("create-target", "-n", N), ("create-target", "-n", "iqn.2010-08.org.example:b"))
    assert run(world, "delete-target", "-f", N.upper()) == ("", "", 0)
    target(world, "iqn.2010-08.org.example:b")["state"] = "offline"
    assert run(world, "delete-target", "iqn.2010-08.org.example:b") == ("", "", 0)
    assert not world.state["iscsit"]["targets"]


@pytest.mark.parametrize(("length", "row"), [
    pytest.param(60, "{name} online   0        \n", id="60-chars-padded"),
    pytest.param(61, "{name}\tonline   0        \n", id="61-chars-tab"),
    pytest.param(63, "{name}\tonline   0        \n", id="63-chars-tab"),
])
def test_list_target_tab_after_long_names(length: int, row: str) -> None:
    name = "iqn.2010-08.org.example:" + "x" * (length - 24)
    world = seeded(("create-target", "-n", name))
    assert run(world, "list-target") == (TARGET_HEADER + row.format(name=name), "", 0)


def test_list_target_empty_and_case_insensitive_operand() -> None:
    world = StubWorld()
    assert run(world, "list-target", "-v") == ("", "", 0)
    ok(world, "create-target", "-n", N)
    assert run(world, "list-target", "-p", N.upper()) == (f"{N}\tonline\t0\n", "", 0)


def test_list_target_verbose_explicit_values(tmp_path: Path) -> None:
    world = seeded(("create-tpg", "tpg1", "10.0.0.1"), ("modify-defaults", "-a", "chap"))
    ok(world, "create-target", "-n", N, "-l", "disk1", "-a", "none", "-u", "tuser", "-S", write_secret(tmp_path, b"0123456789abc"), "-t", "tpg1")
    ok(world, "create-target", "-n", "iqn.2010-08.org.example:b")
    target(world, N)["state"] = "offline"
    expected = (TARGET_HEADER
                + "iqn.2010-08.org.example:b                                    online   0        \n"
                + "\talias:              \t-\n\tauth:               \tchap (defaults)\n\ttargetchapuser:     \t-\n"
                + "\ttargetchapsecret:   \tunset\n\ttpg-tags:           \tdefault\n"
                + f"{N:<61s}offline  0        \n"
                + "\talias:              \tdisk1\n\tauth:               \tnone \n\ttargetchapuser:     \ttuser\n"
                + "\ttargetchapsecret:   \tset\n\ttpg-tags:           \ttpg1 = 2\n")
    assert run(world, "list-target", "-v") == (expected, "", 0)


# --- TPGs (§3.8) -------------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "portal"), [
    pytest.param("192.168.5.10", "192.168.5.10:3260", id="ipv4-default-port"),
    pytest.param("192.168.5.10:3261", "192.168.5.10:3261", id="ipv4-port"),
    pytest.param("[fe80::1]", "[fe80::1]:3260", id="ipv6-default-port"),
    pytest.param("[FE80:0:0::1]:860", "[fe80::1]:860", id="ipv6-canonical"),
])
def test_create_tpg_portal_canonical_form(address: str, portal: str) -> None:
    world = seeded(("create-tpg", "T", address))
    assert world.state["iscsit"]["tpgs"] == [{"name": "T", "portals": [portal]}]
    assert run(world, "list-tpg", "-p", "-v") == (f"T\t1\t{portal}\n", "", 0)


def test_create_tpg_portal_quirk_later_portal_in_use() -> None:
    world = seeded(("create-tpg", "T1", "10.0.0.1"))
    assert run(world, "create-tpg", "T2", "10.0.0.2", "10.0.0.1", "10.0.0.3") == ("", "Portal 10.0.0.1 already in use\n", 0)
    assert world.state["iscsit"]["tpgs"][0] == {"name": "T2", "portals": ["10.0.0.3:3260", "10.0.0.2:3260"]}


def test_create_tpg_last_portal_in_use_creates_nothing() -> None:
    world = seeded(("create-tpg", "T1", "10.0.0.1"))
    expected_stderr = "Portal 10.0.0.1:3260 already in use\n" + failed("create-tpg", 17)
    assert run(world, "create-tpg", "T2", "10.0.0.2", "10.0.0.1:3260") == ("", expected_stderr, 17)
    assert [t["name"] for t in world.state["iscsit"]["tpgs"]] == ["T1"]


def test_create_tpg_duplicate_portal_in_one_tpg_is_ignored() -> None:
    world = seeded(("create-tpg", "T", "10.0.0.1", "10.0.0.1:3260", "10.0.0.2", "10.0.0.2"))
    assert world.state["iscsit"]["tpgs"] == [{"name": "T", "portals": ["10.0.0.2:3260", "10.0.0.1:3260"]}]


@pytest.mark.parametrize(("argv", "stderr", "code"), [
    pytest.param(["T" * 256, "10.0.0.1"], "Target Portal Group name must be no longer than 255 characters", 22, id="name-too-long"),
    pytest.param(["T"], "Error, no portal addresses specified", 22, id="no-portal"),
    pytest.param(["T", "10.0.0.1", "10.0.0.2,10.0.0.3"], "Bad portal name 10.0.0.2,10.0.0.3", 22, id="comma"),
    pytest.param(["T", "storage01"], "Could not create the target portal group: Invalid argument", 22, id="unparsable-first"),
    pytest.param(["T", "10.0.0.1", "10.0.0.300"], "Error adding portal 10.0.0.300: Invalid argument", 22, id="unparsable-later"),
])
def test_create_tpg_errors(argv: list[str], stderr: str, code: int) -> None:
    world = StubWorld()
    assert run(world, "create-tpg", *argv) == ("", f"{stderr}\n" + failed("create-tpg", code), code)
    assert not world.state["iscsit"]["tpgs"]


def test_create_tpg_name_of_255_is_accepted_and_exact_case() -> None:
    world = seeded(("create-tpg", "T" * 255, "10.0.0.1"), ("create-tpg", "tpg", "10.0.0.2"))
    ok(world, "create-tpg", "TPG", "10.0.0.3")


def test_delete_tpg_force_removes_the_tag_everywhere() -> None:
    world = seeded(("create-tpg", "T", "10.0.0.1"), ("create-tpg", "U", "10.0.0.2"),
                   ("create-target", "-n", N, "-t", "T,U"), ("create-target", "-n", "iqn.2010-08.org.example:b", "-t", "T"))
    assert run(world, "delete-tpg", "-f", "T") == ("", "", 0)
    assert target(world, N)["tpgs"] == {"U": 3}
    assert target(world, "iqn.2010-08.org.example:b")["tpgs"] == {}
    assert [t["name"] for t in world.state["iscsit"]["tpgs"]] == ["U"]


def test_delete_tpg_missing_and_unused() -> None:
    world = seeded(("create-tpg", "T", "10.0.0.1"))
    assert run(world, "delete-tpg", "t") == ("", "Target portal group t does not exist\n" + failed("delete-tpg", 1), 1)
    assert run(world, "delete-tpg", "T") == ("", "", 0)


@pytest.mark.parametrize(("length", "row"), [
    pytest.param(29, "{name} 1        \n", id="29-chars"),
    pytest.param(30, "{name}1        \n", id="30-chars-run-into-count"),
    pytest.param(31, "{name}\t1        \n", id="31-chars-tab"),
])
def test_list_tpg_name_width(length: int, row: str) -> None:
    name = "t" * length
    world = seeded(("create-tpg", name, "10.0.0.1"))
    assert run(world, "list-tpg") == (TPG_HEADER + row.format(name=name), "", 0)


def test_list_tpg_empty_operand_case_sensitive_and_no_portals() -> None:
    world = StubWorld()
    assert run(world, "list-tpg") == ("", "", 0)
    world.state["iscsit"]["tpgs"].append({"name": "T", "portals": []})
    assert run(world, "list-tpg", "-v", "T") == (TPG_HEADER + "T                             0        \n    portals:\t<none>\n", "", 0)
    assert run(world, "list-tpg", "t")[2] == 1


# --- initiators (§3.9) -------------------------------------------------------------------------

@pytest.mark.parametrize(("setup", "argv", "stderr", "code"), [
    pytest.param([], ["create-initiator", "naa.1"], "Invalid name naa.1", 22, id="create-invalid-name"),
    pytest.param([("create-initiator", ESX)], ["create-initiator", ESX.upper()], f"Initiator {ESX.upper()} already exists", 22,
                 id="create-exists"),
    pytest.param([], ["create-initiator", "iqn.bad"], "Invalid iSCSI name iqn.bad", 14, id="create-invalid-iscsi-name"),
    pytest.param([], ["modify-initiator", "-u", "x", ESX], f"Error, initiator {ESX} not found", 2, id="modify-missing"),
    pytest.param([], ["delete-initiator", ESX], f"Initiator {ESX} not found", 1, id="delete-missing"),
    pytest.param([], ["list-initiator", ESX], f"Initiator {ESX} not found!", 1, id="list-missing"),
])
def test_initiator_errors(setup: list[tuple[str, ...]], argv: list[str], stderr: str, code: int) -> None:
    world = seeded(*setup)
    assert itadm.run(argv, world) == ("", f"{stderr}\n" + failed(argv[0], code), code)


def test_initiator_lifecycle(tmp_path: Path) -> None:
    world = StubWorld()
    assert run(world, "list-initiator") == ("", "", 0)
    assert run(world, "create-initiator", "-u", "esxuser", ESX.upper()) == ("", "", 0)
    assert run(world, "list-initiator", "-p") == (f"{ESX}\tesxuser\tunset\n", "", 0)
    assert run(world, "modify-initiator", "-S", write_secret(tmp_path, b"initiator-secret"), ESX) == ("", "", 0)
    assert run(world, "modify-initiator", ESX) == ("", "", 0)
    assert run(world, "list-initiator", "-v", ESX) == (
        INITIATOR_HEADER + "iqn.1998-01.com.vmware:esx01-4f3c2a1b                        esxuser        set \n", "", 0)
    assert run(world, "modify-initiator", "-u", "none", ESX) == ("", "", 0)
    assert run(world, "list-initiator", "-p") == (f"{ESX}\t<none>\tset\n", "", 0)
    assert run(world, "delete-initiator", ESX) == ("", "", 0)
    assert not world.state["iscsit"]["initiators"]


def test_list_initiator_long_name_and_user() -> None:
    name = "iqn.2010-08.org.example:" + "i" * 37
    world = seeded(("create-initiator", "-u", "u" * 15, name), ("create-initiator", "-u", "u" * 14, ESX))
    expected = (INITIATOR_HEADER + f"{ESX:<61s}" + "u" * 14 + " unset\n"
                + f"{name}\t" + "u" * 15 + "\tunset\n")
    assert run(world, "list-initiator") == (expected, "", 0)


# --- defaults (§3.10) ----------------------------------------------------------------------------

def test_modify_defaults_then_list(tmp_path: Path) -> None:
    world = StubWorld()
    ok(world, "modify-defaults", "-r", "10.0.0.9", "-D", write_secret(tmp_path, b"radius-secret-1"), "-i", "en", "-I", "10.0.0.7,10.0.0.8")
    ok(world, "modify-defaults", "-a", "radius")
    expected = ("iSCSI Target Default Properties:\n\nalias:         \t<none>\nauth:          \tradius\nradiusserver:  \t10.0.0.9\n"
                "radiussecret:  \tset\nisns:          \tenabled\nisnsserver:    \t10.0.0.7,10.0.0.8\n")
    assert run(world, "list-defaults") == (expected, "", 0)
    assert run(world, "list-defaults", "-p") == ("<none>\tradius\t10.0.0.9\tset\tenabled\t10.0.0.7,10.0.0.8\n", "", 0)
    ok(world, "modify-defaults", "-a", "none", "-r", "none", "-I", "none", "-i", "d")
    assert run(world, "list-defaults", "-p") == ("<none>\tnone\t<none>\tset\tdisabled\t<none>\n", "", 0)


@pytest.mark.parametrize(("argv", "stdout", "stderr", "code"), [
    pytest.param([], "", "Error, no properties specified\n" + failed("modify-defaults", 22), 22, id="no-properties"),
    pytest.param(["-a", "default"], "", "Error setting global properties: 22\n\tauth: must be none, chap or radius\n"
                 + failed("modify-defaults", 22), 22, id="bad-auth"),
    pytest.param(["-i", "yes"], usage("modify-defaults"), "invalid value for -i\n", 1, id="bad-isns-switch"),
    pytest.param(["-i", "enabled"], usage("modify-defaults"), "invalid value for -i\n", 1, id="isns-not-a-prefix"),
    pytest.param(["-I", ",".join(f"10.0.0.{i}" for i in range(9))], usage("modify-defaults"),
                 "Too many iSNS servers specified, maximum of 8 allowed\n", 1, id="nine-isns-servers"),
    pytest.param(["x"], usage("modify-defaults"), "Error, modify-defaults does not support any operands\n", 1, id="operand"),
])
def test_modify_defaults_errors(argv: list[str], stdout: str, stderr: str, code: int) -> None:
    world = StubWorld()
    before = repr(world.state["iscsit"])
    assert run(world, "modify-defaults", *argv) == (stdout, stderr, code)
    assert repr(world.state["iscsit"]) == before


def test_modify_defaults_eight_isns_servers_and_radius_needs_server() -> None:
    world = StubWorld()
    ok(world, "modify-defaults", "--isns-server", ",".join(f"10.0.0.{i}" for i in range(8)), "--isns", "e")
    assert world.state["iscsit"]["defaults"]["isns"] is True
    assert run(world, "modify-defaults", "-a", "radius")[2] == 22
    assert world.state["iscsit"]["defaults"]["auth"] is None


# --- parsing (§3.1) and the old itadm (§3.2) -----------------------------------------------------

@pytest.mark.parametrize("argv", [
    pytest.param(["list-targets"], id="misspelled"),
    pytest.param(["List-Target"], id="case-sensitive"),
    pytest.param(["-v"], id="option-first"),
])
def test_unknown_subcommand(argv: list[str]) -> None:
    assert itadm.run(argv, StubWorld()) == (overall_usage(), "Error, no subcommand specified\n", 1)


def test_no_arguments_prints_overall_usage() -> None:
    assert itadm.run([], StubWorld()) == (overall_usage(), "", 1)


USAGE_ERRORS = [
    pytest.param(["list-target", "-x"], "Unrecognized option -x", id="unrecognized-short"),
    pytest.param(["create-tpg", "-f", "T", "10.0.0.1"], "Unrecognized option -f", id="create-tpg-has-no-options"),
    pytest.param(["list-target", "--bogus"], "Unrecognized option --bogus", id="unrecognized-long"),
    pytest.param(["list-target", "--tpg", "T"], "Unrecognized option --tpg", id="tpg-prefix-not-accepted"),
    pytest.param(["create-target", "-t"], "Option -t requires an operand", id="missing-argument"),
    pytest.param(["create-target", "--alias"], "Option -l requires an operand", id="missing-long-argument"),
    pytest.param(["list-target", "--version"], "", id="version-no-message"),
    pytest.param(["delete-target", "--verbose", N], "", id="long-option-of-another-subcommand"),
    pytest.param(["modify-target"], "Error, modify-target requires an operand", id="modify-target-needs-operand"),
    pytest.param(["delete-target"], "Error, delete-target requires an operand", id="delete-target-needs-operand"),
    pytest.param(["create-tpg"], "Error, create-tpg requires an operand", id="create-tpg-needs-operand"),
    pytest.param(["delete-tpg"], "Error, delete-tpg requires an operand", id="delete-tpg-needs-operand"),
    pytest.param(["create-initiator"], "Error, create-initiator requires an operand", id="create-initiator-needs-operand"),
    pytest.param(["modify-initiator"], "Error, modify-initiator requires an operand", id="modify-initiator-needs-operand"),
    pytest.param(["delete-initiator"], "Error, delete-initiator requires an operand", id="delete-initiator-needs-operand"),
    pytest.param(["modify-target", "a", "b"], "Error, modify-target accepts only a single operand", id="modify-target-two"),
    pytest.param(["delete-target", N, "-f"], "Error, delete-target accepts only a single operand", id="options-after-operand"),
    pytest.param(["list-target", "a", "b"], "Error, list-target accepts only a single operand", id="list-target-two"),
    pytest.param(["delete-tpg", "a", "b"], "Error, delete-tpg accepts only a single operand", id="delete-tpg-two"),
    pytest.param(["list-tpg", "a", "b"], "Error, list-tpg accepts only a single operand", id="list-tpg-two"),
    pytest.param(["create-initiator", "a", "b"], "Error, create-initiator accepts only a single operand", id="create-initiator-two"),
    pytest.param(["modify-initiator", "a", "b"], "Error, modify-initiator accepts only a single operand", id="modify-initiator-two"),
    pytest.param(["list-initiator", "a", "b"], "Error, list-initiator accepts only a single operand", id="list-initiator-two"),
    pytest.param(["delete-initiator", "a", "b"], "Error, delete-initiator accepts only a single operand", id="delete-initiator-two"),
    pytest.param(["list-defaults", "x"], "Error, list-defaults does not support any operands", id="list-defaults-operand"),
]


@pytest.mark.parametrize(("argv", "message"), USAGE_ERRORS)
def test_usage_errors(argv: list[str], message: str) -> None:
    expected_stderr = f"{message}\n" if message else ""
    assert itadm.run(argv, StubWorld()) == (usage(argv[0]), expected_stderr, 1)


def test_usage_errors_come_before_the_service_check() -> None:
    world = StubWorld()
    world.state["services"][FMRI] = "offline"
    assert run(world, "list-tpg", "a", "b") == (usage("list-tpg"), "Error, list-tpg accepts only a single operand\n", 1)


def test_long_options_and_clustered_short_options() -> None:
    world = seeded(("create-tpg", "tpg1", "10.0.0.1"))
    ok(world, "create-target", "--node-name", N, "--alias=disk1", "--tpg-tag", "tpg1", "--auth-method=chap", "--chap-user", "u1")
    record = target(world, N)
    assert (record["alias"], record["auth"], record["chap_user"], record["tpgs"]) == ("disk1", "chap", "u1", {"tpg1": 2})
    assert run(world, "list-target", "-pv") == (run(world, "list-target", "--parsable", "--verbose")[0], "", 0)
    ok(world, "modify-target", "-ldisk2", "--", N)
    assert target(world, N)["alias"] == "disk2"
    assert run(world, "delete-target", "--force", N) == ("", "", 0)


@pytest.mark.parametrize("argv", [
    pytest.param(["list-target", "-p"], id="list-target"),
    pytest.param(["list-target", "-vp"], id="list-target-clustered"),
    pytest.param(["list-tpg", "-p", "-v"], id="list-tpg"),
    pytest.param(["list-initiator", "-p"], id="list-initiator"),
    pytest.param(["list-defaults", "-p"], id="list-defaults"),
])
def test_legacy_itadm_has_no_parsable_option(argv: list[str]) -> None:
    world = StubWorld()
    world.state["itadm_legacy"] = True
    assert itadm.run(argv, world) == (usage(argv[0]), "Unrecognized option -p\n", 1)
    assert run(world, argv[0], "--parsable") == (usage(argv[0]), "Unrecognized option --parsable\n", 1)


def test_legacy_itadm_still_lists_verbose() -> None:
    world = seeded(("create-target",))
    world.state["itadm_legacy"] = True
    assert run(world, "list-target", "-v")[0].startswith(TARGET_HEADER + DEFAULT_IQN + "\t")
