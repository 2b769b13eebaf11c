"""Staffed hours and shift handovers: what comes while no one is on duty waits for the next
shift (its deadline runs from the shift's start), the debrief says whether the team told
the public when it answers, and a handover to the next shift is judged on what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.session import new_session, virtual_clock
from simulator.scenario.loader import LoadedScenario, load_scenario_text
from simulator.scoring.metrics import score_session
from simulator.tui.widgets.composer import ComposerPanel
from simulator.tui.widgets.panels import StatusLine
from tests.console_fixtures import Console, of_type, paste, session_events
from tests.helpers import run_cli

# 21:30 on a Friday; the channels are staffed 08-22.
SCENARIO = """\
format: 1
id: vakt
title: Kveldsvakt
duration: 2h
language: nb
start: "2026-03-13T21:30:00+01:00"
staffed: {from: "08:00", to: "22:00"}
personas:
  - {id: ola, name: Ola Nordmann, role: citizen}
  - {id: leder, name: Vaktleder, role: employee}
injects:
  - id: sporsmal-tidlig
    at: 10m
    from: ola
    kind: question
    text: "Er veien til Brattlia åpen?"
    expect: [{do: reply}]
  - id: overlevering
    at: 20m
    from: leder
    kind: internal
    text: "Vaktskifte kl. 22. Skriv overlevering til nattevakta."
    expect:
      - do: handover
        within: 20m
        require: [Brattlia, [evakuert, evakuerte]]
  - id: sporsmal-sent
    at: 40m
    from: ola
    kind: question
    text: "Hallo? Er det noen der?"
    expect: [{do: reply}]
"""


def loaded() -> LoadedScenario:
    return load_scenario_text(SCENARIO, "vakt.yaml")


def engine_at(tmp_path: Path, t: float):  # type: ignore[no-untyped-def]
    engine = new_session(loaded(), 1, tmp_path / "s.sqlite", virtual_clock())
    engine.start()
    engine.jump_to(t)
    return engine


def test_what_comes_off_duty_is_due_from_the_next_shift(tmp_path: Path) -> None:
    engine = engine_at(tmp_path, 45 * 60)
    assert engine.store is not None
    due = {
        e.data["item"]: e.data.get("deadlines")
        for e in of_type(list(engine.store.events()), "delivered")
    }
    assert due["sporsmal-tidlig"] == [10 * 60 + 30 * 60]  # 21:40, on duty: 30 min
    # 22:10, after closing: its 30 minutes run from 08:00 the next morning (T+10:30).
    assert due["sporsmal-sent"] == [10.5 * 3600 + 30 * 60]
    engine.end()
    outcome = {
        e.data["inject"]: e.data["status"]
        for e in of_type(list(engine.store.events()), "expectation")
    }
    assert outcome["sporsmal-tidlig"] == "missed" and outcome["sporsmal-sent"] == "not_reached"
    engine.store.close()


@pytest.mark.parametrize(
    ("text", "earned", "missing"),
    [
        ("Brattlia: 40 evakuert, veien stengt. Presse ringer igjen kl. 07.", 1, []),
        ("40 evakuerte, veien er stengt. Presse ringer igjen kl. 07.", 0.5, ["Brattlia"]),
    ],
)
def test_a_handover_is_judged_on_what_it_says(
    tmp_path: Path, text: str, earned: float, missing: list[str]
) -> None:
    engine = engine_at(tmp_path, 25 * 60)
    with pytest.raises(ActionError):
        engine.act(ActionRequest("handover", (), "  ", by="Kari"))
    engine.act(ActionRequest("handover", (), text, by="Kari"))
    assert engine.store is not None
    events = list(engine.store.events())
    [done] = of_type(events, "action")
    assert (done.data["action"], done.data["text"], done.data["item"]) == ("handover", text, None)
    [judged] = of_type(events, "expectation")
    assert (judged.data["inject"], judged.data["status"]) == ("overlevering", "met")
    assert (judged.data["earned"], judged.data.get("missing", [])) == (earned, missing)
    # Inside the team: nothing is published, nobody outside reacts.
    assert not [e for e in of_type(events, "delivered") if e.data["source"] in ("team", "reaction")]
    engine.store.close()


def test_the_debrief_says_whether_the_team_told_the_public_its_hours(tmp_path: Path) -> None:
    (tmp_path / "vakt.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "told.yaml").write_text(
        "- {at: 5m, do: statement, text: 'Vi følger med på Brattlia.'}\n"
        "- {at: 25m, do: statement, text: 'Vi svarer her hver dag 08–22. Haster det: ring 112.'}\n",
        encoding="utf-8",
    )
    (tmp_path / "silent.yaml").write_text(
        "- {at: 5m, do: statement, text: 'Vi følger med på Brattlia.'}\n", encoding="utf-8"
    )
    for team in ("told", "silent"):
        done = run_cli(
            "simulate", "vakt.yaml", "--seed", "1", "--actions", f"{team}.yaml",
            "--session", f"{team}.sqlite", cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    told = score_session(tmp_path / "told.sqlite").summary
    silent = score_session(tmp_path / "silent.sqlite").summary
    assert told["staffed_told"] == 25 * 60 and silent["staffed_told"] is None
    report = run_cli("score", "told.sqlite", "--format", "md", cwd=tmp_path).stdout
    assert "| fortalte publikum når kanalene er betjent | ja, ved T+25:00 |" in report
    # A scenario without hours has no such line.
    (tmp_path / "plain.yaml").write_text(
        SCENARIO.replace('staffed: {from: "08:00", to: "22:00"}\n', ""), encoding="utf-8"
    )
    run_cli(
        "simulate", "plain.yaml", "--seed", "1", "--actions", "told.yaml", "--session",
        "plain.sqlite", cwd=tmp_path,
    )  # fmt: skip
    assert "staffed_told" not in score_session(tmp_path / "plain.sqlite").summary
    plain = run_cli("score", "plain.sqlite", "--format", "md", cwd=tmp_path).stdout
    assert "første offentlige uttalelse" in plain and "betjent" not in plain


def test_hours_that_open_and_close_at_once_are_refused(tmp_path: Path) -> None:
    (tmp_path / "vakt.yaml").write_text(
        SCENARIO.replace('to: "22:00"', 'to: "8:00"'), encoding="utf-8"
    )
    done = run_cli("validate", "vakt.yaml", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1
    assert "vakt.yaml:7:30: error: the staffed hours open and close at 08:00" in done.stdout


async def test_the_console_says_it_is_off_duty_and_writes_the_handover(tmp_path: Path) -> None:
    console = Console(tmp_path, loaded())
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 25 * 60)
        status = console.exercise.query_one("#status", StatusLine)
        assert "ubetjent" not in str(status.render())
        await pilot.press("v")
        await pilot.pause()
        composer = console.exercise.composer
        assert isinstance(composer, ComposerPanel) and composer.target.handover
        await paste(pilot, "Brattlia: 40 evakuerte. Veien er stengt.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert console.exercise.composer is None
        await console.advance(pilot, 10 * 60)  # 22:05
        assert "⏾ ubetjent til 08:00" in str(status.render())
    [done] = of_type(session_events(console.path), "action")
    assert (done.data["action"], done.data["text"], done.data["by"]) == (
        "handover",
        "Brattlia: 40 evakuerte. Veien er stengt.",
        "Kari",
    )
