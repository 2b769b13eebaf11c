"""A phone call on the console: the ringing over the lists, and the call screen that
occupies whoever took the call until it ends.

Both draw from the console's model of the log (:mod:`simulator.tui.calls`) at the app's
last reading of the clock: no timer of their own. The call screen writes notes to the call
as the console writes any note, and closes when the log says the call is over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input

from simulator.engine.actions import ActionRequest
from simulator.engine.events import Action
from simulator.tui.calls import CallState, PhoneCall
from simulator.tui.i18n import Catalogue
from simulator.tui.messages import ActionRequested
from simulator.tui.text import literal
from simulator.tui.tones import TONE_CLASSES, Tone, tone_css, tone_of
from simulator.tui.triage import countdown
from simulator.tui.widgets.panels import Panel

if TYPE_CHECKING:
    from simulator.tui.console import ConsoleApp

#: The key that takes the ringing call (free on the exercise screen and a seat's).
TAKE_KEY = "y"


class RingingBanner(Panel):
    """The calls ringing on this console, one line each: who calls and why, how long it
    rings yet, and the key that takes it. Hidden while nothing rings."""

    DEFAULT_CSS = """
    RingingBanner { height: auto; display: none; background: $warning-muted;
        color: $foreground; padding: 0 1; }
    RingingBanner.-ringing { display: block; }
    """ + tone_css("RingingBanner")
    COMPONENT_CLASSES = set(TONE_CLASSES)
    SIZED_BY_CONTENT = True

    def show(self, tr: Catalogue, calls: list[PhoneCall], now: float) -> None:
        """Redraw for the calls ringing ``now`` (none: hidden)."""
        self.set_class(bool(calls), "-ringing")
        if not calls:
            self.put(Text(""))
            return
        lines = []
        for call in calls:
            said = Text(no_wrap=True, overflow="ellipsis")
            said.append("☎ ", tone_of(self, Tone.RINGING))
            said.append(tr("call.banner", caller=call.caller), tone_of(self, Tone.NAME))
            said.append(": ")
            said.append_text(literal(call.text, single_line=True))
            left = Text("  ⏱ ", no_wrap=True, overflow="ellipsis")
            left.append(
                tr("call.banner.left", left=countdown(call.left(now))),
                tone_of(self, Tone.RINGING),
            )
            left.append("   ")
            left.append(tr("call.banner.take", key=TAKE_KEY), tone_of(self, Tone.HEADING))
            lines += [said, left]
        self.put(*lines)


class CallScreen(ModalScreen[None]):
    """On the phone: who calls and why, what they ask as the call goes, the notes written
    to the call, and the time left. Nothing else of the console can be used until the log
    says the call is over; then the screen closes by itself."""

    DEFAULT_CSS = """
    CallScreen { align: center middle; background: $background 70%; }
    CallScreen > Vertical { width: 90%; max-width: 110; height: 90%;
        border: thick $warning; background: $surface; padding: 0 1; }
    CallScreen #call-head { height: auto; }
    CallScreen #call-talk { height: 1fr; border: round $primary-darken-1; padding: 0 1; }
    CallScreen #call-note { dock: bottom; }
    """ + tone_css("CallScreen")
    COMPONENT_CLASSES = set(TONE_CLASSES)
    BINDINGS = [
        Binding("escape", "stay", show=False),
        Binding("f1", "app.help", "Help", id="help", key_display="F1"),
        # The one console of an exercise steers its clock too: a pause during a call.
        Binding("f2", "steer", "Facilitator", id="facilitator", key_display="F2"),
    ]

    def __init__(self, call_id: str) -> None:
        super().__init__()
        self.call_id = call_id

    @property
    def console(self) -> ConsoleApp:
        return self.app  # type: ignore[return-value]

    @property
    def call(self) -> PhoneCall | None:
        """The call, as the log says it stands."""
        return self.console.model.calls.get(self.call_id)

    def compose(self) -> ComposeResult:
        tr = self.console.tr
        with Vertical():
            yield Panel(id="call-head")
            with VerticalScroll(id="call-talk"):
                yield Panel(id="call-body")
            yield Input(placeholder=tr("call.note.placeholder"), id="call-note")

    def on_mount(self) -> None:
        self.query_one("#call-note", Input).focus()
        self.redraw()

    def on_screen_resume(self) -> None:
        # What came while a dialog (the help) was over this screen: the call may be over.
        if self.is_mounted:
            self.redraw()

    def redraw(self) -> None:
        """Draw the call at the app's last reading of the clock, or close once it is over."""
        call = self.call
        app = self.console
        if call is None or call.state != CallState.TAKEN:
            if self.is_current:  # else once the dialog over it is closed
                if call is not None:
                    app.notify(app.tr("toast.call_over", caller=call.caller), timeout=5)
                self.dismiss(None)
            return
        tr, now = app.tr, app.triage.now
        head = Text()
        head.append("☎ ", tone_of(self, Tone.RINGING))
        head.append(tr("call.title", caller=call.caller), tone_of(self, Tone.HEADING))
        until = app.clock_text(call.ends_at or now)
        left = tr("call.left", left=countdown(call.left(now)), until=until)
        head.append(f"   ⏱ {left}", tone_of(self, Tone.RINGING))
        head.append("\n")
        head.append_text(literal(call.text))
        self.query_one("#call-head", Panel).put(head)
        self.query_one("#call-body", Panel).put(*self._talk(call))

    def _talk(self, call: PhoneCall) -> list[Text]:
        """What was said and written during the call: the journalist's questions as they
        came, then the notes written to it."""
        app = self.console
        tr, model = app.tr, app.model
        heading, time = tone_of(self, Tone.HEADING), tone_of(self, Tone.TIME)
        parts = [Text(tr("call.questions", caller=call.caller), heading)]
        if not call.questions:
            parts.append(Text(tr("call.listening"), time))
        for question in filter(None, map(model.by_id.get, call.questions)):
            line = Text(f"{app.clock_text(question.t)}  ", time)
            parts.append(line.append_text(literal(question.text)))
        parts.append(Text("\n" + tr("call.notes"), heading))
        item = model.by_id.get(call.id)
        notes = [d for d in (item.done or ()) if d.kind == Action.NOTE] if item else []
        if not notes:
            parts.append(Text(tr("call.notes.none"), time))
        for note in notes:
            line = Text(f"{app.clock_text(note.t)}  ", time)
            parts.append(line.append_text(literal(note.text)))
        return parts

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The facilitator's screen only where the console has one."""
        if action == "steer":
            return hasattr(self.app, "action_facilitator")
        return True

    def action_steer(self) -> None:
        """Open the facilitator's screen over the call (a console that has one)."""
        steer = getattr(self.app, "action_facilitator", None)
        if steer is not None:
            steer()

    def action_stay(self) -> None:
        """Escape does not end a call: say until when it lasts."""
        call = self.call
        app = self.console
        until = app.clock_text(call.ends_at or app.now()) if call is not None else ""
        app.notify(app.tr("call.stay", until=until), severity="warning", timeout=4)

    @on(Input.Submitted, "#call-note")
    def _note(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        event.input.value = ""
        app = self.console
        request = ActionRequest(Action.NOTE, (self.call_id,), text, by=app.player)
        self.post_message(ActionRequested(request, app.tr("toast.noted")))
