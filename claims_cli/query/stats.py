"""Counting claims: how many by status, confidence, type, tag, source and metric.

``claims stats`` draws these numbers and prints them as JSON; they are plain
data, computed over whatever selection the filter engine made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims_cli.model import CLAIM_TYPES, CONFIDENCE_LEVELS, STATUSES, Claim


@dataclass(frozen=True, kw_only=True)
class Counts:
    """Claim counts along each axis, in display order.

    Closed scales (status, confidence, type) list every level, zeros included,
    in the order of the scale. Tags and sources list only what occurs, most
    frequent first, ties by name. A claim counts once for each of its tags,
    and once for the source of its attribution. Metrics count the claims whose
    value names one, and :attr:`figures` gives each metric's spread.
    """

    claims: int
    by_status: dict[str, int]
    by_confidence: dict[str, int]
    by_type: dict[str, int]
    by_tag: dict[str, int]
    by_source: dict[str, int]
    by_metric: dict[str, int] = field(default_factory=dict)
    #: Each metric's figures: ``{"claims": 2, "unit": "km", "min": 120, "max": 201.168}``,
    #: amounts in the unit of its first claim (those in a unit it cannot be converted
    #: to are left out of min and max).
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def axes(self) -> tuple[tuple[str, dict[str, int]], ...]:
        """Each axis with its name, in the order they are shown."""
        return (
            ("status", self.by_status),
            ("confidence", self.by_confidence),
            ("type", self.by_type),
            ("tag", self.by_tag),
            ("source", self.by_source),
            ("metric", self.by_metric),
        )

    def to_data(self) -> dict[str, Any]:
        """The counts as JSON-compatible data: ``{"claims": n, "by_status": {...}, ...}``."""
        data: dict[str, Any] = {"claims": self.claims}
        for name, counts in self.axes():
            data[f"by_{name}"] = dict(counts)
        data["figures"] = {name: dict(spread) for name, spread in self.figures.items()}
        return data


def _on_scale(counter: Counter[str], scale: Sequence[str]) -> dict[str, int]:
    return {level: counter[level] for level in scale}


def _by_frequency(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def count_claims(claims: Iterable[Claim]) -> Counts:
    """Count ``claims`` by status, confidence, type, tag and attributed source."""
    statuses: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    valued: list[Claim] = []
    total = 0
    for claim in claims:
        total += 1
        statuses[claim.status] += 1
        levels[claim.confidence] += 1
        types[claim.type] += 1
        tags.update(set(claim.tags))
        sources[claim.attribution.source] += 1
        if claim.value is not None and claim.value.metric:
            valued.append(claim)
    return tallied(total, statuses, levels, types, tags, sources, valued)


def tallied(
    total: int,
    statuses: Mapping[str, int],
    levels: Mapping[str, int],
    types: Mapping[str, int],
    tags: Mapping[str, int],
    sources: Mapping[str, int],
    valued: Iterable[Claim] = (),
    metrics: Mapping[str, int] | None = None,
) -> Counts:
    """:class:`Counts` of ``total`` claims from how many have each value (an index's tallies).

    ``valued`` are the claims whose value names a metric, in ledger order, from
    which each metric's count and spread (:attr:`Counts.figures`) come. An index
    that only needs the counts (the chart) gives ``metrics`` instead, with no
    spreads, and need not load those claims.
    """
    values: dict[str, list[Claim]] = {}
    for claim in valued:
        assert claim.value is not None and claim.value.metric
        values.setdefault(claim.value.metric, []).append(claim)
    if metrics is None:
        metrics = {metric: len(found) for metric, found in values.items()}
    by_metric = _by_frequency(Counter(metrics))
    return Counts(
        claims=total,
        by_status=_on_scale(Counter(statuses), STATUSES),
        by_confidence=_on_scale(Counter(levels), CONFIDENCE_LEVELS),
        by_type=_on_scale(Counter(types), CLAIM_TYPES),
        by_tag=_by_frequency(Counter(tags)),
        by_source=_by_frequency(Counter(sources)),
        by_metric=by_metric,
        figures={metric: _spread(values[metric]) for metric in by_metric if metric in values},
    )


def _spread(claims: Sequence[Claim]) -> dict[str, Any]:
    """How many claims give a metric, and their smallest and largest amount in one unit."""
    from claims_cli.text.units import convert

    assert claims[0].value is not None
    unit = claims[0].value.unit
    amounts = []
    for claim in claims:
        assert claim.value is not None
        amount = convert(float(claim.value.amount), claim.value.unit, unit)
        if amount is not None:
            amounts.append(amount)
    low, high = min(amounts), max(amounts)
    return {
        "claims": len(claims),
        "unit": unit,
        "min": int(low) if low.is_integer() else low,
        "max": int(high) if high.is_integer() else high,
    }
