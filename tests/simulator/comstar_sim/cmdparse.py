"""illumos cmdparse as stmfadm and sbdadm use it (illumos-cli.md §2.1).

Subcommands match case-insensitively; options are short or long (`--name value`,
`--name=value`); syntax errors go to stdout followed by the subcommand usage, exit 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import assumed

Result = tuple[str, str, int]

MAX_OPTION_LENGTH = 512  # §2.1: a longer option argument is refused


@dataclass(frozen=True)
class OptionSpec:
    """One option letter: its long name and whether it takes an argument."""

    long: str
    takes_value: bool


@dataclass(frozen=True)
class SubcommandSpec:
    """One subcommand: allowed and required option letters, operand rule (none/single/some/any)."""

    name: str
    letters: str
    required: str
    operands: str
    at_least_one_option: bool = False


@dataclass
class Parsed:
    """A parsed command line: the subcommand, (letter, value) pairs in order, the operands."""

    name: str
    options: list[tuple[str, str | None]] = field(default_factory=list)
    operands: list[str] = field(default_factory=list)

    def has(self, letter: str) -> bool:
        """Whether the option was given."""
        return any(given == letter for given, _value in self.options)

    def value(self, letter: str) -> str | None:
        """The last value given for the option."""
        found = None
        for given, value in self.options:
            if given == letter:
                found = value
        return found

    def values(self, letter: str) -> list[str]:
        """Every value given for a repeatable option, in order."""
        return [value or "" for given, value in self.options if given == letter]


class Stop(Exception):
    """Parsing ends the command with this result."""

    def __init__(self, result: Result) -> None:
        super().__init__(result[0] or result[1])
        self.result = result


class CommandLine:
    """A cmdparse command: its options and subcommands."""

    def __init__(self, command: str, options: dict[str, OptionSpec], subcommands: list[SubcommandSpec]) -> None:
        self.command = command
        self.options = options
        self.subcommands = {spec.name: spec for spec in subcommands}

    def usage(self, spec: SubcommandSpec) -> str:
        """The per-subcommand usage block (§2.1 layout)."""
        operand = assumed.STMFADM_OPERANDS.get(spec.name, "")
        head = f"Usage:\t{self.command} {spec.name}"
        if spec.letters:
            head += " [OPTIONS]"
        if operand:
            head += f" {operand}"
        text = head + "\n"
        if spec.letters:
            text += "\n\tOPTIONS:\n"
            for letter in spec.letters:
                option = self.options[letter]
                line = f"\t\t-{letter}, --{option.long}"
                if option.takes_value:
                    line += f"  {assumed.STMFADM_OPTION_ARGS.get(letter, '<value>')}"
                text += line + "\n"
        return text

    def general_usage(self) -> str:
        """[assumed] the overall usage: the command line and every subcommand name."""
        names = "".join(f"\t{name}\n" for name in self.subcommands)
        return f"Usage: {self.command} [-?] subcommand [OPTIONS] [<OPERAND>]\n\n\tsubcommands:\n{names}"

    def _error(self, spec: SubcommandSpec, message: str) -> Stop:
        return Stop((f"{self.command}: {message}\n" + self.usage(spec), "", 1))

    def parse(self, argv: list[str]) -> Parsed:
        """Parse argv (without the program name) or raise Stop with the command's answer."""
        if not argv:
            raise Stop((self.general_usage(), "", 1))
        first = argv[0]
        if first in ("-?", "--help"):
            raise Stop((self.general_usage(), "", 0))
        if first in ("-V", "--version"):
            raise Stop((f"{self.command}: Version 1.0\n", "", 0))
        spec = self.subcommands.get(first.lower())
        if spec is None:
            raise Stop((f"{self.command}: invalid subcommand\n" + self.general_usage(), "", 1))
        parsed = Parsed(spec.name)
        rest = self._options(spec, argv[1:], parsed)
        self._check(spec, parsed, rest)
        parsed.operands = rest
        return parsed

    def _long(self, spec: SubcommandSpec, text: str) -> tuple[str, str | None]:
        name, _equals, inline = text[2:].partition("=")
        exact = [letter for letter, option in self.options.items() if option.long == name]
        # getopt_long takes an unambiguous prefix of a long option.
        matches = exact or [letter for letter, option in self.options.items() if option.long.startswith(name)]
        if len(matches) != 1 or not name:
            raise self._invalid(spec, text)
        return matches[0], (inline if "=" in text else None)

    def _invalid(self, spec: SubcommandSpec, shown: str) -> Stop:
        if not spec.letters:
            return self._error(spec, "no options permitted")
        return self._error(spec, f"'{shown}': invalid option")

    def _options(self, spec: SubcommandSpec, args: list[str], parsed: Parsed) -> list[str]:
        index = 0
        while index < len(args):
            arg = args[index]
            if arg == "--":
                return args[index + 1:]
            if not arg.startswith("-") or arg == "-":
                # [unconfirmed §2.1] options after operands are not permuted: they are operands.
                return args[index:]
            if arg in ("-?", "--help"):
                raise Stop((self.usage(spec), "", 0))
            if arg.startswith("--"):
                letter, inline = self._long(spec, arg)
                index = self._take(spec, letter, inline, f"--{self.options[letter].long}", args, index, parsed)
                continue
            position = 1
            while position < len(arg):
                letter = arg[position]
                if letter not in self.options:
                    raise self._invalid(spec, f"-{letter}")
                if self.options[letter].takes_value:
                    inline = arg[position + 1:] or None
                    index = self._take(spec, letter, inline, f"-{letter}", args, index, parsed)
                    break
                self._add(spec, letter, None, f"-{letter}", parsed)
                position += 1
            else:
                index += 1
        return []

    def _take(self, spec: SubcommandSpec, letter: str, inline: str | None, shown: str, args: list[str],
              index: int, parsed: Parsed) -> int:
        option = self.options[letter]
        if not option.takes_value:
            self._add(spec, letter, None, shown, parsed)
            return index + 1
        if inline is None:
            if index + 1 >= len(args):
                raise Stop((self.usage(spec), assumed.option_needs_argument(self.command, letter), 1))
            inline = args[index + 1]
            index += 1
        self._add(spec, letter, inline, shown, parsed)
        return index + 1

    def _add(self, spec: SubcommandSpec, letter: str, value: str | None, shown: str, parsed: Parsed) -> None:
        if letter not in spec.letters:
            raise self._invalid(spec, shown)
        if value is not None and len(value) > MAX_OPTION_LENGTH:
            # §2.1: stdout, return -1 (exit status 255).
            raise Stop((f"{self.command}: option too long\n", "", 255))
        parsed.options.append((letter, value))

    def _check(self, spec: SubcommandSpec, parsed: Parsed, operands: list[str]) -> None:
        missing = "".join(letter for letter in spec.required if not parsed.has(letter))
        if missing:
            raise self._error(spec, f"Following option(s) required: {missing}")
        if spec.at_least_one_option and not parsed.options:
            raise self._error(spec, "at least one option required")
        if spec.operands == "none" and operands:
            # §2.1: this variant goes to stderr.
            raise Stop((self.usage(spec), assumed.takes_no_operands(self.command, spec.name), 1))
        if spec.operands in ("single", "some") and not operands:
            raise self._error(spec, f"{spec.name} requires an operand")
        if spec.operands == "single" and len(operands) > 1:
            raise self._error(spec, f"{spec.name} accepts only a single operand")
