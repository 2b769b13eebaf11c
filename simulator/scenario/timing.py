"""When each inject can be delivered at the earliest, following ``after`` chains."""

from __future__ import annotations

from simulator.engine.events import Kind
from simulator.scenario.model import Inject, Scenario, call_ring, deadline_for


def can_happen(condition: str, inject: Inject) -> bool:
    """Whether ``condition`` can ever happen to ``inject``: it is met or missed only with
    expectations, and only a phone call rings out unanswered."""
    if condition in ("met", "missed"):
        return bool(inject.expect)
    if condition == "unanswered":
        return inject.kind == Kind.CALL
    return True


def trigger_cycles(scenario: Scenario) -> list[list[str]]:
    """Each cycle in the ``after`` chains, as the list of inject ids that form it."""
    by_id = {inj.id: inj for inj in scenario.injects}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []
    for start in by_id:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in by_id and state.get(node) is None:
            state[node] = 1
            path.append(node)
            after = by_id[node].after
            node = after.ref if after else None
        if node is not None and state.get(node) == 1:
            cycles.append(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return cycles


def earliest_times(scenario: Scenario) -> dict[str, int | None]:
    """The earliest scenario second each inject can arrive, or None if never.

    ``met`` can happen the moment its inject arrives, so it adds nothing; ``missed`` fires
    at the earliest deadline among the referenced inject's expectations, ``unanswered``
    when the call rings out.
    """
    by_id = {inj.id: inj for inj in scenario.injects}
    in_cycle = {i for cycle in trigger_cycles(scenario) for i in cycle}
    memo: dict[str, int | None] = {}

    def resolve(inject: Inject) -> int | None:
        # Only called once the inject it waits on is resolved.
        if inject.id in in_cycle:
            return None
        if inject.after is None:
            result = inject.at
        else:
            ref = by_id.get(inject.after.ref)
            base = memo.get(ref.id) if ref is not None else None
            if ref is None or base is None:
                return None
            offset = 0
            condition = inject.after.condition
            if not can_happen(condition, ref):
                return None
            if condition == "missed":
                offset = min(deadline_for(scenario, ref, e, base) for e in ref.expect)
            elif condition == "unanswered":
                offset = call_ring(scenario, ref)
            result = base + offset + (inject.delay or 0)
        return None if result is None or result > scenario.duration else result

    # Chains can be thousands long: walk them with an explicit stack, not recursion.
    for inject in scenario.injects:
        chain: list[Inject] = []
        on_chain: set[str] = set()
        node: Inject | None = inject
        while node is not None and node.id not in memo and node.id not in on_chain:
            chain.append(node)
            on_chain.add(node.id)
            node = by_id.get(node.after.ref) if node.after else None
        for pending in reversed(chain):
            memo[pending.id] = resolve(pending)
    return {inj.id: memo[inj.id] for inj in scenario.injects}
