"""The control cell's console against a real host of two teams on real session files,
the host in the console's own event loop as in the host's terminal: its keys steer both
teams, an ad-hoc item goes to one team or to all, the teams' table follows each team's
log, an observer's console of one team cannot steer, and a host that serves browsers
shows every seat's link and its QR code. Nothing sleeps: each test waits for what it
expects."""

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
from simulator.exercise.links import SeatLinks, base_url, seat_links
from simulator.scenario.loader import load_scenario
from simulator.tui.control import ControlApp, ControlScreen
from simulator.tui.screens.dialogs import AdhocScreen, HelpScreen
from simulator.tui.screens.links import LinksScreen
from simulator.tui.widgets.qr import QRCode, qr_matrix
from tests.console_fixtures import drawn_modules, on_screen, paste, screen_lines, screen_text
from tests.test_language import _english_on


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
    exercise: Exercise,
    tmp_path: Path,
    role: SeatRole = SeatRole.FACILITATOR,
    links: SeatLinks | None = None,
    language: str = "nb",
) -> ControlApp:
    host = Host(exercise.engines, exercise.codes, tmp_path / "run", tick=None)
    return ControlApp(
        exercise.loaded,
        host.socket_path,
        code_of(exercise.codes, role),
        "Siri",
        language=language,
        backoff=(0.01, 0.05),
        host=host,
        links=links,
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


# -- the seats' links ---------------------------------------------------------------------

BASE = base_url("192.0.2.10", 8080)


def shown_code(app: ControlApp) -> list[list[bool]]:
    """The modules of the QR code on screen, with the half-row a last odd row leaves."""
    return drawn_modules(app, app.screen.query_one(QRCode))


def code_of_link(link: str) -> list[list[bool]]:
    """What the screen shows for ``link``'s code: its modules, with the light half-row an
    odd number of rows leaves below."""
    matrix = qr_matrix(link)
    return matrix + [[False] * len(matrix[0])] * (len(matrix) % 2)


async def test_the_links_view_shows_every_seats_link_and_the_chosen_seats_code(
    exercise: Exercise, tmp_path: Path
) -> None:
    links = seat_links(exercise.codes, BASE)
    app = control_app(exercise, tmp_path, links=links)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: set(app.states) == {"1", "2"})
        assert "l Lenker" in screen_text(app)  # in the line of keys, as the others are
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LinksScreen)
        lines = [strip.text for strip in on_screen(app, screen.query_one("#links-list"))]
        # Every seat of every team in the list: its role's name and its link, on one line.
        for entry in exercise.codes.codes:
            if entry.role == SeatRole.FACILITATOR:
                continue
            url = links.teams[entry.team][entry.role]
            (line,) = [line for line in lines if url in line]
            assert app.tr(f"role.name.{entry.role}") in line
        # The control cell's link, marked as the facilitator's, below the teams'.
        (at,) = [n for n, line in enumerate(lines) if links.facilitator in line]
        assert "øvingsstyring" in lines[at]
        assert "Hold den unna deltakerne" in lines[at + 1]
        # The first seat's code shows, and the screen draws it whole.
        leader = links.teams["1"][SeatRole.LEADER]
        assert screen.shown == leader
        assert shown_code(app) == code_of_link(leader)
        assert "Lag 1 · leder" in screen_text(app)

        await pilot.press("down")  # the next seat: team 1's press officer
        await pilot.pause()
        press = links.teams["1"][SeatRole.PRESS]
        assert screen.shown == press
        assert shown_code(app) == code_of_link(press) != code_of_link(leader)
        assert "Lag 1 · presse" in screen_text(app)

        # A click on a seat chooses it too: team 2's observer.
        observer = links.teams["2"][SeatRole.OBSERVER]
        (row,) = [n for n, line in enumerate(screen_lines(app)) if observer in line]
        list_top = screen.query_one("#links-list").region.y
        await pilot.click("#links-list", offset=(4, row - list_top))
        await pilot.pause()
        assert screen.shown == observer
        assert shown_code(app) == code_of_link(observer)

        await pilot.press("end")  # the last: the control cell, with its warning
        await pilot.pause()
        assert screen.shown == links.facilitator
        assert shown_code(app) == code_of_link(links.facilitator)
        chosen = screen.query_one("#links-chosen")
        assert chosen.has_class("-facilitator")
        assert "Hold den unna deltakerne" in str(chosen.render())

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ControlScreen)


async def test_without_browsers_the_control_screen_has_no_links_key(
    exercise: Exercise, tmp_path: Path
) -> None:
    app = control_app(exercise, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: set(app.states) == {"1", "2"})
        assert "Koder" in screen_text(app) and "Lenker" not in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ControlScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Koder" in screen_text(app) and "Lenker" not in screen_text(app)


async def test_the_links_view_speaks_nynorsk_and_names_its_keys(
    exercise: Exercise, tmp_path: Path
) -> None:
    links = seat_links(exercise.codes, BASE)
    app = control_app(exercise, tmp_path, links=links, language="nn")
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: set(app.states) == {"1", "2"})
        await pilot.press("f1")  # the control screen's help lists the key
        await pilot.pause()
        assert "Lenkjer" in screen_text(app)
        await pilot.press("escape", "l")
        await pilot.pause()
        shown = screen_text(app)
        assert "Lenkjer til plassane" in shown and "Hald ho unna deltakarane" in shown
        assert _english_on(shown, "nn") == []
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "Tilbake" in help_text and _english_on(help_text, "nn") == []
