"""Every word crisis-sim shows, in English, Norwegian bokmål and nynorsk.

One catalogue, kept in one module per place the words appear (``console``, ``reports``),
looked up the same way, with one rule for the language: ``--lang``, else the scenario's
``language``, else the system's locale. Entries are ``(English, bokmål, nynorsk)``, and the
tables here have all three for every entry. A table that gives an entry no nynorsk shows
its bokmål, which a reader of nynorsk understands, never the English.

This package imports nothing of the console, so the scenario checks, the scoring and the
command line use it too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum


class Language(StrEnum):
    """The languages of the catalogue, in the order of an entry's columns."""

    EN = "en"
    NB = "nb"
    NN = "nn"


Entry = tuple[str, str] | tuple[str, str, str]
LANGUAGES: tuple[Language, ...] = tuple(Language)


def language_of(value: str | None) -> Language | None:
    """A language from its code or a locale name (``nb_NO.UTF-8``, ``no``); None if the
    catalogue does not have it."""
    if not value:
        return None
    code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
    if code == "no":  # the macro-language: its written standard is bokmål by default
        return Language.NB
    return Language(code) if code in Language._value2member_map_ else None


def system_language(environ: Mapping[str, str] | None = None) -> Language | None:
    """The language of the user's locale, as POSIX looks it up, or None."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return language_of(env[name])
    return None


def choose_language(
    explicit: str | None, scenario: str | None, environ: Mapping[str, str] | None = None
) -> Language:
    """``--lang`` if given, else the scenario's language, else the system's, else English."""
    return language_of(explicit) or language_of(scenario) or system_language(environ) or Language.EN


class Catalogue:
    """Looks the words of one table up in one language."""

    def __init__(self, table: Mapping[str, Entry], language: str | None) -> None:
        self.table = table
        self.language = language_of(language) or Language.EN
        self._column = LANGUAGES.index(self.language)

    def __call__(self, key: str, **values: object) -> str:
        """The words for ``key``, with ``{placeholders}`` filled in."""
        entry = self.table[key]
        # An entry without its nynorsk column falls back to bokmål, never to English.
        text = entry[self._column] if self._column < len(entry) else entry[1]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """True when the table has ``key``."""
        return key in self.table
