"""Pilot tests of the exercise console: every user action, checked in the session file.

Time is virtual: a ``ManualTime`` drives the scenario clock, the tests advance it and call
``app.tick()`` themselves; nothing sleeps. Each test reads the session file back with
``SessionStore`` afterwards, so what is asserted is what the debrief will see.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pytest
from rich.console import Console as RichConsole
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TabbedContent, TextArea

from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.session import new_session
from simulator.engine.store import SessionStore
from simulator.scenario.loader import LoadedScenario, load_scenario, load_scenario_text
from simulator.scoring.labels import Labels
from simulator.tui.app import CrisisApp
from simulator.tui.screens.afteraction import AfterActionScreen
from simulator.tui.screens.dialogs import (
    AdhocScreen,
    ChoiceScreen,
    ConfirmScreen,
    HelpScreen,
    PromptScreen,
)
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.widgets.composer import ComposerPanel
from simulator.tui.widgets.feed import LINES_PER_ITEM, FeedView
from simulator.tui.widgets.footer import Footer
from tests.console_fixtures import (
    LIST_CHANNELS,
    NAME,
    SIZE,
    Console,
    close_session,
    delivered,
    detail_text,
    jordras,
    list_ids,
    of_type,
    paste,
    resumed,
    run_palette_command,
    screen_lines,
    screen_text,
    session_events,
    status_text,
    type_text,
    typed_at_once,
    widget_lines,
)


async def test_deliveries_appear_in_their_lists_newest_first(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 300)
        assert console.now() == 300
        events = session_events(console.path)
        items = delivered(events)
        assert items, "nothing was delivered in five minutes"
        assert max(e.t for e in items) <= 300
        screen = console.exercise
        for tab, channels in LIST_CHANNELS.items():
            expected = [
                e.data["item"]
                for e in sorted(
                    (e for e in items if e.data["channel"] in channels),
                    key=lambda e: (e.t, e.seq),
                    reverse=True,
                )
            ]
            assert list_ids(screen, tab) == expected, tab
        assert list_ids(screen, "press") == ["presse-lokalavis-a"]
        assert list_ids(screen, "internal") == ["krisestab-innkalling"]
        assert "vitne-brak" in list_ids(screen, "feed")

        # What is drawn: the newest item on top, each with its author and text.
        feed = screen.query_one("#list-feed", FeedView)
        lines = widget_lines(feed)
        by_id = {e.data["item"]: e for e in items}
        shown = list_ids(screen, "feed")
        assert len(lines) // LINES_PER_ITEM >= len(shown)  # all of them are on screen
        for row, item_id in enumerate(shown):
            event = by_id[item_id]
            header, body = lines[row * LINES_PER_ITEM], lines[row * LINES_PER_ITEM + 1]
            assert event.data["name"] in header
            assert console.engine.clock_text(event.t) in header
            words = " ".join(event.data["text"].split())[:25]
            assert words in body
        # Ground truth is never shown to trainees.
        text = screen_text(console.app)
        assert "misleading" not in text
        assert console.app.tr("label.misleading") not in text
        status = status_text(screen)
        assert "06:45" in status and "T+05:00" in status


async def test_the_item_under_the_cursor_is_read_from_the_start(tmp_path: Path) -> None:
    # The list may take the focus before or after its first items arrive; either way the
    # item under the cursor counts as read, and the status line says so.
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        screen = console.exercise
        selected = screen.selected
        assert selected is not None and selected.id == "vitne-brak"
        assert selected.read
        await console.advance(pilot, 480)
        items = console.app.model.items
        assert console.app.model.unread == len(items) - 1 == sum(not i.read for i in items)
        assert f"{len(items) - 1} {console.app.tr('status.unread')}" in status_text(screen)


# -- responding ------------------------------------------------------------------------


async def test_reply_to_a_press_inquiry_is_recorded_and_shown(tmp_path: Path) -> None:
    console = Console(tmp_path)
    text = "Ras i Brattlia"

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, "presse-lokalavis-a", tab="press")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(console.exercise.composer, ComposerPanel)
        await paste(pilot, text)
        assert console.app.tr("compose.ok") in screen_text(console.app)
        await console.advance(pilot, 7)  # typing takes a while; the clock runs on
        t_press = console.now()
        assert t_press == 307
        await pilot.press("ctrl+enter")
        await pilot.pause()
        assert console.exercise.composer is None

        events = session_events(console.path)
        [action] = of_type(events, "action")
        assert action.data["action"] == "reply"
        assert action.data["to"] == ["presse-lokalavis-a"]
        assert action.data["text"] == text
        assert action.data["by"] == NAME
        assert action.data["findings"] == []
        assert action.t == t_press
        team = [e for e in delivered(events) if e.data["source"] == "team"]
        assert [(e.data["item"], e.data["channel"], e.data["reply_to"], e.t) for e in team] == [
            ("team-1", "press", "presse-lokalavis-a", t_press)
        ]
        met = [
            e for e in of_type(events, "expectation") if e.data["inject"] == "presse-lokalavis-a"
        ]
        assert [e.data["status"] for e in met] == ["met"]

        # On screen: the reply in the press inbox as the organisation, and in the thread.
        screen = console.exercise
        assert list_ids(screen, "press")[0] == "team-1"
        assert screen.selected is not None and screen.selected.id == "presse-lokalavis-a"
        assert screen.selected.answered
        detail = detail_text(screen)
        assert "Lierfjell kommune" in detail
        assert text in detail
        assert f"({NAME})" in detail


async def test_statement_on_a_chosen_channel_is_recorded(tmp_path: Path) -> None:
    console = Console(tmp_path)
    text = "Ras i Brattlia"

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 240)
        await pilot.press("s")
        await pilot.pause()
        compose = console.exercise.composer
        assert isinstance(compose, ComposerPanel)
        await paste(pilot, text)
        # Choose the channel with the keyboard: back to the channel list, open it, two
        # down (social -> press -> news), pick, and back to the text.
        await pilot.press("shift+tab")
        assert isinstance(console.app.focused, Select)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert compose.query_one("#composer-channel", Select).value == "news"
        await pilot.press("tab")
        assert isinstance(console.app.focused, TextArea)
        t_press = console.now()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert console.exercise.composer is None

        events = session_events(console.path)
        [action] = of_type(events, "action")
        assert action.data["action"] == "statement"
        assert action.data["to"] == []
        assert action.data["channel"] == "news"
        assert action.data["text"] == text
        assert action.data["by"] == NAME
        assert action.t == t_press == 240
        [team] = [e for e in delivered(events) if e.data["source"] == "team"]
        assert team.data["channel"] == "news" and team.data["kind"] == "official"
        # krisestab-innkalling asks for a statement mentioning Brattlia within 15 minutes.
        met = [
            e for e in of_type(events, "expectation") if e.data["inject"] == "krisestab-innkalling"
        ]
        assert [e.data["status"] for e in met] == ["met"]
        # News shows in the feed, as the organisation, on top.
        screen = console.exercise
        assert list_ids(screen, "feed")[0] == team.data["item"]
        header = widget_lines(screen.query_one("#list-feed", FeedView))[0]
        assert "Lierfjell kommune" in header


async def test_flag_misleading_is_recorded(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 7 * 60 + 5)
        await console.select(pilot, "rykte-dam")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(console.app.screen, ChoiceScreen)
        t_press = console.now()
        await pilot.press("v")  # villedende, in the scenario's bokmål
        await pilot.pause()
        assert isinstance(console.app.screen, ExerciseScreen)

        events = session_events(console.path)
        [action] = of_type(events, "action")
        assert action.data["action"] == "flag"
        assert action.data["to"] == ["rykte-dam"]
        assert action.data["label"] == "misleading"
        assert action.data["by"] == NAME
        assert action.data["item"] is None  # a flag publishes nothing
        assert action.t == t_press == 425
        met = [e for e in of_type(events, "expectation") if e.data["inject"] == "rykte-dam"]
        assert [(e.data["index"], e.data["status"]) for e in met] == [(0, "met")]
        screen = console.exercise
        assert screen.selected is not None and screen.selected.flagged == "misleading"
        row = list_ids(screen, "feed").index("rykte-dam")
        header = widget_lines(screen.active_feed)[row * LINES_PER_ITEM]
        assert "⚑ villedende" in header
        assert console.app.tr("label.misleading") in detail_text(screen)


async def test_hide_escalate_and_note_are_recorded(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 600)
        await console.select(pilot, "savnet-nabo")
        t_hide = console.now()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(console.app.screen, ChoiceScreen)
        await pilot.press("p")  # personopplysninger
        await pilot.pause()
        await console.advance(pilot, 20)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(console.app.screen, ChoiceScreen)
        await pilot.press("2")  # the scenario's second name: Politiets operasjonssentral
        await pilot.pause()
        assert isinstance(console.app.screen, PromptScreen)
        await paste(pilot, "Politi")
        t_escalate = console.now()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(console.app.screen, ExerciseScreen)
        # A logbook note, attached to the selected item (here on the internal list).
        await console.advance(pilot, 10)
        await console.select(pilot, "krisestab-innkalling", tab="internal")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(console.app.screen, PromptScreen)
        await paste(pilot, "Ringt")
        t_note = console.now()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(console.app.screen, ExerciseScreen)

        events = session_events(console.path)
        hide, escalate = of_type(events, "action")
        assert (hide.data["action"], hide.data["to"], hide.data["by"], hide.t) == (
            "hide",
            ["savnet-nabo"],
            NAME,
            t_hide,
        )
        assert t_hide == 600 and hide.data["reason"] == "personal_data"
        assert escalate.data["recipient"] == "Politiets operasjonssentral"
        assert (
            escalate.data["action"],
            escalate.data["to"],
            escalate.data["text"],
            escalate.data["by"],
            escalate.t,
        ) == ("escalate", ["savnet-nabo"], "Politi", NAME, t_escalate)
        assert t_escalate == 620
        met = {
            (e.data["index"], e.data["status"])
            for e in of_type(events, "expectation")
            if e.data["inject"] == "savnet-nabo"
        }
        assert met == {(0, "met"), (1, "met")}
        [note] = of_type(events, "note")
        assert note.data == {
            "text": "Ringt",
            "to": ["krisestab-innkalling"],
            "by": NAME,
            "observer": False,
        }
        assert note.t == t_note == 630

        item = console.app.model.by_id["savnet-nabo"]
        assert item.hidden and item.escalated
        assert "Ringt" in detail_text(console.exercise)
        await console.select(pilot, "savnet-nabo")
        assert "Politi" in detail_text(console.exercise)


async def test_guideline_breach_warns_and_needs_a_second_enter(tmp_path: Path) -> None:
    console = Console(tmp_path)
    breach = "antall døde"

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, "presse-lokalavis-a", tab="press")
        warning = app.tr("finding.avoid", match=breach)

        # Live warning, confirmation, then Escape: nothing is published.
        await pilot.press("r")
        await pilot.pause()
        await type_text(pilot, "antall ")  # typed: the warning shows up as you type
        assert app.tr("compose.ok") in screen_text(app)
        assert warning not in screen_text(app)
        await type_text(pilot, "døde")
        assert warning in screen_text(app)
        confirm = app.tr("composer.confirm")
        assert confirm not in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert console.exercise.composer is not None, "a breach must not publish at once"
        assert confirm in screen_text(app)
        await pilot.press("escape")  # back to writing
        await pilot.pause()
        assert confirm not in screen_text(app)
        await pilot.press("escape")  # and closed, the draft kept
        await pilot.pause()
        assert console.exercise.composer is None
        events = session_events(console.path)
        assert of_type(events, "action") == []
        assert not [e for e in delivered(events) if e.data["source"] == "team"]

        # Again, and this time the second ctrl+s publishes, with the finding recorded.
        await console.advance(pilot, 5)
        await pilot.press("r")
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None and composer.text == breach
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert console.exercise.composer is not None
        t_press = console.now()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert console.exercise.composer is None
        [action] = of_type(session_events(console.path), "action")
        assert action.data["action"] == "reply" and action.data["text"] == breach
        assert action.data["findings"] == [{"rule": "avoid", "match": breach}]
        assert action.t == t_press == 305


async def test_a_wrong_claim_warns_as_it_is_typed(tmp_path: Path) -> None:
    # A claim the scenario's guidelines forbid in any public text (jordras: safe drinking
    # water before the samples are in) is named under the text as it is typed, as an
    # avoided phrase is, and the console goes on.
    console = Console(tmp_path)
    claim = "trygt å drikke"

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, "presse-lokalavis-a", tab="press")
        await pilot.press("r")
        await pilot.pause()
        await type_text(pilot, f"Vannet er {claim}")
        assert app.tr("compose.warnings") in screen_text(app)
        assert app.tr("finding.forbid", match=claim) in screen_text(app)
        assert console.exercise.composer is not None


# -- facilitator -----------------------------------------------------------------------


async def test_pause_freezes_scenario_time(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 300)
        screen = await console.facilitator(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert not console.engine.clock.running
        before = status_text(screen)
        assert app.tr("status.paused") in before
        count = len(delivered(session_events(console.path)))

        await console.advance(pilot, 600)
        assert console.now() == 300
        assert status_text(screen) == before
        events = session_events(console.path)
        assert len(delivered(events)) == count
        assert [(e.t, e.data["op"]) for e in of_type(events, "clock")] == [
            (0, "start"),
            (300, "pause"),
        ]

        await pilot.press("space")
        await pilot.pause()
        assert console.engine.clock.running
        assert app.tr("status.running") in status_text(screen)
        await console.advance(pilot, 60)
        assert console.now() == 360
        events = session_events(console.path)
        assert of_type(events, "clock")[-1].data["op"] == "resume"
        assert of_type(events, "clock")[-1].t == 300
        new = [e.data["item"] for e in delivered(events)[count:]]
        assert "forelder-skole" in new  # due at 6m
        assert all(300 <= e.t <= 360 for e in delivered(events)[count:])


async def test_speed_changes_scale_scenario_time(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 60)
        screen = await console.facilitator(pilot)
        await pilot.press("plus")
        await pilot.pause()
        assert console.engine.clock.speed == 2
        assert "2x" in status_text(screen)
        await console.advance(pilot, 10)
        assert console.now() == 80

        await pilot.press("minus", "minus")
        await pilot.pause()
        assert console.engine.clock.speed == 0.5
        await console.advance(pilot, 10)
        assert console.now() == 85

        speeds = [
            (e.t, e.data["speed"])
            for e in of_type(session_events(console.path), "clock")
            if e.data["op"] == "speed"
        ]
        assert speeds == [(60, 2.0), (80, 1.0), (80, 0.5)]


async def test_jump_to_the_next_inject(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 10)
        screen = await console.facilitator(pilot)
        table = screen.query_one("#msel", DataTable)
        pending = console.app.tr("state.pending")
        assert str(table.get_cell("nabo-strom", "status")) == pending

        await pilot.press("j")
        await pilot.pause()
        assert console.now() == 60
        events = session_events(console.path)
        jumps = [e for e in of_type(events, "clock") if e.data["op"] == "jump"]
        assert [e.t for e in jumps] == [60]
        after = events[events.index(jumps[0]) + 1 :]
        assert [(e.data["item"], e.t) for e in delivered(after)] == [("nabo-strom", 60)]
        assert str(table.get_cell("nabo-strom", "status")) == console.app.tr("state.delivered")

        # The next jump goes to the next inject, and what falls in between is delivered.
        await pilot.press("j")
        await pilot.pause()
        assert console.now() == 120
        events = session_events(console.path)
        later = [e for e in delivered(events) if e.t > 60]
        assert later[-1].data["item"] == "krisestab-innkalling" and later[-1].t == 120
        assert all(e.data["source"] == "noise" for e in later[:-1])
        assert [e.t for e in of_type(events, "clock") if e.data["op"] == "jump"] == [60, 120]


async def test_adhoc_inject_is_delivered_as_facilitator_made(tmp_path: Path) -> None:
    console = Console(tmp_path)
    text = "Dammen holder"

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 90)
        await console.facilitator(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AdhocScreen)
        await paste(pilot, text)
        # Persona: Lierfjell Avis (fifth in the scenario); kind: news (fourth).
        await pilot.press("shift+tab")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert dialog.query_one("#persona", Select).value == "lokalavis"
        assert dialog.query_one("#kind", Select).value == "news"
        await pilot.press("tab", "tab")
        assert app.focused is dialog.query_one("#text", Input)
        await console.advance(pilot, 3)
        t_press = console.now()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)

        [adhoc] = [
            e for e in delivered(session_events(console.path)) if e.data["source"] == "facilitator"
        ]
        assert adhoc.data["text"] == text
        assert adhoc.data["author"] == "lokalavis"
        assert adhoc.data["kind"] == "news" and adhoc.data["channel"] == "news"
        assert adhoc.t == t_press == 93

        await pilot.press("escape")
        await pilot.pause()
        screen = console.exercise
        assert app.screen is screen
        assert list_ids(screen, "feed")[0] == adhoc.data["item"]
        lines = widget_lines(screen.query_one("#list-feed", FeedView))
        assert "Lierfjell Avis" in lines[0] and text in lines[1]


def _summary_text(screen: AfterActionScreen) -> str:
    """The after-action report's figures as plain text, one figure a line."""
    out = io.StringIO()
    RichConsole(width=150, file=out).print(screen.query_one("#section-figures", Static).content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("language", "labels", "foreign"),
    [
        # nothing was judged yet: no score, every deadline still ahead at the end
        (
            None,
            (
                "poengsum (0–100)",
                "ikke nådd",
                "innfridd innen fristen",
                "handlinger per deltaker",
                " av ",
            ),
            ("score (0", "met by", "not reached", " of "),
        ),
        (
            "en",
            (
                "score (0–100)",
                "not reached",
                "met by the deadline",
                "actions per team member",
                " of ",
            ),
            ("poengsum", "ikke nådd", " av "),
        ),
    ],
)
async def test_after_action_summary_speaks_the_consoles_language(
    tmp_path: Path, language: str | None, labels: tuple[str, ...], foreign: tuple[str, ...]
) -> None:
    # Jordras is a Norwegian scenario: its console speaks bokmål unless told otherwise.
    real = ManualTime()
    app = CrisisApp(
        jordras(),
        seed=1,
        session_path=tmp_path / "s.sqlite",
        clock=ScenarioClock(source=real),
        language=language,
    )

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        real.advance(200)
        app.tick()
        await pilot.press("f2", "E", "y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AfterActionScreen)
        summary = _summary_text(screen)
        for label in labels:
            assert label in summary, label
        for word in foreign:
            assert word not in summary, word
        # The report's first section is in view, in the console's language.
        assert f"1. {Labels(app.tr.language)('aar.overview')}" in screen_text(app)


async def test_ending_the_exercise_writes_session_end(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 200)
        await console.facilitator(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        t_press = console.now()
        await pilot.press("y")
        await pilot.pause()
        assert console.engine.ended
        assert isinstance(app.screen, AfterActionScreen)  # the debrief replaces F2

        events = session_events(console.path)
        assert events[-1].type == "session_end"
        assert events[-1].data == {"reason": "ended by facilitator"}
        assert events[-1].t == t_press == 200
        # Open expectations are closed as missed at the end.
        assert any(e.data.get("at_end") for e in of_type(events, "expectation"))

        # Once ended, q quits without asking.
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_nothing_is_recorded_after_the_end(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 200)
        await console.facilitator(pilot)
        await pilot.press("E", "y")
        await pilot.pause()
        assert console.engine.ended
        await console.advance(pilot, 300)
    events = session_events(console.path)
    assert events[-1].type == "session_end"
    store = SessionStore.open(console.path)
    try:
        assert store.ended
    finally:
        store.close()


# -- quitting and resuming -------------------------------------------------------------


async def test_q_asks_first_n_keeps_running_ctrl_c_quits_at_once(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 7 * 60)
        await console.select(pilot, "rykte-dam")
        await pilot.press("f", "k")  # korrekt
        await pilot.press("n")
        await paste(pilot, "Sjekk")
        await pilot.press("enter")
        await pilot.pause()

        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.return_code is None
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.is_running and app.return_code is None
        await console.advance(pilot, 30)  # still running: time goes on
        assert console.now() == 450

        await pilot.press("h", "a")  # one more action (hidden: other), then out at once
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.return_code == 0
    assert console.app.return_code == 0
    events = session_events(console.path)
    assert [
        (e.data["action"], e.data["to"], e.data.get("label"), e.t)
        for e in of_type(events, "action")
    ] == [("flag", ["rykte-dam"], "valid", 420), ("hide", ["rykte-dam"], None, 450)]
    assert [e.data["reason"] for e in of_type(events, "action")] == [None, "other"]
    assert [(e.data["text"], e.data["to"]) for e in of_type(events, "note")] == [
        ("Sjekk", ["rykte-dam"])
    ]
    assert of_type(events, "session_end") == []  # interrupted, so it can be resumed


@lru_cache(maxsize=1)
def jordras_without_t0() -> LoadedScenario:
    """Jordras with its first inject at 10 s instead of 0 s."""
    text = jordras().text
    assert text.count("    at: 0m\n    from: jonas-brekke") == 1
    return load_scenario_text(
        text.replace("    at: 0m\n    from: jonas-brekke", "    at: 10s\n    from: jonas-brekke"),
        "jordras",
    )


def test_a_jordras_session_can_be_restored(tmp_path: Path) -> None:
    # What the console does at start and on its first tick, without the screens.
    real = ManualTime()
    engine = new_session(jordras(), 1, tmp_path / "s.sqlite", ScenarioClock(source=real))
    engine.start()
    real.advance(30)
    engine.pump()
    store = SessionStore.open(tmp_path / "s.sqlite")
    try:
        restored = Engine.restore(store, clock=ScenarioClock(source=ManualTime()))
    finally:
        store.close()
    # Nothing happened after T+0, so the log ends there; a console that quits normally
    # records a pause with the exact time (see test_quitting_records_where_it_stopped).
    last = max(e.t for e in SessionStore.open(tmp_path / "s.sqlite").events())
    assert restored.now() == last


async def test_resume_restores_the_screen_paused(tmp_path: Path) -> None:
    # The same scenario with nothing due at T+0 shows what the console does on resume.
    first = Console(tmp_path, jordras_without_t0())
    reply = "Ras i Brattlia"
    shown: dict[str, list[str]] = {}

    async with first.running() as pilot:
        await first.begin(pilot)
        await first.advance(pilot, 300)
        await first.select(pilot, "presse-lokalavis-a", tab="press")
        await pilot.press("r")
        await pilot.pause()
        await paste(pilot, reply)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await first.advance(pilot, 45)
        await first.select(pilot, "vitne-brak")
        await pilot.press("f", "k")  # korrekt
        await pilot.pause()
        for tab in LIST_CHANNELS:
            shown[tab] = list_ids(first.exercise, tab)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(first.app.screen, ConfirmScreen)
        await pilot.press("j")
        await pilot.pause()
        assert first.app.return_code == 0
    events = session_events(first.path)
    assert of_type(events, "session_end") == []
    last_t = events[-1].t
    assert last_t == 345

    app, real = resumed(first.path)
    engine = app.engine
    assert engine is not None

    try:
        async with app.run_test(size=SIZE) as pilot:
            assert app.tr("briefing.resume") in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ExerciseScreen)
            for tab, ids in shown.items():
                assert list_ids(screen, tab) == ids, tab
            assert not engine.clock.running
            assert engine.now() == last_t
            status = status_text(screen)
            assert app.tr("status.paused") in status and "T+05:45" in status

            # The team's earlier reply shows in the press item's thread and record.
            await pilot.press("2")
            await pilot.pause()
            await pilot.press("home")
            for _ in range(len(screen.active_feed.rows)):
                if screen.selected is not None and screen.selected.id == "presse-lokalavis-a":
                    break
                await pilot.press("down")
            assert screen.selected is not None and screen.selected.id == "presse-lokalavis-a"
            detail = detail_text(screen)
            assert reply in detail and "Lierfjell kommune" in detail and f"({NAME})" in detail
            assert app.model.by_id["vitne-brak"].flagged == "valid"

            # Paused: real time passing does not move the exercise.
            real.advance(120)
            app.tick()
            await pilot.pause()
            assert engine.now() == last_t
    finally:
        close_session(app)
    assert len(session_events(first.path)) == len(events)  # resuming added nothing


# -- untrusted text --------------------------------------------------------------------

MARKUP = "[bold red]X[/]"
CLICK = "[@click=app.quit]click[/]"
LINK = "[link=https://example.com]l[/link]"

UNTRUSTED = r"""
format: 1
id: utrygg
title: "[bold red]Tittel[/] [@click=app.quit]avslutt[/]"
summary: "Sammendrag [link=https://example.com]l[/link] [@click=app.quit]trykk[/]"
duration: 30m
language: nb
organisation:
  name: "[bold red]Kommunen[/]"
  handle: "[i]kommune[/i]"
personas:
  - id: kari
    name: "[bold red]X[/] Kari \e[31mRED\e[0m"
    handle: "[@click=app.quit]h[/]"
  - id: avisa
    name: "[link=https://example.com]Avisa[/link]"
    role: media
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    text: "Se [bold red]X[/] og [@click=app.quit]click[/] og [link=https://example.com]l[/link]"
  - id: second
    at: 2m
    from: kari
    kind: post
    text: "Farge \e[31mRED\e[0m og \x07bell og \e]0;tittel\x07 slutt \e[2J"
  - id: press-1
    at: 3m
    from: avisa
    kind: press
    text: "[@click=app.quit]Spørsmål[/] \e[2J\e[H"
    expect:
      - do: reply
"""


def untrusted(tmp_path: Path, **replace: str) -> LoadedScenario:
    text = UNTRUSTED
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / "utrygg.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(str(path))


def assert_clean(text: str) -> None:
    """No terminal escape or bell may reach the screen."""
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


async def click_on(pilot: Pilot, app: CrisisApp, needle: str) -> None:
    """Click the middle of where ``needle`` is drawn on screen."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(needle)
        if x >= 0:
            await pilot.click(offset=(x + len(needle) // 2, y))
            await pilot.pause()
            return
    raise AssertionError(f"{needle!r} is not on screen")


async def test_untrusted_text_is_shown_literally_and_never_acts(tmp_path: Path) -> None:
    loaded = untrusted(tmp_path)
    assert "\x1b" in loaded.scenario.personas[0].name  # the scenario really holds escapes
    console = Console(tmp_path, loaded)
    name = "[b]Ola[/b]"
    reply = "[@click=app.quit]svar[/]"

    async with console.running() as pilot:
        app = console.app
        # Briefing: title and summary literally; clicking their "actions" does nothing.
        text = screen_text(app)
        assert "[bold red]Tittel[/] [@click=app.quit]avslutt[/]" in text
        assert "[link=https://example.com]l[/link]" in text
        assert "[bold red]Kommunen[/]" in text
        await click_on(pilot, app, "avslutt[/]")
        await click_on(pilot, app, "trykk[/]")
        assert app.is_running and app.return_code is None
        await pilot.click("#player")  # a click elsewhere took the focus from the name

        await console.begin(pilot, name)
        await console.advance(pilot, 200)
        assert app.is_running and app.return_code is None
        text = screen_text(app)
        for literal in (
            MARKUP,
            CLICK,
            "og [link=https://",
            "[@click=app.quit]h[/]",
            "Farge RED og bell",
        ):
            assert literal in text, literal
        # The status line (line 0) is checked on its own below.
        assert_clean("\n".join(screen_lines(app)[1:]))

        # Click the would-be link and action, select the item, focus the detail pane.
        await click_on(pilot, app, "click[/]")
        await click_on(pilot, app, "[link=")
        await console.select(pilot, "first")
        detail = detail_text(console.exercise)
        assert f"Se {MARKUP} og {CLICK} og {LINK}" in detail
        await click_on(pilot, app, "Se [bold red]")
        assert app.is_running and app.return_code is None

        # The trainee's own markup is literal too: a reply and the name it is signed with.
        await pilot.press("1", "r")
        await pilot.pause()
        await paste(pilot, reply)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert console.exercise.composer is None
        detail = detail_text(console.exercise)
        assert reply in detail and f"({name})" in detail
        assert reply in screen_text(app)
        await console.select(pilot, "second")
        detail = detail_text(console.exercise)
        assert "Farge RED og bell og" in detail
        assert_clean(detail)

        # The facilitator's screen and the ad-hoc dialog with its persona list open
        # (this list used to crash the console on a persona name with [link=...]).
        table = (await console.facilitator(pilot)).query_one("#msel", DataTable)
        assert f"Se {MARKUP} og" in screen_text(app)  # the table's words take more room
        assert str(table.get_cell("first", "text")).startswith(f"Se {MARKUP} og {CLICK} og ")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("shift+tab", "shift+tab", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[link=https://example.com]Avisa[/link]" in text
        assert "[bold red]X[/] Kari" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None
    events = session_events(console.path)
    [action] = of_type(events, "action")
    assert action.data["text"] == reply and action.data["by"] == name
    first = next(e for e in delivered(events) if e.data["item"] == "first")
    assert first.data["text"] == f"Se {MARKUP} og {CLICK} og {LINK}"


async def test_enter_begins_even_after_a_click_on_the_briefing(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await click_on(pilot, console.app, "Lierfjell kommune")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(console.app.screen, ExerciseScreen)


async def test_briefing_strips_escapes_from_the_summary(tmp_path: Path) -> None:
    loaded = untrusted(tmp_path, **{"Sammendrag ": r"Sammendrag \e[31mRØD\e[0m \e[2J "})
    console = Console(tmp_path, loaded)

    async with console.running():
        text = screen_text(console.app)
        assert "Sammendrag" in text and "RØD" in text
        assert_clean(text)


async def test_status_line_strips_escapes_from_the_title(tmp_path: Path) -> None:
    loaded = untrusted(tmp_path, **{"Tittel[/]": r"Tittel[/] \e[5mblink\e[0m"})
    console = Console(tmp_path, loaded)

    async with console.running() as pilot:
        await console.begin(pilot)
        status = status_text(console.exercise)
        assert "blink" in status
        assert_clean(status)


async def test_facilitator_table_strips_escapes_from_persona_names(tmp_path: Path) -> None:
    console = Console(tmp_path, untrusted(tmp_path))

    async with console.running() as pilot:
        await console.begin(pilot)
        screen = await console.facilitator(pilot)
        table = screen.query_one("#msel", DataTable)
        name = str(table.get_cell("first", "from"))
        assert "Kari" in name
        assert_clean(name)


async def test_adhoc_persona_list_strips_escapes_from_persona_names(tmp_path: Path) -> None:
    console = Console(tmp_path, untrusted(tmp_path))

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.facilitator(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(console.app.screen, AdhocScreen)
        text = screen_text(console.app)
        assert "Kari" in text
        assert_clean(text)


async def test_quitting_records_where_it_stopped(tmp_path: Path) -> None:
    # A quiet stretch leaves no events; the pause written on quitting tells resume the time.
    real = ManualTime()
    path = tmp_path / "quit.sqlite"
    app = CrisisApp(jordras(), seed=1, session_path=path, clock=ScenarioClock(source=real))

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        real.advance(125.5)
        app.tick()
        await pilot.press("ctrl+c")
        await pilot.pause()
    store = SessionStore.open(path)
    last = store.last_event()
    assert last is not None and last.type == "clock" and last.data["op"] == "pause"
    assert last.t == pytest.approx(125.5)
    restored = Engine.restore(store, clock=ScenarioClock(source=ManualTime()))
    assert restored.now() == pytest.approx(125.5) and not restored.clock.running


# -- help and palette from the bindings ------------------------------------------------------


async def test_the_footer_shows_the_keys_of_what_has_the_focus_and_runs_one_clicked(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path, language="en")

    async with console.running() as pilot:
        await console.begin(pilot)
        footer = console.exercise.query_one(Footer)
        shown = {key.key: key for key in footer.shown_keys()}
        assert shown["r"].description == "Reply" and "ctrl+s" not in shown
        # The palette's key is on the right, the others fit before it, whole.
        assert footer.shown_keys()[-1].key == "ctrl+p"
        assert footer.shown_keys()[-1].end <= footer.size.width
        await pilot.press("s")
        await pilot.pause()
        assert "ctrl+s" in {key.key for key in footer.shown_keys()}  # the composer's keys
        await pilot.press("escape")
        await pilot.pause()
        help_key = next(key for key in footer.shown_keys() if key.key == "f1")
        await pilot.click(Footer, offset=(help_key.start + 1, 0))
        await pilot.pause()
        assert isinstance(console.app.screen, HelpScreen)


async def test_the_help_lists_every_key_of_the_screen_it_was_opened_over(tmp_path: Path) -> None:
    console = Console(tmp_path, language="en")

    async with console.running() as pilot:
        await console.begin(pilot)
        shown = console.exercise.query_one(Footer).shown_keys()
        footer = {(key.key_display, key.description) for key in shown}
        assert ("r", "Reply") in footer  # what the footer shows, in the console's language
        await pilot.press("f1")
        await pilot.pause()
        help_screen = console.app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = {row.label: row.keys.split(" ") for row in help_screen.rows}
        for display, label in footer:
            if label != console.app.tr("bind.palette"):
                assert display in rows[label], (display, label)
        # and the keys the footer has no room for, each labelled once
        assert rows["Unhide"] == ["shift+h"] and rows["Author"] == ["a"]
        assert rows["Feed / press inbox / internal"] == ["1", "2", "3"]
        assert rows["Help"] == ["F1", "?"]  # the screen's F1 and the app's ?, one row
        assert len(rows) == len(help_screen.rows)
        await pilot.press("escape")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        facilitator_rows = {row.label for row in console.app.screen.rows}  # type: ignore[attr-defined]
        assert {"Next inject", "Ad-hoc", "Observe", "Back"} <= facilitator_rows
        assert "Reply" not in facilitator_rows


async def test_the_palette_has_a_command_for_each_key_with_an_id(tmp_path: Path) -> None:
    console = Console(tmp_path, language="en")

    async with console.running() as pilot:
        await console.begin(pilot)
        screen = console.exercise
        commands = {c.title: c.help for c in console.app.get_system_commands(screen)}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in ("help", "quit"):
                assert commands[binding.description] == console.app.get_key_display(binding)
        assert commands["Reply"] == "r" and commands["Trends"] == "m"
        # the general commands, once each
        assert {"Help", "Quit", "Screenshot", "Set my name"} <= set(commands)
        await run_palette_command(pilot, console.app, "Trends")
        assert console.app.screen is screen and screen.has_class("-aids-swapped")


async def test_only_the_publics_items_show_views_likes_and_shares(tmp_path: Path) -> None:
    # A journalist's inquiry is not seen by the public (its peak is 0): its row and its
    # detail show no figures, where a post in the feed shows them.
    console = Console(tmp_path)
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, "presse-lokalavis-a", tab="press")
        assert "◎" not in detail_text(console.exercise)
        assert "◎" not in console.exercise.active_feed.render_line(0).text
        await console.select(pilot, "vitne-brak", tab="feed")
        assert "◎" in detail_text(console.exercise)
        assert "◎" in console.exercise.active_feed.render_line(0).text


async def test_number_keys_in_quick_succession_show_the_last_ones_list(tmp_path: Path) -> None:
    # A terminal delivers keys typed fast in one read: "2" then "1" must end on the feed,
    # not on the press inbox the first key asked for (its list's focus came back late).
    console = Console(tmp_path)
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 60)
        app = console.app
        for keys, shown in ((("2", "1"), "feed"), (("1", "2"), "press"), (("3", "2", "1"), "feed")):
            typed_at_once(app, *keys)
            for _ in range(5):
                await pilot.pause()
            assert console.exercise.query_one("#tabs", TabbedContent).active == f"tab-{shown}"
            assert app.focused is not None and app.focused.id == f"list-{shown}"
