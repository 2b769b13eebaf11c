"""Shared test helpers: the installed command, and small scenario texts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path


def cli_path() -> str:
    """The installed ``crisis-sim`` command beside this interpreter."""
    beside = Path(sys.executable).with_name("crisis-sim")
    found = str(beside) if beside.exists() else shutil.which("crisis-sim")
    if not found:
        raise RuntimeError("crisis-sim is not installed; follow the README's install command")
    return found


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would, capturing its output."""
    proc = subprocess.run([cli_path(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


MINIMAL = """\
format: 1
id: mini
title: Mini
duration: 30m
language: nb
variables:
  sted: Bakkeby
personas:
  - id: kari
    name: Kari Nordmann
  - id: avisa
    name: Avisa
    role: media
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    text: "Ras i {sted}"
    expect:
      - do: reply
  - id: press-1
    at: 5m
    from: avisa
    kind: press
    text: "Hvor mange er evakuert?"
    expect:
      - do: reply
        mention: ["{sted}"]
"""


def scenario_text(extra: str = "", base: str = MINIMAL) -> str:
    """The minimal valid scenario, with YAML appended (dedented)."""
    return base + textwrap.dedent(extra)


def with_injects(extra: str, base: str = MINIMAL) -> str:
    """The minimal scenario with more injects appended to its list."""
    return base + textwrap.indent(textwrap.dedent(extra), "  ")
