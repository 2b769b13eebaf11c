"""The console's words for triage: what is still to answer, what is overdue, the filters.

Kept apart from :mod:`simulator.lang.console` and merged with it in the console's catalogue;
every key starts with ``triage.`` (or is a binding's ``bind.triage_*``) so none collides.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

TRIAGE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk)
    "triage.open": ("to answer", "å svare på", "å svare på"),
    "triage.overdue": ("overdue", "på overtid", "på overtid"),
    "triage.filter.open": (
        "only questions to answer",
        "bare spørsmål å svare på",
        "berre spørsmål å svare på",
    ),
    "triage.filter.overdue": (
        "only questions past their deadline",
        "bare spørsmål på overtid",
        "berre spørsmål på overtid",
    ),
    "triage.left": ("left, deadline {at}", "igjen, frist kl. {at}", "att, frist kl. {at}"),
    "triage.late": ("past the deadline {at}", "over fristen kl. {at}", "over fristen kl. {at}"),
    "triage.trending": ("Trends", "Trender", "Trendar"),
    # Shown under the keys in the help screen: what the countdowns' colours mean.
    "triage.help": (
        "⏱ 12:00  time left to answer a question put to you: amber from 5 minutes\n"
        "before the deadline, red once it has passed",
        "⏱ 12:00  tid igjen til å svare på et spørsmål til dere: gul fra 5 minutter\n"
        "før fristen, rød når den er passert",
        "⏱ 12:00  tid att til å svare på eit spørsmål til dykk: gul frå 5 minutt\n"
        "før fristen, raud når han er passert",
    ),
    "bind.triage_open": ("To answer", "Å svare på", "Å svare på"),
    "bind.triage_overdue": ("Overdue", "På overtid", "På overtid"),
    "bind.triage_aids": ("Trends", "Trender", "Trendar"),
}
