"""Modal dialogs: composing a reply or statement, flagging, short prompts, confirmations,
help, and the facilitator's ad-hoc inject."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from simulator.engine.guidelines import GuidelineFinding
from simulator.scenario.durations import format_duration, parse_duration
from simulator.tui.i18n import Catalogue

DIALOG_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{ width: 80%; max-width: 100; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 1 2; }}
{name} .title {{ text-style: bold; margin-bottom: 1; }}
{name} .warnings {{ margin-top: 1; height: auto; }}
"""


@dataclass(frozen=True, slots=True)
class Composed:
    """What the composer returns: the text, and the channel for a statement."""

    text: str
    channel: str | None


class ComposeScreen(ModalScreen[Composed | None]):
    """Write a reply or a statement; guideline warnings show live as you type."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ComposeScreen")
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        tr: Catalogue,
        title: str,
        check: Callable[[str], list[GuidelineFinding]],
        *,
        statement: bool,
    ) -> None:
        super().__init__()
        self.tr = tr
        self.heading = title
        self.check = check
        self.statement = statement
        self.confirming = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="title")
            if self.statement:
                yield Select(
                    [(self.tr(f"channel.{c}"), c) for c in ("social", "press", "news", "internal")],
                    value="social",
                    allow_blank=False,
                    id="channel",
                    prompt=self.tr("compose.channel"),
                )
            yield Input(placeholder=self.tr("compose.placeholder"), id="text")
            yield Static(self.tr("compose.ok"), classes="warnings", id="warnings")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def _findings(self) -> list[GuidelineFinding]:
        return self.check(self.query_one("#text", Input).value)

    @on(Input.Changed, "#text")
    def _live_check(self) -> None:
        self.confirming = False
        self._show(self._findings())

    def _show(self, findings: list[GuidelineFinding], confirm: bool = False) -> None:
        box = self.query_one("#warnings", Static)
        if not findings:
            box.update(Text(self.tr("compose.ok"), style="green"))
            return
        text = Text(self.tr("compose.warnings") + "\n", style="bold red")
        for finding in findings:
            text.append(
                "  ⚠ " + self.tr(f"finding.{finding.rule}", match=finding.match) + "\n", "red"
            )
        if confirm:
            text.append("\n" + self.tr("compose.confirm"), "bold reverse")
        box.update(text)

    @on(Input.Submitted, "#text")
    def _submit(self) -> None:
        value = self.query_one("#text", Input).value.strip()
        if not value:
            return
        findings = self._findings()
        if findings and not self.confirming:
            self.confirming = True  # the next Enter publishes anyway
            self._show(findings, confirm=True)
            return
        channel = str(self.query_one("#channel", Select).value) if self.statement else None
        self.dismiss(Composed(value, channel))

    def action_cancel(self) -> None:
        """Close without publishing."""
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a few options (flagging, an inject's persona)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceScreen")
    BINDINGS = [Binding("escape", "cancel", show=False)]

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
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in self.keys:
            event.stop()
            self.dismiss(self.keys[event.character])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """A one-line text prompt: a note, an escalation, a name."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PromptScreen")
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.heading = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="title")
            yield Input(value=self.value, placeholder=self.placeholder)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("escape,n", "answer(False)", show=False),
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


class HelpScreen(ModalScreen[None]):
    """The keys, in the console's language (``body``: the catalogue key of the text)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="HelpScreen")
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", show=False)]

    def __init__(self, tr: Catalogue, body: str = "help.body") -> None:
        super().__init__()
        self.tr = tr
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.tr("help.title")), classes="title")
            yield Static(Text(self.tr(self.body)))

    def action_close(self) -> None:
        """Back to the exercise."""
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class Adhoc:
    """A facilitator's item: who says it, what kind, what text, and for a press question
    the seconds the team has to reply."""

    persona: str
    kind: str
    text: str
    within: int | None = None


class AdhocScreen(ModalScreen[Adhoc | None]):
    """Write an item as any persona, delivered the moment it is sent; a press question
    gets a reply deadline (by default the scenario's for press)."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="AdhocScreen")
        + """
    AdhocScreen .deadline { display: none; }
    AdhocScreen .deadline.-press { display: block; }
    AdhocScreen #deadline-label { padding: 0 1; color: $text-muted; }
    AdhocScreen #problem { color: $error; height: auto; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", show=False)]

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
                [(k, k) for k in ("post", "question", "press", "news", "official", "internal")],
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
        self.query_one("#text", Input).focus()

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

    def action_cancel(self) -> None:
        """Close without delivering."""
        self.dismiss(None)
