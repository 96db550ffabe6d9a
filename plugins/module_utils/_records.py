# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: typed, immutable records of the COMSTAR state read from the CLI."""
from __future__ import annotations

import dataclasses
import typing as t

# Every record is a frozen dataclass: parsers build them, nothing mutates them.
# Values are already normalised (DESIGN.md section 2): 'not set', '-', '<none>'
# and 'unset' are None, secrets are booleans, padding is stripped, GUIDs are
# uppercase, and every tuple that holds a set (members, portals, tags) is sorted.

_ZVOL_DEVICE_PREFIXES = ('/dev/zvol/rdsk/', '/dev/zvol/dsk/')


@dataclasses.dataclass(frozen=True)
class TpgTag:
    """One target portal group bound to a target, with its portal group tag."""

    name: str
    tag: int


@dataclasses.dataclass(frozen=True)
class Tpg:
    """A target portal group (itadm list-tpg); portals are sorted 'addr:port' strings."""

    name: str
    portals: t.Tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Target:
    """An iSCSI target as itadm lists it; ``tpgs == ()`` means the default portal group."""

    name: str
    state: t.Optional[str]
    sessions: int
    alias: t.Optional[str]
    auth: t.Optional[str]
    auth_inherited: bool
    chap_user: t.Optional[str]
    chap_secret_set: bool
    tpgs: t.Tuple[TpgTag, ...]


@dataclasses.dataclass(frozen=True)
class Initiator:
    """An itadm initiator context (per-initiator CHAP credentials)."""

    name: str
    chap_user: t.Optional[str]
    chap_secret_set: bool


@dataclasses.dataclass(frozen=True)
class Defaults:
    """The global iSCSI target properties (itadm list-defaults)."""

    alias: t.Optional[str]
    auth: t.Optional[str]
    radius_server: t.Optional[str]
    radius_secret_set: bool
    isns: bool
    isns_servers: t.Tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Group:
    """A host group or a target group (stmfadm list-hg -v / list-tg -v); members sorted."""

    name: str
    members: t.Tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class View:
    """One view entry of a logical unit; None stands for 'All' groups or an automatic LUN."""

    entry: int
    host_group: t.Optional[str]
    target_group: t.Optional[str]
    lun: t.Optional[int]


@dataclasses.dataclass(frozen=True)
class LogicalUnit:
    """A logical unit as stmfadm list-lu -v shows it.

    An unregistered GUID (one known only through its view entries) keeps
    ``operational_status='unregistered'`` and has every other field None.
    ``standby`` is True when a property was hidden because the node is in
    ALUA standby.
    """

    guid: str
    operational_status: t.Optional[str]
    provider: t.Optional[str]
    alias: t.Optional[str]
    view_entry_count: t.Optional[int]
    data_file: t.Optional[str]
    meta_file: t.Optional[str]
    size: t.Optional[int]
    block_size: t.Optional[int]
    management_url: t.Optional[str]
    vendor_id: t.Optional[str]
    product_id: t.Optional[str]
    serial: t.Optional[str]
    write_protect: t.Optional[bool]
    writeback_cache: t.Optional[bool]
    access_state: t.Optional[str]
    standby: bool = False

    @property
    def zvol(self) -> t.Optional[str]:
        """The zvol ('pool/volume') behind the data file, or None for a plain file."""
        return zvol_of_device(self.data_file)


@dataclasses.dataclass(frozen=True)
class StmfTarget:
    """A local port as STMF sees it (stmfadm list-target -v)."""

    name: str
    operational_status: t.Optional[str]
    provider: t.Optional[str]
    alias: t.Optional[str]
    protocol: t.Optional[str]
    sessions: int


@dataclasses.dataclass(frozen=True)
class StmfState:
    """The STMF framework state (stmfadm list-state); values lowercase as listed."""

    operational: str
    config: str
    alua: str
    alua_node: t.Optional[int]


@dataclasses.dataclass(frozen=True)
class Zvol:
    """A ZFS volume with its exact size and block size in bytes."""

    name: str
    volsize: int
    volblocksize: int


@dataclasses.dataclass(frozen=True)
class SbdLu:
    """One row of sbdadm list-lu; the GUID is uppercased to match stmfadm."""

    guid: str
    size: int
    data_file: str

    @property
    def zvol(self) -> t.Optional[str]:
        """The zvol ('pool/volume') behind the data file, or None for a plain file."""
        return zvol_of_device(self.data_file)


def zvol_of_device(path: t.Optional[str]) -> t.Optional[str]:
    """Return 'pool/volume' for a /dev/zvol/{rdsk,dsk}/ path, else None."""
    if not path:
        return None
    for prefix in _ZVOL_DEVICE_PREFIXES:
        if path.startswith(prefix) and len(path) > len(prefix):
            return path[len(prefix):]
    return None
