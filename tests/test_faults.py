"""Faults on purpose: kill -9 at random moments, and a full disk under the store.

Part of every test run; ``pytest -m faults`` runs them alone. The console is driven in tmux
where it is installed, otherwise through a pseudo-terminal (tests/terminal.py). Each kill
lands at a random point of progress (a random number of events in the file), found by
polling the file, never by sleeping.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.engine.session import virtual_clock
from simulator.engine.store import SessionStore
from tests.helpers import BUSY, cli_path, event_count, run_cli, surge_scenario
from tests.terminal import Terminal, open_terminal, settle, wait_for

pytestmark = pytest.mark.faults
KILLS = 20
SEED = 20261126


def moment_of(test: str, n: int, low: int, high: int) -> int:
    """Kill ``n``'s random target (events in the file): its own draw, so that each kill is
    a case of its own, the same whichever worker runs it and in whatever order."""
    return random.Random(f"{SEED}-{test}-{n}").randrange(low, high)


def wait_until(
    condition: Callable[[], bool],
    proc: subprocess.Popen | None = None,
    term: Terminal | None = None,
    limit: float = 60.0,
) -> None:
    """Poll until ``condition`` holds, woken by the process or the terminal, not a timer."""
    deadline = time.monotonic() + limit
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the process ended early with {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        if proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.02)
        elif term is not None:
            settle(term)  # the console redraws as events arrive


def check_killed_session(path: Path) -> list[dict]:
    """What must hold after any kill: it opens, scores as incomplete, events are whole."""
    # Read as the debrief reads it: the killed process may not have finished dying (and
    # given up its lock) when this runs.
    store = SessionStore.open(path, readonly=True)
    seqs = [e.seq for e in store.events()]
    assert seqs == list(range(1, len(seqs) + 1))
    assert not store.ended
    store.close()
    proc = run_cli("score", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["session"]["complete"] is False
    return [json.loads(line) for line in run_cli("export", str(path)).stdout.splitlines()]


# -- simulate ------------------------------------------------------------------------------

# With a story at T+03:00 that quotes the statement at T+02:00: a restore after it must
# quote the same words again.
SURGE = surge_scenario("2h").replace(
    "noise:\n",
    "  - {id: sak, at: 3m, from: avisa, kind: news, story: {about: [skolen],"
    ' quoted: "Kommunen skriver: «{quote}»", silent: "Kommunen har ikke svart."}}\n'
    "noise:\n",
)
TEAM_STATEMENTS = """\
- {at: 5s, do: statement, text: "Vi vet ingenting foreløpig."}
- {at: 2m, do: statement, text: "Møt opp på skolen kl. 14:00. Ring 22 33 44 55."}
"""


@pytest.mark.parametrize("n", range(KILLS))
def test_kill_simulate_at_random_moments(tmp_path: Path, n: int) -> None:
    scenario = tmp_path / "surge.yaml"
    scenario.write_text(SURGE, encoding="utf-8")
    # Statements the public reacts to, from seconds in until the kill: the restore below
    # must draw the same reactions again.
    (tmp_path / "team.yaml").write_text(TEAM_STATEMENTS, encoding="utf-8")
    session = tmp_path / f"k{n}.sqlite"
    partial = session.with_name(session.name + ".partial")
    proc = subprocess.Popen(
        [
            cli_path(),
            "simulate",
            str(scenario),
            "--seed",
            str(n),
            "--actions",
            str(tmp_path / "team.yaml"),
            "--session",
            str(session),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    target = moment_of("simulate", n, 1, 30_000)
    try:
        wait_until(lambda: event_count(partial) >= target, proc)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    events = check_killed_session(partial)
    assert len(events) >= target
    reactions = [e for e in events if e.get("source") == "reaction"]
    # The first of the reactions to the statement at 5 s comes within a minute and a half.
    assert reactions or max(e["t"] for e in events) < 90
    stories = [e for e in events if e.get("item") == "sak"]
    assert [s["quotes"] for s in stories] == (
        ["team-2"] if max(e["t"] for e in events) >= 180 else []
    )
    # It restores: the replay of the log matches the scenario and seed exactly.
    restored = Engine.restore(SessionStore.open(partial), clock=virtual_clock())
    assert restored.now() == pytest.approx(max(e["t"] for e in events))
    restored.store.close()


# -- the console, in a terminal ---------------------------------------------------------------


@pytest.mark.parametrize("n", range(KILLS))
def test_kill_the_console_at_random_moments(tmp_path: Path, n: int) -> None:
    scenario = tmp_path / "busy.yaml"
    scenario.write_text(BUSY, encoding="utf-8")
    session = tmp_path / f"run{n}.sqlite"
    # What the team is doing when the power goes: reading, halfway through typing a
    # statement, or just after one was published (acknowledged on screen).
    moment = ("reading", "typing", "published")[n % 3]
    target = moment_of("console", n, 3, 300)
    term = open_terminal(
        [
            cli_path(),
            "run",
            str(scenario),
            "--speed",
            "20",
            "--seed",
            str(n),
            "--session",
            str(session),
        ]
    )
    try:
        wait_for(term, "Enter")
        term.press("enter")
        wait_until(lambda: event_count(session) >= target, term=term)
        if moment != "reading":
            term.type("s")
            wait_for(term, "Ny uttalelse")
            term.type(f"Melding nummer {n}")
            if moment == "published":
                term.press("ctrl+s")  # the composer's publish key in every terminal
                wait_for(term, "Publisert")
        screen = term.screen()
        os.kill(term.pid, signal.SIGKILL)
    finally:
        term.close()
    events = check_killed_session(session)
    handles = {e["handle"] for e in events if e["type"] == "delivered"}
    on_screen = re.findall(r"@([a-z0-9_]+) \[", screen)
    assert on_screen or moment != "reading"
    for handle in on_screen:
        assert handle in handles, handle  # whatever was on screen is on disk
    texts = [e["text"] for e in events if e["type"] == "action"]
    assert (f"Melding nummer {n}" in texts) == (moment == "published")
    # resume opens it paused where it stopped, and the exercise goes on from there
    before = len(events)
    term = open_terminal([cli_path(), "resume", str(session)])
    try:
        wait_for(term, "Enter")
        term.press("enter")
        wait_for(term, "PAUSE")
        term.press("f2")
        wait_for(term, "Øvingsleder")
        term.press("space")
        wait_until(lambda: event_count(session) > before + 20, term=term)
        term.press("ctrl+c")
        term.wait_gone()
    finally:
        term.close()
    store = SessionStore.open(session)
    seqs = [e.seq for e in store.events()]
    assert seqs == list(range(1, len(seqs) + 1))
    restored = Engine.restore(store, clock=virtual_clock())
    assert restored.now() > max(e["t"] for e in events)
    store.close()


# -- a full disk ------------------------------------------------------------------------------


async def test_a_full_disk_is_said_plainly_and_loses_nothing(tmp_path: Path) -> None:
    from simulator.engine.actions import ActionRequest
    from simulator.engine.clock import ManualTime, ScenarioClock
    from simulator.scenario.loader import load_scenario
    from simulator.tui.app import CrisisApp

    real = ManualTime()
    path = tmp_path / "full.sqlite"
    app = CrisisApp(
        load_scenario("jordras"), seed=1, session_path=path, clock=ScenarioClock(source=real)
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        real.advance(240)
        app.tick()
        assert app.engine is not None and app.engine.store is not None
        before = event_count(path)
        # The disk fills up: SQLite may not grow the file by another page.
        conn = app.engine.store._conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        real.advance(3000)  # a surge that cannot be written
        app.tick()
        app.tick()
        await pilot.pause()
        notices = " ".join(str(n.message) for n in app._notifications)
        acted = app.act(ActionRequest("statement", (), "x" * 50_000), "ok")
        running = app.is_running
        await pilot.press("ctrl+c")
    assert "Lagring feilet" in notices and "full" in notices
    assert notices.count("Lagring feilet") == 1  # said once, not on every tick
    assert running is True and acted is False
    store = SessionStore.open(path)  # what was written before is intact
    assert store.count() >= before
    assert [e.seq for e in store.events()] == list(range(1, store.count() + 1))
