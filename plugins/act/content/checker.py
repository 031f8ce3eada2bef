"""Check every content file and data taxonomy in one pass, collecting every problem."""

from __future__ import annotations

import multiprocessing
import os
import sys
from datetime import date
from pathlib import Path

from act import characters, repository
from act.catalogue import Catalogue, PageFacts
from act.collections import load_collections
from act.content.body import anchors, body_findings, links, mask_code
from act.content.frontmatter import split_front_matter
from act.content.limits import markdown_limits
from act.content.prose import prose_problems
from act.entry import Entry
from act.numbers import (
    NUMBERS_FILE,
    Claim,
    claim_problems,
    load_numbers,
    nations_of,
    numbers_in,
    region_nations,
)
from act.plans import load_plans
from act.problems import Problem, Severity
from act.schema import MISSING, SLUG_PATTERN, Context, slugify
from act.taxonomies import load_taxonomies
from act.types import TYPE_BY_SECTION
from act.wording import shown_path
from act.yamlfile import YamlDocument, parse_yaml, read_text

MAX_SLUG = 80


# The key a scheduled entry carries in its data: the day it will be published.
SCHEDULED = "scheduled"


def check_content(
    content_dir: Path,
    data_dir: Path,
    today: date,
    cache: dict | None = None,
    processes: int = 1,
) -> Catalogue:
    """Read and check every Markdown file under `content_dir` and the taxonomies in `data_dir`.

    `cache` (a dict kept between calls, as `mkdocs serve` does) skips checking again a file
    whose text, taxonomies and date have not changed since the last call. `processes` > 1
    checks the files in that many processes (see check_texts); the result is the same."""
    taxonomies, problems = load_taxonomies(data_dir, shown_path)
    collections, more = load_collections(data_dir, shown_path)
    numbers, more_numbers = load_numbers(
        data_dir / NUMBERS_FILE, shown_path(data_dir / NUMBERS_FILE)
    )
    plans, plan_problems = load_plans(data_dir, shown_path)
    files, links = repository.walk(content_dir, shown_path)
    catalogue = Catalogue(
        taxonomies=taxonomies,
        collections=collections,
        numbers=numbers,
        plans=plans,
        problems=problems
        + more
        + more_numbers
        + plan_problems
        + links
        + repository.link_problems([data_dir], shown_path),
        files={f.relative_to(content_dir).as_posix() for f in files},
    )
    names = taxonomies.names()
    if cache is not None and cache.get("context") != (today, names):
        cache.clear()
        cache["context"] = (today, names)
    # Every file is read first, then the texts are checked (perhaps in several processes),
    # then the results are taken in file order, so problems are listed in the same order.
    read: list[tuple[str, str, str | None, list[Problem]]] = []
    for path in files:
        shown = shown_path(path)
        src_uri = path.relative_to(content_dir).as_posix()
        # Only pages are read here; an image is checked for what it is, any other file refused.
        refused = repository.unpublished_problem(path, src_uri, shown)
        if refused is not None or path.suffix != ".md":
            catalogue.problems.extend([refused] if refused else [])
            continue
        text, more = read_text(path, shown)
        read.append((shown, src_uri, text, more))
    checked_of: dict[tuple[str, str, str], tuple] = {}
    to_check = []
    for shown, src_uri, text, _ in read:
        if text is None:
            continue
        key = (src_uri, shown, text)
        checked = cache.get(key) if cache is not None else None
        if checked is None:
            to_check.append(key)
        else:
            checked_of[key] = checked
    for key, checked in zip(to_check, check_texts(to_check, names, today, processes), strict=True):
        checked_of[key] = checked
        if cache is not None:
            cache[key] = checked
    first_file_of: dict[str, str] = {}
    for shown, src_uri, text, file_problems in read:
        catalogue.problems.extend(file_problems)
        if text is None:
            continue
        entry, file_problems, facts = checked_of[(src_uri, shown, text)]
        catalogue.problems.extend(file_problems)
        if facts is not None:
            catalogue.pages[src_uri] = facts
        if "act:listing" in text:
            catalogue.with_directives[src_uri] = (shown, text)
        if entry is None or not entry.section:
            continue
        if entry.url in first_file_of:
            catalogue.problems.append(
                Problem(
                    shown,
                    1,
                    "",
                    f"slug '{entry.slug}' is already used by "
                    f"{first_file_of[entry.url]}; both would be published at /{entry.url}",
                    "rename one of the files",
                )
            )
            continue
        first_file_of[entry.url] = shown
        catalogue.entries.append(entry)
    catalogue.problems += page_number_problems(catalogue)
    catalogue.problems += plan_page_problems(catalogue, data_dir)
    return catalogue


def plan_page_problems(catalogue: Catalogue, data_dir: Path) -> list[Problem]:
    """A page drawn by the plan engine needs a plan that names it, and a plan needs its page."""
    problems = []
    for plan in catalogue.plans.plans:
        if plan.page not in catalogue.pages:
            problems.append(
                Problem(
                    shown_path(data_dir / "plans" / f"{plan.id}.yml"),
                    1,
                    "page",
                    f"there is no page content/{plan.page} for this plan, so it is not shown",
                    "write the page, with `template: plan.html`, or correct `page`",
                    Severity.WARNING,
                )
            )
    for src_uri, facts in catalogue.pages.items():
        if facts.meta.get("template") == "plan.html" and not catalogue.plans.for_page(src_uri):
            problems.append(
                Problem(
                    facts.shown,
                    1,
                    "template",
                    "no plan in data/plans/ names this page, so plan.html has nothing to draw",
                    f"add `page: {src_uri}` to the plan's file in data/plans/",
                )
            )
    return problems


def page_number_problems(catalogue: Catalogue) -> list[Problem]:
    """Pages that name a number to a nation it does not serve (act.numbers)."""
    if not catalogue.numbers:
        return []
    regions = region_nations(catalogue.taxonomies.regions)
    entries = catalogue.by_src_uri()
    problems = []
    for src_uri, facts in catalogue.pages.items():
        if not facts.numbers:
            continue
        entry = entries.get(src_uri)
        nations = nations_of(entry.data if entry else {}, regions)
        for where, named in facts.numbers:
            problems += claim_problems(Claim(facts.shown, where, nations, named), catalogue.numbers)
    return problems


# Below this many files a second process costs more than it saves.
PARALLEL_FROM = 200


def check_processes() -> int:
    """How many processes a whole check uses: two when this machine gives us two CPUs and can
    fork (Linux), as the build's other core is idle while it checks; else one."""
    if sys.platform != "linux":
        return 1
    return min(2, len(os.sched_getaffinity(0)))


def check_texts(
    texts: list[tuple[str, str, str]],
    taxonomies: dict[str, dict[str, str]],
    today: date,
    processes: int = 1,
) -> list[tuple[Entry | None, list[Problem], PageFacts | None]]:
    """check_text on each (src_uri, shown, text), in order. With `processes` of 2, a forked
    child checks the second half of the texts while this process checks the first; the
    child's results come back through a pipe, never a file. If the child fails, this process
    checks its half too, so the answer never depends on it."""
    if processes < 2 or len(texts) < PARALLEL_FROM:
        return [check_text(text, shown, uri, taxonomies, today) for uri, shown, text in texts]
    half = _half_by_length(texts)
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_check_in_child, args=(sending, texts[half:], taxonomies, today), daemon=True
    )
    child.start()
    sending.close()
    first = [check_text(text, shown, uri, taxonomies, today) for uri, shown, text in texts[:half]]
    try:
        second = receiving.recv()
    except (EOFError, OSError):
        second = None
    finally:
        receiving.close()
        child.join()
    if second is None or len(second) != len(texts) - half:
        second = [
            check_text(text, shown, uri, taxonomies, today) for uri, shown, text in texts[half:]
        ]
    return first + second


def _half_by_length(texts: list[tuple[str, str, str]]) -> int:
    """Where to split `texts` so both halves hold about as much text."""
    total = sum(len(text) for _, _, text in texts)
    running = 0
    for index, (_, _, text) in enumerate(texts):
        running += len(text)
        if running * 2 >= total:
            return index + 1
    return len(texts)


def _check_in_child(sending, texts, taxonomies, today) -> None:
    try:
        found = [check_text(text, shown, uri, taxonomies, today) for uri, shown, text in texts]
    except Exception:
        found = None  # the parent checks these itself, and reports what went wrong
    try:
        sending.send(found)
    except Exception:
        sending.send(None)
    finally:
        sending.close()


def entry_type(src_uri: str) -> type[Entry]:
    """The content type of a file, from its top-level folder; index pages are plain pages."""
    parts = src_uri.split("/")
    if len(parts) > 1 and parts[-1] != "index.md":
        return TYPE_BY_SECTION.get(parts[0], Entry)
    return Entry


def check_file(
    path: Path, src_uri: str, taxonomies: dict[str, dict[str, str]], today: date
) -> tuple[Entry | None, list[Problem]]:
    """Check one content file; returns its entry (None if it has errors) and its problems."""
    text, problems = read_text(path, shown_path(path))
    if text is None:
        return None, problems
    entry, problems, _ = check_text(text, shown_path(path), src_uri, taxonomies, today)
    return entry, problems


def check_text(
    text: str, shown: str, src_uri: str, taxonomies: dict[str, dict[str, str]], today: date
) -> tuple[Entry | None, list[Problem], PageFacts | None]:
    """Check the text of one content file (see check_file); also returns its PageFacts."""
    kind = entry_type(src_uri)
    doc, body_start, problems = _front_matter(text, shown, kind)
    if doc is None:
        return None, problems, None
    body_line = text.count("\n", 0, body_start) + 1
    ctx = Context(doc, shown, taxonomies, problems)
    data = kind.schema.check(doc.value, (), ctx)
    slug = Path(src_uri).stem
    if not SLUG_PATTERN.match(slug):
        ctx.problems.append(
            Problem(
                shown,
                1,
                "",
                f"file name '{Path(src_uri).name}' cannot be used in a web address",
                f"rename it to '{slugify(slug) or 'my-page'}.md'",
            )
        )
        data = MISSING
    elif len(slug) > MAX_SLUG:
        ctx.problems.append(
            Problem(
                shown,
                1,
                "",
                f"file name is {len(slug)} characters long; web addresses stay under {MAX_SLUG}",
                "shorten the file name to the title's first few words",
            )
        )
        data = MISSING
    # Code is published too: the characters are checked in the body as written.
    ctx.problems.extend(characters.body_problems(text[body_start:], shown, body_line))
    masked = mask_code(text[body_start:])
    meta = doc.value if isinstance(doc.value, dict) else {}
    summary = meta.get("summary")
    # The summary is checked on its own: listings show it without the page around it.
    named = {
        "summary": numbers_in(summary, doc.line_of(("summary",)))
        if isinstance(summary, str)
        else [],
        "body": numbers_in(masked, body_line),
    }
    facts = PageFacts(
        shown,
        body_line,
        tuple(links(masked)),
        anchors(masked),
        meta,
        tuple((where, tuple(found)) for where, found in named.items() if found),
    )
    ctx.problems.extend(prose_problems(masked, shown, body_line))
    for finding in body_findings(masked) + markdown_limits(text[body_start:]):
        ctx.problems.append(
            Problem(shown, body_line - 1 + finding.line, "body", finding.message, finding.hint)
        )
    if data is MISSING or any(p.is_error for p in ctx.problems):
        return None, ctx.problems, facts
    published = data.get("published")
    if published and published > today and not data.get("draft"):
        # Scheduled: left out of the site like a draft until that day, when the daily build
        # (.github/workflows/deploy.yml) publishes it; `act report` lists it.
        data = {**data, "draft": True, SCHEDULED: published}
    entry = kind(src_uri, slug, data)
    if kind.section and entry.review_due(today):
        ctx.report(
            ("review_by",),
            f"the review date {data['review_by']} has passed",
            "check the page is still right, then move review_by on",
            Severity.WARNING,
        )
    return entry, ctx.problems, facts


def _front_matter(
    text: str, shown: str, kind: type[Entry]
) -> tuple[YamlDocument | None, int, list[Problem]]:
    """The front matter, the offset in `text` where the body starts, and any problems."""
    if not text.strip() and kind.section:
        return (
            None,
            0,
            [
                Problem(
                    shown,
                    1,
                    "",
                    "the file is empty",
                    f"start with front matter; `act new {kind.kind} --title ...` "
                    "writes a correct one",
                )
            ],
        )
    front, problems = split_front_matter(text, shown)
    if front is None:
        return None, 0, problems
    if front.yaml is None:
        if kind.section:
            return (
                None,
                0,
                [
                    Problem(
                        shown,
                        1,
                        "",
                        "front matter is missing",
                        "start the file with a line of three dashes (---), the fields, "
                        "then another ---",
                    )
                ],
            )
        return YamlDocument({}), 0, []
    doc, problems = parse_yaml(front.yaml, shown, first_line=front.yaml_line)
    if doc is not None and doc.value is None:
        doc.value = {}
    return doc, front.body_start, problems
