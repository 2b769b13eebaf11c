"""The after-action report as data: its seven sections, worded once for every format.

The terminal table, Markdown and the HTML page all draw the report from
:func:`after_action`: the sections in order (overview, objectives, strengths and areas for
improvement, the team's texts, timeline and rumour reach, improvement plan, figures), each
a list of plain blocks (facts, tables, lists, paragraphs, sub-parts). A renderer only lays
the blocks out; it never words a section itself. The words come from the report labels,
in the report's language; the texts quoted (items, the team's answers, the evaluator's
comments) are as the log recorded them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from simulator.engine.events import (
    MONITOR,
    Action,
    CallStatus,
    DraftStatus,
    Evaluation,
    Rule,
    Status,
)
from simulator.engine.judging import rounded
from simulator.lang.units import say_duration
from simulator.scenario.durations import format_offset, format_span
from simulator.scoring.calls import CallResult
from simulator.scoring.labels import Labels
from simulator.scoring.metrics import OPEN, DraftResult, ExpectationResult, Score

QUOTE = 80  # characters of an item's words quoted inside a sentence
NO_NAME = "(no name)"  # how scoring counts the actions of a console where nobody gave a name

# --- words quoted from the scenario, the team or the evaluator ---------------------------

# Quoted words sit inside the report's own sentences. They are fenced with two characters
# of Unicode's private use area, which no text of the log keeps (see ``mark``): the page
# marks the fenced words with the scenario's language, the terminal and Markdown drop the
# fences.
_OPEN, _CLOSE = "\ue000", "\ue001"


def mark(text: str) -> str:
    """Words that are quoted, not the report's own, fenced for :func:`fragments`."""
    return _OPEN + text.replace(_OPEN, "").replace(_CLOSE, "") + _CLOSE


def plain(text: str) -> str:
    """A text without its fences, for the terminal and Markdown."""
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def fragments(text: str) -> list[tuple[str, bool]]:
    """A text in pieces: (words, quoted), for the page to mark the quoted ones."""
    pieces: list[tuple[str, bool]] = []
    for n, outer in enumerate(text.split(_OPEN)):
        inner, _, rest = outer.partition(_CLOSE) if n else ("", "", outer)
        if inner:
            pieces.append((inner, True))
        if rest:
            pieces.append((rest, False))
    return pieces


# --- small formatters -------------------------------------------------------------------


def duration_text(seconds: float | None) -> str:
    """mm:ss (or h:mm:ss), '—' when undefined."""
    return "—" if seconds is None else format_span(seconds)


def offset_text(seconds: float | None) -> str:
    """T+mm:ss, '—' when undefined."""
    return "—" if seconds is None else format_offset(seconds)


def _plain(value: float | None, labels: Labels) -> str:
    return "—" if value is None else labels.number(value)


def _points(value: float, labels: Labels) -> str:
    return labels.number(rounded(value))


# --- the figures (section 7), also the after-action screen's summary --------------------


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


def _staffed(s: dict[str, Any], labels: Labels) -> str:
    told = s.get("staffed_told")
    if told is None:
        return labels("value.hours_untold")
    return labels("value.hours_told", time=offset_text(told))


def _members(s: dict[str, Any], labels: Labels) -> list[str]:
    return [
        f"{labels('value.no_name') if name == NO_NAME else name}: {count}"
        for name, count in s["actions_by_member"].items()
    ]


def _outcome(s: dict[str, Any], labels: Labels) -> str:
    text = labels(
        "value.outcome",
        met=s["met"],
        late=s["late"],
        missed=s["missed"],
        breach=s.get("breach", 0),
    )
    if s.get("not_reached"):
        text += labels("value.outcome.not_reached", count=s["not_reached"])
    if s.get("open"):
        text += labels("value.outcome.open", count=s["open"])
    return text


def _on_time(s: dict[str, Any], labels: Labels) -> str:
    total = s["met"] + s["late"] + s["missed"] + s.get("breach", 0)
    if not total:
        return "—"
    return labels("value.met_on_time", count=s["met"], total=total)


def _response(suffix: str) -> Callable[[dict[str, Any], Labels], str]:
    """The median, the 90th percentile and the slowest answer, said in words."""

    def show(s: dict[str, Any], labels: Labels) -> str:
        median = s.get(f"median_response_{suffix}")
        if median is None:
            return labels("value.no_answers")
        return labels(
            "value.response",
            median=say_duration(median, labels.language),
            p90=say_duration(s[f"p90_response_{suffix}"], labels.language),
            max=say_duration(s[f"max_response_{suffix}"], labels.language),
        )

    return show


def _flags(s: dict[str, Any], labels: Labels) -> str:
    if "flags_right" not in s:  # a summary from before the counts were kept
        return "—"
    return labels(
        "value.flags", right=s["flags_right"], total=s["misleading_total"], wrong=s["flags_wrong"]
    )


def _score_points(s: dict[str, Any], labels: Labels) -> str:
    return labels(
        "value.points",
        earned=labels.number(s.get("points_earned", 0)),
        possible=labels.number(s.get("points_possible", 0)),
        penalties=labels.number(s.get("penalties", 0)),
    )


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One figure of the summary: the key of its label, and how to show it."""

    key: str
    show: Callable[[dict[str, Any], Labels], str]
    # One entry per line, for a page that can list them rather than run them together.
    items: Callable[[dict[str, Any], Labels], list[str]] | None = None


# The figures every debrief shows (terminal, Markdown, HTML, the console's after-action
# screen), in this order, in plain words: no percentiles or ratios by name.
SUMMARY_ROWS: tuple[SummaryRow, ...] = (
    SummaryRow("summary.score", lambda s, t: _plain(s["score"], t)),
    SummaryRow("summary.points", _score_points),
    SummaryRow("summary.outcome", _outcome),
    SummaryRow("summary.on_time", _on_time),
    SummaryRow("summary.response", _response("time")),
    SummaryRow("summary.response_wall", _response("wall")),
    SummaryRow("summary.first_statement", _first_statement),
    SummaryRow(
        "summary.press",
        lambda s, t: t("value.of", count=s["press_answered_on_time"], total=s["press_total"]),
    ),
    SummaryRow("summary.flags", _flags),
    SummaryRow("summary.exposure", lambda s, t: t.number(round(s["rumour_exposure"]))),
    SummaryRow(
        "summary.sensitive",
        lambda s, t: t("value.of", count=s["sensitive_hidden"], total=s["sensitive_total"]),
    ),
    SummaryRow("summary.sensitive_up", lambda s, t: duration_text(s["sensitive_max_exposed"])),
    SummaryRow("summary.findings", lambda s, t: str(s["guideline_findings"])),
    SummaryRow("summary.members", lambda s, t: ", ".join(_members(s, t)) or "—", _members),
)


def _median_duration(key: str) -> Callable[[dict[str, Any], Labels], str]:
    def show(s: dict[str, Any], labels: Labels) -> str:
        value = s.get(key)
        return "—" if value is None else say_duration(value, labels.language)

    return show


# The figures of a team that drafted for approval, shown after the others only when some
# session compared had drafts: without them, a debrief looks as it always did.
DRAFT_ROWS: tuple[SummaryRow, ...] = (
    SummaryRow("summary.drafting", _median_duration("median_drafting_time")),
    SummaryRow("summary.approval", _median_duration("median_approval_delay")),
)


# Whether the team told the public when its channels are staffed: shown only for a
# scenario that sets the hours.
HOURS_ROWS: tuple[SummaryRow, ...] = (SummaryRow("summary.staffed", _staffed),)


def _calls(s: dict[str, Any], labels: Labels) -> str:
    if not s.get("calls"):
        return "—"
    text = labels(
        "value.calls",
        taken=s["calls_taken"],
        total=s["calls"],
        rang_out=s["calls_rang_out"],
    )
    if s.get("median_call_pickup") is not None:
        text += labels(
            "value.calls.pickup", time=say_duration(s["median_call_pickup"], labels.language)
        )
    return text


# The figures of the phone calls, shown only when some session compared had a call.
CALL_ROWS: tuple[SummaryRow, ...] = (SummaryRow("summary.calls", _calls),)


def summary_rows(summaries: list[dict[str, Any]]) -> tuple[SummaryRow, ...]:
    """The figures to show for these sessions' summaries, in order."""
    rows = SUMMARY_ROWS
    if any("staffed_told" in s for s in summaries):  # beside the first statement
        at = next(k for k, row in enumerate(rows) if row.key == "summary.first_statement") + 1
        rows = rows[:at] + HOURS_ROWS + rows[at:]
    if any(s.get("drafts") for s in summaries):
        rows += DRAFT_ROWS
    if any(s.get("calls") for s in summaries):
        rows += CALL_ROWS
    return rows


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


# --- the blocks a section is made of ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One value: its words, an outcome (a badge or a colour), and the quoted text of the
    item it names (shown beside the id, smaller)."""

    text: str
    status: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """Label and value, one pair a line."""

    form: ClassVar[str] = "facts"  # what the page's template lays out

    rows: list[tuple[str, Cell]]


@dataclass(frozen=True, slots=True)
class Grid:
    """A table. ``blank`` marks one whose empty cells are to be written in by hand."""

    form: ClassVar[str] = "grid"  # what the page's template lays out

    kind: str  # a name for the page's styles
    headers: list[str]
    rows: list[list[Cell]]
    blank: bool = False


@dataclass(frozen=True, slots=True)
class Items:
    """A bulleted list."""

    form: ClassVar[str] = "items"  # what the page's template lays out

    items: list[Cell]


@dataclass(frozen=True, slots=True)
class Para:
    """A sentence or two; ``note`` for an explanation printed smaller."""

    form: ClassVar[str] = "para"  # what the page's template lays out

    text: str
    note: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    """A titled part of a section: one objective, or one session when sessions are
    compared."""

    form: ClassVar[str] = "part"  # what the page's template lays out

    heading: str
    blocks: list[Block]


Block = Facts | Grid | Items | Para | Part


@dataclass(frozen=True, slots=True)
class Section:
    """One of the seven sections: its anchor, its numbered heading and its blocks."""

    id: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


SECTIONS = ("overview", "objectives", "points", "texts", "timeline", "plan", "figures")


# --- wording shared by several sections -------------------------------------------------


class _Words:
    """What one session's report says about its items, expectations and findings."""

    def __init__(self, score: Score, t: Labels) -> None:
        self.score = score
        self.t = t
        self.team = {x.item: x.text for x in score.team_texts}

    def quoted(self, text: str) -> str:
        return self.t("quoted", text=mark(" ".join(text.split()))) if text else ""

    def item_text(self, item: str | None) -> str:
        """What an item said: a scripted or ad-hoc item with its sender, or the team's."""
        if not item:
            return ""
        said = self.score.said.get(item)
        if said is not None:
            name, text = said
            return f"{name}: {text}" if name else text
        return self.team.get(item, "")

    def quote_item(self, item: str | None) -> str:
        """An item's words inside a sentence: enough to know it again, not the whole of a
        long post."""
        text = " ".join(self.item_text(item).split())
        if len(text) > QUOTE:
            text = text[: QUOTE - 1].rstrip() + "…"
        return self.quoted(text)

    def by(self, name: str | None) -> str:
        return self.t("value.no_name") if not name or name == NO_NAME else name

    def words(self, phrases: list[str]) -> str:
        """Required entries as the log names them (alternatives joined by " / ")."""
        return ", ".join(mark(p) for p in phrases)

    def detail(self, e: ExpectationResult) -> str:
        """What happened to one expectation, in a sentence."""
        t = self.t
        if e.status == Status.BREACH:
            if MONITOR in e.do:
                return t("detail.monitor", time=offset_text(e.responded))
            words = self.quoted(e.breach or "")
            if e.breach_reason:
                return t(
                    "detail.breach",
                    time=offset_text(e.responded),
                    words=words,
                    reason=mark(e.breach_reason),
                )
            return t("detail.breach_no_reason", time=offset_text(e.responded), words=words)
        if e.status == Status.MET and MONITOR in e.do:
            return t("detail.restraint")
        if e.status == Status.MET:
            text = t(
                "detail.answered",
                time=offset_text(e.responded),
                wait=say_duration(e.response_time or 0, t.language),
            )
        elif e.status == Status.LATE:
            text = t(
                "detail.late",
                time=offset_text(e.responded),
                over=say_duration((e.responded or e.deadline) - e.deadline, t.language),
                deadline=offset_text(e.deadline),
            )
        elif e.status == Status.MISSED:
            return t("detail.missed", deadline=offset_text(e.deadline))
        elif e.status == Status.NOT_REACHED:
            return t("not_reached.why")
        else:
            return t("detail.open", deadline=offset_text(e.deadline))
        if e.missing:
            text += "; " + t("detail.missing", words=self.words(e.missing))
        return text

    def finding(self, f: dict[str, Any]) -> str:
        """A guideline finding: when, by whom, which text or item, the rule, the words
        found and the scenario's reason."""
        t = self.t
        if f.get("kind") == Rule.LEGITIMATE:
            return t(
                "finding.legitimate"
                if f.get("action") in (None, Action.HIDE)
                else "finding.legitimate.report",
                time=offset_text(f.get("t")),
                by=self.by(f.get("by")),
                item=str(f.get("item") or ""),
                text=self.quoted(str(f.get("text") or "")),
            )
        item = str(f.get("item") or "")
        text = t(
            "finding.text",
            time=offset_text(f.get("t")),
            by=self.by(f.get("by")),
            action=t.action(str(f.get("action") or "")),
            item=item,
            text=self.quote_item(item),
            rule=t.rule(str(f.get("kind") or "")),
            words=self.quoted(str(f.get("text") or "")),
        )
        if f.get("reason"):
            text += t("finding.reason", reason=mark(str(f["reason"])))
        return text

    def short_finding(self, f: dict[str, Any]) -> str:
        """A finding beside the text it was found in: the rule, the words, the reason."""
        t = self.t
        text = t(
            "finding.short",
            rule=t.rule(str(f.get("kind") or "")),
            words=self.quoted(str(f.get("text") or "")),
        )
        if f.get("reason"):
            text += t("finding.reason", reason=mark(str(f["reason"])))
        return text


# --- the sections -----------------------------------------------------------------------


def _date(wall: str | None, t: Labels) -> str:
    if not wall:
        return t("value.unknown")
    try:
        when = datetime.fromisoformat(wall.replace("Z", "+00:00"))
    except ValueError:
        return wall
    zone = " UTC" if when.utcoffset() is not None and not when.utcoffset() else ""
    return when.strftime("%Y-%m-%d %H:%M") + zone


def _ending(score: Score, t: Labels) -> str:
    if not score.complete:
        return t("end.interrupted", time=offset_text(score.end))
    when = offset_text(score.ended_at if score.ended_at is not None else score.end)
    reason = score.end_reason or ""
    if reason == "completed":
        return t("end.completed", time=when)
    if reason == "ended by facilitator":
        return t("end.facilitator", time=when)
    return t("end.other", time=when, reason=reason) if reason else t("end.completed", time=when)


def _evaluators(score: Score) -> list[str]:
    names: list[str] = []
    records = [o.rating for o in score.objectives if o.rating] + score.remarks
    for remark in sorted(records, key=lambda r: r.t):
        if remark.by and remark.by not in names:
            names.append(remark.by)
    return names


def _overview(score: Score, t: Labels) -> list[Block]:
    members = [n for n in score.summary["actions_by_member"] if n != NO_NAME]
    ran = score.ended_at if score.ended_at is not None else score.end
    rows = [
        (t("overview.scenario"), Cell(f"{mark(score.scenario.title)} ({mark(score.scenario.id)})")),
        (t("overview.date"), Cell(_date(score.started_wall, t))),
        (t("overview.team"), Cell(", ".join(members) or t("value.nobody"))),
    ]
    evaluators = _evaluators(score)
    if evaluators:
        rows.append((t("overview.evaluators"), Cell(", ".join(evaluators))))
    rows += [
        (
            t("overview.ran"),
            Cell(
                t(
                    "value.ran",
                    ran=say_duration(ran, t.language),
                    duration=say_duration(float(score.scenario.duration), t.language),
                )
            ),
        ),
        (
            t("overview.ended"),
            Cell(_ending(score, t), None if score.complete else "interrupted"),
        ),
        (t("overview.file"), Cell(f"{score.path} ({t('seed')} {score.seed})")),
        (
            t("overview.score"),
            Cell(t("value.score", score=_plain(score.summary.get("score"), t))),
        ),
    ]
    return [Facts(rows)]


def _result(expectations: list[ExpectationResult], t: Labels) -> str:
    """An objective's automatic result: how many were met on time, and the rest."""
    judged = [e for e in expectations if e.status not in (OPEN, Status.NOT_REACHED)]
    parts = []
    if judged:
        met = sum(1 for e in judged if e.status == Status.MET)
        parts.append(t("count.of", count=met, total=len(judged)))
        for status in (Status.LATE, Status.MISSED, Status.BREACH):
            n = sum(1 for e in judged if e.status == status)
            if n:
                parts.append(t(f"count.{status}", count=n))
    else:
        parts.append(t("objectives.nothing"))
    for unjudged in (OPEN, Status.NOT_REACHED):
        n = sum(1 for e in expectations if e.status == unjudged)
        if n:
            parts.append(t(f"count.{unjudged}", count=n))
    return t("objectives.result", result=", ".join(parts))


def _expectation_grid(expectations: list[ExpectationResult], words: _Words) -> list[Block]:
    """An objective's expectations: the judged ones in a table, those not reached apart."""
    t = words.t
    shown = [e for e in expectations if e.status != Status.NOT_REACHED]
    blocks: list[Block] = []
    if shown:
        blocks.append(
            Grid(
                "objective",
                [t(f"col.{c}") for c in ("item", "do", "outcome", "details", "earned")],
                [
                    [
                        Cell(e.inject, note=words.item_text(e.inject)),
                        Cell(t.actions(e.do)),
                        Cell(t.status(e.status), e.status),
                        Cell(words.detail(e)),
                        Cell(
                            t(
                                "value.earned",
                                earned=_points(e.earned, t),
                                points=_points(e.points, t),
                            )
                        ),
                    ]
                    for e in shown
                ],
            )
        )
    apart = [e for e in expectations if e.status == Status.NOT_REACHED]
    if apart:
        blocks.append(Para(t("objectives.not_reached")))
        blocks.append(
            Items(
                [
                    Cell(
                        t(
                            "detail.not_reached",
                            inject=e.inject,
                            do=t.actions(e.do),
                            deadline=offset_text(e.deadline),
                        ),
                        Status.NOT_REACHED,
                        words.item_text(e.inject),
                    )
                    for e in apart
                ]
            )
        )
    return blocks


def _objectives(score: Score, words: _Words) -> list[Block]:
    t = words.t
    blocks: list[Block] = []
    if not score.objectives:
        blocks.append(Para(t("objectives.none"), note=True))
    for o in score.objectives:
        part: list[Block] = []
        if o.indicators:
            part.append(Para(t("objectives.indicators", list="; ".join(map(mark, o.indicators)))))
        part.append(Para(_result(o.expectations, t)))
        if o.rating is not None:
            rating = o.rating.rating or ""
            said = t(f"rating.{rating}") if t.has(f"rating.{rating}") else rating
            text = f"{said} ({rating})"
            if o.rating.text:
                text += f": {words.quoted(o.rating.text)}"
            if o.rating.by:
                text += f" ({o.rating.by}, {offset_text(o.rating.t)})"
            part.append(Para(t("objectives.rating", rating=text)))
        else:
            part.append(Para(t("objectives.no_rating")))
        part += _expectation_grid(o.expectations, words)
        blocks.append(Part(f"{mark(o.title)} ({mark(o.id)})", part))
    known = {o.id for o in score.objectives}
    rest = [e for e in score.expectations if e.objective not in known]
    if rest:
        blocks.append(
            Part(t("objectives.other"), [Para(_result(rest, t)), *_expectation_grid(rest, words)])
        )
    return blocks


def _remarks(score: Score, words: _Words, kind: Evaluation) -> list[Cell]:
    """The evaluator's strengths or areas for improvement, with who wrote them and when."""
    return [
        Cell(
            words.t("points.evaluator", text=mark(r.text), by=words.by(r.by), time=offset_text(r.t))
        )
        for r in score.remarks
        if r.kind == kind
    ]


def improvements(score: Score, words: _Words) -> list[Cell]:
    """The areas for improvement: the evaluator's, then the automatic ones (what was
    missed, late or a breach, required words left out, guideline findings)."""
    t = words.t
    found = _remarks(score, words, Evaluation.IMPROVEMENT)
    for e in score.expectations:
        if e.status in (Status.MISSED, Status.LATE, Status.BREACH):
            found.append(
                Cell(
                    t(
                        "points.expectation",
                        status=t.status(e.status),
                        inject=e.inject,
                        text=words.quote_item(e.inject),
                        do=t.actions(e.do),
                        detail=words.detail(e),
                    ),
                    e.status,
                )
            )
    for e in score.expectations:
        if e.missing and e.status in (Status.MET, Status.LATE):
            found.append(
                Cell(
                    t(
                        "points.missing",
                        inject=e.inject,
                        text=words.quote_item(e.inject),
                        words=words.words(e.missing),
                    )
                )
            )
    found += [Cell(words.finding(f), "finding") for f in score.findings]
    return found


def _strengths(score: Score, words: _Words) -> list[Cell]:
    t = words.t
    found = _remarks(score, words, Evaluation.STRENGTH)
    for o in score.objectives:
        judged = [e for e in o.expectations if e.status not in (OPEN, Status.NOT_REACHED)]
        if judged and all(e.status == Status.MET and not e.missing for e in judged):
            found.append(
                Cell(
                    t(
                        "points.all_met" if len(judged) > 1 else "points.all_met_one",
                        title=mark(o.title),
                        count=len(judged),
                    ),
                    Status.MET,
                )
            )
    s = score.summary
    if s.get("first_statement_on_time"):
        found.append(
            Cell(
                t(
                    "points.first_statement",
                    time=offset_text(s["first_statement"]),
                    target=offset_text(s["first_statement_target"]),
                ),
                Status.MET,
            )
        )
    return found


def _points_blocks(score: Score, words: _Words) -> list[Block]:
    t = words.t
    blocks: list[Block] = []
    for key, cells in (
        ("points.strengths", _strengths(score, words)),
        ("points.improvements", improvements(score, words)),
    ):
        blocks.append(Part(t(key), [Items(cells) if cells else Para(t("points.none"))]))
    return blocks


def _texts(score: Score, words: _Words) -> list[Block]:
    t = words.t
    blocks = _published(score, words)
    if score.calls:
        blocks.append(Part(t("texts.calls"), [Items([_call_cell(c, words) for c in score.calls])]))
    return blocks


def _published(score: Score, words: _Words) -> list[Block]:
    """The replies and statements the team published, and its drafts."""
    t = words.t
    if not score.team_texts:
        return [Para(t("texts.none"))]
    rows = []
    for x in score.team_texts:
        kind = t.action(x.action)
        if x.channel:
            kind = t("value.kind_channel", action=kind, channel=t.channel(x.channel))
        rows.append(
            [
                Cell(offset_text(x.t)),
                Cell(words.by(x.by)),
                Cell(f"{x.item}: {kind}" if x.item else kind),
                Cell(x.answered or "—", note=words.item_text(x.answered)),
                Cell(mark(x.text)),
                Cell(
                    "; ".join(words.short_finding(f) for f in x.findings) or "—",
                    "finding" if x.findings else None,
                ),
            ]
        )
    blocks: list[Block] = [
        Grid(
            "texts",
            [t(f"col.{c}") for c in ("time", "by", "kind", "answered", "text", "findings")],
            rows,
        )
    ]
    if score.drafts:
        blocks.append(
            Part(t("texts.approval"), [Items([_draft_cell(d, words) for d in score.drafts])])
        )
    return blocks


def _draft_cell(d: DraftResult, words: _Words) -> Cell:
    """A draft in plain words: who drafted it and when, and who published or returned it,
    when, and after how long."""
    t = words.t
    # The item a reply answers is named, not quoted: the texts' table above quotes it.
    label = f"{d.id} ({d.answered})" if d.answered else d.id
    drafted = {"draft": label, "by": words.by(d.by), "drafted": offset_text(d.t)}
    if d.status == DraftStatus.PUBLISHED and d.published_at is not None:
        text = t(
            "approval.published",
            **drafted,
            item=d.item or "—",
            publisher=words.by(d.published_by),
            published=offset_text(d.published_at),
            delay=say_duration(d.published_at - d.t, t.language),
        )
        if d.drafting_time is not None:
            text += t("approval.drafting", time=say_duration(d.drafting_time, t.language))
        return Cell(text)
    if d.status == DraftStatus.RETURNED:
        return Cell(
            t(
                "approval.returned",
                **drafted,
                returner=words.by(d.returned_by),
                returned=offset_text(d.returned_at),
                comment=words.quoted(d.comment),
            )
        )
    return Cell(t("approval.open", **drafted))


def _call_cell(c: CallResult, words: _Words) -> Cell:
    """A phone call in plain words: who took it, when and after how long, and when it
    ended; or that it rang out; and the notes written to it."""
    t = words.t
    rang = {"call": c.item, "text": words.quoted(c.text), "rang": offset_text(c.delivered)}
    status: str | None = None
    if c.taken_at is not None:
        text = t(
            "call.taken",
            **rang,
            by=words.by(c.by),
            taken=offset_text(c.taken_at),
            wait=say_duration(c.taken_at - c.delivered, t.language),
        )
        if c.status == CallStatus.ENDED:
            text += t("call.ended", time=offset_text(c.ended_at))
        else:
            text += t("call.on_line")
        status = Status.MET
    elif c.status == CallStatus.RANG_OUT:
        text = t("call.rang_out", **rang, time=offset_text(c.ended_at))
        status = Status.MISSED
    else:
        text = t("call.ringing", **rang)
    if c.notes:
        notes = "; ".join(
            t("call.note", text=words.quoted(n.text), time=offset_text(n.t), by=words.by(n.by))
            for n in c.notes
        )
        text += t("call.notes", notes=notes)
    return Cell(text, status)


def _timeline(score: Score, words: _Words) -> list[Block]:
    """For the terminal and Markdown: the expectations with their items' texts, and the
    rumours' reach. The page draws the same as charts."""
    t = words.t
    rows = [
        [
            Cell(cells[0], note=words.item_text(e.inject)),
            *map(Cell, cells[1:6]),
            Cell(cells[6], e.status),
            Cell(cells[7]),
        ]
        for e, cells in zip(score.expectations, expectation_cells(score, t), strict=True)
    ]
    blocks: list[Block] = [Grid("expectations", [t(f"col.{c}") for c in EXPECTATION_COLUMNS], rows)]
    if score.rumours:
        ranked = sorted(score.rumours, key=lambda r: (-r.final_views, r.delivered, r.item))
        blocks.append(
            Grid(
                "rumours",
                [
                    t("html.rumours.item"),
                    t("col.delivered"),
                    t("html.rumours.corrected"),
                    t("html.rumours.views"),
                ],
                [
                    [
                        Cell(r.item, note=words.item_text(r.item)),
                        Cell(offset_text(r.delivered)),
                        Cell(
                            offset_text(r.corrected)
                            if r.corrected is not None
                            else t("html.rumours.not_corrected")
                        ),
                        Cell(t.number(round(r.final_views))),
                    ]
                    for r in ranked
                ],
            )
        )
    else:
        blocks.append(Para(t("rumours.none")))
    return blocks


def _plan(score: Score, words: _Words) -> list[Block]:
    t = words.t
    areas = [c.text for c in improvements(score, words)] or [""]
    return [
        Para(t("plan.note"), note=True),
        Grid(
            "plan",
            [t(f"col.{c}") for c in ("area", "action", "owner", "due")],
            [[Cell(area), Cell(""), Cell(""), Cell("")] for area in areas],
            blank=True,
        ),
    ]


def _said_anywhere(words: list[_Words], item: str) -> str:
    """An item's words from the first session that delivered it."""
    return next((text for w in words if (text := w.item_text(item))), "")


def compared_rows(scores: list[Score], labels: Labels) -> tuple[list[str], list[list[str]]]:
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


def figures(scores: list[Score], t: Labels) -> Grid:
    """The summary's figures, one column per session."""
    return Grid(
        "summary",
        [t("figure")] + [f"#{n}" for n in range(1, len(scores) + 1)],
        [
            [Cell(t(row.key))] + [Cell(row.show(s.summary, t)) for s in scores]
            for row in summary_rows([s.summary for s in scores])
        ],
    )


def after_action(scores: list[Score], t: Labels) -> list[Section]:
    """The seven sections of the report of one session, or of several compared: the
    sections about one team's exercise come once per session, the figures side by side."""
    words = [_Words(s, t) for s in scores]
    compare = len(scores) > 1

    def each(build: Callable[[Score, _Words], list[Block]]) -> list[Block]:
        if not compare:
            return build(scores[0], words[0])
        return [
            Part(t("aar.session", number=n, path=s.path), build(s, w))
            for n, (s, w) in enumerate(zip(scores, words, strict=True), start=1)
        ]

    def overview(score: Score, w: _Words) -> list[Block]:
        return _overview(score, t)

    def timeline(score: Score, w: _Words) -> list[Block]:
        if not compare:
            return _timeline(score, w)
        headers, rows = compared_rows(scores, t)
        blocks: list[Block] = [
            Grid(
                "expectations compared",
                headers,
                [
                    [Cell(r[0], note=_said_anywhere(words, r[0])), Cell(r[1])]
                    + [Cell(c) for c in r[2:]]
                    for r in rows
                ],
            )
        ]
        for n, (s, sw) in enumerate(zip(scores, words, strict=True), start=1):
            blocks.append(Part(t("aar.session", number=n, path=s.path), _timeline(s, sw)[1:]))
        return blocks

    built: dict[str, list[Block]] = {
        "overview": each(overview),
        "objectives": each(_objectives),
        "points": each(_points_blocks),
        "texts": each(_texts),
        "timeline": timeline(scores[0], words[0]),
        "plan": each(_plan),
        "figures": [figures(scores, t), Para(t("html.undefined"), note=True)],
    }
    return [
        Section(key, f"{n}. {t('aar.' + key)}", built[key])
        for n, key in enumerate(SECTIONS, start=1)
    ]
