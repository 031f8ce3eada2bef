"""The `act` command: tools for contributors and editors.

Each command lives beside the code it drives and registers itself through `add_command`;
this module only assembles them.
"""

from __future__ import annotations

import argparse
import sys

from act.builddate import BuildDateError, build_date
from act.charities.cli import add_charities_command
from act.check import check_site
from act.cli_options import add_site_options
from act.content.checker import check_processes
from act.content.reference import add_reference_command
from act.content.scaffold import add_new_command
from act.editor.command import add_cms_config_command
from act.links.command import add_links_command
from act.problems import format_report
from act.report.command import add_report_command
from act.wording import plural


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="act",
        description="Active Citizens Toolkit: check, write and maintain the publication. "
        "Run a command with --help for its options.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_command in COMMANDS:
        add_command(commands)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BuildDateError as err:
        print(f"act: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("act: stopped.", file=sys.stderr)
        return 130


def add_check_command(commands) -> None:
    check = commands.add_parser(
        "check",
        help="check every content file and data file, listing every problem",
        description="Check front matter in content/ and the YAML in data/. Prints each problem "
        "as path:line: field: message, with a hint. Exits 1 if there are errors (warnings "
        "alone exit 0).",
    )
    add_site_options(check)
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    catalogue, _ = check_site(args.content, args.data, build_date(), processes=check_processes())
    problems = catalogue.problems
    if problems:
        print(format_report(problems))
    errors = sum(p.is_error for p in problems)
    print(
        f"\nChecked {len(catalogue.entries)} entries: "
        + ("no errors." if not errors else f"{plural(errors, 'error')} to fix.")
    )
    return 1 if errors else 0


COMMANDS = [
    add_check_command,
    add_new_command,
    add_report_command,
    add_reference_command,
    add_cms_config_command,
    add_charities_command,
    add_links_command,
]

if __name__ == "__main__":
    sys.exit(main())
