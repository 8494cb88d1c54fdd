"""Paragraphs, lines, pages and sentences of a text, with character offsets.

The counting rule that ``para N``, ``line N`` and ``page N`` locators are
checked against (``docs/format.md`` states it for users):

* a **paragraph** is a block of lines separated from the next by one or more
  blank lines (lines of white space only);
* a **heading** is a block of one line that does not end as a sentence ends
  (``.``, ``!``, ``?``, ``…``, ``:`` or ``;``, maybe followed by closing
  quotation marks or brackets), or a line that starts with ``#``; headings are
  not counted, so ``para 1`` is the first paragraph of body text;
* a **line** is a line of the file, counted from 1, blank lines included;
* a **page** ends at a form feed (``\\f``), as text taken from a PDF has them;
  a text without form feeds has no pages.

All offsets are indexes into the text as a Python string (Unicode code
points), the same positions a W3C text-position selector uses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
#: Where a sentence may end: end punctuation, closing marks, white space, and
#: then something that can open a sentence.
_BOUNDARY = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[\w$€£¥])")
#: Words whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt"),
        *("gov", "sen", "rep", "pres", "inc", "ltd", "co", "corp", "vs", "etc", "e.g"),
        *("i.e", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept"),
        *("oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "approx", "est", "dept"),
    }
)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or heading: ``text[start:end]``, without the blank lines around it."""

    start: int
    end: int
    #: The paragraph's number (1-based, headings not counted); None for a heading.
    number: int | None
    #: The line of the file the block starts on (1-based).
    line: int

    @property
    def heading(self) -> bool:
        return self.number is None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text[start:end]``, in the block it belongs to."""

    start: int
    end: int
    text: str
    block: Block


def _is_heading(body: str) -> bool:
    stripped = body.strip()
    if stripped.startswith("#"):
        return True
    return "\n" not in stripped and not _SENTENCE_END.search(stripped)


def blocks(text: str) -> list[Block]:
    """The paragraphs and headings of ``text``, in order."""
    found: list[Block] = []
    number = 0
    at = 0
    # Lines are counted from the last block on, not from the start each time.
    line, counted = 1, 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        stop = gap.start() if gap is not None else len(text)
        chunk = text[at:stop]
        lead = len(chunk) - len(chunk.lstrip())
        start, end = at + lead, at + len(chunk.rstrip())
        if end > start:
            heading = _is_heading(text[start:end])
            if not heading:
                number += 1
            line += text.count("\n", counted, start)
            counted = start
            found.append(Block(start, end, None if heading else number, line))
        if gap is not None:
            at = gap.end()
    return found


def paragraphs(text: str) -> list[Block]:
    """The paragraphs of ``text``, headings left out."""
    return [b for b in blocks(text) if not b.heading]


class Layout:
    """Where an offset of a text falls: its block, paragraph, line and page."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks = blocks(text)
        self._block_starts = [b.start for b in self.blocks]
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._page_starts = [0, *(m.end() for m in re.finditer("\f", text))]

    @property
    def has_pages(self) -> bool:
        return len(self._page_starts) > 1

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset`` (or the one before a gap it falls in)."""
        k = bisect_right(self._block_starts, offset) - 1
        return self.blocks[k] if k >= 0 else None

    def paragraph_at(self, offset: int) -> int | None:
        """The paragraph number at ``offset``; None inside a heading."""
        block = self.block_at(offset)
        return block.number if block is not None else None

    def line_at(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def page_at(self, offset: int) -> int | None:
        return bisect_right(self._page_starts, offset) if self.has_pages else None


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = start
    for match in _BOUNDARY.finditer(text, start, end):
        words = text[at : match.start() + 1].split()
        last = words[-1].rstrip(".").lower() if words else ""
        # "Mr. Rahmon", "U.S. officials", "A. Checker": not the end of a sentence.
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        stop = match.start() + len(match[0].rstrip())
        spans.append((at, stop))
        at = match.end()
    if at < end:
        spans.append((at, end))
    return spans


def sentences(text: str) -> list[Sentence]:
    """The sentences of every paragraph and heading of ``text``, in order.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotation
    marks) followed by white space and a word, a figure or an opening mark;
    common abbreviations and initials (``Mr.``, ``U.S.``, ``A.``) do not end one.
    A sentence never runs past its paragraph.
    """
    found: list[Sentence] = []
    for block in blocks(text):
        for start, end in _split(text, block.start, block.end):
            found.append(Sentence(start, end, text[start:end], block))
    return found
