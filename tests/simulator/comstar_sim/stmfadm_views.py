"""stmfadm view entries: add-view, list-view, remove-view (illumos-cli.md §2.10-§2.12)."""
from __future__ import annotations

import re

from . import assumed
from .cmdparse import Parsed
from .stmf_common import Record, Result, WorldLike, guid_of, ok, stmf, views_of

MAX_LUN = 16383
_ATOI = re.compile(r"\s*([+-]?[0-9]*)", re.ASCII)


def _atoi16(text: str) -> int:
    """§2.10: atoi into a 16-bit integer; non-numeric is 0, 65536 and above wrap around."""
    digits = _ATOI.match(text)
    number = digits.group(1) if digits else ""
    value = int(number) if number not in ("", "+", "-") else 0
    return value % 65536


def _overlaps(view: Record, host_group: str | None, target_group: str | None) -> bool:
    """Same or overlapping host group and target group; None ("All") overlaps everything (§2.10)."""
    hosts = view.get("host_group") is None or host_group is None or view.get("host_group") == host_group
    targets = view.get("target_group") is None or target_group is None or view.get("target_group") == target_group
    return hosts and targets


def add_view(world: WorldLike, parsed: Parsed) -> Result:
    """add-view [-h HG] [-t TG] [-n LUN] GUID: lowest free entry, lowest free LUN (§2.10)."""
    operand = parsed.operands[0]
    guid = guid_of(operand)
    if guid is None:
        return "", f"stmfadm: {operand}: must be 32 hexadecimal digits\n", 1
    lun = None
    if parsed.has("n"):
        lun = _atoi16(parsed.value("n") or "")
        if lun > MAX_LUN:
            return "", f"stmfadm: {parsed.value('n')}: Logical unit number must be less than {MAX_LUN + 1}\n", 1
    store = stmf(world)
    host_group, target_group = parsed.value("h"), parsed.value("t")
    if host_group is not None and host_group not in store["host_groups"]:
        return "", "stmfadm: invalid host group\n", 1
    if target_group is not None and target_group not in store["target_groups"]:
        return "", "stmfadm: invalid target group\n", 1
    own = views_of(world, guid)
    if any(_overlaps(view, host_group, target_group) for view in own):
        return "", "stmfadm: view entry exists\n", 1
    # [derived §2.10] a LUN is taken when any overlapping view, of any LU, uses it.
    taken = {int(view["lun"]) for other in store["views"] for view in store["views"][other]
             if _overlaps(view, host_group, target_group)}
    if lun is None:
        free = [number for number in range(MAX_LUN + 1) if number not in taken]
        if not free:
            return "", "stmfadm: LUN already in use\n", 1
        lun = free[0]
    elif lun in taken:
        return "", "stmfadm: LUN already in use\n", 1
    used_entries = {int(view["entry"]) for view in own}
    entry = next(number for number in range(len(own) + 1) if number not in used_entries)
    store["views"].setdefault(guid, []).append(
        {"entry": entry, "host_group": host_group, "target_group": target_group, "lun": lun})
    return ok()


def _view_block(view: Record) -> str:
    return (f"View Entry: {view['entry']}\n    Host group   : {view.get('host_group') or 'All'}\n"
            f"    Target group : {view.get('target_group') or 'All'}\n    LUN          : {view['lun']}\n")


def list_view(world: WorldLike, parsed: Parsed) -> Result:
    """list-view -l GUID [ENTRY...] (§2.11)."""
    name = parsed.value("l") or ""
    guid = guid_of(name)
    if guid is None:
        return "", f"stmfadm: {name}: must be 32 hexadecimal digits long\n", 1
    views = views_of(world, guid)
    if not views:
        # §2.11: also for a GUID nothing knows; never "not found".
        return "", f"stmfadm: {name.lower()}: no views found\n", 1
    if not parsed.operands:
        return ok("".join(_view_block(view) for view in views))
    by_entry = {int(view["entry"]): view for view in views}
    out, errors, failed = "", "", 0
    for operand in parsed.operands:
        view = by_entry.get(int(operand)) if operand.isascii() and operand.isdigit() else None
        if view is None:
            errors += f"stmfadm: {name.lower()}, {operand}: not found\n"
            failed += 1
        else:
            out += _view_block(view)
    return out, errors, failed


def remove_view(world: WorldLike, parsed: Parsed) -> Result:
    """remove-view -l GUID (-a | ENTRY...) (§2.12)."""
    name = parsed.value("l") or ""
    guid = guid_of(name)
    if guid is None:
        return "", f"stmfadm: {name}: must be 32 hexadecimal digits long\n", 1
    if not parsed.has("a") and not parsed.operands:
        return "", "stmfadm: no view entries specified\n", 1
    store = stmf(world)
    views = views_of(world, guid)
    if not views:
        return "", f"stmfadm: {name.lower()}: no views found\n", 1
    if parsed.has("a"):
        store["views"].pop(guid, None)
        return ok()
    errors, failed = "", 0
    for operand in parsed.operands:
        if not (operand.isascii() and operand.isdigit()):
            # §2.12 quirk: reported, but not counted as a failure.
            errors += assumed.invalid_entry_input(operand)
            continue
        remaining = [view for view in store["views"].get(guid, []) if int(view["entry"]) != int(operand)]
        if len(remaining) == len(store["views"].get(guid, [])):
            errors += f"stmfadm: {name.lower()}: {operand}: not found\n"
            failed += 1
            continue
        store["views"][guid] = remaining
    if not store["views"].get(guid):
        store["views"].pop(guid, None)
    return "", errors, failed
