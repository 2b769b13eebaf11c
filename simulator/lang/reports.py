"""The debrief's words: the terminal table, Markdown, the HTML report and the after-action
view. JSON and CSV keep their English field names: programs read those, and a rename would
break them."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

REPORTS: Final[dict[str, Entry]] = {
    # key: (English, bokmål[, nynorsk])
    "debrief.title": ("Debrief: {title}", "Evaluering: {title}"),
    "summary": ("Summary", "Oppsummering"),
    "expectations": ("Expectations", "Forventninger"),
    "expectations.compared": ("Expectations, side by side", "Forventninger side om side"),
    "findings": ("Guideline findings", "Brudd på retningslinjene"),
    "figure": ("figure", "nøkkeltall"),
    "seed": ("seed", "seed"),
    "interrupted": ("interrupted", "avbrutt"),
    "complete": ("complete", "fullført"),
    "quoted": ("\u201c{text}\u201d", "«{text}»"),
    "status.met": ("met", "innfridd"),
    "status.late": ("late", "for sent"),
    "status.missed": ("missed", "ikke innfridd"),
    "status.open": ("open", "åpen"),  # an interrupted session's expectation still running
    "col.inject": ("inject", "innspill"),
    "col.do": ("do", "forventet"),
    "col.delivered": ("delivered", "levert"),
    "col.deadline": ("deadline", "frist"),
    "col.responded": ("responded", "svart"),
    "col.response": ("response", "svartid"),
    "col.response_time": ("response time", "svartid"),
    "col.status": ("status", "status"),
    "col.pts": ("pts", "poeng"),
    "col.points": ("points", "poeng"),
    "channel.social": ("social media", "sosiale medier"),
    "channel.press": ("press", "presse"),
    "channel.news": ("news", "nyheter"),
    "channel.internal": ("internal", "internt"),
    # the summary's figures
    "summary.score": ("score (0–100)", "poengsum (0–100)"),
    "summary.outcome": ("met / late / missed", "innfridd / for sent / ikke innfridd"),
    "summary.on_time": ("on time", "i tide"),
    "summary.response": (
        "response time median / p90 / max (scenario time)",
        "svartid median / p90 / maks (scenariotid)",
    ),
    "summary.response_wall": (
        "response time median / p90 / max (real time)",
        "svartid median / p90 / maks (sanntid)",
    ),
    "summary.first_statement": ("first public statement", "første offentlige uttalelse"),
    "summary.press": ("press questions answered on time", "pressehenvendelser besvart i tide"),
    "summary.flags": (
        "flag precision / recall / F1 (misleading)",
        "merking som villedende: presisjon / dekning / F1",
    ),
    "summary.exposure": ("rumour exposure (views)", "ryktenes rekkevidde (visninger)"),
    "summary.sensitive": ("sensitive items hidden", "sensitive innlegg skjult"),
    "summary.sensitive_up": (
        "longest a sensitive item stayed up",
        "lengste tid et sensitivt innlegg var synlig",
    ),
    "summary.findings": ("guideline findings", "brudd på retningslinjene"),
    "summary.members": ("actions per team member", "handlinger per deltaker"),
    "value.of": ("{count} of {total}", "{count} av {total}"),
    "value.no_target": ("{time} (no target)", "{time} (uten mål)"),
    "value.target": ("{time} (target {target})", "{time} (mål {target})"),
    "value.target_verdict": (
        "{time} (target {target}, {verdict})",
        "{time} (mål {target}, {verdict})",
    ),
    "value.on_time": ("on time", "i tide"),
    "value.not_on_time": ("not on time", "ikke i tide"),
    "value.no_name": ("(no name)", "(uten navn)"),
    # the HTML page
    "html.kind": ("crisis-sim debrief", "crisis-sim evaluering"),
    "html.compared": ("{count} sessions compared", "{count} økter sammenlignet"),
    "html.scenario": ("Scenario", "Scenario"),
    "html.facts": (
        "duration {duration} · times are scenario time from T+0",
        "varighet {duration} · tidene er scenariotid fra T+0",
    ),
    "html.session_file": ("session file", "øktfil"),
    "html.state": ("state", "tilstand"),
    "html.at": ("at {time}", "ved {time}"),
    "html.interrupted_head": ("Session #{number} was interrupted", "Økt #{number} ble avbrutt"),
    "html.interrupted_body": (
        "at {time} (it has no end event). It is scored up to its last event: expectations "
        "still open then are not counted.",
        "ved {time} (den har ingen slutthendelse). Den er vurdert fram til siste hendelse: "
        "forventninger som fortsatt var åpne da, telles ikke.",
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
    ),
    "html.timeline": ("Timeline", "Tidslinje"),
    "html.legend.window": ("from delivery to deadline", "fra levering til frist"),
    "html.legend.missed": ("missed (at the deadline)", "ikke innfridd (ved fristen)"),
    "html.legend.inject": ("{channel} inject", "innspill: {channel}"),
    "html.legend.action": ("team action", "handling fra laget"),
    "html.timeline.aria": (
        "Timeline of deliveries, deadlines and responses",
        "Tidslinje over leveringer, frister og svar",
    ),
    "html.aria.session": ("{label}, session {number}", "{label}, økt {number}"),
    "html.lane.deliveries": ("scripted injects delivered", "innspill levert"),
    "html.lane.actions": ("team actions", "lagets handlinger"),
    "html.none": ("none", "ingen"),
    "html.no_expectation": (
        "No expectation was due in this session.",
        "Ingen forventning hadde frist i denne økten.",
    ),
    "html.no_expectations": (
        "No expectation was due in these sessions.",
        "Ingen forventning hadde frist i disse øktene.",
    ),
    "html.timeline.note": (
        "Each row is one expectation: the bar runs from the inject’s delivery to its deadline "
        "(the short upright line), and the marker shows the first qualifying action. Hover "
        "over a mark for its details.",
        "Hver rad er én forventning: streken går fra innspillet ble levert til fristen (den "
        "korte loddrette streken), og merket viser den første handlingen som innfridde. Hold "
        "musepekeren over et merke for å se detaljene.",
    ),
    "html.axis.minutes": ("minutes after T+0", "minutter etter T+0"),
    "html.interrupted_at": ("interrupted at {time}", "avbrutt ved {time}"),
    "html.expectation.answer": (
        ", responded {time} (after {wait})",
        ", svart {time} (etter {wait})",
    ),
    "html.expectation.no_answer": (", no response", ", ikke svart"),
    "html.expectation.title": (
        "{inject} · {do}: delivered {delivered}, deadline {deadline}{answer}: {status}",
        "{inject} · {do}: levert {delivered}, frist {deadline}{answer}: {status}",
    ),
    "html.rumours": ("Rumour reach", "Ryktenes rekkevidde"),
    "html.rumours.note": (
        "Views of each misleading item over time, on a logarithmic scale (each grid line is "
        "ten times the one below). A curve flattens where the team corrected the rumour "
        "(marked with a ring); one that is never corrected keeps growing toward its peak. The "
        "numbers at the right match the table below.",
        "Visninger av hvert villedende innlegg over tid, på logaritmisk skala (hver linje er "
        "ti ganger linja under). En kurve flater ut der laget korrigerte ryktet (merket med "
        "en ring); en som aldri blir korrigert, fortsetter å vokse mot toppen. Tallene til "
        "høyre svarer til tabellen under.",
    ),
    "html.rumours.none": (
        "No misleading item was delivered in this session.",
        "Ingen villedende innlegg ble levert i denne økten.",
    ),
    "html.rumours.aria": ("Rumour reach curves", "Kurver for ryktenes rekkevidde"),
    "html.rumours.axis": ("views (log scale)", "visninger (log-skala)"),
    "html.rumours.item": ("item", "innlegg"),
    "html.rumours.corrected": ("corrected", "korrigert"),
    "html.rumours.views": ("views (at correction or end)", "visninger (ved korrigering/slutt)"),
    "html.rumours.not_corrected": ("not corrected", "ikke korrigert"),
    "html.rumours.curve": (
        "{number}. {item}: {views} views",
        "{number}. {item}: {views} visninger",
    ),
    "html.rumours.correction": (
        "{item} corrected at {time} with {views} views",
        "{item} korrigert ved {time} med {views} visninger",
    ),
    "html.rumours.omitted": (
        "{total} misleading items were delivered. Shown: the {shown} with the most views",
        "{total} villedende innlegg ble levert. Vist: de {shown} med flest visninger",
    ),
    "html.rumours.also_corrected": (
        " and {count} more that the team corrected",
        " og {count} til som laget korrigerte",
    ),
    "html.rumours.rest": (
        "; {count} more are omitted here ({views} views between them, included in the rumour "
        "exposure).",
        "; {count} til er utelatt her ({views} visninger til sammen, regnet med i ryktenes "
        "rekkevidde).",
    ),
    "html.not_delivered": ("— not delivered", "— ikke levert"),
    "html.in": ("in {time}", "på {time}"),
    "html.window": ("{delivered} → deadline {deadline}", "{delivered} → frist {deadline}"),
    "html.findings.before": (
        "Breaches found in what the team published: avoided phrases (",
        "Brudd funnet i det laget publiserte: uttrykk som skal unngås (",
    ),
    "html.findings.after": (
        "), national identity numbers, and e-mail addresses or phone numbers that private "
        "people had posted.",
        "), fødselsnumre, og e-postadresser eller telefonnumre som privatpersoner hadde lagt ut.",
    ),
    "html.findings.time": ("time", "tid"),
    "html.findings.action": ("action", "handling"),
    "html.findings.rule": ("rule", "regel"),
    "html.findings.found": ("found", "funnet"),
    "html.findings.none": ("No guideline findings.", "Ingen brudd på retningslinjene."),
    "html.footer": (
        "Made by crisis-sim {version} from the session file alone.",
        "Laget av crisis-sim {version} ut fra øktfila alene.",
    ),
    "html.footer.compared": (
        "Made by crisis-sim {version} from the session files alone.",
        "Laget av crisis-sim {version} ut fra øktfilene alene.",
    ),
    "html.footer.score": (
        "The score weighs each expectation by its points: met counts in full, late counts "
        "half, missed counts nothing.",
        "Poengsummen vekter hver forventning med poengene sine: innfridd teller fullt, for "
        "sent teller halvt, ikke innfridd teller ingenting.",
    ),
}
