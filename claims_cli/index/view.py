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

import gc
import marshal
import pickle
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from claims_cli.index.store import ClaimRow, FileEntry, IndexUnavailable, Store
from claims_cli.model import CONFIDENCE_LEVELS, Claim, Index, Ledger, Meta, Source

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

    def counts(self) -> Counts:
        """The counts of ``claims stats`` over every claim."""

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
        wanted = _narrowing(flt)
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

    def counts(self) -> Counts:
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


# --- the index's side ------------------------------------------------------------------


def facet_positions(claims: Sequence[Claim]) -> dict[tuple[str, str], list[int]]:
    """For each (kind, value) of a facet, the positions of the claims with it, in order.

    The facets are what the filter engine tests of each field the index
    narrows by: tags, cited sources (attribution and evidence), status, type,
    confidence and claimant type; and the attributed source, which ``stats``
    counts. A claim is listed once per value however often it repeats it.
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
        cites[source].append(position)
        if claim.evidence:
            seen = {source}
            for item in claim.evidence:
                if item.source not in seen:
                    seen.add(item.source)
                    cites[item.source].append(position)
        statuses[claim.status].append(position)
        types[claim.type].append(position)
        levels[claim.confidence].append(position)
        if attribution.claimant_type:
            claimant_types[attribution.claimant_type].append(position)
    return {
        (kind, value): found for kind, values in by_kind.items() for value, found in values.items()
    }


_KINDS = ("tag", "cites", "attributed", "status", "type", "confidence", "claimant_type")


def _narrowing(flt: Filter) -> list[tuple[str, frozenset[str]]]:
    """Per facet kind, the values one of which a claim needs to pass ``flt``."""
    wanted: list[tuple[str, frozenset[str]]] = []
    if flt.tags:
        wanted.append(("tag", frozenset(unicodedata.normalize("NFC", t) for t in flt.tags)))
    for name, kind in (
        ("sources", "cites"),
        ("statuses", "status"),
        ("types", "type"),
        ("claimant_types", "claimant_type"),
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


@dataclass(frozen=True)
class StoredFile:
    """One file of the ledger as the index holds it."""

    key: str
    display: str
    entry: FileEntry


@dataclass
class StoreView:
    """A ledger answered from the index, loading only the claims a look-up needs.

    The store stays open (and reads as of one moment) until :meth:`close`.
    """

    store: Store
    files: tuple[StoredFile, ...]
    sources: tuple[Source, ...]
    meta: Meta | None
    _claims: dict[int, Claim] = field(default_factory=dict)
    _lines: dict[int, int] = field(default_factory=dict)
    _texts: dict[int, list[str]] = field(default_factory=dict)
    _whole: Ledger | None = None

    @property
    def total(self) -> int:
        return sum(f.entry.count for f in self.files)

    # --- loading claims ---

    def _file_of(self, n: int) -> int | None:
        """Which of the ledger's files claim number ``n`` is in, if any."""
        for number, stored in enumerate(self.files):
            if stored.entry.first <= n < stored.entry.first + stored.entry.count:
                return number
        return None

    def _decode(self, n: int, row: ClaimRow, number: int) -> Claim:
        from claims_cli.read.build import build_claim

        stored = self.files[number]
        claim = build_claim(marshal.loads(row.data), stored.display, n - stored.entry.first)
        if claim is None:
            raise IndexUnavailable("a claim in the index does not build")
        self._lines[n] = row.line
        return claim

    def _load(self, numbers: Sequence[int]) -> list[Claim]:
        """The claims numbered ``numbers`` (each in one of the ledger's files), in that order."""
        missing = [n for n in numbers if n not in self._claims]
        if missing:
            rows = self.store.claims(missing)
            if len(rows) != len(missing):
                raise IndexUnavailable("claims went missing from the index")
            with collector_paused():
                for n in missing:
                    number = self._file_of(n)
                    assert number is not None
                    self._claims[n] = self._decode(n, rows[n], number)
        return [self._claims[n] for n in numbers]

    def _load_file(self, number: int) -> list[Claim]:
        stored = self.files[number]
        first, count = stored.entry.first, stored.entry.count
        if all(first + pos in self._claims for pos in range(count)):
            return [self._claims[first + pos] for pos in range(count)]
        rows = self.store.claim_range(first, count)
        if len(rows) != count:
            raise IndexUnavailable("claims went missing from the index")
        with collector_paused():
            for pos, row in enumerate(rows):
                n = first + pos
                if n not in self._claims:
                    self._claims[n] = self._decode(n, row, number)
        return [self._claims[first + pos] for pos in range(count)]

    def _in_order(self, numbers: Sequence[int]) -> list[int]:
        """``numbers`` that belong to the ledger's files, in ledger order."""
        keyed = []
        for n in set(numbers):
            number = self._file_of(n)
            if number is not None:
                keyed.append((number, n))
        return [n for _, n in sorted(keyed)]

    # --- the view ---

    def candidates(self, flt: Filter) -> Sequence[Claim]:
        wanted = _narrowing(flt)
        words = _search_words(flt)
        chosen: list[Claim] = []
        for number, stored in enumerate(self.files):
            positions: set[int] | None = None
            for kind, values in wanted:
                found: set[int] = set()
                for blob in self.store.facets(stored.key, kind, values):
                    found.update(array("I", blob))
                positions = found if positions is None else positions & found
            first = stored.entry.first
            if words and (positions is None or positions):
                if stored.entry.searchable:
                    found = {
                        n - first for n in self.store.containing(first, stored.entry.count, words)
                    }
                    positions = found if positions is None else positions & found
                else:  # searched for the first time: keep its text for the next search
                    self._texts[number] = _search_texts(self._load_file(number))
            if positions is None:
                chosen.extend(self._load_file(number))
            else:
                chosen.extend(self._load([first + pos for pos in sorted(positions)]))
        return chosen

    def index(self) -> Index:
        if self._whole is not None:
            return Index(ledger=self._whole)
        index = Index(ledger=Ledger(sources=self.sources, meta=self.meta, files=self._names()))
        # Only the claims a look-up asks for by id are loaded.
        index.__dict__["claims"] = _ClaimsById(self)
        index.__dict__["superseded_by"] = _SupersededBy(self)
        return index

    def _names(self) -> tuple[str, ...]:
        return tuple(stored.display for stored in self.files)

    def ledger(self) -> Ledger:
        if self._whole is None:
            claims: list[Claim] = []
            for number in range(len(self.files)):
                claims.extend(self._load_file(number))
            self._whole = Ledger(
                claims=tuple(claims), sources=self.sources, meta=self.meta, files=self._names()
            )
        return self._whole

    def tags(self) -> frozenset[str]:
        return frozenset(
            value
            for stored in self.files
            for value, _ in self.store.facet_values(stored.key, "tag")
        )

    def counts(self) -> Counts:
        from collections import Counter

        from claims_cli.query.stats import tallied

        tallies: dict[str, Counter[str]] = {}
        for kind in ("status", "confidence", "type", "tag", "attributed"):
            tally: Counter[str] = Counter()
            for stored in self.files:
                for value, count in self.store.facet_values(stored.key, kind):
                    tally[value] += count
            tallies[kind] = tally
        return tallied(
            self.total,
            tallies["status"],
            tallies["confidence"],
            tallies["type"],
            tallies["tag"],
            tallies["attributed"],
        )

    def line_of(self, claim: Claim) -> int | None:
        if claim.origin is None:
            return None
        for stored in self.files:
            if stored.display == claim.origin.file:
                n = stored.entry.first + int(claim.origin.path[1])
                if n not in self._lines:
                    self._load([n])
                return self._lines.get(n)
        return None

    def close(self) -> None:
        """Record the search text of the files searched without it, then close the store."""
        try:
            if self._texts:
                self.store.end_snapshot()
                for number, texts in self._texts.items():
                    stored = self.files[number]
                    self.store.put_text(stored.key, stored.entry.first, texts)
        except IndexUnavailable:
            pass  # the next search will try again
        finally:
            self.store.close()

    # --- by id ---

    def numbers_of(self, claim_id: str) -> list[int]:
        return self._in_order(self.store.numbers_with_id(claim_id))

    def numbers_superseding(self, claim_id: str) -> list[int]:
        return self._in_order(self.store.numbers_superseding(claim_id))

    def all_ids(self) -> list[str]:
        ids: list[str] = []
        for stored in self.files:
            ids.extend(self.store.ids(stored.entry.first, stored.entry.count))
        return ids


class _ClaimsById(Mapping[str, Claim]):
    """Claims by id (first definition wins), each loaded when asked for."""

    def __init__(self, view: StoreView) -> None:
        self._view = view
        self._ids: list[str] | None = None

    def __getitem__(self, claim_id: str) -> Claim:
        numbers = self._view.numbers_of(claim_id)
        if not numbers:
            raise KeyError(claim_id)
        return self._view._load(numbers[:1])[0]

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and bool(self._view.numbers_of(claim_id))

    def __iter__(self) -> Iterator[str]:
        if self._ids is None:
            self._ids = list(dict.fromkeys(self._view.all_ids()))
        return iter(self._ids)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _SupersededBy(Mapping[str, tuple[str, ...]]):
    """For a claim id, the ids of the claims that supersede it, in ledger order."""

    def __init__(self, view: StoreView) -> None:
        self._view = view

    def __getitem__(self, claim_id: str) -> tuple[str, ...]:
        numbers = self._view.numbers_superseding(claim_id)
        if not numbers:
            raise KeyError(claim_id)
        return tuple(claim.id for claim in self._view._load(numbers))

    def __iter__(self) -> Iterator[str]:
        return iter(Index(ledger=self._view.ledger()).superseded_by)

    def __len__(self) -> int:
        return len(Index(ledger=self._view.ledger()).superseded_by)


def _search_words(flt: Filter) -> list[str]:
    if not flt.search:
        return []
    from claims_cli.query.filters import fold

    return fold(flt.search).split()


def _search_texts(claims: Sequence[Claim]) -> list[str]:
    from claims_cli.query.filters import search_text

    return [search_text(claim) for claim in claims]


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while claims are read, built or decoded.

    The objects made live until the command ends, so a collection would only
    walk them again; what was made is frozen (left out of later collections).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def unpickle(blob: bytes, kind: type | tuple[type, ...]) -> object:
    """A pickle from the index, checked to hold ``kind`` (or a tuple of them)."""
    value = pickle.loads(blob)
    items = value if isinstance(value, tuple) else (value,)
    if not all(isinstance(item, kind) for item in items):
        raise TypeError("an index entry holds something else")
    return value
