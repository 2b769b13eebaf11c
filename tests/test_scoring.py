"""``crisis-sim score``: every figure of the debrief, pinned on hand-built sessions.

Each session here is written event by event with ``SessionStore.create`` and ``append``, so
every answer is known in advance; the arithmetic is worked out by hand in the comments.
The reports (JSON contract, CSV, Markdown, table), comparison and bad input go through the
command line, as a facilitator would use it. One end-to-end check scores a real
``simulate`` run, and one checks that the hand-built log matches what the engine writes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.reach import views_at
from simulator.engine.store import Event, SessionStore
from simulator.scoring.metrics import Score, percentile, score_session
from tests.helpers import run_cli

# -- the scenario every hand-built session carries ------------------------------------------

DRILL = """\
format: 1
id: drill
title: Drill
duration: 90m
language: nb
variables:
  sted: Bakkeby
personas:
  - id: kari
    name: Kari Nordmann
  - id: avisa
    name: Avisa
    role: media
injects:
  - id: press-1
    at: 1m
    from: avisa
    kind: press
    text: "Hvor mange er evakuert?"
    expect:
      - do: reply
        within: 20m
        points: 2
  - id: press-2
    at: 2m
    from: avisa
    kind: press
    text: "Hvem har ansvaret?"
    expect:
      - do: reply
        within: 20m
  - id: rumour
    at: 3m
    from: kari
    kind: post
    text: "Dammen har brutt!"
    truth: misleading
    reach: 6000
    expect:
      - do: flag
        label: misleading
        within: 15m
      - do: reply
        within: 15m
  - id: rumour-spread
    after: {missed: rumour}
    delay: 1m
    from: kari
    kind: post
    text: "Alle deler det nå"
    truth: misleading
    reach: 9000
    expect:
      - do: statement
        within: 10m
  - id: sens
    at: 4m
    from: kari
    kind: post
    sensitive: true
    text: "Naboen min bor alene"
    expect:
      - do: hide
        points: 3
scoring:
  first_statement: 15m
"""

# The same scenario under another id: a session of it cannot be compared with a drill one.
OTHER = DRILL.replace("id: drill", "id: other-drill", 1)

END = 5400.0  # duration 90m
WALL_BASE = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
WALL_SPEED = 2.0  # these logs ran at 2x: wall seconds = scenario seconds / 2


def wall(t: float) -> str:
    """The commit time of an event at scenario time t, in the store's format."""
    moment = WALL_BASE + timedelta(seconds=t / WALL_SPEED)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Log:
    """A session's events, written by hand with the field names of docs/sessions.md."""

    def __init__(self, scenario: str = DRILL, seed: int = 7) -> None:
        self.scenario, self.seed = scenario, seed
        self.scenario_id = scenario.split("id: ", 1)[1].split("\n", 1)[0]
        self.events: list[Event] = []
        self.add(
            "session_start",
            0,
            scenario=self.scenario_id,
            title="Drill",
            language="nb",
            sha256=hashlib.sha256(scenario.encode()).hexdigest(),
            seed=seed,
            version="0.1.0",
            speed=WALL_SPEED,
        )
        self.add("clock", 0, op="start", speed=WALL_SPEED)

    def add(self, event_type: str, t: float, /, **data: Any) -> Log:
        self.events.append(Event(event_type, float(t), data, wall(t)))
        return self

    def deliver(
        self,
        t: float,
        item: str,
        *,
        source: str = "noise",
        channel: str = "social",
        kind: str = "post",
        truth: str | None = None,
        sensitive: bool = False,
        peak: int = 100,
        reply_to: str | None = None,
    ) -> Log:
        team = source == "team"
        return self.add(
            "delivered",
            t,
            item=item,
            source=source,
            channel=channel,
            kind=kind,
            author="org" if team else "someone",
            name="Someone",
            handle="someone",
            role="agency" if team else "citizen",
            followers=100,
            text=f"text {item}",
            truth=truth,
            sensitive=sensitive,
            abusive=False,
            reply_to=reply_to,
            peak=peak,
        )

    def act(
        self,
        t: float,
        action: str,
        to: list[str] | tuple[str, ...] = (),
        *,
        by: str | None = None,
        label: str | None = None,
        channel: str | None = None,
        findings: list[dict[str, str]] | None = None,
        item: str | None = None,
        text: str = "",
    ) -> Log:
        return self.add(
            "action",
            t,
            action=action,
            to=list(to),
            text=text,
            label=label,
            channel=channel,
            by=by,
            findings=findings or [],
            item=item,
        )

    def outcome(
        self,
        t: float,
        inject: str,
        index: int,
        do: list[str],
        status: str,
        delivered: float,
        deadline: float,
        responded: float | None = None,
        points: float = 1,
        **extra: Any,
    ) -> Log:
        return self.add(
            "expectation",
            t,
            inject=inject,
            index=index,
            do=do,
            status=status,
            delivered=float(delivered),
            deadline=float(deadline),
            responded=None if responded is None else float(responded),
            response_time=None if responded is None else float(responded - delivered),
            points=points,
            **extra,
        )

    def end(self, t: float = END) -> Log:
        return self.add("session_end", t, reason="completed")

    def save(self, path: Path, upto: float | None = None) -> Path:
        """Write the session file; with ``upto``, only the events up to that time (a crash)."""
        store = SessionStore.create(
            path,
            {
                "scenario": self.scenario_id,
                "scenario_text": self.scenario,
                "scenario_sha256": hashlib.sha256(self.scenario.encode()).hexdigest(),
                "seed": str(self.seed),
                "tool_version": "0.1.0",
                "faker_version": "unknown",
                "created": "2026-11-26T10:00:00+00:00",
            },
        )
        try:
            store.append(e for e in self.events if upto is None or e.t <= upto)
        finally:
            store.close()
        return path


def drill_log() -> Log:
    """The worked example: a team that does some things right, some late, some not at all.

    Injects (from the scenario): press-1 at 60 (reply within 20m, 2 pts), press-2 at 120
    (reply within 20m), rumour at 180 (flag misleading and reply, each within 15m),
    sens at 240 (hide, default sensitive deadline 10m, 3 pts), rumour-spread after the
    rumour's first missed deadline + 1m (statement within 10m). Noise: prat-1..prat-7.
    """
    log = Log()
    log.deliver(
        60, "press-1", source="inject", channel="press", kind="press", truth="valid", peak=400
    )
    log.deliver(
        120, "press-2", source="inject", channel="press", kind="press", truth="valid", peak=400
    )
    log.deliver(180, "rumour", source="inject", truth="misleading", peak=6000)
    log.deliver(200, "prat-1", truth="misleading", peak=1000)  # flagged + answered: corrected
    log.deliver(210, "prat-2", truth="misleading", peak=800)  # flag valid, then misleading
    log.deliver(220, "prat-3", truth="misleading", peak=500)  # flagged irrelevant: missed
    log.deliver(230, "prat-4", truth="valid", peak=300)  # flagged misleading: false alarm
    log.deliver(235, "prat-5", truth="irrelevant", peak=100)  # misleading, then valid
    log.deliver(240, "sens", source="inject", sensitive=True, peak=50)
    log.deliver(250, "prat-6", sensitive=True, peak=100)  # never hidden
    # An internal statement: team text, but not public (first_statement must skip it).
    log.act(300, "statement", by="Kari", channel="internal", item="team-1", text="Møte nå")
    log.deliver(300, "team-1", source="team", channel="internal", kind="official", peak=20)
    log.add("note", 360, text="Ring politiet", to=[], by="Kari", observer=False)  # not an action
    log.deliver(400, "prat-7", sensitive=True, peak=100)  # hidden at 1000
    log.act(400, "flag", ["prat-4", "prat-5"], by="Ola", label="misleading")
    log.act(450, "flag", ["prat-2"], by="Ola", label="valid")
    log.act(500, "flag", ["prat-5"], by="Ola", label="valid")
    # sens: delivered 240, deadline 240 + 600 = 840; hidden at 540 -> met, 300 s.
    log.act(540, "hide", ["sens"])
    log.outcome(540, "sens", 0, ["hide"], "met", 240, 840, 540, points=3)
    # rumour #0: delivered 180, deadline 180 + 900 = 1080; flagged at 600 -> met, 420 s.
    log.act(600, "flag", ["rumour"], by="Ola", label="misleading")
    log.outcome(600, "rumour", 0, ["flag"], "met", 180, 1080, 600)
    log.act(700, "flag", ["prat-1"], by="Ola", label="misleading")
    log.act(720, "flag", ["prat-3"], by="Ola", label="irrelevant")
    log.act(800, "flag", ["prat-2"], label="misleading")
    # A reply in the open feed: the first public text (960 > target 900: not on time).
    # prat-1 is now flagged misleading and answered: corrected at 960.
    log.act(
        960,
        "reply",
        ["prat-1"],
        by="Kari",
        item="team-2",
        text="Feil.",
        findings=[
            {"rule": "phone", "match": "912 34 567"},
            {"rule": "national_id", "match": "01017012345"},
        ],
    )
    log.deliver(960, "team-2", source="team", channel="social", peak=20, reply_to="prat-1")
    log.add("corrected", 960, item="prat-1", views=views_at(1000, 200, 960))
    log.act(1000, "hide", ["prat-7"], by="Kari")
    # rumour #1 (reply) is never answered: missed at its deadline, 1080, which fires
    # rumour-spread (after: {missed: rumour}, delay 1m) at 1140.
    log.outcome(1080, "rumour", 1, ["reply"], "missed", 180, 1080)
    log.act(1100, "hide", ["prat-7"])  # hidden again: it was up 1000 - 400, not 1100 - 400
    log.deliver(1140, "rumour-spread", source="inject", truth="misleading", peak=9000)
    # rumour-spread: deadline 1140 + 600 = 1740; statement at 1200 -> met, 60 s.
    log.act(
        1200,
        "statement",
        by="Kari",
        channel="social",
        item="team-3",
        text="Dammen står",
        findings=[{"rule": "avoid", "match": "demens"}],
    )
    log.deliver(1200, "team-3", source="team", channel="social", kind="official", peak=20)
    log.outcome(1200, "rumour-spread", 0, ["statement"], "met", 1140, 1740, 1200)
    # press-1: delivered 60, deadline 60 + 1200 = 1260; answered AT 1260 -> met, 1200 s.
    log.act(1260, "reply", ["press-1"], by="Ola", item="team-4", text="Tretti.")
    log.deliver(1260, "team-4", source="team", channel="press", peak=20, reply_to="press-1")
    log.outcome(1260, "press-1", 0, ["reply"], "met", 60, 1260, 1260, points=2)
    # press-2: delivered 120, deadline 1320; missed AT 1320, answered at 1500 -> late, 1380 s.
    log.outcome(1320, "press-2", 0, ["reply"], "missed", 120, 1320)
    log.act(
        1500,
        "reply",
        ["press-2"],
        item="team-5",
        text="Ordføreren.",
        findings=[{"rule": "email", "match": "ola@example.no"}],
    )
    log.deliver(1500, "team-5", source="team", channel="press", peak=20, reply_to="press-2")
    log.outcome(1500, "press-2", 0, ["reply"], "late", 120, 1320, 1500)
    return log.end()


@pytest.fixture
def drill(tmp_path: Path) -> Path:
    return drill_log().save(tmp_path / "drill.sqlite")


@pytest.fixture
def drill_score(drill: Path) -> Score:
    return score_session(drill)


def empty_session(path: Path, build: Any = None) -> Path:
    """A complete session with only the events ``build(log)`` adds."""
    log = Log()
    if build is not None:
        build(log)
    return log.end().save(path)


# -- per expectation --------------------------------------------------------------------------


def test_met_at_the_deadline_missed_at_it_then_late_and_the_missed_follow_up(
    drill_score: Score,
) -> None:
    rows = [
        (
            e.inject,
            e.index,
            e.do,
            e.delivered,
            e.deadline,
            e.responded,
            e.response_time,
            e.status,
            e.points,
        )
        for e in drill_score.expectations
    ]
    # Sorted by delivery time, then inject and index.
    assert rows == [
        # answered exactly at the deadline (1260 = 60 + 20m): met, 1260 - 60 = 1200 s
        ("press-1", 0, ["reply"], 60.0, 1260.0, 1260.0, 1200.0, "met", 2.0),
        # missed at 1320, answered at 1500: the later event wins, late, 1500 - 120 = 1380 s
        ("press-2", 0, ["reply"], 120.0, 1320.0, 1500.0, 1380.0, "late", 1.0),
        ("rumour", 0, ["flag"], 180.0, 1080.0, 600.0, 420.0, "met", 1.0),
        ("rumour", 1, ["reply"], 180.0, 1080.0, None, None, "missed", 1.0),
        ("sens", 0, ["hide"], 240.0, 840.0, 540.0, 300.0, "met", 3.0),
        # the `after: {missed: rumour}` follow-up, delivered at 1080 + 60 and met
        ("rumour-spread", 0, ["statement"], 1140.0, 1740.0, 1200.0, 60.0, "met", 1.0),
    ]
    assert [e.kind for e in drill_score.expectations] == [
        "press",
        "press",
        "post",
        "post",
        "post",
        "post",
    ]


def test_counts_on_time_rate_and_the_points_weighted_score(drill_score: Score) -> None:
    s = drill_score.summary
    # met: press-1, rumour#0, sens, rumour-spread = 4; late: press-2; missed: rumour#1.
    assert (s["met"], s["late"], s["missed"]) == (4, 1, 1)
    assert s["on_time_rate"] == pytest.approx(4 / 6)
    # points:  press-1 2 + press-2 1 + rumour#0 1 + rumour#1 1 + sens 3 + rumour-spread 1 = 9
    # earned:  press-1 2 (met) + press-2 0.85 (late by 180 s of a 1200 s window, linear:
    #          1 - 180/1200) + rumour#0 1 + rumour#1 0 (missed) + sens 3 + rumour-spread 1
    #          = 7.85
    # penalties: four guideline findings (phone, national_id, avoid, email) × 1 = 4
    # score:   100 * (7.85 - 4) / 9 = 42.78... -> 42.8
    assert (s["points_earned"], s["penalties"], s["points_possible"]) == (7.85, 4, 9)
    assert s["score"] == 42.8


def test_response_time_median_p90_max_in_scenario_and_wall_time(drill_score: Score) -> None:
    s = drill_score.summary
    # Answered (met or late): 1200, 1380, 420, 300, 60 -> sorted 60, 300, 420, 1200, 1380.
    # median: rank 4 * 0.5 = 2 -> 420;  p90: rank 4 * 0.9 = 3.6 -> 1200 + 0.6 * 180 = 1308.
    assert s["median_response_time"] == 420.0
    assert s["p90_response_time"] == pytest.approx(1308.0)
    assert s["max_response_time"] == 1380.0
    # The log ran at 2x: each wall response is half: 30, 150, 210, 600, 690.
    assert s["median_response_wall"] == pytest.approx(210.0)
    assert s["p90_response_wall"] == pytest.approx(654.0)
    assert s["max_response_wall"] == pytest.approx(690.0)
    assert [e.wall_response_time for e in drill_score.expectations] == pytest.approx(
        [600.0, 690.0, 210.0, None, 150.0, 30.0]
    )


def test_percentile_interpolates_linearly() -> None:
    assert percentile([], 50) is None
    assert percentile([7.0], 90) == 7.0
    # [10, 20, 30, 40]: rank 3 * 0.5 = 1.5 -> 20 + 0.5 * 10 = 25; rank 2.7 -> 30 + 0.7 * 10.
    assert percentile([40.0, 10.0, 30.0, 20.0], 50) == 25.0
    assert percentile([40.0, 10.0, 30.0, 20.0], 90) == pytest.approx(37.0)
    assert percentile([40.0, 10.0, 30.0, 20.0], 100) == 40.0


# -- first statement, press --------------------------------------------------------------------


def test_first_public_statement_skips_internal_and_press_replies(drill_score: Score) -> None:
    s = drill_score.summary
    # team-1 at 300 is an internal statement; team-4/5 answer journalists (channel press);
    # the first public text is the reply in the open feed at 960. Target 15m = 900.
    assert s["first_statement"] == 960.0
    assert s["first_statement_target"] == 900.0
    assert s["first_statement_on_time"] is False


def test_first_statement_none_after_only_internal_and_press_texts(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(60, "press-1", source="inject", channel="press", kind="press")
        log.act(120, "statement", channel="internal", item="team-1", text="Internt")
        log.deliver(120, "team-1", source="team", channel="internal", kind="official")
        # A reply to a journalist's inquiry goes to the press channel: not public either.
        log.act(180, "reply", ["press-1"], item="team-2", text="Svar")
        log.deliver(180, "team-2", source="team", channel="press", reply_to="press-1")

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    assert s["first_statement"] is None
    assert s["first_statement_on_time"] is False  # a target of 15m, and nothing public


def test_first_statement_exactly_at_target_is_on_time(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.act(100, "statement", channel="internal", item="team-1", text="Internt")
        log.deliver(100, "team-1", source="team", channel="internal", kind="official")
        # A statement to the press channel is public (only 'internal' is not).
        log.act(900, "statement", channel="press", item="team-2", text="Til pressen")
        log.deliver(900, "team-2", source="team", channel="press", kind="official")

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    assert (s["first_statement"], s["first_statement_on_time"]) == (900.0, True)


def test_press_answered_on_time(drill_score: Score) -> None:
    # press-1 met, press-2 late: one of two press inquiries answered on time.
    s = drill_score.summary
    assert (s["press_answered_on_time"], s["press_total"]) == (1, 2)


# -- flags ---------------------------------------------------------------------------------------


def test_flag_precision_recall_f1_from_the_latest_flag(drill_score: Score) -> None:
    s = drill_score.summary
    # Delivered misleading: rumour, prat-1, prat-2, prat-3, rumour-spread = 5.
    # Latest flag 'misleading': rumour, prat-1, prat-2 (valid, then misleading), prat-4
    # (truth valid) = 4. prat-5 was flagged misleading and then valid: not counted.
    # TP = 3 (rumour, prat-1, prat-2); FP = 1 (prat-4); FN = 2 (prat-3 flagged irrelevant,
    # rumour-spread never flagged).
    # precision 3/4 = 0.75; recall 3/5 = 0.6; F1 = 2 * 0.75 * 0.6 / 1.35 = 2/3.
    assert s["flag_precision"] == pytest.approx(0.75)
    assert s["flag_recall"] == pytest.approx(0.6)
    assert s["flag_f1"] == pytest.approx(2 / 3)


def test_flag_changed_away_from_misleading_removes_a_true_positive(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(10, "m1", truth="misleading")
        log.deliver(20, "m2", truth="misleading")
        log.deliver(30, "v1", truth="valid")
        log.act(100, "flag", ["m1", "m2", "v1"], label="misleading")
        log.act(200, "flag", ["m2"], label="valid")  # changed its mind about m2

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    # Latest misleading: m1 (TP), v1 (FP); m2 is now valid (FN).
    # precision 1/2, recall 1/2, F1 = 2 * 0.25 / 1 = 0.5.
    assert (s["flag_precision"], s["flag_recall"], s["flag_f1"]) == (0.5, 0.5, 0.5)


# -- rumour exposure -------------------------------------------------------------------------------


def test_rumour_exposure_at_correction_and_at_the_end(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(100, "m-fixed", truth="misleading", peak=2000)
        log.deliver(200, "m-open", truth="misleading", peak=3000)
        log.deliver(50, "v-big", truth="valid", peak=1_000_000)  # not a rumour: not counted
        log.act(700, "flag", ["m-fixed"], label="misleading")
        log.act(700, "reply", ["m-fixed"], item="team-1", text="Feil")
        log.deliver(700, "team-1", source="team", peak=20, reply_to="m-fixed")
        log.add("corrected", 700, item="m-fixed", views=views_at(2000, 100, 700))

    path = empty_session(tmp_path / "s.sqlite", build)
    # Corrected at 700, ten minutes after delivery: half its peak (1000) then, and its rate
    # of new views (2000 * 0.5 * 0.5 / 150 s = 3.33 a second) halving every two minutes
    # adds 3.33 * 120 / ln 2 = 577 more by the end.
    fixed = views_at(2000, 100, END, 700)
    assert fixed == 1569
    assert views_at(2000, 100, 700) == 981  # the curve starts at 0: a little under half
    # Never corrected, at the end 5400: at its peak (rounded down).
    still = views_at(3000, 200, END)
    assert still == 2999
    score = score_session(path)
    assert score.summary["rumour_exposure"] == fixed + still == 4568
    curves = {r.item: (r.peak, r.corrected, r.final_views) for r in score.rumours}
    assert curves == {"m-fixed": (2000, 700.0, 1569), "m-open": (3000, None, 2999)}


def test_rumour_exposure_of_the_drill(drill_score: Score) -> None:
    expected = (
        views_at(6000, 180, END)  # rumour, never corrected: 5999
        + views_at(1000, 200, END, 960)  # prat-1, corrected at 960: 963
        + views_at(800, 210, END)  # prat-2: 799
        + views_at(500, 220, END)  # prat-3: 499
        + views_at(9000, 1140, END)
    )  # rumour-spread: 8999
    assert expected == 5999 + 963 + 799 + 499 + 8999 == 17259
    assert drill_score.summary["rumour_exposure"] == expected


# -- sensitive items, guidelines, members ----------------------------------------------------------


def test_sensitive_items_hidden_and_how_long_they_stayed_up(drill_score: Score) -> None:
    s = drill_score.summary
    # sens: 240 -> hidden 540 = 300 s; prat-6: 250 -> never, end 5400 = 5150 s;
    # prat-7: 400 -> first hide 1000 = 600 s (the second hide at 1100 changes nothing).
    assert (s["sensitive_hidden"], s["sensitive_total"]) == (2, 3)
    assert s["sensitive_max_exposed"] == 5150.0
    assert s["sensitive_mean_exposed"] == pytest.approx((300 + 5150 + 600) / 3)


def test_hiding_an_item_that_is_not_sensitive_does_not_count(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(10, "abuse", truth="valid")
        log.act(20, "hide", ["abuse"])

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    assert (s["sensitive_hidden"], s["sensitive_total"]) == (0, 0)
    assert s["sensitive_max_exposed"] is None and s["sensitive_mean_exposed"] is None


def test_an_unhidden_sensitive_item_is_up_again_until_it_is_hidden_again(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(100, "a", sensitive=True)  # up 100-200, hidden, up 500-900, hidden
        log.act(200, "hide", ["a"])
        log.act(500, "unhide", ["a"])
        log.act(900, "hide", ["a"])
        log.deliver(100, "b", sensitive=True)  # up 100-300, hidden, unhidden 1000 to the end
        log.act(300, "hide", ["b"])
        log.act(1000, "unhide", ["b"])
        log.act(1100, "unhide", ["b"])  # an unhide of a visible item changes nothing

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    a = (200 - 100) + (900 - 500)
    b = (300 - 100) + (END - 1000)
    assert (s["sensitive_hidden"], s["sensitive_total"]) == (1, 2)  # b is up at the end
    assert s["sensitive_max_exposed"] == b
    assert s["sensitive_mean_exposed"] == pytest.approx((a + b) / 2)


def _simulate(tmp_path: Path, name: str, team: str) -> Path:
    (tmp_path / "drill.yaml").write_text(DRILL, encoding="utf-8")
    (tmp_path / f"{name}.yaml").write_text(team, encoding="utf-8")
    proc = run_cli(
        "simulate",
        "drill.yaml",
        "--seed",
        "7",
        "--actions",
        f"{name}.yaml",
        "--session",
        f"{name}.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    return tmp_path / f"{name}.sqlite"


def test_a_scripted_unhide_counts_in_the_simulated_session(tmp_path: Path) -> None:
    team = DRILL_TEAM.replace(
        "- {at: 9m, do: hide, to: sens}\n",
        "- {at: 9m, do: hide, to: sens, reason: personal_data}\n"
        "- {at: 12m, do: unhide, to: sens}\n"
        "- {at: 14m, do: hide, to: sens, reason: other}\n",
    )
    assert team != DRILL_TEAM
    plain = score_session(_simulate(tmp_path, "plain", DRILL_TEAM)).summary
    path = _simulate(tmp_path, "unhide", team)
    store = SessionStore.open(path, readonly=True)
    try:
        hides = [
            (e.t, e.data["action"], e.data["reason"])
            for e in store.events()
            if e.type == "action" and e.data["to"] == ["sens"]
        ]
    finally:
        store.close()
    assert hides == [(540, "hide", "personal_data"), (720, "unhide", None), (840, "hide", "other")]
    s = score_session(path).summary
    assert (s["sensitive_hidden"], s["sensitive_total"]) == (
        plain["sensitive_hidden"],
        plain["sensitive_total"],
    )
    # sens was up again from the unhide at 720 to the hide at 840: 120 s more in all.
    total = s["sensitive_mean_exposed"] * s["sensitive_total"]
    plain_total = plain["sensitive_mean_exposed"] * plain["sensitive_total"]
    assert total - plain_total == pytest.approx(840 - 720)


def test_guideline_findings_counted_from_action_events(drill_score: Score) -> None:
    # 960: phone + national_id; 1200: avoid; 1500: email -> 4.
    assert drill_score.summary["guideline_findings"] == 4
    assert [(f["t"], f["action"], f["kind"], f["text"]) for f in drill_score.findings] == [
        (960.0, "reply", "phone", "912 34 567"),
        (960.0, "reply", "national_id", "01017012345"),
        (1200.0, "statement", "avoid", "demens"),
        (1500.0, "reply", "email", "ola@example.no"),
    ]


def test_actions_per_team_member(drill_score: Score) -> None:
    # Kari: statement 300, reply 960, hide 1000, statement 1200 = 4 (her note is no action);
    # Ola: flags 400, 450, 500, 600, 700, 720, reply 1260 = 7;
    # no name: hide 540, flag 800, hide 1100, reply 1500 = 4.
    assert drill_score.summary["actions_by_member"] == {"(no name)": 4, "Kari": 4, "Ola": 7}


# -- undefined is null, never 0 -------------------------------------------------------------------


def test_no_flags_precision_is_none_recall_is_zero(tmp_path: Path) -> None:
    path = empty_session(
        tmp_path / "s.sqlite", lambda log: log.deliver(10, "m1", truth="misleading", peak=100)
    )
    s = score_session(path).summary
    assert s["flag_precision"] is None
    assert s["flag_recall"] == 0.0  # 0 of 1 misleading item flagged: defined, and 0
    assert s["flag_f1"] is None


def test_no_misleading_delivered_recall_is_none(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(10, "v1", truth="valid")
        log.act(20, "flag", ["v1"], label="misleading")

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    assert s["flag_precision"] == 0.0  # 0 of 1 flags right
    assert s["flag_recall"] is None
    assert s["flag_f1"] is None
    assert s["rumour_exposure"] == 0


def test_precision_and_recall_both_zero_give_no_f1(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(10, "v1", truth="valid")
        log.deliver(10, "m1", truth="misleading")
        log.act(20, "flag", ["v1"], label="misleading")

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    assert (s["flag_precision"], s["flag_recall"], s["flag_f1"]) == (0.0, 0.0, None)


def test_no_expectations_no_rate_no_score(tmp_path: Path) -> None:
    score = score_session(empty_session(tmp_path / "s.sqlite"))
    s = score.summary
    assert score.expectations == []
    assert (s["met"], s["late"], s["missed"]) == (0, 0, 0)
    for key in (
        "on_time_rate",
        "score",
        "median_response_time",
        "p90_response_time",
        "max_response_time",
        "median_response_wall",
        "p90_response_wall",
        "max_response_wall",
        "first_statement",
        "flag_precision",
        "flag_recall",
        "flag_f1",
        "sensitive_max_exposed",
        "sensitive_mean_exposed",
    ):
        assert s[key] is None, key
    assert (s["press_answered_on_time"], s["press_total"]) == (0, 0)
    assert (s["rumour_exposure"], s["guideline_findings"], s["actions_by_member"]) == (0, 0, {})


def test_only_missed_expectations_score_zero_not_none(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(60, "press-1", source="inject", channel="press", kind="press")
        log.outcome(1260, "press-1", 0, ["reply"], "missed", 60, 1260, points=2)

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    # Defined, and 0: one expectation, none met.
    assert (s["on_time_rate"], s["score"]) == (0.0, 0.0)
    assert s["median_response_time"] is None  # nothing was answered


def test_score_weighted_by_decimal_points(tmp_path: Path) -> None:
    def build(log: Log) -> None:
        log.deliver(60, "press-1", source="inject", channel="press", kind="press")
        log.deliver(120, "press-2", source="inject", channel="press", kind="press")
        log.outcome(300, "press-1", 0, ["reply"], "met", 60, 1260, 300, points=0.5)
        log.outcome(1320, "press-2", 0, ["reply"], "missed", 120, 1320, points=2.5)
        log.outcome(1400, "press-2", 0, ["reply"], "late", 120, 1320, 1400, points=2.5)

    s = score_session(empty_session(tmp_path / "s.sqlite", build)).summary
    # press-2 is 80 s late in a 1200 s window: timeliness 1 - 80/1200 = 0.9333...
    # 100 * (0.5 * 1 + 2.5 * 0.9333) / (0.5 + 2.5) = 100 * 2.8333 / 3 = 94.44 -> 94.4
    assert s["score"] == 94.4
    assert s["on_time_rate"] == 0.5


# -- an interrupted session ----------------------------------------------------------------------


def test_interrupted_session_scores_up_to_its_last_event(tmp_path: Path) -> None:
    # The drill, cut after the delivery of rumour-spread at 1140: no session_end.
    score = score_session(drill_log().save(tmp_path / "crash.sqlite", upto=1140))
    s = score.summary
    assert score.complete is False
    assert score.end == 1140.0
    # Settled by 1140: sens met, rumour#0 met, rumour#1 missed. press-1 (deadline 1260),
    # press-2 (1320) and rumour-spread (1740) are still open: the log has no outcome yet,
    # so their rows come from the scenario, with their deadlines and points.
    assert [
        (e.inject, e.index, e.status, e.deadline, e.responded, e.points) for e in score.expectations
    ] == [
        ("press-1", 0, "open", 1260.0, None, 2.0),
        ("press-2", 0, "open", 1320.0, None, 1.0),
        ("rumour", 0, "met", 1080.0, 600.0, 1.0),
        ("rumour", 1, "missed", 1080.0, None, 1.0),
        ("sens", 0, "met", 840.0, 540.0, 3.0),
        ("rumour-spread", 0, "open", 1740.0, None, 1.0),
    ]
    assert (s["met"], s["late"], s["missed"], s["open"]) == (2, 0, 1, 3)
    # Open ones can still go either way, so they are not judged; the two findings of the
    # reply at 960 (phone, national_id) cost a point each:
    # 100 * (3 + 1 + 0 - 2) / (3 + 1 + 1) = 40.0, on time 2 of the 3 settled.
    assert s["score"] == 40.0
    assert s["on_time_rate"] == pytest.approx(2 / 3)
    assert (s["press_answered_on_time"], s["press_total"]) == (0, 0)
    # Rumours count up to 1140, not to the scenario's end: rumour 5491; prat-1, corrected
    # at 960, 883; prat-2 718; prat-3 446; rumour-spread delivered at 1140: 0.
    expected = (
        views_at(6000, 180, 1140)
        + views_at(1000, 200, 1140, 960)
        + views_at(800, 210, 1140)
        + views_at(500, 220, 1140)
        + views_at(9000, 1140, 1140)
    )
    assert expected == 5491 + 883 + 718 + 446 + 0
    assert s["rumour_exposure"] == expected
    # sens 300; prat-6 250 -> 1140 = 890; prat-7 600.
    assert s["sensitive_max_exposed"] == 890.0
    assert s["sensitive_mean_exposed"] == pytest.approx((300 + 890 + 600) / 3)


def test_interrupted_session_through_the_command(tmp_path: Path) -> None:
    path = drill_log().save(tmp_path / "crash.sqlite", upto=1140)
    proc = run_cli("score", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["session"]["complete"] is False
    assert "interrupted" in proc.stderr and str(path) in proc.stderr
    assert data["expectations"][0] == {
        "inject": "press-1",
        "do": ["reply"],
        "delivered": 60.0,
        "deadline": 1260.0,
        "responded": None,
        "response_time": None,
        "status": "open",
        "points": 2,
        "objective": None,
        "earned": 0,
        "missing": [],
        "breach": None,
        "breach_reason": None,
    }
    assert [e["status"] for e in data["expectations"]].count("open") == 3
    assert data["summary"]["open"] == 3


def test_a_complete_session_has_nothing_open(drill_score: Score) -> None:
    # Ended: every expectation was settled, and the unanswered one stays missed.
    assert drill_score.complete
    assert "open" not in {e.status for e in drill_score.expectations}
    assert drill_score.summary["open"] == 0
    assert [e.status for e in drill_score.expectations if e.inject == "rumour"] == ["met", "missed"]


# -- the JSON contract ---------------------------------------------------------------------------

CONTRACT_SUMMARY = {
    "met",
    "late",
    "missed",
    "on_time_rate",
    "median_response_time",
    "p90_response_time",
    "max_response_time",
    "first_statement",
    "flag_precision",
    "flag_recall",
    "flag_f1",
    "rumour_exposure",
    "sensitive_hidden",
    "sensitive_total",
    "guideline_findings",
    "score",
}
CONTRACT_EXPECTATION = {
    "inject",
    "do",
    "delivered",
    "deadline",
    "responded",
    "response_time",
    "status",
    "points",
    "objective",
    "earned",
    "missing",
    "breach",
    "breach_reason",
}
# What an expectation of a scenario without objectives, require or forbid adds.
PLAIN = {"objective": None, "missing": [], "breach": None, "breach_reason": None}


def test_json_contract(drill: Path) -> None:
    proc = run_cli("score", str(drill), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"session", "objectives", "expectations", "findings", "summary"}
    assert data["session"] == {
        "path": str(drill),
        "scenario": "drill",
        "seed": 7,
        "complete": True,
        "ended_at": 5400.0,
        "end_reason": "completed",
    }
    assert all(set(e) == CONTRACT_EXPECTATION for e in data["expectations"])
    assert data["expectations"][0] == {
        "inject": "press-1",
        "do": ["reply"],
        "delivered": 60.0,
        "deadline": 1260.0,
        "responded": 1260.0,
        "response_time": 1200.0,
        "status": "met",
        "points": 2,
        "earned": 2,
        **PLAIN,
    }
    assert data["expectations"][3] == {
        "inject": "rumour",
        "do": ["reply"],
        "delivered": 180.0,
        "deadline": 1080.0,
        "responded": None,
        "response_time": None,
        "status": "missed",
        "points": 1,
        "earned": 0,
        **PLAIN,
    }
    summary = data["summary"]
    assert set(summary) >= CONTRACT_SUMMARY
    assert {k: summary[k] for k in CONTRACT_SUMMARY} == pytest.approx(
        {
            "met": 4,
            "late": 1,
            "missed": 1,
            "on_time_rate": 4 / 6,
            "median_response_time": 420.0,
            "p90_response_time": 1308.0,
            "max_response_time": 1380.0,
            "first_statement": 960.0,
            "flag_precision": 0.75,
            "flag_recall": 0.6,
            "flag_f1": 2 / 3,
            "rumour_exposure": 17259,
            "sensitive_hidden": 2,
            "sensitive_total": 3,
            "guideline_findings": 4,
            "score": 42.8,  # 7.85 of 9 points earned, less 4 for the four guideline findings
        }
    )
    assert isinstance(summary["rumour_exposure"], int)


def test_json_nulls_are_null(tmp_path: Path) -> None:
    path = empty_session(
        tmp_path / "s.sqlite", lambda log: log.deliver(10, "m1", truth="misleading", peak=100)
    )
    proc = run_cli("score", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert '"flag_precision": null' in proc.stdout
    summary = json.loads(proc.stdout)["summary"]
    assert (summary["flag_precision"], summary["flag_recall"], summary["flag_f1"]) == (
        None,
        0.0,
        None,
    )
    assert (summary["on_time_rate"], summary["score"]) == (None, None)


# -- CSV, Markdown, table ------------------------------------------------------------------------


def test_csv_written_with_o_has_a_bom_and_one_row_per_expectation(
    drill: Path, tmp_path: Path
) -> None:
    out = tmp_path / "expectations.csv"
    proc = run_cli("score", str(drill), "--format", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf" * 2)
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [
        "session",
        "scenario",
        "inject",
        "do",
        "delivered",
        "deadline",
        "responded",
        "response_time",
        "status",
        "points",
        "objective",
        "earned",
        "missing",
        "breach",
        "breach_reason",
    ]
    body = rows[1:]
    assert len(body) == 6
    assert [(r[2], r[8], r[9]) for r in body] == [
        ("press-1", "met", "2"),
        ("press-2", "late", "1"),
        ("rumour", "met", "1"),
        ("rumour", "missed", "1"),
        ("sens", "met", "3"),
        ("rumour-spread", "met", "1"),
    ]
    assert body[1][6:8] == ["1500", "1380"]
    assert body[3][6:8] == ["", ""]  # missed: no response, empty cells (not 0)


def test_markdown_has_the_summary_and_expectation_tables(drill: Path) -> None:
    proc = run_cli("score", str(drill), "--format", "md")
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    # The drill is a Norwegian scenario: its report is in bokmål.
    assert md.startswith("# Evaluering: Drill\n")
    assert "## 7. Nøkkeltall" in md and "## 5. Tidslinje og ryktenes rekkevidde" in md
    assert "## 3. Styrker og forbedringsområder" in md
    assert "| nøkkeltall | #1 |" in md
    assert "| poengsum (0–100) | 42,8 |" in md
    assert "| utfall | 4 innfridd, 1 for sent, 1 ikke innfridd, 0 brudd |" in md
    assert "| rykter merket som villedende | rykter merket riktig: 3 av 5; feil merket: 1 |" in md
    assert "| ryktenes rekkevidde (visninger) | 17\u00a0259 |" in md
    assert "| innspill | forventet | levert | frist | svart | svartid | status | poeng |" in md
    quoted = "press-1 «Someone: text press-1»"
    assert f"| {quoted} | svar | T+01:00 | T+21:00 | T+21:00 | 20:00 | innfridd | 2 |" in md
    quoted = "press-2 «Someone: text press-2»"
    assert f"| {quoted} | svar | T+02:00 | T+22:00 | T+25:00 | 23:00 | for sent | 1 |" in md
    quoted = "rumour «Someone: text rumour»"
    assert f"| {quoted} | svar | T+03:00 | T+18:00 | — | — | ikke innfridd | 1 |" in md
    for word in ("p90", "F1", "presisjon", "dekning"):
        assert word not in md, word


def test_table_is_the_default(drill: Path) -> None:
    proc = run_cli("score", str(drill))
    assert proc.returncode == 0, proc.stderr
    assert "Evaluering: Drill" in proc.stdout and "42,8" in proc.stdout
    assert "press-1" in proc.stdout and "for sent" in proc.stdout


# -- comparison ----------------------------------------------------------------------------------


def second_team(path: Path) -> Path:
    """Another team on the drill: press-1 answered at 600 (met, 540 s), nothing else."""
    log = Log(seed=8)
    log.deliver(60, "press-1", source="inject", channel="press", kind="press", truth="valid")
    log.act(600, "reply", ["press-1"], by="Per", item="team-1", text="Tretti.")
    log.deliver(600, "team-1", source="team", channel="press", reply_to="press-1")
    log.outcome(600, "press-1", 0, ["reply"], "met", 60, 1260, 600, points=2)
    return log.end().save(path)


def test_comparison_json_is_a_list_of_two(drill: Path, tmp_path: Path) -> None:
    other = second_team(tmp_path / "b.sqlite")
    proc = run_cli("score", str(drill), str(other), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert [d["session"]["path"] for d in data] == [str(drill), str(other)]
    assert [d["session"]["seed"] for d in data] == [7, 8]
    assert [d["summary"]["score"] for d in data] == [42.8, 100.0]
    assert [len(d["expectations"]) for d in data] == [6, 1]


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_comparison_shows_both_sessions(tmp_path: Path, fmt: str) -> None:
    drill_log().save(tmp_path / "a.sqlite")
    second_team(tmp_path / "b.sqlite")
    proc = run_cli("score", "a.sqlite", "b.sqlite", "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "#1" in out and "#2" in out and "a.sqlite" in out and "b.sqlite" in out
    assert "42,8" in out and "100,0" in out
    if fmt == "md":
        lines = out.splitlines()
        assert "| nøkkeltall | #1 | #2 |" in lines
        assert "| innspill | forventet | #1 | #2 |" in lines
        # per expectation, side by side: status and response time, '—' where not delivered
        quoted = "press-1 «Someone: text press-1»"
        assert f"| {quoted} | svar | innfridd 20:00 | innfridd 09:00 |" in lines
        assert "| press-2 «Someone: text press-2» | svar | for sent 23:00 | — |" in lines


def test_different_scenarios_cannot_be_compared(drill: Path, tmp_path: Path) -> None:
    other = Log(OTHER).end().save(tmp_path / "other.sqlite")
    proc = run_cli("score", str(drill), str(other), "--format", "json")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("crisis-sim: error: these sessions ran different scenarios")
    assert f"{drill}: drill" in proc.stderr and f"{other}: other-drill" in proc.stderr


# -- bad input -----------------------------------------------------------------------------------


def padded_drill(path: Path) -> Path:
    """The drill with 3,000 noise items, so that the file spans many pages."""
    log = drill_log()
    ending = log.events.pop()
    for n in range(3000):
        log.deliver(2000 + n, f"fyll-{n}", truth="valid", peak=10)
    log.events.append(ending)
    return log.save(path)


def truncated(path: Path) -> Path:
    padded_drill(path)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    return path


def overwritten(path: Path) -> Path:
    padded_drill(path)
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xa5" * 4096 * 4)
    return path


def not_json(path: Path) -> Path:
    drill_log().save(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE events SET data = '{\"item\": ' WHERE seq = 5")
    conn.close()
    return path


def text_file(path: Path) -> Path:
    path.write_text("Notater fra øvelsen\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (text_file, "not a crisis-sim session file"),
        (truncated, "the session file is damaged"),
        (overwritten, "the session file is damaged"),
        (not_json, "event 5 is damaged (its data is not valid JSON"),
    ],
)
def test_bad_files_exit_1_naming_the_file(tmp_path: Path, make: Any, message: str) -> None:
    path = make(tmp_path / "bad.sqlite")
    for fmt in ("json", "table"):
        proc = run_cli("score", str(path), "--format", fmt)
        assert proc.returncode == 1, (fmt, proc.stdout, proc.stderr)
        assert proc.stderr.startswith(f"crisis-sim: error: {path}: "), proc.stderr
        assert message in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert proc.stdout == ""


def test_a_bad_file_among_good_ones_stops_the_comparison(drill: Path, tmp_path: Path) -> None:
    bad = text_file(tmp_path / "notes.sqlite")
    proc = run_cli("score", str(drill), str(bad))
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"crisis-sim: error: {bad}: not a crisis-sim session file")


def test_event_missing_a_field_is_a_damaged_session(tmp_path: Path) -> None:
    path = drill_log().save(tmp_path / "no-item.sqlite")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE events SET data = json_remove(data, '$.item') WHERE seq = 3")
    conn.close()
    proc = run_cli("score", str(path), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(f"crisis-sim: error: {path}: ")


# -- against the engine --------------------------------------------------------------------------

# The drill team's actions on the injects, as a scripted team.
DRILL_TEAM = """\
- {at: 5m, do: statement, channel: internal, text: "Møte nå", by: Kari}
- {at: 9m, do: hide, to: sens}
- {at: 10m, do: flag, to: rumour, label: misleading, by: Ola}
- {at: 20m, do: statement, channel: social, text: "Dammen står", by: Kari}
- {at: 21m, do: reply, to: press-1, text: "Tretti.", by: Ola}
- {at: 25m, do: reply, to: press-2, text: "Ordføreren."}
"""


def test_hand_built_expectations_match_what_the_engine_writes(tmp_path: Path) -> None:
    (tmp_path / "drill.yaml").write_text(DRILL, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(DRILL_TEAM, encoding="utf-8")
    proc = run_cli(
        "simulate",
        "drill.yaml",
        "--seed",
        "7",
        "--actions",
        "team.yaml",
        "--session",
        "sim.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    simulated = score_session(tmp_path / "sim.sqlite")
    hand = score_session(drill_log().save(tmp_path / "hand.sqlite"))
    assert [e.as_json() for e in simulated.expectations] == [e.as_json() for e in hand.expectations]
    # The same outcomes, and so the same points earned (7.85 of 9, see the drill). The hand
    # log's texts carry four findings (4 points off: 42.8); the simulated team's texts
    # carry none: 100 * 7.85 / 9 = 87.2.
    assert simulated.summary["points_earned"] == hand.summary["points_earned"] == 7.85
    assert (simulated.summary["score"], hand.summary["score"]) == (87.2, 42.8)


JORDRAS_TEAM = """\
- at: 16m
  do: flag
  to: vitne-brak
  label: valid
  by: Kari
- at: 20m
  do: reply
  to: presse-lokalavis-a
  text: "Vi bekrefter et jordras i {omrade}. Politiet leder arbeidet."
  by: Ola
"""


def test_end_to_end_simulate_jordras_then_score(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(JORDRAS_TEAM, encoding="utf-8")
    proc = run_cli(
        "simulate",
        "jordras",
        "--seed",
        "5",
        "--actions",
        "team.yaml",
        "--session",
        "run.sqlite",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("score", "run.sqlite", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["session"] == {
        "path": "run.sqlite",
        "scenario": "jordras",
        "seed": 5,
        "complete": True,
        "ended_at": 5400.0,
        "end_reason": "completed",
    }
    rows = {(e["inject"], tuple(e["do"])): e for e in data["expectations"]}
    # presse-lokalavis-a: delivered at 3m (06:43), due when the paper prints at 07:00
    # (deadline: "07:00") -> 20m; answered at 20m, the deadline's own second.
    press = rows[("presse-lokalavis-a", ("reply",))]
    assert (press["delivered"], press["deadline"], press["responded"]) == (180.0, 1200.0, 1200.0)
    assert (press["response_time"], press["status"], press["points"]) == (1020.0, "met", 2)
    # ... and it names the police, as the scenario requires: full points, for 'presse'
    assert (press["earned"], press["missing"], press["objective"]) == (2, [], "presse")
    # vitne-brak: delivered at 0, within 15m; flagged at 16m -> late, 960 s.
    brak = rows[("vitne-brak", ("flag",))]
    assert (brak["status"], brak["response_time"]) == ("late", 960.0)
    # one minute into a 15-minute overrun: 1 × (1 - 60/900) = 0.933
    assert brak["earned"] == 0.933
    assert data["summary"]["actions_by_member"] == {"Kari": 1, "Ola": 1}
