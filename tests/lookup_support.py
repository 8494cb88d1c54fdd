"""What the look-up tests share: the ledgers they read.

Paths, ledger loading and ``make_claim`` live in ``conftest``; ``REPO``,
``SAMPLE`` and ``make_claim`` are repeated here for the test files that import
them from this module.
"""

from __future__ import annotations

from conftest import FIXTURES as ALL_FIXTURES
from conftest import REPO, SAMPLE, make_claim

__all__ = ["BROKEN", "DATED", "FIXTURES", "REPO", "SAMPLE", "WARNINGS", "make_claim"]

FIXTURES = ALL_FIXTURES / "lookup"
DATED = FIXTURES / "dated.yaml"
BROKEN = FIXTURES / "broken.yaml"
WARNINGS = FIXTURES / "warnings.yaml"
