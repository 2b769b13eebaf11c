"""An exercise kept on a real PostgreSQL server, played by real processes of the installed
command: a host (and standbys), seat servers, and seats that join a seat server."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from simulator.engine.pgstore import PgStore
from simulator.exercise.database import team_session
from simulator.exercise.host import SOCKET_NAME, runtime_folder
from simulator.exercise.protocol import RequestKind
from simulator.exercise.seat import Seat
from tests.helpers import cli_path
from tests.hosting import wait_until
from tests.pgserver import NoServer, PgServer, pg_cluster
from tests.web_hosting import listens


class Program:
    """One process of the command, its output kept in files of its own."""

    def __init__(self, folder: Path, name: str, *args: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.out = folder / f"{name}.out"
        self.err = folder / f"{name}.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.proc = subprocess.Popen(
                [cli_path(), "--lang", "en", *args],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=folder,
            )

    @property
    def socket(self) -> Path:
        """Where its seats join."""
        return runtime_folder(self.folder / "sessions") / SOCKET_NAME

    def said(self) -> str:
        """What it printed so far, both streams."""
        return self.out.read_text() + self.err.read_text()

    def wait_for(self, text: str, limit: float = 90.0) -> None:
        """Until it has printed ``text``; fails if it ends first."""
        wait_until(lambda: text in self.said(), [self.proc], limit=limit)

    def listening(self) -> None:
        """Until its seats can join."""
        wait_until(lambda: listens(self.socket), [self.proc])


class DbExercise:
    """``crisis-sim host SCENARIO --store URL`` and what joins it."""

    def __init__(self, tmp: Path, url: str, scenario: str, *options: str) -> None:
        tmp.mkdir(parents=True, exist_ok=True)
        self.tmp = tmp
        # The programs' folders, where their sockets are: a socket's path is limited to
        # about a hundred bytes, which a test's own folder may already take up.
        self.short = Path(tempfile.mkdtemp(prefix="cs-"))
        self.url = url
        self.count = 0
        self.programs: list[Program] = []
        self.codes_file = tmp / "codes.json"
        self.host = self._program(
            "host",
            "host",
            scenario,
            "--store",
            url,
            "--session-dir",
            "sessions",
            "--codes-file",
            str(self.codes_file),
            *options,
        )
        wait_until(self.codes_file.exists, [self.host.proc])
        self.host.listening()
        self.codes: dict[str, Any] = json.loads(self.codes_file.read_text())
        with psycopg.connect(url, autocommit=True) as conn:
            (name,) = conn.execute("SELECT name FROM crisis_sim.exercises").fetchone() or ("",)
        self.name = str(name)

    def _program(self, kind: str, *args: str) -> Program:
        self.count += 1
        program = Program(self.short / f"{kind}-{self.count}", kind, *args)
        self.programs.append(program)
        return program

    def code(self, role: str, team: str = "1") -> str:
        """The join code of ``role`` in ``team``."""
        return str(self.codes["teams"][team][role])

    def standby(self) -> Program:
        """A second host on the exercise, once it waits as the standby."""
        program = self._program(
            "host", "host", "--resume", self.name, "--store", self.url, "--session-dir", "sessions"
        )
        program.wait_for("waits as its standby")
        return program

    def seat_server(self) -> Program:
        """``crisis-sim serve`` of the exercise, once its seats can join."""
        program = self._program(
            "serve", "serve", self.name, "--store", self.url, "--session-dir", "sessions"
        )
        program.listening()
        return program

    def log(self, team: str = "1") -> list[dict[str, Any]]:
        """Every event of a team's log, as ``export`` prints them."""
        store = PgStore.open(self.url, team_session(self.name, team), readonly=True)
        try:
            return [e.as_record() for e in store.events()]
        finally:
            store.close()

    def kill_all(self) -> None:
        """Kill whatever the test started and did not end."""
        for program in self.programs:
            if program.proc.poll() is None:
                program.proc.kill()
            program.proc.wait()
        shutil.rmtree(self.short, ignore_errors=True)


class Follower:
    """A seat joined to a seat server: what it was sent, and its requests."""

    def __init__(self, socket_path: Path, code: str, name: str) -> None:
        self.seqs: list[int] = []
        self.events: list[dict[str, Any]] = []
        self.seat = Seat(socket_path, code, name, self._got, backoff=(0.05, 0.5))

    def _got(self, events: list[dict[str, Any]], team: str) -> None:
        self.events.extend(events)
        self.seqs.extend(int(e["seq"]) for e in events)

    async def sent(self, upto: int, within: float = 60.0) -> None:
        """Until the seat has been sent its team's log up to event ``upto``."""
        async with asyncio.timeout(within):
            while self.seat.last.get("1", 0) < upto:
                await asyncio.sleep(0.02)

    async def note(self, text: str, within: float = 120.0) -> bool:
        """Send a note of the team; whether the host applied it (a failure, not a hang,
        when no answer comes ``within`` seconds)."""
        async with asyncio.timeout(within):
            ack = await self.seat.request(RequestKind.ACTION, {"do": "note", "text": text})
        return ack.ok


def notes_in(log: list[dict[str, Any]]) -> list[str]:
    """The texts of the team's notes, in the log's order."""
    return [str(e["text"]) for e in log if e["type"] == "note"]


def increasing(values: list[int]) -> bool:
    """Whether each value is above the one before."""
    return all(b > a for a, b in itertools.pairwise(values))


@contextlib.contextmanager
def pg_or_skip() -> Iterator[PgServer]:
    """A PostgreSQL server of its own; skipped where none can be started, unless CI
    requires one (CRISIS_SIM_REQUIRE_POSTGRESQL), where that fails."""
    try:
        cluster = pg_cluster()
        server = cluster.__enter__()
    except NoServer as err:
        if os.environ.get("CRISIS_SIM_REQUIRE_POSTGRESQL"):
            pytest.fail(str(err))
        pytest.skip(str(err))
    try:
        yield server
    finally:
        cluster.__exit__(None, None, None)
