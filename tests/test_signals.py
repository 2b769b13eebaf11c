"""SIGTERM and SIGHUP close the console as its quit key does, in a real terminal.

The installed command runs in tmux, wrapped in a shell that prints its exit status and
whether the terminal echoes typing again, and then stays open so that tmux can be asked
whether the pane is still in the alternate screen with mouse reporting on. Without tmux,
a pseudo-terminal that is the console's controlling terminal, as a window's is, shows the
same: the codes the command wrote, and the terminal's settings afterwards. Closing it
plays a closed terminal window: it hangs up, and the kernel sends SIGHUP.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.engine.session import virtual_clock
from simulator.engine.store import SessionStore
from tests.helpers import BUSY, cli_path, event_count, run_cli
from tests.terminal import TmuxTerminal, wait_for

pytestmark = pytest.mark.faults

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

# After the command: its exit status, then the echo setting of the terminal ("echo" or
# "-echo"), then a wait that keeps the pane open to be looked at.
WRAPPER = (
    '"$0" "$@"; echo "EXIT=$?"; '
    'echo "STTY=$(stty -a | tr " ;" "\\n\\n" | grep -x -e echo -e -echo)"; '
    "exec sleep 3600"
)


def wait_until(condition: Callable[[], bool], wake: Callable[[], None], limit: float = 90) -> None:
    """Poll until ``condition`` holds, woken by ``wake`` (the screen changing), not a timer."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        wake()


class Wrapped:
    """The installed command in tmux under the wrapper shell."""

    def __init__(self, *args: str) -> None:
        self.term = TmuxTerminal(["sh", "-c", WRAPPER, cli_path(), *args], 120, 36)
        shell = self.term.pid
        wait_until(lambda: bool(_children(shell)), lambda: self.term.changed(0.1))
        self.pid = int(_children(shell)[0])  # the crisis-sim process, the shell's one child

    def flags(self) -> str:
        """Alternate screen, mouse reporting (any motion, SGR coding) of the pane: 1 is on."""
        return self.term._tmux(
            "display",
            "-p",
            "-t",
            self.term.name,
            "#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag}",
        ).strip()

    def finish(self) -> tuple[str, str]:
        """Wait for the command to end; its exit status and the terminal's echo setting."""
        screen = wait_for(self.term, "STTY=")
        lines = screen.splitlines()
        status = next(line for line in lines if line.startswith("EXIT="))
        echo = next(line for line in lines if line.startswith("STTY="))
        return status.removeprefix("EXIT="), echo.removeprefix("STTY=")


def _children(pid: int) -> list[str]:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return []


def busy_scenario(folder: Path) -> str:
    """A scenario in bokmål with items from its first second, so that a console at the top
    speed has a session worth closing at once (the bundled ones start slowly)."""
    path = folder / "busy.yaml"
    path.write_text(BUSY, encoding="utf-8")
    return str(path)


def check_closed_session(path: Path, paused: bool = True) -> None:
    """Closed cleanly: one file with every event, the pause last, and resume opens there."""
    assert not path.with_name(path.name + "-wal").exists()  # folded in when it was closed
    store = SessionStore.open(path)
    events = list(store.events())
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    last = events[-1]
    if paused:
        assert (last.type, last.data.get("op")) == ("clock", "pause")
    restored = Engine.restore(store, clock=virtual_clock())
    assert restored.now() == pytest.approx(max(e.t for e in events))
    assert not restored.clock.running  # resume opens it paused, where it stopped
    store.close()
    proc = run_cli("score", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr


SIGNALS = [
    pytest.param(signal.SIGTERM, "143", id="SIGTERM"),
    pytest.param(signal.SIGHUP, "129", id="SIGHUP"),
]


@needs_tmux
@pytest.mark.parametrize(("signum", "status"), SIGNALS)
def test_run_closes_on_a_signal_as_on_quit(tmp_path: Path, signum: int, status: str) -> None:
    session = tmp_path / "S.sqlite"
    run = Wrapped("run", busy_scenario(tmp_path), "--speed", "20", "--session", str(session))
    try:
        wait_for(run.term, "Enter")
        run.term.press("enter")
        wait_until(lambda: event_count(session) >= 10, lambda: run.term.changed(0.5))
        wait_for(run.term, "@")  # items on the screen
        assert run.flags() == "1 1 1"  # the console's screen, with the mouse reported
        os.kill(run.pid, signum)
        assert run.finish() == (status, "echo")
        assert run.flags() == "0 0 0"
        assert "Økta er lagret" in run.term.screen()  # the scenario speaks bokmål
    finally:
        run.term.close()
    check_closed_session(session)


@needs_tmux
@pytest.mark.parametrize(("signum", "status"), SIGNALS)
def test_resume_closes_on_a_signal_as_on_quit(stopped: Path, signum: int, status: str) -> None:
    session = stopped
    before = event_count(session)
    resumed = Wrapped("resume", str(session))
    try:
        wait_for(resumed.term, "Enter")
        resumed.term.press("enter")
        wait_for(resumed.term, "PAUSE")
        resumed.term.press("f2")
        wait_for(resumed.term, "Øvingsleder")
        resumed.term.press("space")  # the clock runs again, so closing records a pause
        wait_until(lambda: event_count(session) > before, lambda: resumed.term.changed(0.5))
        os.kill(resumed.pid, signum)
        assert resumed.finish() == (status, "echo")
        assert resumed.flags() == "0 0 0"
    finally:
        resumed.term.close()
    check_closed_session(session)


@needs_tmux
@pytest.mark.parametrize(("signum", "status"), SIGNALS)
def test_replay_closes_on_a_signal_as_on_quit(
    jordras_stopped: Path, signum: int, status: str
) -> None:
    session = jordras_stopped  # replay only reads it
    replay = Wrapped("replay", str(session))
    try:
        wait_for(replay.term, "@")  # items on the screen
        assert replay.flags() == "1 1 1"
        os.kill(replay.pid, signum)
        assert replay.finish() == (status, "echo")
        assert replay.flags() == "0 0 0"
    finally:
        replay.term.close()


class WindowPty:
    """The command in a pseudo-terminal that is its controlling terminal, as in a window.

    The test keeps the terminal's own end open, to read its settings after the command
    ended, until :meth:`close_window` hangs it up.
    """

    def __init__(self, *args: str) -> None:
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))

        def controlling_terminal() -> None:  # as a terminal window's shell has it
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            [cli_path(), *args],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env={**os.environ, "TERM": "xterm-256color"},
            start_new_session=True,
            preexec_fn=controlling_terminal,
        )
        self.shown = bytearray()  # everything the command wrote, escape codes included

    def read(self) -> None:
        """Take what the command wrote; wait at most half a second for it."""
        readable, _, _ = select.select([self.master], [], [], 0.5)
        if readable:
            with contextlib.suppress(OSError):
                self.shown.extend(os.read(self.master, 65536))

    def running(self) -> None:
        """Read on, as long as the command runs."""
        self.read()
        assert self.proc.poll() is None, f"the console ended early with {self.proc.returncode}"

    def status(self) -> int:
        """Wait for the command to end, reading what it writes; its exit status."""
        deadline = time.monotonic() + 60
        while self.proc.poll() is None:
            assert time.monotonic() < deadline, "the command did not end"
            self.read()
        self.read()
        return self.proc.returncode

    def close_window(self) -> None:
        """Close both ends: the terminal hangs up."""
        for fd in (self.slave, self.master):
            with contextlib.suppress(OSError):
                os.close(fd)

    def kill(self) -> None:
        """End the command if it is still running, and close the window."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.close_window()


def start_exercise(window: WindowPty, session: Path) -> None:
    """Press Enter at the briefing and wait for items to arrive."""
    wait_until(lambda: b"Enter" in window.shown, window.running)
    os.write(window.master, b"\r")
    wait_until(lambda: event_count(session) >= 10, window.running)


def last_switch(shown: bytes, mode: int) -> str:
    """Whether a terminal mode (1049 the alternate screen, 1003 mouse reporting) was left
    set ("h") or reset ("l") by the last code that switched it."""
    on, off = shown.rfind(f"\x1b[?{mode}h".encode()), shown.rfind(f"\x1b[?{mode}l".encode())
    assert on >= 0, f"mode {mode} was never set"
    return "h" if on > off else "l"


def test_sigterm_in_a_terminal_without_tmux(tmp_path: Path) -> None:
    """The same as in tmux, read from the codes the command wrote and the terminal's settings."""
    session = tmp_path / "S.sqlite"
    window = WindowPty("run", busy_scenario(tmp_path), "--speed", "20", "--session", str(session))
    try:
        start_exercise(window, session)
        os.kill(window.proc.pid, signal.SIGTERM)
        assert window.status() == 143
        assert last_switch(bytes(window.shown), 1049) == "l"  # the alternate screen left
        assert last_switch(bytes(window.shown), 1003) == "l"  # mouse reporting off
        assert termios.tcgetattr(window.slave)[3] & termios.ECHO  # typing shows again
        assert "Økta er lagret".encode() in window.shown
    finally:
        window.kill()
    check_closed_session(session)


def test_a_closed_terminal_window_closes_the_session(tmp_path: Path) -> None:
    """The terminal hangs up: writes to it fail, yet the session is closed, status 129."""
    session = tmp_path / "S.sqlite"
    window = WindowPty("run", busy_scenario(tmp_path), "--speed", "20", "--session", str(session))
    try:
        start_exercise(window, session)
        window.close_window()  # the kernel sends SIGHUP
        status = window.proc.wait(timeout=60)
    finally:
        window.kill()
    assert status == 129
    check_closed_session(session)
