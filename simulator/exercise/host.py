"""The host of a team exercise: one engine and session per team, many seats over a Unix
socket.

What serves seats is :class:`SeatServer`; :class:`Host` is the one that also holds the
engines (a seat server on another machine serves the same seats from a database, see
:mod:`simulator.exercise.relay`). The host is the session's only writer.

Seats join with a code, get the committed events their role may see (the backlog after
the last one they have, then each new batch), and send requests that the host applies in
the order they arrive, exactly once: each recorded input carries the seat's request id,
so a resent request, even to a host started again on the same session, is answered with
its first outcome and not applied twice.

Everything runs on one event loop: the engine's calls are short and synchronous, so two
requests never interleave and the order of arrival is the order of the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import signal
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.engine import Engine
from simulator.engine.events import PUBLISHES, EventType, Status
from simulator.engine.store import Event, SessionError, SessionLog
from simulator.exercise.codes import (
    ROLE_ACTIONS,
    TRAINEE_VIEW,
    TRAINEES,
    CodeTable,
    SeatCode,
    SeatRole,
    publishes_itself,
)
from simulator.exercise.protocol import (
    ACTION_FIELDS,
    CLOCK_REQUESTS,
    MAX_SEAT_LINE,
    SETTLED_MARKER,
    Ack,
    Clock,
    Events,
    Hello,
    Message,
    ProtocolError,
    Refusal,
    Refused,
    Request,
    RequestKind,
    Welcome,
    decode,
    encode,
)
from simulator.exercise.protocol import said as _said
from simulator.exercise.views import TraineeView, alias_key
from simulator.lang import SaidError
from simulator.scenario.model import Approval, Scenario

#: Events per ``events`` line of a backlog: keeps each line far below the seat's limit.
BACKLOG_BATCH = 200
#: What may wait unsent to one seat before it is let go: a seat that does not read
#: must not make the host hold the whole exercise in memory. It joins again by itself.
MAX_UNSENT = 8 * 1024 * 1024
#: The speeds the engine takes.
SPEEDS = (0.25, 20.0)
SOCKET_NAME = "host.sock"
#: The private folder under the session folder where a host listens and seats look.
RUNTIME_FOLDER = "exercise"
#: Signals that end a host cleanly: ctrl+c, a request to end, and a closed terminal.
STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: Fields of a delivered item that hold its ground truth (a reaction's tone is one: the team
#: must read it from the text).
_TRUTH_FIELDS = ("truth", "sensitive", "abusive", "tone")
#: Event types a trainee never gets: the debrief's and the evaluators'.
_WITHHELD = frozenset({EventType.CORRECTED, EventType.EVALUATION})
#: The events that record a seat's request.
_INPUTS = frozenset({EventType.ACTION, EventType.NOTE, EventType.EVALUATION})
#: How long a closing host waits for its seats' links to end.
CLOSING_WAIT = 5.0
#: How long a seat that connects has to say who it is.
HELLO_WITHIN = 10.0


#: How long past a whole second of the clock the host delivers (real seconds).
TICK_PAST = 0.005


def until_tick(now: float, speed: float, seconds: float) -> float:
    """Real seconds until the host's next tick: at most ``seconds`` away, just past the
    last whole second of the clock before then, so that what is due in that second is
    delivered together and seats draw it with the second's clock in one frame. A stopped
    clock (``speed`` 0) or one slower than a whole second within ``seconds`` ticks
    ``seconds`` after this one."""
    if speed <= 0:
        return seconds
    last = math.floor(now + seconds * speed)
    if last <= now:
        return seconds
    return (last - now) / speed + TICK_PAST


def runtime_folder(session_dir: Path) -> Path:
    """Where a host of sessions in ``session_dir`` listens, and where its seats look."""
    return session_dir / RUNTIME_FOLDER


async def serve_until_stopped(host: SeatServer, started: Callable[[], None]) -> int:
    """Serve until SIGINT, SIGTERM or SIGHUP; returns the signal's number.

    The signals are the event loop's, so the host stops between two requests, never in
    the middle of one, and every seat is let go before the session is closed. A server
    that cannot go on (:meth:`SeatServer.fail`) stops with its error.
    """
    loop = asyncio.get_running_loop()
    stop: asyncio.Future[int] = loop.create_future()

    def stopping(signum: int) -> None:
        if not stop.done():
            stop.set_result(signum)

    for signum in STOPPING_SIGNALS:
        loop.add_signal_handler(signum, stopping, signum)
    try:
        await host.start()
        started()
        # A clock that stopped on an error would leave the seats waiting on an exercise
        # that never moves again: the host stops with the error instead.
        waits: set[asyncio.Future[Any]] = {stop}
        for future in (host.ticker, host.failure):
            if future is not None:
                waits.add(future)
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        if not stop.done():
            for future in (host.failure, host.ticker):
                if future is not None and future.done():
                    future.result()
        return await stop
    finally:
        for signum in STOPPING_SIGNALS:
            loop.remove_signal_handler(signum)
        await host.close()


class Companion(Protocol):
    """Something served alongside the host's socket for as long as the host serves."""

    async def start(self) -> None:
        """Begin serving (OSError when it cannot)."""

    async def stop(self) -> None:
        """Stop serving."""


class FolderRefused(SaidError):
    """A folder a host will not keep its socket or an exercise in."""


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (if needed) a folder only its owner can enter, or FolderRefused
    (OSError when it cannot be made at all).

    The socket inside it is then reachable by its owner alone, whatever the umask; a
    folder that is a link or belongs to someone else is refused, not used.
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise FolderRefused(_said("folder.private", folder=str(folder)))
    os.chmod(folder, 0o700)
    return folder


@dataclass(eq=False, slots=True)
class Team:
    """One team's world as it is served: its session log, and what is kept of it."""

    name: str
    #: The team's session log: written by the host's engine, read by a seat server.
    store: SessionLog
    #: What the team's trainees see of its log.
    view: TraineeView
    #: The engine that writes the log, at the host (None at a seat server).
    world: Engine | None = None
    #: Each applied request's id and its first outcome.
    applied: dict[str, Ack] = field(default_factory=dict)
    #: Each delivered item's countdowns (None for one of restraint), by item id.
    deadlines: dict[str, list[float | None]] = field(default_factory=dict)
    #: Why the last tick could not save the team's log (None once it can again).
    store_error: str | None = None
    #: The last event learned of the log.
    upto: int = 0

    @property
    def engine(self) -> Engine:
        """The team's engine; only the host has one."""
        assert self.world is not None, "a seat server has no engine"
        return self.world

    def learn(self, event: Event) -> None:
        """Keep what the host must know of a committed event: a request applied, or an
        item's countdowns."""
        self.upto = max(self.upto, event.seq)
        data = event.data
        request = data.get("request")
        if isinstance(request, str) and event.type in _INPUTS:
            self.applied.setdefault(request, Ack(request, True))
        elif event.type == EventType.DELIVERED:
            # Known before a trainee names it, also to a host restarted on the log.
            self.view.alias(str(data.get("item")))
            if data.get("deadlines"):
                self.deadlines[str(data.get("item"))] = list(data["deadlines"])


@dataclass(eq=False, slots=True)
class ServedSeat:
    """A seat while it is connected."""

    code: SeatCode
    name: str
    writer: asyncio.StreamWriter
    #: The teams it follows, and the last seq of each team's log it was sent.
    sent_upto: dict[str, int] = field(default_factory=dict)
    #: (team, inject, index) of the markers sent, so that a trainee gets one per countdown.
    settled: set[tuple[str, str, int]] = field(default_factory=set)

    @property
    def trainee_view(self) -> bool:
        """Whether it gets what the trainees get of the log (a trainee's, a wall's)."""
        return self.code.role in TRAINEE_VIEW


def teams_of(
    logs: Mapping[str, SessionLog], codes: CodeTable, scenario: Scenario
) -> dict[str, Team]:
    """The served teams of an exercise, by name."""
    # One key for every item alias of the exercise, kept across a restart of the host as
    # the codes are, and known to no trainee.
    key = alias_key(codes.facilitator)
    return {
        name: Team(name, log, TraineeView(key, scenario.audience)) for name, log in logs.items()
    }


class SeatServer:
    """Seats served over a Unix socket in a private folder: each joins with its code, gets
    the events of its teams' logs its role may see and the clock, and sends requests.

    What answers the requests and moves the clock is the subclass's: the host's engines
    (:class:`Host`), or the host elsewhere, through a database (a seat server on another
    machine).
    """

    def __init__(
        self,
        teams: dict[str, Team],
        codes: CodeTable,
        folder: Path,
        scenario: Scenario,
        *,
        source: str = "",
    ) -> None:
        self.teams = teams
        self.codes = codes
        self.folder = folder
        self.scenario = scenario
        self.source = source
        self.socket_path = folder / SOCKET_NAME
        self.seats: list[ServedSeat] = []
        #: What serves alongside the socket (the seats' web pages): started once the
        #: socket listens, since what it starts joins there, and stopped first.
        self.companions: list[Companion] = []
        #: The name each code last joined with.
        self._names: dict[str, str] = {}
        self._server: asyncio.base_events.Server | None = None
        self._clock: Clock | None = None
        #: Called with the team and its events after each commit: the control cell's
        #: screen in the host's own terminal follows the exercise through this.
        self.listeners: list[Callable[[str, list[Event]], None]] = []
        #: Told (team, error) when a team's log cannot be saved or read: its owner says so.
        self.store_listeners: list[Callable[[str, SessionError], None]] = []
        #: Told each clock the seats are sent (a seat server elsewhere follows it too).
        self.clock_listeners: list[Callable[[Clock], None]] = []
        self._connections: set[asyncio.Task[Any]] = set()
        self._failure: asyncio.Future[None] | None = None
        for team in self.teams.values():
            for event in team.store.events():
                team.learn(event)

    @property
    def failure(self) -> asyncio.Future[None] | None:
        """Done, with the error, once the server cannot go on (see :meth:`fail`)."""
        return self._failure

    def fail(self, error: BaseException) -> None:
        """Stop serving with ``error``: what serves the exercise cannot go on."""
        if self._failure is not None and not self._failure.done():
            self._failure.set_exception(error)

    @property
    def first(self) -> Team:
        """The first team: whose clock the exercise's clock is read from."""
        return next(iter(self.teams.values()))

    @property
    def ended(self) -> bool:
        """Whether every team's exercise has ended."""
        raise NotImplementedError

    def clock_state(self) -> Clock:
        """The clock as seats see it."""
        raise NotImplementedError

    @property
    def ticker(self) -> asyncio.Future[None] | None:
        """What keeps the exercise going while the server serves: its end (an error, or
        the end of its work) ends the serving (None: kept going by its owner)."""
        return None

    # -- starting and stopping ----------------------------------------------------------

    async def start(self) -> None:
        """Start what keeps the exercise going, listen on the socket in the private
        folder, then start what serves beside it."""
        private_folder(self.folder)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()  # left by a host that was killed
        self._clock = self.clock_state()
        self._failure = asyncio.get_running_loop().create_future()
        await self._started()
        self._server = await asyncio.start_unix_server(
            self._serve, path=str(self.socket_path), limit=MAX_SEAT_LINE + 2
        )
        os.chmod(self.socket_path, 0o600)
        for companion in self.companions:
            await companion.start()

    async def _started(self) -> None:
        """What a subclass starts before any seat can join: a seat server hears the
        database first, so that no answer to a seat's request comes before it listens."""

    async def _stopping(self) -> None:
        """What a subclass stops before the seats are let go."""

    async def close(self) -> None:
        """Stop listening and let every seat go; the sessions stay open (their owner
        closes the stores)."""
        for companion in self.companions:
            with contextlib.suppress(Exception):
                await companion.stop()
        await self._stopping()
        if self._server is not None:
            self._server.close()
        for seat in list(self.seats):
            seat.writer.close()
        self.seats.clear()
        if self._connections:
            # Each ends once its seat's link is closed: awaited, not left to the loop to
            # cancel on the way out.
            await asyncio.wait(self._connections, timeout=CLOSING_WAIT)
        if self._server is not None:
            await self._server.wait_closed()
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()

    # -- the clock ----------------------------------------------------------------------

    def _store_failed(self, team: Team, err: SessionError) -> None:
        """Tell the owner once that a team's log cannot be saved or read, not every time."""
        if team.store_error != str(err):
            team.store_error = str(err)
            for listener in self.store_listeners:
                listener(team.name, err)

    def _clock_changed(self, *, moved: bool = False) -> None:
        """Send the clock to every seat when its speed, state or end changed, or it was
        ``moved`` (a jump); while it runs, seats work the time out themselves."""
        now, last = self.clock_state(), self._clock
        self._clock = now
        same = last is not None and (now.speed, now.running, now.ended) == (
            last.speed,
            last.running,
            last.ended,
        )
        if same and not moved:
            return
        for seat in list(self.seats):
            self._send(seat, now)
        for listener in list(self.clock_listeners):
            listener(now)

    # -- seats --------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seat: ServedSeat | None = None
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
            task.add_done_callback(self._connections.discard)
        try:
            line = await asyncio.wait_for(_read_line(reader), HELLO_WITHIN)
            message = decode(line, MAX_SEAT_LINE)
            if not isinstance(message, Hello):
                raise ProtocolError("hello.first")
            seat = self._join(message, writer)
            if seat is None:
                return
            while True:
                message = decode(await _read_line(reader), MAX_SEAT_LINE)
                if isinstance(message, Request):
                    self._handle(seat, message)
                elif isinstance(message, Hello):
                    raise ProtocolError("hello.again")
                else:
                    raise ProtocolError("message.kind", kind=type(message).__name__.lower())
        except ProtocolError as err:
            _write(writer, Refused(Refusal.of(err.said, "exercise")))
        except (ConnectionError, OSError, asyncio.IncompleteReadError, TimeoutError):
            pass  # the seat went away, or never said who it is
        finally:
            if seat is not None and seat in self.seats:
                self.seats.remove(seat)
            writer.close()

    def followed(self, code: SeatCode) -> list[str]:
        """The teams a seat follows: the control cell every team, any other its own."""
        if code.role == SeatRole.FACILITATOR:
            return list(self.teams)
        return [code.team] if code.team in self.teams else []

    def _join(self, hello: Hello, writer: asyncio.StreamWriter) -> ServedSeat | None:
        code = self.codes.check(hello.code)
        teams = [] if code is None else self.followed(code)
        if code is None or not teams:
            # The same words for every wrong code: nothing about which codes exist.
            _write(writer, Refused(Refusal.of(_said("code.wrong"), "exercise")))
            return None
        # A seat that joins without a name is the person who last joined with its code
        # (a browser tab opened again): told in the welcome, so nobody types it twice.
        name = hello.name or self._names.get(code.code, "")
        if hello.name:
            self._names[code.code] = hello.name
        seat = ServedSeat(code, name, writer)
        self._catch_up()
        sc = self.scenario
        welcome = Welcome(
            code.seat, code.role, code.team, name, sc.id, sc.language, teams, self.source
        )
        _write(writer, welcome)
        # The backlogs are read and the seat added in one step of the loop: no batch
        # committed in between can be missed or sent twice.
        for name in teams:
            seat.sent_upto[name] = 0
            batch: list[Event] = []
            for event in self.teams[name].store.events(after_seq=hello.last.get(name, 0)):
                batch.append(event)
                if len(batch) >= BACKLOG_BATCH:
                    self._send_events(seat, name, batch)
                    batch = []
            self._send_events(seat, name, batch)
        self._send(seat, self.clock_state())
        self.seats.append(seat)
        return seat

    def _send(self, seat: ServedSeat, message: Message) -> None:
        _write(seat.writer, message)
        transport = seat.writer.transport
        if transport.get_write_buffer_size() > MAX_UNSENT:
            _write(seat.writer, Refused(Refusal.of(_said("seat.too_slow"), "exercise")))
            seat.writer.close()
            if seat in self.seats:
                self.seats.remove(seat)

    def _catch_up(self) -> None:
        """Publish what the logs hold that was not yet published (a seat server reads it
        from the database; the host has published everything it committed)."""

    def _send_events(self, seat: ServedSeat, team: str, events: Iterable[Event]) -> None:
        shown: list[dict[str, Any]] = []
        sent = seat.sent_upto.get(team, 0)
        upto = sent
        for event in events:
            if event.seq <= sent:
                continue  # in the backlog it joined with already
            upto = max(upto, event.seq)
            record = self._as_seen_by(seat, team, event)
            if record is not None:
                shown.append(record)
        if upto > sent or shown:
            seat.sent_upto[team] = upto
            self._send(seat, Events(shown, upto, team))

    def _as_seen_by(self, seat: ServedSeat, team: str, event: Event) -> dict[str, Any] | None:
        """An event as this seat may see it, or None when it may not see it at all.

        Observers and the control cell see the whole log. A trainee, and the wall display
        that shows the room what the team sees, never see what the exercise knows and the
        team does not: the truth of an item (nor the reach that would give it away), the
        expectations and their outcomes, corrections, evaluations and observers' notes.
        """
        record = event.as_record()
        if not seat.trainee_view:
            return record
        kind, data = event.type, event.data
        if kind in _WITHHELD:
            return None
        if kind == EventType.NOTE and data.get("observer"):
            return None
        if kind == EventType.SESSION_START:
            record.pop("seed", None)  # the seed and the scenario would tell every truth
            return record
        if kind == EventType.EXPECTATION:
            return self._marker(seat, team, event)
        for name in _TRUTH_FIELDS:
            record.pop(name, None)
        view = self.teams[team].view
        view.record(record, self.teams[team].deadlines.get(str(data.get("item"))))
        return record

    def _marker(self, seat: ServedSeat, team: str, event: Event) -> dict[str, Any] | None:
        """What a trainee gets of an expectation event: that a countdown stops, without
        its outcome; nothing for an expectation of restraint, which shows no countdown."""
        data = event.data
        inject, index = str(data.get("inject")), data.get("index")
        if not isinstance(index, int) or data.get("status") == Status.PENDING:
            return None
        found = self.teams[team]
        deadlines = found.deadlines.get(inject, [])
        if index >= len(deadlines) or deadlines[index] is None:
            return None
        if (team, inject, index) in seat.settled:
            return None
        seat.settled.add((team, inject, index))
        return {
            "seq": event.seq,
            "t": event.t,
            "type": SETTLED_MARKER,
            "inject": found.view.alias(inject),
            "index": found.view.marker_index(deadlines, index),
        }

    def _publish(self, team: Team, events: list[Event]) -> None:
        """Send a team's newly committed events to every seat that follows it."""
        if not events:
            return
        for event in events:
            team.learn(event)
        for seat in list(self.seats):
            if team.name in seat.sent_upto:
                self._send_events(seat, team.name, events)
        for listener in list(self.listeners):
            listener(team.name, events)

    # -- requests -----------------------------------------------------------------------

    def _handle(self, seat: ServedSeat, request: Request) -> None:
        """Answer a seat's request (with an ``ack``, now or once it is applied)."""
        raise NotImplementedError

    def _teams_for(self, code: SeatCode, request: Request) -> list[Team]:
        """The teams a request acts on: a team's seats their own; the control cell the team
        it names, or every team for the clock and for an ad-hoc item without one."""
        if code.role != SeatRole.FACILITATOR:
            return [self.teams[code.team]]
        if request.team is not None:
            team = self.teams.get(request.team)
            return [] if team is None else [team]
        if request.kind in CLOCK_REQUESTS or request.kind == RequestKind.ADHOC:
            return list(self.teams.values())
        return []

    def answered(self, code: SeatCode, request: Request) -> Ack | None:
        """The first outcome of a request applied before (a resend), or None."""
        targets = self._teams_for(code, request)
        return next((t.applied[request.id] for t in targets if request.id in t.applied), None)


class Host(SeatServer):
    """An exercise served to its seats: one engine and session log per team, the only
    writer of them."""

    def __init__(
        self,
        engines: Mapping[str, Engine],
        codes: CodeTable,
        folder: Path,
        *,
        tick: float | None = 1.0,
        source: str = "",
    ) -> None:
        if not engines or any(e.store is None for e in engines.values()):
            raise ValueError("the host needs an engine that writes a session for each team")
        scenario = next(iter(engines.values())).scenario
        logs = {name: engine.store for name, engine in engines.items() if engine.store}
        teams = teams_of(logs, codes, scenario)
        for name, team in teams.items():
            team.world = engines[name]
        super().__init__(teams, codes, folder, scenario, source=source)
        self.tick_seconds = tick
        self._ticker: asyncio.Task[None] | None = None

    @property
    def ended(self) -> bool:
        """Whether every team's exercise has ended."""
        return all(team.engine.ended for team in self.teams.values())

    @property
    def ticker(self) -> asyncio.Task[None] | None:
        """What ticks the clock while the host serves (None: ticked by its owner)."""
        return self._ticker

    async def _started(self) -> None:
        if self.tick_seconds is not None:
            self._ticker = asyncio.create_task(self._tick_forever(self.tick_seconds))

    async def _stopping(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            # Its error, if it stopped on one, is its owner's to tell (ticker): the seats
            # are let go all the same.
            await asyncio.gather(self._ticker, return_exceptions=True)

    # -- the clock ----------------------------------------------------------------------

    def clock_state(self) -> Clock:
        """The clock as seats see it: every team's clock is moved together."""
        engine = self.first.engine
        clock = engine.clock
        return Clock(engine.now(), clock.speed, clock.running and not self.ended, self.ended)

    async def _tick_forever(self, seconds: float) -> None:
        while True:
            clock = self.clock_state()
            await asyncio.sleep(until_tick(clock.t, clock.speed if clock.running else 0, seconds))
            self.tick()

    def tick(self) -> None:
        """Deliver what is due, end each team's exercise at its duration, and tell the
        seats."""
        for team in self.teams.values():
            engine = team.engine
            try:
                events = engine.pump()
                if not engine.ended and engine.now() >= engine.scenario.duration:
                    events += engine.end()
            except SessionError as err:
                # Nothing is lost: what is due is delivered once the log can be written to
                # again (a full disk made room, the database server is back).
                self._store_failed(team, err)
                continue
            team.store_error = None
            self._publish(team, events)
        self._clock_changed()

    # -- requests -----------------------------------------------------------------------

    def _handle(self, seat: ServedSeat, request: Request) -> None:
        """Apply a request once, publish its events, then acknowledge it."""
        first = self.answered(seat.code, request)
        if first is not None:
            self._send(seat, first)  # a resend: its first outcome, nothing applied again
            return
        ack = self.apply(seat.code, seat.name, request)
        self._send(seat, ack)

    def apply(self, code: SeatCode, name: str, request: Request) -> Ack:
        """Apply a request of the seat ``code`` (person ``name``) and publish what it
        committed; the outcome, also kept for a resend of the same id.

        The control cell's screen in the host's terminal acts through this too, so its
        requests are checked and recorded exactly as a joined seat's are.
        """
        teams = self._teams_for(code, request)
        try:
            if not teams:
                raise ProtocolError("request.team", team=request.team or "")
            committed = [(team, self._apply(code, name, team, request)) for team in teams]
        except ActionError as err:
            ack = Ack(request.id, False, Refusal.of(err.said, "engine"))
        except ProtocolError as err:
            ack = Ack(request.id, False, Refusal.of(err.said, "exercise"))
        else:
            ack = Ack(request.id, True)
            for team, events in committed:
                self._publish(team, events)
            self._clock_changed(moved=request.kind == RequestKind.JUMP)
        for team in teams:
            team.applied[request.id] = ack
        return ack

    def _apply(self, code: SeatCode, name: str, team: Team, request: Request) -> list[Event]:
        role, engine = code.role, team.engine
        kind = request.kind
        if role == SeatRole.WALL:
            # It shows the exercise and nothing more: told so, whatever it asked.
            raise ProtocolError("wall.read_only")
        if kind not in _ALLOWED[role]:
            raise ProtocolError("role.may_not", role=str(role), kind=str(kind))
        if kind in CLOCK_REQUESTS:
            return _clock_request(engine, request)
        fields = request.action or {}
        if role in TRAINEE_VIEW:
            fields = team.view.fields(fields)  # the items it names by their aliases
        if kind == RequestKind.ADHOC:
            return _adhoc(engine, fields)
        action = _action_request(fields, code, name, request.id)
        if kind == RequestKind.EVALUATE:
            if not action.evaluation:
                raise ProtocolError("role.may_not", role=str(role), kind=action.kind)
            return engine.evaluate(action)
        if action.evaluation:
            raise ProtocolError("role.may_not", role=str(role), kind=action.kind)
        if role in TRAINEES:
            if action.kind not in ROLE_ACTIONS[role]:
                raise ProtocolError("role.may_not", role=str(role), kind=action.kind)
            approval = engine.scenario.team.approval == Approval.REQUIRED
            if action.kind in PUBLISHES and not publishes_itself(role, approval):
                raise ProtocolError("approval.needed", kind=action.kind)
            return engine.act(action)
        # An observer's or the control cell's note is an observer's note, never the team's.
        if action.kind != "note":
            raise ProtocolError("role.may_not", role=str(role), kind=action.kind)
        return engine.act(replace(action, observer=True))


def _clock_request(engine: Engine, request: Request) -> list[Event]:
    kind = request.kind
    if engine.ended:
        raise ActionError("ended")
    if kind == RequestKind.PAUSE:
        return engine.pause() if engine.clock.running else []
    if kind == RequestKind.RESUME:
        return [] if engine.clock.running else engine.resume()
    if kind == RequestKind.SPEED:
        low, high = SPEEDS
        if request.value is None or not low <= request.value <= high:
            raise ProtocolError("request.speed", low=low, high=high)
        return engine.set_speed(request.value)
    if kind == RequestKind.JUMP:
        if request.value is None or request.value < 0:
            raise ProtocolError("request.jump")
        return engine.jump_to(request.value)
    return engine.end("ended by facilitator")


def _adhoc(engine: Engine, fields: dict[str, Any]) -> list[Event]:
    """A facilitator's item from a request's fields, checked as the console's form is."""
    values: dict[str, str | None] = {}
    for name in ("persona", "kind", "text", "channel", "truth"):
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise ProtocolError("message.field", kind="request", field=name)
        values[name] = value
    within = fields.get("within")
    if within is not None and (isinstance(within, bool) or not isinstance(within, int)):
        raise ProtocolError("message.field", kind="request", field="within")
    persona, kind, text = values["persona"], values["kind"], values["text"]
    if not persona or not kind or not text:
        raise ProtocolError("message.field", kind="request", field="text")
    return engine.adhoc(persona, kind, text, values["channel"], values["truth"], within)


_TRAINEE_REQUESTS = frozenset({RequestKind.ACTION})
_ALLOWED: dict[SeatRole, frozenset[RequestKind]] = {
    SeatRole.LEADER: _TRAINEE_REQUESTS,
    SeatRole.PRESS: _TRAINEE_REQUESTS,
    SeatRole.SOCIAL: _TRAINEE_REQUESTS,
    SeatRole.OBSERVER: frozenset({RequestKind.ACTION, RequestKind.EVALUATE}),
    SeatRole.WALL: frozenset(),
    SeatRole.FACILITATOR: frozenset(RequestKind),
}


def _action_request(
    fields: dict[str, Any], code: SeatCode, name: str, request_id: str
) -> ActionRequest:
    """The engine's request from a seat's fields; the author is the seat's, never what the
    seat says it is. Fields of the wrong type are refused by the engine's own check."""
    kind = fields.get("do")
    to = fields.get("to") or []
    if not isinstance(kind, str):
        raise ProtocolError("message.field", kind="request", field="do")
    if not isinstance(to, list) or not all(isinstance(t, str) for t in to):
        raise ProtocolError("message.field", kind="request", field="to")
    values: dict[str, Any] = {}
    for field_name in ACTION_FIELDS:
        value = fields.get(field_name)
        if value is not None and not isinstance(value, str):
            raise ProtocolError("message.field", kind="request", field=field_name)
        values[field_name] = value
    return ActionRequest(
        kind=kind,
        to=tuple(to),
        text=values.pop("text") or "",
        by=name,
        request=request_id,
        seat=code.seat,
        **values,
    )


async def _read_line(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(b"\n")
    except asyncio.LimitOverrunError:
        raise ProtocolError("line.too_long", limit=MAX_SEAT_LINE) from None


def _write(writer: asyncio.StreamWriter, message: Message) -> None:
    if not writer.is_closing():
        writer.write(encode(message))
