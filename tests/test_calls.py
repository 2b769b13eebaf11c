"""Phone calls: a journalist rings, the call is taken in time or rings out, and whoever
takes it is on the phone until it ends. Engine-level on the virtual clock with real
session files, one Pilot test of the one-person console and one of a press seat joined to
a host in this process. Nothing sleeps: time moves when a test moves it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from simulator.engine.actions import ActionError, ActionRequest, ScriptedAction
from simulator.engine.engine import Engine
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.host import Host
from simulator.scenario.loader import check_text, load_scenario_text
from simulator.scenario.msel import base_stories, export_csv, read_rows, replace_injects
from simulator.scenario.timing import earliest_times
from simulator.scenario.yamlsource import parse_yaml
from simulator.scoring.metrics import score_session
from simulator.scoring.reports import to_markdown
from simulator.tui.calls import CallState
from simulator.tui.screens.call import TAKE_KEY, CallScreen, RingingBanner
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.seat import SeatApp, SeatScreen
from tests.console_fixtures import Console, paste, screen_text
from tests.hosting import code_of, hosted, started
from tests.test_events import assert_contract

CALLS = """\
format: 1
id: ringer
title: Telefoner
duration: 30m
language: nb
start: "2026-03-12T07:40:00+01:00"
organisation: {name: Bakkeby kommune}
personas:
  - {id: kari, name: Kari Holm, role: journalist, followers: 900}
  - {id: nrk, name: NRK Østfold, role: media, followers: 90000}
  - {id: per, name: Per Vik, role: journalist}
  - {id: ola, name: Ola Nordmann, role: citizen}
injects:
  - id: ulykke
    at: 1m
    from: ola
    kind: post
    text: "Stor ulykke på E6 ved Bakkeby!"
  - id: nrk-ringer
    at: 2m
    from: kari
    kind: call
    text: "Kari Holm, NRK Østfold, ringer om ulykka på E6"
    call:
      ring: 2m
      lasts: 4m
      questions:
        - {after: 30s, text: "Hvor mange er skadet?"}
        - {after: 2m, text: "Klokka er {clock}: når åpner veien igjen?"}
    expect:
      - do: take
  - id: nrk-taus
    after: {unanswered: nrk-ringer}
    delay: 1m
    from: nrk
    kind: news
    text: "Kommunen svarer ikke på telefon om ulykka"
  - id: vg-ringer
    at: 5m
    from: per
    kind: call
    text: "Per Vik, VG, ringer om ulykka"
    call: {ring: 1m, lasts: 2m}
noise:
  - id: prat
    authors: {role: citizen, count: 20}
    rate: [{at: 0m, per_minute: 3}, {at: 30m, per_minute: 3}]
    mix: {valid: 1}
    texts:
      valid:
        - "{Har dere sett|Så nettopp} ulykka på E6? {fake.first_name} var der"
"""
CALL, FOLLOW_UP, OTHER = "nrk-ringer", "nrk-taus", "vg-ringer"
TAKE = ActionRequest("take", (CALL,), by="Kari")


def make(tmp_path: Path, name: str = "s.sqlite") -> Engine:
    engine = new_session(
        load_scenario_text(CALLS, "ringer.yaml"), 3, tmp_path / name, clock=virtual_clock()
    )
    engine.start()
    return engine


def run(engine: Engine, actions: list[tuple[int, ActionRequest]] = ()) -> list[Event]:  # type: ignore[assignment]
    engine.schedule([ScriptedAction(at, request) for at, request in actions])
    engine.advance_to(engine.scenario.duration)
    engine.end()
    engine.flush()
    assert engine.store is not None
    events = list(engine.store.events())
    engine.store.close()
    return events


def of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


def delivered(events: list[Event], item: str) -> list[Event]:
    return [e for e in of(events, "delivered") if e.data["item"] == item]


# -- the engine --------------------------------------------------------------------------------


def test_a_call_nobody_takes_rings_out_at_its_time_and_brings_its_follow_up(
    tmp_path: Path,
) -> None:
    events = run(make(tmp_path))
    (call,) = delivered(events, CALL)
    assert call.t == 120 and call.data["kind"] == "call" and call.data["channel"] == "press"
    assert call.data["rings_out"] == 240 and call.data["lasts"] == 240
    rang_out = of(events, "call")
    assert [(e.t, e.data) for e in rang_out] == [
        (240.0, {"item": CALL, "status": "rang_out"}),
        (360.0, {"item": OTHER, "status": "rang_out"}),
    ]
    (follow_up,) = delivered(events, FOLLOW_UP)
    assert follow_up.t == 300  # rung out at T+04:00, with its delay of a minute
    (missed,) = [e for e in of(events, "expectation") if e.data["inject"] == CALL]
    assert missed.t == 240 and missed.data["status"] == "missed"
    assert not [e for e in of(events, "delivered") if e.data["item"].startswith(f"{CALL}-q")]
    assert_contract(events)


def test_a_taken_call_asks_its_questions_as_it_goes_and_ends_after_its_length(
    tmp_path: Path,
) -> None:
    events = run(make(tmp_path), [(180, TAKE)])
    (take,) = [e for e in of(events, "action") if e.data["action"] == "take"]
    assert take.t == 180 and take.data["to"] == [CALL] and take.data["by"] == "Kari"
    questions = [e for e in of(events, "delivered") if e.data.get("reply_to") == CALL]
    assert [(e.t, e.data["item"]) for e in questions] == [(210, f"{CALL}-q1"), (300, f"{CALL}-q2")]
    for question in questions:
        assert question.data["kind"] == "press" and question.data["channel"] == "press"
        assert question.data["author"] == "kari" and question.data["source"] == "inject"
    assert questions[1].data["text"] == "Klokka er 07:45: når åpner veien igjen?"
    (ended,) = [e for e in of(events, "call") if e.data["item"] == CALL]
    assert ended.t == 180 + 240 and ended.data == {"item": CALL, "status": "ended", "by": "Kari"}
    (met,) = [e for e in of(events, "expectation") if e.data["inject"] == CALL]
    assert met.data["status"] == "met" and met.data["response_time"] == 60
    assert not delivered(events, FOLLOW_UP)  # taken in time: no 'unanswered'
    assert_contract(events)


def test_a_call_taken_at_the_second_it_rings_out_is_taken(tmp_path: Path) -> None:
    events = run(make(tmp_path), [(240, TAKE)])
    assert [e.data["status"] for e in of(events, "call") if e.data["item"] == CALL] == ["ended"]
    assert not delivered(events, FOLLOW_UP)


def _refusal(engine: Engine, request: ActionRequest, t: float) -> ActionError:
    with pytest.raises(ActionError) as refused:
        engine.act(request, t=t)
    return refused.value


def test_the_taker_may_only_write_notes_until_the_call_ends(tmp_path: Path) -> None:
    engine = make(tmp_path)
    assert _refusal(engine, TAKE, 60).said.key == "not_delivered"  # it has not rung yet
    engine.act(TAKE, t=180)
    flag = ActionRequest("flag", ("ulykke",), label="valid", by="Kari")
    busy = _refusal(engine, flag, 200)
    assert busy.said.key == "call.busy"
    assert str(busy) == (
        "you are on the phone with Kari Holm until 07:47; during the call you can only write notes"
    )
    assert "du snakker i telefonen med Kari Holm til kl. 07:47" in busy.text("nb")
    assert "du snakkar i telefonen med Kari Holm til kl. 07:47" in busy.text("nn")
    for request in (
        ActionRequest("statement", (), "Vi følger med.", by="Kari"),
        ActionRequest("claim", ("ulykke",), by="Kari"),
    ):
        assert _refusal(engine, request, 210).said.key == "call.busy"
    # A note is what the taker writes down as the call goes; the others work on.
    engine.act(ActionRequest("note", (CALL,), "Tre skadet, sier hun", by="Kari"), t=215)
    engine.act(ActionRequest("flag", ("ulykke",), label="valid", by="Per"), t=220)
    # Nobody takes a call twice, nor one that rang out, nor what is not a call.
    taken = _refusal(engine, ActionRequest("take", (CALL,), by="Per"), 230)
    assert taken.said.key == "call.taken" and str(taken) == "Kari took this call at 07:43"
    assert _refusal(engine, ActionRequest("take", ("ulykke",), by="Per"), 230).said.key == (
        "call.not_call"
    )
    # The second call rings while the first goes on: its taker cannot take it too.
    assert _refusal(engine, ActionRequest("take", (OTHER,), by="Kari"), 310).said.key == (
        "call.busy"
    )
    assert _refusal(engine, ActionRequest("take", (OTHER,), by="Per"), 370).said.key == (
        "call.rang_out"
    )
    # At the very second the call ends, its taker is free again.
    events = [e for e in engine.act(flag, t=420) if e.type in ("call", "action")]
    assert [(e.t, e.type) for e in events][-2:] == [(420, "call"), (420, "action")]
    assert events[-2].data["status"] == "ended" and events[-1].data["action"] == "flag"
    engine.end()
    assert engine.store is not None
    logged = list(engine.store.events())
    notes = of(logged, "note")
    assert [(n.t, n.data["to"], n.data["by"]) for n in notes] == [(215, [CALL], "Kari")]
    # What was refused left nothing in the log.
    assert [e.data["action"] for e in of(logged, "action")] == ["take", "flag", "flag"]
    engine.store.close()


def test_the_taker_is_a_seat_else_a_name_else_the_console(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.act(ActionRequest("take", (CALL,), by="Kari", seat="1:press"), t=180)
    # Kari at another seat (the leader's, say) is not on this phone; the press seat is.
    engine.act(ActionRequest("flag", ("ulykke",), label="valid", by="Kari", seat="1:leader"))
    note = ActionRequest("escalate", ("ulykke",), by="Ola", seat="1:press", recipient="Leder")
    assert _refusal(engine, note, 190).said.key == "call.busy"
    engine.act(ActionRequest("flag", ("ulykke",), label="misleading"), t=200)  # the console
    assert engine.store is not None
    engine.store.close()


def test_a_restored_session_with_calls_taken_and_rung_out_goes_on_exactly(
    tmp_path: Path,
) -> None:
    actions = [
        (180, TAKE),
        (215, ActionRequest("note", (CALL,), "Tre skadet", by="Kari")),
        (500, ActionRequest("statement", (), "Veien er stengt ved Bakkeby.", by="Kari")),
    ]
    whole = run(make(tmp_path, "whole.sqlite"), actions)
    half = make(tmp_path, "half.sqlite")
    # Stopped during the call, after its first question and before its second: the second
    # call has not rung yet.
    half.schedule([ScriptedAction(at, r) for at, r in actions if at <= 250])
    half.advance_to(250)
    half.flush()
    assert half.store is not None
    half.store.close()
    restored = Engine.restore(SessionStore.open(tmp_path / "half.sqlite"), clock=virtual_clock())
    assert restored.calls.calls[CALL].taken_at == 180
    # Still on the phone after the restore, as before it.
    flag = ActionRequest("flag", ("ulykke",), label="valid", by="Kari")
    assert _refusal(restored, flag, 260).said.key == "call.busy"
    rest = run(restored, [(at, r) for at, r in actions if at > 250])

    def shown(events: list[Event]) -> list[tuple[str, float, str]]:
        return [(e.type, e.t, json.dumps(e.data, sort_keys=True)) for e in events]

    assert shown(rest) == shown(whole)
    assert {e.data["status"] for e in of(rest, "call")} == {"ended", "rang_out"}
    # And the whole log, restored once more, replays as it was written.
    again = Engine.restore(SessionStore.open(tmp_path / "whole.sqlite"), clock=virtual_clock())
    assert again.ended and again.calls.calls[OTHER].over
    assert again.store is not None
    again.store.close()


def test_the_debrief_lists_each_call_with_its_taker_or_that_it_rang_out(tmp_path: Path) -> None:
    run(make(tmp_path), [(180, TAKE), (215, ActionRequest("note", (CALL,), "Tre skadet"))])
    score = score_session(tmp_path / "s.sqlite")
    first, second = score.as_json()["calls"]
    assert first["status"] == "ended" and first["by"] == "Kari"
    assert first["response_time"] == 60 and first["ended"] == 420
    assert [q["text"] for q in first["questions"]] == [
        "Hvor mange er skadet?",
        "Klokka er 07:45: når åpner veien igjen?",
    ]
    assert [n["text"] for n in first["notes"]] == ["Tre skadet"]
    assert second["status"] == "rang_out" and second["taken"] is None
    assert score.summary["calls"] == 2 and score.summary["calls_taken"] == 1
    report = to_markdown([score])
    assert "Kari tok den T+03:00, etter 1 min; samtalen sluttet T+07:00" in report
    assert "«Tre skadet»" in report
    assert "ringte T+05:00 og ringte ut ubesvart T+06:00" in report
    assert "1 av 2 tatt, 1 ringte ut; tatt etter 1 min (median)" in report


# -- the format --------------------------------------------------------------------------------


def _problems(text: str) -> dict[int, str]:
    result = check_text(text, "ringer.yaml")
    assert not result.ok
    return {f.line: f.said.key for f in result.findings}


def test_a_bad_call_block_is_told_at_its_line_in_each_language() -> None:
    text = CALLS.replace("      ring: 2m\n", "      ring: 0s\n")
    text = text.replace("{after: 2m, text:", "{after: 4m, text:")
    text = text.replace(
        '    text: "Stor ulykke på E6 ved Bakkeby!"\n',
        '    text: "Stor ulykke på E6 ved Bakkeby!"\n    call: {lasts: 2m}\n'
        "    expect: [{do: take}]\n",
    )
    text = text.replace("after: {unanswered: nrk-ringer}", "after: {unanswered: ulykke}")
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if fragment in line)

    found = check_text(text, "ringer.yaml").findings
    by_line = {f.line: f for f in found}
    expected = {
        line_of("call: {lasts: 2m}"): "call.not_call",
        line_of("expect: [{do: take}]"): "take.not_call",
        line_of("ring: 0s"): "call.zero",
        line_of("{after: 4m, text:"): "call.question_late",
        line_of("after: {unanswered: ulykke}"): "after.not_call",
    }
    assert {line: by_line[line].said.key for line in expected} == expected
    late = by_line[line_of("{after: 4m, text:")]
    assert late.text("en") == (
        "this question comes 4m into the call, but the call lasts 4m; ask it earlier, or "
        "make 'lasts' longer"
    )
    assert "dette spørsmålet kommer 4m ut i samtalen" in late.text("nb")
    assert "dette spørsmålet kjem 4m ut i samtalen" in late.text("nn")
    not_call = by_line[line_of("after: {unanswered: ulykke}")]
    assert "«ulykke» er av typen «post»" in not_call.text("nb")
    assert "«ulykke» er av typen «post»" in not_call.text("nn")
    assert "'ulykke' is of kind 'post'" in not_call.text("en")
    assert len(found) == len(expected)


def test_a_questions_id_must_not_be_an_injects() -> None:
    text = CALLS.replace("  - id: ulykke\n", "  - id: nrk-ringer-q2\n")
    (finding,) = check_text(text, "ringer.yaml").findings
    assert finding.said.key == "call.id_taken" and "'nrk-ringer-q2'" in finding.text("en")


def test_the_follow_up_of_a_call_taken_in_time_will_not_come(tmp_path: Path) -> None:
    loaded = load_scenario_text(CALLS, "ringer.yaml")
    assert earliest_times(loaded.scenario)[FOLLOW_UP] == 120 + 120 + 60
    ringing, taken = make(tmp_path, "ringing.sqlite"), make(tmp_path, "taken.sqlite")
    ringing.advance_to(180)
    taken.act(TAKE, t=180)
    assert ringing.inject_status(FOLLOW_UP) == "pending"
    assert taken.inject_status(FOLLOW_UP) == "wont"
    for engine in (ringing, taken):
        assert engine.store is not None
        engine.store.close()


def test_a_spreadsheet_keeps_each_calls_block_and_its_unanswered_trigger(tmp_path: Path) -> None:
    scenario = load_scenario_text(CALLS, "ringer.yaml").scenario
    sheet = tmp_path / "ringer.csv"
    sheet.write_text(export_csv(scenario), encoding="utf-8")
    assert "unanswered nrk-ringer" in sheet.read_text(encoding="utf-8")
    doc = parse_yaml(CALLS, "ringer.yaml")
    imported = read_rows(sheet, "ringer.csv", base_stories(doc))
    again = load_scenario_text(replace_injects(doc, imported.injects).text, "ny.yaml")
    assert again.scenario.injects == scenario.injects


# -- the one-person console --------------------------------------------------------------------


async def test_the_console_rings_takes_the_call_and_stays_on_it_until_it_ends(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path, load_scenario_text(CALLS, "ringer.yaml"), language="nb")
    app = console.app
    async with console.running() as pilot:
        await console.begin(pilot)
        banner = app.screen.query_one(RingingBanner)
        assert not banner.display
        await console.advance(pilot, 130)  # T+02:10: it rings
        assert banner.display
        shown = screen_text(app)
        assert "Kari Holm ringer" in shown and "ringer ut om 01:50" in shown
        assert "y: ta telefonen" in shown
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert "I telefonen med Kari Holm" in screen_text(app)
        await console.advance(pilot, 30)  # T+02:40: the first question
        shown = screen_text(app)
        assert "Hvor mange er skadet?" in shown and "03:30 igjen av samtalen" in shown
        await paste(pilot, "Tre skadet, sier hun")
        await pilot.press("enter")
        await pilot.pause()
        assert "Tre skadet, sier hun" in screen_text(app)
        # Nothing else until the call is over: not Escape, not the console's keys.
        for key in ("escape", "f", "2", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, CallScreen), key
        # The clock is this console's to steer still: F2 over the call, and back to it.
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await console.advance(pilot, 209)  # T+06:09: a second before the end
        assert isinstance(app.screen, CallScreen)
        await console.advance(pilot, 1)  # T+06:10: the call is over
        assert isinstance(app.screen, ExerciseScreen)
        call = app.model.calls.get(CALL)
        assert call is not None and call.state == CallState.ENDED
        await console.advance(pilot, 30)  # T+06:40; the second call rang out at T+06:00
        await pilot.press("2")
        await pilot.pause()
        shown = screen_text(app)
        assert "☎ besvart av Kari" in shown and "☎ Ubesvart anrop" in shown
        assert not banner.display
    events = [e for e in SessionStore.open(console.path).events()]
    (note,) = of(events, "note")
    assert note.data["to"] == [CALL] and note.data["text"] == "Tre skadet, sier hun"
    assert [e.data["status"] for e in of(events, "call")] == ["rang_out", "ended"]


def test_the_take_key_is_no_other_keys_on_the_consoles_and_the_seats_screens() -> None:
    for screen in (ExerciseScreen, SeatScreen):
        keys = [
            key
            for binding in screen.BINDINGS
            if isinstance(binding, Binding)
            for key in binding.key.split(",")
        ]
        assert keys.count(TAKE_KEY) == 1, screen.__name__


# -- a press seat of a team exercise -----------------------------------------------------------


@pytest.fixture
async def calls_host(codes: CodeTable, tmp_path: Path) -> AsyncIterator[Host]:
    """A host of the calls scenario for team 1 in this process, on its own ticks."""
    engine = started(load_scenario_text(CALLS, "ringer.yaml"), 3, tmp_path / "s.sqlite")
    async with hosted(engine, codes, tmp_path / "run") as host:
        yield host


async def until(pilot: Pilot[int], test: Callable[[], bool]) -> None:
    """Let the app run until ``test`` holds, for at most five seconds."""

    async def wait() -> None:
        while not test():
            await pilot.pause(0.01)

    await asyncio.wait_for(wait(), 5)


async def test_a_press_seat_takes_a_call_and_another_seat_sees_who_has_it(
    calls_host: Host, codes: CodeTable
) -> None:
    host, loaded = calls_host, load_scenario_text(CALLS, "ringer.yaml")
    engine = host.first.engine
    engine.clock.source.advance(130)  # type: ignore[attr-defined]
    host.tick()
    alias = host.first.view.alias(CALL)  # the name the seats know the call by

    def seat(role: SeatRole, name: str) -> SeatApp:
        code = code_of(codes, role)
        return SeatApp(loaded, host.socket_path, code, name, language="nb", spread=0)

    press = seat(SeatRole.PRESS, "Kari")
    async with press.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: press.role is not None and alias in press.model.calls.calls)
        await until(pilot, lambda: "Kari Holm ringer" in screen_text(press))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(press.screen, CallScreen))
        assert engine.calls.calls[CALL].seat == "1:press"
        # Only notes from here: anything else from the press seat the host refuses.
        press.act(ActionRequest("claim", (alias,)), "ok")

        def refused() -> list[str]:
            return [n.message for n in press._notifications if "telefonen med" in n.message]

        await until(pilot, lambda: bool(refused()))
        assert refused()[0].startswith("Ikke utført: du snakker i telefonen med Kari Holm")
    social = seat(SeatRole.SOCIAL, "Per")
    async with social.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: social.role is not None and alias in social.model.calls.calls)
        call = social.model.calls.get(alias)
        assert call is not None and call.state == CallState.TAKEN and call.by == "Kari"
        assert not social.rings_here() and not social.may("take")
        assert not isinstance(social.screen, CallScreen)  # not this seat's call
        # The call ends, and the other rings out: each seat is told, by the calls' aliases.
        engine.clock.source.advance(250)  # type: ignore[attr-defined]
        host.tick()
        await until(pilot, lambda: call.state == CallState.ENDED)
        other = social.model.calls.get(host.first.view.alias(OTHER))
        assert other is not None and other.state == CallState.RANG_OUT
        assert not {CALL, OTHER} & social.model.calls.calls.keys()
    leader = seat(SeatRole.LEADER, "Ola")
    async with leader.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: leader.role is not None and alias in leader.model.calls.calls)
        await pilot.press("2")
        await until(pilot, lambda: "☎ besvart av Kari" in screen_text(leader))
        assert "☎ Ubesvart anrop" in screen_text(leader)
        assert not leader.rings_here()  # the team has a press seat: it rings there
    (take,) = [e for e in engine.store.events() if e.type == "action"]  # type: ignore[union-attr]
    assert take.data["action"] == "take" and take.data["seat"] == "1:press"
    assert take.data["to"] == [CALL] and take.data["by"] == "Kari"
