"""Session logs on a PostgreSQL server: the same log as a session file, for exercises that
span machines.

A database holds any number of sessions, each named (``jordras-20261130T193000Z/team-1``),
in the schema ``crisis_sim``, which the program creates and migrates itself (its format
number is in ``crisis_sim.format``). A session's one writer holds a PostgreSQL advisory
lock on it for as long as its connection lives, so a writer that dies, however it dies,
frees the session at once. Each commit of events also notifies the channel ``crisis_sim``
with the session and its last sequence number (a notification holds at most 8000 bytes:
numbers, never events), so that readers elsewhere follow the log without polling.

Rows are read through the same checks as a session file's, so a database that was
tampered with gives the same messages as a damaged file.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterable, Iterator
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from simulator.engine.store import (
    Event,
    SessionBusy,
    SessionError,
    check_scenario,
    checked_event,
    event_json,
    utc_now,
)
from simulator.lang import Sayer
from simulator.lang.database import DATABASE

said = Sayer(DATABASE)

SCHEMA = "crisis_sim"
#: The format of the schema this program writes; a database of a newer one is refused.
FORMAT = 1
#: The one notification channel: ``e:<session>:<seq>`` for committed events, and what the
#: exercise's tables add (see :mod:`simulator.exercise.database`).
CHANNEL = "crisis_sim"
#: Advisory lock classes ('CS' and 'CT'): a session's writer, and an exercise's host.
SESSION_LOCK = 0x4353
EXERCISE_LOCK = 0x4354
#: Rows read per query when a log is streamed: a million events never sit in memory twice.
PAGE = 5000
#: How long a connection may take to be made, in seconds, unless the address says.
CONNECT_TIMEOUT = 10
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")
MAX_NAME = 200

# Each step takes the schema from the format before it to its own number.
_STEPS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE SCHEMA IF NOT EXISTS crisis_sim",
        "CREATE TABLE crisis_sim.format (format integer NOT NULL)",
        "INSERT INTO crisis_sim.format VALUES (0)",
        """CREATE TABLE crisis_sim.sessions (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            created timestamptz NOT NULL DEFAULT now())""",
        """CREATE TABLE crisis_sim.meta (
            session integer NOT NULL REFERENCES crisis_sim.sessions ON DELETE CASCADE,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (session, key))""",
        """CREATE TABLE crisis_sim.events (
            session integer NOT NULL REFERENCES crisis_sim.sessions ON DELETE CASCADE,
            seq bigint NOT NULL,
            t double precision NOT NULL,
            wall text NOT NULL,
            type text NOT NULL,
            data text NOT NULL,
            PRIMARY KEY (session, seq))""",
        """CREATE TABLE crisis_sim.exercises (
            name text PRIMARY KEY,
            codes text NOT NULL,
            scenario text NOT NULL,
            teams integer NOT NULL,
            created timestamptz NOT NULL DEFAULT now())""",
        """CREATE TABLE crisis_sim.clocks (
            exercise text PRIMARY KEY REFERENCES crisis_sim.exercises ON DELETE CASCADE,
            t double precision NOT NULL,
            speed double precision NOT NULL,
            running boolean NOT NULL,
            ended boolean NOT NULL,
            at timestamptz NOT NULL DEFAULT now())""",
        """CREATE TABLE crisis_sim.commands (
            n bigint GENERATED ALWAYS AS IDENTITY,
            exercise text NOT NULL REFERENCES crisis_sim.exercises ON DELETE CASCADE,
            id text NOT NULL,
            code text NOT NULL,
            name text NOT NULL,
            request text NOT NULL,
            sent timestamptz NOT NULL DEFAULT now(),
            outcome text,
            PRIMARY KEY (exercise, id))""",
        "CREATE INDEX commands_open ON crisis_sim.commands (exercise, n) WHERE outcome IS NULL",
    ),
)
assert len(_STEPS) == FORMAT


def where(url: str) -> str:
    """The database of ``url`` as messages name it: ``server:port/database``, never with
    a password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "?"
    host = str(parts.get("host") or "localhost")
    port = str(parts.get("port") or "5432")
    return f"{host}:{port}/{parts.get('dbname') or parts.get('user') or ''}"


def is_address(text: str) -> bool:
    """Whether ``text`` is a PostgreSQL address (rather than a file)."""
    return text.startswith(("postgresql://", "postgres://"))


def reason(err: BaseException) -> str:
    """A driver's error in one line, as a message quotes it."""
    text = str(err).strip().splitlines()
    first = " ".join(text[0].split()) if text else type(err).__name__
    return first if len(first) <= 160 else first[:157] + "..."


def application_name() -> str:
    """Who a connection is, as the server shows it to the others: this process."""
    return f"crisis-sim {os.getpid()}@{socket.gethostname()}"[:63]


#: How a session's own connection names itself to the server: this process, and ``log``
#: (what an administrator sees in pg_stat_activity, and what a test can tell apart).
LOG_CONNECTION = f"{application_name()[:55]} log"


def connect(url: str, **options: Any) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (each change in its own transaction unless one is
    opened), or SessionError saying the server cannot be reached."""
    if not is_address(url):
        raise SessionError(said("address", address=url))
    try:
        settings = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise SessionError(said("address", address=url)) from None
    settings.setdefault("connect_timeout", CONNECT_TIMEOUT)
    settings.setdefault("application_name", application_name())
    try:
        return psycopg.connect(autocommit=True, **{**settings, **options})
    except psycopg.Error as err:
        raise SessionError(said("connect", where=where(url), reason=reason(err))) from None


def schema_format(conn: psycopg.Connection[Any]) -> int | None:
    """The format of the crisis-sim schema in the database, or None when it has none."""
    row = conn.execute(
        "SELECT to_regclass('crisis_sim.format') IS NOT NULL AND "
        "has_table_privilege(to_regclass('crisis_sim.format'), 'SELECT')"
    ).fetchone()
    if not row or not row[0]:
        return None
    found = conn.execute("SELECT max(format) FROM crisis_sim.format").fetchone()
    return int(found[0]) if found and found[0] is not None else 0


def set_up(conn: psycopg.Connection[Any], url: str) -> None:
    """Create the schema, or bring it to this program's format; once, whoever asks first.

    A transaction-level advisory lock makes two programs starting together take turns;
    each step is one transaction, so an interrupted migration leaves the last whole one.
    """
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s, 0)", (SESSION_LOCK,))
            current = schema_format(conn) or 0
            if current > FORMAT:
                raise SessionError(said("newer", where=where(url), version=current))
            for number in range(current, FORMAT):
                for statement in _STEPS[number]:
                    conn.execute(statement.encode())
                conn.execute("UPDATE crisis_sim.format SET format = %s", (number + 1,))
            _grant_seat_servers(conn)
    except psycopg.OperationalError as err:
        raise SessionError(said("lost", where=where(url), reason=reason(err))) from None
    except psycopg.Error as err:
        raise SessionError(said("setup", where=where(url), reason=reason(err))) from None


#: The role whose members may serve seats (``crisis-sim serve``) and nothing more: read
#: the logs and the exercises, and put requests in the commands table. An administrator
#: makes it (NOLOGIN) and its members; the schema's owner grants it what it may do.
SEAT_ROLE = "crisis_sim_seats"
_SEAT_GRANTS = (
    "GRANT USAGE ON SCHEMA crisis_sim TO crisis_sim_seats",
    "GRANT SELECT ON ALL TABLES IN SCHEMA crisis_sim TO crisis_sim_seats",
    "GRANT INSERT (exercise, id, code, name, request) ON crisis_sim.commands TO crisis_sim_seats",
)


def _grant_seat_servers(conn: psycopg.Connection[Any]) -> None:
    """Give the seat servers' role, where it exists, what it may do and nothing more
    (again at each start: a migration's new tables included); only the schema's owner
    can, and does."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) AND "
        "(SELECT pg_has_role(nspowner, 'USAGE') FROM pg_namespace WHERE nspname = %s)",
        (SEAT_ROLE, SCHEMA),
    ).fetchone()
    if row and row[0]:
        for statement in _SEAT_GRANTS:
            conn.execute(statement.encode())


def check_format(conn: psycopg.Connection[Any], url: str) -> None:
    """Refuse a database without sessions, or of a newer format (for those who only read)."""
    try:
        found = schema_format(conn)
    except psycopg.Error as err:
        raise failure(err, url) from None
    if found is None:
        raise SessionError(said("empty", where=where(url)))
    if found > FORMAT:
        raise SessionError(said("newer", where=where(url), version=found))


def check_name(name: str) -> None:
    """Refuse what cannot name a session in a database."""
    if len(name) > MAX_NAME or not _NAME.fullmatch(name):
        raise SessionError(said("name", name=name[:MAX_NAME]))


def holder(conn: psycopg.Connection[Any], lock: int, key: int) -> str:
    """Who holds an advisory lock, as the server shows it (empty when it will not say)."""
    row = conn.execute(
        "SELECT a.application_name, host(a.client_addr) FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
        "AND l.classid = %s AND l.objid = %s AND l.granted LIMIT 1",
        (lock, key),
    ).fetchone()
    if not row or not row[0]:
        return ""
    return str(row[0]) + (f" ({row[1]})" if row[1] else "")


class PgStore:
    """One session's log on a PostgreSQL server: append-only for its one writer, or
    read-only. A store opened for writing holds the session's advisory lock until
    :meth:`close` (or until its connection ends)."""

    def __init__(
        self, url: str, name: str, conn: psycopg.Connection[Any], session: int, readonly: bool
    ) -> None:
        self.url = url
        self.name = name
        self.session = session
        self.readonly = readonly
        self._conn: psycopg.Connection[Any] | None = conn
        self._where = where(url)
        try:
            rows = conn.execute(
                "SELECT key, value FROM crisis_sim.meta WHERE session = %s", (session,)
            ).fetchall()
        except psycopg.Error as err:
            raise failure(err, url) from None
        self.meta = {str(k): str(v) for k, v in rows}
        self._next_seq = self._stored_upto() + 1
        #: True after a commit whose outcome was not heard: the next append asks first.
        self._in_doubt = False

    @property
    def path(self) -> str:
        """The session as messages name it: its name and its database."""
        return f"{self.name} ({self._where})"

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def create(cls, url: str, name: str, meta: dict[str, str]) -> PgStore:
        """A new session named ``name`` in the database at ``url``, set up first if need
        be; never replaces one. Its writer's lock is held until :meth:`close`."""
        check_name(name)
        conn = connect(url, application_name=LOG_CONNECTION)
        try:
            set_up(conn, url)
            shown = f"{name} ({where(url)})"
            try:
                with conn.transaction():
                    row = conn.execute(
                        "INSERT INTO crisis_sim.sessions (name) VALUES (%s) "
                        "ON CONFLICT (name) DO NOTHING RETURNING id",
                        (name,),
                    ).fetchone()
                    if row is None:
                        raise SessionError(said("exists", path=shown))
                    session = int(row[0])
                    conn.cursor().executemany(
                        "INSERT INTO crisis_sim.meta VALUES (%s, %s, %s)",
                        [(session, k, v) for k, v in sorted(meta.items())],
                    )
            except psycopg.Error as err:
                raise failure(err, url) from None
            _lock_session(conn, session, shown)
            return cls(url, name, conn, session, readonly=False)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def open(cls, url: str, name: str, *, readonly: bool = False) -> PgStore:
        """The session ``name`` of the database at ``url``, or SessionError saying what is
        wrong. For writing, its lock is taken first (:class:`SessionBusy` when another
        program writes it); readers take none and work while it is written."""
        check_name(name)
        conn = connect(url, application_name=LOG_CONNECTION)
        try:
            if readonly:
                check_format(conn, url)
            else:
                set_up(conn, url)
            shown = f"{name} ({where(url)})"
            try:
                row = conn.execute(
                    "SELECT id FROM crisis_sim.sessions WHERE name = %s", (name,)
                ).fetchone()
            except psycopg.Error as err:
                raise failure(err, url) from None
            if row is None:
                raise SessionError(said("missing", path=shown))
            session = int(row[0])
            if not readonly:
                _lock_session(conn, session, shown)
            store = cls(url, name, conn, session, readonly)
            check_scenario(store.meta, store.path)
            return store
        except BaseException:
            conn.close()
            raise

    def reconnect(self) -> None:
        """Connect again after the server was out of reach, the writer's lock taken again
        (:class:`SessionBusy` when another program took the session meanwhile)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        conn = connect(self.url, application_name=LOG_CONNECTION)
        try:
            if not self.readonly:
                _lock_session(conn, self.session, self.path)
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    # -- writing ----------------------------------------------------------------------

    def append(self, events: Iterable[Event]) -> list[Event]:
        """Commit events as one transaction, giving each its sequence number, and notify
        the readers.

        After a commit whose outcome was not heard (the server went away during it), the
        batch the engine sends again starts with the same events: those the database has
        are given their numbers and not written twice.
        """
        batch = list(events)
        if not batch:
            return batch
        conn = self._connection()
        try:
            if self._in_doubt:
                stored = self._stored_upto()
                done = max(0, min(stored - self._next_seq + 1, len(batch)))
                for event in batch[:done]:
                    event.seq = self._next_seq
                    self._next_seq += 1
                self._in_doubt = False
                rest = batch[done:]
            else:
                rest = batch
            if rest:
                self._insert(conn, rest)
        except psycopg.Error as err:
            for event in batch:
                if event.seq >= self._next_seq:
                    event.seq = 0
            if isinstance(err, psycopg.OperationalError):
                self._in_doubt = True
                self._drop()
                raise SessionError(said("lost", where=self.path, reason=reason(err))) from None
            raise failure(err, self.url) from None
        return batch

    def _insert(self, conn: psycopg.Connection[Any], batch: list[Event]) -> None:
        seq = self._next_seq
        wall = utc_now()
        rows = []
        for event in batch:
            event.seq = seq
            if not event.wall:
                event.wall = wall
            rows.append(
                (self.session, seq, event.t, event.wall, event.type, event_json(event.data))
            )
            seq += 1
        with conn.transaction():
            conn.cursor().executemany(
                "INSERT INTO crisis_sim.events VALUES (%s, %s, %s, %s, %s, %s)", rows
            )
            conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"e:{self.session}:{seq - 1}"))
        self._next_seq = seq

    # -- reading ----------------------------------------------------------------------

    def events(self, after_seq: int = 0) -> Iterator[Event]:
        """Every event after ``after_seq`` in order, read a page at a time."""
        last = after_seq
        while True:
            rows = self._query(
                "SELECT seq, t, wall, type, data FROM crisis_sim.events "
                "WHERE session = %s AND seq > %s ORDER BY seq LIMIT %s",
                (self.session, last, PAGE),
            )
            for row in rows:
                event = checked_event(tuple(row), self.path)
                yield event
                last = event.seq
            if len(rows) < PAGE:
                return

    def deliveries_of(self, items: Iterable[str]) -> Iterator[Event]:
        """The ``delivered`` events of a few items (found among the delivered events that
        mention them, then checked as every event is)."""
        wanted = set(items)
        if not wanted:
            return
        rows = self._query(
            "SELECT seq, t, wall, type, data FROM crisis_sim.events WHERE session = %s "
            "AND type = 'delivered' AND data LIKE ANY(%s) ORDER BY seq",
            (self.session, [f"%{_like(item)}%" for item in sorted(wanted)]),
        )
        for row in rows:
            event = checked_event(tuple(row), self.path)
            if event.data.get("item") in wanted:
                yield event

    def last_event(self) -> Event | None:
        """The newest event, or None for an empty log."""
        rows = self._query(
            "SELECT seq, t, wall, type, data FROM crisis_sim.events WHERE session = %s "
            "ORDER BY seq DESC LIMIT 1",
            (self.session,),
        )
        return checked_event(tuple(rows[0]), self.path) if rows else None

    @property
    def ended(self) -> bool:
        """True when the exercise was ended; False for an interrupted session."""
        last = self.last_event()
        return last is not None and last.type == "session_end"

    def count(self) -> int:
        """How many events the log holds."""
        rows = self._query(
            "SELECT count(*) FROM crisis_sim.events WHERE session = %s", (self.session,)
        )
        return int(rows[0][0])

    def _stored_upto(self) -> int:
        rows = self._query(
            "SELECT COALESCE(max(seq), 0) FROM crisis_sim.events WHERE session = %s",
            (self.session,),
        )
        return int(rows[0][0])

    def _query(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        # A reader tries once more on a new connection: a server restarted meanwhile
        # answers it. A writer's connection is made again by its owner (reconnect).
        for attempt in (1, 2):
            conn = self._connection()
            try:
                return conn.execute(query.encode(), params).fetchall()
            except psycopg.OperationalError as err:
                self._drop()
                if attempt == 2 or not self.readonly:
                    why = reason(err)
                    raise SessionError(said("lost", where=self.path, reason=why)) from None
            except psycopg.Error as err:
                raise failure(err, self.url) from None
        raise AssertionError("unreachable")

    def _connection(self) -> psycopg.Connection[Any]:
        """The connection, made again first if it was lost (readers only: a writer's is
        made again by :meth:`reconnect`, which takes its lock back)."""
        if self._conn is None or self._conn.closed:
            if not self.readonly:
                self.reconnect()
            else:
                self._conn = connect(self.url)
        assert self._conn is not None
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def close(self, *, fold: bool = True) -> None:
        """Close the connection, which gives the session's lock up; everything appended
        is already committed (``fold`` is a session file's matter)."""
        self._drop()


def _lock_session(conn: psycopg.Connection[Any], session: int, shown: str) -> None:
    try:
        row = conn.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (SESSION_LOCK, session)
        ).fetchone()
        taken = bool(row and row[0])
        who = "" if taken else holder(conn, SESSION_LOCK, session)
    except psycopg.Error as err:
        raise SessionError(said("lost", where=shown, reason=reason(err))) from None
    if not taken:
        raise SessionBusy(said("busy", path=shown, who=who or said("busy.unknown")))


def failure(err: psycopg.Error, url: str) -> SessionError:
    """A database error as the user reads it, in one line: the server lost, or its
    refusal."""
    if isinstance(err, psycopg.OperationalError):
        return SessionError(said("lost", where=where(url), reason=reason(err)))
    return SessionError(said("refused", where=where(url), reason=reason(err)))


def _like(text: str) -> str:
    """``text`` as it appears in an event's JSON, escaped for LIKE."""
    quoted = event_json({"": text})[4:-1]  # '{"":"…"}' → '"…"'
    return quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_sessions(url: str) -> list[tuple[str, int, str]]:
    """The sessions a database holds: name, number of events, and when each was made."""
    conn = connect(url)
    try:
        check_format(conn, url)
        rows = conn.execute(
            "SELECT s.name, (SELECT count(*) FROM crisis_sim.events e "
            "WHERE e.session = s.id), to_char(s.created AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD HH24:MI') FROM crisis_sim.sessions s ORDER BY s.name"
        ).fetchall()
        return [(str(n), int(c), str(w)) for n, c, w in rows]
    except psycopg.Error as err:
        raise failure(err, url) from None
    finally:
        conn.close()


def drop_session(url: str, name: str) -> None:
    """Remove a session and its log from the database (what a failed copy made)."""
    conn = connect(url)
    try:
        conn.execute("DELETE FROM crisis_sim.sessions WHERE name = %s", (name,))
    except psycopg.Error as err:
        raise failure(err, url) from None
    finally:
        conn.close()
