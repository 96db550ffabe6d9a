"""The simulated svcs and svcadm (illumos-cli.md §5): run_svcs / run_svcadm(argv, world).

A service exists on a node when its FMRI is in NODE.services and its package is installed.
State: disabled, offline (enabled, a dependency not online), online, maintenance.
"""
from __future__ import annotations

import getopt
from typing import Any, Protocol

from . import assumed

Result = tuple[str, str, int]
Record = dict[str, Any]


class WorldLike(Protocol):
    """What svcs and svcadm need of a World."""

    @property
    def state(self) -> Record:
        """This node's NODE dict."""


def existing(world: WorldLike) -> list[str]:
    """The FMRIs of the services this node has (their package installed)."""
    packages = world.state.get("packages", {})
    return [fmri for fmri in world.state.get("services", {})
            if assumed.SERVICE_PACKAGE.get(fmri) is None or assumed.SERVICE_PACKAGE[fmri] in packages]


def match(world: WorldLike, pattern: str) -> str | None:
    """The FMRI a pattern names: full FMRI, or its trailing path components, `:default` optional."""
    wanted = pattern[5:] if pattern.startswith("svc:/") else pattern
    path, _colon, instance = wanted.partition(":")
    if instance not in ("", "default"):
        return None
    for fmri in existing(world):
        service = fmri[5:].rsplit(":", 1)[0]
        if service == path or (not pattern.startswith("svc:/") and service.endswith("/" + path)):
            return fmri
    return None


def settle(world: WorldLike) -> None:
    """Enabled services come online when their dependencies are online, else wait offline."""
    services: Record = world.state.setdefault("services", {})
    for _round in range(len(services) + 1):
        for fmri, state in services.items():
            if state in ("disabled", "maintenance"):
                continue
            ready = all(services.get(dep) == "online" for dep in assumed.SERVICE_DEPENDENCIES.get(fmri, []))
            services[fmri] = "online" if ready else "offline"


def _no_match(command: str, pattern: str) -> str:
    return f"{command}: Pattern '{pattern}' doesn't match any instances\n"


def run_svcs(argv: list[str], world: WorldLike) -> Result:
    """svcs [-H] [-o cols] [-x] [FMRI...]."""
    try:
        opts, operands = getopt.getopt(argv, "aHpvxo:")
    except getopt.GetoptError as error:
        return "", f"svcs: illegal option -- {error.opt}\n{assumed.SVCS_USAGE}", 2
    given = dict(opts)
    services = world.state.get("services", {})
    fmris, errors = [], ""
    for pattern in operands:
        fmri = match(world, pattern)
        if fmri is None:
            errors += _no_match("svcs", pattern)
        else:
            fmris.append(fmri)
    if not operands:
        fmris = existing(world)
    if "-x" in given:
        chosen = fmris if operands else [fmri for fmri in fmris if services[fmri] not in ("online", "disabled")]
        texts = [assumed.svcs_explain(fmri, services[fmri], _waiting_on(world, fmri)) for fmri in chosen]
        return "\n".join(texts), errors, 1 if errors else 0
    columns = given.get("-o", "state,stime,fmri").split(",")
    for column in columns:
        if column not in _COLUMNS:
            return "", f'svcs: Unrecognized column "{column}".\n', 2  # [assumed] wording
    rows = [[_cell(services, column, fmri) for column in columns] for fmri in fmris]
    if not rows:
        out = ""
    elif "-H" in given:
        # §5: one line per FMRI, no trailing spaces in -H mode.
        out = "".join(" ".join(row).rstrip() + "\n" for row in rows)
    else:
        widths = {"state": 14, "stime": 8, "nstate": 14}
        header = [column.upper() for column in columns]
        out = "".join(" ".join(cell.ljust(widths.get(col, 0)) for cell, col in zip(row, columns)).rstrip() + "\n"
                      for row in [header] + rows)
    return out, errors, 1 if errors else 0


_COLUMNS = ("state", "stime", "fmri", "nstate")


def _cell(services: Record, column: str, fmri: str) -> str:
    if column == "state":
        return str(services[fmri])
    if column == "stime":
        return assumed.SERVICE_STIME
    return fmri if column == "fmri" else "-"


def _waiting_on(world: WorldLike, fmri: str) -> list[str]:
    services = world.state.get("services", {})
    return [dep for dep in assumed.SERVICE_DEPENDENCIES.get(fmri, []) if services.get(dep) != "online"]


def _enable(world: WorldLike, fmri: str, recursive: bool) -> None:
    services: Record = world.state["services"]
    faults: Record = world.state.setdefault("service_faults", {})
    if recursive:
        for dep in assumed.SERVICE_DEPENDENCIES.get(fmri, []):
            if dep in existing(world):
                _enable(world, dep, True)
    if services[fmri] == "disabled" or fmri in faults:
        services[fmri] = "maintenance" if faults.get(fmri) else "offline"


def _after_wait(world: WorldLike, fmri: str) -> Result | None:
    """svcadm -s: exit 3 in maintenance, 4 with unsatisfied dependencies (§5)."""
    state = world.state["services"][fmri]
    if state == "maintenance":
        return "", f'Instance "{fmri}" is in maintenance state.\n', 3
    if state != "online":
        return "", f'Instance "{fmri}" has unsatisfied dependencies.\n', 4
    return None


def run_svcadm(argv: list[str], world: WorldLike) -> Result:
    """svcadm enable [-rst] | disable [-st] | restart | refresh | clear FMRI..."""
    actions = {"enable": "rst", "disable": "st", "restart": "", "refresh": "", "clear": ""}
    if not argv or argv[0] not in actions:
        return "", assumed.SVCADM_USAGE, 2
    try:
        opts, operands = getopt.getopt(argv[1:], actions[argv[0]])
    except getopt.GetoptError:
        return "", assumed.SVCADM_USAGE, 2
    if not operands:
        return "", assumed.SVCADM_USAGE, 2
    flags = {flag for flag, _value in opts}
    services: Record = world.state.setdefault("services", {})
    errors, code, chosen = "", 0, []
    for pattern in operands:
        fmri = match(world, pattern)
        if fmri is None:
            errors, code = errors + _no_match("svcadm", pattern), 1
        else:
            chosen.append(fmri)
    for fmri in chosen:
        if argv[0] == "enable":
            _enable(world, fmri, "-r" in flags)
        elif argv[0] == "disable":
            services[fmri] = "disabled"
        elif argv[0] == "clear":
            faults: Record = world.state.setdefault("service_faults", {})
            faults.pop(fmri, None)
            if services[fmri] != "maintenance":
                errors, code = errors + assumed.svcadm_not_in_maintenance(fmri), 1
            else:
                services[fmri] = "offline"
    settle(world)
    if argv[0] == "enable" and "-s" in flags:
        for fmri in chosen:
            waited = _after_wait(world, fmri)
            if waited is not None:
                return "", errors + waited[1], waited[2]
    return "", errors, code
