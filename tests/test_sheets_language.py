"""A spreadsheet of injects and an actions file, when they are wrong, say so in bokmål and
nynorsk: every finding of the importer and of the actions-file reader comes from the
catalogue, and none of their English sentences shows in a Norwegian rendering.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest

from simulator.engine.actions import load_actions
from simulator.lang import Entry, Language, Sayer
from simulator.lang.findings import FINDINGS
from simulator.lang.scripts import SCRIPTS
from simulator.lang.sheets import SHEETS
from simulator.scenario.diagnostics import Finding, ScenarioError, render_findings
from simulator.scenario.msel import Replacement, map_import_finding, read_rows, replace_injects
from simulator.scenario.yamlsource import parse_yaml
from tests.helpers import run_cli
from tests.test_msel import BASE, GOOD_ROWS, make_csv

CORPUS = Path(__file__).with_name("bad_inputs")
NORWEGIAN = (Language.NB, Language.NN)
NBSP = "\u00a0"


def _english(tables: Iterable[Mapping[str, Entry]]) -> list[str]:
    """The English words of every entry whose English is not its bokmål: each stretch of
    text between placeholders long enough to tell apart from a quoted value."""
    pieces = set()
    for table in tables:
        for english, bokmal, *_ in table.values():
            if english == bokmal:
                continue
            for text, *_ in string.Formatter().parse(english):
                if len(text.strip(" ;:,.'()")) >= 6:
                    pieces.add(text.strip())
    return sorted(pieces)


ENGLISH = _english([SHEETS, SCRIPTS])


def test_the_english_pieces_are_real_sentences() -> None:
    # The check below is only as good as this list: it holds the distinctive words.
    assert "cells but the header has" in ENGLISH
    assert "is never closed" in " ".join(ENGLISH)
    assert "an action needs 'at' (scenario time) and 'do'" in ENGLISH


def _refused(read: Callable[[], object]) -> list[Finding]:
    with pytest.raises(ScenarioError) as caught:
        read()
    return caught.value.findings


def _said_in(findings: list[Finding], language: Language) -> str:
    assert all(f.code is not None for f in findings), [f.message for f in findings]
    text = "\n".join(render_findings(findings, {}, language))
    assert not _english_in(text), (_english_in(text), text)
    return text


def _english_in(text: str) -> list[str]:
    # Whole words: "a cell" is English, "la cellen" is not.
    return [piece for piece in ENGLISH if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)]


# ---------------------------------------------------------------------------------------
# spreadsheets

# A file of the corpus, and what its first finding says in bokmål and in nynorsk.
SHEET_CASES = {
    "bad_after_cell.csv": (
        "after: «etter presse-a» skal være «delivered ID», «met ID», «missed ID» eller "
        "«unanswered ID»",
        "after: «etter presse-a» skal vere «delivered ID», «met ID», «missed ID» eller "
        "«unanswered ID»",
    ),
    "bad_yes_no.csv": (
        "sensitive: «kanskje» er verken ja eller nei",
        "sensitive: «kanskje» er korkje ja eller nei",
    ),
    "expect_unclosed_quote.csv": (
        'expect: et anførselstegn blir aldri lukket; skriv fraser slik: "som dette"',
        'expect: eit hermeteikn blir aldri lukka; skriv frasar slik: "som dette"',
    ),
    "expect_unknown_action.csv": (
        "expect: «svar» er ingen handling; bruk reply, statement",
        "expect: «svar» er inga handling; bruk reply, statement",
    ),
    "missing_from_cell.csv": ("«from» mangler", "«from» manglar"),
    "missing_text_column.csv": (
        "kolonne(r) mangler: text; overskriftsraden trenger id, at, after",
        "kolonne(r) manglar: text; overskriftsrada treng id, at, after",
    ),
    "unknown_extra_column.csv": (
        "kolonne(r) som ikke finnes: ansvarlig; kolonnene er id, at",
        "kolonne(r) som ikkje finst: ansvarlig; kolonnane er id, at",
    ),
    "too_many_cells.csv": (
        "16 celler, men overskriftsraden har 15; se etter et skilletegn for mye",
        "16 celler, men overskriftsrada har 15; sjå etter eit skiljeteikn for mykje",
    ),
    "unclosed_csv_quote.csv": (
        "anførselstegnet som åpner cellen «text», blir aldri lukket, så radene under blir "
        "lest inn i den ene cellen; lukk det på slutten av cellen",
        "hermeteiknet som opnar cella «text», blir aldri lukka, så radene under blir "
        "lesne inn i den eine cella; lukk det på slutten av cella",
    ),
}


@pytest.mark.parametrize("name", sorted(SHEET_CASES))
@pytest.mark.parametrize("language", NORWEGIAN)
def test_a_bad_spreadsheet_is_explained_in_norwegian(name: str, language: Language) -> None:
    findings = _refused(lambda: read_rows(CORPUS / "msel" / name, name))
    text = _said_in(findings, language)
    assert SHEET_CASES[name][NORWEGIAN.index(language)] in text, text
    severity = "feil"  # the same word in both
    assert text.startswith(f"{name}:{findings[0].line}: {severity}: "), text


def _sheet(tmp_path: Path, content: str) -> list[Finding]:
    path = tmp_path / "innspill.csv"
    path.write_text(content, encoding="utf-8")
    return _refused(lambda: read_rows(path, "innspill.csv"))


def test_an_empty_spreadsheet_is_explained(tmp_path: Path) -> None:
    findings = _sheet(tmp_path, "\n  \n")
    assert "filen er tom; lag en med «crisis-sim msel export»" in _said_in(findings, Language.NB)
    assert "fila er tom; lag ei med «crisis-sim msel export»" in _said_in(findings, Language.NN)


def test_a_quote_inside_a_cell_names_the_editor_line(tmp_path: Path) -> None:
    # The row above holds a line break, so row 4 of the sheet is line 5 of the file.
    rows = [dict(GOOD_ROWS[0], text="To\nlinjer"), GOOD_ROWS[1]]
    content = make_csv(rows) + 'sent,9m,,,kari,post,,"Hei" sa hun,,,,,,,\n'
    findings = _sheet(tmp_path, content)
    assert [(f.line, f.code) for f in findings] == [(4, "quote.inside")]
    assert findings[0].message.startswith("a quote ends in the middle of a cell (line 5 in a")
    assert (
        "et anførselstegn slutter midt i en celle (linje 5 i en teksteditor); sett enten "
        "hele cellen i anførselstegn"
    ) in _said_in(findings, Language.NB)
    assert (
        "eit hermeteikn sluttar midt i ei celle (linje 5 i ein teksteditor); set anten "
        "heile cella i hermeteikn"
    ) in _said_in(findings, Language.NN)


def test_a_cell_over_the_size_limit_is_explained_with_the_norwegian_number(
    tmp_path: Path,
) -> None:
    # Python's reader refuses a cell over 131,072 characters.
    row = 'vitne,0s,,,kari,post,,"' + "Brak! " * 30_000 + '",,,,,,,\n'
    findings = _sheet(tmp_path, make_csv([]) + row)
    assert findings[0].message.startswith("unreadable CSV: field larger than field limit")
    assert (
        f"CSV-filen kan ikke leses: en celle er lengre enn grensen på 131{NBSP}072 tegn; "
        "gjør den kortere"
    ) in _said_in(findings, Language.NB)
    assert (
        f"CSV-fila kan ikkje lesast: ei celle er lengre enn grensa på 131{NBSP}072 teikn; "
        "gjer henne kortare"
    ) in _said_in(findings, Language.NN)


# ---------------------------------------------------------------------------------------
# actions files

ACTION_CASES = {
    "entry_not_a_mapping.yaml": (
        "hver handling består av «nøkkel: verdi»-linjer med at, do, to, text",
        "kvar handling består av «nøkkel: verdi»-linjer med at, do, to, text",
    ),
    "missing_at.yaml": (
        "en handling trenger «at» (tid i scenarioet) og «do»",
        "ei handling treng «at» (tid i scenarioet) og «do»",
    ),
    "unknown_key.yaml": (
        "ukjent nøkkel «txt»; en handling har at, by, channel",
        "ukjend nøkkel «txt»; ei handling har at, by, channel",
    ),
    "text_is_a_list.yaml": (
        "«text» må være tekst, ikke en liste eller et tall; sett verdien i anførselstegn",
        "«text» må vere tekst, ikkje ei liste eller eit tal; set verdien i hermeteikn",
    ),
    "by_is_a_list.yaml": ("«by» må være tekst", "«by» må vere tekst"),
    "target_nested_list.yaml": (
        "«to» er id-en til en sak, eller en liste med id-er",
        "«to» er id-en til ei sak, eller ei liste med id-ar",
    ),
    # The engine's refusals, which the console shows too, said in the same words here.
    "do_unknown.yaml": ("«publish» er ingen handling", "«publish» er inga handling"),
    "flag_bad_label.yaml": ("merket «fake» er ikke et av", "merket «fake» er ikkje eit av"),
    "statement_bad_channel.yaml": (
        "kanalen «twitter» er ikke en av",
        "kanalen «twitter» er ikkje ein av",
    ),
}


@pytest.mark.parametrize("name", sorted(ACTION_CASES))
@pytest.mark.parametrize("language", NORWEGIAN)
def test_a_bad_actions_file_is_explained_in_norwegian(name: str, language: Language) -> None:
    findings = _refused(lambda: load_actions(CORPUS / "actions" / name))
    text = _said_in(findings, language)
    assert ACTION_CASES[name][NORWEGIAN.index(language)] in text, text


def test_a_bad_time_is_said_of_its_key() -> None:
    findings = _refused(lambda: load_actions(CORPUS / "actions" / "at_not_a_duration.yaml"))
    assert [(f.line, f.column, f.code) for f in findings] == [(4, 7, "about")]
    for language in (Language.EN, *NORWEGIAN):
        assert findings[0].text(language).startswith("at: ")
    _said_in(findings, Language.NB)


@pytest.mark.parametrize(
    ("content", "code", "bokmal", "nynorsk"),
    [
        (
            "# bare en kommentar\n",
            "empty",
            "handlingsfilen er tom; før opp handlinger som «- at: 4m30s» med «do»",
            "handlingsfila er tom; før opp handlingar som «- at: 4m30s» med «do»",
        ),
        (
            "at: 4m30s\ndo: note\n",
            "not_a_list",
            "en handlingsfil er en liste med handlinger, der hver begynner med «- at: 4m30s»",
            "ei handlingsfil er ei liste med handlingar, der kvar byrjar med «- at: 4m30s»",
        ),
    ],
)
def test_an_actions_file_that_is_no_list_of_actions_is_explained(
    content: str, code: str, bokmal: str, nynorsk: str, tmp_path: Path
) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(content, encoding="utf-8")
    findings = _refused(lambda: load_actions(path))
    assert [f.code for f in findings] == [code]
    assert bokmal in _said_in(findings, Language.NB)
    assert nynorsk in _said_in(findings, Language.NN)


# ---------------------------------------------------------------------------------------
# the import: findings pointed back at the sheet and the base file

# A check of the scenario that names another line, in a table of its own: what matters is
# the value called 'line', wherever it is in the finding.
ELSEWHERE: dict[str, Entry] = {
    "twice": (
        "id '{id}' is used twice (first on line {line})",
        "id-en «{id}» er brukt to ganger (første gang på linje {line})",
        "id-en «{id}» er brukt to gonger (første gong på linje {line})",
    ),
}


def _imported(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[Replacement, list[int]]:
    """The base scenario with the rows imported, and the sheet row of each inject."""
    (tmp_path / "rader.csv").write_text(make_csv(rows), encoding="utf-8")
    imported = read_rows(tmp_path / "rader.csv", "rader.csv")
    return replace_injects(parse_yaml(BASE, "base.yaml"), imported.injects), imported.rows


@pytest.mark.parametrize("nested", [False, True])
def test_an_import_repoints_the_lines_a_finding_names_in_every_language(
    nested: bool, tmp_path: Path
) -> None:
    rows = [dict(GOOD_ROWS[0], text="To\nlinjer"), GOOD_ROWS[1], GOOD_ROWS[2]]
    new, sheet_rows = _imported(tmp_path, rows)
    assert sheet_rows == [2, 3, 4]
    first, third = (new.inject_lines[k][0] + 1 for k in (0, 2))
    noise = new.text.splitlines().index("  - id: prat") + 1
    twice, about = Sayer(ELSEWHERE), Sayer(FINDINGS)

    def mapped(line: int, other: int) -> Finding:
        said = twice("twice", id="x", line=other)
        if nested:  # a clause of the finding names the line
            said = about("about", field="id", message=said)
        finding = Finding("out.yaml", line, 5, "error", said)
        return map_import_finding(finding, new, sheet_rows, "rader.csv", "base.yaml")

    # Both in the sheet: the other place is a row of it, named by its number alone.
    in_sheet = mapped(third, first)
    assert (in_sheet.path, in_sheet.line, in_sheet.column) == ("rader.csv", 4, 0)
    assert in_sheet.message.endswith("is used twice (first on line 2)")
    assert in_sheet.text("nb").endswith("er brukt to ganger (første gang på linje 2)")
    assert in_sheet.text("nn").endswith("er brukt to gonger (første gong på linje 2)")

    # In the sheet, first in the base file: the file is named, in the reader's language.
    across = mapped(third, noise)
    base_line = BASE.splitlines().index("  - id: prat") + 1
    assert across.message.endswith(f"(first on line {base_line} of base.yaml)")
    assert across.text("nb").endswith(f"(første gang på linje {base_line} i base.yaml)")
    assert across.text("nn").endswith(f"(første gong på linje {base_line} i base.yaml)")
    shown = "\n".join(render_findings([across], {}, "nb"))
    assert shown.startswith("rader.csv:4: feil: "), shown
    assert across.code == ("about" if nested else "twice")

    # In the base file, first in the sheet: the other way round.
    back = mapped(noise, third)
    assert (back.path, back.line, back.column) == ("base.yaml", base_line, 5)
    assert back.text("nb").endswith("(første gang på linje 4 i rader.csv)")
    assert back.message.endswith("(first on line 4 of rader.csv)")


def test_an_import_leaves_other_numbers_alone(tmp_path: Path) -> None:
    new, sheet_rows = _imported(tmp_path, GOOD_ROWS[:2])
    line = new.inject_lines[1][0] + 1
    said = Sayer(SHEETS)("cells.too_many", cells=line, header=line)
    finding = Finding("out.yaml", line, 1, "error", said)
    moved = map_import_finding(finding, new, sheet_rows, "rader.csv", "base.yaml")
    assert moved.line == 3 and moved.said == said


def test_msel_import_speaks_the_users_language(tmp_path: Path) -> None:
    # The base scenario and the user's locale both say bokmål: however the command picks
    # its language, it is bokmål.
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "rader.csv").write_text(
        make_csv([GOOD_ROWS[0], dict(GOOD_ROWS[1], sensitive="kanskje")]), encoding="utf-8"
    )
    env = {**os.environ, "LC_ALL": "nb_NO.UTF-8", "LANG": "nb_NO.UTF-8"}
    proc = run_cli(
        "msel", "import", "rader.csv", "--into", "base.yaml", "-o", "out.yaml",
        cwd=tmp_path, env=env, lang=None,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "rader.csv:3: feil: sensitive: «kanskje» er verken ja eller nei" in proc.stderr
    assert not _english_in(proc.stderr), proc.stderr
