"""``claims locate``: where a claim's quote sits in its source's snapshot.

The answer is the place in the units locators use (paragraph, line, page),
the character offsets, and the W3C Web Annotation selectors a reader can
re-anchor the quote with: a text-quote selector (``exact``, ``prefix``,
``suffix``) and a text-position selector (``start``, ``end``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims_cli.check.quotes import Found, SnapshotText, parse_locator
from claims_cli.check.snapshots import SnapshotProblem, open_snapshot
from claims_cli.model import Claim, Index


class LocateError(Exception):
    """The claim's quote cannot be located; the message says why."""


@dataclass(frozen=True)
class Location:
    """Where a claim's quote sits, and every other place it occurs."""

    claim_id: str
    source_id: str
    snapshot: str
    locator: str
    paragraph: int | None
    line: int
    page: int | None
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    #: How many times the quote occurs in the snapshot.
    occurrences: int
    #: False when the snapshot's hash is not the one recorded.
    unchanged: bool = True
    #: Every place the quote occurs, first to last, in the locator's unit.
    places: tuple[str, ...] = ()
    #: Whether the claim's locator names the place chosen (it names one of several).
    named: bool = False

    @property
    def ambiguous(self) -> bool:
        """The quote is in several places and the claim's locator names none of them."""
        return self.occurrences > 1 and not self.named

    def anchor(self) -> dict[str, Any]:
        """The ``attribution.anchor`` to store, in the file's own shape."""
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.claim_id,
            "source": self.source_id,
            "snapshot": self.snapshot,
            "locator": self.locator,
            "paragraph": self.paragraph,
            "line": self.line,
            "page": self.page,
            "occurrences": self.occurrences,
            "selectors": [
                {
                    "type": "TextQuoteSelector",
                    "exact": self.exact,
                    "prefix": self.prefix,
                    "suffix": self.suffix,
                },
                {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            ],
        }


def locate_claim(claim: Claim, index: Index, ledger_file: Path, *, max_bytes: int) -> Location:
    """Where ``claim``'s quote sits in its source's snapshot; :class:`LocateError` if nowhere."""
    if claim.quote is None:
        raise LocateError(f"claim '{claim.id}' has no quote to locate")
    source = index.sources.get(claim.attribution.source)
    if source is None:
        raise LocateError(f"no source '{claim.attribution.source}'")
    try:
        text, unchanged = open_snapshot(source, ledger_file, max_bytes=max_bytes)
    except SnapshotProblem as exc:
        raise LocateError(exc.message) from None
    snapshot = SnapshotText(text)
    found = snapshot.find_all(claim.quote)
    if not found:
        closest = snapshot.closest(claim.quote)
        hint = f'; closest ({closest.score:.0f}%): "{closest.passage}"' if closest else ""
        raise LocateError(f"quote not found in snapshot of '{source.id}'{hint}")
    first, named = _preferred(snapshot, found, claim.attribution.locator)
    place = snapshot.place(first.start)
    unit = parse_locator(claim.attribution.locator or "")
    kind = unit[0] if unit else "para"
    prefix, exact, suffix = snapshot.selectors(first)
    assert source.snapshot is not None
    return Location(
        claim_id=claim.id,
        source_id=source.id,
        snapshot=source.snapshot,
        locator=place.locator(kind),
        paragraph=place.para,
        line=place.line,
        page=place.page,
        start=first.start,
        end=first.end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        occurrences=len(found),
        unchanged=unchanged,
        places=tuple(snapshot.place(item.start).locator(kind) for item in found),
        named=named,
    )


def _preferred(
    snapshot: SnapshotText, found: list[Found], locator: str | None
) -> tuple[Found, bool]:
    """The occurrence the locator names and True, if it names one; else the first and False."""
    parsed = parse_locator(locator or "")
    if parsed is not None:
        unit, number = parsed
        for item in found:
            place = snapshot.place(item.start)
            if {"para": place.para, "line": place.line, "page": place.page}[unit] == number:
                return item, True
    return found[0], False
