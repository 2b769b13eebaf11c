"""The console's catalogue: its words come from :mod:`simulator.lang.console`."""

from __future__ import annotations

from simulator.lang import Catalogue as _Catalogue
from simulator.lang.console import CONSOLE as CATALOGUE

__all__ = ["CATALOGUE", "Catalogue"]


class Catalogue(_Catalogue):
    """Looks the console's strings up in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(CATALOGUE, language)
