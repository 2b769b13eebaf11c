"""Every file crisis-sim reads or writes for the user goes through here.

Inputs are read only from regular files, with their size checked before reading, so a
FIFO, a device such as ``/dev/zero`` or a huge file can neither hang the command nor fill
memory. Outputs are written only to a regular file or a new path: a temporary file is
created beside the target with ``O_CREAT | O_EXCL`` (a link planted at its name is never
followed), written, flushed and renamed over the target, so a crash never leaves half a
file and nothing but the named file is ever replaced. Outputs are private (``0600``)
unless the caller asks for another mode.

Errors are :class:`FileRefused` with a message that says what the path is and what to do;
callers add the file name and turn it into their own kind of error.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

# Scenarios, actions files, spreadsheets: larger than any real one, small enough to read.
MAX_INPUT_BYTES = 10 * 1024 * 1024
PRIVATE = 0o600


class FileRefused(Exception):
    """A path that is not read or written; the message explains why, without the path.

    ``str(err)`` is a predicate (``"is a folder; ..."``) that follows the path's name in a
    message; :meth:`sentence` puts a subject in front, for messages that already name the
    file elsewhere (a finding's ``FILE: error:`` prefix).
    """

    def __init__(self, predicate: str, subject: str = "the file") -> None:
        super().__init__(predicate)
        self.subject = subject

    def sentence(self) -> str:
        """The reason as a clause of its own: ``"the file cannot be read: ..."``."""
        return f"{self.subject} {self}"


class TooLarge(FileRefused):
    """A file over the size limit: readable, but refused for what is in it."""


class WriteFailed(FileRefused):
    """The path was fine, but the disk refused the data (full, read-only, failing)."""


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def os_reason(err: OSError) -> str:
    """An operating-system error in plain words, for the end of a message."""
    plain = {
        errno.ENOENT: "no such file or folder; check the path",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOSPC: "the disk is full; free some space and try again",
        errno.EDQUOT: "the disk quota is used up; free some space and try again",
        errno.EFBIG: "the file would be larger than this system allows",
        errno.ELOOP: "the path is a loop of symbolic links",
        errno.ENAMETOOLONG: "the name is too long; choose a shorter one",
        errno.EISDIR: "it is a folder",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    return plain.get(err.errno or 0, (err.strerror or str(err)).lower())


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`FileRefused`.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and
    checked on the open handle, so it cannot be swapped between check and read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise _unreadable(path, err) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {kind_of(info.st_mode)}; give the path of a file", "this")
        if info.st_size > limit:
            raise TooLarge(
                f"is over {_size(limit)} ({_size(info.st_size)}); files over "
                f"{_size(limit)} are refused. Split it, or remove what it does not need"
            )
        chunks: list[bytes] = []
        total = 0
        # One byte past the limit is enough to know; a file growing while it is read
        # (a log, a device posing as a file) never makes this read more.
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(
                    f"grew past {_size(limit)} while it was read; files over "
                    f"{_size(limit)} are refused"
                )
        return b"".join(chunks)
    except OSError as err:
        raise _unreadable(path, err) from None
    finally:
        os.close(fd)


def _unreadable(path: Path, err: OSError) -> FileRefused:
    if err.errno == errno.ENOENT and os.path.islink(path):
        return FileRefused(
            f"is a symbolic link to {os.readlink(path)}, which does not exist; "
            "give the path of the file itself",
            "this",
        )
    return FileRefused(f"cannot be read: {os_reason(err)}")


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a regular file; ``b""`` for anything else or on error.

    For a look at what a file is (a database?) before it is replaced: it never blocks on
    a FIFO swapped in after the path was checked.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return b""
    try:
        return os.read(fd, size) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def check_regular_input(path: Path) -> os.stat_result:
    """Refuse anything but an existing regular file (links to one are followed)."""
    try:
        info = path.stat()
    except OSError as err:
        raise FileRefused(f"cannot be read: {os_reason(err)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"is {kind_of(info.st_mode)}; give the path of a file", "this")
    return info


def output_target(target: Path, *, follow_symlinks: bool = False) -> Path:
    """The path an output will really replace, or :class:`FileRefused`.

    Only a regular file or a new name is written. A symbolic link is refused unless
    ``follow_symlinks`` is given; then the file it points to is the target, and the same
    rules apply to it.
    """
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise FileRefused(f"cannot be written: {os_reason(err)}") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not follow_symlinks:
            raise FileRefused(
                "is a symbolic link; give the real file's path, or add "
                "--follow-symlinks to write to the file it points to",
                "this",
            )
        try:
            real = Path(os.path.realpath(target, strict=False))
        except OSError as err:
            raise FileRefused(f"cannot be written: {os_reason(err)}") from None
        return output_target(real)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            f"is {kind_of(info.st_mode)}, not a file; give -o the name of a new or existing file",
            "this",
        )
    parent = target.parent
    if not parent.is_dir():
        raise FileRefused(
            f"cannot be written: the folder {parent} does not exist; create it first, "
            "or choose another place"
        )
    return target


def write_output(
    target: Path, data: bytes, *, mode: int = PRIVATE, follow_symlinks: bool = False
) -> Path:
    """Replace ``target`` with ``data`` atomically; returns the path written.

    The temporary file gets a random name, is created exclusively with ``mode`` (never
    through a planted link), is flushed to disk, and is renamed over the target; on any
    failure it is removed and the target is left as it was.
    """
    real = output_target(target, follow_symlinks=follow_symlinks)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    tmp = fd = None
    for _ in range(8):
        tmp = real.with_name(f".{real.name[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, mode)
            break
        except FileExistsError:
            continue
        except OSError as err:
            raise FileRefused(f"cannot be written: {os_reason(err)}") from None
    if fd is None or tmp is None:
        raise FileRefused("cannot be written: no free temporary name beside it")
    try:
        try:
            os.fchmod(fd, mode)  # the umask must not widen or narrow what was asked
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, real)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise WriteFailed(f"cannot be written: {os_reason(err)}") from None
    return real


def parse_mode(text: str) -> int:
    """An octal permission such as ``600`` or ``0644``; ValueError for anything else."""
    digits = text.removeprefix("0o")
    if not digits or len(digits) > 4 or any(c not in "01234567" for c in digits):
        raise ValueError(
            f"'{text}' is not a file mode; give three octal digits such as "
            "600 (only you) or 644 (everyone may read)"
        )
    value = int(digits, 8)
    if value > 0o777:
        raise ValueError(f"'{text}' sets special bits; give three octal digits such as 600")
    return value


def _size(n: int) -> str:
    if n % 1_048_576 == 0:
        return f"{n // 1_048_576} MB"
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n:,} bytes"
