"""The community emergency plan (/community-plan/), drawn by the plan engine from
data/plans/community.yml: kept on this device only, moved by an open file, refusing bad files
without changing anything, printed on A4 with its contact sheet; and the household plan still
loading a file saved before plans were declared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser_support import DESKTOP, PHONE, Watch
from plan.plan_page import import_plan
from support import FIXTURES

SAVED_BEFORE = FIXTURES / "plans" / "household-plan-saved-before-declarations.json"
STORAGE_KEY = "act-community-plan"

# Part of each section, made up (phone numbers from Ofcom's drama ranges).
ANSWERS = {
    "#act-plan-community_name": "Example Village",
    "#act-plan-risks-1-risk": "The river floods every few years",
    "#act-plan-team-1-role": "Coordinator",
    "#act-plan-team-1-name": "Sam Example",
    "#act-plan-team-1-phone": "07700 900123",
    "#act-plan-triggers": "A flood warning for the village",
    "#act-plan-call_tree-1-caller": "Sam Example",
    "#act-plan-places-1-name": "Village hall",
    "#act-plan-places-1-keys": "Jo Example, 01632 960123",
    "#act-plan-offers-1-offer": "A generator",
    "#act-plan-helpers-1-name": "Example Care Network",
    "#act-plan-contacts-1-organisation": "Council emergency planning",
    "#act-plan-log-1-what": "Road closed at the bridge",
    "#act-plan-copies-1-name": "Parish council",
}


def open_community_plan(context, site_url: str):
    page = context.new_page()
    page.goto(site_url + "community-plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    return page


def shown_answers(page) -> dict[str, str]:
    return {selector: page.input_value(selector) for selector in ANSWERS}


def fill(page) -> None:
    for selector, value in ANSWERS.items():
        page.fill(selector, value)


def export(page) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Save my plan to a file").click()
    assert info.value.suggested_filename == "community-emergency-plan.json"
    return Path(info.value.path()).read_text(encoding="utf-8")


@pytest.fixture(params=[PHONE, DESKTOP], ids=["390px", "1280px"])
def context(request, chromium):
    context = chromium.new_context(viewport=request.param, accept_downloads=True)
    yield context
    context.close()


def test_a_plan_is_kept_moved_by_file_deleted_and_loaded_back(context, site_url):
    page = open_community_plan(context, site_url)
    watch = Watch(site_url)
    watch.attach(page)
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    fill(page)
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert shown_answers(page) == ANSWERS
    sheet = page.locator(".act-plan-card")
    assert sheet.locator("[data-plan-card=team]").inner_text() == (
        "Coordinator: Sam Example, 07700 900123"
    )

    saved = export(page)
    plan = json.loads(saved)
    assert plan["format"] == "act-community-emergency-plan" and plan["version"] == 1
    assert plan["fields"]["community_name"] == "Example Village"

    page.get_by_role("button", name="Delete my plan from this device").click()
    assert page.input_value("#act-plan-community_name") == "Example Village"  # asks first
    page.get_by_role("button", name="Yes, delete my plan").click()
    assert page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY) is None
    assert set(shown_answers(page).values()) == {""}

    import_plan(page, saved.encode("utf-8"), "community-emergency-plan.json")
    assert page.locator("#act-plan-error").inner_text() == ""
    assert shown_answers(page) == ANSWERS
    page.reload()
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert shown_answers(page) == ANSWERS

    # Nothing left the browser: every request was a GET of this site, and none carried an answer.
    assert watch.foreign_requests == [] and watch.console_errors == []
    assert {method for method, _, _ in requests} == {"GET"}
    assert not [url for _, url, _ in requests if "Example" in url or "07700" in url]


def refused(page, content: bytes, name: str = "plan.json") -> str:
    before = shown_answers(page)
    stored = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)
    import_plan(page, content, name)
    assert shown_answers(page) == before, "a refused file changes nothing"
    assert page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY) == stored
    return page.locator("#act-plan-error").inner_text()


def test_wrong_damaged_big_and_household_files_are_refused_with_a_message(context, site_url):
    page = open_community_plan(context, site_url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    fill(page)
    good = json.loads(export(page))

    household = SAVED_BEFORE.read_bytes()
    message = refused(page, household)
    assert "is a household emergency plan, not a community emergency plan" in message

    message = refused(page, b'{"format": "act-community-emergency-plan", "vers')
    assert "damaged or is not a plan file" in message

    big = b'{"format": "act-community-emergency-plan", "pad": "' + b"x" * (20 * 1024 * 1024)
    assert "too big" in refused(page, big + b'"}')

    wrong = json.loads(json.dumps(good))
    wrong["fields"]["triggers"] = ["not", "text"]
    assert "\u201cWhen we start this plan\u201d is not text" in refused(
        page, json.dumps(wrong).encode()
    )

    wrong = json.loads(json.dumps(good))
    wrong["groups"]["log"] = [{"what": "x"}] * 31
    assert "more than 30 rows" in refused(page, json.dumps(wrong).encode())

    wrong = json.loads(json.dumps(good))
    wrong["fields"]["somebody_s_health"] = "private"
    assert "does not ask for" in refused(page, json.dumps(wrong).encode())
    assert dialogs == []


def test_script_in_a_file_shows_as_text_and_never_runs(context, site_url):
    page = open_community_plan(context, site_url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    plan = json.loads(export(page))
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    plan["fields"]["community_name"] = hostile
    plan["groups"]["team"][0]["role"] = hostile
    import_plan(page, json.dumps(plan).encode())
    assert page.locator("#act-plan-error").inner_text() == ""
    assert page.input_value("#act-plan-community_name") == hostile
    assert page.locator("[data-plan-card=community_name]").inner_text() == hostile
    assert page.locator(".act-plan-page script, .act-plan-page img").count() == 0
    assert dialogs == []


def test_the_warning_about_personal_details_is_in_the_form(context, site_url):
    page = open_community_plan(context, site_url)
    warning = page.locator("#act-plan .act-plan-warning")
    assert warning.is_visible()
    assert "Do not write anyone's health" in warning.inner_text()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_the_plan_prints_a_section_a_page_and_the_contact_sheet_on_one_page(chromium, site_url):
    context = chromium.new_context(viewport=DESKTOP)
    page = open_community_plan(context, site_url)
    fill(page)
    page.emulate_media(media="print")
    # Eight sections, each starting a page of A4, and the contact sheet on a page of its own.
    whole = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert whole == 9, whole
    tops = page.evaluate(
        "() => [...document.querySelectorAll('.act-plan-section + .act-plan-section, .act-plan-card')]"
        ".map(e => getComputedStyle(e).breakBefore)"
    )
    assert set(tops) == {"page"}, tops
    page.evaluate("() => document.documentElement.classList.add('act-plan-print-card-only')")
    assert pdf_pages(page.pdf(format="A4", prefer_css_page_size=True)) == 1
    context.close()


def test_the_blank_plan_prints_without_javascript(chromium, site_url):
    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "community-plan/")
    assert page.locator("#act-plan-community_name").is_visible()
    assert page.locator("[data-plan-nojs]").is_visible()
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(format="A4", prefer_css_page_size=True)) == 9
    context.close()


def test_a_household_file_saved_before_plans_were_declared_loads_every_answer(chromium, site_url):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + "plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    import_plan(page, SAVED_BEFORE.read_bytes(), "household-emergency-plan.json")
    assert page.locator("#act-plan-error").inner_text() == ""
    saved = json.loads(SAVED_BEFORE.read_text(encoding="utf-8"))
    for key, value in saved["fields"].items():
        if isinstance(value, bool):
            assert page.is_checked(f"#act-plan-{key}") is value, key
        elif key == "nation":
            assert page.is_checked(f"#act-plan-nation-{value}"), key
        else:
            assert page.input_value(f"#act-plan-{key}") == value, key
    for group, rows in saved["groups"].items():
        assert page.locator(f"[data-plan-group={group}] [data-plan-row]").count() == len(rows)
        for n, row in enumerate(rows, start=1):
            for key, value in row.items():
                assert page.input_value(f"#act-plan-{group}-{n}-{key}") == value, (group, n, key)
    context.close()
