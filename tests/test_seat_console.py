"""A trainee's seat console against a real host on a real session with a virtual clock:
it shows what the host delivers, and what the team does there is recorded by the host,
once, with the seat's name. Nothing sleeps: each test waits for what it expects."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from simulator.engine.actions import ActionRequest
from simulator.engine.session import new_session, virtual_clock
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.host import Host
from simulator.exercise.protocol import Clock
from simulator.scenario.loader import load_scenario
from simulator.tui.model import FeedModel
from simulator.tui.seat import SeatApp, SeatScreen, event_of
from simulator.tui.widgets.composer import ComposerPanel, Target
from tests.console_fixtures import paste

ITEM = "vitne-brak"  # delivered at T+0
REPLY = "Takk, vi undersøker saken og kommer tilbake."


@pytest.fixture
def codes() -> CodeTable:
    return CodeTable.generate(["1"])


@pytest.fixture
async def host(codes: CodeTable, tmp_path: Path) -> AsyncIterator[Host]:
    engine = new_session(load_scenario("jordras"), 7, tmp_path / "s.sqlite", clock=virtual_clock())
    engine.start()
    engine.pump()
    host = Host({"1": engine}, codes, tmp_path / "run", tick=None)
    await host.start()
    yield host
    await host.close()
    assert engine.store is not None
    engine.store.close()


def code_of(codes: CodeTable, role: SeatRole) -> str:
    return next(c.code for c in codes.codes if c.role == role)


async def until(pilot: Pilot[int], test: Callable[[], bool]) -> None:
    """Let the app run until ``test`` holds, for at most five seconds."""

    async def wait() -> None:
        while not test():
            await pilot.pause(0.01)

    await asyncio.wait_for(wait(), 5)


async def test_a_seat_console_shows_the_delivered_items_and_its_reply_is_recorded_once(
    host: Host, codes: CodeTable
) -> None:
    app = SeatApp(
        load_scenario("jordras"),
        host.socket_path,
        code_of(codes, SeatRole.PRESS),
        "Kari",
        language="nb",
        backoff=(0.01, 0.05),
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: ITEM in app.model.by_id)
        screen = app.exercise_screen
        assert isinstance(screen, SeatScreen)
        await pilot.pause()
        # What came while the screen was mounting is listed once.
        for feed in screen.feeds():
            assert len(set(feed.rows)) == len(feed.rows)
        assert "facilitator" not in {b.id for b in screen.BINDINGS if isinstance(b, Binding)}
        assert ITEM in app.model.open_deadlines()  # its countdown runs on the seat too
        await screen.open_composer(Target(app.model.by_id[ITEM]))
        await pilot.pause()
        await paste(pilot, REPLY)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.query(ComposerPanel))
        await until(pilot, lambda: bool(app.model.by_id[ITEM].answered))
    engine = host.first.engine
    assert engine.store is not None
    actions = [e for e in engine.store.events() if e.type == "action"]
    assert len(actions) == 1
    assert actions[0].data["by"] == "Kari" and actions[0].data["seat"] == "1:press"
    assert actions[0].data["text"] == REPLY


async def test_a_refused_action_is_said_in_the_consoles_language(
    host: Host, codes: CodeTable
) -> None:
    app = SeatApp(
        load_scenario("jordras"),
        host.socket_path,
        code_of(codes, SeatRole.PRESS),
        "Kari",
        language="nb",
        backoff=(0.01, 0.05),
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: ITEM in app.model.by_id)
        app.act(ActionRequest("reply", ("finnes-ikke",), "x"), "ok")

        def shown() -> list[str]:
            return [n.message for n in app._notifications]

        await until(pilot, lambda: any(m.startswith("Ikke utført") for m in shown()))
        assert "ok" not in shown()


async def test_the_seat_clock_runs_on_from_the_hosts_reading(host: Host, codes: CodeTable) -> None:
    app = SeatApp(
        load_scenario("jordras"), host.socket_path, code_of(codes, SeatRole.LEADER), "Ola"
    )
    app._clock_received(Clock(100.0, 2.0, False, False))
    assert app.now() == 100.0  # paused: stands still
    app._clock, app._clock_at = Clock(100.0, 2.0, True, False), app._clock_at - 3
    assert 106.0 <= app.now() < 107.0  # three monotonic seconds at speed 2


def test_the_settled_marker_closes_a_countdown() -> None:
    model = FeedModel()
    delivered = {
        "seq": 1,
        "t": 0.0,
        "type": "delivered",
        "item": "x",
        "source": "public",
        "channel": "feed",
        "kind": "post",
        "author": "a",
        "text": "hei",
        "deadlines": [600.0],
    }
    model.apply([event_of(delivered)])
    assert model.open_deadlines() == {"x": 600.0}
    model.apply([event_of({"seq": 2, "t": 5.0, "type": "settled", "inject": "x", "index": 0})])
    assert model.open_deadlines() == {}
