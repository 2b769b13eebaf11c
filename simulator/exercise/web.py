"""Seats in a browser: the host serves each seat's console to browser tabs.

Each tab that opens a seat's link gets a page that draws a terminal, and over a websocket
one console process of its own: ``crisis-sim join --served`` with the seat's code, run
as textual-serve runs an app (the console draws into the page, the page sends the keys).
That console is the same seat as in a terminal: it joins the host over its socket with
the code, and the host decides what the role sees and may do.

Nothing starts a console but a link with a valid code for that link: ``/seat/CODE`` for a
trainee's, an observer's or a wall's code, ``/control/CODE`` for the control cell's. A
page without a code, with a wrong one or with another kind of seat's code asks for a code
and starts nothing; the refusal is the same for every wrong code and every code is
compared in constant time (:meth:`CodeTable.check`). The server keeps to what the page
needs (no directory listing, three static files), caps the tabs per seat and in all,
and limits the size of what a browser may send.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import logging
import secrets
import shlex
import socket
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from simulator.exercise.codes import CODE_VARIABLE, CodeTable, SeatCode, SeatRole
from simulator.exercise.links import base_url, path_for
from simulator.lang import Catalogue
from simulator.lang.web import WEB

#: Tabs one seat may have open at once (a person with a second tab, a reload that races
#: the old tab's close), and in the whole exercise.
TABS_PER_SEAT = 3
TABS_IN_ALL = 60
#: The largest websocket message a tab may send (keys and sizes are a few bytes), and
#: the largest request body (a page sends none).
MAX_MESSAGE = 64 * 1024
MAX_BODY = 16 * 1024
#: Font size in the page: a wall display is read from the back of the room.
FONT_SIZE, WALL_FONT_SIZE = 16, 28
#: Seconds a tab's console has to quit before it is killed.
ENDING = 5.0
#: Where the served consoles write what goes wrong (their terminal is the page).
LOG_NAME = "web-seats.log"
#: Addresses that only this machine reaches.
_LOOPBACK = ("localhost",)

_STATIC: dict[str, tuple[str, str]] = {
    # path in the page: (file of textual-serve's, content type)
    "js/textual.js": ("static/js/textual.js", "text/javascript"),
    "css/xterm.css": ("static/css/xterm.css", "text/css"),
    "fonts/RobotoMono-VariableFont_wght.ttf": (
        "static/fonts/RobotoMono-VariableFont_wght.ttf",
        "font/ttf",
    ),
}


@functools.cache
def _static_file(name: str) -> bytes:
    """A file of textual-serve's the page needs, read once: every tab asks for it."""
    return files("textual_serve").joinpath(name).read_bytes()


@dataclass(frozen=True, slots=True)
class WebAddress:
    """Where browsers reach the seats: an address to listen on and a port."""

    host: str
    port: int

    @property
    def loopback(self) -> bool:
        """Whether only this machine can reach it."""
        if self.host in _LOOPBACK:
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def everywhere(self) -> bool:
        """Whether it listens on every network the machine is on."""
        return self.host in ("0.0.0.0", "::")

    def base(self, shown_host: str | None = None) -> str:
        """``http://HOST:PORT``, for links (``shown_host`` in place of an address that
        listens everywhere, which no browser can open)."""
        return base_url(shown_host or self.host, self.port)


def parse_address(text: str) -> WebAddress:
    """``PORT``, ``ADDRESS:PORT`` or ``[IPv6]:PORT``; ValueError when it is none of them.
    Without an address, only this machine (127.0.0.1)."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(text)
    if host not in _LOOPBACK:
        ipaddress.ip_address(host)  # a name other than localhost is not resolved here
    return WebAddress(host, int(port))


def lan_address() -> str | None:
    """This machine's address on its local network, as others in the room reach it
    (the one the system would send from; nothing is sent)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # a documentation address: only the route is looked up
        address: str = probe.getsockname()[0]
        return address
    return None


class WebSeats:
    """The web server of one host: its seats' pages and their consoles."""

    def __init__(
        self,
        codes: CodeTable,
        session_dir: Path,
        runtime: Path,
        address: WebAddress,
        *,
        language: str,
        title: str,
        console_language: str | None = None,
    ) -> None:
        self.codes = codes
        self.session_dir = session_dir
        self.address = address
        self.words = Catalogue(WEB, language)
        self.title = title
        self.console_language = console_language
        self.open_tabs: Counter[str] = Counter()
        self.stopping = False
        self._runner: web.AppRunner | None = None
        self._listening: socket.socket | None = None
        self._services: set[ServedConsole] = set()
        self._pages = jinja2.Environment(
            loader=jinja2.PackageLoader("simulator.exercise", "pages"),
            autoescape=True,
        )
        self._log_path = runtime / LOG_NAME

    # -- running -------------------------------------------------------------------------

    def bind(self) -> None:
        """Take the address (OSError when it cannot be had, e.g. the port is taken):
        before the host starts, so that a taken port is told and nothing runs."""
        family = socket.AF_INET6 if ":" in self.address.host else socket.AF_INET
        listening = socket.socket(family, socket.SOCK_STREAM)
        try:
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            host = "127.0.0.1" if self.address.host == "localhost" else self.address.host
            listening.bind((host, self.address.port))
            listening.listen(128)
            listening.setblocking(False)
        except BaseException:
            listening.close()
            raise
        self._listening = listening

    async def start(self) -> None:
        """Serve on the address taken (:meth:`bind`, taken now if it was not)."""
        if self._listening is None:
            self.bind()
        assert self._listening is not None
        app = web.Application(client_max_size=MAX_BODY, middlewares=[_guarded])
        app.add_routes(
            [
                web.get("/", self._code_page),
                web.get("/join", self._join),
                web.get("/seat/{code}", self._seat_page),
                web.get("/control/{code}", self._control_page),
                web.get("/ws/seat/{code}", self._seat_socket),
                web.get("/ws/control/{code}", self._control_socket),
                web.get("/static/{path:.+}", self._static),
            ]
        )
        self._quiet_library_logs()
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        await web.SockSite(runner, self._listening).start()
        self._runner = runner

    async def stop(self) -> None:
        """Close every tab's console, then stop listening."""
        # From now on a page asking whether its seat is served hears that it is not: a
        # tab whose console closes now waits for the host to come back.
        self.stopping = True
        await asyncio.gather(*(service.end() for service in list(self._services)))
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._listening is not None:
            self._listening.close()
            self._listening = None

    def _quiet_library_logs(self) -> None:
        # The host's terminal may hold the control cell's screen: what the serving
        # library logs goes to a file in the exercise's private folder, never the screen.
        handler = logging.FileHandler(self._log_path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        for name in ("textual-serve", "aiohttp"):
            logger = logging.getLogger(name)
            logger.handlers = [handler]
            logger.propagate = False

    # -- pages ---------------------------------------------------------------------------

    def _page(self, template: str, status: int = 200, **values: Any) -> web.Response:
        words = self.words
        text = self._pages.get_template(template).render(
            lang=words.language, title=values.pop("title", self.title), **values
        )
        return web.Response(text=text, status=status, content_type="text/html")

    def _code_form(self, refusal: str | None = None, status: int = 200) -> web.Response:
        words = self.words
        return self._page(
            "code.html",
            status,
            heading=words("web.code.title"),
            ask=words("web.code.ask"),
            go=words("web.code.go"),
            refusal=refusal,
        )

    async def _code_page(self, request: web.Request) -> web.Response:
        return self._code_form()

    async def _join(self, request: web.Request) -> web.StreamResponse:
        entry = self._entry(request.query.get("code", ""))
        if entry is None:
            return self._code_form(self.words("web.code.wrong"), 403)
        raise web.HTTPSeeOther(path_for(entry))

    async def _seat_page(self, request: web.Request) -> web.Response:
        return self._console_page(request, control=False)

    async def _control_page(self, request: web.Request) -> web.Response:
        return self._console_page(request, control=True)

    def _console_page(self, request: web.Request, *, control: bool) -> web.Response:
        entry = self._admitted(request.match_info["code"], control)
        if not isinstance(entry, SeatCode):
            return entry
        words = self.words
        scheme = "wss" if request.secure else "ws"
        role = "control" if control else ("wall" if entry.role == SeatRole.WALL else "seat")
        return self._page(
            "seat.html",
            title=f"{words(f'web.role.{role}')} – {self.title}",
            # The console's websocket is the link's path under /ws.
            websocket=f"{scheme}://{request.host}/ws{path_for(entry)}",
            font_size=WALL_FONT_SIZE if role == "wall" else FONT_SIZE,
            starting=words("web.starting"),
            closed=words("web.closed"),
            lost=words("web.lost"),
            reopen=words("web.reopen"),
            nonce=request["nonce"],
        )

    def _entry(self, code: str) -> SeatCode | None:
        return self.codes.check(code) if 0 < len(code) <= 64 else None

    def _admitted(self, code: str, control: bool) -> SeatCode | web.Response:
        """The seat a link opens, or the page that says why not (and starts nothing)."""
        if self.stopping:
            raise web.HTTPServiceUnavailable()
        entry = self._entry(code)
        if entry is None:
            return self._code_form(self.words("web.code.wrong"), 403)
        if (entry.role == SeatRole.FACILITATOR) != control:
            # Each link opens its own kind of seat: the control cell's never with a
            # trainee's code, and the control cell's code is not used for a seat's link.
            key = "web.code.wrong" if control else "web.code.control"
            return self._code_form(self.words(key), 403)
        busy = self._busy(entry)
        if busy is not None:
            return self._page(
                "code.html",
                429,
                heading=self.words("web.busy.title"),
                refusal=busy,
                again=self.words("web.again"),
                again_link=path_for(entry),
            )
        return entry

    def _busy(self, entry: SeatCode) -> str | None:
        if self.open_tabs[entry.code] >= TABS_PER_SEAT:
            return self.words("web.busy.seat", count=self.open_tabs[entry.code])
        if sum(self.open_tabs.values()) >= TABS_IN_ALL:
            return self.words("web.busy.all", count=TABS_IN_ALL)
        return None

    async def _static(self, request: web.Request) -> web.Response:
        found = _STATIC.get(request.match_info["path"])
        if found is None:
            raise web.HTTPNotFound()
        name, content_type = found
        body = _static_file(name)
        return web.Response(
            body=body,
            content_type=content_type,
            headers={"Cache-Control": "public, max-age=3600"},
        )

    # -- consoles ------------------------------------------------------------------------

    async def _seat_socket(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, control=False)

    async def _control_socket(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, control=True)

    async def _socket(self, request: web.Request, *, control: bool) -> web.StreamResponse:
        entry = self._admitted(request.match_info["code"], control)
        if not isinstance(entry, SeatCode):
            return entry  # refused before the websocket opens: no console starts
        if not _same_origin(request):
            # Another site's page in a trainee's browser must not open a seat's console.
            raise web.HTTPForbidden()
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await socket.prepare(request)
        width = _size(request.query.get("width"), 80)
        height = _size(request.query.get("height"), 24)
        service = ServedConsole(
            self._command(),
            entry.code,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
            download_manager=DownloadManager(),
        )
        self.open_tabs[entry.code] += 1
        self._services.add(service)
        try:
            await service.start(width, height)
            await _relay(socket, service)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            self._services.discard(service)
            self.open_tabs[entry.code] -= 1
            if not self.open_tabs[entry.code]:
                del self.open_tabs[entry.code]
            await service.end()
            with contextlib.suppress(Exception):
                await socket.close()
        return socket

    def _command(self) -> str:
        """The command one tab's console runs: this program's seat, served."""
        words = [sys.executable, "-m", "simulator", "join", "--served"]
        words += ["--session-dir", str(self.session_dir)]
        if self.console_language:
            words += ["--lang", self.console_language]
        # What a console says on its error stream would otherwise reach the host's screen.
        # exec: the console takes the shell's place, one process per tab.
        return f"exec {shlex.join(words)} 2>>{shlex.quote(str(self._log_path))}"


class ServedConsole(AppService):
    """textual-serve's service for one tab, with the seat's code in the console's
    environment."""

    def __init__(self, command: str, code: str, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.code = code

    async def end(self) -> None:
        """Quit the console and wait for its process to end (killed if it will not):
        nothing of it is left when the host stops."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stop(), ENDING)
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), ENDING)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment: dict[str, str] = super()._build_environment(width, height)
        environment[CODE_VARIABLE] = self.code
        # A console draws as often as a screen needs; the library asks for 60 a second.
        environment["TEXTUAL_FPS"] = "30"
        return environment


async def _relay(socket: web.WebSocketResponse, service: Any) -> None:
    """What the tab sends, to its console: keys, its size, focus."""
    async for message in socket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = message.json()
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        except (ValueError, TypeError, IndexError, KeyError):
            continue  # not a message of the page: ignored
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(
                _size(data.get("width"), 80), _size(data.get("height"), 24)
            )
        elif kind == "ping":
            await socket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def _size(value: object, default: int) -> int:
    """A terminal size from a browser: a number of cells within reason."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, 10), 500)


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser's page: nothing to be tricked into
    return origin in (f"http://{request.host}", f"https://{request.host}")


@web.middleware
async def _guarded(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Headers every answer carries: links hold codes, so nothing is kept or passed on,
    and a page runs only its own scripts."""
    nonce = request["nonce"] = secrets.token_urlsafe(16)
    try:
        response = await handler(request)
    except web.HTTPException as refused:
        response = refused
    if response.prepared:
        return response  # a websocket's answer went out when it opened
    headers = response.headers
    headers["Server"] = "crisis-sim"  # no versions to look weaknesses up by
    headers.setdefault("Cache-Control", "no-store")
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    if isinstance(response, web.HTTPException):
        raise response
    return response
