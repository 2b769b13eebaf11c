"""The after-action report's seven sections, in the terminal table, Markdown and HTML, in
bokmål, nynorsk and English: every outcome, breach, finding and evaluator record named in
plain words, item texts beside ids, and the improvement plan left blank to fill in.

One session is simulated in-process on a small scenario of its own, with a scripted team
that gets one expectation met (a required word missing), one late, one missed, two breaches
(a forbidden phrase, and a public answer where restraint was expected) and one not reached
(its deadline falls after the exercise's end), two guideline findings (a forbidden claim in
a statement, and a legitimate post hidden), and the evaluator's rating, strength and area
for improvement.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from simulator.engine.actions import load_actions
from simulator.engine.simulate import simulate
from simulator.scenario.loader import load_scenario_text
from simulator.scoring import reports
from simulator.scoring.html import render_html
from simulator.scoring.labels import LABELS
from simulator.scoring.metrics import Score, score_session

SCENARIO = """\
format: 1
id: aar
title: Ras i Bakkeby
duration: 40m
language: nb
variables:
  sted: Bakkeby
objectives:
  - id: info
    title: Informere publikum raskt
    indicators: ["Første svar innen ti minutter"]
  - id: rykter
    title: Rette opp rykter
  - id: presse
    title: Svare pressen
guidelines:
  forbid:
    - {text: "ingen fare", reason: "Faren er ikke over før geologene har sagt det"}
personas:
  - {id: kari, name: Kari Nordmann}
  - {id: avisa, name: Avisa, role: media}
  - {id: troll, name: Troll Trollesen}
injects:
  - id: post-1
    at: 1m
    from: kari
    kind: post
    text: "Ras ved skolen i {sted}?"
    expect:
      - {do: reply, within: 10m, objective: info, require: ["politiet", ["evakuert", "evakuering"]]}
  - id: press-1
    at: 2m
    from: avisa
    kind: press
    text: "Hvor mange er evakuert?"
    expect:
      - {do: reply, within: 5m, objective: presse}
  - id: rumour-1
    at: 4m
    from: kari
    kind: post
    truth: misleading
    text: "Jeg hørte at ingen er skadd"
    expect:
      - do: reply
        within: 10m
        objective: rykter
        forbid: [{text: "ingen skadde", reason: "Det er for tidlig å si"}]
  - id: troll-1
    at: 5m
    from: troll
    kind: post
    text: "Kommunen lyver om alt"
    expect:
      - {do: monitor, within: 10m, objective: rykter}
  - id: press-2
    at: 8m
    from: avisa
    kind: press
    text: "Når kan folk flytte hjem?"
    expect:
      - {do: reply, within: 10m, objective: presse}
  - id: legit
    at: 9m
    from: kari
    kind: post
    text: "Takk til mannskapene"
  # due T+50:00, after the exercise's end at T+40:00: not reached, never missed
  - id: late-q
    at: 35m
    from: avisa
    kind: press
    text: "Kommer det en pressekonferanse?"
    expect:
      - {do: reply, within: 15m, objective: presse}
"""

TEAM = """\
- {at: 3m, do: reply, to: post-1, text: "Alle i området er evakuert", by: Kari}
- {at: 6m, do: reply, to: rumour-1, text: "Det er ingen skadde så langt", by: Per}
- {at: 7m, do: reply, to: troll-1, text: "Det stemmer ikke", by: Per}
- {at: 10m, do: hide, to: legit, by: Kari}
- {at: 12m, do: reply, to: press-1, text: "Rundt 40 er evakuert", by: Per}
- {at: 15m, do: statement, text: "Det er ingen fare lenger i {sted}", by: Kari}
- at: 30m
  do: rate
  objective: info
  rating: S
  comment: "Raskt svar, men politiet ble ikke nevnt"
  by: Eva
- {at: 31m, do: strength, text: "God tone i svarene", by: Eva}
- {at: 32m, do: improvement, text: "Avklar roller for pressehenvendelser", by: Eva}
"""


def _run(folder: Path, name: str, team: str) -> Score:
    loaded = load_scenario_text(SCENARIO, "aar.yaml")
    actions = folder / f"{name}.yaml"
    actions.write_text(team, encoding="utf-8")
    path = folder / f"{name}.sqlite"
    simulate(loaded, 3, load_actions(actions), path)
    return score_session(path)


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> Score:
    return _run(tmp_path_factory.mktemp("aar"), "team", TEAM)


def test_the_session_has_every_outcome_the_report_must_name(score: Score) -> None:
    status = {e.inject: e.status for e in score.expectations}
    assert status == {
        "post-1": "met",
        "press-1": "late",
        "rumour-1": "breach",
        "troll-1": "breach",
        "press-2": "missed",
        "late-q": "not_reached",
    }
    assert sorted(f["kind"] for f in score.findings) == ["forbid", "legitimate"]
    assert [r.kind for r in score.remarks] == ["strength", "improvement"]
    assert score.objectives[0].rating is not None


# --- the three formats, as text ------------------------------------------------------------


class _Text(HTMLParser):
    """What a reader of the page sees: its text, one cell or line apart from the next."""

    BREAKS = frozenset({"td", "th", "li", "p", "dt", "dd", "h1", "h2", "h3", "h4", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._style = False
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def _html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(" ".join(line.split()) for line in "".join(parser.parts).splitlines())


def _table(scores: list[Score], language: str | None) -> str:
    out = io.StringIO()
    # wide enough that no cell wraps, so that each sentence is on one line
    Console(file=out, width=1000).print(reports.to_table(scores, language))
    return "\n".join(" ".join(line.split()) for line in out.getvalue().splitlines())


def _formats(score: Score, language: str | None) -> dict[str, str]:
    return {
        "table": _table([score], language),
        "md": reports.to_markdown([score], language),
        "html": _html_text(render_html([score], language)),
    }


# Each section's content, as it must read in every format.
SECTIONS: dict[str, dict[str, list[str]]] = {
    "nb": {
        "overview": [
            "1. Oversikt",
            "deltakere",
            "Kari, Per",
            "evaluatorer",
            "Eva",
            "40 min scenariotid (scenarioet varer 40 min)",
            "scenarioets tid var ute ved T+40:00",
            "0,0 av 100",
        ],
        "objectives": [
            "2. Øvingsmål",
            "Informere publikum raskt (info)",
            "Indikatorer: Første svar innen ti minutter",
            "Automatisk resultat: 1 av 1 forventninger innfridd i tide",
            "Evaluatorens vurdering: utført med noen utfordringer (S): "
            "«Raskt svar, men politiet ble ikke nevnt» (Eva, T+30:00)",
            "svart T+03:00, etter 2 min; mangler: politiet",
            "Automatisk resultat: 0 av 2 forventninger innfridd i tide, 2 brudd",
            "svaret ved T+06:00 sa «ingen skadde»: Det er for tidlig å si",
            "besvart offentlig ved T+07:00 der det var ventet at laget holdt seg tilbake",
            "Automatisk resultat: 0 av 2 forventninger innfridd i tide, 1 for sent, "
            "1 ikke innfridd, 1 ikke nådd",
            "svart T+12:00, 5 min etter fristen T+07:00",
            "ikke svart innen fristen T+18:00",
            "Ikke nådd: øvelsen sluttet før fristen",
            "late-q · svar: frist T+50:00",
            "Evaluatorens vurdering: ingen registrert",
        ],
        "points": [
            "3. Styrker og forbedringsområder",
            "God tone i svarene (Eva, T+31:00)",
            "Avklar roller for pressehenvendelser (Eva, T+32:00)",
            "for sent: press-1 «Avisa: Hvor mange er evakuert?» (svar)",
            "ikke innfridd: press-2 «Avisa: Når kan folk flytte hjem?» (svar)",
            "brudd: troll-1 «Troll Trollesen: Kommunen lyver om alt» "
            "(følge med uten å svare offentlig)",
            "ord som kreves, mangler i svaret på post-1 «Kari Nordmann: Ras ved skolen i "
            "Bakkeby?»: politiet",
            "T+15:00, Kari, uttalelse team-5 «Det er ingen fare lenger i Bakkeby»: påstand som "
            "ikke skal brukes «ingen fare» (begrunnelse: Faren er ikke over før geologene har "
            "sagt det)",
            "T+10:00, Kari skjulte legit «Takk til mannskapene»: det var verken "
            "personopplysninger eller trakassering",
        ],
        "texts": [
            "4. Lagets egne tekster",
            "team-4: svar",
            "Rundt 40 er evakuert",
            "team-5: uttalelse",
            "Det er ingen fare lenger i Bakkeby",
        ],
        "timeline": [
            "5. Tidslinje og ryktenes rekkevidde",
            "Kommer det en pressekonferanse?",
            "Jeg hørte at ingen er skadd",
            "ikke nådd",
        ],
        "plan": ["6. Forbedringsplan", "område", "tiltak", "ansvarlig", "frist"],
        "figures": [
            "7. Nøkkeltall",
            "rykter merket riktig: 0 av 1; feil merket: 0",
            "halvparten av svarene kom innen 2 min, 9 av 10 innen 7 min 36 s, det tregeste "
            "etter 10 min",
            "1 innfridd, 1 for sent, 1 ikke innfridd, 2 brudd; 1 ikke nådd (øvelsen sluttet "
            "før fristen)",
            "0,5 av 5 oppnådd, 2 trukket for brudd på retningslinjene",
        ],
    },
    "en": {
        "overview": [
            "1. Overview",
            "team members",
            "Kari, Per",
            "evaluators",
            "40 min of scenario time (the scenario lasts 40 min)",
            "the scenario's time ran out at T+40:00",
            "0.0 of 100",
        ],
        "objectives": [
            "2. Objectives",
            "Informere publikum raskt (info)",
            "Automatic result: 1 of 1 expectations met on time",
            "Evaluator's rating: performed with some challenges (S): "
            "\u201cRaskt svar, men politiet ble ikke nevnt\u201d (Eva, T+30:00)",
            "answered T+03:00, after 2 min; missing: politiet",
            "the answer at T+06:00 said \u201cingen skadde\u201d: Det er for tidlig å si",
            "answered in public at T+07:00 where restraint was expected",
            "answered T+12:00, 5 min after the deadline T+07:00",
            "no answer by the deadline T+18:00",
            "Not reached: the exercise ended before the deadline",
            "late-q · reply: deadline T+50:00",
        ],
        "points": [
            "3. Strengths and areas for improvement",
            "God tone i svarene (Eva, T+31:00)",
            "Avklar roller for pressehenvendelser (Eva, T+32:00)",
            "late: press-1 \u201cAvisa: Hvor mange er evakuert?\u201d (reply)",
            "missed: press-2 \u201cAvisa: Når kan folk flytte hjem?\u201d (reply)",
            "T+15:00, Kari, statement team-5 \u201cDet er ingen fare lenger i Bakkeby\u201d: "
            "forbidden claim \u201cingen fare\u201d (reason: Faren er ikke over før geologene har "
            "sagt det)",
            "T+10:00, Kari hid legit \u201cTakk til mannskapene\u201d: it was neither personal "
            "data nor abuse",
        ],
        "texts": ["4. The team's own texts", "team-4: reply", "Rundt 40 er evakuert"],
        "timeline": ["5. Timeline and rumour reach", "Kommer det en pressekonferanse?"],
        "plan": ["6. Improvement plan", "area", "action", "owner", "due"],
        "figures": [
            "7. Figures",
            "rumours flagged correctly: 0 of 1; flagged wrongly: 0",
            "half of the answers came within 2 min, 9 of 10 within 7 min 36 s, the slowest "
            "after 10 min",
            "1 met, 1 late, 1 missed, 2 breaches; 1 not reached (the exercise ended before "
            "the deadline)",
        ],
    },
}


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_every_section_in_every_format(score: Score, language: str, fmt: str) -> None:
    text = _formats(score, language)[fmt]
    for section, wanted in SECTIONS[language].items():
        for words in wanted:
            assert words in text, (section, words)
    # the sections come in the spec's order
    places = [text.index(SECTIONS[language][s][0]) for s in SECTIONS[language]]
    assert places == sorted(places)
    # plain words only: no percentiles or ratios by name
    for jargon in ("p90", "F1", "precision", "recall", "presisjon", "dekning"):
        assert not re.search(rf"\b{jargon}\b", text), jargon


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_not_reached_is_never_called_missed(score: Score, fmt: str) -> None:
    text = _formats(score, "nb")[fmt]
    lines = [line for line in text.splitlines() if "late-q" in line]
    assert lines
    assert not [line for line in lines if "ikke innfridd" in line]


def test_the_markdown_plan_has_blank_cells_to_fill_in(score: Score) -> None:
    md = reports.to_markdown([score])
    assert "| område | tiltak | ansvarlig | frist |" in md
    plan = md.split("## 6. Forbedringsplan")[1].split("## 7.")[0]
    rows = [line for line in plan.splitlines() if line.startswith("| ") and "---" not in line]
    areas = [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]]
    assert areas[0] == "Avklar roller for pressehenvendelser (Eva, T+32:00)"
    assert len(areas) == 8  # the evaluator's, 4 outcomes, a missing word, 2 findings
    assert all(row.endswith(" |  |  |  |") for row in rows[1:])


def test_the_page_has_an_index_and_a_plan_with_room_to_write(score: Score) -> None:
    html = render_html([score])
    ids = ["overview", "objectives", "points", "texts", "timeline", "plan", "figures"]
    for anchor in ids:
        assert f'<a href="#{anchor}">' in html and f'<section id="{anchor}">' in html
    assert html.index('<nav class="contents"') < html.index('<section id="overview">')
    plan = html.split('<table class="grid plan">')[1].split("</table>")[0]
    assert plan.count("<tr><td>") == 8 and plan.count("<td></td>") == 3 * 8
    assert "@media print" in html
    # the charts stay
    assert '<svg class="chart timeline"' in html and '<svg class="chart rumours"' in html


def test_quoted_words_are_escaped_and_marked_with_the_scenarios_language(
    tmp_path: Path,
) -> None:
    team = TEAM.replace("Rundt 40 er evakuert", "<b>Rundt</b> 40 er evakuert")
    html = render_html([_run(tmp_path, "hostile", team)], "en")
    assert "<b>Rundt</b>" not in html
    assert '<span lang="nb">&lt;b&gt;Rundt&lt;/b&gt; 40 er evakuert</span>' in html
    assert '<span lang="nb">Det er for tidlig å si</span>' in html


# --- no English in a Norwegian report -------------------------------------------------------


def _english_words() -> set[str]:
    """The fixed words of the report's English labels that Norwegian says otherwise."""
    words = set()
    for texts in LABELS.values():
        english, norwegian = texts[0], texts[1:]
        if english in norwegian:
            continue
        for part in re.split(r"\{[^}]*\}", english):
            part = part.strip(" ,;:.()«»“”#+–—/·")
            if len(part) >= 4 and re.search(r"[a-z]{3}", part):
                words.add(part)
    return words


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_no_english_in_a_norwegian_report(score: Score, language: str) -> None:
    english = _english_words()
    for fmt, text in _formats(score, language).items():
        found = [w for w in english if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
        assert found == [], (fmt, found)


def test_nynorsk_words(score: Score) -> None:
    md = reports.to_markdown([score], "nn")
    for words in (
        "## 3. Styrkar og forbetringsområde",
        "utført med nokre utfordringar (S)",
        "Ikkje nådd: øvinga slutta før fristen",
        "svara offentleg ved T+07:00 der det var venta at laget heldt seg tilbake",
        "rykte merkte rett: 0 av 1; feil merkte: 0",
    ):
        assert words in md, words


# --- two sessions compared ------------------------------------------------------------------


def test_two_sessions_get_their_sections_each_and_figures_side_by_side(
    score: Score, tmp_path: Path
) -> None:
    quiet = _run(tmp_path, "quiet", "- {at: 3m, do: reply, to: post-1, text: evakuert, by: Ola}\n")
    md = reports.to_markdown([score, quiet])
    overview = md.split("## 1. Oversikt")[1].split("## 2.")[0]
    assert "### Økt #1" in overview and "### Økt #2" in overview
    assert "Kari, Per" in overview and "Ola" in overview
    assert "| nøkkeltall | #1 | #2 |" in md
    assert "| post-1 «Kari Nordmann: Ras ved skolen i Bakkeby?» | svar | innfridd" in md
    html = _html_text(render_html([score, quiet]))
    assert "Økt #2" in html and "Avklar roller for pressehenvendelser" in html


# --- for programs ---------------------------------------------------------------------------


def test_json_names_objectives_breaches_and_findings(score: Score) -> None:
    data = json.loads(reports.to_json([score]))
    assert data["session"]["ended_at"] == 2400.0
    assert data["session"]["end_reason"] == "completed"
    assert [o["id"] for o in data["objectives"]] == ["info", "rykter", "presse"]
    assert data["objectives"][0]["rating"] == "S"
    rumour = next(e for e in data["expectations"] if e["inject"] == "rumour-1")
    assert (rumour["status"], rumour["objective"], rumour["breach"], rumour["breach_reason"]) == (
        "breach",
        "rykter",
        "ingen skadde",
        "Det er for tidlig å si",
    )
    assert {f["kind"] for f in data["findings"]} == {"forbid", "legitimate"}


def test_csv_has_the_new_columns(score: Score) -> None:
    rows = list(csv.DictReader(io.StringIO(reports.to_csv([score]).removeprefix(reports.BOM))))
    by = {r["inject"]: r for r in rows}
    assert by["post-1"]["objective"] == "info"
    assert (by["post-1"]["earned"], by["post-1"]["missing"]) == ("0.5", "politiet")
    assert by["rumour-1"]["breach"] == "ingen skadde"
    assert by["rumour-1"]["breach_reason"] == "Det er for tidlig å si"
    assert by["late-q"]["status"] == "not_reached"
