"""The public's reactions to what the team publishes: what a text did, and what it draws.

A published reply or statement is judged by plain rules (:class:`Signal`): did it answer
what was asked, give concrete facts, say nothing, answer a rumour, break a rule. Each
signal the text shows adds its weights to a mix of tones, and the reactions' tones are
drawn from that mix; how many react follows from the post's reach
(:func:`~simulator.engine.reach.reaction_count`). Everything is drawn from the caller's
random source, one per post, so reactions shift nothing else in the exercise.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from simulator.engine.events import Reaction, Tone
from simulator.engine.reach import reaction_count
from simulator.scenario.model import Scenario
from simulator.scenario.phrases import content_of, find_phrase
from simulator.scenario.reactions import (
    DEFAULT_CONCRETE,
    DEFAULT_TEXTS,
    DEFAULT_VAGUE,
    DEFAULT_WEIGHTS,
    FIRST_AFTER,
    KIND_WEIGHTS,
    Signal,
)

# A clock time: 14:30, 14.30, kl. 14 / kl 9 (Norwegian), 2pm / 2 pm (English).
_TIME = re.compile(
    r"(?<![\d.:])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.:]\d)"
    r"|\bkl\.?\s*\d{1,2}\b"
    r"|\b\d{1,2}\s?(?:am|pm)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
# A link or an address to write to: a web address, a domain, an e-mail address.
_LINK = re.compile(r"https?://|www\.|\w\.(?:no|com|org|net|uk|gov|eu)\b|\w@\w", re.IGNORECASE)
#: How many kinds of concrete fact (time, number, link, place, phrase) make a text concrete.
CONCRETE_AT = 2


@dataclass(frozen=True, slots=True)
class Rules:
    """The reaction rules of one scenario, its section filled in with the defaults."""

    volume: float
    within: int
    vague: tuple[str, ...]
    concrete: tuple[str, ...]
    places: tuple[str, ...]
    weights: Mapping[Signal, Mapping[Tone, float]]
    texts: Mapping[Tone, Sequence[str]]


def rules_of(scenario: Scenario) -> Rules:
    """The scenario's reaction rules: its ``reactions`` section over its language's
    defaults. A rule's weights or a tone's texts, when given, replace the default ones."""
    section = scenario.reactions
    language = scenario.language
    texts = {**DEFAULT_TEXTS[language], **{t: tuple(v) for t, v in section.texts.items()}}
    return Rules(
        volume=section.volume,
        within=section.within,
        vague=(*DEFAULT_VAGUE[language], *section.vague),
        concrete=(*DEFAULT_CONCRETE[language], *section.concrete),
        # Every variable's value is a fact of the scenario: a place, a hotline, a website,
        # a count (the later values of one that changes too).
        places=tuple(v for v in scenario.variable_values if v.strip()),
        weights={**DEFAULT_WEIGHTS, **section.weights},
        texts=texts,
    )


@dataclass(frozen=True, slots=True)
class Published:
    """What the engine knows of a text the team published, for the rules to judge."""

    text: str
    #: It replies to an item that asked something (a question, a press inquiry, an inject
    #: that expects a reply).
    asked: bool = False
    #: What the items it answers require an answer to hold (each entry: alternatives).
    require: tuple[tuple[str, ...], ...] = ()
    #: It answers a misleading item.
    corrects: bool = False
    #: It broke a guideline or an expectation's ``forbid``.
    breach: bool = False


def concrete_facts(text: str, rules: Rules) -> int:
    """How many kinds of concrete fact a text gives: a clock time, another number, a link
    or e-mail address, one of the scenario's places or values, a concrete phrase."""
    without_times = _TIME.sub(" ", text)
    found = (
        _TIME.search(text) is not None,
        _NUMBER.search(without_times) is not None,
        _LINK.search(text) is not None,
        any(find_phrase(place, text) is not None for place in rules.places),
        any(find_phrase(phrase, text) is not None for phrase in rules.concrete),
    )
    return sum(found)


def is_vague(text: str, rules: Rules) -> bool:
    """Whether a text says that nothing is known, or that nothing will be said."""
    return any(find_phrase(phrase, text) is not None for phrase in rules.vague)


def signals_of(post: Published, rules: Rules) -> tuple[Signal, ...]:
    """The signals a published text shows, :attr:`Signal.BASE` first."""
    vague = is_vague(post.text, rules)
    concrete = concrete_facts(post.text, rules) >= CONCRETE_AT
    found = [Signal.BASE]
    if post.asked:
        answers = (concrete or not vague) and not content_of(post.text, post.require).missing
        found.append(Signal.ANSWERED if answers else Signal.DODGED)
    if concrete:
        found.append(Signal.CONCRETE)
    if vague:
        found.append(Signal.VAGUE)
    if post.corrects:
        found.append(Signal.CORRECTS)
    if post.breach:
        found.append(Signal.BREACH)
    return tuple(found)


def tone_mix(signals: Iterable[Signal], rules: Rules) -> dict[Tone, float]:
    """The weights of the tones for a text with these signals: the sum of theirs. A mix
    that adds up to nothing falls back on the default of the base."""
    mix = dict.fromkeys(Tone, 0.0)
    for signal in signals:
        for tone, weight in rules.weights.get(signal, {}).items():
            mix[tone] += weight
    if sum(mix.values()) <= 0:
        mix = {tone: float(DEFAULT_WEIGHTS[Signal.BASE][tone]) for tone in Tone}
    return mix


@dataclass(frozen=True, slots=True)
class Planned:
    """One reaction, drawn: when after the post, how it answers, its tone, who (an index
    into the pool of people who react) and its text's template (None for a share)."""

    delay: float
    reaction: Reaction
    tone: Tone
    who: int
    template: str | None


def plan(
    mix: Mapping[Tone, float], peak: int, rules: Rules, people: int, rng: random.Random
) -> list[Planned]:
    """The reactions to a post with this tone mix and peak, earliest first."""
    count = reaction_count(peak, rules.volume)
    tones = [tone for tone in Tone if mix.get(tone, 0) > 0]
    weights = [mix[tone] for tone in tones]
    lead = min(FIRST_AFTER, rules.within / 2)
    found = []
    for _ in range(count):
        tone = rng.choices(tones, weights)[0]
        kinds = KIND_WEIGHTS[tone]
        reaction = rng.choices(list(kinds), list(kinds.values()))[0]
        texts = rules.texts[tone]
        template = None if reaction == Reaction.SHARE else texts[rng.randrange(len(texts))]
        # Most answer early, while the post is new; a few come late.
        delay = lead + (rules.within - lead) * rng.random() ** 2
        found.append(Planned(delay, reaction, tone, rng.randrange(people), template))
    found.sort(key=lambda p: p.delay)
    return found
