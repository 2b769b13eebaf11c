"""The facilitator's screen: the clock, the master events list live, ad-hoc injects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from simulator.engine.actions import ActionRequest
from simulator.scenario.durations import format_duration
from simulator.scenario.model import Inject
from simulator.scenario.preview import describe_timing
from simulator.scenario.timing import earliest_times
from simulator.tui.bindings import localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.screens.dialogs import Adhoc, AdhocScreen, ConfirmScreen, PromptScreen
from simulator.tui.text import clean, literal
from simulator.tui.widgets.panels import StatusLine

if TYPE_CHECKING:
    from simulator.tui.app import CrisisApp

STATUS_STYLE = {
    "pending": "dim",
    "delivered": "cyan",
    "met": "bold green",
    "late": "bold yellow",
    "missed": "bold red",
}
NOTES_SHOWN = 5  # the latest observer notes under the table; all of them are in the log


def _timing(inject: Inject, tr: Catalogue) -> str:
    """When an inject comes, in the console's language: its time, or what it waits for."""
    if inject.after is None:
        return describe_timing(inject)
    delay = f" +{format_duration(inject.delay)}" if inject.delay else ""
    return tr(f"trigger.{inject.after.condition}", ref=inject.after.ref) + delay


class FacilitatorScreen(Screen[None]):
    """Steers the exercise; trainees need not see it."""

    DEFAULT_CSS = """
    FacilitatorScreen #help { height: auto; color: $text-muted; padding: 0 1; }
    FacilitatorScreen DataTable { height: 1fr; }
    FacilitatorScreen #notes { display: none; height: auto; padding: 0 1;
        border-top: solid $secondary; }
    FacilitatorScreen #notes.-shown { display: block; }
    """
    BINDINGS = [
        Binding("space", "app.toggle_pause", "Pause", id="pause"),
        Binding("plus,equals_sign", "app.speed(1)", "Faster", id="faster", key_display="+"),
        Binding("minus", "app.speed(-1)", "Slower", id="slower", key_display="-"),
        Binding("j", "next_inject", "Next inject", id="next"),
        Binding("a", "adhoc", "Ad-hoc", id="adhoc"),
        Binding("o", "observe", "Observe", id="observe"),
        Binding("E", "end", "End", id="end", key_display="shift+e"),
        Binding("f2,escape", "app.pop_screen", "Back", id="back"),
    ]

    @property
    def crisis(self) -> CrisisApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        tr = self.crisis.tr
        yield StatusLine(id="status")
        yield Static(Text(f"{tr('facilitator.title')}: {tr('facilitator.help')}"), id="help")
        yield DataTable(id="msel", cursor_type="row", zebra_stripes=True)
        # Observer notes show here, and nowhere on the team's screens.
        yield Static(id="notes")
        yield Footer()

    def on_mount(self) -> None:
        app = self.crisis
        tr = app.tr
        localize_bindings(self, tr)
        table = self.query_one("#msel", DataTable)
        for key in ("id", "status", "due", "channel", "kind", "from", "text"):
            table.add_column(tr(f"msel.{key}"), key=key)
        sc = app.loaded.scenario
        times = earliest_times(sc)
        names = {p.id: p.name for p in sc.personas}
        order = sorted(sc.injects, key=lambda i: (times[i.id] is None, times[i.id] or 0))
        for inj in order:
            table.add_row(
                Text(inj.id),
                "",
                Text(_timing(inj, tr)),
                tr(f"channel.{inj.effective_channel}"),
                tr(f"kind.{inj.kind}"),
                literal(names.get(inj.from_, inj.from_), single_line=True),
                Text(clean(inj.text, single_line=True)[:80]),
                key=inj.id,
            )
        self.refresh_panels()
        table.focus()

    def refresh_panels(self) -> None:
        """The status line, each inject's live status, and the observer notes."""
        app = self.crisis
        app.show_status(self.query_one("#status", StatusLine))
        table = self.query_one("#msel", DataTable)
        for inj in app.loaded.scenario.injects:
            status = app.engine.inject_status(inj.id) if app.engine else "pending"
            table.update_cell(
                inj.id, "status", Text(app.tr(f"state.{status}"), style=STATUS_STYLE[status])
            )
        self._show_notes()

    def _show_notes(self) -> None:
        app = self.crisis
        notes = app.model.observer_notes
        box = self.query_one("#notes", Static)
        box.set_class(bool(notes), "-shown")
        text = Text(app.tr("observer.notes"), style="bold")
        for entry in notes[-NOTES_SHOWN:]:
            note = entry.note
            text.append(f"\n• {app.clock_text(note.t)} ")
            if entry.about:
                text.append(clean(", ".join(entry.about), single_line=True) + " ", "bold")
            if note.by:
                text.append(f"({clean(note.by, single_line=True)}) ", "dim")
            # one line each, so that the newest stay in view
            text.append(clean(note.text, single_line=True))
        box.update(text)

    def redraw(self) -> None:
        """Called on every tick of the console."""
        self.refresh_panels()

    def action_next_inject(self) -> None:
        """Jump the clock to the next scripted inject."""
        self.crisis.jump_to_next_inject()

    def action_adhoc(self) -> None:
        """Write an item as any persona, delivered now."""
        app = self.crisis
        personas = (
            [
                (pid, f"{clean(a.name, single_line=True)} ({app.role_name(a.role)})")
                for pid, a in app.engine.personas.items()
            ]
            if app.engine
            else []
        )
        if not personas:
            return

        def done(result: Adhoc | None) -> None:
            if result:
                app.adhoc(result)

        self.app.push_screen(AdhocScreen(app.tr, personas), done)

    def action_observe(self) -> None:
        """An observer note on the inject under the cursor (once delivered) or the moment."""
        app = self.crisis
        table = self.query_one("#msel", DataTable)
        row_key = None
        if table.row_count:
            row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        target = (row_key,) if row_key and app.engine and row_key in app.engine.items else ()

        def done(text: str | None) -> None:
            if text:
                app.act(
                    ActionRequest("note", target, text, by=app.player, observer=True),
                    app.tr("toast.noted"),
                )

        self.app.push_screen(PromptScreen(app.tr("observer.title")), done)

    def action_end(self) -> None:
        """End the exercise for everyone, after a confirmation."""
        app = self.crisis

        def done(yes: bool | None) -> None:
            if yes:
                app.end_exercise()

        self.app.push_screen(ConfirmScreen(app.tr("end.confirm")), done)
