"""Start-up: the wall time of ``crisis-sim --help`` against ``python -c pass``.

Both are whole processes, best of five. The imports of ``--help`` come from
``python -X importtime -m simulator --help``: the figure is the number of modules it
imports against a bare interpreter's, and the target is that none of textual, faker or
pydantic is among them (engine and sessions issue, benchmark issue).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.common import Result, best_of

HEAVY = ("textual", "faker", "pydantic")


def command() -> str:
    """The installed ``crisis-sim`` beside this interpreter."""
    return str(Path(sys.executable).parent / "crisis-sim")


def _quiet(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def imported(*args: str) -> list[str]:
    """Every module a Python command imports, from ``-X importtime``, in order."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, check=True
    ).stderr
    names = []
    for line in err.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if line.startswith("import time:") and len(fields) == 3 and fields[0].strip().isdigit():
            names.append(fields[2].strip())  # the header line has no figures
    return names


def run(quick: bool = False) -> list[Result]:
    """Time both processes; count the modules and look for the heavy ones."""
    repeats = 5
    _quiet(command(), "--help")  # warm caches and bytecode first
    ours = best_of(repeats, lambda: _quiet(command(), "--help"))
    bare = best_of(repeats, lambda: _quiet(sys.executable, "-c", "pass"))
    modules = imported("-m", "simulator", "--help")
    bare_modules = imported("-c", "pass")
    heavy = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})
    return [
        Result(
            "start-up: crisis-sim --help wall time",
            ours,
            bare,
            "s",
            "report",
            True,
            f"best of {repeats}; baseline python -c pass",
        ),
        Result(
            "start-up: modules imported by --help",
            len(modules),
            len(bare_modules),
            "modules",
            "none of " + ", ".join(HEAVY),
            not heavy,
            "heavy imports: " + (", ".join(heavy) if heavy else "none"),
        ),
    ]


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result.line())
