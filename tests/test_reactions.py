"""The public's reactions to what the team publishes, as a scripted team meets them in
'jordras': the installed command end to end, real session files, real exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.engine import Engine
from simulator.engine.events import NEGATIVE_TONES, Reaction, Tone
from simulator.engine.reach import reaction_count
from simulator.engine.reactions import Published, rules_of, signals_of
from simulator.engine.session import virtual_clock
from simulator.engine.store import SessionStore
from simulator.scenario.loader import load_scenario
from simulator.scenario.reactions import Signal
from tests.helpers import run_cli_process

VAGUE = """\
- at: 5m
  do: statement
  channel: social
  text: "Vi vet ingenting foreløpig."
- at: 25m
  do: reply
  to: rykte-dam
  text: "Vi vet ingenting foreløpig. Vi har ikke oversikt."
"""
CONCRETE = """\
- at: 5m
  do: statement
  channel: social
  text: "Jordras i {omrade} kl. 06:10. Evakuerte møter på {evakueringssenter}. Ring {hotline}."
- at: 25m
  do: reply
  to: rykte-dam
  text: "Lierfjell Kraft bekrefter kl. 06:30 at dammen er intakt. Spørsmål: ring {hotline}."
"""


def simulated(folder: Path, actions: str, seed: int = 4, name: str = "s") -> list[dict[str, Any]]:
    """A run of jordras by a scripted team, as ``export`` gives it."""
    (folder / f"{name}.yaml").write_text(actions, encoding="utf-8")
    session = folder / f"{name}.sqlite"
    ran = run_cli_process(
        "simulate",
        "jordras",
        "--seed",
        str(seed),
        "--actions",
        str(folder / f"{name}.yaml"),
        "--session",
        str(session),
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    exported = run_cli_process("export", str(session))
    assert exported.returncode == 0, exported.stderr
    return [json.loads(line) for line in exported.stdout.splitlines()]


def reactions(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == "delivered" and e["source"] == "reaction"]


def delivered(events: list[dict[str, Any]], item: str) -> dict[str, Any]:
    return next(e for e in events if e["type"] == "delivered" and e["item"] == item)


def negative_share(events: list[dict[str, Any]]) -> float:
    found = reactions(events)
    return sum(e["tone"] in NEGATIVE_TONES for e in found) / len(found)


def test_a_vague_team_draws_a_clearly_more_negative_public_than_a_concrete_one(
    tmp_path: Path,
) -> None:
    vague = simulated(tmp_path, VAGUE, name="vague")
    concrete = simulated(tmp_path, CONCRETE, name="concrete")
    assert len(reactions(vague)) >= 20 and len(reactions(concrete)) >= 20
    assert negative_share(vague) - negative_share(concrete) >= 0.30
    # Each reaction answers a post of the team's, and says how.
    for events in (vague, concrete):
        team = {e["item"]: e for e in events if e["type"] == "delivered" and e["source"] == "team"}
        for reaction in reactions(events):
            post = team[reaction["reply_to"]]
            assert reaction["t"] > post["t"]
            assert reaction["reaction"] in set(Reaction) and reaction["tone"] in set(Tone)
            if reaction["reaction"] == Reaction.SHARE:
                assert reaction["text"] == post["text"]  # passed on as it is
            else:
                assert reaction["text"] != post["text"]


def test_the_same_seed_and_actions_give_the_same_reactions(tmp_path: Path) -> None:
    def seen(events: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [
            (e["t"], e["item"], e["author"], e["text"], e["reaction"], e["tone"], e["reply_to"])
            for e in reactions(events)
        ]

    first = simulated(tmp_path, CONCRETE, name="first")
    again = simulated(tmp_path, CONCRETE, name="again")
    assert seen(first) and seen(first) == seen(again)
    other = simulated(tmp_path, CONCRETE, seed=5, name="other")
    assert seen(other) != seen(first)


def test_reactions_shift_neither_the_noise_nor_the_injects(tmp_path: Path) -> None:
    def others(events: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [
            (e["t"], e["item"], e["author"], e["text"])
            for e in events
            if e["type"] == "delivered" and e["source"] in ("inject", "noise")
        ]

    quiet = simulated(tmp_path, "[]\n", name="quiet")
    loud = simulated(tmp_path, VAGUE, name="loud")
    assert not reactions(quiet) and reactions(loud)
    assert others(quiet) == others(loud)


def test_the_organisations_posts_reach_its_followers_and_draw_reactions_by_reach(
    tmp_path: Path,
) -> None:
    events = simulated(tmp_path, CONCRETE)
    scenario = load_scenario("jordras").scenario
    assert scenario.organisation is not None
    followers = scenario.organisation.followers
    statement = delivered(events, "team-1")
    assert statement["followers"] == followers
    assert statement["peak"] == min(2 * followers, scenario.audience)
    drawn = [e for e in reactions(events) if e["reply_to"] == "team-1"]
    assert len(drawn) == reaction_count(statement["peak"])
    assert all(0 < e["peak"] <= scenario.audience for e in drawn)


def test_a_reply_off_the_public_channels_and_reactions_after_the_end_never_come(
    tmp_path: Path,
) -> None:
    actions = """\
- at: 6m
  do: reply
  to: presse-lokalavis-a
  text: "Kommunen bekrefter et jordras. Evakuerte møter på {evakueringssenter}."
- at: 89m
  do: statement
  text: "Vi vet ingenting foreløpig."
"""
    events = simulated(tmp_path, actions)
    end = next(e for e in events if e["type"] == "session_end")["t"]
    drawn = reactions(events)
    assert drawn and {e["reply_to"] for e in drawn} == {"team-2"}  # the press reply: none
    assert len(drawn) < reaction_count(delivered(events, "team-2")["peak"])
    assert max(e["t"] for e in drawn) <= end


def test_a_session_with_reactions_restores_from_its_log_exactly(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(VAGUE, encoding="utf-8")
    whole, half = tmp_path / "whole.sqlite", tmp_path / "half.sqlite"
    for session, until in ((whole, ()), (half, ("--until", "27m"))):
        ran = run_cli_process(
            "simulate",
            "jordras",
            "--seed",
            "4",
            "--actions",
            str(tmp_path / "team.yaml"),
            "--session",
            str(session),
            *until,
        )
        assert ran.returncode == 0, ran.stderr
    # The restore replays the half's log, reactions and all, and checks each event.
    restored = Engine.restore(SessionStore.open(half), clock=virtual_clock())
    restored.advance_to(float(restored.scenario.duration))
    restored.end()
    assert restored.store is not None
    rest = [(e.type, e.t, e.data) for e in restored.store.events()]
    store = SessionStore.open(whole, readonly=True)
    expected = [(e.type, e.t, e.data) for e in store.events()]
    store.close()
    assert rest == expected
    assert any(d.get("source") == "reaction" and t > 27 * 60 for _, t, d in rest)


@pytest.mark.parametrize(
    ("text", "to", "signal"),
    [
        ("Vi vet ingenting foreløpig.", False, Signal.VAGUE),
        ("Møt opp på Lierfjell skole kl. 08:00, ring 22 33 44 55.", False, Signal.CONCRETE),
        ("Raset gikk 06:10. Evakuerte møter på skolen.", True, Signal.ANSWERED),
        ("Ingen kommentar.", True, Signal.DODGED),
    ],
)
def test_the_rules_read_what_a_text_did(text: str, to: bool, signal: Signal) -> None:
    rules = rules_of(load_scenario("jordras").scenario)
    assert signal in signals_of(Published(text, asked=to), rules)


def test_a_reply_that_leaves_out_what_was_required_dodges_the_question() -> None:
    rules = rules_of(load_scenario("jordras").scenario)
    asked = Published("Vi jobber med saken.", asked=True, require=(("evakuert", "evakuerte"),))
    assert Signal.DODGED in signals_of(asked, rules)
    answered = Published("Tolv er evakuerte.", asked=True, require=(("evakuert", "evakuerte"),))
    assert Signal.ANSWERED in signals_of(answered, rules)


async def test_the_console_shows_reactions_as_shares_and_quotes_and_never_their_tone(
    tmp_path: Path,
) -> None:
    from tests.console_fixtures import (
        Console,
        detail_text,
        paste,
        screen_text,
        session_events,
        widget_lines,
    )

    console = Console(tmp_path)
    text = "Evakuerte møter på Fjellheim samfunnshus fra kl. 07:00."
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 240)
        await pilot.press("s")
        await pilot.pause()
        await paste(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await console.advance(pilot, 600)
        logged = [
            e.data for e in session_events(console.path) if e.data.get("source") == "reaction"
        ]
        share = next(r for r in logged if r["reaction"] == Reaction.SHARE)
        quote = next(r for r in logged if r["reaction"] == Reaction.QUOTE)
        model = console.app.model
        assert model.by_id[share["item"]].line == "↻ " + text
        assert model.by_id[quote["item"]].line.endswith("» " + text)
        for item, said in ((share, "Delte innlegget"), (quote, "Siterer innlegget")):
            await console.select(pilot, item["item"])
            assert said in detail_text(console.exercise)
            shown = screen_text(console.app)
            assert item["tone"] not in shown and "tone" not in shown
        # The team's own statement shows its reach, as the public's posts do.
        team = model.by_id["team-1"]
        assert team.has_reach
        rows = widget_lines(console.exercise.active_feed)
        assert not any(tone in row for row in rows for tone in Tone)
