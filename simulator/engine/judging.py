"""What an answer earns: the one place of the scoring formula for one expectation.

earned = points × timeliness × content

- timeliness is 1 for an answer by the deadline. After it, it depends on the scenario's
  ``scoring.late_credit``: ``linear`` (the default) falls in a straight line from 1 at the
  deadline to 0 one window later (the window is the time from delivery to the deadline);
  ``half`` gives 0.5 however late; ``none`` gives 0.
- content is 1 when every ``require`` entry is in the answer, else 0.5.
- missed, breach, not_reached and open earn nothing (not_reached and open are left out of
  the score altogether; see ``simulator.scoring.metrics``).

The engine records what each expectation earned in its ``expectation`` event; scoring
reads it from there, and computes it with these same functions only for sessions recorded
before the field existed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulator.engine.events import Status
from simulator.scenario.phrases import INCOMPLETE

#: ``scoring.late_credit``'s words.
LINEAR, HALF, NONE = "linear", "half", "none"


def timeliness(policy: str, delivered: float, deadline: float, responded: float) -> float:
    """The share of the points an answer at ``responded`` keeps for its timing."""
    if responded <= deadline:
        return 1.0
    if policy == HALF:
        return 0.5
    if policy == NONE:
        return 0.0
    window = deadline - delivered
    if window <= 0:
        return 0.0
    return max(0.0, 1.0 - (responded - deadline) / window)


def earned(
    status: str,
    points: float,
    *,
    policy: str,
    delivered: float,
    deadline: float,
    responded: float | None,
    content: float = 1.0,
) -> float:
    """The points an expectation earned: points × timeliness × content, or 0 for any
    status but met and late."""
    if status == Status.MET:
        return points * content
    if status == Status.LATE and responded is not None:
        return points * timeliness(policy, delivered, deadline, responded) * content
    return 0.0


def rounded(value: float) -> float | int:
    """A number of points as it is recorded: whole numbers as integers, the rest to three
    decimals (so that a log reads 0.417, not 0.41666666666666663)."""
    value = round(float(value), 3)
    return int(value) if value.is_integer() else value


def recorded_status(data: Mapping[str, Any], t: float) -> str:
    """An expectation event's status, read the same for sessions of every version.

    Sessions recorded before ``not_reached`` existed wrote "missed" for an expectation whose
    deadline lay after an early end; it is read as what it was: not reached.
    """
    status = str(data.get("status"))
    if status == Status.MISSED and data.get("at_end"):
        deadline = data.get("deadline")
        if isinstance(deadline, int | float) and deadline > t:
            return Status.NOT_REACHED
    return status


def recorded_earned(data: Mapping[str, Any], t: float, policy: str) -> float:
    """What an expectation event says it earned; for sessions recorded before the field
    existed, computed from its times with the scenario's late credit."""
    value = data.get("earned")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    responded = data.get("responded")
    return earned(
        recorded_status(data, t),
        float(data.get("points", 1)),
        policy=policy,
        delivered=float(data["delivered"]),
        deadline=float(data["deadline"]),
        responded=float(responded) if isinstance(responded, int | float) else None,
        content=INCOMPLETE if data.get("missing") else 1.0,
    )
