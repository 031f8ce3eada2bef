"""A local CharityBase: GraphQL over HTTP on 127.0.0.1, speaking the real request and response
shapes (`CHC.getCharities(filters) { count list(limit, skip) }`), with scripted faults."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GOOD_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@dataclass
class Received:
    """One request as the server saw it."""

    at: float
    headers: dict[str, str]
    body: Any

    @property
    def variables(self) -> dict:
        return (self.body or {}).get("variables") or {}

    @property
    def skip(self) -> int:
        return self.variables.get("skip") or 0

    @property
    def search(self) -> str | None:
        return (self.variables.get("filters") or {}).get("search")


@dataclass
class Fault:
    """Answer requests that `matches` with `status`/`body` (or after `delay`), `times` times
    (None: always)."""

    matches: Callable[[Received], bool]
    status: int = 500
    body: bytes | None = b'{"errors": [{"message": "Internal server error"}]}'
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    times: int | None = 1


def charity_record(
    number: str,
    name: str,
    *,
    website: str | None = None,
    removed: str | None = None,
    income: int | None = 12345,
    activities: str = "HELPS PEOPLE IN NEED. RUNS A HELPLINE.",
) -> dict:
    """A `getCharities.list` item as CharityBase sends it, with personal data in the fields
    ACT must never keep (contact details, people)."""
    return {
        "id": number,
        "names": [
            {"value": name, "primary": True},
            {"value": f"{name} OLD NAME", "primary": False},
        ],
        "activities": activities,
        "website": website,
        "finances": [{"income": income, "financialYear": {"end": "2025-03-31T00:00:00.000Z"}}],
        "areas": [{"id": "A-1", "name": "THROUGHOUT ENGLAND AND WALES"}],
        "causes": [{"id": "103", "name": "The Advancement Of Health Or Saving Of Lives"}],
        "beneficiaries": [{"id": "207", "name": "The General Public/mankind"}],
        "operations": [{"id": "306", "name": "Provides Services"}],
        "registrations": [{"registrationDate": "1990-05-01T00:00:00.000Z", "removalDate": removed}],
        "contact": {
            "email": "jane.trustee@example.org",
            "phone": "07700 900123",
            "address": ["1 Trustee Road"],
            "postcode": "ZZ1 1ZZ",
        },
        "people": [{"name": "Jane Trustee"}],
    }


class FakeCharityBase:
    def __init__(self, key: str = GOOD_KEY) -> None:
        self.key = key
        self.by_number: dict[str, dict] = {}
        self.searches: dict[str, list[dict]] = {}
        self.faults: list[Fault] = []
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/graphql"

    def __enter__(self) -> FakeCharityBase:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, *records: dict, search: str | None = None) -> None:
        """Know these charities by number, and (with `search`) return them for that search."""
        for record in records:
            self.by_number[record["id"]] = record
        if search is not None:
            self.searches.setdefault(search, []).extend(records)

    def fail(self, fault: Fault) -> None:
        self.faults.append(fault)

    def _fault_for(self, request: Received) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times != 0 and fault.matches(request):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def answer(self, request: Received) -> tuple[int, dict[str, str], bytes]:
        if request.headers.get("Authorization") != f"Apikey {self.key}":
            # CharityBase answers a bad key with an error message, not data (HTTP 200).
            return (
                200,
                {},
                _json(
                    {
                        "errors": [
                            {
                                "message": "Invalid API key",
                                "extensions": {"code": "UNAUTHENTICATED"},
                            }
                        ]
                    }
                ),
            )
        query = (request.body or {}).get("query", "")
        if "getCharities" not in query or "list(limit: 30, skip: $skip" not in query:
            return 400, {}, _json({"errors": [{"message": "Cannot parse the query"}]})
        filters = request.variables.get("filters") or {}
        if "id" in filters:
            found = [self.by_number[n] for n in filters["id"] if n in self.by_number]
        else:
            found = self.searches.get(filters.get("search"), [])
        skip = request.skip
        page = found[skip : skip + 30]
        return (
            200,
            {},
            _json({"data": {"CHC": {"getCharities": {"count": len(found), "list": page}}}}),
        )

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                request = Received(time.monotonic(), dict(self.headers.items()), body)
                with fake._lock:
                    fake.received.append(request)
                fault = fake._fault_for(request)
                if fault and fault.delay:
                    time.sleep(fault.delay)
                if fault and fault.body is not None:
                    status, headers, payload = fault.status, fault.headers, fault.body
                else:
                    status, headers, payload = fake.answer(request)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a read timeout): nothing to answer

            def log_message(self, *args):
                pass

        return Handler


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()
