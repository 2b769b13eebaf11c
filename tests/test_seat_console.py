"""A trainee's seat console against a real host on a real session with a virtual clock:
it shows what the host delivers, and what the team does there is recorded by the host,
once, with the seat's name. Nothing sleeps: each test waits for what it expects."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from simulator.engine.actions import ActionRequest
from simulator.exercise.codes import CodeTable, SeatRole
from simulator.exercise.host import Host
from simulator.exercise.protocol import Clock, RequestKind
from simulator.exercise.seat import Seat
from simulator.scenario.loader import load_scenario
from simulator.tui.model import FeedModel
from simulator.tui.screens.approval import ApprovalScreen
from simulator.tui.seat import (
    REDRAW_WITHIN,
    SPREAD,
    SeatApp,
    SeatScreen,
    event_of,
    spread_of,
    wire_fields,
)
from simulator.tui.widgets.composer import Target
from tests.console_fixtures import paste, screen_text
from tests.hosting import code_of

ITEM = "vitne-brak"  # delivered at T+0
REPLY = "Takk, vi undersøker saken og kommer tilbake."


async def until(pilot: Pilot[int], test: Callable[[], bool]) -> None:
    """Let the app run until ``test`` holds, for at most five seconds."""

    async def wait() -> None:
        while not test():
            await pilot.pause(0.01)

    await asyncio.wait_for(wait(), 5)


def seat_app(
    host: Host, codes: CodeTable, role: SeatRole, name: str, spread: float | None = None
) -> SeatApp:
    return SeatApp(
        load_scenario("jordras"),
        host.socket_path,
        code_of(codes, role),
        name,
        language="nb",
        backoff=(0.01, 0.05),
        spread=spread,
    )


async def test_press_drafts_in_its_console_and_the_leader_approves_in_another(
    host: Host, codes: CodeTable
) -> None:
    item = host.first.view.alias(ITEM)  # the name trainees' seats know it by
    press, leader = (
        seat_app(host, codes, SeatRole.PRESS, "Kari"),
        seat_app(host, codes, SeatRole.LEADER, "Ola"),
    )
    async with press.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: item in press.model.by_id and press.role is not None)
        screen = press.exercise_screen
        assert isinstance(screen, SeatScreen)
        await pilot.pause()
        # What came while the screen was mounting is listed once.
        for feed in screen.feeds():
            assert len(set(feed.rows)) == len(feed.rows)
        assert "facilitator" not in {b.id for b in screen.BINDINGS if isinstance(b, Binding)}
        # Press sees the press inbox and the internal list, and takes no flag or hide.
        assert not press.may("flag") and not press.may("hide") and not press.may("return")
        assert press.monitor.trending(press.now()) == []  # no trends of a feed it cannot see
        await until(pilot, lambda: screen.query_one("#tabs", TabbedContent).active == "tab-press")
        assert item in press.model.open_deadlines()  # its countdown runs on the seat too
        screen.open_composer(Target(press.model.by_id[item]))
        await pilot.pause()
        await paste(pilot, REPLY)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.composer is None)
        await until(pilot, lambda: bool(press.model.open_drafts()))
        assert not press.model.by_id[item].answered  # a draft is not an answer yet

    async with leader.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: bool(leader.model.open_drafts()) and leader.role is not None)
        screen = leader.exercise_screen
        assert isinstance(screen, SeatScreen)
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(leader.screen, ApprovalScreen)
        await pilot.press("enter")
        await until(pilot, lambda: screen.composer is not None)
        composer = screen.composer
        assert composer is not None and composer.text == REPLY and composer.target.draft == "d1"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(leader.model.by_id[item].answered))
        assert leader.model.drafts["d1"].published_by == "Ola"

    engine = host.first.engine
    assert engine.store is not None
    actions = [e.data for e in engine.store.events() if e.type == "action"]
    assert [(a["action"], a["by"], a["seat"]) for a in actions] == [
        ("draft", "Kari", "1:press"),
        ("reply", "Ola", "1:leader"),
    ]
    assert actions[1]["draft"] == "d1" and actions[1]["text"] == REPLY


async def test_a_claim_shows_on_the_other_seats_and_the_leader_returns_a_draft(
    host: Host, codes: CodeTable
) -> None:
    item = host.first.view.alias(ITEM)  # the name trainees' seats know it by
    social = seat_app(host, codes, SeatRole.SOCIAL, "Per")
    async with social.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: item in social.model.by_id and social.role is not None)
        await pilot.pause()
        await pilot.press("t")  # takes the highlighted item: the newest in the feed
        await until(pilot, lambda: bool(social.model.claims))
        (claimed,) = social.model.claims
        social.act(
            ActionRequest("statement", (), "Vi følger situasjonen i Brattlia."), "ok"
        )  # becomes a draft for the leader
        await until(pilot, lambda: bool(social.model.open_drafts()))

    leader = seat_app(host, codes, SeatRole.LEADER, "Ola")
    async with leader.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: bool(leader.model.open_drafts()) and leader.role is not None)
        await pilot.pause()
        assert leader.model.claims[claimed].by == "Per"
        assert "✋ Per" in screen_text(leader)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await paste(pilot, "Si hvor de evakuerte kan henvende seg.")
        await pilot.press("enter")
        await until(pilot, lambda: not leader.model.open_drafts())
        assert leader.model.drafts["d1"].comment == "Si hvor de evakuerte kan henvende seg."
        await pilot.press("l")  # the team's log shows who did what
        await pilot.pause()
        shown = screen_text(leader)
        assert "Per:" in shown and "Ola:" in shown


async def test_what_a_seat_receives_is_drawn_at_once_with_the_rows_it_changes(
    host: Host, codes: CodeTable
) -> None:
    # One frame for a batch and what it changes (a teammate's flag on a row), not one for
    # the batch and another a moment later: in a surge every frame costs every seat.
    item = host.first.view.alias(ITEM)
    social = seat_app(host, codes, SeatRole.SOCIAL, "Per")
    async with social.run_test(size=(140, 40)) as pilot:
        # The screen is built after the seat has joined and its first items have come.
        await until(
            pilot,
            lambda: (
                item in social.model.by_id
                and social.role is not None
                and isinstance(social.exercise_screen, SeatScreen)
            ),
        )
        screen = social.exercise_screen
        assert isinstance(screen, SeatScreen)
        await until(pilot, lambda: screen.selected is not None and screen.selected.id == item)
        # Long enough after the last batch that the next is not held back to be drawn with
        # others (REDRAW_WITHIN).
        await until(pilot, lambda: time.monotonic() >= social._redrawn_at + REDRAW_WITHIN)
        leader = Seat(
            host.socket_path, code_of(codes, SeatRole.LEADER), "Ola", backoff=(0.01, 0.05)
        )
        await leader.connect()
        flag = ActionRequest("flag", (item,), label="misleading")
        assert (await leader.request(RequestKind.ACTION, wire_fields(flag))).ok
        await until(pilot, lambda: social.model.by_id[item].flagged is not None)
        assert "⚑ villedende" in screen_text(social)
        await leader.close()


async def test_a_seat_holds_public_items_a_moment_and_shows_the_teams_work_at_once(
    host: Host, codes: CodeTable
) -> None:
    # Seats on one machine draw a surge one after another: each holds public items for a
    # moment of its own. What the team does is never held, and shows with what came first.
    item = host.first.view.alias(ITEM)
    social = seat_app(host, codes, SeatRole.SOCIAL, "Per", spread=3600.0)  # held till the team acts
    leader = Seat(host.socket_path, code_of(codes, SeatRole.LEADER), "Ola", backoff=(0.01, 0.05))
    async with social.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: social.role is not None and item in social.model.by_id)
        count = len(social.model.items)
        host.first.engine.clock.source.advance(600)  # type: ignore[attr-defined]
        host.tick()
        await until(pilot, lambda: bool(social._held))
        assert len(social.model.items) == count  # ten minutes of posts, held
        await leader.connect()
        flag = ActionRequest("flag", (item,), label="misleading")
        assert (await leader.request(RequestKind.ACTION, wire_fields(flag))).ok
        await until(pilot, lambda: social.model.by_id[item].flagged == "misleading")
        assert len(social.model.items) > count and not social._held
        statement = ActionRequest("statement", (), "Vi følger situasjonen.", channel="social")
        assert (await leader.request(RequestKind.ACTION, wire_fields(statement))).ok
        await until(pilot, lambda: social.model.items[-1].role == "team")
        await leader.close()


def test_each_seat_has_its_own_moment_to_draw_public_items() -> None:
    codes = [c.code for c in CodeTable.generate([str(n) for n in range(1, 21)]).codes]
    moments = [spread_of(code) for code in codes]
    assert all(0 <= m < SPREAD for m in moments)
    assert moments == [spread_of(code) for code in codes]  # the same each time it joins
    assert min(moments) < SPREAD / 4 and max(moments) > SPREAD * 3 / 4


async def test_a_refused_action_is_said_in_the_consoles_language(
    host: Host, codes: CodeTable
) -> None:
    item = host.first.view.alias(ITEM)  # the name trainees' seats know it by
    app = SeatApp(
        load_scenario("jordras"),
        host.socket_path,
        code_of(codes, SeatRole.PRESS),
        "Kari",
        language="nb",
        backoff=(0.01, 0.05),
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: item in app.model.by_id)
        app.act(ActionRequest("reply", ("finnes-ikke",), "x"), "ok")

        def shown() -> list[str]:
            return [n.message for n in app._notifications]

        await until(pilot, lambda: any(m.startswith("Ikke utført") for m in shown()))
        assert "ok" not in shown()


async def test_the_seat_clock_runs_on_from_the_hosts_reading(host: Host, codes: CodeTable) -> None:
    app = SeatApp(
        load_scenario("jordras"), host.socket_path, code_of(codes, SeatRole.LEADER), "Ola"
    )
    app._clock_received(Clock(100.0, 2.0, False, False))
    assert app.now() == 100.0  # paused: stands still
    app._clock, app._clock_at = Clock(100.0, 2.0, True, False), app._clock_at - 3
    assert 106.0 <= app.now() < 107.0  # three monotonic seconds at speed 2
    # Many seats share a machine: a seat animates nothing (a tab's sliding underline
    # doubled what switching lists cost it).
    assert app.animation_level == "none"


def test_the_settled_marker_closes_a_countdown() -> None:
    model = FeedModel()
    delivered = {
        "seq": 1,
        "t": 0.0,
        "type": "delivered",
        "item": "x",
        "source": "public",
        "channel": "feed",
        "kind": "post",
        "author": "a",
        "text": "hei",
        "deadlines": [600.0],
    }
    model.apply([event_of(delivered)])
    assert model.open_deadlines() == {"x": 600.0}
    model.apply([event_of({"seq": 2, "t": 5.0, "type": "settled", "inject": "x", "index": 0})])
    assert model.open_deadlines() == {}


async def test_the_leader_is_told_of_a_new_draft_and_a_seat_of_a_lost_host(
    host: Host, codes: CodeTable
) -> None:
    item = host.first.view.alias(ITEM)  # the name trainees' seats know it by
    leader = seat_app(host, codes, SeatRole.LEADER, "Ola")
    async with leader.run_test(size=(140, 40), notifications=True) as pilot:
        await until(pilot, lambda: item in leader.model.by_id and leader.role is not None)
        press = Seat(host.socket_path, code_of(codes, SeatRole.PRESS), "Kari")
        await press.connect()
        draft = {"do": "draft", "publishes": "statement", "text": "Vi følger situasjonen."}
        assert (await press.request(RequestKind.ACTION, draft)).ok
        await press.close()

        def told(text: str) -> bool:
            return any(text in n.message for n in leader._notifications)

        await until(pilot, lambda: told("Kari har sendt et utkast til godkjenning"))

        await host.close()  # the host goes away: the seat says so, and its clock stops
        await until(pilot, lambda: told("Mistet kontakten med verten"))
        assert not leader.clock_reading.running
        await host.start()  # and comes back: the seat joins again by itself
        await until(pilot, lambda: told("I kontakt med verten igjen"))
