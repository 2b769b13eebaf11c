"""The phone calls as a console knows them from the log: ringing, taken (and by whom), rung
out, or over.

A call's delivery says when it rings out and how long it lasts once taken; the take is an
action, the journalist's questions are items answering the call, and a ``call`` event
says how it ended. A trainee's seat knows every item by its alias, and so its calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from simulator.engine.events import CallStatus, Kind
from simulator.lang import Catalogue
from simulator.tui.tones import Tone


class CallState(StrEnum):
    """Where a call stands on the console."""

    RINGING = "ringing"
    TAKEN = "taken"  # someone is on the phone with the caller
    RANG_OUT = CallStatus.RANG_OUT.value  # nobody took it: a missed call
    ENDED = CallStatus.ENDED.value


@dataclass(slots=True)
class PhoneCall:
    """One call: who rings and why, until when, and who took it."""

    id: str
    caller: str
    text: str
    t: float  # when it began to ring
    rings_out: float
    lasts: float
    state: CallState = CallState.RINGING
    taken_at: float | None = None
    by: str | None = None
    seat: str | None = None
    #: The questions asked during the call, item ids in the order they came.
    questions: list[str] = field(default_factory=list)

    @property
    def ends_at(self) -> float | None:
        """When the conversation ends (None: not taken)."""
        return None if self.taken_at is None else self.taken_at + self.lasts

    def left(self, now: float) -> float:
        """Seconds left: to ring (ringing), or of the conversation (taken); never below 0."""
        until = self.ends_at if self.state == CallState.TAKEN else self.rings_out
        return max((until or now) - now, 0.0)


class CallBook:
    """The calls of one exercise, from its log."""

    def __init__(self) -> None:
        self.calls: dict[str, PhoneCall] = {}

    def get(self, call_id: str) -> PhoneCall | None:
        """A call by its item id (None: no such call)."""
        return self.calls.get(call_id)

    def delivered(self, t: float, data: dict[str, Any]) -> str | None:
        """A call delivered, or a question asked during one; the call's id, or None for
        any other item."""
        item = str(data.get("item"))
        if data.get("kind") == Kind.CALL:
            rings_out, lasts = data.get("rings_out"), data.get("lasts")
            if not isinstance(rings_out, int | float) or not isinstance(lasts, int | float):
                return None  # not a call the console can ring (a damaged log)
            self.calls[item] = PhoneCall(
                item,
                str(data.get("name") or ""),
                str(data.get("text") or ""),
                t,
                float(rings_out),
                float(lasts),
            )
            return item
        call = self.calls.get(str(data.get("reply_to")))
        if call is None or call.state != CallState.TAKEN:
            return None
        call.questions.append(item)
        return call.id

    def taken(self, t: float, data: dict[str, Any]) -> str | None:
        """A ``take``: the call's id, or None when it names no call."""
        for target in data.get("to") or ():
            call = self.calls.get(str(target))
            if call is not None and call.taken_at is None:
                call.state, call.taken_at = CallState.TAKEN, t
                by, seat = data.get("by"), data.get("seat")
                call.by = by if isinstance(by, str) and by else None
                call.seat = seat if isinstance(seat, str) else None
                return call.id
        return None

    def over(self, data: dict[str, Any]) -> str | None:
        """A ``call`` event: the call rang out or ended; its id (None: no such call)."""
        call = self.calls.get(str(data.get("item")))
        status = data.get("status")
        if call is None or status not in (CallState.RANG_OUT, CallState.ENDED):
            return None
        call.state = CallState(status)
        return call.id

    def ringing(self) -> list[PhoneCall]:
        """The calls ringing now, the first that rang first."""
        return [c for c in self.calls.values() if c.state == CallState.RINGING]

    def on_the_phone(self, seat: str | None) -> PhoneCall | None:
        """The call going on that ``seat`` took (None: a console of its own, which took
        every call it has), or None."""
        for call in self.calls.values():
            if call.state == CallState.TAKEN and (seat is None or call.seat == seat):
                return call
        return None


def call_mark(tr: Catalogue, call: PhoneCall) -> tuple[str, Tone]:
    """How a call shows beside its item: ringing, who is on the phone or answered it, or a
    missed call; with the tone it is drawn in."""
    if call.state == CallState.RINGING:
        return f"☎ {tr('call.mark.ringing')}", Tone.RINGING
    if call.state == CallState.RANG_OUT:
        return f"☎ {tr('call.mark.missed')}", Tone.MISSED
    key = "call.mark.taken" if call.state == CallState.TAKEN else "call.mark.ended"
    if call.by:
        return f"☎ {tr(key, name=call.by)}", Tone.MARKS
    return f"☎ {tr(key + '.someone')}", Tone.MARKS
