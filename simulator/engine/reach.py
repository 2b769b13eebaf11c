"""How far an item spreads: views grow toward a peak, and stop when a rumour is corrected.

views(t) = peak * (1 - exp(-(t - delivered - hidden) / TAU)), computed on demand, never
stored as ticks. A misleading item that the team has corrected keeps the views it had at
that moment; an item gains none while it is hidden (``hidden``: the seconds it was hidden
before t). The peak is capped by the scenario's audience, and items off the public channels
have none. The formula and its constants are documented in docs/reach-model.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from simulator.engine.events import Action, ActionData, EventType

if TYPE_CHECKING:
    from simulator.engine.store import Event

#: When an item was hidden and shown again (None: it is still hidden).
Stretch = tuple[float, float | None]

TAU = 600.0  # seconds: an item reaches 63 % of its peak after ten minutes
FOLLOWER_REACH = 2.0  # views per follower, at the peak, for an ordinary item
MISLEADING_BOOST = 3.0  # rumours travel further than facts
MIN_PEAK = 20
LIKE_RATE = 0.04
SHARE_RATE = 0.006
MISLEADING_SHARE_RATE = 0.02
#: Reactions to a team's post (replies, quote-posts, shares) per view at its peak.
REACTIONS_PER_VIEW = 0.004
#: A public post draws a few reactions however small its reach, and at most this many (times
#: the scenario's volume factor, when above 1): the feed shows a sample, not every one.
MIN_REACTIONS = 3
MAX_REACTIONS = 60


def peak_views(reach: int | None, followers: int, misleading: bool) -> int:
    """The views an item would reach if nobody intervened."""
    if reach is not None:
        return reach
    base = followers * FOLLOWER_REACH * (MISLEADING_BOOST if misleading else 1.0)
    return max(MIN_PEAK, int(base))


def reaction_count(peak: int, volume: float = 1.0) -> int:
    """How many react to a team's post of this peak, at the scenario's volume factor."""
    if peak <= 0 or volume <= 0:
        return 0
    most = int(MAX_REACTIONS * max(1.0, volume))
    return min(most, max(MIN_REACTIONS, round(peak * REACTIONS_PER_VIEW * volume)))


def hidden_before(stretches: Sequence[Stretch], t: float) -> float:
    """Seconds an item was hidden before ``t``."""
    return sum(max(0.0, min(t, t if end is None else end) - start) for start, end in stretches)


def views_at(
    peak: int,
    delivered: float,
    t: float,
    frozen_at: float | None = None,
    hidden: Sequence[Stretch] = (),
) -> int:
    """Views at scenario time ``t``; growth stops at ``frozen_at`` (a correction) and
    pauses while the item is hidden."""
    until = t if frozen_at is None else min(t, frozen_at)
    grown = until - delivered - (hidden_before(hidden, until) if hidden else 0.0)
    if grown <= 0:
        return 0
    return int(peak * (1.0 - math.exp(-grown / TAU)))


def engagement(views: int, misleading: bool) -> tuple[int, int]:
    """(likes, shares) derived from views."""
    share_rate = MISLEADING_SHARE_RATE if misleading else SHARE_RATE
    return int(views * LIKE_RATE), int(views * share_rate)


def hidden_stretches(events: Iterable[Event]) -> dict[str, list[Stretch]]:
    """When each item was hidden and shown again, as the log's actions say: the stretches
    in which it gained no views."""
    found: dict[str, list[Stretch]] = {}
    for event in events:
        if event.type != EventType.ACTION:
            continue
        data = cast(ActionData, event.data)
        for item in data.get("to") or ():
            stretches = found.setdefault(item, [])
            still_hidden = bool(stretches) and stretches[-1][1] is None
            if data["action"] == Action.HIDE and not still_hidden:
                stretches.append((event.t, None))
            elif data["action"] == Action.UNHIDE and still_hidden:
                stretches[-1] = (stretches[-1][0], event.t)
    return {item: s for item, s in found.items() if s}
