"""`act/areas`: adds /areas/ and a page per police force area from data/areas.yml (checked by
`act check`, in act/check.py), the place file the place field reads, the areas' open data,
each area's feed and calendar, and each area page's JSON-LD. Never touches the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from act.areas import publish
from act.areas.data import Area, read_area_data
from act.areas.pages import PLACES_PATH, area_pages
from act.characters import UnwantedCharacter
from act.charities.data import CharityData
from act.charities.directory import Directory, build_directory
from act.jsontext import script_json
from act.mkdocs.nav import content_plugin, nav_paths, template_values
from act.mkdocs.publishing_plugin import site_of
from act.problems import format_report
from act.templates import fragment_environment
from act.types.event import upcoming_events
from act.types.opportunity import finder_items, open_opportunities


class AreasPlugin(BasePlugin):
    """Thin adapter: reads the areas, then adds their pages and files."""

    supports_multiple_instances = False

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files:
        content = content_plugin(config, "act/areas")
        catalogue = content.catalogue
        data = read_area_data(content.data_dir, catalogue.taxonomies.regions)
        if data.errors:  # act/content's check has stopped the build already; in case not:
            raise PluginError(
                "The area pages cannot be built. Fix these and build again:\n"
                + format_report(data.errors)
            )
        self.areas: dict[str, Area] = {a.url: a for a in data.areas}
        self.site = site_of(config, content.today)
        self.roles = finder_items(catalogue, content.today)
        self.opportunities = open_opportunities(catalogue, content.today)
        self.events = upcoming_events(catalogue, content.today)
        # Without data/areas.yml, /areas/ is still made (it is in the nav) and says so.
        overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        env = fragment_environment(overrides)
        nav_pages = nav_paths(config.nav)
        region_names = catalogue.taxonomies.names()["regions"]
        pages = area_pages(
            data.areas,
            env,
            catalogue.numbers,
            self.roles,
            self.events,
            region_names,
            directory=_directory(content.charities),
        )
        for page in pages:
            inclusion = (
                InclusionLevel.INCLUDED if page.src_uri in nav_pages else InclusionLevel.NOT_IN_NAV
            )
            content.add_generated(files, config, page, inclusion)
        if not data.exists:
            return files
        try:
            files.append(File.generated(config, PLACES_PATH, content=publish.places(data.areas)))
        except UnwantedCharacter as err:
            raise PluginError(f"A character that does not belong:\n{err.problem}") from None
        return files

    # After act/publishing has set the page's JSON-LD.
    @event_priority(-10)
    def on_page_context(
        self,
        context: TemplateContext,
        /,
        *,
        page: Page,
        config: MkDocsConfig,
        nav: Navigation,
        **kwargs: Any,
    ) -> TemplateContext:
        values = template_values(context)
        if page.is_homepage and self.areas:
            values["act_areas_places"] = PLACES_PATH  # home.html shows the place field
        area = self.areas.get(page.url)
        if area is not None:
            blocks = publish.structured_data(area, self.site)
            values["act_jsonld"] = [*values.get("act_jsonld", []), *map(script_json, blocks)]
        return context

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        if not self.areas:
            return
        out = Path(config.site_dir)
        areas = list(self.areas.values())
        try:
            for path, text in publish.open_data_files(areas, self.site).items():
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                (out / path).write_text(text, encoding="utf-8")
            for area in areas:
                for path, data in publish.alert_files(
                    area, self.opportunities, self.events, self.site
                ).items():
                    (out / path).parent.mkdir(parents=True, exist_ok=True)
                    (out / path).write_bytes(data)
        except UnwantedCharacter as err:
            raise PluginError(f"A character that does not belong:\n{err.problem}") from None


def _directory(charities: CharityData | None) -> Directory | None:
    """Get help's directory as act/content's check read it, for the charities an area page
    lists; none when the site has no directory or its data has errors (act/charities stops
    the build for those)."""
    if charities is None or charities.referrals is None or charities.snapshot is None:
        return None
    if charities.errors:
        return None
    return build_directory(charities.referrals, charities.snapshot)
