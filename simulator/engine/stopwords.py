"""Function words that say nothing about what a feed is about, in bokmål, nynorsk and English.

Trending leaves them out, so that what rises to the top is the place, the rumour, the
hashtag, never "det", "dere" or "the". Each list holds the language's pronouns, articles
and determiners, prepositions, conjunctions and subjunctions, auxiliary and other very
common verbs in their usual forms, and common adverbs, plus the few words every post of a
feed uses as filler ("dag" of "i dag", "del" of "del videre"). Words of two letters or
fewer are never trending terms, so they need not be listed.
"""

from __future__ import annotations

from typing import Final

from simulator.engine.voices import SWAPS

_BOKMAAL = """
jeg meg min mitt mine du deg din ditt dine han ham hans hun henne hennes den det dens
dets vi oss vår vårt våre dere deres de dem seg sin sitt sine man en ei et noen noe
ingen intet ingenting alle alt hver hvert hverandre selv samme annen annet andre slik
slike sånn sånt sånne denne dette disse hvem hva hvilken hvilket hvilke hvis som
og eller men for fordi både enten verken heller samt når mens før etter siden dersom
om enn at slik skjønt selv hvordan hvorfor hvor hvorvidt derfor likevel altså
i på til fra med mot uten over under ved hos om av etter før bak foran mellom blant
gjennom langs rundt innen utenfor innenfor ifølge pga via per fram frem hit dit
er var vært være blir ble blitt bli har hadde hatt ha skal skulle vil ville kan kunne
må måtte bør burde får fikk fått gjør gjorde gjort går gikk gått kommer kom kommet sier
sa sagt vet visste tror trodde ser så sett står stod sto tar tok tatt gir gav ga gitt
finnes fins virker blitt
ikke aldri alltid ofte bare også nå da der her dit hit igjen allerede fortsatt enda ennå
snart straks lenge nettopp akkurat faktisk egentlig kanskje sikkert nok vel jo jaja ja
nei heller helt veldig mye mer mest mindre minst litt lite få flere fleste mange masse
like ganske svært altfor godt bra dårlig inn ute inne oppe nede opp ned bort borte hjem
hjemme fram tilbake sammen først sist siste neste nesten rett ganske visst uansett
hele gang dag idag dager del deler delt takk hei plis pls
"""

_NYNORSK = """
eg meg min mitt mine du deg din ditt dine han honom hans ho henne hennar den det dess
vi oss vår vårt våre de dykk dykkar dei dei deira seg sin sitt sine ein eit eitt nokon noko att
nokre ingen inkje ingenting alle alt kvar kvart kvarandre sjølv same annan anna andre
slik slike sånn denne dette desse kven kva kva for kvifor korleis kvar kor som
og eller men for fordi både anten korkje heller samt når medan før etter sidan dersom
viss om enn at skjønt difor likevel altså
i på til frå med mot utan over under ved hos av etter bak framfor mellom blant gjennom
langs rundt innan utanfor innanfor ifølgje via per fram hit dit
er var vore vere vera blir vert vart blei bli har hadde hatt ha skal skulle vil ville
kan kunne må måtte bør burde får fekk fått gjer gjorde gjort går gjekk gått kjem kom
kome komme seier sa sagt veit visste trur trudde ser såg sett står stod tek tok teke
gjev gav gjeve gitt finst verkar
ikkje aldri alltid ofte berre òg også no då der her igjen allereie framleis enno snart
straks lenge nettopp akkurat faktisk eigentleg kanskje sikkert nok vel jo ja nei heilt
veldig mykje meir mest mindre minst litt lite få fleire flest mange masse like ganske
svært altfor godt bra dårleg inn ute inne oppe nede opp ned bort borte heim heime
tilbake saman først sist siste neste nesten rett uansett
heile gong gang dag idag dagar del deler delt takk hei
"""

_ENGLISH = """
i me my mine myself you your yours yourself yourselves he him his himself she her hers
herself it its itself we us our ours ourselves they them their theirs themselves one
ones someone something anyone anything everyone everything nobody nothing noone none
all any some each every both either neither other others another such same own
the a an this that these those what which who whom whose when where why how whether
and or but nor for yet so because since although though while whereas unless until
than then if as that
of in on at to from by with without about above below over under into onto out off up
down through during before after around across along among between behind beyond near
towards toward upon within via per against
am is are was were be been being have has had having do does did done doing will would
shall should can could may might must get gets got getting go goes going went gone
come comes came coming say says said know knows knew think thinks thought see sees saw
seen make makes made take takes took let lets
not no yes never always often just also now still already again yet ever soon here
there then very really quite too much more most less least many few lot lots little
well only even back away out today tonight tomorrow yesterday day days like anyway
maybe perhaps actually please thanks thank hey okay
"""

_WRITTEN: Final[frozenset[str]] = frozenset((_BOKMAAL + _NYNORSK + _ENGLISH).split())
#: Every stop word of the three languages (a feed often mixes them, so all apply), with the
#: spellings some people give them ("ikkje", "itj", "koffor"; see voices).
STOPWORDS: Final[frozenset[str]] = _WRITTEN | {
    spoken
    for table in (t for tables in SWAPS.values() for t in tables)
    for word, spoken in table.items()
    if word in _WRITTEN
}
