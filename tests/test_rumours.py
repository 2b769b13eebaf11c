"""Rumours on the bundled scenario: a correction makes a rumour fade, left alone it spreads.

Real sessions of ``jordras`` made by the command line with a scripted team, read back from
their export, as an evaluator would.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from simulator.engine.reach import views_at
from tests.helpers import run_cli, simulate

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
