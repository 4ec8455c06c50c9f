"""Helpers for the storage tests: a loopback-only network guard and a tiny fault-injecting HTTP proxy.

The proxy sits between sigcheck's client and the emulator (point STORAGE_EMULATOR_HOST at ``proxy.url``).  It
logs every request (to count downloads and check upload order) and a test can give it a ``rule`` that, per
request, forwards it, drops the connection without an answer, or answers with a canned status and body.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import unquote, urlsplit

import pytest

from sigcheck.storage.gcs import GcsBackend


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection to a non-loopback address: these tests must never reach Google (or anything else)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            host = address[0]
            try:
                ok = ipaddress.ip_address(host).is_loopback
            except ValueError:
                ok = host == "localhost"
            if not ok:
                raise AssertionError(f"test tried to reach {address!r}: only loopback is allowed")

    def connect(sock: socket.socket, address: object) -> None:
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: object) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(autouse=True)
def fresh_default_backends() -> None:
    """Each test gets new default backends (clients), so one test's endpoint never leaks into the next."""
    GcsBackend._defaults.clear()
    yield
    GcsBackend._defaults.clear()


@dataclass
class Seen:
    method: str
    path: str  # URL path, %-decoded
    query: str
    upload_name: str | None = None  # the object name in an upload's metadata

    @property
    def object_name(self) -> str | None:
        """The object a download/upload/metadata request is about (None for listings)."""
        if self.upload_name:
            return self.upload_name
        if "/o/" in self.path:
            return self.path.split("/o/", 1)[1]
        return None

    @property
    def is_download(self) -> bool:
        return self.method == "GET" and ("/download/" in self.path or "alt=media" in self.query)

    @property
    def is_upload(self) -> bool:
        return self.method in ("POST", "PUT") and "/upload/" in self.path


Rule = Callable[[Seen, bytes, int], "str | tuple[int, bytes] | None"]
"""(request, body, request number) → None: forward · "drop": close without answering · "lose-answer": forward, then
close without answering · (status, body): answer with that."""


@dataclass
class FaultProxy:
    url: str
    upstream: str
    seen: list[Seen] = field(default_factory=list)
    rule: Rule | None = None

    def downloads(self) -> list[Seen]:
        return [s for s in self.seen if s.is_download]

    def uploads(self) -> list[Seen]:
        return [s for s in self.seen if s.is_upload]


def _start_proxy(upstream: str) -> tuple[FaultProxy, ThreadingHTTPServer]:
    up = urlsplit(upstream)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            seen = Seen(self.command, unquote(parts.path), parts.query)
            if "/upload/" in seen.path:
                named = re.search(rb'"name":\s*"([^"]+)"', body[:8192])
                seen.upload_name = named.group(1).decode() if named else None
            with lock:
                proxy.seen.append(seen)
                number = len(proxy.seen)
            action = proxy.rule(seen, body, number) if proxy.rule else None
            if action == "drop":
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            if isinstance(action, tuple):
                status, payload = action
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            conn = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
            if action == "lose-answer":  # the request lands upstream, but the answer never comes back
                conn.request(self.command, self.path, body=body or None, headers=dict(self.headers.items()))
                conn.getresponse().read()
                conn.close()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "keep-alive")}
            conn.request(self.command, self.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            self.send_response(resp.status)
            for key, value in resp.getheaders():
                if key.lower() in ("transfer-encoding", "connection", "content-length", "keep-alive"):
                    continue
                if key.lower() == "location":
                    value = value.replace(upstream, proxy.url)
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    proxy = FaultProxy(url=f"http://127.0.0.1:{server.server_address[1]}", upstream=upstream)
    threading.Thread(target=server.serve_forever, name="fault-proxy", daemon=True).start()
    return proxy, server


@pytest.fixture
def fault_proxy(gcs_emulator, monkeypatch: pytest.MonkeyPatch):
    """A proxy in front of the emulator; STORAGE_EMULATOR_HOST points at it for this test."""
    proxy, server = _start_proxy(gcs_emulator.url)
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", proxy.url)
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
