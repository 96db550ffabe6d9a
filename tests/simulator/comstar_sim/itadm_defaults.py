"""itadm modify-defaults and list-defaults (reference §3.10)."""
from __future__ import annotations

import base64

from .itadm_common import EINVAL, CommandError, Invocation, Record, Result, set_or_unset
from .itadm_tpgs import canonical_portal

DEFAULT_AUTH_VALUES = ("none", "chap", "radius")
# [derived §3.10] the RADIUS port when none is given.
RADIUS_PORT = 1812


def _errors(call: Invocation, wanted: Record) -> list[str]:
    """libiscsit's global property checks (§3.10)."""
    # [unconfirmed §10 item 11] every reason's wording is derived.
    options = call.options
    errors: list[str] = []
    if options.auth is not None and options.auth not in DEFAULT_AUTH_VALUES:
        errors.append("\tauth: must be none, chap or radius")
    if options.radius_server is not None and wanted["radius_server"] is not None \
            and canonical_portal(wanted["radius_server"], RADIUS_PORT) is None:
        errors.append("\tradiusserver: invalid value")
    if options.auth == "radius":
        # §3.10: auth=radius needs a RADIUS server and secret.
        if wanted["radius_server"] is None:
            errors.append("\tradiusserver: missing required property")
        if wanted["radius_secret"] is None:
            errors.append("\tradiussecret: missing required property")
    return errors


def modify_defaults(call: Invocation) -> Result:
    """modify-defaults: prints nothing on success (§3.10)."""
    options, defaults = call.options, call.config["defaults"]
    if not options.seen:
        raise CommandError("Error, no properties specified", EINVAL)
    wanted = dict(defaults)
    if options.auth is not None:
        wanted["auth"] = options.auth
    if options.radius_server is not None:
        # [unconfirmed §3.10] the server is kept (and listed) as given; `none` clears it.
        wanted["radius_server"] = None if options.radius_server.lower() == "none" else options.radius_server
    if options.radius_secret is not None:
        wanted["radius_secret"] = base64.b64encode(options.radius_secret).decode("ascii")
    if options.isns is not None:
        wanted["isns"] = options.isns
    if options.isns_servers is not None:
        wanted["isns_servers"] = list(options.isns_servers)
    errors = _errors(call, wanted)
    if errors:
        # [derived §3.10] the number in the header is the errno the property check returns.
        raise CommandError("\n".join([f"Error setting global properties: {EINVAL}"] + errors), EINVAL)
    defaults.update(wanted)
    return "", "", 0


def _default_values(defaults: Record) -> list[str]:
    servers = defaults.get("isns_servers") or []
    return [defaults.get("alias") or "<none>", defaults.get("auth") or "<none>", defaults.get("radius_server") or "<none>",
            set_or_unset(defaults.get("radius_secret")), "enabled" if defaults.get("isns") else "disabled",
            ",".join(servers) or "<none>"]


_LABELS = ("alias:", "auth:", "radiusserver:", "radiussecret:", "isns:", "isnsserver:")


def list_defaults(call: Invocation) -> Result:
    """list-defaults [-p]; always exit 0 once the configuration loaded (§3.10)."""
    values = _default_values(call.config["defaults"])
    if call.options.parsable:
        # [derived §3.10] -p shows the same values as the human form.
        return "\t".join(values) + "\n", "", 0
    lines = "".join(f"{label:<15s}\t{value}\n" for label, value in zip(_LABELS, values))
    return "iSCSI Target Default Properties:\n\n" + lines, "", 0
