"""The Get help pages in a real `mkdocs build --strict` of a fixture project."""

from __future__ import annotations

import json
import re

from act.cli import main
from charities.fake_charitybase import GOOD_KEY
from charities.get_help_project import HOSTILE, REFERRALS_FOR_BUILD
from charities.sample_register import REFERRALS
from support import FIXTURES, make_project, run_build


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_index_lists_the_needs_under_an_emergency_panel(get_help_build):
    page = article(get_help_build.html("get-help"))
    assert page.index("In an emergency, call 999") < page.index("Crisis support")
    assert '<a href="tel:999">999</a>' in page
    assert 'href="../get-help/crisis/"' in page and 'href="../get-help/money/"' in page
    assert "People in a crisis &amp; those around them." in page


def test_get_help_is_in_the_navigation_but_its_need_pages_are_not(get_help_build):
    html = get_help_build.html("prepare")
    assert '<a href="../get-help/" class="md-nav__link">' in html
    assert "get-help/crisis/" not in html


def test_need_page_puts_helplines_first_then_our_charities_then_more(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    order = [page.index(text) for text in ("Test Line", "Alpha Trust", "Quiet Help")]
    assert order == sorted(order)
    assert '<a href="tel:08000000000">0800 000 0000</a>' in page
    assert "Free to call" in page


def test_charities_link_to_their_register_entry(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    register = (
        "https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/"
    )
    for number in ("1000001", "2000001", "2000002", "1000003"):
        assert f'href="{register}{number}"' in page


def test_curated_charity_keeps_our_name_and_shows_register_facts(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    assert "Our own line about Alpha." in page
    assert "Alpha Trust (Registered)" in page  # the register's own name, labelled
    assert "£123,456 in the year to 31 March 2025" in page


def test_a_curated_charity_not_yet_refreshed_shows_only_what_we_state(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    assert '<a href="https://notyet.example/">Not Yet Refreshed Trust</a>' in page


def test_a_removed_charity_never_appears(get_help_build):
    assert "Gone Trust" not in get_help_build.html("get-help/crisis")
    assert "1000002" not in get_help_build.html("get-help/crisis")
    assert (
        "Gone Trust"
        not in (get_help_build.site / "data/openreferral/organizations.json").read_text()
    )


def test_register_data_is_credited_with_the_snapshot_date(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    assert "Open Government Licence v3.0" in page
    assert '<time datetime="2026-05-15">15 May 2026</time>' in page


def test_a_hostile_charity_name_is_escaped_on_its_page(get_help_build):
    html = get_help_build.html("get-help/crisis")
    assert HOSTILE not in html
    assert "alert(3)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article(html)
    assert 'href="https://evil.example/&#39;onmouseover=&#39;alert(2)"' in article(html)
    assert "onmouseover='alert" not in html and 'onmouseover="alert' not in html


def test_charities_carry_ngo_json_ld_that_cannot_break_out(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    assert page.count("<script") == 1, "only the JSON-LD block is a script"
    graph = json.loads(blocks[0])["@graph"]
    assert {item["@type"] for item in graph} == {"NGO"}
    hostile = next(item for item in graph if item["identifier"]["value"] == "2000001")
    assert hostile["name"] == HOSTILE
    alpha = next(item for item in graph if item["identifier"]["value"] == "1000001")
    assert alpha["identifier"]["propertyID"] == "GB-CHC"
    assert alpha["legalName"] == "Alpha Trust (Registered)"


def test_open_referral_files_describe_the_directory(get_help_build):
    folder = get_help_build.site / "data" / "openreferral"
    services = json.loads((folder / "services.json").read_text())
    organizations = json.loads((folder / "organizations.json").read_text())
    terms = json.loads((folder / "taxonomy_terms.json").read_text())
    assert {t["name"] for t in terms} == {"Crisis support", "Money worries"}
    line = next(s for s in services if s["name"] == "Test Line")
    assert line["contacts"][0]["phones"][0]["number"] == "0800 000 0000"
    assert line["attributes"][0]["taxonomy_term_id"] == next(
        t["id"] for t in terms if t["name"] == "Crisis support"
    )
    identifiers = {i["identifier"] for o in organizations for i in o["organization_identifiers"]}
    assert {"1000001", "2000001", "2000002", "1000003"} <= identifiers
    ids = [o["id"] for o in organizations] + [s["id"] for s in services]
    assert len(ids) == len(set(ids))


def test_refresh_then_build_shows_the_new_charities(tmp_path, charitybase_env, capsys):
    project = make_project(FIXTURES / "site", tmp_path / "project")
    data = project / "data"
    (data / "referrals.yml").write_text(REFERRALS, encoding="utf-8")
    assert main(["charities", "refresh", "--data", str(data), "--curated-only"]) == 0
    first = run_build(project)
    assert first.returncode == 0, first.output
    assert "Crisis Charity Number 5" not in first.html("get-help/crisis")
    assert "We have not checked them against the charity register" in first.html("get-help/crisis")

    assert main(["charities", "refresh", "--data", str(data)]) == 0
    capsys.readouterr()
    second = run_build(project)
    assert second.returncode == 0, second.output
    page = article(second.html("get-help/crisis"))
    assert "Crisis Charity Number 5 of the North" in page
    assert "Open Government Licence v3.0" in page
    assert "Gone Trust" not in page
    assert GOOD_KEY not in (data / "charities" / "snapshot.json").read_text()


def test_a_site_without_referrals_still_has_the_get_help_page(fixture_build):
    page = article(fixture_build.html("get-help"))
    assert "In an emergency, call 999" in page


def test_a_broken_snapshot_stops_the_build_naming_the_file(tmp_path):
    project = make_project(FIXTURES / "site", tmp_path / "project")
    (project / "data" / "referrals.yml").write_text(REFERRALS_FOR_BUILD, encoding="utf-8")
    (project / "data" / "charities").mkdir(exist_ok=True)
    (project / "data" / "charities" / "snapshot.json").write_text("{not json", encoding="utf-8")
    done = run_build(project)
    assert done.returncode != 0
    assert "data/charities/snapshot.json:1: (file): not valid JSON" in done.output


def test_each_charity_names_its_regulator_and_links_to_its_register(get_help_build):
    page = article(get_help_build.html("get-help/crisis"))
    assert "<dt>Regulator</dt><dd>Charity Commission for England and Wales</dd>" in page
    oscr = "https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number="
    assert f'<a href="{oscr}SC012345">SC012345' in page
    assert "<dt>Regulator</dt><dd>Scottish Charity Regulator (OSCR)</dd>" in page
    card = page[page.index("Highland Help") :]
    card = card[: card.index("</li>")]
    assert "checked by hand" in card and "England and Wales only" in card
    alpha = page[page.index("Alpha Trust") :]
    assert "checked by hand" not in alpha[: alpha.index("</li>")]


def test_the_build_log_names_a_charity_the_register_no_longer_returns(get_help_build):
    assert (
        "data/referrals.yml:14: number: charity 1000002 (Gone Trust) is no longer returned by "
        "the register (since 2026-05-15), so Get help leaves it out"
    ) in get_help_build.output
