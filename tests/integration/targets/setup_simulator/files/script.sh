# shellcheck shell=bash
# What a script target (runme.sh) shares, sourced as: source ../setup_simulator/files/script.sh NAME
# (the target's aliases then say needs/target/setup_simulator). A private work directory (removed on
# exit unless COMSTAR_KEEP_WORK is set) holding the simulator's state and the modules' lock file, and
# the helpers fail, on and mutations.
coll="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/illumos/comstar"
sim="$coll/tests/simulator/bin"
work=$(mktemp -d "/tmp/comstar-$1.XXXXXX")
trap '[ -n "${COMSTAR_KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
export COMSTAR_SIM_ROOT="$work/sim"
# one lock file for the simulated nodes, not the modules' default under /var/run
export ILLUMOS_COMSTAR_LOCK_FILE="$work/comstar.lock"
export ANSIBLE_NOCOLOR=1

fail() { echo "FAILED: $*" >&2; exit 1; }

# Run a command as typed on NODE (its own programs first on PATH).
on() {
  local node=$1
  shift
  COMSTAR_SIM_NODE=$node PATH="$COMSTAR_SIM_ROOT/nodes/$node/bin:$PATH" "$@" >/dev/null
}

# The changing calls since the log was cleared (not the list reads, nor what stmfha ran on each node).
mutations() {
  "$sim/simctl" log --clear | python -c '
import json, re, sys
calls = [json.loads(line) for line in sys.stdin if line.strip()]
for call in calls:
    argv = call["argv"]
    if call["via"] is None and not re.match(r"^(list|get$|-)", argv[1] if len(argv) > 1 else "-"):
        print(" ".join(argv))
'
}
