"""The nynorsk exercise 'ekstremver' judged by what a team said: a good scripted team meets
every expectation with no breach or finding, and the story answers it (the rumour's author
apologises; the rumour never reaches the influencer); a bad one scores at most 30, with every
breach and finding named, and the consequences of what it missed arrive. Both team files are
in tests/teams/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import scored_team


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_team(tmp_path_factory.mktemp("good"), "ekstremver", "good")


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_team(tmp_path_factory.mktemp("bad"), "ekstremver", "bad")


def _outcomes(result: dict[str, Any]) -> dict[tuple[str, tuple[str, ...]], dict[str, Any]]:
    return {(e["inject"], tuple(e["do"])): e for e in result["expectations"]}


#: The expectations the exercise is built around: the first message, the landslide rumour,
#: the press, the personal data and the harassment, the boil-water and road questions, and
#: the troll left alone.
MAIN = [
    ("krisestab-innkalling", ("statement",)),
    ("rykte-lisida", ("flag",)),
    ("rykte-lisida", ("reply", "statement")),
    ("presse-lokalavis-a", ("reply",)),
    ("presse-nrf-a", ("reply",)),
    ("sensitiv-lisida", ("hide",)),
    ("sensitiv-lisida", ("escalate",)),
    ("trakassering-plan", ("hide",)),
    ("vass-sporsmal", ("reply",)),
    ("krisestab-pressemelding", ("statement",)),
    ("kverndalen-sporsmal", ("reply",)),
    ("troll-kommentar", ("monitor",)),
]


def test_the_good_team_meets_every_expectation_with_no_breach_or_finding(
    good: dict[str, Any],
) -> None:
    summary = good["summary"]
    assert summary["score"] >= 80
    assert (summary["breach"], summary["guideline_findings"]) == (0, 0)
    outcomes = _outcomes(good)
    assert {key: outcomes[key]["status"] for key in MAIN} == {key: "met" for key in MAIN}
    assert {e["status"] for e in good["expectations"]} == {"met"}
    assert all(e["earned"] == e["points"] for e in good["expectations"])  # nothing missing
    # Answered in time, the story moves on: the journalists follow up, the rumour's author
    # apologises, the neighbour thanks; the rumour never reaches the influencer.
    answered = {e["inject"] for e in good["expectations"]}
    assert {"presse-lokalavis-b", "presse-nrf-b"} <= answered
    assert not {"rykte-lisida-spreiing", "sensitiv-deling", "lokalavis-taus"} & answered
    assert {o["id"]: o["rating"] for o in good["objectives"]} == {
        "informere": "P",
        "rykte": "P",
        "presse": "S",
        "personvern": "P",
        "tilbakehald": "P",
    }
    assert all(o["expectations"] for o in good["objectives"])


def test_the_bad_team_scores_at_most_30_and_each_mistake_is_named(bad: dict[str, Any]) -> None:
    assert bad["summary"]["score"] <= 30
    outcomes = _outcomes(bad)
    breaches = {
        key[0]: (e["breach"], e["breach_reason"])
        for key, e in outcomes.items()
        if e["status"] == "breach"
    }
    # knows nothing, promises no danger, safe water and an open road, answers the troll
    assert breaches["krisestab-innkalling"][0] == "vi veit ingenting"
    assert breaches["rykte-lisida"][0] == "ingen fare"
    assert "sei kva som er sjekka" in breaches["rykte-lisida"][1]
    assert breaches["vass-sporsmal"][0] == "trygt å drikke"
    assert breaches["kverndalen-sporsmal"][0] == "opnar i morgon"
    assert "vegeigaren" in breaches["kverndalen-sporsmal"][1]
    assert breaches["troll-kommentar"] == (None, None)  # a public answer where none was due
    # hides the action group's correct criticism, promises safe water and names the employee
    findings = {(f["kind"], f["item"]) for f in bad["findings"]}
    assert ("legitimate", "aktivist-flaumvoll") in findings
    forbidden = {f["text"] for f in bad["findings"] if f["kind"] == "forbid"}
    assert forbidden == {"trygt å drikke", "Ramsvik"}
    # a vague answer to the broadcaster earns half: it leaves the police out
    vague = outcomes[("presse-nrf-a", ("reply",))]
    assert (vague["status"], vague["earned"], vague["missing"]) == ("met", 1, ["politi*"])
    # what it let pass comes back: the rumour spreads, the personal data is shared again
    assert outcomes[("sensitiv-lisida", ("hide",))]["status"] == "missed"
    assert outcomes[("rykte-lisida-spreiing", ("flag",))]["status"] == "missed"
    assert outcomes[("sensitiv-deling", ("hide",))]["status"] == "missed"
