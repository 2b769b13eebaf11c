"""Generated people and fake values, in the scenario's language, from seeded sources only.

Faker keeps module-level shared state; each generator here is a Faker instance seeded from
the exercise seed, so nothing outside the seed can change what an exercise shows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from simulator.scenario.model import FAKER_LOCALES, make_handle
from simulator.scenario.templates import FAKE_PROVIDERS

if TYPE_CHECKING:
    from faker import Faker

POOL_SIZE = 128

# Street names on real patterns: a common first part and a common ending. Faker's own
# (a surname and an ending: "Halvorsenhavna") and its English ones ("Flat 06J\nSian
# Forges") read as made up.
_STREETS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    # first parts, endings, whether the number comes first
    "no_NO": (
        (
            "Stor",
            "Kirke",
            "Skole",
            "Elve",
            "Fjell",
            "Bakke",
            "Gran",
            "Bjørke",
            "Sol",
            "Lien",
            "Myr",
            "Sjø",
            "Stasjons",
            "Prest",
            "Møller",
            "Skog",
            "Furu",
            "Eike",
            "Nygård",
            "Lille",
            "Torg",
            "Brug",
            "Park",
        ),
        ("gata", "veien", "vegen", "bakken", "lia", "svingen", "stien", "gata", "veien"),
        False,
    ),
    "en_GB": (
        (
            "Church",
            "Station",
            "Mill",
            "Park",
            "Victoria",
            "Queen's",
            "King's",
            "Manor",
            "School",
            "Chapel",
            "Bridge",
            "Meadow",
            "Orchard",
            "Riverside",
            "Green",
            "North",
            "West",
            "Albert",
            "York",
            "Windsor",
            "Elm",
            "Oak",
            "Beech",
            "Ash",
        ),
        ("Street", "Road", "Lane", "Avenue", "Close", "Way", "Road", "Street", "Terrace"),
        True,
    ),
}
# Built here from a first and a last name: Faker's own ``name`` may carry a title
# ("Prof.", "Dr", "Miss") that no one writes about a neighbour.
_NAMES: dict[str, tuple[str, str]] = {
    "name": ("first_name", "last_name"),
    "name_female": ("first_name_female", "last_name"),
    "name_male": ("first_name_male", "last_name"),
}


class Author(NamedTuple):
    """Whoever posts an item: a scenario persona, a generated person, or the team.

    A named tuple, not a dataclass: one is made for most items of a crowd's surge."""

    id: str
    name: str
    handle: str
    role: str
    followers: int


def derive_seed(seed: int, label: str) -> int:
    """An independent, stable sub-seed for one part of the exercise."""
    return random.Random(f"{seed}:{label}").getrandbits(63)


@lru_cache(maxsize=8)
def _faker_class_for(locale: str) -> Callable[[], Faker]:
    from faker import Faker

    return lambda: Faker(locale)


def make_faker(language: str, seed: int) -> Faker:
    """A Faker instance for the scenario's language, seeded on its own."""
    fake = _faker_class_for(FAKER_LOCALES[language])()
    fake.seed_instance(seed)
    return fake


def generate_authors(language: str, role: str, count: int, seed: int, prefix: str) -> list[Author]:
    """``count`` people with names in the scenario's language and unique handles."""
    fake = make_faker(language, seed)
    rng = random.Random(seed)
    seen: set[str] = set()
    authors = []
    for n in range(1, count + 1):
        name = f"{fake.first_name()} {fake.last_name()}"
        handle = make_handle(name)
        while handle in seen:
            handle = f"{make_handle(name)}{rng.randrange(10, 1000)}"
        seen.add(handle)
        followers = int(10 ** rng.uniform(1.0, 3.6))
        authors.append(Author(f"{prefix}-a{n}", name, handle, role, followers))
    return authors


class FakePool:
    """A fixed pool of fake values per provider, drawn from by a caller's random source.

    Faker is slow (tens of microseconds a value); a seeded pool keeps a surge of noise fast
    while every value is still a plausible name, address or phone number.
    """

    def __init__(self, language: str, seed: int) -> None:
        self._language = language
        self._seed = seed
        self._pools: dict[str, list[str]] = {}

    def value(self, provider: str, rng: random.Random) -> str:
        """One value of a provider in :data:`FAKE_PROVIDERS`."""
        pool = self._pools.get(provider) or self.pool(provider)
        return pool[rng.randrange(POOL_SIZE)]

    def pool(self, provider: str) -> list[str]:
        """Every value a provider in :data:`FAKE_PROVIDERS` can give (made when first
        asked for, from the provider's own seed)."""
        pool = self._pools.get(provider)
        if pool is None:
            if provider not in FAKE_PROVIDERS:
                raise KeyError(provider)
            fake = make_faker(self._language, derive_seed(self._seed, provider))
            pool = [fake_value(fake, provider, self._language) for _ in range(POOL_SIZE)]
            self._pools[provider] = pool
        return pool


def fake_value(fake: Faker, provider: str, language: str) -> str:
    """One value of a provider, with names free of titles and streets on real patterns."""
    if provider in _NAMES:
        first, last = _NAMES[provider]
        return f"{getattr(fake, first)()} {getattr(fake, last)()}"
    if provider in ("street_name", "street_address"):
        firsts, endings, english = _STREETS[FAKER_LOCALES[language]]
        rng = fake.random
        street = rng.choice(firsts) + (" " if english else "") + rng.choice(endings)
        if not english and rng.random() < 0.1:
            street = rng.choice(("Øvre ", "Nedre ", "Vestre ", "Søndre ")) + street
        if provider == "street_name":
            return street
        if english:
            return f"{rng.randint(1, 120)} {street}"
        return f"{street} {rng.randint(1, 40)}{rng.choice(('', '', '', '', 'B'))}"
    return str(getattr(fake, provider)())
