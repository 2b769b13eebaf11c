"""The HTML debrief: self-contained, escaped, with its charts, on real simulated sessions.

The scenarios here are Norwegian; the tests that read the page's own words ask for English
ones, and those about the language check both.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.engine.reach import HALF_LIFE, views_at
from simulator.lang import LANGUAGES
from simulator.scenario.bundled import bundled_names
from simulator.scoring.html import LEFT, MAX_RUMOURS, RIGHT, WIDTH, render_html
from simulator.scoring.labels import LABELS
from simulator.scoring.metrics import Score, score_session
from tests.helpers import run_cli, scenario_text

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = "<script>alert(1)</script>"

# A scripted team on the bundled jordras exercise: replies, flags and a hide at times a
# real team might manage. Their texts and one member's name carry markup.
JORDRAS_TEAM = f"""\
- at: 1m
  do: flag
  to: vitne-brak
  label: valid
  by: Ingrid
- at: 8m
  do: statement
  text: "Det har gått et jordras i Brattlia. Hold dere unna. {SCRIPT}"
  by: Ingrid
- at: 9m
  do: flag
  to: rykte-dam
  label: misleading
  by: '{SCRIPT}'
- at: 10m
  do: reply
  to: presse-lokalavis-a
  text: 'Vi bekrefter raset i Brattlia. "quotes" & ampersands {SCRIPT}'
  by: 'Ola "quotes" & ampersands'
- at: 12m
  do: reply
  to: rykte-dam
  text: "Dammen er trygg. {SCRIPT}"
  by: Ola
- at: 14m
  do: hide
  to: savnet-nabo
  by: Ingrid
- at: 16m
  do: reply
  to: forelder-skole
  text: "Skolen er stengt. Antall døde er ikke kjent."
  by: Kari
- at: 30m
  do: flag
  to: rykte-dode
  label: misleading
  by: Kari
"""

# A scenario whose author (or a careless copy-paste) put markup everywhere text goes.
HOSTILE = """\
format: 1
id: hostile
title: "Title <script>alert('title')</script>"
duration: 30m
language: nb
personas:
  - id: kari
    name: "<script>alert(1)</script> Kari"
  - id: troll
    name: "Troll <b>fet</b>"
    followers: 500
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    text: "Ras! <img src=x onerror=alert(1)> se bildet"
    expect:
      - do: reply
  - id: rumour
    at: 3m
    from: troll
    kind: post
    truth: misleading
    reach: 4000
    text: "Dammen har brast <script>alert(2)</script>"
    expect:
      - do: flag
        label: misleading
guidelines:
  avoid:
    - "<i>kursiv</i>"
"""

HOSTILE_TEAM = f"""\
- at: 2m
  do: reply
  to: first
  text: "Vi er på saken {SCRIPT} <i>kursiv</i>"
  by: '<img src=x onerror=alert(3)>'
- at: 5m
  do: flag
  to: rumour
  label: misleading
"""

ON_TIME = """\
- at: 2m
  do: reply
  to: first
  text: "Vi jobber med saken i {sted}"
  by: Kari
- at: 6m
  do: reply
  to: press-1
  text: "Alle i {sted} er evakuert"
  by: Kari
"""

SLOW = """\
- at: 20m
  do: reply
  to: press-1
  text: "Ingen er savnet i {sted}"
  by: Per
"""


# --- helpers --------------------------------------------------------------------------


def _simulate(folder: Path, scenario: str, name: str, *args: str, team: str | None = None) -> Path:
    options = list(args)
    if team is not None:
        (folder / f"{name}-team.yaml").write_text(team, encoding="utf-8")
        options += ["--actions", f"{name}-team.yaml"]
    proc = run_cli("simulate", scenario, *options, "--session", f"{name}.sqlite", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return folder / f"{name}.sqlite"


def _score(*paths: Path) -> list[Score]:
    return [score_session(p) for p in paths]


class _Tables(HTMLParser):
    """Each <table>'s rows as lists of cell texts, keyed by the table's class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows = self.tables.setdefault(dict(attrs).get("class") or "", [])
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._rows is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _summary(html: str) -> dict[str, list[str]]:
    rows = _tables(html)["summary"]
    return {row[0]: row[1:] for row in rows[1:]}


class _Tags(HTMLParser):
    """Every real tag and attribute name of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.links += [value or "" for name, value in attrs if name == "href"]


def _assert_self_contained(html: str) -> None:
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html.lower()  # no script at all, inline or loaded
    parser = _Tags()
    parser.feed(html)
    assert not parser.tags & {
        "script",
        "img",
        "link",
        "iframe",
        "object",
        "embed",
        "image",
        "use",
        "foreignobject",
        "base",
        "audio",
        "video",
        "source",
    }
    assert not parser.attributes & {"src", "srcset", "xlink:href", "data", "action"}
    # The only links are the contents', to the page's own sections.
    assert all(link.startswith("#") for link in parser.links)
    assert not [a for a in parser.attributes if a.startswith("on")]  # no event handlers
    assert "@import" not in html and "url(" not in html


# --- fixtures: real sessions, made once ------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report")
    mini = scenario_text("scoring:\n  deadlines:\n    press: 10m\n")  # press-1 due T+15:00
    (path / "mini.yaml").write_text(mini, encoding="utf-8")
    (path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def jordras(folder: Path) -> Path:
    return _simulate(folder, "jordras", "jordras", "--seed", "3", team=JORDRAS_TEAM)


@pytest.fixture(scope="module")
def jordras_html(jordras: Path) -> str:
    return render_html(_score(jordras), "en")


@pytest.fixture(scope="module")
def hostile_html(folder: Path) -> str:
    session = _simulate(folder, "hostile.yaml", "hostile", "--seed", "1", team=HOSTILE_TEAM)
    return render_html(_score(session), "en")


# --- self-contained -------------------------------------------------------------------


def test_the_report_loads_nothing_and_runs_nothing(jordras_html: str) -> None:
    assert jordras_html.startswith("<!DOCTYPE html>")
    assert "src=" not in jordras_html
    _assert_self_contained(jordras_html)
    assert "<style>" in jordras_html  # the styles travel inside the file


def test_the_report_holds_a_timeline_and_a_rumour_chart(jordras: Path, jordras_html: str) -> None:
    [score] = _score(jordras)
    assert jordras_html.count('<svg class="chart timeline"') == 1
    assert jordras_html.count('<svg class="chart rumours"') == 1
    # one row per expectation, a mark per scripted delivery and per team action
    assert jordras_html.count('<g class="expectation ') == len(score.expectations)
    timeline = jordras_html.split('<svg class="chart timeline"')[1].split("</svg>")[0]
    assert len(
        re.findall(r"<title>T\+[\d:]+ \S+ \((social media|press|news|internal)\)</title>", timeline)
    ) == len(score.deliveries)
    for minute in range(0, 91, 10):
        assert f">T+{minute}</text>" in timeline  # the time axis, in T+minutes
    statuses = {e.status for e in score.expectations}
    assert {"met", "missed"} <= statuses
    for status in statuses:
        assert f'<g class="expectation {status}">' in timeline


def test_rumour_curves_are_the_largest_and_level_off_after_the_correction(
    jordras: Path, jordras_html: str
) -> None:
    [score] = _score(jordras)
    corrected = [r for r in score.rumours if r.corrected is not None]
    assert len(score.rumours) > MAX_RUMOURS and corrected  # the team corrected rykte-dam
    chart = jordras_html.split('<svg class="chart rumours"')[1].split("</svg>")[0]
    drawn = dict(
        re.findall(
            r"<title>\d+\. (\S+): [\d,]+ views</title>\s*"
            r'<polyline points="([^"]+)"',
            chart,
        )
    )
    largest = sorted(score.rumours, key=lambda r: -r.final_views)[:MAX_RUMOURS]
    extra = [r for r in corrected if r not in largest]
    assert set(drawn) == {r.item for r in largest + extra}
    omitted = len(score.rumours) - len(drawn)
    assert f"{omitted} more are omitted" in jordras_html
    for rumour in corrected:
        points = [tuple(map(float, p.split(","))) for p in drawn[rumour.item].split()]
        xs = [x for x, _ in points]
        assert xs == sorted(xs)
        # back from x to scenario time: jordras lasts 90 minutes, the axis's full width
        t_of = [(x - LEFT) / (WIDTH - RIGHT - LEFT) * 5400 for x in xs]
        # Shared less and less once corrected: flat ten half-lives later.
        settled = rumour.corrected + 10 * HALF_LIFE
        after = [y for (x, y), t in zip(points, t_of, strict=True) if t > settled]
        before = [y for (x, y), t in zip(points, t_of, strict=True) if t < rumour.corrected]
        assert after and len(set(after)) == 1
        assert len(set(before)) > 3  # and climbing before
        assert rumour.final_views == views_at(
            rumour.peak, rumour.delivered, score.end, rumour.corrected
        )


# --- escaping -------------------------------------------------------------------------


def test_team_texts_and_names_are_escaped(jordras_html: str) -> None:
    assert SCRIPT not in jordras_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in jordras_html  # a member's name
    assert "Ola &#34;quotes&#34; &amp; ampersands" in jordras_html
    assert '"quotes" &' not in jordras_html
    members = _summary(jordras_html)["actions per team member"][0]
    assert f"{SCRIPT}: 1" in members and 'Ola "quotes" & ampersands: 1' in members


def test_scenario_texts_are_escaped_in_tables_and_charts(hostile_html: str) -> None:
    _assert_self_contained(hostile_html)
    assert "<img" not in hostile_html and "<b>" not in hostile_html
    assert "<i>kursiv" not in hostile_html
    for escaped in (
        "&lt;script&gt;alert(1)&lt;/script&gt; Kari",  # persona name
        "&lt;img src=x onerror=alert(1)&gt;",  # inject text
        "Troll &lt;b&gt;fet&lt;/b&gt;",  # the rumour's author, in its legend
        "Dammen har brast &lt;script&gt;alert(2)&lt;/script&gt;",
        "Title &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",  # title
        "&lt;img src=x onerror=alert(3)&gt;: 1",  # a member's name
        "&lt;i&gt;kursiv&lt;/i&gt;",
    ):  # a guideline finding
        assert escaped in hostile_html, escaped
    assert "<title>Debrief: Title &lt;script&gt;" in hostile_html
    assert '<svg class="chart rumours"' in hostile_html


# --- figures --------------------------------------------------------------------------


def test_an_undefined_precision_is_a_dash_never_zero(folder: Path) -> None:
    session = _simulate(folder, "mini.yaml", "noflags", "--seed", "2", team=ON_TIME)
    [score] = _score(session)
    assert score.summary["flag_precision"] is None
    html = render_html([score], "en")
    figures = _summary(html)
    assert figures["rumours flagged as misleading"] == [
        "rumours flagged correctly: 0 of 0; flagged wrongly: 0"
    ]
    assert figures["score (0–100)"] == ["100.0"]
    assert figures["outcomes"] == ["2 met, 0 late, 0 missed, 0 breaches"]
    assert figures["longest a sensitive item stayed up"] == ["—"]
    assert "No misleading item was delivered in this session." in html
    assert '<svg class="chart rumours"' not in html
    rows = _tables(html)["expectations"]
    assert rows[0][:2] == ["inject", "expected"]
    first = next(r for r in rows if r[0].startswith("first"))
    assert first[1:] == ["reply", "T+01:00", "T+16:00", "T+02:00", "01:00", "met", "1"]
    assert "Kari Nordmann: Ras i Bakkeby" in first[0]  # who said what, variables filled in


def test_an_interrupted_session_is_marked(folder: Path) -> None:
    session = _simulate(
        folder, "jordras", "cut", "--seed", "3", "--until", "10m", team=JORDRAS_TEAM
    )
    [score] = _score(session)
    assert not score.complete
    html = render_html([score], "en")
    assert '<span class="badge interrupted">interrupted</span>' in html
    assert "Session #1 was interrupted</strong> at T+10:00" in html
    assert html.count(">interrupted at T+10:00</text>") == 2  # on both charts
    _assert_self_contained(html)


def test_two_sessions_are_compared_side_by_side(folder: Path) -> None:
    fast = _simulate(folder, "mini.yaml", "fast", "--seed", "5", team=ON_TIME)
    slow = _simulate(folder, "mini.yaml", "slow", "--seed", "5", team=SLOW)
    html = render_html(_score(fast, slow), "en")
    _assert_self_contained(html)
    assert str(fast) in html and str(slow) in html
    assert "2 sessions compared" in html
    assert html.count('<svg class="chart timeline"') == 2
    figures = _summary(html)
    assert figures["outcomes"] == [
        "2 met, 0 late, 0 missed, 0 breaches",
        "0 met, 1 late, 1 missed, 0 breaches",
    ]
    assert figures["actions per team member"] == ["Kari: 2", "Per: 1"]
    rows = _tables(html)["expectations compared"]
    assert rows[0] == ["inject", "expected", "points", "#1", "#2"]
    by_inject = {r[0].split()[0]: r for r in rows[1:]}
    assert by_inject["first"][3].startswith("met in 01:00")
    assert by_inject["first"][4].startswith("missed")
    assert by_inject["press-1"][3].startswith("met in 01:00")
    assert by_inject["press-1"][4].startswith("late in 15:00")


def test_the_score_command_writes_the_html_report(folder: Path, jordras: Path) -> None:
    other = _simulate(folder, "jordras", "other", "--seed", "3")
    proc = run_cli(
        "score", str(jordras), str(other), "--format", "html", "-o", "both.html", cwd=folder
    )
    assert proc.returncode == 0, proc.stderr
    html = (folder / "both.html").read_text(encoding="utf-8")
    assert html.count('<svg class="chart rumours"') == 2
    _assert_self_contained(html)


def test_the_installed_package_carries_the_template(tmp_path: Path, jordras: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "simulator/scoring/templates/report.html.j2" in archive.namelist()
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = textwrap.dedent(f"""\
        import sys
        from pathlib import Path
        import simulator
        from simulator.scoring.html import render_html
        from simulator.scoring.metrics import score_session
        assert simulator.__file__.startswith({str(tmp_path / "site")!r}), simulator.__file__
        sys.stdout.write(render_html([score_session(Path({str(jordras)!r}))]))
        """)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert '<svg class="chart timeline"' in out.stdout


# --- language -------------------------------------------------------------------------


class _Visible(HTMLParser):
    """What a reader sees of the page's own words: its text, tooltips and labels, without
    the styles and without what is quoted from the scenario (marked with its lang)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._skip or tag == "style" or ("lang" in found and tag != "html"):
            self._skip.append(tag)
        elif found.get("aria-label"):
            self.parts.append(found["aria-label"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _words_of(language: str) -> set[str]:
    """The fixed words of every label that the other language says differently."""
    index = LANGUAGES.index(language)
    words = set()
    for texts in LABELS.values():
        if texts[0] == texts[1]:
            continue
        for part in re.split(r"\{[^}]*\}", texts[index]):
            part = part.strip(" ,;:.()«»“”#")
            if len(part) >= 3:
                words.add(part)
    return words


def _foreign(html: str, language: str) -> list[str]:
    """Words of the other language's labels that show on a page in ``language``."""
    other = "en" if language == "nb" else "nb"
    text = _visible(html)
    return sorted(
        w for w in _words_of(other) if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)
    )


def test_the_report_speaks_the_scenarios_language(jordras: Path, jordras_html: str) -> None:
    # jordras is written in bokmål; nothing asks for another language.
    html = render_html(_score(jordras))
    assert html.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert _foreign(html, "nb") == []
    for heading in (
        "1. Oversikt",
        "2. Øvingsmål",
        "3. Styrker og forbedringsområder",
        "4. Lagets egne tekster",
        "5. Tidslinje og ryktenes rekkevidde",
        "6. Forbedringsplan",
        "7. Nøkkeltall",
    ):
        assert f">{heading}</h2>" in html
    for heading in ("Tidslinje", "Ryktenes rekkevidde", "Forventninger"):
        assert f">{heading}</h3>" in html
    assert "<title>Evaluering: Jordras i Brattlia</title>" in html
    figures = _summary(html)
    assert (
        figures["utfall"][0].split(", ")[0].split()[0]
        == _summary(jordras_html)["outcomes"][0].split()[0]
    )
    assert figures["handlinger per deltaker"] == _summary(jordras_html)["actions per team member"]
    # Thousands are grouped with a no-break space: "17,007" reads as 17 to a Norwegian.
    [exposure] = figures["ryktenes rekkevidde (visninger)"]
    [english] = _summary(jordras_html)["rumour exposure (views)"]
    grouped = english.replace(",", "\u00a0")
    assert "," in english and exposure == english.replace(",", " ")
    assert f'<td class="num">{grouped}</td>' in html
    rows = _tables(html)["expectations"]
    assert rows[0] == [
        "innspill",
        "forventet",
        "levert",
        "frist",
        "svart",
        "svartid",
        "status",
        "poeng",
    ]
    assert {row[6] for row in rows[1:]} <= {"innfridd", "for sent", "ikke innfridd"}
    assert '<span class="badge met">innfridd</span>' in html  # the class stays the key
    # The English page has no Norwegian words of its own.
    assert jordras_html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert _foreign(jordras_html, "en") == []
    assert '<h1 lang="nb">' in jordras_html  # the scenario's title is still bokmål


def test_a_nynorsk_report_is_marked_nynorsk_and_shows_no_english(jordras: Path) -> None:
    html = render_html(_score(jordras), "nn")
    assert '<html lang="nn">' in html
    assert _foreign(html, "nb") == []  # the English words of every label are absent


def test_compared_sessions_in_norwegian(folder: Path) -> None:
    fast = _simulate(folder, "mini.yaml", "fast-nb", "--seed", "5", team=ON_TIME)
    slow = _simulate(folder, "mini.yaml", "slow-nb", "--seed", "5", team=SLOW)
    html = render_html(_score(fast, slow))
    assert _foreign(html, "nb") == []
    assert "2 økter sammenlignet" in html
    rows = _tables(html)["expectations compared"]
    assert rows[0] == ["innspill", "forventet", "poeng", "#1", "#2"]
    by_inject = {r[0].split()[0]: r for r in rows[1:]}
    assert by_inject["press-1"][3].startswith("innfridd på 01:00")
    assert by_inject["press-1"][4].startswith("for sent på 15:00")
    assert "frist T+15:00" in by_inject["press-1"][4]
    assert by_inject["first"][4].startswith("ikke innfridd")


def test_an_interrupted_session_in_norwegian(folder: Path) -> None:
    session = _simulate(
        folder, "jordras", "cut-nb", "--seed", "3", "--until", "10m", team=JORDRAS_TEAM
    )
    html = render_html(_score(session))
    assert _foreign(html, "nb") == []
    assert '<span class="badge interrupted">avbrutt</span>' in html
    assert "Økt #1 ble avbrutt</strong> ved T+10:00" in html
    assert html.count(">avbrutt ved T+10:00</text>") == 2


class _Quoted(HTMLParser):
    """The full texts the report quotes beside an inject's id (their title attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "inject-text" in (found.get("class") or "").split() and found.get("title"):
            self.texts.append(found["title"] or "")


@pytest.mark.parametrize("scenario", bundled_names())
def test_the_report_quotes_exactly_what_was_delivered(folder: Path, scenario: str) -> None:
    """Names from the fake-data generator and the fictional clock as the team saw them,
    never the scenario's {placeholders}: the report reads the texts the log delivered."""
    import json

    session = _simulate(folder, scenario, f"said-{scenario}", "--seed", "7")
    exported = run_cli("export", str(session), cwd=folder)
    assert exported.returncode == 0, exported.stderr
    delivered = {
        event["item"]: event["text"]
        for event in map(json.loads, exported.stdout.splitlines())
        if event["type"] == "delivered" and event["source"] == "inject"
    }
    [score] = _score(session)
    parser = _Quoted()
    parser.feed(render_html([score], "en"))
    quoted = parser.texts
    assert len(quoted) >= len(score.expectations) > 0
    assert set(quoted) <= set(delivered.values())
    assert not [text for text in quoted if re.search(r"\{[a-z_.]+\}", text)]
    # Each expectation's row quotes its own inject's delivered text.
    for e in score.expectations:
        assert score.said[e.inject][1] == delivered[e.inject]
