# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: pure parsers turning COMSTAR, ZFS, SMF and RSF-1 CLI text into records."""
from __future__ import annotations

import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults,
    Group,
    Initiator,
    LogicalUnit,
    SbdLu,
    StmfState,
    StmfTarget,
    Target,
    Tpg,
    TpgTag,
    View,
    Zvol,
)

# "The reference" below is the project's CLI reference (illumos-cli.md) unless
# rsf1-and-pools.md is named. Every parser is pure: text in, records out. An
# unknown line is reported through ``warn`` and skipped, never raised.

Warn = t.Optional[t.Callable[[str], None]]

# Spellings COMSTAR uses for "no value" (DESIGN.md section 2).
_UNSET = frozenset(('not set', '-', '<none>', 'unset', ''))
# Shown for an sbd property on an ALUA standby node, and for any other failure
# to read one (reference 2.8).
_STANDBY = 'prop unavailable in standby'
_PROP_ERROR = '<error retrieving property>'
_INHERITED = '(defaults)'


class _Unparsable(ValueError):
    """A value that does not fit its field; the caller warns and stores None."""


# ---------------------------------------------------------------------------
# small helpers


def _lines(text: str) -> list[str]:
    """Split command output into lines without their newline (str.splitlines would also split on form feeds)."""
    if not text:
        return []
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    return [line[:-1] if line.endswith('\r') else line for line in lines]


def _emit(warn: Warn, command: str, line: str, why: str = 'unknown line skipped') -> None:
    if warn is not None:
        warn(f'{command}: {why}: {line!r}')


def _label_value(line: str) -> tuple[str, str]:
    """Split '    Label    : value' into ('label', 'value'); the label is lowercased and stripped.

    Only the single blank after the colon is removed, so padded values (Vendor
    ID, Product ID) still carry their padding here (reference 2.8).
    """
    label, _sep, rest = line.partition(':')
    if rest.startswith(' '):
        rest = rest[1:]
    return label.strip().lower(), rest


def _tab_label_value(line: str) -> tuple[str, str]:
    """Split itadm's '\\t%-20s\\t%s' detail lines into ('label', 'value'), label without its colon.

    Transcripts that lost their TABs (spaces only) are accepted too.
    """
    body = line.lstrip(' \t')
    if '\t' in body:
        label, _sep, value = body.partition('\t')
    else:
        label, _sep, value = body.partition(':')
        label += ':'
    label = label.strip()
    if label.endswith(':'):
        label = label[:-1]
    return label.strip().lower(), value


def _text(value: str) -> str | None:
    stripped = value.strip()
    return None if stripped in _UNSET else stripped


def _integer(value: str) -> int | None:
    stripped = value.strip()
    if stripped in _UNSET or stripped.lower() == 'unknown':
        return None
    if not re.match(r'^-?\d+$', stripped):
        raise _Unparsable(value)
    return int(stripped)


def _enabled(value: str) -> bool | None:
    stripped = value.strip().lower()
    if stripped in _UNSET:
        return None
    if stripped == 'enabled':
        return True
    if stripped == 'disabled':
        return False
    raise _Unparsable(value)


def _set_flag(value: str) -> bool:
    return value.strip().lower() == 'set'


def _lu_alias(value: str) -> str | None:
    # Reported as listed: COMSTAR shows the data file when no alias was set
    # (reference 2.4); only '-' (empty alias) means none.
    return None if value.strip() in _UNSET else value


def _lu_provider(value: str) -> str | None:
    # An unregistered GUID shows 'unregistered' (or 'unknown') here instead
    # of a provider (reference 2.8).
    stripped = value.strip()
    if stripped in _UNSET or stripped in ('unregistered', 'unknown'):
        return None
    return stripped


def _auth(value: str) -> tuple[str | None, bool]:
    """itadm prints auth as '%s %s': 'none (defaults)' when inherited, else e.g. 'chap ' (reference 3.7)."""
    stripped = value.strip()
    inherited = stripped.endswith(_INHERITED)
    if inherited:
        stripped = stripped[:-len(_INHERITED)].strip()
    return (None if stripped in _UNSET else stripped), inherited


def _tpg_tags(value: str, warn: Warn, command: str) -> tuple[TpgTag, ...]:
    """'tpg1 = 2,tpg2 = 3' or 'default' (reference 3.7)."""
    stripped = value.strip()
    if stripped in _UNSET or stripped == 'default':
        return ()
    tags = []
    for pair in stripped.split(','):
        name, equals, tag = pair.rpartition('=')
        name = name.strip()
        if not equals or not name or not re.match(r'^\d+$', tag.strip()):
            _emit(warn, command, pair, 'unparsable tpg-tag skipped')
            continue
        tags.append(TpgTag(name=name, tag=int(tag.strip())))
    return tuple(sorted(tags, key=lambda item: (item.name, item.tag)))


def _convert(converter: t.Callable[[str], t.Any], value: str, warn: Warn, command: str, line: str) -> t.Any:
    try:
        return converter(value)
    except _Unparsable:
        _emit(warn, command, line, 'unparsable value ignored')
        return None


# ---------------------------------------------------------------------------
# stmfadm


_LU_FIELDS: dict[str, tuple[str, t.Callable[[str], t.Any]]] = {
    'operational status': ('operational_status', _text),
    'provider name': ('provider', _lu_provider),
    'alias': ('alias', _lu_alias),
    'view entry count': ('view_entry_count', _integer),
    'data file': ('data_file', _text),
    'meta file': ('meta_file', _text),
    'size': ('size', _integer),
    'block size': ('block_size', _integer),
    'management url': ('management_url', _text),
    # Padded to 8 and 16 characters in the listing (reference 2.8).
    'vendor id': ('vendor_id', _text),
    'product id': ('product_id', _text),
    'serial num': ('serial', _text),
    'write protect': ('write_protect', _enabled),
    # The listing already inverts wcd into "Writeback Cache" (reference 2.8).
    'writeback cache': ('writeback_cache', _enabled),
    'access state': ('access_state', _text),
}
_LU_NAME = 'LU Name:'


def _logical_unit(guid: str, fields: dict[str, t.Any]) -> LogicalUnit:
    values: dict[str, t.Any] = {name: None for name, _converter in _LU_FIELDS.values()}
    values.update(fields)
    return LogicalUnit(guid=guid, **values)


def parse_stmfadm_list_lu(text: str, warn: Warn = None) -> tuple[LogicalUnit, ...]:
    """Parse ``stmfadm list-lu -v`` (reference 2.8); plain ``list-lu`` gives records whose fields are None.

    Sorted by GUID. An unregistered GUID (it exists only through view entries)
    prints only its first four lines and keeps ``operational_status='unregistered'``.
    """
    command = 'stmfadm list-lu'
    units: list[tuple[str, dict[str, t.Any]]] = []
    for line in _lines(text):
        if not line.strip():
            continue
        if line.startswith(_LU_NAME):
            guid = line[len(_LU_NAME):].strip().upper()
            units.append((guid, {}))
            continue
        label, value = _label_value(line)
        if not units or not line[:1].isspace() or label not in _LU_FIELDS:
            _emit(warn, command, line)
            continue
        fields = units[-1][1]
        field, converter = _LU_FIELDS[label]
        if value.strip() == _STANDBY:
            fields['standby'] = True
            fields[field] = None
        elif value.strip() == _PROP_ERROR:
            fields[field] = None
        else:
            fields[field] = _convert(converter, value, warn, command, line)
    return tuple(sorted((_logical_unit(guid, fields) for guid, fields in units), key=lambda lu: lu.guid))


_VIEW_ENTRY = 'View Entry:'


def _view_group(value: str) -> str | None:
    # 'All' is how COMSTAR shows an omitted -h/-t (reference 2.11); a group that
    # is really named 'All' cannot be told apart in the listing.
    stripped = value.strip()
    return None if stripped.lower() == 'all' or stripped in _UNSET else stripped


def _view_lun(value: str) -> int | None:
    # Oracle Solaris 11 shows an automatic LUN as 'Auto' (reference 2.11, 7).
    if value.strip().lower() == 'auto':
        return None
    return _integer(value)


_VIEW_FIELDS: dict[str, tuple[str, t.Callable[[str], t.Any]]] = {
    'host group': ('host_group', _view_group),
    # illumos prints 'Target group', Oracle Solaris 11 'Target Group'; labels
    # are compared lowercased.
    'target group': ('target_group', _view_group),
    'lun': ('lun', _view_lun),
}


def parse_stmfadm_list_view(text: str, warn: Warn = None) -> tuple[View, ...]:
    """Parse ``stmfadm list-view -l GUID`` (reference 2.11), illumos and Oracle Solaris 11 labels; sorted by entry."""
    command = 'stmfadm list-view'
    entries: list[dict[str, t.Any]] = []
    for line in _lines(text):
        if not line.strip():
            continue
        if line.startswith(_VIEW_ENTRY):
            try:
                entry = _integer(line[len(_VIEW_ENTRY):])
            except _Unparsable:
                entry = None
            if entry is None:
                _emit(warn, command, line, 'unparsable view entry skipped')
                entries.append({'skip': True})
            else:
                entries.append({'entry': entry})
            continue
        label, value = _label_value(line)
        if not entries or label not in _VIEW_FIELDS:
            _emit(warn, command, line)
            continue
        field, converter = _VIEW_FIELDS[label]
        entries[-1][field] = _convert(converter, value, warn, command, line)
    views = [
        View(entry=item['entry'], host_group=item.get('host_group'), target_group=item.get('target_group'), lun=item.get('lun'))
        for item in entries if 'skip' not in item
    ]
    return tuple(sorted(views, key=lambda view: view.entry))


_GROUP_HEADERS = ('Host Group:', 'Target Group:')
_MEMBER = 'Member:'


def parse_stmfadm_groups(text: str, warn: Warn = None) -> tuple[Group, ...]:
    """Parse ``stmfadm list-hg -v`` or ``stmfadm list-tg -v`` (reference 2.9); groups and members sorted.

    Members are kept as listed: COMSTAR stores them canonical (iqn lowercase,
    eui/wwn uppercase).
    """
    command = 'stmfadm list-hg/list-tg'
    groups: list[tuple[str, list[str]]] = []
    for line in _lines(text):
        # Leading blanks are tolerated: transcripts re-indent these lines.
        body = line.strip()
        if not body:
            continue
        header = next((prefix for prefix in _GROUP_HEADERS if body.startswith(prefix)), None)
        if header is not None:
            groups.append((body[len(header):].strip(), []))
        elif body.startswith(_MEMBER) and groups:
            groups[-1][1].append(body[len(_MEMBER):].strip())
        else:
            _emit(warn, command, line)
    return tuple(sorted((Group(name=name, members=tuple(sorted(members))) for name, members in groups), key=lambda group: group.name))


_TARGET_NAME = 'Target:'
_STMF_TARGET_FIELDS: dict[str, tuple[str, t.Callable[[str], t.Any]]] = {
    'operational status': ('operational_status', _text),
    # An empty provider name leaves the line ending in ': ' (reference 2.13).
    'provider name': ('provider', _text),
    'alias': ('alias', _text),
    'protocol': ('protocol', _text),
    'sessions': ('sessions', _integer),
}
# Session detail lines are indented by eight spaces or more (reference 2.13).
_SESSION_INDENT = 8


def parse_stmfadm_list_target(text: str, warn: Warn = None) -> tuple[StmfTarget, ...]:
    """Parse ``stmfadm list-target -v`` (reference 2.13); per-session lines are skipped; sorted by name."""
    command = 'stmfadm list-target'
    targets: list[tuple[str, dict[str, t.Any]]] = []
    for line in _lines(text):
        if not line.strip():
            continue
        if line.startswith(_TARGET_NAME):
            targets.append((line[len(_TARGET_NAME):].strip(), {}))
            continue
        indent = len(line) - len(line.lstrip(' '))
        if targets and indent >= _SESSION_INDENT:
            continue
        label, value = _label_value(line)
        if not targets or indent == 0 or label not in _STMF_TARGET_FIELDS:
            _emit(warn, command, line)
            continue
        field, converter = _STMF_TARGET_FIELDS[label]
        targets[-1][1][field] = _convert(converter, value, warn, command, line)
    records = []
    for name, fields in targets:
        records.append(StmfTarget(
            name=name,
            operational_status=fields.get('operational_status'),
            provider=fields.get('provider'),
            alias=fields.get('alias'),
            protocol=fields.get('protocol'),
            sessions=fields.get('sessions') or 0,
        ))
    return tuple(sorted(records, key=lambda target: target.name))


_STATE_FIELDS = {
    'operational status': 'operational',
    'config status': 'config',
    'alua status': 'alua',
    'alua node': 'alua_node',
}


def parse_stmfadm_list_state(text: str) -> StmfState:
    """Parse ``stmfadm list-state`` (reference 2.15): four unindented '%-18s: ' lines, lowercase values.

    ``alua_node`` is None when listed as 'unknown'. Unknown lines are ignored;
    a missing status line raises ValueError (the output is not list-state's).
    """
    fields: dict[str, str] = {}
    for line in _lines(text):
        label, value = _label_value(line)
        if label in _STATE_FIELDS:
            fields[_STATE_FIELDS[label]] = value.strip()
    missing = [label for label, field in _STATE_FIELDS.items() if field not in fields]
    if missing:
        raise ValueError(f"stmfadm list-state: missing {', '.join(missing)} in {text!r}")
    try:
        alua_node = _integer(fields['alua_node'])
    except _Unparsable:
        alua_node = None
    return StmfState(operational=fields['operational'], config=fields['config'], alua=fields['alua'], alua_node=alua_node)


# A row is '%s  %-19s  %s': lowercase GUID, size, data file (reference 2.16).
_SBD_ROW = re.compile(r'^([0-9A-Fa-f]{32})\s+(\d+)\s+(\S.*)$')


def parse_sbdadm_list_lu(text: str) -> tuple[SbdLu, ...]:
    """Parse ``sbdadm list-lu`` (reference 2.16); GUIDs uppercased, sorted by GUID.

    The 'Found N LU(s)' line, the column titles, the rule and blank lines are
    skipped, so transcripts that dropped the blank lines parse the same.
    """
    rows = []
    for line in _lines(text):
        match = _SBD_ROW.match(line)
        if match:
            rows.append(SbdLu(guid=match.group(1).upper(), size=int(match.group(2)), data_file=match.group(3).rstrip()))
    return tuple(sorted(rows, key=lambda row: row.guid))


# ---------------------------------------------------------------------------
# itadm


_TARGET_DETAILS = {
    'alias': 'alias',
    'auth': 'auth',
    'targetchapuser': 'chap_user',
    'targetchapsecret': 'chap_secret',
    'tpg-tags': 'tpgs',
}


# Name, state and session count; names and states hold no blanks, the count is '%d'.
_TARGET_ROW = re.compile(r'^(\S+)\s+(\S+)\s+(\d+)\s*$')


def _target(name: str, state: str, sessions: int, details: dict[str, str], warn: Warn, command: str) -> Target:
    auth, inherited = _auth(details.get('auth', ''))
    return Target(
        name=name,
        state=_text(state),
        sessions=sessions,
        alias=_text(details.get('alias', '')),
        auth=auth,
        auth_inherited=inherited,
        chap_user=_text(details.get('chap_user', '')),
        chap_secret_set=_set_flag(details.get('chap_secret', '')),
        tpgs=_tpg_tags(details.get('tpgs', ''), warn, command),
    )


def _itadm_targets_parsable(text: str, warn: Warn, command: str) -> list[Target]:
    targets = []
    for line in _lines(text):
        if not line.strip():
            continue
        fields = line.split('\t')
        # 'name\tstate\tsessions', plus five more with -v (reference 3.7).
        if len(fields) not in (3, 8) or not _TARGET_ROW.match(' '.join(fields[:3])):
            _emit(warn, command, line, 'line without 3 or 8 TAB-separated fields skipped')
            continue
        details = dict(zip(('alias', 'auth', 'chap_user', 'chap_secret', 'tpgs'), fields[3:]))
        targets.append(_target(fields[0], fields[1], int(fields[2]), details, warn, command))
    return targets


def _itadm_targets_human(text: str, warn: Warn, command: str) -> list[Target]:
    rows: list[tuple[str, str, int, dict[str, str]]] = []
    for line in _lines(text):
        if not line.strip() or line.startswith('TARGET NAME'):
            continue
        if not line[:1].isspace():
            # '%-61s' name, a TAB after names longer than 60 characters, then
            # '%-9s%-9d' (reference 3.7): split on whitespace, not at columns.
            match = _TARGET_ROW.match(line)
            if not match:
                _emit(warn, command, line)
                continue
            rows.append((match.group(1), match.group(2), int(match.group(3)), {}))
            continue
        label, value = _tab_label_value(line)
        if not rows or label not in _TARGET_DETAILS:
            _emit(warn, command, line)
            continue
        rows[-1][3][_TARGET_DETAILS[label]] = value
    return [_target(name, state, sessions, details, warn, command) for name, state, sessions, details in rows]


def parse_itadm_list_target(text: str, parsable: bool = True, warn: Warn = None) -> tuple[Target, ...]:
    """Parse ``itadm list-target -p -v`` (``parsable=True``) or the human ``itadm list-target -v`` (reference 3.7).

    The human form is what an itadm without ``-p`` prints (reference 3.2).
    Without ``-v`` the detail fields are None/False and ``tpgs`` is ().
    Sorted by name (itadm lists in configuration order).
    """
    command = 'itadm list-target'
    if parsable:
        targets = _itadm_targets_parsable(text, warn, command)
    else:
        targets = _itadm_targets_human(text, warn, command)
    return tuple(sorted(targets, key=lambda target: target.name))


def _portals(value: str) -> tuple[str, ...]:
    stripped = value.strip()
    if stripped in _UNSET:
        return ()
    # Listing order is the in-memory list order (reference 3.8): compare as sets.
    return tuple(sorted(portal.strip() for portal in stripped.split(',') if portal.strip()))


# '%-30s' for the name, and a TAB only after names longer than 30 characters
# (reference 3.8): a 30-character name runs straight into the count.
_TPG_NAME_WIDTH = 30


def _tpg_row(line: str) -> tuple[str, str] | None:
    if '\t' in line:
        name, _sep, count = line.partition('\t')
        name = name.rstrip(' ')
    else:
        name, count = line[:_TPG_NAME_WIDTH].rstrip(' '), line[_TPG_NAME_WIDTH:]
    count = count.strip()
    if not re.match(r'^\d+$', count):
        # A transcript that lost the padding: fall back to whitespace tokens.
        tokens = line.split()
        if len(tokens) != 2 or not tokens[1].isdigit():
            return None
        name, count = tokens
    return name, count


def _itadm_tpgs_human(text: str, warn: Warn, command: str) -> list[Tpg]:
    rows: list[tuple[str, tuple[str, ...]]] = []
    for line in _lines(text):
        if not line.strip() or line.startswith('TARGET PORTAL GROUP'):
            continue
        if not line[:1].isspace():
            row = _tpg_row(line)
            if row is None:
                _emit(warn, command, line)
            else:
                rows.append((row[0], ()))
            continue
        label, value = _tab_label_value(line)
        if not rows or label != 'portals':
            _emit(warn, command, line)
            continue
        rows[-1] = (rows[-1][0], _portals(value))
    return [Tpg(name=name, portals=portals) for name, portals in rows]


def _itadm_tpgs_parsable(text: str, warn: Warn, command: str) -> list[Tpg]:
    tpgs = []
    for line in _lines(text):
        if not line.strip():
            continue
        fields = line.split('\t')
        # 'name\tcount', plus '\tportal,portal' with -v (reference 3.8).
        if len(fields) not in (2, 3) or not fields[1].strip().isdigit():
            _emit(warn, command, line, 'line without 2 or 3 TAB-separated fields skipped')
            continue
        tpgs.append(Tpg(name=fields[0], portals=_portals(fields[2]) if len(fields) == 3 else ()))
    return tpgs


def parse_itadm_list_tpg(text: str, parsable: bool = True, warn: Warn = None) -> tuple[Tpg, ...]:
    """Parse ``itadm list-tpg -p -v`` (``parsable=True``) or the human ``itadm list-tpg -v`` (reference 3.8).

    Without ``-v`` the portals are (). Sorted by name; portals sorted.
    """
    command = 'itadm list-tpg'
    if parsable:
        tpgs = _itadm_tpgs_parsable(text, warn, command)
    else:
        tpgs = _itadm_tpgs_human(text, warn, command)
    return tuple(sorted(tpgs, key=lambda tpg: tpg.name))


# '%-61s' name (TAB after >60 characters), '%-15s' chap user (TAB at 15 or
# more), '%-4s' secret (reference 3.9): the name and the secret have no blanks,
# the chap user is whatever lies between them.
_INITIATOR_ROW = re.compile(r'^(\S+)[ \t]+(.*?)[ \t]+(set|unset)[ \t]*$')


def parse_itadm_list_initiator(text: str, parsable: bool = True, warn: Warn = None) -> tuple[Initiator, ...]:
    """Parse ``itadm list-initiator -p`` (``parsable=True``) or the human ``itadm list-initiator`` (reference 3.9).

    ``-v`` adds nothing to either form. Sorted by name.
    """
    command = 'itadm list-initiator'
    initiators = []
    for line in _lines(text):
        if not line.strip() or (not parsable and line.startswith('INITIATOR NAME')):
            continue
        if parsable:
            fields = line.split('\t')
            if len(fields) != 3 or not fields[0].strip() or fields[2].strip() not in ('set', 'unset'):
                _emit(warn, command, line, 'line without 3 TAB-separated fields skipped')
                continue
        else:
            match = _INITIATOR_ROW.match(line)
            if not match:
                _emit(warn, command, line)
                continue
            fields = list(match.groups())
        initiators.append(Initiator(name=fields[0], chap_user=_text(fields[1]), chap_secret_set=_set_flag(fields[2])))
    return tuple(sorted(initiators, key=lambda initiator: initiator.name))


_DEFAULT_FIELDS = ('alias', 'auth', 'radiusserver', 'radiussecret', 'isns', 'isnsserver')


def parse_itadm_list_defaults(text: str, parsable: bool = True) -> Defaults:
    """Parse ``itadm list-defaults -p`` (``parsable=True``) or the human ``itadm list-defaults`` (reference 3.10).

    Unset values ('<none>', 'unset') become None/False; iSNS servers keep
    their listed order. Unknown lines are ignored; missing fields are unset.
    """
    values: dict[str, str] = {}
    for line in _lines(text):
        if not line.strip():
            continue
        if parsable:
            fields = line.split('\t')
            # 'alias\tauth\tradiusserver\tradiussecret\tisns\tisnsservers' (reference 3.10).
            if len(fields) == len(_DEFAULT_FIELDS):
                values = dict(zip(_DEFAULT_FIELDS, fields))
            continue
        label, value = _tab_label_value(line)
        if label in _DEFAULT_FIELDS:
            values[label] = value
    servers = _text(values.get('isnsserver', ''))
    return Defaults(
        alias=_text(values.get('alias', '')),
        auth=_text(values.get('auth', '')),
        radius_server=_text(values.get('radiusserver', '')),
        radius_secret_set=_set_flag(values.get('radiussecret', '')),
        isns=values.get('isns', '').strip().lower() == 'enabled',
        isns_servers=tuple(server.strip() for server in servers.split(',') if server.strip()) if servers else (),
    )


# ---------------------------------------------------------------------------
# zfs, zpool, svcs, rsfcli


def parse_zfs_volumes(text: str, warn: Warn = None) -> tuple[Zvol, ...]:
    """Parse ``zfs list -Hp -o name,volsize,volblocksize -t volume [-r POOL]`` (reference 4.2); sorted by name."""
    command = 'zfs list'
    volumes = []
    for line in _lines(text):
        if not line.strip():
            continue
        # -H: one TAB between fields (reference 4.2); -p: exact byte counts.
        fields = line.split('\t')
        if len(fields) != 3 or not fields[1].strip().isdigit() or not fields[2].strip().isdigit():
            _emit(warn, command, line, 'line without name, volsize, volblocksize skipped')
            continue
        volumes.append(Zvol(name=fields[0], volsize=int(fields[1]), volblocksize=int(fields[2])))
    return tuple(sorted(volumes, key=lambda volume: volume.name))


def parse_zfs_values(text: str) -> tuple[str, ...]:
    """Parse ``zfs get -Hp -o value PROP[,PROP] DATASET`` (reference 4.2): one value per line, in the order asked."""
    return tuple(_lines(text))


def parse_zpool_names(text: str) -> tuple[str, ...]:
    """Parse ``zpool list -H -o name [POOL]`` (rsf1-and-pools 3): imported pool names, sorted."""
    return tuple(sorted(line.strip() for line in _lines(text) if line.strip()))


def _svcs_first_state(text: str) -> str:
    for line in _lines(text):
        if line.strip():
            return line.strip()
    return ''


def parse_svcs_state(text: str) -> str | None:
    """Parse ``svcs -H -o state FMRI`` (reference 5): the state without a transition marker.

    svcs appends '*' while a transition is under way ('offline*' gives
    'offline'); ask ``parse_svcs_transition`` for that. '-' (empty) or no
    output gives None. Only the first line counts (one FMRI per call).
    """
    state = _svcs_first_state(text).rstrip('*')
    return None if state in _UNSET else state


def parse_svcs_transition(text: str) -> bool:
    """True when ``svcs -H -o state FMRI`` marks the state with '*': a transition is under way (reference 5)."""
    return _svcs_first_state(text).endswith('*')


def parse_rsfcli_list(text: str, warn: Warn = None) -> dict[str, str | None]:
    """Parse ``rsfcli -i0 list`` (rsf1-and-pools 2): 'SERVICE : NODE' lines -> {service: node or None when '-'}.

    Keys are in sorted order. The layout is known from public scripts only.
    """
    command = 'rsfcli list'
    services: dict[str, str | None] = {}
    for line in _lines(text):
        if not line.strip():
            continue
        service, colon, node = line.rpartition(':')
        if not colon or not service.strip() or not node.strip() or ' ' in node.strip():
            _emit(warn, command, line)
            continue
        services[service.strip()] = _text(node)
    return dict(sorted(services.items()))


# ---------------------------------------------------------------------------
# confirmations, stmfha sections, error classes


# Leading blanks allowed: under stmfha each node's output is indented (rsf1-and-pools 1).
_CREATED_TARGET = re.compile(r'^\s*Target (\S+) successfully (?:created|modified)\s*$', re.MULTILINE)
_CREATED_LU = re.compile(r'^\s*Logical unit (?:created|imported): ?([0-9A-Fa-f]{32})\s*$', re.MULTILINE)


def parse_created_target(stdout: str) -> str:
    """Name from ``itadm create-target`` / ``modify-target`` stdout, 'Target NAME successfully created' (reference 3.4, 3.5).

    It is the only place a generated IQN appears. Raises ValueError if absent.
    """
    match = _CREATED_TARGET.search(stdout or '')
    if not match:
        raise ValueError(f'no "Target ... successfully created" line in {stdout!r}')
    return match.group(1)


def parse_created_lu(stdout: str) -> str:
    """GUID (uppercase) from ``stmfadm create-lu`` / ``import-lu`` stdout (reference 2.4, 2.5). Raises ValueError if absent."""
    match = _CREATED_LU.search(stdout or '')
    if not match:
        raise ValueError(f'no "Logical unit created/imported: GUID" line in {stdout!r}')
    return match.group(1).upper()


_STMFHA_HEADER = re.compile(r'^([A-Za-z0-9][A-Za-z0-9._-]*):$')
# itadm prints 'usage:' alone on a line (reference 3.1); it is never a node.
_NOT_NODES = frozenset(('usage',))
_STMFHA_INDENT = '  '


def _dedent_section(lines: list[str]) -> str:
    if lines and not lines[-1].strip():
        lines = lines[:-1]  # the one blank line that separates sections
    # The indent is assumed (rsf1-and-pools 1: the seed indents messages but
    # not list output), so it is removed only when every line carries it.
    if all(line.startswith(_STMFHA_INDENT) for line in lines if line.strip()):
        lines = [line[len(_STMFHA_INDENT):] if line.strip() else '' for line in lines]
    return ''.join(line + '\n' for line in lines)


def split_stmfha_sections(text: str, nodes: t.Iterable[str] | None = None) -> dict[str, str]:
    """Split stmfha output into {node: that node's output} (rsf1-and-pools 1).

    stmfha prints per node a line 'NODE:', then the node's output indented by
    two spaces, sections separated by one blank line. The indent and the
    separator are removed. With ``nodes`` only those names start a section
    (robust against output lines that look like headers); without it any
    unindented 'word:' line does. Text before the first header, if any, is
    returned under the key ''.
    """
    known = set(nodes) if nodes is not None else None
    sections: dict[str, list[str]] = {}
    current = ''
    preamble: list[str] = []
    for line in _lines(text):
        match = _STMFHA_HEADER.match(line)
        if match and (match.group(1) in known if known is not None else match.group(1) not in _NOT_NODES):
            current = match.group(1)
            sections.setdefault(current, [])
            continue
        (sections[current] if current else preamble).append(line)
    result = {}
    if any(line.strip() for line in preamble):
        result[''] = _dedent_section(preamble)
    for node, lines in sections.items():
        result[node] = _dedent_section(lines)
    return result


# Reference 8, error classification, checked in this order. A dependency that
# blocks a delete is a state conflict: it must be checked before the 'in use'
# of "already exists" ('group is in use by existing view entry', reference 2.9).
_ERROR_CLASSES = (
    ('state', re.compile(r'in use by existing view entry|associated with one or more targets', re.IGNORECASE)),
    ('exists', re.compile(r'already exists|already configured|\bin use\b|view entry exists', re.IGNORECASE)),
    # 'no such pool': zfs and zpool for a pool not imported here (reference 4.1, rsf1-and-pools 3).
    ('not_found', re.compile(r'not found|does not exist|no views found|no such pool', re.IGNORECASE)),
    # 'STMF service offline' is the list-target variant of 'STMF service is offline' (reference 2.13).
    ('state', re.compile(
        r'must be offline|online or busy|STMF service (?:is )?offline|The iSCSI target service must be online',
        re.IGNORECASE)),
)


def classify_error(stderr: str | None) -> str | None:
    """Classify a failed command's stderr as 'exists', 'not_found' or 'state' (reference 8), else None."""
    if not stderr:
        return None
    for error_class, pattern in _ERROR_CLASSES:
        if pattern.search(stderr):
            return error_class
    return None
