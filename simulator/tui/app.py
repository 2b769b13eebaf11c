"""The crisis-sim console: a Textual app over the exercise engine."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import termios
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.timer import Timer

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.clock import MAX_SPEED, MIN_SPEED, ClockError, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.events import PUBLIC_CHANNELS, Source
from simulator.engine.guidelines import GuidelineFinding
from simulator.engine.monitoring import Monitor
from simulator.engine.session import new_session
from simulator.engine.store import Event, SessionError
from simulator.lang import choose_language
from simulator.scenario.diagnostics import said_of
from simulator.scenario.durations import format_offset
from simulator.scenario.loader import LoadedScenario
from simulator.tui.bindings import localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.palette import Palette
from simulator.tui.screens.afteraction import AfterActionScreen
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.dialogs import Adhoc, ConfirmScreen, HelpScreen, PromptScreen
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.triage import Triage
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import OPEN_KEY, OVERDUE_KEY, StatusLine

TICK = 0.2  # seconds between deliveries to the screen: one batch, one transaction
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 20.0)

#: Signals that close the console as its quit key does: SIGTERM (the system or another
#: program asks it to end) and SIGHUP (the terminal window was closed).
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


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


class CrisisApp(App[int]):
    """One console of one exercise."""

    TITLE = "crisis-sim"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("f2", "facilitator", "Facilitator", id="facilitator"),
        Binding("q", "request_quit", "Quit", id="quit"),
        Binding("ctrl+c", "quit_now", show=False, priority=True),
    ]

    def __init__(
        self,
        loaded: LoadedScenario,
        *,
        seed: int,
        session_path: Path,
        speed: float = 1.0,
        language: str | None = None,
        player: str | None = None,
        clock: ScenarioClock | None = None,
        engine: Engine | None = None,
        past_events: Iterable[Event] = (),
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.seed = seed
        self.session_path = session_path
        self.speed = speed
        self.tr = Catalogue(choose_language(language, loaded.scenario.language))
        self.player = player
        # The observer's name, asked for at this console's first observer note: it is not
        # the trainee's name, and it is recorded with every note as ``by``.
        self.observer: str | None = None
        self.clock = clock
        self.engine: Engine | None = engine
        self.resuming = engine is not None
        self.model = FeedModel()
        self.monitor = Monitor()
        self._store_error: str | None = None
        self._earlier_handlers: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
        self.closing_signal: int | None = None
        #: The open questions at the last reading of the clock: every countdown on the
        #: screen comes from it, so rows, detail pane and status line show the same time.
        self.triage = Triage(0.0)
        self._drawn_second: int | None = None
        self.ticker: Timer | None = None  # what calls tick(), once the exercise has begun
        if engine is not None:
            self.clock = engine.clock
            self._take(past_events)

    # -- start-up -----------------------------------------------------------------------

    def on_load(self) -> None:
        """Before the terminal is taken over: from here on, a signal closes the console."""
        self._catch_closing_signals()

    def on_mount(self) -> None:
        localize_bindings(self, self.tr)
        self.open()

    def open(self) -> None:
        """The first screen: the briefing."""
        self.push_screen(BriefingScreen())

    def begin(self) -> None:
        """Leave the briefing: start the exercise (or reopen it, paused) and show it."""
        if self.engine is None:
            try:
                self.engine = new_session(
                    self.loaded, self.seed, self.session_path, clock=self.clock
                )
                self.deliver(self.engine.start(self.speed))
            except SessionError as err:
                self.notify(self.said(err), severity="error", timeout=30, markup=False)
                return
        self.read_clock()
        self.switch_screen(ExerciseScreen())
        self.ticker = self.set_interval(TICK, self.tick)

    # -- the engine bridge ---------------------------------------------------------------

    def _take(self, events: Iterable[Event]) -> list[FeedItem]:
        added = self.model.apply(events)
        for item in added:
            if item.channel in PUBLIC_CHANNELS and item.source != Source.TEAM:
                self.monitor.add(item.t, item.line)
        return added

    def deliver(self, events: list[Event]) -> None:
        """Show what the engine just committed."""
        added = self._take(events)
        screen = self.exercise_screen
        if screen is not None and added:
            with self.batch_update():
                screen.add_items(added)

    def tick(self) -> None:
        """Deliver everything due, commit it, and redraw the live parts."""
        engine = self.engine
        if engine is None or not self.is_running:  # not begun, or shutting down
            return
        try:
            events = engine.pump()
            if not engine.ended and engine.now() >= engine.scenario.duration:
                events += engine.end("completed")
                self.call_after_refresh(self.show_debrief)
            self._store_error = None
        except SessionError as err:
            if self._store_error != str(err):  # say it once, plainly, and keep going
                self._store_error = str(err)
                self.notify(
                    self.tr("error.store", message=self.said(err)),
                    severity="error",
                    timeout=30,
                    markup=False,
                )
            return
        self.deliver(events)
        # Redraw on a change, or when the scenario clock has moved on a second (the
        # countdowns tick): a paused or quiet console draws nothing between ticks.
        if events or int(engine.now()) != self._drawn_second:
            self.redraw()

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
        self.read_clock()
        screen = self.screen
        if isinstance(screen, ExerciseScreen | FacilitatorScreen) and screen.is_mounted:
            with self.batch_update():
                screen.redraw()

    @property
    def exercise_screen(self) -> ExerciseScreen | None:
        """The exercise screen, if it exists (it may be under the facilitator's)."""
        for screen in self.screen_stack:
            if isinstance(screen, ExerciseScreen):
                return screen
        return None

    def act(self, request: ActionRequest, done_message: str) -> bool:
        """Send a team action to the engine; it is saved before the screen says so."""
        if self.engine is None or self.engine.ended:
            self.bell()
            return False
        try:
            events = self.engine.act(request)
        except ActionError as err:
            # Literal: the message may quote what was typed, which is no markup.
            message = err.text(self.tr.language)
            self.notify(self.tr("error.action", message=message), severity="warning", markup=False)
            return False
        except SessionError as err:
            self.notify(self.tr("error.store", message=err), severity="error", timeout=30)
            return False
        self.deliver(events)
        self.redraw()
        self.notify(done_message, timeout=3, markup=False)
        return True

    def adhoc(self, inject: Adhoc) -> None:
        """Deliver a facilitator's item now."""
        if self.engine is None:
            return
        try:
            self.deliver(
                self.engine.adhoc(inject.persona, inject.kind, inject.text, within=inject.within)
            )
        except ActionError as err:
            self.notify(err.text(self.tr.language), severity="error", markup=False)
            return
        except SessionError as err:
            self.notify(self.said(err), severity="error", markup=False)
            return
        self.redraw()
        self.notify(self.tr("toast.adhoc"), timeout=3)

    def jump_to_next_inject(self) -> None:
        """Move the clock to the next scripted inject."""
        engine = self.engine
        if engine is None:
            return
        due = engine.next_inject_time()
        if due is None:
            self.bell()
            return
        self.deliver(engine.jump_to(due))
        self.redraw()

    def end_exercise(self) -> None:
        """End the exercise now."""
        if self.engine is None or self.engine.ended:
            return
        self.deliver(self.engine.end("ended by facilitator"))
        self.redraw()
        self.show_debrief()

    def show_debrief(self) -> None:
        """The after-action screen, scored from the session file."""
        if self.engine is not None and self.engine.store is not None:
            self.switch_screen(AfterActionScreen(self.tr, self.engine.store.path))

    def check_text(self, text: str) -> list[GuidelineFinding]:
        """Guideline findings for a text being composed (the engine's own check)."""
        return self.engine.guide.check(text) if self.engine else []

    # -- what the widgets ask --------------------------------------------------------------

    def said(self, err: BaseException) -> str:
        """Why something was refused (a session, the clock), in the console's language."""
        return said_of(err).text(self.tr.language)

    def now(self) -> float:
        """Scenario time now."""
        return self.engine.now() if self.engine else 0.0

    def clock_text(self, t: float) -> str:
        """Fictional HH:MM of a scenario time."""
        return self.engine.clock_text(t) if self.engine else "--:--"

    def item_info(self, item: FeedItem) -> ItemInfo:
        """The live figures of one item, from the engine, at the last reading of the clock."""
        engine = self.engine
        if engine is None:
            return ItemInfo("--:--", 0, 0, 0)
        now = self.triage.now
        views, likes, shares = engine.views(item.id, now) if item.source != "team" else (0, 0, 0)
        return ItemInfo(
            engine.clock_text(item.t), views, likes, shares, self.triage.due_in(item.id)
        )

    def role_name(self, role: str) -> str:
        """A role as the console's language says it."""
        return self.tr(f"role.{role}")

    def label_name(self, label: str) -> str:
        """A flag's label (valid, misleading, irrelevant) as the console's language says it."""
        return self.tr(f"label.{label}")

    def show_status(self, line: StatusLine) -> None:
        """Fill a status line from the engine."""
        engine = self.engine
        if engine is None:
            return
        triage = self.triage
        now = triage.now
        line.show(
            self.tr,
            clock=engine.clock_text(now),
            offset=format_offset(now),
            speed=engine.clock.speed,
            running=engine.clock.running and not engine.ended,
            ended=engine.ended,
            unread=self.model.unread,
            open_items=len(triage.open),
            overdue=len(triage.overdue),
            title=self.loaded.scenario.title,
        )

    def action_triage(self, which: str) -> None:
        """Filter the exercise screen's lists on the open (``open``) or overdue
        (``overdue``) questions: a click on a count of the status line, on any screen."""
        if isinstance(self.screen, FacilitatorScreen):
            self.pop_screen()
        screen = self.exercise_screen
        if screen is not None:
            screen.action_triage(which)

    # -- clock ----------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        """Pause or resume the exercise."""
        engine = self.engine
        if engine is None or engine.ended:
            return
        try:
            self.deliver(engine.pause() if engine.clock.running else engine.resume())
        except (ClockError, SessionError) as err:
            self.notify(self.said(err), severity="error", markup=False)
        self.redraw()

    def action_speed(self, direction: int) -> None:
        """One step faster (1) or slower (-1)."""
        engine = self.engine
        if engine is None or engine.ended:
            return
        current = engine.clock.speed
        steps = [s for s in SPEEDS if (s > current if direction > 0 else s < current)]
        if not steps:
            self.bell()
            return
        speed = min(steps) if direction > 0 else max(steps)
        speed = min(max(speed, MIN_SPEED), MAX_SPEED)
        self.deliver(engine.set_speed(speed))
        self.notify(self.tr("toast.speed", speed=f"{speed:g}"), timeout=2)
        self.redraw()

    # -- screens and quitting ---------------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.tr))

    def action_facilitator(self) -> None:
        """Open (or close) the facilitator's screen."""
        if isinstance(self.screen, FacilitatorScreen):
            self.pop_screen()
        elif self.engine is not None and isinstance(self.screen, ExerciseScreen):
            self.push_screen(FacilitatorScreen())

    def action_request_quit(self) -> None:
        """Quit; while the exercise runs, ask first (everything is saved either way)."""
        engine = self.engine
        if engine is None or engine.ended or not engine.clock.running:
            self.leave()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.leave()

        self.push_screen(ConfirmScreen(self.tr("quit.confirm")), done)

    def action_quit_now(self) -> None:
        """Quit at once: every action is already saved."""
        self.leave()

    def leave(self, status: int = 0) -> None:
        """Record where the clock stood (so that resume opens there), then exit."""
        engine = self.engine
        if engine is not None and not engine.ended and engine.clock.running:
            # Everything before is saved already; the time of quitting is a nicety.
            with contextlib.suppress(SessionError):
                engine.pause()
        self.exit(return_code=status)

    # -- signals ---------------------------------------------------------------------------

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
                # The engine is changed only from the event loop, never in the middle of
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

    def action_set_name(self) -> None:
        """Set the name recorded with this console's actions."""

        def done(name: str | None) -> None:
            if name:
                self.player = name

        self.push_screen(PromptScreen(self.tr("name.title"), self.player or ""), done)

    def action_toggle_theme(self) -> None:
        """Dark or light."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # -- the command palette ------------------------------------------------------------

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

    def common_commands(
        self, quit_action: Callable[[], object], quit_help: str = "cmd.quit.help"
    ) -> Iterator[SystemCommand]:
        """The palette's general commands, in place of Textual's English ones: keys and
        help, colour theme, screenshot and quit (``quit_help``: the catalogue key of what
        quitting does)."""
        tr = self.tr
        yield SystemCommand(tr("bind.help"), tr("cmd.keys.help"), self.action_help)
        yield SystemCommand(tr("bind.theme"), tr("cmd.pick_theme"), self.action_change_theme)
        yield SystemCommand(tr("cmd.theme"), tr("cmd.pick_theme"), self.action_toggle_theme)
        yield SystemCommand(
            tr("cmd.screenshot"), tr("cmd.screenshot.help"), self.action_save_screenshot
        )
        yield SystemCommand(tr("bind.quit"), tr(quit_help), quit_action)

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        """Every action of the console, for the command palette.

        Textual's own commands are not asked for: their names and help are English only.
        """
        yield from self.common_commands(self.action_request_quit)
        tr = self.tr
        yield SystemCommand(tr("cmd.name"), tr("name.title"), self.action_set_name)
        if isinstance(screen, ExerciseScreen):
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.id and binding.action:
                    action = binding.action.split("(")[0]
                    method = getattr(screen, f"action_{action}", None)
                    if method is not None and "(" not in binding.action:
                        yield SystemCommand(
                            tr(f"bind.{binding.id}"),
                            f"{tr(f'bind.{binding.id}')} ({binding.key})",
                            method,
                        )
            yield SystemCommand(tr("bind.facilitator"), "F2", self.action_facilitator)
            for which, key in (("open", OPEN_KEY), ("overdue", OVERDUE_KEY)):
                yield SystemCommand(
                    tr(f"bind.triage_{which}"),
                    f"{tr(f'triage.filter.{which}')} ({key})",
                    lambda which=which: screen.action_triage(which),
                )
        if isinstance(screen, FacilitatorScreen):
            yield SystemCommand(tr("bind.pause"), "space", self.action_toggle_pause)
            yield SystemCommand(tr("bind.faster"), "+", lambda: self.action_speed(1))
            yield SystemCommand(tr("bind.slower"), "-", lambda: self.action_speed(-1))
            yield SystemCommand(tr("bind.next"), "j", screen.action_next_inject)
            yield SystemCommand(tr("bind.adhoc"), "a", screen.action_adhoc)
            yield SystemCommand(tr("bind.observe"), "o", screen.action_observe)
            yield SystemCommand(tr("bind.end"), "shift+e", screen.action_end)
