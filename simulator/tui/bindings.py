"""Key bindings with ids, so that their labels follow the console's language.

A binding's label is the catalogue's ``bind.<id>``; a group of bindings (shown as one entry
in the footer) is labelled by the catalogue's ``group.<description>`` when there is one.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from simulator.tui.i18n import CATALOGUE, Catalogue


def _localized(binding: Binding, tr: Catalogue) -> Binding:
    if binding.id and f"bind.{binding.id}" in CATALOGUE:
        binding = replace(binding, description=tr(f"bind.{binding.id}"))
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
