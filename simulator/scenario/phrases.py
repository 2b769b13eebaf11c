"""Phrases that judge what the team writes: ``require``, ``forbid`` and avoided words; and
the plainer ``mention`` (of an expectation, and of a story's ``about``).

A phrase is plain words, never a regular expression, so that a communication adviser can
write one. It matches case-insensitively and on word boundaries ("trygt" is not found in
"utrygt"); the spaces between its words match any run of white space; a ``*`` at the end
of a word matches any ending, for Norwegian inflection ("omkom*" finds "omkom" and
"omkomne"). A ``*`` anywhere else is refused when the scenario is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from simulator.lang import Said, Sayer
from simulator.lang.source import SOURCE

WILDCARD = "*"
_say = Sayer(SOURCE)


def phrase_problem(phrase: str) -> Said | None:
    """What is wrong with a phrase as written, or None: an empty phrase, a lone ``*``, a
    ``*`` inside or at the start of a word."""
    words = phrase.split()
    if not words:
        return _say("phrase_empty")
    for word in words:
        if word.strip(WILDCARD) == "":
            return _say("phrase_star_alone")
        if WILDCARD in word.rstrip(WILDCARD) or word.endswith(WILDCARD * 2):
            return _say("phrase_star_inside", word=word)
    return None


def mentions(text: str, phrase: str) -> bool:
    """Whether ``text`` mentions ``phrase``: the phrase as written (its templates filled
    in), anywhere in the text, in any case. Looser than the phrases above, which match
    whole words: "evakuer" is mentioned by "evakuert" and "evakueringen"."""
    return phrase.casefold() in text.casefold()


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    parts = []
    for word in phrase.split():
        stem = word.removesuffix(WILDCARD)
        parts.append(re.escape(stem) + (r"\w*" if word.endswith(WILDCARD) else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def find_phrase(phrase: str, text: str) -> str | None:
    """The part of ``text`` that ``phrase`` matches (the first), or None."""
    match = _pattern(phrase).search(text)
    return match.group(0) if match else None


@dataclass(frozen=True, slots=True)
class Content:
    """How a text meets an expectation's ``require`` list: the factor (1 when every entry
    is there, else 0.5) and the entries that are not."""

    factor: float
    missing: tuple[str, ...]


#: What an answer earns when a required entry is missing: half, with the entries named.
INCOMPLETE = 0.5


def alternatives(entry: str | Iterable[str]) -> tuple[str, ...]:
    """The phrases of an entry of ``require``, any one of which meets it."""
    return (entry,) if isinstance(entry, str) else tuple(entry)


def requirement_text(entry: str | Iterable[str]) -> str:
    """An entry of ``require`` as people read it: a phrase, or alternatives joined by
    " / " ("omkomne / døde / savnede")."""
    return " / ".join(alternatives(entry))


def content_of(text: str, require: Iterable[str | Iterable[str]]) -> Content:
    """Check a text against ``require``: each entry must appear; an entry that is a list
    is met by any one of its phrases."""
    missing = []
    for entry in require:
        if not any(find_phrase(p, text) is not None for p in alternatives(entry)):
            missing.append(requirement_text(entry))
    return Content(INCOMPLETE if missing else 1.0, tuple(missing))
