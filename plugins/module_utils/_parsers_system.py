# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: pure parsers of zfs, zpool, svcs, rsfcli and stmfha output (text in, records out)."""
from __future__ import annotations

import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Zvol,
)
from ansible_collections.illumos.comstar.plugins.module_utils._parsers import (  # shared helpers
    Warn,
    _UNSET,
    _emit,
    _lines,
    _text,
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


def parse_zfs_local_properties(text: str, warn: Warn = None) -> dict[str, dict[str, str]]:
    """Parse ``zfs get -H -p -o name,property,value -s local -t volume all [-r POOL...]``: {dataset: {property: value}}.

    -H: one line per dataset and property, the fields separated by one TAB (zfs_main.c get_callback,
    libzfs_util.c zprop_print_one_property); -p: numbers exact. A user property's value may hold a TAB
    of its own, so the line is cut at the first two only.
    """
    command = 'zfs get'
    found: dict[str, dict[str, str]] = {}
    for line in _lines(text):
        if not line.strip():
            continue
        fields = line.split('\t', 2)
        if len(fields) != 3 or not fields[0] or not fields[1]:
            _emit(warn, command, line, 'line without name, property, value skipped')
            continue
        found.setdefault(fields[0], {})[fields[1]] = fields[2]
    return {name: dict(sorted(props.items())) for name, props in sorted(found.items())}


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
