"""The scenarios shown in the README and the format reference are valid as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.scenario.loader import check_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", ROOT / "docs" / "scenario-format.md"]


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
