"""Scoring a session of a million events against just reading them.

Target (scoring issue): ``score_session`` takes at most 2x the bare read of the same file,
``SELECT seq, t, wall, type, data FROM events ORDER BY seq`` plus ``json.loads`` of each
row's data, measured in the same run. The session is written by ``crisis-sim simulate`` on
the simulate benchmark's high-rate noise scenario, with a scripted team that flags, hides,
replies and makes statements throughout, so every branch of the scoring pass is used. Both
sides run in this process, best of three, on the same file (warm in the page cache).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result, best_of
from bench.simulate import generate
from simulator.scoring.metrics import score_session

TARGET = 2.0
DURATION = 36_000  # the generated scenario runs ten hours
MEMBERS = ("Kari", "Ola", "Ingrid", None)


def team(items: int, actions: int = 2_000) -> str:
    """A scripted team: ``actions`` actions spread over the run, on noise items that have
    surely arrived (the noise is steady, so item n comes at about n / rate seconds)."""
    per_second = items / DURATION
    lines = ['- {at: 2m, do: reply, to: first, text: "Vi undersøker saken i {sted}.", by: Kari}']
    step = (DURATION - 300) / actions
    for k in range(actions):
        at = 180 + int(k * step)
        target = f"prat-{max(1, int(at * per_second * 0.8) - k % 50)}"
        by = MEMBERS[k % len(MEMBERS)]
        who = f", by: {by}" if by else ""
        match k % 5:
            case 0:
                line = f"{{at: {at}s, do: flag, to: {target}, label: misleading{who}}}"
            case 1:
                line = (
                    f"{{at: {at}s, do: reply, to: {target}, "
                    f'text: "Dette stemmer ikke. Ring 800 12 345."{who}}}'
                )
            case 2:
                line = f"{{at: {at}s, do: hide, to: {target}{who}}}"
            case 3:
                line = f"{{at: {at}s, do: flag, to: {target}, label: valid{who}}}"
            case _:
                line = (
                    f'{{at: {at}s, do: statement, text: "Status for {{sted}} kl. {{clock}}."{who}}}'
                )
        lines.append(f"- {line}")
    return "\n".join(lines) + "\n"


def bare_read(path: Path) -> int:
    """The baseline: every event row selected and its data decoded, nothing else."""
    conn = sqlite3.connect(path)
    try:
        loads = json.loads
        count = 0
        for _seq, _t, _wall, _type, data in conn.execute(
            "SELECT seq, t, wall, type, data FROM events ORDER BY seq"
        ):
            loads(data)
            count += 1
        return count
    finally:
        conn.close()


def make_session(folder: Path, items: int) -> Path:
    """Write the scenario and the team, and run ``crisis-sim simulate`` on them."""
    scenario, actions = folder / "bench.yaml", folder / "team.yaml"
    scenario.write_text(generate(items), encoding="utf-8")
    actions.write_text(team(items), encoding="utf-8")
    session = folder / "session.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator",
            "simulate",
            str(scenario),
            "--seed",
            "1",
            "--actions",
            str(actions),
            "--session",
            str(session),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return session


def run(quick: bool = False) -> Result:
    """Time scoring and the bare read of one simulated session, best of three each."""
    items = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        session = make_session(Path(folder), items)
        events = bare_read(session)  # also warms the page cache for both sides
        score = score_session(session)
        assert score.complete and score.summary["score"] is not None, score.summary
        bare = best_of(3, lambda: bare_read(session))
        ours = best_of(3, lambda: score_session(session))
        size = session.stat().st_size
    s = score.summary
    detail = (
        f"{size / 1e6:.0f} MB file; {len(score.expectations)} expectations, "
        f"{sum(s['actions_by_member'].values()):,} actions, "
        f"{s['sensitive_total']:,} sensitive and "
        f"{len(score.rumours):,} misleading items scored"
    )
    return Result(
        f"score ({events:,} events)",
        ours,
        bare,
        "s",
        f"<= {TARGET}x bare read",
        ours / bare <= TARGET,
        detail,
    )


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv).line())
