"""Quote normalisation: what two texts must share to count as the same words.

A quote matches a snapshot when both agree after :func:`normalize`:

* Unicode compatibility forms are folded (NFKC: ``ﬁ`` is ``fi``, a no-break
  space is a space, full-width letters are plain letters);
* case is ignored (Unicode case folding);
* curly and straight quotation marks are one mark each: every double quote
  (``“ ” „ ‟ « » ″``) is ``"``, every single quote or apostrophe (``‘ ’ ‚ ‛ ′``)
  is ``'``;
* every dash and hyphen (Unicode ``Pd``, and the minus sign) is ``-``;
* every run of white space, line breaks included, is one space;
* invisible format characters (a soft hyphen, a zero-width space) are dropped.

:func:`quote_key` also drops quotation marks that enclose the whole quote.
The normalised text keeps, for every character, where it came from, so a
match found in it is reported at its place in the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

_DOUBLE = '"“”„‟«»″〝〞＂'
_SINGLE = "'‘’‚‛′‹›＇"
#: Every dash punctuation character (Unicode category Pd) and the minus signs.
_DASHES = (
    "-\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a"
    "\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d"
    "\u2212\U00010ead"
)
#: White space other than the space, as str.isspace() sees it.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TABLE = str.maketrans(
    {
        **dict.fromkeys(_DOUBLE, '"'),
        **dict.fromkeys(_SINGLE, "'"),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_SPACES, " "),
    }
)
_RUNS = re.compile(" {2,}")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text, and where its characters came from in the original.

    Positions are kept as breakpoints: from ``points[k]`` on, a character at
    ``i`` of :attr:`text` came from ``i + shifts[k]`` of the original, so a
    text whose characters map one to one costs nothing to keep.
    """

    text: str
    original: str
    points: tuple[int, ...] = (0,)
    shifts: tuple[int, ...] = (0,)

    def offset(self, index: int) -> int:
        """Where character ``index`` of :attr:`text` starts in the original."""
        k = bisect_right(self.points, index) - 1
        return index + self.shifts[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        begin = self.offset(start)
        if end <= start:
            return begin, begin
        stop = self.offset(end - 1) + 1
        while stop < len(self.original) and unicodedata.combining(self.original[stop]):
            stop += 1
        return begin, stop


def _from_starts(text: str, original: str, starts: list[int]) -> Normalized:
    points: list[int] = []
    shifts: list[int] = []
    for index, start in enumerate(starts):
        shift = start - index
        if not shifts or shifts[-1] != shift:
            points.append(index)
            shifts.append(shift)
    return Normalized(text, original, tuple(points) or (0,), tuple(shifts) or (0,))


def _clusters(text: str) -> list[tuple[int, str]]:
    """The text in pieces that normalise on their own: a character and its combining marks."""
    pieces: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if pieces and unicodedata.combining(char):
            start, piece = pieces[-1]
            pieces[-1] = (start, piece + char)
        else:
            pieces.append((index, char))
    return pieces


def _slow(text: str) -> Normalized:
    """Character by character, for text that NFKC or case folding changes in length."""
    out: list[str] = []
    starts: list[int] = []
    for start, piece in _clusters(text):
        for char in unicodedata.normalize("NFKC", piece).translate(_TABLE):
            if unicodedata.category(char) == "Cf":
                continue
            for folded in char.casefold():
                if folded == " " and (not out or out[-1] == " "):
                    continue
                out.append(folded)
                starts.append(start)
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
    return _from_starts("".join(out), text, starts)


def _is_simple(text: str) -> bool:
    """Whether every step maps one character to one (most text in any script)."""
    if text.isascii():
        return True
    if not unicodedata.is_normalized("NFKC", text):
        return False
    if len(text.casefold()) != len(text):
        return False
    return not any(unicodedata.category(c) == "Cf" for c in set(text))


def normalize(text: str) -> Normalized:
    """``text`` normalised as the module says, keeping where each character came from."""
    if not _is_simple(text):
        return _slow(text)
    mapped = text.translate(_TABLE).casefold()
    lead = len(mapped) - len(mapped.lstrip(" "))
    body = mapped.strip(" ")
    pieces: list[str] = []
    points, shifts = [0], [lead]
    at, dropped = 0, lead
    for run in _RUNS.finditer(body):
        pieces.append(body[at : run.start() + 1])
        dropped += len(run[0]) - 1
        at = run.end()
        points.append(at - dropped + lead)
        shifts.append(dropped)
    pieces.append(body[at:])
    return Normalized("".join(pieces), text, tuple(points), tuple(shifts))


def quote_key(quote: str) -> str:
    """A quote as it is looked for: normalised, without quotation marks around all of it."""
    key = normalize(quote).text
    while len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'" and key[0] not in key[1:-1]:
        key = key[1:-1].strip()
    return key
