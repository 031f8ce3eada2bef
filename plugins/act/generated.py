"""A page the site makes from data: its metadata as values, its body as finished HTML.

Never front matter written out as text for MkDocs to parse again: a value holding a line of
three dashes (or YAML's `...`) would end the front matter there, and the rest would become the
page's Markdown, raw HTML and all. Nor is the body Markdown: the HTML an autoescaped template
made from the data is put in place as it is, so no value is read again as Markdown or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GeneratedPage:
    """Where a generated page comes from and goes, what it says of itself, and its HTML."""

    src_uri: str
    title: str
    summary: str
    body: str = ""
    source_file: str = ""  # the file an editor changes to change this page
    search_type: str | None = None  # the search `type` filter, if the page is to be found
    sensitive: bool = False  # carries "Exit this page", and is never kept offline
    # "Exit this page" on a page that is not itself sensitive (so it may be kept offline): the
    # Get help index, from which readers go to the sensitive needs.
    exit_button: bool = False
    template: str | None = None

    @property
    def url(self) -> str:
        """'get-help/index.md' -> 'get-help/'; 'topics/flooding.md' -> 'topics/flooding/'."""
        if self.src_uri == "index.md" or self.src_uri.endswith("/index.md"):
            return self.src_uri.removesuffix("index.md")
        return self.src_uri.removesuffix(".md") + "/"

    @property
    def meta(self) -> dict[str, Any]:
        """The page's metadata, as front matter would have given it."""
        meta: dict[str, Any] = {"title": self.title, "summary": self.summary}
        if self.search_type:
            meta["search"] = {"type": self.search_type}
        if self.sensitive:
            meta["sensitive"] = True
        if self.exit_button:
            meta["exit_button"] = True
        if self.template:
            meta["template"] = self.template
        return meta
