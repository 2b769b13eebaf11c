"""The after-action report as one self-contained HTML file: its seven sections, with the
timeline and the rumours' reach drawn as charts.

Nothing is loaded from the network and no script runs: the styles sit in the page and the
charts are inline SVG. Every number of a chart is computed here; the template only places
it. Every text that comes from the scenario or the team goes through Jinja's autoescaping,
in the tables and inside the SVG alike, and is never marked safe. The page's own words come
from the report labels, in the scenario's language unless another is asked for; they are
escaped like the rest.
"""

from __future__ import annotations

import math
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

import simulator
from simulator.scoring.aar import (
    after_action,
    duration_text,
    fragments,
    offset_text,
    summary_rows,
)
from simulator.scoring.labels import Labels, report_labels
from simulator.scoring.metrics import ExpectationResult, RumourCurve, Score

MAX_RUMOURS = 12  # curves drawn per session; the rest are counted, not drawn
SNIPPET = 140  # characters of an inject's text shown beside its id

# The drawing area of every chart, in SVG user units; the page scales it to its width.
WIDTH = 1100
LEFT = 250  # room for the row labels of the timeline and the view counts of the rumours
RIGHT = 48  # room for the numbers at the ends of the rumour curves
ROW = 17
LANE = 22
AXIS = 44  # below the plot: tick labels and the axis title
BAND = 18  # above the plot of an interrupted session: where it stopped

STATUS_COLOURS = {
    "met": "#1a7f37",
    "late": "#b35c00",
    "missed": "#c62828",
    "breach": "#7b1fa2",
    "not_reached": "#8a8f98",
}
CHANNEL_COLOURS = {
    "social": "#2f6fb3",
    "press": "#8e44ad",
    "news": "#0f8a8a",
    "internal": "#6b6b6b",
}
ACTION_COLOUR = "#333333"
PALETTE = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
    "#393b79",
    "#ad494a",
]


def _environment() -> Environment:
    # PackageLoader finds templates/ beside this module, in a checkout and in an install.
    return Environment(
        loader=PackageLoader("simulator.scoring", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(scores: list[Score], language: str | None = None) -> str:
    """The debrief of one session, or of several sessions of one scenario side by side,
    in ``language`` (default: the scenario's)."""
    if not scores:
        raise ValueError("render_html needs at least one scored session")
    template = _environment().get_template("report.html.j2")
    return template.render(**_context(scores, report_labels(language, scores[0].scenario.language)))


# --- text -----------------------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(value: Any) -> str:
    return "—" if value is None else str(value)


def _number(value: float | None, t: Labels) -> str:
    return "—" if value is None else t.number(value)


def _minutes_label(seconds: float) -> str:
    return f"T+{round(seconds / 60)}"


class _Injects:
    """Who sent each scripted and ad-hoc item and what it said, as the log says it was
    delivered (the first session that delivered it, when sessions are compared): the
    debrief quotes what the team saw, never the scenario's template."""

    def __init__(self, scores: list[Score]) -> None:
        self.by_id: dict[str, tuple[str, str]] = {}
        for score in scores:
            for item, said in score.said.items():
                self.by_id.setdefault(item, said)

    def author(self, item: str) -> str:
        found = self.by_id.get(item)
        return found[0] if found else ""

    def text(self, item: str) -> str:
        found = self.by_id.get(item)
        return found[1] if found else ""


# --- summary --------------------------------------------------------------------------


def _summary_rows(scores: list[Score], t: Labels) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for row in summary_rows([s.summary for s in scores]):
        if row.items is not None:
            rows.append({"label": t(row.key), "lists": [row.items(s.summary, t) for s in scores]})
        else:
            rows.append({"label": t(row.key), "cells": [row.show(s.summary, t) for s in scores]})
    return rows


# --- scales ---------------------------------------------------------------------------


def _time_domain(scores: list[Score]) -> tuple[float, float]:
    """(end of the axis, tick step), both in seconds, shared by every session's charts."""
    latest = max(
        max(
            float(s.scenario.duration),
            s.end,
            *(e.deadline for e in s.expectations),
            *(e.responded or 0.0 for e in s.expectations),
        )
        for s in scores
    )
    latest = max(latest, 60.0)
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 240):
        if latest / (step * 60) <= 12:
            break
    step_s = step * 60.0
    return math.ceil(latest / step_s) * step_s, step_s


class _TimeAxis:
    """Scenario seconds to x, the same for every chart and session of one report."""

    def __init__(self, t_max: float, step: float, labels: Labels) -> None:
        self.t_max = t_max
        self.step = step
        self.labels = labels
        self.plot_width = WIDTH - LEFT - RIGHT

    def x(self, t: float) -> float:
        return round(LEFT + self.plot_width * min(max(t, 0.0), self.t_max) / self.t_max, 1)

    def drawn(self, top: float, bottom: float) -> dict[str, Any]:
        """Grid lines from ``top``, the axis line at ``bottom``, tick labels and title."""
        count = round(self.t_max / self.step)
        ticks = [
            {"x": self.x(k * self.step), "label": _minutes_label(k * self.step)}
            for k in range(count + 1)
        ]
        return {
            "ticks": ticks,
            "top": top,
            "y": bottom,
            "mark_y": bottom + 5,
            "label_y": bottom + 18,
            "title_y": bottom + 36,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "title_x": (LEFT + WIDTH - RIGHT) / 2,
            "title": self.labels("html.axis.minutes"),
        }

    def interrupted(self, score: Score, top: float, bottom: float) -> dict[str, Any] | None:
        """A dashed line where an interrupted session stops, labelled on its roomier side."""
        if score.complete:
            return None
        x = self.x(score.end)
        left_side = x > WIDTH - RIGHT - 190
        # the label sits in the band reserved above the plot (see _top), clear of the data
        return {
            "x": x,
            "top": top - BAND + 4,
            "bottom": bottom,
            "label_y": top - 7,
            "label_x": x - 5 if left_side else x + 5,
            "anchor": "end" if left_side else "start",
            "label": self.labels("html.interrupted_at", time=offset_text(score.end)),
        }


# --- timeline -------------------------------------------------------------------------


def _marker(shape: str, x: float, y: float, size: float = 4.5) -> dict[str, Any]:
    """A response marker: a circle when met, a diamond when late, a cross when missed, so
    the status reads without colour too."""
    r = size
    if shape == "met":
        return {"shape": "circle", "x": x, "y": y, "r": r}
    if shape == "late":
        d = round(r * 1.3, 1)
        return {
            "shape": "path",
            "d": f"M{x},{round(y - d, 1)} L{round(x + d, 1)},{y} "
            f"L{x},{round(y + d, 1)} L{round(x - d, 1)},{y} Z",
        }
    return {
        "shape": "cross",
        "d": f"M{round(x - r, 1)},{round(y - r, 1)} "
        f"L{round(x + r, 1)},{round(y + r, 1)} "
        f"M{round(x - r, 1)},{round(y + r, 1)} "
        f"L{round(x + r, 1)},{round(y - r, 1)}",
    }


def _row_label(e: ExpectationResult, t: Labels) -> str:
    return _shorten(f"{e.inject} · {t.actions(e.do)}", 38)


def _expectation_title(e: ExpectationResult, t: Labels) -> str:
    answer = (
        t(
            "html.expectation.answer",
            time=offset_text(e.responded),
            wait=duration_text(e.response_time),
        )
        if e.responded is not None
        else t("html.expectation.no_answer")
    )
    return t(
        "html.expectation.title",
        inject=e.inject,
        do=t.actions(e.do),
        delivered=offset_text(e.delivered),
        deadline=offset_text(e.deadline),
        answer=answer,
        status=t.status(e.status),
    )


def _top(score: Score, margin: float) -> float:
    """Where a chart's plot starts: lower for an interrupted session, to make room for the
    'interrupted at' label above the data."""
    return margin + (0.0 if score.complete else BAND)


def _lane(y: float, label: str) -> dict[str, Any]:
    return {"label": label, "label_y": y + 15, "y1": y + 3, "y2": y + LANE - 3}


def _timeline(score: Score, axis: _TimeAxis) -> dict[str, Any]:
    t = axis.labels
    top = _top(score, 8.0)
    deliveries = _lane(top, t("html.lane.deliveries"))
    actions = _lane(top + LANE, t("html.lane.actions"))
    separator = top + 2 * LANE + 4
    rows_top = separator + 6
    rows = []
    for n, e in enumerate(score.expectations):
        y = rows_top + n * ROW
        mid = round(y + ROW / 2, 1)
        x0, x1 = axis.x(e.delivered), axis.x(e.deadline)
        row: dict[str, Any] = {
            "y": y,
            "height": ROW,
            "mid": mid,
            "text_y": round(mid + 4, 1),
            "label": _row_label(e, t),
            "title": _expectation_title(e, t),
            "bar_x": x0,
            "bar_w": round(max(x1 - x0, 1.5), 1),
            "bar_y": round(mid - 4, 1),
            "bar_h": 8,
            "deadline_x": x1,
            "deadline_y1": round(mid - 6, 1),
            "deadline_y2": round(mid + 6, 1),
            "status": e.status,
            "colour": STATUS_COLOURS.get(e.status, "#555"),
            "stripe": n % 2 == 1,
            "marker": None,
            "late_line": None,
        }
        if e.responded is not None:
            mx = axis.x(e.responded)
            row["marker"] = _marker(e.status, mx, mid)
            if mx > x1:
                row["late_line"] = {"x1": x1, "x2": mx}
        elif e.status == "missed":
            row["marker"] = _marker("missed", x1, mid)
        rows.append(row)
    bottom = rows_top + max(len(rows), 1) * ROW + 6
    return {
        "height": bottom + AXIS,
        "axis": axis.drawn(top, bottom),
        "label_x": LEFT - 8,
        "note_x": LEFT + 6,
        "stripe_w": WIDTH - RIGHT,
        "deliveries_lane": deliveries,
        "actions_lane": actions,
        "separator_y": separator,
        "empty_y": rows_top + 12,
        "deliveries": [
            {
                "x": axis.x(at),
                "colour": CHANNEL_COLOURS.get(channel, "#555"),
                "title": f"{offset_text(at)} {item} ({t.channel(channel)})",
            }
            for at, item, channel in score.deliveries
        ],
        "actions": [
            {
                "x": axis.x(at),
                "colour": ACTION_COLOUR,
                "title": f"{offset_text(at)} {t.action(action)}"
                + (f" → {', '.join(targets)}" if targets else ""),
            }
            for at, action, targets in score.actions
        ],
        "rows": rows,
        "empty": not score.expectations,
        "end": axis.interrupted(score, top, bottom),
    }


# --- rumour reach ---------------------------------------------------------------------


def _shown_rumours(score: Score) -> list[RumourCurve]:
    """The MAX_RUMOURS misleading items with the most views, and every one the team
    corrected: those are what the debrief talks about, however far they spread."""
    ranked = sorted(score.rumours, key=lambda r: (-r.final_views, r.delivered, r.item))
    top = ranked[:MAX_RUMOURS]
    return top + [r for r in ranked[MAX_RUMOURS:] if r.corrected is not None]


def _curve_times(rumour: RumourCurve, end: float, step: float) -> list[float]:
    """Sample times: a regular grid, the delivery, the correction and the end, and a few
    close after the delivery, where a curve climbs fastest on a logarithmic axis."""
    times = {rumour.delivered, end}
    times.update(rumour.delivered + 2.0**k for k in range(8))
    if rumour.corrected is not None:
        times.add(rumour.corrected)
    k = math.ceil(rumour.delivered / step)
    while k * step < end:
        times.add(k * step)
        k += 1
    return sorted(t for t in times if rumour.delivered <= t <= end)


def _log_top(value: float) -> int:
    """The decade at the top of the views axis: 10**n at or above ``value``."""
    return max(2, math.ceil(math.log10(max(value, 1.0)) - 1e-9))


def _spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions near ``wanted`` (sorted), at least ``gap`` apart, within [low, high]."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else max(y, low))
    overflow = placed[-1] - high if placed else 0
    if overflow > 0:
        placed = [y - overflow for y in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    return [round(y, 1) for y in placed]


def _curve_styles(scores: list[Score]) -> dict[str, dict[str, Any]]:
    """A number, colour and dash per drawn item, the same in every session compared."""
    most: dict[str, int] = {}
    for score in scores:
        for r in _shown_rumours(score):
            most[r.item] = max(most.get(r.item, 0), r.final_views)
    ranked = sorted(most, key=lambda item: (-most[item], item))
    return {
        item: {
            "number": n + 1,
            "colour": PALETTE[n % len(PALETTE)],
            "dash": ("", "7 3", "2 3")[(n % 2) + (n >= len(PALETTE))],
        }
        for n, item in enumerate(ranked)
    }


def _rumour_chart(
    score: Score,
    axis: _TimeAxis,
    decades: int,
    injects: _Injects,
    styles: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    t = axis.labels

    def views_text(value: float) -> str:
        return t.number(round(value))

    top, height = _top(score, 14.0), 300.0
    bottom = top + height

    def y(views: float) -> float:
        # logarithmic: 1 view (or none) at the bottom, 10**decades at the top
        return round(bottom - height * math.log10(max(views, 1.0)) / decades, 1)

    sample = axis.t_max / 240  # about four user units between samples
    curves = []
    for rumour in _shown_rumours(score):
        style = styles[rumour.item]
        points = [(axis.x(t), y(rumour.views(t))) for t in _curve_times(rumour, score.end, sample)]
        correction = None
        if rumour.corrected is not None and rumour.corrected <= score.end:
            at = rumour.views(rumour.corrected)
            correction = {
                "x": axis.x(rumour.corrected),
                "y": y(at),
                "r": 5,
                "title": t(
                    "html.rumours.correction",
                    item=rumour.item,
                    time=offset_text(rumour.corrected),
                    views=views_text(at),
                ),
            }
        curves.append(
            {
                **style,
                "points": " ".join(f"{px},{py}" for px, py in points),
                "end_x": points[-1][0],
                "end_y": points[-1][1],
                "title": t(
                    "html.rumours.curve",
                    number=style["number"],
                    item=rumour.item,
                    views=views_text(rumour.final_views),
                ),
                "correction": correction,
                "item": rumour.item,
                "author": injects.author(rumour.item),
                "text": _shorten(injects.text(rumour.item), 90),
                "delivered": offset_text(rumour.delivered),
                "corrected": offset_text(rumour.corrected)
                if rumour.corrected is not None
                else None,
                "views": views_text(rumour.final_views),
            }
        )
    # number each curve at its end, spread out so the numbers never sit on each other
    order = sorted(curves, key=lambda c: c["end_y"])
    for curve, label_y in zip(
        order, _spread([c["end_y"] for c in order], 11.0, top + 4, bottom), strict=True
    ):
        curve["label"] = {
            "x": round(curve["end_x"] + 16, 1),
            "y": round(label_y + 4, 1),
            "leader_x1": round(curve["end_x"] + 2, 1),
            "leader_x2": round(curve["end_x"] + 14, 1),
            "leader_y": label_y,
        }
    y_ticks = [
        {"y": y(10**k), "text_y": y(10**k) + 4, "label": views_text(10**k)}
        for k in range(decades + 1)
    ]
    shown = {r.item for r in _shown_rumours(score)}
    omitted = [r for r in score.rumours if r.item not in shown]
    return {
        "height": bottom + AXIS,
        "axis": axis.drawn(top, bottom),
        "label_x": LEFT - 8,
        "curves": curves,
        "y_ticks": y_ticks,
        "y_title_x": LEFT - 78,
        "y_title_y": (top + bottom) / 2,
        "end": axis.interrupted(score, top, bottom),
        "total": len(score.rumours),
        "shown": len(curves),
        "omitted": len(omitted),
        "omitted_text": _omitted_text(score, len(curves), omitted, t),
    }


def _omitted_text(score: Score, shown: int, omitted: list[RumourCurve], t: Labels) -> str:
    """What the chart leaves out, and the corrected items it shows beyond the largest."""
    if not omitted:
        return ""
    text = t("html.rumours.omitted", total=len(score.rumours), shown=MAX_RUMOURS)
    if shown > MAX_RUMOURS:
        text += t("html.rumours.also_corrected", count=shown - MAX_RUMOURS)
    return text + t(
        "html.rumours.rest",
        count=len(omitted),
        views=t.number(round(sum(r.final_views for r in omitted))),
    )


# --- expectations ---------------------------------------------------------------------


def _expectation_rows(score: Score, injects: _Injects, t: Labels) -> list[dict[str, Any]]:
    return [
        {
            "inject": e.inject,
            "author": injects.author(e.inject),
            "text": _shorten(injects.text(e.inject), SNIPPET),
            "full": injects.text(e.inject),
            "do": t.actions(e.do, " / "),
            "delivered": offset_text(e.delivered),
            "deadline": offset_text(e.deadline),
            "responded": offset_text(e.responded),
            "response_time": duration_text(e.response_time),
            "status": e.status,
            "status_text": t.status(e.status),
            "points": f"{e.points:g}",
        }
        for e in score.expectations
    ]


def _compared_rows(scores: list[Score], injects: _Injects, t: Labels) -> list[dict[str, Any]]:
    """One row per expectation of any session; one cell per session ('not delivered')."""
    cells: dict[tuple[str, int], list[dict[str, Any] | None]] = {}
    first: dict[tuple[str, int], ExpectationResult] = {}
    for n, score in enumerate(scores):
        for e in score.expectations:
            key = (e.inject, e.index)
            cells.setdefault(key, [None] * len(scores))
            first.setdefault(key, e)
            cells[key][n] = {
                "status": e.status,
                "status_text": t.status(e.status),
                "response_time": duration_text(e.response_time),
                "delivered": offset_text(e.delivered),
                "deadline": offset_text(e.deadline),
                "responded": offset_text(e.responded),
            }
    order = sorted(cells, key=lambda k: (min(s.delivered for s in _all(scores, k)), k))
    return [
        {
            "inject": key[0],
            "author": injects.author(key[0]),
            "text": _shorten(injects.text(key[0]), SNIPPET),
            "full": injects.text(key[0]),
            "do": t.actions(first[key].do, " / "),
            "points": f"{first[key].points:g}",
            "cells": cells[key],
        }
        for key in order
    ]


def _all(scores: list[Score], key: tuple[str, int]) -> list[ExpectationResult]:
    return [e for s in scores for e in s.expectations if (e.inject, e.index) == key]


# --- the page -------------------------------------------------------------------------


def _context(scores: list[Score], t: Labels) -> dict[str, Any]:
    scenario = scores[0].scenario
    injects = _Injects(scores)
    t_max, step = _time_domain(scores)
    axis = _TimeAxis(t_max, step, t)
    decades = _log_top(max((r.final_views for s in scores for r in s.rumours), default=1))
    styles = _curve_styles(scores)
    sessions = []
    for n, score in enumerate(scores, start=1):
        sessions.append(
            {
                "number": n,
                "path": score.path,
                "seed": _plain(score.seed),
                "complete": score.complete,
                "end": offset_text(score.end),
                "score": _number(score.summary.get("score"), t),
                "timeline": _timeline(score, axis),
                "rumours": _rumour_chart(score, axis, decades, injects, styles)
                if score.rumours
                else None,
            }
        )
    return {
        # t: the page's own words; language: the scenario's, for the texts quoted from it
        "t": t,
        "page_language": t.language,
        "title": scenario.title,
        "scenario_id": scenario.id,
        "language": scenario.language,
        "duration": duration_text(float(scenario.duration)),
        "sessions": sessions,
        "compare": len(scores) > 1,
        "compare_columns": 3 + len(scores),
        "summary_rows": _summary_rows(scores, t),
        # the seven sections, worded once for every format; the page adds the charts
        "sections": after_action(scores, t),
        "fragments": fragments,
        "expectations": _expectation_rows(scores[0], injects, t) if len(scores) == 1 else None,
        "compared": _compared_rows(scores, injects, t) if len(scores) > 1 else None,
        "status_colours": STATUS_COLOURS,
        "channels": [
            {"label": t.channel(channel), "colour": colour}
            for channel, colour in CHANNEL_COLOURS.items()
        ],
        "action_colour": ACTION_COLOUR,
        "width": WIDTH,
        "version": simulator.__version__,
    }
