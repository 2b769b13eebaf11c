"""Where a session is: a session file, or a named session in a PostgreSQL database.

Every command that reads or writes a session takes its argument through :func:`locate`:
with a database given (``--store`` or ``CRISIS_SIM_STORE``) a name that is not a file
names a session in that database; a ``.sqlite`` file is always a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.engine.store import SessionLog, SessionStore

#: The environment variable that gives the database when ``--store`` does not.
STORE_VARIABLE = "CRISIS_SIM_STORE"


@dataclass(frozen=True, slots=True)
class Location:
    """A session file (``url`` None) or the session ``name`` in the database at ``url``."""

    name: str
    url: str | None = None

    @property
    def file(self) -> Path | None:
        """The session file, or None for a session in a database."""
        return Path(self.name) if self.url is None else None

    def __str__(self) -> str:
        if self.url is None:
            return self.name
        from simulator.engine.pgstore import where

        return f"{self.name} ({where(self.url)})"

    def open(self, *, readonly: bool = False) -> SessionLog:
        """The session, opened (SessionError saying what is wrong when it cannot be)."""
        if self.url is None:
            return SessionStore.open(Path(self.name), readonly=readonly)
        from simulator.engine.pgstore import PgStore

        return PgStore.open(self.url, self.name, readonly=readonly)

    def create(self, meta: dict[str, str]) -> SessionLog:
        """A new session here, never replacing one."""
        if self.url is None:
            return SessionStore.create(Path(self.name), meta)
        from simulator.engine.pgstore import PgStore

        return PgStore.create(self.url, self.name, meta)


def locate(argument: str, store: str | None) -> Location:
    """Where the session named by ``argument`` is, given the database ``store`` (or None)."""
    if store is None or argument.endswith((".sqlite", ".partial")) or Path(argument).exists():
        return Location(argument)
    return Location(argument, store)
