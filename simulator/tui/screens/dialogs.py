"""Modal dialogs: choices (flag, hide, escalate), short prompts, confirmations, help, and
the facilitator's ad-hoc inject. Replies and statements are written in the composer panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from simulator.engine.events import Kind
from simulator.scenario.durations import format_duration, parse_duration
from simulator.tui.bindings import KeyRow
from simulator.tui.i18n import Catalogue

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """The base of every dialog: a box in the middle of a dimmed screen, a bold title, and
    Escape to close it without an answer (None, unless a dialog says otherwise)."""

    DEFAULT_CSS = """
    Dialog { align: center middle; background: $background 60%; }
    Dialog > Vertical { width: 80%; max-width: 100; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2; }
    Dialog .title { text-style: bold; margin-bottom: 1; }
    Dialog .warnings { margin-top: 1; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)

    def focus_first(self, selector: str | type[Widget]) -> None:
        """Focus the first widget ``selector`` finds, if the dialog still has it: keys typed
        fast (meant for a field that was still opening) may have closed it already."""
        found = self.query(selector)
        if found:
            found.first().focus()


class ChoiceScreen(Dialog[str | None]):
    """Pick one of a few options (flagging, an inject's persona)."""

    def __init__(
        self, title: str, options: list[tuple[str, str]], keys: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.heading = title
        self.options = options
        self.keys = keys or {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="title")
            yield OptionList(*[Option(Text(label), id=value) for value, label in self.options])

    def on_mount(self) -> None:
        self.focus_first(OptionList)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in self.keys:
            event.stop()
            self.dismiss(self.keys[event.character])


class PromptScreen(Dialog[str | None]):
    """A one-line text prompt: a note, an escalation, a name."""

    def __init__(
        self, title: str, value: str = "", placeholder: str = "", *, allow_empty: bool = False
    ) -> None:
        super().__init__()
        self.heading = title
        self.value = value
        self.placeholder = placeholder
        self.allow_empty = allow_empty  # Enter on no text answers "" (Escape still cancels)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="title")
            yield Input(value=self.value, placeholder=self.placeholder)

    def on_mount(self) -> None:
        self.focus_first(Input)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip() or self.allow_empty:
            self.dismiss(event.value.strip())


class ConfirmScreen(Dialog[bool]):
    """A yes/no question: Escape and n answer no."""

    BINDINGS = [
        Binding("n", "answer(False)", show=False),
        Binding("y,j,enter", "answer(True)", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), classes="title")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

    def action_cancel(self) -> None:
        """Escape answers no."""
        self.dismiss(False)


class HelpScreen(Dialog[None]):
    """The keys of the screen it was opened over, as its bindings say them, between the
    catalogue's words for what no key can say (``before`` and ``after``: catalogue keys)."""

    BINDINGS = [Binding("f1,question_mark,q", "cancel", show=False)]

    def __init__(
        self,
        tr: Catalogue,
        rows: list[KeyRow],
        before: tuple[str, ...] = (),
        after: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.tr = tr
        self.rows = rows
        self.before = before
        self.after = after

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.tr("help.title")), classes="title")
            for key in self.before:
                yield Static(Text(self.tr(key)), classes="note")
            yield Static(self._table(), id="keys")
            for key in self.after:
                yield Static(Text(self.tr(key)), classes="note")

    def _table(self) -> Table:
        """The rows in two columns, read down the left one first: the keys of a small
        terminal's help fit on its screen whole."""
        table = Table.grid(padding=(0, 2, 0, 0))
        for _ in range(2):
            table.add_column(style="bold", no_wrap=True)
            table.add_column()
        half = (len(self.rows) + 1) // 2
        left, right = self.rows[:half], self.rows[half:]
        for k, row in enumerate(left):
            cells = [Text(row.keys), Text(row.label)]
            if k < len(right):
                cells += [Text(right[k].keys), Text(right[k].label)]
            table.add_row(*cells)
        return table


@dataclass(frozen=True, slots=True)
class Adhoc:
    """A facilitator's item: who says it, what kind, what text, and for a press question
    the seconds the team has to reply."""

    persona: str
    kind: str
    text: str
    within: int | None = None


class AdhocScreen(Dialog[Adhoc | None]):
    """Write an item as any persona, delivered the moment it is sent; a press question
    gets a reply deadline (by default the scenario's for press)."""

    DEFAULT_CSS = """
    AdhocScreen .deadline { display: none; }
    AdhocScreen .deadline.-press { display: block; }
    AdhocScreen #deadline-label { padding: 0 1; color: $text-muted; }
    AdhocScreen #problem { color: $error; height: auto; }
    """

    def __init__(
        self, tr: Catalogue, personas: list[tuple[str, str]], *, press_deadline: int
    ) -> None:
        super().__init__()
        self.tr = tr
        self.personas = personas
        self.press_deadline = press_deadline

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.tr("adhoc.title")), classes="title")
            yield Select(
                [(Text(label), pid) for pid, label in self.personas],
                value=self.personas[0][0],
                allow_blank=False,
                id="persona",
                prompt=self.tr("adhoc.persona"),
            )
            yield Select(
                # A call rings as long as its scenario says: the scenario's alone.
                [(self.tr(f"kind.{k}"), k) for k in Kind if k != Kind.CALL],
                value="post",
                allow_blank=False,
                id="kind",
                prompt=self.tr("adhoc.kind"),
            )
            yield Static(
                Text(self.tr("fac.adhoc.deadline")), id="deadline-label", classes="deadline"
            )
            yield Input(
                value=format_duration(self.press_deadline),
                placeholder=self.tr("fac.adhoc.deadline"),
                id="deadline",
                classes="deadline",
            )
            yield Input(placeholder=self.tr("adhoc.text"), id="text")
            yield Static(id="problem")

    def on_mount(self) -> None:
        self.focus_first("#text")

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        # Only a press question has a deadline; the field shows only then.
        for widget in self.query(".deadline"):
            widget.set_class(event.value == "press", "-press")

    def _deadline(self) -> int | None:
        """The deadline in seconds; raises ValueError when it is not a duration."""
        value = parse_duration(self.query_one("#deadline", Input).value.strip())
        if value <= 0:
            raise ValueError("not longer than 0")
        return value

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.query_one("#text", Input).focus()
            return
        kind = str(self.query_one("#kind", Select).value)
        within = None
        if kind == "press":
            try:
                within = self._deadline()
            except ValueError:
                self.query_one("#problem", Static).update(self.tr("fac.adhoc.bad_deadline"))
                self.query_one("#deadline", Input).focus()
                return
        self.dismiss(Adhoc(str(self.query_one("#persona", Select).value), kind, text, within))
