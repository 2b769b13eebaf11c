"""The whole product in English, bokmål and nynorsk.

Every entry of the catalogue has all three languages with the same placeholders, and no
screen, dialog, footer or command palette of the console shows an English text when the
console speaks bokmål or nynorsk.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select, TabbedContent

from simulator.engine.actions import ActionRequest
from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.lang import LANGUAGES, Catalogue, Language
from simulator.lang.calls import CALLS
from simulator.lang.checks import CHECKS
from simulator.lang.cli import CLI, HELP
from simulator.lang.click import CLICK
from simulator.lang.composer import COMPOSER
from simulator.lang.console import CONSOLE
from simulator.lang.control import CONTROL
from simulator.lang.database import DATABASE
from simulator.lang.engine import ENGINE
from simulator.lang.exercise import EXERCISE
from simulator.lang.facilitator import FACILITATOR
from simulator.lang.findings import FINDINGS
from simulator.lang.preview import PREVIEW
from simulator.lang.reports import REPORTS
from simulator.lang.scripts import SCRIPTS
from simulator.lang.sessions import SESSIONS
from simulator.lang.sheets import SHEETS
from simulator.lang.source import SOURCE
from simulator.lang.triage import TRIAGE
from simulator.lang.units import UNITS
from simulator.lang.wall import WALL
from simulator.lang.web import WEB
from simulator.scoring.replay import ReplayLog
from simulator.tui.replay import ReplayApp
from simulator.tui.screens.afteraction import AfterActionScreen
from simulator.tui.screens.dialogs import (
    AdhocScreen,
    ChoiceScreen,
    ConfirmScreen,
    HelpScreen,
    PromptScreen,
)
from simulator.tui.screens.evaluation import HotWashScreen, RateScreen
from simulator.tui.screens.exercise import ExerciseScreen
from tests.console_fixtures import (
    SIZE,
    Console,
    screen_text,
)
from tests.helpers import run_cli

TABLES = {
    "console": CONSOLE,
    "triage": TRIAGE,
    "composer": COMPOSER,
    "facilitator": FACILITATOR,
    "reports": REPORTS,
    "cli": CLI,
    "help": HELP,
    "click": CLICK,
    "preview": PREVIEW,
    "engine": ENGINE,
    "findings": FINDINGS,
    "checks": CHECKS,
    "source": SOURCE,
    "sheets": SHEETS,
    "sessions": SESSIONS,
    "scripts": SCRIPTS,
    "units": UNITS,
    "exercise": EXERCISE,
    "control": CONTROL,
    "web": WEB,
    "wall": WALL,
    "calls": CALLS,
    "database": DATABASE,
}
#: The tables whose words the console shows.
SHOWN = {
    name: TABLES[name]
    for name in (
        "console",
        "triage",
        "composer",
        "facilitator",
        "control",
        "wall",
        "calls",
        "reports",
        "engine",
    )
}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_entry_has_three_languages_with_the_same_placeholders(table: str) -> None:
    incomplete: list[str] = []
    for key, texts in TABLES[table].items():
        if len(texts) != len(LANGUAGES) or not all(t.strip() for t in texts):
            incomplete.append(f"{key}: {len(texts)} columns")
        elif len({frozenset(_placeholders(t)) for t in texts}) != 1:
            incomplete.append(f"{key}: placeholders differ")
    assert incomplete == []


def test_the_consoles_tables_share_no_key() -> None:
    """One owner for each text: the console reads its tables as one catalogue, where a key
    in two of them would silently hide one text."""
    from simulator.tui.i18n import CATALOGUE

    tables = [CONSOLE, TRIAGE, COMPOSER, FACILITATOR, CONTROL, WALL, CALLS]
    assert sum(len(table) for table in tables) == len(CATALOGUE)


# --- the console in bokmål and nynorsk ------------------------------------------------------

#: What Textual shows in English unless the console replaces it: the command palette's
#: search line, its own commands and their help, and the footer's key for the palette.
TEXTUAL_ENGLISH = (
    "Search for commands",
    "Search for themes",
    "No matches found",
    "Keys",
    "Quit the application as soon as possible",
    "Show help for the focused widget",
    "Hide the keys and widget help panel",
    "Change the current theme",
    "Screenshot",
    "Save an SVG",
    "Theme",
    "Maximize",
    "Minimize",
    "palette",
)


#: English words that are Norwegian words too: "time" is an hour ("1 time 30 min"); and
#: keys of the format, which every language writes as they are ("tillatte nøkler: do,
#: within, deadline, …").
NORWEGIAN_TOO = frozenset({"time", "deadline"})


def _fixed_parts(text: str) -> list[str]:
    """The words of a catalogue text without its placeholders, one part per line, cut at
    quotes too: what an English text quotes ('{name}') a Norwegian one quotes «so»."""
    parts = []
    for piece in re.split(r"\{[^}]*\}|\n|'|\"", text):
        part = " ".join(piece.split()).strip(" ,;:.()«»“”#")
        if len(part) >= 4:
            parts.append(part)
    return parts


def _english_parts(language: str, tables: Any) -> set[str]:
    """The English texts of every entry of ``tables`` that ``language`` says differently.

    Texts both languages share are left out ("Start", "Pause"), and so are short ones: a
    two-letter part would be found inside any word.
    """
    column = LANGUAGES.index(Language(language))
    english = set()
    for table in tables:
        for key, entry in table.items():
            # The web page's own words never show in the console.
            if entry[0] != entry[column] and not key.startswith("html."):
                english.update(p for p in _fixed_parts(entry[0]) if p not in entry[column])
    return english - NORWEGIAN_TOO


def _english_texts(language: str) -> set[str]:
    """The English texts the console must not show when it speaks ``language``."""
    return _english_parts(language, SHOWN.values()) | set(TEXTUAL_ENGLISH)


def _english_on(text: str, language: str, tables: Any = None) -> list[str]:
    """The English texts on ``text``: of the console's tables, or of ``tables``."""
    flat = " ".join(text.split())
    english = _english_texts(language) if tables is None else _english_parts(language, tables)
    return sorted(w for w in english if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", flat))


class Seen:
    """Everything the console showed, screen by screen, for one language."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.views: dict[str, str] = {}

    async def look(self, pilot: Pilot, name: str) -> None:
        """Let the screen settle, then keep its text under ``name``."""
        await pilot.pause()
        self.views[name] = screen_text(self.app)  # type: ignore[arg-type]

    async def palette(
        self, pilot: Pilot, name: str, themes: bool = False, search: str = ""
    ) -> None:
        """Open the command palette with ctrl+p (or its list of colour themes), type
        ``search``, keep what it lists (for a search that finds nothing: that it found
        nothing, which the palette says once its half-second countdown has run)."""
        if themes:
            self.app.action_change_theme()
            await pilot.pause()
        else:
            await pilot.press("ctrl+p")
        palette = self.app.screen
        assert isinstance(palette, CommandPalette)
        if search:
            await pilot.press(*search)
        commands = palette.query_one(CommandList)
        for _ in range(500):  # the commands arrive from a worker, a few frames later
            if commands.option_count:
                break
            await pilot.pause(0.01 if search else None)
        assert commands.option_count
        await self.look(pilot, name)
        await pilot.press("escape")
        await pilot.pause()

    async def dialog(self, pilot: Pilot, key: str, kind: type[Screen[Any]], name: str) -> None:
        """Open a dialog with its key, keep its text, close it with escape."""
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(self.app.screen, kind), (name, self.app.screen)
        for select in self.app.screen.query(Select):
            select.expanded = True  # its list of choices shows too
        await self.look(pilot, name)
        for select in self.app.screen.query(Select):
            select.expanded = False
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(self.app.screen, kind), name

    async def panel(self, pilot: Pilot, key: str, name: str) -> None:
        """Open the composer with its key, keep the screen's text, close it with escape."""
        await pilot.press(key)
        await pilot.pause()
        screen = self.app.screen
        assert isinstance(screen, ExerciseScreen) and screen.composer is not None, name
        await self.look(pilot, name)
        await pilot.press("escape")
        await pilot.pause()

    def english(self, language: str) -> dict[str, list[str]]:
        """The English texts found on each view."""
        found = {name: _english_on(text, language) for name, text in self.views.items()}
        return {name: words for name, words in found.items() if words}


async def _console(console: Console, pilot: Pilot, seen: Seen) -> None:
    await seen.look(pilot, "briefing")
    await console.begin(pilot)
    await console.advance(pilot, 9 * 60)
    await seen.look(pilot, "exercise")
    await seen.palette(pilot, "palette")
    await seen.palette(pilot, "themes", themes=True)
    await seen.palette(pilot, "palette, nothing found", search="qqxzq")
    await console.select(pilot, "presse-lokalavis-a", "press")
    await seen.look(pilot, "exercise, press")
    await seen.panel(pilot, "r", "reply")
    await seen.panel(pilot, "s", "statement")
    await seen.dialog(pilot, "f", ChoiceScreen, "flag")
    await seen.dialog(pilot, "e", ChoiceScreen, "escalate")
    await seen.dialog(pilot, "n", PromptScreen, "note")
    await seen.dialog(pilot, "f1", HelpScreen, "help")
    await seen.dialog(pilot, "q", ConfirmScreen, "quit")
    await pilot.press("f", console.app.tr("flag.key.valid"))  # a toast says so
    await seen.look(pilot, "toast")
    tr = console.app.tr
    assert tr("toast.flagged", label=tr("label.valid")) in " ".join(seen.views["toast"].split())
    await console.select(pilot, "vitne-bilde")  # a post on the municipality's own page
    await seen.dialog(pilot, "h", ChoiceScreen, "hide")
    await pilot.press("f2")
    await seen.look(pilot, "facilitator")
    await seen.palette(pilot, "facilitator palette")
    await seen.dialog(pilot, "a", AdhocScreen, "ad-hoc")
    await seen.dialog(pilot, "o", PromptScreen, "observer note")
    # Named once (for the notes and the ratings), the evaluator's dialogs open at once.
    await pilot.press("o", *"Eva", "enter")
    await pilot.pause()
    await pilot.press("escape")
    await seen.dialog(pilot, "v", RateScreen, "rating")
    await seen.dialog(pilot, "w", HotWashScreen, "hot wash")
    await pilot.press("v", "s", "enter")  # a rating, and its toast
    await seen.look(pilot, "rated")
    await pilot.press("E")
    await seen.look(pilot, "end")
    await pilot.press("j")
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, AfterActionScreen):
            break
    assert isinstance(pilot.app.screen, AfterActionScreen)
    pilot.app.clear_notifications()
    await seen.dialog(pilot, "f1", HelpScreen, "after-action help")
    for tab in ("tab-report", "tab-timeline", "tab-rumours"):
        pilot.app.screen.query_one(TabbedContent).active = tab
        await seen.look(pilot, f"after-action, {tab}")
    await seen.palette(pilot, "after-action palette")


async def _replay(pilot: Pilot, real: ManualTime, seen: Seen) -> None:
    await pilot.pause()
    real.advance(300)  # 20 scenario minutes at the replay's speed
    pilot.app.tick()  # type: ignore[attr-defined]
    await seen.look(pilot, "replay")
    await seen.dialog(pilot, "f1", HelpScreen, "replay help")
    await seen.palette(pilot, "replay palette")


@pytest.mark.parametrize("language", ["nb", "nn"])
async def test_no_screen_shows_english_in_norwegian(tmp_path: Path, language: str) -> None:
    console = Console(tmp_path, language=language)
    seen = Seen(console.app)

    # With the toasts, which say what an action did.
    async with console.running(notifications=True) as pilot:
        await _console(console, pilot, seen)
    real = ManualTime()
    replay = ReplayApp(ReplayLog(console.path), clock=ScenarioClock(source=real), language=language)
    seen.app = replay
    async with replay.run_test(size=SIZE, notifications=True) as pilot:
        await _replay(pilot, real, seen)
    assert len(seen.views) == 31  # every view above was reached
    assert seen.english(language) == {}


# --- the command line -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def stopped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A jordras session stopped at ten minutes (not ended), made by the headless run."""
    path = tmp_path_factory.mktemp("lang") / "s.sqlite"
    done = run_cli("simulate", "jordras", "--seed", "1", "--until", "10m", "--session", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_every_console_command_takes_nynorsk(stopped: Path, tmp_path: Path) -> None:
    # Without a terminal the console cannot open: the option was accepted, and the command
    # went on as far as it could, and said so in nynorsk.
    for args in (
        ("run", "jordras", "--session", str(tmp_path / "new.sqlite")),
        ("resume", str(stopped)),
        ("replay", str(stopped)),
    ):
        done = run_cli(*args, "--lang", "nn")
        assert done.returncode == 2, (args, done.stderr)
        assert "--lang" not in done.stderr, args
        assert "konsollen treng ein interaktiv terminal" in done.stderr, args


def test_the_debrief_speaks_the_language_asked_for(stopped: Path) -> None:
    headings = {
        None: "## 3. Styrker og forbedringsområder",  # jordras is written in bokmål
        "nn": "## 3. Styrkar og forbetringsområde",
        "nb": "## 3. Styrker og forbedringsområder",
        "en": "## 3. Strengths and areas for improvement",
    }
    for language, heading in headings.items():
        asked = ("--lang", language) if language else ()
        done = run_cli("score", str(stopped), "--format", "md", *asked, lang=None)
        assert done.returncode == 0, done.stderr
        assert heading in done.stdout, language
    page = run_cli("score", str(stopped), "--format", "html", "--lang", "nn")
    assert '<html lang="nn">' in page.stdout


def _in_locale(locale: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return {**env, "LANG": locale}


def test_the_command_line_speaks_the_system_language_without_a_scenario(tmp_path: Path) -> None:
    listing = run_cli("list", env=_in_locale("nn_NO.UTF-8"), lang=None)
    assert listing.returncode == 0, listing.stderr
    assert "Prøv eitt: crisis-sim preview jordras" in listing.stdout
    english = run_cli("list", env=_in_locale("en_GB.UTF-8"), lang=None)
    assert "Try one: crisis-sim preview jordras" in english.stdout


def test_the_command_line_speaks_the_scenarios_or_the_asked_language(
    stopped: Path, tmp_path: Path
) -> None:
    # jordras is written in bokmål: that wins over the system's nynorsk, --lang over both.
    done = run_cli(
        "score", str(stopped), "--format", "md", env=_in_locale("nn_NO.UTF-8"), lang=None
    )
    assert f"note: {stopped} ble avbrutt; den er vurdert fram til siste hendelse" in done.stderr
    page = tmp_path / "rapport.html"
    done = run_cli("score", str(stopped), "--format", "html", "--lang", "nn", "-o", str(page))
    assert done.returncode == 0, done.stderr
    assert f"note: {stopped} vart avbroten; ho er vurdert fram til siste hending" in done.stderr
    assert f"Skreiv {page}" in done.stderr


async def test_the_palettes_screenshot_command_saves_and_says_so_in_nynorsk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the picture is saved in the current folder
    console = Console(tmp_path, language="nn")

    # Toasts show only when asked for in a test.
    async with console.app.run_test(size=SIZE, notifications=True) as pilot:
        await console.begin(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Skjermbilete")
        commands = pilot.app.screen.query_one(CommandList)
        for _ in range(200):  # the search runs in a worker
            if commands.option_count:
                break
            await pilot.pause()
        await pilot.press("enter")
        for _ in range(200):
            if list(tmp_path.glob("*.svg")):
                break
            await pilot.pause()
        [picture] = tmp_path.glob("*.svg")
        assert picture.read_text(encoding="utf-8").startswith("<svg")
        for _ in range(200):  # the toast is mounted a few frames later
            if "Skjermbiletet er lagra" in screen_text(console.app):
                break
            await pilot.pause()
        assert "Skjermbiletet er lagra" in screen_text(console.app)


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_preview_of_a_norwegian_scenario_is_norwegian(fmt: str) -> None:
    done = run_cli("preview", "jordras", "--format", fmt)
    assert done.returncode == 0, done.stderr
    # The table folds long cells over lines, so its test looks for single words.
    for words in ("fasit", "kanal", "forventede", "Støy", "innbyggere", "innfridd"):
        assert words in done.stdout
    assert _english_on(done.stdout, "nb", [PREVIEW]) == []


def test_preview_of_an_english_scenario_is_english() -> None:
    done = run_cli("preview", "flood", "--format", "md")
    assert done.returncode == 0, done.stderr
    assert "| # | time | channel | kind | from | text | truth | expected actions |" in done.stdout
    assert "## Noise" in done.stdout
    assert "forventede handlinger" not in done.stdout


def test_preview_in_nynorsk_when_asked() -> None:
    done = run_cli("preview", "jordras", "--lang", "nn", "--format", "md")
    assert done.returncode == 0, done.stderr
    assert "forventa handlingar" in done.stdout
    assert "## Støy" in done.stdout
    assert "genererte innbyggjarar" in done.stdout
    assert "forventede handlinger" not in done.stdout
    assert _english_on(done.stdout, "nn", [PREVIEW]) == []


def test_preview_json_and_csv_keep_their_english_names() -> None:
    """Programs read these; a Norwegian scenario must not rename their fields."""
    csv_text = run_cli("preview", "jordras", "--format", "csv", "--lang", "nb").stdout
    assert csv_text.splitlines()[0] == "#,time,channel,kind,from,text,truth,expected actions"
    data = run_cli("preview", "jordras", "--format", "json", "--lang", "nb").stdout
    assert '"when": "after met presse-lokalavis-a +2 min' in data


@pytest.mark.parametrize("language", ["nb", "nn"])
async def test_the_engines_refusal_is_shown_in_the_consoles_language(
    tmp_path: Path, language: str
) -> None:
    """The hide dialog is open while the item is hidden another way: the engine refuses the
    second hide, and the console says why in its own language."""
    console = Console(tmp_path, language=language)
    item = "savnet-nabo"  # a neighbour's post with a missing person's details, at T+10:00

    async with console.running(notifications=True) as pilot:
        app = console.app
        await console.begin(pilot)
        await console.advance(pilot, 600)
        await console.select(pilot, item)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        console.engine.act(ActionRequest("hide", (item,), reason="personal_data"))
        await pilot.press("t")  # trakassering: the second hide
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        why = Catalogue(ENGINE, language)("hidden.already", item=item)
        assert app.tr("error.action", message=why) in shown
        english = Catalogue(ENGINE, Language.EN)("hidden.already", item=item)
        assert not any(english in message for message in shown)


def test_a_malformed_request_says_why_in_each_language_and_str_stays_english() -> None:
    """The actions file of ``simulate`` and the logs read ``str()``; the console reads
    ``text()`` in its language."""
    problem = ActionRequest("hide", ("x",), reason="rude").problem()
    assert problem is not None
    assert str(problem) == "reason 'rude' is not one of personal_data, harassment, other"
    assert problem.text("nb").startswith("grunnen «rude» er ikke en av")
    assert problem.text("nn").startswith("grunnen «rude» er ikkje ein av")


def test_the_counters_write_the_decimal_mark_of_the_consoles_language() -> None:
    from simulator.tui.widgets.feed import compact

    assert [compact(2134, lang) for lang in ("nb", "nn", "en")] == ["2,1k", "2,1k", "2.1k"]
    assert (compact(1_260_000, "nb"), compact(1_260_000, "en")) == ("1,3M", "1.3M")
    assert (compact(23_456, "nb"), compact(999, "nb")) == ("23k", "999")
