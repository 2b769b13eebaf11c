"""Findings: what validation reports, located in the user's file."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Scenario files, action files and spreadsheets come from anyone. A control character
# quoted from them into a message could move the cursor, clear the screen or retitle the
# window, so everything printed goes through printable(). Tabs, line ends and the CR of
# CRLF (CSV uses it) are kept; a lone CR would let a text overwrite the line it is on.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# In a finding, invisible characters are shown as well: a key spelt 'title' plus a
# zero-width space would otherwise read as "unknown key 'title'", and a direction mark
# could reorder the quoted line under its caret. (ZWJ and ZWNJ stay: emoji need them.)
_CONTROL_ONE_LINE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]"
)
_JSON_RAW = re.compile("[\x7f-\x9f]")  # json.dumps escapes only the C0 controls
_LINE_END = re.compile(r"\r\n|\r|\n")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"  # the others have no picture


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to print on a terminal: control characters shown, never obeyed.

    With ``one_line``, line breaks are shown too, so that a quoted value can never start
    a line of its own that looks like another finding.
    """
    return (_CONTROL_ONE_LINE if one_line else _CONTROL).sub(_visible, text)


def json_safe(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped too; the data is unchanged."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _width(text: str) -> int:
    """Terminal columns a text takes: wide characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def as_text(self) -> str:
        """Render as ``path:line:col: severity: message``, the compiler convention."""
        where = self.path
        if self.line > 0:
            where += f":{self.line}" + (f":{self.column}" if self.column > 0 else "")
        return f"{where}: {self.severity}: {self.message}"


class ScenarioError(Exception):
    """Raised when a file cannot be loaded; carries every finding found so far."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__("\n".join(f.as_text() for f in findings))
        self.findings = list(findings)


def has_errors(findings: Iterable[Finding], strict: bool = False) -> bool:
    """True when any finding is an error, or any finding at all under ``strict``."""
    return any(strict or f.severity == "error" for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Order findings as a reader meets them: by file, line and column."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.severity != "error"))


def excerpt(source: str | None, finding: Finding) -> str:
    """The offending source line with a caret under the column, or '' when unknown.

    Lines are split as editors split them, so the line shown is the one the number names.
    """
    if not source or finding.line < 1:
        return ""
    lines = _LINE_END.split(source)
    if lines[-1] == "":  # the break that ends the last line starts no line of its own
        lines.pop()
    if finding.line > len(lines):
        return ""
    text = lines[finding.line - 1].replace("\t", " ")
    before = printable(text[: max(finding.column - 1, 0)], one_line=True)
    gutter = f"{finding.line:>5} | "
    caret = " " * (len(gutter) + _width(before)) + "^"
    return f"{gutter}{printable(text, one_line=True)}\n{caret}"


def findings_to_json(findings: Iterable[Finding]) -> str:
    """The machine-readable form: ``[{path, line, column, severity, message}]``."""
    return json_safe(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option a typo most likely meant, or None: close spelling, else a prefix match."""
    from difflib import get_close_matches

    choices = list(options)
    match = get_close_matches(word, choices, n=1, cutoff=0.6)
    if match:
        return match[0]
    lowered = word.lower()
    prefixed = [c for c in choices if lowered and c.lower().startswith(lowered)]
    return prefixed[0] if len(prefixed) == 1 else None
