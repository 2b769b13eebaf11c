"""The master events list as a spreadsheet, both ways.

Export writes one row per inject with every field, so that import gives back the same
injects. Expected actions fit in one cell, in a small readable language:
``reply/statement within 30m mention "evakuert" points 2; flag misleading``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from simulator.scenario.diagnostics import Finding, ScenarioError
from simulator.scenario.durations import format_duration
from simulator.scenario.model import ACTIONS, TRUTHS, Expectation, Inject, Scenario
from simulator.scenario.yamlsource import MAX_BYTES, YamlDocument

COLUMNS = ["id", "at", "after", "delay", "from", "kind", "channel", "text", "truth",
           "sensitive", "abusive", "reply_to", "reach", "expect", "notes"]
REQUIRED = ("id", "from", "kind", "text")
BOM = "\ufeff"
_TRUE = {"true", "yes", "ja", "y", "j", "1", "x", "sann"}
_FALSE = {"false", "no", "nei", "n", "0", "", "usann"}


# ---------------------------------------------------------------------------------------
# Export


def _quote(phrase: str) -> str:
    return '"' + phrase.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def format_expectation(exp: Expectation) -> str:
    """One expectation in the cell language; parses back to an equal Expectation."""
    words = ["/".join(exp.do)]
    if exp.label:
        words.append(exp.label)
    if exp.within is not None:
        words += ["within", format_duration(exp.within)]
    for phrase in exp.mention:
        words += ["mention", _quote(phrase)]
    if exp.points != 1:
        words += ["points", _number(exp.points)]
    return " ".join(words)


def inject_row(inj: Inject) -> dict[str, str]:
    """An inject as a spreadsheet row; empty cells are defaults."""
    def dur(value: int | None) -> str:
        return format_duration(value) if value is not None else ""
    return {
        "id": inj.id, "at": dur(inj.at),
        "after": f"{inj.after.condition} {inj.after.ref}" if inj.after else "",
        "delay": dur(inj.delay), "from": inj.from_, "kind": inj.kind,
        "channel": inj.channel or "", "text": inj.text, "truth": inj.truth or "",
        "sensitive": "yes" if inj.sensitive else "", "abusive": "yes" if inj.abusive else "",
        "reply_to": inj.reply_to or "", "reach": "" if inj.reach is None else str(inj.reach),
        "expect": "; ".join(format_expectation(e) for e in inj.expect),
        "notes": inj.notes or "",
    }


def export_csv(scenario: Scenario, delimiter: str = ",") -> str:
    """The injects as CSV text, BOM first so that spreadsheets read æ, ø and å."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    for inj in scenario.injects:
        writer.writerow(inject_row(inj))
    return BOM + buf.getvalue()


# ---------------------------------------------------------------------------------------
# Import


@dataclass(slots=True)
class ImportedRows:
    """Injects read from a spreadsheet, with the spreadsheet row each one came from."""

    injects: list[Inject]
    rows: list[int]


class _RowError(ValueError):
    pass


_CELL_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|(;)|([^\s;"]+))')
_UNESCAPE = re.compile(r"\\(.)")


def parse_expectations(cell: str) -> list[dict[str, Any]]:
    """Parse the expect cell into expectation mappings, or raise ValueError saying why."""
    groups: list[list[str]] = [[]]
    pos = 0
    cell = cell.rstrip()
    while pos < len(cell):
        match = _CELL_TOKEN.match(cell, pos)
        if match is None or match.end() == pos:
            raise _RowError("expect: a quote is never closed; write phrases as \"like this\"")
        quoted, separator, word = match.groups()
        if separator:
            groups.append([])
        elif quoted is not None:
            groups[-1].append(_UNESCAPE.sub(r"\1", quoted))
        else:
            groups[-1].append(word)
        pos = match.end()
    return [_parse_one(group) for group in groups if group]


def _parse_one(words: list[str]) -> dict[str, Any]:
    do = words[0].split("/")
    bad = [d for d in do if d not in ACTIONS]
    if bad:
        raise _RowError(f"expect: '{bad[0]}' is not an action; use {', '.join(ACTIONS)}, "
                        "joined with '/' for alternatives")
    exp: dict[str, Any] = {"do": do}
    rest = words[1:]
    if rest and rest[0] in TRUTHS:
        exp["label"] = rest.pop(0)
    while rest:
        word = rest.pop(0)
        if word not in ("within", "mention", "points") or not rest:
            raise _RowError(f"expect: unexpected '{word}'; write e.g. 'reply within 30m "
                            "mention \"phrase\" points 2', expectations separated by ';'")
        value = rest.pop(0)
        if word == "mention":
            exp.setdefault("mention", []).append(value)
        else:
            exp[word] = value
    return exp


def _truthy(value: str, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise _RowError(f"{column}: '{value}' is not yes or no")


def _row_to_raw(row: dict[str, str]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for column in ("id", "from", "kind", "text", "channel", "truth", "reply_to", "notes",
                   "at", "delay", "reach"):
        value = (row.get(column) or "").strip() if column != "text" else row.get("text") or ""
        if value:
            raw[column] = value
    after = (row.get("after") or "").strip()
    if after:
        condition, _, ref = after.partition(" ")
        if condition not in ("delivered", "met", "missed") or not ref.strip():
            raise _RowError(f"after: '{after}' should read 'delivered ID', 'met ID' or "
                            "'missed ID'")
        raw["after"] = {condition: ref.strip()}
    for flag in ("sensitive", "abusive"):
        if _truthy(row.get(flag) or "", flag):
            raw[flag] = True
    expect = (row.get("expect") or "").strip()
    if expect:
        raw["expect"] = parse_expectations(expect)
    return raw


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" in Norway is Windows-1252, not UTF-8.
        return raw.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


_INJECT = TypeAdapter(Inject)


def read_rows(path: Path, display: str) -> ImportedRows:
    """Read a spreadsheet of injects; every bad row is reported as ``FILE.csv:ROW``."""
    def fail(row: int, message: str) -> Finding:
        return Finding(display, row, 0, "error", message)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ScenarioError([fail(1, "the file is over 10 MB; is it the right file?")])
        text = _decode(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError):
        raise ScenarioError([fail(0, "no such file; check the path")]) from None
    if not text.strip():
        raise ScenarioError([fail(1, "the file is empty; export one from 'crisis-sim msel "
                                  "export' to start from")])
    first_line = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        records = list(reader)
    except csv.Error as err:
        raise ScenarioError([fail(reader.line_num, f"unreadable CSV: {err}")]) from None
    header = [h.strip().lower() for h in records[0]]
    findings: list[Finding] = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        findings.append(fail(1, f"missing column(s): {', '.join(missing)}; the header row "
                             f"needs {', '.join(COLUMNS)}"))
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        findings.append(fail(1, f"unknown column(s): {', '.join(unknown)}; the columns are "
                             f"{', '.join(COLUMNS)}"))
    if findings:
        raise ScenarioError(findings)
    injects: list[Inject] = []
    rows: list[int] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            findings.append(fail(number, f"{len(record)} cells but the header has "
                                 f"{len(header)}; check for a stray separator"))
            continue
        row = dict(zip(header, record, strict=False))
        try:
            raw = _row_to_raw(row)
            injects.append(_INJECT.validate_python(raw))
            rows.append(number)
        except _RowError as err:
            findings.append(fail(number, str(err)))
        except ValidationError as err:
            from simulator.scenario.validate import _describe  # one wording for both

            for error in err.errors(include_url=False):
                column = next((str(p) for p in error["loc"] if isinstance(p, str)), "row")
                message = (f"missing '{column}'" if error["type"] == "missing"
                           else _describe(error))
                findings.append(fail(number, message))
    if findings:
        raise ScenarioError(findings)
    return ImportedRows(injects, rows)


def inject_to_yaml(inj: Inject) -> dict[str, Any]:
    """An inject as the mapping a scenario file holds, defaults left out."""
    data: dict[str, Any] = {"id": inj.id}
    if inj.at is not None:
        data["at"] = format_duration(inj.at)
    if inj.after is not None:
        data["after"] = {inj.after.condition: inj.after.ref}
    if inj.delay is not None:
        data["delay"] = format_duration(inj.delay)
    data["from"] = inj.from_
    data["kind"] = inj.kind
    for key in ("channel", "truth"):
        if getattr(inj, key) is not None:
            data[key] = getattr(inj, key)
    data["text"] = inj.text
    for key in ("sensitive", "abusive"):
        if getattr(inj, key):
            data[key] = True
    for key in ("reply_to", "reach", "notes"):
        if getattr(inj, key) is not None:
            data[key] = getattr(inj, key)
    if inj.expect:
        data["expect"] = [_expectation_to_yaml(e) for e in inj.expect]
    return data


def _expectation_to_yaml(exp: Expectation) -> dict[str, Any]:
    data: dict[str, Any] = {"do": exp.do[0] if len(exp.do) == 1 else list(exp.do)}
    if exp.within is not None:
        data["within"] = format_duration(exp.within)
    if exp.label is not None:
        data["label"] = exp.label
    if exp.mention:
        data["mention"] = list(exp.mention)
    if exp.points != 1:
        data["points"] = int(exp.points) if exp.points.is_integer() else exp.points
    return data


@dataclass(slots=True)
class Replacement:
    """New scenario text, and where its injects block sits (0-based lines)."""

    text: str
    first_line: int
    line_shift: int
    inject_lines: list[tuple[int, int]]


def replace_injects(doc: YamlDocument, injects: list[Inject]) -> Replacement:
    """The base scenario's text with its injects block replaced; the rest stays as written."""
    block = yaml.safe_dump([inject_to_yaml(i) for i in injects], allow_unicode=True,
                           sort_keys=False, width=10_000, default_flow_style=False)
    new_block = "injects:\n" + block if injects else "injects: []\n"
    text = doc.text
    key_node = next((k for k, _ in getattr(doc.root, "value", [])
                     if getattr(k, "value", None) == "injects"), None)
    if key_node is None:
        start = end = len(text)
        if text and not text.endswith("\n"):
            new_block = "\n" + new_block
    else:
        start = key_node.start_mark.index
        end = _end_of_block(doc, key_node, text)
    old_lines = text.count("\n", start, end)
    new_text = text[:start] + new_block + text[end:]
    first = text.count("\n", 0, start)
    spans = _inject_spans(new_block, first)
    return Replacement(new_text, first, new_block.count("\n") - old_lines, spans)


def _end_of_block(doc: YamlDocument, key_node: yaml.Node, text: str) -> int:
    """Where the injects block ends: at the next top-level key, less the blank lines and
    column-0 comments just before it, which introduce the next section and stay."""
    keys = [k for k, _ in doc.root.value]
    following = keys.index(key_node) + 1
    end = keys[following].start_mark.index if following < len(keys) else len(text)
    while end > key_node.start_mark.index:
        line_start = text.rfind("\n", 0, max(end - 1, 0)) + 1
        line = text[line_start:end]
        if line.strip() and not line.startswith("#"):
            break
        end = line_start
    return end


def _inject_spans(block: str, first: int) -> list[tuple[int, int]]:
    starts = [n for n, line in enumerate(block.splitlines()) if line.startswith("- ")]
    total = block.count("\n")
    return [(first + s, first + (starts[k + 1] if k + 1 < len(starts) else total) - 1)
            for k, s in enumerate(starts)]
