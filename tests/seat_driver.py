"""A seat that acts by itself, as its own process, for the team exercise's fault tests.

``python -m tests.seat_driver SOCKET CODE NAME ACKS_FILE COUNT`` joins the host at
``SOCKET`` with the real seat client, says ``joined`` on its output and waits for a line
on its input (or its end), then takes ``COUNT`` team actions one after another, each
with a request id of its own (``NAME-0``, ``NAME-1``, …), and stays joined until its
input ends. An id is written to
``ACKS_FILE`` (and forced to disk) once the host acknowledged it, before the next action
is sent: after a kill -9 the file holds exactly what was acknowledged.

A driver started again with the same file goes on where the last one stopped: it sends
the first id the file lacks again, which the killed driver may have sent already, so the
host must answer it without applying it twice. A refused action is written as
``refused ID KEY`` and ends the driver with status 3.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from simulator.exercise.protocol import RequestKind
from simulator.exercise.seat import Seat

#: How soon a seat tries again after the host went away, and the longest pause between
#: tries: short, so a restarted host is found at once.
BACKOFF = (0.02, 0.2)
REFUSED = 3


def request_id(name: str, index: int) -> str:
    """The request id of the driver ``name``'s action number ``index``."""
    return f"{name}-{index}"


def action(name: str, index: int, item: str = "") -> dict[str, Any]:
    """The fields of action ``index``: the same for the same index, so a resend from a
    driver started again says what the killed one said. Every trainee may take each of
    them: jordras has the leader approve the team's texts, so a statement is a draft.
    ``item`` is the first item delivered, by the name the seat knows it by."""
    match index % 3:
        case 0:
            return {
                "do": "draft",
                "publishes": "statement",
                "channel": "social",
                "text": f"Oppdatering {index} fra {name}",
            }
        case 1:
            return {"do": "note", "text": f"Notat {index} fra {name}"}
        case _:
            return {"do": "claim" if index % 2 else "release", "to": [item]}


def acknowledged(path: Path) -> list[str]:
    """The ids acknowledged so far, in order, as the drivers wrote them."""
    if not path.exists():
        return []
    return [line for line in path.read_text().splitlines() if line]


def _record(path: Path, line: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


async def drive(socket: Path, code: str, name: str, acks: Path, count: int) -> int:
    """Take the actions the file lacks; 0 when each was acknowledged, 3 on a refusal."""
    start = len(acknowledged(acks))
    first: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def take(events: list[dict[str, Any]], team: str) -> None:
        # The first item delivered (at T+0), by the alias the host gives this seat: the
        # same after a restart of either, so a resend names the same item.
        for event in events:
            if event["type"] == "delivered" and not first.done():
                first.set_result(str(event["item"]))

    seat = Seat(socket, code, name, take, backoff=BACKOFF)
    await seat.connect()
    item = await first
    # Joined: say so, and act once told to (a line, or the end of the input), so that
    # several drivers start acting together.
    print("joined", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    try:
        for index in range(start, count):
            rid = request_id(name, index)
            fields = action(name, index, item)
            ack = await seat.request(RequestKind.ACTION, fields, request_id=rid)
            if not ack.ok:
                key = ack.refusal.key if ack.refusal is not None else "?"
                _record(acks, f"refused {rid} {key}")
                return REFUSED
            _record(acks, rid)
        # Done: stay joined until the input ends, so that a kill meant for a moment of
        # the run always finds the seat there.
        await asyncio.to_thread(sys.stdin.read)
    finally:
        await seat.close()
    return 0


def main(argv: list[str]) -> int:
    """Run the driver with the command line's arguments."""
    socket, code, name, acks, count = argv
    return asyncio.run(drive(Path(socket), code, name, Path(acks), int(count)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
