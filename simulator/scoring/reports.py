"""The debrief as a terminal table, JSON, CSV or Markdown; one session or several compared."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from simulator.scoring.metrics import Score

BOM = "\ufeff"


def duration_text(seconds: float | None) -> str:
    """mm:ss (or h:mm:ss), '—' when undefined."""
    if seconds is None:
        return "—"
    total = round(seconds)
    sign = "-" if total < 0 else ""
    h, rest = divmod(abs(total), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m:02d}:{s:02d}"


def offset_text(seconds: float | None) -> str:
    """T+mm:ss, '—' when undefined."""
    return "—" if seconds is None else "T+" + duration_text(seconds)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def _plain(value: Any) -> str:
    return "—" if value is None else str(value)


# Each summary row: label and how to show it from a summary dict.
SUMMARY_ROWS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("score (0-100)", lambda s: _plain(s["score"])),
    ("met / late / missed", lambda s: f"{s['met']} / {s['late']} / {s['missed']}"),
    ("on time", lambda s: _ratio(s["on_time_rate"])),
    ("response time median / p90 / max",
     lambda s: " / ".join(duration_text(s[k]) for k in (
         "median_response_time", "p90_response_time", "max_response_time"))),
    ("response time in real time, median / p90 / max",
     lambda s: " / ".join(duration_text(s[k]) for k in (
         "median_response_wall", "p90_response_wall", "max_response_wall"))),
    ("first public statement (target)",
     lambda s: f"{offset_text(s['first_statement'])} ({offset_text(s['first_statement_target'])})"),
    ("press answered on time", lambda s: f"{s['press_answered_on_time']} of {s['press_total']}"),
    ("flag precision / recall / F1 (misleading)",
     lambda s: " / ".join(_ratio(s[k]) for k in ("flag_precision", "flag_recall", "flag_f1"))),
    ("rumour exposure (views)", lambda s: f"{s['rumour_exposure']:,}"),
    ("sensitive items hidden", lambda s: f"{s['sensitive_hidden']} of {s['sensitive_total']}"),
    ("longest a sensitive item stayed up", lambda s: duration_text(s["sensitive_max_exposed"])),
    ("guideline findings", lambda s: str(s["guideline_findings"])),
    ("actions per team member",
     lambda s: ", ".join(f"{k}: {v}" for k, v in s["actions_by_member"].items()) or "—"),
]

EXPECTATION_HEADERS = ["inject", "do", "delivered", "deadline", "responded", "response",
                       "status", "pts"]


def _expectation_cells(score: Score) -> list[list[str]]:
    return [[e.inject, "/".join(e.do), offset_text(e.delivered), offset_text(e.deadline),
             offset_text(e.responded), duration_text(e.response_time), e.status,
             f"{e.points:g}"] for e in score.expectations]


def _session_name(score: Score) -> str:
    state = "" if score.complete else " (interrupted)"
    return f"{score.path}{state}"


def _compared_rows(scores: list[Score]) -> tuple[list[str], list[list[str]]]:
    """Per expectation, one status column per session."""
    keys: dict[tuple[str, int], list[str]] = {}
    order: list[tuple[str, int]] = []
    for n, score in enumerate(scores):
        for e in score.expectations:
            key = (e.inject, e.index)
            if key not in keys:
                keys[key] = ["/".join(e.do)] + ["—"] * len(scores)
                order.append(key)
            response = "" if e.response_time is None else f" {duration_text(e.response_time)}"
            keys[key][n + 1] = e.status + response
    headers = ["inject", "do"] + [f"#{n + 1}" for n in range(len(scores))]
    return headers, [[key[0], *keys[key]] for key in order]


def to_json(scores: list[Score]) -> str:
    """One object for one session; a list for several."""
    data: Any = [s.as_json() for s in scores]
    return json.dumps(data[0] if len(scores) == 1 else data, ensure_ascii=False, indent=2)


def to_csv(scores: list[Score]) -> str:
    """One row per expectation (and session), BOM first for spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["session", "scenario", "inject", "do", "delivered", "deadline",
                     "responded", "response_time", "status", "points"])
    for score in scores:
        for e in score.expectations:
            writer.writerow([score.path, score.scenario.id, e.inject, "/".join(e.do),
                             e.delivered, e.deadline, _csv(e.responded),
                             _csv(e.response_time), e.status, f"{e.points:g}"])
    return BOM + buf.getvalue()


def _csv(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def to_markdown(scores: list[Score]) -> str:
    """The debrief for a wiki page."""
    first = scores[0]
    lines = [f"# Debrief: {_md_cell(first.scenario.title)}", ""]
    for n, score in enumerate(scores, start=1):
        lines.append(f"- #{n}: `{_md_cell(_session_name(score))}`, seed {score.seed}")
    lines += ["", "## Summary", ""]
    lines += _md_table(["figure"] + [f"#{n}" for n in range(1, len(scores) + 1)],
                       [[label] + [show(s.summary) for s in scores]
                        for label, show in SUMMARY_ROWS])
    lines += ["", "## Expectations", ""]
    if len(scores) == 1:
        lines += _md_table(EXPECTATION_HEADERS, _expectation_cells(first))
    else:
        lines += _md_table(*_compared_rows(scores))
    findings = [(n, f) for n, s in enumerate(scores, start=1) for f in s.findings]
    if findings:
        lines += ["", "## Guideline findings", ""]
        lines += [f"- #{n} {offset_text(f['t'])} {f['action']}: {f['rule']} "
                  f"\u201c{_md_cell(str(f['match']))}\u201d" for n, f in findings]
    return "\n".join(lines) + "\n"


def to_table(scores: list[Score]) -> Any:
    """Rich renderables for the terminal."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    first = scores[0]
    parts: list[Any] = [Text(f"Debrief: {first.scenario.title}", style="bold")]
    for n, score in enumerate(scores, start=1):
        parts.append(Text(f"#{n}: {_session_name(score)}  (seed {score.seed})",
                          style="" if score.complete else "yellow"))
    if len(scores) == 1:
        table = Table(title="Expectations", expand=True, box=box.SQUARE, padding=(0, 0),
                      collapse_padding=True)
        # Times never break; the ids and actions share what is left.
        fixed = {"delivered": 9, "deadline": 9, "responded": 9, "response": 8, "status": 6,
                 "pts": 3}
        for header in EXPECTATION_HEADERS:
            table.add_column(header, overflow="fold", width=fixed.get(header),
                             ratio=None if header in fixed else 2, no_wrap=header in fixed)
        style = {"met": "green", "late": "yellow", "missed": "red"}
        for cells in _expectation_cells(first):
            table.add_row(*[Text(c, style=style.get(c, "")) for c in cells])
    else:
        headers, rows = _compared_rows(scores)
        table = Table(title="Expectations, side by side", expand=True)
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*[Text(c) for c in row])
    parts.append(table)
    summary = Table(title="Summary", expand=True)
    summary.add_column("figure")
    for n in range(1, len(scores) + 1):
        summary.add_column(f"#{n}")
    for label, show in SUMMARY_ROWS:
        summary.add_row(label, *[Text(show(s.summary)) for s in scores])
    parts.append(summary)
    findings = [(n, f) for n, s in enumerate(scores, start=1) for f in s.findings]
    if findings:
        listing = Text("Guideline findings\n", style="bold")
        for n, f in findings:
            listing.append(f"  #{n} {offset_text(f['t'])} {f['action']}: {f['rule']} ")
            listing.append(f"\u201c{f['match']}\u201d\n")
        parts.append(listing)
    return Group(*parts)
