"""Durations as planners write them (``90s``, ``15m``, ``1h30m``, ``01:30:00`` or
seconds), and the one set of formatters for the times the product shows: spans, moments
of the exercise (T+) and the fictional time of day."""

from __future__ import annotations

import math
import re
from datetime import time
from typing import Final

from simulator.lang import SaidError, Sayer
from simulator.lang.source import SOURCE
from simulator.scenario.limits import MAX_DIGITS

_say = Sayer(SOURCE)

# ASCII digits only: Python's \d and int() also take '４５' and '٢', which no editor shows
# as the number a planner meant.
_UNITS = re.compile(r"(?:(?P<h>[0-9]+)h)?(?:(?P<m>[0-9]+)m)?(?:(?P<s>[0-9]+)s)?")
_CLOCK = re.compile(r"(?P<h>[0-9]{1,3}):(?P<m>[0-5][0-9]):(?P<s>[0-5][0-9])")
_NUMBER = re.compile(r"[0-9]+")
_TOO_LONG = re.compile(f"[0-9]{{{MAX_DIGITS + 1},}}")

# How a duration is written, said after each refusal.
DURATION_HELP = _say("duration_help")


def parse_duration(value: object) -> int:
    """Return the duration in whole seconds, or raise :class:`SaidError` (a ValueError)
    that says what is wrong and how to write it."""
    if isinstance(value, bool):
        raise _refuse("duration_expected", value=repr(value))
    if isinstance(value, int):
        if value < 0:
            raise _refuse("duration_negative", value=value)
        return value
    if isinstance(value, float):
        if value.is_integer():
            return parse_duration(int(value))
        raise _refuse("duration_whole", value=str(value))
    if not isinstance(value, str):
        raise _refuse("duration_expected", value=type(value).__name__)
    text = value.strip().lower().replace(" ", "")
    if text.startswith("-"):
        raise _refuse("duration_negative_text", value=value)
    too_long = _TOO_LONG.search(text)
    if too_long:
        raise _refuse("duration_digits", count=len(too_long.group()))
    if not text.isascii():
        odd = next(c for c in text if not c.isascii())
        raise _refuse("duration_character", value=value, char=odd, code=f"{ord(odd):04X}")
    if _NUMBER.fullmatch(text):
        return int(text)
    clock = _CLOCK.fullmatch(text)
    if clock:
        return int(clock["h"]) * 3600 + int(clock["m"]) * 60 + int(clock["s"])
    units = _UNITS.fullmatch(text)
    if text and units and any(units.groupdict().values()):
        return sum(int(units[k] or 0) * mult for k, mult in (("h", 3600), ("m", 60), ("s", 1)))
    if ":" in text:
        raise SaidError(_say("duration_ambiguous", value=value))
    raise _refuse("duration_not", value=value)


def _refuse(key: str, **values: object) -> SaidError:
    """A refusal that ends with how a duration is written."""
    return SaidError(_say(key, help=DURATION_HELP, **values))


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


def format_span(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss`` past an hour), a minus sign before a negative span: how
    long something took, as the console and the reports show it."""
    total = round(seconds)
    sign = "-" if total < 0 else ""
    h, rest = divmod(abs(total), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m:02d}:{s:02d}"


def format_offset(seconds: float) -> str:
    """``T+mm:ss`` (or ``T+h:mm:ss`` past an hour): a moment of the exercise, counted from
    its start, as the console and reports show it."""
    return "T+" + format_span(seconds)


#: The fictional time of day an exercise starts at when its scenario gives no ``start``.
DEFAULT_START: Final = time(8, 0)


#: Seconds in a day, on the exercise's fictional clock.
DAY_SECONDS: Final = 24 * 3600
_DAY_TIME = re.compile(r"(?P<h>[01]?[0-9]|2[0-3]):(?P<m>[0-5][0-9])")


def _second_of_day(start: time | None) -> int:
    begin = start or DEFAULT_START
    return begin.hour * 3600 + begin.minute * 60 + begin.second


def day_clock(start: time | None, seconds: float) -> str:
    """The fictional time of day, ``HH:MM``, ``seconds`` into an exercise that starts at
    ``start`` (08:00 when None): what the console, the texts' ``{clock}`` and a replay show."""
    minutes = (_second_of_day(start) + int(seconds)) // 60 % 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def next_minute(start: time | None, seconds: float) -> float:
    """The scenario time after ``seconds`` at which :func:`day_clock` next shows another
    minute: a screen that shows only the time of day need not be drawn before then."""
    offset = (start or DEFAULT_START).second
    return float((math.floor((seconds + offset) / 60) + 1) * 60 - offset)


def parse_day_time(value: object) -> str:
    """A time of day as planners write it (``07:00``, ``7:00``), as ``HH:MM``; or raise
    :class:`SaidError` (a ValueError) that says how to write one."""
    match = _DAY_TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        shown = value if isinstance(value, str) else repr(value)
        raise SaidError(_say("day_time", value=shown))
    return f"{int(match['h']):02d}:{match['m']}"


def seconds_until(start: time | None, clock: str) -> int:
    """Scenario seconds from T+0 to the first ``clock`` (``HH:MM``) at or after the start
    of an exercise that starts at ``start`` (08:00 when None): a time of day earlier than
    the start falls on the next day, as the clock goes on past midnight."""
    hours, minutes = parse_day_time(clock).split(":")
    return (int(hours) * 3600 + int(minutes) * 60 - _second_of_day(start)) % DAY_SECONDS


def _latest(first: int, t: float) -> float:
    """The latest scenario time at or before ``t`` of a daily moment first at ``first``
    (it may lie before T+0: the day before)."""
    return first + math.floor((t - first) / DAY_SECONDS) * DAY_SECONDS


def on_duty_from(start: time | None, opens: str, closes: str, t: float) -> float:
    """When someone is on duty to see what comes at scenario time ``t``, on a channel
    staffed daily from ``opens`` to ``closes`` (``HH:MM``; past midnight when ``closes`` is
    earlier): ``t`` itself within the hours, else the next opening."""
    opened = _latest(seconds_until(start, opens), t)
    closed = _latest(seconds_until(start, closes), t)
    return t if opened > closed else opened + DAY_SECONDS
