"""Links to the seats, for a host that serves them to browsers: ``BASE/seat/CODE`` for a
team's seat and ``BASE/control/CODE`` for the control cell, where BASE is
``http://ADDRESS:PORT``.

A link carries its seat's code, so it opens that seat for whoever has it, as the code does.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from simulator.exercise.codes import CodeTable, SeatCode, SeatRole

#: The first part of a link's path: a team's seat, or the control cell.
SEAT_PATH = "seat"
CONTROL_PATH = "control"


def base_url(address: str, port: int) -> str:
    """The base of every link of a host listening on ``address`` and ``port``:
    ``http://ADDRESS:PORT``, an IPv6 address in brackets, no slash at the end."""
    bare = address.removeprefix("[").removesuffix("]")
    try:
        ip = ipaddress.ip_address(bare)
    except ValueError:
        host = address  # a name, such as the machine's own
    else:
        # A scoped address keeps its zone, whose "%" a URL writes as "%25".
        host = f"[{bare.replace('%', '%25')}]" if ip.version == 6 else bare
    return f"http://{host}:{port}"


def path_for(seat: SeatCode) -> str:
    """The path of a seat's link: ``/control/CODE`` for the control cell, ``/seat/CODE``
    for any other seat."""
    kind = CONTROL_PATH if seat.role == SeatRole.FACILITATOR else SEAT_PATH
    return f"/{kind}/{quote(seat.code, safe='')}"


def link_for(base: str, seat: SeatCode) -> str:
    """A seat's link: ``base`` (as :func:`base_url` makes it) and the seat's path. The one
    maker of a link: the links view, the codes file and the web server's redirects."""
    return base + path_for(seat)


@dataclass(frozen=True, slots=True)
class SeatLinks:
    """The links of an exercise: each team's by role, in the order of the codes table,
    and the control cell's, which stands apart as its code does."""

    teams: dict[str, dict[SeatRole, str]]
    facilitator: str

    def as_dict(self) -> dict[str, Any]:
        """As the codes file holds them: ``{"teams": {team: {role: url}}, "facilitator":
        url}``."""
        teams = {
            team: {str(role): url for role, url in links.items()}
            for team, links in self.teams.items()
        }
        return {"teams": teams, "facilitator": self.facilitator}


def seat_links(codes: CodeTable, base: str) -> SeatLinks:
    """Every seat's link: a link for each code of ``codes``, under ``base``."""
    teams = {
        team: {entry.role: link_for(base, entry) for entry in entries}
        for team, entries in codes.team_codes().items()
    }
    return SeatLinks(teams, link_for(base, codes.control_seat))
