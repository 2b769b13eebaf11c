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
    "session.copied": (
        "Copied {events} events: {source} → {target}",
        "Kopierte {events} hendelser: {source} → {target}",
        "Kopierte {events} hendingar: {source} → {target}",
    ),
    "session.none": (
        "{where}: no sessions yet",
        "{where}: ingen økter ennå",
        "{where}: ingen økter enno",
    ),
    "session.row": (
        "{name}  {events} events  {created} UTC",
        "{name}  {events} hendelser  {created} UTC",
        "{name}  {events} hendingar  {created} UTC",
    ),
    "session.no_store": (
        "no database given: 'session list' lists the sessions of the database given with "
        "--store or CRISIS_SIM_STORE",
        "ingen database oppgitt: «session list» viser øktene i databasen som er gitt med "
        "--store eller CRISIS_SIM_STORE",
        "ingen database oppgitt: «session list» viser øktene i databasen som er gitt med "
        "--store eller CRISIS_SIM_STORE",
    ),
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
    "host.started": (
        "Hosting '{title}'; the session is recorded in {path}",
        "Er vert for «{title}»; økta tas opp i {path}",
        "Er vert for «{title}»; økta vert teken opp i {path}",
    ),
    "host.team": ("Team {team}:", "Lag {team}:", "Lag {team}:"),
    "host.code": ("  {role:<16} {code}", "  {role:<16} {code}", "  {role:<16} {code}"),
    "host.facilitator": (
        "Facilitator:   {code}",
        "Fasilitator:   {code}",
        "Fasilitator:   {code}",
    ),
    "host.codes_file": (
        "The codes are also in {path} (readable by you only).",
        "Kodene står også i {path} (bare du kan lese den).",
        "Kodane står òg i {path} (berre du kan lese ho).",
    ),
    "host.join": (
        "Each seat joins with: {name} join CODE --session-dir {folder}. Ctrl+C ends the host.",
        "Hver plass kobler seg på med: {name} join KODE --session-dir {folder}. "
        "Ctrl+C avslutter verten.",
        "Kvar plass koplar seg på med: {name} join KODE --session-dir {folder}. "
        "Ctrl+C avsluttar verten.",
    ),
    "host.web": (
        "Seats in a browser: open a seat's link below (or {base} and type the code).",
        "Plasser i nettleser: åpne lenken til en plass under (eller {base} og skriv koden).",
        "Plassar i nettlesar: opne lenkja til ein plass under (eller {base} og skriv koden).",
    ),
    "host.link": ("  {role:<16} {link}", "  {role:<16} {link}", "  {role:<16} {link}"),
    "host.web.control": (
        "Control cell (keep it to yourself): {link}",
        "Øvingsstyring (hold den for deg selv): {link}",
        "Øvingsstyring (hald ho for deg sjølv): {link}",
    ),
    "host.web.everyone": (
        "Warning: the seats are served on every network this machine is on ({address}): "
        "anyone who can reach it there and has a seat's code can open that seat. Use it on "
        "the room's own network only.",
        "Advarsel: plassene serveres på alle nett denne maskinen er på ({address}): alle som "
        "når den der og har koden til en plass, kan åpne plassen. Bruk det bare på rommets "
        "eget nett.",
        "Åtvaring: plassane vert serverte på alle nett denne maskina er på ({address}): alle "
        "som når henne der og har koden til ein plass, kan opne plassen. Bruk det berre på "
        "nettet i rommet.",
    ),
    "host.web.network": (
        "Warning: the seats are served on {address}: anyone on that network who has a "
        "seat's code can open that seat.",
        "Advarsel: plassene serveres på {address}: alle på det nettet som har koden til en "
        "plass, kan åpne plassen.",
        "Åtvaring: plassane vert serverte på {address}: alle på det nettet som har koden til "
        "ein plass, kan opne plassen.",
    ),
    "host.web.taken": (
        "cannot serve the seats on {address}: {reason}. Choose another port with --web.",
        "kan ikke servere plassene på {address}: {reason}. Velg en annen port med --web.",
        "kan ikkje servere plassane på {address}: {reason}. Vel ein annan port med --web.",
    ),
    "host.web.address": (
        "--web takes PORT or ADDRESS:PORT (8080, 127.0.0.1:8080, 0.0.0.0:8080), not '{given}'",
        "--web tar PORT eller ADRESSE:PORT (8080, 127.0.0.1:8080, 0.0.0.0:8080), ikke «{given}»",
        "--web tek PORT eller ADRESSE:PORT (8080, 127.0.0.1:8080, 0.0.0.0:8080), ikkje «{given}»",
    ),
    "host.store": (
        "Team {team}: saving failed: {message}. The host waits: what is due is saved and "
        "delivered once the session can be written to again.",
        "Lag {team}: lagring feilet: {message}. Verten venter: det som skal komme, lagres og "
        "leveres når økta kan skrives til igjen.",
        "Lag {team}: lagringa feila: {message}. Verten ventar: det som skal kome, blir lagra "
        "og levert når økta kan skrivast til igjen.",
    ),
    "host.standby": (
        "Exercise {exercise} has a host already ({who}); this one waits as its standby and "
        "takes over if it stops. Ctrl+C ends the wait.",
        "Øvelsen {exercise} har allerede en vert ({who}); denne venter som reserve og tar "
        "over hvis den stopper. Ctrl+C avslutter ventingen.",
        "Øvinga {exercise} har alt ein vert ({who}); denne ventar som reserve og tek over "
        "viss han stoppar. Ctrl+C avsluttar ventinga.",
    ),
    "host.took_over": (
        "Took exercise {exercise} over at {time}; it goes on.",
        "Tok over øvelsen {exercise} ved {time}; den fortsetter.",
        "Tok over øvinga {exercise} ved {time}; ho held fram.",
    ),
    "host.database": (
        "The exercise is {exercise} in {where}. Seat servers on other machines: "
        "{name} serve {exercise} --store postgresql://…/{database}",
        "Øvelsen heter {exercise} i {where}. Plasstjenere på andre maskiner: "
        "{name} serve {exercise} --store postgresql://…/{database}",
        "Øvinga heiter {exercise} i {where}. Plasstenarar på andre maskiner: "
        "{name} serve {exercise} --store postgresql://…/{database}",
    ),
    "serve.started": (
        "Serving the seats of '{title}' ({exercise} in {where}) on this machine.",
        "Betjener plassene i «{title}» ({exercise} i {where}) på denne maskinen.",
        "Betener plassane i «{title}» ({exercise} i {where}) på denne maskina.",
    ),
    "serve.join": (
        "Each seat on this machine joins with: {name} join CODE --session-dir {folder}. "
        "Ctrl+C ends the seat server (the exercise goes on).",
        "Hver plass på denne maskinen kobler seg på med: {name} join KODE --session-dir "
        "{folder}. Ctrl+C avslutter plasstjeneren (øvelsen fortsetter).",
        "Kvar plass på denne maskina koplar seg på med: {name} join KODE --session-dir "
        "{folder}. Ctrl+C avsluttar plasstenaren (øvinga held fram).",
    ),
    "serve.stopped": (
        "Seat server stopped.",
        "Plasstjeneren er stoppet.",
        "Plasstenaren er stoppa.",
    ),
    "serve.no_store": (
        "a seat server serves an exercise kept in a database: give --store "
        "postgresql://… (or CRISIS_SIM_STORE)",
        "en plasstjener betjener en øvelse i en database: oppgi --store postgresql://… "
        "(eller CRISIS_SIM_STORE)",
        "ein plasstenar betener ei øving i ein database: gi opp --store postgresql://… "
        "(eller CRISIS_SIM_STORE)",
    ),
    "host.stopped": (
        "Host stopped; the session is saved in {path}",
        "Verten er stoppet; økta er lagret i {path}",
        "Verten er stoppa; økta er lagra i {path}",
    ),
    "host.what": (
        "give a scenario to host a new exercise, or --resume FOLDER to go on with one (not both)",
        "oppgi et scenario for å starte en ny øvelse, eller --resume MAPPE for å fortsette "
        "en (ikke begge)",
        "gi eit scenario for å starte ei ny øving, eller --resume MAPPE for å halde fram "
        "med ei (ikkje begge)",
    ),
    "host.no_exercise": (
        "{folder} holds no exercise: give the folder 'crisis-sim host' named when it started "
        "(it has team-1.sqlite and codes.json)",
        "{folder} inneholder ingen øvelse: oppgi mappen «crisis-sim host» nevnte da den "
        "startet (den har team-1.sqlite og codes.json)",
        "{folder} inneheld inga øving: gi mappa «crisis-sim host» nemnde då han starta "
        "(ho har team-1.sqlite og codes.json)",
    ),
    "host.busy": (
        "an exercise is hosted in {folder} already; end it first, or use another --session-dir",
        "det er alt en vert for en øvelse i {folder}; avslutt den først, eller bruk en annen "
        "--session-dir",
        "det er alt ein vert for ei øving i {folder}; avslutt han først, eller bruk ei anna "
        "--session-dir",
    ),
    "join.no_host": (
        "no exercise is hosted in {folder}; the facilitator starts one with "
        "'crisis-sim host SCENARIO'",
        "ingen øvelse har vert i {folder}; fasilitatoren starter en med «crisis-sim host SCENARIO»",
        "inga øving har vert i {folder}; fasilitatoren startar ei med «crisis-sim host SCENARIO»",
    ),
    "control.name": ("Control cell", "Øvingsstyring", "Øvingsstyring"),
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
    # -- validate's summary: one line per file. Norwegian says "1 feil, 2 feil".
    "validate.summary": (
        "{path}: {verdict} ({errors}, {warnings})",
        "{path}: {verdict} ({errors}, {warnings})",
        "{path}: {verdict} ({errors}, {warnings})",
    ),
    "validate.valid": ("valid", "gyldig", "gyldig"),
    "validate.invalid": ("invalid", "ugyldig", "ugyldig"),
    # English writes the counts as it always has (10001 errors), for the scripts that read
    # the line; Norwegian groups the digits (10 001 feil).
    "validate.errors.one": ("{count} error", "{count:,} feil", "{count:,} feil"),
    "validate.errors.many": ("{count} errors", "{count:,} feil", "{count:,} feil"),
    "validate.warnings.one": ("{count} warning", "{count:,} advarsel", "{count:,} åtvaring"),
    "validate.warnings.many": (
        "{count} warnings",
        "{count:,} advarsler",
        "{count:,} åtvaringar",
    ),
    "validate.unread": (
        "{path}: not checked (it cannot be read)",
        "{path}: ikke sjekket (den kan ikke leses)",
        "{path}: ikkje sjekka (ho kan ikkje lesast)",
    ),
    # -- usage errors: what follows "crisis-sim: error:"
    "usage.help": (
        "{message}; see '{command} --help'",
        "{message}; se «{command} --help»",
        "{message}; sjå «{command} --help»",
    ),
    "usage.option": ("{option}: {message}", "{option}: {message}", "{option}: {message}"),
    "usage.range": (
        "{value} is not a number between {low} and {high}",
        "{value} er ikke et tall mellom {low} og {high}",
        "{value} er ikkje eit tal mellom {low} og {high}",
    ),
    "usage.exists": (
        "{path} already exists; choose another name, or add --force to overwrite it",
        "{path} finnes allerede; velg et annet navn, eller legg til --force for å skrive over den",
        "{path} finst alt; vel eit anna namn, eller legg til --force for å skrive over henne",
    ),
    "usage.session_exists": (
        "{path} exists already; choose another --session path, or reopen it with "
        "'crisis-sim resume {path}'",
        "{path} finnes allerede; velg en annen --session-sti, eller åpne den igjen med "
        "«crisis-sim resume {path}»",
        "{path} finst alt; vel ein annan --session-sti, eller opne henne att med "
        "«crisis-sim resume {path}»",
    ),
    # -- where -o may not write
    "output.session": (
        "{path} is a crisis-sim session; writing over it would destroy the exercise it "
        "records. Give -o a new file name",
        "{path} er en økt fra crisis-sim; å skrive over den ville ødelegge øvelsen den "
        "inneholder. Gi -o et nytt filnavn",
        "{path} er ei økt frå crisis-sim; å skrive over henne ville øydeleggje øvinga ho "
        "inneheld. Gi -o eit nytt filnamn",
    ),
    "output.database": (
        "{path} is a database; writing over it would destroy what it holds. Give -o a new "
        "file name",
        "{path} er en database; å skrive over den ville ødelegge det den inneholder. Gi -o "
        "et nytt filnavn",
        "{path} er ein database; å skrive over han ville øydeleggje det han inneheld. Gi -o "
        "eit nytt filnamn",
    ),
    "output.input": (
        "{path} is the file this command reads ({input}); writing the result there would "
        "replace it. Give -o a new file name, and compare the two before you replace the "
        "old one",
        "{path} er filen denne kommandoen leser ({input}); å skrive resultatet dit ville "
        "erstatte den. Gi -o et nytt filnavn, og sammenlign de to før du erstatter den "
        "gamle",
        "{path} er fila denne kommandoen les ({input}); å skrive resultatet dit ville "
        "erstatte henne. Gi -o eit nytt filnamn, og samanlikn dei to før du erstattar den "
        "gamle",
    ),
    "output.cannot": (
        "cannot write the output",
        "kan ikke skrive utdataene",
        "kan ikkje skrive utdataa",
    ),
    "failure": ("{what}: {reason}", "{what}: {reason}", "{what}: {reason}"),
    # -- sessions
    "score.different": (
        "these sessions ran different scenarios (or different versions of one), so they "
        "cannot be compared: {listing}",
        "disse øktene kjørte ulike scenarioer (eller ulike versjoner av ett), så de kan ikke "
        "sammenlignes: {listing}",
        "desse øktene køyrde ulike scenario (eller ulike versjonar av eitt), så dei kan "
        "ikkje samanliknast: {listing}",
    ),
    # -- simulate's summary
    "simulate.delivered": (
        "Delivered {count:,} items up to {time}.",
        "Leverte {count:,} saker fram til {time}.",
        "Leverte {count:,} saker fram til {time}.",
    ),
    "simulate.expectations": (
        "Expectations: {met} met, {late} late, {missed} missed{breach}{not_reached}{pending}.",
        "Forventninger: {met} innfridd, {late} for sent, {missed} ikke innfridd{breach}"
        "{not_reached}{pending}.",
        "Forventningar: {met} innfridde, {late} for seint, {missed} ikkje innfridde{breach}"
        "{not_reached}{pending}.",
    ),
    "simulate.breach": (
        ", {count} breached (said what must not be said)",
        ", {count} brudd (sa det som ikke skal sies)",
        ", {count} brot (sa det som ikkje skal seiast)",
    ),
    "simulate.not_reached": (
        ", {count} not reached (the exercise ended before the deadline)",
        ", {count} ikke nådd (øvelsen sluttet før fristen)",
        ", {count} ikkje nådde (øvinga slutta før fristen)",
    ),
    "simulate.pending": (
        ", {pending} still open",
        ", {pending} fortsatt åpne",
        ", {pending} framleis opne",
    ),
    "simulate.ended": (
        "Session (ended): {path}",
        "Økt (avsluttet): {path}",
        "Økt (avslutta): {path}",
    ),
    "simulate.stopped": (
        "Session (stopped before the end (not ended)): {path}",
        "Økt (stoppet før slutten, ikke avsluttet): {path}",
        "Økt (stoppa før slutten, ikkje avslutta): {path}",
    ),
    "version": (
        "{prog}, version {version}",
        "{prog}, versjon {version}",
        "{prog}, versjon {version}",
    ),
    # -- list
    "list.title": ("Bundled scenarios", "Medfølgende scenarioer", "Medfølgjande scenario"),
    "list.name": ("name", "navn", "namn"),
    "list.heading": ("title", "tittel", "tittel"),
    "list.language": ("language", "språk", "språk"),
    "list.duration": ("duration", "varighet", "varigheit"),
    "list.injects": ("injects", "innspill", "innspel"),
    "list.noise": ("noise streams", "bakgrunnsstrømmer", "bakgrunnsstraumar"),
}

HELP: Final[dict[str, Entry]] = {
    # What ``--help`` says of each command and option. Option names, metavars and values
    # (SCENARIO, -o, 600, json) are typed as they are, so they stay as they are.
    "crisis-sim": (
        "crisis-sim: rehearse crisis communication on a synthetic social-media feed.\n\n"
        "A SCENARIO is a path to a .yaml file, or the name of a bundled scenario "
        "(see 'crisis-sim list').",
        "crisis-sim: øv på krisekommunikasjon i en syntetisk strøm fra sosiale medier.\n\n"
        "Et SCENARIO er stien til en .yaml-fil, eller navnet på et medfølgende scenario "
        "(se «crisis-sim list»).",
        "crisis-sim: øv på kriskommunikasjon i ein syntetisk straum frå sosiale medium.\n\n"
        "Eit SCENARIO er stien til ei .yaml-fil, eller namnet på eit medfølgjande scenario "
        "(sjå «crisis-sim list»).",
    ),
    "version": (
        "Show the version and exit.",
        "Vis versjonen og avslutt.",
        "Vis versjonen og avslutt.",
    ),
    "list": (
        "List the bundled scenarios.",
        "Vis de medfølgende scenarioene.",
        "Vis dei medfølgjande scenarioa.",
    ),
    "validate": (
        "Check scenario files and report every problem with its line and column.\n\n"
        "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.",
        "Sjekk scenariofiler og meld hvert problem med linje og kolonne.\n\n"
        "Avslutningsstatus: 0 gyldig (advarsler er lov), 1 ugyldig, 2 feil bruk.",
        "Sjekk scenariofiler og meld kvart problem med linje og kolonne.\n\n"
        "Avslutningsstatus: 0 gyldig (åtvaringar er lov), 1 ugyldig, 2 feil bruk.",
    ),
    "schema": (
        "Print the JSON Schema of the scenario format, for editors.",
        "Skriv ut JSON-skjemaet for scenarioformatet, for redigeringsprogrammer.",
        "Skriv ut JSON-skjemaet for scenarioformatet, for redigeringsprogram.",
    ),
    "preview": (
        "Show the master events list: every inject in delivery order, and the noise.",
        "Vis hendelseslisten: hvert innspill i rekkefølgen det kommer, og bakgrunnsstrømmene.",
        "Vis hendingslista: kvart innspel i den rekkjefølgja det kjem, og bakgrunnsstraumane.",
    ),
    "msel": (
        "The master events list as a spreadsheet (CSV), both ways.",
        "Hendelseslisten som regneark (CSV), begge veier.",
        "Hendingslista som rekneark (CSV), begge vegar.",
    ),
    "session": (
        "Sessions kept in a database: copy them to and from files, list them.",
        "Økter i en database: kopier dem til og fra filer, list dem opp.",
        "Økter i ein database: kopier dei til og frå filer, list dei opp.",
    ),
    "session copy": (
        "Copy a session between a .sqlite file and a database, either way (FROM and TO "
        "name a file, or with --store a session in the database). The copy exports the "
        "same; nothing is left at TO when it fails.",
        "Kopier en økt mellom en .sqlite-fil og en database, begge veier (FROM og TO er en "
        "fil, eller med --store en økt i databasen). Kopien eksporterer det samme; ingenting "
        "blir liggende igjen i TO hvis den mislykkes.",
        "Kopier ei økt mellom ei .sqlite-fil og ein database, begge vegar (FROM og TO er ei "
        "fil, eller med --store ei økt i databasen). Kopien eksporterer det same; ingenting "
        "vert liggjande att i TO viss han mislukkast.",
    ),
    "session list": (
        "List the sessions a database holds, with their events and when each was made.",
        "List opp øktene i en database, med antall hendelser og når hver ble laget.",
        "List opp øktene i ein database, med talet på hendingar og når kvar vart laga.",
    ),
    "msel export": (
        "Write the injects as a CSV spreadsheet (UTF-8 with BOM, for Excel).",
        "Skriv innspillene som et CSV-regneark (UTF-8 med BOM, for Excel).",
        "Skriv innspela som eit CSV-rekneark (UTF-8 med BOM, for Excel).",
    ),
    "msel import": (
        "Replace a scenario's injects with the rows of a spreadsheet.\n\n"
        "Comma- and semicolon-separated files are both read. Everything else in BASE.yaml, "
        "comments included, is kept.",
        "Erstatt innspillene i et scenario med radene i et regneark.\n\n"
        "Filer med komma og med semikolon leses begge. Alt annet i BASE.yaml, kommentarer "
        "også, beholdes.",
        "Erstatt innspela i eit scenario med radene i eit rekneark.\n\n"
        "Filer med komma og med semikolon blir begge lesne. Alt anna i BASE.yaml, "
        "kommentarar òg, blir teke vare på.",
    ),
    "new": (
        "Write a commented starter scenario, NAME.yaml, that validates.",
        "Skriv et kommentert startscenario, NAME.yaml, som er gyldig.",
        "Skriv eit kommentert startscenario, NAME.yaml, som er gyldig.",
    ),
    "run": (
        "Run an exercise in the console: the briefing first, Enter starts the clock.",
        "Kjør en øvelse i konsollen: orienteringen først, Enter starter klokka.",
        "Køyr ei øving i konsollen: orienteringa først, Enter startar klokka.",
    ),
    "resume": (
        "Reopen an interrupted exercise exactly where it stopped, paused.",
        "Åpne en avbrutt øvelse igjen akkurat der den stoppet, på pause.",
        "Opne ei avbroten øving att akkurat der ho stoppa, på pause.",
    ),
    "simulate": (
        "Run an exercise headless, as fast as possible, with an optional scripted team.",
        "Kjør en øvelse uten skjerm, så fort som mulig, eventuelt med et skriptet team.",
        "Køyr ei øving utan skjerm, så fort som mogleg, eventuelt med eit skripta team.",
    ),
    "export": (
        "Write a session's events as JSON Lines, one object per event, in order.",
        "Skriv hendelsene i en økt som JSON Lines, ett objekt per hendelse, i rekkefølge.",
        "Skriv hendingane i ei økt som JSON Lines, eitt objekt per hending, i rekkjefølgje.",
    ),
    "score": (
        "The debrief: response times, rumours, personal data, guidelines and a score.\n\n"
        "Several sessions of the same scenario are compared side by side.",
        "Evalueringen: svartider, rykter, personopplysninger, retningslinjer og en "
        "poengsum.\n\nFlere økter med samme scenario sammenlignes side om side.",
        "Evalueringa: svartider, rykte, personopplysningar, retningslinjer og ein "
        "poengsum.\n\nFleire økter med same scenario blir samanlikna side om side.",
    ),
    "replay": (
        "Replay an exercise for the debrief: seek with arrow keys, space pauses.",
        "Spill av en øvelse til evalueringen: spol med piltastene, mellomrom setter på pause.",
        "Spel av ei øving til evalueringa: spol med piltastane, mellomrom set på pause.",
    ),
    # -- options
    "host": (
        "Host a team exercise: one session per team and a join code per seat; in a "
        "terminal, the control cell's screen (without one, it runs until Ctrl+C).",
        "Vær vert for en lagøvelse: én økt per lag og én kode per plass; i en terminal "
        "øvingsstyringens skjerm (uten terminal går den til Ctrl+C).",
        "Ver vert for ei lagøving: éi økt per lag og éin kode per plass; i ein terminal "
        "skjermen til øvingsstyringa (utan terminal går han til Ctrl+C).",
    ),
    "join": (
        "Join a team exercise with the code the facilitator gave you.",
        "Bli med i en lagøvelse med koden du fikk av fasilitatoren.",
        "Ver med i ei lagøving med koden du fekk av fasilitatoren.",
    ),
    "store": (
        "A PostgreSQL database (postgresql://user@server/database) that holds the "
        "sessions: then SESSION is a session's name there, and a .sqlite file is still a "
        "file. Also read from CRISIS_SIM_STORE.",
        "En PostgreSQL-database (postgresql://bruker@tjener/database) som har øktene: da er "
        "SESSION navnet på en økt der, og en .sqlite-fil er fortsatt en fil. Leses også fra "
        "CRISIS_SIM_STORE.",
        "Ein PostgreSQL-database (postgresql://brukar@tenar/database) som har øktene: då er "
        "SESSION namnet på ei økt der, og ei .sqlite-fil er framleis ei fil. Vert òg lesen "
        "frå CRISIS_SIM_STORE.",
    ),
    "session_dir": (
        "The folder of the exercise's sessions and of the host's socket.",
        "Mappen for øvelsens økter og vertens sokkel.",
        "Mappa for øvinga sine økter og sokkelen til verten.",
    ),
    "teams": (
        "How many teams play the scenario side by side, each with its own seats and log.",
        "Hvor mange lag som spiller scenarioet side om side, hvert med egne plasser og logg.",
        "Kor mange lag som spelar scenarioet side om side, kvart med eigne plassar og logg.",
    ),
    "serve": (
        "Serve the seats of an exercise kept in a database (a host started with --store) "
        "on this machine: in terminals here, and with --web in browsers.",
        "Betjen plassene i en øvelse som ligger i en database (en vert startet med --store) "
        "på denne maskinen: i terminaler her, og med --web i nettlesere.",
        "Beten plassane i ei øving som ligg i ein database (ein vert starta med --store) på "
        "denne maskina: i terminalar her, og med --web i nettlesarar.",
    ),
    "host.resume": (
        "Go on with an exercise a host ran before: its folder, or with --store its name "
        "(the codes stay the same). While its host runs, this one waits as a standby.",
        "Fortsett en øvelse en vert kjørte før: mappen dens, eller med --store navnet "
        "(kodene er de samme). Mens verten kjører, venter denne som reserve.",
        "Hald fram med ei øving ein vert køyrde før: mappa hennar, eller med --store namnet "
        "(kodane er dei same). Medan verten køyrer, ventar denne som reserve.",
    ),
    "web": (
        "Also serve every seat to browsers on [ADDRESS:]PORT (address 127.0.0.1 unless "
        "given; 0.0.0.0 for the room's network).",
        "Server også hver plass til nettlesere på [ADRESSE:]PORT (adresse 127.0.0.1 om ingen "
        "er gitt; 0.0.0.0 for rommets nett).",
        "Server òg kvar plass til nettlesarar på [ADRESSE:]PORT (adresse 127.0.0.1 om ingen "
        "er gjeven; 0.0.0.0 for nettet i rommet).",
    ),
    "served": (
        "Run as a browser tab's console (the web server starts it so).",
        "Kjør som konsollen til en nettleserfane (nettserveren starter den slik).",
        "Køyr som konsollen til ei nettlesarfane (nettserveren startar han slik).",
    ),
    "codes_file": (
        "Also write the join codes to this file, as JSON readable by you only.",
        "Skriv også kodene til denne filen, som JSON bare du kan lese.",
        "Skriv òg kodane til denne fila, som JSON berre du kan lese.",
    ),
    "output": ("Write to this file.", "Skriv til denne filen.", "Skriv til denne fila."),
    "output.stdout": (
        "Write to this file instead of standard output.",
        "Skriv til denne filen i stedet for til standard ut.",
        "Skriv til denne fila i staden for til standard ut.",
    ),
    "output.csv": (
        "The .csv file to write.",
        "CSV-filen som skal skrives.",
        "CSV-fila som skal skrivast.",
    ),
    "output.scenario": (
        "Where to write the new scenario.",
        "Hvor det nye scenarioet skal skrives.",
        "Kvar det nye scenarioet skal skrivast.",
    ),
    "mode": (
        "Permissions of the file written with -o, in octal: 600 only you may read it, 644 "
        "everyone may.",
        "Tilgangen til filen -o skriver, oktalt: 600 bare du kan lese den, 644 alle kan.",
        "Tilgangen til fila -o skriv, oktalt: 600 berre du kan lese henne, 644 alle kan.",
    ),
    "follow_symlinks": (
        "If -o names a symbolic link, write to the file it points to.",
        "Hvis -o er en symbolsk lenke, skriv til filen den peker på.",
        "Viss -o er ei symbolsk lenkje, skriv til fila ho peikar på.",
    ),
    "lang": (
        "{what}: nb (bokmål), nn (nynorsk) or en (English). {default}",
        "{what}: nb (bokmål), nn (nynorsk) eller en (engelsk). {default}",
        "{what}: nb (bokmål), nn (nynorsk) eller en (engelsk). {default}",
    ),
    "lang.scenario": (
        "Default: the scenario's language, else the system's.",
        "Standard: scenarioets språk, ellers systemets.",
        "Standard: språket til scenarioet, elles systemet sitt.",
    ),
    "lang.system": (
        "Default: the system's language.",
        "Standard: systemets språk.",
        "Standard: språket til systemet.",
    ),
    "lang.messages": ("Language of the messages", "Språket i meldingene", "Språket i meldingane"),
    "lang.console": ("Language of the console", "Språket i konsollen", "Språket i konsollen"),
    "lang.list": ("Language of the list", "Språket i listen", "Språket i lista"),
    "lang.preview": (
        "Language of the list (table and md; json and csv keep English names)",
        "Språket i listen (table og md; json og csv beholder engelske navn)",
        "Språket i lista (table og md; json og csv held på engelske namn)",
    ),
    "lang.report": (
        "Language of the report (table, md and html; json and csv keep English names)",
        "Språket i rapporten (table, md og html; json og csv beholder engelske navn)",
        "Språket i rapporten (table, md og html; json og csv held på engelske namn)",
    ),
    "lang.starter": (
        "Language of the starter's texts and comments.",
        "Språket i startscenarioets tekster og kommentarer.",
        "Språket i tekstane og kommentarane i startscenarioet.",
    ),
    "strict": (
        "Treat warnings as errors.",
        "Regn advarsler som feil.",
        "Rekn åtvaringar som feil.",
    ),
    "validate.format": (
        "json gives [{path, line, column, severity, message, code}].",
        "json gir [{path, line, column, severity, message, code}].",
        "json gir [{path, line, column, severity, message, code}].",
    ),
    "semicolon": (
        "Separate cells with ';', as Norwegian Excel expects.",
        "Skill cellene med «;», slik norsk Excel venter.",
        "Skil cellene med «;», slik norsk Excel ventar.",
    ),
    "into": (
        "The scenario whose injects the spreadsheet replaces.",
        "Scenarioet som får innspillene sine erstattet av regnearket.",
        "Scenarioet som får innspela sine erstatta av reknearket.",
    ),
    "force": (
        "Overwrite the file if it exists.",
        "Skriv over filen hvis den finnes.",
        "Skriv over fila viss ho finst.",
    ),
    "run.speed": (
        "Scenario time per real second, 0.25 to 20.",
        "Scenariotid per virkelige sekund, 0.25 til 20.",
        "Scenariotid per verkeleg sekund, 0.25 til 20.",
    ),
    "run.seed": (
        "The same seed gives every team the same feed.",
        "Samme seed gir alle team den samme strømmen.",
        "Same seed gir alle team den same straumen.",
    ),
    "run.session": (
        "Where to record the exercise (default: sessions/<id>-<time>.sqlite).",
        "Hvor øvelsen skal tas opp (standard: sessions/<id>-<time>.sqlite).",
        "Kvar øvinga skal takast opp (standard: sessions/<id>-<time>.sqlite).",
    ),
    "name": (
        "Your name, recorded with your actions.",
        "Navnet ditt, lagret sammen med handlingene dine.",
        "Namnet ditt, lagra saman med handlingane dine.",
    ),
    "simulate.seed": (
        "The same seed gives the same exercise.",
        "Samme seed gir samme øvelse.",
        "Same seed gir same øving.",
    ),
    "simulate.actions": (
        "A scripted team: a YAML list of actions with 'at' and 'do'.",
        "Et skriptet team: en YAML-liste med handlinger med 'at' og 'do'.",
        "Eit skripta team: ei YAML-liste med handlingar med 'at' og 'do'.",
    ),
    "simulate.session": (
        "Where to write the session (default: sessions/<id>-<time>.sqlite).",
        "Hvor økta skal skrives (standard: sessions/<id>-<time>.sqlite).",
        "Kvar økta skal skrivast (standard: sessions/<id>-<time>.sqlite).",
    ),
    "simulate.until": (
        "Stop at this scenario time without ending the exercise.",
        "Stopp ved denne scenariotiden uten å avslutte øvelsen.",
        "Stopp ved denne scenariotida utan å avslutte øvinga.",
    ),
    "replay.speed": (
        "Replay speed; change it with + and - while it plays.",
        "Avspillingsfart; endre den med + og - mens den spilles av.",
        "Avspelingsfart; endre han med + og - medan ho blir spelt av.",
    ),
}
