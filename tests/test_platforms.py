"""Platforms: whose page an item is on decides what the team may do about it. Someone
else's post cannot be hidden (the console does not offer it, the engine refuses a scripted
hide with a message saying what to do), but it can be reported or its author asked to
remove it, and the debrief counts that as the right answer to personal data there."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event
from simulator.scenario.loader import LoadedScenario, load_scenario_text
from simulator.scoring.metrics import score_session
from simulator.tui.screens.dialogs import ChoiceScreen
from simulator.tui.screens.exercise import ExerciseScreen
from tests.console_fixtures import Console, detail_text, of_type, session_events, widget_lines
from tests.helpers import run_cli

SCENARIO = """\
format: 1
id: plattformer
title: Plattformer
duration: 30m
language: nb
organisation: {name: Fjordvik kommune, handle: fjordvikkommune}
platforms:
  - {id: x, name: X, owner: others}
  - {id: avis, name: Kommentarfeltet i Fjordavisa, owner: newspaper}
personas:
  - {id: ola, name: Ola Nordmann, role: citizen}
  - {id: avisa, name: Fjordavisa, role: media}
injects:
  - id: adresse
    at: 1m
    from: ola
    kind: post
    platform: x
    sensitive: true
    text: "Familien bor i Storgata 1, ring 912 34 567"
    expect:
      - do: [report, ask_removal]
        within: 10m
  - id: kommentar
    at: 1m
    from: ola
    kind: post
    platform: avis
    abusive: true
    text: "Ordføreren er en idiot"
  - id: side
    at: 1m
    from: ola
    kind: question
    text: "Når åpner veien igjen?"
  - id: kritikk
    at: 1m
    from: ola
    kind: post
    platform: x
    text: "Kommunen burde ha stengt veien i går."
  - id: sak
    at: 2m
    from: avisa
    kind: news
    text: "Veien er stengt etter raset."
  - id: presse
    at: 2m
    from: avisa
    kind: press
    text: "Når åpner veien?"
"""


def loaded() -> LoadedScenario:
    return load_scenario_text(SCENARIO, "plattformer.yaml")


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = new_session(loaded(), 1, tmp_path / "s.sqlite", virtual_clock())
    engine.start()
    engine.jump_to(180)
    yield engine
    if engine.store is not None:
        engine.store.close()


def recorded(engine) -> list[Event]:  # type: ignore[no-untyped-def]
    assert engine.store is not None
    return list(engine.store.events())


def test_a_hide_of_someone_elses_post_is_refused_with_what_to_do_and_nothing_is_written(
    engine,  # type: ignore[no-untyped-def]
) -> None:
    before = len(recorded(engine))
    with pytest.raises(ActionError) as refused:
        engine.act(ActionRequest("hide", ("adresse",), reason="personal_data", by="Kari"))
    assert refused.value.text("en") == (
        "'adresse' is someone else's post on X: the team cannot hide it. Report it to the "
        "platform, or ask the author to remove it"
    )
    assert refused.value.text("nb").startswith("«adresse» er noen andres innlegg på X")
    # A newspaper's comment, a news story, a press inquiry: nothing to hide either.
    for target, words in (
        ("kommentar", "Kommentarfeltet i Fjordavisa, which the newspaper moderates"),
        ("sak", "the newspaper's site, which the newspaper moderates"),
        ("presse", "is not published on any page"),
    ):
        with pytest.raises(ActionError) as refused:
            engine.act(ActionRequest("hide", (target,), by="Kari"))
        assert words in refused.value.text("en"), target
    # Reporting a comment on the team's own page, or answering in the paper's section.
    with pytest.raises(ActionError) as refused:
        engine.act(ActionRequest("report", ("side",), by="Kari"))
    assert (
        refused.value.text("en")
        == "'side' is on your own page: hide it there instead of reporting it"
    )
    with pytest.raises(ActionError) as refused:
        engine.act(ActionRequest("reply", ("kommentar",), "Nei.", by="Kari"))
    assert "the team does not comment there" in refused.value.text("en")
    assert len(recorded(engine)) == before


def test_report_and_ask_removal_are_recorded_meet_the_expectation_and_count_in_the_debrief(
    engine,  # type: ignore[no-untyped-def]
) -> None:
    engine.act(ActionRequest("report", ("adresse",), reason="personal_data", by="Kari"))
    engine.act(ActionRequest("ask_removal", ("adresse",), "Fjern adressen", by="Kari"))
    engine.act(ActionRequest("report", ("kommentar",), reason="harassment", by="Per"))
    # Asking to have legitimate criticism removed is as wrong as hiding it.
    engine.act(ActionRequest("ask_removal", ("kritikk",), by="Per"))
    engine.act(ActionRequest("hide", ("side",), reason="other", by="Per"))  # own page: allowed
    engine.act(ActionRequest("reply", ("adresse",), "Vi har bedt om at innlegget fjernes."))
    events = recorded(engine)
    where = {e.data["item"]: e.data.get("platform") for e in of_type(events, "delivered")}
    assert where["adresse"] == where["kritikk"] == "x" and where["kommentar"] == "avis"
    assert where["side"] is None and where["sak"] is None  # the built-in places
    assert where["team-1"] == "x"  # the reply goes where its item is
    actions = [
        (e.data["action"], e.data["to"], e.data["reason"], [f["rule"] for f in e.data["findings"]])
        for e in of_type(events, "action")
    ]
    assert actions[:5] == [
        ("report", ["adresse"], "personal_data", []),
        ("ask_removal", ["adresse"], None, []),
        ("report", ["kommentar"], "harassment", []),
        ("ask_removal", ["kritikk"], None, ["legitimate"]),
        ("hide", ["side"], "other", ["legitimate"]),
    ]
    [met] = of_type(events, "expectation")
    assert (met.data["inject"], met.data["status"], met.t) == ("adresse", "met", 180)
    engine.end()
    assert engine.store is not None
    score = score_session(engine.store.path)
    assert (score.summary["sensitive_hidden"], score.summary["sensitive_total"]) == (1, 1)
    assert score.summary["sensitive_max_exposed"] == 120  # up from T+1:00 to the report


def test_a_scripted_hide_of_someone_elses_post_stops_simulate_with_the_file_and_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(
        "- {at: 2m, do: report, to: adresse, reason: personal_data}\n"
        "- {at: 3m, do: hide, to: adresse, reason: personal_data}\n",
        encoding="utf-8",
    )
    done = run_cli(
        "simulate", "s.yaml", "--seed", "1", "--actions", "team.yaml", "--lang", "en",
        "--session", "s.sqlite", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith(
        "team.yaml:2: error: T+03:00: 'adresse' is someone else's post on X: the team cannot "
        "hide it. Report it to the platform, or ask the author to remove it"
    ), done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "s.sqlite").exists()


def test_the_export_carries_the_platform_and_the_report(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(
        "- {at: 2m, do: ask_removal, to: adresse, reason: personal_data, by: Kari}\n",
        encoding="utf-8",
    )
    done = run_cli(
        "simulate", "s.yaml", "--seed", "1", "--actions", "team.yaml", "--session",
        "s.sqlite", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    exported = run_cli("export", "s.sqlite", cwd=tmp_path)
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    [adresse] = [e for e in lines if e["type"] == "delivered" and e["item"] == "adresse"]
    assert adresse["platform"] == "x"
    [asked] = [e for e in lines if e["type"] == "action"]
    assert (asked["action"], asked["reason"], asked["by"]) == (
        "ask_removal",
        "personal_data",
        "Kari",
    )


BAD = """\
format: 1
id: feil
title: Feil
duration: 30m
platforms:
  - {id: x, name: X, owner: others, default: true}
  - {id: side, name: Vår side, owner: own, default: true}
personas:
  - {id: ola, name: Ola, role: citizen}
injects:
  - id: a
    at: 1m
    from: ola
    kind: post
    sensitive: true
    text: "Adressen er Storgata 1"
    expect:
      - do: hide
  - id: b
    at: 1m
    from: ola
    kind: internal
    platform: x
    text: "Hei"
  - id: c
    at: 1m
    from: ola
    kind: post
    platform: facebok
    text: "Hei"
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "bad.yaml:7:53: error: only one platform can be the default, and 'x' is "
                "already; remove 'default' here",
                "bad.yaml:18:13: error: the team cannot do 'hide' to an item that is someone "
                "else's post on an open platform ('owner: others'); expect one of reply, "
                "flag, escalate, report, ask_removal instead",
                "bad.yaml:23:15: error: an item on the 'internal' channel is on no platform; "
                "give 'platform' only to a social post or a news story",
                "bad.yaml:29:15: error: 'platform' names 'facebok', which is not one of the "
                "scenario's platforms (x, side); declare it under 'platforms'",
            ],
        ),
        (
            "nn",
            [
                "bad.yaml:7:53: feil: berre éi plattform kan vere standard, og «x» er det alt; "
                "fjern «default» her",
                "bad.yaml:18:13: feil: teamet kan ikkje gjere «hide» med ei sak som er nokon "
                "andre sitt innlegg på ei open plattform («owner: others»); forvent ein av "
                "reply, flag, escalate, report, ask_removal i staden",
                "bad.yaml:23:15: feil: ei sak i kanalen «internal» er ikkje på nokon "
                "plattform; gi «platform» berre til eit innlegg i sosiale medium eller ei "
                "nyheitssak",
                "bad.yaml:29:15: feil: «platform» viser til «facebok», som ikkje er ei av "
                "plattformene i scenarioet (x, side); beskriv henne under «platforms»",
            ],
        ),
    ],
)
def test_platform_mistakes_are_told_at_their_line(
    tmp_path: Path, lang: str, expected: list[str]
) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    done = run_cli("validate", "bad.yaml", "--lang", lang, cwd=tmp_path)
    assert done.returncode == 1
    said = [line for line in done.stdout.splitlines() if re.match(r"bad\.yaml:\d+:\d+: ", line)]
    assert said == expected, done.stdout


async def test_the_console_offers_only_what_the_items_platform_allows(tmp_path: Path) -> None:
    console = Console(tmp_path, loaded())
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 150)
        app = console.app

        def offered() -> set[str]:
            return {b.binding.action for b in app.active_bindings.values()} & {
                "hide",
                "remove",
                "desk",
                "reply",
            }

        await console.select(pilot, "side")  # the municipality's own page
        assert offered() == {"hide", "reply"}
        assert "Sosiale medier · deres egen side" in detail_text(console.exercise)
        await console.select(pilot, "kommentar")
        assert offered() == {"desk"}  # no hide, no reply: the paper moderates it
        assert "Kommentarfeltet i Fjordavisa" in detail_text(console.exercise)
        await pilot.press("r")  # nothing to answer here: no composer opens
        await pilot.pause()
        assert console.exercise.composer is None
        await console.select(pilot, "adresse")
        assert offered() == {"remove", "reply"}
        assert any("· X" in line for line in widget_lines(console.exercise.active_feed))
        # h on someone else's post asks whom to ask, then why.
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("f")  # be forfatteren om å fjerne det
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("p")  # personopplysninger
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        await console.select(pilot, "kommentar")
        await pilot.press("h", "t")  # the desk, for harassment
        await pilot.pause()
        done = [
            (e.data["action"], e.data["to"], e.data["reason"], e.data["by"])
            for e in of_type(session_events(console.path), "action")
        ]
        assert done == [
            ("ask_removal", ["adresse"], "personal_data", "Kari"),
            ("report", ["kommentar"], "harassment", "Kari"),
        ]
        assert "rapportert: trakassering" in detail_text(console.exercise)
        await console.select(pilot, "adresse")
        assert "forfatteren bedt om å fjerne det: personopplysninger" in detail_text(
            console.exercise
        )


def test_every_action_an_expectation_can_ask_for_has_words_in_the_preview_and_the_debrief() -> None:
    from simulator.lang.preview import PREVIEW
    from simulator.lang.reports import REPORTS
    from simulator.scenario.model import ACTIONS

    assert [a for a in ACTIONS if f"do.{a}" not in PREVIEW] == []
    assert [a for a in ACTIONS if f"action.{a}" not in REPORTS] == []
