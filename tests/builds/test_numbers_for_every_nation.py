"""The pages people print and keep offline show Northern Ireland's numbers beside Great
Britain's, all made from data/numbers.yml: the home page's emergency box, the Get help panel,
the plan's numbers and its wallet card."""

from __future__ import annotations

import re
from html import unescape

from support import ROOT

NI_POWER, NI_GAS, NI_FLOOD = "03457 643 643", "0800 002 001", "0300 2000 100"


def text_of(html: str) -> str:
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([.,:])", r"\1", text)


def between(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at : html.index(end, at)]


def test_home_page_box_gives_each_nation_its_own_numbers(fixture_build):
    box = text_of(between(fixture_build.html(""), 'class="act-numbers"', "</section>"))
    assert "call 999 or 112" in box
    assert "Power cut England, Scotland, Wales: 105 Northern Ireland: 03457 643 643" in box
    assert (
        f"England, Scotland, Wales: 0800 111 999 (National Gas Emergency Service) Northern Ireland: {NI_GAS}"
        in box
    )
    assert "England, Scotland, Wales: 0345 988 1188 (Floodline)" in box
    assert f"Northern Ireland: {NI_FLOOD} (Flooding Incident Line)" in box
    assert "Northern Ireland: When your GP surgery is closed" in box
    assert 'href="tel:03457643643"' in fixture_build.html("")


def test_home_page_lists_the_sources_of_its_numbers(fixture_build):
    sources = between(fixture_build.html(""), 'id="act-sources-title"', "</section>")
    assert "https://www.nienetworks.co.uk/help-advice/faqs/unplanned-power-cuts" in sources
    assert "https://www.powercut105.com/" in sources  # the page's own sources still listed


def test_get_help_panel_is_made_from_the_numbers_data(fixture_build):
    panel = text_of(between(fixture_build.html("get-help"), "act-emergency", "</div>"))
    assert "If someone is in danger or a life is at risk, call 999 or 112 now." in panel
    assert "For the police when it is not an emergency, call 101." in panel


def test_plan_lists_every_nations_numbers_labelled_and_asks_where_the_household_lives(
    fixture_build,
):
    plan = fixture_build.html("plan")
    numbers = between(plan, 'class="act-plan-numbers"', "</dl>")
    assert re.search(r'data-plan-nations="northern-ireland">\s*<dt>03457 643 643</dt>', numbers)
    assert "105</dt>" in numbers and "England, Scotland, Wales only." in text_of(numbers)
    for nation in ("england", "wales", "scotland", "northern-ireland"):
        assert f'name="nation" value="{nation}" data-plan-field="nation"' in plan
    card = text_of(between(plan, 'class="act-plan-card__numbers"', "</ul>"))
    assert "Power cut 105 (GB)" in card and f"Power cut {NI_POWER} (NI)" in card
    assert f"Smell gas {NI_GAS} (NI)" in card and f"Flooding {NI_FLOOD} (NI)" in card


def test_no_template_types_a_number_the_data_holds():
    for name in (
        "partials/act/emergency-numbers.html",
        "fragments/act/get-help-emergency.html",
        "plan.html",
    ):
        template = (ROOT / "overrides" / name).read_text(encoding="utf-8")
        for number in ("105", "0800 111 999", "0345 988 1188", "tel:101", "NHS 111"):
            assert number not in template, (name, number)
