"""Scenarios at the edge of every limit validate, and every command finishes on them.

Each scenario here sits on the limits of docs/scenario-format.md ("Limits"): the longest
ids, names and texts, dates in 1900 and 2200, the largest weights, followers, reach and
points, deadlines a day past the end, thousands of placeholders. Every command runs on
each through the command line's entry point, with a 30-second limit per run (a run that
does not finish is a hang and fails the test), must exit 0 without a traceback, and the
session it writes must stay within ``session_bound``.

The largest session the limits allow (10,000 items a minute for 7 days, about 100.8
million items) is too large to write in a test; it is checked by arithmetic instead
(``test_the_worst_case_bound_is_the_documented_one``), and the runs below take the two
factors one at a time: the highest rate for a short exercise, and the longest exercise
at a low rate.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.scenario import limits
from simulator.scenario.loader import check_text
from tests.helpers import run_cli

TIMEOUT = 30  # seconds per run: the harness's hang detector, not a speed target
DOCS = Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _id(char: str) -> str:
    return char * limits.MAX_ID


@dataclass(frozen=True)
class Edge:
    """One scenario at the limits: what it pushes, and its parameters."""

    name: str
    duration: str
    start: str
    rate: float
    within: str
    text: str
    author_name: str
    noise_text: str = "Ras i {sted}"
    authors: int = 50
    variables: tuple[tuple[str, str], ...] = (("sted", "Brattlia"),)
    injects: int = 0  # extra injects, each with two expectations


def build(edge: Edge) -> str:
    """The scenario text of an edge case."""
    variables = "\n".join(f"  {k}: {_q(v)}" for k, v in edge.variables)
    weights = ", ".join(f"{k}: {limits.MAX_MIX_WEIGHT:.0f}" for k in ("valid", "misleading"))
    noise = _q(edge.noise_text)
    extra = "".join(
        f"  - {{id: {k}-{'x' * 50}, at: {k * 60}, from: {_id('p')}, kind: press, "
        f"text: 'Spørsmål {k} kl. {{clock}}', "
        "expect: [{do: reply}, {do: flag, label: valid}]}\n"
        for k in range(edge.injects)
    )
    return f"""\
format: 1
id: {_id("s")}
title: {_q("T" * limits.MAX_TEXT)}
duration: {edge.duration}
language: nb
start: "{edge.start}"
summary: {_q("S" * limits.MAX_TEXT)}
organisation: {{name: {_q(edge.author_name)}, handle: {_q("h" * limits.MAX_NAME)}}}
variables:
{variables}
personas:
  - id: {_id("p")}
    name: {_q(edge.author_name)}
    handle: {_q("k" * limits.MAX_NAME)}
    role: journalist
    followers: {limits.MAX_FOLLOWERS}
injects:
  - id: {_id("a")}
    at: 0
    from: {_id("p")}
    kind: press
    text: {_q(edge.text)}
    reach: {limits.MAX_REACH}
    notes: {_q("n" * limits.MAX_TEXT)}
    expect:
      - do: [reply, statement, flag, hide, escalate]
        label: misleading
        within: {edge.within}
        points: {limits.MAX_POINTS:.0f}
        mention: [{_q("m" * limits.MAX_TEXT)}]
  - id: {_id("b")}
    at: {edge.duration}
    from: {_id("p")}
    kind: post
    text: "Kl. {{clock}} ved slutten"
{extra}noise:
  - id: {_id("n")}
    authors: {{role: citizen, count: {edge.authors}}}
    rate:
      - {{at: 0, per_minute: {edge.rate:g}}}
      - {{at: {edge.duration}, per_minute: {edge.rate:g}}}
    mix: {{{weights}}}
    texts:
      valid: [{noise}]
      misleading: [{noise}]
scoring:
  deadlines: {{press: {edge.within}, post: {edge.within}, sensitive: {edge.within}}}
  first_statement: {edge.within}
guidelines:
  avoid: [{_q("v" * limits.MAX_TEXT)}]
"""


EDGES = [
    # The highest rate, for a short exercise; the longest texts, of two-byte letters and
    # control characters (stored escaped, six bytes each).
    Edge(
        "max-rate",
        duration="2m",
        start="2026-03-12T07:40:00+01:00",
        rate=limits.MAX_RATE,
        within="24h2m",
        text="ø\x01" * (limits.MAX_TEXT // 2),
        author_name="Å" * limits.MAX_NAME,
    ),
    # The longest exercise, ending in 2201 in UTC; the most generated authors; a deadline
    # a day past the end; a text of names that fills the limit once they are in.
    Edge(
        "max-duration",
        duration="168h",
        start="2200-12-31T23:59:59-12:00",
        rate=1,
        within="192h",
        text="{author} " * (limits.MAX_TEXT // (limits.PLACEHOLDER_WIDTH + 1)),
        author_name="Ø" * limits.MAX_NAME,
        authors=limits.MAX_AUTHORS,
    ),
    # The earliest date (1899 in UTC); 6,666 placeholders in one text; four-byte characters.
    Edge(
        "old-date-many-placeholders",
        duration="1h",
        start="1900-01-01T00:00:00+14:00",
        rate=10,
        within="25h",
        text="{a}" * (limits.MAX_TEXT // 3),
        author_name="E" * limits.MAX_NAME,
        noise_text="{sted} " + "😀" * (limits.MAX_TEXT - 8),
        variables=(("a", "🙂"), ("sted", "B")),
    ),
    # Many injects with expectations (a tenth of the limit, to keep the run short).
    Edge(
        "many-injects",
        duration="168h",
        start="2026-03-12T07:40:00+01:00",
        rate=0.5,
        within="192h",
        text="Hvor mange er evakuert fra {sted}?",
        author_name="Kari Nordmann",
        injects=limits.MAX_INJECTS // 10,
    ),
]


class Hang(BaseException):
    """A run went on past :data:`TIMEOUT`; a BaseException, so that no handler of the
    command's own takes it for a failure to report."""


@contextlib.contextmanager
def _hang_detector(seconds: float) -> Iterator[None]:
    """Stop the block with :class:`Hang` once it has run ``seconds``."""

    def stop(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _ok(*args: str, cwd: Path) -> str:
    with _hang_detector(TIMEOUT):
        proc = run_cli(*args, cwd=cwd)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, (args, output[-2000:])
    assert "internal error" not in output.lower(), (args, output[-2000:])
    return proc.stdout


def _session_size(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        (events,) = conn.execute("SELECT count(*) FROM events").fetchone()
    return events, path.stat().st_size


@pytest.mark.parametrize("edge", EDGES, ids=[e.name for e in EDGES])
def test_every_command_finishes_on_a_scenario_at_the_limits(edge: Edge, tmp_path: Path) -> None:
    text = build(edge)
    scenario_file = tmp_path / "edge.yaml"
    scenario_file.write_text(text, encoding="utf-8")
    result = check_text(text, "edge.yaml")
    assert result.ok and result.scenario is not None, [f.as_text() for f in result.findings]
    max_events, max_bytes = limits.session_bound(result.scenario)

    assert "valid (0 errors" in _ok("validate", "edge.yaml", cwd=tmp_path)
    for fmt in ("table", "md", "csv", "json"):
        _ok("preview", "edge.yaml", "--format", fmt, cwd=tmp_path)
    _ok("msel", "export", "edge.yaml", "-o", "msel.csv", cwd=tmp_path)
    _ok("simulate", "edge.yaml", "--seed", "1", "--session", "run.sqlite", cwd=tmp_path)
    session = tmp_path / "run.sqlite"
    events, size = _session_size(session)
    assert 0 < events <= max_events
    assert size <= max_bytes
    for fmt in ("table", "json", "csv", "md"):
        _ok("score", "run.sqlite", "--format", fmt, cwd=tmp_path)
    _ok("score", "run.sqlite", "--format", "html", "-o", "report.html", cwd=tmp_path)
    assert (tmp_path / "report.html").stat().st_size > 0
    _ok("export", "run.sqlite", "-o", "events.jsonl", cwd=tmp_path)
    assert _ok("replay", "--help", cwd=tmp_path)


def test_the_longest_id_makes_a_default_session_name(tmp_path: Path) -> None:
    edge = EDGES[2]
    (tmp_path / "edge.yaml").write_text(build(edge), encoding="utf-8")
    _ok("simulate", "edge.yaml", "--seed", "1", cwd=tmp_path)
    (made,) = (tmp_path / "sessions").glob("*.sqlite")
    assert made.name.startswith(_id("s"))


def _documented(name: str) -> int:
    """A number the docs' "Limits" section gives for ``name``, as written there."""
    section = DOCS.read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"{name}[^0-9]*([0-9][0-9,]*)", section)
    assert match, name
    return int(match.group(1).replace(",", ""))


def test_the_worst_case_bound_is_the_documented_one() -> None:
    events, size = limits.worst_case_bound()
    # 10,000 a minute for 7 days is 100.8 million items, and the margin above them (of 100
    # streams with 20 bursts each) is small.
    items = limits.MAX_RATE * limits.MAX_DURATION // 60
    assert items == 100_800_000
    assert items < events < items * 1.06
    assert events == _documented("worst-case events")
    assert size == _documented("worst-case bytes")


def test_a_max_rate_week_long_scenario_is_within_the_worst_case_bound() -> None:
    edge = Edge(
        "worst",
        duration=f"{limits.MAX_DURATION // 3600}h",
        start="2026-03-12T07:40:00+01:00",
        rate=limits.MAX_RATE,
        within=f"{limits.MAX_ANY_DURATION // 3600}h",
        text="x" * limits.MAX_TEXT,
        author_name="N" * limits.MAX_NAME,
        noise_text="y" * limits.MAX_TEXT,
    )
    result = check_text(build(edge), "worst.yaml")
    assert result.ok and result.scenario is not None, [f.as_text() for f in result.findings]
    events, size = limits.session_bound(result.scenario)
    worst_events, worst_size = limits.worst_case_bound()
    assert limits.MAX_RATE * limits.MAX_DURATION // 60 < events <= worst_events
    assert size <= worst_size


def _limits_row(label: str) -> str:
    section = DOCS.read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith(f"| {label} |")]
    assert len(rows) == 1, label
    return rows[0]


@pytest.mark.parametrize(
    ("label", "fragment"),
    [
        ("`duration`", f"at most {limits.MAX_DURATION // limits.DAY} days"),
        ("`start`", f"from {limits.MIN_YEAR} to {limits.MAX_YEAR}"),
        ("`followers`", f"0 to {limits.MAX_FOLLOWERS:,}"),
        ("`reach`", f"0 to {limits.MAX_REACH:,}"),
        ("`points`, `guidelines.penalty`", f"at most {limits.MAX_POINTS:,.0f}"),
        ("`audience`", f"1 to {limits.MAX_AUDIENCE:,}"),
        ("objectives", f"at most {limits.MAX_OBJECTIVES}"),
        ("`per_minute` of a rate point", f"0 to {limits.MAX_RATE:,}"),
        ("the peak rates of all noise streams added together", f"{limits.MAX_RATE:,}"),
        ("bursts of one noise stream", f"at most {limits.MAX_BURSTS}"),
        ("variants of one rumour", f"at most {limits.MAX_VARIANTS}"),
        ("a `mix` weight", f"0 to {limits.MAX_MIX_WEIGHT:,.0f}"),
        ("`authors: {count}`", f"1 to {limits.MAX_AUTHORS:,}"),
        ("injects, personas", f"at most {limits.MAX_INJECTS:,}"),
        ("noise streams", f"at most {limits.MAX_STREAMS}"),
        ("rate points of one stream", f"at most {limits.MAX_RATE_POINTS:,}"),
        ("expectations of one inject", f"at most {limits.MAX_EXPECT}"),
        (
            "`mention` phrases, `require` entries, `forbid` phrases of one expectation",
            f"at most {limits.MAX_MENTION}",
        ),
        (
            "a phrase of `require`, `forbid` or `guidelines.forbid`",
            f"at most {limits.MAX_PHRASE}",
        ),
        ("persona and organisation `name` and `handle`", f"at most {limits.MAX_NAME}"),
        (
            "ids (scenario, personas, injects, noise streams, platforms), variable names",
            f"1 to {limits.MAX_ID}",
        ),
        ("`platforms`", f"at most {limits.MAX_PLATFORMS}"),
    ],
)
def test_the_limits_table_gives_the_limits_in_force(label: str, fragment: str) -> None:
    assert fragment in _limits_row(label)
