"""Shared fixtures: the repository's sample ledger and the adversarial one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claims_cli.discovery import find_claim_files
from claims_cli.export import ExportInput
from claims_cli.ledger import open_ledger
from claims_cli.model import Ledger

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "claims.yaml"
ADVERSARIAL = ROOT / "tests" / "fixtures" / "export" / "adversarial.yaml"


def load(path: Path) -> Ledger:
    loaded = open_ledger(find_claim_files([str(path)]))
    assert loaded.ok, loaded.errors
    return loaded.ledger


def job(ledger: Ledger, **options: object) -> ExportInput:
    return ExportInput(ledger=ledger, claims=ledger.claims, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def sample() -> Ledger:
    return load(SAMPLE)


@pytest.fixture(scope="session")
def adversarial() -> Ledger:
    return load(ADVERSARIAL)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Output must not depend on the terminal or CI the tests happen to run in."""
    for name in ("FORCE_COLOR", "GITHUB_ACTIONS", "NO_COLOR", "CLAIMS_FILE", "CLAIMS_TODAY"):
        monkeypatch.delenv(name, raising=False)
    yield
