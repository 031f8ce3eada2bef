"""A fixture project for the Get help pages: register data, a removed curated charity, a
curated charity not yet refreshed, and a charity with a hostile name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from act.charities.snapshot import (
    FROM_REGISTER,
    SOURCE_CHARITYBASE,
    Charity,
    Provenance,
    RemovedCharity,
    Snapshot,
    snapshot_text,
)
from support import FIXTURES, Build, make_project, run_build

HOSTILE = "<script>alert(1)</script>"
REFERRALS_FOR_BUILD = """\
- id: crisis
  name: Crisis support
  who_it_helps: People in a crisis & those around them.
  helplines:
    - name: Test Line
      number: "0800 000 0000"
      free: true
      hours: 24 hours a day
      website: https://line.example/
  charities:
    - number: 1000001
      name: Alpha Trust
      description: Our own line about Alpha.
    - number: 1000002
      name: Gone Trust
      description: A charity since removed from the register.
    - number: 1000003
      name: Not Yet Refreshed Trust
      website: https://notyet.example/
      description: Added to the YAML after the last refresh.
  charitybase:
    search: crisis
    cap: 30
- id: money
  name: Money worries
  who_it_helps: People with debts.
  charitybase:
    search: money
    cap: 30
"""


def register_snapshot_with_a_hostile_charity() -> Snapshot:
    alpha = Charity(
        "1000001",
        "Alpha Trust (Registered)",
        FROM_REGISTER,
        "https://alpha.example/",
        "Helps people.",
        areas=("Throughout England and Wales",),
        latest_income=123456,
        income_year_end=date(2025, 3, 31),
        registered_on=date(1990, 5, 1),
    )
    hostile = Charity(
        "2000001",
        HOSTILE,
        FROM_REGISTER,
        "https://evil.example/'onmouseover='alert(2)",
        "</script><script>alert(3)</script> & more",
        areas=("Leeds", "York"),
    )
    other = Charity("2000002", "Quiet Help", FROM_REGISTER, None, "Listens.")
    return Snapshot(
        Provenance(
            SOURCE_CHARITYBASE,
            fetched_at="2026-05-15T09:30:00Z",
            endpoint="https://charitybase.uk/api/graphql",
            licence="Charity Commission register data via CharityBase, under the "
            "Open Government Licence v3.0",
            licence_url="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            counts={"charities": 3},
        ),
        (alpha, hostile, other),
        {"crisis": ("1000001", "2000001", "2000002"), "money": ()},
        (RemovedCharity("1000002", "Gone Trust", date(2020, 1, 1)),),
        (),
    )


def build_get_help_project(dest: Path) -> Build:
    """Copy the fixture site to `dest`, add the directory's data, and build it."""
    project = make_project(FIXTURES / "site", dest)
    (project / "data" / "referrals.yml").write_text(REFERRALS_FOR_BUILD, encoding="utf-8")
    (project / "data" / "charities").mkdir(exist_ok=True)
    (project / "data" / "charities" / "snapshot.json").write_text(
        snapshot_text(register_snapshot_with_a_hostile_charity()), encoding="utf-8"
    )
    return run_build(project)
