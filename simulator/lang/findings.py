"""How a finding is written out, whatever it says: its severity, and the lines that stand
for the findings not listed.

A finding keeps the compiler form ``file:line:column: severity: message`` in every
language, so editors still jump to it; only the words change.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

FINDINGS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "error": ("error", "feil", "feil"),
    "warning": ("warning", "advarsel", "åtvaring"),
    # Words another part gave as they are (the YAML parser's, the CSV reader's, the system's):
    # said as given in every language, for want of a translation of their own.
    "as_given": ("{message}", "{message}", "{message}"),
    # A message about one key of an item, named before it; the same in every language.
    "about": ("{field}: {message}", "{field}: {message}", "{field}: {message}"),
    "more": (
        "… and {count:,} more findings in {path} ({errors:,} errors, {warnings:,} warnings) "
        "not listed; fix the ones above and check the file again",
        "… og {count:,} funn til i {path} ({errors:,} feil, {warnings:,} advarsler) som ikke "
        "er listet opp; rett dem over og sjekk filen igjen",
        "… og {count:,} funn til i {path} ({errors:,} feil, {warnings:,} åtvaringar) som "
        "ikkje er lista opp; rett dei over og sjekk fila att",
    ),
    "stopped": (
        "more than {count:,} findings; checking stopped there, so not every problem is "
        "listed. Fix these and check the file again",
        "mer enn {count:,} funn; sjekken stoppet der, så ikke alle problemer er listet opp. "
        "Rett disse og sjekk filen igjen",
        "meir enn {count:,} funn; sjekken stoppa der, så ikkje alle problema er lista opp. "
        "Rett desse og sjekk fila att",
    ),
}
