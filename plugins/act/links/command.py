"""`act links`: check every link to another website, and say what moved and what died."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tqdm import tqdm

from act.cli_options import add_site_options
from act.links.cache import ResultCache, default_cache_path
from act.links.collect import collect_links
from act.links.fetch import USER_AGENT, CheckSettings, LinkChecker
from act.links.report import DEFAULT_MAX_AGE, FORMATS, check_links, render, summary
from act.wording import plural

SETTINGS = CheckSettings()  # how politely and patiently; tests put quicker ones here


def add_links_command(commands) -> None:
    """Register `act links` with the `act` command."""
    links = commands.add_parser(
        "links",
        help="check every link to another website; list what moved and what died",
        description=(
            "Check every link to another website: in the text and front matter of each page "
            "in content/ (sources, organisation pages, apply links) and in the data files "
            "(helpline websites and sources, charity websites, project links). Each address "
            "is asked once, however many pages use it, and gently: at most "
            f"{SETTINGS.per_host} requests at once to one site, "
            f"{SETTINGS.host_delay:g} s apart, as '{USER_AGENT}'. "
            "The report lists dead links (404 or 410, a name that is not found, a broken "
            "secure connection, no answer after retries) and moved links (permanent "
            "redirects: old address and new), each with the files and lines that use it. "
            f"Links that worked are remembered for {DEFAULT_MAX_AGE.days} days in a cache "
            f"outside the repository ({default_cache_path()}). Exits 1 if a link is dead, "
            "0 otherwise (a moved link alone does not fail), and 2 when not one site answered "
            "(offline?)."
        ),
        epilog="examples: act links | act links --fresh | act links --format markdown",
    )
    links.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (for a terminal, the default), markdown (for a GitHub issue or CI summary) "
        "or json (every link, for other programs)",
    )
    links.add_argument(
        "--fresh",
        action="store_true",
        help="check every link again, ignoring what the cache remembers",
    )
    links.add_argument(
        "--max-age",
        type=_days,
        default=DEFAULT_MAX_AGE.days,
        metavar="DAYS",
        help=f"check again links that worked more than DAYS ago (default: {DEFAULT_MAX_AGE.days})",
    )
    links.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"where to remember results (default: {default_cache_path()})",
    )
    add_site_options(links)
    links.set_defaults(run=run_links)


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of days") from None
    if days < 0:
        raise argparse.ArgumentTypeError("the number of days cannot be negative")
    return days


def run_links(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    collected = collect_links(args.content, args.data)
    cache, note = ResultCache.load(args.cache or default_cache_path())
    if note:
        print(f"act links: {note}", file=sys.stderr)
    # tqdm turns itself off when stderr is not a terminal (CI, tests), so logs stay clean.
    bar = tqdm(total=0, unit="link", desc="Checking links", disable=None, file=sys.stderr)

    def start(total: int) -> None:
        bar.reset(total=total)
        if total < len(collected.places):
            reused = len(collected.places) - total
            print(
                f"{plural(reused, 'link')} worked recently (cache); checking {total}.",
                file=sys.stderr,
            )

    with bar, LinkChecker(SETTINGS) as checker:
        report = check_links(
            collected,
            checker,
            now=now,
            cache=cache,
            max_age=timedelta(days=args.max_age),
            fresh=args.fresh,
            on_start=start,
            on_result=lambda result: bar.update(),
        )
    note = cache.save()
    if note:
        print(f"act links: {note}", file=sys.stderr)
    if report.no_site_answered:
        print(
            f"act links: not one site answered ({plural(len(report.links), 'link')} asked). "
            "Is this computer online? No report was made; try again when it is.",
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(render(report, args.format))
    if args.format != "text":
        print(summary(report), file=sys.stderr)
    return 1 if report.any_dead else 0
