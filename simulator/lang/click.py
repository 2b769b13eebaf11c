"""The messages of click, the library that reads crisis-sim's command line: its usage
errors ("No such option"), the headings of ``--help`` and its own options' help.

click marks every message it writes for translation with :mod:`gettext`, by its English
text (the message id), so this table is keyed by those ids exactly as click writes them;
the command line turns it into the translations gettext reads for the run (see
:func:`simulator.cli.install_click_words`). An id click does not use any more is simply
never asked for; one this table lacks is shown in English.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CLICK: Final[dict[str, Entry]] = {
    # click's message id: (English = the id, bokmål, nynorsk); placeholders as click fills them
    # -- --help
    "Usage:": ("Usage:", "Bruk:", "Bruk:"),
    "Options": ("Options", "Valg", "Val"),
    "Commands": ("Commands", "Kommandoer", "Kommandoar"),
    "Positional arguments": ("Positional arguments", "Argumenter", "Argument"),
    "Show this message and exit.": (
        "Show this message and exit.",
        "Vis denne hjelpen og avslutt.",
        "Vis denne hjelpa og avslutt.",
    ),
    "Show the version and exit.": (
        "Show the version and exit.",
        "Vis versjonen og avslutt.",
        "Vis versjonen og avslutt.",
    ),
    "%(prog)s, version %(version)s": (
        "%(prog)s, version %(version)s",
        "%(prog)s, versjon %(version)s",
        "%(prog)s, versjon %(version)s",
    ),
    "default: {default}": ("default: {default}", "standard: {default}", "standard: {default}"),
    "required": ("required", "påkrevd", "påkravd"),
    "env var: {var}": ("env var: {var}", "miljøvariabel: {var}", "miljøvariabel: {var}"),
    "(dynamic)": ("(dynamic)", "(dynamisk)", "(dynamisk)"),
    "deprecated": ("deprecated", "utgått", "utgått"),
    "Aborted!": ("Aborted!", "Avbrutt!", "Avbrote!"),
    # -- usage errors
    "Error: {message}": ("Error: {message}", "Feil: {message}", "Feil: {message}"),
    "Try '{command} {option}' for help.": (
        "Try '{command} {option}' for help.",
        "Prøv «{command} {option}» for å få hjelp.",
        "Prøv «{command} {option}» for å få hjelp.",
    ),
    "Missing command.": ("Missing command.", "Kommandoen mangler.", "Kommandoen manglar."),
    "No such command {name!r}.": (
        "No such command {name!r}.",
        "Kommandoen {name!r} finnes ikke.",
        "Kommandoen {name!r} finst ikkje.",
    ),
    "No such option {name!r}.": (
        "No such option {name!r}.",
        "Valget {name!r} finnes ikke.",
        "Valet {name!r} finst ikkje.",
    ),
    "Did you mean {possibility}?": (
        "Did you mean {possibility}?",
        "Mente du {possibility}?",
        "Meinte du {possibility}?",
    ),
    "(Did you mean one of: {possibilities}?)": (
        "(Did you mean one of: {possibilities}?)",
        "(Mente du en av disse: {possibilities}?)",
        "(Meinte du ein av desse: {possibilities}?)",
    ),
    "Got unexpected extra argument ({args})": (
        "Got unexpected extra argument ({args})",
        "Fikk et argument for mye ({args})",
        "Fekk eitt argument for mykje ({args})",
    ),
    "Got unexpected extra arguments ({args})": (
        "Got unexpected extra arguments ({args})",
        "Fikk argumenter for mye ({args})",
        "Fekk argument for mykje ({args})",
    ),
    "Missing argument": ("Missing argument", "Mangler argumentet", "Manglar argumentet"),
    "Missing option": ("Missing option", "Mangler valget", "Manglar valet"),
    "Missing parameter": ("Missing parameter", "Mangler parameteren", "Manglar parameteren"),
    "Missing {param_type}": (
        "Missing {param_type}",
        "Mangler {param_type}",
        "Manglar {param_type}",
    ),
    "Missing parameter: {param_name}": (
        "Missing parameter: {param_name}",
        "Mangler parameteren: {param_name}",
        "Manglar parameteren: {param_name}",
    ),
    "Invalid value for {param_hint}: {message}": (
        "Invalid value for {param_hint}: {message}",
        "Ugyldig verdi for {param_hint}: {message}",
        "Ugyldig verdi for {param_hint}: {message}",
    ),
    "Invalid value: {message}": (
        "Invalid value: {message}",
        "Ugyldig verdi: {message}",
        "Ugyldig verdi: {message}",
    ),
    "unknown error": ("unknown error", "ukjent feil", "ukjend feil"),
    "Option {name!r} does not take a value.": (
        "Option {name!r} does not take a value.",
        "Valget {name!r} tar ingen verdi.",
        "Valet {name!r} tek ingen verdi.",
    ),
    "Option {name!r} requires an argument.": (
        "Option {name!r} requires an argument.",
        "Valget {name!r} trenger en verdi.",
        "Valet {name!r} treng ein verdi.",
    ),
    "Option {name!r} requires {nargs} arguments.": (
        "Option {name!r} requires {nargs} arguments.",
        "Valget {name!r} trenger {nargs} verdier.",
        "Valet {name!r} treng {nargs} verdiar.",
    ),
    "Argument {name!r} takes {nargs} values.": (
        "Argument {name!r} takes {nargs} values.",
        "Argumentet {name!r} tar {nargs} verdier.",
        "Argumentet {name!r} tek {nargs} verdiar.",
    ),
    "Takes {nargs} values but 1 was given.": (
        "Takes {nargs} values but 1 was given.",
        "Tar {nargs} verdier, men fikk 1.",
        "Tek {nargs} verdiar, men fekk 1.",
    ),
    "Takes {nargs} values but {len} were given.": (
        "Takes {nargs} values but {len} were given.",
        "Tar {nargs} verdier, men fikk {len}.",
        "Tek {nargs} verdiar, men fekk {len}.",
    ),
    # -- values that do not fit an option
    "{value!r} is not {choice}.": (
        "{value!r} is not {choice}.",
        "{value!r} er ikke {choice}.",
        "{value!r} er ikkje {choice}.",
    ),
    "{value!r} is not one of {choices}.": (
        "{value!r} is not one of {choices}.",
        "{value!r} er ikke en av {choices}.",
        "{value!r} er ikkje ein av {choices}.",
    ),
    "Choose from:\n\t{choices}": (
        "Choose from:\n\t{choices}",
        "Velg blant:\n\t{choices}",
        "Vel mellom:\n\t{choices}",
    ),
    "{value!r} is not a valid {number_type}.": (
        "{value!r} is not a valid {number_type}.",
        "{value!r} er ikke et gyldig tall ({number_type}).",
        "{value!r} er ikkje eit gyldig tal ({number_type}).",
    ),
    "{value} is not in the range {range}.": (
        "{value} is not in the range {range}.",
        "{value} er utenfor området {range}.",
        "{value} er utanfor området {range}.",
    ),
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} is not a valid boolean. Recognized values: {states}",
        "{value!r} er ikke en gyldig sannhetsverdi. Gyldige verdier: {states}",
        "{value!r} er ikkje ein gyldig sanningsverdi. Gyldige verdiar: {states}",
    ),
    "file": ("file", "fil", "fil"),
    "directory": ("directory", "mappe", "mappe"),
    "path": ("path", "sti", "sti"),
    "{name} {filename!r} does not exist.": (
        "{name} {filename!r} does not exist.",
        "{name} {filename!r} finnes ikke.",
        "{name} {filename!r} finst ikkje.",
    ),
    "{name} {filename!r} is a file.": (
        "{name} {filename!r} is a file.",
        "{name} {filename!r} er en fil.",
        "{name} {filename!r} er ei fil.",
    ),
    "{name} {filename!r} is a directory.": (
        "{name} {filename!r} is a directory.",
        "{name} {filename!r} er en mappe.",
        "{name} {filename!r} er ei mappe.",
    ),
    "{name} {filename!r} is not readable.": (
        "{name} {filename!r} is not readable.",
        "{name} {filename!r} kan ikke leses.",
        "{name} {filename!r} kan ikkje lesast.",
    ),
    "{name} {filename!r} is not writable.": (
        "{name} {filename!r} is not writable.",
        "{name} {filename!r} kan ikke skrives til.",
        "{name} {filename!r} kan ikkje skrivast til.",
    ),
    "Could not open file {filename!r}: {message}": (
        "Could not open file {filename!r}: {message}",
        "Kunne ikke åpne filen {filename!r}: {message}",
        "Kunne ikkje opne fila {filename!r}: {message}",
    ),
}

#: The messages click says in a singular and a plural form (``ngettext``): (singular id,
#: plural id), both keys of :data:`CLICK`. Norwegian, like English, has the singular for 1.
PLURALS: Final[tuple[tuple[str, str], ...]] = (
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
)
