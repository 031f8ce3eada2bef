"""The no-account channels: Netlify Forms as plain HTML on the built edition, each with a
honeypot, a thank-you page that exists, and a plain statement of what happens to what is sent."""

from __future__ import annotations

import re

import pytest

FORMS = {"report-a-problem": "page", "suggest-an-opportunity": "role"}


@pytest.mark.parametrize("name", FORMS)
def test_form_is_a_plain_netlify_form_with_a_honeypot(edition_site, name):
    html = (edition_site / name / "index.html").read_text(encoding="utf-8")
    form = re.search(rf'<form name="{name}"[^>]*>', html).group()
    assert 'data-netlify="true"' in form and 'method="POST"' in form
    # data-netlify-honeypot: the valid-HTML spelling of Netlify's netlify-honeypot attribute.
    assert 'data-netlify-honeypot="bot-field"' in form and 'name="bot-field"' in html
    assert f'<input type="hidden" name="form-name" value="{name}">' in html
    assert f'name="{FORMS[name]}"' in html
    # Relative to the page, so it works wherever the site is published.
    action = re.search(r'action="([^"]*)"', form).group(1)
    assert not action.startswith("/")
    assert (edition_site / name / action / "index.html").resolve().is_file()


@pytest.mark.parametrize("name", FORMS)
def test_form_page_says_what_happens_to_what_is_sent(edition_site, name):
    html = (edition_site / name / "index.html").read_text(encoding="utf-8")
    assert "What happens to what you send" in html
    assert "We do not publish what you send" in html
    assert "optional" in html


def test_every_entry_page_links_to_the_report_form(edition_site):
    html = (edition_site / "prepare" / "grab-bag" / "index.html").read_text(encoding="utf-8")
    assert 'class="act-footer__form" href="../../report-a-problem/?page=' in html
