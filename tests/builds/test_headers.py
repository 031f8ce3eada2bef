"""netlify.toml's headers: values a server can send as they are, and served as declared."""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.request

import pytest

from support import ROOT
from support_server import netlify_header_rules, serve

NETLIFY_TOML = ROOT / "netlify.toml"
POLICY_COMMENT = "The policy, one directive a line:"
EDITOR_POLICY_COMMENT = "The editor's policy, one directive a line:"
PUBLIC_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' 'sha256-UB5HU6agGW+eR4jclVTk1FNDV60jOcbX12QnHQTunnc='; "
    "style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "manifest-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
)


def served_headers(base_url: str, path: str):
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return response.headers


def readable_policy(netlify_toml_text: str, marker: str = POLICY_COMMENT) -> str:
    """The Content-Security-Policy as written in the comment above it, joined into one line."""
    lines = netlify_toml_text.splitlines()
    start = next(i for i, line in enumerate(lines) if marker in line) + 1
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


def test_the_service_worker_is_served_no_cache_and_the_policy_allows_it_and_the_manifest(
    fixture_build,
):
    with serve(fixture_build.site, NETLIFY_TOML) as base_url:
        worker = served_headers(base_url, "sw.js")
        page = served_headers(base_url, "")
    assert worker["Cache-Control"] == "no-cache"  # an old worker would keep an old set
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    directives = dict(d.split(" ", 1) for d in PUBLIC_POLICY.split("; ") if " " in d)
    assert directives["worker-src"].split()[0] == "'self'"
    assert directives["manifest-src"] == "'self'"


def test_the_editor_has_its_own_policy_matching_its_readable_copy_and_public_pages_keep_theirs():
    rules = dict(netlify_header_rules(NETLIFY_TOML))
    text = NETLIFY_TOML.read_text(encoding="utf-8")
    editor = rules["/admin/*"]["Content-Security-Policy"]
    assert editor == readable_policy(text, EDITOR_POLICY_COMMENT)
    assert rules["/*"]["Content-Security-Policy"] == PUBLIC_POLICY
    # What Decap needs, and nothing that would let the editor load code from elsewhere.
    directives = dict(d.split(" ", 1) for d in editor.split("; "))
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert directives["connect-src"] == "'self' https://api.github.com"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_the_editor_is_served_with_its_policy_and_never_indexed(edition_site):
    rules = dict(netlify_header_rules(NETLIFY_TOML))
    with serve(edition_site, NETLIFY_TOML) as base_url:
        admin = served_headers(base_url, "admin/")
        public = served_headers(base_url, "prepare/")
    assert admin["Content-Security-Policy"] == rules["/admin/*"]["Content-Security-Policy"]
    assert admin["X-Robots-Tag"] == "noindex, nofollow"
    assert public["Content-Security-Policy"] == PUBLIC_POLICY
    assert public["X-Robots-Tag"] is None
    page = (edition_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_the_only_inline_script_on_any_page_is_the_one_the_policy_allows_by_its_hash(
    fixture_build,
):
    policy = dict(netlify_header_rules(NETLIFY_TOML))["/*"]["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    allowed = set(re.findall(r"'sha256-([^']+)'", script_src))
    inline = set()
    pages = sorted(fixture_build.site.rglob("*.html"))
    for page in pages:
        if "admin" in page.relative_to(fixture_build.site).parts:
            continue  # the editor has its own policy (above)
        html = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S):
            attributes, text = script
            if re.search(r'type="application/(ld\+)?json"', attributes):
                continue  # data (Material's config, JSON-LD), not code: never run
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            inline.add(digest)
    assert len(pages) > 20
    # Exactly one inline script, on every page, and the policy allows it and nothing else.
    assert inline == allowed, (
        "netlify.toml's script-src must allow exactly the inline script in "
        f"overrides/partials/javascripts/base.html: its hash is now {sorted(inline)}, "
        f"the policy allows {sorted(allowed)}"
    )
