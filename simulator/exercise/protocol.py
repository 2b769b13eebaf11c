"""The messages between a team exercise's host and its seats: one JSON object per line.

A seat says ``hello`` with its code and the last event it has, then sends ``request``s;
the host answers with ``welcome``, the committed ``events`` the seat may see, an ``ack``
for each request once its events are committed, the ``clock`` when it changes, and
``refused`` when it will not go on with a seat. Every line is checked before it is used:
a line too long, not JSON, or of the wrong shape becomes a :class:`ProtocolError` that
says why with a key of the exercise table, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import orjson

from simulator.exercise import MAX_TEAMS
from simulator.lang import Entry, Said, Sayer
from simulator.lang.engine import ENGINE
from simulator.lang.exercise import EXERCISE

said = Sayer(EXERCISE)
#: The catalogue tables a refusal may name.
_TABLES: dict[str, Mapping[str, Entry]] = {"exercise": EXERCISE, "engine": ENGINE}

#: The longest line a seat may send: a request's text is a few kilobytes at most.
MAX_SEAT_LINE = 64 * 1024
#: The longest line the host sends: a backlog goes out in batches well under this.
MAX_HOST_LINE = 4 * 1024 * 1024
#: The ``type`` of the neutral marker a trainee seat gets instead of an expectation event:
#: that countdown ``index`` of item ``inject`` stops, without saying how it went.
SETTLED_MARKER = "settled"
#: The optional fields of a team action or an evaluator's record on the wire, besides
#: ``do`` and ``to``; who did it is never among them: the host knows it from the seat.
ACTION_FIELDS = (
    "text",
    "label",
    "channel",
    "reason",
    "recipient",
    "objective",
    "rating",
    "draft",
    "publishes",
)
#: The longest request id and seat name: ids are UUIDs, names a person's name.
MAX_ID = 64
MAX_NAME = 100


class MessageKind(StrEnum):
    """The ``type`` of a message."""

    HELLO = "hello"  # seat → host
    REQUEST = "request"  # seat → host
    WELCOME = "welcome"  # host → seat
    EVENTS = "events"  # host → seat
    ACK = "ack"  # host → seat
    CLOCK = "clock"  # host → seat
    REFUSED = "refused"  # host → seat


class RequestKind(StrEnum):
    """What a request asks the host to do."""

    ACTION = "action"  # a team action or a note (``action`` holds its fields)
    EVALUATE = "evaluate"  # an evaluator's rating, strength or improvement
    PAUSE = "pause"
    RESUME = "resume"
    SPEED = "speed"  # ``value``: the new speed
    JUMP = "jump"  # ``value``: the scenario second to jump to
    END = "end"
    ADHOC = "adhoc"  # a facilitator's item (``action``: persona, kind, text, channel, within)


#: The requests that change the clock: the control cell's.
CLOCK_REQUESTS = frozenset(
    {RequestKind.PAUSE, RequestKind.RESUME, RequestKind.SPEED, RequestKind.JUMP, RequestKind.END}
)


class ProtocolError(Exception):
    """A line that is not a message: why, as a key of the exercise table and its values."""

    def __init__(self, key: str, **values: object) -> None:
        self.said: Said = said(key, **values)
        super().__init__(self.said.text())


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request or a seat was refused: a catalogue key and its values.

    ``table`` names the catalogue table (``engine`` for an action the engine refused,
    ``exercise`` for the host's own reasons), so the seat says it in its language.
    """

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    table: str = "exercise"

    @classmethod
    def of(cls, said_: Said, table: str) -> Refusal:
        """A refusal from words waiting for their language; a clause inside is kept as a
        nested ``{key, values}`` of the same table."""
        return cls(said_.key, _wire_values(said_), table)

    def as_dict(self) -> dict[str, Any]:
        """The refusal as it goes on the wire."""
        return {"key": self.key, "values": self.values, "table": self.table}

    def said(self) -> Said:
        """The refusal as words waiting for the seat's language.

        A key the seat's catalogue does not have (a host of another version) is said as
        the host's own words for a protocol error, never as a failure of the seat.
        """
        table = _TABLES.get(self.table, EXERCISE)
        try:
            return Sayer(table)(self.key, **_said_values(table, self.values))
        except (KeyError, ValueError):
            return said("message.kind", kind=self.key[:40])


def _said_values(table: Mapping[str, Entry], values: dict[str, Any]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, dict) and isinstance(value.get("key"), str):
            nested = value.get("values")
            out[name] = Sayer(table)(
                value["key"], **_said_values(table, nested if isinstance(nested, dict) else {})
            )
        else:
            out[name] = value
    return out


def _wire_values(said_: Said) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in said_.values:
        if isinstance(value, Said):
            out[name] = {"key": value.key, "values": _wire_values(value)}
        elif value is None or isinstance(value, str | int | float | bool):
            out[name] = value
        else:
            out[name] = str(value)
    return out


@dataclass(frozen=True, slots=True)
class Hello:
    """A seat joins: its code, the name of the person at it, and the last event it has of
    each team's log it follows (a trainee one, the control cell every team's)."""

    code: str
    name: str
    last: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Request:
    """A seat asks for something; ``id`` is the seat's own, unique, reused on a resend."""

    id: str
    kind: RequestKind
    action: dict[str, Any] | None = None  # the fields of an action or an evaluation
    value: float | None = None  # a speed, or the scenario second to jump to
    #: The team the control cell means (None: every team, for an ad-hoc item); a team's
    #: own seats always act on their own team.
    team: str | None = None


@dataclass(frozen=True, slots=True)
class Welcome:
    """The host took the seat: who it is, and what follows (events after ``last_seq``)."""

    seat: str
    role: str
    team: str
    name: str
    scenario: str
    language: str
    #: The teams whose logs this seat follows.
    teams: list[str] = field(default_factory=list)
    #: Where the seat's console reads the exercise's scenario (a private copy the host keeps).
    source: str = ""


@dataclass(frozen=True, slots=True)
class Events:
    """Committed events of one team's log, in order, as the seat may see them; ``upto`` is
    the last seq of that log they cover (some events may be withheld from this seat)."""

    events: list[dict[str, Any]]
    upto: int
    team: str = "1"


@dataclass(frozen=True, slots=True)
class Ack:
    """A request's outcome, sent after its events were committed (and sent)."""

    id: str
    ok: bool
    refusal: Refusal | None = None


@dataclass(frozen=True, slots=True)
class Clock:
    """The exercise clock as it is now: a seat works out the time shown from this."""

    t: float
    speed: float
    running: bool
    ended: bool


@dataclass(frozen=True, slots=True)
class Refused:
    """The host will not go on with this seat, and why."""

    reason: Refusal


Message = Hello | Request | Welcome | Events | Ack | Clock | Refused


def encode(message: Message) -> bytes:
    """One message as one line of JSON, ending in a newline."""
    return orjson.dumps(_as_dict(message)) + b"\n"


def _as_dict(message: Message) -> dict[str, Any]:
    if isinstance(message, Hello):
        return {
            "type": MessageKind.HELLO,
            "code": message.code,
            "name": message.name,
            "last": message.last,
        }
    if isinstance(message, Request):
        data: dict[str, Any] = {"type": MessageKind.REQUEST, "id": message.id, "kind": message.kind}
        if message.action is not None:
            data["action"] = message.action
        if message.value is not None:
            data["value"] = message.value
        if message.team is not None:
            data["team"] = message.team
        return data
    if isinstance(message, Welcome):
        return {
            "type": MessageKind.WELCOME,
            "seat": message.seat,
            "role": message.role,
            "team": message.team,
            "name": message.name,
            "scenario": message.scenario,
            "language": message.language,
            "teams": message.teams,
            "source": message.source,
        }
    if isinstance(message, Events):
        return {
            "type": MessageKind.EVENTS,
            "events": message.events,
            "upto": message.upto,
            "team": message.team,
        }
    if isinstance(message, Ack):
        refusal = None if message.refusal is None else message.refusal.as_dict()
        return {"type": MessageKind.ACK, "id": message.id, "ok": message.ok, "refusal": refusal}
    if isinstance(message, Clock):
        return {
            "type": MessageKind.CLOCK,
            "t": message.t,
            "speed": message.speed,
            "running": message.running,
            "ended": message.ended,
        }
    return {"type": MessageKind.REFUSED, "reason": message.reason.as_dict()}


def decode(line: bytes, limit: int = MAX_SEAT_LINE) -> Message:
    """The message on one line, or :class:`ProtocolError` saying what is wrong with it."""
    if len(line) > limit:
        raise ProtocolError("line.too_long", limit=limit)
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise ProtocolError("line.malformed") from None
    if not isinstance(data, dict):
        raise ProtocolError("line.malformed")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in MessageKind._value2member_map_:
        raise ProtocolError("message.kind", kind=str(kind)[:40])
    return _DECODERS[MessageKind(kind)](_Fields(kind, data))


class _Fields:
    """A message's fields, each taken with its type checked."""

    def __init__(self, kind: str, data: dict[str, Any]) -> None:
        self.kind, self.data = kind, data

    def _bad(self, name: str) -> ProtocolError:
        return ProtocolError("message.field", kind=self.kind, field=name)

    def text(self, name: str, most: int | None = None, *, empty: bool = False) -> str:
        value = self.data.get(name)
        if not isinstance(value, str) or (not empty and not value):
            raise self._bad(name)
        if most is not None and len(value) > most:
            raise self._bad(name)
        return value

    def integer(self, name: str, default: int | None = None) -> int:
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._bad(name)
        return value

    def number(self, name: str, *, optional: bool = False) -> float | None:
        value = self.data.get(name)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._bad(name)
        return float(value)

    def flag(self, name: str) -> bool:
        value = self.data.get(name)
        if not isinstance(value, bool):
            raise self._bad(name)
        return value

    def mapping(self, name: str, *, optional: bool = False) -> dict[str, Any] | None:
        value = self.data.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise self._bad(name)
        return value

    def counts(self, name: str) -> dict[str, int]:
        value = self.data.get(name, {})
        if not isinstance(value, dict) or len(value) > MAX_TEAMS:
            raise self._bad(name)
        for key, count in value.items():
            if len(key) > MAX_ID or isinstance(count, bool) or not isinstance(count, int):
                raise self._bad(name)
            if count < 0:
                raise self._bad(name)
        return value

    def names(self, name: str) -> list[str]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._bad(name)
        return value

    def listing(self, name: str) -> list[dict[str, Any]]:
        value = self.data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self._bad(name)
        return value

    def refusal(self, name: str, *, optional: bool = False) -> Refusal | None:
        value = self.mapping(name, optional=optional)
        if value is None:
            return None
        key, values = value.get("key"), value.get("values", {})
        if not isinstance(key, str) or not isinstance(values, dict):
            raise self._bad(name)
        table = value.get("table", "exercise")
        return Refusal(key, values, table if isinstance(table, str) else "exercise")


def _hello(f: _Fields) -> Hello:
    # No name: the seat does not know it yet (a browser tab's console, before the person
    # has typed it); the host answers with the name the code last joined with, if any.
    return Hello(f.text("code", MAX_NAME), f.text("name", MAX_NAME, empty=True), f.counts("last"))


def _request(f: _Fields) -> Request:
    kind = f.text("kind", MAX_ID)
    if kind not in RequestKind._value2member_map_:
        raise ProtocolError("message.field", kind=f.kind, field="kind")
    return Request(
        f.text("id", MAX_ID),
        RequestKind(kind),
        f.mapping("action", optional=True),
        f.number("value", optional=True),
        f.text("team", MAX_ID) if f.data.get("team") is not None else None,
    )


def _welcome(f: _Fields) -> Welcome:
    return Welcome(
        f.text("seat"),
        f.text("role"),
        f.text("team"),
        f.text("name", empty=True),  # a browser tab's, before the person has typed it
        f.text("scenario"),
        f.text("language"),
        f.names("teams"),
        f.text("source", empty=True) if "source" in f.data else "",
    )


def _events(f: _Fields) -> Events:
    return Events(f.listing("events"), f.integer("upto"), f.text("team", MAX_ID))


def _ack(f: _Fields) -> Ack:
    return Ack(f.text("id", MAX_ID), f.flag("ok"), f.refusal("refusal", optional=True))


def _clock(f: _Fields) -> Clock:
    return Clock(f.number("t") or 0.0, f.number("speed") or 0.0, f.flag("running"), f.flag("ended"))


def _refused(f: _Fields) -> Refused:
    reason = f.refusal("reason")
    assert reason is not None  # not optional: refusal() raised otherwise
    return Refused(reason)


_DECODERS: dict[MessageKind, Callable[[_Fields], Message]] = {
    MessageKind.HELLO: _hello,
    MessageKind.REQUEST: _request,
    MessageKind.WELCOME: _welcome,
    MessageKind.EVENTS: _events,
    MessageKind.ACK: _ack,
    MessageKind.CLOCK: _clock,
    MessageKind.REFUSED: _refused,
}
