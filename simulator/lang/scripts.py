"""What is said of an actions file, the scripted team of ``simulate``: its entries, their
keys and their values.

The keys of an entry ('at', 'do', 'to', 'text') and the example '- at: 4m30s' stay as they
are in every language: they are what a planner types. Why an action itself is refused
(an unknown 'do', a 'flag' without 'label') is the engine's to say, in its own table.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SCRIPTS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "empty": (
        "the actions file is empty; list actions like '- at: 4m30s' with 'do', 'to', 'text'",
        "handlingsfilen er tom; før opp handlinger som «- at: 4m30s» med «do», «to», «text»",
        "handlingsfila er tom; før opp handlingar som «- at: 4m30s» med «do», «to», «text»",
    ),
    "not_a_list": (
        "an actions file is a list of actions, each starting with '- at: 4m30s'",
        "en handlingsfil er en liste med handlinger, der hver begynner med «- at: 4m30s»",
        "ei handlingsfil er ei liste med handlingar, der kvar byrjar med «- at: 4m30s»",
    ),
    "not_a_mapping": (
        "each action is a mapping with at, do, to, text ...",
        "hver handling består av «nøkkel: verdi»-linjer med at, do, to, text ...",
        "kvar handling består av «nøkkel: verdi»-linjer med at, do, to, text ...",
    ),
    "unknown_key": (
        "unknown key '{name}'; an action has {keys}",
        "ukjent nøkkel «{name}»; en handling har {keys}",
        "ukjend nøkkel «{name}»; ei handling har {keys}",
    ),
    "needs": (
        "an action needs 'at' (scenario time) and 'do'",
        "en handling trenger «at» (tid i scenarioet) og «do»",
        "ei handling treng «at» (tid i scenarioet) og «do»",
    ),
    "not_text": (
        "'{name}' must be text, not a list or a number; put it in quotes",
        "«{name}» må være tekst, ikke en liste eller et tall; sett verdien i anførselstegn",
        "«{name}» må vere tekst, ikkje ei liste eller eit tal; set verdien i hermeteikn",
    ),
    "to": (
        "'to' is an item id, or a list of item ids",
        "«to» er id-en til en sak, eller en liste med id-er",
        "«to» er id-en til ei sak, eller ei liste med id-ar",
    ),
}
