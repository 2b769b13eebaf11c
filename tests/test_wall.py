"""The wall display against a real host on a real session with a virtual clock: it shows
the team's feed, the press questions with the countdowns a press seat shows and the
team's statements; never what the exercise knows and the team does not; the host refuses
whatever it asks; and it draws again when the clock moves and when an item comes. Nothing
sleeps: each test waits for what it expects."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Digits, Static

from simulator.engine.events import PUBLIC_CHANNELS, Tone
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.host import Host
from simulator.exercise.protocol import RequestKind
from simulator.exercise.seat import Seat
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import TRUTHS, deadline_for
from simulator.tui.bindings import key_rows
from simulator.tui.triage import Urgency, countdown
from simulator.tui.wall import WallApp, WallHeading, WallPart, WallScreen
from tests.hosting import code_of

POST = "vitne-brak"  # a witness's post, delivered at T+0
PRESS = "presse-lokalavis-a"  # Lierfjell Avis asks at T+3m
RUMOUR = "rykte-dam"  # misleading, delivered at T+7m
_JORDRAS = load_scenario("jordras").scenario
_ASKED = next(i for i in _JORDRAS.injects if i.id == PRESS)
#: When Lierfjell Avis wants its answer, as the scenario says (at 07:00, when it prints).
DEADLINE = 180.0 + deadline_for(_JORDRAS, _ASKED, _ASKED.expect[0], 180.0)
#: Fields that hold ground truth, and the seed that would tell it.
TRUTH_FIELDS = ("truth", "sensitive", "abusive", "tone", "seed")
#: Events a trainee never gets, nor the wall.
WITHHELD = {"expectation", "corrected", "evaluation"}


def wall_app(host: Host, codes: CodeTable) -> WallApp:
    return WallApp(
        load_scenario("jordras"),
        host.socket_path,
        code_of(codes, SeatRole.WALL),
        "Vegg",
        language="nb",
        backoff=(0.01, 0.05),
        spread=0.0,
    )


async def until(pilot: Pilot[int], test: Callable[[], bool]) -> None:
    """Let the app run until ``test`` holds, for at most five seconds."""

    async def wait() -> None:
        while not test():
            await pilot.pause(0.01)

    await asyncio.wait_for(wait(), 5)


async def joined(pilot: Pilot[int], app: WallApp, item: str) -> None:
    """Until the wall has its screen, its team, and ``item`` (by its alias)."""
    await until(
        pilot,
        lambda: (
            isinstance(app.screen, WallScreen) and app.team is not None and item in app.model.by_id
        ),
    )
    await pilot.pause()


def part(app: WallApp, name: str) -> WallPart:
    return app.screen.query_one(f"#wall-{name}", WallPart)


def held(widget: WallPart | WallHeading) -> list[Text]:
    """The texts a part of the wall holds, as it was last told to show them."""
    content = widget.content
    if isinstance(content, Group):
        return [t for t in content.renderables if isinstance(t, Text)]
    assert isinstance(content, Text)
    return [content]


def words(widget: WallPart | WallHeading) -> str:
    """What a part holds, its lines as one line (a text wraps where the part is narrow)."""
    return " ".join(" ".join(t.plain for t in held(widget)).split())


def style_of(widget: WallPart, shown: str) -> Any:
    """The style the part gives the first place it shows ``shown``."""
    (text,) = held(widget)
    start = text.plain.index(shown)
    return text.get_style_at_offset(widget.app.console, start)


async def facilitator(host: Host, codes: CodeTable) -> Seat:
    seat = Seat(host.socket_path, codes.facilitator, "Fasilitator", backoff=(0.01, 0.05))
    await seat.connect()
    return seat


async def test_the_wall_shows_a_post_and_a_press_question_with_its_countdown(
    host: Host, codes: CodeTable
) -> None:
    control = await facilitator(host, codes)
    assert (await control.request(RequestKind.PAUSE)).ok
    assert (await control.request(RequestKind.JUMP, value=600)).ok  # paused at T+10:00
    app = wall_app(host, codes)
    view = host.first.view
    async with app.run_test(size=(100, 30)) as pilot:
        await joined(pilot, app, view.alias(PRESS))
        question = app.model.by_id[view.alias(PRESS)]
        # The newest post on top, with its time, author and text.
        post = [i for i in app.model.items if i.channel in PUBLIC_CHANNELS][-1]
        feed, press = words(part(app, "feed")), words(part(app, "press"))
        head = f"{app.clock_text(post.t)} {post.name} {' '.join(post.text.split()[:6])}"
        assert feed.startswith(head)
        # The deadline the press seat shows, counting from the host's clock.
        assert app.model.open_deadlines()[question.id] == DEADLINE
        assert f"⏱ {countdown(DEADLINE - 600)} Kari Solbakken" in press
        assert " ".join(question.text.split()[:6]) in press
        heading = words(app.screen.query_one(WallHeading))
        assert heading == "Jordras i Brattlia Lag 1 ⏸ PAUSE"
        assert app.screen.query_one("#wall-clock", Digits).value == "06:50"  # from 06:40
        assert words(part(app, "statements")) == "Ingen uttalelser er publisert ennå."

        # The team answers the question and makes a statement: the wall marks the one
        # answered and lists the other among the team's statements, and in the feed as ours.
        leader = Seat(host.socket_path, code_of(codes, SeatRole.LEADER), "Ola")
        await leader.connect()
        reply = "Kommunen bekrefter et ras i Brattlia. Spørsmål om savnede rettes til politiet."
        statement = "Det har gått et jordras i Brattlia. Hold dere unna området."
        for fields in (
            {"do": "reply", "to": [question.id], "text": reply},
            {"do": "statement", "channel": "social", "text": statement},
        ):
            assert (await leader.request(RequestKind.ACTION, fields)).ok
        await leader.close()
        await until(pilot, lambda: statement in words(part(app, "statements")))
        assert f"✓ besvart Kari Solbakken {app.clock_text(question.t)}" in words(part(app, "press"))
        assert "Sosiale medier " + statement in words(part(app, "statements"))
        assert f"OSS Lierfjell kommune {statement}" in words(part(app, "feed"))
    await control.close()


async def test_the_wall_gets_and_shows_no_ground_truth(host: Host, codes: CodeTable) -> None:
    received: list[dict[str, Any]] = []
    # What any seat with the wall's code is sent: read off the socket, as the wall reads it.
    witness = Seat(
        host.socket_path,
        code_of(codes, SeatRole.WALL),
        "Vegg",
        lambda events, team: received.extend(events),
    )
    await witness.connect()
    control = await facilitator(host, codes)
    leader = Seat(host.socket_path, code_of(codes, SeatRole.LEADER), "Ola")
    await leader.connect()
    assert (await control.request(RequestKind.JUMP, value=480)).ok  # the dam rumour is out
    statement = {"do": "statement", "channel": "social", "text": "Vi vet ingenting foreløpig."}
    assert (await leader.request(RequestKind.ACTION, statement)).ok
    assert (await control.request(RequestKind.JUMP, value=540)).ok  # the public reacts
    assert (await control.request(RequestKind.PAUSE)).ok
    rumour = "Dammen ved Kvitvatn har sprukket! Kommunen skjuler det."
    adhoc = {"persona": "frittord88", "kind": "post", "text": rumour, "truth": "misleading"}
    assert (await control.request(RequestKind.ADHOC, adhoc, team="1")).ok
    engine = host.first.engine
    assert engine.store is not None
    log = [event.as_record() for event in engine.store.events()]
    truths = {r["item"]: r.get("truth") for r in log if r["type"] == "delivered"}
    assert truths[RUMOUR] == truths["adhoc-1"] == "misleading"
    reactions = [r for r in log if r["type"] == "delivered" and r.get("source") == "reaction"]
    assert reactions and all("tone" in r for r in reactions)

    app = wall_app(host, codes)
    alias = host.first.view.alias(RUMOUR)
    async with app.run_test(size=(100, 30)) as pilot:
        await joined(pilot, app, host.first.view.alias("adhoc-1"))
        await until(pilot, lambda: received and received[-1]["seq"] >= log[-1]["seq"])
        # What the seat received: no truth, tone or seed; no expectation, correction or
        # evaluation; items by their aliases; the rumour and the reactions among them.
        for record in received:
            assert not set(record) & set(TRUTH_FIELDS), record
        assert not {r["type"] for r in received} & WITHHELD
        items = {r["item"] for r in received if r["type"] == "delivered"}
        assert alias in items and RUMOUR not in items
        ids = {e["item"] for e in log if isinstance(e.get("item"), str)}
        assert not any(r.get("item") in ids for r in received)
        assert any(r.get("reaction") for r in received)
        # What the screen holds: the rumour's text and the reactions, never a truth label
        # or a tone, in the console's words or the log's.
        shown = " ".join(words(w) for w in app.screen.query(WallPart))
        feed = words(part(app, "feed"))
        assert feed.startswith(f"{app.clock_text(540)} Frittord88 {rumour}")
        reaction = next(i for i in reversed(app.model.items) if i.reaction)
        assert " ".join(reaction.line.split()[:5]) in feed
        told = {app.tr(f"label.{truth}") for truth in TRUTHS} | set(TRUTHS) | set(Tone)
        assert [word for word in told if word in shown.casefold()] == []
    await witness.close()
    await control.close()
    await leader.close()


async def test_the_host_refuses_whatever_the_wall_asks(host: Host, codes: CodeTable) -> None:
    app = wall_app(host, codes)
    alias = host.first.view.alias(POST)
    engine = host.first.engine
    assert engine.store is not None
    before = [event.as_record() for event in engine.store.events()]
    asked: list[tuple[RequestKind, dict[str, Any] | None, float | None]] = [
        (RequestKind.ACTION, {"do": "note", "text": "Notat fra veggen"}, None),
        (RequestKind.ACTION, {"do": "statement", "channel": "social", "text": "Fra veggen"}, None),
        (RequestKind.ACTION, {"do": "reply", "to": [alias], "text": "Fra veggen"}, None),
        (RequestKind.ACTION, {"do": "flag", "to": [alias], "label": "misleading"}, None),
        (RequestKind.ACTION, {"do": "claim", "to": [alias]}, None),
        (RequestKind.EVALUATE, {"do": "rate", "objective": "presse", "rating": "U"}, None),
        (RequestKind.PAUSE, None, None),
        (RequestKind.JUMP, None, 600.0),
        (RequestKind.END, None, None),
        (RequestKind.ADHOC, {"persona": "frittord88", "kind": "post", "text": "Falsk"}, None),
    ]
    async with app.run_test(size=(100, 30)) as pilot:
        await joined(pilot, app, alias)
        for kind, fields, value in asked:
            ack = await app.seat.request(kind, fields, value, team="1")
            assert not ack.ok and ack.refusal is not None
            assert ack.refusal.key == "wall.read_only"
            said = ack.refusal.said().text("nb")
            assert said == "en veggskjerm viser bare øvelsen: den gjør ingen handlinger"
        # Nothing to choose and no key but help and quit.
        screen = app.screen
        assert screen.focus_chain == []
        assert {row.label for row in key_rows(screen, app.tr)} == {"Hjelp", "Avslutt"}
        await pilot.press("f1")
        await pilot.pause()
        assert app.tr("wall.help") in [str(w.content) for w in app.screen.query(Static)]
    assert [event.as_record() for event in engine.store.events()] == before


async def test_the_wall_draws_again_when_the_clock_moves_and_when_an_item_comes(
    host: Host, codes: CodeTable
) -> None:
    control = await facilitator(host, codes)
    assert (await control.request(RequestKind.PAUSE)).ok
    app = wall_app(host, codes)
    view = host.first.view
    async with app.run_test(size=(100, 30)) as pilot:
        await joined(pilot, app, view.alias(POST))
        clock = app.screen.query_one("#wall-clock", Digits)
        press = part(app, "press")
        assert words(press) == "Ingen henvendelser ennå."
        # No countdown: only the time of day moves the wall on, a minute at a time.
        assert not app.counts_down()
        assert app.next_change(30.0) == 60.0  # from 06:40:00, 06:41 is a minute in

        # The facilitator jumps: the clock, and the question that came meanwhile.
        assert (await control.request(RequestKind.JUMP, value=DEADLINE - 100)).ok
        question = view.alias(PRESS)
        await until(pilot, lambda: question in app.model.by_id)
        await until(pilot, lambda: clock.value == app.clock_text(DEADLINE - 100))
        assert "⏱ 01:40 Kari Solbakken" in words(press)
        assert style_of(press, "⏱ 01:40") == press.tone(Urgency.SOON)  # warning, near
        # A countdown shows: the wall follows the clock by the second.
        assert app.counts_down() and app.next_change(DEADLINE - 100) == DEADLINE - 99

        # While the clock runs, the countdown steps down by itself within a second, with
        # nothing more from the host (at speed 1 the time of day moves on 40 s later).
        assert (await control.request(RequestKind.RESUME)).ok
        heading = app.screen.query_one(WallHeading)
        await until(pilot, lambda: "▶ 1x går" in words(heading))
        await until(pilot, lambda: "⏱ 01:40" not in words(press))
        assert clock.value == app.clock_text(DEADLINE - 100)
        # Speed and state: the heading says so.
        assert (await control.request(RequestKind.SPEED, value=2.0)).ok
        await until(pilot, lambda: "▶ 2x går" in words(heading))
        assert (await control.request(RequestKind.PAUSE)).ok
        await until(pilot, lambda: "⏸ PAUSE" in words(heading))

        # An item the facilitator writes comes at once: a question with a minute to answer,
        # which turns red once its deadline has passed.
        text = "Hei, NRF her igjen. Når holder kommunen pressekonferanse?"
        adhoc = {"persona": "eirik-haugland", "kind": "press", "text": text, "within": 60}
        assert (await control.request(RequestKind.ADHOC, adhoc, team="1")).ok
        await until(pilot, lambda: text in words(press))
        now = app.now()
        assert (await control.request(RequestKind.JUMP, value=math.floor(now) + 90)).ok
        await until(pilot, lambda: "⏱ -00:" in words(press))
        (late,) = [s for s in words(press).split("⏱ ")[1:] if s.startswith("-")]
        assert style_of(press, f"⏱ {late.split()[0]}") == press.tone(Urgency.OVERDUE)
    await control.close()


async def test_the_wall_ends_with_the_exercise_and_says_a_lost_host_in_its_own_words(
    host: Host, codes: CodeTable
) -> None:
    app = wall_app(host, codes)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await joined(pilot, app, host.first.view.alias(POST))
        await host.close()  # the host goes away: the wall says so, and its clock stops
        await until(pilot, lambda: any("Mistet kontakten" in n.message for n in app._notifications))
        assert [n.message for n in app._notifications] == [app.tr("wall.lost")]
        assert not app.clock_reading.running
        await host.start()  # and comes back, and the facilitator ends the exercise
        control = await facilitator(host, codes)
        assert (await control.request(RequestKind.END)).ok
        await until(pilot, lambda: app.clock_reading.ended)
        await until(pilot, lambda: "AVSLUTTET" in words(app.screen.query_one(WallHeading)))
        await control.close()
