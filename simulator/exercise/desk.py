"""The host's side of an exercise kept on a database: it answers the requests that seat
servers on other machines put in ``crisis_sim.commands``, and tells them the clock.

The desk listens on the notification channel for new requests and answers them in the
order they came, each through :meth:`Host.apply` as a joined seat's request is answered,
and exactly once: a request whose events are in the log already is answered with its
first outcome. An outcome is recorded only after the request's events were committed, so
nothing a seat was told is lost.

When the server goes out of reach, the desk connects again with a growing pause, takes the
exercise's lock back and answers what came meanwhile; if another host took the exercise in
the meantime (a standby), this host stops.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import psycopg

from simulator.engine.pgstore import CHANNEL, application_name, failure, reason, said, where
from simulator.engine.store import SessionError
from simulator.exercise.database import Authority
from simulator.exercise.host import Host
from simulator.exercise.protocol import (
    MAX_SEAT_LINE,
    Ack,
    Clock,
    ProtocolError,
    Refusal,
    Request,
    decode,
)
from simulator.exercise.protocol import said as _said


async def listener(url: str) -> psycopg.AsyncConnection[Any]:
    """A connection that hears the exercise's channel, or SessionError."""
    try:
        conn = await psycopg.AsyncConnection.connect(
            url,
            autocommit=True,
            application_name=f"{application_name()[:52]} listening",
            connect_timeout=10,
        )
    except psycopg.Error as err:
        raise SessionError(said("connect", where=where(url), reason=reason(err))) from None
    try:
        await conn.execute(f"LISTEN {CHANNEL}".encode())
    except psycopg.Error as err:
        await conn.close()
        raise failure(err, url) from None
    return conn


async def hang_up(
    task: asyncio.Task[None] | None, listening: psycopg.AsyncConnection[Any] | None
) -> None:
    """Stop what follows the channel, and close its connection."""
    if task is not None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    if listening is not None:
        with contextlib.suppress(psycopg.Error):
            await listening.close()


#: Seconds between two tries to answer requests that could not be answered.
RETRY = 1.0


class Desk:
    """Serves a :class:`Host` to the seat servers through the database, for as long as the
    host serves (a companion of it)."""

    def __init__(
        self, host: Host, authority: Authority, *, backoff: tuple[float, float] = (0.05, 2.0)
    ) -> None:
        self.host = host
        self.authority = authority
        self.backoff = backoff
        self._listen: psycopg.AsyncConnection[Any] | None = None
        self._task: asyncio.Task[None] | None = None
        #: The clock not yet told (the server was out of reach when it changed).
        self._owed: Clock | None = None
        #: Whether requests may be waiting that could not be answered when last asked.
        self._deferred = False

    async def start(self) -> None:
        """Hear requests, tell the clock, and answer what waits already."""
        self._listen = await listener(self.authority.url)
        self.host.clock_listeners.append(self._tell)
        self._tell(self.host.clock_state())
        self.answer_waiting()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop hearing requests (the exercise's lock goes with the authority's close)."""
        await hang_up(self._task, self._listen)

    def _tell(self, clock: Clock) -> None:
        try:
            self.authority.tell_clock(clock)
            self._owed = None
        except psycopg.Error:
            self._owed = clock  # told once the server is back

    async def _run(self) -> None:
        request = f"c:{self.authority.name}"
        while True:
            try:
                assert self._listen is not None
                # A pass ends after RETRY seconds without a notification, so that requests
                # left waiting while a log could not be written are answered once it can,
                # even if no new request comes to wake the desk.
                async for note in self._listen.notifies(timeout=RETRY):
                    if note.payload == request:
                        self.answer_waiting()
                if self._deferred:
                    self.answer_waiting()
                continue
            except psycopg.Error:
                pass
            await self._recover()

    async def _recover(self) -> None:
        """Connect again, with a growing pause, and take the exercise back."""
        delay = self.backoff[0]
        if self._listen is not None:
            with contextlib.suppress(psycopg.Error):
                await self._listen.close()
            self._listen = None
        while True:
            try:
                # Only a lost lock is taken again: while its connection lives, the lock is
                # still this host's (the listening connection alone was lost).
                if not self.authority.alive() and not self.authority.retake():
                    shown = f"{self.authority.name} ({where(self.authority.url)})"
                    self.host.fail(SessionError(said("taken_over", path=shown)))
                    await asyncio.Future()  # until the host stops this desk
                self._listen = await listener(self.authority.url)
                break
            except (SessionError, psycopg.Error):
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.backoff[1])
        self._tell(self._owed or self.host.clock_state())
        self.answer_waiting()

    def answer_waiting(self) -> None:
        """Answer the requests that wait, in their order; stops at the first that cannot
        be answered now (its team's log cannot be written): it is answered later."""
        # What the engines hold unsaved (from before the server went away) is committed
        # first, so that a request applied then is known as applied.
        self._deferred = True  # until every request waiting is answered
        self.host.tick()
        if any(team.store_error for team in self.host.teams.values()):
            return
        try:
            waiting = self.authority.open_commands()
        except psycopg.Error:
            return
        for command, code, name, line in waiting:
            ack = self._outcome(command, code, name, line)
            if ack is None:
                return
            try:
                self.authority.answer(ack)
            except psycopg.Error:
                return
        self._deferred = False

    def _outcome(self, command: str, code: str, name: str, line: str) -> Ack | None:
        seat = self.host.codes.check(code)
        if seat is None:
            return Ack(command, False, Refusal.of(_said("code.wrong"), "exercise"))
        try:
            message = decode(line.encode(), MAX_SEAT_LINE)
            if not isinstance(message, Request) or message.id != command:
                raise ProtocolError("message.kind", kind=type(message).__name__.lower())
        except ProtocolError as err:
            return Ack(command, False, Refusal.of(err.said, "exercise"))
        first = self.host.answered(seat, message)
        if first is not None:
            return first
        try:
            return self.host.apply(seat, name, message)
        except SessionError:
            return None  # kept by the engine, committed and then answered after recovery
