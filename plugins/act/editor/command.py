"""`act cms-config`: print the web editor's configuration, generated from the schemas."""

from __future__ import annotations

import argparse
import sys

from act.cli_options import add_data_option
from act.content.checker import shown_path
from act.editor.config import CONFIG_PATH, cms_config, cms_config_yaml
from act.problems import format_report
from act.taxonomies import load_taxonomies

REPOSITORY = "active-citizens-toolkit/act"
SITE_URL = "https://active-citizens-toolkit.netlify.app/"


def add_cms_config_command(commands) -> None:
    """Register `act cms-config` with the `act` command."""
    command = commands.add_parser(
        "cms-config",
        help=f"print the web editor's configuration ({CONFIG_PATH}) generated from the schemas",
        description=(
            "Print the Decap CMS configuration served at /admin/config.yml: one collection per "
            "content type and one for the data files, every field from the schemas that "
            "`act check` uses, the topic and region choices from data/. The build writes the "
            f"same file; save it with `act cms-config > {CONFIG_PATH}` (or `make cms-config`)."
        ),
    )
    add_data_option(command)
    command.add_argument("--repository", default=REPOSITORY, help="GitHub owner/name")
    command.add_argument("--site-url", default=SITE_URL, help="the published site's address")
    command.add_argument(
        "--local-backend",
        default="",
        metavar="URL",
        help="save through decap-server at URL (as `make edit` does) instead of GitHub, "
        "e.g. http://127.0.0.1:8081/api/v1",
    )
    command.set_defaults(run=run_cms_config)


def run_cms_config(args: argparse.Namespace) -> int:
    taxonomies, problems = load_taxonomies(args.data, shown_path)
    if any(p.is_error for p in problems):
        print(format_report(problems), file=sys.stderr)
        return 1
    config = cms_config(
        taxonomies.names(),
        args.repository,
        site_url=args.site_url,
        local_backend=args.local_backend,
    )
    sys.stdout.write(cms_config_yaml(config))
    return 0
