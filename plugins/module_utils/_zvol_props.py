# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the ZFS properties of a zvol (zvol_properties) - which ones may be set,
and each value in the form `zfs get -p` prints it, so that a wanted value compares with a read one."""

from __future__ import annotations

import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._sizes import UINT64_MAX, parse_size

# The index properties a volume takes and the values each accepts, as illumos-gate
# usr/src/common/zfs/zfs_prop.c registers them (ZFS_TYPE_VOLUME, PROP_INHERIT). zfs compares the
# value with strcmp, so case matters; `zfs get` prints the first table name of the stored value.
INDEX_VALUES: dict[str, tuple[str, ...]] = {
    'checksum': ('on', 'off', 'fletcher2', 'fletcher4', 'sha256', 'noparity', 'sha512', 'skein', 'edonr'),
    'compression': ('on', 'off', 'lzjb', 'gzip', 'gzip-1', 'gzip-2', 'gzip-3', 'gzip-4', 'gzip-5', 'gzip-6',
                    'gzip-7', 'gzip-8', 'gzip-9', 'zle', 'lz4'),
    'copies': ('1', '2', '3'),
    'dedup': ('on', 'off', 'verify', 'sha256', 'sha256,verify', 'sha512', 'sha512,verify', 'skein', 'skein,verify',
              'edonr,verify'),
    'logbias': ('latency', 'throughput'),
    'primarycache': ('all', 'none', 'metadata'),
    'secondarycache': ('all', 'none', 'metadata'),
    'readonly': ('on', 'off'),
    'redundant_metadata': ('all', 'most'),
    'sync': ('standard', 'always', 'disabled'),
}
# Two names of one stored value: `zfs get` prints the first in zfs_prop.c's table (gzip before gzip-6).
SAME_VALUE = {('compression', 'gzip-6'): 'gzip'}
# Number properties of a volume that `zfs set` takes (PROP_DEFAULT): sizes, 'none' = 0 (printed 0 with -p).
SIZE_PROPERTIES = ('reservation', 'refreservation')
# A count whose 'none' is UINT64_MAX, printed as that number with -p (libzfs_dataset.c zfs_prop_get).
COUNT_PROPERTIES = ('snapshot_limit',)
# Short names zfs also takes (the column names of zfs_prop.c, matched without case): the long name is what
# `zfs get` prints, so a short one is read as the long one.
ALIASES = {'compress': 'compression', 'refreserv': 'refreservation', 'reserv': 'reservation', 'rdonly': 'readonly',
           'redund_md': 'redundant_metadata', 'sslimit': 'snapshot_limit'}
# Refused, each with the reason: options of their own, properties fixed at creation, read-only ones.
OWN_OPTION = {
    'volsize': 'the size is the option size (it creates and grows the zvol)',
    'volblocksize': 'the block size is the option volblocksize (fixed when the zvol is created: ZFS sets it once)',
    'sparse': 'a volume without a reservation is the option sparse (zfs create -s)',
}
NOT_MANAGED = {
    # zfs_prop.c on illumos registers no volmode (it is an OpenZFS property of Linux and FreeBSD)
    'volmode': 'illumos ZFS has no volmode property (OpenZFS on Linux and FreeBSD has)',
    'encryption': 'encryption is set once, when the zvol is created, with a key: this collection does not manage keys',
    'keyformat': 'keyformat is set once, when the zvol is created, with a key: this collection does not manage keys',
    'keylocation': 'keylocation belongs with encryption, which this collection does not manage',
    'pbkdf2iters': 'pbkdf2iters is set once with an encryption key, which this collection does not manage',
    'mlslabel': 'mlslabel is a Trusted Extensions label, not managed here',
}
# PROP_READONLY properties of a volume (zfs_prop.c): ZFS computes them; `zfs set` answers "'X' is readonly".
READONLY = ('available', 'compressratio', 'createtxg', 'creation', 'encryptionroot', 'guid', 'keystatus',
            'logicalreferenced', 'logicalused', 'origin', 'receive_resume_token', 'refcompressratio', 'referenced',
            'snapshot_count', 'type', 'used', 'usedbychildren', 'usedbydataset', 'usedbyrefreservation',
            'usedbysnapshots', 'written')
# zfs_prop.c valid_char and zfs_prop_user: a user property has a colon and only these characters;
# its name is shorter than ZAP_MAXNAMELEN (256), its value shorter than ZAP_MAXVALUELEN (8192) [derived:
# libzfs refuses longer values with "property value too long" (E2BIG)].
USER_NAME_RE = re.compile(r'^[a-z0-9_.:-]*:[a-z0-9_.:-]*$')
MAX_NAME = 255
MAX_VALUE = 8191
SETTABLE = tuple(sorted(set(INDEX_VALUES) | set(SIZE_PROPERTIES) | set(COUNT_PROPERTIES)))
# What `zfs get -s local` shows for a zvol that is not a property the user set: the size (option size),
# and the block size where a build reports it as local [derived].
NOT_PROPERTIES = ('volsize', 'volblocksize')


def is_user_property(name: str) -> bool:
    return ':' in name


def canonical_name(name: str) -> str:
    """The name `zfs get` prints for `name`: aliases and case of native names resolved."""
    return name if is_user_property(name) else ALIASES.get(name.lower(), name.lower())


def _check_name(name: t.Any) -> str:
    if not isinstance(name, str) or not name:
        raise PlanError('zvol_properties: a property name must be a non-empty string, got %r' % (name,))
    if is_user_property(name):
        if not USER_NAME_RE.match(name) or len(name) > MAX_NAME:
            raise PlanError("zvol_properties: user property %r is not a valid ZFS user property name: lowercase letters, "
                            "digits, '-', '_', '.' and ':' only, with a colon (e.g. com.example:owner), at most %d "
                            'characters' % (name, MAX_NAME))
        return name
    canonical = canonical_name(name)
    if canonical in OWN_OPTION:
        raise PlanError('zvol_properties: %s is not set here - %s' % (name, OWN_OPTION[canonical]))
    if canonical in NOT_MANAGED:
        raise PlanError('zvol_properties: %s is refused - %s' % (name, NOT_MANAGED[canonical]))
    if canonical in READONLY:
        raise PlanError("zvol_properties: %s is read-only - ZFS computes it and refuses to set it ('%s' is readonly)"
                        % (name, canonical))
    if canonical not in SETTABLE:
        raise PlanError('zvol_properties: %r is not a property of a ZFS volume on illumos; the ones that can be set are %s, '
                        'and user properties need a colon (e.g. com.example:owner)' % (name, ', '.join(SETTABLE)))
    return canonical


def _on_off(value: t.Any) -> t.Any:
    # YAML reads on/off/yes/no as booleans: ZFS spells them on and off
    if isinstance(value, bool):
        return 'on' if value else 'off'
    return value


def normal_value(name: str, value: t.Any) -> str:
    """`value` as `zfs get -p` prints it for property `name` (already canonical); PlanError when ZFS would refuse it."""
    if value is None or (isinstance(value, str) and not value):
        raise PlanError('zvol_properties: %s needs a value (zfs set refuses an empty one)' % name)
    if is_user_property(name):
        if isinstance(value, bool):
            raise PlanError("zvol_properties: %s is %r, a boolean after YAML: quote it ('yes', 'true', 'on') so it is "
                            'stored as written' % (name, value))
        text = str(value)
        if len(text) > MAX_VALUE or any(char in text for char in '\t\n\r'):
            raise PlanError('zvol_properties: the value of %s must be one line without TABs and at most %d characters'
                            % (name, MAX_VALUE))
        return text
    if name in INDEX_VALUES:
        text = str(_on_off(value))
        if text not in INDEX_VALUES[name]:
            raise PlanError('zvol_properties: %s %r is not one of %s (ZFS takes them as written, lowercase)'
                            % (name, text, ', '.join(INDEX_VALUES[name])))
        return SAME_VALUE.get((name, text), text)
    if name in SIZE_PROPERTIES:
        if str(value).strip().lower() in ('none', '0'):
            return '0'
        return str(parse_size(value, 'zvol_properties: %s' % name))
    text = str(value).strip().lower()
    if text == 'none':
        return str(UINT64_MAX)
    if not text.isdigit():
        raise PlanError("zvol_properties: %s %r must be a whole number or 'none'" % (name, value))
    return str(int(text))


def normalise(given: dict[str, t.Any] | None) -> dict[str, str] | None:
    """zvol_properties as {name zfs prints: value zfs -p prints}; every refusal before anything changes."""
    if given is None:
        return None
    if not isinstance(given, dict):
        raise PlanError('zvol_properties must be a dictionary of property: value, got %r' % (given,))
    wanted: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for name, value in given.items():
        canonical = _check_name(name)
        if canonical in wanted:
            raise PlanError('zvol_properties: %s and %s name the same property %s: give it once' % (spelled[canonical], name, canonical))
        wanted[canonical] = normal_value(canonical, value)
        spelled[canonical] = name
    return wanted


def gathered(local: dict[str, str], volsize: int | None) -> dict[str, str]:
    """The locally set properties of a zvol as zvol_properties takes them (comstar_config gathered).

    A zvol created without -s carries a local refreservation that ZFS computed from its size (at least
    the size, zfs_main.c zvol_volsize_to_reservation) and moves with it when the size grows: that one
    belongs to the option sparse, not here. A smaller one was set by hand and is kept.
    """
    found = {name: value for name, value in local.items() if name not in NOT_PROPERTIES}
    reserved = found.get('refreservation')
    if reserved is not None and volsize is not None and reserved.isdigit() and int(reserved) >= volsize:
        del found['refreservation']
    return dict(sorted(found.items()))
