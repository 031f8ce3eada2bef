"""Options shared by the `act` commands, in one place (the commands live beside their code)."""

from __future__ import annotations

import argparse
from pathlib import Path


def content_folder(value: str) -> Path:
    """argparse type for --content: an existing folder, or a message saying what to do."""
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(
            f"no content folder at {path}: run it from the project folder or pass --content"
        )
    return path


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """--content and --data, shared by every command that reads the publication."""
    parser.add_argument(
        "--content",
        type=content_folder,
        default="content",  # a string default goes through `type`, so it is checked too
        metavar="DIR",
        help="the content folder (default: content)",
    )
    add_data_option(parser)


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """--data: the folder of YAML data and the charity snapshot."""
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("data"),
        metavar="DIR",
        help="the data folder (default: data)",
    )
