"""Variables that change: counts revised as the exercise goes, in every text that uses them.

Engines on virtual clocks writing real session files; the scenario checked as a planner's
file is."""

from __future__ import annotations

from pathlib import Path

from simulator.engine.actions import ActionRequest, ScriptedAction
from simulator.engine.engine import Engine
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import check_text, load_scenario_text
from tests.helpers import MINIMAL

MOVING = (
    MINIMAL.replace(
        "variables:\n  sted: Bakkeby\n",
        """variables:
  sted: Bakkeby
  savnede:
    - {at: 0m, value: "26"}
    - {at: 10m, value: "18"}
    - {after: {met: oppdatering}, value: "10"}
""",
    )
    + """\
  - id: tidlig
    at: 5m
    from: avisa
    kind: news
    text: "{savnede} savnet i {sted}"
  - id: senere
    at: 12m
    from: avisa
    kind: news
    text: "Nå {savnede} savnet"
  - id: oppdatering
    at: 14m
    from: avisa
    kind: press
    text: "Stemmer det at {savnede} er savnet?"
    expect:
      - do: reply
        within: 5m
  - id: etter
    after: {met: oppdatering}
    from: avisa
    kind: news
    text: "Tallet er nedjustert til {savnede}"
"""
)

ANSWER = ActionRequest("reply", ("oppdatering",), "Politiet opplyser at {savnede} er savnet.")


def _run(folder: Path, name: str, actions: list[tuple[int, ActionRequest]]) -> list[Event]:
    engine = new_session(
        load_scenario_text(MOVING, "moving.yaml"), 2, folder / name, clock=virtual_clock()
    )
    engine.start()
    engine.schedule([ScriptedAction(at, request) for at, request in actions])
    engine.advance_to(engine.scenario.duration)
    engine.end()
    assert engine.store is not None
    return list(engine.store.events())


def _texts(events: list[Event]) -> dict[str, str]:
    return {e.data["item"]: e.data["text"] for e in events if e.type == "delivered"}


def test_a_count_is_revised_at_a_time_and_when_something_happens(tmp_path: Path) -> None:
    events = _run(tmp_path, "s.sqlite", [(16 * 60, ANSWER)])
    texts = _texts(events)
    assert texts["tidlig"] == "26 savnet i Bakkeby"
    assert texts["senere"] == "Nå 18 savnet"
    assert texts["oppdatering"] == "Stemmer det at 18 er savnet?"
    # The team's answer, written while the count was 18, meets the question: from then on
    # the count is 10, in what comes after.
    team = [e.data["text"] for e in events if e.type == "delivered" and e.data["source"] == "team"]
    assert team == ["Politiet opplyser at 18 er savnet."]
    assert texts["etter"] == "Tallet er nedjustert til 10"


def test_a_change_that_waits_on_the_team_restores_exactly(tmp_path: Path) -> None:
    later = [(16 * 60, ANSWER), (25 * 60, ActionRequest("statement", (), "{savnede} savnet."))]
    whole = _run(tmp_path, "whole.sqlite", later)
    team = [e.data["text"] for e in whole if e.type == "delivered" and e.data["source"] == "team"]
    assert team[-1] == "10 savnet."
    engine = new_session(
        load_scenario_text(MOVING, "moving.yaml"),
        2,
        tmp_path / "half.sqlite",
        clock=virtual_clock(),
    )
    engine.start()
    engine.schedule([ScriptedAction(at, r) for at, r in later if at < 20 * 60])
    engine.advance_to(20 * 60)
    engine.flush()
    assert engine.store is not None
    engine.store.close()
    restored = Engine.restore(SessionStore.open(tmp_path / "half.sqlite"), clock=virtual_clock())
    restored.schedule([ScriptedAction(at, r) for at, r in later if at >= 20 * 60])
    restored.advance_to(restored.scenario.duration)
    restored.end()
    assert restored.store is not None
    rest = list(restored.store.events())
    assert [(e.type, e.t, e.data) for e in rest if e.t > 0] == [
        (e.type, e.t, e.data) for e in whole if e.t > 0
    ]


def _findings(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in check_text(text, "moving.yaml").findings]


def test_a_moving_variable_starts_at_the_start_and_waits_on_an_inject_that_exists() -> None:
    assert _findings(MOVING) == []
    late_start = MOVING.replace('- {at: 0m, value: "26"}', '- {at: 2m, value: "26"}')
    [(line, message)] = _findings(late_start)
    assert "starts with its value at the start" in message
    assert line == late_start.splitlines().index('    - {at: 2m, value: "26"}') + 1
    both = MOVING.replace(
        '- {at: 10m, value: "18"}', '- {at: 10m, after: {met: first}, value: "18"}'
    )
    [(_, message)] = _findings(both)
    assert "needs either 'at' (a time) or 'after'" in message
    unknown = MOVING.replace("{after: {met: oppdatering}", "{after: {met: oppdatring}")
    [(_, message)] = _findings(unknown)
    assert (
        "'after' waits on 'oppdatring', which is not an inject; did you mean 'oppdatering'?"
        in message
    )
