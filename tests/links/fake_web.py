"""A website on 127.0.0.1 with scripted answers, for `act links`: it counts every request and
the most it was answering at once, so tests can see the cache and the per-site limit work."""

from __future__ import annotations

import socket
import ssl
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A certificate no one vouches for (made with `openssl req -x509 -newkey rsa:2048 -nodes
# -days 36500 -subj /CN=127.0.0.1`): a site whose secure connection a browser would refuse.
SELF_SIGNED = Path(__file__).parent / "tls"


@dataclass
class Answer:
    """What a path answers: `status` and `headers`; `head_status` for HEAD if it differs;
    `hold` waits without answering until the server stops (a read timeout); `then` answers
    every request after the first."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    head_status: int | None = None
    hold: bool = False
    then: Answer | None = None


def redirect(status: int, to: str) -> Answer:
    return Answer(status, {"Location": to})


class FakeWeb:
    def __init__(
        self, routes: dict[str, Answer] | None = None, overlap_wait: float = 0.0, tls=False
    ):
        self.routes = dict(routes or {})
        self.tls = tls
        # Each request waits this long for another to arrive, so that any requests a client
        # sends at once are seen at once (0: answer straight away).
        self.overlap_wait = overlap_wait
        self.received: list[tuple[str, str, dict[str, str]]] = []
        self.in_flight = 0
        self.most_at_once = 0
        self._seen: dict[str, int] = {}
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    def url(self, path: str) -> str:
        assert self._server is not None, "start the server first"
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}{path}"

    def count(self, path: str, method: str | None = None) -> int:
        return sum(1 for m, p, _ in self.received if p == path and method in (None, m))

    @contextmanager
    def running(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_HEAD(self):
                web._answer(self)

            def do_GET(self):
                web._answer(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(
                SELF_SIGNED / "self-signed.crt", SELF_SIGNED / "self-signed.key"
            )
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        try:
            yield self
        finally:
            self._stopping.set()
            self._server.shutdown()
            self._server.server_close()

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        with self._changed:
            self.received.append((request.command, path, dict(request.headers)))
            self.in_flight += 1
            self.most_at_once = max(self.most_at_once, self.in_flight)
            nth = self._seen.get(path, 0)
            self._seen[path] = nth + 1
            self._changed.notify_all()
            if self.overlap_wait:
                self._changed.wait_for(lambda: self.in_flight > 1, timeout=self.overlap_wait)
        answered = False

        def answering() -> None:
            nonlocal answered
            if not answered:
                answered = True
                with self._changed:
                    self.in_flight -= 1
                    self._changed.notify_all()

        try:
            answer = self.routes.get(path, Answer(404))
            if nth and answer.then is not None:
                answer = answer.then
            if answer.hold:
                self._stopping.wait(timeout=30)
                return
            status = answer.status
            if request.command == "HEAD" and answer.head_status is not None:
                status = answer.head_status
            body = b"" if request.command == "HEAD" else b"<p>page</p>"
            # No longer in flight once answered: the client may send its next request as soon
            # as the last byte reaches it, before this thread runs again, and counting this one
            # until then would see two at once where the client never sent them together.
            answering()
            request.send_response(status)
            for name, value in answer.headers.items():
                request.send_header(name, value)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        finally:
            answering()


def closed_port_urls(*paths: str) -> list[str]:
    """Addresses on 127.0.0.1, each on its own port, where nothing listens: the connection is
    refused. (The ports are taken together, so they differ, then let go.)"""
    sockets = [socket.socket() for _ in paths]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        ports = [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
    return [f"http://127.0.0.1:{port}{path}" for port, path in zip(ports, paths, strict=True)]


def closed_port_url(path: str = "/") -> str:
    return closed_port_urls(path)[0]
