"""What every benchmark shares: timing, the machine's description, a result row."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Result:
    """One benchmark figure beside its baseline from the same run."""

    name: str
    figure: float
    baseline: float
    unit: str
    target: str
    met: bool
    detail: str = ""

    @property
    def ratio(self) -> float:
        """Figure divided by baseline."""
        return self.figure / self.baseline if self.baseline else float("inf")

    def line(self) -> str:
        """One printable line."""
        verdict = "met" if self.met else "NOT MET"
        return (
            f"{self.name}: {self.figure:.4g} {self.unit} vs baseline {self.baseline:.4g} "
            f"{self.unit} = {self.ratio:.2f}x (target {self.target}: {verdict})"
            + (f"  [{self.detail}]" if self.detail else "")
        )


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """The fastest of several runs, in seconds: the least disturbed by a noisy machine."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` (0 to 1) of ``values`` lie (the nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
