"""Signing in to the editor on the deployed site: GitHub's sign-in opens a pop-up on another
origin, which answers the editor through window.opener. /admin/ must let it (its own
Cross-Origin-Opener-Policy); the public pages keep theirs."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from support import ROOT
from support_server import headers_for, netlify_header_rules


@pytest.fixture
def other_origin(tmp_path):
    """A page on another origin with no opener policy, like the sign-in provider's."""
    (tmp_path / "callback.html").write_text("<!doctype html><title>Sign in</title>")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/callback.html"
    server.shutdown()


def opener_seen_by_pop_up(chromium, page_url: str, pop_up_url: str) -> bool:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(page_url)
    with page.expect_popup() as opened:
        page.evaluate("url => { window.open(url, 'sign-in'); }", pop_up_url)
    pop_up = opened.value
    pop_up.wait_for_load_state()
    seen = pop_up.evaluate("() => window.opener !== null")
    context.close()
    return seen


def test_the_sign_in_pop_up_can_answer_the_editor(chromium, site_url, other_origin):
    assert opener_seen_by_pop_up(chromium, site_url + "admin/", other_origin)


def test_public_pages_keep_their_opener_policy(chromium, site_url, other_origin):
    assert not opener_seen_by_pop_up(chromium, site_url + "prepare/", other_origin)
    rules = netlify_header_rules(ROOT / "netlify.toml")
    assert headers_for("/prepare/", rules)["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers_for("/", rules)["Cross-Origin-Opener-Policy"] == "same-origin"
    admin = headers_for("/admin/", rules)["Cross-Origin-Opener-Policy"]
    assert admin == "same-origin-allow-popups"
