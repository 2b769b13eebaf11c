"""A team exercise kept on a PostgreSQL server, for exercises that span machines.

The database holds what a host's folder holds on one machine: each team's session log
(``<exercise>/team-<n>``, ordinary sessions that ``score``, ``export``, ``replay`` and
``session copy`` read), the join codes and the scenario (``crisis_sim.exercises``), and
beside them what lets seat servers on other machines serve seats without a link to the
host: the clock as the host last told it (``crisis_sim.clocks``) and the seats' requests
with their outcomes (``crisis_sim.commands``, keyed by the request's id, so a request sent
twice is one command).

One host writes an exercise: it holds the exercise's advisory lock for as long as its
connection lives. A second host started on the same exercise waits for that lock as a
standby, and when the first dies, however it dies, takes it, restores every team's engine
from its log and goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from simulator.engine.engine import Engine
from simulator.engine.locations import Location
from simulator.engine.pgstore import (
    CHANNEL,
    EXERCISE_LOCK,
    PgStore,
    check_format,
    connect,
    failure,
    holder,
    said,
    set_up,
    where,
)
from simulator.engine.session import default_session_path, new_session
from simulator.engine.store import SessionBusy, SessionError
from simulator.exercise.codes import CodeTable
from simulator.exercise.folder import SCENARIO_FILE, Exercise, closing_on_error, roles_of
from simulator.exercise.host import private_folder
from simulator.exercise.protocol import Ack, Clock, encode
from simulator.files import write_output
from simulator.scenario.loader import LoadedScenario

#: How long a standby that took the exercise waits for the last host to let its logs go.
LET_GO = 30.0


def team_session(exercise: str, team: str) -> str:
    """The name of team ``team``'s session log in the database."""
    return f"{exercise}/team-{team}"


def exercise_key(name: str) -> int:
    """The exercise's advisory lock number: the same on every machine and every run."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") & 0x7FFFFFFF


@dataclass(frozen=True, slots=True)
class StoredExercise:
    """What the database holds of an exercise besides its logs."""

    name: str
    codes: CodeTable
    scenario_text: str
    teams: list[str]


def read_exercise(conn: psycopg.Connection[Any], url: str, name: str) -> StoredExercise:
    """The exercise ``name``, or SessionError saying there is none."""
    check_format(conn, url)
    row = conn.execute(
        "SELECT codes, scenario, teams FROM crisis_sim.exercises WHERE name = %s", (name,)
    ).fetchone()
    if row is None:
        raise SessionError(said("exercise.missing", name=name, where=where(url)))
    try:
        codes = CodeTable.parse(str(row[0]))
    except ValueError:
        raise SessionError(said("exercise.codes", name=name, where=where(url))) from None
    return StoredExercise(name, codes, str(row[1]), [str(n) for n in range(1, int(row[2]) + 1)])


def find_exercise(url: str, code: str) -> str | None:
    """The exercise a join code opens, among the database's exercises (newest first)."""
    conn = connect(url)
    try:
        check_format(conn, url)
        rows = conn.execute(
            "SELECT name, codes FROM crisis_sim.exercises ORDER BY created DESC"
        ).fetchall()
    except psycopg.Error as err:
        raise failure(err, url) from None
    finally:
        conn.close()
    for name, codes in rows:
        try:
            if CodeTable.parse(str(codes)).check(code) is not None:
                return str(name)
        except ValueError:
            continue
    return None


def local_folder(session_dir: Path, name: str, scenario_text: str) -> Path:
    """The folder on this machine where the seats' consoles read the scenario."""
    folder = private_folder(session_dir / name)
    scenario = folder / SCENARIO_FILE
    if not scenario.is_file() or scenario.read_text(encoding="utf-8") != scenario_text:
        write_output(scenario, scenario_text.encode("utf-8"))
    return folder


class Authority:
    """This program as the host of an exercise: the connection that holds its lock.

    Also the connection through which the host answers the seats' requests and tells
    the clock, so that only the host that holds the lock does either.
    """

    def __init__(self, url: str, name: str, conn: psycopg.Connection[Any]) -> None:
        self.url = url
        self.name = name
        self.conn = conn

    @classmethod
    def take(cls, url: str, name: str, waiting: Callable[[str], None]) -> Authority:
        """The exercise's lock, waited for while another host holds it (``waiting`` is
        told who, once, first)."""
        conn = connect(url)
        try:
            set_up(conn, url)
            key = exercise_key(name)
            got = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (EXERCISE_LOCK, key))
            if not _true(got.fetchone()):
                waiting(holder(conn, EXERCISE_LOCK, key))
                conn.execute("SELECT pg_advisory_lock(%s, %s)", (EXERCISE_LOCK, key))
        except psycopg.Error as err:
            conn.close()
            raise failure(err, url) from None
        except BaseException:
            conn.close()
            raise
        return cls(url, name, conn)

    def alive(self) -> bool:
        """Whether the connection that holds the lock still answers (then the lock is
        still this program's)."""
        try:
            self.conn.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def retake(self) -> bool:
        """After the server was out of reach: connect again and take the lock back if no
        other host took it meanwhile (False). SessionError while it cannot be reached."""
        with contextlib.suppress(psycopg.Error):
            self.conn.close()
        self.conn = connect(self.url)
        got = self.conn.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (EXERCISE_LOCK, exercise_key(self.name))
        )
        return _true(got.fetchone())

    def close(self) -> None:
        """Give the exercise up: a standby takes it."""
        self.conn.close()

    # -- what the host tells through the database ------------------------------------

    def tell_clock(self, clock: Clock) -> None:
        """Keep the clock as seats are told it, for the seat servers (stamped by the
        server's own time, so that no two machines' clocks are compared)."""
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO crisis_sim.clocks (exercise, t, speed, running, ended, at) "
                "VALUES (%s, %s, %s, %s, %s, now()) ON CONFLICT (exercise) DO UPDATE SET "
                "t = excluded.t, speed = excluded.speed, running = excluded.running, "
                "ended = excluded.ended, at = excluded.at",
                (self.name, clock.t, clock.speed, clock.running, clock.ended),
            )
            self.conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"k:{self.name}"))

    def open_commands(self) -> list[tuple[str, str, str, str]]:
        """The requests not yet answered, in the order they came: (id, code, name, line)."""
        rows = self.conn.execute(
            "SELECT id, code, name, request FROM crisis_sim.commands "
            "WHERE exercise = %s AND outcome IS NULL ORDER BY n",
            (self.name,),
        ).fetchall()
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    def answer(self, ack: Ack) -> None:
        """Record a request's outcome and tell the seat servers."""
        with self.conn.transaction():
            self.conn.execute(
                "UPDATE crisis_sim.commands SET outcome = %s WHERE exercise = %s AND id = %s",
                (encode(ack).decode().strip(), self.name, ack.id),
            )
            self.conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"a:{self.name}:{ack.id}"))


def _true(row: tuple[Any, ...] | None) -> bool:
    return bool(row and row[0])


def create(
    url: str,
    loaded: LoadedScenario,
    seed: int,
    teams: int,
    session_dir: Path,
    speed: float,
    waiting: Callable[[str], None],
) -> tuple[Exercise, Authority]:
    """A new exercise in the database, each team started, and this program its host.

    Every team plays the same scenario with the same seed. Raises SessionError on
    failure, leaving no session open.
    """
    name = default_session_path(loaded.scenario.id, session_dir).stem
    names = [str(n) for n in range(1, teams + 1)]
    codes = CodeTable.generate(names, roles_of(loaded))
    authority = Authority.take(url, name, waiting)
    engines: dict[str, Engine] = {}
    try:
        with closing_on_error(engines):
            try:
                authority.conn.execute(
                    "INSERT INTO crisis_sim.exercises (name, codes, scenario, teams) "
                    "VALUES (%s, %s, %s, %s)",
                    (name, codes.as_json().decode(), loaded.text, teams),
                )
            except psycopg.errors.UniqueViolation:
                shown = where(url)
                raise SessionError(said("exercise.exists", name=name, where=shown)) from None
            except psycopg.Error as err:
                raise failure(err, url) from None
            for team in names:
                location = Location(team_session(name, team), url)
                engines[team] = new_session(loaded, seed, location, clock=None)
            for engine in engines.values():
                engine.start(speed)
            folder = local_folder(session_dir, name, loaded.text)
    except BaseException:
        authority.close()
        raise
    return Exercise(folder, engines, codes), authority


def reopen(
    url: str, name: str, session_dir: Path, waiting: Callable[[str], None]
) -> tuple[Exercise, Authority, Clock | None]:
    """The exercise ``name`` of the database, once this program holds its lock (waiting
    as a standby while another host does), each team's engine restored from its log, and
    the clock as the last host told it (None if it never did)."""
    authority = Authority.take(url, name, waiting)
    engines: dict[str, Engine] = {}
    try:
        with closing_on_error(engines):
            try:
                stored = read_exercise(authority.conn, url, name)
                clock = last_clock(authority.conn, name)
            except psycopg.Error as err:
                raise failure(err, url) from None
            for team in stored.teams:
                store = _open_when_free(url, team_session(name, team))
                try:
                    engines[team] = Engine.restore(store)
                except BaseException:
                    store.close()
                    raise
            folder = local_folder(session_dir, name, stored.scenario_text)
    except BaseException:
        authority.close()
        raise
    return Exercise(folder, engines, stored.codes), authority, clock


def last_clock(conn: psycopg.Connection[Any], name: str) -> Clock | None:
    """The clock as the host last told it, worked out to now by the server's own time."""
    row = conn.execute(
        "SELECT t + CASE WHEN running THEN extract(epoch FROM now() - at) * speed ELSE 0 END, "
        "speed, running, ended FROM crisis_sim.clocks WHERE exercise = %s",
        (name,),
    ).fetchone()
    if row is None:
        return None
    return Clock(float(row[0]), float(row[1]), bool(row[2]), bool(row[3]))


def _open_when_free(url: str, session: str) -> PgStore:
    """A team's log, opened for writing: its last writer, a host that lost the exercise's
    lock while the server was out of reach, may hold it a moment longer, until it notices
    and lets go."""
    deadline = time.monotonic() + LET_GO
    while True:
        try:
            return PgStore.open(url, session)
        except SessionBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
