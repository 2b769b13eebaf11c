"""How far an item spreads: views take off, grow toward a peak, and fade once corrected.

An item's views follow an S-shaped curve of its age (the seconds it has been out and not
hidden): few views in its first minutes, a take-off around MIDPOINT, then levelling off
toward its peak, as posts that spread by sharing do. A misleading item that the team has
corrected is shared less and less from that moment: its rate of new views halves every
HALF_LIFE, so it grows a little more and then stands still, far below the peak a rumour
left alone reaches. Views are computed on demand, never stored as ticks. The peak is
capped by the scenario's audience, and items off the public channels have none. The
formula and its constants are documented in docs/reach-model.md.
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

MIDPOINT = 600.0  # seconds of age: an item has half its peak after ten minutes
SPREAD = 150.0  # seconds: how sharp the take-off is (from 10 % to 90 % in about 11 minutes)
HALF_LIFE = 120.0  # seconds: a corrected rumour's rate of new views halves every two minutes
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


def _logistic(age: float) -> float:
    return 1.0 / (1.0 + math.exp(-(age - MIDPOINT) / SPREAD))


_AT_ZERO = _logistic(0.0)


def spread(age: float) -> float:
    """The share of its peak an item has reached at ``age`` seconds: 0 when delivered, 1 in
    the end (the logistic curve, shifted to start at 0)."""
    if age <= 0:
        return 0.0
    return (_logistic(age) - _AT_ZERO) / (1.0 - _AT_ZERO)


def spread_rate(age: float) -> float:
    """The share of its peak an item gains per second at ``age`` (the slope of
    :func:`spread`)."""
    if age <= 0:
        return 0.0
    s = _logistic(age)
    return s * (1.0 - s) / SPREAD / (1.0 - _AT_ZERO)


def views_at(
    peak: int,
    delivered: float,
    t: float,
    corrected_at: float | None = None,
    hidden: Sequence[Stretch] = (),
) -> int:
    """Views at scenario time ``t``. Growth pauses while the item is hidden; from
    ``corrected_at`` (a correction) its rate of new views halves every HALF_LIFE."""

    def age(when: float) -> float:
        return when - delivered - (hidden_before(hidden, when) if hidden else 0.0)

    if corrected_at is None or t <= corrected_at:
        return int(peak * spread(age(t)))
    at_correction = age(corrected_at)
    since = max(0.0, age(t) - max(at_correction, 0.0))
    # The rate at the correction, halving from then on, summed over the time since.
    tail = spread_rate(at_correction) * HALF_LIFE / math.log(2) * (1.0 - 0.5 ** (since / HALF_LIFE))
    # Never more than the same rumour left alone: a late correction saves little.
    return int(peak * min(spread(age(t)), spread(at_correction) + tail))


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
