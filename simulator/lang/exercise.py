"""What a team exercise's host says to a seat it refuses, and why.

The host sends a key of this table and its values; the seat puts them into words in its
own language, so one host serves seats reading English, bokmål and nynorsk.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

EXERCISE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "code.wrong": (
        "this code does not open a seat in this exercise; check it with the facilitator",
        "denne koden gir ingen plass i øvelsen; sjekk den med fasilitatoren",
        "denne koden gir ingen plass i øvinga; sjekk han med fasilitatoren",
    ),
    "line.malformed": (
        "a message was not one JSON object on one line",
        "en melding var ikke ett JSON-objekt på én linje",
        "ei melding var ikkje eitt JSON-objekt på éi linje",
    ),
    "line.too_long": (
        "a message was longer than {limit} bytes",
        "en melding var lengre enn {limit} byte",
        "ei melding var lengre enn {limit} byte",
    ),
    "message.kind": (
        "a message of an unknown kind: '{kind}'",
        "en melding av ukjent slag: «{kind}»",
        "ei melding av ukjent slag: «{kind}»",
    ),
    "message.field": (
        "a '{kind}' message lacks the field '{field}', or it has the wrong type",
        "en «{kind}»-melding mangler feltet «{field}», eller det har feil type",
        "ei «{kind}»-melding manglar feltet «{field}», eller det har feil type",
    ),
    "hello.first": (
        "the first message must be a hello with the seat's code",
        "den første meldingen må være en hilsen med plassens kode",
        "den første meldinga må vere ei helsing med plassen sin kode",
    ),
    "hello.again": (
        "this seat has said hello already",
        "denne plassen har hilst allerede",
        "denne plassen har alt helsa",
    ),
    "role.may_not": (
        "a {role} seat may not do '{kind}'",
        "en plass som {role} kan ikke gjøre «{kind}»",
        "ein plass som {role} kan ikkje gjere «{kind}»",
    ),
    "wall.read_only": (
        "a wall display only shows the exercise: it takes no action",
        "en veggskjerm viser bare øvelsen: den gjør ingen handlinger",
        "ein veggskjerm viser berre øvinga: han gjer ingen handlingar",
    ),
    "request.speed": (
        "the speed must be a number from {low} to {high}",
        "farten må være et tall fra {low} til {high}",
        "farten må vere eit tal frå {low} til {high}",
    ),
    "request.jump": (
        "a jump needs the scenario time to jump to, in seconds",
        "et hopp trenger scenariotiden det skal hoppe til, i sekunder",
        "eit hopp treng scenariotida det skal hoppe til, i sekund",
    ),
    "approval.needed": (
        "in this exercise the leader approves the team's texts: your {kind} goes to the "
        "leader as a draft",
        "i denne øvelsen godkjenner lederen lagets tekster: {kind} går til lederen som utkast",
        "i denne øvinga godkjenner leiaren teksta til laget: {kind} går til leiaren som utkast",
    ),
    "request.team": (
        "say which team this is for: there is no team '{team}'",
        "si hvilket lag dette gjelder: det finnes ikke noe lag «{team}»",
        "sei kva lag dette gjeld: det finst ikkje noko lag «{team}»",
    ),
    "folder.private": (
        "{folder} is not a folder of this user only; remove it or choose another --session-dir",
        "{folder} er ikke en mappe som bare denne brukeren eier; fjern den eller velg en "
        "annen --session-dir",
        "{folder} er ikkje ei mappe som berre denne brukaren eig; fjern henne eller vel ei "
        "anna --session-dir",
    ),
    "seat.too_slow": (
        "this seat read too slowly and was let go; it joins again by itself",
        "denne plassen leste for sakte og ble koblet fra; den kobler seg på igjen selv",
        "denne plassen las for sakte og vart kopla frå; han koplar seg på att sjølv",
    ),
    "host.closing": (
        "the host is closing",
        "verten avslutter",
        "verten avsluttar",
    ),
}
