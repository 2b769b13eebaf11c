"""The master events list as a spreadsheet: export, import, and the expect-cell language."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.scenario.loader import load_scenario
from simulator.scenario.model import ACTIONS, TRUTHS, Expectation
from simulator.scenario.msel import format_expectation, parse_expectations
from tests.helpers import MINIMAL, Done, Ran, run_cli, run_cli_process, scenario_text, with_injects

BOM = b"\xef\xbb\xbf"
# What Excel and LibreOffice take as the start of a formula (typed out, not imported).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
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

# The minimal scenario (personas kari and avisa), with a comment and a noise stream after
# its injects: import must keep both exactly as written.
TAIL = """\

# kommentar: støyen under skal stå urørt
noise:
  - id: prat
    authors: [kari]   # bare Kari
    rate:
      - {at: 0m, per_minute: 1}
      - {at: 10m, per_minute: 1}
    mix: {valid: 1}
    texts:
      valid: ["Hei fra {sted}"]
"""
BASE = scenario_text(TAIL)


def injects_of(path: str | Path) -> list[dict]:
    return [i.model_dump() for i in load_scenario(path).scenario.injects]


def make_csv(
    rows: list[dict[str, str]],
    header: list[str] = HEADER,
    delimiter: str = ",",
    line_end: str = "\n",
) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=header, delimiter=delimiter, extrasaction="ignore", lineterminator=line_end
    )
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# Three good rows; the first has a text over two lines (one spreadsheet row, two CSV lines).
GOOD_ROWS = [
    {
        "id": "first",
        "at": "1m",
        "from": "kari",
        "kind": "post",
        "text": "Ras i {sted}!\nFlere hus er tatt.",
        "truth": "valid",
        "expect": "reply",
    },
    {
        "id": "press-1",
        "at": "5m",
        "from": "avisa",
        "kind": "press",
        "text": "Hvor mange er evakuert på Bakkeby?",
        "expect": 'reply within 20m mention "{sted}" points 2; flag misleading',
    },
    {
        "id": "oppfolging",
        "after": "missed press-1",
        "delay": "2m",
        "from": "avisa",
        "kind": "news",
        "text": "Kommunen svarer ikke",
        "reply_to": "press-1",
    },
]


def expected_good_injects(write: Callable[..., Path]) -> list[dict]:
    """GOOD_ROWS written by hand as YAML, loaded the ordinary way."""
    text = (
        MINIMAL.split("injects:")[0]
        + """\
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    truth: valid
    text: "Ras i {sted}!\\nFlere hus er tatt."
    expect:
      - do: reply
  - id: press-1
    at: 5m
    from: avisa
    kind: press
    text: "Hvor mange er evakuert på Bakkeby?"
    expect:
      - do: reply
        within: 20m
        mention: ["{sted}"]
        points: 2
      - do: flag
        label: misleading
  - id: oppfolging
    after: {missed: press-1}
    delay: 2m
    from: avisa
    kind: news
    text: "Kommunen svarer ikke"
    reply_to: press-1
"""
        + TAIL
    )
    return injects_of(write(text, "expected.yaml"))


# ---------------------------------------------------------------------------------------
# export


def test_export_is_utf8_with_bom_and_keeps_norwegian_letters(tmp_path: Path) -> None:
    sc = load_scenario("omdommekrise").scenario
    target = tmp_path / "msel.csv"
    proc = run_cli_process("msel", "export", "omdommekrise", "-o", str(target))  # end to end
    assert proc.returncode == 0, proc.stderr
    raw = target.read_bytes()
    assert raw[:3] == BOM
    text = raw[3:].decode("utf-8")  # strict: every byte after the BOM is UTF-8
    assert not text.startswith("\ufeff")
    assert all(letter in text for letter in "æøå")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [i.id for i in sc.injects]
    # A text that a spreadsheet would run as a formula (here '@vestvikkommune ...') is
    # written with an apostrophe in front; every other text exactly as it is.
    assert [r["text"] for r in rows] == [
        "'" + i.text if i.text.startswith(FORMULA_START) else i.text for i in sc.injects
    ]
    assert any(ch in r["text"] for r in rows for ch in "æøåÆØÅ")


# ---------------------------------------------------------------------------------------
# export then import


@pytest.mark.parametrize(
    "name",
    [
        "jordras",
        "omdommekrise",
        "flood",
        "ekstremver",
        "politi",
    ],
)
def test_export_then_import_gives_back_the_same_injects(name: str, tmp_path: Path) -> None:
    exported, out = tmp_path / f"{name}.csv", tmp_path / f"{name}-out.yaml"
    assert run_cli("msel", "export", name, "-o", str(exported)).returncode == 0
    proc = run_cli("msel", "import", str(exported), "--into", name, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert injects_of(out) == injects_of(name)
    original = load_scenario(name).scenario
    again = load_scenario(out).scenario
    assert again.model_dump(exclude={"injects"}) == original.model_dump(exclude={"injects"})


def test_semicolon_export_imports_the_same(tmp_path: Path) -> None:
    exported, out = tmp_path / "semi.csv", tmp_path / "out.yaml"
    proc = run_cli("msel", "export", "jordras", "--semicolon", "-o", str(exported))
    assert proc.returncode == 0, proc.stderr
    header = exported.read_bytes()[3:].decode("utf-8").splitlines()[0]
    assert header == ";".join(HEADER)
    proc = run_cli("msel", "import", str(exported), "--into", "jordras", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert injects_of(out) == injects_of("jordras")


@pytest.mark.parametrize(
    ("delimiter", "encoding", "line_end"),
    [
        (",", "utf-8", "\n"),
        (";", "utf-8-sig", "\r\n"),
        (";", "cp1252", "\r\n"),  # what Norwegian Excel writes for plain "CSV"
    ],
)
def test_hand_written_csv_imports(
    delimiter: str, encoding: str, line_end: str, tmp_path: Path, write: Callable[..., Path]
) -> None:
    base = write(BASE, "base.yaml")
    text = make_csv(GOOD_ROWS, delimiter=delimiter, line_end=line_end)
    (tmp_path / "hand.csv").write_bytes(text.encode(encoding))
    out = tmp_path / "out.yaml"
    proc = run_cli("msel", "import", "hand.csv", "--into", str(base), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = injects_of(out)
    assert got == expected_good_injects(write)
    assert "på Bakkeby" in got[1]["text"]  # å read from cp1252, not mangled


def test_import_keeps_the_rest_of_the_base_file(tmp_path: Path, write: Callable[..., Path]) -> None:
    base = write(BASE, "base.yaml")
    write(make_csv(GOOD_ROWS), "hand.csv")
    out = tmp_path / "out.yaml"
    proc = run_cli(
        "msel", "import", "hand.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    new = out.read_text(encoding="utf-8")
    before_injects = BASE[: BASE.index("injects:")]
    assert new.startswith(before_injects)
    assert new.endswith(TAIL)  # '# kommentar', 'noise:' and its inline comment, verbatim
    assert base.read_text(encoding="utf-8") == BASE  # the base itself is untouched
    assert injects_of(out) == expected_good_injects(write)


def test_import_keeps_the_line_after_a_block_scalar(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    base_text = MINIMAL + "    notes: |\n      Husk oppfølging.\n" + TAIL.lstrip("\n")
    write(base_text, "base.yaml")
    assert load_scenario(tmp_path / "base.yaml").scenario.injects[-1].notes
    write(make_csv(GOOD_ROWS), "hand.csv")
    proc = run_cli(
        "msel", "import", "hand.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8").endswith(TAIL.lstrip("\n"))


# ---------------------------------------------------------------------------------------
# bad rows


def _bad(**cells: str) -> dict[str, str]:
    row = {"id": "bad-one", "at": "7m", "from": "kari", "kind": "post", "text": "Hei"}
    row.update(cells)
    return row


# Rows: 1 header, 2 `first` (two CSV lines), 3 blank, 4 `press-1`, 5 the bad row.
@pytest.mark.parametrize(
    ("cells", "needle"),
    [
        ({"kind": "tweet"}, "tweet"),
        ({"at": "", "after": "soon press-1"}, "soon press-1"),
        ({"expect": "reply withinn 30m"}, "withinn"),
        ({"from": "nobody"}, "nobody"),
        ({"at": "ti minutter"}, "ti minutter"),
    ],
)
def test_a_bad_row_is_reported_at_its_spreadsheet_row(
    cells: dict[str, str], needle: str, tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    text = make_csv(GOOD_ROWS[:1])
    text += "\n" + make_csv([GOOD_ROWS[1], _bad(**cells)]).split("\n", 1)[1]
    write(text, "bad.csv")
    proc = run_cli(
        "msel", "import", "bad.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode == 1
    errors = [ln for ln in proc.stderr.splitlines() if ": error: " in ln]
    assert len(errors) == 1, proc.stderr
    assert errors[0].startswith("bad.csv:5: error: "), proc.stderr
    assert needle in errors[0]
    assert not (tmp_path / "out.yaml").exists()


def test_a_missing_required_column_is_reported_on_the_header_row(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    write(make_csv(GOOD_ROWS, header=[h for h in HEADER if h != "kind"]), "nokind.csv")
    proc = run_cli(
        "msel", "import", "nokind.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode == 1
    assert "nokind.csv:1: error: " in proc.stderr
    assert "kind" in proc.stderr.split("nokind.csv:1: error: ", 1)[1].split(";")[0]
    assert not (tmp_path / "out.yaml").exists()


def test_an_empty_csv_is_explained(tmp_path: Path, write: Callable[..., Path]) -> None:
    write(BASE, "base.yaml")
    write(b"", "empty.csv")
    proc = run_cli(
        "msel", "import", "empty.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode in (1, 2)
    assert "empty.csv" in proc.stderr and "empty" in proc.stderr.split("empty.csv", 1)[1]
    assert not (tmp_path / "out.yaml").exists()


def test_a_missing_csv_is_named(tmp_path: Path, write: Callable[..., Path]) -> None:
    write(BASE, "base.yaml")
    proc = run_cli(
        "msel", "import", "nowhere.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode == 2
    assert "nowhere.csv" in proc.stderr and "no such file" in proc.stderr
    assert not (tmp_path / "out.yaml").exists()


# ---------------------------------------------------------------------------------------
# quotes in the file, duplicate ids


def _import(tmp_path: Path, csv_name: str) -> Ran:
    return run_cli(
        "msel", "import", csv_name, "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )


def _errors(proc: Done) -> list[str]:
    return [line for line in proc.stderr.splitlines() if ": error: " in line]


ROW_3_OPEN = 'press-1,5m,,,avisa,press,,"Hvor mange er evakuert?,valid,,,,,reply,\n'
# Rows 2 and 4 are good; the quote that opens row 3's text is never closed, in several
# ways a hand edit leaves it.
UNCLOSED = {
    "to the end of the file": ROW_3_OPEN,
    "until a quoted cell below": ROW_3_OPEN + 'late,9m,,,kari,post,,"Sent, men godt",,,,,,,\n',
    # A quote at the end of a cell below closes it and the file reads without an error:
    # the row between is caught by looking into the cell.
    "until a quote at the end of a cell below": ROW_3_OPEN
    + 'late,9m,,,kari,post,,Skjermen er 5",,,,,,,,\n',
}


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("rest", UNCLOSED.values(), ids=list(UNCLOSED))
def test_an_unclosed_quote_is_reported_where_it_opens(
    rest: str, delimiter: str, tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    text = (
        ",".join(HEADER)
        + "\nfirst,1m,,,kari,post,,Ras i {sted},valid,,,,,reply,\n"
        + rest
        + "oppfolging,12m,,,avisa,news,,Kommunen svarer ikke,,,,,,,\n"
    )
    write(text.replace(",", delimiter) if delimiter != "," else text, "open.csv")
    proc = _import(tmp_path, "open.csv")
    assert proc.returncode == 1, proc.stderr
    [error] = _errors(proc)
    assert error.startswith(
        "open.csv:3: error: the quote that opens the 'text' cell is "
        "never closed, so the rows below it are read into that one "
        "cell; close the quote"
    ), proc.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_an_unclosed_quote_in_the_last_row_is_reported(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    write(make_csv(GOOD_ROWS[:2]) + 'late,9m,,,kari,post,,"Sist i fila', "last.csv")
    proc = _import(tmp_path, "last.csv")
    assert proc.returncode == 1
    [error] = _errors(proc)
    # Rows 1-3 are five lines: the first text holds a line break.
    assert error.startswith(
        "last.csv:4: error: the quote that opens the 'text' cell (line "
        "5 in a text editor) is never closed; close the quote"
    ), error


@pytest.mark.parametrize(
    ("cell", "line"),
    [
        ('"Hei" sa hun', 5),
        ('"To\nlinjer" og mer', 6),  # the stray text comes after the line break
    ],
)
def test_a_quote_that_ends_inside_a_cell_is_reported(
    cell: str, line: int, tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    write(make_csv(GOOD_ROWS[:2]) + f"late,9m,,,kari,post,,{cell},,,,,,,\n", "mid.csv")
    proc = _import(tmp_path, "mid.csv")
    assert proc.returncode == 1
    [error] = _errors(proc)
    assert error.startswith(
        f"mid.csv:4: error: a quote ends in the middle of a cell (line "
        f"{line} in a text editor); either quote the whole cell"
    ), error


def test_quoted_cells_over_several_lines_still_import(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    texts = [
        'Hei,\nvi, dere, og de; alle sammen.\n\nHilsen "Kari"',
        "Linje 1\r\nLinje 2, med komma",
        "Slutter med linjeskift\n",
    ]
    rows = [dict(GOOD_ROWS[k], text=text) for k, text in enumerate(texts)]
    write(BASE, "base.yaml")
    for delimiter in (",", ";"):
        write(make_csv(rows, delimiter=delimiter, line_end="\r\n"), "multi.csv")
        proc = _import(tmp_path, "multi.csv")
        assert proc.returncode == 0, proc.stderr
        assert [i["text"] for i in injects_of(tmp_path / "out.yaml")] == texts


def test_a_duplicate_id_names_the_row_it_was_first_used_on(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    write(make_csv([*GOOD_ROWS, dict(GOOD_ROWS[1], id="first", at="9m")]), "dup.csv")
    proc = _import(tmp_path, "dup.csv")
    assert proc.returncode == 1
    [error] = _errors(proc)
    # Row 2 ('first') spans two lines of the file; the rows are spreadsheet rows.
    assert error == (
        "dup.csv:5: error: duplicate inject or noise stream id 'first' (first "
        "used on line 2); ids must be unique, so rename one"
    ), proc.stderr


def test_an_id_that_a_noise_stream_of_the_base_has_names_both_files(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    noise_line = BASE.splitlines().index("  - id: prat") + 1
    write(make_csv([GOOD_ROWS[0], dict(GOOD_ROWS[1], id="prat")]), "clash.csv")
    proc = _import(tmp_path, "clash.csv")
    assert proc.returncode == 1
    [error] = _errors(proc)
    assert error == (
        f"base.yaml:{noise_line}:9: error: duplicate inject or noise stream id "
        "'prat' (first used on line 3 of clash.csv); ids must be unique, so "
        "rename one"
    ), proc.stderr


# ---------------------------------------------------------------------------------------
# formulas


# Texts a spreadsheet would run as formulas, and two it would not.
FORMULAS = [
    '=HYPERLINK("https://example.org/?q="&A1,"Les mer")',
    "+47 800 12 345 er nummeret",
    "-5 grader i {sted} i natt",
    "@kommunen svar nå!",
    "\tinnrykket",
    "\rvognretur",
    "'=med apostrof fra før",
    "''@to apostrofer",
    "'vanlig apostrof",
    "= {sted}",
]


def test_formula_like_cells_export_as_text_and_import_unchanged(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    injects = "".join(
        f"- id: f{k}\n  at: {k + 1}m\n  from: kari\n  kind: post\n  text: {json.dumps(text)}\n"
        # Notes lose the spaces around them on import, as every cell but the text does.
        + ("" if text[:1].isspace() else f"  notes: {json.dumps(text)}\n")
        for k, text in enumerate(FORMULAS)
    )
    write(with_injects(injects), "formulas.yaml")
    assert [i["text"] for i in injects_of(tmp_path / "formulas.yaml")][2:] == FORMULAS
    for semicolon in ([], ["--semicolon"]):
        proc = run_cli("msel", "export", "formulas.yaml", "-o", "f.csv", *semicolon, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        text = (tmp_path / "f.csv").read_bytes()[3:].decode("utf-8")
        rows = list(
            csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if semicolon else ",")
        )
        cells = [cell for row in rows for cell in row.values()]
        assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
        assert rows[2]["text"] == "'" + FORMULAS[0] and rows[2]["notes"] == "'" + FORMULAS[0]
        assert rows[-2]["text"] == "'vanlig apostrof"  # nothing to protect
        proc = run_cli(
            "msel", "import", "f.csv", "--into", "formulas.yaml", "-o", "out.yaml", cwd=tmp_path
        )
        assert proc.returncode == 0, proc.stderr
        assert injects_of(tmp_path / "out.yaml") == injects_of(tmp_path / "formulas.yaml")


def test_an_apostrophe_typed_before_a_formula_is_taken_off(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    write(BASE, "base.yaml")
    typed = ["'=1+1", "''=1+1", "'Hei", "'"]
    write(
        make_csv(
            [
                {"id": f"r{k}", "at": "1m", "from": "kari", "kind": "post", "text": text}
                for k, text in enumerate(typed)
            ]
        ),
        "typed.csv",
    )
    proc = _import(tmp_path, "typed.csv")
    assert proc.returncode == 0, proc.stderr
    assert [i["text"] for i in injects_of(tmp_path / "out.yaml")] == ["=1+1", "'=1+1", "'Hei", "'"]


# ---------------------------------------------------------------------------------------
# the expect-cell language


def _roundtrip(expectations: list[Expectation]) -> list[Expectation]:
    cell = "; ".join(format_expectation(e) for e in expectations)
    return [Expectation.model_validate(d) for d in parse_expectations(cell)]


def test_expect_cell_documented_example() -> None:
    cell = 'reply/statement within 30m mention "evakuert" points 2; flag misleading'
    got = [Expectation.model_validate(d) for d in parse_expectations(cell)]
    assert got == [
        Expectation(do=["reply", "statement"], within=1800, mention=["evakuert"], points=2),
        Expectation(do=["flag"], label="misleading"),
    ]
    assert "; ".join(format_expectation(e) for e in got) == cell


@pytest.mark.parametrize(
    "phrase",
    [
        'sa "ja"',  # double quotes
        "ring 800 12 345; døgnåpent",  # a semicolon inside the phrase
        "it's",  # an apostrophe
        "C:\\mappe",  # a backslash
        '\\"',  # backslash then quote
        "#hashtag",  # a shell comment character
        "within",  # a keyword of the cell language
        "{sted}",  # a template placeholder
    ],
)
def test_expect_cell_mentions_round_trip(phrase: str) -> None:
    exp = Expectation(do=["reply"], within=600, mention=[phrase, "andre"], points=2.5)
    cell = format_expectation(exp)
    assert "points 2.5" in cell
    assert _roundtrip([exp, Expectation(do=["hide"])]) == [exp, Expectation(do=["hide"])]


_EXPECTATIONS = st.builds(
    lambda do, label, within, mention, quarter_points: Expectation.model_validate(
        {
            "do": do,
            "label": label,
            "within": within,
            "mention": mention,
            "points": quarter_points / 4,
        }
    ),
    st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3),
    st.none() | st.sampled_from(TRUTHS),
    st.none() | st.integers(0, 48 * 3600),
    st.lists(st.text(min_size=1, max_size=12), max_size=3),
    st.integers(1, 400),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_EXPECTATIONS, min_size=1, max_size=3))
def test_expect_cell_round_trips_any_expectations(expectations: list[Expectation]) -> None:
    assert _roundtrip(expectations) == expectations


def test_expect_cell_keeps_points_exactly() -> None:
    # Seven significant digits: a '%g' in the cell would round them to six.
    exp = Expectation(do=["reply"], points=987.6543)
    assert _roundtrip([exp]) == [exp]


@pytest.mark.parametrize(
    ("cell", "needle"),
    [
        ("reply withinn 30m", "withinn"),
        ("answer within 30m", "answer"),
        ('reply mention "never closed', "quote"),
        ("reply within", "within"),
    ],
)
def test_expect_cell_errors_say_why(cell: str, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        parse_expectations(cell)


YAML_LOOKING_CELLS = [
    '!!python/object/apply:os.system ["touch pwned"]',
    "!!python/name:os.system",
    "&anchor *alias",
    "[1, 2]",
    "- item",
    "key: value",
    "null",
    "yes",
    "0x10",
]


def test_cells_that_look_like_yaml_are_imported_as_the_text_written(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    """A cell is text, whatever YAML would make of it: a tag is never run or built, and
    flow syntax, anchors, null and yes stay the characters the planner typed."""
    write(BASE, "base.yaml")
    write(
        make_csv(
            [
                {"id": f"y{k}", "at": "1m", "from": "kari", "kind": "post", "text": text}
                for k, text in enumerate(YAML_LOOKING_CELLS)
            ]
        ),
        "rows.csv",
    )
    proc = run_cli(
        "msel", "import", "rows.csv", "--into", "base.yaml", "-o", "out.yaml", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert [i["text"] for i in injects_of(tmp_path / "out.yaml")] == YAML_LOOKING_CELLS
    assert not (tmp_path / "pwned").exists()
    assert run_cli("validate", "out.yaml", cwd=tmp_path).returncode == 0
