"""The whole check: every content file, the data files and the site's addresses.

`act check` prints it and the build refuses to go on if it finds an error, so both always
agree and `make site` runs it once, inside the build.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from act.addresses import site_problems
from act.areas.data import named_area_problems, read_area_data
from act.catalogue import Catalogue
from act.charities.data import CharityData, read_charity_data
from act.content.checker import check_content
from act.listings.directive import find_directives
from act.listings.sources import vocabulary
from act.numbers import claim_problems, helpline_claims
from act.problems import Problem
from act.search.synonyms import synonym_problems
from act.wording import shown_path


def check_site(
    content: Path, data: Path, today: date, cache: dict | None = None, processes: int = 1
) -> tuple[Catalogue, CharityData]:
    """The checked catalogue, its `problems` holding every problem found, all in one run
    (`cache` and `processes` as in check_content), and beside it the Get help directory's
    data, read here once, so the build reads data/referrals.yml and the snapshot once."""
    catalogue = check_content(content, data, today, cache=cache, processes=processes)
    catalogue.problems += directive_problems(catalogue)
    charities = read_charity_data(data, today)
    areas = read_area_data(data, catalogue.taxonomies.regions)
    catalogue.problems += areas.problems + named_area_problems(
        catalogue.entries, areas.areas, catalogue.taxonomies.regions_covered, content
    )
    catalogue.problems += charities.problems + site_problems(
        catalogue, data, content, today, referrals=charities.referrals
    )
    if charities.referrals is not None and catalogue.numbers:
        path = charities.referrals_path
        for claim in helpline_claims(path, shown_path(path)):
            catalogue.problems += claim_problems(claim, catalogue.numbers)
    catalogue.problems += synonym_problems(data, content, catalogue.pages)
    return catalogue, charities


def directive_problems(catalogue: Catalogue) -> list[Problem]:
    """The `act:listing` directives' problems, in file order, checked once every filter value
    (topics, tags...) is known."""
    words = vocabulary(catalogue)
    problems = []
    for shown, text in catalogue.with_directives.values():
        problems += find_directives(text, shown, words)[1]
    return problems
