"""What the console's Pilot tests share: a console or a replay on a virtual clock, and
readers of what their screens show.

Time is virtual: a ``ManualTime`` drives the scenario clock, the tests advance it and call
``app.tick()`` themselves; nothing sleeps.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from functools import lru_cache
from pathlib import Path
from typing import Any

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.events import Key, Paste
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import LoadedScenario, load_scenario
from simulator.scoring.replay import ReplayLog
from simulator.tui.app import CrisisApp
from simulator.tui.console import ConsoleApp
from simulator.tui.replay import ReplayApp, ReplayScreen
from simulator.tui.screens.exercise import ExerciseScreen, ReadingScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.widgets.feed import FeedView
from simulator.tui.widgets.panels import DetailPane, StatusLine
from simulator.tui.widgets.qr import modules_of

SIZE = (120, 36)
NAME = "Kari"
TAB_KEYS = {"feed": "1", "press": "2", "internal": "3"}
LIST_CHANNELS = {"feed": {"social", "news"}, "press": {"press"}, "internal": {"internal"}}


# -- shared set-up -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def jordras() -> LoadedScenario:
    return load_scenario("jordras")


class Console:
    """One console on a virtual clock, writing to a session file in ``tmp_path``."""

    def __init__(
        self,
        tmp_path: Path,
        loaded: LoadedScenario | None = None,
        language: str | None = None,
        size: tuple[int, int] = SIZE,
    ) -> None:
        self.real = ManualTime()
        self.path = tmp_path / "s.sqlite"
        self.size = size
        self.app = CrisisApp(
            loaded or jordras(),
            seed=1,
            session_path=self.path,
            clock=ScenarioClock(source=self.real),
            language=language,
        )

    def running(
        self, size: tuple[int, int] | None = None, *, notifications: bool = False
    ) -> AbstractAsyncContextManager[Pilot[int]]:
        """The app running headless (at ``size``, or the console's), for ``async with``:
        its pilot drives it (toasts show only with ``notifications``)."""
        return self.app.run_test(size=size or self.size, notifications=notifications)

    @property
    def engine(self) -> Engine:
        assert self.app.engine is not None
        return self.app.engine

    def now(self) -> float:
        return self.engine.now()

    async def begin(self, pilot: Pilot, name: str | None = NAME) -> None:
        """Type the team member's name on the briefing and press Enter."""
        if name:
            await pilot.press(*name)
        await pilot.press("enter")
        await pilot.pause()
        # Its lists hold what has come (how many frames that takes depends on the load).
        for _ in range(100):
            if lists_settled(self.app):
                break
            await pilot.pause()
        assert isinstance(self.app.screen, ExerciseScreen) and lists_settled(self.app)

    async def advance(self, pilot: Pilot, seconds: float) -> None:
        """Let real seconds pass on the virtual clock, then let the console deliver."""
        self.real.advance(seconds)
        self.app.tick()
        await pilot.pause()

    @property
    def exercise(self) -> ExerciseScreen:
        screen = self.app.exercise_screen
        assert screen is not None
        return screen

    async def select(self, pilot: Pilot, item_id: str, tab: str = "feed") -> None:
        """Show a tab and move its cursor onto an item, with the keys a trainee uses."""
        await pilot.press(TAB_KEYS[tab])
        await pilot.pause()
        screen = self.exercise
        feed = screen.active_feed
        assert feed.id == f"list-{tab}"
        if not feed.has_focus:  # e.g. after a click on the detail pane: click the list
            await pilot.click(f"#list-{tab}")
        assert feed.has_focus
        await pilot.press("home")
        for _ in range(len(feed.rows)):
            if screen.selected is not None and screen.selected.id == item_id:
                break
            await pilot.press("down")
        assert screen.selected is not None and screen.selected.id == item_id

    async def facilitator(self, pilot: Pilot) -> FacilitatorScreen:
        await pilot.press("f2")
        await pilot.pause()
        screen = self.app.screen
        assert isinstance(screen, FacilitatorScreen)
        return screen


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into whatever has focus, key by key (about 70 ms a key under Pilot)."""
    await pilot.press(*text)


def typed_at_once(app: App[Any], *keys: str) -> None:
    """Keys as a terminal hands over keys typed fast: in one read, each queued before the
    app has handled the one before (Pilot's press waits for each in turn)."""
    for key in keys:
        app.post_message(Key(key, key))


async def paste(pilot: Pilot, text: str) -> None:
    """Paste into the focused text field, as a terminal's bracketed paste does: one
    event, so much faster than typing; used where typing itself is not under test."""
    focused = pilot.app.focused
    assert isinstance(focused, Input | TextArea)
    pilot.app.post_message(Paste(text))  # as the terminal sends it: to the focused field
    await pilot.pause()
    assert text in (focused.value if isinstance(focused, Input) else focused.text)


def session_events(path: Path) -> list[Event]:
    store = SessionStore.open(path)
    try:
        return list(store.events())
    finally:
        store.close()


def of_type(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


def delivered(events: list[Event]) -> list[Event]:
    return of_type(events, "delivered")


def screen_lines(app: CrisisApp) -> list[str]:
    """The characters the terminal would show for the current screen, one per line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: CrisisApp) -> str:
    return "\n".join(screen_lines(app))


def on_screen(app: App[Any], widget: Widget) -> list[Strip]:
    """What the terminal shows of ``widget``: the screen's lines, cropped to its region."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return [strip.crop(region.x, region.right) for strip in strips[region.y : region.bottom]]


def drawn_modules(app: App[Any], widget: Widget) -> list[list[bool]]:
    """The modules of the QR code ``widget`` shows on screen, read back from its half
    blocks, two rows a line (dark is True)."""
    return modules_of(strip.text for strip in on_screen(app, widget))


def widget_lines(feed: FeedView) -> list[str]:
    """The lines a FeedView draws on screen, top to bottom."""
    return [feed.render_line(y).text for y in range(feed.scrollable_content_region.height)]


def detail_text(screen: ExerciseScreen) -> str:
    """What the detail pane draws, with its line wrapping undone (runs of spaces as one)."""
    body = screen.query_one("#detail", DetailPane).query_one("#detail-body", Static)
    lines = body.render_lines(body.region.reset_offset)
    return " ".join(" ".join(strip.text for strip in lines).split())


def status_text(screen: ExerciseScreen | FacilitatorScreen) -> str:
    status = screen.query_one("#status", StatusLine)
    return status.render_lines(status.region.reset_offset)[0].text


def list_ids(screen: ExerciseScreen, tab: str) -> list[str]:
    """Item ids of one list in the order the list shows them (newest first)."""
    feed = screen.query_one(f"#list-{tab}", FeedView)
    items = feed.model.items
    return [items[i].id for i in reversed(feed.rows)]


# -- deliveries ------------------------------------------------------------------------


def resumed(path: Path) -> tuple[CrisisApp, ManualTime]:
    """The console as ``crisis-sim resume`` opens it on ``path``, on a clock of its own,
    and that clock's real time (to move it in a test)."""
    store = SessionStore.open(path)
    real = ManualTime()
    clock = ScenarioClock(source=real)
    engine = Engine.restore(store, clock=clock)
    app = CrisisApp(
        engine.loaded,
        seed=engine.seed,
        session_path=path,
        engine=engine,
        past_events=store.events(),
        clock=clock,
    )
    return app, real


def close_session(app: CrisisApp) -> None:
    """Close the session a resumed console wrote to (its file and its lock)."""
    assert app.engine is not None and app.engine.store is not None
    app.engine.store.close()


def lists_settled(app: ConsoleApp) -> bool:
    """Whether the console shows its exercise screen and its lists hold every item come."""
    screen = app.screen
    if not isinstance(screen, ReadingScreen):
        return False
    items = app.model.items
    return all(
        feed.rows == [item.index for item in items if feed.accepts(item)] for feed in screen.feeds()
    )


class Replay:
    """A replay on a virtual clock (it plays at speed 4 from T+0)."""

    def __init__(self, path: Path, language: str | None = None) -> None:
        self.real = ManualTime()
        self.app = ReplayApp(
            ReplayLog(path), clock=ScenarioClock(source=self.real), language=language
        )

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[Pilot[int]]:
        """The replay running headless, settled on its first frame, for ``async with``:
        its screen is up and its lists hold what T+0 shows (how many frames that takes
        depends on the machine's load)."""
        async with self.app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for _ in range(100):
                if self._settled():
                    break
                await pilot.pause()
            assert self._settled()
            yield pilot

    def _settled(self) -> bool:
        return self.app.shown == self.app.record.count_until(0) and lists_settled(self.app)

    @property
    def screen(self) -> ReplayScreen:
        screen = self.app.screen
        assert isinstance(screen, ReplayScreen)
        return screen

    async def advance(self, pilot: Pilot, seconds: float) -> None:
        self.real.advance(seconds)
        self.app.tick()
        await pilot.pause()

    def shown_ids(self) -> list[str]:
        feed = self.screen.query_one("#list-feed", FeedView)
        return [feed.model.items[i].id for i in feed.rows]


async def run_palette_command(pilot: Pilot, app: App[Any], search: str) -> None:
    """Open the command palette, type ``search``, wait for its hits (the palette searches
    in the background) and run the first one."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*search)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    for _ in range(100):
        if palette.query_one(CommandList).option_count:
            break
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
