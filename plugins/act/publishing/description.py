"""A page's body as the small, self-contained HTML other sites accept in a description."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Structure a job board can show; links are left as their text, as relative addresses would
# point nowhere outside our site.
BLOCKS = ("p", "ul", "ol", "li", "h2", "h3", "h4")
KEPT = {*BLOCKS, "strong", "em", "br"}
BLOCK_TAGS = [tag for block in BLOCKS for tag in (f"<{block}>", f"</{block}>")]
# Elements left out with what they hold: our section permalinks (¶), scripts, styles.
LEFT_OUT = {"script", "style"}
# The elements Markdown writes, whose content the parser reads as ordinary text and tags (not
# raw text, like a script's): a body holding only these can skip the parser (see _plainly).
ORDINARY = {
    *KEPT,
    *("a", "abbr", "b", "blockquote", "code", "dd", "del", "details", "div", "dl", "dt"),
    *("figcaption", "figure", "h1", "h5", "h6", "hr", "i", "img", "ins", "kbd", "mark"),
    *("pre", "s", "small", "span", "sub", "summary", "sup", "table", "tbody", "td"),
    *("tfoot", "th", "thead", "tr", "u"),
}
# A start or end tag as Markdown writes it: a plain name, attributes in double quotes.
_TAG = re.compile(
    r"<(?:/(?P<end>[a-zA-Z][a-zA-Z0-9]*)\s*"
    r'|(?P<start>[a-zA-Z][a-zA-Z0-9]*)(?P<attributes>(?:\s+[a-zA-Z][a-zA-Z0-9_:.-]*(?:="[^"<>]*")?)*)'
    r"\s*(?P<closed>/)?)>"
)
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z][a-zA-Z0-9_:.-]*)(?:="([^"<>]*)")?')


def description_html(body: str) -> str:
    """`body` (the page's rendered Markdown) with only the tags in KEPT, and no attributes."""
    out = _plainly(body)
    return _tidy(_parsed(body) if out is None else out)


def _tidy(out: list[str]) -> str:
    """The pieces as one line: each run of white space one space, and none around a block."""
    text = re.sub(r"\s+", " ", "".join(out))  # only plain spaces are left
    for tag in BLOCK_TAGS:
        text = text.replace(f" {tag}", tag).replace(f"{tag} ", tag)
    return text.strip()


def _parsed(body: str) -> list[str]:
    parser = _Description()
    parser.feed(body)
    parser.close()
    return parser.out


def _plainly(body: str) -> list[str] | None:
    """What _parsed gives, for a body of ordinary elements written plainly (_TAG), which is
    what Markdown writes; None for anything else, which the parser must read. Text and
    attribute values are read as the parser reads them (character references decoded)."""
    out: list[str] = []
    skipping: str | None = None
    at = tags = 0
    for tag in _TAG.finditer(body):
        tags += 1
        if not skipping and tag.start() > at:
            out.append(html.escape(html.unescape(body[at : tag.start()]), quote=False))
        at = tag.end()
        name = (tag["end"] or tag["start"]).lower()
        if name not in ORDINARY:
            return None
        if tag["start"]:
            if skipping:
                pass
            elif name == "a" and "headerlink" in (_class(tag["attributes"]) or ""):
                skipping = name
            elif name in KEPT:
                out.append(f"<{name}>")
            if not tag["closed"]:
                continue
        # An end tag, or the end of a self-closed one (<br />), as the parser takes it.
        if skipping:
            skipping = None if name == skipping else skipping
        elif name in KEPT and name != "br":
            out.append(f"</{name}>")
    if tags != body.count("<"):  # each tag holds one '<': so every '<' starts one
        return None
    if not skipping and at < len(body):
        out.append(html.escape(html.unescape(body[at:]), quote=False))
    return out


def _class(attributes: str) -> str | None:
    """The class attribute's value as the parser gives it (the last one written wins)."""
    found = None
    for name, value in _ATTRIBUTE.findall(attributes):
        if name.lower() == "class":
            found = html.unescape(value) if value else None
    return found


class _Description(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: str | None = None

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            return
        if tag in LEFT_OUT or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self.skipping = tag
        elif tag in KEPT:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping = None if tag == self.skipping else self.skipping
        elif tag in KEPT and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))
