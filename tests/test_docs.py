"""The scenarios shown in the README and the format reference are valid as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.scenario.loader import check_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    ROOT / "README.md",
    ROOT / "docs" / "scenario-format.md",
    ROOT / "docs" / "authoring-guide.md",
]


def _full_examples(path: Path) -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if re.search(r"^format: 1$", b, re.M)]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_complete_examples_validate(doc: Path) -> None:
    examples = _full_examples(doc)
    assert examples, f"{doc.name} shows no complete scenario"
    for example in examples:
        result = check_text(example, doc.name)
        assert result.ok, [f.as_text() for f in result.findings]


def test_the_readme_team_script_meets_what_it_answers(tmp_path: Path) -> None:
    """The README's scripted team runs as written, and its press answer counts as met."""
    import json

    from tests.helpers import run_cli_process

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    team = next(
        b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.lstrip().startswith("- at:")
    )
    (tmp_path / "team.yaml").write_text(team, encoding="utf-8")
    session = tmp_path / "s.sqlite"
    # The commands as a reader types them: the installed command, end to end.
    proc = run_cli_process(
        "simulate",
        "jordras",
        "--seed",
        "1",
        "--actions",
        str(tmp_path / "team.yaml"),
        "--session",
        str(session),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    score = json.loads(run_cli_process("score", str(session), "--format", "json").stdout)
    rows = {(r["inject"], tuple(r["do"])): r["status"] for r in score["expectations"]}
    assert rows[("presse-lokalavis-a", ("reply",))] == "met"
    assert rows[("rykte-dam", ("flag",))] == "met"
