"""Headless runs on the virtual clock: rehearsing a scenario with a scripted team."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from simulator.engine.actions import ScriptedAction
from simulator.engine.engine import Engine, ScriptedActionError, Summary
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import (
    SessionBusy,
    SessionError,
    claim_session,
    leftover_partial,
    said,
)
from simulator.scenario.diagnostics import Finding, ScenarioError
from simulator.scenario.loader import LoadedScenario
from simulator.scenario.templates import check_template

BATCH = 5_000  # headless runs show nothing until the end, so they commit in large batches


@contextmanager
def _collector_spared() -> Iterator[None]:
    """A run's garbage collection made cheap: the scenario, the engine's tables and its
    pools of names live through the whole run, so they are frozen out of the collector's
    full passes; and the records of a batch, which all live until it is committed, are
    looked over less often. Together about a tenth of a million-item run's time."""
    gc.freeze()
    threshold = gc.get_threshold()
    gc.set_threshold(20_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


@dataclass(frozen=True, slots=True)
class SimulateResult:
    """Where the session went, how far it ran, and its counts."""

    path: Path
    until: float
    ended: bool
    summary: Summary


def simulate(
    loaded: LoadedScenario,
    seed: int,
    actions: list[ScriptedAction],
    path: Path,
    until: int | None = None,
    actions_path: str = "actions",
) -> SimulateResult:
    """Run the exercise as fast as possible and write its session file.

    The file is written under a temporary name and only renamed into place when the run
    succeeds, so a bad action never leaves half a session behind.
    """
    problems = [
        Finding(
            actions_path,
            *action.place_in_text(offset),
            "error",
            said("simulate.text", message=message),
        )
        for action in actions
        for message, offset in check_template(action.request.text, loaded.scenario.variables)
    ]
    if problems:
        raise ScenarioError(problems)
    # One run per session: the lock is held from before the partial file exists until it
    # has been renamed into place, so no other run can see or remove it.
    try:
        held = claim_session(path)
    except SessionBusy as err:
        partial = path.with_name(path.name + ".partial")
        if partial.exists():
            raise SessionBusy(said("busy.partial", busy=err.said, partial=str(partial))) from None
        raise
    try:
        return _simulate(loaded, seed, actions, path, until, actions_path)
    finally:
        held.release()


def _simulate(
    loaded: LoadedScenario,
    seed: int,
    actions: list[ScriptedAction],
    path: Path,
    until: int | None,
    actions_path: str,
) -> SimulateResult:
    if path.exists():
        raise SessionError(said("simulate.exists", path=str(path)))
    leftover = leftover_partial(path)
    if leftover is not None:
        # Never removed here: only the user knows it is not wanted; the note says how.
        raise SessionError(said("simulate.leftover", leftover=leftover.note()))
    partial = path.with_name(path.name + ".partial")
    engine: Engine = new_session(loaded, seed, partial, clock=virtual_clock())
    store = engine.store
    assert store is not None
    end = float(loaded.scenario.duration if until is None else min(until, loaded.scenario.duration))
    try:
        engine.start()
        try:
            engine.schedule(actions)
            with _collector_spared():
                engine.advance_to(end, flush_every=BATCH)
        except ScriptedActionError as err:
            raise ScenarioError(
                [Finding(actions_path, err.action.line, 0, "error", err.said)]
            ) from None
        if until is None or until >= loaded.scenario.duration:
            engine.end("completed")
        engine.flush()
    except BaseException:
        store.close()
        # This run's own partial: the lock is still held, so nobody else's.
        for own in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            own.unlink(missing_ok=True)
        raise
    store.close()
    os.replace(partial, path)
    return SimulateResult(path, end, engine.ended, engine.summary())
