"""Local help on an area's page: the Get help charities, need by need, whose areas of operation
(as the Charity Commission's register words them, through CharityBase and the snapshot) take in
one of the area's councils, its region or its nation.

The register's areas of operation are its own list (see docs/areas-sources.md): the local
authorities of England and Wales, often with "City" after the name or "City of" before it
("Leeds City", "City of Wakefield"); the metropolitan counties ("West Yorkshire"); "Throughout
England and Wales", "Throughout England", "Throughout Wales" and "Throughout London"; and
countries, Scotland and Northern Ireland among them. A charity whose snapshot entry has no
areas (one not yet refreshed from the register) is listed on no area's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from act.areas.data import Area, council_key
from act.charities.directory import Directory, ListedCharity
from act.charities.referrals import Need

# The register's words for a whole nation (or both of England and Wales), as council keys.
NATION_AREAS = {
    "england": ("throughoutengland", "throughoutenglandandwales"),
    "wales": ("throughoutwales", "throughoutenglandandwales"),
    "scotland": ("scotland", "throughoutscotland"),
    "northern-ireland": ("northernireland", "throughoutnorthernireland"),
}
LOCAL, REGION, NATION = 0, 1, 2


@dataclass(frozen=True)
class LocalNeed:
    """One need's charities that work in an area, those that name its councils first."""

    need: Need
    charities: tuple[ListedCharity, ...]


def _council_forms(name: str) -> set[str]:
    """A register area's name as council keys: as written, and without the register's "City"
    after it or "City of" before it ("Leeds City", "City of Wakefield")."""
    key = council_key(name)
    forms = {key}
    if key.startswith("cityof") and len(key) > len("cityof"):
        forms.add(key[len("cityof") :])
    if key.endswith("city") and len(key) > len("city"):
        forms.add(key[: -len("city")])
    return forms


def nearness(area: Area, region_name: str, charity_areas: Iterable[str]) -> int | None:
    """How near a charity's areas of operation come to `area`: LOCAL if one is a council of it
    (or the area itself, as "Cumbria" or "Greater Manchester"), REGION if one is "Throughout"
    its region ("Throughout London"), NATION if one is its nation; None if none is."""
    councils = {council_key(c) for c in area.councils}
    whole_area = council_key(area.name)
    region = "throughout" + council_key(region_name) if region_name else None
    found: int | None = None
    for name in charity_areas:
        forms = _council_forms(name)
        key = council_key(name)
        if forms & councils or key == whole_area:
            return LOCAL
        if region and key == region and area.region != area.nation:
            found = REGION
        elif key in NATION_AREAS.get(area.nation, ()) and found is None:
            found = NATION
    return found


def local_charities(
    area: Area, directory: Directory | None, region_names: dict[str, str]
) -> list[LocalNeed]:
    """Each need of Get help with the charities (ours and the register's) that work in `area`,
    the most local first, keeping the need's own order otherwise; needs with none are left
    out, and so are sensitive needs (domestic abuse...): their Get help pages have an "Exit
    this page" button and are never kept on the device, where an area page is (the reader's
    chosen area works without signal), so an area page links to Get help for them instead."""
    if directory is None:
        return []
    region_name = region_names.get(area.region, "")
    found = []
    for listing in directory.listings:
        if listing.need.sensitive:
            continue
        ranked = [
            (near, n, charity)
            for n, charity in enumerate(listing.charities)
            if (near := nearness(area, region_name, charity.charity.areas)) is not None
        ]
        if ranked:
            found.append(LocalNeed(listing.need, tuple(c for _, _, c in sorted(ranked, key=_rank))))
    return found


def _rank(item: tuple[int, int, ListedCharity]) -> tuple[int, int]:
    return item[0], item[1]


def charity_count(needs: Sequence[LocalNeed]) -> int:
    """How many different charities the needs list."""
    return len({c.number for need in needs for c in need.charities})
