"""``crisis-sim replay``: the exercise as it happened, to seek, pause and run at any speed."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from simulator.engine.actions import ActionRequest
from simulator.engine.clock import MAX_SPEED, MIN_SPEED, ScenarioClock
from simulator.engine.monitoring import Monitor
from simulator.scenario.durations import format_offset
from simulator.scoring.replay import ReplayLog
from simulator.tui.app import SPEEDS, CrisisApp
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.screens.dialogs import HelpScreen
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import StatusLine

ONE_MINUTE = Binding.Group("±1 min")
TEN_MINUTES = Binding.Group("±10 min")
SPEED = Binding.Group("speed")  # labelled from the catalogue's group.speed


class ReplayScreen(ExerciseScreen, inherit_bindings=False):
    """The exercise screen with the replay's keys, and none of the exercise's.

    Nothing can be changed in a replay, so a key to reply or flag would only show up in the
    footer and do nothing. The lists and the detail pane work as in the exercise.
    """

    BINDINGS = [
        *Screen.BINDINGS,  # tab moves the focus, as everywhere
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
        Binding("1", "tab('feed')", show=False),
        Binding("2", "tab('press')", show=False),
        Binding("3", "tab('internal')", show=False),
        Binding("f1,question_mark", "app.help", "Help", id="help"),
        Binding("q", "app.quit_now", "Quit", id="quit"),
    ]

    def on_mount(self) -> None:
        # Textual runs the exercise screen's on_mount too. Without the palette's key, every
        # replay key fits the footer of a usual terminal; ctrl+p still opens the palette,
        # and the help says so.
        self.query_one(Footer).show_command_palette = False


class ReplayApp(CrisisApp, inherit_bindings=False):
    """The console's screens over a recorded log instead of a running engine.

    The keys are the replay screen's; the console's own (the facilitator's screen among
    them) have no place here.
    """

    BINDINGS = [Binding("ctrl+c,ctrl+q", "quit_now", show=False, priority=True)]

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
            seed=record.seed,
            session_path=record.path,
            speed=speed,
            language=language,
            clock=clock or ScenarioClock(),
        )
        self.record = record
        self.model = self._new_model()
        self.shown = 0  # events taken into the model so far

    @staticmethod
    def _new_model() -> FeedModel:
        # The replay is the facilitator's, for the debrief: observer notes show under the
        # items they are about, marked as such.
        return FeedModel(observer_notes_on_items=True)

    def open(self) -> None:
        """A replay starts playing at once."""
        self.begin()

    def begin(self) -> None:
        """Show the exercise screen at T+0, playing."""
        assert self.clock is not None
        self.clock.set_speed(self.speed)
        self.clock.start()
        self.push_screen(ReplayScreen())
        self.set_interval(0.2, self.tick)

    # -- time ---------------------------------------------------------------------------

    def now(self) -> float:
        assert self.clock is not None
        return min(self.clock.now(), self.record.end)

    def tick(self) -> None:
        """Take in the events up to now; rebuild when the clock went backwards."""
        if not self.is_running:  # quitting: the screens are going away
            return
        target = self.record.count_until(self.now())
        if target < self.shown:
            self._rebuild(target)
        elif target > self.shown:
            self.deliver(self.record.events[self.shown : target])
            self.shown = target
        if self.now() >= self.record.end and self.clock and self.clock.running:
            self.clock.pause()
        self.redraw()

    def _rebuild(self, target: int) -> None:
        self.model = self._new_model()
        self.monitor = Monitor()  # a fresh window of trending terms
        self._take(self.record.events[:target])
        self.shown = target
        screen = self.exercise_screen
        if screen is not None:
            for feed in screen.feeds():
                feed.model = self.model
                feed.rows = []
                feed.cursor = 0
                feed.append(self.model.items)

    def action_toggle_pause(self) -> None:
        """Play or pause."""
        assert self.clock is not None
        if self.clock.running:
            self.clock.pause()
        elif self.now() < self.record.end:
            self.clock.start()
        self.redraw()

    def action_speed(self, direction: int) -> None:
        """One step faster or slower."""
        assert self.clock is not None
        current = self.clock.speed
        steps = [s for s in SPEEDS if (s > current if direction > 0 else s < current)]
        if steps:
            speed = min(steps) if direction > 0 else max(steps)
            self.clock.set_speed(min(max(speed, MIN_SPEED), MAX_SPEED))
        self.redraw()

    def action_seek(self, seconds: float) -> None:
        """Jump forward or back in scenario time."""
        self.action_seek_to(self.now() + seconds)

    def action_seek_to(self, t: float) -> None:
        """Jump to a scenario time."""
        assert self.clock is not None
        self.clock.jump_to(min(max(t, 0.0), self.record.end))
        self.tick()

    def action_seek_end(self) -> None:
        """Jump to the last recorded event."""
        self.action_seek_to(self.record.end)

    # -- what the widgets ask ----------------------------------------------------------------

    def clock_text(self, t: float) -> str:
        return self.record.clock_text(t)

    def item_info(self, item: FeedItem) -> ItemInfo:
        views, likes, shares = self.record.figures(item.id, self.triage.now)
        return ItemInfo(
            self.record.clock_text(item.t), views, likes, shares, self.triage.due_in(item.id)
        )

    def show_status(self, line: StatusLine) -> None:
        assert self.clock is not None
        now = self.triage.now
        line.show(
            self.tr,
            clock=self.record.clock_text(now),
            offset=format_offset(now),
            speed=self.clock.speed,
            running=self.clock.running,
            ended=False,
            unread=self.model.unread,
            open_items=len(self.triage.open),
            overdue=len(self.triage.overdue),
            title=f"▶▶ {self.loaded.scenario.title} ({self.record.path.name})",
        )

    def act(self, request: ActionRequest, done_message: str) -> bool:
        """A replay is read-only."""
        self.notify(self.tr("replay.readonly"), severity="warning")
        return False

    def action_facilitator(self) -> None:
        """No facilitator screen in a replay."""
        self.bell()

    def action_help(self) -> None:
        """Show the replay's keys."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.tr, ("help.replay",)))

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        """The general commands and the replay's: none that would change the exercise."""
        yield from self.common_commands(self.action_quit_now, "cmd.quit.replay")
        tr = self.tr
        yield SystemCommand(tr("bind.play"), "space", self.action_toggle_pause)
        yield SystemCommand(tr("bind.faster"), "+", lambda: self.action_speed(1))
        yield SystemCommand(tr("bind.slower"), "-", lambda: self.action_speed(-1))
        yield SystemCommand(tr("bind.to_start"), "Home", lambda: self.action_seek_to(0))
        yield SystemCommand(tr("bind.to_end"), "End", self.action_seek_end)
