"""The template language: placeholders, literal braces, and no attribute access."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.scenario.templates import (
    Placeholder,
    TemplateError,
    check_template,
    parse_template,
    render,
)


def test_placeholders_and_literal_braces() -> None:
    parts = parse_template("Hei {navn}, {{ikke}} {fake.city} }}")
    assert parts == (
        "Hei ",
        Placeholder("navn", 4),
        ", {ikke} ",
        Placeholder("fake.city", 21),
        " }",
    )


def test_render_inserts_values_once_and_never_reparses_them() -> None:
    values = {"navn": "{clock}", "clock": "12:00"}
    assert render("{navn} kl {clock}", values.__getitem__) == "{clock} kl 12:00"


@pytest.mark.parametrize(
    "text", ["{0.__class__}", "{navn.__class__.__mro__}", "{a[0]}", "{ }", "{!r}"]
)
def test_format_string_tricks_are_not_placeholders(text: str) -> None:
    problems = check_template(text, {"navn": "x"})
    assert problems, text


@pytest.mark.parametrize(
    ("text", "fragment", "offset"),
    [
        ("Hei {", "never closed", 4),
        ("Hei }", "lone '}'", 4),
        ("a {b", "never closed", 2),
    ],
)
def test_malformed_braces_name_the_position(text: str, fragment: str, offset: int) -> None:
    with pytest.raises(TemplateError) as err:
        parse_template(text)
    assert fragment in str(err.value)
    assert err.value.offset == offset


def test_unknown_placeholders_get_a_suggestion() -> None:
    [(message, offset)] = check_template("Ras i {stedd}", {"sted": "Bakkeby"})
    assert "{sted}" in message.text() and offset == 6
    [(message, _)] = check_template("{fake.phone}", {})
    assert "fake.phone_number" in message.text()


def test_builtins_and_fake_providers_are_known() -> None:
    assert check_template("{author} kl {clock}: {fake.name} {fake.street_address}", {}) == []


@given(st.text(max_size=60))
def test_parser_never_fails_unexpectedly(text: str) -> None:
    try:
        parts = parse_template(text)
    except TemplateError:
        return
    # Whatever parses renders back to text with the literal braces restored.
    rendered = render(text, lambda name: "{" + name + "}")
    assert rendered.replace("{", "").replace("}", "") == "".join(
        p if isinstance(p, str) else p.name for p in parts
    ).replace("{", "").replace("}", "")
