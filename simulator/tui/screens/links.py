"""The seats' links on the control cell's screen, when the host serves seats to browsers:
each team's seats with their role and link, and the chosen seat's QR code, large enough
for a phone camera to read off the screen."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.exercise.codes import SeatRole
from simulator.exercise.links import SeatLinks
from simulator.tui.bindings import localize_bindings
from simulator.tui.i18n import Catalogue
from simulator.tui.widgets.footer import Footer
from simulator.tui.widgets.qr import QRCode


@dataclass(frozen=True, slots=True)
class ShownSeat:
    """One seat of the list: who it is for, its link, and whether it is the control
    cell's, which the trainees must not have."""

    heading: str
    link: str
    facilitator: bool = False


class LinksScreen(Screen[None]):
    """The links to hand out, one seat's QR code at a time: ↑ ↓ (or a click) choose it."""

    COMPONENT_CLASSES = {"links--facilitator"}
    DEFAULT_CSS = """
    LinksScreen #links-body { height: 1fr; }
    LinksScreen #links-seats { width: 1fr; padding: 0 1; }
    LinksScreen #links-title { text-style: bold; }
    LinksScreen #links-how { color: $text-muted; margin-bottom: 1; }
    LinksScreen OptionList { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    /* a team's name heads its seats: not a choice, but not greyed out either */
    LinksScreen OptionList > .option-list--option-disabled { color: $text; text-style: bold; }
    LinksScreen #links-chosen { height: auto; margin-top: 1; }
    LinksScreen #links-chosen.-facilitator { color: $text-warning; }
    LinksScreen > .links--facilitator { color: $text-warning; text-style: bold; }
    LinksScreen #links-code { width: auto; height: 1fr; align: center top; }
    """
    BINDINGS = [
        Binding("escape,l", "app.pop_screen", "Back", id="back", key_display="Esc"),
        Binding("f1", "app.help", "Help", id="help", key_display="F1"),
    ]

    def __init__(self, tr: Catalogue, links: SeatLinks) -> None:
        super().__init__()
        self.tr = tr
        self.links = links
        #: The seats in the list's order; an option's id is its place here.
        self.seats = [
            ShownSeat(f"{self._team(team)} · {self._role(role)}", url)
            for team, by_role in links.teams.items()
            for role, url in by_role.items()
        ]
        self.seats.append(ShownSeat(self._role(SeatRole.FACILITATOR), links.facilitator, True))

    def _role(self, role: SeatRole) -> str:
        return self.tr(f"role.name.{role}")

    def _team(self, team: str) -> str:
        return f"{self.tr('control.team')} {team}"

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Horizontal(id="links-body"):
            with Vertical(id="links-seats"):
                yield Static(Text(tr("control.links.title")), id="links-title")
                yield Static(Text(tr("control.links.how")), id="links-how")
                yield OptionList(id="links-list")
                yield Static(id="links-chosen")
            with Vertical(id="links-code"):
                yield QRCode(self.seats[0].link, id="links-qr")
        yield Footer()

    def _options(self) -> list[Option | None]:
        roles = [role for by_role in self.links.teams.values() for role in by_role]
        width = max(len(self._role(role)) for role in [*roles, SeatRole.FACILITATOR]) + 2
        options: list[Option | None] = []
        place = 0
        for team, by_role in self.links.teams.items():
            options.append(Option(Text(self._team(team)), disabled=True))
            for role, url in by_role.items():
                line = Text(f"  {self._role(role):<{width}}")
                line.append(url)
                options.append(Option(line, id=str(place)))
                place += 1
        options.append(None)
        warning = self.get_component_rich_style("links--facilitator", partial=True)
        line = Text(f"  {self._role(SeatRole.FACILITATOR):<{width}}", style=warning)
        line.append(self.links.facilitator)
        line.append("\n  " + self.tr("control.links.facilitator"))
        options.append(Option(line, id=str(place)))
        return options

    def on_mount(self) -> None:
        localize_bindings(self, self.tr)
        seats = self.query_one("#links-list", OptionList)
        # Here, not in compose: the control cell's line takes its colour from the CSS.
        seats.add_options(self._options())
        seats.highlighted = next(n for n, option in enumerate(seats.options) if not option.disabled)
        seats.focus()

    @on(OptionList.OptionHighlighted, "#links-list")
    @on(OptionList.OptionSelected, "#links-list")
    def _seat_chosen(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.show(self.seats[int(event.option.id)])

    def show(self, seat: ShownSeat) -> None:
        """Show ``seat``'s link and QR code."""
        chosen = self.query_one("#links-chosen", Static)
        text = Text(seat.heading, style="bold")
        text.append("\n" + seat.link)
        if seat.facilitator:
            text.append("\n" + self.tr("control.links.facilitator"))
        chosen.update(text)
        chosen.set_class(seat.facilitator, "-facilitator")
        self.query_one("#links-qr", QRCode).link = seat.link

    @property
    def shown(self) -> str:
        """The link whose QR code shows."""
        return self.query_one("#links-qr", QRCode).link
