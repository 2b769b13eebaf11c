"""The debrief as a terminal table, JSON, CSV or Markdown; one session or several compared.

The table and Markdown are read by people: they speak the scenario's language (or the one
asked for). JSON and CSV are read by programs: their field names stay English and fixed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from simulator.cells import markdown_text, protect_cell
from simulator.scoring.aar import (
    EXPECTATION_COLUMNS,
    NO_NAME,
    SUMMARY_ROWS,
    Block,
    Cell,
    Facts,
    Grid,
    Items,
    Para,
    Part,
    SummaryRow,
    after_action,
    duration_text,
    expectation_cells,
    offset_text,
    plain,
)
from simulator.scoring.labels import Labels, report_labels
from simulator.scoring.metrics import Score

__all__ = [
    "BOM",
    "EXPECTATION_COLUMNS",
    "NO_NAME",
    "SUMMARY_ROWS",
    "SummaryRow",
    "duration_text",
    "expectation_cells",
    "offset_text",
    "to_csv",
    "to_json",
    "to_markdown",
    "to_table",
]

BOM = "\ufeff"


def _labels(scores: list[Score], language: str | None) -> Labels:
    """The language asked for, else the scenario's (sessions compared share one)."""
    return report_labels(language, scores[0].scenario.language)


def to_json(scores: list[Score]) -> str:
    """One object for one session; a list for several."""
    data: Any = [s.as_json() for s in scores]
    return json.dumps(data[0] if len(scores) == 1 else data, ensure_ascii=False, indent=2)


def to_csv(scores: list[Score]) -> str:
    """One row per expectation (and session), BOM first for spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(
        [
            "session",
            "scenario",
            "inject",
            "do",
            "delivered",
            "deadline",
            "responded",
            "response_time",
            "status",
            "points",
            "objective",
            "earned",
            "missing",
            "breach",
            "breach_reason",
        ]
    )
    for score in scores:
        for e in score.expectations:
            texts = [str(score.path), score.scenario.id, e.inject, "/".join(e.do)]
            writer.writerow(
                [
                    *map(protect_cell, texts),
                    e.delivered,
                    e.deadline,
                    _csv(e.responded),
                    _csv(e.response_time),
                    protect_cell(e.status),
                    f"{e.points:g}",
                    protect_cell(e.objective or ""),
                    f"{e.earned:g}",
                    protect_cell("; ".join(e.missing)),
                    protect_cell(e.breach or ""),
                    protect_cell(e.breach_reason or ""),
                ]
            )
    return BOM + buf.getvalue()


def _csv(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(markdown_text(h) for h in headers) + " |",
        "|" + "---|" * len(headers),
    ]
    lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
    return lines


def _cell_text(cell: Cell, t: Labels) -> str:
    """A cell on one line: its words, and the quoted item beside them."""
    return (
        f"{cell.text} {t('quoted', text=' '.join(cell.note.split()))}" if cell.note else cell.text
    )


def _md_blocks(blocks: list[Block], t: Labels, level: int) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Facts):
            lines += [
                f"- **{markdown_text(label)}**: {markdown_text(_cell_text(v, t))}"
                for label, v in block.rows
            ]
        elif isinstance(block, Grid):
            lines += _md_table(block.headers, [[_cell_text(c, t) for c in r] for r in block.rows])
        elif isinstance(block, Items):
            lines += [f"- {markdown_text(_cell_text(c, t))}" for c in block.items]
        elif isinstance(block, Para):
            lines.append(
                f"_{markdown_text(block.text)}_" if block.note else markdown_text(block.text)
            )
        elif isinstance(block, Part):
            lines += [f"{'#' * level} {markdown_text(block.heading)}", ""]
            lines += _md_blocks(block.blocks, t, level + 1)
            continue
        lines.append("")
    return lines


def to_markdown(scores: list[Score], language: str | None = None) -> str:
    """The after-action report for a wiki page, in ``language`` (default: the
    scenario's)."""
    t = _labels(scores, language)
    first = scores[0]
    lines = [f"# {markdown_text(t('debrief.title', title=first.scenario.title))}", ""]
    for section in after_action(scores, t):
        lines += [f"## {markdown_text(section.heading)}", ""]
        lines += _md_blocks(section.blocks, t, 3)
    return plain("\n".join(lines)).rstrip("\n") + "\n"


# The terminal's colours for an outcome.
_STYLES = {
    "met": "green",
    "late": "yellow",
    "missed": "red",
    "breach": "red",
    "finding": "red",
    "not_reached": "dim",
    "open": "dim",
    "interrupted": "yellow",
}


def _rich_blocks(blocks: list[Block], t: Labels, depth: int) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    def text(cell: Cell) -> Text:
        shown = Text(plain(cell.text), style=_STYLES.get(cell.status or "", ""))
        if cell.note:
            shown.append(" " + t("quoted", text=" ".join(cell.note.split())), style="dim")
        return shown

    parts: list[Any] = []
    for block in blocks:
        if isinstance(block, Facts):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column()
            for label, value in block.rows:
                grid.add_row(label, text(value))
            parts.append(grid)
        elif isinstance(block, Grid):
            table = Table(expand=True, box=box.SQUARE, show_lines=block.blank)
            for n, header in enumerate(block.headers):
                # the columns to write in by hand keep room for it
                table.add_column(
                    header, overflow="fold", min_width=14 if block.blank and n else None
                )
            for row in block.rows:
                table.add_row(*[text(c) for c in row])
            parts.append(table)
        elif isinstance(block, Items):
            for cell in block.items:
                item = Text("  • ")
                item.append_text(text(cell))
                parts.append(item)
        elif isinstance(block, Para):
            parts.append(Text(plain(block.text), style="dim" if block.note else ""))
        elif isinstance(block, Part):
            parts.append(
                Text(plain(block.heading), style="bold underline" if depth == 0 else "bold")
            )
            parts += _rich_blocks(block.blocks, t, depth + 1)
    return parts


def to_table(scores: list[Score], language: str | None = None) -> Any:
    """The after-action report as rich renderables for the terminal, in ``language``
    (default: the scenario's)."""
    from rich.console import Group
    from rich.text import Text

    t = _labels(scores, language)
    first = scores[0]
    parts: list[Any] = [Text(t("debrief.title", title=first.scenario.title), style="bold")]
    for section in after_action(scores, t):
        parts += [Text(""), Text(section.heading, style="bold reverse")]
        parts += _rich_blocks(section.blocks, t, 0)
    return Group(*parts)
