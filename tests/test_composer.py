"""The composer and the actions that ask what they need: hide with a reason and undo it,
escalate to someone, flag with the keys of the console's language.

The engine's rules are checked on real session files; the console's through Pilot on a
virtual clock, each action read back from the session file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine.actions import ActionError, ActionRequest, load_actions
from simulator.engine.engine import Engine
from simulator.engine.session import new_session
from simulator.engine.store import Event, SessionStore
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.loader import check_text, load_scenario

# -- shared ------------------------------------------------------------------------------


def session_events(path: Path) -> list[Event]:
    store = SessionStore.open(path)
    try:
        return list(store.events())
    finally:
        store.close()


def actions_of(path: Path) -> list[Event]:
    return [e for e in session_events(path) if e.type == "action"]


def engine_at(tmp_path: Path, t: float) -> Engine:
    """A jordras exercise on a virtual clock, with everything up to ``t`` delivered."""
    engine = new_session(load_scenario("jordras"), 1, tmp_path / "e.sqlite")
    engine.start()
    engine.advance_to(t)
    engine.flush()
    return engine


# -- the engine's rules ------------------------------------------------------------------


def test_hide_records_its_reason_and_unhide_shows_the_item_again(tmp_path: Path) -> None:
    engine = engine_at(tmp_path, 600)
    engine.act(ActionRequest("hide", ("savnet-nabo",), reason="personal_data", by="Kari"), t=600)
    engine.act(ActionRequest("unhide", ("savnet-nabo",), by="Kari"), t=610)
    engine.act(ActionRequest("hide", ("savnet-nabo",), reason="other"), t=620)
    assert engine.store is not None
    got = [
        (e.t, e.data["action"], e.data["to"], e.data["reason"], e.data["by"])
        for e in actions_of(engine.store.path)
    ]
    assert got == [
        (600, "hide", ["savnet-nabo"], "personal_data", "Kari"),
        (610, "unhide", ["savnet-nabo"], None, "Kari"),
        (620, "hide", ["savnet-nabo"], "other", None),
    ]


def test_a_second_hide_and_an_unhide_of_a_visible_item_are_refused(tmp_path: Path) -> None:
    engine = engine_at(tmp_path, 600)
    with pytest.raises(ActionError, match="not hidden"):
        engine.act(ActionRequest("unhide", ("savnet-nabo",)), t=600)
    engine.act(ActionRequest("hide", ("savnet-nabo",), reason="personal_data"), t=600)
    with pytest.raises(ActionError, match="hidden already"):
        engine.act(ActionRequest("hide", ("savnet-nabo",), reason="personal_data"), t=605)
    assert engine.store is not None
    assert [e.data["action"] for e in actions_of(engine.store.path)] == ["hide"]


def test_a_session_with_two_hides_of_one_item_still_restores(tmp_path: Path) -> None:
    """Sessions recorded before the rule may hide twice: they replay as written."""
    engine = engine_at(tmp_path, 600)
    engine.act(ActionRequest("hide", ("savnet-nabo",)), t=600)
    assert engine.store is not None
    path = engine.store.path
    # The second hide as an earlier version wrote it: the same event, at the same second.
    [first] = actions_of(path)
    engine.store.append([Event("action", 600.0, dict(first.data))])
    engine.store.close()
    store = SessionStore.open(path)
    restored = Engine.restore(store)
    assert restored.items["savnet-nabo"].hidden
    store.close()


def test_escalate_records_the_recipient(tmp_path: Path) -> None:
    engine = engine_at(tmp_path, 600)
    engine.act(
        ActionRequest("escalate", ("savnet-nabo",), "Ring pårørende", recipient="Kriseledelsen"),
        t=600,
    )
    assert engine.store is not None
    [action] = actions_of(engine.store.path)
    assert (action.data["action"], action.data["recipient"], action.data["text"]) == (
        "escalate",
        "Kriseledelsen",
        "Ring pårørende",
    )


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (ActionRequest("hide", ("x",), reason="rude"), "reason 'rude' is not one of"),
        (ActionRequest("flag", ("x",), label="valid", reason="other"), "belongs to 'hide'"),
        (ActionRequest("escalate", ("x",), recipient="  "), "'recipient' is empty"),
        (ActionRequest("reply", ("x",), "t", recipient="Ola"), "belongs to 'escalate'"),
        (ActionRequest("unhide"), "'unhide' needs 'to'"),
    ],
)
def test_malformed_reasons_and_recipients_are_refused(
    request_: ActionRequest, message: str
) -> None:
    problem = request_.problem()
    assert problem is not None and message in problem


def test_the_actions_file_takes_reason_unhide_and_recipient(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(
        "- {at: 10m, do: hide, to: savnet-nabo, reason: personal_data}\n"
        "- {at: 11m, do: unhide, to: savnet-nabo}\n"
        "- {at: 12m, do: escalate, to: savnet-nabo, recipient: Politiet, text: Ring}\n",
        encoding="utf-8",
    )
    requests = [a.request for a in load_actions(path)]
    assert [(r.kind, r.reason, r.recipient) for r in requests] == [
        ("hide", "personal_data", None),
        ("unhide", None, None),
        ("escalate", None, "Politiet"),
    ]
    path.write_text("- {at: 10m, do: hide, to: savnet-nabo, reason: rude}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_actions(path)
    assert "reason 'rude' is not one of personal_data, harassment, other" in str(
        caught.value.findings[0].message
    )


ESCALATION_BASE = """\
format: 1
id: eskalering
title: Eskalering
duration: 10m
"""


def test_the_scenarios_escalation_list_is_checked() -> None:
    ok = check_text(ESCALATION_BASE + "escalation: [Kriseledelsen, Politiet]\n", "s.yaml")
    assert ok.ok, [f.as_text() for f in ok.findings]
    assert ok.scenario is not None
    assert ok.scenario.escalation == ["Kriseledelsen", "Politiet"]
    twice = check_text(ESCALATION_BASE + "escalation: [Politiet, politiet]\n", "s.yaml")
    assert not twice.ok
    [finding] = twice.findings
    assert finding.line == 5 and "listed twice" in finding.message
    blank = check_text(ESCALATION_BASE + "escalation: ['  ']\n", "s.yaml")
    assert not blank.ok and "blank" in blank.findings[0].message
    assert load_scenario("jordras").scenario.escalation[0] == "Kriseledelsen"
