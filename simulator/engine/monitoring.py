"""Monitoring aids for the team: trending terms and hashtags, and posts per minute.

These summarise what the feed delivered; the console shows them. They live in the domain
so that they are computed the same way wherever they are shown.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field

from simulator.engine.stopwords import STOPWORDS

WINDOW = 600.0  # trending looks at the last ten fictional minutes
# A term starts with a letter (after an optional '#'), so "112", "14:30" and "#2026" are
# never terms: a number says nothing about what the feed is about.
_WORD = re.compile(r"#?[^\W\d_][\w-]{2,}", re.UNICODE)


@dataclass
class Monitor:
    """Keeps the recent feed's words and its per-minute volume."""

    window: float = WINDOW
    _recent: deque[tuple[float, tuple[str, ...]]] = field(default_factory=deque)
    _counts: Counter[str] = field(default_factory=Counter)
    _per_minute: Counter[int] = field(default_factory=Counter)

    def add(self, t: float, text: str) -> None:
        """Take in one delivered public item."""
        terms = tuple({w.lower() for w in _WORD.findall(text)} - STOPWORDS)
        self._recent.append((t, terms))
        self._counts.update(terms)
        self._per_minute[int(t // 60)] += 1

    def _expire(self, now: float) -> None:
        while self._recent and self._recent[0][0] < now - self.window:
            _t, terms = self._recent.popleft()
            self._counts.subtract(terms)
            for term in terms:
                if self._counts[term] <= 0:
                    del self._counts[term]

    def trending(self, now: float, n: int = 8) -> list[tuple[str, int]]:
        """The most frequent terms and hashtags of the last window, hashtags first on ties."""
        self._expire(now)
        return sorted(
            self._counts.items(), key=lambda kv: (-kv[1], not kv[0].startswith("#"), kv[0])
        )[:n]

    def per_minute(self, now: float, minutes: int = 30) -> list[int]:
        """Items per fictional minute for the last ``minutes`` minutes, oldest first."""
        current = int(now // 60)
        return [self._per_minute.get(m, 0) for m in range(current - minutes + 1, current + 1)]
