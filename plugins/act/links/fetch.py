"""Asking other websites whether a link still works, politely.

One HTTP client set-up, as for CharityBase (act.charities.charitybase): a requests Session
with urllib3's Retry, which already does what a polite client must and is well tested: a
bounded number of tries, back-off, and honouring a server's Retry-After on 429 and 503 (up to
`retry_after_max`). What a link checker adds is here: at most `per_host` requests at once to
one site and a pause between two requests to it (HostGate), HEAD first and GET when a server
refuses HEAD, redirects followed one hop at a time so each is seen (and a permanent one
reported), and every network failure turned into a sentence, never a traceback.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    InvalidHeader,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util.retry import Retry

REPOSITORY = "https://github.com/active-citizens-toolkit/act"
USER_AGENT = f"ACT-link-checker/1 (Active Citizens Toolkit; +{REPOSITORY})"

OK, MOVED, DEAD, UNCHECKED = "ok", "moved", "dead", "unchecked"
PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
GONE = {404: "HTTP 404 Not Found", 410: "HTTP 410 Gone (removed for good)"}
# What servers answer to HEAD when they only serve GET.
HEAD_REFUSED = frozenset({403, 405, 501})

Sleep = Callable[[float], None]


@dataclass(frozen=True)
class CheckSettings:
    """How politely and how patiently to check. The defaults suit other people's servers;
    tests shrink the waits."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    retries: int = 2  # after the first try, for 429, 503, timeouts and connection errors
    backoff: float = 2.0  # seconds, doubling from the second retry (urllib3's backoff_factor)
    retry_after_max: int = 30  # a longer Retry-After is shortened to this
    per_host: int = 2  # requests at once to one site
    host_delay: float = 1.0  # seconds between the starts of two requests to one site
    workers: int = 6  # requests at once in all
    max_redirects: int = 10


@dataclass(frozen=True)
class Hop:
    """One redirect: from `url`, with `status`, to `to`."""

    url: str
    status: int
    to: str


@dataclass(frozen=True)
class LinkResult:
    """What became of one address: `verdict` (ok, moved, dead or unchecked), a sentence
    saying why, the last HTTP status, each redirect, and for a moved link its new address."""

    url: str
    verdict: str
    detail: str
    status: int | None = None
    hops: tuple[Hop, ...] = ()
    new_url: str | None = None
    from_cache: bool = field(default=False, compare=False)

    def as_json(self) -> dict:
        data = asdict(self)
        data["hops"] = [asdict(hop) for hop in self.hops]
        del data["from_cache"]
        return data

    @classmethod
    def from_json(cls, data: dict) -> LinkResult:
        hops = tuple(Hop(h["url"], int(h["status"]), h["to"]) for h in data.get("hops", ()))
        return cls(
            url=data["url"],
            verdict=data["verdict"],
            detail=data["detail"],
            status=data.get("status"),
            hops=hops,
            new_url=data.get("new_url"),
        )


def host_of(url: str) -> str:
    """The site a request goes to (host and port): what politeness is counted by."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return url


class HostGate:
    """At most `per_host` requests at once to one site, and at least `delay` seconds between
    the starts of two of them. Turns are handed out in order, so threads never race."""

    def __init__(
        self,
        per_host: int,
        delay: float,
        sleep: Sleep = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_host = per_host
        self.delay = delay
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            slots = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with slots:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self.delay
            if start > now:
                self._sleep(start - now)
            yield


def _retry_class(sleep: Sleep) -> type[Retry]:
    """urllib3's Retry, sleeping through `sleep` (so tests can see a Retry-After honoured
    without waiting). Retry makes each next attempt with type(self), so the class carries it."""

    class PoliteRetry(Retry):
        def sleep(self, response=None) -> None:
            try:
                wait = self.get_retry_after(response) if response is not None else None
            except InvalidHeader:  # a Retry-After that is neither seconds nor a date
                wait = None
            if not (self.respect_retry_after_header and wait):
                wait = self.get_backoff_time()
            if wait > 0:
                sleep(wait)

    return PoliteRetry


class LinkChecker:
    """Checks one address at a time from any number of threads (each has its own session)."""

    def __init__(self, settings: CheckSettings = CheckSettings(), sleep: Sleep = time.sleep):
        self.settings = settings
        self.gate = HostGate(settings.per_host, settings.host_delay, sleep)
        self._retry = _retry_class(sleep)(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            other=0,
            redirect=False,  # redirects are followed here, one hop at a time
            backoff_factor=settings.backoff,
            backoff_max=60,
            status_forcelist=(429, 503),
            allowed_methods=frozenset({"HEAD", "GET"}),
            respect_retry_after_header=True,
            retry_after_max=settings.retry_after_max,
            raise_on_status=False,
        )
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()
        self._head_refused: set[str] = set()

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

    def __enter__(self) -> LinkChecker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check(self, url: str) -> LinkResult:
        """Follow `url` to its end and say what became of it; never raises for the network."""
        hops: list[Hop] = []
        seen = {url}
        current = url
        while True:
            try:
                response = self._ask(current)
            except (requests.RequestException, HTTPError, http.client.HTTPException) as err:
                verdict, detail = self._failure(err, host_of(current))
                return _result(url, verdict, _after(detail, hops), None, hops)
            except (ValueError, UnicodeError):
                return _result(url, DEAD, "this is not a valid web address", None, hops)
            status = response.status_code
            location = response.headers.get("Location")
            if status not in REDIRECTS or not location:
                return _final(url, status, hops)
            target = urljoin(current, location.strip())
            hops.append(Hop(current, status, target))
            if target in seen:
                return _result(url, DEAD, "it redirects in a loop", status, hops)
            if len(hops) > self.settings.max_redirects:
                detail = f"more than {self.settings.max_redirects} redirects"
                return _result(url, DEAD, detail, status, hops)
            seen.add(target)
            current = target

    def _ask(self, url: str) -> requests.Response:
        """One address, without following a redirect: HEAD, then GET if the site refuses HEAD
        (once it has, only GET is sent to it)."""
        host = host_of(url)
        if host not in self._head_refused:
            response = self._request("HEAD", url, host)
            if response.status_code not in HEAD_REFUSED:
                return response
            with self._lock:
                self._head_refused.add(host)
        return self._request("GET", url, host)

    def _request(self, method: str, url: str, host: str) -> requests.Response:
        s = self.settings
        with self.gate.turn(host):
            response = self._session().request(
                method,
                url,
                allow_redirects=False,
                stream=True,  # the status is enough: the body is never read
                timeout=(s.connect_timeout, s.read_timeout),
            )
        response.close()
        return response

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update(
                {"User-Agent": self.settings.user_agent, "Accept": "text/html,*/*;q=0.8"}
            )
            adapter = HTTPAdapter(max_retries=self._retry)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def _failure(self, err: Exception, host: str) -> tuple[str, str]:
        """(verdict, sentence) for a request that got no answer."""
        s = self.settings
        tries = f"after {_tries(s.retries + 1)}"
        reason = _underlying(err)
        if isinstance(err, requests.exceptions.SSLError):
            return DEAD, f"a secure (TLS) connection could not be made: {_short(reason)}"
        if isinstance(reason, NameResolutionError):
            return DEAD, f"the site's name ({_short(host)}) was not found (DNS)"
        if isinstance(reason, NewConnectionError):
            refused = "refused" in str(reason).lower()
            what = "the connection was refused" if refused else "the site could not be reached"
            return DEAD, f"{what}, {tries}"
        if isinstance(err, requests.exceptions.ConnectTimeout) or isinstance(
            reason, ConnectTimeoutError
        ):
            return DEAD, f"could not connect within {s.connect_timeout:g} s, {tries}"
        if isinstance(err, requests.exceptions.ReadTimeout) or isinstance(reason, ReadTimeoutError):
            return DEAD, f"no answer within {s.read_timeout:g} s, {tries}"
        if isinstance(err, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
            return DEAD, "this is not a valid web address"
        if isinstance(reason, ProtocolError) or isinstance(err, requests.ConnectionError):
            return UNCHECKED, f"the connection was closed before an answer, {tries}"
        return UNCHECKED, f"the request failed ({type(err).__name__})"


def _final(url: str, status: int, hops: list[Hop]) -> LinkResult:
    if 200 <= status < 300:
        new_url = moved_to(hops)
        if new_url:
            return _result(url, MOVED, "moved permanently", status, hops, new_url)
        return _result(url, OK, f"HTTP {status}", status, hops)
    if status in GONE:
        return _result(url, DEAD, _after(GONE[status], hops), status, hops)
    said = f"HTTP {status} {_status_name(status)}".strip()
    if status == 429:
        said += ", still after waiting and trying again"
    elif status in (401, 403):
        said += " (it may refuse link checkers: open it in a browser)"
    return _result(url, UNCHECKED, f"the site answered {_after(said, hops)}", status, hops)


def _status_name(status: int) -> str:
    """The status's standard name: never the server's own words, which could say anything."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def moved_to(hops: list[Hop]) -> str | None:
    """Where a link now lives: the end of its leading permanent redirects (a temporary one
    after them is the site's business; one before them means it has not moved)."""
    new_url = None
    for hop in hops:
        if hop.status not in PERMANENT:
            break
        new_url = hop.to
    return new_url


def _result(url, verdict, detail, status, hops, new_url=None) -> LinkResult:
    return LinkResult(url, verdict, detail, status, tuple(hops), new_url)


def _after(detail: str, hops: list[Hop]) -> str:
    return f"{detail} (at {hops[-1].to}, after a redirect)" if hops else detail


def _underlying(err: Exception):
    """The urllib3 reason inside a requests exception (a MaxRetryError's reason)."""
    inner = err.args[0] if err.args else None
    return getattr(inner, "reason", inner)


def _short(reason) -> str:
    text = " ".join(re.sub(r"\(_ssl\.c:\d+\)", "", str(reason)).split())
    return text if len(text) <= 160 else text[:157] + "..."


def _tries(n: int) -> str:
    return "1 try" if n == 1 else f"{n} tries"


def by_host_in_turn(urls: Iterable[str]) -> list[str]:
    """The addresses with sites taken in turn (a, b, c, a, b, a...), so the pool's workers
    spread over sites instead of queueing at the gate of one."""
    queues: dict[str, list[str]] = {}
    for url in urls:
        queues.setdefault(host_of(url), []).append(url)
    ordered: list[str] = []
    while queues:
        for host in list(queues):
            ordered.append(queues[host].pop(0))
            if not queues[host]:
                del queues[host]
    return ordered


def check_all(
    urls: Iterable[str],
    checker: LinkChecker,
    on_result: Callable[[LinkResult], object] = lambda result: None,  # its value is unused
) -> dict[str, LinkResult]:
    """Every address checked on a small pool of threads (the gate keeps each site's share)."""
    results: dict[str, LinkResult] = {}
    pool = ThreadPoolExecutor(max_workers=checker.settings.workers, thread_name_prefix="links")
    try:
        futures = [pool.submit(checker.check, url) for url in by_host_in_turn(urls)]
        for future in as_completed(futures):
            result = future.result()
            results[result.url] = result
            on_result(result)
    except BaseException:  # Ctrl-C: drop what has not started; do not wait for the rest
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results
