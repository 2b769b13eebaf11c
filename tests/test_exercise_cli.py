"""``crisis-sim host`` and ``crisis-sim join`` as processes: the host serves a real session
over its socket to a seat in the test, refuses a wrong code, and ends cleanly on SIGTERM
and ctrl+c. Nothing sleeps: each wait polls with a deadline, woken by the process."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.store import SessionStore
from simulator.exercise.host import SOCKET_NAME, runtime_folder
from simulator.exercise.seat import Seat, SeatRefused
from tests.helpers import cli_path, run_cli, run_cli_process


def wait_until(
    condition: Callable[[], bool], proc: subprocess.Popen[str], limit: float = 30
) -> None:
    """Poll until ``condition`` holds, woken by the process ending, not a timer."""
    deadline = time.monotonic() + limit
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"the host ended early with {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.02)


class Hosted:
    """A host process and where it writes."""

    def __init__(self, folder: Path) -> None:
        self.sessions = folder / "sessions"
        self.codes_file = folder / "codes.json"
        self.proc = subprocess.Popen(
            [
                cli_path(),
                "--lang",
                "en",
                "host",
                "jordras",
                "--speed",
                "20",
                "--session-dir",
                str(self.sessions),
                "--codes-file",
                str(self.codes_file),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(self.codes_file.exists, self.proc)
        self.codes: dict[str, Any] = json.loads(self.codes_file.read_text())
        self.socket = runtime_folder(self.sessions) / SOCKET_NAME

    def stop(self, signum: int) -> tuple[int, str, str]:
        self.proc.send_signal(signum)
        out, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, out, err

    def session(self) -> Path:
        (path,) = self.sessions.glob("*.sqlite")
        return path


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[Hosted]:
    host = Hosted(tmp_path)
    yield host
    if host.proc.poll() is None:
        host.proc.kill()
        host.proc.communicate()


async def first_events(socket: Path, code: str) -> list[dict[str, Any]]:
    """Join as a seat and return what the host sent, once session_start has come."""
    seen: list[dict[str, Any]] = []
    arrived = asyncio.Event()

    def take(events: list[dict[str, Any]]) -> None:
        seen.extend(events)
        if any(e["type"] == "session_start" for e in seen):
            arrived.set()

    seat = Seat(socket, code, "Kari", take)
    try:
        welcome = await seat.connect()
        assert (welcome.role, welcome.team, welcome.scenario) == ("press", "1", "jordras")
        await asyncio.wait_for(arrived.wait(), 10)
    finally:
        await seat.close()
    return seen


def test_a_seat_joins_the_hosted_exercise_and_sigterm_leaves_a_valid_session(
    hosted: Hosted,
) -> None:
    codes = hosted.codes
    assert set(codes) == {"teams", "facilitator"}
    assert set(codes["teams"]["1"]) == {"leader", "press", "social", "observer"}
    assert stat.S_IMODE(hosted.codes_file.stat().st_mode) == 0o600
    seen = asyncio.run(first_events(hosted.socket, codes["teams"]["1"]["press"]))
    assert "seed" not in next(e for e in seen if e["type"] == "session_start")

    with pytest.raises(SeatRefused) as refused:
        asyncio.run(Seat(hosted.socket, "not-a-code", "Mallory").connect())
    assert refused.value.reason.key == "code.wrong"
    wrong = run_cli_process("join", "not-a-code", "--session-dir", str(hosted.sessions))
    assert wrong.returncode == 1
    assert wrong.stderr.count("\n") == 1 and "does not open a seat" in wrong.stderr
    assert not any(code in wrong.stderr for code in codes["teams"]["1"].values())

    status, out, err = hosted.stop(signal.SIGTERM)
    assert status == 128 + signal.SIGTERM, err
    assert codes["teams"]["1"]["leader"] in out and "Host stopped" in out
    assert not hosted.socket.exists()
    path = hosted.session()
    store = SessionStore.open(path, readonly=True)
    seqs = [e.seq for e in store.events()]
    store.close()
    assert seqs == list(range(1, len(seqs) + 1))
    scored = run_cli("score", str(path), "--format", "json")
    assert scored.returncode == 0, scored.stderr


def test_ctrl_c_ends_the_host_with_status_0(hosted: Hosted) -> None:
    status, out, err = hosted.stop(signal.SIGINT)
    assert status == 0, err
    assert "Traceback" not in out + err
    # The pause is recorded, so that the session reopens where the host stopped.
    store = SessionStore.open(hosted.session(), readonly=True)
    events = list(store.events())
    store.close()
    assert events[0].type == "session_start"
    assert (events[-1].type, events[-1].data["op"]) == ("clock", "pause")


def test_join_without_a_host_says_so_on_one_line(tmp_path: Path) -> None:
    proc = run_cli_process("join", "any-code", "--session-dir", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "no exercise is hosted" in proc.stderr


def test_a_second_host_on_the_same_folder_is_refused(hosted: Hosted) -> None:
    proc = run_cli_process("host", "jordras", "--session-dir", str(hosted.sessions))
    assert proc.returncode == 1 and "hosted in" in proc.stderr
