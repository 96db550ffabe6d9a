"""The simulated sbdadm, list-lu only (illumos-cli.md §2.16): run(argv, world) -> (stdout, stderr, rc)."""
from __future__ import annotations

from .cmdparse import CommandLine, Parsed, Stop, SubcommandSpec
from .stmf_common import Result, WorldLike, ok, stmf

# [assumed] the simulator plays sbdadm's read-only listing; its other subcommands are absent.
COMMAND_LINE = CommandLine("sbdadm", {}, [SubcommandSpec("list-lu", "", "", "none")])

_TITLES = "\t      GUID                    DATA SIZE           SOURCE\n"
_RULE = "--------------------------------  -------------------  ----------------\n"


def list_lu(world: WorldLike, parsed: Parsed) -> Result:
    """`\\nFound %d LU(s)\\n`, `\\n`, titles, rule, then `%s  %-19s  %s\\n` rows; nothing without LUs."""
    del parsed
    lus = stmf(world)["lus"]
    if not lus:
        return ok()
    rows = "".join(f"{guid.lower()}  {lus[guid]['size']:<19}  {lus[guid]['data_file']}\n" for guid in sorted(lus))
    return ok(f"\nFound {len(lus)} LU(s)\n\n" + _TITLES + _RULE + rows)


def run(argv: list[str], world: WorldLike) -> Result:
    """Run `sbdadm argv...`."""
    try:
        parsed = COMMAND_LINE.parse(argv)
    except Stop as stop:
        return stop.result
    return list_lu(world, parsed)
