"""The plan asks where the household lives and its wallet card prints that nation's numbers
(every nation's, labelled, until it chooses); plans saved before it asked still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_support import DESKTOP
from plan.plan_page import SAMPLE_TEXT, export_plan, fill_sample_plan, import_plan, open_plan

SAVED_BEFORE_NATIONS = Path(__file__).parents[1] / "plan" / "plan-saved-before-nations.json"


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context
    context.close()


def printed_card(page) -> str:
    page.emulate_media(media="print")
    text = page.locator(".act-plan-card").inner_text()
    page.emulate_media(media="screen")
    return text


def test_a_northern_ireland_households_card_prints_its_own_numbers(context, site_url):
    page = open_plan(context, site_url)
    fill_sample_plan(page)
    page.get_by_label("Northern Ireland").check()
    card = printed_card(page)
    assert "Power cut 03457 643 643" in card
    assert "Smell gas 0800 002 001" in card
    assert "Flooding 0300 2000 100" in card
    assert "105" not in card and "0800 111 999" not in card and "0345 988 1188" not in card
    assert "(NI)" not in card  # one nation: no labels needed
    assert "Police, not an emergency 101" in card
    numbers = page.locator(".act-plan-numbers")
    assert numbers.get_by_text("03457 643 643", exact=True).is_visible()
    assert numbers.get_by_text("105", exact=True).is_hidden()

    saved = json.loads(export_plan(page))
    assert saved["fields"]["nation"] == "northern-ireland"
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert page.get_by_label("Northern Ireland").is_checked()
    assert "105" not in printed_card(page)


def test_until_a_nation_is_chosen_the_card_prints_every_nations_numbers_labelled(context, site_url):
    page = open_plan(context, site_url)
    assert page.get_by_label("Show the numbers for every nation").is_checked()
    card = printed_card(page)
    assert "Power cut 105 (GB)" in card and "Power cut 03457 643 643 (NI)" in card
    assert "Smell gas 0800 002 001 (NI)" in card
    page.get_by_label("Wales").check()
    card = printed_card(page)
    assert "Power cut 105" in card and "03457 643 643" not in card and "(GB)" not in card


def test_a_plan_saved_before_the_page_asked_where_you_live_still_loads(context, site_url):
    old = SAVED_BEFORE_NATIONS.read_bytes()
    assert "nation" not in json.loads(old)["fields"]
    page = open_plan(context, site_url)
    import_plan(page, old, SAVED_BEFORE_NATIONS.name)
    assert page.locator("#act-plan-error").inner_text() == ""
    for selector, value in SAMPLE_TEXT.items():
        assert page.input_value(selector) == value, selector
    assert page.get_by_label("Show the numbers for every nation").is_checked()
    assert "0800 002 001 (NI)" in printed_card(page)


def test_a_file_naming_a_nation_the_page_does_not_know_is_refused(context, site_url):
    plan = json.loads(SAVED_BEFORE_NATIONS.read_text(encoding="utf-8"))
    plan["fields"]["nation"] = "atlantis"
    page = open_plan(context, site_url)
    import_plan(page, json.dumps(plan).encode("utf-8"))
    assert "“Where we live” is not one of the choices on this page" in (
        page.locator("#act-plan-error").inner_text()
    )
