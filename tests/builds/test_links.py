"""Every internal link and asset in a built site resolves, fragment included; external links
are https. A broken link fails with the page and the link."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

LINKING = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}
BASE = "http://site.invalid/"


class PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        attribute = LINKING.get(tag)
        if attribute and attrs.get(attribute) is not None and attrs.get("rel") != "canonical":
            self.links.append(attrs[attribute])


def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def target_file(site: Path, path: str) -> Path:
    candidate = site / unquote(path).lstrip("/")
    return candidate / "index.html" if path.endswith("/") or candidate.is_dir() else candidate


def broken_links(site: Path) -> list[str]:
    problems: list[str] = []
    ids_cache: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        page_url = urljoin(BASE, page.relative_to(site).as_posix())
        parsed_page = parse(page)
        ids_cache[page] = parsed_page.ids
        for link in parsed_page.links:
            shown = f"{page.relative_to(site)}: {link}"
            scheme = urlparse(link).scheme
            if scheme in ("mailto", "tel", "sms", "data"):
                continue
            if scheme == "http" or scheme not in ("", "https"):
                problems.append(f"{shown} (external links must be https)")
                continue
            if scheme == "https" or link.startswith("//"):
                continue
            resolved = urlparse(urljoin(page_url, link))
            if resolved.path == "" or not resolved.geturl().startswith(BASE):
                problems.append(f"{shown} (points outside the site)")
                continue
            target = target_file(site, resolved.path)
            if not target.exists():
                problems.append(f"{shown} (no file {target.relative_to(site)})")
                continue
            if resolved.fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = parse(target).ids
                if unquote(resolved.fragment) not in ids_cache[target]:
                    problems.append(f"{shown} (no id '{resolved.fragment}' in that page)")
    return problems


def test_checker_reports_a_broken_link_with_page_and_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/">b</a><a href="../a/#top">top</a><img src="missing.png">'
        '<a href="http://example.org/">insecure</a><a id="here" href="#here">self</a>'
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text("<p>b</p>")
    assert broken_links(tmp_path) == [
        "a/index.html: ../a/#top (no id 'top' in that page)",
        "a/index.html: missing.png (no file a/missing.png)",
        "a/index.html: http://example.org/ (external links must be https)",
    ]


def test_fixture_site_has_no_broken_links(fixture_build):
    assert broken_links(fixture_build.site) == []


def test_the_edition_has_no_broken_links(edition_site):
    assert broken_links(edition_site) == []
