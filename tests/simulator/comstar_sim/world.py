"""The simulated cluster: state on disk under a lock, the call log, faults, latency, nodes down.

Layout and schema: ../STATE.md. A `World` is the cluster dict bound to one node; every command
call goes through `World.call`, which logs it, answers for a node that is down, a program that
is not installed or an injected fault, and otherwise dispatches to the command module's
`run(argv, world)`.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib
import json
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from typing import Any

from . import assumed

Result = tuple[str, str, int]
Record = dict[str, Any]

STATE_FILE = "cluster.json"
SEQ_FILE = "seq"
LOG_FILE = "log.jsonl"
LOCK_FILE = "lock"
NODES_DIR = "nodes"
# The launchers (bin/<cmd>) that a node's PATH directory links to where it cannot hold its own.
SIM_HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHERS = os.path.join(SIM_HOME, "bin")
# A node's own launcher: this Python without the site module (-S; the simulator needs nothing but
# the standard library), so a call costs the least start Python has.
NODE_LAUNCHER = ("#!{python} -S\n"
                 "# {command} on a simulated node: the simulator's client (STATE.md, the server)\n"
                 "import sys\n"
                 "sys.path.insert(0, {home!r})\n"
                 "from comstar_sim.client import run\n"
                 "sys.exit(run({command!r}, sys.argv[1:]))\n")

# command -> (module, function) of comstar_sim that plays it.
COMMANDS: dict[str, tuple[str, str]] = {
    "stmfadm": ("stmfadm", "run"),
    "sbdadm": ("sbdadm", "run"),
    "itadm": ("itadm", "run"),
    "zfs": ("zfs", "run"),
    "zpool": ("zpool", "run"),
    "svcs": ("svc", "run_svcs"),
    "svcadm": ("svc", "run_svcadm"),
    "pkg": ("pkg", "run"),
    "stmfha": ("stmfha", "run"),
    "rsfcli": ("rsfcli", "run"),
}

# itadm options whose argument names a secret file (illumos-cli.md §3.3): logged by path,
# mode and hash, never by content.
_SECRET_FILE_OPTIONS = ("-S", "-D", "--chap-secret-file", "--radius-secret-file")


class SimError(Exception):
    """The simulator itself cannot run (no state, unknown node): not a simulated command error."""


def _fresh_shared() -> Record:
    return {"log": [], "delay_ms": 0, "ids": 0}


class World:
    """The cluster dict bound to one node; `for_node` gives the same cluster bound elsewhere."""

    def __init__(self, cluster: Record, node: str | None = None, root: str | None = None,
                 shared: Record | None = None) -> None:
        self.cluster = cluster
        self.node = node if node is not None else cluster["nodes"][0]
        if self.node not in cluster["nodes"]:
            raise SimError(f"unknown node {self.node!r} (nodes: {', '.join(cluster['nodes'])})")
        self.root = root
        self._shared = shared if shared is not None else _fresh_shared()

    @property
    def state(self) -> Record:
        """This node's NODE dict (STATE.md)."""
        node_state: Record = self.cluster["node_state"][self.node]
        return node_state

    @property
    def nodes(self) -> list[str]:
        """Every node of the cluster, in cluster order."""
        return list(self.cluster["nodes"])

    @property
    def log_entries(self) -> list[Record]:
        """The calls made through this world (and its `for_node` siblings), in start order."""
        entries: list[Record] = self._shared["log"]
        return entries

    @property
    def delay_ms(self) -> int:
        """The latency the calls made so far cost, to be slept by the caller."""
        return int(self._shared["delay_ms"])

    def for_node(self, name: str) -> World:
        """The same cluster (and log, and id counter) bound to another node."""
        return World(self.cluster, name, self.root, self._shared)

    def _digest(self, kind: str) -> str:
        self._shared["ids"] += 1
        seed = f"comstar-sim:{kind}:{self.cluster.get('seq', 0)}:{self._shared['ids']}"
        return hashlib.sha256(seed.encode("ascii")).hexdigest()

    def new_uuid(self) -> str:
        """A lowercase 36-character UUID, deterministic from the call counter."""
        h = self._digest("uuid")
        return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"

    def new_guid(self) -> str:
        """32 uppercase hex digits beginning 600144F0, unused anywhere in the cluster."""
        # [unconfirmed illumos-cli.md §10 item 15] only the 600144F0 prefix is known.
        taken = known_guids(self.cluster)
        while True:
            guid = assumed.GUID_PREFIX + self._digest("guid")[:24].upper()
            if guid not in taken:
                return guid

    def call(self, command: str, argv: list[str], via: str | None = None) -> Result:
        """Run `command argv...` on this node: log it, then down node, fault, or the real work."""
        self.cluster["seq"] = int(self.cluster.get("seq", 0)) + 1
        latency = int(self.cluster.get("latency_ms", 0))
        entry: Record = {"seq": self.cluster["seq"], "node": self.node, "argv": [command] + _logged_argv(command, argv),
                         "rc": None, "via": via, "secret_files": _secret_files(command, argv),
                         "fault": False, "latency_ms": latency}
        self._shared["log"].append(entry)
        self._shared["delay_ms"] += latency
        if self.node in self.cluster.get("down", []):
            result: Result = ("", assumed.node_down_message(self.node), assumed.NODE_DOWN_RC)
        elif not has_program(self.cluster, self.node, command):
            # reached only past PATH (a launcher run by its own path, or stmfha on a node): a
            # lookup on the node's PATH does not find the program at all (node_path)
            result = ("", assumed.not_installed_message(command), assumed.NOT_INSTALLED_RC)
        else:
            fault = self._take_fault(command, argv)
            if fault is not None:
                entry["fault"] = True
                result = (str(fault.get("stdout", "")), str(fault.get("stderr", "")), int(fault.get("rc", 1)))
            else:
                result = _runner(command)(argv, self)
        entry["rc"] = result[2]
        return result

    def _take_fault(self, command: str, argv: list[str]) -> Record | None:
        """The Nth matching call of (node or any, command, subcommand) fires once, then is gone."""
        subcommand = subcommand_of(argv)
        faults: list[Record] = self.cluster.setdefault("faults", [])
        for index, fault in enumerate(faults):
            if fault.get("node") not in (None, self.node) or fault.get("command") != command:
                continue
            wanted = fault.get("subcommand")
            if wanted is not None and str(wanted).lower() != subcommand.lower():
                continue
            fault["seen"] = int(fault.get("seen", 0)) + 1
            if fault["seen"] >= int(fault.get("nth", 1)):
                del faults[index]
                return fault
            return None
        return None


def has_program(cluster: Record, node: str, command: str) -> bool:
    """Whether NODE has the program: its package is installed; stmfha/rsfcli need RSF-1."""
    if command in ("stmfha", "rsfcli"):
        return bool(cluster.get("rsf1"))
    package = assumed.COMMAND_PACKAGE.get(command)
    return package is None or package in cluster["node_state"][node].get("packages", {})


def subcommand_of(argv: list[str]) -> str:
    """What a fault's `subcommand` is matched against: the first word that is not an option."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return ""


def known_guids(cluster: Record) -> set[str]:
    """Every GUID registered, viewed or kept in LU metadata anywhere in the cluster."""
    guids: set[str] = set()
    for node_state in cluster["node_state"].values():
        stmf = node_state.get("stmf", {})
        guids.update(stmf.get("lus", {}))
        guids.update(stmf.get("views", {}))
    for pool in cluster.get("pools", {}).values():
        for volume in pool.get("volumes", {}).values():
            if volume.get("sbd_meta"):
                guids.add(volume["sbd_meta"]["guid"])
    for held in cluster.get("files", {}).values():
        if held.get("sbd_meta"):
            guids.add(held["sbd_meta"]["guid"])
    return guids


def _runner(command: str) -> Callable[[list[str], World], Result]:
    module_name, function = COMMANDS[command]
    module = importlib.import_module(f".{module_name}", __package__)
    runner: Callable[[list[str], World], Result] = getattr(module, function)
    return runner


def _logged_argv(command: str, argv: list[str]) -> list[str]:
    if command == "stmfha":
        # imported here: most calls are not stmfha's, and every call is a new process
        from . import stmfha_cli  # pylint: disable=import-outside-toplevel
        return stmfha_cli.masked_argv(argv)
    return list(argv)


def _secret_file_paths(argv: list[str]) -> list[str]:
    paths: list[str] = []
    for index, arg in enumerate(argv):
        if arg in _SECRET_FILE_OPTIONS and index + 1 < len(argv):
            paths.append(argv[index + 1])
        elif arg.startswith(("--chap-secret-file=", "--radius-secret-file=")):
            paths.append(arg.split("=", 1)[1])
        elif len(arg) > 2 and arg[:2] in ("-S", "-D"):
            paths.append(arg[2:])
    return paths


def _secret_files(command: str, argv: list[str]) -> list[Record]:
    """Each secret file of an itadm call, by path, mode, regularity and content hash."""
    if command != "itadm":
        return []
    records: list[Record] = []
    for path in _secret_file_paths(argv):
        record: Record = {"path": path, "mode": None, "regular": False, "sha256": None}
        try:
            info = os.stat(path)
        except OSError:
            records.append(record)
            continue
        record["mode"] = f"{stat.S_IMODE(info.st_mode):04o}"
        record["regular"] = stat.S_ISREG(info.st_mode)
        if record["regular"]:
            try:
                with open(path, "rb") as handle:
                    record["sha256"] = hashlib.sha256(handle.read()).hexdigest()
            except OSError:
                pass
        records.append(record)
    return records


# --- the state directory -------------------------------------------------------------------

def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _write_atomically(path: str, text: str) -> None:
    """A temporary file beside `path`, then a rename: a reader never sees half a file.

    Not fsynced: a simulated host need not survive a power cut, only a process killed mid-write.
    """
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def _state_text(cluster: Record) -> str:
    """cluster.json's text: the state but the call counter, compact JSON, dict order kept.

    json.dumps without indent runs the C encoder; json.dump, or any indent, runs the pure-Python
    one, which at 1000 LUs cost most of each call's time.
    """
    state = {key: value for key, value in cluster.items() if key != "seq"}
    return json.dumps(state, separators=(",", ":")) + "\n"


def load_cluster(root: str) -> Record:
    """The cluster dict of a state directory, with the call counter `seq` from its own file."""
    return _load(root)[0]


class _Cache:
    """The last state a long-lived process (the server) read or wrote, kept parsed.

    Valid while cluster.json holds exactly the text it was parsed from: any other writer (simctl,
    an in-process session, a test) changes the text, and the next load parses again. Comparing
    the text costs a read of the file; parsing it again costs what the state's size costs.
    """

    def __init__(self) -> None:
        self.root: str | None = None
        self.text: str | None = None
        self.cluster: Record | None = None

    def get(self, root: str, text: str) -> Record | None:
        if self.cluster is not None and root == self.root and text == self.text:
            return self.cluster
        return None

    def put(self, root: str, text: str, cluster: Record) -> None:
        self.root, self.text, self.cluster = root, text, cluster

    def drop(self) -> None:
        self.root = self.text = self.cluster = None


_CACHE: _Cache | None = None


def keep_parsed_state() -> None:
    """For a long-lived process: reuse the parsed state while cluster.json is unchanged."""
    global _CACHE  # pylint: disable=global-statement
    _CACHE = _Cache()


def _load(root: str) -> tuple[Record, str]:
    text = _read(os.path.join(root, STATE_FILE))
    if text is None:
        raise SimError(f"no simulator state in {root} (run simctl init)")
    cluster: Record | None = _CACHE.get(root, text) if _CACHE is not None else None
    if cluster is None:
        cluster = json.loads(text)
        if _CACHE is not None:
            _CACHE.put(root, text, cluster)
    seq = _read(os.path.join(root, SEQ_FILE))
    cluster["seq"] = int(seq) if seq else int(cluster.get("seq", 0))
    return cluster, text


def save_cluster(root: str, cluster: Record) -> None:
    """Write cluster.json and the call counter, each atomically; the nodes' PATH directories follow."""
    _write_atomically(os.path.join(root, STATE_FILE), _state_text(cluster))
    _write_atomically(os.path.join(root, SEQ_FILE), f"{int(cluster.get('seq', 0))}\n")
    sync_node_paths(root, cluster)


def node_path(root: str, node: str) -> str:
    """ROOT/nodes/NODE/bin: the directory that stands for NODE's PATH.

    It holds a link to the launcher of every program the node has, and nothing else: on a host
    without a package the program is simply not there (get_bin_path finds nothing), which is how
    a caller learns that the package is missing.
    """
    return os.path.join(os.path.abspath(root), NODES_DIR, node, "bin")


def sync_node_paths(root: str, cluster: Record) -> None:
    """Make each node's PATH directory hold exactly the programs the node has (has_program)."""
    nodes_dir = os.path.join(os.path.abspath(root), NODES_DIR)
    os.makedirs(nodes_dir, exist_ok=True)
    for stale in set(os.listdir(nodes_dir)) - set(cluster["nodes"]):
        shutil.rmtree(os.path.join(nodes_dir, stale), ignore_errors=True)
    for node in cluster["nodes"]:
        directory = node_path(root, node)
        os.makedirs(directory, exist_ok=True)
        wanted = {command for command in COMMANDS if has_program(cluster, node, command)}
        present = set(os.listdir(directory))
        for command in present - wanted:
            os.unlink(os.path.join(directory, command))
        for command in sorted(wanted - present):
            _place_launcher(directory, command)


def _place_launcher(directory: str, command: str) -> None:
    """directory/command: a launcher for this Python, or a link to bin/command where the
    interpreter's path cannot stand on a #! line (too long, blanks)."""
    python = os.path.abspath(sys.executable) if sys.executable else ""
    path = os.path.join(directory, command)
    if not python or len(python) > 200 or any(char.isspace() for char in python + SIM_HOME):
        os.symlink(os.path.join(LAUNCHERS, command), path)
        return
    # written beside it, then renamed: a caller never runs half a file
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(NODE_LAUNCHER.format(python=python, command=command, home=SIM_HOME))
    os.chmod(temporary, 0o755)
    os.replace(temporary, path)


# Calls that only list or show: (program, subcommand) with any subcommand for svcs. [derived] from
# the reference's command tables: none of these changes anything on a node.
READ_ONLY = {"svcs": None, "stmfadm": ("list-",), "sbdadm": ("list-",), "itadm": ("list-",),
             "zfs": ("list", "get"), "zpool": ("list", "get", "status"), "rsfcli": ("list", "status"),
             "pkg": ("list", "info")}


def read_only(argv: list[str]) -> bool:
    """Whether a logged call (program first) can only have read the state."""
    if argv[0] not in READ_ONLY:
        return False
    prefixes = READ_ONLY[argv[0]]
    return prefixes is None or subcommand_of(argv[1:]).startswith(prefixes)


def _save_changes(root: str, cluster: Record, loaded: str, seq: int, reads_only: bool = False) -> None:
    """Rewrite cluster.json only if the state changed, the counter only if it moved.

    A read (or a refused command) changes no state: it writes the counter and its log line only.
    Calls that only read are not even compared (rendering the state costs what its size costs),
    unless a fault is armed: matching a fault counts, and counting is a change.
    """
    if reads_only and not cluster.get("faults"):
        text = loaded
    else:
        text = _state_text(cluster)
    if text != loaded:
        _write_atomically(os.path.join(root, STATE_FILE), text)
        sync_node_paths(root, cluster)
        if _CACHE is not None:
            _CACHE.put(root, text, cluster)
    if int(cluster.get("seq", 0)) != seq:
        _write_atomically(os.path.join(root, SEQ_FILE), f"{int(cluster['seq'])}\n")


def append_log(root: str, entries: list[Record]) -> None:
    """Append call records to log.jsonl, one JSON object per line."""
    if not entries:
        return
    with open(os.path.join(root, LOG_FILE), "a", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")


def read_log(root: str) -> list[Record]:
    """Every call record of log.jsonl, in order."""
    try:
        with open(os.path.join(root, LOG_FILE), encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except FileNotFoundError:
        return []


def clear_log(root: str) -> None:
    """Empty log.jsonl."""
    with open(os.path.join(root, LOG_FILE), "w", encoding="utf-8"):
        pass


@contextlib.contextmanager
def locked(root: str) -> Iterator[None]:
    """Hold the exclusive flock on ROOT/lock."""
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, LOCK_FILE), "a", encoding="utf-8") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def session(root: str, node: str | None = None) -> Iterator[World]:
    """Lock, load, yield the World, then save what changed and append its calls to the log."""
    with locked(root):
        cluster, loaded = _load(root)
        seq = int(cluster["seq"])
        try:
            world = World(cluster, node, root)
            yield world
            _save_changes(root, cluster, loaded, seq, all(read_only(entry["argv"]) for entry in world.log_entries))
        except BaseException:
            # the parsed state may be half changed: parse the file again next time
            if _CACHE is not None:
                _CACHE.drop()
            raise
        append_log(root, world.log_entries)


@contextlib.contextmanager
def editing(root: str) -> Iterator[Record]:
    """Lock, load and yield the cluster dict for a control change (simctl), then save what changed."""
    with locked(root):
        cluster, loaded = _load(root)
        seq = int(cluster["seq"])
        try:
            yield cluster
            _save_changes(root, cluster, loaded, seq)
        except BaseException:
            if _CACHE is not None:
                _CACHE.drop()
            raise
