"""`datamorph daemon start|stop|status`: the warm-start fork server (datamorph.daemon).
Registered by cli.py. These commands always run in their own process, never through it."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from datamorph.cli_errors import print_json
from datamorph.errors import UsageError

out = Console()
daemon_app = typer.Typer(
    rich_markup_mode=None,
    help="A warm start for every command: a background process that has imported DataMorph "
    "forks one child per command (same files, terminal, environment and exit code).",
    no_args_is_help=True,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object and nothing else.")]
_START_TIMEOUT_S = 60.0


@daemon_app.command("start")
def daemon_start(
    idle: Annotated[
        float, typer.Option(help="Stop after this many minutes without a command.", min=1)
    ] = 60,
    as_json: JsonOpt = False,
) -> None:
    """Start the server, or say it is running. Commands use it as soon as it listens."""
    from datamorph.daemon import client, protocol

    running = client.control({"status": True})
    if running is None:
        client.start_in_background(idle)
        running = _wait_for_server(Path(protocol.directory()) / "daemon.log")
    _report(running, as_json, "running")


def _wait_for_server(log: os.PathLike[str]) -> dict[str, object]:
    from datamorph.daemon import client

    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        answer = client.control({"status": True})
        if answer is not None:
            return answer
        time.sleep(0.05)
    raise UsageError(
        f"the daemon did not start within {_START_TIMEOUT_S:.0f} s",
        hint=f"see {os.fspath(log)}; commands still work without it",
    )


@daemon_app.command("stop")
def daemon_stop(as_json: JsonOpt = False) -> None:
    """Stop the server (commands already running finish first)."""
    from datamorph.daemon import client, protocol

    answer = client.control({"stop": True})
    deadline = time.monotonic() + 10
    while answer is not None and os.path.exists(protocol.socket_path()):
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if as_json:
        print_json({"stopped": answer is not None})
    else:
        out.print("daemon stopped" if answer is not None else "no daemon was running")


@daemon_app.command("status")
def daemon_status(as_json: JsonOpt = False) -> None:
    """Whether the server runs, since when, and how many commands it has served."""
    from datamorph.daemon import client

    _report(client.control({"status": True}), as_json, "running")


def _report(answer: dict[str, object] | None, as_json: bool, word: str) -> None:
    from datamorph.daemon import protocol

    if as_json:
        print_json({"running": answer is not None, **(answer or {})})
        return
    if answer is None:
        out.print("no daemon is running; `datamorph daemon start` starts one")
        return
    since = datetime.fromtimestamp(float(str(answer["since"])), UTC)
    idle = float(str(answer["idle_seconds"])) / 60
    out.print(
        f"daemon {word}: pid {answer['pid']}, since {since:%Y-%m-%d %H:%M:%S} UTC, "
        f"{answer['served']} command(s) served, {answer['busy']} running now, "
        f"stops after {idle:g} min idle; socket {protocol.socket_path()}",
        soft_wrap=True,
    )
