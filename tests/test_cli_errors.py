"""What the command says when a value, the file system or its output refuses: one line.

Every case runs the command line and checks the exit status that the README's "Exit codes"
lists, and that the message is one line, never a traceback. A full disk behind the output,
a reader that stops early and ctrl+c are met by the installed command in a process of its
own, as a user meets them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import click
import pytest

from simulator.cli import cli
from simulator.scenario.limits import MAX_ID
from tests.helpers import (
    cli_path,
    open_folder,
    run_cli,
    run_cli_unprivileged,
    surge_scenario,
    unprivileged_reason,
)

FULL = "crisis-sim: error: cannot write the output: the disk is full; free some space and try again"


def one_line(text: str) -> str:
    """The one line of a message; fails when there are more or none."""
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


# -- 14: numbers that are not numbers -------------------------------------------------------


@pytest.mark.parametrize("command", ["run jordras", "replay no-such.sqlite"])
@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e400", "30", "abc"])
def test_speed_refuses_what_is_not_a_number_in_range(command: str, value: str) -> None:
    proc = run_cli(*command.split(), "--speed", value)
    assert proc.returncode == 2
    assert one_line(proc.stderr) == (
        f"crisis-sim: error: --speed: {value!r} is not a number between 0.25 and 20"
    )


def _options(group: click.Group) -> list[tuple[str, click.Parameter]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", p) for sub, p in _options(command)]
        else:
            found += [(name, p) for p in command.params]
    return found


def test_every_float_option_refuses_nan_and_infinities() -> None:
    from simulator.cli import FiniteFloatRange

    floats = [
        (name, p)
        for name, p in _options(cli)
        if isinstance(p.type, click.types.FloatParamType | click.FloatRange)
    ]
    assert floats, "no float option found"
    for name, param in floats:
        assert isinstance(param.type, FiniteFloatRange), f"{name} {param.name}"


# -- 13 and 18: the output and the file system ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        "preview jordras",
        "preview jordras --format json",
        "validate jordras",
        "list",
        "schema",
        "export SESSION",
        "score SESSION",
    ],
)
def test_a_full_disk_behind_the_output_is_one_line(args: str, jordras_stopped: Path) -> None:
    argv = [a.replace("SESSION", str(jordras_stopped)) for a in args.split()]
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [cli_path(), "--lang", "en", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 74, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("note: ")]
    assert lines == [FULL]


@pytest.mark.parametrize(
    "args", ["preview jordras", "validate jordras", "list", "export SESSION", "score SESSION"]
)
def test_a_reader_that_stopped_early_ends_the_command_quietly(
    args: str, jordras_stopped: Path
) -> None:
    argv = [a.replace("SESSION", str(jordras_stopped)) for a in args.split()]
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head -1` does once it has its line
    try:
        proc = subprocess.run(
            [cli_path(), *argv], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120
        )
    finally:
        os.close(write_end)
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("note: ")]
    assert lines == []
    assert proc.returncode == 141  # 128 + SIGPIPE, as a shell reports a reader gone


def test_new_makes_a_short_file_name_from_a_long_title(tmp_path: Path) -> None:
    title = "Flom i Elvdal " * 30  # 420 characters: more than a file name may hold
    proc = run_cli("new", title, cwd=tmp_path, lang=None)
    assert proc.returncode == 0, proc.stderr
    (written,) = tmp_path.glob("*.yaml")
    assert len(written.stem) <= MAX_ID and written.stem.startswith("flom-i-elvdal-")
    assert not written.stem.endswith("-")
    assert f"Skrev {written.name}" in proc.stdout  # the starter is bokmål unless asked
    checked = run_cli("validate", written.name, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "Flom i Elvdal Flom i Elvdal" in written.read_text(encoding="utf-8")  # title kept


def test_new_with_a_file_name_too_long_says_so(tmp_path: Path) -> None:
    proc = run_cli("new", "a" * 400 + ".yaml", cwd=tmp_path)
    assert proc.returncode == 74
    line = one_line(proc.stderr)
    assert line.startswith("crisis-sim: error: aaaa")
    assert line.endswith(".yaml: the name is too long; choose a shorter one")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(unprivileged_reason() is not None, reason=str(unprivileged_reason()))
def test_a_folder_that_may_not_be_entered_is_one_line(tmp_path: Path) -> None:
    work = open_folder(tmp_path / "work")
    closed = work / "closed"
    closed.mkdir()
    closed.chmod(0o000)
    try:
        proc = run_cli_unprivileged("new", "closed/plan.yaml", cwd=work)
    finally:
        closed.chmod(0o755)
    assert proc.returncode == 74
    assert one_line(proc.stderr) == "crisis-sim: error: closed/plan.yaml: permission denied"


# -- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("run", "Missing argument 'SCENARIO'; see 'crisis-sim run --help'"),
        ("run jordras --bogus", "No such option '--bogus'; see 'crisis-sim run --help'"),
        ("bogus", "No such command 'bogus'; see 'crisis-sim --help'"),
        (
            "score --format pdf x.sqlite",
            "--format: 'pdf' is not one of 'table', 'json', 'csv', 'md', 'html'.",
        ),
    ],
)
def test_usage_errors_are_one_line(args: str, message: str) -> None:
    proc = run_cli(*args.split())
    assert proc.returncode == 2
    assert one_line(proc.stderr) == f"crisis-sim: error: {message}"


# -- ctrl+c -----------------------------------------------------------------------------------

SURGE = surge_scenario("6h")


def test_ctrl_c_outside_the_console_is_one_line_and_130(tmp_path: Path) -> None:
    scenario = tmp_path / "surge.yaml"
    scenario.write_text(SURGE, encoding="utf-8")
    session = tmp_path / "s.sqlite"
    partial = session.with_name(session.name + ".partial")
    args = ["--lang", "en", "simulate", str(scenario), "--seed", "1", "--session", str(session)]
    proc = subprocess.Popen(
        [cli_path(), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not partial.exists():  # started: the exercise is being written
            assert proc.poll() is None and time.monotonic() < deadline
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.02)
        proc.send_signal(signal.SIGINT)  # what ctrl+c in the terminal sends
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "crisis-sim: interrupted"
