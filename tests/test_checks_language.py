"""validate in bokmål and nynorsk: every finding of the scenario checks, and the clauses
inside them (where, what was found, the guess at a typo), in the reader's language."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from simulator.lang import LANGUAGES, Said, SaidError
from simulator.lang.checks import CHECKS
from simulator.scenario import validate
from simulator.scenario.diagnostics import said_of
from simulator.scenario.validate import said
from tests.helpers import run_cli
from tests.test_language import _english_on

# Shape errors: each is found before any rule between fields is checked.
SHAPE = """\
format: 1
id: skred
titel: Skred i Bakkeby
duration: 2h
start: 2026-03-12T07:40:00
summary: 5
scoring:
  deadlines:
    pres: 1h
variables:
  ~: Bakkeby
  sted: true
personas:
  - id: kari
    name: [Kari, Nordmann]
  - id: avisa
    name: Avisa
    role: media
    followers: mange
injects:
  - id: first
    at: 1m
    from: kari
    kind: pres
    text: "Ras i Bakkeby"
    expect:
      - do: reply
        innen: 10m
  - id: second
    at: 2m
    from: avisa
    kind: press
    expect:
      - do: reply
noise:
  - id: prat
    authors: {role: citizen, count: 0}
    rate: [{at: 0m, per_minute: -1}, {at: 1h, per_minute: 2}]
    mix: {valdi: 1}
    texts:
      valid: ["Det raste i natt"]
"""

# Rules between fields, in a scenario whose shape is right (so its warnings are given too).
RULES = """\
format: 1
id: skred
title: Skred i Bakkeby
duration: 2h
variables:
  author: Ola
  sted: Bakkeby
scoring:
  first_statement: 30h
  deadlines:
    press: 48h
personas:
  - id: kari
    name: Kari Nordmann
  - id: kari
    name: Kari Hansen
  - id: avisa
    name: Avisa
    role: media
  - id: ordforer
    name: Ordfører
injects:
  - id: first
    at: 3h
    from: kary
    kind: post
    text: "Ras i {stde}"
  - id: second
    at: 5m
    after: {delivered: prat}
    from: avisa
    kind: press
    reply_to: secnd
    text: "Hvor mange er evakuert?"
    expect:
      - do: reply
        within: 0m
        label: valid
      - do: flag
        within: 30h
  - id: third
    from: avisa
    kind: press
    delay: 5m
    text: "Når kommer pressemeldingen?"
  - id: fourth
    after: {met: fifth}
    from: avisa
    kind: press
    text: "Svar nå"
  - id: fifth
    after: {delivered: fourth}
    from: avisa
    kind: press
    text: "Og nå?"
    expect:
      - do: reply
  - id: sixth
    after: {met: first}
    from: avisa
    kind: press
    text: "Hallo?"
  - id: prat-1
    at: 1m
    from: avisa
    kind: press
    reply_to: prat-1
    text: "Samme id"
  - id: seventh
    after: {delivered: third}
    from: avisa
    kind: press
    text: "Hører dere?"
  - id: eighth
    after: {delivered: prat-1}
    delay: 2h
    from: avisa
    kind: press
    text: "For sent"
noise:
  - id: prat
    authors: [kari, avis]
    rate: [{at: 1h, per_minute: 2}, {at: 0m, per_minute: 2}]
    mix: {valid: 1, misleading: 1}
    texts:
      valid: ["Det raste i natt"]
      irrelevant: ["Fint vær"]
  - id: stille
    authors: []
    rate: [{at: 0m, per_minute: 2}]
    mix: {valid: 0}
    texts:
      valid: ["Stille"]
"""

#: What each language says of the two files, finding by finding (one sentence or clause each).
SAID = {
    "nb": [
        "mangler den påkrevde nøkkelen «title»",
        "ukjent nøkkel «titel»; mente du «title»? tillatte nøkler: format, id, title,",
        "start trenger en tidssone",
        "summary må være tekst, men er et tall (5)",
        "nøkkelen må være en av post, question, press,",
        "men er teksten «pres»; mente du «press»?",
        "nøkkelen må være tekst, men er ingenting (en tom verdi)",
        "name må være tekst, men er en liste",
        "followers må være et heltall, men er teksten «mange»",
        "ukjent nøkkel «innen» i forventning nr. 1",
        "mangler den påkrevde nøkkelen «text» i innspill «second»",
        "count må være 1 eller mer, men er 0",
        "«author» er en innebygd plassholder",
        "«first_statement» kan være høyst varigheten pluss 24h (26h)",
        "svarfristen for press kan være høyst varigheten pluss 24h (26h)",
        "id-en «kari» er brukt to ganger (avsender, første gang på linje 13)",
        "advarsel: avsenderen «ordforer» blir aldri brukt",
        "planlagt til T+3:00:00, etter at scenarioet slutter (2h)",
        "«from» viser til avsenderen «kary», som ikke er definert under «personas»; "
        "mente du «kari»?",
        "bruk enten «at» eller «after», ikke begge",
        "(en bakgrunnsstrøm; utløsere venter på innspill)",
        "«reply_to» viser til «secnd», som ikke er et innspill; mente du «second»?",
        "«after»-kjeden går i ring (fourth → fifth → fourth)",
        "forfatterlisten er tom; skriv id-er for avsendere eller bruk {role: citizen, count: 50}",
        "«valid»-tekstene i strømmen «prat» vil gjenta seg innen ti minutter",
        "innspillet «seventh» kan aldri komme: «third» kommer selv aldri",
    ],
    "nn": [
        "manglar den påkravde nøkkelen «title»",
        "ukjend nøkkel «titel»; meinte du «title»? tillatne nøklar: format, id, title,",
        "start treng ei tidssone",
        "summary må vere tekst, men er eit tal (5)",
        "nøkkelen må vere ein av post, question, press,",
        "men er teksten «pres»; meinte du «press»?",
        "nøkkelen må vere tekst, men er ingenting (ein tom verdi)",
        "name må vere tekst, men er ei liste",
        "followers må vere eit heiltal, men er teksten «mange»",
        "ukjend nøkkel «innen» i forventing nr. 1",
        "manglar den påkravde nøkkelen «text» i innspel «second»",
        "count må vere 1 eller meir, men er 0",
        "«author» er ein innebygd plasshaldar",
        "«first_statement» kan vere høgst varigheita pluss 24h (26h)",
        "svarfristen for press kan vere høgst varigheita pluss 24h (26h)",
        "id-en «kari» er brukt to gonger (avsendar, første gong på linje 13)",
        "åtvaring: avsendaren «ordforer» blir aldri brukt",
        "planlagt til T+3:00:00, etter at scenarioet sluttar (2h)",
        "«from» viser til avsendaren «kary», som ikkje er definert under «personas»; "
        "meinte du «kari»?",
        "bruk anten «at» eller «after», ikkje begge",
        "(ein bakgrunnsstraum; utløysarar ventar på innspel)",
        "«reply_to» viser til «secnd», som ikkje er eit innspel; meinte du «second»?",
        "«after»-kjeda går i ring (fourth → fifth → fourth)",
        "forfattarlista er tom; skriv id-ar for avsendarar eller bruk {role: citizen, count: 50}",
        "«valid»-tekstane i straumen «prat» kjem til å gjenta seg innan ti minutt",
        "innspelet «seventh» kan aldri kome: «third» kjem sjølv aldri",
    ],
}


def _write(folder: Path) -> list[str]:
    (folder / "shape.yaml").write_text(SHAPE, encoding="utf-8")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    return [str(folder / "shape.yaml"), str(folder / "rules.yaml")]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_validate_says_every_finding_in_norwegian(tmp_path: Path, language: str) -> None:
    files = _write(tmp_path)
    proc = run_cli("validate", "--lang", language, *files)
    assert proc.returncode == 1, proc.stderr
    shown = _flat(proc.stdout)
    assert [s for s in SAID[language] if _flat(s) not in shown] == []
    assert _english_on(proc.stdout, language, [CHECKS]) == []


def test_json_names_each_finding_by_its_entry(tmp_path: Path) -> None:
    """The files give the findings the Norwegian test reads, each said by its own entry: a
    finding no longer given would make that test prove less without failing."""
    files = _write(tmp_path)
    proc = run_cli("validate", "--lang", "nb", "--format", "json", *files)
    codes = {finding["code"] for finding in json.loads(proc.stdout)}
    assert codes >= {
        "key.missing",
        "key.unknown",
        "must.timezone",
        "must.text",
        "must.whole_number",
        "must.at_least",
        "enum",
        "variable.reserved",
        "deadline.late",
        "id.duplicate",
        "persona.unused",
        "at.after_end",
        "from.undefined",
        "time.both",
        "time.none",
        "delay.without_after",
        "after.unknown",
        "after.no_expect",
        "after.loop",
        "reply.self",
        "reply.unknown",
        "flag.label",
        "label.unused",
        "within.zero",
        "id.clashes_noise",
        "author.unknown",
        "authors.empty",
        "rate.one_point",
        "rate.order",
        "mix.no_texts",
        "mix.zero",
        "texts.unused",
        "texts.repeat",
        "never.chain",
        "never.late",
    }


def test_english_is_as_before(tmp_path: Path) -> None:
    files = _write(tmp_path)
    shown = _flat(run_cli("validate", "--lang", "en", *files).stdout)
    for sentence in (
        "unknown key 'titel'; did you mean 'title'? allowed keys: format, id, title,",
        "key must be one of post, question, press,",
        "got the text 'pres'; did you mean 'press'?",
        "unknown key 'innen' in expectation item 1;",
        "missing required key 'text' in inject 'second'",
        "duplicate persona id 'kari' (first used on line 13); ids must be unique",
        "warning: persona 'ordforer' is never used",
        "the press deadline is at most the duration plus 24h (26h)",
        "the author list is empty; name persona ids or use {role: citizen, count: 50}",
        "'after' waits on 'prat', which is not an inject (a noise stream; triggers wait "
        "on injects)",
    ):
        assert sentence in shown


def test_a_scenario_in_nynorsk_is_checked_in_nynorsk(tmp_path: Path) -> None:
    path = tmp_path / "nynorsk.yaml"
    path.write_text(RULES.replace("title: Skred", "language: nn\ntitle: Skred"), "utf-8")
    proc = run_cli("validate", str(path), lang=None)
    shown = _flat(proc.stdout)
    assert "åtvaring: avsendaren «ordforer» blir aldri brukt" in shown
    assert "id-en «kari» er brukt to gonger (avsendar, første gong på linje 14)" in shown
    assert _english_on(proc.stdout, "nn", [CHECKS]) == []
    # --lang still decides when it is given.
    assert "duplicate persona id 'kari'" in run_cli("validate", "--lang", "en", str(path)).stdout


# --- the table itself -----------------------------------------------------------------------

_NUMBERS = {
    "limit",
    "count",
    "total",
    "peak",
    "share",
    "needed",
    "have",
    "more",
    "width",
    "each",
    "line",
    "number",
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_every_entry_can_be_said_in_every_language(key: str) -> None:
    """Each entry's format specs ({limit:,}, {share:.0%}) fit the values it is given, and
    a clause given to it is said in the same language."""
    values: dict[str, object] = {
        name: 1234.5 if name in _NUMBERS else said("noun.persona")
        for name in _fields(CHECKS[key][0])
    }
    sentence = said(key, **values)
    texts = [sentence.text(language) for language in LANGUAGES]
    assert all(texts)
    if "noun.persona" in {getattr(v, "key", None) for v in values.values()}:
        assert "persona" in texts[0] and "avsender" in texts[1] and "avsendar" in texts[2]


def test_a_message_from_elsewhere_keeps_its_own_words() -> None:
    """A refusal that says itself in every language is kept as it is; an English one is
    shown as it came, in every language."""
    own = said("reply.self")
    assert said_of(SaidError(own)) is own
    assert said_of(own) is own
    plain = said_of(ValueError("not a duration"))
    assert isinstance(plain, Said)
    assert [plain.text(language) for language in LANGUAGES] == ["not a duration"] * 3


def test_every_entry_is_used() -> None:
    """The table has no dead entries: each key is named in the checks."""
    source = Path(validate.__file__).read_text(encoding="utf-8")
    named = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert sorted(set(CHECKS) - named) == []
