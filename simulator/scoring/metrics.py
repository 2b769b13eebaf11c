"""The debrief's figures, computed in one pass over a session's log.

Everything comes from the session file: it carries its scenario, so scoring needs nothing
else. Figures that are undefined (a precision with no flags) are None, never a made-up 0.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from simulator.engine.events import (
    SETTLED,
    Action,
    ActionData,
    Channel,
    CorrectedData,
    DeliveredData,
    EventType,
    ExpectationData,
    Kind,
    Source,
    Status,
    Truth,
)
from simulator.engine.reach import views_at
from simulator.engine.store import Event, SessionError, SessionStore, said
from simulator.engine.stored import stored_session
from simulator.lang import Said
from simulator.scenario.model import Scenario, deadline_for

CREDIT: dict[str, float] = {Status.MET: 1.0, Status.LATE: 0.5, Status.MISSED: 0.0}
# An expectation that a session stopped before settling (``simulate --until``, a crash): its
# inject was delivered but the log holds no outcome for it yet. It is shown, and left out
# of every figure that judges the team, since it can still go either way.
OPEN = "open"


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
        }


@dataclass(slots=True)
class RumourCurve:
    """A misleading item's reach over time, for the debrief's chart."""

    item: str
    delivered: float
    peak: int
    corrected: float | None
    final_views: int


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

    def as_json(self) -> dict[str, Any]:
        """The JSON contract: session, expectations, summary."""
        return {
            "session": {
                "path": self.path,
                "scenario": self.scenario.id,
                "seed": self.seed,
                "complete": self.complete,
            },
            "expectations": [e.as_json() for e in self.expectations],
            "summary": self.summary,
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


def score_session(path: Path) -> Score:
    """Score one session file; raises SessionError for files that are not sessions."""
    store = SessionStore.open(path, readonly=True)
    try:
        return _score(store, str(path))
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


def _score(store: SessionStore, display: str) -> Score:
    stored = stored_session(store)
    scenario, seed = stored.loaded.scenario, stored.seed
    inject_kind: dict[str, str] = {i.id: i.kind for i in scenario.injects}
    delivered_injects: dict[str, float] = {}
    outcomes: dict[tuple[str, int], ExpectationData] = {}
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
    deliveries: list[tuple[float, str, str]] = []
    actions: list[tuple[float, str, list[str]]] = []
    voices: dict[str, tuple[str, str]] = {}  # scripted and ad-hoc items only
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
            elif source == Source.FACILITATOR and data.get("within") is not None:
                # An ad-hoc question with a deadline is judged as a scripted one of its kind.
                inject_kind[item] = str(data.get("kind") or "")
                delivered_wall[item] = _wall(event.wall)
            elif (
                source == Source.TEAM
                and first_statement is None
                and _is_public(data.get("kind"), data.get("channel"))
            ):
                first_statement = event.t
        elif kind == EventType.EXPECTATION:
            outcome = cast(ExpectationData, event.data)
            key = (outcome["inject"], int(outcome["index"]))
            outcomes[key] = outcome
            outcome_wall[key] = _wall(event.wall)
        elif kind == EventType.ACTION:
            done = cast(ActionData, event.data)
            action = done["action"]
            targets = list(done.get("to") or ())
            actions.append((event.t, action, targets))
            per_member[done.get("by") or "(no name)"] += 1
            if action == Action.FLAG:
                for target in targets:
                    flagged[target] = done.get("label") or ""
            elif action == Action.HIDE:
                for target in targets:
                    if target not in hidden:  # a second hide of a hidden item changes nothing
                        hidden[target] = event.t
                        up = event.t - up_since.get(target, event.t)
                        exposed[target] = exposed.get(target, 0.0) + up
            elif action == Action.UNHIDE:
                for target in targets:
                    if hidden.pop(target, None) is not None:
                        up_since[target] = event.t  # up again, from now
            for finding in done.get("findings") or ():
                findings.append({"t": event.t, "action": action, **finding})
        elif kind == EventType.CORRECTED:
            corrected.setdefault(cast(CorrectedData, event.data)["item"], event.t)
        elif kind == EventType.SESSION_END:
            complete = True
    results = []
    for (inject, index), outcome in outcomes.items():
        status = outcome["status"]
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
            )
        )
    results += _open_expectations(scenario, delivered_injects, outcomes)
    results.sort(key=lambda r: (r.delivered, r.inject, r.index))
    rumours = [
        RumourCurve(
            item, t0, peak, corrected.get(item), views_at(peak, t0, end, corrected.get(item))
        )
        for item, (t0, peak) in misleading.items()
    ]
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
    return Score(
        str(store.path),
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
    )


def _open_expectations(
    scenario: Scenario,
    delivered: dict[str, float],
    outcomes: dict[tuple[str, int], ExpectationData],
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
                    t + deadline_for(scenario, inject, expectation),
                    None,
                    None,
                    OPEN,
                    float(expectation.points),
                    inject.kind,
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
    still_open = {r.inject for r in results if r.status == OPEN}
    results = [r for r in results if r.status != OPEN]
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
    score = (
        round(100 * sum(r.points * CREDIT.get(r.status, 0) for r in results) / weight, 1)
        if weight
        else None
    )
    target = scenario.scoring.first_statement
    return {
        "met": counts[Status.MET],
        "late": counts[Status.LATE],
        "missed": counts[Status.MISSED],
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
        "rumour_exposure": sum(r.final_views for r in rumours),
        "sensitive_hidden": sum(1 for i in exposed if i in hidden),
        "sensitive_total": len(exposed),
        "sensitive_max_exposed": max(up_times) if up_times else None,
        "sensitive_mean_exposed": sum(up_times) / len(up_times) if up_times else None,
        "guideline_findings": len(findings),
        "actions_by_member": dict(sorted(per_member.items())),
        "score": score,
    }
