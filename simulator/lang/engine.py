"""Why the engine refuses an action, as the console shows it after "Ikke utført:".

:class:`simulator.engine.actions.ActionError` carries a key of this table and its values;
its ``str()`` is the English column, which logs and the actions file of ``simulate`` read.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

ENGINE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "ended": ("the exercise has ended", "øvelsen er slutt", "øvinga er slutt"),
    "no_persona": (
        "no persona '{persona}' in this scenario",
        "scenarioet har ingen avsender «{persona}»",
        "scenarioet har ingen avsendar «{persona}»",
    ),
    "deadline.zero": (
        "a deadline must be longer than 0",
        "en frist må være lengre enn 0",
        "ein frist må vere lengre enn 0",
    ),
    "no_item": (
        "there is no item '{item}' in this exercise",
        "øvelsen har ingen sak «{item}»",
        "øvinga har inga sak «{item}»",
    ),
    "not_delivered": (
        "item '{item}' has not been delivered yet at {time}",
        "saken «{item}» er ikke kommet ennå ved {time}",
        "saka «{item}» er ikkje komen enno ved {time}",
    ),
    # platforms: what the owner of the page an item is on lets the team do
    "platform.page": ("your own page", "deres egen side", "dykkar eiga side"),
    "platform.news": ("the newspaper's site", "avisens nettside", "nettsida til avisa"),
    "platform.hide.others": (
        "'{item}' is someone else's post on {platform}: the team cannot hide it. Report it "
        "to the platform, or ask the author to remove it",
        "«{item}» er noen andres innlegg på {platform}: dere kan ikke skjule det. Rapporter "
        "det til plattformen, eller be den som skrev det, om å fjerne det",
        "«{item}» er nokon andre sitt innlegg på {platform}: de kan ikkje skjule det. "
        "Rapporter det til plattforma, eller be den som skreiv det, om å fjerne det",
    ),
    "platform.hide.newspaper": (
        "'{item}' is on {platform}, which the newspaper moderates: only its desk can remove "
        "it. Contact the desk",
        "«{item}» er på {platform}, som avisen modererer selv: bare desken kan fjerne det. "
        "Kontakt desken",
        "«{item}» er på {platform}, som avisa modererer sjølv: berre desken kan fjerne det. "
        "Kontakt desken",
    ),
    "platform.hide.none": (
        "'{item}' is not published on any page: there is nothing to hide",
        "«{item}» er ikke publisert på noen side: det er ingenting å skjule",
        "«{item}» er ikkje publisert på nokon side: det er ingenting å skjule",
    ),
    "platform.report.own": (
        "'{item}' is on {platform}: hide it there instead of reporting it",
        "«{item}» er på {platform}: skjul det der i stedet for å rapportere det",
        "«{item}» er på {platform}: skjul det der i staden for å rapportere det",
    ),
    "platform.report.none": (
        "'{item}' is not published on any platform: there is no one to report it to",
        "«{item}» er ikke publisert på noen plattform: det er ingen å rapportere det til",
        "«{item}» er ikkje publisert på nokon plattform: det er ingen å rapportere det til",
    ),
    "platform.report.team": (
        "'{item}' is the team's own post: take it down yourselves (hide)",
        "«{item}» er deres eget innlegg: ta det ned selv (skjul)",
        "«{item}» er dykkar eige innlegg: ta det ned sjølve (skjul)",
    ),
    "platform.ask_removal.own": (
        "'{item}' is on {platform}: hide it there instead",
        "«{item}» er på {platform}: skjul det der i stedet",
        "«{item}» er på {platform}: skjul det der i staden",
    ),
    "platform.ask_removal.newspaper": (
        "'{item}' is on {platform}, which the newspaper moderates: contact the desk",
        "«{item}» er på {platform}, som avisen modererer selv: kontakt desken",
        "«{item}» er på {platform}, som avisa modererer sjølv: kontakt desken",
    ),
    "platform.ask_removal.none": (
        "'{item}' is not published on any platform: there is nothing to remove",
        "«{item}» er ikke publisert på noen plattform: det er ingenting å fjerne",
        "«{item}» er ikkje publisert på nokon plattform: det er ingenting å fjerne",
    ),
    "platform.ask_removal.team": (
        "'{item}' is the team's own post: take it down yourselves (hide)",
        "«{item}» er deres eget innlegg: ta det ned selv (skjul)",
        "«{item}» er dykkar eige innlegg: ta det ned sjølve (skjul)",
    ),
    "platform.reply.newspaper": (
        "'{item}' is on {platform}, which the newspaper moderates: the team does not comment "
        "there. Contact the desk, or answer on your own channels",
        "«{item}» er på {platform}, som avisen modererer selv: dere kommenterer ikke der. "
        "Kontakt desken, eller svar i deres egne kanaler",
        "«{item}» er på {platform}, som avisa modererer sjølv: de kommenterer ikkje der. "
        "Kontakt desken, eller svar i dykkar eigne kanalar",
    ),
    "hidden.already": (
        "item '{item}' is hidden already; 'unhide' shows it again",
        "saken «{item}» er skjult allerede; «vis igjen» viser den igjen",
        "saka «{item}» er alt skjult; «vis att» viser henne att",
    ),
    "hidden.not": (
        "item '{item}' is not hidden, so there is nothing to unhide",
        "saken «{item}» er ikke skjult, så det er ingenting å vise igjen",
        "saka «{item}» er ikkje skjult, så det er ingenting å vise att",
    ),
    # A phone call: nobody does anything else while on the phone but write notes.
    "call.busy": (
        "you are on the phone with {caller} until {until}; during the call you can only "
        "write notes",
        "du snakker i telefonen med {caller} til kl. {until}; under samtalen kan du bare "
        "skrive notater",
        "du snakkar i telefonen med {caller} til kl. {until}; under samtalen kan du berre "
        "skrive notat",
    ),
    "call.not_call": (
        "'{item}' is not a phone call; only a call can be taken",
        "«{item}» er ingen telefon; bare en telefon kan tas",
        "«{item}» er ingen telefon; berre ein telefon kan takast",
    ),
    "call.taken": (
        "{name} took this call at {time}",
        "{name} tok denne telefonen kl. {time}",
        "{name} tok denne telefonen kl. {time}",
    ),
    "call.taken.someone": (
        "someone else took this call at {time}",
        "noen andre tok denne telefonen kl. {time}",
        "nokon andre tok denne telefonen kl. {time}",
    ),
    "call.rang_out": (
        "the call from {caller} rang out at {time}; nobody can take it now",
        "telefonen fra {caller} ringte ut kl. {time}; den kan ikke tas nå",
        "telefonen frå {caller} ringde ut kl. {time}; han kan ikkje takast no",
    ),
    "adhoc.call": (
        "a phone call comes from the scenario (kind: call); write a press inquiry instead",
        "en telefon kommer fra scenarioet (kind: call); skriv en pressehenvendelse i stedet",
        "ein telefon kjem frå scenarioet (kind: call); skriv ei pressehenvending i staden",
    ),
    # A malformed request. The keys of the actions file ('to', 'label') stay as written
    # there, in quotes, since that is what a planner types.
    "request.kind": (
        "'{kind}' is not an action; use one of {kinds}",
        "«{kind}» er ingen handling; bruk en av {kinds}",
        "«{kind}» er inga handling; bruk ei av {kinds}",
    ),
    "request.to": (
        "'{kind}' needs 'to': the id of the item it acts on",
        "«{kind}» trenger «to»: id-en til saken den gjelder",
        "«{kind}» treng «to»: id-en til saka ho gjeld",
    ),
    "request.take.one": (
        "'take' takes one call at a time: give one item in 'to'",
        "«take» tar én telefon om gangen: gi én sak i «to»",
        "«take» tek éin telefon om gongen: gi éi sak i «to»",
    ),
    "request.label.missing": (
        "'flag' needs 'label': valid, misleading or irrelevant",
        "«flag» trenger «label»: valid, misleading eller irrelevant",
        "«flag» treng «label»: valid, misleading eller irrelevant",
    ),
    "request.label": (
        "label '{label}' is not one of {labels}",
        "merket «{label}» er ikke et av {labels}",
        "merket «{label}» er ikkje eit av {labels}",
    ),
    "request.text": (
        "'{kind}' needs 'text': what the team publishes",
        "«{kind}» trenger «text»: det teamet publiserer",
        "«{kind}» treng «text»: det teamet publiserer",
    ),
    "request.channel": (
        "channel '{channel}' is not one of {channels}",
        "kanalen «{channel}» er ikke en av {channels}",
        "kanalen «{channel}» er ikkje ein av {channels}",
    ),
    "request.reason": (
        "reason '{reason}' is not one of {reasons}",
        "grunnen «{reason}» er ikke en av {reasons}",
        "grunnen «{reason}» er ikkje ein av {reasons}",
    ),
    "request.reason.hide_only": (
        "'reason' belongs to 'hide', 'report' and 'ask_removal' only",
        "«reason» hører bare til «hide», «report» og «ask_removal»",
        "«reason» høyrer berre til «hide», «report» og «ask_removal»",
    ),
    "request.recipient.empty": (
        "'recipient' is empty; write whom the item is escalated to",
        "«recipient» er tom; skriv hvem saken eskaleres til",
        "«recipient» er tom; skriv kven saka blir eskalert til",
    ),
    "request.recipient.escalate_only": (
        "'recipient' belongs to 'escalate' only",
        "«recipient» hører bare til «escalate»",
        "«recipient» høyrer berre til «escalate»",
    ),
    "request.recipient.long": (
        "'recipient' is a name or a role of at most {most} characters",
        "«recipient» er et navn eller en rolle på høyst {most} tegn",
        "«recipient» er eit namn eller ei rolle på høgst {most} teikn",
    ),
    "request.rating": (
        "'rate' needs 'rating': one of {ratings} (P: performed without challenges, S: with "
        "some, M: with major challenges, U: unable to be performed)",
        "«rate» trenger «rating»: en av {ratings} (P: utført uten utfordringer, S: med noen, "
        "M: med store utfordringer, U: kunne ikke utføres)",
        "«rate» treng «rating»: ein av {ratings} (P: utført utan utfordringar, S: med nokre, "
        "M: med store utfordringar, U: kunne ikkje utførast)",
    ),
    "request.objective": (
        "'rate' needs 'objective': the id of one of the scenario's objectives",
        "«rate» trenger «objective»: id-en til et av scenarioets mål",
        "«rate» treng «objective»: id-en til eit av måla i scenarioet",
    ),
    "request.objective.rate_only": (
        "'objective' and 'rating' belong to 'rate' only",
        "«objective» og «rating» hører bare til «rate»",
        "«objective» og «rating» høyrer berre til «rate»",
    ),
    "request.evaluation.text": (
        "'{kind}' needs 'text': what the evaluator saw",
        "«{kind}» trenger «text»: det evaluatoren så",
        "«{kind}» treng «text»: det evaluatoren såg",
    ),
    "no_objective": (
        "there is no objective '{objective}' in this scenario; the scenario has {objectives}",
        "scenarioet har ikke noe mål «{objective}»; det har {objectives}",
        "scenarioet har ikkje noko mål «{objective}»; det har {objectives}",
    ),
    "no_objectives": ("none", "ingen", "ingen"),
    # Drafts, their approval and claims on items (a team exercise).
    "request.publishes": (
        "'draft' needs 'publishes': what the draft becomes when published, one of {kinds}",
        "«draft» trenger «publishes»: det utkastet blir når det publiseres, en av {kinds}",
        "«draft» treng «publishes»: det utkastet blir når det blir publisert, ein av {kinds}",
    ),
    "request.publishes.draft_only": (
        "only a 'draft' has 'publishes'; remove it",
        "bare et utkast («draft») har «publishes»; fjern det",
        "berre eit utkast («draft») har «publishes»; fjern det",
    ),
    "request.draft.only": (
        "only a reply, a statement or a return names a 'draft'; remove it",
        "bare et svar, en uttalelse eller en tilbakesending viser til et utkast («draft»); "
        "fjern det",
        "berre eit svar, ei utsegn eller ei tilbakesending viser til eit utkast («draft»); "
        "fjern det",
    ),
    "request.draft": (
        "'return' needs 'draft': the id of the draft sent back",
        "«return» trenger «draft»: id-en til utkastet som sendes tilbake",
        "«return» treng «draft»: id-en til utkastet som blir sendt tilbake",
    ),
    "request.comment": (
        "a returned draft needs a comment that says what to change",
        "et utkast som sendes tilbake, trenger en kommentar som sier hva som må endres",
        "eit utkast som blir sendt tilbake, treng ein kommentar som seier kva som må endrast",
    ),
    "request.claim.one": (
        "'{kind}' is about one item; give one id in 'to'",
        "«{kind}» gjelder én sak; oppgi én id i «to»",
        "«{kind}» gjeld éi sak; oppgi éin id i «to»",
    ),
    "draft.unknown": (
        "there is no draft '{draft}' in this exercise",
        "øvelsen har ikke noe utkast «{draft}»",
        "øvinga har ikkje noko utkast «{draft}»",
    ),
    "draft.published": (
        "draft '{draft}' is published already",
        "utkastet «{draft}» er publisert allerede",
        "utkastet «{draft}» er alt publisert",
    ),
    "draft.returned": (
        "draft '{draft}' was sent back; the drafter writes a new one",
        "utkastet «{draft}» er sendt tilbake; den som skrev det, skriver et nytt",
        "utkastet «{draft}» er sendt tilbake; den som skreiv det, skriv eit nytt",
    ),
    "draft.kind": (
        "draft '{draft}' is published as '{publishes}', not as '{kind}'",
        "utkastet «{draft}» skal publiseres som «{publishes}», ikke som «{kind}»",
        "utkastet «{draft}» skal publiserast som «{publishes}», ikkje som «{kind}»",
    ),
}
