"""The footer of the console's screens: Textual's, composed again only when the keys it
shows have changed, and letting go of the keys it no longer shows."""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer of keys, with two fixes.

    Opening the composer or changing tabs tells the footer several times in a row that the
    keys may have changed, and Textual's footer composes its keys again each time: some
    tens of milliseconds each, most of what an action costs a seat. Here it is done only
    when the keys it would show differ from those it shows.

    Each key also watches the footer's ``compact``, and Textual lets go of a watcher only
    when the watched value changes (textual issue 6666): every key ever shown stayed in
    memory, a megabyte or two each time the composer opened. The footer lets go of them
    itself once they are gone from the screen.
    """

    _shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """What the footer's keys are made from: the screen's shown bindings."""
        if not self._bindings_ready:
            return ()
        return (
            self.show_command_palette,
            tuple(
                (b.key, b.action, b.description, b.key_display, b.group, enabled, tooltip)
                for _, b, enabled, tooltip in self.screen.active_bindings.values()
                if b.show
            ),
        )

    async def recompose(self) -> None:
        """Compose the keys again if they have changed, and let go of the old ones."""
        if not self.is_attached:
            return  # its screen is gone meanwhile: nothing to show them on
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
        # Prunes the watchers of keys that are gone (and sets compact on the others again).
        self.mutate_reactive(TextualFooter.compact)
