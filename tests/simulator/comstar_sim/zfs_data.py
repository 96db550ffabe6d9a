"""The datasets a node sees (pools imported on it) and their property values, for zfs."""
from __future__ import annotations

import getopt
from dataclasses import dataclass
from typing import Any, Protocol

from . import assumed
from .sizes import nicenum

Result = tuple[str, str, int]
Record = dict[str, Any]

DEFAULT_VOLBLOCKSIZE = 8192  # illumos-cli.md §4.1 [src: zfs.h ZVOL_DEFAULT_BLOCKSIZE]
TYPES = {"filesystem": "filesystem", "volume": "volume", "snapshot": "snapshot", "snap": "snapshot",
         "bookmark": "bookmark"}
# property -> aliases zfs accepts for it
PROPERTIES = {"name": (), "type": (), "volsize": (), "volblocksize": (), "used": (), "available": ("avail",),
              "referenced": ("refer",), "mountpoint": (), "refreservation": ("refreserv",)}


class WorldLike(Protocol):
    """What zfs and zpool need of a World."""

    cluster: Record
    node: str

    @property
    def state(self) -> Record:
        """This node's NODE dict."""


class Usage(Exception):
    """A zfs usage error: the message, then the subcommand usage, on stderr, exit 2 (§4.1)."""

    def __init__(self, subcommand: str, message: str) -> None:
        super().__init__(message)
        self.subcommand = subcommand
        self.message = message

    @property
    def result(self) -> Result:
        """(stdout, stderr, rc) of the usage error."""
        lines = assumed.ZFS_USAGE.get(self.subcommand, "")
        return "", f"{self.message}\nusage:\n{lines}{assumed.ZFS_USAGE_TAIL}", 2


@dataclass
class Dataset:
    """A filesystem (pool root or child) or volume of a pool imported on this node."""

    name: str
    kind: str
    pool: Record
    volume: Record | None


def options(subcommand: str, args: list[str], spec: str) -> tuple[list[tuple[str, str]], list[str]]:
    """POSIX getopt (no permutation), zfs's messages on errors."""
    try:
        return getopt.getopt(args, spec)
    except getopt.GetoptError as error:
        letter = error.opt or "?"
        if "requires argument" in error.msg:
            raise Usage(subcommand, f"missing argument for '{letter}' option") from error
        raise Usage(subcommand, f"invalid option '{letter}'") from error


def imported_pools(world: WorldLike) -> list[tuple[str, Record]]:
    """(name, pool) of every pool imported on this node, in cluster order."""
    return [(name, pool) for name, pool in world.cluster.get("pools", {}).items() if pool.get("node") == world.node]


def datasets(world: WorldLike) -> list[Dataset]:
    """Every dataset of the pools imported here: pool root, filesystems, volumes (creation order)."""
    found: list[Dataset] = []
    for name, pool in imported_pools(world):
        found.append(Dataset(name, "filesystem", pool, None))
        found.extend(Dataset(child, "filesystem", pool, None) for child in pool.get("filesystems", []))
        found.extend(Dataset(vol, "volume", pool, record) for vol, record in pool.get("volumes", {}).items())
    return found


def find(world: WorldLike, name: str) -> Dataset | None:
    """The dataset of this name on this node."""
    for dataset in datasets(world):
        if dataset.name == name:
            return dataset
    return None


def descendants(world: WorldLike, root: Dataset, depth: int | None) -> list[Dataset]:
    """root and the datasets below it, down to depth levels (None: all)."""
    chosen = []
    for dataset in datasets(world):
        if dataset.name == root.name or dataset.name.startswith(root.name + "/"):
            level = dataset.name.count("/") - root.name.count("/")
            if depth is None or level <= depth:
                chosen.append(dataset)
    return chosen


def canonical_property(name: str) -> str | None:
    """The property a name or alias stands for."""
    for prop, aliases in PROPERTIES.items():
        if name == prop or name in aliases:
            return prop
    return None


def _used(world: WorldLike, dataset: Dataset) -> int:
    if dataset.volume is not None:
        # [assumed] see assumed.py: a volume that is not sparse uses its refreservation.
        return assumed.ZFS_REFER if dataset.volume.get("sparse") else int(dataset.volume["volsize"])
    below = [child for child in descendants(world, dataset, None) if child.name != dataset.name]
    return assumed.ZFS_REFER + sum(_used(world, child) for child in below if child.volume is not None)


def raw_value(world: WorldLike, dataset: Dataset, prop: str) -> int | str:
    """A property's value: an int for numbers, '-' where it does not apply."""
    volume = dataset.volume
    values: dict[str, int | str] = {
        "name": dataset.name, "type": dataset.kind,
        "volsize": int(volume["volsize"]) if volume else "-",
        "volblocksize": int(volume.get("volblocksize", DEFAULT_VOLBLOCKSIZE)) if volume else "-",
        "used": _used(world, dataset), "available": assumed.ZFS_POOL_AVAILABLE, "referenced": assumed.ZFS_REFER,
        "mountpoint": "-" if volume else "/" + dataset.name,
        "refreservation": (0 if volume.get("sparse") else int(volume["volsize"])) if volume else "none",
    }
    return values[prop]


def shown_value(world: WorldLike, dataset: Dataset, prop: str, parsable: bool) -> str:
    """The value as zfs prints it: exact with -p, else human (8K, 1G)."""
    value = raw_value(world, dataset, prop)
    if isinstance(value, int) and not parsable:
        return "none" if value == 0 and prop == "refreservation" else nicenum(value)
    return str(value)


def table(header: list[str], rows: list[list[str]], scripted: bool) -> str:
    """-H: fields joined by one TAB; otherwise a header and columns padded by two blanks."""
    if scripted or not rows:
        # the header comes with the first row: nothing at all when nothing is listed.
        return "".join("\t".join(row) + "\n" for row in rows)
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    lines = [header] + rows
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n" for line in lines)
