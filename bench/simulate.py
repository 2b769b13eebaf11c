"""``simulate`` throughput and memory on a million noise items, against bare inserts.

Targets (engine issue): at least 50,000 items/s, peak RSS at most 300 MB, and at most 4x
the time of inserting the same rows with ``executemany`` and no engine. Each side runs in
its own process so that its peak memory is its own, twice, taking turns: the best run of
each is compared.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result

RATE_TARGET, RSS_TARGET, RATIO_TARGET = 50_000, 300, 4.0


def generate(items: int) -> str:
    """A scenario whose noise yields about ``items`` items over ten hours."""
    per_minute = items / 600
    return f"""\
format: 1
id: bench-noise
title: Benchmark noise
duration: 10h
language: nb
variables: {{sted: Bakkeby}}
personas:
  - {{id: avisa, name: Avisa, role: media}}
injects:
  - {{id: first, at: 1m, from: avisa, kind: press, text: "Hva skjer i {{sted}}?",
      expect: [{{do: reply}}]}}
noise:
  - id: prat
    authors: {{role: citizen, count: 500}}
    rate: [{{at: 0m, per_minute: {per_minute:.3f}}}, {{at: 10h, per_minute: {per_minute:.3f}}}]
    mix: {{valid: 5, misleading: 2, irrelevant: 2, sensitive: 1}}
    texts:
      valid: ["Ras i {{sted}} kl {{clock}}, alle må bort", "Politiet sperrer veien nå"]
      misleading: ["Dammen har brutt i {{sted}}!!", "Hørt at fem er døde?"]
      irrelevant: ["Fint vær i dag", "Noen som vet om bussen går?"]
      sensitive: ["{{fake.first_name}} bor i {{fake.street_address}}, ring {{fake.phone_number}}"]
"""


_ENGINE = """
import json, resource, sys, time
from pathlib import Path
from simulator.engine.simulate import simulate
from simulator.scenario.loader import load_scenario_text
loaded = load_scenario_text(Path(sys.argv[1]).read_text(), "bench.yaml")
start = time.perf_counter()
result = simulate(loaded, 1, [], Path(sys.argv[2]))
elapsed = time.perf_counter() - start
# VmHWM is this process's own peak; ru_maxrss would carry over the parent's on Linux.
try:
    hwm = next(int(line.split()[1]) for line in open("/proc/self/status")
               if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "items": result.summary.delivered, "rss_mb": hwm / 1024}))
"""

_BASELINE = """
import json, resource, sqlite3, sys, time
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT seq, t, wall, type, data FROM events ORDER BY seq").fetchall()
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=NORMAL")
conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, t REAL NOT NULL, "
             "wall TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL)")
start = time.perf_counter()
for i in range(0, len(rows), 5000):
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows[i:i + 5000])
    conn.execute("COMMIT")
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rows": len(rows)}))
"""


def _child(code: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(quick: bool = False) -> list[Result]:
    """Time simulate and the bare inserts; report throughput, memory and their ratio."""
    items = 100_000 if quick else 1_000_000
    # On a shared machine one run of either side can be slowed by its neighbours: the two
    # sides take turns, and each is judged by its best run.
    rounds = 1 if quick else 2
    runs: list[dict] = []
    bares: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        scenario = Path(folder) / "bench.yaml"
        scenario.write_text(generate(items), encoding="utf-8")
        for n in range(rounds):
            session = Path(folder) / f"session-{n}.sqlite"
            runs.append(_child(_ENGINE, str(scenario), str(session)))
            bares.append(_child(_BASELINE, str(session), str(Path(folder) / f"bare-{n}.sqlite")))
    ours = min(runs, key=lambda r: r["seconds"])
    bare = min(bares, key=lambda r: r["seconds"])
    ours = {**ours, "rss_mb": max(r["rss_mb"] for r in runs)}
    rate = ours["items"] / ours["seconds"]
    bare_rate = bare["rows"] / bare["seconds"]
    name = f"simulate ({ours['items']:,} items)"
    return [
        Result(
            f"{name} throughput",
            rate,
            bare_rate,
            "items/s",
            f">= {RATE_TARGET:,} items/s",
            rate >= RATE_TARGET,
        ),
        Result(
            f"{name} time",
            ours["seconds"],
            bare["seconds"],
            "s",
            f"<= {RATIO_TARGET}x bare executemany",
            ours["seconds"] / bare["seconds"] <= RATIO_TARGET,
        ),
        Result(
            f"{name} peak RSS",
            ours["rss_mb"],
            RSS_TARGET,
            "MB",
            f"<= {RSS_TARGET} MB",
            ours["rss_mb"] <= RSS_TARGET,
            "baseline column is the limit",
        ),
    ]


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result.line())
