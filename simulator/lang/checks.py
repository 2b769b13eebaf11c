"""What validate says of a scenario: its shape, its keys and the rules between them.

The keys of the scenario file ('after', 'from', 'format: 1', '90m') are what an author
types, so they stay as written in every language, between quotes. Entries whose key starts
with a lower-case clause name (``where.``, ``hint.``, ``type.``, ``noun.``, ``label.``,
``what.``) are parts of a sentence, put into the sentence of another entry.
"""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

CHECKS: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders.
    # Braces the reader sees are doubled ({{role, count}}) in an entry with placeholders; an
    # entry said without values is shown as written, so a YAML example with braces is given
    # to it as a value ({example}).
    # --- clauses put into other sentences ----------------------------------------------
    # Where in the file a finding is: " in inject 'press-1'", " in 'after' of inject ...".
    "where.section": (" in '{section}'", " i «{section}»", " i «{section}»"),
    "where.item": (" in {noun} {label}", " i {noun} {label}", " i {noun} {label}"),
    "where.inside": (
        " in '{section}' of {noun} {label}",
        " i «{section}» i {noun} {label}",
        " i «{section}» i {noun} {label}",
    ),
    "label.id": ("'{id}'", "«{id}»", "«{id}»"),
    "label.number": ("item {number}", "nr. {number}", "nr. {number}"),
    "noun.inject": ("inject", "innspill", "innspel"),
    "noun.persona": ("persona", "avsender", "avsendar"),
    "noun.platform": ("platform", "plattform", "plattform"),
    "noun.noise": ("noise stream", "bakgrunnsstrøm", "bakgrunnsstraum"),
    "noun.expectation": ("expectation", "forventning", "forventing"),
    "noun.rate": ("rate point", "ratepunkt", "ratepunkt"),
    "noun.objective": ("exercise objective", "øvingsmål", "øvingsmål"),
    "noun.item": (
        "inject or noise stream",
        "innspill eller bakgrunnsstrøm",
        "innspel eller bakgrunnsstraum",
    ),
    # A guess at what a typo meant.
    "hint.mean": ("did you mean '{guess}'? ", "mente du «{guess}»? ", "meinte du «{guess}»? "),
    "hint.suggest": (
        "; did you mean '{guess}'?",
        "; mente du «{guess}»?",
        "; meinte du «{guess}»?",
    ),
    "hint.noise": (
        " (a noise stream; triggers wait on injects)",
        " (en bakgrunnsstrøm; utløsere venter på innspill)",
        " (ein bakgrunnsstraum; utløysarar ventar på innspel)",
    ),
    # What the file has where something else was expected: "got a number (5)".
    "type.none": (
        "nothing (an empty value)",
        "ingenting (en tom verdi)",
        "ingenting (ein tom verdi)",
    ),
    "type.bool": ("true/false ({value})", "true/false ({value})", "true/false ({value})"),
    "type.number": ("a number ({value})", "et tall ({value})", "eit tal ({value})"),
    "type.text": ("the text {text!r}", "teksten «{text}»", "teksten «{text}»"),
    "type.long_text": ("a text", "en tekst", "ein tekst"),
    "type.list": ("a list", "en liste", "ei liste"),
    "type.mapping": (
        "a mapping (key: value pairs)",
        "en samling nøkler med verdier (key: value)",
        "ei samling nøklar med verdiar (key: value)",
    ),
    "type.other": ("{name}", "{name}", "{name}"),
    # The subject of a message about a mapping's key rather than its value.
    "field.key": ("key", "nøkkelen", "nøkkelen"),
    # Which deadline is too late.
    "what.within": ("'within'", "«within»", "«within»"),
    "what.deadline": ("the {kind} deadline", "svarfristen for {kind}", "svarfristen for {kind}"),
    "what.first_statement": ("first_statement", "«first_statement»", "«first_statement»"),
    # A message from another part of crisis-sim that does not say itself in every language
    # yet: shown as it came.
    # --- keys and the file's shape ------------------------------------------------------
    "key.not_text": (
        "a key here must be text, got {got}; write a name, in quotes if it looks like a "
        "number or null",
        "en nøkkel her må være tekst, men er {got}; skriv et navn, i anførselstegn hvis det "
        "ser ut som et tall eller null",
        "ein nøkkel her må vere tekst, men er {got}; skriv eit namn, i hermeteikn viss det "
        "ser ut som eit tal eller null",
    ),
    "key.unknown": (
        "unknown key '{name}'{where}; {hint}allowed keys: {allowed}",
        "ukjent nøkkel «{name}»{where}; {hint}tillatte nøkler: {allowed}",
        "ukjend nøkkel «{name}»{where}; {hint}tillatne nøklar: {allowed}",
    ),
    "key.missing": (
        "missing required key '{field}'{where}",
        "mangler den påkrevde nøkkelen «{field}»{where}",
        "manglar den påkravde nøkkelen «{field}»{where}",
    ),
    "key.missing.format": (
        "missing required key 'format'; add 'format: 1' at the top of the file",
        "mangler den påkrevde nøkkelen «format»; legg til «format: 1» øverst i filen",
        "manglar den påkravde nøkkelen «format»; legg til «format: 1» øvst i fila",
    ),
    # --- a value of the wrong type or size ----------------------------------------------
    "format": (
        "format must be 1, got {got}; this version of crisis-sim reads scenario format 1",
        "format må være 1, men er {got}; denne versjonen av crisis-sim leser scenarioformat 1",
        "format må vere 1, men er {got}; denne versjonen av crisis-sim les scenarioformat 1",
    ),
    "enum": (
        "{field} must be one of {options}, got {got}{hint}",
        "{field} må være en av {options}, men er {got}{hint}",
        "{field} må vere ein av {options}, men er {got}{hint}",
    ),
    "must.text": (
        "{field} must be text, got {got}; put it in quotes if it is meant as text",
        "{field} må være tekst, men er {got}; sett det i anførselstegn hvis det er ment som tekst",
        "{field} må vere tekst, men er {got}; set det i hermeteikn viss det er meint som tekst",
    ),
    "empty": (
        "{field} is empty; write something, or remove the key",
        "{field} er tom; skriv noe, eller fjern nøkkelen",
        "{field} er tom; skriv noko, eller fjern nøkkelen",
    ),
    "must.whole_number": (
        "{field} must be a whole number, got {got}",
        "{field} må være et heltall, men er {got}",
        "{field} må vere eit heiltal, men er {got}",
    ),
    "must.finite": (
        "{field} must be an ordinary number, not infinity or NaN, got {got}",
        "{field} må være et vanlig tall, ikke uendelig eller NaN, men er {got}",
        "{field} må vere eit vanleg tal, ikkje uendeleg eller NaN, men er {got}",
    ),
    "must.number": (
        "{field} must be a number, got {got}",
        "{field} må være et tall, men er {got}",
        "{field} må vere eit tal, men er {got}",
    ),
    "must.bool": (
        "{field} must be true or false, got {got}",
        "{field} må være true eller false, men er {got}",
        "{field} må vere true eller false, men er {got}",
    ),
    "must.list": (
        "{field} must be a list (lines starting with '- '), got {got}",
        "{field} må være en liste (linjer som begynner med «- »), men er {got}",
        "{field} må vere ei liste (linjer som byrjar med «- »), men er {got}",
    ),
    "must.mapping": (
        "{field} must be a mapping (key: value lines), got {got}",
        "{field} må være nøkler med verdier (linjer med key: value), men er {got}",
        "{field} må vere nøklar med verdiar (linjer med key: value), men er {got}",
    ),
    "too_long.text": (
        "{field} is at most {limit:,} characters, this one has {count:,}; shorten it",
        "{field} kan ha høyst {limit:,} tegn, men har {count:,}; kort ned teksten",
        "{field} kan ha høgst {limit:,} teikn, men har {count:,}; kort ned teksten",
    ),
    "too_long.list": (
        "{field} holds at most {limit:,} entries, got {count:,}; remove some, or split the "
        "scenario",
        "{field} kan ha høyst {limit:,} oppføringer, men har {count:,}; fjern noen, eller del "
        "opp scenarioet",
        "{field} kan ha høgst {limit:,} oppføringar, men har {count:,}; fjern nokre, eller del "
        "opp scenarioet",
    ),
    "too_short": (
        "{field} needs at least {limit} entry, got none",
        "{field} trenger minst {limit} oppføring, men har ingen",
        "{field} treng minst {limit} oppføring, men har ingen",
    ),
    "must.at_least": (
        "{field} must be {limit:g} or more, got {value}",
        "{field} må være {limit:g} eller mer, men er {value}",
        "{field} må vere {limit:g} eller meir, men er {value}",
    ),
    "must.more_than": (
        "{field} must be more than {limit:g}, got {value}",
        "{field} må være mer enn {limit:g}, men er {value}",
        "{field} må vere meir enn {limit:g}, men er {value}",
    ),
    "must.at_most": (
        "{field} must be at most {limit:g}, got {value}",
        "{field} kan være høyst {limit:g}, men er {value}",
        "{field} kan vere høgst {limit:g}, men er {value}",
    ),
    "must.datetime": (
        '{field} must be a date and time like "2026-03-12T07:40:00+01:00", got {got}',
        "{field} må være en dato og et klokkeslett som «2026-03-12T07:40:00+01:00», men er {got}",
        "{field} må vere ein dato og eit klokkeslett som «2026-03-12T07:40:00+01:00», men er {got}",
    ),
    "must.timezone": (
        '{field} needs a time zone offset, like "2026-03-12T07:40:00+01:00" (+01:00 is '
        "Norwegian winter time, +02:00 summer time)",
        "{field} trenger en tidssone, som i «2026-03-12T07:40:00+01:00» (+01:00 er norsk "
        "vintertid, +02:00 sommertid)",
        "{field} treng ei tidssone, som i «2026-03-12T07:40:00+01:00» (+01:00 er norsk "
        "vintertid, +02:00 sommartid)",
    ),
    "must.authors": (
        "{field} must be a mapping {{role, count}} or a list of persona ids, got {got}",
        "{field} må være {{role, count}} eller en liste med id-er for avsendere, men er {got}",
        "{field} må vere {{role, count}} eller ei liste med id-ar for avsendarar, men er {got}",
    ),
    # --- the scenario as a whole ----------------------------------------------------------
    "reactions.within.zero": (
        "within must be longer than 0: the public needs a moment to react; for example 20m",
        "within må være lengre enn 0: publikum trenger litt tid til å reagere; for eksempel 20m",
        "within må vere lengre enn 0: publikum treng litt tid til å reagere; til dømes 20m",
    ),
    "reactions.within.long": (
        "the reactions come within {within}, longer than the exercise ({duration}): most "
        "reactions to a late post will never come; shorten within",
        "reaksjonene kommer innen {within}, lenger enn øvelsen ({duration}): de fleste "
        "reaksjonene på et sent innlegg kommer aldri; gjør within kortere",
        "reaksjonane kjem innan {within}, lenger enn øvinga ({duration}): dei fleste "
        "reaksjonane på eit seint innlegg kjem aldri; gjer within kortare",
    ),
    "duration.zero": (
        "duration must be longer than 0; for example 90m",
        "duration må være lengre enn 0; for eksempel 90m",
        "duration må vere lengre enn 0; til dømes 90m",
    ),
    "id.duplicate": (
        "duplicate {noun} id '{id}' (first used on line {line}); ids must be unique, so rename one",
        "id-en «{id}» er brukt to ganger ({noun}, første gang på linje {line}); id-er må være "
        "unike, så gi en av dem nytt navn",
        "id-en «{id}» er brukt to gonger ({noun}, første gong på linje {line}); id-ar må vere "
        "unike, så gi ein av dei nytt namn",
    ),
    "persona.unused": (
        "persona '{persona}' is never used; give it an inject ('from') or a noise stream, "
        "or remove it",
        "avsenderen «{persona}» blir aldri brukt; gi den et innspill («from») eller en "
        "bakgrunnsstrøm, eller fjern den",
        "avsendaren «{persona}» blir aldri brukt; gi han eit innspel («from») eller ein "
        "bakgrunnsstraum, eller fjern han",
    ),
    "variable.reserved": (
        "'{name}' is a built-in placeholder and cannot be a variable; choose another name",
        "«{name}» er en innebygd plassholder og kan ikke være en variabel; velg et annet navn",
        "«{name}» er ein innebygd plasshaldar og kan ikkje vere ein variabel; vel eit anna namn",
    ),
    "variable.too_long": (
        "a variable name is at most {limit} characters, this one has {count}; shorten it",
        "et variabelnavn kan ha høyst {limit} tegn, dette har {count}; gjør det kortere",
        "eit variabelnamn kan ha høgst {limit} teikn, dette har {count}; gjer det kortare",
    ),
    "variable.name": (
        "variable name '{name}' must be letters, digits and '_', starting with a letter "
        "(e.g. kommune, hotline_1)",
        "variabelnavnet «{name}» kan bare ha bokstaver, sifre og «_», og må begynne med en "
        "bokstav (f.eks. kommune, hotline_1)",
        "variabelnamnet «{name}» kan berre ha bokstavar, siffer og «_», og må byrje med ein "
        "bokstav (t.d. kommune, hotline_1)",
    ),
    # --- injects --------------------------------------------------------------------------
    "from.undefined": (
        "'from' names persona '{persona}', which is not defined under 'personas'{hint}",
        "«from» viser til avsenderen «{persona}», som ikke er definert under «personas»{hint}",
        "«from» viser til avsendaren «{persona}», som ikkje er definert under «personas»{hint}",
    ),
    "id.clashes_noise": (
        "inject id '{id}' clashes with the ids noise stream '{stream}' generates "
        "({stream}-1, {stream}-2, ...); rename the inject",
        "innspills-id-en «{id}» kolliderer med id-ene bakgrunnsstrømmen «{stream}» lager "
        "({stream}-1, {stream}-2, ...); gi innspillet nytt navn",
        "innspels-id-en «{id}» kolliderer med id-ane bakgrunnsstraumen «{stream}» lagar "
        "({stream}-1, {stream}-2, ...); gi innspelet nytt namn",
    ),
    "time.both": (
        "give either 'at' or 'after', not both",
        "bruk enten «at» eller «after», ikke begge",
        "bruk anten «at» eller «after», ikkje begge",
    ),
    "time.none": (
        "inject '{id}' has no time; add 'at: 5m' or 'after: {{delivered: OTHER-ID}}'",
        "innspillet «{id}» har ikke noe tidspunkt; legg til «at: 5m» eller "
        "«after: {{delivered: OTHER-ID}}»",
        "innspelet «{id}» har ikkje noko tidspunkt; legg til «at: 5m» eller "
        "«after: {{delivered: OTHER-ID}}»",
    ),
    "delay.without_after": (
        "'delay' only applies together with 'after'; use 'at' for a fixed time",
        "«delay» gjelder bare sammen med «after»; bruk «at» for et fast tidspunkt",
        "«delay» gjeld berre saman med «after»; bruk «at» for eit fast tidspunkt",
    ),
    "at.after_end": (
        "scheduled at {at}, after the scenario ends ({duration}); move it earlier or "
        "lengthen 'duration'",
        "planlagt til {at}, etter at scenarioet slutter ({duration}); flytt det tidligere eller "
        "gjør «duration» lengre",
        "planlagt til {at}, etter at scenarioet sluttar ({duration}); flytt det tidlegare eller "
        "gjer «duration» lengre",
    ),
    "variants.not_rumour": (
        "only a misleading rumour changes as it spreads: give '{id}' 'truth: misleading' or "
        "remove its 'variants'",
        "bare et villedende rykte endrer seg mens det sprer seg: gi «{id}» «truth: misleading» "
        "eller fjern «variants»",
        "berre eit villeiande rykte endrar seg medan det spreier seg: gi «{id}» «truth: "
        "misleading» eller fjern «variants»",
    ),
    "variants.after_zero": (
        "a variant comes some time after the rumour: give 'after' a duration such as 4m",
        "en variant kommer en stund etter ryktet: gi «after» en varighet som 4m",
        "ein variant kjem ei stund etter ryktet: gi «after» ei varigheit som 4m",
    ),
    "variants.id_taken": (
        "this variant of '{id}' is delivered as '{item}', which is already an inject's id; "
        "rename that inject",
        "denne varianten av «{id}» leveres som «{item}», som allerede er id-en til et "
        "innspill; gi det innspillet nytt navn",
        "denne varianten av «{id}» blir levert som «{item}», som alt er id-en til eit "
        "innspel; gi det innspelet nytt namn",
    ),
    # --- news stories that quote the team ------------------------------------------------
    "call.not_call": (
        "'call' describes a phone call, but '{id}' is of kind '{kind}'; give it "
        "'kind: call', or remove 'call'",
        "«call» beskriver en telefon, men «{id}» er av typen «{kind}»; gi det «kind: call», "
        "eller fjern «call»",
        "«call» skildrar ein telefon, men «{id}» er av typen «{kind}»; gi det «kind: call», "
        "eller fjern «call»",
    ),
    "call.zero": (
        "a call's '{field}' must be longer than 0; give a duration such as 2m",
        "«{field}» for en telefon må være lengre enn 0; gi en varighet som 2m",
        "«{field}» for ein telefon må vere lengre enn 0; gi ei varigheit som 2m",
    ),
    "call.question_late": (
        "this question comes {after} into the call, but the call lasts {lasts}; ask it "
        "earlier, or make 'lasts' longer",
        "dette spørsmålet kommer {after} ut i samtalen, men samtalen varer {lasts}; still "
        "det tidligere, eller gjør «lasts» lengre",
        "dette spørsmålet kjem {after} ut i samtalen, men samtalen varer {lasts}; still "
        "det tidlegare, eller gjer «lasts» lengre",
    ),
    "call.id_taken": (
        "this question of '{id}' is delivered as '{item}', which is already an inject's id; "
        "rename that inject",
        "dette spørsmålet i «{id}» leveres som «{item}», som allerede er id-en til et "
        "innspill; gi det innspillet nytt navn",
        "dette spørsmålet i «{id}» blir levert som «{item}», som alt er id-en til eit "
        "innspel; gi det innspelet nytt namn",
    ),
    "call.variants": (
        "'{id}' is a phone call, which does not change as a rumour does: remove its "
        "'variants', or make it a post",
        "«{id}» er en telefon, og den endrer seg ikke slik et rykte gjør: fjern «variants», "
        "eller gjør det til et innlegg",
        "«{id}» er ein telefon, og han endrar seg ikkje slik eit rykte gjer: fjern "
        "«variants», eller gjer det til eit innlegg",
    ),
    "take.not_call": (
        "'take' answers a phone call, but '{id}' is of kind '{kind}'; give it 'kind: call', "
        "or expect another action",
        "«take» tar en telefon, men «{id}» er av typen «{kind}»; gi det «kind: call», eller "
        "forvent en annen handling",
        "«take» tek ein telefon, men «{id}» er av typen «{kind}»; gi det «kind: call», "
        "eller forvent ei anna handling",
    ),
    "story.and_text": (
        "'{id}' is a story, whose text is its story's 'quoted' or 'silent': remove 'text', "
        "or remove 'story' to give it one text",
        "«{id}» er en sak, og teksten er sakens «quoted» eller «silent»: fjern «text», eller "
        "fjern «story» for å gi den én tekst",
        "«{id}» er ei sak, og teksten er saka sin «quoted» eller «silent»: fjern «text», eller "
        "fjern «story» for å gi ho éin tekst",
    ),
    "story.empty": (
        "'{field}' of a story is empty; write what the newsroom publishes in that case",
        "«{field}» i en sak er tom; skriv det redaksjonen publiserer i det tilfellet",
        "«{field}» i ei sak er tom; skriv det redaksjonen publiserer i det tilfellet",
    ),
    "story.about.empty": (
        "a phrase of 'about' is empty; write words a text on the topic holds, such as \"evakuer\"",
        'en frase i «about» er tom; skriv ord som en tekst om saken inneholder, som "evakuer"',
        'ein frase i «about» er tom; skriv ord som ein tekst om saka inneheld, som "evakuer"',
    ),
    "story.about.blank": (
        "a phrase of 'about' is only spaces, which every text holds; write words a text on "
        'the topic holds, such as "evakuer"',
        "en frase i «about» er bare mellomrom, som alle tekster har; skriv ord som en tekst "
        'om saken inneholder, som "evakuer"',
        "ein frase i «about» er berre mellomrom, som alle tekstar har; skriv ord som ein "
        'tekst om saka inneheld, som "evakuer"',
    ),
    "story.quote.missing": (
        "'quoted' has no {placeholder}, where the team's words go; write it where the story "
        'quotes them, as in "Kommunen skriver: «{placeholder}»"',
        "«quoted» har ingen {placeholder}, der teamets ord skal stå; skriv den der saken siterer "
        'dem, som i "Kommunen skriver: «{placeholder}»"',
        "«quoted» har ingen {placeholder}, der orda til teamet skal stå; skriv han der saka "
        'siterer dei, som i "Kommunen skriv: «{placeholder}»"',
    ),
    "story.quote.elsewhere": (
        "{placeholder} is filled in only in a story's 'quoted' text, with the team's words; "
        "move it there, or write {{{placeholder}}} for the word in braces",
        "{placeholder} fylles bare inn i «quoted» i en sak, med teamets ord; flytt den dit, "
        "eller skriv {{{placeholder}}} for ordet i klammer",
        "{placeholder} blir berre fylt inn i «quoted» i ei sak, med orda til teamet; flytt han "
        "dit, eller skriv {{{placeholder}}} for ordet i klammer",
    ),
    "reply.self": (
        "an inject cannot reply to itself",
        "et innspill kan ikke svare på seg selv",
        "eit innspel kan ikkje svare på seg sjølv",
    ),
    "staffed.same": (
        "the staffed hours open and close at {time}; write when the last shift ends, or "
        "remove 'staffed' if someone answers around the clock",
        "betjeningstiden åpner og stenger kl. {time}; skriv når siste vakt slutter, eller "
        "fjern «staffed» hvis noen svarer hele døgnet",
        "betjeningstida opnar og stengjer kl. {time}; skriv når siste vakt sluttar, eller "
        "fjern «staffed» om nokon svarar heile døgeret",
    ),
    "platform.unknown": (
        "'platform' names '{ref}', which is not one of the scenario's platforms ({known}){hint}; "
        "declare it under 'platforms'",
        "«platform» viser til «{ref}», som ikke er en av scenarioets plattformer ({known}){hint}; "
        "beskriv den under «platforms»",
        "«platform» viser til «{ref}», som ikkje er ei av plattformene i scenarioet "
        "({known}){hint}; beskriv henne under «platforms»",
    ),
    "platform.channel": (
        "an item on the '{channel}' channel is on no platform; give 'platform' only to a "
        "social post or a news story",
        "en sak i kanalen «{channel}» er ikke på noen plattform; gi «platform» bare til et "
        "innlegg i sosiale medier eller en nyhetssak",
        "ei sak i kanalen «{channel}» er ikkje på nokon plattform; gi «platform» berre til "
        "eit innlegg i sosiale medium eller ei nyheitssak",
    ),
    "platform.defaults": (
        "only one platform can be the default, and '{first}' is already; remove 'default' here",
        "bare én plattform kan være standard, og «{first}» er det allerede; fjern «default» her",
        "berre éi plattform kan vere standard, og «{first}» er det alt; fjern «default» her",
    ),
    "platform.expect": (
        "the team cannot do '{actions}' to an item {where}; expect one of {allowed} instead",
        "teamet kan ikke gjøre «{actions}» med en sak {where}; forvent en av {allowed} i stedet",
        "teamet kan ikkje gjere «{actions}» med ei sak {where}; forvent ein av {allowed} i staden",
    ),
    "platform.owner.own": (
        "on the organisation's own page",
        "på organisasjonens egen side",
        "på den eigne sida til organisasjonen",
    ),
    "platform.owner.others": (
        "that is someone else's post on an open platform ('owner: others')",
        "som er noen andres innlegg på en åpen plattform («owner: others»)",
        "som er nokon andre sitt innlegg på ei open plattform («owner: others»)",
    ),
    "platform.owner.newspaper": (
        "on a newspaper's site or comment section, which the paper moderates",
        "på en avis' nettside eller kommentarfelt, som avisen modererer selv",
        "på nettsida eller kommentarfeltet til ei avis, som avisa modererer sjølv",
    ),
    "platform.owner.none": (
        "that is on no platform (a press inquiry or an internal message)",
        "som ikke er på noen plattform (en pressehenvendelse eller en intern melding)",
        "som ikkje er på nokon plattform (ein presseførespurnad eller ei intern melding)",
    ),
    "reply.unknown": (
        "'reply_to' names '{ref}', which is not an inject{hint}",
        "«reply_to» viser til «{ref}», som ikke er et innspill{hint}",
        "«reply_to» viser til «{ref}», som ikkje er eit innspel{hint}",
    ),
    "flag.label": (
        "'flag' needs a 'label' saying what the team should flag it as: valid, misleading "
        "or irrelevant",
        "«flag» trenger en «label» som sier hva teamet skal merke det som: valid, misleading "
        "eller irrelevant",
        "«flag» treng ein «label» som seier kva teamet skal merkje det som: valid, misleading "
        "eller irrelevant",
    ),
    "label.unused": (
        "'label' only matters when 'do' includes flag",
        "«label» har bare betydning når «do» inneholder flag",
        "«label» har berre noko å seie når «do» inneheld flag",
    ),
    "within.zero": (
        "'within' must be longer than 0",
        "«within» må være lengre enn 0",
        "«within» må vere lengre enn 0",
    ),
    "deadline.and_within": (
        "an expectation has one deadline: keep 'deadline' (a time of day, such as the one a "
        "journalist gives) or 'within' (a span after delivery), not both",
        "en forventning har én frist: behold «deadline» (et klokkeslett, som det en "
        "journalist oppgir) eller «within» (en tid etter leveringen), ikke begge",
        "ei forventing har éin frist: behald «deadline» (eit klokkeslett, som det ein "
        "journalist oppgir) eller «within» (ei tid etter leveringa), ikkje begge",
    ),
    "deadline.no_start": (
        "'deadline: {deadline}' is a time of day, which needs the scenario's 'start' (the "
        "fictional date and time at T+0); add 'start', or give 'within' instead",
        "«deadline: {deadline}» er et klokkeslett, som trenger scenarioets «start» (den "
        "fiktive datoen og tiden ved T+0); legg til «start», eller bruk «within» i stedet",
        "«deadline: {deadline}» er eit klokkeslett, som treng «start» i scenarioet (den "
        "fiktive datoen og tida ved T+0); legg til «start», eller bruk «within» i staden",
    ),
    "deadline.passed": (
        "the deadline {deadline} ({due}) has passed when the inject arrives, at {clock} "
        "({arrives}) at the earliest; give a later time of day, or a span with 'within'",
        "fristen {deadline} ({due}) er passert når innspillet kommer, tidligst kl. {clock} "
        "({arrives}); gi et senere klokkeslett, eller en tid med «within»",
        "fristen {deadline} ({due}) er passert når innspelet kjem, tidlegast kl. {clock} "
        "({arrives}); gi eit seinare klokkeslett, eller ei tid med «within»",
    ),
    "deadline.late": (
        "{what} is at most the duration plus 24h ({latest}); a later deadline can never be "
        "reached in the exercise, so shorten it",
        "{what} kan være høyst varigheten pluss 24h ({latest}); en senere frist kan aldri nås "
        "i øvelsen, så gjør den kortere",
        "{what} kan vere høgst varigheita pluss 24h ({latest}); ein seinare frist kan aldri "
        "nåast i øvinga, så gjer han kortare",
    ),
    # --- triggers ('after') ---------------------------------------------------------------
    "after.one": (
        "'after' takes exactly one of delivered, met, missed or unanswered, for example "
        "'{example}'",
        "«after» tar nøyaktig én av delivered, met, missed eller unanswered, for eksempel "
        "«{example}»",
        "«after» tek nøyaktig éin av delivered, met, missed eller unanswered, til dømes "
        "«{example}»",
    ),
    "after.not_call": (
        "'unanswered' waits for a phone call that rings out, but '{ref}' is of kind "
        "'{kind}'; give it 'kind: call', or use 'delivered', 'met' or 'missed'",
        "«unanswered» venter på en telefon som ringer ut, men «{ref}» er av typen «{kind}»; "
        "gi det «kind: call», eller bruk «delivered», «met» eller «missed»",
        "«unanswered» ventar på ein telefon som ringjer ut, men «{ref}» er av typen "
        "«{kind}»; gi det «kind: call», eller bruk «delivered», «met» eller «missed»",
    ),
    "after.unknown": (
        "'after' waits on '{ref}', which is not an inject{why}",
        "«after» venter på «{ref}», som ikke er et innspill{why}",
        "«after» ventar på «{ref}», som ikkje er eit innspel{why}",
    ),
    "variable.first": (
        "a changing variable starts with its value at the start: make the first entry of "
        "'{name}' '{{at: 0m, value: ...}}'",
        "en variabel som endrer seg, starter med verdien ved start: gjør den første linjen i "
        "«{name}» til «{{at: 0m, value: ...}}»",
        "ein variabel som endrar seg, byrjar med verdien ved start: gjer den første lina i "
        "«{name}» til «{{at: 0m, value: ...}}»",
    ),
    "variable.when": (
        "each later value of '{name}' needs either 'at' (a time) or 'after' (an inject's "
        "state), not both",
        "hver senere verdi av «{name}» trenger enten «at» (et tidspunkt) eller «after» "
        "(tilstanden til et innspill), ikke begge",
        "kvar seinare verdi av «{name}» treng anten «at» (eit tidspunkt) eller «after» "
        "(tilstanden til eit innspel), ikkje begge",
    ),
    "texts.no_role": (
        "no author of stream '{stream}' may post any '{category}' text: the texts are for "
        "{roles}, and the stream's authors are {authors}; add a role to 'roles', or a text "
        "for them",
        "ingen avsender i strømmen «{stream}» kan legge ut noen «{category}»-tekst: tekstene "
        "er for {roles}, og strømmens avsendere er {authors}; legg en rolle til i «roles», "
        "eller skriv en tekst for dem",
        "ingen avsendar i straumen «{stream}» kan leggje ut nokon «{category}»-tekst: "
        "tekstane er for {roles}, og avsendarane i straumen er {authors}; legg ei rolle til "
        "i «roles», eller skriv ein tekst for dei",
    ),
    "hashtags.late": (
        "'hashtags_after' is {at}, at or after the end of the scenario ({end}): the stream's "
        "hashtags never appear; shorten it, or remove the hashtags",
        "«hashtags_after» er {at}, ved eller etter slutten av scenarioet ({end}): "
        "emneknaggene i strømmen kommer aldri; gjør den kortere, eller fjern emneknaggene",
        "«hashtags_after» er {at}, ved eller etter slutten av scenarioet ({end}): "
        "emneknaggane i straumen kjem aldri; gjer han kortare, eller fjern emneknaggane",
    ),
    "condition.unknown": (
        "'{field}' waits on '{ref}', which is not an inject{why}",
        "«{field}» venter på «{ref}», som ikke er et innspill{why}",
        "«{field}» ventar på «{ref}», som ikkje er eit innspel{why}",
    ),
    "after.no_expect": (
        "'{cond}' needs inject '{ref}' to have expectations ('expect'), but it has none; "
        "use 'delivered', or add 'expect' to it",
        "«{cond}» krever at innspillet «{ref}» har forventninger («expect»), men det har "
        "ingen; bruk «delivered», eller legg til «expect» på det",
        "«{cond}» krev at innspelet «{ref}» har forventingar («expect»), men det har "
        "ingen; bruk «delivered», eller legg til «expect» på det",
    ),
    "after.loop": (
        "the 'after' chain loops back on itself ({chain}), so none of these can ever be "
        "delivered; break the loop",
        "«after»-kjeden går i ring ({chain}), så ingen av disse kan noen gang komme; bryt ringen",
        "«after»-kjeda går i ring ({chain}), så ingen av desse kan nokon gong kome; bryt ringen",
    ),
    "never.chain": (
        "inject '{id}' can never be delivered: '{ref}' is itself never delivered",
        "innspillet «{id}» kan aldri komme: «{ref}» kommer selv aldri",
        "innspelet «{id}» kan aldri kome: «{ref}» kjem sjølv aldri",
    ),
    "never.late": (
        "inject '{id}' can never be delivered: its trigger fires after the scenario ends "
        "({duration})",
        "innspillet «{id}» kan aldri komme: det utløses først etter at scenarioet er slutt "
        "({duration})",
        "innspelet «{id}» kan aldri kome: det blir utløyst først etter at scenarioet er "
        "slutt ({duration})",
    ),
    # --- noise streams --------------------------------------------------------------------
    "rate.total": (
        "the noise streams together reach {total:,g} items per minute here; at most "
        "{limit:,} per minute are allowed for all streams together, so lower the peak rates",
        "bakgrunnsstrømmene kommer her til sammen opp i {total:,g} saker per minutt; høyst "
        "{limit:,} per minutt er tillatt for alle strømmene samlet, så senk toppene",
        "bakgrunnsstraumane kjem her til saman opp i {total:,g} saker per minutt; høgst "
        "{limit:,} per minutt er tillate for alle straumane samla, så senk toppane",
    ),
    "author.unknown": (
        "author '{author}' is not a persona{hint}",
        "forfatteren «{author}» er ingen avsender{hint}",
        "forfattaren «{author}» er ingen avsendar{hint}",
    ),
    "authors.empty": (
        "the author list is empty; name persona ids or use {example}",
        "forfatterlisten er tom; skriv id-er for avsendere eller bruk {example}",
        "forfattarlista er tom; skriv id-ar for avsendarar eller bruk {example}",
    ),
    "rate.one_point": (
        "a rate needs at least two points; the rate is zero outside them, so one point "
        "gives no items",
        "«rate» trenger minst to punkter; utenfor dem er raten null, så ett punkt gir ingen saker",
        "«rate» treng minst to punkt; utanfor dei er raten null, så eitt punkt gir ingen saker",
    ),
    "rate.order": (
        "rate points must be in time order; this one ({at}) comes before the point above it",
        "ratepunktene må stå i tidsrekkefølge; dette ({at}) kommer før punktet over",
        "ratepunkta må stå i tidsrekkjefølgje; dette ({at}) kjem før punktet over",
    ),
    "mix.no_texts": (
        "mix gives '{category}' a weight but 'texts' has no '{category}' texts; add some "
        "under texts: {category}:",
        "«mix» gir «{category}» en vekt, men «texts» har ingen «{category}»-tekster; legg "
        "til noen under texts: {category}:",
        "«mix» gir «{category}» ei vekt, men «texts» har ingen «{category}»-tekstar; legg "
        "til nokre under texts: {category}:",
    ),
    "texts.unused": (
        "texts for '{category}' are never used because 'mix' gives '{category}' no weight",
        "tekstene for «{category}» blir aldri brukt fordi «mix» ikke gir «{category}» noen vekt",
        "tekstane for «{category}» blir aldri brukte fordi «mix» ikkje gir «{category}» noka vekt",
    ),
    "mix.zero": (
        "every weight in 'mix' is 0; give at least one a weight",
        "alle vektene i «mix» er 0; gi minst én av dem en vekt",
        "alle vektene i «mix» er 0; gi minst éi av dei ei vekt",
    ),
    "texts.repeat": (
        "'{category}' texts of stream '{stream}' will repeat within ten minutes: at its peak of "
        "{peak:g} items a minute, {share:.0%} of them '{category}', it needs {needed} different "
        "'{category}' texts and has {have:g}; write at least {more} more, or let some vary with "
        "alternatives {{a|b}} or a {{fake.…}} placeholder",
        "«{category}»-tekstene i strømmen «{stream}» vil gjenta seg innen ti minutter: på det "
        "meste {peak:g} saker i minuttet, {share:.0%} av dem «{category}», trenger den {needed} "
        "ulike «{category}»-tekster og har {have:g}; skriv minst {more} til, eller la noen variere "
        "med alternativer {{a|b}} eller en {{fake.…}}-plassholder",
        "«{category}»-tekstane i straumen «{stream}» kjem til å gjenta seg innan ti minutt: på "
        "det meste {peak:g} saker i minuttet, {share:.0%} av dei «{category}», treng han {needed} "
        "ulike «{category}»-tekstar og har {have:g}; skriv minst {more} til, eller la nokre "
        "variere med alternativ {{a|b}} eller ein {{fake.…}}-plasshaldar",
    ),
    # --- texts with placeholders ----------------------------------------------------------
    "text.too_wide": (
        "with its placeholders filled in, this text can be {width:,} characters; at most "
        "{limit:,} are allowed (a name or fake value counts {each}), so use fewer or "
        "shorter placeholders",
        "med plassholderne fylt inn kan denne teksten bli {width:,} tegn; høyst {limit:,} er "
        "tillatt (et navn eller en oppdiktet verdi teller {each}), så bruk færre eller "
        "kortere plassholdere",
        "med plasshaldarane fylte inn kan denne teksten bli {width:,} teikn; høgst {limit:,} "
        "er tillate (eit namn eller ein oppdikta verdi tel {each}), så bruk færre eller "
        "kortare plasshaldarar",
    ),
    "objective.unknown": (
        "objective '{objective}' is not defined under 'objectives'{hint}",
        "målet «{objective}» er ikke definert under «objectives»{hint}",
        "målet «{objective}» er ikkje definert under «objectives»{hint}",
    ),
    "objective.none": (
        "objective '{objective}' is not defined: the scenario has no 'objectives'; add one, "
        "such as '- {{id: {objective}, title: Informere innbyggerne raskt}}'",
        "målet «{objective}» er ikke definert: scenarioet har ingen «objectives»; legg til "
        "ett, for eksempel '- {{id: {objective}, title: Informere innbyggerne raskt}}'",
        "målet «{objective}» er ikkje definert: scenarioet har ingen «objectives»; legg til "
        "eitt, til dømes '- {{id: {objective}, title: Informere innbyggjarane raskt}}'",
    ),
    "objective.unused": (
        "objective '{objective}' is evaluated by no expectation; add 'objective: {objective}' "
        "to the expectations that show it, or rate it by hand in the debrief",
        "målet «{objective}» blir ikke vurdert av noen forventning; legg til «objective: "
        "{objective}» på forventningene som viser det, eller vurder det for hånd i "
        "evalueringen",
        "målet «{objective}» blir ikkje vurdert av nokon forventing; legg til «objective: "
        "{objective}» på forventingane som viser det, eller vurder det for hand i "
        "evalueringa",
    ),
    "monitor.alone": (
        "'monitor' stands alone in 'do': the right answer is not to answer in public, so it "
        "cannot be combined with {others}; write a second expectation for those",
        "«monitor» står alene i «do»: det riktige er å ikke svare offentlig, så det kan ikke "
        "kombineres med {others}; skriv en egen forventning for dem",
        "«monitor» står åleine i «do»: det rette er å ikkje svare offentleg, så det kan ikkje "
        "kombinerast med {others}; skriv ei eiga forventing for dei",
    ),
    "monitor.unused": (
        "'{field}' has no effect on 'do: monitor', which is met when nobody answers in "
        "public; remove it",
        "«{field}» har ingen virkning på «do: monitor», som er innfridd når ingen svarer "
        "offentlig; fjern det",
        "«{field}» har inga verknad på «do: monitor», som er innfridd når ingen svarar "
        "offentleg; fjern det",
    ),
    "team.roles.empty": (
        "'roles' lists no seat; name at least one of {roles}, or leave 'roles' out for all three",
        "«roles» har ingen plasser; oppgi minst én av {roles}, eller utelat «roles» for alle tre",
        "«roles» har ingen plassar; oppgi minst éin av {roles}, eller lat vere «roles» for "
        "alle tre",
    ),
    "team.role.twice": (
        "role '{role}' is listed twice (first on line {line}); each role has one seat, so "
        "remove one of them",
        "rollen «{role}» står to ganger (første gang på linje {line}); hver rolle har én "
        "plass, så fjern den ene",
        "rolla «{role}» står to gonger (første gong på linje {line}); kvar rolle har éin "
        "plass, så fjern den eine",
    ),
    "team.approval.leader": (
        "'approval: required' needs a leader to approve the texts; add 'leader' to "
        "'roles', or write 'approval: none'",
        "«approval: required» trenger en leder som godkjenner tekstene; legg til «leader» i "
        "«roles», eller skriv «approval: none»",
        "«approval: required» treng ein leiar som godkjenner tekstane; legg til «leader» i "
        "«roles», eller skriv «approval: none»",
    ),
}
