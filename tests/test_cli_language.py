"""The command line in bokmål and nynorsk: no English text of the catalogue on its output.

A representative set of the command line's runs is made in each language: usage errors and
``--help`` (click's own words), refused files, refused ``-o`` targets, sessions that are
missing, busy or ended, a scripted team that cannot act, and the summaries of ``validate``
and ``simulate``. For each run, no English text of any catalogue table (the parts of an
entry whose English differs from the language asked for, as tests/test_language.py splits
them) may appear on standard output or standard error, and a Norwegian text that only the
translation gives must.

The runs are independent, so they go two at a time, and each language is one test: the
two languages can then run side by side.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from simulator.lang import LANGUAGES, Entry, Language
from tests.helpers import MINIMAL, run_cli, run_cli_process
from tests.test_language import TABLES, _english_on
from tests.test_session_safety import HOLD_SESSION, Holder

CORPUS = Path(__file__).with_name("bad_inputs")
LANGS = ("nb", "nn")


@dataclass(frozen=True)
class Case:
    """One run of the command; ``L`` in ``args`` stands for the language under test."""

    name: str
    args: tuple[str, ...]
    exit: int
    #: Per language, a text only the translation gives (proof that it is not just silent).
    says: dict[str, str] = field(default_factory=dict)

    def argv(self, language: str, folder: Path) -> list[str]:
        return [
            language if a == "L" else a.replace("{dir}", str(folder)).replace("{lang}", language)
            for a in self.args
        ]


def _nb_nn(nb: str, nn: str | None = None) -> dict[str, str]:
    return {"nb": nb, "nn": nn if nn is not None else nb}


#: Cases whose every message comes from the catalogue on this branch.
CASES = [
    Case("help", ("--lang", "L", "--help"), 0, _nb_nn("Kommandoer:", "Kommandoar:")),
    Case(
        "validate --help",
        ("validate", "--lang", "L", "--help"),
        0,
        _nb_nn("Vis denne hjelpen og avslutt.", "Vis denne hjelpa og avslutt."),
    ),
    Case(
        "msel import --help",
        ("msel", "import", "--lang", "L", "--help"),
        0,
        _nb_nn("Valg:", "Val:"),
    ),
    Case("version", ("--lang", "L", "--version"), 0, _nb_nn("versjon")),
    Case(
        "no such option",
        ("validate", "--lang", "L", "--bogus"),
        2,
        _nb_nn("Valget '--bogus' finnes ikke", "Valet '--bogus' finst ikkje"),
    ),
    Case(
        "missing argument",
        ("run", "--lang", "L"),
        2,
        _nb_nn("Mangler argumentet", "Manglar argumentet"),
    ),
    Case("extra argument", ("schema", "--lang", "L", "extra"), 2, _nb_nn("for mye", "for mykje")),
    Case(
        "value not allowed",
        ("score", "--lang", "L", "--format", "pdf", "x.sqlite"),
        2,
        _nb_nn("er ikke en av", "er ikkje ein av"),
    ),
    Case(
        "number out of range",
        ("replay", "--lang", "L", "--speed", "99", "x.sqlite"),
        2,
        _nb_nn("er ikke et tall", "er ikkje eit tal"),
    ),
    Case(
        "missing session file",
        ("score", "--lang", "L", "nosuch.sqlite"),
        1,
        _nb_nn("øktfilen finnes ikke", "øktfila finst ikkje"),
    ),
    Case(
        "score of a scenario",
        ("score", "--lang", "L", "mini.yaml"),
        1,
        _nb_nn("ikke en øktfil", "ikkje ei øktfil"),
    ),
    Case(
        "export of an empty file",
        ("export", "--lang", "L", "empty.sqlite"),
        1,
        _nb_nn("filen er tom", "fila er tom"),
    ),
    Case(
        "-o onto a session",
        ("schema", "--lang", "L", "-o", "ended.sqlite"),
        2,
        _nb_nn("Gi -o et nytt filnavn", "Gi -o eit nytt filnamn"),
    ),
    Case(
        "-o onto its input",
        ("preview", "mini.yaml", "--lang", "L", "-o", "mini.yaml"),
        2,
        _nb_nn("filen denne kommandoen leser", "fila denne kommandoen les"),
    ),
    Case(
        "resume of an ended session",
        ("resume", "--lang", "L", "ended.sqlite"),
        1,
        _nb_nn("er avsluttet", "er avslutta"),
    ),
    Case(
        "resume of a busy session",
        ("resume", "--lang", "L", "busy.sqlite"),
        1,
        _nb_nn("åpen for skriving i en annen crisis-sim", "open for skriving i ein annan"),
    ),
    Case(
        "an action after the end",
        (
            "simulate",
            "jordras",
            "--seed",
            "1",
            "--actions",
            str(CORPUS / "actions" / "at_after_the_end.yaml"),
            "--session",
            "late-{lang}.sqlite",
            "--lang",
            "L",
        ),
        1,
        _nb_nn("kommer etter slutten av øvelsen", "kjem etter slutten av øvinga"),
    ),
    Case(
        "simulate into an existing session",
        ("simulate", "mini.yaml", "--seed", "1", "--session", "ended.sqlite", "--lang", "L"),
        2,
        _nb_nn("finnes allerede", "finst alt"),
    ),
    Case(
        "run onto an existing session",
        ("run", "mini.yaml", "--session", "ended.sqlite", "--lang", "L"),
        2,
        _nb_nn("åpne den igjen", "opne henne att"),
    ),
    Case(
        "new over an existing file",
        ("new", "--lang", "L", "mini.yaml"),
        2,
        _nb_nn("legg til --force", "legg til --force"),
    ),
    Case(
        "validate's summary",
        ("validate", "--lang", "L", "mini.yaml"),
        0,
        _nb_nn(
            "mini.yaml: gyldig (0 feil, 0 advarsler)", "mini.yaml: gyldig (0 feil, 0 åtvaringar)"
        ),
    ),
    Case(
        "simulate's summary",
        ("simulate", "mini.yaml", "--seed", "2", "--session", "new-{lang}.sqlite", "--lang", "L"),
        0,
        _nb_nn("Forventninger:", "Forventningar:"),
    ),
    Case(
        "list",
        ("list", "--lang", "L"),
        0,
        _nb_nn("Medfølgende scenarioer", "Medfølgjande scenario"),
    ),
]

#: Cases whose messages come from the scenario checks (validate), the files module (-o onto
#: a folder, --mode), durations, the actions file and the spreadsheet import.
CASES += [
    Case(
        "validate of bad files",
        (
            "validate",
            "--lang",
            "L",
            *(
                str(CORPUS / "scenarios" / f"{name}.yaml")
                for name in (
                    "syntax_colon_in_plain_text",
                    "syntax_list_as_key",
                    "type_at_boolean",
                    "unknown_inject_key",
                    "ref_reply_to_unknown",
                    "cycle_three",
                    "enc_latin1",
                )
            ),
        ),
        1,
        _nb_nn("ugyldig (1 feil, 2 advarsler)", "ugyldig (1 feil, 2 åtvaringar)"),
    ),
    Case(
        "validate of a missing file", ("validate", "--lang", "L", "nosuch.yaml"), 2, _nb_nn("feil:")
    ),
    Case("-o onto a folder", ("schema", "--lang", "L", "-o", "{dir}"), 2),
    Case("a mode that is not one", ("schema", "--lang", "L", "--mode", "999"), 2),
    Case(
        "--until that is not a duration",
        ("simulate", "mini.yaml", "--seed", "1", "--until", "soon", "--lang", "L"),
        2,
    ),
    Case(
        "a bad actions file",
        (
            "simulate",
            "jordras",
            "--seed",
            "1",
            "--actions",
            str(CORPUS / "actions" / "at_not_a_duration.yaml"),
            "--session",
            "bad-{lang}.sqlite",
            "--lang",
            "L",
        ),
        1,
    ),
    Case(
        "a bad spreadsheet",
        (
            "msel",
            "import",
            str(CORPUS / "msel" / "at_after_the_end.csv"),
            "--into",
            "jordras",
            "-o",
            "out-{lang}.yaml",
            "--lang",
            "L",
        ),
        1,
        _nb_nn("Ingenting er skrevet", "Ingenting er skrive"),
    ),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A scenario, an ended session, an empty file, and a session another program holds."""
    work = tmp_path_factory.mktemp("cli-language")
    (work / "mini.yaml").write_text(MINIMAL, encoding="utf-8")
    (work / "empty.sqlite").write_bytes(b"")
    made = run_cli("simulate", "mini.yaml", "--seed", "1", "--session", "ended.sqlite", cwd=work)
    assert made.returncode == 0, made.stderr
    shutil.copy(work / "ended.sqlite", work / "busy.sqlite")
    holder = Holder(HOLD_SESSION, str(work / "busy.sqlite"), cwd=work)
    try:
        yield work
    finally:
        holder.stop()


def _problems(
    language: str, folder: Path, cases: list[Case], tables: list[Mapping[str, Entry]]
) -> list[str]:
    """Run ``cases`` one after another (each in this process); say what each got wrong."""

    def one(case: Case) -> list[str]:
        done = run_cli(*case.argv(language, folder), cwd=folder)
        out = done.stdout + done.stderr
        found = []
        if done.returncode != case.exit:
            found.append(f"{case.name}: exit {done.returncode}, not {case.exit}:\n{out}")
        if case.says and case.says[language] not in out:
            found.append(f"{case.name}: {case.says[language]!r} not in:\n{out}")
        english = _english(_messages(out), language, tables)
        if english:
            found.append(f"{case.name}: English {english} in:\n{out}")
        return found

    return [problem for case in cases for problem in one(case)]


def _messages(output: str) -> str:
    """What the command said in its own words: without the lines that quote a scenario
    file (``  12 | text``) and their carets, without quoted values («statement», 'pdf'),
    which are the user's words or tokens typed as they are, and without the
    ``crisis-sim: error:`` prefix, which stays the same in every language on purpose."""
    kept = []
    for line in output.splitlines():
        quoted = " | " in line[:12] and line.split("|")[0].strip().isdigit()
        if quoted or line.lstrip().startswith("^"):
            continue
        line = line.replace("crisis-sim: error:", "").replace("internal error:", "")
        kept.append(re.sub(r"«[^»]*»|'[^']*'", " ", line))
    return "\n".join(kept)


def _format_keys() -> set[str]:
    """Every key of the scenario format: tokens a planner types as they are, which a
    message lists in every language ("allowed keys: id, from, kind, ...")."""
    from simulator.scenario import validate

    return {key for model in validate._MODEL_AT.values() for key in validate._field_names(model)}


def _english(text: str, language: str, tables: list[Mapping[str, Entry]]) -> list[str]:
    """The English parts of ``tables`` on ``text``, leaving out those the catalogue's own
    Norwegian uses as they are (command and key names: score, text, duration) and the
    scenario format's keys."""
    column = LANGUAGES.index(Language(language))
    norwegian = " ".join(entry[column] for table in TABLES.values() for entry in table.values())
    keys = _format_keys()
    return [
        part
        for part in _english_on(text, language, tables)
        if part not in keys and not re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", norwegian)
    ]


@pytest.mark.parametrize("language", LANGS)
def test_the_command_line_says_nothing_in_english(language: str, folder: Path) -> None:
    assert _problems(language, folder, CASES, list(TABLES.values())) == []


def test_english_is_still_english(folder: Path) -> None:
    """--lang en, and an English system without it, keep the wording users and scripts
    know: the Norwegian is a translation, not a replacement."""
    done = run_cli("validate", "--lang", "en", "mini.yaml", cwd=folder)
    assert done.stdout.splitlines()[-1] == "mini.yaml: valid (0 errors, 0 warnings)"
    done = run_cli("run", cwd=folder, env=_locale("C.UTF-8"))
    assert "Missing argument 'SCENARIO'; see 'crisis-sim run --help'" in done.stderr
    # End to end: the installed command reads the system's language from its environment.
    done = run_cli_process("--help", cwd=folder, env=_locale("nb_NO.UTF-8"), lang=None)
    assert "Kommandoer:" in done.stdout  # the system's language, when --lang is not given


def _locale(name: str) -> dict[str, str]:
    """This environment with the system's language set to ``name``."""
    unset = ("LC_ALL", "LC_MESSAGES", "LANGUAGE")
    return {**{k: v for k, v in os.environ.items() if k not in unset}, "LANG": name}


def test_runs_in_one_process_do_not_leak_their_language(folder: Path) -> None:
    """main() called again in the same process starts from nothing heard: the help, click's
    own words and the scenario's language of one run do not carry over to the next."""
    norwegian = run_cli("validate", "--help", cwd=folder, lang="nb")
    assert "Vis denne hjelpen og avslutt." in norwegian.stdout and "Valg:" in norwegian.stdout
    english = run_cli("validate", "--help", cwd=folder, lang="en")
    assert "Show this message and exit." in english.stdout and "Options:" in english.stdout
    assert not any(line in english.stdout for line in norwegian.stdout.splitlines()[2:] if line)
    run_cli("validate", "mini.yaml", cwd=folder, lang=None)  # hears the scenario's bokmål
    done = run_cli("validate", "--bogus", cwd=folder, env=_locale("C.UTF-8"), lang=None)
    assert done.stderr == (
        "crisis-sim: error: No such option '--bogus'; see 'crisis-sim validate --help'\n"
    ), done.stderr
