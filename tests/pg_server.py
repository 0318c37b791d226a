"""A throwaway PostgreSQL cluster for tests and the error corpus: initdb, pg_ctl, tear down.

    with postgres_server() as server:
        conninfo = server.dsn()                       # the superuser, over TCP, with password
        conninfo = server.dsn(user="analyst", password="secret", dbname="sales")

The cluster lives in a fresh temporary directory, listens on 127.0.0.1 on a free port (and on
a private Unix socket directory), and is stopped and deleted on exit. Host connections need a
password (scram-sha-256; the superuser's is `server.password`) so that authentication failures
are real; local socket connections are trusted.

PostgreSQL refuses to run as root, and tests run as root here and on CI: when the effective
user is root, the directory is handed to the `postgres` system user (Debian's package creates
it) and initdb / pg_ctl run through `runuser -u postgres --`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
SYSTEM_USER = "postgres"  # the account the server runs as when we are root
START_TIMEOUT = 60  # seconds; pg_ctl -w waits until the server accepts connections


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    socket_dir: Path
    data_dir: Path
    password: str
    superuser: str = SUPERUSER

    def dsn(
        self,
        user: str | None = None,
        password: str | None = None,
        dbname: str = "postgres",
        **options: str | int,
    ) -> str:
        """A libpq conninfo string; the superuser and its password unless told otherwise."""
        user = user or self.superuser
        if password is None and user == self.superuser:
            password = self.password
        parts = {"host": self.host, "port": self.port, "user": user, "dbname": dbname}
        if password is not None:
            parts["password"] = password
        parts.update(options)
        return " ".join(f"{key}={_quote(str(value))}" for key, value in parts.items())


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl: `pg_config --bindir`, else Debian's layout."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            found = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            )
            candidates.append(found.stdout.strip())
    # Highest version first: /usr/lib/postgresql/16/bin before .../15/bin.
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    for directory in candidates:
        if (Path(directory) / "initdb").is_file() and (Path(directory) / "pg_ctl").is_file():
            return Path(directory)
    return None


def _version(path: str) -> float:
    try:
        return float(Path(path).parent.name)
    except ValueError:
        return 0.0


@contextlib.contextmanager
def postgres_server(*settings: str) -> Iterator[PgServer]:
    """A running cluster for the duration of the block; `settings` are extra `-c name=value`."""
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found")
    root = Path(tempfile.mkdtemp(prefix="dm-pg-"))
    try:
        server = _init(bindir, root)
        _start(bindir, server, settings)
        try:
            yield server
        finally:
            _stop(bindir, server)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _init(bindir: Path, root: Path) -> PgServer:
    password = "dm-" + os.urandom(8).hex()
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    pwfile = root / "pwfile"
    pwfile.write_text(password + "\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SYSTEM_USER)
        for path in (root, sockets, pwfile):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    _run(
        bindir / "initdb",
        "-D",
        str(data),
        "-U",
        SUPERUSER,
        "--pwfile",
        str(pwfile),
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",  # a throwaway cluster: durability costs seconds for nothing
    )
    pwfile.unlink()
    return PgServer("127.0.0.1", _free_port(), sockets, data, password)


def _start(bindir: Path, server: PgServer, settings: tuple[str, ...]) -> None:
    options = [
        "-c listen_addresses=127.0.0.1",
        f"-p {server.port}",
        f"-c unix_socket_directories={server.socket_dir}",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        *(f"-c {setting}" for setting in settings),
    ]
    log = server.data_dir.parent / "server.log"
    try:
        _run(
            bindir / "pg_ctl",
            "-D",
            str(server.data_dir),
            "-l",
            str(log),
            "-w",
            "-t",
            str(START_TIMEOUT),
            "-o",
            " ".join(options),
            "start",
        )
    except subprocess.CalledProcessError as error:
        text = log.read_text(errors="replace") if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr}\n{text}") from None


def _stop(bindir: Path, server: PgServer) -> None:
    with contextlib.suppress(subprocess.CalledProcessError):
        _run(bindir / "pg_ctl", "-D", str(server.data_dir), "-m", "immediate", "-w", "stop")


def _run(program: Path, *args: str) -> None:
    command = [str(program), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SYSTEM_USER, "--", *command]
    # pg_ctl's server inherits stdout: a pipe would keep capture_output waiting for it.
    subprocess.run(
        command,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd="/",  # the postgres user may not be allowed into the caller's directory
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _quote(value: str) -> str:
    if value and all(c not in value for c in " '\\"):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
