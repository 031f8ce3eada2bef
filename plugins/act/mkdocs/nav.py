"""What the MkDocs adapters need to know about the configured navigation."""

from __future__ import annotations


def nav_paths(nav) -> set[str]:
    """Every page path named in mkdocs.yml's `nav`, at any depth."""
    found: set[str] = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= nav_paths(value)
        elif isinstance(value, str):
            found.add(value)
    return found
