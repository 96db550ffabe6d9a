"""A stand-in for illumos COMSTAR nodes and an RSF-1 cluster of them (see ../STATE.md)."""

import os
import sys

# Every simulated command is a new Python process: without cached bytecode each one compiles the
# simulator again (about a fifth of a call). The cache goes beside the state, under bin/, so a
# run writes nothing into the source tree and nothing outside its own state directory, whatever
# PYTHONDONTWRITEBYTECODE says.
if os.environ.get("COMSTAR_SIM_ROOT") and os.path.isdir(os.path.join(os.environ["COMSTAR_SIM_ROOT"], "bin")):
    sys.pycache_prefix = os.path.join(os.environ["COMSTAR_SIM_ROOT"], "bin", ".pycache")
    sys.dont_write_bytecode = False
