"""The words of ``crisis-sim preview``: the events list and its noise summary, as a table
and as Markdown. JSON and CSV take the English column: programs read those, and
``msel export`` and the tests round-trip them."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

PREVIEW: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "title.noise": ("Noise", "Støy", "Støy"),
    "col.number": ("#", "#", "#"),
    "col.time": ("time", "tid", "tid"),
    "col.channel": ("channel", "kanal", "kanal"),
    "col.kind": ("kind", "type", "type"),
    "col.from": ("from", "fra", "frå"),
    "col.text": ("text", "tekst", "tekst"),
    "col.truth": ("truth", "fasit", "fasit"),
    "col.expected": ("expected actions", "forventede handlinger", "forventa handlingar"),
    "col.stream": ("stream", "strøm", "straum"),
    "col.summary": ("summary", "sammendrag", "samandrag"),
    "kind.post": ("post", "innlegg", "innlegg"),
    "kind.question": ("question", "spørsmål", "spørsmål"),
    "kind.press": ("press", "pressehenvendelse", "pressehenvending"),
    "kind.news": ("news", "nyhetssak", "nyheitssak"),
    "kind.official": ("official", "offisiell", "offisiell"),
    "kind.internal": ("internal", "intern", "intern"),
    "kind.call": ("call", "telefon", "telefon"),
    "channel.social": ("social", "sosiale medier", "sosiale medium"),
    "channel.press": ("press", "presse", "presse"),
    "channel.news": ("news", "nyheter", "nyheiter"),
    "channel.internal": ("internal", "internt", "internt"),
    "truth.valid": ("valid", "korrekt", "korrekt"),
    "truth.misleading": ("misleading", "villedende", "villeiande"),
    "truth.irrelevant": ("irrelevant", "uvesentlig", "uvesentleg"),
    "mark.sensitive": ("sensitive", "sensitiv", "sensitiv"),
    "mark.abusive": ("abusive", "sjikanerende", "sjikanerande"),
    # An inject that waits for another: "after met press-1" is what JSON has always said.
    "after.delivered": ("after delivered {ref}", "når {ref} er levert", "når {ref} er levert"),
    "after.met": ("after met {ref}", "når {ref} er innfridd", "når {ref} er innfridd"),
    "after.missed": (
        "after missed {ref}",
        "når fristen for {ref} er ute",
        "når fristen for {ref} er ute",
    ),
    "after.unanswered": (
        "after unanswered {ref}",
        "når {ref} ringer ut ubesvart",
        "når {ref} ringjer ut utan svar",
    ),
    "never": ("never", "aldri", "aldri"),
    "do.reply": ("reply", "svar", "svar"),
    "do.statement": ("statement", "uttalelse", "utsegn"),
    "do.flag": ("flag", "merk", "merk"),
    "do.hide": ("hide", "skjul", "skjul"),
    "do.escalate": ("escalate", "eskaler", "eskaler"),
    "do.report": ("report", "rapporter", "rapporter"),
    "do.handover": (
        "write a handover to the next shift",
        "skriv overlevering til neste vakt",
        "skriv overlevering til neste vakt",
    ),
    "do.ask_removal": (
        "ask the author to remove",
        "be forfatteren fjerne",
        "be forfattaren fjerne",
    ),
    "do.take": ("take the call", "ta telefonen", "ta telefonen"),
    "do.any": ("any", "hva som helst", "kva som helst"),
    "do.monitor": (
        "leave alone (no public answer)",
        "la ligge (ikke svar offentlig)",
        "la liggje (ikkje svar offentleg)",
    ),
    "do.or": (" or ", " eller ", " eller "),
    "expect.label": ("{do} as {label}", "{do} som {label}", "{do} som {label}"),
    "expect.within": ("{do} within {time}", "{do} innen {time}", "{do} innan {time}"),
    "expect.by": ("{do} by {clock}", "{do} innen kl. {clock}", "{do} innan kl. {clock}"),
    "expect.mention": ("; mention {words}", "; nevn {words}", "; nemn {words}"),
    "expect.quote": ("“{text}”", "«{text}»", "«{text}»"),
    "expect.require": ("; must include {words}", "; må ha med {words}", "; må ha med {words}"),
    "expect.forbid": ("; never {words}", "; aldri {words}", "; aldri {words}"),
    "expect.objective": (" (objective: {objective})", " (mål: {objective})", " (mål: {objective})"),
    "expect.points": (" [{points} pts]", " [{points} poeng]", " [{points} poeng]"),
    "role.citizen": ("citizens", "innbyggere", "innbyggjarar"),
    "role.journalist": ("journalists", "journalister", "journalistar"),
    "role.media": ("media", "medier", "medium"),
    "role.influencer": ("influencers", "påvirkere", "påverkarar"),
    "role.activist": ("activists", "aktivister", "aktivistar"),
    "role.agency": ("agencies", "etater", "etatar"),
    "role.employee": ("employees", "ansatte", "tilsette"),
    "noise.authors": (
        "{count} generated {role}",
        "{count} genererte {role}",
        "{count} genererte {role}",
    ),
    "noise.line": (
        "{kind} on {channel} by {authors}; about {items} items, peak {peak}/min",
        "{kind} på {channel} fra {authors}; omtrent {items} saker, høyst {peak}/min",
        "{kind} på {channel} frå {authors}; om lag {items} saker, høgst {peak}/min",
    ),
}
