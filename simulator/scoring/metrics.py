"""The debrief's figures, computed in one pass over a session's log.

Everything comes from the session file: it carries its scenario, so scoring needs nothing
else. Figures that are undefined (a precision with no flags) are None, never a made-up 0.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from simulator.engine.events import (
    PUBLISHES,
    SETTLED,
    TEAM_WORK,
    Action,
    ActionData,
    CallStatus,
    Channel,
    CorrectedData,
    DeliveredData,
    DraftStatus,
    Evaluation,
    EvaluationData,
    EventType,
    ExpectationData,
    Kind,
    Rule,
    SessionEndData,
    Source,
    Status,
    Truth,
)
from simulator.engine.judging import recorded_earned, recorded_status, rounded
from simulator.engine.locations import Location
from simulator.engine.reach import Stretch, hidden_stretches, views_at
from simulator.engine.store import Event, SessionError, SessionLog, said
from simulator.engine.stored import stored_session
from simulator.lang import Said
from simulator.scenario.model import Scenario, due_at
from simulator.scenario.phrases import content_of
from simulator.scoring.calls import CallLog, CallResult

# An expectation that a session stopped before settling (``simulate --until``, a crash): its
# inject was delivered but the log holds no outcome for it yet. It is shown, and left out
# of every figure that judges the team, since it can still go either way.
OPEN = "open"
#: Outcomes left out of the score: the team never had the whole window.
UNJUDGED = frozenset({OPEN, Status.NOT_REACHED})


@dataclass(slots=True)
class ExpectationResult:
    """One expectation of one delivered inject, as it ended."""

    inject: str
    index: int
    do: list[str]
    delivered: float
    deadline: float
    responded: float | None
    response_time: float | None
    status: str
    points: float
    kind: str = ""
    wall_response_time: float | None = None
    objective: str | None = None
    earned: float = 0.0
    missing: list[str] = field(default_factory=list)
    breach: str | None = None  # the words that broke a 'forbid'
    breach_reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The contract's fields."""
        return {
            "inject": self.inject,
            "do": self.do,
            "delivered": self.delivered,
            "deadline": self.deadline,
            "responded": self.responded,
            "response_time": self.response_time,
            "status": self.status,
            "points": _number(self.points),
            "objective": self.objective,
            "earned": rounded(self.earned),
            "missing": self.missing,
            "breach": self.breach,
            "breach_reason": self.breach_reason,
        }


@dataclass(slots=True)
class Remark:
    """An evaluator's record: a rating of an objective (with its comment), a strength or
    an area for improvement."""

    t: float
    kind: str  # an Evaluation
    text: str
    by: str | None
    objective: str | None = None
    rating: str | None = None


@dataclass(slots=True)
class TeamText:
    """A reply or statement the team published, and what the guideline check found in it;
    or a handover it wrote to the next shift (published nowhere, checked against nothing)."""

    t: float
    item: str  # the team's own item id (team-N)
    action: str  # reply, statement or handover
    text: str
    by: str | None
    channel: str | None
    answered: str | None  # the item a reply answers
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class DraftResult:
    """A text the team drafted for the leader's approval, and what became of it: published
    (as ``item``), returned with a comment, or still open when the log ends."""

    id: str  # d1, d2, …
    publishes: str  # reply or statement
    answered: str | None  # the item a reply answers
    by: str | None
    t: float  # when it was drafted
    delivered: float | None = None  # when the item it answers was delivered
    status: str = DraftStatus.OPEN
    item: str | None = None  # the team's own item it became
    published_by: str | None = None
    published_at: float | None = None
    returned_by: str | None = None
    returned_at: float | None = None
    comment: str = ""  # why it was returned

    @property
    def drafting_time(self) -> float | None:
        """From the item's delivery to the draft; None for a statement to no item."""
        return None if self.delivered is None else max(self.t - self.delivered, 0.0)

    @property
    def approval_delay(self) -> float | None:
        """From the draft to its publication; None when it was not published."""
        return None if self.published_at is None else self.published_at - self.t

    def as_json(self) -> dict[str, Any]:
        """The contract's fields."""
        return {
            "draft": self.id,
            "publishes": self.publishes,
            "to": self.answered,
            "by": self.by,
            "drafted": self.t,
            "status": self.status,
            "item": self.item,
            "published_by": self.published_by,
            "published": self.published_at,
            "drafting_time": self.drafting_time,
            "approval_delay": self.approval_delay,
            "returned_by": self.returned_by,
            "returned": self.returned_at,
            "comment": self.comment or None,
        }


@dataclass(slots=True)
class ObjectiveResult:
    """One exercise objective: its expectations' outcomes and the evaluator's rating."""

    id: str
    title: str
    indicators: list[str]
    expectations: list[ExpectationResult]
    rating: Remark | None

    def count(self, status: str) -> int:
        """How many of its expectations ended with ``status``."""
        return sum(1 for e in self.expectations if e.status == status)

    def as_json(self) -> dict[str, Any]:
        """The contract's fields."""
        return {
            "id": self.id,
            "title": self.title,
            "rating": self.rating.rating if self.rating else None,
            "comment": self.rating.text if self.rating else None,
            "expectations": [{"inject": e.inject, "index": e.index} for e in self.expectations],
            **{str(s): self.count(s) for s in (Status.MET, Status.LATE, Status.MISSED)},
            "breach": self.count(Status.BREACH),
        }


@dataclass(slots=True)
class RumourCurve:
    """A misleading item's reach over time, for the debrief's chart."""

    item: str
    delivered: float
    peak: int
    corrected: float | None
    final_views: int
    hidden: list[Stretch] = field(default_factory=list)  # no views gained meanwhile

    def views(self, t: float) -> int:
        """Its views at ``t``, as the exercise showed them."""
        return views_at(self.peak, self.delivered, t, self.corrected, self.hidden)


@dataclass(slots=True)
class Score:
    """Everything the debrief shows for one session."""

    path: str
    scenario: Scenario
    scenario_sha256: str
    seed: int | None
    complete: bool
    end: float
    expectations: list[ExpectationResult]
    summary: dict[str, Any]
    rumours: list[RumourCurve] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[tuple[float, str, str]] = field(default_factory=list)  # t, item, channel
    actions: list[tuple[float, str, list[str]]] = field(default_factory=list)
    #: Who said what, as delivered: the scripted and the ad-hoc items, by id.
    said: dict[str, tuple[str, str]] = field(default_factory=dict)  # item -> (name, text)
    objectives: list[ObjectiveResult] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)  # strengths and improvements
    team_texts: list[TeamText] = field(default_factory=list)
    #: The drafts of a team that works with approval, in the order written (none: the
    #: team published directly, and the debrief looks as it always did).
    drafts: list[DraftResult] = field(default_factory=list)
    #: The phone calls, in the order they rang (none: the scenario has no call).
    calls: list[CallResult] = field(default_factory=list)
    started_wall: str | None = None  # when the exercise began, as the log's clock says
    ended_at: float | None = None  # scenario time of the end, if it ended
    end_reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON contract: session, objectives, expectations, findings, summary."""
        return {
            "session": {
                "path": self.path,
                "scenario": self.scenario.id,
                "seed": self.seed,
                "complete": self.complete,
                "ended_at": self.ended_at,
                "end_reason": self.end_reason,
            },
            "objectives": [o.as_json() for o in self.objectives],
            "expectations": [e.as_json() for e in self.expectations],
            "findings": self.findings,
            "summary": self.summary,
            **({"drafts": [d.as_json() for d in self.drafts]} if self.drafts else {}),
            **({"calls": [c.as_json() for c in self.calls]} if self.calls else {}),
        }


#: The sources whose texts the debrief quotes. Not the noise: a surge has a million items,
#: and keeping their texts would cost the debrief of a big session more than all the rest.
_QUOTED = frozenset({Source.INJECT, Source.FACILITATOR})


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _wall(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except (ValueError, AttributeError):
        return None


def _is_public(kind: str | None, channel: str | None) -> bool:
    """A team text the public sees: a statement anywhere but internal, or a reply in the
    open feed (a reply to a journalist's inquiry is not)."""
    if kind == Kind.OFFICIAL:
        return channel != Channel.INTERNAL
    return channel in (Channel.SOCIAL, Channel.NEWS)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def score_session(session: Path | Location) -> Score:
    """Score one session (a file, or a session in a database); raises SessionError for
    what is not a session."""
    location = session if isinstance(session, Location) else Location(str(session))
    store = location.open(readonly=True)
    try:
        return _score(store, str(location))
    finally:
        store.close()


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _findings(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(f, dict) and all(isinstance(k, str) for k in f) for f in value
    )


# The fields scoring reads, by event type: (required, check, what it must be). A session
# is untrusted input, so each is checked before it is used.
_FIELDS: dict[str, list[tuple[str, bool, Callable[[Any], bool], Said]]] = {
    EventType.DELIVERED: [
        ("item", True, _text, said("score.text")),
        ("peak", False, _optional(_finite), said("score.number")),
        ("channel", False, _optional(_text), said("score.text")),
    ],
    EventType.EXPECTATION: [
        ("inject", True, _text, said("score.text")),
        (
            "index",
            True,
            lambda v: isinstance(v, int) and not isinstance(v, bool),
            said("score.number"),
        ),
        ("do", True, _texts, said("score.texts")),
        ("status", True, _text, said("score.text")),
        ("delivered", True, _finite, said("score.number")),
        ("deadline", True, _finite, said("score.number")),
        ("responded", False, _optional(_finite), said("score.number")),
        ("response_time", False, _optional(_finite), said("score.number")),
        ("points", False, _finite, said("score.number")),
    ],
    EventType.ACTION: [
        ("action", True, _text, said("score.text")),
        ("label", False, _optional(_text), said("score.text")),
        ("findings", False, _optional(_findings), said("score.findings")),
    ],
    EventType.CORRECTED: [("item", True, _text, said("score.text"))],
    EventType.CALL: [
        ("item", True, _text, said("score.text")),
        ("status", True, _text, said("score.text")),
        ("seat", False, _optional(_text), said("score.text")),
    ],
    EventType.NOTE: [("text", False, _optional(_text), said("score.text"))],
    EventType.EVALUATION: [
        ("kind", True, _text, said("score.text")),
        ("text", False, _optional(_text), said("score.text")),
        ("objective", False, _optional(_text), said("score.text")),
        ("rating", False, _optional(_text), said("score.text")),
    ],
}
_ANY = [
    ("to", False, _optional(_texts), said("score.texts")),
    ("by", False, _optional(_text), said("score.text")),
]


def checked_events(events: Iterable[Event], display: str) -> Iterator[Event]:
    """Events whose fields have the types the debrief reads; a damaged one is named."""
    for event in events:
        data = event.data
        for key, required, check, what in _FIELDS.get(event.type, []) + _ANY:
            if key not in data:
                if required:
                    problem = said("score.no_key", field=key)
                    break
                continue
            if not check(data[key]):
                problem = said("score.not", field=key, what=what)
                break
        else:
            yield event
            continue
        raise SessionError(
            said("score.damaged", path=display, seq=event.seq, type=event.type, problem=problem)
        )


def _score(store: SessionLog, display: str) -> Score:
    stored = stored_session(store)
    scenario, seed = stored.loaded.scenario, stored.seed
    policy = scenario.scoring.late_credit
    inject_kind: dict[str, str] = {i.id: i.kind for i in scenario.injects}
    delivered_injects: dict[str, float] = {}
    outcomes: dict[tuple[str, int], tuple[float, ExpectationData]] = {}
    outcome_wall: dict[tuple[str, int], float | None] = {}
    delivered_wall: dict[str, float | None] = {}
    misleading: dict[str, tuple[float, int]] = {}  # id -> (delivered, peak)
    sensitive: dict[str, float] = {}  # id -> delivered
    up_since: dict[str, float] = {}  # sensitive id -> when it was last delivered or unhidden
    hidden: dict[str, float] = {}  # id -> since when it is hidden (absent: it is up)
    exposed: dict[str, float] = {}  # id -> seconds up before its latest hide
    flagged: dict[str, str] = {}  # latest flag per item
    corrected: dict[str, float] = {}
    findings: list[dict[str, Any]] = []
    per_member: Counter[str] = Counter()
    first_statement: float | None = None
    # When the team first told the public when its channels are staffed.
    told_by = scenario.staffed.told_by if scenario.staffed is not None else None
    staffed_told: float | None = None
    deliveries: list[tuple[float, str, str]] = []
    actions: list[tuple[float, str, list[str]]] = []
    voices: dict[str, tuple[str, str]] = {}  # scripted and ad-hoc items only
    ratings: dict[str, Remark] = {}  # the latest rating of each objective
    remarks: list[Remark] = []
    team_texts: list[TeamText] = []
    drafts: dict[str, DraftResult] = {}
    calls = CallLog()
    started_wall: str | None = None
    ended_at: float | None = None
    end_reason: str | None = None
    visibility: list[Event] = []  # hides and unhides: the few events reach needs
    complete = False
    end = 0.0
    for event in checked_events(store.events(), display):
        end = max(end, event.t)
        kind = event.type
        if kind == EventType.DELIVERED:
            # Checked above for the fields read as numbers or ids; the rest are read with
            # ``get``, since a session is untrusted input.
            data = cast(DeliveredData, event.data)
            item = data["item"]
            source = data.get("source")
            if data.get("truth") == Truth.MISLEADING:
                misleading[item] = (event.t, int(data.get("peak") or 0))
            if source in _QUOTED:
                # What the debrief quotes is what the team saw: the text as delivered.
                voices.setdefault(item, (str(data.get("name") or ""), str(data.get("text") or "")))
            if data.get("sensitive"):
                sensitive[item] = event.t
                up_since[item] = event.t
            if source == Source.INJECT:
                delivered_injects.setdefault(item, event.t)
                delivered_wall[item] = _wall(event.wall)
                deliveries.append((event.t, item, data.get("channel", "")))
                calls.delivered(event.t, data)
            elif source == Source.FACILITATOR and data.get("within") is not None:
                # An ad-hoc question with a deadline is judged as a scripted one of its kind.
                inject_kind[item] = str(data.get("kind") or "")
                delivered_wall[item] = _wall(event.wall)
            elif source == Source.TEAM and _is_public(data.get("kind"), data.get("channel")):
                if first_statement is None:
                    first_statement = event.t
                if (
                    told_by is not None
                    and staffed_told is None
                    and not content_of(str(data.get("text") or ""), told_by).missing
                ):
                    staffed_told = event.t
        elif kind == EventType.EXPECTATION:
            outcome = cast(ExpectationData, event.data)
            key = (outcome["inject"], int(outcome["index"]))
            outcomes[key] = (event.t, outcome)
            outcome_wall[key] = _wall(event.wall)
        elif kind == EventType.ACTION:
            done = cast(ActionData, event.data)
            action = done["action"]
            targets = list(done.get("to") or ())
            if action in TEAM_WORK or done.get("draft") is not None:
                _draft_work(drafts, event.t, done, targets)
            if action in (Action.CLAIM, Action.RELEASE):
                continue  # who takes which item on: no part of the score
            if action == Action.TAKE:
                calls.taken(event.t, dict(done))
            if action not in TEAM_WORK:  # what the team did where the exercise saw it
                actions.append((event.t, action, targets))
            per_member[done.get("by") or "(no name)"] += 1
            if action == Action.FLAG:
                for target in targets:
                    flagged[target] = done.get("label") or ""
            if action in (Action.HIDE, Action.UNHIDE):
                visibility.append(event)
            if action == Action.HIDE:
                for target in targets:
                    if target not in hidden:  # a second hide of a hidden item changes nothing
                        hidden[target] = event.t
                        up = event.t - up_since.get(target, event.t)
                        exposed[target] = exposed.get(target, 0.0) + up
            elif action == Action.UNHIDE:
                for target in targets:
                    if hidden.pop(target, None) is not None:
                        up_since[target] = event.t  # up again, from now
            elif action in (Action.REPORT, Action.ASK_REMOVAL):
                # Where the team cannot hide, asking the platform or the author is all it
                # can do: a sensitive item is dealt with, and its time up ends, when it asks.
                for target in targets:
                    if target in sensitive and target not in hidden:
                        hidden[target] = event.t
                        exposed[target] = exposed.get(target, 0.0) + event.t - up_since[target]
            found = [_finding(event.t, done, f) for f in done.get("findings") or ()]
            findings += found
            if action in PUBLISHES or action == Action.HANDOVER:
                team_texts.append(
                    TeamText(
                        event.t,
                        str(done.get("item") or ""),
                        action,
                        str(done.get("text") or ""),
                        done.get("by"),
                        done.get("channel"),
                        targets[0] if targets else None,
                        found,
                    )
                )
        elif kind == EventType.CORRECTED:
            corrected.setdefault(cast(CorrectedData, event.data)["item"], event.t)
        elif kind == EventType.CALL:
            calls.ended(event.t, event.data)
        elif kind == EventType.NOTE and calls.calls:
            calls.noted(event.t, event.data)
        elif kind == EventType.EVALUATION:
            evaluation = cast(EvaluationData, event.data)
            remark = Remark(
                event.t,
                str(evaluation["kind"]),
                str(evaluation.get("text") or ""),
                evaluation.get("by"),
                evaluation.get("objective"),
                evaluation.get("rating"),
            )
            if remark.kind == Evaluation.RATE and remark.objective is not None:
                ratings[remark.objective] = remark  # a later rating replaces an earlier one
            else:
                remarks.append(remark)
        elif kind == EventType.SESSION_START:
            started_wall = event.wall
        elif kind == EventType.SESSION_END:
            complete = True
            ended_at = event.t
            end_reason = str(cast(SessionEndData, event.data).get("reason") or "")
    objective_of = {
        (inj.id, k): exp.objective for inj in scenario.injects for k, exp in enumerate(inj.expect)
    }
    results = []
    for (inject, index), (t, outcome) in outcomes.items():
        status = recorded_status(outcome, t)
        wall_rt = None
        if status in SETTLED:
            start, stop = delivered_wall.get(inject), outcome_wall.get((inject, index))
            if start is not None and stop is not None:
                wall_rt = max(stop - start, 0.0)
        results.append(
            ExpectationResult(
                inject,
                index,
                list(outcome["do"]),
                float(outcome["delivered"]),
                float(outcome["deadline"]),
                outcome.get("responded"),
                outcome.get("response_time"),
                status,
                float(outcome.get("points", 1)),
                inject_kind.get(inject, ""),
                wall_rt,
                # Sessions recorded before objectives existed have none in the log; the
                # stored scenario names them.
                outcome.get("objective") or objective_of.get((inject, index)),
                recorded_earned(outcome, t, policy),
                [str(m) for m in outcome.get("missing") or ()],
                outcome.get("breach"),
                outcome.get("breach_reason"),
            )
        )
    results += _open_expectations(scenario, delivered_injects, outcomes)
    results.sort(key=lambda r: (r.delivered, r.inject, r.index))
    if any(f["kind"] == Rule.LEGITIMATE for f in findings):
        _quote_hidden(store, display, findings)
    if drafts:
        _draft_deliveries(store, display, list(drafts.values()))
    stretches = hidden_stretches(visibility)
    no_stretches: list[Stretch] = []  # shared: most rumours were never hidden
    rumours = [
        RumourCurve(item, t0, peak, corrected.get(item), 0, stretches.get(item, no_stretches))
        for item, (t0, peak) in misleading.items()
    ]
    for rumour in rumours:
        rumour.final_views = rumour.views(end)
    # How long each sensitive item was up: every stretch from its delivery or an unhide to
    # the next hide, and the last stretch to the end if it is up when the log stops.
    up_times = {
        i: exposed.get(i, 0.0) + (0.0 if i in hidden else end - up_since[i]) for i in sensitive
    }
    summary = _summary(
        scenario,
        results,
        rumours,
        flagged,
        misleading,
        up_times,
        hidden,
        findings,
        per_member,
        first_statement,
    )
    if drafts:
        summary.update(_draft_summary(list(drafts.values())))
    if told_by is not None:
        summary["staffed_told"] = staffed_told
    if calls.calls:
        summary.update(_call_summary(calls.results()))
    objectives = [
        ObjectiveResult(
            o.id,
            o.title,
            list(o.indicators),
            [r for r in results if r.objective == o.id],
            ratings.get(o.id),
        )
        for o in scenario.objectives
    ]
    return Score(
        display,
        scenario,
        stored.loaded.sha256,
        seed,
        complete,
        end,
        results,
        summary,
        rumours,
        findings,
        deliveries,
        actions,
        voices,
        objectives,
        remarks,
        team_texts,
        list(drafts.values()),
        calls.results(),
        started_wall,
        ended_at,
        end_reason,
    )


def _draft_work(
    drafts: dict[str, DraftResult], t: float, done: ActionData, targets: list[str]
) -> None:
    """A draft written, published or returned, kept with its draft."""
    action = done["action"]
    draft_id = str(done.get("draft") or "")
    if action == Action.DRAFT:
        drafts[draft_id] = DraftResult(
            draft_id,
            str(done.get("publishes") or ""),
            targets[0] if targets else None,
            done.get("by"),
            t,
        )
        return
    draft = drafts.get(draft_id)
    if draft is None:
        return
    if action == Action.RETURN:
        draft.status = DraftStatus.RETURNED
        draft.returned_by, draft.returned_at = done.get("by"), t
        draft.comment = str(done.get("text") or "")
    elif action in PUBLISHES:
        draft.status = DraftStatus.PUBLISHED
        draft.item = done.get("item")
        draft.published_by, draft.published_at = done.get("by"), t


def _draft_deliveries(store: SessionLog, display: str, drafts: list[DraftResult]) -> None:
    """When the items the drafts answer were delivered: read in a second pass, as the
    first keeps no times of noise items (a surge has a million)."""
    wanted = {d.answered for d in drafts if d.answered}
    if not wanted:
        return
    delivered: dict[str, float] = {}
    for event in checked_events(store.deliveries_of(wanted), display):
        delivered.setdefault(str(event.data["item"]), event.t)
    for draft in drafts:
        if draft.answered is not None:
            draft.delivered = delivered.get(draft.answered)


def _draft_summary(drafts: list[DraftResult]) -> dict[str, Any]:
    """The figures of drafting and approval, kept apart: the drafter's time from the item
    to the draft, and the leader's from the draft to publication."""
    # Of the texts published: a returned draft's time is part of the one that replaced it.
    published = [d for d in drafts if d.status == DraftStatus.PUBLISHED]
    drafting = [d.drafting_time for d in published if d.drafting_time is not None]
    approval = [d.approval_delay for d in published if d.approval_delay is not None]
    return {
        "drafts": len(drafts),
        "drafts_published": sum(1 for d in drafts if d.status == DraftStatus.PUBLISHED),
        "drafts_returned": sum(1 for d in drafts if d.status == DraftStatus.RETURNED),
        "median_drafting_time": percentile(drafting, 50),
        "median_approval_delay": percentile(approval, 50),
    }


def _call_summary(calls: list[CallResult]) -> dict[str, Any]:
    """The figures of the phone calls: how many rang, were taken and rang out, and how
    fast they were picked up (median seconds from the first ring to the take)."""
    picked_up = [c.response_time for c in calls if c.response_time is not None]
    return {
        "calls": len(calls),
        "calls_taken": len(picked_up),
        "calls_rang_out": sum(1 for c in calls if c.status == CallStatus.RANG_OUT),
        "median_call_pickup": percentile(picked_up, 50),
    }


def _finding(t: float, done: ActionData, found: Mapping[str, Any]) -> dict[str, Any]:
    """A guideline finding as the debrief lists it: when, by whom, what rule, the words
    found (for a hidden item, its text once known), the scenario's reason, and the item:
    the team's own text, or the item hidden."""
    rule = str(found.get("rule") or "")
    hid = rule == Rule.LEGITIMATE
    return {
        "t": t,
        "by": done.get("by"),
        "kind": rule,
        "text": "" if hid else str(found.get("match") or ""),
        "reason": found.get("reason"),
        "item": str(found.get("match") or "") if hid else done.get("item"),
        "action": done["action"],
    }


def _quote_hidden(store: SessionLog, display: str, findings: list[dict[str, Any]]) -> None:
    """Fill in the texts of the items hidden without cause. Noise texts are not kept on
    the first pass (a surge has a million), so the few needed are read in a second."""
    wanted = {f["item"] for f in findings if f["kind"] == Rule.LEGITIMATE}
    texts: dict[str, str] = {}
    for event in checked_events(store.deliveries_of(wanted), display):
        texts.setdefault(str(event.data["item"]), str(event.data.get("text") or ""))
    for f in findings:
        if f["kind"] == Rule.LEGITIMATE:
            f["text"] = texts.get(f["item"], "")


def _open_expectations(
    scenario: Scenario,
    delivered: dict[str, float],
    outcomes: Mapping[tuple[str, int], object],
) -> list[ExpectationResult]:
    """The expectations of delivered injects that the log has no outcome for."""
    found = []
    for inject in scenario.injects:
        t = delivered.get(inject.id)
        if t is None:
            continue
        for index, expectation in enumerate(inject.expect):
            if (inject.id, index) in outcomes:
                continue
            found.append(
                ExpectationResult(
                    inject.id,
                    index,
                    list(expectation.do),
                    t,
                    due_at(scenario, inject, expectation, t),
                    None,
                    None,
                    OPEN,
                    float(expectation.points),
                    inject.kind,
                    objective=expectation.objective,
                )
            )
    return found


def _summary(
    scenario: Scenario,
    results: list[ExpectationResult],
    rumours: list[RumourCurve],
    flagged: dict[str, str],
    misleading: dict[str, tuple[float, int]],
    exposed: dict[str, float],
    hidden: dict[str, float],
    findings: list[dict[str, Any]],
    per_member: Counter[str],
    first_statement: float | None,
) -> dict[str, Any]:
    counts = Counter(r.status for r in results)
    still_open = {r.inject for r in results if r.status in UNJUDGED}
    results = [r for r in results if r.status not in UNJUDGED]
    total = len(results)
    times = [r.response_time for r in results if r.response_time is not None]
    walls = [r.wall_response_time for r in results if r.wall_response_time is not None]
    flagged_misleading = {i for i, label in flagged.items() if label == Truth.MISLEADING}
    true_positive = len(flagged_misleading & misleading.keys())
    precision = true_positive / len(flagged_misleading) if flagged_misleading else None
    recall = true_positive / len(misleading) if misleading else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else None
    )
    press: dict[str, bool] = {}
    for r in results:
        if r.kind == Kind.PRESS and r.inject not in still_open:  # judged once all settled
            press[r.inject] = press.get(r.inject, True) and r.status == Status.MET
    up_times = list(exposed.values())
    weight = sum(r.points for r in results)
    earned = sum(r.earned for r in results)
    penalties = len(findings) * scenario.guidelines.penalty
    score = round(100 * max(0.0, earned - penalties) / weight, 1) if weight else None
    target = scenario.scoring.first_statement
    return {
        "met": counts[Status.MET],
        "late": counts[Status.LATE],
        "missed": counts[Status.MISSED],
        "breach": counts[Status.BREACH],
        "not_reached": counts[Status.NOT_REACHED],
        "open": counts[OPEN],
        "on_time_rate": counts[Status.MET] / total if total else None,
        "median_response_time": percentile(times, 50),
        "p90_response_time": percentile(times, 90),
        "max_response_time": max(times) if times else None,
        "median_response_wall": percentile(walls, 50),
        "p90_response_wall": percentile(walls, 90),
        "max_response_wall": max(walls) if walls else None,
        "first_statement": first_statement,
        "first_statement_target": target,
        "first_statement_on_time": (
            None if target is None else first_statement is not None and first_statement <= target
        ),
        "press_answered_on_time": sum(press.values()),
        "press_total": len(press),
        "flag_precision": precision,
        "flag_recall": recall,
        "flag_f1": f1,
        # The counts behind the ratios, for a debrief that says them in words.
        "flags_right": true_positive,
        "flags_wrong": len(flagged_misleading) - true_positive,
        "misleading_total": len(misleading),
        "rumour_exposure": sum(r.final_views for r in rumours),
        "sensitive_hidden": sum(1 for i in exposed if i in hidden),
        "sensitive_total": len(exposed),
        "sensitive_max_exposed": max(up_times) if up_times else None,
        "sensitive_mean_exposed": sum(up_times) / len(up_times) if up_times else None,
        "guideline_findings": len(findings),
        "points_possible": _number(weight),
        "points_earned": rounded(earned),
        "penalties": rounded(penalties),
        "actions_by_member": dict(sorted(per_member.items())),
        "score": score,
    }
