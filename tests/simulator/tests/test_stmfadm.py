"""stmfadm's command line (cmdparse, illumos-cli.md §2.1-§2.3) and logical units (§2.4-§2.8, §2.14)."""
from __future__ import annotations

import pathlib

import pytest

from conftest import GUID1, GUID2, GUID3, STMF, Sim

ZVOL = "/dev/zvol/rdsk/pool1/zvol1"
CREATE_LU_USAGE = ("Usage:\tstmfadm create-lu [OPTIONS] <lu file>\n\n\tOPTIONS:\n"
                   "\t\t-p, --lu-prop  <logical-unit-property=value>\n\t\t-s, --size  <size K/M/G/T/P>\n")

SYNTAX = [
    ("unknown subcommand", ("list-luns",), "stmfadm: invalid subcommand\n"),
    ("option where none is permitted", ("create-hg", "-v", "X"), "stmfadm: no options permitted\n"),
    ("unknown short option", ("list-lu", "-x"), "stmfadm: '-x': invalid option\n"),
    ("option of another subcommand", ("list-lu", "-k"), "stmfadm: '-k': invalid option\n"),
    ("unknown long option", ("list-lu", "--bogus"), "stmfadm: '--bogus': invalid option\n"),
    ("required option missing", ("add-hg-member", "iqn.1998-01.com.vmware:esx01"), "stmfadm: Following option(s) required: g\n"),
    ("list-view without -l", ("list-view",), "stmfadm: Following option(s) required: l\n"),
    ("operand missing", ("create-hg",), "stmfadm: create-hg requires an operand\n"),
    ("extra operand", ("create-hg", "A", "B"), "stmfadm: create-hg accepts only a single operand\n"),
    ("modify-lu without options", ("modify-lu", GUID1), "stmfadm: at least one option required\n"),
]


@pytest.mark.parametrize("name, args, message", SYNTAX, ids=[case[0] for case in SYNTAX])
def test_syntax_error_on_stdout_with_usage(sim: Sim, name: str, args: tuple[str, ...], message: str) -> None:
    """§2.1: the message, then the usage, on stdout; exit 1."""
    del name
    stdout, stderr, code = sim.run("stmfadm", *args)
    assert (stdout.split("\n", 1)[0] + "\n", stderr, code) == (message, "", 1)
    assert "Usage:" in stdout


def test_usage_block_layout(sim: Sim) -> None:
    """§2.1 usage layout, with the reference's -p line."""
    assert sim.run("stmfadm", "create-lu") == ("stmfadm: create-lu requires an operand\n" + CREATE_LU_USAGE, "", 1)


def test_help_and_version(sim: Sim) -> None:
    """-V/--version print the version; -?/--help the usage, exit 0."""
    assert sim.run("stmfadm", "-V") == ("stmfadm: Version 1.0\n", "", 0)
    assert sim.run("stmfadm", "--version") == ("stmfadm: Version 1.0\n", "", 0)
    assert sim.run("stmfadm", "create-lu", "-?") == (CREATE_LU_USAGE, "", 0)
    stdout, _stderr, code = sim.run("stmfadm", "--help")
    assert code == 0 and "create-lu" in stdout


def test_option_too_long(sim: Sim) -> None:
    """§2.1: an option argument over 512 characters: stdout, exit 255."""
    assert sim.run("stmfadm", "create-lu", "-p", "alias=" + "a" * 600, ZVOL) == ("stmfadm: option too long\n", "", 255)


def test_no_operands_variant_goes_to_stderr(sim: Sim) -> None:
    """§2.1: "takes no operands" is the one syntax error on stderr."""
    stdout, stderr, code = sim.run("stmfadm", "list-state", "extra")
    assert code == 1 and stderr.startswith("stmfadm: list-state") and "Operational Status" not in stdout


def test_subcommand_case_and_long_options(sim: Sim) -> None:
    """§2.1: LIST-LU works; --host-group/--target-group/--lun, --lun=N and unambiguous prefixes too."""
    sim.ok("stmfadm", "create-hg", "HG1")
    sim.ok("stmfadm", "CREATE-TG", "TG1")
    sim.ok("stmfadm", "add-view", "--host-group", "HG1", "--target-group=TG1", "--lun=7", GUID1)
    sim.ok("stmfadm", "add-view", "--host", "HG1", "--target-group", "TG1", "--lun", "8", GUID2)
    assert sim.run("stmfadm", "LIST-VIEW", "--lu-name", GUID1)[0].endswith("    LUN          : 7\n")
    assert sim.run("stmfadm", "list-lu")[0] == f"LU Name: {GUID1}\nLU Name: {GUID2}\n"


def test_exit_status_counts_failed_operands(sim: Sim) -> None:
    """§2.2: three missing GUIDs, three messages, exit 3."""
    guids = [GUID1, GUID2, GUID3]
    expected = "".join(f"stmfadm: {guid.lower()}: not found\n" for guid in guids)
    assert sim.run("stmfadm", "delete-lu", *guids) == ("", expected, 3)


def test_create_lu_needs_the_zvol_in_a_pool_imported_here(sim: Sim) -> None:
    """The zvol exists on live01's pool: live02 gets `data file error`."""
    sim.zvol()
    assert sim.run("stmfadm", "create-lu", ZVOL, node="live02") == ("", "stmfadm: data file error\n", 1)
    with sim.edit() as cluster:
        cluster["pools"]["pool1"]["node"] = None
    assert sim.run("stmfadm", "create-lu", ZVOL) == ("", "stmfadm: data file error\n", 1)


def test_create_lu_defaults_and_properties(sim: Sim) -> None:
    """Created with the zvol's size and the sbd defaults; -p values land in the record."""
    sim.zvol()
    guid = sim.ok("stmfadm", "create-lu", "-p", "ALIAS=disk-a=b", "-p", "serial=S1", "-p", "wp=TRUE", ZVOL).split()[-1]
    lu = sim.node()["stmf"]["lus"][guid]
    assert (lu["alias"], lu["serial"], lu["write_protect"], lu["size"], lu["block_size"]) == ("disk-a", "S1", True, 1073741824, 512)
    assert len(guid) == 32 and guid.startswith("600144F0") and guid == guid.upper()


def test_create_lu_on_a_regular_file(sim: Sim, tmp_path: pathlib.Path) -> None:
    """A regular file works (its real size); a missing one is a data file error; an empty one needs -s."""
    image = tmp_path / "disk.img"
    image.write_bytes(b"\0" * 4096)
    assert sim.ok("stmfadm", "create-lu", str(image)).startswith("Logical unit created: 600144F0")
    assert sim.run("stmfadm", "create-lu", str(image) + ".missing") == ("", "stmfadm: data file error\n", 1)
    empty = tmp_path / "empty.img"
    empty.write_bytes(b"")
    assert sim.run("stmfadm", "create-lu", str(empty)) == ("", "stmfadm: file size invalid\n", 1)
    guid = sim.ok("stmfadm", "create-lu", "-s", "1.5k", str(empty)).split()[-1]
    assert sim.node()["stmf"]["lus"][guid]["size"] == 1536


PROPERTY_ERRORS = [
    ("no value", "alias", "stmfadm: alias: invalid property specifier - prop=val\n\n"),
    ("unknown name", "colour=red", "stmfadm: invalid property specified: colour\n"),
    ("guid length", "guid=1234", "stmfadm: unable to set guid: invalid length\n"),
    ("guid format", "guid=" + "Z" * 32, "stmfadm: unable to set guid: bad format\n"),
    ("vid too long", "vid=ABCDEFGHI", "stmfadm: unable to set vid: invalid length\n"),
    ("wcd not boolean", "wcd=maybe", "stmfadm: unable to set wcd: bad format\n"),
    ("oui zero", "oui=000000", "stmfadm: unable to set oui: bad format\n"),
    ("block size sbd refuses", "blk=1000", "stmfadm: invalid block size\n"),
]


@pytest.mark.parametrize("name, prop, message", PROPERTY_ERRORS, ids=[case[0] for case in PROPERTY_ERRORS])
def test_create_lu_property_errors(sim: Sim, name: str, prop: str, message: str) -> None:
    """§2.4 -p parsing and value checks; exit 1, nothing created."""
    del name
    sim.zvol()
    assert sim.run("stmfadm", "create-lu", "-p", prop, ZVOL) == ("", message, 1)
    assert not sim.node()["stmf"]["lus"]


def test_create_lu_size_and_guid_errors(sim: Sim) -> None:
    """§2.4: a bad -s, and a GUID already registered."""
    sim.lu(GUID1)
    sim.zvol("pool1/zvol2")
    assert sim.run("stmfadm", "create-lu", "-s", "12Q", "/dev/zvol/rdsk/pool1/zvol2") == ("", "stmfadm: s: size param invalid\n", 1)
    assert sim.run("stmfadm", "create-lu", "-p", f"guid={GUID1.lower()}", "/dev/zvol/rdsk/pool1/zvol2") == (
        "", "stmfadm: guid in use\n", 1)


def test_import_lu_restores_the_guid_and_properties(sim: Sim) -> None:
    """§2.5: delete-lu then import-lu gives the same GUID and alias back."""
    sim.zvol()
    guid = sim.ok("stmfadm", "create-lu", "-p", "alias=zvol1-lun", "-p", "wcd=false", ZVOL).split()[-1]
    sim.ok("stmfadm", "modify-lu", "-p", "mgmt-url=http://x", guid)
    sim.ok("stmfadm", "delete-lu", guid)
    assert sim.run("stmfadm", "import-lu", ZVOL) == (f"Logical unit imported: {guid}\n", "", 0)
    lu = sim.node()["stmf"]["lus"][guid]
    assert (lu["alias"], lu["wcd"], lu["mgmt_url"], lu["data_file"]) == ("zvol1-lun", False, "http://x", ZVOL)
    assert sim.run("stmfadm", "import-lu", ZVOL) == ("", f"stmfadm: filename {ZVOL}: in use\n", 1)


def test_import_lu_on_a_volume_that_never_held_an_lu(sim: Sim) -> None:
    """rsf1-and-pools.md §5: `meta file error`, exit 1."""
    sim.zvol()
    assert sim.run("stmfadm", "import-lu", ZVOL) == ("", "stmfadm: meta file error\n", 1)


def test_modify_lu(sim: Sim) -> None:
    """§2.6: alias, mgmt-url, wcd, wp and -s only; GUID length without "long"."""
    guid = sim.lu()
    sim.ok("stmfadm", "modify-lu", "-p", "alias=new", "-p", "wcd=false", "-s", "512M", guid)
    lu = sim.node()["stmf"]["lus"][guid]
    assert (lu["alias"], lu["wcd"], lu["size"]) == ("new", False, 536870912)
    assert sim.run("stmfadm", "modify-lu", "-p", "vid=ACME", guid) == ("", "stmfadm: invalid property for modify\n", 1)
    assert sim.run("stmfadm", "modify-lu", "-p", "alias=x", "1234") == ("", "stmfadm: 1234: must be 32 hexadecimal digits\n", 1)
    assert sim.run("stmfadm", "modify-lu", "-f", "-p", "alias=byfile", ZVOL)[2] == 0
    assert sim.node()["stmf"]["lus"][guid]["alias"] == "byfile"
    with sim.edit() as cluster:
        cluster["node_state"]["live01"]["stmf"]["lus"][guid]["access_state"] = "Standby"
    assert sim.run("stmfadm", "modify-lu", "-p", "alias=x", guid) == ("", "stmfadm: cannot modify while in standby mode\n", 1)


def test_delete_lu_with_and_without_keep_views(sim: Sim) -> None:
    """§2.7: -k keeps the views (the GUID lists as unregistered); without -k they go."""
    first, second = sim.lu(GUID1), sim.lu(GUID2, "pool1/zvol2")
    sim.ok("stmfadm", "add-view", first)
    sim.ok("stmfadm", "add-view", "-n", "1", second)
    sim.ok("stmfadm", "delete-lu", "-k", first)
    sim.ok("stmfadm", "delete-lu", second)
    assert sim.run("stmfadm", "list-lu", "-v") == (
        f"LU Name: {GUID1}\n    Operational Status: unregistered\n    Provider Name     : unregistered\n"
        "    Alias             : -\n    View Entry Count  : 1\n", "", 0)
    assert sim.run("stmfadm", "delete-lu", "12") == ("", "stmfadm: 12: must be 32 hexadecimal digits long\n", 1)


def test_list_lu_sorts_and_skips_bad_operands(sim: Sim) -> None:
    """§2.8: sorted by GUID; a wrong-length operand is reported without a non-zero exit."""
    sim.lu(GUID3, "pool1/zvol3")
    sim.lu(GUID1)
    assert sim.run("stmfadm", "list-lu")[0] == f"LU Name: {GUID1}\nLU Name: {GUID3}\n"
    assert sim.run("stmfadm", "list-lu", "abc", GUID3.lower()) == (
        f"LU Name: {GUID3}\n", "stmfadm: abc: must be 32 hexadecimal digits long\n", 0)


def test_online_offline_lu(sim: Sim) -> None:
    """§2.14: state changes; online-lu needs STMF online; not found shows the operand."""
    guid = sim.lu()
    sim.ok("stmfadm", "offline-lu", guid)
    assert "    Operational Status: Offline\n" in sim.ok("stmfadm", "list-lu", "-v")
    sim.ok("svcadm", "disable", STMF)
    assert sim.run("stmfadm", "online-lu", guid) == ("", "stmfadm: STMF service is offline\n", 1)
    sim.ok("svcadm", "enable", STMF)
    sim.ok("stmfadm", "online-lu", guid.lower())
    assert "    Operational Status: Online\n" in sim.ok("stmfadm", "list-lu", "-v")
    assert sim.run("stmfadm", "online-lu", GUID2.lower()) == ("", f"stmfadm: {GUID2.lower()}: not found\n", 1)
    assert sim.run("stmfadm", "offline-lu", "x") == ("", "stmfadm: x: must be 32 hexadecimal digits long\n", 1)


def test_sbdadm_lists_registered_lus_only(sim: Sim) -> None:
    """§2.16: nothing without sbd LUs; an unregistered GUID (views only) is not an sbd LU."""
    assert sim.run("sbdadm", "list-lu") == ("", "", 0)
    sim.ok("stmfadm", "add-view", GUID1)
    assert sim.run("sbdadm", "list-lu") == ("", "", 0)
