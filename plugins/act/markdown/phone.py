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

from markdown import Extension, util
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


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """The phone numbers in `text` (or in text[start:end]) that become links, in order."""
    end = len(text) if end is None else end
    if not _DIGIT.search(text, start, end):  # most text: one quick scan instead of the patterns
        return []
    found = []
    for match in NUMBER.finditer(text, start, end):
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


# Raw HTML is kept out of the tree until the end, as a placeholder for each piece in the stash:
# <a href="..."> written in HTML is seen here only as placeholders around its text.
_STASHED = re.compile(
    re.escape(util.HTML_PLACEHOLDER[0]) + r"wzxhzdk:(\d+)" + re.escape(util.HTML_PLACEHOLDER[-1])
)
_RAW_LINK_OPEN = re.compile(r"<a\b", re.I)
_RAW_LINK_CLOSE = re.compile(r"</a\s*>", re.I)


class PhoneLinks(Treeprocessor):
    """Wraps each recognised number in text (not in links, code or headings) in a tel: link.
    Reads the tree in document order without recursion (emphasis or lists nested thousands
    deep are trees that deep), and knows which text is inside a link written in raw HTML."""

    def run(self, root: etree.Element) -> None:
        inserts: dict[etree.Element, list[tuple[etree.Element | None, list]]] = {}
        self._raw_links = 0  # links opened in raw HTML and not yet closed
        # (element, None): its text, then its children; (parent, child): the child's tail.
        todo: list[tuple[etree.Element, etree.Element | None]] = [(root, None)]
        while todo:
            element, child = todo.pop()
            if child is None:
                skipped = element.tag in SKIPPED_TAGS
                if element.text and not skipped:
                    element.text, links = self._link(element.text)
                    if links:
                        inserts.setdefault(element, []).append((None, links))
                if not skipped:
                    for sub in reversed(element):
                        todo.append((element, sub))
                        todo.append((sub, None))
            elif child.tail:
                child.tail, links = self._link(child.tail)
                if links:
                    inserts.setdefault(element, []).append((child, links))
        for parent, pieces in inserts.items():  # each parent rebuilt once
            after = {id(child): links for child, links in pieces if child is not None}
            children = [link for child, links in pieces if child is None for link in links]
            for child in list(parent):
                children.append(child)
                children.extend(after.get(id(child), ()))
            parent[:] = children

    def _link(self, text: str) -> tuple[str, list]:
        """The text up to its first number, and the links (each carrying the text after it as
        its tail); numbers inside a raw HTML link stay text."""
        numbers: list[re.Match] = []
        at = 0
        for stashed in [*_STASHED.finditer(text), None]:
            end = stashed.start() if stashed else len(text)
            if not self._raw_links:
                numbers.extend(find_numbers(text, at, end))
            if stashed:
                self._raw_links = max(0, self._raw_links + self._raw_link_change(stashed))
                at = stashed.end()
        if not numbers:
            return text, []
        pieces = _split(text, numbers)
        return pieces[0], pieces[1:]

    def _raw_link_change(self, stashed: re.Match) -> int:
        raw = self.md.htmlStash.rawHtmlBlocks[int(stashed[1])]
        if not isinstance(raw, str):
            return 0
        return len(_RAW_LINK_OPEN.findall(raw)) - len(_RAW_LINK_CLOSE.findall(raw))


def _split(text: str, matches: list[re.Match]) -> list:
    """[text before, <a>, <a>...]: each link carries the text after it as its tail, as
    ElementTree expects."""
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
