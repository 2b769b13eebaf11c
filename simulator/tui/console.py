"""What the live console and the replay share: the log's projection on screen, the help,
the command palette, the theme, signals and quitting.

:class:`ConsoleApp` knows nothing of where the events come from: the live console
(:class:`~simulator.tui.app.CrisisApp`) takes them from a running engine, the replay
(:class:`~simulator.tui.replay.ReplayApp`) from a recorded log. Both show them the same way.
"""

from __future__ import annotations

import asyncio
import os
import signal
import termios
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from types import FrameType
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from simulator.engine.clock import MAX_SPEED, MIN_SPEED, ScenarioClock
from simulator.engine.events import PUBLIC_CHANNELS, Kind, Source
from simulator.engine.monitoring import Monitor
from simulator.engine.platforms import BUILT_IN, allows, platform_name
from simulator.engine.store import Event
from simulator.lang import choose_language
from simulator.scenario.diagnostics import said_of
from simulator.scenario.durations import day_clock
from simulator.scenario.loader import LoadedScenario
from simulator.scenario.model import on_duty_at
from simulator.tui.bindings import key_commands, key_rows, localize_bindings
from simulator.tui.calls import PhoneCall, call_mark
from simulator.tui.i18n import CATALOGUE, Catalogue
from simulator.tui.messages import ObserverNamed
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.palette import Palette
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.dialogs import HelpScreen
from simulator.tui.screens.exercise import ReadingScreen
from simulator.tui.tones import Tone
from simulator.tui.triage import Triage
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import StatusLine

TICK = 0.2  # seconds between deliveries to the screen: one batch, one transaction
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 20.0)


def next_speed(current: float, direction: int) -> float | None:
    """The speed one step faster (``direction`` 1) or slower (-1), None past the last."""
    steps = [s for s in SPEEDS if (s > current if direction > 0 else s < current)]
    if not steps:
        return None
    return min(max(min(steps) if direction > 0 else max(steps), MIN_SPEED), MAX_SPEED)


#: Signals that close the console as its quit key does: SIGTERM (the system or another
#: program asks it to end) and SIGHUP (the terminal window was closed).
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)

#: The ids of the bindings the palette's general commands stand for already.
GENERAL = frozenset({"help", "quit"})


def signal_status(signum: int) -> int:
    """The exit status after closing on a signal: 128 + its number, as shells report it."""
    return 128 + signum


def terminal_gone() -> bool:
    """Whether the console's terminal has hung up (its window was closed).

    A hung-up terminal refuses every request with EIO; asking for its settings is a
    request that changes nothing.
    """
    try:
        termios.tcgetattr(0)
    except (termios.error, OSError):
        return True
    return False


def detach_from_terminal() -> None:
    """Point standard input, output and error at the null device.

    Once the terminal is gone every write to it fails; the console's last screen updates,
    the codes that restore the terminal and the closing lines then go nowhere instead of
    failing on the way out (or filling a queue that nothing empties any more).
    """
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)


@runtime_checkable
class Redrawn(Protocol):
    """A screen with live parts (counters, countdowns, the status line)."""

    def redraw(self) -> None:
        """Draw the live parts again, at the app's last reading of the clock."""


class ConsoleApp(App[int]):
    """The screens over a log of one exercise: live or recorded."""

    TITLE = "crisis-sim"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+c", "quit_now", show=False, priority=True)]

    #: The catalogue's words the help shows above and below the keys: what no binding can
    #: say (what the console is for, what the colours mean, that everything is saved).
    HELP_BEFORE: ClassVar[tuple[str, ...]] = ()
    HELP_AFTER: ClassVar[tuple[str, ...]] = ()
    #: What the palette's quit command does, as the catalogue says it.
    QUIT_HELP: ClassVar[str] = "cmd.quit.help"
    #: Whether the briefing reopens an exercise begun before (a live console's own).
    resuming = False
    #: Who acts at this console: the name recorded with what they do (a live console's).
    player: str | None = None

    def __init__(
        self,
        loaded: LoadedScenario,
        *,
        language: str | None,
        clock: ScenarioClock | None,
        model: FeedModel,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.tr = Catalogue(choose_language(language, loaded.scenario.language))
        self.clock = clock
        self.model = model
        self.monitor = Monitor()
        #: The open questions at the last reading of the clock: every countdown on the
        #: screen comes from it, so rows, detail pane and status line show the same time.
        self.triage = Triage(0.0)
        self._drawn_second: int | None = None
        # The observer's name, asked for at this console's first observer note or rating:
        # it is not the trainee's name, and it is recorded with every note as ``by``.
        self.observer: str | None = None
        self._earlier_handlers: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
        self.closing_signal: int | None = None

    # -- start-up -----------------------------------------------------------------------

    def on_load(self) -> None:
        """Before the terminal is taken over: from here on, a signal closes the console."""
        self._catch_closing_signals()

    def on_mount(self) -> None:
        localize_bindings(self, self.tr)
        self.open()

    @abstractmethod
    def open(self) -> None:
        """Show the first screen."""

    # -- the log on screen ------------------------------------------------------------------

    def _take(self, events: Iterable[Event]) -> list[FeedItem]:
        added = self.model.apply(events)
        for item in added:
            if self.monitored(item):
                self.monitor.add(item.t, item.line)
        return added

    def monitored(self, item: FeedItem) -> bool:
        """Whether the trends count an item: the public's posts on the public channels."""
        return item.channel in PUBLIC_CHANNELS and item.source != Source.TEAM

    def deliver(self, events: list[Event]) -> None:
        """Show events just taken from the log; a phone call that begins to ring here rings
        the terminal's bell, and a call this console's person took opens the call screen."""
        added = self._take(events)
        screen = self.exercise_screen
        if screen is not None and added:
            with self.batch_update():
                screen.add_items(added)
        if self.rings_here() and any(
            item.kind == Kind.CALL and self.is_news(item.t) for item in added
        ):
            self.bell()
        self.follow_call()

    # -- phone calls ----------------------------------------------------------------------

    def rings_here(self) -> bool:
        """Whether phone calls ring on this console (the one console of an exercise, a
        press seat): it shows them ringing, and takes them with a key."""
        return False

    def on_the_phone(self) -> PhoneCall | None:
        """The call this console's person took and is on now, if any."""
        return None

    def is_news(self, t: float) -> bool:
        """Whether something of scenario time ``t`` happens now, not in a backlog."""
        return True

    def follow_call(self) -> None:
        """Put the call screen over the console while its person is on the phone (it
        closes itself when the call is over)."""
        call = self.on_the_phone()
        if call is not None and not any(isinstance(s, CallScreen) for s in self.screen_stack):
            self.push_screen(CallScreen(call.id))

    def call_mark(self, call: PhoneCall) -> tuple[str, Tone]:
        """How a call stands, in the console's language, and its tone."""
        return call_mark(self.tr, call)

    def read_clock(self) -> Triage:
        """Read the scenario clock once, for everything the next frame shows."""
        now = self.now()
        deadlines = self.model.open_deadlines()
        by_id = self.model.by_id
        kinds = {item: by_id[item].kind for item in deadlines if item in by_id}
        self.triage = Triage.at(now, deadlines, kinds)
        self._drawn_second = int(now)
        return self.triage

    def redraw(self) -> None:
        """Live counters, countdowns and status on whatever screen is showing."""
        if not self.screen_stack:
            return  # closing: a timer that fires now has nothing to draw on
        self.read_clock()
        screen = self.screen
        if isinstance(screen, Redrawn) and screen.is_mounted:
            with self.batch_update():
                screen.redraw()

    def redraw_on_change(self, changed: bool) -> None:
        """Redraw when something ``changed``, or when the scenario clock has moved on a
        second (the countdowns tick): a paused or quiet console draws nothing."""
        if changed or int(self.now()) != self._drawn_second:
            self.redraw()

    @property
    def exercise_screen(self) -> ReadingScreen | None:
        """The screen of the lists, if it exists (it may be under another)."""
        for screen in self.screen_stack:
            if isinstance(screen, ReadingScreen):
                return screen
        return None

    def action_triage(self, which: str) -> None:
        """Filter the lists on the open (``open``) or overdue (``overdue``) questions: a
        click on a count of the status line, on any screen."""
        screen = self.exercise_screen
        if screen is not None and self.screen is not screen:
            self.pop_screen()  # the facilitator's screen, over the lists
        if screen is not None:
            screen.action_triage(which)

    # -- what the widgets ask --------------------------------------------------------------

    @abstractmethod
    def now(self) -> float:
        """Scenario time now."""

    @abstractmethod
    def clock_text(self, t: float) -> str:
        """Fictional HH:MM of a scenario time."""

    @abstractmethod
    def item_info(self, item: FeedItem) -> ItemInfo:
        """The live figures of one item, at the last reading of the clock."""

    @abstractmethod
    def show_status(self, line: StatusLine) -> None:
        """Fill a status line."""

    def inject_status(self, inject_id: str) -> str:
        """pending, wont, delivered, met, late, missed or breach: the facilitator's view of
        an inject (a console that cannot tell says pending)."""
        return "pending"

    def personas(self) -> list[tuple[str, str]]:
        """The personas a facilitator's item can come from: (id, name and role)."""
        return []

    @on(ObserverNamed)
    def _observer_named(self, event: ObserverNamed) -> None:
        self.observer = event.name

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer, the help and the palette show it: one with a name of its
        own (space) named in the console's language."""
        display = super().get_key_display(binding)
        return self.tr(f"key.{display}") if f"key.{display}" in CATALOGUE else display

    def said(self, err: BaseException) -> str:
        """Why something was refused (a session, the clock), in the console's language."""
        return said_of(err).text(self.tr.language)

    def role_name(self, role: str) -> str:
        """A role as the console's language says it."""
        return self.tr(f"role.{role}")

    def off_duty(self, now: float) -> str | None:
        """When the next shift starts (HH:MM), if the scenario's channels are not staffed at
        ``now``; None when they are, or the scenario sets no hours."""
        opens = on_duty_at(self.loaded.scenario, now)
        return day_clock(self.loaded.scenario.day_start, opens) if opens > now else None

    def owner_of(self, item: FeedItem) -> str | None:
        """Who moderates the platform ``item`` is on (see :mod:`~simulator.engine.platforms`)."""
        return self.loaded.scenario.owner_of(item.platform, item.channel)

    def allows(self, action: str, item: FeedItem) -> bool:
        """Whether the platform ``item`` is on lets the team take ``action`` on it."""
        return allows(action, self.owner_of(item), item.own)

    def place_name(self, item: FeedItem) -> str | None:
        """The name of the platform ``item`` is on, when the scenario names platforms and
        the item is on one; None otherwise (every social item is on the team's own page)."""
        scenario = self.loaded.scenario
        if not scenario.platforms or item.channel not in BUILT_IN:
            return None
        name = platform_name(scenario, item.platform, item.channel)
        return name if isinstance(name, str) else name.text(self.tr.language)

    def marked_place(self, item: FeedItem) -> str | None:
        """The platform ``item`` is on, for the lists: only when it is not where the
        scenario's items are by default, so that the odd one out stands out."""
        scenario = self.loaded.scenario
        if not scenario.platforms or item.platform == scenario.platform_for(None, item.channel):
            return None  # most scenarios have none: a list's lines ask first
        return self.place_name(item)

    def label_name(self, label: str) -> str:
        """A flag's label (valid, misleading, irrelevant) as the console's language says it."""
        return self.tr(f"label.{label}")

    # -- help, palette, theme, screenshot ----------------------------------------------------

    def action_help(self) -> None:
        """Show what the keys of the screen do, as its bindings say."""
        if not isinstance(self.screen, HelpScreen):
            rows = key_rows(self.screen, self.tr)
            self.push_screen(HelpScreen(self.tr, rows, self.HELP_BEFORE, self.HELP_AFTER))

    def action_toggle_theme(self) -> None:
        """Dark or light."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_command_palette(self) -> None:
        """Open the command palette, its search line in the console's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                Palette(
                    id="--command-palette",
                    placeholder=self.tr("palette.placeholder"),
                    no_matches=self.tr("palette.none"),
                )
            )

    def search_themes(self) -> None:
        """The palette's list of colour themes, its search line in the console's language."""
        self.push_screen(
            Palette(
                providers=[ThemeProvider],
                placeholder=self.tr("palette.themes"),
                no_matches=self.tr("palette.none"),
            )
        )

    def action_save_screenshot(self) -> None:
        """Save an SVG picture of the screen in the current folder, and say where."""
        path = self.save_screenshot()
        self.notify(self.tr("toast.screenshot", path=path), timeout=5)

    def general_commands(self) -> Iterator[SystemCommand]:
        """The palette's general commands, in place of Textual's English ones: keys and
        help, colour theme, screenshot and quit."""
        tr = self.tr
        yield SystemCommand(tr("bind.help"), tr("cmd.keys.help"), self.action_help)
        yield SystemCommand(tr("bind.theme"), tr("cmd.pick_theme"), self.action_change_theme)
        yield SystemCommand(tr("cmd.theme"), tr("cmd.pick_theme"), self.action_toggle_theme)
        yield SystemCommand(
            tr("cmd.screenshot"), tr("cmd.screenshot.help"), self.action_save_screenshot
        )
        yield SystemCommand(tr("bind.quit"), tr(self.QUIT_HELP), self.action_request_quit)

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """The general commands, and one for each active binding of ``screen`` with an id
        (its label, and its key as help).

        Textual's own commands are not asked for: their names and help are English only.
        """
        yield from self.general_commands()
        for command in key_commands(screen, self.tr):
            if command.id not in GENERAL:
                run = partial(self.run_action, command.action, command.namespace)
                yield SystemCommand(command.label, command.keys, run)

    # -- quitting and signals ----------------------------------------------------------------

    def action_request_quit(self) -> None:
        """Quit (the live console asks first while the exercise runs)."""
        self.leave()

    async def action_quit(self) -> None:
        """Textual's ctrl+q: quit as the console quits (the live one records its pause)."""
        self.leave()

    def action_quit_now(self) -> None:
        """Quit at once: everything is already saved."""
        self.leave()

    def leave(self, status: int = 0) -> None:
        """Close the console with ``status``."""
        self.exit(return_code=status)

    def _catch_closing_signals(self) -> None:
        """Close on SIGTERM and SIGHUP as on the quit key, instead of dying on the spot.

        Dying would leave the terminal in the console's screen with the mouse reported and
        typing unseen, and the session without its pause. The handlers are plain signal
        handlers, not the event loop's: Python runs them in signal-number order, so on a
        closed window the SIGHUP handler lets go of the dead terminal before Textual's own
        SIGCONT handler (the kernel sends both) writes to it.
        """
        loop = asyncio.get_running_loop()

        def closing(signum: int, frame: FrameType | None) -> None:
            self.closing_signal = signum
            for each in CLOSING_SIGNALS:
                # A closed window can send SIGHUP twice (the kernel, then the shell); a
                # repeat must not kill the process halfway through closing the session.
                signal.signal(each, signal.SIG_IGN)
            if terminal_gone():
                detach_from_terminal()
            if not loop.is_closed():
                # The log is changed only from the event loop, never in the middle of
                # whatever the interrupted code was doing.
                loop.call_soon_threadsafe(self.leave, signal_status(signum))

        try:
            for signum in CLOSING_SIGNALS:
                self._earlier_handlers[signum] = signal.signal(signum, closing)
        except ValueError:  # not the main thread (an embedding program): its own business
            self._earlier_handlers.clear()

    def on_unmount(self) -> None:
        """Give the signals back once the console is gone, unless it is closing on one."""
        if self.closing_signal is None:
            for signum, handler in self._earlier_handlers.items():
                # None: the earlier handler was not set from Python; the default it is.
                signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        self._earlier_handlers.clear()
