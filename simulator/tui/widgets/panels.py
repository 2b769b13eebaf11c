"""The small panels of the exercise screen: status line, detail pane, monitoring aids."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Span, Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from simulator.engine.events import REMOVES, Reaction
from simulator.tui.calls import call_mark
from simulator.tui.i18n import Catalogue
from simulator.tui.model import OBSERVER, Done, FeedItem, FeedModel
from simulator.tui.text import literal
from simulator.tui.tones import TONE_CLASSES, Tone, tone_css, tone_of
from simulator.tui.triage import Urgency, countdown, urgency
from simulator.tui.widgets.feed import ItemInfo, compact

SPARK = "▁▂▃▄▅▆▇█"

#: The keys of the triage filters, shown beside the counts they filter on.
OPEN_KEY = "p"
OVERDUE_KEY = "o"


class Panel(Static):
    """A Static told what to show far more often than that changes: every second and on
    every delivery. An update repaints the widget, and one that may change its size lays
    the whole screen out again; so an unchanged content is not shown again, and a panel
    whose size does not depend on its content is updated without a layout."""

    #: Whether the content decides the panel's size (then a change needs a layout).
    SIZED_BY_CONTENT: ClassVar[bool] = False
    _shown: tuple[tuple[str, tuple[Span, ...], str | Style], ...] | None = None

    def put(self, *parts: Text) -> None:
        """Show ``parts``, one under the other, unless they are shown already."""
        shown = tuple((part.plain, tuple(part.spans), part.style) for part in parts)
        if shown == self._shown:
            return
        self._shown = shown
        content = parts[0] if len(parts) == 1 else Group(*parts)
        width = self.content_size.width
        if not self.SIZED_BY_CONTENT or not width:
            self.update(content, layout=self.SIZED_BY_CONTENT)
            return
        # A new text of as many lines as the old (a counter that moved on, the same item
        # again) needs no layout of the whole screen.
        self.update(content, layout=False)
        if self.get_content_height(self.size, self.app.size, width) != self.content_size.height:
            self.refresh(layout=True)


class DetailBody(Panel):
    """The detail pane's text: its height follows it, and the pane scrolls."""

    SIZED_BY_CONTENT = True


class StatusLine(Panel):
    """Fictional clock, T+, speed and state, and the counts that need attention.

    The counts of open and overdue questions are links: a click (or the key shown beside
    each) runs the app's ``triage`` action, which filters the lists on exactly them. A
    console that does not know them (a replay) leaves them out.
    """

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """ + tone_css("StatusLine")
    COMPONENT_CLASSES = set(TONE_CLASSES)

    def show(
        self,
        tr: Catalogue,
        *,
        clock: str,
        offset: str,
        speed: float,
        running: bool,
        ended: bool,
        unread: int,
        open_items: int | None,
        overdue: int | None,
        title: str,
        off_duty: str | None = None,
    ) -> None:
        """Redraw from the given figures; ``off_duty``: the time the next shift starts, when
        the channels are not staffed now."""
        state = clock_state(tr, speed=speed, running=running, ended=ended)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{clock} ", "bold")
        text.append(f"{offset}  ")
        text.append(state, tone_of(self, Tone.RUNNING if running and not ended else Tone.STOPPED))
        if off_duty is not None:
            text.append(f"  ⏾ {tr('status.off_duty', until=off_duty)}", tone_of(self, Tone.STOPPED))
        text.append("  │  ")
        # The counts come first after the state: on a narrow screen the title goes, not them.
        if open_items is not None and overdue is not None:
            for key, count, name, urgency in (
                (OPEN_KEY, open_items, "open", Urgency.DUE),
                (OVERDUE_KEY, overdue, "overdue", Urgency.OVERDUE),
            ):
                style = self.get_component_rich_style(urgency) if count else Style()
                text.append(f"{key} ", "dim")
                text.append(
                    f"{count} {tr(f'triage.{name}')}",
                    style + Style(meta={"@click": f"app.triage('{name}')"}),
                )
                text.append(" · ")
        text.append(f"{unread} {tr('status.unread')}", tone_of(self, Tone.UNREAD) if unread else "")
        text.append("  │  ")
        title_text = literal(title, single_line=True)
        title_text.stylize(tone_of(self, Tone.TIME))
        text.append(title_text)
        self.put(text)


def clock_state(tr: Catalogue, *, speed: float, running: bool, ended: bool) -> str:
    """The clock's state in words: ended, running at its speed, or paused."""
    if ended:
        return tr("status.ended")
    if running:
        return f"▶ {speed:g}x {tr('status.running')}"
    return f"⏸ {tr('status.paused')}"


class DetailPane(VerticalScroll):
    """The selected item in full, its thread, and what has been done about it."""

    DEFAULT_CSS = """
    DetailPane { height: 2fr; border: round $primary-darken-1; padding: 0 1; }
    DetailPane > Static { width: 1fr; }
    """ + tone_css("DetailPane")
    COMPONENT_CLASSES = set(TONE_CLASSES)

    def compose(self) -> ComposeResult:
        yield DetailBody(id="detail-body")

    def show(
        self,
        tr: Catalogue,
        model: FeedModel,
        item: FeedItem | None,
        info: ItemInfo | None,
        clock_text: Callable[[float], str],
        role_name: Callable[[str], str],
        now: float = 0.0,
        place: str | None = None,
    ) -> None:
        """Redraw for ``item`` (None: nothing selected); ``now`` is the reading of the
        clock that ``info`` was taken at."""
        body = self.query_one("#detail-body", DetailBody)
        if item is None or info is None:
            body.put(Text(tr("detail.empty"), style="dim"))
            return
        parts: list[Text] = []
        head = Text()
        head.append(item.name, tone_of(self, Tone.TEAM if item.own else Tone.NAME))
        if item.handle:
            head.append(f" @{item.handle}", tone_of(self, Tone.HANDLE))
        head.append(f"  [{role_name(item.role)}]", tone_of(self, Tone.ROLE))
        head.append(f"  {info.clock}  {tr('channel.' + item.channel)}", tone_of(self, Tone.TIME))
        if place is not None:
            head.append(f" · {place}", tone_of(self, Tone.TIME))
        parts.append(head)
        claim = model.claims.get(item.id)
        if claim is not None and claim.by:
            parts.append(Text(f"✋ {tr('claim.by', name=claim.by)}", tone_of(self, Tone.MARKS)))
        call = model.calls.get(item.id)
        if call is not None:  # ringing, taken by whom, or missed
            shown, tone = call_mark(tr, call)
            parts.append(Text(shown, tone_of(self, tone)))
        if info.due_in is not None:
            # Right under the head: a short pane must not hide the deadline below the text.
            key = "triage.late" if info.due_in < 0 else "triage.left"
            line = Text()
            line.append(
                f"⏱ {countdown(info.due_in)}", self.get_component_rich_style(urgency(info.due_in))
            )
            line.append(" " + tr(key, at=clock_text(now + info.due_in)))
            parts.append(line)
        parts.append(Text(item.text))  # Text(): literal, never markup
        if item.reaction in (Reaction.SHARE, Reaction.QUOTE):
            parts.append(Text(tr(f"detail.reaction.{item.reaction}"), tone_of(self, Tone.TIME)))
        if item.has_reach:
            parts.append(
                Text(
                    f"◎ {compact(info.views, tr.language)} {tr('detail.views')}  "
                    f"♥ {compact(info.likes, tr.language)} {tr('detail.likes')}  "
                    f"↻ {compact(info.shares, tr.language)} {tr('detail.shares')}",
                    style=tone_of(self, Tone.FIGURES),
                )
            )
        thread = model.thread(item)
        if len(thread) > 1:
            parts.append(Text(f"\n{tr('detail.thread')}", style=tone_of(self, Tone.HEADING)))
            for entry in thread:
                marker = "▶ " if entry is item else "  "
                line = Text(marker)
                line.append(f"{clock_text(entry.t)} ", tone_of(self, Tone.TIME))
                line.append(entry.name, tone_of(self, Tone.TEAM if entry.own else Tone.NAME))
                line.append(": ")
                line.append(entry.text)
                parts.append(line)
        parts.append(Text(f"\n{tr('detail.done')}", style=tone_of(self, Tone.HEADING)))
        if not item.done:
            parts.append(Text(tr("detail.nothing"), style=tone_of(self, Tone.TIME)))
        for done in item.done or ():
            label = done_label(tr, done)
            line = Text(f"• {clock_text(done.t)} ")
            line.append(label, tone_of(self, Tone.OBSERVER) if done.kind == OBSERVER else "")
            if done.by:
                line.append(f" ({done.by})", tone_of(self, Tone.HANDLE))
            if done.text:
                line.append(f": {done.text}")
            parts.append(line)
        body.put(*parts)


def done_label(tr: Catalogue, done: Done) -> str:
    """What was done, in words: with the flag's label, the hide's reason, the recipient."""
    if done.kind == "flag" and done.label:
        return tr("done.flag", label=tr("label." + done.label))
    if done.kind in REMOVES and done.reason and tr.has(f"hide.reason.{done.reason}"):
        return tr(f"done.{done.kind}_reason", reason=tr(f"hide.reason.{done.reason}"))
    if done.kind == "escalate" and done.recipient:
        return tr("done.escalate_to", name=done.recipient)
    return tr("done." + done.kind)


class MonitorPane(Panel):
    """Trending terms and hashtags, and the posts-per-minute sparkline."""

    DEFAULT_CSS = """
    MonitorPane { height: 1fr; border: round $secondary; padding: 0 1; }
    """ + tone_css("MonitorPane")
    COMPONENT_CLASSES = set(TONE_CLASSES)

    def show(self, tr: Catalogue, trending: list[tuple[str, int]]) -> None:
        """Redraw the trending list."""
        text = Text(tr("monitor.trending") + "\n", style="bold")
        if not trending:
            text.append(tr("monitor.none"), "dim")
        for term, count in trending:
            text.append(f"{count:>4} ", "dim")
            text.append(term + "\n", tone_of(self, Tone.TAG) if term.startswith("#") else "")
        self.put(text)


class RateSparkline(Sparkline):
    """Posts per fictional minute over the last half hour."""

    DEFAULT_CSS = """
    RateSparkline { height: 3; border: round $secondary; }
    """


class MonitorLine(Panel):
    """The monitoring aids on one line, for short screens: top terms and a sparkline."""

    DEFAULT_CSS = """
    MonitorLine { height: 1; padding: 0 1; color: $text-muted; }
    """

    def show(self, tr: Catalogue, trending: list[tuple[str, int]], per_minute: list[int]) -> None:
        """Redraw from the trending terms and the posts per minute (oldest first)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(sparkline(per_minute[-10:]) + " ", "bold")
        text.append(tr("triage.trending") + ": ", "bold")
        text.append(" · ".join(f"{term} {count}" for term, count in trending) or tr("monitor.none"))
        self.put(text)


def sparkline(values: list[int]) -> str:
    """Values as a row of bar characters, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, v * (len(SPARK) - 1) // top)] for v in values)
