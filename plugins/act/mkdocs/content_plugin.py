"""`act/content`: checks all content and data before the build, and gives templates the entries."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from act.addresses import theme_clashes
from act.builddate import BuildDateError, build_date
from act.catalogue import Catalogue
from act.charities.data import CharityData
from act.check import check_site
from act.content.body import unsafe_html
from act.content.checker import check_processes
from act.content.frontmatter import split_front_matter
from act.generated import GeneratedPage
from act.mkdocs.markdown_child import ChildConverter
from act.mkdocs.nav import template_values
from act.mkdocs.safe import head_meta, template_names
from act.mkdocs.shared_parts import SharedParts
from act.mkdocs.stylesheet import join_stylesheets
from act.problems import format_report
from act.repository import link_problems
from act.templates import FILTERS, LABELS
from act.types.parts import missing_parts
from act.wording import plural, shown_path
from act.yamlfile import read_text

log = get_plugin_logger(__name__)
# A generated page's whole Markdown: its body is put in its place once the page is rendered.
GENERATED_BODY = "<!-- act-generated-body -->"


class ContentConfig(Config):
    data_dir = opt.Type(str, default="data")
    # A whole build converts every second item page's Markdown in a forked child.
    markdown_in_child = opt.Type(bool, default=True)


class ContentPlugin(BasePlugin[ContentConfig]):
    """Thin adapter: runs the checker, fails the build on errors, places entries at their URLs."""

    supports_multiple_instances = False
    today: date  # the build date (ACT_BUILD_DATE, else today), set in on_config

    def __init__(self) -> None:
        self.catalogue = Catalogue()
        # The Get help directory's data as the check read it, for act/charities.
        self.charities: CharityData | None = None
        self.entries_by_uri: dict[str, Any] = {}  # src_uri: the catalogue's entry
        self.check_cache: dict | None = None
        self.compiled_templates: CompiledTemplates | None = None
        self.extra_css: list[str] = []
        self.stylesheet = ""  # Material's stylesheet and extra_css joined: see on_files
        self.nav: Navigation | None = None
        self.whole_build = True  # not `mkdocs serve`, nor a --dirty build
        self.converter: ChildConverter | None = None
        self.generated: dict[str, GeneratedPage] = {}

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, and with it the
    # check results of files that did not change: a save is checked, not the whole site.
    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        serving = command == "serve"
        self.whole_build = not serving and not dirty
        self.check_cache = {} if serving else None
        # ...and the compiled templates (a new Jinja environment is made for every rebuild).
        self.compiled_templates = CompiledTemplates() if serving else None

    # MkDocs' live preview stops answering after a failed rebuild ("the server will appear
    # stuck until build errors are resolved"): a save with a mistake left the browser waiting.
    # The problems are printed as ever, and the preview goes on serving the last site that
    # built (with --dirty, as `make serve` runs, its pages are still in place).
    def on_serve(
        self,
        server: LiveReloadServer,
        /,
        *,
        config: MkDocsConfig,
        builder: Callable[..., Any],
        **kwargs: Any,
    ) -> LiveReloadServer | None:
        rebuild = server.builder

        def rebuild_or_keep_serving():
            try:
                rebuild()
            except Abort:
                log.warning(
                    "The preview shows the last version that built: fix the problems above "
                    "and save again."
                )

        server.builder = rebuild_or_keep_serving
        return server

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        try:
            self.today = build_date()
        except BuildDateError as err:
            raise PluginError(str(err)) from None
        self.data_dir = Path(config.config_file_path).parent / self.config.data_dir
        # Before MkDocs walks docs_dir: it follows links, and a link loop would never end.
        roots = [Path(config.docs_dir), self.data_dir]
        if config.theme.custom_dir:
            roots.append(Path(config.theme.custom_dir))
        links = link_problems(roots, shown_path)
        if links:
            raise PluginError(
                "The build only reads files that are in the repository. Fix these:\n"
                + format_report(links)
            )
        # Every registered content type's templates and `act new` body, before any page
        # needs one (act.types.parts).
        missing = missing_parts([Path(d) for d in config.theme.dirs], shown_path)
        if missing:
            raise PluginError(
                "A content type is missing files. Add them and build again:\n"
                + format_report(missing)
            )
        config.watch.append(str(self.data_dir))
        self.generated = {}
        # Joined to Material's stylesheet in on_files, so the theme must not link them again.
        self.extra_css, config.extra_css = list(config.extra_css), []

    # Runs before the listings plugin (priority 0), which reads the catalogue made here.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        docs = Path(config.docs_dir)
        # The same check as `act check`, so `make site` need not run both. A whole build
        # checks on both cores (the other is idle until pages are written); `mkdocs serve`
        # checks only what changed, in this process, which has the server's threads.
        processes = check_processes() if self.check_cache is None else 1
        self.catalogue, self.charities = check_site(
            docs, self.data_dir, self.today, cache=self.check_cache, processes=processes
        )
        # The theme's files as MkDocs found them: a content file at one of their addresses
        # has already taken its place in `files` (see theme_clashes).
        theme_dirs = [Path(d) for d in config.theme.dirs]
        errors = self.catalogue.errors + theme_clashes(self.catalogue, theme_dirs, shown_path(docs))
        if errors:
            raise PluginError(
                "Content check failed. Fix these and build again:\n" + format_report(errors)
            )
        warnings = self.catalogue.problems
        if warnings:
            # info, not warning: `mkdocs build --strict` stops on warnings, and these are advice.
            log.info(
                "%s, for an editor:\n%s",
                plural(len(warnings), "content warning"),
                format_report(warnings),
            )
        self.stylesheet = join_stylesheets(files, config, self.extra_css)
        self.entries_by_uri = by_uri = self.catalogue.by_src_uri()
        for file in files.documentation_pages(inclusion=lambda _: True):
            entry = by_uri.get(file.src_uri)
            if entry is None:
                continue
            # One flat URL per slug, whatever subfolder the file is kept in.
            file.dest_uri = f"{entry.url}index.html"
            file.url = entry.url
            # The nav holds sections, never items: thousands of items in the nav make every
            # page carry them all (quadratic build time).
            file.inclusion = InclusionLevel.DRAFT if entry.is_draft else InclusionLevel.NOT_IN_NAV
        return files

    def add_generated(
        self, files: Files, config, page: GeneratedPage, inclusion: InclusionLevel
    ) -> None:
        """Add a page the site makes from data (see act.generated): MkDocs reads only a
        marker, the page's metadata is set from its values and its HTML put in place later."""
        self.generated[page.src_uri] = page
        files.append(
            File.generated(config, page.src_uri, content=GENERATED_BODY, inclusion=inclusion)
        )

    def on_page_read_source(
        self, /, *, page: Page, config: MkDocsConfig, **kwargs: Any
    ) -> str | None:
        """A hand-written page's body, read as the check read it (act.content.frontmatter):
        MkDocs gets no front matter to read its own way; on_page_markdown sets the settings."""
        if page.file.src_uri not in self.catalogue.pages:
            return None  # a generated page's marker
        if page.file.abs_src_path is None:
            return None  # made in memory, as generated pages are
        path = Path(page.file.abs_src_path)
        text, problems = read_text(path, shown_path(path))
        front, more = split_front_matter(text, shown_path(path)) if text is not None else (None, [])
        if text is None or front is None:  # changed since the check
            raise PluginError(
                "Content check failed. Fix these and build again:\n"
                + format_report(problems + more)
            )
        # After a blank first line MkDocs looks for no settings ("key: value" lines) at all.
        return "\n" + text[front.body_start :]

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> str | None:
        facts = self.catalogue.pages.get(page.file.src_uri)
        generated = self.generated.get(page.file.src_uri)
        if facts is not None:
            page.meta = dict(facts.meta)
        elif generated is not None:
            page.meta = generated.meta
        entry = self.entries_by_uri.get(page.file.src_uri)
        # The page's own title, for a template that shows it where the nav has a shorter name
        # (the home page is "Home" in the nav); page.meta.title becomes the nav title below.
        if isinstance(page.meta.get("title"), str):
            page.meta["heading"] = escape(page.meta["title"])
        # Material prints these from page.meta into <head> without escaping them.
        page.meta = head_meta(page.meta, entry)
        # The sitemap's <lastmod>: when the page last really changed, not the build date.
        changed = entry.last_changed if entry is not None else None
        if changed is not None:
            page.update_date = changed.isoformat()
        return markdown

    # Before act/listings puts its listings in place of their markers: what Markdown made of
    # every page, hand-written or generated, is checked; what our templates made is not.
    @event_priority(50)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> str | None:
        findings = unsafe_html(html)
        if findings:
            raise PluginError(
                f"{page.file.src_uri}: the page would contain "
                + "; ".join(sorted({f.message for f in findings}))
                + ". Run `act check` to see the line."
            )
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            html = html.replace(GENERATED_BODY, generated.body, 1)
        # Every template, Material's included, then prints the title escaped.
        page.meta["title"] = escape(page.title or "")
        return html

    # Last, once the nav is final: the child converts pages as MkDocs will.
    @event_priority(-100)
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> Navigation | None:
        self.nav = nav
        if self.whole_build:
            # Everything made so far (the catalogue, the files, the nav, the pages) lives
            # until the build ends: out of the collector's sight, it is not walked again by
            # each full collection (0.64 → 0.43 s at 2,000 pages), and the forked child's
            # pages are not copied because a collection touched them (as Python's gc docs
            # advise before a fork). Not in `mkdocs serve`, whose rebuilds would pile up.
            gc.freeze()
        if self.config.markdown_in_child and self.whole_build and check_processes() > 1:
            pages = [
                file.page
                for file in files.documentation_pages()
                if file.src_uri in self.entries_by_uri and file.page is not None
            ]
            self.converter = ChildConverter()
            self.converter.start(pages, config, files)
        return nav

    def on_pre_page(
        self, page: Page, /, *, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> Page | None:
        if self.converter is not None:
            self.converter.prepare(page)
        return page

    def _stop_converter(self) -> None:
        converter, self.converter = self.converter, None
        if converter is not None:
            converter.stop()
            log.info("Markdown of %d item pages converted on the second core", converter.taken)

    def on_build_error(self, *, error: Exception, **kwargs: Any) -> None:
        self._stop_converter()

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> Environment | None:
        self._stop_converter()  # every page is converted by now
        env.filters.update(FILTERS)
        # Material's own templates as "material/...", for an override that wraps one.
        material = FileSystemLoader([d for d in config.theme.dirs if d != config.theme.custom_dir])
        theme = [env.loader] if env.loader is not None else []
        env.loader = ChoiceLoader([*theme, PrefixLoader({"material": material})])
        env.globals["act_shared"] = SharedParts(self.nav)
        # Our templates escape by default; Material's own keep MkDocs' setting (off), and get
        # page values already escaped (on_page_markdown, on_page_content).
        ours = template_names(config.theme.custom_dir)
        env.autoescape = lambda name: name in ours
        env.globals["act_stylesheet"] = self.stylesheet
        if self.compiled_templates is not None:
            env.bytecode_cache = self.compiled_templates
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
        values["act_entry"] = self.entries_by_uri.get(page.file.src_uri)
        values["act_names"] = self.catalogue.taxonomies.names()
        values["act_today"] = self.today
        values["act_labels"] = LABELS
        values["act_numbers"] = self.catalogue.numbers
        values["act_plans"] = self.catalogue.plans
        values["act_plan"] = self.catalogue.plans.for_page(page.file.src_uri)
        return context


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory between `mkdocs serve` rebuilds. Jinja checks each
    entry against its template's source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
