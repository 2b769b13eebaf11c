"""What the screens ask of the live console: typed messages, posted up to the app.

The screens never call the app to change the exercise; they say what the team or the
facilitator asked for, and the app (the only one that holds the engine) does it. What a
screen needs to know back, the app sets on the screen (messages up, attributes down).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from simulator.engine.actions import ActionRequest
from simulator.tui.screens.dialogs import Adhoc
from simulator.tui.widgets.composer import ComposerPanel


class ActionRequested(Message):
    """A team action (or an observer note) to record; ``done_message`` is the toast that
    says it was recorded, and ``composer`` the panel it was written in, if any: closed
    (and its draft dropped) only once the action is recorded."""

    def __init__(
        self, request: ActionRequest, done_message: str, composer: ComposerPanel | None = None
    ) -> None:
        super().__init__()
        self.request = request
        self.done_message = done_message
        self.composer = composer


class BeginRequested(Message):
    """Leave the briefing: the exercise starts (or reopens), with the name typed there."""

    def __init__(self, player: str | None) -> None:
        super().__init__()
        self.player = player


class AdhocRequested(Message):
    """The facilitator's item, to deliver now."""

    def __init__(self, inject: Adhoc) -> None:
        super().__init__()
        self.inject = inject


class NextInjectRequested(Message):
    """Move the clock on to the next scripted inject."""


class EndRequested(Message):
    """End the exercise for everyone (the facilitator confirmed it)."""


class ObserverNamed(Message):
    """The observer said their name: it goes with every observer note of this console."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class EvaluationRequested(Message):
    """The evaluator's records to save, in order: a rating of an objective, or the hot
    wash's strengths and areas for improvement, one request a line. ``done_message`` is
    the toast that says they were saved. They are taken after the end too."""

    def __init__(self, requests: Sequence[ActionRequest], done_message: str) -> None:
        super().__init__()
        self.requests = tuple(requests)
        self.done_message = done_message
