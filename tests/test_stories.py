"""News stories that quote the team, and deadlines at a time of day: the story a scripted
team gets (read from the exported session), what counts as its words, how they are cut,
the format's checks in three languages, and the deadline's arithmetic."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from simulator.engine.actions import ActionRequest, ScriptedAction
from simulator.engine.engine import Engine
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.engine.stories import quote_of
from simulator.scenario.loader import check_text, load_scenario_text
from simulator.scenario.preview import event_rows
from tests.helpers import run_cli_process

# A journalist asks at 06:42 and prints at 07:00; a national newsroom writes its story at
# 07:00 (T+20:00), quoting the municipality on the evacuation or saying it has not answered.
SCENARIO = """\
format: 1
id: sak
title: Ras med sak
duration: 30m
language: nb
start: "2026-03-12T06:40:00+01:00"
organisation: {name: Lierfjell kommune}
variables: {sted: Brattlia, senter: Fjellheim samfunnshus}
personas:
  - {id: avisa, name: Lierfjell Avis, role: media, followers: 9800}
  - {id: riksnytt, name: Riksnytt, role: media, followers: 226000}
  - {id: kari, name: Kari Nordmann, role: citizen, followers: 300}
injects:
  - id: presse-1
    at: 2m
    from: avisa
    kind: press
    text: "Er noen evakuert fra {sted}? Vi publiserer kl. 07:00."
    expect:
      - do: reply
        deadline: "07:00"
  - id: riksnytt-sak
    at: 20m
    from: riksnytt
    kind: news
    truth: valid
    story:
      about: ["evakuer", "{senter}"]
      quoted: "Kl. {clock}: {Lierfjell kommune|Kommunen} skriver: «{quote}»"
      silent: "Lierfjell kommune har ikke svart på spørsmål fra Riksnytt om evakueringen i {sted}."
  - id: etter
    at: 25m
    from: kari
    kind: post
    text: "{Hørte|Kjente|Så} {fake.first_name} ved {sted} nå"
noise:
  - id: prat
    authors: {role: citizen, count: 10}
    rate: [{at: 0m, per_minute: 2}, {at: 30m, per_minute: 2}]
    mix: {valid: 1}
    texts: {valid: ["{fake.first_name} sier raset i {sted} er stort"]}
"""
ON_TOPIC_REPLY = "Rundt 40 er evakuert fra {sted}. De møter på {senter}."
ON_TOPIC_STATEMENT = "Alle evakuerte fra {sted} får mat og seng på {senter} i natt."
OFF_TOPIC = "Skolen i {sted} er stengt i dag."


def _team(*actions: str) -> str:
    return "".join(textwrap.dedent(action).lstrip("\n") for action in actions)


REPLY = f"""
- at: 4m
  do: reply
  to: presse-1
  text: "{ON_TOPIC_REPLY}"
"""
STATEMENT = f"""
- at: 8m
  do: statement
  text: "{ON_TOPIC_STATEMENT}"
"""
# After the on-topic statement: none of these may be quoted.
NOT_QUOTED = f"""
- at: 10m
  do: statement
  text: "{OFF_TOPIC}"
- at: 12m
  do: statement
  channel: internal
  text: "Internt: evakueringen av {{sted}} er i gang, {{senter}} er åpent."
- at: 14m
  do: draft
  publishes: statement
  text: "Utkast: evakueringen er snart ferdig."
"""


def _story_of(tmp_path: Path, name: str, team: str | None) -> dict:
    """The story's delivered event in the export of a headless run with ``team``."""
    scenario = tmp_path / "sak.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    session = tmp_path / f"{name}.sqlite"
    args = ["simulate", str(scenario), "--seed", "3", "--session", str(session)]
    if team is not None:
        (tmp_path / f"{name}.yaml").write_text(team, encoding="utf-8")
        args += ["--actions", str(tmp_path / f"{name}.yaml")]
    ran = run_cli_process(*args)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    exported = run_cli_process("export", str(session))
    assert exported.returncode == 0, exported.stderr
    events = [json.loads(line) for line in exported.stdout.splitlines()]
    [story] = [e for e in events if e.get("item") == "riksnytt-sak"]
    return story


def _filled(text: str) -> str:
    return text.format(sted="Brattlia", senter="Fjellheim samfunnshus")


def test_a_team_that_answers_gets_a_story_quoting_its_latest_words(tmp_path: Path) -> None:
    story = _story_of(tmp_path, "answers", _team(REPLY, STATEMENT, NOT_QUOTED))
    # Of its two texts on the topic, the later one; what came after it is off the topic,
    # internal or a draft, and none of them counts.
    quote = f"«{_filled(ON_TOPIC_STATEMENT)}»"
    assert story["text"] in (
        f"Kl. 07:00: Lierfjell kommune skriver: {quote}",
        f"Kl. 07:00: Kommunen skriver: {quote}",
    )
    assert story["quotes"] == "team-2"
    assert (story["t"], story["source"], story["kind"]) == (1200.0, "inject", "news")


def test_an_answer_to_the_press_alone_is_quoted(tmp_path: Path) -> None:
    # A reply to a journalist is on the record, though the public does not see it.
    story = _story_of(tmp_path, "press", _team(REPLY))
    assert f"«{_filled(ON_TOPIC_REPLY)}»" in story["text"]
    assert story["quotes"] == "team-1"


SILENT = "Lierfjell kommune har ikke svart på spørsmål fra Riksnytt om evakueringen i Brattlia."


@pytest.mark.parametrize("team", [None, _team(NOT_QUOTED)], ids=["nothing", "off-topic"])
def test_a_team_that_says_nothing_on_the_topic_gets_the_silent_story(
    tmp_path: Path, team: str | None
) -> None:
    story = _story_of(tmp_path, "silent", team)
    assert story["text"] == SILENT
    assert "quotes" not in story


# -- the engine ----------------------------------------------------------------------------


def _engine(tmp_path: Path, name: str, text: str = SCENARIO, seed: int = 3) -> Engine:
    engine = new_session(
        load_scenario_text(text, "sak.yaml"), seed, tmp_path / name, clock=virtual_clock()
    )
    engine.start()
    return engine


def _run(engine: Engine, actions: list[tuple[int, ActionRequest]]) -> list[Event]:
    engine.schedule([ScriptedAction(at, request) for at, request in actions])
    engine.end()
    assert engine.store is not None
    return list(engine.store.events())


def _texts(events: list[Event]) -> dict[str, str]:
    return {e.data["item"]: e.data["text"] for e in events if e.type == "delivered"}


ANSWER = [(240, ActionRequest("reply", ("presse-1",), "Evakuerte møter på Fjellheim."))]


def test_quoting_or_not_shifts_nothing_else(tmp_path: Path) -> None:
    """The story's words come from a source of their own: whether it quotes the team
    changes no other item, however its alternatives and fake values fall."""
    quoting = _texts(_run(_engine(tmp_path, "a.sqlite"), ANSWER))
    silent = _texts(_run(_engine(tmp_path, "b.sqlite"), []))
    assert quoting["riksnytt-sak"] != silent["riksnytt-sak"] == SILENT
    others = {k: v for k, v in quoting.items() if not k.startswith("team-")}
    assert {k: v for k, v in others.items() if k != "riksnytt-sak"} == {
        k: v for k, v in silent.items() if k != "riksnytt-sak"
    }


def test_a_quoted_private_number_stays_private(tmp_path: Path) -> None:
    """The story repeats the team's words; they teach the guideline check nothing, so a
    private number the team repeated is not made public by the newsroom that quotes it."""
    text = SCENARIO.replace(
        "  - id: etter\n",
        "  - {id: nabo, at: 1m, from: kari, kind: post, text: 'Ring meg på 912 34 567'}\n"
        "  - id: etter\n",
    )
    engine = _engine(tmp_path, "s.sqlite", text)
    events = _run(
        engine,
        [
            (240, ActionRequest("statement", (), "Evakuerte kan ringe 912 34 567.")),
            (1500, ActionRequest("statement", (), "Evakuerte kan ringe 912 34 567 igjen.")),
        ],
    )
    assert "912 34 567" in _texts(events)["riksnytt-sak"]
    findings = [e.data["findings"] for e in events if e.type == "action"]
    assert findings[0] == findings[1] == [{"rule": "phone", "match": "912 34 567"}]


# -- how much of the team's words a story quotes -------------------------------------------


def test_a_short_text_is_quoted_whole_on_one_line() -> None:
    assert quote_of("Raset er bekreftet.\n\nMøt opp på skolen.") == (
        "Raset er bekreftet. Møt opp på skolen."
    )


def test_a_long_text_is_cut_after_its_last_whole_sentence() -> None:
    first = "Rundt 40 er evakuert fra Brattlia, og alle har fått et sted å bo i natt."
    second = "De møter på Fjellheim samfunnshus, der kommunen har folk på plass hele kvelden."
    third = "Vi kommer med en ny melding kl. 08:00 om skolen og veiene i hele kommunen."
    text = f"{first} {second} {third}"
    assert quote_of(text) == f"{first} {second} …"


def test_without_a_sentence_that_fits_it_is_cut_after_a_word() -> None:
    text = "Kommunen har " + " ".join(f"ord{n}" for n in range(80))
    quote = quote_of(text)
    assert len(quote) <= 200 and quote.endswith(" …")
    kept = quote.removesuffix(" …")
    assert text.startswith(kept) and text[len(kept)] == " "  # a whole word, no more
    # An abbreviation before a number is no end of a sentence.
    clock = "Vi kommer med ny melding kl. 08:00 " + "om alt vi vet " * 20
    assert not quote_of(clock).startswith("Vi kommer med ny melding kl. …")


# -- deadlines at a time of day ------------------------------------------------------------


def _deadlines(events: list[Event], item: str) -> list[float]:
    [event] = [e for e in events if e.type == "delivered" and e.data["item"] == item]
    return event.data["deadlines"]


def test_a_deadline_at_a_time_of_day_is_that_scenario_second(tmp_path: Path) -> None:
    # Asked at 06:42, due at 07:00: T+20:00, and missed there without an answer.
    events = _run(_engine(tmp_path, "s.sqlite"), [])
    assert _deadlines(events, "presse-1") == [1200.0]
    [missed] = [e for e in events if e.type == "expectation"]
    assert (missed.t, missed.data["status"], missed.data["deadline"]) == (1200.0, "missed", 1200)
    met = _run(_engine(tmp_path, "t.sqlite"), [(1200, ANSWER[0][1])])
    assert [e.data["status"] for e in met if e.type == "expectation"] == ["met"]


MIDNIGHT = """\
format: 1
id: natt
title: Natt
duration: 2h
start: "2026-03-12T23:50:00+01:00"
personas: [{id: avisa, name: Avisa, role: media}]
injects:
  - {id: first, at: 5m, from: avisa, kind: press, text: "?",
     expect: [{do: reply, deadline: "00:10"}]}
  - {id: gate, at: 1m, from: avisa, kind: press, text: "?", expect: [{do: reply, within: 1h}]}
  - id: late
    after: {met: gate}
    from: avisa
    kind: press
    text: "Hvorfor?"
    expect: [{do: reply, deadline: "23:55"}]
"""


def test_a_deadline_past_midnight_and_one_passed_at_run_time(tmp_path: Path) -> None:
    # 00:10 after a start at 23:50 is on the next day: T+20:00. 'late' could come at
    # 23:51, before its 23:55 deadline, but comes at 00:00 when 'gate' is answered: the
    # deadline has passed, and it is due at once.
    engine = _engine(tmp_path, "s.sqlite", MIDNIGHT, seed=1)
    events = _run(engine, [(600, ActionRequest("reply", ("gate",), "Svar"))])
    assert _deadlines(events, "first") == [1200.0]
    assert _deadlines(events, "late") == [600.0]
    outcome = [e for e in events if e.type == "expectation" and e.data["inject"] == "late"]
    assert [(e.t, e.data["status"]) for e in outcome] == [(600.0, "missed")]


def test_the_preview_shows_the_time_of_day_and_its_moment() -> None:
    sc = load_scenario_text(SCENARIO, "sak.yaml").scenario
    [press] = event_rows(sc)[0].expect
    assert (press.deadline, press.within, press.due) == ("07:00", 1080, 1200)
    assert press.describe() == "reply by 07:00 (T+20:00)"
    story = event_rows(sc)[1]
    assert story.text == "Kl. 07:00: Lierfjell kommune skriver: «{quote}»"


# -- the format's checks -----------------------------------------------------------------


def _with(old: str, new: str) -> str:
    assert old in SCENARIO
    return SCENARIO.replace(old, new)


CASES = [
    # (change to the scenario, catalogue key, line and column of the finding)
    (
        ('      silent: "Lierfjell', '      text: "x"\n      silent: "Lierfjell'),
        "key.unknown",
        (30, 7),
    ),
    (("    story:\n", '    text: "Hei"\n    story:\n'), "story.and_text", (27, 5)),
    (('about: ["evakuer", "{senter}"]', 'about: ["evakuer", ""]'), "story.about.empty", (28, 26)),
    (('about: ["evakuer", "{senter}"]', 'about: ["evakuer", "  "]'), "story.about.blank", (28, 26)),
    (('about: ["evakuer", "{senter}"]', "about: []"), "too_short", (28, 14)),
    (("«{quote}»", "«sitat»"), "story.quote.missing", (29, 16)),
    (("evakueringen i {sted}.", "evakueringen: {quote}"), "story.quote.elsewhere", (30, 91)),
    (('"Er noen evakuert', '"{quote} Er noen evakuert'), "story.quote.elsewhere", (18, 12)),
    (
        ('quoted: "Kl. {clock}: {Lierfjell kommune|Kommunen} skriver: «{quote}»"', 'quoted: ""'),
        "story.empty",
        (29, 15),
    ),
    (('        deadline: "07:00"', '        deadline: "07.00"'), "about", (21, 19)),
    (
        ('        deadline: "07:00"', '        deadline: "07:00"\n        within: 10m'),
        "deadline.and_within",
        (21, 9),
    ),
    (('start: "2026-03-12T06:40:00+01:00"\n', ""), "deadline.no_start", (20, 19)),
    (('        deadline: "07:00"', '        deadline: "06:42"'), "deadline.passed", (21, 19)),
    (("variables: {sted:", "variables: {quote: x, sted:"), "variable.reserved", (8, 13)),
    (("    story:\n", "    text: ~\n    story:\n"), "must.text", (27, 11)),
    (("skriver: «{quote}»", "skriver i {stedd}: «{quote}»"), "placeholder_unknown", (29, 68)),
    (
        ('about: ["evakuer", "{senter}"]', 'about: ["evakuer", "{sentre}"]'),
        "placeholder_unknown",
        (28, 27),
    ),
]


@pytest.mark.parametrize(
    ("change", "code", "at"), CASES, ids=[c[1] + str(n) for n, c in enumerate(CASES)]
)
def test_each_mistake_is_an_error_at_its_line_in_three_languages(
    change: tuple[str, str], code: str, at: tuple[int, int]
) -> None:
    result = check_text(_with(*change), "sak.yaml")
    errors = [f for f in result.findings if f.severity == "error"]
    assert [(f.code, (f.line, f.column)) for f in errors][:1] == [(code, at)], [
        f.as_text() for f in result.findings
    ]
    said = {language: errors[0].text(language) for language in ("en", "nb", "nn")}
    assert len(set(said.values())) == 3 and all(said.values())


def test_the_scenario_as_written_is_valid() -> None:
    result = check_text(SCENARIO, "sak.yaml")
    assert result.ok and not result.findings, [f.as_text() for f in result.findings]


def test_validate_names_the_fix_for_a_deadline_that_has_passed(tmp_path: Path) -> None:
    (tmp_path / "sak.yaml").write_text(_with('"07:00"', '"06:42"'), encoding="utf-8")
    ran = run_cli_process("validate", str(tmp_path / "sak.yaml"))
    assert ran.returncode == 1
    assert (
        "sak.yaml:21:19: error: the deadline 06:42 (T+02:00) has passed when the inject "
        "arrives, at 06:42 (T+02:00) at the earliest; give a later time of day, or a span "
        "with 'within'" in ran.stdout
    )


# -- the spreadsheet -----------------------------------------------------------------------


def test_a_story_and_a_deadline_come_back_from_the_spreadsheet(tmp_path: Path) -> None:
    base = tmp_path / "sak.yaml"
    base.write_text(SCENARIO, encoding="utf-8")
    sheet, out = tmp_path / "sak.csv", tmp_path / "ny.yaml"
    assert run_cli_process("msel", "export", str(base), "-o", str(sheet)).returncode == 0
    assert "reply deadline 07:00" in sheet.read_text(encoding="utf-8-sig")
    ran = run_cli_process("msel", "import", str(sheet), "--into", str(base), "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    before = load_scenario_text(SCENARIO, "a.yaml").scenario.injects
    assert load_scenario_text(out.read_text(encoding="utf-8"), "b.yaml").scenario.injects == before


def test_a_restored_session_has_the_same_story(tmp_path: Path) -> None:
    """Cut before the story and after it: the restore replays the team's words and
    quotes them again, event for event."""
    actions = [*ANSWER, (480, ActionRequest("statement", (), "Evakuerte får seng."))]
    whole = _run(_engine(tmp_path, "whole.sqlite"), actions)
    for cut in (900, 1300):
        engine = _engine(tmp_path, f"cut{cut}.sqlite")
        engine.schedule([ScriptedAction(at, r) for at, r in actions if at <= cut])
        engine.advance_to(cut)
        engine.flush()
        assert engine.store is not None
        engine.store.close()
        store = SessionStore.open(tmp_path / f"cut{cut}.sqlite")
        restored = Engine.restore(store, clock=virtual_clock())
        rest = _run(restored, [(at, r) for at, r in actions if at > cut])
        assert [(e.type, e.t, e.data) for e in rest if e.type != "clock"] == [
            (e.type, e.t, e.data) for e in whole if e.type != "clock"
        ]
    assert _texts(whole)["riksnytt-sak"].endswith("«Evakuerte får seng.»")


# -- the console ---------------------------------------------------------------------------


async def test_the_console_shows_a_story_like_any_news_item(tmp_path: Path) -> None:
    from tests.console_fixtures import Console, detail_text, list_ids

    console = Console(tmp_path, load_scenario_text(SCENARIO, "sak.yaml"))
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 240)
        reply = ActionRequest("reply", ("presse-1",), "Evakuerte møter på Fjellheim.")
        assert console.app.act(reply, "ok")
        await console.advance(pilot, 1200 - 240)
        screen = console.exercise
        assert "riksnytt-sak" in list_ids(screen, "feed")
        await console.select(pilot, "riksnytt-sak")
        shown = detail_text(screen)
        assert "Riksnytt" in shown
        assert "skriver: «Evakuerte møter på Fjellheim.»" in shown
