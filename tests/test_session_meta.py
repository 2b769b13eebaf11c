"""What a session holds besides its log (its scenario, seed and Faker version) is read and
checked in one place: a damaged or foreign one gets the same message from every command
that needs it, and an old session file still works.

Sessions are made by the real ``simulate`` command, then altered as another program would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from importlib.metadata import version
from pathlib import Path

import pytest

from simulator.engine.clock import ManualTime, ScenarioClock
from simulator.engine.engine import Engine
from simulator.engine.store import SessionStore
from simulator.engine.stored import stored_session
from tests.helpers import run_cli, run_cli_process, scenario_text

# Names from Faker in the noise: what another Faker would make differently.
SCENARIO = scenario_text("""\
noise:
  - id: prat
    authors: {role: citizen, count: 10}
    rate: [{at: 0m, per_minute: 2}, {at: 30m, per_minute: 2}]
    mix: {valid: 1}
    texts: {valid: ["{fake.first_name} sier det er ille i {sted}"]}
""")

INSTALLED_FAKER = version("faker")
TERMINAL = "crisis-sim: error: the console needs an interactive terminal"
# The commands that read the stored scenario and seed; export reads the log alone.
READERS = ("resume", "score", "replay")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An interrupted session, recorded by the command line."""
    folder = tmp_path_factory.mktemp("recorded")
    (folder / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    proc = run_cli(
        "simulate", "s.yaml", "--seed", "3", "--until", "10m", "--session", "s.sqlite", cwd=folder
    )
    assert proc.returncode == 0, proc.stderr
    return folder / "s.sqlite"


def altered(recorded: Path, folder: Path, *statements: tuple[str, tuple[str, ...]]) -> str:
    """A copy of the session in ``folder`` (as ``s.sqlite``), changed by SQL: its name."""
    copy = folder / "s.sqlite"
    shutil.copy(recorded, copy)
    with sqlite3.connect(copy) as conn:
        for sql, values in statements:
            conn.execute(sql, values)
    conn.close()
    return copy.name


def set_meta(key: str, value: str) -> tuple[str, tuple[str, ...]]:
    return "UPDATE meta SET value = ? WHERE key = ?", (value, key)


def drop_meta(key: str) -> tuple[str, tuple[str, ...]]:
    return "DELETE FROM meta WHERE key = ?", (key,)


def stored_scenario(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Another stored scenario, with a fingerprint to match: only loading it can fail."""
    return [
        set_meta("scenario_text", text),
        set_meta("scenario_sha256", hashlib.sha256(text.encode()).hexdigest()),
    ]


def refusals(folder: Path, name: str, commands: tuple[str, ...] = READERS) -> set[str]:
    """What each command says of the session; each must refuse it in one line."""
    said = set()
    for command in commands:
        proc = run_cli(command, name, cwd=folder)
        assert proc.returncode == 1, (command, proc.stderr)
        assert len(proc.stderr.splitlines()) == 1, (command, proc.stderr)
        said.add(proc.stderr)
    return said


def exports(folder: Path, name: str) -> list[str]:
    """The types of the events ``export`` writes; it must succeed."""
    proc = run_cli("export", name, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line)["type"] for line in proc.stdout.splitlines()]


def restores(folder: Path, name: str) -> Engine:
    """The session restored in this process, as ``resume`` restores it."""
    store = SessionStore.open(folder / name)
    try:
        return Engine.restore(store, clock=ScenarioClock(source=ManualTime()))
    finally:
        store.close()


# -- a new session ---------------------------------------------------------------------------


def test_a_new_session_records_the_faker_that_made_its_names(recorded: Path) -> None:
    store = SessionStore.open(recorded, readonly=True)
    try:
        assert store.meta["faker_version"] == INSTALLED_FAKER
        stored = stored_session(store, regenerate=True)
    finally:
        store.close()
    assert (stored.seed, stored.faker_version) == (3, INSTALLED_FAKER)
    assert stored.loaded.text == SCENARIO


# -- a stored scenario that does not load ----------------------------------------------------


def test_a_stored_scenario_that_does_not_load_gets_one_message(
    recorded: Path, tmp_path: Path
) -> None:
    name = altered(recorded, tmp_path, *stored_scenario(SCENARIO.replace("format: 1", "format: 9")))
    (message,) = refusals(tmp_path, name)
    assert message.startswith(
        "crisis-sim: error: s.sqlite: the scenario stored in the session does not load in this "
        "crisis-sim (line 1: "
    ), message
    assert "cannot be resumed, scored or replayed" in message
    assert "Open it with the crisis-sim version that recorded it" in message
    assert message.rstrip().endswith("can still be read with 'crisis-sim export s.sqlite'")
    assert exports(tmp_path, name)[0] == "session_start"


# -- a seed that is not a whole number -------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "shown"), [("x7", "x7"), ("7.5", "7.5"), ("", "''"), (" 7", "' 7'"), ("7_0", "7_0")]
)
def test_a_seed_that_is_not_a_whole_number_gets_one_message(
    recorded: Path, tmp_path: Path, seed: str, shown: str
) -> None:
    name = altered(recorded, tmp_path, set_meta("seed", seed))
    assert refusals(tmp_path, name) == {
        f"crisis-sim: error: s.sqlite: the seed stored in the session ({shown}) is not a whole "
        "number; the file was changed by another program and cannot be trusted. Use the copy "
        "the exercise wrote; its events can still be read with 'crisis-sim export s.sqlite'\n"
    }
    assert exports(tmp_path, name)[0] == "session_start"


def test_a_missing_seed_gets_one_message(recorded: Path, tmp_path: Path) -> None:
    name = altered(recorded, tmp_path, drop_meta("seed"))
    (message,) = refusals(tmp_path, name)
    assert message.startswith("crisis-sim: error: s.sqlite: the session has no seed stored;")
    assert exports(tmp_path, name)


def test_the_message_is_said_in_norwegian_when_asked(recorded: Path, tmp_path: Path) -> None:
    name = altered(recorded, tmp_path, set_meta("seed", "x7"))
    proc = run_cli("score", name, cwd=tmp_path, lang="nb")
    assert proc.returncode == 1
    assert proc.stderr == (
        "crisis-sim: error: s.sqlite: seeden som er lagret i økta (x7), er ikke et heltall; "
        "filen er endret av et annet program og kan ikke stoles på. Bruk kopien øvelsen "
        "skrev; hendelsene kan fortsatt leses med «crisis-sim export s.sqlite»\n"
    )


# -- the Faker that recorded the session ------------------------------------------------------


def _other_major() -> str:
    return f"{int(INSTALLED_FAKER.split('.')[0]) - 1}.0.0"


def test_another_faker_major_is_refused_on_resume_only(recorded: Path, tmp_path: Path) -> None:
    other = _other_major()
    name = altered(recorded, tmp_path, set_meta("faker_version", other))
    assert refusals(tmp_path, name, ("resume",)) == {
        f"crisis-sim: error: s.sqlite: the session was recorded with Faker {other}; this "
        f"install has Faker {INSTALLED_FAKER}, which makes other generated names, so the "
        "exercise cannot continue exactly as it ran. 'crisis-sim score', 'export' and "
        f"'replay' still work; to resume it, install crisis-sim with Faker {other}\n"
    }
    # The readers read the log as it was recorded: no Faker involved.
    proc = run_cli("score", name, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert exports(tmp_path, name)[0] == "session_start"
    replayed = run_cli_process("replay", name, cwd=tmp_path)  # end to end, with no terminal
    assert (replayed.returncode, replayed.stderr.startswith(TERMINAL)) == (2, True), replayed.stderr


@pytest.mark.parametrize("command", ["score", "export", "replay"])
def test_the_readers_never_load_faker(recorded: Path, command: str) -> None:
    # Why another Faker does not matter to them: they read what the log recorded. What a
    # command imports shows only in a process of its own.
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = run_cli_process(command, recorded.name, cwd=recorded.parent, env=env)
    assert proc.returncode == (2 if command == "replay" else 0), proc.stderr[-500:]
    loaded = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "simulator" in loaded and "faker" not in loaded


def _same_major_other() -> str:
    """Another version of the installed Faker's major."""
    major = INSTALLED_FAKER.split(".")[0]
    first = f"{major}.0.0"
    return first if first != INSTALLED_FAKER else f"{major}.1.0"


def test_another_faker_of_the_same_major_resumes_when_its_names_agree(
    recorded: Path, tmp_path: Path
) -> None:
    name = altered(recorded, tmp_path, set_meta("faker_version", _same_major_other()))
    # Restored before the console is opened: only the missing terminal stops it here.
    proc = run_cli("resume", name, cwd=tmp_path)
    assert (proc.returncode, proc.stderr.startswith(TERMINAL)) == (2, True), proc.stderr
    assert restores(tmp_path, name).now() > 0


def _rename_first_voice() -> tuple[str, tuple[str, ...]]:
    """The first noise item says another name, as another Faker would have made it."""
    return (
        "UPDATE events SET data = json_set(data, '$.text', 'Ola sier det er ille') "
        "WHERE seq = (SELECT MIN(seq) FROM events WHERE type = 'delivered' "
        "AND data LIKE '%sier det er ille%')",
        (),
    )


def test_names_that_differ_are_put_down_to_another_faker(recorded: Path, tmp_path: Path) -> None:
    other = _same_major_other()
    name = altered(recorded, tmp_path, set_meta("faker_version", other), _rename_first_voice())
    (message,) = refusals(tmp_path, name, ("resume",))
    assert message.startswith(
        f"crisis-sim: error: s.sqlite: the session was recorded with Faker {other}; this "
        f"install has Faker {INSTALLED_FAKER}, which makes other generated names here (event "
    ), message
    assert "differs from the replay" in message
    assert message.rstrip().endswith(f"install crisis-sim with Faker {other}")


def test_names_that_differ_under_the_same_faker_name_the_file(
    recorded: Path, tmp_path: Path
) -> None:
    name = altered(recorded, tmp_path, _rename_first_voice())
    (message,) = refusals(tmp_path, name, ("resume",))
    assert message.startswith("crisis-sim: error: s.sqlite: event "), message
    assert "differs from the replay" in message and "Faker" not in message


# -- old session files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "change", [drop_meta("faker_version"), set_meta("faker_version", "unknown")]
)
def test_a_session_that_does_not_say_its_faker_still_works(
    recorded: Path, tmp_path: Path, change: tuple[str, tuple[str, ...]]
) -> None:
    name = altered(recorded, tmp_path, change)
    proc = run_cli("score", name, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["session"]["seed"] == 3
    assert exports(tmp_path, name)[0] == "session_start"
    proc = run_cli("resume", name, cwd=tmp_path)
    assert (proc.returncode, proc.stderr.startswith(TERMINAL)) == (2, True), proc.stderr
    restored = restores(tmp_path, name)
    assert restored.now() > 0 and not restored.clock.running
