"""A feed of any size: a virtual list that draws only the lines on screen.

One widget per post does not survive a surge (a ListView needs seconds per key press at a
few thousand items). Here every item is two lines, so a line number maps straight to an
item; drawn lines are cached, and appending a batch only extends a list of indexes.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from simulator.lang import number_text
from simulator.tui.calls import PhoneCall
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.tones import TONE_CLASSES, Tone, tone_css, tone_of
from simulator.tui.triage import countdown, urgency

LINES_PER_ITEM = 2
CACHE_SIZE = 512


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """What the engine says about an item right now (asked only for items on screen)."""

    clock: str
    views: int
    likes: int
    shares: int
    due_in: float | None = None  # seconds to the answer deadline; negative when overdue


def compact(n: int, language: str | None = None) -> str:
    """12 345 as 12.3k (12,3k in Norwegian, which takes a comma for the decimal mark), for
    narrow counters."""
    if n >= 1_000_000:
        return number_text(n / 1_000_000, language, ".1f") + "M"
    if n >= 10_000:
        return f"{n // 1000}k"
    if n >= 1000:
        return number_text(n / 1000, language, ".1f") + "k"
    return str(n)


SELECT = Binding.Group("select")  # the keys that move the cursor: labelled group.select


class FeedView(ScrollView, can_focus=True):
    """Items of some channels, newest first, with a cursor."""

    DEFAULT_CSS = """
    FeedView { height: 1fr; background: $surface; }
    FeedView:focus { background-tint: $foreground 4%; }
    """ + tone_css("FeedView")
    COMPONENT_CLASSES = set(TONE_CLASSES)
    BINDINGS = [
        # One entry in the help, labelled from the catalogue's group.select.
        Binding("up", "move(-1)", "Up", show=False, group=SELECT),
        Binding("down", "move(1)", "Down", show=False, group=SELECT),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(-1)", show=False),
        Binding("end", "edge(1)", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to another item (bursts of these coalesce)."""

        def __init__(self, feed: FeedView, item_id: str | None) -> None:
            super().__init__()
            self.feed = feed
            self.item_id = item_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, FeedView.Highlighted) and message.feed is self.feed

    def __init__(
        self,
        model: FeedModel,
        channels: frozenset[str],
        info: Callable[[FeedItem], ItemInfo],
        role_name: Callable[[str], str],
        *,
        label_name: Callable[[str], str] = str,
        place_name: Callable[[FeedItem], str | None] | None = None,
        call_mark: Callable[[PhoneCall], tuple[str, Tone]] | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.model = model
        self.channels = channels
        self.info = info
        self.role_name = role_name
        self.label_name = label_name  # a flag's label (valid, misleading ...) in words
        # The platform an item is on (None: the scenario names no platforms, and a line of
        # the list asks nothing: the lines on screen are drawn again every second).
        self.place_name = place_name
        self.call_mark = call_mark  # how a phone call stands, in words (None: not shown)
        self._language: str | None = None  # the console's, asked once (see language)
        self.rows: list[int] = []  # model indexes, oldest first; drawn newest first
        self.cursor = 0
        self.predicate: Callable[[FeedItem], bool] | None = None
        self._cache: OrderedDict[tuple, Strip] = OrderedDict()
        # What decides each line on screen (see _shown): a redraw draws again only the
        # lines where that changed.
        self._drawn: dict[int, tuple] = {}
        self._style: Style | None = None  # the widget's own colours, asked once
        self.lines_drawn = 0  # lines made anew (not from the cache): what drawing cost
        self.key_latencies: list[float] = []
        self._key_started: float | None = None

    # -- content ------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The console's language, in which the counters are written (asked once)."""
        if self._language is None:
            tr = getattr(self.app, "tr", None)
            self._language = str(tr.language) if tr is not None else ""
        return self._language

    def accepts(self, item: FeedItem) -> bool:
        """Whether an item belongs in this list under the current filter."""
        return item.channel in self.channels and (self.predicate is None or self.predicate(item))

    def append(self, items: list[FeedItem]) -> None:
        """Add newly delivered items (one batch, one refresh); one the list shows already
        is not added again (a batch that came while the screen was mounting)."""
        after = self.rows[-1] if self.rows else -1
        new = [item.index for item in items if item.index > after and self.accepts(item)]
        if not new:
            return
        had_rows = bool(self.rows)
        self.rows.extend(new)
        if had_rows:
            self.cursor += len(new)  # the selected item stays selected
            if self.scroll_offset.y > 0:  # reading further down: keep the view still
                self.scroll_to(
                    y=self.scroll_offset.y + LINES_PER_ITEM * len(new),
                    animate=False,
                    immediate=True,
                )
        self._resize()
        self.refresh()
        if not had_rows and self.has_focus:
            # The cursor was on nothing and is on an item now. (The list can take the focus
            # before its first items: the screen's start-up does not fix which comes first.)
            self._announce()

    def set_filter(self, predicate: Callable[[FeedItem], bool] | None) -> None:
        """Show only items passing ``predicate`` (None: all)."""
        selected = self.selected
        self.predicate = predicate
        self.rows = [i.index for i in self.model.items if self.accepts(i)]
        self.cursor = 0
        if selected is not None and selected.index in self.rows:
            self.cursor = len(self.rows) - 1 - self.rows.index(selected.index)
        self._cache.clear()
        self._resize()
        self.scroll_to(y=0, animate=False)
        self._show_cursor()
        self.refresh()
        self._announce()

    def _resize(self) -> None:
        size = Size(self.size.width, LINES_PER_ITEM * len(self.rows))
        if size == self.virtual_size:
            return
        # Set without laying the screen out again (what setting virtual_size does): the
        # list draws its own lines, so only its scrollbar needs to know, and a scrollbar
        # that comes or goes lays the screen out by itself. In a surge this is on every
        # delivery. (Textual does the same when a widget's size changes.)
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    @property
    def selected(self) -> FeedItem | None:
        """The item under the cursor."""
        if not self.rows:
            return None
        return self.model.items[self.rows[len(self.rows) - 1 - self.cursor]]

    def redraw(self) -> None:
        """Draw again the visible lines whose item changed (a mark, read, taken) or whose
        live figures or countdown moved with the clock. In a surge most rows show nothing
        that ticks, and a line drawn again costs the whole band of the screen it is in."""
        top = int(self.scroll_offset.y)
        end = min(top + self.scrollable_content_region.height, len(self.rows) * LINES_PER_ITEM)
        for line in range(top, end):
            row, part = divmod(line, LINES_PER_ITEM)
            if self._drawn.get(line - top) != self._shown(self._item_at(row), part):
                self.refresh_lines(line - top, 1)

    # -- keys ---------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if event.key in ("up", "down", "pageup", "pagedown", "home", "end"):
            self._key_started = time.perf_counter()

    def action_move(self, delta: int) -> None:
        """Move the cursor by ``delta`` items."""
        if not self.rows:
            return
        self._set_cursor(max(0, min(len(self.rows) - 1, self.cursor + delta)))

    def action_page(self, direction: int) -> None:
        """Move by a screenful."""
        self.action_move(direction * max(1, self.size.height // LINES_PER_ITEM - 1))

    def action_edge(self, direction: int) -> None:
        """Jump to the newest (-1) or oldest (1) item."""
        if self.rows:
            self._set_cursor(0 if direction < 0 else len(self.rows) - 1)

    def _set_cursor(self, row: int) -> None:
        old = self.cursor
        self.cursor = row
        self._show_cursor()
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        for r in (old, row):
            y = r * LINES_PER_ITEM - top
            if 0 <= y < height:
                self.refresh_lines(y, LINES_PER_ITEM)
        if self._key_started is not None:
            started, self._key_started = self._key_started, None
            self.call_after_refresh(self._record_latency, started)
        self._announce()

    def _record_latency(self, started: float) -> None:
        self.key_latencies.append(time.perf_counter() - started)

    def _show_cursor(self) -> None:
        top = self.cursor * LINES_PER_ITEM
        height = max(self.scrollable_content_region.height, LINES_PER_ITEM)
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + LINES_PER_ITEM > y + height:
            self.scroll_to(y=top + LINES_PER_ITEM - height, animate=False, immediate=True)

    def _announce(self) -> None:
        item = self.selected
        if item is not None:
            self.model.mark_read(item)
        self.post_message(self.Highlighted(self, item.id if item else None))

    def on_click(self, event: events.Click) -> None:
        """Select the item under the mouse."""
        row = (int(self.scroll_offset.y) + event.y) // LINES_PER_ITEM
        if 0 <= row < len(self.rows):
            self.focus()
            self._set_cursor(row)

    def on_focus(self) -> None:
        self._announce()

    def on_resize(self) -> None:
        self._cache.clear()
        self._resize()

    def notify_style_update(self) -> None:
        # Drawn lines carry the colours of the theme they were drawn in (and of the focus).
        self._cache.clear()
        self._style = None
        super().notify_style_update()

    # -- drawing ------------------------------------------------------------------------

    def _item_at(self, row: int) -> FeedItem:
        return self.model.items[self.rows[len(self.rows) - 1 - row]]

    def _shown(self, item: FeedItem, part: int) -> tuple:
        """What decides one line of an item: the item's state, and in its header what moves
        with the clock (countdown, figures) as it is shown."""
        return (item.index, item.version, self._live(item) if part == 0 else ())

    def _live(self, item: FeedItem) -> tuple:
        info = self.info(item)
        due = None if info.due_in is None else (countdown(info.due_in), urgency(info.due_in))
        if not item.has_reach:
            return (info.clock, due)
        language = self.language
        return (
            info.clock,
            due,
            compact(info.views, language),
            compact(info.likes, language),
            compact(info.shares, language),
        )

    def _line_style(self) -> Style:
        # Asked for every line drawn, and costly to work out (it walks the ancestors).
        if self._style is None:
            self._style = self.rich_style
        return self._style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_offset.y) + y
        row, part = divmod(line, LINES_PER_ITEM)
        if row >= len(self.rows):
            self._drawn.pop(y, None)
            return Strip.blank(width, self._line_style())
        item = self._item_at(row)
        selected = row == self.cursor
        shown = self._drawn[y] = self._shown(item, part)
        key = (shown, part, selected, width, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            # The selected row is one colour over the tones of its parts.
            cursor = (
                tone_of(self, Tone.CURSOR if self.has_focus else Tone.CURSOR_BLURRED)
                if selected
                else None
            )
            text = self._header(item, cursor) if part == 0 else self._body(item, cursor)
            # On the widget's own colours: a part without a tone is written in the theme's
            # text colour on its background, in the light theme too.
            segments = list(text.render(self.app.console))
            style = self._line_style()
            self.lines_drawn += 1
            strip = Strip(segments).apply_style(style).crop_extend(0, width, style)
            self._cache[key] = strip
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return strip

    def _header(self, item: FeedItem, cursor: Style | None) -> Text:
        info = self.info(item)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("● " if not item.read else "  ", tone_of(self, Tone.UNREAD))
        due: tuple[int, int, Style] | None = None
        if info.due_in is not None:
            # First in the row, so that no narrow list cuts it off.
            style = self.get_component_rich_style(urgency(info.due_in))
            shown = f"⏱ {countdown(info.due_in)}"
            due = (len(text), len(text) + len(shown), style)
            text.append(shown, style)
            text.append(" ")
        text.append(info.clock + " ", tone_of(self, Tone.TIME))
        text.append(item.name, tone_of(self, Tone.TEAM if item.own else Tone.NAME))
        if item.handle:
            text.append(f" @{item.handle}", tone_of(self, Tone.HANDLE))
        text.append(f" [{self.role_name(item.role)}]", tone_of(self, Tone.ROLE))
        place = self.place_name(item) if self.place_name is not None else None
        if place is not None:
            text.append(f" · {place}", tone_of(self, Tone.ROLE))
        if item.has_reach:
            text.append(
                f"  ◎ {compact(info.views, self.language)} ♥ {compact(info.likes, self.language)}"
                f" ↻ {compact(info.shares, self.language)}",
                tone_of(self, Tone.FIGURES),
            )
        marks = []
        if item.answered:
            marks.append("↩")
        if item.flagged:  # the label as a word: a letter reads differently in each language
            marks.append(f"⚑ {self.label_name(item.flagged)}")
        if item.hidden:
            marks.append("⊘")
        if item.escalated:
            marks.append("⇪")
        if item.reported:
            marks.append("✉")
        claim = self.model.claims.get(item.id)
        if claim is not None and claim.by:  # who has taken it: nobody answers twice
            marks.append(f"✋ {claim.by}")
        if marks:
            text.append("  " + " ".join(marks), tone_of(self, Tone.MARKS))
        calls = self.model.calls
        call = calls.get(item.id) if self.call_mark is not None and calls.calls else None
        if call is not None and self.call_mark is not None:  # ringing, taken, missed
            shown, tone = self.call_mark(call)
            text.append("  " + shown, tone_of(self, tone))
        if cursor is not None:
            text.stylize(cursor)
            if due is not None:  # the countdown keeps its colour on the selected row too
                text.stylize(due[2], due[0], due[1])
        return text

    def _body(self, item: FeedItem, cursor: Style | None) -> Text:
        style = tone_of(self, Tone.HIDDEN) if item.hidden else Style()
        text = Text("   " + item.line, style=style, no_wrap=True, overflow="ellipsis")
        if cursor is not None:
            text.stylize(cursor)
        return text
