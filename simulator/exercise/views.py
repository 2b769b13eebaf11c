"""What a trainee's seat is sent of its team's log, and how its requests name items.

A trainee must learn nothing the team could not know in a real crisis. Beyond the fields
and events the host withholds outright, four things would tell:

- an item's id (``rykte-dam``: "dam rumour") and its ``source`` (the script's, the
  background's or the control cell's) say which items the exercise watches: a trainee
  gets an alias for each id, the same for every seat of the exercise and across a
  restart of the host, and one source for every item not the team's own;
- the ``peak`` reach of a background post that is misleading is its author's usual reach
  times a fixed boost, so comparing an author's posts would tell which are misleading: a
  trainee gets the usual reach (a reach the scenario gives an item itself is kept);
- the engine's findings on a team action (a hide of a "legitimate" item) judge it: they
  are the evaluators', not the team's;
- a countdown that shows nothing (an expectation of restraint) says the item is watched:
  a trainee gets only the deadlines it shows, with the markers that stop them renumbered.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from simulator.engine.events import Source
from simulator.engine.reach import peak_views

#: The one source a trainee is told for any item not the team's own.
PUBLIC_SOURCE = "public"
#: Fields that name items, in the events a trainee is sent and the requests it sends.
_ITEM_FIELDS = ("item", "reply_to", "inject", "quotes")
_ITEM_LISTS = ("to",)
#: What an unknown alias becomes: the name of no item.
UNKNOWN = "?"
#: Characters of an alias after its prefix: 64 bits, no collision in any exercise.
_ALIAS_LENGTH = 16


def alias_key(control_code: str) -> bytes:
    """The key of every item alias of an exercise: from the control cell's code, which
    a restarted host has again and no trainee knows."""
    return hmac.new(control_code.encode(), b"item aliases", hashlib.sha256).digest()


class TraineeView:
    """Turns a team's events into what its trainees see, and their requests back."""

    def __init__(self, key: bytes, audience: int) -> None:
        self._key = key
        self._audience = audience
        self._real: dict[str, str] = {}
        self._alias: dict[str, str] = {}

    def alias(self, item_id: str) -> str:
        """The name a trainee knows item ``item_id`` by; worked out once per item, since
        every trainee seat is sent every item."""
        alias = self._alias.get(item_id)
        if alias is None:
            digest = hmac.new(self._key, item_id.encode("utf-8"), hashlib.sha256).hexdigest()
            alias = self._alias[item_id] = "i" + digest[:_ALIAS_LENGTH]
            self._real[alias] = item_id
        return alias

    def real(self, alias: str) -> str:
        """The item a trainee's alias names; an unknown one, or an item's own id, names
        no item (the engine refuses it as one that does not exist): a trainee cannot
        probe for ids it should not know."""
        return self._real.get(alias, UNKNOWN + alias)

    def record(self, record: dict[str, Any], deadlines: list[float | None] | None) -> None:
        """Rewrite an event's record in place as a trainee sees it."""
        for name in _ITEM_FIELDS:
            value = record.get(name)
            if isinstance(value, str):
                record[name] = self.alias(value)
        for name in _ITEM_LISTS:
            value = record.get(name)
            if isinstance(value, list):
                record[name] = [self.alias(v) if isinstance(v, str) else v for v in value]
        record.pop("findings", None)
        if record.get("type") == "delivered":
            self._delivered(record, deadlines)

    def _delivered(self, record: dict[str, Any], deadlines: list[float | None] | None) -> None:
        if record.get("source") != Source.TEAM:
            record["source"] = PUBLIC_SOURCE
        if deadlines is not None:
            shown = [d for d in deadlines if d is not None]
            if shown:
                record["deadlines"] = shown
            else:
                record.pop("deadlines", None)
        followers, peak = record.get("followers"), record.get("peak")
        if isinstance(followers, int) and isinstance(peak, int) and peak:
            boosted = min(peak_views(None, followers, True), self._audience)
            if peak == boosted:
                record["peak"] = min(peak_views(None, followers, False), self._audience)

    def marker_index(self, deadlines: list[float | None], index: int) -> int:
        """A countdown's index among the deadlines a trainee was sent."""
        return sum(1 for d in deadlines[:index] if d is not None)

    def fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """A trainee's request fields with the items it names as the log names them."""
        out = dict(fields)
        to = out.get("to")
        if isinstance(to, list):
            out["to"] = [self.real(v) if isinstance(v, str) else v for v in to]
        return out
