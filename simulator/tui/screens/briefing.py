"""The briefing screen: what the team needs to know before the clock starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from simulator.lang.units import say_duration
from simulator.scenario.durations import day_clock
from simulator.tui.bindings import localize_bindings
from simulator.tui.messages import BeginRequested
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from simulator.tui.app import CrisisApp


class BriefingScreen(Screen[None]):
    """Title, summary, organisation, fictional start and channels; Enter begins."""

    DEFAULT_CSS = """
    BriefingScreen { align: center middle; }
    BriefingScreen > VerticalScroll { width: 90%; max-width: 110; height: auto;
        max-height: 100%; border: thick $primary; padding: 1 2; }
    BriefingScreen .title { text-style: bold; color: $accent; margin-bottom: 1; }
    BriefingScreen .facts { margin: 1 0; }
    BriefingScreen Vertical { height: auto; }
    BriefingScreen Input { margin-top: 1; }
    BriefingScreen .begin { margin-top: 1; text-style: bold reverse; }
    """
    BINDINGS = [
        Binding("escape", "app.request_quit", "Quit", id="quit"),
        Binding("enter", "begin", show=False),
    ]

    def on_screen_resume(self) -> None:
        localize_bindings(self, self.app.tr)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        app: CrisisApp = self.app  # type: ignore[assignment]
        tr, sc = app.tr, app.loaded.scenario
        with VerticalScroll():
            yield Static(f"{tr('briefing.title')}: ", classes="label")
            yield Static(literal(sc.title), classes="title")
            if sc.summary:
                yield Static(literal(sc.summary.strip()))
            facts = Text()
            if sc.organisation:
                facts.append(f"{tr('briefing.organisation')}: ", "bold")
                facts.append(clean(f"{sc.organisation.name} (@{sc.organisation.handle})") + "\n")
            facts.append(f"{tr('briefing.start')}: ", "bold")
            facts.append(sc.start.strftime("%d.%m.%Y %H:%M") if sc.start else day_clock(None, 0))
            facts.append("\n")
            facts.append(f"{tr('briefing.duration')}: ", "bold")
            facts.append(say_duration(sc.duration, tr.language) + "\n")
            channels = sorted(
                {i.effective_channel for i in sc.injects} | {n.effective_channel for n in sc.noise}
            )
            facts.append(f"{tr('briefing.channels')}: ", "bold")
            facts.append(", ".join(tr(f"channel.{c}") for c in channels))
            yield Static(facts, classes="facts")
            with Vertical():
                yield Input(value=app.player or "", placeholder=tr("briefing.name"), id="player")
            yield Static(
                tr("briefing.resume" if app.resuming else "briefing.begin"), classes="begin"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#player", Input).focus()

    @on(Input.Submitted, "#player")
    def _begin(self, event: Input.Submitted) -> None:
        self.action_begin()

    def action_begin(self) -> None:
        """Start the exercise with the name typed (Enter works wherever focus is)."""
        self.post_message(BeginRequested(self.query_one("#player", Input).value.strip() or None))
