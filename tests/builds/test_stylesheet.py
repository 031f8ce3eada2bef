"""Every page of the edition waits for one stylesheet, not two: Material's and act.css joined
into one file named by its content (plugins/act/mkdocs/stylesheet.py)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from act.mkdocs.stylesheet import join_stylesheets, joined
from support import ROOT

LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def test_every_page_links_the_one_site_stylesheet_first(edition_site):
    pages = sorted(edition_site.rglob("*.html"))
    pages = [p for p in pages if "admin" not in p.relative_to(edition_site).parts]
    assert len(pages) > 50
    for page in pages:
        links = LINK.findall(page.read_text(encoding="utf-8"))
        assert links, page
        first = links[0].rsplit("/", 1)[-1]
        assert re.fullmatch(r"site\.[0-9a-f]{8}\.css", first), (page, links)
        # The rest are the styles only that kind of page uses, never the joined parts again.
        assert not [h for h in links[1:] if "stylesheets/" in h or h.endswith("/act.css")], page


def test_the_site_stylesheet_is_materials_then_ours(edition_site):
    (sheet,) = (edition_site / "assets" / "stylesheets").glob("site.*.css")
    text = sheet.read_bytes()
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    (material_css,) = theme.glob("main.*.min.css")
    ours = (ROOT / "overrides" / "assets" / "act.css").read_bytes()
    assert text.startswith(material_css.read_bytes().rstrip())
    assert text.rstrip().endswith(ours.rstrip())
    # The parts are not copied as well (nothing links them).
    assert not (edition_site / "assets" / "act.css").exists()
    assert not list((edition_site / "assets" / "stylesheets").glob("main.*"))


def test_the_name_changes_with_the_content():
    name, text = joined([b"a{color:red}\n", b"b{color:blue}"])
    assert text == b"a{color:red}\nb{color:blue}\n"
    assert joined([b"a{color:red}", b"b{color:blue}"])[0] == name
    assert joined([b"a{color:red}", b"b{color:navy}"])[0] != name


def _files(tmp_path, *uris):
    made = []
    for uri in uris:
        path = tmp_path / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"/* {uri} */")
        made.append(File(uri, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True))
    return Files(made)


def test_a_missing_extra_stylesheet_is_named(tmp_path):
    config = {"site_dir": str(tmp_path / "site"), "use_directory_urls": True}
    files = _files(tmp_path, "assets/stylesheets/main.abc.min.css")
    with pytest.raises(PluginError, match="extra_css in mkdocs.yml names assets/nope.css"):
        join_stylesheets(files, config, ["assets/nope.css"])


def test_a_theme_without_materials_stylesheet_is_named(tmp_path):
    config = {"site_dir": str(tmp_path / "site"), "use_directory_urls": True}
    files = _files(tmp_path, "assets/act.css")
    with pytest.raises(PluginError, match="Material for MkDocs"):
        join_stylesheets(files, config, ["assets/act.css"])
