"""Triage: which items are questions put to the team, and how long each has left.

The team may know that an item asks something of it when the item says so by its kind: a
press inquiry (``press``), a citizen's question (``question``) or a message addressed to
the organisation from inside it (``internal``). Other expectations (that a rumour should
be flagged, a post hidden) stay unseen: telling the team would give the ground truth away.

Every countdown on the screen comes from one :class:`Triage`, taken at one reading of the
scenario clock, and is written by :func:`countdown` and coloured by :func:`urgency`, so the
rows, the detail pane and the status line always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from simulator.engine.events import Kind

#: The kinds of item that put a question to the team, visibly.
ASKED_KINDS: Final = frozenset({Kind.PRESS, Kind.QUESTION, Kind.INTERNAL})
#: From this many seconds before its deadline a countdown turns amber.
SOON: Final = 300.0


class Urgency(StrEnum):
    """How close an open question is to its deadline; the value is its CSS class."""

    DUE = "triage--due"
    SOON = "triage--soon"
    OVERDUE = "triage--overdue"


#: The colours of the countdowns, for every widget that shows one (component classes, so
#: each theme's own warning and error colours are used). Reversed, the theme's colour is
#: the background and the widget's the text: readable in every theme, the ANSI ones too,
#: where a warning's text and muted background are the same terminal colour.
TRIAGE_CLASSES: Final = frozenset(u.value for u in Urgency)
TRIAGE_CSS: Final = """
{widget} > .triage--due {{ text-style: bold; }}
{widget} > .triage--soon {{ color: $warning; text-style: bold reverse; }}
{widget} > .triage--overdue {{ color: $error; text-style: bold reverse; }}
"""


def countdown(seconds: float) -> str:
    """mm:ss left (hours as more minutes), with a minus sign once overdue.

    Whole seconds are floored towards the past, so a countdown steps down once a second
    and shows -00:01 one second after the deadline.
    """
    total = int(seconds // 1)
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def urgency(seconds: float) -> Urgency:
    """Overdue after the deadline, soon from :data:`SOON` seconds before it, else due."""
    if seconds < 0:
        return Urgency.OVERDUE
    if seconds <= SOON:
        return Urgency.SOON
    return Urgency.DUE


def asked(kind: str) -> bool:
    """Whether an item of this kind visibly asks something of the team."""
    return kind in ASKED_KINDS


@dataclass(frozen=True, slots=True)
class Triage:
    """The questions still open at one reading of the scenario clock.

    ``due``: seconds from ``now`` to the earliest open deadline of each open question,
    negative once overdue.
    """

    now: float
    due: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def at(cls, now: float, deadlines: Mapping[str, float], kinds: Mapping[str, str]) -> Triage:
        """From the earliest open deadline of each item and the kinds of delivered items
        (items not delivered yet, or not asking anything visibly, are left out)."""
        due = {
            item: deadline - now
            for item, deadline in deadlines.items()
            if item in kinds and asked(kinds[item])
        }
        return cls(now, due)

    def due_in(self, item_id: str) -> float | None:
        """Seconds left for an open question (negative: overdue); None for other items."""
        return self.due.get(item_id)

    @property
    def open(self) -> frozenset[str]:
        """Every open question, overdue or not."""
        return frozenset(self.due)

    @property
    def overdue(self) -> frozenset[str]:
        """The open questions past their deadline."""
        return frozenset(item for item, left in self.due.items() if left < 0)
