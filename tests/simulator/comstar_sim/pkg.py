"""The simulated IPS pkg (illumos-cli.md §6): list, install, uninstall; run(argv, world).

Covers the forms DESIGN.md's role uses (`pkg list -H PKG`, `pkg install [-nvq] PKG...`) and
those community.general's pkg5 module runs: `pkg list -- PKG`, `pkg list -u -- PKG`,
`pkg install|uninstall [-n] [--accept] [--be-name=NAME] [--no-refresh] [-q] -- PKG...`.
"""
from __future__ import annotations

import getopt
from typing import Any, Protocol

from . import assumed

Result = tuple[str, str, int]
Record = dict[str, Any]

# pkgdefs.py exit codes (§6).
EXIT_OK, EXIT_OOPS, EXIT_BADOPT, EXIT_PARTIAL, EXIT_NOP = 0, 1, 2, 3, 4


class WorldLike(Protocol):
    """What pkg needs of a World."""

    @property
    def state(self) -> Record:
        """This node's NODE dict."""


def _package(pattern: str) -> str | None:
    """The catalogue package a pattern names: pkg:/ and pkg://publisher/ prefixes, @version, leaf match."""
    name = pattern.split("@", 1)[0]
    if name.startswith("pkg://"):
        name = name[6:].split("/", 1)[-1]
    elif name.startswith("pkg:/"):
        name = name[5:]
    name = name.lstrip("/")
    for package in assumed.PACKAGE_DEPENDENCIES:
        if package == name or package.endswith("/" + name):
            return package
    return None


def _installed(world: WorldLike) -> Record:
    packages: Record = world.state.setdefault("packages", {})
    return packages


def _row(package: str, version: str) -> str:
    # §6 [src: client.py list]: header format "{0:49} {1:26} {2}"; installed, not frozen, not obsolete.
    return f"{package:49} {version:26} i--\n"


def list_packages(world: WorldLike, args: list[str]) -> Result:
    """list [-H] [-u] [--] [PATTERN...]: exit 1 when nothing matched, 3 when only some did (§6)."""
    try:
        opts, patterns = getopt.getopt(args, "Hunafv", ["no-refresh"])
    except getopt.GetoptError as error:
        return "", f"pkg list: illegal option -- {error.opt}\n{assumed.PKG_USAGE}", EXIT_BADOPT
    flags = {flag for flag, _value in opts}
    installed = _installed(world)
    matched: list[str] = []
    missing: list[str] = []
    for pattern in patterns:
        package = _package(pattern)
        (matched if package in installed else missing).append(pattern if package is None else package)
    if not patterns:
        matched = list(installed)
    if "-u" in flags:
        # [assumed] every installed package is the newest version.
        return "", assumed.pkg_no_newer(patterns), EXIT_OOPS
    out = ""
    if matched:
        header = "" if "-H" in flags else f"{'NAME (PUBLISHER)':49} {'VERSION':26} IFO\n"
        out = header + "".join(_row(package, installed[package]) for package in dict.fromkeys(matched))
    if missing:
        listed = "".join(f"  {pattern}\n" for pattern in patterns if _package(pattern) not in installed)
        message = f"pkg list: no packages matching the following patterns are installed:\n{listed}"
        return out, message, EXIT_PARTIAL if matched else EXIT_OOPS
    if not matched and not patterns:
        return "", "pkg list: no packages installed\n", EXIT_OOPS  # [assumed] wording
    return out, "", EXIT_OK


def _with_dependencies(packages: list[str]) -> list[str]:
    ordered: list[str] = []
    for package in packages:
        for needed in assumed.PACKAGE_DEPENDENCIES[package] + [package]:
            if needed not in ordered:
                ordered.append(needed)
    return ordered


class _Stop(Exception):
    """pkg ends with this result before doing anything."""

    def __init__(self, result: Result) -> None:
        super().__init__(result[1])
        self.result = result


def _change_options(subcommand: str, args: list[str]) -> tuple[set[str], list[str]]:
    try:
        opts, patterns = getopt.getopt(args, "nvq", ["accept", "be-name=", "no-refresh", "no-backup-be",
                                                     "licenses", "deny-new-be", "require-new-be"])
    except getopt.GetoptError as error:
        raise _Stop(("", f"pkg {subcommand}: illegal option -- {error.opt}\n{assumed.PKG_USAGE}", EXIT_BADOPT)) from error
    if not patterns:
        # [assumed] wording
        raise _Stop(("", f"pkg {subcommand}: at least one package name required\n{assumed.PKG_USAGE}", EXIT_BADOPT))
    return {flag for flag, _value in opts}, patterns


def install(world: WorldLike, args: list[str]) -> Result:
    """install [-nvq] [--accept] [--be-name=N] [--no-refresh] [--] PKG...: 0 installed, 4 nothing to do."""
    flags, patterns = _change_options("install", args)
    unknown = [pattern for pattern in patterns if _package(pattern) is None]
    if unknown:
        return "", assumed.pkg_no_match("install", unknown), EXIT_OOPS
    installed = _installed(world)
    wanted = [p for p in _with_dependencies([str(_package(pattern)) for pattern in patterns]) if p not in installed]
    if not wanted:
        # §6 [src: client.py]; the stream is [derived] stdout, printed with -q too [assumed].
        return "No updates necessary for this image.\n", "", EXIT_NOP
    out = "" if "-q" in flags else assumed.pkg_plan(len(wanted), "-v" in flags)
    if "-n" not in flags:
        services = world.state.setdefault("services", {})
        for package in wanted:
            installed[package] = assumed.PACKAGE_VERSION
            for fmri, owner in assumed.SERVICE_PACKAGE.items():
                if owner == package:
                    services.setdefault(fmri, "disabled")
    return out, "", EXIT_OK


def uninstall(world: WorldLike, args: list[str]) -> Result:
    """uninstall [-nvq] [--] PKG...: an installed package goes (its services with it)."""
    flags, patterns = _change_options("uninstall", args)
    installed = _installed(world)
    absent = [pattern for pattern in patterns if _package(pattern) not in installed]
    if absent:
        return "", assumed.pkg_no_match("uninstall", absent), EXIT_OOPS
    if "-n" not in flags:
        for pattern in patterns:
            package = str(_package(pattern))
            installed.pop(package, None)
            for fmri, owner in assumed.SERVICE_PACKAGE.items():
                if owner == package:
                    world.state.get("services", {}).pop(fmri, None)
    return "", "", EXIT_OK


def run(argv: list[str], world: WorldLike) -> Result:
    """Run `pkg argv...` on this node."""
    handlers = {"list": list_packages, "install": install, "uninstall": uninstall}
    if not argv or argv[0] not in handlers:
        shown = f"pkg: unknown subcommand '{argv[0]}'\n" if argv else "pkg: no subcommand specified\n"  # [assumed]
        return "", shown + assumed.PKG_USAGE, EXIT_BADOPT
    try:
        return handlers[argv[0]](world, argv[1:])
    except _Stop as stop:
        return stop.result
