"""The facilitator's words: the events list's outlook and expectations, observer notes, and
the ad-hoc press question's deadline. Merged into the console's table."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

FACILITATOR: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk)
    "fac.state.wont": ("will not come", "kommer ikke", "kjem ikkje"),
    "fac.msel.expect": ("expected", "forventet", "forventa"),
    "fac.observer.name": (
        "Your name as observer (recorded with your notes)",
        "Ditt navn som observatør (lagres med notatene)",
        "Namnet ditt som observatør (blir lagra med notata)",
    ),
    "fac.note.title": ("Observer note", "Observatørnotat", "Observatørnotat"),
    "fac.note.about": ("About", "Gjelder", "Gjeld"),
    "fac.note.none": (
        "no item (the moment)",
        "ingen sak (øyeblikket)",
        "inga sak (augneblinken)",
    ),
    "fac.note.text": ("Note (Enter saves)", "Notat (Enter lagrer)", "Notat (Enter lagrar)"),
    "fac.note.by": ("Observer: {name}", "Observatør: {name}", "Observatør: {name}"),
    "fac.adhoc.deadline": (
        "Answer within (press question), e.g. 20m",
        "Svarfrist (pressespørsmål), f.eks. 20m",
        "Svarfrist (pressespørsmål), t.d. 20m",
    ),
    "fac.adhoc.bad_deadline": (
        "The deadline is not a duration: write e.g. 20m or 1h30m",
        "Fristen er ikke en varighet: skriv f.eks. 20m eller 1h30m",
        "Fristen er ikkje ei tidslengd: skriv t.d. 20m eller 1h30m",
    ),
}
