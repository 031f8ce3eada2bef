"""The Pagefind files every first search fetches, gzipped again, more tightly.

Pagefind gzips each file it writes (flate2 at its best level) and its script inflates them
itself. Zopfli writes the same gzip format 5 to 15% smaller, at about a second per 150 kB:
too slow for thousands of fragments and index chunks, worth it for the two files every
search fetches before its first result, whatever the query: the WebAssembly module and the
page metadata file, which lists every page and grows with the site."""

from __future__ import annotations

import gzip
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import zopfli.gzip

from act.search.indexer import LANGUAGE

# (Pagefind also writes wasm.unknown.pagefind, for pages in no language: ours all have one.)
FIRST_FETCHED = (f"wasm.{LANGUAGE}.pagefind", f"pagefind.{LANGUAGE}_*.pf_meta")
ITERATIONS = 3  # more gives a few bytes at most on these files (measured: 5 and 15)


@dataclass(frozen=True)
class Recompressed:
    files: int
    bytes_before: int
    bytes_after: int

    @property
    def saved(self) -> int:
        return self.bytes_before - self.bytes_after


def recompress_first_fetched(bundle: Path) -> Recompressed:
    """Gzip again, with Zopfli, the files of `bundle` (site/pagefind) that FIRST_FETCHED names.

    The content is unchanged (each new file inflates to exactly what Pagefind wrote, checked
    before it replaces the old one), so the hashed names stay right. A file Zopfli cannot
    make smaller is left alone. The files are done side by side (Zopfli releases the GIL)."""
    paths = sorted(path for pattern in FIRST_FETCHED for path in bundle.glob(pattern))
    sizes: dict[Path, tuple[int, int]] = {}
    errors: list[BaseException] = []

    def one(path: Path) -> None:
        try:
            sizes[path] = _recompress(path)
        except BaseException as err:  # raised again in the caller's thread
            errors.append(err)

    threads = [threading.Thread(target=one, args=(path,), name="zopfli") for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return Recompressed(
        len(paths), sum(b for b, _ in sizes.values()), sum(a for _, a in sizes.values())
    )


def _recompress(path: Path) -> tuple[int, int]:
    written = path.read_bytes()
    content = gzip.decompress(written)
    smaller = zopfli.gzip.compress(content, numiterations=ITERATIONS)
    if len(smaller) >= len(written):
        return len(written), len(written)
    if gzip.decompress(smaller) != content:  # never serve a file that inflates differently
        raise RuntimeError(f"Zopfli's copy of {path.name} does not inflate to Pagefind's")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(smaller)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(written), len(smaller)
