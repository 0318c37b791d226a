"""`datamorph serve`: loopback only without a token, a missing database reported before serving,
and a real server process that answers over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from datamorph.cli import main
from datamorph.cli_serve import is_loopback


def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str):
    monkeypatch.setattr(sys, "argv", ["datamorph", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_without_a_token_only_loopback_is_allowed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], retail_db: Path, host: str
) -> None:
    monkeypatch.delenv("DATAMORPH_API_TOKEN", raising=False)

    code, err = run_cli(monkeypatch, capsys, "serve", "--host", host, "-d", str(retail_db))

    assert code == 2
    assert f"refusing to listen on {host} without a token" in err
    assert "Hint: set DATAMORPH_API_TOKEN" in err
    assert len(err.strip().splitlines()) <= 2  # one line (wrapped at most once by the console)


def test_a_missing_database_is_reported_before_serving(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err = run_cli(monkeypatch, capsys, "serve", "-d", str(tmp_path / "none.duckdb"))

    assert code == 2 and "not found" in err and "datamorph demo" in err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("myhost", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_server_process_serves_the_api_and_the_page(retail_db: Path, tmp_path: Path) -> None:
    port = free_port()
    env = os.environ | {"DATAMORPH_HOME": str(tmp_path / "home")}
    env.pop("DATAMORPH_API_TOKEN", None)
    command = [sys.executable, "-m", "datamorph.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "-d", str(retail_db), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        health = wait_until_up(f"{base}/health", server)
        assert health["status"] == "ok" and health["workers"]["workers"] == 2
        assert "<textarea" in httpx.get(f"{base}/").text
        # The Host check: a name other than loopback's is refused (DNS rebinding).
        refused = httpx.get(f"{base}/api/runs", headers={"Host": "evil.example"})
        assert refused.status_code == 400
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=20)
    assert server.returncode == 0, output
    assert "listening on loopback only" in output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, server: subprocess.Popen[str], timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited: {server.communicate()[0]}")
        try:
            return httpx.get(url, timeout=2).json()
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout} s")
