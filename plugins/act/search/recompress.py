"""The Pagefind files every first search fetches, gzipped again, more tightly.

Pagefind gzips each file it writes (flate2 at its best level) and its script inflates them
itself. Zopfli writes the same gzip format 5 to 15% smaller, at about a second per 150 kB:
too slow for thousands of fragments and index chunks, worth it for the two files every
search fetches before its first result, whatever the query: the WebAssembly module and the
page metadata file, which lists every page and grows with the site.

Zopfli's output depends only on the content, and the module is the same in every build with
the same Pagefind, so results are kept in the user's cache folder (outside the repository:
nothing a pull request adds can be served from it), named by the content's SHA-256, and used
only if they inflate to exactly that content."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import zopfli.gzip

from act.search.indexer import LANGUAGE

ITERATIONS = 3  # more gives a few bytes at most on these files (measured: 5 and 15)
CACHE_KEEP = 20  # results kept in the cache, the most recently used


def cache_dir() -> Path:
    """The user's cache folder (XDG_CACHE_HOME, else ~/.cache), or the system's temporary
    folder on a machine that gives the build no home. (Entries are checked before use.)"""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        base = Path(xdg)
    else:
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no HOME and no entry in the password database
            base = Path(tempfile.gettempdir())
    return base / "act" / "zopfli"


@dataclass(frozen=True)
class Recompressed:
    files: int
    bytes_before: int
    bytes_after: int


def first_fetched(bundle: Path) -> list[Path]:
    """The WebAssembly module of our language and the metadata file pagefind-entry.json names
    (not one an earlier build left). Pagefind also writes wasm.unknown.pagefind, for pages in
    no language: ours all have one."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        hashes = [language["hash"] for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []  # no index written: nothing to do (its check reports that)
    found = [
        bundle / f"wasm.{LANGUAGE}.pagefind",
        *(bundle / f"pagefind.{h}.pf_meta" for h in hashes),
    ]
    return [path for path in found if path.is_file()]


def recompress_first_fetched(bundle: Path, cache: Path | None = None) -> Recompressed:
    """Gzip again, with Zopfli, the files of `bundle` (site/pagefind) that first_fetched names.

    The content is unchanged (each new file inflates to exactly what Pagefind wrote, checked
    before it replaces the old one), so the hashed names stay right. A file Zopfli cannot
    make smaller is left alone. The files are done side by side (Zopfli releases the GIL).
    `cache`: where results are kept between builds (default cache_dir())."""
    cache = cache_dir() if cache is None else cache
    paths = first_fetched(bundle)
    sizes: dict[Path, tuple[int, int]] = {}
    errors: list[BaseException] = []

    def one(path: Path) -> None:
        try:
            sizes[path] = _recompress(path, cache)
        except BaseException as err:  # raised again in the caller's thread
            errors.append(err)

    threads = [threading.Thread(target=one, args=(path,), name="zopfli") for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    _prune(cache)
    return Recompressed(
        len(paths), sum(b for b, _ in sizes.values()), sum(a for _, a in sizes.values())
    )


def _recompress(path: Path, cache: Path) -> tuple[int, int]:
    written = path.read_bytes()
    content = gzip.decompress(written)
    smaller = _zopfli(content, cache)
    if len(smaller) >= len(written):
        return len(written), len(written)
    _write(path, smaller, path.stat().st_mode & 0o777)
    return len(written), len(smaller)


def _zopfli(content: bytes, cache: Path) -> bytes:
    """Zopfli's gzip of `content`, from the cache when an entry there inflates to it; either
    way checked to inflate to `content` (never serve a file that inflates differently)."""
    kept = cache / f"{hashlib.sha256(content).hexdigest()}.gz"
    try:
        found = kept.read_bytes()
        if gzip.decompress(found) == content:
            os.utime(kept)  # recently used: kept by _prune
            return found
    except (OSError, EOFError, gzip.BadGzipFile, ValueError):
        pass  # not there, or not a good copy: made again below
    smaller = zopfli.gzip.compress(content, numiterations=ITERATIONS)
    if gzip.decompress(smaller) != content:
        raise RuntimeError("Zopfli's gzip does not inflate to Pagefind's file")
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _write(kept, smaller, 0o644)
    except OSError:
        pass  # the cache only saves time
    return smaller


def _write(path: Path, data: bytes, mode: int) -> None:
    """Replace `path` at once: a reader sees the old file or the new, never half of one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(cache: Path) -> None:
    try:
        kept = sorted(cache.glob("*.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
