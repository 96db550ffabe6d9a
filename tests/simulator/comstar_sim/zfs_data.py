"""The datasets a node sees (pools imported on it) and their property values, for zfs."""
from __future__ import annotations

import getopt
from dataclasses import dataclass
from typing import Any, Protocol

from . import assumed, zfs_props
from .sizes import UINT64_MAX, nicenum

Result = tuple[str, str, int]
Record = dict[str, Any]

DEFAULT_VOLBLOCKSIZE = 8192  # illumos-cli.md §4.1 [src: zfs.h ZVOL_DEFAULT_BLOCKSIZE]
TYPES = {"filesystem": "filesystem", "volume": "volume", "snapshot": "snapshot", "snap": "snapshot",
         "bookmark": "bookmark"}
# every property zfs get all lists, in its order (zfs_props.ORDER)
PROPERTIES = tuple(name for name, _kinds in zfs_props.ORDER)


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
    """The property a name or alias stands for (a valid user property stands for itself)."""
    return zfs_props.canonical(name)


def applies(dataset: Dataset, prop: str) -> bool:
    """Whether `zfs get all` lists `prop` for this dataset."""
    return ":" in prop or dataset.kind in zfs_props.KNOWN.get(prop, ())


def local_props(dataset: Dataset) -> Record:
    """What was set on this volume with zfs create -o or zfs set (user properties included)."""
    return dataset.volume.setdefault("props", {}) if dataset.volume is not None else {}


def user_props(dataset: Dataset) -> list[str]:
    """The user properties set on this dataset, in name order [assumed]."""
    return sorted(name for name in local_props(dataset) if ":" in name)


def source(dataset: Dataset, prop: str) -> str:
    """The SOURCE column: local (set on the dataset), default, or - (computed, or not set)."""
    volume = dataset.volume
    if prop in local_props(dataset):
        return "local"
    if ":" in prop or prop in zfs_props.READONLY or not applies(dataset, prop):
        return "-"
    if volume is not None and prop == "volsize":
        return "local"
    if volume is not None and prop == "refreservation" and not volume.get("sparse"):
        return "local"  # zfs create without -s sets it (§4.1)
    if volume is not None and prop == "volblocksize":
        return "default" if int(volume.get("volblocksize", DEFAULT_VOLBLOCKSIZE)) == DEFAULT_VOLBLOCKSIZE else "-"
    return "default"


def _used(world: WorldLike, dataset: Dataset) -> int:
    if dataset.volume is not None:
        # [assumed] see assumed.py: a volume that is not sparse uses its refreservation.
        return assumed.ZFS_REFER if dataset.volume.get("sparse") else int(dataset.volume["volsize"])
    below = [child for child in descendants(world, dataset, None) if child.name != dataset.name]
    return assumed.ZFS_REFER + sum(_used(world, child) for child in below if child.volume is not None)


def raw_value(world: WorldLike, dataset: Dataset, prop: str) -> int | str:
    """A property's value: an int for numbers, '-' where it does not apply."""
    volume = dataset.volume
    props = local_props(dataset)
    if prop in props:
        return props[prop]
    if ":" in prop or not applies(dataset, prop):
        return "-"
    # only the asked-for value is worked out: listings ask for a few properties of every volume
    if prop == "name":
        return dataset.name
    if prop == "type":
        return dataset.kind
    if prop == "volsize":
        return int(volume["volsize"]) if volume else "-"
    if prop == "volblocksize":
        return int(volume.get("volblocksize", DEFAULT_VOLBLOCKSIZE)) if volume else "-"
    if prop == "used":
        return _used(world, dataset)
    if prop == "available":
        return assumed.ZFS_POOL_AVAILABLE
    if prop == "referenced":
        return assumed.ZFS_REFER
    if prop == "mountpoint":
        return "-" if volume else "/" + dataset.name
    if prop == "refreservation":
        return (0 if volume.get("sparse") else int(volume["volsize"])) if volume else 0
    if prop == "compressratio":
        return "1.00x"
    return zfs_props.default(prop)


def shown_value(world: WorldLike, dataset: Dataset, prop: str, parsable: bool) -> str:
    """The value as zfs prints it: exact with -p, else human (8K, 1G)."""
    value = raw_value(world, dataset, prop)
    if isinstance(value, int) and not parsable:
        if (value == 0 and prop in zfs_props.SIZES) or (value == UINT64_MAX and prop in zfs_props.LIMITS):
            return "none"
        return nicenum(value)
    return str(value)


def table(header: list[str], rows: list[list[str]], scripted: bool) -> str:
    """-H: fields joined by one TAB; otherwise a header and columns padded by two blanks."""
    if scripted or not rows:
        # the header comes with the first row: nothing at all when nothing is listed.
        return "".join("\t".join(row) + "\n" for row in rows)
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    lines = [header] + rows
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n" for line in lines)
