"""Checking what the team publishes: avoided phrases, forbidden claims and personal data.

Every reply and statement is checked, and the findings are recorded with the action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from simulator.engine.events import Role, Rule
from simulator.scenario.phrases import find_phrase

# 11 digits, optionally spaced as 6+5, whose first six form a day and month (D-numbers add
# 40 to the day): a Norwegian national identity number (fødselsnummer or D-nummer).
_NATIONAL_ID = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})\s?(\d{5})(?!\d)")
# A match starts only where a run of address characters starts: without the look-behind, a
# long text with no '@' would be tried from every position of every word (quadratic).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A Norwegian phone number has eight digits, written together (91417776), in pairs
# (91 41 77 76) or as 3-2-3 (914 17 776), optionally after +47 or 0047. Only these shapes
# count, so that times (14:30), dates (2026-11-26), years and amounts (12 500 000) do not.
_NORWEGIAN_PHONE = (
    r"(?:(?:\+|00)47[\s-]?)?"
    r"(?:\d{8}|\d{2}(?:[\s-]\d{2}){3}|\d{3}[\s-]\d{2}[\s-]\d{3})"
)
# Other countries' numbers are recognised by their +country code, as written abroad:
# +44 115 496 0914, +44(0)115 4960914.
_FOREIGN_PHONE = r"\+\d{1,3}(?:\s?\(0\))?(?:[\s-]?\d){6,12}"
_PHONE = re.compile(rf"(?<![\w+])(?:{_NORWEGIAN_PHONE}|{_FOREIGN_PHONE})(?!\w)")
# A cheap test that lets most texts skip the search: every address has an '@', and every
# number above has two digits at most one space or hyphen apart (a time like 14:30 has not).
_CONTACT_HINT = re.compile(r"@|\d[\d\s-]\d")
PRIVATE_ROLES = frozenset({Role.CITIZEN, Role.ACTIVIST, Role.INFLUENCER, Role.EMPLOYEE})


@dataclass(frozen=True, slots=True)
class GuidelineFinding:
    """One breach in a published text."""

    rule: str  # a Rule
    match: str
    reason: str | None = None  # a forbidden claim's, as the scenario gives it

    def as_dict(self) -> dict[str, str]:
        """The form stored with the action."""
        found = {"rule": self.rule, "match": self.match}
        if self.reason is not None:
            found["reason"] = self.reason
        return found


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _phone_key(number: str) -> str:
    # The last eight digits: the same number with or without +47 or 0047 is one number.
    return _digits(number)[-8:]


def may_hold_contact(text: str) -> bool:
    """Whether a text can hold an e-mail address or a phone number worth remembering."""
    return _CONTACT_HINT.search(text) is not None


def _plausible_national_id(match: re.Match[str]) -> bool:
    day, month = int(match.group(1)), int(match.group(2))
    if day > 40:
        day -= 40  # D-number
    return 1 <= day <= 31 and 1 <= month <= 12


@dataclass
class GuidelineChecker:
    """Knows the scenario's avoided phrases and the contact details private people posted."""

    avoid: list[str]
    forbid: list[tuple[str, str]] = field(default_factory=list)  # (phrase, reason)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    # Contact details that are public anyway: the scenario's own (a hotline in 'variables')
    # and those that agencies and media published. A private person repeating them does
    # not make them private.
    public_emails: set[str] = field(default_factory=set)
    public_phones: set[str] = field(default_factory=set)

    def learn(self, text: str) -> None:
        """Remember contact details in a delivered item by a private person."""
        if "@" in text:
            self.emails.update(m.lower() for m in _EMAIL.findall(text))
        for match in _PHONE.finditer(text):
            self.phones.add(_phone_key(match.group(0)))

    def learn_public(self, text: str) -> None:
        """Remember contact details that are public (official texts, scenario variables)."""
        if "@" in text:
            self.public_emails.update(m.lower() for m in _EMAIL.findall(text))
        for match in _PHONE.finditer(text):
            self.public_phones.add(_phone_key(match.group(0)))

    def check(self, text: str) -> list[GuidelineFinding]:
        """Every breach in a text the team is publishing."""
        found = [
            GuidelineFinding(Rule.AVOID, phrase)
            for phrase in self.avoid
            if find_phrase(phrase, text) is not None
        ]
        found += [
            GuidelineFinding(Rule.FORBID, match, reason)
            for phrase, reason in self.forbid
            if (match := find_phrase(phrase, text)) is not None
        ]
        found += [
            GuidelineFinding(Rule.NATIONAL_ID, m.group(0))
            for m in _NATIONAL_ID.finditer(text)
            if _plausible_national_id(m)
        ]
        found += [
            GuidelineFinding(Rule.EMAIL, m)
            for m in (_EMAIL.findall(text) if "@" in text else ())
            if m.lower() in self.emails and m.lower() not in self.public_emails
        ]
        found += [
            GuidelineFinding(Rule.PHONE, m.group(0).strip())
            for m in _PHONE.finditer(text)
            if _phone_key(m.group(0)) in self.phones
            and _phone_key(m.group(0)) not in self.public_phones
        ]
        return found


def findings_as_dicts(findings: Iterable[GuidelineFinding]) -> list[dict[str, str]]:
    """Findings in their stored form."""
    return [f.as_dict() for f in findings]
