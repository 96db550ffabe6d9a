"""A stand-in for illumos COMSTAR nodes and an RSF-1 cluster of them (see ../STATE.md)."""
