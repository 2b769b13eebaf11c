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
    # A malformed request: its reason is written for the actions file of ``simulate``,
    # which the console's composer never sends.
    "malformed": (
        "{problem}",
        "handlingen er ufullstendig: {problem}",
        "handlinga er ufullstendig: {problem}",
    ),
    # A scripted team's action in ``simulate``: the command line reads it, in English.
    "scripted": ("{message}", "{message}", "{message}"),
}
