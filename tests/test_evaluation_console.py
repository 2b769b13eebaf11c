"""The evaluator in the console: objectives rated P, S, M or U with a comment on the
facilitator's screen, the hot wash after the end, and the after-action screen in the
report's seven sections.

Pilot drives a real console on a virtual clock; what is asserted is read back from the
session file and from what the screens draw.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console as RichConsole
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from simulator.scenario.loader import load_scenario_text
from simulator.scoring.aar import SECTIONS
from simulator.scoring.labels import Labels
from simulator.tui.app import CrisisApp
from simulator.tui.screens.afteraction import AfterActionScreen
from simulator.tui.screens.dialogs import PromptScreen
from simulator.tui.screens.evaluation import HotWashScreen, RateScreen
from simulator.tui.screens.facilitator import FacilitatorScreen
from tests.console_fixtures import (
    SIZE,
    Console,
    Replay,
    close_session,
    of_type,
    paste,
    resumed,
    screen_text,
    session_events,
)
from tests.helpers import MINIMAL

EVALUATOR = "Eva Evaluator"


def _toasts(app: CrisisApp) -> list[str]:
    return [n.message for n in app._notifications]


def _objectives_line(screen: FacilitatorScreen) -> str:
    box = screen.query_one("#objectives", Static)
    lines = [strip.text for strip in box.render_lines(box.region.reset_offset)]
    return " ".join(" ".join(lines[1:]).split())  # under its border line


def _section_text(screen: AfterActionScreen, section: str) -> str:
    """One section of the report as plain text, its line wrapping undone."""
    out = io.StringIO()
    RichConsole(width=200, file=out).print(screen.query_one(f"#section-{section}", Static).content)
    return " ".join(out.getvalue().split())


async def _name(pilot: Pilot, name: str) -> None:
    """Answer the evaluator's name prompt."""
    assert isinstance(pilot.app.screen, PromptScreen)
    await paste(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


async def _rate(pilot: Pilot, rating: str, comment: str | None) -> None:
    """In the rating dialog: press the rating's letter, write the comment, Enter."""
    assert isinstance(pilot.app.screen, RateScreen)
    await pilot.press(rating.lower())
    if comment is not None:
        await paste(pilot, comment)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_rating_is_recorded_by_the_observer_and_a_later_one_replaces_it(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path)
    async with console.running(notifications=True) as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 5 * 60)
        screen = await console.facilitator(pilot)
        assert _objectives_line(screen).startswith("Øvingsmål: informere – · rykter – · presse –")

        await pilot.press("v")
        await pilot.pause()
        await _name(pilot, EVALUATOR)  # asked once, as for observer notes
        dialog = app.screen
        assert isinstance(dialog, RateScreen)
        assert dialog.objective == "informere"  # the first not yet rated
        await _rate(pilot, "S", "Første melding kom, men uten sted")
        assert app.screen is screen
        assert "informere: S (utført med noen utfordringer) lagret." in _toasts(app)
        assert "informere S · rykter –" in _objectives_line(screen)

        # Again: no name asked; the next objective not rated comes first; back to the
        # first one, whose comment is there to keep.
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RateScreen)
        assert dialog.objective == "rykter"
        await pilot.press("up")
        await pilot.pause()
        assert dialog.objective == "informere"
        assert dialog.query_one("#comment").value == "Første melding kom, men uten sted"  # type: ignore[attr-defined]
        await _rate(pilot, "M", None)
        assert "informere M · rykter –" in _objectives_line(screen)
        assert app.model.ratings["informere"].rating == "M"

    rated = of_type(session_events(console.path), "evaluation")
    assert [e.data for e in rated] == [
        {
            "kind": "rate",
            "objective": "informere",
            "rating": rating,
            "text": "Første melding kom, men uten sted",
            "by": EVALUATOR,
        }
        for rating in ("S", "M")
    ]
    assert [e.t for e in rated] == [300, 300]


async def test_the_observer_named_for_a_note_is_the_evaluator(tmp_path: Path) -> None:
    console = Console(tmp_path, language="en")
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 60)
        await console.facilitator(pilot)
        await pilot.press("o")
        await pilot.pause()
        await _name(pilot, EVALUATOR)
        await pilot.press("escape")  # no note after all; the name is known now
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await _rate(pilot, "P", "Clear and early")
    (rated,) = of_type(session_events(console.path), "evaluation")
    assert rated.data["by"] == EVALUATOR and rated.data["rating"] == "P"


async def test_a_scenario_without_objectives_says_so(tmp_path: Path) -> None:
    console = Console(tmp_path, loaded=load_scenario_text(MINIMAL, "mini.yaml"), language="nn")
    async with console.running(notifications=True) as pilot:
        app = console.app
        await console.begin(pilot)
        screen = await console.facilitator(pilot)
        assert not screen.query_one("#objectives", Static).display
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is screen  # no dialog, not even for the name
        assert "Dette scenarioet har ingen øvingsmål å vurdere." in _toasts(app)
    assert not of_type(session_events(console.path), "evaluation")


async def test_the_hot_wash_after_the_end_records_each_line_and_the_report_shows_it(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path)
    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 10 * 60)
        await console.facilitator(pilot)
        await pilot.press("E", "y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AfterActionScreen)
        assert "Godt samarbeid" not in _section_text(screen, "points")

        await pilot.press("w")
        await pilot.pause()
        await _name(pilot, EVALUATOR)
        form = app.screen
        assert isinstance(form, HotWashScreen)
        await paste(pilot, "Godt samarbeid\n\n  Rask første melding  ")
        await pilot.press("tab")
        assert app.focused is form.query_one("#improvements", TextArea)
        await paste(pilot, "Tregt svar til pressen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen
        points = _section_text(screen, "points")
        for line in ("Godt samarbeid", "Rask første melding", "Tregt svar til pressen"):
            assert f"{line} ({EVALUATOR}, T+10:00)" in points, points
        # The evaluator's strengths come before the automatic ones, under "Styrker".
        assert points.index("Styrker") < points.index("Godt samarbeid")
        assert points.index("Forbedringsområder") < points.index("Tregt svar til pressen")
        assert EVALUATOR in _section_text(screen, "overview")

    events = session_events(console.path)
    end = next(n for n, e in enumerate(events) if e.type == "session_end")
    after = events[end + 1 :]
    assert [(e.type, e.data["kind"], e.data["text"], e.data["by"]) for e in after] == [
        ("evaluation", "strength", "Godt samarbeid", EVALUATOR),
        ("evaluation", "strength", "Rask første melding", EVALUATOR),
        ("evaluation", "improvement", "Tregt svar til pressen", EVALUATOR),
    ]


async def test_an_empty_hot_wash_saves_nothing_and_says_why(tmp_path: Path) -> None:
    console = Console(tmp_path, language="en")
    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 60)
        await console.facilitator(pilot)
        await pilot.press("w")
        await pilot.pause()
        await _name(pilot, EVALUATOR)
        form = console.app.screen
        assert isinstance(form, HotWashScreen)
        await pilot.press("enter", "ctrl+s")  # a blank line is no strength
        await pilot.pause()
        assert console.app.screen is form
        assert "Nothing to save" in screen_text(console.app)
    assert not of_type(session_events(console.path), "evaluation")


async def test_the_after_action_screen_shows_the_seven_sections_in_order(tmp_path: Path) -> None:
    for language in ("nn", "en"):
        console = Console(tmp_path / language, language=language, size=(80, 24))
        async with console.running() as pilot:
            await console.begin(pilot)
            await console.advance(pilot, 6 * 60)
            await console.facilitator(pilot)
            await pilot.press("E", "y")
            await pilot.pause()
            screen = console.app.screen
            assert isinstance(screen, AfterActionScreen)
            labels = Labels(language)
            shown = [s.id for s in screen.query(".section")]
            assert shown == [f"section-{key}" for key in SECTIONS]
            for n, key in enumerate(SECTIONS, start=1):
                assert _section_text(screen, key).startswith(f"{n}. {labels('aar.' + key)}")
            # The top of the report on a small terminal: its first section's heading.
            assert f"1. {labels('aar.overview')}" in screen_text(console.app)
            # Each section's number shows it at the top, the last one too.
            await pilot.press("7")
            await pilot.pause()
            assert f"7. {labels('aar.figures')}" in screen_text(console.app)
            assert f"1. {labels('aar.overview')}" not in screen_text(console.app)


async def test_a_resumed_console_and_the_replay_show_the_ratings_from_the_log(
    tmp_path: Path,
) -> None:
    first = Console(tmp_path)
    async with first.running() as pilot:
        await first.begin(pilot)
        await first.advance(pilot, 3 * 60)
        await first.facilitator(pilot)
        await pilot.press("v")
        await pilot.pause()
        await _name(pilot, EVALUATOR)
        await pilot.press("down")  # rykter
        await _rate(pilot, "U", "Ingen merket ryktet")
        await pilot.press("ctrl+c")
        await pilot.pause()

    app, _ = resumed(first.path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, FacilitatorScreen)
            assert "informere – · rykter U · presse –" in _objectives_line(screen)
            # The name of the last record is offered, to confirm.
            await pilot.press("v")
            await pilot.pause()
            prompt = app.screen
            assert isinstance(prompt, PromptScreen)
            assert prompt.query_one("Input").value == EVALUATOR  # type: ignore[attr-defined]
    finally:
        close_session(app)

    replay = Replay(first.path)
    async with replay.running() as pilot:
        await pilot.press("end")  # the replay reads the log up to its end
        await pilot.pause()
        rated = replay.app.model.ratings["rykter"]
        assert (rated.rating, rated.text, rated.by) == ("U", "Ingen merket ryktet", EVALUATOR)
