"""The event contract of the session log: every event type, its fields, and the words
its fields may hold.

The engine writes these events and nothing else; the console, the replay, scoring and
export read them. ``docs/sessions.md`` describes the same contract for people, field by
field, and the tests hold the two together.

Each vocabulary is a :class:`~enum.StrEnum`, so a member compares equal to the plain
string a session file holds: files written before this module read as they always did.
Each event type's ``data`` is a :class:`~typing.TypedDict`. A field whose value comes
from a vocabulary is annotated with its enum (``Annotated[str, Channel]``): the type stays
``str``, so values read from a file or a scenario need no conversion, and the annotation
says which words are allowed.
"""

# No postponed annotations here: a TypedDict reads NotRequired from its evaluated
# annotations, and would take every field for required if they stayed strings.

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NotRequired, TypedDict

if TYPE_CHECKING:
    from simulator.engine.people import Author


class EventType(StrEnum):
    """The ``type`` of an event in the log."""

    SESSION_START = "session_start"
    CLOCK = "clock"
    DELIVERED = "delivered"
    ACTION = "action"
    NOTE = "note"
    EXPECTATION = "expectation"
    CORRECTED = "corrected"
    SESSION_END = "session_end"
    EVALUATION = "evaluation"
    #: A phone call rang out unanswered, or a call that was taken ended.
    CALL = "call"


class Source(StrEnum):
    """Where a delivered item came from."""

    INJECT = "inject"
    NOISE = "noise"
    TEAM = "team"
    FACILITATOR = "facilitator"
    #: The public's answer to a reply or statement of the team: its ``reply_to`` names the
    #: team's item, its ``reaction`` says how it answers and its ``tone`` how it sounds.
    REACTION = "reaction"


class Channel(StrEnum):
    """Where an item appears."""

    SOCIAL = "social"
    PRESS = "press"
    NEWS = "news"
    INTERNAL = "internal"


#: The channels the public sees: the feed shows them together.
PUBLIC_CHANNELS = frozenset({Channel.SOCIAL, Channel.NEWS})


class Owner(StrEnum):
    """Who moderates the platform an item is on, and so what the team may do about it."""

    #: The organisation's own page: it posts there and hides comments.
    OWN = "own"
    #: Someone else's post on an open platform: the team replies, reports it to the
    #: platform or asks the author to remove it, but cannot hide it.
    OTHERS = "others"
    #: A newspaper's site or comment section: the paper moderates it, and the team can only
    #: contact the desk.
    NEWSPAPER = "newspaper"


class Kind(StrEnum):
    """What sort of item it is."""

    POST = "post"
    QUESTION = "question"
    PRESS = "press"
    NEWS = "news"
    OFFICIAL = "official"
    INTERNAL = "internal"
    #: A journalist rings the press seat: it must be taken before it rings out, and it
    #: occupies whoever takes it until it ends.
    CALL = "call"


class Reaction(StrEnum):
    """How the public answers one of the team's items."""

    REPLY = "reply"  # a comment under the item
    QUOTE = "quote"  # a post of one's own that quotes the item, with a comment
    SHARE = "share"  # the item passed on as it is: its text is the team's


class Tone(StrEnum):
    """How a reaction sounds: what the exercise knows and the team must read for itself,
    so it is withheld from trainees, as an item's truth is."""

    SUPPORTIVE = "supportive"  # thanks, passes the word on
    ASKING = "asking"  # neutral, asks for more
    SCEPTICAL = "sceptical"  # doubts what was said
    ANGRY = "angry"  # critical, feels let down


#: The tones that count against the team in the debrief.
NEGATIVE_TONES = frozenset({Tone.SCEPTICAL, Tone.ANGRY})


class Truth(StrEnum):
    """An item's ground truth, and the labels a flag gives."""

    VALID = "valid"
    MISLEADING = "misleading"
    IRRELEVANT = "irrelevant"


class NoiseLabel(StrEnum):
    """What a noise item is: a truth, or sensitive or abusive (which have no truth)."""

    VALID = "valid"
    MISLEADING = "misleading"
    IRRELEVANT = "irrelevant"
    SENSITIVE = "sensitive"
    ABUSIVE = "abusive"


class Role(StrEnum):
    """Who posts an item."""

    CITIZEN = "citizen"
    JOURNALIST = "journalist"
    MEDIA = "media"
    INFLUENCER = "influencer"
    ACTIVIST = "activist"
    AGENCY = "agency"
    EMPLOYEE = "employee"


class Action(StrEnum):
    """What the team can do. A note is logged as a ``note`` event, the rest as ``action``."""

    REPLY = "reply"
    STATEMENT = "statement"
    FLAG = "flag"
    HIDE = "hide"
    UNHIDE = "unhide"
    ESCALATE = "escalate"
    NOTE = "note"
    #: A reply or statement written for the leader to approve: the leader publishes it
    #: (a reply or statement naming the draft) or returns it with a comment.
    DRAFT = "draft"
    RETURN = "return"
    #: A team member takes an item on, so that the others leave it to them; a release (or
    #: a reply to the item published) gives it up.
    CLAIM = "claim"
    RELEASE = "release"
    #: On a platform the team does not own: ask its moderators (a newspaper's desk) to
    #: remove or correct the item, or ask its author to remove it.
    REPORT = "report"
    ASK_REMOVAL = "ask_removal"
    #: A written status for the next shift: internal, seen by no one outside the team,
    #: judged on what it says (an expectation's ``require``).
    HANDOVER = "handover"
    #: Taking a phone call that rings: the taker is on the phone until the call ends.
    TAKE = "take"


#: What an expectation's ``do`` may name besides :data:`EXPECTABLE`: every action but a note
#: (and an unhide, which answers nothing).
ANY_ACTION = "any"
#: What an expectation's ``do`` names for restraint: the right answer is not to answer in
#: public. It is met when its window passes without a public reply to the item.
MONITOR = "monitor"
#: The actions an expectation can ask for, by name.
EXPECTABLE: tuple[Action, ...] = (
    Action.REPLY,
    Action.STATEMENT,
    Action.FLAG,
    Action.HIDE,
    Action.ESCALATE,
    Action.REPORT,
    Action.ASK_REMOVAL,
    Action.HANDOVER,
    Action.TAKE,
)
#: The actions that ask for an item to be taken down: hiding it where the team owns the
#: page, asking the platform or the author where it does not.
REMOVES: tuple[Action, ...] = (Action.HIDE, Action.REPORT, Action.ASK_REMOVAL)
#: The actions that publish the team's own item.
PUBLISHES: tuple[Action, ...] = (Action.REPLY, Action.STATEMENT)
#: The actions that need a target item.
NEEDS_TARGET: tuple[Action, ...] = (
    Action.REPLY,
    Action.FLAG,
    Action.HIDE,
    Action.UNHIDE,
    Action.ESCALATE,
    Action.CLAIM,
    Action.RELEASE,
    Action.REPORT,
    Action.ASK_REMOVAL,
    Action.TAKE,
)
#: The team's work among themselves: drafts, their return, and claims on items. Recorded,
#: but seen by no one outside the team: they settle no expectation and earn nothing.
TEAM_WORK: tuple[Action, ...] = (Action.DRAFT, Action.RETURN, Action.CLAIM, Action.RELEASE)


class DraftStatus(StrEnum):
    """Where a draft stands. Not logged as such: it follows from the ``action`` events."""

    OPEN = "open"
    PUBLISHED = "published"
    RETURNED = "returned"


class CallStatus(StrEnum):
    """How a phone call ended, as its ``call`` event says."""

    #: Nobody took it before its time to ring was up.
    RANG_OUT = "rang_out"
    #: It was taken, and the conversation is over.
    ENDED = "ended"


class HideReason(StrEnum):
    """Why an item is hidden."""

    PERSONAL_DATA = "personal_data"
    HARASSMENT = "harassment"
    OTHER = "other"


class Status(StrEnum):
    """The state of an expectation. ``pending`` is never logged: it is the state before
    the first ``expectation`` event."""

    PENDING = "pending"
    MET = "met"
    LATE = "late"
    MISSED = "missed"
    #: The answer said what it must not (a ``forbid`` phrase), or an item of restraint was
    #: answered in public.
    BREACH = "breach"
    #: The exercise ended before the deadline, and nothing had settled it.
    NOT_REACHED = "not_reached"


#: The outcomes that close an expectation for good.
SETTLED: tuple[Status, ...] = (Status.MET, Status.LATE, Status.BREACH)


class Rule(StrEnum):
    """What a guideline finding is about."""

    AVOID = "avoid"  # a phrase the scenario asks the team to avoid
    FORBID = "forbid"  # a claim that is wrong in any public text
    NATIONAL_ID = "national_id"
    EMAIL = "email"
    PHONE = "phone"
    #: An item hidden that was neither personal data nor abuse: public bodies keep a high
    #: threshold for removing what people write on their pages.
    LEGITIMATE = "legitimate"


class Evaluation(StrEnum):
    """What an evaluator records."""

    RATE = "rate"  # an objective's rating and comment
    STRENGTH = "strength"
    IMPROVEMENT = "improvement"  # an area for improvement


class Rating(StrEnum):
    """An objective's rating, as in exercise evaluation guides."""

    P = "P"  # performed without challenges
    S = "S"  # performed with some challenges
    M = "M"  # performed with major challenges
    U = "U"  # unable to be performed


class ClockOp(StrEnum):
    """A change to the exercise clock."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SPEED = "speed"
    JUMP = "jump"


class EndReason(StrEnum):
    """Why the exercise ended."""

    COMPLETED = "completed"
    FACILITATOR = "ended by facilitator"


# -- each event type's data ------------------------------------------------------------


class SessionStartData(TypedDict):
    """``session_start``: the scenario and seed the exercise runs."""

    scenario: str
    title: str
    sha256: str
    seed: int
    version: str
    speed: float
    language: str


class ClockData(TypedDict):
    """``clock``: a change to the exercise clock."""

    op: Annotated[str, ClockOp]
    speed: float


class DeliveredData(TypedDict):
    """``delivered``: an item appeared in the feed."""

    item: str
    source: Annotated[str, Source]
    channel: Annotated[str, Channel]
    kind: Annotated[str, Kind]
    author: str
    name: str
    handle: str
    role: Annotated[str, Role]
    followers: int
    text: str
    truth: Annotated[str, Truth] | None
    sensitive: bool
    abusive: bool
    reply_to: str | None
    peak: int
    within: NotRequired[int]
    deadlines: NotRequired[list[float | None]]
    reaction: NotRequired[Annotated[str, Reaction]]
    tone: NotRequired[Annotated[str, Tone]]
    quotes: NotRequired[str]
    #: The platform it is on, by the scenario's id; absent: the built-in place of its
    #: channel (the organisation's own page for a social item, the newsroom's site for news).
    platform: NotRequired[str]
    rings_out: NotRequired[float]
    lasts: NotRequired[int]


class FindingData(TypedDict):
    """One finding of the guideline check."""

    rule: Annotated[str, Rule]
    match: str
    reason: NotRequired[str]


class ActionData(TypedDict):
    """``action``: something the team did (but a note)."""

    action: Annotated[str, Action]
    to: list[str]
    text: str
    label: Annotated[str, Truth] | None
    channel: Annotated[str, Channel] | None
    by: str | None
    findings: list[FindingData]
    item: str | None
    reason: Annotated[str, HideReason] | None
    recipient: str | None
    request: NotRequired[str]
    seat: NotRequired[str]
    draft: NotRequired[str]
    publishes: NotRequired[Annotated[str, Action]]


class NoteData(TypedDict):
    """``note``: a note for the debrief, by the team or an observer."""

    text: str
    to: list[str]
    by: str | None
    observer: bool
    request: NotRequired[str]
    seat: NotRequired[str]


class ExpectationData(TypedDict):
    """``expectation``: an expectation was met, missed or answered late."""

    inject: str
    index: int
    do: list[str]
    status: Annotated[str, Status]
    delivered: float
    deadline: float
    responded: float | None
    response_time: float | None
    points: int | float
    at_end: NotRequired[bool]
    objective: NotRequired[str | None]
    earned: NotRequired[int | float]
    missing: NotRequired[list[str]]
    breach: NotRequired[str | None]
    breach_reason: NotRequired[str | None]


class EvaluationData(TypedDict):
    """``evaluation``: an evaluator's rating of an objective, a strength or an area for
    improvement."""

    kind: Annotated[str, Evaluation]
    objective: str | None
    rating: Annotated[str, Rating] | None
    text: str
    by: str | None
    request: NotRequired[str]
    seat: NotRequired[str]


class CorrectedData(TypedDict):
    """``corrected``: a misleading item was corrected; from then on it fades (reach.views_at)."""

    item: str
    views: int


class CallData(TypedDict):
    """``call``: a phone call rang out, or ended after it was taken (who took it, then)."""

    item: str
    status: Annotated[str, CallStatus]
    by: NotRequired[str | None]
    seat: NotRequired[str]


class SessionEndData(TypedDict):
    """``session_end``: the exercise ended."""

    reason: Annotated[str, EndReason]


#: Each event type's data.
DATA: dict[EventType, type] = {
    EventType.SESSION_START: SessionStartData,
    EventType.CLOCK: ClockData,
    EventType.DELIVERED: DeliveredData,
    EventType.ACTION: ActionData,
    EventType.NOTE: NoteData,
    EventType.EXPECTATION: ExpectationData,
    EventType.CORRECTED: CorrectedData,
    EventType.SESSION_END: SessionEndData,
    EventType.EVALUATION: EvaluationData,
    EventType.CALL: CallData,
}


def delivered_data(
    item: str,
    source: str,
    channel: str,
    kind: str,
    author: "Author",
    text: str,
    truth: str | None,
    sensitive: bool,
    abusive: bool,
    reply_to: str | None,
    peak: int,
    # Second to the others: the one optional field a background post may have.
    platform: str | None = None,
    within: int | None = None,
    deadlines: Sequence[float | None] = (),
    reaction: str | None = None,
    tone: str | None = None,
    quotes: str | None = None,
    call: tuple[float, int] | None = None,
) -> DeliveredData:
    """The data of a ``delivered`` event: the one place it is built.

    Positional on purpose: it runs once per noise item, the hot path of a surge.
    """
    data: DeliveredData = {
        "item": item,
        "source": source,
        "channel": channel,
        "kind": kind,
        "author": author.id,
        "name": author.name,
        "handle": author.handle,
        "role": author.role,
        "followers": author.followers,
        "text": text,
        "truth": truth,
        "sensitive": sensitive,
        "abusive": abusive,
        "reply_to": reply_to,
        "peak": peak,
    }
    # Only a facilitator's item that expects a reply has a deadline of its own.
    if within is not None:
        data["within"] = within
    # The scenario time each of an inject's expectations is due, in order (None for one of
    # restraint, which asks for no answer): the console, a replay and the debrief count
    # open questions from the log.
    if deadlines:
        data["deadlines"] = list(deadlines)
    # Only the public's reaction to a team's item says how it answers and how it sounds.
    if reaction is not None:
        data["reaction"] = reaction
    if tone is not None:
        data["tone"] = tone
    # Only a story that quotes the team names the team's item (``team-<n>``) it quotes.
    if quotes is not None:
        data["quotes"] = quotes
    if platform is not None:
        data["platform"] = platform
    # Only a phone call says when it rings out if nobody takes it, and how long it lasts
    # once taken: the console counts both down from the log.
    if call is not None:
        data["rings_out"], data["lasts"] = call
    return data


def values_of(literal: tuple[str, ...], vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The words of a vocabulary, in its order, checked against a ``Literal`` that spells
    them out for a type checker or a schema; a mismatch is a bug, raised at import."""
    words = tuple(vocabulary)
    if set(literal) != set(words):
        raise TypeError(f"{vocabulary.__name__}: {sorted(literal)} != {sorted(words)}")
    return tuple(str(w) for w in words)
