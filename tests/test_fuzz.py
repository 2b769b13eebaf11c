"""Property-based fuzzing of what reads untrusted text: the scenario loader, the template
language and the MSEL importer. Whatever the input, they report problems; they never raise
anything else.

Each test is sized (``max_examples``) so that the whole file runs in well under 30 seconds;
set ``CRISIS_SIM_FUZZ=deep`` for a longer hunt (5,000 examples each).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from simulator.scenario import msel
from simulator.scenario.diagnostics import Finding, ScenarioError, excerpt
from simulator.scenario.loader import CheckResult, check_text
from simulator.scenario.msel import COLUMNS, ImportedRows, parse_expectations, read_rows
from simulator.scenario.templates import (
    FAKE_PROVIDERS,
    Choice,
    Placeholder,
    TemplateError,
    check_template,
    expand_variables,
    parse_template,
    render,
)


def examples(n: int) -> settings:
    """CI-sized settings: ``n`` examples, no per-example deadline (first calls import
    pydantic models and Faker, which is slow once)."""
    deep = os.environ.get("CRISIS_SIM_FUZZ") == "deep"
    return settings(
        max_examples=5_000 if deep else n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# A valid scenario that uses most of the format, so that mutations reach deep rules.
SCENARIO = """\
format: 1
id: fuzz
title: Ras i {sted}
duration: 45m
language: nb
start: "2026-03-12T07:40:00+01:00"
summary: >-
  Et ras i Bakkeby.
organisation: {name: Bakkeby kommune, handle: "@bakkeby"}
variables:
  sted: Bakkeby
  tlf: 0123
personas:
  - id: kari
    name: Kari Nordmann
    role: citizen
    followers: 120
  - {id: avisa, name: Bakkeby Avis, role: media, handle: avisa}
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    text: "Ras i {sted} kl {clock}! {{ikke}}"
    truth: valid
    reach: 4000
    expect:
      - do: [reply, flag]
        label: valid
        within: 10m
        mention: ["{sted}", "{tlf}"]
        points: 2
  - id: press-1
    after: {met: first}
    delay: 2m
    from: avisa
    kind: press
    channel: press
    text: "Hva sier {author}?"
    reply_to: first
    expect:
      - do: reply
  - id: late
    after: {missed: press-1}
    from: kari
    kind: question
    sensitive: true
    text: "Naboen {fake.name} bor i {fake.street_address}"
    expect: [{do: hide}]
noise:
  - id: prat
    kind: post
    authors: {role: citizen, count: 5}
    rate:
      - {at: 0m, per_minute: 1}
      - {at: 20m, per_minute: 4}
    mix: {valid: 2, misleading: 1, abusive: 0.5}
    texts:
      valid: ["Ras i {sted}", "{fake.first_name} har sett det"]
      misleading: ["Dammen har brutt!", "Hørt at {fake.first_name} er savnet"]
      abusive: ["{author} er en idiot", "{fake.first_name} er en idiot"]
  - id: venner
    authors: [kari]
    rate: [{at: 5m, per_minute: 0.5}, {at: 10m, per_minute: 0}]
    mix: {irrelevant: 1}
    texts: {irrelevant: ["Fint vær", "Fint vær i {fake.city}"]}
scoring:
  deadlines: {press: 20m, sensitive: 5m}
  first_statement: 15m
guidelines:
  avoid: [nasjonalitet, psykisk]
"""

SCENARIO_DATA = yaml.safe_load(SCENARIO)


def test_the_base_scenario_is_valid() -> None:
    result = check_text(SCENARIO, "fuzz.yaml")
    assert result.ok and result.findings == [], [f.as_text() for f in result.findings]


# ---------------------------------------------------------------------------------------
# Known bugs. Inputs that trip them are set aside here (each has a deterministic xfail test
# below, and a case in tests/bad_inputs), so that the fuzzers keep looking for new ones.
# Remove an entry when its bug is fixed.


def _has_empty_trigger(node: Any, seen: set[int] | None = None) -> bool:
    """An ``after`` mapping that names no inject: ``after: {met: }`` or ``after: {}``."""
    seen = set() if seen is None else seen
    if id(node) in seen or not isinstance(node, dict | list):
        return False
    seen.add(id(node))
    if isinstance(node, dict):
        after = node.get("after")
        if isinstance(after, dict) and all(
            after.get(k) is None for k in ("delivered", "met", "missed")
        ):
            return True
        return any(_has_empty_trigger(v, seen) for v in node.values())
    return any(_has_empty_trigger(v, seen) for v in node)


def trips_known_bug(text: str) -> bool:
    return False  # both bugs below are fixed; kept as the hook for the next one


def _tripped_fixed_bug(text: str) -> bool:
    try:
        data = yaml.safe_load(text)
    except Exception:  # not YAML that PyYAML loads: the loader reports it
        return False
    if isinstance(data, dict) and "[key]" in data:
        return True  # a top-level key named like pydantic's marker for a bad key
    return _has_empty_trigger(data)


def check(text: str, name: str) -> CheckResult:
    """``check_text``, after setting aside inputs that trip a known bug."""
    assume(not trips_known_bug(text))
    return check_text(text, name)


@pytest.mark.parametrize("after", ["{met: }", "{}", "{delivered: null, met: ~}"])
def test_loader_after_without_a_reference(after: str) -> None:
    text = SCENARIO.replace("    after: {met: first}", f"    after: {after}")
    assert _tripped_fixed_bug(text)
    result = check_text(text, "fuzz.yaml")
    one_of = "exactly one of delivered, met, missed or unanswered"
    assert any(one_of in f.message for f in result.findings)


def test_loader_top_level_key_named_like_the_bad_key_marker() -> None:
    text = SCENARIO + '"[key]": x\n'
    assert _tripped_fixed_bug(text)
    result = check_text(text, "fuzz.yaml")
    assert any("unknown key '[key]'" in f.message for f in result.findings)


def assert_findings_only(result: CheckResult, text: str) -> None:
    """A check result is findings and perhaps a scenario, each finding printable."""
    assert isinstance(result, CheckResult)
    for finding in result.findings:
        assert isinstance(finding, Finding)
        assert finding.severity in ("error", "warning")
        assert finding.line >= 0 and finding.column >= 0
        assert finding.message.strip()
        assert finding.as_text().startswith(finding.path)
        excerpt(text, finding)  # the caret line can always be drawn
    if result.ok:
        assert result.scenario is not None
    if any(f.severity == "error" for f in result.findings):
        assert not result.ok


# ---------------------------------------------------------------------------------------
# (a) the loader

YAML_CHARS = (
    list(":-?[]{},#&*!|>'\"%@`\\ \t\n\r") + list("abcxyz019._") + ["\ufeff", "æ", "\u2028", "\x85"]
)


@examples(300)
@given(st.text(max_size=400))
def test_loader_takes_any_text(text: str) -> None:
    assert_findings_only(check(text, "any.yaml"), text)


@examples(300)
@given(st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=300))
def test_loader_takes_yaml_punctuation_soup(text: str) -> None:
    assert_findings_only(check(text, "soup.yaml"), text)


SPECIAL = st.sampled_from(
    [
        *YAML_CHARS,
        "\x00",
        "\x1b",
        "\t",
        "  ",
        "- ",
        ": ",
        "*a",
        "&a ",
        "!!python/object:os.system ",
        "<<: ",
        "---\n",
        "{{",
        "{",
        "}",
        "9" * 30,
        "-1",
        ".inf",
        ".nan",
        "~",
        "null",
        "yes",
        "no",
        "1:30",
        "0o17",
        "0x1F",
        "2026-01-01",
    ]
)
LINE_OPS = ("delete", "duplicate", "swap", "replace", "insert", "dedent", "indent")


def mutate(text: str, ops: list[tuple[str, int, str]]) -> str:
    """Apply line deletions, duplications, swaps, and character edits to ``text``."""
    lines = text.split("\n")
    for op, where, piece in ops:
        n = where % len(lines)
        line = lines[n]
        if op == "delete" and len(lines) > 1:
            del lines[n]
        elif op == "duplicate":
            lines.insert(n, line)
        elif op == "swap":
            m = (where // 7) % len(lines)
            lines[n], lines[m] = lines[m], lines[n]
        elif op == "replace" and line:
            col = (where // 3) % len(line)
            lines[n] = line[:col] + piece + line[col + 1 :]
        elif op == "insert":
            col = (where // 3) % (len(line) + 1)
            lines[n] = line[:col] + piece + line[col:]
        elif op == "dedent":
            lines[n] = line[2:] if line.startswith("  ") else line
        elif op == "indent":
            lines[n] = " " + line
    return "\n".join(lines)


@examples(400)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINE_OPS), st.integers(0, 100_000), SPECIAL | st.characters()),
        min_size=1,
        max_size=8,
    )
)
def test_loader_takes_mutated_scenarios(ops: list[tuple[str, int, str]]) -> None:
    text = mutate(SCENARIO, ops)
    assert_findings_only(check(text, "mutated.yaml"), text)


FIELD_NAMES = sorted(
    {
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
        "name",
        "handle",
        "role",
        "followers",
        "from",
        "kind",
        "text",
        "channel",
        "at",
        "after",
        "delay",
        "truth",
        "sensitive",
        "abusive",
        "reply_to",
        "reach",
        "expect",
        "notes",
        "do",
        "within",
        "label",
        "mention",
        "points",
        "delivered",
        "met",
        "missed",
        "authors",
        "count",
        "rate",
        "per_minute",
        "mix",
        "texts",
        "deadlines",
        "first_statement",
        "avoid",
        "valid",
        "misleading",
        "irrelevant",
        "post",
        "press",
        "author",
        "clock",
        "fake",
    }
)
WORDS = st.sampled_from(
    [
        "1",
        "15m",
        "1h30m",
        "01:30:00",
        "-5m",
        "0",
        "90s",
        "1:30",
        "soon",
        "kari",
        "avisa",
        "first",
        "press-1",
        "late",
        "prat",
        "prat-1",
        "Kari Nordmann",
        "post",
        "press",
        "news",
        "social",
        "internal",
        "citizen",
        "media",
        "reply",
        "flag",
        "hide",
        "any",
        "valid",
        "misleading",
        "nb",
        "en",
        "no",
        "{sted}",
        "{fake.name}",
        "{author}",
        "{clock}",
        "{nope}",
        "{",
        "}",
        "{{x}}",
        "{0.__class__}",
        "2026-03-12T07:40:00+01:00",
        "2026-03-12T07:40:00",
        "",
        " ",
    ]
)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | WORDS
    | st.text(max_size=12)
)
VALUES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(FIELD_NAMES)
            | st.text(max_size=6)
            | st.integers(-3, 3)
            | st.booleans()
            | st.none(),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from _paths(value, (*prefix, k))


PATHS = [p for p in _paths(SCENARIO_DATA) if p]


def _replace(data: Any, path: tuple[Any, ...], value: Any, delete: bool) -> Any:
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    if rest:
        copy[head] = _replace(copy[head], tuple(rest), value, delete)
    elif delete:
        del copy[head]
    else:
        copy[head] = value
    return copy


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@examples(400)
@given(st.lists(st.tuples(st.sampled_from(PATHS), VALUES, st.booleans()), min_size=1, max_size=4))
def test_loader_takes_scenarios_with_values_replaced(
    edits: list[tuple[tuple[Any, ...], Any, bool]],
) -> None:
    data: Any = SCENARIO_DATA
    for path, value, delete in edits:
        try:
            data = _replace(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed the path
    text = dump(data)
    assert_findings_only(check(text, "edited.yaml"), text)


@examples(200)
@given(st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=6), VALUES, max_size=8))
def test_loader_takes_generated_structures(data: dict[Any, Any]) -> None:
    text = dump(data)
    assert_findings_only(check(text, "generated.yaml"), text)


@examples(100)
@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["list", "map"]))
def test_loader_bounds_aliases(width: int, depth: int, shape: str) -> None:
    """Nested aliases (a 'billion laughs' when wide and deep) are refused, never expanded
    without bound, and ordinary reuse of an anchor stays fine."""
    lines = ["format: 1", "x-0: &a0 lol"]
    for d in range(1, depth + 1):
        refs = [f"*a{d - 1}"] * width
        body = (
            f"[{', '.join(refs)}]"
            if shape == "list"
            else "{" + ", ".join(f"k{i}: {r}" for i, r in enumerate(refs)) + "}"
        )
        lines.append(f"x-{d}: &a{d} {body}")
    text = "\n".join(lines) + "\n"
    result = check(text, "bomb.yaml")
    assert_findings_only(result, text)
    if width**depth > 10_000_000:
        assert any("alias bomb" in f.message for f in result.findings)


# ---------------------------------------------------------------------------------------
# (b) the template language

BRACES = st.lists(st.sampled_from([*"{}{}{}ab_.: 0!", "fake.", "{{", "}}"]), max_size=30).map(
    "".join
)
TEMPLATES = (
    st.text(max_size=80)
    | BRACES
    | st.builds(
        "".join,
        st.lists(
            st.sampled_from(
                [
                    "Ras i ",
                    "{sted}",
                    "{author}",
                    "{clock}",
                    "{{",
                    "}}",
                    "{fake.name}",
                    "{fake.nope}",
                    "{",
                    "}",
                    "{ x }",
                    "{0.__class__}",
                    "{a.b.c}",
                    "{é}",
                    "\x1b[31m",
                    "æøå",
                ]
            ),
            max_size=10,
        ),
    )
)


@examples(500)
@given(TEMPLATES)
def test_parse_template_raises_only_template_error(text: str) -> None:
    try:
        parts = parse_template(text)
    except TemplateError as err:
        assert 0 <= err.offset < len(text)
        assert str(err)
        return
    assert isinstance(parts, tuple)
    _check_parts(text, parts)


def _check_parts(text: str, parts: tuple[object, ...]) -> None:
    """Every part a literal, a placeholder or a choice among parts, where the text has it."""
    for part in parts:
        if isinstance(part, Placeholder):
            assert text[part.offset] == "{"
            assert part.name and "{" not in part.name and "}" not in part.name
        elif isinstance(part, Choice):
            assert text[part.offset] == "{" and part.options
            for option in part.options:
                _check_parts(text, option)
        else:
            assert isinstance(part, str)


@examples(500)
@given(
    TEMPLATES,
    st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4),
    st.text(max_size=20),
)
@example("{0{?}}", {}, "")  # a choice of one option, found by a run: always checked
def test_render_never_raises_for_a_resolver_returning_text(
    text: str, values: dict[str, str], fallback: str
) -> None:
    try:
        parts = parse_template(text)
    except TemplateError:
        return
    rendered = render(text, lambda name: values.get(name, fallback))
    assert isinstance(rendered, str)
    # Values are inserted once, as they are: the literal parts come through in order. A
    # choice comes through as one of its options, unknown here: what follows comes after.
    position = 0
    for part in parts:
        if isinstance(part, Choice):
            continue
        piece = part if isinstance(part, str) else values.get(part.name, fallback)
        found = rendered.find(piece, position)
        assert found >= 0, (text, rendered, piece)
        position = found + len(piece)
    assert isinstance(expand_variables(text, values), str)


@examples(500)
@given(
    TEMPLATES,
    st.dictionaries(
        st.text(max_size=10) | st.sampled_from(["sted", "fake"]), st.text(max_size=10), max_size=4
    ),
)
def test_check_template_reports_problems_and_never_raises(
    text: str, variables: dict[str, str]
) -> None:
    problems = check_template(text, variables)
    assert isinstance(problems, list)
    for message, offset in problems:
        assert all(message.text(language) for language in ("en", "nb", "nn"))
        assert 0 <= offset < len(text)
    if not problems:
        # A template without problems names only placeholders the scenario knows.
        for part in parse_template(text):
            if isinstance(part, Placeholder):
                prefix, _, provider = part.name.partition(".")
                assert (
                    part.name in variables
                    or part.name in ("author", "clock")
                    or (prefix == "fake" and provider in FAKE_PROVIDERS)
                )


# ---------------------------------------------------------------------------------------
# (c) the MSEL importer


@contextmanager
def csv_file(content: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        path.write_bytes(content)
        yield path


def _raised_by_msel(err: Exception) -> bool:
    """ScenarioError, or a ValueError subclass the importer itself defines."""
    return isinstance(err, ScenarioError) or (
        isinstance(err, ValueError)
        and type(err) is not ValueError
        and type(err).__module__ == msel.__name__
    )


def read_any(content: bytes) -> None:
    with csv_file(content) as path:
        try:
            imported = read_rows(path, "events.csv")
        except Exception as err:
            assert _raised_by_msel(err), f"{type(err).__name__}: {err}"
            event("refused")
            if isinstance(err, ScenarioError):
                assert err.findings
                for finding in err.findings:
                    assert finding.path == "events.csv" and finding.line >= 0
                    assert finding.message.strip()
            return
    event(f"imported {len(imported.injects)} rows")
    assert isinstance(imported, ImportedRows)
    assert len(imported.injects) == len(imported.rows)
    assert imported.rows == sorted(set(imported.rows)) and all(r >= 2 for r in imported.rows)


@examples(300)
@given(st.binary(max_size=600))
def test_read_rows_takes_any_bytes(content: bytes) -> None:
    read_any(content)


CELL_PIECES = st.sampled_from(
    [
        "",
        "x",
        "first",
        "press-1",
        "kari",
        "post",
        "press",
        "social",
        "1m",
        "5m",
        "-1m",
        "soon",
        "01:30:00",
        "delivered first",
        "met first",
        "missed",
        "yes",
        "nei",
        "kanskje",
        "valid",
        "misleading",
        "reply",
        "reply within 30m",
        'reply mention "{sted}"',
        "flag valid",
        'reply mention "open',
        "hide; escalate",
        "any points 0",
        "points nan",
        "within",
        "{sted}",
        "{",
        "}",
        '"',
        '""',
        ",",
        ";",
        "\t",
        "\n",
        "\r\n",
        "\x00",
        "\ufeff",
        "æøå",
        "9" * 5000,
    ]
)
CELLS = st.lists(CELL_PIECES, max_size=3).map("".join) | st.text(max_size=10)


# Per column: cells that are fine, and cells that are wrong.
COLUMN_SAMPLES: dict[str, tuple[list[str], list[str]]] = {
    "id": (["first", "press-1", "late"], ["First", "a b", ""]),
    "at": (["1m", "90s", "01:30:00", ""], ["-1m", "soon", "1:30"]),
    "after": ([""], ["delivered first", "met press-1", "soon first", "met"]),
    "delay": ([""], ["1m", "x"]),
    "from": (["kari", "avisa"], ["Kari", ""]),
    "kind": (["post", "press", "question"], ["tweet", ""]),
    "channel": (["", "social"], ["tv"]),
    "text": (["Ras i {sted}", "Hei, {author}!"], ["", "{", "\n"]),
    "truth": (["", "valid", "misleading"], ["false"]),
    "sensitive": (["", "yes", "ja"], ["kanskje", "2"]),
    "abusive": (["", "no", "x"], ["maybe"]),
    "reply_to": (["", "first"], ["First"]),
    "reach": (["", "100"], ["-1", "1e9", "mange"]),
    "expect": (
        ["", "reply within 30m", 'flag valid mention "Ras"; hide points 2'],
        ["svar", 'reply mention "open', "reply within"],
    ),
    "notes": (["", "Kontrollørens notat"], ["\x00"]),
}
# A clean row draws only fine cells, so that whole rows get through; others draw anything.
CLEAN_CELLS = {name: st.sampled_from(good) for name, (good, _bad) in COLUMN_SAMPLES.items()}
ANY_CELLS = {
    name: st.sampled_from(good) | st.sampled_from(bad) | CELLS
    for name, (good, bad) in COLUMN_SAMPLES.items()
}
HEADERS = (
    st.just(list(COLUMNS))
    | st.permutations(COLUMNS).map(list)
    | st.permutations(COLUMNS).map(lambda columns: list(columns[:10]))
    | st.lists(st.sampled_from([*COLUMNS, "ID", " kind ", "tekst", ""]), min_size=1, max_size=16)
)


@st.composite
def spreadsheets(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(HEADERS)
    rows = []
    clean = draw(st.booleans())
    for _ in range(draw(st.integers(0, 4))):
        cells = CLEAN_CELLS if clean or draw(st.booleans()) else ANY_CELLS
        row = [draw(cells.get(name, CELLS)) for name in header]
        extra = draw(st.integers(-2, 1))  # short rows are fine; long ones are an error
        rows.append(row[:extra] if extra < 0 else row + [draw(CELLS)] * extra)
    return header, rows


@examples(300)
@given(
    spreadsheets(),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.booleans(),
)
def test_read_rows_takes_any_spreadsheet(
    sheet: tuple[list[str], list[list[str]]], delimiter: str, encoding: str, quote: bool
) -> None:
    import csv
    import io

    header, rows = sheet
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE,
        escapechar="\\",
    )
    try:
        writer.writerow(header)
        writer.writerows(rows)
    except csv.Error:  # e.g. an unquoted empty row cannot be written
        assume(False)
    read_any(buffer.getvalue().encode(encoding, errors="replace"))


def test_read_rows_reads_an_exported_spreadsheet() -> None:
    """The fuzzing above would pass for an importer that refuses everything."""
    from simulator.scenario.loader import check_text as check
    from simulator.scenario.msel import export_csv

    result = check(SCENARIO, "fuzz.yaml")
    assert result.scenario is not None
    with csv_file(export_csv(result.scenario).encode("utf-8")) as path:
        imported = read_rows(path, "events.csv")
    assert [i.id for i in imported.injects] == ["first", "press-1", "late"]


@examples(1000)
@given(
    st.text(max_size=80)
    | st.lists(
        CELL_PIECES
        | st.sampled_from(
            ["within", "mention", "points", "label", "/", "reply/flag", "\\", '\\"', " "]
        ),
        max_size=10,
    ).map(" ".join)
)
def test_parse_expectations_raises_only_its_own_value_error(cell: str) -> None:
    try:
        parsed = parse_expectations(cell)
    except ValueError as err:
        assert _raised_by_msel(err), f"{type(err).__name__}: {err}"
        assert str(err).startswith("expect: ")
        return
    assert isinstance(parsed, list)
    for expectation in parsed:
        assert isinstance(expectation, dict)
        assert isinstance(expectation["do"], list) and expectation["do"]
