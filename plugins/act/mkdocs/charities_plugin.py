"""`act/charities`: adds the Get help pages and the Open Referral UK data, generated in memory
from data/referrals.yml and the committed snapshot. Never touches the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from act.charities.data import REFERRALS_FILE, SNAPSHOT_FILE, CharityData
from act.charities.directory import Directory, build_directory, hidden_charity_problems
from act.charities.openreferral import open_referral_documents
from act.charities.pages import get_help_pages
from act.charities.referrals import load_referrals
from act.charities.snapshot import read_snapshot
from act.mkdocs.nav import content_plugin, nav_paths
from act.problems import format_report
from act.templates import fragment_environment
from act.wording import shown_path

log = get_plugin_logger(__name__)


class CharitiesConfig(Config):
    """No settings of its own: the directory's files are in act/content's data_dir, which
    declares the data folder once for every plugin (data_dir/referrals.yml and
    data_dir/charities/snapshot.json, as `act check` and `act charities` read them)."""


class CharitiesPlugin(BasePlugin[CharitiesConfig]):
    """Thin adapter: reads and checks the directory's data, then adds its pages and files."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        data_dir = content_plugin(config, "act/charities").data_dir
        self.referrals_path = data_dir / REFERRALS_FILE
        self.snapshot_path = data_dir / SNAPSHOT_FILE
        if self.snapshot_path.parent.is_dir():  # `mkdocs serve` fails on a missing watch path
            config.watch.append(str(self.snapshot_path.parent))

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        content = content_plugin(config, "act/charities")
        directory = self._directory(content.charities)
        overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        env = fragment_environment(overrides)
        nav_pages = nav_paths(config.nav)
        # act/content has made sure no hand-written page has one of these addresses.
        for page in get_help_pages(directory, env, content.catalogue.numbers):
            inclusion = (
                InclusionLevel.INCLUDED if page.src_uri in nav_pages else InclusionLevel.NOT_IN_NAV
            )
            content.add_generated(files, config, page, inclusion)
        for path, text in open_referral_documents(directory, config.site_url or "").items():
            files.append(File.generated(config, path, content=text))
        return files

    def _directory(self, checked: CharityData | None) -> Directory:
        data = self._charity_data(checked)
        if data.referrals is None:
            # A site without a directory still gets /get-help/ with the emergency panel.
            log.info("no %s: the Get help pages list no needs", shown_path(self.referrals_path))
            return Directory()
        if data.errors or data.snapshot is None:
            raise PluginError(
                "The Get help directory cannot be built. Fix these and build again:\n"
                + format_report(data.errors)
            )
        directory = build_directory(data.referrals, data.snapshot)
        # info, not warning: `mkdocs build --strict` must not fail when the register changes.
        for problem in hidden_charity_problems(directory.hidden, shown_path(self.referrals_path)):
            log.info("%s", problem)
        return directory

    def _charity_data(self, checked: CharityData | None) -> CharityData:
        """The data act/content's check has already read, when it read these same files."""
        if checked is not None and (checked.referrals_path, checked.snapshot_path) == (
            self.referrals_path,
            self.snapshot_path,
        ):
            return checked
        if not self.referrals_path.exists():
            return CharityData(self.referrals_path, self.snapshot_path)
        referrals, problems = load_referrals(self.referrals_path, shown_path(self.referrals_path))
        snapshot, more = read_snapshot(self.snapshot_path, shown_path(self.snapshot_path))
        return CharityData(
            self.referrals_path, self.snapshot_path, referrals, snapshot, problems + more
        )
