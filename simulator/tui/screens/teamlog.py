"""The team's log: everything the team has done and noted, newest first, with who did it.

Every seat of a team shows the same log, drawn from the session log as the host sends
it, so that each person sees what the others have done and written down.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.tui.i18n import Catalogue
from simulator.tui.model import FeedModel
from simulator.tui.screens.dialogs import Dialog
from simulator.tui.text import clean
from simulator.tui.widgets.panels import done_label

#: How much of an item's text a line of the log quotes.
QUOTED = 60


class TeamLogScreen(Dialog[None]):
    """The team's log, newest first."""

    DEFAULT_CSS = """
    TeamLogScreen VerticalScroll { height: auto; max-height: 80vh; }
    """
    BINDINGS = [Binding("l,q", "cancel", show=False)]

    def __init__(self, tr: Catalogue, lines: Text) -> None:
        super().__init__()
        self.tr = tr
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.tr("teamlog.title")), classes="title")
            yield Static(self.lines)


def log_text(tr: Catalogue, model: FeedModel, clock_text: Callable[[float], str]) -> Text:
    """The team's log as text, newest first: time, who, what, and about what."""
    text = Text()
    if not model.log:
        text.append(tr("teamlog.empty"), "dim")
    for done, about in reversed(model.log):
        item = model.by_id.get(about[0]) if about else None
        text.append(f"{clock_text(done.t)}  ", "bold")
        if done.by:
            text.append(f"{clean(done.by, single_line=True)}: ", "italic")
        text.append(done_label(tr, done))
        if item is not None:
            text.append(f" · {clean(item.line, single_line=True)[:QUOTED]}", "dim")
        if done.text:
            text.append(f"\n      {clean(done.text, single_line=True)}")
        text.append("\n")
    return text
