"""The facilitator's screen: the clock, the master events list live, ad-hoc injects,
observer notes, and the evaluator's ratings of the objectives and hot wash."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from simulator import lang
from simulator.engine.actions import ActionRequest
from simulator.lang.preview import PREVIEW
from simulator.scenario.model import kind_deadline
from simulator.scenario.preview import EventRow, event_rows
from simulator.tui.bindings import key_rows, localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.messages import (
    ActionRequested,
    AdhocRequested,
    EndRequested,
    EvaluationRequested,
    NextInjectRequested,
)
from simulator.tui.screens.dialogs import (
    Adhoc,
    AdhocScreen,
    ConfirmScreen,
    Dialog,
)
from simulator.tui.screens.evaluation import (
    Rated,
    RateScreen,
    hot_wash,
    objectives_line,
    rating_words,
    with_evaluator,
)
from simulator.tui.text import clean, literal
from simulator.tui.tones import TONE_CLASSES, state_tone, tone_css, tone_of
from simulator.tui.widgets.footer import Footer
from simulator.tui.widgets.panels import StatusLine

if TYPE_CHECKING:
    from simulator.tui.console import ConsoleApp

NOTES_SHOWN = 5  # the latest observer notes under the table; all of them are in the log
TEXT_SHOWN = 60  # characters of an inject's text in the table
NO_ITEM = ""  # the observer note's "about" when it is about the moment, not an item


class FacilitatorScreen(Screen[None]):
    """Steers the exercise; trainees need not see it."""

    DEFAULT_CSS = """
    FacilitatorScreen #help { height: auto; color: $text-muted; padding: 0 1; }
    FacilitatorScreen DataTable { height: 1fr; }
    FacilitatorScreen #objectives { height: auto; max-height: 3; padding: 0 1;
        border-top: solid $secondary; }
    FacilitatorScreen #inject { height: auto; max-height: 6; padding: 0 1;
        border-top: solid $secondary; }
    FacilitatorScreen #notes { display: none; height: auto; padding: 0 1;
        border-top: solid $secondary; }
    FacilitatorScreen #notes.-shown { display: block; }
    """ + tone_css("FacilitatorScreen")
    COMPONENT_CLASSES = set(TONE_CLASSES)
    # The way back and the end first: on a narrow terminal the footer shows what fits, in
    # this order, and the help line above lists every key, from these bindings.
    BINDINGS = [
        Binding("f2,escape", "app.pop_screen", "Back", id="back", key_display="F2"),
        Binding("E", "end", "End", id="end", key_display="E"),
        Binding("j", "next_inject", "Next inject", id="next"),
        Binding("a", "adhoc", "Ad-hoc", id="adhoc"),
        Binding("o", "observe", "Observe", id="observe"),
        Binding("v", "rate", "Rate objectives", id="rate"),
        Binding("w", "hotwash", "Hot wash", id="hotwash"),
        Binding("space", "app.toggle_pause", "Pause", id="pause"),
        Binding(
            "plus,equals_sign", "app.speed(1)", "Faster", id="faster", key_display="+", show=False
        ),
        Binding("minus", "app.speed(-1)", "Slower", id="slower", key_display="-", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Each inject's events-list row and what it expects, in the console's language.
        self._rows: dict[str, tuple[EventRow, str]] = {}

    @property
    def crisis(self) -> ConsoleApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Static(id="help")  # the keys, once the bindings speak the console's language
        yield DataTable(id="msel", cursor_type="row", zebra_stripes=True)
        # The objectives and the evaluator's latest rating of each, on one line.
        yield Static(id="objectives")
        # The highlighted inject in full: on a terminal narrower than the table, its text
        # and what it expects are still in view.
        yield Static(id="inject")
        # Observer notes show here, and nowhere on the team's screens.
        yield Static(id="notes")
        yield Footer()

    def on_mount(self) -> None:
        app = self.crisis
        tr = app.tr
        localize_bindings(self, tr)
        self.show_keys()
        table = self.query_one("#msel", DataTable)
        # What each inject expects comes last: the text, shortened, stays in view on an
        # ordinary terminal, and the table scrolls sideways to the rest.
        for key in ("id", "status", "due", "channel", "kind", "from", "text", "expect"):
            label = tr("fac.msel.expect") if key == "expect" else tr(f"msel.{key}")
            table.add_column(label, key=key)
        sc = app.loaded.scenario
        # The events list as preview shows it, in the console's language: one wording of
        # when an inject comes and what it asks for.
        words = lang.Catalogue(PREVIEW, tr.language)
        for row in event_rows(sc, words):
            expects = " · ".join(e.describe(words, due=False) for e in row.expect)
            self._rows[row.id] = (row, expects)
            table.add_row(
                Text(row.id),
                "",
                Text(row.when),
                tr(f"channel.{row.channel}"),
                tr(f"kind.{row.kind}"),
                literal(row.from_name, single_line=True),
                Text(clean(row.text, single_line=True)[:TEXT_SHOWN]),
                literal(expects, single_line=True),
                key=row.id,
            )
        self.refresh_panels()
        table.focus()

    def heading(self) -> str:
        """What the line of keys begins with: whose screen this is."""
        return self.crisis.tr("facilitator.title")

    def show_keys(self) -> None:
        """The line of keys, from the bindings active now."""
        tr = self.crisis.tr
        keys = " · ".join(f"{row.keys} {row.label}" for row in key_rows(self, tr, own=True))
        self.query_one("#help", Static).update(Text(f"{self.heading()}: {keys}"))

    @on(DataTable.RowHighlighted, "#msel")
    def _show_inject(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted inject in full: when, on which channel, from whom, its text and
        what it expects."""
        tr = self.crisis.tr
        row, expects = self._rows[str(event.row_key.value)]
        shown = Text()
        shown.append(row.id, "bold")
        shown.append(
            f"  {row.when} · {tr(f'channel.{row.channel}')} · {tr(f'kind.{row.kind}')} · ",
            "italic",
        )
        shown.append(clean(row.from_name, single_line=True), "italic")
        shown.append("\n" + clean(row.text))
        if expects:
            shown.append(f"\n{tr('fac.msel.expect')}: ", "bold")
            shown.append(clean(expects, single_line=True))
        self.query_one("#inject", Static).update(shown)

    def refresh_panels(self) -> None:
        """The status line, each inject's live status, and the observer notes."""
        app = self.crisis
        app.show_status(self.query_one("#status", StatusLine))
        table = self.query_one("#msel", DataTable)
        for inj in app.loaded.scenario.injects:
            status = app.inject_status(inj.id)
            label = app.tr("fac.state.wont") if status == "wont" else app.tr(f"state.{status}")
            style = tone_of(self, state_tone(status))
            table.update_cell(inj.id, "status", Text(label, style=style))
        self._show_notes()
        self._show_objectives()

    def _show_objectives(self) -> None:
        app = self.crisis
        objectives = app.loaded.scenario.objectives
        box = self.query_one("#objectives", Static)
        box.display = bool(objectives)
        if objectives:
            box.update(objectives_line(app.tr, objectives, app.model.ratings))

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

    def on_screen_resume(self) -> None:
        # A dialog over this screen kept it from being redrawn meanwhile.
        if self.is_mounted:
            self.refresh_panels()

    def action_next_inject(self) -> None:
        """Jump the clock to the next scripted inject."""
        self.post_message(NextInjectRequested())

    def action_adhoc(self) -> None:
        """Write an item as any persona, delivered now; a press question gets a deadline."""
        app = self.crisis
        personas = app.personas()
        if not personas:
            return

        def done(result: Adhoc | None) -> None:
            if result:
                self.post_message(AdhocRequested(result))

        deadline = kind_deadline(app.loaded.scenario, "press")
        self.app.push_screen(AdhocScreen(app.tr, personas, press_deadline=deadline), done)

    def action_observe(self) -> None:
        """An observer note, by the observer (asked once per console), about the moment or
        an item the observer picks: never the row a cursor happens to stand on."""
        app = self.crisis
        with_evaluator(self, app, self._write_note)

    def _write_note(self, observer: str) -> None:
        app = self.crisis
        # The items a note can be about: the scripted and ad-hoc ones delivered, newest
        # first (noise is too much to pick from, and the team's own items are its actions).
        items = [
            (item.id, f"{item.id} · {clean(item.line, single_line=True)[:50]}")
            for item in reversed(app.model.items)
            if item.source in ("inject", "facilitator")
        ]

        def done(note: ObserverNote | None) -> None:
            if note:
                target = (note.about,) if note.about else ()
                self.post_message(
                    ActionRequested(
                        ActionRequest("note", target, note.text, by=observer, observer=True),
                        app.tr("toast.noted"),
                    )
                )

        self.app.push_screen(ObserverNoteScreen(app.tr, observer, items), done)

    def action_rate(self) -> None:
        """Rate an objective P, S, M or U with a comment, by the evaluator (the observer's
        name, asked once per console)."""
        app = self.crisis
        objectives = app.loaded.scenario.objectives
        if not objectives:
            app.notify(app.tr("fac.objectives.none"), severity="warning", timeout=5)
            return

        def rate(evaluator: str) -> None:
            def done(rated: Rated | None) -> None:
                if rated:
                    words = rating_words(app.tr, rated.rating)
                    self.post_message(
                        EvaluationRequested(
                            [rated.request(evaluator)],
                            app.tr(
                                "toast.rated",
                                objective=rated.objective,
                                rating=f"{rated.rating} ({words})",
                            ),
                        )
                    )

            # The first objective not yet rated comes first: rating them in turn is a
            # matter of pressing Enter.
            first = next((o.id for o in objectives if o.id not in app.model.ratings), None)
            screen = RateScreen(app.tr, evaluator, objectives, app.model.ratings, first)
            self.app.push_screen(screen, done)

        with_evaluator(self, app, rate)

    def action_hotwash(self) -> None:
        """The hot wash: strengths and areas for improvement, one per line."""
        hot_wash(self, self.crisis)

    def action_end(self) -> None:
        """End the exercise for everyone, after a confirmation."""
        app = self.crisis

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(EndRequested())

        self.app.push_screen(ConfirmScreen(app.tr("end.confirm")), done)


@dataclass(frozen=True, slots=True)
class ObserverNote:
    """What the note dialog returns: the text, and the item it is about ("" for none)."""

    text: str
    about: str


class ObserverNoteScreen(Dialog[ObserverNote | None]):
    """Write an observer note; it is about no item unless the observer picks one."""

    def __init__(self, tr: Catalogue, observer: str, items: list[tuple[str, str]]) -> None:
        super().__init__()
        self.tr = tr
        self.observer = observer
        self.items = items

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical():
            yield Static(Text(tr("fac.note.title")), classes="title")
            yield Static(Text(tr("fac.note.by", name=clean(self.observer, single_line=True))))
            yield Select(
                [(Text(tr("fac.note.none")), NO_ITEM)]
                + [(Text(label), item_id) for item_id, label in self.items],
                value=NO_ITEM,
                allow_blank=False,
                id="about",
                prompt=tr("fac.note.about"),
            )
            yield Input(placeholder=tr("fac.note.text"), id="text")

    def on_mount(self) -> None:
        self.focus_first("#text")

    @on(Input.Submitted, "#text")
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            about = self.query_one("#about", Select).value
            self.dismiss(ObserverNote(event.value.strip(), about if isinstance(about, str) else ""))
