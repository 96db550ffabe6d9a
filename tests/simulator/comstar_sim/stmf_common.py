"""What the stmfadm and sbdadm handlers share: identifiers, this node's STMF dicts, lookups."""
from __future__ import annotations

import os
import re
from typing import Any, Protocol

Result = tuple[str, str, int]
Record = dict[str, Any]

STMF_FMRI = "svc:/system/stmf:default"
ISCSI_TARGET_FMRI = "svc:/network/iscsi/target:default"
ZVOL_PATH = re.compile(r"/dev/zvol/r?dsk/(([^/]+)/.+)")
_IQN_REST = re.compile(r"[A-Za-z0-9.:-]*", re.ASCII)
_HEX16 = re.compile(r"[0-9A-Fa-f]{16}", re.ASCII)
MAX_IQN = 223
GUID_LENGTH = 32


class WorldLike(Protocol):
    """What the STMF handlers need of a World."""

    cluster: Record
    node: str

    @property
    def state(self) -> Record:
        """This node's NODE dict."""

    def new_guid(self) -> str:
        """A fresh GUID."""


def ok(stdout: str = "") -> Result:
    """Success with this stdout."""
    return stdout, "", 0


def scsi_name(arg: str) -> str | None:
    """checkScsiNameString (§2.3): the canonical device id, or None for an unrecognized one."""
    if arg.startswith("iqn."):
        if len(arg) > MAX_IQN or not _IQN_REST.fullmatch(arg[4:]):
            return None
        return arg.lower()
    if arg.startswith(("wwn.", "eui.")) and _HEX16.fullmatch(arg[4:]):
        return arg[:4] + arg[4:].upper()
    return None


def guid_of(arg: str) -> str | None:
    """A 32-character operand as a GUID key (uppercase); None for the wrong length (§2.3)."""
    # [derived §2.3] non-hex characters of the right length become a GUID nothing matches.
    return arg.upper() if len(arg) == GUID_LENGTH else None


def stmf(world: WorldLike) -> Record:
    """This node's stmf dict, with any missing key filled in."""
    store: Record = world.state.setdefault("stmf", {})
    for key in ("lus", "views", "host_groups", "target_groups"):
        store.setdefault(key, {})
    return store


def service_online(world: WorldLike, fmri: str) -> bool:
    """Whether an SMF instance is online on this node."""
    return bool(world.state.get("services", {}).get(fmri) == "online")


def stmf_online(world: WorldLike) -> bool:
    """[assumed, see assumed.py] STMF is online exactly when its SMF service is."""
    return service_online(world, STMF_FMRI)


def registered_targets(world: WorldLike) -> list[Record]:
    """[assumed, see assumed.py] the iSCSI targets STMF knows: itadm's, while iscsit runs."""
    if not service_online(world, ISCSI_TARGET_FMRI):
        return []
    targets: list[Record] = world.state.get("iscsit", {}).get("targets", [])
    return targets


def find_target(world: WorldLike, canonical: str) -> Record | None:
    """The registered target with this canonical name."""
    for target in registered_targets(world):
        if str(target["name"]).lower() == canonical.lower():
            return target
    return None


def listed_guids(world: WorldLike) -> list[str]:
    """Registered LUs plus GUIDs that have view entries, sorted, unique (§2.8)."""
    store = stmf(world)
    return sorted(set(store["lus"]) | {guid for guid, views in store["views"].items() if views})


def views_of(world: WorldLike, guid: str) -> list[Record]:
    """The view entries of a GUID, by entry number."""
    entries: list[Record] = stmf(world)["views"].get(guid, [])
    return sorted(entries, key=lambda view: int(view["entry"]))


def pool_volume(world: WorldLike, path: str) -> tuple[Record, Record] | None:
    """(pool, volume) for /dev/zvol/[r]dsk/POOL/VOL when that pool is imported on this node."""
    match = ZVOL_PATH.fullmatch(path)
    if match is None:
        return None
    pool = world.cluster.get("pools", {}).get(match.group(2))
    if pool is None or pool.get("node") != world.node:
        return None
    volume = pool.get("volumes", {}).get(match.group(1))
    return (pool, volume) if volume is not None else None


def same_backing(left: str, right: str) -> bool:
    """Whether two data-file paths name the same zvol or file."""
    left_zvol, right_zvol = ZVOL_PATH.fullmatch(left), ZVOL_PATH.fullmatch(right)
    if left_zvol or right_zvol:
        return bool(left_zvol and right_zvol and left_zvol.group(1) == right_zvol.group(1))
    return os.path.realpath(left) == os.path.realpath(right)


def lu_by_file(world: WorldLike, path: str) -> tuple[str, Record] | None:
    """The registered LU whose data file is this path."""
    for guid, lu in stmf(world)["lus"].items():
        if same_backing(lu["data_file"], path):
            return guid, lu
    return None


def meta_holder(world: WorldLike, path: str) -> Record | None:
    """Where sbd keeps an LU's metadata for a data file: the zvol record or the file's entry."""
    found = pool_volume(world, path)
    if found is not None:
        return found[1]
    files: Record = world.cluster.setdefault("files", {})
    return files.setdefault(os.path.realpath(path), {"sbd_meta": None}) if os.path.isfile(path) else None


META_KEYS = ("guid", "alias", "block_size", "vendor_id", "product_id", "serial", "mgmt_url",
             "write_protect", "wcd", "meta_file", "size")


def write_meta(world: WorldLike, guid: str, lu: Record) -> None:
    """Keep the LU's metadata with its backing store, as sbd does (STATE.md sbd_meta)."""
    holder = meta_holder(world, lu["data_file"])
    if holder is not None:
        meta = {key: lu.get(key) for key in META_KEYS}
        meta["guid"] = guid
        holder["sbd_meta"] = meta
