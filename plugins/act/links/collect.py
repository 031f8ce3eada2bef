"""Every link to another website the publication shows, with the file and line of each.

Pages come from the checker's catalogue (their body links, autolinks and front matter, with
the line of every front matter key); data files are read with act.yamlfile, so each value has
its line. In YAML, any value that is a whole web address counts (`sources`, `website`,
`apply_url`, a helpline's `source`...), so a new field needs nothing here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from act import repository
from act.content.body import links, mask_code, web_autolinks
from act.content.frontmatter import split_front_matter
from act.problems import Problem
from act.wording import shown_path
from act.yamlfile import YamlDocument, dotted, parse_yaml, read_text

DATA_SUFFIXES = (".yml", ".yaml", ".json")
_WEB_ADDRESS = re.compile(r"https?://\S+", re.I)


@dataclass(frozen=True, order=True)
class Place:
    """Where a link is written: the file as shown, its line, and the field (`body` for a
    page's text, else the YAML key, as `sources[0].url`)."""

    path: str
    line: int
    field: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.field})"


@dataclass
class Collected:
    """Each address to check (without its #fragment) and every place it is written; and a
    problem for each file that could not be read, whose links are missing."""

    places: dict[str, list[Place]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, url: str, place: Place) -> None:
        address = checkable(url)
        if address is not None:
            self.places.setdefault(address, []).append(place)


def collect_links(content_dir: Path, data_dir: Path) -> Collected:
    """Every http(s) link in content/ (bodies and front matter) and data/, with its places.

    Each file is read here, as the check reads it (act.content.frontmatter, act.yamlfile): this
    runs now and then, so the build carries nothing for it. A file that cannot be read is named
    in `problems`; other content errors do not matter here (`act check` reports them)."""
    found = Collected()
    for root in (content_dir, data_dir):
        files, problems = repository.walk(root, shown_path) if root.is_dir() else ([], [])
        found.problems += problems
        for path in files:
            if root == content_dir and path.suffix == ".md":
                _collect_page(path, found)
            elif root == data_dir and path.suffix in DATA_SUFFIXES:
                _collect_data_file(path, found)
    for places in found.places.values():
        places.sort()
    return found


def _collect_page(path: Path, found: Collected) -> None:
    shown = shown_path(path)
    text, problems = read_text(path, shown)
    front, more = split_front_matter(text, shown) if text is not None else (None, [])
    doc: YamlDocument | None = YamlDocument({})
    if front is not None and front.yaml is not None:
        doc, more = parse_yaml(front.yaml, shown, first_line=front.yaml_line)
    if text is None or front is None or doc is None:
        found.problems.append(
            Problem(
                shown,
                1,
                "",
                "this page could not be read, so its links were not checked",
                "run `act check` to see why, and fix it",
            )
        )
        return
    body_start = front.body_start
    body_line = text.count("\n", 0, body_start) + 1
    masked = mask_code(text[body_start:])
    for link in (*links(masked), *web_autolinks(masked)):
        # A body's links are Markdown or HTML, where &amp; means &.
        found.add(html.unescape(link.url), Place(shown, body_line - 1 + link.line, "body"))
    for key, value in web_addresses(doc.value):
        found.add(value, Place(shown, doc.line_of(key), dotted(key)))


def _collect_data_file(path: Path, found: Collected) -> None:
    shown = shown_path(path)
    text, problems = read_text(path, shown)
    doc = None
    if text is not None:
        doc, more = parse_yaml(text, shown)  # JSON is YAML too, so the snapshot has lines
        problems += [p for p in more if p.is_error]
    found.problems += problems
    if doc is None:
        return
    for key, value in web_addresses(doc.value):
        found.add(value, Place(shown, doc.line_of(key), _field_name(doc.value, key)))


def web_addresses(value: Any, key: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, text) of every value in a YAML document that is one web address."""
    if isinstance(value, str):
        text = value.strip()
        if _WEB_ADDRESS.fullmatch(text):
            yield key, text
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from web_addresses(item, (*key, str(name)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from web_addresses(item, (*key, index))


def _field_name(document: Any, key: tuple) -> str:
    """The field as an editor finds it: a record in a list of records by its id
    (`domestic-abuse: helplines[0].source`), else the key path."""
    if key and isinstance(key[0], int) and isinstance(document, list):
        record = document[key[0]]
        if isinstance(record, dict) and isinstance(record.get("id"), str | int):
            rest = dotted(key[1:])
            return f"{record['id']}: {rest}" if rest else str(record["id"])
    return dotted(key)


def checkable(url: str) -> str | None:
    """The address to request for a link, without its #fragment (one request serves every
    part of a page), or None when it is not an http(s) address with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed address, as http://[::1 ; reported when checked
        return url if url.lower().startswith(("http://", "https://")) else None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if not host:
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))
