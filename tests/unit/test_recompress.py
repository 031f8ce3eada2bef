"""Pagefind's first-fetched files gzipped again with Zopfli: smaller, the same content."""

from __future__ import annotations

import gzip
import os

from act.search.recompress import recompress_first_fetched


def pagefind_file(path, content: bytes) -> bytes:
    written = gzip.compress(b"pagefind_dcd" + content, 9, mtime=0)  # as Pagefind writes them
    path.write_bytes(written)
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

    done = recompress_first_fetched(tmp_path)

    assert done.files == 2
    assert done.bytes_before == sum(len(b) for b in written.values())
    assert 0 < done.bytes_after < done.bytes_before
    for name, old in written.items():
        new = (tmp_path / name).read_bytes()
        assert len(new) < len(old)
        assert gzip.decompress(new) == gzip.decompress(old)
    assert (tmp_path / "wasm.en.pagefind").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "fragment" / "en_abcdef1.pf_fragment").read_bytes() == fragment  # not these
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fragment", *sorted(written)]  # no temp


def test_a_file_zopfli_cannot_shrink_is_left_as_it_was(tmp_path):
    import zopfli.gzip

    # Already Zopfli's own output (a second build over the same folder, say).
    written = zopfli.gzip.compress(b"pagefind_dcd" + b"\x00asm" * 5000, numiterations=3)
    (tmp_path / "wasm.en.pagefind").write_bytes(written)
    done = recompress_first_fetched(tmp_path)
    assert (tmp_path / "wasm.en.pagefind").read_bytes() == written
    assert done.files == 1 and done.saved == 0


def test_an_empty_bundle_is_nothing_to_do(tmp_path):
    assert recompress_first_fetched(tmp_path).files == 0
