"""The after-action screen: the debrief's score table, timeline and rumour curves."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from simulator.engine.store import SessionError
from simulator.scenario.diagnostics import said_of
from simulator.scoring.labels import Labels
from simulator.scoring.metrics import Score, score_session
from simulator.scoring.reports import EXPECTATION_COLUMNS, SUMMARY_ROWS, expectation_cells
from simulator.tui.bindings import localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.tones import TONE_CLASSES, state_tone, tone_css, tone_of

MAX_RUMOURS = 6
#: The outcomes' colours in the charts (plotext takes colour names, not the theme's).
STATUS_COLOURS = {"met": "green", "late": "orange", "missed": "red"}


class AfterActionScreen(Screen[None]):
    """Shown when the exercise ends: how the team did, from the session file alone."""

    DEFAULT_CSS = """
    AfterActionScreen #heading { height: auto; padding: 0 1; text-style: bold; }
    AfterActionScreen TabbedContent { height: 1fr; }
    AfterActionScreen PlotextPlot { height: 1fr; }
    AfterActionScreen DataTable { height: 1fr; }
    """ + tone_css("AfterActionScreen")
    COMPONENT_CLASSES = set(TONE_CLASSES)
    BINDINGS = [Binding("q,escape", "app.quit_now", "Quit", id="quit")]

    def __init__(self, tr: Catalogue, session: Path) -> None:
        super().__init__()
        self.tr = tr
        # The summary's figures are worded by scoring, in the console's language.
        self.labels = Labels(tr.language)
        self.session = session
        self.score: Score | None = None
        self.problem: str | None = None
        try:
            self.score = score_session(session)
        except SessionError as err:
            self.problem = said_of(err).text(tr.language)

    def compose(self) -> ComposeResult:
        tr = self.tr
        score = self.score
        if score is None:
            yield Static(Text(self.problem or ""), id="heading")
            yield Footer()
            return
        value = score.summary["score"]
        shown = "—" if value is None else self.labels.number(value)
        yield Static(
            Text(f"{tr('after.title')}: {score.scenario.title}  ·  {tr('after.score')} {shown}"),
            id="heading",
        )
        with TabbedContent():
            with TabPane(tr("after.summary"), id="tab-summary"):
                yield DataTable(id="expectations", cursor_type="row", zebra_stripes=True)
                yield Static(id="summary")
            with TabPane(tr("after.timeline"), id="tab-timeline"):
                yield PlotextPlot(id="timeline")
            with TabPane(tr("after.rumours"), id="tab-rumours"):
                yield PlotextPlot(id="rumours")
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.tr)
        if self.score is None:
            return
        self._fill_table(self.score)
        self._plot_timeline(self.score)
        self._plot_rumours(self.score)

    def _fill_table(self, score: Score) -> None:
        table = self.query_one("#expectations", DataTable)
        # The columns and cells of the written reports: one wording of the debrief.
        for key in EXPECTATION_COLUMNS:
            table.add_column(self.labels(f"col.{key}"), key=key)
        status = EXPECTATION_COLUMNS.index("status")
        rows = zip(score.expectations, expectation_cells(score, self.labels), strict=True)
        for e, cells in rows:
            shown: list[str | Text] = list(cells)
            shown[status] = Text(cells[status], style=tone_of(self, state_tone(e.status)))
            table.add_row(*shown)
        summary = Table(show_header=False, expand=True, box=None)
        summary.add_column(style="bold")
        summary.add_column()
        for row in SUMMARY_ROWS:
            summary.add_row(self.labels(row.key), Text(row.show(score.summary, self.labels)))
        self.query_one("#summary", Static).update(summary)

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
