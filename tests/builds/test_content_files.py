"""Only pages and checked images leave content/, built with the real `mkdocs build --strict`:
a page and its script, or a file at the address of one of the site's own, stop the build; a
picture beside an article is published; nothing else of content/ reaches site/."""

from __future__ import annotations

from datetime import date

import pytest

from act.addresses import RESERVED_FOLDERS, site_files
from act.check import check_site
from act.listings.feeds import ATOM_PATH, JSON_FEED_PATH
from support import FIXTURE_BUILD_DATE, FIXTURES, make_project, run_build

PNG = (FIXTURES / "one-pixel.png").read_bytes()  # a real PNG of one pixel

HOSTILE = {
    "prepare/plan.html": '<!doctype html><script src="plan.js"></script>\n',
    "prepare/plan.js": 'navigator.serviceWorker.register("/prepare/plan.js", {scope: "/"});\n',
    "assets/javascripts/act-exit.js": 'document.querySelector(".act-exit").remove();\n',
    "admin/index.md": "---\ntitle: Not the editor\n---\n\nHello.\n",
    "sw.js": 'self.addEventListener("fetch", () => {});\n',
    "_redirects": "/*  https://evil.example/:splat  200!\n",
}


def test_a_page_and_its_script_under_content_stop_the_build(tmp_path):
    project = make_project("site", tmp_path / "project")
    for name, text in HOSTILE.items():
        (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / name).write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    for line in (
        "content/prepare/plan.html:1: (file): 'plan.html' is not a page or an image: it would "
        "be published as a web page of its own",
        "content/prepare/plan.js:1: (file): 'plan.js' is not a page or an image: it would be "
        "published as a script of the site",
        "content/assets/javascripts/act-exit.js:1: (file): /assets/ is where the build writes "
        "the site's own scripts",
        "content/admin/index.md:1: (file): /admin/ is where the build writes the web editor",
        "content/sw.js:1: (file): /sw.js is where the build writes the site's service worker",
        "content/_redirects:1: (file): '_redirects' is not a page or an image: Netlify would "
        "obey it as redirect and proxy rules",
    ):
        assert line in build.output
    assert not (project / "site" / "prepare" / "plan.js").exists()


def test_a_content_file_at_a_theme_file_the_tables_do_not_name_stops_the_build(tmp_path):
    """The build's guard (addresses.theme_clashes): MkDocs would publish the content file in
    place of the theme's, and RESERVED_FOLDERS and SITE_FILES do not know this one."""
    project = make_project("site", tmp_path / "project")
    (project / "overrides" / "banners").mkdir()
    (project / "overrides" / "banners" / "flood.png").write_bytes(PNG)
    (project / "content" / "banners").mkdir()
    (project / "content" / "banners" / "flood.png").write_bytes(PNG + b"not the theme's")
    build = run_build(project)
    assert build.returncode != 0
    assert (
        "content/banners/flood.png:1: (file): /banners/flood.png is one of the theme's own "
        "files (overrides/banners/flood.png): this file would replace it"
    ) in build.output
    assert "Traceback" not in build.output


@pytest.fixture(scope="module")
def with_a_picture(tmp_path_factory):
    project = make_project("site", tmp_path_factory.mktemp("picture") / "project")
    (project / "content" / "prepare" / "radiator.png").write_bytes(PNG)
    article = project / "content" / "prepare" / "keep-warm.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n\n![A radiator valve](radiator.png)\n", encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


def test_a_picture_beside_an_article_is_published_and_its_link_works(with_a_picture):
    assert (with_a_picture.site / "prepare" / "radiator.png").read_bytes() == PNG
    html = with_a_picture.html("prepare/keep-warm")
    assert '<img alt="A radiator valve" src="../radiator.png"' in html


def test_nothing_from_content_but_pages_and_checked_images_reaches_the_site(with_a_picture):
    """Every file of site/ that is not a page is one the build makes (its reserved folders,
    its own files, feeds, calendars) or a checked image of content/."""
    project = with_a_picture.project
    catalogue, _ = check_site(
        project / "content", project / "data", date.fromisoformat(FIXTURE_BUILD_DATE)
    )
    made = set(site_files(catalogue)) | {ATOM_PATH, JSON_FEED_PATH}
    images = {
        path.relative_to(project / "content").as_posix()
        for path in (project / "content").rglob("*")
        if path.is_file() and path.suffix != ".md"
    }
    assert images == {"prepare/radiator.png"}
    others = {
        path.relative_to(with_a_picture.site).as_posix()
        for path in with_a_picture.site.rglob("*")
        if path.is_file() and path.name != "index.html"
    }
    others -= made
    others = {name for name in others if not name.startswith(tuple(RESERVED_FOLDERS))}
    assert others == images
