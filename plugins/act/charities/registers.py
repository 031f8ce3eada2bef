"""The three UK charity registers, and which one a registered number belongs to.

England and Wales numbers are digits (219432); Scottish numbers start SC (SC012345);
Northern Irish ones NIC (NIC100002). CharityBase holds only the England and Wales register, so
Scottish and Northern Irish charities are curated by hand and never looked up by a refresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Register:
    key: str
    name: str
    pattern: re.Pattern[str]
    org_id_scheme: str  # org-id.guide prefix, as Open Referral and 360Giving use
    entry_url: str  # {} is the number as the register writes it in its addresses
    in_charitybase: bool

    def url_for(self, number: str) -> str:
        """The charity's entry on this register."""
        digits = number.removeprefix("NIC") if self.key == "ccni" else number
        return self.entry_url.format(digits)


ENGLAND_AND_WALES = Register(
    "ccew",
    "Charity Commission for England and Wales",
    re.compile(r"[1-9]\d{5,7}"),
    "GB-CHC",
    "https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/{}",
    in_charitybase=True,
)
SCOTLAND = Register(
    "oscr",
    "Scottish Charity Regulator (OSCR)",
    re.compile(r"SC\d{6}"),
    "GB-SC",
    "https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number={}",
    in_charitybase=False,
)
NORTHERN_IRELAND = Register(
    "ccni",
    "Charity Commission for Northern Ireland",
    re.compile(r"NIC\d{6}"),
    "GB-NIC",
    "https://www.charitycommissionni.org.uk/charity-details/?regId={}&subId=0",
    in_charitybase=False,
)
REGISTERS = (ENGLAND_AND_WALES, SCOTLAND, NORTHERN_IRELAND)


def register_of(number: str) -> Register | None:
    """The register whose numbers look like this one, or None."""
    return next((r for r in REGISTERS if r.pattern.fullmatch(number)), None)


def number_order(number: str) -> tuple[int, int]:
    """Sort key: England and Wales, then Scotland, then Northern Ireland, each by number."""
    register = register_of(number)
    rank = REGISTERS.index(register) if register else len(REGISTERS)
    digits = re.sub(r"\D", "", number)
    return rank, int(digits or 0)
