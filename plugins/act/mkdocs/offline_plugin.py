"""`act/offline`: works without signal. Adds the offline page, and after the build writes the
web app manifest and the service worker (sw.js) with this build's emergency set.

Thin adapter: what is in the set, the files it needs and the worker come from act.offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from act.generated import GeneratedPage
from act.mkdocs.nav import content_plugin, template_values
from act.mkdocs.safe import plain
from act.offline.emergency_set import (
    BUDGET,
    KEEP_OPENED_DAYS,
    MANIFEST,
    OFFLINE_PAGE,
    WORKER,
    SavedPage,
    grouped,
    in_emergency_set,
    is_sensitive,
    over_budget,
    precache,
)
from act.offline.manifest import (
    APPLE_TOUCH_ICON,
    THEME_COLOUR,
    icon_paths,
    web_app_manifest,
)
from act.offline.worker import service_worker
from act.wording import shown_path

log = get_plugin_logger(__name__)
OFFLINE_SOURCE = OFFLINE_PAGE + "index.md"
OFFLINE = GeneratedPage(
    OFFLINE_SOURCE,
    "You are offline",
    "The pages this device has saved, which open without a connection.",
    template="offline.html",
)
HOME_TITLE = "Home, with the emergency numbers"


class OfflineConfig(Config):
    enabled = opt.Type(bool, default=True)


class OfflinePlugin(BasePlugin[OfflineConfig]):
    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self.saved_pages: list[SavedPage] = []
        self.private_pages: list[str] = []

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        if self.config.enabled:
            content = content_plugin(config, "act/offline")
            content.add_generated(files, config, OFFLINE, InclusionLevel.NOT_IN_NAV)
        return files

    # Every page has been read (its front matter and title) before on_env, and none is
    # rendered yet: the offline page can list them all.
    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> Environment | None:
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self.saved_pages = [
            SavedPage(page.url, HOME_TITLE if page.is_homepage else plain(page.title or ""))
            for page in pages
            if page.file.src_uri != OFFLINE_SOURCE and in_emergency_set(page.url, page.meta)
        ]
        # Home first, then the section pages (the plan, Get help), then the rest by title.
        self.saved_pages.sort(key=lambda page: (page.url != "", page.url.count("/"), page.title))
        self.private_pages = [page.url for page in pages if is_sensitive(page.meta)]
        self.sources = {page.url: page.file.src_uri for page in pages}
        # A global, not page context: the 404 page is rendered without a page.
        env.globals["act_offline"] = self.config.enabled
        env.globals["act_theme_colour"] = THEME_COLOUR
        env.globals["act_touch_icon"] = APPLE_TOUCH_ICON
        return env

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
        if page.file.src_uri == OFFLINE_SOURCE:
            values["act_offline_groups"] = grouped(self.saved_pages)
            values["act_offline_keep_days"] = KEEP_OPENED_DAYS
        return context

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        (site / MANIFEST).write_text(
            web_app_manifest(config.site_name, config.site_description or ""), encoding="utf-8"
        )
        try:
            pages = [page.url for page in self.saved_pages]
            kept = precache(site, pages, always=[MANIFEST, *icon_paths()])
        except FileNotFoundError as error:
            raise PluginError(f"act/offline: {error}") from None
        over = over_budget(site, kept)
        if over:
            docs = shown_path(Path(config.docs_dir))
            raise PluginError(
                f"The emergency set would be {kept.gzipped_bytes / 1000:,.0f} kB gzipped, over "
                f"its {BUDGET / 1000:,.0f} kB budget: every reader's device fetches it on a "
                "first visit. These pages, marked `offline: true`, push it over:\n"
                + "\n".join(
                    f"  {docs}/{self.sources.get(url, url)} ({cost / 1000:,.1f} kB)"
                    for url, cost in over
                )
                + "\n    hint: remove `offline: true` from the pages a reader least needs "
                "without signal"
            )
        (site / WORKER).write_text(service_worker(kept, self.private_pages), encoding="utf-8")
        log.info(
            "emergency set: %d pages, %d files, %.0f kB gzipped, kept offline after a first visit",
            len(kept.pages),
            len(kept.files),
            kept.gzipped_bytes / 1000,
        )
