"""Checking what the team publishes: avoided phrases and personal data.

Every reply and statement is checked, and the findings are recorded with the action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# 11 digits, optionally spaced as 6+5, whose first six form a day and month (D-numbers add
# 40 to the day): a Norwegian national identity number (fødselsnummer or D-nummer).
_NATIONAL_ID = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})\s?(\d{5})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s-]?)?\d(?:[\s-]?\d){7,11}(?![\w])")
PRIVATE_ROLES = frozenset({"citizen", "activist", "influencer", "employee"})


@dataclass(frozen=True, slots=True)
class GuidelineFinding:
    """One breach in a published text."""

    rule: str  # avoid | national_id | email | phone
    match: str

    def as_dict(self) -> dict[str, str]:
        """The form stored with the action."""
        return {"rule": self.rule, "match": self.match}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _plausible_national_id(match: re.Match[str]) -> bool:
    day, month = int(match.group(1)), int(match.group(2))
    if day > 40:
        day -= 40  # D-number
    return 1 <= day <= 31 and 1 <= month <= 12


@dataclass
class GuidelineChecker:
    """Knows the scenario's avoided phrases and the contact details private people posted."""

    avoid: list[str]
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    # Contact details that are public anyway: the scenario's own (a hotline in 'variables')
    # and those that agencies and media published. A private person repeating them does
    # not make them private.
    public_emails: set[str] = field(default_factory=set)
    public_phones: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._avoid = [(phrase, re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)",
                                           re.IGNORECASE)) for phrase in self.avoid]

    def learn(self, text: str) -> None:
        """Remember contact details in a delivered item by a private person."""
        if "@" in text:
            self.emails.update(m.lower() for m in _EMAIL.findall(text))
        for match in _PHONE.finditer(text):
            self.phones.add(_digits(match.group(0))[-8:])

    def learn_public(self, text: str) -> None:
        """Remember contact details that are public (official texts, scenario variables)."""
        if "@" in text:
            self.public_emails.update(m.lower() for m in _EMAIL.findall(text))
        for match in _PHONE.finditer(text):
            self.public_phones.add(_digits(match.group(0))[-8:])

    def check(self, text: str) -> list[GuidelineFinding]:
        """Every breach in a text the team is publishing."""
        found = [GuidelineFinding("avoid", phrase) for phrase, pattern in self._avoid
                 if pattern.search(text)]
        found += [GuidelineFinding("national_id", m.group(0))
                  for m in _NATIONAL_ID.finditer(text) if _plausible_national_id(m)]
        found += [GuidelineFinding("email", m) for m in _EMAIL.findall(text)
                  if m.lower() in self.emails and m.lower() not in self.public_emails]
        found += [GuidelineFinding("phone", m.group(0).strip()) for m in _PHONE.finditer(text)
                  if _digits(m.group(0))[-8:] in self.phones
                  and _digits(m.group(0))[-8:] not in self.public_phones]
        return found


def findings_as_dicts(findings: Iterable[GuidelineFinding]) -> list[dict[str, str]]:
    """Findings in their stored form."""
    return [f.as_dict() for f in findings]
