"""Many seats of a team exercise on one machine: latency, CPU and memory per seat.

A real ``crisis-sim host`` serves the scenario ``bench/seats.yaml`` at speed 1 to 10 and
then 50 real seat consoles (``crisis-sim join``), each a process of its own in a
pseudo-terminal of 100x30 whose output this benchmark reads as a terminal would. The
seats make up teams of five, as a room of several teams does (10 seats are 2 teams, 50
are 10), each seat joining with its team's leader or social code under a name of its
own. The host is paused while the seats start; then come a quiet phase (6 posts a minute),
a surge of 20 posts a second (in every team's feed) and a pause of the exercise, asked
for on the facilitator's code through the host's socket, as the control cell does.

While the exercise runs every seat takes a step every 4 seconds, the seats staggered and
each beginning its round at a different step, so that at every moment the room does a mix
of work, as a room does. The round: a statement (it presses ``s``, types a text that begins
with a token of its own, waits to see the text in its composer and presses ctrl+s), a flag
(``home``, ``f``, ``i`` for irrelevant, until the seat says it is flagged), reading (the
newest item, then down twice), taking an item (``home``, ``t``, until the seat says so)
and reading again. So each seat publishes a statement every 20 seconds, and each team
one every 4. While paused nobody acts.

Latency is the time from a statement's ctrl+s to the token's first appearance in another
seat's terminal output, for every other seat of its team (the figure is their 99th
percentile; the detail gives the time until it was on every other seat). The baseline is
the same statement's arrival at a bare protocol client of the host in this process: what
the host and the socket cost, without a console. CPU is each process's user and system time
(``/proc/PID/stat``) over each phase, in per cent of one core; memory is each process's
own high-water mark (VmHWM), and the whole exercise is the sum of those of the seats and
the host (an upper bound: they need not peak together). Their baseline is a bare Textual
app (an ``App`` showing one line) in a pseudo-terminal of its own, run beside the seats
through the same phases. The host's CPU is shown beside the seats' in the surge, since
all share the machine's cores; so is this process's own (it reads every terminal).

Targets (team exercise issue): p99 at most 250 ms at 50 seats; at most 2 % of one core
per seat when quiet or paused and 3.5 % in the surge, so that 50 seats fit on 2 cores with
room for the host; at most 120 MB per seat; the whole exercise within 8 GB. Latency is
judged at 50 seats only. When the seats ask for more than the machine's cores, they queue
for them: the CPU figures are then what they got (the detail says so) and the latency
shows the queue. The quick mode runs 5 seats through phases a third as long.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

from bench.common import Result
from bench.room import (
    BASELINE_APP,
    ROOT,
    SIZE,
    STARTING_AT_ONCE,
    Room,
    Screen,
    Words,
    measure,
    results,
    scenario,
    started,
)

WORDS = Words(
    prefix="seats",
    judged_at=50,
    bare="a bare Textual app",
    bares="bare Textual apps",
    reading="reading the terminals",
    received="the seats' terminals",
    asked="SIGTERM",
)


class Terminal(Screen):
    """A process in a pseudo-terminal, its output read as it comes and watched for text."""

    def __init__(self, name: str, process: subprocess.Popen[bytes], master: int) -> None:
        super().__init__(name)
        self.process = process
        self.master = master

    @property
    def pids(self) -> list[int]:
        """The seat's one process."""
        return [self.process.pid]

    def read(self) -> None:
        """Take what the process wrote (the event loop calls this when there is some)."""
        try:
            chunk = os.read(self.master, 1 << 16)
        except BlockingIOError:
            return  # woken with nothing to read after all
        except OSError:
            chunk = b""
        if not chunk:  # the process is gone
            asyncio.get_running_loop().remove_reader(self.master)
            return
        self.take(chunk)

    async def send(self, data: bytes) -> None:
        """Write keys to the terminal."""
        os.write(self.master, data)

    async def close(self) -> None:
        """Ask the process to end, as closing its window would (SIGTERM)."""
        if self.process.poll() is None:
            self.process.terminate()

    def ended(self) -> bool:
        """Whether the process is gone."""
        return self.process.poll() is not None

    def kill(self) -> None:
        """Kill the process."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def release(self) -> None:
        """Stop reading the terminal, and close it."""
        asyncio.get_running_loop().remove_reader(self.master)
        os.close(self.master)


def open_terminal(name: str, argv: list[str], cwd: Path) -> Terminal:
    """Start ``argv`` in a new pseudo-terminal of SIZE and read its output from now on."""
    master, slave = pty.openpty()
    columns, rows = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(ROOT))
    env.pop("NO_COLOR", None)
    try:
        process = subprocess.Popen(
            argv, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True,
        )  # fmt: skip
    finally:
        os.close(slave)
    os.set_blocking(master, False)
    terminal = Terminal(name, process, master)
    asyncio.get_running_loop().add_reader(master, terminal.read)
    return terminal


class Run(Room):
    """One exercise whose seats are ``crisis-sim join`` in pseudo-terminals."""

    async def start_seats(self, codes: dict[str, Any]) -> None:
        """Start the seats a few at a time, each ready once its screen shows the title."""
        title = scenario()["title"].encode()
        ready: list[tuple[Screen, asyncio.Future[None]]] = []
        for index in range(self.size):
            code = self.code_of(index, codes)
            # The code after "--": a code may begin with "-".
            argv = [sys.executable, "-m", "simulator", "join", "--name", f"seat{index}",
                    "--session-dir", str(self.folder / "sessions"), "--lang", "en", "--",
                    code]  # fmt: skip
            self.seats.append(open_terminal(f"seat{index}", argv, self.folder))
            ready.append((self.seats[-1], self.seats[-1].watch(title)))
            if len(ready) == STARTING_AT_ONCE or index == self.size - 1:
                await started(ready, "start")
                ready = []
        self.baseline = open_terminal("bare", [sys.executable, "-c", BASELINE_APP], self.folder)
        await started([(self.baseline, self.baseline.watch(title))], "start")


def run(quick: bool = False) -> list[Result]:
    """Each size in turn, the largest last."""
    sizes = (5,) if quick else (10, 50)
    rows: list[Result] = []
    for seats in sizes:
        rows += results(measure(Run, seats, quick), seats == sizes[-1], WORDS)
    return rows


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result.line())
