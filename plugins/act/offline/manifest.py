"""The web app manifest (manifest.webmanifest): what a browser needs to install the site."""

from __future__ import annotations

import json

# Drawn by scripts/make-app-icons from overrides/assets/logo.svg: (path, size, purpose).
ICONS = (
    ("assets/icons/icon-192.png", 192, "any"),
    ("assets/icons/icon-512.png", 512, "any"),
    ("assets/icons/maskable-512.png", 512, "maskable"),
)
APPLE_TOUCH_ICON = "assets/icons/apple-touch-icon.png"
THEME_COLOUR = "#1b3d6d"  # the header's blue, --md-primary-fg-color in act.css
SHORT_NAME = "ACT"


def icon_paths() -> list[str]:
    return [path for path, _, _ in ICONS] + [APPLE_TOUCH_ICON]


def web_app_manifest(name: str, description: str) -> str:
    """The manifest as JSON. Addresses are relative to the manifest, which sits at the site's
    root, so it works wherever the site is published."""
    manifest = {
        "id": "./",
        "name": name,
        "short_name": SHORT_NAME,
        "description": description,
        "lang": "en-GB",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for path, size, purpose in ICONS
        ],
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
