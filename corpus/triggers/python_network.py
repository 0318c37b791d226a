"""Network failures provoked for real on 127.0.0.1: sockets, urllib, urllib3, http.client, TLS.

Every peer is local: a closed port (refused), a listener that never answers (timeouts), one
that resets (SO_LINGER 0), one that closes early, an HTTP server answering a chosen status,
and TLS servers with a self-signed certificate. Socket errors are source `python`; errors of
HTTP clients are source `http`. Labelling decisions:
- refused, reset, timed out, closed early, truncated bodies, and the gateway statuses
  502 / 503 / 504 and 408 are `network_timeout` (a peer did not answer in time, or the
  connection dropped: retrying is the remedy);
- TLS spoken to a plain port, and a certificate that does not verify (self-signed, wrong
  host), are `configuration_error`: the endpoint or trust settings are wrong;
- 401 / 407 are `authentication_failure`, 403 `permission_denied`, 404 `missing_dependency`
  (the upstream object is not there), 423 `resource_locked`, 429 `quota_exceeded`, 507
  `resource_exhaustion`, and a bare 500 `unknown` (the server says nothing about why).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import struct
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import urllib3

from corpus.common import Recorder, free_port, python_code, silent_server, workdir
from datamorph.monitor.taxonomy import Category

C = Category
STATUSES: dict[int, Category] = {
    401: C.AUTHENTICATION_FAILURE,
    403: C.PERMISSION_DENIED,
    404: C.MISSING_DEPENDENCY,
    407: C.AUTHENTICATION_FAILURE,
    408: C.NETWORK_TIMEOUT,
    423: C.RESOURCE_LOCKED,
    429: C.QUOTA_EXCEEDED,
    500: C.UNKNOWN,
    502: C.NETWORK_TIMEOUT,
    503: C.NETWORK_TIMEOUT,
    504: C.NETWORK_TIMEOUT,
    507: C.RESOURCE_EXHAUSTION,
}
TIMEOUT = 0.25  # seconds: long enough for a local answer, short enough for a harvest


class _Handler(BaseHTTPRequestHandler):
    """`/status/503/...` answers 503; `/truncated` promises 1,000 bytes and sends 10."""

    def do_GET(self) -> None:
        if self.path.startswith("/truncated"):
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"rows": [')
            self.wfile.flush()
            self.close_connection = True
            return
        status = int(self.path.split("/")[2])
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def http_server(tls: ssl.SSLContext | None = None) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def resetting_server(abort: bool = True) -> Iterator[int]:
    """Accepts, reads a little, then aborts the connection (RST; with `abort=False` a plain
    close, FIN, before any answer)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                peer, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            with contextlib.suppress(OSError):
                peer.settimeout(1)
                peer.recv(1024)
            if abort:
                peer.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            peer.close()

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def exchange(port: int, payload: bytes = b"GET / HTTP/1.0\r\n\r\n") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(payload)
        return sock.recv(1024)


def sockets(recorder: Recorder) -> None:
    for _ in range(2):
        port = free_port()
        recorder.expect("connection_refused", C.NETWORK_TIMEOUT, lambda p=port: exchange(p))
    with silent_server() as port:
        recorder.expect("socket_timeout", C.NETWORK_TIMEOUT, lambda: exchange(port))
    with resetting_server() as port:
        recorder.expect("connection_reset", C.NETWORK_TIMEOUT, lambda: exchange(port))
        recorder.expect("broken_pipe", C.NETWORK_TIMEOUT, lambda: keep_writing(port))


def keep_writing(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(b"x" * 10)
        sock.settimeout(1)
        with contextlib.suppress(ConnectionResetError):
            sock.recv(10)  # the reset arrives here; writing afterwards hits the broken pipe
        for _ in range(20):
            sock.sendall(b"x" * 65536)


def urlopen(url: str, context: ssl.SSLContext | None = None) -> Callable[[], object]:
    return lambda: urllib.request.urlopen(url, timeout=TIMEOUT, context=context).read()


def http_clients(recorder: Recorder) -> None:
    with http_server() as port:
        base = f"http://127.0.0.1:{port}"
        for status, category in STATUSES.items():
            recorder.expect(
                "urllib_status",
                category,
                urlopen(f"{base}/status/{status}/exports/orders.csv"),
                source="http",
                code=f"http:{status}",
            )
        recorder.expect(
            "incomplete_read",
            C.NETWORK_TIMEOUT,
            urlopen(f"{base}/truncated/orders.json"),
            source="http",
        )
    closed = free_port()
    recorder.expect(
        "urllib_refused",
        C.NETWORK_TIMEOUT,
        urlopen(f"http://127.0.0.1:{closed}/api/v1/orders"),
        source="http",
        code="errno:ECONNREFUSED",
    )
    with silent_server() as port:
        recorder.expect(
            "urllib_timeout",
            C.NETWORK_TIMEOUT,
            urlopen(f"http://127.0.0.1:{port}/health"),
            source="http",
        )
        for path in ("/api/v1/orders?page=2", "/exports/customers.csv"):
            recorder.expect(
                "urllib3_read_timeout",
                C.NETWORK_TIMEOUT,
                lambda p=path: pool_get(f"http://127.0.0.1:{port}{p}"),
                source="http",
            )
    for path in ("/api/v1/orders", "/v2/batches/17"):
        recorder.expect(
            "urllib3_max_retries",
            C.NETWORK_TIMEOUT,
            lambda p=path: pool_get(f"http://127.0.0.1:{closed}{p}", retries=1),
            source="http",
        )
    with resetting_server(abort=False) as port:
        recorder.expect(
            "remote_disconnected",
            C.NETWORK_TIMEOUT,
            lambda: http_get(port, "/api/v1/orders"),
            source="http",
        )
    for url in ("htp://warehouse.internal/api", "warehouse.internal/api/orders"):
        recorder.expect(
            "bad_url", C.CONFIGURATION_ERROR, lambda u=url: urllib.request.urlopen(u), source="http"
        )
    for host in ("127.0.0.1:80http", "127.0.0.1:port"):
        recorder.expect(
            "bad_port",
            C.CONFIGURATION_ERROR,
            lambda h=host: http.client.HTTPConnection(h),
            source="http",
        )


def pool_get(url: str, retries: int | bool = False) -> object:
    pool = urllib3.PoolManager()
    try:
        return pool.request("GET", url, retries=retries, timeout=TIMEOUT).data
    finally:
        pool.clear()


def http_get(port: int, path: str) -> object:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        return connection.getresponse().read()
    finally:
        connection.close()


def certificate(host: str) -> tuple[Path, Path] | None:
    """A self-signed certificate for `host`, made with the openssl command line."""
    key, cert = Path(f"{host}.key"), Path(f"{host}.pem")
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={host}", "-keyout", str(key), "-out", str(cert)],
            capture_output=True,
            check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return key, cert


def tls(recorder: Recorder) -> None:
    with http_server() as port:  # TLS spoken to a plain HTTP port
        recorder.expect(
            "tls_to_plain_port",
            C.CONFIGURATION_ERROR,
            urlopen(f"https://127.0.0.1:{port}/api/v1/orders"),
            source="http",
        )
    pair = certificate("warehouse.internal")
    if pair is None:
        recorder.misses.append("tls_certificate (no openssl)")
        return
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(str(pair[1]), str(pair[0]))
    trusting = ssl.create_default_context(cafile=str(pair[1]))
    with http_server(server_side) as port:
        url = f"https://127.0.0.1:{port}/api/v1/orders"
        recorder.expect("tls_self_signed", C.CONFIGURATION_ERROR, urlopen(url), source="http")
        recorder.expect(
            "tls_hostname_mismatch", C.CONFIGURATION_ERROR, urlopen(url, trusting), source="http"
        )


def network_code(error: BaseException) -> str | None:
    if isinstance(error, urllib.error.HTTPError):
        return f"http:{error.code}"
    reason = getattr(error, "reason", None)
    if isinstance(error, urllib.error.URLError) and isinstance(reason, BaseException):
        error = reason
    if isinstance(error, ssl.SSLError) and error.reason:
        return f"ssl:{error.reason}"  # its errno is OpenSSL's library code, not an OS errno
    return python_code(error)


def run_all(recorder: Recorder) -> None:
    network = Recorder("python", network_code)
    with workdir("network"):
        sockets(network)
        http_clients(network)
        tls(network)
    recorder.entries.extend(network.entries)
    recorder.misses.extend(network.misses)
