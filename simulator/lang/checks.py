"""What validate says of a scenario: its shape, its keys and the rules between them."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CHECKS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
}
