"""Shared pieces of the simulated itadm: the invocation record, iSCSI names, lookups.

Every fact comes from the project's CLI reference (illumos-cli.md §3); section numbers
in comments point there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

Result = tuple[str, str, int]
Record = dict[str, Any]

ISCSI_TARGET_FMRI = "svc:/network/iscsi/target:default"

# §3.1: "<n> is usually an errno value".
EINVAL = 22
EEXIST = 17
ENOENT = 2
EBUSY = 16
EBADF = 9
EFAULT = 14
E2BIG = 7
ENXIO = 6

# §3.4: iqn names are "iqn.yyyy-mm." followed by alphanumerics, '.', '-' or ':', at most 223
# characters; eui names are 16 hex digits.
_IQN_BODY = re.compile(r"iqn\.[0-9]{4}-[0-9]{2}\.[A-Za-z0-9.:-]+", re.ASCII)
_EUI_BODY = re.compile(r"eui\.[0-9A-Fa-f]{16}", re.ASCII)
MAX_ISCSI_NAME = 223


class WorldLike(Protocol):
    """What itadm needs of the simulator's World: this node's state and fresh UUIDs."""

    @property
    def state(self) -> dict[str, Any]:
        """This node's NODE dict (STATE.md)."""

    def new_uuid(self) -> str:
        """A lowercase 36-character UUID."""


@dataclass
class Options:  # pylint: disable=too-many-instance-attributes  # one field per itadm option
    """itadm's options after getopt_long, secrets already read (§3.1 option order)."""

    seen: list[str] = field(default_factory=list)
    auth: str | None = None
    chap_secret: bytes | None = None
    chap_user: str | None = None
    node_name: str | None = None
    alias: str | None = None
    tpgs: str | None = None
    force: bool = False
    parsable: bool = False
    verbose: bool = False
    radius_server: str | None = None
    radius_secret: bytes | None = None
    isns: bool | None = None
    isns_servers: list[str] | None = None


@dataclass
class Invocation:
    """One subcommand call: what a handler may read and the iscsit config it may change."""

    subcommand: str
    options: Options
    operands: list[str]
    config: Record
    world: WorldLike


class CommandError(Exception):
    """A subcommand fails: the message goes to stderr and itadm main adds the "failed" line (§3.1)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def iscsit_config(state: Record) -> Record:
    """The node's iscsit dict (STATE.md), with any missing key filled in."""
    config: Record = state.setdefault("iscsit", {})
    config.setdefault("targets", [])
    config.setdefault("tpgs", [])
    config.setdefault("initiators", [])
    defaults: Record = config.setdefault("defaults", {})
    for key in ("alias", "auth", "radius_server", "radius_secret"):
        defaults.setdefault(key, None)
    defaults.setdefault("isns", False)
    defaults.setdefault("isns_servers", [])
    return config


def has_iscsi_prefix(name: str) -> bool:
    """The "Invalid name" test: an iqn. or eui. prefix (§3.4, §3.9)."""
    # [derived §3.4] the prefix is taken case-insensitively, since the canonical form is
    # produced afterwards.
    return name[:4].lower() in ("iqn.", "eui.")


def is_valid_iscsi_name(name: str) -> bool:
    """The "Invalid iSCSI name" test (§3.4)."""
    if len(name) > MAX_ISCSI_NAME:
        return False
    lowered = name.lower()
    if lowered.startswith("iqn."):
        return _IQN_BODY.fullmatch(lowered) is not None
    if lowered.startswith("eui."):
        return _EUI_BODY.fullmatch(lowered) is not None
    return False


def canonical_name(name: str) -> str:
    """COMSTAR's canonical form: an iqn. name lowercased, an eui. name uppercased (§3.4)."""
    # [derived §3.4] "uppercased" applies to the 16 hex digits, with the prefix kept as `eui.` as
    # stmfadm does (§2.3), so both commands name an eui target alike.
    if name[:4].lower() == "eui.":
        return "eui." + name[4:].upper()
    return name.lower()


def find_named(records: list[Record], name: str) -> Record | None:
    """The record whose name matches case-insensitively (targets, initiators: §3.5, §3.7)."""
    wanted = name.lower()
    found: Record | None = next((record for record in records if str(record["name"]).lower() == wanted), None)
    return found


def find_tpg(config: Record, name: str) -> Record | None:
    """The TPG with exactly this name (TPG names are matched with strcmp, §3.8)."""
    found: Record | None = next((tpg for tpg in config["tpgs"] if tpg["name"] == name), None)
    return found


def set_or_unset(secret: str | None) -> str:
    """Secrets are never printed, only whether one is stored (§3.3)."""
    return "set" if secret else "unset"


def is_none_keyword(value: str) -> bool:
    """`none` (any case) removes an alias or a CHAP user (§3.3)."""
    return value.lower() == "none"
