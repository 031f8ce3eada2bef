"""Fixtures for the charity directory: a local CharityBase, a data folder, the refresh command."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from act.charities.referrals import load_referrals
from act.charities.snapshot import curated_snapshot, snapshot_text
from act.cli import main
from charities.fake_charitybase import GOOD_KEY, FakeCharityBase, charity_record
from charities.get_help_project import build_get_help_project
from charities.sample_register import ALPHA_ACTIVITIES, CRISIS_COUNT, MONEY_ACTIVITIES, REFERRALS


@dataclass
class Refresh:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """data/ with referrals.yml and a curated snapshot, as committed before any refresh."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "referrals.yml").write_text(REFERRALS, encoding="utf-8")
    referrals, problems = load_referrals(data / "referrals.yml", "referrals.yml")
    assert problems == []
    (data / "charities").mkdir()
    (data / "charities" / "snapshot.json").write_text(
        snapshot_text(curated_snapshot(referrals)), encoding="utf-8"
    )
    return data


@pytest.fixture
def fake():
    """A local CharityBase holding the register the tests expect. Gone Trust (1000002) and
    Nowhere Trust (1000009), curated in REFERRALS, are not on it."""
    with FakeCharityBase() as server:
        server.add(
            charity_record(
                "1000001",
                "ALPHA TRUST",
                website="www.alpha.example",
                activities=ALPHA_ACTIVITIES,
                operations=("306", "307"),
            ),
            *[
                charity_record(
                    str(2000000 + i),
                    f"CRISIS CHARITY NUMBER {i} OF THE NORTH",
                    website=f"http://crisis{i}.example/help",
                )
                for i in range(CRISIS_COUNT)
            ],
            charity_record(
                "3000001",
                "Money Matters (North)",
                website="https://money.example",
                activities=MONEY_ACTIVITIES,
                operations=("307",),
            ),
        )
        yield server


@pytest.fixture
def charitybase_env(monkeypatch, fake):
    """The refresh pointed at the local server, with delays shrunk so tests run fast."""
    for name, value in {
        "CHARITYBASE_API_URL": fake.url,
        "CHARITYBASE_API_KEY": GOOD_KEY,
        "CHARITYBASE_REQUEST_INTERVAL": "0",
        "CHARITYBASE_BACKOFF": "0",
        "CHARITYBASE_RETRIES": "2",
        "CHARITYBASE_CONNECT_TIMEOUT": "2",
        "CHARITYBASE_READ_TIMEOUT": "0.5",
    }.items():
        monkeypatch.setenv(name, value)
    return fake


@pytest.fixture
def refresh(capsys, caplog):
    """Run `act charities refresh` in-process; logs are captured at DEBUG, urllib3's too."""
    caplog.set_level(logging.DEBUG)

    def run(data: Path, *options: str) -> Refresh:
        code = main(["charities", "refresh", "--data", str(data), *options])
        captured = capsys.readouterr()
        return Refresh(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def get_help_build(tmp_path_factory):
    """A fixture project whose directory has register data and a hostile charity, built once."""
    done = build_get_help_project(tmp_path_factory.mktemp("gethelp") / "project")
    assert done.returncode == 0, done.output
    return done
