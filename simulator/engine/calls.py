"""Phone calls: a journalist rings the press seat, and whoever takes the call is on the
phone until it ends.

The desk keeps each call of the exercise and who is on which: it says whether a call may
be taken, and refuses every action of someone on the phone but a note (what they write
down as the journalist talks). The engine writes what a call does in the log: its
delivery, the take (an ``action``), the journalist's questions, and how it ended (a
``call`` event). A restore applies the logged takes again, and the desk follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.events import Action, CallData, CallStatus


def taker_of(request: ActionRequest) -> str:
    """Who acts, as far as being on the phone goes: a seat of a team exercise, else the
    person named (a scripted team's members), else the one console there is ("")."""
    return request.seat or request.by or ""


@dataclass(slots=True)
class CallState:
    """One call delivered: who rings, until when, and who took it."""

    item: str
    caller: str  # the persona's display name
    rings_out: float  # when it rings out if nobody takes it
    lasts: int  # seconds the conversation lasts once taken
    taken_at: float | None = None
    by: str | None = None
    seat: str | None = None
    taker: str | None = None
    over: bool = False  # rang out, or taken and ended

    @property
    def ends_at(self) -> float | None:
        """When the conversation ends (None: not taken)."""
        return None if self.taken_at is None else self.taken_at + self.lasts

    def record(self, status: CallStatus) -> CallData:
        """The ``call`` event's fields: how it ended, and (once taken) who had it."""
        data: CallData = {"item": self.item, "status": status}
        if status == CallStatus.ENDED:
            data["by"] = self.by
            if self.seat is not None:
                data["seat"] = self.seat
        return data


class CallDesk:
    """The calls of one exercise, and who is on the phone."""

    def __init__(self) -> None:
        self.calls: dict[str, CallState] = {}
        self._on_phone: dict[str, CallState] = {}  # by taker

    def ring(self, item: str, caller: str, rings_out: float, lasts: int) -> CallState:
        """A call delivered: it rings until ``rings_out``."""
        call = self.calls[item] = CallState(item, caller, rings_out, lasts)
        return call

    def check(self, request: ActionRequest, clock: Callable[[float], str]) -> None:
        """Refuse any action but a note of someone on the phone. ``clock`` says a scenario
        time as the fictional time of day."""
        busy = self._on_phone.get(taker_of(request))
        if busy is not None and request.kind != Action.NOTE:
            assert busy.ends_at is not None
            raise ActionError("call.busy", caller=busy.caller, until=clock(busy.ends_at))

    def take(self, request: ActionRequest, t: float, clock: Callable[[float], str]) -> CallState:
        """A call taken at ``t``: its taker is on the phone until it ends. Refused, with
        nothing changed, when the item (delivered) is not a call, or the call is taken or
        rang out already."""
        (item,) = request.to  # one call: the request's own check says so
        call = self.calls.get(item)
        if call is None:
            raise ActionError("call.not_call", item=item)
        if call.taken_at is not None:
            if call.by:
                raise ActionError("call.taken", name=call.by, time=clock(call.taken_at))
            raise ActionError("call.taken.someone", time=clock(call.taken_at))
        if call.over:
            raise ActionError("call.rang_out", caller=call.caller, time=clock(call.rings_out))
        call.taken_at, call.by, call.seat = t, request.by, request.seat
        call.taker = taker_of(request)
        self._on_phone[call.taker] = call
        return call

    def ring_out(self, item: str) -> CallState | None:
        """The call's time to ring is up: it rang out, unless someone took it (None)."""
        call = self.calls[item]
        if call.taken_at is not None:
            return None
        call.over = True
        return call

    def end(self, item: str) -> CallState:
        """The conversation is over: its taker is free again."""
        call = self.calls[item]
        call.over = True
        if call.taker is not None and self._on_phone.get(call.taker) is call:
            del self._on_phone[call.taker]
        return call
