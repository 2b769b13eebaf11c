"""The console's catalogue: its words come from :mod:`simulator.lang.console`, for triage
from :mod:`simulator.lang.triage`, and for the composer and the actions that ask what they
need from :mod:`simulator.lang.composer`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from simulator.lang import Catalogue as _Catalogue
from simulator.lang import Entry
from simulator.lang.composer import COMPOSER
from simulator.lang.console import CONSOLE
from simulator.lang.triage import TRIAGE


def _column(entry: Entry, index: int) -> str:
    # A missing nynorsk column reads as bokmål, as the catalogue's lookup does.
    return entry[index] if index < len(entry) else entry[1]


def _help(table: Mapping[str, Entry]) -> Entry:
    """The help text with the triage keys after it, column by column."""
    body, extra = table["help.body"], TRIAGE["triage.help"]
    width = max(len(body), len(extra))
    return tuple(  # type: ignore[return-value]
        _column(body, i) + "\n\n" + _column(extra, i) for i in range(width)
    )


# Each key has one owner: a key in two tables would be a mistake (checked by the tests).
CATALOGUE: Final[dict[str, Entry]] = {
    **CONSOLE,
    **TRIAGE,
    **COMPOSER,
    "help.body": _help(CONSOLE),
}

__all__ = ["CATALOGUE", "Catalogue"]


class Catalogue(_Catalogue):
    """Looks the console's strings up in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(CATALOGUE, language)
