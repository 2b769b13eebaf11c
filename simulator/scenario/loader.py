"""Loading a scenario file: read, parse, check shape, check rules."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from simulator.lang import Sayer
from simulator.lang.source import SOURCE
from simulator.scenario.bundled import resolve_scenario
from simulator.scenario.diagnostics import Finding, ScenarioError, sort_findings
from simulator.scenario.model import Scenario
from simulator.scenario.validate import (
    Reporter,
    check_scenario,
    lenient_scenario,
    report_validation_error,
)
from simulator.scenario.yamlsource import parse_yaml, read_text

_say = Sayer(SOURCE)


@dataclass(slots=True)
class CheckResult:
    """What ``check_text`` found: the scenario when it could be built, and every finding."""

    path: str
    text: str
    scenario: Scenario | None
    findings: list[Finding] = field(default_factory=list)
    language: str | None = None
    """The ``language`` the file gives, even when the scenario is not valid: its findings
    are best read in it."""

    @property
    def ok(self) -> bool:
        """True when there is a scenario and no error (warnings allowed)."""
        return self.scenario is not None and not any(f.severity == "error" for f in self.findings)


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    """A valid scenario with the exact text it came from."""

    path: str
    text: str
    scenario: Scenario
    warnings: list[Finding]

    @property
    def sha256(self) -> str:
        """Hash of the scenario text, stored with sessions."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def check_text(text: str, display: str) -> CheckResult:
    """Check scenario text without raising: every finding is returned."""
    try:
        doc = parse_yaml(text, display)
    except ScenarioError as err:
        return CheckResult(display, text, None, sort_findings(err.findings))
    rep = Reporter(display, doc.root, text)
    rep.findings += doc.findings
    language = _declared_language(doc.data)
    if not isinstance(doc.data, dict):
        rep.add((), _say("not_mapping"))
        return CheckResult(display, text, None, rep.findings, language)
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as err:
        report_validation_error(err, doc.data, rep)
        partial = lenient_scenario(doc.data, err, rep)
        if partial is not None:
            check_scenario(partial[0], rep, partial[1])
        return CheckResult(display, text, None, _unique(sort_findings(rep.findings)), language)
    check_scenario(scenario, rep)
    # A duplicate key leaves a scenario, but not the one the author meant.
    usable = scenario if not doc.findings else None
    return CheckResult(display, text, usable, sort_findings(rep.findings), language)


def _declared_language(data: object) -> str | None:
    """The scenario's ``language`` as written, if it is one the catalogue has."""
    from simulator.lang import language_of

    value = data.get("language") if isinstance(data, dict) else None
    return str(language_of(value)) if isinstance(value, str) and language_of(value) else None


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))


def check_file(path: Path, display: str | None = None) -> CheckResult:
    """Read and check a scenario file; unreadable files come back as findings too."""
    shown = display or str(path)
    try:
        text = read_text(path, shown)
    except ScenarioError as err:
        return CheckResult(shown, "", None, err.findings)
    return check_text(text, shown)


def load_scenario(name_or_path: str | Path) -> LoadedScenario:
    """Load a valid scenario by path or bundled name; raises ScenarioError with every error."""
    path, display = resolve_scenario(str(name_or_path))
    result = check_file(path, display)
    if not result.ok or result.scenario is None:
        raise ScenarioError([f for f in result.findings if f.severity == "error"], result.language)
    return LoadedScenario(display, result.text, result.scenario, result.findings)


def load_scenario_text(text: str, display: str) -> LoadedScenario:
    """Load a valid scenario from text, e.g. the copy stored inside a session file."""
    result = check_text(text, display)
    if not result.ok or result.scenario is None:
        raise ScenarioError([f for f in result.findings if f.severity == "error"], result.language)
    return LoadedScenario(display, text, result.scenario, result.findings)
