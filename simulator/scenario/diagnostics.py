"""Findings: what validation reports, located in the user's file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
    """The offending source line with a caret under the column, or '' when unknown."""
    if not source or finding.line < 1:
        return ""
    lines = source.splitlines()
    if finding.line > len(lines):
        return ""
    text = lines[finding.line - 1].replace("\t", " ")
    gutter = f"{finding.line:>5} | "
    caret = " " * (len(gutter) + max(finding.column - 1, 0)) + "^"
    return f"{gutter}{text}\n{caret}"


def findings_to_json(findings: Iterable[Finding]) -> str:
    """The machine-readable form: ``[{path, line, column, severity, message}]``."""
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


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
