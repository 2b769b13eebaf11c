"""What is said of a scenario file before its content is checked (reading it, its YAML,
durations, placeholders, the model's own checks) is said in the reader's language, at the
same place in every language."""

from __future__ import annotations

import errno
import re
import string
from pathlib import Path

import pytest
from pydantic import ValidationError

from simulator.files import FileRefused, os_reason, parse_mode, read_input
from simulator.lang import Said, SaidError
from simulator.lang.source import SOURCE
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.durations import parse_duration
from simulator.scenario.loader import check_text
from simulator.scenario.model import Scenario
from simulator.scenario.templates import TemplateError, check_template, parse_template
from simulator.scenario.yamlsource import parse_yaml
from tests.helpers import MINIMAL, run_cli

# A finding's line: where it is (line and column only when known), then the severity.
_FINDING = re.compile(
    r"^(?P<where>.+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: "
    r"(?:error|warning|feil|advarsel|åtvaring): ",
    re.MULTILINE,
)


def _english_fragments() -> list[str]:
    """The fixed words of every English entry that differs from its bokmål: the stretches
    between placeholders that are long enough to be words rather than punctuation, and
    are not also part of a Norwegian text (YAML keys and examples stay as written)."""
    fragments: set[str] = set()
    for english, bokmal, *rest in SOURCE.values():
        if english == bokmal:
            continue
        norwegian = " ".join([bokmal, *rest])
        for literal, *_ in string.Formatter().parse(english):
            piece = literal.strip(" ;:,.()'")
            if len(piece) >= 12 and piece not in norwegian:
                fragments.add(piece)
    return sorted(fragments)


ENGLISH = _english_fragments()


# The command's own verdict after the findings ("FILE: invalid (1 error, ...)") is not
# said by this table.
_VERDICT = re.compile(r"^.*: (?:valid|invalid|not checked) \(.*\)$", re.MULTILINE)


def _english_in(text: str) -> list[str]:
    said = _VERDICT.sub("", text)
    return [fragment for fragment in ENGLISH if fragment in said]


def _places(output: str) -> list[tuple[str, str | None, str | None]]:
    return [(m["where"], m["line"], m["column"]) for m in _FINDING.finditer(output)]


def _validate(target: str | Path, language: str, cwd: Path) -> str:
    proc = run_cli("validate", "--lang", language, str(target), cwd=cwd)
    return proc.stdout + proc.stderr


# Each case: a file's text, and words that only the bokmål and the nynorsk text have.
CASES = {
    "tab": (MINIMAL.replace("    at: 5m", "\tat: 5m"), "med tabulator", "rykkjer inn"),
    "unclosed_quote": (
        MINIMAL + 'description: "Ras i Bakkeby\n',
        "anførselstegn",
        "hermeteikn",
    ),
    "colon_in_text": (
        MINIMAL.replace("title: Mini", "title: Ras: evakuer nå"),
        "kolon og mellomrom",
        "set heile teksten",
    ),
    "duplicate_key": (
        MINIMAL.replace("title: Mini\n", "title: Mini\ntitle: Igjen\n"),
        "står to ganger (først på linje 3)",
        "står to gonger (først på linje 3)",
    ),
    "unknown_placeholder": (
        MINIMAL.replace('"Ras i {sted}"', '"Ras i {stedd}"'),
        "ukjent plassholder {stedd}; mente du {sted}?",
        "ukjend plasshaldar {stedd}; meinte du {sted}?",
    ),
    "not_a_mapping": ("- format: 1\n- id: x\n", "ikke en liste", "ikkje ei liste"),
    "empty": ("# nothing yet\n", "filen er tom", "fila er tom"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_says_what_is_wrong_with_the_source_in_norwegian(
    case: str, tmp_path: Path
) -> None:
    text, bokmal, nynorsk = CASES[case]
    (tmp_path / "scenario.yaml").write_text(text, encoding="utf-8")
    english = _validate("scenario.yaml", "en", tmp_path)
    assert _places(english) and _english_in(english), english  # the English is recognised
    for language, words in (("nb", bokmal), ("nn", nynorsk)):
        shown = _validate("scenario.yaml", language, tmp_path)
        assert words in shown, shown
        assert _english_in(shown) == [], shown
        assert _places(shown) == _places(english), shown


def test_a_file_that_cannot_be_read_is_refused_in_norwegian(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    for target, bokmal, nynorsk in (
        ("folder.yaml", "dette er en mappe; oppgi stien", "dette er ei mappe; skriv stien"),
        ("nowhere/scenario.yaml", "filen finnes ikke", "fila finst ikkje"),
        ("brannovelse", "innebygd scenario med det navnet", "innebygd scenario med det namnet"),
        ("-", "standard inndata", "kan ikkje lesast frå standard inndata"),
    ):
        english = _validate(target, "en", tmp_path)
        assert _places(english) == [(target, None, None)] and _english_in(english), english
        for language, words in (("nb", bokmal), ("nn", nynorsk)):
            shown = _validate(target, language, tmp_path)
            assert words in shown, shown
            assert _english_in(shown) == [], shown
            assert _places(shown) == [(target, None, None)], shown


def test_a_file_over_the_size_limit_is_refused_in_norwegian(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (10 * 1024 * 1024))
    for language, words in (("nb", "filen er over 10 MB"), ("nn", "fila er over 10 MB")):
        shown = _validate(big.name, language, tmp_path)
        assert words in shown and "blir avvist" in shown, shown
        assert _english_in(shown) == [], shown
        assert _places(shown) == [("big.yaml", "1", "1")], shown


def test_a_file_that_is_not_utf8_is_refused_in_nynorsk(tmp_path: Path) -> None:
    (tmp_path / "latin1.yaml").write_bytes(MINIMAL.replace("Mini", "Mini\xe6").encode("latin-1"))
    shown = _validate("latin1.yaml", "nn", tmp_path)
    assert "byte 0xE6 er ikkje UTF-8-tekst; lagre fila med UTF-8-koding" in shown, shown
    assert _places(shown) == [("latin1.yaml", "3", "12")], shown


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("at: 5m", "at: 5 minutter", "er ikke en varighet"),
        ('"Hvor mange er evakuert?"', '"' + "x" * 20_001 + '"', "20\u00a0000"),
    ],
    ids=["duration", "long_text"],
)
def test_validate_says_a_validators_refusal_in_norwegian(
    old: str, new: str, words: str, tmp_path: Path
) -> None:
    (tmp_path / "scenario.yaml").write_text(MINIMAL.replace(old, new), encoding="utf-8")
    shown = _validate("scenario.yaml", "nb", tmp_path)
    assert words in shown and _english_in(shown) == [], shown


def test_findings_of_check_text_are_said_in_nynorsk() -> None:
    text = MINIMAL.replace("title: Mini\n", "title: Mini\ntitle: Igjen\n").replace(
        '"Ras i {sted}"', '"Ras i {fake.cty} {"'
    )
    result = check_text(text, "scenario.yaml")
    said = {f.code: f for f in result.findings}
    assert {"duplicate_key", "brace_unclosed"} <= set(said), result.findings
    duplicate = said["duplicate_key"]
    assert duplicate.message.startswith("duplicate key 'title' (first given on line 3)")
    assert duplicate.text("nn").startswith("nøkkelen «title» står to gonger (først på linje 3)")
    assert said["brace_unclosed"].text("nn") == (
        "ein '{' blir aldri lukka; skriv '{{' for ein vanleg klammeparentes"
    )
    for finding in result.findings:
        if finding.code in SOURCE:
            assert _english_in(finding.text("nn")) == [], finding.text("nn")


def test_an_unknown_fake_value_names_the_fake_values_in_bokmal() -> None:
    [(said, offset)] = check_template("Ras i {fake.cty}", {})
    assert isinstance(said, Said) and offset == 6
    assert str(said).startswith("unknown placeholder {fake.cty}; did you mean {fake.city}?")
    assert said.text("nb").startswith(
        "ukjent plassholder {fake.cty}; mente du {fake.city}? de oppdiktede verdiene er: name,"
    )


def test_many_variables_are_counted_the_languages_way() -> None:
    variables = {f"v{i}": "x" for i in range(1_234)}
    [(said, _)] = check_template("{nope}", variables)
    assert "… (1,234 in all)" in str(said)
    assert "… (1\u00a0234 i alt)" in said.text("nn")


def test_a_malformed_template_is_a_said_error() -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template("Ras i }")
    assert isinstance(caught.value, SaidError) and isinstance(caught.value, ValueError)
    assert str(caught.value) == "a lone '}'; write '}}' for a literal brace"
    assert caught.value.said.text("nb") == (
        "en '}' står alene; skriv '}}' for en vanlig klammeparentes"
    )
    assert caught.value.offset == 6


@pytest.mark.parametrize(
    ("value", "english", "nynorsk"),
    [
        ("1:30", "'1:30' is ambiguous", "«1:30» kan lesast på fleire måtar"),
        ("5 minutter", "'5 minutter' is not a duration", "«5 minutter» er ikkje ei tidslengd"),
        (-5, "a duration cannot be negative (-5)", "ei tidslengd kan ikkje vere negativ (-5)"),
        ("4m³0s", "holds the character '³' (U+00B3)", "inneheld teiknet «³» (U+00B3)"),
        ("1" * 30, "a number of 30 digits", "eit tal med 30 siffer"),
        (2.5, "a duration is whole seconds, got 2.5", "ei tidslengd er heile sekund"),
    ],
)
def test_a_duration_is_refused_in_the_readers_language(
    value: object, english: str, nynorsk: str
) -> None:
    with pytest.raises(SaidError) as caught:
        parse_duration(value)
    assert english in str(caught.value)
    said = caught.value.said.text("nn")
    assert nynorsk in said and _english_in(said) == [], said


def test_the_models_refusals_are_said_errors() -> None:
    bad = {
        "format": 1,
        "id": "Mini!",
        "title": "Mini",
        "duration": "9999h",
        "start": "1850-01-01T00:00:00+00:00",
    }
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(bad)
    refusals = {
        ".".join(map(str, e["loc"])): e["ctx"]["error"]
        for e in caught.value.errors()
        if isinstance(e.get("ctx", {}).get("error"), SaidError)
    }
    assert refusals["id"].said.text("nb").startswith("«Mini!» er ikke en gyldig id")
    assert refusals["duration"].said.text("nn") == (
        "må vere høgst 168h (7 døgn), fekk 9999h; del ei lengre øving opp i fleire scenario"
    )
    assert refusals["start"].said.text("nb").startswith("året må være mellom 1900 og 2200")
    assert str(refusals["duration"]).startswith("must be at most 168h (7 days), got 9999h")


def test_file_refusals_carry_what_they_say(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as caught:
        read_input(tmp_path)
    refused = caught.value
    assert str(refused) == "is a folder; give the path of a file"
    assert refused.sentence() == "this is a folder; give the path of a file"
    assert refused.said.text("nn") == "dette er ei mappe; skriv stien til ei fil"
    assert refused.naming("ut.csv").text("nb") == "ut.csv er en mappe; oppgi stien til en fil"
    full = OSError(errno.ENOSPC, "No space left on device")
    assert str(os_reason(full)) == "the disk is full; free some space and try again"
    assert os_reason(full).text("nn") == "disken er full; frigjer plass og prøv att"
    with pytest.raises(SaidError) as mode:
        parse_mode("999")
    assert mode.value.said.text("nb").startswith("«999» er ikke en filmodus")


def test_an_alias_bomb_is_counted_the_languages_way() -> None:
    layers = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    layers += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(7)
    ]
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("\n".join(layers) + "\n", "bomb.yaml")
    [finding] = caught.value.findings
    assert "more than 2,000,000 values" in finding.message
    assert "mer enn 2\u00a0000\u00a0000 verdier" in finding.text("nb")


def test_the_parsers_problems_keep_its_english_words() -> None:
    """A problem the YAML parser names is said from the catalogue; its English is the
    parser's own, so that English output is what the parser said."""
    from simulator.scenario.yamlsource import _PROBLEMS

    assert all(SOURCE[key][0] == words for words, key in _PROBLEMS.items())
    for text, problem in (
        ("a: &x 1\nb: &x 2\n", "fant et anker som er definert to ganger"),
        ("a: [1, 2\n", "fant ikke ',' eller ']' der det skulle stå"),
        ("a:\n\t- x\n", "YAML rykker inn med mellomrom, aldri med tabulator"),
    ):
        with pytest.raises(ScenarioError) as caught:
            parse_yaml(text, "f.yaml")
        assert problem in caught.value.findings[0].text("nb")
