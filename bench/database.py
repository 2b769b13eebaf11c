"""Seats on several machines through one PostgreSQL server, beside the same room on one
machine with session files.

A PostgreSQL server the benchmark starts itself (the tests' helper, in a temporary folder,
with its default durability: each commit on disk before it returns) holds a ten-team
exercise of `bench/seats.yaml`'s scenario, at speed 1 with its background chatter; its
host runs with `--store`, and **2 seat servers** (`crisis-sim serve`) serve **25 seats
each** (ten teams of five: leader, press, social, observer, wall). The seats are the
protocol's own client, many in this one process, so the figures are the transport's: the
consoles' own cost is the seats benchmark's. The baseline is the same 50 seats joined to
one host on one machine with session files (SQLite), measured in the same run.

- **Action to every seat**: the control cell, joined to the first seat server (to the host
  on one machine), sends an ad-hoc item to every team; the time from sending it until each
  of the 50 seats has it, the slowest seat of each of 40 items (10 in quick mode), as
  median and p99.
- **Events per second**: each team's leader sends notes back to back (the next once the
  last is answered) for 10 seconds (4 in quick mode): the requests answered per second,
  each one event committed and delivered to its team's seats.
- **Failover**: with a standby waiting, the host is killed (`kill -9`) and a seat sends a
  note at once: the time until the note is answered, by the standby. Its baseline is the
  same with no standby, a host started again by hand at once (`host --resume`).

Targets: an action reaches every seat within 250 ms at p99, as for the seats on one
machine; the events per second are at least what ten teams of `jordras` at speed 10
produce (its log of seed 1, run headless in this benchmark, over its duration at speed
10, times ten); a failover within 5 seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Result, percentile
from bench.room import ROOT, SCENARIO, SEATS_PER_TEAM
from tests.pgserver import pg_cluster
from tests.web_hosting import listens

ROLES = ("leader", "press", "social", "observer", "wall")
SEATS, SEAT_SERVERS, TEAMS = 50, 2, 10
LATENCY_TARGET_MS = 250.0
FAILOVER_TARGET_S = 5.0
WAIT = 120.0


def _command(*args: str, cwd: Path, out: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "simulator", "--lang", "en", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )


async def _until(condition: Any, what: str, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: the process ended with {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def _socket(folder: Path) -> Path:
    from simulator.exercise.host import SOCKET_NAME, runtime_folder

    return runtime_folder(folder / "sessions") / SOCKET_NAME


class Room:
    """Fifty seats and a control cell, joined to the sockets given."""

    def __init__(self, codes: dict[str, Any]) -> None:
        self.codes = codes
        self.seen: list[dict[str, float]] = []
        self.seats: list[Any] = []
        self.control: Any = None

    async def join(self, sockets: list[Path]) -> None:
        from simulator.exercise.seat import Seat

        for index in range(SEATS):
            team = str(index // SEATS_PER_TEAM + 1)
            code = self.codes["teams"][team][ROLES[index % len(ROLES)]]
            seen: dict[str, float] = {}
            self.seen.append(seen)
            seat = Seat(sockets[index % len(sockets)], code, f"s{index}", self._taker(seen))
            await seat.connect()
            self.seats.append(seat)
        self.control = Seat(sockets[0], self.codes["facilitator"], "control")
        await self.control.connect()

    @staticmethod
    def _taker(seen: dict[str, float]) -> Any:
        def take(events: list[dict[str, Any]], team: str) -> None:
            now = time.monotonic()
            for event in events:
                text = str(event.get("text") or "")
                if text.startswith("probe-"):
                    seen.setdefault(text, now)

        return take

    async def latency(self, items: int) -> list[float]:
        """Milliseconds until the slowest seat had each of ``items`` ad-hoc items."""
        from simulator.exercise.protocol import RequestKind

        slowest = []
        for number in range(items):
            token = f"probe-{number}-{time.monotonic_ns()}"
            sent = time.monotonic()
            ack = await self.control.request(
                RequestKind.ADHOC, {"persona": "resident", "kind": "post", "text": token}
            )
            if not ack.ok:
                raise RuntimeError(f"the ad-hoc item was refused: {ack.refusal}")
            await _until(lambda t=token: all(t in seen for seen in self.seen), "every seat")
            slowest.append((max(seen[token] for seen in self.seen) - sent) * 1000)
            await asyncio.sleep(0.2)
        return slowest

    async def throughput(self, seconds: float) -> float:
        """Requests answered per second, each team's leader sending notes back to back."""
        from simulator.exercise.protocol import RequestKind

        leaders = [s for i, s in enumerate(self.seats) if i % len(ROLES) == 0]
        end = time.monotonic() + seconds
        counts = [0] * len(leaders)

        async def send(index: int) -> None:
            while time.monotonic() < end:
                ack = await leaders[index].request(
                    RequestKind.ACTION, {"do": "note", "text": f"n{index}-{counts[index]}"}
                )
                counts[index] += ack.ok

        started = time.monotonic()
        await asyncio.gather(*(send(i) for i in range(len(leaders))))
        return sum(counts) / (time.monotonic() - started)

    async def close(self) -> None:
        for seat in [*self.seats, self.control]:
            if seat is not None:
                await seat.close()


async def _host(
    folder: Path, scenario: Path, *store: str
) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    codes = folder / "codes.json"
    proc = _command(
        "host", str(scenario), "--teams", str(TEAMS), "--speed", "1", "--seed", "1",
        "--session-dir", "sessions", "--codes-file", str(codes), *store,
        cwd=folder, out=folder / "host.out",
    )  # fmt: skip
    await _until(lambda: codes.exists() and listens(_socket(folder)), "the host", proc)
    return proc, json.loads(codes.read_text(encoding="utf-8"))


async def _answered_after_kill(
    host: subprocess.Popen[bytes], seat: Any, start_again: Callable[[], None] | None = None
) -> float:
    """Kill the host (and start another at once, if given), then send a note: seconds
    from the kill until the note is answered."""
    from simulator.exercise.protocol import RequestKind

    killed = time.monotonic()
    host.send_signal(signal.SIGKILL)
    host.wait()
    if start_again is not None:
        start_again()
    ack = await asyncio.wait_for(
        seat.request(RequestKind.ACTION, {"do": "note", "text": "after the kill"}), WAIT
    )
    if not ack.ok:
        raise RuntimeError("the note after the kill was refused")
    return time.monotonic() - killed


async def on_database(folder: Path, url: str, quick: bool) -> dict[str, Any]:
    """The room through two seat servers and PostgreSQL, and the failover."""
    import psycopg

    processes: list[subprocess.Popen[bytes]] = []
    room: Room | None = None
    try:
        host_dir = folder / "host"
        host_dir.mkdir()
        host, codes = await _host(host_dir, SCENARIO, "--store", url)
        processes.append(host)
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT name FROM crisis_sim.exercises").fetchone()
        name = str(row[0]) if row else ""
        sockets = []
        for number in range(SEAT_SERVERS):
            place = folder / f"site-{number + 1}"
            place.mkdir()
            relay = _command(
                "serve", name, "--store", url, "--session-dir", "sessions",
                cwd=place, out=place / "serve.out",
            )  # fmt: skip
            processes.append(relay)
            await _until(lambda p=place: listens(_socket(p)), "a seat server", relay)
            sockets.append(_socket(place))
        room = Room(codes)
        await room.join(sockets)
        latency = await room.latency(10 if quick else 40)
        rate = await room.throughput(4 if quick else 10)

        standby_dir = folder / "standby"
        standby_dir.mkdir()
        standby = _command(
            "host", "--resume", name, "--store", url, "--session-dir", "sessions",
            cwd=standby_dir, out=standby_dir / "host.out",
        )  # fmt: skip
        processes.append(standby)
        await _until(
            lambda: "standby" in (standby_dir / "host.out").read_text(), "the standby", standby
        )
        failover = await _answered_after_kill(host, room.seats[0])

        again_dir = folder / "again"
        again_dir.mkdir()

        def start_again() -> None:
            again = ("host", "--resume", name, "--store", url, "--session-dir", "sessions")
            processes.append(_command(*again, cwd=again_dir, out=again_dir / "host.out"))

        by_hand = await _answered_after_kill(standby, room.seats[0], start_again)
        return {"latency": latency, "rate": rate, "failover": failover, "by_hand": by_hand}
    finally:
        if room is not None:
            await room.close()
        for proc in processes:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in processes:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def on_one_machine(folder: Path, quick: bool) -> dict[str, Any]:
    """The same room joined to one host with session files."""
    room: Room | None = None
    host: subprocess.Popen[bytes] | None = None
    try:
        host, codes = await _host(folder, SCENARIO)
        room = Room(codes)
        await room.join([_socket(folder)])
        latency = await room.latency(10 if quick else 40)
        rate = await room.throughput(4 if quick else 10)
        return {"latency": latency, "rate": rate}
    finally:
        if room is not None:
            await room.close()
        if host is not None:
            host.send_signal(signal.SIGINT)
            host.wait(timeout=60)


def ten_teams_at_speed_10(folder: Path) -> float:
    """Events per second that ten teams of jordras produce at speed 10 (seed 1)."""
    from simulator.engine.store import SessionStore

    session = folder / "jordras.sqlite"
    subprocess.run(
        [sys.executable, "-m", "simulator", "simulate", "jordras", "--seed", "1",
         "--session", str(session)],
        check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    store = SessionStore.open(session, readonly=True)
    try:
        events = store.count()
        last = store.last_event()
        duration = last.t if last is not None else 1.0
    finally:
        store.close()
    return events / (duration / 10) * 10


def run(quick: bool = False) -> list[Result]:
    """The room on PostgreSQL, then on one machine, each in a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="bench-database-") as tmp:
        folder = Path(tmp)
        needed = ten_teams_at_speed_10(folder)
        with pg_cluster(durable=True) as server:
            database = server.new_database()
            (folder / "pg").mkdir()
            pg = asyncio.run(on_database(folder / "pg", server.url(database), quick))
        (folder / "sqlite").mkdir()
        local = asyncio.run(on_one_machine(folder / "sqlite", quick))
    rows = []
    where = f"{SEAT_SERVERS} seat servers × {SEATS // SEAT_SERVERS} seats, {TEAMS} teams"
    for label, share in (("median", 0.5), ("p99", 0.99)):
        figure, base = percentile(pg["latency"], share), percentile(local["latency"], share)
        rows.append(
            Result(
                f"database: action to every seat, {label} ({where}, PostgreSQL)",
                figure,
                base,
                "ms",
                f"p99 ≤ {LATENCY_TARGET_MS:.0f} ms",
                percentile(pg["latency"], 0.99) <= LATENCY_TARGET_MS,
                f"baseline: the same 50 seats on one host with session files; "
                f"{len(pg['latency'])} items, mean {statistics.fmean(pg['latency']):.1f} ms",
            )
        )
    rows.append(
        Result(
            f"database: events per second ({where}, PostgreSQL)",
            pg["rate"],
            local["rate"],
            "events/s",
            f"≥ {needed:.1f} events/s (ten teams of jordras at speed 10)",
            pg["rate"] >= needed,
            "each a note answered and delivered; baseline: one host with session files",
        )
    )
    rows.append(
        Result(
            "database: failover, kill -9 of the host to a seat's request answered",
            pg["failover"],
            pg["by_hand"],
            "s",
            f"≤ {FAILOVER_TARGET_S:.0f} s",
            pg["failover"] <= FAILOVER_TARGET_S,
            "by the standby; baseline: no standby, a host started again at once",
        )
    )
    return rows


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result.line())
