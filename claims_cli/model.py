"""The ledger as plain, typed, serialisable data.

Every class here is a frozen dataclass of text, numbers, tuples and other
model classes, so a ledger can be cached, compared, pickled or turned back
into the file's own shape with :func:`to_data`. ``origin`` fields say where a
record came from; they are not part of the data and are never serialised.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

ClaimType = Literal["statistic", "event", "statement", "assessment", "forecast"]
Confidence = Literal["very-low", "low", "medium", "high", "very-high"]
Status = Literal[
    "unverified",
    "supported",
    "partly-supported",
    "disputed",
    "refuted",
    "misleading",
    "unverifiable",
]
Comparator = Literal["eq", "approx", "gt", "gte", "lt", "lte"]
ClaimantType = Literal["author", "person", "organization", "government", "anonymous"]
Stance = Literal["supports", "refutes", "context"]
SourceKind = Literal["news", "government", "academic", "ngo", "dataset", "social", "other"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]

CLAIM_TYPES: tuple[ClaimType, ...] = ("statistic", "event", "statement", "assessment", "forecast")
#: The calibrated confidence scale, lowest first (IPCC confidence levels).
CONFIDENCE_LEVELS: tuple[Confidence, ...] = ("very-low", "low", "medium", "high", "very-high")
STATUSES: tuple[Status, ...] = (
    "unverified",
    "supported",
    "partly-supported",
    "disputed",
    "refuted",
    "misleading",
    "unverifiable",
)
COMPARATORS: tuple[Comparator, ...] = ("eq", "approx", "gt", "gte", "lt", "lte")
CLAIMANT_TYPES: tuple[ClaimantType, ...] = (
    "author",
    "person",
    "organization",
    "government",
    "anonymous",
)
STANCES: tuple[Stance, ...] = ("supports", "refutes", "context")
SOURCE_KINDS: tuple[SourceKind, ...] = (
    "news",
    "government",
    "academic",
    "ngo",
    "dataset",
    "social",
    "other",
)
RELIABILITIES: tuple[Reliability, ...] = ("A", "B", "C", "D", "E", "F")
CREDIBILITIES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
#: Verdicts that need no evidence behind them.
OPEN_STATUSES: frozenset[str] = frozenset({"unverified", "unverifiable"})

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record stands: the file and the path inside it, e.g. ``("claims", 3)``."""

    file: str
    path: tuple[str | int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Publisher:
    name: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    title: str | None = None
    description: str | None = None
    publisher: Publisher | None = None
    license: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    id: str
    title: str
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    archive_url: str | None = None
    published: str | None = None
    accessed: str | None = None
    kind: SourceKind | None = None
    reliability: Reliability | None = None
    snapshot: str | None = None
    sha256: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    amount: int | float
    unit: str
    comparator: Comparator = "eq"
    period: str | None = None
    metric: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    source: str
    claimant: str | None = None
    claimant_type: ClaimantType | None = None
    locator: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    source: str
    stance: Stance
    note: str | None = None
    locator: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Checked:
    by: str | None = None
    on: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    id: str
    claim: str
    type: ClaimType
    attribution: Attribution
    confidence: Confidence
    quote: str | None = None
    value: Value | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    credibility: int | None = None
    status: Status = "unverified"
    evidence: tuple[Evidence, ...] = ()
    supersedes: str | None = None
    notes: str | None = None
    checked: Checked | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def cited_sources(self) -> tuple[str, ...]:
        """Source ids this claim cites: its attribution first, then its evidence."""
        ids = [self.attribution.source]
        ids.extend(e.source for e in self.evidence if e.source not in ids)
        return tuple(ids)

    @property
    def confidence_rank(self) -> int:
        return CONFIDENCE_LEVELS.index(self.confidence)


#: The order of keys in the file format, used when writing data back out.
CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim) if f.name != "origin")
SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(Source) if f.name != "origin")


@dataclass(frozen=True, slots=True, kw_only=True)
class Ledger:
    """Every claim and source of a set of claim files, in file order."""

    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    meta: Meta | None = None
    files: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Index:
    """Look-ups by id over a :class:`Ledger` (first definition wins on duplicates)."""

    ledger: Ledger

    @cached_property
    def sources(self) -> dict[str, Source]:
        table: dict[str, Source] = {}
        for source in self.ledger.sources:
            table.setdefault(source.id, source)
        return table

    @cached_property
    def claims(self) -> dict[str, Claim]:
        table: dict[str, Claim] = {}
        for claim in self.ledger.claims:
            table.setdefault(claim.id, claim)
        return table

    @cached_property
    def superseded_by(self) -> dict[str, tuple[str, ...]]:
        table: dict[str, list[str]] = {}
        for claim in self.ledger.claims:
            if claim.supersedes:
                table.setdefault(claim.supersedes, []).append(claim.id)
        return {key: tuple(value) for key, value in table.items()}


def to_data(record: Any) -> Any:
    """The file-format shape of a model object: mappings with the file's field names.

    Empty optional fields (``None``, empty lists) are left out; ``origin`` never
    appears. The result is plain JSON-compatible data.
    """
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out: dict[str, Any] = {}
        for item in dataclasses.fields(record):
            if item.name == "origin":
                continue
            value = getattr(record, item.name)
            if value is None or value == ():
                continue
            out[item.name] = to_data(value)
        return out
    if isinstance(record, tuple | list):
        return [to_data(item) for item in record]
    return record
