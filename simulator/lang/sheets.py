"""What is said of a spreadsheet of injects: reading its rows, importing and exporting them."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SHEETS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
}
