"""A hosted team exercise for tests: ``crisis-sim host`` as a real process in a test's
folder, its codes, its socket and its sessions, and the polls that wait on it without
sleeping."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

from simulator.engine.engine import Engine
from simulator.engine.session import new_session, virtual_clock
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.host import SOCKET_NAME, Host, runtime_folder
from simulator.exercise.views import TraineeView, alias_key
from simulator.scenario.loader import LoadedScenario
from tests.helpers import cli_path
from tests.terminal import Terminal, open_terminal


def started(loaded: LoadedScenario, seed: int, path: Path) -> Engine:
    """A new session of ``loaded`` on a virtual clock, started, with the items of T+0."""
    engine = new_session(loaded, seed, path, clock=virtual_clock())
    engine.start()
    engine.pump()
    return engine


@contextlib.asynccontextmanager
async def hosted(engine: Engine, codes: CodeTable, folder: Path) -> AsyncIterator[Host]:
    """A host of ``engine`` for team 1 in this process, on its own ticks (tick=None); the
    session is closed after it."""
    host = Host({"1": engine}, codes, folder, tick=None)
    await host.start()
    try:
        yield host
    finally:
        await host.close()
        assert engine.store is not None
        engine.store.close()


#: How long one poll waits for a watched process to end before it looks again.
POLL = 0.02


def wait_until(
    condition: Callable[[], bool],
    watch: Sequence[subprocess.Popen[Any]],
    wake: subprocess.Popen[Any] | None = None,
    limit: float = 60.0,
) -> None:
    """Poll until ``condition`` holds; fail when a ``watch``ed process ends first.

    Each wait is on ``wake`` (else the first watched process), so its end wakes the poll
    at once.
    """
    deadline = time.monotonic() + limit
    waiting_on = wake or watch[0]
    while not condition():
        ended = [proc for proc in watch if proc.poll() is not None]
        if ended and not condition():
            proc = ended[0]
            raise AssertionError(f"process {proc.pid} ended early with {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        with contextlib.suppress(subprocess.TimeoutExpired):
            waiting_on.wait(timeout=POLL)


def code_of(codes: CodeTable, role: SeatRole) -> str:
    """The code of ``role`` in a table of one team."""
    return next(c.code for c in codes.codes if c.role == role)


class HostedExercise:
    """``crisis-sim host SCENARIO`` without a terminal, in ``folder``, once it listens."""

    def __init__(
        self,
        folder: Path,
        scenario: str = "jordras",
        *options: str,
        lang: str = "en",
    ) -> None:
        self.tmp = folder
        self.lang = lang
        self.sessions = folder / "sessions"
        self.codes_file = folder / "codes.json"
        self.socket = runtime_folder(self.sessions) / SOCKET_NAME
        self.host = self._start_host(
            scenario,
            "--session-dir",
            str(self.sessions),
            "--codes-file",
            str(self.codes_file),
            *options,
        )
        self.processes: list[subprocess.Popen[Any]] = [self.host]
        wait_until(self.codes_file.exists, [self.host])
        self.codes: dict[str, Any] = json.loads(self.codes_file.read_text())

    def _start_host(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [cli_path(), "--lang", self.lang, "host", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def code(self, role: str, team: str = "1") -> str:
        """The join code of ``role`` in ``team``."""
        return str(self.codes["teams"][team][role])

    def alias(self, item: str) -> str:
        """The name a trainee's seat knows ``item`` by."""
        return TraineeView(alias_key(self.codes["facilitator"]), 0).alias(item)

    def join(self, code: str, name: str, size: tuple[int, int] = (120, 36)) -> Terminal:
        """``crisis-sim join`` with ``code`` in a terminal of its own, in the scenario's
        language (what the host prints is in ``lang``)."""
        argv = [cli_path(), "join", code, "--name", name]
        return open_terminal([*argv, "--session-dir", str(self.sessions)], *size)

    def folder(self) -> Path:
        """The exercise's folder under the session folder."""
        (path,) = [p for p in self.sessions.iterdir() if p != runtime_folder(self.sessions)]
        return path

    def session(self, team: str = "1") -> Path:
        """A team's session file."""
        return self.folder() / f"team-{team}.sqlite"

    def resume(self, *options: str) -> subprocess.Popen[str]:
        """A host started again on the exercise's folder, once it listens."""
        self.host = self._start_host("--resume", str(self.folder()), *options)
        self.processes.append(self.host)
        wait_until(self.listens, [self.host])
        return self.host

    def listens(self) -> bool:
        """Whether a host answers on the socket (a killed host's file answers nothing)."""
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(self.socket))
            except OSError:
                return False
        return True

    def signal(self, signum: int) -> tuple[int, str, str]:
        """Send the host ``signum``; its exit status and what it printed."""
        self.host.send_signal(signum)
        out, err = self.host.communicate(timeout=60)
        return self.host.returncode, out, err

    def stop(self) -> None:
        """End the host with ctrl+c, as the facilitator does; it must end cleanly."""
        status, out, err = self.signal(signal.SIGINT)
        assert status == 0, err
        assert "Traceback" not in out + err, out + err

    def kill_all(self) -> None:
        """Kill whatever the test started and did not end."""
        for proc in self.processes:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
