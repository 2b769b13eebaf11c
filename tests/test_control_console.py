"""The control cell's console against a real host of two teams on real session files,
the host in the console's own event loop as in the host's terminal: its keys steer both
teams, an ad-hoc item goes to one team or to all, the teams' table follows each team's
log, and an observer's console of one team cannot steer. Nothing sleeps: each test waits
for what it expects."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulator.engine.store import Event
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.folder import Exercise, create
from simulator.exercise.host import Host
from simulator.scenario.loader import load_scenario
from simulator.tui.control import ControlApp, ControlScreen
from simulator.tui.screens.dialogs import AdhocScreen
from tests.console_fixtures import paste, screen_text


@pytest.fixture
def exercise(tmp_path: Path) -> Iterator[Exercise]:
    exercise = create(load_scenario("jordras"), 7, 2, tmp_path, 1.0)
    for engine in exercise.engines.values():
        engine.pump()
    yield exercise
    exercise.close()


def code_of(codes: CodeTable, role: SeatRole, team: str = "1") -> str:
    return next(
        c.code
        for c in codes.codes
        if c.role == role and (role == SeatRole.FACILITATOR or c.team == team)
    )


def logged(exercise: Exercise, team: str) -> list[Event]:
    store = exercise.engines[team].store
    assert store is not None
    return list(store.events())


async def until(pilot: Pilot[int], test: Callable[[], bool]) -> None:
    async def wait() -> None:
        while not test():
            await pilot.pause(0.01)

    await asyncio.wait_for(wait(), 5)


def control_app(
    exercise: Exercise, tmp_path: Path, role: SeatRole = SeatRole.FACILITATOR
) -> ControlApp:
    host = Host(exercise.engines, exercise.codes, tmp_path / "run", tick=None)
    return ControlApp(
        exercise.loaded,
        host.socket_path,
        code_of(exercise.codes, role),
        "Siri",
        language="nb",
        backoff=(0.01, 0.05),
        host=host,
    )


def clock_ops(exercise: Exercise, team: str) -> list[str]:
    return [str(e.data["op"]) for e in logged(exercise, team) if e.type == "clock"]


async def test_the_control_cell_pauses_every_team_and_sends_an_item_to_all(
    exercise: Exercise, tmp_path: Path
) -> None:
    app = control_app(exercise, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: set(app.states) == {"1", "2"})
        assert isinstance(app.screen, ControlScreen)
        await pilot.press("space")
        await until(pilot, lambda: not app.clock_reading.running)
        assert all(clock_ops(exercise, team)[-1] == "pause" for team in ("1", "2"))
        assert "PAUSE" in screen_text(app)

        await pilot.press("A")  # an ad-hoc item to every team
        await pilot.pause()
        assert isinstance(app.screen, AdhocScreen)
        await paste(pilot, "Er det sant at skolen er stengt?")
        await pilot.press("enter")
        await until(pilot, lambda: all("adhoc-1" in app.models[t].by_id for t in ("1", "2")))
        for team in ("1", "2"):
            assert any(
                e.type == "delivered" and e.data["item"] == "adhoc-1"
                for e in logged(exercise, team)
            )


async def test_an_item_to_one_team_and_the_teams_table_follow_the_team_shown(
    exercise: Exercise, tmp_path: Path
) -> None:
    app = control_app(exercise, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: set(app.states) == {"1", "2"})
        await pilot.press("t")
        assert app.team == "2"
        assert "gjelder lag 2" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        await paste(pilot, "Hvem har ansvaret for demningen?")
        await pilot.press("enter")
        await until(pilot, lambda: "adhoc-1" in app.models["2"].by_id)
        assert "adhoc-1" not in app.models["1"].by_id
        assert not any(e.data.get("item") == "adhoc-1" for e in logged(exercise, "1"))


async def test_an_observer_sees_one_team_and_cannot_steer(
    exercise: Exercise, tmp_path: Path
) -> None:
    app = control_app(exercise, tmp_path, SeatRole.OBSERVER)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: bool(app.states))
        await pilot.pause()
        assert list(app.states) == ["1"] and app.observing
        before = clock_ops(exercise, "1")
        await pilot.press("space", "plus", "a", "E", "j")
        await pilot.pause()
        assert isinstance(app.screen, ControlScreen)  # no dialog opened
        assert clock_ops(exercise, "1") == before
        shown = screen_text(app)
        assert "Ad hoc" not in shown and "Avslutt øvelse" not in shown
        assert "Observatørnotat" in shown  # notes and ratings are the observer's
