"""The one reader of figures in text: ``$121 million``, ``125-mile``, ``۵ میلیون دلار``.

A figure is a number written in any script's decimal digits (ASCII,
Arabic-Indic ``١٢١``, Persian ``۱۲۱``, full-width ``１２１``...), with its
thousands and decimal separators (``1,500.5``, Arabic ``١٬٥٠٠٫٥``), an
optional scale word (``thousand``/``k``, ``million``/``m``/``mn``/``mln``,
``billion``/``bn``/``b``, ``trillion``/``tn``, and the Persian and Arabic
words for thousand, million and billion), a currency before it (``$``,
``US$``, ``€``, ``£``, an ISO code) or a unit after it (``125-mile``,
``40 per cent``, ``5 million dollars``), and a comparator before it
(``over``, ``more than``, ``at least``, ``about``, ``under``, ``>``...).

W307 (a claim's amount among its quote's figures), ``--search`` (a figure
finds the same figure written another way) and ``claims extract`` (a
claim's ``value``) all read figures here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from claims_cli.model import Comparator
from claims_cli.text import units

#: Scale words, without case.
SCALES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "thousands": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    "trillions": 1e12,
    "هزار": 1e3,
    "ألف": 1e3,
    "الف": 1e3,
    "میلیون": 1e6,
    "ملیون": 1e6,
    "مليون": 1e6,
    "میلیارد": 1e9,
    "ملیارد": 1e9,
    "مليار": 1e9,
}
#: One-letter scales that are also unit symbols (``5 m`` may be metres):
#: read as a scale only after a currency (``$5m``) or joined to the number (``121m``).
_LETTER_SCALES = frozenset({"k", "m", "b", "t"})

_CURRENCY_SIGNS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP"}

#: Comparator phrases just before a figure, and what they mean.
_COMPARATORS: dict[str, Comparator] = {
    "more than": "gt",
    "over": "gt",
    "exceeding": "gt",
    "exceeds": "gt",
    "exceeded": "gt",
    "above": "gt",
    "in excess of": "gt",
    "upwards of": "gt",
    "greater than": "gt",
    ">": "gt",
    "at least": "gte",
    "no less than": "gte",
    "no fewer than": "gte",
    "≥": "gte",
    ">=": "gte",
    "less than": "lt",
    "fewer than": "lt",
    "under": "lt",
    "below": "lt",
    "<": "lt",
    "at most": "lte",
    "up to": "lte",
    "no more than": "lte",
    "≤": "lte",
    "<=": "lte",
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "nearly": "approx",
    "almost": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "~": "approx",
    "≈": "approx",
}

_SEPARATORS = {"٫": ".", "٬": ",", "，": ",", "．": ".", "＄": "$", "％": "%"}


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit as ASCII, and Arabic and full-width separators
    as ``.`` and ``,``: the same length, so offsets stay valid."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if char in _SEPARATORS:
            out.append(_SEPARATORS[char])
        elif not char.isascii() and char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
        else:
            out.append(char)
    return "".join(out)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    codes = "|".join(sorted(units.CURRENCIES))
    return re.compile(
        r"(?P<currency>(?:" + _alternation(_CURRENCY_SIGNS) + r")\s?|(?-i:" + codes + r")\s)?"
        r"(?<![\w.,])(?<![^\W\d_]-)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?![\d])"
        r"(?:(?P<gap>[ \u00a0-]?)(?P<scale>" + _alternation(SCALES) + r")(?!\w))?",
        re.IGNORECASE,
    )


_WORD = r"([^\W\d_][\w²³/-]*)"
_UNIT_WORDS = re.compile(
    r"[ \u00a0-]?" + _WORD + r"(?:[ \u00a0-]" + _WORD + r")?(?:[ \u00a0-]" + _WORD + r")?"
)
#: Symbols too common as words to be read as units in running text ("5 in 2022").
_NOT_IN_TEXT = frozenset({"in"})


@cache
def _comparator_tail() -> re.Pattern[str]:
    return re.compile(
        r"(?:^|(?<=[^\w<>~≈≥≤=]))(?P<phrase>" + _alternation(_COMPARATORS) + r")"
        r"(?:\s*(?:to|of|a|an|the|over|about|some)\b)*\s*$",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from text: where it stands, its number, scale, unit and comparator."""

    #: The span in the text, from a comparator sign or currency to the scale word or unit.
    start: int
    end: int
    #: The number as written (``121`` in ``$121 million``).
    number: float
    #: The scale word's factor (``1e6``), 1 for none.
    scale: float = 1.0
    #: A known unit or ISO currency code (``USD``, ``mi``, ``%``), None if none is named.
    unit: str | None = None
    comparator: Comparator = "eq"

    @property
    def value(self) -> float:
        """The number times its scale: ``121000000`` for ``$121 million``."""
        return self.number * self.scale


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """A known unit named right after ``pos`` (up to three words), and where it ends."""
    if text.startswith("%", pos):
        return "%", pos + 1
    match = _UNIT_WORDS.match(text, pos)
    if match is None:
        return None, pos
    words = [w for w in match.groups() if w]
    for count in range(len(words), 0, -1):
        phrase = " ".join(words[:count])
        if phrase.casefold() in _NOT_IN_TEXT:
            continue
        found = units.known(phrase)
        meant = (found.symbol,) if found is not None else units.near_miss(phrase)
        if len(meant) == 1:
            return meant[0], match.end(count)
    return None, pos


def read_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order, with what can be read around it."""
    plain = ascii_digits(text)
    found: list[Figure] = []
    for match in _pattern().finditer(plain):
        number = float(match["int"].replace(",", "") + (match["frac"] or ""))
        start, end = match.start(), match.end()
        currency = match["currency"]
        unit: str | None = None
        if currency:
            sign = currency.strip()
            unit = _CURRENCY_SIGNS.get(sign.casefold(), sign.upper())
        scale_word = (match["scale"] or "").casefold()
        scale = 1.0
        if scale_word:
            if scale_word in _LETTER_SCALES and not currency and match["gap"]:
                # "125 m": a unit symbol, not a scale, unless money is named.
                end = match.start("gap")
            else:
                scale = SCALES[scale_word]
        if unit is None:
            named, after = _unit_after(plain, end)
            if named is not None:
                unit, end = named, after
        comparator: Comparator = "eq"
        tail = _comparator_tail().search(plain, max(0, start - 40), start)
        if tail is not None:
            comparator = _COMPARATORS[tail["phrase"].casefold()]
            if not tail["phrase"][0].isalpha():
                start = tail.start("phrase")
        found.append(Figure(start, end, number, scale, unit, comparator))
    return found


def figures_in(text: str) -> list[float]:
    """Every number the text states, both as written and scaled by its word.

    ``121m`` gives 121 and 121000000; ``125 m`` (perhaps metres) gives both too,
    so a check that looks for an amount finds it either way.
    """
    plain = ascii_digits(text)
    values: list[float] = []
    for match in _pattern().finditer(plain):
        number = float(match["int"].replace(",", "") + (match["frac"] or ""))
        values.append(number)
        if match["scale"]:
            values.append(number * SCALES[match["scale"].casefold()])
    return values


def figure_in_text(amount: float, text: str) -> bool:
    """True when ``amount`` is one of the figures the text states."""
    return any(same_figure(amount, figure) for figure in figures_in(text))


def same_figure(a: float, b: float) -> bool:
    """Two figures that are the same number (to floating-point rounding)."""
    return math.isclose(a, b, rel_tol=1e-9)


def as_figure(word: str) -> float | None:
    """The value of ``word`` when it is one figure and nothing else (``121m``, ``۱۲۱``)."""
    figures = read_figures(word.strip())
    if len(figures) != 1:
        return None
    figure = figures[0]
    if figure.start != 0 or figure.end != len(word.strip()):
        return None
    return figure.value
