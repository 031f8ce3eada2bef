"""content/ holds only what the site means to publish: pages and checked images, at addresses
that are not the site's own. The cases a single corpus file cannot hold (tests/fixtures/
bad-content holds the others)."""

from __future__ import annotations

import fnmatch
import shutil
from datetime import date
from pathlib import Path

import pytest
from mkdocs.config import load_config

from act.addresses import RESERVED_FOLDERS, SITE_FILES, site_problems
from act.content.checker import check_content
from act.problems import Problem
from support import FIXTURES, ROOT

DATA = FIXTURES / "site" / "data"
TODAY = date(2026, 6, 1)


IMAGES = {
    "map.png": (FIXTURES / "one-pixel.png").read_bytes(),
    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9",
    "photo.jpeg": b"\xff\xd8\xff\xdb\x00\x43\x00" + bytes(65) + b"\xff\xd9",
    "sign.gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "route.webp": b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00",
}


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the fixture site's content/, which checks clean."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "site" / "content", folder)
    return folder


def errors(content: Path) -> list[Problem]:
    catalogue = check_content(content, DATA, TODAY)
    problems = catalogue.problems + site_problems(catalogue, DATA, content, TODAY)
    return [p for p in problems if p.is_error]


def page(path: Path, body: str = "A page.") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: A page\n---\n\n{body}\n", encoding="utf-8")


def test_images_of_every_allowed_kind_beside_an_article_pass_and_can_be_linked(content):
    for name, data in IMAGES.items():
        (content / "prepare" / name).write_bytes(data)
    article = content / "prepare" / "keep-warm.md"
    links = "".join(f"\n\n![A picture]({name})" for name in IMAGES)
    article.write_text(article.read_text(encoding="utf-8") + links, encoding="utf-8")
    assert errors(content) == []


def test_two_files_that_make_one_address_are_an_error_naming_both(content):
    page(content / "guide.md")
    page(content / "guide" / "index.md")
    found = [str(p) for p in errors(content)]
    assert len(found) == 1
    assert "content/guide/index.md:1: (file): /guide/ would be both " in found[0]
    assert "content/guide.md and " in found[0]


def test_a_page_named_admin_would_replace_the_web_editor(content):
    page(content / "admin.md")
    found = [str(p) for p in errors(content)]
    assert len(found) == 1
    assert (
        "content/admin.md:1: (file): /admin/ is where the build writes the web editor" in (found[0])
    )


def test_a_file_at_an_events_calendar_address_names_the_event(content):
    calendar = content / "events" / "fixture-hack-weekend" / "fixture-hack-weekend.ics"
    calendar.parent.mkdir()
    calendar.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    found = {p.message for p in errors(content)}
    assert (
        "/events/fixture-hack-weekend/fixture-hack-weekend.ics is where the build writes the "
        "calendar of the event 'fixture-hack-weekend': this file would replace it, or be "
        "silently replaced by it"
    ) in found


def test_a_page_in_a_dot_folder_is_not_checked_as_a_page_only_refused(content):
    page(content / ".drafts" / "plan.md", body="<script>alert(1)</script>")
    found = [str(p) for p in errors(content)]
    assert len(found) == 1
    assert "'.drafts' starts with a dot" in found[0]


def theme_static_files(config) -> set[str]:
    """What MkDocs copies from the theme into the site (Files.add_files_from_theme), and the
    theme's static templates, which it renders there."""
    left_out = ["*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*"]
    found = set(config.theme.static_templates)
    for folder in map(Path, config.theme.dirs):
        for path in folder.rglob("*"):
            name = path.relative_to(folder).as_posix()
            if not path.is_file() or any(part.startswith(".") for part in name.split("/")):
                continue
            if not any(fnmatch.fnmatch(name.lower(), pattern) for pattern in left_out):
                found.add(name)
    return found


def test_the_reserved_addresses_cover_every_file_the_theme_publishes(monkeypatch):
    """So `act check` refuses what the build's theme guard (theme_clashes) would: a new static
    file in overrides/ outside assets/ and admin/ must be added to SITE_FILES."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    uncovered = {
        name
        for name in theme_static_files(config)
        if name not in SITE_FILES and not name.startswith(tuple(RESERVED_FOLDERS))
    }
    assert uncovered == set()


def test_an_image_over_the_size_limit_or_with_a_name_unfit_for_an_address_is_refused(content):
    big = IMAGES["map.png"] + bytes(1_000_001)
    (content / "prepare" / "huge-map.png").write_bytes(big)
    (content / "prepare" / 'my "map" <1>.png').write_bytes(IMAGES["map.png"])
    found = {p.path.rsplit("/", 1)[1]: p for p in errors(content)}
    assert "over the 1,000,000-byte limit" in found["huge-map.png"].message
    assert "cannot be used in a web address" in found['my "map" <1>.png'].message
    assert set(found) == {"huge-map.png", 'my "map" <1>.png'}
