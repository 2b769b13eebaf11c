"""The seats' web server on a real host: what it serves, to whom, and its limits."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
from pathlib import Path

import aiohttp
import pytest

from simulator.exercise.web import MAX_MESSAGE, TABS_PER_SEAT
from tests.hosting import HostedExercise, wait_until
from tests.web_hosting import children, free_port


async def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    async with aiohttp.ClientSession() as client, client.get(url, headers=headers) as answer:
        return answer.status, dict(answer.headers), await answer.read()


def test_only_the_pages_and_the_three_files_the_page_needs_are_served(
    served: tuple[HostedExercise, str],
) -> None:
    exercise, base = served
    status, headers, body = asyncio.run(_get(f"{base}/static/js/textual.js"))
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert len(body) > 100_000
    for path in (
        "/static/",
        "/static/js/",
        "/static/images/background.png",
        "/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf",
        "/static/js/../../server.py",
        "/download/x",
        "/seat/",
        "/ws/seat/",
    ):
        status, _, body = asyncio.run(_get(base + path))
        assert status == 404, path
    # Every answer keeps its links to itself: nothing cached, no referrer, no frame, and
    # a page runs only its own scripts.
    for path in ("/", f"/seat/{exercise.code('press')}", "/seat/feil"):
        _, headers, _ = asyncio.run(_get(base + path))
        assert headers["Cache-Control"] == "no-store"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        assert "script-src 'self' 'nonce-" in headers["Content-Security-Policy"]
    assert children(exercise.host.pid) == []


async def _tabs(base: str, code: str, count: int) -> list[aiohttp.ClientWebSocketResponse]:
    client = aiohttp.ClientSession()
    return [
        await client.ws_connect(f"{base.replace('http', 'ws')}/ws/seat/{code}?width=80&height=24")
        for _ in range(count)
    ]


def test_a_seat_has_at_most_three_tabs_and_a_tab_sends_small_messages(
    served: tuple[HostedExercise, str],
) -> None:
    exercise, base = served
    code = exercise.code("social")
    host = exercise.host.pid

    async def scenario() -> None:
        tabs = await _tabs(base, code, TABS_PER_SEAT)
        wait_until(lambda: len(children(host)) == TABS_PER_SEAT, [exercise.host])
        # One more tab of the same seat is refused before any console starts ...
        status, _, body = await _get(f"{base}/seat/{code}")
        assert status == 429 and "allerede åpen i 3 faner".encode() in body
        async with aiohttp.ClientSession() as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(f"{base.replace('http', 'ws')}/ws/seat/{code}")
            assert refused.value.status == 429
        assert len(children(host)) == TABS_PER_SEAT
        # ... while another seat opens.
        other = await _tabs(base, exercise.code("press"), 1)
        # A message larger than a page ever sends closes its tab and its console.
        await tabs[0].send_str('["stdin", "' + "x" * MAX_MESSAGE + '"]')
        message = await tabs[0].receive()
        while message.type == aiohttp.WSMsgType.BINARY:
            message = await tabs[0].receive()
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        wait_until(lambda: len(children(host)) == TABS_PER_SEAT, [exercise.host])
        status, _, _ = await _get(f"{base}/seat/{code}")
        assert status == 200
        for tab in [*tabs, *other]:
            await tab.close()
        wait_until(lambda: children(host) == [], [exercise.host])

    asyncio.run(scenario())


def test_another_sites_page_cannot_open_a_seats_console(
    served: tuple[HostedExercise, str],
) -> None:
    exercise, base = served

    async def scenario() -> None:
        async with aiohttp.ClientSession() as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(
                    f"{base.replace('http', 'ws')}/ws/seat/{exercise.code('press')}",
                    origin="http://example.com",
                )
            assert refused.value.status == 403

    asyncio.run(scenario())
    assert children(exercise.host.pid) == []


def _host(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    from tests.helpers import cli_path

    return subprocess.run(
        [cli_path(), "--lang", "en", "host", "jordras", "--session-dir", str(tmp_path), *options],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_web_address_that_is_no_address_is_told(tmp_path: Path) -> None:
    ran = _host(tmp_path, "--web", "localhost:http")
    assert ran.returncode == 2
    assert "--web takes PORT or ADDRESS:PORT" in ran.stderr and "'localhost:http'" in ran.stderr
    assert "Traceback" not in ran.stderr


def test_a_taken_port_is_told_and_nothing_is_hosted(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = _host(tmp_path, "--web", str(port))
    assert ran.returncode == 1
    assert f"cannot serve the seats on http://127.0.0.1:{port}" in ran.stderr
    assert "Choose another port with --web" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert "Hosting" not in ran.stdout


def test_serving_every_network_warns_who_can_reach_the_seats(tmp_path: Path) -> None:
    port = free_port()
    exercise = HostedExercise(tmp_path, "jordras", "--web", f"0.0.0.0:{port}")
    try:
        status, out, err = exercise.signal(signal.SIGINT)
    finally:
        exercise.kill_all()
    assert status == 0
    assert "Warning: the seats are served on every network this machine is on" in err
    assert f"http://0.0.0.0:{port}" in err
    # The links are ones a browser in the room can open: not the address listened on.
    press = exercise.code("press")
    [link] = [line.split()[-1] for line in out.splitlines() if line.endswith(press)][-1:]
    assert link.endswith(f":{port}/seat/{press}") and "0.0.0.0" not in link


def test_the_codes_file_holds_every_seats_link(served: tuple[HostedExercise, str]) -> None:
    exercise, base = served
    links = exercise.codes["links"]
    for team, seats in exercise.codes["teams"].items():
        assert links["teams"][team] == {role: f"{base}/seat/{code}" for role, code in seats.items()}
    assert links["facilitator"] == f"{base}/control/{exercise.codes['facilitator']}"
    status, out, _ = exercise.signal(signal.SIGINT)
    assert status == 0
    # The host printed the same links.
    for link in [*links["teams"]["1"].values(), links["facilitator"]]:
        assert link in out
