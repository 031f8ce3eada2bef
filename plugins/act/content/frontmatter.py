"""The one reading of a page's front matter, used by the check and by the build alike.

A page's settings are YAML between a first line of exactly three dashes and the next line of
exactly three dashes. MkDocs on its own reads more than that, and differently: a closing line
of `...`, or metadata written without dashes as `key: value` lines at the top of the page
("MultiMarkdown" style), which the check never saw (a plain page could set `template:` and
blank the home page); and it publishes as text front matter closed by `----`, which the check
read. So anything but the one form is an error here, and the build hands MkDocs only the body
(act/content's on_page_read_source), with the settings this reading found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from act.problems import Problem

_OPENING = re.compile(r"---[ \t]*(?:\n|\Z)")
# A line that ends the front matter, for MkDocs or for YAML: three or more dashes, or `...`.
_CLOSING = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$", re.M)
# What MkDocs reads as a MultiMarkdown-style setting when a page has no `---` front matter.
_META_STYLE = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")
_FIX = "put the page's settings between two lines of exactly three dashes (---)"


@dataclass(frozen=True)
class FrontMatter:
    """A page split in two: the YAML of its settings (None if it has none), the file line
    the YAML starts on, and the offset in the text where the body starts."""

    yaml: str | None
    yaml_line: int
    body_start: int


def split_front_matter(text: str, shown: str) -> tuple[FrontMatter | None, list[Problem]]:
    """The page's front matter and body, or None and the problem that stops it being read."""
    first_line = text.split("\n", 1)[0]
    opening = _OPENING.match(text)
    if not opening:
        if _CLOSING.match(first_line):
            return None, [_problem(shown, 1, f"the front matter opens with '{first_line}'")]
        if _META_STYLE.match(first_line):
            return None, [
                Problem(
                    shown,
                    1,
                    "",
                    f"'{first_line.strip()[:40]}' would be read as a page setting, "
                    "written without the lines of dashes",
                    _FIX + "; if the line is text, start the page with a heading",
                )
            ]
        return FrontMatter(None, 1, 0), []
    opened = opening.end()
    closing = _CLOSING.search(text, opened)
    if closing is None:
        return None, [
            Problem(
                shown,
                1,
                "",
                "front matter is not closed",
                "add a line of three dashes (---) after the last field",
            )
        ]
    line = text.count("\n", 0, closing.start()) + 1
    if closing.start() == opened:
        # MkDocs would read on to the next line of dashes and take what is between as settings.
        return None, [
            Problem(
                shown,
                2,
                "",
                "the front matter is empty",
                "add the page's settings between the lines of dashes, or remove both lines",
            )
        ]
    if closing[0].rstrip(" \t") != "---":
        return None, [_problem(shown, line, f"the front matter is closed by '{closing[0]}'")]
    body_start = min(closing.end() + 1, len(text))
    # The YAML starts with the newline that ends the opening ---, so its line 0 is line 1.
    return FrontMatter(text[opened - 1 : closing.start()], 1, body_start), []


def _problem(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, "", message, _FIX)
