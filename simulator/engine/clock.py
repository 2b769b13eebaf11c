"""Scenario time: a scaled, pausable clock over an injected time source.

Scenario time T advances at ``speed`` times real time while running and stands still while
paused. The real-time source is injected, so tests and headless runs use a virtual one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.lang import SaidError, Sayer
from simulator.lang.sessions import SESSIONS

said = Sayer(SESSIONS)
MIN_SPEED, MAX_SPEED = 0.25, 20.0


class ClockError(SaidError):
    """A clock request that makes no sense (a speed out of range, pausing twice)."""


@dataclass(slots=True)
class ManualTime:
    """A real-time source that only moves when told to: for tests and replays."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of real time pass."""
        self.now += seconds


@dataclass(slots=True)
class ScenarioClock:
    """Maps real time to scenario seconds, with pause, resume and speed changes."""

    source: Callable[[], float] = field(default=time.monotonic)
    speed: float = 1.0
    running: bool = False
    _base_t: float = 0.0  # scenario time at the last anchor
    _anchor: float = 0.0  # real time of the last anchor

    def now(self) -> float:
        """Current scenario time in seconds from T+0."""
        if not self.running:
            return self._base_t
        return self._base_t + (self.source() - self._anchor) * self.speed

    def _reanchor(self) -> None:
        self._base_t = self.now()
        self._anchor = self.source()

    def start(self) -> None:
        """Start (or resume) the clock."""
        if self.running:
            raise ClockError(said("clock.running"))
        self._anchor = self.source()
        self.running = True

    def pause(self) -> None:
        """Freeze scenario time."""
        if not self.running:
            raise ClockError(said("clock.paused"))
        self._reanchor()
        self.running = False

    def set_speed(self, speed: float) -> None:
        """Change the speed from now on; time already passed is kept."""
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ClockError(said("clock.speed", low=MIN_SPEED, high=MAX_SPEED, speed=speed))
        self._reanchor()
        self.speed = speed

    def jump_to(self, t: float) -> None:
        """Set scenario time directly (replay, restore, facilitator jumps forward)."""
        self._base_t = t
        self._anchor = self.source()
