"""Key bindings with ids, so that their labels follow the console's language."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from simulator.tui.i18n import CATALOGUE, Catalogue


def localize_bindings(node: DOMNode, tr: Catalogue) -> None:
    """Give every binding with an id the catalogue's label for ``bind.<id>``."""
    bindings = node._bindings.key_to_bindings  # Textual keeps no public setter for labels
    for key, entries in bindings.items():
        bindings[key] = [replace(b, description=tr(f"bind.{b.id}"))
                         if b.id and f"bind.{b.id}" in CATALOGUE else b for b in entries]
    node.refresh_bindings()
