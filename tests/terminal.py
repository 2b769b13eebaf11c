"""Drive the installed console as a person at a terminal would: keys in, screen text out.

Two ways to hold a terminal: tmux, where it is installed, and otherwise a pseudo-terminal
read through a terminal emulator (pyte), so that the tests that kill the console run on
any machine. Both start the real command as its own process, whose pid can be killed.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import os
import pty
import select
import shutil
import struct
import subprocess
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from typing import Protocol

import pyte

#: Keys by name, as bytes a terminal sends, and as tmux names them.
KEYS = {
    "enter": (b"\r", "Enter"),
    "escape": (b"\x1b", "Escape"),
    "space": (b" ", "Space"),
    "ctrl+c": (b"\x03", "C-c"),
    "ctrl+s": (b"\x13", "C-s"),
    "f2": (b"\x1bOQ", "F2"),
}


class Terminal(Protocol):
    """A terminal with a program running in it."""

    pid: int

    def screen(self) -> str: ...
    def changed(self, limit: float) -> None: ...
    def press(self, key: str) -> None: ...
    def wait_gone(self, limit: float = 60.0) -> None: ...
    def type(self, text: str) -> None: ...
    def close(self) -> None: ...


class TerminalGone(AssertionError):
    """The program in the terminal ended before what the test waited for."""


def wait_for(term: Terminal, text: str, limit: float = 60.0) -> str:
    """Wait until ``text`` is on the screen and return the screen; fail after ``limit`` s."""
    deadline = time.monotonic() + limit
    while True:
        shown = term.screen()
        if text in shown:
            return shown
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")
        settle(term)


def settle(term: Terminal) -> None:
    """Wait until the screen changes, for at most half a second."""
    term.changed(0.5)


class PtyTerminal:
    """A pseudo-terminal whose output is kept as screen text by a terminal emulator."""

    def __init__(
        self, argv: Sequence[str], cols: int, rows: int, env: dict[str, str] | None = None
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {
            **(os.environ if env is None else env),
            "TERM": "xterm-256color",
            "COLUMNS": str(cols),
            "LINES": str(rows),
        }
        self._proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.pid = self._proc.pid
        self._master = master
        self._screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self._screen)
        self._changed = threading.Condition()
        self._version = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # the program ended and the terminal closed
                chunk = b""
            with self._changed:
                if chunk:
                    self._stream.feed(chunk)
                self._version += 1
                self._changed.notify_all()
            if not chunk:
                return

    def changed(self, limit: float) -> None:
        """Return when the screen next changes (or after ``limit`` seconds)."""
        with self._changed:
            seen = self._version
            self._changed.wait_for(lambda: self._version != seen, timeout=limit)
        if self._proc.poll() is not None and not self._reader.is_alive():
            raise TerminalGone(
                f"the program ended with {self._proc.returncode}; the screen was:\n{self.screen()}"
            )

    def wait_gone(self, limit: float = 60.0) -> None:
        """Wait for the program to end by itself."""
        self._proc.wait(timeout=limit)

    def screen(self) -> str:
        with self._changed:
            return "\n".join(self._screen.display)

    def press(self, key: str) -> None:
        os.write(self._master, KEYS[key][0])

    def type(self, text: str) -> None:
        os.write(self._master, text.encode("utf-8"))

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self._proc.kill()
        self._proc.wait()
        self._reader.join(timeout=10)
        with contextlib.suppress(OSError):
            os.close(self._master)


#: tmux with a server of this test process's own: a person's tmux (or a `tmux kill-server`
#: typed on the same machine) neither sees nor ends the tests' sessions.
TMUX = ["tmux", "-L", f"crisis-tests-{os.getpid()}"]


@functools.cache
def _tmux_server_kept() -> None:
    """Keep this process's tmux server while the tests run, and end it with them.

    A server ends with its last session: a test that closes its terminal and opens another
    could reach the ending server, whose new session then went with it."""
    atexit.register(subprocess.run, [*TMUX, "kill-server"], capture_output=True, check=False)


class TmuxTerminal:
    """A detached tmux session running one command."""

    def __init__(self, argv: Sequence[str], cols: int, rows: int) -> None:
        self.name = f"crisis-test-{os.getpid()}-{id(self)}"
        command = "exec " + " ".join(_quote(a) for a in argv)
        _tmux_server_kept()
        self._tmux(
            *("new-session", "-d", "-s", self.name, "-x", str(cols), "-y", str(rows), command),
            *(";", "set-option", "-g", "exit-empty", "off"),
        )
        self.pid = int(self._tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").split()[0])
        # The pane's output is copied into a pipe, so a wait wakes when the screen changes.
        self._folder = tempfile.mkdtemp(prefix="crisis-term-")
        fifo = os.path.join(self._folder, "out")
        os.mkfifo(fifo)
        self._out = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self._keep = os.open(fifo, os.O_WRONLY)  # no end-of-file while tmux reopens it
        self._tmux("pipe-pane", "-O", "-t", self.name, f"cat > {_quote(fifo)}")

    def changed(self, limit: float) -> None:
        """Return when the pane next prints something (or after ``limit`` seconds)."""
        readable, _, _ = select.select([self._out], [], [], limit)
        if readable:
            with contextlib.suppress(BlockingIOError):
                while os.read(self._out, 65536):
                    pass

    @staticmethod
    def _tmux(*args: str) -> str:
        return subprocess.run(TMUX + list(args), capture_output=True, text=True, check=False).stdout

    def wait_gone(self, limit: float = 60.0) -> None:
        """Wait for the program to end by itself (its session closes with it).

        The program is the pane's process (started with exec), not a child of this one, so
        its end is awaited through a process file descriptor, which wakes the moment it
        ends; where there is none, tmux is asked after each change of the pane.
        """
        with contextlib.suppress(OSError, AttributeError):
            ended = os.pidfd_open(self.pid)
            try:
                if not select.select([ended], [], [], limit)[0]:
                    raise AssertionError("the program did not end")
                return
            finally:
                os.close(ended)
        deadline = time.monotonic() + limit
        while (
            subprocess.run(
                [*TMUX, "has-session", "-t", self.name], capture_output=True, check=False
            ).returncode
            == 0
        ):
            if time.monotonic() > deadline:
                raise AssertionError("the program did not end")
            self.changed(0.5)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def press(self, key: str) -> None:
        self._tmux("send-keys", "-t", self.name, KEYS[key][1])

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def close(self) -> None:
        self._tmux("kill-session", "-t", self.name)
        for fd in (self._out, self._keep):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._folder, ignore_errors=True)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def terminal_kind() -> str:
    """tmux where it is installed, else the pseudo-terminal (CRISIS_TEST_TERMINAL picks)."""
    chosen = os.environ.get("CRISIS_TEST_TERMINAL")
    if chosen:
        return chosen
    return "tmux" if shutil.which("tmux") else "pty"


def open_terminal(argv: Sequence[str], cols: int = 120, rows: int = 36) -> Terminal:
    """Start ``argv`` in a fresh terminal of the given size."""
    if terminal_kind() == "tmux":
        return TmuxTerminal(argv, cols, rows)
    return PtyTerminal(argv, cols, rows)
