"""The one interface every charity source offers, and the provider a build uses.

A provider answers two questions: which of these registered numbers are charities, and which
charities match a need. SnapshotProvider answers from the committed snapshot (no network);
CharityBaseProvider (act.charities.charitybase) answers from the live API during a refresh.
A source that sent some charities with fields missing says so in `field_failures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from act.charities.referrals import Need
from act.charities.snapshot import Charity, Snapshot


@dataclass(frozen=True)
class FieldFailure:
    """The source answered, but could not give these fields of this charity."""

    number: str | None  # None when even its number failed
    fields: tuple[str, ...]  # the source's own field names, like ("registrations",)
    message: str
    during: str  # which request, for the report


class CharityProvider(Protocol):
    field_failures: list[FieldFailure]

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
        self.field_failures: list[FieldFailure] = []

    def charities_by_number(self, numbers: Sequence[str]) -> list[Charity]:
        return [self._by_number[n] for n in numbers if n in self._by_number]

    def matching_charities(self, need: Need) -> list[Charity]:
        cap = need.filters.cap if need.filters else 0
        numbers = self.snapshot.matches.get(need.id, ())
        return self.charities_by_number(numbers)[:cap]
