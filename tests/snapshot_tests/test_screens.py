"""Snapshots of the console's screens on a virtual clock and a fixed seed: at 100x30 in the
scenario's language, the exercise screen also at 80x24 and 120x40, every main screen in
bokmål, nynorsk and English at 80x24 and 120x40, and the nynorsk exercise 'ekstremver' in its
own language at 120x40."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.scenario.loader import load_scenario
from simulator.tui.app import CrisisApp

SIZE = (100, 30)


def make_app(
    tmp_path: Path, language: str | None = None, scenario: str = "jordras"
) -> tuple[CrisisApp, ManualTime]:
    real = ManualTime()
    app = CrisisApp(
        load_scenario(scenario),
        seed=1,
        session_path=tmp_path / "s.sqlite",
        clock=ScenarioClock(source=real),
        player="Kari",
        language=language,
    )
    return app, real


async def _still(pilot: Pilot) -> None:
    for widget in pilot.app.query(Input):
        widget.cursor_blink = False  # a blinking cursor would make every snapshot differ
    await pilot.pause()


def test_briefing_screen(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_still)


def _exercise(real: ManualTime, minutes: float, *keys: str):
    async def run_before(pilot: Pilot) -> None:
        await _still(pilot)
        await pilot.press("enter")
        await pilot.pause()
        real.advance(minutes * 60)
        pilot.app.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _settled(pilot)

    return run_before


async def _settled(pilot: Pilot) -> None:
    """Let the layout settle: a scrollbar takes the list's new length a refresh later, and
    under load that refresh may come after the picture is taken."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


def test_exercise_screen(snap_compare, tmp_path: Path) -> None:
    app, real = make_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_exercise(real, 8))


def test_exercise_screen_at_80x24(snap_compare, tmp_path: Path) -> None:
    # The smallest terminal the console is made for: in the press inbox, countdowns (amber,
    # red), the deadline in the detail pane, the footer's F1, F2 and q, the aids on one line.
    app, real = make_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_exercise(real, 30, "2"))


def test_exercise_screen_at_120x40(snap_compare, tmp_path: Path) -> None:
    # Only the questions still to answer (p), in every list: the feed's citizen questions.
    app, real = make_app(tmp_path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_exercise(real, 30, "p"))


def test_facilitator_screen(snap_compare, tmp_path: Path) -> None:
    app, real = make_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_facilitator(real))


def test_after_action_screen(snap_compare, tmp_path: Path) -> None:
    app, real = make_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_debrief(real))


def _debrief(
    real: ManualTime,
    press: str = "presse-lokalavis-a",
    answer: str = "Brattlia er sperret",
    rumour: str = "rykte-dam",
    past_end: int = 6000,
) -> Callable[[Pilot], Awaitable[None]]:
    """The after-action screen after the team answered the first journalist (``press``)
    and, eight minutes later, flagged ``rumour`` as misleading."""
    from simulator.engine.actions import ActionRequest

    async def run_before(pilot: Pilot) -> None:
        await _exercise(real, 5)(pilot)
        crisis = pilot.app
        crisis.act(ActionRequest("reply", (press,), answer), "ok")  # type: ignore[attr-defined]
        real.advance(480)
        crisis.tick()  # type: ignore[attr-defined]
        crisis.act(ActionRequest("flag", (rumour,), label="misleading"), "ok")  # type: ignore[attr-defined]
        real.advance(past_end)  # past the end: the debrief opens
        crisis.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        # The report from its second section: the first names the session file's temporary
        # path and today's date, which differ on every run.
        await pilot.press("2")
        crisis.clear_notifications()  # toasts leave on a real-time timer: keep them out
        await pilot.pause()
        await pilot.pause()

    return run_before


def _facilitator(real: ManualTime) -> Callable[[Pilot], Awaitable[None]]:
    before = _exercise(real, 12)

    async def run_before(pilot: Pilot) -> None:
        await before(pilot)
        await pilot.press("f2")
        await pilot.pause()

    return run_before


SCREENS: dict[str, Callable[[ManualTime], Callable[[Pilot], Awaitable[None]]]] = {
    "briefing": lambda real: _still,
    "exercise": lambda real: _exercise(real, 8),
    "facilitator": _facilitator,
    "after-action": _debrief,
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_in_each_language(
    snap_compare, tmp_path: Path, screen: str, language: str, size: tuple[int, int]
) -> None:
    app, real = make_app(tmp_path, language)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen](real))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_feed_rows_take_the_themes_colours(snap_compare, tmp_path: Path, theme: str) -> None:
    # Unread dots, times, names, roles, figures, marks and a countdown: every part of a row
    # coloured by the theme, a flagged and a hidden item among them. Early in the exercise,
    # so that the whole feed fits and no scrollbar's length depends on when it is drawn.
    from simulator.engine.actions import ActionRequest

    app, real = make_app(tmp_path, "nb")
    app.theme = theme
    exercise = _exercise(real, 6)

    async def run_before(pilot: Pilot) -> None:
        await exercise(pilot)
        crisis = pilot.app
        crisis.act(ActionRequest("flag", ("vitne-brak",), label="valid"), "ok")  # type: ignore[attr-defined]
        crisis.act(ActionRequest("hide", ("nabo-strom",), reason="personal_data"), "ok")  # type: ignore[attr-defined]
        await pilot.pause()  # the toasts arrive as messages
        crisis.clear_notifications()  # and leave on a real-time timer: keep them out
        await _settled(pilot)

    assert snap_compare(app, terminal_size=(160, 44), run_before=run_before)


def test_the_composer_answers_a_journalist_over_the_lists(snap_compare, tmp_path: Path) -> None:
    # In the press inbox, a reply with its title, countdown, quote and a guideline warning;
    # the lists and the detail pane above it stay in sight.
    app, real = make_app(tmp_path)
    keys = ("2", "r", *"Vi har ikke antall døde", "enter", *"ennå")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_exercise(real, 20, *keys))


def test_the_composer_writes_a_statement_after_a_reply(snap_compare, tmp_path: Path) -> None:
    # A statement after a reply was put aside: its channel to choose, no countdown or quote
    # left over from the reply, and an empty text.
    app, real = make_app(tmp_path)
    written = _exercise(real, 20, "2", "r", *"Svar", "escape", "s")

    async def run_before(pilot: Pilot) -> None:
        await written(pilot)
        pilot.app.clear_notifications()  # the draft's toast leaves on a real-time timer
        await _settled(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_links_view(snap_compare, tmp_path: Path) -> None:
    # The control cell of a host that serves browsers: each team's seats with their links,
    # the first seat's QR code, and the facilitator's link marked apart. Codes of its own,
    # the same on every run (a host draws them at random).
    import asyncio
    import base64
    import hashlib

    from simulator.exercise.codes import CodeTable, SeatCode
    from simulator.exercise.folder import create
    from simulator.exercise.host import Host
    from simulator.exercise.links import base_url, seat_links
    from simulator.tui.control import ControlApp

    exercise = create(load_scenario("jordras"), 7, 2, tmp_path, 1.0)

    def fixed(entry: SeatCode) -> SeatCode:
        digest = hashlib.blake2b(entry.seat.encode(), digest_size=12).digest()
        return SeatCode(entry.team, entry.role, base64.urlsafe_b64encode(digest).decode())

    codes = CodeTable([fixed(entry) for entry in exercise.codes.codes])
    host = Host(exercise.engines, codes, tmp_path / "run", tick=None)
    app = ControlApp(
        exercise.loaded,
        host.socket_path,
        codes.facilitator,
        "Siri",
        language="nb",
        host=host,
        links=seat_links(codes, base_url("192.168.1.20", 8080)),
    )

    async def joined(pilot: Pilot) -> None:
        while len(app.states) < 2:  # both teams' logs have come to the control cell
            await pilot.pause(0.01)

    async def run_before(pilot: Pilot) -> None:
        await asyncio.wait_for(joined(pilot), 10)  # a bound, should the host never answer
        await pilot.press("l")
        app.clear_notifications()
        await _settled(pilot)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        exercise.close()


# The nynorsk exercise as a new user opens it: no --lang, so the console speaks the
# scenario's nynorsk. The briefing; the feed after twelve minutes, with the landslide rumour,
# the neighbour's post with personal data and the press questions in it; the debrief after
# the first journalist was answered and the rumour flagged.
NYNORSK: dict[str, Callable[[ManualTime], Callable[[Pilot], Awaitable[None]]]] = {
    "briefing": lambda real: _still,
    "exercise": lambda real: _exercise(real, 12),
    "after-action": lambda real: _debrief(
        real,
        answer="Eit jordskred har stengt fv. 613. Politiet leier evakueringa.",
        rumour="rykte-lisida",
    ),
}


@pytest.mark.parametrize("screen", list(NYNORSK))
def test_ekstremver_in_nynorsk(snap_compare, tmp_path: Path, screen: str) -> None:
    app, real = make_app(tmp_path, scenario="ekstremver")
    assert snap_compare(app, terminal_size=(120, 40), run_before=NYNORSK[screen](real))


def _on_the_phone(real: ManualTime) -> Callable[[Pilot], Awaitable[None]]:
    """The call screen: the broadcaster's call taken a minute after it began to ring, and
    the first two of its questions come."""

    async def run_before(pilot: Pilot) -> None:
        await _exercise(real, 8, "y")(pilot)
        real.advance(75)
        pilot.app.tick()  # type: ignore[attr-defined]
        await _settled(pilot)

    return run_before


# The police exercise in bokmål: the briefing; the feed at T+7:30 while the broadcaster's
# call rings, each post with the platform it is on; the call taken; the debrief after the
# local paper was answered and the chase rumour flagged.
POLICE: dict[str, Callable[[ManualTime], Callable[[Pilot], Awaitable[None]]]] = {
    "briefing": lambda real: _still,
    "exercise": lambda real: _exercise(real, 7.5),
    "call": _on_the_phone,
    "after-action": lambda real: _debrief(
        real,
        press="presse-lokal-ulykke",
        answer="Én person er fraktet til sykehus. Kystveien er stengt ved Solberg.",
        rumour="rykte-jakt",
        past_end=7000,
    ),
}


@pytest.mark.parametrize("screen", list(POLICE))
def test_politi_in_bokmal(snap_compare, tmp_path: Path, screen: str) -> None:
    app, real = make_app(tmp_path, scenario="politi")
    assert snap_compare(app, terminal_size=(120, 40), run_before=POLICE[screen](real))
