"""A seat of a team exercise: joins the host, follows its events, sends requests.

A seat keeps the last event it has and its requests not yet acknowledged. When the
connection breaks it joins again, with a growing pause between tries, asks for the
events after the last one it has, and sends the unacknowledged requests again with
their ids: the host applies each id once, so nothing is done twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from simulator.exercise.protocol import (
    MAX_HOST_LINE,
    Ack,
    Clock,
    Events,
    Hello,
    ProtocolError,
    Refusal,
    Refused,
    Request,
    RequestKind,
    Welcome,
    decode,
    encode,
)

#: Called with a batch of one team's events and the team's name.
OnEvents = Callable[[list[dict[str, Any]], str], Awaitable[None] | None]
OnClock = Callable[[Clock], None]
#: Called with True when the seat has joined the host, False when the link broke.
OnLink = Callable[[bool], None]


class SeatRefused(Exception):
    """The host refused the seat (a wrong code): why, as a catalogue key and values."""

    def __init__(self, reason: Refusal) -> None:
        self.reason = reason
        super().__init__(reason.key)


class Seat:
    """One seat's connection to the host, kept up until :meth:`close`."""

    def __init__(
        self,
        socket_path: Path,
        code: str,
        name: str,
        on_events: OnEvents | None = None,
        *,
        last: dict[str, int] | None = None,
        backoff: tuple[float, float] = (0.1, 5.0),
        on_clock: OnClock | None = None,
        on_link: OnLink | None = None,
    ) -> None:
        self.socket_path = socket_path
        self.code = code
        self.name = name
        self.on_events = on_events
        self.on_clock = on_clock
        self.on_link = on_link
        #: The last event it has of each team's log it follows.
        self.last: dict[str, int] = dict(last or {})
        self.backoff = backoff
        self.welcome: Welcome | None = None
        self.clock: Clock | None = None
        #: How many times the host has welcomed this seat: 2 after one reconnection.
        self.joins = 0
        self.joined = asyncio.Event()
        self._pending: dict[str, tuple[Request, asyncio.Future[Ack]]] = {}
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    async def connect(self) -> Welcome:
        """Join the host, or :class:`SeatRefused` when it will not take this seat; after
        that the seat follows the host, and joins again by itself when the link breaks."""
        reader, writer = await self._open()
        welcome = await self._hello(reader, writer)
        self._task = asyncio.create_task(self._follow(reader, writer))
        return welcome

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_unix_connection(str(self.socket_path), limit=MAX_HOST_LINE + 2)

    async def _hello(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> Welcome:
        writer.write(encode(Hello(self.code, self.name, dict(self.last))))
        await writer.drain()
        line = await reader.readuntil(b"\n")
        message = decode(line, MAX_HOST_LINE)
        if isinstance(message, Refused):
            writer.close()
            raise SeatRefused(message.reason)
        if not isinstance(message, Welcome):
            writer.close()
            raise ProtocolError("hello.first")
        self.welcome = message
        self._writer = writer
        self.joins += 1
        self.joined.set()
        if self.on_link is not None:
            self.on_link(True)
        # What was not acknowledged before the link broke goes again, in its order.
        for request, _ in list(self._pending.values()):
            writer.write(encode(request))
        await writer.drain()
        return message

    @property
    def last_seq(self) -> int:
        """The last event it has of its own team's log."""
        team = self.welcome.team if self.welcome is not None else "1"
        return self.last.get(team, 0)

    async def request(
        self,
        kind: RequestKind,
        action: dict[str, Any] | None = None,
        value: float | None = None,
        *,
        request_id: str | None = None,
        team: str | None = None,
    ) -> Ack:
        """Send a request and wait for its acknowledgement (sent again after a
        reconnection until it comes)."""
        request = Request(request_id or uuid.uuid4().hex, kind, action, value, team)
        future: asyncio.Future[Ack] = asyncio.get_running_loop().create_future()
        self._pending[request.id] = (request, future)
        if self._writer is not None and not self._writer.is_closing():
            self._writer.write(encode(request))
            with contextlib.suppress(ConnectionError):
                await self._writer.drain()
        return await future

    async def _follow(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        delay = self.backoff[0]
        while not self._closed:
            try:
                await self._read(reader)
            except SeatRefused:
                raise
            except (ConnectionError, OSError, asyncio.IncompleteReadError, ProtocolError):
                pass
            writer.close()
            self._writer = None
            self.joined.clear()
            if self.on_link is not None and not self._closed:
                self.on_link(False)
            while not self._closed:
                await asyncio.sleep(delay)
                try:
                    reader, writer = await self._open()
                    await self._hello(reader, writer)
                    delay = self.backoff[0]
                    break
                except (ConnectionError, OSError, asyncio.IncompleteReadError, ProtocolError):
                    delay = min(delay * 2, self.backoff[1])

    async def _read(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await reader.readuntil(b"\n")
            message = decode(line, MAX_HOST_LINE)
            if isinstance(message, Events):
                team = message.team
                self.last[team] = max(self.last.get(team, 0), message.upto)
                if message.events and self.on_events is not None:
                    result = self.on_events(message.events, team)
                    if result is not None:
                        await result
            elif isinstance(message, Ack):
                entry = self._pending.pop(message.id, None)
                if entry is not None and not entry[1].done():
                    entry[1].set_result(message)
            elif isinstance(message, Clock):
                self.clock = message
                if self.on_clock is not None:
                    self.on_clock(message)
            elif isinstance(message, Refused):
                if message.reason.key == "seat.too_slow":
                    return  # let go for reading slowly: it joins again and catches up
                raise SeatRefused(message.reason)

    async def close(self) -> None:
        """Leave the host; requests still waiting are cancelled."""
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, SeatRefused):
                await self._task
        if self._writer is not None:
            self._writer.close()
        for _, future in self._pending.values():
            future.cancel()
