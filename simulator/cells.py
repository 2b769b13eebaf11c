"""Text placed in a spreadsheet cell or a Markdown table, made safe to open there.

Every CSV export protects its cells with :func:`protect_cell`, and every Markdown export
escapes its texts with :func:`markdown_text`, so a text from a scenario, a session or a
file name is shown as written wherever the export is opened.
"""

from __future__ import annotations

import re

# Excel and LibreOffice run a cell that starts with one of these as a formula, so a text
# such as =HYPERLINK(...) would become a live link (or worse) in the planner's sheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"

# Every line break a Markdown renderer or an editor may honour: one would end a table row.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_MARKDOWN = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"})


def protect_cell(value: str) -> str:
    """A cell that a spreadsheet shows as text instead of running it as a formula.

    An apostrophe in front is the spreadsheets' own way to say "this is text";
    :func:`unprotect_cell` takes exactly that one off again. A value that already starts
    with apostrophes and then a formula character gets one more, so it comes back whole.
    """
    return GUARD + value if value.lstrip(GUARD).startswith(FORMULA_START) else value


def unprotect_cell(value: str) -> str:
    """The value :func:`protect_cell` was given, or the cell as it is."""
    guarded = value.startswith(GUARD) and value.lstrip(GUARD).startswith(FORMULA_START)
    return value[len(GUARD) :] if guarded else value


def markdown_text(text: str) -> str:
    """Text for one line of Markdown, a table cell included: shown, never rendered.

    HTML is escaped (Markdown passes it through, so ``<script>`` would run in a wiki), a
    ``|`` cannot end a table cell, and a line break cannot end the row.
    """
    return _LINE_BREAK.sub(" ", text).translate(_MARKDOWN)
