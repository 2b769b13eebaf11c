"""How a generated person writes: lower case, no full stop, abbreviations, dialect, typos,
emoji. Each author keeps one voice, drawn from the exercise's seeded sources.

The voices of a language are a fixed catalogue (the same in every exercise); which author
has which voice, and each item's typo or emoji, come from the stream's random source.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

# Whole words or phrases and what some people write instead, per language and style.
SWAPS: dict[str, tuple[Mapping[str, str], ...]] = {
    "nb": (
        {"forresten": "forr", "med tanke på": "mtp", "i alle fall": "iaf", "i hvert fall": "iaf"},
        {"forresten": "btw", "ikke": "ik", "det": "d", "jeg": "je", "og": "å"},
        {
            "ikke": "ikkje",
            "jeg": "eg",
            "hva": "ka",
            "hvorfor": "koffor",
            "noe": "noko",
            "noen": "nokon",
            "hvem": "kven",
            "hvordan": "korleis",
            "mye": "mykje",
            "vi": "me",
        },
        {
            "ikke": "itj",
            "jeg": "æ",
            "hva": "ka",
            "meg": "mæ",
            "deg": "dæ",
            "hvorfor": "koffer",
            "nå": "no",
            "ikke sant": "sant",
        },
        {
            "jeg": "jæ",
            "kanskje": "kanskj",
            "veldig": "kjempe",
            "skjønner": "skjønne",
            "hvertfall": "hvertfall",
            "egentlig": "egentli",
            "sikkert": "sikkert",
        },
    ),
    "nn": (
        {"forresten": "forr", "med tanke på": "mtp", "i alle fall": "iaf", "i kvart fall": "iaf"},
        {"eg": "e", "kva": "ka", "korleis": "koss", "kvifor": "koffor", "ikkje": "itte"},
    ),
    "en": (
        {
            "to be honest": "tbh",
            "by the way": "btw",
            "please": "pls",
            "because": "cos",
            "people": "ppl",
            "thanks": "thx",
        },
        {
            "you": "u",
            "your": "ur",
            "are": "r",
            "really": "rly",
            "tonight": "tonite",
            "though": "tho",
            "I don't know": "idk",
        },
        {
            "going to": "gonna",
            "want to": "wanna",
            "got to": "gotta",
            "my": "me",
            "you": "ya",
            "isn't": "ain't",
        },
    ),
}
_EMOJI = ("", "", "😳", "🙏", "😬", "👀", "😢", "💔", "😡", "🤷", "😮")
CATALOGUE_SIZE = 32


@dataclass(frozen=True, slots=True, eq=False)
class Voice:
    """One way of writing. Compared by identity: a catalogue's voices are made once."""

    lower: bool = False
    bare: bool = False  # leaves out the full stop at the end
    swaps: Mapping[str, str] | None = None
    pattern: re.Pattern[str] | None = None
    emoji: str = ""  # put after some of the person's posts
    typos: float = 0.0  # the chance of a slip of the finger in a post
    #: Texts as this voice writes them (before slips and emoji), as they come.
    said: dict[str, str] = field(default_factory=dict)


PLAIN = Voice()


def _compiled(swaps: Mapping[str, str]) -> re.Pattern[str]:
    words = sorted(swaps, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def catalogue(language: str) -> tuple[Voice, ...]:
    """The voices of a language: the first is plain, and about a third of people write
    plainly (the plain voice is repeated in the catalogue)."""
    rng = random.Random(f"voices:{language}")
    swaps = SWAPS[language]
    voices = [PLAIN] * (CATALOGUE_SIZE // 3)
    while len(voices) < CATALOGUE_SIZE:
        table = swaps[rng.randrange(len(swaps))] if rng.random() < 0.7 else None
        lowered = {k.lower(): v for k, v in table.items()} if table else None
        voices.append(
            Voice(
                lower=rng.random() < 0.5,
                bare=rng.random() < 0.6,
                swaps=lowered,
                pattern=_compiled(lowered) if lowered else None,
                emoji=rng.choice(_EMOJI),
                typos=rng.choice((0.0, 0.0, 0.1, 0.25)),
            )
        )
    return tuple(voices)


EMOJI_SHARE = 0.4  # of the posts of someone who uses an emoji, those that end with it


def speak(text: str, voice: Voice, rng: random.Random) -> str:
    """The text as someone of this voice writes it. One draw from ``rng`` decides a slip
    of the finger (below ``typos``) or else an emoji (in the top EMOJI_SHARE)."""
    said = voice.said.get(text)
    if said is None:
        said = _styled(text, voice)
        if len(voice.said) > 2048:  # a surge of texts with fake values: keep it small
            voice.said.clear()
        voice.said[text] = said
    if voice.typos or voice.emoji:
        u = rng.random()
        if u < voice.typos:
            return _slip(said, rng)
        if voice.emoji and u > 1.0 - EMOJI_SHARE and said and said[-1] < "\u2000":
            return f"{said} {voice.emoji}"
    return said


def _styled(text: str, voice: Voice) -> str:
    if voice.pattern is not None and voice.swaps is not None:
        swaps = voice.swaps

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            new = swaps[word.lower()]
            return new[:1].upper() + new[1:] if word[:1].isupper() else new

        text = voice.pattern.sub(swap, text)
    if voice.lower:
        text = text.lower()
    if voice.bare and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def _slip(text: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped somewhere in the text."""
    if len(text) < 8:
        return text
    i = int(rng.random() * (len(text) - 1))
    a, b = text[i], text[i + 1]
    if a.isalpha() and b.isalpha() and a != b:
        return text[:i] + b + a + text[i + 2 :]
    return text
