"""Copying a session between stores: a session file and a database, either way.

An exercise run on a database server is archived as one file, and a file is put on a
server to be scored or resumed there. The copy holds the same meta and the same events
with the same numbers, times and wall-clock times, so ``export`` of either prints the same.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from simulator.engine.locations import Location
from simulator.engine.store import Event, SessionError, SessionLog, said

#: Events per transaction of the copy.
BATCH = 5000


def copy_session(source: Location, target: Location) -> int:
    """Copy the session at ``source`` to a new session at ``target``; the number of events.

    Nothing is left at ``target`` when the copy fails (SessionError saying why): a copy
    either holds every event or is not there.
    """
    reader = source.open(readonly=True)
    try:
        writer = target.create(dict(reader.meta))
        try:
            copied = _copy_events(reader, writer, str(source))
        except BaseException:
            writer.close(fold=False)
            _discard(target)
            raise
        writer.close()
        return copied
    finally:
        reader.close()


def _copy_events(reader: SessionLog, writer: SessionLog, shown: str) -> int:
    copied = 0
    batch: list[Event] = []
    numbers: list[int] = []

    def flush() -> None:
        for event, number in zip(writer.append(batch), numbers, strict=True):
            if event.seq != number:
                # Logs are numbered without gaps; one with a gap was not written by us.
                raise SessionError(said("copy.gap", path=shown, seq=number))
        batch.clear()
        numbers.clear()

    for event in reader.events():
        batch.append(Event(event.type, event.t, event.data, event.wall))
        numbers.append(event.seq)
        copied += 1
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return copied


def _discard(target: Location) -> None:
    """Remove what a failed copy made at ``target``."""
    if target.url is None:
        path = Path(target.name)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        return
    from simulator.engine.pgstore import drop_session

    with contextlib.suppress(SessionError):
        drop_session(target.url, target.name)
