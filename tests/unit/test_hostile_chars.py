"""Characters that do not belong (act/characters.py): refused in data files as in content, and
refused again by every writer (calendars, feeds, open data, HTML) with the file and field,
never a traceback; calendar text escaped as RFC 5545 says. The cases a single content file can
hold are in tests/fixtures/bad-content (see expected.yml)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest

from act.characters import UnwantedCharacter, body_problems, refuse_in_html
from act.charities.normalise import normalise_charity
from act.charities.snapshot import parse_snapshot
from act.collections import load_collections
from act.content.checker import check_text
from act.entry import Entry
from act.listings import feeds, open_data
from act.publishing import calendar
from act.publishing.site import Site
from act.taxonomies import load_taxonomies
from charities.fake_charitybase import charity_record
from support import FIXTURES, act_check, make_project, run_build

SITE = FIXTURES / "site"
TODAY = date(2026, 6, 1)
WEBSITE = Site("ACT", "https://act.example.org/", "Plan for emergencies.", TODAY)


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(SITE / "data", tmp_path / "data")
    return tmp_path / "data"


def fixture_entry(src_uri: str) -> Entry:
    taxonomies, _ = load_taxonomies(SITE / "data", str)
    text = (SITE / "content" / src_uri).read_text(encoding="utf-8")
    entry, problems, _ = check_text(text, src_uri, src_uri, taxonomies.names(), TODAY)
    assert entry is not None, problems
    return entry


def with_values(entry: Entry, **values) -> Entry:
    """The entry with some values changed after the check, as a writer could be given it."""
    return dataclasses.replace(entry, data={**entry.data, **values})


# Data files


def test_a_right_to_left_override_in_a_topic_description_is_refused_at_its_line(data):
    topics = data / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(
        text.replace("Get ready for floods", "Get ready for \u202esdoolf"), encoding="utf-8"
    )
    _, problems = load_taxonomies(data, str)
    line = (
        text.splitlines().index(
            "  description: Get ready for floods, stay safe during them and recover afterwards."
        )
        + 1
    )
    assert [(p.line, p.field) for p in problems] == [(line, "[1].description")]
    assert "[U+202E RIGHT-TO-LEFT OVERRIDE] after 'Get ready for '" in problems[0].message


def test_a_control_character_escaped_in_a_region_name_is_refused(data):
    regions = data / "regions.yml"
    text = regions.read_text(encoding="utf-8")
    regions.write_text(text.replace("name: London", 'name: "Lon\\x1bdon"', 1), encoding="utf-8")
    _, problems = load_taxonomies(data, str)
    assert len(problems) == 1 and problems[0].field.endswith("].name")
    assert "[U+001B ESCAPE], after 'Lon'" in problems[0].message


def test_text_of_several_lines_keeps_its_lines_but_not_a_direction_override(data):
    programmes = data / "programmes.yml"
    text = programmes.read_text(encoding="utf-8")
    assert "    Second paragraph." in text  # a description of several lines is fine
    collections, problems = load_collections(data, str)
    assert not problems
    assert (
        "First paragraph.\n\nSecond paragraph."
        in [p.get("description") for p in collections["programmes"]][1]
    )
    programmes.write_text(
        text.replace("    Second paragraph.", "    Second \u2066paragraph."), encoding="utf-8"
    )
    _, problems = load_collections(data, str)
    assert [p.field for p in problems] == ["[1].description"]
    assert "after 'Second ' of its line 3" in problems[0].message


def test_a_line_break_in_a_list_of_one_line_texts_is_refused(data):
    regions = data / "regions.yml"
    text = regions.read_text(encoding="utf-8")
    assert "police_forces: [Police Scotland]" in text
    regions.write_text(text.replace("[Police Scotland]", '["Police\\nScotland"]'), encoding="utf-8")
    _, problems = load_taxonomies(data, str)
    line = text.splitlines().index("  police_forces: [Police Scotland]") + 1
    assert [(p.line, p.field) for p in problems] == [(line, "[3].police_forces[0]")]
    assert "runs over more than one line (a line break after 'Police')" in problems[0].message


def test_a_control_character_from_the_register_in_the_snapshot_is_refused():
    snapshot = json.loads((SITE / "data" / "charities" / "snapshot.json").read_text())
    snapshot["charities"][0]["activities"] = "Helps children.\u001b[2J"
    text = json.dumps(snapshot, indent=2)
    _, problems = parse_snapshot(text, "data/charities/snapshot.json")
    assert [p.field for p in problems] == ["charities[0].activities"]
    assert problems[0].line == next(
        n for n, line in enumerate(text.splitlines(), 1) if '"activities": "Helps' in line
    )


def test_text_from_the_charity_register_loses_what_does_not_belong_so_a_refresh_still_works():
    record = charity_record("1234567", "HELP\u202e FOR\x1b ALL", activities="HELPS\x00 PEOPLE.\x0b")
    charity = normalise_charity(record)
    assert (charity.name, charity.activities) == ("Help for All", "Helps people.")
    snapshot = json.loads((SITE / "data" / "charities" / "snapshot.json").read_text())
    snapshot["charities"].append(charity.as_json())
    assert parse_snapshot(json.dumps(snapshot), "data/charities/snapshot.json")[1] == []


# Bodies


def test_a_body_gives_one_problem_per_line_at_the_file_line():
    body = "Fine.\n\nBad \x07\x07 twice.\nFine.\n\u202eThen this.\n"
    problems = body_problems(body, "content/x.md", first_line=11)
    assert [(p.line, p.field) for p in problems] == [(13, "body"), (15, "body")]
    assert "[U+0007 BELL], after 'Bad '" in problems[0].message
    assert "[U+202E RIGHT-TO-LEFT OVERRIDE] at the start" in problems[1].message
    assert body_problems("Tabs\tand\nline feeds are fine.\n", "content/x.md", 1) == []


# Calendars


def parsed_events(ics: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(ics).walk("VEVENT")


def calendar_name(ics: bytes) -> str:
    """X-WR-CALNAME read as TEXT, as calendar apps read it (icalendar gives it as written)."""
    raw = str(icalendar.Calendar.from_ical(ics)["x-wr-calname"])
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


@pytest.mark.parametrize(
    "title",
    [
        "Meet\\Nup",  # icalendar alone reads a written \N as a line break
        "Meet\\nup",
        "Back\\slash; comma, and \\\\ two, and one at the end \\",
    ],
)
def test_calendar_text_round_trips_exactly(title):
    event = with_values(fixture_entry("events/fixture-hack-weekend.md"), title=title)
    ics = calendar.calendar([event], WEBSITE, event.title)
    (parsed,) = parsed_events(ics)
    assert str(parsed["summary"]) == title
    assert calendar_name(ics) == title
    assert str(parsed["description"]).startswith(event.summary + "\n\nOrganised by ")
    assert b"\r" not in ics.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Meetup\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Free money\rEND:VEVENT"),
        ("title", "Meetup\nnight"),  # crashed icalendar in the calendar's name
        ("title", "Meetup \x1b[2J"),
        ("place", "Town hall\u202e"),
        ("organiser", "Police\nRewired"),
        ("summary", "A meetup.\u2028SUMMARY:x"),
    ],
)
def test_the_calendar_writer_refuses_what_the_check_refuses(field, value):
    event = with_values(fixture_entry("events/fixture-hack-weekend.md"), **{field: value})
    for name in (event.title, "ACT: upcoming events"):
        with pytest.raises(UnwantedCharacter) as refused:
            calendar.calendar([event], WEBSITE, name)
        problem = refused.value.problem
        assert (problem.path, problem.field) == ("content/events/fixture-hack-weekend.md", field)
        assert problem.hint


def test_a_carriage_return_in_the_site_name_is_refused_in_the_calendar_name():
    event = fixture_entry("events/fixture-hack-weekend.md")
    with pytest.raises(UnwantedCharacter) as refused:
        calendar.calendar([event], WEBSITE, "ACT\rBEGIN:VEVENT: upcoming events")
    assert (refused.value.problem.path, refused.value.problem.field) == ("mkdocs.yml", "site_name")


# Feeds and open data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Sandbags \x1b[31m"),
        ("title", "Sandbags\x00"),
        ("summary", "How sandbags\x0c help."),
        ("summary", "How \u202esgabdnas help."),
        ("title", "Sandbags\nnow"),
    ],
)
@pytest.mark.parametrize("writer", [feeds.atom_feed, feeds.json_feed])
def test_the_feed_writers_refuse_what_the_check_refuses(writer, field, value):
    article = with_values(fixture_entry("prepare/sandbag-basics.md"), **{field: value})
    with pytest.raises(UnwantedCharacter) as refused:
        writer([article], WEBSITE)
    assert (refused.value.problem.path, refused.value.problem.field) == (
        "content/prepare/sandbag-basics.md",
        field,
    )


def test_the_feed_writers_refuse_an_author_with_a_control_character():
    article = fixture_entry("prepare/sandbag-basics.md")
    article = with_values(article, author={**article.data["author"], "name": "Editor\x08"})
    for writer in (feeds.atom_feed, feeds.json_feed):
        with pytest.raises(UnwantedCharacter) as refused:
            writer([article], WEBSITE)
        assert refused.value.problem.field == "author.name"


def test_open_data_refuses_a_value_with_the_file_and_field_it_came_from(data):
    taxonomies, _ = load_taxonomies(data, str)
    collections, _ = load_collections(data, str)
    collections["programmes"][1]["links"][0]["title"] = "Repo\u202esitory"
    catalogue = type("Catalogue", (), {})()
    catalogue.entries, catalogue.collections, catalogue.taxonomies = [], collections, taxonomies
    catalogue.of_kind = lambda kind, include_drafts=False: []
    export = next(e for e in open_data.exports(catalogue, WEBSITE) if e.name == "programmes")
    with pytest.raises(UnwantedCharacter) as refused:
        open_data.document(export, WEBSITE)
    problem = refused.value.problem
    assert (problem.path, problem.field) == ("data/programmes.yml", "[1].links[0].title")
    assert "data/programmes.json" in problem.message


# HTML


def test_the_html_check_names_the_line_of_the_page_written():
    with pytest.raises(UnwantedCharacter) as refused:
        refuse_in_html("<html>\n<title>ACT\u202e</title>", source="content/index.md", output="x")
    assert "x, line 2" in refused.value.problem.message
    assert refuse_in_html("<p>\tfine\n</p>", source="content/index.md", output="x")


def test_a_direction_override_in_mkdocs_yml_stops_the_build_without_a_traceback(tmp_path):
    project = make_project("site", tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("site_name: Active Citizens Toolkit", 'site_name: "Active \\u202eCitizens"'),
        encoding="utf-8",
    )
    build = run_build(project)
    assert build.returncode != 0
    assert "A character that does not belong would be published" in build.output
    assert "[U+202E RIGHT-TO-LEFT OVERRIDE]" in build.output
    assert "Traceback" not in build.output


def test_act_check_names_a_control_character_in_a_file_name_instead_of_printing_it(tmp_path):
    project = make_project("site", tmp_path / "project")
    (project / "content" / "prepare" / "a\x1b[2Jb.md").write_text("---\ntitle: x\n---\n")
    done = act_check(project)
    assert done.returncode == 1
    assert "content/prepare/a[U+001B ESCAPE][2Jb.md:1: (file): file name" in done.stdout
    assert "\x1b" not in done.stdout + done.stderr
