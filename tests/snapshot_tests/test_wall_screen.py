"""A snapshot of the wall display in bokmål at 100x30, joined to a real host on a virtual
clock: the team's feed with its own statement marked, a question answered, countdowns
near their deadline, and the clock paused, so that the picture is the same every time.

The host runs on an event loop of its own thread: the snapshot runs the wall's console on
its own loop, and the wall joins the host over its socket as any seat does."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from textual.pilot import Pilot

from simulator.engine.session import new_session, virtual_clock
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.host import Host
from simulator.exercise.protocol import Request, RequestKind
from simulator.scenario.loader import load_scenario
from simulator.tui.wall import WallApp

SIZE = (100, 30)
T = TypeVar("T")


class HostInThread:
    """A host of jordras (seed 1) for one team, on a virtual clock, in a thread of its
    own; :meth:`call` runs a function on the host's loop and returns what it returned."""

    def __init__(self, folder: Path) -> None:
        self.codes = CodeTable.generate(["1"])
        self.folder = folder
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.host: Host = self._run(self._start())

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(60)

    async def _start(self) -> Host:
        # Made on the host's thread: the session's database is used on the thread it was
        # opened on.
        engine = new_session(
            load_scenario("jordras"), 1, self.folder / "s.sqlite", clock=virtual_clock()
        )
        engine.start()
        engine.pump()
        host = Host({"1": engine}, self.codes, self.folder / "run", tick=None)
        await host.start()
        return host

    def call(self, work: Callable[[Host], T]) -> T:
        async def run() -> T:
            return work(self.host)

        return self._run(run())

    def code(self, role: SeatRole) -> str:
        return next(c.code for c in self.codes.codes if c.role == role)

    def close(self) -> None:
        async def close() -> None:
            await self.host.close()
            store = self.host.first.engine.store
            assert store is not None
            store.close()

        self._run(close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(60)
        self._loop.close()


def _at_28_minutes(host: Host, leader: str) -> int:
    """The team answers the first journalist at T+5:00 and makes a statement at T+28:00,
    four minutes before the next journalist's deadline, where the clock is paused. How
    many items the team's log has delivered."""
    code = next(c for c in host.codes.codes if c.code == leader)
    engine = host.first.engine

    def act(request_id: str, fields: dict[str, Any]) -> None:
        assert host.apply(code, "Ola", Request(request_id, RequestKind.ACTION, fields)).ok

    def run_to(t: float) -> None:
        engine.clock.source.advance(t - engine.now())  # type: ignore[attr-defined]
        host.tick()

    run_to(5 * 60)
    reply = "Kommunen bekrefter et jordras i Brattlia. Spørsmål om savnede rettes til politiet."
    act("r1", {"do": "reply", "to": [host.first.view.alias("presse-lokalavis-a")], "text": reply})
    run_to(28 * 60)
    statement = "Det har gått et jordras i Brattlia. Nødetatene er på stedet. Hold dere unna."
    act("r2", {"do": "statement", "channel": "social", "text": statement})
    engine.pause()
    assert engine.store is not None
    return sum(1 for event in engine.store.events() if event.type == "delivered")


def test_wall_screen(snap_compare, tmp_path: Path) -> None:
    hosted = HostInThread(tmp_path)
    try:
        leader = hosted.code(SeatRole.LEADER)
        delivered = hosted.call(lambda host: _at_28_minutes(host, leader))
        app = WallApp(
            load_scenario("jordras"),
            hosted.host.socket_path,
            hosted.code(SeatRole.WALL),
            "Vegg",
            language="nb",
            spread=0.0,
        )

        async def run_before(pilot: Pilot) -> None:
            async def joined() -> None:
                # Welcomed, every item drawn, and the host's clock come (after the items).
                while not (
                    app.team is not None
                    and len(app.model.items) == delivered
                    and app.seat.clock is not None
                ):
                    await pilot.pause(0.01)

            await asyncio.wait_for(joined(), 10)
            await pilot.pause()
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        hosted.close()
