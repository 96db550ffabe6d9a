"""A stand-in for illumos COMSTAR nodes and an RSF-1 cluster of them (see ../STATE.md)."""

import os
import sys


def _bytecode_cache() -> "str | None":
    """Where the simulator's compiled modules go: one directory per user under the temporary
    directory, private to that user (a state directory's bin/.pycache if that cannot be had).

    A call in a new state directory would otherwise compile the whole simulator again (half a
    second): tests make hundreds of state directories. Python keys each file by its source's full
    path and checks its time and size, so checkouts and versions never mix; nothing goes into the
    source tree, whatever PYTHONDONTWRITEBYTECODE says.
    """
    shared = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"comstar-sim-pycache-{os.getuid()}")
    try:
        os.makedirs(shared, mode=0o700, exist_ok=True)
        info = os.lstat(shared)
        if info.st_uid == os.getuid() and not info.st_mode & 0o022 and os.path.isdir(shared):
            return shared
    except OSError:
        pass
    root = os.environ.get("COMSTAR_SIM_ROOT")
    if root and os.path.isdir(os.path.join(root, "bin")):
        return os.path.join(root, "bin", ".pycache")
    return None


_CACHE = _bytecode_cache()
if _CACHE is not None:
    sys.pycache_prefix = _CACHE
    sys.dont_write_bytecode = False
