"""What the look-up tests share: the ledgers they read and a claim to build.

Paths and ledger loading live in ``conftest``; ``REPO`` and ``SAMPLE`` are
repeated here for the test files that import them from this module.
"""

from __future__ import annotations

from typing import Any

from conftest import FIXTURES as ALL_FIXTURES
from conftest import REPO, SAMPLE

from claims_cli.model import Attribution, Claim

__all__ = ["BROKEN", "DATED", "FIXTURES", "REPO", "SAMPLE", "WARNINGS", "make_claim"]

FIXTURES = ALL_FIXTURES / "lookup"
DATED = FIXTURES / "dated.yaml"
BROKEN = FIXTURES / "broken.yaml"
WARNINGS = FIXTURES / "warnings.yaml"


def make_claim(claim_id: str, *, source: str = "s", **fields: Any) -> Claim:
    """A low-confidence event claim attributed to ``source``, with any other ``fields``."""
    defaults: dict[str, Any] = {
        "claim": f"claim {claim_id}",
        "type": "event",
        "attribution": Attribution(source=source),
        "confidence": "low",
    }
    return Claim(id=claim_id, **{**defaults, **fields})
