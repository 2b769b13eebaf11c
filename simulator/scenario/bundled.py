"""The scenarios that ship with crisis-sim, found wherever the package is installed."""

from __future__ import annotations

import os
from pathlib import Path

from simulator.lang import Sayer
from simulator.lang.source import SOURCE
from simulator.scenario.diagnostics import Finding, ScenarioError

_say = Sayer(SOURCE)

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_dir() -> Path:
    """The folder of bundled scenarios: inside an installed wheel, else the source tree's."""
    packaged = _PACKAGE / "bundled_scenarios"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "scenarios"


def bundled_names() -> list[str]:
    """Names of the bundled scenarios, sorted."""
    folder = bundled_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_scenario(arg: str) -> tuple[Path, str]:
    """A path, or a bundled scenario's name, as ``(path, name to show in messages)``."""
    if arg == "-":
        raise ScenarioError([Finding(arg, 0, 0, "error", _say("stdin"))])
    path = Path(arg)
    try:
        os.lstat(path)
        there = True
    except (FileNotFoundError, NotADirectoryError):
        there = False
    except OSError:
        there = True  # a folder one may not enter, a loop of links: reading it says which
    if there:
        # Also a link that leads nowhere or in a circle: it names a file, not a bundled
        # scenario, and reading it gives the reason.
        return path, arg
    name = arg.removesuffix(".yaml").removesuffix(".yml")
    if "/" not in arg and "\\" not in arg and name in bundled_names():
        return bundled_dir() / f"{name}.yaml", f"{name}.yaml"
    known = ", ".join(bundled_names()) or _say("none")
    raise ScenarioError([Finding(arg, 0, 0, "error", _say("no_such_scenario", names=known))])
