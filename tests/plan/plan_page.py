"""Driving /plan/ in Chromium: open it, fill in a sample plan, read back what the page keeps."""

from __future__ import annotations

import json
from pathlib import Path

STORAGE_KEY = "act-household-plan"

# Made-up people. Phone numbers come from the ranges Ofcom keeps for drama (01632 960xxx,
# 07700 900xxx), so they can never ring anyone.
SAMPLE_TEXT = {
    "#act-plan-people-1-name": "Sam Example",
    "#act-plan-people-1-age": "42",
    "#act-plan-people-1-needs": "Uses a wheelchair.\nNeeds insulin twice a day.",
    "#act-plan-people-2-name": "Ravi Example",
    "#act-plan-people-2-age": "9",
    "#act-plan-meet_near": "The bus stop outside number 12",
    "#act-plan-meet_away": "Central Library",
    "#act-plan-contact_away_name": "Jo Example",
    "#act-plan-contact_away_phone": "07700 900123",
    "#act-plan-contacts-1-name": "Alex Example",
    "#act-plan-contacts-1-phone": "01632 960123",
    "#act-plan-number_gp": "Example Surgery, 01632 960456",
}
SAMPLE_TICKED = ["#act-plan-grab_torch", "#act-plan-grab_cash"]
ADDED_PERSON = ("#act-plan-people-5-name", "Nan Example")


def open_plan(context, site_url: str):
    """A new page on /plan/, once the script has set the form up."""
    page = context.new_page()
    page.goto(site_url + "plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    return page


def fill_sample_plan(page) -> None:
    for selector, value in SAMPLE_TEXT.items():
        page.fill(selector, value)
    for selector in SAMPLE_TICKED:
        page.check(selector)
    page.get_by_role("button", name="Add another person").click()
    page.fill(*ADDED_PERSON)


def assert_sample_plan_shown(page) -> None:
    for selector, value in SAMPLE_TEXT.items():
        assert page.input_value(selector) == value, selector
    for selector in SAMPLE_TICKED:
        assert page.is_checked(selector), selector
    assert not page.is_checked("#act-plan-grab_water")
    assert page.input_value(ADDED_PERSON[0]) == ADDED_PERSON[1]


def stored_plan(page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY)


def export_plan(page) -> str:
    """Click "Save my plan to a file" and return the downloaded file's text."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Save my plan to a file").click()
    download = info.value
    assert download.suggested_filename == "household-emergency-plan.json"
    return Path(download.path()).read_text(encoding="utf-8")


def import_plan(page, content: bytes, name: str = "plan.json") -> None:
    """Choose a file in "Load a plan from a file" and wait for the page to answer."""
    page.evaluate(
        "() => { for (const id of ['act-plan-status', 'act-plan-error'])"
        " document.getElementById(id).textContent = ''; }"
    )
    page.set_input_files(
        "#act-plan-import",
        files=[{"name": name, "mimeType": "application/json", "buffer": content}],
    )
    page.wait_for_function(
        "() => document.getElementById('act-plan-status').textContent"
        " || document.getElementById('act-plan-error').textContent"
    )


def plan_json(plan: dict) -> bytes:
    return json.dumps(plan).encode("utf-8")
