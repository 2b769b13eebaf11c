"""Background chatter: non-homogeneous Poisson arrivals under a piecewise-linear rate.

Arrival times come from inverting the cumulative rate, which for a piecewise-linear rate is
piecewise quadratic: each arrival costs one exponential draw and at most a square root, with
no rejected samples. Streams are generators, so a million items never sit in memory at once.
"""

from __future__ import annotations

import itertools
import math
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from simulator.scenario.limits import noise_cap, noise_mass
from simulator.scenario.model import NoiseStream, RatePoint


def arrival_times(rate: Sequence[RatePoint], rng: random.Random, end: float) -> Iterator[float]:
    """Arrival times in [first point, min(last point, end)], rate per minute linear between
    points and zero outside them.

    At most ``noise_cap`` of the expected count are given: a Poisson draw has no upper
    limit, and the size of a session must have one (docs/scenario-format.md, "Limits").
    """
    left = noise_cap(noise_mass(rate, end))
    points = [(float(p.at), p.per_minute / 60.0) for p in rate]
    t = points[0][0]
    # An exponential draw as random.expovariate(1.0) makes it, without its call per item.
    draw, log, sqrt = rng.random, math.log, math.sqrt
    need = -log(1.0 - draw())
    for (t0, r0), (seg_end, r1) in itertools.pairwise(points):
        if seg_end <= t0:
            continue
        slope = (r1 - r0) / (seg_end - t0)
        t1 = min(seg_end, end)
        if t1 <= t0:
            return
        t = max(t, t0)
        while True:
            x0 = t - t0
            rate_now = r0 + slope * x0
            rest = rate_now * (t1 - t) + slope * (t1 - t) ** 2 / 2  # mass left in segment
            if need > rest:
                need -= rest
                t = t1
                break
            # Solve rate_now*x + slope*x^2/2 = need for the smallest x >= 0.
            if abs(slope) < 1e-15:
                x = need / rate_now
            else:
                disc = rate_now * rate_now + 2 * slope * need
                x = (-rate_now + sqrt(max(disc, 0.0))) / slope
            t += x
            if left <= 0:
                return
            left -= 1
            yield t
            need = -log(1.0 - draw())
        if t1 >= end:
            return


def _rate_between(rate: Sequence[RatePoint], t: float, after: bool) -> float:
    """The rate per minute at ``t``: where a step puts two points at one moment, the one
    after it (``after``) or the one before; zero outside the points."""
    for p0, p1 in itertools.pairwise(rate):
        if (p0.at <= t < p1.at) if after else (p0.at < t <= p1.at):
            share = (t - p0.at) / (p1.at - p0.at)
            return p0.per_minute + (p1.per_minute - p0.per_minute) * share
    return 0.0


def burst_rate(
    rate: Sequence[RatePoint], start: float, end: float, extra: float
) -> list[RatePoint]:
    """The rate points of a burst from ``start`` to ``end``: ``extra`` times the stream's own
    rate there, arriving beside the stream's own items (a burst of factor 4 adds 3)."""
    inside = [p for p in rate if start < p.at < end]
    points = [
        (start, _rate_between(rate, start, after=True)),
        *((float(p.at), p.per_minute) for p in inside),
        (end, _rate_between(rate, end, after=False)),
    ]
    return [RatePoint.model_construct(at=at, per_minute=r * extra) for at, r in points]


@dataclass(frozen=True, slots=True)
class Mix:
    """Weighted choice among a stream's labels."""

    labels: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, stream: NoiseStream) -> Mix:
        """The stream's labels with positive weight, in the format's fixed order."""
        labels = tuple(k for k, w in stream.mix.items() if w > 0)
        return cls(labels, tuple(accumulate(stream.mix[k] for k in labels)))

    def pick(self, rng: random.Random) -> str:
        """One label, with probability proportional to its weight."""
        return self.labels[bisect(self.cumulative, rng.random() * self.cumulative[-1])]
