"""Seats in a real browser: ``crisis-sim host --web`` served to headless Chromium.

The page draws the console's terminal on a canvas; what it draws is read by feeding the
bytes the page receives over its websocket to a terminal emulator of the same size, as
the page's own terminal is fed. The screenshots are those of the facilitator's guide
when CRISIS_SIM_SCREENSHOTS names a folder to write them to.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyte
import pytest

from tests.hosting import HostedExercise
from tests.web_hosting import children

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not os.environ.get("CRISIS_SIM_REQUIRE_BROWSER"):
    pytest.skip("no Chromium on this machine (CI installs it)", allow_module_level=True)

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright  # noqa: E402

#: The browser window: the console gets as many cells as fit.
VIEWPORT = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}
LIMIT = 60.0


class ServedScreen:
    """The console as a browser tab receives it: the websocket's bytes in a terminal."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.sockets: list[str] = []
        page.on("websocket", self._opened)

    def _opened(self, socket: WebSocket) -> None:
        query = dict(part.split("=", 1) for part in socket.url.split("?", 1)[1].split("&"))
        self.screen = pyte.Screen(int(query["width"]), int(query["height"]))
        self.stream = pyte.ByteStream(self.screen)
        self.sockets.append(socket.url)
        socket.on("framereceived", self._received)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes) and self.stream is not None:
            self.stream.feed(payload)

    def text(self) -> str:
        """What the terminal shows, line by line."""
        return "\n".join(self.screen.display) if self.screen is not None else ""

    def until(self, condition: Callable[[], bool]) -> None:
        """Let the page run until ``condition`` holds (what it receives is read meanwhile)."""
        deadline = time.monotonic() + LIMIT
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the screen shows:\n{self.text()}")
            self.page.wait_for_timeout(50)  # the page's events are handled while it waits

    def shows(self, *words: str) -> None:
        """Wait until every one of ``words`` is on the screen."""
        self.until(lambda: all(word in self.text() for word in words))

    def type(self, keys: str) -> None:
        """Keys typed into the page's terminal, as a person types them."""
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.type(keys)

    def press(self, key: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.press(key)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def _open(
    browser: Browser, url: str, viewport: dict[str, int] = VIEWPORT
) -> tuple[Page, ServedScreen]:
    """A new tab at ``url``, and what its console shows."""
    page = browser.new_page(viewport=viewport)
    tab = ServedScreen(page)
    page.goto(url)
    return page, tab


def _screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("CRISIS_SIM_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name))


def _replies(session: Path) -> list[dict[str, Any]]:
    import json

    with sqlite3.connect(session) as conn:
        rows = conn.execute("SELECT data FROM events WHERE type = 'action'").fetchall()
    return [d for d in (json.loads(r[0]) for r in rows) if d["action"] == "reply"]


def test_a_press_seat_in_a_browser_answers_the_first_question(
    browser: Browser, served: tuple[HostedExercise, str]
) -> None:
    exercise, base = served
    page, tab = _open(browser, f"{base}/seat/{exercise.code('press')}")
    # The briefing, drawn in the page, asks the person's name before the seat joins.
    tab.shows("Ras i Bakkeby", "Ditt navn")
    _screenshot(page, "browser-briefing.png")
    tab.type("Per Hansen")
    tab.press("Enter")
    # The press seat's inbox, with the journalist's question and its countdown.
    tab.shows("Hvor mange er evakuert fra Bakkeby?")
    _screenshot(page, "browser-press-seat.png")
    tab.press("r")
    tab.shows("Hvor mange er evakuert fra Bakkeby?", "ctrl+s")
    tab.type("Tolv personer er evakuert fra Bakkeby skole.")
    tab.press("Control+s")
    session = exercise.session()
    tab.until(lambda: bool(_replies(session)))
    [reply] = _replies(session)
    assert reply["by"] == "Per Hansen"
    assert reply["seat"] == "1:press"
    assert reply["text"] == "Tolv personer er evakuert fra Bakkeby skole."
    assert reply["to"] == ["sporsmal"]
    page.close()
    # Closing the tab lost nothing: the link opens the same seat again, without asking
    # the name, with the question answered.
    page, tab = _open(browser, f"{base}/seat/{exercise.code('press')}")
    tab.shows("Hvor mange er evakuert fra Bakkeby?", "0 å svare på")
    assert "Ditt navn" not in tab.text()
    page.close()


def test_a_tab_left_open_through_a_host_restart_opens_its_seat_again(
    browser: Browser, served: tuple[HostedExercise, str]
) -> None:
    exercise, base = served
    page, tab = _open(browser, f"{base}/seat/{exercise.code('press')}")
    tab.shows("Ditt navn")
    exercise.stop()
    # The page tells that the link is broken and waits for the host ...
    page.wait_for_selector("body.-lost .lost", state="visible", timeout=LIMIT * 1000)
    exercise.resume("--web", base.removeprefix("http://"))
    # ... and opens the seat again by itself once the host is back.
    tab.until(lambda: len(tab.sockets) == 2 and "Ditt navn" in tab.text())
    tab.type("Per Hansen")
    tab.press("Enter")
    tab.shows("Hvor mange er evakuert fra Bakkeby?")
    page.close()


def test_no_console_without_the_right_code(
    browser: Browser, served: tuple[HostedExercise, str]
) -> None:
    exercise, base = served
    trainee = exercise.code("press")
    cases = {
        f"{base}/": 200,  # no code: the page asks for one
        f"{base}/seat/feil-kode-123": 403,
        f"{base}/control/{trainee}": 403,  # a trainee's code for the control cell
        f"{base}/join?code=feil-kode-123": 403,
    }
    for url, status in cases.items():
        page = browser.new_page(viewport=VIEWPORT)
        tab = ServedScreen(page)
        answer = page.goto(url)
        assert answer is not None and answer.status == status, url
        # The page asks for a code, and says nothing of which codes exist.
        assert page.locator("input#code").count() == 1, url
        assert trainee not in page.content() and exercise.codes["facilitator"] not in (
            page.content()
        )
        assert tab.sockets == [], url
        page.close()
    # Straight at the websocket, a trainee's code for the control cell opens nothing.
    request = urllib.request.Request(
        f"{base}/ws/control/{trainee}",
        headers={
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=LIMIT)
    assert refused.value.code == 403
    assert children(exercise.host.pid) == []
    # A wrong code typed into the page is refused the same way; the right one opens the
    # seat's own link.
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{base}/")
    page.fill("input#code", "feil-kode-123")
    page.click("button[type=submit]")
    assert page.locator(".refusal").count() == 1
    page.fill("input#code", trainee)
    page.click("button[type=submit]")
    assert page.url == f"{base}/seat/{trainee}"
    page.close()


def test_the_control_cells_link_opens_the_control_screen(
    browser: Browser, served: tuple[HostedExercise, str]
) -> None:
    exercise, base = served
    page, tab = _open(browser, f"{base}/control/{exercise.codes['facilitator']}")
    # Every team's state, with the press question still to be answered.
    tab.shows("Øvingsstyring", "å svare på")
    page.close()


def test_the_wall_display_in_a_browser_shows_the_feed_and_the_press_in_large_text(
    browser: Browser, served: tuple[HostedExercise, str]
) -> None:
    exercise, base = served
    page, tab = _open(browser, f"{base}/seat/{exercise.code('wall')}", PROJECTOR)
    # No name to give: the wall only shows, and the page asks for a larger font.
    tab.shows("Det har gått et ras ved skolen!", "Hvor mange er evakuert", "⏱")
    assert page.locator("#terminal").get_attribute("data-font-size") == "28"
    _screenshot(page, "browser-wall.png")
    page.close()
