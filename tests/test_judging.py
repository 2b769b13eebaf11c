"""Judging what the team said: every status, the late credit, content, restraint, penalties
and the score, at their exact boundaries, with the arithmetic written beside each figure.

Sessions are real files written by the engine on a virtual clock; scores are read back from
them as `crisis-sim score` reads them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine.actions import ActionRequest
from simulator.engine.engine import Engine
from simulator.engine.events import EventType, Status
from simulator.engine.judging import earned, timeliness
from simulator.engine.reach import views_at
from simulator.engine.session import new_session, virtual_clock
from simulator.scenario.loader import load_scenario_text
from simulator.scenario.phrases import content_of, find_phrase, phrase_problem
from simulator.scoring.metrics import Score, score_session

# One question at T+1m with a 10-minute window (deadline T+11m = 660 s), worth 4 points;
# a troll at T+2m that is right to leave alone for 5 minutes (T+7m = 420 s); a question at
# T+25m whose 10-minute window runs past the end (T+30m).
SCENARIO = """\
format: 1
id: judge
title: Judge
duration: 30m
language: nb
audience: 500
scoring: {{late_credit: {policy}}}
guidelines:
  forbid: [{{text: trygt å drikke, reason: Lov aldri trygt vann}}]
  penalty: {penalty}
objectives:
  - {{id: fakta, title: Gi fakta}}
  - {{id: ro, title: Holde seg rolig}}
personas:
  - {{id: kari, name: Kari, role: citizen, followers: 100000}}
  - {{id: troll, name: Troll, role: citizen}}
injects:
  - id: q
    at: 1m
    from: kari
    kind: question
    text: "Er vannet trygt?"
    expect:
      - do: reply
        within: 10m
        points: 4
        objective: fakta
        require: [politi*, [kok*, flaskevann]]
        forbid: [{{text: "omkom*", reason: Politiet bekrefter omkomne}}]
  - id: troll
    at: 2m
    from: troll
    kind: post
    text: "Dere er håpløse"
    expect:
      - {{do: monitor, within: 5m, objective: ro}}
  - id: sent
    at: 25m
    from: kari
    kind: question
    text: "Og strømmen?"
    expect:
      - {{do: reply, within: 10m, objective: fakta}}
"""
GOOD = "Politiet sier: kok vannet."


def _engine(tmp_path: Path, policy: str = "linear", penalty: float = 1) -> Engine:
    loaded = load_scenario_text(SCENARIO.format(policy=policy, penalty=penalty), "judge.yaml")
    engine = new_session(loaded, 1, tmp_path / "judge.sqlite", clock=virtual_clock())
    engine.start()
    return engine


def _reply(engine: Engine, at: float, text: str, to: str = "q") -> None:
    engine.act(ActionRequest("reply", (to,), text, by="Kari"), t=at)


def _finish(engine: Engine, at: float | None = None) -> Score:
    if at is None:
        engine.end()
    else:
        engine.end("ended by facilitator", at=at)
    assert engine.store is not None
    path = engine.store.path
    engine.store.close()
    return score_session(path)


def _q(score: Score, inject: str = "q") -> tuple[str, float]:
    found = next(e for e in score.expectations if e.inject == inject)
    return found.status, found.earned


# -- the pieces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("omkom*", "To personer er omkomne", "omkomne"),
        ("omkom*", "Ingen omkom", "omkom"),
        ("omkom*", "rapporten kom", None),  # a word boundary before the phrase
        ("trygt", "utrygt vann", None),  # and before the word
        ("trygt å drikke", "Vannet er TRYGT  å\ndrikke.", "TRYGT  å\ndrikke"),  # case, spaces
        ("politi*", "Politiets oppdatering", "Politiets"),
        ("kok", "kokt", None),  # no '*': the whole word only
    ],
)
def test_a_phrase_matches_whole_words_and_a_star_any_ending(
    phrase: str, text: str, found: str | None
) -> None:
    assert find_phrase(phrase, text) == found


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("", "phrase_empty"),
        ("   ", "phrase_empty"),
        ("*", "phrase_star_alone"),
        ("om*kom", "phrase_star_inside"),
        ("omkom**", "phrase_star_inside"),
        ("*kom", "phrase_star_inside"),
    ],
)
def test_a_phrase_that_is_not_plain_words_is_refused(phrase: str, key: str) -> None:
    problem = phrase_problem(phrase)
    assert problem is not None and problem.key == key
    assert phrase_problem("omkom* politi") is None


def test_content_is_one_with_every_entry_and_half_with_one_missing() -> None:
    require = ["politi*", ["kok*", "flaskevann"]]
    assert content_of("Politiet: kok vannet", require).factor == 1.0
    assert content_of("Politiet: bruk flaskevann", require).factor == 1.0  # an alternative
    half = content_of("Kok vannet", require)
    assert (half.factor, half.missing) == (0.5, ("politi*",))
    both = content_of("Vi vet ikke", require)
    # Two entries missing still halve once: content is 1 or 0.5, never less.
    assert (both.factor, both.missing) == (0.5, ("politi*", "kok* / flaskevann"))


@pytest.mark.parametrize(
    ("policy", "responded", "expected"),
    [
        # delivered 60, deadline 660: the window is 600 s
        ("linear", 660.0, 1.0),  # at the deadline: on time
        ("linear", 661.0, 1 - 1 / 600),  # one second late: 599/600
        ("linear", 960.0, 0.5),  # half a window late: 1 - 300/600
        ("linear", 1260.0, 0.0),  # a whole window late: 1 - 600/600
        ("linear", 1500.0, 0.0),  # later still: never below 0
        ("half", 661.0, 0.5),
        ("half", 5000.0, 0.5),
        ("none", 661.0, 0.0),
    ],
)
def test_timeliness_at_its_boundaries(policy: str, responded: float, expected: float) -> None:
    assert timeliness(policy, 60.0, 660.0, responded) == pytest.approx(expected)


def test_earned_is_points_times_timeliness_times_content() -> None:
    # 4 points, half a window late (0.5), one entry missing (0.5): 4 × 0.5 × 0.5 = 1
    kwargs = {"policy": "linear", "delivered": 60.0, "deadline": 660.0, "content": 0.5}
    assert earned(Status.LATE, 4, responded=960.0, **kwargs) == 1.0
    assert earned(Status.MET, 4, responded=100.0, **kwargs) == 2.0  # 4 × 1 × 0.5
    for nothing in (Status.MISSED, Status.BREACH, Status.NOT_REACHED):
        assert earned(nothing, 4, responded=100.0, **kwargs) == 0.0


# -- the engine and the score, from the session file -----------------------------------------


def test_met_at_the_deadline_earns_everything(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 660, GOOD)  # exactly at the deadline: 4 × 1 × 1
    _reply(engine, 1600, "Politiet jobber med strømmen", to="sent")
    score = _finish(engine)
    assert _q(score) == (Status.MET, 4.0)
    # q 4 + troll 1 (restraint held) + sent 1 = 6 of 6 points, no findings: 100
    assert score.summary["score"] == 100.0


def test_one_second_late_earns_by_the_linear_credit(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 661, GOOD)  # 4 × (1 - 1/600) = 3.993 (recorded to three decimals)
    score = _finish(engine)
    assert _q(score) == (Status.LATE, 3.993)


def test_late_by_half_a_window_with_content_missing(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 960, "Kok vannet")  # 4 × 0.5 (late) × 0.5 (no 'politi*') = 1
    score = _finish(engine)
    result = next(e for e in score.expectations if e.inject == "q")
    assert (result.status, result.earned, result.missing) == (Status.LATE, 1.0, ["politi*"])


@pytest.mark.parametrize(("policy", "expected"), [("half", 2.0), ("none", 0.0)])
def test_other_late_credits(tmp_path: Path, policy: str, expected: float) -> None:
    engine = _engine(tmp_path, policy=policy)
    _reply(engine, 1500, GOOD)  # 14 minutes late; half: 4 × 0.5; none: 4 × 0
    assert _q(_finish(engine)) == (Status.LATE, expected)


def test_missed_when_the_deadline_passes_unanswered(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    assert _q(_finish(engine)) == (Status.MISSED, 0.0)


def test_a_forbidden_phrase_is_a_breach_naming_the_words_and_the_reason(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 100, "Politiet sier to er omkommet. Kok vannet.")  # on time, complete
    score = _finish(engine)
    result = next(e for e in score.expectations if e.inject == "q")
    assert (result.status, result.earned) == (Status.BREACH, 0.0)
    assert (result.breach, result.breach_reason) == ("omkommet", "Politiet bekrefter omkomne")
    # a breach is final: a good answer afterwards does not undo it
    assert [e for e in score.expectations if e.inject == "q"] == [result]


def test_a_breach_after_the_deadline_is_still_a_breach(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 700, "Politiet: to omkom. Kok vannet.")
    assert _q(_finish(engine)) == (Status.BREACH, 0.0)


def test_restraint_is_met_when_the_window_passes_without_a_public_answer(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    # Flagging and noting are fine; only a public answer breaks restraint.
    engine.act(ActionRequest("flag", ("troll",), label="irrelevant"), t=200)
    engine.act(ActionRequest("note", ("troll",), "Følger med"), t=210)
    score = _finish(engine)
    troll = next(e for e in score.expectations if e.inject == "troll")
    # met by the clock at T+7m: nobody responded, so no response time counts
    assert (troll.status, troll.earned, troll.responded) == (Status.MET, 1.0, None)
    assert troll.response_time is None


def test_answering_the_troll_in_public_is_a_breach(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 419, "Vi er ikke håpløse", to="troll")  # one second inside the window
    assert _q(_finish(engine), "troll") == (Status.BREACH, 0.0)


def test_a_deadline_after_an_early_end_is_not_reached_and_left_out(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 100, GOOD)
    # Ended at T+20m: q (deadline 660) was answered, the troll's window (420) has passed,
    # 'sent' is not delivered yet. Ended at T+26m instead, 'sent' (deadline 2100) is open.
    score = _finish(engine, at=1560)
    sent = next(e for e in score.expectations if e.inject == "sent")
    assert sent.status == Status.NOT_REACHED
    # not_reached is left out: (4 + 1) of (4 + 1) points, 'sent' counts nowhere
    assert score.summary["not_reached"] == 1
    assert score.summary["missed"] == 0
    assert (score.summary["points_possible"], score.summary["score"]) == (5, 100.0)


def test_a_deadline_at_the_very_end_is_judged_not_left_out(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    # Ended at T+11m, exactly q's deadline: the window was whole, so q is missed.
    score = _finish(engine, at=660)
    assert _q(score) == (Status.MISSED, 0.0)


def test_penalties_subtract_per_finding_and_the_score_never_goes_below_zero(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path, penalty=1.5)
    _reply(engine, 100, "Politiet: kok vannet. Etterpå er det trygt å drikke.")  # 1 finding
    # Hiding a plain question (neither personal data nor abuse) removes legitimate content.
    engine.act(ActionRequest("hide", ("q",), reason="other"), t=120)
    _reply(engine, 1600, "Politiet jobber", to="sent")
    score = _finish(engine)
    kinds = sorted(f["kind"] for f in score.findings)
    assert kinds == ["forbid", "legitimate"]
    forbid = next(f for f in score.findings if f["kind"] == "forbid")
    assert (forbid["text"], forbid["reason"], forbid["by"]) == (
        "trygt å drikke",
        "Lov aldri trygt vann",
        "Kari",
    )
    # earned 4 + 1 + 1 = 6; penalties 2 × 1.5 = 3; score 100 × (6 - 3) / 6 = 50
    assert (score.summary["penalties"], score.summary["score"]) == (3, 50.0)


def test_the_score_stops_at_zero(tmp_path: Path) -> None:
    engine = _engine(tmp_path, penalty=100)
    _reply(engine, 100, "Politiet: kok vannet, det er trygt å drikke etterpå.")
    score = _finish(engine)
    # earned 4 + 1 = 5, penalties 100: max(0, 5 - 100) = 0
    assert score.summary["score"] == 0.0


def test_hiding_personal_data_or_abuse_is_no_finding(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        'text: "Dere er håpløse"', 'text: "Dere er håpløse"\n    abusive: true'
    ).format(policy="linear", penalty=1)
    engine = new_session(
        load_scenario_text(text, "judge.yaml"), 1, tmp_path / "a.sqlite", clock=virtual_clock()
    )
    engine.start()
    engine.act(ActionRequest("hide", ("troll",), reason="harassment"), t=200)
    assert _finish(engine).findings == []


def test_reach_is_capped_by_the_audience_and_a_hidden_item_gains_no_views(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    engine.advance_to(61)
    # Kari has 100,000 followers (200,000 views at the peak), the area 500 people.
    assert engine.items["q"].peak == 500
    engine.advance_to(600)
    before = engine.views("q", 600)[0]
    engine.act(ActionRequest("hide", ("q",), reason="other"), t=600)
    assert engine.views("q", 1200)[0] == before  # hidden: frozen
    engine.act(ActionRequest("unhide", ("q",)), t=1200)
    # Shown again at T+20m, it grows as if the ten hidden minutes had not passed: at T+21m
    # it has grown for 1260 - 60 - 600 = 600 seconds, as an item never hidden at T+11m.
    assert engine.views("q", 1260)[0] == views_at(500, 60, 660) > before


def test_evaluator_records_are_in_the_log_and_in_the_score(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    engine.evaluate(ActionRequest("rate", text="Godt", objective="fakta", rating="S", by="Eva"))
    engine.evaluate(ActionRequest("rate", text="Bedre", objective="fakta", rating="P", by="Eva"))
    engine.end()
    # the hot wash comes after the end
    engine.evaluate(ActionRequest("strength", text="Rask første melding", by="Eva"))
    engine.evaluate(ActionRequest("improvement", text="Mer konkret", by="Eva"))
    assert engine.store is not None
    path = engine.store.path
    kinds = [e.data["kind"] for e in engine.store.events() if e.type == EventType.EVALUATION]
    assert kinds == ["rate", "rate", "strength", "improvement"]
    engine.store.close()
    score = score_session(path)
    fakta = next(o for o in score.objectives if o.id == "fakta")
    assert fakta.rating is not None
    assert (fakta.rating.rating, fakta.rating.text) == ("P", "Bedre")  # the later rating
    assert [(r.kind, r.text) for r in score.remarks] == [
        ("strength", "Rask første melding"),
        ("improvement", "Mer konkret"),
    ]
    assert score.as_json()["objectives"][0]["rating"] == "P"


def test_a_rating_of_an_unknown_objective_is_refused(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    from simulator.engine.actions import ActionError

    with pytest.raises(ActionError) as refused:
        engine.evaluate(ActionRequest("rate", objective="tull", rating="P"))
    assert "fakta, ro" in str(refused.value)


def test_a_resumed_session_with_judgements_restores_exactly(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    _reply(engine, 100, "Politiet sier to er omkommet")  # breach
    _reply(engine, 300, "Vi er ikke håpløse", to="troll")  # restraint breached
    engine.evaluate(ActionRequest("rate", objective="ro", rating="M", by="Eva"))
    engine.end("ended by facilitator", at=1000)
    assert engine.store is not None
    path = engine.store.path
    engine.store.close()
    from simulator.engine.store import SessionStore

    store = SessionStore.open(path)
    try:
        restored = Engine.restore(store)
        assert restored.summary().breach == 2
    finally:
        store.close()
