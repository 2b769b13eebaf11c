"""The store's contract, on both of its implementations: a real SQLite file and a real
PostgreSQL server started by the tests. Whatever keeps a session, the engine, the readers
and the commands see the same log; and ``session copy`` moves a session between the two
without changing what ``export`` prints."""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from simulator.engine.actions import ActionRequest
from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.locations import Location, locate
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionBusy, SessionError, SessionLog
from simulator.scenario.loader import load_scenario
from simulator.scoring.replay import ReplayLog
from tests.helpers import TEAMS, run_cli, simulate, with_injects
from tests.pgserver import PgServer

Place = Callable[[str], Location]


@pytest.fixture(params=["sqlite", "postgresql"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Place:
    """Where a session named ``name`` is kept: a file, or the test's own database."""
    if request.param == "sqlite":
        return lambda name: Location(str(tmp_path / f"{name}.sqlite"))
    url: str = request.getfixturevalue("pg")
    return lambda name: Location(f"ovelse/{name}", url)


def meta_for(text: str) -> dict[str, str]:
    """The least meta a session is reopened with: its scenario and the digest."""
    return {
        "seed": "1",
        "scenario_text": text,
        "scenario_sha256": hashlib.sha256(text.encode()).hexdigest(),
    }


def test_append_numbers_events_and_every_reader_streams_them(place: Place) -> None:
    where = place("log")
    store = where.create(meta_for("scenario text"))
    first = store.append([Event("session_start", 0.0, {"seed": 1}), Event("clock", 0.0, {})])
    assert [e.seq for e in first] == [1, 2]
    assert store.append([]) == []
    store.append(
        [
            Event("delivered", 61.5, {"item": "a", "text": "Ras i Bakkeby"}),
            Event("note", 70.0, {"text": "æøå ✓ \u2028 \\ \"'"}),
        ]
    )
    # Committed when append returns: a reader of its own sees every event meanwhile.
    reader = where.open(readonly=True)
    try:
        read = list(reader.events())
        assert [(e.seq, e.type, e.t, e.data) for e in read] == [
            (1, "session_start", 0.0, {"seed": 1}),
            (2, "clock", 0.0, {}),
            (3, "delivered", 61.5, {"item": "a", "text": "Ras i Bakkeby"}),
            (4, "note", 70.0, {"text": "æøå ✓ \u2028 \\ \"'"}),
        ]
        assert [e.wall for e in read] == [e.wall for e in first] + [read[2].wall] * 2
        assert [e.seq for e in reader.events(after_seq=2)] == [3, 4]
        assert reader.count() == 4 and reader.ended is False
        assert reader.meta == meta_for("scenario text")
    finally:
        reader.close()
    store.close()

    again = where.open()
    assert [e.seq for e in again.append([Event("session_end", 90.0, {})])] == [5]
    assert again.ended is True
    last = again.last_event()
    assert last is not None and (last.seq, last.type) == (5, "session_end")
    again.close()


_HOLD = """
import sys
from simulator.engine.locations import Location
from simulator.engine.store import Event
where = Location(sys.argv[1], sys.argv[2] or None)
store = where.open()
store.append([Event("note", 1.0, {"by": "the other program"})])
print("holding", flush=True)
sys.stdin.read()
store.close()
"""


@contextlib.contextmanager
def held(where: Location) -> Iterator[subprocess.Popen[str]]:
    """Another program that writes the session at ``where`` until its input ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, where.name, where.url or ""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "holding\n"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def test_one_writer_at_a_time_while_readers_read(place: Place) -> None:
    where = place("one")
    where.create(meta_for("x")).close()
    with held(where) as other:
        with pytest.raises(SessionBusy) as busy:
            where.open()
        assert where.name in str(busy.value) and "crisis-sim" in str(busy.value)
        reader = where.open(readonly=True)
        assert [e.data for e in reader.events()] == [{"by": "the other program"}]
        reader.close()
        assert other.stdin is not None
        other.stdin.close()  # it closes the session and ends
        assert other.wait(timeout=30) == 0
    store = where.open()
    assert store.append([Event("note", 2.0, {})])[0].seq == 2
    store.close()


def test_a_writer_killed_with_9_frees_the_session(place: Place) -> None:
    where = place("killed")
    where.create(meta_for("x")).close()
    with held(where) as other:
        with pytest.raises(SessionBusy):
            where.open()
        other.send_signal(signal.SIGKILL)
        other.wait(timeout=30)
    # The server notices the dead connection; a new writer gets the session and goes on.
    store = _open_when_free(where)
    assert store.append([Event("note", 2.0, {})])[0].seq == 2
    store.close()


def _open_when_free(where: Location) -> SessionLog:
    """Open for writing as soon as the server has seen the dead writer's connection end
    (each try is a round trip to it; a file's lock is free at once)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return where.open()
        except SessionBusy:
            if time.monotonic() > deadline:
                raise


def test_a_session_is_never_replaced_and_a_missing_one_is_named(place: Place) -> None:
    where = place("taken")
    store = where.create(meta_for("first"))
    store.append([Event("session_start", 0.0, {})])
    store.close()
    with pytest.raises(SessionError) as exists:
        where.create(meta_for("second"))
    assert where.name in str(exists.value)
    reader = where.open(readonly=True)
    assert reader.meta["scenario_text"] == "first" and reader.count() == 1
    reader.close()
    missing = place("nowhere")
    with pytest.raises(SessionError) as err:
        missing.open(readonly=True)
    assert missing.name in str(err.value)


def test_deliveries_of_finds_items_whatever_their_names(place: Place) -> None:
    where = place("items")
    store = where.create(meta_for("x"))
    odd = ['50%_"x"', "a\\b", "æ", "_", "%"]
    store.append([Event("delivered", float(i), {"item": item}) for i, item in enumerate(odd)])
    store.append([Event("note", 9.0, {"item": "%"}), Event("delivered", 10.0, {"item": "y"})])
    found = [e.data["item"] for e in store.deliveries_of(['50%_"x"', "%", "nothing"])]
    assert found == ['50%_"x"', "%"]
    assert list(store.deliveries_of([])) == []
    store.close()


def _damage(where: Location, seq: int, data: str) -> None:
    """Write ``data`` into event ``seq`` behind the store's back."""
    if where.url is None:
        conn = sqlite3.connect(where.name)
        with conn:
            conn.execute("UPDATE events SET data = ? WHERE seq = ?", (data, seq))
        conn.close()
        return
    with psycopg.connect(where.url, autocommit=True) as pg:
        pg.execute("UPDATE crisis_sim.events SET data = %s WHERE seq = %s", (data, seq))


@pytest.mark.parametrize("data", ['{"a": NaN}', "[1, 2]", '{"a": 1'])
def test_a_damaged_event_is_named_by_its_number(place: Place, data: str) -> None:
    where = place("damaged")
    store = where.create(meta_for("x"))
    store.append([Event("session_start", 0.0, {}), Event("note", 1.0, {"text": "ok"})])
    store.close()
    _damage(where, 2, data)
    reader = where.open(readonly=True)
    with pytest.raises(SessionError) as err:
        list(reader.events())
    reader.close()
    assert where.name in str(err.value) and "event 2" in str(err.value)


def test_an_altered_scenario_is_refused(place: Place) -> None:
    where = place("altered")
    meta = meta_for("the scenario")
    meta["scenario_sha256"] = hashlib.sha256(b"another").hexdigest()
    where.create(meta).close()
    with pytest.raises(SessionError) as err:
        where.open(readonly=True)
    assert where.name in str(err.value)


MINI = with_injects(
    """
    - id: p2
      at: 3m
      from: kari
      kind: post
      text: Naboen min heter Kari og bor i Lia 3
      sensitive: true
      expect: [{do: hide, within: 5m}]
    """
)


def test_an_exercise_restores_exactly_from_either_store(place: Place, tmp_path: Path) -> None:
    path = tmp_path / "lite.yaml"
    path.write_text(MINI, encoding="utf-8")
    loaded = load_scenario(path)
    real = ManualTime()
    engine = new_session(loaded, 4, place("lite"), clock=ScenarioClock(source=real))
    engine.start(1.0)
    for seconds, request in (
        (120, ActionRequest("reply", ("first",), "Vi jobber med raset.", by="Kari")),
        (180, ActionRequest("hide", ("p2",), reason="personal_data", by="Kari")),
        (100, None),
    ):
        real.advance(seconds)
        engine.pump()
        if request is not None:
            engine.act(request)
    engine.pause()
    assert engine.store is not None
    recorded = [e.as_record() for e in engine.store.events()]
    engine.store.close()
    assert [r["type"] for r in recorded].count("action") == 2

    store = place("lite").open()
    restored = Engine.restore(store, clock=virtual_clock())
    assert restored.now() == engine.now() == 400
    assert restored.summary() == engine.summary()
    assert [e.as_record() for e in store.events()] == recorded
    restored.resume()
    restored.advance_to(1800)
    restored.end()
    assert store.ended
    store.close()
    # Replay reads the same log, wherever it is kept.
    replayed = ReplayLog(place("lite"))
    assert replayed.complete and replayed.seed == 4
    assert [e.as_record() for e in replayed.events][: len(recorded)] == recorded


def test_session_copy_round_trips_with_the_same_export(
    tmp_path: Path, pg: str, jordras_stopped: Path
) -> None:
    env = {"CRISIS_SIM_STORE": pg}
    simulate(
        tmp_path,
        "jordras",
        "--seed",
        "6",
        "--actions",
        str(TEAMS / "jordras-good.yaml"),
        "--session",
        "a.sqlite",
    )
    first = run_cli("export", "a.sqlite", cwd=tmp_path)
    assert first.returncode == 0, first.stderr

    there = run_cli("session", "copy", "a.sqlite", "kommune/jordras", cwd=tmp_path, env=env)
    assert there.returncode == 0, there.stderr
    lines = first.stdout.count("\n")
    assert f"Copied {lines} events" in there.stdout
    on_server = run_cli("export", "kommune/jordras", cwd=tmp_path, env=env)
    assert on_server.returncode == 0, on_server.stderr
    back = run_cli("session", "copy", "kommune/jordras", "back.sqlite", "--store", pg, cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    again = run_cli("export", "back.sqlite", cwd=tmp_path)
    assert first.stdout == on_server.stdout == again.stdout

    # The debrief of the copy on the server is the debrief of the file.
    scores = [
        json.loads(run_cli("score", s, "--format", "json", cwd=tmp_path, env=env).stdout)
        for s in ("a.sqlite", "kommune/jordras")
    ]
    shown = [score.pop("session") for score in scores]
    assert shown[0]["path"] == "a.sqlite" and shown[1]["path"].startswith("kommune/jordras (")
    assert scores[0] == scores[1] and scores[0]["expectations"]

    # An interrupted session copies as it is, and stays interrupted.
    interrupted = run_cli("session", "copy", str(jordras_stopped), "kommune/avbrutt", env=env)
    assert interrupted.returncode == 0, interrupted.stderr
    note = run_cli("export", "kommune/avbrutt", env=env)
    assert "interrupted" in note.stderr

    listing = run_cli("session", "list", env=env)
    assert "kommune/avbrutt" in listing.stdout and "kommune/jordras" in listing.stdout


def test_session_copy_refuses_to_replace_and_leaves_nothing_half_done(
    tmp_path: Path, pg: str, jordras_stopped: Path
) -> None:
    env = {"CRISIS_SIM_STORE": pg}
    assert run_cli("session", "copy", str(jordras_stopped), "x/1", env=env).returncode == 0
    twice = run_cli("session", "copy", str(jordras_stopped), "x/1", env=env, lang="nb")
    assert twice.returncode == 1
    assert "x/1" in twice.stderr and "har allerede en økt med det navnet" in twice.stderr
    # A damaged source: the copy stops at the damage and leaves nothing at TO.
    damaged = tmp_path / "d.sqlite"
    damaged.write_bytes(jordras_stopped.read_bytes())
    conn = sqlite3.connect(damaged)
    with conn:
        conn.execute("UPDATE events SET data = '{' WHERE seq = 10")
    conn.close()
    failed = run_cli("session", "copy", str(damaged), "x/2", env=env)
    assert failed.returncode == 1 and "event 10" in failed.stderr
    assert "x/2" not in run_cli("session", "list", env=env).stdout
    back = run_cli("session", "copy", "x/1", str(tmp_path / "out.sqlite"), env=env)
    assert back.returncode == 0
    with psycopg.connect(pg, autocommit=True) as conn2:
        conn2.execute(
            "UPDATE crisis_sim.events SET data = '[' WHERE seq = 7 AND session = "
            "(SELECT id FROM crisis_sim.sessions WHERE name = 'x/1')"
        )
    lost = run_cli("session", "copy", "x/1", str(tmp_path / "never.sqlite"), env=env)
    assert lost.returncode == 1 and "event 7" in lost.stderr
    assert not list(tmp_path.glob("never.sqlite*"))


def test_a_database_of_a_newer_format_or_none_is_told_in_one_line(pg: str) -> None:
    empty = run_cli("export", "a/b", "--store", pg, lang="nb")
    assert empty.returncode == 1
    assert "har ingen økter fra crisis-sim ennå" in empty.stderr
    assert "Traceback" not in empty.stderr
    store = Location("a/b", pg).create(meta_for("x"))
    store.close()
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute("UPDATE crisis_sim.format SET format = 99")
    newer = run_cli("export", "a/b", "--store", pg)
    assert newer.returncode == 1 and "newer crisis-sim (format 99)" in newer.stderr


def test_a_server_out_of_reach_is_one_line_without_the_password(pg_server: PgServer) -> None:
    url = f"postgresql://crisis:hemmelig@127.0.0.1:{pg_server.port + 1}/nope"
    out = run_cli("score", "ovelse/team-1", "--store", url)
    assert out.returncode == 1 and out.stderr.count("\n") == 1
    assert "cannot reach the database server" in out.stderr
    assert "hemmelig" not in out.stderr
    wrong = run_cli("export", "x", "--store", "mysql://db/x")
    assert wrong.returncode == 1 and "not the address of a database" in wrong.stderr
    bad_name = run_cli("export", "../etc", "--store", url)
    assert bad_name.returncode == 1 and "not a session name" in bad_name.stderr


def test_a_writer_goes_on_after_the_server_restarts(pg_server: PgServer, pg: str) -> None:
    where = Location("restart/1", pg)
    store = where.create(meta_for("x"))
    store.append([Event("session_start", 0.0, {})])
    pg_server.stop("fast")
    pg_server.start()
    with pytest.raises(SessionError) as lost:
        store.append([Event("note", 1.0, {"n": 1})])
    assert "connection to the database server was lost" in str(lost.value)
    from simulator.engine.pgstore import PgStore

    assert isinstance(store, PgStore)
    store.reconnect()
    assert [e.seq for e in store.append([Event("note", 1.0, {"n": 1})])] == [2]
    reader = where.open(readonly=True)
    assert [e.data for e in reader.events()] == [{}, {"n": 1}]
    reader.close()
    store.close()


def test_locate_tells_files_from_names(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    assert locate("a.sqlite", "postgresql://db/x").url is None
    assert locate(str(tmp_path / "plain"), "postgresql://db/x").url is None
    assert locate("ovelse/team-1", "postgresql://db/x").url == "postgresql://db/x"
    assert locate("ovelse/team-1", None).url is None
