"""`datamorph serve`: the HTTP service and web page (FastAPI, served by uvicorn).

Thin like the rest of the CLI: check the options, build `ServiceSettings`, hand the app to
uvicorn. FastAPI and uvicorn are imported only here, so other commands start no slower.
Registered on the main app by `datamorph.cli`.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.config import (
    API_TOKEN_ENV,
    default_database,
    home,
    set_flag,
    shown_location,
    store_url,
)
from datamorph.engines import open_engine
from datamorph.errors import UsageError, refuse_blank

err = Console(stderr=True)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name: it could resolve anywhere
        return False


def require_free_port(host: str, port: int) -> None:
    """UsageError (exit 2) when the address cannot be listened on, before the URL is printed
    as if the service had started. A bind and a close: uvicorn binds the same way right after
    (SO_REUSEADDR, as it does, so a port left in TIME_WAIT by a stopped service is free)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise UsageError(
            f"cannot listen on {host}: {error.strerror}", hint="--host 127.0.0.1"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            busy = error.errno == errno.EADDRINUSE
            why = "is already in use" if busy else f"cannot be used ({error.strerror})"
            raise UsageError(
                f"port {port} on {host} {why}",
                hint=f"serve on another port, e.g. --port {port + 1 if port < 65535 else 8000}",
            ) from None


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database: Annotated[
        str | None,
        typer.Option("--database", "-d", help="DuckDB file path or URL (default: the demo one)."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Runs executed at the same time.")
    ] = 4,
    llm: Annotated[
        str | None, typer.Option(help="provider:model for planning (default DATAMORPH_LLM).")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Run store database URL (postgresql://... to share one between services; "
            "default: DATAMORPH_STORE, `store` in datamorph.toml, else SQLite under the home).",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API and the web page. Without DATAMORPH_API_TOKEN it listens on
    loopback only; with it, every endpoint but /health needs `Authorization: Bearer`."""
    token = os.environ.get(API_TOKEN_ENV) or None
    if token is None and not is_loopback(host):
        raise UsageError(
            f"refusing to listen on {host} without a token: anyone who can reach it could run "
            "pipelines and queries",
            hint=f"set {API_TOKEN_ENV} to serve other hosts, or use --host 127.0.0.1",
        )
    require_free_port(host, port)
    if store is not None:
        refuse_blank("--store", store)
        set_flag("store", store, "--store")
    target = database or default_database()
    open_engine(target).close()  # a missing database is reported now, with its hint (exit 2)

    import uvicorn

    from datamorph.api import ServiceSettings, create_app
    from datamorph.api.settings import LOOPBACK_HOSTS

    settings = ServiceSettings(
        database=target,
        home=home(),
        store=store_url(),
        workers=workers,
        llm=llm,
        token=token,
        allowed_hosts=None if token else LOOPBACK_HOSTS,
    )
    shown = f"[{host}]" if ":" in host else host
    store_shown = settings.store or f"SQLite under {settings.home}"
    err.print(
        f"DataMorph on [bold]http://{shown}:{port}/[/] (database {escape(shown_location(target))}, "
        f"{workers} workers, run store {escape(shown_location(store_shown))})",
        soft_wrap=True,  # a long path stays whole, to be copied
    )
    if token is None:
        err.print(
            f"[yellow]{API_TOKEN_ENV} is not set: listening on loopback only, no authentication[/]"
        )
    # Open event streams end with their run; a stop does not wait more than 10 s for them.
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=10,
        # the app answers oversized header blocks itself (431, with a JSON reason); h11 only
        # refuses (400) what is larger still
        h11_max_incomplete_event_size=1_048_576,
    )
