"""The console's words for phone calls: the ringing, the key that takes a call, the call
screen, and how a call shows in the press list."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CALLS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "bind.take_call": ("Take the call", "Ta telefonen", "Ta telefonen"),
    "done.take": ("took the call", "tok telefonen", "tok telefonen"),
    # The ringing, over the lists of the console whose phone rings.
    "call.banner": ("{caller} is calling", "{caller} ringer", "{caller} ringjer"),
    "call.banner.left": ("rings out in {left}", "ringer ut om {left}", "ringjer ut om {left}"),
    "call.banner.take": ("{key}: take the call", "{key}: ta telefonen", "{key}: ta telefonen"),
    "call.none": ("No phone is ringing.", "Ingen telefon ringer.", "Ingen telefon ringjer."),
    # How a call shows in the press list and the detail pane.
    "call.mark.ringing": ("ringing", "ringer", "ringjer"),
    "call.mark.taken": ("{name} on the phone", "{name} i samtale", "{name} i samtale"),
    "call.mark.taken.someone": ("on the phone", "i samtale", "i samtale"),
    "call.mark.ended": ("answered by {name}", "besvart av {name}", "svara av {name}"),
    "call.mark.ended.someone": ("answered", "besvart", "svara"),
    "call.mark.missed": ("Missed call", "Ubesvart anrop", "Ubesvart anrop"),
    # The call screen, while someone at this console is on the phone.
    "call.title": (
        "On the phone with {caller}",
        "I telefonen med {caller}",
        "I telefonen med {caller}",
    ),
    "call.left": (
        "{left} left of the call (until {until})",
        "{left} igjen av samtalen (til kl. {until})",
        "{left} att av samtalen (til kl. {until})",
    ),
    "call.questions": ("What {caller} asks", "Det {caller} spør om", "Det {caller} spør om"),
    "call.listening": (
        "Listening: the questions come as the call goes.",
        "Lytter: spørsmålene kommer etter hvert i samtalen.",
        "Lyttar: spørsmåla kjem etter kvart i samtalen.",
    ),
    "call.notes": ("Your notes", "Notatene dine", "Notata dine"),
    "call.notes.none": ("None yet.", "Ingen ennå.", "Ingen enno."),
    "call.note.placeholder": (
        "Write a note; Enter saves it",
        "Skriv et notat; Enter lagrer det",
        "Skriv eit notat; Enter lagrar det",
    ),
    "call.stay": (
        "You are on the phone until {until}; the call ends by itself.",
        "Du er i telefonen til kl. {until}; samtalen slutter av seg selv.",
        "Du er i telefonen til kl. {until}; samtalen sluttar av seg sjølv.",
    ),
    "toast.call_taken": ("You took the call.", "Du tok telefonen.", "Du tok telefonen."),
    "toast.call_over": (
        "The call with {caller} is over.",
        "Samtalen med {caller} er slutt.",
        "Samtalen med {caller} er slutt.",
    ),
    "toast.call_taken_by": (
        "{name} took the call from {caller}.",
        "{name} tok telefonen fra {caller}.",
        "{name} tok telefonen frå {caller}.",
    ),
}
