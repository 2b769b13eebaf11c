"""A real PostgreSQL server for the tests and the benchmarks, started by them in a
temporary folder.

The server's own programs (initdb, pg_ctl) from the installed PostgreSQL make a cluster
listening on a free port of this machine only (the tests keep one per worker for the whole
run and give every test a database of its own in it). Where PostgreSQL is not installed,
:class:`NoServer` says so: the tests that need it are then skipped, unless
CRISIS_SIM_REQUIRE_POSTGRESQL is set (as CI sets it), where they fail.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.web_hosting import free_port

#: The role the tests connect as: the cluster's superuser, made by initdb.
SUPERUSER = "crisis"


def _program(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


class NoServer(Exception):
    """PostgreSQL's server cannot be started here: why."""


def _as_server_user() -> list[str]:
    """What runs the server's programs: PostgreSQL refuses to run as root, so as root
    they run as the system's ``postgres`` user."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoServer("running as root without runuser: PostgreSQL cannot be started")
    return [runuser, "-u", "postgres", "--"]


@dataclass
class PgServer:
    """A running PostgreSQL cluster of this test run."""

    folder: Path
    port: int
    pg_ctl: str
    #: Whether commits reach the disk before they return, as on a real server (the
    #: benchmarks); the tests do without, for speed.
    durable: bool = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        """The address of ``database`` for ``user``."""
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A superuser's connection (autocommit)."""
        return psycopg.connect(self.url(database), autocommit=True)

    def new_database(self) -> str:
        """A new empty database; its name."""
        name = "t_" + uuid.uuid4().hex[:12]
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"'.encode())
        return name

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*_as_server_user(), self.pg_ctl, "-D", str(self.data), "-w", "-t", "60", *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        """Start the server (it keeps its port)."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c max_connections=300"
        )
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._ctl("-o", options, "-l", str(self.folder / "server.log"), "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: ``fast`` ends every connection; ``immediate`` as a crash."""
        self._ctl("-m", mode, "stop")

    def terminate(self, application: str, database: str) -> int:
        """End the connections of every program whose name starts with ``application``
        to ``database``, as a network failure would; how many were ended."""
        with self.admin() as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name LIKE %s AND datname = %s",
                (application + "%", database),
            ).fetchall()
        return len(rows)


def _started(folder: Path, durable: bool) -> PgServer:
    initdb, pg_ctl = _program("initdb"), _program("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise NoServer("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    subprocess.run(
        [
            *_as_server_user(),
            initdb,
            "-D",
            str(folder / "data"),
            "-A",
            "trust",
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server = PgServer(folder, free_port(), pg_ctl, durable)
    # Passwords are checked for every role but the superuser, over TCP, as a server
    # reached from other machines would check them.
    (folder / "data" / "pg_hba.conf").write_text(
        f"local all {SUPERUSER} trust\n"
        f"host all {SUPERUSER} 127.0.0.1/32 trust\n"
        "host all all 127.0.0.1/32 scram-sha-256\n",
        encoding="utf-8",
    )
    server.start()
    return server


@contextlib.contextmanager
def pg_cluster(*, durable: bool = False) -> Iterator[PgServer]:
    """A PostgreSQL server in a new temporary folder, stopped and removed afterwards;
    ``durable`` as a real server is (see :attr:`PgServer.durable`)."""
    folder = Path(tempfile.mkdtemp(prefix="crisis-sim-pg-"))
    os.chmod(folder, 0o755)  # the server's user enters it
    server = None
    try:
        server = _started(folder, durable)
        yield server
    finally:
        if server is not None:
            with contextlib.suppress(subprocess.CalledProcessError):
                server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
