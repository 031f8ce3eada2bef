"""The fixture site's build: the manifest and the worker's registration on every page, and
sw.js listing exactly the emergency set (home, plan and keep-warm are flagged `offline: true`)."""

from __future__ import annotations

import gzip
import json
import re

from support import make_project, run_build


def worker_config(site) -> dict:
    source = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const CONFIG = (\{.*?\n\});", source, re.S).group(1))


def test_every_page_links_the_manifest_beside_the_worker(fixture_build):
    pages = [p for p in fixture_build.site.rglob("index.html") if "admin" not in p.parts]
    pages.append(fixture_build.site / "404.html")
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(fixture_build.site)
        assert re.search(r'<link rel="manifest" href="(\.\./|/)*manifest\.webmanifest">', html), (
            where
        )
    # The inline script in <head> registers the sw.js beside the manifest it finds on the page
    # (tests/browser/test_offline.py checks in Chromium that a first visit installs it).
    assert (fixture_build.site / "sw.js").is_file()


def test_the_worker_keeps_the_flagged_pages_get_help_and_the_offline_page(fixture_build):
    config = worker_config(fixture_build.site)
    pages = [url for url in config["precache"] if url == "./" or url.endswith("/")]
    assert {"./", "plan/", "prepare/keep-warm/", "get-help/", "offline/"} <= set(pages)
    assert [url for url in pages if url.startswith("get-help/")] == sorted(
        f"{p.parent.relative_to(fixture_build.site).as_posix()}/"
        for p in (fixture_build.site / "get-help").rglob("index.html")
    )
    assert "prepare/sandbag-basics/" not in pages and "volunteer/" not in pages
    for url in config["precache"]:
        path = fixture_build.site / (url if not url.endswith("/") else url + "index.html")
        assert path.is_file(), url
    assert not [url for url in config["precache"] if url.startswith(("admin/", "search/"))]


def test_the_offline_page_lists_the_set_and_is_not_searchable(fixture_build):
    html = fixture_build.html("offline")
    assert "<h1>You are offline</h1>" in html
    assert '<a href="../prepare/keep-warm/">Keep warm in a power cut</a>' in html
    assert '<a href="../get-help/">Get help</a>' in html
    assert "Search needs a connection" in html
    assert "data-pagefind-body" not in html
    # How long opened pages are kept, as the worker is told (act.offline.emergency_set).
    assert "Each is kept for 30 days after you last opened it" in html
    assert worker_config(fixture_build.site)["keepOpenedDays"] == 30
    # For a search the worker shows the hidden "search" opening and hides the "page" ones.
    assert '<div data-act-offline-for="search" hidden>' in html
    assert html.count('data-act-offline-for="page"') == 2


def test_the_manifest_names_icons_the_build_wrote(fixture_build):
    manifest = json.loads((fixture_build.site / "manifest.webmanifest").read_text())
    for icon in manifest["icons"]:
        assert (fixture_build.site / icon["src"]).is_file(), icon["src"]


SET_BUDGET = 500_000  # bytes, gzip -9: what a first visit fetches in the background for the set


def test_the_editions_emergency_set_stays_under_its_budget(edition_site):
    config = worker_config(edition_site)
    sizes = {}
    for url in config["precache"]:
        path = edition_site / ("index.html" if url == "./" else url)
        path = path / "index.html" if url.endswith("/") and url != "./" else path
        sizes[url] = len(gzip.compress(path.read_bytes(), compresslevel=9))
    pages = [url for url in sizes if url.endswith("/")]
    print(
        f"\nEmergency set, gzip -9: {sum(sizes.values()) / 1000:.0f} kB "
        f"({len(pages)} pages, {len(sizes) - len(pages)} files)"
    )
    assert "prepare/power-cuts/" in pages and "get-help/gas-emergency/" in pages
    assert sum(sizes.values()) < SET_BUDGET


def test_pages_that_push_the_emergency_set_over_its_budget_stop_the_build(tmp_path):
    project = make_project("site", tmp_path / "project")
    article = (project / "content" / "prepare" / "keep-warm.md").read_text(encoding="utf-8")
    # Sixty pages kept offline: about 1 MB for every reader's device to fetch.
    for n in range(60):
        body = "\n\n".join(f"Step {n}-{k}: {k * 7919 % 104729} blankets." for k in range(200))
        text = article.replace("Keep warm in a power cut", f"Keep warm, part {n}") + body
        (project / "content" / "prepare" / f"keep-warm-{n}.md").write_text(text)
    build = run_build(project)
    assert build.returncode != 0
    assert "over its 500 kB budget" in build.output
    named = re.findall(r"content/prepare/(keep-warm-\d+)\.md \(\d+\.\d kB\)", build.output)
    # In the set's order, the last ones: those taken away would bring it within budget.
    assert named and named[-1] == "keep-warm-9" and "keep-warm" not in named
    assert "Traceback" not in build.output
