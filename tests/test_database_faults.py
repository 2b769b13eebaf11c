"""Faults of an exercise kept on a real PostgreSQL server, with real processes: the host
killed with a standby waiting, the database server restarted during the exercise, and a
seat server losing its connection. After each, nothing a seat was told is lost, nothing is
done twice, the seats have every event, and every team's log restores exactly."""

from __future__ import annotations

import asyncio
import random
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.engine.pgstore import PgStore
from simulator.engine.session import virtual_clock
from simulator.exercise.database import team_session
from simulator.exercise.protocol import RequestKind
from simulator.exercise.seat import Seat
from tests.db_hosting import DbExercise, Follower, increasing, notes_in, pg_or_skip
from tests.pgserver import PgServer

#: Long enough for a failover on a loaded machine; a wait, never a measure of speed.
WITHIN = 120.0


def restores(exercise: DbExercise, team: str = "1") -> None:
    """The team's log rebuilds exactly: every delivery regenerated and compared."""
    store = PgStore.open(exercise.url, team_session(exercise.name, team))
    try:
        Engine.restore(store, clock=virtual_clock())
    finally:
        store.close()


def caught_up(follower: Follower, exercise: DbExercise) -> None:
    """The seat was sent each event once, in order, up to the end of the log."""
    log = exercise.log()
    assert increasing(follower.seqs)
    assert follower.seat.last["1"] == log[-1]["seq"]
    assert follower.seqs[-1] <= log[-1]["seq"]


async def settled(follower: Follower, exercise: DbExercise) -> None:
    """Until the seat has been sent what the log holds now."""
    await follower.sent(exercise.log()[-1]["seq"], WITHIN)


@pytest.mark.asyncio
async def test_kill_9_of_the_host_at_10_random_moments_with_a_standby(
    tmp_path: Path, pg: str
) -> None:
    exercise = DbExercise(tmp_path, pg, "jordras", "--speed", "20")
    try:
        relay = exercise.seat_server()
        follower = Follower(relay.socket, exercise.code("leader"), "Kari")
        await follower.seat.connect()
        rng = random.Random(18)
        sent: list[str] = []
        host = exercise.host
        for round_ in range(10):
            standby = exercise.standby()
            texts = [f"runde {round_} notat {i}" for i in range(6)]
            sent += texts
            requests = [asyncio.create_task(follower.note(text)) for text in texts]
            # A random moment: after some of the round's requests were answered, others
            # on their way, while the host delivers the feed at speed 20.
            answered = rng.randrange(0, 6)
            async with asyncio.timeout(WITHIN):
                while sum(r.done() for r in requests) < answered:
                    await asyncio.sleep(0.005)
            host.proc.send_signal(signal.SIGKILL)
            host.proc.wait()
            async with asyncio.timeout(WITHIN):
                assert all(await asyncio.gather(*requests))  # every one answered, and applied
            standby.wait_for("Took exercise")
            host = standby
        await settled(follower, exercise)
        log = exercise.log()
        # Every request the seat was told was applied is in the log, once; none is lost.
        assert sorted(notes_in(log)) == sorted(sent)
        caught_up(follower, exercise)
        assert follower.seat.joins == 1  # the seat kept its place throughout
        host.proc.send_signal(signal.SIGINT)
        assert host.proc.wait(timeout=60) == 0, host.said()
        relay.proc.send_signal(signal.SIGINT)
        assert relay.proc.wait(timeout=60) == 0, relay.said()
        await follower.seat.close()
        restores(exercise, "1")
        assert "Traceback" not in "".join(p.said() for p in exercise.programs)
    finally:
        exercise.kill_all()


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A PostgreSQL server of this test's own, to be stopped and started again."""
    with pg_or_skip() as server:
        yield server


@pytest.mark.asyncio
async def test_a_restart_of_the_database_server_during_the_exercise(
    tmp_path: Path, own_server: PgServer
) -> None:
    url = own_server.url(own_server.new_database())
    exercise = DbExercise(tmp_path, url, "jordras", "--speed", "20")
    try:
        relay = exercise.seat_server()
        follower = Follower(relay.socket, exercise.code("press"), "Per")
        await follower.seat.connect()
        before = [f"før {i}" for i in range(3)]
        assert all(await asyncio.gather(*(follower.note(t) for t in before)))
        own_server.stop("fast")
        during = [asyncio.create_task(follower.note(f"under {i}")) for i in range(3)]
        await asyncio.sleep(0)  # sent to the seat server while the database is down
        own_server.start()
        async with asyncio.timeout(WITHIN):
            assert all(await asyncio.gather(*during))
        after = [f"etter {i}" for i in range(3)]
        assert all(await asyncio.gather(*(follower.note(t) for t in after)))
        await settled(follower, exercise)
        assert sorted(notes_in(exercise.log())) == sorted(
            [*before, *(f"under {i}" for i in range(3)), *after]
        )
        caught_up(follower, exercise)
        assert exercise.host.proc.poll() is None  # the host went on: no other took over
        exercise.host.proc.send_signal(signal.SIGINT)
        assert exercise.host.proc.wait(timeout=60) == 0, exercise.host.said()
        await follower.seat.close()
        restores(exercise, "1")
    finally:
        exercise.kill_all()


@pytest.mark.asyncio
async def test_a_seat_server_that_loses_its_connection_catches_its_seats_up(
    tmp_path: Path, pg_server: PgServer, pg: str
) -> None:
    exercise = DbExercise(tmp_path, pg, "jordras", "--speed", "20")
    try:
        relay = exercise.seat_server()
        follower = Follower(relay.socket, exercise.code("social"), "Siri")
        await follower.seat.connect()
        assert await follower.note("før bruddet")
        database = pg.rsplit("/", 1)[1]
        ended = pg_server.terminate(f"crisis-sim {relay.proc.pid}@", database)
        assert ended >= 2  # its listening and working connections, and its readers
        assert await follower.note("etter bruddet")
        await settled(follower, exercise)
        log = exercise.log()
        assert notes_in(log) == ["før bruddet", "etter bruddet"]
        caught_up(follower, exercise)
        assert follower.seat.joins == 1
        delivered = {e["seq"] for e in log if e["type"] == "delivered"}
        assert delivered <= set(follower.seqs)  # every item reached the seat
        exercise.host.proc.send_signal(signal.SIGINT)
        assert exercise.host.proc.wait(timeout=60) == 0
        await follower.seat.close()
        restores(exercise, "1")
    finally:
        exercise.kill_all()


@pytest.mark.asyncio
async def test_a_host_that_loses_only_its_listening_connection_keeps_the_exercise(
    tmp_path: Path, pg_server: PgServer, pg: str
) -> None:
    exercise = DbExercise(tmp_path, pg, "jordras", "--speed", "20")
    try:
        standby = exercise.standby()
        relay = exercise.seat_server()
        follower = Follower(relay.socket, exercise.code("leader"), "Kari")
        await follower.seat.connect()
        database = pg.rsplit("/", 1)[1]
        host = exercise.host.proc.pid
        assert pg_server.terminate(f"crisis-sim {host}@%listening", database) == 1
        # The host hears requests again, and still holds the exercise: the standby waits.
        assert await follower.note("etter at verten mistet lyttingen")
        assert notes_in(exercise.log()) == ["etter at verten mistet lyttingen"]
        assert exercise.host.proc.poll() is None
        assert "Took exercise" not in standby.said() and standby.proc.poll() is None
        await follower.seat.close()
    finally:
        exercise.kill_all()


@pytest.mark.asyncio
async def test_a_host_whose_log_connection_is_lost_answers_what_waits_once_it_writes_again(
    tmp_path: Path, pg_server: PgServer, pg: str
) -> None:
    exercise = DbExercise(tmp_path, pg, "jordras")
    try:
        relay = exercise.seat_server()
        follower = Follower(relay.socket, exercise.code("leader"), "Kari")
        await follower.seat.connect()
        control = Seat(relay.socket, exercise.codes["facilitator"], "Ola")
        await control.connect()
        # Paused: no tick of the host's own writes, and so finds the connection lost,
        # before the request does.
        assert (await control.request(RequestKind.PAUSE)).ok
        await control.close()
        assert await follower.note("før")
        database = pg.rsplit("/", 1)[1]
        assert pg_server.terminate(f"crisis-sim {exercise.host.proc.pid}@%log", database) == 1
        # The first write finds the connection gone; the request waits, and is answered
        # once the log is written to again, without another request to wake the host.
        assert await follower.note("etter", within=60)
        assert notes_in(exercise.log()) == ["før", "etter"]
        await follower.seat.close()
        exercise.host.proc.send_signal(signal.SIGINT)
        assert exercise.host.proc.wait(timeout=60) == 0
        restores(exercise)
    finally:
        exercise.kill_all()
