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
from pathlib import Path
from typing import Any

from simulator.engine import lock as _lock
from simulator.files import FileRefused, check_regular_input, os_reason

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
    """A session file that cannot be used; the message names the file and what to do."""


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


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


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
                raise SessionError(
                    f"{path}: the session file is damaged (the meta entry {str(key)[:40]!r} "
                    "is not text); crisis-sim cannot read it"
                )
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
                    raise SessionError(
                        f"{companion}: left over from a removed session; remove it, or "
                        "choose another --session path"
                    )
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                raise SessionError(
                    f"{path}: a file of that name exists already; choose another --session path"
                ) from None
            except OSError as err:
                raise SessionError(
                    f"{path}: cannot create the session file: {os_reason(err)}"
                ) from None
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
            raise SessionError(
                f"{path}: cannot be opened for writing: permission denied (the file or "
                f"its folder is read-only); it can still be read: crisis-sim score {path}"
            )
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
                raise SessionError(
                    f"{path}: the session file is damaged ({_one_line(err)}); "
                    "crisis-sim cannot read it"
                ) from None
        except BaseException:
            if held is not None:
                held.release()
            raise
        if store.meta.get("scenario_text") is None:
            store.close(fold=False)
            raise SessionError(
                f"{path}: the scenario stored in the session cannot be read (it is missing)"
            )
        problem = _digest_problem(store.meta)
        if problem:
            store.close(fold=False)
            raise SessionError(
                f"{path}: the scenario stored in the session has been altered since the "
                f"exercise ran ({problem}); it cannot be trusted for a debrief"
            )
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
                f"{self.path}: the session file is damaged after event {last} "
                f"({_one_line(err)}); the events before it are intact"
            ) from None

    def _event(self, row: tuple[Any, ...]) -> Event:
        """One row as an event, or SessionError naming the event and what is wrong."""
        seq, t, wall, kind, data = row
        problem = _row_problem(seq, t, wall, kind, data)
        parsed: Any = None
        if problem is None:
            try:
                parsed = _loads(data)
            except RecursionError:
                problem = f"its data nests deeper than {MAX_DEPTH} levels"
            except ValueError as err:
                problem = f"its data is not valid JSON: {_one_line(err)}"
            else:
                if not isinstance(parsed, dict):
                    problem = "its data is not a JSON object"
                elif (data.count("{") + data.count("[") > MAX_DEPTH) and _too_deep(parsed):
                    problem = f"its data nests deeper than {MAX_DEPTH} levels"
        if problem is not None:
            raise SessionError(
                f"{self.path}: event {seq if isinstance(seq, int) else '?'} is damaged "
                f"({problem}); the events before it are intact, but crisis-sim cannot use "
                "the session"
            )
        return Event(kind, float(t), parsed, wall, seq)

    def last_event(self) -> Event | None:
        """The newest event, or None for an empty log."""
        try:
            row = self._conn.execute(
                "SELECT seq, t, wall, type, data FROM events ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        except sqlite3.DatabaseError as err:
            raise SessionError(
                f"{self.path}: the session file is damaged at its last event ({_one_line(err)})"
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
            f"{path}: cannot create the folder {path.parent}: {os_reason(err)}"
        ) from None
    try:
        return _lock.acquire(lock_path(path))
    except _lock.LockHeld as held:
        raise SessionBusy(busy_message(path, held.holder)) from None
    except OSError as err:
        reason = os_reason(err) if err.errno else str(err)
        if lock_path(path).is_symlink():
            reason = f"{lock_path(path).name} is a symbolic link; remove it"
        raise SessionError(
            f"{path}: cannot be opened for writing: {reason} (crisis-sim needs to create "
            f"{lock_path(path).name} beside it)"
        ) from None


def busy_message(path: Path, holder: dict[str, Any]) -> str:
    """Who writes a session, and what to do, in one line."""
    process = " ".join(
        part
        for part in (
            f"process {holder['pid']}" if holder.get("pid") else "",
            f"on {holder['host']}" if holder.get("host") else "",
        )
        if part
    )
    since = str(holder.get("since") or "").replace("T", " ").replace("+00:00", " UTC")
    who = ", ".join(part for part in (process, f"since {since}" if since else "") if part)
    by = f" ({who})" if who else ""
    return (
        f"{path} is open for writing in another crisis-sim{by}; only one program may write "
        "a session at a time. Close that one first. Reading it (score, export, replay) "
        "works meanwhile"
    )


@dataclass(frozen=True, slots=True)
class Leftover:
    """A ``.partial`` file (and its companions) of a ``simulate`` run that was killed."""

    path: Path
    files: tuple[Path, ...]
    size: int

    def note(self) -> str:
        """The one-line note that tells the user about it and how to remove it."""
        import shlex

        names = " ".join(shlex.quote(str(f)) for f in self.files)
        return (
            f"{self.path}: left over from a 'crisis-sim simulate' that was stopped before it "
            f"finished ({_size(self.size)}); no session uses it. Remove it with: rm {names}"
        )


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


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


# -- checking a file before and while it is read --------------------------------------------


def _check_session_file(path: Path) -> None:
    """Refuse what is not a readable session file before SQLite sees it, without blocking.

    A FIFO would block an open and ``/dev/zero`` would feed SQLite forever; an empty file
    or a header without its write-ahead log gets a message about what is missing.
    """
    if not path.exists():
        raise SessionError(f"{path}: no such session file")
    if path.is_dir():
        raise SessionError(f"{path}: is a folder, not a session file")
    try:
        check_regular_input(path)
    except FileRefused as err:
        raise SessionError(f"{path}: {err}") from None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise SessionError(f"{path}: cannot be read: {os_reason(err)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped since it was checked
            raise SessionError(f"{path}: is not a regular file; give the path of a session")
        header = os.read(fd, 100)
    except OSError as err:
        raise SessionError(f"{path}: cannot be read: {os_reason(err)}") from None
    finally:
        os.close(fd)
    if not header:
        raise SessionError(
            f"{path}: not a crisis-sim session file: the file is empty. "
            + _lost_wal_advice(path, Path(f"{path}-wal").exists())
        )
    if not header.startswith(b"SQLite format 3\x00"):
        raise SessionError(
            f"{path}: not a crisis-sim session file (sessions are the "
            ".sqlite files that 'crisis-sim run' and 'simulate' write)"
        )


def _lost_wal_advice(path: Path, had_wal: bool) -> str:
    wal = Path(f"{path}-wal")
    state = "is damaged" if had_wal else "is missing"
    return (
        f"If it is a session, the write-ahead log {wal.name}, which held its recent "
        f"events, {state}: restore {wal.name} from where the session was copied "
        f"(together with {path.name}, into the same folder) and run again"
    )


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
                f"{path}: the session file is incomplete. " + _lost_wal_advice(path, had_wal)
            )
        raise SessionError(f"{path}: an SQLite database, but not a crisis-sim session file")
    if version > SCHEMA_VERSION:
        raise SessionError(
            f"{path}: written by a newer crisis-sim (session format "
            f"{version}); upgrade crisis-sim to open it"
        )
    for name in ("meta", "events"):
        if kinds.get(name, "table") != "table":
            # A view could compute rows forever; a session has plain tables only.
            raise SessionError(
                f"{path}: the session file is damaged ({name} is not a table); "
                "crisis-sim cannot read it"
            )
    planted = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE NOT ("
        "(type = 'table' AND name IN ('meta', 'events')) "
        "OR (type = 'index' AND name LIKE 'sqlite_autoindex_%'))"
    ).fetchone()
    if planted is not None:
        # crisis-sim writes two tables and nothing else; a trigger would act on the next
        # write (resume), a view or another table could stand in for data.
        raise SessionError(
            f"{path}: the session file holds a {planted[0]} named '{planted[1]}', which "
            "crisis-sim never writes; it was changed by another program and cannot be "
            "trusted. Use the copy the exercise wrote"
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


def _digest_problem(meta: dict[str, str]) -> str | None:
    """Why the stored scenario's digest does not vouch for it, or None when it does.

    The digest is required: a session without it would have its check turned off by
    whoever removed it. It guards against accidents (an edited copy, a damaged file), not
    against someone who recomputes it.
    """
    text, digest = meta.get("scenario_text", ""), meta.get("scenario_sha256")
    if not digest:
        return "its SHA-256 fingerprint is missing"
    if not _SHA256.fullmatch(digest.lower()):
        return "its SHA-256 fingerprint is not one"
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest.lower():
        return "it does not match its SHA-256 fingerprint"
    return None


def _row_problem(seq: Any, t: Any, wall: Any, kind: Any, data: Any) -> str | None:
    """What is wrong with an event's columns, or None. SQLite stores any type in any
    column, so each is checked before it is used."""
    if not isinstance(seq, int) or isinstance(seq, bool):
        return "seq is not a whole number"
    if isinstance(t, bool) or not isinstance(t, int | float):
        return "t is not a number"
    if not math.isfinite(t):
        return "t is not a finite number"
    if not 0 <= t <= MAX_T:
        return f"t is {'negative' if t < 0 else 'too large'}"
    if not isinstance(wall, str) or len(wall) > MAX_LABEL_CHARS:
        return "wall is not a time"
    if not isinstance(kind, str) or not kind or len(kind) > MAX_LABEL_CHARS:
        return "type is not a name"
    if not isinstance(data, str):
        return "data is not text"
    if len(data) > MAX_EVENT_CHARS:
        return f"its data is over {MAX_EVENT_CHARS:,} characters"
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


# NaN and Infinity are not JSON; Python would accept them and every figure would break.
_loads = json.JSONDecoder(parse_constant=_reject_constant).decode


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
        raise SessionError(
            f"{path}: its newest events are in {path.name}-wal, and this folder is read-only, "
            "so crisis-sim cannot read them here; copy the session's files to a folder you "
            "can write to, and run again"
        )
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
