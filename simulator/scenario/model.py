"""Scenario format v1 as pydantic models.

The models check shape and types only. Rules that relate fields to each other (references,
timing, templates) live in ``validate``, where each finding can point at its own line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simulator.engine import events
from simulator.engine.events import values_of
from simulator.engine.platforms import owner_of
from simulator.lang import Said, SaidError, Sayer
from simulator.lang.source import SOURCE
from simulator.scenario import limits
from simulator.scenario.durations import (
    format_duration,
    on_duty_from,
    parse_day_time,
    parse_duration,
    seconds_until,
)
from simulator.scenario.phrases import phrase_problem
from simulator.scenario.reactions import DEFAULT_ORG_FOLLOWERS, DEFAULT_WITHIN, Signal

Kind = Literal["post", "question", "press", "news", "official", "internal", "call"]
Channel = Literal["social", "press", "news", "internal"]
Role = Literal["citizen", "journalist", "media", "influencer", "activist", "agency", "employee"]
Truth = Literal["valid", "misleading", "irrelevant"]
Action = Literal[
    "reply",
    "statement",
    "flag",
    "hide",
    "escalate",
    "report",
    "ask_removal",
    "handover",
    "take",
    "any",
    "monitor",
]
Owner = Literal["own", "others", "newspaper"]
LateCredit = Literal["linear", "half", "none"]
MixKey = Literal["valid", "misleading", "irrelevant", "sensitive", "abusive"]
Language = Literal["nb", "nn", "en"]
DeadlineKey = Literal[
    "post", "question", "press", "news", "official", "internal", "call", "sensitive"
]

# The Literals above spell the words out for pydantic and the type checker; the words
# themselves belong to the event contract, and each Literal is checked against it here.
KINDS: tuple[str, ...] = values_of(get_args(Kind), events.Kind)
CHANNELS: tuple[str, ...] = values_of(get_args(Channel), events.Channel)
ROLES: tuple[str, ...] = values_of(get_args(Role), events.Role)
TRUTHS: tuple[str, ...] = values_of(get_args(Truth), events.Truth)
ACTIONS: tuple[str, ...] = (
    *(str(a) for a in events.EXPECTABLE),
    events.ANY_ACTION,
    events.MONITOR,
)
MIX_KEYS: tuple[str, ...] = values_of(get_args(MixKey), events.NoiseLabel)
OWNERS: tuple[str, ...] = values_of(get_args(Owner), events.Owner)
if set(get_args(Action)) != set(ACTIONS):
    raise TypeError(f"Action: {get_args(Action)} != {ACTIONS}")

if set(get_args(DeadlineKey)) != {*KINDS, events.NoiseLabel.SENSITIVE}:
    raise TypeError(f"DeadlineKey: {get_args(DeadlineKey)}")

DEFAULT_CHANNEL: dict[str, str] = {
    events.Kind.POST: events.Channel.SOCIAL,
    events.Kind.QUESTION: events.Channel.SOCIAL,
    events.Kind.PRESS: events.Channel.PRESS,
    events.Kind.NEWS: events.Channel.NEWS,
    events.Kind.OFFICIAL: events.Channel.SOCIAL,
    events.Kind.INTERNAL: events.Channel.INTERNAL,
    events.Kind.CALL: events.Channel.PRESS,
}
# Built-in response deadlines, in seconds, from crisis-communication doctrine. A call's is
# how long it rings before it rings out: a journalist does not let it ring for long.
DEFAULT_DEADLINES: dict[str, int] = {"press": 1800, "question": 1800, "post": 900, "call": 120}
#: How long a phone call lasts once taken, when the scenario does not say.
DEFAULT_CALL_LASTS = 240
#: The conditions an inject (a burst, a noise text, a variable) can wait on, each of
#: another inject: delivered, all its expectations met, one of them missed, or (a call)
#: rung out unanswered.
CONDITIONS: tuple[str, ...] = ("delivered", "met", "missed", "unanswered")
DEFAULT_DEADLINE_OTHER = 3600
DEFAULT_DEADLINE_SENSITIVE = 600
DEFAULT_ONCE = 0.6  # of a generated crowd's items, the share by people who post once
DEFAULT_AUDIENCE = 20_000  # people in the affected area, when the scenario does not say
FAKER_LOCALES: dict[str, str] = {"nb": "no_NO", "nn": "no_NO", "en": "en_GB"}

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
_say = Sayer(SOURCE)


def _check_slug(value: str) -> str:
    if len(value) > limits.MAX_ID:
        raise SaidError(_say("id_too_long", limit=limits.MAX_ID, count=len(value)))
    if not _SLUG.fullmatch(value):
        raise SaidError(_say("id_invalid", value=value))
    return value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _as_text(value: Any) -> Any:
    # Planners write phone numbers and years unquoted; YAML makes them numbers.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise SaidError(_say("not_finite"))
    return value


def _at_most(limit: float, message: str, fix: str) -> AfterValidator:
    """A check that a number is at most ``limit`` (a whole number), with the range and the
    fix in its message: the keys of both in the catalogue (``at_most``, ``at_most_points``)."""
    if message not in SOURCE:  # a wrong key fails when the model is defined, not when used
        raise KeyError(message)
    fixed = _say(fix)

    def check(value: float) -> float:
        if value > limit:
            got: Said | str = (
                _say("number", value=value) if isinstance(value, int) else f"{value:g}"
            )
            raise SaidError(_say(message, limit=int(limit), value=got, fix=fixed))
        return value

    return AfterValidator(check)


def _duration_at_most(limit: int, fix: str) -> AfterValidator:
    fixed = _say(fix)

    def check(value: int) -> int:
        if value > limit:
            raise SaidError(
                _say(
                    "duration_at_most",
                    limit=format_duration(limit),
                    days=limit // limits.DAY,
                    value=format_duration(value),
                    fix=fixed,
                )
            )
        return value

    return AfterValidator(check)


def _format_one(value: Any) -> Any:
    # true == 1 and 1.0 == 1 in Python; the format number is written as the integer 1.
    if type(value) is not int:
        raise SaidError(_say("format_one"))
    return value


def _year_in_range(value: datetime) -> datetime:
    if not limits.MIN_YEAR <= value.year <= limits.MAX_YEAR:
        raise SaidError(
            _say(
                "year_range",
                low=limits.MIN_YEAR,
                high=limits.MAX_YEAR,
                year=value.year,
                example="2026-03-12T07:40:00+01:00",
            )
        )
    return value


def _duration_schema(limit: int) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": limit},
                {
                    "type": "string",
                    "pattern": (
                        r"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?$|^[0-9]+$"
                        r"|^[0-9]{1,3}:[0-5][0-9]:[0-5][0-9]$"
                    ),
                },
            ],
            "description": (
                "A duration: 90s, 15m, 1h30m, 01:30:00, or whole seconds; "
                f"at most {format_duration(limit)}."
            ),
        }
    )


Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema(
        {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "maxLength": limits.MAX_ID}
    ),
]
Duration = Annotated[
    int,
    BeforeValidator(parse_duration),
    _duration_at_most(
        limits.MAX_ANY_DURATION,
        "fix_any_duration",
    ),
    _duration_schema(limits.MAX_ANY_DURATION),
]
# The scenario's own length: its limit is the one named in the message, not the general one.
ScenarioDuration = Annotated[
    int,
    BeforeValidator(parse_duration),
    _duration_at_most(limits.MAX_DURATION, "fix_scenario_duration"),
    _duration_schema(limits.MAX_DURATION),
]
Text = Annotated[str, Field(min_length=1, max_length=limits.MAX_TEXT)]
#: A time of day on the exercise's fictional clock, ``HH:MM``.
DayTime = Annotated[
    str,
    BeforeValidator(parse_day_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
            "description": "A time of day on the fictional clock, such as 07:00.",
        }
    ),
]
LongText = Annotated[str, Field(max_length=limits.MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=limits.MAX_NAME)]
Handle = Annotated[str, Field(max_length=limits.MAX_NAME)]


def _one_or_many(item_schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(
        {"anyOf": [item_schema, {"type": "array", "items": item_schema, "minItems": 1}]}
    )


def _each_once(names: list[str]) -> list[str]:
    seen: set[str] = set()
    for name in names:
        if not name.strip():
            raise SaidError(_say("name_blank"))
        if name.strip().casefold() in seen:
            raise SaidError(_say("name_twice", name=name))
        seen.add(name.strip().casefold())
    return names


def _check_phrase(value: str) -> str:
    problem = phrase_problem(value)
    if problem is not None:
        raise SaidError(problem)
    return value


#: Words to look for in what the team writes (see :mod:`simulator.scenario.phrases`).
Phrase = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(max_length=limits.MAX_PHRASE),
    AfterValidator(_check_phrase),
]


def _requirement_tag(value: Any) -> str:
    return "alternatives" if isinstance(value, list) else "phrase"


def _one_alternative(value: Any) -> Any:
    # [politiet] says the same as politiet: one form, so that equal entries compare equal.
    return value[0] if isinstance(value, list) and len(value) == 1 else value


#: An entry of ``require``: a phrase, or a list of phrases of which any one will do.
Requirement = Annotated[
    Annotated[Phrase, Tag("phrase")]
    | Annotated[
        list[Phrase],
        Field(min_length=1, max_length=limits.MAX_MENTION),
        Tag("alternatives"),
    ],
    Discriminator(_requirement_tag),
    BeforeValidator(_one_alternative),
]
#: What a text must hold: each entry, one of whose phrases is enough when it is a list.
Requirements = Annotated[
    list[Requirement], BeforeValidator(_as_list), Field(max_length=limits.MAX_MENTION)
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


VariableText = Annotated[str, BeforeValidator(_as_text), Field(max_length=limits.MAX_TEXT)]


class VariableStep(_Model):
    """One value of a variable that changes: from a time (``at``), or from the moment
    something happens to an inject (``after``)."""

    at: Duration | None = None
    after: Trigger | None = None
    value: VariableText


def _variable_tag(value: Any) -> str:
    return "steps" if isinstance(value, list) else "value"


VariableSpec = Annotated[
    Annotated[VariableText, Tag("value")]
    | Annotated[
        list[VariableStep],
        Field(min_length=1, max_length=limits.MAX_VARIABLE_STEPS),
        Tag("steps"),
    ],
    Discriminator(_variable_tag),
]


Followers = Annotated[int, Field(ge=0), _at_most(limits.MAX_FOLLOWERS, "at_most", "fix_followers")]


class Organisation(_Model):
    """The trained team's own account."""

    name: Name
    handle: Handle | None = Field(None, description="Generated from the name when absent.")
    followers: Followers = Field(
        default=DEFAULT_ORG_FOLLOWERS,
        description="The account's followers: how far its replies and statements reach.",
    )

    @model_validator(mode="before")
    @classmethod
    def _handle_from_name(cls, data: Any) -> Any:
        return _fill_handle(data)


_FOLD: dict[str, str | int | None] = {"æ": "ae", "ø": "o", "å": "a", "ß": "ss"}


def make_handle(name: str) -> str:
    """A handle derived from a display name: 'Bjørn Åsen' gives 'bjorn_asen'."""
    folded = name.lower().translate(str.maketrans(_FOLD))
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_") or "user"


def _fill_handle(data: Any) -> Any:
    if isinstance(data, dict) and data.get("handle") is None and isinstance(data.get("name"), str):
        # Clipped: an over-long name is reported as the name, not as a handle never written.
        return {**data, "handle": make_handle(data["name"])[: limits.MAX_NAME]}
    if isinstance(data, dict) and isinstance(data.get("handle"), str):
        return {**data, "handle": data["handle"].lstrip("@")}
    return data


class Persona(_Model):
    """Someone who posts: a citizen, a journalist, an agency."""

    id: Slug
    name: Name
    handle: Handle | None = Field(None, description="Generated from the name when absent.")
    role: Role = "citizen"
    followers: Followers | None = None

    @model_validator(mode="before")
    @classmethod
    def _handle_from_name(cls, data: Any) -> Any:
        return _fill_handle(data)


class Trigger(_Model):
    """Delivery after something happened to another inject; exactly one key is given."""

    delivered: Slug | None = None
    met: Slug | None = None
    missed: Slug | None = None
    unanswered: Slug | None = Field(
        None, description="A phone call (kind call) that rang out with nobody taking it."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Trigger:
        if sum(getattr(self, k) is not None for k in CONDITIONS) != 1:
            raise SaidError(_say("after_one", example="after: {met: press-1}"))
        return self

    @property
    def condition(self) -> str:
        """Which of :data:`CONDITIONS` this trigger waits for."""
        return next(k for k in CONDITIONS if getattr(self, k) is not None)

    @property
    def ref(self) -> str:
        """The inject id the trigger waits on."""
        return getattr(self, self.condition)


class Forbidden(_Model):
    """A phrase that must not appear in what the team publishes, and why."""

    text: Phrase
    reason: Text


class Objective(_Model):
    """An exercise objective: what the exercise is evaluated against."""

    id: Slug
    title: Text
    indicators: Annotated[
        list[Text], BeforeValidator(_as_list), Field(max_length=limits.MAX_MENTION)
    ] = Field(default_factory=list, description="How an evaluator sees that it was achieved.")


class Expectation(_Model):
    """What the team should do about an item, and by when."""

    do: Annotated[
        list[Action],
        BeforeValidator(_as_list),
        Field(min_length=1, max_length=len(ACTIONS)),
        _one_or_many({"enum": list(ACTIONS)}),
    ]
    within: Duration | None = Field(
        None, description="Deadline after delivery; defaults from scoring.deadlines."
    )
    deadline: DayTime | None = Field(
        None,
        description="Deadline as a time of day on the fictional clock (the scenario's start "
        "gives T+0 its time), such as a journalist's 07:00; instead of within.",
    )
    label: Truth | None = Field(None, description="Required when do includes flag.")
    mention: Annotated[
        list[Text],
        BeforeValidator(_as_list),
        Field(max_length=limits.MAX_MENTION),
        _one_or_many({"type": "string"}),
    ] = Field(default_factory=list)
    points: Annotated[
        float,
        Field(gt=0),
        AfterValidator(_finite),
        _at_most(limits.MAX_POINTS, "at_most_points", "fix_points"),
    ] = 1
    objective: Slug | None = Field(None, description="The id of the objective it evaluates.")
    require: Requirements = Field(
        default_factory=list,
        description="Each entry must appear in the answer; an entry that is a list is met by "
        "any one of its phrases. A missing entry halves the points.",
    )
    forbid: Annotated[list[Forbidden], Field(max_length=limits.MAX_MENTION)] = Field(
        default_factory=list,
        description="Phrases that make the answer a breach (0 points), with the reason.",
    )

    @property
    def monitor(self) -> bool:
        """Restraint: met when the window passes with no public answer to the item."""
        return events.MONITOR in self.do


class Variant(_Model):
    """A rumour as it changes while it spreads (a number grows, a detail changes): a post
    of its own, ``after`` the rumour was delivered, unless the team has corrected the
    rumour by then."""

    after: Duration
    text: Text
    from_: Slug | None = Field(
        None, alias="from", description="A persona id; default: the rumour's."
    )
    reach: (
        Annotated[int, Field(ge=0), _at_most(limits.MAX_REACH, "at_most_views", "fix_reach")] | None
    ) = None


class Story(_Model):
    """A news story that quotes the team: when the team has published on its topic before
    the story comes, its text is ``quoted`` with the team's latest words on it in
    ``{quote}``; when not, ``silent`` (the municipality has not answered)."""

    about: Annotated[
        list[Text],
        BeforeValidator(_as_list),
        Field(min_length=1, max_length=limits.MAX_MENTION),
        _one_or_many({"type": "string"}),
    ] = Field(
        description="Phrases of the topic: a team text that mentions one (as an expectation's "
        "mention) is on it."
    )
    quoted: Text = Field(description="The story when the team has published on the topic.")
    silent: Text = Field(description="The story when it has not.")


class Question(_Model):
    """What the journalist asks while a call goes: ``after`` the call was taken."""

    after: Duration = Field(description="Time after the call was taken; less than its 'lasts'.")
    text: Text


class Call(_Model):
    """A phone call (an inject of kind ``call``): how long it rings, how long it lasts once
    taken, and the journalist's questions as it goes."""

    ring: Duration | None = Field(
        None,
        description="How long it rings before it rings out; default scoring.deadlines.call, "
        "else 2m.",
    )
    lasts: Duration = Field(
        default=DEFAULT_CALL_LASTS, description="How long the conversation lasts once taken."
    )
    questions: Annotated[list[Question], Field(max_length=limits.MAX_QUESTIONS)] = Field(
        default_factory=list
    )


def question_id(call_id: str, k: int) -> str:
    """The item id of a call's ``k``-th question (from 0): ``nrk-ringer-q1``, ``-q2``, …"""
    return f"{call_id}-q{k + 1}"


def variant_id(inject_id: str, k: int) -> str:
    """The item id of a rumour's ``k``-th variant (from 0): ``rykte-dam-v1``, ``-v2``, …"""
    return f"{inject_id}-v{k + 1}"


#: Stands for an inject's text that is neither written nor given by a story.
_NO_TEXT = object()


def _text_given(value: Any) -> Any:
    # The errors pydantic gives a required text, so that they read as for any other.
    if value is _NO_TEXT:
        raise PydanticCustomError("missing", "Field required")
    if value is None:  # written, but empty: not left out for a story
        raise PydanticCustomError("string_type", "Input should be a valid string")
    return value


class Staffed(_Model):
    """When someone answers on the organisation's channels: items that come outside the
    hours wait for the next shift, and the team is expected to say when it answers."""

    opens: DayTime = Field(alias="from", description="When the first shift starts, HH:MM.")
    closes: DayTime = Field(
        alias="to", description="When the last shift ends, HH:MM (past midnight if earlier)."
    )
    say: Requirements = Field(
        default_factory=list,
        description="What a public text must hold to tell the hours, as an expectation's "
        "require; default: both hours (08 or 8, and 22).",
    )

    @property
    def told_by(self) -> list[str | list[str]]:
        """What a public text must hold to tell the hours: ``say``, or both hours."""
        if self.say:
            return list(self.say)
        return [
            sorted({hour, hour.lstrip("0") or "0"}) for hour in (self.opens[:2], self.closes[:2])
        ]


class Platform(_Model):
    """A place items appear on, and whose it is: the organisation's own page, where it
    hides comments; someone else's posts on an open platform, which it can answer, report
    or ask the author to remove; or a newspaper's site and comment section, which only the
    paper's desk moderates."""

    id: Slug
    name: Name = Field(description="As the console shows it: 'X', 'Fjordavisa's comments'.")
    owner: Owner
    default: bool = Field(
        False, description="Social items that name no platform are on this one (one at most)."
    )


class Inject(_Model):
    """One scripted item of the feed."""

    # For editors: a text, or a story that gives it, and not both.
    model_config = ConfigDict(
        **_Model.model_config,
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["story"]}]},
    )

    id: Slug
    from_: Slug = Field(alias="from", description="A persona id.")
    kind: Kind
    # Required, unless the inject is a story, whose text its story gives.
    text: Annotated[Text | None, BeforeValidator(_text_given)] = None
    story: Story | None = Field(
        None, description="A news story that quotes the team's latest words on its topic."
    )
    channel: Channel | None = None
    platform: Slug | None = Field(
        None, description="The id of the platform it is on (a social or news item)."
    )
    at: Duration | None = None
    after: Trigger | None = None
    delay: Duration | None = None
    truth: Truth | None = None
    sensitive: bool = False
    abusive: bool = False
    reply_to: Slug | None = None
    reach: (
        Annotated[int, Field(ge=0), _at_most(limits.MAX_REACH, "at_most_views", "fix_reach")] | None
    ) = None
    expect: Annotated[list[Expectation], Field(max_length=limits.MAX_EXPECT)] = Field(
        default_factory=list
    )
    variants: Annotated[list[Variant], Field(max_length=limits.MAX_VARIANTS)] = Field(
        default_factory=list
    )
    call: Call | None = Field(
        None, description="Only on kind call: how long it rings, lasts, and what is asked."
    )
    notes: LongText | None = Field(
        None, description="For controllers and evaluators; never shown to trainees."
    )

    @model_validator(mode="before")
    @classmethod
    def _text_or_story(cls, data: Any) -> Any:
        # A text left out is missing only when no story gives one: the field's own check
        # then says so, beside whatever else is wrong with the inject.
        if isinstance(data, dict) and "text" not in data and data.get("story") is None:
            return {**data, "text": _NO_TEXT}
        return data

    @property
    def effective_channel(self) -> str:
        """The channel the item is delivered on."""
        return self.channel or DEFAULT_CHANNEL[self.kind]

    @property
    def templates(self) -> tuple[str, ...]:
        """The templates its text is made from: its ``text``, or its story's two."""
        if self.story is not None:
            return (self.story.quoted, self.story.silent)
        return (self.text,) if self.text is not None else ()


class NoiseAuthors(_Model):
    """Generated authors of one role, named in the scenario's language: ``count`` regulars
    who post again and again (a few of them a lot), and people who post once."""

    role: Role
    count: Annotated[int, Field(ge=1, le=limits.MAX_AUTHORS)] = Field(
        description="The regulars: people who post more than once, a few of them a lot."
    )
    once: Annotated[float, Field(ge=0, le=1), AfterValidator(_finite)] = Field(
        default=DEFAULT_ONCE,
        description="The share of items posted by people who post only that once.",
    )


def _authors_tag(value: Any) -> str:
    return "personas" if isinstance(value, list) else "generated"


Authors = Annotated[
    Annotated[NoiseAuthors, Tag("generated")] | Annotated[list[Slug], Tag("personas")],
    Discriminator(_authors_tag),
]


class RatePoint(_Model):
    """The noise rate at one moment; rates are linear between points."""

    at: Duration
    per_minute: Annotated[
        float,
        Field(ge=0),
        AfterValidator(_finite),
        _at_most(limits.MAX_RATE, "at_most_rate", "fix_rate"),
    ]


class Burst(_Model):
    """A surge of a noise stream when something happens to an inject (big news lands):
    its rate multiplied by ``factor`` for ``for_``."""

    when: Trigger
    factor: Annotated[
        float,
        Field(gt=1),
        AfterValidator(_finite),
        _at_most(limits.MAX_BURST_FACTOR, "at_most", "fix_factor"),
    ]
    for_: Duration = Field(default=300, alias="for")


Roles = Annotated[list[Role], Field(min_length=1), BeforeValidator(_as_list)]


class _NoiseLimits(_Model):
    """Who may post a noise text, and when: of one text, or of a whole category."""

    roles: Roles | None = Field(None, description="Only authors of these roles post it.")
    while_: Trigger | None = Field(
        None, alias="while", description="Posted only once this has happened to an inject."
    )
    until: Trigger | None = Field(
        None, description="Posted only until this has happened to an inject."
    )


class NoiseText(_NoiseLimits):
    """One noise text with its own limits."""

    text: Text


def _text_tag(value: Any) -> str:
    return "plain-text" if isinstance(value, str) else "limited-text"


#: The labels pydantic gives the branches of the noise texts' unions in its error paths;
#: they are not in the file (validate leaves them out of the path it reports).
NOISE_UNION_TAGS = frozenset({"plain-text", "limited-text", "plain-texts", "limited-texts"})
NoiseTextEntry = Annotated[
    Annotated[Text, Tag("plain-text")] | Annotated[NoiseText, Tag("limited-text")],
    Discriminator(_text_tag),
]
NoiseTexts = Annotated[list[NoiseTextEntry], Field(max_length=limits.MAX_INJECTS)]


class NoiseCategory(_NoiseLimits):
    """A category's texts with limits that hold for each of them."""

    texts: NoiseTexts


def _category_tag(value: Any) -> str:
    return "plain-texts" if isinstance(value, list) else "limited-texts"


NoiseTextsOf = Annotated[
    Annotated[NoiseTexts, Tag("plain-texts")] | Annotated[NoiseCategory, Tag("limited-texts")],
    Discriminator(_category_tag),
]


@dataclass(frozen=True, slots=True)
class NoiseEntry:
    """A noise text as the engine uses it: its template and the limits of its category
    and its own together. ``loc`` is where it is written, under the stream's ``texts``."""

    loc: tuple[str | int, ...]
    text: str
    roles: frozenset[str] | None
    conditions: tuple[tuple[bool, str, str], ...]  # (holds once fired, condition, inject)


def _limits_of(item: NoiseText | NoiseCategory) -> tuple[tuple[bool, str, str], ...]:
    return tuple(
        (after, trigger.condition, trigger.ref)
        for after, trigger in ((True, item.while_), (False, item.until))
        if trigger is not None
    )


def noise_entries(stream: NoiseStream, key: str) -> list[NoiseEntry]:
    """The texts of one category of a stream, each with the limits that hold for it."""
    texts = stream.texts.get(key)  # type: ignore[call-overload]
    if texts is None:
        return []
    base: tuple[str | int, ...] = (key,)
    roles: frozenset[str] | None = None
    conditions: tuple[tuple[bool, str, str], ...] = ()
    if isinstance(texts, NoiseCategory):
        base = (key, "texts")
        roles = frozenset(texts.roles) if texts.roles else None
        conditions = _limits_of(texts)
        texts = texts.texts
    out = []
    for t, entry in enumerate(texts):
        if isinstance(entry, str):
            out.append(NoiseEntry((*base, t), entry, roles, conditions))
            continue
        own = frozenset(entry.roles) if entry.roles else None
        out.append(
            NoiseEntry(
                (*base, t, "text"),
                entry.text,
                own if roles is None else roles if own is None else roles & own,
                conditions + _limits_of(entry),
            )
        )
    return out


class NoiseStream(_Model):
    """Generated background chatter."""

    id: Slug
    kind: Kind = "post"
    channel: Channel | None = None
    platform: Slug | None = Field(None, description="The id of the platform its items are on.")
    authors: Authors
    rate: Annotated[list[RatePoint], Field(min_length=1, max_length=limits.MAX_RATE_POINTS)]
    mix: Annotated[
        dict[
            MixKey,
            Annotated[
                float,
                Field(ge=0),
                AfterValidator(_finite),
                _at_most(limits.MAX_MIX_WEIGHT, "at_most", "fix_weights"),
            ],
        ],
        Field(min_length=1),
    ]
    texts: dict[MixKey, NoiseTextsOf]
    hashtags_after: Duration | None = Field(
        None,
        description="Until this time hashtags (#word) are left out of the stream's texts: "
        "a hashtag takes time to settle.",
    )
    burst: Annotated[list[Burst], Field(max_length=limits.MAX_BURSTS)] = Field(default_factory=list)

    @property
    def effective_channel(self) -> str:
        """The channel the stream's items are delivered on."""
        return self.channel or DEFAULT_CHANNEL[self.kind]

    @property
    def burst_factor(self) -> float:
        """How many times its own rate the stream posts in its biggest burst (1: none):
        what its texts must be varied enough for."""
        return max((b.factor for b in self.burst), default=1.0)


class Scoring(_Model):
    """Deadlines per kind, the target time of the first public statement, and what a late
    answer earns."""

    deadlines: dict[DeadlineKey, Duration] = Field(default_factory=dict)
    first_statement: Duration | None = None
    late_credit: LateCredit = Field(
        default="linear",
        description="linear: from all the points at the deadline to none one window later; "
        "half: half the points; none: no points.",
    )


class Guidelines(_Model):
    """Rules for what the team itself publishes."""

    avoid: Annotated[list[Text], Field(max_length=limits.MAX_INJECTS)] = Field(default_factory=list)
    forbid: Annotated[list[Forbidden], Field(max_length=limits.MAX_INJECTS)] = Field(
        default_factory=list,
        description="Claims that are wrong in any public text of the team, with the reason.",
    )
    penalty: Annotated[
        float,
        Field(ge=0),
        AfterValidator(_finite),
        _at_most(limits.MAX_POINTS, "at_most_points", "fix_points"),
    ] = Field(default=1, description="Points subtracted for each guideline finding.")


Weight = Annotated[
    float,
    Field(ge=0),
    AfterValidator(_finite),
    _at_most(limits.MAX_MIX_WEIGHT, "at_most", "fix_weights"),
]


class Reactions(_Model):
    """How the public reacts to the team's replies and statements. Every key is optional:
    what is left out comes from the defaults in the scenario's language."""

    volume: Annotated[
        float,
        Field(ge=0),
        AfterValidator(_finite),
        _at_most(limits.MAX_REACTION_VOLUME, "at_most", "fix_reaction_volume"),
    ] = Field(default=1.0, description="A factor on how many react (0: none).")
    within: Duration = Field(
        default=DEFAULT_WITHIN, description="The reactions come within this time of the post."
    )
    vague: Annotated[list[Phrase], Field(max_length=limits.MAX_INJECTS)] = Field(
        default_factory=list,
        description="Phrases that make a text vague, besides the language's own.",
    )
    concrete: Annotated[list[Phrase], Field(max_length=limits.MAX_INJECTS)] = Field(
        default_factory=list,
        description="Phrases that count as concrete facts (a place, where to get help), "
        "besides times, numbers, contact details, links and the scenario's variables.",
    )
    weights: dict[Signal, dict[events.Tone, Weight]] = Field(
        default_factory=dict,
        description="Per rule, its weights on the tones; a rule given replaces its default.",
    )
    texts: dict[
        events.Tone, Annotated[list[Text], Field(min_length=1, max_length=limits.MAX_INJECTS)]
    ] = Field(
        default_factory=dict,
        description="Reaction texts per tone; a tone given replaces the default texts.",
    )


class TeamRole(StrEnum):
    """A trainee's seat in a team exercise."""

    LEADER = "leader"  # approves what the others draft, when approval is required
    PRESS = "press"
    SOCIAL = "social"


class Approval(StrEnum):
    """Whether the team's public texts need the leader's approval before they go out."""

    REQUIRED = "required"  # press and social draft; the leader publishes or returns
    NONE = "none"  # every seat publishes directly


def _role_entry(value: Any) -> Any:
    # A role is written as its key alone, or as a mapping that also renames it.
    return {"role": value} if isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class RoleSpec:
    """One seat of the team: its role, and the name seats show it by (None: the role's
    own name in the console's language)."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    role: TeamRole
    name: Name | None = None


@dataclass(frozen=True, slots=True)
class TeamSpec:
    """Who the team is in a team exercise, and whether its texts need approval. Without
    a ``team`` section: all three roles, no approval."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    # At least one: checked with the rules between fields, which say it once (pydantic
    # would add "too short" to each bad entry's own error).
    roles: tuple[Annotated[RoleSpec, BeforeValidator(_role_entry)], ...] = (
        RoleSpec(TeamRole.LEADER),
        RoleSpec(TeamRole.PRESS),
        RoleSpec(TeamRole.SOCIAL),
    )
    approval: Approval = Approval.NONE

    def has(self, role: TeamRole) -> bool:
        """Whether the team has a seat of ``role``."""
        return any(spec.role == role for spec in self.roles)


class Scenario(_Model):
    """A whole exercise scenario, format 1."""

    format: Annotated[Literal[1], BeforeValidator(_format_one)]
    id: Slug
    title: Text
    duration: ScenarioDuration
    summary: LongText | None = None
    language: Language = "en"
    start: Annotated[AwareDatetime, AfterValidator(_year_in_range)] | None = Field(
        None, description="Fictional date and time at T+0, ISO 8601 with offset."
    )
    organisation: Organisation | None = None
    staffed: Staffed | None = Field(
        None,
        description="The hours the organisation's channels are staffed; items that come "
        "outside them wait for the next shift.",
    )
    platforms: Annotated[list[Platform], Field(max_length=limits.MAX_PLATFORMS)] = Field(
        default_factory=list,
        description="Where items appear and whose page each is; without any, social items "
        "are on the organisation's own page.",
    )
    audience: Annotated[
        int, Field(ge=1), _at_most(limits.MAX_AUDIENCE, "at_most", "fix_audience")
    ] = Field(
        default=DEFAULT_AUDIENCE,
        description="People in the affected area; no item is seen by more.",
    )
    objectives: Annotated[list[Objective], Field(max_length=limits.MAX_OBJECTIVES)] = Field(
        default_factory=list
    )
    variable_specs: dict[str, VariableSpec] = Field(
        default_factory=dict,
        alias="variables",
        description="A value, or a list of values that change at times or on an inject's state.",
    )
    personas: Annotated[list[Persona], Field(max_length=limits.MAX_INJECTS)] = Field(
        default_factory=list
    )
    injects: Annotated[list[Inject], Field(max_length=limits.MAX_INJECTS)] = Field(
        default_factory=list
    )
    noise: Annotated[list[NoiseStream], Field(max_length=limits.MAX_STREAMS)] = Field(
        default_factory=list
    )
    scoring: Scoring = Field(default_factory=Scoring)
    guidelines: Guidelines = Field(default_factory=Guidelines)
    escalation: Annotated[
        list[Name], Field(max_length=limits.MAX_ESCALATION), AfterValidator(_each_once)
    ] = Field(
        default_factory=list,
        description="Whom the team may escalate an item to: names or roles, offered in order.",
    )
    team: TeamSpec = Field(
        default_factory=TeamSpec,
        description="The seats of a team exercise and whether the leader approves texts.",
    )
    reactions: Reactions = Field(
        default_factory=Reactions,
        description="How the public reacts to the team's replies and statements.",
    )

    @cached_property
    def platform_by_id(self) -> dict[str, Platform]:
        """The scenario's platforms, by id."""
        return {p.id: p for p in self.platforms}

    @cached_property
    def default_platform(self) -> str | None:
        """The platform social items are on when they name none (None: the organisation's
        own page, built in)."""
        return next((p.id for p in self.platforms if p.default), None)

    def platform_for(self, named: str | None, channel: str) -> str | None:
        """The platform an item of ``channel`` that names ``named`` is on, by id; None: the
        built-in place of its channel (see :mod:`simulator.engine.platforms`)."""
        if named is not None:
            return named
        return self.default_platform if channel == events.Channel.SOCIAL else None

    def owner_of(self, platform: str | None, channel: str) -> str | None:
        """Who moderates an item of ``channel`` on ``platform`` (as :meth:`platform_for`
        gives it): one of :data:`OWNERS`, or None for an item on no platform."""
        declared = self.platform_by_id.get(platform) if platform is not None else None
        return owner_of(channel, declared.owner if declared is not None else None)

    @cached_property
    def day_start(self) -> time | None:
        """The fictional time of day at T+0, from ``start`` (None without one)."""
        return self.start.timetz() if self.start else None

    @cached_property
    def variables(self) -> dict[str, str]:
        """Each variable's value at the start: a moving one's first value (its changes are
        in :attr:`variable_changes`)."""
        return {
            name: spec if isinstance(spec, str) else spec[0].value
            for name, spec in self.variable_specs.items()
        }

    @cached_property
    def values_of(self) -> dict[str, tuple[str, ...]]:
        """Each variable's values, the first and the later ones, in order."""
        return {
            name: (spec,) if isinstance(spec, str) else tuple(step.value for step in spec)
            for name, spec in self.variable_specs.items()
        }

    @cached_property
    def variable_values(self) -> tuple[str, ...]:
        """Every value a variable takes, the first and the later ones: all of them are
        public facts of the scenario."""
        return tuple(value for values in self.values_of.values() for value in values)

    @cached_property
    def variable_changes(self) -> dict[str, list[VariableStep]]:
        """The later values of each moving variable, in the order written."""
        return {
            name: spec[1:]
            for name, spec in self.variable_specs.items()
            if not isinstance(spec, str) and len(spec) > 1
        }


def due_at(scenario: Scenario, inject: Inject, expectation: Expectation, delivered: float) -> float:
    """The scenario time by which an expectation of an inject delivered at ``delivered``
    must be met: its ``deadline`` (a time of day), or ``within`` after delivery (else the
    kind's default). A time of day already past when the inject came is due at once."""
    if expectation.deadline is not None:
        return max(float(day_time_offset(scenario, expectation.deadline)), delivered)
    # What the public and the press send while no one is on duty piles up: its time runs
    # from the next shift. The organisation's own messages reach whoever is on call, and a
    # phone rings now or not at all.
    seen = (
        delivered
        if inject.effective_channel == events.Channel.INTERNAL or inject.kind == events.Kind.CALL
        else on_duty_at(scenario, delivered)
    )
    if expectation.within is not None:
        return seen + expectation.within
    if inject.kind == events.Kind.CALL:
        return seen + call_ring(scenario, inject)
    return seen + kind_deadline(scenario, inject.kind, sensitive=inject.sensitive)


def on_duty_at(scenario: Scenario, t: float) -> float:
    """When someone is on duty to see what comes at ``t``: ``t``, or the next shift's start
    when it comes outside the scenario's staffed hours."""
    staffed = scenario.staffed
    if staffed is None:
        return t
    return on_duty_from(scenario.day_start, staffed.opens, staffed.closes, t)


def call_ring(scenario: Scenario, inject: Inject) -> int:
    """How long a call rings before it rings out: its ``ring``, else the scenario's
    ``scoring.deadlines.call``, else two minutes."""
    if inject.call is not None and inject.call.ring is not None:
        return inject.call.ring
    return kind_deadline(scenario, events.Kind.CALL)


def call_lasts(inject: Inject) -> int:
    """How long a call lasts once taken."""
    return inject.call.lasts if inject.call is not None else DEFAULT_CALL_LASTS


def deadline_for(
    scenario: Scenario, inject: Inject, expectation: Expectation, delivered: int
) -> int:
    """Seconds after delivery at ``delivered`` (a whole second: a scripted time) by which an
    expectation must be met (see :func:`due_at`)."""
    return int(due_at(scenario, inject, expectation, delivered)) - delivered


def day_time_offset(scenario: Scenario, clock: str) -> int:
    """The scenario second of the time of day ``clock`` (``HH:MM``): the first at or after
    T+0, whose time of day the scenario's ``start`` gives."""
    return seconds_until(scenario.day_start, clock)


def kind_deadline(scenario: Scenario, kind: str, *, sensitive: bool = False) -> int:
    """The deadline of an item of ``kind`` that names none: ``scoring.deadlines``, else the
    doctrine's default (also the facilitator's default for an ad-hoc press question)."""
    deadlines = {str(key): value for key, value in scenario.scoring.deadlines.items()}
    if sensitive:
        return deadlines.get("sensitive", DEFAULT_DEADLINE_SENSITIVE)
    if kind in deadlines:
        return deadlines[kind]
    return DEFAULT_DEADLINES.get(kind, DEFAULT_DEADLINE_OTHER)
