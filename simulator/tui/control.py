"""The control cell's console: the clock, the events list, every team's live state,
ad-hoc items to one team or all, observer notes and ratings.

It is fed by the host like any seat (with the control cell's code it follows every team's
whole log), and steers the exercise by requests the host checks and records. In the
host's own terminal it runs in the host's process, on the same event loop, joining the
host over its socket as a seat elsewhere would: one way in for every console. An
observer's seat is the same screen for one team, without the clock and the injects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from simulator.engine.actions import ActionRequest
from simulator.engine.events import EventType, Status
from simulator.engine.outlook import inject_status
from simulator.engine.store import Event, SessionError
from simulator.exercise.codes import SeatRole
from simulator.exercise.protocol import RequestKind
from simulator.scenario.loader import LoadedScenario
from simulator.tui.console import next_speed
from simulator.tui.messages import (
    AdhocRequested,
    EndRequested,
    EvaluationRequested,
    NextInjectRequested,
)
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.screens.dialogs import ConfirmScreen, Dialog
from simulator.tui.screens.facilitator import FacilitatorScreen
from simulator.tui.screens.links import LinksScreen
from simulator.tui.seat import HostedApp, wire_fields
from simulator.tui.text import clean
from simulator.tui.triage import Triage
from simulator.tui.widgets.feed import ItemInfo

if TYPE_CHECKING:
    from simulator.exercise.host import Host
    from simulator.exercise.links import SeatLinks

#: The actions of the control screen that steer the exercise or see every team: not an
#: observer's (the clock's are the app's, and refused there).
_STEERING = frozenset(
    {
        "end",
        "next_inject",
        "adhoc",
        "adhoc_all",
        "next_team",
        "codes",
        "links",
        "toggle_pause",
        "speed",
    }
)
#: The columns of the teams' table.
_TEAM_COLUMNS = ("team", "met", "late", "missed", "open", "overdue", "last")
#: Outcomes that count as missed in the teams' table.
_MISSED = frozenset({Status.MISSED, Status.BREACH})


@dataclass(slots=True)
class TeamState:
    """One team's state as its log tells it: what was delivered, how each expectation
    stands, and the team's last action."""

    delivered: set[str] = field(default_factory=set)
    #: The latest status of each expectation, by (inject, index).
    statuses: dict[tuple[str, int], str] = field(default_factory=dict)
    last_action: tuple[float, str, str] | None = None  # (t, by, action)

    def take(self, events: list[Event]) -> None:
        """Learn from a batch of the team's events."""
        for event in events:
            data = event.data
            if event.type == EventType.DELIVERED:
                self.delivered.add(str(data.get("item")))
            elif event.type == EventType.EXPECTATION:
                index = data.get("index")
                if isinstance(index, int):
                    self.statuses[(str(data.get("inject")), index)] = str(data.get("status"))
            elif event.type == EventType.ACTION:
                self.last_action = (event.t, str(data.get("by") or ""), str(data.get("action")))

    def counts(self) -> Counter[str]:
        """How many expectations were met, late and missed so far."""
        return Counter(self.statuses.values())

    def inject_status(self, inject_id: str) -> str:
        """The inject's status in this team's exercise."""
        statuses = [s for (inject, _), s in self.statuses.items() if inject == inject_id]
        return inject_status(inject_id in self.delivered, False, statuses)


class ControlApp(HostedApp):
    """The control cell's console (or an observer's, for one team)."""

    HELP_BEFORE = ("facilitator.title",)
    HELP_AFTER = ("help.saved",)

    def __init__(
        self,
        loaded: LoadedScenario,
        socket_path: Path,
        code: str,
        name: str,
        *,
        language: str | None = None,
        backoff: tuple[float, float] = (0.1, 5.0),
        host: Host | None = None,
        join_hint: tuple[str, str] | None = None,
        links: SeatLinks | None = None,
    ) -> None:
        super().__init__(
            loaded,
            socket_path,
            code,
            name,
            language=language,
            backoff=backoff,
            model=FeedModel(observer_notes_on_items=True),
        )
        self.host = host
        #: How seats join (the command's name and the session folder), for the codes.
        self.join_hint = join_hint
        #: Each seat's link, when the host serves seats to browsers (else None).
        self.links = links
        self.models: dict[str, FeedModel] = {}
        self.states: dict[str, TeamState] = {}
        self.team: str = ""
        self._personas: list[tuple[str, str]] = []
        self._seed: int | None = None
        self._everyone = False  # the next ad-hoc item goes to every team

    # -- start-up -----------------------------------------------------------------------

    def first_screen(self) -> Screen[Any]:
        """The control screen."""
        return ControlScreen()

    async def _join(self) -> None:
        if self.host is not None:
            self.host.store_listeners.append(self._store_failed)
            await self.host.start()
            if self.host.failure is not None:
                # The host cannot go on (another took the exercise over): the console
                # closes, and the command says why.
                self.host.failure.add_done_callback(lambda _: self.exit())
        await super()._join()
        clock = self.clock_reading
        if self.host is not None and not clock.running and not clock.ended:
            self.notify(self.tr("control.start"), timeout=30)
        if self.observing and isinstance(self.screen, ControlScreen):
            # The keys that steer were shown before the host said this is an observer.
            self.screen.refresh_bindings()
            self.refresh_bindings()
            self.call_after_refresh(self.screen.show_keys)

    def _store_failed(self, team: str, err: SessionError) -> None:
        # In the host's own terminal: the team's log cannot be written to (a full disk).
        message = self.tr("error.store", message=self.said(err))
        self.notify(f"{self.tr('control.team')} {team}: {message}", severity="error", timeout=30)

    async def left(self) -> None:
        """Leave the host, and in the host's own terminal, stop it."""
        await super().left()
        if self.host is not None:
            await self.host.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An observer's console has no keys that steer the clock."""
        if action in ("toggle_pause", "speed") and self.observing:
            return False
        return super().check_action(action, parameters)

    @property
    def observing(self) -> bool:
        """An observer's console: one team, no steering."""
        welcome = self.seat.welcome
        return welcome is not None and welcome.role == SeatRole.OBSERVER

    # -- what the host sends ------------------------------------------------------------

    def take_events(self, team: str, events: list[Event]) -> None:
        """Keep each team's model and state; show the chosen team's."""
        model = self.models.get(team)
        if model is None:
            model = self.models[team] = FeedModel(observer_notes_on_items=True)
            self.states[team] = TeamState()
            if not self.team:
                self.team = team
                self.model = model
        self.states[team].take(events)
        if self._seed is None:
            self._learn_seed(events)
        if team == self.team:
            self.deliver(events)
        else:
            model.apply(events)

    def _learn_seed(self, events: list[Event]) -> None:
        for event in events:
            seed = event.data.get("seed") if event.type == EventType.SESSION_START else None
            if isinstance(seed, int):
                self._seed = seed

    def choose_team(self, team: str) -> None:
        """Show ``team``'s events list, notes and ratings."""
        if team in self.models and team != self.team:
            self.team = team
            self.model = self.models[team]
            self.redraw()

    def next_team(self) -> None:
        """Show the next team's (round to the first)."""
        names = list(self.models)
        if len(names) > 1:
            self.choose_team(names[(names.index(self.team) + 1) % len(names)])

    def team_triage(self, team: str) -> Triage:
        """A team's open and overdue questions at the last reading of the clock."""
        model = self.models[team]
        deadlines = model.open_deadlines()
        kinds = {i: model.by_id[i].kind for i in deadlines if i in model.by_id}
        return Triage.at(self.triage.now, deadlines, kinds)

    # -- what the facilitator's screen asks ------------------------------------------------

    def inject_status(self, inject_id: str) -> str:
        """The inject's status in the team shown."""
        state = self.states.get(self.team)
        return state.inject_status(inject_id) if state is not None else "pending"

    def personas(self) -> list[tuple[str, str]]:
        """The scenario's personas with the names this exercise's seed gave them."""
        if not self._personas and self._seed is not None:
            from simulator.engine.engine import Engine

            engine = Engine(self.loaded, self._seed)  # no session: only for its personas
            self._personas = [
                (pid, f"{clean(a.name, single_line=True)} ({self.role_name(a.role)})")
                for pid, a in engine.personas.items()
            ]
        return self._personas

    def item_info(self, item: FeedItem) -> ItemInfo:
        """The control screen shows no feed: an item's time and countdown only."""
        return ItemInfo(self.clock_text(item.t), 0, 0, 0, self.triage.due_in(item.id))

    # -- what the control cell does -------------------------------------------------------

    def act(self, request: ActionRequest, done_message: str, composer: Any = None) -> None:
        """An observer's note, about the team shown."""
        self.send(RequestKind.ACTION, done_message, wire_fields(request), team=self.team)

    @on(EvaluationRequested)
    def _evaluation_requested(self, event: EvaluationRequested) -> None:
        for n, request in enumerate(event.requests):
            last = n == len(event.requests) - 1
            self.send(
                RequestKind.EVALUATE,
                event.done_message if last else "",
                wire_fields(request),
                team=self.team,
            )

    @on(AdhocRequested)
    def _adhoc_requested(self, event: AdhocRequested) -> None:
        inject = event.inject
        fields: dict[str, Any] = {"persona": inject.persona, "kind": inject.kind}
        fields["text"] = inject.text
        if inject.within is not None:
            fields["within"] = inject.within
        everyone, self._everyone = self._everyone, False
        done = (
            self.tr("control.adhoc.all")
            if everyone
            else self.tr("control.adhoc.team", team=self.team)
        )
        self.send(RequestKind.ADHOC, done, fields, team=None if everyone else self.team)

    def adhoc_to_everyone(self) -> None:
        """The next ad-hoc item goes to every team."""
        self._everyone = True

    @on(NextInjectRequested)
    def jump_to_next_inject(self) -> None:
        """Move the clock to the next scripted inject not delivered yet."""
        now = self.now()
        state = self.states.get(self.team, TeamState())
        times = [
            float(inj.at)
            for inj in self.loaded.scenario.injects
            if inj.at is not None and inj.id not in state.delivered and float(inj.at) > now
        ]
        if not times:
            self.bell()
            return
        self.send(RequestKind.JUMP, "", value=min(times))

    @on(EndRequested)
    def end_exercise(self) -> None:
        """End the exercise for every team."""
        self.send(RequestKind.END, "")

    def action_toggle_pause(self) -> None:
        """Pause or resume every team's exercise."""
        clock = self.clock_reading
        if clock.ended or self.observing:
            return
        self.send(RequestKind.PAUSE if clock.running else RequestKind.RESUME, "")

    def action_speed(self, direction: int) -> None:
        """One step faster (1) or slower (-1), for every team."""
        clock = self.clock_reading
        if clock.ended or self.observing:
            return
        speed = next_speed(clock.speed, direction)
        if speed is None:
            self.bell()
            return
        self.send(RequestKind.SPEED, self.tr("toast.speed", speed=f"{speed:g}"), value=speed)

    def action_request_quit(self) -> None:
        """Quit; the host's own console asks first, since the seats then wait."""
        if self.host is None:
            self.leave()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.leave()

        self.push_screen(ConfirmScreen(self.tr("control.quit")), done)

    def codes_text(self) -> Text:
        """The join codes, by team and role, and how to join."""
        text = Text()
        if self.host is None:
            return text
        codes = self.host.codes
        for team, entries in codes.team_codes().items():
            text.append(f"{self.tr('control.team')} {team}\n", "bold")
            for entry in entries:
                role = self.tr(f"role.name.{entry.role}")
                text.append(f"  {role:<18} {entry.code}\n")
        role = self.tr("role.name.facilitator")
        text.append(f"\n{role:<20} {codes.facilitator}\n", "bold")
        if self.join_hint is not None:
            name, folder = self.join_hint
            text.append("\n" + self.tr("control.codes.how", name=name, folder=folder))
        return text


class ControlScreen(FacilitatorScreen, inherit_bindings=False):
    """The facilitator's screen with every team's state above it."""

    def heading(self) -> str:
        """The control cell's, or an observer's of one team."""
        app = self.control
        if app.observing and app.seat.welcome is not None:
            return app.tr("control.observer", team=app.seat.welcome.team)
        return app.tr("control.title")

    DEFAULT_CSS = """
    ControlScreen #teams { height: auto; max-height: 12; }
    ControlScreen #shown { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("q", "app.request_quit", "Quit", id="quit"),
        Binding("f1", "app.help", "Help", id="help", key_display="F1"),
        *[
            binding
            for binding in FacilitatorScreen.BINDINGS
            if isinstance(binding, Binding) and binding.id != "back"
        ],
        Binding("t", "next_team", "Next team", id="team"),
        Binding("A", "adhoc_all", "Ad-hoc to all", id="adhoc_all", key_display="shift+a"),
        Binding("k", "codes", "Codes", id="codes"),
        Binding("l", "links", "Links", id="links"),
    ]

    @property
    def control(self) -> ControlApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        children = list(super().compose())
        footer = children.pop()
        yield from children[:2]  # the status line and the keys
        yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        yield Static(id="shown")
        yield from children[2:]
        yield footer

    def on_mount(self) -> None:
        # Textual runs the facilitator screen's on_mount after this one: the teams' table
        # has its columns before that fills the panels.
        tr = self.control.tr
        table = self.query_one("#teams", DataTable)
        for key in _TEAM_COLUMNS:
            table.add_column(tr(f"control.{key}"), key=key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An observer's console has no keys that steer the exercise, and a host that
        serves no browsers has no links to show."""
        if action == "links" and self.control.links is None:
            return False
        return not (self.control.observing and action.removeprefix("app.") in _STEERING)

    def refresh_panels(self) -> None:
        """The teams' table, then the facilitator's panels for the team shown."""
        self._show_teams()
        super().refresh_panels()

    def _show_teams(self) -> None:
        app = self.control
        tr = app.tr
        table = self.query_one("#teams", DataTable)
        for team, state in app.states.items():
            counts = state.counts()
            triage = app.team_triage(team)
            last = state.last_action
            cells = (
                Text(f"{team}{' ◀' if team == app.team else ''}", style="bold"),
                str(counts[Status.MET]),
                str(counts[Status.LATE]),
                str(sum(counts[s] for s in _MISSED)),
                str(len(triage.open)),
                str(len(triage.overdue)),
                Text(
                    f"{app.clock_text(last[0])} {clean(last[1], single_line=True)}: "
                    + (tr(f"done.{last[2]}") if tr.has(f"done.{last[2]}") else last[2])
                    if last
                    else tr("control.none")
                ),
            )
            if team not in table.rows:
                table.add_row(*cells, key=team)
            else:
                for key, cell in zip(_TEAM_COLUMNS, cells, strict=True):
                    table.update_cell(team, key, cell)
        shown = self.query_one("#shown", Static)
        shown.update(Text(tr("control.shown", team=app.team)) if app.team else "")

    @on(DataTable.RowSelected, "#teams")
    def _team_chosen(self, event: DataTable.RowSelected) -> None:
        self.control.choose_team(str(event.row_key.value))

    def action_next_team(self) -> None:
        """Show the next team's events list, notes and ratings."""
        self.control.next_team()

    def action_adhoc_all(self) -> None:
        """An ad-hoc item to every team."""
        self.control.adhoc_to_everyone()
        self.action_adhoc()

    def action_codes(self) -> None:
        """Show the join codes."""
        app = self.control
        if app.host is not None:
            app.push_screen(CodesScreen(app.tr("control.codes.title"), app.codes_text()))

    def action_links(self) -> None:
        """Show each seat's link and its QR code."""
        app = self.control
        if app.links is not None:
            app.push_screen(LinksScreen(app.tr, app.links))


class CodesScreen(Dialog[None]):
    """The join codes, for the facilitator to hand out."""

    BINDINGS = [Binding("k,q,enter", "cancel", show=False)]

    def __init__(self, title: str, codes: Text) -> None:
        super().__init__()
        self.heading = title
        self.codes = codes

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical():
            yield Static(Text(self.heading), classes="title")
            yield Static(self.codes)
