"""Listings, structured data, feeds and open data of the fixture site (ACT_BUILD_DATE=2026-06-01)."""

from __future__ import annotations

import json
import re
import shutil
import struct
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from support import by_type, card_titles, json_ld, make_project, run_build, section


def test_prepare_lists_each_topic_with_its_articles_newest_first(fixture_build):
    html = fixture_build.html("prepare")
    assert card_titles(section(html, "flooding")) == ["Sandbag basics"]
    assert card_titles(section(html, "power-cuts")) == ["Keep warm in a power cut"]
    assert card_titles(section(html, "severe-weather")) == ["Keep warm in a power cut"]
    assert "unfinished" not in html.lower()


def test_topic_page_lists_its_articles(fixture_build):
    assert card_titles(fixture_build.html("topics/severe-weather")) == ["Keep warm in a power cut"]
    assert card_titles(fixture_build.html("topics/planning")) == []


def test_finder_lists_open_opportunities_newest_first_and_counts_them(fixture_build):
    html = fixture_build.html("volunteer")
    assert card_titles(html) == ["Listening volunteer", "Community first responder"]
    assert ">2 opportunities</p>" in html
    assert 'data-regions="' in html and 'data-min-age="18"' in html


def test_finder_cards_carry_the_regions_they_can_be_found_under(fixture_build):
    html = fixture_build.html("volunteer")
    [regions] = re.findall(r'data-regions="([^"]+)" data-category="first-aid', html)
    assert set(regions.split()) == {"south-west", "england"}
    [uk_wide] = re.findall(r'data-regions="([^"]+)" data-category="community', html)
    assert {"london", "scotland", "wales", "north-east"} <= set(uk_wide.split())


def test_reserves_comparison_table_cells(fixture_build):
    html = fixture_build.html("reserves")
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, re.S)
    cells = [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", "<th>" + row, re.S)
        ]
        for row in rows
    ]
    assert cells == [
        [
            "RNLI crew",
            "Lifeboat",
            "England, Wales, Scotland, Northern Ireland",
            "No",
            "17",
            "8",
            "None",
            "Yes",
            "Varies by station",
        ],
        [
            "Special constable",
            "Police",
            "England, Wales",
            "No",
            "18",
            "16",
            "Police vetting",
            "Yes",
            "6 to 12 months",
        ],
    ]
    assert 'href="../reserves/special-constable/"' in html


def test_programmes_and_projects_pages(fixture_build):
    programmes = fixture_build.html("programmes")
    assert re.findall(r'<h2 id="([^"]+)"', programmes) == ["fixture-hackathon", "fixture-toolkit"]
    assert "<p>Second paragraph.</p>" in programmes
    assert card_titles(fixture_build.html("projects")) == ["Alpha Recorder", "Beta Finder"]
    project = fixture_build.html("projects/beta-finder")
    assert "Helps volunteers search open sources." in project
    assert "Improve this page" in project
    assert "source=data%2Fshowcase.yml" in project  # the report form is told the source file


def test_listing_directive_renders_the_selected_items(fixture_build):
    home = fixture_build.html("")
    assert card_titles(section(home, "in-london")) == ["Listening volunteer"]
    assert card_titles(section(home, "latest")) == ["Sandbag basics"]  # updated most recently


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("<!-- act:listing source=meetings -->", "act:listing source: unknown source 'meetings'"),
        (
            "<!-- act:listing source=programmes status=idea -->",
            "act:listing status: programmes have no status 'idea'",
        ),
        (
            "<!-- act:listing source=articles colour=red -->",
            "act:listing colour: articles cannot be filtered by 'colour'",
        ),
        (
            "<!-- act:listing source=opportunities region=londn -->",
            "act:listing region: unknown region 'londn'",
        ),
        (
            "<!-- act:listing source=articles limit=lots -->",
            "act:listing limit: 'lots' is not a positive whole number",
        ),
    ],
)
def test_a_bad_directive_fails_the_build_naming_page_and_line(tmp_path, directive, message):
    project = make_project("site", tmp_path / "project")
    (project / "content" / "about.md").write_text(
        f"---\ntitle: About\n---\n\nText.\n\n{directive}\n"
    )
    build = run_build(project)
    assert build.returncode != 0
    assert f"content/about.md:7: {message}" in build.output
    assert "Traceback" not in build.output


def test_json_ld_for_each_page_type(fixture_build):
    home = by_type(json_ld(fixture_build.html("")))
    assert {"Organization", "WebSite", "BreadcrumbList"} <= set(home)
    article = by_type(json_ld(fixture_build.html("prepare/sandbag-basics")))["Article"]
    assert article["headline"] == "Sandbag basics"
    assert (article["datePublished"], article["dateModified"]) == ("2026-01-10", "2026-03-02")
    assert article["author"] == {
        "@type": "Organization",
        "name": "ACT editorial team",
        "url": "https://active-citizens-toolkit.netlify.app/about/",
    }
    assert article["image"] == "https://active-citizens-toolkit.netlify.app/assets/share.png"
    share_png = (fixture_build.site / "assets/share.png").read_bytes()
    assert share_png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", share_png[16:24]) == (1200, 630)  # width, height (IHDR)
    posting = by_type(json_ld(fixture_build.html("volunteer/closed-winter-helper")))["JobPosting"]
    assert posting["employmentType"] == "VOLUNTEER"
    assert posting["validThrough"] == "2026-03-31T23:59:59+00:00"
    assert posting["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Example Council",
        "url": "https://council.example.org/",
    }
    assert posting["datePosted"] == "2026-01-05"
    assert [p["address"] for p in posting["jobLocation"]] == [
        {"@type": "PostalAddress", "addressRegion": "North East England", "addressCountry": "GB"}
    ]
    crumbs = by_type(json_ld(fixture_build.html("topics/flooding")))["BreadcrumbList"]
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Home", "Prepare", "Flooding"]
    need = by_type(json_ld(fixture_build.html("get-help/domestic-abuse")))["BreadcrumbList"]
    assert [i["name"] for i in need["itemListElement"]] == ["Home", "Get help", "Domestic abuse"]


def test_job_posting_has_the_full_description_the_place_and_the_organisation_site(fixture_build):
    posting = by_type(json_ld(fixture_build.html("volunteer/open-responder")))["JobPosting"]
    assert posting["description"] == (
        "<p>Answer 999 calls in your own village while the ambulance is on its way.</p>"
        "<p>You would attend emergencies near home.</p><h2>What you do</h2><ul>"
        "<li>drive to a patient nearby</li>"
        "<li>give <strong>first aid</strong> until the ambulance arrives</li></ul>"
    )
    assert [p["address"] for p in posting["jobLocation"]] == [
        {
            "@type": "PostalAddress",
            "addressLocality": "Taunton",
            "addressRegion": "South West England",
            "addressCountry": "GB",
        }
    ]
    assert posting["hiringOrganization"]["url"] == "https://www.example.org/"
    assert "<dt>Where</dt><dd>Taunton, South West England</dd>" in fixture_build.html(
        "volunteer/open-responder"
    )


def test_every_page_has_parseable_json_ld_with_breadcrumbs(fixture_build):
    # The web editor (/admin/) is not a public page: no structured data, never indexed.
    pages = [
        p
        for p in fixture_build.site.rglob("index.html")
        if not p.is_relative_to(fixture_build.site / "admin")
    ]
    assert len(pages) > 15
    for page in pages:
        blocks = json_ld(page.read_text(encoding="utf-8"))
        assert all("@context" in b and ("@type" in b or "@graph" in b) for b in blocks), page
        assert "BreadcrumbList" in by_type(blocks), page


def test_atom_feed_parses_and_holds_articles_open_opportunities_and_events_to_come(fixture_build):
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring((fixture_build.site / "feed.xml").read_bytes())
    entries = [
        (e.findtext(f"{atom}title"), e.findtext(f"{atom}updated")[:10])
        for e in root.iter(f"{atom}entry")
    ]
    assert entries == [
        ("Listening volunteer", "2026-05-01"),
        ("Community first responder", "2026-04-01"),
        ("Fixture hack weekend", "2026-04-01"),
        ("Sandbag basics", "2026-03-02"),
        ("Keep warm in a power cut", "2026-02-01"),
    ]


def test_json_feed_parses_and_matches_the_atom_feed(fixture_build):
    feed = json.loads((fixture_build.site / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in feed["items"]] == [
        "Listening volunteer",
        "Community first responder",
        "Fixture hack weekend",
        "Sandbag basics",
        "Keep warm in a power cut",
    ]
    assert feed["items"][3]["date_published"] == "2026-01-10T00:00:00+00:00"


def test_feeds_are_linked_from_every_page(fixture_build):
    html = fixture_build.html("reserves/rnli-crew")
    links = re.findall(r'<link rel="([^"]*)" type="(application/(?:atom\+xml|feed\+json))"', html)
    # rel is a list of words: feed readers find "alternate" in it (see main.html for the space).
    assert sorted(type_ for rel, type_ in links if "alternate" in rel.split()) == [
        "application/atom+xml",
        "application/feed+json",
    ]


@pytest.mark.parametrize("name", ["opportunities", "reserves", "programmes", "showcase"])
def test_each_export_validates_against_its_published_schema(fixture_build, name):
    document = json.loads((fixture_build.site / "data" / f"{name}.json").read_text())
    schema = json.loads((fixture_build.site / "data" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    assert document["licence"] == "CC BY 4.0" and document["build_date"] == "2026-06-01"
    assert document["items"]
    broken = {**document, "items": [{**document["items"][0], "unexpected": True}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_opportunities_export_holds_only_open_ones(fixture_build):
    document = json.loads((fixture_build.site / "data" / "opportunities.json").read_text())
    assert [i["id"] for i in document["items"]] == ["listening-volunteer", "open-responder"]
    assert "Open data" in fixture_build.html("open-data")


def test_a_broken_programmes_file_fails_with_path_and_line(tmp_path):
    project = make_project("site", tmp_path / "project")
    shutil.copy(project / "data" / "programmes.yml", tmp_path / "good.yml")
    (project / "data" / "programmes.yml").write_text(
        "- id: one\n  name: One\n  status: ongoing\n  summary: S.\n  get_involved: G.\n"
        "- id: one\n  name: Again\n  status: active\n  summary: S.\n  get_involved: G.\n"
    )
    build = run_build(project)
    assert build.returncode != 0
    assert "data/programmes.yml:3: [0].status: 'ongoing' is not allowed" in build.output
    assert "data/programmes.yml:6: [1].id: duplicate id 'one', first used on line 1" in build.output
    (project / "data" / "programmes.yml").write_text("- id: one\n  name: [unclosed\n")
    build = run_build(project)
    assert re.search(r"data/programmes.yml:\d+: \(file\): malformed YAML", build.output)
