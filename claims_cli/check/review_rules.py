"""Checks for publishing: what a verdict needs before a newsroom puts it out (W6xx).

Each is a rule of :mod:`claims_cli.check.rules` (same signature, listed in its
``ALL_CHECKS``); they live apart because they are about review and
publication rather than whether the ledger holds together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from claims_cli.check.diagnostics import Diagnostic, Severity, human_path
from claims_cli.model import OPEN_STATUSES, Claim, Stance, Status

if TYPE_CHECKING:
    from claims_cli.check.rules import Check, CheckContext

#: Google's guideline for ``claimReviewed``: a short summary of the claim.
CLAIM_REVIEWED_LIMIT = 75

#: The stance that contradicts each verdict that takes a side.
CONTRADICTED_BY: dict[Status, Stance] = {
    "supported": "refutes",
    "refuted": "supports",
}


def _where(claim: Claim, *sub: str) -> str:
    return human_path((*claim.origin.path, *sub)) if claim.origin else "?"


def verdict_without_explanation(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W601 (warning): a verdict other than unverified/unverifiable with no ``explanation``."""
    for claim in ctx.ledger.claims:
        if claim.status in OPEN_STATUSES:
            continue
        if claim.explanation and claim.explanation.strip():
            continue
        yield ctx.at(
            claim.origin,
            ("status",),
            "W601",
            f"{_where(claim, 'status')}: verdict '{claim.status}' has no explanation; "
            "say why in 'explanation', which the report and ClaimReview publish",
            Severity.WARNING,
        )


def claim_reviewed_too_long(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W602 (warning): a claim with a verdict whose text is too long for ``claimReviewed``."""
    for claim in ctx.ledger.claims:
        length = len(claim.claim.strip())
        if claim.status == "unverified" or length <= CLAIM_REVIEWED_LIMIT:
            continue
        yield ctx.at(
            claim.origin,
            ("claim",),
            "W602",
            f"{_where(claim, 'claim')}: {length} characters; ClaimReview's claimReviewed "
            f"should be at most {CLAIM_REVIEWED_LIMIT} (Google's guideline): shorten the claim",
            Severity.WARNING,
        )


def verdict_contradicted_by_evidence(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W603 (warning): every piece of evidence that takes a side contradicts the verdict."""
    for claim in ctx.ledger.claims:
        against = CONTRADICTED_BY.get(claim.status)
        stances = {e.stance for e in claim.evidence if e.stance != "context"}
        if against is None or stances != {against}:
            continue
        yield ctx.at(
            claim.origin,
            ("status",),
            "W603",
            f"{_where(claim, 'status')}: verdict '{claim.status}', but its only evidence "
            f"{against} the claim; check the verdict or each evidence stance",
            Severity.WARNING,
        )


REVIEW_CHECKS: tuple[Check, ...] = (
    verdict_without_explanation,
    claim_reviewed_too_long,
    verdict_contradicted_by_evidence,
)
