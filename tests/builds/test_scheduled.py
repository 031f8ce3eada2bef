"""Scheduled publishing: a page whose `published` date is after the build's date is left out
of the site, the feeds, the search index and the sitemap, as a draft is; the build on that day
(the daily scheduled deploy) publishes it, and `act report` lists it meanwhile."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import date, timedelta

from support import FIXTURE_BUILD_DATE, make_project, run_build

TODAY = date.fromisoformat(FIXTURE_BUILD_DATE)
TOMORROW = (TODAY + timedelta(days=1)).isoformat()
PAGE = f"""---
title: Check your smoke alarm every month
summary: A smoke alarm that works gives you time to get out.
topics: [planning]
author: {{name: ACT editorial team, role: Editorial team}}
published: {TOMORROW}
review_by: {(TODAY + timedelta(days=300)).isoformat()}
sources: [{{title: GOV.UK, url: "https://www.gov.uk/"}}]
---

Press the test button on each smoke alarm once a month.
"""
SLUG = "check-your-smoke-alarm-every-month"


def indexed_urls(site) -> list[str]:
    """The address of every page in the search index (Pagefind's fragments)."""
    urls = []
    for path in (site / "pagefind" / "fragment").iterdir():
        text = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.append(json.loads(text)["url"])
    return urls


def where_it_appears(site) -> list[str]:
    places = {
        "page": (site / "prepare" / SLUG / "index.html").exists(),
        "feed.xml": SLUG in (site / "feed.xml").read_text(encoding="utf-8"),
        "feed.json": SLUG in (site / "feed.json").read_text(encoding="utf-8"),
        "sitemap": SLUG in (site / "sitemap.xml").read_text(encoding="utf-8"),
        "search": any(SLUG in url for url in indexed_urls(site)),
        "prepare listing": SLUG in (site / "prepare" / "index.html").read_text(encoding="utf-8"),
    }
    return sorted(name for name, found in places.items() if found)


def test_a_page_dated_tomorrow_waits_for_tomorrows_build(tmp_path):
    project = make_project("site", tmp_path / "project")
    (project / "content" / "prepare" / f"{SLUG}.md").write_text(PAGE, encoding="utf-8")

    today = run_build(project)
    assert today.returncode == 0, today.output
    assert where_it_appears(today.site) == []

    report = subprocess.run(
        [sys.executable, "-m", "act.cli", "report"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "ACT_BUILD_DATE": FIXTURE_BUILD_DATE},
    )
    assert "Scheduled to be published" in report.stdout, report.stdout + report.stderr
    assert "Check your smoke alarm" in report.stdout or SLUG in report.stdout

    tomorrow = run_build(project, build_date=TOMORROW)
    assert tomorrow.returncode == 0, tomorrow.output
    assert where_it_appears(tomorrow.site) == [
        "feed.json",
        "feed.xml",
        "page",
        "prepare listing",
        "search",
        "sitemap",
    ]
