"""The session file: one SQLite database per exercise run, an ordered log of events.

The log is the single source of truth: delivery, actions, resume, replay and scoring all
read or append it. Writes are whole transactions in WAL mode with synchronous=NORMAL, so a
killed process never costs a committed transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
# 'CSIM' in ASCII: marks the file as ours, so another program's database is recognised.
APPLICATION_ID = 0x4353494D

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    wall TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
);
"""


class SessionError(Exception):
    """A session file that cannot be used; the message names the file and what to do."""


def utc_now() -> str:
    """Wall-clock time as UTC ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(slots=True)
class Event:
    """One entry of the log. ``t`` is scenario seconds from T+0."""

    type: str
    t: float
    data: dict[str, Any] = field(default_factory=dict)
    wall: str = ""
    seq: int = 0

    def as_record(self) -> dict[str, Any]:
        """The export form: seq, t, wall, type, then the event's own fields."""
        return {"seq": self.seq, "t": self.t, "wall": self.wall, "type": self.type, **self.data}


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class SessionStore:
    """Append-only access to one session file."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._next_seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0] + 1
        self.meta: dict[str, str] = dict(conn.execute("SELECT key, value FROM meta"))

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, meta: dict[str, str]) -> SessionStore:
        """Create a new session file, readable by its owner only; never overwrites one."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            raise SessionError(
                f"{path}: a file of that name exists already; choose another --session path"
            ) from None
        except OSError as err:
            raise SessionError(f"{path}: cannot create the session file ({err.strerror})") from None
        os.close(fd)
        try:
            conn = _connect(path)
            with conn:
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        except sqlite3.Error as err:
            raise SessionError(f"{path}: cannot write the session file ({err})") from None
        return cls(path, conn)

    @classmethod
    def open(cls, path: Path) -> SessionStore:
        """Open an existing session file, or raise SessionError saying what is wrong."""
        if not path.exists():
            raise SessionError(f"{path}: no such session file")
        if path.is_dir():
            raise SessionError(f"{path}: is a folder, not a session file")
        with path.open("rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            raise SessionError(
                f"{path}: not a crisis-sim session file (sessions are the "
                ".sqlite files that 'crisis-sim run' and 'simulate' write)"
            )
        try:
            conn = _connect(path)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise SessionError(f"{path}: an SQLite database, but not a crisis-sim session file")
            if version > SCHEMA_VERSION:
                raise SessionError(
                    f"{path}: written by a newer crisis-sim (session format "
                    f"{version}); upgrade crisis-sim to open it"
                )
            conn.execute("SELECT seq, t, wall, type, data FROM events LIMIT 1").fetchall()
            store = cls(path, conn)
        except sqlite3.DatabaseError as err:
            raise SessionError(
                f"{path}: the session file is damaged ({_one_line(err)}); crisis-sim cannot read it"
            ) from None
        text, digest = store.meta.get("scenario_text"), store.meta.get("scenario_sha256")
        if text is not None and digest and hashlib.sha256(text.encode()).hexdigest() != digest:
            store.close()
            raise SessionError(
                f"{path}: the scenario stored in the session has been altered "
                "since the exercise ran; it cannot be trusted for a debrief"
            )
        return store

    # -- writing ----------------------------------------------------------------------

    def append(self, events: Iterable[Event]) -> list[Event]:
        """Commit events as one transaction, giving each its sequence number."""
        batch = list(events)
        if not batch:
            return batch
        seq = self._next_seq
        wall = utc_now()  # the moment the batch is committed, for events without their own
        rows = []
        for event in batch:
            event.seq = seq
            if not event.wall:
                event.wall = wall
            rows.append((seq, event.t, event.wall, event.type, _dumps(event.data)))
            seq += 1
        try:
            with self._conn:
                self._conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as err:
            for event in batch:
                event.seq = 0
            raise SessionError(
                f"{self.path}: could not save to the session file ({err}); "
                "what was saved before is kept"
            ) from None
        self._next_seq = seq
        return batch

    # -- reading ----------------------------------------------------------------------

    def events(self, after_seq: int = 0) -> Iterator[Event]:
        """Every event in order, streamed from the file."""
        last = after_seq
        try:
            cursor = self._conn.execute(
                "SELECT seq, t, wall, type, data FROM events WHERE seq > ? ORDER BY seq",
                (after_seq,),
            )
            for seq, t, wall, kind, data in cursor:
                event = Event(kind, t, json.loads(data), wall, seq)
                if not isinstance(event.data, dict) or not isinstance(kind, str):
                    raise ValueError(f"event {seq} is not an event")
                yield event
                last = seq
        except (sqlite3.DatabaseError, ValueError, TypeError) as err:
            raise SessionError(
                f"{self.path}: the session file is damaged after event {last} "
                f"({_one_line(err)}); the events before it are intact"
            ) from None

    def last_event(self) -> Event | None:
        """The newest event, or None for an empty log."""
        row = self._conn.execute(
            "SELECT seq, t, wall, type, data FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        try:
            return Event(row[3], row[1], json.loads(row[4]), row[2], row[0])
        except (TypeError, ValueError) as err:
            raise SessionError(
                f"{self.path}: the session file is damaged at its last event ({_one_line(err)})"
            ) from None

    @property
    def ended(self) -> bool:
        """True when the exercise was ended; False for an interrupted session."""
        last = self.last_event()
        return last is not None and last.type == "session_end"

    def count(self) -> int:
        """How many events the log holds."""
        return self._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]

    def close(self) -> None:
        """Close the file; everything appended is already committed.

        The write-ahead log is folded into the file first, so a session that was closed
        cleanly is complete in its one ``.sqlite`` file, ready to be copied alone.
        """
        conn = self._conn
        try:
            # Never wait here: if another program (a console still running on this file)
            # is reading, the checkpoint does what it can, and that program's own close
            # folds in the rest.
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # a read-only folder or a full disk: the -wal file keeps what it holds
        conn.close()


def _one_line(err: Exception) -> str:
    text = " ".join(str(err).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.isolation_level = "DEFERRED"  # ``with conn`` then wraps one transaction
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn
