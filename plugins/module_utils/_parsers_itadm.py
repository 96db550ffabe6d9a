# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: pure parsers of itadm list and confirmation output (text in, records out)."""
from __future__ import annotations

import re

from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults,
    Initiator,
    Target,
    Tpg,
    TpgTag,
)
from ansible_collections.illumos.comstar.plugins.module_utils._parsers import (  # shared helpers
    Warn,
    _UNSET,
    _emit,
    _lines,
    _set_flag,
    _tab_label_value,
    _text,
)

_INHERITED = '(defaults)'


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
