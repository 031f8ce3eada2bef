"""What a page's Markdown body may contain, read from its source so problems have lines.

A body is untrusted input (every pull request is built with secrets in the environment):
raw HTML is limited to an allow-list of elements and attributes, links use safe schemes,
images come from this site, and links inside the site point at files that exist. Code is
left alone: Markdown shows it as text. The build checks the rendered HTML again with the same
allow-list (`unsafe_html`), so nothing that slips past a source scan reaches a page.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify as _slugify

from act.content.ids import RESERVED_ID_HINT, is_reserved_id, reserved_id_message

# Elements Markdown and its extensions write, and the few a writer might add by hand.
ALLOWED_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
ALLOWED_ATTRIBUTES = frozenset(
    [
        "alt",
        "cite",
        "class",
        "colspan",
        "datetime",
        "dir",
        "headers",
        "height",
        "href",
        "id",
        "lang",
        "markdown",
        "open",
        "reversed",
        "rowspan",
        "scope",
        "span",
        "src",
        "start",
        "title",
        "type",
        "width",
    ]
)
URL_ATTRIBUTES = frozenset(("href", "src", "cite"))
LINK_SCHEMES = frozenset(("https", "http", "mailto", "tel"))


@dataclass(frozen=True)
class Finding:
    """Something wrong in a body: its line in the body, what it is and how to fix it."""

    line: int
    message: str
    hint: str


def mask_code(markdown: str) -> str:
    """The text with every code span and indented code block blanked out (newlines kept, so
    offsets and lines stay the same): what is in code is shown, not run. Only what Markdown
    itself reads as code on this site: fenced code (```) is not enabled in mkdocs.yml, so a
    fence is text, and a code span never crosses a blank line. The build checks the rendered
    page too, so a difference here can only make act check stricter than the build."""
    chars = list(markdown)
    for match in _INDENTED.finditer(markdown):
        _blank(chars, match.start(1), match.end(1))
    for start, end in code_spans("".join(chars)):
        _blank(chars, start, end)
    return "".join(chars)


def mask_code_spans(markdown: str) -> str:
    """The text with only its code spans blanked: what Markdown's HTML reader still reads
    (it reads indented code too)."""
    chars = list(markdown)
    for start, end in code_spans(markdown):
        _blank(chars, start, end)
    return "".join(chars)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


# An indented block after a blank line that is not inside a list (whose items indent too).
_INDENTED = re.compile(r"(?:\A|\n[ \t]*\n)((?:(?:    |\t)(?![ \t]*[-*+] |\d+\. )[^\n]*\n?)+)")
_BACKTICKS = re.compile(r"`+|\n[ \t]*\n")


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span: a run of backticks up to the next run of the same
    length in the same paragraph. Found in one pass (a regular expression that looks ahead
    from every run for its partner takes time that grows with the square of the text)."""
    runs: list[tuple[int, int]] = []  # (start, end) of each run; a blank line is (-1, -1)
    for match in _BACKTICKS.finditer(text):
        runs.append((-1, -1) if match[0][0] == "\n" else match.span())
    partner = [0] * len(runs)  # the index of the next run of the same length, or 0
    after: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        if start < 0:
            after.clear()  # a code span never crosses a blank line
            continue
        partner[index] = after.get(end - start, 0)
        after[end - start] = index
    spans, index = [], 0
    while index < len(runs):
        if runs[index][0] >= 0 and partner[index]:
            spans.append((runs[index][0], runs[partner[index]][1]))
            index = partner[index] + 1
        else:
            index += 1
    return spans


class LineIndex:
    """The line of any offset in a text, each in logarithmic time (counting newlines from the
    start for every link or finding takes time that grows with the square of the text)."""

    def __init__(self, text: str) -> None:
        self._starts = [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) + 1


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def url_problem(url: str, attribute: str) -> tuple[str, str] | None:
    """Why a URL in a body is refused, or None. Images (src) must come from this site: a
    picture from another site is a request to it from every reader."""
    # Browsers decode character references (&#106;) and ignore controls and spaces in a scheme.
    cleaned = "".join(c for c in html.unescape(url) if c > " ").lower()
    scheme = urlsplit(cleaned).scheme if ":" in cleaned.split("/", 1)[0] else ""
    if scheme and scheme not in LINK_SCHEMES:
        return (
            f"a link starting '{scheme}:' is not allowed",
            "link to a web page (https://...), an e-mail address (mailto:) or a phone (tel:)",
        )
    if attribute == "src" and (scheme or cleaned.startswith("//")):
        return (
            "images must come from this site, not from another website",
            "save the image in content/ beside the page and link to it by its file name",
        )
    return None


class _HtmlScan(HTMLParser):
    """Collects raw HTML that is not allowed, with the line of each (HTMLParser counts lines)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in ALLOWED_ELEMENTS:
            self.findings.append(
                Finding(
                    line,
                    f"the HTML element <{tag}> is not allowed in content",
                    "write it in Markdown, or remove it; scripts, frames, forms and styles "
                    "belong in the site's templates (overrides/), where they are reviewed",
                )
            )
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES and not name.startswith("aria-"):
                self.findings.append(
                    Finding(
                        line,
                        f"the HTML attribute {name}= on <{tag}> is not allowed in content",
                        "remove it; event handlers and styles are not allowed, and the "
                        "attributes allowed are: " + ", ".join(sorted(ALLOWED_ATTRIBUTES)),
                    )
                )
            elif name in URL_ATTRIBUTES and value:
                problem = url_problem(value, "src" if tag == "img" else "href")
                if problem:
                    self.findings.append(Finding(line, *problem))
            elif name == "id" and value and is_reserved_id(value):
                self.findings.append(Finding(line, reserved_id_message(value), RESERVED_ID_HINT))


# Where Python's HTMLParser and browsers part ways (the HTML standard's parsing rules): a
# comment that browsers end at once (<!-->, <!--->), one ended by --!>, and <![CDATA[ or any
# other <!...> that browsers end at the first '>'. Refused, so both read the page the same.
_AMBIGUOUS = re.compile(r"<!--->|<!-->|--!>|<!(?!--|doctype\b)|<\?", re.I)


# The plain HTML Markdown writes, in a form browsers and a regular expression read alike:
# tags whose attributes are separated by HTML's own whitespace and double-quoted (with no
# '<' or '>' in a value), and no '<' that does not start such a tag. Anything else (comments,
# other quoting, '/' between attributes, a stray '<') is left to the parser.
_SPACE = r"[ \t\n\f\r]"
_ATTRIBUTE = re.compile(_SPACE + r'+(?P<name>[a-zA-Z][a-zA-Z0-9_-]*)(?:="(?P<value>[^"<>]*)")?')
_PLAIN_TAG = re.compile(
    r"<(?:/[a-zA-Z][a-zA-Z0-9]*" + _SPACE + r"*>"
    r"|(?P<tag>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attributes>(?:"
    + _SPACE
    + r'+[a-zA-Z][a-zA-Z0-9_-]*(?:="[^"<>]*")?)*)'
    + _SPACE
    + r"*/?>)"
)


def plainly_allowed(text: str) -> bool:
    """True if `text` is plain HTML (above) holding only allowed elements, attributes and
    URLs: what the full parse would find nothing in, in a fraction of its time. False means
    only that the parser must decide."""
    tags = 0
    for tag in _PLAIN_TAG.finditer(text):
        tags += 1
        name, attributes = tag["tag"], tag["attributes"]
        if name is None:
            continue  # an end tag
        name = name.lower()
        if name not in ALLOWED_ELEMENTS:
            return False
        for attribute in _ATTRIBUTE.finditer(attributes):
            key, value = attribute["name"].lower(), attribute["value"]
            if key not in ALLOWED_ATTRIBUTES and not key.startswith("aria-"):
                return False
            # The parser hands on values with character references decoded; so here.
            kind = "src" if name == "img" else "href"
            if key in URL_ATTRIBUTES and value and url_problem(html.unescape(value), kind):
                return False
            if key == "id" and value and is_reserved_id(html.unescape(value)):
                return False
    return tags == text.count("<")  # each tag holds one '<': so every '<' starts one


def unsafe_html(text: str) -> list[Finding]:
    """Every element, attribute and URL in HTML `text` outside the allow-lists. Linear in the
    size of `text`: markup Python's HTML parser would read again and again (a tag or comment
    that is never closed) is reported, and hidden from the parser."""
    lines = LineIndex(text)
    odd = [
        (m.start(), f"'{m[0]}' is read differently by browsers and by the checks", _AMBIGUOUS_HINT)
        for m in _AMBIGUOUS.finditer(text)
    ]
    unclosed = unclosed_markup(text)
    if unclosed:  # one problem for them all: a hostile page may hold thousands
        more = f" (and {len(unclosed) - 1:,} more after it)" if len(unclosed) > 1 else ""
        odd.append((unclosed[0], _UNCLOSED_MARKUP[0] + more, _UNCLOSED_MARKUP[1]))
    findings = [Finding(lines.line(at), message, hint) for at, message, hint in sorted(odd)]
    if not findings and plainly_allowed(text):
        return []
    if odd:
        chars = list(text)
        for at in [*(at for at, _, _ in odd), *unclosed]:
            chars[at] = " "
        if unclosed and text.startswith("<!--", unclosed[-1]):
            del chars[unclosed[-1] :]  # a comment not closed hides the rest, in browsers too
        text = "".join(chars)
    scan = _HtmlScan()
    scan.feed(text)
    scan.close()
    return findings + scan.findings


_AMBIGUOUS_HINT = "write comments as <!-- text -->, and no <! or <? markup"
_UNCLOSED_MARKUP = (
    "an HTML tag or comment here is not closed",
    "end each tag with '>' and each comment with '-->', with every quote in a tag closed and "
    "no '<' or '>' inside quotes; a '<' that is not a tag is written &lt;",
)
# What starts markup for HTML parsers, and what a whole tag, end tag or doctype is: names and
# unquoted values without quotes, '<', '>' or '`'; quoted values without '<' or '>'. Each part
# is possessive (*+), so a tag that is not closed is given up at once, not re-read.
_MARKUP_START = re.compile(r"<(?:[a-zA-Z/]|!--|!doctype)", re.I)
_WHOLE_TAG = re.compile(
    r"""<(?:
      [a-zA-Z][^\s/>"'<`=]*+
      (?:[\s/]++[^\s/>"'<`=]++(?:\s*+=\s*+(?:"[^"<>]*+"|'[^'<>]*+'|[^\s"'<>`=]++))?+)*+
      [\s/]*+>
    | /[a-zA-Z][^\s/>"'<`=]*+\s*+>
    | !doctype[^<>]*+>
    )""",
    re.X | re.I,
)
_COMMENT_END = re.compile(r"--\s*>")


def unclosed_markup(text: str) -> list[int]:
    """The offset of each '<' that starts a tag, end tag, doctype or comment that is not
    closed as `_WHOLE_TAG` and `_COMMENT_END` say (a comment not closed is the last: the rest
    of the text is in it). Python's HTML parser reads such a tag to
    the end of the text and then again from the next '<': quadratic time."""
    found: list[int] = []
    at = 0
    while match := _MARKUP_START.search(text, at):
        start = match.start()
        if match[0] == "<!--":
            end = _COMMENT_END.search(text, start + 4)
            if end is None:
                found.append(start)
                break  # the rest is the comment's
            at = end.end()
        elif whole := _WHOLE_TAG.match(text, start):
            at = whole.end()
        else:
            found.append(start)
            at = start + 1
    return found


# Links and images are found by matching brackets in one pass, as Python-Markdown matches
# them (an unescaped '[' is closed by its ']', within a paragraph): [text](url "title"),
# ![alt](url) (a URL may hold one level of parentheses), ![alt][ref]; and [ref]: url
# definitions, raw href= and src=, and {: attr=value } from attr_list. No pattern here looks
# past a '[' or '<' for its end: each character is read a bounded number of times.
_BRACKET = re.compile(r"\\.|!?\[|\]|\n[ \t]*\n", re.S)
_TARGET = re.compile(r"\(\s*<?(?P<url>(?:[^\s()<>]|\([^\s()<>]*\))*)")
_LABEL = re.compile(r"[ ]?\[(?P<label>[^\[\]]*)\]")
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?P<label>[^\[\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.M)
_RAW_LINK = re.compile(r"<[a-zA-Z][^<>]*?\b(?P<attr>href|src)\s*=\s*[\"']?(?P<url>[^\"'\s>]*)")
_ATTR_LIST = re.compile(r"\{:?(?P<attrs>[^{}\n]*)\}")
_ATTR = re.compile(
    r"(?<![-\w:.])(?P<name>[A-Za-z_:][-\w:.]*)\s*=\s*(?P<q>[\"']?)(?P<value>[^\"'\s}]*)"
)


@dataclass(frozen=True)
class Link:
    """A link or image in a body: its target as written, its line, and whether it is in raw
    HTML (which the HTML scan checks) rather than Markdown."""

    url: str
    line: int
    image: bool
    raw_html: bool = False


def links(masked: str) -> Iterator[Link]:
    """Every Markdown link and image, and every href and src in raw HTML, with its line."""
    lines = LineIndex(masked)
    image_labels: set[str] = set()
    opened: list[tuple[int, bool]] = []  # (offset, is an image) of each '[' not yet closed
    for match in _BRACKET.finditer(masked):
        token = match[0]
        if token[0] == "\\":
            continue  # \[ and \] are text
        if token[0] == "\n":
            opened.clear()  # a paragraph ends
        elif token != "]":
            opened.append((match.start(), token == "!["))
        elif opened:
            start, image = opened.pop()
            if target := _TARGET.match(masked, match.end()):
                yield Link(target["url"], lines.line(start), image)
            elif image:
                label = _LABEL.match(masked, match.end())
                text = (
                    label["label"]
                    if label and label["label"]
                    else masked[start + 2 : match.start()]
                )
                image_labels.add(text.strip().lower())
    for match in _REFERENCE.finditer(masked):
        image = match["label"].strip().lower() in image_labels
        yield Link(match["url"], lines.line(match.start()), image)
    for match in _RAW_LINK.finditer(masked):
        yield Link(match["url"], lines.line(match.start()), match["attr"] == "src", True)


# Markdown's autolinks: <https://...> and <name@example.org>, not HTML elements.
_AUTOLINK = re.compile(
    r"<(?:(?:https?|ftp)://[^<>\s\"'`]*|(?:mailto:)?[\w.%+-]+@[A-Za-z0-9.-]+)>", re.I
)


def web_autolinks(masked: str) -> Iterator[Link]:
    """Every autolink to a web page (<https://...>) with its line; `links` leaves them out,
    as they never point inside the site (`act links` checks them)."""
    lines = LineIndex(masked)
    for match in _AUTOLINK.finditer(masked):
        url = match[0][1:-1]
        if url.lower().startswith(("https://", "http://")):
            yield Link(url, lines.line(match.start()), False)


def body_findings(masked: str) -> list[Finding]:
    """Raw HTML, link schemes, images and attribute lists that a body (with its code masked
    by `mask_code`) may not contain."""
    # <https://...> and <name@example.org> are Markdown's autolinks, not HTML.
    findings = unsafe_html(_AUTOLINK.sub(lambda m: " " * len(m[0]), masked))
    for link in links(masked):
        problem = None if link.raw_html else url_problem(link.url, "src" if link.image else "")
        if problem:
            findings.append(Finding(link.line, *problem))
    lines = LineIndex(masked)
    for match in _ATTR_LIST.finditer(masked):
        line = lines.line(match.start())
        for attr in _ATTR.finditer(match["attrs"]):
            name = attr["name"].lower()
            if name not in ALLOWED_ATTRIBUTES and not name.startswith("aria-"):
                findings.append(
                    Finding(
                        line,
                        f"the attribute {name}= in {{...}} is not allowed in content",
                        "remove it; only ids, classes and plain attributes such as title are "
                        "allowed",
                    )
                )
            elif name in URL_ATTRIBUTES:
                problem = url_problem(attr["value"], "src" if name == "src" else "")
                if problem:
                    findings.append(Finding(line, *problem))
            elif name == "id" and is_reserved_id(attr["value"]):
                findings.append(Finding(line, reserved_id_message(attr["value"]), RESERVED_ID_HINT))
        for value in _ATTR_ID.findall(match["attrs"]):  # {: #id }
            if is_reserved_id(value):
                findings.append(Finding(line, reserved_id_message(value), RESERVED_ID_HINT))
    for offset, value in _heading_ids(masked):
        if is_reserved_id(value):
            findings.append(
                Finding(lines.line(offset), reserved_id_message(value), RESERVED_ID_HINT)
            )
    return list(dict.fromkeys(findings))  # a heading's {#id} is found twice


_ATTR_ID = re.compile(r"(?<![\w-])#([-\w:.]+)")


def local_target(url: str) -> tuple[str, str] | None:
    """(path, fragment) of a link inside the site, or None for other sites, e-mail and phone."""
    url = html.unescape(url)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    return unquote(parts.path), parts.fragment


def anchors(masked: str) -> frozenset[str]:
    """The ids a page's headings and raw HTML give it, as the toc extension makes them."""
    found = {value for _, value in _heading_ids(masked)}
    found.update(_RAW_ID.findall(masked))
    return frozenset(found)


def _heading_ids(masked: str) -> Iterator[tuple[int, str]]:
    """(offset, id) of each heading: the id its {#...} gives it, or the one the toc extension
    makes of its text (a second heading of the same text gets '_1', and so on)."""
    made: set[str] = set()
    for match in _HEADING.finditer(masked):
        atx = match["text"] is not None
        text, explicit = _heading_id(match["text"] if atx else match["setext"], atx)
        if explicit:
            made.add(explicit)
            yield match.start(), explicit
            continue
        slug = _slugify(_plain_heading(text), "-")
        unique, n = slug, 0
        while unique in made:
            n += 1
            unique = f"{slug}_{n}"
        made.add(unique)
        yield match.start(), unique


# A heading: '# text' on one line, or a line of text underlined with === or ---. Its
# {: #id } is read from the end of the line in Python, not by a pattern that tries it at
# every position of the line.
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>[^\n]*)|^(?P<setext>[^\n]+)\n(?:=+|-+)[ \t]*$", re.M)
_HEADING_ID = re.compile(r"#([-\w]+)")
_RAW_ID = re.compile(r"<[^<>]*\bid\s*=\s*[\"']?([^\"'\s<>]+)")


def _heading_id(line: str, atx: bool) -> tuple[str, str | None]:
    """A heading's text and the id its attribute list gives it, if any ('# text #' may close
    with hashes)."""
    text = line.rstrip(" \t#" if atx else " \t")
    if text.endswith("}") and (start := text.rfind("{")) >= 0:
        ids = _HEADING_ID.findall(text, start)
        if ids:
            return text[:start].rstrip(" \t"), ids[-1]
    return text, None


def _plain_heading(text: str) -> str:
    text = re.sub(r"!?\[([^\[\]]*)\]\([^()]*\)", r"\1", text)  # links keep their text
    # Emphasis loses its markers, but only a pair of them: '__search' keeps its underscores.
    text = _EMPHASIS.sub(r"\2", text)
    return re.sub(r"<[^<>]+>|[*`]", "", text)


_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)([^*_\n]+?)(?<=\S)\1(?!\w)")
