"""Finding a quote in a snapshot: exactly after normalising, else the closest passage.

Exact search runs on the normalised texts (:mod:`claims_cli.text.normalize`);
only a quote that is not there is aligned with rapidfuzz
(``fuzz.partial_ratio_alignment``) to show the passage that comes closest and
how similar it is, so a changed word or figure stands out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from claims_cli.text.normalize import Normalized, normalize, quote_key
from claims_cli.text.sentences import Layout

#: How many characters of context a text-quote selector keeps on each side.
CONTEXT = 32
_LOCATOR = re.compile(r"(para|paragraph|¶|line|page|p\.)\s*(\d+)", re.IGNORECASE)
_UNITS = {"para": "para", "paragraph": "para", "¶": "para", "line": "line", "page": "page"}


@dataclass(frozen=True, slots=True)
class Found:
    """One place a quote sits: ``text[start:end]`` of the snapshot."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage most like a quote that is not in the snapshot, and how alike (0-100)."""

    passage: str
    score: float


@dataclass(frozen=True, slots=True)
class Place:
    """Where an offset of the snapshot falls, in the units locators use."""

    para: int | None
    line: int
    page: int | None

    def locator(self, unit: str = "para") -> str:
        """The locator in ``unit`` (``para``, ``line`` or ``page``); a heading by its line."""
        if unit == "page" and self.page is not None:
            return f"page {self.page}"
        if unit == "line" or self.para is None:
            return f"line {self.line}"
        return f"para {self.para}"


class SnapshotText:
    """A snapshot's text, ready to search: normalised once, laid out once."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def normalized(self) -> Normalized:
        return normalize(self.text)

    @cached_property
    def layout(self) -> Layout:
        return Layout(self.text)

    def find_all(self, quote: str) -> list[Found]:
        """Every place the quote sits (after normalising), first to last."""
        key = quote_key(quote)
        norm = self.normalized
        if not key:
            return []
        found: list[Found] = []
        at = norm.text.find(key)
        while at >= 0:
            found.append(Found(*norm.original_span(at, at + len(key))))
            at = norm.text.find(key, at + 1)
        return found

    @cached_property
    def _paragraphs(self) -> dict[int, tuple[int, int]]:
        return {b.number: (b.start, b.end) for b in self.layout.blocks if b.number is not None}

    def find_in_paragraph(self, quote: str, number: int) -> Found | None:
        """Where the quote sits in paragraph ``number``, if it does: a search of that
        paragraph alone, so a quote whose ``para N`` locator is right costs little."""
        span = self._paragraphs.get(number)
        key = quote_key(quote)
        if span is None or not key:
            return None
        part = normalize(self.text[span[0] : span[1]])
        at = part.text.find(key)
        if at < 0:
            return None
        start, end = part.original_span(at, at + len(key))
        return Found(span[0] + start, span[0] + end)

    def closest(self, quote: str) -> Closest | None:
        """The passage most like ``quote``, for a quote :meth:`find_all` did not find."""
        from rapidfuzz import fuzz

        key = quote_key(quote)
        norm = self.normalized
        if not key or not norm.text:
            return None
        aligned = fuzz.partial_ratio_alignment(key, norm.text)
        if aligned is None or aligned.dest_end <= aligned.dest_start:
            return None
        start, end = norm.original_span(aligned.dest_start, aligned.dest_end)
        passage = self._words(start, end, key)
        return Closest(passage, aligned.score)

    def _words(self, start: int, end: int, key: str) -> str:
        """The aligned passage in whole words, trimmed to the quote's first and last words."""
        text = self.text
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        words = text[start:end].split()
        wanted = key.split()
        folded = [normalize(word).text for word in words]
        if wanted and wanted[0] in folded:
            first = folded.index(wanted[0])
            words, folded = words[first:], folded[first:]
        if wanted and wanted[-1] in folded:
            last = len(folded) - 1 - folded[::-1].index(wanted[-1])
            words = words[: last + 1]
        return " ".join(words)

    def place(self, offset: int) -> Place:
        layout = self.layout
        return Place(layout.paragraph_at(offset), layout.line_at(offset), layout.page_at(offset))

    def selectors(self, found: Found) -> tuple[str, str, str]:
        """``(prefix, exact, suffix)`` of a W3C text-quote selector for ``found``."""
        text = self.text
        prefix = text[max(0, found.start - CONTEXT) : found.start]
        suffix = text[found.end : found.end + CONTEXT]
        return prefix, text[found.start : found.end], suffix


def parse_locator(locator: str) -> tuple[str, int] | None:
    """``para 7`` -> ``("para", 7)``; ``line N`` and ``page N`` (``p. N``) too; else None."""
    match = _LOCATOR.fullmatch(locator.strip())
    if match is None:
        return None
    word = match[1].lower()
    return _UNITS.get(word, "page"), int(match[2])


def locator_holds(snapshot: SnapshotText, found: list[Found], locator: str) -> str | None:
    """None when ``locator`` names a place of one of ``found`` (or cannot be checked);
    else the locator that is right, in the same unit."""
    parsed = parse_locator(locator)
    if parsed is None or not found:
        return None
    unit, number = parsed
    if unit == "page" and not snapshot.layout.has_pages:
        return None
    for item in found:
        place = snapshot.place(item.start)
        value = {"para": place.para, "line": place.line, "page": place.page}[unit]
        if value == number:
            return None
    return snapshot.place(found[0].start).locator(unit)
