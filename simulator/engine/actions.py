"""What the team does: reply, statement, flag, hide (and unhide), escalate, note; and what
an evaluator records: a rating of an objective, a strength, an area for improvement.

The console builds these from key presses; ``simulate`` reads them from a scripted-team
file, checked with the same located diagnostics as scenarios.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.engine import events
from simulator.lang import Said, SaidError, Sayer
from simulator.lang.engine import ENGINE
from simulator.lang.findings import FINDINGS
from simulator.lang.scripts import SCRIPTS
from simulator.scenario.diagnostics import Finding, ScenarioError
from simulator.scenario.durations import parse_duration
from simulator.scenario.limits import MAX_NAME
from simulator.scenario.model import CHANNELS, TRUTHS
from simulator.scenario.yamlsource import (
    ValuePositions,
    locate,
    parse_yaml,
    position,
    read_text,
)

#: What an evaluator records, by the names a scripted file gives them.
EVALUATIONS: tuple[str, ...] = tuple(str(e) for e in events.Evaluation)
RATINGS: tuple[str, ...] = tuple(str(r) for r in events.Rating)
ACTION_KINDS: tuple[str, ...] = (*(str(a) for a in events.Action), *EVALUATIONS)
NEEDS_TARGET: tuple[str, ...] = events.NEEDS_TARGET
PUBLISHES: tuple[str, ...] = events.PUBLISHES
#: Why an item is hidden (or reported, or its author asked to remove it): it exposes
#: personal data, it is harassment, or something else.
HIDE_REASONS: tuple[str, ...] = tuple(str(r) for r in events.HideReason)


_refusal = Sayer(ENGINE)


class ActionError(SaidError):
    """An action that cannot be taken: why, and what to do, as an entry of the engine's
    catalogue table and its values, so that the console says it in its language.

    ``str()`` is the English text, which logs and the actions file of ``simulate`` read.
    """

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(_refusal(key, **values))

    def text(self, language: str | None) -> str:
        """Why the action cannot be taken, in ``language`` (English when None)."""
        return self.said.text(language)


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """One team action. ``to`` holds item ids; ``text`` may be empty for flag and hide.

    ``reason`` says why a hide hides (one of :data:`HIDE_REASONS`); ``recipient`` is whom an
    escalation goes to. Both are optional, so that earlier sessions and scripts still read.
    """

    kind: str
    to: tuple[str, ...] = ()
    text: str = ""
    label: str | None = None
    channel: str | None = None
    by: str | None = None
    observer: bool = False  # a facilitator's or evaluator's note, not the team's
    reason: str | None = None
    recipient: str | None = None
    objective: str | None = None  # a rating's objective
    rating: str | None = None  # one of RATINGS
    #: The id a seat gave the request, and the seat's name: recorded with the event, so a
    #: host restarted on the session knows which requests it has applied already.
    request: str | None = None
    seat: str | None = None
    #: The draft a reply or statement publishes, or a return sends back ("d3").
    draft: str | None = None
    #: What a draft is to become when published: "reply" or "statement".
    publishes: str | None = None

    @property
    def evaluation(self) -> bool:
        """An evaluator's record, not an action of the team."""
        return self.kind in EVALUATIONS

    def problem(self) -> ActionError | None:
        """Why the request is malformed, or None; delivery of targets is checked later."""
        if self.kind not in ACTION_KINDS:
            return ActionError("request.kind", kind=self.kind, kinds=", ".join(ACTION_KINDS))
        if self.evaluation or self.objective is not None or self.rating is not None:
            return self._evaluation_problem()
        team = self._team_problem()
        if team is not None:
            return team
        if self.kind in NEEDS_TARGET and not self.to:
            return ActionError("request.to", kind=self.kind)
        if self.kind == events.Action.FLAG and self.label not in TRUTHS:
            return (
                ActionError("request.label.missing")
                if self.label is None
                else ActionError("request.label", label=self.label, labels=", ".join(TRUTHS))
            )
        if self.kind in (*PUBLISHES, events.Action.HANDOVER) and not self.text.strip():
            return ActionError("request.text", kind=self.kind)
        if self.channel is not None and self.channel not in CHANNELS:
            return ActionError(
                "request.channel", channel=self.channel, channels=", ".join(CHANNELS)
            )
        if self.reason is not None and (
            self.kind not in events.REMOVES or self.reason not in HIDE_REASONS
        ):
            return (
                ActionError("request.reason", reason=self.reason, reasons=", ".join(HIDE_REASONS))
                if self.kind in events.REMOVES
                else ActionError("request.reason.hide_only")
            )
        if self.recipient is not None and (
            self.kind != events.Action.ESCALATE or not self.recipient.strip()
        ):
            return (
                ActionError("request.recipient.empty")
                if self.kind == events.Action.ESCALATE
                else ActionError("request.recipient.escalate_only")
            )
        if self.recipient is not None and len(self.recipient) > MAX_NAME:
            return ActionError("request.recipient.long", most=MAX_NAME)
        return None

    def _team_problem(self) -> ActionError | None:
        """What is wrong with a draft, a return, a claim or a release, or with a draft id or
        a ``publishes`` on an action that takes none."""
        if self.publishes is not None and self.kind != events.Action.DRAFT:
            return ActionError("request.publishes.draft_only")
        if self.draft is not None and self.kind not in (*PUBLISHES, events.Action.RETURN):
            return ActionError("request.draft.only")
        if self.kind == events.Action.DRAFT:
            if self.publishes not in PUBLISHES:
                return ActionError("request.publishes", kinds=", ".join(PUBLISHES))
            if not self.text.strip():
                return ActionError("request.text", kind=self.kind)
            if self.publishes == events.Action.REPLY and not self.to:
                return ActionError("request.to", kind=self.kind)
        elif self.kind == events.Action.RETURN:
            if not self.draft:
                return ActionError("request.draft")
            if not self.text.strip():
                return ActionError("request.comment")
        elif self.kind in (events.Action.CLAIM, events.Action.RELEASE) and len(self.to) > 1:
            return ActionError("request.claim.one", kind=self.kind)
        elif self.kind == events.Action.TAKE and len(self.to) > 1:
            return ActionError("request.take.one")
        return None

    def _evaluation_problem(self) -> ActionError | None:
        if self.kind != events.Evaluation.RATE:
            if not self.evaluation or self.objective is not None or self.rating is not None:
                return ActionError("request.objective.rate_only")
            if not self.text.strip():
                return ActionError("request.evaluation.text", kind=self.kind)
            return None
        if not self.objective:
            return ActionError("request.objective")
        if self.rating not in RATINGS:
            return ActionError("request.rating", ratings=", ".join(RATINGS))
        return None


@dataclass(frozen=True, slots=True)
class ScriptedAction:
    """An action of a scripted team, at a scenario time, with its place in the file."""

    at: int
    request: ActionRequest
    line: int = 0
    # Where character k of the text stands in the file, so that a bad placeholder is
    # reported at its own line and column; None for actions not read from a file.
    text_place: Callable[[int], tuple[int, int]] | None = field(default=None, compare=False)

    def place_in_text(self, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` of the text (the action's line if the
        text's place is not known)."""
        return self.text_place(offset) if self.text_place else (self.line, 0)


#: The keys of an entry whose values are texts; with 'at' and 'to', every key an entry has.
_TEXT_KEYS = (
    "do",
    "text",
    "label",
    "channel",
    "by",
    "reason",
    "recipient",
    "objective",
    "rating",
    "comment",
    "draft",
    "publishes",
)
_KEYS = {"at", "to", *_TEXT_KEYS}
said = Sayer(SCRIPTS)
_about = Sayer(FINDINGS)


@dataclass
class _Reader:
    path: str
    findings: list[Finding] = field(default_factory=list)

    def error(self, line: int, column: int, message: Said) -> None:
        self.findings.append(Finding(self.path, line, column, "error", message))


def load_actions(path: Path) -> list[ScriptedAction]:
    """Read a scripted-team file; every bad entry is reported as ``FILE:line``."""
    display = str(path)
    text = read_text(path, display)
    if not text.strip() or all(
        line.lstrip().startswith("#") for line in text.splitlines() if line.strip()
    ):
        raise ScenarioError([Finding(display, 1, 1, "error", said("empty"))])
    doc = parse_yaml(text, display)
    if doc.findings:
        raise ScenarioError(doc.findings)
    reader = _Reader(display)
    if not isinstance(doc.data, list):
        line, column = position(doc.root)
        raise ScenarioError([Finding(display, line, column, "error", said("not_a_list"))])
    actions = []
    values = ValuePositions(text)
    for k, entry in enumerate(doc.data):
        line, column = position(locate(doc.root, (k,)))
        parsed = _parse_entry(reader, doc, k, entry, line, column, values)
        if parsed is not None:
            actions.append(parsed)
    if reader.findings:
        raise ScenarioError(reader.findings)
    return sorted(actions, key=lambda a: a.at)  # stable: file order within one time


def _parse_entry(
    reader: _Reader, doc: Any, k: int, entry: Any, line: int, column: int, values: ValuePositions
) -> ScriptedAction | None:
    if not isinstance(entry, dict):
        reader.error(line, column, said("not_a_mapping"))
        return None

    def at_key(key: str) -> tuple[int, int]:
        return position(locate(doc.root, (k, key)))

    unknown = sorted(set(map(str, entry)) - _KEYS)
    for key in unknown:
        reader.error(
            *position(locate(doc.root, (k, key), key=True)),
            said("unknown_key", name=key, keys=", ".join(sorted(_KEYS))),
        )
    if "at" not in entry or "do" not in entry:
        reader.error(line, column, said("needs"))
        return None
    try:
        at = parse_duration(entry["at"])
    except ValueError as err:
        why = err.said if isinstance(err, SaidError) else str(err)
        reader.error(*at_key("at"), _about("about", field="at", message=why))
        return None
    for key in _TEXT_KEYS:
        if key in entry and entry[key] is not None and not isinstance(entry[key], str):
            reader.error(*at_key(key), said("not_text", name=key))
            return None
    to = entry.get("to") or []
    if not (isinstance(to, str) or (isinstance(to, list) and all(isinstance(t, str) for t in to))):
        reader.error(*at_key("to"), said("to"))
        return None
    to = (to,) if isinstance(to, str) else tuple(to)
    # A rating's words are its 'comment'; a strength's or an improvement's are its 'text'.
    request = ActionRequest(
        kind=str(entry["do"]),
        to=to,
        text=str(entry.get("text") or entry.get("comment") or ""),
        label=entry.get("label"),
        channel=entry.get("channel"),
        by=entry.get("by"),
        reason=entry.get("reason"),
        recipient=entry.get("recipient"),
        objective=entry.get("objective"),
        rating=entry.get("rating"),
        draft=entry.get("draft"),
        publishes=entry.get("publishes"),
    )
    problem = request.problem()
    if problem is not None:
        # The engine's own refusal, said in the reader's language as the console says it.
        reader.error(*at_key("do"), problem.said)
        return None
    if unknown:
        return None
    text_place = None
    for key in ("text", "comment"):
        if key in entry:
            text_place = functools.partial(values.position, locate(doc.root, (k, key)))
            break
    return ScriptedAction(at, request, line, text_place)
