"""The composer: a panel over the lower part of the screen for writing a reply or a statement.

It is no dialog over the screen: the item being answered, its thread in the detail pane and
its countdown stay in sight while the team writes. The text is multi-line and wraps; the
character count and the guideline warnings follow every key.

Publishing is ctrl+enter, but many terminals send ctrl+enter as a plain enter (which adds a
line) or as ctrl+j; ctrl+j and ctrl+s publish too, and the footer shows ctrl+s, which works
everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Select, Static, TextArea

from simulator.engine.events import Channel
from simulator.engine.guidelines import GuidelineFinding
from simulator.tui.bindings import localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.model import FeedItem
from simulator.tui.text import literal
from simulator.tui.widgets.feed import ItemInfo, countdown

SOON = 300  # seconds before a deadline from which the countdown stands out


@dataclass(frozen=True, slots=True)
class Target:
    """What a composer writes: a reply to an item, or a statement (``item`` None); with
    ``draft``, the leader publishing a draft of the team (its id); with ``handover``, the
    status for the next shift, which stays inside the team."""

    item: FeedItem | None
    draft: str | None = None
    handover: bool = False

    @property
    def key(self) -> str:
        """One text per target: per item replied to, one for statements, one per draft
        being approved, one for the handover."""
        if self.handover:
            return "handover"
        if self.draft is not None:
            return f"draft:{self.draft}"
        return f"reply:{self.item.id}" if self.item else "statement"


class ComposerText(TextArea):
    """The composer's text area, drawn only once its styles are known.

    Textual's text area can be asked to draw before the stylesheet has given it the styles
    of its parts (textual issue 6528: "No 'text-area--gutter' key in COMPONENT_CLASSES",
    seen about once in 150 composers opened under load), and then stops the console. Until
    they are there it draws blank lines and draws again after the next refresh.
    """

    def render_lines(self, crop: Region) -> list[Strip]:
        if "text-area--gutter" not in self._component_styles:
            self.call_after_refresh(self.refresh)
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


class ComposerPanel(Vertical):
    """Write a reply or a statement; warnings show live, ctrl+enter or ctrl+s publishes.

    The exercise screen has one, composed with it and hidden until something is written
    (:meth:`open`, :meth:`close`): a seat opens it every few minutes, and building its
    widgets each time cost a tenth of a second of the machine that all seats share. It lies
    on a layer of its own over the lower part of the lists and panels, which keep their
    size: showing it lays out nothing else (shrinking them cost a second layout of the
    whole screen each time it opened and closed).
    """

    DEFAULT_CSS = """
    ComposerPanel { height: 45%; min-height: 10; border: round $accent; padding: 0 1;
        background: $surface; display: none; layer: composer; dock: bottom;
        margin-bottom: 1; }
    ComposerPanel #composer-head { height: auto; }
    ComposerPanel #composer-title { width: auto; text-style: bold; margin-right: 2; }
    ComposerPanel #composer-due { width: auto; text-style: bold; }
    ComposerPanel #composer-due.soon { background: $warning; color: $text; }
    ComposerPanel #composer-due.overdue { background: $error; color: $text; }
    ComposerPanel #composer-quote { height: auto; max-height: 2; color: $text-muted; }
    ComposerPanel #composer-channel { width: 30; }
    ComposerPanel TextArea, ComposerPanel TextArea:focus { height: 1fr; min-height: 3;
        border: none; padding: 0; background: $boost; }
    ComposerPanel #composer-info { height: 1; color: $text-muted; }
    ComposerPanel #composer-warnings { height: auto; max-height: 5; color: $success; }
    ComposerPanel #composer-warnings.found { color: $error; }
    ComposerPanel #composer-warnings.confirm { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("ctrl+s", "publish", "Publish", id="publish"),
        Binding("ctrl+enter,ctrl+j", "publish", "Publish", show=False),
        Binding("escape", "close", "Close", id="close"),
    ]

    class Publish(Message):
        """The writer asks to publish (after confirming any warnings)."""

        def __init__(self, composer: ComposerPanel, text: str, channel: str | None) -> None:
            super().__init__()
            self.composer = composer
            self.text = text
            self.channel = channel

    class Closed(Message):
        """The writer closed the composer without publishing; ``draft`` is what was written."""

        def __init__(self, composer: ComposerPanel, draft: str) -> None:
            super().__init__()
            self.composer = composer
            self.draft = draft

    def __init__(
        self,
        tr: Catalogue,
        check: Callable[[str], list[GuidelineFinding]],
        info: Callable[[FeedItem], ItemInfo],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.tr = tr
        self.target = Target(None)  # what is being written, while open
        self.check = check
        self.info = info
        self.confirming = False
        self._warnings: list[str] = []  # the warnings' lines as shown

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Horizontal(id="composer-head"):
            yield Static(id="composer-title")
            yield Select(
                [(tr(f"channel.{c}"), c.value) for c in Channel],
                value=Channel.SOCIAL.value,
                allow_blank=False,
                id="composer-channel",
                prompt=tr("compose.channel"),
            )
            yield Static(id="composer-due")
        yield Static(id="composer-quote")
        yield ComposerText(soft_wrap=True, tab_behavior="focus", id="composer-text")
        yield Static(id="composer-info")
        yield Static(id="composer-warnings")

    def on_mount(self) -> None:
        localize_bindings(self, self.tr)

    @property
    def is_open(self) -> bool:
        """Whether something is being written."""
        return self.display

    def open(self, target: Target, draft: str = "") -> None:
        """Show the composer for ``target``, holding ``draft``, and take the keys."""
        tr = self.tr
        item = target.item
        self.target = target
        self.confirming = False
        # Shown and hidden by their display alone, never by a class: a class would have the
        # stylesheet worked out again for every widget in the composer, each time.
        self.query_one("#composer-channel").display = item is None and not target.handover
        self.query_one("#composer-due").display = item is not None
        self.query_one("#composer-quote").display = item is not None
        title = self.query_one("#composer-title", Static)
        if target.handover:
            title.update(tr("compose.handover"))
        elif item is None:
            title.update(tr("compose.statement"))
            self.query_one("#composer-channel", Select).value = Channel.SOCIAL.value
        else:
            title.update(literal(tr("compose.reply", name=item.name), single_line=True))
            quote = literal("» " + item.line, single_line=True)
            self.query_one("#composer-quote", Static).update(quote)
        area = self.query_one(TextArea)
        area.load_text(draft)
        area.move_cursor(area.document.end)
        self.redraw()
        self._show(self._findings())
        self.display = True
        # At once, not after the next refresh as focus() does: what is typed right after
        # the key that opened the composer is text, not keys of the lists.
        self.screen.set_focus(area)

    def close(self) -> None:
        """Hide the composer; what it held is the caller's to keep."""
        self.display = False
        self.target = Target(None)

    @property
    def text(self) -> str:
        """What has been written so far."""
        return self.query_one(TextArea).text

    @property
    def channel(self) -> str | None:
        """The chosen channel of a statement; None for a reply or a handover."""
        if self.target.item is not None or self.target.handover:
            return None
        return str(self.query_one("#composer-channel", Select).value)

    def redraw(self) -> None:
        """The answer's countdown, as the clock runs."""
        item = self.target.item
        if item is None:  # a statement
            return
        due = self.query_one("#composer-due", Static)
        due_in = self.info(item).due_in
        due.set_class(due_in is not None and due_in < 0, "overdue")
        due.set_class(due_in is not None and 0 <= due_in < SOON, "soon")
        if due_in is None:
            due.update("")
            return
        key = "detail.overdue" if due_in < 0 else "detail.due"
        due.update(f"⏱ {self.tr(key)} {countdown(abs(due_in))}")

    def _findings(self) -> list[GuidelineFinding]:
        # A handover stays inside the team: the public's guidelines do not apply to it.
        return [] if self.target.handover else self.check(self.text)

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.confirming = False  # what was confirmed is not what is there now
        self._show(self._findings())

    def _show(self, findings: list[GuidelineFinding], note: str | None = None) -> None:
        # Called on every key: the count's line is of fixed height, and the warnings are
        # laid out again only when they change, so typing costs a redraw of two lines.
        info = self.tr("composer.count", count=len(self.text)) + "  ·  " + self.tr("composer.hint")
        self.query_one("#composer-info", Static).update(Text(note or info), layout=False)
        box = self.query_one("#composer-warnings", Static)
        box.set_class(bool(findings), "found")
        box.set_class(self.confirming, "confirm")
        lines = [self.tr("compose.ok")]
        if findings:
            lines = [self.tr("compose.warnings")]
            lines += ["  ⚠ " + self.tr(f"finding.{f.rule}", match=f.match) for f in findings]
            if self.confirming:
                lines.append(self.tr("composer.confirm"))
        if lines != self._warnings:
            box.update(Text("\n".join(lines)), layout=len(lines) != len(self._warnings))
            self._warnings = lines

    def action_publish(self) -> None:
        """Publish; with guideline warnings, only when asked a second time."""
        text = self.text.strip()
        if not text:
            self.app.bell()
            self._show(self._findings(), note=self.tr("composer.empty"))
            return
        findings = self._findings()
        if findings and not self.confirming:
            self.confirming = True
            self._show(findings)
            return
        self.post_message(self.Publish(self, text, self.channel))

    def action_close(self) -> None:
        """Close without publishing; while confirming, go back to writing instead."""
        if self.confirming:
            self.confirming = False
            self._show(self._findings())
            return
        self.post_message(self.Closed(self, self.text))
