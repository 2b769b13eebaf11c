"""``crisis-sim replay``: the exercise as it happened, to seek, pause and run at any speed."""

from __future__ import annotations

from textual.binding import Binding

from simulator.engine.clock import ScenarioClock
from simulator.engine.monitoring import Monitor
from simulator.scenario.durations import format_offset
from simulator.scoring.replay import ReplayLog
from simulator.tui.console import TICK, ConsoleApp, next_speed
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.screens.exercise import ReadingScreen
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.footer import Footer
from simulator.tui.widgets.panels import StatusLine

ONE_MINUTE = Binding.Group("±1 min")
TEN_MINUTES = Binding.Group("±10 min")
SPEED = Binding.Group("speed")  # labelled from the catalogue's group.speed


class ReplayScreen(ReadingScreen):
    """The lists, the detail pane and the filters as in the exercise, with the replay's
    keys: nothing can be changed in a replay, so there is no key to reply or flag.
    """

    BINDINGS = [
        Binding("space", "app.toggle_pause", "Play/pause", id="play"),
        Binding(
            "plus,equals_sign", "app.speed(1)", "Faster", id="faster", key_display="+", group=SPEED
        ),
        Binding("minus", "app.speed(-1)", "Slower", id="slower", key_display="-", group=SPEED),
        # Priority for the keys that the lists and the detail pane also bind (to move the
        # cursor or scroll): in a replay they move the time, wherever the focus is.
        Binding("left", "app.seek(-60)", "-1 min", group=ONE_MINUTE, priority=True),
        Binding("right", "app.seek(60)", "+1 min", group=ONE_MINUTE, priority=True),
        Binding(
            "shift+left,less_than_sign",
            "app.seek(-600)",
            "-10 min",
            key_display="<",
            group=TEN_MINUTES,
        ),
        Binding(
            "shift+right,greater_than_sign",
            "app.seek(600)",
            "+10 min",
            key_display=">",
            group=TEN_MINUTES,
        ),
        Binding("home", "app.seek_to(0)", "Start", id="to_start", priority=True),
        Binding("end", "app.seek_end", "End", id="to_end", priority=True),
        Binding("f1,question_mark", "app.help", "Help", id="help"),
        Binding("q", "app.quit_now", "Quit", id="quit"),
    ]

    def on_mount(self) -> None:
        # Textual runs the reading screen's on_mount too. Without the palette's key, every
        # replay key fits the footer of a usual terminal; ctrl+p still opens the palette,
        # and the help says so.
        self.query_one(Footer).show_command_palette = False


class ReplayApp(ConsoleApp):
    """The console's screens over a recorded log instead of a running engine.

    The keys are the replay screen's: nothing here would change the exercise.
    """

    HELP_BEFORE = ("help.replay",)
    HELP_AFTER = ("triage.help",)
    QUIT_HELP = "cmd.quit.replay"

    def __init__(
        self,
        record: ReplayLog,
        *,
        speed: float = 4.0,
        language: str | None = None,
        clock: ScenarioClock | None = None,
    ) -> None:
        super().__init__(
            record.loaded,
            language=language,
            clock=clock or ScenarioClock(),
            model=self._new_model(),
        )
        self.record = record
        self.speed = speed
        self.shown = 0  # events taken into the model so far

    @staticmethod
    def _new_model() -> FeedModel:
        # The replay is the facilitator's, for the debrief: observer notes show under the
        # items they are about, marked as such.
        return FeedModel(observer_notes_on_items=True)

    @property
    def scenario_clock(self) -> ScenarioClock:
        """The replay's own clock (it always has one)."""
        assert self.clock is not None
        return self.clock

    def open(self) -> None:
        """A replay starts playing at once: the exercise screen at T+0."""
        self.scenario_clock.set_speed(self.speed)
        self.scenario_clock.start()
        self.push_screen(ReplayScreen())
        self.tick()  # what T+0 shows, at once rather than at the first tick
        self.set_interval(TICK, self.tick)

    # -- time ---------------------------------------------------------------------------

    def now(self) -> float:
        """Scenario time now, never past the last recorded event."""
        return min(self.scenario_clock.now(), self.record.end)

    def tick(self) -> None:
        """Take in the events up to now (rebuild when the clock went backwards), and redraw
        on a change or when the displayed second moves on."""
        self._follow(moved=False)

    def _follow(self, *, moved: bool) -> None:
        """Show the log as it stood at the clock's time (``moved``: the clock was set,
        which the status line shows even within the same second)."""
        if not self.is_running:  # quitting: the screens are going away
            return
        target = self.record.count_until(self.now())
        changed = moved or target != self.shown
        if target < self.shown:
            self._rebuild(target)
        elif target > self.shown:
            self.deliver(self.record.events[self.shown : target])
            self.shown = target
        clock = self.scenario_clock
        if self.now() >= self.record.end and clock.running:
            clock.pause()
            changed = True  # the status line says it stopped
        self.redraw_on_change(changed)

    def _rebuild(self, target: int) -> None:
        self.model = self._new_model()
        self.monitor = Monitor()  # a fresh window of trending terms
        self._take(self.record.events[:target])
        self.shown = target
        screen = self.exercise_screen
        if screen is not None:
            screen.show_model(self.model)

    def action_toggle_pause(self) -> None:
        """Play or pause."""
        clock = self.scenario_clock
        if clock.running:
            clock.pause()
        elif self.now() < self.record.end:
            clock.start()
        self.redraw()

    def action_speed(self, direction: int) -> None:
        """One step faster or slower."""
        speed = next_speed(self.scenario_clock.speed, direction)
        if speed is not None:
            self.scenario_clock.set_speed(speed)
        self.redraw()

    def action_seek(self, seconds: float) -> None:
        """Jump forward or back in scenario time."""
        self.action_seek_to(self.now() + seconds)

    def action_seek_to(self, t: float) -> None:
        """Jump to a scenario time."""
        self.scenario_clock.jump_to(min(max(t, 0.0), self.record.end))
        self._follow(moved=True)

    def action_seek_end(self) -> None:
        """Jump to the last recorded event."""
        self.action_seek_to(self.record.end)

    # -- what the widgets ask ----------------------------------------------------------------

    def clock_text(self, t: float) -> str:
        """Fictional HH:MM of a scenario time, as recorded."""
        return self.record.clock_text(t)

    def item_info(self, item: FeedItem) -> ItemInfo:
        """The recorded figures of one item at the last reading of the clock."""
        views, likes, shares = self.record.figures(item.id, self.triage.now)
        return ItemInfo(
            self.record.clock_text(item.t), views, likes, shares, self.triage.due_in(item.id)
        )

    def show_status(self, line: StatusLine) -> None:
        """Fill a status line from the replay's clock."""
        now = self.triage.now
        line.show(
            self.tr,
            clock=self.record.clock_text(now),
            offset=format_offset(now),
            speed=self.scenario_clock.speed,
            running=self.scenario_clock.running,
            ended=False,
            unread=self.model.unread,
            open_items=len(self.triage.open),
            overdue=len(self.triage.overdue),
            title=f"▶▶ {self.loaded.scenario.title} ({self.record.path.name})",
            off_duty=self.off_duty(now),
        )
