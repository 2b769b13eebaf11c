"""What is said of sessions and exercises kept on a PostgreSQL server: reaching it, its
format, its sessions and the host that writes them.

Like a session file's messages, each names first where it is about: the database as
``server:port/database`` (never with its password), or a session in it.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

DATABASE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "address": (
        "{address}: not the address of a database; give one like "
        "postgresql://user@server/database (--store or CRISIS_SIM_STORE)",
        "{address}: ikke adressen til en database; oppgi en som "
        "postgresql://bruker@tjener/database (--store eller CRISIS_SIM_STORE)",
        "{address}: ikkje adressa til ein database; gi opp ei som "
        "postgresql://brukar@tenar/database (--store eller CRISIS_SIM_STORE)",
    ),
    "connect": (
        "{where}: cannot reach the database server ({reason}). Check the address given "
        "with --store (or CRISIS_SIM_STORE), that the server runs and that this machine may "
        "connect to it",
        "{where}: får ikke kontakt med databasetjeneren ({reason}). Sjekk adressen som er "
        "gitt med --store (eller CRISIS_SIM_STORE), at tjeneren kjører og at denne maskinen "
        "får koble seg til den",
        "{where}: får ikkje kontakt med databasetenaren ({reason}). Sjekk adressa som er "
        "gitt med --store (eller CRISIS_SIM_STORE), at tenaren køyrer og at denne maskina "
        "får kople seg til han",
    ),
    "lost": (
        "{where}: the connection to the database server was lost ({reason}); what was "
        "saved before is kept",
        "{where}: forbindelsen til databasetjeneren ble brutt ({reason}); det som ble "
        "lagret før, er beholdt",
        "{where}: sambandet med databasetenaren vart brote ({reason}); det som vart lagra "
        "før, er teke vare på",
    ),
    "refused": (
        "{where}: the database server refused: {reason}",
        "{where}: databasetjeneren nektet: {reason}",
        "{where}: databasetenaren nekta: {reason}",
    ),
    "empty": (
        "{where}: this database holds no crisis-sim sessions yet; 'crisis-sim host "
        "--store' or 'crisis-sim session copy' puts them there",
        "{where}: denne databasen har ingen økter fra crisis-sim ennå; «crisis-sim host "
        "--store» eller «crisis-sim session copy» legger dem dit",
        "{where}: denne databasen har ingen økter frå crisis-sim enno; «crisis-sim host "
        "--store» eller «crisis-sim session copy» legg dei dit",
    ),
    "newer": (
        "{where}: the database was set up by a newer crisis-sim (format {version}); upgrade "
        "crisis-sim to use it",
        "{where}: databasen ble satt opp av en nyere crisis-sim (format {version}); "
        "oppgrader crisis-sim for å bruke den",
        "{where}: databasen vart sett opp av ein nyare crisis-sim (format {version}); "
        "oppgrader crisis-sim for å bruke han",
    ),
    "setup": (
        "{where}: cannot set the database up for crisis-sim ({reason}); the role in the "
        "address needs the right to create a schema in it, once",
        "{where}: kan ikke gjøre databasen klar for crisis-sim ({reason}); rollen i "
        "adressen trenger rett til å lage et skjema i den, én gang",
        "{where}: kan ikkje gjere databasen klar for crisis-sim ({reason}); rolla i "
        "adressa treng rett til å lage eit skjema i han, éin gong",
    ),
    "missing": (
        "{path}: no such session in the database; 'crisis-sim session list' names the "
        "sessions it holds",
        "{path}: denne økta finnes ikke i databasen; «crisis-sim session list» viser øktene "
        "den har",
        "{path}: denne økta finst ikkje i databasen; «crisis-sim session list» viser øktene "
        "han har",
    ),
    "exists": (
        "{path}: the database holds a session of that name already; choose another name",
        "{path}: databasen har allerede en økt med det navnet; velg et annet navn",
        "{path}: databasen har alt ei økt med det namnet; vel eit anna namn",
    ),
    "name": (
        "{name}: not a session name; a session in a database is named like "
        "jordras-20261130T193000Z/team-1 (letters, digits, '-', '_', '.' and '/')",
        "{name}: ikke et øktnavn; en økt i en database heter for eksempel "
        "jordras-20261130T193000Z/team-1 (bokstaver, sifre, «-», «_», «.» og «/»)",
        "{name}: ikkje eit øktnamn; ei økt i ein database heiter til dømes "
        "jordras-20261130T193000Z/team-1 (bokstavar, siffer, «-», «_», «.» og «/»)",
    ),
    "busy": (
        "{path} is written by another crisis-sim ({who}); only one program may write a "
        "session at a time. Reading it (score, export, replay) works meanwhile",
        "{path} skrives av en annen crisis-sim ({who}); bare ett program kan skrive en økt "
        "om gangen. Å lese den (score, export, replay) går imens",
        "{path} vert skriven av ein annan crisis-sim ({who}); berre eitt program kan skrive "
        "ei økt om gongen. Å lese ho (score, export, replay) går imens",
    ),
    "busy.unknown": ("unknown", "ukjent", "ukjend"),
    "taken_over": (
        "{path}: another host took the session over while the database server was out of "
        "reach; this one stops writing",
        "{path}: en annen vert tok over økta mens databasetjeneren var utilgjengelig; denne "
        "slutter å skrive",
        "{path}: ein annan vert tok over økta medan databasetenaren var utilgjengeleg; "
        "denne sluttar å skrive",
    ),
    "exercise.missing": (
        "{where}: no exercise {name} in the database; 'crisis-sim session list' names "
        "its sessions (<exercise>/team-<n>)",
        "{where}: ingen øvelse {name} i databasen; «crisis-sim session list» viser øktene "
        "(<øvelse>/team-<n>)",
        "{where}: inga øving {name} i databasen; «crisis-sim session list» viser øktene "
        "(<øving>/team-<n>)",
    ),
    "exercise.codes": (
        "{where}: the join codes of exercise {name} are damaged; it cannot be served",
        "{where}: deltakerkodene til øvelsen {name} er skadet; den kan ikke betjenes",
        "{where}: deltakarkodane til øvinga {name} er skadde; ho kan ikkje betenast",
    ),
    "exercise.exists": (
        "{where}: an exercise named {name} is in the database already; start it again in a moment",
        "{where}: en øvelse med navnet {name} finnes allerede i databasen; start igjen om "
        "et øyeblikk",
        "{where}: ei øving med namnet {name} finst alt i databasen; start att om eit augneblink",
    ),
}
