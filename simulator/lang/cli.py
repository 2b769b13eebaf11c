"""The command line's own messages: what it says after the console, on writing a file, on
an interrupted session, and when it stops.

The language is the scenario's when a command has one (or the one ``--lang`` asks for),
else the system's. A line stays recognisable whatever the language: it starts with
``crisis-sim: error:`` or ``note:`` as before, and only the sentence after is translated.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CLI: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "after.saved": (
        "Session saved: {path}",
        "Økta er lagret:  {path}",
        "Økta er lagra: {path}",
    ),
    "after.score": (
        "Score it:      {name} score {path}",
        "Evaluer økta:    {name} score {path}",
        "Evaluer økta:  {name} score {path}",
    ),
    "after.report": (
        "Report:        {name} score {path} --format html -o rapport.html",
        "Rapport:         {name} score {path} --format html -o rapport.html",
        "Rapport:       {name} score {path} --format html -o rapport.html",
    ),
    "after.resume": (
        "Reopen it:     {name} resume {path}",
        "Åpne økta igjen: {name} resume {path}",
        "Opne økta att: {name} resume {path}",
    ),
    "after.not_started": (
        "The exercise was not started; nothing was recorded.",
        "Øvelsen ble ikke startet; ingenting ble lagret.",
        "Øvinga vart ikkje starta; ingenting vart lagra.",
    ),
    "wrote": ("Wrote {path}", "Skrev {path}", "Skreiv {path}"),
    "wrote.starter": (
        "Wrote {path}. Next: crisis-sim validate {path}",
        "Skrev {path}. Neste steg: crisis-sim validate {path}",
        "Skreiv {path}. Neste steg: crisis-sim validate {path}",
    ),
    "wrote.injects": (
        "Wrote {count} injects to {path}",
        "Skrev {count} innspill til {path}",
        "Skreiv {count} innspel til {path}",
    ),
    "wrote.imported": (
        "Wrote {path} with {count} injects from {source}",
        "Skrev {path} med {count} innspill fra {source}",
        "Skreiv {path} med {count} innspel frå {source}",
    ),
    "nothing.rows": (
        "Nothing written: fix the rows above in {source}.",
        "Ingenting er skrevet: rett radene over i {source}.",
        "Ingenting er skrive: rett radene over i {source}.",
    ),
    "nothing.actions": (
        "Nothing written: fix the actions file and run again.",
        "Ingenting er skrevet: rett handlingsfila og kjør igjen.",
        "Ingenting er skrive: rett handlingsfila og køyr på nytt.",
    ),
    "fix.scenario": (
        "Fix the problems above, then run: crisis-sim validate {scenario}",
        "Rett problemene over, og kjør så: crisis-sim validate {scenario}",
        "Rett problema over, og køyr så: crisis-sim validate {scenario}",
    ),
    "note.scored": (
        "note: {path} was interrupted; it is scored up to its last event",
        "note: {path} ble avbrutt; den er vurdert fram til siste hendelse",
        "note: {path} vart avbroten; ho er vurdert fram til siste hending",
    ),
    "note.exported": (
        "note: {path} was interrupted (it has no end event); exporting what it holds",
        "note: {path} ble avbrutt (den har ingen slutthendelse); eksporterer det den inneholder",
        "note: {path} vart avbroten (ho har inga slutthending); eksporterer det ho inneheld",
    ),
    "ended": (
        "crisis-sim: {path}: this exercise has ended; see the debrief with "
        "'crisis-sim score {path}'",
        "crisis-sim: {path}: denne øvelsen er avsluttet; se evalueringen med "
        "'crisis-sim score {path}'",
        "crisis-sim: {path}: denne øvinga er avslutta; sjå evalueringa med "
        "'crisis-sim score {path}'",
    ),
    "terminal": (
        "the console needs an interactive terminal; to check a scenario without one, run "
        "'crisis-sim validate'",
        "konsollen trenger en interaktiv terminal; for å sjekke et scenario uten, kjør "
        "'crisis-sim validate'",
        "konsollen treng ein interaktiv terminal; for å sjekke eit scenario utan, køyr "
        "'crisis-sim validate'",
    ),
    "try": (
        "Try one: crisis-sim preview jordras",
        "Prøv ett: crisis-sim preview jordras",
        "Prøv eitt: crisis-sim preview jordras",
    ),
    "interrupted": ("crisis-sim: interrupted", "crisis-sim: avbrutt", "crisis-sim: avbrote"),
    "internal.console": (
        "crisis-sim: internal error: the console stopped on the error above. This is a bug "
        "in crisis-sim; everything recorded before it is saved. Please report it.",
        "crisis-sim: internal error: konsollen stoppet på feilen over. Dette er en feil i "
        "crisis-sim; alt som ble registrert før den, er lagret. Meld gjerne fra om den.",
        "crisis-sim: internal error: konsollen stoppa på feilen over. Dette er ein feil i "
        "crisis-sim; alt som vart registrert før han, er lagra. Meld gjerne frå om han.",
    ),
    "internal": (
        "crisis-sim: internal error: {error}\nThis is a bug in crisis-sim. Set "
        "CRISIS_SIM_DEBUG=1 and run again to see the details, and please report them.",
        "crisis-sim: internal error: {error}\nDette er en feil i crisis-sim. Sett "
        "CRISIS_SIM_DEBUG=1 og kjør igjen for å se detaljene, og meld gjerne fra om dem.",
        "crisis-sim: internal error: {error}\nDette er ein feil i crisis-sim. Set "
        "CRISIS_SIM_DEBUG=1 og køyr på nytt for å sjå detaljane, og meld gjerne frå om dei.",
    ),
}
