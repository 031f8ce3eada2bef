"""Characters that do not belong in anything the site publishes, in one place: the checks of
front matter, data files and bodies refuse them, and every writer (HTML, feeds, calendars,
JSON) refuses them again, so text that reached a writer some other way is still stopped.

- Control characters (Unicode category Cc) other than tab, and other than a line feed where
  text may run over several lines (a body, a description): nobody can see them, the feeds'
  XML cannot hold most of them (NUL, ESC, form feed), a calendar reader takes a carriage
  return as the end of a line, and a terminal obeys ESC.
- The characters that change the order text is shown in: the bidirectional embeddings,
  overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can make a line read
  differently from what is written ("Trojan Source"), and the marks (U+200E LEFT-TO-RIGHT
  MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK): a mark is enough to swap two
  groups of digits, so '\u200f0800 1111' is shown as '1111 0800'. The site is written in
  English; words in a right-to-left script are shown in their own order without them.
- U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: invisible, and taken as the end of a
  line by some readers (JavaScript, Python's splitlines) but not by others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from act.problems import Problem

DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SEPARATORS = "\u2028\u2029"
# Tab (\x09) is allowed everywhere; a line feed (\x0a) only in text of several lines.
_IN_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{DIRECTION}{_SEPARATORS}]")
_IN_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{DIRECTION}{_SEPARATORS}]")
_DIRECTION = re.compile(f"[{DIRECTION}]")
_CONTEXT = 20  # characters of the text before the one found, to help find it


def unwanted(text: str, *, one_line: bool) -> Iterator[int]:
    """The index of each character that does not belong in `text`; `one_line` refuses line
    feeds too (a title, a name)."""
    pattern = _IN_ONE_LINE if one_line else _IN_LINES
    return (found.start() for found in pattern.finditer(text))


def first_unwanted(text: str, *, one_line: bool) -> int | None:
    """The index of the first character that does not belong in `text`, or None."""
    return next(unwanted(text, one_line=one_line), None)


def without_unwanted(text: str) -> str:
    """`text` without the characters that do not belong in one line, for text from elsewhere
    that nobody here can correct (the charity register): spaces first, then the rest go."""
    return _IN_ONE_LINE.sub("", " ".join(text.split()))


def explain(text: str, index: int, *, name_the_line: bool = True) -> tuple[str, str]:
    """(message, hint) for the unwanted character at `index` of `text`; in text of several
    lines the message says which (unless the problem's own line already does). The
    character is written as it is: Problem names it ('[U+202E RIGHT-TO-LEFT OVERRIDE]')."""
    char = text[index]
    line_start = text.rfind("\n", 0, index) + 1
    before = text[max(line_start, index - _CONTEXT) : index].lstrip()
    where = f"after '{before}'" if before else "at the start"
    if line_start and name_the_line:
        number = text.count("\n", 0, index) + 1
        where += f" of its line {number}"
    if char == "\n":
        return (
            f"runs over more than one line (a line break {where})",
            "write it on one line",
        )
    if char in _SEPARATORS:
        return (
            f"has {char} {where}: some readers take it as the end of a line, others do not",
            "delete it, and use a space (or, where the text may have several lines, an "
            "ordinary line break)",
        )
    if _DIRECTION.match(char):
        return (
            f"has {char} {where}: it changes the order the text is shown in, so the text "
            "can read differently from what is written",
            "delete it (retype the words around it if you cannot see it); words in a "
            "right-to-left script need no such character",
        )
    return (
        f"has a control character, {char}, {where}: nobody can see it, and feeds and "
        "calendars cannot hold it",
        "delete it (retype the words around it if you cannot see it)",
    )


def body_problems(body: str, shown: str, first_line: int) -> list[Problem]:
    """A problem for each line of a Markdown body with a character that does not belong
    (the first on the line); `first_line` is the file line of the body's first line."""
    problems = []
    line, counted_to, last_line = first_line, 0, None
    for index in unwanted(body, one_line=False):
        line += body.count("\n", counted_to, index)
        counted_to = index
        if line != last_line:
            message, hint = explain(body, index, name_the_line=False)
            problems.append(Problem(shown, line, "body", message, hint))
            last_line = line
    return problems


class UnwantedCharacter(ValueError):
    """A writer was given text with a character that does not belong; `problem` says where
    the text came from and which field."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def refuse(text: str, *, one_line: bool, source: str, field: str, output: str) -> str:
    """`text` as it is, for a writer of `output`; UnwantedCharacter if it has a character
    that does not belong. `source` is the file the text came from, `field` its field."""
    index = first_unwanted(text, one_line=one_line)
    if index is None:
        return text
    message, hint = explain(text, index)
    raise UnwantedCharacter(Problem(source, 1, field, f"{message} ({output})", hint))


def refuse_in_data(value: Any, *, source: str, output: str, field: str = "") -> Any:
    """`value` (JSON-like data) as it is; UnwantedCharacter naming the field of the first
    text in it with a character that does not belong. Line feeds are allowed: JSON escapes
    them."""
    if isinstance(value, str):
        refuse(value, one_line=False, source=source, field=field, output=output)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{field}.{key}" if field else str(key)
            refuse(str(key), one_line=True, source=source, field=name, output=output)
            refuse_in_data(item, source=source, output=output, field=name)
    elif isinstance(value, list | tuple):
        for position, item in enumerate(value):
            refuse_in_data(item, source=source, output=output, field=f"{field}[{position}]")
    return value


def refuse_in_html(html: str, *, source: str, output: str) -> str:
    """A page's HTML as it is; UnwantedCharacter with the line of `output` it is on."""
    index = first_unwanted(html, one_line=False)
    if index is None:
        return html
    line = html.count("\n", 0, index) + 1
    message, hint = explain(html, index, name_the_line=False)
    hint += "; look in the page, the templates in overrides/ and mkdocs.yml"
    raise UnwantedCharacter(
        Problem(source, 1, "", f"the page written to {output}, line {line}, {message}", hint)
    )
