"""The engine's semantics: clock, triggers, deadlines, guidelines, reach, determinism,
restore. Time is virtual throughout; sessions are real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.engine.actions import ActionError, ActionRequest, ScriptedAction
from simulator.engine.clock import ClockError, ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.reach import views_at
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import load_scenario_text

SCENARIO = """\
format: 1
id: trig
title: Triggers
duration: 30m
language: nb
variables: {sted: Bakkeby}
organisation: {name: Bakkeby kommune}
guidelines: {avoid: ["antall døde"]}
personas:
  - {id: kari, name: Kari Nordmann, role: citizen, followers: 100}
  - {id: politi, name: Politiet, role: agency, followers: 5000}
  - {id: avisa, name: Avisa, role: media, followers: 10000}
injects:
  - id: a
    at: 1m
    from: avisa
    kind: press
    text: "Hva skjer i {sted}?"
    expect:
      - {do: reply, within: 5m, mention: ["{sted}"]}
  - id: b
    after: {delivered: a}
    delay: 30s
    from: kari
    kind: post
    text: "Ring meg på 912 34 567 eller kari@example.no"
  - id: c
    after: {met: a}
    delay: 1m
    from: avisa
    kind: press
    text: "Takk, oppfølging"
  - id: d
    after: {missed: a}
    from: avisa
    kind: news
    text: "Kommunen svarer ikke"
  - id: rumour
    at: 2m
    from: kari
    kind: post
    truth: misleading
    reach: 10000
    text: "Dammen har brutt!"
    expect:
      - {do: flag, label: misleading}
  - id: police
    at: 3m
    from: politi
    kind: official
    text: "Politiet: ring 22 33 44 55"
noise:
  - id: prat
    authors: {role: citizen, count: 20}
    rate: [{at: 0m, per_minute: 2}, {at: 30m, per_minute: 6}]
    mix: {valid: 3, misleading: 1, irrelevant: 1}
    texts:
      valid: ["Ras i {sted} kl {clock}", "{fake.first_name} sier det er ille"]
      misleading: ["Dambrudd i {sted}!"]
      irrelevant: ["Fint vær"]
"""


def make(tmp_path: Path, seed: int = 1, name: str = "s.sqlite",
         text: str = SCENARIO) -> Engine:
    loaded = load_scenario_text(text, "trig.yaml")
    engine = new_session(loaded, seed, tmp_path / name, clock=virtual_clock())
    engine.start()
    return engine


def run(engine: Engine, actions: list[tuple[float, ActionRequest]] = ()) -> list[Event]:
    engine.schedule([ScriptedAction(int(at), req) for at, req in actions])
    engine.advance_to(engine.scenario.duration)
    engine.end()
    assert engine.store is not None
    return list(engine.store.events())


def delivered(events: list[Event], source: str | None = None) -> dict[str, Event]:
    return {e.data["item"]: e for e in events if e.type == "delivered"
            and (source is None or e.data["source"] == source)}


def outcomes(events: list[Event], inject: str) -> list[tuple[str, float]]:
    return [(e.data["status"], e.t) for e in events
            if e.type == "expectation" and e.data["inject"] == inject]


REPLY_A = ActionRequest("reply", ("a",), "Vi jobber med saken i Bakkeby")


# --- clock ---------------------------------------------------------------------------


def test_clock_scales_pauses_and_changes_speed() -> None:
    real = ManualTime()
    clock = ScenarioClock(source=real)
    clock.start()
    real.advance(10)
    assert clock.now() == 10
    clock.set_speed(4)
    real.advance(10)
    assert clock.now() == 50  # 10 at 1x, then 40 at 4x
    clock.pause()
    real.advance(100)
    assert clock.now() == 50  # frozen while paused
    clock.start()
    real.advance(1)
    assert clock.now() == 54
    with pytest.raises(ClockError):
        clock.set_speed(25)
    with pytest.raises(ClockError):
        clock.set_speed(0.1)
    with pytest.raises(ClockError):
        clock.start()  # already running


def test_engine_pause_freezes_time_and_delivery(tmp_path: Path) -> None:
    engine = make(tmp_path)
    real = engine.clock.source
    real.advance(90)  # type: ignore[attr-defined]
    first = engine.pump()
    assert "a" in {e.data.get("item") for e in first}
    engine.pause()
    frozen = engine.now()
    real.advance(600)  # type: ignore[attr-defined]
    assert engine.now() == frozen
    assert [e for e in engine.pump() if e.type == "delivered"] == []
    engine.resume()
    engine.set_speed(10)
    real.advance(6)  # type: ignore[attr-defined]
    assert engine.now() == pytest.approx(frozen + 60)
    ops = [(e.data["op"], e.data["speed"]) for e in engine.store.events() if e.type == "clock"]
    assert ops == [("start", 1.0), ("pause", 1.0), ("resume", 1.0), ("speed", 10.0)]


# --- triggers and deadlines ----------------------------------------------------------


def test_delivered_and_met_triggers(tmp_path: Path) -> None:
    events = run(make(tmp_path), [(180, REPLY_A)])
    items = delivered(events)
    assert items["b"].t == 60 + 30  # delivered + 30s delay
    assert items["c"].t == 180 + 60  # met at 3m, + 1m delay
    assert "d" not in items  # a was not missed
    assert outcomes(events, "a") == [("met", 180)]


def test_missed_trigger_fires_at_the_deadline(tmp_path: Path) -> None:
    events = run(make(tmp_path))
    items = delivered(events)
    assert items["d"].t == 60 + 300  # missed at its deadline, no delay
    assert "c" not in items
    assert outcomes(events, "a") == [("missed", 360)]


def test_late_counts_as_missed_for_triggers(tmp_path: Path) -> None:
    events = run(make(tmp_path), [(420, REPLY_A)])
    items = delivered(events)
    assert outcomes(events, "a") == [("missed", 360), ("late", 420)]
    assert items["d"].t == 360 and "c" not in items


@pytest.mark.parametrize(("at", "expected"), [
    (359.999, [("met", 359.999)]),
    (360, [("met", 360)]),  # the deadline second itself is in time
    (360.001, [("missed", 360), ("late", 360.001)]),
])
def test_deadline_boundary(tmp_path: Path, at: float, expected: list) -> None:
    engine = make(tmp_path)
    engine.advance_to(at)
    engine.act(REPLY_A, t=at)
    engine.advance_to(engine.scenario.duration)
    events = list(engine.store.events())
    assert outcomes(events, "a") == expected


def test_mention_is_required_and_case_insensitive(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(120)
    engine.act(ActionRequest("reply", ("a",), "Vi jobber med saken"), t=120)
    engine.act(ActionRequest("reply", ("a",), "Status for BAKKEBY kommer"), t=130)
    assert outcomes(list(engine.store.events()), "a") == [("met", 130)]


def test_flag_needs_the_right_label(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(150)
    engine.act(ActionRequest("flag", ("rumour",), label="valid"), t=150)
    engine.act(ActionRequest("flag", ("rumour",), label="misleading"), t=160)
    assert outcomes(list(engine.store.events()), "rumour") == [("met", 160)]


def test_actions_on_undelivered_or_unknown_items_are_refused(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(30)
    with pytest.raises(ActionError, match="not been delivered yet"):
        engine.act(REPLY_A, t=30)
    with pytest.raises(ActionError, match="no item 'zzz'"):
        engine.act(ActionRequest("hide", ("zzz",)), t=30)
    with pytest.raises(ActionError, match="not been delivered yet"):
        engine.act(ActionRequest("hide", ("prat-99999",)), t=30)
    with pytest.raises(ActionError, match="needs 'label'"):
        engine.act(ActionRequest("flag", ("prat-1",)), t=30)
    assert [e for e in engine.store.events() if e.type == "action"] == []


# --- guidelines ----------------------------------------------------------------------


def test_guideline_findings(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(200)  # b (private, with phone and e-mail) and police have arrived
    text = ("Antall døde er ukjent. Kontakt 91234567 eller KARI@example.no. "
            "Politiet: 22 33 44 55. Fnr 01019912345.")
    engine.act(ActionRequest("statement", (), text), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    rules = sorted((f["rule"], f["match"]) for f in action.data["findings"])
    assert rules == [("avoid", "antall døde"), ("email", "KARI@example.no"),
                     ("national_id", "01019912345"), ("phone", "91234567")]
    # The police number came from an agency, not a private person: no finding.
    assert not any("22 33" in f["match"] for f in action.data["findings"])


def test_texts_without_breaches_have_no_findings(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(200)
    engine.act(ActionRequest("statement", (), "Vi følger situasjonen i Bakkeby."), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    assert action.data["findings"] == []


# --- reach ---------------------------------------------------------------------------


def test_reach_stops_growing_once_a_rumour_is_corrected(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(600)
    before = engine.views("rumour", 400)[0]
    assert before == views_at(10000, 120, 400) > 0
    engine.act(ActionRequest("flag", ("rumour",), label="misleading"), t=300)
    assert engine.views("rumour", 1200)[0] > engine.views("rumour", 600)[0]  # not yet
    engine.act(ActionRequest("reply", ("rumour",), "Dammen er ikke brutt"), t=600)
    at_correction = views_at(10000, 120, 600)
    [corrected] = [e for e in engine.store.events() if e.type == "corrected"]
    assert corrected.t == 600 and corrected.data == {"item": "rumour",
                                                     "views": at_correction}
    assert engine.views("rumour", 1800)[0] == at_correction
    likes, shares = engine.views("rumour", 1800)[1:]
    assert likes > 0 and shares > 0


def test_an_uncorrected_rumour_keeps_spreading(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(600)
    engine.act(ActionRequest("reply", ("rumour",), "Dammen er ikke brutt"), t=600)
    assert engine.views("rumour", 1800)[0] > engine.views("rumour", 600)[0]


# --- determinism ---------------------------------------------------------------------


def _deliveries(events: list[Event]) -> list[tuple]:
    return [(e.data["item"], e.t, e.data["author"], e.data["name"], e.data["text"],
             e.data["truth"]) for e in events if e.type == "delivered"]


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_same_seed_same_exercise(tmp_path_factory: pytest.TempPathFactory, seed: int) -> None:
    folder = tmp_path_factory.mktemp("det")
    actions = [(180, REPLY_A)]
    first = run(make(folder, seed, "1.sqlite"), actions)
    second = run(make(folder, seed, "2.sqlite"), actions)
    assert _deliveries(first) == _deliveries(second)
    other = run(make(folder, seed + 1, "3.sqlite"), actions)
    assert _deliveries(delivered_noise(other)) != _deliveries(delivered_noise(first))


def delivered_noise(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type == "delivered" and e.data["source"] == "noise"]


def test_noise_is_in_the_scenario_language(tmp_path: Path) -> None:
    events = run(make(tmp_path))
    noise = delivered_noise(events)
    assert len(noise) > 50
    assert all(e.data["text"] for e in noise)
    assert not any("{" in e.data["text"] for e in noise)
    assert {e.data["item"] for e in noise} == {f"prat-{n}" for n in range(1, len(noise) + 1)}


# --- restore -------------------------------------------------------------------------


def test_restore_continues_exactly_like_an_uninterrupted_run(tmp_path: Path) -> None:
    actions = [(180, REPLY_A), (900, ActionRequest("flag", ("rumour",), label="misleading")),
               (1500, ActionRequest("note", (), "Godt jobbet"))]
    whole = run(make(tmp_path, 5, "whole.sqlite"), actions)

    first_half = make(tmp_path, 5, "half.sqlite")
    first_half.schedule([ScriptedAction(int(at), r) for at, r in actions if at <= 1000])
    first_half.advance_to(1000)
    first_half.flush()
    first_half.store.close()  # the process stops here, as if killed

    store = SessionStore.open(tmp_path / "half.sqlite")
    restored = Engine.restore(store, clock=virtual_clock())
    assert not restored.clock.running and restored.now() == pytest.approx(
        max(e.t for e in SessionStore.open(tmp_path / "half.sqlite").events()))
    rest = run(restored, [(at, r) for at, r in actions if at > 1000])
    assert _deliveries(rest) == _deliveries(whole)
    assert [(e.type, e.t) for e in rest] == [(e.type, e.t) for e in whole]


def test_restore_of_an_interactive_run(tmp_path: Path) -> None:
    real = ManualTime()
    engine = make(tmp_path, 9, "live.sqlite")
    engine.clock = ScenarioClock(source=real)
    engine.clock.start()
    for _ in range(10):
        real.advance(20)
        engine.pump()
    engine.act(REPLY_A)
    engine.set_speed(5)
    real.advance(30)
    engine.pump()
    engine.store.close()

    restored = Engine.restore(SessionStore.open(tmp_path / "live.sqlite"),
                              clock=virtual_clock())
    reference = make(tmp_path, 9, "ref.sqlite")
    reference.advance_to(200)
    reference.act(REPLY_A, t=200)
    assert restored.clock.speed == 5
    restored.advance_to(1800)
    reference.advance_to(1800)
    later = [e for e in restored.flush() if e.type == "delivered"]
    expected = [e for e in reference.flush() if e.type == "delivered" and e.t > 350]
    assert _deliveries(later) == _deliveries(expected)
    assert len(later) > 10


def test_restore_detects_a_log_from_another_exercise(tmp_path: Path) -> None:
    engine = make(tmp_path, 3, "x.sqlite")
    engine.advance_to(600)
    engine.flush()
    engine.store.close()
    import sqlite3

    conn = sqlite3.connect(tmp_path / "x.sqlite")
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'seed'")
    conn.commit()
    conn.close()
    from simulator.engine.engine import RestoreError

    with pytest.raises(RestoreError, match="differs from the replay"):
        Engine.restore(SessionStore.open(tmp_path / "x.sqlite"), clock=virtual_clock())


def test_public_numbers_are_not_personal_data(tmp_path: Path) -> None:
    # The hotline is a scenario variable; a citizen repeating it does not make it private.
    text = SCENARIO.replace("variables: {sted: Bakkeby}",
                            "variables: {sted: Bakkeby, hotline: '800 11 222'}").replace(
        'text: "Ring meg på 912 34 567 eller kari@example.no"',
        'text: "Ring meg på 912 34 567, eller hotline 800 11 222"')
    engine = make(tmp_path, text=text)
    engine.advance_to(200)
    engine.act(ActionRequest("statement", (), "Ring 800 11 222 eller 912 34 567"), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    assert [f["match"] for f in action.data["findings"]] == ["912 34 567"]
