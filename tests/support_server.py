"""Serve a built site on 127.0.0.1 with exactly the headers netlify.toml declares."""

from __future__ import annotations

import fnmatch
import functools
import gzip
import http.server
import re
import threading
import tomllib
from contextlib import contextmanager
from pathlib import Path

HeaderRule = tuple[str, dict[str, str]]
# What Node's http module (under `netlify dev` and `netlify serve`) accepts in a header name and
# value; anything else, a line break above all, makes it throw ERR_INVALID_CHAR.
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
HEADER_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


def netlify_header_rules(netlify_toml: Path) -> list[HeaderRule]:
    """The [[headers]] rules of netlify.toml, in file order, values exactly as Netlify sends
    them. A name or value Netlify's server would reject raises ValueError."""
    config = tomllib.loads(netlify_toml.read_text(encoding="utf-8"))
    rules = [(rule["for"], dict(rule.get("values", {}))) for rule in config.get("headers", [])]
    for pattern, values in rules:
        for name, value in values.items():
            if not HEADER_NAME.fullmatch(name) or not HEADER_VALUE.fullmatch(value):
                raise ValueError(
                    f"{netlify_toml.name}: header {name!r} for {pattern!r} has a character "
                    f"a server cannot send (a line break?): {value!r}"
                )
    return rules


def headers_for(path: str, rules: list[HeaderRule]) -> dict[str, str]:
    """Every rule whose pattern matches applies, later ones overriding (as on Netlify)."""
    headers: dict[str, str] = {}
    for pattern, values in rules:
        if fnmatch.fnmatchcase(path, pattern) or path == pattern:
            headers.update(values)
    return headers


class _Handler(http.server.SimpleHTTPRequestHandler):
    rules: list[HeaderRule] = []
    # With serve(..., requests=[...]): each request answered, as (path, status, body bytes).
    requests: list[tuple[str, int, int]] | None = None

    def handle_one_request(self):
        self._status, self._length = None, 0
        super().handle_one_request()
        if self.requests is not None and self._status is not None:
            body = 0 if self._status == 304 or self.command == "HEAD" else self._length
            self.requests.append((self.path, int(self._status), body))

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            self._length = int(value)
        super().send_header(keyword, value)

    def end_headers(self):
        for name, value in headers_for(self.path.split("?")[0], self.rules).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.exists():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class _CompressingHandler(_Handler):
    """Sends text files gzip-compressed to a client that accepts it, as Netlify does, so that
    Lighthouse sees the bytes a visitor would download."""

    def do_GET(self):
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?")[0].endswith("/"):
            file = file / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and file.is_file() and file.suffix in COMPRESSIBLE):
            return super().do_GET()
        body = gzip.compress(file.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(
    site: Path,
    netlify_toml: Path,
    compress: bool = False,
    requests: list[tuple[str, int, int]] | None = None,
):
    """Yield the base URL of `site` served on a free port of 127.0.0.1; with `compress`, text
    files go gzip-compressed to clients that accept it; with `requests`, each request answered
    is appended to it as (path, status, bytes of body sent)."""
    base = _CompressingHandler if compress else _Handler
    handler = type(
        "Handler", (base,), {"rules": netlify_header_rules(netlify_toml), "requests": requests}
    )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
