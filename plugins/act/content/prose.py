"""Warnings about what a page says: a phone number readers cannot tap, and an action that points
at GOV.UK without a link to where it is done."""

from __future__ import annotations

import re

from act.markdown.phone import unlinkable_numbers
from act.problems import Problem, Severity

# "sign up on GOV.UK", "check it at gov.uk/alerts": a place to act, named but not linked.
GOV_UK_ACTION = re.compile(r"\b(?:on|at|from|through|via) (?:GOV\.UK\b|gov\.uk/[\w/-]+)", re.I)
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)|<a\b[^>]*>.*?</a>|<[a-z]+:[^>]*>", re.I)


def prose_problems(text: str, shown: str) -> list[Problem]:
    """Warnings for the Markdown body of `text` (front matter and code are skipped)."""
    problems = []
    in_front_matter = text.startswith("---")
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_front_matter:
            in_front_matter = not (number > 1 and line.strip() == "---")
            continue
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = _LINK.sub(" ", _CODE.sub(" ", line))
        for odd in unlinkable_numbers(visible):
            problems.append(
                Problem(
                    shown,
                    number,
                    "text",
                    f"'{odd}' looks like a phone number but will not be a tap-to-call link",
                    "write it as it is dialled in the UK, in groups with single spaces, "
                    "like 0808 2000 247",
                    Severity.WARNING,
                )
            )
        if GOV_UK_ACTION.search(visible):
            problems.append(
                Problem(
                    shown,
                    number,
                    "text",
                    "an action points at GOV.UK without a link to where it is done",
                    "link the words to the page, like "
                    "[sign up for flood warnings on GOV.UK](https://www.gov.uk/...)",
                    Severity.WARNING,
                )
            )
    return problems
