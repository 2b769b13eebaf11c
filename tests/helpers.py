"""Shared test helpers: the command line (in-process and as the installed command), and
small scenario texts."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click


def cli_path() -> str:
    """The installed ``crisis-sim`` command beside this interpreter."""
    beside = Path(sys.executable).with_name("crisis-sim")
    found = str(beside) if beside.exists() else shutil.which("crisis-sim")
    if not found:
        raise RuntimeError("crisis-sim is not installed; follow the README's install command")
    return found


@dataclass(frozen=True)
class Ran:
    """What a command run in-process did: the attributes of a finished process."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


#: What a command run did, in-process (:func:`run_cli`) or as a process.
Done = Ran | subprocess.CompletedProcess[str]


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    lang: str | None = "en",
) -> Ran:
    """Run the command line in this process, as the installed command would run it.

    The entry point itself is called, with its standard streams captured and standard input
    empty (not a terminal), ``env`` as the whole environment (as for a process), and ``cwd``
    as the working folder for the call. The command speaks ``lang`` (``--lang`` before the
    command) unless the arguments ask for a language themselves: most tests quote English
    messages, whatever the language of the scenario they use. ``lang=None`` leaves the
    choice to the command's own rule. What needs a real process (resource limits, signals,
    a timeout, a terminal) uses :func:`run_cli_process`.
    """
    from click.testing import CliRunner

    from simulator.cli import main

    argv = list(speaking(lang, args))
    # A process given env= sees that environment alone: every other variable is unset.
    overrides: dict[str, str | None] = {}
    if env is not None:
        overrides = {name: None for name in os.environ if name not in env}
        overrides.update(env)
    runner = CliRunner()
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        out, err, _ = stack.enter_context(runner.isolation(env=overrides))
        # click lays its help out for a terminal of COLUMNS columns, as in a process.
        click.formatting.FORCED_WIDTH = None
        try:
            main(argv)
            code: int | str | None = 0
        except SystemExit as done:
            code = done.code
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = _as_read(out.getvalue()), _as_read(err.getvalue())
    if isinstance(code, str):  # sys.exit("message"): said on standard error, status 1
        stderr, code = stderr + code + "\n", 1
    ran = Ran(["crisis-sim", *argv], code or 0, stdout, stderr)
    assert "Traceback" not in ran.stdout + ran.stderr, ran.stdout + ran.stderr
    return ran


def _as_read(output: bytes) -> str:
    """Output as a process's reader in text mode gets it: universal newlines."""
    return output.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def run_cli_process(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
    lang: str | None = "en",
) -> subprocess.CompletedProcess[str]:
    """Run the installed command as its own process, as a user would, capturing its output.

    For what only a process shows: its exit status end to end, resource limits and
    signals (``before`` runs in the child before the command starts), a timeout. ``lang``
    as for :func:`run_cli`.
    """
    proc = subprocess.run(
        [cli_path(), *speaking(lang, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        preexec_fn=before,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


def simulate(folder: Path, *args: str) -> Ran:
    """``crisis-sim simulate ARGS`` in ``folder``, which must succeed."""
    proc = run_cli("simulate", *args, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return proc


#: Scripted teams of the bundled exercises, good and bad: ``<scenario>-<team>.yaml``.
TEAMS = Path(__file__).parent / "teams"


def scored_team(folder: Path, scenario: str, team: str) -> dict[str, Any]:
    """The debrief, as JSON, of bundled ``scenario`` run with seed 1 by the scripted team
    ``tests/teams/<scenario>-<team>.yaml``, its session written in ``folder``."""
    session = folder / f"{scenario}-{team}.sqlite"
    actions = TEAMS / f"{scenario}-{team}.yaml"
    ran = run_cli(
        "simulate", scenario, "--seed", "1", "--actions", str(actions), "--session", str(session)
    )
    assert ran.returncode == 0, ran.stderr
    scored = run_cli("score", str(session), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    result: dict[str, Any] = json.loads(scored.stdout)
    return result


def speaking(lang: str | None, args: tuple[str, ...]) -> tuple[str, ...]:
    """The arguments with ``--lang LANG`` in front, unless they ask for a language."""
    asked = any(a == "--lang" or a.startswith("--lang=") for a in args)
    return ("--lang", lang, *args) if lang and not asked else args


def event_count(path: Path) -> int:
    """Events committed so far, read the way another program would (0 before the file
    exists or while it cannot be read)."""
    import sqlite3

    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def surge_scenario(duration: str) -> str:
    """A scenario of 3,000 posts a minute for ``duration``: busy enough that a process
    can be stopped in the middle of its work."""
    return f"""\
format: 1
id: surge
title: Surge
duration: {duration}
language: nb
personas: [{{id: avisa, name: Avisa, role: media}}]
injects:
  - {{id: first, at: 1m, from: avisa, kind: press, text: "Hva skjer?", expect: [{{do: reply}}]}}
noise:
  - id: prat
    authors: {{role: citizen, count: 50}}
    rate: [{{at: 0m, per_minute: 3000}}, {{at: {duration}, per_minute: 3000}}]
    mix: {{valid: 1}}
    texts: {{valid: ["Ras i {{fake.city}}"]}}
"""


# Chatter from the first second, so that a console at the top speed has items on screen and
# a random number of events within seconds, and a press question to answer; in bokmål.
BUSY = """\
format: 1
id: busy
title: Travelt
duration: 2h
language: nb
personas: [{id: avisa, name: Avisa, role: media}]
injects:
  - {id: presse, at: 10s, from: avisa, kind: press, text: "Hva skjer?",
     expect: [{do: reply, within: 30m}]}
noise:
  - id: prat
    authors: {role: citizen, count: 40}
    rate: [{at: 0m, per_minute: 400}, {at: 2h, per_minute: 400}]
    mix: {valid: 1}
    texts: {valid: ["Ras ved {fake.city}?"]}
"""


MINIMAL = """\
format: 1
id: mini
title: Mini
duration: 30m
language: nb
variables:
  sted: Bakkeby
personas:
  - id: kari
    name: Kari Nordmann
  - id: avisa
    name: Avisa
    role: media
injects:
  - id: first
    at: 1m
    from: kari
    kind: post
    text: "Ras i {sted}"
    expect:
      - do: reply
  - id: press-1
    at: 5m
    from: avisa
    kind: press
    text: "Hvor mange er evakuert?"
    expect:
      - do: reply
        mention: ["{sted}"]
"""


def scenario_text(extra: str = "", base: str = MINIMAL) -> str:
    """The minimal valid scenario, with YAML appended (dedented)."""
    return base + textwrap.dedent(extra)


def with_injects(extra: str, base: str = MINIMAL) -> str:
    """The minimal scenario with more injects appended to its list."""
    return base + textwrap.indent(textwrap.dedent(extra), "  ")


# -- running as an unprivileged user ---------------------------------------------------------

NOBODY = 65534


def _interpreter_for_others() -> str | None:
    """A Python of this version that another user may execute, or None.

    This interpreter may live in a home folder other users cannot enter; the system's own
    Python of the same version can run the same installed packages (the same ABI).
    """
    import stat

    def others_may_run(path: Path) -> bool:
        real = path.resolve()
        for folder in real.parents:
            if not folder.stat().st_mode & stat.S_IXOTH:
                return False
        return bool(real.stat().st_mode & stat.S_IXOTH)

    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (
        Path(sys.executable),
        Path("/usr/bin") / version,
        Path("/usr/local/bin") / version,
    ):
        if candidate.exists() and others_may_run(candidate):
            return str(candidate)
    return None


def unprivileged_reason() -> str | None:
    """Why commands cannot be run as an unprivileged user here, or None when they can."""
    import os

    if os.geteuid() != 0:
        return None  # already unprivileged: permissions apply as they are
    if _interpreter_for_others() is None:
        return (
            f"no python{sys.version_info.major}.{sys.version_info.minor} that user {NOBODY} may run"
        )
    return None


def open_folder(path: Path) -> Path:
    """Make a test folder (and the folders above it) enterable by the unprivileged user."""
    import os

    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o777)
    for folder in path.parents:
        if str(folder).startswith(("/tmp/", "/var/tmp/")) and folder.owner() == "root":
            os.chmod(folder, folder.stat().st_mode | 0o111)
    return path


def run_cli_unprivileged(
    *args: str,
    cwd: Path,
    timeout: float = 120,
    stdin: str | None = None,
    lang: str | None = "en",
) -> subprocess.CompletedProcess[str]:
    """Run the installed command as an ordinary user (``nobody`` when the tests are root),
    speaking ``lang`` as :func:`run_cli` does.

    Root reads and writes through any permission, so tests about permissions would pass
    for the wrong reason; as another user they meet the same refusals a planner would.
    """
    import os
    import sysconfig

    args = speaking(lang, args)

    if os.geteuid() != 0:
        proc = subprocess.run(
            [cli_path(), *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
        )
    else:
        python = _interpreter_for_others()
        assert python, unprivileged_reason()
        site = sysconfig.get_paths()["purelib"]
        boot = (
            f"import site, sys; site.addsitedir({site!r}); sys.argv[0] = 'crisis-sim'; "
            "from simulator.cli import main; main()"
        )

        def drop() -> None:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)

        env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": str(cwd),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        proc = subprocess.run(
            [python, "-c", boot, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
            env=env,
            preexec_fn=drop,
        )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc
