"""`act/publishing`: what machines read of the site. Structured data (JSON-LD) on every page,
the Atom and JSON feeds, and the open data with its JSON Schemas; all computed from the
content plugin's catalogue (the open data page itself is a listing: see act/listings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from act import plans
from act.characters import UnwantedCharacter, refuse_in_html
from act.jsontext import json_text, script_json
from act.listings import feeds, open_data
from act.mkdocs.nav import content_plugin, template_values
from act.mkdocs.safe import plain
from act.publishing import security_txt, structured_data
from act.publishing.site import Site
from act.types import CONTENT_TYPES
from act.types.article import articles
from act.types.event import upcoming_events
from act.types.opportunity import open_opportunities
from act.wording import shown_path

# A section's breadcrumb parent when its pages live outside the section's own folder.
SECTION_OF = {"topics": "prepare/"}


def site_of(config: MkDocsConfig, today) -> Site:
    """The site as the machine-readable outputs describe it."""
    return Site(
        config.site_name,
        config.site_url or "https://example.org/",
        config.site_description or "",
        today,
    )


class PublishingPlugin(BasePlugin):
    written: dict[str, tuple[Any, str]] | None = None

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, and with it the
    # open data last written: a save rarely changes most of it, and indented JSON is slow to
    # write (Python's encoder has no fast path for it).
    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        self.written = {} if command == "serve" else None

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        content = content_plugin(config, "act/publishing")
        self.catalogue = content.catalogue
        self.site = site_of(config, content.today)
        self.files = files  # the same collection the later plugins add their pages to
        self.repository = str(config.extra.get("repository") or "")
        return files

    def on_page_context(
        self,
        context: TemplateContext,
        /,
        *,
        page: Page,
        config: MkDocsConfig,
        nav: Navigation,
        **kwargs: Any,
    ) -> TemplateContext | None:
        values = template_values(context)
        values["act_jsonld"] = [script_json(block) for block in self._structured_data(page, values)]
        return context

    def _structured_data(self, page: Page, context: dict) -> list[dict]:
        site, url = self.site, page.url
        blocks = []
        if page.is_homepage:
            blocks += [structured_data.organization(site), structured_data.website(site)]
        entry = context.get("act_entry")
        if entry is not None:
            names = self.catalogue.taxonomies.names()
            blocks += entry.structured_data(site, names, page.content or "")
        trail = [("Home", "")]
        section = SECTION_OF.get(url.split("/")[0], url.split("/")[0] + "/")
        # Every page has been read before any is written, so the section's title is known.
        section_file = self.files.get_file_from_path(f"{section}index.md") if url else None
        if section != url and section_file is not None and section_file.page is not None:
            trail.append((plain(section_file.page.title), section))
        if url:
            trail.append((plain(page.title) or site.name, url))
        blocks.append(structured_data.breadcrumbs(site, trail))
        return blocks

    def on_post_page(
        self, output: str, /, *, page: Page, config: MkDocsConfig, **kwargs: Any
    ) -> str | None:
        """Every page's HTML, whatever made it (a template, a generated page, mkdocs.yml): the
        checks refuse these characters in what they read; this stops what they did not."""
        written = page.file.src_uri
        if page.file.generated_by is None:
            written = shown_path(Path(config.docs_dir) / page.file.src_uri)
        try:
            shown = shown_path(Path(config.site_dir) / page.file.dest_uri)
            return refuse_in_html(output, source=written, output=shown)
        except UnwantedCharacter as err:
            raise PluginError(_refused(err)) from None

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        try:
            self._write(Path(config.site_dir))
        except UnwantedCharacter as err:
            raise PluginError(_refused(err)) from None
        self._write_security_txt(Path(config.site_dir))

    def _write_security_txt(self, out: Path) -> None:
        """/.well-known/security.txt (act/publishing/security_txt.py)."""
        report_page = self.files.get_file_from_path(security_txt.REPORT_PAGE[:-1] + ".md")
        try:
            text = security_txt.security_txt(self.site, self.repository, report_page is not None)
        except security_txt.NoSecurityContact as err:
            raise PluginError(str(err)) from None
        (out / security_txt.PATH).parent.mkdir(parents=True, exist_ok=True)
        (out / security_txt.PATH).write_text(text, encoding="utf-8")

    def _write(self, out: Path) -> None:
        """The feeds, each content type's own files (calendars) and the open data."""
        entries = feeds.feed_entries(
            articles(self.catalogue),
            open_opportunities(self.catalogue, self.site.build_date),
            upcoming_events(self.catalogue, self.site.build_date),
        )
        (out / feeds.ATOM_PATH).write_bytes(feeds.atom_feed(entries, self.site))
        (out / feeds.JSON_FEED_PATH).write_text(
            feeds.json_feed(entries, self.site), encoding="utf-8"
        )
        for content_type in CONTENT_TYPES:
            entries = self.catalogue.of_kind(content_type.kind)
            for path, data in content_type.published_files(
                entries, self.site, self.site.build_date
            ):
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                (out / path).write_bytes(data)
        terms = self.catalogue.taxonomies.names()
        for export in open_data.exports(self.catalogue, self.site):
            (out / export.path).parent.mkdir(parents=True, exist_ok=True)
            (out / export.path).write_text(
                self._json(export.path, open_data.document(export, self.site)), encoding="utf-8"
            )
            (out / export.schema_path).write_text(
                self._json(export.schema_path, open_data.schema(export, self.site, terms)),
                encoding="utf-8",
            )

        for plan in self.catalogue.plans.plans:
            (out / plan.schema_path).parent.mkdir(parents=True, exist_ok=True)
            (out / plan.schema_path).write_text(
                self._json(
                    plan.schema_path,
                    plans.json_schema(plan, self.site.absolute(plan.schema_path)),
                ),
                encoding="utf-8",
            )

    def _json(self, path: str, data: Any) -> str:
        """json_text(data); while serving, the text written last time if `data` is equal."""
        if self.written is None:
            return json_text(data)
        kept = self.written.get(path)
        if kept is None or kept[0] != data:
            kept = self.written[path] = (data, json_text(data))
        return kept[1]


def _refused(err: UnwantedCharacter) -> str:
    return f"A character that does not belong would be published:\n{err.problem}"
