"""itadm's command line: usage texts, getopt_long, secrets and operand counts (reference §3.1, §3.3)."""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from typing import NoReturn

from .itadm_common import EBADF, EINVAL, ENXIO, Options, Result

# §3.1, verbatim: a leading TAB, TAB separators, continuation lines start with three TABs.
USAGE: dict[str, str] = {
    "create-target": "\tcreate-target\t[-a radius|chap|none|default] [-s]\n\t\t\t[-S <chap-secret-path>] [-u <chap-user-name>]\n"
                     "\t\t\t[-n <target-node-name>] [-l <alias>]\n\t\t\t[-t <tpg-name>[,<tpg-name>]...]",
    "modify-target": "\tmodify-target\t[-a radius|chap|none|default] [-s]\n\t\t\t[-S <chap-secret-path>] [-u <chap-username>]\n"
                     "\t\t\t[-n <new-target-node-name>] [-l <alias>]\n\t\t\t[-t <tpg-name>[,<tpg-name>]...] <target-node-name>",
    "delete-target": "\tdelete-target\t[-f] <target-node-name>",
    "list-target": "\tlist-target\t[-pv] [<target-node-name>]",
    "create-tpg": "\tcreate-tpg\t<tpg-name> <IP-address>[:<port>]...",
    "list-tpg": "\tlist-tpg\t[-pv] [<tpg-name>]",
    "delete-tpg": "\tdelete-tpg\t[-f] <tpg-name>",
    "create-initiator": "\tcreate-initiator [-s] [-S <chap-secret-path>]\n\t\t\t[-u <chap-username>] <initiator-node-name>",
    "modify-initiator": "\tmodify-initiator [-s] [-S <chap-secret-path>]\n\t\t\t[-u <chap-username>] <initiator-node-name>",
    "list-initiator": "\tlist-initiator\t[-pv] [<initiator-node-name>]",
    "delete-initiator": "\tdelete-initiator <initiator-node-name>",
    "modify-defaults": "\tmodify-defaults\t[-a radius|chap|none] [-r <IP-address>[:<port>]] [-d]\n\t\t\t[-D <radius-secret-path>] [-i enable|disable]\n"
                       "\t\t\t[-I <IP-address>[:<port>][,<IP-adddress>[:<port>]]...]",
    "list-defaults": "\tlist-defaults\t[-p]",
}

# §3.1 short-option strings; a letter followed by ':' takes an argument.
_SHORT_OPTIONS: dict[str, str] = {
    "create-target": "a:sS:u:n:l:t:",
    "modify-target": "a:sS:u:n:l:t:",
    "delete-target": "f",
    "list-target": "pv",
    "create-tpg": "",
    "list-tpg": "pv",
    "delete-tpg": "f",
    "create-initiator": "sS:u:",
    "modify-initiator": "sS:u:",
    "list-initiator": "pv",
    "delete-initiator": "",
    "modify-defaults": "a:r:dD:i:I:",
    "list-defaults": "p",
}

# §3.1 long options -> (short letter, takes an argument).
_LONG_OPTIONS: dict[str, tuple[str, bool]] = {
    "alias": ("l", True),
    "auth-method": ("a", True),
    "chap-secret": ("s", False),
    "chap-secret-file": ("S", True),
    "chap-user": ("u", True),
    "force": ("f", False),
    "help": ("h", False),
    "isns": ("i", True),
    "isns-server": ("I", True),
    "node-name": ("n", True),
    "parsable": ("p", False),
    "radius-secret": ("d", False),
    "radius-secret-file": ("D", True),
    "radius-server": ("r", True),
    "tpg-tag": ("t", True),
    "verbose": ("v", False),
    "version": ("V", False),
}

# (fewest, most) operands; None = no upper bound (§3.1 operand-count messages).
_OPERAND_COUNTS: dict[str, tuple[int, int | None]] = {
    "create-target": (0, 0),
    "modify-target": (1, 1),
    "delete-target": (1, 1),
    "list-target": (0, 1),
    "create-tpg": (1, None),
    "list-tpg": (0, 1),
    "delete-tpg": (1, 1),
    "create-initiator": (1, 1),
    "modify-initiator": (1, 1),
    "list-initiator": (0, 1),
    "delete-initiator": (1, 1),
    "modify-defaults": (0, 0),
    "list-defaults": (0, 0),
}

MIN_SECRET = 12
MAX_SECRET = 255
MAX_ISNS_SERVERS = 8


class CliExit(Exception):
    """itadm stops before the subcommand runs, with this (stdout, stderr, rc)."""

    def __init__(self, result: Result) -> None:
        super().__init__(result[1])
        self.result = result


def subcommand_usage(subcommand: str) -> str:
    """`usage:\\n<usage line>\\n`, as itadm prints it on stdout (§3.1)."""
    return "usage:\n" + USAGE[subcommand] + "\n"


def overall_usage() -> str:
    """The usage itadm prints with no or an unknown subcommand."""
    # [derived §3.1] the header line, then every subcommand's usage line, each ending in a newline.
    return "usage: itadm <subcommand> <args> ...\n" + "".join(line + "\n" for line in USAGE.values())


def _usage_error(subcommand: str, message: str, code: int = 1) -> CliExit:
    """A message on stderr (none for some errors) and the subcommand usage on stdout (§3.1, §9 notes)."""
    return CliExit((subcommand_usage(subcommand), message + "\n" if message else "", code))


class _Scanner:
    """getopt_long over one subcommand's arguments (§3.1)."""

    def __init__(self, subcommand: str, args: list[str], legacy: bool) -> None:
        self.subcommand = subcommand
        self.args = args
        self.index = 0
        spec = _SHORT_OPTIONS[subcommand]
        if legacy:
            # §3.2: the older itadm has no -p at all.
            spec = spec.replace("p", "")
        self.legacy = legacy
        self.letters = {char for char in spec if char != ":"}
        self.with_argument = {char for position, char in enumerate(spec) if spec[position + 1:position + 2] == ":"}

    def options(self) -> Iterator[tuple[str, str | None]]:
        """(letter, argument) in command-line order; errors are raised as they are met, so an
        option's handling (reading a secret) and a later bad option keep their order (§3.1)."""
        while self.index < len(self.args):
            arg = self.args[self.index]
            if arg == "--":
                self.index += 1
                return
            if not arg.startswith("-") or arg == "-":
                # [unconfirmed §10 item 2] no GNU-style permutation: the first operand ends the options.
                return
            if arg.startswith("--"):
                yield self._long(arg[2:])
            else:
                yield from self._short_cluster(arg[1:])
            self.index += 1

    def operands(self) -> list[str]:
        """What follows the options."""
        return self.args[self.index:]

    def _next_argument(self, letter: str) -> str:
        if self.index + 1 >= len(self.args):
            raise _usage_error(self.subcommand, f"Option -{letter} requires an operand")
        self.index += 1
        return self.args[self.index]

    def _long(self, text: str) -> tuple[str, str | None]:
        name, has_value, value = text.partition("=")
        spec = _LONG_OPTIONS.get(name)
        # [unconfirmed §10 item 2] no abbreviated long options (e.g. --tpg): exact names only.
        if spec is None or (self.legacy and name == "parsable") or (has_value and not spec[1]):
            raise _usage_error(self.subcommand, f"Unrecognized option --{name}")
        letter, takes_argument = spec
        argument = (value if has_value else self._next_argument(letter)) if takes_argument else None
        if letter == "h":
            raise CliExit((subcommand_usage(self.subcommand), "", 0))
        if letter not in self.letters:
            # [derived §3.1] like --version: a long option outside this subcommand's option
            # string falls through to a usage error with no message.
            raise _usage_error(self.subcommand, "")
        return letter, argument

    def _short_cluster(self, cluster: str) -> Iterator[tuple[str, str | None]]:
        for position, letter in enumerate(cluster):
            if letter in ("h", "?"):
                # [derived §3.1] -h / -? print the usage and exit 0 for every subcommand.
                raise CliExit((subcommand_usage(self.subcommand), "", 0))
            if letter not in self.letters:
                raise _usage_error(self.subcommand, f"Unrecognized option -{letter}")
            if letter in self.with_argument:
                rest = cluster[position + 1:]
                yield letter, rest if rest else self._next_argument(letter)
                return
            yield letter, None


def _read_secret_file(subcommand: str, path: str) -> bytes:
    """Read a -S/-D secret file with itadm's rules (§3.3); errors take the usage path, no "failed" line."""
    try:
        is_regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        is_regular = False
    if not is_regular:
        raise _usage_error(subcommand, f"Invalid secret file {path}", EBADF)
    try:
        with open(path, "rb") as handle:
            secret = handle.read()
    except OSError as error:
        # [derived §3.3] the exit status is the errno of the failed open, like every secret error.
        code = error.errno or errno.EIO
        raise _usage_error(subcommand, f"Could not open secret file {path}: {os.strerror(code)}", code) from error
    if secret.endswith(b"\n"):
        secret = secret[:-1]
    return _checked_secret(subcommand, secret)


def _checked_secret(subcommand: str, secret: bytes) -> bytes:
    """The 12..255 rule of every secret, read from a file or a prompt (§3.3)."""
    if not MIN_SECRET <= len(secret) <= MAX_SECRET:
        raise _usage_error(subcommand, "Secret must be between 12 and 255 characters", EINVAL)
    return secret


def _prompt_for_secret(subcommand: str) -> NoReturn:
    """-s / -d: getpassphrase() needs /dev/tty, and the simulator never has a terminal (§3.3)."""
    # [unconfirmed §10 item 1] the errno without a controlling terminal is taken to be ENXIO.
    raise _usage_error(subcommand, f"Could not read secret: {os.strerror(ENXIO)}", ENXIO)


def _isns_switch(subcommand: str, value: str) -> bool:
    """-i accepts any prefix of enable or disable (§3.10)."""
    # [derived §3.10] an empty value is taken as no prefix at all.
    if value and "enable".startswith(value):
        return True
    if value and "disable".startswith(value):
        return False
    raise _usage_error(subcommand, "invalid value for -i")


def _isns_servers(subcommand: str, value: str) -> list[str]:
    """-I: a comma-separated list of at most 8 servers, or none (§3.10)."""
    servers = value.split(",")
    if len(servers) > MAX_ISNS_SERVERS:
        raise _usage_error(subcommand, "Too many iSNS servers specified, maximum of 8 allowed")
    if len(servers) == 1 and servers[0].lower() == "none":
        return []
    return servers


# Options whose argument is kept as given, and flags: letter -> Options field.
_VALUE_FIELDS = {"a": "auth", "u": "chap_user", "n": "node_name", "l": "alias", "t": "tpgs", "r": "radius_server"}
_FLAG_FIELDS = {"f": "force", "p": "parsable", "v": "verbose"}


def _apply(options: Options, subcommand: str, letter: str, argument: str | None) -> None:
    """One option, handled as itadm's getopt loop does: secrets are read here (§3.1 option order)."""
    options.seen.append(letter)
    value = argument or ""
    if letter in _VALUE_FIELDS:
        setattr(options, _VALUE_FIELDS[letter], value)
    elif letter in _FLAG_FIELDS:
        setattr(options, _FLAG_FIELDS[letter], True)
    elif letter in ("s", "S"):
        options.chap_secret = _read_secret_file(subcommand, value) if letter == "S" else _prompt_for_secret(subcommand)
    elif letter in ("d", "D"):
        options.radius_secret = _read_secret_file(subcommand, value) if letter == "D" else _prompt_for_secret(subcommand)
    elif letter == "i":
        options.isns = _isns_switch(subcommand, value)
    elif letter == "I":
        options.isns_servers = _isns_servers(subcommand, value)


def parse(subcommand: str, args: list[str], legacy: bool) -> tuple[Options, list[str]]:
    """Options (secrets read) then operand-count checks, steps 1 and 2 of §3.1; raises CliExit."""
    options = Options()
    scanner = _Scanner(subcommand, args, legacy)
    for letter, argument in scanner.options():
        _apply(options, subcommand, letter, argument)
    operands = scanner.operands()
    fewest, most = _OPERAND_COUNTS[subcommand]
    if most == 0 and operands:
        raise _usage_error(subcommand, f"Error, {subcommand} does not support any operands")
    if len(operands) < fewest:
        raise _usage_error(subcommand, f"Error, {subcommand} requires an operand")
    if most is not None and len(operands) > most:
        raise _usage_error(subcommand, f"Error, {subcommand} accepts only a single operand")
    return options, operands
