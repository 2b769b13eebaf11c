"""An exclusive lock held through a small file, for as long as its process lives.

The lock is ``flock(LOCK_EX | LOCK_NB)`` on a file that also says who holds it (process
id, host, start time) as JSON. The kernel releases an flock when its process dies, however
it dies, so a lock left by a killed process is detected by the next ``flock`` succeeding,
and is taken over. The file is removed when the lock is released normally.

Within one process the lock is re-entrant: the command that claims a session before its
console starts and the store that the console later opens share one lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.lang import Said, Sayer
from simulator.lang.sessions import SESSIONS

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; the lock is then advisory only
    fcntl = None  # type: ignore[assignment]

said = Sayer(SESSIONS)

# Held locks of this process, by the lock file's real path.
_HELD: dict[str, FileLock] = {}


class LockHeld(Exception):
    """Another process holds the lock; ``holder`` is what its file says (may be empty)."""

    def __init__(self, holder: dict[str, Any]) -> None:
        super().__init__("held by another process")
        self.holder = holder


class LockRefused(OSError):
    """The lock file is there but cannot be the lock; ``said`` tells why, in any language."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.text())
        self.said = said


class FileLock:
    """One held lock; release it with :meth:`release` (once per :func:`acquire`)."""

    def __init__(self, path: Path, fd: int, info: dict[str, Any]) -> None:
        self.path = path
        self.info = info
        self._fd: int | None = fd
        self._count = 1

    def release(self) -> None:
        """Give the lock up; the last release removes the file and unlocks it."""
        if self._fd is None:
            return
        self._count -= 1
        if self._count > 0:
            return
        _HELD.pop(str(self.path), None)
        # Removed while still locked, so a waiting process that then locks the old file
        # notices that the name no longer leads to it (see acquire) and starts again.
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None


def acquire(path: Path, *, reentrant: bool = True) -> FileLock:
    """Take the lock at ``path`` without waiting, or raise :class:`LockHeld`.

    ``OSError`` means the lock file cannot be created or opened (a read-only folder, no
    permission); callers say so in their own words.
    """
    # The folder is resolved, the name is not: a link planted at the lock's name is refused
    # (O_NOFOLLOW) rather than followed to a file that would then be overwritten.
    real = Path(os.path.realpath(path.parent)) / path.name
    held = _HELD.get(str(real))
    if held is not None:
        if not reentrant:
            raise LockHeld(held.info)
        held._count += 1
        return held
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(16):  # only a release racing with us makes it go round again
        fd = os.open(real, flags, 0o600)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise LockRefused(said("lock.not_regular", lock=real.name))
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise LockHeld(_read_holder(fd)) from None
            try:
                now = os.stat(real, follow_symlinks=False)
            except FileNotFoundError:
                now = None
            if now is None or (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
                os.close(fd)  # released and removed meanwhile: lock the new file instead
                continue
            holder = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "since": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(holder).encode(), 0)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        lock = FileLock(real, fd, holder)
        _HELD[str(real)] = lock
        return lock
    raise LockRefused(said("lock.changing", lock=real.name))


def _read_holder(fd: int) -> dict[str, Any]:
    """What the holder wrote; an empty dict when it is unreadable (it is only shown)."""
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str | int) and not isinstance(v, bool)}
