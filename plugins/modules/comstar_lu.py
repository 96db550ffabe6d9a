#!/usr/bin/python
# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: comstar_lu
short_description: Manage COMSTAR logical units (and the ZFS volumes behind them) on illumos
version_added: 0.1.0
description:
  - Creates, changes and deletes an sbd logical unit (LU) on a ZFS volume (O(zvol)) or on a file
    (O(data_file)), and creates or grows the ZFS volume itself.
  - The LU is found by its data file (C(/dev/zvol/rdsk/POOL/VOLUME) for a zvol); O(guid) pins its GUID.
  - A zvol and its LU exist only on the node where the pool is imported. On any other node the module
    fails, naming the pool and the node (and, in an RSF-1 cluster, the node that runs the pool's service).
  - With O(size), a missing zvol is created (C(zfs create -V)) and a smaller one is grown
    (C(zfs set volsize), then C(stmfadm modify-lu -s)); a volume is never shrunk - a smaller O(size) is an error.
  - illumos C(zfs) refuses a size that is not a multiple of the volume block size, so the module rounds
    O(size) up to O(volblocksize) when given, else to 128 KiB (a multiple of every valid volume block size),
    and warns when that changed the value.
  - O(alias), O(mgmt_url), O(write_cache), O(write_protect) and the size change on a live LU.
    O(block_size), O(vendor_id), O(product_id), O(serial) and O(guid) are fixed at creation - a value that
    differs from the LU's is refused before any change, naming both values.
  - An existing zvol with no registered LU (for example on the node that took over the pool after a
    failover) is first imported with C(stmfadm import-lu), which keeps the GUID stored on the volume;
    only when that reports C(meta file error) (the volume never held an LU) does C(create-lu)
    follow. Check mode lists both commands, as the run will do one or the other ("import or create").
    An imported LU has the properties stored on the volume; a differing mutable property is reported
    as a warning and changed by the next run.
author:
  - illumos.comstar contributors (@illumos-comstar)
options:
  zvol:
    description:
      - The ZFS volume V(pool/volume) behind the LU; its data file is C(/dev/zvol/rdsk/pool/volume).
      - Exactly one of O(zvol) and O(data_file) is required.
    type: str
  data_file:
    description:
      - The file behind the LU, an absolute path. A C(/dev/zvol/rdsk/...) path is the same as giving O(zvol).
      - A plain file is created with C(stmfadm create-lu) (with C(-s) when O(size) is given); it is never imported.
    type: path
  size:
    description:
      - Size of the volume (or file) in bytes, or with a suffix C(K), C(M), C(G), C(T), C(P), C(E), C(Z)
        (powers of 1024; decimals and a trailing C(B) or C(iB) allowed), e.g. V(1G), V(512M), V(1.5T).
      - Creates a missing zvol and grows a smaller one; a size below the current one is an error.
      - Omitted, the zvol must exist and its size is left alone.
    type: str
  sparse:
    description: Create the zvol without a reservation (C(zfs create -s)). Used only when the module creates the zvol.
    type: bool
    default: false
  volblocksize:
    description:
      - The zvol's block size (C(zfs create -b)), a power of two from V(512) to V(128K); human sizes allowed.
      - Fixed at creation - a value that differs from an existing zvol's is refused.
      - Omitted, the pool's default applies and O(size) is rounded up to 128 KiB.
    type: str
  zvol_properties:
    description:
      - ZFS properties of the zvol, a dictionary from property name to value - for example C(compression) V(lz4),
        C(sync) V(always), C(logbias) V(throughput), C(primarycache) V(metadata), C(copies) V(2),
        C(refreservation) V(10G) (a thick volume) or a user property such as C(com.example:owner).
      - Given when the module creates the zvol (C(zfs create -o PROPERTY=VALUE)); on an existing zvol each listed
        property whose value differs is changed with C(zfs set), one command per property. Properties not listed
        are left as they are (never reset to inherited).
      - Values are compared as C(zfs get -p) prints them - sizes in bytes (V(10G) is V(10737418240)),
        V(none) for a reservation is V(0), V(on)/V(off) for booleans (YAML V(true)/V(false) are read so),
        V(gzip-6) is V(gzip) - so a value written either way changes nothing.
      - A value set on the zvol itself is what counts (C(zfs get -s local)); a value the zvol inherits or has by
        default is set on the zvol once, so that it no longer follows its parent.
      - The properties of a ZFS volume that can be set on illumos are accepted (V(checksum), V(compression),
        V(copies), V(dedup), V(logbias), V(primarycache), V(secondarycache), V(readonly),
        V(redundant_metadata), V(sync), V(reservation), V(refreservation), V(snapshot_limit)), their short names
        too (V(compress), V(refreserv), ...), and user properties, whose names need a colon and only lowercase
        letters, digits, C(-), C(_), C(.) and C(:).
      - Refused before anything changes, naming the property - V(volsize), V(volblocksize) and V(sparse) (use
        O(size), O(volblocksize) and O(sparse)); a read-only property (V(used), V(available), ...); V(volmode),
        which illumos ZFS does not have; the encryption properties (a key is involved); an unknown name or a value
        ZFS would refuse; a V(refreservation) larger than the existing volume.
      - Only for a zvol, not for a plain O(data_file).
    type: dict
  guid:
    description:
      - The LU's GUID, 32 hexadecimal digits (C(create-lu -p guid=)); compared uppercase.
      - Omitted, COMSTAR generates one (returned in RV(lu), key C(guid)). Fixed at creation.
    type: str
  alias:
    description: The LU alias (at most 255 characters). COMSTAR shows the data file when no alias was set.
    type: str
  block_size:
    description: The LU block size in bytes (C(-p blk)); fixed at creation. Omitted, COMSTAR uses V(512).
    type: int
  write_cache:
    description:
      - Whether the write-back cache is enabled (C(-p wcd) is its inverse). Omitted, left as it is.
    type: bool
  write_protect:
    description: Whether the LU is write-protected (C(-p wp)). Omitted, left as it is.
    type: bool
  vendor_id:
    description: SCSI vendor ID, at most 8 characters (C(-p vid)); fixed at creation. Omitted, COMSTAR uses V(SUN).
    type: str
  product_id:
    description: SCSI product ID, at most 16 characters (C(-p pid)); fixed at creation. Omitted, COMSTAR uses V(COMSTAR).
    type: str
  serial:
    description: SCSI serial number, at most 252 characters (C(-p serial)); fixed at creation.
    type: str
  mgmt_url:
    description:
      - Management URL, at most 1024 characters (C(-p mgmt-url)); an empty string means none.
      - A URL once set cannot be cleared - C(stmfadm) takes no empty property value - so clearing it is refused.
    type: str
  state:
    description: Whether the LU should exist.
    type: str
    choices: [present, absent]
    default: present
  keep_views:
    description: With O(state=absent), keep the LU's view entries (C(stmfadm delete-lu -k)); they then list as an unregistered GUID.
    type: bool
    default: false
  destroy_zvol:
    description:
      - With O(state=absent), also destroy the zvol (C(zfs destroy)) after deleting the LU. Its data is lost.
      - Without it the zvol is kept, so a later O(state=present) imports the LU again with the same GUID.
    type: bool
    default: false
notes:
  - Property values cannot contain C(=) - stmfadm cuts a C(-p) value at the first C(=) - and cannot be empty.
  - With O(backend=rsf1) the LU commands run through C(stmfha), which acts on the node where the pool is
    imported; the ZFS commands always run with plain C(zfs) on this node, which must be that node.
  - O(zvol_properties) adds one read, C(zfs get -H -p -o name,property,value -s local -t volume -r all POOL), for
    every volume of the pool at once (an older C(zfs get) without C(-t) is asked again without it).
extends_documentation_fragment:
  - illumos.comstar.backend
  - illumos.comstar.lock
  - illumos.comstar.attributes
attributes:
  check_mode:
    support: full
    description: Returns the planned commands (for an unregistered zvol both C(import-lu) and the C(create-lu) fallback) and changes nothing.
  diff_mode:
    support: full
    description: Shows the LU before and after.
seealso:
  - module: illumos.comstar.comstar_view
  - module: illumos.comstar.comstar_info
'''

EXAMPLES = r'''
- name: A 1 GiB zvol and its LU (the walkthrough's steps 2 and 7), on the node that has the pool
  illumos.comstar.comstar_lu:
    zvol: pool1/zvol1
    size: 1G

- name: The same through RSF-1's stmfha
  illumos.comstar.comstar_lu:
    zvol: pool1/zvol1
    size: 1G
    backend: rsf1

- name: A sparse volume with a pinned GUID and its own properties
  illumos.comstar.comstar_lu:
    zvol: pool1/vm-109-disk-1
    size: 6G
    sparse: true
    volblocksize: 64K
    guid: 600144F0AABBCCDD0000000000000001
    alias: vm-109-disk-1
    write_cache: true
    vendor_id: ACME
    product_id: BACKUPSTORE

- name: A clustered LU - no write-back cache, every write synchronous on the pool, compressed
  illumos.comstar.comstar_lu:
    zvol: pool1/zvol1
    size: 1G
    write_cache: false
    zvol_properties:
      compression: lz4
      sync: always
      com.example:owner: storage team

- name: Grow it (zfs set volsize, then stmfadm modify-lu -s)
  illumos.comstar.comstar_lu:
    zvol: pool1/vm-109-disk-1
    size: 8G

- name: After a failover, bring the LU back on the new node (import-lu keeps the GUID)
  illumos.comstar.comstar_lu:
    zvol: pool1/zvol1

- name: Delete the LU and its volume
  illumos.comstar.comstar_lu:
    zvol: pool1/vm-109-disk-1
    state: absent
    destroy_zvol: true
'''

RETURN = r'''
lu:
  description:
    - The LU after the run (in check mode, as planned - a GUID COMSTAR has yet to generate is V(null)),
      as C(illumos.comstar.comstar_info) reports it under C(logical_units), with its views; V(null) when absent.
    - Its C(size) is the size the node reports after the run (the rounded size, not the requested one).
    - With O(zvol_properties), also C(zvol_properties) - each listed property with the value set on the zvol
      itself, as C(zfs get -p) prints it (V(null) where it is not set there); so C(--diff) shows a property change.
  returned: always
  type: dict
  sample:
    guid: 600144F0B1A2C3D4E5F6A7B8C9D0E1F2
    alias: /dev/zvol/rdsk/pool1/zvol1
    data_file: /dev/zvol/rdsk/pool1/zvol1
    zvol: pool1/zvol1
    size: 1073741824
    block_size: 512
    operational_status: Online
    access_state: Active
    provider: sbd
    meta_file: null
    management_url: null
    vendor_id: SUN
    product_id: COMSTAR
    serial: null
    write_protect: false
    writeback_cache: false
    views: [{entry: 0, host_group: null, target_group: TG01, lun: 0}]
commands:
  description: The changing commands that ran (in check mode, that would run); empty when nothing changed.
  returned: always
  type: list
  elements: list
  sample: [[zfs, create, -o, compression=lz4, -V, "1073741824", pool1/zvol1], [stmfadm, create-lu, /dev/zvol/rdsk/pool1/zvol1]]
'''

import platform

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.illumos.comstar.plugins.module_utils import _specs as specs
from ansible_collections.illumos.comstar.plugins.module_utils._module import BACKEND_ARGS, run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_lu import LuPlanner


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(BACKEND_ARGS, **specs.options(specs.LU)),
        **specs.LU_RULES,
        supports_check_mode=True,
    )
    run_planner(module, LuPlanner(module.params, node=platform.node()))


if __name__ == '__main__':
    main()
