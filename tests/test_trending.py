"""Trending terms leave out function words and numbers, on the feed of real runs."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from simulator.engine.engine import Engine
from simulator.engine.monitoring import Monitor
from simulator.engine.stopwords import STOPWORDS
from simulator.scenario.loader import load_scenario, load_scenario_text

#: Words the feeds of the bundled scenarios are full of and that say nothing on their own.
FILLERS = {
    "dag",
    "del",
    "dere",
    "det",
    "dette",
    "som",
    "siden",
    "allerede",
    "hele",
    "still",
    "anyone",
    "now",
    "our",
    "eit",
    "att",
}


@lru_cache(maxsize=4)
def trending_over_a_run(name: str) -> Counter[str]:
    """How often each term was among the eight trending ones, checked every fictional
    minute of a whole run of a bundled scenario, fed as the console feeds its monitor."""
    loaded = load_scenario(name)
    engine = Engine(loaded, 7)
    engine.start()
    engine.advance_to(loaded.scenario.duration, include_deadlines=True)
    monitor = Monitor()
    seen: Counter[str] = Counter()
    minute = 0
    for event in engine.flush():
        data = event.data
        if event.type != "delivered" or data["channel"] not in ("social", "news"):
            continue
        monitor.add(event.t, data["text"])
        if event.t >= minute * 60:
            minute = int(event.t // 60) + 1
            seen.update(term for term, _n in monitor.trending(event.t))
    return seen


#: Words each feed is about, which must still trend.
CONTENT = {
    "jordras": {"brattlia", "#jordras", "kommunen", "kvikkleire"},
    "omdommekrise": {"solbakken", "#reddsolbakken", "sykehjem", "vestvik"},
    "flood": {"ashford", "#ashfordflood", "river", "council"},
    "ekstremver": {"lisida", "#skoddefjord", "nesøyra", "kvernelva"},
    "politi": {"sundbrua", "#fjordvik", "strandgata", "kystveien"},
}


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_function_words_never_trend_and_content_words_do(name: str) -> None:
    seen = trending_over_a_run(name)
    assert CONTENT[name] <= set(seen)
    assert not set(seen) & STOPWORDS
    assert not set(seen) & FILLERS
    assert not [term for term in seen if term.lstrip("#").isdigit()]


def test_numbers_never_trend_however_often_they_come() -> None:
    text = """\
format: 1
id: tall
title: Tall
duration: 20m
language: nn
personas: [{id: kari, name: Kari}]
noise:
  - id: prat
    authors: {role: citizen, count: 5}
    rate: [{at: 0m, per_minute: 30}, {at: 20m, per_minute: 30}]
    mix: {valid: 1}
    texts:
      valid:
        - "Eg har ringt 112 og 113 kl. 14:30 i dag, det er 2026 #2026 no, ikkje sant"
        - "Dei seier at 40 hus i Lia er evakuerte, kva gjer dykk med det"
"""
    loaded = load_scenario_text(text, "tall.yaml")
    engine = Engine(loaded, 1)
    engine.start()
    engine.advance_to(loaded.scenario.duration)
    monitor = Monitor()
    for event in engine.flush():
        if event.type == "delivered":
            monitor.add(event.t, event.data["text"])
    trending = monitor.trending(loaded.scenario.duration, n=50)
    # The posts' words lead; slips of the finger ("evakueret") trail far behind them.
    assert {term for term, _n in trending[:5]} == {"ringt", "sant", "hus", "lia", "evakuerte"}
    assert trending[5][1] < trending[4][1] / 4
    assert not [term for term, _n in trending if term.lstrip("#")[0].isdigit()]
