"""Who may see and do what in a team exercise, against a real host process.

A trainee's seat and the team's wall display are read as raw lines off the socket, through
a whole run of 'jordras' (the control cell jumps to the end): nothing in them tells what
the exercise knows and the team does not, and the wall gets exactly what a trainee gets. A
trainee's, an observer's or a wall's code cannot act as the control cell (nor open its
screen from a trainee's console), a wall's code takes no action at all and opens the wall
display, a code reaches its own team only, and a wrong code, or one of another exercise,
is refused without naming any code. Nothing sleeps: each wait is for a line, with a
deadline.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.store import SessionStore
from simulator.exercise import folder as exercise_folder
from simulator.exercise.protocol import (
    MAX_HOST_LINE,
    Clock,
    Events,
    Hello,
    Message,
    Refused,
    RequestKind,
    decode,
    encode,
)
from simulator.exercise.seat import Seat
from simulator.scenario.loader import load_scenario
from tests.helpers import run_cli_process
from tests.terminal import wait_for
from tests.test_exercise_faults import Exercise, console

#: How long a test waits for a line it expects.
LINE_WITHIN = 60.0
#: An observer's note: the trainees must never read it.
OBSERVER_NOTE = "Observatøren noterer: presseansvarlig nølte"
#: The end of 'jordras' (90 minutes), where the control cell jumps to.
END = 90 * 60
#: Fields that hold ground truth: an item's truth and what it is, a reaction's tone, and
#: the seed (which, with the scenario, tells every truth).
TRUTH_FIELDS = ("truth", "sensitive", "abusive", "tone", "seed")
#: Events only the control cell and the evaluators get.
WITHHELD = {"expectation", "corrected", "evaluation"}


class Raw:
    """A seat's connection read as lines, as they come off the socket."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.lines: list[bytes] = []
        self.messages: list[Message] = []

    @classmethod
    async def join(cls, socket: Path, code: str, name: str = "Kari") -> Raw:
        reader, writer = await asyncio.open_unix_connection(str(socket), limit=MAX_HOST_LINE + 2)
        writer.write(encode(Hello(code, name)))
        await writer.drain()
        return cls(reader, writer)

    async def until(self, test: Any) -> Message:
        """Read lines until a message passes ``test``; that message."""
        while True:
            line = await asyncio.wait_for(self.reader.readline(), LINE_WITHIN)
            assert line, "the host closed the connection"
            self.lines.append(line)
            message = decode(line, MAX_HOST_LINE)
            self.messages.append(message)
            if test(message):
                return message

    def events(self, team: str = "1") -> list[dict[str, Any]]:
        return [
            event
            for m in self.messages
            if isinstance(m, Events) and m.team == team
            for event in m.events
        ]

    def close(self) -> None:
        self.writer.close()


def ended(message: Message) -> bool:
    return isinstance(message, Events) and any(e["type"] == "session_end" for e in message.events)


@dataclass
class Run:
    """A whole run of the exercise as seats saw it, and its session logs."""

    trainee: Raw  # joined at the start: each batch as it was committed
    late: Raw  # joined after the end: the backlog
    wall: Raw  # the team's wall display, joined at the start
    observer: Raw
    log: list[dict[str, Any]]
    other_team_log: list[dict[str, Any]]
    alias: Callable[[str], str]  # the name a trainee's seat knows an item by


async def play(exercise: Exercise) -> tuple[Raw, Raw, Raw, Raw]:
    """A run with something in it to withhold, then the jump to the end."""
    codes = exercise.codes["teams"]["1"]
    trainee = await Raw.join(exercise.socket, codes["press"])
    wall = await Raw.join(exercise.socket, codes["wall"], "Vegg")
    observer = await Raw.join(exercise.socket, codes["observer"], "Olav")
    seats = {
        role: Seat(exercise.socket, code, role.title())
        for role, code in (*codes.items(), ("facilitator", exercise.codes["facilitator"]))
    }
    for seat in seats.values():
        await seat.connect()
    try:
        acks = [
            await seats["observer"].request(
                RequestKind.ACTION, {"do": "note", "text": OBSERVER_NOTE}
            ),
            await seats["observer"].request(
                RequestKind.EVALUATE,
                {"do": "rate", "objective": "presse", "rating": "M", "text": OBSERVER_NOTE},
            ),
            # The team hides an item that is neither personal data nor abuse.
            await seats["social"].request(
                RequestKind.ACTION,
                {"do": "hide", "to": [exercise.alias("vitne-brak")], "reason": "other"},
            ),
            # A statement the public reacts to: the reactions' tones are withheld.
            await seats["leader"].request(
                RequestKind.ACTION,
                {
                    "do": "statement",
                    "channel": "social",
                    "text": "Vi vet ingenting foreløpig om evakueringen.",
                },
            ),
            # A team seat naming another team still acts on its own.
            await seats["press"].request(
                RequestKind.ACTION,
                {"do": "draft", "publishes": "statement", "text": "Fra lag 1"},
                team="2",
            ),
            await seats["facilitator"].request(
                RequestKind.ADHOC,
                {
                    "persona": "frittord88",
                    "kind": "post",
                    "text": "Dammen ved Kvitvatn har sprukket!",
                    "truth": "misleading",
                    "within": 600,
                },
                team="1",
            ),
            await seats["facilitator"].request(RequestKind.JUMP, value=END),
        ]
        assert [ack.refusal for ack in acks if not ack.ok] == []
        await trainee.until(ended)
        await wall.until(ended)
        await observer.until(ended)
        late = await Raw.join(exercise.socket, codes["press"])
        await late.until(lambda m: isinstance(m, Clock))  # the backlog comes before it
    finally:
        for seat in seats.values():
            await seat.close()
    for raw in (trainee, wall, observer, late):
        raw.close()
    return trainee, late, wall, observer


def logged(path: Path) -> list[dict[str, Any]]:
    store = SessionStore.open(path, readonly=True)
    try:
        return [event.as_record() for event in store.events()]
    finally:
        store.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    exercise = Exercise(tmp_path_factory.mktemp("access"), teams=2)
    try:
        trainee, late, wall, observer = asyncio.run(play(exercise))
        exercise.stop()
    finally:
        exercise.kill_all()
    folder = exercise.folder()
    yield Run(
        trainee,
        late,
        wall,
        observer,
        logged(folder / "team-1.sqlite"),
        logged(folder / "team-2.sqlite"),
        exercise.alias,
    )


@pytest.mark.parametrize("stream", ["trainee", "late", "wall"])
def test_a_trainee_seat_gets_no_ground_truth_through_a_whole_run(run: Run, stream: str) -> None:
    raw: Raw = getattr(run, stream)
    # There was ground truth to withhold: the log has it, and the observer got it.
    log_types = {r["type"] for r in run.log}
    assert {"expectation", "evaluation", "session_end"} <= log_types
    observer_raw = b"".join(run.observer.lines)
    assert b'"truth"' in observer_raw and OBSERVER_NOTE.encode() in observer_raw
    assert b'"tone"' in observer_raw

    everything = b"".join(raw.lines)
    for name in TRUTH_FIELDS:
        assert f'"{name}"'.encode() not in everything, name
    assert OBSERVER_NOTE.encode() not in everything
    events = raw.events()
    types = {e["type"] for e in events}
    assert {"session_start", "delivered", "settled", "session_end"} <= types
    assert not types & WITHHELD
    assert not any(e.get("observer") for e in events)
    # A deadline that shows no countdown (hold back) would say the item is watched.
    silent = [r for r in run.log if r["type"] == "delivered" and None in r.get("deadlines", [])]
    assert silent  # jordras has them: the check below is not empty
    assert not any(None in e.get("deadlines", []) for e in events if e["type"] == "delivered")
    # The public's reactions to the team's statement reach the seat, as the public's
    # replies, quote-posts and shares they are, without their tone.
    reactions = [e for e in events if e["type"] == "delivered" and "reaction" in e]
    assert reactions and all(e["source"] == "public" and "tone" not in e for e in reactions)
    assert {e["reaction"] for e in reactions} == {"reply", "quote", "share"}
    # A news story quoting the team names the team's item as the seat knows it.
    [story] = [r for r in run.log if r["type"] == "delivered" and "quotes" in r]
    [seen] = [e for e in events if e["seq"] == story["seq"]]
    assert seen["quotes"] == run.alias(story["quotes"]) != story["quotes"]
    # Every event it got is the log's, in order, with nothing else added.
    by_seq = {r["seq"]: r for r in run.log}
    assert [e["seq"] for e in events] == sorted({e["seq"] for e in events})
    for event in events:
        if event["type"] != "settled":
            assert event["type"] == by_seq[event["seq"]]["type"]
    # A team's seat follows its own team alone.
    assert not any(isinstance(m, Events) and m.team != "1" for m in raw.messages)


def test_the_wall_display_gets_exactly_what_a_trainee_gets(run: Run) -> None:
    # Both joined at the start: the same events, cut the same way, items by the same
    # aliases; the trainees' rules are the wall's, not a copy of them.
    assert run.wall.events() == run.trainee.events()
    assert any(e["type"] == "delivered" and "reaction" in e for e in run.wall.events())


def test_a_trainee_seat_cannot_tell_misleading_items_by_their_reach(run: Run) -> None:
    truth = {
        run.alias(e["item"]): e.get("truth")
        for e in run.observer.events()
        if e["type"] == "delivered"
    }
    # A reach the scenario gives an item itself is what everyone would see it reach: a
    # viral rumour is public. The tell would be the engine's own boost of misleading posts.
    scripted = {
        run.alias(inject.id)
        for inject in load_scenario("jordras").scenario.injects
        if inject.reach is not None
    }
    peaks: dict[tuple[str, str], dict[bool, set[Any]]] = {}
    for event in run.trainee.events():
        if event["type"] == "delivered" and event["item"] not in scripted:
            group = peaks.setdefault(
                (event["author"], event["channel"]), {True: set(), False: set()}
            )
            group[truth[event["item"]] == "misleading"].add(event["peak"])
    mixed = {key: group for key, group in peaks.items() if group[True] and group[False]}
    assert mixed  # authors who posted both kinds: where a difference would show
    telling = [key for key, group in mixed.items() if not group[True] & group[False]]
    assert not telling, f"{len(telling)} of {len(mixed)} authors' peaks tell the truth"


def test_a_trainee_seat_cannot_tell_the_scripts_items_from_the_background(run: Run) -> None:
    sources = {
        e.get("source")
        for e in run.trainee.events()
        if e["type"] == "delivered" and e.get("source") != "team"
    }
    assert len(sources) <= 1, sources


def test_a_trainee_seat_is_not_told_that_an_item_it_hid_was_legitimate(run: Run) -> None:
    hidden = next(e for e in run.trainee.events() if e.get("action") == "hide")
    assert hidden["to"] == [run.alias("vitne-brak")]
    assert all(f.get("rule") != "legitimate" for f in hidden.get("findings", []))


def test_a_team_seat_naming_another_team_acts_on_its_own(run: Run) -> None:
    assert any(r.get("text") == "Fra lag 1" for r in run.log)
    assert not any(r.get("text") == "Fra lag 1" for r in run.other_team_log)
    assert not any(r.get("seat", "").startswith("1:") for r in run.other_team_log)


# -- what a code may do --------------------------------------------------------------------

CONTROL_REQUESTS: list[tuple[RequestKind, dict[str, Any] | None, float | None]] = [
    (RequestKind.PAUSE, None, None),
    (RequestKind.RESUME, None, None),
    (RequestKind.SPEED, None, 1.0),
    (RequestKind.JUMP, None, END),
    (RequestKind.END, None, None),
    (
        RequestKind.ADHOC,
        {"persona": "frittord88", "kind": "post", "text": "Falsk", "truth": "misleading"},
        None,
    ),
]
EVALUATIONS: list[tuple[RequestKind, dict[str, Any] | None, float | None]] = [
    (RequestKind.EVALUATE, {"do": "rate", "objective": "presse", "rating": "U", "text": "x"}, None),
    (RequestKind.ACTION, {"do": "rate", "objective": "presse", "rating": "U", "text": "x"}, None),
    (RequestKind.ACTION, {"do": "strength", "text": "Godt"}, None),
]


@pytest.fixture
def exercise(tmp_path: Path) -> Iterator[Exercise]:
    hosted = Exercise(tmp_path)
    yield hosted
    hosted.kill_all()


#: What a wall display might ask besides: the team's own actions.
TEAM_ACTIONS: list[tuple[RequestKind, dict[str, Any] | None, float | None]] = [
    (RequestKind.ACTION, {"do": "note", "text": "Fra veggen"}, None),
    (RequestKind.ACTION, {"do": "statement", "channel": "social", "text": "Fra veggen"}, None),
]


async def refused_requests(exercise: Exercise) -> list[tuple[str, str, str | None]]:
    """Every control request from each trainee, the observer and the wall, every evaluation
    from each trainee and the wall, and the team's actions from the wall, while the control
    cell holds the clock; each (role, kind, refusal key)."""
    facilitator = Seat(exercise.socket, exercise.codes["facilitator"], "Fasilitator")
    await facilitator.connect()
    assert (await facilitator.request(RequestKind.PAUSE)).ok
    outcomes = []
    try:
        for role, code in exercise.codes["teams"]["1"].items():
            seat = Seat(exercise.socket, code, role.title())
            await seat.connect()
            asked = CONTROL_REQUESTS + (EVALUATIONS if role != "observer" else [])
            if role == "wall":
                asked = asked + TEAM_ACTIONS
            for kind, fields, value in asked:
                ack = await seat.request(kind, fields, value, team="1")
                key = None if ack.ok or ack.refusal is None else ack.refusal.key
                outcomes.append((role, f"{kind}:{(fields or {}).get('do', '')}", key))
            await seat.close()
    finally:
        await facilitator.close()
    return outcomes


def test_trainee_observer_and_wall_codes_cannot_act_as_the_control_cell(
    exercise: Exercise,
) -> None:
    outcomes = asyncio.run(refused_requests(exercise))
    assert len(outcomes) == 5 * len(CONTROL_REQUESTS) + 4 * len(EVALUATIONS) + len(TEAM_ACTIONS)
    # The wall is told it takes no action at all; the others what their role may not do.
    expected = {
        role: "wall.read_only" if role == "wall" else "role.may_not" for role, _, _ in outcomes
    }
    assert [o for o in outcomes if o[2] != expected[o[0]]] == []
    before = logged(exercise.session())
    # The control cell's pause is the last thing the log has: nothing refused changed it.
    assert (before[-1]["type"], before[-1].get("op")) == ("clock", "pause")
    exercise.stop()
    after = logged(exercise.session())
    assert after == before  # not ended, not resumed, no item, no rating
    assert not any(r.get("source") == "facilitator" for r in after)


def test_a_wrong_code_and_a_code_of_another_exercise_are_refused(
    exercise: Exercise, tmp_path: Path
) -> None:
    other = exercise_folder.create(load_scenario("jordras"), 1, 1, tmp_path / "other", 1.0)
    other.close()
    foreign = next(c.code for c in other.codes.codes if c.role == "press")
    known = [c.code for c in other.codes.codes] + [
        *exercise.codes["teams"]["1"].values(),
        exercise.codes["facilitator"],
    ]
    for code in ("not-a-code", foreign, exercise.code("press")[:-1]):
        joined = run_cli_process(
            "join", code, "--name", "Mallory", "--session-dir", str(exercise.sessions)
        )
        assert joined.returncode == 1
        assert joined.stderr.count("\n") == 1 and "does not open a seat" in joined.stderr
        assert not any(c in joined.stdout + joined.stderr for c in known)

        async def hello(code: str = code) -> list[Message]:
            raw = await Raw.join(exercise.socket, code, "Mallory")
            await raw.until(lambda m: isinstance(m, Refused))
            assert await raw.reader.readline() == b""  # and it is let go
            raw.close()
            return raw.messages

        (message,) = asyncio.run(hello())
        assert isinstance(message, Refused) and message.reason.key == "code.wrong"
        said = json.dumps(message.reason.as_dict())
        assert not any(c in said for c in known)


def test_a_control_cell_or_observer_code_opens_no_trainee_console(exercise: Exercise) -> None:
    for code, heading in (
        (exercise.codes["facilitator"], "Øvingsstyring"),
        (exercise.code("observer"), "Observatør, lag 1"),
    ):
        term = exercise.join(code, "Siri")
        try:
            screen = wait_for(term, heading)
            wait_for(term, "innfridd")  # the teams' table of the control screen
            screen = term.screen()
            assert "Uttalelse" not in screen and "Presseinnboks" not in screen
        finally:
            term.close()


def test_a_wall_code_opens_the_wall_display(exercise: Exercise) -> None:
    term = exercise.join(exercise.code("wall"), "Vegg", size=(100, 30))
    try:
        wait_for(term, "Offentlig strøm")
        screen = wait_for(term, "Lag 1")  # the host has welcomed it: its team is on top
        assert "Pressehenvendelser" in screen and "Våre uttalelser" in screen
        assert "Uttalelse" not in screen and "Øvingsstyring" not in screen
    finally:
        term.close()


def test_a_trainees_console_has_no_way_to_the_control_screen(exercise: Exercise) -> None:
    term = console(exercise)
    try:
        term.press("f2")  # the control screen's key in a console of one's own
        term.type("s")  # keys are taken in order: once this is done, so is that
        screen = wait_for(term, "Ny uttalelse")
        assert "Øvingsleder" not in screen
    finally:
        term.close()
