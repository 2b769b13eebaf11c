"""The exercise engine: turns a scenario, a seed and the team's actions into an event log.

Everything runs off one priority queue of due work, ordered by scenario time and then by
rank: deliveries first, then actions, then deadlines. So an action at the very second of
a deadline is on time, and an item delivered at that second can already be acted on.

Every event passes through :meth:`Engine._emit`. In a live run it is buffered and then
committed to the session store in one transaction per batch; in a restore it is compared
with the log instead, which is how a session is rebuilt exactly.
"""

from __future__ import annotations

import heapq
import random
import re
from array import array
from bisect import bisect
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import Any

from simulator import __version__
from simulator.engine.actions import PUBLISHES, ActionError, ActionRequest, ScriptedAction
from simulator.engine.calls import CallDesk
from simulator.engine.clock import ScenarioClock
from simulator.engine.events import (
    ANY_ACTION,
    MONITOR,
    PUBLIC_CHANNELS,
    REMOVES,
    SETTLED,
    TEAM_WORK,
    Action,
    CallStatus,
    Channel,
    ClockOp,
    DraftStatus,
    EndReason,
    EventType,
    ExpectationData,
    Kind,
    NoiseLabel,
    Rule,
    Source,
    Status,
    Truth,
    delivered_data,
)
from simulator.engine.guidelines import (
    PRIVATE_ROLES,
    GuidelineChecker,
    findings_as_dicts,
    may_hold_contact,
)
from simulator.engine.judging import earned, recorded_status, rounded
from simulator.engine.noise import Mix, arrival_times, burst_rate
from simulator.engine.outlook import inject_status, will_not_come
from simulator.engine.people import Author, FakePool, derive_seed, generate_authors
from simulator.engine.platforms import platform_name, refusal
from simulator.engine.reach import Stretch, engagement, peak_views, views_at
from simulator.engine.reactions import Published, plan, rules_of, signals_of, tone_mix
from simulator.engine.store import Event, SessionError, SessionLog
from simulator.engine.stored import replay_refusal, stored_session
from simulator.engine.stories import OnRecord, latest_on, on_record, quote_of
from simulator.engine.voices import PLAIN, Voice, catalogue, speak
from simulator.lang import Said, SaidError, Sayer
from simulator.lang.engine import ENGINE
from simulator.lang.sessions import SESSIONS
from simulator.scenario.durations import day_clock, format_offset
from simulator.scenario.loader import LoadedScenario
from simulator.scenario.model import (
    DEFAULT_CHANNEL,
    MIX_KEYS,
    Expectation,
    Inject,
    NoiseEntry,
    NoiseStream,
    Scenario,
    call_lasts,
    call_ring,
    due_at,
    make_handle,
    noise_entries,
    question_id,
    variant_id,
)
from simulator.scenario.phrases import alternatives, content_of, find_phrase, mentions
from simulator.scenario.reactions import DEFAULT_ORG_FOLLOWERS, REACTORS
from simulator.scenario.templates import (
    FAKE_PROVIDERS,
    QUOTE,
    REPEAT_WINDOW,
    Choice,
    Part,
    filled,
    parse_template,
    text_variety,
)

said = Sayer(SESSIONS)
_refusal = Sayer(ENGINE)
# A variable's new value comes before what is delivered at the same second.
RANK_VALUE, RANK_DELIVER, RANK_ACTION, RANK_DEADLINE = -1, 0, 1, 2
_LABEL_CODE = {k: n for n, k in enumerate(MIX_KEYS)}
_NOISE_ID = re.compile(r"(.+)-(\d+)")
_TRUTHS = frozenset(Truth)
# Bound once: the noise path runs for every item of a surge.
_DELIVERED, _NOISE = EventType.DELIVERED, Source.NOISE
_SENSITIVE, _ABUSIVE, _MISLEADING = NoiseLabel.SENSITIVE, NoiseLabel.ABUSIVE, Truth.MISLEADING
_new_author = tuple.__new__
#: Seconds within which a reader notices the same text twice: noise avoids repeating one.
REPEAT_SECONDS = REPEAT_WINDOW * 60
#: Draws of another text when the one drawn was posted within REPEAT_SECONDS.
REPEAT_TRIES = 10
#: The tables a crowd's one-off posters are drawn from: names, and follower counts.
CROWD_NAMES, CROWD_LEVELS = 512, 64
_NAME_BITS, _LEVEL_BITS = CROWD_NAMES.bit_length() - 1, CROWD_LEVELS.bit_length() - 1
_CROWD_DRAWS = 1 << 30
_VOICE_SHIFT = _NAME_BITS + _LEVEL_BITS
#: Roles that write as the organisation they speak for: their texts keep their spelling.
WRITE_PLAINLY = frozenset({"agency", "media", "journalist"})
_HASHTAG = re.compile(r"\s*#\w+")
_SPACES = re.compile(r" {2,}")
#: What a facilitator's item with a deadline expects: a reply, as a scripted press question.
ADHOC_EXPECTS: tuple[str, ...] = (Action.REPLY,)
#: The kinds of item that ask the team something: a reply to one should answer it.
_ASKING_KINDS = frozenset({Kind.QUESTION, Kind.PRESS})


@lru_cache(maxsize=4096)
def _has_choice(template: str) -> bool:
    return any(p.__class__ is Choice for p in parse_template(template))


def _untagged(text: str) -> str:
    """A text without its hashtags (before they have settled)."""
    return _HASHTAG.sub("", text).strip() or text


def _variety(entries: list[NoiseEntry]) -> float:
    """How many different texts a category's entries can make (as validate counts)."""
    return sum(text_variety(e.text, 1) for e in {e.text: e for e in entries}.values())


def _may_bring_contact(value: str) -> bool:
    # Every address has an '@' and every phone number digits.
    return "@" in value or any(c.isdigit() for c in value)


def _may_hold_contact(
    parts: tuple[Part, ...], values: dict[str, tuple[str, ...]], fakes: FakePool
) -> bool:
    """Whether text made from a template's parts can hold a phone number or an e-mail
    address: its own words, a value a variable takes (``values``, each variable's) or a
    fake value could bring one. A clock (HH:MM) cannot: it has two digits together at
    most, and digits next to it would be another part's."""
    for part in parts:
        if part.__class__ is str:
            if _may_bring_contact(part):
                return True
        elif isinstance(part, Choice):
            if any(_may_hold_contact(option, values, fakes) for option in part.options):
                return True
        else:
            name = part.name  # type: ignore[union-attr]
            if name == "clock":
                continue
            brought: Sequence[str]
            if name in values:
                brought = values[name]
            elif name.startswith("fake.") and name[5:] in FAKE_PROVIDERS:
                brought = fakes.pool(name[5:])
            else:  # the author, or an unchecked placeholder, left as written
                return True
            if any(_may_bring_contact(v) for v in brought):
                return True
    return False


class ScriptedActionError(SaidError):
    """A scripted team's action that cannot be taken; knows the action (and its line)."""

    def __init__(self, message: Said, action: ScriptedAction) -> None:
        super().__init__(message)
        self.action = action


class RestoreError(SessionError):
    """A session whose log does not replay as recorded."""


@dataclass(slots=True)
class ExpectationState:
    """One expectation of one delivered inject, and what became of it."""

    inject: str
    index: int
    do: tuple[str, ...]
    label: str | None
    mention: tuple[str, ...]
    delivered: float
    deadline: float
    points: float
    status: str = Status.PENDING
    responded: float | None = None
    objective: str | None = None
    #: Each entry must appear in the answer; an entry of several phrases needs one of them.
    require: tuple[tuple[str, ...], ...] = ()
    forbid: tuple[tuple[str, str], ...] = ()  # (phrase, reason)
    earned: float = 0.0
    missing: tuple[str, ...] = ()
    breach: str | None = None  # the words of the answer that broke a 'forbid'
    breach_reason: str | None = None

    @property
    def monitor(self) -> bool:
        """An expectation of restraint: no public answer to the item."""
        return MONITOR in self.do

    def record(self) -> ExpectationData:
        """The expectation event's fields."""
        response = None if self.responded is None else self.responded - self.delivered
        data: ExpectationData = {
            "inject": self.inject,
            "index": self.index,
            "do": list(self.do),
            "status": self.status,
            "delivered": self.delivered,
            "deadline": self.deadline,
            "responded": self.responded,
            "response_time": response,
            "points": int(self.points) if float(self.points).is_integer() else self.points,
            "earned": rounded(self.earned),
        }
        if self.objective is not None:
            data["objective"] = self.objective
        if self.missing:
            data["missing"] = list(self.missing)
        if self.status == Status.BREACH:
            data["breach"] = self.breach
            data["breach_reason"] = self.breach_reason
        return data


@dataclass(slots=True)
class ItemState:
    """What the engine keeps of a delivered item and of what the team did about it."""

    id: str
    t: float
    channel: str
    truth: str | None
    peak: int
    #: Hiding it is right: personal data, abuse, or the team's own text. Hiding anything
    #: else removes what someone may legitimately say on the organisation's page.
    removable: bool = False
    #: The platform it is on (the scenario's id; None: its channel's built-in place), who
    #: moderates it, and whether it is the team's own post: what the team may do about it.
    platform: str | None = None
    owner: str | None = None
    own_item: bool = False
    flagged: str | None = None
    hidden: bool = False
    hidden_stretches: list[Stretch] = field(default_factory=list)
    addressed: bool = False
    corrected_at: float | None = None


@dataclass(slots=True)
class _Category:
    """One label of a stream's mix, with what each of its items needs worked out once."""

    label: str
    code: int  # the label's number in the stream's compact history
    truth: str | None
    misleading: int  # 1 for a misleading item: its index in a pair of peaks
    sensitive: bool
    abusive: bool
    #: The texts some author of the stream may post, and of those the ones whose
    #: ``while``/``until`` hold now (worked out again when a trigger fires).
    entries: list[NoiseEntry]
    available: list[NoiseEntry]
    #: Draws of another text after a repeat; 0: too few texts to avoid repeats.
    retries: int
    #: The texts that can hold a phone number or an e-mail address once filled in.
    contact: frozenset[str]


@dataclass(slots=True)
class _StreamRun:
    """A noise stream while it runs: its random source, next arrival and compact history."""

    index: int
    stream: NoiseStream
    rng: random.Random
    arrivals: Iterator[float]
    authors: list[Author]
    mix: Mix
    fakes: FakePool
    channel: str
    count: int = 0
    times: array = field(default_factory=lambda: array("d"))
    peaks: array = field(default_factory=lambda: array("l"))
    #: Each author's peak views, (as any item, as a misleading one): worked out once, not
    #: for each of a surge's items.
    peaks_of: list[tuple[int, int]] = field(default_factory=list)
    labels: bytearray = field(default_factory=bytearray)
    categories: dict[str, _Category] = field(default_factory=dict)
    conditional: bool = False
    fired_seen: int = -1  # none seen: the first item works the available texts out
    #: Named personas: which of them (by index) may post a text limited to some roles.
    fitting: dict[frozenset[str] | None, list[int]] = field(default_factory=dict)
    #: A generated crowd: its regulars' cumulative weights (a few post a lot), the share of
    #: items by people who post once, and how many of those there were.
    cumulative: list[float] = field(default_factory=list)
    generated: bool = False
    once: float = 0.0
    spread: float = 0.0  # turns a draw above ``once`` into a point of ``cumulative``
    prefix: str = ""
    newcomers: int = 0
    voices: list[Voice] = field(default_factory=list)
    #: Hashes of the texts each author has posted: nobody posts the same text twice.
    said: list[set[int]] = field(default_factory=list)
    #: The platform its items are on, and who moderates it (see ItemState).
    platform: str | None = None
    owner: str | None = None
    hashtags_from: float = 0.0
    role: str = ""
    crowd: list[tuple[str, str]] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    level_peaks: list[tuple[int, int]] = field(default_factory=list)
    crowd_voices: list[Voice] = field(default_factory=list)
    #: The stream's items' ids without their number.
    item_prefix: str = ""


@dataclass(frozen=True, slots=True)
class _PlannedReaction:
    """A reaction to a team's item, drawn when the item was published, due later."""

    item: str
    author: Author
    reaction: str
    tone: str
    text: str
    reply_to: str


@dataclass(slots=True)
class DraftState:
    """A draft the team wrote: what it is to become, and whether it is still open."""

    id: str
    publishes: str
    status: str = DraftStatus.OPEN


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the end of a run."""

    delivered: int
    met: int
    late: int
    missed: int
    pending: int
    breach: int = 0
    not_reached: int = 0


class Engine:
    """One exercise: a scenario, a seed, a clock and (when live) a session store."""

    def __init__(
        self,
        loaded: LoadedScenario,
        seed: int,
        *,
        clock: ScenarioClock | None = None,
        store: SessionLog | None = None,
    ) -> None:
        self.loaded = loaded
        self.scenario: Scenario = loaded.scenario
        self.seed = seed
        self.clock = clock or ScenarioClock()
        self.store = store
        self.ended = False
        self._pending: list[Event] = []
        self._replay: _Peekable | None = None
        self._started = False
        self._queue: list[tuple[float, int, int, str, Any]] = []
        self._order = 0
        sc = self.scenario
        self._personas = {
            p.id: Author(p.id, p.name, p.handle or p.id, p.role, p.followers or 100)
            for p in sc.personas
        }
        org = sc.organisation
        self.organisation = Author(
            "org",
            org.name if org else "Organisation",
            (org.handle if org else None) or "organisation",
            "agency",
            org.followers if org else DEFAULT_ORG_FOLLOWERS,
        )
        self._reaction_rules = rules_of(sc)
        # The people who react to the team's posts, generated when the team first
        # publishes, and their fake values: sources of their own, like a scripted team's.
        self._reactors: list[Author] | None = None
        self._reaction_fakes = FakePool(sc.language, derive_seed(seed, "reaction-fakes"))
        self._day_start = sc.day_start  # {clock} of every item
        self._clock_at: tuple[int, str] = (-1, "")  # the last second's {clock}, kept
        self._inject_rng = random.Random(derive_seed(seed, "injects"))
        self._inject_fakes = FakePool(sc.language, derive_seed(seed, "inject-fakes"))
        # A scripted team's fake values come from sources of their own: drawing them from
        # the injects' source would shift every later inject, and a restore (which takes
        # the actions' texts from the log) could not regenerate those injects.
        self._action_fakes = FakePool(sc.language, derive_seed(seed, "action-fakes"))
        self._action_renders: Counter[tuple[int, str]] = Counter()
        # A rumour's variants draw their fake values from a source of their own: whether
        # one comes depends on the team (a correction stops it), and must not shift others.
        self._variant_fakes = FakePool(sc.language, derive_seed(seed, "variant-fakes"))
        #: The variants delivered of each rumour, by the rumour's id: a correction of the
        #: rumour corrects them too.
        self._variants: dict[str, list[str]] = {}
        # A story's words depend on what the team has said: they draw from sources of their
        # own, so that quoting or not shifts no other inject.
        self._story_fakes = FakePool(sc.language, derive_seed(seed, "story-fakes"))
        #: The team's replies and statements on the record, in the order published: what a
        #: story may quote.
        self._on_record: list[OnRecord] = []
        # The phone calls, and who is on which; the journalists' questions draw from a
        # source of their own, since whether they come depends on the team taking the call.
        self.calls = CallDesk()
        self._call_fakes = FakePool(sc.language, derive_seed(seed, "call-fakes"))
        self.guide = GuidelineChecker(
            list(sc.guidelines.avoid), [(f.text, f.reason) for f in sc.guidelines.forbid]
        )
        # Each variable's value now: a moving one changes at its times and on its triggers.
        self._values = dict(sc.variables)
        self._value_triggers: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for value in sc.variable_values:
            self.guide.learn_public(value)
        for name, steps in sc.variable_changes.items():
            for step in steps:
                if step.after is not None:
                    key = (step.after.condition, step.after.ref)
                    self._value_triggers.setdefault(key, []).append((name, step.value))
                elif step.at is not None:
                    self._push(float(step.at), RANK_VALUE, "value", (name, step.value))
        self.items: dict[str, ItemState] = {}
        self.expectations: dict[str, list[ExpectationState]] = {}
        # Each trigger that has fired, (condition, inject id), with the second it fired at.
        self._fired: dict[tuple[str, str], float] = {}
        self._dependents: dict[tuple[str, str], list[Inject]] = {}
        self._outlook: tuple[tuple[int, int, bool], frozenset[str]] | None = None
        self._team_count = 0
        self._injects_by_id = {inj.id: inj for inj in sc.injects}
        self._adhoc_count = 0
        # Drafts by id, numbered d1, d2, … in the order written: a restore numbers them
        # again as it applies the log's actions in order.
        self.drafts: dict[str, DraftState] = {}
        self.counts: Counter[str] = Counter()
        self.delivered_count = 0
        for inj in sc.injects:
            if inj.after is None:
                self._push(float(inj.at or 0), RANK_DELIVER, "inject", inj)
            else:
                self._dependents.setdefault((inj.after.condition, inj.after.ref), []).append(inj)
        # Texts of noise posted within the last REPEAT_SECONDS: (time, hash) in order, and
        # each hash's latest time.
        self._recent: deque[tuple[float, int]] = deque()
        self._recent_at: dict[int, float] = {}
        self._streams = [self._start_stream(k, s) for k, s in enumerate(sc.noise)]
        # The bursts waiting for something to happen to an inject, by (condition, id).
        self._bursts: dict[tuple[str, str], list[tuple[_StreamRun, int]]] = {}
        for run in self._streams:
            for b, burst in enumerate(run.stream.burst):
                key = (burst.when.condition, burst.when.ref)
                self._bursts.setdefault(key, []).append((run, b))

    # -- set-up -------------------------------------------------------------------------

    def _start_stream(self, index: int, stream: NoiseStream) -> _StreamRun:
        sc = self.scenario
        seed = derive_seed(self.seed, f"noise:{stream.id}")
        rng = random.Random(seed)
        if isinstance(stream.authors, list):
            authors = [self._personas[p] for p in stream.authors]
        else:
            authors = generate_authors(
                sc.language,
                stream.authors.role,
                stream.authors.count,
                derive_seed(seed, "authors"),
                stream.id,
            )
        run = _StreamRun(
            index,
            stream,
            rng,
            arrival_times(stream.rate, rng, sc.duration),
            authors,
            Mix.of(stream),
            FakePool(sc.language, derive_seed(seed, "fakes")),
            stream.effective_channel,
        )
        channel = stream.effective_channel
        run.platform = sc.platform_for(stream.platform, channel)
        run.owner = sc.owner_of(run.platform, channel)
        run.peaks_of = [
            (
                self._peak(None, a.followers, False, channel),
                self._peak(None, a.followers, True, channel),
            )
            for a in authors
        ]
        self._prepare_texts(run, seed)
        self._next_arrival(run)
        return run

    def _prepare_texts(self, run: _StreamRun, seed: int) -> None:
        """Who may post which text, how often each author posts, and each author's voice."""
        stream, authors = run.stream, run.authors
        roles_of = {entry.roles for key in stream.texts for entry in noise_entries(stream, key)}
        run.fitting = {
            roles: [k for k, a in enumerate(authors) if roles is None or a.role in roles]
            for roles in roles_of
        }
        total = sum(stream.mix.values())
        peak = max(p.per_minute for p in stream.rate) * stream.burst_factor
        for key in stream.texts:
            usable = [e for e in noise_entries(stream, key) if run.fitting[e.roles]]
            run.conditional = run.conditional or any(e.conditions for e in usable)
            # Too few texts for the stream's rate (validate warns): drawing again is futile.
            wanted = peak * stream.mix.get(key, 0) / (total or 1) * REPEAT_WINDOW
            run.categories[key] = _Category(
                key,
                _LABEL_CODE[key],
                key if key in _TRUTHS else None,
                int(key == _MISLEADING),
                key == _SENSITIVE,
                key == _ABUSIVE,
                usable,
                usable,
                REPEAT_TRIES if _variety(usable) >= wanted else 0,
                frozenset(
                    e.text
                    for e in usable
                    if _may_hold_contact(parse_template(e.text), self.scenario.values_of, run.fakes)
                ),
            )
        run.item_prefix = f"{stream.id}-"
        if not isinstance(stream.authors, list):
            # Zipf-like: the n-th regular posts about 1/n as often as the first.
            run.cumulative = list(accumulate(1.0 / n for n in range(1, len(authors) + 1)))
            run.once = stream.authors.once
            run.spread = run.cumulative[-1] / (1.0 - run.once) * (1 - 1e-12) if run.once < 1 else 0
            run.prefix = f"{stream.id}-n"
            run.generated = True
        run.voices = [self._voice(a) for a in authors]
        run.said = [set() for _ in authors]
        run.hashtags_from = float(stream.hashtags_after or 0)
        if run.cumulative:
            # The crowd that posts once is drawn from small tables: names, and followers
            # (with their items' peaks) on the same spread as the regulars'.
            run.role = str(stream.authors.role)  # type: ignore[union-attr]
            names = random.Random(derive_seed(seed, "crowd"))
            for _ in range(CROWD_NAMES):
                name = (
                    f"{run.fakes.value('first_name', names)} {run.fakes.value('last_name', names)}"
                )
                run.crowd.append((name, make_handle(name)))
            run.levels = [
                int(10 ** (1.0 + 2.6 * (j + 0.5) / CROWD_LEVELS)) for j in range(CROWD_LEVELS)
            ]
            run.level_peaks = [
                (
                    self._peak(None, f, False, run.channel),
                    self._peak(None, f, True, run.channel),
                )
                for f in run.levels
            ]
            run.crowd_voices = list(catalogue(self.scenario.language))

    def _voice(self, author: Author) -> Voice:
        """An author's own voice, the same in every stream it posts in."""
        if author.role in WRITE_PLAINLY:
            return PLAIN
        voices = catalogue(self.scenario.language)
        return voices[
            random.Random(derive_seed(self.seed, f"voice:{author.id}")).randrange(len(voices))
        ]

    def _refresh_texts(self, run: _StreamRun) -> None:
        fired = self._fired
        run.fired_seen = len(fired)
        for category in run.categories.values():
            category.available = [
                e
                for e in category.entries
                if all(((c, ref) in fired) is after for after, c, ref in e.conditions)
            ]

    def _next_arrival(self, run: _StreamRun) -> None:
        t = next(run.arrivals, None)
        if t is not None:
            self._push(t, RANK_DELIVER, "noise", run)

    def _start_burst(self, run: _StreamRun, b: int, t: float) -> None:
        """A stream's ``b``-th burst, from ``t``: extra arrivals of its own random source,
        so that it shifts nothing else the stream does."""
        burst = run.stream.burst[b]
        end = min(t + burst.for_, self.scenario.duration)
        if end <= t:
            return
        points = burst_rate(run.stream.rate, t, end, burst.factor - 1.0)
        rng = random.Random(derive_seed(self.seed, f"burst:{run.stream.id}:{b}"))
        self._next_burst(run, arrival_times(points, rng, end))

    def _next_burst(self, run: _StreamRun, arrivals: Iterator[float]) -> None:
        t = next(arrivals, None)
        if t is not None:
            self._push(t, RANK_DELIVER, "burst", (run, arrivals))

    def _push(self, t: float, rank: int, kind: str, payload: Any) -> None:
        self._order += 1
        heapq.heappush(self._queue, (t, rank, self._order, kind, payload))

    # -- time ---------------------------------------------------------------------------

    def clock_text(self, t: float) -> str:
        """The fictional time of day, HH:MM, at scenario second ``t``."""
        # A surge asks for the same second's clock many times over.
        second = int(t)
        if self._clock_at[0] != second:
            self._clock_at = (second, day_clock(self._day_start, t))
        return self._clock_at[1]

    def now(self) -> float:
        """Current scenario time, never past the end."""
        return min(self.clock.now(), float(self.scenario.duration))

    # -- the public operations ---------------------------------------------------------

    def start(self, speed: float = 1.0) -> list[Event]:
        """Begin the exercise: the session_start event, then the clock starts."""
        self.clock.set_speed(speed)
        self._started = True
        sc = self.scenario
        self._emit(
            EventType.SESSION_START,
            0.0,
            {
                "scenario": sc.id,
                "title": sc.title,
                "sha256": self.loaded.sha256,
                "seed": self.seed,
                "version": __version__,
                "speed": speed,
                "language": sc.language,
            },
        )
        self._clock_op(ClockOp.START)
        return self.flush()

    def pause(self) -> list[Event]:
        """Freeze scenario time."""
        t = self.now()
        self.advance_to(t)
        self._clock_op(ClockOp.PAUSE, t=t)
        return self.flush()

    def resume(self) -> list[Event]:
        """Let scenario time run again."""
        self._clock_op(ClockOp.RESUME)
        return self.flush()

    def set_speed(self, speed: float) -> list[Event]:
        """Change the speed, 0.25x to 20x."""
        t = self.now()
        self.advance_to(t)
        self._clock_op(ClockOp.SPEED, speed, t)
        return self.flush()

    def _clock_op(self, op: str, speed: float | None = None, t: float | None = None) -> None:
        # A replay keeps the clock still: only the speed is taken over.
        if op in (ClockOp.START, ClockOp.RESUME) and self._replay is None:
            self.clock.start()
        elif op == ClockOp.PAUSE and self._replay is None:
            self.clock.pause()
        elif op == ClockOp.SPEED and speed is not None:
            self.clock.set_speed(speed)
        if op in (ClockOp.PAUSE, ClockOp.SPEED) and t is not None and self._replay is None:
            # The clock has run on a little while the items due by ``t`` were delivered.
            # It goes back to ``t``, the time logged, so that no item falls between the two:
            # a replay delivers up to the logged time, and must find the same items.
            self.clock.jump_to(t)
        self._emit(
            EventType.CLOCK, self.now() if t is None else t, {"op": op, "speed": self.clock.speed}
        )

    def pump(self) -> list[Event]:
        """Deliver everything due by now, commit it in one transaction, and return it."""
        if not self.ended:  # an ended exercise delivers nothing more
            self.advance_to(self.now())
        return self.flush()

    def act(self, request: ActionRequest, t: float | None = None) -> list[Event]:
        """Take a team action now (or at ``t``), committed before this returns."""
        if self.ended:
            raise ActionError("ended")
        when = self.now() if t is None else t
        self.advance_to(when)
        self._apply(request, when)
        return self.flush()

    def adhoc(
        self,
        persona: str,
        kind: str,
        text: str,
        channel: str | None = None,
        truth: str | None = None,
        within: int | None = None,
    ) -> list[Event]:
        """A facilitator's item, written live as any persona and delivered now.

        With ``within`` (seconds), the item expects a reply by then, as a scripted press
        inject does: it counts as open, with a countdown, and is met or missed in the log.
        """
        if self.ended:
            raise ActionError("ended")
        if persona not in self._personas:
            raise ActionError("no_persona", persona=persona)
        if within is not None and within <= 0:
            raise ActionError("deadline.zero")
        if kind == Kind.CALL:  # it rings for as long as the scenario says: scripted only
            raise ActionError("adhoc.call")
        when = self.now()
        self.advance_to(when)
        self._deliver_adhoc(
            f"adhoc-{self._adhoc_count + 1}",
            when,
            self._personas[persona],
            channel or DEFAULT_CHANNEL.get(kind, Channel.SOCIAL),
            kind,
            text,
            truth,
            within,
        )
        return self.flush()

    def _deliver_adhoc(
        self,
        item_id: str,
        t: float,
        author: Author,
        channel: str,
        kind: str,
        text: str,
        truth: str | None,
        within: int | None,
    ) -> None:
        self._adhoc_count += 1
        self._deliver(
            item_id,
            t,
            author,
            channel,
            kind,
            text,
            truth=truth,
            source=Source.FACILITATOR,
            within=within,
            platform=self.scenario.platform_for(None, channel),
        )
        if within is not None:
            # The same expectation a scripted "do: reply" gives, so the counts, the
            # countdown and the debrief treat the question as they treat a scripted one.
            self.expectations[item_id] = [
                ExpectationState(item_id, 0, ADHOC_EXPECTS, None, (), t, t + within, 1)
            ]
            self._push(t + within, RANK_DEADLINE, "deadline", (item_id, 0))

    def end(self, reason: str = EndReason.COMPLETED, at: float | None = None) -> list[Event]:
        """End the exercise: what is still open counts as missed; then session_end.

        It ends at ``at`` when given (a restore replays a recorded end), otherwise at the
        scenario's duration when completed and now when ended early.
        """
        if self.ended:
            return []
        if at is not None:
            when = at
        else:
            when = float(self.scenario.duration) if reason == EndReason.COMPLETED else self.now()
        self.advance_to(when, include_deadlines=True)
        for states in self.expectations.values():
            for state in states:
                if state.status == Status.PENDING:
                    # Its deadline lies after the end: the team never had its full window,
                    # so it is left out of the score, and shown apart.
                    state.status = Status.NOT_REACHED if state.deadline > when else Status.MISSED
                    self._emit(EventType.EXPECTATION, when, {**state.record(), "at_end": True})
                    self.counts[state.status] += 1
        self._emit(EventType.SESSION_END, when, {"reason": reason})
        self.ended = True
        if self.clock.running:
            self.clock.pause()
        return self.flush()

    def schedule(self, actions: list[ScriptedAction]) -> None:
        """Queue a scripted team's actions at their scenario times; their texts are
        templates like the scenario's (``{kommune}``, ``{clock}``, ``{fake.first_name}``).

        Raises :class:`ScriptedActionError` for an action timed after the end of the
        exercise, before queueing any: it could never be taken.
        """
        end = float(self.scenario.duration)
        for action in actions:
            if action.at > end:
                items = ", ".join(f"'{i}'" for i in action.request.to)
                raise ScriptedActionError(
                    said(
                        "simulate.after_end",
                        time=format_offset(action.at),
                        kind=action.request.kind,
                        targets=said("simulate.targets", items=items) if items else "",
                        end=format_offset(end),
                    ),
                    action,
                )
        for action in actions:
            # Each action gets its own source, named by its time, its text and how many equal
            # actions came before it. Its values then do not depend on which other actions
            # were scheduled with it, so a team scheduled in two parts (before and after a
            # restore) gets the same texts as one scheduled whole.
            key = (action.at, action.request.text)
            occurrence = self._action_renders[key]
            self._action_renders[key] += 1
            self._push(float(action.at), RANK_ACTION, "action", (action, occurrence))

    def _render_action(self, action: ScriptedAction, occurrence: int) -> ScriptedAction:
        """The action with its text filled in when it is taken: a variable that changes
        has its value of that moment."""
        template = action.request.text
        if "{" not in template:
            return action
        seed = derive_seed(self.seed, f"action:{action.at}:{occurrence}:{template}")
        text = self._render(
            template, self.organisation, action.at, random.Random(seed), self._action_fakes
        )
        return replace(action, request=replace(action.request, text=text))

    def advance_to(
        self, t: float, *, include_deadlines: bool = False, flush_every: int = 0
    ) -> None:
        """Process everything due before ``t``: deliveries and actions at ``t`` too, and
        deadlines at ``t`` only when asked, since an action may still come at ``t``."""
        limit = (t, RANK_DEADLINE + 1 if include_deadlines else RANK_DEADLINE)
        queue = self._queue
        while queue and (queue[0][0], queue[0][1]) < limit:
            entry = heapq.heappop(queue)
            if entry[3] == "noise":
                self._noise_run(entry[4], entry[0], limit, flush_every)
            else:
                self._process(entry)
            if flush_every and len(self._pending) >= flush_every:
                self.flush()

    def _noise_run(
        self, run: _StreamRun, t: float, limit: tuple[float, int], flush_every: int = 0
    ) -> None:
        """A stream's item at ``t``, and its next ones while each is due before ``limit``
        and before anything queued: a surge goes through the queue when something else
        comes between its items, not for every item. An item due at the same moment as a
        queued entry goes after it, as it would from the queue."""
        queue = self._queue
        while True:
            self._deliver_noise(run, t)
            following = next(run.arrivals, None)
            if following is None:
                return
            due = (following, RANK_DELIVER)
            if due >= limit or (queue and (queue[0][0], queue[0][1]) <= due):
                self._push(following, RANK_DELIVER, "noise", run)
                return
            t = following
            if flush_every and len(self._pending) >= flush_every:
                self.flush()

    def _process(self, entry: tuple[float, int, int, str, Any]) -> None:
        t, _rank, _order, kind, payload = entry
        if kind == "noise":
            self._noise_run(payload, t, (t, RANK_DELIVER))  # one item: the next is queued
        elif kind == "burst":
            run, arrivals = payload
            self._deliver_noise(run, t)
            self._next_burst(run, arrivals)
        elif kind == "inject":
            self._deliver_inject(payload, t)
        elif kind == "value":
            name, value = payload
            self._values[name] = value
        elif kind == "variant":
            rumour, k = payload
            self._deliver_variant(rumour, k, t)
        elif kind == "deadline":
            self._deadline(payload, t)
        elif kind == "reaction":
            self._deliver_reaction(payload, t)
        elif kind == "call":
            item, step = payload
            self._call_step(item, step, t)
        elif kind == "action":
            action = self._render_action(*payload)
            try:
                self._apply(action.request, t)
            except ActionError as err:
                raise ScriptedActionError(
                    said("simulate.at", time=format_offset(t), message=err.said), action
                ) from None

    # -- deliveries ---------------------------------------------------------------------

    def _render(
        self,
        text: str,
        author: Author,
        t: float,
        rng: random.Random,
        fakes: FakePool,
        quote: str | None = None,
    ) -> str:
        """A template filled in at ``t``; a story's ``{quote}`` with ``quote``."""
        parts = parse_template(text)
        if len(parts) == 1 and parts[0].__class__ is str:
            return parts[0]
        if quote is not None:
            parts = filled(parts, QUOTE, quote)
        out: list[str] = []
        self._render_parts(parts, out, author, t, rng, fakes)
        done = "".join(out)
        if ("  " in done or done[-1:] == " " or done[:1] == " ") and _has_choice(text):
            done = _SPACES.sub(" ", done).strip()  # left by an empty or optional part
        return done

    def _render_parts(
        self,
        parts: tuple[Part, ...],
        out: list[str],
        author: Author,
        t: float,
        rng: random.Random,
        fakes: FakePool,
    ) -> None:
        # The one place a text reads the variables: their values now (some change).
        variables = self._values
        for part in parts:
            cls = part.__class__
            if cls is str:
                out.append(part)  # type: ignore[arg-type]
                continue
            if cls is Choice:
                options = part.options  # type: ignore[union-attr]
                chosen = options[int(rng.random() * len(options))]
                self._render_parts(chosen, out, author, t, rng, fakes)
                continue
            name = part.name  # type: ignore[union-attr]
            if name in variables:
                out.append(variables[name])
            elif name == "author":
                out.append(author.name)
            elif name == "clock":
                out.append(self.clock_text(t))
            elif name.startswith("fake.") and name[5:] in FAKE_PROVIDERS:
                out.append(fakes.value(name[5:], rng))
            else:
                out.append("{" + name + "}")  # unchecked text (a team's): left as written

    def _deliver(
        self,
        item_id: str,
        t: float,
        author: Author,
        channel: str,
        kind: str,
        text: str,
        *,
        truth: str | None = None,
        sensitive: bool = False,
        abusive: bool = False,
        reply_to: str | None = None,
        reach: int | None = None,
        source: str = Source.INJECT,
        within: int | None = None,
        deadlines: tuple[float | None, ...] = (),
        reaction: str | None = None,
        tone: str | None = None,
        quotes: str | None = None,
        lesson: str | None = None,
        platform: str | None = None,
        call: tuple[float, int] | None = None,
    ) -> ItemState:
        """Deliver an item; ``lesson`` is the part of its text that teaches the guideline
        check (all of it when None); ``platform`` is the scenario's platform it is on (None:
        its channel's built-in place)."""
        peak = self._peak(reach, author.followers, truth == Truth.MISLEADING, channel)
        team = source == Source.TEAM
        state = ItemState(
            item_id,
            t,
            channel,
            truth,
            peak,
            sensitive or abusive or team,
            platform,
            self.scenario.owner_of(platform, channel),
            team,
        )
        self.items[item_id] = state
        # The team's own texts teach nothing: repeating a private number does not make it
        # public, and only what public personas publish is public. Nor do the public's
        # reactions, which pass the team's texts on, nor a story's quote of the team.
        lesson = text if lesson is None else lesson
        if source not in (Source.TEAM, Source.REACTION) and may_hold_contact(lesson):
            if author.role in PRIVATE_ROLES:
                self.guide.learn(lesson)
            else:
                self.guide.learn_public(lesson)
        self._emit(
            EventType.DELIVERED,
            t,
            delivered_data(
                item_id,
                source,
                channel,
                kind,
                author,
                text,
                truth,
                sensitive,
                abusive,
                reply_to,
                peak,
                platform,
                within,
                deadlines,
                reaction,
                tone,
                quotes,
                call,
            ),
        )
        self.delivered_count += 1
        return state

    def _deliver_inject(self, inj: Inject, t: float) -> None:
        author = self._personas[inj.from_]
        quotes = words = None
        if inj.story is None:
            assert inj.text is not None  # an inject has a text or a story (validated)
            text = self._render(inj.text, author, t, self._inject_rng, self._inject_fakes)
        else:
            text, quotes, words = self._story(inj, author, t)
        deadlines = tuple(due_at(self.scenario, inj, exp, t) for exp in inj.expect)
        channel = inj.effective_channel
        call = None
        if inj.kind == Kind.CALL:  # it rings until then, and lasts that long once taken
            call = (t + call_ring(self.scenario, inj), call_lasts(inj))
        self._deliver(
            inj.id,
            t,
            author,
            channel,
            inj.kind,
            text,
            truth=inj.truth,
            sensitive=inj.sensitive,
            abusive=inj.abusive,
            reply_to=inj.reply_to,
            reach=inj.reach,
            # An expectation of restraint asks for no answer: no countdown invites one.
            deadlines=tuple(
                None if exp.monitor else d for exp, d in zip(inj.expect, deadlines, strict=True)
            ),
            quotes=quotes,
            # The quote is the team's own words: they teach nothing.
            lesson=None if words is None else text.replace(words, ""),
            platform=self.scenario.platform_for(inj.platform, channel),
            call=call,
        )
        states = []
        for k, (exp, deadline) in enumerate(zip(inj.expect, deadlines, strict=True)):
            states.append(self._expectation(inj, k, exp, author, t, deadline))
            self._push(deadline, RANK_DEADLINE, "deadline", (inj.id, k))
        if states:
            self.expectations[inj.id] = states
        for k, variant in enumerate(inj.variants):
            if t + variant.after <= self.scenario.duration:
                self._push(t + variant.after, RANK_DELIVER, "variant", (inj, k))
        if call is not None:
            self.calls.ring(inj.id, author.name, *call)
            # As a deadline: a take at the very second it rings out is in time.
            self._push(call[0], RANK_DEADLINE, "call", (inj.id, "ring_out"))
        self._fire("delivered", inj.id, t)

    def _story(self, inj: Inject, author: Author, t: float) -> tuple[str, str | None, str | None]:
        """A story's text at ``t``, the team's item it quotes and the words quoted:
        ``quoted`` with the team's latest words on its topic, or ``silent`` (and no item,
        no words) when the team has said nothing on it."""
        story = inj.story
        assert story is not None
        rng = random.Random(derive_seed(self.seed, f"story:{inj.id}"))
        fakes = self._story_fakes
        about = [self._render(phrase, author, t, rng, fakes) for phrase in story.about]
        latest = latest_on(self._on_record, about)
        if latest is None:
            return self._render(story.silent, author, t, rng, fakes), None, None
        words = quote_of(latest.text)
        text = self._render(story.quoted, author, t, rng, fakes, quote=words)
        return text, latest.item, words

    # -- phone calls --------------------------------------------------------------------

    def _take(self, request: ActionRequest, t: float) -> None:
        """A call taken (or refused, before anything is recorded): the journalist's
        questions as the call goes, and its end, when its taker is free again (before
        their actions of that second)."""
        call = self.calls.take(request, t, self.clock_text)
        inj = self._injects_by_id[call.item]
        end = float(self.scenario.duration)
        for k, question in enumerate(inj.call.questions if inj.call is not None else ()):
            if t + question.after <= end:
                self._push(t + question.after, RANK_DELIVER, "call", (call.item, k))
        if t + call.lasts <= end:
            self._push(t + call.lasts, RANK_DELIVER, "call", (call.item, "end"))
        self._fire("taken", call.item, t)  # "unanswered" can no longer happen

    def _call_step(self, item: str, step: str | int, t: float) -> None:
        """A moment of a call: it rings out (unless taken), the journalist asks question
        ``step``, or the conversation ends."""
        if step == "ring_out":
            call = self.calls.ring_out(item)
            if call is not None:
                self._emit(EventType.CALL, t, call.record(CallStatus.RANG_OUT))
                self._fire("unanswered", item, t)
        elif step == "end":
            self._emit(EventType.CALL, t, self.calls.end(item).record(CallStatus.ENDED))
        else:
            inj = self._injects_by_id[item]
            assert inj.call is not None and isinstance(step, int)
            author = self._personas[inj.from_]
            rng = random.Random(derive_seed(self.seed, f"call:{item}:{step}"))
            text = self._render(inj.call.questions[step].text, author, t, rng, self._call_fakes)
            self._deliver(
                question_id(item, step), t, author, Channel.PRESS, Kind.PRESS, text, reply_to=item
            )

    def _deliver_variant(self, inj: Inject, k: int, t: float) -> None:
        """The ``k``-th variant of a rumour, unless the team has corrected the rumour."""
        if self.items[inj.id].corrected_at is not None:
            return  # a rumour answered in time stops changing
        variant = inj.variants[k]
        author = self._personas[variant.from_ or inj.from_]
        rng = random.Random(derive_seed(self.seed, f"variant:{inj.id}:{k}"))
        item = variant_id(inj.id, k)
        text = self._render(variant.text, author, t, rng, self._variant_fakes)
        rumour = self.items[inj.id]
        self._deliver(
            item,
            t,
            author,
            rumour.channel,
            inj.kind,
            text,
            truth=inj.truth,
            reach=variant.reach,
            platform=rumour.platform,  # a rumour changes where it goes round
        )
        self._variants.setdefault(inj.id, []).append(item)

    def _expectation(
        self, inj: Inject, k: int, exp: Expectation, author: Author, t: float, deadline: float
    ) -> ExpectationState:
        """The state of one expectation of an inject delivered at ``t``; its phrases are
        templates, filled in as the inject's text is."""

        def fill(phrase: str) -> str:
            return self._render(phrase, author, t, self._inject_rng, self._inject_fakes)

        return ExpectationState(
            inj.id,
            k,
            tuple(exp.do),
            exp.label,
            tuple(fill(m).casefold() for m in exp.mention),
            t,
            deadline,
            exp.points,
            objective=exp.objective,
            require=tuple(tuple(fill(p) for p in alternatives(entry)) for entry in exp.require),
            forbid=tuple((fill(f.text), f.reason) for f in exp.forbid),
        )

    def _peak(self, reach: int | None, followers: int, misleading: bool, channel: str) -> int:
        """The views an item would reach: none off the public channels (a journalist's
        inquiry, an internal message), and never more than the people in the area."""
        if channel not in PUBLIC_CHANNELS:
            return 0
        return min(peak_views(reach, followers, misleading), self.scenario.audience)

    def _deliver_noise(self, run: _StreamRun, t: float) -> None:
        # The hot path of a surge: kept lean on purpose (no helper calls it can avoid).
        rng = run.rng
        category = run.categories[run.mix.pick(rng)]
        if run.conditional and run.fired_seen != len(self._fired):
            self._refresh_texts(run)
        entries = category.available
        if not entries:  # none of the category's texts may be posted now
            return
        tries = category.retries  # 0: too few texts to avoid repeats, none are looked for
        looking = tries > 0
        generated = run.generated
        recent_at = self._recent_at
        again = False  # a regular said the text before: someone new says it instead
        while True:
            if again:
                k = -1
            else:
                entry = entries[int(rng.random() * len(entries))]
                if not generated:
                    fit = run.fitting[entry.roles]
                    k = fit[int(rng.random() * len(fit))]
                else:  # one draw: below ``once`` someone new, above it one of the regulars
                    u = rng.random()
                    k = -1 if u < run.once else bisect(run.cumulative, (u - run.once) * run.spread)
            if k < 0:
                # Someone of the crowd who posts once. One draw for the name, the followers
                # and the voice (the tables' sizes are powers of two: the bits of one number
                # pick from each); made as the tuple it is, without the named tuple's own
                # constructor.
                run.newcomers += 1
                number = str(run.newcomers)
                x = int(rng.random() * _CROWD_DRAWS)
                name, handle = run.crowd[x & (CROWD_NAMES - 1)]
                level = (x >> _NAME_BITS) & (CROWD_LEVELS - 1)
                voice = run.crowd_voices[(x >> _VOICE_SHIFT) % len(run.crowd_voices)]
                author = _new_author(
                    Author,
                    (run.prefix + number, name, handle + number, run.role, run.levels[level]),
                )
            else:
                author, voice = run.authors[k], run.voices[k]
            if not again:
                raw = entry.text
                if "{" in raw:  # a template; a text without braces is as written
                    raw = self._render(raw, author, t, rng, run.fakes)
            again = False
            # As this voice writes it (speak's calls left out where they change nothing).
            if voice is PLAIN:
                text = raw
            elif voice.typos or voice.emoji:
                text = speak(raw, voice, rng)
            else:
                text = voice.said.get(raw) or speak(raw, voice, rng)
            if t < run.hashtags_from and "#" in text:
                text = _untagged(text)
            h = hash(text)
            if k >= 0 and h in run.said[k]:
                # Said it before: another text, or someone new says it; a named persona
                # says nothing rather than repeat itself.
                if tries:
                    tries -= 1
                    continue
                if not generated:
                    return
                again = True
                continue
            if looking:
                seen = recent_at.get(h)
                if seen is not None and t - seen < REPEAT_SECONDS:
                    if not tries:
                        return  # nothing new to say: better no post than a repeat
                    tries -= 1
                    continue
            break
        if looking:  # remembered for REPEAT_SECONDS: older texts are let go
            recent = self._recent
            recent.append((t, h))
            recent_at[h] = t
            while recent[0][0] <= t - REPEAT_SECONDS:
                old_t, old_h = recent.popleft()
                if recent_at.get(old_h) == old_t:
                    del recent_at[old_h]
        if k >= 0:
            run.said[k].add(h)
            peak = run.peaks_of[k][category.misleading]
        else:
            peak = run.level_peaks[level][category.misleading]
        run.count += 1
        run.times.append(t)
        run.peaks.append(peak)
        run.labels.append(category.code)
        if (
            author.role in PRIVATE_ROLES
            and entry.text in category.contact
            and may_hold_contact(text)
        ):
            self.guide.learn(text)
        self._emit(
            _DELIVERED,
            t,
            delivered_data(
                f"{run.item_prefix}{run.count}",
                _NOISE,
                run.channel,
                run.stream.kind,
                author,
                text,
                category.truth,
                category.sensitive,
                category.abusive,
                None,
                peak,
                run.platform,
            ),
        )
        self.delivered_count += 1

    def _fire(self, condition: str, inject_id: str, t: float) -> None:
        key = (condition, inject_id)
        if key in self._fired:
            return
        self._fired[key] = t
        for name, value in self._value_triggers.get(key, ()):
            self._values[name] = value
        for run, b in self._bursts.get(key, ()):
            self._start_burst(run, b, t)
        for dependent in self._dependents.get(key, ()):
            when = t + (dependent.delay or 0)
            if when <= self.scenario.duration:
                self._push(when, RANK_DELIVER, "inject", dependent)

    # -- expectations -------------------------------------------------------------------

    def _deadline(self, key: tuple[str, int], t: float) -> None:
        state = self.expectations[key[0]][key[1]]
        if state.status != Status.PENDING:
            return
        if state.monitor:  # the window passed with no public answer: restraint held
            state.status = Status.MET
            state.earned = state.points
            self.counts[Status.MET] += 1
            self._emit(EventType.EXPECTATION, t, state.record())
            self._fire_met(state.inject, t)
            return
        state.status = Status.MISSED
        self.counts[Status.MISSED] += 1
        self._emit(EventType.EXPECTATION, t, state.record())
        self._fire("missed", state.inject, t)

    def _fire_met(self, inject: str, t: float) -> None:
        if all(s.status == Status.MET for s in self.expectations[inject]):
            self._fire("met", inject, t)

    @staticmethod
    def _qualifies(state: ExpectationState, request: ActionRequest) -> bool:
        if state.monitor:  # met by the clock alone, never by an action
            return False
        kind = request.kind
        # Showing an item again answers nothing, not even an expectation of 'any' action.
        if kind not in state.do and not (
            ANY_ACTION in state.do and kind not in (Action.NOTE, Action.UNHIDE)
        ):
            return False
        if kind == Action.FLAG and state.label is not None and request.label != state.label:
            return False
        return all(mentions(request.text, m) for m in state.mention)

    def _candidates(self, request: ActionRequest) -> list[ExpectationState]:
        """The expectations an action may settle: its targets', or, for a statement to no
        one in particular, every expectation of a statement (a handover: of a handover)."""
        if request.to:
            return [s for i in request.to for s in self.expectations.get(i, ())]
        if request.kind == Action.STATEMENT:
            return [
                s
                for states in self.expectations.values()
                for s in states
                if Action.STATEMENT in s.do or ANY_ACTION in s.do
            ]
        if request.kind == Action.HANDOVER:
            return [
                s for states in self.expectations.values() for s in states if request.kind in s.do
            ]
        return []

    def _settle(self, request: ActionRequest, t: float) -> None:
        for state in self._candidates(request):
            if state.status in SETTLED:
                continue
            if state.monitor:
                if self._answers_in_public(state, request):
                    self._judge(state, t, Status.BREACH)
                continue
            if not self._qualifies(state, request):
                continue
            said_wrong = _said_wrong(state, request.text)
            if said_wrong is not None:
                state.breach, state.breach_reason = said_wrong
                self._judge(state, t, Status.BREACH)
                continue
            content = content_of(request.text, state.require)
            state.missing = content.missing
            status = Status.MET if state.status == Status.PENDING else Status.LATE
            self._judge(state, t, status, content.factor)
            if status == Status.MET:
                self._fire_met(state.inject, t)

    def _answers_in_public(self, state: ExpectationState, request: ActionRequest) -> bool:
        """A reply to the item, where the public sees it."""
        return (
            request.kind == Action.REPLY
            and state.inject in request.to
            and self._target_state(state.inject).channel in PUBLIC_CHANNELS
        )

    def _judge(self, state: ExpectationState, t: float, status: str, content: float = 1.0) -> None:
        """Settle an expectation at ``t``: its status, what it earned, and its event."""
        if state.status == Status.MISSED:
            self.counts[Status.MISSED] -= 1  # answered after all, late or wrongly
        state.status = status
        state.responded = t
        state.earned = earned(
            status,
            state.points,
            policy=self.scenario.scoring.late_credit,
            delivered=state.delivered,
            deadline=state.deadline,
            responded=t,
            content=content,
        )
        self.counts[status] += 1
        self._emit(EventType.EXPECTATION, t, state.record())

    # -- actions ------------------------------------------------------------------------

    def delivered_state(self, item_id: str) -> tuple[bool, bool]:
        """(known, delivered) for an item id: is it an item of this exercise, and has it
        been delivered yet?"""
        if item_id in self.items:
            return True, True
        match = _NOISE_ID.fullmatch(item_id)
        if match:
            for run in self._streams:
                if run.stream.id == match.group(1):
                    return True, int(match.group(2)) <= run.count
        return any(i.id == item_id for i in self.scenario.injects), False

    def _target_state(self, item_id: str) -> ItemState:
        state = self.items.get(item_id)
        if state is not None:
            return state
        stream_id, _, number = item_id.rpartition("-")
        run = next(r for r in self._streams if r.stream.id == stream_id)
        n = int(number) - 1
        label = MIX_KEYS[run.labels[n]]
        truth = label if label in _TRUTHS else None
        removable = label in (_SENSITIVE, _ABUSIVE)
        state = ItemState(
            item_id,
            run.times[n],
            run.channel,
            truth,
            run.peaks[n],
            removable,
            run.platform,
            run.owner,
        )
        self.items[item_id] = state  # only items the team touched are kept in full
        return state

    def evaluate(self, request: ActionRequest) -> list[Event]:
        """An evaluator's rating, strength or area for improvement, recorded now. Unlike the
        team's actions it is taken after the end too: the hot wash follows the exercise."""
        when = self.now()
        if not self.ended:
            self.advance_to(when)
        self._apply(request, when)
        return self.flush()

    def _record_evaluation(self, request: ActionRequest, t: float) -> None:
        objectives = [o.id for o in self.scenario.objectives]
        if request.objective is not None and request.objective not in objectives:
            raise ActionError(
                "no_objective",
                objective=request.objective,
                objectives=", ".join(objectives) or _refusal("no_objectives"),
            )
        self._emit(
            EventType.EVALUATION,
            t,
            _from_seat(
                {
                    "kind": request.kind,
                    "objective": request.objective,
                    "rating": request.rating,
                    "text": request.text,
                    "by": request.by,
                },
                request,
            ),
        )

    def _apply(self, request: ActionRequest, t: float) -> None:
        problem = request.problem()
        if problem is not None:
            raise problem
        if request.evaluation:
            self._record_evaluation(request, t)
            return
        self.calls.check(request, self.clock_text)  # nobody acts on the phone but to note
        for target in request.to:
            known, delivered = self.delivered_state(target)
            if not known:
                raise ActionError("no_item", item=target)
            if not delivered:
                raise ActionError("not_delivered", item=target, time=format_offset(t))
        if self._replay is None:
            # Checked live only: a session recorded before these rules may hide an item
            # twice, or where its platform now says it cannot, and it must still replay as
            # it was written.
            self._check_platform(request)
            if request.kind in (Action.HIDE, Action.UNHIDE):
                self._check_visibility(request)
        if request.kind == Action.NOTE:
            self._emit(
                EventType.NOTE,
                t,
                _from_seat(
                    {
                        "text": request.text,
                        "to": list(request.to),
                        "by": request.by,
                        "observer": request.observer,
                    },
                    request,
                ),
            )
            return
        if request.kind in TEAM_WORK:
            self._team_work(request, t)
            return
        if request.kind == Action.TAKE:
            self._take(request, t)
        draft = self._draft_to_publish(request)
        findings = (
            findings_as_dicts(self.guide.check(request.text)) if request.kind in PUBLISHES else []
        )
        if request.kind in REMOVES:
            findings += [
                {"rule": Rule.LEGITIMATE, "match": target}
                for target in request.to
                if not self._target_state(target).removable
            ]
        team_item = None
        if request.kind in PUBLISHES:
            self._team_count += 1
            team_item = f"team-{self._team_count}"
        self._emit(
            EventType.ACTION,
            t,
            _from_seat(
                {
                    "action": request.kind,
                    "to": list(request.to),
                    "text": request.text,
                    "label": request.label,
                    "channel": request.channel,
                    "by": request.by,
                    "findings": findings,
                    "item": team_item,
                    "reason": request.reason,
                    "recipient": request.recipient,
                    **({"draft": draft.id} if draft is not None else {}),
                },
                request,
            ),
        )
        if draft is not None:
            draft.status = DraftStatus.PUBLISHED
        targets = [self._target_state(i) for i in request.to]
        if team_item is not None:
            channel = (
                (request.channel or Channel.SOCIAL)
                if request.kind == Action.STATEMENT
                else (targets[0].channel if targets else Channel.SOCIAL)
            )
            posted = self._deliver(
                team_item,
                t,
                self.organisation,
                channel,
                Kind.OFFICIAL if request.kind == Action.STATEMENT else Kind.POST,
                request.text,
                reply_to=request.to[0] if request.kind == Action.REPLY and request.to else None,
                source=Source.TEAM,
                # A reply goes where its item is; a statement on the organisation's page.
                platform=(
                    targets[0].platform
                    if targets and request.kind == Action.REPLY
                    else self.scenario.platform_for(None, channel)
                ),
            )
            if on_record(channel):  # what a newsroom's story may quote from now on
                self._on_record.append(OnRecord(team_item, request.text))
            if posted.peak > 0:  # on a public channel: the public answers
                self._react(posted, request, targets, bool(findings))
        for state in targets:
            if request.kind == Action.FLAG:
                state.flagged = request.label
            elif request.kind == Action.HIDE:
                if not state.hidden:  # a session of an earlier version may hide twice
                    state.hidden_stretches.append((t, None))
                state.hidden = True
            elif request.kind == Action.UNHIDE:
                state.hidden = False
                if state.hidden_stretches and state.hidden_stretches[-1][1] is None:
                    state.hidden_stretches[-1] = (state.hidden_stretches[-1][0], t)
            elif request.kind in PUBLISHES:
                state.addressed = True
            if (
                state.truth == Truth.MISLEADING
                and state.flagged == Truth.MISLEADING
                and state.addressed
                and state.corrected_at is None
            ):
                self._correct(state, t)
                # Answering a rumour answers the versions of it going round.
                for variant in self._variants.get(state.id, ()):
                    if self.items[variant].corrected_at is None:
                        self._correct(self.items[variant], t)
        self._settle(request, t)

    def _correct(self, state: ItemState, t: float) -> None:
        state.corrected_at = t
        self._emit(
            EventType.CORRECTED,
            t,
            {
                "item": state.id,
                "views": views_at(state.peak, state.t, t, None, state.hidden_stretches),
            },
        )

    # -- the public's reactions ----------------------------------------------------------

    def _react(
        self, posted: ItemState, request: ActionRequest, targets: list[ItemState], broke: bool
    ) -> None:
        """Schedule the public's reactions to a team's item just published: their number
        from its reach, their tones from what its text did (see :mod:`.reactions`). They
        draw from a source of the item's own, so they shift nothing else; those that would
        come after the end never come."""
        states = self._candidates(request)
        asked = request.kind == Action.REPLY and any(self._asks(target) for target in targets)
        post = Published(
            request.text,
            asked=asked,
            require=tuple(r for s in states if not s.monitor for r in s.require) if asked else (),
            corrects=any(target.truth == Truth.MISLEADING for target in targets),
            breach=broke or any(_said_wrong(s, request.text) is not None for s in states),
        )
        rules = self._reaction_rules
        mix = tone_mix(signals_of(post, rules), rules)
        rng = random.Random(derive_seed(self.seed, f"reactions:{posted.id}"))
        reactors = self._reaction_people()
        end = float(self.scenario.duration)
        for n, planned in enumerate(plan(mix, posted.peak, rules, len(reactors), rng), 1):
            when = posted.t + planned.delay
            if when > end:
                break  # earliest first: the rest come later still
            author = reactors[planned.who]
            text = (
                request.text
                if planned.template is None
                else self._render(planned.template, author, when, rng, self._reaction_fakes)
            )
            self._push(
                when,
                RANK_DELIVER,
                "reaction",
                _PlannedReaction(
                    f"{posted.id}-r{n}", author, planned.reaction, planned.tone, text, posted.id
                ),
            )

    def _asks(self, target: ItemState) -> bool:
        """Whether an item asks the team something: a question or a press inquiry, or an
        item that expects a reply."""
        if self._target_kind(target.id) in _ASKING_KINDS:
            return True
        return any(
            not s.monitor and (Action.REPLY in s.do or ANY_ACTION in s.do)
            for s in self.expectations.get(target.id, ())
        )

    def _target_kind(self, item_id: str) -> str | None:
        inject = self._injects_by_id.get(item_id)
        if inject is not None:
            return inject.kind
        stream_id, _, _ = item_id.rpartition("-")
        run = next((r for r in self._streams if r.stream.id == stream_id), None)
        return run.stream.kind if run is not None else None

    def _reaction_people(self) -> list[Author]:
        if self._reactors is None:
            sc = self.scenario
            self._reactors = generate_authors(
                sc.language, "citizen", REACTORS, derive_seed(self.seed, "reactors"), "public"
            )
        return self._reactors

    def _deliver_reaction(self, planned: _PlannedReaction, t: float) -> None:
        answered = self.items[planned.reply_to]
        self._deliver(
            planned.item,
            t,
            planned.author,
            Channel.SOCIAL,
            Kind.POST,
            planned.text,
            reply_to=planned.reply_to,
            source=Source.REACTION,
            reaction=planned.reaction,
            tone=planned.tone,
            # Where the team posted, the public answers; a story in the news is answered
            # on the social platform of the scenario.
            platform=self.scenario.platform_for(
                answered.platform if answered.channel == Channel.SOCIAL else None, Channel.SOCIAL
            ),
        )

    def _draft_to_publish(self, request: ActionRequest) -> DraftState | None:
        """The open draft a reply or statement publishes (None: it was written directly);
        refused when there is no such draft, it is closed, or it is of the other kind."""
        if request.draft is None:
            return None
        draft = self._open_draft(request.draft)
        if draft.publishes != request.kind:
            raise ActionError(
                "draft.kind", draft=draft.id, publishes=draft.publishes, kind=request.kind
            )
        return draft

    def _open_draft(self, draft_id: str) -> DraftState:
        draft = self.drafts.get(draft_id)
        if draft is None:
            raise ActionError("draft.unknown", draft=draft_id)
        if draft.status == DraftStatus.PUBLISHED:
            raise ActionError("draft.published", draft=draft_id)
        if draft.status == DraftStatus.RETURNED:
            raise ActionError("draft.returned", draft=draft_id)
        return draft

    def _team_work(self, request: ActionRequest, t: float) -> None:
        """A draft, its return, or a claim or release of an item: recorded, and nothing
        else. Nobody outside the team sees them, so they settle no expectation, and a
        draft's words are checked against the guidelines only when it is published."""
        data: dict[str, Any] = {
            "action": request.kind,
            "to": list(request.to),
            "text": request.text,
            "label": None,
            "channel": request.channel,
            "by": request.by,
            "findings": [],
            "item": None,
            "reason": None,
            "recipient": None,
        }
        if request.kind == Action.DRAFT:
            draft = DraftState(f"d{len(self.drafts) + 1}", str(request.publishes))
            self.drafts[draft.id] = draft
            data["draft"], data["publishes"] = draft.id, draft.publishes
        elif request.kind == Action.RETURN:
            draft = self._open_draft(str(request.draft))
            draft.status = DraftStatus.RETURNED
            data["draft"] = draft.id
        self._emit(EventType.ACTION, t, _from_seat(data, request))

    def _check_platform(self, request: ActionRequest) -> None:
        """Refuse what the platform of a target does not let the team do: hide someone
        else's post, report its own page's comment, comment in a newspaper's section."""
        for target in request.to:
            state = self._target_state(target)
            key = refusal(request.kind, state.owner, state.own_item)
            if key is not None:
                raise ActionError(
                    key,
                    item=target,
                    platform=platform_name(self.scenario, state.platform, state.channel),
                )

    def _check_visibility(self, request: ActionRequest) -> None:
        """Refuse to hide what is hidden, or to show again what is not hidden: either
        would record a change that did not happen."""
        for target in request.to:
            hidden = self._target_state(target).hidden
            if request.kind == Action.HIDE and hidden:
                raise ActionError("hidden.already", item=target)
            if request.kind == Action.UNHIDE and not hidden:
                raise ActionError("hidden.not", item=target)

    # -- reach --------------------------------------------------------------------------

    def views(self, item_id: str, t: float | None = None) -> tuple[int, int, int]:
        """(views, likes, shares) of a delivered item at ``t`` (default: now)."""
        state = self._target_state(item_id)
        when = self.now() if t is None else t
        views = views_at(state.peak, state.t, when, state.corrected_at, state.hidden_stretches)
        likes, shares = engagement(views, state.truth == Truth.MISLEADING)
        return views, likes, shares

    # -- the log ------------------------------------------------------------------------

    def _emit(self, kind: EventType, t: float, data: Any) -> None:
        # The type is stored as its plain string: the database binds an exact str faster
        # than a subclass, which a surge of a million items notices. The data is a plain
        # dict, built as one of the contract's TypedDicts (typed Any here: no call to say
        # so on the hot path). The store stamps the wall time.
        event = Event(kind._value_, t, data)
        if self._replay is not None:
            self._check_replay(event)
        else:
            self._pending.append(event)

    def flush(self) -> list[Event]:
        """Commit buffered events (one transaction) and return them."""
        batch, self._pending = self._pending, []
        if self.store is not None and batch:
            try:
                self.store.append(batch)
            except SessionError:
                self._pending = batch + self._pending  # kept for the next attempt
                raise
        return batch

    def summary(self) -> Summary:
        """Counts so far."""
        pending = sum(s.status == Status.PENDING for v in self.expectations.values() for s in v)
        return Summary(
            self.delivered_count,
            self.counts[Status.MET],
            self.counts[Status.LATE],
            self.counts[Status.MISSED],
            pending,
            self.counts[Status.BREACH],
            self.counts[Status.NOT_REACHED],
        )

    # -- what the console asks ----------------------------------------------------------

    def will_not_come(self) -> frozenset[str]:
        """The injects not delivered that never will be (see :mod:`.outlook`)."""
        key = (self.delivered_count, len(self._fired), self.ended)
        if self._outlook is None or self._outlook[0] != key:
            delivered = {i.id for i in self.scenario.injects if i.id in self.items}
            self._outlook = (
                key,
                will_not_come(self.scenario, delivered, self._fired, self.ended),
            )
        return self._outlook[1]

    def inject_status(self, inject_id: str) -> str:
        """pending, wont (will not come), delivered, met, late or missed: the facilitator's
        view of an inject."""
        delivered = inject_id in self.items
        wont = not delivered and inject_id in self.will_not_come()
        states = self.expectations.get(inject_id, []) if delivered else []
        return inject_status(delivered, wont, (s.status for s in states))

    def next_inject_time(self) -> float | None:
        """When the next scripted inject is due, if one is queued."""
        times = [entry[0] for entry in self._queue if entry[3] == "inject"]
        return min(times) if times else None

    def jump_to(self, t: float) -> list[Event]:
        """Move scenario time forward to ``t`` (the facilitator skips a quiet stretch)."""
        self.advance_to(self.now())
        self.flush()
        target = min(max(t, self.now()), float(self.scenario.duration))
        self.clock.jump_to(target)
        self._emit(EventType.CLOCK, target, {"op": ClockOp.JUMP, "speed": self.clock.speed})
        return self.pump()

    @property
    def personas(self) -> dict[str, Author]:
        """The scenario's personas, by id."""
        return self._personas

    # -- restore ------------------------------------------------------------------------

    @classmethod
    def restore(cls, store: SessionLog, clock: ScenarioClock | None = None) -> Engine:
        """Rebuild an exercise from its session file by replaying the log.

        Deliveries are regenerated from the scenario and seed and checked against the log;
        the team's and the facilitator's inputs are applied where the log has them. The
        engine ends paused at the last recorded moment, attached to the store. A session
        that cannot be rebuilt (see :func:`stored_session`) or whose log differs from the
        rebuilt exercise raises SessionError naming the file.
        """
        stored = stored_session(store, regenerate=True)
        engine = cls(stored.loaded, stored.seed, clock=clock)
        try:
            engine._replay_log(store)
        except RestoreError as err:
            if "path" in dict(err.said.values):
                raise  # it names the file already
            # A difference found mid-replay, where the file is not known; another Faker is
            # the likely cause of a regenerated name that differs, and the message says so.
            raise RestoreError(replay_refusal(stored, err.said)) from None
        engine.store = store
        return engine

    def _replay_log(self, store: SessionLog) -> None:
        self._replay = _Peekable(store.events())
        log = self._replay
        last_t = 0.0
        while (logged := log.peek()) is not None:
            last_t = max(last_t, logged.t)
            if _is_input(logged):
                self._replay_input(logged)
            elif logged.type == "session_end" or logged.data.get("at_end"):
                # A facilitator may have ended it early: it ends again at the recorded time.
                self.end(
                    "completed" if logged.t >= self.scenario.duration else "ended by facilitator",
                    at=logged.t,
                )
            else:
                while log.peek() is logged:  # run the exercise until it says the same
                    if not self._queue:
                        raise RestoreError(
                            said(
                                "restore.unexpected",
                                path=str(store.path),
                                seq=logged.seq,
                                type=logged.type,
                            )
                        )
                    self._process(heapq.heappop(self._queue))
        self._replay = None
        if not self._started:
            raise RestoreError(said("restore.not_started", path=str(store.path)))
        self.clock.jump_to(last_t)

    def _replay_input(self, logged: Event) -> None:
        data = logged.data
        if logged.type == EventType.SESSION_START:
            self._emit(EventType.SESSION_START, 0.0, dict(data))
            self._started = True
            self.clock.set_speed(float(data.get("speed", 1.0)))
            return
        if logged.type == EventType.CLOCK and data.get("op") == ClockOp.JUMP:
            # A jump is logged before the deliveries it skips over, which follow it.
            self._emit(EventType.CLOCK, logged.t, dict(data))
            return
        if logged.type == EventType.CLOCK and data.get("op") in (ClockOp.START, ClockOp.RESUME):
            # Starting does not deliver first (pausing and speed changes do).
            self._clock_op(str(data.get("op")), data.get("speed"), logged.t)
            return
        self.advance_to(logged.t)
        if logged.type == EventType.CLOCK:
            self._clock_op(str(data.get("op")), data.get("speed"), logged.t)
        elif logged.type == EventType.DELIVERED:  # a facilitator's ad-hoc item
            within = data.get("within")
            if isinstance(within, bool) or not isinstance(within, int) or within <= 0:
                within = None  # a damaged value: the log's own events then tell it apart
            self._deliver_adhoc(
                data["item"],
                logged.t,
                self._personas.get(data["author"], self.organisation),
                data["channel"],
                data["kind"],
                data["text"],
                data.get("truth"),
                within,
            )
        elif logged.type == EventType.EVALUATION:
            self._apply(
                ActionRequest(
                    kind=str(data.get("kind")),
                    text=data.get("text") or "",
                    by=data.get("by"),
                    objective=data.get("objective"),
                    rating=data.get("rating"),
                    request=_text_or_none(data.get("request")),
                    seat=_text_or_none(data.get("seat")),
                ),
                logged.t,
            )
        else:
            request = ActionRequest(
                kind=Action.NOTE if logged.type == EventType.NOTE else data["action"],
                to=tuple(data.get("to") or ()),
                text=data.get("text") or "",
                label=data.get("label"),
                channel=data.get("channel"),
                by=data.get("by"),
                observer=bool(data.get("observer")),
                reason=data.get("reason"),
                recipient=data.get("recipient"),
                request=_text_or_none(data.get("request")),
                seat=_text_or_none(data.get("seat")),
                # A draft's own id is given again as it is applied, and compared.
                draft=None
                if data.get("action") == Action.DRAFT
                else _text_or_none(data.get("draft")),
                publishes=_text_or_none(data.get("publishes")),
            )
            self._apply(request, logged.t)

    def _check_replay(self, event: Event) -> None:
        assert self._replay is not None
        logged = self._replay.next()
        if logged is None:
            raise RestoreError(said("restore.short", type=event.type, time=format_offset(event.t)))
        same = (
            logged.type == event.type
            and abs(logged.t - event.t) < 1e-6
            and _identity(logged) == _identity(event)
        )
        if not same:
            raise RestoreError(
                said(
                    "restore.differs",
                    seq=logged.seq,
                    type=logged.type,
                    time=format_offset(logged.t),
                    replayed=event.type,
                    replayed_time=format_offset(event.t),
                )
            )


def _said_wrong(state: ExpectationState, text: str) -> tuple[str, str] | None:
    """The words of ``text`` that break one of the expectation's ``forbid``, and why."""
    return next(
        (
            (found, reason)
            for phrase, reason in state.forbid
            if (found := find_phrase(phrase, text)) is not None
        ),
        None,
    )


def _from_seat(data: dict[str, Any], request: ActionRequest) -> dict[str, Any]:
    """An input's event data with the seat's request id and name, when it came from a seat.

    Only then: the events of a console or a scripted team stay as they always were.
    """
    if request.request is not None:
        data["request"] = request.request
    if request.seat is not None:
        data["seat"] = request.seat
    return data


def _text_or_none(value: Any) -> str | None:
    """A logged text field, or None when absent or damaged (the log's own check then
    tells a damaged event apart)."""
    return value if isinstance(value, str) else None


class _Peekable:
    """An iterator of logged events that can look one ahead."""

    def __init__(self, events: Iterator[Event]) -> None:
        self._events = events
        self._next: Event | None = next(events, None)

    def peek(self) -> Event | None:
        return self._next

    def next(self) -> Event | None:
        current = self._next
        self._next = next(self._events, None)
        return current


#: What came from people: applied again in a restore, not generated and compared.
_INPUTS = frozenset(
    {
        EventType.ACTION,
        EventType.NOTE,
        EventType.CLOCK,
        EventType.SESSION_START,
        EventType.EVALUATION,
    }
)


def _is_input(event: Event) -> bool:
    if event.type in _INPUTS:
        return True
    return event.type == EventType.DELIVERED and event.data.get("source") == Source.FACILITATOR


def _identity(event: Event) -> tuple[Any, ...]:
    data = event.data
    if event.type == EventType.DELIVERED:
        return (data.get("item"), data.get("text"), data.get("author"))
    if event.type == EventType.EXPECTATION:
        return (data.get("inject"), data.get("index"), recorded_status(data, event.t))
    if event.type in (EventType.CORRECTED, EventType.CALL):
        return (data.get("item"), data.get("status"))
    if event.type == EventType.ACTION:
        return (
            data.get("action"),
            tuple(data.get("to") or ()),
            data.get("text"),
            data.get("draft"),
        )
    if event.type == EventType.EVALUATION:
        return (data.get("kind"), data.get("objective"), data.get("rating"), data.get("text"))
    return ()
