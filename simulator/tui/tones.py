"""The colours of the feed's rows and the panels' texts, as component classes.

A widget draws its rows itself (the feed, for speed) or builds Rich text (the panels), so
Textual's CSS does not reach their parts unless each part is a component class. Every part
takes its colour from the theme's variables here, so the dark, the light and the ANSI
themes all colour every row; nothing in the widgets names a colour.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from rich.style import Style
from textual.widget import Widget

from simulator.tui.triage import TRIAGE_CLASSES, TRIAGE_CSS


class Tone(StrEnum):
    """A part of a row or panel; the value is its CSS component class."""

    UNREAD = "tone--unread"  # the dot of an item not yet read
    TIME = "tone--time"
    NAME = "tone--name"
    TEAM = "tone--team"  # the team's own name, on its replies and statements
    HANDLE = "tone--handle"
    ROLE = "tone--role"
    FIGURES = "tone--figures"  # views, likes and shares
    MARKS = "tone--marks"  # answered, flagged, hidden, escalated
    HIDDEN = "tone--hidden"  # the text of a hidden item
    TAG = "tone--tag"  # a hashtag among the trending terms
    OBSERVER = "tone--observer"  # an observer's note among what was done
    HEADING = "tone--heading"
    CURSOR = "tone--cursor"  # the selected row of a list that has the focus
    CURSOR_BLURRED = "tone--cursor-blurred"  # ... and of one that has not
    RUNNING = "tone--running"  # the clock's state while it runs
    STOPPED = "tone--stopped"  # paused or ended
    RINGING = "tone--ringing"  # a phone call that rings, and the time left of one
    # An inject's state, and how an expectation ended
    PENDING = "tone--pending"
    WONT = "tone--wont"
    DELIVERED = "tone--delivered"
    MET = "tone--met"
    LATE = "tone--late"
    MISSED = "tone--missed"
    BREACH = "tone--breach"
    NOT_REACHED = "tone--not_reached"


_TONE_CSS: Final = """
{widget} > .tone--unread {{ color: $text-accent; text-style: bold; }}
{widget} > .tone--time {{ color: $text-muted; }}
{widget} > .tone--name {{ text-style: bold; }}
{widget} > .tone--team {{ color: $text-success; text-style: bold; }}
{widget} > .tone--handle {{ color: $text-muted; }}
{widget} > .tone--role {{ color: $text-secondary; text-style: italic; }}
{widget} > .tone--figures {{ color: $text-muted; }}
{widget} > .tone--marks {{ color: $text-warning; text-style: bold; }}
{widget} > .tone--hidden {{ color: $text-muted; text-style: strike; }}
{widget} > .tone--tag {{ color: $text-accent; text-style: bold; }}
{widget} > .tone--observer {{ color: $text-secondary; text-style: italic; }}
{widget} > .tone--heading {{ text-style: bold underline; }}
{widget} > .tone--cursor {{ color: $block-cursor-foreground;
    background: $block-cursor-background; text-style: bold; }}
{widget} > .tone--cursor-blurred {{ color: $block-cursor-blurred-foreground;
    background: $block-cursor-blurred-background; }}
{widget} > .tone--running {{ color: $text-success; text-style: bold; }}
{widget} > .tone--stopped {{ color: $text-warning; text-style: bold; }}
{widget} > .tone--ringing {{ color: $text-warning; text-style: bold; }}
{widget} > .tone--pending {{ color: $text-muted; }}
{widget} > .tone--wont {{ color: $text-muted; text-style: strike; }}
{widget} > .tone--delivered {{ color: $text-accent; }}
{widget} > .tone--met {{ color: $text-success; text-style: bold; }}
{widget} > .tone--late {{ color: $text-warning; text-style: bold; }}
{widget} > .tone--missed {{ color: $text-error; text-style: bold; }}
{widget} > .tone--breach {{ color: $text-error; text-style: bold reverse; }}
{widget} > .tone--not_reached {{ color: $text-muted; text-style: italic; }}
"""

#: Every component class a row or panel uses: its tones and the countdowns' urgencies.
TONE_CLASSES: Final = frozenset(t.value for t in Tone) | TRIAGE_CLASSES


def tone_css(widget: str) -> str:
    """The CSS of every tone and urgency, for the widget type named ``widget``."""
    return (_TONE_CSS + TRIAGE_CSS).format(widget=widget)


def state_tone(state: str) -> Tone:
    """The tone of an inject's state or an expectation's outcome (``met``, ``wont`` ...)."""
    return Tone(f"tone--{state}")


def tone_of(widget: Widget, tone: str) -> Style:
    """The Rich style of ``tone`` in ``widget``, on the widget's own background (a muted
    colour is a blend with it, so it must be known)."""
    return widget.get_component_rich_style(tone)
