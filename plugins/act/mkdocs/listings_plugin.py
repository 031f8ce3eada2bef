"""`act/listings`: adds the listing pages, generated in memory, to the build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from act.listings.pages import fragment_environment, listing_pages


class ListingsPlugin(BasePlugin):
    def on_files(self, files, config):
        content = config.plugins["act/content"]
        overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        env = fragment_environment(overrides)
        nav_pages = {item for item in _nav_paths(config.nav or [])}
        for page in listing_pages(content.catalogue, env, content.today):
            if files.get_file_from_path(page.src_uri):
                continue  # a hand-written page of the same name wins
            inclusion = (
                InclusionLevel.INCLUDED if page.src_uri in nav_pages else InclusionLevel.NOT_IN_NAV
            )
            file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            files.append(file)
        return files


def _nav_paths(nav):
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_paths(value)
        elif isinstance(value, str):
            yield value
