"""Every address of the site and what makes it, so that nothing is silently replaced.

A page is either written by hand (a file in content/) or made by the site from data (a topic
page from data/topics.yml, a Get help page from data/referrals.yml, the feeds...). Two sources
for one address is an error naming both, never a quiet choice of one: `act check` and the
build both use `clashes`. Links inside the content are checked against the same map.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from act.charities.pages import INDEX_URI as GET_HELP_INDEX
from act.charities.referrals import load_referrals
from act.content.body import local_target
from act.content.checker import Catalogue
from act.listings.pages import listing_pages
from act.problems import Problem
from act.publishing.feeds import ATOM_PATH, JSON_FEED_PATH
from act.wording import shown_path

# Folders the build fills itself: open data and Open Referral (data/), the search index.
RESERVED_FOLDERS = {"data/": "the open data and Open Referral files", "pagefind/": "search"}


@dataclass(frozen=True)
class Made:
    """A page or file the build makes: its source name and what it is made from."""

    src_uri: str
    source: str  # for messages: "data/topics.yml (topic 'flooding')"


def made_by_the_site(catalogue: Catalogue, data_dir: Path, today: date) -> list[Made]:
    """Everything the plugins add to the site, in the order they add it."""
    made = [
        Made(
            spec.src_uri,
            f"{spec.source_file} ({spec.made_from})"
            if spec.made_from
            else f"the {spec.title} page the site makes from {spec.source_file}",
        )
        for spec in listing_pages(catalogue, today)
    ]
    made += [
        Made("open-data/index.md", "the open data page"),
        Made(ATOM_PATH, "the Atom feed"),
        Made(JSON_FEED_PATH, "the JSON feed"),
        Made("search/index.md", "the search page"),
        Made(GET_HELP_INDEX, "the Get help page"),
    ]
    referrals_path = data_dir / "referrals.yml"
    if referrals_path.exists():
        referrals, _ = load_referrals(referrals_path, shown_path(referrals_path))
        made += [
            Made(f"get-help/{need.id}.md", f"{shown_path(referrals_path)} (need '{need.id}')")
            for need in referrals.needs
        ]
    return made


def output_of(src_uri: str) -> str:
    """Where MkDocs writes a source file: 'a/b.md' -> 'a/b/index.html', 'a/index.md' ->
    'a/index.html'; other files keep their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    if stem.split("/")[-1] == "index":
        return f"{stem}.html"
    return f"{stem}/index.html"


def hand_written(catalogue: Catalogue, content_shown: str) -> dict[str, str]:
    """{output path: the file in content/ that writes it}."""
    entries = catalogue.by_src_uri()
    outputs = {}
    for src_uri in sorted(catalogue.files):
        entry = entries.get(src_uri)
        output = f"{entry.url}index.html" if entry else output_of(src_uri)
        outputs[output] = f"{content_shown}/{src_uri}"
    return outputs


def clashes(catalogue: Catalogue, made: list[Made], content_shown: str) -> list[Problem]:
    """A problem for each address with two sources: a file and a generated page, two
    generated pages (a showcase project with the id 'index'), or a file in a reserved folder."""
    problems = []
    taken = hand_written(catalogue, content_shown)
    by_hand = set(taken)
    for item in made:
        output = output_of(item.src_uri)
        if output not in taken:
            taken[output] = item.source
            continue
        if output in by_hand:
            where, hint = taken[output], "rename or remove the file: the site makes this page"
        else:
            where, hint = item.source, "give one of them another id"
        problems.append(
            Problem(
                where.split(" (")[0],
                1,
                "",
                f"/{output.removesuffix('index.html')} would be both {taken[output]} and "
                f"{item.source}: one would silently replace the other",
                hint,
            )
        )
    for output, source in taken.items():
        for folder, what in RESERVED_FOLDERS.items():
            if output in by_hand and output.startswith(folder):
                problems.append(
                    Problem(
                        source,
                        1,
                        "",
                        f"/{folder} is where the build writes {what}",
                        "move the file to another folder",
                    )
                )
    return problems


def broken_links(catalogue: Catalogue, made: list[Made]) -> list[Problem]:
    """Links and images in content that point at nothing: a missing file, a missing heading,
    or a web address inside the site instead of the file (which breaks under a base path)."""
    generated = {item.src_uri for item in made}
    problems = []
    for src_uri, facts in catalogue.pages.items():
        folder = posixpath.dirname(src_uri)
        for link in facts.links:
            target = local_target(link.url)
            if target is None or not (target[0] or target[1]):
                continue
            path, fragment = target
            line = facts.body_line - 1 + link.line
            resolved = posixpath.normpath(posixpath.join(folder, path)) if path else src_uri
            if path.startswith("/") or resolved.startswith("../"):
                message = f"'{link.url}' leaves the site's folder"
                hint = "link to the page's file relative to this one, like ../prepare/grab-bag.md"
            elif path and path.endswith("/") or (path and not posixpath.splitext(path)[1]):
                message = f"'{link.url}' is a web address, not a file"
                hint = "link to the .md file, like ../prepare/grab-bag.md: MkDocs turns it "
                hint += "into the right address wherever the site is published"
            elif resolved not in catalogue.files and resolved not in generated:
                message = f"'{link.url}' points at {resolved}, which does not exist"
                hint = "check the file name and folder (names are case-sensitive)"
            elif (
                fragment
                and resolved in catalogue.pages
                and (fragment not in catalogue.pages[resolved].anchors)
            ):
                message = f"'{link.url}': {resolved} has no heading with the id '{fragment}'"
                known = sorted(catalogue.pages[resolved].anchors)
                hint = "use one of: " + ", ".join(known[:12]) if known else "remove the #..."
            else:
                continue
            problems.append(Problem(facts.shown, line, "link", message, hint))
    return problems


def site_problems(catalogue: Catalogue, data_dir: Path, content_dir: Path, today: date):
    """Clashes and broken links: the checks that need the whole site."""
    made = made_by_the_site(catalogue, data_dir, today)
    return clashes(catalogue, made, shown_path(content_dir)) + broken_links(catalogue, made)
