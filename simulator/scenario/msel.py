"""The master events list as a spreadsheet, both ways.

Export writes one row per inject with every field, so that import gives back the same
injects. Expected actions fit in one cell, in a small readable language:
``reply/statement within 30m mention "evakuert" points 2; flag misleading``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from simulator.cells import protect_cell, unprotect_cell
from simulator.files import FileRefused, TooLarge, read_input
from simulator.lang import Said, SaidError, Sayer
from simulator.lang.findings import FINDINGS
from simulator.lang.sheets import SHEETS
from simulator.scenario.diagnostics import Finding, ScenarioError, said_of
from simulator.scenario.durations import format_duration
from simulator.scenario.model import (
    ACTIONS,
    CONDITIONS,
    KINDS,
    TRUTHS,
    Call,
    Expectation,
    Inject,
    Scenario,
)
from simulator.scenario.phrases import alternatives
from simulator.scenario.yamlsource import YamlDocument

COLUMNS = [
    "id",
    "at",
    "after",
    "delay",
    "from",
    "kind",
    "channel",
    "text",
    "truth",
    "sensitive",
    "abusive",
    "reply_to",
    "reach",
    "expect",
    "notes",
    "platform",
]
REQUIRED = ("id", "from", "kind", "text")
BOM = "\ufeff"
_TRUE = {"true", "yes", "ja", "y", "j", "1", "x", "sann"}
_FALSE = {"false", "no", "nei", "n", "0", "", "usann"}

said = Sayer(SHEETS)
_about = Sayer(FINDINGS)


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
    if exp.deadline is not None:
        words += ["deadline", exp.deadline]
    for phrase in exp.mention:
        words += ["mention", _quote(phrase)]
    if exp.points != 1:
        words += ["points", _number(exp.points)]
    if exp.objective is not None:
        words += ["objective", exp.objective]
    for entry in exp.require:
        words += ["require", _quote(_ALTERNATIVES.join(alternatives(entry)))]
    for forbidden in exp.forbid:
        words += ["forbid", _quote(forbidden.text), "because", _quote(forbidden.reason)]
    return " ".join(words)


def inject_row(inj: Inject) -> dict[str, str]:
    """An inject as a spreadsheet row; empty cells are defaults."""

    def dur(value: int | None) -> str:
        return format_duration(value) if value is not None else ""

    return {
        "id": inj.id,
        "at": dur(inj.at),
        "after": f"{inj.after.condition} {inj.after.ref}" if inj.after else "",
        "delay": dur(inj.delay),
        "from": inj.from_,
        "kind": inj.kind,
        "channel": inj.channel or "",
        "platform": inj.platform or "",
        "text": inj.text or "",  # a story's texts are in the scenario file alone
        "truth": inj.truth or "",
        "sensitive": "yes" if inj.sensitive else "",
        "abusive": "yes" if inj.abusive else "",
        "reply_to": inj.reply_to or "",
        "reach": "" if inj.reach is None else str(inj.reach),
        "expect": "; ".join(format_expectation(e) for e in inj.expect),
        "notes": inj.notes or "",
    }


def export_csv(scenario: Scenario, delimiter: str = ",") -> str:
    """The injects as CSV text, BOM first so that spreadsheets read æ, ø and å."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    for inj in scenario.injects:
        writer.writerow({k: protect_cell(v) for k, v in inject_row(inj).items()})
    return BOM + buf.getvalue()


# ---------------------------------------------------------------------------------------
# Import


@dataclasses.dataclass(slots=True)
class ImportedRows:
    """Injects read from a spreadsheet, with the spreadsheet row each one came from."""

    injects: list[Inject]
    rows: list[int]


class _RowError(SaidError):
    """A cell that cannot be read, said of its column: ``expect: ...``."""

    def __init__(self, column: str, message: Said) -> None:
        super().__init__(_about("about", field=column, message=message))


# The words of the cell language after an action (and its label), each followed by a value.
_CELL_WORDS = ("within", "deadline", "mention", "points", "objective", "require", "forbid")
# Between the alternatives of one 'require' entry: 'require "omkomne | døde"'.
_ALTERNATIVES = " | "
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
            raise _RowError("expect", said("expect.quote"))
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
        raise _RowError("expect", said("expect.action", action=bad[0], actions=", ".join(ACTIONS)))
    exp: dict[str, Any] = {"do": do}
    rest = words[1:]
    if rest and rest[0] in TRUTHS:
        exp["label"] = rest.pop(0)
    while rest:
        word = rest.pop(0)
        if word not in _CELL_WORDS or not rest:
            raise _RowError("expect", said("expect.word", word=word))
        value = rest.pop(0)
        if word == "mention":
            exp.setdefault("mention", []).append(value)
        elif word == "require":
            alternatives = [p.strip() for p in value.split(_ALTERNATIVES.strip())]
            exp.setdefault("require", []).append(
                alternatives[0] if len(alternatives) == 1 else alternatives
            )
        elif word == "forbid":
            if len(rest) < 2 or rest[0] != "because":
                raise _RowError("expect", said("expect.because", phrase=value))
            rest.pop(0)
            exp.setdefault("forbid", []).append({"text": value, "reason": rest.pop(0)})
        else:
            exp[word] = value
    return exp


def _truthy(value: str, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise _RowError(column, said("yes_no", value=value))


def _row_to_raw(row: dict[str, str]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for column in (
        "id",
        "from",
        "kind",
        "text",
        "channel",
        "platform",
        "truth",
        "reply_to",
        "notes",
        "at",
        "delay",
        "reach",
    ):
        value = (row.get(column) or "").strip() if column != "text" else row.get("text") or ""
        if value:
            raw[column] = value
    after = (row.get("after") or "").strip()
    if after:
        condition, _, ref = after.partition(" ")
        if condition not in CONDITIONS or not ref.strip():
            raise _RowError("after", said("after", after=after))
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
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _where(row: int, line: int) -> Said | str:
    """The text-editor line, when it is not the spreadsheet row (a cell above spans
    several lines): both views of the file must lead to the same place."""
    return "" if line == row else said("where", line=line)


def _cell_name(header: list[str], index: int | None) -> Said:
    if index is None:
        return said("cell.any")
    if index < len(header) and header[index]:
        return said("cell.named", name=header[index])
    return said("cell.number", number=index + 1)


def _holds_rows(cell: str, header: list[str], delimiter: str) -> bool:
    """Whether text over several lines has rows of the sheet inside it: what is left when
    a quote opened in one row is closed by a quote in a later one, or never."""
    if "id" not in header or "kind" not in header:
        return False
    at_id, at_kind = header.index("id"), header.index("kind")
    for line in _LINE_BREAK.split(cell)[1:]:
        try:
            parts = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        if (
            len(parts) > max(at_id, at_kind)
            and _ID.fullmatch(parts[at_id].strip())
            and parts[at_kind].strip() in KINDS
        ):
            return True
    return False


def _unclosed_quote(
    header: list[str], index: int | None, row: int, line: int, *, rows_below: bool
) -> Said:
    return said(
        "quote.unclosed",
        cell=_cell_name(header, index),
        where=_where(row, line),
        below=said("quote.rows") if rows_below else "",
    )


def _first_record(lines: list[str], delimiter: str) -> list[str]:
    try:
        return next(csv.reader(lines, delimiter=delimiter), [])
    except csv.Error:  # e.g. a cell over the size limit: the caller says so
        return []


def _read_records(
    text: str, delimiter: str, fail: Callable[[int, Said | str], Finding]
) -> list[list[str]]:
    """Every record of the file; a quote out of place is an error at the row it starts in.

    The reader is strict: a forgiving one reads an unclosed quote as a cell that runs to
    the end of the file, and the rows after it vanish without a word.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    start = 1  # the text line the next record starts on
    try:
        for record in reader:
            records.append(record)
            start = reader.line_num + 1
    except csv.Error as err:
        row, reason = len(records) + 1, str(err)
        lines = io.StringIO(text, newline="").readlines()[start - 1 :]
        header = [h.strip().lower() for h in records[0]] if records else []
        # Read forgivingly to see which cell took the line breaks; when even that fails,
        # the record's first line still shows the cell that is open at its end.
        cells = _first_record(lines, delimiter) or _first_record(lines[:1], delimiter)
        read_in = "".join(lines[: reader.line_num - start + 1])
        rows_below = _holds_rows(read_in, header, delimiter) or any(
            _LINE_BREAK.search(cell.rstrip("\r\n")) and delimiter in cell for cell in cells
        )
        if "end of data" in reason or rows_below:
            index = next(
                (k for k, cell in enumerate(cells) if _LINE_BREAK.search(cell)),
                len(cells) - 1 if cells else None,
            )
            message = _unclosed_quote(header, index, row, start, rows_below=rows_below)
        elif "expected after" in reason:
            message = said("quote.inside", where=_where(row, reader.line_num))
        else:
            message = said(
                "csv.unreadable",
                where=_where(row, reader.line_num),
                # The reader's own words are kept for the errors it rarely gives.
                reason=(
                    said("csv.too_long", limit=csv.field_size_limit())
                    if "field limit" in reason
                    else reason
                ),
            )
        raise ScenarioError([fail(row, message)]) from None
    return records


def read_rows(path: Path, display: str, stories: Mapping[str, Any] | None = None) -> ImportedRows:
    """Read a spreadsheet of injects; every bad row is reported as ``FILE.csv:ROW``.

    ``stories`` are the base scenario's stories by inject id (:func:`base_stories`): the
    sheet has no column for a story, so a row keeps the story of its namesake.
    """

    def fail(row: int, message: Said | str) -> Finding:
        return Finding(display, row, 0, "error", said_of(message))

    try:
        text = _decode(read_input(path))
    except TooLarge as err:
        raise ScenarioError([fail(1, err.said)]) from None
    except FileRefused as err:
        raise ScenarioError([fail(0, err.said)]) from None
    if not text.strip():
        raise ScenarioError([fail(1, said("empty"))])
    delimiter = _delimiter(text.splitlines()[0])
    records = _read_records(text, delimiter, fail)
    header = [h.strip().lower() for h in records[0]]
    findings: list[Finding] = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        findings.append(
            fail(1, said("columns.missing", missing=", ".join(missing), columns=", ".join(COLUMNS)))
        )
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        findings.append(
            fail(1, said("columns.unknown", unknown=", ".join(unknown), columns=", ".join(COLUMNS)))
        )
    if findings:
        raise ScenarioError(findings)
    injects: list[Inject] = []
    rows: list[int] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        swallowed = next(
            (k for k, cell in enumerate(record) if _holds_rows(cell, header, delimiter)), None
        )
        if swallowed is not None:
            # A quote here was closed by one in a later row: the rows between are in a cell.
            findings.append(
                fail(number, _unclosed_quote(header, swallowed, number, number, rows_below=True))
            )
            continue
        if len(record) > len(header):
            findings.append(
                fail(number, said("cells.too_many", cells=len(record), header=len(header)))
            )
            continue
        row = dict(zip(header, map(unprotect_cell, record), strict=False))
        try:
            raw = _row_to_raw(row)
            story = (stories or {}).get(str(raw.get("id", "")))
            if story is not None:
                raw["story"] = story
            injects.append(_INJECT.validate_python(raw))
            rows.append(number)
        except _RowError as err:
            findings.append(fail(number, err.said))
        except ValidationError as err:
            from simulator.scenario.validate import _describe  # one wording for both

            for error in err.errors(include_url=False):
                column = next((str(p) for p in error["loc"] if isinstance(p, str)), "row")
                message: Said | str = (
                    said("missing", column=column)
                    if error["type"] == "missing"
                    else _describe(error)
                )
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
    for key in ("channel", "platform", "truth"):
        if getattr(inj, key) is not None:
            data[key] = getattr(inj, key)
    if inj.text is not None:
        data["text"] = inj.text
    if inj.story is not None:
        data["story"] = inj.story.model_dump()
    if inj.call is not None:
        data["call"] = _call_to_yaml(inj.call)
    for key in ("sensitive", "abusive"):
        if getattr(inj, key):
            data[key] = True
    for key in ("reply_to", "reach", "notes"):
        if getattr(inj, key) is not None:
            data[key] = getattr(inj, key)
    if inj.expect:
        data["expect"] = [_expectation_to_yaml(e) for e in inj.expect]
    return data


def _call_to_yaml(call: Call) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if call.ring is not None:
        data["ring"] = format_duration(call.ring)
    data["lasts"] = format_duration(call.lasts)
    if call.questions:
        data["questions"] = [
            {"after": format_duration(q.after), "text": q.text} for q in call.questions
        ]
    return data


def _expectation_to_yaml(exp: Expectation) -> dict[str, Any]:
    data: dict[str, Any] = {"do": exp.do[0] if len(exp.do) == 1 else list(exp.do)}
    if exp.within is not None:
        data["within"] = format_duration(exp.within)
    if exp.deadline is not None:
        data["deadline"] = exp.deadline
    if exp.label is not None:
        data["label"] = exp.label
    if exp.mention:
        data["mention"] = list(exp.mention)
    if exp.points != 1:
        data["points"] = int(exp.points) if exp.points.is_integer() else exp.points
    if exp.objective is not None:
        data["objective"] = exp.objective
    if exp.require:
        data["require"] = [e if isinstance(e, str) else list(e) for e in exp.require]
    if exp.forbid:
        data["forbid"] = [{"text": f.text, "reason": f.reason} for f in exp.forbid]
    return data


@dataclasses.dataclass(slots=True)
class Replacement:
    """New scenario text, and where its injects block sits (0-based lines)."""

    text: str
    first_line: int
    line_shift: int
    inject_lines: list[tuple[int, int]]

    def origin(self, line: int) -> tuple[int | None, int]:
        """Where a 1-based line of the new text came from: ``(k, 0)`` for a line of the
        k-th imported inject, ``(None, line)`` for a line of the base file."""
        index = line - 1
        for k, (first, last) in enumerate(self.inject_lines):
            if first <= index <= last:
                return k, 0
        return None, (line - self.line_shift if index > self.first_line else line)


def map_import_finding(
    finding: Finding, new: Replacement, rows: list[int], csv_display: str, base_display: str
) -> Finding:
    """A finding in the imported scenario, pointed back at the CSV row or the base file's
    line the user wrote: the generated scenario is never shown to them.

    Another place the finding names (a value called ``line``: "first used on line 12",
    in a clause of it too) moves the same way, and says which file when it is not the
    finding's own.
    """

    def place(line: int) -> tuple[str, int]:
        k, base_line = new.origin(line)
        return (csv_display, rows[k]) if k is not None else (base_display, base_line)

    path, line = place(finding.line) if finding.line > 0 else (base_display, finding.line)

    def elsewhere(other_line: int) -> Said | int:
        other, its_line = place(other_line)
        return its_line if other == path else said("line.of", line=its_line, path=other)

    def moved(name: str, value: object) -> object:
        if isinstance(value, Said):
            return repoint(value)
        if name == "line" and type(value) is int and value > 0:
            return elsewhere(value)
        return value

    def repoint(words: Said) -> Said:
        values = tuple((name, moved(name, value)) for name, value in words.values)
        return dataclasses.replace(words, values=values)

    return dataclasses.replace(
        finding,
        path=path,
        line=line,
        column=0 if path == csv_display else finding.column,
        said=repoint(finding.said),
    )


def _base_field(doc: YamlDocument, key: str) -> dict[str, Any]:
    """One field of the base scenario's injects, by id, as written, where they have it."""
    data = doc.data if isinstance(doc.data, dict) else {}
    injects = data.get("injects")
    return {
        entry["id"]: entry[key]
        for entry in (injects if isinstance(injects, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and key in entry
    }


def _base_variants(doc: YamlDocument) -> dict[str, Any]:
    """The ``variants`` of the base scenario's injects, by id, as written: the sheet has no
    column for a rumour's variants, so an imported inject keeps those of its namesake."""
    return _base_field(doc, "variants")


def base_stories(doc: YamlDocument) -> dict[str, Any]:
    """The ``story`` of the base scenario's injects, by id, as written: the sheet has no
    column for a story, so an imported inject keeps that of its namesake."""
    return _base_field(doc, "story")


def replace_injects(doc: YamlDocument, injects: list[Inject]) -> Replacement:
    """The base scenario's text with its injects block replaced; the rest stays as written
    (and each inject keeps the variants and the phone call's ``call`` block its namesake
    had in the base: the sheet has no column for either)."""
    variants = _base_variants(doc)
    calls = _base_field(doc, "call")
    entries = []
    for inj in injects:
        entry = inject_to_yaml(inj)
        if inj.id in variants:
            entry["variants"] = variants[inj.id]
        if inj.id in calls and "call" not in entry:
            entry["call"] = calls[inj.id]
        entries.append(entry)
    block = yaml.safe_dump(
        entries,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    new_block = "injects:\n" + block if injects else "injects: []\n"
    text = doc.text
    key_node = next(
        (k for k, _ in getattr(doc.root, "value", []) if getattr(k, "value", None) == "injects"),
        None,
    )
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
    return [
        (first + s, first + (starts[k + 1] if k + 1 < len(starts) else total) - 1)
        for k, s in enumerate(starts)
    ]
