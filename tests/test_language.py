"""The whole product in English, bokmål and nynorsk.

Every entry of the catalogue has all three languages with the same placeholders, and no
screen, dialog, footer or command palette of the console shows an English text when the
console speaks bokmål or nynorsk.
"""

from __future__ import annotations

import string

import pytest

from simulator.lang import LANGUAGES, Entry
from simulator.lang.console import CONSOLE
from simulator.lang.reports import REPORTS

TABLES = {"console": CONSOLE, "reports": REPORTS}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_entry_has_three_languages_with_the_same_placeholders(table: str) -> None:
    incomplete: list[str] = []
    for key, entry in TABLES[table].items():
        texts: Entry = entry
        if len(texts) != len(LANGUAGES) or not all(t.strip() for t in texts):
            incomplete.append(f"{key}: {len(texts)} columns")
        elif len({frozenset(_placeholders(t)) for t in texts}) != 1:
            incomplete.append(f"{key}: placeholders differ")
    assert incomplete == []
