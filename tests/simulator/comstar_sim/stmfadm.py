"""The simulated stmfadm (illumos-cli.md §2): run(argv, world) -> (stdout, stderr, rc)."""
from __future__ import annotations

from collections.abc import Callable

from .cmdparse import CommandLine, OptionSpec, Parsed, Stop, SubcommandSpec
from .stmf_common import Result, WorldLike
from .stmfadm_groups import change_members, create_group, delete_group, list_groups, list_state, list_target, online_offline_target
from .stmfadm_lu import create_lu, delete_lu, import_lu, list_lu, modify_lu, online_offline_lu
from .stmfadm_views import add_view, list_view, remove_view

# §2.1: long options, each with its short letter.
OPTIONS = {
    "a": OptionSpec("all", False), "g": OptionSpec("group-name", True), "k": OptionSpec("keep-views", False),
    "l": OptionSpec("lu-name", True), "n": OptionSpec("lun", True), "p": OptionSpec("lu-prop", True),
    "f": OptionSpec("file", False), "s": OptionSpec("size", True), "t": OptionSpec("target-group", True),
    "h": OptionSpec("host-group", True), "v": OptionSpec("verbose", False),
}

# §2.1 subcommand table: (letters, required letters, operands).
SUBCOMMANDS = [
    SubcommandSpec("add-hg-member", "g", "g", "some"),
    SubcommandSpec("add-tg-member", "g", "g", "some"),
    SubcommandSpec("add-view", "nth", "", "single"),
    SubcommandSpec("create-hg", "", "", "single"),
    SubcommandSpec("create-lu", "ps", "", "single"),
    SubcommandSpec("create-tg", "", "", "single"),
    SubcommandSpec("delete-hg", "", "", "single"),
    SubcommandSpec("delete-lu", "k", "", "some"),
    SubcommandSpec("delete-tg", "", "", "single"),
    SubcommandSpec("import-lu", "", "", "single"),
    SubcommandSpec("list-hg", "v", "", "any"),
    SubcommandSpec("list-lu", "v", "", "any"),
    SubcommandSpec("list-state", "", "", "none"),
    SubcommandSpec("list-target", "v", "", "any"),
    SubcommandSpec("list-tg", "v", "", "any"),
    SubcommandSpec("list-view", "l", "l", "any"),
    SubcommandSpec("modify-lu", "psf", "", "single", at_least_one_option=True),
    SubcommandSpec("online-lu", "", "", "single"),
    SubcommandSpec("offline-lu", "", "", "single"),
    SubcommandSpec("online-target", "", "", "single"),
    SubcommandSpec("offline-target", "", "", "single"),
    SubcommandSpec("remove-hg-member", "g", "g", "some"),
    SubcommandSpec("remove-tg-member", "g", "g", "some"),
    SubcommandSpec("remove-view", "la", "l", "any"),
]

COMMAND_LINE = CommandLine("stmfadm", OPTIONS, SUBCOMMANDS)

HANDLERS: dict[str, Callable[[WorldLike, Parsed], Result]] = {
    "add-hg-member": change_members, "add-tg-member": change_members,
    "remove-hg-member": change_members, "remove-tg-member": change_members,
    "create-hg": create_group, "create-tg": create_group, "delete-hg": delete_group, "delete-tg": delete_group,
    "list-hg": list_groups, "list-tg": list_groups,
    "create-lu": create_lu, "import-lu": import_lu, "modify-lu": modify_lu, "delete-lu": delete_lu, "list-lu": list_lu,
    "online-lu": online_offline_lu, "offline-lu": online_offline_lu,
    "add-view": add_view, "list-view": list_view, "remove-view": remove_view,
    "list-target": list_target, "online-target": online_offline_target, "offline-target": online_offline_target,
    "list-state": list_state,
}


def run(argv: list[str], world: WorldLike) -> Result:
    """Run `stmfadm argv...` (argv without the program name) against this node's state."""
    try:
        parsed = COMMAND_LINE.parse(argv)
    except Stop as stop:
        return stop.result
    stdout, stderr, failed = HANDLERS[parsed.name](world, parsed)
    # §2.2: the exit status is the number of failed operands (modulo 256).
    return stdout, stderr, failed % 256
