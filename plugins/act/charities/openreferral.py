"""The directory as Open Referral UK JSON (HSDS 3.0): organisations, services (with contacts and
phones) and taxonomy terms, published under /data/openreferral/.

Ids are UUIDs derived from stable keys (a registered number, a need id), so they stay the same
from build to build and other directories can link to them. Every object passes the official
HSDS 3.0 and Open Referral UK schemas (tests/charities/openreferral_schemas/): required text is
always text, never null, and absent facts are left out rather than sent as null.
"""

from __future__ import annotations

import uuid
from typing import Any

from act.charities.directory import Directory, ListedCharity
from act.charities.normalise import without_contact_details
from act.charities.pages import OPEN_REFERRAL_DIR
from act.charities.referrals import Helpline
from act.charities.registers import register_of
from act.jsontext import json_text
from act.publishing.site import LICENCE, LICENCE_URL

# A fixed namespace for ACT's Open Referral ids (uuid5 of the site's address).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://active-citizens-toolkit.netlify.app/")
TAXONOMY = "Active Citizens Toolkit: Get help needs"
MAX_DESCRIPTION = 400


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _present(item: dict[str, Any]) -> dict[str, Any]:
    """Leave out what we do not know: the schemas want text or nothing, never null."""
    return {key: value for key, value in item.items() if value is not None}


def _trimmed(text: str | None) -> str | None:
    """Register text for a description: no contact details, cut at a word near the limit."""
    text = without_contact_details(text or "")
    if len(text) > MAX_DESCRIPTION:
        text = text[:MAX_DESCRIPTION].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text or None


def _charity_description(listed: ListedCharity) -> str:
    """What the charity says it does; else our own line; else its register entry."""
    return (
        _trimmed(listed.charity.activities)
        or listed.description
        or f"Registered charity {listed.number} on the register of the {listed.register.name}."
    )


def _identifiers(number: str) -> list[dict[str, str]]:
    register = register_of(number)
    if register is None:
        return []
    return [
        {
            "id": _id("charity", number, register.org_id_scheme),
            "organization_id": _id("charity", number),
            "identifier_scheme": register.org_id_scheme,
            "identifier_type": f"Registered charity number ({register.name})",
            "identifier": number,
        }
    ]


def open_referral_documents(directory: Directory, site_url: str) -> dict[str, str]:
    """{path under the site: JSON text} for organizations, services and taxonomy terms."""
    site = site_url.rstrip("/") + "/" if site_url else ""
    terms = [
        _present(
            {
                "id": _id("need", listing.need.id),
                "code": listing.need.id,
                "name": listing.need.name,
                "description": listing.need.who_it_helps,
                "taxonomy": TAXONOMY,
                "term_uri": f"{site}{listing.need.url}" if site else None,
            }
        )
        for listing in directory.listings
    ]
    organizations: dict[str, dict[str, Any]] = {}
    services: dict[str, dict[str, Any]] = {}

    def organization_for_charity(listed: ListedCharity) -> str:
        org_id = _id("charity", listed.number)
        organizations.setdefault(
            org_id,
            _present(
                {
                    "id": org_id,
                    "name": listed.name,
                    "description": _charity_description(listed),
                    "website": listed.website,
                    "uri": listed.register_url,
                    "organization_identifiers": _identifiers(listed.number),
                }
            ),
        )
        return org_id

    def organization_for_helpline(helpline: Helpline) -> str:
        name = helpline.run_by or helpline.name
        key = ("charity", helpline.charity) if helpline.charity else ("organisation", name)
        org_id = _id(*key)
        organizations.setdefault(
            org_id,
            _present(
                {
                    "id": org_id,
                    "name": name,
                    "description": f"Runs {helpline.name}."
                    if name != helpline.name
                    else helpline.note or f"Runs the helpline {helpline.name}.",
                    "website": helpline.website,
                    "organization_identifiers": _identifiers(helpline.charity)
                    if helpline.charity
                    else [],
                }
            ),
        )
        return org_id

    def attribute(service_id: str, need_id: str) -> dict[str, Any]:
        return {
            "id": _id("attribute", service_id, need_id),
            "link_id": service_id,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": _id("need", need_id),
        }

    def service(service_id: str, org_id: str, name: str, description: str, url: str | None):
        return services.setdefault(
            service_id,
            _present(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": name,
                    "description": description,
                    "url": url,
                    "status": "active",
                    "contacts": [],
                    "attributes": [],
                }
            ),
        )

    for listing in directory.listings:
        need_id = listing.need.id
        for helpline in listing.helplines:
            name = helpline.run_by or helpline.name
            service_id = _id("helpline", helpline.name, helpline.number or helpline.website or "")
            entry = service(
                service_id,
                organization_for_helpline(helpline),
                helpline.name,
                helpline.note
                or (
                    _phone_description(helpline) if helpline.number else f"Help online from {name}."
                ),
                helpline.website,
            )
            if helpline.number and not entry["contacts"]:
                entry["contacts"].append(_helpline_contact(service_id, helpline))
            entry["attributes"].append(attribute(service_id, need_id))
        for listed in listing.charities:
            service_id = _id("charity-service", listed.number)
            entry = service(
                service_id,
                organization_for_charity(listed),
                listed.name,
                _trimmed(listed.description) or _charity_description(listed),
                listed.website,
            )
            entry["attributes"].append(attribute(service_id, need_id))

    def document(items: Any) -> str:
        return json_text(items)

    return {
        f"{OPEN_REFERRAL_DIR}/index.json": document(_about(directory)),
        f"{OPEN_REFERRAL_DIR}/organizations.json": document(list(organizations.values())),
        f"{OPEN_REFERRAL_DIR}/services.json": document(list(services.values())),
        f"{OPEN_REFERRAL_DIR}/taxonomy_terms.json": document(terms),
    }


def _about(directory: Directory) -> dict[str, Any]:
    """What the files are, and under which licences they may be reused."""
    credit = directory.credit
    licences = [
        {
            "name": LICENCE,
            "url": LICENCE_URL,
            "covers": "the needs, helplines and our descriptions of charities",
            "attribution": "Active Citizens Toolkit contributors",
        }
    ]
    if credit.register_data:
        licences.append(
            {
                "name": credit.licence,
                "url": credit.licence_url,
                "covers": "charity names, numbers, websites and activities from the register",
                "attribution": "Contains public sector information from the Charity "
                "Commission for England and Wales, through CharityBase",
            }
        )
    return _present(
        {
            "description": "The Active Citizens Toolkit's Get help directory in the Open "
            "Referral UK shape (HSDS 3.0).",
            "specification": "HSDS 3.0, Open Referral UK profile",
            "files": ["organizations.json", "services.json", "taxonomy_terms.json"],
            "charity_data": (
                "Charity Commission register data via CharityBase"
                if credit.register_data
                else "Curated by the Active Citizens Toolkit; not yet checked against the register"
            ),
            "fetched_on": credit.fetched_on.isoformat() if credit.fetched_on else None,
            "licences": licences,
        }
    )


def _helpline_contact(service_id: str, helpline: Helpline) -> dict[str, Any]:
    contact_id = _id("contact", service_id)
    return {
        "id": contact_id,
        "service_id": service_id,
        "name": helpline.name,
        "phones": [
            {
                "id": _id("phone", service_id),
                "contact_id": contact_id,
                "number": helpline.number,
                "description": _phone_description(helpline),
            }
        ],
    }


def _phone_description(helpline: Helpline) -> str:
    parts = ["Free to call" if helpline.free else "Calls may cost money"]
    if helpline.hours:
        parts.append(helpline.hours)
    if helpline.where:
        parts.append(f"Covers {helpline.where}")
    return ". ".join(parts) + "."
