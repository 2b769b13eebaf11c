"""Validating a large scenario against a bare libyaml load of the same text.

Target (scenario format issue): at most 2x ``yaml.load(text, Loader=yaml.CSafeLoader)``.
"""

from __future__ import annotations

import yaml

from bench.common import Result, best_of
from simulator.scenario.loader import check_text

TARGET = 2.0


def generate(injects: int = 10_000) -> str:
    """A valid scenario with this many injects, using the format's common features."""
    lines = [
        "format: 1",
        "id: bench",
        "title: Benchmark",
        "duration: 10h",
        "language: nb",
        "variables:",
        "  sted: Bakkeby",
        "  telefon: '800 12 345'",
        "personas:",
    ]
    for p in range(50):
        lines += [
            f"  - id: p{p}",
            f"    name: Person {p}",
            "    role: citizen",
            f"    followers: {100 + p}",
        ]
    lines.append("injects:")
    for k in range(injects):
        lines += [
            f"  - id: i{k}",
            f"    from: p{k % 50}",
            "    kind: post",
            f'    text: "Melding {k} fra {{author}} om raset i {{sted}}, ring {{telefon}}"',
            "    truth: valid",
            f"    reach: {k * 7 % 5000}",
        ]
        if k and k % 10 == 0:
            lines += [f"    after: {{delivered: i{k - 1}}}", "    delay: 30s"]
        else:
            lines.append(f"    at: {k * 3 % 36000}s")
        if k % 3 == 0:
            lines += [
                "    expect:",
                "      - do: [reply, statement]",
                "        within: 15m",
                "        mention: ['{sted}']",
            ]
    lines += [
        "noise:",
        "  - id: prat",
        "    authors: {role: citizen, count: 40}",
        "    rate: [{at: 0m, per_minute: 1}, {at: 10h, per_minute: 5}]",
        "    mix: {valid: 3, misleading: 1}",
        "    texts:",
        "      valid: ['Ras i {sted}']",
        "      misleading: ['Dambrudd?']",
    ]
    return "\n".join(lines) + "\n"


def run(quick: bool = False) -> Result:
    """Time validation and the bare load of one generated file, best of several runs."""
    count = 2_000 if quick else 10_000
    text = generate(count)
    result = check_text(text, "bench.yaml")
    assert result.ok, [f.as_text() for f in result.findings[:5]]
    repeats = 3 if quick else 5
    bare = best_of(repeats, lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    ours = best_of(repeats, lambda: check_text(text, "bench.yaml"))
    return Result(
        f"validate ({count:,} injects)",
        ours,
        bare,
        "s",
        f"<= {TARGET}x bare load",
        ours / bare <= TARGET,
        f"{len(text) / 1e6:.1f} MB",
    )


if __name__ == "__main__":
    print(run().line())
