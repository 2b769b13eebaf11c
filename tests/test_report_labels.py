"""The words of the debrief in the terminal and Markdown reports: the scenario's language
(or the one asked for), one summary for every report, and English field names in JSON and
CSV whatever the language.

Sessions are made in-process by the headless run, with a scripted team.
"""

from __future__ import annotations

import csv
import io
import json
import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from simulator.engine.actions import load_actions
from simulator.engine.simulate import simulate
from simulator.lang import LANGUAGES
from simulator.scenario.loader import load_scenario_text
from simulator.scoring import reports
from simulator.scoring.html import render_html
from simulator.scoring.labels import LABELS, Labels
from simulator.scoring.metrics import Score, score_session
from simulator.tui.i18n import Catalogue
from tests.helpers import scenario_text

TEAM = """\
- {at: 2m, do: reply, to: first, text: "Vi jobber med saken i {sted}", by: Kari}
- {at: 3m, do: flag, to: first, label: valid}
- {at: 20m, do: reply, to: press-1, text: "Ingen er savnet i {sted}", by: Per}
- {at: 21m, do: statement, text: "antall døde er ukjent", by: Per}
"""
# The press answer comes late (deadline T+15:00), the statement breaks a guideline, and
# the flag was made at a console where nobody gave a name.
GUIDELINES = """\
guidelines:
  avoid: ["antall døde"]
scoring:
  deadlines:
    press: 10m
"""


def _session(folder: Path, language: str) -> Score:
    text = scenario_text(GUIDELINES).replace("language: nb", f"language: {language}")
    loaded = load_scenario_text(text, f"mini-{language}.yaml")
    assert loaded.scenario.language == language
    actions = folder / "team.yaml"
    actions.write_text(TEAM, encoding="utf-8")
    path = folder / f"{language}.sqlite"
    simulate(loaded, 4, load_actions(actions), path)
    return score_session(path)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Score]:
    folder = tmp_path_factory.mktemp("labels")
    return {language: _session(folder, language) for language in ("nb", "nn", "en")}


def _table(scores: list[Score], language: str | None = None) -> str:
    out = io.StringIO()
    # wide enough that each figure, said in a sentence, stays on one line
    Console(file=out, width=200).print(reports.to_table(scores, language))
    return out.getvalue()


# --- the catalogue ----------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_is_in_every_language_with_the_same_placeholders() -> None:
    assert LANGUAGES == ("en", "nb", "nn")
    for key, texts in LABELS.items():
        assert len(texts) in (2, 3) and all(t.strip() for t in texts), key
        assert all(_fields(t) == _fields(texts[0]) for t in texts), key


def test_outcomes_are_named_as_the_console_names_them() -> None:
    for language in LANGUAGES:
        labels, tr = Labels(language), Catalogue(language)
        for status in ("met", "late", "missed"):
            assert labels.status(status) == tr(f"state.{status}")


def test_numbers_are_written_the_readers_way() -> None:
    assert Labels("en").number(1234567) == "1,234,567"
    assert Labels("nb").number(1234567) == "1\u00a0234\u00a0567"
    assert Labels("en").number(83.3) == "83.3"
    assert Labels("nb").number(83.3) == "83,3"
    assert Labels("nn").number(83.3) == "83,3"
    assert Labels("nn").language == "nn" and Labels("nb").language == "nb"
    assert Labels(None).language == Labels("de").language == "en"


# --- Markdown and terminal ----------------------------------------------------------------


def test_markdown_speaks_the_scenarios_language(scores: dict[str, Score]) -> None:
    md = reports.to_markdown([scores["nb"]])
    assert md.startswith("# Evaluering: Mini\n")
    assert "## 7. Nøkkeltall" in md and "## 5. Tidslinje og ryktenes rekkevidde" in md
    assert "## 3. Styrker og forbedringsområder" in md
    assert "| nøkkeltall | #1 |" in md
    assert "| poengsum (0–100) | 25,0 |" in md  # 1.5 of 2 points, 1 taken off for the finding
    assert "| utfall | 1 innfridd, 1 for sent, 0 ikke innfridd, 0 brudd |" in md
    assert "| pressehenvendelser besvart i tide | 0 av 1 |" in md
    assert "| handlinger per deltaker | (uten navn): 1, Kari: 1, Per: 2 |" in md
    assert "| innspill | forventet | levert | frist | svart | svartid | status | poeng |" in md
    assert (
        "| press-1 «Avisa: Hvor mange er evakuert?» | svar | T+05:00 | T+15:00 | T+20:00 | 15:00 "
        "| for sent | 1 |"
    ) in md
    assert (
        "uttalelse team-3 «antall døde er ukjent»: ord dere har valgt å unngå «antall døde»" in md
    )
    for english in (
        "Debrief",
        "Summary",
        "Expectations",
        "figure",
        "met / late",
        " of ",
        "late |",
        "\u201c",
    ):
        assert english not in md, english


def test_markdown_in_english_on_request_and_for_english_scenarios(scores: dict[str, Score]) -> None:
    asked = reports.to_markdown([scores["nb"]], "en")
    assert asked == reports.to_markdown([scores["en"]]).replace(
        scores["en"].path, scores["nb"].path
    )
    assert asked.startswith("# Debrief: Mini\n")
    assert "| figure | #1 |" in asked
    assert "| score (0–100) | 25.0 |" in asked
    assert "| outcomes | 1 met, 1 late, 0 missed, 0 breaches |" in asked
    assert "| actions per team member | (no name): 1, Kari: 1, Per: 2 |" in asked
    assert (
        "| press-1 \u201cAvisa: Hvor mange er evakuert?\u201d | reply | T+05:00 | T+15:00 "
        "| T+20:00 | 15:00 | late | 1 |"
    ) in asked
    assert (
        "statement team-3 \u201cantall døde er ukjent\u201d: avoided phrase \u201cantall døde\u201d"
        in asked
    )
    for norwegian in ("Evaluering", "Oppsummering", "nøkkeltall", "innfridd", " av "):
        assert norwegian not in asked, norwegian


def test_nynorsk_scenarios_get_the_nynorsk_report(scores: dict[str, Score]) -> None:
    md = reports.to_markdown([scores["nn"]])
    assert md.startswith("# Evaluering: Mini\n")
    assert "## 5. Tidslinje og kor langt rykta nådde" in md and "| nøkkeltal | #1 |" in md
    assert "| utfall | 1 innfridd, 1 for seint, 0 ikkje innfridd, 0 brot |" in md
    assert (
        "| press-1 «Avisa: Hvor mange er evakuert?» | svar | T+05:00 | T+15:00 | T+20:00 | 15:00 "
        "| for seint | 1 |"
    ) in md
    assert "utsegn team-3 «antall døde er ukjent»: ord de har valt å unngå «antall døde»" in md
    for bokmal in ("Forventninger", "nøkkeltall", "ikke innfridd", "for sent", "uttalelse"):
        assert bokmal not in md, bokmal


def test_compared_sessions_in_norwegian(scores: dict[str, Score]) -> None:
    both = [scores["nb"], scores["nn"]]
    md = reports.to_markdown(both)
    assert "| nøkkeltall | #1 | #2 |" in md
    assert "| innspill | forventet | #1 | #2 |" in md
    assert (
        "| press-1 «Avisa: Hvor mange er evakuert?» | svar | for sent 15:00 | for sent 15:00 |"
        in md
    )
    table = _table(both)
    assert "Økt #2" in table and "for sent 15:00" in table


def test_the_terminal_table_speaks_the_scenarios_language(scores: dict[str, Score]) -> None:
    nb = _table([scores["nb"]])
    assert "Evaluering: Mini" in nb and "Forbedringsplan" in nb and "Nøkkeltall" in nb
    assert "innfridd" in nb and "for sent" in nb and "poengsum (0–100)" in nb
    assert "«antall døde»" in nb
    en = _table([scores["nb"]], "en")
    assert "Debrief: Mini" in en and "1 met, 1 late, 0 missed" in en and "late" in en
    for words, table in (
        (("Debrief", "Summary", " of "), nb),
        (("Evaluering", "innfridd", " av "), en),
    ):
        for word in words:
            assert word not in table, word


# --- one summary ----------------------------------------------------------------------------


class _SummaryCells(HTMLParser):
    """The HTML summary table's rows, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._in = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._in = dict(attrs).get("class") == "summary"
        elif self._in and tag == "tr":
            self.rows.append([])
        elif self._in and tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None and tag == "li" and self._cell:
            self._cell.append(", ")

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_report_shows_the_same_summary(scores: dict[str, Score], language: str) -> None:
    score = scores["nb"]
    labels = Labels(language)
    expected = [(labels(row.key), row.show(score.summary, labels)) for row in reports.SUMMARY_ROWS]
    md_rows = re.findall(r"^\| (.+?) \| (.+?) \|$", reports.to_markdown([score], language), re.M)
    assert [r for r in md_rows if r[0] in dict(expected)] == expected
    parser = _SummaryCells()
    parser.feed(render_html([score], language))
    assert [tuple(r) for r in parser.rows[1:]] == expected
    table = _table([score], language)
    for label, value in expected:
        assert re.search(rf"│ {re.escape(label)} +│ {re.escape(value)} +│", table), label


# --- for programs: unchanged ---------------------------------------------------------------


def test_json_and_csv_keep_their_english_field_names(scores: dict[str, Score]) -> None:
    data = json.loads(reports.to_json([scores["nb"]]))
    english = json.loads(reports.to_json([scores["en"]]))
    assert set(data) == {"session", "objectives", "expectations", "findings", "summary"}
    assert set(data["summary"]) == set(english["summary"])
    assert "met" in data["summary"] and "on_time_rate" in data["summary"]
    assert {e["status"] for e in data["expectations"]} <= {"met", "late", "missed", "open"}
    rows = list(csv.reader(io.StringIO(reports.to_csv([scores["nb"]]).removeprefix(reports.BOM))))
    assert rows[0] == [
        "session",
        "scenario",
        "inject",
        "do",
        "delivered",
        "deadline",
        "responded",
        "response_time",
        "status",
        "points",
        "objective",
        "earned",
        "missing",
        "breach",
        "breach_reason",
    ]
    assert {row[8] for row in rows[1:]} == {"met", "late"}


# --- choosing the language ---------------------------------------------------------------


def test_the_language_follows_the_option_then_the_scenario_then_the_locale() -> None:
    from simulator.lang import Language, choose_language

    assert choose_language("nn", "en", {"LANG": "en_GB.UTF-8"}) is Language.NN
    assert choose_language(None, "nn", {"LANG": "en_GB.UTF-8"}) is Language.NN
    assert choose_language(None, None, {"LANG": "nn_NO.UTF-8"}) is Language.NN
    assert choose_language(None, None, {"LC_ALL": "nb_NO.UTF-8", "LANG": "en_US"}) is Language.NB
    assert choose_language(None, None, {"LANG": "no_NO"}) is Language.NB
    assert choose_language(None, None, {"LANG": "de_DE.UTF-8"}) is Language.EN
    assert choose_language(None, None, {}) is Language.EN


def test_an_entry_without_nynorsk_shows_bokmal_never_english() -> None:
    from simulator.lang import Catalogue

    table = {"k": ("Hello {name}", "Hei {name}"), "both": ("Yes", "Ja", "Ja då")}
    assert Catalogue(table, "nn")("k", name="Kari") == "Hei Kari"
    assert Catalogue(table, "nn")("both") == "Ja då"
    assert Catalogue(table, "en")("both") == "Yes"
