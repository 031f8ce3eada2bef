"""The refresh against a stand-in that behaves as the real CharityBase does (see
fake_charitybase.py): removed charities are absent, a malformed key gets a 500, a field can fail
for a whole page while the rest of the data arrives, and searches mean OR unless told otherwise."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import requests

from act.charities.charitybase import QUERY, CharityBaseProvider, CharityBaseSettings
from act.charities.directory import build_directory
from act.charities.referrals import load_referrals
from act.charities.refresh import register_snapshot
from act.charities.snapshot import read_snapshot
from act.cli import main
from charities.fake_charitybase import (
    CHARITY_CHC_FIELDS,
    GOOD_KEY,
    MALFORMED_KEY_MESSAGE,
    FakeCharityBase,
    Fault,
    charity_record,
    requested_fields,
    simple_query_string_matches,
)
from charities.sample_register import snapshot_path
from charities.test_refresh import assert_key_never_shown, assert_untouched

CONSOLE = "https://charitybase.uk/console/keys"


def written(data) -> dict:
    return json.loads(snapshot_path(data).read_text(encoding="utf-8"))


def referrals_file(tmp_path, text: str):
    path = tmp_path / "referrals.yml"
    path.write_text(text, encoding="utf-8")
    referrals, problems = load_referrals(path, "referrals.yml")
    assert problems == []
    return referrals


# --- 1. a charity the register no longer returns is hidden, loudly ---------------------------


def test_a_charity_that_leaves_the_register_is_hidden_and_named_everywhere(
    data_dir, charitybase_env, refresh, capsys, tmp_path
):
    assert refresh(data_dir).code == 0
    assert "1000001" in {c["number"] for c in written(data_dir)["charities"]}

    charitybase_env.remove("1000001")  # the real index simply stops returning it
    result = refresh(data_dir)

    assert result.code == 0, result.output
    snapshot = written(data_dir)
    assert "1000001" not in {c["number"] for c in snapshot["charities"]}
    assert {"number": "1000001", "name": "Alpha Trust"}.items() <= snapshot["not_on_register"][
        0
    ].items()
    assert "curated charity 1000001 (Alpha Trust) is no longer returned by the register" in (
        result.out
    )
    assert "checked_by_hand" in result.out

    assert main(["charities", "check", "--data", str(data_dir)]) == 0, "a warning, not an error"
    checked = capsys.readouterr().out
    assert "referrals.yml:10: number: charity 1000001 (Alpha Trust) is no longer returned" in (
        checked
    )
    assert "hint: take it out of data/referrals.yml" in checked

    (tmp_path / "content").mkdir()
    assert main(["report", "--content", str(tmp_path / "content"), "--data", str(data_dir)]) == 0
    report = capsys.readouterr().out
    assert "Charity no longer on the register" in report
    assert "Alpha Trust" in report and "referrals.yml:10" in report

    referrals, _ = load_referrals(data_dir / "referrals.yml", "referrals.yml")
    snapshot, _ = read_snapshot(snapshot_path(data_dir), "snapshot.json")
    crisis = build_directory(referrals, snapshot).listings[0]
    assert [c.number for c in crisis.curated] == []
    assert crisis.helplines, "the need's helplines stay"


def test_missing_since_is_kept_from_the_refresh_that_first_found_it(data_dir, fake):
    referrals, _ = load_referrals(data_dir / "referrals.yml", "referrals.yml")
    settings = CharityBaseSettings(api_key=GOOD_KEY, endpoint=fake.url, request_interval=0)
    with CharityBaseProvider(settings) as provider:
        first = register_snapshot(
            referrals, provider, fake.url, now=datetime(2026, 6, 1, tzinfo=UTC)
        ).snapshot
        second = register_snapshot(
            referrals, provider, fake.url, previous=first, now=datetime(2026, 9, 1, tzinfo=UTC)
        ).snapshot
    assert {m.number: m.since for m in second.not_on_register} == {
        "1000002": date(2026, 6, 1),
        "1000009": date(2026, 6, 1),
    }


def test_a_charity_checked_by_hand_after_it_went_missing_is_listed_again(
    data_dir, charitybase_env, refresh, capsys
):
    assert refresh(data_dir).code == 0
    since = written(data_dir)["not_on_register"][0]["since"]
    yaml = (data_dir / "referrals.yml").read_text(encoding="utf-8")
    yaml = yaml.replace(
        "      description: A charity since removed from the register.\n",
        f"      description: A charity since removed from the register.\n"
        f"      checked_by_hand: {since}\n",
    )
    (data_dir / "referrals.yml").write_text(yaml, encoding="utf-8")

    referrals, problems = load_referrals(data_dir / "referrals.yml", "referrals.yml")
    assert problems == []
    snapshot, _ = read_snapshot(snapshot_path(data_dir), "snapshot.json")
    crisis = build_directory(referrals, snapshot).listings[0]
    assert "1000002" in [c.number for c in crisis.curated]
    assert "1000009" not in [c.number for c in crisis.curated]

    assert main(["charities", "check", "--data", str(data_dir)]) == 0
    checked = capsys.readouterr().out
    assert "1000002" not in checked and "charity 1000009 (Nowhere Trust)" in checked
    again = refresh(data_dir)
    assert "1000002" not in again.out and "1000009 (Nowhere Trust)" in again.out


# --- 2. keys ---------------------------------------------------------------------------------


def test_a_key_of_the_wrong_shape_is_refused_before_any_request(
    data_dir, charitybase_env, refresh, monkeypatch
):
    monkeypatch.setenv("CHARITYBASE_API_KEY", "abc123-secret")
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert "five parts separated by dashes" in result.err and CONSOLE in result.err
    assert "abc123-secret" not in result.output
    assert charitybase_env.received == []
    assert_untouched(data_dir, before)


def test_the_servers_invalid_key_answer_is_final_and_not_retried(
    data_dir, charitybase_env, refresh, monkeypatch, caplog
):
    monkeypatch.setenv("CHARITYBASE_RETRIES", "4")
    monkeypatch.setenv("CHARITYBASE_BACKOFF", "30")  # a retry would make this test time out
    body = {
        "errors": [
            {"message": MALFORMED_KEY_MESSAGE, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
        ]
    }
    charitybase_env.fail(Fault(lambda r: True, 500, json.dumps(body).encode(), times=None))
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1
    assert len(charitybase_env.received) == 1
    assert result.err.count("CharityBase refused the API key (HTTP 500)") == 1
    assert CONSOLE in result.err and "not retried" in result.err
    assert_untouched(data_dir, before)
    assert_key_never_shown(result, caplog, data_dir)


def test_the_stand_in_answers_a_malformed_key_as_the_real_server_does(fake):
    answer = requests.post(
        fake.url, json={"query": QUERY}, headers={"Authorization": "Apikey abc"}, timeout=5
    )
    assert answer.status_code == 500
    assert answer.json()["errors"][0]["message"] == MALFORMED_KEY_MESSAGE


# --- 3. partial errors -----------------------------------------------------------------------


def test_a_field_failing_for_a_page_keeps_the_rest_and_the_previous_values(
    data_dir, charitybase_env, refresh
):
    assert refresh(data_dir).code == 0
    odd = charitybase_env.register["2000040"]  # on page 2 of the crisis search
    del odd["registrations"]
    odd["activities"] = "RUNS A NEW CRISIS CAFE."

    result = refresh(data_dir)

    assert result.code == 0, result.output
    charities = {c["number"]: c for c in written(data_dir)["charities"]}
    page_two = [str(2000030 + i) for i in range(30)]
    assert all(charities[n]["registered_on"] == "1990-05-01" for n in page_two)
    assert charities["2000040"]["activities"] == "Runs a new crisis cafe.", "new data is kept"
    assert written(data_dir)["provenance"]["counts"]["partly_failed"] == 30
    assert (
        "charity 2000030: CharityBase could not send registrations during the search for "
        "'crisis', page 2 of 5" in result.out
    )
    assert result.out.count("kept the values of the previous snapshot") == 30


def test_without_an_earlier_snapshot_failed_fields_stay_empty(data_dir, charitybase_env, refresh):
    del charitybase_env.register["1000001"]["registrations"]
    result = refresh(data_dir)  # the committed snapshot is curated: no register values to keep
    assert result.code == 0, result.output
    alpha = next(c for c in written(data_dir)["charities"] if c["number"] == "1000001")
    assert alpha["registered_on"] is None and alpha["name"] == "Alpha Trust"
    assert "left empty, as no earlier snapshot has them" in result.out
    assert "1000001" not in [m["number"] for m in written(data_dir)["not_on_register"]]


def test_a_page_that_does_not_arrive_still_keeps_the_old_snapshot(
    data_dir, charitybase_env, refresh
):
    del charitybase_env.register["2000040"]["registrations"]
    charitybase_env.fail(Fault(lambda r: r.search == "+money", status=503, times=None))
    before = snapshot_path(data_dir).read_bytes()
    result = refresh(data_dir)
    assert result.code == 1 and "server error (HTTP 503)" in result.err
    assert_untouched(data_dir, before)


# --- 4. search that means what it says -------------------------------------------------------

VICTIMS = """\
- id: victims
  name: Victims of crime
  who_it_helps: People affected by crime.
  charitybase:
    search: victims of crime
    cap: 30
- id: lonely
  name: Loneliness
  who_it_helps: People who feel alone.
  charitybase:
    search: loneliness
    cap: 30
"""


def search_register(server: FakeCharityBase) -> None:
    server.add(
        charity_record("5000001", "VICTIM SUPPORT", activities="SUPPORTS VICTIMS OF CRIME."),
        charity_record("5000002", "FRIENDS OF THE PARK", activities="KEEPS THE PARK TIDY."),
        charity_record("5000003", "CRIME MUSEUM", activities="SHOWS THE HISTORY OF CRIME."),
        charity_record("5000004", "LONELINESS LINE", activities="CALLS PEOPLE WHO ARE ALONE."),
    )
    tea = charity_record("5000005", "TEA CLUB", activities="WEEKLY TEA AFTERNOONS.")
    tea["beneficiaries"] = [{"id": "206", "name": "People at risk of loneliness"}]
    server.add(tea)


def test_the_stand_in_searches_with_or_by_default_as_the_real_server_does():
    park = charity_record("5000002", "FRIENDS OF THE PARK", activities="KEEPS THE PARK TIDY.")
    assert simple_query_string_matches("victims of crime", park), "matched through 'of'"
    assert not simple_query_string_matches("+victims +of +crime", park)
    assert simple_query_string_matches('"of the park"', park)
    assert not simple_query_string_matches('"the of park"', park)


def test_multi_word_searches_require_every_word_and_results_must_mention_them(tmp_path):
    referrals = referrals_file(tmp_path, VICTIMS)
    with FakeCharityBase() as server:
        search_register(server)
        settings = CharityBaseSettings(api_key=GOOD_KEY, endpoint=server.url, request_interval=0)
        with CharityBaseProvider(settings) as provider:
            result = register_snapshot(referrals, provider, server.url)
    sent = [r.search for r in server.received if r.search]
    assert sent == ["+victims +of +crime", "+loneliness"]
    assert result.snapshot.matches == {"victims": ("5000001",), "lonely": ("5000004",)}
    assert (
        "search for 'lonely': 1 result(s) left out, as their name and activities do not mention "
        "every search word: 5000005 Tea Club" in result.notes
    )
    assert result.snapshot.provenance.counts["off_topic_left_out"] == 1


# --- 7. the stand-in asks only for what the real schema has ----------------------------------


def test_the_query_asks_only_for_fields_the_real_schema_has():
    fields = requested_fields(QUERY)
    assert fields and set(fields) <= CHARITY_CHC_FIELDS
    assert not {"contact", "trustees", "geo", "numPeople"} & set(fields), "no personal data"


def test_the_stand_in_refuses_a_field_the_real_schema_does_not_have(fake):
    query = QUERY.replace("activities", "activities\n        email")
    answer = requests.post(
        fake.url,
        json={"query": query, "variables": {"filters": {"id": ["1000001"]}}},
        headers={"Authorization": f"Apikey {GOOD_KEY}"},
        timeout=5,
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
