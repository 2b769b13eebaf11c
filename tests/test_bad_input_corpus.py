"""The bad-input corpus: every malformed file in tests/bad_inputs, run through the command line.

``tests/bad_inputs/cases.yaml`` lists each case (its header explains the fields); further
manifests named ``cases-*.yaml`` beside it add cases of the same form, one file per theme. Each case
runs the command line and checks the exact exit code, where the
first error line points, a fragment of its message, and that no traceback is shown. Scenario
files are checked in two ``validate`` calls (one for the files expected valid, one for those
expected invalid), and each file is then judged by its own lines of that output. Cases that
reveal a bug are marked ``xfail(strict=True)`` and run on their own, so that a crash in one
of them cannot hide the others.

The inputs that cannot be small files are built in a temporary folder: the 10 MB ones, and
damaged sessions, made from a real session of the bundled ``jordras`` scenario.
"""

from __future__ import annotations

import hashlib
import os
import pty
import re
import select
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import cli_path, run_cli

CORPUS = Path(__file__).with_name("bad_inputs")
JORDRAS = Path(__file__).resolve().parents[1] / "scenarios" / "jordras.yaml"
MANIFEST = CORPUS / "cases.yaml"
MANIFESTS = [MANIFEST, *sorted(CORPUS.glob("cases-*.yaml"))]
ESC = "\x1b"
TEN_MB = 10 * 1024 * 1024

CATEGORIES = {
    "syntax",
    "types",
    "unknown-keys",
    "references",
    "cycles",
    "encodings",
    "sizes",
    "alias-bombs",
    "object-tags",
    "markup",
    "actions",
    "msel",
    "sessions",
}
COMMANDS = {"validate", "preview", "simulate", "msel-import", "export", "score"}


@dataclass(frozen=True)
class Case:
    """One entry of the manifest."""

    id: str
    category: str
    command: str
    file: str | list[str]
    exit: int
    at: str | None
    message: str | None
    generate: str | None = None
    errors: int | None = None
    also: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    echo: str | None = None
    tty: bool = False
    xfail: str | None = None

    @property
    def files(self) -> list[str]:
        return self.file if isinstance(self.file, list) else [self.file]

    @property
    def solo(self) -> bool:
        """Run in its own command, not in the shared ``validate`` call."""
        return self.command != "validate" or self.xfail is not None


def load_cases() -> list[Case]:
    return [
        Case(**entry)
        for manifest in MANIFESTS
        for entry in yaml.safe_load(manifest.read_text(encoding="utf-8")) or []
    ]


CASES = load_cases()


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


# ---------------------------------------------------------------------------------------
# Inputs built at test time


def _scenario_over_10mb(folder: Path, _sessions: Sessions) -> None:
    text = (CORPUS / "scenarios" / "markup_bold_in_text.yaml").read_text(encoding="utf-8")
    (folder / "huge.yaml").write_text(text + "#" + "x" * TEN_MB + "\n", encoding="utf-8")


def _actions_over_10mb(folder: Path, _sessions: Sessions) -> None:
    line = '- {at: 1m, do: note, text: "Notat fra loggføreren, gjentatt til fila blir stor"}\n'
    (folder / "huge-team.yaml").write_text(line * (TEN_MB // len(line) + 1), encoding="utf-8")


_CSV_HEADER = (
    "id,at,after,delay,from,kind,channel,text,truth,sensitive,abusive,reply_to,reach,expect,notes\n"
)


def _csv_over_10mb(folder: Path, _sessions: Sessions) -> None:
    row = "vitne-brak,0s,,,jonas-brekke,post,,Et sånt brak i {omrade}!,valid,,,,,,\n"
    (folder / "huge.csv").write_text(_CSV_HEADER + row * (TEN_MB // len(row) + 1), encoding="utf-8")


def _csv_cell_over_field_limit(folder: Path, _sessions: Sessions) -> None:
    # Python's csv module refuses a field over 131,072 characters.
    row = 'vitne-brak,0s,,,jonas-brekke,post,,"' + "Brak! " * 40_000 + '",valid,,,,,,\n'
    (folder / "long-cell.csv").write_text(_CSV_HEADER + row, encoding="utf-8")


def _nothing(_folder: Path, _sessions: Sessions) -> None:
    """The file named by the case is never written."""


def _folder(folder: Path, _sessions: Sessions) -> None:
    (folder / "a-folder.sqlite").mkdir()


def _other_program(folder: Path, _sessions: Sessions) -> None:
    conn = sqlite3.connect(folder / "contacts.sqlite")
    with conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Kari', '912 34 567')")
    conn.close()


def _edit(name: str, *statements: str) -> Callable[[Path, Sessions], None]:
    """A generator that copies the real session and runs SQL on the copy."""

    def make(folder: Path, sessions: Sessions) -> None:
        path = folder / name
        shutil.copy(sessions.jordras, path)
        conn = sqlite3.connect(path)
        for sql in statements:
            conn.execute(sql)
        conn.commit()
        conn.close()

    return make


def _truncated(folder: Path, sessions: Sessions) -> None:
    path = folder / "truncated.sqlite"
    shutil.copy(sessions.jordras, path)
    os.truncate(path, 3 * 4096 + 100)


def _overwritten_page(folder: Path, sessions: Sessions) -> None:
    path = folder / "overwritten.sqlite"
    shutil.copy(sessions.jordras, path)
    with path.open("r+b") as handle:
        handle.seek(5 * 4096)
        handle.write(b"\xff" * 4096)


def _different_scenarios(folder: Path, sessions: Sessions) -> None:
    shutil.copy(sessions.jordras, folder / "jordras.sqlite")
    shutil.copy(sessions.flood, folder / "flood.sqlite")


_INVALID_SCENARIO = "format: 1\nid: x\n"


def _stored_scenario_invalid(folder: Path, sessions: Sessions) -> None:
    """An invalid scenario stored with a matching digest, so only loading it can fail."""
    path = folder / "bad-scenario.sqlite"
    shutil.copy(sessions.jordras, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'scenario_text'", (_INVALID_SCENARIO,))
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'scenario_sha256'",
            (hashlib.sha256(_INVALID_SCENARIO.encode()).hexdigest(),),
        )
    conn.close()


GENERATORS: dict[str, Callable[[Path, Sessions], None]] = {
    "scenario_over_10mb": _scenario_over_10mb,
    "actions_over_10mb": _actions_over_10mb,
    "csv_over_10mb": _csv_over_10mb,
    "csv_cell_over_field_limit": _csv_cell_over_field_limit,
    "nothing": _nothing,
    "folder": _folder,
    "other_program": _other_program,
    "wrong_application_id": _edit("foreign.sqlite", "PRAGMA application_id = 1"),
    "newer_format": _edit("future.sqlite", "PRAGMA user_version = 2"),
    "events_table_dropped": _edit("no-events.sqlite", "DROP TABLE events"),
    "truncated": _truncated,
    "overwritten_page": _overwritten_page,
    "event_not_json": _edit(
        "not-json.sqlite", "UPDATE events SET data = '{not json' WHERE seq = 5"
    ),
    "event_is_a_list": _edit(
        "list-event.sqlite", "UPDATE events SET data = '[1, 2]' WHERE seq = 5"
    ),
    "scenario_text_missing": _edit(
        "no-scenario.sqlite", "DELETE FROM meta WHERE key = 'scenario_text'"
    ),
    "stored_scenario_invalid": _stored_scenario_invalid,
    "stored_scenario_altered": _edit(
        "altered.sqlite",
        "UPDATE meta SET value = replace(value, 'Brattlia', 'Bakkeby') WHERE key = 'scenario_text'",
    ),
    "different_scenarios": _different_scenarios,
    "delivered_without_item": _edit(
        "no-item.sqlite",
        "UPDATE events SET data = json_remove(data, '$.item') WHERE type = 'delivered'",
    ),
    "expectation_without_status": _edit(
        "no-status.sqlite",
        "UPDATE events SET data = json_remove(data, '$.status') WHERE type = 'expectation'",
    ),
    "time_is_text": _edit("text-time.sqlite", "UPDATE events SET t = 'snart' WHERE seq = 5"),
    "action_by_is_a_list": _edit(
        "by-list.sqlite",
        "UPDATE events SET data = json_set(data, '$.by', json('[\"kari\", \"ola\"]')) "
        "WHERE type = 'action'",
    ),
    # --- sessions as untrusted input, and paths that are not files (cases-sessions.yaml) ---
    **{
        "session_scenario_text_blob": _edit(
            "blob-scenario.sqlite",
            "UPDATE meta SET value = CAST(value AS BLOB) WHERE key = 'scenario_text'",
        ),
        "session_digest_deleted": _edit(
            "no-digest.sqlite", "DELETE FROM meta WHERE key = 'scenario_sha256'"
        ),
        "session_digest_emptied": _edit(
            "empty-digest.sqlite", "UPDATE meta SET value = '' WHERE key = 'scenario_sha256'"
        ),
        "session_digest_not_hex": _edit(
            "bad-digest.sqlite",
            "UPDATE meta SET value = printf('%.64c', 'z') WHERE key = 'scenario_sha256'",
        ),
        "session_time_infinite": _edit(
            "infinite-time.sqlite", "UPDATE events SET t = 9e999 WHERE seq = 5"
        ),
        "session_time_negative": _edit(
            "negative-time.sqlite", "UPDATE events SET t = -60 WHERE seq = 5"
        ),
        "session_time_nan_text": _edit(
            "nan-time.sqlite", "UPDATE events SET t = 'NaN' WHERE seq = 5"
        ),
        "session_data_nan": _edit(
            "nan-data.sqlite",
            'UPDATE events SET data = \'{"action": "flag", "peak": NaN}\' WHERE seq = 5',
        ),
        "session_data_blob": _edit(
            "blob-data.sqlite", "UPDATE events SET data = CAST(data AS BLOB) WHERE seq = 5"
        ),
        "session_wall_blob": _edit(
            "blob-wall.sqlite", "UPDATE events SET wall = x'00ff' WHERE seq = 5"
        ),
        "session_type_blob": _edit(
            "blob-type.sqlite", "UPDATE events SET type = x'00' WHERE seq = 5"
        ),
        "session_data_nested_deep": lambda folder, sessions: _session_data_nested_deep(
            folder, sessions
        ),
        "session_data_huge": _edit(
            "huge-event.sqlite",
            "UPDATE events SET data = json_set(data, '$.text', printf('%.2000000c', 'x')) "
            "WHERE seq = 5",
        ),
        "session_events_view": _edit(
            "view.sqlite",
            "DROP TABLE events",
            "CREATE VIEW events AS WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 "
            "FROM n) SELECT k AS seq, 0.0 AS t, '' AS wall, 'note' AS type, '{}' AS data FROM n",
        ),
        "session_expectation_delivered_text": _edit(
            "text-delivered.sqlite",
            "UPDATE events SET data = json_set(data, '$.delivered', 'snart') "
            "WHERE type = 'expectation'",
        ),
        "session_expectation_do_number": _edit(
            "number-do.sqlite",
            "UPDATE events SET data = json_set(data, '$.do', 5) WHERE type = 'expectation'",
        ),
        "session_delivered_peak_text": _edit(
            "text-peak.sqlite",
            "UPDATE events SET data = json_set(data, '$.peak', 'mange') WHERE type = 'delivered'",
        ),
        "session_action_to_number": _edit(
            "number-to.sqlite",
            "UPDATE events SET data = json_set(data, '$.to', 5) WHERE type = 'action'",
        ),
        "session_trigger_planted": _edit(
            "trigger.sqlite",
            "CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM meta; END",
        ),
        "session_fifo": lambda folder, _sessions: os.mkfifo(folder / "pipe.sqlite"),
        "session_link_to_dev_zero": lambda folder, _sessions: (folder / "zero.sqlite").symlink_to(
            "/dev/zero"
        ),
        "session_link_to_dev_urandom": lambda folder, _sessions: (
            folder / "random.sqlite"
        ).symlink_to("/dev/urandom"),
    },
}


def _session_data_nested_deep(folder: Path, sessions: Sessions) -> None:
    """An event whose data nests 100,000 levels: Python's own JSON parser gives up."""
    _edit("deep.sqlite")(folder, sessions)
    conn = sqlite3.connect(folder / "deep.sqlite")
    with conn:
        deep = '{"a":' * 100_000 + "1" + "}" * 100_000
        conn.execute("UPDATE events SET data = ? WHERE seq = 5", (deep,))
    conn.close()


# The generators that start from the real sessions.
FROM_REAL_SESSIONS = {
    name
    for name in GENERATORS
    if name
    not in (
        "scenario_over_10mb",
        "actions_over_10mb",
        "csv_over_10mb",
        "csv_cell_over_field_limit",
        "nothing",
        "folder",
        "other_program",
    )
}

# A scripted team for the real session: a flag, and a reply that meets an expectation.
TEAM = """\
- at: 1m
  do: flag
  to: vitne-brak
  label: valid
- at: 4m
  do: reply
  to: presse-lokalavis-a
  text: "Vi bekrefter raset i {omrade}"
  by: Kari
"""


@dataclass(frozen=True)
class Sessions:
    """Real sessions written by ``simulate``, copied and damaged by the generators."""

    jordras: Path
    flood: Path


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Sessions:
    folder = tmp_path_factory.mktemp("real-sessions")
    (folder / "team.yaml").write_text(TEAM, encoding="utf-8")
    for args in (
        ("jordras", "--actions", "team.yaml", "--until", "10m", "--session", "jordras.sqlite"),
        ("flood", "--until", "2m", "--session", "flood.sqlite"),
    ):
        proc = run_cli("simulate", args[0], "--seed", "1", *args[1:], cwd=folder)
        assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(folder / "jordras.sqlite") as conn:
        assert conn.execute("SELECT type FROM events WHERE seq = 5").fetchone() == ("action",)
    return Sessions(folder / "jordras.sqlite", folder / "flood.sqlite")


# ---------------------------------------------------------------------------------------
# Running the commands


@dataclass
class Outcome:
    """What a case's command did, seen from the case's own file."""

    exit: int
    shown: str  # the name the command was given for the case's file
    errors: list[str]  # this file's error lines, in order
    stdout: str
    stderr: str
    verdict: str | None = None  # validate's summary verdict for the file


def _error_lines(text: str, shown: str, command: str) -> list[str]:
    lines = text.splitlines()
    if command in ("export", "score"):
        return [line for line in lines if line.startswith("crisis-sim: error: ")]
    return [line for line in lines if line.startswith(f"{shown}:") and ": error: " in line]


def _verdict(stdout: str, shown: str) -> str | None:
    found = re.search(rf"^{re.escape(shown)}: (valid|invalid) \(", stdout, re.MULTILINE)
    return found.group(1) if found else None


#: The corpus states its messages in English; each case is read in English whatever the
#: scenario's language (the other languages have tests of their own).
ENGLISH = ("--lang", "en")


def _command_args(case: Case, shown: list[str], tmp_path: Path) -> list[str]:
    if case.command in ("validate", "preview"):
        return [case.command, *ENGLISH, *shown]
    if case.command == "simulate":
        return [
            "simulate",
            "jordras",
            "--seed",
            "1",
            "--actions",
            shown[0],
            "--session",
            str(tmp_path / "out.sqlite"),
        ]
    if case.command == "msel-import":
        return [
            "msel",
            "import",
            shown[0],
            "--into",
            str(JORDRAS),
            "-o",
            str(tmp_path / "out.yaml"),
        ]
    return [case.command, *shown]


def _prepare(case: Case, tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, list[str]]:
    """The folder to run in and the file names to give: corpus files are run in place,
    except sessions, which are copied first (SQLite may add files beside them)."""
    if case.generate:
        real = request.getfixturevalue("sessions") if case.generate in FROM_REAL_SESSIONS else None
        GENERATORS[case.generate](tmp_path, real)  # type: ignore[arg-type]
        return tmp_path, case.files
    if case.command in ("export", "score"):
        for name in case.files:
            shutil.copy(CORPUS / name, tmp_path / Path(name).name)
        return tmp_path, [Path(name).name for name in case.files]
    return CORPUS, case.files


def run_case(case: Case, tmp_path: Path, request: pytest.FixtureRequest) -> Outcome:
    cwd, shown = _prepare(case, tmp_path, request)
    proc = run_cli(*_command_args(case, shown, tmp_path), cwd=cwd)
    out = proc.stdout if case.command == "validate" else proc.stderr
    errors = _error_lines(out, shown[0], case.command)
    return Outcome(
        proc.returncode, shown[0], errors, proc.stdout, proc.stderr, _verdict(proc.stdout, shown[0])
    )


@pytest.fixture(scope="module")
def validate_groups(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every grouped scenario case, from one ``validate`` call per expected exit code."""
    folder = tmp_path_factory.mktemp("validate-group")
    outcomes: dict[str, Outcome] = {}
    grouped = [c for c in CASES if not c.solo]
    for code in sorted({c.exit for c in grouped}):
        members = [c for c in grouped if c.exit == code]
        shown: dict[str, str] = {}
        for case in members:
            if case.generate:
                GENERATORS[case.generate](folder, None)  # type: ignore[arg-type]
                shown[case.id] = str(folder / case.file)
            else:
                shown[case.id] = str(case.file)
        proc = run_cli("validate", *ENGLISH, *shown.values(), cwd=CORPUS)
        for case in members:
            name = shown[case.id]
            outcomes[case.id] = Outcome(
                proc.returncode,
                name,
                _error_lines(proc.stdout, name, "validate"),
                proc.stdout,
                proc.stderr,
                _verdict(proc.stdout, name),
            )
    return outcomes


def run_in_terminal(args: list[str], cwd: Path, timeout: float = 60) -> tuple[int, bytes]:
    """Run a command with stdout and stderr on a pseudo-terminal, as a facilitator would.

    Tools strip colours when their output is piped (click does), so escape sequences that
    a hostile file smuggles into a message only show up on a real terminal.
    """
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        [cli_path(), *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=child_fd, stderr=child_fd
    )
    os.close(child_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main_fd)
    try:
        code = proc.wait(timeout=max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    return code, b"".join(chunks)


# ---------------------------------------------------------------------------------------
# The checks


def _check_location(case: Case, outcome: Outcome) -> None:
    first = outcome.errors[0]
    if case.command in ("export", "score"):
        if case.at is None:  # the message names every file instead
            for name in case.files:
                assert name in first, first
        else:
            assert first.startswith(f"crisis-sim: error: {case.at}: "), first
        return
    assert case.at is not None
    line, _, column = case.at.partition(":")
    where = re.escape(f"{outcome.shown}:{line}")
    if column == "*":
        where += r":\d+"
    elif column:
        where += re.escape(f":{column}")
    assert re.match(where + ": error: ", first), (
        f"expected {outcome.shown}:{case.at}: error: ...\ngot {first}"
    )


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if case.solo:
        outcome = run_case(case, tmp_path, request)
    else:
        outcome = request.getfixturevalue("validate_groups")[case.id]
    everything = outcome.stdout + outcome.stderr
    assert "Traceback" not in everything
    assert "internal error" not in everything, everything[-2000:]
    assert outcome.exit == case.exit, everything[-2000:]
    if case.command == "validate":
        assert outcome.verdict == ("valid" if case.exit == 0 else "invalid"), outcome.stdout

    if case.message is None:
        assert outcome.errors == [], outcome.errors
    else:
        assert outcome.errors, f"no error line for {outcome.shown}:\n{everything[-2000:]}"
        _check_location(case, outcome)
        assert case.message in outcome.errors[0]
        for fragment in case.absent:
            assert fragment not in outcome.errors[0]
    if case.errors is not None:
        assert len(outcome.errors) == case.errors, outcome.errors
    for fragment in case.also:
        assert any(fragment in line for line in outcome.errors), (fragment, outcome.errors)
    if case.echo is not None:
        assert case.echo in outcome.stdout, outcome.stdout

    # Nothing is written from a bad input.
    if case.exit != 0 and case.command == "simulate":
        assert not (tmp_path / "out.sqlite").exists()
    if case.exit != 0 and case.command == "msel-import":
        assert not (tmp_path / "out.yaml").exists()

    # Hostile texts never style the terminal: not piped, and not on a real terminal either.
    if case.category == "markup":
        assert ESC not in outcome.stdout, repr(outcome.stdout[:2000])
    if case.tty:
        shown = case.files
        code, screen = run_in_terminal(_command_args(case, shown, tmp_path), CORPUS)
        assert code == case.exit, screen[-2000:]
        assert ESC.encode() not in screen, screen[-2000:]


# ---------------------------------------------------------------------------------------
# The manifest itself


def test_corpus_files_are_not_ignored_by_git() -> None:
    """The repository ignores *.sqlite and folders named sessions; the corpus's own
    .gitignore lets its fake session files through, so that a clone has them."""
    git = shutil.which("git")
    root = CORPUS.parent.parent
    if git is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    names = sorted(str(p.relative_to(root)) for p in CORPUS.rglob("*") if p.is_file())
    proc = subprocess.run(
        [git, "check-ignore", "--no-index", *names], cwd=root, capture_output=True, text=True
    )
    assert proc.stdout == "", f"ignored by git: {proc.stdout}"


def test_manifest_is_consistent() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 60
    for case in CASES:
        assert case.category in CATEGORIES, case.id
        assert case.command in COMMANDS, case.id
        if case.generate:
            assert case.generate in GENERATORS, case.id
        else:
            for name in case.files:
                assert (CORPUS / name).is_file(), name
        assert (case.at is None) == (case.message is None) or case.command == "score", case.id
        if case.at is not None and "*" in case.at:
            assert case.xfail, f"{case.id}: an open column is only for expected failures"
    # Every committed input is a case, and every committed input is small.
    listed = {name for c in CASES if not c.generate for name in c.files}
    committed = {
        str(p.relative_to(CORPUS))
        for p in CORPUS.rglob("*")
        if p.is_file() and p not in MANIFESTS and not p.name.startswith(".")
    }
    assert committed <= listed, sorted(committed - listed)
    assert max((CORPUS / name).stat().st_size for name in committed) < 64 * 1024
