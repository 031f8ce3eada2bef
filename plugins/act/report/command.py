"""`act report`: the editorial report on the command line."""

from __future__ import annotations

import argparse
import sys

from act.builddate import build_date
from act.cli_options import add_site_options
from act.report.attention import CLOSING_WARNING_DAYS, REVIEW_WARNING_DAYS, build_report
from act.report.formats import FORMATS, render
from act.report.readability import READING_AGE_TARGET


def add_report_command(commands) -> None:
    """Register `act report` with the `act` command."""
    # Imported here: act.cli imports this module to list its commands.

    report = commands.add_parser(
        "report",
        help="list what needs an editor: reviews due, closing opportunities, drafts, reading age",
        description=(
            "List the content that needs an editor: review dates that have passed or fall "
            f"within {REVIEW_WARNING_DAYS} days, opportunities that have closed or close within "
            f"{CLOSING_WARNING_DAYS} days, files with TODO placeholders left in, articles with a "
            f"reading age above {READING_AGE_TARGET}, articles awaiting expert review, "
            "drafts, and curated charities the register no longer returns. Then the reading "
            "age of every article. Dates are measured from today, or from "
            "ACT_BUILD_DATE=YYYY-MM-DD. The report never fails the build: it always exits 0 "
            "once it has read the content."
        ),
        epilog='example: act report --format markdown >> "$GITHUB_STEP_SUMMARY"',
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (for a terminal, the default), markdown (for a pull request or CI "
        "summary) or json (for other programs)",
    )
    add_site_options(report)
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    report = build_report(args.content, args.data, build_date())
    sys.stdout.write(render(report, args.format))
    return 0
