"""netlify.toml's headers: values a server can send as they are, and served as declared."""

from __future__ import annotations

import urllib.request

import pytest

from support import ROOT
from support_server import netlify_header_rules, serve

NETLIFY_TOML = ROOT / "netlify.toml"
POLICY_COMMENT = "The policy, one directive a line:"


def served_headers(base_url: str, path: str):
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return response.headers


def readable_policy(netlify_toml_text: str) -> str:
    """The Content-Security-Policy as written in the comment above it, joined into one line."""
    lines = netlify_toml_text.splitlines()
    start = next(i for i, line in enumerate(lines) if POLICY_COMMENT in line) + 1
    comment = []
    for line in lines[start:]:
        if not line.startswith("#   "):
            break
        comment.append(line.removeprefix("#").strip())
    return " ".join(comment)


def test_a_header_value_with_a_line_break_is_refused(tmp_path):
    toml = tmp_path / "netlify.toml"
    toml.write_text(
        '[[headers]]\n  for = "/*"\n  [headers.values]\n'
        '    Content-Security-Policy = """\n      default-src \'self\';\n      img-src \'self\'"""\n'
    )
    with pytest.raises(ValueError, match="header 'Content-Security-Policy' for '/\\*'"):
        netlify_header_rules(toml)


def test_every_header_value_is_one_line_and_the_policy_matches_its_readable_copy():
    rules = netlify_header_rules(NETLIFY_TOML)
    policy = dict(rules)["/*"]["Content-Security-Policy"]
    assert policy == readable_policy(NETLIFY_TOML.read_text(encoding="utf-8"))
    assert policy.startswith("default-src 'self'; ") and "frame-ancestors 'none'" in policy


def test_open_data_and_feeds_can_be_read_from_any_origin_and_pages_cannot(fixture_build):
    shared = [
        "data/opportunities.json",
        "data/opportunities.schema.json",
        "data/openreferral/services.json",
        "feed.xml",
        "feed.json",
    ]
    with serve(fixture_build.site, NETLIFY_TOML) as base_url:
        for path in shared:
            assert served_headers(base_url, path)["Access-Control-Allow-Origin"] == "*", path
        page = served_headers(base_url, "prepare/sandbag-basics/")
    assert page["Access-Control-Allow-Origin"] is None
    assert (
        page["Content-Security-Policy"]
        == dict(netlify_header_rules(NETLIFY_TOML))["/*"]["Content-Security-Policy"]
    )
