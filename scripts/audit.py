"""`make audit`: Lighthouse on ACT's built site and on stock Material built from the same pages.

ACT's site (site/, from `make site`) is served with exactly the headers in netlify.toml, as the
browser tests serve it; stock Material for MkDocs (its own templates and search plugin, the same
Markdown and theme settings: see scripts/bench/corpus.py) is served plainly, because its inline
scripts would break under ACT's Content-Security-Policy. Each page is audited on mobile (the
Lighthouse default: a slow phone on a slow network, simulated) and on desktop, with the
Chromium the browser tests use. Scores are written side by side to audit-results/results.md
and results.json.

    .venv/bin/python scripts/audit.py [--runs N] [--pages home,article] [--forms mobile]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from bench.corpus import stock_project  # noqa: E402
from support_server import serve  # noqa: E402

LIGHTHOUSE = ROOT / ".audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The home page and one page of every type that stock Material also has.
PAGES = {
    "home": "",
    "article": "prepare/prepare-for-flooding/",
    "opportunity": "volunteer/samaritans-listening-volunteer/",
    "reserve guide": "reserves/special-constable/",
    "about": "about/",
    "plan": "plan/",
}
# Pages only ACT has (stock Material gets a stub for a listing, nothing for Get help).
ACT_ONLY = {
    "finder": "volunteer/",
    "reserves": "reserves/",
    "need": "get-help/domestic-abuse/",
}


def chromium() -> str:
    for candidate in (
        os.environ.get("ACT_CHROMIUM"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("Chromium is needed: run `make test` once (it installs it), or set ACT_CHROMIUM")


def build_stock(work: Path) -> Path:
    """Stock Material from the same content, built with `mkdocs build`."""
    project = work / "stock"
    project.mkdir()
    stock_project(ROOT, project)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        sys.exit("stock Material did not build:\n" + done.stdout + done.stderr)
    return project / "site"


class LighthouseFailed(Exception):
    """Lighthouse exited with an error or wrote no report, on every try."""


def lighthouse(url: str, desktop: bool, out: Path, tries: int = 3) -> dict[str, float]:
    """One audit's category scores. A busy machine sometimes makes Chromium miss Lighthouse's
    deadlines; such a run is tried again, and a page that fails every try is reported."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium()}
    problem = ""
    for _ in range(tries):
        out.unlink(missing_ok=True)
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            problem = "it took more than 5 minutes"
            continue
        if done.returncode == 0 and out.exists():
            report = json.loads(out.read_text(encoding="utf-8"))
            scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
            if all(score is not None for score in scores.values()):
                return scores
            problem = "it gave no score for " + ", ".join(c for c, v in scores.items() if v is None)
        else:
            problem = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
    raise LighthouseFailed(f"Lighthouse failed on {url} ({tries} tries): {problem}")


FORMS = ("mobile", "desktop")


def audit(sites: dict[str, str], pages: dict[str, str], work: Path, runs: int, forms=FORMS) -> dict:
    """Scores by site, page and form. Each run audits every site in turn, page by page, so a
    change in the machine's load falls on both sides alike."""
    scores: dict = {site: {} for site in sites}
    for name, path in pages.items():
        for form in forms:
            found: dict[str, list] = {site: [] for site in sites}
            for _ in range(runs):
                for site, base in sites.items():
                    if site != "act" and name in ACT_ONLY:
                        continue
                    found[site].append(lighthouse(base + path, form == "desktop", work / "r.json"))
            for site, runs_found in found.items():
                if runs_found:
                    scores[site].setdefault(name, {})[form] = {
                        c: statistics.median(run[c] for run in runs_found) for c in CATEGORIES
                    }
            print(
                f"  {name} {form}: "
                + "; ".join(
                    f"{site} {scores[site][name][form]}" for site in sites if name in scores[site]
                ),
                flush=True,
            )
    return scores


def table(act: dict, stock: dict) -> str:
    lines = [
        "| Page | Form | " + " | ".join(f"{c}: ACT | stock" for c in CATEGORIES) + " |",
        "|---|---|" + "---:|---:|" * len(CATEGORIES),
    ]
    for name in act:
        for form in act[name]:
            cells = []
            for c in CATEGORIES:
                ours = act[name][form][c]
                theirs = stock.get(name, {}).get(form, {}).get(c)
                cells.append(f"{ours:.2f} | " + ("–" if theirs is None else f"{theirs:.2f}"))
            lines.append(f"| {name} | {form} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of each audit (median kept)")
    parser.add_argument(
        "--pages",
        help="comma-separated page names to audit (default: all): "
        + ", ".join({**PAGES, **ACT_ONLY}),
    )
    parser.add_argument(
        "--forms",
        default=",".join(FORMS),
        help="comma-separated: mobile (a slow phone, simulated), desktop (default: both)",
    )
    args = parser.parse_args(argv)
    forms = args.forms.split(",")
    if not forms or any(form not in FORMS for form in forms):
        parser.error(f"--forms takes mobile, desktop or both, not {args.forms!r}")
    every = {**PAGES, **ACT_ONLY}
    chosen = args.pages.split(",") if args.pages else list(every)
    unknown = [name for name in chosen if name not in every]
    if unknown:
        parser.error(f"unknown page {', '.join(unknown)}; choose from: {', '.join(every)}")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make audit`, which installs it in .audit/")
    site = ROOT / "site"
    if not (site / "index.html").exists():
        sys.exit("Build the site first: `make site`")
    results_dir = ROOT / "audit-results"
    results_dir.mkdir(exist_ok=True)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        stock_site = build_stock(work)
        empty = work / "no-headers.toml"
        empty.write_text("", encoding="utf-8")
        print(
            "ACT served with the netlify.toml headers, stock Material from the same pages; "
            "both gzip-compressed, as Netlify serves them:",
            flush=True,
        )
        try:
            with (
                serve(site, ROOT / "netlify.toml", compress=True) as act_url,
                serve(stock_site, empty, compress=True) as stock_url,
            ):
                found = audit(
                    {"act": act_url, "stock": stock_url},
                    {name: every[name] for name in chosen},
                    work,
                    args.runs,
                    forms,
                )
        except LighthouseFailed as failure:
            sys.exit(str(failure))
    act, stock = found["act"], found["stock"]
    (results_dir / "results.json").write_text(
        json.dumps({"act": act, "stock": stock}, indent=2), encoding="utf-8"
    )
    markdown = (
        "# Lighthouse: ACT and stock Material\n\n"
        f"Lighthouse {lighthouse_version()}, Chromium {chromium_version()}, "
        f"median of {args.runs} run(s) of each audit, ACT and stock taken in turn; "
        f"load average {load:.1f} at the start on {os.cpu_count()} CPUs.\n\n" + table(act, stock)
    )
    (results_dir / "results.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


def lighthouse_version() -> str:
    package = ROOT / ".audit" / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def chromium_version() -> str:
    done = subprocess.run([chromium(), "--version"], capture_output=True, text=True)
    found = re.search(r"\d+(?:\.\d+)+", done.stdout)
    return found.group(0) if found else "unknown"


if __name__ == "__main__":
    sys.exit(main())
