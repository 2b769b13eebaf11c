"""The console's catalogue: its words come from :mod:`simulator.lang.console`, for triage
from :mod:`simulator.lang.triage`, for the composer and the actions that ask what they need
from :mod:`simulator.lang.composer`, for the facilitator's screen from
:mod:`simulator.lang.facilitator`, for the control cell from :mod:`simulator.lang.control`,
and for the wall display from :mod:`simulator.lang.wall`."""

from __future__ import annotations

from typing import Final

from simulator.lang import Catalogue as _Catalogue
from simulator.lang import Entry
from simulator.lang.calls import CALLS
from simulator.lang.composer import COMPOSER
from simulator.lang.console import CONSOLE
from simulator.lang.control import CONTROL
from simulator.lang.facilitator import FACILITATOR
from simulator.lang.triage import TRIAGE
from simulator.lang.wall import WALL

# Each key has one owner: a key in two tables would be a mistake (checked by the tests).
CATALOGUE: Final[dict[str, Entry]] = {
    **CONSOLE,
    **TRIAGE,
    **COMPOSER,
    **FACILITATOR,
    **CONTROL,
    **WALL,
    **CALLS,
}

__all__ = ["CATALOGUE", "Catalogue"]


class Catalogue(_Catalogue):
    """Looks the console's strings up in one language."""

    def __init__(self, language: str | None) -> None:
        super().__init__(CATALOGUE, language)
