"""Screenshots of one page of every type at phone (390 px) and desktop (1280 px) width, for the
docs/design.md:
`.venv/bin/python scripts/screenshots.py [--site DIR] [--out DIR] [name ...]` (`--help` says more).

The site is served with the netlify.toml headers, as the browser tests serve it. Only the
first screen of each page is taken, which is what a person sees before scrolling.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support_server import serve  # noqa: E402

PAGES = {
    "home": "",
    "article": "prepare/prepare-for-flooding/",
    "topic": "topics/flooding/",
    "finder": "volunteer/",
    "opportunity": "volunteer/samaritans-listening-volunteer/",
    "reserves": "reserves/",
    "reserve": "reserves/special-constable/",
    "get-help": "get-help/",
    "need": "get-help/domestic-abuse/",
    "plan": "plan/",
    "search": "search/?q=flood",
    "projects": "projects/",
    "project": "projects/emergency-recorder/",
    "programmes": "programmes/",
    "about": "about/",
    "form": "report-a-problem/",
    "404": "no-such-page/",
    "offline": "offline/",
    "events": "events/",
}
CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def shrink(file: Path) -> None:
    """64 colours are plenty for a page of text, and make the file a third of the size.
    Needs Pillow (`pip install pillow`); without it the full-colour file is kept."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(file) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(file, optimize=True)


def main(site: Path, out: Path, only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site, ROOT / "netlify.toml") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
        for size, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, path in PAGES.items():
                if only and name not in only:
                    continue
                page.goto(url + path, wait_until="networkidle")
                if name == "search":
                    page.wait_for_function(
                        "document.querySelector('[data-act-search-status]').textContent.includes('result')"
                    )
                file = out / f"{name}-{size}.png"
                page.screenshot(path=str(file))
                shrink(file)
            context.close()
        browser.close()


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Screenshots of one page of every type at 390 and 1280 px wide "
        "(the first screen of each), from a built site."
    )
    parser.add_argument(
        "names", nargs="*", metavar="name", help="pages to take (default: all): " + ", ".join(PAGES)
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=ROOT / "site",
        help="the built site (default: site/; run `make site` first)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "screenshots",
        help="where to write the PNG files (default: docs/screenshots/)",
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in PAGES]
    if unknown:
        parser.error(f"no page called {', '.join(unknown)}; choose from {', '.join(PAGES)}")
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} has no index.html: build the site first with `make site`")
    return args


if __name__ == "__main__":
    args = arguments()
    main(args.site, args.out, args.names or None)
