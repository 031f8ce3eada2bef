"""A local CharityBase: GraphQL over HTTP on 127.0.0.1 that behaves as the real server does
(read from dan-kwiat/charity-base-app: pages/api/graphql.js, graphql-schema/), with scripted
faults on top:

- only registered charities are in its index: a removed charity is simply not returned;
- a key that is not five dash-separated parts gets HTTP 500 while Apollo builds its context;
  a well-formed unknown key gets HTTP 200, `CHC: null` and an UNAUTHENTICATED error;
- a query asking for a field CharityCHC does not have gets HTTP 400 GRAPHQL_VALIDATION_FAILED;
- list fields are resolved per page, so one record without `registrations` fails that field
  for every charity on its page (data and errors together, HTTP 200);
- `filters.search` is an Elasticsearch simple_query_string with default operator OR over
  names, activities and the classification names; `+word` is required, `"a b"` is a phrase.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GOOD_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
MALFORMED_KEY_MESSAGE = (
    "Context creation failed: Invalid API key, visit https://charitybase.uk/console/keys to "
    "create a new key."
)
# The fields of `CharityCHC` in graphql-schema/typeDefs/list.js of dan-kwiat/charity-base-app.
CHARITY_CHC_FIELDS = frozenset(
    {
        *("id", "name", "names", "activities", "finances", "areas", "areaOfBenefit", "causes"),
        *("beneficiaries", "operations", "funding", "grants", "geo", "contact", "website"),
        *("trustees", "governingDoc", "objectives", "numPeople", "orgIds", "financialYearEnd"),
        *("registrations", "image", "topics"),
    }
)
OPERATIONS = {"306": "Provides Services", "307": "Provides Advocacy/advice/information"}
CLASSIFICATIONS = ("areas", "causes", "beneficiaries", "operations")


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
    income: int | None = 12345,
    activities: str = "HELPS PEOPLE IN NEED. RUNS A HELPLINE.",
    operations: tuple[str, ...] = ("306",),
    areas: tuple[tuple[str, str], ...] = (("A-1", "THROUGHOUT ENGLAND AND WALES"),),
) -> dict:
    """A registered charity as CharityBase indexes it, with personal data in the fields ACT must
    never keep (contact details, trustees)."""
    return {
        "id": number,
        "names": [
            {"value": name, "primary": True},
            {"value": f"{name} OLD NAME", "primary": False},
        ],
        "activities": activities,
        "website": website,
        "finances": [{"income": income, "financialYear": {"end": "2025-03-31T00:00:00.000Z"}}],
        # Areas of operation: the register's codes and names (drkane/charity-lookups,
        # cc-aoo-gss-iso.csv): A-1 "THROUGHOUT ENGLAND AND WALES", B-74 "LEEDS CITY"...
        "areas": [{"id": code, "name": name} for code, name in areas],
        "causes": [{"id": "103", "name": "The Advancement Of Health Or Saving Of Lives"}],
        "beneficiaries": [{"id": "207", "name": "The General Public/mankind"}],
        "operations": [{"id": i, "name": OPERATIONS[i]} for i in operations],
        "registrations": [{"registrationDate": "1990-05-01T00:00:00.000Z", "removalDate": None}],
        "contact": {
            "email": "jane.trustee@example.org",
            "phone": "07700 900123",
            "address": ["1 Trustee Road"],
            "postcode": "ZZ1 1ZZ",
        },
        "trustees": [{"id": "1", "name": "Jane Trustee"}],
    }


class FakeCharityBase:
    def __init__(self, key: str = GOOD_KEY, clock: Callable[[], float] = time.monotonic) -> None:
        self.key = key
        self.clock = clock
        self.register: dict[str, dict] = {}  # the index: registered charities only
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

    def add(self, *records: dict) -> None:
        """Register these charities (in this order, which is the order searches return)."""
        for record in records:
            self.register[record["id"]] = record

    def remove(self, number: str) -> None:
        """The charity leaves the register, and so the index."""
        del self.register[number]

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

    def answer(self, request: Received) -> tuple[int, bytes]:
        key = (request.headers.get("Authorization") or "").removeprefix("Apikey ").strip()
        if len(key.split("-")) != 5:
            error = {
                "message": MALFORMED_KEY_MESSAGE,
                "extensions": {"code": "INTERNAL_SERVER_ERROR"},
            }
            return 500, _json({"errors": [error]})
        if key != self.key:
            error = {
                "message": f'The provided API key is not valid: "{key}"',
                "path": ["CHC"],
                "extensions": {"code": "UNAUTHENTICATED"},
            }
            return 200, _json({"data": {"CHC": None}, "errors": [error]})
        query = (request.body or {}).get("query", "")
        fields = requested_fields(query)
        unknown = sorted(set(fields) - CHARITY_CHC_FIELDS)
        if fields is None or unknown:
            what = (
                f'Cannot query field "{unknown[0]}" on type "CharityCHC".'
                if unknown
                else "Syntax Error"
            )
            error = {"message": what, "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}
            return 400, _json({"errors": [error]})
        found = self._matching(request.variables.get("filters") or {})
        page = found[request.skip : request.skip + 30]
        items, errors = _resolve(page, fields)
        body: dict[str, Any] = {
            "data": {"CHC": {"getCharities": {"count": len(found), "list": items}}}
        }
        if errors:
            body["errors"] = errors
        return 200, _json(body)

    def _matching(self, filters: dict) -> list[dict]:
        records = list(self.register.values())
        if "id" in filters:
            records = [self.register[n] for n in filters["id"] if n in self.register]
        for name in CLASSIFICATIONS:
            wanted = set((filters.get(name) or {}).get("some") or [])
            if wanted:
                records = [r for r in records if wanted & {i["id"] for i in r.get(name) or []}]
        if filters.get("search"):
            records = [r for r in records if simple_query_string_matches(filters["search"], r)]
        return records

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
                request = Received(fake.clock(), dict(self.headers.items()), body)
                with fake._lock:
                    fake.received.append(request)
                fault = fake._fault_for(request)
                if fault and fault.delay:
                    time.sleep(fault.delay)
                headers: dict[str, str] = {}
                if fault and fault.body is not None:
                    status, headers, payload = fault.status, fault.headers, fault.body
                else:
                    status, payload = fake.answer(request)
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


def requested_fields(query: str) -> list[str] | None:
    """The fields selected directly inside `list(...) { ... }`, or None if there is no list."""
    start = re.search(r"\blist\s*(\([^)]*\))?\s*\{", query)
    if not start:
        return None
    depth, names, index = 1, [], start.end()
    while index < len(query) and depth:
        char = query[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "(":
            index = query.index(")", index)
        elif depth == 1 and (word := re.match(r"[A-Za-z_]\w*", query[index:])):
            names.append(word.group())
            index += word.end() - 1
        index += 1
    return names


def simple_query_string_matches(query: str, record: dict) -> bool:
    """Elasticsearch simple_query_string, default operator OR: `+term` must match, `-term` must
    not, `"a phrase"` matches words in order; with no `+` term, any one plain term will do."""
    text = " ".join(
        [n["value"] for n in record.get("names") or []]
        + [record.get("activities") or ""]
        + [i["name"] for name in CLASSIFICATIONS for i in record.get(name) or []]
    ).lower()
    words = re.findall(r"\w+", text)
    required, excluded, optional = [], [], []
    for sign, phrase, term in re.findall(r'([+-]?)(?:"([^"]*)"|([^\s"]+))', query.lower()):
        terms = re.findall(r"\w+", phrase or term)
        if terms:
            {"+": required, "-": excluded}.get(sign, optional).append(terms)

    def found(terms: list[str]) -> bool:
        return any(words[i : i + len(terms)] == terms for i in range(len(words)))

    if any(found(t) for t in excluded) or not all(found(t) for t in required):
        return False
    return bool(required) or any(found(t) for t in optional)


def _resolve(page: list[dict], fields: list[str]) -> tuple[list[dict], list[dict]]:
    """Each charity with only the requested fields. A field resolver reads the whole page: one
    record without the field fails it for every charity on the page, as the real one does."""
    items = [{name: record.get(name) for name in fields} for record in page]
    errors = []
    if "registrations" in fields and any("registrations" not in r for r in page):
        for index, item in enumerate(items):
            item["registrations"] = None
            errors.append(
                {
                    "message": "Cannot read properties of undefined (reading 'slice')",
                    "locations": [{"line": 13, "column": 9}],
                    "path": ["CHC", "getCharities", "list", index, "registrations"],
                    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                }
            )
    return items, errors


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()
