"""The built /plan/ page: in the nav, CSP-clean markup, linked both ways with the articles."""

from __future__ import annotations

import re

import pytest

from support import ROOT

PLANNING_ARTICLES = ["household-emergency-plan", "grab-bag", "prepare-for-flooding", "power-cuts"]


@pytest.fixture(scope="module")
def edition_plan_page(edition_site) -> str:
    """/plan/ as the real edition in content/ builds it."""
    return (edition_site / "plan" / "index.html").read_text(encoding="utf-8")


def test_the_plan_page_is_in_the_nav_after_join_a_reserve(fixture_build):
    html = fixture_build.html("plan")
    nav = re.findall(
        r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', html
    )
    assert "Make a plan" in nav
    # "Get help" and "Your area" may sit between them.
    assert 0 < nav.index("Make a plan") - nav.index("Join a reserve") <= 3


def test_the_plan_page_has_no_inline_script_or_style_of_its_own(fixture_build):
    html = fixture_build.html("plan")
    assert 'id="act-plan"' in html
    assert " style=" not in html and "<style" not in html
    inline_scripts = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", html
    )
    # Only the site-wide bootstrap in <head>, which the CSP allows by its hash (test_headers.py).
    assert len(inline_scripts) == 1 and html.index(inline_scripts[0]) < html.index("</head>")
    assert "assets/javascripts/act-plan.js" in html
    assert "assets/act-plan.css" in html


@pytest.mark.parametrize("url", ["plan", "community-plan"])
def test_every_answer_has_a_label_and_every_hint_reference_exists(fixture_build, url):
    page = fixture_build.html(url)
    html = page[page.index('<div class="act-plan-page">') : page.index("</article>")]
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    controls = re.findall(r"<(?:input|textarea)\b[^>]*\bid=\"([^\"]+)\"", html)
    assert len(controls) > 60
    assert [c for c in controls if c not in labelled] == []
    described = {i for ref in re.findall(r'aria-describedby="([^"]+)"', html) for i in ref.split()}
    assert described and described <= ids


def test_the_plan_links_to_the_planning_articles_of_the_edition(edition_plan_page):
    for slug in PLANNING_ARTICLES:
        assert f'href="../prepare/{slug}/"' in edition_plan_page, slug
    assert "Find out more" in edition_plan_page


def test_links_to_articles_a_site_does_not_have_are_left_out(fixture_build):
    html = fixture_build.html("plan")
    assert re.findall(r'href="\.\./prepare/[^"]+"', html) == []
    assert "Find out more" not in html


@pytest.mark.parametrize("slug", PLANNING_ARTICLES)
def test_the_planning_articles_link_to_the_plan_builder(slug):
    article = (ROOT / "content" / "prepare" / f"{slug}.md").read_text(encoding="utf-8")
    assert "[plan builder](../plan.md)" in article


def test_each_plan_publishes_its_json_schema_and_the_open_data_page_lists_it(fixture_build):
    import json

    open_data = fixture_build.html("open-data")
    for plan, fmt in [
        ("household", "act-household-emergency-plan"),
        ("community", "act-community-emergency-plan"),
    ]:
        path = fixture_build.site / "open-data" / "plans" / f"{plan}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["properties"]["format"] == {"const": fmt}
        assert schema["$id"].endswith(f"/open-data/plans/{plan}.schema.json")
        assert f'href="../open-data/plans/{plan}.schema.json"' in open_data
    plan_page = fixture_build.html("community-plan")
    assert 'href="../open-data/plans/community.schema.json"' in plan_page


def test_the_community_plan_page_names_the_templates_it_follows(fixture_build):
    html = fixture_build.html("community-plan")
    assert "Where this plan comes from" in html
    assert (
        "https://ready.scot/get-involved/community-groups/guide-emergency-planning-community-groups/templates"
        in html
    )
    assert "https://www.gov.uk/government/publications/preparing-for-emergencies" in html
