"""The commented starter scenario that ``crisis-sim new`` writes."""

from __future__ import annotations

import json
import re
import unicodedata

from simulator.scenario.limits import MAX_ID

_NB = """\
# {heading}
# Et startscenario for crisis-sim. Sjekk det med:  crisis-sim validate {command_file}
# Se hendelseslisten med:                         crisis-sim preview {command_file}
# Hele formatet: docs/scenario-format.md
format: 1
id: {id}
title: {title}
language: nb                     # nb, nn eller en: språket i navn og tekster
duration: 60m                    # øvelsens lengde: 90s, 15m, 1h30m eller 01:30:00
start: "2026-03-12T07:40:00+01:00"   # fiktiv dato og klokkeslett ved T+0
summary: >
  Kort orientering til kommunikasjonsteamet: hva har skjedd, hvem er dere,
  og hva forventes av dere i øvelsen.

organisation:                    # teamets egen konto
  name: Eksempel kommune
  handle: eksempelkommune

variables:                       # brukes i tekster som {{sted}}
  sted: Bakkeby
  telefon: "800 12 345"

personas:                        # hvem som skriver i feeden
  - id: vitne
    name: Kari Nordmann
    role: citizen     # citizen, journalist, media, influencer, activist, agency, employee
    followers: 300
  - id: avisa
    name: Lokalavisa
    role: media
    followers: 12000

injects:                         # de skriptede hendelsene
  - id: forste-vitne
    at: 2m
    from: vitne
    kind: post                   # post, question, press, news, official, internal, call
    truth: valid                 # fasit, skjult for deltakerne: valid, misleading, irrelevant
    text: "Det har gått et stort ras i {{sted}}! Flere hus er tatt. [Bilde: gjørme over veien]"
    expect:
      - do: [reply, statement]   # hva teamet bør gjøre: reply, statement, flag, hide, escalate
        within: 15m              # første melding innen 15 minutter

  - id: presse-1
    at: 6m
    from: avisa
    kind: press
    truth: valid
    text: "Hei, vi skriver om raset i {{sted}}. Er noen savnet? Vi trenger svar innen 30 min."
    expect:
      - do: reply
        mention: ["{{telefon}}"] # svaret må inneholde publikumstelefonen
        points: 2

  - id: rykte-dam
    at: 12m
    from: vitne
    kind: post
    truth: misleading
    text: "Hører at demningen ovenfor {{sted}} har sprukket?? Kom dere vekk!!"
    expect:
      - do: flag
        label: misleading
      - do: [reply, statement]
        within: 20m

  - id: rykte-sprer-seg        # kommer bare hvis ryktet ikke ble håndtert i tide
    after: {{missed: rykte-dam}}
    delay: 2m
    from: avisa
    kind: news
    truth: misleading
    text: "Uavklart: Innbyggere i {{sted}} frykter dambrudd"

noise:                           # bakgrunnsstøy som vokser i faser
  - id: prat
    authors: {{role: citizen, count: 30}}
    rate:                        # innlegg per minutt, lineært mellom punktene
      - {{at: 0m, per_minute: 0.5}}
      - {{at: 20m, per_minute: 8}}
      - {{at: 60m, per_minute: 2}}
    mix: {{valid: 5, misleading: 2, irrelevant: 3}}
    texts:
      # Én tekst med {{fake.…}} gir ny tekst hver gang; uten slike må hver kategori ha
      # nok ulike tekster til at ingen gjentas innen ti minutter (se crisis-sim validate).
      valid:
        - "Politiet sperrer veien inn til {{sted}} nå"
        - "{{fake.first_name}} i {{fake.street_name}} sier de ble vekket av braket"
      misleading:
        - "Noen sier det er flere døde i {{sted}}?"
        - "{{fake.first_name}} hørte at hele {{sted}} skal evakueres i natt"
      irrelevant:
        - "Noen som vet om bussen går som vanlig i dag?"
        - "Har {{fake.company}} åpent i dag, noen som vet?"

scoring:
  first_statement: 15m           # målet for teamets første offentlige melding

guidelines:
  avoid: ["antall døde"]         # ord teamet ikke skal bruke i det de publiserer
"""

_EN = """\
# {heading}
# A starter scenario for crisis-sim. Check it with:  crisis-sim validate {command_file}
# See its master events list with:                  crisis-sim preview {command_file}
# The whole format: docs/scenario-format.md
format: 1
id: {id}
title: {title}
language: en                     # nb, nn or en: the language of names and texts
duration: 60m                    # how long the exercise runs: 90s, 15m, 1h30m or 01:30:00
start: "2026-03-12T07:40:00+00:00"   # fictional date and time at T+0
summary: >
  A short briefing for the communication team: what has happened, who you are,
  and what is expected of you in the exercise.

organisation:                    # the team's own account
  name: Example District Council
  handle: exampledc

variables:                       # used in texts as {{place}}
  place: Millbrook
  helpline: "0800 123 456"

personas:                        # who posts in the feed
  - id: witness
    name: Sam Carter
    role: citizen     # citizen, journalist, media, influencer, activist, agency, employee
    followers: 300
  - id: gazette
    name: Millbrook Gazette
    role: media
    followers: 12000

injects:                         # the scripted events
  - id: first-witness
    at: 2m
    from: witness
    kind: post                   # post, question, press, news, official, internal, call
    truth: valid                 # ground truth, hidden from trainees: valid, misleading, irrelevant
    text: "Huge landslide in {{place}}! Several houses hit. [Photo: mud across the road]"
    expect:
      - do: [reply, statement]   # what the team should do: reply, statement, flag, hide, escalate
        within: 15m              # a first message within 15 minutes

  - id: press-1
    at: 6m
    from: gazette
    kind: press
    truth: valid
    text: "Hi, we are covering the landslide in {{place}}. Is anyone missing? Deadline 30 min."
    expect:
      - do: reply
        mention: ["{{helpline}}"]  # the answer must give the public helpline
        points: 2

  - id: dam-rumour
    at: 12m
    from: witness
    kind: post
    truth: misleading
    text: "Hearing the dam above {{place}} has burst?? Get out now!!"
    expect:
      - do: flag
        label: misleading
      - do: [reply, statement]
        within: 20m

  - id: rumour-spreads           # only arrives if the rumour was not handled in time
    after: {{missed: dam-rumour}}
    delay: 2m
    from: gazette
    kind: news
    truth: misleading
    text: "Unconfirmed: {{place}} residents fear dam failure"

noise:                           # background chatter that grows in phases
  - id: chatter
    authors: {{role: citizen, count: 30}}
    rate:                        # posts per minute, linear between the points
      - {{at: 0m, per_minute: 0.5}}
      - {{at: 20m, per_minute: 8}}
      - {{at: 60m, per_minute: 2}}
    mix: {{valid: 5, misleading: 2, irrelevant: 3}}
    texts:
      # One text with {{fake.…}} gives a new text each time; without such texts a category
      # needs enough different ones that none repeats within ten minutes (see validate).
      valid:
        - "Police closing the road into {{place}} now"
        - "{{fake.first_name}} on {{fake.street_name}} says the bang woke the whole street"
      misleading:
        - "Someone says there are several dead in {{place}}?"
        - "{{fake.first_name}} heard all of {{place}} is being evacuated tonight"
      irrelevant:
        - "Does anyone know if the buses are running today?"
        - "Is {{fake.company}} open today, does anyone know?"

scoring:
  first_statement: 15m           # the target for the team's first public statement

guidelines:
  avoid: ["death toll"]          # words the team must not use in what it publishes
"""

STARTERS = {"nb": _NB, "nn": _NB, "en": _EN}


_FOLD: dict[str, str | int | None] = {"æ": "ae", "ø": "o", "å": "a"}


def slugify(name: str) -> str:
    """A scenario id from a free-form name: 'Flom i Elvdal' gives 'flom-i-elvdal'.

    A title is a sentence, an id a handle that also names files: a long title is cut at a
    word boundary to the longest id the format allows.
    """
    folded = name.lower().translate(str.maketrans(_FOLD))
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if len(slug) > MAX_ID:
        cut = slug[: MAX_ID + 1]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_ID]).strip("-")
    return slug or "scenario"


def _one_line(text: str) -> str:
    """Text that is safe on one line of the file: no line breaks, no control characters,
    and none of the stand-ins for bytes that a terminal in another encoding sent, which
    cannot be written as UTF-8 (all of these are unprintable)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _scalar(text: str) -> str:
    """A YAML value that reads back as exactly this text: plain when it already would, as
    in the rest of the starter, otherwise quoted (an id such as 'null' or '2026')."""
    import yaml

    try:
        plain = yaml.safe_load(text) == text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def starter_text(name: str, filename: str, language: str = "nb") -> str:
    """The commented starter scenario, in Norwegian or English."""
    heading = _one_line(name)
    if not heading:
        heading = "New scenario" if language == "en" else "Nytt scenario"
    shown_file = _one_line(filename)
    if " " in shown_file or not shown_file:
        shown_file = f'"{shown_file}"'  # so that the command in the comment can be pasted
    text = STARTERS[language].format(
        heading=heading,
        title=json.dumps(heading, ensure_ascii=False),
        id=_scalar(slugify(name)),
        command_file=shown_file,
    )
    if language == "nn":
        text = text.replace("language: nb ", "language: nn ", 1)
    return text
