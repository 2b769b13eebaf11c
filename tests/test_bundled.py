"""The bundled scenarios: valid, substantial, and together using every feature."""

from __future__ import annotations

import pytest

from simulator.scenario.bundled import bundled_names
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import KINDS, Scenario
from tests.helpers import run_cli

NAMES = ["ekstremver", "flood", "jordras", "omdommekrise", "politi"]


def test_the_five_are_bundled() -> None:
    assert bundled_names() == NAMES


def test_all_pass_strict_validation() -> None:
    proc = run_cli("validate", "--strict", *NAMES)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.count("valid (0 errors, 0 warnings)") == len(NAMES)


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("jordras", "nb"),
        ("omdommekrise", "nb"),
        ("flood", "en"),
        ("ekstremver", "nn"),
        ("politi", "nb"),
    ],
)
def test_each_is_substantial(name: str, language: str) -> None:
    loaded = load_scenario(name)
    sc = loaded.scenario
    assert loaded.warnings == []
    assert sc.language == language
    assert sc.duration >= 3600
    assert len(sc.injects) >= 25
    assert len(sc.noise) >= 2


def _all() -> list[Scenario]:
    return [load_scenario(name).scenario for name in NAMES]


def test_together_they_use_every_timing_form() -> None:
    forms = {("at" if i.after is None else i.after.condition) for sc in _all() for i in sc.injects}
    assert forms == {"at", "delivered", "met", "missed", "unanswered"}
    assert any(i.delay for sc in _all() for i in sc.injects)


def test_together_they_use_every_kind_and_ground_truth() -> None:
    injects = [i for sc in _all() for i in sc.injects]
    assert {i.kind for i in injects} == set(KINDS)
    assert {i.truth for i in injects} >= {"valid", "misleading", "irrelevant"}
    assert any(i.sensitive for i in injects) and any(i.abusive for i in injects)
    assert any(i.reply_to for i in injects) and any(i.channel for i in injects)
    assert any(i.reach for i in injects)
    # What the police exercise brings: platforms of three owners, staffed hours and a
    # handover, and journalists who call.
    scenarios = _all()
    assert {p.owner for sc in scenarios for p in sc.platforms} == {"own", "others", "newspaper"}
    assert any(sc.staffed for sc in scenarios)
    assert any("handover" in e.do for i in injects for e in i.expect)
    assert any(i.call is not None and i.call.questions for i in injects)


def test_together_they_use_expectations_guidelines_and_templates() -> None:
    scenarios = _all()
    expectations = [e for sc in scenarios for i in sc.injects for e in i.expect]
    assert any(e.mention for e in expectations)
    assert any(e.label == "misleading" for e in expectations)
    assert any(len(e.do) > 1 for e in expectations)
    assert all(sc.guidelines.avoid for sc in scenarios)
    assert all(sc.variables and sc.organisation and sc.start for sc in scenarios)
    texts = [i.text for sc in scenarios for i in sc.injects]
    for placeholder in ("{author}", "{clock}", "{fake."):
        assert any(placeholder in t for t in texts), placeholder
    streams = [n for sc in scenarios for n in sc.noise]
    assert any(isinstance(n.authors, list) for n in streams)
    assert any(not isinstance(n.authors, list) for n in streams)
    assert {k for n in streams for k in n.mix} == {
        "valid",
        "misleading",
        "irrelevant",
        "sensitive",
        "abusive",
    }


def test_jordras_has_an_early_press_question() -> None:
    sc = load_scenario("jordras").scenario
    press = [i for i in sc.injects if i.kind == "press" and i.at is not None]
    assert min(i.at for i in press) <= 5 * 60
