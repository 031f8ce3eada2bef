"""The npm pins Dependabot watches (.github/npm-pins/package.json) are the versions the scripts
really install: a Dependabot pull request fails here until the script's pin is changed too."""

from __future__ import annotations

import json
import re

from support import ROOT

PINS = json.loads((ROOT / ".github" / "npm-pins" / "package.json").read_text(encoding="utf-8"))
# Where each package's version is written, and how to read it there.
USED = {
    "decap-cms": ("scripts/ensure-decap", r"^DECAP=(\S+)$"),
    "js-yaml": ("scripts/ensure-decap", r"^JS_YAML=(\S+)$"),
    "decap-server": ("scripts/ensure-decap", r"^DECAP_SERVER=(\S+)$"),
    "vnu-jar": ("scripts/ensure-vnu", r"^VERSION=(\S+)$"),
    "lighthouse": ("Makefile", r"lighthouse@(\S+)$"),
    "netlify-cli": (".github/workflows/deploy.yml", r"netlify-cli@(\S+) "),
}


def test_every_npm_package_the_scripts_install_is_listed_for_dependabot():
    assert sorted(PINS["dependencies"]) == sorted(USED)


def test_each_listed_version_is_the_one_the_script_installs():
    wrong = []
    for package, (path, pattern) in USED.items():
        used = re.findall(pattern, (ROOT / path).read_text(encoding="utf-8"), flags=re.M)
        if used != [PINS["dependencies"][package]]:
            wrong.append(
                f"{package}: {path} has {used}, package.json {PINS['dependencies'][package]}"
            )

    assert not wrong, "\n".join(wrong)
