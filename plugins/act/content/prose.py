"""Warnings about how a page is written, for what the schemas cannot see: a paragraph of bold
text standing for a heading, a phone number readers cannot tap, and an action that points at
GOV.UK without a link to where it is done. Read from the body with its code masked (see
act.content.body.mask_code), so lines are the file's own."""

from __future__ import annotations

import re

from act.markdown.phone import unlinkable_numbers
from act.problems import Problem, Severity

BOLD_ONLY = re.compile(r"\*\*([^*]+)\*\*:?|__([^_]+)__:?")
HEADING = re.compile(r"(#{1,6})\s")
# "sign up on GOV.UK", "check it at gov.uk/alerts": a place to act, named but not linked.
GOV_UK_ACTION = re.compile(r"\b(?:on|at|from|through|via) (?:GOV\.UK\b|gov\.uk/[\w/-]+)", re.I)
# Links, whose numbers are already links: [text](url), <a ...>text</a>, <https://...>. None
# looks past the next '[' or '<' for its end, so a line is read in one pass.
_LINK = re.compile(
    r"!?\[[^\[\]]*+\]\([^()]*+\)|<a\b[^<>]*+>(?:[^<]|<(?!/?a\b))*+</a>|<[a-z]+:[^<>]*+>", re.I
)


def prose_problems(masked_body: str, shown: str, body_line: int) -> list[Problem]:
    """Every warning for a body; `body_line` is the file line of its first line."""
    lines = masked_body.splitlines()
    problems: list[Problem] = []
    level = 1

    def warn(index: int, message: str, hint: str) -> None:
        problems.append(Problem(shown, body_line + index, "body", message, hint, Severity.WARNING))

    def blank(index: int) -> bool:
        return index < 0 or index >= len(lines) or not lines[index].strip()

    for index, raw in enumerate(lines):
        line = raw.strip()
        if heading := HEADING.match(line):
            level = len(heading[1])
        elif (bold := BOLD_ONLY.fullmatch(line)) and blank(index - 1) and blank(index + 1):
            title = (bold[1] or bold[2]).strip()
            warn(
                index,
                f"'{title}' is a paragraph of bold text, not a heading",
                f"make it a heading: '{'#' * min(level + 1, 6)} {title}', so screen "
                "readers can jump to it and it shows in the page's contents",
            )
        visible = _LINK.sub(" ", raw)
        for odd in unlinkable_numbers(visible):
            warn(
                index,
                f"'{odd}' looks like a phone number but will not be a tap-to-call link",
                "write it as it is dialled in the UK, in groups with single spaces, "
                "like 0808 2000 247",
            )
        if GOV_UK_ACTION.search(visible):
            warn(
                index,
                "an action points at GOV.UK without a link to where it is done",
                "link the words to the page, like "
                "[sign up for flood warnings on GOV.UK](https://www.gov.uk/...)",
            )
    return problems
