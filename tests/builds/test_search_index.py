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
