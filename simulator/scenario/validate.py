"""Everything that can be wrong with a scenario, each finding pointing at its line."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from simulator.engine.events import EXPECTABLE, MONITOR, Action, Owner
from simulator.engine.platforms import BUILT_IN, NOWHERE, allows
from simulator.lang import Said, Sayer
from simulator.lang.checks import CHECKS
from simulator.lang.findings import FINDINGS
from simulator.scenario import limits
from simulator.scenario.diagnostics import (
    MAX_FINDINGS,
    Finding,
    Severity,
    closest,
    said_of,
    stopped_finding,
)
from simulator.scenario.durations import day_clock, format_duration, format_offset
from simulator.scenario.model import (
    CONDITIONS,
    NOISE_UNION_TAGS,
    Approval,
    Burst,
    Call,
    Expectation,
    Forbidden,
    Guidelines,
    Inject,
    NoiseAuthors,
    NoiseCategory,
    NoiseStream,
    NoiseText,
    Objective,
    Organisation,
    Persona,
    Question,
    RatePoint,
    Reactions,
    RoleSpec,
    Scenario,
    Scoring,
    Story,
    TeamRole,
    TeamSpec,
    Trigger,
    VariableStep,
    Variant,
    day_time_offset,
    noise_entries,
    question_id,
    variant_id,
)
from simulator.scenario.preview import peak_rate
from simulator.scenario.templates import (
    QUOTE,
    REPEAT_WINDOW,
    RESERVED_NAMES,
    TemplateError,
    check_template,
    parse_template,
    placeholders,
    text_variety,
)
from simulator.scenario.timing import can_happen, earliest_times, trigger_cycles
from simulator.scenario.yamlsource import ValuePositions, locate, position

said = Sayer(CHECKS)
_about = Sayer(FINDINGS)


# Which model describes the mapping at a path (list indexes left out).
_MODEL_AT: dict[tuple[str, ...], type[Any]] = {
    (): Scenario,
    ("organisation",): Organisation,
    ("personas",): Persona,
    ("injects",): Inject,
    ("injects", "after"): Trigger,
    ("injects", "expect"): Expectation,
    ("injects", "expect", "forbid"): Forbidden,
    ("injects", "variants"): Variant,
    ("injects", "story"): Story,
    ("injects", "call"): Call,
    ("injects", "call", "questions"): Question,
    ("objectives",): Objective,
    ("noise",): NoiseStream,
    ("noise", "authors"): NoiseAuthors,
    ("noise", "rate"): RatePoint,
    ("noise", "burst"): Burst,
    ("noise", "burst", "when"): Trigger,
    ("noise", "texts"): NoiseCategory,
    ("variables",): VariableStep,
    ("variables", "after"): Trigger,
    ("scoring",): Scoring,
    ("guidelines",): Guidelines,
    ("guidelines", "forbid"): Forbidden,
    ("team",): TeamSpec,
    ("team", "roles"): RoleSpec,
    ("reactions",): Reactions,
}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUOTED = "{" + QUOTE + "}"  # as a planner writes it
# Pydantic names the branch of a union in its error paths: of the noise 'authors', and of
# each entry of a 'require' list. These labels are not in the file, and 'personas' would
# otherwise be mistaken for the top-level section.
_UNION_TAGS = {
    "authors": ("generated", "personas"),
    "require": ("phrase", "alternatives"),
    "variables": ("value", "steps"),
}


def data_path(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """A pydantic error path as a path into the file's data, union-branch labels left out."""
    out: list[str | int] = []
    for part in loc:
        if part in NOISE_UNION_TAGS:
            continue
        # The label follows the union's key ('authors'), its index in a list ('require'), or
        # a name in a mapping of unions ('variables').
        keyed = len(out) > 1 and (isinstance(out[-1], int) or out[-2] == "variables")
        owner = out[-2] if keyed else (out[-1] if out else "")
        if part in _UNION_TAGS.get(str(owner), ()):
            continue
        out.append(part)
    return tuple(out)


class Reporter:
    """Collects findings for one file, locating data paths in its node graph."""

    def __init__(self, path: str, root: yaml.Node, text: str = "") -> None:
        self.path = path
        self.root = root
        self.text = text
        self.findings: list[Finding] = []
        # After a lenient rebuild, list positions in the model differ from the file's.
        self.index_map: dict[str, list[int]] = {}
        self.values = ValuePositions(text)
        self.stopped = False

    @property
    def full(self) -> bool:
        """True once ``MAX_FINDINGS`` findings are collected: later checks can be skipped."""
        return len(self.findings) >= MAX_FINDINGS

    def add(
        self,
        loc: Sequence[str | int],
        message: Said,
        severity: Severity = "error",
        *,
        key: bool = False,
        column_offset: int | None = None,
    ) -> None:
        """Record a finding at the node found by ``loc``.

        After ``MAX_FINDINGS`` the file is not worth checking further: one last finding
        says so, and the rest are dropped unlocated (a 10 MB file could give millions).
        """
        if self.full:
            if not self.stopped:
                self.stopped = True
                # Without a line, it is listed first: the counts that follow are partial.
                self.findings.append(stopped_finding(self.path))
            return
        if len(loc) > 1 and isinstance(loc[1], int) and loc[0] in self.index_map:
            loc = (loc[0], self.index_map[str(loc[0])][loc[1]], *loc[2:])
        node = locate(self.root, loc, key=key)
        # Offset 0 too: a block scalar's first character is a line below its '|'.
        if column_offset is None:
            line, column = position(node)
        else:
            line, column = self.values.position(node, column_offset)
        self.findings.append(Finding(self.path, line, column, severity, message))


# ---------------------------------------------------------------------------------------
# Shape and type errors, translated from pydantic


def report_validation_error(err: ValidationError, data: Any, rep: Reporter) -> None:
    """Turn each pydantic error into a located finding a planner can act on."""
    for error in err.errors(include_url=False):
        if rep.stopped:
            return
        loc = data_path(error["loc"])
        error = {**error, "loc": loc}
        kind = error["type"]
        if len(loc) > 1 and loc[-1] == "[key]":  # a bad mapping key: point at the key itself
            loc = loc[:-1]
            error = {**error, "loc": loc}
            rep.add(loc, _describe(error, of_key=True), key=True)
        elif kind == "invalid_key":  # a key YAML read as null, a number or true/false
            rep.add(loc, said("key.not_text", got=_type_name(error.get("input"))), key=True)
        # A key the section does not have; the team's sections are dataclasses, for which
        # pydantic names it an unexpected keyword argument.
        elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
            rep.add(loc, _unknown_key_message(loc, data), key=True)
        elif kind == "missing":
            rep.add(loc, _missing_message(loc, data))
        else:
            rep.add(loc, _describe(error))


def _field_names(model: type[Any]) -> list[str]:
    if dataclasses.is_dataclass(model):
        return [f.name for f in dataclasses.fields(model)]
    fields: dict[str, Any] = model.model_fields
    return [f.alias or name for name, f in fields.items()]


def _model_for(loc: Sequence[str | int]) -> type[Any] | None:
    shape = tuple(p for p in data_path(loc) if isinstance(p, str))
    return _MODEL_AT.get(shape)


def _unknown_key_message(loc: Sequence[str | int], data: Any = None) -> Said:
    key = str(loc[-1])
    model = _model_for(loc[:-1])
    allowed = _field_names(model) if model else []
    guess = closest(key, allowed)
    return said(
        "key.unknown",
        name=key,
        where=_where(loc[:-1], data),
        hint=said("hint.mean", guess=guess) if guess else "",
        allowed=", ".join(allowed),
    )


def _missing_message(loc: Sequence[str | int], data: Any) -> Said:
    if loc == ("format",):
        return said("key.missing.format")
    return said("key.missing", field=str(loc[-1]), where=_where(loc[:-1], data))


# What the items of each list section are called in a finding's " in ..." clause.
_NOUNS = {
    "injects": "noun.inject",
    "personas": "noun.persona",
    "noise": "noun.noise",
    "expect": "noun.expectation",
    "rate": "noun.rate",
}


def _noun(section: str) -> Said | str:
    """The name of an item of ``section``; a section without one is named as written."""
    return said(_NOUNS[section]) if section in _NOUNS else section


def _where(loc: Sequence[str | int], data: Any = None) -> Said | str:
    """' in inject 'press-1'' style context, from the nearest item with an id; '' when
    there is none.

    A key below that item names both, as in " in 'after' of inject 'press-1'".
    """
    loc = data_path(loc)
    node = data
    label: Said | None = None
    section: str | None = None
    owner: str | None = None  # the section the labelled item is listed in
    for part in loc:
        try:
            node = node[part] if node is not None else None
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(part, str):
            section = part
        else:
            label, owner = said("label.number", number=part + 1), section
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            label, owner = said("label.id", id=node["id"]), section
    if not section:
        return ""
    if label is None:
        return said("where.section", section=section)
    if owner == section:
        return said("where.item", noun=_noun(section), label=label)
    return said("where.inside", section=section, noun=_noun(owner or ""), label=label)


def _type_name(value: Any) -> Said:
    if value is None:
        return said("type.none")
    if isinstance(value, bool):
        return said("type.bool", value=str(value).lower())
    if isinstance(value, int | float):
        return said("type.number", value=value)
    if isinstance(value, str):
        return said("type.text", text=value) if len(value) <= 40 else said("type.long_text")
    if isinstance(value, list):
        return said("type.list")
    if isinstance(value, dict):
        return said("type.mapping")
    return said("type.other", name=type(value).__name__)


# The pydantic error types whose message is "<field> must ...": said of a mapping's key,
# their subject is "key" instead of the field's name.
_TYPE_KEYS = {
    "string_type": "must.text",
    "str_type": "must.text",
    "int_type": "must.whole_number",
    "int_parsing": "must.whole_number",
    "int_from_float": "must.whole_number",
    "finite_number": "must.finite",
    "float_type": "must.number",
    "float_parsing": "must.number",
    "bool_type": "must.bool",
    "bool_parsing": "must.bool",
    "list_type": "must.list",
    "tuple_type": "must.list",
    "dict_type": "must.mapping",
    "model_type": "must.mapping",
    "model_attributes_type": "must.mapping",
    "datetime_parsing": "must.datetime",
    "datetime_type": "must.datetime",
    "datetime_from_date_parsing": "must.datetime",
    "union_tag_invalid": "must.authors",
}
_BOUNDS = {
    "greater_than_equal": ("must.at_least", "ge"),
    "greater_than": ("must.more_than", "gt"),
    "less_than_equal": ("must.at_most", "le"),
}


def _describe(error: Any, *, of_key: bool = False) -> Said:
    """A pydantic error as a planner reads it; ``of_key`` when it is about a mapping's key
    rather than its value (the key is then the subject: "key must be text")."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    field = next((str(p) for p in reversed(data_path(error["loc"])) if isinstance(p, str)), "value")
    got = _type_name(value)
    subject: Said | str = said("field.key") if of_key else field
    if kind == "value_error":
        return _about("about", field=field, message=said_of(ctx.get("error", error["msg"])))
    if field == "format" and kind in ("literal_error", "int_parsing_size"):
        return said("format", got=got)
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "").replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        guess = closest(value, options) if isinstance(value, str) else None
        hint = said("hint.suggest", guess=guess) if guess else ""
        return said("enum", field=subject, options=", ".join(options), got=got, hint=hint)
    if kind in _TYPE_KEYS:
        return said(_TYPE_KEYS[kind], field=subject, got=got)
    if kind in _BOUNDS:
        key, bound = _BOUNDS[kind]
        return said(key, field=subject, limit=ctx.get(bound), value=str(value))
    if kind == "string_too_short":
        if "story" in error["loc"]:  # a key the story cannot do without: no "remove it"
            return said("story.about.empty" if field == "about" else "story.empty", field=field)
        return said("empty", field=field)
    if kind == "string_too_long":
        return said(
            "too_long.text", field=field, limit=ctx.get("max_length", 0), count=len(value or "")
        )
    if kind == "too_long":
        return said(
            "too_long.list", field=field, limit=ctx.get("max_length", 0), count=len(value or ())
        )
    if kind == "too_short":
        return said("too_short", field=field, limit=ctx.get("min_length", 1))
    if kind == "timezone_aware":
        return said("must.timezone", field=field)
    # A rule pydantic checks that no entry above says: its own (English) words.
    return _about("about", field=field, message=said_of(error["msg"]))


# ---------------------------------------------------------------------------------------
# Rules between fields


@dataclass(frozen=True, slots=True)
class Partial:
    """What a lenient rebuild left out, so that the rules do not report it twice."""

    persona_ids: frozenset[str]
    inject_ids: frozenset[str]
    duration_known: bool
    variables_known: bool
    # False when the whole 'personas' section was unusable: no persona reference can then
    # be judged, and reporting each one would bury the one real error.
    personas_known: bool = True
    objectives_known: bool = True
    start_known: bool = True


_SECTIONS = ("personas", "injects", "noise")
_PLACEHOLDERS: dict[str, Any] = {
    "format": 1,
    "id": "scenario",
    "title": "untitled",
    "duration": limits.MAX_DURATION,
}


def lenient_scenario(
    data: dict[str, Any], err: ValidationError, rep: Reporter
) -> tuple[Scenario, Partial] | None:
    """The scenario without the parts that failed their shape checks, so that the rules
    between fields can still report on the rest in the same run."""
    bad_items: dict[str, set[int]] = {s: set() for s in _SECTIONS}
    bad_fields: set[str] = set()
    for error in err.errors(include_url=False):
        loc = error["loc"]
        if not loc:
            return None
        if loc[0] in _SECTIONS and len(loc) > 1 and isinstance(loc[1], int):
            bad_items[str(loc[0])].add(loc[1])
        else:
            bad_fields.add(str(loc[0]))
    pruned = {k: v for k, v in data.items() if k not in bad_fields}
    for field in bad_fields & _PLACEHOLDERS.keys():
        pruned[field] = _PLACEHOLDERS[field]
    dropped: dict[str, set[str]] = {s: set() for s in _SECTIONS}
    for section in _SECTIONS:
        items = pruned.get(section)
        if not isinstance(items, list):
            continue
        keep = [k for k in range(len(items)) if k not in bad_items[section]]
        dropped[section] = {
            items[k]["id"]
            for k in bad_items[section]
            if isinstance(items[k], dict) and isinstance(items[k].get("id"), str)
        }
        pruned[section] = [items[k] for k in keep]
        rep.index_map[section] = keep
    try:
        scenario = Scenario.model_validate(pruned)
    except ValidationError:
        rep.index_map.clear()
        return None
    return scenario, Partial(
        frozenset(dropped["personas"]),
        frozenset(dropped["injects"]),
        "duration" not in bad_fields,
        "variables" not in bad_fields,
        "personas" not in bad_fields,
        "objectives" not in bad_fields,
        "start" not in bad_fields,
    )


def check_scenario(sc: Scenario, rep: Reporter, partial: Partial | None = None) -> None:
    """Every cross-field rule of format 1; findings go to ``rep``.

    With ``partial``, the scenario is what was left after shape errors: references to the
    parts left out are taken as valid, and whole-scenario warnings are not given.
    """
    if sc.duration <= 0:
        rep.add(("duration",), said("duration.zero"))
    # Rules against the duration wait for a duration that is the author's own.
    duration_known = partial is None or partial.duration_known
    if duration_known:
        _check_deadlines(sc, rep)
    _check_total_rate(sc, rep)
    _check_variables(sc, rep)
    _check_platforms(sc, rep)
    if sc.staffed is not None and sc.staffed.opens == sc.staffed.closes:
        rep.add(("staffed", "to"), said("staffed.same", time=sc.staffed.closes))
    persona_ids = _unique_ids(rep, "personas", [p.id for p in sc.personas], "noun.persona")
    if partial is not None:
        persona_ids |= partial.persona_ids
    check_personas = partial is None or partial.personas_known
    item_ids = [i.id for i in sc.injects] + [n.id for n in sc.noise]
    _unique_ids(
        rep,
        "injects",
        item_ids,
        "noun.item",
        locs=[("injects", k, "id") for k in range(len(sc.injects))]
        + [("noise", k, "id") for k in range(len(sc.noise))],
    )
    inject_by_id = {i.id: i for i in sc.injects}
    noise_ids = {n.id for n in sc.noise}
    _check_variable_steps(sc, rep, inject_by_id, noise_ids)
    used_personas: set[str] = set()
    skipped = partial.inject_ids if partial else frozenset()
    for k, inj in enumerate(sc.injects):
        used_personas.add(inj.from_)
        used_personas.update(v.from_ for v in inj.variants if v.from_ is not None)
        _check_inject(
            sc,
            rep,
            k,
            inj,
            duration_known,
            persona_ids if check_personas else None,
            inject_by_id,
            noise_ids,
            skipped,
        )
    _check_day_deadlines(sc, rep, partial)
    for k, stream in enumerate(sc.noise):
        if isinstance(stream.authors, list):
            used_personas.update(stream.authors)
        _check_noise(sc, rep, k, stream, persona_ids if check_personas else None)
        _check_placed(sc, rep, ("noise", k), stream.platform, stream.effective_channel)
        _check_bursts(rep, k, stream, inject_by_id, noise_ids, skipped)
        _check_noise_limits(rep, k, stream, inject_by_id, noise_ids, skipped)
    _check_objectives(sc, rep, partial)
    _check_team(sc, rep)
    _check_reactions(sc, rep, duration_known)
    _check_cycles(sc, rep)
    if partial is None or partial.variables_known:
        _check_templates(sc, rep)
    if partial is not None:
        return  # the warnings below need the whole scenario
    _check_reachability(sc, rep)
    for k, persona in enumerate(sc.personas):
        if persona.id not in used_personas:
            rep.add(
                ("personas", k, "id"),
                said("persona.unused", persona=persona.id),
                "warning",
            )


def _check_variable_steps(
    sc: Scenario, rep: Reporter, inject_by_id: dict[str, Inject], noise_ids: set[str]
) -> None:
    """A moving variable starts with its value at 0m; each later value comes at a time or
    after something happens to an inject that exists."""
    for name, spec in sc.variable_specs.items():
        if isinstance(spec, str):
            continue
        for s, step in enumerate(spec):
            here = ("variables", name, s)
            if s == 0:
                if step.at != 0 or step.after is not None:
                    rep.add(here, said("variable.first", name=name))
                continue
            if (step.at is None) == (step.after is None):
                rep.add(here, said("variable.when", name=name))
            elif step.after is not None:
                _check_reference(rep, (*here, "after"), step.after, inject_by_id, noise_ids)


def _check_variables(sc: Scenario, rep: Reporter) -> None:
    for name in sc.variables:
        if name in RESERVED_NAMES:
            rep.add(
                ("variables", name),
                said("variable.reserved", name=name),
                key=True,
            )
        elif len(name) > limits.MAX_ID:
            rep.add(
                ("variables", name),
                said("variable.too_long", limit=limits.MAX_ID, count=len(name)),
                key=True,
            )
        elif not _IDENTIFIER.fullmatch(name):
            rep.add(
                ("variables", name),
                said("variable.name", name=name),
                key=True,
            )


def _unique_ids(
    rep: Reporter,
    section: str,
    ids: list[str],
    noun: str,
    locs: Sequence[tuple[str | int, ...]] | None = None,
) -> set[str]:
    first: dict[str, int] = {}
    for k, ident in enumerate(ids):
        loc = locs[k] if locs else (section, k, "id")
        if ident in first:
            line = position(
                locate(rep.root, locs[first[ident]] if locs else (section, first[ident], "id"))
            )[0]
            rep.add(
                loc,
                said("id.duplicate", noun=said(noun), id=ident, line=line),
            )
        else:
            first[ident] = k
    return set(first)


def _suggest(value: str, options: Sequence[str]) -> Said | str:
    """The clause "; did you mean 'x'?" when a close option is found, else ''."""
    guess = closest(value, options)
    return said("hint.suggest", guess=guess) if guess else ""


def _check_inject(
    sc: Scenario,
    rep: Reporter,
    k: int,
    inj: Inject,
    duration_known: bool,
    persona_ids: set[str] | None,
    inject_by_id: dict[str, Inject],
    noise_ids: set[str],
    skipped: frozenset[str],
) -> None:
    """``persona_ids`` is None when the personas are unknown, so 'from' is not checked."""
    here = ("injects", k)
    _check_persona(rep, (*here, "from"), inj.from_, persona_ids)
    stem, _, number = inj.id.rpartition("-")
    if number.isdigit() and stem in noise_ids:
        rep.add(
            (*here, "id"),
            said("id.clashes_noise", id=inj.id, stream=stem),
        )
    if inj.at is not None and inj.after is not None:
        rep.add((*here, "after"), said("time.both"), key=True)
    elif inj.at is None and inj.after is None:
        rep.add((*here, "id"), said("time.none", id=inj.id))
    if inj.delay is not None and inj.after is None:
        rep.add(
            (*here, "delay"),
            said("delay.without_after"),
            key=True,
        )
    if inj.at is not None and inj.at > sc.duration and duration_known:
        rep.add(
            (*here, "at"),
            said("at.after_end", at=format_offset(inj.at), duration=format_duration(sc.duration)),
        )
    if inj.after is not None and inj.after.ref not in skipped:
        _check_trigger(rep, here, inj, inject_by_id, noise_ids)
    if inj.reply_to is not None and inj.reply_to not in skipped:
        if inj.reply_to == inj.id:
            rep.add((*here, "reply_to"), said("reply.self"))
        elif inj.reply_to not in inject_by_id:
            rep.add(
                (*here, "reply_to"),
                said(
                    "reply.unknown",
                    ref=inj.reply_to,
                    hint=_suggest(inj.reply_to, list(inject_by_id)),
                ),
            )
    _check_variants(rep, here, inj, persona_ids, inject_by_id)
    _check_story(rep, here, inj)
    _check_placed(sc, rep, here, inj.platform, inj.effective_channel)
    _check_platform_actions(sc, rep, here, inj)
    _check_call(rep, here, inj, inject_by_id)
    for e, exp in enumerate(inj.expect):
        _check_restraint(rep, (*here, "expect", e), exp)
        if "take" in exp.do and inj.kind != "call":
            rep.add((*here, "expect", e, "do"), said("take.not_call", id=inj.id, kind=inj.kind))
        if "flag" in exp.do and exp.label is None:
            rep.add(
                (*here, "expect", e, "do"),
                said("flag.label"),
            )
        if exp.label is not None and "flag" not in exp.do and "any" not in exp.do:
            rep.add(
                (*here, "expect", e, "label"),
                said("label.unused"),
                "warning",
                key=True,
            )
        if exp.within is not None and exp.deadline is not None:
            rep.add((*here, "expect", e, "deadline"), said("deadline.and_within"), key=True)
        if exp.within is not None and exp.within <= 0:
            rep.add((*here, "expect", e, "within"), said("within.zero"))
        elif exp.within is not None and duration_known and exp.within > _latest_deadline(sc):
            rep.add((*here, "expect", e, "within"), _deadline_message(said("what.within"), sc))


_NOT_ON_ITEMS = (Action.STATEMENT, Action.HANDOVER, Action.TAKE)
#: How a message says where an item is, by the owner of its platform.
_OWNER_WORDS = {
    Owner.OWN: "platform.owner.own",
    Owner.OTHERS: "platform.owner.others",
    Owner.NEWSPAPER: "platform.owner.newspaper",
    NOWHERE: "platform.owner.none",
}


def _check_platforms(sc: Scenario, rep: Reporter) -> None:
    """Platform ids once each, and one default at most."""
    _unique_ids(rep, "platforms", [p.id for p in sc.platforms], "noun.platform")
    defaults = [k for k, p in enumerate(sc.platforms) if p.default]
    for k in defaults[1:]:
        rep.add(
            ("platforms", k, "default"),
            said("platform.defaults", first=sc.platforms[defaults[0]].id),
        )


def _check_placed(
    sc: Scenario, rep: Reporter, here: tuple[str | int, ...], platform: str | None, channel: str
) -> None:
    """An item's ``platform`` is one of the scenario's, and the item is one that appears on
    a platform: a social post or a news story."""
    if platform is None:
        return
    if platform not in sc.platform_by_id:
        known = list(sc.platform_by_id)
        rep.add(
            (*here, "platform"),
            said(
                "platform.unknown",
                ref=platform,
                known=", ".join(known) or "—",
                hint=_suggest(platform, known),
            ),
        )
    elif channel not in BUILT_IN:
        rep.add((*here, "platform"), said("platform.channel", channel=channel))


def _check_platform_actions(
    sc: Scenario, rep: Reporter, here: tuple[str | int, ...], inj: Inject
) -> None:
    """No expectation asks for what the inject's platform does not let the team do: a hide
    of someone else's post, a report of a comment on the organisation's own page."""
    channel = inj.effective_channel
    placed = sc.platform_for(inj.platform, channel)
    if placed is not None and placed not in sc.platform_by_id:
        return  # an unknown platform is told of once, above
    owner = sc.owner_of(placed, channel)
    for e, exp in enumerate(inj.expect):
        refused = [a for a in exp.do if not allows(a, owner)]
        if refused:
            # What the team can do to the item itself (a statement or a handover is not).
            allowed = [a for a in EXPECTABLE if a not in _NOT_ON_ITEMS and allows(a, owner)]
            rep.add(
                (*here, "expect", e, "do"),
                said(
                    "platform.expect",
                    actions=", ".join(refused),
                    where=said(_OWNER_WORDS[owner or NOWHERE]),
                    allowed=", ".join(allowed),
                ),
                # Among other actions that can meet it, one that cannot is dead weight; alone,
                # the expectation could never be met.
                "warning" if len(refused) < len(exp.do) else "error",
            )


def _check_persona(
    rep: Reporter, loc: tuple[str | int, ...], persona: str, persona_ids: set[str] | None
) -> None:
    """'from' names a persona that exists (not checked when the personas are unknown)."""
    if persona_ids is not None and persona not in persona_ids:
        rep.add(
            loc,
            said("from.undefined", persona=persona, hint=_suggest(persona, sorted(persona_ids))),
        )


def _check_variants(
    rep: Reporter,
    here: tuple[str | int, ...],
    inj: Inject,
    persona_ids: set[str] | None,
    inject_by_id: dict[str, Inject],
) -> None:
    """A rumour's variants: only a misleading inject changes as it spreads; each comes
    after it, from a persona that exists, under an id no inject has."""
    if inj.variants and inj.truth != "misleading":
        rep.add((*here, "variants"), said("variants.not_rumour", id=inj.id), key=True)
    for v, variant in enumerate(inj.variants):
        where = (*here, "variants", v)
        if variant.from_ is not None:
            _check_persona(rep, (*where, "from"), variant.from_, persona_ids)
        if variant.after <= 0:
            rep.add((*where, "after"), said("variants.after_zero"))
        item = variant_id(inj.id, v)
        if item in inject_by_id:
            rep.add(where, said("variants.id_taken", item=item, id=inj.id))


def _check_story(rep: Reporter, here: tuple[str | int, ...], inj: Inject) -> None:
    """A story gives the inject's text, and its phrases of the topic say something."""
    story = inj.story
    if story is None:
        return
    if inj.text is not None:
        rep.add((*here, "text"), said("story.and_text", id=inj.id), key=True)
    for a, phrase in enumerate(story.about):
        if not phrase.strip():
            loc = (*here, "story", "about")
            rep.add((*loc, a) if len(story.about) > 1 else loc, said("story.about.blank"))
    for key in ("quoted", "silent"):
        if not getattr(story, key).strip():
            rep.add((*here, "story", key), said("story.empty", field=key))


def _check_call(
    rep: Reporter, here: tuple[str | int, ...], inj: Inject, inject_by_id: dict[str, Inject]
) -> None:
    """A call rings and lasts a while, its journalist asks within the call, under ids no
    inject has; only a call has a ``call`` block, and a call has no variants."""
    call = inj.call
    if inj.kind != "call":
        if call is not None:
            rep.add((*here, "call"), said("call.not_call", id=inj.id, kind=inj.kind), key=True)
        return
    if inj.variants:
        rep.add((*here, "variants"), said("call.variants", id=inj.id), key=True)
    if call is None:
        return
    for field in ("ring", "lasts"):
        if getattr(call, field) == 0:
            rep.add((*here, "call", field), said("call.zero", field=field))
    for q, question in enumerate(call.questions):
        where = (*here, "call", "questions", q)
        if call.lasts > 0 and question.after >= call.lasts:
            rep.add(
                (*where, "after"),
                said(
                    "call.question_late",
                    after=format_duration(question.after),
                    lasts=format_duration(call.lasts),
                ),
            )
        item = question_id(inj.id, q)
        if item in inject_by_id:
            rep.add(where, said("call.id_taken", item=item, id=inj.id))


def _check_day_deadlines(sc: Scenario, rep: Reporter, partial: Partial | None) -> None:
    """A deadline given as a time of day needs the scenario's start, and must come after
    the inject can first arrive: a journalist's deadline that has passed is no deadline."""
    if partial is not None and not partial.start_known:
        return  # the start is wrong: said once, where it is written
    times: dict[str, int | None] | None = None
    for k, inj in enumerate(sc.injects):
        for e, exp in enumerate(inj.expect):
            if exp.deadline is None:
                continue
            loc = ("injects", k, "expect", e, "deadline")
            if sc.start is None:
                rep.add(loc, said("deadline.no_start", deadline=exp.deadline))
                continue
            times = earliest_times(sc) if times is None else times
            arrives = times.get(inj.id)
            due = day_time_offset(sc, exp.deadline)
            if arrives is not None and due <= arrives:
                rep.add(
                    loc,
                    said(
                        "deadline.passed",
                        deadline=exp.deadline,
                        due=format_offset(due),
                        arrives=format_offset(arrives),
                        clock=day_clock(sc.day_start, arrives),
                    ),
                )


def _check_restraint(rep: Reporter, here: tuple[str | int, ...], exp: Expectation) -> None:
    """``do: monitor`` stands alone, and what judges an answer means nothing to it."""
    if not exp.monitor:
        return
    others = [d for d in exp.do if d != MONITOR]
    if others:
        rep.add((*here, "do"), said("monitor.alone", others=", ".join(others)))
    for key in ("label", "mention", "require", "forbid"):
        if getattr(exp, key):
            rep.add((*here, key), said("monitor.unused", field=key), "warning", key=True)


def _check_objectives(sc: Scenario, rep: Reporter, partial: Partial | None) -> None:
    """Objective ids are unique; each expectation's objective is one of them; each objective
    is evaluated by some expectation (a warning: it can still be rated by hand)."""
    defined = _unique_ids(rep, "objectives", [o.id for o in sc.objectives], "noun.objective")
    used: set[str] = set()
    for k, inj in enumerate(sc.injects):
        for e, exp in enumerate(inj.expect):
            if exp.objective is None:
                continue
            used.add(exp.objective)
            if exp.objective in defined:
                continue
            if partial is not None and not partial.objectives_known:
                continue
            message = (
                said(
                    "objective.unknown",
                    objective=exp.objective,
                    hint=_suggest(exp.objective, sorted(defined)),
                )
                if defined
                else said("objective.none", objective=exp.objective)
            )
            rep.add(("injects", k, "expect", e, "objective"), message)
    if partial is not None:
        return  # an expectation left out may be the one that evaluates it
    seen: set[str] = set()  # a repeated id is told once, as a repeat
    for k, objective in enumerate(sc.objectives):
        if objective.id not in used and objective.id not in seen:
            rep.add(
                ("objectives", k, "id"),
                said("objective.unused", objective=objective.id),
                "warning",
            )
        seen.add(objective.id)


def _check_team(sc: Scenario, rep: Reporter) -> None:
    """A team exercise has at least one seat, each role once, and a leader to approve when
    approval is required."""
    team = sc.team
    if "team" not in sc.model_fields_set:
        return  # the defaults: all three roles, no approval
    if not team.roles:
        rep.add(
            ("team", "roles"),
            said("team.roles.empty", roles=", ".join(TeamRole)),
        )
        return
    first: dict[str, int] = {}
    for k, spec in enumerate(team.roles):
        if spec.role in first:
            line = position(locate(rep.root, ("team", "roles", first[spec.role])))[0]
            rep.add(("team", "roles", k), said("team.role.twice", role=spec.role, line=line))
        else:
            first[spec.role] = k
    if team.approval == Approval.REQUIRED and not team.has(TeamRole.LEADER):
        rep.add(("team", "approval"), said("team.approval.leader"))


def _check_reactions(sc: Scenario, rep: Reporter, duration_known: bool) -> None:
    """The public's reactions come some time after a post, and within the exercise."""
    within = sc.reactions.within
    if within <= 0:
        rep.add(("reactions", "within"), said("reactions.within.zero"))
    elif duration_known and within > sc.duration and "within" in sc.reactions.model_fields_set:
        rep.add(
            ("reactions", "within"),
            said(
                "reactions.within.long",
                within=format_duration(within),
                duration=format_duration(sc.duration),
            ),
            "warning",
        )


def _latest_deadline(sc: Scenario) -> int:
    return sc.duration + limits.DEADLINE_SLACK


def _deadline_message(what: Said, sc: Scenario) -> Said:
    return said("deadline.late", what=what, latest=format_duration(_latest_deadline(sc)))


def _check_deadlines(sc: Scenario, rep: Reporter) -> None:
    for key, seconds in sc.scoring.deadlines.items():
        if seconds > _latest_deadline(sc):
            what = said("what.deadline", kind=key)
            rep.add(("scoring", "deadlines", key), _deadline_message(what, sc))
    first = sc.scoring.first_statement
    if first is not None and first > _latest_deadline(sc):
        what = said("what.first_statement")
        rep.add(("scoring", "first_statement"), _deadline_message(what, sc))


def _check_total_rate(sc: Scenario, rep: Reporter) -> None:
    """All noise streams together stay within the rate limit, so a session stays bounded."""
    total = 0.0
    for k, stream in enumerate(sc.noise):
        r, peak = max(enumerate(p.per_minute for p in stream.rate), key=lambda x: x[1])
        # Its bursts may all come at once, at its busiest moment.
        total += peak * limits.burst_multiplier(b.factor for b in stream.burst)
        if total > limits.MAX_RATE:
            rep.add(
                ("noise", k, "rate", r, "per_minute"),
                said("rate.total", total=total, limit=limits.MAX_RATE),
            )
            return


def _check_trigger(
    rep: Reporter,
    here: tuple[str, int],
    inj: Inject,
    inject_by_id: dict[str, Inject],
    noise_ids: set[str],
) -> None:
    assert inj.after is not None
    _check_reference(rep, (*here, "after"), inj.after, inject_by_id, noise_ids)


def _check_reference(
    rep: Reporter,
    here: tuple[str | int, ...],
    trigger: Trigger,
    inject_by_id: dict[str, Inject],
    noise_ids: set[str],
    field: str = "after",
) -> None:
    """A trigger (``after``, a burst's ``when``, a noise text's ``while``/``until``:
    ``field``) names an inject that exists and, for met or missed, has expectations."""
    given = [c for c in CONDITIONS if getattr(trigger, c) is not None]
    if len(given) != 1:
        rep.add(here, said("after.one", example="after: {met: press-1}"))
        return
    cond, ref = given[0], trigger.ref
    loc = (*here, cond)
    target = inject_by_id.get(ref)
    if target is None:
        why = said("hint.noise") if ref in noise_ids else _suggest(ref, list(inject_by_id))
        if field == "after":
            rep.add(loc, said("after.unknown", ref=ref, why=why))
        else:
            rep.add(loc, said("condition.unknown", field=field, ref=ref, why=why))
    elif cond in ("met", "missed") and not target.expect:
        rep.add(loc, said("after.no_expect", cond=cond, ref=ref))
    elif cond == "unanswered" and target.kind != "call":
        rep.add(loc, said("after.not_call", ref=ref, kind=target.kind))


def _check_bursts(
    rep: Reporter,
    k: int,
    stream: NoiseStream,
    inject_by_id: dict[str, Inject],
    noise_ids: set[str],
    skipped: frozenset[str],
) -> None:
    """What each burst of a stream waits on."""
    for b, burst in enumerate(stream.burst):
        if burst.when.ref not in skipped:
            here = ("noise", k, "burst", b, "when")
            _check_reference(rep, here, burst.when, inject_by_id, noise_ids, field="when")


def _check_noise_limits(
    rep: Reporter,
    k: int,
    stream: NoiseStream,
    inject_by_id: dict[str, Inject],
    noise_ids: set[str],
    skipped: frozenset[str],
) -> None:
    """The ``while`` and ``until`` of a stream's categories and texts name injects."""
    for key, texts in stream.texts.items():
        here: tuple[str | int, ...] = ("noise", k, "texts", key)
        limited: list[tuple[tuple[str | int, ...], Any]] = []
        if isinstance(texts, NoiseCategory):
            limited.append((here, texts))
            here, texts = (*here, "texts"), texts.texts
        limited += [((*here, t), e) for t, e in enumerate(texts) if isinstance(e, NoiseText)]
        for loc, item in limited:
            for name, trigger in (("while", item.while_), ("until", item.until)):
                if trigger is not None and trigger.ref not in skipped:
                    _check_reference(
                        rep, (*loc, name), trigger, inject_by_id, noise_ids, field=name
                    )


def _check_roles(
    sc: Scenario, rep: Reporter, k: int, stream: NoiseStream, persona_ids: set[str] | None
) -> None:
    """Each weighted category has a text some author of the stream may post (a warning:
    its items are then not posted)."""
    if isinstance(stream.authors, list):
        if persona_ids is None:
            return
        by_id = {p.id: p.role for p in sc.personas}
        roles = {by_id[a] for a in stream.authors if a in by_id}
    else:
        roles = {stream.authors.role}
    if not roles:
        return
    for key in stream.texts:
        entries = noise_entries(stream, key)
        if not entries or stream.mix.get(key, 0) <= 0:
            continue
        if all(e.roles is not None and not (e.roles & roles) for e in entries):
            wanted = sorted({r for e in entries for r in e.roles or ()})
            rep.add(
                ("noise", k, "texts", key),
                said(
                    "texts.no_role",
                    stream=stream.id,
                    category=key,
                    roles=", ".join(wanted),
                    authors=", ".join(sorted(roles)),
                ),
                "warning",
                key=True,
            )


def _check_noise(
    sc: Scenario, rep: Reporter, k: int, stream: NoiseStream, persona_ids: set[str] | None
) -> None:
    """``persona_ids`` is None when the personas are unknown, so authors are not checked."""
    here = ("noise", k)
    if isinstance(stream.authors, list):
        for a, pid in enumerate(stream.authors):
            if persona_ids is not None and pid not in persona_ids:
                rep.add(
                    (*here, "authors", a),
                    said("author.unknown", author=pid, hint=_suggest(pid, sorted(persona_ids))),
                )
        if not stream.authors:
            rep.add(
                (*here, "authors"),
                said("authors.empty", example="{role: citizen, count: 50}"),
            )
    if len(stream.rate) == 1:
        rep.add(
            (*here, "rate"),
            said("rate.one_point"),
            "warning",
        )
    previous = -1
    for r, point in enumerate(stream.rate):
        if point.at < previous:
            rep.add(
                (*here, "rate", r, "at"),
                said("rate.order", at=format_duration(point.at)),
            )
        previous = max(previous, point.at)
    for key in stream.mix:
        if not noise_entries(stream, key):
            rep.add(
                (*here, "mix", key),
                said("mix.no_texts", category=key),
                key=True,
            )
    for key in stream.texts:
        if key not in stream.mix:
            rep.add(
                (*here, "texts", key),
                said("texts.unused", category=key),
                "warning",
                key=True,
            )
    if stream.mix and sum(stream.mix.values()) <= 0:
        rep.add((*here, "mix"), said("mix.zero"))
    _check_roles(sc, rep, k, stream, persona_ids)
    if stream.hashtags_after is not None and stream.hashtags_after >= sc.duration > 0:
        rep.add(
            (*here, "hashtags_after"),
            said(
                "hashtags.late",
                at=format_duration(stream.hashtags_after),
                end=format_duration(sc.duration),
            ),
            "warning",
        )
    _check_repeats(sc, rep, k, stream)


def _check_repeats(sc: Scenario, rep: Reporter, k: int, stream: NoiseStream) -> None:
    """Each category has enough different texts that none repeats within ten minutes at
    the stream's peak, in its biggest burst: peak rate × burst factor × the category's share
    of the mix × ten minutes."""
    total = sum(stream.mix.values())
    if len(stream.rate) < 2 or total <= 0:
        return  # no items at all: reported above
    peak = peak_rate(stream.rate, sc.duration) * stream.burst_factor
    authors = len(set(stream.authors)) if isinstance(stream.authors, list) else stream.authors.count
    for key in stream.texts:
        texts = {entry.text for entry in noise_entries(stream, key)}
        weight = stream.mix.get(key, 0)
        if not texts or weight <= 0:
            continue
        share = weight / total
        needed = math.ceil(peak * share * REPEAT_WINDOW - 1e-9)
        have = sum(text_variety(t, authors) for t in texts)
        if needed > have:
            rep.add(
                ("noise", k, "texts", key),
                said(
                    "texts.repeat",
                    category=key,
                    stream=stream.id,
                    peak=peak,
                    share=share,
                    needed=needed,
                    have=have,
                    more=needed - int(have),
                ),
                "warning",
                key=True,
            )


def _check_cycles(sc: Scenario, rep: Reporter) -> None:
    index = {inj.id: k for k, inj in enumerate(sc.injects)}
    for cycle in trigger_cycles(sc):
        first = min(cycle, key=lambda i: index[i])
        chain = " → ".join([*cycle[cycle.index(first) :], *cycle[: cycle.index(first)], first])
        rep.add(
            ("injects", index[first], "after"),
            said("after.loop", chain=chain),
        )


def _templates(sc: Scenario) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for k, inj in enumerate(sc.injects):
        if inj.text is not None:
            yield ("injects", k, "text"), inj.text
        if inj.story is not None:
            yield ("injects", k, "story", "quoted"), inj.story.quoted
            yield ("injects", k, "story", "silent"), inj.story.silent
            about = inj.story.about
            for a, phrase in enumerate(about):
                topic: tuple[str | int, ...] = ("injects", k, "story", "about")
                yield ((*topic, a) if len(about) > 1 else topic), phrase
        for v, variant in enumerate(inj.variants):
            yield ("injects", k, "variants", v, "text"), variant.text
        for q, question in enumerate(inj.call.questions if inj.call is not None else ()):
            yield ("injects", k, "call", "questions", q, "text"), question.text
        for e, exp in enumerate(inj.expect):
            for m, phrase in enumerate(exp.mention):
                loc: tuple[str | int, ...] = ("injects", k, "expect", e, "mention")
                yield ((*loc, m) if len(exp.mention) > 1 else loc), phrase
            for r, entry in enumerate(exp.require):
                loc = ("injects", k, "expect", e, "require", r)
                if isinstance(entry, str):
                    yield loc, entry
                else:
                    for a, phrase in enumerate(entry):
                        yield (*loc, a), phrase
            for f, forbidden in enumerate(exp.forbid):
                yield ("injects", k, "expect", e, "forbid", f, "text"), forbidden.text
    for k, stream in enumerate(sc.noise):
        for key in stream.texts:
            for noise in noise_entries(stream, key):
                yield ("noise", k, "texts", *noise.loc), noise.text
    for tone, texts in sc.reactions.texts.items():
        for t, text in enumerate(texts):
            yield ("reactions", "texts", str(tone), t), text


def _check_templates(sc: Scenario, rep: Reporter) -> None:
    for loc, text in _templates(sc):
        if rep.stopped:
            return
        quoting = loc[-2:] == ("story", "quoted")  # the one text '{quote}' belongs to
        plain = "{" not in text and "}" not in text
        if plain and not quoting:
            continue
        quotes, problems = _quote_problems(text, quoting=quoting)
        if not plain:
            # '{quote}' is no unknown placeholder: where it is wrong, it is told as such.
            problems += [p for p in check_template(text, sc.variables) if p[1] not in quotes]
        for message, offset in problems:
            rep.add(loc, said_of(message), column_offset=offset)
        # Only a correct template has a length once filled in.
        width = 0 if problems else limits.rendered_width(text, sc.variables)
        if width > limits.MAX_TEXT:
            rep.add(
                loc,
                said(
                    "text.too_wide",
                    width=width,
                    limit=limits.MAX_TEXT,
                    each=limits.PLACEHOLDER_WIDTH,
                ),
            )


def _quote_problems(text: str, *, quoting: bool) -> tuple[set[int], list[tuple[Said, int]]]:
    """Where a template has ``{quote}`` (offsets), and what is wrong with that, as
    check_template gives problems: a story's ``quoted`` text must have it, and no other
    text may."""
    try:
        found = {p.offset for p in placeholders(parse_template(text)) if p.name == QUOTE}
    except TemplateError:
        return set(), []  # check_template says what is wrong with it
    if quoting:
        return found, [] if found else [(said("story.quote.missing", placeholder=_QUOTED), 0)]
    return found, [
        (said("story.quote.elsewhere", placeholder=_QUOTED), offset) for offset in sorted(found)
    ]


def _check_reachability(sc: Scenario, rep: Reporter) -> None:
    times = earliest_times(sc)
    by_id = {inj.id: inj for inj in sc.injects}
    in_cycle = {i for cycle in trigger_cycles(sc) for i in cycle}
    for k, inj in enumerate(sc.injects):
        if inj.after is None or times[inj.id] is not None or inj.id in in_cycle:
            continue
        ref = by_id.get(inj.after.ref)
        if ref is None or not can_happen(inj.after.condition, ref):
            continue  # already an error
        if times.get(ref.id) is None:
            message = said("never.chain", id=inj.id, ref=ref.id)
        else:
            message = said("never.late", id=inj.id, duration=format_duration(sc.duration))
        rep.add(("injects", k, "after"), message, "warning", key=True)
