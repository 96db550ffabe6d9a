"""stmfadm host and target groups, targets and STMF state.

Reference: illumos-cli.md §2.9 (groups), §2.13 (list-target, online/offline-target), §2.15.
"""
from __future__ import annotations

from .cmdparse import Parsed
from .stmf_common import (Record, Result, WorldLike, find_target, ok, registered_targets, scsi_name, stmf, stmf_online,
                          views_of)

MAX_GROUP_NAME = 255  # §2.3: longer names are silently truncated (strlcpy into 256 bytes)
_KINDS = {"hg": ("host_groups", "Host Group", "host_group"), "tg": ("target_groups", "Target Group", "target_group")}


def _kind(parsed: Parsed) -> str:
    return "tg" if "-tg" in parsed.name else "hg"


def _groups(world: WorldLike, kind: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = stmf(world)[_KINDS[kind][0]]
    return groups


def _group_name(arg: str) -> str:
    return arg.encode("utf-8", "surrogateescape")[:MAX_GROUP_NAME].decode("utf-8", "ignore")


def _in_use(world: WorldLike, kind: str, name: str) -> bool:
    key = _KINDS[kind][2]
    return any(view.get(key) == name for guid in stmf(world)["views"] for view in views_of(world, guid))


def create_group(world: WorldLike, parsed: Parsed) -> Result:
    """create-hg / create-tg NAME (§2.9)."""
    groups = _groups(world, _kind(parsed))
    name = _group_name(parsed.operands[0])
    if name in groups:
        return "", f"stmfadm: {parsed.operands[0]}: already exists\n", 1
    groups[name] = []
    return ok()


def delete_group(world: WorldLike, parsed: Parsed) -> Result:
    """delete-hg / delete-tg NAME: refused while a view entry uses the group (§2.9)."""
    kind = _kind(parsed)
    groups = _groups(world, kind)
    name = _group_name(parsed.operands[0])
    if name not in groups:
        return "", f"stmfadm: {parsed.operands[0]}: not found\n", 1
    if _in_use(world, kind, name):
        return "", f"stmfadm: {parsed.operands[0]}: group is in use by existing view entry\n", 1
    del groups[name]
    return ok()


def _member_change_error(world: WorldLike, kind: str, canonical: str) -> str | None:
    """§2.9: a target group member cannot change while that target port is registered and online."""
    if kind != "tg":
        return None
    target = find_target(world, canonical)
    if target is not None and target.get("state") == "online":
        return "stmfadm: STMF target must be offline\n"
    return None


def change_members(world: WorldLike, parsed: Parsed) -> Result:
    """add-hg/tg-member, remove-hg/tg-member -g GROUP MEMBER...: exit = failed members (§2.9)."""
    kind = _kind(parsed)
    groups = _groups(world, kind)
    group_arg = parsed.value("g") or ""
    group = _group_name(group_arg)
    adding = parsed.name.startswith("add-")
    errors, failed = "", 0
    for member in parsed.operands:
        error = _member_error(world, kind, groups, group, group_arg, member, adding)
        if error:
            errors += error
            failed += 1
            continue
        canonical = scsi_name(member) or member
        if adding:
            groups[group].append(canonical)
        else:
            groups[group].remove(canonical)
    return "", errors, failed


def _member_error(world: WorldLike, kind: str, groups: dict[str, list[str]], group: str, group_arg: str,
                  member: str, adding: bool) -> str | None:
    canonical = scsi_name(member)
    if canonical is None:
        return f"stmfadm: {member}: unrecognized device id\n"
    if group not in groups:
        return f"stmfadm: {group_arg}: not found\n"
    if adding:
        # [unconfirmed §2.9] one group per member: a member of another group fails the same way.
        if any(canonical in members for members in groups.values()):
            return f"stmfadm: {member}: already exists\n"
    elif canonical not in groups[group]:
        return f"stmfadm: {member}: not found\n"
    return _member_change_error(world, kind, canonical)


def list_groups(world: WorldLike, parsed: Parsed) -> Result:
    """list-hg / list-tg [-v] [NAME...] (§2.9)."""
    kind = _kind(parsed)
    groups = _groups(world, kind)
    label = _KINDS[kind][1]
    names = list(groups) if not parsed.operands else parsed.operands
    out, errors, failed = "", "", 0
    for shown in names:
        name = _group_name(shown)
        if name not in groups:
            errors += f"stmfadm: {shown}: not found\n"
            failed += 1
            continue
        out += f"{label}: {name}\n"
        if parsed.has("v"):
            out += "".join(f"\tMember: {member}\n" for member in groups[name])
    return out, errors, failed


def _target_block(target: Record, verbose: bool) -> str:
    text = f"Target: {target['name']}\n"
    if not verbose:
        return text
    lines = [("Operational Status", "Online" if target.get("state") == "online" else "Offline"),
             ("Provider Name", "iscsit"), ("Alias", target.get("alias") or "-"), ("Protocol", "iSCSI"),
             ("Sessions", str(int(target.get("sessions", 0))))]
    text += "".join(f"    {label:<18}: {value}\n" for label, value in lines)
    # STATE.md extension: optional session details, printed as §2.13 shows them.
    for session in target.get("session_list", []):
        text += (f"        Initiator: {session['initiator']}\n            Alias: {session.get('alias') or '-'}\n"
                 f"            Logged in since: {session.get('since', 'unknown')}\n")
    return text


def list_target(world: WorldLike, parsed: Parsed) -> Result:
    """list-target [-v] [TARGET...] (§2.13)."""
    if not stmf_online(world):
        return "", "stmfadm: STMF service offline\n", 1
    targets = registered_targets(world)
    if not parsed.operands:
        return ok("".join(_target_block(target, parsed.has("v")) for target in targets))
    out, errors, failed = "", "", 0
    for operand in parsed.operands:
        canonical = scsi_name(operand)
        target = find_target(world, canonical) if canonical else None
        if target is None:
            errors += f"stmfadm: {operand}: not found\n"
            failed += 1
        else:
            out += _target_block(target, parsed.has("v"))
    return out, errors, failed


def online_offline_target(world: WorldLike, parsed: Parsed) -> Result:
    """online-target / offline-target IQN: the port state itadm shares (§2.13)."""
    operand = parsed.operands[0]
    canonical = scsi_name(operand)
    if canonical is None:
        return "", f"stmfadm: {operand}: unrecognized device id\n", 1
    online = parsed.name == "online-target"
    if online and not stmf_online(world):
        return "", "stmfadm: STMF service is offline\n", 1
    target = find_target(world, canonical)
    if target is None:
        return "", f"stmfadm: {operand}: not found\n", 1
    target["state"] = "online" if online else "offline"
    return ok()


def list_state(world: WorldLike, parsed: Parsed) -> Result:
    """list-state: four unindented lines, lowercase values (§2.15)."""
    del parsed
    status = "online" if stmf_online(world) else "offline"
    lines = [("Operational Status", status), ("Config Status", "initialized"), ("ALUA Status", "disabled"),
             ("ALUA Node", "0")]
    return ok("".join(f"{label:<18}: {value}\n" for label, value in lines))
