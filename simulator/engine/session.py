"""Starting and reopening exercises on a session file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from simulator import __version__
from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.locations import Location
from simulator.engine.store import lock_path
from simulator.engine.stored import installed_faker_version
from simulator.scenario.loader import LoadedScenario


def default_session_path(scenario_id: str, folder: Path | None = None) -> Path:
    """``sessions/<scenario id>-<UTC timestamp>.sqlite`` under the current folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = (folder or Path("sessions")) / f"{scenario_id}-{stamp}.sqlite"
    path, n = base, 1
    # Two runs in one second: never reuse a name, nor one a run is still writing.
    while path.exists() or lock_path(path).exists() or Path(f"{path}.partial").exists():
        n += 1
        path = base.with_name(f"{scenario_id}-{stamp}-{n}.sqlite")
    return path


def session_meta(loaded: LoadedScenario, seed: int) -> dict[str, str]:
    """What a session file holds besides its log: the scenario itself, the seed, versions."""
    return {
        "scenario": loaded.scenario.id,
        "scenario_text": loaded.text,
        "scenario_sha256": loaded.sha256,
        "seed": str(seed),
        "tool_version": __version__,
        "faker_version": installed_faker_version(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def new_session(
    loaded: LoadedScenario, seed: int, path: Path | Location, clock: ScenarioClock | None = None
) -> Engine:
    """A fresh exercise writing to a new session (a file, or a session in a database),
    not yet started."""
    location = path if isinstance(path, Location) else Location(str(path))
    store = location.create(session_meta(loaded, seed))
    return Engine(loaded, seed, clock=clock, store=store)


def virtual_clock() -> ScenarioClock:
    """A clock that only moves when told to: for headless runs and tests."""
    return ScenarioClock(source=ManualTime())
