"""Checks on the Markdown body of a content file, for what the schemas cannot see."""

from __future__ import annotations

import re

from act.problems import Problem, Severity

BOLD_ONLY = re.compile(r"\*\*([^*]+)\*\*:?|__([^_]+)__:?")
HEADING = re.compile(r"(#{1,6})\s")
FENCE = re.compile(r"(```|~~~)")


def bold_paragraphs(text: str, shown: str) -> list[Problem]:
    """A warning for each paragraph that is only bold text: a heading that is not one, so
    screen readers cannot jump to it and the page's contents leave it out."""
    lines = text.splitlines()
    start = _after_front_matter(lines)
    problems: list[Problem] = []
    level, fence = 1, None

    def blank(i: int) -> bool:
        return i < start or i >= len(lines) or not lines[i].strip()

    for i in range(start, len(lines)):
        line = lines[i].strip()
        if fence:
            fence = None if line.startswith(fence) else fence
        elif FENCE.match(line):
            fence = line[:3]
        elif heading := HEADING.match(line):
            level = len(heading[1])
        elif (bold := BOLD_ONLY.fullmatch(line)) and blank(i - 1) and blank(i + 1):
            title = (bold[1] or bold[2]).strip()
            problems.append(
                Problem(
                    shown,
                    i + 1,
                    "body",
                    f"'{title}' is a paragraph of bold text, not a heading",
                    f"make it a heading: '{'#' * min(level + 1, 6)} {title}', so screen "
                    "readers can jump to it and it shows in the page's contents",
                    Severity.WARNING,
                )
            )
    return problems


def _after_front_matter(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
    return closing + 1
