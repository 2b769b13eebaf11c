"""The debrief judges what a team said, not only when: on the bundled exercise 'jordras',
a good scripted team scores at least 80 and a bad one at most 30, with every breach and
finding named. Both team files are in tests/teams/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import scored_team


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_team(tmp_path_factory.mktemp("good"), "jordras", "good")


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_team(tmp_path_factory.mktemp("bad"), "jordras", "bad")


def test_the_good_team_scores_at_least_80_with_no_breach_or_finding(
    good: dict[str, Any],
) -> None:
    summary = good["summary"]
    assert summary["score"] >= 80
    assert (summary["breach"], summary["guideline_findings"]) == (0, 0)
    # every objective was rated by the evaluator, and every one shows its expectations
    assert {o["id"]: o["rating"] for o in good["objectives"]} == {
        "informere": "P",
        "rykter": "P",
        "presse": "S",
        "personvern": "P",
        "tilbakeholdenhet": "P",
    }
    assert all(o["expectations"] for o in good["objectives"])
    troll = next(e for e in good["expectations"] if e["inject"] == "troll-kommentar")
    assert troll["status"] == "met"  # restraint held


def test_the_bad_team_scores_at_most_30_and_each_mistake_is_named(bad: dict[str, Any]) -> None:
    assert bad["summary"]["score"] <= 30
    by_inject = {(e["inject"], tuple(e["do"])): e for e in bad["expectations"]}
    breaches = {
        key[0]: (e["breach"], e["breach_reason"])
        for key, e in by_inject.items()
        if e["status"] == "breach"
    }
    # confirms deaths, promises safe water, answers vaguely, answers the troll
    assert breaches["rykte-dode"][0] == "omkommet"
    assert "politiet" in breaches["rykte-dode"][1]
    assert breaches["vann-sporsmal"][0] == "trygt å drikke"
    assert breaches["krisestab-innkalling"][0] == "vi vet ingenting"
    assert breaches["troll-kommentar"] == (None, None)  # a public answer where none was due
    # hides the activist's correct criticism; promises safe water in public
    findings = {(f["kind"], f["item"]) for f in bad["findings"]}
    assert ("legitimate", "aktivist-advarte") in findings
    assert any(f["kind"] == "forbid" and f["text"] == "trygt å drikke" for f in bad["findings"])
    # a vague answer to the press earns half: it leaves the police out
    vague = by_inject[("presse-nrf-a", ("reply",))]
    assert (vague["status"], vague["earned"], vague["missing"]) == ("met", 1, ["politi*"])
