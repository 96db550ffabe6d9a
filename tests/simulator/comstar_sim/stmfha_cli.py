"""stmfha's command line: subcommands, their options and the tool each runs on the nodes.

rsf1-and-pools.md §1: the forms seen (seed and public scripts) are here as seen; every other
subcommand is [assumed] to take the stmfadm/itadm options of the same name, and the
secret-bearing ones take the secret as a value (`--chap-secret SECRET`, `-s SECRET`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

CLUSTER, POOL, LIST = "cluster", "pool", "list"


@dataclass(frozen=True)
class Option:
    """An stmfha option: the underlying tool's short option, whether it takes a value, and for a
    secret the tool's file option that carries it instead."""

    tool_option: str
    takes_value: bool = True
    secret_file_option: str | None = None


@dataclass(frozen=True)
class Subcommand:
    """The tool it runs (stmfadm/itadm), where (every node, the LU's node, lists), its options."""

    tool: str
    scope: str
    options: dict[str, Option] = field(default_factory=dict)


class CliError(Exception):
    """stmfha refuses its command line before anything runs."""


def _options(*table: tuple[tuple[str, ...], Option]) -> dict[str, Option]:
    return {spelling: option for spellings, option in table for spelling in spellings}


_TARGET = _options(
    (("-a", "--auth-method"), Option("-a")),
    (("-s", "--chap-secret"), Option("-S", secret_file_option="-S")),
    (("-u", "--chap-user"), Option("-u")),
    (("-l", "--alias"), Option("-l")),
    (("-t", "--tpg", "--tpg-tag"), Option("-t")),
    (("-n", "--node-name"), Option("-n")),
)
_FORCE = _options((("-f", "--force"), Option("-f", False)))
_INITIATOR = _options((("-s", "--chap-secret"), Option("-S", secret_file_option="-S")),
                      (("-u", "--chap-user"), Option("-u")))
_DEFAULTS = _options(
    (("-a", "--auth-method"), Option("-a")),
    (("-r", "--radius-server"), Option("-r")),
    (("-d", "--radius-secret"), Option("-D", secret_file_option="-D")),
    (("-i", "--isns"), Option("-i")),
    (("-I", "--isns-server"), Option("-I")),
)
_ITADM_LIST = _options((("-v", "--verbose"), Option("-v", False)), (("-p", "--parsable"), Option("-p", False)))
_VERBOSE = _options((("-v", "--verbose"), Option("-v", False)))
_GROUP = _options((("-g", "--group-name"), Option("-g")))

SUBCOMMANDS: dict[str, Subcommand] = {
    "create-tpg": Subcommand("itadm", CLUSTER),
    "delete-tpg": Subcommand("itadm", CLUSTER, _FORCE),
    "create-target": Subcommand("itadm", CLUSTER, _TARGET),
    "modify-target": Subcommand("itadm", CLUSTER, _TARGET),
    "delete-target": Subcommand("itadm", CLUSTER, _FORCE),
    "create-initiator": Subcommand("itadm", CLUSTER, _INITIATOR),
    "modify-initiator": Subcommand("itadm", CLUSTER, _INITIATOR),
    "delete-initiator": Subcommand("itadm", CLUSTER),
    "modify-defaults": Subcommand("itadm", CLUSTER, _DEFAULTS),
    "list-tpg": Subcommand("itadm", LIST, _ITADM_LIST),
    "list-target": Subcommand("itadm", LIST, _ITADM_LIST),
    "list-initiator": Subcommand("itadm", LIST, _ITADM_LIST),
    "list-defaults": Subcommand("itadm", LIST, _options((("-p", "--parsable"), Option("-p", False)))),
    "create-tg": Subcommand("stmfadm", CLUSTER),
    "delete-tg": Subcommand("stmfadm", CLUSTER),
    "create-hg": Subcommand("stmfadm", CLUSTER),
    "delete-hg": Subcommand("stmfadm", CLUSTER),
    "add-tg-member": Subcommand("stmfadm", CLUSTER, _GROUP),
    "remove-tg-member": Subcommand("stmfadm", CLUSTER, _GROUP),
    "add-hg-member": Subcommand("stmfadm", CLUSTER, _GROUP),
    "remove-hg-member": Subcommand("stmfadm", CLUSTER, _GROUP),
    "online-target": Subcommand("stmfadm", CLUSTER),
    "offline-target": Subcommand("stmfadm", CLUSTER),
    "create-lu": Subcommand("stmfadm", POOL, _options((("-p", "--lu-prop"), Option("-p")), (("-s", "--size"), Option("-s")))),
    "import-lu": Subcommand("stmfadm", POOL),
    "modify-lu": Subcommand("stmfadm", POOL, _options((("-p", "--lu-prop"), Option("-p")), (("-s", "--size"), Option("-s")),
                                                      (("-f", "--file"), Option("-f", False)))),
    "delete-lu": Subcommand("stmfadm", POOL, _options((("-k", "--keep-views"), Option("-k", False)))),
    "add-view": Subcommand("stmfadm", POOL, _options((("-h", "--host-group"), Option("-h")),
                                                     (("-t", "--target-group"), Option("-t")), (("-n", "--lun"), Option("-n")))),
    "remove-view": Subcommand("stmfadm", POOL, _options((("-l", "--lu-name"), Option("-l")), (("-a", "--all"), Option("-a", False)))),
    "online-lu": Subcommand("stmfadm", POOL),
    "offline-lu": Subcommand("stmfadm", POOL),
    "list-tg": Subcommand("stmfadm", LIST, _VERBOSE),
    "list-hg": Subcommand("stmfadm", LIST, _VERBOSE),
    "list-lu": Subcommand("stmfadm", LIST, _VERBOSE),
    "list-view": Subcommand("stmfadm", LIST, _options((("-l", "--lu-name"), Option("-l")))),
    "list-state": Subcommand("stmfadm", LIST),
}

# Every spelling that carries a secret somewhere: used to mask a command line in the log even
# when its subcommand is misspelt.
_ALL_SECRET_SPELLINGS = {spelling for sub in SUBCOMMANDS.values() for spelling, option in sub.options.items()
                         if option.secret_file_option}


@dataclass
class Parsed:
    """(option, value) pairs in order and the operands of one stmfha command line."""

    options: list[tuple[Option, str | None]]
    operands: list[str]

    def value(self, tool_option: str) -> str | None:
        """The last value given for the option the tool knows as tool_option."""
        found = None
        for option, value in self.options:
            if option.tool_option == tool_option and not option.secret_file_option:
                found = value
        return found

    def has(self, tool_option: str) -> bool:
        """Whether the option was given."""
        return any(option.tool_option == tool_option for option, _value in self.options)


def parse(subcommand: Subcommand, args: list[str]) -> Parsed:
    """Options (`-x V`, `-xV`, `--long V`, `--long=V`) anywhere, operands in order; `--` ends options."""
    parsed = Parsed([], [])
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            parsed.operands.extend(args[index:])
            break
        if not arg.startswith("-") or arg == "-":
            parsed.operands.append(arg)
            continue
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
        elif not arg.startswith("--") and len(arg) > 2:
            name, value = arg[:2], arg[2:]
        option = subcommand.options.get(name)
        if option is None:
            raise CliError(f"unknown option '{arg}'")
        if option.takes_value and value is None:
            if index >= len(args):
                raise CliError(f"option '{name}' requires a value")
            value = args[index]
            index += 1
        elif not option.takes_value and value is not None:
            raise CliError(f"option '{name}' takes no value")
        parsed.options.append((option, value))
    return parsed


def mask_secret(value: str) -> str:
    """How a secret given as a value is logged: `***sha256:<first 12 hex>` (STATE.md)."""
    return "***sha256:" + hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def masked_argv(argv: list[str]) -> list[str]:
    """stmfha's argv as the log keeps it: every secret value as `***sha256:<12 hex>` (STATE.md)."""
    sub = SUBCOMMANDS.get(argv[0]) if argv else None
    spellings = ({s for s, option in sub.options.items() if option.secret_file_option} if sub is not None
                 else _ALL_SECRET_SPELLINGS)
    masked: list[str] = []
    hide_next = False
    for index, arg in enumerate(argv):
        if hide_next:
            masked.append(mask_secret(arg))
            hide_next = False
        elif index > 0 and arg in spellings:
            masked.append(arg)
            hide_next = True
        elif index > 0 and arg.startswith("--") and arg.split("=", 1)[0] in spellings and "=" in arg:
            masked.append(arg.split("=", 1)[0] + "=" + mask_secret(arg.split("=", 1)[1]))
        elif index > 0 and not arg.startswith("--") and arg[:2] in spellings and len(arg) > 2:
            masked.append(arg[:2] + mask_secret(arg[2:]))
        else:
            masked.append(arg)
    return masked
