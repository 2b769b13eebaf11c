"""What the web seats' tests share: their scenario, a free port, the host's children."""

from __future__ import annotations

import socket
from pathlib import Path

SCENARIO = """\
format: 1
id: nett
title: Ras i Bakkeby
duration: 30m
language: nb
summary: Et ras har gått i Bakkeby. Dere er kommunens kommunikasjonsstab.
organisation: {name: Bakkeby kommune, handle: bakkebykommune}
personas:
  - {id: kari, name: Kari Nordmann}
  - {id: avisa, name: Bakkeby Avis, role: media}
injects:
  - {id: post, at: 0m, from: kari, kind: post, text: "Det har gått et ras ved skolen!"}
  - id: sporsmal
    at: 0m
    from: avisa
    kind: press
    text: "Hvor mange er evakuert fra Bakkeby?"
    expect:
      - {do: reply, within: 20m}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listens(path: Path) -> bool:
    """Whether something answers on the Unix socket at ``path``."""
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def children(pid: int) -> list[int]:
    """The processes the host started (the consoles of browser tabs)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def consoles_of(folder: Path) -> list[int]:
    """The running consoles (``join --served``) of the exercise in ``folder``, whoever
    their parent is now."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"--served" in words and str(folder).encode() in b" ".join(words) and state != "Z":
            found.append(int(entry.name))
    return found
