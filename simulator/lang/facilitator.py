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
        "Your name as observer and evaluator (recorded with your notes and ratings)",
        "Ditt navn som observatør og evaluator (lagres med notater og vurderinger)",
        "Namnet ditt som observatør og evaluator (blir lagra med notat og vurderingar)",
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
    # The evaluator's ratings of the objectives and the hot wash
    "fac.objectives": ("Objectives", "Øvingsmål", "Øvingsmål"),
    "fac.objectives.unrated": ("–", "–", "–"),
    "fac.objectives.none": (
        "This scenario has no objectives to rate.",
        "Dette scenarioet har ingen øvingsmål å vurdere.",
        "Dette scenarioet har ingen øvingsmål å vurdere.",
    ),
    "fac.rate.title": (
        "Rate an objective (evaluator: {name})",
        "Vurder et øvingsmål (evaluator: {name})",
        "Vurder eit øvingsmål (evaluator: {name})",
    ),
    "fac.rate.objective": (
        "Objective (Enter picks it)",
        "Øvingsmål (Enter velger)",
        "Øvingsmål (Enter vel)",
    ),
    "fac.rate.rating": (
        "Rating (P, S, M or U picks it)",
        "Vurdering (P, S, M eller U velger)",
        "Vurdering (P, S, M eller U vel)",
    ),
    "fac.rate.comment": (
        "Comment, if any (Enter saves)",
        "Kommentar om du vil (Enter lagrer)",
        "Kommentar om du vil (Enter lagrar)",
    ),
    "fac.rate.pick": (
        "Pick a rating first: P, S, M or U.",
        "Velg en vurdering først: P, S, M eller U.",
        "Vel ei vurdering først: P, S, M eller U.",
    ),
    "fac.hotwash.title": (
        "Hot wash: first impressions right after the exercise (evaluator: {name})",
        "Evalueringsmøte rett etter øvelsen: styrker og forbedringsområder (evaluator: {name})",
        "Evalueringsmøte rett etter øvinga: styrkar og forbetringsområde (evaluator: {name})",
    ),
    "fac.hotwash.strengths": (
        "Strengths, one per line",
        "Styrker, én per linje",
        "Styrkar, éin per linje",
    ),
    "fac.hotwash.improvements": (
        "Areas for improvement, one per line",
        "Forbedringsområder, ett per linje",
        "Forbetringsområde, eitt per linje",
    ),
    "fac.hotwash.keys": (
        "Tab moves between the fields · ctrl+s saves · Esc closes without saving",
        "Tab flytter mellom feltene · ctrl+s lagrer · Esc lukker uten å lagre",
        "Tab flyttar mellom felta · ctrl+s lagrar · Esc lukkar utan å lagre",
    ),
    "fac.hotwash.empty": (
        "Nothing to save: write a strength or an area for improvement.",
        "Ingenting å lagre: skriv en styrke eller et forbedringsområde.",
        "Ingenting å lagre: skriv ein styrke eller eit forbetringsområde.",
    ),
    "toast.rated": (
        "{objective}: {rating} saved.",
        "{objective}: {rating} lagret.",
        "{objective}: {rating} er lagra.",
    ),
    "toast.hotwash": (
        "Saved: {strengths} strengths, {improvements} areas for improvement.",
        "Lagret: {strengths} styrker, {improvements} forbedringsområder.",
        "Lagra: {strengths} styrkar, {improvements} forbetringsområde.",
    ),
}
