"""The public's reactions to the team's posts: the rules' vocabulary and their defaults.

A scenario's ``reactions`` section tunes these; whatever it leaves out comes from here, in
the scenario's language. The engine judges each published text by the signals below
(:mod:`simulator.engine.reactions`) and draws the tones of its reactions from the mix the
signals add up to.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from simulator.engine.events import Reaction, Tone


class Signal(StrEnum):
    """What a published text did, as the reaction rules judge it."""

    BASE = "base"  # every text: the mix before anything else counts
    ANSWERED = "answered"  # a reply that answers what the item asked
    DODGED = "dodged"  # a reply to a question that does not answer it
    CONCRETE = "concrete"  # times, places, numbers, where to get help
    VAGUE = "vague"  # says that nothing is known, or nothing at all
    CORRECTS = "corrects"  # answers a misleading item
    BREACH = "breach"  # breaks a guideline or an expectation's forbid


Weights = MappingProxyType[Tone, float]


def _mix(supportive: float, asking: float, sceptical: float, angry: float) -> Weights:
    return MappingProxyType(
        {
            Tone.SUPPORTIVE: supportive,
            Tone.ASKING: asking,
            Tone.SCEPTICAL: sceptical,
            Tone.ANGRY: angry,
        }
    )


#: Each signal's weights on the tones; a text's mix is the sum over the signals it shows.
DEFAULT_WEIGHTS: Final[MappingProxyType[Signal, Weights]] = MappingProxyType(
    {
        Signal.BASE: _mix(1, 2, 1, 0.5),
        Signal.ANSWERED: _mix(3, 0.5, 0, 0),
        Signal.DODGED: _mix(0, 1, 2, 2),
        Signal.CONCRETE: _mix(3, 0.5, 0, 0),
        Signal.VAGUE: _mix(0, 0, 3, 3),
        Signal.CORRECTS: _mix(2, 0, 1, 0),
        Signal.BREACH: _mix(0, 0, 2, 4),
    }
)

#: How each tone answers: a supportive reader passes the word on, an angry one quotes it.
KIND_WEIGHTS: Final[Mapping[Tone, Mapping[Reaction, float]]] = MappingProxyType(
    {
        Tone.SUPPORTIVE: {Reaction.REPLY: 4, Reaction.QUOTE: 1, Reaction.SHARE: 4},
        Tone.ASKING: {Reaction.REPLY: 8, Reaction.QUOTE: 1, Reaction.SHARE: 1},
        Tone.SCEPTICAL: {Reaction.REPLY: 6, Reaction.QUOTE: 3},
        Tone.ANGRY: {Reaction.REPLY: 5, Reaction.QUOTE: 4},
    }
)

#: The organisation account's followers when the scenario does not say: a municipality's
#: or an agency's page in a region of some tens of thousands.
DEFAULT_ORG_FOLLOWERS: Final = 6_000
#: Reactions are spread over this window after the post (seconds), most of them early.
DEFAULT_WITHIN: Final = 20 * 60
#: The first reaction comes no sooner than this after the post (seconds).
FIRST_AFTER: Final = 20.0
#: How many generated people react, drawn from one pool for the whole exercise.
REACTORS: Final = 150


#: Phrases that say nothing: the team knows nothing, or will not say. By language.
DEFAULT_VAGUE: Final[MappingProxyType[str, tuple[str, ...]]] = MappingProxyType(
    {
        "nb": (
            "vi vet ingenting",
            "vi vet ikke",
            "vet ikke",
            "ingen kommentar",
            "vi har ikke oversikt",
            "har ingen informasjon",
            "kan ikke si noe",
            "kan ikke kommentere",
            "ønsker ikke å kommentere",
            "vi kommer tilbake",
            "følger situasjonen",
            "avventer",
            "uklart",
        ),
        "nn": (
            "vi veit ingenting",
            "vi veit ikkje",
            "veit ikkje",
            "ingen kommentar",
            "vi har ikkje oversikt",
            "har ingen informasjon",
            "kan ikkje seie noko",
            "kan ikkje kommentere",
            "ønskjer ikkje å kommentere",
            "vi kjem tilbake",
            "følgjer situasjonen",
            "ventar",
            "uklart",
        ),
        "en": (
            "we know nothing",
            "we don't know",
            "we do not know",
            "no comment",
            "no information",
            "cannot comment",
            "can't comment",
            "unable to comment",
            "not able to say",
            "we will get back",
            "monitoring the situation",
            "unclear",
        ),
    }
)

#: Phrases that point people to help or to a place: they count as concrete facts, as times,
#: numbers, contact details, links and the scenario's variables do. By language.
DEFAULT_CONCRETE: Final[MappingProxyType[str, tuple[str, ...]]] = MappingProxyType(
    {
        "nb": (
            "ring",
            "telefon*",
            "evakuerings*",
            "evakuert*",
            "legevakt*",
            "skole*",
            "samfunnshus*",
            "mottak*",
            "senter",
            "nettside*",
            "veg*",
            "vei*",
            "stengt",
        ),
        "nn": (
            "ring",
            "telefon*",
            "evakuerings*",
            "evakuert*",
            "legevakt*",
            "skule*",
            "samfunnshus*",
            "mottak*",
            "senter",
            "nettstad*",
            "veg*",
            "stengd",
        ),
        "en": (
            "call",
            "phone",
            "helpline",
            "evacuat*",
            "shelter",
            "rest centre",
            "school",
            "hall",
            "centre",
            "website",
            "road*",
            "closed",
        ),
    }
)

#: Reaction texts by tone, by language: templates like the scenario's (``{author}``,
#: ``{clock}``, the scenario's variables).
DEFAULT_TEXTS: Final[MappingProxyType[str, MappingProxyType[Tone, tuple[str, ...]]]] = (
    MappingProxyType(
        {
            "nb": MappingProxyType(
                {
                    Tone.SUPPORTIVE: (
                        "Takk for oppdatering!",
                        "Bra at dere informerer, deler videre.",
                        "Takk, dette var nyttig.",
                        "Endelig konkret info. Takk!",
                        "Godt å vite hvor man skal henvende seg.",
                    ),
                    Tone.ASKING: (
                        "Gjelder dette også oss som bor lenger unna?",
                        "Når kommer neste oppdatering?",
                        "Hvor kan man få mer informasjon?",
                        "Hva med skolene i morgen?",
                        "Er det trygt å kjøre nå?",
                    ),
                    Tone.SCEPTICAL: (
                        "Stemmer dette egentlig?",
                        "Det er ikke det jeg har hørt.",
                        "Dere sa noe annet i stad.",
                        "Dette svarer jo ikke på spørsmålet.",
                        "Hvorfor tok det så lang tid å si noe?",
                    ),
                    Tone.ANGRY: (
                        "Dette holder ikke. Folk er redde!",
                        "Hvorfor vet dere ingenting?",
                        "Skammelig informasjon fra kommunen.",
                        "Vi fortjener ærlige svar, ikke dette.",
                        "Hva driver dere egentlig med?",
                    ),
                }
            ),
            "nn": MappingProxyType(
                {
                    Tone.SUPPORTIVE: (
                        "Takk for oppdatering!",
                        "Bra at de informerer, deler vidare.",
                        "Takk, dette var nyttig.",
                        "Endeleg konkret info. Takk!",
                        "Godt å vite kvar ein skal vende seg.",
                    ),
                    Tone.ASKING: (
                        "Gjeld dette òg oss som bur lenger unna?",
                        "Når kjem neste oppdatering?",
                        "Kvar kan ein få meir informasjon?",
                        "Kva med skulane i morgon?",
                        "Er det trygt å køyre no?",
                    ),
                    Tone.SCEPTICAL: (
                        "Stemmer dette eigentleg?",
                        "Det er ikkje det eg har høyrt.",
                        "De sa noko anna i stad.",
                        "Dette svarar jo ikkje på spørsmålet.",
                        "Kvifor tok det så lang tid å seie noko?",
                    ),
                    Tone.ANGRY: (
                        "Dette held ikkje. Folk er redde!",
                        "Kvifor veit de ingenting?",
                        "Skammeleg informasjon frå kommunen.",
                        "Vi fortener ærlege svar, ikkje dette.",
                        "Kva driv de eigentleg med?",
                    ),
                }
            ),
            "en": MappingProxyType(
                {
                    Tone.SUPPORTIVE: (
                        "Thanks for the update!",
                        "Good to hear from you, sharing this.",
                        "Thank you, this is useful.",
                        "Finally some clear information. Thanks!",
                        "Good to know where to go for help.",
                    ),
                    Tone.ASKING: (
                        "Does this apply to those of us further away?",
                        "When is the next update?",
                        "Where can we find out more?",
                        "What about the schools tomorrow?",
                        "Is it safe to drive now?",
                    ),
                    Tone.SCEPTICAL: (
                        "Is that really true?",
                        "That's not what I've heard.",
                        "You said something different earlier.",
                        "That doesn't answer the question.",
                        "Why did it take so long to say anything?",
                    ),
                    Tone.ANGRY: (
                        "Not good enough. People are scared!",
                        "How can you not know anything?",
                        "Shameful communication from the council.",
                        "We deserve honest answers, not this.",
                        "What are you actually doing?",
                    ),
                }
            ),
        }
    )
)
