"""Import hygiene: the domain core never touches the console; start-up stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ["scenario", "engine", "scoring", "lang", "exercise"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_core_source_never_imports_textual() -> None:
    files = [p for pkg in CORE for p in (ROOT / "simulator" / pkg).rglob("*.py")]
    assert files, "the core packages are missing"
    offenders = [str(p.relative_to(ROOT)) for p in files if "textual" in _imports(p)]
    assert offenders == []


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_loading_and_validating_does_not_import_textual() -> None:
    loaded = _modules_after(
        "from simulator.scenario.loader import load_scenario\nload_scenario('jordras')"
    )
    assert "textual" not in loaded
    assert "pydantic" in loaded  # the check is real: the loader did run


def _imported_by_command(*args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "simulator", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert names, proc.stderr[-500:]
    return names


@pytest.mark.parametrize("args", [("--help",), ("validate", "--help")])
def test_help_imports_neither_textual_faker_nor_pydantic(args: tuple[str, ...]) -> None:
    names = _imported_by_command(*args)
    assert "click" in names
    assert not names & {"textual", "faker", "pydantic"}


def test_validate_does_not_import_textual() -> None:
    names = _imported_by_command("validate", "jordras")
    assert "pydantic" in names and "textual" not in names
