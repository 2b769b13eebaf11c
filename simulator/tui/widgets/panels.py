"""The small panels of the exercise screen: status line, detail pane, monitoring aids."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from simulator.tui.i18n import Catalogue
from simulator.tui.model import OBSERVER, Done, FeedItem, FeedModel
from simulator.tui.text import literal
from simulator.tui.widgets.feed import ItemInfo, compact, countdown


class StatusLine(Static):
    """Fictional clock, T+, speed and state, and the counts that need attention."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

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
        open_press: int,
        overdue: int,
        title: str,
    ) -> None:
        """Redraw from the given figures."""
        state = (
            tr("status.ended")
            if ended
            else f"▶ {speed:g}x {tr('status.running')}"
            if running
            else f"⏸ {tr('status.paused')}"
        )
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{clock} ", "bold")
        text.append(f"{offset}  ")
        text.append(state, "bold green" if running and not ended else "bold yellow")
        text.append("  │  ")
        text.append(f"{unread} {tr('status.unread')}", "bold cyan" if unread else "")
        text.append(" · ")
        text.append(f"{open_press} {tr('status.press')}", "bold" if open_press else "")
        text.append(" · ")
        text.append(f"{overdue} {tr('status.overdue')}", "bold white on red" if overdue else "")
        text.append("  │  ")
        text.append(literal(title, "dim", single_line=True))
        self.update(text)


class DetailPane(VerticalScroll):
    """The selected item in full, its thread, and what has been done about it."""

    DEFAULT_CSS = """
    DetailPane { height: 2fr; border: round $primary-darken-1; padding: 0 1; }
    DetailPane > Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(
        self,
        tr: Catalogue,
        model: FeedModel,
        item: FeedItem | None,
        info: ItemInfo | None,
        clock_text: Callable[[float], str],
        role_name: Callable[[str], str],
    ) -> None:
        """Redraw for ``item`` (None: nothing selected)."""
        body = self.query_one("#detail-body", Static)
        if item is None or info is None:
            body.update(Text(tr("detail.empty"), style="dim"))
            return
        parts: list[Text] = []
        head = Text()
        head.append(item.name, "bold green" if item.role == "team" else "bold")
        if item.handle:
            head.append(f" @{item.handle}", "dim")
        head.append(
            f"  [{role_name(item.role)}]  {info.clock}  {tr('channel.' + item.channel)}", "italic"
        )
        parts.append(head)
        parts.append(Text(item.text))  # Text(): literal, never markup
        if item.source != "team":
            parts.append(
                Text(
                    f"◎ {compact(info.views)} {tr('detail.views')}  "
                    f"♥ {compact(info.likes)} {tr('detail.likes')}  "
                    f"↻ {compact(info.shares)} {tr('detail.shares')}",
                    style="dim",
                )
            )
        if info.due_in is not None:
            key = "detail.overdue" if info.due_in < 0 else "detail.due"
            style = (
                "bold white on red"
                if info.due_in < 0
                else "bold black on yellow"
                if info.due_in < 300
                else "bold"
            )
            parts.append(Text(f"⏱ {tr(key)} {countdown(abs(info.due_in))}", style=style))
        thread = model.thread(item)
        if len(thread) > 1:
            parts.append(Text(f"\n{tr('detail.thread')}", style="bold underline"))
            for entry in thread:
                marker = "▶ " if entry is item else "  "
                line = Text(marker)
                line.append(f"{clock_text(entry.t)} ", "dim")
                line.append(entry.name, "bold green" if entry.role == "team" else "bold")
                line.append(": ")
                line.append(entry.text)
                parts.append(line)
        parts.append(Text(f"\n{tr('detail.done')}", style="bold underline"))
        if not item.done:
            parts.append(Text(tr("detail.nothing"), style="dim"))
        for done in item.done or ():
            label = done_label(tr, done)
            line = Text(f"• {clock_text(done.t)} ")
            line.append(label, "italic magenta" if done.kind == OBSERVER else "")
            if done.by:
                line.append(f" ({done.by})", "dim")
            if done.text:
                line.append(f": {done.text}")
            parts.append(line)
        body.update(Group(*parts))


def done_label(tr: Catalogue, done: Done) -> str:
    """What was done, in words: with the flag's label, the hide's reason, the recipient."""
    if done.kind == "flag" and done.label:
        return tr("done.flag", label=tr("label." + done.label))
    if done.kind == "hide" and done.reason and tr.has(f"hide.reason.{done.reason}"):
        return tr("done.hide_reason", reason=tr(f"hide.reason.{done.reason}"))
    if done.kind == "escalate" and done.recipient:
        return tr("done.escalate_to", name=done.recipient)
    return tr("done." + done.kind)


class MonitorPane(Static):
    """Trending terms and hashtags, and the posts-per-minute sparkline."""

    DEFAULT_CSS = """
    MonitorPane { height: 1fr; border: round $secondary; padding: 0 1; }
    """

    def show(self, tr: Catalogue, trending: list[tuple[str, int]]) -> None:
        """Redraw the trending list."""
        text = Text(tr("monitor.trending") + "\n", style="bold")
        if not trending:
            text.append(tr("monitor.none"), "dim")
        for term, count in trending:
            text.append(f"{count:>4} ", "dim")
            text.append(term + "\n", "bold cyan" if term.startswith("#") else "")
        self.update(text)


class RateSparkline(Sparkline):
    """Posts per fictional minute over the last half hour."""

    DEFAULT_CSS = """
    RateSparkline { height: 3; border: round $secondary; }
    """
