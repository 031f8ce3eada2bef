"""The fixture site built with the real `mkdocs build --strict`, asserting on the HTML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from support import BIN, FIXTURE_BUILD_DATE, FIXTURES, make_project, run_build


class Links(HTMLParser):
    """Collects nav links and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.nav_links: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (attrs.get("class") or ""):
            self._nav_depth = 1
        elif tag == "nav" and self._nav_depth:
            self._nav_depth += 1
        if tag == "a" and self._nav_depth and "md-nav__link" in (attrs.get("class") or ""):
            self.nav_links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


INLINE_TAG = re.compile(r"</?(?:a|time|strong|em|span|code|abbr)\b[^>]*>", re.I)


def text_of(html: str) -> str:
    """The page's text as a reader sees it: inline tags vanish, block tags separate words."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", INLINE_TAG.sub("", html)))


def test_article_shows_author_dates_review_status_and_sources(fixture_build):
    page = text_of(fixture_build.html("prepare/sandbag-basics"))
    assert "By ACT editorial team, Editorial team, Active Citizens Toolkit" in page
    assert "Published 10 January 2026" in page
    assert "Updated 2 March 2026" in page
    assert "Next review due 10 January 2027" in page
    assert "Awaiting expert review." in page
    assert 'href="https://www.gov.uk/prepare-for-flooding">Prepare for flooding (GOV.UK)</a>' in (
        fixture_build.html("prepare/sandbag-basics")
    )
    assert "2 March 2026: Added a section on disposal." in page


def test_reviewed_article_names_its_reviewer_instead_of_awaiting(fixture_build):
    page = text_of(fixture_build.html("prepare/keep-warm"))
    assert "Checked by Example Reviewer, Fixture role, on 1 February 2026." in page
    assert "Awaiting expert review" not in page


def test_nav_holds_sections_not_items(fixture_build):
    parser = Links()
    parser.feed(fixture_build.html("prepare/sandbag-basics"))
    base = "http://site/prepare/sandbag-basics/"
    targets = {
        urlparse(urljoin(base, link)).path for link in parser.nav_links if not link.startswith("#")
    }
    assert {"/prepare/", "/volunteer/", "/reserves/", "/about/"} <= targets
    items = [t for t in targets if re.match(r"^/(prepare|volunteer|reserves)/.+", t)]
    assert items == [], "items must not be in the navigation"


def test_items_in_subfolders_get_flat_urls(fixture_build):
    assert "Listening volunteer" in fixture_build.html("volunteer/listening-volunteer")
    assert not (fixture_build.site / "volunteer" / "london").exists()


def test_drafts_are_not_published(fixture_build):
    assert not (fixture_build.site / "prepare" / "unfinished-draft").exists()
    assert "unfinished" not in fixture_build.html("prepare")


def test_closed_opportunity_keeps_a_page_that_says_it_has_closed(fixture_build):
    page = text_of(fixture_build.html("volunteer/closed-winter-helper"))
    assert "This opportunity has closed" in page
    assert "Applications closed on 31 March 2026." in page
    assert "Winter helper" not in text_of(fixture_build.html("volunteer"))


def test_reserve_guide_shows_its_structured_facts(fixture_build):
    page = text_of(fixture_build.html("reserves/special-constable"))
    for fact in (
        "Paid No. Expenses are repaid.",
        "Minimum age 18",
        "Checks Police vetting",
        "Fitness test Yes",
        "Time to join 6 to 12 months",
    ):
        assert fact in page


def test_footer_links_to_the_report_form_naming_this_page(fixture_build):
    html = fixture_build.html("prepare/keep-warm")
    [link] = re.findall(r'class="act-footer__form" href="([^"]+)"', html)
    assert link.startswith("../../report-a-problem/?")
    assert "prepare%2Fkeep-warm%2F" in link
    assert "source=content%2Fprepare%2Fkeep-warm.md" in link.replace("&amp;", "&")


def test_a_broken_article_fails_the_build_with_every_problem(tmp_path):
    project = make_project("site", tmp_path / "project")
    for name in ("unknown-topic.md", "not-iso-date.md"):
        shutil.copy(FIXTURES / "bad-content" / "prepare" / name, project / "content" / "prepare")
    build = run_build(project)
    assert build.returncode != 0
    assert "content/prepare/unknown-topic.md:4: topics[0]: 'floods' is not a known topic" in (
        build.output
    )
    assert "content/prepare/not-iso-date.md:6: published: '10/01/2026' is not an ISO date" in (
        build.output
    )
    assert "Traceback" not in build.output


def test_the_build_reports_content_and_directory_problems_together_as_act_check_does(tmp_path):
    """`make site` runs only the build, so the build must find all that `act check` finds, in
    one run: here a broken article and a broken Get help directory at once."""
    project = make_project("site", tmp_path / "project")
    shutil.copy(
        FIXTURES / "bad-content" / "prepare" / "unknown-topic.md", project / "content" / "prepare"
    )
    referrals = project / "data" / "referrals.yml"
    referrals.write_text(
        referrals.read_text(encoding="utf-8").replace("cap: 30", "cap: lots", 1), encoding="utf-8"
    )
    build = run_build(project)
    checked = subprocess.run(
        [str(BIN / "act"), "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "ACT_BUILD_DATE": FIXTURE_BUILD_DATE},
    )
    assert build.returncode != 0 and checked.returncode == 1
    # act check lists the errors first, then warnings; the build stops with the errors.
    errors_part = checked.stdout.split("warnings (the build still works):")[0]
    errors = [line for line in errors_part.splitlines() if line.startswith(("content/", "data/"))]
    assert "2 errors:" in checked.stdout and "2 errors:" in build.output
    assert any(line.startswith("content/prepare/unknown-topic.md:4:") for line in errors)
    assert any(line.startswith("data/referrals.yml:") and "cap" in line for line in errors)
    for line in errors:
        assert line in build.output, line
    assert "Traceback" not in build.output
