"""Durations as planners write them."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.scenario.durations import (
    day_clock,
    format_clock,
    format_duration,
    next_minute,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("1h30m", 5400),
        ("1h", 3600),
        ("4m30s", 270),
        ("01:30:00", 5400),
        ("00:04:30", 270),
        (600, 600),
        ("600", 600),
        ("0s", 0),
        ("1H 30M", 5400),
    ],
)
def test_accepted_forms(text: object, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("-5m", "negative"),
        (-1, "negative"),
        ("1:30", "ambiguous"),
        ("soon", "not a duration"),
        ("", "not a duration"),
        (True, "expected a duration"),
        (1.5, "whole seconds"),
        ("15 minutes", "not a duration"),
        ([1], "expected a duration"),
    ],
)
def test_rejected_forms_say_how_to_write_them(text: object, fragment: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_duration(text)
    assert fragment in str(err.value)
    assert "15m" in str(err.value) or "4m30s" in str(err.value)


@given(st.integers(min_value=0, max_value=10 * 24 * 3600))
def test_formatted_durations_parse_back(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(format_clock(seconds)) == seconds


@given(
    st.integers(min_value=0, max_value=59),
    st.floats(min_value=0, max_value=20 * 3600, allow_nan=False),
)
def test_next_minute_is_when_the_time_of_day_shown_next_changes(second: int, now: float) -> None:
    start = time(6, 40, second)
    later = next_minute(start, now)
    assert now < later <= now + 60
    assert day_clock(start, later) != day_clock(start, now)
    # Not a moment before: just short of it, the time of day shown is still the same.
    assert day_clock(start, max(later - 0.001, now)) == day_clock(start, now)
