"""What is said of an actions file, the scripted team of ``simulate``: its entries, their
keys and their values."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SCRIPTS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
}
