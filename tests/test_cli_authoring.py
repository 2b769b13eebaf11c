"""The authoring commands as a user runs them: list, schema, preview, new, usage errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator import __version__
from simulator.scenario.loader import load_scenario
from tests.helpers import run_cli, run_cli_process

# The bundled scenarios' names and languages (spec).
BUNDLED = {
    "jordras": "nb",
    "flood": "en",
    "omdommekrise": "nb",
    "ekstremver": "nn",
    "politi": "nb",
}

# A scenario written so that file order differs from delivery order: `follow-up` comes first
# in the file but waits 3m after `press-1` (at 5m), so it arrives at 8m, between `press-1`
# and `late` (10m). `early` is last in the file but first in time.
HAND = """\
format: 1
id: hand
title: Handmade
duration: 30m
language: en
start: "2026-03-12T07:40:00+01:00"
variables:
  place: Millbrook
personas:
  - id: sam
    name: Sam Carter
  - id: paper
    name: Millbrook Gazette
    role: media
injects:
  - id: follow-up
    after: {delivered: press-1}
    delay: 3m
    from: paper
    kind: news
    text: "Gazette: questions in {place} at {clock}"
  - id: late
    at: 10m
    from: sam
    kind: post
    text: "Still raining in {place}"
  - id: press-1
    at: 5m
    from: paper
    kind: press
    text: "How many were evacuated in {place}?"
    expect:
      - do: reply
        mention: ["{place}"]
  - id: early
    at: 2m
    from: sam
    kind: post
    text: "Water in {place} at {clock}"
noise:
  - id: ramp
    authors: [sam]
    rate:
      - {at: 0m, per_minute: 0}
      - {at: 10m, per_minute: 10}
    mix: {valid: 1}
    texts:
      valid: ["Wet"]
  - id: plateau
    authors: {role: citizen, count: 5}
    rate:
      - {at: 0m, per_minute: 6}
      - {at: 20m, per_minute: 6}
      - {at: 40m, per_minute: 0}
    mix: {irrelevant: 1}
    texts:
      irrelevant: ["Buses?"]
"""

# Worked out by hand from HAND. Start is 07:40; {place} is Millbrook.
HAND_ORDER = ["early", "press-1", "follow-up", "late"]
HAND_TEXTS = [
    "Water in Millbrook at 07:42",  # at 2m
    "How many were evacuated in Millbrook?",  # at 5m
    "Gazette: questions in Millbrook at 07:48",  # 5m + delay 3m = 8m
    "Still raining in Millbrook",  # at 10m
]
HAND_TIMES = [2 * 60, 5 * 60, 8 * 60, 10 * 60]
PRESS_WITHIN = 30 * 60  # built-in default deadline for press
PRESS_DUE = 5 * 60 + PRESS_WITHIN  # 2100 s, shown as T+35:00
# ramp: rate rises linearly 0 -> 10/min over 10 min, zero after: area = 10 * 10 / 2 = 50.
# plateau: 6/min for 20 min (120), then 6 -> 0 over 20..40m but the scenario ends at 30m,
# where the rate is 3/min: (6 + 3) / 2 * 10 = 45; total 165.
HAND_NOISE = {"ramp": (50, 10), "plateau": (165, 6)}


def wide_env(columns: int = 250) -> dict[str, str]:
    """The environment with a wide terminal for Rich tables."""
    return {**os.environ, "COLUMNS": str(columns)}


def table_rows(output: str, ncols: int) -> list[list[str]]:
    """Rows of a Rich box table with ``ncols`` columns; folded lines are joined."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) != ncols or cells[0] == "#":  # not a body row, or the header
            continue
        if cells[0]:
            rows.append(cells)
        elif rows:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def md_rows(output: str) -> list[list[str]]:
    """Body rows of the first Markdown table in the output."""
    lines = [ln for ln in output.splitlines() if ln.startswith("|")]
    return [
        [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", ln)[1:-1]]
        for ln in lines[2:]
    ]


def csv_rows(output: str) -> list[list[str]]:
    """Body rows of the preview CSV (header checked)."""
    records = list(csv.reader(io.StringIO(output)))
    assert records[0][:2] == ["#", "time"] and "text" in records[0]
    return records[1:]


# ---------------------------------------------------------------------------------------
# list


def test_list_shows_bundled_names_and_languages_from_any_folder(tmp_path: Path) -> None:
    proc = run_cli_process("list", cwd=tmp_path, env=wide_env())  # end to end
    assert proc.returncode == 0, proc.stderr
    rows = {r[0]: r for r in table_rows(proc.stdout, 6)}
    assert set(BUNDLED) <= set(rows), proc.stdout
    for name, language in BUNDLED.items():
        assert rows[name][2] == language
        assert rows[name][1] == load_scenario(name).scenario.title


# ---------------------------------------------------------------------------------------
# schema


def test_schema_is_json_with_the_format_structure(tmp_path: Path) -> None:
    proc = run_cli("schema")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    props = schema["properties"]
    for key in (
        "format",
        "id",
        "title",
        "duration",
        "summary",
        "language",
        "start",
        "organisation",
        "variables",
        "personas",
        "injects",
        "noise",
        "scoring",
        "guidelines",
    ):
        assert key in props, key
    assert set(schema["required"]) >= {"format", "id", "title", "duration"}
    assert schema["additionalProperties"] is False  # editors flag unknown keys

    def resolve(node: dict) -> dict:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/")
        return schema["$defs"][ref.removeprefix("#/$defs/")]

    inject = resolve(props["injects"]["items"])
    assert {"id", "from", "kind"} <= set(inject["required"])
    # A text, or a story that gives it: one of the two.
    assert inject["oneOf"] == [{"required": ["text"]}, {"required": ["story"]}]
    assert {"at", "after", "delay", "expect", "reply_to", "story"} <= set(inject["properties"])
    assert "from_" not in inject["properties"]  # the alias, as authors write it
    expectation = resolve(inject["properties"]["expect"]["items"])
    assert {"do", "within", "deadline", "label", "mention", "points"} <= set(
        expectation["properties"]
    )

    # -o writes the same schema to a file.
    target = tmp_path / "crisis-sim.schema.json"
    proc = run_cli("schema", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == schema


def test_schema_title_names_crisis_sim() -> None:
    proc = run_cli("schema")
    assert "crisis-sim" in json.loads(proc.stdout)["title"]


# ---------------------------------------------------------------------------------------
# preview


def test_preview_json_orders_expands_and_resolves_deadlines(write: Callable[..., Path]) -> None:
    path = write(HAND)
    proc = run_cli("preview", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    rows = data["injects"]
    assert [r["id"] for r in rows] == HAND_ORDER
    assert [r["number"] for r in rows] == [1, 2, 3, 4]
    assert [r["time"] for r in rows] == HAND_TIMES
    assert [r["text"] for r in rows] == HAND_TEXTS
    press = rows[1]
    assert press["from_name"] == "Millbrook Gazette"
    [action] = press["expect"]
    assert action["do"] == ["reply"]
    assert action["within"] == PRESS_WITHIN
    assert action["due"] == PRESS_DUE
    assert action["mention"] == ["Millbrook"]
    assert "press-1" in rows[2]["when"] and "T+08:00" in rows[2]["when"]
    noise = {n["id"]: (n["expected_items"], n["peak_per_minute"]) for n in data["noise"]}
    assert noise.keys() == HAND_NOISE.keys()
    for stream, (items, peak) in HAND_NOISE.items():
        assert noise[stream][0] == pytest.approx(items)
        assert noise[stream][1] == pytest.approx(peak)


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_preview_text_formats_show_the_same_events_list(
    fmt: str, write: Callable[..., Path]
) -> None:
    path = write(HAND)
    proc = run_cli("preview", str(path), "--format", fmt, env=wide_env())
    assert proc.returncode == 0, proc.stderr
    rows = {"table": lambda out: table_rows(out, 8), "md": md_rows, "csv": csv_rows}[fmt](
        proc.stdout
    )
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert [r[5] for r in rows] == HAND_TEXTS
    assert [r[1] for r in rows[:2]] == ["T+02:00", "T+05:00"]
    assert "press-1" in rows[2][1] and "T+08:00" in rows[2][1]
    assert rows[3][1] == "T+10:00"
    # 'expected actions': reply, 30 minutes by default, due at T+35:00.
    assert "reply" in rows[1][7] and "30 min" in rows[1][7] and "T+35:00" in rows[1][7]
    assert [r[7] for r in rows if r[0] != "2"] == ["", "", ""]
    if fmt != "csv":  # the noise summary
        for stream, (items, peak) in HAND_NOISE.items():
            line = next(ln for ln in proc.stdout.splitlines() if stream in ln)
            assert f"about {items} items" in line and f"peak {peak}/min" in line


def test_preview_csv_file_has_a_bom_for_spreadsheets(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write(HAND)
    target = tmp_path / "msel.csv"
    proc = run_cli("preview", str(path), "--format", "csv", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert [r[5] for r in csv_rows(raw.decode("utf-8-sig"))] == HAND_TEXTS


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_preview_json_of_bundled_scenarios(name: str) -> None:
    sc = load_scenario(name).scenario
    proc = run_cli("preview", name, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["injects"]
    assert sorted(r["id"] for r in rows) == sorted(i.id for i in sc.injects)
    times = [r["time"] for r in rows]
    known = [t for t in times if t is not None]
    assert known == sorted(known)
    assert times[: len(known)] == known  # never-delivered injects come last
    by_id = {i.id: i for i in sc.injects}
    for row in rows:
        assert by_id[row["id"]].after is None or row["when"].startswith("after ")
        for action in row["expect"]:
            assert action["due"] == row["time"] + action["within"]
        for variable in sc.variables:
            assert "{" + variable + "}" not in row["text"]
        if sc.start is not None:
            assert "{clock}" not in row["text"]
        assert "{author}" not in row["text"]
    streams = json.loads(proc.stdout)["noise"]
    assert [n["id"] for n in streams] == [s.id for s in sc.noise]
    for stream, summary in zip(sc.noise, streams, strict=True):
        assert summary["peak_per_minute"] <= max(p.per_minute for p in stream.rate)
        assert summary["expected_items"] > 0


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_preview_text_formats_of_a_bundled_scenario(fmt: str) -> None:
    sc = load_scenario("jordras").scenario
    proc = run_cli("preview", "jordras", "--format", fmt, env=wide_env(400))
    assert proc.returncode == 0, proc.stderr
    rows = {"table": lambda out: table_rows(out, 8), "md": md_rows, "csv": csv_rows}[fmt](
        proc.stdout
    )
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(sc.injects) + 1)]
    for row in rows:
        for variable in sc.variables:
            assert "{" + variable + "}" not in row[5]
    if fmt != "csv":
        for stream in sc.noise:
            assert stream.id in proc.stdout


def test_preview_table_is_readable_in_an_80_column_terminal(write: Callable[..., Path]) -> None:
    proc = run_cli_process("preview", str(write(HAND)), env=wide_env(80))  # end to end
    assert proc.returncode == 0, proc.stderr
    assert "evacuated" in proc.stdout  # a word of press-1's text, not folded letter by letter


def test_preview_peak_rate_is_within_the_scenario(write: Callable[..., Path]) -> None:
    # plateau now rises 6 -> 60/min over 20..40m; at the end (30m) it is 6 + 54 / 2 = 33.
    text = HAND.replace("{at: 40m, per_minute: 0}", "{at: 40m, per_minute: 60}")
    proc = run_cli("preview", str(write(text)), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    plateau = next(n for n in json.loads(proc.stdout)["noise"] if n["id"] == "plateau")
    assert plateau["expected_items"] == pytest.approx(6 * 20 + (6 + 33) / 2 * 10)
    assert plateau["peak_per_minute"] == pytest.approx(33)


def test_preview_table_to_a_missing_folder_is_a_usage_error(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write(HAND)
    proc = run_cli("preview", str(path), "-o", str(tmp_path / "nowhere" / "msel.txt"))
    assert proc.returncode == 2, proc.stderr
    assert "nowhere" in proc.stderr and "internal error" not in proc.stderr


def test_preview_md_to_a_missing_folder_is_a_usage_error(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write(HAND)
    proc = run_cli(
        "preview", str(path), "--format", "md", "-o", str(tmp_path / "nowhere" / "msel.md")
    )
    assert proc.returncode == 2
    assert "nowhere" in proc.stderr
    assert not (tmp_path / "nowhere").exists()


# ---------------------------------------------------------------------------------------
# new


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_new_writes_a_starter_that_passes_strict_validation(lang: str, tmp_path: Path) -> None:
    proc = run_cli("new", "drill", "--lang", lang, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    target = tmp_path / "drill.yaml"
    assert target.is_file()
    assert target.read_text(encoding="utf-8").lstrip().startswith("#")  # commented
    proc = run_cli("validate", "--strict", "drill.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    sc = load_scenario(target).scenario
    assert sc.language == lang
    assert sc.id == "drill"
    assert sc.injects and sc.noise


def test_new_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "drill.yaml"
    target.write_text("my own work\n", encoding="utf-8")
    proc = run_cli("new", "drill", cwd=tmp_path)
    assert proc.returncode == 2
    assert "drill.yaml" in proc.stderr and "--force" in proc.stderr
    assert target.read_text(encoding="utf-8") == "my own work\n"

    proc = run_cli("new", "drill", "--force", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8") != "my own work\n"
    assert load_scenario(target).scenario.id == "drill"


def test_new_in_nynorsk_declares_nynorsk(tmp_path: Path) -> None:
    proc = run_cli("new", "drill", "--lang", "nn", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert load_scenario(tmp_path / "drill.yaml").scenario.language == "nn"


def test_new_with_a_backslash_in_the_name_still_validates(tmp_path: Path) -> None:
    proc = run_cli("new", "Rapport\\Q1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    [written] = tmp_path.glob("*.yaml")
    proc = run_cli("validate", "--strict", written.name, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert load_scenario(written).scenario.title == "Rapport\\Q1"


@pytest.mark.parametrize(
    ("name", "file", "title", "ident"),
    [
        ("Ras i Bakkeby", "ras-i-bakkeby.yaml", "Ras i Bakkeby", "ras-i-bakkeby"),
        (
            'Flom: "Elva" går over',
            "flom-elva-gar-over.yaml",
            'Flom: "Elva" går over',
            "flom-elva-gar-over",
        ),
        (
            "Øvelse #2: Æ, ø og å",
            "ovelse-2-ae-o-og-a.yaml",
            "Øvelse #2: Æ, ø og å",
            "ovelse-2-ae-o-og-a",
        ),
        ("  Storm\tover\nØyer  ", "storm-over-oyer.yaml", "Storm over Øyer", "storm-over-oyer"),
        # A byte that is not UTF-8, as a terminal in another encoding sends it.
        ("Ras \udcff i Bakkeby", "ras-i-bakkeby.yaml", "Ras i Bakkeby", "ras-i-bakkeby"),
        ("Null", "null.yaml", "Null", "null"),  # an id YAML would otherwise read as nothing
        ("2026", "2026.yaml", "2026", "2026"),
        ("Beredskap '26.yaml", "Beredskap '26.yaml", "Beredskap '26", "beredskap-26"),
    ],
)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_new_names_the_scenario_on_its_first_line(
    name: str, file: str, title: str, ident: str, lang: str, tmp_path: Path
) -> None:
    proc = run_cli("new", name, "--lang", lang, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    target = tmp_path / file
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {title}"
    shown = f'"{file}"' if " " in file else file  # pasted into a shell as one argument
    assert lines[1].endswith(f"crisis-sim validate {shown}")
    assert lines[2].endswith(f"crisis-sim preview {shown}")
    proc = run_cli("validate", "--strict", file, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    sc = load_scenario(target).scenario
    assert (sc.title, sc.id) == (title, ident)


def test_new_with_an_empty_name_still_validates(tmp_path: Path) -> None:
    proc = run_cli("new", "   ", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    target = tmp_path / "scenario.yaml"
    assert target.read_text(encoding="utf-8").startswith("# Nytt scenario\n")
    assert run_cli("validate", "--strict", "scenario.yaml", cwd=tmp_path).returncode == 0
    assert load_scenario(target).scenario.title == "Nytt scenario"


# ---------------------------------------------------------------------------------------
# usage errors, version, python -m


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["frobnicate"], "frobnicate"),
        (["preview", "--bogus", "jordras"], "--bogus"),
        (["preview"], "SCENARIO"),
        (["msel", "import", "x.csv", "-o", "out.yaml"], "--into"),
    ],
)
def test_usage_errors_exit_2(args: list[str], needle: str, tmp_path: Path) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("command", [["preview"], ["msel", "export"], ["validate"]])
def test_a_missing_scenario_is_named(command: list[str], tmp_path: Path) -> None:
    proc = run_cli(*command, "no-such-scenario.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    out = proc.stdout + proc.stderr
    assert "no-such-scenario.yaml" in out
    assert "crisis-sim list" in out  # and says where the bundled names are


def test_version() -> None:
    proc = run_cli_process("--version")  # end to end
    assert proc.returncode == 0
    assert __version__ in proc.stdout


def test_python_dash_m_simulator(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    for command in ("list", "validate", "schema", "preview", "msel", "new"):
        assert re.search(rf"^\s+{command}\b", proc.stdout, re.MULTILINE), command
