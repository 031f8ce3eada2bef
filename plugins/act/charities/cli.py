"""`act charities ...`: refresh the committed snapshot from CharityBase, or check it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from act.builddate import build_date
from act.charities.charitybase import (
    PAGE_SIZE,
    CharityBaseError,
    CharityBaseProvider,
    CharityBaseSettings,
    PageDone,
)
from act.charities.data import REFERRALS_FILE, SNAPSHOT_FILE, read_charity_data
from act.charities.directory import HiddenCharity, hidden_charities
from act.charities.referrals import load_referrals
from act.charities.refresh import planned_requests, register_snapshot
from act.charities.snapshot import (
    SnapshotError,
    curated_snapshot,
    diff_snapshots,
    read_snapshot,
    write_snapshot,
)
from act.cli_options import add_data_option
from act.problems import format_report
from act.wording import shown_path


def add_charities_command(commands) -> None:
    charities = commands.add_parser(
        "charities",
        help="refresh or check the charity snapshot behind the Get help pages",
        description="The Get help pages are built from data/referrals.yml and the committed "
        "snapshot data/charities/snapshot.json. Builds never use the network.",
    )
    actions = charities.add_subparsers(dest="action", metavar="ACTION", required=True)
    refresh = actions.add_parser(
        "refresh",
        help="fetch charity data from CharityBase and write a new snapshot",
        description="Fetch the curated charities and each need's search from CharityBase "
        "(key in CHARITYBASE_API_KEY; endpoint in CHARITYBASE_API_URL) and replace the "
        "snapshot only when every page arrived and passed its checks. On any failure it "
        "exits 1 and the old snapshot stays exactly as it was. A curated charity the register "
        "no longer returns is left out of Get help and named; fields CharityBase could not "
        "send for some charities keep the old snapshot's values, and are named.",
    )
    refresh.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    refresh.add_argument(
        "--curated-only",
        action="store_true",
        help="no network: write a snapshot of only what data/referrals.yml states",
    )
    add_data_option(refresh)
    refresh.set_defaults(run=run_refresh)
    check = actions.add_parser(
        "check", help="check data/referrals.yml and the snapshot, listing every problem"
    )
    add_data_option(check)
    check.set_defaults(run=run_check)


def charity_data_problems(data_dir: Path):
    """The needs in data/referrals.yml and every problem in it and in the snapshot.

    A data folder without referrals.yml has no directory, and so no problems.
    """
    data = read_charity_data(data_dir, build_date())
    return data.referrals, data.problems


def hidden_curated_charities(data_dir: Path) -> tuple[str, list[HiddenCharity]]:
    """data/referrals.yml as shown, and the curated charities Get help leaves out because the
    register no longer returns them (none if either file cannot be read)."""
    referrals_path = data_dir / REFERRALS_FILE
    shown = shown_path(referrals_path)
    if not referrals_path.exists():
        return shown, []
    referrals, _ = load_referrals(referrals_path, shown)
    snapshot, _ = read_snapshot(data_dir / SNAPSHOT_FILE, shown_path(data_dir / SNAPSHOT_FILE))
    return shown, hidden_charities(referrals, snapshot) if snapshot else []


def run_check(args: argparse.Namespace) -> int:
    referrals, problems = charity_data_problems(args.data)
    if referrals is None:
        print(f"act charities check: no {args.data / REFERRALS_FILE}", file=sys.stderr)
        return 2
    if problems:
        print(format_report(problems))
    errors = [p for p in problems if p.is_error]
    print(
        f"\nChecked {len(referrals.needs)} needs and the snapshot: "
        + ("no errors." if not errors else f"{len(errors)} error(s) to fix.")
    )
    return 1 if errors else 0


def run_refresh(args: argparse.Namespace) -> int:
    referrals_path = args.data / REFERRALS_FILE
    snapshot_path = args.data / SNAPSHOT_FILE
    shown = shown_path(snapshot_path)
    unchanged = f"The snapshot {shown} was not changed."
    referrals, problems = load_referrals(referrals_path, shown_path(referrals_path))
    if any(p.is_error for p in problems):
        print(format_report(problems), file=sys.stderr)
        print(f"act charities refresh: fix {referrals_path} first. {unchanged}", file=sys.stderr)
        return 1
    old, _ = read_snapshot(snapshot_path, shown)  # a broken old snapshot is simply replaced
    notes: list[str] = []
    try:
        if args.curated_only:
            new = curated_snapshot(referrals)
        else:
            settings = CharityBaseSettings.from_environment()
            new, notes = _fetch(referrals, settings, old)
    except CharityBaseError as err:
        print(f"act charities refresh: {err}\n{unchanged}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}")
    diff = diff_snapshots(old, new)
    print(("Would change: " if args.dry_run else "Changes: ") + "\n".join(diff.lines()))
    if args.dry_run:
        print(f"Dry run: nothing written. {unchanged}")
        return 0
    try:
        write_snapshot(snapshot_path, new)
    except SnapshotError as err:
        print(f"act charities refresh: {err}\n{unchanged}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"act charities refresh: cannot write {shown}: {err}\n{unchanged}", file=sys.stderr)
        return 1
    counts = new.provenance.counts
    print(
        f"Wrote {shown}: {counts.get('charities', 0)} charities "
        f"({new.provenance.source}). Build the site to see them."
    )
    return 0


def _fetch(referrals, settings: CharityBaseSettings, old):
    # tqdm turns itself off when stderr is not a terminal (CI, tests), so logs stay clean.
    with tqdm(
        total=planned_requests(referrals, PAGE_SIZE),
        unit="request",
        desc="CharityBase",
        disable=None,
    ) as bar:

        def on_page(done: PageDone) -> None:
            if done.page == 1 and done.pages != done.planned:
                bar.total = (bar.total or 0) + done.pages - done.planned  # the real count
                bar.refresh()
            bar.set_postfix_str(done.what, refresh=False)
            bar.update(1)

        with CharityBaseProvider(settings, on_page=on_page) as provider:
            result = register_snapshot(referrals, provider, settings.endpoint, previous=old)
    return result.snapshot, result.notes
