"""Findings: what validation reports, located in the user's file."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from simulator.lang import Said, Sayer
from simulator.lang.findings import FINDINGS

said = Sayer(FINDINGS)

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
    """One problem in one file, at a 1-based line and column.

    What it says is kept as :class:`~simulator.lang.Said`, put into words in the reader's
    language when it is shown.
    """

    path: str
    line: int
    column: int
    severity: Severity
    said: Said

    @property
    def message(self) -> str:
        """What the finding says, in English."""
        return self.text()

    @property
    def code(self) -> str:
        """The catalogue key of what it says: the same in every language."""
        return self.said.key

    def text(self, language: str | None = None) -> str:
        """What the finding says, in ``language`` (English when None)."""
        return self.said.text(language)

    def as_text(self, language: str | None = None) -> str:
        """Render as ``path:line:col: severity: message``, the compiler convention."""
        where = self.path
        if self.line > 0:
            where += f":{self.line}" + (f":{self.column}" if self.column > 0 else "")
        return f"{where}: {said(self.severity).text(language)}: {clip(self.text(language))}"


def said_of(message: object) -> Said:
    """What another part said: its :class:`Said` (an exception's, crisis-sim's own all
    carry one as ``said``), or its words kept as they came (a library's, the system's),
    which have no translation of their own."""
    if isinstance(message, Said):
        return message
    carried = getattr(message, "said", None)
    return carried if isinstance(carried, Said) else said("as_given", message=str(message))


class ScenarioError(Exception):
    """Raised when a file cannot be loaded; carries every finding found so far, and the
    language the file says it is written in, when it could be read that far."""

    def __init__(self, findings: Sequence[Finding], language: str | None = None) -> None:
        super().__init__("\n".join(f.as_text() for f in findings))
        self.findings = list(findings)
        self.language = language


def has_errors(findings: Iterable[Finding], strict: bool = False) -> bool:
    """True when any finding is an error, or any finding at all under ``strict``."""
    return any(strict or f.severity == "error" for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Order findings as a reader meets them: by file, line and column."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.severity != "error"))


# A file can hold many findings on one line (10,000 unknown placeholders); what is printed
# must stay proportional to what a reader can use. These are the documented caps
# (docs/scenario-format.md, "Message format").
MAX_FINDINGS = 10_000  # findings collected per file; then checking stops
MAX_SHOWN = 100  # findings printed per file in the text form
MAX_JSON = 1_000  # findings listed per file in the JSON form
EXCERPT_WIDTH = 120  # characters of a source line shown around the column
# A message quotes what it found (a key, a name); a quoted 5 MB key must not make a 5 MB
# message. The middle goes, so that the fix at the end of the message stays.
MAX_MESSAGE = 1_000
_ELLIPSIS = "…"


class SourceLines:
    """A source's lines as editors split them, split once however many findings it has."""

    def __init__(self, source: str) -> None:
        lines = _LINE_END.split(source)
        if lines and lines[-1] == "":  # the break that ends the last line starts no line
            lines.pop()
        self.lines = lines

    def excerpt(self, line: int, columns: Sequence[int]) -> str:
        """Line ``line`` with a caret under each column, clipped around the first column
        when the line is long; '' when the line is unknown."""
        if line < 1 or line > len(self.lines) or not columns:
            return ""
        text = self.lines[line - 1].replace("\t", " ")
        first = max(min(columns) - 1, 0)
        start, end = 0, len(text)
        if len(text) > EXCERPT_WIDTH:
            start = max(0, min(first - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
            end = start + EXCERPT_WIDTH
        head = _ELLIPSIS if start > 0 else ""
        tail = _ELLIPSIS if end < len(text) else ""
        gutter = f"{line:>5} | "
        shown = printable(text[start:end], one_line=True)
        offsets = sorted(
            {
                _width(printable(text[start : c - 1], one_line=True))
                for c in (max(col, 1) for col in columns)
                if start <= c - 1 <= end
            }
        )
        carets = ""
        for offset in offsets:
            carets += " " * (offset - len(carets)) + "^"
        return f"{gutter}{head}{shown}{tail}\n{' ' * (len(gutter) + len(head))}{carets}"


def excerpt(source: str | None, finding: Finding) -> str:
    """The offending source line with a caret under the column, or '' when unknown.

    Lines are split as editors split them, so the line shown is the one the number names.
    """
    if not source or finding.line < 1:
        return ""
    return SourceLines(source).excerpt(finding.line, [finding.column])


def clip(text: str) -> str:
    """A message of at most ``MAX_MESSAGE`` characters: the middle goes."""
    if len(text) <= MAX_MESSAGE:
        return text
    keep = (MAX_MESSAGE - 3) // 2
    return f"{text[:keep]} … {text[-keep:]}"


def stopped_finding(path: str) -> Finding:
    """The finding that says checking stopped after ``MAX_FINDINGS`` findings."""
    return Finding(path, 0, 0, "error", said("stopped", count=MAX_FINDINGS))


def _more(path: str, left: Sequence[Finding]) -> Finding:
    errors = sum(f.severity == "error" for f in left)
    return Finding(
        path,
        0,
        0,
        "error" if errors else "warning",
        said("more", count=len(left), path=path, errors=errors, warnings=len(left) - errors),
    )


def _by_file(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def render_findings(
    findings: Iterable[Finding], sources: Mapping[str, str], language: str | None = None
) -> Iterator[str]:
    """The text form, in ``language``: each finding on one line; each source line quoted
    once, under the last of its findings, with a caret per column; at most ``MAX_SHOWN``
    findings per file."""
    for path, group in _by_file(findings).items():
        source = sources.get(path)
        lines = SourceLines(source) if source else None
        shown = group[:MAX_SHOWN]
        for k, finding in enumerate(shown):
            # One finding, one line: a quoted line break must not start a fake finding.
            yield printable(finding.as_text(language), one_line=True)
            following = shown[k + 1] if k + 1 < len(shown) else None
            if lines is None or finding.line < 1:
                continue
            if following is not None and following.line == finding.line:
                continue  # the line is quoted once, after its last finding
            columns = [f.column for f in shown if f.line == finding.line]
            quoted = lines.excerpt(finding.line, columns)
            if quoted:
                yield quoted
        if len(group) > MAX_SHOWN:
            yield printable(_more(path, group[MAX_SHOWN:]).text(language), one_line=True)


def _record(finding: Finding, language: str | None) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "severity": finding.severity,
        "message": clip(finding.text(language)),
        "code": finding.code,
    }


def findings_to_json(findings: Iterable[Finding], language: str | None = None) -> str:
    """The machine-readable form: ``[{path, line, column, severity, message, code}]``.

    ``severity`` and ``code`` (what the finding is about) are the same in every language;
    ``message`` is in ``language``. At most ``MAX_JSON`` findings per file are listed; when
    there are more, one last entry for the file (line and column 0) says how many were left
    out.
    """
    records: list[dict[str, object]] = []
    for path, group in _by_file(findings).items():
        records += [_record(f, language) for f in group[:MAX_JSON]]
        if len(group) > MAX_JSON:
            records.append(_record(_more(path, group[MAX_JSON:]), language))
    return json_safe(json.dumps(records, ensure_ascii=False, indent=2))


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
