"""What the console prints when it closes: commands a newcomer can type as shown."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import MINIMAL, cli_path, run_cli_process
from tests.terminal import PtyTerminal, wait_for


def _quit_after_start(tmp_path: Path, path_var: str) -> str:
    scenario = tmp_path / "mini.yaml"
    scenario.write_text(MINIMAL, encoding="utf-8")
    session = tmp_path / "s.sqlite"
    env = {**os.environ, "PATH": path_var}
    term = PtyTerminal(
        [cli_path(), "run", str(scenario), "--session", str(session)], 120, 36, env=env
    )
    try:
        wait_for(term, "Enter")
        term.press("enter")
        wait_for(term, "T+")
        term.press("ctrl+c")
        term.wait_gone()
        return term.screen()
    finally:
        term.close()


def test_commands_name_the_program_by_its_path_before_activation(tmp_path: Path) -> None:
    # Before `source .venv/bin/activate`, plain crisis-sim is not found: show the path.
    screen = _quit_after_start(tmp_path, "/usr/bin:/bin")
    assert f"{cli_path()} score {tmp_path / 's.sqlite'}" in screen.replace("\n", "")
    assert "--format html" in screen


def test_commands_say_crisis_sim_when_it_is_on_the_path(tmp_path: Path) -> None:
    screen = _quit_after_start(tmp_path, f"{Path(cli_path()).parent}:/usr/bin:/bin")
    assert "Evaluer økta:    crisis-sim score" in screen  # the scenario's bokmål


def test_a_run_that_records_nothing_leaves_no_sessions_folder(tmp_path: Path) -> None:
    """Without a terminal the console does not start: nothing is recorded, and the default
    sessions/ folder, made to hold the session's lock, is not left behind empty."""
    proc = run_cli_process("run", "jordras", cwd=tmp_path)  # end to end, with no terminal
    assert proc.returncode == 2, proc.stderr
    assert list(tmp_path.iterdir()) == []
