"""An injection probe in every text field of every content type and data file, built with the
real `mkdocs build --strict`: it must reach every output only as text, never as markup.

The fields are found by walking the schemas, so a new field or data file is probed too.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from act.areas.data import AREA
from act.charities.referrals import NEED
from act.charities.snapshot import SNAPSHOT
from act.collections import COLLECTIONS
from act.content.checker import entry_type
from act.numbers import SERVICE
from act.schema import ListOf, Record, Text, Url
from act.taxonomies import REGION, TOPIC
from support import FIXTURES, make_project, run_build

PROBE = "\"'><act-probe data-probe=1>&amp;</script><script>alert(1)</script>"
URL_PROBE = "https://example.org/?q='act-probe'&x=1"  # what a URL may hold (see test_urls...)
DATA_FILES = {
    "topics.yml": TOPIC,
    "regions.yml": REGION,
    "referrals.yml": NEED,
    "numbers.yml": SERVICE,
    "areas.yml": AREA,
    **{f"{name}.yml": schema for name, schema in COLLECTIONS.items()},
}


def inject(value, kind):
    """`value` with the probe added to every Text and Url the schema `kind` describes."""
    if isinstance(kind, Record) and isinstance(value, dict):
        fields = {f.name: f.kind for f in kind.fields}
        return {k: inject(v, fields[k]) if k in fields else v for k, v in value.items()}
    if isinstance(kind, ListOf) and isinstance(value, list):
        return [inject(item, kind.item) for item in value]
    if type(kind) is Text and isinstance(value, str):
        return value + PROBE
    if type(kind) is Url and isinstance(value, str) and value.startswith("https://"):
        return URL_PROBE
    return value


def probe_front_matter(path: Path, src_uri: str) -> None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return
    _, front, body = text.split("---", 2)
    data = inject(yaml.safe_load(front), entry_type(src_uri).schema)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---" + body)


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    project = make_project("site", tmp_path_factory.mktemp("probe") / "project")
    content = project / "content"
    for path in sorted(content.rglob("*.md")):
        probe_front_matter(path, path.relative_to(content).as_posix())
    data = project / "data"
    for name, schema in DATA_FILES.items():
        records = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        (data / name).write_text(yaml.safe_dump([inject(r, schema) for r in records]))
    snapshot = data / "charities" / "snapshot.json"
    value = inject(json.loads(snapshot.read_text(encoding="utf-8")), SNAPSHOT)
    snapshot.write_text(json.dumps(value, indent=1), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build.site


class _Markup(HTMLParser):
    """Elements and attributes the probe would make if it were not escaped."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "act-probe" or any(name == "data-probe" for name, _ in attrs):
            self.live.append(f"<{tag} {attrs}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def live_markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def test_probe_is_text_in_every_page_head_included(probed):
    pages = sorted(probed.rglob("*.html"))
    escaped_in = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = live_markup(html)
        assert not found.live, f"{page.relative_to(probed)}: {found.live}"
        assert "alert(1)" not in [s.strip() for s in found.scripts], page.relative_to(probed)
        if "&lt;act-probe" in html:
            escaped_in.append(page.relative_to(probed).as_posix())
    # The probe did get in (so the test cannot pass by losing it): titles, head, bodies.
    assert "prepare/sandbag-basics/index.html" in escaped_in
    assert len(escaped_in) > len(pages) // 2


def test_probe_is_escaped_in_head_and_title(probed):
    html = (probed / "prepare/sandbag-basics/index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert re.search(r"<title>[^<]*&lt;act-probe[^<]*</title>", head)
    assert re.search(r'<meta name="description" content="[^"<>]*&lt;act-probe', head)
    author = re.search(r'<meta name="author" content="([^"]*)"', head)[1]
    assert "{" not in author and "&lt;act-probe" in author  # the name, not a dict


def test_json_ld_blocks_parse_and_cannot_close_their_script(probed):
    for page in probed.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "</" not in block and "<act-probe" not in block
            json.loads(block)


def test_feeds_carry_the_probe_as_text(probed):
    atom = ET.parse(probed / "feed.xml").getroot()  # well-formed XML, or this raises
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [t.text or "" for t in atom.iterfind("a:entry/a:title", ns)]
    assert any("<act-probe" in t for t in titles)
    for content in atom.iterfind("a:entry/a:content", ns):
        assert not live_markup(content.text or "").live
    feed = json.loads((probed / "feed.json").read_text(encoding="utf-8"))
    assert any("<act-probe" in item["title"] for item in feed["items"])
    for item in feed["items"]:
        assert not live_markup(item.get("content_html", "")).live


def test_open_data_keeps_the_probe_as_data(probed):
    found = 0
    for path in (probed / "data").rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        found += PROBE[:12] in json.loads(json.dumps(json.loads(text)))  # a real string
        found += "<act-probe" in text
    assert found


def test_search_index_holds_the_probe_only_as_text(probed):
    fragments = list((probed / "pagefind" / "fragment").glob("*.pf_fragment"))
    texts = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in fragments]
    with_probe = [t for t in texts if "act-probe" in t]
    assert with_probe, "the probed pages are in the index"
    for text in with_probe:
        record = json.dumps(json.loads(text[text.index("{") :]), ensure_ascii=False)
        # The text as written (the results page shows it with textContent), never escaped
        # twice, which would show readers '&lt;'.
        assert PROBE[:24] in record and "&lt;act-probe" not in record


def test_every_data_file_of_the_fixture_is_probed():
    assert {p.name for p in (FIXTURES / "site" / "data").glob("*.yml")} == set(DATA_FILES)


def test_raw_html_in_a_body_is_refused_with_its_line(tmp_path):
    project = make_project("site", tmp_path / "project")
    page = project / "content" / "about.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", 'Click <a href="#" onclick="steal()">here</a>.', "", "<script>x()</script>"]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0
    assert f"content/about.md:{len(lines) - 2}: body: the HTML attribute onclick=" in build.output
    assert f"content/about.md:{len(lines)}: body: the HTML element <script>" in build.output
    assert "Traceback" not in build.output
    shutil.rmtree(project / "site", ignore_errors=True)
