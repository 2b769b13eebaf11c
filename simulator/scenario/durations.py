"""Durations as planners write them: ``90s``, ``15m``, ``1h30m``, ``01:30:00`` or seconds."""

from __future__ import annotations

import re

from simulator.scenario.limits import MAX_DIGITS

# ASCII digits only: Python's \d and int() also take '４５' and '٢', which no editor shows
# as the number a planner meant.
_UNITS = re.compile(r"(?:(?P<h>[0-9]+)h)?(?:(?P<m>[0-9]+)m)?(?:(?P<s>[0-9]+)s)?")
_CLOCK = re.compile(r"(?P<h>[0-9]{1,3}):(?P<m>[0-5][0-9]):(?P<s>[0-5][0-9])")
_NUMBER = re.compile(r"[0-9]+")
_TOO_LONG = re.compile(f"[0-9]{{{MAX_DIGITS + 1},}}")

DURATION_HELP = "write it like 90s, 15m, 1h30m, 01:30:00, or a whole number of seconds"


def parse_duration(value: object) -> int:
    """Return the duration in whole seconds, or raise ValueError with the fix in the message."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration, got {value!r}; {DURATION_HELP}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"a duration cannot be negative ({value}); {DURATION_HELP}")
        return value
    if isinstance(value, float):
        if value.is_integer():
            return parse_duration(int(value))
        raise ValueError(f"a duration is whole seconds, got {value}; {DURATION_HELP}")
    if not isinstance(value, str):
        raise ValueError(f"expected a duration, got {type(value).__name__}; {DURATION_HELP}")
    text = value.strip().lower().replace(" ", "")
    if text.startswith("-"):
        raise ValueError(f"a duration cannot be negative ({value!r}); {DURATION_HELP}")
    too_long = _TOO_LONG.search(text)
    if too_long:
        raise ValueError(
            f"a number of {len(too_long.group())} digits is far too long for a duration; "
            f"{DURATION_HELP}"
        )
    if not text.isascii():
        odd = next(c for c in text if not c.isascii())
        raise ValueError(
            f"{value!r} holds the character {odd!r} (U+{ord(odd):04X}); write durations with "
            f"the digits 0-9 and the letters h, m, s; {DURATION_HELP}"
        )
    if _NUMBER.fullmatch(text):
        return int(text)
    clock = _CLOCK.fullmatch(text)
    if clock:
        return int(clock["h"]) * 3600 + int(clock["m"]) * 60 + int(clock["s"])
    units = _UNITS.fullmatch(text)
    if text and units and any(units.groupdict().values()):
        return sum(int(units[k] or 0) * mult for k, mult in (("h", 3600), ("m", 60), ("s", 1)))
    if ":" in text:
        raise ValueError(
            f"{value!r} is ambiguous; write hours, minutes and seconds as "
            "HH:MM:SS (00:04:30), or use units (4m30s)"
        )
    raise ValueError(f"{value!r} is not a duration; {DURATION_HELP}")


def format_duration(seconds: float) -> str:
    """Compact form that parses back to the same value: ``1h30m``, ``4m30s``, ``0s``."""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    parts = [f"{h}h" if h else "", f"{m}m" if m else "", f"{s}s" if s else ""]
    return "".join(parts) or "0s"


def format_clock(seconds: float) -> str:
    """``HH:MM:SS`` for spreadsheets and tables (parses back to the same value)."""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def format_offset(seconds: float) -> str:
    """``T+mm:ss`` (or ``T+h:mm:ss`` past an hour), as the console and reports show it."""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"T+{h}:{m:02d}:{s:02d}" if h else f"T+{m:02d}:{s:02d}"
