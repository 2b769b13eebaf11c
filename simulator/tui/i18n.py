"""The console's catalogue: its words come from :mod:`simulator.lang.console` and, for the
composer and the actions that ask what they need, :mod:`simulator.lang.composer`."""

from __future__ import annotations

from simulator.lang import Catalogue as _Catalogue
from simulator.lang.composer import COMPOSER
from simulator.lang.console import CONSOLE

# Each key has one owner: a key in both tables would be a mistake (checked by the tests).
CATALOGUE = {**CONSOLE, **COMPOSER}

__all__ = ["CATALOGUE", "Catalogue"]


class Catalogue(_Catalogue):
    """Looks the console's strings up in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(CATALOGUE, language)
