"""Claims that measure the same thing and disagree.

Two claims measure the same thing when they give the same ``value.metric``
(a conflict); where neither sets a metric, when their units are of the same
dimension (the same currency, the same word counted) and they share an
entity and a tag (a *possible* conflict, for a person to judge). A claim
that supersedes the other is its correction, not a conflict.

Each value is read as a range in its dimension's base unit: ``eq`` is its
amount, ``approx`` its amount give or take the tolerance, ``gt``/``gte`` from
the amount up, ``lt``/``lte`` from the amount down (open and closed bounds
alike). Two ranges disagree when the gap between them is more than the
tolerance of the nearer figure: at 5%, ``121 million`` and ``130 million``
disagree, ``> 121 million`` and ``130 million`` do not, ``> 121 million``
and ``100 million`` do. Values with a ``period`` each are compared only when
it is the same period (``annual``, ``yearly`` and ``per year`` are one;
``2020–2021``, ``2020-2021`` and ``2020 to 2021`` are one). Claims of one
metric in units that do not convert (``USD`` and ``EUR``) are not compared,
and :func:`not_compared` says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal

from claims_cli.model import Claim, Value
from claims_cli.query.filters import fold
from claims_cli.text.units import Unit, base_amount, unit_of

#: The tolerance ``claims conflicts`` uses unless told otherwise: 5%.
DEFAULT_TOLERANCE = 0.05

Certainty = Literal["conflict", "possible"]

_ANNUAL = {"annual", "annually", "yearly", "per year", "a year", "/year", "year", "each year"}
#: A span's joint in a period: any dash or ``to``, with the spaces around it.
_SPAN = re.compile(r"\s*(?:[-\u2010-\u2015\u2212]|\bto\b)\s*")


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim's value as a range in its dimension's base unit."""

    claim: Claim
    unit: Unit
    low: float
    high: float


def read_value(claim: Claim, *, tolerance: float) -> Reading | None:
    """``claim``'s value as a range, or None when it has no value."""
    value = claim.value
    if value is None:
        return None
    unit = unit_of(value.unit)
    amount = base_amount(float(value.amount), unit)
    low, high = amount, amount
    if value.comparator == "approx":
        low, high = amount - tolerance * abs(amount), amount + tolerance * abs(amount)
    elif value.comparator in ("gt", "gte"):
        high = math.inf
    elif value.comparator in ("lt", "lte"):
        low = -math.inf
    return Reading(claim, unit, low, high)


def _period(value: Value) -> str | None:
    if not value.period:
        return None
    folded = " ".join(fold(value.period).split())
    return "year" if folded in _ANNUAL else _SPAN.sub("-", folded)


def disagree(a: Reading, b: Reading, *, tolerance: float) -> bool:
    """True when the two ranges are further apart than the tolerance of the nearer figure."""
    if not a.unit.comparable(b.unit):
        return False
    assert a.claim.value is not None and b.claim.value is not None
    periods = _period(a.claim.value), _period(b.claim.value)
    if None not in periods and periods[0] != periods[1]:
        return False
    if b.low > a.high:
        gap, near = b.low - a.high, max(abs(a.high), abs(b.low))
    elif a.low > b.high:
        gap, near = a.low - b.high, max(abs(b.high), abs(a.low))
    else:
        return False
    return gap > tolerance * near


@dataclass(frozen=True, slots=True)
class Pair:
    """Two claims that disagree, in ledger order."""

    first: Claim
    second: Claim
    certainty: Certainty

    @property
    def verb(self) -> str:
        return "conflicts with" if self.certainty == "conflict" else "may conflict with"

    @staticmethod
    def stated(claim: Claim) -> str:
        """The claim's value as people read it: ``125 mi (≈ 201 km)``."""
        from claims_cli.render.wording import format_value

        assert claim.value is not None
        return format_value(claim.value)


@dataclass(frozen=True, slots=True)
class Group:
    """Claims about one thing, and the pairs among them that disagree."""

    #: The metric they share, or None for a possible conflict found by dimension and subject.
    metric: str | None
    certainty: Certainty
    claims: tuple[Claim, ...]
    pairs: tuple[Pair, ...]

    @property
    def label(self) -> str:
        """``metric ababil-2-range``, or what a possible conflict's claims share."""
        if self.metric:
            return f"metric '{self.metric}'"
        return "no metric; same " + _shared_subject(self.claims)

    def to_data(self) -> dict[str, Any]:
        """The group as JSON-compatible data (``claims conflicts --format json``)."""
        return {
            "metric": self.metric,
            "certainty": self.certainty,
            "claims": [_claim_data(claim) for claim in self.claims],
            "pairs": [[pair.first.id, pair.second.id] for pair in self.pairs],
        }


def _claim_data(claim: Claim) -> dict[str, Any]:
    from claims_cli.model import to_data

    assert claim.value is not None
    where: dict[str, Any] = {}
    if claim.origin is not None:
        where["file"] = claim.origin.file
    return {
        "id": claim.id,
        "value": to_data(claim.value),
        "stated": Pair.stated(claim),
        "source": claim.attribution.source,
        "claimant": claim.attribution.claimant,
        "confidence": claim.confidence,
        **where,
    }


def _shared_subject(claims: Sequence[Claim]) -> str:
    unit = unit_of(claims[0].value.unit if claims[0].value else "")
    entities = set.intersection(*({fold(e) for e in c.entities} for c in claims))
    tags = set.intersection(*(set(c.tags) for c in claims))
    named = [e for e in claims[0].entities if fold(e) in entities]
    what = unit.symbol if unit.dimension in ("count", "currency") else unit.dimension
    parts = [what]
    if named:
        parts.append("entity " + ", ".join(named))
    if tags:
        parts.append("tag " + ", ".join(t for t in claims[0].tags if t in tags))
    return "; ".join(parts)


def _related(a: Claim, b: Claim) -> bool:
    return a.supersedes == b.id or b.supersedes == a.id


def _possibly_same(a: Claim, b: Claim) -> bool:
    entities = {fold(e) for e in a.entities}
    return bool(entities & {fold(e) for e in b.entities}) and bool(set(a.tags) & set(b.tags))


def _components(pairs: Sequence[Pair], order: dict[str, int]) -> list[tuple[Claim, ...]]:
    """The claims of ``pairs`` joined into groups that share a claim, in ledger order."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    claims: dict[str, Claim] = {}
    for pair in pairs:
        claims[pair.first.id], claims[pair.second.id] = pair.first, pair.second
        parent[root(pair.first.id)] = root(pair.second.id)
    groups: dict[str, list[Claim]] = {}
    for key in sorted(claims, key=order.__getitem__):
        groups.setdefault(root(key), []).append(claims[key])
    return [tuple(group) for group in groups.values()]


def find_conflicts(claims: Iterable[Claim], *, tolerance: float = DEFAULT_TOLERANCE) -> list[Group]:
    """Groups of claims that measure the same thing and disagree, metrics first.

    Groups of a metric come in the order of the metric's first claim, then the
    possible ones; claims and pairs within a group keep the ledger's order.
    """
    readings = [r for r in (read_value(c, tolerance=tolerance) for c in claims) if r is not None]
    order = {r.claim.id: number for number, r in enumerate(readings)}
    by_metric: dict[str, list[Reading]] = {}
    loose: list[Reading] = []
    for reading in readings:
        metric = reading.claim.value.metric if reading.claim.value else None
        if metric:
            by_metric.setdefault(metric, []).append(reading)
        else:
            loose.append(reading)
    groups: list[Group] = []
    for metric, members in by_metric.items():
        pairs = [
            Pair(a.claim, b.claim, "conflict")
            for a, b in combinations(members, 2)
            if not _related(a.claim, b.claim) and disagree(a, b, tolerance=tolerance)
        ]
        if pairs:
            involved = tuple(dict.fromkeys(c for p in pairs for c in (p.first, p.second)))
            ordered = tuple(sorted(involved, key=lambda c: order[c.id]))
            groups.append(Group(metric, "conflict", ordered, tuple(pairs)))
    possible = [
        Pair(a.claim, b.claim, "possible")
        for a, b in combinations(loose, 2)
        if not _related(a.claim, b.claim)
        and _possibly_same(a.claim, b.claim)
        and disagree(a, b, tolerance=tolerance)
    ]
    for component in _components(possible, order):
        ids = {c.id for c in component}
        own = tuple(p for p in possible if p.first.id in ids)
        groups.append(Group(None, "possible", component, own))
    return groups


@dataclass(frozen=True, slots=True)
class NotCompared:
    """Claims of one metric whose units do not convert into each other, so never compared."""

    metric: str
    #: ``different currencies`` or ``different units``.
    reason: str
    #: The units, as their claims give them, in ledger order.
    units: tuple[str, ...]
    claims: tuple[Claim, ...]

    @property
    def label(self) -> str:
        """``metric 'trade-total': not compared: different currencies (USD, EUR)``."""
        return f"metric '{self.metric}': not compared: {self.reason} ({', '.join(self.units)})"

    def to_data(self) -> dict[str, Any]:
        """The note as JSON-compatible data, shaped like a group with no pairs."""
        return {
            "metric": self.metric,
            "certainty": None,
            "not_compared": f"{self.reason}: {', '.join(self.units)}",
            "claims": [_claim_data(claim) for claim in self.claims],
            "pairs": [],
        }


def not_compared(claims: Iterable[Claim]) -> list[NotCompared]:
    """Each metric whose claims give units that do not convert (``USD`` and ``EUR``)."""
    by_metric: dict[str, list[tuple[Claim, Unit]]] = {}
    for claim in claims:
        if claim.value is not None and claim.value.metric:
            by_metric.setdefault(claim.value.metric, []).append((claim, unit_of(claim.value.unit)))
    notes: list[NotCompared] = []
    for metric, members in by_metric.items():
        kinds: dict[str, Unit] = {}
        for _, unit in members:
            kinds.setdefault(unit.key, unit)
        if len(kinds) < 2:
            continue
        money = all(unit.dimension == "currency" for unit in kinds.values())
        reason = "different currencies" if money else "different units"
        units = tuple(unit.symbol for unit in kinds.values())
        notes.append(NotCompared(metric, reason, units, tuple(c for c, _ in members)))
    return notes
