"""Size arguments as libstmf and libzfs read them, and zfs's human-readable numbers."""
from __future__ import annotations

import re

_UNITS = "BKMGTPEZ"
_NUMBER = re.compile(r"([0-9]*\.?[0-9]*)(.*)", re.ASCII | re.DOTALL)
_STMF_SIZE = re.compile(r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)([BKMGTPE]?)", re.ASCII | re.IGNORECASE)
UINT64_MAX = 2 ** 64 - 1


class SizeError(ValueError):
    """A size zfs refuses; the message is libzfs's description (illumos-cli.md §4.1)."""


def stmf_size(text: str) -> int | None:
    """stmfadm -s: a number, decimals allowed, optional B/K/M/G/T/P/E (powers of 1024) (§2.4)."""
    match = _STMF_SIZE.fullmatch(text)
    if match is None:
        return None
    shift = _UNITS.index(match.group(2).upper()) * 10 if match.group(2) else 0
    return int(float(match.group(1)) * (1 << shift))


def zfs_size(text: str) -> int:
    """libzfs zfs_nicestrtonum: decimals, suffixes B K M G T P E Z, a B after a unit (§4.1)."""
    match = _NUMBER.fullmatch(text)
    number, suffix = (match.group(1), match.group(2)) if match else ("", text)
    if not number or number == ".":
        raise SizeError(f"bad numeric value '{text}'")
    shift = _shift(suffix)
    # [derived] a fraction is scaled by the unit, then truncated to whole bytes.
    value = int(float(number) * (1 << shift)) if "." in number else int(number) << shift
    if value > UINT64_MAX:
        raise SizeError("numeric value is too large")
    return value


def _shift(suffix: str) -> int:
    if not suffix:
        return 0
    upper = suffix.upper()
    if upper == "B":
        return 0
    if upper[0] in _UNITS[1:] and upper[1:] in ("", "B"):
        return _UNITS.index(upper[0]) * 10
    raise SizeError(f"invalid numeric suffix '{suffix}'")


def nicenum(value: int) -> str:
    """zfs's human form: 8192 -> 8K, 1073741824 -> 1G, 1610612736 -> 1.50G (at most 5 characters)."""
    index = 0
    while index < len(_UNITS) - 1 and value >= 1024 ** (index + 1):
        index += 1
    if index == 0:
        return str(value)
    unit = _UNITS[index]
    divisor = 1024 ** index
    if value % divisor == 0:
        return f"{value // divisor}{unit}"
    for precision in (2, 1, 0):
        text = f"{value / divisor:.{precision}f}{unit}"
        if len(text) <= 5:
            return text
    return f"{value // divisor}{unit}"
