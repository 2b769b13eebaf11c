"""The engine's semantics: clock, triggers, deadlines, guidelines, reach, determinism,
restore. Time is virtual throughout; sessions are real SQLite files."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.engine.actions import ActionError, ActionRequest, ScriptedAction
from simulator.engine.clock import ClockError, ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.guidelines import _PHONE, _phone_key
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


def make(tmp_path: Path, seed: int = 1, name: str = "s.sqlite", text: str = SCENARIO) -> Engine:
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
    return {
        e.data["item"]: e
        for e in events
        if e.type == "delivered" and (source is None or e.data["source"] == source)
    }


def outcomes(events: list[Event], inject: str) -> list[tuple[str, float]]:
    return [
        (e.data["status"], e.t)
        for e in events
        if e.type == "expectation" and e.data["inject"] == inject
    ]


REPLY_A = ActionRequest("reply", ("a",), "Vi jobber med saken i Bakkeby")
STATEMENT = ActionRequest("statement", (), "Møt opp på Bakkeby skole kl. 14:00", channel="social")


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


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (359.999, [("met", 359.999)]),
        (360, [("met", 360)]),  # the deadline second itself is in time
        (360.001, [("missed", 360), ("late", 360.001)]),
    ],
)
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
    text = (
        "Antall døde er ukjent. Kontakt 91234567 eller KARI@example.no. "
        "Politiet: 22 33 44 55. Fnr 01019912345."
    )
    engine.act(ActionRequest("statement", (), text), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    rules = sorted((f["rule"], f["match"]) for f in action.data["findings"])
    assert rules == [
        ("avoid", "antall døde"),
        ("email", "KARI@example.no"),
        ("national_id", "01019912345"),
        ("phone", "91234567"),
    ]
    # The police number came from an agency, not a private person: no finding.
    assert not any("22 33" in f["match"] for f in action.data["findings"])


def test_texts_without_breaches_have_no_findings(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(200)
    engine.act(ActionRequest("statement", (), "Vi følger situasjonen i Bakkeby."), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    assert action.data["findings"] == []


# --- reach ---------------------------------------------------------------------------


def test_a_corrected_rumour_fades_instead_of_spreading(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(600)
    before = engine.views("rumour", 400)[0]
    assert before == views_at(10000, 120, 400) > 0
    engine.act(ActionRequest("flag", ("rumour",), label="misleading"), t=300)
    assert engine.views("rumour", 1200)[0] > engine.views("rumour", 600)[0]  # not yet
    engine.act(ActionRequest("reply", ("rumour",), "Dammen er ikke brutt"), t=600)
    at_correction = views_at(10000, 120, 600)
    [corrected] = [e for e in engine.store.events() if e.type == "corrected"]
    assert corrected.t == 600 and corrected.data == {"item": "rumour", "views": at_correction}
    # Shared less and less: it grows on for a while, then stands still, far below where
    # the same rumour left alone goes.
    later, end = engine.views("rumour", 1800)[0], engine.views("rumour", 5400)[0]
    assert at_correction < later <= end
    assert end - later < (later - at_correction) / 100
    assert end < 0.6 * views_at(10000, 120, 5400)
    likes, shares = engine.views("rumour", 1800)[1:]
    assert likes > 0 and shares > 0


def test_an_uncorrected_rumour_keeps_spreading(tmp_path: Path) -> None:
    engine = make(tmp_path)
    engine.advance_to(600)
    engine.act(ActionRequest("reply", ("rumour",), "Dammen er ikke brutt"), t=600)
    assert engine.views("rumour", 1800)[0] > engine.views("rumour", 600)[0]


# --- determinism ---------------------------------------------------------------------


def _deliveries(events: list[Event]) -> list[tuple]:
    return [
        (e.data["item"], e.t, e.data["author"], e.data["name"], e.data["text"], e.data["truth"])
        for e in events
        if e.type == "delivered"
    ]


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
    actions = [
        (180, REPLY_A),
        # The public's reactions to it run on past the interruption, and past the end.
        (700, ActionRequest("statement", (), "Vi vet ingenting om raset", channel="social")),
        (900, ActionRequest("flag", ("rumour",), label="misleading")),
        (1500, ActionRequest("note", (), "Godt jobbet")),
    ]
    whole = run(make(tmp_path, 5, "whole.sqlite"), actions)

    first_half = make(tmp_path, 5, "half.sqlite")
    first_half.schedule([ScriptedAction(int(at), r) for at, r in actions if at <= 1000])
    first_half.advance_to(1000)
    first_half.flush()
    first_half.store.close()  # the process stops here, as if killed

    store = SessionStore.open(tmp_path / "half.sqlite")
    restored = Engine.restore(store, clock=virtual_clock())
    assert not restored.clock.running and restored.now() == pytest.approx(
        max(e.t for e in SessionStore.open(tmp_path / "half.sqlite").events())
    )
    rest = run(restored, [(at, r) for at, r in actions if at > 1000])
    assert _deliveries(rest) == _deliveries(whole)
    assert [(e.type, e.t) for e in rest] == [(e.type, e.t) for e in whole]
    reactions = [e.data for e in rest if e.data.get("source") == "reaction"]
    assert [r["tone"] for r in reactions] == [
        e.data["tone"] for e in whole if e.data.get("source") == "reaction"
    ]
    assert min(e.t for e in rest if e.data.get("source") == "reaction") < 1000
    assert max(e.t for e in rest if e.data.get("source") == "reaction") > 1000


def test_restore_of_an_interactive_run(tmp_path: Path) -> None:
    real = ManualTime()
    engine = make(tmp_path, 9, "live.sqlite")
    engine.clock = ScenarioClock(source=real)
    engine.clock.start()
    for _ in range(10):
        real.advance(20)
        engine.pump()
    engine.act(REPLY_A)
    engine.act(STATEMENT)
    engine.set_speed(5)
    real.advance(30)
    engine.pump()
    engine.store.close()

    restored = Engine.restore(SessionStore.open(tmp_path / "live.sqlite"), clock=virtual_clock())
    reference = make(tmp_path, 9, "ref.sqlite")
    reference.advance_to(200)
    reference.act(REPLY_A, t=200)
    reference.act(STATEMENT, t=200)
    assert restored.clock.speed == 5
    restored.advance_to(1800)
    reference.advance_to(1800)
    later = [e for e in restored.flush() if e.type == "delivered"]
    expected = [e for e in reference.flush() if e.type == "delivered" and e.t > 350]
    assert _deliveries(later) == _deliveries(expected)
    assert len(later) > 10
    assert any(e.data["source"] == "reaction" for e in later)


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
    text = SCENARIO.replace(
        "variables: {sted: Bakkeby}", "variables: {sted: Bakkeby, hotline: '800 11 222'}"
    ).replace(
        'text: "Ring meg på 912 34 567 eller kari@example.no"',
        'text: "Ring meg på 912 34 567, eller hotline 800 11 222"',
    )
    engine = make(tmp_path, text=text)
    engine.advance_to(200)
    engine.act(ActionRequest("statement", (), "Ring 800 11 222 eller 912 34 567"), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    assert [f["match"] for f in action.data["findings"]] == ["912 34 567"]


# --- a scripted team's fake values ---------------------------------------------------

FAKE_INJECT = SCENARIO.replace(
    '''    text: "Takk, oppfølging"''',
    '''    text: "Takk, oppfølging"
  - id: fake-late
    at: 10m
    from: kari
    kind: post
    text: "{fake.first_name} {fake.last_name} ringer {fake.phone_number}"''',
)
FAKE_ACTION = ActionRequest("statement", (), "Hilsen {fake.first_name} i {sted}")


def test_fake_values_in_actions_leave_the_injects_alone_and_restore(tmp_path: Path) -> None:
    quiet = run(make(tmp_path, 4, "quiet.sqlite", text=FAKE_INJECT))
    loud = make(tmp_path, 4, "loud.sqlite", text=FAKE_INJECT)
    loud.schedule([ScriptedAction(120, FAKE_ACTION), ScriptedAction(240, FAKE_ACTION)])
    loud.advance_to(900)
    loud.flush()
    loud.store.close()

    restored = Engine.restore(SessionStore.open(tmp_path / "loud.sqlite"), clock=virtual_clock())
    events = run(restored)
    texts = [e.data["text"] for e in events if e.type == "action"]
    assert len(texts) == 2 and not any("{" in t for t in texts)
    assert all(t.startswith("Hilsen ") and t.endswith(" i Bakkeby") for t in texts)
    # The same injects as a run where nobody acted.
    injects = {k: e.data["text"] for k, e in delivered(events, "inject").items()}
    assert injects == {k: e.data["text"] for k, e in delivered(quiet, "inject").items()}
    assert "{" not in injects["fake-late"]


def test_fake_values_in_actions_are_the_same_when_scheduled_in_parts(tmp_path: Path) -> None:
    actions = [ScriptedAction(120, FAKE_ACTION), ScriptedAction(1200, FAKE_ACTION)]
    whole = run(make(tmp_path, 6, "whole.sqlite"), [(a.at, a.request) for a in actions])
    parts = make(tmp_path, 6, "parts.sqlite")
    parts.schedule(actions[:1])
    parts.schedule(actions[1:])
    split = run(parts)

    def texts(events: list[Event]) -> list[str]:
        return [e.data["text"] for e in events if e.type == "action"]

    assert texts(split) == texts(whole)


# --- an exercise the facilitator ended early -------------------------------------------


def test_restore_of_a_session_ended_early_by_the_facilitator(tmp_path: Path) -> None:
    engine = make(tmp_path, 2, "early.sqlite")
    engine.clock.source.advance(700.5)  # type: ignore[attr-defined]
    engine.pump()
    engine.act(ActionRequest("flag", ("rumour",), label="misleading"))
    ended = engine.end("ended by facilitator")
    engine.store.close()
    assert [(e.type, e.t) for e in ended] == [("session_end", 700.5)]

    store = SessionStore.open(tmp_path / "early.sqlite")
    restored = Engine.restore(store, clock=virtual_clock())
    assert restored.ended
    assert restored.now() == 700.5
    assert restored.summary() == engine.summary()
    assert restored.pump() == []  # an ended exercise delivers nothing more
    assert restored.end() == []  # it stays ended: nothing more is written


def test_restore_of_a_session_ended_early_with_expectations_open(tmp_path: Path) -> None:
    engine = make(tmp_path, 2, "open.sqlite")
    engine.clock.source.advance(90)  # type: ignore[attr-defined]  a is open until 360
    engine.end("ended by facilitator")
    engine.store.close()
    logged = list(SessionStore.open(tmp_path / "open.sqlite").events())
    assert [(e.data["inject"], e.t) for e in logged if e.data.get("at_end")] == [("a", 90)]

    restored = Engine.restore(SessionStore.open(tmp_path / "open.sqlite"), clock=virtual_clock())
    assert restored.ended and restored.now() == 90
    # a's deadline (360) lies after the end (90): not reached, and restored as such
    assert (restored.summary().not_reached, restored.summary().missed) == (1, 0)


def test_a_session_recorded_before_not_reached_restores_and_reads_it_as_not_reached(
    tmp_path: Path,
) -> None:
    engine = make(tmp_path, 2, "old.sqlite")
    engine.clock.source.advance(90)  # type: ignore[attr-defined]
    engine.end("ended by facilitator")
    engine.store.close()
    # Written as earlier versions wrote it: "missed" at the end, before its deadline.
    conn = sqlite3.connect(tmp_path / "old.sqlite")
    with conn:
        conn.execute(
            "UPDATE events SET data = replace(data, '\"not_reached\"', '\"missed\"')"
            " WHERE type = 'expectation'"
        )
    conn.close()
    restored = Engine.restore(SessionStore.open(tmp_path / "old.sqlite"), clock=virtual_clock())
    assert restored.summary().not_reached == 1
    restored.store.close()  # type: ignore[union-attr]
    from simulator.scoring.metrics import score_session

    [a] = [e for e in score_session(tmp_path / "old.sqlite").expectations if e.inject == "a"]
    assert a.status == "not_reached"


# --- private phone numbers -----------------------------------------------------------

PHONE_SCENARIO = SCENARIO.replace(
    '"Ring meg på 912 34 567 eller kari@example.no"', '"Ring meg på NUMBER"'
)


@pytest.mark.parametrize(
    "written",
    [
        "91417776",
        "91 41 77 76",
        "914 17 776",
        "+47 91 41 77 76",
        "+4791417776",
        "0047 91 41 77 76",
        "91-41-77-76",
        "+47 914 17 776",
    ],
)
@pytest.mark.parametrize("repeated", ["91417776", "91 41 77 76", "+47 914 17 776"])
def test_norwegian_phone_numbers_in_every_usual_form_are_private(
    tmp_path: Path, written: str, repeated: str
) -> None:
    engine = make(tmp_path, text=PHONE_SCENARIO.replace("NUMBER", written))
    engine.advance_to(200)  # b, the citizen's post, came at 90
    engine.act(ActionRequest("statement", (), f"Kari kan nås på {repeated}."), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    assert action.data["findings"] == [{"rule": "phone", "match": repeated}]


@pytest.mark.parametrize(
    "text",
    [
        "Møte kl 14:30, så kl 14.45",
        "Dato 26.11.2026 og 2026-11-26",
        "Siden 1999 og 2026",
        "120 evakuerte, 12 500 000 kroner",
        "Fnr 01019912345",
        "Vi er 10 til 20 stykker",
        "Fra 2025 til 2026 - 30 saker",
    ],
)
def test_times_dates_years_and_counts_are_not_phone_numbers(tmp_path: Path, text: str) -> None:
    engine = make(tmp_path, text=PHONE_SCENARIO.replace("NUMBER", text))
    engine.advance_to(200)
    assert engine.guide.phones == set()
    engine.act(ActionRequest("statement", (), text), t=200)
    [action] = [e for e in engine.store.events() if e.type == "action"]
    assert [f for f in action.data["findings"] if f["rule"] == "phone"] == []


def test_the_teams_own_text_never_makes_a_private_number_public(tmp_path: Path) -> None:
    engine = make(tmp_path, text=PHONE_SCENARIO.replace("NUMBER", "91 41 77 76"))
    engine.advance_to(200)
    engine.act(ActionRequest("reply", ("b",), "Vi ringer deg på 91 41 77 76"), t=200)
    engine.act(ActionRequest("statement", (), "Kari: 91417776"), t=300)
    findings = [e.data["findings"] for e in engine.store.events() if e.type == "action"]
    assert findings == [
        [{"rule": "phone", "match": "91 41 77 76"}],
        [{"rule": "phone", "match": "91417776"}],
    ]
    # The police's number stays public, and a restore learns the same.
    engine.act(ActionRequest("statement", (), "Politiet: 22 33 44 55"), t=310)
    engine.store.close()
    restored = Engine.restore(SessionStore.open(tmp_path / "s.sqlite"), clock=virtual_clock())
    assert restored.guide.phones == {"91417776"}
    assert "91417776" not in restored.guide.public_phones
    assert "22334455" in restored.guide.public_phones


CROWD_NUMBERS = SCENARIO.replace(
    "mix: {valid: 3, misleading: 1, irrelevant: 1}", "mix: {valid: 3, sensitive: 3}"
).replace(
    '      irrelevant: ["Fint vær"]\n',
    '      irrelevant: ["Fint vær"]\n'
    '      sensitive: ["{Ring|Send til} {fake.first_name} på {fake.phone_number}",'
    ' "{fake.email}"]\n',
)


def test_the_crowds_numbers_and_addresses_are_learned_as_private(tmp_path: Path) -> None:
    # The crowd's posts teach the checker the numbers and addresses they carry, from fake
    # values in either option of a choice; the clock in "Ras i Bakkeby kl 08:05" is no
    # number to learn.
    engine = make(tmp_path, text=CROWD_NUMBERS)
    texts = [e.data["text"] for e in delivered(run(engine)).values() if e.data["role"] == "citizen"]
    phones = {_phone_key(m.group(0)) for t in texts for m in _PHONE.finditer(t)}
    emails = {m.lower() for t in texts for m in re.findall(r"\S+@\S+", t)}
    assert any(" kl " in t for t in texts) and phones and emails
    assert engine.guide.phones == phones
    assert engine.guide.emails == emails
    number = sorted(phones)[0]
    late = make(tmp_path, text=CROWD_NUMBERS, name="late.sqlite")
    late.advance_to(1799)
    late.act(ActionRequest("statement", (), f"Ring {number}"), t=1799)
    assert late.store is not None
    [action] = [e for e in late.store.events() if e.type == "action"]
    assert {"rule": "phone", "match": number} in action.data["findings"]


# --- actions after the end -----------------------------------------------------------


def test_an_action_after_the_end_is_refused_when_scheduled(tmp_path: Path) -> None:
    from simulator.engine.engine import ScriptedActionError

    engine = make(tmp_path)
    at_end = ScriptedAction(1800, ActionRequest("note", (), "Siste sekund"), line=3)
    late = ScriptedAction(1801, REPLY_A, line=7)
    with pytest.raises(ScriptedActionError) as caught:
        engine.schedule([at_end, late])
    assert caught.value.action is late
    message = str(caught.value)
    assert "T+30:01" in message and "'reply' to 'a'" in message and "T+30:00" in message
    # Nothing was queued, not even the action in time.
    events = run(engine)
    assert [e for e in events if e.type in ("action", "note")] == []
    engine2 = make(tmp_path, name="t.sqlite")
    events = run(engine2, [(1800, ActionRequest("note", (), "Siste sekund"))])
    assert [(e.type, e.t) for e in events if e.type == "note"] == [("note", 1800)]


# --- pausing and changing speed while real time runs on -------------------------------


class _RunningTime:
    """Real time that moves on between any two readings, as it does on a busy machine."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_a_pause_or_speed_change_is_logged_where_delivery_stopped(tmp_path: Path) -> None:
    loaded = load_scenario_text(SCENARIO, "trig.yaml")
    engine = new_session(
        loaded, 1, tmp_path / "busy.sqlite", clock=ScenarioClock(source=_RunningTime(2.0))
    )
    engine.start()
    for k in range(40):
        engine.pump()
        if k % 3 == 0:
            engine.pause()
            engine.resume()
        if k % 5 == 0:
            engine.set_speed(2 if k % 10 else 1)
    engine.pause()
    engine.store.close()
    events = list(SessionStore.open(tmp_path / "busy.sqlite").events())
    # Nothing is logged after a pause or speed change that was due before it.
    for n, event in enumerate(events):
        if event.type == "clock" and event.data["op"] in ("pause", "speed"):
            assert all(e.t > event.t for e in events[n + 1 :] if e.type == "delivered")
    restored = Engine.restore(SessionStore.open(tmp_path / "busy.sqlite"), clock=virtual_clock())
    assert restored.now() == events[-1].t
