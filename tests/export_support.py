"""Helpers for the export tests: the sample and adversarial ledgers, export inputs."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from claims_cli.check.pipeline import open_ledger
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES
from claims_cli.model import Ledger
from claims_cli.read.files import find_claim_files
from claims_cli.render.exports import ExportInput, GroupBy

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "claims.yaml"
ADVERSARIAL = ROOT / "tests" / "fixtures" / "export" / "adversarial.yaml"


@functools.cache
def load(path: Path) -> Ledger:
    loaded = open_ledger(
        find_claim_files([str(path)]), today=date(2026, 11, 28), max_bytes=DEFAULT_MAX_FILE_BYTES
    )
    assert loaded.ok, loaded.errors
    return loaded.ledger


def job(ledger: Ledger, *, group_by: GroupBy | None = None) -> ExportInput:
    return ExportInput(ledger=ledger, claims=ledger.claims, group_by=group_by)


def sample_ledger() -> Ledger:
    """The repository's sample ledger (claims.yaml)."""
    return load(SAMPLE)


def adversarial_ledger() -> Ledger:
    """The ledger whose every field means something to some output format."""
    return load(ADVERSARIAL)
