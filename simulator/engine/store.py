"""The session file: one SQLite database per exercise run, an ordered log of events.

The log is the single source of truth: delivery, actions, resume, replay and scoring all
read or append it. Writes are whole transactions in WAL mode with synchronous=NORMAL, so a
killed process never costs a committed transaction.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any, Protocol

import orjson

from simulator.engine import lock as _lock
from simulator.files import FileRefused, check_regular_input, os_reason
from simulator.lang import Said, SaidError, Sayer
from simulator.lang.sessions import SESSIONS

said = Sayer(SESSIONS)

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


# Limits on what one event may hold. A session is read as untrusted input: a copied or
# edited file must give a message, never a crash, a hang or all the memory.
MAX_T = 1e9  # scenario seconds, about 31 years: beyond any exercise, and still exact
MAX_EVENT_CHARS = 1_000_000  # an event's JSON; the longest real ones are a few kilobytes
MAX_DEPTH = 32  # nesting of an event's JSON; real events nest three levels
MAX_LABEL_CHARS = 100  # an event's type and wall-clock time
_SHA256 = re.compile(r"[0-9a-f]{64}")


class SessionError(Exception):
    """A session file that cannot be used; the message names the file and what to do.

    ``said`` holds the message for its reader's language; ``str()`` is English, for logs.
    """

    def __init__(self, said: Said) -> None:
        self.said = said
        super().__init__(said.text())


class SessionBusy(SessionError):
    """The session is open for writing in another program."""


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


def event_json(data: dict[str, Any]) -> str:
    """An event's data as compact JSON text, written as UTF-8 (not \\u escapes).

    orjson: a surge writes a million of these, and encoding them was a third of the time
    ``simulate`` takes; its output reads back with the standard library's json.
    """
    return orjson.dumps(data).decode()


class SessionLog(Protocol):
    """One session's log wherever it is kept: a session file (:class:`SessionStore`) or a
    database server (:class:`simulator.engine.pgstore.PgStore`). The engine, the host,
    scoring, replay and export know a session through this alone.
    """

    @property
    def path(self) -> PurePath | str:
        """Where the session is, as messages name it."""

    meta: dict[str, str]
    readonly: bool

    def append(self, events: Iterable[Event]) -> list[Event]:
        """Commit events as one transaction, giving each its sequence number."""

    def events(self, after_seq: int = 0) -> Iterator[Event]:
        """Every event after ``after_seq`` in order, each checked as it is read."""

    def deliveries_of(self, items: Iterable[str]) -> Iterator[Event]:
        """The ``delivered`` events of a few items."""

    def last_event(self) -> Event | None:
        """The newest event, or None for an empty log."""

    @property
    def ended(self) -> bool:
        """True when the exercise was ended."""

    def count(self) -> int:
        """How many events the log holds."""

    def close(self, *, fold: bool = True) -> None:
        """Give the session up; everything appended is already committed."""


class SessionStore:
    """Access to one session file: append-only for its one writer, or read-only.

    A store opened for writing (:meth:`create`, :meth:`open`) holds the session's lock
    until it is closed, so no other program writes the same session; a store opened with
    ``readonly=True`` takes no lock and never changes the file.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        lock: _lock.FileLock | None = None,
        *,
        readonly: bool = False,
    ) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock
        self.readonly = readonly
        self._closed = False
        self._had_wal = True  # as far as this store knows; open() tells it
        self._next_seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0] + 1
        meta: dict[str, str] = {}
        for key, value in conn.execute("SELECT key, value FROM meta"):
            if not isinstance(key, str) or not isinstance(value, str):
                raise SessionError(said("meta.not_text", path=str(path), field=repr(str(key)[:40])))
            meta[key] = value
        self.meta = meta

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, meta: dict[str, str]) -> SessionStore:
        """Create a new session file, readable by its owner only; never overwrites one.

        The session's lock is taken first (or shared, when this program claimed it with
        :func:`claim_session`), and held until :meth:`close`.
        """
        held = claim_session(path)
        try:
            for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
                if companion.exists():
                    # SQLite would apply a stale write-ahead log to the new file.
                    raise SessionError(said("companion", path=str(companion)))
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                raise SessionError(said("exists", path=str(path))) from None
            except OSError as err:
                raise SessionError(said("create", path=str(path), reason=_reason(err))) from None
            os.close(fd)
            try:
                conn = _connect(path)
                with conn:
                    conn.executescript(_SCHEMA)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            except sqlite3.Error as err:
                raise SessionError(said("write", path=str(path), error=str(err))) from None
            return cls(path, conn, held)
        except BaseException:
            held.release()
            raise

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> SessionStore:
        """Open an existing session file, or raise SessionError saying what is wrong.

        For writing (the default), the session's lock is taken first: a session another
        program writes is refused with :class:`SessionBusy`. ``readonly=True`` is for the
        readers (score, export, replay): no lock, and the file is never changed, so they
        work while the session is being written, on read-only files and on read-only media.
        """
        _check_session_file(path)
        had_wal = Path(f"{path}-wal").exists()  # before SQLite makes one to read with
        if not readonly and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise SessionError(said("read_only", path=str(path)))
        held = None if readonly else claim_session(path)
        try:
            try:
                conn = _connect_readonly(path) if readonly else _connect(path)
                try:
                    _checked_schema(path, conn, had_wal)
                    store = cls(path, conn, held, readonly=readonly)
                except BaseException:
                    conn.close()
                    if readonly:
                        _tidy_companions(path, had_wal, fold=False)
                    raise
            except sqlite3.DatabaseError as err:
                raise SessionError(said("damaged", path=str(path), error=_one_line(err))) from None
        except BaseException:
            if held is not None:
                held.release()
            raise
        try:
            check_scenario(store.meta, str(path))
        except SessionError:
            store.close(fold=False)
            raise
        store._had_wal = had_wal
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
            rows.append((seq, event.t, event.wall, event.type, event_json(event.data)))
            seq += 1
        try:
            with self._conn:
                self._conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as err:
            for event in batch:
                event.seq = 0
            raise SessionError(said("save", path=str(self.path), error=str(err))) from None
        self._next_seq = seq
        return batch

    # -- reading ----------------------------------------------------------------------

    def events(self, after_seq: int = 0) -> Iterator[Event]:
        """Every event in order, streamed from the file; each is checked as it is read."""
        last = after_seq
        try:
            cursor = self._conn.execute(
                "SELECT seq, t, wall, type, data FROM events WHERE seq > ? ORDER BY seq",
                (after_seq,),
            )
            for row in cursor:
                event = self._event(row)
                yield event
                last = event.seq
        except sqlite3.DatabaseError as err:
            raise SessionError(
                said("damaged.after", path=str(self.path), seq=last, error=_one_line(err))
            ) from None

    def _event(self, row: tuple[Any, ...]) -> Event:
        return checked_event(row, str(self.path))

    def deliveries_of(self, items: Iterable[str]) -> Iterator[Event]:
        """The ``delivered`` events of a few items, found by the database itself.

        For a second look at a handful of items after a full read (the texts of the items
        a team hid): SQLite's JSON functions find them without Python decoding every event
        of a big session again. Each event found is checked as :meth:`events` checks it.
        """
        wanted = sorted(set(items))
        if not wanted:
            return
        marks = ",".join("?" * len(wanted))
        try:
            cursor = self._conn.execute(
                "SELECT seq, t, wall, type, data FROM events WHERE type = 'delivered' AND "
                f"json_valid(data) AND json_extract(data, '$.item') IN ({marks}) ORDER BY seq",
                wanted,
            )
            rows = cursor.fetchall()
        except sqlite3.DatabaseError as err:
            raise SessionError(
                said("damaged.after", path=str(self.path), seq=0, error=_one_line(err))
            ) from None
        for row in rows:
            yield self._event(row)

    def last_event(self) -> Event | None:
        """The newest event, or None for an empty log."""
        try:
            row = self._conn.execute(
                "SELECT seq, t, wall, type, data FROM events ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        except sqlite3.DatabaseError as err:
            raise SessionError(
                said("damaged.last", path=str(self.path), error=_one_line(err))
            ) from None
        return None if row is None else self._event(row)

    @property
    def ended(self) -> bool:
        """True when the exercise was ended; False for an interrupted session."""
        last = self.last_event()
        return last is not None and last.type == "session_end"

    def count(self) -> int:
        """How many events the log holds."""
        return self._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]

    def close(self, *, fold: bool = True) -> None:
        """Close the file and give up its lock; everything appended is already committed.

        The write-ahead log is folded into the file first, so a session that was closed
        cleanly is complete in its one ``.sqlite`` file, ready to be copied alone. A reader
        folds it in too (unless ``fold`` is false), if no program is writing the session:
        that is how a session left by a crash becomes whole again.
        """
        conn = self._conn
        if self._closed:
            return
        self._closed = True
        if self.readonly:
            conn.close()
            _tidy_companions(self.path, self._had_wal, fold=fold)
            return
        try:
            # Never wait here: if another program (a debrief still reading this file)
            # is reading, the checkpoint does what it can, and that program's own close
            # folds in the rest.
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # a read-only folder or a full disk: the -wal file keeps what it holds
        conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def checked_event(row: tuple[Any, ...], where: str) -> Event:
    """One stored row (seq, t, wall, type, data) as an event, or SessionError naming the
    session ``where`` and what is wrong; every store reads its rows through this."""
    seq, t, wall, kind, data = row
    problem = _row_problem(seq, t, wall, kind, data)
    parsed: Any = None
    if problem is None:
        try:
            parsed = _loads(data)
        except RecursionError:
            problem = said("event.deep", depth=MAX_DEPTH)
        except ValueError as err:
            why = err.said if isinstance(err, SaidError) else _one_line(err)
            problem = said("event.json", error=why)
        else:
            if not isinstance(parsed, dict):
                problem = said("event.not_object")
            elif (data.count("{") + data.count("[") > MAX_DEPTH) and _too_deep(parsed):
                problem = said("event.deep", depth=MAX_DEPTH)
    if problem is not None:
        number = seq if isinstance(seq, int) else "?"
        raise SessionError(said("event.damaged", path=where, seq=number, problem=problem))
    return Event(kind, float(t), parsed, wall, seq)


# -- the one writer ------------------------------------------------------------------------


def lock_path(session: Path) -> Path:
    """The lock file of a session: ``NAME.sqlite.lock`` beside it.

    ``simulate`` writes ``NAME.sqlite.partial`` and renames it when done; both names share
    the lock of ``NAME.sqlite``, so the run is one writer from start to rename. A session
    reached through a link has the lock of the file it leads to.
    """
    real = Path(os.path.realpath(session))
    return real.with_name(real.name.removesuffix(".partial") + ".lock")


def claim_session(path: Path) -> _lock.FileLock:
    """Hold the lock of the session at ``path`` (which need not exist yet) until released.

    Raises :class:`SessionBusy` naming the program that holds it, or SessionError when the
    lock file cannot be made. A store created or opened for writing in this program later
    shares the claim. The session's folder is created if need be.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SessionError(
            said("folder.create", path=str(path), folder=str(path.parent), reason=_reason(err))
        ) from None
    try:
        return _lock.acquire(lock_path(path))
    except _lock.LockHeld as held:
        raise SessionBusy(busy_message(path, held.holder)) from None
    except OSError as err:
        name = lock_path(path).name
        reason: Said | str = _reason(err)
        if isinstance(err, _lock.LockRefused):
            reason = err.said
        if lock_path(path).is_symlink():
            reason = said("lock.link", lock=name)
        raise SessionError(said("lock", path=str(path), reason=reason, lock=name)) from None


def busy_message(path: Path, holder: dict[str, Any]) -> Said:
    """Who writes a session, and what to do, in one line."""
    pid, host = holder.get("pid"), holder.get("host")
    process: Said | None = None
    if pid and host:
        process = said("busy.process.host", pid=str(pid), host=str(host))
    elif pid:
        process = said("busy.process", pid=str(pid))
    elif host:
        process = said("busy.host", host=str(host))
    since = str(holder.get("since") or "").replace("T", " ").replace("+00:00", " UTC")
    when = said("busy.since", since=since) if since else None
    who = said("busy.who", process=process, since=when) if process and when else process or when
    return said("busy", path=str(path), by=said("busy.by", who=who) if who else "")


@dataclass(frozen=True, slots=True)
class Leftover:
    """A ``.partial`` file (and its companions) of a ``simulate`` run that was killed."""

    path: Path
    files: tuple[Path, ...]
    size: int

    def note(self) -> Said:
        """The one-line note that tells the user about it and how to remove it."""
        import shlex

        names = " ".join(shlex.quote(str(f)) for f in self.files)
        return said("leftover", path=str(self.path), size=_size(self.size), names=names)


def leftover_partial(session: Path) -> Leftover | None:
    """The leftover of a killed ``simulate`` into ``session``, if there is one.

    Only call it while holding the session's lock: then no run is writing the partial.
    """
    partial = session.with_name(session.name + ".partial")
    files = tuple(
        f for f in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")) if f.exists()
    )
    if not files:
        return None
    return Leftover(partial, files, sum(_file_size(f) for f in files))


def stale_partials(folder: Path) -> list[Leftover]:
    """Leftovers of killed ``simulate`` runs in ``folder``: partials whose lock is free.

    A partial whose lock is held belongs to a run still going, and is left alone. Nothing
    is removed: the note says how.
    """
    found = []
    try:
        partials = sorted(folder.glob("*.partial"))
    except OSError:
        return []
    for partial in partials:
        session = partial.with_name(partial.name.removesuffix(".partial"))
        try:
            probe = _lock.acquire(lock_path(session), reentrant=False)
        except (_lock.LockHeld, OSError):
            continue  # being written, or not ours to judge
        try:
            leftover = leftover_partial(session)
        finally:
            probe.release()
        if leftover is not None:
            found.append(leftover)
    return found


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _size(n: int) -> Said:
    return said("size.mb", mb=n / 1_000_000) if n >= 1_000_000 else said("size.bytes", count=n)


def _reason(err: OSError) -> Said | str:
    """Why the system refused, in the reader's language when the files module says it so."""
    return os_reason(err) if err.errno else str(err)


# -- checking a file before and while it is read --------------------------------------------


def _check_session_file(path: Path) -> None:
    """Refuse what is not a readable session file before SQLite sees it, without blocking.

    A FIFO would block an open and ``/dev/zero`` would feed SQLite forever; an empty file
    or a header without its write-ahead log gets a message about what is missing.
    """
    if not path.exists():
        raise SessionError(said("missing", path=str(path)))
    if path.is_dir():
        raise SessionError(said("folder", path=str(path)))
    try:
        check_regular_input(path)
    except FileRefused as err:
        raise SessionError(said("refused", path=str(path), reason=err.predicate)) from None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise SessionError(said("unreadable", path=str(path), reason=_reason(err))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped since it was checked
            raise SessionError(said("not_regular", path=str(path)))
        header = os.read(fd, 100)
    except OSError as err:
        raise SessionError(said("unreadable", path=str(path), reason=_reason(err))) from None
    finally:
        os.close(fd)
    if not header:
        advice = _lost_wal_advice(path, Path(f"{path}-wal").exists())
        raise SessionError(said("empty", path=str(path), advice=advice))
    if not header.startswith(b"SQLite format 3\x00"):
        raise SessionError(said("not_session", path=str(path)))


def _lost_wal_advice(path: Path, had_wal: bool) -> Said:
    wal = Path(f"{path}-wal")
    return said("wal.damaged" if had_wal else "wal.missing", wal=wal.name, name=path.name)


def _checked_schema(path: Path, conn: sqlite3.Connection, had_wal: bool) -> None:
    """Check that the file is a crisis-sim session of a known format, or SessionError."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    kinds = dict(
        conn.execute("SELECT name, type FROM sqlite_master WHERE name IN ('meta', 'events')")
    )
    if app_id != APPLICATION_ID:
        if app_id == 0 and version == 0 and _is_wal_mode(path) and not _has_tables(conn):
            # The header of a session written in WAL mode, and nothing else: everything
            # after it was in the -wal file.
            raise SessionError(
                said("incomplete", path=str(path), advice=_lost_wal_advice(path, had_wal))
            )
        raise SessionError(said("other_database", path=str(path)))
    if version > SCHEMA_VERSION:
        raise SessionError(said("newer", path=str(path), version=version))
    for name in ("meta", "events"):
        if kinds.get(name, "table") != "table":
            # A view could compute rows forever; a session has plain tables only.
            raise SessionError(said("not_table", path=str(path), name=name))
    planted = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE NOT ("
        "(type = 'table' AND name IN ('meta', 'events')) "
        "OR (type = 'index' AND name LIKE 'sqlite_autoindex_%'))"
    ).fetchone()
    if planted is not None:
        # crisis-sim writes two tables and nothing else; a trigger would act on the next
        # write (resume), a view or another table could stand in for data.
        raise SessionError(
            said("planted", path=str(path), kind=str(planted[0]), name=str(planted[1]))
        )
    conn.execute("SELECT seq, t, wall, type, data FROM events LIMIT 1").fetchall()


def _is_wal_mode(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return header[18:20] == b"\x02\x02"


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0


def check_scenario(meta: dict[str, str], where: str) -> None:
    """Raise SessionError unless the session ``where`` holds its scenario, vouched for by
    its digest."""
    if meta.get("scenario_text") is None:
        raise SessionError(said("scenario.missing", path=where))
    problem = _digest_problem(meta)
    if problem:
        raise SessionError(said("scenario.altered", path=where, problem=problem))


def _digest_problem(meta: dict[str, str]) -> Said | None:
    """Why the stored scenario's digest does not vouch for it, or None when it does.

    The digest is required: a session without it would have its check turned off by
    whoever removed it. It guards against accidents (an edited copy, a damaged file), not
    against someone who recomputes it.
    """
    text, digest = meta.get("scenario_text", ""), meta.get("scenario_sha256")
    if not digest:
        return said("digest.missing")
    if not _SHA256.fullmatch(digest.lower()):
        return said("digest.malformed")
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest.lower():
        return said("digest.differs")
    return None


def _row_problem(seq: Any, t: Any, wall: Any, kind: Any, data: Any) -> Said | None:
    """What is wrong with an event's columns, or None. SQLite stores any type in any
    column, so each is checked before it is used."""
    if not isinstance(seq, int) or isinstance(seq, bool):
        return said("event.seq")
    if isinstance(t, bool) or not isinstance(t, int | float):
        return said("event.t")
    if not math.isfinite(t):
        return said("event.t.finite")
    if not 0 <= t <= MAX_T:
        return said("event.t.negative" if t < 0 else "event.t.large")
    if not isinstance(wall, str) or len(wall) > MAX_LABEL_CHARS:
        return said("event.wall")
    if not isinstance(kind, str) or not kind or len(kind) > MAX_LABEL_CHARS:
        return said("event.type")
    if not isinstance(data, str):
        return said("event.data")
    if len(data) > MAX_EVENT_CHARS:
        return said("event.long", most=MAX_EVENT_CHARS)
    return None


def _reject_constant(name: str) -> Any:
    raise SaidError(said("event.constant", name=name))


# NaN and Infinity are not JSON; Python would accept them and every figure would break.
_strict_loads = json.JSONDecoder(parse_constant=_reject_constant).decode


def _loads(text: str) -> Any:
    """An event's data, parsed.

    orjson reads the well-formed (scoring a big session is mostly reading JSON); what it
    refuses (damage, integers beyond 64 bits, lone surrogates) is read again by the
    standard decoder, whose reading or refusal is the one the reader sees, as always.
    """
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return _strict_loads(text)


def _too_deep(value: Any) -> bool:
    """True when ``value`` nests deeper than MAX_DEPTH (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


def _one_line(err: Exception) -> str:
    text = " ".join(str(err).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.isolation_level = "DEFERRED"  # ``with conn`` then wraps one transaction
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file.

    WAL mode needs the ``-shm`` file even to read. When the folder is read-only and it
    does not exist yet, it cannot be made: the file is then read as immutable, which is
    only right when there is no ``-wal`` file whose events it would miss.
    """
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK):
            raise
    if _file_size(Path(f"{path}-wal")) > 0:
        raise SessionError(said("wal.read_only", path=str(path), wal=f"{path.name}-wal"))
    conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _tidy_companions(path: Path, had_wal: bool, *, fold: bool) -> None:
    """After reading: fold a left ``-wal`` file into the session, if nobody writes it.

    A reader's own connection cannot do it: it is read-only, and WAL made it create empty
    ``-wal`` and ``-shm`` files even to read. A short write connection, under the session's
    lock so that it never meets a writer, folds the log in, and SQLite then removes both
    files. A file the reader may not write keeps its log; only the empty companion files
    this reader made are removed. ``fold=False`` (a session refused as damaged) only does
    the latter: a damaged log is kept for whoever can repair it.
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if not wal.exists():
        return
    try:
        held = _lock.acquire(lock_path(path), reentrant=False)
    except (_lock.LockHeld, OSError):
        return  # a writer has it open, or the folder is read-only: its files are its own
    try:
        if fold and os.access(path, os.W_OK):
            conn = sqlite3.connect(path, isolation_level=None)
            try:
                conn.execute("PRAGMA busy_timeout = 0")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                conn.close()
        elif not had_wal and _file_size(wal) == 0:
            wal.unlink(missing_ok=True)
            shm.unlink(missing_ok=True)
    except (sqlite3.Error, OSError):
        pass  # left as they are: the next writer or reader folds them in
    finally:
        held.release()
