"""Join codes: one secret code per seat of a team exercise, by team and role.

A code is the only thing a seat needs to join, so it is long enough not to be guessed
(96 random bits) and is compared in constant time. The table is written as a private
(0600) file for the facilitator to hand out.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from simulator.files import read_input, write_output

if TYPE_CHECKING:
    from simulator.exercise.links import SeatLinks

#: Bytes of randomness in a code: 12 bytes are 96 bits, 16 URL-safe characters.
CODE_BYTES = 12


class SeatRole(StrEnum):
    """What a seat does in the exercise."""

    LEADER = "leader"
    PRESS = "press"
    SOCIAL = "social"
    OBSERVER = "observer"
    #: The team's wall display: its situation on the room's projector, read-only.
    WALL = "wall"
    FACILITATOR = "facilitator"


#: The trainees' seats: they act for the team, and never see what the exercise knows and
#: they do not.
TRAINEES = frozenset({SeatRole.LEADER, SeatRole.PRESS, SeatRole.SOCIAL})
#: The seats that get the trainees' view of the team's log: no ground truth, items by
#: their aliases. The trainees, and the wall display, which shows the room what the team
#: sees and takes no action.
TRAINEE_VIEW = TRAINEES | {SeatRole.WALL}
#: The lists each trainee's console shows: the leader sees everything the team sees.
ROLE_LISTS: dict[SeatRole, tuple[str, ...]] = {
    SeatRole.LEADER: ("feed", "press", "internal"),
    SeatRole.PRESS: ("press", "internal"),
    SeatRole.SOCIAL: ("feed", "internal"),
}
_EVERY_SEAT = frozenset({"reply", "draft", "escalate", "note", "claim", "release", "handover"})
#: Taking items down, or asking for it where the team does not own the page.
_REMOVING = frozenset({"hide", "unhide", "report", "ask_removal"})
#: The team actions each trainee may take. Where the leader approves, ``reply`` and
#: ``statement`` of the others go to the leader as drafts (see :func:`publishes_itself`).
#: A phone call is the press seat's to take; the leader's too, who takes the calls of a
#: team without a press seat (and one that rings while press is busy).
ROLE_ACTIONS: dict[SeatRole, frozenset[str]] = {
    SeatRole.LEADER: _EVERY_SEAT | {"statement", "flag", "return", "take"} | _REMOVING,
    SeatRole.PRESS: _EVERY_SEAT | {"take"},
    SeatRole.SOCIAL: _EVERY_SEAT | {"statement", "flag"} | _REMOVING,
}


def publishes_itself(role: SeatRole, approval_required: bool) -> bool:
    """Whether a seat publishes its replies and statements itself, or drafts them for
    the leader: with approval required, only the leader publishes."""
    return role == SeatRole.LEADER or not approval_required


#: Every role, in the order a codes table lists them.
ROLES: tuple[SeatRole, ...] = tuple(SeatRole)
#: The seats of each team by default: the trainees, an observer and a wall display.
TEAM_ROLES: tuple[SeatRole, ...] = (
    SeatRole.LEADER,
    SeatRole.PRESS,
    SeatRole.SOCIAL,
    SeatRole.OBSERVER,
    SeatRole.WALL,
)
#: The control cell's "team": it follows every team.
CONTROL = "*"
#: The environment variable that hands a console served to a browser its seat's code:
#: never on a command line, where other users of the machine could read it.
CODE_VARIABLE = "CRISIS_SIM_CODE"


def new_code() -> str:
    """A fresh join code; never one that begins with "-", which a command line would
    take for an option."""
    while (code := secrets.token_urlsafe(CODE_BYTES)).startswith("-"):
        pass
    return code


@dataclass(frozen=True, slots=True)
class SeatCode:
    """One seat's code: the team and role it opens."""

    team: str
    role: SeatRole
    code: str

    @property
    def seat(self) -> str:
        """The seat's id in the log: team and role, ``1:press``; the control cell's, which
        is one for the whole exercise, ``facilitator``."""
        if self.role == SeatRole.FACILITATOR:
            return str(self.role)
        return f"{self.team}:{self.role}"


class CodeTable:
    """The codes of an exercise: one per team and role."""

    def __init__(self, codes: list[SeatCode]) -> None:
        self.codes = list(codes)

    @classmethod
    def generate(cls, teams: list[str], roles: tuple[SeatRole, ...] = TEAM_ROLES) -> CodeTable:
        """A new table with a fresh code for each role of each team, and one for the
        control cell."""
        codes = [SeatCode(team, role, new_code()) for team in teams for role in roles]
        codes.append(SeatCode(CONTROL, SeatRole.FACILITATOR, new_code()))
        return cls(codes)

    @classmethod
    def read(cls, path: Path) -> CodeTable:
        """The table a host wrote to ``path`` (see :meth:`as_json`); ValueError when it is
        not one. A table written before a role existed (no ``wall``) is read as it is:
        its teams have the seats it lists."""
        try:
            return cls.parse(read_input(path))
        except ValueError as err:
            raise ValueError(f"{path} is not a table of join codes") from err

    @classmethod
    def parse(cls, text: bytes | str) -> CodeTable:
        """The table in ``text`` (as :meth:`as_json` writes it; a database keeps the same);
        ValueError when it is not one."""
        try:
            data = orjson.loads(text)
            codes = [
                SeatCode(str(team), SeatRole(role), str(code))
                for team, seats in data["teams"].items()
                for role, code in seats.items()
            ]
            codes.append(SeatCode(CONTROL, SeatRole.FACILITATOR, str(data["facilitator"])))
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            raise ValueError("not a table of join codes") from err
        return cls(codes)

    @property
    def control_seat(self) -> SeatCode:
        """The control cell's seat."""
        return next(c for c in self.codes if c.role == SeatRole.FACILITATOR)

    @property
    def facilitator(self) -> str:
        """The control cell's code."""
        return self.control_seat.code

    def team_codes(self) -> dict[str, list[SeatCode]]:
        """Each team's codes, in team and role order."""
        teams: dict[str, list[SeatCode]] = {}
        for entry in self.codes:
            if entry.role != SeatRole.FACILITATOR:
                teams.setdefault(entry.team, []).append(entry)
        return teams

    def check(self, code: str) -> SeatCode | None:
        """The seat a code opens, or None.

        Every code is compared, each in constant time, so how long it takes says nothing
        about which codes exist or how much of one was right.
        """
        given = code.encode("utf-8", "surrogatepass")
        found = None
        for entry in self.codes:
            if hmac.compare_digest(entry.code.encode(), given):
                found = entry
        return found

    def as_json(self, links: SeatLinks | None = None) -> bytes:
        """The table as JSON: ``{"teams": {team: {role: code}}, "facilitator": code}``,
        and with ``links`` (a host that serves browsers) each seat's link beside them,
        ``"links": {"teams": {team: {role: url}}, "facilitator": url}``.

        The control cell's seat is one for the whole exercise, so it stands apart from
        the teams. :meth:`read` takes the codes alone: the links follow from them.
        """
        teams = {
            team: {str(entry.role): entry.code for entry in entries}
            for team, entries in self.team_codes().items()
        }
        table: dict[str, object] = {"teams": teams, "facilitator": self.facilitator}
        if links is not None:
            table["links"] = links.as_dict()
        return orjson.dumps(table, option=orjson.OPT_INDENT_2) + b"\n"

    def write(self, path: Path, links: SeatLinks | None = None) -> Path:
        """Write the table (and ``links``, see :meth:`as_json`) to ``path``, readable by
        its owner only."""
        return write_output(path, self.as_json(links))
