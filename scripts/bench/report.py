"""Summaries of benchmark runs, and the short Markdown table people read."""

from __future__ import annotations

import statistics
from typing import Any

# The goals, checked against the figures (reported, never asserted).
GOALS = {
    "ab_ratio": 1.25,
    "mkdocs_peak_ratio": 1.5,  # MkDocs' own peak memory, ACT over stock Material
    "scale_ratio": 4.2,
    "html_per_page_change": 0.10,
    "edit_to_preview_seconds": 2.0,
    "first_query_kb": 150.0,  # gzipped, at first_query_pages
    "first_query_pages": 8000,
}
BUILD_MACHINE_MB = 8000  # the build machine the largest-site estimate is for (8 GB)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(runs: list[dict], variant: str, size: dict, pages: int) -> dict[str, Any]:
    """Medians of one variant's runs, with its site size."""
    mine = [r for r in runs if r["variant"] == variant]
    seconds = median([r["seconds"] for r in mine])
    return {
        "runs": len(mine),
        "seconds": round(seconds, 2),
        "seconds_each": [round(r["seconds"], 2) for r in mine],
        "cpu_seconds": round(median([r["cpu_seconds"] for r in mine]), 2),
        "peak_rss_mb": round(median([r["peak_rss_mb"] for r in mine]), 1),
        "mkdocs_peak_mb": _median_of(mine, "mkdocs_peak_mb"),
        "pagefind_peak_mb": _median_of(mine, "pagefind_peak_mb"),
        "load_averages": [round(r["load_average"], 2) for r in mine],
        "pages_per_second": round(size["html_pages"] / seconds, 1) if seconds else None,
        "item_pages_per_second": round(pages / seconds, 1) if seconds else None,
        **size,
    }


def _median_of(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return round(median(values), 1) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def compare(a: dict, b: dict) -> dict[str, float | None]:
    """A/B for every figure the table shows."""
    keys = (
        "seconds",
        "cpu_seconds",
        "pages_per_second",
        "peak_rss_mb",
        "mkdocs_peak_mb",
        "html_bytes_per_page",
        "search_index_bytes",
    )
    return {key: ratio(a.get(key), b.get(key)) for key in keys}


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:,.1f} kB"


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def size_table(result: dict) -> str:
    """One size's A/B table: medians and ratios."""
    a, b, ab = result["A"], result["B"], result["A/B"]
    qa, qb = result.get("query", {}).get("A"), result.get("query", {}).get("B")
    rows = [
        ("Wall time (s)", _num(a["seconds"], 2), _num(b["seconds"], 2), _num(ab["seconds"], 2)),
        (
            "CPU time (s)",
            _num(a["cpu_seconds"], 2),
            _num(b["cpu_seconds"], 2),
            _num(ab["cpu_seconds"], 2),
        ),
        (
            "Pages per second",
            _num(a["pages_per_second"]),
            _num(b["pages_per_second"]),
            _num(ab["pages_per_second"], 2),
        ),
        (
            "Peak memory (MB)",
            _num(a["peak_rss_mb"]),
            _num(b["peak_rss_mb"]),
            _num(ab["peak_rss_mb"], 2),
        ),
        (
            "MkDocs' own peak memory (MB)",
            _num(a.get("mkdocs_peak_mb")),
            _num(b.get("mkdocs_peak_mb")),
            _num(ab.get("mkdocs_peak_mb"), 2),
        ),
        ("Pagefind's peak memory (MB)", _num(a.get("pagefind_peak_mb")), "–", ""),
        ("HTML pages built", str(a["html_pages"]), str(b["html_pages"]), ""),
        (
            "HTML bytes per page",
            _kb(a["html_bytes_per_page"]),
            _kb(b["html_bytes_per_page"]),
            _num(ab["html_bytes_per_page"], 2),
        ),
        (
            "Search index bytes",
            _kb(a["search_index_bytes"]),
            _kb(b["search_index_bytes"]),
            _num(ab["search_index_bytes"], 2),
        ),
    ]
    if qa and qb:
        rows.append(
            (
                f'First query "{qa["query"]}", transferred',
                _kb(qa["bytes"]),
                _kb(qb["bytes"]),
                _num(ratio(qa["bytes"], qb["bytes"]), 2),
            )
        )
        rows.append(
            (
                "First query, gzipped as a CDN sends it",
                _kb(qa["gzip_bytes"]),
                _kb(qb["gzip_bytes"]),
                _num(ratio(qa["gzip_bytes"], qb["gzip_bytes"]), 2),
            )
        )
    lines = [
        f"**{result['pages']} item pages** ({result['corpus']['article']} articles, "
        f"{result['corpus']['opportunity']} opportunities, {result['corpus']['reserve']} reserve "
        f"guides, {result['corpus']['project']} projects; {result['corpus']['programme']} "
        f"programmes, {result['corpus']['charity']} charities); medians of "
        f"{a['runs']} A and {b['runs']} B runs, alternated; load average before each run "
        f"{_load_range(a, b)}",
        "",
        "| | A: ACT pipeline | B: stock Material | A/B |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {label} | {x} | {y} | {z} |" for label, x, y, z in rows]
    if result.get("B_every_page_in_nav"):
        nav = result["B_every_page_in_nav"]
        lines.append("")
        lines.append(
            f"Stock Material with every page in the nav (once): {nav['note']}"
            if "note" in nav
            else f"Stock Material with every page in the nav (once): {nav['seconds']:.1f} s, "
            f"{nav['html_bytes_per_page'] / 1000:,.1f} kB of HTML per page, "
            f"{nav['peak_rss_mb']:,.0f} MB peak."
        )
    return "\n".join(lines)


def _load_range(a: dict, b: dict) -> str:
    loads = a.get("load_averages", []) + b.get("load_averages", [])
    return f"{min(loads):.1f} to {max(loads):.1f}" if loads else "not recorded"


def largest_site(small: dict, large: dict) -> int | None:
    """Item pages whose build would fit BUILD_MACHINE_MB, from the growth of MkDocs' and
    Pagefind's peaks between two sizes (they run at the same time, so their sum)."""

    def total(size: dict) -> float | None:
        mkdocs, pagefind = size["A"].get("mkdocs_peak_mb"), size["A"].get("pagefind_peak_mb")
        return None if mkdocs is None or pagefind is None else mkdocs + pagefind

    low, high = total(small), total(large)
    if low is None or high is None or high <= low:
        return None
    per_page = (high - low) / (large["pages"] - small["pages"])
    return int(small["pages"] + (BUILD_MACHINE_MB - low) / per_page)


def goals(results: dict) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for each of the issue's goals that the results cover."""
    out: list[tuple[str, str, bool | None]] = []
    sizes = results.get("sizes", {})
    for pages in sorted(sizes, key=int):
        ab = sizes[pages]["A/B"]
        value = ab["seconds"]
        goal = f"A/B wall time at {pages} pages ≤ {GOALS['ab_ratio']}"
        out.append((goal, f"{value:.2f}", value <= GOALS["ab_ratio"]))
        value = ab.get("mkdocs_peak_mb")
        if value is not None:
            goal = f"MkDocs' own peak memory A/B at {pages} pages ≤ {GOALS['mkdocs_peak_ratio']}"
            out.append((goal, f"{value:.2f}", value <= GOALS["mkdocs_peak_ratio"]))
    scale = results.get("scale")
    if scale:
        value = scale["time_ratio"]
        out.append(
            (
                f"time({scale['large']}) / time({scale['small']}) ≤ {GOALS['scale_ratio']}",
                f"{value:.2f}",
                value <= GOALS["scale_ratio"],
            )
        )
        change = scale["html_per_page_change"]
        out.append(
            (
                "HTML bytes per page within 10% between sizes",
                f"{change:+.1%}",
                abs(change) <= GOALS["html_per_page_change"],
            )
        )
    preview = results.get("preview")
    if preview:
        best = preview.get("proposed") or preview.get("livereload")
        value = best["median_seconds"]
        out.append(
            (
                f"Edit-to-preview < {GOALS['edit_to_preview_seconds']:.0f} s "
                f"({'--dirty' if best['dirty'] else 'full rebuild'})",
                f"{value:.2f} s",
                value < GOALS["edit_to_preview_seconds"],
            )
        )
    largest = max((int(k) for k in sizes), default=None)
    if largest is not None and sizes[str(largest)].get("query", {}).get("A"):
        query = sizes[str(largest)]["query"]["A"]
        # The goal is set at 8,000 pages: a smaller run shows its figure but cannot meet it.
        at_goal_size = largest >= GOALS["first_query_pages"]
        out.append(
            (
                f"First search query ≤ {GOALS['first_query_kb']:.0f} kB gzipped at "
                f"{GOALS['first_query_pages']} pages",
                f"{query['gzip_bytes'] / 1000:.0f} kB at {largest} pages "
                f"({query['bytes'] / 1000:.0f} kB uncompressed)",
                query["gzip_bytes"] / 1000 <= GOALS["first_query_kb"] if at_goal_size else None,
            )
        )
    return out


# A goal a run could not judge (its size is smaller than the goal's) says so.
MET = {True: "yes", False: "no", None: "not measured at that size"}


def markdown_report(results: dict) -> str:
    """The whole report: the machine, one table per size, scale, preview and the goals."""
    machine = results["machine"]
    lines = [
        "# ACT benchmark",
        "",
        f"{results['date']} · {machine['cpus']} CPUs ({machine['cpu_model']}) · "
        f"{machine['ram_gb']} GB RAM · Python {machine['python']} · "
        f"load average {machine['load_average']} at the start"
        + (f" (uptime: {machine['uptime']})" if machine.get("uptime") else ""),
        "",
    ]
    for pages in sorted(results["sizes"], key=int):
        lines += [size_table(results["sizes"][pages]), ""]
    scale = results.get("scale")
    if scale:
        lines += [
            f"Scale: time({scale['large']}) / time({scale['small']}) = "
            f"{scale['time_ratio']:.2f} (B: {scale['b_time_ratio']:.2f}); HTML bytes per page "
            f"{scale['html_per_page_small'] / 1000:.1f} kB → "
            f"{scale['html_per_page_large'] / 1000:.1f} kB ({scale['html_per_page_change']:+.1%}).",
            "",
        ]
        fits = scale.get("largest_site_8gb")
        if fits is not None:
            lines += [
                f"Memory: MkDocs' and Pagefind's peaks together grow linearly from "
                f"{scale['small']} to {scale['large']} pages; at that rate the largest site "
                f"that builds in {BUILD_MACHINE_MB / 1000:.0f} GB is about {fits:,} item pages.",
                "",
            ]
    preview = results.get("preview")
    if preview:
        for name, run in preview.items():
            if not isinstance(run, dict) or "median_seconds" not in run:
                continue
            stale = [k for k, ok in run["consistent"].items() if not ok]
            lines.append(
                f"Edit-to-preview ({name}{', --dirty' if run['dirty'] else ''}): median "
                f"{run['median_seconds']:.2f} s over {len(run['edit_seconds'])} saves "
                f"({', '.join(f'{s:.2f}' for s in run['edit_seconds'])}); after a title change "
                + ("every page caught up." if not stale else f"stale: {', '.join(stale)}.")
            )
        lines.append("")
    rows = goals(results)
    if rows:
        lines += ["| Goal | Measured | Met |", "|---|---:|:---:|"]
        lines += [f"| {goal} | {value} | {MET[met]} |" for goal, value, met in rows]
    return "\n".join(lines).rstrip() + "\n"
