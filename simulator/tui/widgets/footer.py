"""The footer of the console's screens: the keys of what has the focus, on one line.

Textual's footer is a row of widgets, one per key, composed again whenever the keys change:
opening the composer or switching a tab mounted and styled some twenty widgets twice, most
of what such an action cost a seat (and every key ever shown stayed in memory, textual
issue 6666). This footer is one widget drawing one line: a change of keys costs the
drawing of that line. It shows what Textual's does (each key with its label, a group's
keys with the group's label, the palette's key on the right), runs a key when it is
clicked and shows a key's tooltip under the mouse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class ShownKey:
    """One key as the footer shows it: ``start`` and ``end`` are its columns."""

    key: str
    key_display: str
    description: str  # empty for a key of a group, which the group's label names
    action: str
    enabled: bool
    tooltip: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class _Part:
    """Keys shown together: one key with its label, or a group's keys and its label."""

    keys: tuple[ShownKey, ...]
    label: str | None  # a group's label


class Footer(Widget, can_focus=False):
    """The keys of the focused widget and its screen, drawn on one line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--palette"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom; height: 1; text-wrap: nowrap; text-overflow: clip;
        color: $footer-foreground; background: $footer-background;
        & > .footer--key { color: $footer-key-foreground; background: $footer-key-background;
            text-style: bold; }
        & > .footer--description { color: $footer-description-foreground;
            background: $footer-description-background; }
        & > .footer--palette { color: $foreground 40%; }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._show_command_palette = show_command_palette
        self._parts: tuple[_Part, ...] = ()
        self._palette: ShownKey | None = None
        self._shown: tuple[ShownKey, ...] = ()

    @property
    def show_command_palette(self) -> bool:
        """Whether the palette's key shows on the right."""
        return self._show_command_palette

    @show_command_palette.setter
    def show_command_palette(self, show: bool) -> None:
        self._show_command_palette = show
        self._take_keys()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._take_keys()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._take_keys()

    def _take_keys(self) -> None:
        """Read the screen's keys; draw the line again only if they changed."""
        if not self.is_attached:
            return
        parts, palette = self._read_keys()
        if (parts, palette) != (self._parts, self._palette):
            self._parts, self._palette = parts, palette
            self.refresh()

    def _read_keys(self) -> tuple[tuple[_Part, ...], ShownKey | None]:
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        parts: list[_Part] = []
        for group, members in groupby(by_action.values(), lambda member: member[0].group):
            listed = list(members)
            if group is not None and len(listed) > 1:
                keys = tuple(self._key(b, e, t or b.description, "") for b, e, t in listed)
                parts.append(_Part(keys, group.description))
            else:
                parts += [_Part((self._key(b, e, t, b.description),), None) for b, e, t in listed]
        palette = None
        app = self.app
        if self._show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                palette = self._key(
                    binding, enabled, binding.tooltip or binding.description, binding.description
                )
        return tuple(parts), palette

    def _key(self, binding: Binding, enabled: bool, tooltip: str, description: str) -> ShownKey:
        return ShownKey(
            binding.key,
            self.app.get_key_display(binding),
            description,
            binding.action,
            enabled,
            tooltip,
        )

    # -- what it shows ---------------------------------------------------------------------

    def shown_keys(self) -> tuple[ShownKey, ...]:
        """The keys as last drawn, each with its columns (the palette's last)."""
        return self._shown

    def labels(self) -> list[str]:
        """The labels of the groups shown (one label for several keys)."""
        return [part.label for part in self._parts if part.label is not None]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key", partial=True)
        label_style = self.get_component_rich_style("footer--description", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        shown: list[ShownKey] = []

        def add_key(key: ShownKey, text: str) -> None:
            dim = Style(dim=not key.enabled)
            start = line.cell_len
            line.append(text, key_style + dim)
            if key.description:
                line.append(f"{key.description} ", label_style + dim)
            shown.append(replace(key, start=start, end=line.cell_len))

        ends = [0]  # where each part ends: the line is only ever cut between two
        for part in self._parts:
            if part.label is None:
                add_key(part.keys[0], f" {part.keys[0].key_display} ")
            else:
                for key in part.keys:
                    add_key(key, f" {key.key_display}")
                line.append(f"  {part.label} ", label_style)
            ends.append(line.cell_len)
        palette = self._palette
        text = f"▏ {palette.key_display} {palette.description} " if palette else ""
        # The palette's key keeps its place on the right; the parts that do not fit before
        # it are left out whole (the help lists every key).
        room = max(0, self.size.width - len(text))
        cut = max(end for end in ends if end <= room)
        line.truncate(cut)
        shown = [key for key in shown if key.end <= cut]
        if palette is not None:
            line.append(" " * (room - cut))
            line.append(text, self.get_component_rich_style("footer--palette", partial=True))
            shown.append(replace(palette, start=room, end=room + len(text)))
        self._shown = tuple(shown)
        return line

    # -- the mouse -------------------------------------------------------------------------

    def _key_at(self, x: int) -> ShownKey | None:
        return next((key for key in self._shown if key.start <= x < key.end), None)

    def on_click(self, event: events.Click) -> None:
        """Run the key clicked, as if it were pressed."""
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        tooltip = key.tooltip if key is not None and key.tooltip else None
        if tooltip != self.tooltip:  # a tooltip set anew shows anew: only on another key
            self.tooltip = tooltip
