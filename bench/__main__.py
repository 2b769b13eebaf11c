"""``python -m bench [--quick]``: run every benchmark and write ``docs/performance.md``.

Each benchmark module has ``run(quick)`` returning a Result or a list of them; its
docstring says what it measures and goes into the page. Each runs in a fresh interpreter:
the benchmarks do not disturb one another, only the feed pays for importing textual, and
this process stays small (on Linux a child's ``ru_maxrss`` starts from its parent's peak).
The figures are printed and written, never checked: a missed target is shown as such, and
only a benchmark that fails to run makes the exit status non-zero.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import time
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench.common import Result, machine

BENCHMARKS = (
    "validation",
    "simulate",
    "feed",
    "score",
    "startup",
    "seats",
    "web_seats",
    "database",
)
HERE = Path(__file__).resolve().parent
PAGE = HERE.parent / "docs" / "performance.md"
MARK = "BENCH-RESULTS "

_RUN = f"""
import dataclasses, json, sys
from importlib import import_module
outcome = import_module("bench." + sys.argv[1]).run(sys.argv[2] == "quick")
results = outcome if isinstance(outcome, list) else [outcome]
print({MARK!r} + json.dumps([dataclasses.asdict(r) for r in results]))
"""


def run_one(name: str, quick: bool) -> list[Result]:
    """One benchmark in a fresh interpreter; raises RuntimeError with its output if it fails."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, name, "quick" if quick else "full"],
        capture_output=True,
        text=True,
        cwd=HERE.parent,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"exit status {done.returncode}\n{done.stdout}{done.stderr}")
    return [Result(**row) for row in json.loads(lines[-1].removeprefix(MARK))]


def _figure(value: float, unit: str) -> str:
    if unit in ("items/s", "events/s"):
        return f"{value:,.0f} {unit}"
    if unit == "modules":
        return f"{value:.0f} {unit}"
    return f"{value:.3g} {unit}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _note(name: str) -> str:
    """A benchmark's module docstring as Markdown paragraphs (read, not imported)."""
    tree = ast.parse((HERE / f"{name}.py").read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    return "\n\n".join(" ".join(part.split()) for part in doc.split("\n\n"))


def render(
    sections: list[tuple[str, list[Result], str | None]], quick: bool, seconds: float
) -> str:
    """The Markdown page."""
    lines = [
        "# Performance",
        "",
        "Written by `python -m bench" + (" --quick" if quick else "") + "`; do not edit by "
        "hand, run it again.",
        "",
        f"- Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {machine()}",
        f"- Textual {version('textual')}, crisis-sim {version('crisis-sim')}",
        f"- Mode: {'quick (smaller sizes, figures indicative only)' if quick else 'full'}",
        f"- Whole run: {seconds:.0f} s",
        "",
        "Every baseline was measured in the same run as its figure; ratio is figure / baseline.",
        "",
        "| benchmark | figure | baseline | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, results, error in sections:
        if error is not None:
            lines.append(f"| {name} | failed to run | | | | no |")
        for r in results:
            lines.append(
                f"| {_cell(r.name)} | {_figure(r.figure, r.unit)} | "
                f"{_figure(r.baseline, r.unit)} | {r.ratio:.2f}x | {_cell(r.target)} "
                f"| {'yes' if r.met else '**no**'} |"
            )
    lines += ["", "## What is measured", ""]
    for name, results, error in sections:
        lines += [f"### {name}", "", _note(name), ""]
        for r in results:
            if r.detail:
                lines.append(f"- {r.name}: {r.detail}")
        if error is not None:
            lines += ["", "It failed to run:", "", "```", error.rstrip(), "```"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes, under two minutes; the figures are indicative",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(f"{machine()}{' (quick)' if args.quick else ''}", flush=True)
    sections = []
    failed = False
    for name in BENCHMARKS:
        try:
            results, error = run_one(name, args.quick), None
        except RuntimeError as err:
            results, error, failed = [], str(err), True
            print(f"{name}: failed to run: {error}", file=sys.stderr, flush=True)
        for result in results:
            print(result.line(), flush=True)
        sections.append((name, results, error))
    seconds = time.perf_counter() - started
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(render(sections, args.quick, seconds), encoding="utf-8")
    print(f"wrote {PAGE} in {seconds:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
