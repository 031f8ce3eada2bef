"""`act charities refresh` against a local CharityBase on 127.0.0.1: real sockets, real status
codes and timeouts. Every failure leaves the old snapshot byte-for-byte as it was."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from act.charities.charitybase import (
    CharityBaseError,
    CharityBaseProvider,
    CharityBaseSettings,
    MissingApiKey,
)
from act.charities.referrals import load_referrals
from act.charities.refresh import register_snapshot
from charities.fake_charitybase import GOOD_KEY, FakeCharityBase, Fault
from charities.sample_register import CRISIS_COUNT, snapshot_path

REGISTER_URL = "https://register-of-charities.charitycommission.gov.uk/"


def register_charity(number, name, website, activities="Helps people in need. Runs a helpline."):
    """A charity as the snapshot should hold it after normalisation."""
    return {
        "number": number,
        "name": name,
        "source": "register",
        "website": website,
        "activities": activities,
        "areas": ["Throughout England and Wales"],
        "causes": ["The Advancement Of Health Or Saving Of Lives"],
        "beneficiaries": ["The General Public/mankind"],
        "operations": ["Provides Services"],
        "latest_income": 12345,
        "income_year_end": "2025-03-31",
        "registered_on": "1990-05-01",
        "removed_on": None,
    }


def expected_snapshot(endpoint: str, today: str) -> dict:
    crisis = [str(2000000 + i) for i in range(CRISIS_COUNT)]
    charities = [
        {
            **register_charity("1000001", "Alpha Trust", "https://www.alpha.example/"),
            "activities": "Helps people in need. Gives free money advice.",
            "operations": ["Provides Services", "Provides Advocacy/advice/information"],
        },
        *[
            register_charity(
                number,
                f"Crisis Charity Number {int(number) - 2000000} of the North",
                f"https://crisis{int(number) - 2000000}.example/help",
            )
            for number in crisis
        ],
        {
            **register_charity("3000001", "Money Matters (North)", "https://money.example/"),
            "activities": "Money advice for families in debt.",
            "operations": ["Provides Advocacy/advice/information"],
        },
    ]
    return {
        "format": 2,
        "provenance": {
            "source": "charitybase",
            "fetched_at": "(checked separately)",
            "endpoint": endpoint,
            "licence": "Charity Commission register data via CharityBase, under the "
            "Open Government Licence v3.0",
            "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "counts": {
                "charities": 1 + len(crisis) + 1,
                "curated": 3,
                "curated_looked_up": 3,
                "curated_found": 1,
                "matched": len(crisis) + 2,
                "not_on_register": 2,
                "off_topic_left_out": 0,
                "partly_failed": 0,
            },
            "note": None,
        },
        "charities": charities,
        "matches": {"crisis": crisis, "money": ["1000001", "3000001"]},
        "not_on_register": [
            {"number": "1000002", "name": "Gone Trust", "since": today},
            {"number": "1000009", "name": "Nowhere Trust", "since": today},
        ],
    }


def assert_untouched(data, before: bytes) -> None:
    assert snapshot_path(data).read_bytes() == before
    leftovers = [p.name for p in snapshot_path(data).parent.iterdir() if p.name != "snapshot.json"]
    assert leftovers == [], "no temporary files are left behind"


def assert_key_never_shown(result, caplog, data) -> None:
    assert GOOD_KEY not in result.output
    assert GOOD_KEY not in caplog.text
    assert GOOD_KEY not in snapshot_path(data).read_text(encoding="utf-8")


# --- success ---------------------------------------------------------------------------------


def test_multi_page_refresh_writes_the_exact_snapshot(data_dir, charitybase_env, refresh, caplog):
    result = refresh(data_dir)

    assert result.code == 0, result.output
    written = json.loads(snapshot_path(data_dir).read_text(encoding="utf-8"))
    fetched_at = datetime.fromisoformat(written["provenance"]["fetched_at"])
    assert abs(datetime.now(UTC) - fetched_at) < timedelta(minutes=1)
    written["provenance"]["fetched_at"] = "(checked separately)"
    assert written == expected_snapshot(charitybase_env.url, fetched_at.date().isoformat())
    # 1 batch of curated numbers, 5 pages of the crisis search, 1 page of the money search.
    crisis_skips = [r.skip for r in charitybase_env.received if r.search == "+crisis"]
    assert crisis_skips == [0, 30, 60, 90, 120]
    assert len(charitybase_env.received) == 7
    assert "Wrote" in result.out and "152 charities" in result.out
    for named in ("1000002 (Gone Trust)", "1000009 (Nowhere Trust)"):
        assert f"curated charity {named} is no longer returned by the register" in result.out
    assert_key_never_shown(result, caplog, data_dir)


def test_every_request_carries_the_key_in_the_authorization_header(
    data_dir, charitybase_env, refresh
):
    assert refresh(data_dir).code == 0
    headers = [r.headers.get("Authorization") for r in charitybase_env.received]
    assert headers and set(headers) == {f"Apikey {GOOD_KEY}"}
    bodies = [r.body for r in charitybase_env.received]
    assert all(b["variables"]["filters"] for b in bodies)
    money = next(b for b in bodies if b["variables"]["filters"].get("search") == "+money")
    assert money["variables"]["filters"]["operations"] == {"some": ["307"]}


def test_no_personal_data_reaches_the_snapshot(data_dir, charitybase_env, refresh):
    assert refresh(data_dir).code == 0
    text = snapshot_path(data_dir).read_text(encoding="utf-8")
    for personal in ("jane.trustee@example.org", "07700 900123", "Trustee Road", "ZZ1 1ZZ"):
        assert personal not in text
    query = charitybase_env.received[0].body["query"]
    for never_asked in ("contact", "trustee", "people", "geo", "postcode"):
        assert never_asked not in query


def test_dry_run_shows_the_changes_and_writes_nothing(data_dir, charitybase_env, refresh):
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir, "--dry-run")
    assert result.code == 0, result.output
    assert "Would change: 151 added, 2 removed, 1 changed" in result.out
    assert "  + 3000001 Money Matters (North)" in result.out
    assert "  - 1000002 Gone Trust" in result.out
    assert "  - 1000009 Nowhere Trust" in result.out
    assert "  ~ 1000001 Alpha Trust: source, website, activities, areas" in result.out
    assert "nothing written" in result.out
    assert_untouched(data_dir, before)


# --- failures: each exits 1, names the cause, and leaves the old snapshot alone ----------------


def test_without_a_key_it_stops_at_once_saying_how_to_get_one(
    data_dir, charitybase_env, refresh, monkeypatch
):
    monkeypatch.delenv("CHARITYBASE_API_KEY")
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "CHARITYBASE_API_KEY is not set" in result.err
    assert "CharityBase console" in result.err
    assert charitybase_env.received == []
    assert_untouched(data_dir, before)


def test_an_invalid_key_is_named_as_the_cause(
    data_dir, charitybase_env, refresh, monkeypatch, caplog
):
    wrong = "ffffffff-0000-1111-2222-333333333333"
    monkeypatch.setenv("CHARITYBASE_API_KEY", wrong)
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "CharityBase refused the API key" in result.err
    assert "was not changed" in result.err
    assert wrong not in result.output and wrong not in caplog.text
    assert len(charitybase_env.received) == 1, "an auth failure is not retried"
    assert_untouched(data_dir, before)


def test_429_with_retry_after_is_waited_out_then_succeeds(data_dir, charitybase_env, refresh):
    charitybase_env.fail(
        Fault(lambda r: True, status=429, headers={"Retry-After": "1"}, body=b"{}", times=1)
    )
    result = refresh(data_dir)
    assert result.code == 0, result.output
    first, second = charitybase_env.received[:2]
    assert second.at - first.at >= 0.95, "Retry-After: 1 is honoured"
    assert json.loads(snapshot_path(data_dir).read_text())["provenance"]["source"] == "charitybase"


def test_429_that_never_ends_fails_and_keeps_the_old_snapshot(data_dir, charitybase_env, refresh):
    charitybase_env.fail(
        Fault(lambda r: True, status=429, headers={"Retry-After": "0"}, body=b"{}", times=None)
    )
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "limiting requests (HTTP 429)" in result.err and "3 tries" in result.err
    assert len(charitybase_env.received) == 3
    assert_untouched(data_dir, before)


def test_a_500_is_retried_then_succeeds(data_dir, charitybase_env, refresh):
    charitybase_env.fail(Fault(lambda r: True, status=500, times=1))
    result = refresh(data_dir)
    assert result.code == 0, result.output
    assert len(charitybase_env.received) == 8  # the 7 requests, one of them twice


def test_a_read_timeout_fails_and_keeps_the_old_snapshot(data_dir, charitybase_env, refresh):
    charitybase_env.fail(Fault(lambda r: True, delay=1.0, body=None, times=None))
    before = snapshot_path(data_dir).read_bytes()
    started = time.monotonic()
    result = refresh(data_dir)
    assert result.code == 1
    assert "did not answer within 0.5 s (read timeout)" in result.err
    assert "the curated charities" in result.err
    assert time.monotonic() - started < 5
    assert_untouched(data_dir, before)


def test_malformed_json_fails_and_keeps_the_old_snapshot(data_dir, charitybase_env, refresh):
    charitybase_env.fail(Fault(lambda r: True, status=200, body=b"<html>Oops</html>", times=None))
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "not valid JSON" in result.err and "<html>Oops" in result.err
    assert_untouched(data_dir, before)


def test_a_response_of_the_wrong_shape_fails(data_dir, charitybase_env, refresh):
    charitybase_env.fail(
        Fault(lambda r: True, status=200, body=b'{"data": {"CHC": null}}', times=None)
    )
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "unexpected response" in result.err
    assert_untouched(data_dir, before)


def test_a_graphql_errors_array_becomes_a_clear_message(data_dir, charitybase_env, refresh):
    charitybase_env.fail(
        Fault(
            lambda r: r.search == "+money",
            status=200,
            body=b'{"errors": [{"message": "Cannot query field \\"oops\\" on type \\"CHC\\""}],'
            b' "data": null}',
            times=None,
        )
    )
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert (
        "CharityBase reported an error during the search for 'money', page 1: "
        'Cannot query field "oops" on type "CHC"' in result.err
    )
    assert_untouched(data_dir, before)


def test_a_failure_on_page_3_of_5_keeps_the_old_snapshot(
    data_dir, charitybase_env, refresh, caplog
):
    charitybase_env.fail(
        Fault(lambda r: r.search == "+crisis" and r.skip == 60, status=503, times=None)
    )
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "server error (HTTP 503)" in result.err
    assert "the search for 'crisis', page 3 of 5" in result.err
    assert f"The snapshot {snapshot_path(data_dir)} was not changed." in result.err
    skips = [r.skip for r in charitybase_env.received if r.search == "+crisis"]
    assert skips == [0, 30, 60, 60, 60], "pages 4 and 5 are never asked for"
    assert_untouched(data_dir, before)
    assert_key_never_shown(result, caplog, data_dir)


def test_an_unreachable_server_fails_quickly(data_dir, refresh, monkeypatch):
    with FakeCharityBase() as gone:
        url = gone.url  # a port that is closed once the server stops
    for name, value in {
        "CHARITYBASE_API_URL": url,
        "CHARITYBASE_API_KEY": GOOD_KEY,
        "CHARITYBASE_REQUEST_INTERVAL": "0",
        "CHARITYBASE_BACKOFF": "0",
        "CHARITYBASE_RETRIES": "1",
    }.items():
        monkeypatch.setenv(name, value)
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "could not be reached (connection error)" in result.err and "2 tries" in result.err
    assert_untouched(data_dir, before)


def test_the_key_is_never_sent_over_plain_http_to_another_host(data_dir, refresh, monkeypatch):
    monkeypatch.setenv("CHARITYBASE_API_KEY", GOOD_KEY)
    monkeypatch.setenv("CHARITYBASE_API_URL", "http://charitybase.example/api/graphql")
    result = refresh(data_dir)
    assert result.code == 1
    assert "must be an https:// address" in result.err
    assert GOOD_KEY not in result.output


# --- the provider on its own -----------------------------------------------------------------


class FakeClock:
    """Time that passes only when the client sleeps, so spacing is exact and cannot flake."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_requests_are_spaced_out_politely(data_dir):
    clock = FakeClock()
    referrals, _ = load_referrals(data_dir / "referrals.yml", "referrals.yml")
    with FakeCharityBase(clock=clock) as server:
        settings = CharityBaseSettings(
            api_key=GOOD_KEY, endpoint=server.url, request_interval=1.5, backoff=0, retries=0
        )
        with CharityBaseProvider(settings, sleep=clock.sleep, clock=clock) as provider:
            register_snapshot(referrals, provider, server.url)
    starts = [r.at for r in server.received]
    assert len(starts) == 3  # the curated batch, then one page for each of the two searches
    assert [b - a for a, b in zip(starts, starts[1:], strict=False)] == [1.5] * (len(starts) - 1)
    assert clock.sleeps == [1.5] * (len(starts) - 1), "no request waits longer than it must"


def test_settings_without_a_key_raise_at_once():
    with pytest.raises(MissingApiKey, match="CharityBase console"):
        CharityBaseSettings.from_environment({"CHARITYBASE_API_URL": "https://x.example/"})


def test_settings_reject_a_delay_that_is_not_a_number():
    with pytest.raises(CharityBaseError, match="CHARITYBASE_READ_TIMEOUT='soon' is not a number"):
        CharityBaseSettings.from_environment(
            {"CHARITYBASE_API_KEY": GOOD_KEY, "CHARITYBASE_READ_TIMEOUT": "soon"}
        )


def test_a_key_with_stray_characters_is_refused_without_being_shown():
    key = GOOD_KEY + "\nX-Other: 1"
    with pytest.raises(CharityBaseError) as caught:
        CharityBaseSettings.from_environment({"CHARITYBASE_API_KEY": key})
    assert GOOD_KEY not in str(caught.value)
    assert "copy it again" in str(caught.value)


def test_settings_never_show_the_key_in_their_repr():
    assert GOOD_KEY not in repr(CharityBaseSettings(api_key=GOOD_KEY))


def test_urllib3_debug_logs_do_not_carry_the_key(fake, data_dir, caplog):
    caplog.set_level(logging.DEBUG)
    referrals, _ = load_referrals(data_dir / "referrals.yml", "referrals.yml")
    settings = CharityBaseSettings(api_key=GOOD_KEY, endpoint=fake.url, request_interval=0)
    with CharityBaseProvider(settings) as provider:
        register_snapshot(referrals, provider, fake.url)
    assert "POST /api/graphql" in caplog.text  # urllib3 did log the requests
    assert GOOD_KEY not in caplog.text
