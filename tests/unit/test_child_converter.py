"""Every second item page's Markdown is converted in a forked child (act/mkdocs/markdown_child.py),
and a page comes out exactly as MkDocs' own Page.render makes it, whatever the child does:
these drive real MkDocs pages in this process; tests/builds/test_markdown_child.py compares
whole builds."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.commands.build import get_navigation
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from act.mkdocs import markdown_child
from act.mkdocs.markdown_child import ChildConverter

PAGES = {
    f"page-{n}.md": f"# Page {n}\n\n## Part {n}\n\nText with *emphasis* and a [link](page-0.md#part-0).\n"
    for n in range(6)
}


def site(folder: Path, pages: dict[str, str]):
    """A plain MkDocs site's config, files and pages, the pages not yet read."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Test\nplugins: []\n", encoding="utf-8")
    config = load_config(str(folder / "mkdocs.yml"))
    files = get_files(config)
    get_navigation(files, config)
    return config, files, [file.page for file in files.documentation_pages()]


def rendered(page: Page) -> tuple:
    toc = [(link.title, link.id, [child.id for child in link.children]) for link in page.toc]
    links = {file.src_uri: found for file, found in (page.links_to_anchors or {}).items()}
    return page.content, toc, page.title, page.present_anchor_ids, links


def expected(folder: Path, pages: dict[str, str]) -> dict[str, tuple]:
    """Each page as MkDocs alone renders it."""
    config, files, found = site(folder, pages)
    for page in found:
        page.read_source(config)
        Page.render(page, config, files)
    return {page.file.src_uri: rendered(page) for page in found}


def populate(converter: ChildConverter, config, files, pages: list[Page], edit=None) -> None:
    """What MkDocs' build does for each page, with the converter's hook in on_pre_page."""
    for page in pages:
        converter.prepare(page)
        page.read_source(config)
        if edit is not None:
            page.markdown = edit(page)
        page.render(config, files)
        assert "render" not in vars(page)  # the page's own attribute is gone after use


def test_pages_converted_in_the_child_are_the_same_as_mkdocs_makes_them(tmp_path):
    want = expected(tmp_path / "alone", PAGES)
    config, files, pages = site(tmp_path / "child", PAGES)
    converter = ChildConverter()
    converter.start(pages, config, files)
    assert converter.handed == {page.file.src_uri for page in pages[1::2]}
    populate(converter, config, files, pages)
    converter.stop()
    assert converter.taken == 3  # every second page came from the child
    assert {page.file.src_uri: rendered(page) for page in pages} == want


def test_a_page_whose_markdown_changed_after_the_child_read_it_is_converted_here(tmp_path):
    changed = {**PAGES, "page-1.md": PAGES["page-1.md"] + "\nAdded by a plugin.\n"}
    want = expected(tmp_path / "alone", changed)
    config, files, pages = site(tmp_path / "child", PAGES)
    converter = ChildConverter()
    converter.start(pages, config, files)
    # The build's own on_page_markdown gives page-1 a line the child never saw.
    populate(
        converter,
        config,
        files,
        pages,
        edit=lambda page: changed[page.file.src_uri],
    )
    converter.stop()
    assert converter.taken == 2
    assert "Added by a plugin." in pages[1].content
    assert {page.file.src_uri: rendered(page) for page in pages} == want


def test_when_the_child_dies_the_build_converts_every_page_itself(tmp_path, monkeypatch):
    want = expected(tmp_path / "alone", PAGES)
    config, files, pages = site(tmp_path / "child", PAGES)
    # Held at its first page, so that it dies before it has sent anything: killed at once
    # instead, it sometimes sent a page or two first, and those are rightly used.
    monkeypatch.setattr(markdown_child, "_convert", lambda *args: time.sleep(3600))
    converter = ChildConverter()
    converter.start(pages, config, files)
    converter._process.kill()
    converter._process.join()
    populate(converter, config, files, pages)
    converter.stop()
    assert converter.taken == 0
    assert {page.file.src_uri: rendered(page) for page in pages} == want


def test_what_mkdocs_logs_while_the_child_converts_is_logged_by_the_build(tmp_path, caplog):
    pages = {**PAGES, "page-1.md": "# One\n\nA [broken link](missing.md).\n"}
    config, files, found = site(tmp_path, pages)
    converter = ChildConverter()
    converter.start(found, config, files)
    with caplog.at_level(logging.INFO):
        populate(converter, config, files, found)
    converter.stop()
    assert converter.taken == 3
    warnings = [r for r in caplog.records if "missing.md" in r.getMessage()]
    assert len(warnings) == 1, caplog.text
    assert warnings[0].levelno == logging.WARNING
    assert warnings[0].name.startswith("mkdocs")


def test_when_the_child_is_stuck_the_build_stops_waiting_and_converts_the_rest(
    tmp_path, monkeypatch
):
    want = expected(tmp_path / "alone", PAGES)
    config, files, pages = site(tmp_path / "child", PAGES)
    # The forked child runs this module as it is at the fork: its every page hangs.
    monkeypatch.setattr(markdown_child, "_convert", lambda *args: time.sleep(3600))
    monkeypatch.setattr(markdown_child, "GIVE_UP_AFTER", 0.5)
    converter = ChildConverter()
    converter.start(pages, config, files)
    populate(converter, config, files, pages)
    assert converter._connection is None  # it gave up on the child after the first wait
    converter.stop()  # and the stuck child is ended
    assert converter.taken == 0
    assert {page.file.src_uri: rendered(page) for page in pages} == want
