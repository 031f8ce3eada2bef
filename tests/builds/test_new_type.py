"""A throwaway content type ("course"), added as docs/architecture.md says in a copy of the
package and the fixture site: its module, one registry line, its templates, its `act new`
body and a fixture file. The check, the build, the listing directive, the web editor's
configuration and the search page pick it up; taking away any one part stops the build (or
`act new`) with a message naming that part, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import BIN, FIXTURE_BUILD_DATE, ROOT, make_project

MODULE = '''"""Courses (content/courses/): a type added by tests/builds/test_new_type.py."""

from __future__ import annotations

from dataclasses import dataclass

from act.entry import PUBLISHING, SOURCES, SUMMARY, TITLE, Entry, newest_first
from act.listing import PageSpec, Source, choice
from act.publishing.structured_data import CONTEXT
from act.schema import Choice, Field, Record

LEVELS = {"beginner": "Beginner", "advanced": "Advanced"}
COURSE = Record(
    [
        TITLE,
        SUMMARY,
        Field("level", Choice(LEVELS), doc="how hard it is", example="beginner"),
        *PUBLISHING,
        SOURCES,
    ]
)


def courses(catalogue):
    return newest_first(catalogue.of_kind("course"))


@dataclass
class Course(Entry):
    kind = "course"
    section = "courses"
    schema = COURSE
    label = "Courses"
    search_label = "Courses"
    noun = "course"
    labels = {"level": LEVELS}
    sources = (
        Source(
            "courses",
            lambda catalogue, today: courses(catalogue),
            card="course",
            filters=(choice("level", LEVELS, lambda c: c.level),),
        ),
    )

    @classmethod
    def listing_pages(cls, catalogue, today):
        return [
            PageSpec(
                "courses/index.md",
                "Courses",
                "Courses in first aid and preparedness.",
                "content/courses/",
                "courses.html",
                lambda: {"items": courses(catalogue)},
            )
        ]

    def search_filters(self, names, today):
        return {}

    def structured_data(self, site, names, body):
        return [{"@context": CONTEXT, "@type": "Course", "name": self.title}]
'''
TEMPLATES = {
    "overrides/partials/act/course-header.html": (
        '<p class="act-course-level">Level: {{ act_labels.level[entry.data.level] }}</p>\n'
    ),
    "overrides/fragments/act/cards/course.html": (
        '<li class="act-card"><a class="act-card__title" href="{{ root }}{{ item.url }}">'
        "{{ item.title }}</a> ({{ labels.level[item.data.level] }})</li>\n"
    ),
    "overrides/fragments/act/courses.html": (
        '<ul class="act-courses">{% for item in items %}'
        '{% include "fragments/act/cards/course.html" %}{% endfor %}</ul>\n'
    ),
}
FIXTURE = """---
title: Emergency first aid course
summary: A day learning first aid for emergencies at home and outdoors.
level: beginner
published: 2026-05-01
review_by: 2027-05-01
sources:
  - title: First aid (British Red Cross)
    url: https://www.redcross.org.uk/first-aid
---

What the course covers.
"""
BODY = "## What you will learn\n\nTODO: what the course covers.\n"
# Each part, and what a build (or `act new`) says when it is missing.
PARTS = {
    "partials/act/course-header.html": "overrides/partials/act/course-header.html:1: (file)",
    "fragments/act/cards/course.html": "overrides/fragments/act/cards/course.html:1: (file)",
    "fragments/act/courses.html": "overrides/fragments/act/courses.html:1: (file)",
    "new/course.md": "act/types/new/course.md:1: (file)",
}


def add_course(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the fixture site and of the package, with the course type added."""
    project = make_project("site", tmp_path / "project")
    package = tmp_path / "plugins" / "act"
    shutil.copytree(ROOT / "plugins" / "act", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "types" / "course.py").write_text(MODULE, encoding="utf-8")
    registry = package / "types" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    text = text.replace(
        "from act.types.article import Article\n",
        "from act.types.article import Article\nfrom act.types.course import Course\n",
    )
    text = text.replace("Reserve, Event)", "Reserve, Event, Course)")
    assert "Course)" in text and "import Course" in text  # the registry's shape has not changed
    registry.write_text(text, encoding="utf-8")
    (package / "types" / "new" / "course.md").write_text(BODY, encoding="utf-8")
    for path, template in TEMPLATES.items():
        (project / path).write_text(template, encoding="utf-8")
    (project / "content" / "courses").mkdir()
    (project / "content" / "courses" / "first-aid.md").write_text(FIXTURE, encoding="utf-8")
    home = project / "content" / "index.md"
    home.write_text(
        home.read_text(encoding="utf-8") + "\n<!-- act:listing source=courses level=beginner -->\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path / "plugins"),
        "ACT_BUILD_DATE": FIXTURE_BUILD_DATE,
        "NO_MKDOCS_2_WARNING": "1",
    }
    return project, env


def run(project: Path, env: dict[str, str], *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command), cwd=project, env=env, capture_output=True, text=True, timeout=600
    )


def build(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(project, env, str(BIN / "mkdocs"), "build", "--strict", "--quiet")


def act(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return run(project, env, sys.executable, "-m", "act.cli", *args)


@pytest.fixture(scope="module")
def course_site(tmp_path_factory):
    project, env = add_course(tmp_path_factory.mktemp("course"))
    done = build(project, env)
    assert done.returncode == 0, done.stdout + done.stderr
    return project, env


def test_the_build_makes_its_pages_listing_and_json_ld(course_site):
    project, _ = course_site
    site = project / "site"
    page = (site / "courses" / "first-aid" / "index.html").read_text(encoding="utf-8")
    assert "Level: Beginner" in page and '"@type":"Course"' in page
    listing = (site / "courses" / "index.html").read_text(encoding="utf-8")
    assert "Emergency first aid course</a> (Beginner)" in listing
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Emergency first aid course</a> (Beginner)" in home  # the act:listing directive


def test_the_search_page_and_the_page_give_it_its_type(course_site):
    project, _ = course_site
    site = project / "site"
    page = (site / "courses" / "first-aid" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="type:course"' in page
    assert "Courses" in (site / "search" / "index.html").read_text(encoding="utf-8")


def test_the_check_and_the_editor_configuration_know_it(course_site):
    project, env = course_site
    checked = act(project, env, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    config = act(project, env, "cms-config")
    assert "name: course" in config.stdout and "label: Courses" in config.stdout
    wrong = project / "content" / "courses" / "wrong-level.md"
    wrong.write_text(FIXTURE.replace("level: beginner", "level: expert"), encoding="utf-8")
    try:
        refused = act(project, env, "check")
    finally:
        wrong.unlink()
    assert "courses/wrong-level.md:4: level:" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr


def test_act_new_starts_one(course_site, tmp_path):
    project, env = course_site
    made = act(project, env, "new", "course", "--title", "Night navigation")
    assert made.returncode == 0, made.stderr
    written = project / "content" / "courses" / "night-navigation.md"
    try:
        assert "level:" in written.read_text(encoding="utf-8")
        assert "TODO: what the course covers." in written.read_text(encoding="utf-8")
    finally:
        written.unlink()


@pytest.mark.parametrize("part", PARTS)
def test_taking_away_one_part_names_it(tmp_path, part):
    project, env = add_course(tmp_path)
    if part.startswith("new/"):
        (tmp_path / "plugins" / "act" / "types" / part).unlink()
    else:
        (project / "overrides" / part).unlink()
    done = build(project, env)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "A content type is missing files" in output and PARTS[part] in output
    assert "Traceback" not in output
    started = act(project, env, "new", "course", "--title", "Night navigation")
    assert started.returncode == 1 and PARTS[part] in started.stderr


def test_taking_away_the_registry_line_names_the_fields_it_declared(tmp_path):
    project, env = add_course(tmp_path)
    registry = tmp_path / "plugins" / "act" / "types" / "__init__.py"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("Event, Course)", "Event)"), encoding="utf-8"
    )
    checked = act(project, env, "check")
    assert checked.returncode == 1
    # content/courses/ is then plain pages, and the directive's source is unknown: both named.
    assert "content/index.md" in checked.stdout and "unknown source 'courses'" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
