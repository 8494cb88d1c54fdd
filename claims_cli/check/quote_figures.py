"""Find the figures written in a quote: ``$121 million``, ``121m``, ``US$121 mn``."""

from __future__ import annotations

import math
import re

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
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
}
_FIGURE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:[ \u00a0-]?(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b)?",
    re.IGNORECASE,
)


def figures_in(text: str) -> list[float]:
    """Every number the text states, both as written and scaled by its word."""
    found: list[float] = []
    for match in _FIGURE.finditer(text):
        number = float(match[1].replace(",", "") + (match[2] or ""))
        found.append(number)
        if match[3]:
            found.append(number * _SCALES[match[3].lower()])
    return found


def figure_in_text(amount: float, text: str) -> bool:
    """True when ``amount`` is one of the figures the text states."""
    return any(math.isclose(amount, figure, rel_tol=1e-9) for figure in figures_in(text))
