"""The ZFS properties of the simulated volumes: which exist, which can be set, how each is printed.

Facts from illumos-gate (the reference, illumos-cli.md §4, lists only volsize and volblocksize):

* [src] usr/src/common/zfs/zfs_prop.c - the properties that apply to volumes, their values
  (index tables), defaults, and attributes: PROP_READONLY (computed), PROP_ONETIME (set once,
  at creation: volblocksize), PROP_DEFAULT / PROP_INHERIT (settable). illumos registers no
  `volmode` (OpenZFS on Linux/FreeBSD has it). A user property has a colon and only the
  characters a-z 0-9 - _ . : (valid_char, zfs_prop_user).
* [src] usr/src/lib/libzfs/common/libzfs_dataset.c zfs_valid_proplist - the refusals and
  their text: "invalid property '%s'", "'%s' does not apply to datasets of this type",
  "'%s' is readonly" (a set-once property is readonly once the dataset exists),
  "'%s' is greater than current volume size" (reservation, refreservation of a volume);
  zfs_prop_get - with -p numbers print exact, a zero (ref)reservation as 0 (else "none"),
  a limit of UINT64_MAX as that number (else "none").
* [src] zfs_prop.c index tables: `zfs get` prints the first name of the stored value
  (gzip and gzip-6 are one value: "gzip").
* [assumed] the tail of a bad index value: "'%s' must be one of '%s'" (libzfs_util.c
  zprop_parse_value, not read here); user properties listed in name order after the native ones.
"""
from __future__ import annotations

import re
from typing import Any

from .sizes import UINT64_MAX, SizeError, zfs_size

INDEX = {
    "checksum": ("on", "off", "fletcher2", "fletcher4", "sha256", "noparity", "sha512", "skein", "edonr"),
    "compression": ("on", "off", "lzjb", "gzip", "gzip-1", "gzip-2", "gzip-3", "gzip-4", "gzip-5", "gzip-6",
                    "gzip-7", "gzip-8", "gzip-9", "zle", "lz4"),
    "copies": ("1", "2", "3"),
    "dedup": ("on", "off", "verify", "sha256", "sha256,verify", "sha512", "sha512,verify", "skein", "skein,verify",
              "edonr,verify"),
    "logbias": ("latency", "throughput"),
    "primarycache": ("all", "none", "metadata"),
    "secondarycache": ("all", "none", "metadata"),
    "readonly": ("on", "off"),
    "redundant_metadata": ("all", "most"),
    "sync": ("standard", "always", "disabled"),
}
INDEX_VALUES_TEXT = {  # zfs_prop.c pd_values
    "checksum": "on | off | fletcher2 | fletcher4 | sha256 | sha512 | skein | edonr",
    "compression": "on | off | lzjb | gzip | gzip-[1-9] | zle | lz4",
    "copies": "1 | 2 | 3",
    "dedup": "on | off | verify | sha256[,verify], sha512[,verify], skein[,verify], edonr,verify",
    "logbias": "latency | throughput",
    "primarycache": "all | none | metadata",
    "secondarycache": "all | none | metadata",
    "readonly": "on | off",
    "redundant_metadata": "all | most",
    "sync": "standard | always | disabled",
}
INDEX_DEFAULTS = {"checksum": "on", "compression": "off", "copies": "1", "dedup": "off", "logbias": "latency",
                  "primarycache": "all", "secondarycache": "all", "readonly": "off", "redundant_metadata": "all",
                  "sync": "standard"}
SAME_VALUE = {("compression", "gzip-6"): "gzip"}
SIZES = ("reservation", "refreservation")      # PROP_DEFAULT numbers: <size> | none
LIMITS = ("snapshot_limit",)                    # PROP_DEFAULT count: <count> | none (UINT64_MAX)
SET_ONCE = ("volblocksize",)                    # PROP_ONETIME
# The column names zfs also accepts as property names (zprop_name_to_prop, case-insensitive).
ALIASES = {"avail": "available", "refer": "referenced", "compress": "compression", "refreserv": "refreservation",
           "reserv": "reservation", "rdonly": "readonly", "redund_md": "redundant_metadata", "sslimit": "snapshot_limit",
           "volblock": "volblocksize", "ratio": "compressratio"}
# Every property the simulator knows, in the order `zfs get all` prints them (zfs.h enum order), with the
# dataset kinds it applies to.
VOLUME, FILESYSTEM = "volume", "filesystem"
ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("type", (VOLUME, FILESYSTEM)), ("used", (VOLUME, FILESYSTEM)), ("available", (VOLUME, FILESYSTEM)),
    ("referenced", (VOLUME, FILESYSTEM)), ("compressratio", (VOLUME, FILESYSTEM)), ("mountpoint", (FILESYSTEM,)),
    ("reservation", (VOLUME, FILESYSTEM)), ("volsize", (VOLUME,)), ("volblocksize", (VOLUME,)),
    ("checksum", (VOLUME, FILESYSTEM)), ("compression", (VOLUME, FILESYSTEM)), ("readonly", (VOLUME, FILESYSTEM)),
    ("copies", (VOLUME, FILESYSTEM)), ("refreservation", (VOLUME, FILESYSTEM)), ("primarycache", (VOLUME, FILESYSTEM)),
    ("secondarycache", (VOLUME, FILESYSTEM)), ("logbias", (VOLUME, FILESYSTEM)), ("dedup", (VOLUME, FILESYSTEM)),
    ("sync", (VOLUME, FILESYSTEM)), ("snapshot_limit", (VOLUME, FILESYSTEM)),
    ("redundant_metadata", (VOLUME, FILESYSTEM)),
)
KNOWN = dict(ORDER) | {"name": (VOLUME, FILESYSTEM)}
READONLY = ("type", "used", "available", "referenced", "compressratio", "name")
USER_NAME = re.compile(r"[a-z0-9_.:-]*:[a-z0-9_.:-]*")
ZAP_MAXNAMELEN = 256
ZAP_MAXVALUELEN = 8192


class PropError(ValueError):
    """A property zfs refuses; the message is the libzfs description after '<action>: '."""


def canonical(name: str) -> str | None:
    """The property `name` stands for (a user property stands for itself), None when zfs knows none."""
    if ":" in name:
        return name if USER_NAME.fullmatch(name) else None
    lowered = name.lower()
    for candidate in (name, ALIASES.get(lowered)):
        if candidate in KNOWN:
            return candidate
    return None


def checked(dataset_kind: str, name: str, value: str, exists: bool, volsize: int | None) -> tuple[str, Any]:
    """(property, stored value) for `zfs set` (exists) or `zfs create -o` (not yet); PropError as libzfs refuses."""
    prop = canonical(name)
    if prop is None:
        raise PropError(f"invalid property '{name}'")
    if ":" in prop:
        if len(prop) >= ZAP_MAXNAMELEN:
            raise PropError(f"property name '{name}' is too long")
        if len(value) >= ZAP_MAXVALUELEN:
            raise PropError("property value too long")
        return prop, value
    if dataset_kind not in KNOWN[prop]:
        raise PropError(f"'{name}' does not apply to datasets of this type")
    if prop in READONLY or (prop in SET_ONCE and exists):
        raise PropError(f"'{name}' is readonly")
    if prop in INDEX:
        if value not in INDEX[prop]:
            raise PropError(f"'{name}' must be one of '{INDEX_VALUES_TEXT[prop]}'")  # [assumed] wording
        return prop, SAME_VALUE.get((prop, value), value)
    if prop in LIMITS:
        return prop, UINT64_MAX if value == "none" else _number(value)
    if prop in SIZES:
        size = 0 if value == "none" else _number(value)
        if exists and volsize is not None and size > volsize:
            raise PropError(f"'{name}' is greater than current volume size")
        return prop, size
    if prop == "volblocksize":
        return prop, _number(value)
    raise PropError(f"'{name}' is readonly")  # volsize is set with its own rules (zfs.py)


def _number(value: str) -> int:
    try:
        return zfs_size(value)
    except SizeError as error:
        raise PropError(str(error)) from error


def default(prop: str) -> Any:
    """The value of a settable property nobody set."""
    if prop in INDEX_DEFAULTS:
        return INDEX_DEFAULTS[prop]
    if prop in LIMITS:
        return UINT64_MAX
    return 0
