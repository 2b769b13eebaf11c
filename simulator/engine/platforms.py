"""Whose page an item is on, and what that lets the team do about it.

A municipality hides a comment on its own page; someone else's post on a microblogging
platform it can answer, report to the platform or ask the author to remove, but not hide;
a newspaper's site and comment section the paper moderates, and the team can only contact
the desk. The engine refuses what the platform does not allow, the console does not offer
it, and the scenario's validation says so of an expectation that asks for it: all three ask
:func:`refusal`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engine.events import Action, Channel, Owner
from simulator.lang import Said, Sayer
from simulator.lang.engine import ENGINE

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

_say = Sayer(ENGINE)

#: The owner of the built-in place of each channel an item can be on when the scenario
#: names no platform: a social item is on the organisation's own page, a news story on its
#: newsroom's site. Press inquiries and internal messages are on no platform.
BUILT_IN: dict[str, Owner] = {Channel.SOCIAL: Owner.OWN, Channel.NEWS: Owner.NEWSPAPER}

#: Where each platform-bound action may be taken, by the owner of the item's platform.
_WHERE: dict[str, frozenset[str | None]] = {
    Action.HIDE: frozenset({Owner.OWN}),
    Action.UNHIDE: frozenset({Owner.OWN}),
    Action.REPORT: frozenset({Owner.OTHERS, Owner.NEWSPAPER}),
    Action.ASK_REMOVAL: frozenset({Owner.OTHERS}),
    # A paper's comment section is the paper's: the team answers elsewhere.
    Action.REPLY: frozenset({Owner.OWN, Owner.OTHERS, None}),
}
#: What the team may do to its own items wherever they are: take them down, answer them.
_ON_OWN_ITEMS = frozenset({Action.HIDE, Action.UNHIDE, Action.REPLY})
#: The word for an item on no platform (a journalist's inquiry, an internal message).
NOWHERE = "none"


def refusal(action: str, owner: str | None, own_item: bool = False) -> str | None:
    """Why the team cannot take ``action`` on an item on a platform of ``owner`` (None: on
    no platform), as the engine catalogue's key ``platform.<action>.<owner>``; None when it
    can. ``own_item``: the item is the team's own post, which it may always take down."""
    where = _WHERE.get(action)
    if where is None:  # flag, escalate, note, claim: the team's own work, allowed anywhere
        return None
    said = Action.HIDE if action == Action.UNHIDE else action  # one explanation for both
    if own_item:
        return None if action in _ON_OWN_ITEMS else f"platform.{said}.team"
    if owner in where:
        return None
    return f"platform.{said}.{owner or NOWHERE}"


def allows(action: str, owner: str | None, own_item: bool = False) -> bool:
    """Whether the team can take ``action`` on an item on a platform of ``owner``."""
    return refusal(action, owner, own_item) is None


def owner_of(channel: str, declared: str | None) -> str | None:
    """The owner of an item's platform: ``declared``, the owner of the scenario's platform
    it is on, or else the owner of its channel's built-in place (None: on no platform)."""
    return declared if declared is not None else BUILT_IN.get(channel)


def platform_name(
    scenario: Scenario, platform: str | None, channel: str = Channel.SOCIAL
) -> Said | str:
    """What the platform an item is on is called: the scenario's name for it, or the
    built-in place of its channel's ("your own page", "the newspaper's site")."""
    declared = scenario.platform_by_id.get(platform) if platform is not None else None
    if declared is not None:
        return declared.name
    return _say("platform.news" if channel == Channel.NEWS else "platform.page")
