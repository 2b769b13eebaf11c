"""Bursts: a noise stream that surges when something happens to an inject, and falls back.

Engines on virtual clocks writing real session files; restore from the file."""

from __future__ import annotations

from pathlib import Path

from simulator.engine.actions import ActionRequest, ScriptedAction
from simulator.engine.engine import Engine
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import load_scenario_text
from tests.helpers import scenario_text

# Chatter at 12 a minute; national news at 10 minutes sets off a burst of 5 times for 5
# minutes; the first post left unanswered past its deadline (16 minutes), 3 times for 5.
BURSTS = scenario_text("""\
noise:
  - id: prat
    authors: {role: citizen, count: 200}
    rate: [{at: 0m, per_minute: 12}, {at: 30m, per_minute: 12}]
    mix: {valid: 1}
    texts: {valid: ["Ser du nyhetene om {sted}?"]}
    burst:
      - when: {delivered: nyheter}
        factor: 5
        for: 5m
      - when: {missed: first}
        factor: 3
""").replace(
    "injects:\n",
    """injects:
  - id: nyheter
    at: 10m
    from: avisa
    kind: news
    text: "Direkte: ras i {sted}"
""",
)


def _engine(folder: Path, name: str, seed: int = 4) -> Engine:
    engine = new_session(
        load_scenario_text(BURSTS, "burst.yaml"), seed, folder / name, clock=virtual_clock()
    )
    engine.start()
    return engine


def _run(engine: Engine, actions: list[tuple[int, ActionRequest]] = ()) -> list[Event]:
    engine.schedule([ScriptedAction(at, request) for at, request in actions])
    engine.advance_to(engine.scenario.duration)
    engine.end()
    assert engine.store is not None
    return list(engine.store.events())


def _chatter(events: list[Event], start: float, end: float) -> int:
    return sum(
        1
        for e in events
        if e.type == "delivered" and e.data["source"] == "noise" and start <= e.t < end
    )


ANSWER_FIRST = [(6 * 60, ActionRequest("reply", ("first",), "Raset i Bakkeby er under kontroll."))]


def test_big_news_sets_off_a_burst_that_falls_back(tmp_path: Path) -> None:
    events = _run(_engine(tmp_path, "s.sqlite"), ANSWER_FIRST)
    before = _chatter(events, 5 * 60, 10 * 60)  # about 60 at 12 a minute
    during = _chatter(events, 10 * 60, 15 * 60)  # about 300
    after = _chatter(events, 15 * 60, 20 * 60)  # about 60 again
    assert 40 < before < 80 and 40 < after < 80
    assert during > 3.5 * max(before, after)
    ids = [e.data["item"] for e in events if e.type == "delivered" and e.data["source"] == "noise"]
    assert ids == [f"prat-{n}" for n in range(1, len(ids) + 1)]  # one stream, one count


def test_a_burst_waits_on_what_the_team_does(tmp_path: Path) -> None:
    answered = _run(_engine(tmp_path, "answered.sqlite"), ANSWER_FIRST)
    missed = _run(_engine(tmp_path, "missed.sqlite"))
    [deadline] = [
        e.t
        for e in missed
        if e.type == "expectation" and e.data["inject"] == "first" and e.data["status"] == "missed"
    ]
    window = (deadline, deadline + 5 * 60)
    assert _chatter(missed, *window) > 2 * _chatter(answered, *window)
    # Before the deadline both exercises are the same, item for item.
    early = [(e.t, e.data) for e in answered if e.type == "delivered" and e.t < 6 * 60]
    assert early == [(e.t, e.data) for e in missed if e.type == "delivered" and e.t < 6 * 60]


def test_a_burst_is_the_same_for_a_seed_and_restores_exactly(tmp_path: Path) -> None:
    whole = _run(_engine(tmp_path, "whole.sqlite"))
    again = _run(_engine(tmp_path, "again.sqlite"))
    assert [(e.type, e.t, e.data) for e in again] == [(e.type, e.t, e.data) for e in whole]

    half = _engine(tmp_path, "half.sqlite")
    half.advance_to(12 * 60)  # in the middle of the first burst
    half.flush()
    assert half.store is not None
    half.store.close()
    restored = Engine.restore(SessionStore.open(tmp_path / "half.sqlite"), clock=virtual_clock())
    rest = _run(restored)
    assert [(e.type, e.t, e.data) for e in rest if e.t > 0] == [
        (e.type, e.t, e.data) for e in whole if e.t > 0
    ]
