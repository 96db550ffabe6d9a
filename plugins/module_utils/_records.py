# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: typed, immutable records of the COMSTAR state read from the CLI."""
from __future__ import annotations

import dataclasses

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
    portals: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Target:
    """An iSCSI target as itadm lists it; ``tpgs == ()`` means the default portal group."""

    name: str
    state: str | None
    sessions: int
    alias: str | None
    auth: str | None
    auth_inherited: bool
    chap_user: str | None
    chap_secret_set: bool
    tpgs: tuple[TpgTag, ...]


@dataclasses.dataclass(frozen=True)
class Initiator:
    """An itadm initiator context (per-initiator CHAP credentials)."""

    name: str
    chap_user: str | None
    chap_secret_set: bool


@dataclasses.dataclass(frozen=True)
class Defaults:
    """The global iSCSI target properties (itadm list-defaults)."""

    alias: str | None
    auth: str | None
    radius_server: str | None
    radius_secret_set: bool
    isns: bool
    isns_servers: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Group:
    """A host group or a target group (stmfadm list-hg -v / list-tg -v); members sorted."""

    name: str
    members: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class View:
    """One view entry of a logical unit; None stands for 'All' groups or an automatic LUN."""

    entry: int
    host_group: str | None
    target_group: str | None
    lun: int | None


@dataclasses.dataclass(frozen=True)
class LogicalUnit:
    """A logical unit as stmfadm list-lu -v shows it.

    An unregistered GUID (one known only through its view entries) keeps
    ``operational_status='unregistered'`` and its view entry count; every
    other field is None (reference 2.8).
    ``standby`` is True when a property was hidden because the node is in
    ALUA standby.
    """

    guid: str
    operational_status: str | None
    provider: str | None
    alias: str | None
    view_entry_count: int | None
    data_file: str | None
    meta_file: str | None
    size: int | None
    block_size: int | None
    management_url: str | None
    vendor_id: str | None
    product_id: str | None
    serial: str | None
    write_protect: bool | None
    writeback_cache: bool | None
    access_state: str | None
    standby: bool = False

    @property
    def zvol(self) -> str | None:
        """The zvol ('pool/volume') behind the data file, or None for a plain file."""
        return zvol_of_device(self.data_file)


@dataclasses.dataclass(frozen=True)
class StmfTarget:
    """A local port as STMF sees it (stmfadm list-target -v)."""

    name: str
    operational_status: str | None
    provider: str | None
    alias: str | None
    protocol: str | None
    sessions: int


@dataclasses.dataclass(frozen=True)
class StmfState:
    """The STMF framework state (stmfadm list-state); values lowercase as listed."""

    operational: str
    config: str
    alua: str
    alua_node: int | None


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
    def zvol(self) -> str | None:
        """The zvol ('pool/volume') behind the data file, or None for a plain file."""
        return zvol_of_device(self.data_file)


def zvol_of_device(path: str | None) -> str | None:
    """Return 'pool/volume' for a /dev/zvol/{rdsk,dsk}/ path, else None."""
    if not path:
        return None
    for prefix in _ZVOL_DEVICE_PREFIXES:
        if path.startswith(prefix) and len(path) > len(prefix):
            return path[len(prefix):]
    return None
