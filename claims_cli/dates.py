"""Partial dates (``2022``, ``2022-06``, ``2022-06-01``) as ranges of days."""

from __future__ import annotations

import calendar
import re
from datetime import date

#: ASCII digits only: ``\d`` would also take Arabic-Indic and other digits, which
#: ``int()`` then reads as a year, so ``٢٠٢٢`` would pass as 2022. Used with
#: ``fullmatch``: ``$`` would also match before a trailing line break.
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def date_range(text: str | None) -> tuple[date, date] | None:
    """The first and last day a partial date covers, or None if it is not a real date."""
    if not text:
        return None
    match = _PARTIAL.fullmatch(text)
    if not match:
        return None
    year = int(match[1])
    if year == 0:  # there is no year 0 (1 BC is followed by AD 1)
        return None
    try:
        if match[3]:
            day = date(year, int(match[2]), int(match[3]))
            return day, day
        if match[2]:
            month = int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def is_full_date(text: str) -> bool:
    found = date_range(text)
    return found is not None and found[0] == found[1] and len(text) == 10
