"""The pages a browser gets before a seat's console: the code, a refusal, a lost link."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

WEB: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "web.code.title": ("Join the exercise", "Koble til øvelsen", "Kople til øvinga"),
    "web.code.ask": (
        "Type the code you were given for your seat.",
        "Skriv inn koden du har fått for plassen din.",
        "Skriv inn koden du har fått for plassen din.",
    ),
    "web.code.label": ("Code", "Kode", "Kode"),
    "web.code.go": ("Open", "Åpne", "Opne"),
    "web.code.wrong": (
        "That code opens no seat here. Check it with the control cell.",
        "Den koden åpner ingen plass her. Sjekk den med øvingsstyringen.",
        "Den koden opnar ingen plass her. Sjekk han med øvingsstyringa.",
    ),
    "web.code.control": (
        "This link is the control cell's: a seat's code opens the seat's own link.",
        "Denne lenken er øvingsstyringens: en plass' kode åpner plassens egen lenke.",
        "Denne lenkja er øvingsstyringa sin: koden til ein plass opnar lenkja til plassen.",
    ),
    "web.busy.title": ("Too many tabs", "For mange faner", "For mange faner"),
    "web.busy.seat": (
        "This seat is open in {count} tabs already. Close one of them and try again.",
        "Denne plassen er allerede åpen i {count} faner. Lukk en av dem og prøv igjen.",
        "Denne plassen er alt open i {count} faner. Lukk ei av dei og prøv igjen.",
    ),
    "web.busy.all": (
        "The exercise has {count} tabs open, as many as it takes. Close one and try again.",
        "Øvelsen har {count} faner åpne, så mange den tar. Lukk en og prøv igjen.",
        "Øvinga har {count} faner opne, så mange ho tek. Lukk ei og prøv igjen.",
    ),
    "web.again": ("Try again", "Prøv igjen", "Prøv igjen"),
    "web.starting": ("Opening your seat…", "Åpner plassen din …", "Opnar plassen din …"),
    "web.closed": (
        "Your seat's window has closed. Nothing you did is lost.",
        "Vinduet til plassen din er lukket. Ingenting du har gjort er tapt.",
        "Vindauget til plassen din er lukka. Ingenting du har gjort er tapt.",
    ),
    "web.reopen": ("Open it again", "Åpne den igjen", "Opne han igjen"),
    "web.lost": (
        "The link to the exercise is broken. Trying again…",
        "Forbindelsen til øvelsen er brutt. Prøver igjen …",
        "Sambandet til øvinga er brote. Prøver igjen …",
    ),
    "web.role.wall": ("Wall display", "Veggskjerm", "Veggskjerm"),
    "web.role.control": ("Control cell", "Øvingsstyring", "Øvingsstyring"),
    "web.role.seat": ("Seat", "Plass", "Plass"),
}
