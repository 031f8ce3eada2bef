"""Pages the site makes from data are built from values, never from text parsed again: a value
that holds a line of three dashes, YAML's `...`, raw HTML or Markdown reaches the page only as
the text it is, and cannot end the page's settings or change its template."""

from __future__ import annotations

import re

import pytest
import yaml

from support import make_project, run_build

# A line that would end front matter, one YAML would end a document with, and what would
# follow if it did: settings, a script, a redirect, and Markdown that makes a link.
BREAKOUT = (
    "Who this helps.\n---\ntemplate: redirect.html\nsensitive: false\n"
    "<script>alert('act')</script>\n"
    '<meta http-equiv="refresh" content="0; url=https://example.org/">\n'
    "...\n\n[Click here](javascript:alert('act'))\n\n# A heading"
)


def _replace(path, key: str, record_id: str, value: str | bool) -> None:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in records:
        if record["id"] == record_id:
            record[key] = value
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project("site", tmp_path_factory.mktemp("breakout") / "project")
    data = project / "data"
    _replace(data / "referrals.yml", "who_it_helps", "domestic-abuse", BREAKOUT)
    _replace(data / "referrals.yml", "sensitive", "domestic-abuse", True)
    _replace(data / "topics.yml", "description", "flooding", BREAKOUT)
    _replace(data / "showcase.yml", "what_it_does", "alpha-recorder", BREAKOUT)
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


PAGES = ["get-help/domestic-abuse", "topics/flooding", "projects/alpha-recorder"]


@pytest.mark.parametrize("url", PAGES)
def test_a_value_cannot_end_a_generated_page_s_settings(site, url):
    html = site.html(url)
    assert "<script>alert" not in html
    assert 'http-equiv="refresh"' not in html
    assert not re.search(r"href=[\"']?javascript", html)
    assert "<h1>A heading" not in html and 'id="a-heading"' not in html
    # The value is on the page, as the text it is.
    assert "&lt;script&gt;alert(" in html and "[Click here](javascript" in html


def test_a_sensitive_need_keeps_its_exit_button_and_title(site):
    html = site.html("get-help/domestic-abuse")
    assert "data-act-exit-button" in html
    assert re.search(r"<title>Domestic abuse - ", html)
    # Its summary (the need's "who it helps") is the description, escaped, never settings.
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1]
    assert description.startswith("Who this helps.") and "&lt;script&gt;" in description
