"""Generated people and fake values, in the scenario's language, from seeded sources only.

Faker keeps module-level shared state; each generator here is a Faker instance seeded from
the exercise seed, so nothing outside the seed can change what an exercise shows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from simulator.scenario.model import FAKER_LOCALES, make_handle
from simulator.scenario.templates import FAKE_PROVIDERS

if TYPE_CHECKING:
    from faker import Faker

POOL_SIZE = 128


@dataclass(frozen=True, slots=True)
class Author:
    """Whoever posts an item: a scenario persona, a generated person, or the team."""

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
        name = fake.name()
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
        pool = self._pools.get(provider)
        if pool is None:
            if provider not in FAKE_PROVIDERS:
                raise KeyError(provider)
            fake = make_faker(self._language, derive_seed(self._seed, provider))
            pool = [str(getattr(fake, provider)()) for _ in range(POOL_SIZE)]
            self._pools[provider] = pool
        return pool[rng.randrange(POOL_SIZE)]
