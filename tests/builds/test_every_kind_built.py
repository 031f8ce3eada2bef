"""The fixture site holds a page of every kind the registries make (site_pages.py), so the
gates that walk every built page (the Nu Html Checker, the inline-script and CSP check) and
the browser gates that visit one of each see a new type or listing as soon as it exists."""

from __future__ import annotations

from site_pages import registry_pages


def test_the_fixture_build_has_a_page_of_every_type_and_listing(fixture_build):
    pages = registry_pages()
    missing = [
        f"{name}: /{url}"
        for name, url in pages.items()
        if not (fixture_build.site / url / "index.html").is_file()
    ]
    assert missing == [], "add fixture files under tests/fixtures/site/ for: " + ", ".join(missing)
