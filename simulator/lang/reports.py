"""The debrief's words: the terminal table, Markdown, the HTML report and the after-action
view. JSON and CSV keep their English field names: programs read those, and a rename would
break them."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

REPORTS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "debrief.title": ("Debrief: {title}", "Evaluering: {title}", "Evaluering: {title}"),
    "summary": ("Summary", "Oppsummering", "Oppsummering"),
    "expectations": ("Expectations", "Forventninger", "Forventingar"),
    "expectations.compared": (
        "Expectations, side by side",
        "Forventninger side om side",
        "Forventingar side om side",
    ),
    "findings": ("Guideline findings", "Brudd på retningslinjene", "Brot på retningslinjene"),
    "figure": ("figure", "nøkkeltall", "nøkkeltal"),
    "seed": ("seed", "seed", "seed"),
    "interrupted": ("interrupted", "avbrutt", "avbroten"),
    "complete": ("complete", "fullført", "fullført"),
    "quoted": ("\u201c{text}\u201d", "«{text}»", "«{text}»"),
    "status.met": ("met", "innfridd", "innfridd"),
    "status.late": ("late", "for sent", "for seint"),
    "status.missed": ("missed", "ikke innfridd", "ikkje innfridd"),
    "status.open": ("open", "åpen", "open"),  # an interrupted session's expectation still running
    "col.inject": ("inject", "innspill", "innspel"),
    "col.do": ("expected", "forventet", "forventa"),
    "col.delivered": ("delivered", "levert", "levert"),
    "col.deadline": ("deadline", "frist", "frist"),
    "col.responded": ("responded", "svart", "svart"),
    "col.response": ("response", "svartid", "svartid"),
    "col.response_time": ("response time", "svartid", "svartid"),
    "col.status": ("status", "status", "status"),
    "col.pts": ("pts", "poeng", "poeng"),
    "col.points": ("points", "poeng", "poeng"),
    "channel.social": ("social media", "sosiale medier", "sosiale medium"),
    "channel.press": ("press", "presse", "presse"),
    "channel.news": ("news", "nyheter", "nyheiter"),
    "channel.internal": ("internal", "internt", "internt"),
    # what a team does (a scenario's "do"), and the rules a published text can break
    "action.reply": ("reply", "svar", "svar"),
    "action.statement": ("statement", "uttalelse", "utsegn"),
    "action.flag": ("flag", "merking", "merking"),
    "action.hide": ("hide", "skjuling", "skjuling"),
    "action.escalate": ("escalate", "eskalering", "sending vidare"),
    "action.note": ("note", "notat", "notat"),
    "action.any": ("any action", "hva som helst", "kva som helst"),
    "rule.avoid": ("avoided phrase", "ord dere har valgt å unngå", "ord de har valt å unngå"),
    "rule.national_id": ("national identity number", "fødselsnummer", "fødselsnummer"),
    "rule.email": ("private e-mail address", "privat e-postadresse", "privat e-postadresse"),
    "rule.phone": ("private phone number", "privat telefonnummer", "privat telefonnummer"),
    # the summary's figures
    "summary.score": ("score (0–100)", "poengsum (0–100)", "poengsum (0–100)"),
    "summary.outcome": (
        "met / late / missed",
        "innfridd / for sent / ikke innfridd",
        "innfridd / for seint / ikkje innfridd",
    ),
    "summary.on_time": ("on time", "i tide", "i tide"),
    "summary.response": (
        "response time median / p90 / max (scenario time)",
        "svartid median / p90 / maks (scenariotid)",
        "svartid median / p90 / maks (scenariotid)",
    ),
    "summary.response_wall": (
        "response time median / p90 / max (real time)",
        "svartid median / p90 / maks (sanntid)",
        "svartid median / p90 / maks (sanntid)",
    ),
    "summary.first_statement": (
        "first public statement",
        "første offentlige uttalelse",
        "første offentlege utsegn",
    ),
    "summary.press": (
        "press questions answered on time",
        "pressehenvendelser besvart i tide",
        "pressespørsmål svara i tide",
    ),
    "summary.flags": (
        "flag precision / recall / F1 (misleading)",
        "merking som villedende: presisjon / dekning / F1",
        "merking som villeiande: presisjon / dekning / F1",
    ),
    "summary.exposure": (
        "rumour exposure (views)",
        "ryktenes rekkevidde (visninger)",
        "kor langt rykta nådde (visingar)",
    ),
    "summary.sensitive": (
        "sensitive items hidden",
        "sensitive innlegg skjult",
        "sensitive innlegg skjulte",
    ),
    "summary.sensitive_up": (
        "longest a sensitive item stayed up",
        "lengste tid et sensitivt innlegg var synlig",
        "lengste tid eit sensitivt innlegg var synleg",
    ),
    "summary.findings": (
        "guideline findings",
        "brudd på retningslinjene",
        "brot på retningslinjene",
    ),
    "summary.members": (
        "actions per team member",
        "handlinger per deltaker",
        "handlingar per deltakar",
    ),
    "value.of": ("{count} of {total}", "{count} av {total}", "{count} av {total}"),
    "value.no_target": ("{time} (no target)", "{time} (uten mål)", "{time} (utan mål)"),
    "value.target": ("{time} (target {target})", "{time} (mål {target})", "{time} (mål {target})"),
    "value.target_verdict": (
        "{time} (target {target}, {verdict})",
        "{time} (mål {target}, {verdict})",
        "{time} (mål {target}, {verdict})",
    ),
    "value.on_time": ("on time", "i tide", "i tide"),
    "value.not_on_time": ("not on time", "ikke i tide", "ikkje i tide"),
    "value.no_name": ("(no name)", "(uten navn)", "(utan namn)"),
    # the HTML page
    "html.kind": ("crisis-sim debrief", "crisis-sim evaluering", "crisis-sim evaluering"),
    "html.compared": (
        "{count} sessions compared",
        "{count} økter sammenlignet",
        "{count} økter samanlikna",
    ),
    "html.scenario": ("Scenario", "Scenario", "Scenario"),
    "html.facts": (
        "duration {duration} · times are scenario time from T+0",
        "varighet {duration} · tidene er scenariotid fra T+0",
        "varigheit {duration} · tidene er scenariotid frå T+0",
    ),
    "html.session_file": ("session file", "øktfil", "øktfil"),
    "html.state": ("state", "tilstand", "tilstand"),
    "html.at": ("at {time}", "ved {time}", "ved {time}"),
    "html.interrupted_head": (
        "Session #{number} was interrupted",
        "Økt #{number} ble avbrutt",
        "Økt #{number} vart avbroten",
    ),
    "html.interrupted_body": (
        "at {time} (it has no end event). It is scored up to its last event: expectations "
        "still open then are not counted.",
        "ved {time} (den har ingen slutthendelse). Den er vurdert fram til siste hendelse: "
        "forventninger som fortsatt var åpne da, telles ikke.",
        "ved {time} (ho har inga slutthending). Ho er vurdert fram til siste hending: "
        "forventingar som framleis var opne då, blir ikkje talde med.",
    ),
    "html.undefined": (
        "“—” marks a figure that is undefined for the session (for example a precision when "
        "nothing was flagged); it is never counted as 0. Rumour exposure is the sum of the "
        "views of all misleading items at their correction, or at the end for those never "
        "corrected.",
        "«—» betyr at tallet ikke finnes for økten (for eksempel presisjon når ingenting ble "
        "merket); det telles aldri som 0. Ryktenes rekkevidde er summen av visningene til alle "
        "villedende innlegg da de ble korrigert, eller ved slutten for dem som aldri ble "
        "korrigert.",
        "«—» tyder at talet ikkje finst for økta (til dømes presisjon når ingenting vart merkt); "
        "det blir aldri talt som 0. Kor langt rykta nådde, er summen av visingane til alle "
        "villeiande innlegg då dei vart retta opp, eller ved slutten for dei som aldri vart "
        "retta opp.",
    ),
    "html.timeline": ("Timeline", "Tidslinje", "Tidslinje"),
    "html.legend.window": (
        "from delivery to deadline",
        "fra levering til frist",
        "frå levering til frist",
    ),
    "html.legend.missed": (
        "missed (at the deadline)",
        "ikke innfridd (ved fristen)",
        "ikkje innfridd (ved fristen)",
    ),
    "html.legend.inject": ("{channel} inject", "innspill: {channel}", "innspel: {channel}"),
    "html.legend.action": ("team action", "handling fra laget", "handling frå laget"),
    "html.timeline.aria": (
        "Timeline of deliveries, deadlines and responses",
        "Tidslinje over leveringer, frister og svar",
        "Tidslinje over leveringar, fristar og svar",
    ),
    "html.aria.session": (
        "{label}, session {number}",
        "{label}, økt {number}",
        "{label}, økt {number}",
    ),
    "html.lane.deliveries": ("scripted injects delivered", "innspill levert", "innspel leverte"),
    "html.lane.actions": ("team actions", "lagets handlinger", "handlingane til laget"),
    "html.none": ("none", "ingen", "ingen"),
    "html.no_expectation": (
        "No expectation was due in this session.",
        "Ingen forventning hadde frist i denne økten.",
        "Ingen forventing hadde frist i denne økta.",
    ),
    "html.no_expectations": (
        "No expectation was due in these sessions.",
        "Ingen forventning hadde frist i disse øktene.",
        "Ingen forventing hadde frist i desse øktene.",
    ),
    "html.timeline.note": (
        "Each row is one expectation: the bar runs from the inject’s delivery to its deadline "
        "(the short upright line), and the marker shows the first qualifying action. Hover "
        "over a mark for its details.",
        "Hver rad er én forventning: streken går fra innspillet ble levert til fristen (den "
        "korte loddrette streken), og merket viser den første handlingen som innfridde. Hold "
        "musepekeren over et merke for å se detaljene.",
        "Kvar rad er éi forventing: streken går frå innspelet vart levert til fristen (den korte "
        "loddrette streken), og merket viser den første handlinga som innfridde. Hald "
        "musepeikaren over eit merke for å sjå detaljane.",
    ),
    "html.axis.minutes": ("minutes after T+0", "minutter etter T+0", "minutt etter T+0"),
    "html.interrupted_at": ("interrupted at {time}", "avbrutt ved {time}", "avbroten ved {time}"),
    "html.expectation.answer": (
        ", responded {time} (after {wait})",
        ", svart {time} (etter {wait})",
        ", svart {time} (etter {wait})",
    ),
    "html.expectation.no_answer": (", no response", ", ikke svart", ", ikkje svart"),
    "html.expectation.title": (
        "{inject} · {do}: delivered {delivered}, deadline {deadline}{answer}: {status}",
        "{inject} · {do}: levert {delivered}, frist {deadline}{answer}: {status}",
        "{inject} · {do}: levert {delivered}, frist {deadline}{answer}: {status}",
    ),
    "html.rumours": ("Rumour reach", "Ryktenes rekkevidde", "Kor langt rykta nådde"),
    "html.rumours.note": (
        "Views of each misleading item over time, on a logarithmic scale (each grid line is "
        "ten times the one below). A curve flattens where the team corrected the rumour "
        "(marked with a ring); one that is never corrected keeps growing toward its peak. The "
        "numbers at the right match the table below.",
        "Visninger av hvert villedende innlegg over tid, på logaritmisk skala (hver linje er "
        "ti ganger linja under). En kurve flater ut der laget korrigerte ryktet (merket med "
        "en ring); en som aldri blir korrigert, fortsetter å vokse mot toppen. Tallene til "
        "høyre svarer til tabellen under.",
        "Visingar av kvart villeiande innlegg over tid, på logaritmisk skala (kvar linje er ti "
        "gonger linja under). Ei kurve flatar ut der laget retta opp ryktet (merkt med ein "
        "ring); ei som aldri blir retta opp, held fram med å vekse mot toppen. Tala til høgre "
        "svarer til tabellen under.",
    ),
    "html.rumours.none": (
        "No misleading item was delivered in this session.",
        "Ingen villedende innlegg ble levert i denne økten.",
        "Ingen villeiande innlegg vart leverte i denne økta.",
    ),
    "html.rumours.aria": (
        "Rumour reach curves",
        "Kurver for ryktenes rekkevidde",
        "Kurver for kor langt rykta nådde",
    ),
    "html.rumours.axis": ("views (log scale)", "visninger (log-skala)", "visingar (log-skala)"),
    "html.rumours.item": ("item", "innlegg", "innlegg"),
    "html.rumours.corrected": ("corrected", "korrigert", "retta opp"),
    "html.rumours.views": (
        "views (at correction or end)",
        "visninger (ved korrigering/slutt)",
        "visingar (ved oppretting/slutt)",
    ),
    "html.rumours.not_corrected": ("not corrected", "ikke korrigert", "ikkje retta opp"),
    "html.rumours.curve": (
        "{number}. {item}: {views} views",
        "{number}. {item}: {views} visninger",
        "{number}. {item}: {views} visingar",
    ),
    "html.rumours.correction": (
        "{item} corrected at {time} with {views} views",
        "{item} korrigert ved {time} med {views} visninger",
        "{item} retta opp ved {time} med {views} visingar",
    ),
    "html.rumours.omitted": (
        "{total} misleading items were delivered. Shown: the {shown} with the most views",
        "{total} villedende innlegg ble levert. Vist: de {shown} med flest visninger",
        "{total} villeiande innlegg vart leverte. Viste: dei {shown} med flest visingar",
    ),
    "html.rumours.also_corrected": (
        " and {count} more that the team corrected",
        " og {count} til som laget korrigerte",
        " og {count} til som laget retta opp",
    ),
    "html.rumours.rest": (
        "; {count} more are omitted here ({views} views between them, included in the rumour "
        "exposure).",
        "; {count} til er utelatt her ({views} visninger til sammen, regnet med i ryktenes "
        "rekkevidde).",
        "; {count} til er utelatne her ({views} visingar til saman, rekna med i kor langt rykta "
        "nådde).",
    ),
    "html.not_delivered": ("— not delivered", "— ikke levert", "— ikkje levert"),
    "html.in": ("in {time}", "på {time}", "på {time}"),
    "html.window": (
        "{delivered} → deadline {deadline}",
        "{delivered} → frist {deadline}",
        "{delivered} → frist {deadline}",
    ),
    "html.findings.before": (
        "Breaches found in what the team published: avoided phrases (",
        "Brudd funnet i det laget publiserte: ord dere har valgt å unngå (",
        "Brot funne i det laget publiserte: ord de har valt å unngå (",
    ),
    "html.findings.after": (
        "), national identity numbers, and e-mail addresses or phone numbers that private "
        "people had posted.",
        "), fødselsnumre, og e-postadresser eller telefonnumre som privatpersoner hadde lagt ut.",
        "), fødselsnummer, og e-postadresser eller telefonnummer som privatpersonar hadde lagt ut.",
    ),
    "html.findings.time": ("time", "tid", "tid"),
    "html.findings.action": ("action", "handling", "handling"),
    "html.findings.rule": ("rule", "regel", "regel"),
    "html.findings.found": ("found", "funnet", "funne"),
    "html.findings.none": (
        "No guideline findings.",
        "Ingen brudd på retningslinjene.",
        "Ingen brot på retningslinjene.",
    ),
    "html.footer": (
        "Made by crisis-sim {version} from the session file alone.",
        "Laget av crisis-sim {version} ut fra øktfila alene.",
        "Laga av crisis-sim {version} ut frå øktfila åleine.",
    ),
    "html.footer.compared": (
        "Made by crisis-sim {version} from the session files alone.",
        "Laget av crisis-sim {version} ut fra øktfilene alene.",
        "Laga av crisis-sim {version} ut frå øktfilene åleine.",
    ),
    "html.footer.score": (
        "The score weighs each expectation by its points: met counts in full, late counts "
        "half, missed counts nothing.",
        "Poengsummen vekter hver forventning med poengene sine: innfridd teller fullt, for "
        "sent teller halvt, ikke innfridd teller ingenting.",
        "Poengsummen vektar kvar forventing med poenga sine: innfridd tel fullt, for seint tel "
        "halvt, ikkje innfridd tel ingenting.",
    ),
}
