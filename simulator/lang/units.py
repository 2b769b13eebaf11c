"""Durations as people read them: ``1 h 30 min`` in English, ``1 t 30 min`` in Norwegian.

A scenario file writes durations its own way (``1h30m``, see
:mod:`simulator.scenario.durations`); that form is kept wherever the reader types it back,
and this one is used wherever a duration is only read.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Catalogue, Entry

UNITS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "hours": ("{n} h", "{n} t", "{n} t"),
    "minutes": ("{n} min", "{n} min", "{n} min"),
    "seconds": ("{n} s", "{n} s", "{n} s"),
}


def say_duration(seconds: float, language: str | None = None) -> str:
    """``1 h 30 min``, ``4 min 30 s``, ``0 s``: whole seconds, in ``language``."""
    words = Catalogue(UNITS, language)
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    parts = [words(unit, n=n) for unit, n in (("hours", h), ("minutes", m), ("seconds", s)) if n]
    return " ".join(parts) or words("seconds", n=0)
