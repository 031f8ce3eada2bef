"""`act links` asking sites about links: every case against a server on 127.0.0.1 (no test
reaches the internet), with waits recorded instead of slept where the checker would wait."""

from __future__ import annotations

import pytest

from act.links.fetch import (
    DEAD,
    MOVED,
    OK,
    UNCHECKED,
    USER_AGENT,
    CheckSettings,
    HostGate,
    LinkChecker,
    by_host_in_turn,
    check_all,
)
from links.fake_web import Answer, FakeWeb, closed_port_url, redirect

# Quick and patient enough for a loaded machine: waits are recorded, not slept.
FAST = CheckSettings(
    connect_timeout=5, read_timeout=0.5, retries=1, backoff=0, host_delay=0, workers=4
)


@pytest.fixture
def slept():
    return []


def checker(slept, settings=FAST):
    return LinkChecker(settings, sleep=slept.append)


def check(url: str, slept: list, settings=FAST):
    with checker(slept, settings) as links:
        return links.check(url)


def test_a_working_link_is_ok_after_one_head_request_naming_act(slept):
    with FakeWeb({"/page": Answer(200)}).running() as web:
        result = check(web.url("/page"), slept)
    assert (result.verdict, result.status, result.hops) == (OK, 200, ())
    assert [(m, p) for m, p, _ in web.received] == [("HEAD", "/page")]
    assert web.received[0][2]["User-Agent"] == USER_AGENT
    assert "github.com/active-citizens-toolkit/act" in USER_AGENT


def test_a_chain_of_permanent_redirects_is_a_move_to_its_end(slept):
    with FakeWeb(
        {"/old": redirect(301, "/middle"), "/middle": redirect(308, "/new"), "/new": Answer(200)}
    ).running() as web:
        result = check(web.url("/old"), slept)
        new = web.url("/new")
    assert result.verdict == MOVED
    assert result.new_url == new
    assert [(h.status, h.to) for h in result.hops] == [
        (301, web.url("/middle")),
        (308, new),
    ]


def test_a_temporary_redirect_is_not_a_move_and_ends_a_move(slept):
    with FakeWeb(
        {
            "/login-first": redirect(302, "/page"),
            "/renamed": redirect(301, "/canonical"),
            "/canonical": redirect(302, "/page"),
            "/page": Answer(200),
        }
    ).running() as web:
        temporary = check(web.url("/login-first"), slept)
        renamed = check(web.url("/renamed"), slept)
        canonical = web.url("/canonical")
    assert (temporary.verdict, temporary.new_url) == (OK, None)
    assert (renamed.verdict, renamed.new_url) == (MOVED, canonical)


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone")])
def test_not_found_and_gone_are_dead(slept, status, words):
    with FakeWeb({"/gone": Answer(status)}).running() as web:
        result = check(web.url("/gone"), slept)
    assert result.verdict == DEAD
    assert words in result.detail
    assert web.count("/gone") == 1  # a 404 is an answer: not asked again


def test_a_redirect_to_a_missing_page_is_dead_and_says_where(slept):
    with FakeWeb({"/old": redirect(301, "/nowhere")}).running() as web:
        result = check(web.url("/old"), slept)
        nowhere = web.url("/nowhere")
    assert result.verdict == DEAD
    assert nowhere in result.detail


def test_too_many_requests_is_asked_again_after_the_wait_the_site_asks_for(slept):
    busy = Answer(429, {"Retry-After": "7"}, then=Answer(200))
    with FakeWeb({"/busy": busy}).running() as web:
        result = check(web.url("/busy"), slept)
    assert result.verdict == OK
    assert web.count("/busy") == 2
    assert slept == [7]


def test_a_site_still_too_busy_after_retrying_could_not_be_checked_not_dead(slept):
    with FakeWeb({"/busy": Answer(429, {"Retry-After": "3"})}).running() as web:
        result = check(web.url("/busy"), slept)
    assert result.verdict == UNCHECKED
    assert "429" in result.detail
    assert web.count("/busy") == FAST.retries + 1


def test_a_retry_after_longer_than_the_limit_is_shortened(slept):
    settings = CheckSettings(**{**FAST.__dict__, "retry_after_max": 30})
    busy = Answer(503, {"Retry-After": "86400"}, then=Answer(200))
    with FakeWeb({"/busy": busy}).running() as web:
        result = check(web.url("/busy"), slept, settings)
    assert result.verdict == OK
    assert slept == [30]


@pytest.mark.parametrize("refusal", [405, 403, 501])
def test_a_site_refusing_head_is_asked_with_get_and_then_only_with_get(slept, refusal):
    routes = {"/a": Answer(200, head_status=refusal), "/b": Answer(200, head_status=refusal)}
    with FakeWeb(routes).running() as web, checker(slept) as links:
        first = links.check(web.url("/a"))
        second = links.check(web.url("/b"))
    assert (first.verdict, second.verdict) == (OK, OK)
    assert [(m, p) for m, p, _ in web.received] == [("HEAD", "/a"), ("GET", "/a"), ("GET", "/b")]


def test_a_site_that_never_answers_is_dead_after_its_retries(slept):
    with FakeWeb({"/slow": Answer(hold=True)}).running() as web:
        result = check(web.url("/slow"), slept)
    assert result.verdict == DEAD
    assert result.detail == "no answer within 0.5 s, after 2 tries"
    assert web.count("/slow") == FAST.retries + 1


def test_a_refused_connection_is_dead_without_a_traceback(slept):
    result = check(closed_port_url("/page"), slept)
    assert result.verdict == DEAD
    assert result.detail == "the connection was refused, after 2 tries"


def test_a_site_whose_secure_connection_fails_is_dead(slept):
    with FakeWeb({"/page": Answer(200)}, tls=True).running() as web:
        result = check(web.url("/page"), slept)
    assert result.verdict == DEAD
    assert result.detail.startswith("a secure (TLS) connection could not be made: ")
    assert "certificate" in result.detail


def test_a_redirect_loop_is_dead(slept):
    with FakeWeb({"/a": redirect(301, "/b"), "/b": redirect(301, "/a")}).running() as web:
        result = check(web.url("/a"), slept)
    assert result.verdict == DEAD
    assert "loop" in result.detail


def test_an_address_that_cannot_be_requested_is_dead_not_a_crash(slept):
    result = check("http://[::1", slept)
    assert result.verdict == DEAD
    assert "not a valid web address" in result.detail


@pytest.mark.parametrize("per_host", [1, 2])
def test_no_site_gets_more_requests_at_once_than_the_limit(slept, per_host):
    settings = CheckSettings(**{**FAST.__dict__, "per_host": per_host, "workers": 4})
    routes = {f"/page{i}": Answer(200) for i in range(4)}
    with FakeWeb(routes, overlap_wait=0.3).running() as web, checker(slept, settings) as links:
        results = check_all([web.url(p) for p in routes], links)
    assert {r.verdict for r in results.values()} == {OK}
    assert len(results) == 4
    assert 1 <= web.most_at_once <= per_host


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_to_one_site_are_spaced_by_the_delay_and_other_sites_are_not():
    clock = FakeClock()
    gate = HostGate(per_host=2, delay=1.5, sleep=clock.sleep, clock=clock)
    for host in ("gov.uk", "gov.uk", "nhs.uk", "gov.uk"):
        with gate.turn(host):
            pass
    assert clock.slept == [1.5, 1.5]


def test_sites_are_taken_in_turn_so_one_big_site_does_not_block_the_pool():
    urls = ["https://a/1", "https://a/2", "https://a/3", "https://b/1", "https://c/1"]
    assert by_host_in_turn(urls) == [
        "https://a/1",
        "https://b/1",
        "https://c/1",
        "https://a/2",
        "https://a/3",
    ]
