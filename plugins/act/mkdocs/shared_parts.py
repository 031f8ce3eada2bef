"""Parts of Material's page that come out the same on thousands of pages (the navigation
drawer, the section tabs, the configuration script), rendered once per build for each set
of pages that shares them, instead of once per page.

What makes such a part differ from page to page: which nav items are active; whether the
page is itself in the nav (then the nav shows its table of contents); and the relative
addresses of its links, which MkDocs works out from the page's folder
(mkdocs.utils.get_relative_url). Two pages in sibling folders, such as opportunities/a/ and
opportunities/b/, get the same relative address for every link that leads outside both
folders. So the key is the page's parent folder, its depth and the active items; a page in
the nav, or one with a nav link inside its own folder, is always rendered itself.

In a template: `{% call act_shared("tabs", page) %}{{ super() }}{% endcall %}`."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markupsafe import Markup


class SharedParts:
    """The parts rendered so far in one build (a new instance for each Jinja environment)."""

    def __init__(self, nav) -> None:
        self.items = list(_walk(nav.items)) if nav is not None else []
        self.nav_pages = {id(item) for item in self.items if getattr(item, "is_page", False)}
        # Every folder that holds a nav link: a page whose own folder is one of these is not
        # shared (its relative address to that link is its own).
        self.link_folders = {
            folder
            for item in self.items
            if getattr(item, "url", None) is not None
            for folder in _prefixes(_folder(item.url))
        }
        self.rendered: dict[tuple, Markup] = {}
        self.renders = 0  # how many times a part was rendered rather than reused

    def key(self, name: str, page) -> tuple | None:
        """The key pages that share this part have in common, or None for a page that must
        render it itself."""
        if page is None or id(page) in self.nav_pages:
            return None
        folder = _folder(page.url)
        if folder in self.link_folders:
            return None
        active = tuple(id(item) for item in self.items if getattr(item, "active", False))
        return (name, folder[:-1], len(folder), active)

    def __call__(self, name: str, page, caller: Callable[[], str]) -> Markup:
        key = self.key(name, page)
        if key is not None and key in self.rendered:
            return self.rendered[key]
        self.renders += 1
        part = Markup(caller())
        if key is not None:
            self.rendered[key] = part
        return part


def _walk(items) -> Iterator:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _folder(url: str) -> tuple[str, ...]:
    """The folder MkDocs makes a page's links relative to, as get_relative_url finds it:
    "a/b/" is in a/b, "a/b.html" in a (a last part with a dot is a file)."""
    folder, _, last = url.rpartition("/")
    if "." in last:
        url = folder
    return tuple(part for part in url.split("/") if part not in ("", "."))


def _prefixes(folder: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    for end in range(len(folder) + 1):
        yield folder[:end]
