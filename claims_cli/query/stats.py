"""Counting claims: how many by status, confidence, type, tag and source.

``claims stats`` draws these numbers and prints them as JSON; they are plain
data, computed over whatever selection the filter engine made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claims_cli.model import CLAIM_TYPES, CONFIDENCE_LEVELS, STATUSES, Claim


@dataclass(frozen=True, kw_only=True)
class Counts:
    """Claim counts along each axis, in display order.

    Closed scales (status, confidence, type) list every level, zeros included,
    in the order of the scale. Tags and sources list only what occurs, most
    frequent first, ties by name. A claim counts once for each of its tags,
    and once for the source of its attribution.
    """

    claims: int
    by_status: dict[str, int]
    by_confidence: dict[str, int]
    by_type: dict[str, int]
    by_tag: dict[str, int]
    by_source: dict[str, int]

    def axes(self) -> tuple[tuple[str, dict[str, int]], ...]:
        """Each axis with its name, in the order they are shown."""
        return (
            ("status", self.by_status),
            ("confidence", self.by_confidence),
            ("type", self.by_type),
            ("tag", self.by_tag),
            ("source", self.by_source),
        )

    def to_data(self) -> dict[str, Any]:
        """The counts as JSON-compatible data: ``{"claims": n, "by_status": {...}, ...}``."""
        data: dict[str, Any] = {"claims": self.claims}
        for name, counts in self.axes():
            data[f"by_{name}"] = dict(counts)
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
    total = 0
    for claim in claims:
        total += 1
        statuses[claim.status] += 1
        levels[claim.confidence] += 1
        types[claim.type] += 1
        tags.update(set(claim.tags))
        sources[claim.attribution.source] += 1
    return tallied(total, statuses, levels, types, tags, sources)


def tallied(
    total: int,
    statuses: Mapping[str, int],
    levels: Mapping[str, int],
    types: Mapping[str, int],
    tags: Mapping[str, int],
    sources: Mapping[str, int],
) -> Counts:
    """:class:`Counts` of ``total`` claims from how many have each value (an index's tallies)."""
    return Counts(
        claims=total,
        by_status=_on_scale(Counter(statuses), STATUSES),
        by_confidence=_on_scale(Counter(levels), CONFIDENCE_LEVELS),
        by_type=_on_scale(Counter(types), CLAIM_TYPES),
        by_tag=_by_frequency(Counter(tags)),
        by_source=_by_frequency(Counter(sources)),
    )
