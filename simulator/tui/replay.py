"""``crisis-sim replay``: the exercise as it happened, to seek, pause and run at any speed."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from simulator.engine.actions import ActionRequest
from simulator.engine.clock import MAX_SPEED, MIN_SPEED, ScenarioClock
from simulator.engine.monitoring import Monitor
from simulator.scenario.durations import format_offset
from simulator.scoring.replay import ReplayLog
from simulator.tui.app import SPEEDS, CrisisApp
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import StatusLine

SEEK_SHORT, SEEK_LONG = 60.0, 600.0


class ReplayApp(CrisisApp):
    """The console's screens over a recorded log instead of a running engine."""

    BINDINGS = [
        Binding("space", "toggle_pause", "Play/pause", id="pause"),
        Binding("plus,equals_sign", "speed(1)", "Faster", id="faster", key_display="+"),
        Binding("minus", "speed(-1)", "Slower", id="slower", key_display="-"),
        Binding("left", "seek(-60)", "-1 min", show=False),
        Binding("right", "seek(60)", "+1 min", show=False),
        Binding("shift+left,less_than_sign", "seek(-600)", "-10 min", key_display="<"),
        Binding("shift+right,greater_than_sign", "seek(600)", "+10 min", key_display=">"),
        Binding("home", "seek_to(0)", show=False),
        Binding("q,ctrl+c", "quit_now", "Quit", id="quit", priority=True),
        Binding("f1,question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, record: ReplayLog, *, speed: float = 4.0, language: str | None = None,
                 clock: ScenarioClock | None = None) -> None:
        super().__init__(record.loaded, seed=record.seed, session_path=record.path, speed=speed,
                         language=language, clock=clock or ScenarioClock())
        self.record = record
        self.shown = 0  # events taken into the model so far

    def open(self) -> None:
        """A replay starts playing at once."""
        self.begin()

    def begin(self) -> None:
        """Show the exercise screen at T+0, playing."""
        assert self.clock is not None
        self.clock.set_speed(self.speed)
        self.clock.start()
        self.push_screen(ExerciseScreen())
        self.set_interval(0.2, self.tick)

    # -- time ---------------------------------------------------------------------------

    def now(self) -> float:
        assert self.clock is not None
        return min(self.clock.now(), self.record.end)

    def tick(self) -> None:
        """Take in the events up to now; rebuild when the clock went backwards."""
        target = self.record.count_until(self.now())
        if target < self.shown:
            self._rebuild(target)
        elif target > self.shown:
            self.deliver(self.record.events[self.shown:target])
            self.shown = target
        if self.now() >= self.record.end and self.clock and self.clock.running:
            self.clock.pause()
        self.redraw()

    def _rebuild(self, target: int) -> None:
        self.model = FeedModel()
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

    # -- what the widgets ask ----------------------------------------------------------------

    def clock_text(self, t: float) -> str:
        return self.record.clock_text(t)

    def item_info(self, item: FeedItem) -> ItemInfo:
        views, likes, shares = self.record.figures(item.id, self.now())
        return ItemInfo(self.record.clock_text(item.t), views, likes, shares)

    def show_status(self, line: StatusLine) -> None:
        assert self.clock is not None
        now = self.now()
        line.show(self.tr, clock=self.record.clock_text(now), offset=format_offset(now),
                  speed=self.clock.speed, running=self.clock.running, ended=False,
                  unread=self.model.unread, open_press=0, overdue=0,
                  title=f"▶▶ {self.loaded.scenario.title} ({self.record.path.name})")

    def act(self, request: ActionRequest, done_message: str) -> bool:
        """A replay is read-only."""
        self.notify(self.tr("replay.readonly"), severity="warning")
        return False

    def action_facilitator(self) -> None:
        """No facilitator screen in a replay."""
        self.bell()


def run_replay(path: Path, speed: float, language: str | None) -> None:
    """Open a session for replay."""
    ReplayApp(ReplayLog(path), speed=speed, language=language).run()
