"""One reading of front matter: what `act check` reads as a page's settings is what the build
gives MkDocs, and anything MkDocs would read another way is refused with its line."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from act.content.frontmatter import split_front_matter
from act.yamlfile import parse_yaml
from support import FIXTURES, ROOT, make_project, run_build


def our_settings(text: str) -> dict | None:
    """The settings the check reads, or None if it refuses the page."""
    front, problems = split_front_matter(text, "page.md")
    if problems:
        return None
    if front.yaml is None:
        return {}
    doc, problems = parse_yaml(front.yaml, "page.md")
    if problems or not isinstance(doc.value, (dict, type(None))):
        return None
    return yaml.safe_load(front.yaml) or {}


def test_every_real_page_is_read_alike_by_the_check_and_by_mkdocs():
    pages = [*(ROOT / "content").rglob("*.md"), *(FIXTURES / "site" / "content").rglob("*.md")]
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8-sig")
        assert our_settings(text) == get_data(text)[1], path


LINES = st.sampled_from(
    ["---", "----", "...", "--- ", "title: A page", "template: redirect.html", "Note: text",
     "", "Some text.", "  indented: yes", "- item", "# Heading"]
)  # fmt: skip


@given(st.lists(LINES, max_size=8))
def test_whatever_the_check_accepts_mkdocs_reads_the_same_settings_from(lines):
    text = "\n".join(lines) + "\n"
    ours = our_settings(text)
    if ours is not None:
        assert ours == get_data(text)[1]


def test_settings_without_dashes_are_refused_at_line_1():
    front, problems = split_front_matter("template: redirect.html\n\n# Home\n", "index.md")
    assert front is None
    assert (problems[0].line, problems[0].field) == (1, "")
    assert "would be read as a page setting" in problems[0].message
    assert "---" in problems[0].hint


def test_a_blank_first_line_or_a_heading_is_a_page_without_settings():
    for text in ["\ntitle: not a setting\n", "# Title: a heading\n", "Text.\n"]:
        front, problems = split_front_matter(text, "x.md")
        assert problems == [] and front.yaml is None and front.body_start == 0


def test_the_body_starts_after_the_closing_line():
    text = "---\ntitle: A\n---\n\nBody.\n"
    front, _ = split_front_matter(text, "x.md")
    assert text[front.body_start :] == "\nBody.\n"
    assert split_front_matter("---\ntitle: A\n---", "x.md")[0].body_start == len(
        "---\ntitle: A\n---"
    )


def test_a_page_with_settings_without_dashes_stops_the_build(tmp_path):
    project = make_project("site", tmp_path / "project")
    home = project / "content" / "index.md"
    home.write_text("template: redirect.html\nredirect: https://example.org/\n\nHi.\n")
    build = run_build(project)
    assert build.returncode != 0
    assert "content/index.md:1: (file): 'template: redirect.html' would be read" in build.output
    assert "Traceback" not in build.output
    assert not (project / "site" / "index.html").exists()
