"""stmfadm logical units: create-lu, import-lu, modify-lu, delete-lu, list-lu, online/offline-lu.

Reference: illumos-cli.md §2.4-§2.8, §2.14; rsf1-and-pools.md §5 (import-lu without metadata).
"""
from __future__ import annotations

import os
import re

from . import assumed
from .cmdparse import Parsed
from .sizes import stmf_size
from .stmf_common import (Record, Result, WorldLike, guid_of, listed_guids, lu_by_file, meta_holder, ok, pool_volume, stmf,
                          stmf_online, write_meta)

_HEX = re.compile(r"[0-9A-Fa-f]*", re.ASCII)
# §2.4: the -p property names create-lu takes (names are case-insensitive).
CREATE_PROPS = ("alias", "blk", "guid", "host-id", "meta", "mgmt-url", "oui", "pid", "serial", "vid", "wcd", "wp")
# §2.6: the only ones modify-lu changes.
MODIFY_PROPS = ("alias", "mgmt-url", "wcd", "wp")
_MAX_LENGTH = {"alias": 255, "mgmt-url": 1024, "pid": 16, "serial": 252, "vid": 8}
_EXACT_HEX = {"guid": 32, "host-id": 8, "oui": 6}


def _fail(message: str) -> Result:
    return "", message, 1


def _problem(key: str, value: str) -> str | None:
    """Why sbd refuses a property value: `invalid length` or `bad format` (§2.4)."""
    if key in _MAX_LENGTH and len(value) > _MAX_LENGTH[key]:
        return "invalid length"
    if key in _EXACT_HEX:
        if len(value) != _EXACT_HEX[key]:
            return "invalid length"
        if not _HEX.fullmatch(value) or (key == "oui" and int(value, 16) == 0):
            return "bad format"
    if key == "blk":
        if not value.isascii() or not value.isdigit():
            return "bad format"
        if int(value) > 65535:
            return "invalid length"
    if key in ("wcd", "wp") and value.lower() not in ("true", "false"):
        return "bad format"
    return None


def parse_props(values: list[str], allowed: tuple[str, ...]) -> dict[str, str] | Result:
    """The -p arguments as {name: value}, or the error stmfadm prints (§2.4, §2.6)."""
    props: dict[str, str] = {}
    for text in values:
        # §2.4: strtok on "=": empty pieces vanish and a value is cut at its next "=".
        tokens = [token for token in text.split("=") if token]
        name = tokens[0] if tokens else ""
        if len(tokens) < 2:
            return _fail(f"stmfadm: {name}: invalid property specifier - prop=val\n\n")
        key = name.lower()
        if key not in CREATE_PROPS:
            return _fail(f"stmfadm: invalid property specified: {name}\n")
        if key not in allowed:
            return _fail("stmfadm: invalid property for modify\n")
        problem = _problem(key, tokens[1])
        if problem is not None:
            return _fail(f"stmfadm: unable to set {name}: {problem}\n")
        props[key] = tokens[1]
    return props


def _backing_size(world: WorldLike, path: str) -> int | None:
    """The size of a usable data file: a zvol in a pool imported here, or a regular file."""
    found = pool_volume(world, path)
    if found is not None:
        return int(found[1]["volsize"])
    if os.path.isfile(path):
        return os.path.getsize(path)
    return None


def _new_record(path: str, props: dict[str, str], size: int, zvol: bool) -> Record:
    wcd = props["wcd"].lower() == "true" if "wcd" in props else (assumed.ZVOL_DEFAULT_WCD if zvol else False)
    return {"data_file": path, "alias": props.get("alias"), "meta_file": props.get("meta"), "size": size,
            "block_size": int(props.get("blk", "512")), "mgmt_url": props.get("mgmt-url") or None,
            "vendor_id": props.get("vid", "SUN"), "product_id": props.get("pid", "COMSTAR"),
            "serial": props.get("serial"), "write_protect": props.get("wp", "false").lower() == "true",
            "wcd": wcd, "state": "Online", "access_state": "Active"}


def create_lu(world: WorldLike, parsed: Parsed) -> Result:
    """create-lu: prints `Logical unit created: GUID` (§2.4)."""
    props = parse_props(parsed.values("p"), CREATE_PROPS)
    if isinstance(props, tuple):
        return props
    size = None
    if parsed.has("s"):
        size = stmf_size(parsed.value("s") or "")
        if size is None:
            return _fail("stmfadm: s: size param invalid\n")
    path = parsed.operands[0]
    backing = _backing_size(world, path)
    if backing is None:
        return _fail("stmfadm: data file error\n")
    if lu_by_file(world, path) is not None:
        return _fail(f"stmfadm: filename {path}: in use\n")
    lus = stmf(world)["lus"]
    guid = props["guid"].upper() if "guid" in props else world.new_guid()
    if guid in lus:
        return _fail("stmfadm: guid in use\n")
    if int(props.get("blk", "512")) not in assumed.SBD_BLOCK_SIZES:
        return _fail("stmfadm: invalid block size\n")
    lu_size = size if size is not None else backing
    if lu_size == 0:
        return _fail("stmfadm: file size invalid\n")  # [assumed] see assumed.py
    lus[guid] = _new_record(path, props, lu_size, pool_volume(world, path) is not None)
    write_meta(world, guid, lus[guid])
    return ok(f"Logical unit created: {guid}\n")


def import_lu(world: WorldLike, parsed: Parsed) -> Result:
    """import-lu: the GUID and properties come back from the metadata on the device (§2.5)."""
    path = parsed.operands[0]
    if _backing_size(world, path) is None:
        return _fail("stmfadm: data file error\n")
    if lu_by_file(world, path) is not None:
        return _fail(f"stmfadm: filename {path}: in use\n")
    holder = meta_holder(world, path)
    meta = holder.get("sbd_meta") if holder else None
    if not meta:
        # rsf1-and-pools.md §5: a volume that never held an LU.
        return _fail("stmfadm: meta file error\n")
    lus = stmf(world)["lus"]
    guid = str(meta["guid"]).upper()
    if guid in lus:
        return _fail("stmfadm: guid in use\n")
    record = {key: meta.get(key) for key in meta if key != "guid"}
    record.update({"data_file": path, "state": "Online", "access_state": "Active"})
    lus[guid] = record
    return ok(f"Logical unit imported: {guid}\n")


def modify_lu(world: WorldLike, parsed: Parsed) -> Result:
    """modify-lu: alias, mgmt-url, wcd, wp and the size only (§2.6)."""
    operand = parsed.operands[0]
    lus = stmf(world)["lus"]
    if parsed.has("f"):
        found = lu_by_file(world, operand)
    else:
        guid = guid_of(operand)
        if guid is None:
            return _fail(f"stmfadm: {operand}: must be 32 hexadecimal digits\n")
        found = (guid, lus[guid]) if guid in lus else None
    props = parse_props(parsed.values("p"), MODIFY_PROPS)
    if isinstance(props, tuple):
        return props
    if found is None:
        return _fail(f"stmfadm: {operand}: not found\n")  # [assumed] see assumed.py
    guid, lu = found
    if lu.get("access_state") == "Standby":
        return _fail("stmfadm: cannot modify while in standby mode\n")
    if parsed.has("s"):
        size = stmf_size(parsed.value("s") or "")
        if size is None:
            return _fail("stmfadm: s: size param invalid\n")
        zvol = pool_volume(world, lu["data_file"])
        if size == 0 or (zvol is not None and size > int(zvol[1]["volsize"])):
            return _fail("stmfadm: invalid size\n")  # [assumed] see assumed.py
        lu["size"] = size
    for key, value in props.items():
        if key in ("wcd", "wp"):
            lu["wcd" if key == "wcd" else "write_protect"] = value.lower() == "true"
        else:
            # §2.6: mgmt-url may be set to an empty string, which clears it.
            lu["alias" if key == "alias" else "mgmt_url"] = value if value or key == "alias" else None
    write_meta(world, guid, lu)
    return ok()


def delete_lu(world: WorldLike, parsed: Parsed) -> Result:
    """delete-lu [-k]: without -k the views go too; exit status = failed operands (§2.7)."""
    store = stmf(world)
    errors, failed = "", 0
    for operand in parsed.operands:
        guid = guid_of(operand)
        if guid is None:
            errors += f"stmfadm: {operand}: must be 32 hexadecimal digits long\n"
            failed += 1
        elif guid not in store["lus"]:
            errors += f"stmfadm: {operand.lower()}: not found\n"
            failed += 1
        else:
            del store["lus"][guid]
            if not parsed.has("k"):
                store["views"].pop(guid, None)
    return "", errors, failed


def _lu_block(store: Record, guid: str, verbose: bool) -> str:
    """One LU of list-lu; store: the node's stmf dict (stmf(world), taken once per listing)."""
    text = f"LU Name: {guid}\n"
    if not verbose:
        return text
    lu = store["lus"].get(guid)
    count = len(store["views"].get(guid) or ())
    if lu is None:
        # §2.8: a GUID known only through view entries.
        return text + ("    Operational Status: unregistered\n    Provider Name     : unregistered\n"
                       f"    Alias             : -\n    View Entry Count  : {count}\n")
    alias = lu["data_file"] if lu.get("alias") is None else (lu["alias"] or "-")
    head = _LU_HEAD % (lu.get("state", "Online"), alias, count)
    tail = _LU_TAIL % lu.get("access_state", "Active")
    if lu.get("access_state") == "Standby":
        return text + head + _LU_STANDBY + tail
    sbd = (lu["data_file"], lu.get("meta_file") or "not set", lu["size"], lu["block_size"],
           lu.get("mgmt_url") or "not set", f"{lu['vendor_id']:<8}", f"{lu['product_id']:<16}",
           lu.get("serial") or "not set", "Enabled" if lu.get("write_protect") else "Disabled",
           "Disabled" if lu.get("wcd") else "Enabled")
    return text + head + _LU_SBD % sbd + tail


def _labelled(*labels: str) -> str:
    """One "    Label<pad>: %s" line per label: list-lu -v's layout, values filled in with %."""
    return "".join(f"    {label:<18}: %s\n" for label in labels)


_LU_HEAD = (_labelled("Operational Status") + _labelled("Provider Name") % "sbd"
            + _labelled("Alias", "View Entry Count"))
_SBD_LABELS = ("Data File", "Meta File", "Size", "Block Size", "Management URL", "Vendor ID", "Product ID",
               "Serial Num", "Write Protect", "Writeback Cache")
_LU_SBD = _labelled(*_SBD_LABELS)
_LU_STANDBY = _labelled(*_SBD_LABELS) % (("prop unavailable in standby",) * len(_SBD_LABELS))
_LU_TAIL = _labelled("Access State")


def list_lu(world: WorldLike, parsed: Parsed) -> Result:
    """list-lu [-v] [GUID...]: sorted by GUID, unregistered GUIDs with views included (§2.8)."""
    known = listed_guids(world)
    store, verbose = stmf(world), parsed.has("v")
    if not parsed.operands:
        return ok("".join([_lu_block(store, guid, verbose) for guid in known]))
    out, errors, code = "", "", 0
    for operand in parsed.operands:
        guid = guid_of(operand)
        if guid is None:
            # §2.8 quirk: reported and skipped, without making the exit status non-zero.
            errors += f"stmfadm: {operand}: must be 32 hexadecimal digits long\n"
        elif guid not in known:
            errors += f"stmfadm: {operand}: not found\n"
            code = 1
        else:
            out += _lu_block(store, guid, verbose)
    return out, errors, code


def online_offline_lu(world: WorldLike, parsed: Parsed) -> Result:
    """online-lu / offline-lu (§2.14)."""
    operand = parsed.operands[0]
    guid = guid_of(operand)
    if guid is None:
        return _fail(f"stmfadm: {operand}: must be 32 hexadecimal digits long\n")
    online = parsed.name == "online-lu"
    if online and not stmf_online(world):
        return _fail("stmfadm: STMF service is offline\n")
    lu = stmf(world)["lus"].get(guid)
    if lu is None:
        return _fail(f"stmfadm: {operand}: not found\n")
    lu["state"] = "Online" if online else "Offline"
    return ok()
