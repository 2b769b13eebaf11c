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
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


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


def number_text(value: float, language: str | None, spec: str = ",") -> str:
    """A number as its reader writes it: 17,007.5 in English; 17 007,5 in Norwegian, which
    groups thousands with a (no-break) space and takes a comma for the decimal mark (a
    Norwegian reads 17,007 as seventeen and a bit)."""
    text = format(value, spec)
    if language_of(language) in (Language.NB, Language.NN):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


class _Formatter(string.Formatter):
    """Fills placeholders the way the language writes numbers: ``{count:,}`` is 10,000 in
    English and 10 000 in Norwegian (a no-break space, so a number never splits)."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Said):
            return format(value.text(self.language), format_spec)
        if "," in format_spec and isinstance(value, int | float):
            return number_text(value, self.language, format_spec)
        return format(value, format_spec)


class Catalogue:
    """Looks the words of one table up in one language."""

    def __init__(self, table: Mapping[str, Entry], language: str | None) -> None:
        self.table = table
        self.language = language_of(language) or Language.EN
        self._column = LANGUAGES.index(self.language)

    def __call__(self, key: str, /, **values: object) -> str:
        """The words for ``key``, with ``{placeholders}`` filled in; a value that is a
        :class:`Said` is said in the same language."""
        entry = self.table[key]
        # An entry without its nynorsk column falls back to bokmål, never to English.
        text = entry[self._column] if self._column < len(entry) else entry[1]
        return _Formatter(self.language).vformat(text, (), values) if values else text

    def has(self, key: str) -> bool:
        """True when the table has ``key``."""
        return key in self.table


@dataclass(frozen=True, slots=True)
class Said:
    """Words waiting for their reader's language: an entry of a table and the values of its
    placeholders.

    The scenario checks find a problem long before anyone knows who will read about it, so
    a finding keeps what it says this way and is put into words when it is shown. A value
    is a text, a number or a Said itself (a clause inside a sentence, said in the same
    language); values are kept hashable, so that equal findings can be told apart.
    """

    table: Mapping[str, Entry] = field(compare=False, repr=False)
    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, language: str | None = None) -> str:
        """The words in ``language`` (English when None)."""
        return Catalogue(self.table, language)(self.key, **dict(self.values))

    def __str__(self) -> str:
        return self.text()


class Sayer:
    """Makes :class:`Said` values of one table: ``said = Sayer(CHECKS)``, then
    ``said("unknown_key", key=name)``. An unknown key fails at once, not when shown."""

    def __init__(self, table: Mapping[str, Entry]) -> None:
        self.table = table

    def __call__(self, key: str, /, **values: object) -> Said:
        """The words of ``key`` with ``values``, to be said later in any language."""
        if key not in self.table:
            raise KeyError(key)
        return Said(self.table, key, tuple(values.items()))


class SaidError(ValueError):
    """A refusal that says why in any language: raised where a value is checked (a
    duration, a template, a file), put into words where it is shown. ``str()`` is English,
    for logs and for pydantic, which keeps the exception itself in its error's context."""

    def __init__(self, said: Said) -> None:
        self.said = said
        super().__init__(said.text())
