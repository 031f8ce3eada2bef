"""The one interface every charity source offers, and the provider a build uses.

A provider answers two questions: which of these registered numbers are charities, and which
charities match a need. SnapshotProvider answers from the committed snapshot (no network);
CharityBaseProvider (act.charities.charitybase) answers from the live API during a refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from act.charities.referrals import Need
from act.charities.snapshot import Charity, Snapshot


class CharityProvider(Protocol):
    def charities_by_number(self, numbers: Sequence[str]) -> list[Charity]:
        """The charities with these registered numbers that the source knows."""
        ...

    def matching_charities(self, need: Need) -> list[Charity]:
        """Charities matching the need's filters, best first, at most its cap."""
        ...


class SnapshotProvider:
    """Charities from a snapshot: the only source a build ever reads."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._by_number = snapshot.by_number()

    def charities_by_number(self, numbers: Sequence[str]) -> list[Charity]:
        return [self._by_number[n] for n in numbers if n in self._by_number]

    def matching_charities(self, need: Need) -> list[Charity]:
        cap = need.filters.cap if need.filters else 0
        numbers = self.snapshot.matches.get(need.id, ())
        return self.charities_by_number(numbers)[:cap]

    def removed_numbers(self) -> set[str]:
        """Curated charities the register lists as removed, which must not be shown."""
        return {r.number for r in self.snapshot.removed_from_register}
