"""A link's QR code drawn in the terminal, for a phone camera to read off the screen.

A terminal cell is about twice as high as it is wide, so each cell draws two modules, one
above the other, with half blocks: the dark modules in the foreground, the light ones in
the background. A module is then square, and the code is half as many lines high as it
has modules. The quiet zone round the symbol is drawn too: scanners need it to find the
code on a busy screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import segno
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

#: A cell's character by its (upper, lower) module: dark is True.
HALF_BLOCKS: dict[tuple[bool, bool], str] = {
    (True, True): "█",
    (True, False): "▀",
    (False, True): "▄",
    (False, False): " ",
}


def qr_matrix(link: str) -> list[list[bool]]:
    """The modules of ``link``'s QR code, a row at a time (dark is True), with the quiet
    zone segno gives it. Always a full QR code: many phones do not read Micro QR."""
    code = segno.make_qr(link)
    return [[bool(module) for module in row] for row in code.matrix_iter()]


def half_block_lines(matrix: Sequence[Sequence[bool]]) -> list[str]:
    """The lines of text that draw ``matrix`` two rows to a line; an odd last row is drawn
    over a light half, as if the quiet zone went on."""
    lines = []
    for top in range(0, len(matrix), 2):
        upper = matrix[top]
        lower = matrix[top + 1] if top + 1 < len(matrix) else [False] * len(upper)
        lines.append("".join(HALF_BLOCKS[pair] for pair in zip(upper, lower, strict=True)))
    return lines


def modules_of(lines: Iterable[str]) -> list[list[bool]]:
    """The modules that half-block ``lines`` draw, two rows a line: the inverse of
    :func:`half_block_lines` (a last light half-row included)."""
    pairs = {char: pair for pair, char in HALF_BLOCKS.items()}
    rows: list[list[bool]] = []
    for line in lines:
        cells = [pairs[char] for char in line]
        rows.append([upper for upper, _ in cells])
        rows.append([lower for _, lower in cells])
    return rows


class QRCode(Widget):
    """The QR code of :attr:`link`, at one cell per two modules.

    Its colours are its component classes': the dark modules take ``qr--dark``'s colour,
    the light ones ``qr--light``'s background. Black on white by default, whatever the
    theme: a phone reads that best, and light on dark not always.
    """

    COMPONENT_CLASSES = {"qr--dark", "qr--light"}
    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    QRCode > .qr--dark { color: black; }
    QRCode > .qr--light { background: white; }
    """

    link: reactive[str] = reactive("", layout=True)

    def __init__(
        self, link: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[str] = []
        self.set_reactive(QRCode.link, link)
        self._draw(link)

    def watch_link(self, link: str) -> None:
        self._draw(link)

    def _draw(self, link: str) -> None:
        self._lines = half_block_lines(qr_matrix(link)) if link else []

    @property
    def lines(self) -> list[str]:
        """The code's lines of text, top to bottom."""
        return list(self._lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self._lines[0]) if self._lines else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def _style(self) -> Style:
        dark = self.get_component_rich_style("qr--dark").color
        light = self.get_component_rich_style("qr--light").bgcolor
        return Style(color=dark, bgcolor=light)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = Strip([Segment(self._lines[y], self._style())])
        return strip.adjust_cell_length(width, self.rich_style)
