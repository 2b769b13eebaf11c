"""The crisis-sim console: a Textual app over the exercise engine."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.clock import ClockError, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.guidelines import GuidelineFinding
from simulator.engine.locations import Location
from simulator.engine.session import new_session
from simulator.engine.store import Event, SessionError
from simulator.scenario.durations import format_offset
from simulator.scenario.loader import LoadedScenario
from simulator.tui.calls import PhoneCall
from simulator.tui.console import TICK, ConsoleApp, next_speed
from simulator.tui.messages import (
    ActionRequested,
    AdhocRequested,
    BeginRequested,
    EndRequested,
    EvaluationRequested,
    NextInjectRequested,
)
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.screens.afteraction import AfterActionScreen
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.dialogs import Adhoc, ConfirmScreen, PromptScreen
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.text import clean
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import StatusLine


class CrisisApp(ConsoleApp):
    """One console of one exercise, over its running engine."""

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("f2", "facilitator", "Facilitator", id="facilitator"),
        Binding("q", "request_quit", "Quit", id="quit"),
    ]
    HELP_BEFORE = ("help.body",)
    HELP_AFTER = ("triage.help", "help.saved")

    def __init__(
        self,
        loaded: LoadedScenario,
        *,
        seed: int,
        session_path: Path | Location,
        speed: float = 1.0,
        language: str | None = None,
        player: str | None = None,
        clock: ScenarioClock | None = None,
        engine: Engine | None = None,
        past_events: Iterable[Event] = (),
    ) -> None:
        super().__init__(
            loaded,
            language=language,
            clock=engine.clock if engine is not None else clock,
            model=FeedModel(),
        )
        self.seed = seed
        self.session_path = session_path
        self.speed = speed
        self.player = player
        self.engine: Engine | None = engine
        self.resuming = engine is not None
        self._store_error: str | None = None
        self.ticker: Timer | None = None  # what calls tick(), once the exercise has begun
        if engine is not None:
            self._take(past_events)

    # -- start-up -----------------------------------------------------------------------

    def open(self) -> None:
        """The first screen: the briefing."""
        self.push_screen(BriefingScreen())

    @on(BeginRequested)
    def _begin_requested(self, event: BeginRequested) -> None:
        self.player = event.player
        self.begin()

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
        self.tick()  # what T+0 shows, at once rather than at the first tick
        self.ticker = self.set_interval(TICK, self.tick)

    # -- the engine bridge ---------------------------------------------------------------

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
        self.redraw_on_change(bool(events))

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

    @on(ActionRequested)
    def _action_requested(self, event: ActionRequested) -> None:
        if self.act(event.request, event.done_message) and event.composer is not None:
            screen = self.exercise_screen
            if isinstance(screen, ExerciseScreen):
                screen.published(event.composer)

    @on(EvaluationRequested)
    async def _evaluation_requested(self, event: EvaluationRequested) -> None:
        if self.evaluate(event.requests, event.done_message):
            screen = self.screen
            if isinstance(screen, AfterActionScreen):
                await screen.rescore()  # the hot wash after the end: the report shows it

    def evaluate(self, requests: tuple[ActionRequest, ...], done_message: str) -> bool:
        """Save the evaluator's records, in order: before the end and after it (the hot
        wash follows the exercise). Each is saved before the screen says so."""
        if self.engine is None:
            self.bell()
            return False
        saved: list[Event] = []
        try:
            for request in requests:
                saved += self.engine.evaluate(request)
        except ActionError as err:
            message = err.text(self.tr.language)
            self.notify(self.tr("error.action", message=message), severity="warning", markup=False)
            return False
        except SessionError as err:
            self.notify(
                self.tr("error.store", message=self.said(err)), severity="error", timeout=30
            )
            return False
        finally:
            self.deliver(saved)  # what was saved is shown, also when a later one was refused
            self.redraw()
        self.notify(done_message, timeout=3, markup=False)
        return True

    @on(AdhocRequested)
    def _adhoc_requested(self, event: AdhocRequested) -> None:
        self.adhoc(event.inject)

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

    @on(NextInjectRequested)
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

    @on(EndRequested)
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
            self.switch_screen(AfterActionScreen(self.tr, self.session_path))

    def rings_here(self) -> bool:
        """The one console of the exercise: every call rings on it."""
        return True

    def on_the_phone(self) -> PhoneCall | None:
        """The call going on: the console took every call it has."""
        return self.model.calls.on_the_phone(None)

    def check_text(self, text: str) -> list[GuidelineFinding]:
        """Guideline findings for a text being composed (the engine's own check)."""
        return self.engine.guide.check(text) if self.engine else []

    # -- what the widgets ask --------------------------------------------------------------

    def inject_status(self, inject_id: str) -> str:
        """An inject's status, as the engine knows it."""
        return self.engine.inject_status(inject_id) if self.engine else "pending"

    def personas(self) -> list[tuple[str, str]]:
        """The scenario's personas, as the engine has them."""
        if self.engine is None:
            return []
        return [
            (pid, f"{clean(a.name, single_line=True)} ({self.role_name(a.role)})")
            for pid, a in self.engine.personas.items()
        ]

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
            off_duty=self.off_duty(now),
        )

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
        speed = next_speed(engine.clock.speed, direction)
        if speed is None:
            self.bell()
            return
        self.deliver(engine.set_speed(speed))
        self.notify(self.tr("toast.speed", speed=f"{speed:g}"), timeout=2)
        self.redraw()

    # -- screens and quitting ---------------------------------------------------------------

    def action_facilitator(self) -> None:
        """Open (or close) the facilitator's screen: over the lists, or over a call (the
        one person at this console steers the clock too, and may pause during a call)."""
        if isinstance(self.screen, FacilitatorScreen):
            self.pop_screen()
        elif self.engine is not None and isinstance(self.screen, ExerciseScreen | CallScreen):
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

    def leave(self, status: int = 0) -> None:
        """Record where the clock stood (so that resume opens there), then exit."""
        engine = self.engine
        if engine is not None and not engine.ended and engine.clock.running:
            # Everything before is saved already; the time of quitting is a nicety.
            with contextlib.suppress(SessionError):
                engine.pause()
        super().leave(status)

    def action_set_name(self) -> None:
        """Set the name recorded with this console's actions."""

        def done(name: str | None) -> None:
            if name:
                self.player = name

        self.push_screen(PromptScreen(self.tr("name.title"), self.player or ""), done)

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """The general commands, the keys of ``screen``, and naming oneself."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(self.tr("cmd.name"), self.tr("name.title"), self.action_set_name)
