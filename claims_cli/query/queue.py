"""The work queue: the claims that need a person, most pressing first.

A claim is in the queue for one or more :data:`REASONS`:

- ``contradicted``: a verdict that its evidence contradicts (a ``refuted``
  claim whose only evidence ``supports`` it; the W603 rule);
- ``no-evidence``: a verdict with no evidence behind it (W308);
- ``unverified``: not checked yet;
- ``stale``: a verdict whose ``checked.on`` is older than the stale limit.

The order: a desk's own ``priority`` first (``high``, then ``medium`` or
none, then ``low``); then the first reason in the order above (a published
verdict that may be wrong before a claim not yet checked); then, among
unverified claims, check-worthiness (:func:`worthiness`); then the id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from claims_cli.check.review_rules import CONTRADICTED_BY
from claims_cli.dates import date_range
from claims_cli.model import CONFIDENCE_LEVELS, OPEN_STATUSES, Claim

Reason = Literal["contradicted", "no-evidence", "unverified", "stale"]
REASONS: tuple[Reason, ...] = ("contradicted", "no-evidence", "unverified", "stale")

#: How much each claimant type adds to a claim's check-worthiness: what a
#: government, an organisation or a named person says carries weight.
CLAIMANT_WEIGHT = {"government": 2, "organization": 2, "person": 2, "author": 1}
_PRIORITY_RANK = {"high": 0, "medium": 1, None: 1, "low": 2}
_AGE = re.compile(r"^([0-9]{1,5})([dwmy])$")
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


class AgeError(ValueError):
    """An age that cannot be read (``--stale 3 months``)."""


def parse_age(text: str) -> timedelta:
    """``90d``, ``12w``, ``6m`` (30 days each) or ``1y`` (365 days) as a length of time."""
    found = _AGE.match(text.strip())
    if found is None:
        raise AgeError(f"'{text}' is not an age: write a number and d, w, m or y (90d, 6m, 1y)")
    return timedelta(days=int(found[1]) * _DAYS[found[2]])


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A claim in the queue, why it is there, and how worth checking it is."""

    claim: Claim
    reasons: tuple[Reason, ...]
    worthiness: int

    @property
    def reason(self) -> Reason:
        """The most pressing reason, which places the claim in the queue."""
        return self.reasons[0]


def worthiness(claim: Claim) -> int:
    """How worth checking an unverified claim is: higher first.

    A figure (``value``) adds 3; the claimant's type adds up to 2
    (:data:`CLAIMANT_WEIGHT`); lower confidence adds up to 4 (``very-low``
    4, ``very-high`` 0): what we doubt most is checked first.
    """
    score = 3 if claim.value is not None else 0
    score += CLAIMANT_WEIGHT.get(claim.attribution.claimant_type or "", 0)
    return score + (len(CONFIDENCE_LEVELS) - 1 - claim.confidence_rank)


def reasons_for(claim: Claim, *, stale_before: date) -> tuple[Reason, ...]:
    """Every reason ``claim`` needs a person, most pressing first (empty: it does not)."""
    found: list[Reason] = []
    against = CONTRADICTED_BY.get(claim.status)
    stances = {e.stance for e in claim.evidence if e.stance != "context"}
    if against is not None and stances == {against}:
        found.append("contradicted")
    if claim.status not in OPEN_STATUSES and not claim.evidence:
        found.append("no-evidence")
    if claim.status == "unverified":
        found.append("unverified")
    checked = date_range(claim.checked.on if claim.checked else None)
    if claim.status != "unverified" and checked is not None and checked[1] < stale_before:
        found.append("stale")
    return tuple(found)


def work_queue(claims: Iterable[Claim], *, today: date, stale: timedelta) -> list[QueueItem]:
    """The claims that need a person, in the order of the module docstring.

    ``claims`` are already filtered (by assignee, say); a check made before
    ``today - stale`` is stale.
    """
    stale_before = today - stale
    items = []
    for claim in claims:
        reasons = reasons_for(claim, stale_before=stale_before)
        if reasons:
            score = worthiness(claim) if reasons[0] == "unverified" else 0
            items.append(QueueItem(claim, reasons, score))
    items.sort(
        key=lambda item: (
            _PRIORITY_RANK[item.claim.priority],
            REASONS.index(item.reason),
            -item.worthiness,
            item.claim.id,
        )
    )
    return items
