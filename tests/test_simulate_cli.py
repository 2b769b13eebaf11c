"""``crisis-sim simulate``: the summary, the default session path, determinism, located
errors in scripted-team files (and no half session), ``--until`` and ``--session``."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Done, run_cli, run_cli_process, scenario_text, simulate

NOISE = """\
noise:
  - id: prat
    authors: {role: citizen, count: 20}
    rate: [{at: 0m, per_minute: 2}, {at: 30m, per_minute: 6}]
    mix: {valid: 3, misleading: 1, irrelevant: 1}
    texts:
      valid: ["Ras i {sted} kl {clock}", "{fake.first_name} sier det er ille"]
      misleading: ["Dambrudd i {sted}!"]
      irrelevant: ["Fint vær"]
"""

SCENARIO = scenario_text(NOISE)  # injects 'first' at 1m and 'press-1' at 5m, 30 minutes

TEAM = """\
- at: 2m
  do: reply
  to: first
  text: "Vi jobber med saken i {sted}"
- at: 4m
  do: note
  text: "Ring politiet"
- at: 6m
  do: reply
  to: press-1
  text: "Alle i {sted} er evakuert"
"""

SUMMARY = re.compile(
    r"Delivered ([\d,]+) items up to (T\+[\d:]+)\.\n"
    r"Expectations: (\d+) met, (\d+) late, (\d+) missed"
    r"(?:, \d+ breached \(said what must not be said\))?"
    r"(?:, \d+ not reached \(the exercise ended before the deadline\))?"
    r"(?:, (\d+) still open)?\.\n"
    r"Session \((.+)\): (.+)\n$"
)


def summary(proc: Done) -> re.Match[str]:
    found = SUMMARY.fullmatch(proc.stdout)
    assert found, proc.stdout
    return found


def export(folder: Path, session: str) -> list[dict[str, Any]]:
    proc = run_cli("export", session, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def session_files(folder: Path) -> list[Path]:
    """Every session, partial session or SQLite companion under the folder."""
    return sorted(p for p in folder.rglob("*") if ".sqlite" in p.name)


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


# --- summary and default path --------------------------------------------------------


def test_summary_counts_match_the_session_and_default_path(tmp_path: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    proc = run_cli_process("simulate", "jordras", "--seed", "21", cwd=tmp_path)  # end to end
    assert proc.returncode == 0, proc.stderr
    after = datetime.now(UTC)
    found = summary(proc)
    delivered, until, met, late, missed, still_open, state, shown = found.groups()
    assert until == "T+1:30:00"
    assert state == "ended"
    assert still_open is None

    match = re.fullmatch(r"sessions/jordras-(\d{8}T\d{6}Z)(?:-\d+)?\.sqlite", shown)
    assert match, shown
    stamp = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= stamp <= after
    assert (tmp_path / shown).is_file()
    assert session_files(tmp_path) == [tmp_path / shown]  # no .partial, -wal or -shm left

    exported = run_cli_process("export", shown, cwd=tmp_path)  # end to end
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert int(delivered.replace(",", "")) == sum(r["type"] == "delivered" for r in rows) > 0
    statuses = [r["status"] for r in rows if r["type"] == "expectation"]
    assert (int(met), int(late), int(missed)) == (
        statuses.count("met"),
        statuses.count("late"),
        statuses.count("missed"),
    )
    assert int(missed) > 0  # nobody answered
    assert rows[-1]["type"] == "session_end"


def test_two_runs_get_two_default_session_files(tmp_path: Path, scenario: Path) -> None:
    first = summary(simulate(tmp_path, "s.yaml", "--seed", "1")).group(8)
    second = summary(simulate(tmp_path, "s.yaml", "--seed", "1")).group(8)
    assert first != second
    assert (tmp_path / first).is_file() and (tmp_path / second).is_file()
    for shown in (first, second):
        assert re.fullmatch(r"sessions/mini-\d{8}T\d{6}Z(-\d+)?\.sqlite", shown), shown


def test_scripted_team_meets_expectations(tmp_path: Path, scenario: Path) -> None:
    (tmp_path / "team.yaml").write_text(TEAM, encoding="utf-8")
    found = summary(
        simulate(
            tmp_path, "s.yaml", "--seed", "4", "--actions", "team.yaml", "--session", "team.sqlite"
        )
    )
    assert found.group(3, 4, 5) == ("2", "0", "0")
    assert found.group(8) == "team.sqlite"


# --- determinism ---------------------------------------------------------------------


def _deliveries(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (r["item"], r["t"], r["author"], r["name"], r["text"], r["truth"])
        for r in rows
        if r["type"] == "delivered"
    ]


def test_same_seed_and_actions_give_the_same_deliveries(tmp_path: Path, scenario: Path) -> None:
    (tmp_path / "team.yaml").write_text(TEAM, encoding="utf-8")
    runs = {}
    for name, seed in (("a", "77"), ("b", "77"), ("c", "78")):
        simulate(
            tmp_path,
            "s.yaml",
            "--seed",
            seed,
            "--actions",
            "team.yaml",
            "--session",
            f"{name}.sqlite",
        )
        runs[name] = export(tmp_path, f"{name}.sqlite")
    first, again, other = (_deliveries(runs[k]) for k in "abc")
    assert len(first) > 50
    assert first == again
    team = [d for d in first if d[2] == "org"]  # not the public's reactions to them
    assert [d[4] for d in team] == ["Vi jobber med saken i Bakkeby", "Alle i Bakkeby er evakuert"]

    def noise(deliveries: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [d for d in deliveries if d[0].startswith("prat-")]

    assert noise(other) != noise(first)
    assert {d[1:3] for d in noise(other)} != {d[1:3] for d in noise(first)}


# --- bad scripted-team files ---------------------------------------------------------

OK_FIRST = """\
- at: 2m
  do: reply
  to: first
  text: "Vi ser på det"
"""

BAD_ACTIONS = {
    # (file text, line the error names, fragment of the message)
    "not-yet-delivered": (
        OK_FIRST
        + """\
- at: 3m
  text: "For tidlig"
  to: press-1
  do: reply
""",
        5,
        "'press-1' has not been delivered yet",
    ),
    "unknown-item": (
        OK_FIRST
        + """\
- at: 3m
  text: "Hvem?"
  to: finnes-ikke
  do: reply
""",
        5,
        "no item 'finnes-ikke'",
    ),
    "unknown-do": (
        OK_FIRST
        + """\
- at: 3m
  to: first
  do: dance
""",
        7,
        "'dance' is not an action",
    ),
    "flag-without-label": (
        OK_FIRST
        + """\
- at: 3m
  to: first
  do: flag
""",
        7,
        "'flag' needs 'label'",
    ),
    "not-a-list": ("at: 2m\ndo: reply\nto: first\n", 1, "is a list of actions"),
    "invalid-yaml": ("- at: 2m\n  do: note\n\ttext: tab\n", 3, "invalid YAML"),
}


@pytest.mark.parametrize("case", list(BAD_ACTIONS))
def test_bad_actions_are_located_and_nothing_is_written(
    tmp_path: Path, scenario: Path, case: str
) -> None:
    text, line, fragment = BAD_ACTIONS[case]
    (tmp_path / "team.yaml").write_text(text, encoding="utf-8")
    proc = run_cli(
        "simulate",
        "s.yaml",
        "--seed",
        "1",
        "--actions",
        "team.yaml",
        "--session",
        "out.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    first = proc.stderr.splitlines()[0]
    assert re.match(rf"team\.yaml:{line}(:\d+)?: error: ", first), proc.stderr
    assert fragment in first, proc.stderr
    assert proc.stdout == ""
    assert session_files(tmp_path) == []


def test_an_action_failing_mid_run_leaves_no_default_session(
    tmp_path: Path, scenario: Path
) -> None:
    text, line, _fragment = BAD_ACTIONS["not-yet-delivered"]
    (tmp_path / "team.yaml").write_text(text, encoding="utf-8")
    proc = run_cli(
        "simulate", "s.yaml", "--seed", "1", "--actions", "team.yaml", cwd=tmp_path, lang=None
    )
    assert proc.returncode == 1
    # The scenario speaks bokmål, and so does every line about it.
    assert proc.stderr.startswith(f"team.yaml:{line}: feil: ")
    assert "Ingenting er skrevet" in proc.stderr
    assert session_files(tmp_path) == []


def test_the_failing_action_is_named_even_after_a_note_at_the_same_time(
    tmp_path: Path, scenario: Path
) -> None:
    (tmp_path / "team.yaml").write_text(
        """\
- at: 2m
  do: note
  text: "Følger med"
- at: 2m
  do: reply
  to: press-1
  text: "For tidlig"
""",
        encoding="utf-8",
    )
    proc = run_cli(
        "simulate",
        "s.yaml",
        "--seed",
        "1",
        "--actions",
        "team.yaml",
        "--session",
        "out.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert session_files(tmp_path) == []
    assert proc.stderr.startswith("team.yaml:4: error: "), proc.stderr


def test_a_missing_actions_file_is_a_usage_error(tmp_path: Path, scenario: Path) -> None:
    proc = run_cli(
        "simulate",
        "s.yaml",
        "--seed",
        "1",
        "--actions",
        "nowhere.yaml",
        "--session",
        "out.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "nowhere.yaml" in proc.stderr
    assert session_files(tmp_path) == []


# --- --until and --session -----------------------------------------------------------


def test_until_stops_early_without_ending(tmp_path: Path, scenario: Path) -> None:
    found = summary(
        simulate(tmp_path, "s.yaml", "--seed", "3", "--until", "10m", "--session", "cut.sqlite")
    )
    assert found.group(2) == "T+10:00"
    assert "not ended" in found.group(7)
    assert found.group(8) == "cut.sqlite"
    rows = export(tmp_path, "cut.sqlite")
    assert max(r["t"] for r in rows) <= 600
    assert "session_end" not in {r["type"] for r in rows}
    delivered = {r["item"] for r in rows if r["type"] == "delivered"}
    assert {"first", "press-1"} <= delivered  # it did run up to 10 minutes

    whole = summary(simulate(tmp_path, "s.yaml", "--seed", "3", "--session", "whole.sqlite"))
    assert int(whole.group(1)) > int(found.group(1))
    assert whole.group(7) == "ended"


def test_an_existing_session_path_is_refused_and_untouched(tmp_path: Path, scenario: Path) -> None:
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"last week's exercise")
    before = taken.stat()
    proc = run_cli("simulate", "s.yaml", "--seed", "1", "--session", "taken.sqlite", cwd=tmp_path)
    assert proc.returncode == 2
    assert "taken.sqlite" in proc.stderr
    assert taken.read_bytes() == b"last week's exercise"
    assert taken.stat().st_mtime_ns == before.st_mtime_ns
    assert session_files(tmp_path) == [taken]


def test_an_action_after_the_end_stops_the_run_and_nothing_is_written(
    tmp_path: Path, scenario: Path
) -> None:
    (tmp_path / "team.yaml").write_text(
        OK_FIRST
        + """\
- at: 31m
  do: statement
  text: "For sent"
""",
        encoding="utf-8",
    )
    proc = run_cli(
        "simulate",
        "s.yaml",
        "--seed",
        "1",
        "--actions",
        "team.yaml",
        "--session",
        "out.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.match(r"team\.yaml:5(:\d+)?: error: ", proc.stderr), proc.stderr
    assert proc.stdout == ""
    assert session_files(tmp_path) == []


def test_until_scores_what_is_still_open_as_open(tmp_path: Path, scenario: Path) -> None:
    simulate(tmp_path, "s.yaml", "--seed", "3", "--until", "3m", "--session", "cut.sqlite")
    proc = run_cli_process("score", "cut.sqlite", "--format", "json", cwd=tmp_path)  # end to end
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    # 'first' came at 1m; its deadline lies after 3m, so it is neither met nor missed yet.
    [first] = data["expectations"]
    assert (first["inject"], first["status"], first["delivered"], first["responded"]) == (
        "first",
        "open",
        60.0,
        None,
    )
    assert first["deadline"] > 180
    assert (data["summary"]["open"], data["summary"]["missed"]) == (1, 0)
    assert data["summary"]["score"] is None  # nothing settled yet to judge
    table = run_cli_process("score", "cut.sqlite", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "first" in table.stdout  # the row is shown, not left out

    simulate(tmp_path, "s.yaml", "--seed", "3", "--session", "whole.sqlite")
    whole = json.loads(run_cli("score", "whole.sqlite", "--format", "json", cwd=tmp_path).stdout)
    # press-1's deadline lies after the end: not reached, not missed
    assert {e["inject"]: e["status"] for e in whole["expectations"]} == {
        "first": "missed",
        "press-1": "not_reached",
    }
    assert whole["summary"]["open"] == 0
