"""The simulated rsfcli (rsf1-and-pools.md §2): `-i0 list`, `-i0 isrunning`; run(argv, world).

Outside an RSF-1 cluster the program does not exist (World.call answers for it).
"""
from __future__ import annotations

from typing import Any, Protocol

from . import assumed

Result = tuple[str, str, int]
Record = dict[str, Any]


class WorldLike(Protocol):
    """What rsfcli needs of a World."""

    cluster: Record


def run(argv: list[str], world: WorldLike) -> Result:
    """`rsfcli [-i<n>] list`: `SERVICE : NODE` per service, `-` when stopped; `isrunning`: exit 0."""
    words, skip = [], False
    for arg in argv:
        if skip or arg.startswith("-i"):
            # -i<n> or -i <n>: the RSF-1 instance; the simulator has one.
            skip = arg == "-i"
            continue
        words.append(arg)
    if words == ["list"]:
        lines = [f"{pool.get('service') or name} : {pool.get('node') or '-'}\n"
                 for name, pool in world.cluster.get("pools", {}).items()]
        return "".join(lines), "", 0
    if words == ["isrunning"]:
        return "", "", 0
    return "", assumed.RSFCLI_USAGE, 1
