"""The committed front-matter reference is exactly what the schemas generate."""

from __future__ import annotations

from act.content.reference import REFERENCE_PATH, front_matter_reference
from act.types import CONTENT_TYPES
from support import ROOT


def test_committed_reference_matches_the_schemas():
    committed = (ROOT / REFERENCE_PATH).read_text(encoding="utf-8")
    assert committed == front_matter_reference(), (
        f"{REFERENCE_PATH} is out of date with the schemas in plugins/act/types/: "
        "run `make reference` and commit the result"
    )


def test_reference_has_a_row_for_every_field_of_every_type():
    reference = front_matter_reference()
    for entry_type in CONTENT_TYPES:
        section = reference.split(f"## {entry_type.kind.capitalize()}\n")[1].split("\n## ")[0]
        for field in entry_type.schema.fields:
            required = "yes" if field.required else "no"
            assert f"| `{field.name}` | {required} |" in section, (entry_type.kind, field.name)
