"""itadm initiator contexts: create/modify/delete/list-initiator (reference §3.9)."""
from __future__ import annotations

import base64

from .itadm_common import (EFAULT, EINVAL, ENOENT, CommandError, Invocation, Options, Record, Result, canonical_name, find_named,
                           has_iscsi_prefix, is_none_keyword, is_valid_iscsi_name, set_or_unset)


def _set_chap(initiator: Record, options: Options) -> None:
    if options.chap_user is not None:
        # [unconfirmed §3.3] `none` removes an initiator CHAP user as it does a target's.
        initiator["chap_user"] = None if is_none_keyword(options.chap_user) else options.chap_user
    if options.chap_secret is not None:
        # [derived §3.3] stored base64-encoded like target secrets.
        initiator["chap_secret"] = base64.b64encode(options.chap_secret).decode("ascii")


def create_initiator(call: Invocation) -> Result:
    """create-initiator; checks in the order of §3.9's table."""
    name, initiators = call.operands[0], call.config["initiators"]
    if not has_iscsi_prefix(name):
        raise CommandError(f"Invalid name {name}", EINVAL)
    if find_named(initiators, name) is not None:
        # §3.9: EINVAL, not EEXIST.
        raise CommandError(f"Initiator {name} already exists", EINVAL)
    if not is_valid_iscsi_name(name):
        raise CommandError(f"Invalid iSCSI name {name}", EFAULT)
    initiator: Record = {"name": canonical_name(name), "chap_user": None, "chap_secret": None}
    _set_chap(initiator, call.options)
    # [unconfirmed §10 item 3] new contexts are put at the head, like targets.
    initiators.insert(0, initiator)
    return "", "", 0


def modify_initiator(call: Invocation) -> Result:
    """modify-initiator; with no option it only checks that the initiator exists (§3.9)."""
    name = call.operands[0]
    initiator = find_named(call.config["initiators"], name)
    if initiator is None:
        raise CommandError(f"Error, initiator {name} not found", ENOENT)
    _set_chap(initiator, call.options)
    return "", "", 0


def delete_initiator(call: Invocation) -> Result:
    """delete-initiator (§3.9)."""
    name = call.operands[0]
    initiator = find_named(call.config["initiators"], name)
    if initiator is None:
        raise CommandError(f"Initiator {name} not found", 1)
    call.config["initiators"].remove(initiator)
    return "", "", 0


def _initiator_line(initiator: Record, parsable: bool) -> str:
    name = str(initiator["name"])
    user = initiator.get("chap_user") or "<none>"
    secret = set_or_unset(initiator.get("chap_secret"))
    if parsable:
        return f"{name}\t{user}\t{secret}\n"
    # §3.9: TAB after a name over 60 characters and after a user of 15 or more.
    return (f"{name:<61s}" + ("\t" if len(name) > 60 else "")
            + f"{user:<15s}" + ("\t" if len(user) >= 15 else "") + f"{secret:<4s}\n")


def list_initiator(call: Invocation) -> Result:
    """list-initiator [-p] [-v] [name]; -v adds nothing, and the header does not line up (§3.9)."""
    initiators = call.config["initiators"]
    if call.operands:
        # [derived §3.9] matched case-insensitively like the other initiator lookups.
        initiator = find_named(initiators, call.operands[0])
        if initiator is None:
            raise CommandError(f"Initiator {call.operands[0]} not found!", 1)
        initiators = [initiator]
    if not initiators:
        return "", "", 0
    header = "" if call.options.parsable else f"{'INITIATOR NAME':<61s}{'CHAPUSER':<10s}{'SECRET':<7s}\n"
    return header + "".join(_initiator_line(initiator, call.options.parsable) for initiator in initiators), "", 0
