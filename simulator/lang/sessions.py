"""What is said of a session file and of the files a command writes: reading, writing,
resuming, locking, and the command line's own usage errors."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SESSIONS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
}
