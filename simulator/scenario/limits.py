"""The ranges every number and text of the format must keep, and what they bound.

Each limit is written down once, here; the model, the validation rules, the noise engine
and docs/scenario-format.md ("Limits") take it from this module. Together the limits bound
the work any valid scenario can cause: the size of a session, of a preview, of a report.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from simulator.files import MAX_INPUT_BYTES

if TYPE_CHECKING:
    from simulator.scenario.model import RatePoint, Scenario

HOUR = 3600
DAY = 24 * HOUR

MAX_DURATION = 7 * DAY  # the scenario's 'duration'
# Any other duration ('at', 'delay', rate points, deadlines): a deadline may run a day past
# the end, nothing else needs to be later than that.
DEADLINE_SLACK = DAY
MAX_ANY_DURATION = MAX_DURATION + DEADLINE_SLACK
MAX_RATE = 10_000  # noise items per minute, all streams of a scenario together
MAX_TEXT = 20_000  # characters of any text, and of any template once its variables are in
MAX_NAME = 200  # characters of a display name or handle: it is repeated in every item
MAX_ID = 64  # characters of an id: ids become file names and item ids
MIN_YEAR, MAX_YEAR = 1900, 2200  # 'start'
MAX_MIX_WEIGHT = 1_000_000.0  # weights are relative; this keeps their sum finite
MAX_FOLLOWERS = 1_000_000_000  # more than any real account has
MAX_REACTION_VOLUME = 10.0  # ten times the usual: a post the whole area answers
MAX_REACH = 1_000_000_000
MAX_POINTS = 1_000.0
MAX_AUTHORS = 100_000  # generated authors of one noise stream
MAX_INJECTS = 10_000
MAX_EXPECT = 20  # expectations of one inject
MAX_VARIANTS = 20  # variants of one rumour
MAX_QUESTIONS = 20  # questions a journalist asks in one call
MAX_BURSTS = 20  # bursts of one noise stream
MAX_VARIABLE_STEPS = 100  # values of one moving variable
MAX_BURST_FACTOR = 20.0  # a burst multiplies its stream's rate at most this much
MAX_MENTION = 50  # phrases of one expectation ('mention', 'require', 'forbid' each)
MAX_PHRASE = 200  # characters of a phrase to look for: words, not a text
MAX_OBJECTIVES = 50  # an exercise is evaluated against a handful of objectives
MAX_AUDIENCE = 1_000_000_000  # people in the affected area ('audience')
MAX_STREAMS = 100
MAX_PLATFORMS = 50  # places items appear on: a handful in any real crisis
MAX_ESCALATION = 50  # names the team may escalate to: one short list to choose from
MAX_RATE_POINTS = 1_000  # of one stream
# A written duration of more digits is a slip of the keyboard (int() refuses some at all).
MAX_DIGITS = 18

# Placeholders that are not variables expand to at most this many characters: {author} is a
# display name, {clock} is HH:MM, a fake value is a short name, address or number.
PLACEHOLDER_WIDTH = MAX_NAME
# A story quotes at most this many characters of the team's words (ellipsis included):
# as wide as any placeholder is counted, so its '{quote}' is bounded like the others.
MAX_QUOTE = PLACEHOLDER_WIDTH

# -- the session bound ----------------------------------------------------------------------
# Noise arrivals are random (Poisson); the engine stops a stream at noise_cap(mass) items,
# so a stream never gives more than this however the dice fall. The margin of ten standard
# deviations is never reached in practice: the cap is a guarantee, not a change of the mix.
NOISE_SIGMAS = 10
NOISE_SLACK = 20
# Events besides deliveries: per expectation an outcome; per session its start, end and a
# few clock changes. (Team actions come from the team or an actions file, not the scenario.)
EVENTS_PER_EXPECTATION = 2
FIXED_EVENTS = 16
# Bytes one event may take in the session file: each character of its text as JSON (at
# most six bytes: a control character is written \u0001; UTF-8 needs at most four), plus
# its other fields (the author's name and handle at six bytes a character are 2,400) and
# SQLite's row and index overhead, with a margin.
BYTES_PER_CHAR = 6
EVENT_OVERHEAD = 4_096
FIXED_BYTES = 256 * 1024  # the schema, metadata and the free pages of a fresh file
SCENARIO_COPY_BYTES = MAX_INPUT_BYTES  # the session keeps the scenario's text


def noise_mass(rate: Sequence[RatePoint], end: float) -> float:
    """Expected number of items of a stream: the area under its rate until ``end``."""
    total = 0.0
    for a, b in itertools.pairwise(rate):
        t0, t1 = float(a.at), float(min(b.at, end))
        if t1 <= t0:
            continue
        r0 = a.per_minute / 60.0
        slope = (b.per_minute / 60.0 - r0) / (b.at - a.at)
        total += (r0 + r0 + slope * (t1 - t0)) / 2 * (t1 - t0)
    return total


def noise_cap(mass: float) -> int:
    """The most items a stream of this expected size delivers."""
    return math.ceil(mass + NOISE_SIGMAS * math.sqrt(mass) + NOISE_SLACK)


def rendered_width(text: str, variables: dict[str, str]) -> int:
    """The most characters a template can expand to (unparsable templates count as written)."""
    from simulator.scenario.templates import TemplateError, parse_template, widest

    try:
        parts = parse_template(text)
    except TemplateError:
        return len(text)
    return widest(
        parts, lambda p: len(variables[p.name]) if p.name in variables else PLACEHOLDER_WIDTH
    )


def session_bound(scenario: Scenario) -> tuple[int, int]:
    """The most events, and bytes, a session of this scenario holds before team actions.

    Every delivery is one event; each expectation adds its outcome; the session adds its
    start, end and clock events. Bytes allow each event its longest text at six bytes a
    character, plus fixed overhead, plus the scenario's own text kept in the session.
    """
    from simulator.scenario.model import noise_entries

    variables = dict(scenario.variables)
    events = FIXED_EVENTS
    size = FIXED_BYTES + SCENARIO_COPY_BYTES
    for inj in scenario.injects:
        # A call adds how it ended (rung out or over), as the expectations' outcomes do.
        n = 1 + EVENTS_PER_EXPECTATION * len(inj.expect) + (inj.call is not None)
        events += n + len(inj.variants)
        widest_text = max(rendered_width(text, variables) for text in inj.templates)
        size += n * (EVENT_OVERHEAD + BYTES_PER_CHAR * widest_text)
        for variant in inj.variants:
            size += EVENT_OVERHEAD + BYTES_PER_CHAR * rendered_width(variant.text, variables)
        for question in inj.call.questions if inj.call is not None else ():
            events += 1
            size += EVENT_OVERHEAD + BYTES_PER_CHAR * rendered_width(question.text, variables)
    for stream in scenario.noise:
        count = noise_cap(noise_mass(stream.rate, scenario.duration))
        peak = max(p.per_minute for p in stream.rate)
        for burst in stream.burst:  # at the stream's busiest, for its whole length
            count += noise_cap((burst.factor - 1) * peak * burst.for_ / 60)
        longest = max(
            (
                rendered_width(entry.text, variables)
                for key in stream.texts
                for entry in noise_entries(stream, key)
            ),
            default=0,
        )
        events += count
        size += count * (EVENT_OVERHEAD + BYTES_PER_CHAR * longest)
    return events, size


def burst_multiplier(factors: Iterable[float]) -> float:
    """How many times its own rate a stream can reach with these bursts: all of them at
    once, each adding its factor less one."""
    return 1.0 + sum(f - 1.0 for f in factors)


def worst_case_bound() -> tuple[int, int]:
    """``session_bound`` of the largest valid scenario, from the limits alone."""
    items = MAX_RATE * (MAX_DURATION // 60)
    # Bursts included, the streams never pass MAX_RATE together (validation counts each at
    # its rate with all its bursts at once). The expected counts m_i of the streams and of
    # their bursts add up to at most ``items``; their margins add up to at most
    # NOISE_SIGMAS * sqrt(sources * items) (Cauchy-Schwarz), plus the slack. Each source's
    # cap rounds up once: one more item per source.
    sources = MAX_STREAMS * (1 + MAX_BURSTS)
    margin = NOISE_SIGMAS * (math.isqrt(sources * items) + 1) + sources * (NOISE_SLACK + 1)
    noise = items + margin
    # An inject is a rumour with variants or a call with questions (and how it ended), not
    # both.
    most_after = max(MAX_VARIANTS, MAX_QUESTIONS + 1)
    inject_events = MAX_INJECTS * (1 + most_after + EVENTS_PER_EXPECTATION * MAX_EXPECT)
    events = FIXED_EVENTS + noise + inject_events
    size = (
        FIXED_BYTES
        + SCENARIO_COPY_BYTES
        + (noise + inject_events) * (EVENT_OVERHEAD + BYTES_PER_CHAR * MAX_TEXT)
    )
    return events, size
