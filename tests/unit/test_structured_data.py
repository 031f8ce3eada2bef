"""JSON-LD from entries, without a build: the cases the fixture site does not show."""

from __future__ import annotations

from datetime import date

from act.publishing.description import description_html
from act.publishing.site import Site
from act.types.article import Article, article_json_ld
from act.types.opportunity import Opportunity, job_posting

SITE = Site("ACT", "https://example.org/act/", "", date(2026, 6, 1))
REGIONS = {"london": "London", "wales": "Wales"}


def an_article(author: dict) -> Article:
    data = {"title": "T", "summary": "S", "published": date(2026, 1, 1), "author": author}
    return Article("prepare/t.md", "t", data)


def an_opportunity(**data) -> Opportunity:
    base = {"title": "T", "summary": "S", "organisation": "O", "remote": False}
    base["published"] = date(2026, 1, 1)
    return Opportunity("volunteer/t.md", "t", base | data)


def test_a_person_author_links_to_their_page_or_else_to_about():
    with_page = {"name": "A B", "role": "Firefighter", "url": "https://www.example.com/ab"}
    assert article_json_ld(an_article(with_page), SITE)["author"] == {
        "@type": "Person",
        "name": "A B",
        "url": "https://www.example.com/ab",
        "jobTitle": "Firefighter",
    }
    without = article_json_ld(an_article({"name": "A B", "role": "Firefighter"}), SITE)["author"]
    assert without["url"] == "https://example.org/act/about/"


def test_a_place_gives_one_address_with_its_locality():
    one_region = job_posting(
        an_opportunity(apply_url="https://x.example/a", regions=["wales"], place="Bangor"),
        SITE,
        REGIONS,
        "",
    )
    assert one_region["jobLocation"][0]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Bangor",
        "addressRegion": "Wales",
        "addressCountry": "GB",
    }
    regions = job_posting(
        an_opportunity(apply_url="https://x.example/a", regions=["london", "wales"]),
        SITE,
        REGIONS,
        "",
    )
    assert [p["address"]["addressRegion"] for p in regions["jobLocation"]] == ["London", "Wales"]


def test_an_organisation_applied_to_by_email_has_no_guessed_url():
    posting = job_posting(
        an_opportunity(apply_url="mailto:join@x.example", regions=["london"]), SITE, REGIONS, ""
    )
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "O"}


def test_the_description_keeps_structure_and_text_and_drops_the_rest():
    body = (
        '<h2 id="a">Do <em>this</em><a class="headerlink" href="#a">&para;</a></h2>\n'
        '<p>See <a href="../x/">the guide</a> &amp; more &lt;here&gt;.</p>'
        '<div class="admonition"><p class="admonition-title">Note</p></div>'
        "<script>alert(1)</script><style>p{}</style>"
    )
    assert description_html(body) == (
        "<h2>Do <em>this</em></h2><p>See the guide &amp; more &lt;here&gt;.</p><p>Note</p>"
    )
