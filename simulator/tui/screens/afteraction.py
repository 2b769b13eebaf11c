"""The after-action screen: the report's seven sections in order, the timeline and the
rumours' reach as charts, and the hot wash (which follows the exercise)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from simulator.engine.locations import Location
from simulator.engine.store import SessionError
from simulator.scenario.diagnostics import said_of
from simulator.scoring.aar import (
    QUOTE,
    SECTIONS,
    Block,
    Cell,
    Facts,
    Grid,
    Items,
    Para,
    Part,
    after_action,
    plain,
)
from simulator.scoring.labels import Labels
from simulator.scoring.metrics import Score, score_session
from simulator.tui.bindings import localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.screens.evaluation import hot_wash
from simulator.tui.tones import TONE_CLASSES, Tone, tone_css, tone_of
from simulator.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from simulator.tui.app import CrisisApp

SECTION = Binding.Group("section")  # labelled from the catalogue's group.section
MAX_RUMOURS = 6
#: The outcomes' colours in the charts (plotext takes colour names, not the theme's).
STATUS_COLOURS = {"met": "green", "late": "orange", "missed": "red"}
#: The tone of each outcome a report's cell names (the report's own words for them).
CELL_TONES = {
    "met": Tone.MET,
    "late": Tone.LATE,
    "missed": Tone.MISSED,
    "breach": Tone.BREACH,
    "finding": Tone.MISSED,
    "not_reached": Tone.NOT_REACHED,
    "open": Tone.PENDING,
    "interrupted": Tone.LATE,
}


class AfterActionScreen(Screen[None]):
    """Shown when the exercise ends: how the team did, from the session file alone."""

    DEFAULT_CSS = """
    AfterActionScreen #heading { height: auto; padding: 0 1; text-style: bold; }
    AfterActionScreen TabbedContent { height: 1fr; }
    AfterActionScreen PlotextPlot { height: 1fr; }
    AfterActionScreen #report { height: 1fr; padding: 0 1; }
    AfterActionScreen .section { height: auto; margin-bottom: 1; }
    """ + tone_css("AfterActionScreen")
    COMPONENT_CLASSES = set(TONE_CLASSES)
    BINDINGS = [
        Binding("w", "hotwash", "Hot wash", id="hotwash"),
        Binding("q,escape", "app.quit_now", "Quit", id="quit"),
        # The report's sections by their numbers (the footer has no room for seven keys;
        # the help lists them).
        *[
            Binding(str(n), f"section({n})", "Section", group=SECTION, show=False)
            for n in range(1, len(SECTIONS) + 1)
        ],
    ]

    def __init__(self, tr: Catalogue, session: Path | Location) -> None:
        super().__init__()
        self.tr = tr
        # The report is worded by scoring, in the console's language.
        self.labels = Labels(tr.language)
        self.session = session
        self.score: Score | None = None
        self.problem: str | None = None
        self._score()

    def _score(self) -> None:
        try:
            self.score = score_session(self.session)
            self.problem = None
        except SessionError as err:
            self.problem = said_of(err).text(self.tr.language)

    def compose(self) -> ComposeResult:
        tr = self.tr
        yield Static(self._heading(), id="heading")
        if self.score is None:
            yield Footer()
            return
        with TabbedContent():
            with TabPane(tr("after.report"), id="tab-report"):
                yield VerticalScroll(id="report")
            with TabPane(tr("after.timeline"), id="tab-timeline"):
                yield PlotextPlot(id="timeline")
            with TabPane(tr("after.rumours"), id="tab-rumours"):
                yield PlotextPlot(id="rumours")
        yield Footer()

    def _heading(self) -> Text:
        score = self.score
        if score is None:
            return Text(self.problem or "")
        value = score.summary["score"]
        shown = "—" if value is None else self.labels.number(value)
        return Text(
            f"{self.tr('after.title')}: {score.scenario.title}  ·  {self.tr('after.score')} {shown}"
        )

    async def on_mount(self) -> None:
        localize_bindings(self, self.tr)
        if self.score is None:
            return
        await self._fill_report(self.score)
        self._plot_timeline(self.score)
        self._plot_rumours(self.score)
        self.query_one("#report", VerticalScroll).focus()

    async def rescore(self) -> None:
        """Score the session file again (the hot wash was saved) and show the report anew,
        where it was scrolled to."""
        self._score()
        self.query_one("#heading", Static).update(self._heading())
        if self.score is not None and self.is_mounted:
            await self._fill_report(self.score)

    async def _fill_report(self, score: Score) -> None:
        """The seven sections, in order, one block under the other."""
        report = self.query_one("#report", VerticalScroll)
        sections = [
            Static(
                Group(
                    Text(section.heading, style=tone_of(self, Tone.HEADING)),
                    *self._blocks(section.blocks),
                ),
                id=f"section-{section.id}",
                classes="section",
            )
            for section in after_action([score], self.labels)
        ]
        with self.app.batch_update():
            await report.remove_children()
            await report.mount_all(sections)

    def _text(self, cell: Cell) -> Text:
        tone = CELL_TONES.get(cell.status or "")
        shown = Text(plain(cell.text), style=tone_of(self, tone) if tone else "")
        if cell.note:
            # Enough of an item's words to know it again: a terminal has no room for a
            # long post in every row that names it.
            note = " ".join(plain(cell.note).split())
            if len(note) > QUOTE:
                note = note[: QUOTE - 1].rstrip() + "…"
            quoted = self.labels("quoted", text=note)
            shown.append(" " + quoted, style=tone_of(self, Tone.TIME))
        return shown

    def _blocks(self, blocks: list[Block]) -> list[Any]:
        """A section's blocks as the terminal lays them out, in the theme's tones."""
        parts: list[Any] = []
        for block in blocks:
            if isinstance(block, Facts):
                grid = Table.grid(padding=(0, 2))
                grid.add_column(style="bold", no_wrap=True)
                grid.add_column()
                for label, value in block.rows:
                    grid.add_row(label, self._text(value))
                parts.append(grid)
            elif isinstance(block, Grid):
                table = Table(expand=True, box=box.SQUARE, show_lines=block.blank)
                for header in block.headers:
                    table.add_column(header, overflow="fold")
                for row in block.rows:
                    table.add_row(*[self._text(c) for c in row])
                parts.append(table)
            elif isinstance(block, Items):
                for cell in block.items:
                    item = Text("  • ")
                    item.append_text(self._text(cell))
                    parts.append(item)
            elif isinstance(block, Para):
                style = tone_of(self, Tone.TIME) if block.note else Style()
                parts.append(Text(plain(block.text), style=style))
            elif isinstance(block, Part):
                parts.append(Text(plain(block.heading), style="bold"))
                parts += self._blocks(block.blocks)
        return parts

    def action_section(self, number: int) -> None:
        """Show the report's section ``number`` (1 to 7) at the top."""
        if self.score is None:
            return
        self.query_one(TabbedContent).active = "tab-report"
        section = self.query_one(f"#section-{SECTIONS[number - 1]}", Static)
        self.query_one("#report", VerticalScroll).scroll_to_widget(section, top=True, animate=False)

    def action_hotwash(self) -> None:
        """The hot wash, after the end: strengths and areas for improvement, one per line;
        the report shows them once saved."""
        app: CrisisApp = self.app  # type: ignore[assignment]
        hot_wash(self, app)

    def _plot_timeline(self, score: Score) -> None:
        plt = self.query_one("#timeline", PlotextPlot).plt
        plt.title(self.tr("after.timeline"))
        plt.xlabel(self.tr("after.minutes"))
        plt.scatter(
            [t / 60 for t, _, _ in score.deliveries],
            [0] * len(score.deliveries),
            marker="dot",
            label=self.tr("after.delivered"),
        )
        plt.scatter(
            [e.deadline / 60 for e in score.expectations],
            [1] * len(score.expectations),
            marker="x",
            label=self.tr("after.deadline"),
        )
        for status, colour in STATUS_COLOURS.items():
            answered = [
                e.responded / 60
                for e in score.expectations
                if e.status == status and e.responded is not None
            ]
            if answered:
                plt.scatter(
                    answered,
                    [2] * len(answered),
                    marker="o",
                    color=colour,
                    label=self.tr(f"state.{status}"),
                )
        plt.yticks(
            [0, 1, 2],
            [self.tr("after.delivered"), self.tr("after.deadline"), self.tr("after.response")],
        )
        plt.ylim(-0.5, 2.5)
        # Every deadline inside the axis, also one after an early end: plotext fails to draw
        # the legend of a series whose points all fall outside it.
        deadlines = [e.deadline for e in score.expectations]
        plt.xlim(0, max(score.end, 60, *deadlines) / 60)

    def _plot_rumours(self, score: Score) -> None:
        plt = self.query_one("#rumours", PlotextPlot).plt
        plt.title(self.tr("after.rumours"))
        plt.xlabel(self.tr("after.minutes"))
        top = sorted(score.rumours, key=lambda r: -r.final_views)[:MAX_RUMOURS]
        steps = max(int(score.end // 60), 1)
        for rumour in top:
            xs = [m for m in range(steps + 1) if m * 60 >= rumour.delivered]
            ys = [rumour.views(m * 60) for m in xs]
            if xs:
                plt.plot(xs, ys, label=rumour.item)
