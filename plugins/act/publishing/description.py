"""A page's body as the small, self-contained HTML other sites accept in a description."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Structure a job board can show; links are left as their text, as relative addresses would
# point nowhere outside our site.
BLOCKS = ("p", "ul", "ol", "li", "h2", "h3", "h4")
KEPT = {*BLOCKS, "strong", "em", "br"}
SPACE_AROUND_BLOCKS = re.compile(rf"\s*(</?(?:{'|'.join(BLOCKS)})>)\s*")
# Elements left out with what they hold: our section permalinks (¶), scripts, styles.
LEFT_OUT = {"script", "style"}


def description_html(body: str) -> str:
    """`body` (the page's rendered Markdown) with only the tags in KEPT, and no attributes."""
    parser = _Description()
    parser.feed(body)
    parser.close()
    return SPACE_AROUND_BLOCKS.sub(r"\1", re.sub(r"\s+", " ", "".join(parser.out))).strip()


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
