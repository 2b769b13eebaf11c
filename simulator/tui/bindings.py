"""Key bindings with ids, so that their labels follow the console's language, and what the
help and the command palette make of them.

A binding's label is the catalogue's ``bind.<id>``; a group of bindings (shown as one entry
in the footer and the help) is labelled by the catalogue's ``group.<description>`` when
there is one; Textual's own bindings (the command palette's key, ctrl+q, tab) are labelled
by their action.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from simulator.tui.i18n import CATALOGUE, Catalogue

#: Textual's own bindings, which have no id, by their action: their label and their
#: tooltip (None: they are not in the footer). The two focus keys share a label, so the
#: help shows them as one.
TEXTUAL_BINDINGS: dict[str, tuple[str, str | None]] = {
    "command_palette": ("bind.palette", "palette.tooltip"),
    "quit": ("bind.quit", "cmd.quit.help"),
    "app.focus_next": ("group.focus", None),
    "app.focus_previous": ("group.focus", None),
}


def _localized(binding: Binding, tr: Catalogue) -> Binding:
    if binding.id and f"bind.{binding.id}" in CATALOGUE:
        binding = replace(binding, description=tr(f"bind.{binding.id}"))
    elif binding.id is None and binding.action in TEXTUAL_BINDINGS:
        label, tooltip = TEXTUAL_BINDINGS[binding.action]
        binding = replace(
            binding,
            description=tr(label),
            tooltip=tr(tooltip) if tooltip else binding.tooltip,
        )
    group = binding.group
    if group is not None and f"group.{group.description}" in CATALOGUE:
        binding = replace(
            binding, group=replace(group, description=tr(f"group.{group.description}"))
        )
    return binding


def localize_bindings(node: DOMNode, tr: Catalogue) -> None:
    """Give every binding with an id the catalogue's label for ``bind.<id>``, and every
    group the catalogue's ``group.<description>``."""
    bindings = node._bindings.key_to_bindings  # Textual keeps no public setter for labels
    for key, entries in bindings.items():
        bindings[key] = [_localized(b, tr) for b in entries]
    node.refresh_bindings()


def _says(binding: Binding) -> bool:
    """Whether a binding has words of the console's own: an id, a group or a Textual
    action the catalogue names (a widget's own English labels are not shown)."""
    if binding.system:
        return False
    return bool(binding.id or binding.group or binding.action in TEXTUAL_BINDINGS)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One thing the keys of a screen do: the keys as shown ("F1 ?"), and the label."""

    keys: str
    label: str


@dataclass(frozen=True, slots=True)
class KeyCommand:
    """One binding with an id, as a command: its label, its keys, and the action to run
    in the namespace (widget, screen or app) that binds it."""

    id: str
    label: str
    keys: str
    action: str
    namespace: DOMNode


def _active(screen: Screen[Any], tr: Catalogue) -> list[tuple[str, Binding, DOMNode]]:
    """The bindings active on ``screen`` (its focused widget's, its own and the app's) that
    say something, localised, with each key as the footer shows it."""
    app = screen.app
    found = []
    for active in screen.active_bindings.values():
        binding = _localized(active.binding, tr)
        if _says(binding):
            found.append((app.get_key_display(binding), binding, active.node))

    def rank(entry: tuple[str, Binding, DOMNode]) -> int:
        # The screen's own keys first, then the focused widget's, then the app's.
        node = entry[2]
        return 0 if node is screen else 2 if node is app else 1

    return sorted(found, key=rank)


def key_rows(screen: Screen[Any], tr: Catalogue, *, own: bool = False) -> list[KeyRow]:
    """What the keys of ``screen`` do, one row per group or label: several keys that do
    the same (F1 and ?; the arrows of a group) show once, with all their keys (``own``:
    only the screen's own keys, not its widgets', the app's or Textual's)."""
    rows: dict[str, list[str]] = {}
    for display, binding, node in _active(screen, tr):
        if own and (node is not screen or not (binding.id or binding.group)):
            continue
        label = binding.group.description if binding.group else binding.description
        if not label:
            continue
        keys = rows.setdefault(label, [])
        if display not in keys:
            keys.append(display)
    return [KeyRow(" ".join(keys), label) for label, keys in rows.items()]


def key_commands(screen: Screen[Any], tr: Catalogue) -> list[KeyCommand]:
    """Every active binding of ``screen`` with an id, once per id, as a command."""
    commands: dict[str, KeyCommand] = {}
    for display, binding, node in _active(screen, tr):
        if not binding.id or not binding.description:
            continue
        known = commands.get(binding.id)
        if known is None:
            commands[binding.id] = KeyCommand(
                binding.id, binding.description, display, binding.action, node
            )
        elif display not in known.keys.split(" "):
            commands[binding.id] = replace(known, keys=f"{known.keys} {display}")
    return list(commands.values())
