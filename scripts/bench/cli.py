"""`make bench`: ACT's whole pipeline (A) against stock Material for MkDocs (B) on the same
synthetic corpus, alternated A B A B, with medians, ratios and the issue's goals."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import counts_for, generate_corpus, stock_project
from bench.report import compare, largest_site, markdown_report, summarise
from bench.runs import BuildFailed, Run, run_variant, site_size

NAV_ALL_TIMEOUT = 600  # seconds: stock Material with every page in the nav grows quadratically


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make bench",
        description=__doc__.split("\n\n")[0]
        + " Writes bench-results/results.json and bench-results/results.md; results of other "
        "sizes already in the folder are kept, so a later `--pages 8000` adds the scale figures.",
        epilog="Examples: make bench · make bench ARGS='--pages 8000 --no-preview' · "
        "make bench ARGS='--pages 60 --runs 1 --no-query --no-preview --no-nav-all'",
    )
    parser.add_argument("--pages", type=int, default=2000, help="item pages (default 2000)")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each of A and B, alternated (default 3)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("bench-results"),
        help="results folder (default bench-results)",
    )
    parser.add_argument("--no-query", action="store_true", help="skip the search bytes in Chromium")
    parser.add_argument(
        "--no-preview", action="store_true", help="skip edit-to-preview with `mkdocs serve`"
    )
    parser.add_argument(
        "--no-nav-all",
        action="store_true",
        help="skip the one run of stock Material with every page in the nav",
    )
    parser.add_argument("--keep", action="store_true", help="keep the corpus folder afterwards")
    args = parser.parse_args(argv)
    if args.pages < 20 or args.runs < 1:
        parser.error("--pages must be at least 20 and --runs at least 1")
    return args


def say(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


def machine() -> dict:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(ram, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": round(os.getloadavg()[0], 2),
        "uptime": uptime(),
    }


def uptime() -> str:
    """`uptime`'s line: how busy the shared machine was (the load averages over 1, 5, 15 min)."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def benchmark_size(args: argparse.Namespace, work: Path) -> dict:
    """Corpus, alternated runs, sizes, first-query bytes and the nav-everything run."""
    pages = args.pages
    say(f"Generating a corpus of {pages} item pages {counts_for(pages)} in {work}")
    a_dir, b_dir = work / "a", work / "b"
    counts = generate_corpus(a_dir, pages)
    stock_project(a_dir, b_dir)
    runs: list[Run] = []
    total = 2 * args.runs
    for _ in range(args.runs):
        for variant, project in (("A", a_dir), ("B", b_dir)):
            done = len(runs) + 1
            name = "ACT pipeline" if variant == "A" else "stock Material"
            say(f"Run {done}/{total}: {variant} ({name})…")
            run = run_variant(variant, project)
            runs.append(run)
            steps = ", ".join(f"{s.command[0]} {s.command[1]} {s.seconds:.1f} s" for s in run.steps)
            say(
                f"Run {done}/{total}: {variant} {run.seconds:.1f} s ({steps}; "
                f"peak {run.peak_rss_mb:.0f} MB: MkDocs {run.mkdocs_peak_mb or 0:.0f} MB, "
                f"Pagefind {run.pagefind_peak_mb or 0:.0f} MB; load {run.load_average:.1f})"
            )
    raw = [r.as_dict() for r in runs]
    a_size, b_size = site_size(a_dir / "site"), site_size(b_dir / "site")
    a = summarise(raw, "A", a_size.as_dict(), pages)
    b = summarise(raw, "B", b_size.as_dict(), pages)
    result = {
        "pages": pages,
        "corpus": counts.as_dict(),
        "A": a,
        "B": b,
        "A/B": compare(a, b),
        "runs": raw,
    }
    if not args.no_query:
        from bench.query import first_query_bytes

        result["query"] = {}
        for variant, project in (("A", a_dir), ("B", b_dir)):
            say(f"First search query in Chromium: {variant}…")
            try:
                measured = first_query_bytes(project / "site", variant)
            except Exception as err:  # report and carry on: timings are still worth having
                say(f"  could not measure: {err}")
                continue
            result["query"][variant] = measured.as_dict()
            say(
                f"  {measured.bytes / 1000:,.1f} kB transferred "
                f"({measured.gzip_bytes / 1000:,.1f} kB gzipped), {measured.results_shown} results"
            )
    if not args.no_nav_all:
        say(f"Once: stock Material with every page in the nav (timeout {NAV_ALL_TIMEOUT} s)…")
        nav_dir = work / "b-nav"
        stock_project(a_dir, nav_dir, every_page_in_nav=True)
        try:
            run = run_variant("B", nav_dir, timeout=NAV_ALL_TIMEOUT)
            size = site_size(nav_dir / "site")
            result["B_every_page_in_nav"] = {
                "seconds": round(run.seconds, 2),
                "peak_rss_mb": round(run.peak_rss_mb, 1),
                **size.as_dict(),
            }
            say(f"  {run.seconds:.1f} s, {size.html_bytes / 1e6:,.0f} MB of HTML")
        except BuildFailed as err:
            result["B_every_page_in_nav"] = {"note": f"skipped: {str(err).splitlines()[0]}"}
            say(f"  {err}".splitlines()[0])
        shutil.rmtree(nav_dir, ignore_errors=True)
    return result


def preview(args: argparse.Namespace, work: Path) -> dict:
    from bench.preview import measure_preview

    found = {}
    for name, dirty in (("livereload", False), ("proposed", True)):
        say(f"Edit-to-preview: mkdocs serve --livereload{' --dirty' if dirty else ''}…")
        try:
            result = measure_preview(work / "a", dirty=dirty)
        except Exception as err:
            say(f"  could not measure: {err}")
            continue
        found[name] = result.as_dict()
        say(
            f"  median {result.median_seconds:.2f} s "
            f"({', '.join(f'{s:.2f}' for s in result.edit_seconds)}); {result.consistent}"
        )
    return found


def combine(previous: dict, result: dict, args: argparse.Namespace) -> dict:
    """Merge this size into the results already in --out, and work out the scale figures."""
    sizes = dict(previous.get("sizes", {}))
    sizes[str(args.pages)] = result
    combined = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": machine(),
        "base_pages": 2000 if "2000" in sizes else min(int(k) for k in sizes),
        "sizes": sizes,
    }
    if previous.get("preview"):
        combined["preview"] = previous["preview"]
    if len(sizes) >= 2:
        small, large = sorted(sizes, key=int)[0], sorted(sizes, key=int)[-1]
        s, lg = sizes[small], sizes[large]
        per_small, per_large = s["A"]["html_bytes_per_page"], lg["A"]["html_bytes_per_page"]
        combined["scale"] = {
            "small": int(small),
            "large": int(large),
            "time_ratio": round(lg["A"]["seconds"] / s["A"]["seconds"], 3),
            "b_time_ratio": round(lg["B"]["seconds"] / s["B"]["seconds"], 3),
            "html_per_page_small": per_small,
            "html_per_page_large": per_large,
            "html_per_page_change": round(per_large / per_small - 1, 4),
            "largest_site_8gb": largest_site(s, lg),
        }
    return combined


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results_path = args.out / "results.json"
    previous = json.loads(results_path.read_text()) if results_path.exists() else {}
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=f"act-bench-{args.pages}-"))
    try:
        result = benchmark_size(args, work)
        combined = combine(previous, result, args)
        if not args.no_preview:
            combined["preview"] = preview(args, work) | {"pages": args.pages}
    except BuildFailed as err:
        print(f"bench: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: stopped.", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            say(f"Corpus kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results_path.write_text(json.dumps(combined, indent=2) + "\n")
    table = markdown_report(combined)
    (args.out / "results.md").write_text(table)
    print()
    print(table)
    elapsed = time.perf_counter() - started
    say(f"Done in {elapsed:.0f} s: {results_path} and {args.out / 'results.md'}")
    return 0
