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
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from simulator import __version__

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from simulator.engine.engine import Engine
    from simulator.lang import Catalogue
    from simulator.scenario.diagnostics import Finding
    from simulator.scenario.loader import LoadedScenario
    from simulator.tui.app import CrisisApp

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


def _words(language: str | None = None, scenario: str | None = None) -> Catalogue:
    """The command line's messages: in the language ``--lang`` asks for, else the
    scenario's, else the system's (the one rule of :func:`simulator.lang.choose_language`)."""
    from simulator.lang import Catalogue, choose_language
    from simulator.lang.cli import CLI

    return Catalogue(CLI, choose_language(language, scenario))


def _print_findings(
    findings: list[Finding],
    sources: dict[str, str],
    *,
    err: bool,
    fmt: str = "text",
    language: str | None = None,
) -> None:
    """Findings in ``language`` (the one :func:`simulator.lang.choose_language` picks)."""
    from simulator.lang import choose_language
    from simulator.scenario.diagnostics import findings_to_json, render_findings

    chosen = choose_language(language, None)
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


def _reader_gone() -> NoReturn:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def _load(scenario: str) -> LoadedScenario:
    """Load a scenario for a command that needs a valid one, or exit with its findings."""
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import load_scenario

    try:
        return load_scenario(scenario)
    except ScenarioError as err:
        usage = all(f.line == 0 for f in err.findings)
        _print_findings(err.findings, {}, err=True, language=err.language)
        if not usage:
            _say(_words(scenario=err.language)("fix.scenario", scenario=scenario), err=True)
        sys.exit(EXIT_USAGE if usage else EXIT_INVALID)


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

    try:
        return parse_mode(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


F = TypeVar("F", bound=Callable[..., Any])


def output_options(
    help: str = "Write to this file.", *, required: bool = False, metavar: str | None = None
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
                "-o", "--output", type=click.Path(), required=required, metavar=metavar, help=help
            ),
            click.option(
                "--mode",
                default="600",
                show_default=True,
                metavar="MODE",
                callback=_mode_option,
                help="Permissions of the file written with -o, in octal: 600 only you may "
                "read it, 644 everyone may.",
            ),
            click.option(
                "--follow-symlinks",
                is_flag=True,
                help="If -o names a symbolic link, write to the file it points to.",
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
        _say(f"crisis-sim: error: {output.path} {err}", err=True)
        sys.exit(EXIT_IO)
    except FileRefused as err:
        _usage_error(f"{output.path} {err}")


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

        if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
            what = "a crisis-sim session; writing over it would destroy the exercise it records"
        else:
            what = "a database; writing over it would destroy what it holds"
        _usage_error(f"{output} is {what}. Give -o a new file name")
    for given in inputs:
        try:
            same = target.samefile(given)
        except OSError:  # the input is gone or unreadable: it cannot be the same file
            same = False
        if same:
            _usage_error(
                f"{output} is the file this command reads ({given}); writing the "
                "result there would replace it. Give -o a new file name, and "
                "compare the two before you replace the old one"
            )


def lang_option(what: str) -> Callable[[F], F]:
    """``--lang nb|nn|en``: every command that shows words has it, with the same default."""
    return click.option(
        "--lang",
        type=click.Choice(["nb", "nn", "en"]),
        help=f"{what}: nb (bokmål), nn (nynorsk) or en (English). "
        "Default: the scenario's language.",
    )


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
            self.fail(f"{value!r} is not a number between {self._bounds()}", param, ctx)
        return float(number)

    def _bounds(self) -> str:
        low = "-inf" if self.min is None else f"{self.min:g}"
        high = "inf" if self.max is None else f"{self.max:g}"
        return f"{low} and {high}"


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


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="crisis-sim")
def cli() -> None:
    """crisis-sim: rehearse crisis communication on a synthetic social-media feed.

    A SCENARIO is a path to a .yaml file, or the name of a bundled scenario
    (see 'crisis-sim list').
    """


@cli.command("list")
def list_cmd() -> None:
    """List the bundled scenarios."""
    from rich.table import Table

    from simulator.scenario.bundled import bundled_names
    from simulator.scenario.durations import format_duration
    from simulator.scenario.loader import load_scenario

    table = Table(title="Bundled scenarios")
    for column in ("name", "title", "language", "duration", "injects", "noise streams"):
        table.add_column(column)
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
    click.echo(_words()("try"))


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="SCENARIO...")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json gives [{path, line, column, severity, message, code}].",
)
@lang_option("Language of the messages")
def validate(paths: tuple[str, ...], strict: bool, fmt: str, lang: str | None) -> None:
    """Check scenario files and report every problem with its line and column.

    Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.
    """
    from simulator.scenario.bundled import resolve_scenario
    from simulator.scenario.diagnostics import ScenarioError, has_errors
    from simulator.scenario.loader import check_file

    all_findings: list[Finding] = []
    sources: dict[str, str] = {}
    usage = False
    summaries: list[str] = []
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
        lang = lang or result.language
        if (
            result.scenario is None
            and result.findings
            and all(f.line == 0 for f in result.findings)
        ):
            # Nothing was read (a folder, a FIFO, no permission): a usage error, not a
            # verdict on the scenario.
            usage = True
            summaries.append(f"{display}: not checked (it cannot be read)")
            continue
        errors = sum(f.severity == "error" for f in result.findings)
        warnings = len(result.findings) - errors
        verdict = "invalid" if errors or (strict and warnings) else "valid"
        summaries.append(
            f"{display}: {verdict} ({errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)})"
        )
    _print_findings(all_findings, sources, err=False, fmt=fmt, language=lang)
    if fmt == "text":
        for line in summaries:
            _say(line)
    if has_errors([f for f in all_findings if f.line > 0], strict):
        sys.exit(EXIT_INVALID)
    if usage:
        sys.exit(EXIT_USAGE)


@cli.command()
@output_options()
def schema(output: Output | None) -> None:
    """Print the JSON Schema of the scenario format, for editors."""
    import json

    from simulator.scenario.model import Scenario

    data = Scenario.model_json_schema(by_alias=True)
    data = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **data,
        "title": "crisis-sim scenario, format 1",
    }
    _write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)


@cli.command()
@click.argument("scenario")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "csv", "json"]),
    default="table",
    show_default=True,
)
@lang_option("Language of the list (table and md; json and csv keep English names)")
@output_options()
def preview(scenario: str, fmt: str, lang: str | None, output: Output | None) -> None:
    """Show the master events list: every inject in delivery order, and the noise."""
    from simulator.lang import choose_language
    from simulator.scenario import preview as pv
    from simulator.scenario.bundled import resolve_scenario

    sc = _load(scenario).scenario
    inputs = [resolve_scenario(scenario)[0]]
    language = choose_language(lang, sc.language)
    if fmt == "table":
        import io

        if not output:
            _print_rich(pv.to_table(sc, language))
            return
        buffer = io.StringIO()
        _print_rich(pv.to_table(sc, language), file=buffer, width=160)
        _write_output(buffer.getvalue(), output, inputs=inputs)
        return
    if fmt == "md":
        text = pv.to_markdown(sc, language)
    else:
        text = {"csv": pv.to_csv, "json": pv.to_json}[fmt](sc)
    _write_output(("\ufeff" + text) if fmt == "csv" and output else text, output, inputs=inputs)


@cli.group()
def msel() -> None:
    """The master events list as a spreadsheet (CSV), both ways."""


@msel.command("export")
@click.argument("scenario")
@output_options("The .csv file to write.")
@click.option(
    "--semicolon", is_flag=True, help="Separate cells with ';', as Norwegian Excel expects."
)
def msel_export(scenario: str, output: Output | None, semicolon: bool) -> None:
    """Write the injects as a CSV spreadsheet (UTF-8 with BOM, for Excel)."""
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
        words = _words(scenario=sc.language)
        _say(words("wrote.injects", count=len(sc.injects), path=output), err=True)


@msel.command("import")
@click.argument("csv_file", metavar="FILE.csv")
@click.option(
    "--into",
    "base",
    required=True,
    metavar="BASE.yaml",
    help="The scenario whose injects the spreadsheet replaces.",
)
@output_options("Where to write the new scenario.", required=True, metavar="OUT.yaml")
def msel_import(csv_file: str, base: str, output: Output) -> None:
    """Replace a scenario's injects with the rows of a spreadsheet.

    Comma- and semicolon-separated files are both read. Everything else in BASE.yaml,
    comments included, is kept.
    """
    from simulator.scenario.bundled import resolve_scenario
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import check_text
    from simulator.scenario.msel import map_import_finding, read_rows, replace_injects
    from simulator.scenario.yamlsource import parse_yaml, read_text

    try:
        base_path, base_display = resolve_scenario(base)
        base_text = read_text(base_path, base_display)
        doc = parse_yaml(base_text, base_display)
    except ScenarioError as err:
        _print_findings(err.findings, {}, err=True)
        sys.exit(EXIT_USAGE if all(f.line == 0 for f in err.findings) else EXIT_INVALID)
    try:
        imported = read_rows(Path(csv_file), csv_file)
    except ScenarioError as err:
        _print_findings(err.findings, {}, err=True)
        sys.exit(EXIT_USAGE if all(f.line == 0 for f in err.findings) else EXIT_INVALID)
    new = replace_injects(doc, imported.injects)
    result = check_text(new.text, output.path)
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


@cli.command()
@click.argument("name")
@click.option(
    "--lang",
    type=click.Choice(["nb", "nn", "en"]),
    default="nb",
    show_default=True,
    help="Language of the starter's texts and comments.",
)
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def new(name: str, lang: str, force: bool) -> None:
    """Write a commented starter scenario, NAME.yaml, that validates."""
    from simulator.scenario.starter import slugify, starter_text

    if name.endswith((".yaml", ".yml")):
        target = Path(name)
        title = target.stem.replace("-", " ").replace("_", " ").capitalize()
    else:
        target = Path(f"{slugify(name)}.yaml")
        title = name
    if target.exists() and not force:
        _usage_error(
            f"{target} already exists; choose another name, or add --force to overwrite it"
        )
    from simulator.files import PRIVATE

    _write_output(starter_text(title, str(target), lang), Output(str(target), PRIVATE))
    _say(_words(scenario=lang)("wrote.starter", path=target))


def _stored_scenario_problem(err: Exception) -> str:
    """Why a session's own copy of its scenario does not load, in one clause.

    The copy inside the session is not a file the user can open, so its findings are not
    listed line by line; the first one tells what kind of problem it is.
    """
    from simulator.scenario.diagnostics import ScenarioError

    first = err.findings[0] if isinstance(err, ScenarioError) and err.findings else None
    where = (
        f" (line {first.line}: {first.message})"
        if first and first.line > 0
        else (f" ({first.message})" if first else "")
    )
    return "the scenario stored in the session does not pass this version's checks" + where


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


def _console_status(app: CrisisApp, words: Catalogue) -> int:
    """The exit status once the console has closed and its session is closed.

    0 after the quit key, 128 + the signal's number after SIGTERM or SIGHUP. Textual ends
    an app with 1 when something inside it failed; it has shown what, and that is a bug.
    """
    status = app.return_code or EXIT_OK
    if status == 1:
        _last_words(words("internal.console"))
        return EXIT_INTERNAL
    return status


def _after_console(path: Path, words: Catalogue) -> None:
    if path.exists():
        name = command_name()
        for key in ("after.saved", "after.score", "after.report", "after.resume"):
            _say(words(key, path=path, name=name))
    else:
        click.echo(words("after.not_started"))


@cli.command()
@click.argument("scenario")
@click.option(
    "--speed",
    type=FiniteFloatRange(0.25, 20),
    default=1.0,
    show_default=True,
    help="Scenario time per real second, 0.25 to 20.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="The same seed gives every team the same feed.",
)
@click.option(
    "--session",
    "session_path",
    type=click.Path(dir_okay=False),
    help="Where to record the exercise (default: sessions/<id>-<time>.sqlite).",
)
@lang_option("Language of the console")
@click.option("--name", "player", help="Your name, recorded with your actions.")
def run(
    scenario: str,
    speed: float,
    seed: int,
    session_path: str | None,
    lang: str | None,
    player: str | None,
) -> None:
    """Run an exercise in the console: the briefing first, Enter starts the clock."""
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
        _usage_error(str(err))
    try:
        if path.exists():
            _usage_error(
                f"{path} exists already; choose another --session path, or reopen it "
                f"with 'crisis-sim resume {path}'"
            )
        for leftover in stale_partials(path.parent):
            _say(f"note: {leftover.note()}", err=True)
        _needs_terminal(words)
        from simulator.tui.app import CrisisApp

        app = CrisisApp(
            loaded, seed=seed, session_path=path, speed=speed, language=lang, player=player
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


@cli.command()
@click.argument("session", type=click.Path(dir_okay=False, readable=False))
@lang_option("Language of the console")
@click.option("--name", "player", help="Your name, recorded with your actions.")
def resume(session: str, lang: str | None, player: str | None) -> None:
    """Reopen an interrupted exercise exactly where it stopped, paused."""
    from simulator.engine.engine import Engine
    from simulator.engine.store import SessionError, SessionStore
    from simulator.scenario.diagnostics import ScenarioError

    path = Path(session)
    try:
        # Opened for writing: this takes the session's lock before any screen opens, so a
        # second program on the same session is refused here.
        store = SessionStore.open(path)
    except SessionError as err:
        _say(f"crisis-sim: error: {err}", err=True)
        sys.exit(EXIT_INVALID)
    try:
        try:
            if store.ended:
                _say(_words(lang)("ended", path=session), err=True)
                sys.exit(EXIT_INVALID)
            engine = Engine.restore(store)
        except SessionError as err:
            _say(f"crisis-sim: error: {err}", err=True)
            sys.exit(EXIT_INVALID)
        except ScenarioError as err:
            _say(
                f"crisis-sim: error: {session}: {_stored_scenario_problem(err)}; the exercise "
                "cannot be resumed. Reopen it with the crisis-sim version that recorded it, "
                "or start a new one with 'crisis-sim run SCENARIO'; its events can still be "
                f"read with 'crisis-sim export {session}'",
                err=True,
            )
            sys.exit(EXIT_INVALID)
        words = _words(lang, engine.loaded.scenario.language)
        _needs_terminal(words)
        from simulator.tui.app import CrisisApp

        app = CrisisApp(
            engine.loaded,
            seed=engine.seed,
            session_path=path,
            language=lang,
            player=player,
            engine=engine,
            past_events=store.events(),
        )
        app.run()
    finally:
        store.close()  # gives the lock up however the command ends
    _after_console(path, words)
    sys.exit(_console_status(app, words))


@cli.command()
@click.argument("scenario")
@click.option("--seed", type=int, required=True, help="The same seed gives the same exercise.")
@click.option(
    "--actions",
    "actions_file",
    type=click.Path(),
    help="A scripted team: a YAML list of actions with 'at' and 'do'.",
)
@click.option(
    "--session",
    "session_path",
    type=click.Path(dir_okay=False),
    help="Where to write the session (default: sessions/<id>-<time>.sqlite).",
)
@click.option(
    "--until", metavar="DURATION", help="Stop at this scenario time without ending the exercise."
)
def simulate(
    scenario: str, seed: int, actions_file: str | None, session_path: str | None, until: str | None
) -> None:
    """Run an exercise headless, as fast as possible, with an optional scripted team."""
    from simulator.engine.actions import load_actions
    from simulator.engine.session import default_session_path
    from simulator.engine.simulate import simulate as run_simulation
    from simulator.engine.store import SessionError, stale_partials
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.durations import format_offset, parse_duration

    loaded = _load(scenario)
    stop = None
    if until is not None:
        try:
            stop = parse_duration(until)
        except ValueError as err:
            _usage_error(f"--until: {err}")
    actions = []
    if actions_file:
        try:
            actions = load_actions(Path(actions_file))
        except ScenarioError as err:
            _print_findings(err.findings, {}, err=True)
            sys.exit(EXIT_USAGE if all(f.line == 0 for f in err.findings) else EXIT_INVALID)
    path = Path(session_path) if session_path else default_session_path(loaded.scenario.id)
    for leftover in stale_partials(path.parent):
        if leftover.path.name != f"{path.name}.partial":  # that one stops the run below
            _say(f"note: {leftover.note()}", err=True)
    try:
        result = run_simulation(
            loaded, seed, actions, path, stop, actions_path=actions_file or "actions"
        )
    except ScenarioError as err:
        _print_findings(err.findings, {}, err=True)
        click.echo(_words(scenario=loaded.scenario.language)("nothing.actions"), err=True)
        sys.exit(EXIT_INVALID)
    except SessionError as err:
        _usage_error(str(err))
    s = result.summary
    click.echo(f"Delivered {s.delivered:,} items up to {format_offset(result.until)}.")
    click.echo(
        f"Expectations: {s.met} met, {s.late} late, {s.missed} missed"
        + (f", {s.pending} still open" if s.pending else "")
        + "."
    )
    state = "ended" if result.ended else "stopped before the end (not ended)"
    _say(f"Session ({state}): {result.path}")


@cli.command("export")
@click.argument("session", type=click.Path(dir_okay=False, readable=False))
@output_options("Write to this file instead of standard output.")
def export_cmd(session: str, output: Output | None) -> None:
    """Write a session's events as JSON Lines, one object per event, in order."""
    import json

    from simulator.engine.store import SessionError, SessionStore
    from simulator.scenario.diagnostics import json_safe

    try:
        store = SessionStore.open(Path(session), readonly=True)
    except SessionError as err:
        _say(f"crisis-sim: error: {err}", err=True)
        sys.exit(EXIT_INVALID)
    try:
        if not store.ended:
            _say(_words()("note.exported", path=session), err=True)
        # Escaping every control character keeps the data and the terminal intact alike.
        lines = (
            json_safe(json.dumps(e.as_record(), ensure_ascii=False)) + "\n" for e in store.events()
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
        _say(f"crisis-sim: error: {err}", err=True)
        sys.exit(EXIT_INVALID)
    finally:
        store.close()


@cli.command()
@click.argument("sessions", nargs=-1, required=True, metavar="SESSION...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "md", "html"]),
    default="table",
    show_default=True,
)
@lang_option("Language of the report (table, md and html; json and csv keep English names)")
@output_options()
def score(sessions: tuple[str, ...], fmt: str, lang: str | None, output: Output | None) -> None:
    """The debrief: response times, rumours, personal data, guidelines and a score.

    Several sessions of the same scenario are compared side by side.
    """
    from simulator.engine.store import SessionError
    from simulator.scenario.diagnostics import json_safe
    from simulator.scoring import reports
    from simulator.scoring.metrics import score_session

    scores = []
    for session in sessions:
        try:
            scores.append(score_session(Path(session)))
        except SessionError as err:
            _say(f"crisis-sim: error: {err}", err=True)
            sys.exit(EXIT_INVALID)
    digests = {(s.scenario.id, s.scenario_sha256) for s in scores}
    if len(digests) > 1:
        listing = "; ".join(f"{s.path}: {s.scenario.id}" for s in scores)
        _say(
            "crisis-sim: error: these sessions ran different scenarios (or different "
            f"versions of one), so they cannot be compared: {listing}",
            err=True,
        )
        sys.exit(EXIT_INVALID)
    words = _words(lang, scores[0].scenario.language)
    for s in scores:
        if not s.complete:
            _say(words("note.scored", path=s.path), err=True)
    if fmt == "table":
        import io

        if output is None:
            _print_rich(reports.to_table(scores, lang))
            return
        buffer = io.StringIO()
        _print_rich(reports.to_table(scores, lang), file=buffer, width=140)
        _write_output(buffer.getvalue(), output, inputs=sessions)
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


@cli.command()
@click.argument("session", type=click.Path(dir_okay=False, readable=False))
@click.option(
    "--speed",
    type=FiniteFloatRange(0.25, 20),
    default=4.0,
    show_default=True,
    help="Replay speed; change it with + and - while it plays.",
)
@lang_option("Language of the console")
def replay(session: str, speed: float, lang: str | None) -> None:
    """Replay an exercise for the debrief: seek with arrow keys, space pauses."""
    from simulator.engine.store import SessionError
    from simulator.scoring.replay import ReplayLog

    try:
        log = ReplayLog(Path(session))
    except SessionError as err:
        _say(f"crisis-sim: error: {err}", err=True)
        sys.exit(EXIT_INVALID)
    words = _words(lang, log.loaded.scenario.language)
    _needs_terminal(words)
    from simulator.tui.replay import ReplayApp

    app = ReplayApp(log, speed=speed, language=lang)
    app.run()
    sys.exit(_console_status(app, words))


def main() -> None:
    """Entry point: run the CLI; every failure ends in one line and a documented exit code.

    This is the one place that turns what escapes a command into a message: a usage error,
    ctrl+c, a file system or an output that refuses a write, and, last, a bug.
    """
    try:
        try:
            result = cli.main(prog_name="crisis-sim", standalone_mode=False)
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
    sys.exit(status)


def _click_message(err: click.ClickException) -> str:
    """A usage error on one line: the option, what is wrong, and where the help is."""
    missing = isinstance(err, click.MissingParameter)
    if isinstance(err, click.BadParameter) and not missing and err.param is not None:
        hint = err.param_hint or err.param.get_error_hint(err.ctx)  # type: ignore[arg-type]
        if isinstance(hint, list | tuple):
            hint = " / ".join(hint)
        return f"{str(hint).strip(chr(39))}: {err.message}"
    message = err.format_message().rstrip(".")
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.UsageError) and ctx is not None:
        return f"{message}; see '{ctx.command_path} --help'"
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
        what = "cannot write the output"
    _last_words(f"crisis-sim: error: {what}: {os_reason(err)}")
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
