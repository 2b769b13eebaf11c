"""A team exercise as people run it: a host, and three seats (leader, press, social) in
terminals of their own, each the installed command in a pseudo-terminal, on jordras,
where the leader approves the team's texts.

Press drafts a reply to the journalist, the leader approves and publishes it, social
flags and hides a post; each seat sees what the others did, the control cell's pause
reaches every seat, and the log has every action once with its author. The control
cell steers over the host's socket with its code, as a console of its own would.
Nothing sleeps: each step waits for what it expects on a screen or in the log.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.engine.store import SessionStore
from simulator.exercise.protocol import RequestKind
from simulator.exercise.seat import Seat
from tests.helpers import cli_path
from tests.hosting import HostedExercise
from tests.terminal import Terminal, open_terminal, wait_for

#: When the first press question (presse-lokalavis-a, T+3:00) is in the press inbox.
AFTER_FIRST_QUESTION = 185.0
REPLY = "Kommunen bekrefter et ras i Brattlia. Ti husstander er evakuert til skolen."


class Exercise(HostedExercise):
    """A host process in bokmål and the control cell's way to steer it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, "jordras", lang="nb")

    def steer(self, kind: RequestKind, value: float | None = None) -> None:
        """A request of the control cell, acknowledged once the host recorded it."""

        async def send() -> None:
            seat = Seat(self.socket, self.codes["facilitator"], "Siri")
            try:
                await seat.connect()
                ack = await asyncio.wait_for(seat.request(kind, value=value), 10)
                assert ack.ok, ack
            finally:
                await seat.close()

        asyncio.run(send())

    def seat(self, role: str, name: str) -> Terminal:
        """A seat of team 1 in a terminal of its own."""
        return self.join(self.code(role), name)


@pytest.fixture
def exercise(tmp_path: Path) -> Iterator[Exercise]:
    exercise = Exercise(tmp_path)
    yield exercise
    exercise.kill_all()


def team_log(term: Terminal, *expected: str) -> str:
    """Open the team's log on a seat, wait for each text in it, and close it."""
    term.type("l")
    shown = wait_for(term, "Lagets logg")
    for text in expected:
        shown = wait_for(term, text)
    term.press("escape")
    return shown


def test_press_drafts_the_leader_approves_social_flags_and_hides_and_all_see_it(
    exercise: Exercise,
) -> None:
    exercise.steer(RequestKind.JUMP, AFTER_FIRST_QUESTION)
    press = exercise.seat("press", "Kari")
    social = exercise.seat("social", "Per")
    leader = exercise.seat("leader", "Ola")
    try:
        # Press: the press inbox only, with the journalist's question; a reply is a draft.
        wait_for(press, "Presseinnboks")
        wait_for(press, "Lierfjell Avis")
        assert "Strøm" not in press.screen()
        press.type("t")  # takes the question: the others see who has it
        wait_for(press, "✋ Kari")
        press.type("r")
        wait_for(press, "Svar til")
        press.type(REPLY)
        press.press("ctrl+s")
        wait_for(press, "Sendt til lederen for godkjenning")

        # Social: the feed; flags the newest post as correct, then hides it.
        wait_for(social, "Strøm")
        assert "Presseinnboks" not in social.screen()
        social.type("f")
        wait_for(social, "korrekt")
        social.type("k")
        wait_for(social, "merket som korrekt")  # in the detail pane, under what was done
        social.type("h")
        wait_for(social, "trakassering")
        social.type("a")  # something else
        wait_for(social, "skjult: noe annet")

        # The leader: the draft in the queue, published as it stands.
        leader.type("g")
        wait_for(leader, "Utkast som venter")
        wait_for(leader, "Kari")
        leader.press("enter")
        wait_for(leader, "Svar til Kari Solbakken")  # the composer, with Kari's text
        wait_for(leader, "Ti husstander")
        leader.press("ctrl+s")
        wait_for(leader, "Publisert")

        # Each seat sees what the others did.
        wait_for(press, "Lierfjell kommune")  # the published reply, in the press inbox
        team_log(press, "Per: merket som korrekt", "Ola: svart")
        team_log(social, "Kari: skrev utkast", "Ola: svart")
        team_log(leader, "Per: skjult", "Kari: tok saken")

        # The control cell pauses: every seat shows it.
        exercise.steer(RequestKind.PAUSE)
        for term in (press, social, leader):
            wait_for(term, "PAUSE")
    finally:
        for term in (press, social, leader):
            term.close()
    exercise.stop()

    store = SessionStore.open(exercise.session())
    try:
        actions = [e.data for e in store.events() if e.type == "action"]
        Engine.restore(store)  # the whole log rebuilds the same exercise
    finally:
        store.close()
    done = [(a["action"], a["by"], a["seat"]) for a in actions]
    assert done == [
        ("claim", "Kari", "1:press"),
        ("draft", "Kari", "1:press"),
        ("flag", "Per", "1:social"),
        ("hide", "Per", "1:social"),
        ("reply", "Ola", "1:leader"),
    ]
    requests = [a["request"] for a in actions]
    assert len(set(requests)) == len(requests)  # each request applied once
    reply = actions[-1]
    assert reply["draft"] == "d1" and reply["text"] == REPLY


def test_the_host_in_a_terminal_waits_for_the_control_cell_to_start_the_clock(
    tmp_path: Path,
) -> None:
    sessions = tmp_path / "sessions"
    argv = [cli_path(), "--lang", "nb", "host", "jordras", "--teams", "2"]
    control = open_terminal([*argv, "--session-dir", str(sessions)], 120, 40)
    try:
        wait_for(control, "trykk mellomrom for å starte")
        shown = wait_for(control, "PAUSE")
        assert "Lag" in shown and "innfridd" in shown  # every team's state
        control.type("k")  # the codes, by team and role, in the screen's language
        wait_for(control, "Koder for å koble seg på")
        for text in ("Lag 2", "presse", "øvingsstyring"):  # the dialog may draw in steps
            wait_for(control, text)
        control.press("escape")
        wait_for(control, "Øvingsstyring:")
        control.press("space")
        wait_for(control, "går")
        control.type("q")
        wait_for(control, "Avslutte verten?")
        control.type("y")
        control.wait_gone()
    finally:
        control.close()
    (folder,) = [p for p in sessions.iterdir() if p.name != "exercise"]
    store = SessionStore.open(folder / "team-2.sqlite")
    try:
        ops = [str(e.data["op"]) for e in store.events() if e.type == "clock"]
    finally:
        store.close()
    assert ops == ["start", "pause", "resume", "pause"]
