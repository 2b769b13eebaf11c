"""What a session file holds besides its log: its scenario, its seed and the versions that
recorded it, read and checked in one place.

Resume, score and replay all start here, so a session whose stored setup is damaged or
from another install gets the same message whichever command reads it. Export reads the
log alone and needs none of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.engine.store import SessionError, SessionLog, said
from simulator.lang import Said
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.loader import LoadedScenario, load_scenario_text

# What ``str(int)`` writes; int() alone would also take " 7", "7_000" and other digits.
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_MAJOR = re.compile(r"([0-9]+)(?:\.|$)")
# Written when the installed Faker could not say its version: nothing to compare.
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A session's scenario, seed and versions, as checked by :func:`stored_session`."""

    path: str
    loaded: LoadedScenario
    seed: int
    tool_version: str | None
    # None when the session does not say: written before it was recorded, or "unknown".
    faker_version: str | None


def installed_faker_version() -> str:
    """The version of the installed Faker, or ``unknown``, read without importing Faker."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("faker")
    except PackageNotFoundError:
        return UNKNOWN


def stored_session(store: SessionLog, *, regenerate: bool = False) -> StoredSession:
    """The scenario, seed and versions stored in ``store``, each checked once.

    Raises SessionError naming the file and the fix when the scenario does not load or the
    seed is not a whole number. With ``regenerate`` (resume, which makes the exercise's
    generated names again), it also refuses a session recorded with another major version
    of Faker; a session that does not say which Faker recorded it is taken as recorded
    with this one, and the restore's own comparison of the log has the last word.
    """
    meta, path = store.meta, str(store.path)
    text = meta.get("scenario_text")
    if text is None:
        raise SessionError(said("scenario.missing", path=path))
    try:
        loaded = load_scenario_text(text, meta.get("scenario", "scenario"))
    except ScenarioError as err:
        raise SessionError(said("stored.scenario", path=path, problem=_first(err))) from None
    seed = meta.get("seed")
    if seed is None:
        raise SessionError(said("stored.seed.missing", path=path))
    if not _WHOLE_NUMBER.fullmatch(seed) or len(seed) > 4000:  # int() refuses longer ones
        raise SessionError(said("stored.seed", path=path, seed=_shown(seed)))
    recorded = meta.get("faker_version")
    stored = StoredSession(
        path,
        loaded,
        int(seed),
        meta.get("tool_version"),
        None if recorded in (None, UNKNOWN) else recorded,
    )
    if regenerate and stored.faker_version is not None:
        installed = installed_faker_version()
        # Within a major, names rarely change: the restore compares them with the log.
        if installed != UNKNOWN and _major(stored.faker_version) != _major(installed):
            raise SessionError(_faker_refusal(stored, installed))
    return stored


def replay_refusal(stored: StoredSession, problem: Said) -> Said:
    """Why the log does not replay as recorded (``problem``, found by the restore), said of
    the file; put down to Faker, with what to install, when another version recorded it."""
    installed = installed_faker_version()
    if stored.faker_version is None or installed in (UNKNOWN, stored.faker_version):
        return said("restore.log", path=stored.path, problem=problem)
    return _faker_refusal(stored, installed, problem)


def _faker_refusal(stored: StoredSession, installed: str, problem: Said | None = None) -> Said:
    recorded = _shown(stored.faker_version or UNKNOWN)
    advice = said("stored.faker.advice", recorded=recorded)
    if problem is None:
        return said(
            "stored.faker", path=stored.path, recorded=recorded, installed=installed, advice=advice
        )
    return said(
        "stored.faker.replay",
        path=stored.path,
        recorded=recorded,
        installed=installed,
        problem=problem,
        advice=advice,
    )


def _first(err: ScenarioError) -> Said:
    """The first problem of the stored scenario, in one clause: the copy inside a session is
    not a file the user can open, so its findings are not listed line by line."""
    if not err.findings:
        return said("stored.scenario.unknown")
    first = err.findings[0]
    if first.line > 0:
        return said("stored.scenario.line", line=first.line, message=first.said)
    return first.said


def _major(version: str) -> int | None:
    found = _MAJOR.match(version)
    return int(found.group(1)) if found else None


def _shown(value: str) -> str:
    """A stored value as a message quotes it: short, and as typed (quoted when it would
    not show as it is)."""
    plain = len(value) <= 40 and value.isprintable() and value == value.strip() != ""
    return value if plain else repr(value[:40])
