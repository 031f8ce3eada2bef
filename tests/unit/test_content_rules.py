"""Each schema rule, with the front matter that breaks it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from act.content.checker import check_content, check_file
from act.problems import Severity, format_report
from act.taxonomies import load_taxonomies
from act.types.opportunity import Opportunity

DATA = Path(__file__).parents[1] / "fixtures" / "site" / "data"
TODAY = date(2026, 6, 1)
ARTICLE = """title: Sandbag basics
summary: How sandbags help.
topics: [flooding]
author: {name: ACT editorial team, role: Editorial team}
published: 2026-01-10
review_by: 2027-01-10
sources: [{title: GOV.UK, url: "https://www.gov.uk/"}]
"""
OPPORTUNITY = """title: Responder
organisation: Example
summary: Help.
apply_url: https://www.example.org/
regions: [london]
category: first-aid-and-health
commitment: {pattern: regular}
minimum_age: 18
remote: false
published: 2026-01-10
review_by: 2027-01-10
sources: [{title: Example, url: "https://www.example.org/"}]
"""


def check(tmp_path: Path, front_matter: str, src_uri: str = "prepare/x.md", today=TODAY):
    names = load_taxonomies(DATA, str)[0].names()
    path = tmp_path / "x.md"
    path.write_text(f"---\n{front_matter}---\n\nBody.\n", encoding="utf-8")
    return check_file(path, src_uri, names, today)


def only(problems, severity=Severity.ERROR):
    return [(p.line, p.field, p.message) for p in problems if p.severity is severity]


def test_a_valid_article_has_no_errors_and_its_dates_are_dates(tmp_path):
    entry, problems = check(tmp_path, ARTICLE)
    assert only(problems) == []
    assert entry.data["published"] == date(2026, 1, 10)
    assert entry.url == "prepare/x/"
    assert entry.data["draft"] is False


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("title: Sandbag basics\n", ""), (2, "title", "required field is missing")),
        (("title: Sandbag basics", "title: 42"), (2, "title", "expected text, found a number")),
        (("title: Sandbag basics", "title: ''"), (2, "title", "is empty")),
        (("topics: [flooding]", "topics: []"), (4, "topics", "needs at least 1 item")),
        (
            ("topics: [flooding]", "topics: [flodding]"),
            (4, "topics[0]", "'flodding' is not a known topic"),
        ),
        (
            ("published: 2026-01-10", "published: 2026-1-10"),
            (6, "published", "'2026-1-10' is not an ISO date"),
        ),
        (
            ("published: 2026-01-10", "published: 2026-13-01"),
            (6, "published", "'2026-13-01' is not a real date"),
        ),
        (
            ("https://www.gov.uk/", "ftp://www.gov.uk/"),
            (8, "sources[0].url", "'ftp://www.gov.uk/' is not a secure web address"),
        ),
        (
            ("https://www.gov.uk/", "https://"),
            (8, "sources[0].url", "'https://' is not a secure web address"),
        ),
        (("role: Editorial team", "role: [a]"), (5, "author.role", "expected text, found a list")),
        (
            ("review_by: 2027-01-10", "review_by: 2025-01-10"),
            (7, "review_by", "2025-01-10 is before the published date 2026-01-10"),
        ),
    ],
)
def test_article_rule(tmp_path, change, expected):
    entry, problems = check(tmp_path, ARTICLE.replace(*change))
    assert entry is None
    assert expected in only(problems)


def test_unknown_field_suggests_the_nearest_known_one(tmp_path):
    _, problems = check(tmp_path, ARTICLE + "reveiwer: {name: A, role: B, reviewed: 2026-01-01}\n")
    [problem] = [p for p in problems if p.field == "reveiwer"]
    assert (problem.line, problem.message, problem.hint) == (
        9,
        "unknown field",
        "did you mean 'reviewer'?",
    )


def test_a_single_topic_may_be_written_without_brackets(tmp_path):
    entry, _ = check(tmp_path, ARTICLE.replace("[flooding]", "flooding"))
    assert entry.data["topics"] == ["flooding"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("minimum_age: 18", "minimum_age: '18'"),
            (9, "minimum_age", "expected a whole number, found text"),
        ),
        (("remote: false", "remote: 'no'"), (10, "remote", "expected true or false, found text")),
        (
            ("pattern: regular", "pattern: sometimes"),
            (8, "commitment.pattern", "'sometimes' is not allowed"),
        ),
        (
            ("regions: [london]", "regions: [mars]"),
            (6, "regions[0]", "'mars' is not a known region"),
        ),
        (
            ("apply_url: https://www.example.org/", "apply_url: www.example.org"),
            (5, "apply_url", "'www.example.org' is not a link starting https:// or mailto:"),
        ),
    ],
)
def test_opportunity_rule(tmp_path, change, expected):
    entry, problems = check(tmp_path, OPPORTUNITY.replace(*change), "volunteer/x.md")
    assert entry is None
    assert expected in only(problems)


@pytest.mark.parametrize(
    "contact",
    ["mailto:volunteer@example.org", "tel:+441234567890", "https://www.example.org/contact"],
)
def test_contact_accepts_https_mailto_and_tel(tmp_path, contact):
    entry, problems = check(tmp_path, OPPORTUNITY + f"contact: '{contact}'\n", "volunteer/x.md")
    assert only(problems) == [] and entry.data["contact"] == contact


def test_closing_date_before_published_is_an_error(tmp_path):
    _, problems = check(tmp_path, OPPORTUNITY + "closing_date: 2025-12-31\n", "volunteer/x.md")
    assert (14, "closing_date", "2025-12-31 is before the published date 2026-01-10") in only(
        problems
    )


def test_a_maximum_age_below_the_minimum_is_an_error_at_its_line(tmp_path):
    entry, problems = check(tmp_path, OPPORTUNITY + "maximum_age: 17\n", "volunteer/x.md")
    assert entry is None
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert (problem.line, problem.field, problem.message) == (
        14,
        "maximum_age",
        "17 is below the minimum age 18",
    )
    assert "oldest age accepted" in problem.hint and "leave it out" in problem.hint


@pytest.mark.parametrize(("written", "kept"), [("", None), ("maximum_age: 18\n", 18)])
def test_a_maximum_age_is_optional_and_may_equal_the_minimum(tmp_path, written, kept):
    entry, problems = check(tmp_path, OPPORTUNITY + written, "volunteer/x.md")
    assert only(problems) == []
    assert entry.data["maximum_age"] == kept


@pytest.mark.parametrize("maximum", ["", "maximum_age: 17\n"])
def test_an_opportunity_may_leave_out_an_age_its_source_does_not_state(tmp_path, maximum):
    """An age is a fact people act on: where the organisation's pages give none, the entry says
    none (its page tells readers to ask); a reserve guide's sources always give one."""
    written = OPPORTUNITY.replace("minimum_age: 18\n", "") + maximum
    entry, problems = check(tmp_path, written, "volunteer/x.md")
    assert only(problems) == []
    assert entry.data["minimum_age"] is None


def test_opportunity_is_open_until_the_end_of_its_closing_date(tmp_path):
    entry, _ = check(tmp_path, OPPORTUNITY + "closing_date: 2026-06-01\n", "volunteer/x.md")
    assert isinstance(entry, Opportunity)
    assert entry.is_open(on=date(2026, 6, 1))
    assert not entry.is_open(on=date(2026, 6, 2))


def test_long_summary_is_a_warning_not_an_error(tmp_path):
    entry, problems = check(tmp_path, ARTICLE.replace("How sandbags help.", "x" * 161))
    assert entry is not None
    assert (3, "summary", "is 161 characters; search results and listings cut it at 160") in (
        only(problems, Severity.WARNING)
    )


def test_passed_review_date_is_a_warning(tmp_path):
    entry, problems = check(tmp_path, ARTICLE, today=date(2027, 2, 1))
    assert entry is not None
    assert (7, "review_by", "the review date 2027-01-10 has passed") in only(
        problems, Severity.WARNING
    )


def test_article_without_reviewer_is_awaiting_expert_review(tmp_path):
    entry, problems = check(tmp_path, ARTICLE)
    assert entry.awaiting_review
    assert any("awaiting expert review" in m for _, _, m in only(problems, Severity.WARNING))
    reviewed, problems = check(
        tmp_path, ARTICLE + "reviewer: {name: A B, role: Firefighter, reviewed: 2026-02-01}\n"
    )
    assert not reviewed.awaiting_review
    assert not only(problems, Severity.WARNING)


def test_a_paragraph_of_only_bold_text_is_a_warning_with_its_line(tmp_path):
    path = tmp_path / "x.md"
    body = (
        "## What to pack\n\n**Medicines and health**\n\n- a first aid kit\n\n"
        "**Call 999** if a life is at risk.\n\n**Note:**\nA bold lead-in on its own line.\n\n"
        "```\n**In a code block**\n```\n\n- **In a list**\n"
    )
    path.write_text(f"---\n{ARTICLE}---\n\n{body}", encoding="utf-8")
    names = load_taxonomies(DATA, str)[0].names()
    entry, problems = check_file(path, "prepare/x.md", names, TODAY)
    assert entry is not None
    [problem] = [p for p in problems if p.field == "body"]
    assert (problem.line, problem.severity) == (13, Severity.WARNING)
    assert problem.message == "'Medicines and health' is a paragraph of bold text, not a heading"
    assert "'### Medicines and health'" in problem.hint


def test_plain_pages_need_no_schema_but_still_parse(tmp_path):
    entry, problems = check(tmp_path, "title: About\nsummary: What ACT is.\n", "about.md")
    assert only(problems) == [] and entry.title == "About"
    _, problems = check(tmp_path, "title: [unclosed\n", "about.md")
    assert only(problems)[0][2].startswith("malformed YAML")


def test_duplicate_slugs_in_subfolders_are_an_error(tmp_path):
    content = tmp_path / "content"
    for folder in ("volunteer", "volunteer/london"):
        (content / folder).mkdir(parents=True, exist_ok=True)
        (content / folder / "responder.md").write_text(f"---\n{OPPORTUNITY}---\n")
    catalogue = check_content(content, DATA, TODAY)
    [problem] = catalogue.errors
    assert "slug 'responder' is already used by" in problem.message
    assert problem.path.endswith("volunteer/responder.md")


def test_duplicate_taxonomy_ids_are_reported_with_both_lines(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "topics.yml").write_text("- id: floods\n  name: Floods\n- id: floods\n  name: Again\n")
    (data / "regions.yml").write_text("- {id: uk-wide, name: UK, kind: uk}\n")
    (tmp_path / "content").mkdir()
    catalogue = check_content(tmp_path / "content", data, TODAY)
    assert "data/topics.yml:3: [1].id: duplicate id 'floods', first used on line 1" in (
        format_report(catalogue.problems)
    )


EVENT = """title: A meetup
summary: A meetup.
start: 2027-03-28T01:30
end: 2027-03-28T03:00
attendance: in-person
regions: [london]
organiser: Example
booking_url: https://www.example.org/
free: false
published: 2026-01-10
review_by: 2027-01-10
sources: [{title: Example, url: "https://www.example.org/"}]
"""


def test_an_event_in_person_needs_a_place_and_one_not_free_a_cost(tmp_path):
    _, problems = check(tmp_path, EVENT.replace("T01:30", "T00:30"), "events/meetup.md")
    assert [(p.field, p.message) for p in problems if p.severity is Severity.ERROR] == [
        ("place", "an event that is in person needs a place"),
        ("cost", "the event is not free, so readers need to know the cost"),
    ]


def test_an_event_time_the_clocks_skip_is_refused_at_its_line(tmp_path):
    _, problems = check(tmp_path, EVENT, "events/meetup.md")
    assert only(problems)[0] == (
        4,
        "start",
        "'2027-03-28T01:30' does not happen in the UK: the clocks go forward an hour then",
    )


def test_an_event_that_ends_before_it_starts_is_refused(tmp_path):
    text = EVENT.replace("start: 2027-03-28T01:30", "start: 2027-03-28T05:00")
    text = text.replace("free: false", "free: true").replace("in-person", "online")
    entry, problems = check(tmp_path, text, "events/meetup.md")
    assert only(problems) == [(5, "end", "ends before it starts (2027-03-28T05:00)")]


def test_an_event_time_is_written_as_uk_clocks_show_it(tmp_path):
    text = EVENT.replace("2027-03-28T01:30", "28/03/2027 1.30am")
    _, problems = check(tmp_path, text, "events/meetup.md")
    assert any(
        p.field == "start" and "YYYY-MM-DDTHH:MM" in p.hint and p.line == 4 for p in problems
    )
