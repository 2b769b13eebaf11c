"""The wall display: a team's situation on the room's projector, to be read from the back.

A seat of its own role (``wall``): the host sends it exactly what the team's trainees get
(never the ground truth, items by their aliases) and refuses whatever it might ask. One
screen, with nothing to select and no key but help and quit: the scenario's title, the
team, the fictional time of day in large digits and the clock's state on top; the public
feed, newest first, the team's own posts marked; the press inbox, with the countdowns the
press seat shows; and the team's latest statements. It is made for about 100x30 cells of
bold, high-contrast text (a browser page shows it in a larger font), so that nothing small
carries meaning.

It draws only on a change: what the host sends, the host's clock messages, and the clock
itself, once a second while a countdown shows and the clock runs, else when the time of
day shown moves on a minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits

from simulator.engine.events import PUBLIC_CHANNELS, Channel, Kind, Source
from simulator.engine.store import Event
from simulator.scenario.durations import next_minute
from simulator.scenario.loader import LoadedScenario
from simulator.tui.bindings import localize_bindings
from simulator.tui.model import FeedItem
from simulator.tui.seat import HostedApp, spread_of
from simulator.tui.text import literal
from simulator.tui.triage import TRIAGE_CLASSES, TRIAGE_CSS, countdown, urgency
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import Panel, clock_state

#: How many lines of its text an item of each part shows at most: enough to read a post,
#: few enough that a long one does not push the others off the wall.
FEED_LINES: Final = 3
PRESS_LINES: Final = 3
STATEMENT_LINES: Final = 3
#: The size a part assumes before it has been laid out (about half of 100x30).
_FALLBACK_SIZE: Final = (48, 24)


class WallTone(StrEnum):
    """A part of the wall's texts; the value is its CSS component class."""

    TITLE = "wall--title"
    TIME = "wall--time"
    NAME = "wall--name"
    OURS = "wall--ours"  # the mark on the team's own posts
    OURS_NAME = "wall--ours-name"
    ANSWERED = "wall--answered"
    EMPTY = "wall--empty"
    RUNNING = "wall--running"
    STOPPED = "wall--stopped"  # paused or ended


# Bold and the theme's strongest colours: read from the back of a room, on a projector that
# washes out whatever is faint. Only an empty part's words are muted. The countdowns take
# the colours every seat shows them in (the theme's warning and error, reversed), and no
# other text takes a colour that could be mistaken for them (some themes' accent is amber).
_WALL_CSS: Final = """
{widget} > .wall--title {{ color: $foreground; text-style: bold; }}
{widget} > .wall--time {{ color: $text-primary; text-style: bold; }}
{widget} > .wall--name {{ color: $foreground; text-style: bold; }}
{widget} > .wall--ours {{ color: $text-success; text-style: bold reverse; }}
{widget} > .wall--ours-name {{ color: $text-success; text-style: bold; }}
{widget} > .wall--answered {{ color: $text-success; text-style: bold; }}
{widget} > .wall--empty {{ color: $text-muted; text-style: italic; }}
{widget} > .wall--running {{ color: $text-success; text-style: bold; }}
{widget} > .wall--stopped {{ color: $text-warning; text-style: bold reverse; }}
"""
WALL_CLASSES: Final = frozenset(t.value for t in WallTone) | TRIAGE_CLASSES


def wall_css(widget: str) -> str:
    """The CSS of the wall's tones and the countdowns' urgencies for widget type ``widget``."""
    return (_WALL_CSS + TRIAGE_CSS).format(widget=widget)


def clipped(lines: Iterable[Text], most: int, width: int) -> list[Text]:
    """The first ``most`` of a text's wrapped ``lines``, the last one's end marked when
    some were left out."""
    kept = list(lines)
    if len(kept) <= most:
        return kept
    kept = kept[:most]
    last = kept[-1].copy()
    last.truncate(max(width - 1, 0))
    last.rstrip()
    last.append("…")
    kept[-1] = last
    return kept


@dataclass(slots=True)
class Board:
    """The items each part of the wall lists, in delivery order: sorted once, as they
    come, so that a redraw reads no more of a busy feed than it shows."""

    feed: list[FeedItem] = field(default_factory=list)
    press: list[FeedItem] = field(default_factory=list)
    statements: list[FeedItem] = field(default_factory=list)

    def take(self, items: Iterable[FeedItem]) -> None:
        """Sort newly delivered items into the parts that show them."""
        for item in items:
            ours = item.source == Source.TEAM
            if item.channel in PUBLIC_CHANNELS:
                self.feed.append(item)
            elif item.channel == Channel.PRESS and not ours:
                self.press.append(item)  # a journalist's question, not the team's answer
            if ours and item.kind == Kind.OFFICIAL:
                self.statements.append(item)


class WallPart(Panel):
    """One part of the wall under its heading: its entries, as many as fit, or the words
    for none."""

    DEFAULT_CSS = """
    WallPart {
        height: 1fr; padding: 0 1; border: heavy $primary;
        border-title-color: $foreground; border-title-style: bold;
    }
    """ + wall_css("WallPart")
    COMPONENT_CLASSES = set(WALL_CLASSES)

    def on_resize(self) -> None:
        # Its entries are wrapped to its width (the first layout gives it one too).
        app = self.app
        if isinstance(app, WallApp):
            app.redraw()

    def tone(self, tone: str) -> Style:
        """The Rich style of a tone or urgency in this part."""
        return self.get_component_rich_style(tone)

    @property
    def room(self) -> tuple[int, int]:
        """Columns and lines of text it has (before it is laid out, a likely size)."""
        size = self.content_size
        return (size.width, size.height) if size.width and size.height else _FALLBACK_SIZE

    def show(self, entries: Iterable[tuple[Text, str, int]], empty: str) -> None:
        """Show ``entries`` (a head, a text and at most how many lines of it) one under the
        other, as many as fit; ``empty`` when there are none."""
        width, height = self.room
        shown: list[Text] = []
        used = 0
        for head, body, most in entries:
            if shown and used >= height:
                break
            lines = clipped(Text(body).wrap(self.app.console, width), most, width)
            shown.append(Text("\n").join([head, *lines]))
            used += 2 + len(lines)  # the head, the text, a line between
        if not shown:
            self.put(Text(empty, style=self.tone(WallTone.EMPTY)))
            return
        self.put(Text("\n\n").join(shown))


class WallHeading(Panel):
    """The scenario's title, the team, and the clock's state, on three lines beside the
    time of day."""

    DEFAULT_CSS = """
    WallHeading { width: 1fr; height: 3; }
    """ + wall_css("WallHeading")
    COMPONENT_CLASSES = set(WALL_CLASSES)

    def show(self, title: str, team: str, state: str, running: bool) -> None:
        """Redraw from the given words."""
        bold = self.get_component_rich_style(WallTone.TITLE)
        title_text = literal(title, single_line=True)
        title_text.stylize(bold)
        tone = WallTone.RUNNING if running else WallTone.STOPPED
        self.put(
            title_text,
            Text(team, bold),
            Text(f" {state} ", self.get_component_rich_style(tone)),
        )


class WallScreen(Screen[None], inherit_bindings=False):
    """The wall's one screen: nothing to move between, so not even tab is bound."""

    DEFAULT_CSS = """
    WallScreen { background: $background; }
    WallScreen #wall-head { height: 3; background: $panel; padding: 0 1; }
    WallScreen #wall-clock { width: auto; color: $foreground; text-style: bold; }
    WallScreen #wall-body { height: 1fr; }
    WallScreen #wall-feed { width: 11fr; }
    WallScreen #wall-side { width: 9fr; }
    WallScreen #wall-press { height: 3fr; }
    WallScreen #wall-statements { height: 2fr; }
    """
    BINDINGS = [
        Binding("f1,question_mark", "app.help", "Help", id="help"),
        Binding("q", "app.request_quit", "Quit", id="quit"),
    ]

    @property
    def wall(self) -> WallApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="wall-head"):
            yield WallHeading(id="wall-heading")
            yield Digits(id="wall-clock")
        with Horizontal(id="wall-body"):
            yield WallPart(id="wall-feed")
            with Vertical(id="wall-side"):
                yield WallPart(id="wall-press")
                yield WallPart(id="wall-statements")

    def on_mount(self) -> None:
        tr = self.wall.tr
        localize_bindings(self, tr)
        for part in ("feed", "press", "statements"):
            self.query_one(f"#wall-{part}", WallPart).border_title = tr(f"wall.{part}")
        self.wall.redraw()

    def on_screen_resume(self) -> None:
        # What came while the help was over this screen was not drawn here.
        if self.is_mounted:
            self.wall.redraw()

    def redraw(self) -> None:
        """Everything, at the app's last reading of the clock; a part whose text did not
        change is not drawn again."""
        app = self.wall
        tr, now = app.tr, app.triage.now
        clock = app.clock_reading
        running = clock.running and not clock.ended
        state = clock_state(tr, speed=clock.speed, running=running, ended=clock.ended)
        team = tr("wall.team", team=app.team) if app.team else ""
        heading = self.query_one("#wall-heading", WallHeading)
        heading.show(app.loaded.scenario.title, team, state, running)
        digits = self.query_one("#wall-clock", Digits)
        shown = app.clock_text(now)
        if digits.value != shown:
            digits.update(shown)
        self._feed()
        self._press()
        self._statements()

    def _feed(self) -> None:
        app = self.wall
        part = self.query_one("#wall-feed", WallPart)
        ours = app.role_name("team").upper()

        def entries() -> Iterable[tuple[Text, str, int]]:
            for item in reversed(app.board.feed):
                if item.hidden:
                    continue  # the team took it down: not for the room either
                head = Text()
                head.append(app.clock_text(item.t), part.tone(WallTone.TIME))
                head.append("  ")
                if item.source == Source.TEAM:
                    head.append(f" {ours} ", part.tone(WallTone.OURS))
                    head.append(" ")
                    head.append(item.name, part.tone(WallTone.OURS_NAME))
                else:
                    head.append(item.name, part.tone(WallTone.NAME))
                yield head, item.line, FEED_LINES

        part.show(entries(), app.tr("wall.no_posts"))

    def _press(self) -> None:
        app = self.wall
        part = self.query_one("#wall-press", WallPart)
        triage = app.triage
        # The questions still to answer first, the nearest deadline on top; then the rest,
        # newest first.
        waiting = sorted(
            (item for item in app.board.press if triage.due_in(item.id) is not None),
            key=lambda item: (triage.due_in(item.id), -item.index),
        )
        rest = [item for item in reversed(app.board.press) if triage.due_in(item.id) is None]

        def entries() -> Iterable[tuple[Text, str, int]]:
            for item in (*waiting, *rest):
                head = Text()
                due = triage.due_in(item.id)
                if due is not None:
                    head.append(f" ⏱ {countdown(due)} ", part.tone(urgency(due)))
                    head.append("  ")
                if item.answered:
                    head.append(f"✓ {app.tr('wall.answered')}", part.tone(WallTone.ANSWERED))
                    head.append("  ")
                head.append(item.name, part.tone(WallTone.NAME))
                head.append("  ")
                head.append(app.clock_text(item.t), part.tone(WallTone.TIME))
                yield head, item.line, PRESS_LINES

        part.show(entries(), app.tr("wall.no_press"))

    def _statements(self) -> None:
        app = self.wall
        part = self.query_one("#wall-statements", WallPart)

        def entries() -> Iterable[tuple[Text, str, int]]:
            for item in reversed(app.board.statements):
                head = Text()
                head.append(app.clock_text(item.t), part.tone(WallTone.TIME))
                head.append("  ")
                head.append(app.tr(f"channel.{item.channel}"), part.tone(WallTone.OURS_NAME))
                yield head, item.line, STATEMENT_LINES

        part.show(entries(), app.tr("wall.no_statements"))


class WallApp(HostedApp):
    """A team's wall display, fed only by the host, as a trainee's seat is."""

    HELP_BEFORE = ("wall.help",)
    LOST_KEY = "wall.lost"
    # No keys but help and quit: a projector's screen has nothing to search or choose.
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        loaded: LoadedScenario,
        socket_path: Path,
        code: str,
        name: str,
        *,
        language: str | None = None,
        backoff: tuple[float, float] = (0.1, 5.0),
        spread: float | None = None,
    ) -> None:
        super().__init__(
            loaded,
            socket_path,
            code,
            name,
            language=language,
            backoff=backoff,
            spread=spread_of(code) if spread is None else spread,
        )
        self.board = Board()
        self._counting = False  # whether a countdown shows: then it is drawn every second

    def first_screen(self) -> Screen[Any]:
        """The wall's one screen: nothing to move between, so not even tab is bound."""
        return WallScreen()

    @property
    def team(self) -> str | None:
        """The team it shows, once the host has welcomed it."""
        welcome = self.seat.welcome
        return welcome.team if welcome is not None else None

    def monitored(self, item: FeedItem) -> bool:
        """The wall shows no trends: nothing is counted for them."""
        return False

    def deliver(self, events: list[Event]) -> None:
        """Take events as every console does, and sort the new items into the wall's
        parts."""
        known = len(self.model.items)
        super().deliver(events)
        self.board.take(self.model.items[known:])

    def counts_down(self) -> bool:
        """Whether a countdown shows, at the last reading of the clock."""
        triage = self.triage
        return any(triage.due_in(item.id) is not None for item in self.board.press)

    def redraw(self) -> None:
        """Draw the wall; when a countdown has come or gone, the clock is followed by the
        second or by the minute from now on."""
        super().redraw()
        counting = self.counts_down()
        if counting != self._counting:
            self._counting = counting
            self._next_second()

    def next_change(self, now: float) -> float:
        """The next second while a countdown shows; else the next minute of the time of
        day, the only thing on the wall the clock alone moves on."""
        if self._counting:
            return super().next_change(now)
        return next_minute(self._day_start, now)

    def item_info(self, item: FeedItem) -> ItemInfo:
        """An item's time and countdown; the wall shows no views, likes or shares."""
        return ItemInfo(self.clock_text(item.t), 0, 0, 0, self.triage.due_in(item.id))
