"""What is said of a session file and of the files a command writes: reading, writing,
resuming, locking, scoring and the headless run of ``simulate``.

A message names the file it is about first (``{path}: ...``), as the command line's other
messages do, so it reads the same in a log whatever the language.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SESSIONS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    # -- opening a session file --------------------------------------------------------
    "missing": (
        "{path}: no such session file",
        "{path}: denne øktfilen finnes ikke",
        "{path}: denne øktfila finst ikkje",
    ),
    "folder": (
        "{path}: is a folder, not a session file",
        "{path}: er en mappe, ikke en øktfil",
        "{path}: er ei mappe, ikkje ei øktfil",
    ),
    "refused": ("{path}: {reason}", "{path}: {reason}", "{path}: {reason}"),
    "unreadable": (
        "{path}: cannot be read: {reason}",
        "{path}: kan ikke leses: {reason}",
        "{path}: kan ikkje lesast: {reason}",
    ),
    "not_regular": (
        "{path}: is not a regular file; give the path of a session",
        "{path}: er ikke en vanlig fil; oppgi stien til en økt",
        "{path}: er ikkje ei vanleg fil; gi opp stien til ei økt",
    ),
    "empty": (
        "{path}: not a crisis-sim session file: the file is empty. {advice}",
        "{path}: ikke en øktfil fra crisis-sim: filen er tom. {advice}",
        "{path}: ikkje ei øktfil frå crisis-sim: fila er tom. {advice}",
    ),
    "not_session": (
        "{path}: not a crisis-sim session file (sessions are the .sqlite files that "
        "'crisis-sim run' and 'simulate' write)",
        "{path}: ikke en øktfil fra crisis-sim (økter er .sqlite-filene som "
        "«crisis-sim run» og «simulate» skriver)",
        "{path}: ikkje ei øktfil frå crisis-sim (økter er .sqlite-filene som "
        "«crisis-sim run» og «simulate» skriv)",
    ),
    "wal.damaged": (
        "If it is a session, the write-ahead log {wal}, which held its recent events, is "
        "damaged: restore {wal} from where the session was copied (together with {name}, "
        "into the same folder) and run again",
        "Hvis det er en økt, er loggfilen {wal}, som hadde de siste hendelsene, skadet: "
        "hent {wal} fra der økta ble kopiert fra (sammen med {name}, til samme mappe) og "
        "kjør igjen",
        "Viss det er ei økt, er loggfila {wal}, som hadde dei siste hendingane, skadd: "
        "hent {wal} frå der økta vart kopiert frå (saman med {name}, til same mappe) og "
        "køyr på nytt",
    ),
    "wal.missing": (
        "If it is a session, the write-ahead log {wal}, which held its recent events, is "
        "missing: restore {wal} from where the session was copied (together with {name}, "
        "into the same folder) and run again",
        "Hvis det er en økt, mangler loggfilen {wal}, som hadde de siste hendelsene: "
        "hent {wal} fra der økta ble kopiert fra (sammen med {name}, til samme mappe) og "
        "kjør igjen",
        "Viss det er ei økt, manglar loggfila {wal}, som hadde dei siste hendingane: "
        "hent {wal} frå der økta vart kopiert frå (saman med {name}, til same mappe) og "
        "køyr på nytt",
    ),
    "incomplete": (
        "{path}: the session file is incomplete. {advice}",
        "{path}: øktfilen er ufullstendig. {advice}",
        "{path}: øktfila er ufullstendig. {advice}",
    ),
    "other_database": (
        "{path}: an SQLite database, but not a crisis-sim session file",
        "{path}: en SQLite-database, men ikke en øktfil fra crisis-sim",
        "{path}: ein SQLite-database, men ikkje ei øktfil frå crisis-sim",
    ),
    "newer": (
        "{path}: written by a newer crisis-sim (session format {version}); upgrade "
        "crisis-sim to open it",
        "{path}: skrevet av en nyere crisis-sim (øktformat {version}); oppgrader crisis-sim "
        "for å åpne den",
        "{path}: skriven av ein nyare crisis-sim (øktformat {version}); oppgrader crisis-sim "
        "for å opne henne",
    ),
    "not_table": (
        "{path}: the session file is damaged ({name} is not a table); crisis-sim cannot read it",
        "{path}: øktfilen er skadet ({name} er ikke en tabell); crisis-sim kan ikke lese den",
        "{path}: øktfila er skadd ({name} er ikkje ein tabell); crisis-sim kan ikkje lese henne",
    ),
    "planted": (
        "{path}: the session file holds a {kind} named '{name}', which crisis-sim never "
        "writes; it was changed by another program and cannot be trusted. Use the copy the "
        "exercise wrote",
        "{path}: øktfilen inneholder en {kind} med navnet «{name}», som crisis-sim aldri "
        "skriver; den er endret av et annet program og kan ikke stoles på. Bruk kopien "
        "øvelsen skrev",
        "{path}: øktfila inneheld ein {kind} med namnet «{name}», som crisis-sim aldri "
        "skriv; ho er endra av eit anna program og kan ikkje stolast på. Bruk kopien "
        "øvinga skreiv",
    ),
    "damaged": (
        "{path}: the session file is damaged ({error}); crisis-sim cannot read it",
        "{path}: øktfilen er skadet ({error}); crisis-sim kan ikke lese den",
        "{path}: øktfila er skadd ({error}); crisis-sim kan ikkje lese henne",
    ),
    "meta.not_text": (
        "{path}: the session file is damaged (the meta entry {field} is not text); "
        "crisis-sim cannot read it",
        "{path}: øktfilen er skadet (metaoppføringen {field} er ikke tekst); crisis-sim kan "
        "ikke lese den",
        "{path}: øktfila er skadd (metaoppføringa {field} er ikkje tekst); crisis-sim kan "
        "ikkje lese henne",
    ),
    "read_only": (
        "{path}: cannot be opened for writing: permission denied (the file or its folder is "
        "read-only); it can still be read: crisis-sim score {path}",
        "{path}: kan ikke åpnes for skriving: ingen tilgang (filen eller mappen er "
        "skrivebeskyttet); den kan fortsatt leses: crisis-sim score {path}",
        "{path}: kan ikkje opnast for skriving: inga tilgang (fila eller mappa er "
        "skriveverna); ho kan framleis lesast: crisis-sim score {path}",
    ),
    "wal.read_only": (
        "{path}: its newest events are in {wal}, and this folder is read-only, so crisis-sim "
        "cannot read them here; copy the session's files to a folder you can write to, and "
        "run again",
        "{path}: de nyeste hendelsene ligger i {wal}, og denne mappen er skrivebeskyttet, så "
        "crisis-sim kan ikke lese dem her; kopier filene til økta til en mappe du kan skrive "
        "i, og kjør igjen",
        "{path}: dei nyaste hendingane ligg i {wal}, og denne mappa er skriveverna, så "
        "crisis-sim kan ikkje lese dei her; kopier filene til økta til ei mappe du kan "
        "skrive i, og køyr på nytt",
    ),
    "scenario.missing": (
        "{path}: the scenario stored in the session cannot be read (it is missing)",
        "{path}: scenarioet som er lagret i økta, kan ikke leses (det mangler)",
        "{path}: scenarioet som er lagra i økta, kan ikkje lesast (det manglar)",
    ),
    "scenario.altered": (
        "{path}: the scenario stored in the session has been altered since the exercise ran "
        "({problem}); it cannot be trusted for a debrief",
        "{path}: scenarioet som er lagret i økta, er endret etter at øvelsen ble kjørt "
        "({problem}); det kan ikke brukes til en evaluering",
        "{path}: scenarioet som er lagra i økta, er endra etter at øvinga vart køyrd "
        "({problem}); det kan ikkje brukast til ei evaluering",
    ),
    "digest.missing": (
        "its SHA-256 fingerprint is missing",
        "SHA-256-fingeravtrykket mangler",
        "SHA-256-fingeravtrykket manglar",
    ),
    "digest.malformed": (
        "its SHA-256 fingerprint is not one",
        "SHA-256-fingeravtrykket er ikke et fingeravtrykk",
        "SHA-256-fingeravtrykket er ikkje eit fingeravtrykk",
    ),
    "digest.differs": (
        "it does not match its SHA-256 fingerprint",
        "det stemmer ikke med SHA-256-fingeravtrykket",
        "det stemmer ikkje med SHA-256-fingeravtrykket",
    ),
    # -- creating and writing -----------------------------------------------------------
    "companion": (
        "{path}: left over from a removed session; remove it, or choose another --session path",
        "{path}: ligger igjen etter en fjernet økt; fjern den, eller velg en annen --session-sti",
        "{path}: ligg att etter ei fjerna økt; fjern henne, eller vel ein annan --session-sti",
    ),
    "exists": (
        "{path}: a file of that name exists already; choose another --session path",
        "{path}: det finnes allerede en fil med det navnet; velg en annen --session-sti",
        "{path}: det finst alt ei fil med det namnet; vel ein annan --session-sti",
    ),
    "create": (
        "{path}: cannot create the session file: {reason}",
        "{path}: kan ikke lage øktfilen: {reason}",
        "{path}: kan ikkje lage øktfila: {reason}",
    ),
    "write": (
        "{path}: cannot write the session file ({error})",
        "{path}: kan ikke skrive øktfilen ({error})",
        "{path}: kan ikkje skrive øktfila ({error})",
    ),
    "copy.gap": (
        "{path}: the log has no event {seq}; it was not written by crisis-sim and is not copied",
        "{path}: loggen mangler hendelse {seq}; den er ikke skrevet av crisis-sim og blir "
        "ikke kopiert",
        "{path}: loggen manglar hending {seq}; han er ikkje skriven av crisis-sim og vert "
        "ikkje kopiert",
    ),
    "save": (
        "{path}: could not save to the session file ({error}); what was saved before is kept",
        "{path}: kunne ikke lagre i øktfilen ({error}); det som ble lagret før, er beholdt",
        "{path}: kunne ikkje lagre i øktfila ({error}); det som vart lagra før, er teke vare på",
    ),
    "folder.create": (
        "{path}: cannot create the folder {folder}: {reason}",
        "{path}: kan ikke lage mappen {folder}: {reason}",
        "{path}: kan ikkje lage mappa {folder}: {reason}",
    ),
    # -- reading events ------------------------------------------------------------------
    "damaged.after": (
        "{path}: the session file is damaged after event {seq} ({error}); the events before "
        "it are intact",
        "{path}: øktfilen er skadet etter hendelse {seq} ({error}); hendelsene før den er hele",
        "{path}: øktfila er skadd etter hending {seq} ({error}); hendingane før henne er heile",
    ),
    "damaged.last": (
        "{path}: the session file is damaged at its last event ({error})",
        "{path}: øktfilen er skadet ved siste hendelse ({error})",
        "{path}: øktfila er skadd ved siste hending ({error})",
    ),
    "event.damaged": (
        "{path}: event {seq} is damaged ({problem}); the events before it are intact, but "
        "crisis-sim cannot use the session",
        "{path}: hendelse {seq} er skadet ({problem}); hendelsene før den er hele, men "
        "crisis-sim kan ikke bruke økta",
        "{path}: hending {seq} er skadd ({problem}); hendingane før henne er heile, men "
        "crisis-sim kan ikkje bruke økta",
    ),
    "event.deep": (
        "its data nests deeper than {depth} levels",
        "dataene er nøstet dypere enn {depth} nivåer",
        "dataa er nøsta djupare enn {depth} nivå",
    ),
    "event.json": (
        "its data is not valid JSON: {error}",
        "dataene er ikke gyldig JSON: {error}",
        "dataa er ikkje gyldig JSON: {error}",
    ),
    "event.constant": (
        "{name} is not a number JSON allows",
        "{name} er ikke et tall som JSON tillater",
        "{name} er ikkje eit tal som JSON tillèt",
    ),
    "event.not_object": (
        "its data is not a JSON object",
        "dataene er ikke et JSON-objekt",
        "dataa er ikkje eit JSON-objekt",
    ),
    "event.seq": (
        "seq is not a whole number",
        "seq er ikke et heltall",
        "seq er ikkje eit heiltal",
    ),
    "event.t": ("t is not a number", "t er ikke et tall", "t er ikkje eit tal"),
    "event.t.finite": (
        "t is not a finite number",
        "t er ikke et endelig tall",
        "t er ikkje eit endeleg tal",
    ),
    "event.t.negative": ("t is negative", "t er negativ", "t er negativ"),
    "event.t.large": ("t is too large", "t er for stor", "t er for stor"),
    "event.wall": (
        "wall is not a time",
        "wall er ikke et tidspunkt",
        "wall er ikkje eit tidspunkt",
    ),
    "event.type": ("type is not a name", "type er ikke et navn", "type er ikkje eit namn"),
    "event.data": ("data is not text", "data er ikke tekst", "data er ikkje tekst"),
    "event.long": (
        "its data is over {most:,} characters",
        "dataene er på over {most:,} tegn",
        "dataa er på over {most:,} teikn",
    ),
    # -- the one writer -----------------------------------------------------------------
    "busy": (
        "{path} is open for writing in another crisis-sim{by}; only one program may write a "
        "session at a time. Close that one first. Reading it (score, export, replay) works "
        "meanwhile",
        "{path} er åpen for skriving i en annen crisis-sim{by}; bare ett program kan skrive "
        "en økt om gangen. Lukk det først. Å lese den (score, export, replay) går imens",
        "{path} er open for skriving i ein annan crisis-sim{by}; berre eitt program kan "
        "skrive ei økt om gongen. Lukk det først. Å lese henne (score, export, replay) går "
        "imens",
    ),
    "busy.by": (" ({who})", " ({who})", " ({who})"),
    "busy.who": ("{process}, {since}", "{process}, {since}", "{process}, {since}"),
    "busy.process": ("process {pid}", "prosess {pid}", "prosess {pid}"),
    "busy.process.host": (
        "process {pid} on {host}",
        "prosess {pid} på {host}",
        "prosess {pid} på {host}",
    ),
    "busy.host": ("on {host}", "på {host}", "på {host}"),
    "busy.since": ("since {since}", "siden {since}", "sidan {since}"),
    "busy.partial": (
        "{busy}. {partial} is that run's, and is left alone",
        "{busy}. {partial} hører til den kjøringen og blir latt være",
        "{busy}. {partial} høyrer til den køyringa og blir late vere",
    ),
    "lock": (
        "{path}: cannot be opened for writing: {reason} (crisis-sim needs to create {lock} "
        "beside it)",
        "{path}: kan ikke åpnes for skriving: {reason} (crisis-sim må lage {lock} ved siden "
        "av den)",
        "{path}: kan ikkje opnast for skriving: {reason} (crisis-sim må lage {lock} ved "
        "sida av henne)",
    ),
    "lock.link": (
        "{lock} is a symbolic link; remove it",
        "{lock} er en symbolsk lenke; fjern den",
        "{lock} er ei symbolsk lenkje; fjern henne",
    ),
    "lock.not_regular": (
        "{lock} is not a regular file",
        "{lock} er ikke en vanlig fil",
        "{lock} er ikkje ei vanleg fil",
    ),
    "lock.changing": (
        "{lock} keeps changing",
        "{lock} endrer seg hele tiden",
        "{lock} endrar seg heile tida",
    ),
    "leftover": (
        "{path}: left over from a 'crisis-sim simulate' that was stopped before it finished "
        "({size}); no session uses it. Remove it with: rm {names}",
        "{path}: ligger igjen etter en «crisis-sim simulate» som ble stoppet før den var "
        "ferdig ({size}); ingen økt bruker den. Fjern den med: rm {names}",
        "{path}: ligg att etter ein «crisis-sim simulate» som vart stoppa før han var "
        "ferdig ({size}); inga økt brukar henne. Fjern henne med: rm {names}",
    ),
    "size.mb": ("{mb:.1f} MB", "{mb:.1f} MB", "{mb:.1f} MB"),
    "size.bytes": ("{count:,} bytes", "{count:,} byte", "{count:,} byte"),
    # -- simulate -----------------------------------------------------------------------
    "simulate.exists": (
        "{path} exists already; choose another --session path",
        "{path} finnes allerede; velg en annen --session-sti",
        "{path} finst alt; vel ein annan --session-sti",
    ),
    "simulate.leftover": (
        "{leftover}; or choose another --session path",
        "{leftover}; eller velg en annen --session-sti",
        "{leftover}; eller vel ein annan --session-sti",
    ),
    "simulate.text": ("text: {message}", "text: {message}", "text: {message}"),
    "simulate.at": ("{time}: {message}", "{time}: {message}", "{time}: {message}"),
    "simulate.after_end": (
        "{time}: '{kind}'{targets} comes after the end of the exercise at {end}, so it would "
        "never be taken; move it earlier or lengthen 'duration'",
        "{time}: «{kind}»{targets} kommer etter slutten av øvelsen ved {end}, så den ville "
        "aldri bli utført; flytt den tidligere eller gjør 'duration' lengre",
        "{time}: «{kind}»{targets} kjem etter slutten av øvinga ved {end}, så ho ville "
        "aldri bli utført; flytt henne tidlegare eller gjer 'duration' lengre",
    ),
    "simulate.targets": (" to {items}", " til {items}", " til {items}"),
    # -- resume -------------------------------------------------------------------------
    "restore.unexpected": (
        "{path}: event {seq} ({type}) does not follow from the scenario and seed",
        "{path}: hendelse {seq} ({type}) følger ikke av scenarioet og seeden",
        "{path}: hending {seq} ({type}) følgjer ikkje av scenarioet og seeden",
    ),
    "restore.not_started": (
        "{path}: the session never started",
        "{path}: økta ble aldri startet",
        "{path}: økta vart aldri starta",
    ),
    "restore.short": (
        "the session's log ends where the exercise produces a '{type}' at {time}",
        "loggen til økta slutter der øvelsen lager en «{type}» ved {time}",
        "loggen til økta sluttar der øvinga lagar ein «{type}» ved {time}",
    ),
    "restore.differs": (
        "event {seq} of the session ({type} at {time}) differs from the replay ({replayed} "
        "at {replayed_time}); was the session written by another version?",
        "hendelse {seq} i økta ({type} ved {time}) er ulik avspillingen ({replayed} ved "
        "{replayed_time}); ble økta skrevet av en annen versjon?",
        "hending {seq} i økta ({type} ved {time}) er ulik avspelinga ({replayed} ved "
        "{replayed_time}); vart økta skriven av ein annan versjon?",
    ),
    # -- the clock ------------------------------------------------------------------------
    "clock.running": (
        "the clock is already running",
        "klokka går allerede",
        "klokka går alt",
    ),
    "clock.paused": (
        "the clock is already paused",
        "klokka står allerede på pause",
        "klokka står alt på pause",
    ),
    "clock.speed": (
        "speed must be between {low:g}x and {high:g}x, got {speed:g}x",
        "farten må være mellom {low:g}x og {high:g}x, men er {speed:g}x",
        "farten må vere mellom {low:g}x og {high:g}x, men er {speed:g}x",
    ),
    # -- scoring ------------------------------------------------------------------------
    "score.damaged": (
        "{path}: event {seq} is damaged ({type}: {problem}); crisis-sim cannot score it",
        "{path}: hendelse {seq} er skadet ({type}: {problem}); crisis-sim kan ikke vurdere den",
        "{path}: hending {seq} er skadd ({type}: {problem}); crisis-sim kan ikkje vurdere henne",
    ),
    "score.no_key": ("it has no '{field}'", "den har ingen «{field}»", "ho har ingen «{field}»"),
    "score.not": (
        "'{field}' is not {what}",
        "«{field}» er ikke {what}",
        "«{field}» er ikkje {what}",
    ),
    "score.text": ("a text", "en tekst", "ein tekst"),
    "score.number": ("a number", "et tall", "eit tal"),
    "score.texts": ("a list of texts", "en liste med tekster", "ei liste med tekstar"),
    "score.findings": ("a list of findings", "en liste med funn", "ei liste med funn"),
    # -- what the session holds besides its log: scenario, seed, versions ----------------
    "stored.scenario": (
        "{path}: the scenario stored in the session does not load in this crisis-sim "
        "({problem}), so the exercise cannot be resumed, scored or replayed. Open it with the "
        "crisis-sim version that recorded it; its events can still be read with "
        "'crisis-sim export {path}'",
        "{path}: scenarioet som er lagret i økta, kan ikke lastes i denne crisis-sim "
        "({problem}), så øvelsen kan ikke fortsettes, vurderes eller spilles av. Åpne den med "
        "den versjonen av crisis-sim som tok den opp; hendelsene kan fortsatt leses med "
        "«crisis-sim export {path}»",
        "{path}: scenarioet som er lagra i økta, kan ikkje lastast i denne crisis-sim "
        "({problem}), så øvinga kan ikkje halde fram, og ho kan ikkje vurderast eller spelast "
        "av. Opne henne med den versjonen av crisis-sim som tok henne opp; hendingane kan "
        "framleis lesast med «crisis-sim export {path}»",
    ),
    "stored.scenario.line": (
        "line {line}: {message}",
        "linje {line}: {message}",
        "linje {line}: {message}",
    ),
    "stored.scenario.unknown": (
        "it is not a scenario this version reads",
        "det er ikke et scenario denne versjonen leser",
        "det er ikkje eit scenario denne versjonen les",
    ),
    "stored.seed": (
        "{path}: the seed stored in the session ({seed}) is not a whole number; the file was "
        "changed by another program and cannot be trusted. Use the copy the exercise wrote; "
        "its events can still be read with 'crisis-sim export {path}'",
        "{path}: seeden som er lagret i økta ({seed}), er ikke et heltall; filen er endret av "
        "et annet program og kan ikke stoles på. Bruk kopien øvelsen skrev; hendelsene kan "
        "fortsatt leses med «crisis-sim export {path}»",
        "{path}: seeden som er lagra i økta ({seed}), er ikkje eit heiltal; fila er endra av "
        "eit anna program og kan ikkje stolast på. Bruk kopien øvinga skreiv; hendingane kan "
        "framleis lesast med «crisis-sim export {path}»",
    ),
    "stored.seed.missing": (
        "{path}: the session has no seed stored; the file was changed by another program and "
        "cannot be trusted. Use the copy the exercise wrote; its events can still be read "
        "with 'crisis-sim export {path}'",
        "{path}: økta har ingen lagret seed; filen er endret av et annet program og kan ikke "
        "stoles på. Bruk kopien øvelsen skrev; hendelsene kan fortsatt leses med "
        "«crisis-sim export {path}»",
        "{path}: økta har ingen lagra seed; fila er endra av eit anna program og kan ikkje "
        "stolast på. Bruk kopien øvinga skreiv; hendingane kan framleis lesast med "
        "«crisis-sim export {path}»",
    ),
    "stored.faker": (
        "{path}: the session was recorded with Faker {recorded}; this install has Faker "
        "{installed}, which makes other generated names, so {advice}",
        "{path}: økta ble tatt opp med Faker {recorded}; denne installasjonen har Faker "
        "{installed}, som lager andre genererte navn, så {advice}",
        "{path}: økta vart teken opp med Faker {recorded}; denne installasjonen har Faker "
        "{installed}, som lagar andre genererte namn, så {advice}",
    ),
    "stored.faker.replay": (
        "{path}: the session was recorded with Faker {recorded}; this install has Faker "
        "{installed}, which makes other generated names here ({problem}), so {advice}",
        "{path}: økta ble tatt opp med Faker {recorded}; denne installasjonen har Faker "
        "{installed}, som lager andre genererte navn her ({problem}), så {advice}",
        "{path}: økta vart teken opp med Faker {recorded}; denne installasjonen har Faker "
        "{installed}, som lagar andre genererte namn her ({problem}), så {advice}",
    ),
    "stored.faker.advice": (
        "the exercise cannot continue exactly as it ran. 'crisis-sim score', 'export' and "
        "'replay' still work; to resume it, install crisis-sim with Faker {recorded}",
        "øvelsen kan ikke fortsette nøyaktig slik den gikk. «crisis-sim score», «export» og "
        "«replay» virker fortsatt; for å fortsette den, installer crisis-sim med Faker "
        "{recorded}",
        "øvinga kan ikkje halde fram nøyaktig slik ho gjekk. «crisis-sim score», «export» og "
        "«replay» verkar framleis; for å halde fram med henne, installer crisis-sim med Faker "
        "{recorded}",
    ),
    "restore.log": ("{path}: {problem}", "{path}: {problem}", "{path}: {problem}"),
}
