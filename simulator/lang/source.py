"""What is said of a file before its content is checked: reading, YAML, durations,
placeholders and limits."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SOURCE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
}
