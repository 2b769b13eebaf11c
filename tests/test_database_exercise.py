"""A team exercise kept on a real PostgreSQL server, with real processes: seats of the
host and of a seat server see the same exercise, ``join --store`` in a terminal, the
debrief of its logs by name, the messages for what is wrong, and the seat servers' role
that may read and ask but never write the log."""

from __future__ import annotations

import asyncio
import re
import signal
import tempfile
from pathlib import Path

import psycopg
import pytest

from simulator.exercise.database import team_session
from tests.db_hosting import DbExercise, Follower
from tests.helpers import cli_path, run_cli, run_cli_process
from tests.pgserver import PgServer
from tests.terminal import open_terminal, wait_for

DOCS = Path(__file__).resolve().parent.parent / "docs" / "deployment.md"


@pytest.mark.asyncio
async def test_a_seat_of_the_host_and_one_of_a_seat_server_see_the_same_exercise(
    tmp_path: Path, pg: str
) -> None:
    exercise = DbExercise(tmp_path, pg, "jordras", "--speed", "20")
    try:
        relay = exercise.seat_server()
        here = Follower(exercise.host.socket, exercise.code("leader"), "Kari")
        there = Follower(relay.socket, exercise.code("press"), "Per")
        welcome_here = await here.seat.connect()
        welcome_there = await there.seat.connect()
        assert (welcome_there.role, welcome_there.team) == ("press", "1")
        assert welcome_there.scenario == welcome_here.scenario == "jordras"
        assert Path(welcome_there.source).read_text(encoding="utf-8") == Path(
            welcome_here.source
        ).read_text(encoding="utf-8")
        assert await there.note("fra sted B")
        assert await here.note("fra sted A")
        async with asyncio.timeout(60):  # the first post of the feed, at speed 20
            while not any(e["type"] == "delivered" for e in exercise.log()[1:]):
                await asyncio.sleep(0.05)
        upto = exercise.log()[-1]["seq"]
        await here.sent(upto)
        await there.sent(upto)
        # The trainees' view of the log, from the host and from the seat server alike:
        # the same events, the same aliases of items, no truth.
        common = min(len(here.events), len(there.events))
        assert common >= 5 and any(e["type"] == "delivered" for e in there.events)
        assert here.events[:common] == there.events[:common]
        assert not any("truth" in e for e in there.events)
        texts = [e.get("text") for e in there.events if e["type"] == "note"]
        assert texts == ["fra sted B", "fra sted A"]
        # The clock the seat server tells is the host's.
        assert there.seat.clock is not None and there.seat.clock.speed == 20
        await here.seat.close()
        await there.seat.close()
        exercise.host.proc.send_signal(signal.SIGINT)
        assert exercise.host.proc.wait(timeout=60) == 0
        # The debrief reads the team's log by its name in the database.
        session = team_session(exercise.name, "1")
        scored = run_cli("score", session, "--format", "json", "--store", pg)
        assert scored.returncode == 0, scored.stderr
        assert session in scored.stdout
        exported = run_cli("export", session, env={"CRISIS_SIM_STORE": pg})
        assert '"text": "fra sted B"' in exported.stdout
    finally:
        exercise.kill_all()


def test_join_store_serves_one_seat_from_its_own_process(tmp_path: Path, pg: str) -> None:
    exercise = DbExercise(tmp_path, pg, "jordras", "--speed", "20")
    private = Path(tempfile.gettempdir())
    before = set(private.glob("crisis-sim-seat-*"))
    try:
        term = open_terminal(
            [cli_path(), "join", exercise.code("social"), "--name", "Siri", "--store", pg]
        )
        try:
            # Named already, the seat opens on the feed, with the host's clock running.
            wait_for(term, "20x går")
            assert set(private.glob("crisis-sim-seat-*")) - before  # its private folder
            first = exercise.log(team="1")
            delivered = next(e for e in first if e["type"] == "delivered")
            wait_for(term, str(delivered["text"])[:20])
            term.type("q")
            term.wait_gone()
        finally:
            term.close()
        wrong = run_cli_process("join", "not-a-code", "--store", pg)
        assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1
        assert "does not open a seat" in wrong.stderr
        # The seat's private folder (its seat server's socket, the scenario) went with it.
        assert set(private.glob("crisis-sim-seat-*")) == before
    finally:
        exercise.kill_all()


def test_what_is_wrong_is_told_in_one_line(tmp_path: Path, pg_server: PgServer, pg: str) -> None:
    away = f"postgresql://crisis:hemmelig@127.0.0.1:{pg_server.port + 1}/x"
    for args in (
        ("host", "jordras", "--store", away),
        ("serve", "jordras-1", "--store", away),
        ("join", "code", "--store", away),
        ("session", "list", "--store", away),
    ):
        out = run_cli_process(*args, cwd=tmp_path, lang="nb")
        assert out.returncode == 1, (args, out.stderr)
        assert out.stderr.count("\n") == 1, out.stderr
        assert "får ikke kontakt med databasetjeneren" in out.stderr
        assert "hemmelig" not in out.stderr and "Traceback" not in out.stderr
    missing = run_cli_process("serve", "finnes-ikke", "--store", pg, cwd=tmp_path)
    assert missing.returncode == 1 and "holds no crisis-sim sessions yet" in missing.stderr
    exercise = DbExercise(tmp_path / "ex", pg, "jordras")
    try:
        nothing = run_cli_process("serve", "finnes-ikke", "--store", pg, cwd=tmp_path)
        assert nothing.returncode == 1 and "no exercise finnes-ikke" in nothing.stderr
        standby = run_cli_process(
            "host", "--resume", "finnes-ikke", "--store", pg, cwd=tmp_path, timeout=60
        )
        assert standby.returncode == 1 and "no exercise finnes-ikke" in standby.stderr
        no_store = run_cli_process("serve", exercise.name, cwd=tmp_path)
        assert no_store.returncode == 2 and "--store" in no_store.stderr
    finally:
        exercise.kill_all()


def _roles_sql() -> list[str]:
    """The administrator's statements of the deployment guide, as written there."""
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("<!-- roles -->", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return [s.strip() for s in block.split(";") if s.strip()]


@pytest.mark.asyncio
async def test_the_seat_servers_role_reads_and_asks_but_never_writes(
    tmp_path: Path, pg_server: PgServer
) -> None:
    with pg_server.admin() as admin:
        for statement in _roles_sql():
            # The guide's roles, in this server of the tests' own (a database of its own).
            admin.execute(statement.replace("ovelse", "ovelse_roller").encode())
    host_url = pg_server.url("ovelse_roller", "crisis_host", "bytt-meg-vert")
    site_url = pg_server.url("ovelse_roller", "site_b", "bytt-meg-b")
    exercise = DbExercise(tmp_path, host_url, "jordras", "--speed", "20")
    exercise.url = site_url  # every program started from now on is site B's
    try:
        relay = exercise.seat_server()
        seat = Follower(relay.socket, exercise.code("leader"), "Kari")
        await seat.seat.connect()
        assert await seat.note("fra sted B, med minst mulig rettigheter")
        await seat.seat.close()
        with psycopg.connect(site_url, autocommit=True) as site:
            session = site.execute("SELECT id FROM crisis_sim.sessions LIMIT 1").fetchone()
            assert session is not None
            for statement in (
                "INSERT INTO crisis_sim.events VALUES (%s, 999999, 0, '', 'note', '{}')",
                "UPDATE crisis_sim.events SET data = '{}' WHERE session = %s",
                "DELETE FROM crisis_sim.events WHERE session = %s",
                "UPDATE crisis_sim.commands SET outcome = '' WHERE %s > 0",
                "UPDATE crisis_sim.clocks SET running = false WHERE %s > 0",
                "DELETE FROM crisis_sim.exercises WHERE %s > 0",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    site.execute(statement.encode(), (session[0],))
        # Reading the logs by name works with the site's role; writing a session does not.
        session_name = team_session(exercise.name, "1")
        read = run_cli("export", session_name, "--store", site_url)
        assert read.returncode == 0 and "med minst mulig rettigheter" in read.stdout
        write = run_cli("session", "copy", session_name, "kopi/1", "--store", site_url)
        assert write.returncode == 1 and "refused" in write.stderr
        assert "Traceback" not in write.stderr
    finally:
        exercise.kill_all()


def test_the_deployment_guide_names_what_the_program_does() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert "BENCH-DATABASE-FIGURES" not in text  # the figures were filled in
    for command in re.findall(r"crisis-sim (serve|host|session copy|join)\b", text):
        assert run_cli(*command.split(), "--help").returncode == 0
