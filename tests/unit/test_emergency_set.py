"""The emergency set, its precache list and version, the manifest and the worker (act.offline)."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from act.offline.emergency_set import (
    SavedPage,
    grouped,
    in_emergency_set,
    over_budget,
    page_assets,
    precache,
)
from act.offline.manifest import web_app_manifest
from act.offline.worker import service_worker

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../../assets/act.css">
<link rel="manifest" href="../../manifest.webmanifest">
<link rel="icon" href="../../assets/favicon.svg">
<link rel="alternate" type="application/atom+xml" href="../../feed.xml">
<link rel="canonical" href="https://example.org/prepare/power-cuts/">
<script src="../../assets/javascripts/act-bootstrap.js"></script>
</head><body>
<a href="../../plan/">Make a plan</a>
<img src="../../assets/logo.svg" alt=""><img src="data:image/png;base64,AAAA" alt="">
<img src="https://elsewhere.example/x.png" alt="">
<script src="../../pagefind/pagefind-ui.js"></script>
<script type="application/ld+json">{}</script>
</body></html>"""


def write_site(root, pages: dict[str, str], files: dict[str, str]):
    for url, html in pages.items():
        (root / url).mkdir(parents=True, exist_ok=True)
        (root / url / "index.html").write_text(html)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def test_flagged_pages_and_every_get_help_page_are_in_the_set():
    assert in_emergency_set("prepare/power-cuts/", {"offline": True})
    assert in_emergency_set("get-help/", {}) and in_emergency_set("get-help/homelessness/", {})
    assert not in_emergency_set("prepare/fire-at-home/", {"offline": False})
    assert not in_emergency_set("volunteer/", {})


def test_a_sensitive_page_is_never_in_the_set_whatever_else_marks_it():
    assert not in_emergency_set("get-help/domestic-abuse/", {"sensitive": True})
    assert not in_emergency_set("prepare/x/", {"offline": True, "sensitive": True})
    assert not in_emergency_set("prepare/x/", {"offline": True, "sensitive": "true"})
    # The Get help index shows "Exit this page" without being sensitive itself.
    assert in_emergency_set("get-help/", {"exit_button": True})


def test_a_page_loads_its_styles_scripts_icons_and_images_not_its_links_or_other_sites():
    assert page_assets(PAGE, "prepare/power-cuts/") == {
        "assets/act.css",
        "manifest.webmanifest",
        "assets/favicon.svg",
        "assets/javascripts/act-bootstrap.js",
        "assets/logo.svg",
        "pagefind/pagefind-ui.js",
    }


def test_the_precache_list_holds_the_pages_and_their_files_but_never_search(tmp_path):
    site = write_site(
        tmp_path,
        {"": PAGE.replace("../../", ""), "prepare/power-cuts/": PAGE, "offline/": "<p>offline"},
        {"assets/act.css": "a{}", "assets/favicon.svg": "<svg/>", "manifest.webmanifest": "{}"}
        | {"assets/javascripts/act-bootstrap.js": "", "assets/logo.svg": "<svg/>"},
    )
    kept = precache(site, ["", "prepare/power-cuts/"], always=["manifest.webmanifest"])
    assert kept.pages == ("", "offline/", "prepare/power-cuts/")
    assert "pagefind/pagefind-ui.js" not in kept.files
    assert kept.urls[:3] == ["./", "offline/", "prepare/power-cuts/"]
    assert "assets/act.css" in kept.urls and kept.gzipped_bytes > 0


def test_the_version_changes_when_any_byte_of_the_set_does(tmp_path):
    site = write_site(tmp_path, {"": PAGE.replace("../../", "")[:120], "offline/": "x"}, {})
    (site / "assets").mkdir()
    (site / "assets" / "act.css").write_text("a{}")
    first = precache(site, [""]).version
    assert precache(site, [""]).version == first
    (site / "assets" / "act.css").write_text("a{ }")
    assert precache(site, [""]).version != first


def test_each_file_carries_its_content_hash_so_a_new_deploy_fetches_only_changed_ones(tmp_path):
    site = write_site(tmp_path, {"": PAGE.replace("../../", "")[:120], "offline/": "x"}, {})
    (site / "assets").mkdir()
    (site / "assets" / "act.css").write_text("a{}")
    config = worker_config(service_worker(precache(site, [""])))
    assert config["hashes"]["assets/act.css"] == hashlib.sha256(b"a{}").hexdigest()[:16]
    assert set(config["hashes"]) == set(config["precache"])
    assert config["keepOpenedDays"] == 30 and config["bytes"] > 0
    (site / "assets" / "act.css").write_text("a{ }")
    again = worker_config(service_worker(precache(site, [""])))
    changed = {url for url in again["hashes"] if again["hashes"][url] != config["hashes"][url]}
    assert changed == {"assets/act.css"}


def test_a_file_the_set_needs_but_the_build_did_not_write_is_named(tmp_path):
    site = write_site(tmp_path, {"": PAGE.replace("../../", ""), "offline/": "x"}, {})
    with pytest.raises(FileNotFoundError, match="assets/act.css"):
        precache(site, [""])


def test_the_offline_page_groups_what_is_saved():
    pages = [
        SavedPage("", "Home"),
        SavedPage("get-help/", "Get help"),
        SavedPage("plan/", "Make a plan"),
        SavedPage("prepare/power-cuts/", "Cope with a power cut"),
        SavedPage("about/", "About"),
    ]
    assert [(heading, [p.url for p in found]) for heading, found in grouped(pages)] == [
        ("Start here", ["", "plan/"]),
        ("Get help", ["get-help/"]),
        ("Advice", ["prepare/power-cuts/"]),
        ("Other pages", ["about/"]),
    ]


def worker_config(source: str) -> dict:
    return json.loads(re.search(r"const CONFIG = (\{.*?\n\});", source, re.S).group(1))


def test_the_worker_carries_the_set_its_version_and_the_private_pages(tmp_path):
    site = write_site(tmp_path, {"": "<p>home", "offline/": "x", "get-help/x/": "y"}, {})
    kept = precache(site, ["", "get-help/x/"])
    config = worker_config(service_worker(kept, ["get-help/abuse/", "prepare/cover-your-tracks/"]))
    assert config["precache"] == ["./", "get-help/x/", "offline/"]
    assert config["privatePages"] == ["get-help/abuse/", "prepare/cover-your-tracks/"]
    with pytest.raises(ValueError, match="Exit this page"):
        service_worker(kept, ["get-help/x/"])
    assert config["neverKept"][:3] == ["admin/", "search/", "pagefind/"]
    (site / "index.html").write_text("<p>home, changed")
    assert worker_config(service_worker(precache(site, [""])))["version"] != config["version"]


def test_the_manifest_has_what_browsers_need_to_install_the_site():
    manifest = json.loads(web_app_manifest("Active Citizens Toolkit", "Plan for emergencies."))
    assert manifest["name"] == "Active Citizens Toolkit" and manifest["short_name"] == "ACT"
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    assert {(i["sizes"], i["purpose"]) for i in manifest["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }


def test_the_pages_that_push_the_set_over_its_budget_are_named_with_what_they_add(tmp_path):
    noise = "".join(f"<p>{n * 7919 % 104729}</p>" for n in range(2000))  # compresses poorly
    site = write_site(
        tmp_path,
        {
            "": '<link rel="stylesheet" href="site.css">home',
            "offline/": "saved pages",
            "get-help/": "help",
            "prepare/a/": "short",
            "prepare/b/": '<link rel="stylesheet" href="../../big.css">' + noise,
            "prepare/c/": noise,
        },
        {"site.css": "body{}", "big.css": noise},
    )
    kept = precache(site, ["", "get-help/", "prepare/a/", "prepare/b/", "prepare/c/"])
    assert over_budget(site, kept, budget=kept.gzipped_bytes) == []
    over = over_budget(site, kept, budget=kept.gzipped_bytes - 1)
    assert [url for url, _ in over] == ["prepare/c/"]
    within = kept.sizes["get-help/"] + kept.sizes["offline/"] + kept.sizes[""]
    within += kept.sizes["site.css"] + kept.sizes["prepare/a/"]
    over = over_budget(site, kept, budget=within)
    # b brings big.css with it; the Get help and offline pages are never the ones named.
    assert over == [
        ("prepare/b/", kept.sizes["prepare/b/"] + kept.sizes["big.css"]),
        ("prepare/c/", kept.sizes["prepare/c/"]),
    ]
