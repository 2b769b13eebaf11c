"""What is said of a session and an actions file: reading, writing, resuming, locking,
and the actions that cannot be run."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SESSIONS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
}
