"""What the export tests share: the adversarial ledger and export inputs.

Paths and ledger loading live in ``conftest``; the names are repeated here
for the test files that import them from this module.
"""

from __future__ import annotations

from conftest import FIXTURES, REPO, SAMPLE, load

from claims_cli.model import Ledger
from claims_cli.render.exports import ExportInput, GroupBy

__all__ = ["ADVERSARIAL", "REPO", "SAMPLE", "adversarial_ledger", "job", "load", "sample_ledger"]

ADVERSARIAL = FIXTURES / "export" / "adversarial.yaml"


def job(ledger: Ledger, *, group_by: GroupBy | None = None) -> ExportInput:
    return ExportInput(ledger=ledger, claims=ledger.claims, group_by=group_by)


def sample_ledger() -> Ledger:
    """The repository's sample ledger (claims.yaml)."""
    return load(SAMPLE)


def adversarial_ledger() -> Ledger:
    """The ledger whose every field means something to some output format."""
    return load(ADVERSARIAL)
