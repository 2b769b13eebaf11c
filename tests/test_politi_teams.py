"""The police exercise 'politi' judged by what a team said: a good scripted team writes the
police log on time and never names a nationality, a diagnosis or a family, and scores full
marks; a bad one gives the suspects' nationality, calls the person on the bridge mentally ill
and the call to a home family violence, and the debrief names each of these as a finding
and as a breach of what the journalist's answer must never say. Both team files are in
tests/teams/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import scored_team


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_team(tmp_path_factory.mktemp("good"), "politi", "good")


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_team(tmp_path_factory.mktemp("bad"), "politi", "bad")


def _outcomes(result: dict[str, Any]) -> dict[tuple[str, tuple[str, ...]], dict[str, Any]]:
    return {(e["inject"], tuple(e["do"])): e for e in result["expectations"]}


def _avoided(result: dict[str, Any]) -> set[str]:
    """The avoided phrases the debrief found in what the team published."""
    return {f["text"] for f in result["findings"] if f["kind"] == "avoid"}


#: The avoided phrases of the guidelines' three groups that the bad team uses: nationality,
#: psychiatry and family violence.
NATIONALITY, PSYCHIATRY, FAMILY_VIOLENCE = "polsk*", "psykisk syk", "familievold"

#: The expectations the exercise is built around: the first post, the missing girl found,
#: the bridge, the call to a home, the brawl, the journalists who press for nationality and
#: health, the personal data (reported where the police cannot hide it, hidden on their own
#: page) and the threat against an officer, the troll left alone, telling the public when
#: the log is staffed, and the handover to the night shift.
MAIN = [
    ("ops-ulykke", ("statement",)),
    ("ops-savnet", ("statement",)),
    ("savnet-post", ("report", "ask_removal")),
    ("fp-kommentar-ulykke", ("report",)),
    ("savnet-deling", ("hide",)),
    ("presse-nrf-barn", ("reply",)),
    ("rykte-familie", ("reply", "statement")),
    ("ops-funnet", ("statement",)),
    ("ops-bru", ("statement",)),
    ("bru-video", ("report", "ask_removal")),
    ("presse-nrf-bru", ("reply",)),
    ("ops-havnegata", ("statement",)),
    ("presse-lokal-havnegata", ("reply",)),
    ("rykte-skudd", ("flag",)),
    ("rykte-skudd", ("reply", "statement")),
    ("presse-riksnytt-nasjonalitet", ("reply",)),
    ("trakassering-betjent", ("report",)),
    ("trakassering-betjent", ("escalate",)),
    ("troll-kommentar", ("monitor",)),
    ("ring-nrf-ulykke", ("take",)),
    ("ring-riksnytt-bru", ("take",)),
    ("ring-fp-slagsmal", ("take",)),
    ("ops-stenger", ("statement",)),
    ("overlevering", ("handover",)),
]


def test_the_good_team_meets_every_expectation_with_no_finding(good: dict[str, Any]) -> None:
    summary = good["summary"]
    assert summary["score"] >= 90
    assert (summary["breach"], summary["guideline_findings"]) == (0, 0)
    assert good["findings"] == []
    outcomes = _outcomes(good)
    assert {key: outcomes[key]["status"] for key in MAIN} == {key: "met" for key in MAIN}
    assert {e["status"] for e in good["expectations"]} == {"met"}
    assert all(e["earned"] == e["points"] for e in good["expectations"])  # nothing missing
    # Answered in time, the story moves on: the journalists follow up (the tabloid tries to
    # get the nationality by ruling one out); the rumours never reach the influencer.
    answered = {e["inject"] for e in good["expectations"]}
    assert {"presse-lokal-ulykke-b", "presse-riksnytt-b"} <= answered
    consequences_of_a_miss = {"fp-taus", "rykte-familie-spredning", "rykte-skudd-spredning"}
    assert not (consequences_of_a_miss | {"riksnytt-sak"}) & answered
    assert {o["id"]: o["rating"] for o in good["objectives"]} == {
        "informere": "P",
        "presse": "P",
        "personvern": "P",
        "rykter": "P",
        "tilbakeholdenhet": "P",
    }


def test_the_bad_team_has_a_finding_for_nationality_psychiatry_and_family_violence(
    bad: dict[str, Any], good: dict[str, Any]
) -> None:
    assert {NATIONALITY, PSYCHIATRY, FAMILY_VIOLENCE} <= _avoided(bad)
    assert not _avoided(good)
    # each in the team's own text where it said it
    items = {f["text"]: f["item"] for f in bad["findings"] if f["kind"] == "avoid"}
    assert len({items[NATIONALITY], items[PSYCHIATRY], items[FAMILY_VIOLENCE]}) == 3
    assert all(f["by"] == "Per" for f in bad["findings"])


def test_the_bad_teams_answers_are_breaches_with_the_reason_the_scenario_gives(
    bad: dict[str, Any],
) -> None:
    breaches = {
        key[0]: (e["breach"], e["breach_reason"])
        for key, e in _outcomes(bad).items()
        if e["status"] == "breach"
    }
    # the nationality to the tabloid, the diagnosis to the broadcaster, family violence in
    # the log, the girl's name, the family in the rumour, and an answer to the troll
    assert breaches["presse-riksnytt-nasjonalitet"][0] == "polske"
    assert "nasjonalitet" in breaches["presse-riksnytt-nasjonalitet"][1]
    assert breaches["presse-nrf-bru"][0] == "psykisk"
    assert "psykisk helse" in breaches["presse-nrf-bru"][1]
    assert breaches["ops-havnegata"][0] == "familievold"
    assert breaches["presse-nrf-barn"][0] == "Fjelltveit"
    assert breaches["rykte-familie"][0] == "barnefordelingssak"
    assert breaches["troll-kommentar"] == (None, None)  # a public answer where none was due
    findings = {(f["kind"], f["text"]) for f in bad["findings"]}
    assert ("forbid", "Fjelltveit") in findings
    removed = {(f["item"], f["action"]) for f in bad["findings"] if f["kind"] == "legitimate"}
    # Criticism of the police is to be borne, not reported to the platform.
    assert removed == {("video-pagripelse", "report")}


def test_journalists_call_and_a_call_nobody_takes_rings_out_into_a_public_question(
    good: dict[str, Any], bad: dict[str, Any]
) -> None:
    assert (good["summary"]["calls_taken"], good["summary"]["calls_rang_out"]) == (3, 0)
    assert (bad["summary"]["calls_taken"], bad["summary"]["calls_rang_out"]) == (0, 3)
    # Riksnytt, left ringing about the bridge, asks in public instead.
    assert "riksnytt-ringte" in {e["inject"] for e in bad["expectations"]}
    assert "riksnytt-ringte" not in {e["inject"] for e in good["expectations"]}


def test_the_debrief_says_who_told_the_public_when_the_log_is_staffed(
    good: dict[str, Any], bad: dict[str, Any]
) -> None:
    assert good["summary"]["staffed_told"] == 80 * 60
    assert bad["summary"]["staffed_told"] is None
    assert _outcomes(bad)[("overlevering", ("handover",))]["status"] == "missed"


def test_the_good_team_scores_clearly_higher(good: dict[str, Any], bad: dict[str, Any]) -> None:
    assert bad["summary"]["score"] <= 20
    assert good["summary"]["score"] - bad["summary"]["score"] >= 70
    assert bad["summary"]["penalties"] == bad["summary"]["guideline_findings"] >= 5
    # what it let pass comes back: the rumours spread, the paper writes that police are silent
    outcomes = _outcomes(bad)
    assert outcomes[("rykte-skudd-spredning", ("flag",))]["status"] == "missed"
    assert outcomes[("rykte-familie-spredning", ("flag",))]["status"] == "missed"
    assert outcomes[("savnet-post", ("report", "ask_removal"))]["status"] == "missed"
    assert outcomes[("fp-taus", ("statement",))]["status"] == "late"
