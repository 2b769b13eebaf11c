"""Many seats in browser tabs on one machine: latency, CPU and memory per seat.

A real ``crisis-sim host --web`` serves the scenario ``bench/seats.yaml`` at speed 1 to 10
and then 30 browser tabs, driven without a browser by websocket clients in this process
that do what a tab's page does: each opens its seat's websocket (``/ws/seat/CODE``) at
100x30, offering compression as browsers do, sends its size and a ping, reads the
console's output from the binary messages as a terminal would, and sends its keys as
``stdin`` messages. For each tab the host starts a console process of its own (``crisis-sim
join --served``), which opens on the briefing: the tab types its seat's name and Enter,
and is ready once the exercise screen shows. The seats make up teams of five (10 seats
are 2 teams, 30 are 6), each tab opening its team's leader's or social officer's link.
Then, as in the terminal seats benchmark, the host is paused while the tabs join, and
come a quiet phase (6 posts a minute), a surge of 20 posts a second (in every team's
feed) and a pause of the exercise, asked for on the facilitator's code through the
host's socket, as the control cell does.

While the exercise runs each tab takes the terminal seats' steps every 4 seconds, staggered
in the same way: a statement (``s``, a text that begins with a token of its own, ctrl+s
once the composer shows it), a flag, reading, taking an item and reading again. Latency
is the time from a statement's ctrl+s to the token's first appearance in the output of
another tab of its team (their 99th percentile); the baseline is its arrival at a bare
protocol client of the host in this process. CPU is each tab's processes' user and
system time over each phase, in per cent of one core: the processes the host started for
the tab (found under the host in ``/proc``: a shell, and the console it runs); memory is
their high-water marks (VmHWM) added up, and the whole exercise is the sum of the tabs'
and the host's (an upper bound). Their baseline is a bare Textual app (an ``App``
showing one line) served the way the host serves a tab (the same service class, in
this process), beside the tabs through the same phases. The host's CPU is shown beside
the tabs': besides the exercise it now relays every byte the consoles draw to their
tabs; the detail gives how much, and in how many websocket messages.

Targets (the terminal seats' targets; browser seats issue): p99 at most 250 ms at 30
seats; at most 2 % of one core per seat when quiet or paused and 3.5 % in the surge; at
most 120 MB per seat; the whole exercise within 8 GB. Latency is judged at 30 seats only.
The quick mode runs 5 tabs through phases a third as long.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shlex
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
from textual_serve.download_manager import DownloadManager

from bench.common import Result
from bench.room import (
    BASELINE_APP,
    SIZE,
    STARTING_AT_ONCE,
    WAIT,
    Room,
    Screen,
    Timeline,
    Words,
    alive,
    children,
    descendants,
    measure,
    results,
    scenario,
    started,
    until,
)
from simulator.exercise.web import ServedConsole

WORDS = Words(
    prefix="web seats",
    judged_at=30,
    bare="a bare Textual app served as a tab is",
    bares="bare Textual apps served so",
    reading="reading the websockets",
    received="the tabs",
    asked="their tab closing",
)
#: The largest compression window a browser offers (permessage-deflate); the host then
#: compresses what it sends, as it does for a browser.
COMPRESS = 15


class Console(Screen):
    """A console a tab shows, run by a web server (the host's, or this benchmark's for the
    bare app): its processes are those the server started for it."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        #: The process the server started for the tab, once found.
        self.root: int | None = None
        #: It and the processes under it, once the console is ready.
        self.processes: list[int] = []

    @property
    def pids(self) -> list[int]:
        """The tab's processes."""
        return self.processes

    def found(self) -> None:
        """Take the processes under the tab's first as the tab's (once its console runs)."""
        assert self.root is not None
        self.processes = [self.root, *descendants(self.root)]

    def _known(self) -> list[int]:
        # Until the console is ready, only the process the server started is known.
        return self.processes or ([self.root] if self.root is not None else [])

    def ended(self) -> bool:
        """Whether every process of the tab is gone."""
        return not any(alive(pid) for pid in self._known())

    def kill(self) -> None:
        """Kill what is left of the tab's processes."""
        for pid in self._known():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


class Tab(Console):
    """A browser tab's websocket to the host: the console's output from its binary
    messages, keys sent as the page sends them."""

    def __init__(self, name: str, websocket: aiohttp.ClientWebSocketResponse) -> None:
        super().__init__(name)
        self.websocket = websocket
        self.reading = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.take(message.data)
            # Text messages are the page's own (a ping's answer): no output.

    async def send(self, data: bytes) -> None:
        """Keys, as the page sends what its terminal typed."""
        await self.websocket.send_str(json.dumps(["stdin", data.decode("utf-8")]))

    async def close(self) -> None:
        """Close the websocket, as closing the tab does: the host ends its console."""
        with contextlib.suppress(aiohttp.ClientError, OSError):
            await self.websocket.close()

    def release(self) -> None:
        """Stop reading."""
        self.reading.cancel()


class Bare(Console):
    """The baseline's bare Textual app, served as the host serves a tab (its service
    class), by this process: what a console served to a tab costs without being a seat."""

    def __init__(self, name: str) -> None:
        super().__init__(name)

        async def output(data: bytes) -> None:
            self.take(data)

        async def ignored(*_: Any) -> None:
            pass

        command = shlex.join([sys.executable, "-c", BASELINE_APP])
        self.service = ServedConsole(
            command,
            "",
            write_bytes=output,
            write_str=ignored,
            close=ignored,
            download_manager=DownloadManager(),
        )

    async def start(self) -> None:
        """Start the app at the tabs' size."""
        known = set(children(os.getpid()))
        await self.service.start(*SIZE)
        self.root = await new_child(os.getpid(), known, self.name)

    async def send(self, data: bytes) -> None:
        """Keys, as the server passes a tab's on."""
        await self.service.send_bytes(data)

    async def close(self) -> None:
        """Ask the app to quit, as the server does when its tab closes."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.service.stop(), WAIT)


async def new_child(parent: int, known: set[int], name: str) -> int:
    """The process ``parent`` starts next (one not in ``known``, which it joins); a
    RuntimeError if none comes."""
    try:
        await until(lambda: bool(set(children(parent)) - known), f"{name}'s process")
    except TimeoutError:
        raise RuntimeError(f"no process started for {name}") from None
    pid = min(set(children(parent)) - known)
    known.add(pid)
    return pid


def free_port() -> int:
    """A port nobody listens on now, on this machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class WebRun(Room):
    """One exercise whose seats are browser tabs of the host's web server."""

    def __init__(self, seats: int, folder: Path, line: Timeline, scenario: str) -> None:
        super().__init__(seats, folder, line, scenario)
        self.port = free_port()
        self.session: aiohttp.ClientSession | None = None

    def host_options(self) -> list[str]:
        """The host serves the seats to browsers too."""
        return ["--web", f"127.0.0.1:{self.port}"]

    async def start_seats(self, codes: dict[str, Any]) -> None:
        """Open the tabs a few at a time, each joining with its name once it shows the
        briefing, and ready once it shows the exercise; then the bare app."""
        from simulator.tui.i18n import Catalogue

        words = Catalogue("en")
        briefing = words("briefing.begin").encode()
        exercise = words("status.unread").encode()  # on the exercise screen's status line
        self.session = aiohttp.ClientSession()
        known: set[int] = set()
        batch: list[tuple[Tab, asyncio.Future[None], asyncio.Future[None]]] = []
        for index in range(self.size):
            tab = await self.open_tab(f"seat{index}", self.code_of(index, codes))
            # The page is on its way: what it shows first is watched for from the start.
            # Tabs of a team share its codes here, and the host knows the name a code
            # joined with: a later tab of the same code opens on the exercise at once.
            batch.append((tab, tab.watch(briefing), tab.watch(exercise)))
            self.seats.append(tab)
            assert self.host is not None
            tab.root = await new_child(self.host.pid, known, tab.name)
            if len(batch) == STARTING_AT_ONCE or index == self.size - 1:
                await asyncio.gather(*(self.join(t, b, j, exercise) for t, b, j in batch))
                batch = []
        bare = Bare("bare")
        shown = bare.watch(scenario()["title"].encode())
        self.baseline = bare
        await bare.start()
        await started([(bare, shown)], "start")
        bare.found()

    async def open_tab(self, name: str, code: str) -> Tab:
        """Open a seat's websocket as its page does: at the page's size, then its size and
        a ping."""
        assert self.session is not None
        columns, rows = SIZE
        base = f"127.0.0.1:{self.port}"
        websocket = await self.session.ws_connect(
            f"ws://{base}/ws/seat/{quote(code)}?width={columns}&height={rows}",
            origin=f"http://{base}",
            compress=COMPRESS,
        )
        tab = Tab(name, websocket)
        await websocket.send_str(json.dumps(["resize", {"width": columns, "height": rows}]))
        await websocket.send_str(json.dumps(["ping", str(int(time.time() * 1000))]))
        return tab

    async def join(
        self,
        tab: Tab,
        briefing: asyncio.Future[None],
        joined: asyncio.Future[None],
        exercise: bytes,
    ) -> None:
        """Type the seat's name on the briefing and Enter (unless the seat opens on the
        exercise, its name known); a RuntimeError with the tab's screen if it shows
        neither, or does not join."""
        either = asyncio.ensure_future(
            asyncio.wait([briefing, joined], return_when=asyncio.FIRST_COMPLETED)
        )
        await started([(tab, either)], "show the briefing")  # type: ignore[list-item]
        if joined.done():
            tab.found()
            return
        try:
            await tab.expect(exercise, tab.name.encode() + b"\r", WAIT)
        except TimeoutError:
            raise RuntimeError(f"{tab.name} did not join: {tab.said()}") from None
        tab.found()

    async def stop(self) -> None:
        """Close the tabs and end the host, then this side's connections."""
        try:
            await super().stop()
        finally:
            if self.session is not None:
                await self.session.close()


def relayed(cpu: dict[str, Any]) -> str:
    """What the host sent the tabs, a second, in the quiet phase and the surge."""

    def rate(phase: str) -> tuple[float, float]:
        figures = cpu[phase]
        seconds = figures["seconds"]
        return figures["received"] / 1e6 / seconds, figures["pieces"] / seconds

    (surge_mb, surge_n), (quiet_mb, quiet_n) = rate("surge"), rate("quiet")
    return (
        f"the host relayed the consoles' output to the tabs: {surge_mb:.2f} MB/s in "
        f"{surge_n:.0f} websocket messages a second in the surge, {quiet_mb:.2f} MB/s in "
        f"{quiet_n:.0f} when quiet (before compression)"
    )


def run(quick: bool = False) -> list[Result]:
    """Each size in turn, the largest last."""
    sizes = (5,) if quick else (10, 30)
    rows: list[Result] = []
    for seats in sizes:
        figures = measure(WebRun, seats, quick)
        rows += results(figures, seats == sizes[-1], WORDS, relayed(figures["cpu"]))
    return rows


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result.line())
