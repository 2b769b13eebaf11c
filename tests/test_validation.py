"""Every validation rule of format 1, each located at the offending line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.scenario.diagnostics import Finding
from simulator.scenario.loader import check_text
from tests.helpers import MINIMAL, run_cli, run_cli_process, scenario_text, with_injects


def check(text: str) -> list[Finding]:
    return check_text(text, "s.yaml").findings


def only(text: str, severity: str = "error") -> Finding:
    """The single finding of a severity; fails if there are none or several."""
    found = [f for f in check(text) if f.severity == severity]
    assert len(found) == 1, [f.as_text() for f in found]
    return found[0]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the line holding the nth occurrence of needle."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def test_minimal_scenario_is_valid() -> None:
    result = check_text(MINIMAL, "s.yaml")
    assert result.ok and result.findings == []
    assert result.scenario is not None
    assert result.scenario.personas[0].handle == "kari_nordmann"  # generated


# --- unknown keys --------------------------------------------------------------------


def test_unknown_top_level_key_suggests_the_right_one() -> None:
    text = MINIMAL.replace("language: nb", "langauge: nb")
    f = only(text)
    assert (f.line, f.column) == (line_of(text, "langauge"), 1)
    assert "unknown key 'langauge'" in f.message and "did you mean 'language'" in f.message


def test_unknown_key_in_an_expectation_points_at_the_key() -> None:
    text = MINIMAL.replace("        mention:", "        mentoin:")
    f = only(text)
    assert f.line == line_of(text, "mentoin") and f.column == 9
    assert "did you mean 'mention'" in f.message


# --- wrong types ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "fragment"),
    [
        ("title: Mini", "title: [a, b]", "title:", "title must be text, got a list"),
        ("    role: media", "    role: media\n    followers: many", "followers", "whole number"),
        ("    kind: press", "    kind: pres", "kind: pres", "did you mean 'press'"),
        ("duration: 30m", "duration: soon", "duration", "not a duration"),
        ("language: nb", "language: no", "language", "must be one of nb, nn, en"),
        ("format: 1", "format: 2", "format", "format must be 1"),
        ("    kind: post", "    kind: post\n    sensitive: kanskje", "sensitive", "true or false"),
        ("  - id: kari\n", "  - id: Kari Nordmann\n", "Kari Nordmann", "not a valid id"),
    ],
)
def test_wrong_types_are_located(old: str, new: str, needle: str, fragment: str) -> None:
    text = MINIMAL.replace(old, new, 1)
    f = next(f for f in check(text) if f.severity == "error")
    assert f.line == line_of(text, needle), f.as_text()
    assert fragment in f.message, f.message


def test_missing_required_field_names_the_inject() -> None:
    text = MINIMAL.replace('    text: "Hvor mange er evakuert?"\n', "")
    f = only(text)
    assert "missing required key 'text' in inject 'press-1'" in f.message
    assert f.line == line_of(text, "- id: press-1")


def test_all_shape_errors_are_reported_not_just_the_first() -> None:
    text = (
        MINIMAL.replace("title: Mini", "titel: Mini")
        .replace("    kind: press", "    kind: x")
        .replace("duration: 30m", "duration: -5m")
    )
    messages = [f.message for f in check(text)]
    assert len(messages) == 4, messages  # titel unknown, title missing, kind, duration
    assert any("negative" in m for m in messages)


# --- duplicates ----------------------------------------------------------------------


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    text = MINIMAL.replace('    text: "Ras i {sted}"', '    text: "Ras i {sted}"\n    text: "To"')
    f = only(text)
    assert f.line == line_of(text, 'text: "To"') and f.column == 5
    assert f"first given on line {line_of(text, 'Ras i')}" in f.message
    assert check_text(text, "s.yaml").scenario is None  # never silently the last one


def test_duplicate_key_does_not_hide_other_errors() -> None:
    text = MINIMAL.replace("title: Mini", "title: Mini\ntitle: Maxi").replace(
        "language: nb", "language: xx"
    )
    assert len([f for f in check(text) if f.severity == "error"]) == 2


def test_duplicate_persona_id() -> None:
    text = scenario_text().replace("  - id: avisa\n", "  - id: kari\n")
    found = [f for f in check(text) if "duplicate persona id 'kari'" in f.message]
    assert len(found) == 1 and found[0].line == line_of(text, "- id: kari", 2)


def test_inject_and_noise_ids_share_one_namespace() -> None:
    text = scenario_text("""
        noise:
          - id: first
            authors: {role: citizen, count: 3}
            rate: [{at: 0m, per_minute: 1}]
            mix: {valid: 1}
            texts: {valid: ["hei"]}
        """)
    f = only(text)
    assert "duplicate inject or noise stream id 'first'" in f.message
    assert f.line == line_of(text, "- id: first", 2)


def test_inject_id_may_not_look_like_a_generated_noise_id() -> None:
    text = scenario_text("""
        noise:
          - id: prat
            authors: [kari]
            rate: [{at: 0m, per_minute: 1}]
            mix: {valid: 1}
            texts: {valid: ["hei"]}
        """).replace("- id: first", "- id: prat-3")
    assert "clashes with the ids noise stream 'prat' generates" in only(text).message


# --- references ----------------------------------------------------------------------


def test_unknown_persona_in_from() -> None:
    text = MINIMAL.replace("from: avisa", "from: avis")
    f = only(text)
    assert f.line == line_of(text, "from: avis") and f.column == 11
    assert "did you mean 'avisa'" in f.message


def test_unknown_reply_to() -> None:
    text = MINIMAL.replace("    kind: press", "    kind: press\n    reply_to: frist")
    f = only(text)
    assert f.line == line_of(text, "reply_to") and "did you mean 'first'" in f.message


def test_unknown_trigger_reference() -> None:
    text = MINIMAL.replace("    at: 5m", "    after: {delivered: fist}")
    f = only(text)
    assert f.line == line_of(text, "fist") and "'after' waits on 'fist'" in f.message


def test_cycle_in_after_chains() -> None:
    text = MINIMAL.replace("    at: 1m", "    after: {delivered: press-1}").replace(
        "    at: 5m", "    after: {met: first}"
    )
    f = only(text)
    assert "loops back on itself (first → press-1 → first)" in f.message
    assert f.line == line_of(text, "after: {delivered: press-1}")


def test_self_trigger_is_a_cycle() -> None:
    text = MINIMAL.replace("    at: 5m", "    after: {delivered: press-1}")
    assert "press-1 → press-1" in only(text).message


def test_trigger_needs_exactly_one_condition() -> None:
    text = MINIMAL.replace("    at: 5m", "    after: {delivered: first, met: first}")
    assert "exactly one of delivered, met, missed or unanswered" in only(text).message


# --- timing --------------------------------------------------------------------------


def test_inject_after_the_end_is_an_error() -> None:
    text = MINIMAL.replace("    at: 5m", "    at: 31m")
    f = only(text)
    assert f.line == line_of(text, "at: 31m") and "after the scenario ends (30m)" in f.message


def test_inject_at_the_very_end_is_fine() -> None:
    assert check(MINIMAL.replace("    at: 5m", "    at: 30m")) == []


def test_at_and_after_together_or_neither() -> None:
    both = MINIMAL.replace("    at: 5m", "    at: 5m\n    after: {delivered: first}")
    assert "either 'at' or 'after', not both" in only(both).message
    neither = MINIMAL.replace("    at: 5m\n", "")
    assert "has no time" in only(neither).message


def test_delay_without_after() -> None:
    text = MINIMAL.replace("    at: 5m", "    at: 5m\n    delay: 1m")
    assert "'delay' only applies together with 'after'" in only(text).message


@pytest.mark.parametrize("condition", ["met", "missed"])
def test_met_or_missed_needs_expectations(condition: str) -> None:
    text = with_injects(f"""\
          - id: follow
            after: {{{condition}: late}}
            from: kari
            kind: post
            text: x
          - id: late
            at: 2m
            from: kari
            kind: post
            text: y
        """)
    f = only(text)
    assert f"'{condition}' needs inject 'late' to have expectations" in f.message
    assert f.line == line_of(text, f"{condition}: late")


def test_delivered_trigger_on_inject_without_expectations_is_fine() -> None:
    text = with_injects("""\
          - id: follow
            after: {delivered: first}
            delay: 2m
            from: kari
            kind: post
            text: x
        """)
    assert check(text) == []


# --- templates -----------------------------------------------------------------------


def test_unknown_placeholder_points_at_its_column() -> None:
    text = MINIMAL.replace('"Ras i {sted}"', '"Ras i {stedet}"')
    f = only(text)
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1 :].startswith("{stedet}")
    assert "did you mean {sted}" in f.message


def test_unknown_placeholder_in_mention_and_noise_texts() -> None:
    text = scenario_text("""
        noise:
          - id: prat
            authors: [kari]
            rate: [{at: 0m, per_minute: 1}]
            mix: {valid: 1}
            texts: {valid: ["hei {fake.nam}"]}
        """).replace('mention: ["{sted}"]', 'mention: ["{stad}"]')
    errors = [f for f in check(text) if f.severity == "error"]
    assert [f.line for f in errors] == [line_of(text, "{stad}"), line_of(text, "{fake.nam}")]


def test_reserved_variable_names() -> None:
    text = MINIMAL.replace("  sted: Bakkeby", "  sted: Bakkeby\n  clock: x")
    assert "'clock' is a built-in placeholder" in only(text).message


# --- expectations --------------------------------------------------------------------


def test_flag_without_label() -> None:
    text = MINIMAL.replace(
        "      - do: reply\n        mention", "      - do: [reply, flag]\n        mention"
    )
    f = only(text)
    assert "'flag' needs a 'label'" in f.message and f.line == line_of(text, "[reply, flag]")


def test_flag_with_label_is_fine() -> None:
    text = MINIMAL.replace(
        "      - do: reply\n        mention",
        "      - do: flag\n        label: misleading\n        mention",
    )
    assert check(text) == []


# --- noise ---------------------------------------------------------------------------


NOISE = """
noise:
  - id: prat
    authors: {role: citizen, count: 5}
    rate:
      - {at: 0m, per_minute: 1}
      - {at: 10m, per_minute: 4}
    mix: {valid: 2, misleading: 1}
    texts:
      valid: ["Ras i {sted}", "{fake.first_name} melder om ras i {sted}"]
      misleading: ["Dambrudd!", "{fake.first_name} sier dammen har brast"]
"""


def test_noise_stream_is_valid() -> None:
    assert check(MINIMAL + NOISE) == []


def test_negative_rate() -> None:
    text = MINIMAL + NOISE.replace("per_minute: 4", "per_minute: -4")
    f = only(text)
    assert f.line == line_of(text, "per_minute: -4") and "must be 0 or more" in f.message


def test_mix_key_without_texts() -> None:
    text = MINIMAL + NOISE.replace(
        "mix: {valid: 2, misleading: 1}", "mix: {valid: 2, misleading: 1, abusive: 1}"
    )
    f = only(text)
    assert "'abusive' a weight but 'texts' has no 'abusive' texts" in f.message
    assert f.line == line_of(text, "abusive: 1")


def test_rate_points_out_of_order() -> None:
    text = MINIMAL + NOISE.replace("{at: 0m, per_minute: 1}", "{at: 20m, per_minute: 1}")
    assert "in time order" in only(text).message


def test_noise_author_must_be_a_persona() -> None:
    text = MINIMAL + NOISE.replace("{role: citizen, count: 5}", "[kari, ola]")
    assert "author 'ola' is not a persona" in only(text).message


# --- warnings ------------------------------------------------------------------------


def test_unused_persona_is_a_warning() -> None:
    text = MINIMAL.replace("personas:\n", "personas:\n  - id: ola\n    name: Ola\n")
    f = only(text, "warning")
    assert "persona 'ola' is never used" in f.message and f.line == line_of(text, "id: ola")
    assert check_text(text, "s.yaml").ok


def test_inject_that_can_never_be_delivered_is_a_warning() -> None:
    text = with_injects("""\
          - id: follow
            after: {missed: press-1}
            delay: 1m
            from: kari
            kind: post
            text: x
        """)
    # press-1 arrives at 5m with the default 30m press deadline: missed at 35m > 30m.
    f = only(text, "warning")
    assert "inject 'follow' can never be delivered" in f.message
    assert f.line == line_of(text, "after: {missed: press-1}")


def test_missed_trigger_within_the_duration_is_fine() -> None:
    text = with_injects("""\
          - id: follow
            after: {missed: first}
            from: kari
            kind: post
            text: x
        """)
    # first arrives at 1m; a post's default deadline is 15m: missed at 16m <= 30m.
    assert check(text) == []


# --- the command ---------------------------------------------------------------------


def test_validate_exit_codes_and_json(write) -> None:
    good = write(MINIMAL, "good.yaml")
    warn = write(
        MINIMAL.replace("personas:\n", "personas:\n  - id: ola\n    name: Ola\n"), "warn.yaml"
    )
    bad = write(MINIMAL.replace("kind: press", "kind: pres"), "bad.yaml")
    # End to end: the installed command's exit statuses, as a script sees them.
    assert run_cli_process("validate", str(good)).returncode == 0
    assert run_cli_process("validate", str(warn)).returncode == 0
    assert run_cli_process("validate", "--strict", str(warn)).returncode == 1
    proc = run_cli_process("validate", str(bad))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{bad}:{line_of(bad.read_text(), 'kind: pres')}:11: error:")
    proc = run_cli("validate", "--format", "json", str(bad), str(warn))
    data = json.loads(proc.stdout)
    assert {(Path(d["path"]).name, d["severity"]) for d in data} == {
        ("bad.yaml", "error"),
        ("warn.yaml", "warning"),
    }
    assert set(data[0]) == {"path", "line", "column", "severity", "message", "code"}
    assert run_cli("validate", str(good.parent / "nope.yaml")).returncode == 2
    assert run_cli("validate", "--bogus", str(good)).returncode == 2
    assert run_cli("validate").returncode == 2


def test_validate_prints_the_source_line_with_a_caret(write) -> None:
    bad = write(MINIMAL.replace("from: avisa", "from: avis"))
    out = run_cli("validate", str(bad)).stdout.splitlines()
    at = next(n for n, line in enumerate(out) if ": error: " in line)
    out = out[at:]
    assert out[1].rstrip().endswith("|     from: avis")
    assert out[2].index("^") == out[1].index("avis")


def test_bad_mapping_key_points_at_the_key() -> None:
    text = MINIMAL + NOISE.replace("mix: {valid: 2, misleading: 1}", "mix: {valdi: 2}")
    f = only(text)
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1 :].startswith("valdi") and "did you mean 'valid'" in f.message


def test_every_mix_key_needs_texts_even_at_weight_zero() -> None:
    text = MINIMAL + NOISE.replace("misleading: 1}", "misleading: 1, abusive: 0}")
    assert "'abusive'" in only(text).message


def test_a_single_rate_point_gives_no_items_and_is_a_warning() -> None:
    text = MINIMAL + NOISE.replace("      - {at: 10m, per_minute: 4}\n", "")
    assert "at least two points" in only(text, "warning").message


def test_numbers_with_leading_zero_stay_as_written() -> None:
    result = check_text(MINIMAL.replace("  sted: Bakkeby", "  sted: Bakkeby\n  tlf: 0123"), "s")
    assert result.scenario is not None and result.scenario.variables["tlf"] == "0123"


def test_organisation_handle_is_generated_and_cleaned() -> None:
    for org, handle in (
        ("{name: Lierfjell kommune}", "lierfjell_kommune"),
        ("{name: X, handle: '@lierfjell'}", "lierfjell"),
    ):
        result = check_text(MINIMAL + f"organisation: {org}\n", "s")
        assert result.scenario and result.scenario.organisation
        assert result.scenario.organisation.handle == handle


def test_rule_errors_are_reported_beside_shape_errors() -> None:
    # A wrong type in one inject must not hide a broken reference in another.
    text = MINIMAL.replace("    kind: press", "    kind: pres").replace(
        "    from: kari", "    from: karii"
    )
    messages = [f.message for f in check(text) if f.severity == "error"]
    assert len(messages) == 2, messages
    assert any("did you mean 'press'" in m for m in messages)
    assert any("'from' names persona 'karii'" in m for m in messages)


def test_references_to_items_with_shape_errors_are_not_reported_twice() -> None:
    text = MINIMAL.replace("    kind: post", "    kind: pst").replace(
        "    at: 5m", "    after: {met: first}"
    )
    messages = [f.message for f in check(text) if f.severity == "error"]
    assert len(messages) == 1 and "kind must be one of" in messages[0], messages


# -- a rumour's variants ------------------------------------------------------------------

RUMOUR = """\
- id: rykte
  at: 2m
  from: kari
  kind: post
  truth: misleading
  text: "Dammen har brast"
  variants:
    - after: 3m
      text: "To dammer har brast"
"""


def test_a_rumour_with_variants_is_valid() -> None:
    assert check(with_injects(RUMOUR)) == []


def test_only_a_misleading_rumour_has_variants() -> None:
    text = with_injects(RUMOUR.replace("truth: misleading", "truth: valid"))
    f = only(text)
    assert "only a misleading rumour changes as it spreads" in f.message
    assert f.line == line_of(text, "variants:")


def test_a_variant_names_a_persona_and_comes_after_the_rumour() -> None:
    text = with_injects(RUMOUR.replace("- after: 3m", "- after: 0m\n      from: kary"))
    found = {f.line: f.message for f in check(text)}
    assert len(found) == 2
    assert "a variant comes some time after the rumour" in found[line_of(text, "after: 0m")]
    persona = found[line_of(text, "from: kary")]
    assert "persona 'kary', which is not defined" in persona and "'kari'" in persona


def test_a_variant_id_that_an_inject_has_already() -> None:
    taken = """\
- id: rykte-v1
  at: 9m
  from: kari
  kind: post
  text: "Et annet innlegg"
"""
    text = with_injects(RUMOUR + taken)
    f = only(text)
    assert "delivered as 'rykte-v1', which is already an inject's id" in f.message


# -- bursts -----------------------------------------------------------------------------

BURST = """\
noise:
  - id: prat
    authors: {role: citizen, count: 20}
    rate: [{at: 0m, per_minute: 1000}, {at: 30m, per_minute: 1000}]
    mix: {valid: 1}
    texts: {valid: ["Ras!"]}
    burst:
      - when: {delivered: frist}
        factor: 4
"""


def test_a_burst_waits_on_an_inject_that_exists() -> None:
    text = scenario_text(BURST)
    f = only(text)
    assert "'when' waits on 'frist', which is not an inject; did you mean 'first'?" in f.message
    assert f.line == line_of(text, "when: {delivered: frist}")
    fixed = check(scenario_text(BURST.replace("frist", "first")))
    assert [f.message for f in fixed if f.severity == "error"] == []


def test_a_burst_multiplies_its_rate_at_least_a_little_and_at_most_twenty_times() -> None:
    for factor in ("1", "0.5", "21"):
        text = scenario_text(
            BURST.replace("frist", "first").replace("factor: 4", f"factor: {factor}")
        )
        f = only(text)
        assert f.line == line_of(text, "factor:")


def test_all_bursts_at_once_count_toward_the_total_rate() -> None:
    # 1,000 a minute with two bursts of 4 and 8 can reach 1,000 * (1 + 3 + 7) = 11,000.
    two = BURST.replace("frist", "first") + "      - when: {met: first}\n        factor: 8\n"
    f = only(scenario_text(two))
    assert "10,000" in f.message and "11,000" in f.message


# --- reactions ---------------------------------------------------------------------------


def test_a_reactions_section_is_optional_and_every_key_of_it_too() -> None:
    text = scenario_text(
        """\
        reactions:
          volume: 2
          within: 15m
          vague: ["vi avventer"]
          concrete: ["rådhus*"]
          weights:
            vague: {angry: 5, sceptical: 2}
          texts:
            angry: ["Hvorfor svarer ikke {sted} kommune?"]
        """
    )
    result = check_text(text, "s.yaml")
    assert result.ok and result.findings == [], [f.as_text() for f in result.findings]
    assert result.scenario is not None and result.scenario.reactions.within == 15 * 60


@pytest.mark.parametrize(
    ("extra", "needle", "fragment"),
    [
        ("reactions:\n  volume: 20\n", "volume", "at most 10"),
        ("reactions:\n  within: 0\n", "within", "within must be longer than 0"),
        ("reactions:\n  weights:\n    vauge: {angry: 1}\n", "vauge", "did you mean 'vague'"),
        ("reactions:\n  weights:\n    vague: {angy: 1}\n", "angy", "did you mean 'angry'"),
        ("reactions:\n  texts:\n    angry: []\n", "angry", "at least 1"),
        ("reactions:\n  texts:\n    angry: ['Hei {nope}']\n", "nope", "unknown placeholder"),
        ("reactions:\n  vague: ['vi *vet']\n", "*vet", "'*'"),
        ("reactions:\n  volum: 1\n", "volum", "did you mean 'volume'"),
    ],
)
def test_a_wrong_reactions_section_is_located(extra: str, needle: str, fragment: str) -> None:
    text = scenario_text(extra)
    f = only(text)
    assert f.line == line_of(text, needle)
    assert fragment in f.message, f.message


def test_the_organisations_followers_are_checked_and_a_long_reaction_window_is_warned_of() -> None:
    text = MINIMAL.replace("language: nb", "language: nb\norganisation: {name: K, followers: -1}")
    f = only(text)
    assert f.line == line_of(text, "followers: -1") and "followers" in f.message
    text = scenario_text("reactions:\n  within: 2h\n")
    warning = only(text, "warning")
    assert warning.line == line_of(text, "within") and "shorten within" in warning.message
