"""The simulated itadm (reference illumos-cli.md §3): run(argv, world) -> (stdout, stderr, rc).

Order of work, as in itadm's main (§3.1): options (secrets read), operand counts, the iSCSI
target service check, then the subcommand; a failing subcommand adds
`itadm <sub> failed with error <n>` on stderr and exits n.
"""
from __future__ import annotations

from collections.abc import Callable

from .itadm_cli import CliExit, overall_usage, parse
from .itadm_common import ISCSI_TARGET_FMRI, CommandError, Invocation, Result, WorldLike, iscsit_config
from .itadm_defaults import list_defaults, modify_defaults
from .itadm_initiators import create_initiator, delete_initiator, list_initiator, modify_initiator
from .itadm_targets import create_target, delete_target, list_target, modify_target
from .itadm_tpgs import create_tpg, delete_tpg, list_tpg

__all__ = ["run", "SERVICE_NOT_ONLINE"]

# §3.1, exactly.
SERVICE_NOT_ONLINE = (
    "The iSCSI target service must be online before running this command.\n"
    f"Use 'svcadm enable -r {ISCSI_TARGET_FMRI}'\n"
    "to enable the service and its prerequisite services and/or\n"
    f"'svcs -x {ISCSI_TARGET_FMRI}' to determine why it is not online.\n"
)

_HANDLERS: dict[str, Callable[[Invocation], Result]] = {
    "create-target": create_target,
    "modify-target": modify_target,
    "delete-target": delete_target,
    "list-target": list_target,
    "create-tpg": create_tpg,
    "list-tpg": list_tpg,
    "delete-tpg": delete_tpg,
    "create-initiator": create_initiator,
    "modify-initiator": modify_initiator,
    "list-initiator": list_initiator,
    "delete-initiator": delete_initiator,
    "modify-defaults": modify_defaults,
    "list-defaults": list_defaults,
}


def run(argv: list[str], world: WorldLike) -> Result:
    """Run `itadm argv...` (argv without the program name) against this node's state."""
    if not argv:
        return overall_usage(), "", 1
    subcommand = argv[0]
    # §3.1: matched case-sensitively; an unknown subcommand reads as no subcommand at all.
    if subcommand not in _HANDLERS:
        return overall_usage(), "Error, no subcommand specified\n", 1
    legacy = bool(world.state.get("itadm_legacy"))
    try:
        options, operands = parse(subcommand, argv[1:], legacy)
    except CliExit as stop:
        return stop.result
    if world.state.get("services", {}).get(ISCSI_TARGET_FMRI) != "online":
        return "", SERVICE_NOT_ONLINE, 1
    call = Invocation(subcommand, options, operands, iscsit_config(world.state), world)
    try:
        stdout, stderr, code = _HANDLERS[subcommand](call)
    except CommandError as error:
        stdout, stderr, code = "", error.message + "\n", error.code
    if code:
        # §3.1: the exit status is the errno modulo 256.
        return stdout, stderr + f"itadm {subcommand} failed with error {code}\n", code % 256
    return stdout, stderr, 0
