"""How much each source is used: the numbers behind ``claims sources``.

How a source and its counts are written out is :mod:`claims_cli.render.data`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from claims_cli.model import Claim, Source


@dataclass(frozen=True, kw_only=True)
class SourceUsage:
    """A source and how many claims cite it.

    ``as_attribution`` counts claims attributed to the source, ``as_evidence``
    claims that cite it as evidence, and ``claims`` every claim that cites it
    either way (a claim citing it both ways counts once).
    """

    source: Source
    as_attribution: int
    as_evidence: int
    claims: int


def source_usage(sources: Iterable[Source], claims: Iterable[Claim]) -> list[SourceUsage]:
    """Every source with its counts, most cited first (ties by id)."""
    attributed: dict[str, int] = {}
    evidence: dict[str, int] = {}
    citing: dict[str, int] = {}
    for claim in claims:
        source_id = claim.attribution.source
        attributed[source_id] = attributed.get(source_id, 0) + 1
        for cited in {e.source for e in claim.evidence}:
            evidence[cited] = evidence.get(cited, 0) + 1
        for cited in set(claim.cited_sources()):
            citing[cited] = citing.get(cited, 0) + 1
    usage = [
        SourceUsage(
            source=source,
            as_attribution=attributed.get(source.id, 0),
            as_evidence=evidence.get(source.id, 0),
            claims=citing.get(source.id, 0),
        )
        for source in _first_of_each(sources)
    ]
    usage.sort(key=lambda u: (-u.claims, -u.as_attribution, u.source.id))
    return usage


def _first_of_each(sources: Iterable[Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.id, source)
    return list(seen.values())
