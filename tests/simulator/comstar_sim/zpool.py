"""The simulated zpool, `list` only (rsf1-and-pools.md §3): run(argv, world) -> (stdout, stderr, rc)."""
from __future__ import annotations

from . import assumed
from .sizes import nicenum
from .zfs_data import Result, Usage, WorldLike, imported_pools, options, table

# [assumed] the columns the simulator knows and their values for every pool.
_COLUMNS = ("name", "size", "alloc", "free", "health")
_USAGE = "usage:\n\tlist [-gHLpPv] [-o property[,...]] [-T d|u] [pool] ... [interval [count]]\n"  # [assumed] wording


def _value(name: str, column: str, parsable: bool) -> str:
    numbers = {"size": assumed.ZPOOL_SIZE, "alloc": assumed.ZPOOL_SIZE - assumed.ZFS_POOL_AVAILABLE,
               "free": assumed.ZFS_POOL_AVAILABLE}
    if column in numbers:
        return str(numbers[column]) if parsable else nicenum(numbers[column])
    return name if column == "name" else "ONLINE"


def list_pools(world: WorldLike, args: list[str]) -> Result:
    """list [-H] [-p] [-o cols] [POOL...]: pools imported on this node; others are `no such pool`."""
    try:
        opts, operands = options("list", args, "HpPLgvo:T:")
    except Usage as usage:
        return "", f"{usage.message}\n{_USAGE}", 2
    given = dict(opts)
    columns = given.get("-o", ",".join(_COLUMNS)).split(",")
    for column in columns:
        if column not in _COLUMNS:
            return "", f"property '{column}' is not a valid pool property\n{_USAGE}", 2  # [assumed] wording
    imported = dict(imported_pools(world))
    names = operands or list(imported)
    errors = "".join(f"cannot open '{name}': no such pool\n" for name in names if name not in imported)
    rows = [[_value(name, column, "-p" in given) for column in columns] for name in names if name in imported]
    if not rows and not operands and "-H" not in given:
        return "no pools available\n", "", 0  # [assumed] wording and stream
    return table([column.upper() for column in columns], rows, "-H" in given), errors, 1 if errors else 0


def run(argv: list[str], world: WorldLike) -> Result:
    """Run `zpool argv...` on this node."""
    if not argv or argv[0] != "list":
        message = f"unrecognized command '{argv[0]}'\n" if argv else "missing command\n"
        return "", message + _USAGE, 2
    return list_pools(world, argv[1:])
