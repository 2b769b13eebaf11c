"""The template language of scenario texts.

Texts may hold ``{variable}``, ``{author}``, ``{clock}`` and ``{fake.PROVIDER}``; ``{{`` and
``}}`` stand for literal braces. The parser is our own: scenario files are untrusted, and
``str.format`` on objects would let a text reach attributes (``{0.__class__}``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from simulator.lang import Said, SaidError, Sayer
from simulator.lang.source import SOURCE
from simulator.scenario.diagnostics import closest

_say = Sayer(SOURCE)

# Faker providers a template may call. Each returns plain text in every locale we use.
FAKE_PROVIDERS: tuple[str, ...] = (
    "name",
    "first_name",
    "last_name",
    "street_name",
    "street_address",
    "city",
    "postcode",
    "phone_number",
    "email",
    "company",
)
BUILTIN_PLACEHOLDERS: tuple[str, ...] = ("author", "clock")
RESERVED_NAMES: frozenset[str] = frozenset({"author", "clock", "fake"})

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")


class TemplateError(SaidError):
    """A malformed template; ``said`` is what is wrong, ``offset`` the character index of
    the problem."""

    def __init__(self, said: Said, offset: int) -> None:
        super().__init__(said)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A ``{name}`` in a template, with its character offset in the source text."""

    name: str
    offset: int


Part = str | Placeholder


@lru_cache(maxsize=8192)
def parse_template(text: str) -> tuple[Part, ...]:
    """Split a template into literal strings and placeholders, or raise TemplateError."""
    if "{" not in text and "}" not in text:
        return (text,)
    parts: list[Part] = []
    literal: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        literal.append(text[pos : match.start()])
        token = match.group(0)
        pos = match.end()
        if token == "{{":
            literal.append("{")
        elif token == "}}":
            literal.append("}")
        elif token == "{":
            raise TemplateError(_say("brace_unclosed", brace="{"), match.start())
        elif token == "}":
            raise TemplateError(_say("brace_lone", brace="}"), match.start())
        else:
            name = match.group(1).strip()
            if not _NAME.fullmatch(name):
                raise TemplateError(_say("not_placeholder", token=token), match.start())
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Placeholder(name, match.start()))
    literal.append(text[pos:])
    if any(literal):
        parts.append("".join(literal))
    return tuple(parts)


def known_placeholders(variables: Mapping[str, str]) -> list[str]:
    """Every placeholder name a scenario with these variables may use."""
    return [*variables, *BUILTIN_PLACEHOLDERS, *(f"fake.{p}" for p in FAKE_PROVIDERS)]


def check_template(text: str, variables: Mapping[str, str]) -> list[tuple[Said, int]]:
    """Problems in one template as ``(message, offset)`` pairs; empty when it is fine.

    Each message is a :class:`~simulator.lang.Said`, put into words in the reader's
    language (``str()`` of it is English)."""
    try:
        parts = parse_template(text)
    except TemplateError as err:
        return [(err.said, err.offset)]
    problems: list[tuple[Said, int]] = []
    messages: dict[str, Said] = {}  # a name used many times is looked up once
    for part in parts:
        if isinstance(part, str) or _is_known(part.name, variables):
            continue
        if part.name not in messages:
            messages[part.name] = _unknown_message(part.name, variables)
        problems.append((messages[part.name], part.offset))
    return problems


def _is_known(name: str, variables: Mapping[str, str]) -> bool:
    if name in variables or name in BUILTIN_PLACEHOLDERS:
        return True
    prefix, _, provider = name.partition(".")
    return prefix == "fake" and provider in FAKE_PROVIDERS


def _unknown_message(name: str, variables: Mapping[str, str]) -> Said:
    if name.startswith("fake."):
        guess = closest(name[5:], FAKE_PROVIDERS)
        return _say(
            "fake_unknown",
            name=name,
            hint=_say("placeholder_guess", name=f"fake.{guess}") if guess else "",
            providers=", ".join(FAKE_PROVIDERS),
        )
    guess = closest(name, known_placeholders(variables))
    # Named in full only when short: the message is printed once per unknown placeholder.
    names = list(variables)
    declared: Said | str = ", ".join(names[:10]) if names else _say("declared_none")
    if len(names) > 10:
        declared = _say("declared_more", names=declared, count=len(names))
    return _say(
        "placeholder_unknown",
        name=name,
        hint=_say("placeholder_guess", name=guess) if guess else "",
        declared=declared,
    )


def render(text: str, resolve: Callable[[str], str]) -> str:
    """Expand a template, asking ``resolve`` for each placeholder's value.

    Values are inserted as they are: a value is never parsed as a template again.
    """
    return "".join(p if isinstance(p, str) else resolve(p.name) for p in parse_template(text))


def expand_variables(text: str, variables: Mapping[str, str]) -> str:
    """Expand only the scenario variables; other placeholders stay as written."""
    return render(text, lambda name: variables.get(name, "{" + name + "}"))
