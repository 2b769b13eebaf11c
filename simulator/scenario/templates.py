"""The template language of scenario texts.

Texts may hold ``{variable}``, ``{author}``, ``{clock}`` and ``{fake.PROVIDER}``; ``{{`` and
``}}`` stand for literal braces. A phrase grammar varies a text: ``{a|b|c}`` is one of the
alternatives, ``{?words}`` is the words or nothing; alternatives may hold placeholders and
further alternatives. The parser is our own: scenario files are untrusted, and
``str.format`` on objects would let a text reach attributes (``{0.__class__}``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
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
    "first_name_female",
    "first_name_male",
    "name_female",
    "name_male",
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
#: The placeholder of a story's ``quoted`` text that the team's words fill in; known there
#: and nowhere else.
QUOTE = "quote"
RESERVED_NAMES: frozenset[str] = frozenset({"author", "clock", "fake", QUOTE})

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


@dataclass(frozen=True, slots=True)
class Choice:
    """``{a|b}`` or ``{?a}`` in a template: one of ``options``, each a sequence of parts
    (an optional part has an empty second option)."""

    options: tuple[tuple[Part, ...], ...]
    offset: int


Part = str | Placeholder | Choice
_SPECIAL = re.compile(r"[{}|]")


@lru_cache(maxsize=8192)
def parse_template(text: str) -> tuple[Part, ...]:
    """Split a template into literal strings, placeholders and choices, or raise
    TemplateError."""
    if "{" not in text and "}" not in text:
        return (text,)
    parts, pos, end = _parse_sequence(text, 0, nested=False)
    if end is not None:  # pragma: no cover - the top level ends only at the text's end
        raise TemplateError(_say("brace_lone", brace="}"), pos)
    return parts


def _parse_sequence(
    text: str, pos: int, *, nested: bool
) -> tuple[tuple[Part, ...], int, str | None]:
    """Parts from ``pos`` up to the end of the text, or (``nested``) up to a ``|`` or
    ``}`` of the enclosing choice. Returns the parts, the position after the stop, and the
    stop (None at the text's end)."""
    parts: list[Part] = []
    literal: list[str] = []
    while True:
        match = _SPECIAL.search(text, pos)
        if match is None:
            if nested:
                raise TemplateError(_say("brace_unclosed", brace="{"), -1)  # the group's
            literal.append(text[pos:])
            break
        at = match.start()
        literal.append(text[pos:at])
        char = match.group(0)
        if char == "|":
            if nested:
                _flush(literal, parts)
                return tuple(parts), at + 1, "|"
            literal.append("|")
            pos = at + 1
        elif char == "}":
            if nested:
                _flush(literal, parts)
                return tuple(parts), at + 1, "}"
            if text.startswith("}}", at):
                literal.append("}")
                pos = at + 2
                continue
            raise TemplateError(_say("brace_lone", brace="}"), at)
        elif not nested and text.startswith("{{", at):
            literal.append("{")
            pos = at + 2
        else:
            part, pos = _parse_group(text, at)
            _flush(literal, parts)
            parts.append(part)
    _flush(literal, parts)
    return tuple(parts), len(text), None


def _flush(literal: list[str], parts: list[Part]) -> None:
    joined = "".join(literal)
    literal.clear()
    if joined:
        parts.append(joined)


def _parse_group(text: str, at: int) -> tuple[Part, int]:
    """The ``{…}`` opening at ``at``: a placeholder, a choice or an optional part."""
    close = text.find("}", at + 1)
    inner = text[at + 1 : close] if close >= 0 else ""
    if close >= 0 and "{" not in inner and "|" not in inner and not inner.startswith("?"):
        name = inner.strip()
        if not _NAME.fullmatch(name):
            raise TemplateError(_say("not_placeholder", token=text[at : close + 1]), at)
        return Placeholder(name, at), close + 1
    optional = text.startswith("{?", at)
    pos = at + (2 if optional else 1)
    options: list[tuple[Part, ...]] = []
    while True:
        try:
            option, pos, stop = _parse_sequence(text, pos, nested=True)
        except TemplateError as err:
            if err.offset >= 0:
                raise
            raise TemplateError(err.said, at) from None
        options.append(option)
        if stop == "}":
            break
    if optional:
        options.append(())
    return Choice(tuple(options), at), pos


def filled(parts: tuple[Part, ...], name: str, value: str) -> tuple[Part, ...]:
    """The parts with each ``{name}`` (inside choices too) as the literal ``value``: a
    value that is never read as a template."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Placeholder) and part.name == name:
            out.append(value)
        elif isinstance(part, Choice):
            options = tuple(filled(option, name, value) for option in part.options)
            out.append(Choice(options, part.offset))
        else:
            out.append(part)
    return tuple(out)


def placeholders(parts: tuple[Part, ...]) -> Iterator[Placeholder]:
    """Every placeholder in the parts, inside choices too."""
    for part in parts:
        if isinstance(part, Placeholder):
            yield part
        elif isinstance(part, Choice):
            for option in part.options:
                yield from placeholders(option)


def variant_count(parts: tuple[Part, ...]) -> int:
    """How many different texts the choices of a template can make (placeholders count as
    one each)."""
    count = 1
    for part in parts:
        if isinstance(part, Choice):
            count *= sum(variant_count(option) for option in part.options)
    return count


def widest(parts: tuple[Part, ...], width: Callable[[Placeholder], int]) -> int:
    """The most characters the parts can expand to, ``width`` giving a placeholder's."""
    total = 0
    for part in parts:
        if isinstance(part, str):
            total += len(part)
        elif isinstance(part, Placeholder):
            total += width(part)
        else:
            total += max(widest(option, width) for option in part.options)
    return total


REPEAT_WINDOW = 10  # minutes within which a reader notices the same text twice


def text_variety(template: str, authors: int) -> float:
    """How many different texts one template gives within ``REPEAT_WINDOW`` minutes.

    Each alternative of a ``{a|b}`` choice is a text of its own.

    A ``{fake.…}`` value is drawn anew for every item from pools of hundreds, so such a
    template counts as unlimited; ``{author}`` gives one text per author of the stream;
    ``{clock}`` one per fictional minute; any other text is one text.
    """
    try:
        parts = parse_template(template)
    except TemplateError:
        return 1  # reported as an error of its own
    names = {part.name for part in placeholders(parts)}
    if any(name.startswith("fake.") for name in names):
        return math.inf
    variety = float(variant_count(parts))
    if "author" in names:
        variety *= authors
    if "clock" in names:
        variety *= REPEAT_WINDOW
    return variety


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
    for part in placeholders(parts):
        if _is_known(part.name, variables):
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


def render(
    text: str, resolve: Callable[[str], str], pick: Callable[[int], int] | None = None
) -> str:
    """Expand a template, asking ``resolve`` for each placeholder's value and ``pick`` for
    the option of each choice (given how many there are; the first when not given).

    Values are inserted as they are: a value is never parsed as a template again.
    """
    return "".join(_render_parts(parse_template(text), resolve, pick or _first))


def _first(count: int) -> int:
    return 0


def _render_parts(
    parts: tuple[Part, ...], resolve: Callable[[str], str], pick: Callable[[int], int]
) -> Iterator[str]:
    for part in parts:
        if isinstance(part, str):
            yield part
        elif isinstance(part, Placeholder):
            yield resolve(part.name)
        else:
            yield from _render_parts(part.options[pick(len(part.options))], resolve, pick)


def expand_variables(text: str, variables: Mapping[str, str]) -> str:
    """Expand only the scenario variables; other placeholders stay as written."""
    return render(text, lambda name: variables.get(name, "{" + name + "}"))
