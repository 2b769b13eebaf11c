"""The scenario's ``team`` section: who sits in a team exercise, and whether the leader
approves the team's texts; each problem located at its line, in every language."""

from __future__ import annotations

import pytest

from simulator.scenario.diagnostics import Finding
from simulator.scenario.loader import check_text, load_scenario
from simulator.scenario.model import Approval, RoleSpec, TeamRole, TeamSpec
from tests.helpers import MINIMAL


def check(text: str) -> list[Finding]:
    return check_text(text, "s.yaml").findings


def with_team(section: str) -> str:
    return MINIMAL.rstrip("\n") + "\n" + section


def only(text: str) -> Finding:
    found = [f for f in check(text) if f.severity == "error"]
    assert len(found) == 1, [f.as_text() for f in found]
    return found[0]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_without_a_team_section_all_three_roles_and_no_approval() -> None:
    result = check_text(MINIMAL, "s.yaml")
    assert result.scenario is not None
    assert result.scenario.team == TeamSpec()
    assert [r.role for r in result.scenario.team.roles] == list(TeamRole)
    assert result.scenario.team.approval == Approval.NONE


def test_roles_as_keys_or_renamed_and_approval() -> None:
    text = with_team(
        "team:\n  roles:\n    - leader\n    - {role: social, name: Nettvakt}\n"
        "  approval: required\n"
    )
    result = check_text(text, "s.yaml")
    assert result.ok, [f.as_text() for f in result.findings]
    assert result.scenario is not None
    team = result.scenario.team
    assert team.roles == (RoleSpec(TeamRole.LEADER), RoleSpec(TeamRole.SOCIAL, "Nettvakt"))
    assert team.approval == Approval.REQUIRED
    assert team.has(TeamRole.LEADER) and not team.has(TeamRole.PRESS)


def test_unknown_role_lists_the_valid_ones() -> None:
    text = with_team("team:\n  roles: [leader, pres]\n")
    f = only(text)
    assert f.line == line_of(text, "pres]")
    assert "leader, press, social" in f.message and "did you mean 'press'" in f.message
    assert f.text("nb").startswith("role må være en av leader, press, social")
    assert f.text("nn").startswith("role må vere ein av leader, press, social")


def test_unknown_key_in_a_role_suggests_the_right_one() -> None:
    text = with_team("team:\n  roles:\n    - {role: press, nmae: Pressevakt}\n")
    f = only(text)
    assert f.line == line_of(text, "nmae")
    assert "unknown key 'nmae'" in f.message and "did you mean 'name'" in f.message


def test_unknown_key_in_the_team_section() -> None:
    text = with_team("team:\n  aproval: required\n")
    f = only(text)
    assert f.line == line_of(text, "aproval") and "did you mean 'approval'" in f.message


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "listed twice (first on line"), ("nb", "står to ganger"), ("nn", "står to gonger")],
)
def test_a_role_twice_names_its_first_line(language: str, fragment: str) -> None:
    text = with_team("team:\n  roles:\n    - press\n    - leader\n    - press\n")
    f = only(text)
    first = line_of(text, "- press")
    assert f.line == first + 2 and f.code == "team.role.twice"
    assert fragment in f.text(language) and str(first) in f.text(language)


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "needs a leader"), ("nb", "trenger en leder"), ("nn", "treng ein leiar")],
)
def test_approval_without_a_leader(language: str, fragment: str) -> None:
    text = with_team("team:\n  roles: [press, social]\n  approval: required\n")
    f = only(text)
    assert f.line == line_of(text, "approval:") and f.code == "team.approval.leader"
    assert fragment in f.text(language)


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "one of required, none"), ("nb", "en av required, none"), ("nn", "ein av required")],
)
def test_unknown_approval_value(language: str, fragment: str) -> None:
    text = with_team("team:\n  approval: yes please\n")
    f = only(text)
    assert f.line == line_of(text, "approval:") and fragment in f.text(language)


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "lists no seat"), ("nb", "ingen plasser"), ("nn", "ingen plassar")],
)
def test_empty_roles(language: str, fragment: str) -> None:
    text = with_team("team:\n  roles: []\n")
    f = only(text)
    assert f.line == line_of(text, "roles:") and f.code == "team.roles.empty"
    assert fragment in f.text(language)


def test_roles_not_a_list() -> None:
    text = with_team("team:\n  roles: press\n")
    f = only(text)
    assert f.line == line_of(text, "roles:") and "must be a list" in f.message


def test_jordras_requires_approval_with_all_three_roles() -> None:
    team = load_scenario("jordras").scenario.team
    assert team.approval == Approval.REQUIRED
    assert [r.role for r in team.roles] == list(TeamRole)
