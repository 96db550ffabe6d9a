"""The simulated zfs for volumes (illumos-cli.md §4): run(argv, world) -> (stdout, stderr, rc)."""
from __future__ import annotations

from collections.abc import Callable

from . import assumed, zfs_props
from .sizes import SizeError, nicenum, zfs_size
from .stmf_common import ZVOL_PATH
from .zfs_data import (DEFAULT_VOLBLOCKSIZE, PROPERTIES, TYPES, Dataset, Record, Result, Usage, WorldLike, applies,
                       canonical_property, datasets, descendants, find, imported_pools, local_props, options,
                       shown_value, source, table, user_props)


def _fail(message: str) -> Result:
    return "", message + "\n", 1


def _volblocksize_ok(value: int) -> bool:
    low, high = assumed.ZFS_VOLBLOCKSIZE_RANGE
    return low <= value <= high and value & (value - 1) == 0


def _parents(world: WorldLike, name: str, make: bool) -> str | None:
    """Check (or with -p create) the filesystems above name; an error message or None."""
    pool_name = name.split("/")[0]
    pool = dict(imported_pools(world))[pool_name]
    parts = name.split("/")
    for depth in range(2, len(parts)):
        parent = "/".join(parts[:depth])
        if parent in pool.get("volumes", {}):
            return f"cannot create '{name}': parent is not a filesystem"
        if parent not in pool.setdefault("filesystems", []):
            if not make:
                return f"cannot create '{name}': parent does not exist"
            pool["filesystems"].append(parent)
    return None


def create(world: WorldLike, args: list[str]) -> Result:
    """create [-ps] [-b bs] [-o p=v]... -V size volume (and plain filesystems) (§4.1)."""
    if "-V" in args and args.index("-V") == len(args) - 1:
        raise Usage("create", "missing size argument")
    opts, operands = options("create", args, "psb:o:V:")
    flags = [flag for flag, _value in opts]
    volsize, volblocksize, props = None, None, {}
    for flag, value in opts:
        try:
            if flag == "-V":
                volsize = zfs_size(value)
            elif flag == "-b":
                volblocksize = zfs_size(value)
        except SizeError as error:
            kind = "volume size" if flag == "-V" else "volume block size"
            return _fail(f"bad {kind} '{value}': {error}")
        if flag == "-o":
            if "=" not in value:
                return _fail("missing '=' for property=value argument")  # zfs_main.c parseprop
            key, _equals, setting = value.partition("=")
            if key in props:
                return _fail(f"property '{key}' specified multiple times")
            props[key] = setting
    if volsize is None and ("-s" in flags or "-b" in flags):
        raise Usage("create", "'-s' and '-b' can only be used when creating a volume")
    if not operands:
        raise Usage("create", "missing volume argument" if volsize is not None else "missing filesystem argument")
    if len(operands) > 1:
        raise Usage("create", "too many arguments")
    if "volblocksize" in props:
        try:
            volblocksize = zfs_size(props.pop("volblocksize"))
        except SizeError as error:
            return _fail(f"cannot create '{operands[0]}': {error}")
    return _create(world, operands[0], volsize, volblocksize, "-s" in flags, "-p" in flags, props)


def _create(world: WorldLike, name: str, volsize: int | None, volblocksize: int | None, sparse: bool, make: bool,
            given: dict[str, str]) -> Result:
    pool_name = name.split("/")[0]
    if "/" not in name:
        return _fail(f"cannot create '{name}': missing dataset name")  # [assumed] wording
    pools = dict(imported_pools(world))
    if pool_name not in pools:
        if volsize is not None and not sparse:
            # §4.1: a normal create opens the pool first, to size the refreservation.
            return _fail(f"cannot open '{pool_name}': no such pool")
        return _fail(f"cannot create '{name}': no such pool '{pool_name}'")
    problem = _parents(world, name, make)
    if problem:
        return _fail(problem)
    if find(world, name) is not None:
        # [assumed] with -p an existing dataset is not an error.
        return ("", "", 0) if make else _fail(f"cannot create '{name}': dataset already exists")
    pool = pools[pool_name]
    if volsize is None:
        pool.setdefault("filesystems", []).append(name)
        return "", "", 0
    # libzfs zfs_create checks the properties (zfs_valid_proplist) after the name, parents and existence
    props: Record = {}
    for key, setting in given.items():
        try:
            prop, value = zfs_props.checked("volume" if volsize is not None else "filesystem", key, setting, False, None)
        except zfs_props.PropError as error:
            return _fail(f"cannot create '{name}': {error}")
        props[prop] = value
    if volsize == 0:
        return _fail(f"cannot create '{name}': volume size cannot be zero")
    blocksize = DEFAULT_VOLBLOCKSIZE if volblocksize is None else volblocksize
    if not _volblocksize_ok(blocksize):
        return _fail(f"cannot create '{name}': 'volblocksize' must be power of 2 from 512B to 128K")  # [assumed] wording
    if volsize % blocksize:
        # §4.1: illumos does not round; OpenZFS would.
        return _fail(f"cannot create '{name}': volume size must be a multiple of volume block size")
    pool.setdefault("volumes", {})[name] = {"volsize": volsize, "volblocksize": blocksize, "sparse": sparse,
                                            "sbd_meta": None, "props": props}
    return "", "", 0


def _types(value: str, subcommand: str) -> set[str]:
    chosen: set[str] = set()
    for word in value.split(","):
        if word == "all":
            chosen.update(TYPES.values())
        elif word in TYPES:
            chosen.add(TYPES[word])
        else:
            raise Usage(subcommand, f"invalid type '{word}'")
    return chosen


def _select(world: WorldLike, names: list[str], types: set[str], recurse: bool, depth: int | None) -> tuple[list[Dataset], str]:
    """The datasets named (or all), with their descendants when recursing; errors for the missing."""
    if not names:
        return [ds for ds in datasets(world) if ds.kind in types], ""
    chosen: list[Dataset] = []
    errors = ""
    for name in names:
        dataset = find(world, name)
        if dataset is None:
            errors += f"cannot open '{name}': dataset does not exist\n"
        elif recurse:
            chosen.extend(ds for ds in descendants(world, dataset, depth) if ds.kind in types)
        elif dataset.kind not in types:
            errors += f"cannot open '{name}': {assumed.ZFS_WRONG_TYPE}\n"
        else:
            chosen.append(dataset)
    return chosen, errors


def _property_list(value: str, subcommand: str, allow_all: bool) -> list[str]:
    if allow_all and value == "all":
        return list(PROPERTIES)
    chosen = []
    for word in value.split(","):
        prop = canonical_property(word)
        if prop is None:
            raise Usage(subcommand, f"bad property list: invalid property '{word}'")
        chosen.append(prop)
    return chosen


def list_(world: WorldLike, args: list[str]) -> Result:
    """list [-Hp] [-r|-d n] [-o cols] [-t types] [ds...] (§4.2)."""
    opts, operands = options("list", args, "Hprd:o:t:s:S:")
    given = dict(opts)
    columns = _property_list(given.get("-o", "name,used,available,referenced,mountpoint"), "list", False)
    types = _types(given.get("-t", "filesystem,volume"), "list")
    depth = int(given["-d"]) if "-d" in given else None
    chosen, errors = _select(world, operands, types, "-r" in given or depth is not None, depth)
    rows = [[shown_value(world, ds, column, "-p" in given) for column in columns] for ds in chosen]
    if not rows and not errors and "-H" not in given:
        return "no datasets available\n", "", 0  # [assumed] stdout
    header = [("AVAIL" if c == "available" else "REFER" if c == "referenced" else c.upper()) for c in columns]
    return table(header, rows, "-H" in given), errors, 1 if errors else 0


SOURCES = ("local", "default", "inherited", "received", "temporary", "none")


def get(world: WorldLike, args: list[str]) -> Result:
    """get [-rHp] [-d max] [-o fields] [-t types] [-s sources] <all | props> [ds...] (§4.2, zfs_main.c
    zfs_do_get): one line per dataset and property; `all` lists the properties of each dataset's type and
    its user properties; -s keeps the lines whose source is listed (`none` is the source `-`)."""
    opts, operands = options("get", args, "Hprd:o:t:s:")
    given = dict(opts)
    if not operands:
        raise Usage("get", "missing property argument")
    every = operands[0] == "all"
    props = [] if every else _property_list(operands[0], "get", False)
    fields = given.get("-o", "name,property,value,source").split(",")
    for field in fields:
        if field not in ("name", "property", "value", "received", "source"):
            raise Usage("get", f"invalid column name '{field}'")
    sources = set(SOURCES)
    if "-s" in given:
        sources = set(given["-s"].split(","))
        for word in sources - set(SOURCES):
            raise Usage("get", f"invalid source '{word}'")
    types = _types(given.get("-t", "all"), "get")
    chosen, errors = _select(world, operands[1:], types, "-r" in given, None)
    rows = []
    for dataset in chosen:
        listed = [prop for prop in PROPERTIES if applies(dataset, prop)] + user_props(dataset) if every else props
        for prop in listed:
            origin = source(dataset, prop)
            if (origin if origin != "-" else "none") not in sources:
                continue
            value = shown_value(world, dataset, prop, "-p" in given)
            cells = {"name": dataset.name, "property": prop, "value": value, "received": "-", "source": origin}
            rows.append([cells[field] for field in fields])
    return table([field.upper() for field in fields], rows, "-H" in given), errors, 1 if errors else 0


def set_(world: WorldLike, args: list[str]) -> Result:
    """set <property=value> ... <ds> ... (§4.2, zfs_main.c zfs_do_set): volsize must be a multiple of the
    volblocksize; any other property is checked as libzfs does (zfs_props); all or nothing per dataset."""
    operands = options("set", args, "")[1]
    settings = [operand for operand in operands if "=" in operand]
    names = operands[len(settings):]
    if not operands or not settings or operands[:len(settings)] != settings:
        raise Usage("set", "missing property=value argument")
    if not names:
        raise Usage("set", "missing dataset name(s)")
    pairs = []
    for setting in settings:
        key, _equals, value = setting.partition("=")
        if not value:
            raise Usage("set", "missing value in property=value argument")
        if not key:
            raise Usage("set", "missing property in property=value argument")
        pairs.append((key, value))
    errors = ""
    for name in names:
        dataset = find(world, name)
        if dataset is None:
            errors += f"cannot open '{name}': dataset does not exist\n"
        else:
            errors += _set_all(name, dataset, pairs)
    return "", errors, 1 if errors else 0


def _set_all(name: str, dataset: Dataset, pairs: list[tuple[str, str]]) -> str:
    """Check every pair, then change: libzfs validates the whole list before the ioctl."""
    changes: Record = {}
    volsize = None
    for key, value in pairs:
        if canonical_property(key) == "volsize":
            if dataset.volume is None:
                return f"cannot set property for '{name}': 'volsize' does not apply to datasets of this type\n"
            volsize = value
            continue
        try:
            prop, stored = zfs_props.checked(dataset.kind, key, value, True,
                                             int(dataset.volume["volsize"]) if dataset.volume else None)
        except zfs_props.PropError as error:
            return f"cannot set property for '{name}': {error}\n"
        if dataset.volume is None:
            return f"cannot set property for '{name}': '{key}' is not kept on a filesystem here\n"  # [assumed] simulator scope
        changes[prop] = stored
    if volsize is not None and dataset.volume is not None:
        problem = _set_volsize(name, dataset.volume, volsize)
        if problem:
            return problem
    local_props(dataset).update(changes)
    return ""


def _set_volsize(name: str, volume: Record, value: str) -> str:
    try:
        size = zfs_size(value)
    except SizeError as error:
        return f"cannot set property for '{name}': {error}\n"
    blocksize = int(volume.get("volblocksize", DEFAULT_VOLBLOCKSIZE))
    if size == 0:
        return f"cannot set property for '{name}': 'volsize' cannot be zero\n"  # [assumed] wording
    if size % blocksize:
        return f"cannot set property for '{name}': 'volsize' must be a multiple of volume block size ({nicenum(blocksize)})\n"
    props = volume.setdefault("props", {})
    if props.get("refreservation") == int(volume["volsize"]):
        # a reservation that matched the size grows with it (libzfs_dataset.c zfs_add_synthetic_resv) [derived]
        props["refreservation"] = size
    volume["volsize"] = size
    return ""


def destroy(world: WorldLike, args: list[str]) -> Result:
    """destroy ds: refused while an LU uses the volume (§4.2, unconfirmed text)."""
    opts, operands = options("destroy", args, "fnpRrvd")
    if not operands:
        raise Usage("destroy", "missing dataset argument")
    if len(operands) > 1:
        raise Usage("destroy", "too many arguments")
    name = operands[0]
    dataset = find(world, name)
    if dataset is None:
        return _fail(f"cannot open '{name}': dataset does not exist")
    if "/" not in name:
        return _fail(f"cannot destroy '{name}': operation does not apply to pools\n"
                     f"use 'zfs destroy -r {name}' to destroy all datasets in the pool\n"
                     f"use 'zpool destroy {name}' to destroy the pool itself")  # [assumed] wording
    doomed = descendants(world, dataset, None)
    if len(doomed) > 1 and not any(flag in ("-r", "-R") for flag, _value in opts):
        listed = "".join(f"{ds.name}\n" for ds in doomed[1:])
        return "", f"cannot destroy '{name}': filesystem has children\nuse '-r' to destroy the following datasets:\n{listed}", 1
    lus = world.state.get("stmf", {}).get("lus", {}).values()
    in_use = {match.group(1) for match in (ZVOL_PATH.fullmatch(lu["data_file"]) for lu in lus) if match}
    for victim in doomed:
        if victim.volume is not None and victim.name in in_use:
            return _fail(f"cannot destroy '{victim.name}': {assumed.ZFS_BUSY}")
    for victim in reversed(doomed):
        if victim.volume is not None:
            del victim.pool["volumes"][victim.name]
        else:
            victim.pool["filesystems"].remove(victim.name)
    return "", "", 0


HANDLERS: dict[str, Callable[[WorldLike, list[str]], Result]] = {
    "create": create, "list": list_, "get": get, "set": set_, "destroy": destroy}


def run(argv: list[str], world: WorldLike) -> Result:
    """Run `zfs argv...` on this node."""
    if not argv or argv[0] not in HANDLERS:
        message = f"unrecognized command '{argv[0]}'\n" if argv else "missing command\n"
        lines = "".join(assumed.ZFS_USAGE.values())
        return "", f"{message}usage: zfs command args ...\nwhere 'command' is one of the following:\n\n{lines}", 2
    try:
        return HANDLERS[argv[0]](world, argv[1:])
    except Usage as usage:
        return usage.result
