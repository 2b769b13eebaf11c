"""What validate prints stays proportional to what a reader can use, and points exactly.

A file with thousands of findings on one line once printed that line (71 KB) under every
finding; a placeholder inside a block or an escaped text was reported at the value's start.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.scenario.diagnostics import (
    EXCERPT_WIDTH,
    MAX_FINDINGS,
    MAX_JSON,
    MAX_MESSAGE,
    MAX_SHOWN,
)
from tests.helpers import run_cli

PLACEHOLDERS = 10_000


def _many_placeholders(tmp_path: Path) -> Path:
    """10,000 unknown placeholders, every one on the same (110 KB) line."""
    texts = ", ".join(f'"{{x{k}}}"' for k in range(PLACEHOLDERS))
    path = tmp_path / "many.yaml"
    path.write_text(
        "format: 1\nid: many\ntitle: Many\nduration: 1h\nnoise:\n  - id: prat\n"
        "    authors: {role: citizen, count: 5}\n"
        "    rate: [{at: 0, per_minute: 1}, {at: 1h, per_minute: 1}]\n"
        "    mix: {valid: 1}\n"
        f"    texts: {{valid: [{texts}]}}\n",
        encoding="utf-8",
    )
    return path


def test_a_line_with_thousands_of_findings_is_quoted_once_and_the_list_is_capped(
    tmp_path: Path,
) -> None:
    path = _many_placeholders(tmp_path)
    proc = run_cli("validate", path.name, cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    findings = [line for line in lines if line.startswith("many.yaml:10:")]
    assert len(findings) == MAX_SHOWN
    quoted = [line for line in lines if line.startswith("   10 | ")]
    assert len(quoted) == 1  # the line, once, however many findings it has
    assert len(quoted[0]) <= len("   10 | ") + EXCERPT_WIDTH + 2  # clipped, with '…' marks
    carets = lines[lines.index(quoted[0]) + 1]
    assert set(carets) == {" ", "^"} and carets.count("^") > 1  # one caret per finding shown
    left = PLACEHOLDERS - MAX_SHOWN
    assert f"… and {left:,} more findings in many.yaml ({left:,} errors, 0 warnings)" in (
        proc.stdout
    )
    assert f"many.yaml: invalid ({PLACEHOLDERS} errors, 0 warnings)" in proc.stdout
    assert len(proc.stdout) < 50_000


def test_json_lists_a_bounded_number_of_findings_and_says_how_many_were_left_out(
    tmp_path: Path,
) -> None:
    path = _many_placeholders(tmp_path)
    proc = run_cli("validate", "--format", "json", path.name, cwd=tmp_path)
    assert proc.returncode == 1
    records = json.loads(proc.stdout)
    assert len(records) == MAX_JSON + 1
    last = records[-1]
    assert (last["line"], last["column"], last["severity"]) == (0, 0, "error")
    assert f"… and {PLACEHOLDERS - MAX_JSON:,} more findings" in last["message"]


def test_the_clipped_excerpt_shows_the_column_of_a_finding_far_along_a_line(
    tmp_path: Path,
) -> None:
    text = "x" * 5_000 + " {stedd}"
    path = tmp_path / "far.yaml"
    path.write_text(
        "format: 1\nid: far\ntitle: Far\nduration: 1h\nvariables: {sted: B}\n"
        "personas: [{id: p, name: P}]\n"
        f'injects: [{{id: a, at: 0, from: p, kind: post, text: "{text}"}}]\n',
        encoding="utf-8",
    )
    proc = run_cli("validate", path.name, cwd=tmp_path)
    lines = proc.stdout.splitlines()
    quoted = next(line for line in lines if line.startswith("    7 | "))
    caret = lines[lines.index(quoted) + 1]
    assert quoted.startswith("    7 | …") and "{stedd}" in quoted
    assert quoted[caret.index("^") :].startswith("{stedd}")


def test_checking_stops_after_the_findings_cap_and_says_so_first(tmp_path: Path) -> None:
    # Two texts of 6,666 unknown placeholders each: 13,332 findings, more than the cap.
    text = "{b}" * 6_666
    injects = "".join(
        f'  - {{id: i{k}, at: 0, from: p, kind: post, text: "{text}"}}\n' for k in range(2)
    )
    path = tmp_path / "crowded.yaml"
    path.write_text(
        "format: 1\nid: crowded\ntitle: C\nduration: 1h\npersonas: [{id: p, name: P}]\n"
        f"injects:\n{injects}",
        encoding="utf-8",
    )
    proc = run_cli("validate", "--format", "json", path.name, cwd=tmp_path)
    assert proc.returncode == 1
    records = json.loads(proc.stdout)
    first = records[0]
    assert (first["line"], first["column"], first["severity"]) == (0, 0, "error")
    assert f"more than {MAX_FINDINGS:,} findings; checking stopped" in first["message"]
    text_out = run_cli("validate", path.name, cwd=tmp_path).stdout
    assert text_out.startswith("crowded.yaml: error: more than")
    assert f"crowded.yaml: invalid ({MAX_FINDINGS + 1} errors, 0 warnings)" in text_out


def test_a_message_quoting_a_huge_key_is_clipped_in_the_middle_keeping_the_fix(
    tmp_path: Path,
) -> None:
    path = tmp_path / "key.yaml"
    key = "k" * 100_000
    path.write_text(
        f"format: 1\nid: key\ntitle: Key\nduration: 1h\n? {key}\n: 1\n", encoding="utf-8"
    )
    for fmt in ("text", "json"):
        proc = run_cli("validate", "--format", fmt, path.name, cwd=tmp_path)
        assert proc.returncode == 1
        assert len(proc.stdout) < 5_000
    first = run_cli("validate", path.name, cwd=tmp_path).stdout.splitlines()[0]
    assert first.startswith("key.yaml:5:3: error: unknown key 'kkk")
    assert " … " in first and first.endswith(
        "escalation, team, reactions"
    )  # the allowed keys: the fix
    assert len(first) <= len("key.yaml:5:3: error: ") + MAX_MESSAGE


# A template error is reported at its own line and column, whatever the YAML style of the text.
STYLES = """\
format: 1
id: styles
title: Styles
duration: 1h
personas: [{id: p, name: P}]
injects:
  - id: literal
    at: 0
    from: p
    kind: post
    text: |
      Første linje
      andre {bad1} linje
  - id: literal-first
    at: 0
    from: p
    kind: post
    text: |-
      {bad0} først
  - id: folded
    at: 0
    from: p
    kind: post
    text: >-
      brettet tekst
        mer innrykk
      her {bad2}
  - id: plain
    at: 0
    from: p
    kind: post
    text: vanlig tekst over
      to linjer {bad3}
  - id: escaped
    at: 0
    from: p
    kind: post
    text: "sitat \\"her\\" \\u00e6\\t{bad4}"
  - id: single
    at: 0
    from: p
    kind: post
    text: 'enkel ''sitat'' {bad5}'
  - id: double-multi
    at: 0
    from: p
    kind: post
    text: "første linje
      \\"andre\\" {bad6}"
"""


def _position(needle: str) -> tuple[int, int]:
    for number, line in enumerate(STYLES.splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("bad0", "{bad0}"),
        ("bad1", "{bad1}"),
        ("bad2", "{bad2}"),
        ("bad3", "{bad3}"),
        ("bad4", "{bad4}"),
        ("bad5", "{bad5}"),
        ("bad6", "{bad6}"),
    ],
)
def test_template_errors_point_at_the_placeholder_in_every_style(
    tmp_path: Path, name: str, where: str
) -> None:
    path = tmp_path / "styles.yaml"
    path.write_text(STYLES, encoding="utf-8")
    proc = run_cli("validate", "--format", "json", path.name, cwd=tmp_path)
    records = json.loads(proc.stdout)
    line = _position(where)[0]
    mine = [r for r in records if name in r["message"] and r["line"] == line]
    assert mine, records
    assert (mine[0]["line"], mine[0]["column"]) == _position(where)
