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
    "status.breach": ("breach", "brudd", "brot"),
    "status.not_reached": ("not reached", "ikke nådd", "ikkje nådd"),
    "not_reached.why": (
        "not reached: the exercise ended before the deadline",
        "ikke nådd: øvelsen sluttet før fristen",
        "ikkje nådd: øvinga slutta før fristen",
    ),
    "col.inject": ("inject", "innspill", "innspel"),
    "col.do": ("expected", "forventet", "forventa"),
    "col.delivered": ("delivered", "levert", "levert"),
    "col.deadline": ("deadline", "frist", "frist"),
    "col.responded": ("responded", "svart", "svara"),
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
    "action.report": ("report", "rapportering", "rapportering"),
    "action.handover": ("handover", "overlevering", "overlevering"),
    "action.ask_removal": (
        "ask the author to remove",
        "be forfatteren fjerne",
        "be forfattaren fjerne",
    ),
    "action.take": ("take the call", "ta telefonen", "ta telefonen"),
    "action.note": ("note", "notat", "notat"),
    "action.any": ("any action", "hva som helst", "kva som helst"),
    "action.unhide": ("show again", "vise igjen", "vise igjen"),
    "action.monitor": (
        "monitor without answering in public",
        "følge med uten å svare offentlig",
        "følgje med utan å svare offentleg",
    ),
    "rule.avoid": ("avoided phrase", "ord dere har valgt å unngå", "ord de har valt å unngå"),
    "rule.national_id": ("national identity number", "fødselsnummer", "fødselsnummer"),
    "rule.email": ("private e-mail address", "privat e-postadresse", "privat e-postadresse"),
    "rule.phone": ("private phone number", "privat telefonnummer", "privat telefonnummer"),
    "rule.forbid": (
        "forbidden claim",
        "påstand som ikke skal brukes",
        "påstand som ikkje skal brukast",
    ),
    "rule.legitimate": (
        "a legitimate post hidden or reported",
        "et lovlig innlegg skjult eller rapportert",
        "eit lovleg innlegg skjult eller rapportert",
    ),
    # the summary's figures
    "summary.score": ("score (0–100)", "poengsum (0–100)", "poengsum (0–100)"),
    "summary.points": ("points", "poeng", "poeng"),
    "value.points": (
        "{earned} of {possible} earned, {penalties} taken off for guideline findings",
        "{earned} av {possible} oppnådd, {penalties} trukket for brudd på retningslinjene",
        "{earned} av {possible} oppnådde, {penalties} trekte for brot på retningslinjene",
    ),
    "summary.outcome": ("outcomes", "utfall", "utfall"),
    "value.outcome": (
        "{met} met, {late} late, {missed} missed, {breach} breaches",
        "{met} innfridd, {late} for sent, {missed} ikke innfridd, {breach} brudd",
        "{met} innfridd, {late} for seint, {missed} ikkje innfridd, {breach} brot",
    ),
    "value.outcome.not_reached": (
        "; {count} not reached (the exercise ended before the deadline)",
        "; {count} ikke nådd (øvelsen sluttet før fristen)",
        "; {count} ikkje nådd (øvinga slutta før fristen)",
    ),
    "value.outcome.open": (
        "; {count} still open",
        "; {count} fortsatt åpne",
        "; {count} framleis opne",
    ),
    "summary.on_time": ("met by the deadline", "innfridd innen fristen", "innfridd innan fristen"),
    "value.met_on_time": (
        "{count} of {total} expectations were met by the deadline",
        "{count} av {total} forventninger ble innfridd innen fristen",
        "{count} av {total} forventingar vart innfridde innan fristen",
    ),
    "summary.response": (
        "response times (scenario time)",
        "svartider (scenariotid)",
        "svartider (scenariotid)",
    ),
    "summary.response_wall": (
        "response times (real time)",
        "svartider (sanntid)",
        "svartider (sanntid)",
    ),
    "value.response": (
        "half of the answers came within {median}, 9 of 10 within {p90}, the slowest after {max}",
        "halvparten av svarene kom innen {median}, 9 av 10 innen {p90}, det tregeste etter {max}",
        "halvparten av svara kom innan {median}, 9 av 10 innan {p90}, det seinaste etter {max}",
    ),
    "value.no_answers": ("no answers", "ingen svar", "ingen svar"),
    "summary.first_statement": (
        "first public statement",
        "første offentlige uttalelse",
        "første offentlege utsegn",
    ),
    "summary.staffed": (
        "told the public when the channels are staffed",
        "fortalte publikum når kanalene er betjent",
        "fortalde publikum når kanalane er betente",
    ),
    "value.hours_told": ("yes, at {time}", "ja, ved {time}", "ja, ved {time}"),
    "value.hours_untold": ("no", "nei", "nei"),
    "summary.press": (
        "press questions answered on time",
        "pressehenvendelser besvart i tide",
        "pressespørsmål svara i tide",
    ),
    "summary.flags": (
        "rumours flagged as misleading",
        "rykter merket som villedende",
        "rykte merkte som villeiande",
    ),
    "value.flags": (
        "rumours flagged correctly: {right} of {total}; flagged wrongly: {wrong}",
        "rykter merket riktig: {right} av {total}; feil merket: {wrong}",
        "rykte merkte rett: {right} av {total}; feil merkte: {wrong}",
    ),
    "summary.exposure": (
        "rumour exposure (views)",
        "ryktenes rekkevidde (visninger)",
        "kor langt rykta nådde (visingar)",
    ),
    "summary.sensitive": (
        "sensitive items hidden or reported",
        "sensitive innlegg skjult eller rapportert",
        "sensitive innlegg skjulte eller rapporterte",
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
        "“—” marks a figure that is undefined for the session (for example response times when "
        "nothing was answered); it is never counted as 0. Rumour exposure is the sum of the "
        "views of all misleading items at the end: a corrected rumour is shared less and less "
        "from its correction on, one never corrected keeps growing.",
        "«—» betyr at tallet ikke finnes for økten (for eksempel svartider når ingenting ble "
        "besvart); det telles aldri som 0. Ryktenes rekkevidde er summen av visningene til alle "
        "villedende innlegg ved slutten: et korrigert rykte deles mindre og mindre fra det ble "
        "korrigert, et som aldri ble korrigert, fortsetter å vokse.",
        "«—» tyder at talet ikkje finst for økta (til dømes svartider når ingenting vart svara "
        "på); det blir aldri talt som 0. Kor langt rykta nådde, er summen av visingane til alle "
        "villeiande innlegg ved slutten: eit rykte som er retta opp, blir delt mindre og mindre "
        "frå det vart retta opp, eitt som aldri vart retta opp, held fram med å vekse.",
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
        ", svara {time} (etter {wait})",
    ),
    "html.expectation.no_answer": (", no response", ", ikke svart", ", ikkje svara"),
    "html.expectation.title": (
        "{inject} · {do}: delivered {delivered}, deadline {deadline}{answer}: {status}",
        "{inject} · {do}: levert {delivered}, frist {deadline}{answer}: {status}",
        "{inject} · {do}: levert {delivered}, frist {deadline}{answer}: {status}",
    ),
    "html.rumours": ("Rumour reach", "Ryktenes rekkevidde", "Kor langt rykta nådde"),
    "html.rumours.note": (
        "Views of each misleading item over time, on a logarithmic scale (each grid line is "
        "ten times the one below). A curve flattens soon after the team corrected the rumour "
        "(marked with a ring); one that is never corrected keeps growing toward its peak. The "
        "numbers at the right match the table below.",
        "Visninger av hvert villedende innlegg over tid, på logaritmisk skala (hver linje er "
        "ti ganger linja under). En kurve flater ut like etter at laget korrigerte ryktet "
        "(merket med en ring); en som aldri blir korrigert, fortsetter å vokse mot toppen. "
        "Tallene til høyre svarer til tabellen under.",
        "Visingar av kvart villeiande innlegg over tid, på logaritmisk skala (kvar linje er ti "
        "gonger linja under). Ei kurve flatar ut like etter at laget retta opp ryktet "
        "(merkt med ein ring); ei som aldri blir retta opp, held fram med å vekse mot toppen. "
        "Tala til høgre svarer til tabellen under.",
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
        "views at the end",
        "visninger ved slutten",
        "visingar ved slutten",
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
        "The score weighs each expectation by its points: met counts in full (half when a "
        "required word is missing), late counts less as the scenario sets, missed and breaches "
        "count nothing, and each guideline finding takes points off. Expectations not reached "
        "are left out.",
        "Poengsummen vekter hver forventning med poengene sine: innfridd teller fullt (halvt når "
        "et ord som kreves, mangler), for sent teller mindre slik scenarioet sier, ikke innfridd "
        "og brudd teller ingenting, og hvert brudd på retningslinjene trekker poeng. "
        "Forventninger som ikke ble nådd, er holdt utenfor.",
        "Poengsummen vektar kvar forventing med poenga sine: innfridd tel fullt (halvt når eit "
        "ord som krevst, manglar), for seint tel mindre slik scenarioet seier, ikkje innfridd og "
        "brot tel ingenting, og kvart brot på retningslinjene trekkjer poeng. Forventingar som "
        "ikkje vart nådde, er haldne utanfor.",
    ),
    "html.contents": ("Contents", "Innhold", "Innhald"),
    # the after-action report's seven sections
    "aar.overview": ("Overview", "Oversikt", "Oversikt"),
    "aar.objectives": ("Objectives", "Øvingsmål", "Øvingsmål"),
    "aar.points": (
        "Strengths and areas for improvement",
        "Styrker og forbedringsområder",
        "Styrkar og forbetringsområde",
    ),
    "aar.texts": ("The team's own texts", "Lagets egne tekster", "Tekstane til laget"),
    "aar.timeline": (
        "Timeline and rumour reach",
        "Tidslinje og ryktenes rekkevidde",
        "Tidslinje og kor langt rykta nådde",
    ),
    "aar.plan": ("Improvement plan", "Forbedringsplan", "Forbetringsplan"),
    "aar.figures": ("Figures", "Nøkkeltall", "Nøkkeltal"),
    "aar.session": ("Session #{number}: {path}", "Økt #{number}: {path}", "Økt #{number}: {path}"),
    # 1. overview
    "overview.scenario": ("scenario", "scenario", "scenario"),
    "overview.date": ("date", "dato", "dato"),
    "overview.team": ("team members", "deltakere", "deltakarar"),
    "overview.evaluators": ("evaluators", "evaluatorer", "evaluatorar"),
    "overview.ran": ("how long it ran", "varighet", "varigheit"),
    "overview.ended": ("how it ended", "slik sluttet den", "slik slutta ho"),
    "overview.file": ("session file", "øktfil", "øktfil"),
    "overview.score": ("score", "poengsum", "poengsum"),
    "value.score": ("{score} of 100", "{score} av 100", "{score} av 100"),
    "value.nobody": ("nobody named", "ingen navn oppgitt", "ingen namn oppgjevne"),
    "value.unknown": ("not recorded", "ikke registrert", "ikkje registrert"),
    "value.ran": (
        "{ran} of scenario time (the scenario lasts {duration})",
        "{ran} scenariotid (scenarioet varer {duration})",
        "{ran} scenariotid (scenarioet varer {duration})",
    ),
    "end.completed": (
        "the scenario's time ran out at {time}",
        "scenarioets tid var ute ved {time}",
        "tida til scenarioet var ute ved {time}",
    ),
    "end.facilitator": (
        "ended by the facilitator at {time}",
        "avsluttet av øvingslederen ved {time}",
        "avslutta av øvingsleiaren ved {time}",
    ),
    "end.other": (
        "ended at {time} ({reason})",
        "avsluttet ved {time} ({reason})",
        "avslutta ved {time} ({reason})",
    ),
    "end.interrupted": (
        "interrupted at {time}: no end was recorded",
        "avbrutt ved {time}: ingen slutt ble registrert",
        "avbroten ved {time}: ingen slutt vart registrert",
    ),
    # 2. objectives
    "objectives.none": (
        "The scenario names no objectives.",
        "Scenarioet har ingen øvingsmål.",
        "Scenarioet har ingen øvingsmål.",
    ),
    "objectives.other": (
        "Expectations without an objective",
        "Forventninger uten øvingsmål",
        "Forventingar utan øvingsmål",
    ),
    "objectives.indicators": ("Indicators: {list}", "Indikatorer: {list}", "Indikatorar: {list}"),
    "objectives.result": (
        "Automatic result: {result}",
        "Automatisk resultat: {result}",
        "Automatisk resultat: {result}",
    ),
    "objectives.nothing": (
        "no expectation was judged",
        "ingen forventning ble vurdert",
        "ingen forventing vart vurdert",
    ),
    "objectives.rating": (
        "Evaluator's rating: {rating}",
        "Evaluatorens vurdering: {rating}",
        "Vurderinga til evaluatoren: {rating}",
    ),
    "objectives.no_rating": (
        "Evaluator's rating: none recorded",
        "Evaluatorens vurdering: ingen registrert",
        "Vurderinga til evaluatoren: inga registrert",
    ),
    "objectives.not_reached": (
        "Not reached: the exercise ended before the deadline",
        "Ikke nådd: øvelsen sluttet før fristen",
        "Ikkje nådd: øvinga slutta før fristen",
    ),
    "rating.P": (
        "performed without challenges",
        "utført uten utfordringer",
        "utført utan utfordringar",
    ),
    "rating.S": (
        "performed with some challenges",
        "utført med noen utfordringer",
        "utført med nokre utfordringar",
    ),
    "rating.M": (
        "performed with major challenges",
        "utført med store utfordringer",
        "utført med store utfordringar",
    ),
    "rating.U": ("unable to be performed", "kunne ikke utføres", "kunne ikkje utførast"),
    "col.item": ("item", "innlegg", "innlegg"),
    "col.outcome": ("outcome", "utfall", "utfall"),
    "col.details": ("details", "detaljer", "detaljar"),
    "col.earned": ("points", "poeng", "poeng"),
    "value.earned": ("{earned} of {points}", "{earned} av {points}", "{earned} av {points}"),
    "detail.answered": (
        "answered {time}, after {wait}",
        "svart {time}, etter {wait}",
        "svara {time}, etter {wait}",
    ),
    "detail.late": (
        "answered {time}, {over} after the deadline {deadline}",
        "svart {time}, {over} etter fristen {deadline}",
        "svara {time}, {over} etter fristen {deadline}",
    ),
    "detail.missed": (
        "no answer by the deadline {deadline}",
        "ikke svart innen fristen {deadline}",
        "ikkje svara innan fristen {deadline}",
    ),
    "detail.missing": ("missing: {words}", "mangler: {words}", "manglar: {words}"),
    "detail.breach": (
        "the answer at {time} said {words}: {reason}",
        "svaret ved {time} sa {words}: {reason}",
        "svaret ved {time} sa {words}: {reason}",
    ),
    "detail.breach_no_reason": (
        "the answer at {time} said {words}",
        "svaret ved {time} sa {words}",
        "svaret ved {time} sa {words}",
    ),
    "detail.monitor": (
        "answered in public at {time} where restraint was expected",
        "besvart offentlig ved {time} der det var ventet at laget holdt seg tilbake",
        "svara offentleg ved {time} der det var venta at laget heldt seg tilbake",
    ),
    "detail.restraint": (
        "restraint held: not answered in public",
        "laget holdt seg tilbake: ikke besvart offentlig",
        "laget heldt seg tilbake: ikkje svara offentleg",
    ),
    "detail.open": (
        "still open when the log stops (deadline {deadline})",
        "fortsatt åpen da loggen stopper (frist {deadline})",
        "framleis open då loggen stoppar (frist {deadline})",
    ),
    "detail.not_reached": (
        "{inject} · {do}: deadline {deadline}",
        "{inject} · {do}: frist {deadline}",
        "{inject} · {do}: frist {deadline}",
    ),
    "count.met": ("{count} met", "{count} innfridd", "{count} innfridd"),
    "count.late": ("{count} late", "{count} for sent", "{count} for seint"),
    "count.missed": ("{count} missed", "{count} ikke innfridd", "{count} ikkje innfridd"),
    "count.breach": ("{count} breach", "{count} brudd", "{count} brot"),
    "count.open": ("{count} still open", "{count} fortsatt åpen", "{count} framleis open"),
    "count.not_reached": ("{count} not reached", "{count} ikke nådd", "{count} ikkje nådd"),
    "count.of": (
        "{count} of {total} expectations met on time",
        "{count} av {total} forventninger innfridd i tide",
        "{count} av {total} forventingar innfridde i tide",
    ),
    # 3. strengths and areas for improvement
    "points.strengths": ("Strengths", "Styrker", "Styrkar"),
    "points.improvements": ("Areas for improvement", "Forbedringsområder", "Forbetringsområde"),
    "points.evaluator": ("{text} ({by}, {time})", "{text} ({by}, {time})", "{text} ({by}, {time})"),
    "points.none": ("None recorded.", "Ingen registrert.", "Ingen registrerte."),
    "points.all_met": (
        "{title}: all {count} expectations met on time",
        "{title}: alle {count} forventninger innfridd i tide",
        "{title}: alle {count} forventingane innfridde i tide",
    ),
    "points.all_met_one": (
        "{title}: its one expectation met on time",
        "{title}: den ene forventningen innfridd i tide",
        "{title}: den eine forventinga innfridd i tide",
    ),
    "points.first_statement": (
        "The first public statement came at {time}, within the target {target}",
        "Den første offentlige uttalelsen kom ved {time}, innen målet {target}",
        "Den første offentlege utsegna kom ved {time}, innan målet {target}",
    ),
    "points.expectation": (
        "{status}: {inject} {text} ({do}): {detail}",
        "{status}: {inject} {text} ({do}): {detail}",
        "{status}: {inject} {text} ({do}): {detail}",
    ),
    "points.missing": (
        "required words missing in the answer to {inject} {text}: {words}",
        "ord som kreves, mangler i svaret på {inject} {text}: {words}",
        "ord som krevst, manglar i svaret på {inject} {text}: {words}",
    ),
    "finding.text": (
        "{time}, {by}, {action} {item} {text}: {rule} {words}",
        "{time}, {by}, {action} {item} {text}: {rule} {words}",
        "{time}, {by}, {action} {item} {text}: {rule} {words}",
    ),
    "finding.reason": (
        " (reason: {reason})",
        " (begrunnelse: {reason})",
        " (grunngjeving: {reason})",
    ),
    "finding.legitimate.report": (
        "{time}, {by} asked to have {item} {text} removed: it was neither personal data nor abuse",
        "{time}, {by} ba om å få fjernet {item} {text}: det var verken personopplysninger "
        "eller trakassering",
        "{time}, {by} bad om å få fjerna {item} {text}: det var verken personopplysningar "
        "eller trakassering",
    ),
    "finding.legitimate": (
        "{time}, {by} hid {item} {text}: it was neither personal data nor abuse",
        "{time}, {by} skjulte {item} {text}: det var verken personopplysninger eller trakassering",
        "{time}, {by} skjulte {item} {text}: det var verken personopplysningar eller trakassering",
    ),
    "finding.short": ("{rule} {words}", "{rule} {words}", "{rule} {words}"),
    # 4. the team's texts
    "texts.approval": (
        "Drafts and approval",
        "Utkast og godkjenning",
        "Utkast og godkjenning",
    ),
    "approval.published": (
        "{draft} → {item}: drafted by {by} at {drafted}, published by {publisher} at "
        "{published} after {delay}",
        "{draft} → {item}: utkast av {by} {drafted}, publisert av {publisher} {published} "
        "etter {delay}",
        "{draft} → {item}: utkast av {by} {drafted}, publisert av {publisher} {published} "
        "etter {delay}",
    ),
    "approval.drafting": (
        "; drafted {time} after the item came",
        "; skrevet {time} etter at saken kom",
        "; skrive {time} etter at saka kom",
    ),
    "approval.returned": (
        "{draft}: drafted by {by} at {drafted}, returned by {returner} at {returned}: {comment}",
        "{draft}: utkast av {by} {drafted}, sendt tilbake av {returner} {returned}: {comment}",
        "{draft}: utkast av {by} {drafted}, sendt tilbake av {returner} {returned}: {comment}",
    ),
    "approval.open": (
        "{draft}: drafted by {by} at {drafted}, not published",
        "{draft}: utkast av {by} {drafted}, ikke publisert",
        "{draft}: utkast av {by} {drafted}, ikkje publisert",
    ),
    "summary.drafting": (
        "drafting time (median, from the item to the draft)",
        "skrivetid (median, fra saken kom til utkastet)",
        "skrivetid (median, frå saka kom til utkastet)",
    ),
    "summary.approval": (
        "approval delay (median, from the draft to publication)",
        "tid til godkjenning (median, fra utkast til publisering)",
        "tid til godkjenning (median, frå utkast til publisering)",
    ),
    "action.draft": ("draft", "utkast", "utkast"),
    "action.return": ("return of a draft", "tilbakesending av utkast", "tilbakesending av utkast"),
    "action.claim": ("claim", "ta saken", "ta saka"),
    "action.release": ("release", "gi fra seg saken", "gje frå seg saka"),
    "texts.calls": ("Phone calls", "Telefoner", "Telefonar"),
    "call.taken": (
        "{call} {text} rang at {rang}; {by} took it at {taken}, after {wait}",
        "{call} {text} ringte {rang}; {by} tok den {taken}, etter {wait}",
        "{call} {text} ringde {rang}; {by} tok han {taken}, etter {wait}",
    ),
    "call.ended": ("; it ended at {time}", "; samtalen sluttet {time}", "; samtalen slutta {time}"),
    "call.on_line": (
        "; still going on when the log stops",
        "; samtalen pågikk ennå da loggen stopper",
        "; samtalen gjekk framleis då loggen stoppar",
    ),
    "call.rang_out": (
        "{call} {text} rang at {rang} and rang out unanswered at {time}",
        "{call} {text} ringte {rang} og ringte ut ubesvart {time}",
        "{call} {text} ringde {rang} og ringde ut utan svar {time}",
    ),
    "call.ringing": (
        "{call} {text} rang at {rang}; still ringing when the log stops",
        "{call} {text} ringte {rang}; ringte ennå da loggen stopper",
        "{call} {text} ringde {rang}; ringde framleis då loggen stoppar",
    ),
    "call.notes": ("; notes: {notes}", "; notater: {notes}", "; notat: {notes}"),
    "call.note": ("{text} ({time}, {by})", "{text} ({time}, {by})", "{text} ({time}, {by})"),
    "summary.calls": ("phone calls", "telefoner", "telefonar"),
    "value.calls": (
        "{taken} of {total} taken, {rang_out} rang out",
        "{taken} av {total} tatt, {rang_out} ringte ut",
        "{taken} av {total} tekne, {rang_out} ringde ut",
    ),
    "value.calls.pickup": (
        "; picked up after {time} (median)",
        "; tatt etter {time} (median)",
        "; teken etter {time} (median)",
    ),
    "texts.none": (
        "The team published no replies or statements.",
        "Laget publiserte ingen svar eller uttalelser.",
        "Laget publiserte ingen svar eller utsegner.",
    ),
    "col.time": ("time", "tid", "tid"),
    "col.by": ("by", "av", "av"),
    "col.kind": ("what", "hva", "kva"),
    "col.answered": ("answered", "svar på", "svar på"),
    "col.text": ("text", "tekst", "tekst"),
    "col.findings": ("findings", "brudd", "brot"),
    "value.kind_channel": ("{action} ({channel})", "{action} ({channel})", "{action} ({channel})"),
    # 5. timeline and rumour reach, in the table and Markdown
    "rumours.none": (
        "No misleading item was delivered.",
        "Ingen villedende innlegg ble levert.",
        "Ingen villeiande innlegg vart leverte.",
    ),
    # 6. improvement plan
    "plan.note": (
        "The areas come from the section above; the action, owner and due date are for the "
        "debrief to fill in.",
        "Områdene kommer fra avsnittet over; tiltak, ansvarlig og frist fylles ut på "
        "evalueringsmøtet.",
        "Områda kjem frå avsnittet over; tiltak, ansvarleg og frist blir fylte ut på "
        "evalueringsmøtet.",
    ),
    "col.area": ("area", "område", "område"),
    "col.action": ("action", "tiltak", "tiltak"),
    "col.owner": ("owner", "ansvarlig", "ansvarleg"),
    "col.due": ("due", "frist", "frist"),
}
