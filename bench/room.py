"""What the benchmarks of many seats share: a room of seats driven through an exercise.

A real ``crisis-sim host`` serves ``bench/seats.yaml`` to seats in teams of five; a seat's
console is read as a terminal would read it (:class:`Screen`), however its bytes travel
(a pseudo-terminal, a websocket). :class:`Room` holds what a run does whatever the seats
are: the host and the control cell's connection (which pauses, resumes, and is the
latency's baseline), the phases (paused while the seats join, quiet, surge, paused), the
seats' rounds of steps, and what each process costs. :func:`results` turns a run's
figures into rows. The benchmarks say how their seats start and are read.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench.common import Result, percentile

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = Path(__file__).resolve().parent / "seats.yaml"
SIZE = (100, 30)  # columns, rows
ACT_EVERY = 4.0  # seconds between one seat's steps
#: A seat's round of steps, one every ACT_EVERY seconds, again and again: the rhythm of
#: someone working the lists (reading, flagging, taking an item) who also publishes a
#: statement in every round. The statement is the step whose arrival on the teammates'
#: screens is timed.
STEPS = ("statement", "flag", "read", "claim", "read")
DOWN, HOME = b"\x1b[B", b"\x1b[H"
CLAIM_TOASTS = ("toast.claimed", "toast.released")
LATENCY_TARGET_MS = 250.0
QUIET_TARGET, SURGE_TARGET = 2.0, 3.5  # per cent of one core, per seat
SEAT_MB_TARGET, TOTAL_MB_TARGET = 120, 8 * 1024
PHASE_TARGETS = {"quiet": QUIET_TARGET, "surge": SURGE_TARGET, "paused": QUIET_TARGET}
CORES = 2  # the machine the targets are for
CORES_HERE = os.cpu_count() or 1
SATURATED = 0.9  # the share of this machine's cores from which the seats queue for them
_SATURATED = (
    "the machine's cores were busy all the time: the seats queued for them, so the figure "
    "is what they got, less than what they asked for"
)
#: The seats of each team and the codes they join with: the roles that publish
#: statements themselves (the benchmark's scenario has no approval step).
ROLES = ("leader", "social")
#: Seats per team: 10 seats are 2 teams, 50 are 10, as a room of several teams is.
SEATS_PER_TEAM = 5
TOKEN = re.compile(rb"zq\d{5}")
SETTLE = 2.0  # seconds left out after each phase starts, for what the change set off
STARTING_AT_ONCE = 4  # seats started together: more would only queue for the cores
WAIT = 60.0  # the longest wait for a seat or the host to start or stop
ACT_WAIT = 10.0  # the longest wait for each step of an action
BASELINE_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Static('Benchmark of many seats')\n"
    "Bare().run()\n"
)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Where the phases are in scenario time, and how long the pause lasts (seconds)."""

    surge_from: float
    surge_to: float
    paused: float


def timeline(quick: bool) -> tuple[Timeline, float]:
    """The phases of the scenario file, and the factor its times are scaled by (quick
    mode shortens every phase; the rates stay)."""
    rates = [point["at"] for point in scenario()["noise"][0]["rate"]]
    scale = 0.3 if quick else 1.0
    # The surge is the stretch between the jumps up to and down from its rate.
    return Timeline(rates[2] * scale, rates[4] * scale, 5.0 if quick else 10.0), scale


def scenario() -> dict[str, Any]:
    """The benchmark's scenario file, as plain data."""
    loaded: dict[str, Any] = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    return loaded


def write_scenario(folder: Path, scale: float) -> str:
    """The scenario, its rate points scaled, as a file named by its id in ``folder``: a
    seat loads the scenario by the id the host tells it."""
    data = scenario()
    for stream in data["noise"]:
        for point in stream["rate"]:
            point["at"] = round(point["at"] * scale)
    name = str(data["id"])
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return name


# -- processes and what they cost ---------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_mb(pid: int) -> float:
    """A process's own high-water mark of resident memory, VmHWM."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still there, oldest first."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(child) for child in f.read().split()]
    return sorted(found)


def descendants(pid: int) -> list[int]:
    """``pid``'s children, theirs, and so on."""
    found = children(pid)
    return found + [grandchild for child in found for grandchild in descendants(child)]


def alive(pid: int) -> bool:
    """Whether a process is still running (a zombie has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Screen:
    """What one seat's console draws, read as a terminal would read it as it comes, and
    watched for text. How the bytes travel, and how keys go back, is the subclass's."""

    def __init__(self, name: str) -> None:
        self.name = name
        #: Tokens this screen has not shown yet, with the moment they were published.
        self.watching: dict[bytes, float] = {}
        #: When each watched token appeared here.
        self.seen: dict[bytes, float] = {}
        self.expects: list[tuple[bytes, asyncio.Future[None]]] = []
        self.tail = b""
        #: The last few kilobytes of output, to tell what went wrong when something does.
        self.recent = b""
        self.received = 0
        #: How many pieces the output came in (reads, or websocket messages).
        self.pieces = 0

    def take(self, chunk: bytes) -> None:
        """Read what the console drew."""
        now = time.monotonic()
        self.received += len(chunk)
        self.pieces += 1
        text = self.tail + chunk
        # A token or a phrase split between two reads is found in the next one.
        self.tail = text[-64:]
        self.recent = (self.recent + chunk)[-4096:]
        for token in [t for t in self.watching if t in text]:
            self.seen[token] = now
            del self.watching[token]
        for phrase, done in list(self.expects):
            if phrase in text and not done.done():
                done.set_result(None)
        self.expects = [(p, d) for p, d in self.expects if not d.done()]

    def watch(self, phrase: bytes) -> asyncio.Future[None]:
        """A future done once ``phrase`` appears in the output from now on."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.expects.append((phrase, done))
        return done

    async def expect(self, phrase: bytes, write: bytes = b"", wait: float = WAIT) -> None:
        """Write ``write``, then wait until ``phrase`` appears in what comes after."""
        await self.expect_any([phrase], write, wait)

    async def expect_any(
        self, phrases: list[bytes], write: bytes = b"", wait: float = WAIT
    ) -> None:
        """Write ``write``, then wait until one of ``phrases`` appears in what comes after."""
        watched = [self.watch(phrase) for phrase in phrases]
        if write:
            await self.send(write)
        try:
            await asyncio.wait_for(asyncio.wait(watched, return_when="FIRST_COMPLETED"), wait)
        finally:
            for future in watched:
                future.cancel()

    def said(self) -> str:
        """The last output as plain text, without the terminal's control sequences."""
        plain = re.sub(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|.)", b" ", self.recent)
        return " ".join(plain.decode("utf-8", "replace").split())[-800:]

    # -- what each way of serving a console does its own way ------------------------------

    @property
    def pids(self) -> list[int]:
        """The processes of this seat, whose cost is the seat's."""
        raise NotImplementedError

    async def send(self, data: bytes) -> None:
        """Send keys, as a person typing them."""
        raise NotImplementedError

    async def close(self) -> None:
        """Ask the console to end, as closing its window would."""
        raise NotImplementedError

    def ended(self) -> bool:
        """Whether every process of the seat is gone."""
        raise NotImplementedError

    def kill(self) -> None:
        """End what did not end when asked."""
        raise NotImplementedError

    def release(self) -> None:
        """Let go of what reading the console held, once it has ended."""


# -- one run ----------------------------------------------------------------------------


@dataclass(slots=True)
class Action:
    """One statement: which seat published it and when (monotonic), and when a bare protocol
    client of the host had it."""

    seat: int
    pressed: float
    wire: float | None = None
    #: When the publishing seat said the host had recorded it.
    acknowledged: float | None = None


@dataclass(slots=True)
class Phase:
    """CPU seconds of every process at the start and end of one phase, and what the run
    counted over it (items delivered, bytes the seats received)."""

    started: float = 0.0
    ended: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    before: dict[int, float] = field(default_factory=dict)
    after: dict[int, float] = field(default_factory=dict)

    def start(self, pids: Iterable[int], counts: dict[str, int]) -> None:
        """Read the processes' times now, and the counts so far, as the start."""
        self.started, self.before = time.monotonic(), {p: cpu_seconds(p) for p in pids}
        self.counts = {name: -count for name, count in counts.items()}

    def end(self, pids: Iterable[int], counts: dict[str, int]) -> None:
        """Read them again, as its end."""
        self.ended, self.after = time.monotonic(), {p: cpu_seconds(p) for p in pids}
        for name, count in counts.items():
            self.counts[name] += count

    def percent(self, pids: Iterable[int]) -> float:
        """Processes' CPU over the phase, together, in per cent of one core."""
        used = sum(self.after[pid] - self.before[pid] for pid in pids)
        return 100 * used / (self.ended - self.started)


class Room:
    """One exercise with ``seats`` seats, from starting the host to the last process gone.
    A subclass starts the seats and the baseline's bare app (:meth:`start_seats`)."""

    def __init__(self, seats: int, folder: Path, line: Timeline, scenario: str) -> None:
        self.size = seats
        self.folder = folder
        self.line = line
        self.scenario = scenario
        self.seats: list[Screen] = []
        self.baseline: Screen | None = None
        self.host: subprocess.Popen[bytes] | None = None
        self.actions: dict[bytes, Action] = {}
        self.phases = {name: Phase() for name in ("quiet", "surge", "paused")}
        #: Set when the seats stop acting.
        self.still = asyncio.Event()
        self.tokens = itertools.count()
        self.clock: Any = None
        self.clock_at = 0.0
        self.failed_actions = 0
        self.steps = 0  # steps taken by the seats (STEPS)
        self.first_failure = ""
        #: The seats that did not close within WAIT of being asked, and their last screen.
        self.killed: list[str] = []
        #: Items delivered so far, as the control cell's connection counted them.
        self.delivered = 0
        self.peaks: dict[int, float] = {}
        self.started = time.monotonic()

    @property
    def teams(self) -> int:
        """How many teams the seats make up."""
        return -(-self.size // SEATS_PER_TEAM)

    def team_of(self, index: int) -> str:
        """The team of seat ``index``."""
        return str(index // SEATS_PER_TEAM + 1)

    def code_of(self, index: int, codes: dict[str, Any]) -> str:
        """The code seat ``index`` joins with: its team's leader's or social officer's."""
        code: str = codes["teams"][self.team_of(index)][ROLES[index % len(ROLES)]]
        return code

    def teammates(self, index: int) -> list[Screen]:
        """The other seats of seat ``index``'s team: those that show what it publishes."""
        team = self.team_of(index)
        return [s for i, s in enumerate(self.seats) if i != index and self.team_of(i) == team]

    # -- the host and its control path ------------------------------------------------------

    def host_options(self) -> list[str]:
        """What the host is started with besides the exercise's own options."""
        return []

    async def start_host(self) -> dict[str, Any]:
        """Start the host; its codes once it listens."""
        session = self.folder / "sessions"
        codes = self.folder / "codes.json"
        self.host = subprocess.Popen(
            [sys.executable, "-m", "simulator", "host", self.scenario, "--session-dir",
             str(session), "--codes-file", str(codes), "--speed", "1", "--seed", "1",
             "--teams", str(self.teams), *self.host_options()],
            cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )  # fmt: skip
        await until(lambda: codes.exists() and codes.stat().st_size > 0, "the host's codes")
        loaded: dict[str, Any] = json.loads(codes.read_text(encoding="utf-8"))
        return loaded

    async def control(self, facilitator: str) -> Any:
        """The control cell's connection: it pauses and resumes, and is the baseline's
        bare protocol client (it sees every event as soon as the host sends it)."""
        from simulator.exercise.host import SOCKET_NAME, runtime_folder
        from simulator.exercise.seat import Seat

        socket_path = runtime_folder(self.folder / "sessions") / SOCKET_NAME
        control = Seat(socket_path, facilitator, "bench", self._events, on_clock=self._clock)
        await control.connect()
        return control

    def _events(self, records: list[dict[str, Any]], team: str) -> None:
        now = time.monotonic()
        self.delivered += sum(record.get("type") == "delivered" for record in records)
        for record in records:
            found = TOKEN.search(str(record.get("text") or "").encode())
            if found and found.group() in self.actions:
                action = self.actions[found.group()]
                action.wire = action.wire or now

    def _clock(self, clock: Any) -> None:
        self.clock, self.clock_at = clock, time.monotonic()

    def now(self) -> float:
        """Scenario time now, from the host's last clock reading."""
        clock = self.clock
        if clock is None:
            return 0.0
        running = clock.running and not clock.ended
        return float(clock.t + ((time.monotonic() - self.clock_at) * clock.speed if running else 0))

    async def until_scenario(self, t: float) -> None:
        """Wait until the scenario clock shows ``t``."""
        while (left := t - self.now()) > 0:
            await asyncio.sleep(min(left, 0.5))

    # -- seats ------------------------------------------------------------------------------

    async def start_seats(self, codes: dict[str, Any]) -> None:
        """Start the seats (each ready once it shows the exercise) and the baseline's bare
        app, beside them."""
        raise NotImplementedError

    async def act(self, index: int, first: float) -> None:
        """Seat ``index`` takes one step of its round (STEPS) every ACT_EVERY seconds from
        ``first`` (monotonic) while the exercise runs."""
        from simulator.tui.i18n import Catalogue

        words = Catalogue("en")
        seat = self.seats[index]
        # Each seat begins its round at a step of its own, so that at every moment the room
        # does a mix of work (in each team one statement every ACT_EVERY seconds), not every
        # seat the same step at once.
        steps = itertools.islice(itertools.cycle(STEPS), index % len(STEPS), None)
        slot = first
        while not self.still.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.still.wait(), max(0.0, slot - time.monotonic()))
                return
            slot += ACT_EVERY
            step = next(steps)
            self.steps += 1
            try:
                if step == "statement":
                    await self.publish(index, words)
                elif step == "flag":
                    await seat.expect(words("flag.title").encode(), HOME + b"f", ACT_WAIT)
                    flagged = words("toast.flagged", label="").split()[0].encode()
                    await seat.expect(flagged, words("flag.key.irrelevant").encode(), ACT_WAIT)
                elif step == "claim":
                    # t takes the item, or lets it go if this seat had taken it already
                    # (the first words of the toast: it may wrap after them).
                    said = [" ".join(words(key).split()[:3]).encode() for key in CLAIM_TOASTS]
                    await seat.expect_any(said, HOME + b"t", ACT_WAIT)
                else:  # reading: from the newest item down (the list follows what
                    # comes only while its newest items are in sight)
                    await seat.send(HOME + DOWN * 2)
            except TimeoutError:
                self._failed(seat, f"the step '{step}' did not complete")

    async def publish(self, index: int, words: Callable[..., str]) -> None:
        """Publish a statement whose token the teammates are watched for; TimeoutError if
        a step of it does not show."""
        opened, published = words("compose.statement").encode(), words("toast.published").encode()
        seat = self.seats[index]
        token = b"zq%05d" % next(self.tokens)
        await seat.expect(opened, b"s", ACT_WAIT)
        await seat.expect(token, token + b" statement from the benchmark", ACT_WAIT)
        pressed = time.monotonic()
        action = self.actions[token] = Action(index, pressed)
        for other in self.teammates(index):
            other.watching[token] = pressed
        # ctrl+s publishes; the seat says so once the host has recorded it, and closes its
        # composer: only then may the next "s" open a new one.
        await seat.expect(published, b"\x13", ACT_WAIT)
        action.acknowledged = time.monotonic()

    def _failed(self, seat: Screen, what: str) -> None:
        self.failed_actions += 1
        if not self.first_failure:
            self.first_failure = f"{seat.name}: {what}; its screen showed: {seat.said()}"

    # -- measuring --------------------------------------------------------------------------

    @property
    def pids(self) -> list[int]:
        """Every process measured: seats, the bare app, the host and this one."""
        assert self.host is not None and self.baseline is not None
        seats = [pid for seat in self.seats for pid in seat.pids]
        return seats + self.baseline.pids + [self.host.pid, os.getpid()]

    def counts(self) -> dict[str, int]:
        """What the run has counted so far: items delivered, what the seats received."""
        return {
            "delivered": self.delivered,
            "received": sum(seat.received for seat in self.seats),
            "pieces": sum(seat.pieces for seat in self.seats),
        }

    async def exercise(self, codes: dict[str, Any]) -> None:
        """Start the seats while the host is paused, then go through the phases."""
        from simulator.exercise.protocol import RequestKind

        control = await self.control(codes["facilitator"])
        try:
            await control.request(RequestKind.PAUSE)
            await self.start_seats(codes)
            await control.request(RequestKind.RESUME)
            start = time.monotonic()
            actors = [
                asyncio.create_task(self.act(i, start + i * ACT_EVERY / self.size))
                for i in range(self.size)
            ]
            line, phases = self.line, self.phases
            await asyncio.sleep(SETTLE)
            phases["quiet"].start(self.pids, self.counts())
            await self.until_scenario(line.surge_from)
            phases["quiet"].end(self.pids, self.counts())
            await self.until_scenario(line.surge_from + SETTLE / 2)
            phases["surge"].start(self.pids, self.counts())
            await self.until_scenario(line.surge_to)
            phases["surge"].end(self.pids, self.counts())
            self.still.set()
            await asyncio.gather(*actors)
            await control.request(RequestKind.PAUSE)
            await self._seen_or_given_up()
            await asyncio.sleep(SETTLE)
            phases["paused"].start(self.pids, self.counts())
            await asyncio.sleep(line.paused)
            phases["paused"].end(self.pids, self.counts())
            self.peaks = {pid: peak_mb(pid) for pid in self.pids}
            self.peaks[os.getpid()] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        finally:
            await control.close()

    async def _seen_or_given_up(self) -> None:
        """Wait until every seat has shown every statement, or a while at most."""
        deadline = time.monotonic() + 5.0
        while any(s.watching for s in self.seats) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)

    @property
    def screens(self) -> list[Screen]:
        """The seats and the baseline's bare app."""
        return [*self.seats, *([self.baseline] if self.baseline else [])]

    async def stop(self) -> None:
        """End every process, reading the consoles until they are gone."""
        screens = self.screens
        for screen in screens:
            await screen.close()
        with contextlib.suppress(TimeoutError):
            await until(lambda: all(s.ended() for s in screens), "seats")
        for screen in screens:
            if not screen.ended():
                self.killed.append(f"{screen.name}: {screen.said()}")
                screen.kill()
        if self.host is not None and self.host.poll() is None:
            self.host.send_signal(signal.SIGINT)
            await until(lambda: self.host is None or self.host.poll() is not None, "host ends")
        for screen in screens:
            screen.release()

    async def main(self) -> dict[str, Any]:
        """The whole run; its figures."""
        try:
            await self.exercise(await self.start_host())
        finally:
            await self.stop_anyway()
        return self.figures()

    async def stop_anyway(self) -> None:
        """Stop, and kill whatever would not stop."""
        try:
            await self.stop()
        except TimeoutError:
            for screen in self.screens:
                screen.kill()
            if self.host is not None and self.host.poll() is None:
                self.host.kill()
            raise

    # -- figures ----------------------------------------------------------------------------

    def figures(self) -> dict[str, Any]:
        """What the run measured, as plain numbers."""
        assert self.host is not None and self.baseline is not None
        pairs: list[float] = []
        on_all: list[float] = []
        wire: list[float] = []
        own: list[float] = []
        missed = 0
        for token, action in self.actions.items():
            others = self.teammates(action.seat)
            times = [s.seen[token] - action.pressed for s in others if token in s.seen]
            missed += len(others) - len(times)
            pairs += times
            if len(times) == len(others):
                on_all.append(max(times))
            if action.wire is not None:
                wire.append(action.wire - action.pressed)
            if action.acknowledged is not None:
                own.append(action.acknowledged - action.pressed)
        host, bench = [self.host.pid], [os.getpid()]
        cpu = {
            name: {
                "seats": [phase.percent(seat.pids) for seat in self.seats],
                "bare": phase.percent(self.baseline.pids),
                "host": phase.percent(host),
                "bench": phase.percent(bench),
                "seconds": phase.ended - phase.started,
                **phase.counts,
                "actions": sum(
                    phase.started <= a.pressed < phase.ended for a in self.actions.values()
                ),
            }
            for name, phase in self.phases.items()
        }
        return {
            "seats": self.size,
            "actions": len(self.actions),
            "failed_actions": self.failed_actions,
            "steps": self.steps,
            "first_failure": self.first_failure,
            "missed": missed,
            "pairs_ms": [t * 1000 for t in pairs],
            "on_all_ms": [t * 1000 for t in on_all],
            "wire_ms": [t * 1000 for t in wire],
            "own_ms": [t * 1000 for t in own],
            "cpu": cpu,
            "seat_mb": [sum(self.peaks[p] for p in seat.pids) for seat in self.seats],
            "bare_mb": sum(self.peaks[p] for p in self.baseline.pids),
            "host_mb": self.peaks[self.host.pid],
            "bench_mb": self.peaks[os.getpid()],
            "received_mb": sum(s.received for s in self.seats) / 1e6,
            "seconds": time.monotonic() - self.started,
            "killed": self.killed,
        }


async def started(ready: list[tuple[Screen, asyncio.Future[None]]], what: str) -> None:
    """Wait until each screen has shown what it was watched for; a RuntimeError with its
    output if one does not (``what``: what it did not do, "start")."""
    for screen, shown in ready:
        try:
            await asyncio.wait_for(shown, WAIT)
        except TimeoutError:
            raise RuntimeError(f"{screen.name} did not {what}: {screen.said()}") from None


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait until ``condition`` holds; TimeoutError after WAIT."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {WAIT:g} s for {what}")
        await asyncio.sleep(0.05)


def measure(
    room: Callable[[int, Path, Timeline, str], Room], seats: int, quick: bool
) -> dict[str, Any]:
    """One run with ``seats`` seats in a folder of its own."""
    line, scale = timeline(quick)
    folder = Path(tempfile.mkdtemp(prefix="bench-seats-"))
    try:
        name = write_scenario(folder, scale)
        return asyncio.run(room(seats, folder, line, name).main())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- results ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    """How the rows of one benchmark name its seats and baselines."""

    #: What each row's name begins with ("seats").
    prefix: str
    #: The number of seats at which latency is judged (the largest run).
    judged_at: int
    #: The baseline of CPU and memory per seat, one and several ("a bare Textual app").
    bare: str
    bares: str
    #: What this benchmark's own CPU went to ("reading the terminals").
    reading: str
    #: Where the seats' output went ("the seats' terminals").
    received: str
    #: How a seat is asked to close ("SIGTERM").
    asked: str


def _ms(values: list[float], share: float) -> float:
    return percentile(values, share) if values else float("nan")


def results(run: dict[str, Any], final: bool, words: Words, host_note: str = "") -> list[Result]:
    """The rows of one run, named in ``words``; ``final`` marks the largest, where the
    targets are judged; ``host_note`` is added to the host's row."""
    n = run["seats"]
    at = f"at {n} seats"
    name = words.prefix
    cpu = run["cpu"]
    pairs, on_all, wire = run["pairs_ms"], run["on_all_ms"], run["wire_ms"]
    p99 = _ms(pairs, 0.99)
    rows = [
        Result(
            f"{name}: action to another seat's screen, p99 {at}",
            p99,
            _ms(wire, 0.99),
            "ms",
            f"<= {LATENCY_TARGET_MS:g} ms at {words.judged_at} seats",
            p99 <= LATENCY_TARGET_MS or not final,
            f"{run['steps']} steps of the seats, {run['actions']} of them statements "
            f"({run['failed_actions']} steps not done in time), "
            f"{len(pairs)} appearances ({run['missed']} never seen): median "
            f"{_ms(pairs, 0.5):.0f} ms, max {max(pairs, default=float('nan')):.0f} ms; until "
            f"on every other seat: median {_ms(on_all, 0.5):.0f} ms, p99 "
            f"{_ms(on_all, 0.99):.0f} ms; until the publishing seat said it was recorded: "
            f"median {_ms(run['own_ms'], 0.5):.0f} ms, p99 {_ms(run['own_ms'], 0.99):.0f} ms; "
            f"baseline (a bare protocol client of the host): "
            f"median {_ms(wire, 0.5):.1f} ms, p99 {_ms(wire, 0.99):.1f} ms"
            + (f"; first failure: {run['first_failure']}" if run["first_failure"] else ""),
        )
    ]
    for phase, target in PHASE_TARGETS.items():
        figures = cpu[phase]
        mean = statistics.fmean(figures["seats"])
        busy = sum(figures["seats"]) + figures["host"] + figures["bench"] + figures["bare"]
        rows.append(
            Result(
                f"{name}: CPU per seat, {phase}, mean {at}",
                mean,
                figures["bare"],
                "% of a core",
                f"<= {target:g} %",
                mean <= target,
                f"over {figures['seconds']:.0f} s, {figures['actions']} statements published, "
                f"{figures['delivered']} items delivered (posts and statements); "
                f"max {max(figures['seats']):.2f} %, all "
                f"seats {sum(figures['seats']):.0f} %, host {figures['host']:.1f} %, this "
                f"benchmark {words.reading} {figures['bench']:.1f} %; baseline {words.bare}"
                + (f"; {_SATURATED}" if busy >= SATURATED * CORES_HERE * 100 else ""),
            )
        )
    surge = cpu["surge"]
    together = sum(surge["seats"]) + surge["host"]
    rows.append(
        Result(
            f"{name}: host CPU in the surge {at}",
            surge["host"],
            cpu["quiet"]["host"],
            "% of a core",
            f"seats and host within {CORES} cores",
            together <= CORES * 100,
            f"seats and host together {together:.0f} % of a core; host paused "
            f"{cpu['paused']['host']:.1f} %; baseline the host in the quiet phase"
            + (f"; {host_note}" if host_note else ""),
        )
    )
    seat_mb, total = run["seat_mb"], sum(run["seat_mb"]) + run["host_mb"]
    rows += [
        Result(
            f"{name}: peak memory per seat, max {at}",
            max(seat_mb),
            run["bare_mb"],
            "MB",
            f"<= {SEAT_MB_TARGET} MB",
            max(seat_mb) <= SEAT_MB_TARGET,
            f"mean {statistics.fmean(seat_mb):.0f} MB; baseline {words.bare}",
        ),
        Result(
            f"{name}: peak memory of the whole exercise {at}",
            total / 1024,
            n * run["bare_mb"] / 1024,
            "GB",
            f"<= {TOTAL_MB_TARGET / 1024:g} GB",
            total <= TOTAL_MB_TARGET,
            f"seats and host (host {run['host_mb']:.0f} MB), the sum of their peaks; "
            f"baseline {n} {words.bares}; this benchmark {run['bench_mb']:.0f} MB; "
            f"{words.received} received {run['received_mb']:.0f} MB; run took "
            f"{run['seconds']:.0f} s"
            + (
                f"; {len(run['killed'])} seats did not close within {WAIT:g} s of "
                f"{words.asked} and were killed, the first showing: {run['killed'][0]}"
                if run["killed"]
                else ""
            ),
        ),
    ]
    return rows
