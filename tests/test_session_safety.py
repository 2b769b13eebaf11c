"""One writer per session, and sessions read as untrusted input.

Real session files, real processes of the installed command, real ``kill -9``: a session
open for writing in one process is refused to a second writer (resume, run, simulate) and
readable by the debrief; the lock of a killed writer is taken over; a ``simulate`` never
removes another run's ``.partial`` file, and the leftovers of killed runs are reported.
Read-only sessions, read-only folders, lost write-ahead logs, damaged events and paths that
are not files each give one line naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.engine.store import SessionError, SessionStore
from tests.helpers import (
    Done,
    cli_path,
    open_folder,
    run_cli,
    run_cli_process,
    run_cli_unprivileged,
    scenario_text,
    unprivileged_reason,
)
from tests.test_store import BIG, _kill_when_partial_reaches

ERROR = "crisis-sim: error: "
# The minimal scenario with some chatter, so that ten minutes hold a few dozen events.
MINIMAL = scenario_text("""\
    noise:
      - id: prat
        authors: {role: citizen, count: 5}
        rate: [{at: 0m, per_minute: 3}, {at: 30m, per_minute: 3}]
        mix: {valid: 1}
        texts:
          valid: ["Ras i {sted}"]
    """)

# A writer in its own process, through the project's own API: it opens the session for
# writing (resume's way, or simulate's way for a partial file), says so on stdout and holds
# it until its stdin closes.
HOLD_SESSION = """\
import sys
from pathlib import Path
from simulator.engine.store import SessionStore
store = SessionStore.open(Path(sys.argv[1]))
print("open", flush=True)
sys.stdin.readline()
store.close()
"""

HOLD_PARTIAL = """\
import sys
from pathlib import Path
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import claim_session
from simulator.scenario.loader import load_scenario
path = Path(sys.argv[1])
claim = claim_session(path)
engine = new_session(load_scenario(sys.argv[2]), 1, path.with_name(path.name + ".partial"),
                     clock=virtual_clock())
engine.start()
engine.advance_to(600)
engine.flush()
print("open", flush=True)
sys.stdin.readline()
"""

# A console-like writer killed with its write-ahead log not yet folded in.
WRITE_AND_WAIT = """\
import sys
from pathlib import Path
from simulator.engine.session import new_session, virtual_clock
from simulator.scenario.loader import load_scenario
engine = new_session(load_scenario(sys.argv[2]), 1, Path(sys.argv[1]), clock=virtual_clock())
engine.start()
engine.advance_to(600)
engine.flush()
print("open", flush=True)
sys.stdin.readline()
"""


class Holder:
    """A real process holding a session open for writing until it is told or killed."""

    def __init__(self, script: str, *args: str, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # waits until the session is open
        assert line == "open\n", line + (self.proc.stderr.read() if self.proc.stderr else "")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def kill9(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        assert self.proc.returncode == -signal.SIGKILL

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    started: list[Holder] = []
    yield started
    for holder in started:
        holder.stop()


def make_session(folder: Path, name: str = "s.sqlite", until: str = "10m") -> Path:
    (folder / "mini.yaml").write_text(MINIMAL, encoding="utf-8")
    proc = run_cli(
        "simulate", "mini.yaml", "--seed", "1", "--until", until, "--session", name, cwd=folder
    )
    assert proc.returncode == 0, proc.stderr
    return folder / name


def only_error_line(proc: Done) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.startswith(ERROR)]
    assert len(lines) == 1, proc.stderr
    return lines[0]


# --- one writer per session (defect 4) -----------------------------------------------------


def test_a_second_writer_is_refused_naming_the_holder_and_readers_still_work(
    tmp_path: Path, holders: list[Holder]
) -> None:
    path = make_session(tmp_path)
    holder = Holder(HOLD_SESSION, str(path), cwd=tmp_path)
    holders.append(holder)
    who = f"(process {holder.pid} on {socket.gethostname()}, since "

    # resume refuses before it would need a terminal (there is none here).
    proc = run_cli("resume", "s.sqlite", cwd=tmp_path)
    line = only_error_line(proc)
    assert proc.returncode == 1
    assert "s.sqlite is open for writing in another crisis-sim" in line and who in line
    assert "interaktiv terminal" not in proc.stderr

    for args in (
        ["simulate", "mini.yaml", "--seed", "1", "--session", "s.sqlite"],
        ["run", "mini.yaml", "--session", "s.sqlite"],
    ):
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        line = only_error_line(proc)
        assert "is open for writing in another crisis-sim" in line and who in line, args

    # Readers do not need the lock.
    assert run_cli("score", "s.sqlite", cwd=tmp_path).returncode == 0
    exported = run_cli("export", "s.sqlite", cwd=tmp_path)
    assert exported.returncode == 0 and exported.stdout.count("\n") > 5

    # The holder dies without releasing: its lock is taken over by the next writer.
    holder.kill9()
    lock = tmp_path / "s.sqlite.lock"
    assert json.loads(lock.read_text())["pid"] == holder.pid  # still there, now stale
    proc = run_cli("resume", "s.sqlite", cwd=tmp_path, lang=None)
    assert proc.returncode == 2 and "interaktiv terminal" in proc.stderr  # got past the lock
    successor = Holder(HOLD_SESSION, str(path), cwd=tmp_path)
    holders.append(successor)
    assert json.loads(lock.read_text())["pid"] == successor.pid
    proc = run_cli("resume", "s.sqlite", cwd=tmp_path)
    assert f"process {successor.pid} " in only_error_line(proc)


def test_a_writer_that_closes_gives_the_lock_back(tmp_path: Path) -> None:
    path = make_session(tmp_path)
    first = SessionStore.open(path)
    first.close()
    assert not (tmp_path / "s.sqlite.lock").exists()
    second = SessionStore.open(path)  # not refused
    second.close()


# --- simulate never removes another run's partial file (defects 3 and 22) -------------------


def test_simulate_leaves_another_runs_partial_alone(
    tmp_path: Path, mini: Path, holders: list[Holder]
) -> None:
    target = tmp_path / "x.sqlite"
    partial = tmp_path / "x.sqlite.partial"
    holder = Holder(HOLD_PARTIAL, str(target), "mini.yaml", cwd=tmp_path)
    holders.append(holder)
    before = partial.stat().st_ino

    proc = run_cli("simulate", "mini.yaml", "--seed", "2", "--session", "x.sqlite", cwd=tmp_path)
    assert proc.returncode == 2
    line = only_error_line(proc)
    assert "x.sqlite is open for writing in another crisis-sim" in line
    assert f"process {holder.pid} " in line
    assert line.endswith("x.sqlite.partial is that run's, and is left alone")
    assert partial.stat().st_ino == before and not target.exists()

    # Killed: its partial is a leftover, named with the way to remove it, and still kept.
    holder.kill9()
    proc = run_cli("simulate", "mini.yaml", "--seed", "2", "--session", "x.sqlite", cwd=tmp_path)
    assert proc.returncode == 2
    line = only_error_line(proc)
    assert "x.sqlite.partial: left over from a 'crisis-sim simulate' that was stopped" in line
    assert "Remove it with: rm x.sqlite.partial" in line
    assert partial.stat().st_ino == before and not target.exists()

    for name in ("x.sqlite.partial", "x.sqlite.partial-wal", "x.sqlite.partial-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    proc = run_cli("simulate", "mini.yaml", "--seed", "2", "--session", "x.sqlite", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.yaml", "x.sqlite"]


def test_leftovers_of_a_killed_simulate_are_reported_with_size_and_kept(
    tmp_path: Path, mini: Path
) -> None:
    (tmp_path / "big.yaml").write_text(BIG, encoding="utf-8")
    folder = tmp_path / "sessions"
    killed = subprocess.Popen(
        [cli_path(), "simulate", "big.yaml", "--seed", "5", "--session", "sessions/big.sqlite"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _kill_when_partial_reaches(killed, folder / "big.sqlite.partial", 1_000_000)
    finally:
        if killed.poll() is None:
            killed.kill()
            killed.wait()
    leftovers = {p.name for p in folder.iterdir() if ".partial" in p.name}
    assert "big.sqlite.partial" in leftovers

    proc = run_cli(
        "simulate", "mini.yaml", "--seed", "1", "--until", "2m", "--session", "sessions/new.sqlite",
        cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1, proc.stderr
    assert "sessions/big.sqlite.partial: left over from a 'crisis-sim simulate'" in notes[0]
    assert " MB); no session uses it. Remove it with: rm sessions/big.sqlite.partial" in notes[0]

    # run reports it too, before it needs a terminal.
    proc = run_cli("run", "mini.yaml", "--session", "sessions/console.sqlite", cwd=tmp_path)
    assert "note: sessions/big.sqlite.partial: left over" in proc.stderr
    # Nothing was removed.
    assert leftovers <= {p.name for p in folder.iterdir()}


# --- the scenario digest is required (defect 5) ----------------------------------------------


def test_an_altered_scenario_with_its_digest_recomputed_is_accepted(tmp_path: Path) -> None:
    """The check is about accidents: whoever recomputes the digest is trusted, as before."""
    path = make_session(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        (text,) = conn.execute("SELECT value FROM meta WHERE key = 'scenario_text'").fetchone()
        text = text.replace("Bakkeby", "Bakkeby sentrum")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'scenario_text'", (text,))
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'scenario_sha256'",
            (hashlib.sha256(text.encode()).hexdigest(),),
        )
    conn.close()
    proc = run_cli("score", "s.sqlite", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM meta WHERE key = 'scenario_sha256'",
        "UPDATE meta SET value = '' WHERE key = 'scenario_sha256'",
        "UPDATE meta SET value = 'abc' WHERE key = 'scenario_sha256'",
    ],
    ids=["deleted", "emptied", "not-a-digest"],
)
def test_a_session_without_a_valid_digest_is_refused_in_process(tmp_path: Path, sql: str) -> None:
    path = make_session(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()
    for readonly in (True, False):
        with pytest.raises(SessionError, match="has been altered since the exercise ran"):
            SessionStore.open(path, readonly=readonly)
    assert not (tmp_path / "s.sqlite.lock").exists()  # a refused writer gives the lock back


# --- planted database objects -----------------------------------------------------------------


def test_resume_refuses_a_session_with_a_planted_trigger_before_it_can_act(
    tmp_path: Path,
) -> None:
    """A trigger would run inside the session on resume's first write; the session is
    refused on opening, so the trigger never fires and the file is left as it was."""
    path = make_session(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM meta; END")
    conn.close()
    before = path.read_bytes()
    proc = run_cli("resume", "s.sqlite", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert only_error_line(proc) == (
        f"{ERROR}s.sqlite: the session file holds a trigger named 'wipe', which crisis-sim "
        "never writes; it was changed by another program and cannot be trusted. Use the copy "
        "the exercise wrote"
    )
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM meta").fetchone()[0] > 0
    conn.close()


# --- damaged events: export stops cleanly (defect 12) ----------------------------------------


def test_export_stops_at_a_damaged_event_with_whole_lines_before_it(tmp_path: Path) -> None:
    """Export streams: the intact events before the damaged one, each a whole line, then
    one error line and exit status 1. With -o nothing is written."""
    path = make_session(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE events SET t = 9e999 WHERE seq = 5")
    conn.close()
    proc = run_cli("export", "s.sqlite", cwd=tmp_path)
    assert proc.returncode == 1
    assert only_error_line(proc) == (
        f"{ERROR}s.sqlite: event 5 is damaged (t is not a finite number); the events before "
        "it are intact, but crisis-sim cannot use the session"
    )
    assert proc.stdout.endswith("\n")
    assert [json.loads(line)["seq"] for line in proc.stdout.splitlines()] == [1, 2, 3, 4]
    proc = run_cli("export", "s.sqlite", "-o", "out.jsonl", cwd=tmp_path)
    assert proc.returncode == 1 and not (tmp_path / "out.jsonl").exists()


def test_an_event_nested_100000_levels_is_refused_in_process(tmp_path: Path) -> None:
    path = make_session(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        deep = '{"a":' * 100_000 + "1" + "}" * 100_000
        conn.execute("UPDATE events SET data = ? WHERE seq = 3", (deep,))
    conn.close()
    store = SessionStore.open(path, readonly=True)
    try:
        with pytest.raises(SessionError, match=r"event 3 is damaged \(its data nests deeper"):
            list(store.events())
    finally:
        store.close()


# --- paths that are not files ----------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(SessionError, match=r"pipe.sqlite: is a named pipe \(FIFO\)"):
        SessionStore.open(fifo, readonly=True)
    proc = run_cli_process("score", "pipe.sqlite", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1 and "is a named pipe (FIFO)" in only_error_line(proc)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(tmp_path: Path, device: str) -> None:
    for command in ("score", "export", "resume"):
        proc = run_cli_process(command, device, cwd=tmp_path, timeout=60)
        assert proc.returncode == 1
        assert only_error_line(proc) == f"{ERROR}{device}: is a device; give the path of a file"


# --- a lost or damaged write-ahead log (defect 19) -------------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "overwritten"])
def test_a_lost_write_ahead_log_is_named(
    tmp_path: Path, mini: Path, holders: list[Holder], damage: str
) -> None:
    holder = Holder(WRITE_AND_WAIT, str(tmp_path / "s.sqlite"), "mini.yaml", cwd=tmp_path)
    holders.append(holder)
    holder.kill9()
    wal = tmp_path / "s.sqlite-wal"
    assert wal.stat().st_size > 0
    if damage == "deleted":
        wal.unlink()
    else:
        wal.write_bytes(b"\x00" * wal.stat().st_size)
    proc = run_cli("score", "s.sqlite", cwd=tmp_path)
    assert proc.returncode == 1
    line = only_error_line(proc)
    assert line.startswith(f"{ERROR}s.sqlite: the session file is incomplete. ")
    state = "is missing" if damage == "deleted" else "is damaged"
    assert f"the write-ahead log s.sqlite-wal, which held its recent events, {state}" in line
    assert "restore s.sqlite-wal from where the session was copied" in line


def test_an_empty_file_without_its_write_ahead_log_says_what_may_be_missing(
    tmp_path: Path,
) -> None:
    (tmp_path / "s.sqlite").write_bytes(b"")
    proc = run_cli("score", "s.sqlite", cwd=tmp_path)
    line = only_error_line(proc)
    assert "s.sqlite: not a crisis-sim session file: the file is empty" in line
    assert "the write-ahead log s.sqlite-wal" in line and "is missing" in line


# --- read-only sessions and folders (defects 13 and 17) --------------------------------------

needs_unprivileged = pytest.mark.skipif(
    unprivileged_reason() is not None, reason=str(unprivileged_reason())
)


@needs_unprivileged
def test_a_read_only_session_in_a_read_only_folder_scores_and_exports(tmp_path: Path) -> None:
    work = open_folder(tmp_path / "work")
    media = tmp_path / "media"
    media.mkdir()
    path = make_session(media)
    (media / "mini.yaml").unlink()
    path.chmod(0o444)
    media.chmod(0o555)
    try:
        proc = run_cli_unprivileged("score", str(path), "--format", "json", cwd=work)
        assert proc.returncode == 0, proc.stderr
        assert '"scenario": "mini"' in proc.stdout
        proc = run_cli_unprivileged("export", str(path), cwd=work)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout.splitlines()[0])["type"] == "session_start"
        proc = run_cli_unprivileged("resume", str(path), cwd=work)
        assert proc.returncode == 1
        line = only_error_line(proc)
        assert "cannot be opened for writing: permission denied" in line
        assert "it can still be read: crisis-sim score" in line
        assert sorted(p.name for p in media.iterdir()) == ["s.sqlite"]  # nothing added
    finally:
        media.chmod(0o755)


@needs_unprivileged
def test_a_session_the_user_may_not_read_is_named(tmp_path: Path) -> None:
    folder = open_folder(tmp_path / "shared")
    path = make_session(folder)
    path.chmod(0o600 if os.geteuid() == 0 else 0o000)  # root's own file, or nobody's
    try:
        for command in ("score", "export"):
            proc = run_cli_unprivileged(command, "s.sqlite", cwd=folder)
            assert proc.returncode == 1
            assert only_error_line(proc) == f"{ERROR}s.sqlite: cannot be read: permission denied"
    finally:
        path.chmod(0o600)


@needs_unprivileged
def test_simulate_into_a_read_only_folder_says_so_in_one_line(tmp_path: Path) -> None:
    folder = open_folder(tmp_path / "ro")
    (folder / "mini.yaml").write_text(MINIMAL, encoding="utf-8")
    folder.chmod(0o555)
    try:
        for where in ([], ["--session", "out.sqlite"]):
            proc = run_cli_unprivileged(
                "simulate", "mini.yaml", "--seed", "1", "--until", "2m", *where, cwd=folder
            )
            assert proc.returncode == 2, proc.stderr
            line = only_error_line(proc)
            assert "permission denied" in line, line
            assert "internal error" not in proc.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["mini.yaml"]
    finally:
        folder.chmod(0o755)


def test_a_cleanly_closed_session_read_by_score_leaves_no_companion_files(
    tmp_path: Path,
) -> None:
    path = make_session(tmp_path)
    assert run_cli("score", "s.sqlite", cwd=tmp_path).returncode == 0
    assert run_cli("export", "s.sqlite", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.yaml", path.name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_link_planted_at_the_lock_name_is_never_followed(tmp_path: Path) -> None:
    path = make_session(tmp_path)
    victim = tmp_path / "notes.txt"
    victim.write_text("viktig\n", encoding="utf-8")
    (tmp_path / "s.sqlite.lock").symlink_to(victim)
    with pytest.raises(SessionError, match=r"s.sqlite.lock is a symbolic link; remove it"):
        SessionStore.open(path)
    assert victim.read_text(encoding="utf-8") == "viktig\n"
