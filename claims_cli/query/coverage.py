"""``claims coverage``: the check-worthy sentences of a snapshot that no claim quotes.

Every sentence of the source's snapshot (:mod:`claims_cli.text.sentences`)
with a check-worthy element (:mod:`claims_cli.text.checkworthy`) is
considered. A sentence is **covered** when a quote of a claim attributed to
the source, or of an evidence item citing it, lies in it; a covered sentence
with a check-worthy element outside every quote is listed too, as
**partial**. What is listed is ranked by the weight of the elements no quote
covers, then by place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from claims_cli.check.quotes import Found, SnapshotText
from claims_cli.model import Ledger
from claims_cli.text.checkworthy import Element, elements, score
from claims_cli.text.sentences import sentences

Coverage = Literal["missed", "partial"]


@dataclass(frozen=True)
class Missed:
    """A sentence the ledger has not (or not wholly) claimed."""

    rank: int
    coverage: Coverage
    paragraph: int | None
    line: int
    start: int
    end: int
    text: str
    #: The check-worthy elements outside every quote.
    elements: tuple[Element, ...]
    score: int

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "coverage": self.coverage,
            "paragraph": self.paragraph,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "sentence": self.text,
            "score": self.score,
            "elements": [
                {"kind": e.kind, "text": e.text, "start": self.start + e.start}
                for e in self.elements
            ],
        }


@dataclass(frozen=True)
class CoverageReport:
    """What :func:`coverage` found: the sentences listed, and how many there were."""

    source_id: str
    sentences: int
    checkworthy: int
    covered: int
    listed: tuple[Missed, ...]


def quoted_spans(ledger: Ledger, source_id: str, snapshot: SnapshotText) -> list[Found]:
    """Where the quotes of the claims and evidence that cite ``source_id`` sit."""
    spans: list[Found] = []
    for claim in ledger.claims:
        quotes = [claim.quote] if claim.attribution.source == source_id else []
        quotes += [e.quote for e in claim.evidence if e.source == source_id]
        for quote in quotes:
            if quote:
                spans.extend(snapshot.find_all(quote))
    return spans


def coverage(ledger: Ledger, source_id: str, text: str) -> CoverageReport:
    """The check-worthy sentences of ``text`` (the snapshot of ``source_id``) left unclaimed."""
    snapshot = SnapshotText(text)
    spans = quoted_spans(ledger, source_id, snapshot)
    found: list[tuple[int, int, Coverage, Any, tuple[Element, ...]]] = []
    all_sentences = sentences(text)
    worthy = covered = 0
    for sentence in all_sentences:
        items = elements(sentence.text)
        if not items:
            continue
        worthy += 1
        inside = [s for s in spans if s.start < sentence.end and s.end > sentence.start]
        if inside:
            covered += 1
        left = tuple(
            e
            for e in items
            if not any(
                s.start <= sentence.start + e.start and sentence.start + e.end <= s.end
                for s in inside
            )
        )
        if not left:
            continue
        kind: Coverage = "partial" if inside else "missed"
        found.append((-score(left), sentence.start, kind, sentence, left))
    found.sort(key=lambda item: (item[0], item[1]))
    listed = tuple(
        Missed(
            rank=rank,
            coverage=kind,
            paragraph=sentence.block.number,
            line=text.count("\n", 0, sentence.start) + 1,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            elements=left,
            score=-negative,
        )
        for rank, (negative, _, kind, sentence, left) in enumerate(found, start=1)
    )
    return CoverageReport(source_id, len(all_sentences), worthy, covered, listed)
