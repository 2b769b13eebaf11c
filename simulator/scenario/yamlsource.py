"""Safe YAML reading that remembers where every value came from.

PyYAML's loaders forget positions, keep the last of duplicate keys silently, and (unsafe
ones) build objects from tags. We compose the node graph with libyaml's parser, then
build plain Python values ourselves: only the core data types, duplicate keys reported,
alias expansion bounded. Positions are looked up in the node graph only when a finding
needs one, so a valid file pays nothing for them.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from simulator.files import MAX_INPUT_BYTES, FileRefused, TooLarge, read_input
from simulator.lang import Said, Sayer
from simulator.lang.source import SOURCE
from simulator.scenario.diagnostics import Finding, ScenarioError

_say = Sayer(SOURCE)

MAX_DEPTH = 64
# Values after alias expansion. A real scenario of 10,000 injects has about 200,000.
MAX_EXPANDED = 2_000_000
# Characters of text after alias expansion. A file without aliases holds at most MAX_INPUT_BYTES;
# an alias of a long text repeated thousands of times would hold gigabytes, and every
# command that shows or plays the scenario would have to work through them.
MAX_EXPANDED_CHARS = 2 * MAX_INPUT_BYTES

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCT = yaml.constructor.SafeConstructor()

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MERGE = _TAG + "timestamp", _TAG + "merge"


@dataclass(slots=True)
class YamlDocument:
    """A parsed file: its text, node graph and plain data."""

    path: str
    text: str
    root: yaml.Node
    data: Any
    findings: list[Finding]


def read_text(path: Path, display: str | None = None) -> str:
    """Read a UTF-8 text file, refusing huge or undecodable ones with a located finding.

    Anything but a regular file (a folder, a FIFO, a device) is refused unread, at 0:0.
    """
    shown = display or str(path)
    try:
        raw = read_input(path)
    except TooLarge as err:
        raise _fail(shown, 1, 1, err.said) from None
    except FileRefused as err:
        raise _fail(shown, 0, 0, err.said) from None
    return decode(raw, shown)


def decode(raw: bytes, display: str) -> str:
    """Decode UTF-8 (a BOM is allowed), or name the first bad byte's line and column."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        # The decoder reports offsets in the bytes after a BOM. Columns count characters,
        # as editors do; the bytes before the bad one are valid UTF-8.
        body = bytes(err.object)
        before = body[: err.start].decode("utf-8")
        line, column = LineIndex(before).position(len(before))
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        message = _say("not_utf8_utf16" if utf16 else "not_utf8", byte=f"{body[err.start]:02X}")
        raise _fail(display, line, column, message) from None


def parse_yaml(text: str, display: str) -> YamlDocument:
    """Parse one YAML document into plain data.

    Problems that leave usable data (a duplicate key, a refused tag) come back as the
    document's findings; ones that leave nothing to check raise ScenarioError.
    """
    # A 10 MB file is millions of nodes. Each batch of new objects starts a pass of
    # Python's cycle collector over all the objects made so far, which made parsing such
    # a file take half a minute instead of a few seconds. The collector waits until the
    # end: reference counts free almost everything, and the rare cycle (an alias inside
    # its own anchor) is collected later.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse_yaml(text, display)
    finally:
        if paused:
            gc.enable()


def _parse_yaml(text: str, display: str) -> YamlDocument:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise ScenarioError([_syntax_finding(err, text, display)]) from None
    except yaml.YAMLError as err:
        raise ScenarioError([_reader_finding(err, text, display)]) from None
    except UnicodeEncodeError as err:  # a lone surrogate: text that never came from a file
        line, column = LineIndex(text).position(err.start)
        message = _say("character_removed", code=f"{ord(text[err.start]):04X}")
        raise _fail(display, line, column, message) from None
    if root is None:
        raise _fail(display, 1, 1, _say("empty"))
    if _ODD_BREAK.search(text):
        _remark(root, LineIndex(text))
    builder = _Builder(display)
    data = builder.build(root)
    if builder.refused_tag:
        raise ScenarioError(builder.findings)  # nothing built from such a file is checked
    return YamlDocument(display, text, root, data, builder.findings)


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based line and column of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


# YAML 1.1 also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, even inside
# quotes; editors do not, so libyaml's line numbers drift below the ones the user sees.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")


class LineIndex:
    """Lines as editors count them: only \\n, \\r\\n and \\r end a line."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _EDITOR_BREAK.finditer(text))]

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index."""
        line = bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def mark(self, mark: yaml.Mark) -> yaml.Mark:
        """The same place, with the line and column an editor shows (both 0-based)."""
        line, column = self.position(mark.index)
        return yaml.Mark(mark.name, mark.index, line - 1, column - 1, None, None)  # type: ignore[arg-type]


class ValuePositions:
    """Where a character of a parsed text value stands in the file.

    Block scalars, folded lines and escapes mean the value is not the source text, but
    every character of the value that is written as itself can be found by counting: the
    k-th '{' of the value is the k-th '{' of the source, whatever came between. When the
    counts differ (the character was also written as an escape, or stands in a comment)
    only the value's start can be given. Scans are cached per text and character, so
    thousands of findings in one text cost one scan.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: LineIndex | None = None  # built for the first finding inside a text
        self._found: dict[tuple[int, str], list[int]] = {}

    def position(self, node: yaml.Node, offset: int) -> tuple[int, int]:
        """1-based line and column of character ``offset`` of a scalar's value; the
        node's own position where the character cannot be found."""
        if isinstance(node, yaml.ScalarNode):
            found = self._inside(node, offset)
            if found is not None:
                return found
        return position(node)

    def _inside(self, node: yaml.ScalarNode, offset: int) -> tuple[int, int] | None:
        value = node.value
        if not 0 <= offset < len(value):
            return None
        char = value[offset]
        start = node.start_mark.index
        key = (start, char)
        if key not in self._found:
            raw = self.text[start : node.end_mark.index]
            self._found[key] = [start + i for i, c in enumerate(raw) if c == char]
        found = self._found[key]
        if len(found) != value.count(char):
            return None
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(found[value.count(char, 0, offset)])


def _remark(root: yaml.Node, lines: LineIndex) -> None:
    """Give every node the marks an editor would, so that all findings agree with it."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias shares its anchor's node
            continue
        seen.add(id(node))
        node.start_mark = lines.mark(node.start_mark)
        node.end_mark = lines.mark(node.end_mark)
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))


def locate(root: yaml.Node, loc: Sequence[str | int], *, key: bool = False) -> yaml.Node:
    """The node at a data path such as ``('injects', 3, 'text')``.

    Path elements that do not exist in the file (a missing field, a validator's own label)
    are skipped, so the answer is the nearest node that does exist. With ``key``, a final
    mapping element gives the key's node rather than its value's.
    """
    node = root
    last = len(loc) - 1
    for i, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and _is_key(key_node, part):
                    node = key_node if (key and i == last) else value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            node = node.value[part]
    return node


def _is_key(node: yaml.ScalarNode, part: str | int) -> bool:
    """Whether a key node is the data key ``part``: a key written ``null``, ``~`` or ``1``
    is None or 1 in the data, and pydantic names such keys as 'None' and '1'."""
    if node.value == str(part):
        return True
    if node.tag == STR:
        return False
    return str(_Builder("").scalar(node)) == str(part)


def _fail(path: str, line: int, column: int, message: Said) -> ScenarioError:
    return ScenarioError([Finding(path, line, column, "error", message)])


# Fixes for what the parser found, by a phrase of its error (first match wins).
_SYNTAX_HINTS = {
    "'\\t'": "hint_tab",
    "tab character": "hint_tab",
    "mapping values are not allowed": "hint_colon",
    "did not find expected '-' indicator": "hint_dash",
    "did not find expected key": "hint_key",
    "found undefined alias": "hint_alias",
    "found duplicate anchor": "hint_anchor",
    "could not find expected ':'": "hint_key_colon",
    "expected a single document in the stream": "hint_documents",
    "but found another document": "hint_second_document",
}
# The parser's own words for the problems a scenario's author meets, said in the catalogue;
# others are shown as the parser words them.
_PROBLEMS = {
    "found a tab character that violates indentation": "problem_tab",
    "found character that cannot start any token": "problem_token",
    "mapping values are not allowed in this context": "problem_colon",
    "found unexpected end of stream": "problem_end",
    "did not find expected key": "problem_key",
    "did not find expected '-' indicator": "problem_dash",
    "could not find expected ':'": "problem_key_colon",
    "did not find expected node content": "problem_content",
    "did not find expected alphabetic or numeric character": "problem_name",
    "found undefined alias": "problem_alias",
    "found unknown escape character": "problem_escape",
    "but found another document": "problem_documents",
    "found unknown directive name": "problem_directive",
}
_CLOSE = re.compile(r"did not find expected ',' or '([]}])'")


def _problem(err: yaml.MarkedYAMLError) -> Said | str:
    """What the parser found, from the catalogue when it is listed there."""
    if (err.context or "").startswith("found duplicate anchor"):
        # The parser's problem is only "second occurrence": say what occurs twice.
        return _say("problem_anchor")
    problem = (err.problem or err.context or "").strip()
    if not problem:
        return _say("problem_invalid")
    if problem in _PROBLEMS:
        return _say(_PROBLEMS[problem])
    close = _CLOSE.fullmatch(problem)
    if close:
        return _say("problem_close", close=close.group(1))
    return problem


def _syntax_finding(err: yaml.MarkedYAMLError, text: str, display: str) -> Finding:
    mark = err.problem_mark or err.context_mark
    if (
        err.context_mark is not None
        and "while scanning a quoted scalar" in (err.context or "")
        and "end of stream" in (err.problem or "")
    ):
        # The problem is found where the text runs out, at the end of the file; the
        # mistake is the quote that opens it and is never closed, so point there. (A bad
        # escape inside the quotes keeps its own place.)
        mark = err.context_mark
    problem = (err.problem or err.context or "").strip()
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in str(err)), None)
    if hint is None and "block" in problem and "end" in problem:
        hint = "hint_block"
    if hint is None and "while scanning a quoted scalar" in (err.context or ""):
        hint = "hint_quote"
    if hint is None and mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = "hint_tab"  # libyaml says only that the character cannot start a token
    message = (
        _say("syntax_hint", problem=_problem(err), hint=_say(hint))
        if hint
        else _say("syntax", problem=_problem(err))
    )
    if mark is None:
        line, column = 1, 1
    elif _ODD_BREAK.search(text):
        line, column = LineIndex(text).position(mark.index)
    else:
        line, column = mark.line + 1, mark.column + 1
    return Finding(display, line, column, "error", message)


def _reader_finding(err: yaml.YAMLError, text: str, display: str) -> Finding:
    offset = getattr(err, "position", 0) or 0
    line, column = LineIndex(text).position(offset)
    char = getattr(err, "character", None)
    code = ord(char) if isinstance(char, str) else char
    message = (
        _say("character_refused", code=f"{code:04X}")
        if isinstance(code, int)
        else _say("control_refused")
    )
    return Finding(display, line, column, "error", message)


class _Builder:
    """Turns a node graph into plain dicts, lists and scalars, collecting findings."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.findings: list[Finding] = []
        self.built: dict[int, tuple[Any, int, int]] = {}  # value, values, characters
        self.chars = 0
        self.active: set[int] = set()
        self.expanded = 0
        self.refused_tag = False

    def error(self, node: yaml.Node, message: Said) -> None:
        line, column = position(node)
        self.findings.append(Finding(self.display, line, column, "error", message))

    def build(self, root: yaml.Node) -> Any:
        value, _size = self.node(root, 0)
        return value

    def node(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        """Build one node; returns the value and its size once aliases are expanded."""
        if isinstance(node, yaml.ScalarNode):
            self.count_chars(node, len(node.value))
            return self.scalar(node), 1
        ident = id(node)
        if ident in self.built:  # an alias: the value is shared, its size counts again
            value, size, chars = self.built[ident]
            self.expanded += size
            self.count_chars(node, chars)
            if self.expanded > MAX_EXPANDED:
                self.error(node, _say("alias_bomb", count=MAX_EXPANDED))
                raise ScenarioError(self.findings)
            return value, size
        if ident in self.active:
            self.error(node, _say("alias_recursive"))
            raise ScenarioError(self.findings)
        if depth > MAX_DEPTH:
            self.error(node, _say("too_deep", count=MAX_DEPTH))
            raise ScenarioError(self.findings)
        self.active.add(ident)
        chars_before = self.chars
        if isinstance(node, yaml.SequenceNode):
            value, size = self.sequence(node, depth)
        else:
            assert isinstance(node, yaml.MappingNode)
            value, size = self.mapping(node, depth)
        self.active.discard(ident)
        self.built[ident] = (value, size, self.chars - chars_before)
        self.expanded += 1
        return value, size

    def count_chars(self, node: yaml.Node, chars: int) -> None:
        """Add text to the expanded total; past the limit, the file is refused at once."""
        self.chars += chars
        if self.chars > MAX_EXPANDED_CHARS:
            self.error(node, _say("alias_chars", count=MAX_EXPANDED_CHARS))
            raise ScenarioError(self.findings)

    def sequence(self, node: yaml.SequenceNode, depth: int) -> tuple[list[Any], int]:
        self.check_tag(node, _TAG + "seq")
        items, size = [], 1
        for child in node.value:
            value, child_size = self.node(child, depth + 1)
            items.append(value)
            size += child_size
        return items, size

    def mapping(self, node: yaml.MappingNode, depth: int) -> tuple[dict[Any, Any], int]:
        self.check_tag(node, _TAG + "map")
        result: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        size = 1
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, _say("key_not_text"))
                continue
            if key_node.tag == MERGE:
                self.error(key_node, _say("merge_key"))
                continue
            key = self.scalar(key_node)
            if key in lines:
                self.error(key_node, _say("duplicate_key", name=key_node.value, line=lines[key]))
                continue
            lines[key] = key_node.start_mark.line + 1
            value, child_size = self.node(value_node, depth + 1)
            result[key] = value
            size += child_size + 1
        return result, size

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self.refuse_tag(node)

    def refuse_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace(_TAG, "!!")
        self.refused_tag = True
        self.error(node, _say("tag_refused", tag=tag))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == STR:
            return text
        if tag == NULL:
            return None
        if tag == BOOL:
            # YAML 1.1 also reads yes/no/on/off as booleans, which would turn the
            # language code 'no' into False. Only true/false are booleans here.
            lowered = text.lower()
            return lowered == "true" if lowered in ("true", "false") else text
        if tag in (INT, FLOAT):
            # YAML 1.1 reads 1:30 as the base-60 number 90; keep it as text so the
            # duration parser can say what it means.
            if ":" in text:
                return text
            # 0123 would be octal 83; such a value is a code or a phone number: keep it.
            # 0x10, 0b11 and 0o7 are numbers only to programmers: keep them as written
            # too, so that a duration or a count says it wants decimal digits.
            if tag == INT and not _DECIMAL.fullmatch(text):
                return text
            try:
                return (
                    _CONSTRUCT.construct_yaml_int(node)
                    if tag == INT
                    else _CONSTRUCT.construct_yaml_float(node)
                )
            except ValueError:
                self.error(node, _say("number_too_long"))
                return None
        if tag == TIMESTAMP:
            return text
        self.refuse_tag(node)
        return None
