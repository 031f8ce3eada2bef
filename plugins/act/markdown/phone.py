"""UK phone numbers in Markdown become `tel:` links, so a reader on a phone can tap to call.

Recognised, as people write them in UK English: numbers that start with 0 written in groups
with single spaces (0808 2000 247, 08 08 16 89 111, 0800 1111), 116 numbers (116 123), and
the short service numbers (999, 111, 101, 105, 112, 119) when a word such as "call" comes
just before them, so "111 people" stays text. Numbers in links, code and headings are left
alone. `act check` warns about a number written some other way (see unlinkable_numbers).

Enable with `- act.markdown.phone` under markdown_extensions.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

SHORT_NUMBERS = ("999", "111", "101", "105", "112", "119")
_LONG = r"0\d{1,4}(?: \d{1,6}){1,4}|0\d{9,10}"
_SERVICE = r"116 ?\d{3}"
_SHORT = r"(?<=\b(?:call|dial|ring|text) )(?:" + "|".join(SHORT_NUMBERS) + r")"
_SHORT_ON = (
    r"(?<=\bphone )(?:"
    + "|".join(SHORT_NUMBERS)
    + r")|(?<=\bon )(?:"
    + "|".join(SHORT_NUMBERS)
    + r")"
)
NUMBER = re.compile(
    rf"(?<![\w+.,/:-])(?:{_LONG}|{_SERVICE}|{_SHORT}|{_SHORT_ON})(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)
# Anything a writer might mean as a UK phone number, however it is punctuated.
LOOSE_NUMBER = re.compile(r"(?<![\w.,/:-])(?:\+44 ?\(?0?\)? ?|\(?0)\d[\d ()-]{6,16}\d(?![\w/])")
MIN_DIGITS, MAX_DIGITS = 8, 11
SKIPPED_TAGS = {"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}


def dialled(number: str) -> str:
    """The digits to dial: '0808 2000 247' -> '08082000247'."""
    return re.sub(r"\D", "", number)


_DIGIT = re.compile(r"\d")  # what both patterns need before anything else


def find_numbers(text: str) -> list[re.Match]:
    """The phone numbers in `text` that become links, in order."""
    if not _DIGIT.search(text):  # most text: one quick scan instead of the patterns
        return []
    found = []
    for match in NUMBER.finditer(text):
        digits = dialled(match.group())
        if match.group().startswith("0") and not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
            continue
        found.append(match)
    return found


def unlinkable_numbers(text: str) -> list[str]:
    """Numbers that look like UK phone numbers but will not become links as written
    (hyphens, brackets, +44, double spaces...)."""
    if not _DIGIT.search(text):
        return []
    linked = find_numbers(text)  # in order, not overlapping
    starts = [m.start() for m in linked]
    odd = []
    for match in LOOSE_NUMBER.finditer(text):
        span = match.group().strip()
        start = match.start() + match.group().index(span)
        before = bisect.bisect_right(starts, start) - 1  # the last link starting at or before
        if before >= 0 and start < linked[before].end():
            continue
        if MIN_DIGITS <= len(dialled(span)) <= MAX_DIGITS + 2:
            odd.append(span)
    return odd


class PhoneLinks(Treeprocessor):
    """Wraps each recognised number in text (not in links, code or headings) in a tel: link."""

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        for child in list(element):
            if child.tag not in SKIPPED_TAGS:
                self._walk(child)
            if child.tail:
                self._link_tail(element, child)
        if element.text and element.tag not in SKIPPED_TAGS:
            self._link_text(element)

    def _link_text(self, element: etree.Element) -> None:
        pieces = _split(element.text)
        if len(pieces) == 1:
            return
        element.text = pieces[0]
        for offset, link in enumerate(pieces[1:]):
            element.insert(offset, link)

    def _link_tail(self, parent: etree.Element, child: etree.Element) -> None:
        pieces = _split(child.tail)
        if len(pieces) == 1:
            return
        child.tail = pieces[0]
        at = list(parent).index(child)
        for offset, link in enumerate(pieces[1:], start=1):
            parent.insert(at + offset, link)


def _split(text: str) -> list:
    """[text before, <a>, <a>...]: each link carries the text after it as its tail, as
    ElementTree expects."""
    matches = find_numbers(text)
    if not matches:
        return [text]
    links = []
    for index, match in enumerate(matches):
        link = etree.Element("a", {"href": f"tel:{dialled(match.group())}"})
        link.text = match.group()
        following = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        link.tail = text[match.end() : following]
        links.append(link)
    return [text[: matches[0].start()], *links]


class PhoneExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # After inline patterns (20), so links and code exist; before toc (5).
        md.treeprocessors.register(PhoneLinks(md), "act-phone-links", 15)


def makeExtension(**kwargs) -> PhoneExtension:  # noqa: N802 (Python-Markdown's name)
    return PhoneExtension(**kwargs)
