"""itadm create-tpg, delete-tpg, list-tpg and portal addresses (reference §3.8)."""
from __future__ import annotations

import ipaddress
import os

from .itadm_common import EBUSY, EEXIST, EINVAL, CommandError, Invocation, Record, Result, find_tpg

ISCSI_PORT = 3260
MAX_TPG_NAME = 255
MAX_PORT = 65535


def canonical_portal(text: str, default_port: int = ISCSI_PORT) -> str | None:
    """`a.b.c.d:port` or `[v6]:port`, the port always present; None when it does not parse (§3.8)."""
    if text.startswith("["):
        host, closed, rest = text[1:].partition("]")
        # [derived §3.8] scoped addresses (fe80::1%if) are not part of the documented forms.
        if not closed or "%" in host:
            return None
        try:
            address = f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    else:
        # [derived §3.8] without brackets only IPv4 is accepted: the first ':' starts the port.
        host, colon, port_text = text.partition(":")
        rest = colon + port_text
        try:
            address = str(ipaddress.IPv4Address(host))
        except ValueError:
            return None
    if not rest:
        return f"{address}:{default_port}"
    port_text = rest[1:]
    if not rest.startswith(":") or not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= MAX_PORT:
        return None
    return f"{address}:{int(port_text)}"


def _check_request(config: Record, name: str, addresses: list[str]) -> None:
    """The checks made before any portal is looked at (§3.8)."""
    if len(name) > MAX_TPG_NAME:
        raise CommandError("Target Portal Group name must be no longer than 255 characters", EINVAL)
    if not addresses:
        raise CommandError("Error, no portal addresses specified", EINVAL)
    if find_tpg(config, name) is not None:
        raise CommandError(f"Target Portal Group {name} already exists", 1)
    for address in addresses:
        if "," in address:
            raise CommandError(f"Bad portal name {address}", EINVAL)


def _first_portal(address: str, taken: set[str]) -> str:
    """The portal the TPG is created with: any error here creates nothing (§3.8)."""
    portal = canonical_portal(address)
    if portal is None:
        # [derived §3.8] an unparsable first address: "Invalid argument", exit 22.
        raise CommandError(f"Could not create the target portal group: {os.strerror(EINVAL)}", EINVAL)
    if portal in taken:
        raise CommandError(f"Portal {address} already in use", EEXIST)
    return portal


def create_tpg(call: Invocation) -> Result:
    """create-tpg name addr[:port]... with the later-portal quirk of §3.8."""
    name, addresses = call.operands[0], call.operands[1:]
    _check_request(call.config, name, addresses)
    taken = {portal for tpg in call.config["tpgs"] for portal in tpg["portals"]}
    portals = [_first_portal(addresses[0], taken)]
    messages: list[str] = []
    code = 0
    for address in addresses[1:]:
        portal = canonical_portal(address)
        if portal is None:
            # [derived §3.8] the text of an unparsable later address is strerror(EINVAL).
            messages.append(f"Error adding portal {address}: {os.strerror(EINVAL)}\n")
            code = EINVAL
        elif portal in taken:
            messages.append(f"Portal {address} already in use\n")
            code = EEXIST
        else:
            # [derived §3.8] each later portal resets the return code; a duplicate in this TPG is
            # silently ignored, and a new portal goes to the head of the list.
            code = 0
            if portal not in portals:
                portals.insert(0, portal)
    if not code:
        # [derived §3.8] the configuration is committed only when the last portal succeeded.
        # [unconfirmed §10 item 3] new TPGs are put at the head, like targets and portals.
        call.config["tpgs"].insert(0, {"name": name, "portals": portals})
    return "", "".join(messages), code


def delete_tpg(call: Invocation) -> Result:
    """delete-tpg [-f]: -f takes the TPG's tag off every target first (§3.8)."""
    name = call.operands[0]
    tpg = find_tpg(call.config, name)
    if tpg is None:
        raise CommandError(f"Target portal group {name} does not exist", 1)
    users = [target for target in call.config["targets"] if name in (target.get("tpgs") or {})]
    if users and not call.options.force:
        raise CommandError("Target portal group associated with one or more targets.  Cannot delete.", EBUSY)
    for target in users:
        del target["tpgs"][name]
    call.config["tpgs"].remove(tpg)
    return "", "", 0


def _tpg_lines(tpg: Record, parsable: bool, verbose: bool) -> str:
    name = str(tpg["name"])
    portals = list(tpg.get("portals") or [])
    # [derived §3.8] a TPG without portals (not creatable with itadm) shows <none> in both forms.
    shown = ",".join(portals) or "<none>"
    if parsable:
        return "\t".join([name, str(len(portals))] + ([shown] if verbose else [])) + "\n"
    # §3.8: a TAB only after a name longer than 30, so a 30-character name runs into the count.
    line = f"{name:<30s}" + ("\t" if len(name) > 30 else "") + f"{len(portals):<9d}"
    if verbose:
        line += f"\n    portals:\t{shown}"
    return line + "\n"


def list_tpg(call: Invocation) -> Result:
    """list-tpg [-p] [-v] [name]; the operand is matched case-sensitively (§3.8)."""
    tpgs = call.config["tpgs"]
    if call.operands:
        tpg = find_tpg(call.config, call.operands[0])
        if tpg is None:
            raise CommandError(f"Target Portal Group {call.operands[0]} not found!\n", 1)
        tpgs = [tpg]
    if not tpgs:
        return "", "", 0
    header = "" if call.options.parsable else f"{'TARGET PORTAL GROUP':<30s}{'PORTAL COUNT':<9s}\n"
    return header + "".join(_tpg_lines(tpg, call.options.parsable, call.options.verbose) for tpg in tpgs), "", 0
