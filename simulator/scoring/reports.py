"""The debrief as a terminal table, JSON, CSV or Markdown; one session or several compared.

The table and Markdown are read by people: they speak the scenario's language (or the one
asked for). JSON and CSV are read by programs: their field names stay English and fixed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.cells import markdown_text, protect_cell
from simulator.scenario.durations import format_offset, format_span
from simulator.scoring.labels import Labels, report_labels
from simulator.scoring.metrics import Score

BOM = "\ufeff"


def duration_text(seconds: float | None) -> str:
    """mm:ss (or h:mm:ss), '—' when undefined."""
    return "—" if seconds is None else format_span(seconds)


def offset_text(seconds: float | None) -> str:
    """T+mm:ss, '—' when undefined."""
    return "—" if seconds is None else format_offset(seconds)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def _plain(value: float | None, labels: Labels) -> str:
    return "—" if value is None else labels.number(value)


def _first_statement(s: dict[str, Any], labels: Labels) -> str:
    shown = offset_text(s["first_statement"])
    target = s.get("first_statement_target")
    if target is None:
        return labels("value.no_target", time=shown)
    verdict = s.get("first_statement_on_time")
    if verdict is None:
        return labels("value.target", time=shown, target=offset_text(target))
    return labels(
        "value.target_verdict",
        time=shown,
        target=offset_text(target),
        verdict=labels("value.on_time" if verdict else "value.not_on_time"),
    )


NO_NAME = "(no name)"  # how scoring counts the actions of a console where nobody gave a name


def _members(s: dict[str, Any], labels: Labels) -> list[str]:
    return [
        f"{labels('value.no_name') if name == NO_NAME else name}: {count}"
        for name, count in s["actions_by_member"].items()
    ]


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One figure of the summary: the key of its label, and how to show it."""

    key: str
    show: Callable[[dict[str, Any], Labels], str]
    # One entry per line, for a page that can list them rather than run them together.
    items: Callable[[dict[str, Any], Labels], list[str]] | None = None


# The summary every debrief shows (terminal, Markdown, HTML, the console's after-action
# screen), in this order.
SUMMARY_ROWS: tuple[SummaryRow, ...] = (
    SummaryRow("summary.score", lambda s, t: _plain(s["score"], t)),
    SummaryRow("summary.outcome", lambda s, t: f"{s['met']} / {s['late']} / {s['missed']}"),
    SummaryRow("summary.on_time", lambda s, t: _ratio(s["on_time_rate"])),
    SummaryRow(
        "summary.response",
        lambda s, t: " / ".join(
            duration_text(s.get(k))
            for k in ("median_response_time", "p90_response_time", "max_response_time")
        ),
    ),
    SummaryRow(
        "summary.response_wall",
        lambda s, t: " / ".join(
            duration_text(s.get(k))
            for k in ("median_response_wall", "p90_response_wall", "max_response_wall")
        ),
    ),
    SummaryRow("summary.first_statement", _first_statement),
    SummaryRow(
        "summary.press",
        lambda s, t: t("value.of", count=s["press_answered_on_time"], total=s["press_total"]),
    ),
    SummaryRow(
        "summary.flags",
        lambda s, t: " / ".join(_ratio(s[k]) for k in ("flag_precision", "flag_recall", "flag_f1")),
    ),
    SummaryRow("summary.exposure", lambda s, t: t.number(round(s["rumour_exposure"]))),
    SummaryRow(
        "summary.sensitive",
        lambda s, t: t("value.of", count=s["sensitive_hidden"], total=s["sensitive_total"]),
    ),
    SummaryRow("summary.sensitive_up", lambda s, t: duration_text(s["sensitive_max_exposed"])),
    SummaryRow("summary.findings", lambda s, t: str(s["guideline_findings"])),
    SummaryRow("summary.members", lambda s, t: ", ".join(_members(s, t)) or "—", _members),
)

EXPECTATION_COLUMNS = (
    "inject",
    "do",
    "delivered",
    "deadline",
    "responded",
    "response",
    "status",
    "pts",
)


def _labels(scores: list[Score], language: str | None) -> Labels:
    """The language asked for, else the scenario's (sessions compared share one)."""
    return report_labels(language, scores[0].scenario.language)


def expectation_cells(score: Score, labels: Labels) -> list[list[str]]:
    """One row per expectation, under :data:`EXPECTATION_COLUMNS`, as every report and the
    after-action screen show it."""
    return [
        [
            e.inject,
            labels.actions(e.do),
            offset_text(e.delivered),
            offset_text(e.deadline),
            offset_text(e.responded),
            duration_text(e.response_time),
            labels.status(e.status),
            f"{e.points:g}",
        ]
        for e in score.expectations
    ]


def _session_name(score: Score, labels: Labels) -> str:
    state = "" if score.complete else f" ({labels('interrupted')})"
    return f"{score.path}{state}"


def _compared_rows(scores: list[Score], labels: Labels) -> tuple[list[str], list[list[str]]]:
    """Per expectation, one status column per session."""
    keys: dict[tuple[str, int], list[str]] = {}
    order: list[tuple[str, int]] = []
    for n, score in enumerate(scores):
        for e in score.expectations:
            key = (e.inject, e.index)
            if key not in keys:
                keys[key] = [labels.actions(e.do)] + ["—"] * len(scores)
                order.append(key)
            response = "" if e.response_time is None else f" {duration_text(e.response_time)}"
            keys[key][n + 1] = labels.status(e.status) + response
    headers = [labels("col.inject"), labels("col.do")] + [f"#{n + 1}" for n in range(len(scores))]
    return headers, [[key[0], *keys[key]] for key in order]


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


def to_markdown(scores: list[Score], language: str | None = None) -> str:
    """The debrief for a wiki page, in ``language`` (default: the scenario's)."""
    t = _labels(scores, language)
    first = scores[0]
    lines = [f"# {markdown_text(t('debrief.title', title=first.scenario.title))}", ""]
    for n, score in enumerate(scores, start=1):
        lines.append(f"- #{n}: {markdown_text(_session_name(score, t))}, {t('seed')} {score.seed}")
    lines += ["", f"## {t('summary')}", ""]
    lines += _md_table(
        [t("figure")] + [f"#{n}" for n in range(1, len(scores) + 1)],
        [[t(row.key)] + [row.show(s.summary, t) for s in scores] for row in SUMMARY_ROWS],
    )
    lines += ["", f"## {t('expectations')}", ""]
    if len(scores) == 1:
        lines += _md_table(
            [t(f"col.{c}") for c in EXPECTATION_COLUMNS], expectation_cells(first, t)
        )
    else:
        lines += _md_table(*_compared_rows(scores, t))
    findings = [(n, f) for n, s in enumerate(scores, start=1) for f in s.findings]
    if findings:
        lines += ["", f"## {t('findings')}", ""]
        lines += [
            f"- #{n} {offset_text(f['t'])} {markdown_text(t.action(str(f['action'])))}: "
            f"{markdown_text(t.rule(str(f['kind'])))}: "
            f"{t('quoted', text=markdown_text(str(f['text'])))}"
            for n, f in findings
        ]
    return "\n".join(lines) + "\n"


def to_table(scores: list[Score], language: str | None = None) -> Any:
    """Rich renderables for the terminal, in ``language`` (default: the scenario's)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    t = _labels(scores, language)
    first = scores[0]
    parts: list[Any] = [Text(t("debrief.title", title=first.scenario.title), style="bold")]
    for n, score in enumerate(scores, start=1):
        parts.append(
            Text(
                f"#{n}: {_session_name(score, t)}  ({t('seed')} {score.seed})",
                style="" if score.complete else "yellow",
            )
        )
    if len(scores) == 1:
        table = Table(
            title=t("expectations"),
            expand=True,
            box=box.SQUARE,
            padding=(0, 0),
            collapse_padding=True,
        )
        # Times never break; the ids and actions share what is left. Status and points are
        # as wide as their longest word in the report's language: "ikke innfridd" takes
        # two lines rather than the room of the ids.
        words = [
            w
            for key in ("col.status", "status.met", "status.late", "status.missed", "status.open")
            for w in t(key).split()
        ]
        fixed = {
            "delivered": 9,
            "deadline": 9,
            "responded": 9,
            "response": 8,
            "status": max(map(len, words)),
            "pts": max(len(t("col.pts")), 3),
        }
        for column in EXPECTATION_COLUMNS:
            table.add_column(
                t(f"col.{column}"),
                overflow="fold",
                width=fixed.get(column),
                ratio=None if column in fixed else 2,
                no_wrap=column in fixed and column != "status",
            )
        style = {t.status("met"): "green", t.status("late"): "yellow", t.status("missed"): "red"}
        for cells in expectation_cells(first, t):
            table.add_row(*[Text(c, style=style.get(c, "")) for c in cells])
    else:
        headers, rows = _compared_rows(scores, t)
        table = Table(title=t("expectations.compared"), expand=True)
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*[Text(c) for c in row])
    parts.append(table)
    summary = Table(title=t("summary"), expand=True)
    summary.add_column(t("figure"))
    for n in range(1, len(scores) + 1):
        summary.add_column(f"#{n}")
    for summary_row in SUMMARY_ROWS:
        summary.add_row(t(summary_row.key), *[Text(summary_row.show(s.summary, t)) for s in scores])
    parts.append(summary)
    findings = [(n, f) for n, s in enumerate(scores, start=1) for f in s.findings]
    if findings:
        listing = Text(t("findings") + "\n", style="bold")
        for n, f in findings:
            listing.append(
                f"  #{n} {offset_text(f['t'])} {t.action(str(f['action']))}: "
                f"{t.rule(str(f['kind']))}: "
            )
            listing.append(t("quoted", text=f["text"]) + "\n")
        parts.append(listing)
    return Group(*parts)
