"""A seat server: the seats of an exercise served on another machine than the host's,
through the database that holds the exercise.

It serves its seats exactly as the host does (the same socket protocol, the same views of
the log, the same web pages), but has no engine: it follows each team's log by the
database's notifications and reads the new events itself, reads the clock the host told,
and puts each seat's request in ``crisis_sim.commands`` for the host to answer, then tells
the seat the outcome once the host has recorded it, after the request's events.

Its seats keep their place whatever happens behind it: when the host dies and a standby
takes over, the requests wait in the table and are answered by the new host; when the
server is out of reach, the seat server connects again with a growing pause, catches its
seats up and posts what they sent meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from simulator.engine.pgstore import CHANNEL, PgStore, connect, failure
from simulator.engine.store import SessionError
from simulator.exercise.database import (
    StoredExercise,
    last_clock,
    local_folder,
    read_exercise,
    team_session,
)
from simulator.exercise.desk import hang_up, listener
from simulator.exercise.host import SeatServer, ServedSeat, Team, teams_of
from simulator.exercise.protocol import (
    MAX_HOST_LINE,
    Ack,
    Clock,
    ProtocolError,
    Request,
    decode,
    encode,
)
from simulator.scenario.loader import load_scenario_text

_T = TypeVar("_T")


class Relay(SeatServer):
    """The seats of one exercise served from the database."""

    def __init__(
        self,
        url: str,
        stored: StoredExercise,
        folder: Path,
        *,
        source: str = "",
        backoff: tuple[float, float] = (0.05, 2.0),
    ) -> None:
        loaded = load_scenario_text(stored.scenario_text, stored.name)
        self.url = url
        self.exercise = stored.name
        self.backoff = backoff
        logs: dict[str, PgStore] = {}
        try:
            for team in stored.teams:
                logs[team] = PgStore.open(url, team_session(stored.name, team), readonly=True)
        except BaseException:
            for log in logs.values():
                log.close()
            raise
        self._logs = logs
        self._teams_by_session = {log.session: team for team, log in logs.items()}
        self._work = connect(url)
        self._reading: tuple[Clock, float] = (Clock(0.0, 1.0, False, False), time.monotonic())
        self._read_clock()
        super().__init__(
            teams_of(logs, stored.codes, loaded.scenario),
            stored.codes,
            folder,
            loaded.scenario,
            source=source,
        )
        self._listen: psycopg.AsyncConnection[Any] | None = None
        self._task: asyncio.Task[None] | None = None
        #: The seats waiting for each request's outcome.
        self._waiting: dict[str, list[ServedSeat]] = {}
        #: Requests not yet in the table (the server was out of reach): posted on return.
        self._unposted: dict[str, tuple[str, str, Request]] = {}

    # -- the clock ----------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        """Whether the host said the exercise has ended."""
        return self._reading[0].ended

    def clock_state(self) -> Clock:
        """The clock the host last told, worked out to now on this machine's own clock."""
        clock, at = self._reading
        if not clock.running:
            return clock
        t = clock.t + (time.monotonic() - at) * clock.speed
        return Clock(t, clock.speed, clock.running, clock.ended)

    def _read_clock(self) -> None:
        clock = self._on_work(lambda conn: last_clock(conn, self.exercise))
        if clock is not None:
            self._reading = (clock, time.monotonic())

    # -- following the database -------------------------------------------------------

    @property
    def ticker(self) -> asyncio.Task[None] | None:
        """What follows the database while the server serves."""
        return self._task

    async def _started(self) -> None:
        self._listen = await listener(self.url)
        self._catch_up()
        self._task = asyncio.create_task(self._run())

    async def _stopping(self) -> None:
        await hang_up(self._task, self._listen)

    def close_logs(self) -> None:
        """Close the connections to the database (after :meth:`close`)."""
        for log in self._logs.values():
            log.close()
        with contextlib.suppress(psycopg.Error):
            self._work.close()

    async def _run(self) -> None:
        while True:
            try:
                assert self._listen is not None
                async for note in self._listen.notifies():
                    self._heard(note.payload)
            except psycopg.Error:
                pass
            await self._recover()

    def _heard(self, payload: str) -> None:
        kind, _, rest = payload.partition(":")
        if kind == "e":
            session, _, seq = rest.partition(":")
            team = self._team_of(session)
            if team is not None and seq.isdigit() and int(seq) > team.upto:
                self._catch_team(team)
            return
        exercise, _, command = rest.partition(":")
        if exercise != self.exercise:
            return
        if kind == "k":
            self._read_clock()
            self._clock_changed(moved=True)
        elif kind == "a" and command in self._waiting:
            self._deliver(command)

    def _team_of(self, session: str) -> Team | None:
        if not session.isdigit():
            return None
        name = self._teams_by_session.get(int(session))
        return None if name is None else self.teams[name]

    async def _recover(self) -> None:
        """Connect again with a growing pause, then catch the seats up."""
        if self._listen is not None:
            with contextlib.suppress(psycopg.Error):
                await self._listen.close()
            self._listen = None
        delay = self.backoff[0]
        while True:
            try:
                work = connect(self.url)
                with contextlib.suppress(psycopg.Error):
                    self._work.close()
                self._work = work
                self._listen = await listener(self.url)
                break
            except SessionError:
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.backoff[1])
        self._read_clock()
        self._clock_changed(moved=True)
        self._catch_up()
        for command, (code, name, request) in list(self._unposted.items()):
            self._unposted.pop(command)
            self._post(code, name, request)
        for command in list(self._waiting):
            self._deliver(command)

    def _catch_up(self) -> None:
        for team in self.teams.values():
            self._catch_team(team)

    def _catch_team(self, team: Team) -> None:
        """Publish what the team's log holds beyond what was published."""
        try:
            events = list(team.store.events(after_seq=team.upto))
        except SessionError as err:
            self._store_failed(team, err)
            return
        team.store_error = None
        self._publish(team, events)

    # -- requests -----------------------------------------------------------------------

    def _handle(self, seat: ServedSeat, request: Request) -> None:
        """Put the request in the table for the host (once, whoever sends it how often),
        and answer the seat when the host has."""
        first = self.answered(seat.code, request)
        if first is not None:
            self._send(seat, first)  # a resend of an applied request: its first outcome
            return
        self._waiting.setdefault(request.id, []).append(seat)
        self._post(seat.code.code, seat.name, request)

    def _post(self, code: str, name: str, request: Request) -> None:
        line = encode(request).decode().strip()

        def post(conn: psycopg.Connection[Any]) -> bool:
            with conn.transaction():
                conn.execute(
                    "INSERT INTO crisis_sim.commands (exercise, id, code, name, request) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (exercise, id) DO NOTHING",
                    (self.exercise, request.id, code, name, line),
                )
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"c:{self.exercise}"))
            return True

        if self._on_work(post) is None:
            self._unposted[request.id] = (code, name, request)  # posted when it is back
            return
        self._deliver(request.id)  # a request sent before may have been answered already

    def _on_work(self, use: Callable[[psycopg.Connection[Any]], _T]) -> _T | None:
        """``use`` of the working connection, tried once more on a new one (its connection
        alone may have been lost); None while the server is out of reach."""
        for attempt in (1, 2):
            try:
                return use(self._work)
            except psycopg.Error:
                if attempt == 2:
                    return None
                with contextlib.suppress(psycopg.Error):
                    self._work.close()
                try:
                    self._work = connect(self.url)
                except SessionError:
                    return None
        return None

    def _deliver(self, command: str) -> None:
        """Tell the seats waiting for ``command`` its outcome, if the host recorded it:
        after the events it committed."""
        found = self._on_work(
            lambda conn: conn.execute(
                "SELECT outcome FROM crisis_sim.commands WHERE exercise = %s AND id = %s",
                (self.exercise, command),
            ).fetchone()
        )
        if found is None or found[0] is None:
            return  # not answered yet (or asked again once the server is back)
        try:
            ack = decode(str(found[0]).encode(), MAX_HOST_LINE)
        except ProtocolError:
            return  # damaged: the host's to record again
        if not isinstance(ack, Ack):
            return
        self._catch_up()
        for seat in self._waiting.pop(command, []):
            if seat in self.seats:
                self._send(seat, ack)


def relay_of(url: str, name: str, session_dir: Path) -> tuple[StoredExercise, Path]:
    """The exercise ``name`` as a seat server serves it, and its local folder (where the
    scenario is written for the seats' consoles); SessionError when there is none."""
    conn = connect(url)
    try:
        stored = read_exercise(conn, url, name)
    except psycopg.Error as err:
        raise failure(err, url) from None
    finally:
        conn.close()
    return stored, local_folder(session_dir, name, stored.scenario_text)


class InBackground:
    """A seat server in a thread of its own, for a console in this process: ``join
    --store`` on a machine where no seat server runs. Used as a context manager, it serves
    from entering until leaving; an error while it starts is raised on entering."""

    def __init__(self, relay: Relay) -> None:
        self.relay = relay
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name="seat-server", daemon=True)
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.relay.start())
        except BaseException as err:  # handed to the thread that waits
            self._error = err
            self._ready.set()
            return
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._loop.run_until_complete(self.relay.close())
            self._loop.close()

    def __enter__(self) -> Relay:
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            self.relay.close_logs()
            raise self._error
        return self.relay

    def __exit__(self, *exc: object) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
        self.relay.close_logs()
