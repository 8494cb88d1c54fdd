"""What a look-up asks of a ledger, answered from memory or from the index.

A look-up never filters here: :meth:`LedgerView.candidates` only *narrows*,
returning, in ledger order, every claim that may pass a filter (the index
knows which claims carry a tag, cite a source, have a status...). The one
filter engine (:func:`claims_cli.query.filters.select`) then decides on
those claims, so the answer is the same as on the whole ledger. A field of
:class:`~claims_cli.query.filters.Filter` the index does not know does not
narrow, so a new filter is correct without any change here.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from claims_cli.model import CONFIDENCE_LEVELS, Claim, Index, Ledger, Source

if TYPE_CHECKING:
    from claims_cli.query.filters import Filter
    from claims_cli.query.stats import Counts
    from claims_cli.read.yaml_events import Document


class LedgerView(Protocol):
    """A ledger free of errors, as the look-ups read it."""

    @property
    def total(self) -> int:
        """How many claims the ledger holds."""

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in file order."""

    def candidates(self, flt: Filter) -> Sequence[Claim]:
        """Every claim that may pass ``flt`` (a superset of those that do), in ledger order."""

    def index(self) -> Index:
        """Look-ups by id over the whole ledger."""

    def ledger(self) -> Ledger:
        """The whole ledger, every claim loaded."""

    def tags(self) -> frozenset[str]:
        """Every tag a claim carries."""

    def metrics(self) -> frozenset[str]:
        """Every metric a claim's value names."""

    def counts(self, *, figures: bool = True) -> Counts:
        """The counts of ``claims stats`` over every claim; ``figures``: each metric's spread."""

    def line_of(self, claim: Claim) -> int | None:
        """The line ``claim`` starts on in its file, if known."""

    def close(self) -> None:
        """Let go of what the view holds open."""


@dataclass
class MemoryView:
    """A ledger held in memory whole: read from the files, or just built."""

    whole: Ledger
    documents: tuple[Document, ...] = ()
    #: The facets of every claim (see :func:`facet_positions`), when known.
    facets: Mapping[tuple[str, str], Sequence[int]] | None = None

    @property
    def total(self) -> int:
        return len(self.whole.claims)

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.whole.sources

    def candidates(self, flt: Filter) -> Sequence[Claim]:
        wanted = narrowing(flt)
        if self.facets is None or not wanted:
            return self.whole.claims
        positions: set[int] | None = None
        for kind, values in wanted:
            found: set[int] = set()
            for value in values:
                found.update(self.facets.get((kind, value), ()))
            positions = found if positions is None else positions & found
        claims = self.whole.claims
        return [claims[position] for position in sorted(positions or ())]

    def index(self) -> Index:
        return Index(ledger=self.whole)

    def ledger(self) -> Ledger:
        return self.whole

    def tags(self) -> frozenset[str]:
        return frozenset(tag for claim in self.whole.claims for tag in claim.tags)

    def metrics(self) -> frozenset[str]:
        return frozenset(
            claim.value.metric
            for claim in self.whole.claims
            if claim.value is not None and claim.value.metric
        )

    def counts(self, *, figures: bool = True) -> Counts:
        from claims_cli.query.stats import count_claims

        return count_claims(self.whole.claims)

    def line_of(self, claim: Claim) -> int | None:
        if claim.origin is None:
            return None
        for doc in self.documents:
            if doc.file == claim.origin.file:
                return doc.locate(claim.origin.path).line
        return None

    def close(self) -> None:
        pass


# --- what the index keeps, and narrows by ------------------------------------------------


def facet_positions(claims: Sequence[Claim]) -> dict[tuple[str, str], list[int]]:
    """For each (kind, value) of a facet, the positions of the claims with it, in order.

    The facets are what the filter engine tests of each field the index
    narrows by: tags, cited sources (attribution, evidence and appearances), status, type,
    confidence, claimant type and the value's metric; and the attributed source,
    which ``stats`` counts. A claim is listed once per value however often it repeats it.
    """
    by_kind: dict[str, defaultdict[str, list[int]]] = {kind: defaultdict(list) for kind in _KINDS}
    tags, cites, attributed = by_kind["tag"], by_kind["cites"], by_kind["attributed"]
    statuses, types, levels = by_kind["status"], by_kind["type"], by_kind["confidence"]
    claimant_types = by_kind["claimant_type"]
    for position, claim in enumerate(claims):
        for tag in dict.fromkeys(claim.tags) if len(claim.tags) > 1 else claim.tags:
            tags[tag].append(position)
        attribution = claim.attribution
        source = attribution.source
        attributed[source].append(position)
        if claim.evidence or claim.appearances:
            for cited in claim.cited_sources():
                cites[cited].append(position)
        else:
            cites[source].append(position)
        statuses[claim.status].append(position)
        types[claim.type].append(position)
        levels[claim.confidence].append(position)
        if attribution.claimant_type:
            claimant_types[attribution.claimant_type].append(position)
        if claim.value is not None and claim.value.metric:
            by_kind["metric"][claim.value.metric].append(position)
    return {
        (kind, value): found for kind, values in by_kind.items() for value, found in values.items()
    }


_KINDS = (
    "tag",
    "cites",
    "attributed",
    "status",
    "type",
    "confidence",
    "claimant_type",
    "metric",
)

#: More than the relative tolerance of ``same_figure`` (1e-9), far less than a key's step.
_FIGURE_MARGIN = 1e-7


def _figure_key(value: float) -> str:
    """A figure rounded to 5 significant digits: a step of at least 1e-5 of it."""
    return "0" if value == 0 else format(value, ".5g")


#: What encloses a figure's key in a claim's recorded search text; no folded
#: search word holds it, so a key is found only where it was recorded.
FIGURE_MARK = "\x1f"


def figure_marks(claim: Claim) -> str:
    """The keys of the figures the filter's figure test reads in ``claim``, each marked.

    They are recorded with the claim's search text on a file's first search
    (reading every claim's figures costs too much to do at every index build).
    """
    from claims_cli.query.filters import stated_figures

    keys = sorted({_figure_key(figure) for figure in stated_figures(claim)})
    return "".join(f"{FIGURE_MARK}{key}{FIGURE_MARK}" for key in keys)


def figure_keys(value: float) -> frozenset[str]:
    """The marked figure keys one of which a claim needs for ``value`` to find it.

    Rounding is monotonic, and a figure the filter takes for ``value`` lies
    within ``_FIGURE_MARGIN`` of it, a span narrower than a key's step: so its
    key is the key of one end. This may select more claims, never fewer.
    """
    ends = (value * (1 - _FIGURE_MARGIN), value, value * (1 + _FIGURE_MARGIN))
    return frozenset(_figure_key(end) for end in ends)


def narrowing(flt: Filter) -> list[tuple[str, frozenset[str]]]:
    """Per facet kind, the values one of which a claim needs to pass ``flt``."""
    wanted: list[tuple[str, frozenset[str]]] = []
    if flt.tags:
        wanted.append(("tag", frozenset(unicodedata.normalize("NFC", t) for t in flt.tags)))
    for name, kind in (
        ("sources", "cites"),
        ("statuses", "status"),
        ("types", "type"),
        ("claimant_types", "claimant_type"),
        ("metrics", "metric"),
    ):
        values = getattr(flt, name)
        if values:
            wanted.append((kind, frozenset(values)))
    if flt.min_confidence is not None or flt.max_confidence is not None:
        low = CONFIDENCE_LEVELS.index(flt.min_confidence) if flt.min_confidence else 0
        high = (
            CONFIDENCE_LEVELS.index(flt.max_confidence)
            if flt.max_confidence
            else len(CONFIDENCE_LEVELS) - 1
        )
        wanted.append(("confidence", frozenset(CONFIDENCE_LEVELS[low : high + 1])))
    return wanted
