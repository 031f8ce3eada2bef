"""Reading age: how many years of reading a text asks for, measured on what readers see.

ACT aims for a reading age of 9 or under (GOV.UK plain English). We measure with textstat's
Flesch-Kincaid grade, a US school grade, and add 5 to turn it into an age (grade 4 is about
age 9), the usual conversion for UK reading ages. Front matter, Markdown syntax and code are
removed first; each heading, list item and table cell counts as a sentence of its own, as a
reader takes it, rather than running on into the next.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import textstat

from act.content.frontmatter import split_front_matter

READING_AGE_TARGET = 9
GRADE_TO_AGE = 5
# The formula means little below the age children start to read.
YOUNGEST_READING_AGE = 5

_MARKDOWN_EXTENSIONS = [
    "tables",
    "attr_list",
    "md_in_html",
    "def_list",
    "admonition",
    "fenced_code",
]
_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote",
    "div", "tr", "br",
}  # fmt: skip
_SKIPPED = {"pre", "script", "style"}
_SENTENCE_END = re.compile(r"[.!?]$")


@dataclass(frozen=True)
class ReadingAge:
    """A text's Flesch-Kincaid grade and the reading age in whole years it stands for."""

    grade: float
    years: int

    @property
    def above_target(self) -> bool:
        return self.years > READING_AGE_TARGET


def body_of(text: str) -> str:
    """The Markdown after the front matter (all of it when there is none)."""
    front, _ = split_front_matter(text, "")
    return text[front.body_start :] if front is not None else text


def plain_text(markdown_body: str) -> str:
    """The words a reader reads: Markdown rendered, tags and code removed, one block a sentence."""
    html = markdown.markdown(markdown_body, extensions=_MARKDOWN_EXTENSIONS)
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.text()


def reading_age(text: str) -> ReadingAge | None:
    """The reading age of plain text, or None when it has no words to measure."""
    if not re.search(r"[A-Za-z]", text):
        return None
    grade = float(textstat.flesch_kincaid_grade(text))
    years = max(YOUNGEST_READING_AGE, math.floor(grade + GRADE_TO_AGE + 0.5))
    return ReadingAge(round(grade, 1), years)


def reading_age_of_page(file_text: str) -> ReadingAge | None:
    """The reading age of a content file's body: front matter and Markdown stripped first."""
    return reading_age(plain_text(body_of(file_text)))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data):
        if not self._skipping:
            self._current.append(data)

    def _end_block(self) -> None:
        block = " ".join("".join(self._current).split())
        self._current = []
        if block:
            # A lead-in ending "to:" reads as a sentence, as does each item of the list after it.
            if not _SENTENCE_END.search(block):
                block = block.rstrip(":;,") + "."
            self.blocks.append(block)

    def text(self) -> str:
        self._end_block()
        return " ".join(self.blocks)
