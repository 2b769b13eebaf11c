"""The debrief's words in one language, with numbers as its readers write them.

The words themselves are in :mod:`simulator.lang.reports`. A report speaks its scenario's
language unless asked for another.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.lang import Catalogue, choose_language, number_text
from simulator.lang.reports import REPORTS as LABELS

__all__ = ["LABELS", "Labels", "report_labels"]


class Labels(Catalogue):
    """The report's words and numbers in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(LABELS, language)

    def status(self, status: str) -> str:
        """met, late or missed, in words (an unknown status as it is)."""
        key = f"status.{status}"
        return self(key) if self.has(key) else status

    def channel(self, channel: str) -> str:
        """A channel's name (an unknown one as it is)."""
        key = f"channel.{channel}"
        return self(key) if self.has(key) else channel

    def action(self, action: str) -> str:
        """A team action (reply, statement, flag, hide, escalate) in words (an unknown one
        as it is)."""
        key = f"action.{action}"
        return self(key) if key in LABELS else action

    def actions(self, actions: Iterable[str], separator: str = "/") -> str:
        """Several team actions, as an expectation's ``do`` lists them."""
        return separator.join(self.action(a) for a in actions)

    def rule(self, rule: str) -> str:
        """A guideline rule (avoid, national_id, email, phone) in words."""
        key = f"rule.{rule}"
        return self(key) if key in LABELS else rule

    def number(self, value: float) -> str:
        """Grouped thousands and the decimal mark the reader expects."""
        return number_text(value, self.language)


def report_labels(language: str | None, scenario_language: str | None) -> Labels:
    """A report's words: the language asked for, else the scenario's (as everywhere, by
    :func:`simulator.lang.choose_language`)."""
    return Labels(choose_language(language, scenario_language))
