# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: canonical names and input checks, applied before anything changes."""

from __future__ import annotations

import ipaddress
import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError

# itadm/libiscsit: `iqn.yyyy-mm.` then letters, digits, '.', '-', ':'; at most 223 (reference 3.4, 2.3).
IQN_RE = re.compile(r'^iqn\.\d{4}-\d{2}\.[A-Za-z0-9.\-:]+$')
HEX16_RE = re.compile(r'^(eui|wwn)\.[0-9A-Fa-f]{16}$')
GUID_RE = re.compile(r'^[0-9A-Fa-f]{32}$')
MAX_ISCSI_NAME = 223
SECRET_MIN, SECRET_MAX = 12, 255
DEFAULT_PORT = 3260


def canonical_name(name: str) -> str:
    """As COMSTAR stores names: iqn. lowercase, eui./wwn. uppercase hex (reference 2.3, 3.4)."""
    lower = name.lower()
    if lower.startswith(('eui.', 'wwn.')):
        return lower[:4] + name[4:].upper()
    if lower.startswith('iqn.'):
        return lower
    return name


def check_iscsi_name(name: str, what: str = 'name', wwn: bool = False) -> str:
    """An iSCSI node name (iqn./eui., and wwn. for host-group members); returns it canonical."""
    canonical = canonical_name(name)
    if canonical.startswith('iqn.') and name.startswith('iqn.'):
        if len(canonical) > MAX_ISCSI_NAME or not IQN_RE.match(canonical):
            raise PlanError("%s %r is not a valid IQN: it must be 'iqn.yyyy-mm.' followed by letters, digits, '.', '-' or ':', "
                            'at most %d characters' % (what, name, MAX_ISCSI_NAME))
        return canonical
    if HEX16_RE.match(canonical) and (wwn or canonical.startswith('eui.')) and name[:4].islower():
        return canonical
    kinds = "'iqn.', 'eui.' or 'wwn.'" if wwn else "'iqn.' or 'eui.'"
    raise PlanError('%s %r is not a valid iSCSI name: it must start with %s (lowercase prefix); eui./wwn. names take exactly 16 hex digits'
                    % (what, name, kinds))


def check_guid(guid: str, what: str = 'guid') -> str:
    if not GUID_RE.match(guid):
        raise PlanError('%s %r is not a logical unit GUID: it must be exactly 32 hexadecimal digits' % (what, guid))
    return guid.upper()


def check_secret(secret: str | None, what: str = 'chap_secret') -> None:
    """itadm accepts 12 to 255 characters (reference 3.3); the value itself is never shown."""
    if secret is not None and not SECRET_MIN <= len(secret) <= SECRET_MAX:
        raise PlanError('%s must be between %d and %d characters long (it has %d)' % (what, SECRET_MIN, SECRET_MAX, len(secret)))


def check_length(value: str | None, limit: int, what: str) -> None:
    if value is not None and len(value) > limit:
        raise PlanError('%s %r is longer than %d characters' % (what, value, limit))


def check_group_name(name: str, what: str) -> str:
    # names are truncated silently past 255 bytes and '*'-prefixed ones are reserved (reference 2.3)
    if not name or len(name.encode('utf-8')) > 255 or name.startswith('*') or any(c.isspace() for c in name):
        raise PlanError('%s %r is not a valid group name: 1 to 255 bytes, no spaces, not starting with "*"' % (what, name))
    return name


def canonical_portal(portal: str) -> str:
    """`ip[:port]` as itadm lists it: port always present (default 3260), IPv6 in brackets (reference 3.8)."""
    text = portal.strip()
    match = re.match(r'^\[([^\]]+)\](?::(\d+))?$', text)
    if match:
        host, port = match.group(1), match.group(2)
        version = 6
    elif text.count(':') <= 1:
        host, _sep, port = text.partition(':')
        port = port or None
        version = 4
    else:
        raise PlanError('portal %r: an IPv6 address must be written in brackets, e.g. [fe80::1]:3260' % portal)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise PlanError('portal %r: %r is not an IP address (write ip[:port], IPv6 as [addr][:port])' % (portal, host)) from None
    if address.version != version:
        raise PlanError('portal %r: an IPv6 address must be written in brackets, e.g. [fe80::1]:3260' % portal)
    number = int(port) if port is not None and port.isdigit() else (DEFAULT_PORT if port is None else -1)
    if not 1 <= number <= 65535:
        raise PlanError('portal %r: the port must be a number from 1 to 65535' % portal)
    return ('[%s]:%d' if version == 6 else '%s:%d') % (address.compressed, number)


def canonical_portals(portals: t.Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({canonical_portal(portal) for portal in portals}))
