"""`make platform-check`: build the edition with MkDocs 1.6 and with ProperDocs, and compare.

Material for MkDocs reaches end of life on 5 May 2027 and MkDocs 1.x is frozen; ProperDocs is a
maintained fork of MkDocs 1.6 that loads MkDocs plugins and themes as they are (see
docs/platform.md). This builds the same mkdocs.yml twice, on the same build date, once with
`.venv/bin/mkdocs` and once with ProperDocs from its own virtual environment
(`.venv-properdocs`, `pip install -e '.[properdocs]'`), and compares the two site/ folders file
by file. Every difference must be one of the three explained in docs/platform.md:

1. the `<meta name="generator">` line, which names the program that built the page
   (`mkdocs-1.6.1` against `mkdocs-ProperDocs 1.6.7`; Material writes it from `mkdocs_version`);
2. in `sw.js`, its version, the content hash of each saved page whose only difference is that
   line, and then the set's total size (the version is a hash of the set's bytes, which
   include it);
3. the numbering inside Pagefind's index: Pagefind numbers pages in the order it meets them,
   which varies between two MkDocs builds too, so its metadata and filter files are compared
   decoded, with each page number replaced by the page's fragment hash.

Anything else is printed, and the exit status is 1.

    .venv/bin/python scripts/platform_check.py [--properdocs PATH] [--mkdocs PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = re.compile(rb'(<meta name="generator" content="mkdocs-)([^",]*)(,)')
SW_VERSION = re.compile(rb'("version": ")([0-9a-f]+)(")')
SW_BYTES = re.compile(rb'("bytes": )([0-9]+)(,)')  # the set's gzipped size, shown on /offline/
SW_HASH = re.compile(rb'^(\s*"([^"]*)": ")([0-9a-f]+)(",?)$', re.M)  # a file's hash in sw.js
PAGEFIND_HEADER = b"pagefind_dcd"
# Pagefind files that number pages: compared decoded. The word index (index/*.pf_index) numbers
# pages too, so it is decoded with them; fragments are named by their content's hash.
PAGEFIND_NUMBERED = re.compile(
    r"pagefind/(pagefind-entry\.json|pagefind\..*\.pf_meta|filter/.*|index/.*)$"
)


def build(command: list[str], site: Path, build_date: str) -> None:
    env = {**os.environ, "ACT_BUILD_DATE": build_date, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [*command, "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"{command[0]} build failed:\n{done.stdout}{done.stderr}")


def pagefind_file(path: Path) -> bytes:
    """A file of Pagefind's bundle, ungzipped and without its header."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(PAGEFIND_HEADER):
        raise ValueError(f"{path}: not a Pagefind file")
    return data[len(PAGEFIND_HEADER) :]


def decoded_pagefind(bundle: Path) -> dict:
    """Pagefind's index with page numbers replaced by each page's fragment hash: its version,
    and per language the pages, words (with positions and weights), filters, sorts and
    metadata fields. Fragments are named by their content's hash, so they are not here: read
    them with `pagefind_file`. tests/builds/test_search_streamed.py uses this too."""
    import cbor2  # a test extra (pyproject.toml): `make platform-check` installs it

    def pages_of(plist: list, pages: list[str]) -> list:
        number, found = 0, []
        for page in plist:  # delta-coded page numbers, each with positions and weights
            number += page[0]
            found.append((pages[number], json.dumps(page[1:])))
        return sorted(found)

    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    decoded: dict = {"version": entry["version"], "languages": {}}
    for language, about in entry["languages"].items():
        meta = cbor2.loads(pagefind_file(bundle / f"pagefind.{about['hash']}.pf_meta"))
        _version, page_list, chunks, filter_files, sorts, meta_fields = meta
        pages = [page_hash for page_hash, _words in page_list]
        words = {}
        for _first, _last, chunk in chunks:
            index = cbor2.loads(pagefind_file(bundle / "index" / f"{chunk}.pf_index"))
            for word, plist, *variants in index[0]:
                words[word] = (
                    pages_of(plist, pages),
                    [[(v, pages_of(vlist, pages)) for v, vlist in group] for group in variants],
                )
        filters = {}
        for name, file in filter_files:
            _name, values = cbor2.loads(pagefind_file(bundle / "filter" / f"{file}.pf_filter"))
            filters[name] = {value: sorted(pages[i] for i in numbers) for value, numbers in values}
        decoded["languages"][language] = {
            "page_count": about["page_count"],
            "pages": sorted(map(tuple, page_list)),
            "words": words,
            "filters": filters,
            "sorts": [name for name, _numbers in sorts],
            "meta_fields": meta_fields,
        }
    return decoded


def compare(mkdocs_site: Path, properdocs_site: Path) -> tuple[list[str], dict[str, int]]:
    """(unexplained differences, count of each explained one) between the two builds."""
    problems: list[str] = []
    explained = {"generator line": 0, "sw.js version": 0, "pagefind numbering": 0}

    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    a_files, b_files = files(mkdocs_site), files(properdocs_site)
    numbered = {f for f in a_files | b_files if PAGEFIND_NUMBERED.search(f)}
    for name in sorted((a_files ^ b_files) - numbered):
        where = "MkDocs" if name in a_files else "ProperDocs"
        problems.append(f"{name}: only in the {where} build")
    for name in sorted((a_files & b_files) - numbered):
        a, b = (mkdocs_site / name).read_bytes(), (properdocs_site / name).read_bytes()
        if a == b:
            continue
        if name.endswith(".html"):
            generators = GENERATOR.findall(b)
            if generators and all(g[1].startswith(b"ProperDocs ") for g in generators):
                a, b = GENERATOR.sub(rb"\1*\3", a), GENERATOR.sub(rb"\1*\3", b)
                if a == b:
                    explained["generator line"] += 1
                    continue
        if name == "sw.js":
            a, b = SW_VERSION.sub(rb"\1*\3", a), SW_VERSION.sub(rb"\1*\3", b)
            same_but_generator = {
                path
                for path in {m[1] for m in SW_HASH.findall(a)}
                if _only_generator_differs(mkdocs_site, properdocs_site, path.decode())
            }

            a, b = _mask_hashes(a, same_but_generator), _mask_hashes(b, same_but_generator)
            if same_but_generator:  # their gzipped sizes are in the set's total
                a, b = SW_BYTES.sub(rb"\1*\3", a), SW_BYTES.sub(rb"\1*\3", b)
            if a == b:
                explained["sw.js version"] += 1
                continue
        problems.append(f"{name}: differs\n{first_difference(a, b)}")
    if numbered:
        try:
            same = decoded_pagefind(mkdocs_site / "pagefind") == decoded_pagefind(
                properdocs_site / "pagefind"
            )
        except (OSError, ValueError, KeyError) as err:
            problems.append(f"pagefind/: could not be read ({err})")
        else:
            if same:
                explained["pagefind numbering"] += len(numbered)
            else:
                problems.append("pagefind/: the two indexes differ once decoded")
    if not explained["generator line"]:
        problems.append(
            "no page of the second build names ProperDocs as its generator: "
            "was it built with ProperDocs?"
        )
    return problems, explained


def _mask_hashes(worker: bytes, paths: set[bytes]) -> bytes:
    """sw.js with the content hash of each of `paths` replaced by `*`."""
    return SW_HASH.sub(lambda m: m[1] + b"*" + m[4] if m[2] in paths else m[0], worker)


def _only_generator_differs(mkdocs_site: Path, properdocs_site: Path, address: str) -> bool:
    """Whether the page at `address` (as sw.js names it: "./", "get-help/") differs between the
    two builds only in its generator line."""
    name = address.removeprefix("./") + "index.html" if address.endswith("/") else address
    try:
        a, b = (mkdocs_site / name).read_bytes(), (properdocs_site / name).read_bytes()
    except OSError:
        return False
    return a != b and GENERATOR.sub(rb"\1*\3", a) == GENERATOR.sub(rb"\1*\3", b)


def first_difference(a: bytes, b: bytes) -> str:
    a_lines, b_lines = a.splitlines(), b.splitlines()
    for number, (x, y) in enumerate(zip(a_lines, b_lines, strict=False), start=1):
        if x != y:
            return f"  line {number}:\n  MkDocs:     {x[:200]!r}\n  ProperDocs: {y[:200]!r}"
    return f"  MkDocs has {len(a_lines)} lines, ProperDocs {len(b_lines)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mkdocs", default=str(ROOT / ".venv" / "bin" / "mkdocs"))
    parser.add_argument(
        "--properdocs", default=str(ROOT / ".venv-properdocs" / "bin" / "properdocs")
    )
    parser.add_argument("--keep", type=Path, help="build into this folder and keep both sites")
    parser.add_argument(
        "--build-date",
        default=os.environ.get("ACT_BUILD_DATE", "2026-12-05"),
        help="ACT_BUILD_DATE for both builds (default %(default)s)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="act-platform-") as temporary:
        out = args.keep or Path(temporary)
        mkdocs_site, properdocs_site = out / "mkdocs", out / "properdocs"
        build([args.mkdocs], mkdocs_site, args.build_date)
        build([args.properdocs], properdocs_site, args.build_date)
        problems, explained = compare(mkdocs_site, properdocs_site)
        count = sum(1 for p in mkdocs_site.rglob("*") if p.is_file())
    if problems:
        print(f"ProperDocs and MkDocs built different sites ({len(problems)} unexplained):")
        print("\n".join(problems))
        return 1
    details = ", ".join(f"{n} by the {what}" for what, n in explained.items() if n)
    print(f"ProperDocs and MkDocs built the same {count} files; differences explained: {details}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
