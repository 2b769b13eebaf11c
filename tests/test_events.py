"""The event contract: what the engine writes, what ``docs/sessions.md`` says and what the
contract module declares are one and the same, and older logs still read."""

from __future__ import annotations

import json
import re
import types
from enum import StrEnum
from pathlib import Path
from typing import (
    Annotated,
    Any,
    NotRequired,
    Required,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

import pytest
import yaml

from simulator.engine import events as contract
from simulator.engine.actions import ACTION_KINDS, HIDE_REASONS, ActionRequest
from simulator.engine.events import DATA, EventType
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import load_scenario_text
from simulator.scenario.model import ACTIONS, CHANNELS, KINDS, MIX_KEYS, TRUTHS
from simulator.scoring.metrics import score_session
from simulator.scoring.replay import ReplayLog
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "sessions.md").read_text(encoding="utf-8")

# Every action a team can script, on jordras's items, so that every field of `action`,
# `note`, `corrected` and every outcome of `expectation` is written.
TEAM = """\
- at: 4m
  do: reply
  to: presse-lokalavis-a
  text: "Vi bekrefter et jordras i {omrade}. Politiet leder arbeidet."
  by: Kari
- at: 5m
  do: statement
  channel: press
  text: "Publikumstelefon {hotline}."
- at: 8m
  do: flag
  to: rykte-dam
  label: misleading
- at: 8m
  do: hide
  to: vitne-bilde
  reason: personal_data
- at: 9m
  do: unhide
  to: vitne-bilde
- at: 9m
  do: reply
  to: rykte-dam
  text: "Dammen er ikke brutt."
- at: 10m
  do: escalate
  to: forelder-skole
  recipient: Kriseledelsen
- at: 10m
  do: note
  to: rykte-dam
  text: "Vurder felles melding med politiet."
- {at: 11m, do: claim, to: vitne-bilde, by: Kari}
- {at: 11m, do: draft, publishes: reply, to: vitne-bilde, text: "Takk for bildet.", by: Kari}
- {at: 12m, do: return, draft: d1, text: "Be folk holde seg unna.", by: Leder}
- {at: 13m, do: draft, publishes: reply, to: vitne-bilde, text: "Hold dere unna.", by: Kari}
- {at: 14m, do: reply, draft: d2, to: vitne-bilde, text: "Hold dere unna raset.", by: Leder}
- {at: 15m, do: claim, to: rykte-dam, by: Kari}
- {at: 15m, do: release, to: rykte-dam, by: Kari}
- at: 40m
  do: flag
  to: vitne-brak
  label: valid
- {at: 16m, do: report, to: x-adresse, reason: personal_data, text: "Adresse til privatperson"}
- {at: 16m, do: ask_removal, to: x-adresse, reason: personal_data, by: Kari}
- {at: 17m, do: report, to: avis-kommentar, reason: harassment}
- {at: 18m, do: handover, text: "Status: jordras i Brattlia, 70 evakuert.", by: Kari}
- {at: 21m, do: take, to: nrf-ringer, by: Kari}
- {at: 80m, do: rate, objective: rykter, rating: S, comment: "Damryktet tatt raskt", by: Eva}
- {at: 81m, do: strength, text: "Rask avkreftelse", by: Eva}
"""


# Jordras on more than the municipality's own page: a post on someone else's platform, a
# comment in a newspaper's section, so that the team can report and ask for removal.
PLATFORMS = [
    {"id": "x", "name": "X", "owner": "others"},
    {"id": "kommentarer", "name": "Kommentarfeltet i Nordvik Avis", "owner": "newspaper"},
]
ELSEWHERE = [
    {
        "id": "x-adresse",
        "at": "15m",
        "from": "jonas-brekke",
        "kind": "post",
        "platform": "x",
        "sensitive": True,
        "text": "Familien som bor i Brattliveien 14 har visst ikke kommet seg ut!",
        "expect": [{"do": ["report", "ask_removal"], "within": "10m"}],
    },
    {
        "id": "nrf-ringer",
        "at": "20m",
        "from": "nrf",
        "kind": "call",
        "text": "NRF ringer om raset",
        "call": {
            "ring": "2m",
            "lasts": "2m",
            "questions": [{"after": "30s", "text": "Hvor mange?"}],
        },
        "expect": [{"do": "take"}],
    },
    {"id": "avis-ringer", "at": "25m", "from": "lokalavis", "kind": "call", "text": "Avisa ringer"},
    {
        "id": "avis-kommentar",
        "at": "15m",
        "from": "jonas-brekke",
        "kind": "post",
        "platform": "kommentarer",
        "abusive": True,
        "text": "Ordføreren er en udugelig idiot.",
    },
]


def jordras_elsewhere(folder: Path) -> Path:
    """Jordras with :data:`PLATFORMS` and the items on them, as a scenario file."""
    data = yaml.safe_load((ROOT / "scenarios" / "jordras.yaml").read_text(encoding="utf-8"))
    data["platforms"] = PLATFORMS
    data["injects"] += ELSEWHERE
    path = folder / "jordras.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole jordras exercise with a team that does everything a script can."""
    folder = tmp_path_factory.mktemp("events")
    (folder / "team.yaml").write_text(TEAM, encoding="utf-8")
    session = folder / "team.sqlite"
    scenario = jordras_elsewhere(folder)
    done = run_cli(
        "simulate", str(scenario), "--seed", "1", "--actions", "team.yaml", "--session",
        str(session), cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return session


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What only a console writes: clock changes, a facilitator's item with a deadline,
    an observer's note, and an end by the facilitator."""
    path = tmp_path_factory.mktemp("console") / "console.sqlite"
    text = (ROOT / "scenarios" / "jordras.yaml").read_text(encoding="utf-8")
    engine = new_session(load_scenario_text(text, "jordras.yaml"), 1, path, virtual_clock())
    engine.start()
    engine.jump_to(120)
    engine.pause()
    engine.set_speed(4)
    engine.resume()
    engine.adhoc("lokalavis", "press", "Stemmer det at skolen stenger?", within=1200)
    engine.act(ActionRequest("note", ("adhoc-1",), "Godt spørsmål", by="Olav", observer=True))
    engine.act(ActionRequest("reply", ("adhoc-1",), "Nei, skolen er åpen."))
    engine.jump_to(900)
    engine.end("ended by facilitator")
    assert engine.store is not None
    engine.store.close()
    return path


def read(path: Path) -> list[Event]:
    store = SessionStore.open(path, readonly=True)
    try:
        return list(store.events())
    finally:
        store.close()


# -- checking data against the contract -------------------------------------------------


def _fits(value: Any, hint: Any) -> str | None:
    """Why ``value`` does not fit the type ``hint``, or None."""
    if get_origin(hint) in (NotRequired, Required):  # kept by include_extras
        return _fits(value, get_args(hint)[0])
    if get_origin(hint) is Annotated:
        base, *extras = get_args(hint)
        problem = _fits(value, base)
        if problem is None:
            for vocabulary in extras:
                if value not in set(vocabulary):
                    return f"{value!r} is not one of {[str(v) for v in vocabulary]}"
        return problem
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        problems = [_fits(value, option) for option in get_args(hint)]
        return None if None in problems else " and ".join(p for p in problems if p)
    if hint is type(None):
        return None if value is None else f"{value!r} is not null"
    if origin is list:
        if not isinstance(value, list):
            return f"{value!r} is not a list"
        (item,) = get_args(hint)
        return next((p for v in value if (p := _fits(v, item)) is not None), None)
    if is_typeddict(hint):
        return check_data(value, hint)
    if hint is float:  # JSON writes a whole float as an int only if it was one
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    return None if ok else f"{value!r} is not {hint.__name__}"


def check_data(data: Any, shape: type) -> str | None:
    """Why ``data`` does not fit a TypedDict of the contract, or None."""
    if not isinstance(data, dict):
        return f"{data!r} is not an object"
    hints = get_type_hints(shape, include_extras=True)
    unknown = data.keys() - hints.keys()
    if unknown:
        return f"unknown fields {sorted(unknown)}"
    missing = shape.__required_keys__ - data.keys()  # type: ignore[attr-defined]
    if missing:
        return f"missing fields {sorted(missing)}"
    for key, value in data.items():
        problem = _fits(value, hints[key])
        if problem is not None:
            return f"{key}: {problem}"
    return None


def assert_contract(events: list[Event]) -> None:
    for event in events:
        assert event.type in set(EventType), event
        problem = check_data(event.data, DATA[EventType(event.type)])
        assert problem is None, f"event {event.seq} ({event.type}): {problem}"


def test_the_checker_refuses_what_the_contract_does_not_know() -> None:
    good = {"item": "rykte-dam", "views": 12}
    assert check_data(good, contract.CorrectedData) is None
    assert "unknown" in str(check_data({**good, "extra": 1}, contract.CorrectedData))
    assert "missing" in str(check_data({"item": "x"}, contract.CorrectedData))
    assert "views" in str(check_data({**good, "views": "12"}, contract.CorrectedData))
    assert "not one of" in str(check_data({"op": "rewind", "speed": 1}, contract.ClockData))


# -- what the engine writes ---------------------------------------------------------------


def test_every_event_of_a_simulated_session_fits_the_contract(simulated: Path) -> None:
    events = read(simulated)
    assert_contract(events)
    written = {e.type for e in events}
    assert written == set(EventType), written
    actions = {e.data["action"] for e in events if e.type == "action"}
    assert actions == set(contract.Action) - {"note"}
    calls = {e.data["status"] for e in events if e.type == EventType.CALL}
    assert calls == set(contract.CallStatus)  # one taken and ended, one rang out
    evaluations = {e.data["kind"] for e in events if e.type == "evaluation"}
    assert evaluations == {"rate", "strength"}
    statuses = {e.data["status"] for e in events if e.type == "expectation"}
    assert statuses == {"met", "late", "missed"}
    assert any("deadlines" in e.data for e in events if e.type == "delivered")
    sources = {e.data["source"] for e in events if e.type == "delivered"}
    # The public reacts to the team's public statements.
    assert sources == {"inject", "noise", "team", "reaction"}


def test_every_event_of_a_console_session_fits_the_contract(console: Path) -> None:
    events = read(console)
    assert_contract(events)
    ops = {e.data["op"] for e in events if e.type == "clock"}
    assert ops == set(contract.ClockOp)
    adhoc = [e for e in events if e.type == "delivered" and e.data["source"] == "facilitator"]
    assert adhoc and adhoc[0].data["within"] == 1200
    assert any(e.data["observer"] for e in events if e.type == "note")
    assert any(e.data.get("at_end") for e in events if e.type == "expectation")
    assert events[-1].data == {"reason": contract.EndReason.FACILITATOR}


def test_the_exported_lines_are_the_contract_plus_the_envelope(simulated: Path) -> None:
    done = run_cli("export", str(simulated))
    assert done.returncode == 0, done.stderr
    for line in done.stdout.splitlines():
        record = json.loads(line)
        envelope = {k: record.pop(k) for k in ("seq", "t", "wall", "type")}
        problem = check_data(record, DATA[EventType(envelope["type"])])
        assert problem is None, f"{envelope}: {problem}"


# -- what docs/sessions.md says ------------------------------------------------------------

_ITEM = r"`([^`]+)`(?: \([^)]*\)| when [^;]*)?"
_RUN = re.compile(rf"{_ITEM}(?:(?:,? or |, |; ){_ITEM})+")


def _sections() -> dict[str, list[tuple[list[str], str]]]:
    """Each event type's table in the docs: (field names, meaning) per row."""
    found: dict[str, list[tuple[list[str], str]]] = {}
    for name, body in re.findall(r"^### `(\w+)`\n(.*?)(?=^##)", DOC, re.M | re.S):
        rows = re.findall(r"^\| (`[^|]+) \| (.+) \|$", body, re.M)
        found[name] = [(re.findall(r"`(\w+)`", names), meaning) for names, meaning in rows]
    return found


def _words(meaning: str) -> set[str]:
    """The values a table cell lists: its first run of two or more quoted words."""
    match = _RUN.search(meaning)
    if match is None:
        return set()
    return set(re.findall(_ITEM, match.group(0))) - {"null"}


def test_the_docs_name_every_event_type_and_field_the_contract_has() -> None:
    sections = _sections()
    assert set(sections) == set(EventType)
    for name, rows in sections.items():
        shape = DATA[EventType(name)]
        documented = {field for fields, _ in rows for field in fields}
        assert documented == set(get_type_hints(shape)), name


def test_every_value_in_the_docs_tables_is_a_member_of_its_vocabulary() -> None:
    checked = 0
    for name, rows in _sections().items():
        hints = get_type_hints(DATA[EventType(name)], include_extras=True)
        for fields, meaning in rows:
            for field in fields:
                vocabularies = [
                    extra
                    for hint in (hints[field], *get_args(hints[field]))
                    if get_origin(hint) is Annotated
                    for extra in get_args(hint)[1:]
                ]
                words = _words(meaning)
                if not vocabularies or not words:
                    continue
                (vocabulary,) = vocabularies
                assert words <= set(vocabulary), (name, field, words)
                checked += 1
    # source, channel, truth, op, action, label, reason (hide), status, reason (end)
    assert checked >= 9


def test_every_value_in_the_scripted_team_table_is_a_member_of_its_vocabulary() -> None:
    table = DOC.split("### The scripted-team file", 1)[1].split("### Errors", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|", table, re.M))
    vocabularies: dict[str, type[StrEnum]] = {
        "do": contract.Action,
        "label": contract.Truth,
        "channel": contract.Channel,
        "reason": contract.HideReason,
        "rating": contract.Rating,
    }
    for key, vocabulary in vocabularies.items():
        assert _words(rows[key]) == {str(v) for v in vocabulary}, key
    evaluator = rows["do"].split("for an evaluator", 1)[1].split("(written as", 1)[0]
    assert set(re.findall(r"`(\w+)`", evaluator)) == set(contract.Evaluation)


def test_the_vocabularies_have_one_owner() -> None:
    assert set(CHANNELS) == set(contract.Channel)
    assert set(KINDS) == set(contract.Kind)
    assert set(TRUTHS) == set(contract.Truth)
    assert set(MIX_KEYS) == set(contract.NoiseLabel)
    assert set(ACTION_KINDS) == {*contract.Action, *contract.Evaluation}
    assert set(HIDE_REASONS) == set(contract.HideReason)
    assert set(ACTIONS) == {*contract.EXPECTABLE, contract.ANY_ACTION, contract.MONITOR}
    # A member is its word: logs written as plain strings compare equal to it.
    assert contract.Channel.SOCIAL == "social" and json.dumps(contract.Status.MET) == '"met"'


# -- older logs ------------------------------------------------------------------------------

#: Fields added to the log over time; a session written before them lacks them.
_LATER = {
    "delivered": ("deadlines",),
    "action": ("reason", "recipient"),
    "expectation": ("objective", "earned", "missing", "breach", "breach_reason"),
}


def test_a_session_without_the_later_fields_still_scores_replays_and_exports(
    simulated: Path, tmp_path: Path
) -> None:
    store = SessionStore.open(simulated, readonly=True)
    try:
        meta = dict(store.meta)
        old = [
            Event(
                e.type,
                e.t,
                {k: v for k, v in e.data.items() if k not in _LATER.get(e.type, ())},
            )
            for e in store.events()
        ]
    finally:
        store.close()
    path = tmp_path / "old.sqlite"
    copy = SessionStore.create(path, meta)
    copy.append(old)
    copy.close()
    now, then = score_session(simulated), score_session(path)
    assert then.summary == now.summary
    assert [e.as_json() for e in then.expectations] == [e.as_json() for e in now.expectations]
    replay = ReplayLog(path)
    assert replay.figures("rykte-dam", replay.end) == ReplayLog(simulated).figures(
        "rykte-dam", replay.end
    )
    done = run_cli("export", str(path))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == len(old)


def test_the_debriefs_field_checks_name_only_fields_of_the_contract() -> None:
    from simulator.scoring import metrics

    for name, checks in metrics._FIELDS.items():
        known = get_type_hints(DATA[EventType(name)]).keys()
        assert {key for key, *_ in checks} <= known, name
    for key, *_ in metrics._ANY:
        assert any(key in get_type_hints(shape) for shape in DATA.values()), key
