"""``crisis-sim host`` and ``crisis-sim join`` as processes: the host serves a real session
over its socket to a seat in the test, refuses a wrong code, and ends cleanly on SIGTERM
and ctrl+c. Nothing sleeps: each wait polls with a deadline, woken by the process."""

from __future__ import annotations

import asyncio
import json
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.store import SessionStore
from simulator.exercise.protocol import RequestKind
from simulator.exercise.seat import Seat, SeatRefused
from tests.helpers import run_cli, run_cli_process
from tests.hosting import HostedExercise


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[HostedExercise]:
    host = HostedExercise(tmp_path, "jordras", "--speed", "20")
    yield host
    host.kill_all()


async def first_events(socket: Path, code: str) -> list[dict[str, Any]]:
    """Join as a seat and return what the host sent, once session_start has come."""
    seen: list[dict[str, Any]] = []
    arrived = asyncio.Event()

    def take(events: list[dict[str, Any]], team: str) -> None:
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
    hosted: HostedExercise,
) -> None:
    codes = hosted.codes
    assert set(codes) == {"teams", "facilitator"}
    assert set(codes["teams"]["1"]) == {"leader", "press", "social", "observer", "wall"}
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

    status, out, err = hosted.signal(signal.SIGTERM)
    assert status == 128 + signal.SIGTERM, err
    assert codes["teams"]["1"]["leader"] in out and "Host stopped" in out
    assert f"  {'wall display':<16} {codes['teams']['1']['wall']}" in out
    assert not hosted.socket.exists()
    path = hosted.session()
    store = SessionStore.open(path, readonly=True)
    seqs = [e.seq for e in store.events()]
    store.close()
    assert seqs == list(range(1, len(seqs) + 1))
    scored = run_cli("score", str(path), "--format", "json")
    assert scored.returncode == 0, scored.stderr


def test_ctrl_c_ends_the_host_with_status_0(hosted: HostedExercise) -> None:
    status, out, err = hosted.signal(signal.SIGINT)
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


def test_a_second_host_on_the_same_folder_is_refused(hosted: HostedExercise) -> None:
    proc = run_cli_process("host", "jordras", "--session-dir", str(hosted.sessions))
    assert proc.returncode == 1 and "hosted in" in proc.stderr


async def team_logs(socket: Path, code: str, wanted: set[str]) -> dict[str, list[str]]:
    """Join with ``code``; each team's event types, once every team in ``wanted`` sent its
    session_start."""
    seen: dict[str, list[str]] = {}
    arrived = asyncio.Event()

    def take(events: list[dict[str, Any]], team: str) -> None:
        seen.setdefault(team, []).extend(e["type"] for e in events)
        if all("session_start" in seen.get(t, []) for t in wanted):
            arrived.set()

    seat = Seat(socket, code, "Kim", take)
    try:
        await seat.connect()
        await asyncio.wait_for(arrived.wait(), 10)
    finally:
        await seat.close()
    return seen


def test_two_teams_get_their_own_logs_and_codes_and_the_control_cell_follows_both(
    tmp_path: Path,
) -> None:
    exercise = HostedExercise(tmp_path, "jordras", "--teams", "2")
    try:
        codes = exercise.codes
        assert sorted(codes["teams"]) == ["1", "2"]
        every = [*codes["teams"]["1"].values(), *codes["teams"]["2"].values()]
        assert len(set([*every, codes["facilitator"]])) == len(every) + 1
        team2 = asyncio.run(team_logs(exercise.socket, exercise.code("press", "2"), {"2"}))
        assert list(team2) == ["2"]
        control = asyncio.run(team_logs(exercise.socket, codes["facilitator"], {"1", "2"}))
        assert sorted(control) == ["1", "2"]
        exercise.stop()
    finally:
        exercise.kill_all()
    folder = exercise.folder()
    assert sorted(p.name for p in folder.glob("team-*.sqlite")) == [
        "team-1.sqlite",
        "team-2.sqlite",
    ]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


async def reply_once(socket: Path, code: str, request_id: str) -> tuple[bool, int]:
    """Send one reply with ``request_id``; its outcome and the seat's last seq after it."""
    seat = Seat(socket, code, "Kari")
    try:
        await seat.connect()
        ack = await asyncio.wait_for(
            seat.request(
                RequestKind.ACTION,
                {"do": "draft", "publishes": "statement", "text": "Vi følger situasjonen."},
                request_id=request_id,
            ),
            10,
        )
    finally:
        await seat.close()
    return ack.ok, seat.last_seq


def test_a_host_resumed_on_its_folder_keeps_the_codes_and_applies_a_resent_request_once(
    hosted: HostedExercise,
) -> None:
    press = hosted.codes["teams"]["1"]["press"]
    assert asyncio.run(reply_once(hosted.socket, press, "req-1"))[0]
    status, _, err = hosted.signal(signal.SIGTERM)
    assert status == 128 + signal.SIGTERM, err
    hosted.resume()
    # The same code opens the same seat; the same request id is not applied again.
    assert asyncio.run(reply_once(hosted.socket, press, "req-1"))[0]
    assert asyncio.run(reply_once(hosted.socket, press, "req-2"))[0]
    hosted.stop()
    store = SessionStore.open(hosted.session(), readonly=True)
    requests = [e.data.get("request") for e in store.events() if e.type == "action"]
    store.close()
    assert requests == ["req-1", "req-2"]


def test_a_host_resumed_on_codes_from_before_the_wall_display_serves_the_seats_they_list(
    hosted: HostedExercise,
) -> None:
    codes = hosted.codes["teams"]["1"]
    status, _, err = hosted.signal(signal.SIGTERM)
    assert status == 128 + signal.SIGTERM, err
    # The codes as a host wrote them before a team had a wall display.
    path = hosted.folder() / "codes.json"
    table = json.loads(path.read_text())
    wall = table["teams"]["1"].pop("wall")
    path.write_text(json.dumps(table))
    hosted.resume()
    assert asyncio.run(reply_once(hosted.socket, codes["press"], "req-1"))[0]
    with pytest.raises(SeatRefused) as refused:
        asyncio.run(Seat(hosted.socket, wall, "Vegg").connect())
    assert refused.value.reason.key == "code.wrong"
    status, out, err = hosted.signal(signal.SIGINT)
    assert status == 0, err
    assert codes["leader"] in out and codes["observer"] in out and "wall display" not in out


def test_host_needs_a_scenario_or_a_folder_to_resume(tmp_path: Path) -> None:
    neither = run_cli_process("host", "--session-dir", str(tmp_path))
    assert neither.returncode == 2 and "--resume" in neither.stderr
    empty = run_cli_process("host", "--resume", str(tmp_path))
    assert empty.returncode == 2 and "holds no exercise" in empty.stderr
    assert "Traceback" not in neither.stderr + empty.stderr
