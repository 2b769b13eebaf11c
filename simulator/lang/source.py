"""What is said of a file before its content is checked: reading, YAML, durations,
placeholders and limits."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

SOURCE: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    # -- files: what a path is, and why it is not read or written ------------------------
    # A refusal is a predicate after a subject ("the file" + "cannot be read: ...") or
    # after the path's own name.
    "sentence": ("{subject} {predicate}", "{subject} {predicate}", "{subject} {predicate}"),
    "subject_file": ("the file", "filen", "fila"),
    "subject_this": ("this", "dette", "dette"),
    "kind_folder": ("a folder", "en mappe", "ei mappe"),
    "kind_fifo": ("a named pipe (FIFO)", "et navngitt rør (FIFO)", "eit namngjeve røyr (FIFO)"),
    "kind_socket": ("a socket", "en socket", "ein socket"),
    "kind_device": ("a device", "en enhet", "ei eining"),
    "kind_link": ("a symbolic link", "en symbolsk lenke", "ei symbolsk lenkje"),
    "kind_other": ("not a regular file", "ikke en vanlig fil", "ikkje ei vanleg fil"),
    "not_a_file": (
        "is {kind}; give the path of a file",
        "er {kind}; oppgi stien til en fil",
        "er {kind}; skriv stien til ei fil",
    ),
    "too_large": (
        "is over {limit} ({size}); files over {limit} are refused. Split it, or remove what "
        "it does not need",
        "er over {limit} ({size}); filer over {limit} blir avvist. Del den opp, eller fjern "
        "det den ikke trenger",
        "er over {limit} ({size}); filer over {limit} blir avviste. Del ho opp, eller fjern "
        "det ho ikkje treng",
    ),
    "grew": (
        "grew past {limit} while it was read; files over {limit} are refused",
        "vokste forbi {limit} mens den ble lest; filer over {limit} blir avvist",
        "voks forbi {limit} medan ho vart lesen; filer over {limit} blir avviste",
    ),
    "dangling_link": (
        "is a symbolic link to {target}, which does not exist; give the path of the file itself",
        "er en symbolsk lenke til {target}, som ikke finnes; oppgi stien til selve filen",
        "er ei symbolsk lenkje til {target}, som ikkje finst; skriv stien til sjølve fila",
    ),
    "cannot_read": (
        "cannot be read: {reason}",
        "kan ikke leses: {reason}",
        "kan ikkje lesast: {reason}",
    ),
    "cannot_write": (
        "cannot be written: {reason}",
        "kan ikke skrives: {reason}",
        "kan ikkje skrivast: {reason}",
    ),
    "link_refused": (
        "is a symbolic link; give the real file's path, or add --follow-symlinks to write to "
        "the file it points to",
        "er en symbolsk lenke; oppgi stien til den virkelige filen, eller legg til "
        "--follow-symlinks for å skrive til filen den peker på",
        "er ei symbolsk lenkje; skriv stien til den verkelege fila, eller legg til "
        "--follow-symlinks for å skrive til fila ho peikar på",
    ),
    "not_output_file": (
        "is {kind}, not a file; give -o the name of a new or existing file",
        "er {kind}, ikke en fil; gi -o navnet på en ny eller eksisterende fil",
        "er {kind}, ikkje ei fil; gje -o namnet på ei ny eller eksisterande fil",
    ),
    "folder_missing": (
        "the folder {folder} does not exist; create it first, or choose another place",
        "mappen {folder} finnes ikke; opprett den først, eller velg et annet sted",
        "mappa {folder} finst ikkje; opprett ho først, eller vel ein annan stad",
    ),
    "no_temporary": (
        "no free temporary name beside it",
        "fant ikke noe ledig midlertidig navn ved siden av den",
        "fann ikkje noko ledig mellombels namn ved sida av ho",
    ),
    "size_mb": ("{mb} MB", "{mb} MB", "{mb} MB"),
    "size_mb_tenths": ("{mb}.{tenth} MB", "{mb},{tenth} MB", "{mb},{tenth} MB"),
    "size_bytes": ("{count:,} bytes", "{count:,} byte", "{count:,} byte"),
    # The operating system's reasons, in plain words for the end of a message.
    "os_enoent": (
        "no such file or folder; check the path",
        "filen eller mappen finnes ikke; sjekk stien",
        "fila eller mappa finst ikkje; sjekk stien",
    ),
    "os_denied": ("permission denied", "ingen tilgang", "ingen tilgang"),
    "os_read_only": ("the disk is read-only", "disken er skrivebeskyttet", "disken er skriveverna"),
    "os_full": (
        "the disk is full; free some space and try again",
        "disken er full; frigjør plass og prøv igjen",
        "disken er full; frigjer plass og prøv att",
    ),
    "os_quota": (
        "the disk quota is used up; free some space and try again",
        "diskkvoten er brukt opp; frigjør plass og prøv igjen",
        "diskkvoten er brukt opp; frigjer plass og prøv att",
    ),
    "os_too_big": (
        "the file would be larger than this system allows",
        "filen ville blitt større enn dette systemet tillater",
        "fila ville vorte større enn dette systemet tillèt",
    ),
    "os_loop": (
        "the path is a loop of symbolic links",
        "stien er en sløyfe av symbolske lenker",
        "stien er ei sløyfe av symbolske lenkjer",
    ),
    "os_name_too_long": (
        "the name is too long; choose a shorter one",
        "navnet er for langt; velg et kortere",
        "namnet er for langt; vel eit kortare",
    ),
    "os_is_folder": ("it is a folder", "det er en mappe", "det er ei mappe"),
    "os_not_folder": (
        "a part of the path is not a folder",
        "en del av stien er ikke en mappe",
        "ein del av stien er ikkje ei mappe",
    ),
    # Any other reason, as the system words it.
    "os_other": ("{reason}", "{reason}", "{reason}"),
    "mode_invalid": (
        "'{text}' is not a file mode; give three octal digits such as 600 (only you) or "
        "644 (everyone may read)",
        "«{text}» er ikke en filmodus; oppgi tre oktale sifre, som 600 (bare du) eller "
        "644 (alle kan lese)",
        "«{text}» er ikkje ein filmodus; skriv tre oktale siffer, som 600 (berre du) eller "
        "644 (alle kan lese)",
    ),
    "mode_special": (
        "'{text}' sets special bits; give three octal digits such as 600",
        "«{text}» setter spesialbiter; oppgi tre oktale sifre, som 600",
        "«{text}» set spesialbitar; skriv tre oktale siffer, som 600",
    ),
    # -- reading a scenario file ------------------------------------------------------------
    "not_utf8": (
        "byte 0x{byte} is not UTF-8 text; save the file with UTF-8 encoding",
        "byte 0x{byte} er ikke UTF-8-tekst; lagre filen med UTF-8-koding",
        "byte 0x{byte} er ikkje UTF-8-tekst; lagre fila med UTF-8-koding",
    ),
    "not_utf8_utf16": (
        "byte 0x{byte} is not UTF-8 text; it looks like UTF-16; save the file with UTF-8 encoding",
        "byte 0x{byte} er ikke UTF-8-tekst; det ser ut som UTF-16; lagre filen med UTF-8-koding",
        "byte 0x{byte} er ikkje UTF-8-tekst; det ser ut som UTF-16; lagre fila med UTF-8-koding",
    ),
    "stdin": (
        "a scenario cannot be read from standard input; give the path of a .yaml file, or "
        "the name of a bundled scenario",
        "et scenario kan ikke leses fra standard inndata; oppgi stien til en .yaml-fil, "
        "eller navnet på et innebygd scenario",
        "eit scenario kan ikkje lesast frå standard inndata; skriv stien til ei .yaml-fil, "
        "eller namnet på eit innebygd scenario",
    ),
    "no_such_scenario": (
        "no such file, and no bundled scenario of that name (bundled: {names}); check the "
        "path, or run 'crisis-sim list'",
        "filen finnes ikke, og det er ikke noe innebygd scenario med det navnet (innebygde: "
        "{names}); sjekk stien, eller kjør 'crisis-sim list'",
        "fila finst ikkje, og det er ikkje noko innebygd scenario med det namnet (innebygde: "
        "{names}); sjekk stien, eller køyr 'crisis-sim list'",
    ),
    "none": ("none", "ingen", "ingen"),
    "not_mapping": (
        "the file must be a mapping of keys (format, id, title, duration, ...), not a list "
        "or a single value; start it with 'format: 1'",
        "filen må være en samling nøkler med verdier (format, id, title, duration, ...), "
        "ikke en liste eller én enkelt verdi; begynn den med 'format: 1'",
        "fila må vere ei samling nøklar med verdiar (format, id, title, duration, ...), "
        "ikkje ei liste eller éin einskild verdi; start ho med 'format: 1'",
    ),
    # -- YAML --------------------------------------------------------------------------------
    "empty": (
        "the file is empty; a scenario starts with 'format: 1'",
        "filen er tom; et scenario begynner med 'format: 1'",
        "fila er tom; eit scenario byrjar med 'format: 1'",
    ),
    "character_removed": (
        "the character U+{code} is not allowed in YAML; remove it",
        "tegnet U+{code} er ikke tillatt i YAML; fjern det",
        "teiknet U+{code} er ikkje tillate i YAML; fjern det",
    ),
    "character_refused": (
        "the character U+{code} is not allowed in YAML; remove it, or write it as an escape "
        "inside double quotes",
        "tegnet U+{code} er ikke tillatt i YAML; fjern det, eller skriv det som en "
        "escape-sekvens inne i doble anførselstegn",
        "teiknet U+{code} er ikkje tillate i YAML; fjern det, eller skriv det som ein "
        "escape-sekvens inne i doble hermeteikn",
    ),
    "control_refused": (
        "a control character is not allowed in YAML; remove it, or write it as an escape "
        "inside double quotes",
        "et kontrolltegn er ikke tillatt i YAML; fjern det, eller skriv det som en "
        "escape-sekvens inne i doble anførselstegn",
        "eit kontrollteikn er ikkje tillate i YAML; fjern det, eller skriv det som ein "
        "escape-sekvens inne i doble hermeteikn",
    ),
    "syntax": ("invalid YAML: {problem}", "ugyldig YAML: {problem}", "ugyldig YAML: {problem}"),
    "syntax_hint": (
        "invalid YAML: {problem}; {hint}",
        "ugyldig YAML: {problem}; {hint}",
        "ugyldig YAML: {problem}; {hint}",
    ),
    # What the YAML parser found. The English is the parser's own wording; a problem not
    # listed here is shown as the parser words it.
    "problem_invalid": ("invalid YAML", "ugyldig YAML", "ugyldig YAML"),
    "problem_tab": (
        "found a tab character that violates indentation",
        "fant et tabulatortegn som bryter innrykket",
        "fann eit tabulatorteikn som bryt innrykket",
    ),
    "problem_token": (
        "found character that cannot start any token",
        "fant et tegn som ikke kan stå her",
        "fann eit teikn som ikkje kan stå her",
    ),
    "problem_colon": (
        "mapping values are not allowed in this context",
        "et kolon med mellomrom etter kan ikke stå her",
        "eit kolon med mellomrom etter kan ikkje stå her",
    ),
    "problem_end": (
        "found unexpected end of stream",
        "filen slutter uventet",
        "fila sluttar uventa",
    ),
    "problem_key": (
        "did not find expected key",
        "fant ikke nøkkelen som skulle komme her",
        "fann ikkje nøkkelen som skulle kome her",
    ),
    "problem_dash": (
        "did not find expected '-' indicator",
        "fant ikke '-' der det skulle stå",
        "fann ikkje '-' der det skulle stå",
    ),
    "problem_close": (
        "did not find expected ',' or '{close}'",
        "fant ikke ',' eller '{close}' der det skulle stå",
        "fann ikkje ',' eller '{close}' der det skulle stå",
    ),
    "problem_key_colon": (
        "could not find expected ':'",
        "fant ikke ':' der det skulle stå",
        "fann ikkje ':' der det skulle stå",
    ),
    "problem_content": (
        "did not find expected node content",
        "fant ikke verdien som skulle stå her",
        "fann ikkje verdien som skulle stå her",
    ),
    "problem_name": (
        "did not find expected alphabetic or numeric character",
        "fant ikke bokstaven eller sifferet som skulle stå her",
        "fann ikkje bokstaven eller sifferet som skulle stå her",
    ),
    "problem_alias": (
        "found undefined alias",
        "fant et alias som ikke er definert",
        "fann eit alias som ikkje er definert",
    ),
    "problem_escape": (
        "found unknown escape character",
        "fant en ukjent escape-sekvens",
        "fann ein ukjend escape-sekvens",
    ),
    "problem_directive": (
        "found unknown directive name",
        "fant et ukjent direktiv",
        "fann eit ukjent direktiv",
    ),
    "problem_documents": (
        "but found another document",
        "men fant et dokument til",
        "men fann eit dokument til",
    ),
    "problem_anchor": (
        "found duplicate anchor",
        "fant et anker som er definert to ganger",
        "fann eit anker som er definert to gonger",
    ),
    # How to fix it.
    "hint_tab": (
        "YAML indents with spaces, never tabs; replace the tab with spaces",
        "YAML rykker inn med mellomrom, aldri med tabulator; bytt ut tabulatoren med mellomrom",
        "YAML rykkjer inn med mellomrom, aldri med tabulator; byt ut tabulatoren med mellomrom",
    ),
    "hint_colon": (
        "a value holds ': ' (colon and space); put the whole text in quotes",
        "en verdi inneholder ': ' (kolon og mellomrom); sett hele teksten i anførselstegn",
        "ein verdi inneheld ': ' (kolon og mellomrom); set heile teksten i hermeteikn",
    ),
    "hint_dash": (
        "check the indentation: items of one list start with '- ' in the same column",
        "sjekk innrykket: punktene i en liste begynner med '- ' i samme kolonne",
        "sjekk innrykket: punkta i ei liste byrjar med '- ' i same kolonne",
    ),
    "hint_key": (
        "check the indentation: keys of one mapping start in the same column",
        "sjekk innrykket: nøklene på samme nivå begynner i samme kolonne",
        "sjekk innrykket: nøklane på same nivå byrjar i same kolonne",
    ),
    "hint_alias": (
        "an alias *name needs an anchor &name defined before it",
        "et alias *name trenger et anker &name definert før det",
        "eit alias *name treng eit anker &name definert før det",
    ),
    "hint_anchor": (
        "give each anchor &name a name of its own",
        "gi hvert anker &name sitt eget navn",
        "gje kvart anker &name sitt eige namn",
    ),
    "hint_key_colon": (
        "a key must be followed by ':' and a space",
        "en nøkkel må følges av ':' og et mellomrom",
        "ein nøkkel må følgjast av ':' og eit mellomrom",
    ),
    "hint_documents": (
        "the file holds more than one YAML document ('---'); keep one scenario per file",
        "filen inneholder mer enn ett YAML-dokument ('---'); ha ett scenario per fil",
        "fila inneheld meir enn eitt YAML-dokument ('---'); ha eitt scenario per fil",
    ),
    "hint_second_document": (
        "keep one scenario per file (remove the second '---')",
        "ha ett scenario per fil (fjern den andre '---')",
        "ha eitt scenario per fil (fjern den andre '---')",
    ),
    "hint_block": (
        "check the indentation of this line against the lines above it",
        "sjekk innrykket på denne linjen mot linjene over",
        "sjekk innrykket på denne linja mot linjene over",
    ),
    "hint_quote": (
        "a quoted text is never closed; add the closing quote",
        "en tekst i anførselstegn blir aldri avsluttet; legg til det avsluttende anførselstegnet",
        "ein tekst i hermeteikn blir aldri avslutta; legg til det avsluttande hermeteiknet",
    ),
    "alias_bomb": (
        "aliases expand to more than {count:,} values (an 'alias bomb'); write the values "
        "out instead of nesting aliases",
        "aliasene blir til mer enn {count:,} verdier (en «aliasbombe»); skriv verdiene ut i "
        "stedet for å nøste aliaser",
        "aliasa blir til meir enn {count:,} verdiar (ei «aliasbombe»); skriv verdiane ut i "
        "staden for å nøste alias",
    ),
    "alias_chars": (
        "aliases expand to more than {count:,} characters of text; write the texts out "
        "instead of repeating them with aliases",
        "aliasene blir til mer enn {count:,} tegn tekst; skriv tekstene ut i stedet for å "
        "gjenta dem med aliaser",
        "aliasa blir til meir enn {count:,} teikn tekst; skriv tekstane ut i staden for å "
        "gjenta dei med alias",
    ),
    "alias_recursive": (
        "an alias refers to the mapping or list that contains it; recursive data cannot be "
        "a scenario",
        "et alias viser til samlingen eller listen det selv står i; data som viser til seg "
        "selv kan ikke være et scenario",
        "eit alias viser til samlinga eller lista det sjølv står i; data som viser til seg "
        "sjølv kan ikkje vere eit scenario",
    ),
    "too_deep": (
        "nested more than {count} levels deep; a scenario needs only a few levels",
        "nøstet mer enn {count} nivåer dypt; et scenario trenger bare noen få nivåer",
        "nøsta meir enn {count} nivå djupt; eit scenario treng berre nokre få nivå",
    ),
    "key_not_text": (
        "a key must be plain text, not a list or a mapping",
        "en nøkkel må være vanlig tekst, ikke en liste eller en samling",
        "ein nøkkel må vere vanleg tekst, ikkje ei liste eller ei samling",
    ),
    "merge_key": (
        "merge keys ('<<') are not supported; write the fields out in full",
        "flettenøkler ('<<') støttes ikke; skriv feltene ut i sin helhet",
        "flettenøklar ('<<') er ikkje støtta; skriv felta ut i sin heilskap",
    ),
    "duplicate_key": (
        "duplicate key '{name}' (first given on line {line}); remove or rename one of them "
        "(other YAML tools would silently keep only the last)",
        "nøkkelen «{name}» står to ganger (først på linje {line}); fjern eller gi nytt navn "
        "til én av dem (andre YAML-verktøy ville i det stille bare beholdt den siste)",
        "nøkkelen «{name}» står to gonger (først på linje {line}); fjern eller gje nytt namn "
        "til éin av dei (andre YAML-verktøy ville i det stille berre halde på den siste)",
    ),
    "tag_refused": (
        "the YAML tag '{tag}' is not allowed; scenario files hold plain data only, so "
        "remove the tag",
        "YAML-taggen «{tag}» er ikke tillatt; scenariofiler inneholder bare vanlige data, "
        "så fjern taggen",
        "YAML-taggen «{tag}» er ikkje tillaten; scenariofiler inneheld berre vanlege data, "
        "så fjern taggen",
    ),
    "number_too_long": (
        "this number is far too long; write a shorter number, or put it in quotes if it is "
        "meant as text",
        "dette tallet er altfor langt; skriv et kortere tall, eller sett det i "
        "anførselstegn hvis det er ment som tekst",
        "dette talet er altfor langt; skriv eit kortare tal, eller set det i hermeteikn "
        "viss det er meint som tekst",
    ),
    # -- durations -----------------------------------------------------------------------
    "duration_help": (
        "write it like 90s, 15m, 1h30m, 01:30:00, or a whole number of seconds",
        "skriv den som 90s, 15m, 1h30m, 01:30:00 eller et helt antall sekunder",
        "skriv ho som 90s, 15m, 1h30m, 01:30:00 eller eit heilt tal sekund",
    ),
    "duration_expected": (
        "expected a duration, got {value}; {help}",
        "ventet en varighet, fikk {value}; {help}",
        "venta ei tidslengd, fekk {value}; {help}",
    ),
    "duration_negative": (
        "a duration cannot be negative ({value}); {help}",
        "en varighet kan ikke være negativ ({value}); {help}",
        "ei tidslengd kan ikkje vere negativ ({value}); {help}",
    ),
    "duration_negative_text": (
        "a duration cannot be negative ('{value}'); {help}",
        "en varighet kan ikke være negativ («{value}»); {help}",
        "ei tidslengd kan ikkje vere negativ («{value}»); {help}",
    ),
    "duration_whole": (
        "a duration is whole seconds, got {value}; {help}",
        "en varighet er hele sekunder, fikk {value}; {help}",
        "ei tidslengd er heile sekund, fekk {value}; {help}",
    ),
    "duration_digits": (
        "a number of {count} digits is far too long for a duration; {help}",
        "et tall med {count} sifre er altfor langt for en varighet; {help}",
        "eit tal med {count} siffer er altfor langt for ei tidslengd; {help}",
    ),
    "duration_character": (
        "'{value}' holds the character '{char}' (U+{code}); write durations with the digits "
        "0-9 and the letters h, m, s; {help}",
        "«{value}» inneholder tegnet «{char}» (U+{code}); skriv varigheter med sifrene 0-9 "
        "og bokstavene h, m, s; {help}",
        "«{value}» inneheld teiknet «{char}» (U+{code}); skriv tidslengder med sifra 0-9 og "
        "bokstavane h, m, s; {help}",
    ),
    "duration_ambiguous": (
        "'{value}' is ambiguous; write hours, minutes and seconds as HH:MM:SS (00:04:30), "
        "or use units (4m30s)",
        "«{value}» kan leses på flere måter; skriv timer, minutter og sekunder som HH:MM:SS "
        "(00:04:30), eller bruk enheter (4m30s)",
        "«{value}» kan lesast på fleire måtar; skriv timar, minutt og sekund som HH:MM:SS "
        "(00:04:30), eller bruk einingar (4m30s)",
    ),
    "duration_not": (
        "'{value}' is not a duration; {help}",
        "«{value}» er ikke en varighet; {help}",
        "«{value}» er ikkje ei tidslengd; {help}",
    ),
    # A deadline written as the time of day a journalist gives ("Vi publiserer kl. 07:00").
    "day_time": (
        "'{value}' is not a time of day; write hours and minutes of the fictional clock, "
        "quoted, as \"07:00\" (00:00 to 23:59), or give a span after delivery with 'within'",
        "«{value}» er ikke et klokkeslett; skriv timer og minutter på den fiktive klokka, "
        'i anførselstegn, som "07:00" (00:00 til 23:59), eller gi en frist etter leveringen '
        "med «within»",
        "«{value}» er ikkje eit klokkeslett; skriv timar og minutt på den fiktive klokka, "
        'i hermeteikn, som "07:00" (00:00 til 23:59), eller gi ein frist etter leveringa '
        "med «within»",
    ),
    # -- placeholders in texts -------------------------------------------------------------
    # Templates with braces always get a value, so that '{{' is written as one brace.
    "brace_unclosed": (
        "a '{brace}' is never closed; write '{brace}{brace}' for a literal brace",
        "en '{brace}' blir aldri lukket; skriv '{brace}{brace}' for en vanlig klammeparentes",
        "ein '{brace}' blir aldri lukka; skriv '{brace}{brace}' for ein vanleg klammeparentes",
    ),
    "brace_lone": (
        "a lone '{brace}'; write '{brace}{brace}' for a literal brace",
        "en '{brace}' står alene; skriv '{brace}{brace}' for en vanlig klammeparentes",
        "ein '{brace}' står åleine; skriv '{brace}{brace}' for ein vanleg klammeparentes",
    ),
    "not_placeholder": (
        "'{token}' is not a placeholder; placeholders look like {{name}}, and '{{{{' / "
        "'}}}}' give literal braces",
        "«{token}» er ikke en plassholder; plassholdere ser ut som {{name}}, og '{{{{' / "
        "'}}}}' gir vanlige klammeparenteser",
        "«{token}» er ikkje ein plasshaldar; plasshaldarar ser ut som {{name}}, og '{{{{' / "
        "'}}}}' gir vanlege klammeparentesar",
    ),
    "placeholder_guess": (
        "did you mean {{{name}}}? ",
        "mente du {{{name}}}? ",
        "meinte du {{{name}}}? ",
    ),
    "placeholder_unknown": (
        "unknown placeholder {{{name}}}; {hint}declare it under 'variables' (now: "
        "{declared}), or write {{{{ and }}}} for literal braces",
        "ukjent plassholder {{{name}}}; {hint}legg den inn under 'variables' (nå: "
        "{declared}), eller skriv {{{{ og }}}} for vanlige klammeparenteser",
        "ukjend plasshaldar {{{name}}}; {hint}legg han inn under 'variables' (no: "
        "{declared}), eller skriv {{{{ og }}}} for vanlege klammeparentesar",
    ),
    "fake_unknown": (
        "unknown placeholder {{{name}}}; {hint}the fake values are: {providers}",
        "ukjent plassholder {{{name}}}; {hint}de oppdiktede verdiene er: {providers}",
        "ukjend plasshaldar {{{name}}}; {hint}dei oppdikta verdiane er: {providers}",
    ),
    "declared_none": ("none declared", "ingen er lagt inn", "ingen er lagde inn"),
    "declared_more": (
        "{names}, … ({count:,} in all)",
        "{names}, … ({count:,} i alt)",
        "{names}, … ({count:,} i alt)",
    ),
    # -- the model's own checks ----------------------------------------------------------
    "id_too_long": (
        "an id is at most {limit} characters, this one has {count}; shorten it (e.g. press-1)",
        "en id er høyst {limit} tegn, denne har {count}; gjør den kortere (f.eks. press-1)",
        "ein id er høgst {limit} teikn, denne har {count}; gjer han kortare (t.d. press-1)",
    ),
    "id_invalid": (
        "'{value}' is not a valid id; use lowercase letters a-z, digits, '-' and '_', "
        "starting with a letter or digit (e.g. press-1)",
        "«{value}» er ikke en gyldig id; bruk små bokstaver a-z, sifre, '-' og '_', og "
        "begynn med en bokstav eller et siffer (f.eks. press-1)",
        "«{value}» er ikkje ein gyldig id; bruk små bokstavar a-z, siffer, '-' og '_', og "
        "start med ein bokstav eller eit siffer (t.d. press-1)",
    ),
    "not_finite": (
        "must be an ordinary number, not infinity or NaN",
        "må være et vanlig tall, ikke uendelig eller NaN",
        "må vere eit vanleg tal, ikkje uendeleg eller NaN",
    ),
    "number": ("{value:,}", "{value:,}", "{value:,}"),
    "at_most": (
        "must be at most {limit:,}, got {value}; {fix}",
        "må være høyst {limit:,}, fikk {value}; {fix}",
        "må vere høgst {limit:,}, fekk {value}; {fix}",
    ),
    "at_most_points": (
        "must be at most {limit:,} points, got {value}; {fix}",
        "må være høyst {limit:,} poeng, fikk {value}; {fix}",
        "må vere høgst {limit:,} poeng, fekk {value}; {fix}",
    ),
    "at_most_views": (
        "must be at most {limit:,} views, got {value}; {fix}",
        "må være høyst {limit:,} visninger, fikk {value}; {fix}",
        "må vere høgst {limit:,} visingar, fekk {value}; {fix}",
    ),
    "at_most_rate": (
        "must be at most {limit:,} items per minute, got {value}; {fix}",
        "må være høyst {limit:,} saker per minutt, fikk {value}; {fix}",
        "må vere høgst {limit:,} saker per minutt, fekk {value}; {fix}",
    ),
    "duration_at_most": (
        "must be at most {limit} ({days} days), got {value}; {fix}",
        "må være høyst {limit} ({days} døgn), fikk {value}; {fix}",
        "må vere høgst {limit} ({days} døgn), fekk {value}; {fix}",
    ),
    "fix_any_duration": (
        "no time or deadline of a scenario needs to be later than that",
        "ingen tid eller frist i et scenario trenger å være senere enn det",
        "inga tid eller frist i eit scenario treng å vere seinare enn det",
    ),
    "fix_scenario_duration": (
        "split a longer exercise into several scenarios",
        "del en lengre øvelse opp i flere scenarioer",
        "del ei lengre øving opp i fleire scenario",
    ),
    "fix_followers": (
        "no account has more followers",
        "ingen konto har flere følgere",
        "ingen konto har fleire følgjarar",
    ),
    "fix_points": (
        "weigh expectations with smaller numbers",
        "vekt forventningene med mindre tall",
        "vekt forventingane med mindre tal",
    ),
    "fix_reach": (
        "no item is seen more often",
        "ingen sak blir sett oftere",
        "ingen sak blir sett oftare",
    ),
    "fix_rate": ("lower the rate", "senk raten", "senk raten"),
    "fix_factor": (
        "a burst of ten times the rate is already a storm",
        "et utbrudd på ti ganger raten er allerede en storm",
        "eit utbrot på ti gonger raten er alt ein storm",
    ),
    "fix_reaction_volume": (
        "1 is the usual number of reactions, 2 twice as many, 0 none",
        "1 er det vanlige antallet reaksjoner, 2 dobbelt så mange, 0 ingen",
        "1 er det vanlege talet på reaksjonar, 2 dobbelt så mange, 0 ingen",
    ),
    "fix_weights": (
        "weights are relative, so 60, 30 and 10 say the same as 0.6, 0.3 and 0.1",
        "vektene er relative, så 60, 30 og 10 sier det samme som 0.6, 0.3 og 0.1",
        "vektene er relative, så 60, 30 og 10 seier det same som 0.6, 0.3 og 0.1",
    ),
    "format_one": (
        "must be the whole number 1 (write 'format: 1'); this version of crisis-sim reads "
        "scenario format 1",
        "må være heltallet 1 (skriv 'format: 1'); denne versjonen av crisis-sim leser "
        "scenarioformat 1",
        "må vere heiltalet 1 (skriv 'format: 1'); denne versjonen av crisis-sim les "
        "scenarioformat 1",
    ),
    "year_range": (
        'the year must be between {low} and {high}, got {year}; write a date like "{example}"',
        'året må være mellom {low} og {high}, fikk {year}; skriv en dato som "{example}"',
        'året må vere mellom {low} og {high}, fekk {year}; skriv ein dato som "{example}"',
    ),
    "name_blank": (
        "a name is blank; write a name or a role, such as Kriseledelsen",
        "et navn er tomt; skriv et navn eller en rolle, for eksempel Kriseledelsen",
        "eit namn er tomt; skriv eit namn eller ei rolle, til dømes Kriseleiinga",
    ),
    "name_twice": (
        "'{name}' is listed twice; list each name once",
        "«{name}» står to ganger; før opp hvert navn én gang",
        "«{name}» står to gonger; før opp kvart namn éin gong",
    ),
    "after_one": (
        "'after' takes exactly one of delivered, met, missed or unanswered, with an inject "
        "id, for "
        "example '{example}'",
        "'after' tar nøyaktig én av delivered, met, missed eller unanswered, med en "
        "innspill-id, for "
        "eksempel '{example}'",
        "'after' tek nøyaktig éin av delivered, met, missed eller unanswered, med ein "
        "innspel-id, til "
        "dømes '{example}'",
    ),
    "phrase_empty": (
        "a phrase is empty; write the words to look for, such as 'politiet'",
        "en frase er tom; skriv ordene det skal letes etter, for eksempel 'politiet'",
        "ein frase er tom; skriv orda det skal leitast etter, til dømes 'politiet'",
    ),
    "phrase_star_alone": (
        "a '*' needs the start of a word before it, such as 'omkom*'",
        "en '*' trenger begynnelsen av et ord foran seg, for eksempel 'omkom*'",
        "ein '*' treng byrjinga av eit ord framfor seg, til dømes 'omkom*'",
    ),
    "phrase_star_inside": (
        "'*' may only end a word ('{word}'); write the start of the word and one '*', such "
        "as 'omkom*' (phrases are plain words, not patterns)",
        "'*' kan bare stå til slutt i et ord («{word}»); skriv begynnelsen av ordet og én "
        "'*', for eksempel 'omkom*' (fraser er vanlige ord, ikke mønstre)",
        "'*' kan berre stå til slutt i eit ord («{word}»); skriv byrjinga av ordet og éin "
        "'*', til dømes 'omkom*' (frasar er vanlege ord, ikkje mønster)",
    ),
    "fix_audience": (
        "no area has more people",
        "ingen område har flere innbyggere",
        "ikkje noko område har fleire innbyggjarar",
    ),
}
