"""`act/editor`: the web editor at /admin/ (Decap CMS), added to the build as generated files.

Thin adapter: the configuration comes from act.editor.config; the page and our script from
overrides/admin/; Decap's own code from the folder scripts/ensure-decap fills (.cache/decap/).
Nothing here is content: /admin/ never goes through the content checks, the navigation or the
search index.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import Template
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from act.content.checker import shown_path
from act.editor.config import cms_config, cms_config_yaml, content_collections, data_formats
from act.mkdocs.nav import content_plugin
from act.taxonomies import load_taxonomies

ADMIN = "admin"
LOCAL_BACKEND_VARIABLE = "ACT_EDITOR_LOCAL_BACKEND"
# `make edit` writes what `act check` said of the last publish into this file; the editor's
# page shows it above the editor until a publish passes (an empty file: nothing to show).
PROBLEMS_VARIABLE = "ACT_EDITOR_PROBLEMS"
PAGE_TEMPLATE = "admin/index.html"  # in overrides/: a plain page, not a Material template


class EditorConfig(Config):
    enabled = opt.Type(bool, default=True)
    bundle = opt.Type(str, default=".cache/decap")
    repository = opt.Type(str, default="")
    # The address of decap-server; empty: the GitHub backend. `make edit` sets it through
    # the environment (LOCAL_BACKEND_VARIABLE), never a deploy.
    local_backend = opt.Type(str, default="")


class EditorPlugin(BasePlugin[EditorConfig]):
    # The last configuration and its YAML: a `mkdocs serve` rebuild after a save to content/
    # has the same configuration, and writing it out as YAML is the slow part.
    written: tuple[dict, str] | None = None

    # Defining on_startup keeps this instance, and with it `written`, across `mkdocs serve`
    # rebuilds.
    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        self.written = None

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        if not self.config.enabled:
            return
        root = Path(config.config_file_path).parent
        self.bundle = root / self.config.bundle
        self.data_dir = content_plugin(config, "act/editor").data_dir  # declared there once
        self.local_backend = self.config.local_backend or os.environ.get(LOCAL_BACKEND_VARIABLE, "")
        if not (self.bundle / "decap-cms" / "decap-cms.js").is_file():
            raise PluginError(
                f"The web editor's code is not in {self.config.bundle}/: run scripts/ensure-decap "
                "(make site does), or disable it with `act/editor: {enabled: false}`"
            )

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        if not self.config.enabled:
            return files
        taxonomies, problems = load_taxonomies(self.data_dir, shown_path)
        if any(p.is_error for p in problems):
            return files  # act/content stops the build with these problems
        site_config = cms_config(
            taxonomies.names(),
            self.config.repository,
            site_url=config.site_url or "",
            local_backend=self.local_backend,
        )
        template = files.get_file_from_path(PAGE_TEMPLATE)
        if template is not None:
            files.remove(template)  # rendered below, not copied as it is
        if not config.theme.custom_dir:
            raise PluginError(
                f"act/editor makes its page from {PAGE_TEMPLATE} in the theme's custom_dir: "
                "set theme.custom_dir in mkdocs.yml (overrides)"
            )
        page = Template(
            (Path(config.theme.custom_dir) / PAGE_TEMPLATE).read_text(encoding="utf-8"),
            autoescape=True,
        ).render(
            site_name=config.site_name,
            preview_styles=self._preview_styles(config),
            data_formats=data_formats(),
            content_collections=content_collections(),
            problems=self._problems(),
        )
        for src_uri, content in (
            (f"{ADMIN}/index.html", page),
            (f"{ADMIN}/config.yml", self._yaml(site_config)),
        ):
            files.append(self._hidden(File.generated(config, src_uri, content=content)))
        for path in sorted(self.bundle.rglob("*")):
            if path.is_file() and path.name != "version":
                src_uri = f"{ADMIN}/{path.relative_to(self.bundle).as_posix()}"
                src_uri = src_uri.replace(f"{ADMIN}/decap-cms/", f"{ADMIN}/decap/")
                files.append(self._hidden(File.generated(config, src_uri, abs_src_path=str(path))))
        return files

    @staticmethod
    def _problems() -> str:
        path = os.environ.get(PROBLEMS_VARIABLE, "")
        try:
            return Path(path).read_text(encoding="utf-8").strip() if path else ""
        except OSError:
            return ""

    def _yaml(self, site_config: dict) -> str:
        if self.written is None or self.written[0] != site_config:
            self.written = (site_config, cms_config_yaml(site_config))
        return self.written[1]

    @staticmethod
    def _hidden(file: File) -> File:
        file.inclusion = InclusionLevel.NOT_IN_NAV
        return file

    @staticmethod
    def _preview_styles(config) -> list[str]:
        """The site's stylesheet (Material's and ours joined), relative to /admin/."""
        return [f"../{content_plugin(config, 'act/editor').stylesheet}"]
