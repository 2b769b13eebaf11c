"""The seats' links: every code of a table gets exactly its own link, under a base that
a browser takes (an IPv6 address in brackets), and the codes file carries them beside
the codes without changing how it is read."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.exercise.codes import TEAM_ROLES, CodeTable, SeatCode, SeatRole
from simulator.exercise.links import base_url, link_for, seat_links

BASE = "http://192.0.2.10:8080"


def table(teams: int = 3, roles: tuple[SeatRole, ...] = TEAM_ROLES) -> CodeTable:
    return CodeTable.generate([str(n) for n in range(1, teams + 1)], roles)


def leaves(tree: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every text in a JSON tree, with the keys that lead to it."""
    if isinstance(tree, dict):
        return [leaf for key, value in tree.items() for leaf in leaves(value, (*path, key))]
    return [(path, tree)]


def code_in(link: str) -> str:
    """The code a link carries: its path's last part."""
    return unquote(urlsplit(link).path.rsplit("/", 1)[1])


@pytest.mark.parametrize(
    "roles",
    [
        TEAM_ROLES,
        (SeatRole.LEADER, SeatRole.OBSERVER),
        tuple(role for role in SeatRole if role != SeatRole.FACILITATOR),
    ],
    ids=["default", "two", "every"],
)
def test_every_code_has_exactly_its_own_link(roles: tuple[SeatRole, ...]) -> None:
    codes = table(3, roles)
    links = seat_links(codes, BASE)
    found = [
        (team, role, url) for team, by_role in links.teams.items() for role, url in by_role.items()
    ]
    found.append(("*", SeatRole.FACILITATOR, links.facilitator))
    # One link per seat of the table, each to its own team and role.
    assert sorted((t, str(r)) for t, r, _ in found) == sorted(
        (c.team, str(c.role)) for c in codes.codes
    )
    for entry in codes.codes:
        mine = [url for team, role, url in found if entry.code in url]
        assert len(mine) == 1, entry  # no other link carries this code
        team, role, url = next(f for f in found if f[2] == mine[0])
        assert (team, role) == (entry.team, entry.role)
        assert code_in(url) == entry.code
        kind = "control" if entry.role == SeatRole.FACILITATOR else "seat"
        assert url == f"{BASE}/{kind}/{entry.code}"


def test_the_control_cells_link_is_never_a_seats() -> None:
    codes = table(2)
    links = seat_links(codes, BASE)
    seats = [url for by_role in links.teams.values() for url in by_role.values()]
    assert all(urlsplit(url).path.startswith("/seat/") for url in seats)
    assert urlsplit(links.facilitator).path == f"/control/{codes.facilitator}"
    assert not any(codes.facilitator in url for url in seats)


def test_the_codes_file_holds_each_link_beside_its_code(tmp_path: Path) -> None:
    codes = table(2)
    links = seat_links(codes, BASE)
    path = codes.write(tmp_path / "koder.json", links)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = orjson.loads(path.read_bytes())
    assert set(data) == {"teams", "facilitator", "links"}
    assert data["teams"] == orjson.loads(codes.as_json())["teams"]
    assert set(data["links"]) == {"teams", "facilitator"}
    urls = leaves(data["links"])
    for entry in codes.codes:
        where = [keys for keys, url in urls if entry.code in url]
        if entry.role == SeatRole.FACILITATOR:
            assert where == [("facilitator",)]
        else:
            assert where == [("teams", entry.team, str(entry.role))]
        # The link at the code's place is made from that code, as the web server makes it.
        (keys,) = where
        url = data["links"]
        for key in keys:
            url = url[key]
        assert url == link_for(BASE, entry)

    again = CodeTable.read(path)  # the links are left aside: the codes are what counts
    assert [(c.team, c.role, c.code) for c in again.codes] == [
        (c.team, c.role, c.code) for c in codes.codes
    ]


def test_a_codes_file_without_links_is_as_before() -> None:
    codes = table(1)
    assert "links" not in orjson.loads(codes.as_json())


@pytest.mark.parametrize(
    ("address", "base", "host"),
    [
        ("127.0.0.1", "http://127.0.0.1:8080", "127.0.0.1"),
        ("::1", "http://[::1]:8080", "::1"),
        ("[::1]", "http://[::1]:8080", "::1"),
        ("2001:db8::7", "http://[2001:db8::7]:8080", "2001:db8::7"),
        ("fe80::1%eth0", "http://[fe80::1%25eth0]:8080", "fe80::1%25eth0"),
        ("ovelse.local", "http://ovelse.local:8080", "ovelse.local"),
    ],
)
def test_a_base_is_the_address_and_port_a_browser_takes(address: str, base: str, host: str) -> None:
    assert base_url(address, 8080) == base
    link = link_for(base, SeatCode("1", SeatRole.PRESS, "AbC_d-9"))
    parts = urlsplit(link)
    assert (parts.scheme, parts.hostname, parts.port) == ("http", host.lower(), 8080)
    assert parts.path == "/seat/AbC_d-9" and not parts.query and not parts.fragment


@given(st.text(min_size=1, max_size=40))
def test_any_code_of_a_file_stays_whole_in_its_link(code: str) -> None:
    # A table read from a file may hold any text as a code: its link's path still ends in
    # that code alone, with no query or fragment of its own.
    link = link_for(BASE, SeatCode("1", SeatRole.LEADER, code))
    parts = urlsplit(link)
    assert parts.path.count("/") == 2 and not parts.query and not parts.fragment
    assert code_in(link) == code
