"""The exercise screen: status, the three lists, the selected item, monitoring aids.

:class:`ReadingScreen` shows them and lets them be sorted and searched, and nothing more:
the replay's keys go over it (:class:`~simulator.tui.replay.ReplayScreen`).
:class:`ExerciseScreen` is the live one: it adds the team's responses, which it asks of the
app with an :class:`~simulator.tui.messages.ActionRequested` message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static, TabbedContent, TabPane

from simulator.engine.actions import HIDE_REASONS, ActionRequest
from simulator.engine.events import PUBLIC_CHANNELS, Action, Owner
from simulator.scenario.model import TRUTHS
from simulator.tui.bindings import localize_bindings
from simulator.tui.calls import CallState, PhoneCall
from simulator.tui.messages import ActionRequested
from simulator.tui.model import FeedItem, FeedModel
from simulator.tui.screens.call import TAKE_KEY, RingingBanner
from simulator.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from simulator.tui.screens.teamlog import TeamLogScreen, log_text
from simulator.tui.text import clean
from simulator.tui.widgets.composer import ComposerPanel, Target
from simulator.tui.widgets.feed import FeedView
from simulator.tui.widgets.footer import Footer
from simulator.tui.widgets.panels import (
    OPEN_KEY,
    OVERDUE_KEY,
    DetailPane,
    MonitorLine,
    MonitorPane,
    RateSparkline,
    StatusLine,
)

if TYPE_CHECKING:
    from simulator.tui.app import CrisisApp
    from simulator.tui.console import ConsoleApp

#: The keys whose action the platform of the selected item may not allow, and the action
#: of the engine each stands for.
_PLACED: dict[str, str] = {
    "hide": Action.HIDE,
    "unhide": Action.UNHIDE,
    "remove": Action.REPORT,
    "desk": Action.REPORT,
    "reply": Action.REPLY,
}

_KEYS = tuple(_PLACED)
#: With no item selected, the usual keys stay (and ring the bell); the others are not shown.
_NOTHING_SELECTED = tuple(key in ("hide", "unhide", "reply") for key in _KEYS)

TABS = Binding.Group("tabs")  # the list keys 1 2 3: labelled from the catalogue's group.tabs


def reading_keys(*, footer: bool) -> list[BindingType]:
    """The keys that sort and search the lists (``footer``: search and unhandled in the
    footer, where the live screen shows them; the replay's footer has its own keys)."""
    return [
        Binding("slash", "search", "Search", id="search", key_display="/", show=footer),
        Binding("u", "toggle_unhandled", "Unhandled", id="unhandled", show=footer),
        Binding("a", "filter_author", "Author", id="author", show=False),
        Binding("c", "clear_filters", "Clear", id="clear", show=False),
        Binding("1", "tab('feed')", show=False, group=TABS),
        Binding("2", "tab('press')", show=False, group=TABS),
        Binding("3", "tab('internal')", show=False, group=TABS),
        Binding(OPEN_KEY, "triage('open')", "To answer", id="triage_open", show=False),
        Binding(OVERDUE_KEY, "triage('overdue')", "Overdue", id="triage_overdue", show=False),
        Binding("m", "toggle_aids", "Trends", id="triage_aids", show=False),
    ]


LISTS = (
    ("feed", PUBLIC_CHANNELS),
    ("press", frozenset({"press"})),
    ("internal", frozenset({"internal"})),
)


class ListTabs(TabbedContent):
    """The lists' tabs, shown only by the tab asked for (a number key, a click).

    Textual's tabs also show the tab of a list that takes the focus, a moment later, by a
    message of its own: with two number keys in quick succession ("2" then "1") that
    message comes after the second key and showed the first key's list again. The screen
    always shows a list's tab before it gives the list the focus, so that is not needed.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.prevent_default()  # Textual's own handler is not run
        event.stop()


class ReadingScreen(Screen[None]):
    """The lists, the selected item and the monitoring aids, to read, sort and search."""

    DEFAULT_CSS = """
    ReadingScreen { layers: default composer; }
    ReadingScreen #body { height: 1fr; }
    ReadingScreen #lists { width: 3fr; }
    ReadingScreen #side { width: 2fr; min-width: 30; }
    ReadingScreen #filters { height: 1; color: $text-muted; padding: 0 1; }
    ReadingScreen #search { dock: bottom; display: none; }
    ReadingScreen #search.visible { display: block; }
    ReadingScreen TabbedContent { height: 1fr; }
    ReadingScreen TabPane { padding: 0; }
    /* Monitoring aids: in full on a tall screen, on one line on a short one (24 lines);
       the aids key swaps the two. */
    ReadingScreen #monitor-line { display: none; }
    ReadingScreen.-short #monitor, ReadingScreen.-short #rate { display: none; }
    ReadingScreen.-short #monitor-line { display: block; }
    ReadingScreen.-aids-swapped #monitor, ReadingScreen.-aids-swapped #rate { display: none; }
    ReadingScreen.-aids-swapped #monitor-line { display: block; }
    ReadingScreen.-short.-aids-swapped #monitor { display: block; }
    ReadingScreen.-short.-aids-swapped #rate { display: block; }
    ReadingScreen.-short.-aids-swapped #monitor-line { display: none; }
    ReadingScreen.-narrow #side { min-width: 34; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = reading_keys(footer=False)

    def __init__(self, lists: tuple[str, ...] | None = None) -> None:
        super().__init__()
        #: The lists this screen has (a seat's role has some of them): by key, in order.
        self.lists = lists if lists is not None else tuple(key for key, _ in LISTS)
        self.filter_unhandled = False
        self.filter_author: tuple[str, str] | None = None
        self.filter_query = ""
        self.filter_triage: str | None = None  # "open" or "overdue": the status line's counts
        self._triaged: frozenset[str] | None = None  # the items that filter shows

    @property
    def console(self) -> ConsoleApp:
        """The app, live or replay: what the lists show comes from it."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app = self.console
        tr = app.tr
        yield StatusLine(id="status")
        yield from self.compose_banner()
        with Horizontal(id="body"):
            with Vertical(id="lists"):
                yield Static(id="filters")
                with ListTabs(id="tabs"):
                    for key, channels in LISTS:
                        if key not in self.lists:
                            continue
                        with TabPane(tr(f"tab.{key}"), id=f"tab-{key}"):
                            yield FeedView(
                                app.model,
                                channels,
                                app.item_info,
                                app.role_name,
                                label_name=app.label_name,
                                place_name=(
                                    app.marked_place if app.loaded.scenario.platforms else None
                                ),
                                call_mark=app.call_mark,
                                id=f"list-{key}",
                            )
            with Vertical(id="side"):
                yield DetailPane(id="detail")
                yield MonitorPane(id="monitor")
                yield RateSparkline([0], id="rate")
                yield MonitorLine(id="monitor-line")
        yield from self.compose_composer()
        yield Input(placeholder=tr("search.placeholder"), id="search")
        yield Footer()

    def compose_composer(self) -> ComposeResult:
        """The screen's composer, over the lower part of the screen (none here)."""
        yield from ()

    def compose_banner(self) -> ComposeResult:
        """What shows under the status line when a phone rings (nothing here)."""
        yield from ()

    def on_mount(self) -> None:
        localize_bindings(self, self.console.tr)
        for feed in self.query(FeedView):
            feed.append(self.console.model.items)
        self.feeds()[0].focus()
        self.refresh_panels()
        self._show_filters()

    def on_screen_resume(self) -> None:
        # What changed while a dialog or another screen was over this one (a pause, the
        # items that came) was not drawn here: the console redraws only the top screen.
        if self.is_mounted:
            self.console.redraw()

    # -- the lists -----------------------------------------------------------------------

    def feeds(self) -> list[FeedView]:
        """The three lists."""
        return list(self.query(FeedView))

    @property
    def active_feed(self) -> FeedView:
        """The list on the visible tab."""
        active = self.query_one("#tabs", TabbedContent).active or "tab-feed"
        return self.query_one(f"#list-{active.removeprefix('tab-')}", FeedView)

    @property
    def selected(self) -> FeedItem | None:
        """The item under the cursor of the visible list."""
        return self.active_feed.selected

    def add_items(self, items: list[FeedItem]) -> None:
        """New deliveries go to the lists that show their channel."""
        for feed in self.feeds():
            feed.append(items)

    def redraw(self) -> None:
        """Live counters and countdowns."""
        if self.filter_triage is not None and self._triage_set() != self._triaged:
            self._apply_filters()  # a question came in, was answered or went overdue
        for feed in self.feeds():
            feed.redraw()
        self.refresh_panels()

    def show_model(self, model: FeedModel) -> None:
        """Show another model's items from the start (a replay that went back in time)."""
        for feed in self.feeds():
            feed.model = model
            feed.rows = []
            feed.cursor = 0
            feed.append(model.items)

    def refresh_panels(self) -> None:
        """Status line, detail pane and monitoring aids, from the app and the model."""
        app = self.console
        app.show_status(self.query_one("#status", StatusLine))
        item = self.selected
        self.query_one("#detail", DetailPane).show(
            app.tr,
            app.model,
            item,
            app.item_info(item) if item else None,
            app.clock_text,
            app.role_name,
            app.triage.now,
            app.place_name(item) if item else None,
        )
        now = app.triage.now
        trending = app.monitor.trending(now)
        per_minute = app.monitor.per_minute(now) or [0]
        self.query_one("#monitor", MonitorPane).show(app.tr, trending)
        self.query_one("#rate", RateSparkline).data = per_minute
        self.query_one("#monitor-line", MonitorLine).show(app.tr, trending, per_minute)

    @on(FeedView.Highlighted)
    def _highlighted(self, event: FeedView.Highlighted) -> None:
        if event.feed is self.active_feed:
            self.refresh_panels()

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        # The list shown takes the keys, unless someone is writing: a tab can be made
        # active while the composer is open (a seat's role applied), and what is typed
        # there must stay text.
        focused = self.focused
        if focused is None or not any(
            isinstance(node, ComposerPanel) for node in focused.ancestors_with_self
        ):
            self.active_feed.focus()
        self.refresh_panels()

    def action_tab(self, key: str) -> None:
        """Show one of the lists: feed, press or internal, and put the cursor in it (a
        list this screen does not have is not shown)."""
        if key not in self.lists:
            return
        self.query_one("#tabs", TabbedContent).active = f"tab-{key}"
        # At once, not after the next refresh as focus() does: a composer opened by the
        # next key takes the focus at once, and this must not take it back from it.
        self.set_focus(self.query_one(f"#list-{key}", FeedView))

    # -- filters -------------------------------------------------------------------------

    def _triage_set(self) -> frozenset[str] | None:
        """The items the triage filter shows now: exactly those the status line counts."""
        triage = self.console.triage
        if self.filter_triage == "open":
            return triage.open
        if self.filter_triage == "overdue":
            return triage.overdue
        return None

    def _apply_filters(self) -> None:
        unhandled, author, query = (
            self.filter_unhandled,
            self.filter_author,
            self.filter_query.casefold(),
        )
        triaged = self._triaged = self._triage_set()

        def keep(item: FeedItem) -> bool:
            if triaged is not None and item.id not in triaged:
                return False
            if unhandled and item.handled:
                return False
            if author is not None and item.author != author[0]:
                return False
            return not query or query in item.line.casefold() or query in item.name.casefold()

        active = triaged is not None or unhandled or author is not None or bool(query)
        for feed in self.feeds():
            feed.set_filter(keep if active else None)
        self._show_filters()
        self.refresh_panels()

    def _show_filters(self) -> None:
        tr = self.console.tr
        parts = []
        if self.filter_triage is not None:
            parts.append(tr(f"triage.filter.{self.filter_triage}"))
        if self.filter_unhandled:
            parts.append(tr("filter.unhandled"))
        if self.filter_author:
            parts.append(tr("filter.author", name=self.filter_author[1]))
        if self.filter_query:
            parts.append(tr("filter.search", query=self.filter_query))
        text = Text("⛃ " + (" · ".join(parts) if parts else tr("filter.none")))
        self.query_one("#filters", Static).update(text)

    def action_triage(self, which: str) -> None:
        """Show only the open questions (``open``) or the overdue ones (``overdue``), the
        items the status line counts; the same again shows everything."""
        self.filter_triage = None if self.filter_triage == which else which
        self._apply_filters()
        if self.filter_triage is not None and not self.active_feed.rows:
            # Show a list that has some of them (a citizen's question is in the feed, a
            # press inquiry in the press inbox).
            for key in self.lists:
                if self.query_one(f"#list-{key}", FeedView).rows:
                    self.action_tab(key)
                    break

    def action_toggle_aids(self) -> None:
        """Trends and the sparkline in full, or on one line."""
        self.toggle_class("-aids-swapped")

    def action_toggle_unhandled(self) -> None:
        """Show only items nobody has handled yet, or everything again."""
        self.filter_unhandled = not self.filter_unhandled
        self._apply_filters()

    def action_filter_author(self) -> None:
        """Show only the selected item's author, or everyone again."""
        item = self.selected
        self.filter_author = (
            None if self.filter_author or item is None else (item.author, item.name)
        )
        self._apply_filters()

    def action_clear_filters(self) -> None:
        """Show everything."""
        self.filter_unhandled, self.filter_author, self.filter_query = False, None, ""
        self.filter_triage = None
        self.query_one("#search", Input).value = ""
        self._apply_filters()

    def action_search(self) -> None:
        """Open the search line."""
        search = self.query_one("#search", Input)
        search.add_class("visible")
        search.focus()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        self.filter_query = event.value.strip()
        event.input.remove_class("visible")
        self._apply_filters()
        self.active_feed.focus()

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_class("visible"):
            search.remove_class("visible")
            self.active_feed.focus()


class ExerciseScreen(ReadingScreen, inherit_bindings=False):
    """Where the team works through the exercise: the lists, and the keys to respond."""

    BINDINGS = [
        *Screen.BINDINGS,  # tab moves the focus, as everywhere
        # The app's own keys first, so that a narrow footer cuts off the others, not these.
        Binding("f1", "app.help", "Help", id="help", key_display="F1"),
        Binding("f2", "app.facilitator", "Facilitator", id="facilitator", key_display="F2"),
        Binding("q", "app.request_quit", "Quit", id="quit"),
        # Shown only while a call rings: then it is what matters most.
        Binding(TAKE_KEY, "take_call", "Take the call", id="take_call"),
        Binding("r", "reply", "Reply", id="reply"),
        Binding("s", "statement", "Statement", id="statement"),
        Binding("f", "flag", "Flag", id="flag"),
        # One key to have an item taken down, whatever its platform: the footer offers the
        # one of the three that the selected item's platform allows.
        Binding("h", "hide", "Hide", id="hide"),
        Binding("h", "remove", "Ask removal", id="remove"),
        Binding("h", "desk", "Contact the desk", id="desk"),
        Binding("H", "unhide", "Unhide", id="unhide", key_display="shift+h", show=False),
        Binding("e", "escalate", "Escalate", id="escalate"),
        Binding("n", "note", "Note", id="note"),
        Binding("v", "handover", "Handover", id="handover", show=False),
        Binding("l", "team_log", "Team log", id="teamlog", show=False),
        *reading_keys(footer=True),
    ]

    def __init__(self, lists: tuple[str, ...] | None = None) -> None:
        super().__init__(lists)
        self.drafts: dict[str, str] = {}  # what was written and not published, per target
        self._place: tuple[bool, ...] | None = None  # what the selected item allows, as shown
        self._offered_for: str | None = None  # the item it was worked out for
        self._banner: RingingBanner | None = None  # looked up once
        self._takes: str | None = None  # the call the take key takes now, as last shown

    def compose_banner(self) -> ComposeResult:
        """The calls that ring on this console, with the key that takes them."""
        yield RingingBanner(id="ringing")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key that takes a call only while there is one to take (as last drawn); only
        what the selected item's platform allows: no hide of someone else's post, no reply
        in a newspaper's comment section (see :mod:`simulator.engine.platforms`)."""
        if action == "take_call":
            return self._takes is not None
        if action not in _PLACED:
            return True
        try:
            item = self.selected
        except NoMatches:  # asked while the screen is being built: no item yet
            item = None
        return self._offers(item)[_KEYS.index(action)]

    def _offers(self, item: FeedItem | None) -> tuple[bool, ...]:
        """Which of the platform-bound keys (:data:`_PLACED`) ``item`` allows."""
        if item is None:  # nothing to act on yet: the usual keys, which ring the bell
            return _NOTHING_SELECTED
        app = self.crisis
        owner = app.owner_of(item)
        allowed = {action: app.allows(what, item) for action, what in _PLACED.items()}
        allowed["remove"] = owner == Owner.OTHERS and allowed["remove"]
        allowed["desk"] = owner == Owner.NEWSPAPER and allowed["desk"]
        return tuple(allowed[key] for key in _KEYS)

    def refresh_panels(self) -> None:
        """The panels; the ringing, with the key that takes a call while one rings; and the
        keys, when the selected item allows others than the one before."""
        super().refresh_panels()
        app = self.crisis
        calls = app.model.calls
        ringing = calls.ringing() if calls.calls and app.rings_here() else []
        banner = self._banner
        if banner is None:
            banner = self._banner = self.query_one("#ringing", RingingBanner)
        if ringing or banner.has_class("-ringing"):
            banner.show(app.tr, ringing, app.triage.now)
        call = self.call_to_take() if calls.calls else None
        item = self.selected
        # Where an item is never changes: what it allows is worked out once per selection.
        key = item.id if item is not None else None
        if key != self._offered_for or self._place is None:
            self._offered_for = key
            offers = self._offers(item)
        else:
            offers = self._place
        # Drawing the footer again costs a seat more than the rest of a redraw: only when
        # the keys it shows change.
        if (call.id if call else None) != self._takes or offers != self._place:
            self._takes = call.id if call else None
            self._place = offers
            self.refresh_bindings()

    def call_to_take(self) -> PhoneCall | None:
        """The call the take key takes: the selected item, when it is a call that rings;
        else, on a console where calls ring, the first that rang."""
        calls = self.crisis.model.calls
        item = self.selected
        call = calls.get(item.id) if item is not None else None
        if call is not None and call.state == CallState.RINGING:
            return call
        if self.crisis.rings_here():
            return next(iter(calls.ringing()), None)
        return None

    def action_take_call(self) -> None:
        """Take the ringing call: the console is on the phone until it ends."""
        app = self.crisis
        call = self.call_to_take()
        if call is None:
            app.notify(app.tr("call.none"), timeout=3)
            return
        self._act(ActionRequest("take", (call.id,), by=app.player), app.tr("toast.call_taken"))

    @property
    def crisis(self) -> CrisisApp:
        """The live console."""
        return self.app  # type: ignore[return-value]

    def compose_composer(self) -> ComposeResult:
        """The composer, hidden until something is written: over the lower part of the
        screen, so the newest items and the detail pane's head stay in sight."""
        app = self.crisis
        yield ComposerPanel(app.tr, app.check_text, app.item_info, id="composer")

    def redraw(self) -> None:
        """Live counters and countdowns, the composer's among them."""
        super().redraw()
        composer = self.composer
        if composer is not None:
            composer.redraw()

    def _act(self, request: ActionRequest, done_message: str) -> None:
        self.post_message(ActionRequested(request, done_message))

    # -- responding ----------------------------------------------------------------------

    def _need_item(self) -> FeedItem | None:
        item = self.selected
        if item is None:
            self.app.bell()
        return item

    def action_reply(self) -> None:
        """Reply to the selected item, in the composer."""
        item = self._need_item()
        if item is not None:
            self.open_composer(Target(item))

    def action_statement(self) -> None:
        """Write a statement, on a channel of your choice, in the composer."""
        self.open_composer(Target(None))

    def action_handover(self) -> None:
        """Write the status for the next shift, in the composer: what is going on, what is
        promised, what waits. It stays inside the team."""
        self.open_composer(Target(None, handover=True))

    @property
    def composer(self) -> ComposerPanel | None:
        """The open composer, if something is being written."""
        composer = self.query_one("#composer", ComposerPanel)
        return composer if composer.is_open else None

    def open_composer(self, target: Target) -> None:
        """Open the composer for a reply or a statement, with its draft if there is one.

        One composer at a time: opening another keeps the current one's text as its draft.
        """
        current = self.composer
        if current is not None:
            if current.target.key == target.key:
                current.query_one("#composer-text").focus()
                return
            self._keep_draft(current.target.key, current.text)
        composer = self.query_one("#composer", ComposerPanel)
        composer.open(target, self.drafts.get(target.key, ""))

    def _keep_draft(self, key: str, text: str) -> None:
        if text.strip():
            self.drafts[key] = text
        else:
            self.drafts.pop(key, None)

    def _close_composer(self, composer: ComposerPanel) -> None:
        composer.close()
        self.active_feed.focus()

    @on(ComposerPanel.Publish)
    async def _composer_publish(self, event: ComposerPanel.Publish) -> None:
        app = self.crisis
        target = event.composer.target
        item = target.item
        request = (
            ActionRequest("handover", (), event.text, by=app.player)
            if target.handover
            else ActionRequest("reply", (item.id,), event.text, by=app.player, draft=target.draft)
            if item is not None
            else ActionRequest(
                "statement",
                (),
                event.text,
                channel=event.channel,
                by=app.player,
                draft=target.draft,
            )
        )
        # Closed by the app through published() once the action is recorded; not recorded
        # (the exercise ended, the disk failed), the text stays in the composer.
        done = app.tr("toast.handed_over" if target.handover else "toast.published")
        self.post_message(ActionRequested(request, done, event.composer))

    def published(self, composer: ComposerPanel) -> None:
        """What ``composer`` held is recorded: its draft goes, and so does the composer."""
        self.drafts.pop(composer.target.key, None)
        self._close_composer(composer)

    @on(ComposerPanel.Closed)
    def _composer_closed(self, event: ComposerPanel.Closed) -> None:
        self._keep_draft(event.composer.target.key, event.draft)
        self._close_composer(event.composer)
        if event.draft.strip():
            self.app.notify(self.crisis.tr("composer.draft"), timeout=3)

    def action_flag(self) -> None:
        """Flag the selected item as valid, misleading or irrelevant, with the keys of the
        console's language (bokmål: k korrekt, v villedende, i irrelevant)."""
        item = self._need_item()
        if item is None:
            return
        app = self.crisis
        tr = app.tr
        keys = {tr(f"flag.key.{label}"): label for label in TRUTHS}
        options = [
            (label, f"{tr(f'flag.key.{label}')}  {tr('label.' + label)}") for label in TRUTHS
        ]

        def done(label: str | None) -> None:
            if label:
                self._act(
                    ActionRequest("flag", (item.id,), label=label, by=app.player),
                    tr("toast.flagged", label=tr("label." + label)),
                )

        self.app.push_screen(ChoiceScreen(tr("flag.title"), options, keys), done)

    def action_hide(self) -> None:
        """Hide the selected item, saying why; on a hidden item, offer to show it again."""
        item = self._need_item()
        if item is None:
            return
        if item.hidden:
            self.action_unhide()
            return
        app = self.crisis
        tr = app.tr
        keys = {tr(f"hide.key.{reason}"): reason for reason in HIDE_REASONS}
        options = [
            (reason, f"{tr(f'hide.key.{reason}')}  {tr(f'hide.reason.{reason}')}")
            for reason in HIDE_REASONS
        ]

        def done(reason: str | None) -> None:
            if reason:
                self._act(
                    ActionRequest("hide", (item.id,), reason=reason, by=app.player),
                    tr("toast.hidden_because", reason=tr(f"hide.reason.{reason}")),
                )

        self.app.push_screen(ChoiceScreen(tr("hide.title"), options, keys), done)

    def action_remove(self) -> None:
        """Someone else's post: report it to the platform, or ask its author to remove it,
        saying why."""
        item = self._need_item()
        if item is None:
            return
        app = self.crisis
        tr = app.tr
        place = app.place_name(item) or ""
        kinds = (Action.REPORT, Action.ASK_REMOVAL)
        keys = {tr(f"remove.key.{kind}"): str(kind) for kind in kinds}
        options = [
            (str(kind), f"{tr(f'remove.key.{kind}')}  {tr(f'remove.{kind}', platform=place)}")
            for kind in kinds
        ]

        def chosen(kind: str | None) -> None:
            if kind:
                self._ask_removal(item, kind, tr(f"{kind}.title"), place)

        self.app.push_screen(ChoiceScreen(tr("remove.title"), options, keys), chosen)

    def action_desk(self) -> None:
        """A story or comment on a newspaper's site: ask its desk to take it down."""
        item = self._need_item()
        if item is not None:
            app = self.crisis
            place = app.place_name(item)
            title = app.tr("desk.title", platform=place or "")
            self._ask_removal(item, Action.REPORT, title, place)

    def _ask_removal(self, item: FeedItem, kind: str, title: str, place: str | None) -> None:
        """Why the item should go (the reasons of a hide), then the report or the request."""
        app = self.crisis
        tr = app.tr
        keys = {tr(f"hide.key.{reason}"): reason for reason in HIDE_REASONS}
        options = [
            (reason, f"{tr(f'hide.key.{reason}')}  {tr(f'hide.reason.{reason}')}")
            for reason in HIDE_REASONS
        ]
        desk = app.owner_of(item) == Owner.NEWSPAPER
        toast = "toast.desk" if desk else f"toast.{kind}"

        def done(reason: str | None) -> None:
            if reason:
                self._act(
                    ActionRequest(kind, (item.id,), reason=reason, by=app.player),
                    tr(toast, reason=tr(f"hide.reason.{reason}"), platform=place or ""),
                )

        self.app.push_screen(ChoiceScreen(title, options, keys), done)

    def action_unhide(self) -> None:
        """Show the selected hidden item again, after asking."""
        item = self._need_item()
        if item is None:
            return
        app = self.crisis
        if not item.hidden:
            app.notify(app.tr("unhide.not_hidden"), severity="warning", timeout=3)
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._act(
                    ActionRequest("unhide", (item.id,), by=app.player), app.tr("toast.unhidden")
                )

        self.app.push_screen(ConfirmScreen(app.tr("unhide.confirm")), done)

    def action_escalate(self) -> None:
        """Escalate the selected item: to whom (the scenario's list, or any name), then an
        optional note."""
        item = self._need_item()
        if item is None:
            return
        app = self.crisis
        tr = app.tr
        names = list(app.loaded.scenario.escalation)
        other = "other"  # the options of the names are their positions: 0, 1, ...

        def escalate(name: str) -> None:
            shown = clean(name, single_line=True)  # scenario or typed text, shown literally

            def done(note: str | None) -> None:
                if note is not None:
                    self._act(
                        ActionRequest("escalate", (item.id,), note, recipient=name, by=app.player),
                        tr("toast.escalated_to", name=shown),
                    )

            self.app.push_screen(
                PromptScreen(tr("escalate.note", name=shown), allow_empty=True), done
            )

        def ask_name() -> None:
            def named(name: str | None) -> None:
                if name:
                    escalate(name)

            self.app.push_screen(PromptScreen(tr("escalate.name")), named)

        if not names:
            ask_name()
            return

        def chosen(choice: str | None) -> None:
            if choice == other:
                ask_name()
            elif choice is not None:
                escalate(names[int(choice)])

        # Scenario text, shown literally; the first nine have a digit key.
        shown = [clean(name, single_line=True) for name in names]
        options = [(str(k), f"{k + 1 if k < 9 else ' '}  {name}") for k, name in enumerate(shown)]
        options.append((other, f"0  {tr('escalate.other')}"))
        keys = {str(k + 1): str(k) for k in range(min(len(names), 9))} | {"0": other}
        self.app.push_screen(ChoiceScreen(tr("escalate.to"), options, keys), chosen)

    def action_team_log(self) -> None:
        """What the team has done and noted, with who did it: the same on every seat."""
        app = self.crisis
        self.app.push_screen(TeamLogScreen(app.tr, log_text(app.tr, app.model, app.clock_text)))

    def action_note(self) -> None:
        """A logbook note, attached to the selected item if there is one."""
        app = self.crisis
        item = self.selected

        def done(text: str | None) -> None:
            if text:
                self._act(
                    ActionRequest("note", (item.id,) if item else (), text, by=app.player),
                    app.tr("toast.noted"),
                )

        self.app.push_screen(PromptScreen(app.tr("note.title")), done)
