"""What the command prints and writes, when the files it reads are hostile or odd.

Control characters quoted from a scenario, an actions file or a session never reach the
terminal raw; line numbers match what editors show, whatever line separators a text
holds; ``-o`` never destroys a session or an input; and a session whose stored scenario
no longer loads gets a plain message, not an internal error. Everything runs through the
command line on real files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, Ran, run_cli, scenario_text

# Every control character a terminal might obey: C0 but tab and line feed, DEL, and C1.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ESC = "\x1b"


def _no_raw_control(text: str, *, crlf: bool = False) -> None:
    shown = text.replace("\r\n", "\n") if crlf else text
    found = RAW_CONTROL.search(shown)
    assert found is None, f"raw {found.group()!r} in output:\n{text[-2000:]!r}"


def _clean_run(*args: str, cwd: Path, code: int) -> Ran:
    proc = run_cli(*args, cwd=cwd)
    everything = proc.stdout + proc.stderr
    assert proc.returncode == code, everything[-2000:]
    assert "internal error" not in everything, everything[-2000:]
    return proc


def _cells(text: str) -> int:
    """Terminal columns a text takes, as a terminal counts them."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


# ---------------------------------------------------------------------------------------
# Findings and their excerpts

# Double-quoted YAML escapes put the control characters into keys and names while the
# file itself stays valid YAML.
HOSTILE_KEYS = scenario_text("""\
    "\\e]0;pwned\\a\\x9bkey": 1
    """).replace(
    "variables:\n  sted: Bakkeby\n", 'variables:\n  sted: Bakkeby\n  "\\r\\e[2Jbad name": x\n'
)


def test_findings_quote_control_characters_visibly(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(HOSTILE_KEYS, encoding="utf-8")
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    _no_raw_control(proc.stdout)
    errors = [line for line in proc.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 2, proc.stdout
    assert "unknown key '␛]0;pwned␇<U+009B>key'" in proc.stdout
    # The carriage return is shown, so it cannot send the cursor back over the line.
    assert "variable name '␍␛[2Jbad name'" in proc.stdout


def test_json_findings_keep_the_text_but_escape_it(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(HOSTILE_KEYS, encoding="utf-8")
    proc = _clean_run("validate", "--format", "json", "s.yaml", cwd=tmp_path, code=1)
    _no_raw_control(proc.stdout)
    messages = [f["message"] for f in json.loads(proc.stdout)]
    assert any("'\x1b]0;pwned\x07\x9bkey'" in m for m in messages), messages


def test_a_quoted_line_break_cannot_start_a_line_of_its_own(tmp_path: Path) -> None:
    text = scenario_text('"x\\ns.yaml:1:1: error: fake": 1\n')
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    assert not any(
        line.startswith("s.yaml:1:1: error: fake") for line in proc.stdout.splitlines()
    ), proc.stdout
    assert "'x␊s.yaml:1:1: error: fake'" in proc.stdout


def test_invisible_characters_in_a_key_are_shown(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(scenario_text("summary\u200b: x\n"), encoding="utf-8")
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    assert "unknown key 'summary<U+200B>'; did you mean 'summary'?" in proc.stdout


def _caret_under(stdout: str, marker: str) -> tuple[str, str]:
    """The excerpt line holding ``marker`` and the caret line below it."""
    lines = stdout.splitlines()
    k = next(k for k, line in enumerate(lines) if " | " in line and marker in line)
    return lines[k], lines[k + 1]


def test_the_caret_stays_under_the_column_after_wide_and_shown_characters(tmp_path: Path) -> None:
    # NEL (U+0085) is allowed raw in YAML, and is shown as <U+0085>; the emoji takes two
    # terminal columns. The caret must still point at 'pst'.
    line = '  - {id: third, at: 2m, from: kari, text: "Ras\u0085🙂 ute", kind: pst}\n'
    text = MINIMAL.replace("injects:\n", "injects:\n" + line)
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    _no_raw_control(proc.stdout)
    number = text.split("\n").index(line.rstrip("\n")) + 1
    assert re.search(
        rf"^s\.yaml:{number}:\d+: error: kind must be one of", proc.stdout, re.MULTILINE
    ), proc.stdout
    shown, caret = _caret_under(proc.stdout, "kind: pst")
    assert "Ras<U+0085>🙂 ute" in shown
    assert _cells(caret.index("^") * " ") == _cells(shown[: shown.index("pst")])


def test_the_caret_is_under_a_raw_escape_byte(tmp_path: Path) -> None:
    text = MINIMAL.replace("title: Mini", "title: Ras i Bakkeby\x1b[2J")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    _no_raw_control(proc.stdout)
    assert "s.yaml:3:21: error: the character U+001B is not allowed" in proc.stdout
    shown, caret = _caret_under(proc.stdout, "Ras i Bakkeby")
    assert shown[caret.index("^")] == "␛"


# ---------------------------------------------------------------------------------------
# Line numbers as editors count them


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_do_not_shift_the_lines(tmp_path: Path, separator: str) -> None:
    text = MINIMAL.replace("title: Mini", f'title: "Ras i{separator}Bakkeby"')
    text = text.replace("    kind: press", "    kind: pst")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    number = text.split("\n").index("    kind: pst") + 1
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    assert f"s.yaml:{number}:11: error: kind must be one of" in proc.stdout, proc.stdout
    assert f"{number:>5} |     kind: pst" in proc.stdout


def test_a_duplicate_key_after_a_line_separator_names_both_lines_right(tmp_path: Path) -> None:
    text = MINIMAL.replace("title: Mini", 'title: "a\u2028b"') + "duration: 20m\n"
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    first, second = lines.index("duration: 30m") + 1, lines.index("duration: 20m") + 1
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    assert (
        f"s.yaml:{second}:1: error: duplicate key 'duration' (first given on line {first})"
    ) in proc.stdout, proc.stdout


def test_a_syntax_error_after_a_line_separator_is_on_its_line(tmp_path: Path) -> None:
    text = 'format: 1\nid: x\ntitle: "a\u2028b"\nduration: [30m\n'
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    assert re.search(r"^s\.yaml:5:1: error: invalid YAML", proc.stdout, re.MULTILINE), proc.stdout


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_count_once(tmp_path: Path, newline: str) -> None:
    text = MINIMAL.replace("    kind: press", "    kind: pst")
    number = text.split("\n").index("    kind: pst") + 1
    (tmp_path / "s.yaml").write_bytes(text.replace("\n", newline).encode())
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    assert f"s.yaml:{number}:11: error: kind must be one of" in proc.stdout, proc.stdout
    assert f"{number:>5} |     kind: pst\n" in proc.stdout


def test_a_bad_byte_after_a_bom_is_named_and_located(tmp_path: Path) -> None:
    raw = "\ufeff".encode() + MINIMAL.replace("Mini", "Bjørn på").encode()
    bad = raw.replace("på".encode(), b"p\xe5")
    (tmp_path / "s.yaml").write_bytes(bad)
    proc = _clean_run("validate", "s.yaml", cwd=tmp_path, code=1)
    # Line 3 is 'title: Bjørn på': the bad byte is its 15th character.
    assert "s.yaml:3:15: error: byte 0xE5 is not UTF-8 text" in proc.stdout, proc.stdout


# ---------------------------------------------------------------------------------------
# Preview, score and export of hostile texts

HOSTILE = """\
format: 1
id: hostile
title: "Ras \\e]0;pwned\\a i \\e[31mBakkeby\\x9b2J\\x7f"
duration: 10m
personas:
  - id: kari
    name: "Kari \\e[2J"
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    text: "Hei \\e[31mrødt\\r over"
    expect:
      - do: reply
"""
TEAM = """\
- at: 2m
  do: reply
  to: first
  text: "Svar \\e]0;tittel\\a her"
  by: "Kari \\e]0;pwned\\a"
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
def test_preview_prints_hostile_texts_visibly(hostile: Path, fmt: str) -> None:
    proc = _clean_run("preview", "hostile.yaml", "--format", fmt, cwd=hostile, code=0)
    _no_raw_control(proc.stdout, crlf=fmt == "csv")
    if fmt == "json":
        texts = [row["text"] for row in json.loads(proc.stdout)["injects"]]
        assert texts == ["Hei \x1b[31mrødt\r over"]  # escaped, not lost
    else:
        assert "Hei ␛[31mrødt" in proc.stdout


def test_preview_csv_written_to_a_file_keeps_the_data(hostile: Path) -> None:
    _clean_run("preview", "hostile.yaml", "--format", "csv", "-o", "msel.csv", cwd=hostile, code=0)
    with (hostile / "msel.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][5] == "Hei \x1b[31mrødt\r over"


def test_preview_table_keeps_its_borders_aligned(hostile: Path) -> None:
    proc = _clean_run("preview", "hostile.yaml", cwd=hostile, code=0)
    widths = {
        _cells(line) for line in proc.stdout.splitlines() if line.startswith(("│", "├", "┌", "└"))
    }
    assert len(widths) == 1, proc.stdout


@pytest.fixture
def hostile_session(hostile: Path) -> Path:
    (hostile / "team.yaml").write_text(TEAM, encoding="utf-8")
    _clean_run(
        "simulate",
        "hostile.yaml",
        "--seed",
        "1",
        "--actions",
        "team.yaml",
        "--session",
        "h.sqlite",
        cwd=hostile,
        code=0,
    )
    return hostile / "h.sqlite"


def test_score_and_export_print_hostile_texts_visibly(hostile_session: Path) -> None:
    folder = hostile_session.parent
    for fmt in ("table", "md", "csv", "json", "html"):
        proc = _clean_run("score", "h.sqlite", "--format", fmt, cwd=folder, code=0)
        _no_raw_control(proc.stdout, crlf=fmt == "csv")
        _no_raw_control(proc.stderr)
    proc = _clean_run("export", "h.sqlite", cwd=folder, code=0)
    _no_raw_control(proc.stdout)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert any(r.get("text") == "Svar \x1b]0;tittel\x07 her" for r in records)


# ---------------------------------------------------------------------------------------
# -o never destroys a session or an input


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "s.yaml").write_text(MINIMAL, encoding="utf-8")
    _clean_run("simulate", "s.yaml", "--seed", "1", "--session", "run.sqlite", cwd=tmp_path, code=0)
    return tmp_path


def _refused(folder: Path, *args: str, target: str, fragment: str) -> None:
    before = (folder / target).read_bytes()
    proc = _clean_run(*args, cwd=folder, code=2)
    assert proc.stderr.startswith(f"crisis-sim: error: {target} "), proc.stderr
    assert fragment in proc.stderr and "Give -o a new file name" in proc.stderr, proc.stderr
    assert (folder / target).read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.parametrize(
    "args",
    [
        ("preview", "s.yaml", "--format", "md"),
        ("schema",),
        ("score", "run.sqlite", "--format", "csv"),
        ("export", "run.sqlite"),
    ],
)
def test_o_refuses_to_overwrite_a_session(folder: Path, args: tuple[str, ...]) -> None:
    _refused(
        folder, *args, "-o", "run.sqlite", target="run.sqlite", fragment="is a crisis-sim session"
    )
    # The session still works.
    _clean_run("score", "run.sqlite", cwd=folder, code=0)


def test_o_refuses_to_overwrite_another_programs_database(folder: Path) -> None:
    with sqlite3.connect(folder / "contacts.sqlite") as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    _refused(
        folder,
        "schema",
        "-o",
        "contacts.sqlite",
        target="contacts.sqlite",
        fragment="is a database",
    )


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_o_refuses_to_overwrite_the_scenario_it_reads(folder: Path, fmt: str) -> None:
    _refused(
        folder,
        "preview",
        "s.yaml",
        "--format",
        fmt,
        "-o",
        "s.yaml",
        target="s.yaml",
        fragment="is the file this command reads",
    )


def test_o_refuses_a_link_to_the_scenario_it_reads(folder: Path) -> None:
    # Without --follow-symlinks any link is refused (tests/test_file_safety.py); with it,
    # the file the link leads to is still recognised as the input.
    (folder / "link.yaml").symlink_to(folder / "s.yaml")
    _refused(
        folder,
        "msel",
        "export",
        "s.yaml",
        "--follow-symlinks",
        "-o",
        "link.yaml",
        target="link.yaml",
        fragment="is the file this command reads",
    )


def test_msel_import_refuses_to_overwrite_its_inputs(folder: Path) -> None:
    _clean_run("msel", "export", "s.yaml", "-o", "rows.csv", cwd=folder, code=0)
    for target in ("s.yaml", "rows.csv"):
        _refused(
            folder,
            "msel",
            "import",
            "rows.csv",
            "--into",
            "s.yaml",
            "-o",
            target,
            target=target,
            fragment="is the file this command reads",
        )
    _clean_run(
        "msel", "import", "rows.csv", "--into", "s.yaml", "-o", "s-ny.yaml", cwd=folder, code=0
    )


def test_o_still_replaces_an_earlier_output(folder: Path) -> None:
    (folder / "schema.json").write_text("old\n", encoding="utf-8")
    _clean_run("schema", "-o", "schema.json", cwd=folder, code=0)
    assert json.loads((folder / "schema.json").read_text(encoding="utf-8"))
    for _ in range(2):
        _clean_run("preview", "s.yaml", "--format", "csv", "-o", "msel.csv", cwd=folder, code=0)
        _clean_run("score", "run.sqlite", "--format", "md", "-o", "debrief.md", cwd=folder, code=0)
    assert "T+01:00" in (folder / "msel.csv").read_text(encoding="utf-8-sig")


# ---------------------------------------------------------------------------------------
# A session whose stored scenario no longer loads


def _store_scenario(session: Path, text: str) -> None:
    """Replace the stored scenario, with a digest to match: only loading it can fail."""
    with sqlite3.connect(session) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'scenario_text'", (text,))
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'scenario_sha256'",
            (hashlib.sha256(text.encode()).hexdigest(),),
        )
    conn.close()


@pytest.mark.parametrize(
    "stored",
    [
        "format: 1\nid: x\n",  # valid YAML, missing keys
        "format: 1\nid: [\n",  # not YAML at all
        MINIMAL.replace("format: 1", "format: 2"),  # another format
    ],
)
def test_a_session_whose_scenario_no_longer_loads(tmp_path: Path, stored: str) -> None:
    (tmp_path / "s.yaml").write_text(MINIMAL, encoding="utf-8")
    _clean_run(
        "simulate",
        "s.yaml",
        "--seed",
        "1",
        "--until",
        "2m",
        "--session",
        "cut.sqlite",
        cwd=tmp_path,
        code=0,
    )
    _store_scenario(tmp_path / "cut.sqlite", stored)

    proc = _clean_run("resume", "cut.sqlite", cwd=tmp_path, code=1)
    assert proc.stderr.startswith(
        "crisis-sim: error: cut.sqlite: the scenario stored in the session"
    ), proc.stderr
    assert "cannot be resumed" in proc.stderr
    assert "crisis-sim export cut.sqlite" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr

    for command in ("score", "replay"):
        proc = _clean_run(command, "cut.sqlite", cwd=tmp_path, code=1)
        assert proc.stderr.startswith("crisis-sim: error: cut.sqlite: "), proc.stderr
    proc = _clean_run("export", "cut.sqlite", cwd=tmp_path, code=0)
    types = [json.loads(line)["type"] for line in proc.stdout.splitlines()]
    assert types[0] == "session_start" and "delivered" in types
