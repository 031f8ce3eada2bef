"""The Pagefind index of the fixture site: built once, holding exactly the pages meant for it."""

from __future__ import annotations

import json
import re

from act.search.indexer import indexed_page_count


def marked_pages(site) -> set[str]:
    return {
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }


def test_index_exists_and_counts_exactly_the_marked_pages(fixture_build):
    bundle = fixture_build.site / "pagefind"
    assert (bundle / "pagefind.js").exists()
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["version"] == "1.5.2"
    assert indexed_page_count(bundle) == len(marked_pages(fixture_build.site))


def test_the_pages_meant_for_search_are_marked_and_listings_are_not(fixture_build):
    marked = marked_pages(fixture_build.site)
    assert {
        "prepare/sandbag-basics",
        "volunteer/open-responder",
        "reserves/rnli-crew",
        "projects/beta-finder",
        "programmes",
        "about",
    } <= marked
    assert not marked & {
        ".",
        "prepare",
        "volunteer",
        "reserves",
        "topics/flooding",
        "search",
        "open-data",
        "projects",
    }


def test_a_closed_opportunity_is_not_indexed(fixture_build):
    # (tests/browser/test_search.py also searches for it and finds nothing)
    assert "volunteer/closed-winter-helper" not in marked_pages(fixture_build.site)


def test_pages_carry_filters_and_metadata_but_no_sort_key(fixture_build):
    html = fixture_build.html("prepare/sandbag-basics")
    assert re.findall(r'data-pagefind-filter="([^"]+)"', html) == ["type:article", "topic:Flooding"]
    assert 'data-pagefind-meta="date:2026-03-02"' in html
    # The search page never sorts; a sort key would put every page's order in the
    # metadata file that each first query fetches.
    assert "data-pagefind-sort" not in html


def test_the_build_logs_which_binary_indexed_how_many_pages(tmp_path):
    from support import make_project, run_build

    project = make_project("site", tmp_path / "project")
    build = run_build(project, quiet=False)
    assert re.search(r"Pagefind \(.*pagefind_bin/pagefind\) indexed \d+ pages", build.output)


def test_the_search_page_is_given_its_filters_from_python(fixture_build):
    from act.search.facets import FILTERS

    search = fixture_build.html("search")
    written = re.search(r'data-filters="([^"]+)"', search)[1].replace("&#34;", '"')
    assert json.loads(written) == [list(pair) for pair in FILTERS.items()]
    script = (fixture_build.site / "assets/javascripts/act-search.js").read_text(encoding="utf-8")
    assert '"Where"' not in script  # the names are not copied into the script


def fragment_for(bundle, url: str) -> dict:
    import gzip

    for path in (bundle / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        if fragment["url"] == url:
            return fragment
    raise AssertionError(f"no fragment for {url}")


def test_the_byline_dates_review_status_and_changes_are_not_indexed(fixture_build):
    # The same words on every entry: they would match any search for "review" or "emergency
    # services", and fill the fragment every result fetches.
    bundle = fixture_build.site / "pagefind"
    article = fragment_for(bundle, "/prepare/sandbag-basics/")
    assert "Sandbag basics" in article["content"]  # the article itself is indexed...
    byline = ("Editorial team", "Published", "Next review due", "Awaiting expert review")
    for chrome in (*byline, "Added a section on disposal"):  # the last, a change note
        assert chrome not in article["content"]  # ...its byline, status and changes are not
    guide = fragment_for(bundle, "/reserves/special-constable/")
    assert "Specials patrol with regular officers" in guide["content"]
    assert "Next review due" not in guide["content"]
    page = fixture_build.html("prepare/sandbag-basics")
    assert "Next review due" in page and "Editorial team" in page  # still shown to readers


def test_the_files_every_first_search_fetches_are_smaller_than_pagefind_writes_them(
    fixture_build, tmp_path
):
    import gzip
    import shutil

    import zopfli.gzip

    from act.search.indexer import index_site
    from act.search.recompress import ITERATIONS

    # Pagefind's own files for the same pages: a directory-level run over a copy of the site.
    copy = tmp_path / "copy"
    shutil.copytree(fixture_build.site, copy, ignore=shutil.ignore_patterns("pagefind"))
    index_site(copy)
    ours, theirs = fixture_build.site / "pagefind", copy / "pagefind"

    def meta(bundle):
        (found,) = bundle.glob("pagefind.en_*.pf_meta")
        return found.read_bytes()

    wasm, pagefinds_wasm = (b / "wasm.en.pagefind" for b in (ours, theirs))
    assert gzip.decompress(wasm.read_bytes()) == gzip.decompress(pagefinds_wasm.read_bytes())
    assert wasm.stat().st_size < pagefinds_wasm.stat().st_size
    # The metadata names filter files, whose names differ between any two runs: so not the
    # same bytes as the copy's, but Zopfli's gzip of what Pagefind wrote.
    content = gzip.decompress(meta(ours))
    assert content.startswith(b"pagefind_dcd") and len(content) == len(
        gzip.decompress(meta(theirs))
    )
    assert meta(ours) == zopfli.gzip.compress(content, numiterations=ITERATIONS)


def test_a_stopped_index_run_ends_at_once_without_writing_an_index(fixture_build, tmp_path):
    """`mkdocs serve` stops its background re-index on Ctrl+C rather than wait for it."""
    import shutil
    import threading

    import pytest

    from act.search.indexer import SearchIndexError, index_site

    copy = tmp_path / "copy"
    shutil.copytree(fixture_build.site, copy, ignore=shutil.ignore_patterns("pagefind"))
    stop = threading.Event()
    stop.set()
    with pytest.raises(SearchIndexError, match="stopped before it finished"):
        index_site(copy, low_priority=True, stop=stop)
    assert not (copy / "pagefind" / "pagefind-entry.json").exists()
    index_site(copy)  # and an ordinary run still writes it
    assert (copy / "pagefind" / "pagefind-entry.json").exists()
