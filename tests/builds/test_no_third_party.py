"""No built page asks another host for anything: scripts, styles, images, fonts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ASSET_REFERENCES = [
    re.compile(r"<script\b[^>]*\bsrc=[\"']([^\"']+)", re.I),
    # rel=canonical names this page's own public address; it is never fetched.
    re.compile(r"<link\b(?![^>]*rel=[\"']?canonical)[^>]*\bhref=[\"']([^\"']+)", re.I),
    re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)", re.I),
    re.compile(r"<(?:iframe|source|video|audio)\b[^>]*\bsrc=[\"']([^\"']+)", re.I),
    re.compile(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", re.I),
    re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')]+)", re.I),
]


def third_party_references(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".css"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in ASSET_REFERENCES:
            for url in pattern.findall(text):
                if re.match(r"^(?:[a-z]+:)?//", url, re.I):
                    found.append(f"{path.relative_to(site)}: {url}")
    return found


def test_detector_catches_a_third_party_script(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link href="//fonts.example.com/a.css" rel=stylesheet>'
    )
    assert len(third_party_references(tmp_path)) == 2


def test_fixture_site_references_no_other_host(fixture_build):
    assert third_party_references(fixture_build.site) == []


@pytest.mark.parametrize("page", ["", "prepare/sandbag-basics", "volunteer/open-responder"])
def test_pages_link_only_local_assets(fixture_build, page):
    html = fixture_build.html(page)
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
