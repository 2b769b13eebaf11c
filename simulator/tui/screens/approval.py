"""The leader's queue: the team's drafts waiting for approval, oldest first.

Enter opens the highlighted draft in the composer, where the leader may edit it before
publishing; x returns it to whoever drafted it, with a comment.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.tui.i18n import Catalogue
from simulator.tui.model import Draft, FeedModel
from simulator.tui.screens.dialogs import Dialog
from simulator.tui.text import clean

#: How much of a draft's text and of the item it answers a row of the queue shows.
SHOWN = 70


def draft_label(
    tr: Catalogue, draft: Draft, model: FeedModel, clock_text: Callable[[float], str]
) -> Text:
    """One draft in the queue: when, who, what it answers, and its text."""
    text = Text()
    text.append(f"{clock_text(draft.t)} ", "bold")
    text.append(clean(draft.by or "", single_line=True), "italic")
    item = model.by_id.get(draft.to[0]) if draft.to else None
    if item is not None:
        about = clean(item.name, single_line=True)
        text.append(" · " + tr("approval.reply_to", name=about))
    else:
        text.append(" · " + tr("approval.statement"))
    text.append("\n  " + clean(draft.text, single_line=True)[:SHOWN])
    return text


class ApprovalScreen(Dialog[tuple[str, str] | None]):
    """Pick a draft: Enter to publish it (in the composer), x to return it."""

    BINDINGS = [Binding("x", "return_draft", show=False)]

    def __init__(
        self,
        tr: Catalogue,
        drafts: list[Draft],
        model: FeedModel,
        clock_text: Callable[[float], str],
    ) -> None:
        super().__init__()
        self.tr = tr
        self.drafts = drafts
        self.model = model
        self.clock_text = clock_text

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical():
            yield Static(Text(tr("approval.title")), classes="title")
            yield OptionList(
                *[
                    Option(draft_label(tr, d, self.model, self.clock_text), id=d.id)
                    for d in self.drafts
                ]
            )
            yield Static(Text(tr("approval.help")), classes="warnings")

    def on_mount(self) -> None:
        self.focus_first(OptionList)

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: publish this draft."""
        if event.option.id is not None:
            self.dismiss((event.option.id, "publish"))

    def action_return_draft(self) -> None:
        """x: return the highlighted draft."""
        chosen = self._highlighted()
        if chosen is not None:
            self.dismiss((chosen, "return"))
