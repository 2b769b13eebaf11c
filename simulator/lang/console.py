"""The console's words: screens, dialogs, keys, the command palette, the after-action view."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CONSOLE: Final[dict[str, Entry]] = {
    # key: (English, bokmål[, nynorsk])
    "app.title": ("crisis-sim", "crisis-sim"),
    "briefing.title": ("Exercise briefing", "Orientering før øvelsen"),
    "briefing.organisation": ("Your organisation", "Din organisasjon"),
    "briefing.start": ("Fictional start", "Fiktiv start"),
    "briefing.duration": ("Duration", "Varighet"),
    "briefing.channels": ("Channels", "Kanaler"),
    "briefing.name": (
        "Your name (recorded with your actions)",
        "Ditt navn (lagres med handlingene dine)",
    ),
    "briefing.begin": ("Press Enter to begin the exercise", "Trykk Enter for å starte øvelsen"),
    "briefing.resume": (
        "Press Enter to reopen the exercise (it stays paused)",
        "Trykk Enter for å åpne øvelsen igjen (den står på pause)",
    ),
    "channel.social": ("Social media", "Sosiale medier"),
    "channel.press": ("Press", "Presse"),
    "channel.news": ("News", "Nyheter"),
    "channel.internal": ("Internal", "Internt"),
    "tab.feed": ("Feed", "Strøm"),
    "tab.press": ("Press inbox", "Presseinnboks"),
    "tab.internal": ("Internal", "Internt"),
    "status.running": ("running", "går"),
    "status.paused": ("PAUSED", "PAUSE"),
    "status.ended": ("ENDED", "AVSLUTTET"),
    "status.unread": ("unread", "ulest"),
    "status.press": ("press open", "presse åpne"),
    "status.overdue": ("overdue", "på overtid"),
    "detail.empty": ("Select an item to see it here.", "Velg et innlegg for å se det her."),
    "detail.thread": ("Thread", "Tråd"),
    "detail.done": ("Done about it", "Gjort med saken"),
    "detail.nothing": ("Nothing yet.", "Ingenting ennå."),
    "detail.views": ("views", "visninger"),
    "detail.likes": ("likes", "liker"),
    "detail.shares": ("shares", "delinger"),
    "detail.due": ("answer due in", "svarfrist om"),
    "detail.overdue": ("overdue by", "over fristen med"),
    "done.reply": ("replied", "svart"),
    "done.statement": ("statement", "uttalelse"),
    "done.flag": ("flagged as {label}", "merket som {label}"),
    "done.hide": ("hidden", "skjult"),
    "done.escalate": ("escalated", "eskalert"),
    "done.note": ("note", "notat"),
    "done.observer": ("observer note", "observatørnotat"),
    "label.valid": ("valid", "korrekt"),
    "label.misleading": ("misleading", "villedende"),
    "label.irrelevant": ("irrelevant", "irrelevant"),
    "role.citizen": ("citizen", "innbygger"),
    "role.journalist": ("journalist", "journalist"),
    "role.media": ("media", "medie"),
    "role.influencer": ("influencer", "påvirker"),
    "role.activist": ("activist", "aktivist"),
    "role.agency": ("agency", "etat"),
    "role.employee": ("employee", "ansatt"),
    "role.team": ("us", "oss"),
    "monitor.trending": ("Trending, last 10 min", "Trender, siste 10 min"),
    "monitor.rate": ("Posts per minute", "Innlegg per minutt"),
    "monitor.none": ("Nothing yet.", "Ingenting ennå."),
    "compose.reply": ("Reply to {name}", "Svar til {name}"),
    "compose.statement": ("New statement", "Ny uttalelse"),
    "compose.channel": ("Channel", "Kanal"),
    "compose.ok": ("No guideline warnings.", "Ingen advarsler mot retningslinjene."),
    "compose.warnings": ("Guideline warnings:", "Advarsler mot retningslinjene:"),
    "finding.avoid": ("avoided phrase \u201c{match}\u201d", "unngått uttrykk «{match}»"),
    "finding.national_id": ("national identity number {match}", "fødselsnummer {match}"),
    "finding.email": ("private e-mail address {match}", "privat e-postadresse {match}"),
    "finding.phone": ("private phone number {match}", "privat telefonnummer {match}"),
    "flag.title": ("Flag this item as", "Merk innlegget som"),
    "note.title": ("Logbook note", "Loggnotat"),
    "observer.title": ("Observer note", "Observatørnotat"),
    "observer.notes": (
        "Observer notes (the team does not see them)",
        "Observatørnotater (laget ser dem ikke)",
    ),
    "search.placeholder": (
        "Search the feed (Enter applies, Esc clears)",
        "Søk i strømmen (Enter søker, Esc tømmer)",
    ),
    "filter.none": ("all items", "alle innlegg"),
    "filter.unhandled": ("not yet handled", "ikke behandlet"),
    "filter.author": ("by {name}", "fra {name}"),
    "filter.search": ("matching \u201c{query}\u201d", "som inneholder «{query}»"),
    "quit.confirm": (
        "The exercise is running. Quit? Everything so far is saved. (y/n)",
        "Øvelsen pågår. Avslutte? Alt så langt er lagret. (j/n)",
    ),
    "end.confirm": ("End the exercise for everyone? (y/n)", "Avslutte øvelsen for alle? (j/n)"),
    "error.action": ("Not done: {message}", "Ikke utført: {message}"),
    "error.store": (
        "Saving failed: {message}. What was saved before is kept.",
        "Lagring feilet: {message}. Det som alt var lagret, er beholdt.",
    ),
    "toast.published": ("Published.", "Publisert."),
    "toast.flagged": ("Flagged as {label}.", "Merket som {label}."),
    "toast.hidden": ("Hidden.", "Skjult."),
    "toast.escalated": ("Escalated.", "Eskalert."),
    "toast.noted": ("Note saved.", "Notat lagret."),
    "toast.speed": ("Speed {speed}x", "Hastighet {speed}x"),
    "toast.adhoc": ("Delivered.", "Levert."),
    "toast.ended": ("The exercise has ended.", "Øvelsen er avsluttet."),
    "facilitator.title": ("Facilitator", "Øvingsleder"),
    "facilitator.help": (
        "space pause/resume · +/- speed · j next inject · a ad-hoc inject · "
        "o observer note · E end · F2 back",
        "mellomrom pause/fortsett · +/- hastighet · j neste innspill · "
        "a ad hoc-innspill · o observatørnotat · E avslutt · F2 tilbake",
    ),
    "msel.id": ("inject", "innspill"),
    "msel.due": ("due", "tid"),
    "msel.channel": ("channel", "kanal"),
    "msel.kind": ("kind", "type"),
    "msel.from": ("from", "fra"),
    "msel.status": ("status", "status"),
    "msel.text": ("text", "tekst"),
    "state.pending": ("pending", "venter"),
    "state.delivered": ("delivered", "levert"),
    "state.met": ("met", "innfridd"),
    "state.late": ("late", "for sent"),
    "state.missed": ("missed", "ikke innfridd"),
    "state.never": ("never", "aldri"),
    "adhoc.title": ("Ad-hoc inject: delivered now", "Ad hoc-innspill: leveres nå"),
    "adhoc.persona": ("As", "Som"),
    "adhoc.kind": ("Kind", "Type"),
    "adhoc.text": ("Text (Enter delivers)", "Tekst (Enter leverer)"),
    "help.title": ("Help", "Hjelp"),
    "help.body": (
        "Monitor the feed, sort it, and respond.\n\n"
        "Tab / shift+Tab  move between the lists and the detail pane\n"
        "↑ ↓  select an item        1 2 3  feed / press / internal\n"
        "r  reply        s  statement      f  flag (valid, misleading, irrelevant)\n"
        "h  hide         e  escalate       n  logbook note\n"
        "/  search       u  only items not yet handled    a  only this author\n"
        "c  clear filters                  F2  facilitator screen\n"
        "ctrl+p  every command             F1 or ?  this help      q  quit\n\n"
        "Everything you do is saved at once in the session file.",
        "Følg med på strømmen, sorter og svar.\n\n"
        "Tab / shift+Tab  flytt mellom listene og detaljvisningen\n"
        "↑ ↓  velg innlegg          1 2 3  strøm / presse / internt\n"
        "r  svar         s  uttalelse      f  merk (korrekt, villedende, irrelevant)\n"
        "h  skjul        e  eskaler        n  loggnotat\n"
        "/  søk          u  bare ubehandlede innlegg      a  bare denne avsenderen\n"
        "c  fjern filtre                   F2  øvingsleder\n"
        "ctrl+p  alle kommandoer           F1 eller ?  denne hjelpen      q  avslutt\n\n"
        "Alt du gjør, lagres straks i øktfila.",
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
    ),
    "bind.reply": ("Reply", "Svar"),
    "bind.statement": ("Statement", "Uttalelse"),
    "bind.flag": ("Flag", "Merk"),
    "bind.hide": ("Hide", "Skjul"),
    "bind.escalate": ("Escalate", "Eskaler"),
    "bind.note": ("Note", "Notat"),
    "bind.search": ("Search", "Søk"),
    "bind.unhandled": ("Unhandled", "Ubehandlet"),
    "bind.author": ("Author", "Avsender"),
    "bind.clear": ("Clear", "Tøm"),
    "bind.help": ("Help", "Hjelp"),
    "bind.quit": ("Quit", "Avslutt"),
    "bind.facilitator": ("Facilitator", "Øvingsleder"),
    "bind.pause": ("Pause", "Pause"),
    "bind.faster": ("Faster", "Raskere"),
    "bind.slower": ("Slower", "Saktere"),
    "bind.next": ("Next inject", "Neste innspill"),
    "bind.adhoc": ("Ad-hoc", "Ad hoc"),
    "bind.observe": ("Observe", "Observer"),
    "bind.end": ("End", "Avslutt øvelse"),
    "bind.back": ("Back", "Tilbake"),
    "bind.theme": ("Theme", "Tema"),
    "bind.play": ("Play/pause", "Spill/pause"),
    "bind.to_start": ("Start", "Start"),
    "bind.to_end": ("End", "Slutt"),
    "group.speed": ("Speed", "Hastighet"),
    "cmd.theme": ("Switch dark / light theme", "Bytt mørkt / lyst tema"),
    "cmd.name": ("Set my name", "Sett navnet mitt"),
    "name.title": ("Your name, recorded with your actions", "Ditt navn, lagres med handlingene"),
    "yes": ("y", "j"),
    "replay.readonly": (
        "This is a replay: nothing can be changed.",
        "Dette er en avspilling: ingenting kan endres.",
    ),
    "after.title": ("Debrief", "Evaluering"),
    "after.score": ("score", "poeng"),
    "after.summary": ("Summary", "Oppsummering"),
    "after.timeline": ("Timeline", "Tidslinje"),
    "after.rumours": ("Rumour reach", "Ryktenes rekkevidde"),
    "after.minutes": ("minutes from T+0", "minutter fra T+0"),
    "after.delivered": ("delivered", "levert"),
    "after.deadline": ("deadline", "frist"),
    "after.response": ("response", "svar"),
    "after.col.inject": ("inject", "innspill"),
    "after.col.do": ("expected", "forventet"),
    "after.col.delivered": ("delivered", "levert"),
    "after.col.deadline": ("deadline", "frist"),
    "after.col.responded": ("responded", "svart"),
    "after.col.response": ("response time", "svartid"),
    "after.col.status": ("status", "status"),
    "after.col.points": ("points", "poeng"),
}
