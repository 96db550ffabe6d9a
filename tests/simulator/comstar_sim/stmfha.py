"""The simulated RSF-1 stmfha (rsf1-and-pools.md §1): run(argv, world) -> (stdout, stderr, rc).

stmfha runs the simulated stmfadm/itadm on the nodes concerned (each call logged with
via="stmfha") and wraps what they print: one section per node, `NODE:` then the output indented
by two blanks, sections separated by one empty line [seed]. Cluster-wide subcommands run on
every node in node order, pool-bound ones on the node that has the LU's pool, lists everywhere.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from . import assumed
from .stmf_common import ZVOL_PATH, Record, Result
from .stmfha_cli import CLUSTER, LIST, SUBCOMMANDS, CliError, Parsed, Subcommand, parse
from .world import World

# [seed] the messages stmfha prints itself where the tool prints nothing on success; the ones
# marked [assumed] were not seen.
_MESSAGES = {
    "delete-target": "Target deleted",  # [assumed]
    "create-initiator": "Initiator created",  # [assumed]
    "modify-initiator": "Initiator modified",  # [assumed]
    "delete-initiator": "Initiator deleted",  # [assumed]
    "modify-defaults": "Defaults modified",  # [assumed]
    "create-tg": "Target group created",
    "delete-tg": "Target group deleted",  # [assumed]
    "create-hg": "Host group created",  # [assumed]
    "delete-hg": "Host group deleted",  # [assumed]
    "add-tg-member": "Target group member added",
    "remove-tg-member": "Target group member removed",  # [assumed]
    "add-hg-member": "Host group member added",  # [assumed]
    "remove-hg-member": "Host group member removed",  # [assumed]
    "offline-target": "Target offlined",
    "online-target": "Target onlined",
    "modify-lu": "Logical unit modified",  # [assumed]
    "delete-lu": "Logical unit deleted",  # [assumed]
    "online-lu": "Logical unit onlined",  # [assumed]
    "offline-lu": "Logical unit offlined",  # [assumed]
}


def _indent(body: str) -> str:
    return "".join(("  " + line if line else "") + "\n" for line in body.splitlines())


def render(sections: list[tuple[str, str]]) -> str:
    """`NODE:` and the indented body per node, one empty line between sections."""
    return "\n".join(f"{node}:\n" + _indent(body) for node, body in sections)


@contextmanager
def _secret_files(parsed: Parsed) -> Iterator[list[str]]:
    """Each secret value in a 0600 temporary file handed to the tool with -S/-D, removed afterwards."""
    paths: list[str] = []
    try:
        for option, value in parsed.options:
            if option.secret_file_option:
                handle, path = tempfile.mkstemp(prefix="stmfha-")
                paths.append(path)
                with os.fdopen(handle, "wb") as secret:
                    secret.write((value or "").encode("utf-8", "surrogateescape"))
        yield paths
    finally:
        for path in paths:
            try:
                os.unlink(path)
            except OSError:
                pass


def _tool_argv(name: str, parsed: Parsed, secret_paths: list[str]) -> list[str]:
    argv = [name]
    secrets = iter(secret_paths)
    for option, value in parsed.options:
        if option.secret_file_option:
            argv += [option.secret_file_option, next(secrets)]
        elif option.takes_value:
            argv += [option.tool_option, value or ""]
        else:
            argv.append(option.tool_option)
    return argv + parsed.operands


def _guid_node(world: World, guid: str) -> str | None:
    """The node where a GUID is registered, else one where it has view entries."""
    key = guid.upper()
    for wanted in ("lus", "views"):
        for node in world.nodes:
            if world.for_node(node).state.get("stmf", {}).get(wanted, {}).get(key):
                return node
    return None


def _path_node(world: World, path: str) -> str | None:
    match = ZVOL_PATH.fullmatch(path)
    pool = world.cluster.get("pools", {}).get(match.group(2)) if match else None
    return pool.get("node") if pool else None


def _pool_targets(world: World, name: str, parsed: Parsed) -> list[tuple[str, list[str]]]:
    """(node, operands) for a pool-bound subcommand; what cannot be placed runs here [assumed]."""
    operands = parsed.operands
    if name in ("create-lu", "import-lu") or (name == "modify-lu" and parsed.has("-f")):
        return [((_path_node(world, operands[0]) if operands else None) or world.node, operands)]
    if name == "remove-view":
        return [(_guid_node(world, parsed.value("-l") or "") or world.node, operands)]
    if name == "delete-lu" and operands:
        grouped: dict[str, list[str]] = {}
        for guid in operands:
            grouped.setdefault(_guid_node(world, guid) or world.node, []).append(guid)
        return [(node, grouped[node]) for node in world.nodes if node in grouped]
    return [((_guid_node(world, operands[0]) if operands else None) or world.node, operands)]


def _views(world: World, guid: str) -> list[Record]:
    views: list[Record] = world.state.get("stmf", {}).get("views", {}).get(guid.upper(), [])
    return [dict(view) for view in views]


def _success(name: str, parsed: Parsed, node_world: World, before: list[Record], stdout: str) -> str:
    if stdout:
        return stdout
    if name == "create-tpg":
        return f"create-tpg: {parsed.operands[0]} successfully created\n"
    if name == "delete-tpg":
        return f"delete-tpg: {parsed.operands[-1]} successfully deleted\n"  # [assumed]
    if name in ("add-view", "remove-view"):
        guid = (parsed.operands[0] if name == "add-view" else parsed.value("-l") or "").upper()
        after = _views(node_world, guid)
        if name == "add-view":
            return "".join(f"{guid}: view entry {view['entry']} created for LUN {view['lun']}\n"
                           for view in after if view not in before)
        return "".join(f"{guid}: view entry {view['entry']} removed\n" for view in before if view not in after)  # [assumed]
    return _MESSAGES.get(name, "") + "\n"


def _list_lu_verbose(node_world: World, argv: list[str]) -> Result:
    """stmfha's own list-lu -v [seed]: labels padded to 19 and a View-entry line per view."""
    stdout, stderr, code = node_world.call("stmfadm", argv, via="stmfha")
    if code:
        return stdout, stderr, code
    lines, guid = [], ""
    for line in stdout.splitlines():
        if line.startswith("LU Name: "):
            guid = line[len("LU Name: "):]
            lines.append(line)
            continue
        label, _colon, value = line[4:].partition(": ")
        lines.append(f"    {label.rstrip():<19}: {value}")
        if label.rstrip() == "View Entry Count" and value.isdigit() and int(value) > 0:
            views = node_world.call("stmfadm", ["list-view", "-l", guid], via="stmfha")[0]
            lines += _view_lines(views)
    return "".join(line + "\n" for line in lines), "", 0


def _view_lines(listing: str) -> list[str]:
    lines: list[str] = []
    entry: dict[str, str] = {}
    for line in listing.splitlines() + ["View Entry: end"]:
        if line.startswith("View Entry: "):
            if entry:
                # [seed] `all` for a group given as All; a target group given as All is [assumed] alike.
                groups = ["all" if entry[key] == "All" else entry[key] for key in ("Host group", "Target group")]
                lines.append(f"     {'View-entry ' + entry['entry']:<18}: Host group '{groups[0]}' "
                             f"Target group '{groups[1]}' LUN '{entry['LUN']}'")
            entry = {"entry": line[len("View Entry: "):]}
        else:
            label, _colon, value = line.partition(": ")
            entry[label.strip()] = value
    return lines


def _run_on(world: World, node: str, name: str, sub: Subcommand, argv: list[str], parsed: Parsed) -> tuple[str, bool]:
    """One node's part: (section body, failed)."""
    node_world = world.for_node(node)
    guid = (parsed.operands[0] if name == "add-view" and parsed.operands else parsed.value("-l") or "")
    before = _views(node_world, guid) if name in ("add-view", "remove-view") else []
    if name == "list-lu" and parsed.has("-v"):
        stdout, stderr, code = _list_lu_verbose(node_world, argv)
    else:
        stdout, stderr, code = node_world.call(sub.tool, argv, via="stmfha")
    if code:
        return stdout + stderr, True
    if sub.scope == LIST:
        return stdout, False
    return _success(name, parsed, node_world, before, stdout), False


def run(argv: list[str], world: World) -> Result:
    """Run `stmfha argv...` from this node, cluster-wide."""
    if not argv or argv[0] not in SUBCOMMANDS:
        shown = f"stmfha: unknown subcommand '{argv[0]}'\n" if argv else ""  # [assumed] wording
        return "", shown + assumed.STMFHA_USAGE, 1
    name, sub = argv[0], SUBCOMMANDS[argv[0]]
    try:
        parsed = parse(sub, argv[1:])
    except CliError as error:
        return "", f"stmfha: {name}: {error}\n", 1  # [assumed] wording
    if name == "create-target" and not parsed.has("-n"):
        # [seed] one generated name, handed to every node so that all have the same IQN.
        generated = assumed.STMFHA_IQN_PREFIX + world.new_uuid()
        parsed.options.append((SUBCOMMANDS["create-target"].options["-n"], generated))
    if sub.scope in (CLUSTER, LIST):
        placements = [(node, parsed.operands) for node in world.nodes]
    else:
        placements = _pool_targets(world, name, parsed)
    sections, failed = [], False
    with _secret_files(parsed) as secret_paths:
        for node, operands in placements:
            placed = Parsed(parsed.options, operands)
            body, node_failed = _run_on(world, node, name, sub, _tool_argv(name, placed, secret_paths), placed)
            sections.append((node, body))
            failed = failed or node_failed
    return render(sections), "", assumed.STMFHA_FAILED_RC if failed else 0
