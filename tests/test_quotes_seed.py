"""The sample ledger against the article it was taken from, archived in a scratch copy.

The article is not ours to copy, so it never enters the repository: it is read
from ``../shared/seed-article.txt`` beside the project (CI has it there) and
copied into a temporary folder with a copy of the sample ledger.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, Cli

SEED = REPO.parent / "shared" / "seed-article.txt"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at ../shared/seed-article.txt ({SEED} is missing)")
    (tmp_path / ".git").mkdir()
    shutil.copy(SAMPLE, tmp_path / "claims.yaml")
    shutil.copy(SEED, tmp_path / "seed-article.txt")
    return tmp_path


def test_the_seed_article_never_enters_the_repository() -> None:
    assert not list(REPO.glob("**/seed-article.txt"))
    assert "snapshot:" not in SAMPLE.read_text(encoding="utf-8")


def test_every_quote_and_locator_of_the_sample_holds_against_the_seed_article(
    cli: Cli, scratch: Path
) -> None:
    ledger = scratch / "claims.yaml"
    archived = cli("source", "archive", "-f", ledger, "seed-article", scratch / "seed-article.txt")
    assert archived.exit_code == 0, archived.stderr
    assert "    snapshot: sources/seed-article.txt\n" in ledger.read_text(encoding="utf-8")
    result = cli("validate", "--strict", ledger)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0,
        "No problems: 1 file, 45 claims, 1 source.",
    )


def test_coverage_finds_what_the_sample_missed_before_its_last_six_claims(
    cli: Cli, scratch: Path
) -> None:
    ledger = scratch / "claims.yaml"
    before, added = ledger.read_text(encoding="utf-8").split("  # --- Missed at first", 1)
    assert added.count("  - id: ") == 6
    ledger.write_text(before, encoding="utf-8")
    cli("source", "archive", "-f", ledger, "seed-article", scratch / "seed-article.txt")
    result = cli("coverage", "-f", ledger, "seed-article", "--format", "json")
    listed = {
        (item["coverage"], item["paragraph"], element["text"])
        for item in json.loads(result.stdout)["listed"]
        for element in item["elements"]
    }
    assert {
        ("missed", 1, "much"),
        ("missed", 2, "considerable"),
        ("partial", 10, "wants to"),
        ("partial", 12, "making gains"),
        ("partial", 12, "strengthening"),
    } <= listed


def test_coverage_of_the_seed_article_leaves_nothing_wholly_missed(cli: Cli, scratch: Path) -> None:
    ledger = scratch / "claims.yaml"
    cli("source", "archive", "-f", ledger, "seed-article", scratch / "seed-article.txt")
    result = cli("coverage", "-f", ledger, "seed-article", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["checkworthy"] == data["covered"]
    assert {item["coverage"] for item in data["listed"]} <= {"partial"}
