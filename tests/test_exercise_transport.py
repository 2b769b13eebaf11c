"""The team exercise's transport: a real host and real seats over a real Unix socket, on
a real session file with a virtual clock. Nothing sleeps: each test waits for the events
and acknowledgements it expects."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from simulator.engine.engine import Engine
from simulator.engine.session import virtual_clock
from simulator.engine.store import SessionStore
from simulator.exercise.codes import CodeTable, SeatRole, new_code
from simulator.exercise.host import TICK_PAST, Host, until_tick
from simulator.exercise.protocol import (
    MAX_SEAT_LINE,
    Ack,
    Hello,
    Request,
    RequestKind,
    decode,
    encode,
)
from simulator.exercise.seat import Seat, SeatRefused
from simulator.exercise.views import TraineeView, alias_key
from simulator.scenario.loader import load_scenario
from tests.hosting import hosted, started


class Feed:
    """What a seat received, with a way to wait for an event."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.changed = asyncio.Condition()

    async def __call__(self, events: list[dict[str, Any]], team: str = "1") -> None:
        async with self.changed:
            self.events.extend(events)
            self.changed.notify_all()

    async def wait_for(self, test: Any) -> dict[str, Any]:
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(lambda: any(test(e) for e in self.events)), 5
            )
        return next(e for e in self.events if test(e))


def code_of(codes: CodeTable, role: SeatRole) -> str:
    return next(c.code for c in codes.codes if c.role == role)


@pytest.fixture
def codes() -> CodeTable:
    return CodeTable.generate(["1"])


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return started(load_scenario("jordras"), 7, tmp_path / "s.sqlite")  # with vitne-brak


@pytest.fixture
async def host(engine: Engine, codes: CodeTable, tmp_path: Path) -> AsyncIterator[Host]:
    async with hosted(engine, codes, tmp_path / "run") as host:
        yield host


async def raw_lines(path: Path, *lines: bytes) -> list[bytes]:
    """Send lines as they are and read every line back until the host closes."""
    reader, writer = await asyncio.open_unix_connection(str(path), limit=1 << 24)
    for line in lines:
        writer.write(line)
    await writer.drain()
    out = []
    while line := await asyncio.wait_for(reader.readline(), 5):
        out.append(line)
    writer.close()
    return out


async def joined(host: Host, codes: CodeTable, role: SeatRole, name: str) -> tuple[Seat, Feed]:
    feed = Feed()
    seat = Seat(host.socket_path, code_of(codes, role), name, feed, backoff=(0.01, 0.05))
    await seat.connect()
    return seat, feed


#: jordras has the leader approve the team's texts: press and social draft them.
def item(codes: CodeTable, item_id: str = "vitne-brak") -> str:
    """The name trainees' seats know an item by."""
    return TraineeView(alias_key(codes.facilitator), 0).alias(item_id)


def reply(codes: CodeTable) -> dict[str, Any]:
    """A reply to 'vitne-brak', drafted for the leader."""
    return {
        "do": "draft",
        "publishes": "reply",
        "to": [item(codes)],
        "text": "Takk, vi undersøker saken.",
    }


async def test_the_socket_is_private(host: Host) -> None:
    assert stat.S_IMODE(host.folder.stat().st_mode) == 0o700


async def test_a_seats_action_is_recorded_once_with_its_author_and_reaches_another_seat(
    host: Host, codes: CodeTable
) -> None:
    press, _ = await joined(host, codes, SeatRole.PRESS, "Kari")
    leader, leader_feed = await joined(host, codes, SeatRole.LEADER, "Ola")
    ack = await press.request(RequestKind.ACTION, reply(codes))
    assert ack.ok and ack.refusal is None
    seen = await leader_feed.wait_for(lambda e: e["type"] == "action")
    assert seen["by"] == "Kari" and seen["seat"] == "1:press" and seen["request"] == ack.id
    assert host.first.store is not None
    logged = [e for e in host.first.store.events() if e.type == "action"]
    assert len(logged) == 1 and logged[0].data["request"] == ack.id
    await press.close()
    await leader.close()


async def test_a_resent_request_id_is_applied_once(host: Host, codes: CodeTable) -> None:
    hello = encode(Hello(code_of(codes, SeatRole.PRESS), "Kari"))
    request = encode(Request("same-id", RequestKind.ACTION, reply(codes)))
    seat = Seat(host.socket_path, code_of(codes, SeatRole.SOCIAL), "Per", backoff=(0.01, 0.05))
    await seat.connect()
    first = await seat.request(RequestKind.ACTION, reply(codes), request_id="same-id")
    assert first.ok
    # The same id again, from another connection, as a seat resends after a reconnection.
    reader, writer = await asyncio.open_unix_connection(str(host.socket_path))
    writer.write(hello + request)
    await writer.drain()
    acks: list[Ack] = []
    while not acks:
        message = decode(await asyncio.wait_for(reader.readline(), 5), 1 << 24)
        if isinstance(message, Ack):
            acks.append(message)
    assert acks[0] == first
    writer.close()
    actions = [e for e in host.first.store.events() if e.type == "action"]
    assert [e.data["request"] for e in actions] == ["same-id"]
    await seat.close()


async def test_a_trainee_seat_gets_no_ground_truth(host: Host, codes: CodeTable) -> None:
    facilitator, _ = await joined(host, codes, SeatRole.FACILITATOR, "Fasilitator")
    observer, _ = await joined(host, codes, SeatRole.OBSERVER, "Olav")
    # An observer's note and a rating, then the clock runs on so expectations settle.
    note = {"do": "note", "text": "Godt første svar"}
    assert (await observer.request(RequestKind.ACTION, note)).ok
    rating = {"do": "rate", "objective": "presse", "rating": "S", "text": "ok"}
    assert (await observer.request(RequestKind.EVALUATE, rating)).ok
    assert (await facilitator.request(RequestKind.JUMP, value=1800)).ok
    assert host.first.store is not None
    log = list(host.first.store.events())
    assert any(e.type == "expectation" for e in log)  # there was something to withhold
    # A malformed line after the hello makes the host refuse and close: the stream read
    # until then is everything the seat was sent.
    lines = await raw_lines(
        host.socket_path, encode(Hello(code_of(codes, SeatRole.PRESS), "Kari")), b"{]\n"
    )
    raw = b"".join(lines)
    assert b"truth" not in raw and b"sensitive" not in raw and b"abusive" not in raw
    events = [e for line in lines if b'"events"' in line for e in orjson.loads(line)["events"]]
    types = {e["type"] for e in events}
    assert "delivered" in types and "settled" in types
    assert not types & {"expectation", "evaluation", "corrected"}
    assert not any(e["type"] == "note" and e.get("observer") for e in events)
    assert all("status" not in e for e in events if e["type"] == "settled")
    assert b"Godt f" not in raw and b'"seed"' not in raw
    await facilitator.close()
    await observer.close()


async def test_an_observer_gets_the_whole_log(host: Host, codes: CodeTable) -> None:
    lines = await raw_lines(
        host.socket_path, encode(Hello(code_of(codes, SeatRole.OBSERVER), "Olav")), b"x\n"
    )
    assert b'"truth"' in b"".join(lines)


async def test_a_wrong_code_is_refused_without_naming_any_code(
    host: Host, codes: CodeTable
) -> None:
    seat = Seat(host.socket_path, "not-a-code", "Mallory")
    with pytest.raises(SeatRefused) as refused:
        await seat.connect()
    assert refused.value.reason.key == "code.wrong"
    lines = await raw_lines(host.socket_path, encode(Hello("not-a-code", "Mallory")))
    raw = b"".join(lines)
    assert len(lines) == 1 and not any(c.code.encode() in raw for c in codes.codes)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (b"not json\n", "line.malformed"),
        (b"[1, 2]\n", "line.malformed"),
        (b'{"type": "shout"}\n', "message.kind"),
        (b'{"type": "hello", "code": 5, "name": "x"}\n', "message.field"),
        (b'{"type": "request", "id": "a", "kind": "action"}\n', "hello.first"),
        (b'{"type": "hello", "code": "' + b"a" * (MAX_SEAT_LINE + 10) + b'"}\n', "line.too_long"),
    ],
)
async def test_malformed_and_oversized_lines_are_refused_with_a_reason(
    host: Host, line: bytes, key: str
) -> None:
    lines = await raw_lines(host.socket_path, line)
    assert len(lines) == 1
    message = orjson.loads(lines[0])
    assert message["type"] == "refused" and message["reason"]["key"] == key
    assert b"Traceback" not in lines[0]


async def test_a_refused_action_is_acknowledged_with_the_engines_reason(
    host: Host, codes: CodeTable
) -> None:
    press, _ = await joined(host, codes, SeatRole.PRESS, "Kari")
    nowhere = {**reply(codes), "to": ["nope"]}
    ack = await press.request(RequestKind.ACTION, nowhere)
    assert not ack.ok and ack.refusal is not None
    assert (ack.refusal.table, ack.refusal.key) == ("engine", "no_item")
    ack = await press.request(RequestKind.PAUSE)
    assert not ack.ok and ack.refusal is not None and ack.refusal.key == "role.may_not"
    await press.close()


async def test_a_restarted_host_knows_the_applied_ids_and_a_seat_catches_up(
    engine: Engine, codes: CodeTable, tmp_path: Path
) -> None:
    folder = tmp_path / "run"
    host = Host({"1": engine}, codes, folder, tick=None)
    await host.start()
    press, _ = await joined(host, codes, SeatRole.PRESS, "Kari")
    leader, leader_feed = await joined(host, codes, SeatRole.LEADER, "Ola")
    first = await press.request(RequestKind.ACTION, reply(codes), request_id="before-restart")
    await leader_feed.wait_for(lambda e: e.get("request") == "before-restart")
    seen_before = leader.last_seq
    await host.close()
    assert engine.store is not None
    engine.store.close()

    store = SessionStore.open(tmp_path / "s.sqlite")
    restored = Engine.restore(store, clock=virtual_clock())
    again = Host({"1": restored}, codes, folder, tick=None)
    assert "before-restart" in again.first.applied
    await again.start()
    await asyncio.wait_for(_joins(leader, 2), 5)
    assert leader.last_seq == seen_before  # nothing new yet, nothing sent twice
    resent = await press.request(RequestKind.ACTION, reply(codes), request_id="before-restart")
    assert resent.ok and resent.id == first.id
    statement = {"do": "statement", "text": "Vi følger situasjonen."}
    ack = await leader.request(RequestKind.ACTION, statement)
    assert ack.ok
    seen = await leader_feed.wait_for(lambda e: e.get("request") == ack.id)
    assert seen["seq"] > seen_before
    requests = [e.data.get("request") for e in store.events() if e.type == "action"]
    assert requests == ["before-restart", ack.id]
    await press.close()
    await leader.close()
    await again.close()
    store.close()


async def _joins(seat: Seat, count: int) -> None:
    while seat.joins < count:
        await seat.joined.wait()
        if seat.joins < count:
            seat.joined.clear()


async def test_where_the_leader_approves_press_drafts_and_the_leader_publishes(
    host: Host, codes: CodeTable
) -> None:
    press, _ = await joined(host, codes, SeatRole.PRESS, "Kari")
    leader, leader_feed = await joined(host, codes, SeatRole.LEADER, "Ola")
    direct = await press.request(RequestKind.ACTION, {**reply(codes), "do": "reply"})
    assert not direct.ok and direct.refusal is not None
    assert direct.refusal.key == "approval.needed"
    hide = await press.request(RequestKind.ACTION, {"do": "hide", "to": [item(codes)]})
    assert not hide.ok and hide.refusal is not None and hide.refusal.key == "role.may_not"
    drafted = await press.request(RequestKind.ACTION, reply(codes))
    assert drafted.ok
    draft = await leader_feed.wait_for(lambda e: e.get("action") == "draft")
    assert draft["by"] == "Kari" and draft["draft"] == "d1"
    edited = "Takk for tipset. Vi undersøker saken og kommer tilbake i kveld."
    published = await leader.request(
        RequestKind.ACTION, {"do": "reply", "to": [item(codes)], "text": edited, "draft": "d1"}
    )
    assert published.ok
    seen = await leader_feed.wait_for(lambda e: e.get("action") == "reply")
    assert (seen["by"], seen["draft"], seen["text"]) == ("Ola", "d1", edited)
    await press.close()
    await leader.close()


def test_no_join_code_begins_like_an_option() -> None:
    # One code in 64 would begin with "-" if drawn freely: "join -Ab…" reads as an option.
    codes = [new_code() for _ in range(2000)]
    assert not any(code.startswith("-") for code in codes)
    assert len(set(codes)) == len(codes) and {len(code) for code in codes} == {16}


def test_the_host_ticks_just_past_a_whole_second_of_the_clock() -> None:
    # Everything due in a second goes to the seats together, just after the second turns,
    # so that seats draw the batch and the second's clock in one frame.
    assert until_tick(10.3, 1.0, 1.0) == pytest.approx(0.7 + TICK_PAST)
    assert until_tick(11.0, 1.0, 1.0) == pytest.approx(1.0 + TICK_PAST)
    assert until_tick(10.3, 10.0, 1.0) == pytest.approx(0.97 + TICK_PAST)  # at speed 10
    assert until_tick(10.3, 0.25, 1.0) == 1.0  # no whole second within the next tick
    assert until_tick(10.3, 0.0, 1.0) == 1.0  # stopped


async def test_a_log_that_cannot_be_saved_is_told_once_and_nothing_due_is_lost(
    host: Host, engine: Engine, codes: CodeTable
) -> None:
    told: list[tuple[str, str]] = []
    host.store_listeners.append(lambda team, err: told.append((team, str(err))))
    leader, feed = await joined(host, codes, SeatRole.LEADER, "Ola")
    store = engine.store
    assert store is not None
    # The disk fills up: SQLite may not grow the file by another page.
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    engine.clock.source.advance(1800)  # type: ignore[attr-defined]
    before = store.count()
    host.tick()
    host.tick()
    assert [team for team, _ in told] == ["1"] and "full" in told[0][1]
    assert store.count() == before
    store._conn.execute(f"PRAGMA max_page_count = {2**30}")  # room again
    host.tick()
    late = await feed.wait_for(lambda e: e["type"] == "delivered" and e["t"] > 60)
    assert late["t"] <= engine.now()
    assert store.count() > before
    assert [e.seq for e in store.events()] == list(range(1, store.count() + 1))
    assert len(told) == 1
    await leader.close()
