"""Pagefind's first-fetched files gzipped again with Zopfli: smaller, the same content."""

from __future__ import annotations

import gzip
import hashlib
import json
import os

from act.search.recompress import recompress_first_fetched


def pagefind_file(path, content: bytes) -> bytes:
    written = gzip.compress(b"pagefind_dcd" + content, 9, mtime=0)  # as Pagefind writes them
    path.write_bytes(written)
    entry = path.parent / "pagefind-entry.json"
    if not entry.exists():
        language = {"hash": "en_0123456789", "wasm": "en", "page_count": 1}
        entry.write_text(json.dumps({"version": "1.5.2", "languages": {"en": language}}))
    return written


def test_the_wasm_and_metadata_get_smaller_and_inflate_to_the_same_bytes(tmp_path):
    # Like the metadata file: short hashes and word counts, one entry per page.
    meta = b"".join(
        b"\x82jen_%07x\x19\x02%c" % (i * 2654435761 % 2**28, i % 256) for i in range(5000)
    )
    wasm = bytes(range(256)) * 40 + b"\x00asm" * 500
    written = {
        "pagefind.en_0123456789.pf_meta": pagefind_file(
            tmp_path / "pagefind.en_0123456789.pf_meta", meta
        ),
        "wasm.en.pagefind": pagefind_file(tmp_path / "wasm.en.pagefind", wasm),
    }
    (tmp_path / "fragment").mkdir()
    fragment = pagefind_file(tmp_path / "fragment" / "en_abcdef1.pf_fragment", b"{}" * 400)
    os.chmod(tmp_path / "wasm.en.pagefind", 0o644)

    done = recompress_first_fetched(tmp_path, tmp_path / "cache")

    assert done.files == 2
    assert done.bytes_before == sum(len(b) for b in written.values())
    assert 0 < done.bytes_after < done.bytes_before
    for name, old in written.items():
        new = (tmp_path / name).read_bytes()
        assert len(new) < len(old)
        assert gzip.decompress(new) == gzip.decompress(old)
    assert (tmp_path / "wasm.en.pagefind").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "fragment" / "en_abcdef1.pf_fragment").read_bytes() == fragment  # not these
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["cache", "fragment", "pagefind-entry.json", *sorted(written)]  # no temp


def test_a_file_zopfli_cannot_shrink_is_left_as_it_was(tmp_path):
    import zopfli.gzip

    # Already Zopfli's own output (a second build over the same folder, say).
    written = zopfli.gzip.compress(b"pagefind_dcd" + b"\x00asm" * 5000, numiterations=3)
    pagefind_file(tmp_path / "wasm.en.pagefind", b"")  # (and the entry file)
    (tmp_path / "wasm.en.pagefind").write_bytes(written)
    done = recompress_first_fetched(tmp_path, tmp_path / "cache")
    assert (tmp_path / "wasm.en.pagefind").read_bytes() == written
    assert done.files == 1 and done.bytes_after == done.bytes_before


def test_an_empty_bundle_is_nothing_to_do(tmp_path):
    assert recompress_first_fetched(tmp_path, tmp_path / "cache").files == 0


def test_only_the_metadata_file_the_entry_names_is_done(tmp_path):
    pagefind_file(tmp_path / "pagefind.en_0123456789.pf_meta", b"\x82jen_abcdef1\x19\x02G" * 3000)
    left = pagefind_file(tmp_path / "pagefind.en_9999999999.pf_meta", b"\x82jen_1234567" * 3000)
    assert recompress_first_fetched(tmp_path, tmp_path / "cache").files == 1
    assert (tmp_path / "pagefind.en_9999999999.pf_meta").read_bytes() == left  # an old build's


def test_the_next_build_takes_zopflis_result_from_the_cache(tmp_path, monkeypatch):
    wasm = bytes(range(256)) * 40 + b"\x00asm" * 500
    (tmp_path / "one").mkdir()
    pagefind_file(tmp_path / "one" / "wasm.en.pagefind", wasm)
    first = recompress_first_fetched(tmp_path / "one", tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.gz"))) == 1

    import zopfli.gzip

    def no_zopfli(*args, **kwargs):
        raise AssertionError("compressed again")

    monkeypatch.setattr(zopfli.gzip, "compress", no_zopfli)
    (tmp_path / "two").mkdir()
    pagefind_file(tmp_path / "two" / "wasm.en.pagefind", wasm)
    second = recompress_first_fetched(tmp_path / "two", tmp_path / "cache")
    assert second == first
    one, two = (tmp_path / d / "wasm.en.pagefind" for d in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()


def test_a_cache_entry_that_inflates_to_other_bytes_is_not_used(tmp_path):
    wasm = b"\x00asm" * 5000
    pagefind_file(tmp_path / "wasm.en.pagefind", wasm)
    cache = tmp_path / "cache"
    cache.mkdir()
    planted = cache / f"{hashlib.sha256(b'pagefind_dcd' + wasm).hexdigest()}.gz"
    planted.write_bytes(gzip.compress(b"pagefind_dcd<script>alert(1)</script>"))
    recompress_first_fetched(tmp_path, cache)
    assert gzip.decompress((tmp_path / "wasm.en.pagefind").read_bytes()) == b"pagefind_dcd" + wasm
    assert gzip.decompress(planted.read_bytes()) == b"pagefind_dcd" + wasm  # made again


def test_the_cache_is_in_the_users_cache_folder_or_else_the_temporary_one(monkeypatch, tmp_path):
    from pathlib import Path

    from act.search import recompress

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert recompress.cache_dir() == tmp_path / "act" / "zopfli"
    monkeypatch.delenv("XDG_CACHE_HOME")

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    monkeypatch.setattr(recompress.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    assert recompress.cache_dir() == tmp_path / "tmp" / "act" / "zopfli"
