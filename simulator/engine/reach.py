"""How far an item spreads: views grow toward a peak, and stop when a rumour is corrected.

views(t) = peak * (1 - exp(-(t - delivered) / TAU)), computed on demand, never stored as
ticks. A misleading item that the team has corrected keeps the views it had at that moment.
The formula and its constants are documented in docs/reach-model.md.
"""

from __future__ import annotations

import math

TAU = 600.0  # seconds: an item reaches 63 % of its peak after ten minutes
FOLLOWER_REACH = 2.0  # views per follower, at the peak, for an ordinary item
MISLEADING_BOOST = 3.0  # rumours travel further than facts
MIN_PEAK = 20
LIKE_RATE = 0.04
SHARE_RATE = 0.006
MISLEADING_SHARE_RATE = 0.02


def peak_views(reach: int | None, followers: int, misleading: bool) -> int:
    """The views an item would reach if nobody intervened."""
    if reach is not None:
        return reach
    base = followers * FOLLOWER_REACH * (MISLEADING_BOOST if misleading else 1.0)
    return max(MIN_PEAK, int(base))


def views_at(peak: int, delivered: float, t: float, frozen_at: float | None = None) -> int:
    """Views at scenario time ``t``; growth stops at ``frozen_at`` (a correction)."""
    until = t if frozen_at is None else min(t, frozen_at)
    if until <= delivered:
        return 0
    return int(peak * (1.0 - math.exp(-(until - delivered) / TAU)))


def engagement(views: int, misleading: bool) -> tuple[int, int]:
    """(likes, shares) derived from views."""
    share_rate = MISLEADING_SHARE_RATE if misleading else SHARE_RATE
    return int(views * LIKE_RATE), int(views * share_rate)
