"""Only regular files are read, and only a regular file or a new name is written.

Every case runs the command line on real files, FIFOs, sockets, devices and links. Where a
command could hang on a FIFO or read ``/dev/zero`` forever, it runs as the installed command
in a process of its own with a hard time limit and an address-space limit, so that a
regression fails the test instead of the machine; cases on regular files, links and folders
run in-process. No test writes to the real ``/dev/null``: devices are made with ``mknod`` in the
test's folder (as root), and the command must leave them devices.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import (
    MINIMAL,
    Done,
    Ran,
    open_folder,
    run_cli,
    run_cli_process,
    run_cli_unprivileged,
    unprivileged_reason,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIMIT_SECONDS = 30
ONE_GIB = 1 << 30


def run_bounded(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command with a hard time limit and 1 GiB of address space.

    A hang raises ``TimeoutExpired`` and a runaway read runs out of memory; either fails
    the test at once instead of stalling or exhausting the machine.
    """

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))

    proc = run_cli_process(*args, cwd=cwd, timeout=LIMIT_SECONDS, before=cap)
    everything = proc.stdout + proc.stderr
    assert "Traceback" not in everything and "internal error" not in everything, everything
    return proc


def run_checked(*args: str, cwd: Path) -> Ran:
    """Run the command line in-process, for cases on regular files, links and folders that
    cannot hang or run away: the same checks as :func:`run_bounded`, without the process."""
    proc = run_cli(*args, cwd=cwd)
    everything = proc.stdout + proc.stderr
    assert "internal error" not in everything, everything
    return proc


def one_error_line(proc: Done) -> str:
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def session_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scenario and a finished session of it, made once and copied by each test."""
    folder = tmp_path_factory.mktemp("made")
    (folder / "s.yaml").write_text(MINIMAL, encoding="utf-8")
    proc = run_cli("simulate", "s.yaml", "--seed", "1", "--session", "run.sqlite", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    run_cli("msel", "export", "s.yaml", "-o", "rows.csv", cwd=folder)
    return folder


@pytest.fixture
def folder(session_folder: Path, tmp_path: Path) -> Path:
    for name in ("s.yaml", "run.sqlite", "rows.csv"):
        shutil.copy(session_folder / name, tmp_path / name)
    return tmp_path


# Every command that writes a file with -o, and `new`, which writes its own.
WRITERS: dict[str, Callable[[str], list[str]]] = {
    "score": lambda out: ["score", "run.sqlite", "--format", "html", "-o", out],
    "export": lambda out: ["export", "run.sqlite", "-o", out],
    "preview": lambda out: ["preview", "s.yaml", "--format", "md", "-o", out],
    "schema": lambda out: ["schema", "-o", out],
    "msel-export": lambda out: ["msel", "export", "s.yaml", "-o", out],
    "msel-import": lambda out: ["msel", "import", "rows.csv", "--into", "s.yaml", "-o", out],
}


def _make(kind: str, path: Path) -> object:
    """Make a thing of ``kind`` at ``path``; returns what must stay alive while it is used."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return server
    elif kind == "folder":
        path.mkdir()
    elif kind == "symlink":
        (path.parent / "mine.txt").write_text("mine\n", encoding="utf-8")
        path.symlink_to("mine.txt")
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device needs root")
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
        except PermissionError:
            pytest.skip("this machine does not allow making devices")
    return None


KIND_CHECK = {
    "fifo": stat.S_ISFIFO,
    "socket": stat.S_ISSOCK,
    "folder": stat.S_ISDIR,
    "symlink": stat.S_ISLNK,
    "device": stat.S_ISCHR,
}
KIND_WORDS = {
    "fifo": "is a named pipe (FIFO), not a file",
    "socket": "is a socket, not a file",
    "folder": "is a folder, not a file",
    "symlink": "is a symbolic link; give the real file's path, or add --follow-symlinks",
    "device": "is a device, not a file",
}


# ---------------------------------------------------------------------------------------
# 1. -o writes only a regular file or a new name


@pytest.mark.parametrize("kind", list(KIND_CHECK))
@pytest.mark.parametrize("command", list(WRITERS))
def test_o_refuses_what_is_not_a_regular_file(folder: Path, command: str, kind: str) -> None:
    target = folder / "out"
    keep = _make(kind, target)
    proc = run_bounded(*WRITERS[command]("out"), cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert one_error_line(proc).startswith(f"crisis-sim: error: out {KIND_WORDS[kind]}")
    assert KIND_CHECK[kind](target.lstat().st_mode), "the thing at -o was replaced"
    if kind == "symlink":
        assert (folder / "mine.txt").read_text(encoding="utf-8") == "mine\n"
    assert not list(folder.glob(".*.tmp"))
    if isinstance(keep, socket.socket):
        keep.close()


def test_new_refuses_to_replace_a_link_even_with_force(folder: Path) -> None:
    (folder / "mine.txt").write_text("mine\n", encoding="utf-8")
    (folder / "plan.yaml").symlink_to("mine.txt")
    proc = run_checked("new", "plan.yaml", "--force", cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert "plan.yaml is a symbolic link" in one_error_line(proc)
    assert (folder / "plan.yaml").is_symlink()
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "mine\n"


def test_follow_symlinks_writes_the_file_the_link_points_to(folder: Path) -> None:
    (folder / "reports").mkdir()
    (folder / "reports" / "debrief.md").write_text("old\n", encoding="utf-8")
    (folder / "latest.md").symlink_to("reports/debrief.md")
    proc = run_checked(
        "score", "run.sqlite", "--format", "md", "-o", "latest.md", "--follow-symlinks", cwd=folder
    )
    assert proc.returncode == 0, proc.stderr
    assert (folder / "latest.md").is_symlink()
    assert "# " in (folder / "reports" / "debrief.md").read_text(encoding="utf-8")


def test_follow_symlinks_still_refuses_a_link_to_a_fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe")
    (folder / "out.json").symlink_to("pipe")
    proc = run_bounded("schema", "-o", "out.json", "--follow-symlinks", cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert "is a named pipe (FIFO)" in one_error_line(proc)
    assert stat.S_ISFIFO((folder / "pipe").lstat().st_mode)


def test_the_real_dev_null_is_never_replaced(folder: Path) -> None:
    # Run only once a made device (above) is known to be refused, so that a regression
    # can never turn the machine's /dev/null into a file.
    if os.geteuid() == 0:
        _make("device", folder / "null")
        probe = run_bounded("schema", "-o", "null", cwd=folder)
        assert probe.returncode == 2 and stat.S_ISCHR((folder / "null").lstat().st_mode)
    proc = run_bounded("score", "run.sqlite", "-o", "/dev/null", cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert "/dev/null is a device, not a file" in one_error_line(proc)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


# ---------------------------------------------------------------------------------------
# 2. The temporary file behind -o


@pytest.mark.parametrize("command", ["score", "schema", "export"])
def test_a_link_planted_at_the_old_temporary_name_is_not_followed(
    folder: Path, command: str
) -> None:
    (folder / "mine.txt").write_text("mine\n", encoding="utf-8")
    (folder / ".out.html.tmp").symlink_to("mine.txt")
    proc = run_checked(*WRITERS[command]("out.html"), cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "mine\n"
    assert (folder / ".out.html.tmp").is_symlink()
    assert (folder / "out.html").is_file() and not (folder / "out.html").is_symlink()
    # The one planted link is all that is left beside the output.
    assert [p.name for p in folder.glob(".*.tmp")] == [".out.html.tmp"]


# ---------------------------------------------------------------------------------------
# 6. Spreadsheet formulas and Markdown

FORMULAS = MINIMAL.replace(
    'text: "Ras i {sted}"', 'text: \'=HYPERLINK("http://x.example","klikk")\''
).replace(
    '    text: "Hvor mange er evakuert?"',
    "    text: '+47 99 99 99 99 @alle -1'",
)
HTML = MINIMAL.replace("title: Mini", "title: '<script>alert(1)</script> & <b>x</b>'").replace(
    'text: "Ras i {sted}"', 'text: "<img src=x onerror=alert(1)> a|b\\nny linje"'
)


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_preview_csv_shows_formulas_as_text(folder: Path) -> None:
    (folder / "f.yaml").write_text(FORMULAS, encoding="utf-8")
    proc = run_checked("preview", "f.yaml", "--format", "csv", "-o", "f.csv", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    cells = _csv_cells(folder / "f.csv")
    assert not [c for c in cells if c.startswith(FORMULA_START)], cells
    assert '\'=HYPERLINK("http://x.example","klikk")' in cells
    assert "'+47 99 99 99 99 @alle -1" in cells


def test_score_csv_shows_a_formula_file_name_as_text(folder: Path) -> None:
    shutil.copy(folder / "run.sqlite", folder / "=1+1.sqlite")
    proc = run_checked("score", "=1+1.sqlite", "--format", "csv", "-o", "s.csv", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    cells = _csv_cells(folder / "s.csv")
    assert not [c for c in cells if c.startswith(FORMULA_START)], cells
    assert "'=1+1.sqlite" in cells


def _table_rows_keep_their_columns(text: str) -> None:
    """Each Markdown table's rows have as many cells as its header: an escaped '|' in a
    quoted text must not open a column of its own."""
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert tables
    for rows in tables:
        widths = {line.replace("\\|", "").count("|") for line in rows}
        assert len(widths) == 1, "\n".join(rows)


def test_preview_markdown_escapes_html_pipes_and_line_breaks(folder: Path) -> None:
    (folder / "h.yaml").write_text(HTML, encoding="utf-8")
    proc = run_checked("preview", "h.yaml", "--format", "md", "-o", "h.md", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    text = (folder / "h.md").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text, text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt; a\\|b ny linje" in text
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len({line.replace("\\|", "").count("|") for line in rows}) == 1, text


def test_score_markdown_escapes_html(folder: Path) -> None:
    (folder / "h.yaml").write_text(HTML, encoding="utf-8")
    proc = run_cli("simulate", "h.yaml", "--seed", "1", "--session", "<i>h</i>.sqlite", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    proc = run_checked("score", "<i>h</i>.sqlite", "--format", "md", "-o", "h.md", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    text = (folder / "h.md").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text, text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in text
    assert "&lt;i&gt;h&lt;/i&gt;.sqlite" in text
    _table_rows_keep_their_columns(text)


# ---------------------------------------------------------------------------------------
# 7. Private outputs, and --mode


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask, under which files are readable by everyone unless made private."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("command", list(WRITERS))
def test_o_writes_a_private_file(folder: Path, command: str, open_umask: None) -> None:
    (folder / "out").write_text("old\n", encoding="utf-8")
    (folder / "out").chmod(0o644)  # replacing a readable file makes it private too
    proc = run_checked(*WRITERS[command]("out"), cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((folder / "out").stat().st_mode) == 0o600


def test_new_writes_a_private_file(folder: Path, open_umask: None) -> None:
    proc = run_checked("new", "plan.yaml", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((folder / "plan.yaml").stat().st_mode) == 0o600


@pytest.mark.parametrize("command", list(WRITERS))
def test_mode_sets_the_permissions_asked_for(folder: Path, command: str) -> None:
    proc = run_checked(*WRITERS[command]("out"), "--mode", "644", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((folder / "out").stat().st_mode) == 0o644


@pytest.mark.parametrize("mode", ["9", "rw", "4755", ""])
def test_a_bad_mode_is_a_usage_error_and_nothing_is_written(folder: Path, mode: str) -> None:
    proc = run_checked("schema", "-o", "out.json", "--mode", mode, cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert "--mode" in proc.stderr and "600" in proc.stderr, proc.stderr
    assert not (folder / "out.json").exists()


# ---------------------------------------------------------------------------------------
# 9. FIFOs and devices as inputs

INPUT_KINDS = ["fifo", "/dev/zero", "/dev/urandom", "folder"]


def _input(folder: Path, kind: str, name: str) -> str:
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(kind)  # a link keeps the name the user would have typed
    return name


INPUT_WORDS = {
    "fifo": "this is a named pipe (FIFO); give the path of a file",
    "/dev/zero": "this is a device; give the path of a file",
    "/dev/urandom": "this is a device; give the path of a file",
    "folder": "this is a folder; give the path of a file",
}


@pytest.mark.parametrize("kind", INPUT_KINDS)
@pytest.mark.parametrize("command", ["validate", "preview", "run", "simulate"])
def test_a_scenario_that_is_not_a_file_is_refused_unread(
    folder: Path, command: str, kind: str
) -> None:
    name = _input(folder, kind, "bad.yaml")
    extra = ["--seed", "1", "--session", "x.sqlite"] if command == "simulate" else []
    proc = run_bounded(command, name, *extra, cwd=folder)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    out = proc.stdout if command == "validate" else proc.stderr
    assert f"bad.yaml: error: {INPUT_WORDS[kind]}" in out.splitlines()[0], out
    assert not (folder / "x.sqlite").exists()


@pytest.mark.parametrize("kind", INPUT_KINDS)
def test_an_actions_file_that_is_not_a_file_is_refused_unread(folder: Path, kind: str) -> None:
    name = _input(folder, kind, "team.yaml")
    args = ["simulate", "s.yaml", "--seed", "1", "--actions", name, "--session", "x.sqlite"]
    proc = run_bounded(*args, cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert one_error_line(proc) == f"team.yaml: error: {INPUT_WORDS[kind]}"
    assert not (folder / "x.sqlite").exists()


@pytest.mark.parametrize("kind", INPUT_KINDS)
@pytest.mark.parametrize("which", ["csv", "into"])
def test_msel_import_inputs_that_are_not_files_are_refused_unread(
    folder: Path, which: str, kind: str
) -> None:
    name = _input(folder, kind, "bad.csv" if which == "csv" else "bad.yaml")
    csv_file, base = (name, "s.yaml") if which == "csv" else ("rows.csv", name)
    proc = run_bounded("msel", "import", csv_file, "--into", base, "-o", "out.yaml", cwd=folder)
    assert proc.returncode == 2, proc.stderr
    assert one_error_line(proc) == f"{name}: error: {INPUT_WORDS[kind]}"
    assert not (folder / "out.yaml").exists()


def test_a_file_over_the_limit_is_refused_without_reading_it_all(folder: Path) -> None:
    with (folder / "huge.csv").open("wb") as handle:
        handle.truncate(2 * ONE_GIB)  # sparse: larger than the command may hold in memory
    proc = run_bounded(
        "msel", "import", "huge.csv", "--into", "s.yaml", "-o", "out.yaml", cwd=folder
    )
    assert proc.returncode == 1, proc.stderr
    assert "huge.csv:1: error: the file is over 10 MB (2048 MB)" in one_error_line(proc)


# ---------------------------------------------------------------------------------------
# 13. Permissions, as a user who does not have them


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A folder the unprivileged user may enter and write, holding a scenario."""
    reason = unprivileged_reason()
    if reason:
        pytest.skip(reason)
    folder = open_folder(tmp_path / "shared")
    (folder / "s.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "s.yaml").chmod(0o644)
    return folder


def _locked(path: Path, *, mode: int) -> Path:
    """A file or folder the unprivileged user may not use (root owns it when tests are
    root; the test's own user otherwise loses the permission)."""
    path.chmod(mode)
    return path


def test_another_users_unreadable_scenario_is_one_line(shared: Path) -> None:
    (shared / "secret.yaml").write_text(MINIMAL, encoding="utf-8")
    _locked(shared / "secret.yaml", mode=0o000)
    for command in ("validate", "preview"):
        proc = run_cli_unprivileged(command, "secret.yaml", cwd=shared)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        out = proc.stdout if command == "validate" else proc.stderr
        assert out.splitlines()[0] == (
            "secret.yaml: error: the file cannot be read: permission denied"
        ), out


def test_a_scenario_in_a_folder_one_may_not_enter_is_one_line(shared: Path) -> None:
    (shared / "private").mkdir()
    (shared / "private" / "s.yaml").write_text(MINIMAL, encoding="utf-8")
    _locked(shared / "private", mode=0o700)
    proc = run_cli_unprivileged("preview", "private/s.yaml", cwd=shared)
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr
    assert proc.stderr.splitlines()[0] == (
        "private/s.yaml: error: the file cannot be read: permission denied"
    ), proc.stderr


def test_another_users_unreadable_spreadsheet_is_one_line(shared: Path) -> None:
    run_cli("msel", "export", "s.yaml", "-o", "rows.csv", cwd=shared)
    _locked(shared / "rows.csv", mode=0o000)
    proc = run_cli_unprivileged(
        "msel", "import", "rows.csv", "--into", "s.yaml", "-o", "out.yaml", cwd=shared
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "rows.csv: error: the file cannot be read: permission denied\n"


@pytest.mark.parametrize("mode", [0o755, 0o700], ids=["read-only", "closed"])
def test_o_into_a_folder_one_may_not_write_is_one_line(shared: Path, mode: int) -> None:
    (shared / "locked").mkdir()
    _locked(shared / "locked", mode=mode)
    proc = run_cli_unprivileged("schema", "-o", "locked/schema.json", cwd=shared)
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr
    assert proc.stderr == (
        "crisis-sim: error: locked/schema.json cannot be written: permission denied\n"
    )


# ---------------------------------------------------------------------------------------
# 16. validate: what cannot be read is a usage error


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_validate_exits_2_for_what_is_not_a_file(folder: Path, kind: str) -> None:
    name = _input(folder, kind, "bad.yaml")
    proc = run_bounded("validate", "s.yaml", name, cwd=folder)
    assert proc.returncode == 2, proc.stdout
    assert "s.yaml: valid (0 errors, 0 warnings)" in proc.stdout
    assert "bad.yaml: not checked (it cannot be read)" in proc.stdout
    assert "bad.yaml: invalid" not in proc.stdout


def test_validate_exits_2_for_an_unreadable_file(shared: Path) -> None:
    (shared / "secret.yaml").write_text(MINIMAL, encoding="utf-8")
    _locked(shared / "secret.yaml", mode=0o000)
    proc = run_cli_unprivileged("validate", "secret.yaml", cwd=shared)
    assert proc.returncode == 2, proc.stdout
    assert proc.stdout.splitlines()[-1] == "secret.yaml: not checked (it cannot be read)"


def test_validate_still_exits_1_when_a_readable_file_is_invalid(folder: Path) -> None:
    (folder / "bad.yaml").write_text("format: 1\n", encoding="utf-8")
    (folder / "dir.yaml").mkdir()
    proc = run_checked("validate", "bad.yaml", "dir.yaml", cwd=folder)
    assert proc.returncode == 1, proc.stdout


# ---------------------------------------------------------------------------------------
# 19. Links that lead nowhere, and standard input


def test_a_loop_of_symbolic_links_is_named_as_one(folder: Path) -> None:
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    for command in ("validate", "preview"):
        proc = run_checked(command, "a.yaml", cwd=folder)
        assert proc.returncode == 2
        out = proc.stdout if command == "validate" else proc.stderr
        assert out.splitlines()[0] == (
            "a.yaml: error: the file cannot be read: the path is a loop of symbolic links"
        ), out


def test_a_link_to_nothing_says_so(folder: Path) -> None:
    (folder / "plan.yaml").symlink_to("gone.yaml")
    proc = run_checked("preview", "plan.yaml", cwd=folder)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == (
        "plan.yaml: error: this is a symbolic link to gone.yaml, which does not exist; "
        "give the path of the file itself"
    )


@pytest.mark.parametrize("command", ["validate", "preview", "run"])
def test_a_dash_says_standard_input_is_not_read(folder: Path, command: str) -> None:
    proc = run_bounded(command, "-", cwd=folder)
    assert proc.returncode == 2
    out = proc.stdout if command == "validate" else proc.stderr
    assert out.splitlines()[0].startswith(
        "-: error: a scenario cannot be read from standard input; give the path of a .yaml file"
    ), out


def test_a_disk_that_fails_under_the_write_is_exit_74_and_leaves_nothing(folder: Path) -> None:
    """The path was right but the data did not fit: an I/O failure (74), not a usage error,
    and neither the target nor a temporary file is left behind."""
    import signal

    def small_files() -> None:
        # Writes past 4 KB fail with EFBIG, as on a full disk; without ignoring SIGXFSZ the
        # kernel would kill the process instead.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    before = set(os.listdir(folder))
    proc = run_cli_process("schema", "-o", "schema.json", cwd=folder, before=small_files)
    assert proc.returncode == 74, proc.stderr
    assert proc.stderr == (
        "crisis-sim: error: schema.json cannot be written: the file would be larger than "
        "this system allows\n"
    )
    assert set(os.listdir(folder)) == before
