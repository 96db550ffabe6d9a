# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: pure parsers turning COMSTAR, ZFS, SMF and RSF-1 CLI text into records."""
from __future__ import annotations

import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Group,
    LogicalUnit,
    SbdLu,
    StmfState,
    StmfTarget,
    View,
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
