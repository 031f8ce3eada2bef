"""The Get help directory's data, read once per build: data/referrals.yml and the snapshot,
with every problem in them. `act check`, the site's address map and act/charities all use
the same reading, so the files are parsed once, not once for each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from act.charities.directory import hidden_charities, hidden_charity_problems
from act.charities.referrals import Referrals, helpline_audit, load_referrals
from act.charities.snapshot import Snapshot, read_snapshot
from act.problems import Problem
from act.wording import shown_path

REFERRALS_FILE = "referrals.yml"
SNAPSHOT_FILE = Path("charities") / "snapshot.json"


@dataclass(frozen=True)
class CharityData:
    """data/referrals.yml and the snapshot as read and checked, and every problem in them.

    `referrals` is None when the data folder has no referrals.yml (a site without a directory,
    and so no problems); `snapshot` is None when it cannot be read (`problems` says why)."""

    referrals_path: Path
    snapshot_path: Path
    referrals: Referrals | None = None
    snapshot: Snapshot | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def read_charity_data(data_dir: Path, today: date) -> CharityData:
    """Read and check the directory's data in `data_dir`; helplines are audited on `today`."""
    referrals_path = data_dir / REFERRALS_FILE
    snapshot_path = data_dir / SNAPSHOT_FILE
    if not referrals_path.exists():
        return CharityData(referrals_path, snapshot_path)
    shown = shown_path(referrals_path)
    referrals, problems = load_referrals(referrals_path, shown)
    audit = helpline_audit(referrals_path, shown, today)
    snapshot, more = read_snapshot(snapshot_path, shown_path(snapshot_path))
    if snapshot:
        more += hidden_charity_problems(hidden_charities(referrals, snapshot), shown)
    return CharityData(referrals_path, snapshot_path, referrals, snapshot, problems + audit + more)
