"""Untrusted text made safe to show: scenario and trainee text is displayed literally.

Rich markup is never parsed (texts become ``rich.text.Text`` objects, not markup strings),
and terminal escape sequences and control characters are removed here, so that nothing in
a scenario can style the screen, trigger an action or move the cursor.
"""

from __future__ import annotations

import re

from rich.text import Text

# ANSI/VT escape sequences (CSI, OSC, and two-character escapes), then the remaining C0
# and C1 control characters except tab and newline.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str, *, single_line: bool = False) -> str:
    """Text with escapes and control characters removed (newlines kept unless asked)."""
    text = _CONTROLS.sub("", _ESCAPES.sub("", text)).replace("\t", " ")
    return " ".join(text.split()) if single_line else text


def literal(text: str, style: str = "", *, single_line: bool = False) -> Text:
    """A Rich Text that shows ``text`` exactly as written, markup characters included."""
    return Text(clean(text, single_line=single_line), style=style)
