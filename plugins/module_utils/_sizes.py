# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: human sizes (1G, 512M, 1.5T) to bytes, and rounding to ZFS block sizes."""

from __future__ import annotations

import fractions
import re

from ansible_collections.illumos.comstar.plugins.module_utils._plan import PlanError

KIB = 1024
# illumos zfs refuses a volsize that is not a multiple of the volblocksize (reference 4.1); the seed's
# footnote speaks of 128 KiB, which every valid volblocksize divides, so it is the default alignment.
DEFAULT_ALIGNMENT = 128 * KIB
MIN_VOLBLOCKSIZE = 512
MAX_VOLBLOCKSIZE = 128 * KIB
UINT64_MAX = 2 ** 64 - 1
_UNITS = 'KMGTPEZ'
# libzfs: decimals allowed, a suffix K..Z in powers of 1024, a B after the unit (reference 4.1);
# newer libzfs also takes 'GiB'. The module passes exact bytes to zfs, so accepting them is safe.
_SIZE_RE = re.compile(r'^\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:([KMGTPEZ])(?:i?B)?|B)?\s*$', re.IGNORECASE)


def parse_size(value: object, what: str = 'size') -> int:
    """Bytes from an int or a string like '1G', '512M', '1.5T', '10GB', '1GiB' (powers of 1024), rounded up to a whole byte."""
    text = str(value)
    match = _SIZE_RE.match(text) if not isinstance(value, bool) else None
    if match is None:
        raise PlanError("%s %r cannot be parsed as a size: give bytes or a number with a suffix K, M, G, T, P, E or Z "
                        '(powers of 1024), e.g. 1G, 512M or 1.5T' % (what, text))
    unit = match.group(2)
    exact = fractions.Fraction(match.group(1)) * (KIB ** (_UNITS.index(unit.upper()) + 1) if unit else 1)
    size = -(-exact.numerator // exact.denominator)
    if size <= 0:
        raise PlanError('%s %r must be more than zero bytes' % (what, text))
    if size > UINT64_MAX:
        raise PlanError('%s %r is too large (more than 2^64 - 1 bytes)' % (what, text))
    return size


def parse_volblocksize(value: object) -> int:
    """A ZFS volume block size: a power of two from 512 bytes to 128 KiB."""
    size = parse_size(value, 'volblocksize')
    if size & (size - 1) or not MIN_VOLBLOCKSIZE <= size <= MAX_VOLBLOCKSIZE:
        raise PlanError('volblocksize %r must be a power of two from 512 to 128K (it is %d bytes)' % (str(value), size))
    return size


def round_up(size: int, alignment: int) -> int:
    return -(-size // alignment) * alignment


def human(size: int) -> str:
    """Bytes for messages: '1073741824 (1G)', '1610612736 (1.5G)'."""
    for power in range(len(_UNITS), 0, -1):
        unit = KIB ** power
        if size >= unit:
            return '%d (%s%s)' % (size, ('%.2f' % (size / unit)).rstrip('0').rstrip('.'), _UNITS[power - 1])
    return str(size)
