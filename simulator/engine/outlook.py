"""Which undelivered injects can no longer come, from what the log says so far.

An inject waiting on ``after: {met: X}`` cannot come once X's outcome went the other way
(an expectation of X was missed), nor once X itself can no longer come; likewise for
``missed`` and ``delivered``. The facilitator's events list says "will not come" for these
instead of "pending", so a branch the team closed off is not waited for.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from simulator.engine.events import Status
from simulator.scenario.model import Scenario
from simulator.scenario.timing import can_happen, earliest_times

#: What settles each condition the other way: a missed expectation rules out "all met",
#: all expectations met rule out "missed", and a call taken rules out "unanswered" (the
#: engine records the take as a trigger of its own, "taken", that nothing waits on).
_OPPOSITE = {"met": "missed", "missed": "met", "unanswered": "taken"}


def will_not_come(
    scenario: Scenario,
    delivered: Collection[str],
    fired: Mapping[tuple[str, str], float],
    ended: bool,
) -> frozenset[str]:
    """The ids of the injects that are not delivered and never will be.

    ``delivered`` holds the ids of the injects delivered so far, ``fired`` the triggers
    that have fired, ``(condition, inject id)``, with the scenario second they fired at,
    and ``ended`` whether the exercise is over (then nothing more comes).

    The injects that can still come are found forwards from what is certain, so that a
    loop of triggers waiting on one another is never taken to be able to come.
    """
    undelivered = [inj for inj in scenario.injects if inj.id not in delivered]
    if ended:
        return frozenset(inj.id for inj in undelivered)
    by_id = {inj.id: inj for inj in scenario.injects}
    static = earliest_times(scenario)
    dependents: dict[str, list[str]] = {}
    alive = set(delivered)
    queue = list(alive)
    for inj in undelivered:
        if static.get(inj.id) is None:
            continue  # never reachable, whatever happens
        if inj.after is None:
            alive.add(inj.id)
            queue.append(inj.id)
            continue
        key = (inj.after.condition, inj.after.ref)
        if key in fired:
            # Fired: it is queued, unless its delay takes it past the end.
            if fired[key] + (inj.delay or 0) <= scenario.duration:
                alive.add(inj.id)
                queue.append(inj.id)
            continue
        dependents.setdefault(inj.after.ref, []).append(inj.id)
    while queue:
        ref = queue.pop()
        target = by_id.get(ref)
        for dependent in dependents.get(ref, ()):
            if dependent in alive:
                continue
            condition = by_id[dependent].after.condition  # type: ignore[union-attr]
            opposite = _OPPOSITE.get(condition)
            if opposite is not None and (
                target is None or not can_happen(condition, target) or (opposite, ref) in fired
            ):
                continue  # settled the other way, or it cannot happen at all
            alive.add(dependent)
            queue.append(dependent)
    return frozenset(inj.id for inj in undelivered if inj.id not in alive)


#: The outcome that stands for an inject with several expectations: the worst one.
_WORST_FIRST = (Status.BREACH, Status.MISSED, Status.LATE, Status.PENDING, Status.NOT_REACHED)


def inject_status(delivered: bool, wont: bool, statuses: Iterable[str]) -> str:
    """The facilitator's word for an inject: pending, wont (will not come), delivered,
    or the worst outcome of its expectations so far (breach, missed, late, met).

    ``statuses`` holds the latest status of each of its expectations; an expectation
    still waiting keeps the inject "delivered".
    """
    if not delivered:
        return "wont" if wont else "pending"
    found = set(statuses)
    if not found:
        return "delivered"
    for status in _WORST_FIRST:
        if status in found:
            return "delivered" if status == Status.PENDING else str(status)
    return str(Status.MET)
