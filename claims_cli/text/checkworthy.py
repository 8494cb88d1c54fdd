"""The check-worthy elements of a sentence: what a fact-checker would stop at.

:func:`elements` finds, with its kind and span:

* ``figure``: a number with a unit or a currency (``$500 million``,
  ``125-mile``, ``40 percent``, ``3,000 troops``); a bare number is not one;
* ``date``: a day, month or year (``May 30``, ``2022``, ``last decade``,
  ``months ago``);
* ``superlative``: ``poorest``, ``most``, ``largest``, ``first``, ``only``, ``record``;
* ``attribution``: a verb that reports what someone asserts (``claims``,
  ``says``, ``believes``, ``vowed``, ``according to``);
* ``pledge``: a promise, target or intention (``vowed to``, ``aims to``,
  ``plans to``, ``wants to``, ``will``);
* ``change``: a rise, fall or shift that can be measured (``rose``,
  ``increased``, ``deteriorated``, ``making gains``, ``strengthening``);
* ``quantity``: an amount stated without a figure (``much``, ``considerable``,
  ``a number of``, ``dozens``), which invites the question "how much?".

Each kind has a weight; :func:`score` adds them up, so a sentence with a
figure and an attribution ranks above one with a superlative alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal["figure", "date", "superlative", "attribution", "pledge", "change", "quantity"]
KINDS: tuple[Kind, ...] = get_args(Kind)
#: How much each kind adds to a sentence's rank.
WEIGHTS: dict[Kind, int] = {
    "figure": 4,
    "date": 2,
    "superlative": 3,
    "attribution": 2,
    "pledge": 2,
    "change": 1,
    "quantity": 1,
}


@dataclass(frozen=True, slots=True)
class Element:
    """One check-worthy element: its kind and ``sentence[start:end]``."""

    kind: Kind
    start: int
    end: int
    text: str


#: Things counted that make a bare number check-worthy (``3,000 troops``); units and
#: currencies are read by :mod:`claims_cli.text.figures`, the one figure reader.
_COUNTED = re.compile(
    r"[ \u00a0-]?(?:barrels?|people|troops|soldiers|drones?|workers|jobs|deaths|casualties|"
    r"refugees|times|fold|units|vehicles|aircraft|planes|tanks|missiles|passengers|"
    r"residents|voters|votes|seats|homes|cars|students|patients|cases|members|"
    r"countries|companies|visitors|tourists|children|percentage points?|manat|tenge)\b",
    re.IGNORECASE,
)


def counted_after(text: str, at: int) -> str | None:
    """The things a number at ``text[:at]`` counts (``jobs`` in "3,000 jobs"), or None."""
    found = _COUNTED.match(text, at)
    return found[0].strip(" \u00a0-").lower() if found else None


def _figure_spans(sentence: str) -> Iterator[tuple[int, int]]:
    """Where the sentence states a figure with a unit or currency, or a number of things
    counted; a bare number is not one."""
    from claims_cli.text.figures import read_figures

    for figure in read_figures(sentence):
        end = figure.end
        if figure.unit is None:
            counted = _COUNTED.match(sentence, figure.end)
            if counted is None:
                continue
            end = counted.end()
        yield figure.start, end


_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:\s+\d{{4}})?"
    rf"|(?:in|since|by|until|from|of)\s+{_MONTHS}(?:\s+\d{{4}})?"
    r"|(?:1[89]|20)\d{2}s?"
    r"|(?:last|next|this|past)\s+(?:decade|year|month|week|century)"
    r"|(?:years?|months?|weeks?|days?|decades?)\s+ago"
    r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:yesterday|today|tomorrow))\b",
)
_SUPERLATIVE = re.compile(
    r"\b(?:first|only|record|unprecedented|most|least|best|worst|biggest|"
    r"largest|smallest|highest|lowest|poorest|richest|fastest|strongest|"
    r"weakest|longest|oldest|newest|greatest|top|leading|sole)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:claims?|claimed|says?|said|believes?|believed|vowed|vows?|stated|"
    r"asserts?|asserted|alleges?|alleged|insists?|insisted|argues?|argued|"
    r"announced|reported|reports|told|maintains|according to|views)\b",
    re.IGNORECASE,
)
_PLEDGE = re.compile(
    r"\b(?:vow(?:ed|s)? to|pledg(?:e|es|ed) to|promis(?:e|es|ed) (?:to|that)|aims? to|"
    r"intends? to|plans? to|seeks? to|wants? to|tries to|target(?:s|ed)?|will|goal of)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rising|fell|fallen|falling|increased?|increasing|decreased?|"
    r"decreasing|grew|grown|growing|declined?|declining|doubled|tripled|halved|"
    r"deteriorated|improved|boosted|expanded|shrank|surged|plunged|soared|"
    r"strengthen(?:ed|ing)?|weaken(?:ed|ing)?|(?:making|made|make) gains)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\b(?:much|many|considerable|significant|substantial|several|numerous|"
    r"a number of|a majority of|a minority of|dozens|hundreds|thousands|millions|"
    r"billions|a few|a handful of)\b",
    re.IGNORECASE,
)
_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("date", _DATE),
    ("superlative", _SUPERLATIVE),
    ("attribution", _ATTRIBUTION),
    ("pledge", _PLEDGE),
    ("change", _CHANGE),
    ("quantity", _QUANTITY),
)


def elements(sentence: str) -> list[Element]:
    """The check-worthy elements of ``sentence``, in order of where they start.

    An element inside a figure (the ``30`` of a date found as a figure, say)
    is found once, as the longer match.
    """
    found = [
        Element("figure", start, end, sentence[start:end]) for start, end in _figure_spans(sentence)
    ]
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if end > start:
                found.append(Element(kind, start, end, match[0]))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Element] = []
    for item in found:
        inside = any(
            k.start <= item.start and item.end <= k.end and k.kind == item.kind for k in kept
        )
        if not inside:
            kept.append(item)
    return kept


def score(found: Iterable[Element]) -> int:
    """How check-worthy a sentence with these elements is: each kind counted once."""
    return sum(WEIGHTS[kind] for kind in {e.kind for e in found})
