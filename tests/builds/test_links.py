"""Every internal link and asset in a built site resolves, fragment included, also when the site
is served under a path (site_url https://host/act/); external links are https. A broken link
fails with the page and the link."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from support import make_project, run_build

LINKING = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}
HOST = "http://site.invalid"


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
    candidate = site / unquote(path)
    return candidate / "index.html" if path.endswith("/") or candidate.is_dir() else candidate


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every link that does not resolve when `site` is served at `base_path` ('/act/')."""
    base = HOST + base_path
    problems: list[str] = []
    ids_cache: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        page_url = urljoin(base, page.relative_to(site).as_posix())
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
            if not resolved.geturl().startswith(base):
                problems.append(f"{shown} (points outside the site)")
                continue
            target = target_file(site, resolved.path.removeprefix(base_path))
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


def test_a_link_above_the_root_breaks_under_a_base_path(tmp_path):
    (tmp_path / "index.html").write_text('<a href="../b/">b</a><a href="/act/b/">b</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a href="/b/">root</a><a href="../">home</a>')
    assert broken_links(tmp_path) == ["index.html: /act/b/ (no file act/b/index.html)"]
    assert broken_links(tmp_path, "/act/") == [
        "b/index.html: /b/ (points outside the site)",
        "index.html: ../b/ (points outside the site)",
    ]


def test_fixture_site_has_no_broken_links(fixture_build):
    assert broken_links(fixture_build.site) == []


def test_the_edition_has_no_broken_links(edition_site):
    assert broken_links(edition_site) == []


def test_fixture_site_under_a_base_path_has_no_broken_links(tmp_path):
    project = make_project("site", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "site_url: https://active-citizens-toolkit.netlify.app/",
            "site_url: https://example.org/act/",
        )
    )
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert 'href="/act/about/"' in (build.site / "404.html").read_text()
    assert broken_links(build.site, "/act/") == []
