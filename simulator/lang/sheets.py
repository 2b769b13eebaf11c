"""What is said of a spreadsheet of injects: reading its rows, importing and exporting them.

The column names, the words of the expect cell ('reply within 30m') and the command
'crisis-sim msel export' stay as they are in every language: they are what a planner
types into the sheet or the terminal.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SHEETS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "empty": (
        "the file is empty; export one from 'crisis-sim msel export' to start from",
        "filen er tom; lag en med «crisis-sim msel export» og begynn med den",
        "fila er tom; lag ei med «crisis-sim msel export» og byrj med henne",
    ),
    "columns.missing": (
        "missing column(s): {missing}; the header row needs {columns}",
        "kolonne(r) mangler: {missing}; overskriftsraden trenger {columns}",
        "kolonne(r) manglar: {missing}; overskriftsrada treng {columns}",
    ),
    "columns.unknown": (
        "unknown column(s): {unknown}; the columns are {columns}",
        "kolonne(r) som ikke finnes: {unknown}; kolonnene er {columns}",
        "kolonne(r) som ikkje finst: {unknown}; kolonnane er {columns}",
    ),
    "cells.too_many": (
        "{cells} cells but the header has {header}; check for a stray separator",
        "{cells} celler, men overskriftsraden har {header}; se etter et skilletegn for mye",
        "{cells} celler, men overskriftsrada har {header}; sjå etter eit skiljeteikn for mykje",
    ),
    # A required cell left empty; 'column' is the column's name, as in the header.
    "missing": ("missing '{column}'", "«{column}» mangler", "«{column}» manglar"),
    # The cells below follow the column's name ("sensitive: ...").
    "yes_no": (
        "'{value}' is not yes or no",
        "«{value}» er verken ja eller nei",
        "«{value}» er korkje ja eller nei",
    ),
    "after": (
        "'{after}' should read 'delivered ID', 'met ID', 'missed ID' or 'unanswered ID'",
        "«{after}» skal være «delivered ID», «met ID», «missed ID» eller «unanswered ID»",
        "«{after}» skal vere «delivered ID», «met ID», «missed ID» eller «unanswered ID»",
    ),
    "expect.quote": (
        'a quote is never closed; write phrases as "like this"',
        'et anførselstegn blir aldri lukket; skriv fraser slik: "som dette"',
        'eit hermeteikn blir aldri lukka; skriv frasar slik: "som dette"',
    ),
    "expect.action": (
        "'{action}' is not an action; use {actions}, joined with '/' for alternatives",
        "«{action}» er ingen handling; bruk {actions}, med «/» mellom alternativene",
        "«{action}» er inga handling; bruk {actions}, med «/» mellom alternativa",
    ),
    "expect.because": (
        '\'forbid "{phrase}"\' needs its reason: write \'forbid "{phrase}" because '
        '"why it must not be said"\'',
        '«forbid "{phrase}"» trenger en begrunnelse: skriv «forbid "{phrase}" because '
        '"hvorfor det ikke skal sies"»',
        '«forbid "{phrase}"» treng ei grunngjeving: skriv «forbid "{phrase}" because '
        '"kvifor det ikkje skal seiast"»',
    ),
    "expect.word": (
        "unexpected '{word}'; write e.g. 'reply within 30m mention \"phrase\" points 2', "
        "expectations separated by ';'",
        'uventet «{word}»; skriv for eksempel «reply within 30m mention "frase" points 2», '
        "med «;» mellom forventningene",
        'uventa «{word}»; skriv til dømes «reply within 30m mention "frase" points 2», '
        "med «;» mellom forventingane",
    ),
    # The cell a quote opens, as the sentences below name it.
    "cell.any": ("a cell", "en celle", "ei celle"),
    "cell.named": ("the '{name}' cell", "cellen «{name}»", "cella «{name}»"),
    "cell.number": ("cell {number}", "celle {number}", "celle {number}"),
    # After a spreadsheet row whose text-editor line is another one (a cell above it spans
    # several lines); the leading space is part of it, as it is left out when the two agree.
    "where": (
        " (line {line} in a text editor)",
        " (linje {line} i en teksteditor)",
        " (linje {line} i ein teksteditor)",
    ),
    "quote.unclosed": (
        "the quote that opens {cell}{where} is never closed{below}; close the quote at the "
        'end of the cell, and write a quote inside a cell as two ("")',
        "anførselstegnet som åpner {cell}{where}, blir aldri lukket{below}; lukk det på "
        'slutten av cellen, og skriv et anførselstegn inne i en celle som to ("")',
        "hermeteiknet som opnar {cell}{where}, blir aldri lukka{below}; lukk det på slutten "
        'av cella, og skriv eit hermeteikn inne i ei celle som to ("")',
    ),
    # Follows "is never closed" when rows of the sheet ended up inside the open cell.
    "quote.rows": (
        ", so the rows below it are read into that one cell",
        ", så radene under blir lest inn i den ene cellen",
        ", så radene under blir lesne inn i den eine cella",
    ),
    "quote.inside": (
        "a quote ends in the middle of a cell{where}; either quote the whole cell, "
        '"like this", and write each quote inside it as two (""), or leave the cell '
        "without quotes around it",
        "et anførselstegn slutter midt i en celle{where}; sett enten hele cellen i "
        'anførselstegn, "slik", og skriv hvert anførselstegn inne i den som to (""), eller '
        "la cellen være uten anførselstegn rundt",
        "eit hermeteikn sluttar midt i ei celle{where}; set anten heile cella i hermeteikn, "
        '"slik", og skriv kvart hermeteikn inne i henne som to (""), eller la cella vere '
        "utan hermeteikn rundt",
    ),
    # 'reason' is the CSV reader's own words, or "csv.too_long" below.
    "csv.unreadable": (
        "unreadable CSV{where}: {reason}",
        "CSV-filen kan ikke leses{where}: {reason}",
        "CSV-fila kan ikkje lesast{where}: {reason}",
    ),
    "csv.too_long": (
        "field larger than field limit ({limit}); a cell holds at most that many "
        "characters, so shorten it or split it over several rows",
        "en celle er lengre enn grensen på {limit:,} tegn; gjør den kortere, eller del den "
        "over flere rader",
        "ei celle er lengre enn grensa på {limit:,} teikn; gjer henne kortare, eller del "
        "henne over fleire rader",
    ),
    # Another place a finding of an import names, when it is in the other file: it takes
    # the place of the line number in "first used on line {line}".
    "line.of": ("{line} of {path}", "{line} i {path}", "{line} i {path}"),
}
