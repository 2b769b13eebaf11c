"""The console's catalogue: its words come from :mod:`simulator.lang.console` and, for the
facilitator's screen, :mod:`simulator.lang.facilitator`."""

from __future__ import annotations

from simulator.lang import Catalogue as _Catalogue
from simulator.lang import Entry
from simulator.lang.console import CONSOLE
from simulator.lang.facilitator import FACILITATOR

__all__ = ["CATALOGUE", "Catalogue"]

CATALOGUE: dict[str, Entry] = {**CONSOLE, **FACILITATOR}


class Catalogue(_Catalogue):
    """Looks the console's strings up in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(CATALOGUE, language)
