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
    "bind.triage_open": ("To answer", "Å svare på", "Å svare på"),
    "bind.triage_overdue": ("Overdue", "På overtid", "På overtid"),
    "bind.triage_aids": ("Trends", "Trender", "Trendar"),
}
