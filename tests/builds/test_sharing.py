"""Sharing and crawling: each page's description and card tags, robots.txt and the sitemap."""

from __future__ import annotations

import re
import struct
from html import unescape

SITE = "https://active-citizens-toolkit.netlify.app/"


def meta(html: str, attribute: str, name: str) -> str:
    [value] = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(value)


def test_an_article_is_shared_with_its_own_title_summary_and_the_share_image(fixture_build):
    html = fixture_build.html("prepare/sandbag-basics")
    summary = "How sandbags help keep flood water out of a home."
    assert meta(html, "name", "description") == summary
    assert meta(html, "property", "og:title") == "Sandbag basics"
    assert meta(html, "property", "og:description") == summary
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:url") == SITE + "prepare/sandbag-basics/"
    assert meta(html, "property", "og:image") == SITE + "assets/share.png"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    # X falls back to og:title, og:description and og:image (developer.x.com/cards/markup).
    assert "twitter:title" not in html and 'twitter:image"' not in html


def test_the_share_image_is_a_committed_png_of_the_size_the_tags_say(fixture_build):
    data = (fixture_build.site / "assets" / "share.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    html = fixture_build.html("")
    assert (width, height) == (
        int(meta(html, "property", "og:image:width")),
        int(meta(html, "property", "og:image:height")),
    )
    assert len(data) < 100_000


def test_robots_txt_names_the_sitemap(fixture_build):
    robots = (fixture_build.site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()


def test_sitemap_lastmod_is_when_each_page_last_changed(fixture_build):
    sitemap = (fixture_build.site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates[SITE + "prepare/sandbag-basics/"] == "2026-03-02"  # its `updated` date
    assert dates[SITE + "prepare/keep-warm/"] == "2026-02-01"  # never updated: `published`
    assert dates[SITE + "reserves/rnli-crew/"] == "2026-01-02"
