"""What the console shows, projected from the engine's events.

The ground truth of items (truth labels, sensitive, abusive) and the expectations are never
copied here: trainees must not see them. Observer notes are the facilitator's: they are kept
apart from the items unless the model is built for a facilitator's view (the replay).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from simulator.engine.events import (
    PUBLIC_CHANNELS,
    PUBLISHES,
    SETTLED,
    TEAM_WORK,
    Action,
    ActionData,
    DeliveredData,
    DraftStatus,
    Evaluation,
    EvaluationData,
    EventType,
    ExpectationData,
    Kind,
    NoteData,
    Reaction,
    Role,
    Source,
)
from simulator.engine.store import Event
from simulator.exercise.protocol import SETTLED_MARKER
from simulator.tui.calls import CallBook
from simulator.tui.text import clean

OBSERVER = "observer"  # the kind of an observer's note among what was done about an item


@dataclass(slots=True)
class Done:
    """One thing done about an item: by the team, or an observer's note on it."""

    kind: str
    t: float
    by: str | None = None
    label: str | None = None
    text: str = ""
    reason: str | None = None  # why a hide hides
    recipient: str | None = None  # whom an escalation went to


@dataclass(frozen=True, slots=True)
class ObserverNote:
    """A facilitator's or evaluator's note, and the items it is about (none: the moment)."""

    note: Done
    about: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Remark:
    """An evaluator's record as the log has it: a rating of an objective (``rating`` P, S,
    M or U; ``text`` the comment), a strength or an area for improvement (``text``)."""

    kind: str
    t: float
    text: str = ""
    by: str | None = None
    rating: str | None = None


@dataclass(slots=True)
class Draft:
    """A reply or statement drafted for the leader's approval, and what became of it."""

    id: str  # d1, d2, … as the engine numbered it
    publishes: str  # reply or statement
    to: tuple[str, ...]  # the item a reply answers (a statement may have none)
    text: str
    channel: str | None
    by: str | None
    seat: str | None
    t: float
    status: str = DraftStatus.OPEN
    comment: str = ""  # why it was returned
    published_by: str | None = None
    published_at: float | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A team member has taken an item on."""

    by: str | None
    seat: str | None
    t: float


#: The role the console gives the team's own items: they are the organisation's.
TEAM_ROLE = "team"


@dataclass(slots=True)
class FeedItem:
    """A delivered item as the console shows it."""

    index: int
    id: str
    t: float
    channel: str
    kind: str
    source: str
    author: str
    name: str
    handle: str
    role: str
    text: str
    line: str  # the text on one line, for the list
    reply_to: str | None
    #: How the public's reaction answers a team's item (reply, quote, share); None for
    #: every other item. Its tone is never kept: the team reads the text.
    reaction: str | None = None
    #: The scenario's platform it is on (None: its channel's built-in place).
    platform: str | None = None
    read: bool = False
    flagged: str | None = None
    hidden: bool = False
    answered: bool = False
    escalated: bool = False
    #: Reported to its platform, or its author asked to remove it.
    reported: bool = False
    # None until the team acts on the item: a surge of items then holds no empty lists,
    # which keeps the garbage collector's work (and its pauses) small.
    done: list[Done] | None = None
    version: int = 0  # bumped on every change, so that cached lines are redrawn

    @property
    def has_reach(self) -> bool:
        """Whether it has views, likes and shares to show: the public's items on a public
        channel, the team's own posts there too (the organisation's followers see them).
        A journalist's inquiry and an internal message have none (their peak is 0)."""
        return self.channel in PUBLIC_CHANNELS

    @property
    def own(self) -> bool:
        """The team's own item, which it may take down wherever it is."""
        return self.role == TEAM_ROLE

    @property
    def handled(self) -> bool:
        """Has the team done anything about it? (An observer's note is not the team's.)"""
        return any(done.kind != OBSERVER for done in self.done or ())


class FeedModel:
    """Every delivered item, with what the team did, in delivery order.

    ``observer_notes_on_items``: show observer notes under the items they are about. Only
    for a facilitator's view: on the team's screens they would tell the team what the
    observers think of their work while they are doing it.
    """

    def __init__(self, *, observer_notes_on_items: bool = False) -> None:
        self.observer_notes_on_items = observer_notes_on_items
        self.items: list[FeedItem] = []
        self.by_id: dict[str, FeedItem] = {}
        self.replies: dict[str, list[str]] = {}
        self.notes: list[Done] = []  # the team's logbook notes
        #: Everything the team did and noted, in order, with the items it was about: the
        #: team's log, which every seat shows.
        self.log: list[tuple[Done, tuple[str, ...]]] = []
        self.observer_notes: list[ObserverNote] = []
        # The evaluator's: the latest rating of each objective (a later one replaces it),
        # and the strengths and areas for improvement in the order they were written.
        self.ratings: dict[str, Remark] = {}
        self.remarks: list[Remark] = []
        # The team's drafts by id, and who has taken which item on (a release, or a reply
        # to the item published, gives it up).
        self.drafts: dict[str, Draft] = {}
        self.claims: dict[str, Claim] = {}
        #: The phone calls: ringing, taken, rung out or over.
        self.calls = CallBook()
        self.ended = False
        self.unread = 0
        # Each item's expectations, by index: the scenario time it is due, None once met.
        self._due: dict[str, list[float | None]] = {}

    def apply(self, events: Iterable[Event]) -> list[FeedItem]:
        """Take in events; returns the items that are new."""
        added: list[FeedItem] = []
        for event in events:
            kind = event.type
            if kind == EventType.DELIVERED:
                added.append(self._add(event))
                self._expect(event)
            elif kind == EventType.EXPECTATION:
                self._settle(event)
            elif kind == SETTLED_MARKER:
                self._close(event.data.get("inject"), event.data.get("index"))
            elif kind == EventType.ACTION:
                self._action(event)
            elif kind == EventType.NOTE:
                self._note(event)
            elif kind == EventType.EVALUATION:
                self._evaluation(event)
            elif kind == EventType.CALL:
                self._bump(self.calls.over(event.data) or "")
            elif kind == EventType.SESSION_END:
                self.ended = True
        if added:
            # Delivered items live as long as the console. Moving them out of the garbage
            # collector's view keeps full collections, which freeze the screen for longer
            # the bigger the feed, from landing on a key press in a surge.
            gc.freeze()
        return added

    def _expect(self, event: Event) -> None:
        data = cast(DeliveredData, event.data)
        deadlines = data.get("deadlines")
        within = data.get("within")
        if isinstance(deadlines, list) and deadlines:
            # None: an expectation of restraint, which asks for no answer
            self._due[data["item"]] = [None if d is None else float(d) for d in deadlines]
        elif isinstance(within, int | float) and not isinstance(within, bool) and within > 0:
            self._due[data["item"]] = [event.t + within]  # a facilitator's question

    def _settle(self, event: Event) -> None:
        data = cast(ExpectationData, event.data)
        # Missed stays open (a late answer still counts); met and late close it.
        if data.get("status") in SETTLED:
            self._close(data.get("inject"), data.get("index"))

    def _close(self, inject: object, index: object) -> None:
        """Stop countdown ``index`` of item ``inject``: from an expectation that settled
        it, or, on a trainee's seat, from the host's marker that says only that."""
        due = self._due.get(str(inject))
        if due is not None and isinstance(index, int) and 0 <= index < len(due):
            due[index] = None

    def open_deadlines(self) -> dict[str, float]:
        """The earliest deadline still open of every item that has one, by item id, as
        the log says: from the deadlines a delivery carries and the expectation events
        that settle them. The live console and a replay count open questions from it."""
        found: dict[str, float] = {}
        for item, due in self._due.items():
            still = [d for d in due if d is not None]
            if still:
                found[item] = min(still)
        return found

    def _add(self, event: Event) -> FeedItem:
        data = cast(DeliveredData, event.data)
        team = data["source"] == Source.TEAM
        text = clean(data.get("text") or "")
        reaction = data.get("reaction")
        line = " ".join(text.split())
        # A share is the team's text passed on; a quote-post shows the post it quotes.
        if reaction == Reaction.SHARE:
            line = "↻ " + line
        elif reaction == Reaction.QUOTE and (quoted := self.by_id.get(data.get("reply_to") or "")):
            line = f"{line}  » {quoted.line}"
        item = FeedItem(
            index=len(self.items),
            id=data["item"],
            t=event.t,
            channel=data["channel"],
            kind=data["kind"],
            source=data["source"],
            author=data["author"],
            name=clean(data.get("name") or "", single_line=True),
            handle=clean(data.get("handle") or "", single_line=True),
            role=TEAM_ROLE if team else data.get("role", Role.CITIZEN),
            text=text,
            line=line,
            reply_to=data.get("reply_to"),
            reaction=reaction,
            platform=data.get("platform"),
            read=team,
        )
        self.unread += not item.read
        self.items.append(item)
        self.by_id[item.id] = item
        if item.reply_to:
            self.replies.setdefault(item.reply_to, []).append(item.id)
        if item.kind == Kind.CALL or (item.reply_to in self.calls.calls and not team):
            self.calls.delivered(event.t, event.data)  # a call rings, or its journalist asks
        return item

    def _note(self, event: Event) -> None:
        data = cast(NoteData, event.data)
        targets = [str(target) for target in data.get("to") or ()]
        observer = bool(data.get("observer"))
        note = Done(
            OBSERVER if observer else Action.NOTE,
            event.t,
            data.get("by"),
            text=clean(data.get("text") or ""),
        )
        if observer:
            self.observer_notes.append(ObserverNote(note, tuple(targets)))
            if not self.observer_notes_on_items:
                return
        else:
            self.notes.append(note)
            self.log.append((note, tuple(targets)))
        for target in targets:
            self._mark(target, note)

    def _evaluation(self, event: Event) -> None:
        data = cast(EvaluationData, event.data)
        remark = Remark(
            data["kind"],
            event.t,
            clean(data.get("text") or ""),
            clean(data.get("by") or "", single_line=True) or None,
            data.get("rating"),
        )
        objective = data.get("objective")
        if remark.kind == Evaluation.RATE and objective:
            self.ratings[objective] = remark
        elif remark.kind != Evaluation.RATE:
            self.remarks.append(remark)

    def _action(self, event: Event) -> None:
        data = cast(ActionData, event.data)
        kind = data["action"]
        if kind in TEAM_WORK or data.get("draft"):
            self._team_work(event, data)
            if kind in TEAM_WORK:
                # The team's work among themselves: in its log, not done to the item.
                targets = tuple(str(t) for t in data.get("to") or ())
                self.log.append((self._done(event, data), targets))
                return
        if kind == Action.REPLY:
            for target in data.get("to") or ():
                self.claims.pop(target, None)  # the mark goes with the next bump below
        elif kind == Action.TAKE:
            self.calls.taken(event.t, event.data)  # its row is bumped with the mark below
        done = self._done(event, data)
        self.log.append((done, tuple(str(t) for t in data.get("to") or ())))
        for target in data.get("to") or ():
            self._mark(target, done)

    @staticmethod
    def _done(event: Event, data: ActionData) -> Done:
        return Done(
            data["action"],
            event.t,
            data.get("by"),
            data.get("label"),
            clean(data.get("text") or ""),
            data.get("reason"),
            clean(data.get("recipient") or "", single_line=True) or None,
        )

    def _team_work(self, event: Event, data: ActionData) -> None:
        """A draft, its publication or return, or a claim or release of an item."""
        kind = data["action"]
        by = clean(data.get("by") or "", single_line=True) or None
        seat = data.get("seat")
        targets = tuple(str(t) for t in data.get("to") or ())
        if kind == Action.CLAIM:
            for target in targets:
                self.claims[target] = Claim(by, seat, event.t)
                self._bump(target)
        elif kind == Action.RELEASE:
            for target in targets:
                self.claims.pop(target, None)
                self._bump(target)
        elif kind == Action.DRAFT:
            draft_id = str(data.get("draft") or "")
            self.drafts[draft_id] = Draft(
                draft_id,
                str(data.get("publishes") or ""),
                targets,
                clean(data.get("text") or ""),
                data.get("channel"),
                by,
                seat,
                event.t,
            )
        else:
            draft = self.drafts.get(str(data.get("draft")))
            if draft is None:
                return
            if kind == Action.RETURN:
                draft.status = DraftStatus.RETURNED
                draft.comment = clean(data.get("text") or "")
            elif kind in PUBLISHES:
                draft.status = DraftStatus.PUBLISHED
                draft.published_by, draft.published_at = by, event.t

    def open_drafts(self) -> list[Draft]:
        """The drafts waiting for approval, oldest first."""
        return [d for d in self.drafts.values() if d.status == DraftStatus.OPEN]

    def _mark(self, target: str, done: Done) -> None:
        item = self.by_id.get(target)
        if item is None:
            return
        if item.done is None:
            item.done = []
        item.done.append(done)
        if done.kind != OBSERVER:  # the team has not seen it just because an observer has
            self.mark_read(item)
        if done.kind == Action.FLAG:
            item.flagged = done.label
        elif done.kind == Action.HIDE:
            item.hidden = True
        elif done.kind == Action.UNHIDE:
            item.hidden = False
        elif done.kind in PUBLISHES:
            item.answered = True
        elif done.kind == Action.ESCALATE:
            item.escalated = True
        elif done.kind in (Action.REPORT, Action.ASK_REMOVAL):
            item.reported = True
        item.version += 1

    def _bump(self, target: str) -> None:
        """Redraw an item's row: who has taken it changed."""
        item = self.by_id.get(target)
        if item is not None:
            item.version += 1

    def mark_read(self, item: FeedItem) -> None:
        """The team has seen the item."""
        if not item.read:
            item.read = True
            item.version += 1
            self.unread -= 1

    def thread(self, item: FeedItem) -> list[FeedItem]:
        """The item's parent (if any), the item, and the replies under it, in order."""
        chain = []
        parent = self.by_id.get(item.reply_to) if item.reply_to else None
        if parent is not None:
            chain.append(parent)
        chain.append(item)
        chain += [self.by_id[r] for r in self.replies.get(item.id, ()) if r in self.by_id]
        return chain
