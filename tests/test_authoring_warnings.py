"""What ``crisis-sim validate`` tells a scenario's author: an unclosed quote where it opens,
and noise texts too few to keep from repeating within ten minutes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.helpers import MINIMAL, run_cli


def validate(tmp_path: Path, text: str, *options: str) -> tuple[int, str]:
    """Run ``validate`` on a file holding ``text``: (exit code, what it printed)."""
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("validate", *options, path.name, cwd=tmp_path)
    return proc.returncode, proc.stdout + proc.stderr


# -- an unclosed quote ---------------------------------------------------------------------


def test_unclosed_quote_is_reported_at_the_opening_quote(tmp_path: Path) -> None:
    text = 'format: 1\nid: ras\ntitle: "Jordras i Brattlia\nduration: 90m\nlanguage: nb\n'
    code, out = validate(tmp_path, text)
    assert code == 1
    assert "scenario.yaml:3:8: error: invalid YAML" in out
    assert "never closed" in out
    assert ":5:1:" not in out and ":6:1:" not in out


def test_unclosed_quote_deep_in_a_file_points_at_its_line(tmp_path: Path) -> None:
    broken = MINIMAL.replace('text: "Hvor mange er evakuert?"', "text: 'Hvor mange er evakuert?")
    assert broken != MINIMAL
    line = next(n for n, s in enumerate(broken.splitlines(), 1) if "'Hvor mange" in s)
    column = broken.splitlines()[line - 1].index("'") + 1
    code, out = validate(tmp_path, broken, "--format", "json")
    assert code == 1
    [finding] = json.loads(out)
    assert (finding["line"], finding["column"]) == (line, column)


# -- noise texts that repeat ---------------------------------------------------------------


def with_noise(stream: str) -> str:
    return MINIMAL + "noise:\n" + textwrap.indent(textwrap.dedent(stream), "  ")


def test_too_few_texts_for_the_peak_rate_warns_with_how_many_are_needed(tmp_path: Path) -> None:
    text = with_noise(
        """\
        - id: prat
          authors: {role: citizen, count: 20}
          rate: [{at: 0m, per_minute: 1}, {at: 10m, per_minute: 6}, {at: 30m, per_minute: 2}]
          mix: {valid: 2, irrelevant: 1}
          texts:
            valid:
              - "Veien er stengt"
              - "Veien er stengt"
              - "Politiet er på stedet"
            irrelevant:
              - "Har {fake.company} åpent i dag?"
        """
    )
    code, out = validate(tmp_path, text)
    assert code == 0  # a warning: the file is valid
    lines = text.splitlines()
    at = next(n for n, s in enumerate(lines, 1) if s.strip() == "valid:")
    column = lines[at - 1].index("valid") + 1
    # 6 a minute × 2/3 valid × 10 minutes = 40 different texts; two are written.
    assert (
        f"scenario.yaml:{at}:{column}: warning: 'valid' texts of stream 'prat' will repeat "
        "within ten minutes: at its peak of 6 items a minute, 67% of them 'valid', it needs "
        "40 different 'valid' texts and has 2; write at least 38 more" in out
    )
    assert "'irrelevant' texts" not in out  # a {fake.…} text varies every time
    code, out = validate(tmp_path, text, "--strict")
    assert code == 1


def test_author_and_clock_placeholders_count_as_several_texts(tmp_path: Path) -> None:
    stream = """\
        - id: deling
          authors: [kari, avisa]
          rate: [{at: 0m, per_minute: 3}, {at: 30m, per_minute: 3}]
          mix: {valid: 1}
          texts:
            valid:
              - "{author} deler: ras i {sted}"
              - "Oppdatert kl. {clock}: ras i {sted}"
              - "Ras i {sted}"
              - "Veien er stengt"
        """
    # 3 a minute × 10 minutes = 30: two authors, ten minutes of the clock and two texts
    # give 2 + 10 + 2 = 14.
    code, out = validate(tmp_path, with_noise(stream))
    assert "needs 30 different 'valid' texts and has 14; write at least 16 more" in out
    # At one a minute, ten are needed and fourteen are there.
    code, out = validate(tmp_path, with_noise(stream.replace("per_minute: 3", "per_minute: 1")))
    assert code == 0 and "repeat" not in out


def test_exactly_enough_texts_give_no_warning(tmp_path: Path) -> None:
    texts = "\n".join(f'              - "Melding nummer {n} fra {{sted}}"' for n in range(10))
    stream = f"""\
        - id: prat
          authors: {{role: citizen, count: 5}}
          rate: [{{at: 0m, per_minute: 1}}, {{at: 30m, per_minute: 1}}]
          mix: {{valid: 1}}
          texts:
            valid:
{texts}
        """
    code, out = validate(tmp_path, with_noise(stream), "--strict")
    assert code == 0, out
    fewer = with_noise(stream.replace('              - "Melding nummer 9 fra {sted}"\n', ""))
    code, out = validate(tmp_path, fewer)
    assert "needs 10 different 'valid' texts and has 9; write at least 1 more" in out
