"""The ``crisis-sim`` command.

Start-up matters: ``--help`` must not import pydantic, faker or textual, and ``validate``
must not import textual. Every command therefore imports what it needs inside its body.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import math
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from simulator import __version__
from simulator.exercise import MAX_TEAMS

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from simulator.engine.engine import Engine
    from simulator.engine.locations import Location
    from simulator.exercise.codes import CodeTable
    from simulator.exercise.database import Authority
    from simulator.exercise.folder import Exercise
    from simulator.exercise.host import Host
    from simulator.exercise.links import SeatLinks
    from simulator.exercise.web import WebAddress, WebSeats
    from simulator.lang import Catalogue, Language, Said
    from simulator.scenario.diagnostics import Finding
    from simulator.scenario.loader import LoadedScenario
    from simulator.scenario.model import Scenario
    from simulator.tui.console import ConsoleApp

# The exit statuses; the README's "Exit codes" lists them for users.
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # a bug in crisis-sim (sysexits' EX_SOFTWARE)
EXIT_IO = 74  # the file system or the output refused a read or a write (EX_IOERR)
EXIT_INTERRUPTED = 130  # ctrl+c outside the console: 128 + SIGINT, as shells report it
EXIT_BROKEN_PIPE = 141  # the reader of the output stopped early: 128 + SIGPIPE
_SQLITE_HEADER = b"SQLite format 3\x00"


def _say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may quote a file, a path or a session: shown, never obeyed.

    click strips colour codes only when output is piped; on a terminal, an escape
    sequence from a hostile file would otherwise clear the screen or retitle the window.
    """
    from simulator.scenario.diagnostics import printable

    click.echo(printable(text), err=err, nl=nl)


# What this run has heard of its language so far: ``--lang`` as the command line is read,
# the scenario's once a command has loaded one. A message given no language of its own
# (a refused -o, a full disk noticed in main()) is said in this one.
_HEARD: dict[str, str | None] = {"lang": None, "scenario": None}


def _language(language: str | None = None, scenario: str | None = None) -> Language:
    """The one rule of :func:`simulator.lang.choose_language`: ``--lang``, else the
    scenario's language, else the system's; what the run has heard fills what is not given."""
    from simulator.lang import choose_language

    return choose_language(language or _HEARD["lang"], scenario or _HEARD["scenario"])


def _asked(language: str | None) -> str | None:
    """The language asked for: the command's ``--lang``, else the one given before the
    command (``crisis-sim --lang nn replay ...``); None leaves the rest of the rule to the
    console (the scenario's language, else the system's)."""
    return language or _HEARD["lang"]


def _words(language: str | None = None, scenario: str | None = None) -> Catalogue:
    """The command line's messages, in the language :func:`_language` picks."""
    from simulator.lang import Catalogue
    from simulator.lang.cli import CLI

    return Catalogue(CLI, _language(language, scenario))


def _heard_scenario(language: str | None) -> None:
    """Remember the loaded scenario's language for the messages that follow."""
    if language:
        _HEARD["scenario"] = language


def _text(what: object, language: str | None = None) -> str:
    """A Said in the run's language (or ``language``); anything else as it is."""
    from simulator.lang import Said

    return what.text(_language(language)) if isinstance(what, Said) else str(what)


# The help of every command and option, by the English text click holds, with its
# catalogue entry: --help is then said in the user's language (see _say_help_in).
_HELP_SAID: dict[str, Said] = {}


def _said_help(key: str, **values: object) -> Said:
    from simulator.lang import Sayer
    from simulator.lang.cli import HELP

    return Sayer(HELP)(key, **values)


def _h(key: str, **values: object) -> str:
    """The English help of ``key`` for click, remembered with its entry so that ``--help``
    can be said in the user's language."""
    said = _said_help(key, **values)
    _HELP_SAID[said.text()] = said
    return said.text()


def _every_command(command: click.Command) -> Iterator[click.Command]:
    """``command`` and, for a group, every command under it."""
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _every_command(sub)


def _say_help_in(command: click.Command, language: Language) -> list[tuple[Any, str]]:
    """Give ``command``, its options and its subcommands their help in ``language``;
    return each holder with the help it had, to give back when the run ends."""
    given: list[tuple[Any, str]] = []
    for each in _every_command(command):
        holders: list[Any] = [each, *each.params]  # a command or an option: both have help
        for holder in holders:
            before = getattr(holder, "help", None) or ""
            said = _HELP_SAID.get(before)
            if said is not None:
                given.append((holder, before))
                holder.help = said.text(language)
    return given


def _lang_in(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` on the command line, read before click reads it, so that
    click's own messages about the rest of the line are in that language."""
    for n, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _click_translations(language: Language) -> bytes:
    """click's messages in ``language`` as a GNU message catalogue (a ``.mo`` file), the
    form in which :mod:`gettext`, which click asks for every message, reads translations."""
    import struct

    from simulator.lang import LANGUAGES
    from simulator.lang.click import CLICK, PLURALS

    column = LANGUAGES.index(language)
    said = {msgid.encode(): entry[column].encode() for msgid, entry in CLICK.items()}
    for one, many in PLURALS:
        said[f"{one}\0{many}".encode()] = f"{CLICK[one][column]}\0{CLICK[many][column]}".encode()
    # Norwegian, like English, uses the singular for 1 only.
    said[b""] = (
        b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    )
    ids = sorted(said)
    start = 28 + 16 * len(ids)  # after the header and the two tables of (length, offset)
    originals, translations, data = [], [], b""
    for msgid in ids:
        originals.append((len(msgid), start + len(data)))
        data += msgid + b"\0"
    for msgid in ids:
        translations.append((len(said[msgid]), start + len(data)))
        data += said[msgid] + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, len(ids), 28, 28 + 8 * len(ids), 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in originals + translations)
    return header + tables + data


@contextlib.contextmanager
def _click_speaks(language: Language) -> Iterator[None]:
    """click's messages and the commands' help in ``language`` while the command runs.

    click looks each message up with :mod:`gettext` in the default text domain; the one
    supported way to give gettext translations is a message catalogue in a locale folder,
    so the catalogue's table is written as one, in a private temporary folder, for this
    run only. Without it (English, or a folder that cannot be made) click speaks English.
    """
    from simulator.lang import Language

    if language is Language.EN:
        yield
        return
    # The commands are built once per process: the help is given back when the run ends,
    # so that a later run in the same process (main() called again) starts from English.
    given = _say_help_in(cli, language)
    try:
        with _gettext_speaks(language):
            yield
    finally:
        for holder, text in given:
            holder.help = text


@contextlib.contextmanager
def _gettext_speaks(language: Language) -> Iterator[None]:
    """gettext's translations for click in ``language``, for as long as the block runs."""
    import gettext
    import shutil
    import tempfile

    try:
        folder = tempfile.mkdtemp(prefix="crisis-sim-")
    except OSError:
        yield
        return
    domain = gettext.textdomain()
    before = gettext.bindtextdomain(domain)
    saved = os.environ.get("LANGUAGE")
    try:
        messages = Path(folder, language.value, "LC_MESSAGES")
        messages.mkdir(parents=True)
        (messages / f"{domain}.mo").write_bytes(_click_translations(language))
        gettext.bindtextdomain(domain, folder)
        os.environ["LANGUAGE"] = language.value  # where gettext looks for the language
    except OSError:
        pass
    try:
        yield
    finally:
        gettext.bindtextdomain(domain, before)
        if saved is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved
        shutil.rmtree(folder, ignore_errors=True)


def _print_findings(
    findings: list[Finding],
    sources: dict[str, str],
    *,
    err: bool,
    fmt: str = "text",
    language: str | None = None,
    scenario: str | None = None,
) -> None:
    """Findings in ``language``, else the scenario's language, else the run's (the rule
    of :func:`simulator.lang.choose_language`)."""
    from simulator.scenario.diagnostics import findings_to_json, render_findings

    chosen = _language(language, scenario)
    if fmt == "json":
        _say(findings_to_json(findings, chosen), err=err)
        return
    for line in render_findings(findings, sources, chosen):
        click.echo(line, err=err)


class _Printable:
    """A Rich renderable with its text made printable once laid out.

    The callers' own renderables already clean the texts that share a table's columns;
    this catches any text that reaches the terminal some other way.
    """

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        from simulator.scenario.diagnostics import printable

        for segment in console.render(self.inner, options):  # type: ignore[arg-type]
            yield segment if segment.control else Segment(printable(segment.text), segment.style)


def _print_rich(
    renderable: object, *, file: IO[str] | None = None, width: int | None = None
) -> None:
    from rich.console import Console

    console = Console(file=file, width=width)
    # Rich ends the program itself (status 1) when the reader has gone; main() owns
    # what every command does then.
    console.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    console.print(_Printable(renderable))


def _show_table(
    table: object, output: Output | None, inputs: Sequence[str | Path], *, width: int
) -> None:
    """A Rich table on the terminal, or laid out ``width`` columns wide into ``-o``."""
    import io

    if output is None:
        _print_rich(table)
        return
    buffer = io.StringIO()
    _print_rich(table, file=buffer, width=width)
    _write_output(buffer.getvalue(), output, inputs=inputs)


def _reader_gone() -> NoReturn:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def _load(scenario: str) -> LoadedScenario:
    """Load a scenario for a command that needs a valid one, or exit with its findings."""
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import load_scenario

    try:
        loaded = load_scenario(scenario)
    except ScenarioError as err:
        usage = all(f.line == 0 for f in err.findings)
        _print_findings(err.findings, {}, err=True, scenario=err.language)
        if not usage:
            _say(_words(scenario=err.language)("fix.scenario", scenario=scenario), err=True)
        sys.exit(EXIT_USAGE if usage else EXIT_INVALID)
    _heard_scenario(loaded.scenario.language)
    return loaded


@dataclass(frozen=True, slots=True)
class Output:
    """Where ``-o`` sends a command's result, and how the file is made."""

    path: str
    mode: int
    follow_symlinks: bool = False

    def __str__(self) -> str:
        return self.path


def _mode_option(ctx: click.Context, param: click.Parameter, value: str) -> int:
    from simulator.files import parse_mode
    from simulator.scenario.diagnostics import said_of

    try:
        return parse_mode(value)
    except ValueError as err:
        raise click.BadParameter(_text(said_of(err))) from None


F = TypeVar("F", bound=Callable[..., Any])


def output_options(
    help: str = "output", *, required: bool = False, metavar: str | None = None
) -> Callable[[F], F]:
    """``-o``, ``--mode`` and ``--follow-symlinks``, given to the command as one
    ``output: Output`` (None without ``-o``): every command that writes a file has all three,
    with the same meaning."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(
            *args: Any, output: str | None, mode: int, follow_symlinks: bool, **kwargs: Any
        ) -> Any:
            chosen = Output(output, mode, follow_symlinks) if output is not None else None
            return command(*args, output=chosen, **kwargs)

        options = [
            click.option(
                "-o",
                "--output",
                type=click.Path(),
                required=required,
                metavar=metavar,
                help=_h(help),
            ),
            click.option(
                "--mode",
                default="600",
                show_default=True,
                metavar="MODE",
                callback=_mode_option,
                help=_h("mode"),
            ),
            click.option(
                "--follow-symlinks",
                is_flag=True,
                help=_h("follow_symlinks"),
            ),
        ]
        for option in reversed(options):
            wrapper = option(wrapper)
        return cast(F, wrapper)

    return decorate


def _write_output(text: str, output: Output | None, *, inputs: Sequence[str | Path] = ()) -> None:
    """Write to a file atomically (never half a file), or to standard output.

    A file keeps the text exactly; standard output is often a terminal, so there the
    text is made printable. Only a regular file or a new name is written (see
    :mod:`simulator.files`), and ``inputs``, the files the command read, never are.
    """
    if output is None or output.path == "-":
        _say(text, nl=not text.endswith("\n"))
        return
    from simulator.files import FileRefused, WriteFailed, output_target, write_output

    try:
        real = output_target(Path(output.path), follow_symlinks=output.follow_symlinks)
        _refuse_to_destroy(real, output.path, inputs)
        write_output(real, text.encode("utf-8"), mode=output.mode)
    except WriteFailed as err:  # the path was right; the disk failed under the write
        _say(f"crisis-sim: error: {_text(err.naming(output.path))}", err=True)
        sys.exit(EXIT_IO)
    except FileRefused as err:
        _usage_error(_text(err.naming(output.path)))


def _refuse_to_destroy(target: Path, output: str, inputs: Sequence[str | Path]) -> None:
    """Stop before -o replaces a file that is not an earlier output.

    Overwriting last run's schema or CSV is what -o is for; a session holds an exercise
    that cannot be run again, and an input would be lost the moment the output is written.
    """
    from simulator.files import read_head

    if not target.exists():
        return
    header = read_head(target, 72)  # unreadable: the write itself will say why it cannot
    if header.startswith(_SQLITE_HEADER):
        from simulator.engine.store import APPLICATION_ID

        ours = int.from_bytes(header[68:72], "big") == APPLICATION_ID
        _usage_error(_words()("output.session" if ours else "output.database", path=output))
    for given in inputs:
        try:
            same = target.samefile(given)
        except OSError:  # the input is gone or unreadable: it cannot be the same file
            same = False
        if same:
            _usage_error(_words()("output.input", path=output, input=str(given)))


def _heard_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        _HEARD["lang"] = value
    return value


def lang_option(what: str, default: str = "lang.scenario") -> Callable[[F], F]:
    """``--lang nb|nn|en``: every command that shows words has it, with the same meaning;
    without it, the scenario's language, else the system's."""
    return click.option(
        "--lang",
        type=click.Choice(["nb", "nn", "en"]),
        callback=_heard_lang,
        is_eager=True,  # heard before the other options, so their errors use it too
        help=_h("lang", what=_said_help(what), default=_said_help(default)),
    )


def session_option(help_key: str) -> Callable[[F], F]:
    """``--session PATH``: the session file a command writes, for ``run`` and ``simulate``
    (and, next, every command that starts an exercise)."""
    return click.option(
        "--session",
        "session_path",
        type=click.Path(dir_okay=False),
        help=_h(help_key),
    )


def store_option(command: F) -> F:
    """``--store URL``: the PostgreSQL database that holds the sessions (or the
    environment's CRISIS_SIM_STORE), for every command that opens a session by name."""
    from simulator.engine.locations import STORE_VARIABLE

    return click.option(
        "--store",
        "store",
        envvar=STORE_VARIABLE,
        metavar="postgresql://…",
        help=_h("store"),
    )(command)


def _usage_error(message: str) -> NoReturn:
    _say(f"crisis-sim: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


class FiniteFloatRange(click.FloatRange):
    """A number option between two bounds; every float option of the command uses it.

    Python reads 'nan' and 'inf' as floats, and nan passes a range check (every
    comparison with it is false), so finiteness is checked with the range, and anything
    that is not a number in it gets the same message.
    """

    name = "number"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        """The number given, or a usage error that says which numbers are allowed."""
        number = math.nan
        if isinstance(value, int | float):
            number = float(value)
        else:
            with contextlib.suppress(ValueError):
                number = float(str(value))
        if not math.isfinite(number) or not (
            (self.min is None or number >= self.min) and (self.max is None or number <= self.max)
        ):
            low = "-inf" if self.min is None else f"{self.min:g}"
            high = "inf" if self.max is None else f"{self.max:g}"
            words = _words()("usage.range", value=repr(value), low=low, high=high)
            self.fail(words, param, ctx)
        return float(number)


class _OutputRefused(Exception):
    """An OSError on its way past click to main(), which says what it means."""

    def __init__(self, err: OSError) -> None:
        super().__init__(err)
        self.err = err


class _Commands(click.Group):
    """The command group; its one difference: an OSError reaches main() as it is.

    click ends a broken pipe itself, with status 1, before main() could see it.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Read the command line (where --help and --version print)."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except OSError as err:
            raise _OutputRefused(err) from err

    def invoke(self, ctx: click.Context) -> object:
        """Run the command named on the command line."""
        try:
            return super().invoke(ctx)
        except OSError as err:
            raise _OutputRefused(err) from err


def _version(ctx: click.Context) -> None:
    """``--version``: said when asked for, so in the run's language."""
    click.echo(_words()("version", prog="crisis-sim", version=__version__))
    ctx.exit()


@click.group(
    cls=_Commands,
    help=_h("crisis-sim"),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, param, value: _version(ctx) if value else None,
    help=_h("version"),
)
@lang_option("lang.messages")
def cli(lang: str | None) -> None:
    """``crisis-sim``: its help is HELP["crisis-sim"]."""


@cli.command("list", help=_h("list"))
@lang_option("lang.list", "lang.system")
def list_cmd(lang: str | None) -> None:
    """``crisis-sim list``: its help is HELP["list"]."""
    from rich.table import Table

    from simulator.scenario.bundled import bundled_names
    from simulator.scenario.durations import format_duration
    from simulator.scenario.loader import load_scenario

    words = _words(lang)
    table = Table(title=words("list.title"))
    for column in ("name", "heading", "language", "duration", "injects", "noise"):
        table.add_column(words(f"list.{column}"))
    for name in bundled_names():
        sc = load_scenario(name).scenario
        table.add_row(
            name,
            sc.title,
            sc.language,
            format_duration(sc.duration),
            str(len(sc.injects)),
            str(len(sc.noise)),
        )
    _print_rich(table)
    click.echo(words("try"))


@cli.command(help=_h("validate"))
@click.argument("paths", nargs=-1, required=True, metavar="SCENARIO...")
@click.option("--strict", is_flag=True, help=_h("strict"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=_h("validate.format"),
)
@lang_option("lang.messages")
def validate(paths: tuple[str, ...], strict: bool, fmt: str, lang: str | None) -> None:
    """``crisis-sim validate``: its help is HELP["validate"]."""
    from simulator.scenario.bundled import resolve_scenario
    from simulator.scenario.diagnostics import ScenarioError, has_errors
    from simulator.scenario.loader import check_file

    all_findings: list[Finding] = []
    sources: dict[str, str] = {}
    usage = False
    summaries: list[tuple[str, str, int, int]] = []
    written_in: str | None = None  # the first file's language: the output has one
    for arg in paths:
        try:
            path, display = resolve_scenario(arg)
        except ScenarioError as err:
            all_findings += err.findings
            usage = True
            continue
        result = check_file(path, display)
        sources[display] = result.text
        all_findings += result.findings
        written_in = written_in or result.language
        if (
            result.scenario is None
            and result.findings
            and all(f.line == 0 for f in result.findings)
        ):
            # Nothing was read (a folder, a FIFO, no permission): a usage error, not a
            # verdict on the scenario.
            usage = True
            summaries.append(("validate.unread", display, 0, 0))
            continue
        errors = sum(f.severity == "error" for f in result.findings)
        warnings = len(result.findings) - errors
        verdict = "validate.invalid" if errors or (strict and warnings) else "validate.valid"
        summaries.append((verdict, display, errors, warnings))
    _print_findings(all_findings, sources, err=False, fmt=fmt, language=lang, scenario=written_in)
    if fmt == "text":
        words = _words(lang, written_in)
        for verdict, display, errors, warnings in summaries:
            _say(_summary(words, verdict, display, errors, warnings))
    if has_errors([f for f in all_findings if f.line > 0], strict):
        sys.exit(EXIT_INVALID)
    if usage:
        sys.exit(EXIT_USAGE)


def _summary(words: Catalogue, verdict: str, path: str, errors: int, warnings: int) -> str:
    """One file's verdict with its counts; "1 error, 2 errors" (Norwegian: 1 feil, 2 feil)."""
    if verdict == "validate.unread":
        return words(verdict, path=path)
    return words(
        "validate.summary",
        path=path,
        verdict=words(verdict),
        errors=words("validate.errors." + ("one" if errors == 1 else "many"), count=errors),
        warnings=words("validate.warnings." + ("one" if warnings == 1 else "many"), count=warnings),
    )


@cli.command(help=_h("schema"))
@output_options()
@lang_option("lang.messages", "lang.system")
def schema(output: Output | None, lang: str | None) -> None:
    """``crisis-sim schema``: its help is HELP["schema"]."""
    import json

    from simulator.scenario.model import Scenario

    data = Scenario.model_json_schema(by_alias=True)
    data = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **data,
        "title": "crisis-sim scenario, format 1",
    }
    _write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)


@cli.command(help=_h("preview"))
@click.argument("scenario")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "csv", "json"]),
    default="table",
    show_default=True,
)
@lang_option("lang.preview")
@output_options()
def preview(scenario: str, fmt: str, lang: str | None, output: Output | None) -> None:
    """``crisis-sim preview``: its help is HELP["preview"]."""
    from simulator.lang import choose_language
    from simulator.scenario import preview as pv
    from simulator.scenario.bundled import resolve_scenario

    sc = _load(scenario).scenario
    inputs = [resolve_scenario(scenario)[0]]
    language = choose_language(lang, sc.language)
    if fmt == "table":
        _show_table(pv.to_table(sc, language), output, inputs, width=160)
        return
    if fmt == "md":
        text = pv.to_markdown(sc, language)
    else:
        text = {"csv": pv.to_csv, "json": pv.to_json}[fmt](sc)
    _write_output(("\ufeff" + text) if fmt == "csv" and output else text, output, inputs=inputs)


@cli.group("session", help=_h("session"))
def session_group() -> None:
    """``crisis-sim session``: its help is HELP["session"]."""


@session_group.command("copy", help=_h("session copy"))
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@store_option
@lang_option("lang.messages", "lang.system")
def session_copy(source: str, target: str, store: str | None, lang: str | None) -> None:
    """``crisis-sim session copy``: its help is HELP["session copy"]."""
    from simulator.engine.copying import copy_session
    from simulator.engine.locations import locate
    from simulator.engine.store import SessionError

    origin, copy = locate(source, store), locate(target, store)
    try:
        events = copy_session(origin, copy)
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    _say(_words(lang)("session.copied", events=events, source=str(origin), target=str(copy)))


@session_group.command("list", help=_h("session list"))
@store_option
@lang_option("lang.messages", "lang.system")
def session_list(store: str | None, lang: str | None) -> None:
    """``crisis-sim session list``: its help is HELP["session list"]."""
    from simulator.engine.pgstore import list_sessions, where
    from simulator.engine.store import SessionError

    words = _words(lang)
    if not store:
        _usage_error(words("session.no_store"))
    try:
        found = list_sessions(store)
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    if not found:
        _say(words("session.none", where=where(store)))
    for name, events, created in found:
        _say(words("session.row", name=name, events=events, created=created))


@cli.group(help=_h("msel"))
def msel() -> None:
    """``crisis-sim msel``: its help is HELP["msel"]."""


@msel.command("export", help=_h("msel export"))
@click.argument("scenario")
@output_options("output.csv")
@click.option("--semicolon", is_flag=True, help=_h("semicolon"))
@lang_option("lang.messages")
def msel_export(scenario: str, output: Output | None, semicolon: bool, lang: str | None) -> None:
    """``crisis-sim msel export``: its help is HELP["msel export"]."""
    from simulator.scenario.bundled import resolve_scenario
    from simulator.scenario.msel import export_csv

    sc = _load(scenario).scenario
    text = export_csv(sc, ";" if semicolon else ",")
    _write_output(
        text if output else text.removeprefix("\ufeff"),
        output,
        inputs=[resolve_scenario(scenario)[0]],
    )
    if output:
        words = _words(lang, sc.language)
        _say(words("wrote.injects", count=len(sc.injects), path=output), err=True)


@msel.command("import", help=_h("msel import"))
@click.argument("csv_file", metavar="FILE.csv")
@click.option(
    "--into",
    "base",
    required=True,
    metavar="BASE.yaml",
    help=_h("into"),
)
@output_options("output.scenario", required=True, metavar="OUT.yaml")
@lang_option("lang.messages")
def msel_import(csv_file: str, base: str, output: Output, lang: str | None) -> None:
    """``crisis-sim msel import``: its help is HELP["msel import"]."""
    from simulator.scenario.bundled import resolve_scenario
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import check_text
    from simulator.scenario.msel import (
        base_stories,
        map_import_finding,
        read_rows,
        replace_injects,
    )
    from simulator.scenario.yamlsource import parse_yaml, read_text

    try:
        base_path, base_display = resolve_scenario(base)
        base_text = read_text(base_path, base_display)
        doc = parse_yaml(base_text, base_display)
    except ScenarioError as err:
        _print_findings(err.findings, {}, err=True, scenario=err.language)
        sys.exit(EXIT_USAGE if all(f.line == 0 for f in err.findings) else EXIT_INVALID)
    # The base scenario's language, for the sheet's findings too: they are about its injects.
    declared = doc.data.get("language") if isinstance(doc.data, dict) else None
    _heard_scenario(declared if isinstance(declared, str) else None)
    try:
        imported = read_rows(Path(csv_file), csv_file, base_stories(doc))
    except ScenarioError as err:
        _print_findings(err.findings, {}, err=True, scenario=err.language)
        sys.exit(EXIT_USAGE if all(f.line == 0 for f in err.findings) else EXIT_INVALID)
    new = replace_injects(doc, imported.injects)
    result = check_text(new.text, output.path)
    _heard_scenario(result.language)
    mapped = [
        map_import_finding(f, new, imported.rows, csv_file, base_display) for f in result.findings
    ]
    _print_findings(mapped, {base_display: base_text}, err=True)
    if not result.ok:
        _say(_words()("nothing.rows", source=csv_file), err=True)
        sys.exit(EXIT_INVALID)
    _write_output(new.text, output, inputs=[csv_file, base_path])
    _say(
        _words()("wrote.imported", path=output, count=len(imported.injects), source=csv_file),
        err=True,
    )


@cli.command(help=_h("new"))
@click.argument("name")
@click.option(
    "--lang",
    type=click.Choice(["nb", "nn", "en"]),
    default="nb",
    show_default=True,
    help=_h("lang.starter"),
)
@click.option("--force", is_flag=True, help=_h("force"))
def new(name: str, lang: str, force: bool) -> None:
    """``crisis-sim new``: its help is HELP["new"]."""
    from simulator.scenario.starter import slugify, starter_text

    if name.endswith((".yaml", ".yml")):
        target = Path(name)
        title = target.stem.replace("-", " ").replace("_", " ").capitalize()
    else:
        target = Path(f"{slugify(name)}.yaml")
        title = name
    if target.exists() and not force:
        _usage_error(_words(scenario=lang)("usage.exists", path=str(target)))
    from simulator.files import PRIVATE

    _heard_scenario(lang)
    _write_output(starter_text(title, str(target), lang), Output(str(target), PRIVATE))
    _say(_words(scenario=lang)("wrote.starter", path=target))


def _end_with_host() -> None:
    """A browser tab's console lives for its host: the kernel ends it when the host ends,
    however the host ends (a kill leaves it no time to close its consoles), so that no
    console is left behind with a host that is gone."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    set_parent_death_signal = 1  # prctl's PR_SET_PDEATHSIG
    ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGTERM)
    if os.getppid() == 1:  # the host ended before the line above: there is nobody to serve
        sys.exit(EXIT_INVALID)


def _needs_terminal(words: Catalogue) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _usage_error(words("terminal"))


def command_name() -> str:
    """How to type this command again: plain ``crisis-sim`` when that finds this same
    program, otherwise the path it was started by (``.venv/bin/crisis-sim`` before the
    virtual environment is activated)."""
    import shutil

    started = sys.argv[0] if sys.argv and sys.argv[0] else "crisis-sim"
    found = shutil.which("crisis-sim")
    if found and os.path.exists(started) and os.path.samefile(found, started):
        return "crisis-sim"
    if Path(started).name != "crisis-sim":  # python -m simulator
        return f"{Path(sys.executable).name} -m simulator"
    return started


def _close_session(engine: Engine | None) -> None:
    """Close the session cleanly, so that its one .sqlite file holds every event."""
    if engine is not None and engine.store is not None:
        engine.store.close()


def _console_status(app: ConsoleApp, words: Catalogue) -> int:
    """The exit status once the console has closed and its session is closed.

    0 after the quit key, 128 + the signal's number after SIGTERM or SIGHUP. Textual ends
    an app with 1 when something inside it failed; it has shown what, and that is a bug.
    """
    status = app.return_code or EXIT_OK
    if status == 1:
        _last_words(words("internal.console"))
        return EXIT_INTERNAL
    return status


def _after_console(path: Path | Location, words: Catalogue) -> None:
    from simulator.engine.locations import Location

    file = path.file if isinstance(path, Location) else path
    if file is None or file.exists():  # a session in a database was there to resume
        name = command_name()
        shown = str(path)
        if isinstance(path, Location) and path.url is not None:
            from simulator.engine.locations import STORE_VARIABLE

            # As the commands below take it: by name, with the database given as before.
            shown = path.name
            if not os.environ.get(STORE_VARIABLE):
                shown += " --store postgresql://…"
        for key in ("after.saved", "after.score", "after.report", "after.resume"):
            _say(words(key, path=shown, name=name))
    else:
        click.echo(words("after.not_started"))


def _speed_option(command: F) -> F:
    """``--speed X``: how fast scenario time runs, for a new exercise (run, host)."""
    return click.option(
        "--speed",
        type=FiniteFloatRange(0.25, 20),
        default=1.0,
        show_default=True,
        help=_h("run.speed"),
    )(command)


@cli.command(help=_h("run"))
@click.argument("scenario")
@_speed_option
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help=_h("run.seed"),
)
@session_option("run.session")
@lang_option("lang.console")
@click.option("--name", "player", help=_h("name"))
def run(
    scenario: str,
    speed: float,
    seed: int,
    session_path: str | None,
    lang: str | None,
    player: str | None,
) -> None:
    """``crisis-sim run``: its help is HELP["run"]."""
    from simulator.engine.session import default_session_path
    from simulator.engine.store import SessionError, claim_session, stale_partials

    loaded = _load(scenario)
    words = _words(lang, loaded.scenario.language)
    path = Path(session_path) if session_path else default_session_path(loaded.scenario.id)
    # The session is claimed before the console opens: a second program on the same path
    # is refused here, not after the briefing. The store the console creates shares it.
    folder_existed = path.parent.exists()
    try:
        claim = claim_session(path)
    except SessionError as err:
        _usage_error(_text(err.said))
    try:
        if path.exists():
            _usage_error(words("usage.session_exists", path=str(path)))
        for leftover in stale_partials(path.parent):
            _say(f"note: {_text(leftover.note())}", err=True)
        _needs_terminal(words)
        from simulator.tui.app import CrisisApp

        app = CrisisApp(
            loaded,
            seed=seed,
            session_path=path,
            speed=speed,
            language=_asked(lang),
            player=player,
        )
        app.run()
        _close_session(app.engine)
    finally:
        claim.release()
        if not folder_existed and not path.exists():
            # Nothing was recorded (quit at the briefing, no terminal): leave no empty
            # sessions/ folder behind; rmdir removes only an empty one.
            with contextlib.suppress(OSError):
                path.parent.rmdir()
    _after_console(path, words)
    sys.exit(_console_status(app, words))


@cli.command(help=_h("resume"))
@click.argument("session", type=click.Path(dir_okay=False, readable=False))
@lang_option("lang.console")
@click.option("--name", "player", help=_h("name"))
@store_option
def resume(session: str, lang: str | None, player: str | None, store: str | None) -> None:
    """``crisis-sim resume``: its help is HELP["resume"]."""
    from simulator.engine.engine import Engine
    from simulator.engine.locations import locate
    from simulator.engine.store import SessionError

    location = locate(session, store)
    try:
        # Opened for writing: this takes the session's lock before any screen opens, so a
        # second program on the same session is refused here.
        log = location.open()
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    try:
        try:
            if log.ended:
                _say(_words(lang)("ended", path=session), err=True)
                sys.exit(EXIT_INVALID)
            engine = Engine.restore(log)
        except SessionError as err:
            _say(f"crisis-sim: error: {_text(err.said)}", err=True)
            sys.exit(EXIT_INVALID)
        words = _words(lang, engine.loaded.scenario.language)
        _needs_terminal(words)
        from simulator.tui.app import CrisisApp

        app = CrisisApp(
            engine.loaded,
            seed=engine.seed,
            session_path=location,
            language=_asked(lang),
            player=player,
            engine=engine,
            past_events=log.events(),
        )
        app.run()
    finally:
        log.close()  # gives the lock up however the command ends
    _after_console(location, words)
    sys.exit(_console_status(app, words))


def _session_dir_option(command: F) -> F:
    """``--session-dir DIR``: where a team exercise's session is recorded, and where its
    host listens; ``host`` and ``join`` given the same folder find each other."""
    return click.option(
        "--session-dir",
        "session_dir",
        type=click.Path(file_okay=False),
        default="sessions",
        show_default=True,
        help=_h("session_dir"),
    )(command)


@cli.command("host", help=_h("host"))
@click.argument("scenario", required=False)
@click.option(
    "--teams", type=click.IntRange(1, MAX_TEAMS), default=1, show_default=True, help=_h("teams")
)
@click.option("--seed", type=int, default=1, show_default=True, help=_h("run.seed"))
@_speed_option
@_session_dir_option
@click.option(
    "--resume",
    "resume_folder",
    type=click.Path(file_okay=False),
    help=_h("host.resume"),
)
@lang_option("lang.messages")
@click.option("--codes-file", type=click.Path(dir_okay=False), help=_h("codes_file"))
@click.option("--web", "web_address", metavar="[ADDRESS:]PORT", help=_h("web"))
@store_option
def host_cmd(
    scenario: str | None,
    teams: int,
    seed: int,
    speed: float,
    session_dir: str,
    resume_folder: str | None,
    lang: str | None,
    codes_file: str | None,
    web_address: str | None,
    store: str | None,
) -> None:
    """``crisis-sim host``: its help is HELP["host"]."""
    import asyncio

    from simulator.engine.store import SessionError
    from simulator.exercise.host import Host, runtime_folder, serve_until_stopped

    words = _words(lang)
    if (scenario is None) == (resume_folder is None):
        _usage_error(words("host.what"))
    address = _web_address(web_address, words)
    hosting = None
    if store:
        folder = Path(session_dir)
        runtime = runtime_folder(folder)
        exercise, hosting = _database_exercise(
            store, scenario, seed, teams, folder, speed, resume_folder, lang
        )
    else:
        folder = Path(session_dir) if resume_folder is None else Path(resume_folder).parent
        runtime = runtime_folder(folder)
    if asyncio.run(_host_listens(runtime)):
        if hosting is not None:
            exercise.close()
            hosting.authority.close()
        _say(f"crisis-sim: error: {words('host.busy', folder=str(folder))}", err=True)
        sys.exit(EXIT_INVALID)
    if hosting is None:
        exercise = _folder_exercise(scenario, seed, teams, folder, speed, resume_folder, lang)
    loaded = exercise.loaded
    words = _words(lang, loaded.scenario.language)
    on_screen = sys.stdin.isatty() and sys.stdout.isatty()
    if on_screen and resume_folder is None:
        # The control cell starts the clock (space) once the seats have joined.
        for engine in exercise.engines.values():
            engine.pause()
    # Absolute: a seat's console may start in another folder than the host.
    source = str(exercise.scenario_file.absolute())
    host = Host(exercise.engines, exercise.codes, runtime, source=source)
    if hosting is not None:
        from simulator.exercise.desk import Desk

        host.companions.append(Desk(host, hosting.authority))
    web = links = None
    base = ""
    if address is not None:
        from simulator.exercise.links import seat_links

        web = _web_seats(exercise, folder, runtime, address, lang)
        base = _web_base(web)
        links = seat_links(exercise.codes, base)
        host.companions.append(web)

    recorded = str(exercise.folder) if hosting is None else hosting.shown

    def started() -> None:
        # The codes are told (and written) once seats can join with them.
        _say(words("host.started", title=loaded.scenario.title, path=recorded))
        roles = _role_words(lang, loaded.scenario.language)
        for team, entries in exercise.codes.team_codes().items():
            _say(words("host.team", team=team))
            for entry in entries:
                role = roles(f"role.name.{entry.role}")
                _say(words("host.code", role=role, code=entry.code))
        _say(words("host.facilitator", code=exercise.codes.facilitator))
        if web is not None and links is not None:
            _say_links(web, base, links, words, roles)
        if codes_file:
            exercise.codes.write(Path(codes_file), links)
            _say(words("host.codes_file", path=codes_file))
        _say(words("host.join", name=command_name(), folder=str(folder)))
        if hosting is not None:
            _say(words("host.database", name=command_name(), **hosting.told()))
        sys.stdout.flush()

    try:
        if on_screen:
            # The control cell's screen in the host's terminal; the codes stay printed
            # above it once it closes.
            started()
            status = _control_console(host, exercise, folder, lang, links)
        else:

            def store_failed(team: str, err: SessionError) -> None:
                message = err.said.text(words.language)
                _say(words("host.store", team=team, message=message), err=True)

            host.store_listeners.append(store_failed)
            try:
                signum = asyncio.run(serve_until_stopped(host, started))
            except SessionError as err:  # another host took the exercise over
                _say(f"crisis-sim: error: {_text(err.said)}", err=True)
                sys.exit(EXIT_INVALID)
            status = EXIT_OK if signum == signal.SIGINT else 128 + signum
        for engine in exercise.engines.values():
            if not engine.ended and engine.clock.running:
                # Everything before is saved already; the pause lets a resume open here.
                with contextlib.suppress(SessionError):
                    engine.pause()
    finally:
        exercise.close()
        if hosting is not None:
            hosting.authority.close()
    _say(words("host.stopped", path=recorded))
    sys.exit(status)


def _folder_exercise(
    scenario: str | None,
    seed: int,
    teams: int,
    folder: Path,
    speed: float,
    resume_folder: str | None,
    lang: str | None,
) -> Exercise:
    """A new exercise in a folder under ``folder``, or the one in ``resume_folder``."""
    from simulator.engine.store import SessionError
    from simulator.exercise import folder as exercise_folder
    from simulator.exercise.host import FolderRefused
    from simulator.files import FileRefused, os_reason

    try:
        if resume_folder is not None:
            return exercise_folder.reopen(Path(resume_folder))
        assert scenario is not None  # one of the two was given: checked before
        return exercise_folder.create(_load(scenario), seed, teams, folder, speed)
    except (SessionError, FolderRefused, FileRefused) as err:
        _usage_error(_text(err.said))
    except (FileNotFoundError, ValueError):
        # No team's log there, or a codes file that is not one: not an exercise to resume.
        _usage_error(_words(lang)("host.no_exercise", folder=str(resume_folder or folder)))
    except OSError as err:
        _usage_error(f"{resume_folder or folder}: {_text(os_reason(err))}")


@dataclass(frozen=True, slots=True)
class _Hosting:
    """An exercise hosted on a database: the lock that makes this program its host."""

    authority: Authority
    shown: str

    def told(self) -> dict[str, str]:
        """What the started host tells of where the exercise is."""
        from simulator.engine.pgstore import where

        place = where(self.authority.url)
        return {"exercise": self.authority.name, "where": place, "database": place.split("/")[-1]}


def _database_exercise(
    store: str,
    scenario: str | None,
    seed: int,
    teams: int,
    folder: Path,
    speed: float,
    name: str | None,
    lang: str | None,
) -> tuple[Exercise, _Hosting]:
    """A new exercise on the database at ``store``, or the exercise ``name`` there once
    this program holds it (as a standby, it waits for the host before it to stop)."""
    from datetime import UTC, datetime

    from simulator.engine.pgstore import where
    from simulator.engine.store import SessionError
    from simulator.exercise import database
    from simulator.exercise.host import FolderRefused

    words = _words(lang)
    waited: list[str] = []

    def waiting(who: str) -> None:
        waited.append(who)
        _say(words("host.standby", exercise=name or "", who=who or "?"))
        sys.stdout.flush()

    try:
        if name is not None:
            exercise, authority, told = database.reopen(store, name, folder, waiting)
        else:
            assert scenario is not None  # one of the two was given: checked before
            loaded = _load(scenario)
            exercise, authority = database.create(
                store, loaded, seed, teams, folder, speed, waiting
            )
            told = None
    except (SessionError, FolderRefused) as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    if told is not None and told.running and not told.ended:
        # The host before stopped while the exercise ran (killed, or its machine lost):
        # it goes on from where the log ends, at the same speed.
        for engine in exercise.engines.values():
            if not engine.ended:
                with contextlib.suppress(SessionError):
                    engine.resume()
    if waited:
        stamp = datetime.now(UTC).strftime("%H:%M:%S UTC")
        _say(words("host.took_over", exercise=authority.name, time=stamp))
    return exercise, _Hosting(authority, f"{authority.name} ({where(store)})")


def _web_address(given: str | None, words: Catalogue) -> WebAddress | None:
    """``--web [ADDRESS:]PORT`` as an address, or a usage error saying what is wrong."""
    if given is None:
        return None
    from simulator.exercise.web import parse_address

    try:
        return parse_address(given)
    except ValueError:
        _usage_error(words("host.web.address", given=given))


def _web_seats(
    exercise: Exercise | tuple[CodeTable, Scenario],
    folder: Path,
    runtime: Path,
    address: WebAddress,
    lang: str | None,
) -> WebSeats:
    """The seats' web server, its address taken now: a taken port is told before the
    host (or seat server) starts, and it does not start."""
    from simulator.exercise.web import WebSeats
    from simulator.files import os_reason

    if isinstance(exercise, tuple):
        codes, scenario = exercise
    else:
        codes, scenario = exercise.codes, exercise.loaded.scenario
    words = _words(lang, scenario.language)
    web = WebSeats(
        codes,
        folder,
        runtime,
        address,
        language=_language(lang, scenario.language),
        title=scenario.title,
        console_language=_asked(lang),
    )
    try:
        web.bind()
    except OSError as err:
        if not isinstance(exercise, tuple):
            exercise.close()
        reason = _text(os_reason(err))
        message = words("host.web.taken", address=address.base(), reason=reason)
        _say(f"crisis-sim: error: {message}", err=True)
        sys.exit(EXIT_INVALID)
    return web


def _web_base(web: WebSeats) -> str:
    """The base of the seats' links: the machine's address on the network where the
    seats are served on every network (no browser can open 0.0.0.0)."""
    from simulator.exercise.web import lan_address

    address = web.address
    return address.base(lan_address() if address.everywhere else None)


def _say_links(
    web: WebSeats, base: str, links: SeatLinks, words: Catalogue, roles: Catalogue
) -> None:
    """Each seat's link, the control cell's apart, and a warning when others can reach
    them."""
    _say(words("host.web", base=base))
    for team, seats in links.teams.items():
        _say(words("host.team", team=team))
        for role, link in seats.items():
            _say(words("host.link", role=roles(f"role.name.{role}"), link=link))
    _say(words("host.web.control", link=links.facilitator))
    address = web.address
    if address.everywhere:
        _say(words("host.web.everyone", address=address.base()), err=True)
    elif not address.loopback:
        _say(words("host.web.network", address=address.base()), err=True)


def _role_words(language: str | None, scenario: str | None) -> Catalogue:
    """The seats' roles in words, as the control cell's screen says them."""
    from simulator.lang import Catalogue
    from simulator.lang.control import CONTROL

    return Catalogue(CONTROL, _language(language, scenario))


def _control_console(
    host: Host, exercise: Exercise, folder: Path, lang: str | None, links: SeatLinks | None
) -> int:
    """Run the control cell's console in this terminal, with the host in its event loop."""
    from simulator.engine.store import SessionError
    from simulator.tui.control import ControlApp

    loaded = exercise.loaded
    words = _words(lang, loaded.scenario.language)
    app = ControlApp(
        loaded,
        host.socket_path,
        exercise.codes.facilitator,
        words("control.name"),
        language=_asked(lang),
        host=host,
        join_hint=(command_name(), str(folder)),
        links=links,
    )
    app.run()
    failure = host.failure
    if failure is not None and failure.done() and not failure.cancelled():
        error = failure.exception()
        if isinstance(error, SessionError):
            _say(f"crisis-sim: error: {_text(error.said)}", err=True)
            return EXIT_INVALID
    return _console_status(app, words)


async def _host_listens(folder: Path) -> bool:
    """Whether a host answers on the socket in ``folder`` (a file left by a host that was
    killed answers nothing, and the next host takes its place)."""
    import asyncio

    from simulator.exercise.host import SOCKET_NAME

    try:
        _, writer = await asyncio.open_unix_connection(str(folder / SOCKET_NAME))
    except OSError:
        return False
    writer.close()
    return True


@cli.command("serve", help=_h("serve"))
@click.argument("exercise_name", metavar="EXERCISE")
@_session_dir_option
@lang_option("lang.messages")
@click.option("--web", "web_address", metavar="[ADDRESS:]PORT", help=_h("web"))
@store_option
def serve_cmd(
    exercise_name: str,
    session_dir: str,
    lang: str | None,
    web_address: str | None,
    store: str | None,
) -> None:
    """``crisis-sim serve``: its help is HELP["serve"]."""
    import asyncio

    from simulator.engine.pgstore import where
    from simulator.engine.store import SessionError
    from simulator.exercise.folder import SCENARIO_FILE
    from simulator.exercise.host import FolderRefused, runtime_folder, serve_until_stopped
    from simulator.exercise.links import seat_links
    from simulator.exercise.relay import Relay, relay_of

    words = _words(lang)
    if not store:
        _usage_error(words("serve.no_store"))
    address = _web_address(web_address, words)
    folder = Path(session_dir)
    runtime = runtime_folder(folder)
    if asyncio.run(_host_listens(runtime)):
        _say(f"crisis-sim: error: {words('host.busy', folder=str(folder))}", err=True)
        sys.exit(EXIT_INVALID)
    try:
        stored, local = relay_of(store, exercise_name, folder)
        relay = Relay(store, stored, runtime, source=str((local / SCENARIO_FILE).absolute()))
    except (SessionError, FolderRefused) as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    scenario = relay.scenario
    words = _words(lang, scenario.language)
    web = links = None
    base = ""
    if address is not None:
        web = _web_seats((stored.codes, scenario), folder, runtime, address, lang)
        base = _web_base(web)
        links = seat_links(stored.codes, base)
        relay.companions.append(web)

    def started() -> None:
        _say(words("serve.started", title=scenario.title, exercise=stored.name, where=where(store)))
        if web is not None and links is not None:
            _say_links(web, base, links, words, _role_words(lang, scenario.language))
        _say(words("serve.join", name=command_name(), folder=str(folder)))
        sys.stdout.flush()

    try:
        signum = asyncio.run(serve_until_stopped(relay, started))
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    finally:
        relay.close_logs()
    _say(words("serve.stopped"))
    sys.exit(EXIT_OK if signum == signal.SIGINT else 128 + signum)


@cli.command(help=_h("join"))
@click.argument("code", required=False)
@click.option("--name", "player", help=_h("name"))
@_session_dir_option
@lang_option("lang.console")
@click.option("--served", is_flag=True, hidden=True, help=_h("served"))
@store_option
def join(
    code: str | None,
    player: str | None,
    session_dir: str,
    lang: str | None,
    served: bool,
    store: str | None,
) -> None:
    """``crisis-sim join``: its help is HELP["join"]."""
    import getpass
    import os

    from simulator.exercise.codes import CODE_VARIABLE
    from simulator.exercise.host import SOCKET_NAME, runtime_folder

    if served:
        _end_with_host()
        # A browser tab's console: the web server hands it the code in its environment.
        code = os.environ.get(CODE_VARIABLE)
    if not code:
        raise click.MissingParameter(param_type="argument", param_hint="CODE")
    folder = Path(session_dir)
    name = player or ("" if served else getpass.getuser())
    if store and not served:
        _join_database(store, code, name, lang)
    _seat_console(runtime_folder(folder) / SOCKET_NAME, code, name, lang, served, folder)


def _join_database(store: str, code: str, name: str, lang: str | None) -> NoReturn:
    """A seat of an exercise kept on the database ``store``, found by its code and served
    from this process (no seat server needed on this machine)."""
    import tempfile

    from simulator.engine.store import SessionError
    from simulator.exercise.database import find_exercise
    from simulator.exercise.folder import SCENARIO_FILE
    from simulator.exercise.host import runtime_folder
    from simulator.exercise.protocol import said as exercise_said
    from simulator.exercise.relay import InBackground, Relay, relay_of

    try:
        exercise = find_exercise(store, code)
        if exercise is None:
            _say(
                f"crisis-sim: error: {exercise_said('code.wrong').text(_language(lang))}", err=True
            )
            sys.exit(EXIT_INVALID)
        with tempfile.TemporaryDirectory(prefix="crisis-sim-seat-") as private:
            stored, local = relay_of(store, exercise, Path(private))
            relay = Relay(
                store,
                stored,
                runtime_folder(Path(private)),
                source=str((local / SCENARIO_FILE).absolute()),
            )
            with InBackground(relay):
                _seat_console(relay.socket_path, code, name, lang, False, Path(private))
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    sys.exit(EXIT_OK)  # not reached: the console ends the program


def _seat_console(
    socket_path: Path, code: str, name: str, lang: str | None, served: bool, folder: Path
) -> NoReturn:
    """The console of the seat ``code`` joined at ``socket_path``, until it closes."""
    import asyncio

    from simulator.exercise.codes import TRAINEES, SeatRole
    from simulator.exercise.seat import Seat, SeatRefused

    words = _words(lang)

    async def probe() -> Seat:
        seat = Seat(socket_path, code, name)
        try:
            await seat.connect()
        finally:
            await seat.close()
        return seat

    # The code is checked before anything else: a wrong one is told on one line, also
    # where there is no terminal for a console.
    try:
        welcome = asyncio.run(probe()).welcome
    except SeatRefused as refused:
        _say(f"crisis-sim: error: {refused.reason.said().text(_language(lang))}", err=True)
        sys.exit(EXIT_INVALID)
    except OSError:
        _say(f"crisis-sim: error: {words('join.no_host', folder=str(folder))}", err=True)
        sys.exit(EXIT_INVALID)
    assert welcome is not None  # connect() returned: the host welcomed the seat
    # A served seat opened again is the person who joined with its code before.
    name = name or welcome.name
    loaded = _load(welcome.source or welcome.scenario)
    words = _words(lang, loaded.scenario.language)
    if not served:  # a served console's terminal is the browser's page
        _needs_terminal(words)
    app: ConsoleApp
    if welcome.role == SeatRole.WALL:
        from simulator.tui.wall import WallApp

        app = WallApp(loaded, socket_path, code, name, language=_asked(lang))
    elif welcome.role in TRAINEES:
        from simulator.tui.seat import SeatApp

        app = SeatApp(loaded, socket_path, code, name, language=_asked(lang), ask_name=not name)
    else:
        from simulator.tui.control import ControlApp

        app = ControlApp(
            loaded, socket_path, code, name or words("control.name"), language=_asked(lang)
        )
    app.run()
    sys.exit(_console_status(app, words))


@cli.command(help=_h("simulate"))
@click.argument("scenario")
@click.option("--seed", type=int, required=True, help=_h("simulate.seed"))
@click.option(
    "--actions",
    "actions_file",
    type=click.Path(),
    help=_h("simulate.actions"),
)
@session_option("simulate.session")
@click.option("--until", metavar="DURATION", help=_h("simulate.until"))
@lang_option("lang.messages")
def simulate(
    scenario: str,
    seed: int,
    actions_file: str | None,
    session_path: str | None,
    until: str | None,
    lang: str | None,
) -> None:
    """``crisis-sim simulate``: its help is HELP["simulate"]."""
    from simulator.engine.actions import load_actions
    from simulator.engine.session import default_session_path
    from simulator.engine.simulate import simulate as run_simulation
    from simulator.engine.store import SessionError, stale_partials
    from simulator.scenario.diagnostics import ScenarioError, said_of
    from simulator.scenario.durations import format_offset, parse_duration

    loaded = _load(scenario)
    stop = None
    if until is not None:
        try:
            stop = parse_duration(until)
        except ValueError as err:
            _usage_error(_words()("usage.option", option="--until", message=_text(said_of(err))))
    actions = []
    if actions_file:
        try:
            actions = load_actions(Path(actions_file))
        except ScenarioError as err:
            _print_findings(err.findings, {}, err=True, language=lang)
            sys.exit(EXIT_USAGE if all(f.line == 0 for f in err.findings) else EXIT_INVALID)
    path = Path(session_path) if session_path else default_session_path(loaded.scenario.id)
    for leftover in stale_partials(path.parent):
        if leftover.path.name != f"{path.name}.partial":  # that one stops the run below
            _say(f"note: {_text(leftover.note())}", err=True)
    try:
        result = run_simulation(
            loaded, seed, actions, path, stop, actions_path=actions_file or "actions"
        )
    except ScenarioError as err:
        _print_findings(err.findings, {}, err=True, language=lang)
        click.echo(_words()("nothing.actions"), err=True)
        sys.exit(EXIT_INVALID)
    except SessionError as err:
        _usage_error(_text(err.said))
    s = result.summary
    words = _words()
    click.echo(words("simulate.delivered", count=s.delivered, time=format_offset(result.until)))
    pending = words("simulate.pending", pending=s.pending) if s.pending else ""
    breach = words("simulate.breach", count=s.breach) if s.breach else ""
    unreached = words("simulate.not_reached", count=s.not_reached) if s.not_reached else ""
    click.echo(
        words(
            "simulate.expectations",
            met=s.met,
            late=s.late,
            missed=s.missed,
            breach=breach,
            not_reached=unreached,
            pending=pending,
        )
    )
    _say(words("simulate.ended" if result.ended else "simulate.stopped", path=result.path))


@cli.command("export", help=_h("export"))
@click.argument("session", type=click.Path(dir_okay=False, readable=False))
@output_options("output.stdout")
@lang_option("lang.messages", "lang.system")
@store_option
def export_cmd(session: str, output: Output | None, lang: str | None, store: str | None) -> None:
    """``crisis-sim export``: its help is HELP["export"]."""
    import json

    from simulator.engine.locations import locate
    from simulator.engine.store import SessionError
    from simulator.scenario.diagnostics import json_safe

    try:
        log = locate(session, store).open(readonly=True)
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    try:
        if not log.ended:
            _say(_words()("note.exported", path=session), err=True)
        # Escaping every control character keeps the data and the terminal intact alike.
        lines = (
            json_safe(json.dumps(e.as_record(), ensure_ascii=False)) + "\n" for e in log.events()
        )
        if output is None:
            # Streamed, so that a session of any size is exported in little memory. Each
            # event is checked as it is read: at a damaged one the output stops after the
            # whole lines of the events before it, and the error says which event it is.
            for line in lines:
                sys.stdout.write(line)
        else:
            _write_output("".join(lines), output, inputs=[session])
    except SessionError as err:
        sys.stdout.flush()
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    finally:
        log.close()


@cli.command(help=_h("score"))
@click.argument("sessions", nargs=-1, required=True, metavar="SESSION...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "md", "html"]),
    default="table",
    show_default=True,
)
@lang_option("lang.report")
@output_options()
@store_option
def score(
    sessions: tuple[str, ...], fmt: str, lang: str | None, output: Output | None, store: str | None
) -> None:
    """``crisis-sim score``: its help is HELP["score"]."""
    from simulator.engine.locations import locate
    from simulator.engine.store import SessionError
    from simulator.scenario.diagnostics import json_safe
    from simulator.scoring import reports
    from simulator.scoring.metrics import score_session

    scores = []
    for session in sessions:
        try:
            scores.append(score_session(locate(session, store)))
        except SessionError as err:
            _say(f"crisis-sim: error: {_text(err.said)}", err=True)
            sys.exit(EXIT_INVALID)
    _heard_scenario(scores[0].scenario.language)
    digests = {(s.scenario.id, s.scenario_sha256) for s in scores}
    if len(digests) > 1:
        listing = "; ".join(f"{s.path}: {s.scenario.id}" for s in scores)
        _say(f"crisis-sim: error: {_words()('score.different', listing=listing)}", err=True)
        sys.exit(EXIT_INVALID)
    words = _words(lang, scores[0].scenario.language)
    for s in scores:
        if not s.complete:
            _say(words("note.scored", path=s.path), err=True)
    if fmt == "table":
        _show_table(reports.to_table(scores, lang), output, sessions, width=140)
        return
    if fmt == "html":
        from simulator.scoring.html import render_html

        text = render_html(scores, lang)
    elif fmt == "md":
        text = reports.to_markdown(scores, lang)
    else:
        text = {"json": reports.to_json, "csv": reports.to_csv}[fmt](scores)
        if fmt == "csv" and output is None:
            text = text.removeprefix(reports.BOM)
        if fmt == "json":
            text = json_safe(text)
    _write_output(text, output, inputs=sessions)
    if output:
        _say(words("wrote", path=output), err=True)


@cli.command(help=_h("replay"))
@click.argument("session", type=click.Path(dir_okay=False, readable=False))
@click.option(
    "--speed",
    type=FiniteFloatRange(0.25, 20),
    default=4.0,
    show_default=True,
    help=_h("replay.speed"),
)
@lang_option("lang.console")
@store_option
def replay(session: str, speed: float, lang: str | None, store: str | None) -> None:
    """``crisis-sim replay``: its help is HELP["replay"]."""
    from simulator.engine.locations import locate
    from simulator.engine.store import SessionError
    from simulator.scoring.replay import ReplayLog

    try:
        log = ReplayLog(locate(session, store))
    except SessionError as err:
        _say(f"crisis-sim: error: {_text(err.said)}", err=True)
        sys.exit(EXIT_INVALID)
    words = _words(lang, log.loaded.scenario.language)
    _needs_terminal(words)
    from simulator.tui.replay import ReplayApp

    app = ReplayApp(log, speed=speed, language=_asked(lang))
    app.run()
    sys.exit(_console_status(app, words))


def main(args: Sequence[str] | None = None) -> None:
    """Entry point: run the CLI; every failure ends in one line and a documented exit code.

    ``args`` is the command line after the program's name (``sys.argv[1:]`` when not
    given). This is the one place that turns what escapes a command into a message: a
    usage error, ctrl+c, a file system or an output that refuses a write, and, last, a bug.
    It ends with :class:`SystemExit` carrying the exit status.
    """
    from simulator.lang import choose_language

    argv = list(sys.argv[1:] if args is None else args)
    # Each run starts from nothing heard, even when main() is called again in one process.
    _HEARD.update(lang=None, scenario=None)
    _forget_help_options(cli)
    asked = _lang_in(argv)
    _HEARD["lang"] = asked if asked in ("nb", "nn", "en") else None
    with _click_speaks(choose_language(_HEARD["lang"], None)):
        status = _run(argv)
    sys.exit(status)


def _forget_help_options(command: click.Command) -> None:
    """Have click make each command's ``--help`` option again, in this run's language.

    click keeps the option it made the first time a command was read, with its help in
    that run's language; a second run in the same process may speak another.
    """
    for each in _every_command(command):
        each._help_option = None


def _run(args: list[str]) -> int | str | None:
    """Run the command line ``args`` and return its exit status (see :func:`main`)."""
    try:
        try:
            result = cli.main(args=args, prog_name="crisis-sim", standalone_mode=False)
            status: int | str | None = result if isinstance(result, int) else EXIT_OK
        except SystemExit as done:
            status = done.code
        # Output still buffered is written now, while a failure can still be told.
        sys.stdout.flush()
    except click.ClickException as err:
        if type(err).__name__ == "NoArgsIsHelpError":  # 'crisis-sim' alone: the help
            err.show()
        else:
            _last_words(f"crisis-sim: error: {_click_message(err)}")
        status = err.exit_code
    except (click.Abort, KeyboardInterrupt):
        _last_words(_words()("interrupted"))
        status = EXIT_INTERRUPTED
    except _OutputRefused as refused:
        status = _os_failure(refused.err)
    except OSError as err:  # from click's own output (--help), or the final flush
        status = _os_failure(err)
    except Exception as exc:  # the last line of defence for users who are not programmers
        if os.environ.get("CRISIS_SIM_DEBUG"):
            raise
        _last_words(_words()("internal", error=f"{type(exc).__name__}: {exc}"))
        status = EXIT_INTERNAL
    return status


def _click_message(err: click.ClickException) -> str:
    """A usage error on one line: the option, what is wrong, and where the help is."""
    missing = isinstance(err, click.MissingParameter)
    if isinstance(err, click.BadParameter) and not missing and err.param is not None:
        hint = err.param_hint or err.param.get_error_hint(err.ctx)
        if isinstance(hint, list | tuple):
            hint = " / ".join(hint)
        return f"{str(hint).strip(chr(39))}: {err.message}"
    message = err.format_message().rstrip(".")
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.UsageError) and ctx is not None:
        return _words()("usage.help", message=message, command=ctx.command_path)
    return message


def _os_failure(err: OSError) -> int:
    """Say why the file system or the output refused, and return the exit status.

    A write to standard output names no file: a full disk behind a redirection, a closed
    terminal. A reader that stopped early (``| head``) is not an error worth a word.
    """
    from simulator.files import os_reason

    if err.errno == errno.EPIPE:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    if err.filename is not None:
        what = str(err.filename)
    else:
        _silence_stdout()
        what = _words()("output.cannot")
    reason = _text(os_reason(err))
    _last_words(f"crisis-sim: error: {_words()('failure', what=what, reason=reason)}")
    return EXIT_IO


def _silence_stdout() -> None:
    """Send what is still buffered for standard output to the null device.

    Python writes out the buffer once more on exit; to a full disk or a closed pipe that
    would add its own message after ours.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no standard output to silence
        pass


def _last_words(text: str) -> None:
    """A closing message on standard error, if standard error can still take it."""
    # When standard error is gone too, the exit status alone tells.
    with contextlib.suppress(OSError, ValueError):
        _say(text, err=True)
