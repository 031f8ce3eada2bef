"""The README stays a newcomer's page: short, with the two set-up commands up front, and every
link in it and in docs/ leads to a file that exists (the long notebooks live in docs/)."""

from __future__ import annotations

import re
from pathlib import Path

from support import ROOT

README = ROOT / "README.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_the_readme_is_under_350_lines():
    lines = README.read_text(encoding="utf-8").splitlines()

    assert len(lines) < 350, f"README.md has {len(lines)} lines: move detail into docs/"


def test_the_two_set_up_commands_come_first():
    text = README.read_text(encoding="utf-8")
    first_block = text[text.index("```sh") : text.index("```", text.index("```sh") + 5)]

    assert "make site" in first_block and "make test" in first_block


def relative_links(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    links = [link.split("#")[0] for link in LINK.findall(text)]
    return [link for link in links if link and not re.match(r"[a-z]+:", link)]


def test_every_relative_link_in_the_readme_and_docs_leads_to_a_file():
    pages = [
        README,
        ROOT / "CONTRIBUTING.md",
        ROOT / "SECURITY.md",
        *sorted((ROOT / "docs").glob("*.md")),
    ]
    broken = [
        f"{page.relative_to(ROOT)}: {link}"
        for page in pages
        for link in relative_links(page)
        if not (page.parent / link).exists()
    ]

    assert not broken, "links to files that do not exist:\n" + "\n".join(broken)
