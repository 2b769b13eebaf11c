"""The console's catalogue: its words come from :mod:`simulator.lang.console` and, for
triage, :mod:`simulator.lang.triage`."""

from __future__ import annotations

from typing import Final

from simulator.lang import Catalogue as _Catalogue
from simulator.lang import Entry
from simulator.lang.console import CONSOLE
from simulator.lang.triage import TRIAGE

CATALOGUE: Final[dict[str, Entry]] = {**CONSOLE, **TRIAGE}

__all__ = ["CATALOGUE", "Catalogue"]


class Catalogue(_Catalogue):
    """Looks the console's strings up in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(CATALOGUE, language)
