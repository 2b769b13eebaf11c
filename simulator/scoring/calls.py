"""The phone calls of a session, as the debrief shows them: who rang, who took the call
and how fast, or that it rang out, what the journalist asked and the notes written during
the call.

Everything is read from the log, as the scoring pass over it meets the events: the call
delivered, the take, the questions, the notes to the call and how it ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.engine.events import CallStatus, DeliveredData, Kind

#: How a call stands when the log stops without saying how it ended: still ringing, or
#: taken and still going on (the exercise ended, or was interrupted, first).
RINGING = "ringing"
TAKEN = "taken"


@dataclass(slots=True)
class CallNote:
    """A note written to a call while it went on (or after)."""

    t: float
    by: str | None
    text: str


@dataclass(slots=True)
class CallResult:
    """One phone call and what became of it."""

    item: str
    caller: str
    text: str  # what the ringing showed
    delivered: float
    rings_out: float | None
    status: str = RINGING  # RINGING, TAKEN, or a CallStatus
    taken_at: float | None = None
    by: str | None = None
    seat: str | None = None
    ended_at: float | None = None  # when it rang out or ended
    questions: list[tuple[float, str]] = field(default_factory=list)
    notes: list[CallNote] = field(default_factory=list)

    @property
    def response_time(self) -> float | None:
        """Seconds from the first ring to the take; None when nobody took it."""
        return None if self.taken_at is None else self.taken_at - self.delivered

    def as_json(self) -> dict[str, Any]:
        """The contract's fields."""
        return {
            "call": self.item,
            "caller": self.caller,
            "text": self.text,
            "delivered": self.delivered,
            "rings_out": self.rings_out,
            "status": self.status,
            "taken": self.taken_at,
            "by": self.by,
            "response_time": self.response_time,
            "ended": self.ended_at,
            "questions": [{"t": t, "text": text} for t, text in self.questions],
            "notes": [{"t": n.t, "by": n.by, "text": n.text} for n in self.notes],
        }


class CallLog:
    """Collects the calls of one session from its log, in the order they rang."""

    def __init__(self) -> None:
        self.calls: dict[str, CallResult] = {}

    def delivered(self, t: float, data: DeliveredData) -> None:
        """A scripted item: a call that rings, or a question asked during one."""
        if data.get("kind") == Kind.CALL:
            rings_out = data.get("rings_out")
            self.calls[data["item"]] = CallResult(
                data["item"],
                str(data.get("name") or ""),
                str(data.get("text") or ""),
                t,
                float(rings_out) if isinstance(rings_out, int | float) else None,
            )
            return
        call = self.calls.get(str(data.get("reply_to")))
        if call is not None and data["item"].startswith(f"{call.item}-q"):
            call.questions.append((t, str(data.get("text") or "")))

    def taken(self, t: float, data: dict[str, Any]) -> None:
        """A ``take``: who took which call, and when."""
        for item in data.get("to") or ():
            call = self.calls.get(item)
            if call is not None and call.taken_at is None:
                call.status, call.taken_at = TAKEN, t
                call.by, call.seat = data.get("by"), data.get("seat")

    def noted(self, t: float, data: dict[str, Any]) -> None:
        """A note of the team's: kept with each call it is written to."""
        if data.get("observer"):
            return
        for item in data.get("to") or ():
            call = self.calls.get(item)
            if call is not None:
                call.notes.append(CallNote(t, data.get("by"), str(data.get("text") or "")))

    def ended(self, t: float, data: dict[str, Any]) -> None:
        """A ``call`` event: the call rang out, or its conversation ended."""
        call = self.calls.get(str(data.get("item")))
        if call is not None and data.get("status") in set(CallStatus):
            call.status, call.ended_at = str(data["status"]), t

    def results(self) -> list[CallResult]:
        """Every call, in the order they rang."""
        return list(self.calls.values())
