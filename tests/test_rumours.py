"""Rumours on the bundled scenario: a correction makes a rumour fade, left alone it spreads.

Real sessions of ``jordras`` made by the command line with a scripted team, read back from
their export, as an evaluator would.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from simulator.engine.actions import ActionRequest, ScriptedAction
from simulator.engine.engine import Engine
from simulator.engine.reach import views_at
from simulator.engine.session import new_session, virtual_clock
from simulator.engine.store import Event, SessionStore
from simulator.scenario.loader import load_scenario_text
from tests.helpers import run_cli, simulate, with_injects

END = 90 * 60.0  # jordras lasts 1 t 30 min

CORRECTS_EARLY = """\
- at: 8m
  do: flag
  to: rykte-dam
  label: misleading
  by: Ola
- at: 9m
  do: reply
  to: rykte-dam
  text: "Lierfjell Kraft bekrefter at dammen er intakt. Raset har ingen sammenheng med dammen."
  by: Ola
"""


def _session(folder: Path, name: str, actions: str | None) -> list[dict]:
    args = ["jordras", "--seed", "1", "--session", f"{name}.sqlite"]
    if actions is not None:
        (folder / f"{name}.yaml").write_text(textwrap.dedent(actions), encoding="utf-8")
        args += ["--actions", f"{name}.yaml"]
    simulate(folder, *args)
    exported = run_cli("export", f"{name}.sqlite", cwd=folder)
    assert exported.returncode == 0, exported.stderr
    return [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]


def _final_views(events: list[dict], item: str) -> int:
    [delivered] = [e for e in events if e["type"] == "delivered" and e["item"] == item]
    corrected = [e["t"] for e in events if e["type"] == "corrected" and e["item"] == item]
    return views_at(delivered["peak"], delivered["t"], END, corrected[0] if corrected else None)


def test_a_rumour_corrected_early_ends_far_below_one_left_alone(tmp_path: Path) -> None:
    fixed = _session(tmp_path, "fixed", CORRECTS_EARLY)
    alone = _session(tmp_path, "alone", None)
    [corrected] = [e for e in fixed if e["type"] == "corrected"]
    assert corrected["item"] == "rykte-dam" and corrected["t"] == 9 * 60
    assert not [e for e in alone if e["type"] == "corrected"]
    at_correction, fixed_end = corrected["views"], _final_views(fixed, "rykte-dam")
    alone_end = _final_views(alone, "rykte-dam")
    # Shared less and less after the correction, it still grows for a while ...
    assert at_correction < fixed_end
    # ... while the rumour left alone reaches its peak, at least five times as far.
    [delivered] = [e for e in alone if e["type"] == "delivered" and e["item"] == "rykte-dam"]
    assert alone_end >= 0.99 * delivered["peak"]
    assert alone_end >= 5 * fixed_end


# -- variants: a rumour that changes as it spreads ---------------------------------------

VARIANTS = with_injects("""\
- id: rykte
  at: 2m
  from: kari
  kind: post
  truth: misleading
  text: "Dammen i {sted} har brast!"
  variants:
    - after: 3m
      text: "Nå sier de at TO dammer har brast i {sted}"
    - after: 8m
      from: avisa
      reach: 900
      text: "Folk sier {fake.first_name} så vannet komme"
""")


def _engine(folder: Path, name: str) -> Engine:
    engine = new_session(
        load_scenario_text(VARIANTS, "rykte.yaml"), 3, folder / name, clock=virtual_clock()
    )
    engine.start()
    return engine


def _run(engine: Engine, actions: list[tuple[int, ActionRequest]]) -> list[Event]:
    engine.schedule([ScriptedAction(at, request) for at, request in actions])
    engine.advance_to(engine.scenario.duration)
    engine.end()
    assert engine.store is not None
    return list(engine.store.events())


CORRECT_AT_6M = [
    (330, ActionRequest("flag", ("rykte",), label="misleading")),
    (360, ActionRequest("reply", ("rykte",), "Dammen står. Kraftselskapet har sjekket den.")),
]


def _items(events: list[Event]) -> dict[str, Event]:
    return {e.data["item"]: e for e in events if e.type == "delivered"}


def test_a_rumour_left_alone_changes_as_it_spreads(tmp_path: Path) -> None:
    items = _items(_run(_engine(tmp_path, "s.sqlite"), []))
    first, second = items["rykte-v1"], items["rykte-v2"]
    assert (first.t, second.t) == (300, 600)  # 3 and 8 minutes after the rumour
    assert first.data["text"] == "Nå sier de at TO dammer har brast i Bakkeby"
    assert (first.data["name"], first.data["truth"]) == ("Kari Nordmann", "misleading")
    assert (second.data["name"], second.data["peak"]) == ("Avisa", 900)
    assert second.data["text"].startswith("Folk sier ") and "{" not in second.data["text"]


def test_a_corrected_rumour_stops_changing_and_its_variants_are_corrected_with_it(
    tmp_path: Path,
) -> None:
    events = _run(_engine(tmp_path, "s.sqlite"), CORRECT_AT_6M)
    items = _items(events)
    assert "rykte-v1" in items and "rykte-v2" not in items
    corrected = {e.data["item"]: e.t for e in events if e.type == "corrected"}
    assert corrected == {"rykte": 360, "rykte-v1": 360}


def test_variants_are_the_same_for_a_seed_and_restore_exactly(tmp_path: Path) -> None:
    whole = _run(_engine(tmp_path, "whole.sqlite"), CORRECT_AT_6M)
    again = _run(_engine(tmp_path, "again.sqlite"), CORRECT_AT_6M)
    assert [(e.type, e.t, e.data) for e in again] == [(e.type, e.t, e.data) for e in whole]

    half = _engine(tmp_path, "half.sqlite")
    half.schedule([ScriptedAction(at, r) for at, r in CORRECT_AT_6M if at < 340])
    half.advance_to(340)  # after the first variant, before the reply that corrects
    half.flush()
    assert half.store is not None
    half.store.close()
    restored = Engine.restore(SessionStore.open(tmp_path / "half.sqlite"), clock=virtual_clock())
    rest = _run(restored, [(at, r) for at, r in CORRECT_AT_6M if at >= 340])
    assert [(e.type, e.t, e.data) for e in rest if e.t > 0] == [
        (e.type, e.t, e.data) for e in whole if e.t > 0
    ]
