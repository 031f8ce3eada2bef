"""The Open Referral export of a real build, validated against the official HSDS 3.0 and Open
Referral UK 3.0 JSON Schemas vendored unchanged in openreferral_schemas/ (with their licence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "openreferral_schemas"
FILES = {
    "organizations.json": "organization.json",
    "services.json": "service.json",
    "taxonomy_terms.json": "taxonomy_term.json",
}


def validator(profile: str, schema_file: str) -> Draft202012Validator:
    """The schema with its `$ref: "phone.json"` style references resolved within its folder."""
    base = f"https://schemas.example/{profile}/"
    resources = [
        (base + path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in (SCHEMAS / profile).glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = {"$ref": base + schema_file}
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def exported(build, name: str) -> list[dict]:
    return json.loads((build.site / "data" / "openreferral" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("profile", ["hsds-3.0", "oruk-3.0"])
@pytest.mark.parametrize("name", sorted(FILES))
def test_every_exported_object_passes_the_official_schema(get_help_build, profile, name):
    check = validator(profile, FILES[name])
    items = exported(get_help_build, name)
    assert items
    problems = [
        f"{item.get('name')}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for item in items
        for e in check.iter_errors(item)
    ]
    assert problems == []


def test_the_schemas_catch_what_the_old_export_got_wrong():
    """The vendored schemas are strict where it matters: a term needs a name, text is not null."""
    term = validator("oruk-3.0", "taxonomy_term.json")
    old_term = {"id": "5d1c1b8c-1f1a-5c4e-9a43-6b1e1f0e2a11", "term": "Crisis", "description": "x"}
    assert any("'name' is a required property" in e.message for e in term.iter_errors(old_term))
    organization = validator("hsds-3.0", "organization.json")
    with_null = {"id": "5d1c1b8c-1f1a-5c4e-9a43-6b1e1f0e2a11", "name": "A", "description": "B"}
    assert not list(organization.iter_errors(with_null))
    assert list(organization.iter_errors({**with_null, "website": None}))


def test_nothing_is_null_and_descriptions_say_more_than_the_name(get_help_build):
    for name in FILES:
        text = (get_help_build.site / "data" / "openreferral" / name).read_text()
        assert ": null" not in text, name
        for item in exported(get_help_build, name):
            assert item["description"].strip() and item["description"] != item["name"]


def test_descriptions_come_from_the_charitys_own_activities(get_help_build):
    organizations = {o["name"]: o for o in exported(get_help_build, "organizations.json")}
    assert organizations["Quiet Help"]["description"] == "Listens."  # its register activities
    assert organizations["Alpha Trust"]["description"] == "Helps people."
    highland = organizations["Highland Help"]
    assert highland["organization_identifiers"][0]["identifier_scheme"] == "GB-SC"
    assert highland["uri"].startswith("https://www.oscr.org.uk/")


def test_the_export_states_its_licences(get_help_build):
    about = json.loads((get_help_build.site / "data/openreferral/index.json").read_text())
    names = [licence["name"] for licence in about["licences"]]
    assert "Open Government Licence v3.0" in names
    assert all(licence["url"].startswith("https://") for licence in about["licences"])
