"""The switch that forbids real model calls (pydantic-ai's `ALLOW_MODEL_REQUESTS` idea).

With `DATAMORPH_OFFLINE=1` in the environment, or after `forbid_network()`, every provider
refuses a base URL that is not on this machine (127.0.0.0/8, ::1, localhost) before it opens
a connection. Tests go one step further with `install_socket_guard()`: any socket connect to a
non-loopback address raises, whoever makes it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from datamorph.llm.base import LLMConfigurationError

OFFLINE_ENV = "DATAMORPH_OFFLINE"
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}

_forbidden = False


class NetworkDisabledError(LLMConfigurationError):
    """A connection to a non-loopback address was attempted while the network is disabled."""


def forbid_network(forbidden: bool = True) -> bool:
    """Refuse (or allow again) non-loopback model endpoints in this process; returns the
    previous in-process setting (the environment variable is separate)."""
    global _forbidden
    previous, _forbidden = _forbidden, forbidden
    return previous


def network_forbidden() -> bool:
    from datamorph.config import offline  # OFFLINE_ENV, or `offline = true` in a config file

    return _forbidden or offline()


def is_loopback(host: str) -> bool:
    """True for localhost and loopback literals; never resolves a name (that is traffic too)."""
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def url_host(url: str) -> str:
    return urlsplit(url if "//" in url else f"//{url}").hostname or ""


def is_loopback_url(url: str) -> bool:
    return is_loopback(url_host(url))


def check_url(url: str, *, provider: str) -> None:
    """Raise before any connection when the network is off and `url` leaves this machine."""
    if network_forbidden() and not is_loopback_url(url):
        raise NetworkDisabledError(
            f"network calls are disabled: provider '{provider}' would reach {url_host(url)!r}",
            hint=f"unset {OFFLINE_ENV}, or point the provider's base URL at a local server",
        )


# --- socket guard (tests) ---------------------------------------------------------------

_originals: dict[str, Any] = {}


def _refuse(address: object) -> NetworkDisabledError:
    return NetworkDisabledError(
        f"network calls are disabled: connection to {address!r} refused by the socket guard",
        hint="tests must use the local servers in tests/llm_servers.py",
    )


def _allowed(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    if isinstance(address, tuple) and address and isinstance(address[0], str):
        return is_loopback(address[0])
    return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _allowed(address):
        raise _refuse(address)
    _originals["connect"](self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _allowed(address):
        raise _refuse(address)
    result: int = _originals["connect_ex"](self, address)
    return result


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    if not _allowed(address):
        raise _refuse(address)
    sock: socket.socket = _originals["create_connection"](address, *args, **kwargs)
    return sock


def install_socket_guard() -> Callable[[], None]:
    """Make every non-loopback connect raise; returns the function that undoes it.

    Idempotent: a second install returns a no-op, so only the first installer uninstalls.
    """
    if _originals:
        return lambda: None
    _originals["connect"] = socket.socket.connect
    _originals["connect_ex"] = socket.socket.connect_ex
    _originals["create_connection"] = socket.create_connection
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign, assignment]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign, assignment]
    socket.create_connection = _guarded_create_connection
    return uninstall_socket_guard


def uninstall_socket_guard() -> None:
    if not _originals:
        return
    socket.socket.connect = _originals.pop("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = _originals.pop("connect_ex")  # type: ignore[method-assign]
    socket.create_connection = _originals.pop("create_connection")


def socket_guard_installed() -> bool:
    return bool(_originals)
