"""The master events list as a spreadsheet: export, import, and the expect-cell language."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.scenario.loader import load_scenario
from simulator.scenario.model import ACTIONS, TRUTHS, Expectation
from simulator.scenario.msel import format_expectation, parse_expectations
from tests.helpers import MINIMAL, run_cli, scenario_text

BOM = b"\xef\xbb\xbf"
HEADER = ["id", "at", "after", "delay", "from", "kind", "channel", "text", "truth",
          "sensitive", "abusive", "reply_to", "reach", "expect", "notes"]

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


def make_csv(rows: list[dict[str, str]], header: list[str] = HEADER, delimiter: str = ",",
             line_end: str = "\n") -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, delimiter=delimiter, extrasaction="ignore",
                            lineterminator=line_end)
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# Three good rows; the first has a text over two lines (one spreadsheet row, two CSV lines).
GOOD_ROWS = [
    {"id": "first", "at": "1m", "from": "kari", "kind": "post",
     "text": "Ras i {sted}!\nFlere hus er tatt.", "truth": "valid", "expect": "reply"},
    {"id": "press-1", "at": "5m", "from": "avisa", "kind": "press",
     "text": "Hvor mange er evakuert på Bakkeby?",
     "expect": 'reply within 20m mention "{sted}" points 2; flag misleading'},
    {"id": "oppfolging", "after": "missed press-1", "delay": "2m", "from": "avisa",
     "kind": "news", "text": "Kommunen svarer ikke", "reply_to": "press-1"},
]


def expected_good_injects(write: Callable[..., Path]) -> list[dict]:
    """GOOD_ROWS written by hand as YAML, loaded the ordinary way."""
    text = MINIMAL.split("injects:")[0] + """\
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
""" + TAIL
    return injects_of(write(text, "expected.yaml"))


# ---------------------------------------------------------------------------------------
# export


def test_export_is_utf8_with_bom_and_keeps_norwegian_letters(tmp_path: Path) -> None:
    sc = load_scenario("omdommekrise").scenario
    target = tmp_path / "msel.csv"
    proc = run_cli("msel", "export", "omdommekrise", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    raw = target.read_bytes()
    assert raw[:3] == BOM
    text = raw[3:].decode("utf-8")  # strict: every byte after the BOM is UTF-8
    assert not text.startswith("\ufeff")
    assert all(letter in text for letter in "æøå")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [i.id for i in sc.injects]
    assert [r["text"] for r in rows] == [i.text for i in sc.injects]
    assert any(ch in r["text"] for r in rows for ch in "æøåÆØÅ")


# ---------------------------------------------------------------------------------------
# export then import


@pytest.mark.parametrize("name", [
    "jordras",
    "omdommekrise",
    "flood",
])
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


@pytest.mark.parametrize(("delimiter", "encoding", "line_end"), [
    (",", "utf-8", "\n"),
    (";", "utf-8-sig", "\r\n"),
    (";", "cp1252", "\r\n"),  # what Norwegian Excel writes for plain "CSV"
])
def test_hand_written_csv_imports(delimiter: str, encoding: str, line_end: str,
                                  tmp_path: Path, write: Callable[..., Path]) -> None:
    base = write(BASE, "base.yaml")
    text = make_csv(GOOD_ROWS, delimiter=delimiter, line_end=line_end)
    (tmp_path / "hand.csv").write_bytes(text.encode(encoding))
    out = tmp_path / "out.yaml"
    proc = run_cli("msel", "import", "hand.csv", "--into", str(base), "-o", str(out),
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = injects_of(out)
    assert got == expected_good_injects(write)
    assert "på Bakkeby" in got[1]["text"]  # å read from cp1252, not mangled


def test_import_keeps_the_rest_of_the_base_file(tmp_path: Path,
                                                write: Callable[..., Path]) -> None:
    base = write(BASE, "base.yaml")
    write(make_csv(GOOD_ROWS), "hand.csv")
    out = tmp_path / "out.yaml"
    proc = run_cli("msel", "import", "hand.csv", "--into", "base.yaml", "-o", "out.yaml",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    new = out.read_text(encoding="utf-8")
    before_injects = BASE[:BASE.index("injects:")]
    assert new.startswith(before_injects)
    assert new.endswith(TAIL)  # '# kommentar', 'noise:' and its inline comment, verbatim
    assert base.read_text(encoding="utf-8") == BASE  # the base itself is untouched
    assert injects_of(out) == expected_good_injects(write)


def test_import_keeps_the_line_after_a_block_scalar(tmp_path: Path,
                                                    write: Callable[..., Path]) -> None:
    base_text = MINIMAL + "    notes: |\n      Husk oppfølging.\n" + TAIL.lstrip("\n")
    write(base_text, "base.yaml")
    assert load_scenario(tmp_path / "base.yaml").scenario.injects[-1].notes
    write(make_csv(GOOD_ROWS), "hand.csv")
    proc = run_cli("msel", "import", "hand.csv", "--into", "base.yaml", "-o", "out.yaml",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8").endswith(TAIL.lstrip("\n"))


# ---------------------------------------------------------------------------------------
# bad rows


def _bad(**cells: str) -> dict[str, str]:
    row = {"id": "bad-one", "at": "7m", "from": "kari", "kind": "post", "text": "Hei"}
    row.update(cells)
    return row


# Rows: 1 header, 2 `first` (two CSV lines), 3 blank, 4 `press-1`, 5 the bad row.
@pytest.mark.parametrize(("cells", "needle"), [
    ({"kind": "tweet"}, "tweet"),
    ({"at": "", "after": "soon press-1"}, "soon press-1"),
    ({"expect": "reply withinn 30m"}, "withinn"),
    ({"from": "nobody"}, "nobody"),
    ({"at": "ti minutter"}, "ti minutter"),
])
def test_a_bad_row_is_reported_at_its_spreadsheet_row(
        cells: dict[str, str], needle: str, tmp_path: Path,
        write: Callable[..., Path]) -> None:
    write(BASE, "base.yaml")
    text = make_csv(GOOD_ROWS[:1])
    text += "\n" + make_csv([GOOD_ROWS[1], _bad(**cells)]).split("\n", 1)[1]
    write(text, "bad.csv")
    proc = run_cli("msel", "import", "bad.csv", "--into", "base.yaml", "-o", "out.yaml",
                   cwd=tmp_path)
    assert proc.returncode == 1
    errors = [ln for ln in proc.stderr.splitlines() if ": error: " in ln]
    assert len(errors) == 1, proc.stderr
    assert errors[0].startswith("bad.csv:5: error: "), proc.stderr
    assert needle in errors[0]
    assert not (tmp_path / "out.yaml").exists()


def test_a_missing_required_column_is_reported_on_the_header_row(
        tmp_path: Path, write: Callable[..., Path]) -> None:
    write(BASE, "base.yaml")
    write(make_csv(GOOD_ROWS, header=[h for h in HEADER if h != "kind"]), "nokind.csv")
    proc = run_cli("msel", "import", "nokind.csv", "--into", "base.yaml", "-o", "out.yaml",
                   cwd=tmp_path)
    assert proc.returncode == 1
    assert "nokind.csv:1: error: " in proc.stderr
    assert "kind" in proc.stderr.split("nokind.csv:1: error: ", 1)[1].split(";")[0]
    assert not (tmp_path / "out.yaml").exists()


def test_an_empty_csv_is_explained(tmp_path: Path, write: Callable[..., Path]) -> None:
    write(BASE, "base.yaml")
    write(b"", "empty.csv")
    proc = run_cli("msel", "import", "empty.csv", "--into", "base.yaml", "-o", "out.yaml",
                   cwd=tmp_path)
    assert proc.returncode in (1, 2)
    assert "empty.csv" in proc.stderr and "empty" in proc.stderr.split("empty.csv", 1)[1]
    assert not (tmp_path / "out.yaml").exists()


def test_a_missing_csv_is_named(tmp_path: Path, write: Callable[..., Path]) -> None:
    write(BASE, "base.yaml")
    proc = run_cli("msel", "import", "nowhere.csv", "--into", "base.yaml", "-o", "out.yaml",
                   cwd=tmp_path)
    assert proc.returncode == 2
    assert "nowhere.csv" in proc.stderr and "no such file" in proc.stderr
    assert not (tmp_path / "out.yaml").exists()


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


@pytest.mark.parametrize("phrase", [
    'sa "ja"',            # double quotes
    "ring 800 12 345; døgnåpent",  # a semicolon inside the phrase
    "it's",               # an apostrophe
    "C:\\mappe",          # a backslash
    '\\"',                # backslash then quote
    "#hashtag",           # a shell comment character
    "within",             # a keyword of the cell language
    "{sted}",             # a template placeholder
])
def test_expect_cell_mentions_round_trip(phrase: str) -> None:
    exp = Expectation(do=["reply"], within=600, mention=[phrase, "andre"], points=2.5)
    cell = format_expectation(exp)
    assert "points 2.5" in cell
    assert _roundtrip([exp, Expectation(do=["hide"])]) == [exp, Expectation(do=["hide"])]


_EXPECTATIONS = st.builds(
    lambda do, label, within, mention, quarter_points: Expectation.model_validate({
        "do": do, "label": label, "within": within, "mention": mention,
        "points": quarter_points / 4}),
    st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3),
    st.none() | st.sampled_from(TRUTHS),
    st.none() | st.integers(0, 48 * 3600),
    st.lists(st.text(min_size=1, max_size=12), max_size=3),
    st.integers(1, 400))


@settings(max_examples=150, deadline=None)
@given(st.lists(_EXPECTATIONS, min_size=1, max_size=3))
def test_expect_cell_round_trips_any_expectations(expectations: list[Expectation]) -> None:
    assert _roundtrip(expectations) == expectations


def test_expect_cell_keeps_points_exactly() -> None:
    exp = Expectation(do=["reply"], points=1234567)
    assert _roundtrip([exp]) == [exp]


@pytest.mark.parametrize(("cell", "needle"), [
    ("reply withinn 30m", "withinn"),
    ("answer within 30m", "answer"),
    ('reply mention "never closed', "quote"),
    ("reply within", "within"),
])
def test_expect_cell_errors_say_why(cell: str, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        parse_expectations(cell)
