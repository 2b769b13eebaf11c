"""A link's QR code on the terminal: what the screen shows, read back module by module,
is segno's own code for that link with its quiet zone, dark on light in the colours the
CSS gives, and it follows a change of link."""

from __future__ import annotations

import pytest
import segno
from rich.color import Color
from textual.app import App, ComposeResult

from simulator.tui.widgets.qr import QRCode
from tests.console_fixtures import drawn_modules, on_screen

LINKS = [
    "http://127.0.0.1:8080/seat/AbCdEfGhIjKlMnOp",
    "http://192.168.100.123:8443/control/Zq-9_xYwVuTsRqPo",
    "http://[2001:db8:1234:5678:9abc:def0:1234:5678]:8080/seat/AbCdEfGhIjKlMnOp",
]


class Shown(App[None]):
    def __init__(self, link: str, css: str = "") -> None:
        super().__init__()
        self.link = link
        self.extra_css = css

    def compose(self) -> ComposeResult:
        yield QRCode(self.link)

    def on_mount(self) -> None:
        if self.extra_css:
            self.stylesheet.add_source(self.extra_css, read_from=("test", "css"))
            self.stylesheet.reparse()
            self.stylesheet.update(self)


def segnos_own(link: str) -> list[list[bool]]:
    """segno's matrix of the link's QR code, with the quiet zone it gives."""
    return [[bool(m) for m in row] for row in segno.make_qr(link).matrix_iter()]


def same_code(drawn: list[list[bool]], expected: list[list[bool]]) -> None:
    """``drawn`` is ``expected`` with, for an odd number of rows, a light half-row below:
    two modules a line leave half a line over."""
    assert len(drawn) == len(expected) + len(expected) % 2
    assert drawn[: len(expected)] == expected
    for extra in drawn[len(expected) :]:
        assert not any(extra)


@pytest.mark.parametrize("link", LINKS)
async def test_what_the_screen_shows_reads_back_as_segnos_code(link: str) -> None:
    app = Shown(link)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        widget = app.query_one(QRCode)
        strips = on_screen(app, widget)
        expected = segnos_own(link)
        drawn = drawn_modules(app, widget)
        same_code(drawn, expected)
        # The quiet zone is there: four light modules on every side of the symbol.
        code = segno.make_qr(link)
        assert code.default_border_size == 4
        assert len(expected) == code.symbol_size(border=0)[0] + 8
        rows = drawn[: len(expected)]
        assert not any(any(row) for row in rows[:4] + rows[-4:])
        assert not any(any(row[:4]) or any(row[-4:]) for row in rows)
        # Dark modules in the foreground, light in the background: black on white.
        black, white = Color.parse("#000000"), Color.parse("#ffffff")
        for strip in strips:
            for segment in strip:
                assert segment.style is not None
                assert (segment.style.color, segment.style.bgcolor) == (black, white)


async def test_the_colours_come_from_the_css() -> None:
    css = "QRCode > .qr--dark { color: #102030; } QRCode > .qr--light { background: #f0e0d0; }"
    app = Shown(LINKS[0], css)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        styles = {
            (s.style.color, s.style.bgcolor)
            for strip in on_screen(app, app.query_one(QRCode))
            for s in strip
            if s.style
        }
        assert styles == {(Color.parse("#102030"), Color.parse("#f0e0d0"))}


async def test_another_link_draws_another_code_of_its_own_size() -> None:
    app = Shown(LINKS[0])
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        first = drawn_modules(app, app.query_one(QRCode))
        app.query_one(QRCode).link = LINKS[2]  # a longer link: a larger code
        await pilot.pause()
        drawn = drawn_modules(app, app.query_one(QRCode))
        assert drawn != first
        same_code(drawn, segnos_own(LINKS[2]))
        assert len(segnos_own(LINKS[2])) > len(segnos_own(LINKS[0]))
