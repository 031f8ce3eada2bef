"""Make a plan keeps the plan in this browser only, moves it by file, and refuses bad files."""

from __future__ import annotations

import json

import pytest

from browser_support import DESKTOP, Watch
from plan.plan_page import (
    ADDED_PERSON,
    SAMPLE_TEXT,
    STORAGE_KEY,
    assert_sample_plan_shown,
    export_plan,
    fill_sample_plan,
    import_plan,
    open_plan,
    plan_json,
    stored_plan,
)


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context
    context.close()


def test_answers_are_saved_as_typed_and_restored_after_a_reload(context, site_url):
    page = open_plan(context, site_url)
    watch = Watch(site_url)
    watch.attach(page)
    assert stored_plan(page) is None
    fill_sample_plan(page)
    saved = json.loads(stored_plan(page))
    assert saved["groups"]["people"][0]["name"] == "Sam Example"
    assert saved["fields"]["grab_torch"] is True

    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert_sample_plan_shown(page)
    assert page.locator("[data-plan-group=people] [data-plan-row]").count() == 5
    assert page.locator("legend", has_text="Person 5").count() == 1
    card = page.locator(".act-plan-card")
    assert card.locator("[data-plan-card=people]").inner_text() == (
        "Sam Example, Ravi Example, Nan Example"
    )
    assert card.locator("[data-plan-card=contact_away]").inner_text() == "Jo Example: 07700 900123"
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_delete_empties_the_form_and_this_browsers_storage(context, site_url):
    page = open_plan(context, site_url)
    fill_sample_plan(page)
    assert stored_plan(page) is not None
    page.get_by_role("button", name="Delete my plan from this device").click()
    page.get_by_role("button", name="Yes, delete my plan").click()

    assert stored_plan(page) is None
    everything_stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    assert everything_stored == "[]"
    assert page.input_value("#act-plan-people-1-name") == ""
    assert page.locator("[data-plan-group=people] [data-plan-row]").count() == 4
    assert page.locator("#act-plan-status").inner_text() == (
        "Your plan has been deleted from this device."
    )
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert page.input_value("#act-plan-people-1-name") == ""
    assert page.locator("[data-plan-card=people]").inner_text() == ""


def test_export_then_import_on_another_device_round_trips_the_plan_exactly(
    chromium, context, site_url
):
    page = open_plan(context, site_url)
    fill_sample_plan(page)
    exported = export_plan(page)
    plan = json.loads(exported)
    assert plan["format"] == "act-household-emergency-plan"
    assert plan["groups"]["people"][4]["name"] == ADDED_PERSON[1]

    other_device = chromium.new_context(accept_downloads=True)
    try:
        other = open_plan(other_device, site_url)
        watch = Watch(site_url)
        watch.attach(other)
        import_plan(other, exported.encode("utf-8"))
        assert other.locator("#act-plan-error").inner_text() == ""
        assert "loaded" in other.locator("#act-plan-status").inner_text()
        assert_sample_plan_shown(other)
        assert export_plan(other) == exported
        assert json.loads(stored_plan(other)) == plan
        assert watch.console_errors == [] and watch.csp_violations == []
    finally:
        other_device.close()


HOSTILE_FILES = {
    "not JSON": b"<html><script>alert(1)</script></html>",
    "empty": b"",
    "a list": b'[{"name": "Sam"}]',
    "another format": b'{"format": "something-else", "version": 1}',
    "a newer version": b'{"format": "act-household-emergency-plan", "version": 2}',
    "an unknown field": b'{"format": "act-household-emergency-plan", "version": 1, "fields": {"onclick": "alert(1)"}}',
    "a number for text": b'{"format": "act-household-emergency-plan", "version": 1, "fields": {"meet_near": 12}}',
    "text for a tick": b'{"format": "act-household-emergency-plan", "version": 1, "fields": {"grab_torch": "yes"}}',
    "rows that are not a list": b'{"format": "act-household-emergency-plan", "version": 1, "groups": {"people": "Sam"}}',
    "a row that is not a record": b'{"format": "act-household-emergency-plan", "version": 1, "groups": {"people": ["Sam"]}}',
    "markup in a row key": b'{"format": "act-household-emergency-plan", "version": 1, "groups": {"people": [{"<img src=x>": "Sam"}]}}',
    "a prototype key": b'{"format": "act-household-emergency-plan", "version": 1, "fields": {"__proto__": {"polluted": true}}}',
    "an extra top-level key": b'{"format": "act-household-emergency-plan", "version": 1, "script": "alert(1)"}',
    "too many rows": plan_json(
        {"format": "act-household-emergency-plan", "version": 1, "groups": {"people": [{}] * 31}}
    ),
    "a huge file": b'{"format": "act-household-emergency-plan", "version": 1, "fields": {"escape": "'
    + b"x" * 1_100_000
    + b'"}}',
}


@pytest.mark.parametrize("content", HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_a_bad_or_hostile_file_is_refused_and_changes_nothing(context, site_url, content):
    page = open_plan(context, site_url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.fill("#act-plan-meet_near", "Before the import")
    before = stored_plan(page)
    markup_before = page.evaluate("() => document.body.querySelectorAll('*').length")

    import_plan(page, content, name="<img src=x onerror=alert(1)>.json")

    error = page.locator("#act-plan-error")
    assert "has not been loaded" in error.inner_text()
    assert error.get_attribute("role") == "alert"
    assert page.input_value("#act-plan-meet_near") == "Before the import"
    assert stored_plan(page) == before
    assert page.evaluate("() => document.body.querySelectorAll('*').length") == markup_before
    assert page.evaluate(
        "() => ({}).polluted === undefined && Object.prototype.polluted === undefined"
    )
    assert dialogs == []


def test_script_in_a_name_is_loaded_as_plain_text_and_never_runs(context, site_url):
    page = open_plan(context, site_url)
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    plan = json.loads(export_plan(page))
    hostile_name = "<img src=x onerror=alert(1)>"
    hostile_place = '<script>alert("meet")</script><svg onload=alert(2)>'
    plan["groups"]["people"][0]["name"] = hostile_name
    plan["fields"]["meet_near"] = hostile_place
    page.on("request", lambda r: requests.append(r.url))

    import_plan(page, plan_json(plan))

    assert page.locator("#act-plan-error").inner_text() == ""
    assert page.input_value("#act-plan-people-1-name") == hostile_name
    assert page.input_value("#act-plan-meet_near") == hostile_place
    card = page.locator(".act-plan-card")
    assert card.locator("[data-plan-card=people]").inner_text() == hostile_name
    assert card.locator("[data-plan-card=meet_near]").inner_text() == hostile_place
    assert (
        page.locator(".act-plan-page img, .act-plan-page svg, .act-plan-page script").count() == 0
    )
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert page.input_value("#act-plan-people-1-name") == hostile_name
    assert (
        page.locator(".act-plan-page img, .act-plan-page svg, .act-plan-page script").count() == 0
    )
    assert dialogs == []
    assert [url for url in requests if url.endswith("/x")] == []


def test_a_tampered_plan_in_storage_is_not_loaded(context, site_url):
    page = open_plan(context, site_url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify({format: 'act-household-emergency-plan',"
        " version: 1, fields: {meet_near: {toString: 'x'}}, groups: {}}))",
        STORAGE_KEY,
    )
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert "could not be read" in page.locator("#act-plan-error").inner_text()
    assert page.input_value("#act-plan-meet_near") == ""
    assert dialogs == []


def test_typing_a_plan_makes_no_network_request(context, site_url):
    page = open_plan(context, site_url)
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    for selector, value in SAMPLE_TEXT.items():
        page.locator(selector).press_sequentially(value)
    page.check("#act-plan-grab_torch")
    page.get_by_role("button", name="Add another contact").click()
    page.locator("#act-plan-contacts-4-name").press_sequentially("Kim Example")
    page.get_by_role("button", name="Remove contact 2").click()
    page.wait_for_timeout(500)
    assert requests == []
    assert json.loads(stored_plan(page))["groups"]["contacts"][2]["name"] == "Kim Example"


def test_the_plan_survives_going_to_another_section_and_back(context, site_url):
    page = open_plan(context, site_url)
    page.fill("#act-plan-meet_away", "Central Library")
    page.locator(".md-header a.md-logo").click()
    page.wait_for_url(site_url)
    page.locator(".md-tabs").get_by_role("link", name="Make a plan").click()
    page.wait_for_url(site_url + "plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert page.input_value("#act-plan-meet_away") == "Central Library"
    page.fill("#act-plan-meet_near", "Number 12")
    assert json.loads(stored_plan(page))["fields"]["meet_near"] == "Number 12"
    assert page.locator("[data-plan-card=meet_near]").inner_text() == "Number 12"


def test_delete_asks_first_and_no_keeps_the_plan(context, site_url):
    page = open_plan(context, site_url)
    fill_sample_plan(page)
    delete = page.get_by_role("button", name="Delete my plan from this device")
    # Delete comes after every answer of the form, never first.
    after_form = page.evaluate(
        """() => Boolean(document.querySelector('#act-plan').compareDocumentPosition(
            document.querySelector('[data-plan-action=delete]'))
            & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    assert after_form
    delete.click()
    assert delete.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "act-plan-delete-confirm"
    page.get_by_role("button", name="No, keep my plan").click()
    assert stored_plan(page) is not None
    assert page.input_value("#act-plan-people-1-name") != ""
    assert page.locator("#act-plan-delete-confirm").is_hidden()
    assert page.evaluate("document.activeElement.dataset.planAction") == "delete"
    assert page.locator("#act-plan-status").inner_text() == "Your plan has not been deleted."


def test_a_long_answer_is_kept_whole(context, site_url):
    page = open_plan(context, site_url)
    long_answer = "Go down the stairs, not the lift, and out of the back door. " * 150
    page.fill("#act-plan-escape", long_answer)
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert page.input_value("#act-plan-escape") == long_answer
    assert page.locator("#act-plan-error").inner_text() == ""
