"""A finished or interrupted exercise, read back for the debrief: what was on screen when.

Replay never runs the engine: it reads the log, so it shows exactly what was recorded.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import cast

from simulator.engine.events import CorrectedData, DeliveredData, EventType, Truth
from simulator.engine.locations import Location
from simulator.engine.reach import engagement, hidden_stretches, views_at
from simulator.engine.store import Event
from simulator.engine.stored import stored_session
from simulator.scenario.durations import day_clock
from simulator.scenario.loader import LoadedScenario
from simulator.scoring.metrics import checked_events


class ReplayLog:
    """Every event of a session in order, with quick access by scenario time."""

    def __init__(self, session: Path | Location) -> None:
        location = session if isinstance(session, Location) else Location(str(session))
        store = location.open(readonly=True)
        path = location.file or Path(location.name)
        try:
            self.events: list[Event] = list(checked_events(store.events(), str(location)))
            self.complete = store.ended
            stored = stored_session(store)
        finally:
            store.close()
        self.loaded: LoadedScenario = stored.loaded
        self.path = path
        self.seed = stored.seed
        self.times = [e.t for e in self.events]
        self.end = max(self.times, default=0.0)
        self._peaks: dict[str, tuple[float, int, bool]] = {}
        self._corrected: dict[str, float] = {}
        self._hidden = hidden_stretches(self.events)
        for event in self.events:
            if event.type == EventType.DELIVERED:
                data = cast(DeliveredData, event.data)
                self._peaks[data["item"]] = (
                    event.t,
                    int(data.get("peak") or 0),
                    data.get("truth") == Truth.MISLEADING,
                )
            elif event.type == EventType.CORRECTED:
                corrected = cast(CorrectedData, event.data)
                self._corrected.setdefault(corrected["item"], event.t)

    def count_until(self, t: float) -> int:
        """How many events happened at or before scenario time ``t``."""
        return bisect_right(self.times, t)

    def clock_text(self, t: float) -> str:
        """The fictional time of day at ``t``."""
        start = self.loaded.scenario.start
        return day_clock(start.timetz() if start else None, t)

    def figures(self, item: str, t: float) -> tuple[int, int, int]:
        """(views, likes, shares) of an item at ``t``, as the exercise showed them."""
        if item not in self._peaks:
            return 0, 0, 0
        delivered, peak, misleading = self._peaks[item]
        corrected = self._corrected.get(item)
        views = views_at(
            peak,
            delivered,
            t,
            corrected if corrected is not None and corrected <= t else None,
            self._hidden.get(item, ()),
        )
        return (views, *engagement(views, misleading))
