"""Faults on purpose in a team exercise: kill -9 of a seat, and of the host, at random
moments, then the seat joins again or the host is started again on its folder.

Everything is a real process: the host (``crisis-sim host``, headless), seats that act by
themselves (tests/seat_driver.py, the real seat client) and a real console in a terminal.
A driver writes each request id to its file once the host acknowledged it, so what was
acknowledged is known after a kill. After each case the session log holds every
acknowledged request exactly once, no request twice, its events numbered without a gap,
and it restores exactly (the engine replays it and refuses any difference). Each kill
lands at a random point of progress (a random number of acknowledged requests), found by
polling the files, never by sleeping.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.engine import Engine
from simulator.engine.store import SessionStore
from simulator.exercise.protocol import MAX_HOST_LINE, Hello, Welcome, decode, encode
from tests.helpers import run_cli
from tests.hosting import HostedExercise, wait_until
from tests.seat_driver import acknowledged, action, request_id
from tests.terminal import Terminal, wait_for

pytestmark = pytest.mark.faults
SEAT_KILLS = 20
HOST_KILLS = 10
SEED = 20261130
#: Actions each driver takes: enough that a kill lands while it acts, few enough that a
#: case takes a second or two.
COUNT = 60
#: How often a wait looks again: often, as a driver takes an action in a few milliseconds.
POLL = 0.003
ROOT = Path(__file__).resolve().parent.parent
#: Who sits at each trainee seat.
NAMES = {"press": "Kari", "social": "Per", "leader": "Ola"}


class Exercise(HostedExercise):
    """A hosted exercise in a test's folder, with seats that act by themselves."""

    def __init__(self, folder: Path, teams: int = 1) -> None:
        super().__init__(folder, "jordras", "--speed", "20", "--teams", str(teams))

    def acks(self, role: str) -> Path:
        return self.tmp / f"acks-{role}.txt"

    def driver(self, role: str, *, held: bool = False) -> subprocess.Popen[bytes]:
        """A seat acting by itself with ``role``'s code (going on from its file); a
        ``held`` one waits to be told to act (see :meth:`drivers`)."""
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        args = [str(self.socket), self.code(role), NAMES[role], str(self.acks(role)), str(COUNT)]
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.seat_driver", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE if held else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.processes.append(proc)
        return proc

    def drivers(self, roles: Sequence[str]) -> dict[str, subprocess.Popen[bytes]]:
        """A driver for each role, told to act once every one has joined: a kill's moment
        counts from when they all act. Each stays until :func:`finish`."""
        started = {role: self.driver(role, held=True) for role in roles}
        for proc in started.values():
            assert proc.stdout is not None and proc.stdout.readline() == b"joined\n"
        for proc in started.values():
            assert proc.stdin is not None
            proc.stdin.write(b"go\n")
            proc.stdin.flush()
        return started


@pytest.fixture
def exercise(tmp_path: Path) -> Iterator[Exercise]:
    hosted = Exercise(tmp_path)
    yield hosted
    hosted.kill_all()


def finish(proc: subprocess.Popen[bytes], host: subprocess.Popen[str]) -> None:
    """Wait for a driver to take all its actions while the host runs."""
    if proc.stdin is not None:
        proc.stdin.close()  # the end of its input: it leaves once done
    wait_until(lambda: proc.poll() is not None, [host], wake=proc)
    assert proc.stderr is not None
    assert proc.returncode == 0, proc.stderr.read().decode()


def kill(proc: subprocess.Popen[Any]) -> None:
    """kill -9, and make sure it was a kill and not an end."""
    running = proc.poll() is None
    proc.kill()
    proc.wait()
    assert running and proc.returncode == -signal.SIGKILL, "the kill came too late"


def records(path: Path) -> list[dict[str, Any]]:
    """The session's events as records, read as the debrief reads them (no lock)."""
    store = SessionStore.open(path, readonly=True)
    try:
        return [event.as_record() for event in store.events()]
    finally:
        store.close()


def check_log(path: Path, acks: dict[str, Path], count: int) -> list[dict[str, Any]]:
    """What must hold after the faults: every request acknowledged and in the log once,
    with its seat's name, in order; nothing twice; no gap; the log restores exactly."""
    log = records(path)
    assert [r["seq"] for r in log] == list(range(1, len(log) + 1))
    requested = [r["request"] for r in log if r.get("request")]
    assert len(requested) == len(set(requested)), "a request was applied twice"
    for role, file in acks.items():
        name = NAMES[role]
        wanted = [request_id(name, i) for i in range(count)]
        assert acknowledged(file) == wanted  # each acknowledged once, none refused
        mine = [r for r in log if r.get("seat") == f"1:{role}"]
        assert [r["request"] for r in mine] == wanted
        for index, record in enumerate(mine):
            fields = action(name, index)
            assert record["by"] == name
            assert record["type"] == ("note" if fields["do"] == "note" else "action")
            assert record.get("text", "") == fields.get("text", "")
    # The engine replays the whole log from the scenario and seed, and refuses any
    # difference between what it rebuilds and what the file says.
    store = SessionStore.open(path)
    try:
        Engine.restore(store)
    finally:
        store.close()
    scored = run_cli("score", str(path), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    return log


# -- a seat killed -------------------------------------------------------------------------


@pytest.mark.parametrize("case", range(SEAT_KILLS))
def test_a_seat_killed_at_a_random_moment_goes_on_and_nothing_acknowledged_is_lost(
    exercise: Exercise, case: int
) -> None:
    draw = random.Random(f"{SEED}-seat-{case}")
    roles = ["press", "social"]
    drivers = exercise.drivers(roles)
    victim = draw.choice(roles)
    moment = draw.randrange(COUNT // 2)
    acks = exercise.acks(victim)
    wait_until(lambda: len(acknowledged(acks)) >= moment, [exercise.host, drivers[victim]])
    kill(drivers[victim])
    # The same code and name again: it goes on from the first request not acknowledged,
    # which the killed seat may have sent already.
    drivers[victim] = exercise.driver(victim)
    for proc in drivers.values():
        finish(proc, exercise.host)
    exercise.stop()
    check_log(exercise.session(), {role: exercise.acks(role) for role in roles}, COUNT)


# -- the host killed -----------------------------------------------------------------------


@pytest.mark.parametrize("case", range(HOST_KILLS))
def test_the_host_killed_at_a_random_moment_resumes_and_each_request_is_applied_once(
    exercise: Exercise, case: int
) -> None:
    draw = random.Random(f"{SEED}-host-{case}")
    roles = ["press", "social", "leader"]
    drivers = exercise.drivers(roles)
    moment = draw.randrange(len(roles) * COUNT // 2)
    files = [exercise.acks(role) for role in roles]
    wait_until(lambda: sum(len(acknowledged(f)) for f in files) >= moment, [exercise.host])
    kill(exercise.host)
    before = records(exercise.session())
    # The killed host left its socket file and the session's lock file: the host started
    # again must take their place. The drivers join it by themselves and send again what
    # was not acknowledged, with the same ids.
    resumed = exercise.resume()
    for proc in drivers.values():
        finish(proc, resumed)
    exercise.stop()
    log = check_log(exercise.session(), dict(zip(roles, files, strict=True)), COUNT)
    assert log[: len(before)] == before  # what was committed before the kill stays as it was


# -- a console killed ----------------------------------------------------------------------

CONSOLE_SAYS = "Ola melder fra konsollet"


def said(path: Path) -> list[dict[str, Any]]:
    """The console's statement as the log has it."""
    return [r for r in records(path) if r["type"] == "action" and r["text"] == CONSOLE_SAYS]


def console(exercise: Exercise) -> Terminal:
    """A trainee's console, ``crisis-sim join`` in a terminal, at the leader's seat."""
    term = exercise.join(exercise.code("leader"), NAMES["leader"])
    wait_for(term, "Uttalelse")  # the console's keys: it has joined
    return term


def test_a_console_killed_at_a_random_moment_joins_again_with_its_code_and_shows_it_all(
    exercise: Exercise,
) -> None:
    moment = random.Random(f"{SEED}-console").randrange(COUNT // 2)
    term = console(exercise)
    try:
        term.type("s")
        wait_for(term, "Ny uttalelse")
        term.type(CONSOLE_SAYS)
        term.press("ctrl+s")
        wait_until(lambda: said(exercise.session()) != [], [exercise.host])
        driver = exercise.driver("press")
        acks = exercise.acks("press")
        wait_until(lambda: len(acknowledged(acks)) >= moment, [exercise.host, driver])
        os.kill(term.pid, signal.SIGKILL)
        term.wait_gone()
    finally:
        term.close()
    finish(driver, exercise.host)
    # The same code again: the console shows what the team did while it was gone.
    newest = next(i for i in reversed(range(COUNT)) if action("Kari", i)["do"] == "draft")
    term = console(exercise)
    try:
        term.type("l")  # the team's log, newest first: press's newest draft is there
        wait_for(term, str(action(NAMES["press"], newest)["text"]))
        term.press("escape")  # closes the log (and is not read with the next key as alt+q)
        wait_for(term, "Uttalelse")
        term.type("q")  # and it leaves, before the host ends
        term.wait_gone()
    finally:
        term.close()
    exercise.stop()
    check_log(exercise.session(), {"press": acks}, COUNT)
    assert [(r["by"], r["seat"]) for r in said(exercise.session())] == [
        (NAMES["leader"], "1:leader")
    ]


# -- the host ended with a seat joined -----------------------------------------------------


def test_the_host_ended_while_a_seat_is_joined_ends_without_a_traceback(
    exercise: Exercise,
) -> None:
    with socket.socket(socket.AF_UNIX) as seat:
        seat.connect(str(exercise.socket))
        seat.sendall(encode(Hello(exercise.code("press"), NAMES["press"])))
        welcome = seat.makefile("rb").readline()
        assert isinstance(decode(welcome, MAX_HOST_LINE), Welcome)
        exercise.stop()
