"""What the MkDocs adapters need to know about the configuration: the nav, the plugins."""

from __future__ import annotations

from typing import Any, cast

from mkdocs.exceptions import PluginError
from mkdocs.utils.templates import TemplateContext


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


def content_plugin(config, needed_by: str):
    """The act/content plugin, which the other ACT plugins read the catalogue from; a clear
    error, not a KeyError, when mkdocs.yml leaves it out."""
    plugin = config.plugins.get("act/content")
    if plugin is None:
        raise PluginError(
            f"{needed_by} needs the act/content plugin: add '- act/content' under plugins: "
            "in mkdocs.yml, before it"
        )
    return plugin


def template_values(context: TemplateContext) -> dict[str, Any]:
    """A page's template context as the dictionary it is, to add ACT's values to (act_entry,
    act_jsonld...): MkDocs types it as a TypedDict of its own keys only."""
    return cast(dict[str, Any], context)
