"""The composer and the actions that ask what they need: hide with a reason and undo it,
escalate to someone, flag with the keys of the console's language.

The engine's rules are checked on real session files; the console's through Pilot on a
virtual clock, each action read back from the session file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Select, Static, TextArea

from simulator.engine.actions import HIDE_REASONS, ActionError, ActionRequest, load_actions
from simulator.engine.engine import Engine
from simulator.engine.session import new_session
from simulator.engine.store import Event, SessionStore
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.loader import check_text, load_scenario, load_scenario_text
from simulator.scenario.model import TRUTHS
from simulator.tui.i18n import Catalogue
from simulator.tui.model import FeedModel
from simulator.tui.screens.approval import ApprovalScreen
from simulator.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from simulator.tui.screens.exercise import ExerciseScreen
from simulator.tui.widgets.feed import LINES_PER_ITEM, FeedView, countdown
from tests.console_fixtures import NAME, session_events, typed_at_once
from tests.console_fixtures import Console as SharedConsole

# -- shared ------------------------------------------------------------------------------


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
        (ActionRequest("escalate", ("x",), recipient="x" * 201), "at most 200 characters"),
    ],
)
def test_malformed_reasons_and_recipients_are_refused(
    request_: ActionRequest, message: str
) -> None:
    problem = request_.problem()
    assert problem is not None and message in str(problem)


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


# -- the catalogue -----------------------------------------------------------------------


def test_the_composers_words_have_one_owner_and_three_languages() -> None:
    from simulator.lang.calls import CALLS
    from simulator.lang.composer import COMPOSER
    from simulator.lang.console import CONSOLE
    from simulator.lang.control import CONTROL
    from simulator.lang.facilitator import FACILITATOR
    from simulator.lang.triage import TRIAGE
    from simulator.lang.wall import WALL
    from simulator.tui.i18n import CATALOGUE

    others = (
        CONSOLE.keys()
        | TRIAGE.keys()
        | FACILITATOR.keys()
        | CONTROL.keys()
        | WALL.keys()
        | CALLS.keys()
    )
    assert not COMPOSER.keys() & others
    assert all(len(entry) == 3 and all(entry) for entry in COMPOSER.values())
    assert CATALOGUE.keys() == COMPOSER.keys() | others
    for column in range(3):  # one key, one choice, in every language
        for kind, values in (("flag", TRUTHS), ("hide", HIDE_REASONS)):
            keys = [COMPOSER[f"{kind}.key.{value}"][column] for value in values]
            assert len(set(keys)) == len(keys)


# -- the console -------------------------------------------------------------------------


class Console(SharedConsole):
    """The shared console, with what the composer's tests read of it."""

    def text(self) -> str:
        """The characters the terminal shows."""
        return "\n".join(s.text for s in self.app.screen._compositor.render_strips())

    def actions(self) -> list[Event]:
        return actions_of(self.path)


def feed_header(console: Console, item_id: str) -> str:
    """The first line of an item's row in the feed."""
    feed = console.exercise.query_one("#list-feed", FeedView)
    items = feed.model.items
    row = [items[i].id for i in reversed(feed.rows)].index(item_id)
    return feed.render_line(row * LINES_PER_ITEM).text


def detail(console: Console) -> str:
    body = console.exercise.query_one("#detail-body", Static)
    return " ".join(" ".join(s.text for s in body.render_lines(body.region.reset_offset)).split())


PRESS = "presse-lokalavis-a"  # a journalist's question at T+03:00, due within 30 minutes


async def test_the_composer_is_a_panel_that_keeps_the_item_and_its_countdown_in_sight(
    tmp_path: Path,
) -> None:
    console = Console(tmp_path, size=(80, 24))

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, PRESS, tab="press")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)  # no dialog over the screen
        composer = console.exercise.composer
        assert composer is not None and isinstance(app.focused, TextArea)
        item = app.model.by_id[PRESS]
        due = app.item_info(item).due_in
        assert due is not None
        shown = console.text()
        assert app.tr("compose.reply", name=item.name) in shown
        assert f"{app.tr('detail.due')} {countdown(due)}" in shown
        assert item.line[:40] in shown  # the question being answered
        assert item.name in detail(console)  # and the detail pane beside it
        # Several lines; Enter starts a new line and publishes nothing.
        await pilot.press(*"Raset", "enter", *"Brattlia")
        await pilot.pause()
        assert composer.text == "Raset\nBrattlia"
        assert app.tr("composer.count", count=14) in console.text()
        assert console.actions() == []
        # The countdown runs on while writing.
        await console.advance(pilot, 60)
        assert f"{app.tr('detail.due')} {countdown(due - 60)}" in console.text()
        await pilot.press("ctrl+enter")
        await pilot.pause()
        assert console.exercise.composer is None
        [reply] = console.actions()
        assert (reply.data["action"], reply.data["to"], reply.data["text"], reply.t) == (
            "reply",
            [PRESS],
            "Raset\nBrattlia",
            360,
        )


@pytest.mark.parametrize("key", ["ctrl+enter", "ctrl+j", "ctrl+s"])
async def test_ctrl_enter_and_its_fallbacks_publish(tmp_path: Path, key: str) -> None:
    """Terminals send ctrl+enter as ctrl+enter (with the keyboard protocol), as ctrl+j, or
    as a plain enter; ctrl+s works in every terminal."""
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, PRESS, tab="press")
        await pilot.press("r", *"Ja", key)
        await pilot.pause()
        assert console.exercise.composer is None
        assert [(e.data["action"], e.data["text"]) for e in console.actions()] == [("reply", "Ja")]


async def test_escape_closes_the_composer_and_keeps_the_draft(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 300)
        await console.select(pilot, PRESS, tab="press")
        await pilot.press("r", *"Vi kommer")
        await pilot.press("escape")
        await pilot.pause()
        assert console.exercise.composer is None
        assert app.focused is console.exercise.active_feed
        assert console.actions() == []
        # A statement has a draft of its own.
        await pilot.press("s")
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None and composer.text == ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None and composer.text == "Vi kommer"
        await pilot.press(*" tilbake", "ctrl+s")
        await pilot.pause()
        [reply] = console.actions()
        assert reply.data["text"] == "Vi kommer tilbake"
        await pilot.press("r")  # published: the draft is gone
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None and composer.text == ""
        await pilot.press("ctrl+s")  # nothing to publish
        await pilot.pause()
        assert app.tr("composer.empty") in console.text()
        assert len(console.actions()) == 1


async def test_each_item_keeps_its_own_draft(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 7 * 60 + 5)
        await console.select(pilot, PRESS, tab="press")
        await pilot.press("r", *"Til pressen")
        await pilot.press("shift+tab")  # back to the lists, while the composer stays open
        await console.select(pilot, RUMOUR)
        await pilot.press("r")  # another item: the first text is kept as its draft
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None and composer.target.item is app.model.by_id[RUMOUR]
        assert composer.text == ""
        await pilot.press(*"Dammen står", "ctrl+s")
        await pilot.pause()
        await console.select(pilot, PRESS, tab="press")
        await pilot.press("r")
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None and composer.text == "Til pressen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        got = [(e.data["to"], e.data["text"]) for e in console.actions()]
        assert got == [([RUMOUR], "Dammen står"), ([PRESS], "Til pressen")]


async def test_a_statement_chooses_its_channel_in_the_composer(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 240)
        await pilot.press("s")
        await pilot.pause()
        composer = console.exercise.composer
        assert composer is not None
        composer.query_one("#composer-channel", Select).value = "internal"
        await pilot.press(*"Stab samles", "ctrl+s")
        await pilot.pause()
        [statement] = console.actions()
        assert (statement.data["action"], statement.data["channel"], statement.data["text"]) == (
            "statement",
            "internal",
            "Stab samles",
        )


async def test_a_tab_key_typed_just_before_s_leaves_the_focus_in_the_composer(
    tmp_path: Path,
) -> None:
    # A terminal hands over keys typed fast in one go: the tab key's list must not take
    # the focus back from the composer the next key opened (the text went to the lists,
    # where its q quit the console).
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        typed_at_once(console.app, "2", "s")
        await pilot.pause()
        await pilot.press(*"Stab samles")
        composer = console.exercise.composer
        assert composer is not None and composer.text == "Stab samles"
        assert console.app.is_running


async def test_the_text_area_drawn_before_its_styles_are_known_is_blank_not_an_error(
    tmp_path: Path,
) -> None:
    # Textual can ask the text area to draw before the stylesheet has given it the styles
    # of its parts; its own drawing then raised a KeyError that stopped the console.
    console = Console(tmp_path)

    async with console.running() as pilot:
        await console.begin(pilot)
        await pilot.press("s", *"Stab samles")
        await pilot.pause()
        area = console.exercise.query_one("#composer-text", TextArea)
        region = area.region.reset_offset
        parts = dict(area._component_styles)
        area._component_styles.clear()  # as between the stylesheet's clearing and refilling
        blank = area.render_lines(region)
        assert len(blank) == region.height and not "".join(s.text for s in blank).strip()
        area._component_styles.update(parts)
        await pilot.pause()
        assert "Stab samles" in console.text()


SENSITIVE = "savnet-nabo"  # a neighbour posts a missing person's details at T+10:00


async def test_hide_asks_why_and_h_on_a_hidden_item_shows_it_again(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 600)
        await console.select(pilot, SENSITIVE)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert app.tr("hide.reason.harassment") in console.text()
        await pilot.press("t")  # trakassering
        await pilot.pause()
        assert app.model.by_id[SENSITIVE].hidden
        assert app.tr("done.hide_reason", reason=app.tr("hide.reason.harassment")) in detail(
            console
        )
        await console.advance(pilot, 30)
        await pilot.press("h")  # hidden already: it asks to show it again instead
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(console.actions()) == 1
        await pilot.press("H", "j")  # shift+h: show it again, as the command says
        await pilot.pause()
        assert not app.model.by_id[SENSITIVE].hidden
        assert app.tr("done.unhide") in detail(console)
        await pilot.press("H")  # not hidden: nothing to show again, nothing recorded
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        got = [(e.t, e.data["action"], e.data["reason"], e.data["by"]) for e in console.actions()]
        assert got == [(600, "hide", "harassment", NAME), (630, "unhide", None, NAME)]


async def test_escalate_asks_to_whom_from_the_scenarios_list_or_any_name(tmp_path: Path) -> None:
    console = Console(tmp_path)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 600)
        await console.select(pilot, SENSITIVE)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        shown = console.text()
        for name in app.loaded.scenario.escalation:
            assert name in shown
        await pilot.press("1", *"Ring", "enter")  # the first name, and a note
        await pilot.pause()
        await pilot.press("e", "0")  # someone else
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Brannvesenet", "enter", "enter")  # a name, and no note
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        got = [(e.data["action"], e.data["recipient"], e.data["text"]) for e in console.actions()]
        assert got == [
            ("escalate", "Kriseledelsen", "Ring"),
            ("escalate", "Brannvesenet", ""),
        ]
        assert app.tr("done.escalate_to", name="Brannvesenet") in detail(console)


async def test_without_an_escalation_list_escalate_asks_for_a_name(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "scenarios" / "jordras.yaml").read_text("utf-8")
    loaded = load_scenario_text(text[: text.index("\nescalation:")], "jordras.yaml")
    assert loaded.scenario.escalation == []
    console = Console(tmp_path, loaded)

    async with console.running() as pilot:
        await console.begin(pilot)
        await console.advance(pilot, 600)
        await console.select(pilot, SENSITIVE)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(console.app.screen, PromptScreen)
        await pilot.press(*"Politiet", "enter", *"Se", "enter")
        await pilot.pause()
        [action] = console.actions()
        assert (action.data["recipient"], action.data["text"]) == ("Politiet", "Se")


RUMOUR = "rykte-dam"  # the burst-dam rumour at T+07:00, misleading


@pytest.mark.parametrize(
    ("language", "keys", "marker"),
    [
        ("nb", {"k": "valid", "v": "misleading", "i": "irrelevant"}, "⚑ villedende"),
        ("nn", {"k": "valid", "v": "misleading", "i": "irrelevant"}, "⚑ villeiande"),
        ("en", {"v": "valid", "m": "misleading", "i": "irrelevant"}, "⚑ misleading"),
    ],
)
async def test_flag_keys_and_marker_follow_the_language(
    tmp_path: Path, language: str, keys: dict[str, str], marker: str
) -> None:
    console = Console(tmp_path, language=language)

    async with console.running() as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 7 * 60 + 5)
        await console.select(pilot, RUMOUR)
        for key in keys:  # the last flag (misleading) stands
            await pilot.press("f")
            await pilot.pause()
            assert f"{key}  {app.tr('label.' + keys[key])}" in console.text()
            await pilot.press(key)
            await pilot.pause()
        misleading = next(key for key, label in keys.items() if label == "misleading")
        await pilot.press("f", misleading)
        await pilot.pause()
        labels = [e.data["label"] for e in console.actions()]
        assert labels == [*keys.values(), "misleading"]
        assert marker in feed_header(console, RUMOUR)


@pytest.mark.parametrize(
    "dialog",
    [
        lambda: PromptScreen("Notat"),
        lambda: ChoiceScreen("Merk", [("valid", "k  korrekt")]),
        lambda: ApprovalScreen(Catalogue("nb"), [], FeedModel(), str),
    ],
)
async def test_a_dialog_closed_before_it_was_shown_is_no_error(dialog: Any) -> None:
    # Keys typed fast, meant for a field still opening, can open a dialog and close it
    # again before it is shown: the console goes on.
    app = App[None]()
    async with app.run_test() as pilot:
        app.push_screen(dialog())
        app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app._exception is None
