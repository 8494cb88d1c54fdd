"""Finding a quote in a snapshot: exactly after normalising, else the closest passage.

Exact search runs on the normalised texts (:mod:`claims_cli.text.normalize`);
only a quote that is not there is aligned with rapidfuzz
(``fuzz.partial_ratio_alignment``) to show the passage that comes closest and
how similar it is, so a changed word or figure stands out. The passage shown
is whole words, moved from the alignment to the words most like the quote, and
quotation marks around it in the snapshot are left out.
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
_WORD = re.compile(r"\S+")
#: Punctuation at a passage's ends that does not count when passages are compared.
_EDGES = "\"'.,;:!?()[] "
#: How much a passage's score drops for each character it is longer or shorter than the quote.
_LENGTH = 0.5
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
        start, end = _whole_words(norm.text, aligned.dest_start, aligned.dest_end, key)
        if end <= start:
            return None
        start, end = norm.original_span(start, end)
        return Closest(" ".join(self.text[start:end].split()), aligned.score)

    def place(self, offset: int) -> Place:
        layout = self.layout
        return Place(layout.paragraph_at(offset), layout.line_at(offset), layout.page_at(offset))

    def selectors(self, found: Found) -> tuple[str, str, str]:
        """``(prefix, exact, suffix)`` of a W3C text-quote selector for ``found``."""
        text = self.text
        prefix = text[max(0, found.start - CONTEXT) : found.start]
        suffix = text[found.end : found.end + CONTEXT]
        return prefix, text[found.start : found.end], suffix


def _whole_words(text: str, start: int, end: int, key: str) -> tuple[int, int]:
    """The passage of whole words around the aligned span ``text[start:end]`` most like
    ``key``, without quotation marks the quote does not have at its ends.

    The alignment may cut a word or lean to one side when a word of the quote
    is shorter or longer than the snapshot's, so each end may move up to two
    words either way, to the passage most like the quote and nearest its
    length (then nearest the alignment); quotation marks around the passage in the snapshot
    belong to the words beside them, and are dropped.
    """
    from rapidfuzz import fuzz

    if len(key) >= len(text):
        return _unquoted(text, 0, len(text), key)
    lo = text.rfind(" ", 0, max(0, start - len(key))) + 1
    hi = text.find(" ", end + len(key))
    spans = [m.span() for m in _WORD.finditer(text, lo, len(text) if hi < 0 else hi)]
    spans = spans or [(start, end)]
    first = next((i for i, (_, b) in enumerate(spans) if b > start), len(spans) - 1)
    last = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] < end), first)
    bare = key.strip(_EDGES)
    best: tuple[float, int, int, int] | None = None
    for i in range(max(0, first - 2), min(len(spans), first + 3)):
        for j in range(max(i, last - 2), min(len(spans), last + 3)):
            begin, stop = _unquoted(text, spans[i][0], spans[j][1], key)
            drift = abs(begin - start) + abs(stop - end)
            words = text[begin:stop].strip(_EDGES)
            score = fuzz.ratio(bare, words) - _LENGTH * abs(len(words) - len(bare))
            if best is None or (score, -drift) > (best[0], -best[1]):
                best = (score, drift, begin, stop)
    assert best is not None
    return best[2], best[3]


def _unquoted(text: str, start: int, end: int, key: str) -> tuple[int, int]:
    """``text[start:end]`` without the quotation marks at its ends that ``key`` lacks."""
    while start < end and text[start] in "\"'" and not key.startswith(text[start]):
        start += 1
    while end > start and text[end - 1] in "\"'" and not key.endswith(text[end - 1]):
        end -= 1
    return start, end


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
