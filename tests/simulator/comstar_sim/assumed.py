"""Every behaviour of the simulator that the reference does not pin down, in one place.

The reference files are `illumos-cli.md` (stmfadm, sbdadm, itadm, zfs, SMF, pkg) and
`rsf1-and-pools.md` (stmfha, rsfcli, zpool). Each entry names its status:

* [unconfirmed §N] - the reference lists it as unconfirmed; the simulator picks the expected case.
* [assumed] - the reference says nothing; the simulator's working assumption.
* [derived] - worked out from the reference's own facts.

Correct an entry here from a real host and every command module follows.
"""
from __future__ import annotations

# --- nodes and installation -----------------------------------------------------------------

# [assumed] a call on a node that is down fails as ssh would (DESIGN.md §5 "a node is down").
NODE_DOWN_RC = 255


def node_down_message(node: str) -> str:
    """[assumed] ssh's refusal, the only thing a caller sees of a node that is down."""
    return f"ssh: connect to host {node} port 22: Connection refused\n"


# [assumed] a command whose package is not installed (or stmfha/rsfcli outside an RSF-1
# cluster) is not on the node's PATH at all (world.node_path); reached past PATH (a launcher run
# by its own path, stmfha on a node), it fails as a shell reports a missing program.
NOT_INSTALLED_RC = 127


def not_installed_message(command: str) -> str:
    """[assumed] the shell's wording for a missing program."""
    return f"{command}: command not found\n"


# illumos-cli.md §1 [src: the package manifests]: which package ships which command.
COMMAND_PACKAGE = {"stmfadm": "storage/stmf", "sbdadm": "storage/stmf", "itadm": "network/iscsi/target"}

# §1 [src]: the SMF service each package ships.
SERVICE_PACKAGE = {"svc:/system/stmf:default": "storage/stmf",
                   "svc:/network/iscsi/target:default": "network/iscsi/target"}

# [unconfirmed §10 item 5] the iSCSI target service depends on STMF (itadm's own message
# recommends `svcadm enable -r` for it, §3.1).
SERVICE_DEPENDENCIES = {"svc:/network/iscsi/target:default": ["svc:/system/stmf:default"]}

# [assumed] the IPS catalogue the simulated hosts see. [unconfirmed §1] network/iscsi/target
# depending on storage/stmf: the seed installs only network/iscsi/target and then enables
# svc:/system/stmf, so the simulator installs storage/stmf with it. [unconfirmed §1] the group
# package is documented for OpenIndiana and Solaris only.
PACKAGE_VERSION = "0.5.11-151054.0"
PACKAGE_DEPENDENCIES: dict[str, list[str]] = {
    "storage/stmf": [],
    "network/iscsi/target": ["storage/stmf"],
    "group/feature/storage-server": ["storage/stmf", "network/iscsi/target"],
}

# --- SMF ------------------------------------------------------------------------------------

# [assumed] svcs prints this start time for every instance (the simulator keeps no clock).
SERVICE_STIME = "10:00:00"
SERVICE_SINCE = "Thu Jan 01 10:00:00 2026"
SERVICE_DESCRIPTIONS = {"svc:/system/stmf:default": "STMF",
                        "svc:/network/iscsi/target:default": "iscsi target"}


def svcs_explain(fmri: str, state: str, waiting_on: list[str]) -> str:
    """[assumed] `svcs -x FMRI`: free-form, not for parsing (illumos-cli.md §5)."""
    head = f"svc:/{fmri[5:]} ({SERVICE_DESCRIPTIONS.get(fmri, 'service')})\n State: {state} since {SERVICE_SINCE}\n"
    log = "/var/svc/log/" + fmri[5:].replace("/", "-") + ".log"
    if state == "maintenance":
        return (head + "Reason: Start method failed repeatedly, last exited with status 1.\n"
                "   See: http://illumos.org/msg/SMF-8000-KS\n"
                f"   See: {log}\nImpact: This service is not running.\n")
    if state == "disabled":
        return (head + "Reason: Disabled by an administrator.\n   See: http://illumos.org/msg/SMF-8000-05\n"
                "Impact: This service is not running.\n")
    if state.startswith("offline"):
        waiting = "".join(f"   See: svcs -l {dep}\n" for dep in waiting_on)
        return (head + "Reason: Service svc:/" + (waiting_on[0][5:] if waiting_on else "?")
                + " is not running because a method failed repeatedly.\n"
                + "   See: http://illumos.org/msg/SMF-8000-GE\n" + waiting + "Impact: This service is not running.\n")
    return head + f"   See: {log}\nImpact: None.\n"


def svcadm_not_in_maintenance(fmri: str) -> str:
    """[assumed] `svcadm clear` on an instance that is not in maintenance."""
    return f'svcadm: Instance "{fmri}" is not in a maintenance or degraded state.\n'


SVCADM_USAGE = ("Usage: svcadm [-v] [cmd [args ... ]]\n\n"
                "\tsvcadm enable [-rst] <service> ...\t- enable and online service(s)\n"
                "\tsvcadm disable [-st] <service> ...\t- disable and offline service(s)\n"
                "\tsvcadm restart <service> ...\t\t- restart specified service(s)\n"
                "\tsvcadm refresh <service> ...\t\t- re-read service configuration\n"
                "\tsvcadm clear <service> ...\t\t- clear maintenance state\n")  # [assumed] wording
SVCS_USAGE = "Usage: svcs [-aHpv?] [-o col[,col]...] [-x] [<service> ...]\n"  # [assumed] wording

# --- stmfadm / sbdadm (cmdparse) -------------------------------------------------------------


def takes_no_operands(command: str, subcommand: str) -> str:
    """[assumed wording] cmdparse's stderr message when operands are given to list-state."""
    return f"{command}: {subcommand}: no operands permitted\n"


def option_needs_argument(command: str, letter: str) -> str:
    """[assumed] getopt's complaint for an option missing its argument."""
    return f"{command}: option requires an argument -- {letter}\n"


# [assumed] the operand placeholders of the stmfadm usage lines (§2.1 gives one sample only).
STMFADM_OPERANDS = {
    "add-hg-member": "<group member> ...", "add-tg-member": "<group member> ...",
    "remove-hg-member": "<group member> ...", "remove-tg-member": "<group member> ...",
    "add-view": "<lu-name>", "create-hg": "<group-name>", "create-tg": "<group-name>",
    "delete-hg": "<group-name>", "delete-tg": "<group-name>", "create-lu": "<lu file>",
    "modify-lu": "<lu-name>", "delete-lu": "<lu-name> ...", "import-lu": "<file name>",
    "list-hg": "[<group-name> ...]", "list-tg": "[<group-name> ...]", "list-lu": "[<lu-name> ...]",
    "list-target": "[<target-name> ...]", "list-state": "", "list-view": "[<entry-number> ...]",
    "online-lu": "<lu-name>", "offline-lu": "<lu-name>", "online-target": "<target-name>",
    "offline-target": "<target-name>", "remove-view": "[<entry-number> ...]", "list-lu-sbd": "",
}

# [assumed] the argument placeholder of each stmfadm option in usage texts; §2.1 gives `-p`.
STMFADM_OPTION_ARGS = {"g": "<group-name>", "l": "<logical-unit-name>", "n": "<logical-unit-number>",
                       "p": "<logical-unit-property=value>", "s": "<size K/M/G/T/P>", "t": "<group-name>",
                       "h": "<group-name>"}

# --- stmfadm behaviour ----------------------------------------------------------------------

# [unconfirmed §10 item 15] GUIDs sbd generates begin 600144F0 (transcripts); the rest of the
# layout was not read, so the simulator fills it from a hash of the call counter.
GUID_PREFIX = "600144F0"

# [assumed] STMF (list-state "Operational Status") is online exactly when svc:/system/stmf is.
# [assumed] iSCSI targets are registered with STMF (listed by list-target, subject to the
# "must be offline" rule) only while svc:/network/iscsi/target is online.
# [assumed] list-target lists targets in itadm's configuration order; groups are listed in
# creation order; members in the order they were added. The reference sorts only LUs (§2.8).
# [unconfirmed §10 item 4] online/offline of a target or LU already in that state succeeds quietly.
# [derived §2.13, read as conditional] list-target with no targets prints nothing and exits 0.

# [unconfirmed §10 item 7] a zvol-backed LU shows "Writeback Cache: Disabled" unless wcd=false
# was given (the OmniOS transcript and the seed show Disabled for a default zvol LU).
ZVOL_DEFAULT_WCD = True

# [unconfirmed §10 item 8] the block sizes sbd accepts.
SBD_BLOCK_SIZES = (512, 1024, 2048, 4096, 8192, 16384, 32768, 65536)

# [assumed] delete-lu leaves sbd's metadata on the zvol, so a later import-lu brings the LU back.
DELETE_LU_KEEPS_META = True

# [unconfirmed §2.9 / §10 item 16] adding a member that is in another group of the same kind
# fails like adding one that is already in this group.
# [assumed] modify-lu on an unknown GUID or file says `<operand>: not found`; a new size above
# the zvol's volsize is refused with `invalid size`; modify-lu needs at least one option.
# [assumed] create-lu on an empty regular file without -s says `file size invalid`.


def invalid_entry_input(entry: str) -> str:
    """[assumed wording] remove-view on a non-numeric entry (it does not count as a failure, §2.12)."""
    return f"stmfadm: {entry}: invalid input\n"


# --- zfs / zpool ----------------------------------------------------------------------------

ZFS_USAGE_TAIL = ("\nFor the property list, run: zfs set|get\n\n"
                  "For the delegated permission list, run: zfs allow|unallow\n")  # [assumed] wording
ZFS_USAGE = {  # [assumed] the usage lines other than create's (§4.1 gives create -V).
    "create": "\tcreate [-p] [-o property=value] ... <filesystem>\n"
              "\tcreate [-ps] [-b blocksize] [-o property=value] ... -V <size> <volume>\n",
    "destroy": "\tdestroy [-fnpRrv] <filesystem|volume>\n",
    "list": "\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...\n"
            "\t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...\n",
    "get": "\tget [-rHp] [-d max] [-o \"all\" | field[,...]]\n"
           "\t    [-t type[,...]] [-s source[,...]]\n\t    <\"all\" | property[,...]> [filesystem|volume|snapshot] ...\n",
    "set": "\tset <property=value> ... <filesystem|volume|snapshot> ...\n",
}
# [unconfirmed §4.2] `zfs list -t volume` naming a dataset that is not a volume.
ZFS_WRONG_TYPE = "operation not applicable to datasets of this type"
# [unconfirmed §10 item 10] zfs destroy of a zvol that sbd holds.
ZFS_BUSY = "dataset is busy"
# [assumed] datasets are listed in creation order (pools in cluster order); the reference does
# not say whether zfs and zpool sort, so the parsers must not rely on order.
# [assumed] the space a dataset uses: a volume refers 56K of data; one that is not sparse uses
# its volsize (refreservation); every pool has 100G available. Real zfs create without -s sets
# refreservation to zvol_volsize_to_reservation(volsize), the size plus its metadata blocks
# [src: zfs_main.c zfs_do_create] - at least the size; the simulator uses the size itself.
ZFS_REFER = 57344
ZFS_POOL_AVAILABLE = 100 * 1024 ** 3
ZPOOL_SIZE = 120 * 1024 ** 3
ZFS_VOLBLOCKSIZE_RANGE = (512, 131072)  # [assumed] powers of two; the message tail too

# --- pkg ------------------------------------------------------------------------------------


def pkg_no_match(subcommand: str, patterns: list[str]) -> str:
    """[assumed wording] install/uninstall of a pattern that matches no package."""
    listed = "".join(f"        {pattern}\n" for pattern in patterns)
    return (f"pkg {subcommand}: The following pattern(s) did not match any allowable packages.  Try\n"
            f"using a different matching pattern, or refreshing publisher information:\n\n{listed}")


def pkg_no_newer(patterns: list[str]) -> str:
    """[assumed wording] `pkg list -u` when every match is the newest version."""
    if not patterns:
        return "pkg list: no packages have newer versions available\n"
    listed = "".join(f"  {pattern}\n" for pattern in patterns)
    return f"pkg list: no packages matching the following patterns have newer versions available:\n{listed}"


def pkg_plan(count: int, verbose: bool) -> str:
    """[assumed] pkg's plan and progress output: its layout varies by version, not for parsing (§6)."""
    text = (f"           Packages to install: {count:>3}\n       Create boot environment:  No\n"
            "Create backup boot environment:  No\n")
    if verbose:
        text += "\nChanged packages:\n"
    return text + "\nPHASE                                          ITEMS\nInstalling new actions                         Done\n" \
                  "Updating package state database                 Done\nUpdating image state                            Done\n"


PKG_USAGE = "Usage:\n        pkg [options] command [cmd_options] [operands]\n"  # [assumed] wording

# --- rsfcli / stmfha ------------------------------------------------------------------------

# [assumed] `rsfcli -i0 isrunning` prints nothing; services are listed in cluster order.
RSFCLI_USAGE = "Usage: rsfcli [-i<n>] list|isrunning|status\n"  # [assumed] wording

# [assumed] the prefix of IQNs stmfha generates (the seed's target name).
STMFHA_IQN_PREFIX = "iqn.1995-10.com.high-availability:02:"
# [assumed] stmfha exits 1 when any node's part failed, and prints everything on stdout.
STMFHA_FAILED_RC = 1
STMFHA_USAGE = "Usage: stmfha <subcommand> [options] [operands]\n"  # [assumed] wording
