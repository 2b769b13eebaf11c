"""Drafts, their approval, and claims on items: what the engine records and refuses, what
the consoles' model projects, how a restore rebuilds them, and how the debrief tells
drafting time from approval delay."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.engine.actions import ActionError, ActionRequest
from simulator.engine.engine import Engine
from simulator.engine.events import DraftStatus
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import load_scenario
from simulator.scoring.aar import after_action
from simulator.scoring.labels import Labels
from simulator.scoring.metrics import score_session
from simulator.scoring.reports import to_json, to_markdown
from simulator.tui.model import Claim, FeedModel
from tests.helpers import run_cli

PRESS = "presse-lokalavis-a"  # jordras, at 3m: a press inquiry, do: reply within 30m
REPLY_TEXT = "Vi bekrefter et jordras i Brattlia. Politiet leder arbeidet."


def events_of(path: Path) -> list[Event]:
    store = SessionStore.open(path, readonly=True)
    try:
        return list(store.events())
    finally:
        store.close()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """Jordras on a virtual clock, started, at 4 minutes: the press inquiry is in."""
    eng = new_session(load_scenario("jordras"), 1, tmp_path / "s.sqlite", virtual_clock())
    eng.start()
    eng.jump_to(240)
    yield eng
    if eng.store is not None:
        eng.store.close()


def draft(eng: Engine, text: str = "Vi bekrefter et jordras.") -> Event:
    request = ActionRequest(
        "draft",
        (PRESS,),
        text,
        by="Kari",
        seat="Kari",
        request="r1",
        publishes="reply",
    )
    (event,) = [e for e in eng.act(request) if e.type == "action"]
    return event


def publish(eng: Engine, draft_id: str) -> list[Event]:
    return eng.act(
        ActionRequest("reply", (PRESS,), REPLY_TEXT, by="Leder", seat="Leder", draft=draft_id)
    )


# -- the engine ------------------------------------------------------------------------


def test_drafts_are_numbered_in_order_and_recorded_with_the_seat(engine: Engine) -> None:
    first = draft(engine)
    second = draft(engine, "Et annet utkast.")
    assert first.data["draft"] == "d1" and second.data["draft"] == "d2"
    assert first.data["publishes"] == "reply"
    assert (first.data["by"], first.data["seat"], first.data["request"]) == ("Kari", "Kari", "r1")
    assert first.data["findings"] == [] and first.data["item"] is None


def test_a_draft_settles_nothing_and_publication_settles_at_its_own_time(engine: Engine) -> None:
    made = engine.act(ActionRequest("draft", (PRESS,), REPLY_TEXT, by="Kari", publishes="reply"))
    assert [e.type for e in made] == ["action"]  # no team item, no expectation
    engine.jump_to(600)
    published = publish(engine, "d1")
    action = next(e for e in published if e.type == "action")
    assert action.data["draft"] == "d1" and action.data["item"] == "team-1"
    assert action.data["by"] == "Leder"
    (outcome,) = [e for e in published if e.type == "expectation"]
    assert outcome.data["inject"] == PRESS and outcome.data["status"] == "met"
    # Delivered at 3 minutes, published at 10: the response time runs to publication.
    assert outcome.data["responded"] == 600 and outcome.data["response_time"] == 420
    assert engine.drafts["d1"].status == DraftStatus.PUBLISHED


@pytest.mark.parametrize(
    ("setup", "request_", "key"),
    [
        ((), ActionRequest("reply", (PRESS,), "x", draft="d9"), "draft.unknown"),
        (("publish",), ActionRequest("reply", (PRESS,), "x", draft="d1"), "draft.published"),
        (("return",), ActionRequest("reply", (PRESS,), "x", draft="d1"), "draft.returned"),
        ((), ActionRequest("statement", (), "x", draft="d1"), "draft.kind"),
        (("return",), ActionRequest("return", (), "igjen", draft="d1"), "draft.returned"),
        ((), ActionRequest("return", (), "  ", draft="d1"), "request.comment"),
        ((), ActionRequest("return", (), "Skriv om"), "request.draft"),
        ((), ActionRequest("draft", (PRESS,), "x"), "request.publishes"),
        ((), ActionRequest("draft", (PRESS,), "x", publishes="flag"), "request.publishes"),
        ((), ActionRequest("draft", (), "x", publishes="reply"), "request.to"),
        ((), ActionRequest("draft", (PRESS,), " ", publishes="reply"), "request.text"),
        ((), ActionRequest("flag", (PRESS,), label="valid", draft="d1"), "request.draft.only"),
        (
            (),
            ActionRequest("reply", (PRESS,), "x", publishes="reply"),
            "request.publishes.draft_only",
        ),
        ((), ActionRequest("claim", ()), "request.to"),
        ((), ActionRequest("claim", (PRESS, "vitne-bilde")), "request.claim.one"),
    ],
)
def test_refusals_record_nothing_and_speak_every_language(
    engine: Engine, setup: tuple[str, ...], request_: ActionRequest, key: str
) -> None:
    draft(engine)
    if "publish" in setup:
        publish(engine, "d1")
    if "return" in setup:
        engine.act(ActionRequest("return", (), "Nevn politiet.", by="Leder", draft="d1"))
    assert engine.store is not None
    before = len(list(engine.store.events()))
    with pytest.raises(ActionError) as refused:
        engine.act(request_)
    assert refused.value.said.key == key
    texts = {refused.value.text(lang) for lang in ("en", "nb", "nn")}
    assert len(texts) == 3 and all(texts)
    assert len(list(engine.store.events())) == before


def test_a_statement_draft_needs_no_target(engine: Engine) -> None:
    made = engine.act(ActionRequest("draft", (), "Publikumstelefon.", publishes="statement"))
    assert made[0].data["draft"] == "d1" and made[0].data["to"] == []
    published = engine.act(ActionRequest("statement", (), "Publikumstelefon.", draft="d1"))
    assert next(e for e in published if e.type == "action").data["draft"] == "d1"


def test_a_returned_draft_is_closed_and_the_next_gets_a_new_id(engine: Engine) -> None:
    draft(engine)
    returned = engine.act(ActionRequest("return", (), "Nevn politiet.", by="Leder", draft="d1"))
    assert [e.type for e in returned] == ["action"]
    assert returned[0].data["draft"] == "d1" and returned[0].data["text"] == "Nevn politiet."
    assert draft(engine).data["draft"] == "d2"


def test_claims_and_releases_are_recorded_and_settle_nothing(engine: Engine) -> None:
    claimed = engine.act(ActionRequest("claim", (PRESS,), by="Kari", seat="Kari"))
    released = engine.act(ActionRequest("release", (PRESS,), by="Kari"))
    assert [e.type for e in claimed + released] == ["action", "action"]
    assert claimed[0].data["to"] == [PRESS] and "draft" not in claimed[0].data


def test_a_claim_of_an_item_not_delivered_is_refused(engine: Engine) -> None:
    with pytest.raises(ActionError) as refused:
        engine.act(ActionRequest("claim", ("presse-nrf-a",)))
    assert refused.value.said.key == "not_delivered"


def test_restore_gives_the_same_events_and_numbers_drafts_on(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    eng = new_session(load_scenario("jordras"), 1, path, virtual_clock())
    eng.start()
    eng.jump_to(240)
    draft(eng)
    eng.act(ActionRequest("return", (), "Nevn politiet.", by="Leder", draft="d1"))
    draft(eng, REPLY_TEXT)
    eng.act(ActionRequest("claim", (PRESS,), by="Kari"))
    eng.jump_to(500)
    publish(eng, "d2")
    draft(eng, "Et tredje.")
    assert eng.store is not None
    eng.store.close()
    logged = events_of(path)

    store = SessionStore.open(path)
    restored = Engine.restore(store, virtual_clock())
    assert {d: s.status for d, s in restored.drafts.items()} == {
        "d1": DraftStatus.RETURNED,
        "d2": DraftStatus.PUBLISHED,
        "d3": DraftStatus.OPEN,
    }
    assert draft(restored, "Et fjerde.").data["draft"] == "d4"
    with pytest.raises(ActionError):
        publish(restored, "d2")  # published before the restart
    restored.act(ActionRequest("reply", (PRESS,), "Oppdatering.", draft="d3"))
    store.close()
    again = events_of(path)
    assert [(e.type, e.t, e.data) for e in again[: len(logged)]] == [
        (e.type, e.t, e.data) for e in logged
    ]


# -- the consoles' model ---------------------------------------------------------------


def test_the_model_projects_drafts_and_claims(engine: Engine) -> None:
    model = FeedModel()
    assert engine.store is not None
    model.apply(engine.store.events())
    model.apply(engine.act(ActionRequest("claim", (PRESS,), by="Kari", seat="Kari")))
    assert model.claims == {PRESS: Claim("Kari", "Kari", 240.0)}
    model.apply([draft(engine)])
    (d1,) = model.open_drafts()
    assert (d1.id, d1.publishes, d1.to, d1.by, d1.seat, d1.t) == (
        "d1",
        "reply",
        (PRESS,),
        "Kari",
        "Kari",
        240.0,
    )
    item = model.by_id[PRESS]
    assert not item.answered and not item.handled  # a draft is not an answer
    model.apply(engine.act(ActionRequest("return", (), "Nevn politiet.", by="Leder", draft="d1")))
    assert model.drafts["d1"].status == DraftStatus.RETURNED
    assert model.drafts["d1"].comment == "Nevn politiet."
    assert model.open_drafts() == [] and PRESS in model.claims
    model.apply([draft(engine, REPLY_TEXT)])
    engine.jump_to(420)
    model.apply(engine.flush())
    model.apply(publish(engine, "d2"))
    d2 = model.drafts["d2"]
    assert (d2.status, d2.published_by, d2.published_at) == (DraftStatus.PUBLISHED, "Leder", 420)
    assert item.answered and PRESS not in model.claims  # the reply gave the claim up


def test_a_release_gives_a_claim_up(engine: Engine) -> None:
    model = FeedModel()
    model.apply(engine.act(ActionRequest("claim", (PRESS,), by="Kari")))
    model.apply(engine.act(ActionRequest("claim", ("vitne-bilde",), by="Ola")))
    model.apply(engine.act(ActionRequest("release", (PRESS,), by="Kari")))
    assert list(model.claims) == ["vitne-bilde"]


# -- the debrief -----------------------------------------------------------------------


@pytest.fixture
def approved(tmp_path: Path) -> Path:
    """A session in which a reply is drafted, returned, drafted again and published, and
    a statement is drafted and published, on a virtual clock."""
    path = tmp_path / "approved.sqlite"
    eng = new_session(load_scenario("jordras"), 1, path, virtual_clock())
    eng.start()
    eng.jump_to(240)  # the inquiry came at 3 minutes
    draft(eng)
    eng.jump_to(360)
    eng.act(ActionRequest("return", (), "Nevn at politiet leder.", by="Leder", draft="d1"))
    eng.jump_to(420)
    draft(eng, REPLY_TEXT)
    eng.jump_to(600)
    publish(eng, "d2")
    eng.jump_to(720)
    eng.act(ActionRequest("draft", (), "Publikumstelefon.", by="Ola", publishes="statement"))
    eng.jump_to(900)
    eng.act(ActionRequest("statement", (), "Publikumstelefon.", by="Leder", draft="d3"))
    eng.end("ended by facilitator")
    assert eng.store is not None
    eng.store.close()
    return path


def test_the_score_keeps_drafting_time_and_approval_delay_apart(approved: Path) -> None:
    score = score_session(approved)
    d1, d2, d3 = score.drafts
    assert (d1.status, d1.returned_by, d1.comment) == (
        DraftStatus.RETURNED,
        "Leder",
        "Nevn at politiet leder.",
    )
    assert (d2.by, d2.t, d2.published_by, d2.published_at, d2.item) == (
        "Kari",
        420,
        "Leder",
        600,
        "team-1",
    )
    assert d2.drafting_time == 240 and d2.approval_delay == 180
    assert d3.drafting_time is None and d3.approval_delay == 180
    s = score.summary
    assert (s["drafts"], s["drafts_published"], s["drafts_returned"]) == (3, 2, 1)
    assert s["median_drafting_time"] == 240 and s["median_approval_delay"] == 180
    (press,) = [e for e in score.expectations if e.inject == PRESS]
    assert press.response_time == 420  # to publication
    assert [x.action for x in score.team_texts] == ["reply", "statement"]
    assert [a for _, a, _ in score.actions] == ["reply", "statement"]


def test_the_report_says_it_in_plain_words(approved: Path) -> None:
    score = score_session(approved)
    md = to_markdown([score], "nb")
    assert "d2 (presse-lokalavis-a) → team-1: utkast av Kari T+07:00, publisert av Leder " in md
    assert "T+10:00 etter 3 min; skrevet 4 min etter at saken kom" in md
    assert "sendt tilbake av Leder T+06:00: «Nevn at politiet leder.»" in md
    assert "| skrivetid (median, fra saken kom til utkastet) | 4 min |" in md
    assert "| tid til godkjenning (median, fra utkast til publisering) | 3 min |" in md
    nn = to_markdown([score], "nn")
    assert "skrive 4 min etter at saka kom" in nn and "Utkast og godkjenning" in nn
    en = to_markdown([score], "en")
    assert "drafted by Kari at T+07:00, published by Leder at T+10:00 after 3 min" in en
    data = json.loads(to_json([score]))
    assert [d["status"] for d in data["drafts"]] == ["returned", "published", "published"]
    assert data["drafts"][1]["approval_delay"] == 180


def test_a_session_without_drafts_reports_as_before(tmp_path: Path) -> None:
    path = tmp_path / "plain.sqlite"
    eng = new_session(load_scenario("jordras"), 1, path, virtual_clock())
    eng.start()
    eng.jump_to(600)
    eng.act(ActionRequest("reply", (PRESS,), REPLY_TEXT, by="Kari"))
    eng.end("ended by facilitator")
    assert eng.store is not None
    eng.store.close()
    score = score_session(path)
    assert score.drafts == []
    assert "drafts" not in json.loads(to_json([score]))
    assert "median_approval_delay" not in score.summary
    blocks = [b for s in after_action([score], Labels("en")) for b in s.blocks]
    assert "Drafts and approval" not in repr(blocks)
    assert "approval delay" not in to_markdown([score], "en")


# -- a scripted team -------------------------------------------------------------------

SCRIPT = """\
- {at: 3m30s, do: claim, to: presse-lokalavis-a, by: Kari}
- {at: 4m, do: draft, publishes: reply, to: presse-lokalavis-a, text: "Ras i {omrade}.", by: Kari}
- {at: 6m, do: return, draft: d1, text: "Nevn politiet.", by: Leder}
- {at: 7m, do: draft, publishes: reply, to: presse-lokalavis-a, text: "Politiet leder.", by: Kari}
- {at: 10m, do: reply, draft: d2, to: presse-lokalavis-a, text: "Politiet leder.", by: Leder}
"""


def test_a_scripted_team_drafts_returns_and_publishes(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(SCRIPT, encoding="utf-8")
    done = run_cli(
        "simulate", "jordras", "--seed", "1", "--until", "15m", "--actions", "team.yaml",
        "--session", "s.sqlite", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    actions = [e.data for e in events_of(tmp_path / "s.sqlite") if e.type == "action"]
    assert [(a["action"], a.get("draft")) for a in actions] == [
        ("claim", None),
        ("draft", "d1"),
        ("return", "d1"),
        ("draft", "d2"),
        ("reply", "d2"),
    ]
    assert actions[1]["text"] == "Ras i Brattlia."  # templates filled in, as for a reply


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("{at: 5m, do: return, text: Nei}", "'return' needs 'draft'"),
        ("{at: 5m, do: draft, to: presse-lokalavis-a, text: Ja}", "'draft' needs 'publishes'"),
        ("{at: 5m, do: flag, to: rykte-dam, label: valid, draft: d1}", "only a reply"),
    ],
)
def test_bad_team_entries_are_located(tmp_path: Path, entry: str, fragment: str) -> None:
    (tmp_path / "team.yaml").write_text(f"- {{at: 1m, do: note, text: Start}}\n- {entry}\n")
    done = run_cli(
        "simulate", "jordras", "--seed", "1", "--actions", "team.yaml", "--lang", "en", cwd=tmp_path
    )
    assert done.returncode != 0
    assert "team.yaml:2:" in done.stderr and fragment in done.stderr, done.stderr
    assert not (tmp_path / "s.sqlite").exists()


def test_a_script_publishing_a_draft_it_never_wrote_says_when(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(
        '- {at: 5m, do: reply, draft: d4, to: presse-lokalavis-a, text: "Ja."}\n'
    )
    done = run_cli(
        "simulate", "jordras", "--seed", "1", "--actions", "team.yaml", "--lang", "nb", cwd=tmp_path
    )
    assert done.returncode != 0
    assert "team.yaml:1:" in done.stderr and "ikke noe utkast «d4»" in done.stderr, done.stderr
