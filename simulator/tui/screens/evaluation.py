"""The evaluator's dialogs: an objective's rating (P, S, M or U, with a comment) and the hot
wash (strengths and areas for improvement, one per line), and the evaluator's name they are
recorded with. The screens post what is to be saved up to the app; nothing here writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from simulator.engine.actions import ActionRequest
from simulator.engine.events import Evaluation, Rating
from simulator.scenario.model import Objective
from simulator.scoring.labels import Labels
from simulator.tui.i18n import Catalogue
from simulator.tui.messages import EvaluationRequested, ObserverNamed
from simulator.tui.model import Remark
from simulator.tui.screens.dialogs import Dialog, PromptScreen
from simulator.tui.text import clean

if TYPE_CHECKING:
    from simulator.tui.console import ConsoleApp

#: The ratings in the order the dialog lists them, best first.
RATINGS = tuple(Rating)


def rating_words(tr: Catalogue, rating: str) -> str:
    """A rating in words (``S``: performed with some challenges), as the report says it:
    the report's catalogue owns these words."""
    labels = Labels(tr.language)
    key = f"rating.{rating}"
    return labels(key) if labels.has(key) else rating


def with_evaluator(screen: Screen[Any], app: ConsoleApp, then: Callable[[str], None]) -> None:
    """Call ``then`` with the evaluator's name: the one this console knows already (the
    observer's, given once), else asked for, offering the last name the log recorded
    with an observer note or an evaluator's record (a resumed session's, to confirm)."""
    if app.observer:
        then(app.observer)
        return

    def named(name: str | None) -> None:
        if name:
            screen.post_message(ObserverNamed(name))
            then(name)

    model = app.model
    earlier = [(n.note.t, n.note.by) for n in model.observer_notes if n.note.by]
    earlier += [(r.t, r.by) for r in (*model.ratings.values(), *model.remarks) if r.by]
    last = max(earlier, key=lambda entry: entry[0])[1] if earlier else ""
    app.push_screen(PromptScreen(app.tr("fac.observer.name"), last or ""), named)


def objectives_line(tr: Catalogue, objectives: list[Objective], ratings: dict[str, Remark]) -> Text:
    """The objectives with their current ratings on one line: ``Mål: informere S · rykter –``."""
    line = Text(f"{tr('fac.objectives')}: ", style="bold")
    for n, objective in enumerate(objectives):
        if n:
            line.append(" · ")
        line.append(clean(objective.id, single_line=True) + " ")
        rated = ratings.get(objective.id)
        line.append(rated.rating or "" if rated else tr("fac.objectives.unrated"), style="bold")
    return line


@dataclass(frozen=True, slots=True)
class Rated:
    """What the rating dialog returns: the objective, the rating and the comment."""

    objective: str
    rating: str
    comment: str

    def request(self, by: str) -> ActionRequest:
        """The engine's request that records it, by ``by``."""
        return ActionRequest(
            Evaluation.RATE, objective=self.objective, rating=self.rating, text=self.comment, by=by
        )


class RateScreen(Dialog[Rated | None]):
    """Rate one objective: pick it (each shows its title and current rating), pick P, S, M
    or U (the letter picks it, from anywhere but the comment), write a comment (prefilled
    with the current one), Enter saves."""

    DEFAULT_CSS = """
    RateScreen > Vertical { width: 100%; max-width: 100; max-height: 100%; padding: 0 1; }
    RateScreen OptionList { height: auto; max-height: 7; }
    RateScreen .label { color: $text-muted; }
    RateScreen #problem { color: $text-error; height: auto; }
    """

    def __init__(
        self,
        tr: Catalogue,
        evaluator: str,
        objectives: list[Objective],
        ratings: dict[str, Remark],
        first: str | None = None,
    ) -> None:
        super().__init__()
        self.tr = tr
        self.evaluator = evaluator
        self.objectives = objectives
        self.ratings = ratings
        self.first = first

    def _objective_label(self, objective: Objective) -> Text:
        rated = self.ratings.get(objective.id)
        label = Text(clean(objective.id, single_line=True), style="bold")
        label.append(" · " + clean(objective.title, single_line=True))
        shown = (
            f"{rated.rating} ({rating_words(self.tr, rated.rating or '')})"
            if rated
            else self.tr("fac.objectives.unrated")
        )
        label.append(f"  {shown}", style="italic")
        return label

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical():
            yield Static(
                Text(tr("fac.rate.title", name=clean(self.evaluator, single_line=True))),
                classes="title",
            )
            yield Static(Text(tr("fac.rate.objective")), classes="label")
            yield OptionList(
                *[Option(self._objective_label(o), id=o.id) for o in self.objectives],
                id="objective",
            )
            yield Static(Text(tr("fac.rate.rating")), classes="label")
            yield OptionList(
                *[Option(Text(f"{r}  {rating_words(tr, r)}"), id=r) for r in RATINGS],
                id="rating",
            )
            yield Input(placeholder=tr("fac.rate.comment"), id="comment")
            yield Static(id="problem")

    def on_mount(self) -> None:
        objectives = self.query_one("#objective", OptionList)
        ids = [o.id for o in self.objectives]
        objectives.highlighted = ids.index(self.first) if self.first in ids else 0
        self._show_current()
        objectives.focus()

    @property
    def objective(self) -> str:
        index = self.query_one("#objective", OptionList).highlighted
        return self.objectives[index or 0].id

    def _show_current(self) -> None:
        """The highlighted objective's current rating and comment, to keep or change."""
        rated = self.ratings.get(self.objective)
        ratings = self.query_one("#rating", OptionList)
        ratings.highlighted = (
            RATINGS.index(Rating(rated.rating)) if rated and rated.rating in RATINGS else None
        )
        self.query_one("#comment", Input).value = rated.text if rated else ""

    @on(OptionList.OptionHighlighted, "#objective")
    def _objective_moved(self) -> None:
        self._show_current()

    @on(OptionList.OptionSelected, "#objective")
    def _objective_chosen(self) -> None:
        self.query_one("#rating", OptionList).focus()

    @on(OptionList.OptionSelected, "#rating")
    def _rating_chosen(self) -> None:
        self.query_one("#comment", Input).focus()

    def on_key(self, event: events.Key) -> None:
        # The letters pick a rating from the lists; in the comment they are its text.
        letter = (event.character or "").upper()
        if isinstance(self.focused, Input) or letter not in RATINGS:
            return
        event.stop()
        self.query_one("#rating", OptionList).highlighted = RATINGS.index(Rating(letter))
        self.query_one("#comment", Input).focus()

    @on(Input.Submitted, "#comment")
    def _submit(self, event: Input.Submitted) -> None:
        index = self.query_one("#rating", OptionList).highlighted
        if index is None:
            self.query_one("#problem", Static).update(Text(self.tr("fac.rate.pick")))
            self.query_one("#rating", OptionList).focus()
            return
        self.dismiss(Rated(self.objective, RATINGS[index].value, event.value.strip()))


@dataclass(frozen=True, slots=True)
class HotWash:
    """What the hot wash form returns: its lines, blank ones left out."""

    strengths: list[str]
    improvements: list[str]

    def requests(self, by: str) -> list[ActionRequest]:
        """One record a line, strengths first, by ``by``."""
        return [ActionRequest(Evaluation.STRENGTH, text=line, by=by) for line in self.strengths] + [
            ActionRequest(Evaluation.IMPROVEMENT, text=line, by=by) for line in self.improvements
        ]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class HotWashScreen(Dialog[HotWash | None]):
    """The hot wash: strengths and areas for improvement, one per line; ctrl+s saves."""

    DEFAULT_CSS = """
    HotWashScreen > Vertical { width: 100%; max-width: 100; max-height: 100%; }
    HotWashScreen TextArea { height: 6; min-height: 3; margin-bottom: 1; }
    HotWashScreen .label { color: $text-muted; }
    HotWashScreen #problem { color: $text-error; height: auto; }
    """
    BINDINGS = [Binding("ctrl+s", "save", show=False, priority=True)]

    def __init__(self, tr: Catalogue, evaluator: str) -> None:
        super().__init__()
        self.tr = tr
        self.evaluator = evaluator

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical():
            yield Static(
                Text(tr("fac.hotwash.title", name=clean(self.evaluator, single_line=True))),
                classes="title",
            )
            yield Static(Text(tr("fac.hotwash.strengths")), classes="label")
            yield TextArea(id="strengths", soft_wrap=True, show_line_numbers=False)
            yield Static(Text(tr("fac.hotwash.improvements")), classes="label")
            yield TextArea(id="improvements", soft_wrap=True, show_line_numbers=False)
            yield Static(Text(tr("fac.hotwash.keys")), classes="label")
            yield Static(id="problem")

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.tab_behavior = "focus"  # Tab goes to the next field, not into the text
        self.query_one("#strengths", TextArea).focus()

    def action_save(self) -> None:
        """Save every line that has words; say so if none has."""
        wash = HotWash(
            _lines(self.query_one("#strengths", TextArea).text),
            _lines(self.query_one("#improvements", TextArea).text),
        )
        if not wash.strengths and not wash.improvements:
            self.query_one("#problem", Static).update(Text(self.tr("fac.hotwash.empty")))
            return
        self.dismiss(wash)


def hot_wash(screen: Screen[None], app: ConsoleApp) -> None:
    """Open the hot wash form over ``screen`` (the facilitator's or the after-action
    screen): each line written becomes one record, by the evaluator."""

    def write(evaluator: str) -> None:
        def done(wash: HotWash | None) -> None:
            if wash:
                screen.post_message(
                    EvaluationRequested(
                        wash.requests(evaluator),
                        app.tr(
                            "toast.hotwash",
                            strengths=len(wash.strengths),
                            improvements=len(wash.improvements),
                        ),
                    )
                )

        app.push_screen(HotWashScreen(app.tr, evaluator), done)

    with_evaluator(screen, app, write)
