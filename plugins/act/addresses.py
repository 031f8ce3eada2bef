"""Every address of the site and what makes it, so that nothing is silently replaced.

A page is either written by hand (a file in content/) or made by the site from data (a topic
page from data/topics.yml, a Get help page from data/referrals.yml, the feeds...). Two sources
for one address is an error naming both, never a quiet choice of one: `act check` and the
build both use `clashes`. Links inside the content are checked against the same map.

The same goes for the site's own files: its scripts and styles (assets/), the web editor
(admin/), the service worker, robots.txt... A file of content/ at one of their addresses would
replace it (MkDocs prefers a docs file to a theme file of the same name) or be silently
replaced by it; either is an error naming what it would have replaced. The build also checks
content/ against the theme's files as MkDocs finds them (`theme_clashes`), for a theme file
these tables do not name yet.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from act.areas.data import AREAS_FILE, load_areas
from act.areas.pages import INDEX_URI as AREAS_INDEX
from act.catalogue import Catalogue
from act.charities.pages import INDEX_URI as GET_HELP_INDEX
from act.charities.referrals import Referrals, load_referrals
from act.content.body import local_target
from act.listings.feeds import ATOM_PATH, JSON_FEED_PATH
from act.listings.pages import listing_pages
from act.offline.emergency_set import MANIFEST, WORKER
from act.problems import Problem
from act.publishing.calendar import UPCOMING_PATH
from act.publishing.security_txt import PATH as SECURITY_TXT
from act.wording import shown_path

# Folders the build fills itself. A file of content/ in one would replace one of the site's
# files, or sit among them where the site's code trusts every file to be its own.
RESERVED_FOLDERS = {
    "assets/": "the site's own scripts, styles and icons (Material's and overrides/assets/)",
    "admin/": "the web editor",
    "data/": "the open data and Open Referral files",
    "pagefind/": "search",
    ".well-known/": "addresses for machines, such as security.txt (RFC 8615)",
    "areas/": "the police force area pages, their place file, feeds and calendars (act/areas)",
}

# Files the build writes at fixed addresses, besides its pages (the feeds are with the pages
# in made_by_the_site, as content links to them) and each event's calendar (site_files).
SITE_FILES = {
    WORKER: "the site's service worker (act/offline), which answers for every page",
    MANIFEST: "the web app manifest (act/offline)",
    "robots.txt": "robots.txt, made from overrides/robots.txt",
    "404.html": "the 'page not found' page",
    "sitemap.xml": "the sitemap",
    "sitemap.xml.gz": "the compressed sitemap",
    UPCOMING_PATH: "the calendar of upcoming events",
    SECURITY_TXT: "security.txt, where to report a security problem (act/publishing)",
}


@dataclass(frozen=True)
class Made:
    """A page or file the build makes: its source name, the file an editor changes to change
    it, and either the record in that file it shows or the name of the whole page."""

    src_uri: str
    file: str
    record: str = ""  # "topic 'flooding'"
    page: str = ""  # "Prepare"

    def __str__(self) -> str:
        if self.record:
            return f"{self.file} ({self.record})"
        return f"the {self.page} page the site makes from {self.file}"


def made_by_the_site(
    catalogue: Catalogue, data_dir: Path, today: date, referrals: Referrals | None = None
) -> list[Made]:
    """Everything the plugins add to the site, in the order they add it. `referrals`, when
    given, is data/referrals.yml as already read; otherwise it is read here."""
    made = [
        Made(spec.src_uri, spec.source_file, spec.made_from, spec.title)
        for spec in listing_pages(catalogue, today)
    ]
    made += [
        Made("open-data/index.md", "data/", page="Open data"),
        Made(ATOM_PATH, "content/", page="Atom feed"),
        Made(JSON_FEED_PATH, "content/", page="JSON feed"),
        Made("search/index.md", "overrides/act-search.html", page="Search"),
        Made("offline/index.md", "overrides/offline.html", page="Offline"),
    ]

    referrals_path = data_dir / "referrals.yml"
    shown = shown_path(referrals_path)
    made.append(Made(GET_HELP_INDEX, shown, page="Get help"))
    if referrals is None and referrals_path.exists():
        referrals, _ = load_referrals(referrals_path, shown)
    if referrals is not None:
        made += [Made(f"get-help/{n.id}.md", shown, f"need '{n.id}'") for n in referrals.needs]
    areas_path = data_dir / AREAS_FILE  # act/areas: /areas/, and a page per area
    made.append(Made(AREAS_INDEX, shown_path(areas_path), page="Your area"))
    if areas_path.exists():
        shown = shown_path(areas_path)
        areas, _ = load_areas(areas_path, shown, catalogue.taxonomies.regions)
        made += [Made(area.src_uri, shown, f"area '{area.id}'") for area in areas]
    return made


def site_files(catalogue: Catalogue) -> dict[str, str]:
    """{path: what it is} of the files the build writes that are not pages: SITE_FILES, the
    calendar beside each event's page and each plan's JSON Schema."""
    files = dict(SITE_FILES)
    for event in catalogue.of_kind("event"):
        files[event.calendar_path] = f"the calendar of the event '{event.slug}'"
    for plan in catalogue.plans.plans:
        files[plan.schema_path] = f"the JSON Schema of the plan '{plan.id}' (act/plans)"
    return files


def output_of(src_uri: str) -> str:
    """Where MkDocs writes a source file: 'a/b.md' -> 'a/b/index.html', 'a/index.md' ->
    'a/index.html'; other files keep their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    if stem.split("/")[-1] == "index":
        return f"{stem}.html"
    return f"{stem}/index.html"


def hand_written(catalogue: Catalogue, content_shown: str) -> list[tuple[str, str]]:
    """(output path, the file in content/ that writes it) for every file, in name order."""
    entries = catalogue.by_src_uri()
    outputs = []
    for src_uri in sorted(catalogue.files):
        entry = entries.get(src_uri)
        output = f"{entry.url}index.html" if entry else output_of(src_uri)
        outputs.append((output, f"{content_shown}/{src_uri}"))
    return outputs


def reserved_problems(outputs: list[tuple[str, str]], files: dict[str, str]) -> list[Problem]:
    """A problem for each file of content/ that would be written in a reserved folder or over
    one of the site's `files` (site_files). Compared without case, as a build on a
    case-insensitive disk (macOS, Windows) writes /Assets/ into /assets/."""
    files = {path.casefold(): what for path, what in files.items()}
    problems = []
    for output, path in outputs:
        key = output.casefold()
        for folder, what in RESERVED_FOLDERS.items():
            if key.startswith(folder):
                problems.append(
                    Problem(
                        path,
                        1,
                        "",
                        f"/{folder} is where the build writes {what}: a file of content/ "
                        "there would replace one of the site's files or pass for one",
                        "move the file to another folder",
                    )
                )
        if key in files:
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    f"/{output} is where the build writes {files[key]}: this file would "
                    "replace it, or be silently replaced by it",
                    "rename or remove the file",
                )
            )
    return problems


def clashes(catalogue: Catalogue, made: list[Made], content_shown: str) -> list[Problem]:
    """A problem for each address with two sources: a file and a generated page, two
    generated pages (a showcase project with the id 'index'), two files of content/, or a
    file in a reserved folder or at the address of one of the site's own files."""
    outputs = hand_written(catalogue, content_shown)
    problems = reserved_problems(outputs, site_files(catalogue))
    by_hand: dict[str, str] = {}
    for output, path in outputs:
        first = by_hand.setdefault(output, path)
        if first != path:  # about.md and about/index.md both make /about/
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    f"/{output.removesuffix('index.html')} would be both {first} and {path}: "
                    "one would silently replace the other",
                    "rename or move one of them",
                )
            )
    generated: dict[str, Made] = {}
    for item in made:
        output = output_of(item.src_uri)
        if output in by_hand:
            where, first = by_hand[output], by_hand[output]
            hint = "rename or remove the file: the site makes this page"
        elif output in generated:
            where, first = item.file, str(generated[output])
            hint = "give one of them another id"
        else:
            generated[output] = item
            continue
        problems.append(
            Problem(
                where,
                1,
                "",
                f"/{output.removesuffix('index.html')} would be both {first} and {item}: "
                "one would silently replace the other",
                hint,
            )
        )
    return problems


def theme_clashes(
    catalogue: Catalogue, theme_dirs: list[Path], content_shown: str
) -> list[Problem]:
    """A problem for each file of content/ written where the theme has a file of its own
    (overrides/, Material's): MkDocs would publish the content file in its place
    (Files.add_files_from_theme skips a theme file that docs_dir has). The build's backstop
    for a theme file RESERVED_FOLDERS and SITE_FILES do not name yet; a file the check has
    already refused is not reported twice."""
    refused = {problem.path for problem in catalogue.errors}
    problems = []
    for output, path in hand_written(catalogue, content_shown):
        theme_file = next((d / output for d in theme_dirs if (d / output).is_file()), None)
        if theme_file is None or path in refused:
            continue
        problems.append(
            Problem(
                path,
                1,
                "",
                f"/{output} is one of the theme's own files ({shown_path(theme_file)}): "
                "this file would replace it",
                "rename or move the file",
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


def site_problems(
    catalogue: Catalogue,
    data_dir: Path,
    content_dir: Path,
    today: date,
    referrals: Referrals | None = None,
):
    """Clashes and broken links: the checks that need the whole site (`referrals` as in
    made_by_the_site)."""
    made = made_by_the_site(catalogue, data_dir, today, referrals)
    return clashes(catalogue, made, shown_path(content_dir)) + broken_links(catalogue, made)
