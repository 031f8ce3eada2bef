"""The directory as Open Referral UK JSON: organisations, services (with contacts and phones)
and taxonomy terms, published under /data/openreferral/.

Ids are UUIDs derived from stable keys (a registered number, a need id), so they stay the same
from build to build and other directories can link to them.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from act.charities.directory import Directory
from act.charities.pages import OPEN_REFERRAL_DIR

# A fixed namespace for ACT's Open Referral ids (uuid5 of the site's address).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://active-citizens-toolkit.netlify.app/")
TAXONOMY = "Active Citizens Toolkit: Get help needs"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def open_referral_documents(directory: Directory, site_url: str) -> dict[str, str]:
    """{path under the site: JSON text} for organizations, services and taxonomy terms."""
    site = site_url.rstrip("/") + "/" if site_url else ""
    terms = [
        {
            "id": _id("need", listing.need.id),
            "term": listing.need.name,
            "description": listing.need.who_it_helps,
            "taxonomy": TAXONOMY,
            "term_uri": f"{site}{listing.need.url}" if site else None,
        }
        for listing in directory.listings
    ]
    organizations: dict[str, dict[str, Any]] = {}
    services: dict[str, dict[str, Any]] = {}

    def organization_for_charity(listed) -> str:
        org_id = _id("charity", listed.number)
        organizations.setdefault(
            org_id,
            {
                "id": org_id,
                "name": listed.name,
                "description": listed.description or listed.name,
                "website": listed.website,
                "uri": listed.register_url,
                "organization_identifiers": [
                    {
                        "id": _id("charity", listed.number, "GB-CHC"),
                        "identifier_scheme": "GB-CHC",
                        "identifier_type": "Charity number",
                        "identifier": listed.number,
                    }
                ],
            },
        )
        return org_id

    def organization_for_helpline(helpline) -> str:
        if helpline.charity:
            org_id = _id("charity", helpline.charity)
            identifiers = [
                {
                    "id": _id("charity", helpline.charity, "GB-CHC"),
                    "identifier_scheme": "GB-CHC",
                    "identifier_type": "Charity number",
                    "identifier": helpline.charity,
                }
            ]
        else:
            org_id = _id("organisation", helpline.run_by or helpline.name)
            identifiers = []
        name = helpline.run_by or helpline.name
        organizations.setdefault(
            org_id,
            {
                "id": org_id,
                "name": name,
                "description": name,
                "website": helpline.website,
                "organization_identifiers": identifiers,
            },
        )
        return org_id

    def attribute(service_id: str, need_id: str) -> dict[str, Any]:
        return {
            "id": _id("attribute", service_id, need_id),
            "taxonomy_term_id": _id("need", need_id),
        }

    for listing in directory.listings:
        need_id = listing.need.id
        for helpline in listing.helplines:
            service_id = _id("helpline", helpline.name, helpline.number or helpline.website or "")
            service = services.get(service_id)
            if service is None:
                contacts = []
                if helpline.number:
                    contact_id = _id("contact", service_id)
                    contacts.append(
                        {
                            "id": contact_id,
                            "name": helpline.name,
                            "phones": [
                                {
                                    "id": _id("phone", service_id),
                                    "number": helpline.number,
                                    "description": _phone_description(helpline),
                                }
                            ],
                        }
                    )
                service = services[service_id] = {
                    "id": service_id,
                    "organization_id": organization_for_helpline(helpline),
                    "name": helpline.name,
                    "description": helpline.note or helpline.name,
                    "url": helpline.website,
                    "status": "active",
                    "contacts": contacts,
                    "attributes": [],
                }
            service["attributes"].append(attribute(service_id, need_id))
        for listed in listing.charities:
            org_id = organization_for_charity(listed)
            service_id = _id("charity-service", listed.number)
            service = services.get(service_id)
            if service is None:
                service = services[service_id] = {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": listed.name,
                    "description": listed.description or listed.name,
                    "url": listed.website,
                    "status": "active",
                    "contacts": [],
                    "attributes": [],
                }
            service["attributes"].append(attribute(service_id, need_id))

    def document(items: Any) -> str:
        return json.dumps(items, indent=2, ensure_ascii=False) + "\n"

    about = {
        "description": "The Active Citizens Toolkit's Get help directory in the Open Referral "
        "UK shape.",
        "files": ["organizations.json", "services.json", "taxonomy_terms.json"],
        "charity_data": (
            f"Charity Commission register data via CharityBase, {directory.credit.licence}"
            if directory.credit.register_data
            else "Curated by the Active Citizens Toolkit; not yet checked against the register"
        ),
        "licence_url": directory.credit.licence_url if directory.credit.register_data else None,
        "fetched_on": (
            directory.credit.fetched_on.isoformat() if directory.credit.fetched_on else None
        ),
    }
    return {
        f"{OPEN_REFERRAL_DIR}/index.json": document(about),
        f"{OPEN_REFERRAL_DIR}/organizations.json": document(list(organizations.values())),
        f"{OPEN_REFERRAL_DIR}/services.json": document(list(services.values())),
        f"{OPEN_REFERRAL_DIR}/taxonomy_terms.json": document(terms),
    }


def _phone_description(helpline) -> str:
    parts = ["Free to call" if helpline.free else "Calls may cost money"]
    if helpline.hours:
        parts.append(helpline.hours)
    if helpline.where:
        parts.append(f"Covers {helpline.where}")
    return ". ".join(parts) + "."
