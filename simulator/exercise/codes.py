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

import orjson

from simulator.files import write_output

#: Bytes of randomness in a code: 12 bytes are 96 bits, 16 URL-safe characters.
CODE_BYTES = 12


class SeatRole(StrEnum):
    """What a seat does in the exercise."""

    LEADER = "leader"
    PRESS = "press"
    SOCIAL = "social"
    OBSERVER = "observer"
    FACILITATOR = "facilitator"


#: The trainees' seats: they never see what the exercise knows and they do not.
TRAINEES = frozenset({SeatRole.LEADER, SeatRole.PRESS, SeatRole.SOCIAL})
#: Every role, in the order a codes table lists them.
ROLES: tuple[SeatRole, ...] = tuple(SeatRole)


def new_code() -> str:
    """A fresh join code."""
    return secrets.token_urlsafe(CODE_BYTES)


@dataclass(frozen=True, slots=True)
class SeatCode:
    """One seat's code: the team and role it opens."""

    team: str
    role: SeatRole
    code: str

    @property
    def seat(self) -> str:
        """The seat's id in the log: team and role, ``1:press``."""
        return f"{self.team}:{self.role}"


class CodeTable:
    """The codes of an exercise: one per team and role."""

    def __init__(self, codes: list[SeatCode]) -> None:
        self.codes = list(codes)

    @classmethod
    def generate(cls, teams: list[str], roles: tuple[SeatRole, ...] = ROLES) -> CodeTable:
        """A new table with a fresh code for each role of each team."""
        return cls([SeatCode(team, role, new_code()) for team in teams for role in roles])

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

    def as_json(self) -> bytes:
        """The table as JSON: ``{"teams": {team: {role: code}}, "facilitator": code}``.

        The control cell's seat is one for the whole exercise, so it stands apart from
        the teams; with one team it is that team's facilitator seat.
        """
        teams: dict[str, dict[str, str]] = {}
        facilitator = None
        for entry in self.codes:
            if entry.role == SeatRole.FACILITATOR:
                facilitator = facilitator or entry.code
            else:
                teams.setdefault(entry.team, {})[str(entry.role)] = entry.code
        table = {"teams": teams, "facilitator": facilitator}
        return orjson.dumps(table, option=orjson.OPT_INDENT_2) + b"\n"

    def write(self, path: Path) -> Path:
        """Write the table to ``path``, readable by its owner only."""
        return write_output(path, self.as_json())
