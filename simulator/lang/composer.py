"""The words of the composer and of the actions that ask what they need: hide with a
reason and show again, escalate to someone, and the flag keys of each language."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

COMPOSER: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk)
    "composer.hint": (
        "ctrl+s or ctrl+enter publishes · esc closes, keeps the draft",
        "ctrl+s eller ctrl+enter publiserer · esc lukker, utkastet beholdes",
        "ctrl+s eller ctrl+enter publiserer · esc lukkar, utkastet blir teke vare på",
    ),
    "composer.count": ("{count} characters", "{count} tegn", "{count} teikn"),
    "composer.empty": (
        "Nothing to publish yet: write the text first.",
        "Ingenting å publisere ennå: skriv teksten først.",
        "Ingenting å publisere enno: skriv teksten først.",
    ),
    "composer.confirm": (
        "Publish despite the warnings? ctrl+s again = yes, esc = keep writing",
        "Publisere likevel? ctrl+s igjen = ja, esc = skriv videre",
        "Publisere likevel? ctrl+s att = ja, esc = skriv vidare",
    ),
    "composer.draft": (
        "Draft kept: press the same key again to go on writing.",
        "Utkastet er tatt vare på: trykk samme tast igjen for å skrive videre.",
        "Utkastet er teke vare på: trykk same tast att for å skrive vidare.",
    ),
    "bind.publish": ("Publish", "Publiser", "Publiser"),
    "bind.close": ("Close", "Lukk", "Lukk"),
    "bind.unhide": ("Unhide", "Vis igjen", "Vis att"),
    "bind.remove": ("Ask removal", "Be om fjerning", "Be om fjerning"),
    "bind.desk": ("Contact the desk", "Kontakt desken", "Kontakt desken"),
    # The flag keys are the first letters of the words the user reads in the dialog.
    "flag.key.valid": ("v", "k", "k"),
    "flag.key.misleading": ("m", "v", "v"),
    "flag.key.irrelevant": ("i", "i", "i"),
    "hide.title": (
        "Hide this item because of",
        "Skjul innlegget på grunn av",
        "Skjul innlegget på grunn av",
    ),
    "hide.reason.personal_data": ("personal data", "personopplysninger", "personopplysningar"),
    "hide.reason.harassment": ("harassment", "trakassering", "trakassering"),
    "hide.reason.other": ("something else", "noe annet", "noko anna"),
    "hide.key.personal_data": ("p", "p", "p"),
    "hide.key.harassment": ("h", "t", "t"),
    "hide.key.other": ("o", "a", "a"),
    # Someone else's post, or a newspaper's: the team asks for it to be taken down.
    "remove.title": (
        "Someone else's post: ask to have it removed",
        "Noen andres innlegg: be om at det fjernes",
        "Nokon andre sitt innlegg: be om at det vert fjerna",
    ),
    "remove.report": (
        "report it to {platform}",
        "rapporter det til {platform}",
        "rapporter det til {platform}",
    ),
    "remove.ask_removal": (
        "ask the author to remove it",
        "be forfatteren om å fjerne det",
        "be forfattaren om å fjerne det",
    ),
    "remove.key.report": ("r", "r", "r"),
    "remove.key.ask_removal": ("a", "f", "f"),
    "report.title": (
        "Report it to the platform because of",
        "Rapporter det til plattformen på grunn av",
        "Rapporter det til plattforma på grunn av",
    ),
    "ask_removal.title": (
        "Ask the author to remove it because of",
        "Be forfatteren fjerne det på grunn av",
        "Be forfattaren fjerne det på grunn av",
    ),
    "desk.title": (
        "Contact the desk of {platform}: remove it because of",
        "Kontakt desken for {platform}: fjern det på grunn av",
        "Kontakt desken for {platform}: fjern det på grunn av",
    ),
    "toast.report": (
        "Reported to {platform}: {reason}.",
        "Rapportert til {platform}: {reason}.",
        "Rapportert til {platform}: {reason}.",
    ),
    "toast.ask_removal": (
        "The author is asked to remove it: {reason}.",
        "Forfatteren er bedt om å fjerne det: {reason}.",
        "Forfattaren er beden om å fjerne det: {reason}.",
    ),
    "toast.desk": (
        "The desk is asked to remove it: {reason}.",
        "Desken er bedt om å fjerne det: {reason}.",
        "Desken er beden om å fjerne det: {reason}.",
    ),
    "done.report_reason": ("reported: {reason}", "rapportert: {reason}", "rapportert: {reason}"),
    "done.ask_removal_reason": (
        "author asked to remove it: {reason}",
        "forfatteren bedt om å fjerne det: {reason}",
        "forfattaren beden om å fjerne det: {reason}",
    ),
    "unhide.confirm": (
        "This item is hidden. Show it again? (y/n)",
        "Innlegget er skjult. Vise det igjen? (j/n)",
        "Innlegget er skjult. Vise det att? (j/n)",
    ),
    "unhide.not_hidden": (
        "This item is not hidden.",
        "Innlegget er ikke skjult.",
        "Innlegget er ikkje skjult.",
    ),
    "toast.hidden_because": ("Hidden: {reason}.", "Skjult: {reason}.", "Skjult: {reason}."),
    "toast.unhidden": ("Shown again.", "Vises igjen.", "Blir vist att."),
    "toast.escalated_to": ("Escalated to {name}.", "Eskalert til {name}.", "Eskalert til {name}."),
    "done.hide_reason": ("hidden: {reason}", "skjult: {reason}", "skjult: {reason}"),
    "done.unhide": ("shown again", "vist igjen", "vist att"),
    "done.escalate_to": ("escalated to {name}", "eskalert til {name}", "eskalert til {name}"),
    "escalate.to": ("Escalate to", "Eskaler til", "Eskaler til"),
    "escalate.other": (
        "someone else: write the name",
        "noen andre: skriv navnet",
        "nokon andre: skriv namnet",
    ),
    "escalate.name": (
        "Escalate to: a name or a role",
        "Eskaler til: et navn eller en rolle",
        "Eskaler til: eit namn eller ei rolle",
    ),
    "escalate.note": (
        "A note for {name} (Enter without text: no note)",
        "Et notat til {name} (Enter uten tekst: uten notat)",
        "Eit notat til {name} (Enter utan tekst: utan notat)",
    ),
}
