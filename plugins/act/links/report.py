"""The link report: every address with where it is written, what moved and what died, as
plain text (a terminal), Markdown (a GitHub issue or job summary) or JSON (other programs)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from act.jsontext import json_text
from act.links.cache import ResultCache
from act.links.collect import Collected, Place
from act.links.fetch import (
    DEAD,
    MOVED,
    OK,
    UNCHECKED,
    LinkChecker,
    LinkResult,
    check_all,
    host_of,
)
from act.problems import Problem, format_report, visible
from act.wording import long_date, plural

FORMATS = ("text", "markdown", "json")
DEFAULT_MAX_AGE = timedelta(days=7)
# Places listed under one address in Markdown, so a GitHub issue stays under its size limit.
MARKDOWN_PLACES = 12


@dataclass(frozen=True)
class CheckedLink:
    result: LinkResult
    places: list[Place]

    @property
    def url(self) -> str:
        return self.result.url


@dataclass
class LinkReport:
    """Every address checked (by address), and the files whose links could not be read."""

    checked_at: datetime
    links: list[CheckedLink] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def with_verdict(self, verdict: str) -> list[CheckedLink]:
        return [link for link in self.links if link.result.verdict == verdict]

    @property
    def from_cache(self) -> int:
        return sum(link.result.from_cache for link in self.links)

    @property
    def any_dead(self) -> bool:
        return any(link.result.verdict == DEAD for link in self.links)

    @property
    def no_site_answered(self) -> bool:
        """True when links to several sites were asked and not one site answered: this
        computer is most likely offline, and calling every link dead would be wrong."""
        asked = [link.result for link in self.links if not link.result.from_cache]
        return len({host_of(r.url) for r in asked}) > 1 and all(r.status is None for r in asked)


def check_links(
    collected: Collected,
    checker: LinkChecker,
    *,
    now: datetime,
    cache: ResultCache | None = None,
    max_age: timedelta = DEFAULT_MAX_AGE,
    fresh: bool = False,
    on_start: Callable[[int], None] = lambda total: None,
    on_result: Callable[[LinkResult], object] = lambda result: None,  # its value is unused
) -> LinkReport:
    """Check every collected address (those the cache holds from within `max_age` are taken
    from it, unless `fresh`); `on_start` is told how many will be asked, `on_result` each."""
    results: dict[str, LinkResult] = {}
    to_check: list[str] = []
    for url in collected.places:
        kept = None if fresh or cache is None else cache.fresh(url, now, max_age)
        if kept is None:
            to_check.append(url)
        else:
            results[url] = kept
    on_start(len(to_check))
    checked = check_all(to_check, checker, on_result)
    results.update(checked)
    if cache is not None:
        for result in checked.values():
            cache.store(result, now)
    links = [CheckedLink(results[url], places) for url, places in sorted(collected.places.items())]
    return LinkReport(now, links, list(collected.problems))


def render(report: LinkReport, form: str) -> str:
    return {"text": as_text, "markdown": as_markdown, "json": as_json}[form](report)


def summary(report: LinkReport) -> str:
    """'Checked 120 links (100 from the cache): 2 dead, 1 moved, 1 could not be checked.'"""
    cached = f" ({report.from_cache} from the cache)" if report.from_cache else ""
    counts = [
        f"{len(report.with_verdict(DEAD))} dead",
        f"{len(report.with_verdict(MOVED))} moved",
        f"{len(report.with_verdict(UNCHECKED))} could not be checked",
    ]
    return f"Checked {plural(len(report.links), 'link')}{cached}: " + ", ".join(counts) + "."


SECTIONS = (
    (DEAD, "Dead", "these no longer work: find the page's new address, or remove the link"),
    (MOVED, "Moved", "these moved for good: change each place to the new address"),
    (
        UNCHECKED,
        "Could not be checked",
        "the site refused or failed: open each in a browser to see if it works",
    ),
)


def as_text(report: LinkReport) -> str:
    lines: list[str] = []
    if report.problems:
        lines += [format_report(report.problems), ""]
    for verdict, title, advice in SECTIONS:
        links = report.with_verdict(verdict)
        if not links:
            continue
        lines += [f"{title} ({len(links)}): {advice}", ""]
        for link in links:
            # Addresses come from files and servers: invisible characters are named, never
            # sent to the terminal as they are.
            lines.append(f"  {visible(link.url)}")
            lines.append(f"    {visible(_what_happened(link.result))}")
            lines += [f"    {visible(str(place))}" for place in link.places]
            lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def as_markdown(report: LinkReport) -> str:
    lines = [f"## Links to other websites, {long_date(report.checked_at.date())}", ""]
    if report.problems:
        lines += [
            f"{plural(len(report.problems), 'file')} could not be read, so their links were "
            "not checked: run `act check` to see why.",
            "",
        ]
    lines += [summary(report), ""]
    if not any(report.with_verdict(v) for v, _, _ in SECTIONS):
        lines.append("Every link works.")
    for verdict, title, advice in SECTIONS:
        links = report.with_verdict(verdict)
        if not links:
            continue
        lines += [f"### {title} ({len(links)})", "", advice[0].upper() + advice[1:] + ".", ""]
        rows = [
            (
                _markdown_url(visible(link.url)),
                _markdown_text(visible(_what_happened(link.result))),
                _where(link),
            )
            for link in links
        ]
        lines += _markdown_table(("Address", "What happened", "Where"), rows)
        lines.append("")
    lines.append("Made by `act links`; run it yourself to check again (see the README).")
    return "\n".join(lines) + "\n"


def as_json(report: LinkReport) -> str:
    data = {
        "checked_at": report.checked_at.isoformat(),
        "counts": {v: len(report.with_verdict(v)) for v in (OK, MOVED, DEAD, UNCHECKED)},
        "unread_files": [
            {"path": p.path, "line": p.line, "message": p.message} for p in report.problems
        ],
        "links": [
            {
                **link.result.as_json(),
                "from_cache": link.result.from_cache,
                "places": [{"path": p.path, "line": p.line, "field": p.field} for p in link.places],
            }
            for link in report.links
        ],
    }
    return json_text(data)


def _what_happened(result: LinkResult) -> str:
    if result.verdict == MOVED:
        kinds = ", ".join(str(hop.status) for hop in result.hops)
        return f"moved to {result.new_url} (redirect {kinds})"
    return result.detail


def _where(link: CheckedLink) -> str:
    shown = [
        f"`{_code(visible(p.path))}:{p.line}` (`{_code(visible(p.field))}`)" for p in link.places
    ]
    if len(shown) > MARKDOWN_PLACES:
        shown = shown[:MARKDOWN_PLACES] + [f"and {len(shown) - MARKDOWN_PLACES} more"]
    return "<br>".join(shown)


_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
_URL_IN_TEXT = re.compile(r"https?://[^\s()]+")


def _markdown_url(url: str) -> str:
    """A clickable address when it is plainly one, else inert code (no mentions, no HTML)."""
    return f"<{url}>" if _PLAIN_URL.fullmatch(url) else f"`{_code(url)}`"


def _markdown_text(text: str) -> str:
    """A sentence shown as text, its addresses as links: no HTML, emphasis or tables."""
    parts, last = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        parts += [_escape(text[last : match.start()]), _markdown_url(match[0])]
        last = match.end()
    return "".join([*parts, _escape(text[last:])])


def _escape(text: str) -> str:
    # A bar is escaped by the table, once.
    return re.sub(r"([\\`*_\[\]<>#!~&])", r"\\\1", text)


def _code(text: str) -> str:
    """Text for inside a code span: no backtick to close it, no bar to split a table cell."""
    return text.replace("`", "'").replace("|", "%7C")


def _markdown_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    def line(cells) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [line(header), line("---" for _ in header), *(line(r) for r in rows)]
