"""``crisis-sim join``: one trainee's console of a team exercise, fed by the host.

The seat console holds no engine and no session: what it shows comes from the events the
host sends it (already stripped of what trainees may not see), and the time from the
host's clock messages. What the team does goes to the host as a request, and the console
says it was done only once the host has acknowledged it, that is, recorded it.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.binding import Binding
from textual.events import Unmount
from textual.screen import Screen
from textual.timer import Timer

from simulator.engine.actions import ActionRequest
from simulator.engine.events import PUBLISHES, DeliveredData, EventType, Source
from simulator.engine.guidelines import GuidelineChecker, GuidelineFinding
from simulator.engine.reach import Stretch, engagement, hidden_stretches, views_at
from simulator.engine.store import Event
from simulator.exercise.codes import ROLE_ACTIONS, ROLE_LISTS, SeatRole, publishes_itself
from simulator.exercise.protocol import ACTION_FIELDS, Clock, RequestKind
from simulator.exercise.seat import Seat, SeatRefused
from simulator.scenario.durations import day_clock, format_offset
from simulator.scenario.loader import LoadedScenario
from simulator.scenario.model import Approval, TeamRole
from simulator.tui.calls import PhoneCall
from simulator.tui.console import ConsoleApp
from simulator.tui.messages import ActionRequested, BeginRequested
from simulator.tui.model import Draft, FeedItem, FeedModel
from simulator.tui.screens.approval import ApprovalScreen
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.dialogs import PromptScreen
from simulator.tui.screens.exercise import LISTS, ExerciseScreen
from simulator.tui.widgets.composer import Target
from simulator.tui.widgets.feed import ItemInfo
from simulator.tui.widgets.panels import StatusLine

#: Each key of the exercise screen that acts, and the team action it takes.
_KEY_ACTIONS = {
    "reply": "reply",
    "statement": "statement",
    "flag": "flag",
    "hide": "hide",
    "unhide": "unhide",
    "remove": "report",
    "desk": "report",
    "escalate": "escalate",
    "note": "note",
    "claim": "claim",
    "approvals": "return",
    "handover": "handover",
    "take_call": "take",
}
#: What a seat receives is drawn at once, with its counters and panels, in one frame; more
#: batches within this many seconds are drawn together after it.
REDRAW_WITHIN = 0.05
#: The longest a seat holds a batch of public items (posts, questions, news) before drawing
#: it (real seconds). Each seat has its own moment in this, from its code: seats that share
#: a machine then draw the feed's surges one after another instead of all at once, and
#: what the team does is not held (it draws at once, with anything held before it).
SPREAD = 0.5
#: How many real seconds old an event may be and still be announced as news.
FRESH_SECONDS = 10.0
#: How long past each whole second of the clock a seat redraws its clock and countdowns
#: (real seconds). The host delivers just after each whole second: a batch that comes
#: first has drawn the new second already, and the seat draws one frame a second, not two.
_PAST_THE_SECOND = 0.1


class SeatScreen(ExerciseScreen, inherit_bindings=False):
    """The exercise screen of a trainee's seat: the lists and keys of its role, no
    facilitator's; the leader's queue of drafts where the leader approves."""

    BINDINGS = [
        *(
            binding
            for binding in ExerciseScreen.BINDINGS
            if not (isinstance(binding, Binding) and binding.id == "facilitator")
        ),
        Binding("g", "approvals", "Approve", id="approvals"),
        Binding("t", "claim", "Take", id="claim"),
    ]

    @property
    def seat_app(self) -> SeatApp:
        return self.app  # type: ignore[return-value]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys of the seat's role: press does not flag or hide, say."""
        kind = _KEY_ACTIONS.get(action)
        if kind is not None and not self.seat_app.may(kind):
            return False
        return super().check_action(action, parameters)

    def action_claim(self) -> None:
        """Take the selected item (the others see who has it), or let it go again."""
        item = self._need_item()
        if item is None:
            return
        app = self.seat_app
        claim = app.model.claims.get(item.id)
        mine = claim is not None and claim.seat == app.seat_id
        kind, toast = ("release", "toast.released") if mine else ("claim", "toast.claimed")
        self._act(ActionRequest(kind, (item.id,), by=app.player), app.tr(toast))

    def action_approvals(self) -> None:
        """The drafts waiting for the leader: publish one (edited first if need be) or
        return it with a comment."""
        app = self.seat_app
        drafts = app.model.open_drafts()
        if not drafts:
            app.notify(app.tr("approval.none"), timeout=3)
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            draft = app.model.drafts[choice[0]]
            if choice[1] == "return":
                self._return_draft(draft)
            else:
                self._publish_draft(draft)

        self.app.push_screen(ApprovalScreen(app.tr, drafts, app.model, app.clock_text), chosen)

    def _publish_draft(self, draft: Draft) -> None:
        item = self.seat_app.model.by_id.get(draft.to[0]) if draft.to else None
        target = Target(item, draft.id)
        self.drafts.setdefault(target.key, draft.text)
        self.open_composer(target)

    def _return_draft(self, draft: Draft) -> None:
        app = self.seat_app

        def done(comment: str | None) -> None:
            if comment:
                self._act(
                    ActionRequest("return", (), comment, by=app.player, draft=draft.id),
                    app.tr("toast.returned", name=draft.by or ""),
                )

        self.app.push_screen(PromptScreen(app.tr("approval.return")), done)


def event_of(record: dict[str, Any]) -> Event:
    """An event as the host sent it, back in the form the console's model takes."""
    data = dict(record)
    seq, t = data.pop("seq", 0), data.pop("t", 0.0)
    kind, wall = data.pop("type", ""), data.pop("wall", "")
    return Event(str(kind), float(t), data, str(wall), int(seq))


class HostedApp(ConsoleApp):
    """A console fed only by the host: a trainee's seat, an observer's, the control cell's.

    What it shows comes from the events the host sends (already cut to what the seat's
    role may see), and the time from the host's clock messages. Whatever the person does
    goes to the host as a request; the console says it was done only once the host has
    acknowledged it, that is, recorded it. Waiting for that happens in a worker, so the
    console stays live meanwhile.
    """

    #: What the console says when its link to the host breaks (a catalogue key).
    LOST_KEY: ClassVar[str] = "seat.lost"

    def __init__(
        self,
        loaded: LoadedScenario,
        socket_path: Path,
        code: str,
        name: str,
        *,
        language: str | None = None,
        backoff: tuple[float, float] = (0.1, 5.0),
        model: FeedModel | None = None,
        spread: float = 0.0,
    ) -> None:
        super().__init__(loaded, language=language, clock=None, model=model or FeedModel())
        # Many seats share a machine: the tabs' sliding underline alone doubled what a
        # switch of lists cost a seat. Nothing moves; everything is shown at once.
        self.animation_level = "none"
        self.player = name
        self.seat = Seat(
            socket_path,
            code,
            name,
            self._received,
            backoff=backoff,
            on_clock=self._clock_received,
            on_link=self._link_changed,
        )
        sc = loaded.scenario
        self._day_start = sc.start.timetz() if sc.start else None
        # The host's clock and the monotonic moment it came: the time shown runs on from it.
        self._clock = Clock(0.0, 1.0, False, False)
        self._clock_at = time.monotonic()
        self._second: Timer | None = None
        self._lost = False  # the link to the host is broken
        self._redraw_due: Timer | None = None
        self._redrawn_at = -math.inf  # when what was received was last drawn (monotonic)
        self.spread = spread  # how long public items are held before they are drawn
        self._held: list[tuple[list[dict[str, Any]], str]] = []
        self._held_due: Timer | None = None

    # -- start-up -----------------------------------------------------------------------

    def open(self) -> None:
        """The first screen, then joining the host."""
        self.push_screen(self.first_screen())
        self.run_worker(self._join(), exclusive=True, group="join")

    def first_screen(self) -> Screen[Any]:
        """The screen the console opens on."""
        return SeatScreen()

    async def _join(self) -> None:
        try:
            await self.seat.connect()
        except SeatRefused as err:
            self.notify(err.reason.said().text(self.tr.language), severity="error", markup=False)
            self.leave(1)
        except OSError as err:
            self.notify(str(err), severity="error", markup=False)
            self.leave(1)

    @on(Unmount)
    async def _leave_host(self) -> None:
        # Textual runs the base's on_unmount as well: the signals are given back there.
        await self.left()

    async def left(self) -> None:
        """The console is closing: leave the host."""
        await self.seat.close()

    # -- what the host sends ------------------------------------------------------------

    def _received(self, records: list[dict[str, Any]], team: str) -> None:
        if not self.is_running:
            return
        if self.spread > 0 and all(_public(record) for record in records):
            self._held.append((records, team))
            if self._held_due is None:
                self._held_due = self.set_timer(self.spread, self._held_elapsed)
            return
        self._release(draw=False)  # what came first is shown first
        self.take_events(team, [event_of(record) for record in records])
        self._draw_received()

    def _held_elapsed(self) -> None:
        self._held_due = None  # this timer has fired: nothing to stop
        self._release()

    def _release(self, draw: bool = True) -> None:
        """Show the batches held back, in the order they came."""
        if self._held_due is not None:
            self._held_due.stop()
            self._held_due = None
        held, self._held = self._held, []
        for records, team in held:
            self.take_events(team, [event_of(record) for record in records])
        if held and draw:
            self._draw_received()

    def _draw_received(self) -> None:
        # Drawn at once with the counters and panels, in the frame that shows the items;
        # batches close together (every seat acting in a busy exercise) are drawn once.
        if self._redraw_due is not None:
            return
        wait = self._redrawn_at + REDRAW_WITHIN - time.monotonic()
        if wait <= 0:
            self._redraw_now()
        else:
            self._redraw_due = self.set_timer(wait, self._redraw_now)

    def _redraw_now(self) -> None:
        self._redraw_due = None
        self._redrawn_at = time.monotonic()
        self.redraw()

    def take_events(self, team: str, events: list[Event]) -> None:
        """Show a batch of one team's events."""
        self.deliver(events)

    def _clock_received(self, clock: Clock) -> None:
        self._clock, self._clock_at = clock, time.monotonic()
        if self.is_running:
            self.redraw()
            self._next_second()

    def _link_changed(self, up: bool) -> None:
        """The link to the host broke, or is back after a break: say so. While it is down
        the clock shown stands still (nobody knows what the host does meanwhile), and
        what is sent waits, to go once the seat has joined again."""
        if not self.is_running:
            return
        if up:
            if self._lost:
                self._lost = False
                self.notify(self.tr("seat.back"), timeout=5)
            return
        self._lost = True
        clock = self._clock
        self._clock_received(Clock(self.now(), clock.speed, False, clock.ended))
        self.notify(self.tr(self.LOST_KEY), severity="warning", timeout=30)

    def fresh(self, event: Event) -> bool:
        """Whether an event is news (it came as it happened), not part of the backlog a
        seat is sent when it joins: only news is announced."""
        return self.is_news(event.t)

    def is_news(self, t: float) -> bool:
        """Whether scenario time ``t`` is now, give or take the last few seconds."""
        clock = self._clock
        return t >= self.now() - FRESH_SECONDS * max(clock.speed, 1.0)

    def next_change(self, now: float) -> float:
        """The scenario time, after ``now``, at which the screen shows something new by
        the clock alone: the next whole second (the clock, the countdowns)."""
        return math.floor(now) + 1

    def _next_second(self) -> None:
        """Redraw when what the clock shows moves on (:meth:`next_change`), and not
        otherwise: a paused or ended exercise draws nothing until the host says something."""
        if self._second is not None:
            self._second.stop()
            self._second = None
        clock = self._clock
        if not clock.running or clock.ended or clock.speed <= 0:
            return
        now = self.now()
        wait = (self.next_change(now) - now) / clock.speed + _PAST_THE_SECOND
        self._second = self.set_timer(wait, self._on_second)

    def _on_second(self) -> None:
        self._second = None
        if self._held_due is None:  # else the held batch draws the new second with it
            self.redraw_on_change(False)
        self._next_second()

    # -- what the person does -------------------------------------------------------------

    def send(
        self,
        kind: RequestKind,
        done_message: str,
        fields: dict[str, Any] | None = None,
        value: float | None = None,
        *,
        team: str | None = None,
        then: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Send a request to the host; say ``done_message`` (and run ``then``) once it is
        recorded, or why it was refused. The console goes on meanwhile."""

        async def wait() -> None:
            ack = await self.seat.request(kind, fields, value, team=team)
            if not ack.ok:
                reason = ack.refusal.said().text(self.tr.language) if ack.refusal else ""
                self.notify(
                    self.tr("error.action", message=reason), severity="warning", markup=False
                )
                return
            if done_message:
                self.notify(done_message, timeout=3, markup=False)
            if then is not None:
                await then()

        self.run_worker(wait(), group="requests")

    def act(self, request: ActionRequest, done_message: str, composer: Any = None) -> None:
        """Send a team action (or an observer's note) to the host."""
        if self._clock.ended:
            self.bell()
            return
        then = None
        if composer is not None:

            async def close_composer() -> None:
                screen = self.exercise_screen
                if isinstance(screen, ExerciseScreen):
                    screen.published(composer)

            then = close_composer
        self.send(RequestKind.ACTION, done_message, wire_fields(request), then=then)

    @on(ActionRequested)
    def _action_requested(self, event: ActionRequested) -> None:
        self.act(event.request, event.done_message, event.composer)

    # -- what the widgets ask --------------------------------------------------------------

    @property
    def clock_reading(self) -> Clock:
        """The host's last clock message."""
        return self._clock

    def now(self) -> float:
        """Scenario time now: the host's last reading, run on while the clock runs."""
        clock = self._clock
        t = clock.t
        if clock.running and not clock.ended:
            t += (time.monotonic() - self._clock_at) * clock.speed
        return min(t, float(self.loaded.scenario.duration))

    def clock_text(self, t: float) -> str:
        """Fictional HH:MM of a scenario time."""
        return day_clock(self._day_start, t)

    def show_status(self, line: StatusLine) -> None:
        """Fill a status line from the host's clock."""
        clock, now = self._clock, self.triage.now
        line.show(
            self.tr,
            clock=self.clock_text(now),
            offset=format_offset(now),
            speed=clock.speed,
            running=clock.running and not clock.ended,
            ended=clock.ended,
            unread=self.model.unread,
            open_items=len(self.triage.open),
            overdue=len(self.triage.overdue),
            title=self.loaded.scenario.title,
            off_duty=self.off_duty(now),
        )


@functools.cache
def role_channels(role: SeatRole) -> frozenset[str]:
    """The channels of the lists a trainee's role shows."""
    shown = ROLE_LISTS.get(role, ())
    return frozenset().union(*(channels for key, channels in LISTS if key in shown))


def spread_of(code: str) -> float:
    """How long a seat holds public items: its own moment within :data:`SPREAD`, the
    same each time it joins with its code."""
    digest = hashlib.blake2b(code.encode(), digest_size=4).digest()
    return SPREAD * int.from_bytes(digest, "big") / 2**32


def _public(record: dict[str, Any]) -> bool:
    """Whether a record is an item that is not the team's own: news that can wait a moment."""
    return record.get("type") == EventType.DELIVERED and record.get("source") != Source.TEAM


def wire_fields(request: ActionRequest) -> dict[str, Any]:
    """An action's fields as they go to the host; the author is the host's to set."""
    fields: dict[str, Any] = {"do": request.kind, "to": list(request.to)}
    for name in ACTION_FIELDS:
        value = getattr(request, name)
        if value is not None:
            fields[name] = value
    return fields


class SeatApp(HostedApp):
    """A trainee's console, fed only by its :class:`~simulator.exercise.seat.Seat`."""

    HELP_BEFORE = ("help.body",)
    HELP_AFTER = ("triage.help", "help.saved")

    def __init__(
        self,
        loaded: LoadedScenario,
        socket_path: Path,
        code: str,
        name: str,
        *,
        language: str | None = None,
        backoff: tuple[float, float] = (0.1, 5.0),
        spread: float | None = None,
        ask_name: bool = False,
    ) -> None:
        super().__init__(
            loaded,
            socket_path,
            code,
            name,
            language=language,
            backoff=backoff,
            spread=spread_of(code) if spread is None else spread,
        )
        sc = loaded.scenario
        self.approval_required = sc.team.approval == Approval.REQUIRED
        self.guide = GuidelineChecker(
            list(sc.guidelines.avoid), [(f.text, f.reason) for f in sc.guidelines.forbid]
        )
        for value in sc.variable_values:
            self.guide.learn_public(value)
        # Each item's (delivered at, peak) and the team's hide and unhide actions: the
        # figures the lists show, worked out as the host's engine works them out.
        self._peaks: dict[str, tuple[float, int]] = {}
        self._actions: list[Event] = []
        self._hidden: dict[str, list[Stretch]] = {}
        #: Served to a browser, nobody's name is known: the briefing asks for it first.
        self.ask_name = ask_name

    @property
    def role(self) -> SeatRole | None:
        """The seat's role, once the host has welcomed it."""
        welcome = self.seat.welcome
        return SeatRole(welcome.role) if welcome is not None else None

    @property
    def seat_id(self) -> str | None:
        """The seat's id in the log (``1:press``)."""
        welcome = self.seat.welcome
        return welcome.seat if welcome is not None else None

    def may(self, kind: str) -> bool:
        """Whether this seat may take a team action of ``kind`` (before the host has said
        who it is, every key shows; the host refuses what the role may not do)."""
        role = self.role
        if role is None:
            return True
        if kind == "return":
            return role == SeatRole.LEADER and self.approval_required
        return kind in ROLE_ACTIONS.get(role, frozenset())

    def rings_here(self) -> bool:
        """Calls ring on the press seat, and on the leader's where the team has none."""
        role = self.role
        if role == SeatRole.LEADER:
            return not self.loaded.scenario.team.has(TeamRole.PRESS)
        return role == SeatRole.PRESS

    def on_the_phone(self) -> PhoneCall | None:
        """The call this seat took and is on now, if any."""
        seat = self.seat_id
        return self.model.calls.on_the_phone(seat) if seat is not None else None

    def monitored(self, item: FeedItem) -> bool:
        """The trends of the posts this seat's lists show: none from the feed on the press
        seat, which does not show it."""
        role = self.role
        if role is not None and item.channel not in role_channels(role):
            return False
        return super().monitored(item)

    def open(self) -> None:
        """Join the host; the screen follows once the host has said the seat's role,
        with that role's lists only. Where the name is not known, the briefing asks for
        it first."""
        if self.ask_name:
            self.push_screen(BriefingScreen())
            return
        self.run_worker(self._join(), exclusive=True, group="join")

    @on(BeginRequested)
    def _named(self, event: BeginRequested) -> None:
        if not event.player:
            self.notify(self.tr("briefing.name"), severity="warning", markup=False)
            return
        self.player = self.seat.name = event.player
        self.ask_name = False
        self.run_worker(self._join(), exclusive=True, group="join")

    async def _join(self) -> None:
        await super()._join()
        role = self.role
        if role is not None:
            await self.push_screen(SeatScreen(ROLE_LISTS.get(role)))

    def act(self, request: ActionRequest, done_message: str, composer: Any = None) -> None:
        """Send a team action; where the leader approves, another seat's reply or
        statement goes to the leader as a draft."""
        role = self.role
        if (
            role is not None
            and request.kind in PUBLISHES
            and request.draft is None
            and not publishes_itself(role, self.approval_required)
        ):
            request = replace(request, kind="draft", publishes=request.kind)
            done_message = self.tr("toast.drafted")
        super().act(request, done_message, composer)

    def take_events(self, team: str, events: list[Event]) -> None:
        """Learn the figures the lists show, then show the events; tell the person whose
        draft the leader returned, and why."""
        self._learn(events)
        self.deliver(events)
        for event in events:
            if event.type == EventType.ACTION and self.fresh(event):
                self._announce(event.data)

    def _announce(self, data: dict[str, Any]) -> None:
        """Tell the person what the team's work asks of them: a draft for the leader to
        approve, a draft of theirs that the leader returned; and who took a call."""
        kind = data.get("action")
        if kind == "take" and data.get("seat") != self.seat_id:
            call = self.model.calls.get(str((data.get("to") or [""])[0]))
            if call is not None and call.by:
                message = self.tr("toast.call_taken_by", name=call.by, caller=call.caller)
                self.notify(message, timeout=8, markup=False)
            return
        draft = self.model.drafts.get(str(data.get("draft")))
        if draft is None or (draft.seat == self.seat_id and kind == "draft"):
            return
        if kind == "draft" and self.may("return"):
            name = draft.by or ""
            self.notify(self.tr("toast.draft_waiting", name=name), timeout=10, markup=False)
        elif kind == "return" and draft.seat == self.seat_id:
            self.notify(
                self.tr("toast.draft_returned", comment=draft.comment),
                severity="warning",
                timeout=15,
                markup=False,
            )

    def _learn(self, events: Iterable[Event]) -> None:
        hides = False
        for event in events:
            if event.type == EventType.DELIVERED:
                data: DeliveredData = event.data  # type: ignore[assignment]
                self._peaks[data["item"]] = (event.t, int(data.get("peak") or 0))
                self.guide.learn_public(data.get("text") or "")
            elif event.type == EventType.ACTION and event.data.get("action") in ("hide", "unhide"):
                self._actions.append(event)
                hides = True
        if hides:
            self._hidden = hidden_stretches(self._actions)

    def check_text(self, text: str) -> list[GuidelineFinding]:
        """Guideline findings for a text being composed."""
        return self.guide.check(text)

    def item_info(self, item: FeedItem) -> ItemInfo:
        """The figures of one item at the last reading of the clock."""
        now = self.triage.now
        views = likes = shares = 0
        if item.id in self._peaks and item.has_reach:
            delivered, peak = self._peaks[item.id]
            views = views_at(peak, delivered, now, None, self._hidden.get(item.id, ()))
            likes, shares = engagement(views, False)
        return ItemInfo(self.clock_text(item.t), views, likes, shares, self.triage.due_in(item.id))
