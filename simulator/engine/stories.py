"""News stories that quote the team: which of its texts a story quotes, and how much of it.

A newsroom quotes what the organisation has said on the record: a reply or statement it
published on any channel but ``internal``, an answer to a journalist included. Drafts and
internal messages are not on the record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.engine.events import Channel
from simulator.scenario.limits import MAX_QUOTE
from simulator.scenario.phrases import mentions

#: What ends a quote cut short.
ELLIPSIS = "…"
# The end of a sentence: its mark, before the end of the text or a space and a capital or
# a quote (not "kl. 08:00", "ca. 40").
_SENTENCE_END = re.compile(r"[.!?…](?=$|\s+[^\W\d_a-zæøå]|\s+[«\"])")
# Punctuation that would dangle before the ellipsis at a cut between words.
_DANGLING = ",;:–—-"


@dataclass(frozen=True, slots=True)
class OnRecord:
    """A text the team published on the record: its item and its words."""

    item: str
    text: str


def on_record(channel: str) -> bool:
    """Whether a reply or statement the team published on ``channel`` is on the record."""
    return channel != Channel.INTERNAL


def latest_on(published: Sequence[OnRecord], about: Sequence[str]) -> OnRecord | None:
    """The latest of the team's texts (``published``, in order) that mentions one of the
    phrases ``about``, or None."""
    return next(
        (text for text in reversed(published) if any(mentions(text.text, a) for a in about)),
        None,
    )


def quote_of(text: str, limit: int = MAX_QUOTE) -> str:
    """The team's words as a story quotes them, on one line and at most ``limit``
    characters: whole when they fit; else cut after the last sentence that fits (if that
    keeps at least half), or else after the last word that fits, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    room = limit - len(ELLIPSIS) - 1  # the ellipsis and the space before it
    ends = [m.end() for m in _SENTENCE_END.finditer(flat, 0, room + 1)]
    if ends and ends[-1] >= room // 2:
        kept = flat[: ends[-1]]
    else:
        space = flat.rfind(" ", 0, room + 1)
        # One word longer than the room: cut inside it, as nothing else fits.
        kept = flat[:space].rstrip(_DANGLING + " ") if space > 0 else flat[:room]
    return f"{kept} {ELLIPSIS}"
