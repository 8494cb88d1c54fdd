"""A ledger answered from the index, loading only the claims a look-up asks for."""

from __future__ import annotations

import marshal
import pickle
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claims_cli.index.store import ClaimRow, FileEntry, IndexUnavailable, Store
from claims_cli.index.view import FIGURE_MARK, figure_keys, figure_marks, narrowing
from claims_cli.model import Claim, Index, Ledger, Meta, Source
from claims_cli.read.collector import collector_paused

if TYPE_CHECKING:
    from claims_cli.query.filters import Filter
    from claims_cli.query.stats import Counts


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
        wanted = narrowing(flt)
        words, figures = _search_terms(flt)
        chosen: list[Claim] = []
        for number, stored in enumerate(self.files):
            positions: set[int] | None = None
            for kind, values in wanted:
                found: set[int] = set()
                for blob in self.store.facets(stored.key, kind, values):
                    found.update(array("I", blob))
                positions = found if positions is None else positions & found
            first = stored.entry.first
            if (words or figures) and (positions is None or positions):
                if stored.entry.searchable:
                    count = stored.entry.count
                    if words:
                        found = {n - first for n in self.store.containing(first, count, words)}
                        positions = found if positions is None else positions & found
                    for phrase, value in figures:
                        # Written as searched, or the same figure written another way.
                        found = set()
                        for text in (phrase, *_marked(figure_keys(value))):
                            numbers = self.store.containing(first, count, [text])
                            found.update(n - first for n in numbers)
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
        return self._facet_values("tag")

    def metrics(self) -> frozenset[str]:
        return self._facet_values("metric")

    def _facet_values(self, kind: str) -> frozenset[str]:
        return frozenset(
            value for stored in self.files for value, _ in self.store.facet_values(stored.key, kind)
        )

    def counts(self, *, figures: bool = True) -> Counts:
        from collections import Counter

        from claims_cli.query.stats import tallied

        tallies: dict[str, Counter[str]] = {}
        for kind in ("status", "confidence", "type", "tag", "attributed", "metric"):
            tally: Counter[str] = Counter()
            for stored in self.files:
                for value, count in self.store.facet_values(stored.key, kind):
                    tally[value] += count
            tallies[kind] = tally
        # Each metric's spread needs the values of its claims; the chart wants only counts.
        metrics = list(tallies["metric"])
        valued: list[int] = []
        for stored in self.files if figures and metrics else ():
            for blob in self.store.facets(stored.key, "metric", metrics):
                valued.extend(stored.entry.first + pos for pos in array("I", blob))
        return tallied(
            self.total,
            tallies["status"],
            tallies["confidence"],
            tallies["type"],
            tallies["tag"],
            tallies["attributed"],
            self._load(sorted(set(valued))),
            metrics=tallies["metric"],
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


def _search_terms(flt: Filter) -> tuple[list[str], list[tuple[str, float]]]:
    """The words of ``--search`` that a claim's text must contain, and its figures.

    A figure (``121m``, ``121 million``) may also match the same figure written
    another way: it narrows to the claims whose text holds it as written or
    whose recorded figure keys may hold it; the filter engine decides.
    """
    if not flt.search:
        return [], []
    from claims_cli.query.filters import search_terms

    return search_terms(flt.search)


def _marked(keys: Iterable[str]) -> list[str]:
    return [f"{FIGURE_MARK}{key}{FIGURE_MARK}" for key in keys]


def _search_texts(claims: Sequence[Claim]) -> list[str]:
    """What a search narrows by: each claim's folded text, then its figures' marked keys."""
    from claims_cli.query.filters import search_text

    return [f"{search_text(claim)}\n{figure_marks(claim)}" for claim in claims]


def unpickle(blob: bytes, kind: type | tuple[type, ...]) -> object:
    """A pickle from the index, checked to hold ``kind`` (or a tuple of them)."""
    value = pickle.loads(blob)
    items = value if isinstance(value, tuple) else (value,)
    if not all(isinstance(item, kind) for item in items):
        raise TypeError("an index entry holds something else")
    return value
