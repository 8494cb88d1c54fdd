"""The ledger as plain, typed, serialisable data, and the one definition of the file format.

The dataclasses below are the format: each field's type says what it holds
(text, a number, one of a ``Literal``'s choices, a list, a nested record), a
field without a default is required, and ``field(metadata=spec(...))`` adds
what a type cannot say (an id's pattern, a description). The builder's
tables (:func:`shape_of`), the enum tuples (``typing.get_args``) and the JSON
Schema (``python -m claims_cli.check.schema_gen``) are all derived from them.

Every class here is a frozen dataclass of text, numbers, tuples and other
model classes, so a ledger can be cached, compared, pickled or turned back
into the file's own shape with :func:`to_data`. ``origin`` fields say where a
record came from; they are not part of the data and are never serialised.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Literal, get_args, get_origin

ClaimType = Literal["statistic", "event", "statement", "assessment", "forecast"]
#: The calibrated confidence scale, lowest first (IPCC confidence levels).
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
Credibility = Literal[1, 2, 3, 4, 5, 6]
#: How soon a claim needs a person, most urgent first.
Priority = Literal["high", "medium", "low"]
FormatVersion = Literal[1]

CLAIM_TYPES: tuple[ClaimType, ...] = get_args(ClaimType)
CONFIDENCE_LEVELS: tuple[Confidence, ...] = get_args(Confidence)
STATUSES: tuple[Status, ...] = get_args(Status)
COMPARATORS: tuple[Comparator, ...] = get_args(Comparator)
CLAIMANT_TYPES: tuple[ClaimantType, ...] = get_args(ClaimantType)
STANCES: tuple[Stance, ...] = get_args(Stance)
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
RELIABILITIES: tuple[Reliability, ...] = get_args(Reliability)
CREDIBILITIES: tuple[Credibility, ...] = get_args(Credibility)
PRIORITIES: tuple[Priority, ...] = get_args(Priority)
#: Verdicts that need no evidence behind them.
OPEN_STATUSES: frozenset[str] = frozenset({"unverified", "unverifiable"})

FORMAT_VERSION: FormatVersion = get_args(FormatVersion)[0]

#: What an id (of a claim or a source, and every reference to one) looks like.
SLUG_PATTERN = "^[a-z0-9][a-z0-9._-]*$"

#: Characters a tag may not hold: whitespace, control characters and the
#: invisible marks that make two tags look alike (written as a character
#: class body that Python and ECMAScript regular expressions read alike).
TAG_EXCLUDED = (
    r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200b\u200e\u200f"
    r"\u2028-\u202f\u205f\u2060\u2066-\u2069\u3000\ufeff"
)


def spec(
    description: str | None = None,
    *,
    text: str | None = None,
    pattern: str | None = None,
    non_empty: bool = False,
) -> dict[str, Any]:
    """What the file format says of a field beyond its type, for ``field(metadata=...)``.

    ``text`` names a kind of text the schema defines once (``slug``, ``tag``,
    ``httpUrl``, ``partialDate``, ``fullDate``); ``pattern`` is a regular
    expression for this field alone; ``non_empty`` refuses ``""``. On a list
    of texts they apply to each item. ``description`` goes into the schema.
    """
    found = {
        "description": description,
        "text": text,
        "pattern": pattern,
        "non_empty": non_empty or None,
    }
    return {key: value for key, value in found.items() if value is not None}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record stands: the file and the path inside it, e.g. ``("claims", 3)``."""

    file: str
    path: tuple[str | int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Publisher:
    """Who keeps the ledger."""

    name: str | None = field(default=None, metadata=spec(non_empty=True))
    url: str | None = field(default=None, metadata=spec(text="httpUrl"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """About the ledger as a whole."""

    title: str | None = field(default=None, metadata=spec(non_empty=True))
    description: str | None = None
    publisher: Publisher | None = None
    license: str | None = field(default=None, metadata=spec(non_empty=True))
    report_url: str | None = field(
        default=None,
        metadata=spec("Where the Markdown report is published.", text="httpUrl"),
    )
    language: str | None = field(
        default=None,
        metadata=spec(
            "The language of the ledger's text, as a BCP 47 tag (en, fr-CA).",
            pattern="^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A document that claims are taken from or checked against."""

    id: str = field(metadata=spec(text="slug"))
    title: str = field(metadata=spec(non_empty=True))
    publisher: str | None = None
    author: str | None = None
    url: str | None = field(default=None, metadata=spec(text="httpUrl"))
    archive_url: str | None = field(default=None, metadata=spec(text="httpUrl"))
    published: str | None = field(default=None, metadata=spec(text="partialDate"))
    accessed: str | None = field(default=None, metadata=spec(text="fullDate"))
    kind: SourceKind | None = None
    reliability: Reliability | None = field(
        default=None,
        metadata=spec(
            "Admiralty source reliability: A completely reliable ... F cannot be judged."
        ),
    )
    snapshot: str | None = field(
        default=None,
        metadata=spec("Relative path to an archived text copy of the source.", non_empty=True),
    )
    sha256: str | None = field(default=None, metadata=spec(pattern="^[0-9a-fA-F]{64}$"))
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """The quantity a claim states."""

    amount: int | float
    unit: str = field(metadata=spec(non_empty=True))
    comparator: Comparator = "eq"
    period: str | None = None
    metric: str | None = field(default=None, metadata=spec(text="slug"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Anchor:
    """Where a quote sits in its source's snapshot, as W3C Web Annotation selectors."""

    exact: str = field(
        metadata=spec("The quoted text as the snapshot has it (TextQuoteSelector).", non_empty=True)
    )
    prefix: str | None = field(default=None, metadata=spec("The words just before it."))
    suffix: str | None = field(default=None, metadata=spec("The words just after it."))
    start: int | float | None = field(
        default=None,
        metadata=spec("Where it starts in the snapshot text, in characters (TextPosition)."),
    )
    end: int | float | None = field(
        default=None, metadata=spec("Where it ends in the snapshot text, in characters.")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Where a claim was found and who makes it."""

    source: str = field(metadata=spec(text="slug"))
    claimant: str | None = None
    claimant_type: ClaimantType | None = None
    locator: str | None = None
    anchor: Anchor | None = field(
        default=None, metadata=spec("Where the quote sits in the source's snapshot.")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A source that bears on a claim's verdict."""

    source: str = field(metadata=spec(text="slug"))
    stance: Stance
    note: str | None = None
    locator: str | None = None
    quote: str | None = field(
        default=None,
        metadata=spec("A short clause copied exactly from the evidence source.", non_empty=True),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Checked:
    """Who checked a claim, and when."""

    by: str | None = None
    on: str | None = field(default=None, metadata=spec(text="fullDate"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One checkable statement, with its source and how sure we are."""

    id: str = field(metadata=spec(text="slug"))
    claim: str = field(metadata=spec(non_empty=True))
    type: ClaimType
    attribution: Attribution
    confidence: Confidence = field(metadata=spec("Calibrated confidence (IPCC levels)."))
    quote: str | None = field(default=None, metadata=spec(non_empty=True))
    value: Value | None = None
    date: str | None = field(default=None, metadata=spec(text="partialDate"))
    tags: tuple[str, ...] = field(default=(), metadata=spec(text="tag"))
    entities: tuple[str, ...] = field(default=(), metadata=spec(non_empty=True))
    credibility: Credibility | None = field(
        default=None,
        metadata=spec("Admiralty information credibility: 1 confirmed ... 6 cannot be judged."),
    )
    status: Status = "unverified"
    evidence: tuple[Evidence, ...] = ()
    supersedes: str | None = field(default=None, metadata=spec(text="slug"))
    notes: str | None = None
    checked: Checked | None = None
    explanation: str | None = field(
        default=None,
        metadata=spec("The public reasoning behind the verdict.", non_empty=True),
    )
    assignee: str | None = field(
        default=None, metadata=spec("Who is to check the claim.", non_empty=True)
    )
    priority: Priority | None = field(
        default=None, metadata=spec("How soon the claim needs a person.")
    )
    review_url: str | None = field(
        default=None,
        metadata=spec("Where the published review of this claim is.", text="httpUrl"),
    )
    appearances: tuple[str, ...] = field(
        default=(),
        metadata=spec("Ids of other sources the claim appeared in.", text="slug"),
    )
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def cited_sources(self) -> tuple[str, ...]:
        """Source ids this claim cites: its attribution first, then its evidence and appearances."""
        ids = [self.attribution.source]
        ids.extend(e.source for e in self.evidence if e.source not in ids)
        ids.extend(s for s in dict.fromkeys(self.appearances) if s not in ids)
        return tuple(ids)

    @property
    def confidence_rank(self) -> int:
        return CONFIDENCE_LEVELS.index(self.confidence)


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerFile:
    """A file of sourced claims: who said what, where, and how sure we are. See docs/format.md."""

    version: FormatVersion = field(metadata=spec("The file format version. Always 1."))
    meta: Meta | None = None
    sources: tuple[Source, ...] = field(default=(), metadata=spec("Where claims come from."))
    claims: tuple[Claim, ...] = field(default=(), metadata=spec("Sourced claims."))


def format_fields(record: Any) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a model class (or object) that the file format holds, in order."""
    return tuple(f for f in dataclasses.fields(record) if f.name != "origin")


#: The order of keys in the file format, used when writing data back out.
CLAIM_FIELDS = tuple(f.name for f in format_fields(Claim))
SOURCE_FIELDS = tuple(f.name for f in format_fields(Source))


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
        for item in format_fields(record):
            value = getattr(record, item.name)
            if value is None or value == ():
                continue
            out[item.name] = to_data(value)
        return out
    if isinstance(record, tuple | list):
        return [to_data(item) for item in record]
    return record


Kind = Literal["text", "number", "choice", "texts", "record", "records"]


@dataclass(frozen=True, slots=True)
class FieldShape:
    """One key of a record in the file format, as the builder and the schema see it."""

    name: str
    kind: Kind
    required: bool
    #: The allowed values of a ``choice``.
    choices: tuple[Any, ...] = ()
    #: The model class of a ``record`` or of each of ``records``.
    record: type | None = None
    #: The value the model uses when the key is left out (None for none).
    default: Any = None
    #: What :func:`spec` added: ``description``, ``text``, ``pattern``, ``non_empty``.
    spec: Mapping[str, Any] = field(default_factory=dict)


def _without_none(hint: Any) -> Any:
    if get_origin(hint) in (typing.Union, types.UnionType):
        rest = tuple(arg for arg in get_args(hint) if arg is not type(None))
        if rest == (int, float):
            return float  # int | float: a number
        return rest[0] if len(rest) == 1 else hint
    return hint


def _shape(item: dataclasses.Field[Any], hint: Any) -> FieldShape:
    required = item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
    default = None if item.default is dataclasses.MISSING else item.default
    hint = _without_none(hint)
    common: dict[str, Any] = {"name": item.name, "required": required, "spec": item.metadata}
    if hint is str:
        return FieldShape(kind="text", **common)
    if hint is float:
        return FieldShape(kind="number", **common)
    if get_origin(hint) is Literal:
        return FieldShape(kind="choice", choices=get_args(hint), default=default, **common)
    if get_origin(hint) is tuple:
        inner = get_args(hint)[0]
        if inner is str:
            return FieldShape(kind="texts", **common)
        return FieldShape(kind="records", record=inner, **common)
    if dataclasses.is_dataclass(hint):
        assert isinstance(hint, type)
        return FieldShape(kind="record", record=hint, **common)
    raise TypeError(f"{item.name}: the file format has no kind for {hint!r}")


@cache
def shape_of(record: type) -> Mapping[str, FieldShape]:
    """The keys of a model class in the file format, in order, derived from its fields."""
    hints = typing.get_type_hints(record)
    return {item.name: _shape(item, hints[item.name]) for item in format_fields(record)}
