"""/.well-known/security.txt (RFC 9116): written by the site itself (content/ refuses dotfiles),
with the project's real reporting routes, an expiry under a year away, and its address reserved
so a content file cannot take it (act/publishing/security_txt.py, act/addresses.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from act.addresses import SITE_FILES, reserved_problems
from act.publishing.security_txt import NoSecurityContact, security_txt
from act.publishing.site import Site
from support import FIXTURE_BUILD_DATE

SITE = Site("ACT", "https://example.org/act/", "", date(2026, 12, 5))


def fields(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        name, _, value = line.partition(": ")
        pairs.append((name, value))
    return pairs


def test_the_built_site_has_a_security_txt_with_every_field_rfc_9116_asks_for(fixture_build):
    text = (fixture_build.site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    found = fields(text)
    names = [name for name, _value in found]
    value = dict(found)

    assert names.count("Expires") == 1 and names.count("Canonical") == 1
    assert [v for n, v in found if n == "Contact"] == [
        "https://github.com/active-citizens-toolkit/act/security/advisories/new",
        "https://active-citizens-toolkit.netlify.app/report-a-problem/",
    ]
    assert (
        value["Canonical"] == "https://active-citizens-toolkit.netlify.app/.well-known/security.txt"
    )
    assert value["Preferred-Languages"] == "en"
    expires = datetime.fromisoformat(value["Expires"].replace("Z", "+00:00")).date()
    built = date.fromisoformat(FIXTURE_BUILD_DATE)
    assert built < expires < built + timedelta(days=365)
    assert (fixture_build.site / "report-a-problem" / "index.html").exists()


def test_a_site_without_a_report_page_names_only_the_repository():
    text = security_txt(SITE, "owner/name", has_report_page=False)

    assert [v for n, v in fields(text) if n == "Contact"] == [
        "https://github.com/owner/name/security/advisories/new"
    ]
    assert "Canonical: https://example.org/act/.well-known/security.txt" in text


def test_no_contact_at_all_is_an_error_saying_what_to_set():
    with pytest.raises(NoSecurityContact, match="extra.repository"):
        security_txt(SITE, "", has_report_page=False)


def test_a_content_file_at_its_address_is_refused_naming_what_it_would_replace():
    problems = reserved_problems(
        [(".well-known/security.txt", "content/.well-known/security.txt")], dict(SITE_FILES)
    )

    messages = [problem.message for problem in problems]
    assert any("security.txt, where to report a security problem" in m for m in messages)
    assert any(m.startswith("/.well-known/ is where the build writes") for m in messages)
