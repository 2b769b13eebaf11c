"""Key bindings with ids, so that their labels follow the console's language.

A binding's label is the catalogue's ``bind.<id>``; a group of bindings (shown as one entry
in the footer) is labelled by the catalogue's ``group.<description>`` when there is one;
Textual's own bindings (the command palette's key, ctrl+q) are labelled by their action.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from simulator.tui.i18n import CATALOGUE, Catalogue

#: Textual's own bindings, which have no id: the command palette's key (shown in the
#: footer) and ctrl+q, by their action.
TEXTUAL_BINDINGS = {
    "command_palette": ("bind.palette", "palette.tooltip"),
    "quit": ("bind.quit", "cmd.quit.help"),
}


def _localized(binding: Binding, tr: Catalogue) -> Binding:
    if binding.id and f"bind.{binding.id}" in CATALOGUE:
        binding = replace(binding, description=tr(f"bind.{binding.id}"))
    elif binding.id is None and binding.action in TEXTUAL_BINDINGS:
        label, tooltip = TEXTUAL_BINDINGS[binding.action]
        binding = replace(binding, description=tr(label), tooltip=tr(tooltip))
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
