"""Fixtures shared by the test suite."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from simulator.exercise.codes import CodeTable
from simulator.exercise.host import Host
from simulator.scenario.loader import load_scenario
from tests.db_hosting import pg_or_skip
from tests.helpers import MINIMAL, simulate
from tests.hosting import HostedExercise, hosted, started
from tests.pgserver import PgServer
from tests.web_hosting import consoles_of


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def _write(content: str | bytes, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The minimal scenario as ``mini.yaml`` in the test's folder."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def jordras_stopped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A jordras exercise (seed 1) stopped at T+5:00, recorded once for the whole run by
    the command line. Read it only: a test that changes a session takes :func:`stopped`."""
    path = tmp_path_factory.mktemp("jordras-stopped") / "S.sqlite"
    simulate(path.parent, "jordras", "--seed", "1", "--until", "5m", "--session", str(path))
    return path


@pytest.fixture
def stopped(jordras_stopped: Path, tmp_path: Path) -> Path:
    """This test's own copy of :func:`jordras_stopped`, as ``S.sqlite`` in its folder: a
    session it may resume, replay or alter."""
    return Path(shutil.copyfile(jordras_stopped, tmp_path / "S.sqlite"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[HostedExercise, str]]:
    """A host of a small scenario serving its seats to browsers on a free port of this
    machine, and the base of its links."""
    from tests.web_hosting import SCENARIO, free_port

    scenario = tmp_path / "nett.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    port = free_port()
    exercise = HostedExercise(tmp_path, str(scenario), "--web", f"127.0.0.1:{port}", lang="nb")
    try:
        yield exercise, f"http://127.0.0.1:{port}"
    finally:
        exercise.kill_all()
    # However its host ended, no console of a browser tab is left behind.
    left = consoles_of(tmp_path)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            ended = os.pidfd_open(pid)  # readable once it has ended
            try:
                select.select([ended], [], [], 30)
            finally:
                os.close(ended)
    assert consoles_of(tmp_path) == [], "a browser tab's console outlived its host"


@pytest.fixture
def codes() -> CodeTable:
    """A one-team exercise's codes."""
    return CodeTable.generate(["1"])


@pytest.fixture
async def host(codes: CodeTable, tmp_path: Path) -> AsyncIterator[Host]:
    """A host of jordras for team 1 in this process, on its own ticks (tick=None)."""
    engine = started(load_scenario("jordras"), 7, tmp_path / "s.sqlite")
    async with hosted(engine, codes, tmp_path / "run") as host:
        yield host


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server started for this run of the tests (one per worker)."""
    with pg_or_skip() as server:
        yield server


@pytest.fixture
def pg(pg_server: PgServer) -> str:
    """The address of a new, empty database of its own for this test."""
    return pg_server.url(pg_server.new_database())
