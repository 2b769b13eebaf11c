"""An exercise's folder: one session log per team, the join codes, the scenario.

``crisis-sim host`` makes ``<session-dir>/<scenario id>-<UTC time>/`` and keeps in it
everything a host started again (``host --resume FOLDER``) needs to go on where the last
one stopped, with the same codes: ``team-1.sqlite``, ``team-2.sqlite``, … (each an
ordinary session file that ``score``, ``replay`` and ``export`` read), ``codes.json``
(the seats' codes) and ``scenario.yaml`` (the scenario the seats' consoles read). The
folder and the codes are its owner's alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from simulator.engine.engine import Engine
from simulator.engine.session import default_session_path, new_session
from simulator.engine.store import SessionStore
from simulator.exercise.codes import TEAM_ROLES, TRAINEES, CodeTable, SeatRole
from simulator.exercise.host import private_folder
from simulator.files import write_output
from simulator.scenario.loader import LoadedScenario

CODES_FILE = "codes.json"
SCENARIO_FILE = "scenario.yaml"
_TEAM_FILE = re.compile(r"team-(\d+)\.sqlite")


def team_session(folder: Path, team: str) -> Path:
    """Where team ``team``'s session log is."""
    return folder / f"team-{team}.sqlite"


def teams_in(folder: Path) -> list[str]:
    """The teams whose session logs are in ``folder``, in number order."""
    found = [m.group(1) for p in folder.iterdir() if (m := _TEAM_FILE.fullmatch(p.name))]
    return sorted(found, key=int)


@dataclass(slots=True)
class Exercise:
    """An exercise with its teams' engines open: what a host serves."""

    folder: Path
    engines: dict[str, Engine]
    codes: CodeTable

    @property
    def loaded(self) -> LoadedScenario:
        """The scenario every team plays."""
        return next(iter(self.engines.values())).loaded

    @property
    def scenario_file(self) -> Path:
        """The scenario as the seats' consoles read it."""
        return self.folder / SCENARIO_FILE

    def close(self) -> None:
        """Close every team's session, so that each file holds all its events."""
        for engine in self.engines.values():
            if engine.store is not None:
                engine.store.close()


def roles_of(loaded: LoadedScenario) -> tuple[SeatRole, ...]:
    """The seats of each team: the scenario's team roles, then the seats every team has
    that are not a trainee's (an observer, a wall display)."""
    trainees = tuple(SeatRole(str(spec.role)) for spec in loaded.scenario.team.roles)
    return (*trainees, *(role for role in TEAM_ROLES if role not in TRAINEES))


@contextmanager
def closing_on_error(engines: dict[str, Engine]) -> Iterator[None]:
    """Close the sessions of ``engines`` (as many as were opened) when the block fails."""
    try:
        yield
    except BaseException:
        for engine in engines.values():
            if engine.store is not None:
                engine.store.close()
        raise


def create(
    loaded: LoadedScenario, seed: int, teams: int, session_dir: Path, speed: float
) -> Exercise:
    """A new exercise in a new folder under ``session_dir``, each team started.

    Every team plays the same scenario with the same seed, so the teams are compared on
    the same feed. Raises SessionError (or OSError for the folder) on failure, leaving no
    session open.
    """
    folder = default_session_path(loaded.scenario.id, session_dir).with_suffix("")
    private_folder(folder)
    write_output(folder / SCENARIO_FILE, loaded.text.encode("utf-8"))
    names = [str(n) for n in range(1, teams + 1)]
    codes = CodeTable.generate(names, roles_of(loaded))
    codes.write(folder / CODES_FILE)
    engines: dict[str, Engine] = {}
    with closing_on_error(engines):
        for name in names:
            engines[name] = new_session(loaded, seed, team_session(folder, name))
        for engine in engines.values():
            engine.start(speed)
    return Exercise(folder, engines, codes)


def reopen(folder: Path) -> Exercise:
    """An exercise a host ran before, each team's engine restored from its log (paused
    where the log ends), with the codes it had. Raises SessionError naming a file that
    cannot be opened or rebuilt, or FileNotFoundError when ``folder`` holds no exercise."""
    names = teams_in(folder) if folder.is_dir() else []
    if not names or not (folder / CODES_FILE).is_file():
        raise FileNotFoundError(folder)
    private_folder(folder)
    codes = CodeTable.read(folder / CODES_FILE)
    engines: dict[str, Engine] = {}
    with closing_on_error(engines):
        for name in names:
            store = SessionStore.open(team_session(folder, name))
            try:
                engines[name] = Engine.restore(store)
            except BaseException:
                store.close()
                raise
    exercise = Exercise(folder, engines, codes)
    if not exercise.scenario_file.is_file():
        write_output(exercise.scenario_file, exercise.loaded.text.encode("utf-8"))
    return exercise
