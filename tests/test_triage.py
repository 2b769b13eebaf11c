"""Triage in the console: countdowns on every open question, the open and overdue filters,
and a console that works at 80x24.

Time is virtual (see ``tests/test_console.py``): the tests move a ``ManualTime`` and call
``app.tick()``; nothing sleeps and nothing is timed. What a test expects is worked out here
from the engine's expectations (what the session log replays into), not from the console.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from rich.style import Style
from textual.strip import Strip

from simulator.engine.actions import ActionRequest
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.widgets.feed import LINES_PER_ITEM, FeedView
from simulator.tui.widgets.footer import Footer
from simulator.tui.widgets.panels import StatusLine
from tests.console_fixtures import (
    LIST_CHANNELS,
    Console,
    Replay,
    close_session,
    detail_text,
    list_ids,
    resumed,
    run_palette_command,
    screen_lines,
    screen_text,
    status_text,
)

#: The kinds of item that visibly ask the team something (README, "In the console").
ASKED = {"press", "question", "internal"}
SMALL = (80, 24)
LARGE = (120, 40)


def open_questions(console: Console) -> dict[str, float]:
    """Seconds left (negative: overdue) on every open question, from the engine."""
    engine = console.engine
    now = engine.now()
    left: dict[str, float] = {}
    for item_id, states in engine.expectations.items():
        deadlines = [s.deadline for s in states if s.status in ("pending", "missed")]
        item = console.app.model.by_id.get(item_id)
        if deadlines and item is not None and item.kind in ASKED:
            left[item_id] = min(deadlines) - now
    return left


def mmss(seconds: float) -> str:
    """How a countdown must read: whole seconds, minus once past the deadline."""
    whole = math.floor(seconds)
    sign = "-" if whole < 0 else ""
    return f"⏱ {sign}{abs(whole) // 60:02d}:{abs(whole) % 60:02d}"


def shown_ids(screen: ExerciseScreen) -> list[str]:
    """Every item the three lists show."""
    return [item for tab in LIST_CHANNELS for item in list_ids(screen, tab)]


def rows(feed: FeedView) -> dict[str, Strip]:
    """The first line (the header) of every item the list draws on screen, by item id."""
    drawn: dict[str, Strip] = {}
    top = int(feed.scroll_offset.y)
    for y in range(feed.scrollable_content_region.height):
        row, part = divmod(top + y, LINES_PER_ITEM)
        if part == 0 and row < len(feed.rows):
            item = feed.model.items[feed.rows[len(feed.rows) - 1 - row]]
            drawn[item.id] = feed.render_line(y)
    return drawn


def countdown_style(strip: Strip) -> Style:
    """The colours and weight of the countdown in a row (not the cursor's reverse)."""
    for segment in strip:
        if segment.text.startswith("⏱"):
            assert segment.style is not None
            style = segment.style
            return Style(color=style.color, bgcolor=style.bgcolor, bold=style.bold)
    raise AssertionError(f"no countdown in {strip.text!r}")


def countdown_colours(feed: FeedView, name: str) -> Style:
    """A component class's colours and weight, as the theme has them now."""
    style = feed.get_component_rich_style(name)
    return Style(color=style.color, bgcolor=style.bgcolor, bold=style.bold)


def status_count(screen: ExerciseScreen, word: str) -> int:
    """The number in front of ``word`` on the status line."""
    text = status_text(screen)
    before = text[: text.index(" " + word)]
    return int(before.split()[-1])


# -- countdowns ----------------------------------------------------------------------------


async def test_every_open_question_shows_its_countdown_in_its_row_in_every_list(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        expected = open_questions(console)
        # A press inquiry in the inbox, one asked in public, a citizen's question, a request
        # from inside the organisation: every kind that asks something of the team.
        kinds = {console.app.model.by_id[i].kind for i in expected}
        channels = {console.app.model.by_id[i].channel for i in expected}
        assert kinds == ASKED and channels == {"press", "social", "internal"}
        screen = console.exercise
        for tab in LIST_CHANNELS:
            await pilot.press({"feed": "1", "press": "2", "internal": "3"}[tab])
            await pilot.pause()
            feed = screen.active_feed
            for item_id, strip in rows(feed).items():
                if item_id in expected:
                    assert mmss(expected[item_id]) in strip.text, (tab, strip.text)
                else:  # a rumour to flag or a post to hide: trainees are not told
                    assert "⏱" not in strip.text, (tab, strip.text)
        # The rumour in the feed has an open expectation, but nobody asked anything.
        assert "rykte-dam" in console.engine.expectations
        assert "rykte-dam" not in expected


async def test_countdowns_turn_amber_five_minutes_before_and_red_after(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        left = open_questions(console)
        assert 0 < left["presse-nrf-a"] <= 300  # amber
        assert left["krisestab-innkalling"] < 0  # red
        assert left["forelder-skole"] > 300  # plain
        screen = console.exercise
        soon, late, due = (
            countdown_colours(screen.active_feed, name)
            for name in ("triage--soon", "triage--overdue", "triage--due")
        )
        assert len({soon, late, due}) == 3
        await pilot.press("2")
        await pilot.pause()
        assert countdown_style(rows(screen.active_feed)["presse-nrf-a"]) == soon
        await pilot.press("3")
        await pilot.pause()
        assert countdown_style(rows(screen.active_feed)["krisestab-innkalling"]) == late
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("p")  # the feed holds many posts: show only its questions
        await pilot.pause()
        assert countdown_style(rows(screen.active_feed)["forelder-skole"]) == due

        # The colours are the theme's: another theme, other colours, same classes.
        await console.advance(pilot, 1)
        before = countdown_style(rows(screen.active_feed)["forelder-skole"])
        console.app.theme = "textual-light"
        await console.advance(pilot, 1)
        after = countdown_style(rows(screen.active_feed)["forelder-skole"])
        assert after == countdown_colours(screen.active_feed, "triage--due")
        assert before.bold and after.bold

        # Readable in every theme: the text and its background are not the same colour.
        for theme in sorted(console.app.available_themes):
            console.app.theme = theme
            await pilot.pause()
            for name in ("triage--soon", "triage--overdue"):
                style = screen.active_feed.get_component_rich_style(name)
                assert style.color != style.bgcolor, (theme, name, str(style))


async def test_row_detail_and_status_read_the_same_clock(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        assert console.app.ticker is not None
        console.app.ticker.pause()  # only this test's ticks: the moment between two is kept
        await console.advance(pilot, 15 * 60)
        await console.select(pilot, "presse-nrf-a", tab="press")
        row = rows(console.exercise.active_feed)["presse-nrf-a"].text
        left = open_questions(console)["presse-nrf-a"]
        assert mmss(left) in row and mmss(left) in detail_text(console.exercise)

        # Time moves on between two ticks of the console, and the cursor moves away and
        # back: the row, the detail pane and the status line still show one moment.
        console.real.advance(17)
        await pilot.press("down", "up")
        await pilot.pause()
        screen = console.exercise
        assert screen.selected is not None and screen.selected.id == "presse-nrf-a"
        row = rows(screen.active_feed)["presse-nrf-a"].text
        shown = row[row.index("⏱") :].split()[1]
        assert f"⏱ {shown}" in detail_text(screen)

        # The next tick moves everything on together.
        console.app.tick()
        await pilot.pause()
        left = open_questions(console)["presse-nrf-a"]
        row = rows(screen.active_feed)["presse-nrf-a"].text
        assert mmss(left) in row and mmss(left) in detail_text(screen)
        assert mmss(left) != f"⏱ {shown}"
        assert console.engine.clock_text(console.now()) in status_text(screen)


async def test_lists_draw_only_what_the_clock_changed_nothing_when_paused(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 10 * 60)
        feed = console.exercise.active_feed
        drawn = feed.lines_drawn
        await console.advance(pilot, 0.2)  # still the same scenario second: nothing to draw
        assert feed.lines_drawn == drawn
        # The press inbox: the questions' countdowns tick, the rest of its rows do not.
        await console.advance(pilot, 10 * 60)
        await pilot.press("2")
        await console.advance(pilot, 0)
        feed = console.exercise.active_feed
        assert feed.id == "list-press"
        # A second later only the header lines whose countdown or figures moved are drawn
        # again: never a row's text, nor a row that shows the same as before.
        headers = range(0, feed.scrollable_content_region.height, LINES_PER_ITEM)
        assert int(feed.scroll_offset.y) % LINES_PER_ITEM == 0
        before = [feed.render_line(y).text for y in headers]
        drawn = feed.lines_drawn
        await console.advance(pilot, 1)
        redrawn = feed.lines_drawn - drawn
        after = [feed.render_line(y).text for y in headers]
        changed = sum(1 for old, new in zip(before, after, strict=True) if old != new)
        assert 0 < changed < len(headers)
        assert redrawn == changed
        console.app.action_toggle_pause()
        await pilot.pause()
        paused = feed.lines_drawn
        for _ in range(5):
            await console.advance(pilot, 60)
        assert feed.lines_drawn == paused


# -- the open and overdue filters -------------------------------------------------------------


async def test_the_overdue_and_open_keys_show_exactly_the_counted_items(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        screen = console.exercise
        tr = console.app.tr
        left = open_questions(console)
        overdue = {item for item, seconds in left.items() if seconds < 0}
        assert len(overdue) == 4 and len(left) == 9
        assert status_count(screen, tr("triage.overdue")) == len(overdue)
        assert status_count(screen, tr("triage.open")) == len(left)

        await pilot.press("o")
        await pilot.pause()
        assert sorted(shown_ids(screen)) == sorted(overdue)
        assert tr("triage.filter.overdue") in screen_text(console.app)

        await pilot.press("p")
        await pilot.pause()
        assert sorted(shown_ids(screen)) == sorted(left)

        # The filter follows the clock: a question that goes overdue joins it, one that
        # is answered leaves it.
        await pilot.press("o")
        await pilot.pause()
        await console.advance(pilot, 4 * 60)
        left = open_questions(console)
        overdue = {item for item, seconds in left.items() if seconds < 0}
        assert "presse-nrf-a" in overdue
        assert sorted(shown_ids(screen)) == sorted(overdue)
        assert status_count(screen, tr("triage.overdue")) == len(overdue)

        # The same key again: everything.
        await pilot.press("o")
        await pilot.pause()
        assert len(shown_ids(screen)) == len(console.app.model.items)


async def test_clicking_a_count_on_the_status_line_filters_on_it(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        screen = console.exercise
        tr = console.app.tr
        status = screen.query_one("#status", StatusLine)
        for word, which in ((tr("triage.overdue"), "overdue"), (tr("triage.open"), "open")):
            text = status_text(screen)
            x = text.index(" " + word)  # the count is just before the word
            await pilot.click(status, offset=(x + 1, 0))
            await pilot.pause()
            left = open_questions(console)
            counted = {i for i, s in left.items() if s < 0} if which == "overdue" else set(left)
            assert sorted(shown_ids(screen)) == sorted(counted), which
            assert status_count(screen, word) == len(counted)

        # From the facilitator's screen too: back to the lists, filtered.
        await pilot.press("c")
        await pilot.pause()
        facilitator = await console.facilitator(pilot)
        word = tr("triage.overdue")
        text = status_text(facilitator)
        await pilot.click(
            facilitator.query_one("#status", StatusLine), offset=(text.index(" " + word) + 1, 0)
        )
        await pilot.pause()
        assert console.app.screen is screen
        overdue = {i for i, s in open_questions(console).items() if s < 0}
        assert sorted(shown_ids(screen)) == sorted(overdue)


async def test_the_command_palette_has_the_triage_filters(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        screen = console.exercise
        await run_palette_command(pilot, console.app, console.app.tr("bind.triage_overdue"))
        overdue = {i for i, s in open_questions(console).items() if s < 0}
        assert console.app.screen is screen
        assert sorted(shown_ids(screen)) == sorted(overdue)


async def test_counts_come_from_the_session_log_after_a_resume(tmp_path: Path) -> None:
    first = Console(tmp_path)
    before: dict[str, object] = {}

    async with first.running() as pilot:
        await first.begin(pilot)
        await first.advance(pilot, 30 * 60)
        # Answered through the engine, as every way of answering ends: the reply dialog
        # itself is tested in test_console.
        text = "Raset i Brattlia er bekreftet."
        first.app.act(ActionRequest("reply", ("presse-lokalavis-a",), text), "ok")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        before["overdue"] = sorted(shown_ids(first.exercise))
        before["open"] = open_questions(first)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(first.app.screen, ConfirmScreen)
        await pilot.press("j")
        await pilot.pause()
    assert "presse-lokalavis-a" not in before["open"]  # type: ignore[operator]

    app, _ = resumed(first.path)

    try:
        async with app.run_test(size=LARGE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ExerciseScreen)
            await pilot.press("o")
            await pilot.pause()
            assert sorted(shown_ids(screen)) == before["overdue"]
            assert status_count(screen, app.tr("triage.open")) == len(before["open"])  # type: ignore[arg-type]
    finally:
        close_session(app)


# -- 80x24 ---------------------------------------------------------------------------------


async def test_at_80x24_countdowns_deadline_footer_keys_and_status_are_visible(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path)

    async with console.running(SMALL) as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        app = console.app
        tr = app.tr
        await console.select(pilot, "presse-nrf-a", tab="press")
        lines = screen_lines(app)
        assert len(lines) == SMALL[1] and all(len(line) <= SMALL[0] for line in lines)
        left = open_questions(console)

        # The row's countdown is drawn inside the screen, left of the detail pane.
        feed = console.exercise.active_feed
        row_line = next(line for line in lines if "Eirik Haugland" in line and "⏱" in line)
        assert mmss(left["presse-nrf-a"]) in row_line[: feed.region.right]
        # The detail pane shows the deadline, on screen.
        deadline = console.engine.clock_text(console.now() + left["presse-nrf-a"])
        side = "\n".join(line[feed.region.right :] for line in lines)
        assert mmss(left["presse-nrf-a"]) in side and deadline in side
        # The status line's state and counts.
        status = lines[0]
        assert tr("status.running") in status
        assert f"{sum(s < 0 for s in left.values())} {tr('triage.overdue')}" in status
        assert f"{len(left)} {tr('triage.open')}" in status
        # The footer keeps help, the facilitator and quit.
        footer = lines[-1]
        for key in ("F1", "F2", "q "):
            assert key in footer, footer
        bar = app.screen.query_one(Footer)
        keys = {key.key: key for key in bar.shown_keys()}
        for key in ("f1", "f2", "q"):
            assert keys[key].end <= bar.size.width, key
        # The monitoring aids take one line, and the aids key shows them in full.
        assert tr("triage.trending") + ":" in screen_text(app)
        assert tr("monitor.trending") not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert tr("monitor.trending") in screen_text(app)


async def test_at_120x40_the_monitoring_aids_are_shown_in_full(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running(LARGE) as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 30 * 60)
        tr = console.app.tr
        assert tr("monitor.trending") in screen_text(console.app)
        await pilot.press("m")
        await pilot.pause()
        assert tr("monitor.trending") not in screen_text(console.app)
        assert tr("triage.trending") + ":" in screen_text(console.app)


async def test_help_lists_the_triage_keys_whole_at_80x24(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running(SMALL) as pilot:
        await console.begin(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(console.app)
        help_screen = console.app.screen
        assert isinstance(help_screen, HelpScreen)
        tr = console.app.tr
        rows = {row.keys: row.label for row in help_screen.rows}
        assert rows["p"] == tr("bind.triage_open") and rows["o"] == tr("bind.triage_overdue")
        assert rows["m"] == tr("bind.triage_aids")
        # Whole, even on the smallest terminal: every key with its label on one line, and
        # every line of what the countdowns' colours mean.
        lines = text.splitlines()
        for row in help_screen.rows:
            pattern = rf"(^|\s){re.escape(row.keys)}\s+{re.escape(row.label.split()[0])}"
            assert any(re.search(pattern, line) for line in lines), row
        for line in tr("triage.help").splitlines():
            assert line in text, line


def _counts(status: str) -> str:
    """The status line's open and overdue counts, as shown."""
    return " · ".join(part.strip() for part in status.split("│")[1].split("·")[:2])


async def test_a_replay_shows_the_counts_and_countdowns_the_live_console_showed(
    tmp_path: Path,
) -> None:
    # Both draw them from the log: the deadlines a delivery carries, the expectation
    # events that settle them. One question is answered on the way, others go overdue.
    console = Console(tmp_path)
    moments = (4 * 60, 12 * 60, 25 * 60, 40 * 60)
    live: dict[int, tuple[str, dict[str, float]]] = {}

    async with console.running(LARGE) as pilot:
        await console.begin(pilot)
        for moment in moments:
            await console.advance(pilot, moment - console.now())
            if moment == 12 * 60:
                reply = ActionRequest("reply", ("presse-lokalavis-a",), "Raset i Brattlia er sant")
                assert console.app.act(reply, "ok")
                await pilot.pause()
            console.app.redraw()
            assert dict(console.app.triage.due) == open_questions(console)  # the engine agrees
            live[moment] = (_counts(status_text(console.app.screen)), dict(console.app.triage.due))
        close_session(console.app)
    assert any(left < 0 for _, due in live.values() for left in due.values())  # overdue seen
    assert live[25 * 60][1] and "presse-lokalavis-a" not in live[25 * 60][1]  # answered
    replay = Replay(console.path)
    replayed: dict[int, tuple[str, dict[str, float]]] = {}

    async with replay.running() as pilot:
        for moment in moments:
            replay.app.action_seek_to(moment)
            await pilot.pause()
            replay.app.redraw()
            replayed[moment] = (_counts(status_text(replay.screen)), dict(replay.app.triage.due))
        term, count = replay.app.monitor.trending(replay.app.now())[0]
        assert f"{count:>4} {term}" in screen_text(replay.app)  # type: ignore[arg-type]
    assert replayed == live
