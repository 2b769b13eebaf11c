"""The facilitator's screen: observer notes by the observer, the events list's outlook and
expectations, and ad-hoc press questions with a deadline.

Pilot drives a real console on a virtual clock (see ``tests/test_console.py``); what is
asserted is read back from the session file, or from the installed command's debrief.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from simulator.engine.actions import ActionRequest
from simulator.engine.engine import Engine
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import load_scenario_text
from simulator.tui.screens.dialogs import AdhocScreen, PromptScreen
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.screens.facilitator import FacilitatorScreen, ObserverNoteScreen
from tests.console_fixtures import (
    NAME,
    Console,
    close_session,
    detail_text,
    list_ids,
    of_type,
    paste,
    resumed,
    screen_text,
    session_events,
    status_text,
)
from tests.helpers import run_cli

OBSERVER = "Olav Observatør"

BRANCHES = """\
format: 1
id: greiner
title: Greiner
duration: 60m
language: {language}
variables:
  omrade: Brattlia
personas:
  - {{id: avisa, name: Avisa, role: media}}
  - {{id: kari, name: Kari, role: citizen}}
injects:
  - id: sporsmal
    at: 1m
    from: avisa
    kind: press
    text: "Hva skjer i {{omrade}}?"
    expect:
      - do: reply
        within: 5m
        mention: ["{{omrade}}"]
  - id: takk
    after: {{met: sporsmal}}
    from: avisa
    kind: post
    text: "Takk for svaret"
  - id: purring
    after: {{missed: sporsmal}}
    from: avisa
    kind: press
    text: "Hvorfor svarer ingen?"
    expect:
      - do: [reply, statement]
  - id: etter-takk
    after: {{delivered: takk}}
    delay: 1m
    from: kari
    kind: post
    text: "Fint at de svarte"
  - id: senere
    at: 50m
    from: kari
    kind: post
    text: "Er det over nå?"
"""


def branches(tmp_path: Path, language: str = "nb") -> Console:
    loaded = load_scenario_text(BRANCHES.format(language=language), "greiner.yaml")
    return Console(tmp_path, loaded)


def outcomes(path: Path, item: str) -> list[Event]:
    """The expectation events of one item, from the session file."""
    return [e for e in of_type(session_events(path), "expectation") if e.data["inject"] == item]


def status_cell(screen: FacilitatorScreen, inject: str) -> str:
    return str(screen.query_one("#msel", DataTable).get_cell(inject, "status"))


# -- observer notes ------------------------------------------------------------------------


async def open_note(pilot: Pilot) -> ObserverNoteScreen:
    await pilot.press("o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ObserverNoteScreen)
    return dialog


async def test_observer_notes_carry_the_observers_name_asked_once(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)  # the trainee at this console is Kari
        await console.advance(pilot, 30)
        await console.facilitator(pilot)
        # The first note asks for the observer's own name.
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert app.tr("fac.observer.name") in screen_text(app)
        await paste(pilot, OBSERVER)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ObserverNoteScreen)
        assert OBSERVER in screen_text(app)
        await paste(pilot, "Bra")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        # The second goes straight to the note: the name is remembered.
        await console.advance(pilot, 15)
        await open_note(pilot)
        await paste(pilot, "Stille")
        await pilot.press("enter")
        await pilot.pause()

        first, second = of_type(session_events(console.path), "note")
        assert first.data == {"text": "Bra", "to": [], "by": OBSERVER, "observer": True}
        assert second.data == {"text": "Stille", "to": [], "by": OBSERVER, "observer": True}
        assert (first.t, second.t) == (30, 45)
        # The trainee's name stays the trainee's.
        assert app.player == NAME


async def test_observer_note_is_about_an_item_only_when_the_observer_picks_it(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 90)  # vitne-brak (0m) and nabo-strom (1m) delivered
        # The trainee's cursor stands on vitne-brak; the note must not land there.
        await console.select(pilot, "vitne-brak")
        screen = await console.facilitator(pilot)
        table = screen.query_one("#msel", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "vitne-brak"
        app.observer = OBSERVER  # named at an earlier note
        dialog = await open_note(pilot)
        about = dialog.query_one("#about", Select)
        assert about.value == ""  # no item, by default
        await paste(pilot, "Om øyeblikket")
        await pilot.press("enter")
        await pilot.pause()

        # Now pick an item: the delivered injects are offered, newest first.
        dialog = await open_note(pilot)
        await paste(pilot, "Godt fanget")
        await pilot.press("shift+tab")
        assert app.focused is dialog.query_one("#about", Select)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # none, nabo-strom, vitne-brak
        await pilot.pause()
        assert dialog.query_one("#about", Select).value == "vitne-brak"
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#text", Input)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)

        moment, picked = of_type(session_events(console.path), "note")
        assert moment.data["to"] == [] and moment.data["by"] == OBSERVER
        assert picked.data == {
            "text": "Godt fanget",
            "to": ["vitne-brak"],
            "by": OBSERVER,
            "observer": True,
        }
        notes = str(screen.query_one("#notes", Static).render())
        assert "Godt fanget" in notes and "vitne-brak" in notes and f"({OBSERVER})" in notes


async def test_observer_notes_stay_off_the_team_screens(tmp_path: Path) -> None:
    console = Console(tmp_path)
    observed = "Tok lang tid"

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 30)
        await console.facilitator(pilot)
        app.observer = OBSERVER
        dialog = await open_note(pilot)
        await paste(pilot, observed)
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # vitne-brak, the only inject delivered
        await pilot.pause()
        assert dialog.query_one("#about", Select).value == "vitne-brak"
        await pilot.press("tab", "enter")
        await pilot.pause()
        [note] = of_type(session_events(console.path), "note")
        assert note.data["to"] == ["vitne-brak"] and note.data["observer"] is True

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        await console.select(pilot, "vitne-brak")
        detail = detail_text(console.exercise)
        assert observed not in detail and OBSERVER not in detail
        assert not app.model.by_id["vitne-brak"].handled
        await pilot.press("u")  # "not yet handled" still lists it
        await pilot.pause()
        assert "vitne-brak" in list_ids(console.exercise, "feed")
        assert observed not in screen_text(app) and OBSERVER not in screen_text(app)


# -- the events list: will not come, and what each inject expects --------------------------


async def test_branch_not_taken_is_marked_will_not_come(tmp_path: Path) -> None:
    console = branches(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 90)
        screen = await console.facilitator(pilot)
        pending = app.tr("state.pending")
        assert pending == "venter"
        assert all(
            status_cell(screen, i) == pending for i in ("takk", "purring", "etter-takk", "senere")
        )
        # Nobody replies: at 6m the question is missed.
        await console.advance(pilot, 5 * 60)
        assert console.now() == 390
        events = session_events(console.path)
        assert of_type(events, "expectation")[-1].data["status"] == "missed"
        assert status_cell(screen, "takk") == "kommer ikke"
        assert status_cell(screen, "etter-takk") == "kommer ikke"  # waits on one that won't
        assert status_cell(screen, "purring") == app.tr("state.delivered")
        assert status_cell(screen, "senere") == pending
        # A late reply does not bring the "met" branch back.
        app.act(ActionRequest("reply", ("sporsmal",), "Ras i Brattlia", by=NAME), "ok")
        await pilot.pause()
        assert status_cell(screen, "takk") == "kommer ikke"


async def test_met_branch_rules_out_the_missed_one_in_nynorsk(tmp_path: Path) -> None:
    console = branches(tmp_path, "nn")

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 90)
        assert app.act(ActionRequest("reply", ("sporsmal",), "Ras i Brattlia", by=NAME), "ok")
        await console.advance(pilot, 0)  # the console's next delivery: the branch's inject
        screen = await console.facilitator(pilot)
        assert status_cell(screen, "purring") == "kjem ikkje"
        assert status_cell(screen, "takk") == app.tr("state.delivered")
        assert status_cell(screen, "etter-takk") != "kjem ikkje"


async def test_will_not_come_comes_from_the_log(tmp_path: Path) -> None:
    """A resumed session knows the same: it is worked out from the log, not the screen."""
    console = branches(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 7 * 60)
    store = SessionStore.open(console.path)
    try:
        engine = Engine.restore(store)
        assert engine.inject_status("takk") == "wont"
        assert engine.inject_status("etter-takk") == "wont"
        assert engine.inject_status("senere") == "pending"
        assert engine.will_not_come() == {"takk", "etter-takk"}
    finally:
        store.close()


async def test_events_list_says_what_each_inject_expects(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        screen = await console.facilitator(pilot)
        table = screen.query_one("#msel", DataTable)
        assert "forventet" in [str(c.label) for c in table.columns.values()]

        def expects(inject: str) -> str:
            return str(table.get_cell(inject, "expect"))

        # The preview's wording, with the points an expectation is worth when not 1.
        assert expects("presse-lokalavis-a") == (
            "svar innen kl. 07:00; nevn «Brattlia»; må ha med «politi*» [2 poeng] (mål: presse)"
        )
        assert expects("vitne-brak") == "merk som korrekt innen 15 min (mål: rykter)"
        assert expects("rykte-dam") == (
            "merk som villedende innen 15 min [2 poeng] (mål: rykter) · "
            "svar eller uttalelse innen 15 min; nevn «dammen» [2 poeng] (mål: rykter)"
        )
        assert expects("nabo-strom") == ""


# -- ad-hoc press questions ----------------------------------------------------------------


async def adhoc_press(pilot: Pilot, console: Console, text: str, deadline: str | None) -> None:
    """Write an ad-hoc press question as Lierfjell Avis through the dialog's keys."""
    app = console.app
    await pilot.press("a")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, AdhocScreen)
    field = dialog.query_one("#deadline", Input)
    assert not field.display  # only a press question has a deadline
    await paste(pilot, text)
    await pilot.press("shift+tab", "enter")  # the kind: press (third)
    await pilot.pause()
    await pilot.press("down", "down", "enter")
    await pilot.pause()
    assert dialog.query_one("#kind", Select).value == "press"
    assert field.display and field.value == "20m"  # jordras: scoring.deadlines.press
    await pilot.press("tab")
    assert app.focused is field
    if deadline is not None:
        await pilot.press("ctrl+u", *deadline)
    await pilot.press("tab")
    assert app.focused is dialog.query_one("#text", Input)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, FacilitatorScreen)


async def test_adhoc_press_question_is_open_with_a_deadline_and_met(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 60)
        screen = await console.facilitator(pilot)
        before = len(app.read_clock().open)
        await adhoc_press(pilot, console, "Stemmer det at skolen stenger?", None)

        [adhoc] = [
            e
            for e in of_type(session_events(console.path), "delivered")
            if e.data["source"] == "facilitator"
        ]
        assert adhoc.data["kind"] == "press" and adhoc.data["within"] == 20 * 60
        item = adhoc.data["item"]
        triage = app.read_clock()
        assert len(triage.open) == before + 1 and triage.due_in(item) == 20 * 60
        assert f"{before + 1} {app.tr('triage.open')}" in status_text(screen)

        await console.advance(pilot, 60)  # before the first scripted press question (3m)
        assert app.act(ActionRequest("reply", (item,), "Nei, skolen er åpen", by=NAME), "ok")
        [outcome] = outcomes(console.path, item)
        assert outcome.data["status"] == "met" and outcome.data["response_time"] == 60
        assert outcome.data["deadline"] == adhoc.t + 20 * 60
        assert item not in app.read_clock().open  # answered: no longer open
    report = json.loads(run_cli("score", str(console.path), "--format", "json").stdout)
    [row] = [e for e in report["expectations"] if e["inject"].startswith("adhoc-")]
    assert row["status"] == "met" and row["do"] == ["reply"]
    # Judged as a press question: answered on time.
    assert report["summary"]["press_answered_on_time"] >= 1


async def test_adhoc_press_question_with_its_own_deadline_is_missed(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 60)
        await console.facilitator(pilot)
        await adhoc_press(pilot, console, "Hvor mange er evakuert?", "5m")
        await console.advance(pilot, 5 * 60 + 1)
        item = "adhoc-1"
        [outcome] = outcomes(console.path, item)
        assert outcome.data["status"] == "missed" and outcome.t == 60 + 5 * 60
        assert "adhoc-1" in console.app.read_clock().overdue  # counted as overdue
    report = json.loads(run_cli("score", str(console.path), "--format", "json").stdout)
    [row] = [e for e in report["expectations"] if e["inject"] == "adhoc-1"]
    assert row["status"] == "missed" and row["deadline"] == 360
    # The session still restores: the deadline is read back from the log.
    store = SessionStore.open(console.path)
    try:
        assert Engine.restore(store).expectations["adhoc-1"][0].status == "missed"
    finally:
        store.close()


async def test_adhoc_deadline_must_be_a_duration(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.facilitator(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AdhocScreen)
        await paste(pilot, "Kommentar?")
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter", "tab", "ctrl+u", *"snart", "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert app.tr("fac.adhoc.bad_deadline") in screen_text(app)
        assert not [
            e
            for e in of_type(session_events(console.path), "delivered")
            if e.data["source"] == "facilitator"
        ]


async def test_resumed_console_offers_the_last_observers_name(tmp_path: Path) -> None:
    first = Console(tmp_path)

    async with first.running() as pilot:
        await first.begin(pilot)
        await first.advance(pilot, 30)
        await first.facilitator(pilot)
        await pilot.press("o")
        await pilot.pause()
        await paste(pilot, OBSERVER)
        await pilot.press("enter")
        await pilot.pause()
        await paste(pilot, "Før avbruddet")
        await pilot.press("enter")
        await pilot.pause()
    app, _ = resumed(first.path)

    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("enter")  # the briefing, then the exercise, paused
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            prompt = app.screen
            assert isinstance(prompt, PromptScreen)
            assert prompt.query_one(Input).value == OBSERVER  # to confirm, or to change
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ObserverNoteScreen)
            await paste(pilot, "Etter avbruddet")
            await pilot.press("enter")
            await pilot.pause()
    finally:
        close_session(app)
    notes = of_type(session_events(first.path), "note")
    assert [(n.data["text"], n.data["by"]) for n in notes] == [
        ("Før avbruddet", OBSERVER),
        ("Etter avbruddet", OBSERVER),
    ]


def test_nothing_more_comes_once_the_exercise_has_ended(tmp_path: Path) -> None:
    loaded = load_scenario_text(BRANCHES.format(language="nb"), "greiner.yaml")
    engine = Engine(loaded, 1)
    engine.start()
    engine.jump_to(2 * 60)
    assert engine.inject_status("senere") == "pending"
    engine.end("ended by facilitator")
    assert engine.will_not_come() == {"takk", "purring", "etter-takk", "senere"}
    # Its deadline (T+6:00) was still ahead: not reached, which is not missed.
    assert engine.inject_status("sporsmal") == "not_reached"


async def test_the_highlighted_inject_shows_in_full_at_80_columns(tmp_path: Path) -> None:
    """At 80×24 the table's text and expectation columns are off to the right; the pane
    under it shows the highlighted inject's text and what it expects."""
    console = Console(tmp_path, language="nn")

    async with console.running() as pilot:
        await pilot.resize_terminal(80, 24)
        await console.begin(pilot)
        screen = await console.facilitator(pilot)
        table = screen.query_one("#msel", DataTable)
        table.move_cursor(row=table.get_row_index("presse-lokalavis-a"))
        await pilot.pause()
        lines = screen_text(console.app).splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        shown = " ".join(" ".join(lines).split())
        expects = "forventa: svar innan kl. 07:00; nemn «Brattlia»; må ha med «politi*» [2 poeng]"
        assert expects in shown
        assert "Lierfjell Avis" in shown  # its text, placeholders filled in
        # The way back and the end are in the footer at this width.
        assert "F2 Tilbake" in lines[-1] and "E Avslutt" in lines[-1]


async def test_a_pause_on_the_facilitators_screen_shows_on_the_teams_screen_at_once(
    tmp_path: Path,
) -> None:
    # The console redraws the screen on top; the one under it is redrawn when it is shown
    # again, also while paused, when no second ticks to redraw it.
    console = Console(tmp_path)
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 5)
        assert "PAUSE" not in screen_text(console.app)
        await console.facilitator(pilot)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(console.app.screen, ExerciseScreen)
        assert "PAUSE" in screen_text(console.app)
