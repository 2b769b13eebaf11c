"""Every file crisis-sim reads or writes for the user goes through here.

Inputs are read only from regular files, with their size checked before reading, so a
FIFO, a device such as ``/dev/zero`` or a huge file can neither hang the command nor fill
memory. Outputs are written only to a regular file or a new path: a temporary file is
created beside the target with ``O_CREAT | O_EXCL`` (a link planted at its name is never
followed), written, flushed and renamed over the target, so a crash never leaves half a
file and nothing but the named file is ever replaced. Outputs are private (``0600``)
unless the caller asks for another mode.

Errors are :class:`FileRefused`, which say what the path is and what to do in any
language; callers add the file name and turn it into their own kind of error.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from simulator.lang import Said, SaidError, Sayer
from simulator.lang.source import SOURCE

_say = Sayer(SOURCE)

# Scenarios, actions files, spreadsheets: larger than any real one, small enough to read.
MAX_INPUT_BYTES = 10 * 1024 * 1024
PRIVATE = 0o600


class FileRefused(Exception):
    """A path that is not read or written; what it says explains why, without the path.

    ``predicate`` (a :class:`~simulator.lang.Said`) follows the path's name in a message:
    ``"is a folder; ..."``, and :meth:`naming` puts a name in front of it. ``said`` is the
    whole reason as a clause of its own (``"the file cannot be read: ..."``), for messages
    that already name the file elsewhere (a finding's ``FILE: error:`` prefix); it is
    put into words in the reader's language. ``str(err)`` is the predicate in English,
    :meth:`sentence` the clause in English.
    """

    def __init__(self, predicate: Said, subject: Said | None = None) -> None:
        super().__init__(predicate.text())
        self.predicate = predicate
        self.subject = subject if subject is not None else _say("subject_file")

    @property
    def said(self) -> Said:
        """The reason as a clause of its own, in any language."""
        return _say("sentence", subject=self.subject, predicate=self.predicate)

    def naming(self, name: str) -> Said:
        """The reason after the path's own name: ``"out.csv is a folder; ..."``."""
        return _say("sentence", subject=name, predicate=self.predicate)

    def sentence(self) -> str:
        """The reason as a clause of its own, in English: ``"the file cannot be read: ..."``."""
        return self.said.text()


class TooLarge(FileRefused):
    """A file over the size limit: readable, but refused for what is in it."""


class WriteFailed(FileRefused):
    """The path was fine, but the disk refused the data (full, read-only, failing)."""


def kind_of(mode: int) -> Said:
    """What a file of this ``st_mode`` is, in words for a message."""
    if stat.S_ISDIR(mode):
        return _say("kind_folder")
    if stat.S_ISFIFO(mode):
        return _say("kind_fifo")
    if stat.S_ISSOCK(mode):
        return _say("kind_socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _say("kind_device")
    if stat.S_ISLNK(mode):
        return _say("kind_link")
    return _say("kind_other")


_OS_REASONS = {
    errno.ENOENT: "os_enoent",
    errno.EACCES: "os_denied",
    errno.EPERM: "os_denied",
    errno.EROFS: "os_read_only",
    errno.ENOSPC: "os_full",
    errno.EDQUOT: "os_quota",
    errno.EFBIG: "os_too_big",
    errno.ELOOP: "os_loop",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.EISDIR: "os_is_folder",
    errno.ENOTDIR: "os_not_folder",
}


def os_reason(err: OSError) -> Said:
    """An operating-system error in plain words, for the end of a message (``str()`` of
    it is English; any other error is given as the system words it)."""
    key = _OS_REASONS.get(err.errno or 0)
    if key is not None:
        return _say(key)
    return _say("os_other", reason=(err.strerror or str(err)).lower())


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
            raise FileRefused(_say("not_a_file", kind=kind_of(info.st_mode)), _say("subject_this"))
        if info.st_size > limit:
            raise TooLarge(_say("too_large", limit=_size(limit), size=_size(info.st_size)))
        chunks: list[bytes] = []
        total = 0
        # One byte past the limit is enough to know; a file growing while it is read
        # (a log, a device posing as a file) never makes this read more.
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(_say("grew", limit=_size(limit)))
        return b"".join(chunks)
    except OSError as err:
        raise _unreadable(path, err) from None
    finally:
        os.close(fd)


def _unreadable(path: Path, err: OSError) -> FileRefused:
    if err.errno == errno.ENOENT and os.path.islink(path):
        return FileRefused(_say("dangling_link", target=os.readlink(path)), _say("subject_this"))
    return FileRefused(_say("cannot_read", reason=os_reason(err)))


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
        raise FileRefused(_say("cannot_read", reason=os_reason(err))) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(_say("not_a_file", kind=kind_of(info.st_mode)), _say("subject_this"))
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
        raise FileRefused(_say("cannot_write", reason=os_reason(err))) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not follow_symlinks:
            raise FileRefused(_say("link_refused"), _say("subject_this"))
        try:
            real = Path(os.path.realpath(target, strict=False))
        except OSError as err:
            raise FileRefused(_say("cannot_write", reason=os_reason(err))) from None
        return output_target(real)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise FileRefused(_say("not_output_file", kind=kind_of(info.st_mode)), _say("subject_this"))
    parent = target.parent
    if not parent.is_dir():
        raise FileRefused(_say("cannot_write", reason=_say("folder_missing", folder=str(parent))))
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
            raise FileRefused(_say("cannot_write", reason=os_reason(err))) from None
    if fd is None or tmp is None:
        raise FileRefused(_say("cannot_write", reason=_say("no_temporary")))
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
        raise WriteFailed(_say("cannot_write", reason=os_reason(err))) from None
    return real


def parse_mode(text: str) -> int:
    """An octal permission such as ``600`` or ``0644``; :class:`SaidError` (a ValueError)
    for anything else."""
    digits = text.removeprefix("0o")
    if not digits or len(digits) > 4 or any(c not in "01234567" for c in digits):
        raise SaidError(_say("mode_invalid", text=text))
    value = int(digits, 8)
    if value > 0o777:
        raise SaidError(_say("mode_special", text=text))
    return value


def _size(n: int) -> Said:
    if n % 1_048_576 == 0:
        return _say("size_mb", mb=n // 1_048_576)
    if n >= 1_048_576:
        # Tenths as digits of their own: the decimal sign is the language's.
        mb, tenth = f"{n / 1_048_576:.1f}".split(".")
        return _say("size_mb_tenths", mb=mb, tenth=tenth)
    return _say("size_bytes", count=n)
