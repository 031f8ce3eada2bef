"""The referrals and register the refresh tests share."""

from __future__ import annotations

from pathlib import Path

REFERRALS = """\
- id: crisis
  name: Crisis support
  who_it_helps: People in a crisis.
  helplines:
    - name: Test Line
      number: "0800 000 0000"
      free: true
      hours: 24 hours a day
  charities:
    - number: 1000001
      name: Alpha Trust
      description: Our own line about Alpha.
    - number: 1000002
      name: Gone Trust
      description: A charity since removed from the register.
    - number: 1000009
      name: Nowhere Trust
      description: A number the register does not know.
  charitybase:
    search: crisis
    cap: 150
- id: money
  name: Money worries
  who_it_helps: People with debts.
  charitybase:
    search: money
    operations: [307]
    cap: 30
"""

CRISIS_COUNT = 150  # five pages of 30
ALPHA_ACTIVITIES = "HELPS PEOPLE IN NEED. GIVES FREE MONEY ADVICE."
MONEY_ACTIVITIES = "MONEY ADVICE FOR FAMILIES IN DEBT."


def snapshot_path(data: Path) -> Path:
    return data / "charities" / "snapshot.json"
