"""The session store on real SQLite files: privacy, format marks, the append-only log,
damaged and foreign files, ``export``, and a real ``kill -9`` of a running ``simulate``."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from simulator import __version__
from simulator.engine.simulate import BATCH
from simulator.engine.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Event,
    SessionError,
    SessionStore,
)
from simulator.scenario.bundled import bundled_dir
from tests.helpers import cli_path, run_cli, scenario_text, simulate, with_injects

PAGE = 4096
WALL = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
REQUIRED_TYPES = {
    "session_start",
    "delivered",
    "action",
    "expectation",
    "clock",
    "note",
    "session_end",
}

NOISE = """\
noise:
  - id: prat
    authors: {role: citizen, count: 20}
    rate: [{at: 0m, per_minute: 2}, {at: 30m, per_minute: 6}]
    mix: {valid: 3, misleading: 1, irrelevant: 1}
    texts:
      valid: ["Ras i {sted} kl {clock}", "{fake.first_name} sier det er ille"]
      misleading: ["Dambrudd i {sted}!"]
      irrelevant: ["Fint vær"]
"""

RUMOUR = """\
- id: rykte
  at: 2m
  from: kari
  kind: post
  truth: misleading
  text: "Dammen har brutt!"
  expect:
    - {do: flag, label: misleading}
"""

SCENARIO = scenario_text(NOISE, base=with_injects(RUMOUR))

ACTIONS = """\
- at: 2m
  do: reply
  to: first
  text: "Vi jobber med saken i {sted}"
- at: 3m
  do: flag
  to: rykte
  label: misleading
- at: 4m
  do: note
  text: "Sjekk med politiet"
  by: Kari
- at: 6m
  do: reply
  to: press-1
  text: "Alle i {sted} er evakuert"
"""

# About 360,000 noise items: several seconds of work, so a kill lands mid-run.
BIG = """\
format: 1
id: big
title: Big
duration: 2h
language: nb
variables: {sted: Bakkeby}
personas:
  - {id: avisa, name: Avisa, role: media}
injects:
  - {id: first, at: 1m, from: avisa, kind: press, text: "Hva skjer i {sted}?",
     expect: [{do: reply}]}
noise:
  - id: prat
    authors: {role: citizen, count: 50}
    rate: [{at: 0m, per_minute: 3000}, {at: 2h, per_minute: 3000}]
    mix: {valid: 5, misleading: 2, irrelevant: 2}
    texts:
      valid: ["Ras i {sted} kl {clock}, alle må bort"]
      misleading: ["Dammen har brutt i {sted}!!"]
      irrelevant: ["Fint vær i dag"]
"""


# --- helpers -------------------------------------------------------------------------


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def pragma(path: Path, name: str) -> Any:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def middle_page(path: Path) -> int:
    """Offset of a page in the middle of the file: in a session, a page of events."""
    return path.stat().st_size // 2 // PAGE * PAGE


@pytest.fixture(scope="module")
def jordras_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real, ended session of a bundled scenario, written by the command line."""
    folder = tmp_path_factory.mktemp("jordras")
    simulate(folder, "jordras", "--seed", "3", "--session", "j.sqlite")
    return folder / "j.sqlite"


@pytest.fixture(scope="module")
def acted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A small scenario run to the end with a scripted team; (session, its export)."""
    folder = tmp_path_factory.mktemp("acted")
    (folder / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    (folder / "team.yaml").write_text(ACTIONS, encoding="utf-8")
    simulate(folder, "s.yaml", "--seed", "9", "--actions", "team.yaml", "--session", "acted.sqlite")
    proc = run_cli("export", "acted.sqlite", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return folder / "acted.sqlite", proc.stdout


def meta_for(text: str) -> dict[str, str]:
    """The least meta a session can be reopened with: its scenario and the digest."""
    return {
        "seed": "1",
        "scenario_text": text,
        "scenario_sha256": hashlib.sha256(text.encode()).hexdigest(),
    }


# --- a new session file --------------------------------------------------------------


def test_a_simulated_session_is_private_wal_versioned_and_self_contained(tmp_path: Path) -> None:
    simulate(tmp_path, "jordras", "--seed", "11", "--session", "s.sqlite")
    path = tmp_path / "s.sqlite"
    assert mode(path) == 0o600
    assert pragma(path, "journal_mode") == "wal"
    assert pragma(path, "user_version") == 1 == SCHEMA_VERSION
    assert pragma(path, "application_id") == APPLICATION_ID == 0x4353494D

    bundled = (bundled_dir() / "jordras.yaml").read_bytes().decode("utf-8")
    store = SessionStore.open(path)
    try:
        meta = store.meta
        first = next(store.events())
    finally:
        store.close()
    assert meta["scenario_text"] == bundled
    assert meta["scenario_sha256"] == hashlib.sha256(bundled.encode("utf-8")).hexdigest()
    assert meta["seed"] == "11"
    assert meta["tool_version"] == __version__
    assert meta["scenario"] == "jordras"
    assert first.type == "session_start"
    assert first.data["sha256"] == meta["scenario_sha256"]
    assert first.data["seed"] == 11


def test_create_makes_an_owner_only_file_and_companions(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "x.sqlite"
    store = SessionStore.create(path, {"seed": "4", "scenario_text": "privat"})
    try:
        store.append([Event("session_start", 0.0, {"who": "Kari Nordmann"})])
        assert mode(path) == 0o600
        # The WAL and its index hold the same personal data while the file is open.
        for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            if companion.exists():
                assert mode(companion) == 0o600, companion
        assert pragma(path, "journal_mode") == "wal"
        assert pragma(path, "user_version") == SCHEMA_VERSION
        assert pragma(path, "application_id") == APPLICATION_ID
        assert store.meta == {"seed": "4", "scenario_text": "privat"}
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["text", "session"])
def test_create_never_overwrites_an_existing_file(
    tmp_path: Path, jordras_session: Path, kind: str
) -> None:
    path = tmp_path / "taken.sqlite"
    if kind == "text":
        path.write_bytes(b"precious notes from the last exercise\n")
    else:
        shutil.copy(jordras_session, path)
    before = path.read_bytes()
    with pytest.raises(SessionError) as err:
        SessionStore.create(path, {"seed": "1"})
    assert str(path) in str(err.value)
    assert path.read_bytes() == before


# --- the append-only log -------------------------------------------------------------


def test_append_numbers_events_consecutively_and_events_streams_them(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    store = SessionStore.create(path, meta_for("scenario text"))
    first = store.append(
        [Event("session_start", 0.0, {"seed": 1}), Event("clock", 0.0, {"op": "start"})]
    )
    assert [e.seq for e in first] == [1, 2]
    assert store.append([]) == []
    second = store.append(
        [
            Event("delivered", 61.5, {"item": "a", "text": "Ras i Bakkeby"}),
            Event("note", 70.0, {"text": "æøå ✓"}),
            Event("delivered", 75.25, {"item": "b", "text": "x"}),
        ]
    )
    assert [e.seq for e in second] == [3, 4, 5]
    assert all(WALL.match(e.wall) for e in first + second)

    # Committed when append returns: another connection sees every row.
    other = sqlite3.connect(path)
    assert other.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 5
    other.close()

    read = list(store.events())
    assert [(e.seq, e.type, e.t, e.data) for e in read] == [
        (1, "session_start", 0.0, {"seed": 1}),
        (2, "clock", 0.0, {"op": "start"}),
        (3, "delivered", 61.5, {"item": "a", "text": "Ras i Bakkeby"}),
        (4, "note", 70.0, {"text": "æøå ✓"}),
        (5, "delivered", 75.25, {"item": "b", "text": "x"}),
    ]
    assert [e.seq for e in store.events(after_seq=3)] == [4, 5]
    assert store.count() == 5
    assert store.ended is False
    store.close()

    reopened = SessionStore.open(path)
    assert reopened.ended is False
    end = reopened.append([Event("session_end", 1800.0, {"reason": "completed"})])
    assert [e.seq for e in end] == [6]  # numbering continues after a reopen
    assert reopened.ended is True
    assert [e.seq for e in reopened.events()] == [1, 2, 3, 4, 5, 6]
    reopened.close()
    assert SessionStore.open(path).ended is True


def test_an_empty_log_is_not_ended(tmp_path: Path) -> None:
    store = SessionStore.create(tmp_path / "empty.sqlite", {})
    assert store.ended is False
    assert list(store.events()) == []
    store.close()


# --- files that are not sessions ----------------------------------------------------


def _text(folder: Path, _session: Path) -> Path:
    path = folder / "notes.sqlite"
    path.write_text("Dette er ikke en økt.\n", encoding="utf-8")
    return path


def _empty(folder: Path, _session: Path) -> Path:
    path = folder / "empty.sqlite"
    path.write_bytes(b"")
    return path


def _random(folder: Path, _session: Path) -> Path:
    path = folder / "noise.sqlite"
    path.write_bytes(random.Random(7).randbytes(3 * PAGE))
    return path


def _other_program(folder: Path, _session: Path) -> Path:
    path = folder / "contacts.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Kari', '912 34 567')")
    conn.close()
    return path


def _newer_format(folder: Path, _session: Path) -> Path:
    path = folder / "future.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY)")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return path


def _truncated(folder: Path, session: Path) -> Path:
    path = folder / "truncated.sqlite"
    shutil.copy(session, path)
    os.truncate(path, middle_page(path) + 100)
    return path


def _corrupted(folder: Path, session: Path) -> Path:
    path = folder / "corrupted.sqlite"
    shutil.copy(session, path)
    overwrite(path, middle_page(path), b"\xff" * PAGE)
    return path


def _missing(folder: Path, _session: Path) -> Path:
    return folder / "never-written.sqlite"


def _folder(folder: Path, _session: Path) -> Path:
    path = folder / "a-folder.sqlite"
    path.mkdir()
    return path


NOT_SESSIONS: dict[str, Callable[[Path, Path], Path]] = {
    "text": _text,
    "empty": _empty,
    "random-bytes": _random,
    "other-sqlite": _other_program,
    "newer-format": _newer_format,
    "truncated": _truncated,
    "corrupted": _corrupted,
    "missing": _missing,
    "folder": _folder,
}


@pytest.mark.parametrize("kind", list(NOT_SESSIONS))
def test_open_rejects_what_is_not_a_usable_session(
    tmp_path: Path, jordras_session: Path, kind: str
) -> None:
    path = NOT_SESSIONS[kind](tmp_path, jordras_session)
    with pytest.raises(SessionError) as err:
        store = SessionStore.open(path)
        try:
            list(store.events())  # damage in the middle shows when it is read
        finally:
            store.close()
    assert str(path) in str(err.value)


@pytest.mark.parametrize("kind", [k for k in NOT_SESSIONS if k != "folder"])
def test_export_of_what_is_not_a_usable_session_is_one_clear_line(
    tmp_path: Path, jordras_session: Path, kind: str
) -> None:
    path = NOT_SESSIONS[kind](tmp_path, jordras_session)
    proc = run_cli("export", str(path), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("crisis-sim: error: ")
    assert str(path) in lines[0]


def test_export_of_a_folder_is_refused_naming_it(tmp_path: Path) -> None:
    path = _folder(tmp_path, tmp_path)
    proc = run_cli("export", str(path))
    assert proc.returncode == 2
    assert str(path) in proc.stderr


def test_export_of_a_newer_format_says_to_upgrade(tmp_path: Path) -> None:
    path = _newer_format(tmp_path, tmp_path)
    proc = run_cli("export", str(path))
    assert proc.returncode == 1
    assert "newer" in proc.stderr and "upgrade" in proc.stderr


def test_zeroed_rows_are_reported_as_damage(tmp_path: Path, jordras_session: Path) -> None:
    path = tmp_path / "zeroed.sqlite"
    shutil.copy(jordras_session, path)
    # Zero the cell area of an events page: SQLite returns its rows as NULLs.
    overwrite(path, middle_page(path) + PAGE // 2, b"\x00" * (PAGE // 2))
    store = SessionStore.open(path)
    try:
        with pytest.raises(SessionError, match=re.escape(str(path))):
            list(store.events())
    finally:
        store.close()


def test_export_of_zeroed_rows_is_a_clear_error(tmp_path: Path, jordras_session: Path) -> None:
    path = tmp_path / "zeroed.sqlite"
    shutil.copy(jordras_session, path)
    overwrite(path, middle_page(path) + PAGE // 2, b"\x00" * (PAGE // 2))
    proc = run_cli("export", str(path), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "internal error" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], proc.stderr


def test_damage_message_names_the_last_good_event(tmp_path: Path, jordras_session: Path) -> None:
    path = _corrupted(tmp_path, jordras_session)
    proc = run_cli("export", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    good = records(proc.stdout)
    assert good, "the events before the damaged page are exported"
    assert [r["seq"] for r in good] == list(range(1, len(good) + 1))
    assert f"after event {good[-1]['seq']} " in proc.stderr, proc.stderr


def test_damaged_scenario_text_gives_one_line(tmp_path: Path, jordras_session: Path) -> None:
    path = tmp_path / "bad-meta.sqlite"
    shutil.copy(jordras_session, path)
    # Page 5 is the first overflow page of meta's scenario_text (created in that order).
    with path.open("rb") as handle:
        handle.seek(4 * PAGE + 4)
        chunk = handle.read(64)
    original = SessionStore.open(jordras_session)
    text = original.meta["scenario_text"].encode("utf-8")
    original.close()
    assert chunk in text, "page 5 should hold the stored scenario text"
    overwrite(path, 4 * PAGE + 200, b"\xff" * 1000)
    proc = run_cli("export", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert str(path) in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def _zero_last_page_rows(folder: Path, session: Path) -> Path:
    path = folder / "zeroed-end.sqlite"
    shutil.copy(session, path)
    # The last page holds the newest events, which ``ended`` reads first.
    overwrite(path, path.stat().st_size - PAGE // 2, b"\x00" * (PAGE // 2))
    return path


def test_zeroed_newest_rows_are_reported_as_damage(tmp_path: Path, jordras_session: Path) -> None:
    path = _zero_last_page_rows(tmp_path, jordras_session)
    store = SessionStore.open(path)
    try:
        with pytest.raises(SessionError, match=re.escape(str(path))):
            _ = store.ended
    finally:
        store.close()


def test_export_of_zeroed_newest_rows_is_a_clear_error(
    tmp_path: Path, jordras_session: Path
) -> None:
    path = _zero_last_page_rows(tmp_path, jordras_session)
    proc = run_cli("export", str(path), cwd=tmp_path)
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], proc.stderr


# --- export --------------------------------------------------------------------------


def test_export_writes_one_json_object_per_event_in_seq_order(acted: tuple[Path, str]) -> None:
    path, text = acted
    assert text.endswith("\n")
    rows = records(text)
    store = SessionStore.open(path)
    try:
        stored = list(store.events())
    finally:
        store.close()
    assert len(rows) == len(stored) == len(text.splitlines())
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    for row, event in zip(rows, stored, strict=True):
        assert {"seq", "t", "wall", "type"} <= row.keys()
        assert isinstance(row["t"], int | float) and row["t"] >= 0
        assert WALL.match(row["wall"]), row["wall"]
        assert datetime.fromisoformat(row["wall"]).tzinfo is not None
        assert row == event.as_record()
    types = [r["type"] for r in rows]
    assert set(types) >= REQUIRED_TYPES
    assert types[0] == "session_start" and types[-1] == "session_end"
    times = [r["t"] for r in rows if r["type"] == "delivered"]
    assert times == sorted(times)

    actions = [(r["action"], r["to"], r["t"]) for r in rows if r["type"] == "action"]
    assert actions == [
        ("reply", ["first"], 120.0),
        ("flag", ["rykte"], 180.0),
        ("reply", ["press-1"], 360.0),
    ]
    flag = next(r for r in rows if r["type"] == "action" and r["action"] == "flag")
    assert flag["label"] == "misleading"
    notes = [r for r in rows if r["type"] == "note"]
    assert [(n["t"], n["text"], n["by"]) for n in notes] == [(240.0, "Sjekk med politiet", "Kari")]
    outcomes = {(r["inject"], r["status"]) for r in rows if r["type"] == "expectation"}
    assert outcomes == {("first", "met"), ("rykte", "met"), ("press-1", "met")}
    delivered = {r["item"] for r in rows if r["type"] == "delivered"}
    assert {"first", "rykte", "press-1", "team-1", "team-2"} <= delivered
    assert any(i.startswith("prat-") for i in delivered)


def test_export_of_an_ended_session_prints_no_note(acted: tuple[Path, str]) -> None:
    path, _text = acted
    proc = run_cli("export", str(path))
    assert proc.returncode == 0
    assert proc.stderr == ""


def test_export_to_a_file_writes_the_same_lines(acted: tuple[Path, str]) -> None:
    path, text = acted
    out = path.parent / "out.jsonl"
    proc = run_cli("export", path.name, "-o", "out.jsonl", cwd=path.parent)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.read_text(encoding="utf-8") == text


def test_export_of_an_interrupted_session_notes_it_and_succeeds(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    simulate(tmp_path, "s.yaml", "--seed", "2", "--until", "10m", "--session", "cut.sqlite")
    proc = run_cli("export", "cut.sqlite", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "interrupted" in proc.stderr and "cut.sqlite" in proc.stderr
    rows = records(proc.stdout)
    assert rows and rows[0]["type"] == "session_start"
    assert "session_end" not in {r["type"] for r in rows}
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))


# --- kill -9 -------------------------------------------------------------------------


def _kill_when_partial_reaches(
    proc: subprocess.Popen[bytes], partial: Path, threshold: int, limit: float = 60.0
) -> int:
    """Poll the growing file (waiting on the process, not sleeping); SIGKILL it at the
    threshold. Returns the size seen."""
    deadline = time.monotonic() + limit
    while True:
        try:
            size = partial.stat().st_size
        except FileNotFoundError:
            size = 0
        if size >= threshold:
            break
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"{partial.name} did not reach {threshold} bytes in {limit} s")
        try:
            proc.wait(timeout=0.01)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(
            f"simulate ended (exit {proc.returncode}) before {partial.name} "
            f"reached {threshold} bytes; make the scenario bigger"
        )
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return size


@pytest.mark.parametrize("threshold_mb", [1, 6, 20])
def test_kill_9_keeps_every_committed_transaction(tmp_path: Path, threshold_mb: int) -> None:
    scenario = tmp_path / "big.yaml"
    scenario.write_text(BIG, encoding="utf-8")
    path = tmp_path / "killed.sqlite"
    partial = tmp_path / "killed.sqlite.partial"
    proc = subprocess.Popen(
        [cli_path(), "simulate", str(scenario), "--seed", "5", "--session", str(path)],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _kill_when_partial_reaches(proc, partial, threshold_mb * 1_000_000)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not path.exists(), "a killed run is never renamed into place"
    assert mode(partial) == 0o600

    store = SessionStore.open(partial)
    try:
        events = list(store.events())
        ended = store.ended
        count = store.count()
    finally:
        store.close()
    n = len(events)
    assert n > 0 and count == n
    assert [e.seq for e in events] == list(range(1, n + 1))
    assert events[0].type == "session_start"
    assert events[0].data["seed"] == 5
    assert all(e.type != "session_end" for e in events)
    assert ended is False
    # Whole transactions only: the start (session_start + clock), then full batches.
    assert (n - 2) % BATCH == 0, n
    assert n >= 2 + BATCH * (threshold_mb * 1_000_000 // (BATCH * 1000)), n
    times = [e.t for e in events if e.type == "delivered"]
    assert times == sorted(times)
    assert times[-1] < 2 * 3600

    proc_export = run_cli("export", partial.name, "-o", "killed.jsonl", cwd=tmp_path)
    assert proc_export.returncode == 0, proc_export.stderr
    assert "interrupted" in proc_export.stderr and partial.name in proc_export.stderr
    with (tmp_path / "killed.jsonl").open(encoding="utf-8") as handle:
        exported = sum(1 for _ in handle)
    assert exported == n


def test_wall_times_are_utc(tmp_path: Path) -> None:
    """The wall clock in a session is UTC, whatever the local time zone."""
    store = SessionStore.create(tmp_path / "w.sqlite", {})
    before = datetime.now(UTC)
    (event,) = store.append([Event("session_start", 0.0)])
    after = datetime.now(UTC)
    store.close()
    stamp = datetime.fromisoformat(event.wall)
    assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0
    assert before.replace(microsecond=before.microsecond // 1000 * 1000) <= stamp <= after


def test_an_altered_stored_scenario_is_refused(stopped: Path) -> None:
    import sqlite3

    path = stopped
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = value || '# edited' WHERE key = 'scenario_text'")
    conn.commit()
    conn.close()
    with pytest.raises(SessionError, match="altered"):
        SessionStore.open(path)
    proc = run_cli("export", str(path))
    assert proc.returncode == 1 and "altered" in proc.stderr and str(path) in proc.stderr


def test_an_empty_actions_file_is_named_as_such(tmp_path: Path) -> None:
    actions = tmp_path / "team.yaml"
    actions.write_text("# nothing yet\n", encoding="utf-8")
    proc = run_cli(
        "simulate",
        "jordras",
        "--seed",
        "1",
        "--actions",
        str(actions),
        "--session",
        str(tmp_path / "s.sqlite"),
    )
    assert proc.returncode == 1
    assert f"{actions}:1:1: error: the actions file is empty" in proc.stderr
    assert not list(tmp_path.glob("*.sqlite*"))


# --- the write-ahead log -------------------------------------------------------------


def _events(path: Path) -> int:
    """How many events a file holds on its own, read without its companions (0 when even
    the events table has not reached it yet)."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone():
            return 0
        return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def test_a_closed_session_is_whole_in_its_one_file(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = SessionStore.create(path, meta_for("scenario text"))
    first.append([Event("delivered", float(k), {"item": f"x-{k}"}) for k in range(50)])
    first.close()
    reader = SessionStore.open(path)  # e.g. a debrief opened while the console runs
    writer = SessionStore.open(path)
    writer.append([Event("session_end", 60.0, {"reason": "completed"})])
    assert _events(path) == 50  # the newest event is still in the -wal file
    writer.close()
    try:
        copy = tmp_path / "copy" / "s.sqlite"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)  # the .sqlite file alone
        assert _events(copy) == 51
        assert Path(f"{path}-wal").stat().st_size == 0
    finally:
        reader.close()
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_after_a_crash_the_wal_file_holds_the_newest_events_until_scored(tmp_path: Path) -> None:
    from simulator.engine.session import new_session, virtual_clock
    from simulator.scenario.loader import load_scenario_text

    live = tmp_path / "live.sqlite"
    engine = new_session(load_scenario_text(SCENARIO, "s.yaml"), 1, live, clock=virtual_clock())
    engine.start()
    engine.advance_to(600)
    engine.flush()
    store = engine.store
    assert store is not None
    written = store.count()
    try:  # the store is still open: the files on disk are as a kill would leave them
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for name in (live.name, f"{live.name}-wal"):
            shutil.copyfile(tmp_path / name, crashed / name)
        alone = tmp_path / "alone"
        alone.mkdir()
        shutil.copyfile(live, alone / live.name)
    finally:
        store.close()
    # Copied without its -wal file, the session lacks its newest events (here all of
    # them: it is not even recognised as a session).
    assert _events(alone / live.name) < written
    assert run_cli("score", live.name, cwd=alone).returncode == 1

    proc = run_cli("score", live.name, "--format", "json", cwd=crashed)
    assert proc.returncode == 0, proc.stderr
    assert not (crashed / f"{live.name}-wal").exists()
    assert _events(crashed / live.name) == written  # folded into the one file
