"""Fixtures shared by the test suite."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, simulate


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
