"""The catalogue: everything the build knows about the content after the check (its entries,
taxonomies, data collections, numbers, what each page holds, and every problem found)."""

from __future__ import annotations

from dataclasses import dataclass, field

from act.content.body import Link
from act.entry import Entry
from act.numbers import Mention, Numbers
from act.plans import Plans
from act.problems import Problem
from act.taxonomies import Taxonomies


@dataclass(frozen=True)
class PageFacts:
    """What other checks, and the build, need to know of a Markdown file after it has been
    read: its settings (front matter) and the file line of each, where its body starts, its
    links (and autolinks to other sites, for `act links`) and its anchors."""

    shown: str
    body_line: int  # the file line of the body's first line
    links: tuple[Link, ...] = ()
    anchors: frozenset[str] = frozenset()
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    # The phone numbers its summary and its body name, for the nation check (act.numbers).
    numbers: tuple[tuple[str, tuple[Mention, ...]], ...] = ()


@dataclass
class Catalogue:
    """Everything the build knows about the content: entries, taxonomies and problems."""

    entries: list[Entry] = field(default_factory=list)
    taxonomies: Taxonomies = field(default_factory=Taxonomies)
    collections: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, PageFacts] = field(default_factory=dict)  # by src_uri, every .md read
    files: set[str] = field(default_factory=set)  # src_uri of every file in content/
    # The pages with an act:listing directive: src_uri -> (file as shown, text), for the
    # directive check (act.check), which needs every filter value first.
    with_directives: dict[str, tuple[str, str]] = field(default_factory=dict)
    # data/numbers.yml: the emergency and utility numbers pages and panels show.
    numbers: Numbers = field(default_factory=Numbers)
    # data/plans/*.yml: the plans the plan engine (overrides/plan.html) draws.
    plans: Plans = field(default_factory=lambda: Plans([]))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def by_src_uri(self) -> dict[str, Entry]:
        return {e.src_uri: e for e in self.entries}

    def of_kind(self, kind: str, include_drafts: bool = False) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind and (include_drafts or not e.is_draft)]
