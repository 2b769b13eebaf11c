"""The control cell's console: every team's state, the codes, and steering the exercise."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CONTROL: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "control.title": ("Control cell", "Øvingsstyring", "Øvingsstyring"),
    "control.observer": (
        "Observer, team {team}",
        "Observatør, lag {team}",
        "Observatør, lag {team}",
    ),
    "control.team": ("Team", "Lag", "Lag"),
    "control.start": (
        "The exercise is paused: press space to start the clock once the seats have joined.",
        "Øvelsen står på pause: trykk mellomrom for å starte klokka når plassene er koblet på.",
        "Øvinga står på pause: trykk mellomrom for å starte klokka når plassane er kopla på.",
    ),
    "control.met": ("met", "innfridd", "innfridd"),
    "control.late": ("late", "for sent", "for seint"),
    "control.missed": ("missed", "ikke innfridd", "ikkje innfridd"),
    "control.open": ("to answer", "å svare på", "å svare på"),
    "control.overdue": ("overdue", "på overtid", "på overtid"),
    "control.last": ("last action", "siste handling", "siste handling"),
    "control.none": ("–", "–", "–"),
    "control.shown": (
        "The events list, notes and ratings below are team {team}'s.",
        "Hendelseslisten, notatene og vurderingene under gjelder lag {team}.",
        "Hendingslista, notata og vurderingane under gjeld lag {team}.",
    ),
    "control.adhoc.all": (
        "Ad-hoc item sent to every team",
        "Ad hoc-innspill sendt til alle lag",
        "Ad hoc-innspel sendt til alle lag",
    ),
    "control.adhoc.team": (
        "Ad-hoc item sent to team {team}",
        "Ad hoc-innspill sendt til lag {team}",
        "Ad hoc-innspel sendt til lag {team}",
    ),
    "control.codes.title": ("Join codes", "Koder for å koble seg på", "Kodar for å kople seg på"),
    "control.codes.how": (
        "Each person runs: {name} join CODE --session-dir {folder}",
        "Hver deltaker kjører: {name} join KODE --session-dir {folder}",
        "Kvar deltakar køyrer: {name} join KODE --session-dir {folder}",
    ),
    "control.quit": (
        "End the host? The teams' seats wait until it is started again with "
        "'host --resume'; everything so far is saved.",
        "Avslutte verten? Lagenes plasser venter til den startes igjen med "
        "«host --resume»; alt så langt er lagret.",
        "Avslutte verten? Plassane til laga ventar til han vert starta att med "
        "«host --resume»; alt så langt er lagra.",
    ),
    "bind.team": ("Next team", "Neste lag", "Neste lag"),
    "bind.adhoc_all": ("Ad-hoc to all", "Ad hoc til alle", "Ad hoc til alle"),
    "bind.codes": ("Codes", "Koder", "Kodar"),
    "bind.links": ("Links", "Lenker", "Lenkjer"),
    "control.links.title": ("Links to the seats", "Lenker til plassene", "Lenkjer til plassane"),
    "control.links.how": (
        "Give each person the link to their seat, or let them scan its code with a phone "
        "camera. ↑ ↓ choose the seat.",
        "Gi hver deltaker lenken til plassen sin, eller la dem skanne koden med "
        "mobilkameraet. ↑ ↓ velger plassen.",
        "Gje kvar deltakar lenkja til plassen sin, eller la dei skanne koden med "
        "mobilkameraet. ↑ ↓ vel plassen.",
    ),
    "control.links.facilitator": (
        "The facilitator's link: it steers the exercise. Keep it away from the trainees.",
        "Fasilitatorens lenke: den styrer øvelsen. Hold den unna deltakerne.",
        "Lenkja til fasilitatoren: ho styrer øvinga. Hald ho unna deltakarane.",
    ),
    "role.name.leader": ("leader", "leder", "leiar"),
    "role.name.press": ("press", "presse", "presse"),
    "role.name.social": ("social media", "sosiale medier", "sosiale medium"),
    "role.name.observer": ("observer", "observatør", "observatør"),
    "role.name.wall": ("wall display", "veggskjerm", "veggskjerm"),
    "role.name.facilitator": ("control cell", "øvingsstyring", "øvingsstyring"),
}
