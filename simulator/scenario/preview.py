"""The master events list (MSEL) of a scenario: one row per inject, in delivery order."""

from __future__ import annotations

import csv
import io
import itertools
import json
from dataclasses import asdict, dataclass, field

from simulator.cells import markdown_text, protect_cell
from simulator.lang import Catalogue, Language
from simulator.lang.preview import PREVIEW
from simulator.lang.units import say_duration
from simulator.scenario.diagnostics import json_safe, printable
from simulator.scenario.durations import day_clock, format_offset
from simulator.scenario.model import Inject, Scenario, deadline_for
from simulator.scenario.phrases import alternatives
from simulator.scenario.templates import expand_variables, render
from simulator.scenario.timing import earliest_times

#: The words of JSON and CSV, and the default: programs read those, so they stay English.
ENGLISH = Catalogue(PREVIEW, Language.EN)


@dataclass(frozen=True, slots=True)
class ExpectedAction:
    """One expectation, with its deadline resolved."""

    do: list[str]
    within: int
    due: int | None
    label: str | None
    mention: list[str]
    points: float
    objective: str | None = None
    require: list[list[str]] = field(default_factory=list)  # each entry: its alternatives
    forbid: list[str] = field(default_factory=list)
    deadline: str | None = None  # the time of day it is due by, when it gives one

    def describe(self, tr: Catalogue = ENGLISH, *, due: bool = True) -> str:
        """``reply or statement within 30 min (T+40:00); mention “x”``, in the language of
        ``tr``; without the time it is due when ``due`` is False."""
        what = tr("do.or").join(tr(f"do.{d}") for d in self.do)
        if self.label:
            what = tr("expect.label", do=what, label=tr(f"truth.{self.label}"))
        if self.deadline is not None:
            text = tr("expect.by", do=what, clock=self.deadline)
        else:
            text = tr("expect.within", do=what, time=say_duration(self.within, tr.language))
        if due and self.due is not None:
            text += f" ({format_offset(self.due)})"
        if self.mention:
            words = ", ".join(tr("expect.quote", text=m) for m in self.mention)
            text += tr("expect.mention", words=words)
        if self.require:
            entries = ", ".join(
                tr("do.or").join(tr("expect.quote", text=p) for p in entry)
                for entry in self.require
            )
            text += tr("expect.require", words=entries)
        if self.forbid:
            words = ", ".join(tr("expect.quote", text=p) for p in self.forbid)
            text += tr("expect.forbid", words=words)
        if self.points != 1:
            text += tr("expect.points", points=f"{self.points:g}")
        if self.objective:
            text += tr("expect.objective", objective=self.objective)
        return text


@dataclass(frozen=True, slots=True)
class EventRow:
    """One inject as the events list shows it."""

    number: int
    id: str
    time: int | None
    when: str
    channel: str
    kind: str
    from_id: str
    from_name: str
    text: str
    truth: str | None
    sensitive: bool
    abusive: bool
    expect: list[ExpectedAction] = field(default_factory=list)
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class NoiseSummary:
    """What one noise stream adds, on average."""

    id: str
    channel: str
    kind: str
    authors: str
    expected_items: float
    peak_per_minute: float


def describe_timing(inject: Inject, tr: Catalogue = ENGLISH) -> str:
    """``T+04:30`` for a fixed time, ``after met press-1 +5 min`` for a trigger."""
    if inject.after is None:
        return format_offset(inject.at or 0)
    delay = f" +{say_duration(inject.delay, tr.language)}" if inject.delay else ""
    return tr(f"after.{inject.after.condition}", ref=inject.after.ref) + delay


def event_rows(scenario: Scenario, tr: Catalogue = ENGLISH) -> list[EventRow]:
    """Rows in delivery order, their timing in the language of ``tr``; injects that can
    never arrive come last."""
    times = earliest_times(scenario)
    names = {p.id: p.name for p in scenario.personas}
    order = sorted(
        range(len(scenario.injects)),
        key=lambda k: (
            times[scenario.injects[k].id] is None,
            times[scenario.injects[k].id] or 0,
            k,
        ),
    )
    rows = []
    for number, k in enumerate(order, start=1):
        inj = scenario.injects[k]
        time = times[inj.id]
        when = describe_timing(inj, tr)
        if inj.after is not None:
            when += f" (≥ {format_offset(time)})" if time is not None else f" ({tr('never')})"
        expected = [
            ExpectedAction(
                do=list(e.do),
                within=deadline_for(scenario, inj, e, time or 0),
                due=None if time is None else time + deadline_for(scenario, inj, e, time),
                label=e.label,
                mention=[expand_variables(m, scenario.variables) for m in e.mention],
                points=e.points,
                objective=e.objective,
                require=[
                    [expand_variables(p, scenario.variables) for p in alternatives(r)]
                    for r in e.require
                ],
                forbid=[expand_variables(f.text, scenario.variables) for f in e.forbid],
                deadline=e.deadline,
            )
            for e in inj.expect
        ]
        rows.append(
            EventRow(
                number=number,
                id=inj.id,
                time=time,
                when=when,
                channel=inj.effective_channel,
                kind=inj.kind,
                from_id=inj.from_,
                from_name=names.get(inj.from_, inj.from_),
                text=_preview_text(scenario, inj, time, names),
                truth=inj.truth,
                sensitive=inj.sensitive,
                abusive=inj.abusive,
                expect=expected,
                notes=inj.notes,
            )
        )
    return rows


def _preview_text(scenario: Scenario, inj: Inject, time: int | None, names: dict[str, str]) -> str:
    """The inject's text as far as it is known before the exercise; a story's is the text
    that quotes the team, with ``{quote}`` as written."""

    def resolve(name: str) -> str:
        if name in scenario.variables:
            return scenario.variables[name]
        if name == "author":
            return names.get(inj.from_, inj.from_)
        if name == "clock" and time is not None:  # as the engine will say it
            return day_clock(scenario.day_start, time)
        return "{" + name + "}"  # fake values differ per run; show the placeholder

    return render(inj.templates[0], resolve)


def noise_summaries(scenario: Scenario, tr: Catalogue = ENGLISH) -> list[NoiseSummary]:
    """Expected item count and peak rate of each noise stream within the scenario."""
    out = []
    for stream in scenario.noise:
        authors = (
            tr(
                "noise.authors",
                count=stream.authors.count,
                role=tr(f"role.{stream.authors.role}"),
            )
            if not isinstance(stream.authors, list)
            else ", ".join(stream.authors)
        )
        out.append(
            NoiseSummary(
                id=stream.id,
                channel=stream.effective_channel,
                kind=stream.kind,
                authors=authors,
                expected_items=expected_count(stream.rate, scenario.duration),
                peak_per_minute=peak_rate(stream.rate, scenario.duration),
            )
        )
    return out


def peak_rate(rate: list, duration: int) -> float:
    """The highest rate per minute reached within [0, duration]."""
    peak = 0.0
    for a, b in itertools.pairwise(rate):
        if a.at > duration:
            break
        peak = max(peak, a.per_minute)
        if b.at > duration and b.at > a.at:
            peak = max(
                peak,
                a.per_minute + (b.per_minute - a.per_minute) * (duration - a.at) / (b.at - a.at),
            )
            return peak
    last = rate[-1]
    return max(peak, last.per_minute) if last.at <= duration else peak


def expected_count(rate: list, duration: int) -> float:
    """Integral of the piecewise-linear rate (per minute) over [0, duration]."""
    total = 0.0
    for a, b in itertools.pairwise(rate):
        lo, hi = max(a.at, 0), min(b.at, duration)
        if hi <= lo or b.at == a.at:
            continue
        slope = (b.per_minute - a.per_minute) / (b.at - a.at)
        r_lo = a.per_minute + slope * (lo - a.at)
        r_hi = a.per_minute + slope * (hi - a.at)
        total += (r_lo + r_hi) / 2 * (hi - lo) / 60
    return total


def _ground_truth(row: EventRow, tr: Catalogue) -> str:
    marks = (
        ([tr(f"truth.{row.truth}")] if row.truth else [])
        + ([tr("mark.sensitive")] if row.sensitive else [])
        + ([tr("mark.abusive")] if row.abusive else [])
    )
    return ", ".join(marks)


def to_json(scenario: Scenario) -> str:
    """The events list and noise summary as JSON, every control character escaped."""
    return json_safe(
        json.dumps(
            {
                "scenario": scenario.id,
                "injects": [asdict(r) for r in event_rows(scenario)],
                "noise": [asdict(n) for n in noise_summaries(scenario)],
            },
            ensure_ascii=False,
            indent=2,
        )
    )


#: The columns of the events list, in order; CSV names them with the English column.
_COLUMNS = ("number", "time", "channel", "kind", "from", "text", "truth", "expected")


def _headers(tr: Catalogue) -> list[str]:
    return [tr(f"col.{column}") for column in _COLUMNS]


def _flat_rows(scenario: Scenario, tr: Catalogue) -> list[list[str]]:
    return [
        [
            str(r.number),
            r.when,
            tr(f"channel.{r.channel}"),
            tr(f"kind.{r.kind}"),
            r.from_name,
            r.text,
            _ground_truth(r, tr),
            "; ".join(e.describe(tr) for e in r.expect),
        ]
        for r in event_rows(scenario, tr)
    ]


def _noise_lines(scenario: Scenario, tr: Catalogue) -> list[str]:
    return [
        f"{n.id}: "
        + tr(
            "noise.line",
            kind=tr(f"kind.{n.kind}"),
            channel=tr(f"channel.{n.channel}"),
            authors=n.authors,
            items=f"{n.expected_items:.0f}",
            peak=f"{n.peak_per_minute:g}",
        )
        for n in noise_summaries(scenario, tr)
    ]


def to_csv(scenario: Scenario) -> str:
    """The events list as CSV (the caller adds a BOM for spreadsheets), formulas shown as text."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(_headers(ENGLISH))
    writer.writerows([protect_cell(c) for c in row] for row in _flat_rows(scenario, ENGLISH))
    return buf.getvalue()


def to_markdown(scenario: Scenario, language: str | None = None) -> str:
    """The events list as a Markdown table, with the noise summary below it, in
    ``language`` (English when None).

    Markdown is read as it is, in a terminal too, so control characters are shown.
    """

    def cell(text: str) -> str:
        return printable(markdown_text(text), one_line=True)

    tr = Catalogue(PREVIEW, language)
    headers = _headers(tr)
    lines = [
        f"# {cell(scenario.title)}",
        "",
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _flat_rows(scenario, tr)]
    noise = [f"- {cell(line)}" for line in _noise_lines(scenario, tr)]
    lines += ["", f"## {tr('title.noise')}", "", *noise]
    return "\n".join(lines) + "\n"


def to_table(scenario: Scenario, language: str | None = None) -> object:
    """A Rich renderable: the events table and the noise summary, in ``language``."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    # Text(): scenario text is never markup. printable(): nor terminal control, and made
    # visible before the columns are measured, so that the borders stay aligned.
    def cell(text: str) -> Text:
        return Text(printable(text))

    table = Table(
        title=cell(scenario.title),
        box=box.SQUARE,
        show_lines=True,
        expand=True,
        collapse_padding=True,
        padding=(0, 0),
    )
    # Short columns get fixed widths so that "T+05:00" never breaks; the text columns
    # share what is left.
    tr = Catalogue(PREVIEW, language)
    fixed = {"number": 3, "time": 9, "channel": 8, "kind": 8, "truth": 10}
    shares = {"from": 2, "text": 6, "expected": 4}
    for column in _COLUMNS:
        table.add_column(
            tr(f"col.{column}"), overflow="fold", width=fixed.get(column), ratio=shares.get(column)
        )
    for row in _flat_rows(scenario, tr):
        table.add_row(*(cell(c) for c in row))
    noise = Table(title=tr("title.noise"), expand=True)
    for header in ("stream", "summary"):
        noise.add_column(tr(f"col.{header}"), overflow="fold")
    streams = noise_summaries(scenario, tr)
    for stream, line in zip(streams, _noise_lines(scenario, tr), strict=True):
        noise.add_row(cell(stream.id), cell(line.partition(": ")[2]))
    return Group(table, noise)
