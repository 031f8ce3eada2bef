"""CharityBaseProvider: charities from the CharityBase GraphQL API (https://charitybase.uk).

Used only by `act charities refresh`, never by a build. One HTTP client set-up: a requests
Session with urllib3's Retry (back-off on connection errors, 429 honouring Retry-After, 502-504),
connect and read timeouts, about one request a second, and pages of 30. A 500 is retried here,
not by urllib3, because its body decides: CharityBase answers a malformed key with a 500, and
that answer is final. What is asked and how a page is read: act.charities.charitybase_graphql.
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from act.charities.charitybase_graphql import (
    PAGE_SIZE,
    QUERY,
    CharityBaseError,
    Page,
    graphql_filters,
    is_auth_error,
    messages,
    read_page,
)
from act.charities.providers import FieldFailure
from act.charities.referrals import Need
from act.charities.snapshot import Charity

log = logging.getLogger("act.charities")

DEFAULT_ENDPOINT = "https://charitybase.uk/api/graphql"
KEYS_CONSOLE = "https://charitybase.uk/console/keys"
KEY_HELP = (
    "CHARITYBASE_API_KEY is not set. A refresh needs a CharityBase API key: sign in to the "
    "CharityBase console at https://charitybase.uk, create a key, then run "
    "`CHARITYBASE_API_KEY=<your key> make charities`. Keep the key out of files and commits."
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
KEY_PARTS = 5  # CharityBase keys are UUIDs; the server refuses any other shape with a 500
KEY_REFUSED = (
    "CharityBase refused the API key{status} during {what}. Keys are not retried: create a "
    f"new key at {KEYS_CONSOLE} and set CHARITYBASE_API_KEY to it"
)


@dataclass(frozen=True)
class PageDone:
    """Progress: page `page` of `pages` of `what` has arrived; `planned` is how many pages were
    expected before the first page told the real count."""

    what: str
    page: int
    pages: int
    planned: int


PageCallback = Callable[[PageDone], None]


class MissingApiKey(CharityBaseError):
    pass


@dataclass(frozen=True)
class CharityBaseSettings:
    """How to reach CharityBase. Delays are settings so tests (and the impatient) can shrink
    them; the defaults are polite to a service run by one person."""

    api_key: str = field(repr=False)
    endpoint: str = DEFAULT_ENDPOINT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 4
    backoff: float = 2.0  # seconds; doubles with each retry after the first
    request_interval: float = 1.0  # at least this long between the starts of two requests
    retry_after_max: int = 120  # a longer Retry-After fails the refresh instead of waiting

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> CharityBaseSettings:
        """Settings from CHARITYBASE_* variables; stops at once without a key."""
        key = environ.get("CHARITYBASE_API_KEY", "").strip()
        if not key:
            raise MissingApiKey(KEY_HELP)
        check_key_shape(key)
        endpoint = environ.get("CHARITYBASE_API_URL", "").strip() or DEFAULT_ENDPOINT
        check_endpoint(endpoint)
        numbers = {
            "connect_timeout": ("CHARITYBASE_CONNECT_TIMEOUT", float),
            "read_timeout": ("CHARITYBASE_READ_TIMEOUT", float),
            "retries": ("CHARITYBASE_RETRIES", int),
            "backoff": ("CHARITYBASE_BACKOFF", float),
            "request_interval": ("CHARITYBASE_REQUEST_INTERVAL", float),
        }
        chosen: dict[str, Any] = {}
        for name, (variable, kind) in numbers.items():
            text = environ.get(variable, "").strip()
            if not text:
                continue
            try:
                chosen[name] = kind(text)
            except ValueError:
                raise CharityBaseError(f"{variable}='{text}' is not a number") from None
            if chosen[name] < 0:
                raise CharityBaseError(f"{variable} cannot be negative")
        return cls(api_key=key, endpoint=endpoint, **chosen)


def check_key_shape(key: str) -> None:
    """Refuse, before any request, a key CharityBase would refuse; the message never holds it."""
    if not re.fullmatch(r"[A-Za-z0-9._~+/=-]+", key):
        # Said without the key: requests would otherwise quote it in its header error.
        raise CharityBaseError(
            "CHARITYBASE_API_KEY has spaces or other characters a key never has: "
            f"copy it again from {KEYS_CONSOLE}"
        )
    parts = key.split("-")
    if len(parts) != KEY_PARTS or not all(parts):
        raise CharityBaseError(
            "CHARITYBASE_API_KEY is not a CharityBase key: a key has five parts "
            "separated by dashes, like 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0. Copy it again from "
            f"{KEYS_CONSOLE}, or create a new one there. No request was made"
        )


def check_endpoint(endpoint: str) -> None:
    """The key travels in a header: only https, except to this machine (for tests)."""
    parts = urlsplit(endpoint)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return
    raise CharityBaseError(
        f"CHARITYBASE_API_URL '{endpoint}' must be an https:// address "
        "(http:// is allowed only for 127.0.0.1, for tests), so the key is never sent in clear"
    )


def pages_for(cap: int) -> int:
    """Pages a search with this cap needs at most."""
    return max(1, math.ceil(cap / PAGE_SIZE))


class CharityBaseProvider:
    """Charities by registered number, and the charities matching a need's filters."""

    def __init__(
        self,
        settings: CharityBaseSettings,
        on_page: PageCallback | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        check_key_shape(settings.api_key)
        self.settings = settings
        self.on_page = on_page or (lambda done: None)
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self.requests_made = 0
        self.field_failures: list[FieldFailure] = []
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Authorization": f"Apikey {settings.api_key}",
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": "act-charities-refresh/1 (Active Citizens Toolkit)",
            }
        )
        retry = Retry(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            other=0,
            backoff_factor=settings.backoff,
            backoff_max=60,
            status_forcelist=(429, 502, 503, 504),  # 500: see _post
            # GraphQL reads come by POST; they change nothing, so retrying them is safe.
            allowed_methods=frozenset({"POST"}),
            respect_retry_after_header=True,
            retry_after_max=settings.retry_after_max,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> CharityBaseProvider:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the provider interface ---

    def charities_by_number(self, numbers: Sequence[str]) -> list[Charity]:
        """The charities with these registered numbers that CharityBase knows, in its order."""
        batches = [list(numbers[i : i + PAGE_SIZE]) for i in range(0, len(numbers), PAGE_SIZE)]
        found: list[Charity] = []
        for index, batch in enumerate(batches, start=1):
            what = "the curated charities"
            page = self._fetch({"id": batch}, 0, f"{what}, batch {index} of {len(batches)}")
            self.on_page(PageDone(what, index, len(batches), len(batches)))
            found.extend(page.charities)
        return found

    def matching_charities(self, need: Need) -> list[Charity]:
        """Up to the need's cap of charities matching its CharityBase filters."""
        if need.filters is None or need.filters.cap == 0:
            return []
        filters = graphql_filters(need.filters)
        what = f"the search for '{need.id}'"
        first = self._fetch(filters, 0, f"{what}, page 1")
        wanted = min(first.count, need.filters.cap)
        pages = max(1, math.ceil(wanted / PAGE_SIZE))
        planned = pages_for(need.filters.cap)
        self.on_page(PageDone(what, 1, pages, planned))
        found = list(first.charities)
        for number in range(2, pages + 1):
            page = self._fetch(
                filters, (number - 1) * PAGE_SIZE, f"{what}, page {number} of {pages}"
            )
            self.on_page(PageDone(what, number, pages, planned))
            found.extend(page.charities)
            if not page.charities:
                break  # the register shrank while we paged
        return found[: need.filters.cap]

    # --- one request ---

    def _fetch(self, filters: dict[str, Any], skip: int, what: str) -> Page:
        page = read_page(self._post({"filters": filters, "skip": skip}, what), what, self._clean)
        self.field_failures.extend(page.failures)
        return page

    def _post(self, variables: dict[str, Any], what: str) -> Any:
        s = self.settings
        for attempt in range(1, s.retries + 2):
            response = self._send(variables, what)
            if response.status_code != 500 or attempt > s.retries or _refuses_key(response):
                break
            self._sleep(s.backoff * 2 ** (attempt - 1))
        tries = attempt if response.status_code == 500 else s.retries + 1
        return self._read(response, what, tries)

    def _send(self, variables: dict[str, Any], what: str) -> requests.Response:
        self._wait_turn()
        s = self.settings
        log.debug("POST %s for %s", s.endpoint, what)
        try:
            return self.session.post(
                s.endpoint,
                json={"query": QUERY, "variables": variables},
                timeout=(s.connect_timeout, s.read_timeout),
            )
        except requests.exceptions.RequestException as err:
            raise CharityBaseError(self._network_message(err, what, s.retries + 1)) from None
        finally:
            self.requests_made += 1

    def _wait_turn(self) -> None:
        now = self._clock()
        if self._last_request is not None:
            wait = self.settings.request_interval - (now - self._last_request)
            if wait > 0:
                self._sleep(wait)
        self._last_request = self._clock()

    def _network_message(self, err: Exception, what: str, tries: int) -> str:
        s = self.settings
        reason = _underlying(err)
        # urllib3's NewConnectionError (refused, no route) is a kind of ConnectTimeoutError.
        if isinstance(reason, NewConnectionError):
            cause = "could not be reached (connection error)"
        elif isinstance(err, requests.exceptions.ConnectTimeout) or isinstance(
            reason, ConnectTimeoutError
        ):
            cause = f"could not connect within {s.connect_timeout:g} s"
        elif isinstance(err, requests.exceptions.ReadTimeout) or isinstance(
            reason, ReadTimeoutError
        ):
            cause = f"did not answer within {s.read_timeout:g} s (read timeout)"
        elif isinstance(err, requests.exceptions.ConnectionError):
            cause = "could not be reached (connection error)"
        else:
            cause = f"could not be reached ({type(err).__name__})"
        return self._clean(
            f"CharityBase at {s.endpoint} {cause} during {what}, after {_tries(tries)}"
        )

    def _read(self, response: requests.Response, what: str, tries: int) -> Any:
        status = response.status_code
        body = _json_or_none(response)
        errors = body.get("errors") if isinstance(body, dict) else None
        if status in (401, 403) or (errors and is_auth_error(errors)):
            raise CharityBaseError(KEY_REFUSED.format(status=f" (HTTP {status})", what=what))
        if status == 429:
            raise CharityBaseError(
                f"CharityBase is limiting requests (HTTP 429) and still was after "
                f"{_tries(tries)} during {what}: wait a while and run the refresh again"
            )
        if status >= 500:
            raise CharityBaseError(
                f"CharityBase had a server error (HTTP {status}) during {what}, after "
                f"{_tries(tries)}: try again later"
            )
        if errors and not (isinstance(body.get("data"), dict) and body["data"].get("CHC")):
            raise CharityBaseError(
                self._clean(f"CharityBase reported an error during {what}: {messages(errors)}")
            )
        if status != 200:
            raise CharityBaseError(f"CharityBase answered HTTP {status} during {what}")
        if body is None:
            start = self._clean(response.text[:60])
            raise CharityBaseError(
                f"CharityBase sent a response that is not valid JSON during {what} "
                f"(it starts {start!r})"
            )
        return body

    def _clean(self, text: str) -> str:
        """Server text, printable and never carrying the key."""
        text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
        return (
            text.replace(self.settings.api_key, "[key hidden]") if self.settings.api_key else text
        )


def _underlying(err: Exception) -> Any:
    """The urllib3 reason inside a requests exception (a MaxRetryError's reason)."""
    inner = err.args[0] if err.args else None
    return getattr(inner, "reason", inner)


def _tries(n: int) -> str:
    return "1 try" if n == 1 else f"{n} tries"


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _refuses_key(response: requests.Response) -> bool:
    """CharityBase's answer to a malformed key (a 500 while Apollo builds its context)."""
    body = _json_or_none(response)
    errors = body.get("errors") if isinstance(body, dict) else None
    return bool(errors) and is_auth_error(errors)
