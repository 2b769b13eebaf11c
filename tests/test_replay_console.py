"""Pilot tests of ``crisis-sim replay``: its keys, its footer, and what it shows.

The session is recorded once, by the engine on a virtual clock: a team reply, a logbook
note and an observer note. The replay's own clock is virtual too: the tests move it with
the replay's keys and advance it by hand; nothing sleeps.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from textual.widgets import Static

from simulator.engine.actions import ActionRequest
from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.engine.session import new_session
from simulator.engine.store import SessionStore
from simulator.scenario.loader import load_scenario
from simulator.tui.replay import ReplayScreen
from simulator.tui.screens.dialogs import HelpScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.widgets.composer import ComposerPanel
from simulator.tui.widgets.footer import Footer
from simulator.tui.widgets.panels import DetailPane
from tests.console_fixtures import (
    Replay,
    screen_text,
    status_text,
)
from tests.helpers import cli_path
from tests.terminal import open_terminal, wait_for

SIZE = (120, 36)
OBSERVED = "Tok lang tid"
REPLY = "Vi undersøker saken"
LOGGED = "Ringt brannvesenet"
REPLAY_KEYS = {
    "space",
    "plus",
    "minus",
    "left",
    "right",
    "shift+left",
    "shift+right",
    "home",
    "end",
    "f1",
    "q",
}
EXERCISE_KEYS = {"r", "s", "f", "h", "e", "n", "slash", "u", "f2"}


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty minutes of jordras: a reply and a logbook note at 10 minutes, an observer
    note on the same item, then the end."""
    path = tmp_path_factory.mktemp("replay") / "s.sqlite"
    real = ManualTime()
    engine = new_session(load_scenario("jordras"), 1, path, ScenarioClock(source=real))
    engine.start()
    real.advance(600)
    engine.pump()
    engine.act(ActionRequest("reply", ("vitne-brak",), REPLY, by="Kari"))
    engine.act(ActionRequest("note", ("vitne-brak",), LOGGED, by="Kari"))
    engine.act(ActionRequest("note", ("vitne-brak",), OBSERVED, by="Ola", observer=True))
    real.advance(600)
    engine.pump()
    engine.end("completed")
    assert engine.store is not None
    engine.store.close()
    return path


def _events(path: Path) -> int:
    store = SessionStore.open(path)
    try:
        return len(list(store.events()))
    finally:
        store.close()


def footer_keys(screen: ReplayScreen) -> dict[str, str]:
    """Each key the footer shows, with its label."""
    return {key.key: key.description for key in screen.query_one(Footer).shown_keys()}


def footer_labels(screen: ReplayScreen) -> set[str]:
    """The labels of the footer's groups (one label for several keys)."""
    return set(screen.query_one(Footer).labels())


def detail_text(screen: ReplayScreen) -> str:
    body = screen.query_one("#detail", DetailPane).query_one("#detail-body", Static)
    lines = body.render_lines(body.region.reset_offset)
    return " ".join(" ".join(strip.text for strip in lines).split())


async def test_the_footer_shows_only_the_replay_keys(session: Path) -> None:
    replay = Replay(session)

    async with replay.running():
        screen = replay.screen
        keys = footer_keys(screen)
        assert set(keys) == REPLAY_KEYS
        assert not set(keys) & EXERCISE_KEYS
        tr = replay.app.tr
        for key, label in {
            "space": "bind.play",
            "home": "bind.to_start",
            "end": "bind.to_end",
            "f1": "bind.help",
            "q": "bind.quit",
        }.items():
            assert keys[key] == tr(label), key
        # the steps and the speed are shown as groups, with one label each
        assert footer_labels(screen) == {"±1 min", "±10 min", tr("group.speed")}
        assert tr("group.speed") == "Hastighet"  # jordras is Norwegian
        # The command palette offers the same, and nothing that would change the exercise.
        titles = {command.title for command in replay.app.get_system_commands(screen)}
        assert {tr("bind.play"), tr("bind.to_start"), tr("bind.to_end")} <= titles
        assert not titles & {
            tr("bind.reply"),
            tr("bind.flag"),
            tr("bind.facilitator"),
            tr("cmd.name"),
        }


async def test_home_goes_back_to_the_start_and_end_to_the_end(session: Path) -> None:
    replay = Replay(session)
    record = replay.app.record
    at_start = {e.data["item"] for e in record.events if e.type == "delivered" and e.t == 0}

    async with replay.running() as pilot:
        app = replay.app
        await replay.advance(pilot, 150)  # 600 s of scenario time at speed 4
        assert app.now() == 600
        assert "vitne-brak" in replay.shown_ids() and len(replay.shown_ids()) > len(at_start)
        feed = replay.screen.active_feed
        assert feed.has_focus  # where Home and End otherwise move the cursor

        await pilot.press("home")
        await pilot.pause()
        assert app.now() == 0
        assert set(replay.shown_ids()) == at_start
        assert app.shown == record.count_until(0)

        await pilot.press("end")
        await pilot.pause()
        assert app.now() == record.end > 600
        assert app.shown == len(record.events)
        assert app.clock is not None and not app.clock.running  # it stops at the end

        # Home works wherever the focus is, also in the detail pane.
        await pilot.click("#detail")
        await pilot.pause()
        assert app.focused is not feed
        await pilot.press("home")
        await pilot.pause()
        assert app.now() == 0


async def test_step_keys_move_by_one_and_ten_minutes(session: Path) -> None:
    replay = Replay(session)

    async with replay.running() as pilot:
        app = replay.app
        await pilot.press("space")  # pause, so that only the keys move the time
        await pilot.pause()
        assert app.clock is not None and not app.clock.running
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.now() == 120
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.now() == 720
        await pilot.press("left")
        await pilot.pause()
        assert app.now() == 660
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert app.now() == 0  # never before the start

        await pilot.press("plus", "plus")
        await pilot.pause()
        assert app.clock.speed == 12
        await pilot.press("minus")
        await pilot.pause()
        assert app.clock.speed == 8
        await pilot.press("space")
        await pilot.pause()
        assert app.clock.running
        await replay.advance(pilot, 10)
        assert app.now() == 80


async def test_the_exercise_keys_change_nothing(session: Path) -> None:
    before = _events(session)
    replay = Replay(session)

    async with replay.running() as pilot:
        await replay.advance(pilot, 150)
        for key in ("r", "s", "f", "h", "H", "e", "n", "f2"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(replay.app.screen, ReplayScreen), key
            assert not replay.app.screen.query(ComposerPanel), key  # no composer opens
            assert not isinstance(replay.app.screen, FacilitatorScreen)
    assert _events(session) == before


async def test_help_shows_the_replay_keys_and_q_closes_it(session: Path) -> None:
    replay = Replay(session, language="en")

    async with replay.running() as pilot:
        app = replay.app
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        tr = app.tr
        rows = {row.keys: row.label for row in app.screen.rows}
        assert rows["home"] == tr("bind.to_start") and rows["end"] == tr("bind.to_end")
        assert rows["space"] == tr("bind.play") and rows["+ -"] == tr("group.speed")
        assert rows["← →"] == "±1 min" and rows["< >"] == "±10 min"
        assert tr("help.replay") in screen_text(app)
        # Nothing that would change the exercise: no key to reply, flag or hide.
        assert "reply" not in screen_text(app).lower()
        assert not {tr("bind.reply"), tr("bind.flag"), tr("bind.hide")} & set(rows.values())
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert app.return_code is None  # q closed the help, not the replay
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_the_replay_shows_observer_notes_marked_as_such(session: Path) -> None:
    # The replay is the facilitator's, for the debrief.
    replay = Replay(session)

    async with replay.running() as pilot:
        app = replay.app
        await pilot.press("end")
        await pilot.pause()
        screen = replay.screen
        feed = screen.active_feed
        for _ in range(len(feed.rows)):
            if screen.selected is not None and screen.selected.id == "vitne-brak":
                break
            await pilot.press("down")
        assert screen.selected is not None and screen.selected.id == "vitne-brak"
        detail = detail_text(screen)
        assert f"{app.tr('done.observer')} (Ola): {OBSERVED}" in detail
        assert f"{app.tr('done.note')} (Kari): {LOGGED}" in detail
        assert REPLY in detail


async def test_the_replay_draws_on_a_change_or_a_new_second_only(session: Path) -> None:
    # Every drawing starts with a new reading of the clock (app.triage): while nothing
    # changes and the shown second stays, the replay reads and draws nothing.
    replay = Replay(session)

    async with replay.running() as pilot:
        app = replay.app
        await pilot.press("space")  # pause: a change, drawn at once
        await pilot.pause()
        assert app.tr("status.paused") in status_text(replay.screen)
        drawn = app.triage
        replay.real.advance(60)
        app.tick()
        await pilot.pause()
        assert app.triage is drawn  # paused: nothing to draw
        await pilot.press("space")  # playing again: drawn at once
        await pilot.pause()
        assert app.triage is not drawn
        drawn = app.triage
        # Half way to the next scenario second (real seconds at speed 4): the same second.
        replay.real.advance((math.floor(drawn.now) + 1 - drawn.now) / 2 / 4)
        app.tick()
        assert int(app.now()) == int(drawn.now) and app.now() > drawn.now
        assert app.triage is drawn
        replay.real.advance(1)  # the shown second moves on
        app.tick()
        assert app.triage is not drawn and int(app.triage.now) == int(app.now())


async def test_the_replay_sorts_and_searches_its_lists_as_the_exercise_does(
    session: Path,
) -> None:
    replay = Replay(session, language="en")

    async with replay.running() as pilot:
        app = replay.app
        await pilot.press("end")
        await pilot.pause()
        screen = replay.screen
        everything = replay.shown_ids()
        await pilot.press("u")  # only items not yet handled: the replied one goes
        await pilot.pause()
        assert "vitne-brak" in everything and "vitne-brak" not in replay.shown_ids()
        assert app.tr("filter.unhandled") in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert replay.shown_ids() == everything
        assert isinstance(app.screen, ReplayScreen) and not app.screen.query(ComposerPanel)
        assert screen is app.screen


def test_the_language_given_before_the_command_is_the_replays(jordras_stopped: Path) -> None:
    # `crisis-sim --lang nn replay S` speaks nynorsk, as `crisis-sim replay --lang nn S` does
    # (jordras is a bokmål scenario, so its own language would name the tab "Strøm"; the
    # first post's "Strømmen" is the scenario's text).
    term = open_terminal([cli_path(), "--lang", "nn", "replay", str(jordras_stopped)], 80, 24)
    try:
        screen = wait_for(term, "Straum")
        assert not re.search(r"\bStrøm\b", screen)
        term.type("q")
        term.wait_gone()
    finally:
        term.close()
