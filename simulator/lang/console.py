"""The console's words: screens, dialogs, keys, the command palette, the after-action view."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CONSOLE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "briefing.title": ("Exercise briefing", "Orientering før øvelsen", "Orientering før øvinga"),
    "briefing.organisation": ("Your organisation", "Din organisasjon", "Organisasjonen din"),
    "briefing.start": ("Fictional start", "Fiktiv start", "Fiktiv start"),
    "briefing.duration": ("Duration", "Varighet", "Varigheit"),
    "briefing.channels": ("Channels", "Kanaler", "Kanalar"),
    "briefing.name": (
        "Your name (recorded with your actions)",
        "Ditt navn (lagres med handlingene dine)",
        "Skriv namnet ditt (det blir lagra med handlingane dine)",
    ),
    "briefing.begin": (
        "Press Enter to begin the exercise",
        "Trykk Enter for å starte øvelsen",
        "Trykk Enter for å starte øvinga",
    ),
    "briefing.resume": (
        "Press Enter to reopen the exercise (it stays paused)",
        "Trykk Enter for å åpne øvelsen igjen (den står på pause)",
        "Trykk Enter for å opne øvinga att (ho står på pause)",
    ),
    "channel.social": ("Social media", "Sosiale medier", "Sosiale medium"),
    "channel.press": ("Press", "Presse", "Presse"),
    "channel.news": ("News", "Nyheter", "Nyheiter"),
    "channel.internal": ("Internal", "Internt", "Internt"),
    "tab.feed": ("Feed", "Strøm", "Straum"),
    "tab.press": ("Press inbox", "Presseinnboks", "Presseinnboks"),
    "tab.internal": ("Internal", "Internt", "Internt"),
    "status.running": ("running", "går", "går"),
    "status.paused": ("PAUSED", "PAUSE", "PAUSE"),
    "status.ended": ("ENDED", "AVSLUTTET", "AVSLUTTA"),
    "status.unread": ("unread", "ulest", "ulesne"),
    "detail.empty": (
        "Select an item to see it here.",
        "Velg et innlegg for å se det her.",
        "Vel eit innlegg for å sjå det her.",
    ),
    "detail.thread": ("Thread", "Tråd", "Tråd"),
    "detail.done": ("Done about it", "Gjort med saken", "Gjort med saka"),
    "detail.nothing": ("Nothing yet.", "Ingenting ennå.", "Ingenting enno."),
    "detail.views": ("views", "visninger", "visingar"),
    "detail.likes": ("likes", "liker", "liker"),
    "detail.shares": ("shares", "delinger", "delingar"),
    "detail.due": ("answer due in", "svarfrist om", "svarfrist om"),
    "detail.overdue": ("overdue by", "over fristen med", "over fristen med"),
    "done.reply": ("replied", "svart", "svart"),
    "done.statement": ("statement", "uttalelse", "utsegn"),
    "done.flag": ("flagged as {label}", "merket som {label}", "merkt som {label}"),
    "done.hide": ("hidden", "skjult", "skjult"),
    "done.escalate": ("escalated", "eskalert", "sendt vidare"),
    "done.note": ("note", "notat", "notat"),
    "done.observer": ("observer note", "observatørnotat", "observatørnotat"),
    "label.valid": ("valid", "korrekt", "korrekt"),
    "label.misleading": ("misleading", "villedende", "villeiande"),
    "label.irrelevant": ("irrelevant", "irrelevant", "ikkje relevant"),
    "role.citizen": ("citizen", "innbygger", "innbyggjar"),
    "role.journalist": ("journalist", "journalist", "journalist"),
    "role.media": ("media", "medie", "medium"),
    "role.influencer": ("influencer", "påvirker", "påverkar"),
    "role.activist": ("activist", "aktivist", "aktivist"),
    "role.agency": ("agency", "etat", "etat"),
    "role.employee": ("employee", "ansatt", "tilsett"),
    "role.team": ("us", "oss", "oss"),
    "monitor.trending": (
        "Trending, last 10 min",
        "Trender, siste 10 min",
        "Mest omtalt, siste 10 min",
    ),
    "monitor.none": ("Nothing yet.", "Ingenting ennå.", "Ingenting enno."),
    "compose.reply": ("Reply to {name}", "Svar til {name}", "Svar til {name}"),
    "compose.statement": ("New statement", "Ny uttalelse", "Ny utsegn"),
    "compose.channel": ("Channel", "Kanal", "Kanal"),
    "compose.ok": (
        "No guideline warnings.",
        "Ingen advarsler mot retningslinjene.",
        "Ingen åtvaringar mot retningslinjene.",
    ),
    "compose.warnings": (
        "Guideline warnings:",
        "Advarsler mot retningslinjene:",
        "Åtvaringar mot retningslinjene:",
    ),
    "finding.avoid": (
        "avoided phrase \u201c{match}\u201d",
        "ord dere har valgt å unngå: «{match}»",
        "ord de har valt å unngå: «{match}»",
    ),
    "finding.national_id": (
        "national identity number {match}",
        "fødselsnummer {match}",
        "fødselsnummer {match}",
    ),
    "finding.email": (
        "private e-mail address {match}",
        "privat e-postadresse {match}",
        "privat e-postadresse {match}",
    ),
    "finding.phone": (
        "private phone number {match}",
        "privat telefonnummer {match}",
        "privat telefonnummer {match}",
    ),
    "flag.title": ("Flag this item as", "Merk innlegget som", "Merk innlegget som"),
    "note.title": ("Logbook note", "Loggnotat", "Loggnotat"),
    "observer.notes": (
        "Observer notes (the team does not see them)",
        "Observatørnotater (laget ser dem ikke)",
        "Observatørnotat (laget ser dei ikkje)",
    ),
    "search.placeholder": (
        "Search the feed (Enter applies, Esc clears)",
        "Søk i strømmen (Enter søker, Esc tømmer)",
        "Søk i straumen (Enter søkjer, Esc tømmer)",
    ),
    "filter.none": ("all items", "alle innlegg", "alle innlegg"),
    "filter.unhandled": ("not yet handled", "ikke behandlet", "ikkje handsama"),
    "filter.author": ("by {name}", "fra {name}", "frå {name}"),
    "filter.search": (
        "matching \u201c{query}\u201d",
        "som inneholder «{query}»",
        "som inneheld «{query}»",
    ),
    "quit.confirm": (
        "The exercise is running. Quit? Everything so far is saved. (y/n)",
        "Øvelsen pågår. Avslutte? Alt så langt er lagret. (j/n)",
        "Øvinga er i gang. Avslutte? Alt så langt er lagra. (j/n)",
    ),
    "end.confirm": (
        "End the exercise for everyone? (y/n)",
        "Avslutte øvelsen for alle? (j/n)",
        "Avslutte øvinga for alle? (j/n)",
    ),
    "error.action": ("Not done: {message}", "Ikke utført: {message}", "Ikkje utført: {message}"),
    "error.store": (
        "Saving failed: {message}. What was saved before is kept.",
        "Lagring feilet: {message}. Det som alt var lagret, er beholdt.",
        "Lagringa feila: {message}. Det som alt var lagra, er teke vare på.",
    ),
    "toast.published": ("Published.", "Publisert.", "Publisert."),
    "toast.flagged": ("Flagged as {label}.", "Merket som {label}.", "Merkt som {label}."),
    "toast.noted": ("Note saved.", "Notat lagret.", "Notatet er lagra."),
    "toast.speed": ("Speed {speed}x", "Hastighet {speed}x", "Fart {speed}x"),
    "toast.adhoc": ("Delivered.", "Levert.", "Levert."),
    "facilitator.title": ("Facilitator", "Øvingsleder", "Øvingsleiar"),
    "facilitator.help": (
        "space pause/resume · +/- speed · j next inject · a ad-hoc inject · "
        "o observer note · E end · F2 back",
        "mellomrom pause/fortsett · +/- hastighet · j neste innspill · "
        "a ad hoc-innspill · o observatørnotat · E avslutt · F2 tilbake",
        "mellomrom pause/hald fram · +/- fart · j neste innspel · a ad hoc-innspel · o "
        "observatørnotat · E avslutt · F2 tilbake",
    ),
    "msel.id": ("inject", "innspill", "innspel"),
    "msel.due": ("due", "tid", "tid"),
    "msel.channel": ("channel", "kanal", "kanal"),
    "msel.kind": ("kind", "type", "type"),
    "msel.from": ("from", "fra", "frå"),
    "msel.status": ("status", "status", "status"),
    "msel.text": ("text", "tekst", "tekst"),
    # an inject's kind and its trigger, as the facilitator's events table shows them
    "kind.post": ("post", "innlegg", "innlegg"),
    "kind.question": ("question", "spørsmål", "spørsmål"),
    "kind.press": ("press", "presse", "presse"),
    "kind.news": ("news", "nyhet", "nyheit"),
    "kind.official": ("official", "offisiell", "offisiell"),
    "kind.internal": ("internal", "intern", "intern"),
    "state.pending": ("pending", "venter", "ventar"),
    "state.delivered": ("delivered", "levert", "levert"),
    "state.met": ("met", "innfridd", "innfridd"),
    "state.late": ("late", "for sent", "for seint"),
    "state.missed": ("missed", "ikke innfridd", "ikkje innfridd"),
    "state.breach": ("breach", "brudd", "brot"),
    "state.not_reached": ("not reached", "ikke nådd", "ikkje nådd"),
    "state.never": ("never", "aldri", "aldri"),
    "adhoc.title": (
        "Ad-hoc inject: delivered now",
        "Ad hoc-innspill: leveres nå",
        "Ad hoc-innspel: blir levert no",
    ),
    "adhoc.persona": ("As", "Som", "Som"),
    "adhoc.kind": ("Kind", "Type", "Type"),
    "adhoc.text": ("Text (Enter delivers)", "Tekst (Enter leverer)", "Tekst (Enter leverer)"),
    "help.title": ("Help", "Hjelp", "Hjelp"),
    "help.body": (
        "Monitor the feed, sort it, and respond.\n\n"
        "Tab / shift+Tab  move between the lists and the detail pane\n"
        "↑ ↓  select an item        1 2 3  feed / press / internal\n"
        "r  reply        s  statement      f  flag (valid, misleading, irrelevant)\n"
        "h  hide         e  escalate       n  logbook note\n"
        "r, s: write in the panel below; ctrl+s publishes, Esc keeps a draft\n"
        "h asks why; on a hidden item it shows it again. e asks to whom\n"
        "/  search       u  only items not yet handled    a  only this author\n"
        "c  clear filters                  F2  facilitator screen\n"
        "ctrl+p  every command             F1 or ?  this help      q  quit\n\n"
        "Everything you do is saved at once in the session file.",
        "Følg med på strømmen, sorter og svar.\n\n"
        "Tab / shift+Tab  flytt mellom listene og detaljvisningen\n"
        "↑ ↓  velg innlegg          1 2 3  strøm / presse / internt\n"
        "r  svar         s  uttalelse      f  merk (korrekt, villedende, irrelevant)\n"
        "h  skjul        e  eskaler        n  loggnotat\n"
        "r, s: skriv i feltet under; ctrl+s publiserer, Esc tar vare på utkastet\n"
        "h spør hvorfor; på et skjult innlegg viser den det igjen. e spør hvem\n"
        "/  søk          u  bare ubehandlede innlegg      a  bare denne avsenderen\n"
        "c  fjern filtre                   F2  øvingsleder\n"
        "ctrl+p  alle kommandoer           F1 eller ?  denne hjelpen      q  avslutt\n\n"
        "Alt du gjør, lagres straks i øktfila.",
        "Følg med på straumen, sorter og svar.\n\n"
        "Tab / shift+Tab  flytt mellom listene og detaljvisinga\n"
        "↑ ↓  vel innlegg           1 2 3  straum / presse / internt\n"
        "r  svar         s  utsegn         f  merk (korrekt, villeiande, ikkje relevant)\n"
        "h  skjul        e  send vidare    n  loggnotat\n"
        "r, s: skriv i feltet under; ctrl+s publiserer, Esc tek vare på utkastet\n"
        "h spør kvifor; på eit skjult innlegg viser han det att. e spør kven\n"
        "/  søk          u  berre innlegg som ikkje er handsama   a  berre denne avsendaren\n"
        "c  fjern filter                   F2  øvingsleiar\n"
        "ctrl+p  alle kommandoar           F1 eller ?  denne hjelpa       q  avslutt\n\n"
        "Alt du gjer, blir lagra med ein gong i øktfila.",
    ),
    "help.replay": (
        "A replay of the exercise as it happened: nothing can be changed.\n\n"
        "space  play / pause                 + -  faster / slower\n"
        "← →  one minute back / forward      < >  ten minutes back / forward\n"
        "Home  back to the start             End  to the end\n"
        "1 2 3  feed / press / internal      ↑ ↓  select an item\n"
        "ctrl+p  every command               F1 or ?  this help      q  quit",
        "Avspilling av øvelsen slik den gikk: ingenting kan endres.\n\n"
        "mellomrom  spill av / pause         + -  raskere / saktere\n"
        "← →  ett minutt tilbake / fram      < >  ti minutter tilbake / fram\n"
        "Home  tilbake til start             End  til slutten\n"
        "1 2 3  strøm / presse / internt     ↑ ↓  velg innlegg\n"
        "ctrl+p  alle kommandoer             F1 eller ?  denne hjelpen      q  avslutt",
        "Avspeling av øvinga slik ho gjekk: ingenting kan endrast.\n\n"
        "mellomrom  spel av / pause          + -  raskare / saktare\n"
        "← →  eitt minutt tilbake / fram     < >  ti minutt tilbake / fram\n"
        "Home  tilbake til start             End  til slutten\n"
        "1 2 3  straum / presse / internt    ↑ ↓  vel innlegg\n"
        "ctrl+p  alle kommandoar             F1 eller ?  denne hjelpa       q  avslutt",
    ),
    "bind.reply": ("Reply", "Svar", "Svar"),
    "bind.statement": ("Statement", "Uttalelse", "Utsegn"),
    "bind.flag": ("Flag", "Merk", "Merk"),
    "bind.hide": ("Hide", "Skjul", "Skjul"),
    "bind.escalate": ("Escalate", "Eskaler", "Send vidare"),
    "bind.note": ("Note", "Notat", "Notat"),
    "bind.search": ("Search", "Søk", "Søk"),
    "bind.unhandled": ("Unhandled", "Ubehandlet", "Ikkje handsama"),
    "bind.author": ("Author", "Avsender", "Avsendar"),
    "bind.clear": ("Clear", "Tøm", "Tøm"),
    "bind.help": ("Help", "Hjelp", "Hjelp"),
    "bind.quit": ("Quit", "Avslutt", "Avslutt"),
    "bind.facilitator": ("Facilitator", "Øvingsleder", "Øvingsleiar"),
    "bind.pause": ("Pause", "Pause", "Pause"),
    "bind.faster": ("Faster", "Raskere", "Raskare"),
    "bind.slower": ("Slower", "Saktere", "Saktare"),
    "bind.next": ("Next inject", "Neste innspill", "Neste innspel"),
    "bind.adhoc": ("Ad-hoc", "Ad hoc", "Ad hoc"),
    "bind.observe": ("Observe", "Observatørnotat", "Observatørnotat"),
    "bind.end": ("End", "Avslutt øvelse", "Avslutt øvinga"),
    "bind.back": ("Back", "Tilbake", "Tilbake"),
    "bind.theme": ("Theme", "Tema", "Tema"),
    "bind.play": ("Play/pause", "Spill/pause", "Spel/pause"),
    "bind.to_start": ("Start", "Start", "Start"),
    "bind.to_end": ("End", "Slutt", "Slutt"),
    "group.speed": ("Speed", "Hastighet", "Fart"),
    # the command palette: Textual's own commands and texts, in the console's language
    "palette.placeholder": (
        "Search for commands…",
        "Søk etter kommandoer …",
        "Søk etter kommandoar …",
    ),
    "palette.none": ("No matches found", "Ingen treff", "Ingen treff"),
    "palette.themes": ("Search for themes…", "Søk etter fargetema …", "Søk etter fargetema …"),
    "bind.palette": ("palette", "kommandoer", "kommandoar"),
    "palette.tooltip": (
        "Open the command palette",
        "Åpne kommandolisten",
        "Opne kommandolista",
    ),
    "cmd.keys.help": (
        "Show every key and what it does",
        "Vis alle tastene og hva de gjør",
        "Vis alle tastane og kva dei gjer",
    ),
    "cmd.pick_theme": (
        "Choose a colour theme",
        "Velg et fargetema",
        "Vel eit fargetema",
    ),
    "cmd.quit.help": (
        "Close the console; everything done so far is saved",
        "Lukk konsollen; alt som er gjort, er lagret",
        "Lukk konsollen; alt som er gjort, er lagra",
    ),
    "cmd.quit.replay": ("Close the replay", "Lukk avspillingen", "Lukk avspelinga"),
    "cmd.screenshot": ("Screenshot", "Skjermbilde", "Skjermbilete"),
    "cmd.screenshot.help": (
        "Save a picture (SVG) of the screen in the current folder",
        "Lagre et bilde (SVG) av skjermen i mappen du står i",
        "Lagre eit bilete (SVG) av skjermen i mappa du står i",
    ),
    "toast.screenshot": (
        "Screenshot saved: {path}",
        "Skjermbildet er lagret: {path}",
        "Skjermbiletet er lagra: {path}",
    ),
    "cmd.theme": ("Switch dark / light theme", "Bytt mørkt / lyst tema", "Byt mørkt / lyst tema"),
    "cmd.name": ("Set my name", "Sett navnet mitt", "Set namnet mitt"),
    "name.title": (
        "Your name, recorded with your actions",
        "Ditt navn, lagres med handlingene",
        "Namnet ditt, lagra med handlingane",
    ),
    "yes": ("y", "j", "j"),
    "replay.readonly": (
        "This is a replay: nothing can be changed.",
        "Dette er en avspilling: ingenting kan endres.",
        "Dette er ei avspeling: ingenting kan endrast.",
    ),
    "after.title": ("Debrief", "Evaluering", "Evaluering"),
    "after.score": ("score", "poeng", "poeng"),
    "after.summary": ("Summary", "Oppsummering", "Oppsummering"),
    "after.timeline": ("Timeline", "Tidslinje", "Tidslinje"),
    "after.rumours": ("Rumour reach", "Ryktenes rekkevidde", "Kor langt rykta nådde"),
    "after.minutes": ("minutes from T+0", "minutter fra T+0", "minutt frå T+0"),
    "after.delivered": ("delivered", "levert", "levert"),
    "after.deadline": ("deadline", "frist", "frist"),
    "after.response": ("response", "svar", "svar"),
}
