# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the logical-unit planner (a zvol or file behind an sbd LU; pure: state + params -> plan)."""

from __future__ import annotations

import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._apply import Applier
from ansible_collections.illumos.comstar.plugins.module_utils._info import lu_info
from ansible_collections.illumos.comstar.plugins.module_utils._module import Planner
from ansible_collections.illumos.comstar.plugins.module_utils._names import check_guid, check_length
from ansible_collections.illumos.comstar.plugins.module_utils._plan import Plan, PlanError
from ansible_collections.illumos.comstar.plugins.module_utils._records import LogicalUnit, Zvol, zvol_of_device
from ansible_collections.illumos.comstar.plugins.module_utils._sizes import (
    DEFAULT_ALIGNMENT, human, parse_size, parse_volblocksize, round_up)
from ansible_collections.illumos.comstar.plugins.module_utils._state import ZVOL_PREFIX, NodeState
from ansible_collections.illumos.comstar.plugins.module_utils._zvol_props import normalise

# A ZFS dataset path 'pool/volume[/...]': pools start with a letter; components take letters,
# digits, '_', '-', '.', ':' (no '@' or '#': those name snapshots and bookmarks).
ZVOL_RE = re.compile(r'^[A-Za-z][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)+$')
# create-lu -p names (reference 2.4) for each option; wcd is the inverse of write_cache.
PROP_NAMES = (('alias', 'alias'), ('block_size', 'blk'), ('guid', 'guid'), ('mgmt_url', 'mgmt-url'),
              ('product_id', 'pid'), ('serial', 'serial'), ('vendor_id', 'vid'), ('write_protect', 'wp'))
# modify-lu changes only these (reference 2.6); everything else is fixed at creation.
MUTABLE = ('alias', 'mgmt_url', 'write_cache', 'write_protect')
# option -> (LogicalUnit field, comstar_info key)
FIXED = (('block_size', 'block_size'), ('vendor_id', 'vendor_id'), ('product_id', 'product_id'), ('serial', 'serial'))
INFO_KEY = {'alias': 'alias', 'mgmt_url': 'management_url', 'write_cache': 'writeback_cache', 'write_protect': 'write_protect'}
LIMITS = (('alias', 255), ('mgmt_url', 1024), ('vendor_id', 8), ('product_id', 16), ('serial', 252))


class LuPlanner(Planner):
    key = 'lu'

    def __init__(self, params: dict[str, t.Any], node: str = 'this node') -> None:
        super().__init__(params)
        self.node = node
        self.guid: str | None = None
        self.size: int | None = None
        self.requested_size: int | None = None
        self.volblocksize: int | None = None
        self.zvol_properties: dict[str, str] | None = None
        self.imports = False
        self._plan = Plan()
        self.data_file, self.zvol_name = self._identity()
        self.pool = self.zvol_name.split('/')[0] if self.zvol_name else None
        # one read: LUs with their views, and the volumes of this LU's pool only
        self.subsets = ('logical_units', 'views', 'zvols', 'cluster') if self.pool else ('logical_units', 'views')
        if self.pool and params.get('zvol_properties') is not None:
            self.subsets += ('zvol_properties',)
        self.pools = (self.pool,) if self.pool else ()

    def views_of(self, lu: LogicalUnit) -> bool:
        # only this LU's views are returned; the other LUs' views are not this module's business
        return lu.data_file == self.data_file or (self.params.get('guid') or '').upper() == lu.guid

    def _identity(self) -> tuple[str, str | None]:
        zvol, data_file = self.params.get('zvol'), self.params.get('data_file')
        if zvol:
            return ZVOL_PREFIX + zvol.strip('/'), zvol.strip('/')
        return data_file or '', zvol_of_device(data_file)

    # -- input -------------------------------------------------------------------------------
    def validate(self) -> None:
        params = self.params
        if self.zvol_name is not None and not ZVOL_RE.match(self.zvol_name):
            raise PlanError("zvol %r is not a ZFS volume name: write 'pool/volume' (letters, digits, '_', '-', '.', ':')"
                            % (params.get('zvol') or self.zvol_name))
        if not self.data_file.startswith('/'):
            raise PlanError('data_file %r must be an absolute path' % self.data_file)
        if params.get('guid') is not None:
            self.guid = check_guid(params['guid'])
        for option, limit in LIMITS:
            check_length(params.get(option), limit, option)
            # `-p alias=` has no value and stmfadm refuses it (reference 2.4); an empty mgmt_url means "none"
            if params.get(option) == '' and option != 'mgmt_url':
                raise PlanError('%s cannot be empty: stmfadm -p needs a value' % option)
            # stmfadm splits -p on '=' with strtok, so a value cannot hold one (reference 2.4)
            if '=' in (params.get(option) or ''):
                raise PlanError("%s %r cannot contain '=': stmfadm cuts a property value at the first '='" % (option, params[option]))
        block_size = params.get('block_size')
        if block_size is not None and not 0 < block_size <= 65535:
            raise PlanError('block_size %r must be a number of bytes from 1 to 65535 (stmfadm -p blk)' % block_size)
        if params.get('volblocksize') is not None:
            if self.zvol_name is None:
                raise PlanError('volblocksize applies to a zvol only, not to the file %s' % self.data_file)
            self.volblocksize = parse_volblocksize(params['volblocksize'])
        if params.get('size') is not None:
            self.requested_size = parse_size(params['size'])
        if params.get('zvol_properties') is not None:
            if self.zvol_name is None:
                raise PlanError('zvol_properties apply to a zvol only, not to the file %s' % self.data_file)
            self.zvol_properties = normalise(params['zvol_properties'])

    # -- plan --------------------------------------------------------------------------------
    def plan(self, state: NodeState) -> Plan:
        self._require_pool(state)
        lu = self._find(state)
        plan = self._plan = Plan(before=self._info(state, lu))
        if self.params['state'] == 'absent':
            self._plan_absent(state, lu, plan)
            return plan
        if lu is not None:
            self._refuse_fixed(lu)
        zvol = state.zvol(self.zvol_name) if self.zvol_name else None
        created = self._plan_zvol(zvol, lu, plan)
        if zvol is not None:
            self._plan_properties(state, zvol, plan)
        if lu is None:
            self._plan_new_lu(plan, import_first=self.zvol_name is not None and not created)
        else:
            self._plan_modify(lu, plan)
        plan.after = self._projected(plan.before)
        return plan

    def _require_pool(self, state: NodeState) -> None:
        """zvols and the LUs on them live only where the pool is imported (DESIGN.md section 3)."""
        if self.pool is None or self.pool in (state.pools or ()):
            return
        where = ''
        service_node = (state.rsf1_services or {}).get(self.pool)
        if service_node:
            where = '; RSF-1 reports service %s on %s - run this there' % (self.pool, service_node)
        raise PlanError('pool %s is not imported on node %s (zpool list shows: %s): the zvol %s and its logical unit '
                        'can be managed only on the node where the pool is imported%s'
                        % (self.pool, self.node, ', '.join(state.pools or ()) or 'no pool', self.zvol_name, where))

    def _find(self, state: NodeState) -> LogicalUnit | None:
        lu = state.lu_by_data_file(self.data_file)
        if self.guid is None:
            return lu
        if lu is not None and lu.guid != self.guid:
            raise PlanError('logical unit on %s has GUID %s, requested guid %s: the GUID is fixed at creation '
                            '(delete the LU to recreate it with another GUID)' % (self.data_file, lu.guid, self.guid))
        other = state.lu(self.guid)
        if lu is None and other is not None and other.data_file:
            raise PlanError('guid %s is already used by the logical unit on %s, not %s' % (self.guid, other.data_file, self.data_file))
        return lu

    def _refuse_fixed(self, lu: LogicalUnit) -> None:
        if lu.standby:
            raise PlanError('logical unit %s is in ALUA standby on node %s: its properties are hidden here (reference 2.8); '
                            'manage it on the active node' % (lu.guid, self.node))
        for option, field in FIXED:
            wanted, current = self.params.get(option), getattr(lu, field)
            if wanted is not None and wanted != current:
                raise PlanError('logical unit %s (%s): %s is fixed at creation - it is %r, requested %r; '
                                'stmfadm modify-lu can change only alias, mgmt_url, write_cache, write_protect and the size'
                                % (lu.guid, self.data_file, option, current, wanted))

    def _alignment(self, zvol: Zvol | None) -> int:
        alignment = self.volblocksize or DEFAULT_ALIGNMENT
        return max(alignment, zvol.volblocksize) if zvol else alignment

    def _rounded(self, zvol: Zvol | None, plan: Plan) -> int:
        requested = self.requested_size or 0
        size = round_up(requested, self._alignment(zvol))
        if size != requested:
            plan.warnings.append('size %s rounded up to %s, a multiple of the volume block size %d (illumos zfs takes no other size)'
                                 % (human(requested), human(size), self._alignment(zvol)))
        return size

    def _plan_zvol(self, zvol: Zvol | None, lu: LogicalUnit | None, plan: Plan) -> bool:
        """Create or grow the zvol; True when this plan creates it."""
        if self.zvol_name is None:
            self.size = self.requested_size
            return False
        if zvol is None:
            if lu is not None:
                raise PlanError('logical unit %s uses %s but zfs lists no volume %s' % (lu.guid, self.data_file, self.zvol_name))
            if self.requested_size is None:
                raise PlanError('zvol %s does not exist on node %s: give size to create it' % (self.zvol_name, self.node))
            self.size = self._rounded(None, plan)
            # properties given at creation: zfs create -o PROP=VALUE (reference 4.1)
            extra = {'props': dict(self.zvol_properties)} if self.zvol_properties else {}
            plan.add('create_zvol', name=self.zvol_name, size=self.size, sparse=bool(self.params.get('sparse')),
                     volblocksize=self.volblocksize, **extra)
            return True
        if self.volblocksize is not None and self.volblocksize != zvol.volblocksize:
            raise PlanError('zvol %s: volblocksize is fixed at creation - it is %d, requested %d'
                            % (self.zvol_name, zvol.volblocksize, self.volblocksize))
        if self.requested_size is None:
            return False
        self.size = zvol.volsize
        if zvol.volsize >= self.requested_size:
            # within the rounding slack of what was asked: nothing to do; beyond it: a shrink
            if zvol.volsize > round_up(self.requested_size, self._alignment(zvol)):
                raise PlanError('zvol %s is %s, larger than the requested size %s: the module never shrinks a volume '
                                '(it would destroy data)' % (self.zvol_name, human(zvol.volsize), human(self.requested_size)))
            return False
        self.size = self._rounded(zvol, plan)
        plan.add('set_volsize', name=self.zvol_name, size=self.size)
        return False

    def _local_properties(self, state: NodeState) -> dict[str, str]:
        if state.zvol_properties is None:
            raise PlanError('the properties of zvol %s were not read on node %s' % (self.zvol_name, self.node))
        return state.zvol_properties.get(self.zvol_name or '', {})

    def _plan_properties(self, state: NodeState, zvol: Zvol, plan: Plan) -> None:
        """zfs set for each listed property whose locally set value differs (compared as zfs get -p prints it)."""
        if not self.zvol_properties:
            return
        local = self._local_properties(state)
        volsize = max(zvol.volsize, self.size or 0)
        reserved = self.zvol_properties.get('refreservation')
        if reserved is not None and local.get('refreservation') != reserved and int(reserved) > volsize:
            # zfs refuses it on an existing volume (libzfs_dataset.c zfs_valid_proplist)
            raise PlanError("zvol %s: refreservation %s is greater than the volume size %s: ZFS refuses it "
                            "('refreservation' is greater than current volume size)" % (self.zvol_name, human(int(reserved)), human(volsize)))
        for name, value in self.zvol_properties.items():
            if local.get(name) != value:
                plan.add('set_zvol_property', name=self.zvol_name, property=name, value=value)

    def _props(self, options: t.Iterable[str]) -> dict[str, t.Any]:
        props = {name: self.params[option] for option, name in PROP_NAMES
                 if option in options and self.params.get(option) is not None and self.params[option] != ''}
        if 'guid' in props:
            props['guid'] = self.guid
        if 'write_cache' in options and self.params.get('write_cache') is not None:
            props['wcd'] = not self.params['write_cache']
        return props

    def _plan_new_lu(self, plan: Plan, import_first: bool) -> None:
        props = self._props([option for option, _name in PROP_NAMES] + ['write_cache'])
        size = None if self.zvol_name else self.size
        if import_first:
            # An existing zvol without a registered LU (after a failover): import-lu keeps the GUID kept on
            # the zvol; create-lu runs only when import-lu says the zvol holds no LU metadata (rsf1-and-pools 5).
            self.imports = True
            plan.add('import_lu', data_file=self.data_file, or_create=True)
            plan.add('create_lu', data_file=self.data_file, props=props, size=size, fallback=True)
        else:
            plan.add('create_lu', data_file=self.data_file, props=props, size=size)

    def _plan_modify(self, lu: LogicalUnit, plan: Plan) -> None:
        changes = [option for option in MUTABLE if self.params.get(option) is not None
                   and self._current_value(lu, option) != self._wanted_value(option)]
        if 'mgmt_url' in changes and not self.params['mgmt_url']:
            raise PlanError('logical unit %s: mgmt_url %r cannot be cleared - stmfadm refuses `-p mgmt-url=` without a value '
                            '(reference 2.4); give another URL, or delete and recreate the LU' % (lu.guid, lu.management_url))
        props = self._props(changes)
        if self.zvol_name is None and self.size is not None and lu.size is not None and lu.size > self.size:
            raise PlanError('logical unit %s on %s is %s, larger than the requested size %s: the module never shrinks it'
                            % (lu.guid, self.data_file, human(lu.size), human(self.size)))
        # the LU learns a grown size with modify-lu -s, after zfs set volsize (reference 2.6); a run
        # that failed between the two is finished here
        size = self.size if self.size is not None and (lu.size is None or lu.size < self.size) else None
        if props or size is not None:
            plan.add('modify_lu', guid=lu.guid, props=props, size=size)

    @staticmethod
    def _normal(option: str, value: t.Any) -> t.Any:
        """An empty management URL is the same as none ('not set' in list-lu)."""
        return (value or None) if option == 'mgmt_url' else value

    def _current_value(self, lu: LogicalUnit, option: str) -> t.Any:
        return self._normal(option, getattr(lu, INFO_KEY[option]))

    def _wanted_value(self, option: str) -> t.Any:
        return self._normal(option, self.params[option])

    def _plan_absent(self, state: NodeState, lu: LogicalUnit | None, plan: Plan) -> None:
        if lu is not None:
            plan.add('delete_lu', guid=lu.guid, keep_views=bool(self.params.get('keep_views')))
        # delete-lu first: sbd holds the zvol while the LU exists (reference 4.2, 8 teardown order)
        if self.params.get('destroy_zvol') and self.zvol_name and state.zvol(self.zvol_name):
            plan.add('destroy_zvol', name=self.zvol_name)

    # -- objects -----------------------------------------------------------------------------
    def _info(self, state: NodeState, lu: LogicalUnit | None) -> dict[str, t.Any] | None:
        if lu is None:
            return None
        info = lu_info(lu, (state.views or {}).get(lu.guid, ()))
        if self.zvol_properties is not None and state.zvol_properties is not None:
            # the listed properties only, as zfs get -p shows them where set on the zvol itself (None: not set there)
            local = state.zvol_properties.get(self.zvol_name or '', {})
            info['zvol_properties'] = {name: local.get(name) for name in sorted(self.zvol_properties)}
        return info

    def _projected(self, before: dict[str, t.Any] | None) -> dict[str, t.Any]:
        """The LU as planned (check mode, diff); None stands for what only the node can tell (a new GUID)."""
        after = dict(before) if before else {
            'guid': self.guid, 'alias': self.data_file, 'data_file': self.data_file, 'zvol': self.zvol_name, 'size': None,
            'block_size': None, 'operational_status': None, 'access_state': None, 'provider': 'sbd', 'meta_file': None,
            'management_url': None, 'vendor_id': None, 'product_id': None, 'serial': None, 'write_protect': None,
            'writeback_cache': None, 'views': []}
        for option in MUTABLE + ('block_size', 'vendor_id', 'product_id', 'serial'):
            if self.params.get(option) is not None:
                after[INFO_KEY.get(option, option)] = self._normal(option, self.params[option])
        if self.size is not None:
            after['size'] = max(self.size, after['size'] or 0)
        if self.zvol_properties is not None:
            after['zvol_properties'] = dict(sorted(self.zvol_properties.items()))
        return after

    def current(self, state: NodeState, applier: Applier | None) -> dict[str, t.Any] | None:
        return self._info(state, state.lu_by_data_file(self.data_file))

    def verify(self, state: NodeState, after: dict[str, t.Any] | None) -> list[str]:
        if self.params['state'] == 'absent':
            problems = [] if after is None else ['logical unit %s on %s still exists' % (after['guid'], self.data_file)]
            if self.params.get('destroy_zvol') and self.zvol_name and state.zvol(self.zvol_name):
                problems.append('zvol %s still exists' % self.zvol_name)
            return problems
        if after is None:
            return ['no logical unit is registered on %s' % self.data_file]
        problems = ['guid is %s, requested %s' % (after['guid'], self.guid)] if self.guid and after['guid'] != self.guid else []
        problems += ['%s is %r, requested %r' % (option, after[key], self.params[option])
                     for option, key in FIXED if self.params.get(option) is not None and after[key] != self.params[option]]
        drift = ['%s is %r, requested %r' % (option, after[INFO_KEY[option]], self.params[option]) for option in MUTABLE
                 if self.params.get(option) is not None and self._normal(option, after[INFO_KEY[option]]) != self._wanted_value(option)]
        if self.size is not None and (after['size'] or 0) < self.size:
            drift.append('size is %s, requested %s' % (after['size'], self.size))
        shown = after.get('zvol_properties') or {}
        problems += ['zvol property %s is %r, requested %r' % (name, shown.get(name), value)
                     for name, value in sorted((self.zvol_properties or {}).items()) if shown.get(name) != value]
        if drift and self.imports:
            # import-lu brings back the properties stored on the zvol; the next run changes the rest
            self._plan.warnings.append('logical unit %s was imported with its stored properties; %s - run again to change them'
                                       % (after['guid'], '; '.join(drift)))
            return problems
        return problems + drift
