"""Bad files get a located message and exit 1, never a traceback, never a hang."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.scenario.diagnostics import Finding
from simulator.scenario.loader import check_file, check_text
from simulator.scenario.yamlsource import MAX_EXPANDED
from tests.helpers import MINIMAL, run_cli

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def errors(text: str) -> list[Finding]:
    return [f for f in check_text(text, "s.yaml").findings if f.severity == "error"]


def one_error(text: str) -> Finding:
    found = errors(text)
    assert len(found) == 1, [f.as_text() for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("format: 1\nid: x\n\ttitle: y\n", 3, 1, "spaces, never tabs"),
        ("format: 1\nid: x\ntitle:\t\tfoo: bar\n", 3, 12, "invalid YAML"),
        ("format: 1\ntitle: 'unclosed\n", 2, 8, "never closed"),  # where it opens
        ("format: 1\ntitle: Ras: status\n", 2, 11, "put the whole text in quotes"),
        ("format: 1\npersonas:\n  - id: a\n   name: b\n", 4, 4, "items of one list"),
        ("format: 1\n---\nformat: 1\n", 2, 1, "one scenario per file"),
        ("format: 1\nid: *nope\n", 2, 5, "anchor"),
    ],
)
def test_syntax_errors_are_located(text: str, line: int, column: int, fragment: str) -> None:
    f = one_error(text)
    assert (f.line, f.column) == (line, column), f.as_text()
    assert fragment in f.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- format: 1\n- id: x\n", "must be a mapping"),
        ("just a sentence\n", "must be a mapping"),
        ("", "file is empty"),
        ("# only a comment\n\n", "file is empty"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, fragment: str) -> None:
    f = one_error(text)
    assert fragment in f.message and f.line == 1


def test_bytes_that_are_not_utf8(write) -> None:
    path = write("format: 1\ntitle: Ras i Bærum\n".encode("latin-1"))
    [f] = check_file(path).findings
    assert (f.line, f.column) == (2, 15)
    assert "byte 0xE6 is not UTF-8" in f.message and "save the file with UTF-8" in f.message


def test_utf16_is_recognised(write) -> None:
    path = write("format: 1\n".encode("utf-16"))
    [f] = check_file(path).findings
    assert "UTF-16" in f.message


def test_utf8_bom_is_accepted(write) -> None:
    path = write(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert check_file(path).ok


def test_file_over_10_mb_is_refused_unread(write) -> None:
    path = write(MINIMAL + "#" + "x" * (10 * 1024 * 1024) + "\n")
    [f] = check_file(path).findings
    assert "files over 10 MB are refused" in f.message


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object:os.system",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!custom",
        "!!binary",
    ],
)
def test_object_tags_are_refused(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = MINIMAL.replace("title: Mini", f"title: {tag} ['touch {marker}']")
    f = one_error(text)
    assert f.line == 3 and "is not allowed" in f.message
    assert not marker.exists()


def test_alias_bomb_is_rejected_with_bounded_memory() -> None:
    # In a child process with a 1 GiB address-space cap: expanding the bomb would need
    # far more than that, so passing proves the loader never expands it.
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from simulator.scenario.loader import check_text\n"
        "r = check_text(sys.stdin.read(), 'bomb.yaml')\n"
        "print(r.findings[0].as_text())\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=BILLION_LAUGHS,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "alias bomb" in proc.stdout
    assert resource.getrlimit(resource.RLIMIT_AS)  # the parent is untouched


def test_expansion_limit_is_about_size_not_aliases() -> None:
    # Ordinary reuse of an anchor is fine.
    text = MINIMAL.replace("title: Mini", "title: &t Mini\nsummary: *t")
    assert check_text(text, "s.yaml").ok
    assert MAX_EXPANDED >= 1_000_000


def test_recursive_alias() -> None:
    assert "refers to the mapping or list that contains it" in one_error("a: &a [*a]\n").message


def test_deep_nesting() -> None:
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    assert "nested more than" in one_error(text).message


def test_yaml_11_quirks_stay_text() -> None:
    # 'no' is a language code, not False; 1:30 is not the base-60 number 90.
    text = MINIMAL.replace("language: nb", "language: no")
    assert "language must be one of nb, nn, en, got the text 'no'" in one_error(text).message
    text = MINIMAL.replace("    at: 5m", "    at: 1:30")
    assert "ambiguous" in one_error(text).message


def test_merge_keys_are_refused() -> None:
    text = MINIMAL.replace("organisation", "x") + "organisation: &o {name: A}\nx:\n  <<: *o\n"
    assert any("merge keys" in f.message and f.line == 32 for f in errors(text))


def test_control_characters_are_located() -> None:
    text = MINIMAL.replace("title: Mini", "title: Mini\x07")
    f = one_error(text)
    assert f.line == 3 and "U+0007" in f.message


def test_command_reports_bad_files_without_traceback(write) -> None:
    cases = {
        "tab.yaml": "format: 1\n\tid: x\n",
        "bomb.yaml": BILLION_LAUGHS,
        "tag.yaml": "format: !!python/object/apply:os.system ['true']\n",
        "list.yaml": "- a\n",
        "empty.yaml": "",
    }
    paths = [str(write(text, name)) for name, text in cases.items()]
    paths.append(str(write(b"title: \xff\n", "latin.yaml")))
    proc = run_cli("validate", *paths)
    assert proc.returncode == 1
    reported = {line.split(":")[0] for line in proc.stdout.splitlines() if ": error: " in line}
    assert reported == set(paths)
