"""How values read for people: ``> $121 million``, ``125 mi (≈ 201 km)``, ``B3``.

Plain text only; the terminal and Markdown layers decide how to style it.
"""

from __future__ import annotations

from claims_cli.model import Checked, Claim, Source, Value

_COMPARATORS = {"eq": "", "approx": "≈ ", "gt": "> ", "gte": "≥ ", "lt": "< ", "lte": "≤ "}
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_CONVERSIONS = {"mi": (1.609344, "km"), "km": (1 / 1.609344, "mi")}
_UNIT_WORDS = {"percent": "%", "pct": "%", "%": "%"}
_ANNUAL = {"annual", "annually", "yearly", "per year", "a year", "/year", "year"}


def count_of(count: int, noun: str) -> str:
    """``1 claim``, ``3 claims``: a count with its noun, plural when it should be."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def choice_words(value: str) -> str:
    """A closed-choice value as words: ``partly-supported`` -> ``partly supported``."""
    return value.replace("-", " ")


def checked_words(checked: Checked | None) -> str | None:
    """``by A. Checker on 2025-04-03``, or either half; None when nothing is known."""
    if checked is None:
        return None
    parts = [f"by {checked.by}" if checked.by else "", f"on {checked.on}" if checked.on else ""]
    return " ".join(p for p in parts if p) or None


def format_number(amount: float) -> str:
    """``121000000`` -> ``121 million``; ``1250.5`` -> ``1,250.5``."""
    magnitude = abs(amount)
    for size, word in _SCALES:
        if magnitude >= size:
            scaled = amount / size
            shown = f"{scaled:,.2f}".rstrip("0").rstrip(".")
            return f"{shown} {word}"
    if float(amount).is_integer():
        return f"{int(amount):,}"
    return f"{amount:,.6f}".rstrip("0").rstrip(".")


def format_value(value: Value, *, period: bool = True) -> str:
    """A value as people write it, with its comparator, unit and (annual) period."""
    number = format_number(value.amount)
    unit = value.unit
    sign = _CURRENCY_SIGNS.get(unit)
    if sign:
        text = f"{sign}{number}"
    elif unit in _UNIT_WORDS:
        text = f"{number}%"
    elif len(unit) == 3 and unit.isalpha() and unit.isupper():
        text = f"{number} {unit}"  # another ISO 4217 currency code
    else:
        text = f"{number} {unit}"
        conversion = _CONVERSIONS.get(unit)
        if conversion:
            factor, other = conversion
            text += f" (≈ {format_number(round(value.amount * factor))} {other})"
    text = _COMPARATORS.get(value.comparator, "") + text
    if period and value.period:
        if value.period.strip().lower() in _ANNUAL:
            text += " / year"
        else:
            text += f" ({value.period})"
    return text


def admiralty_grade(claim: Claim, source: Source | None) -> str | None:
    """The NATO/Admiralty grade such as ``B3``, when both halves are known."""
    if source is None or source.reliability is None or claim.credibility is None:
        return None
    return f"{source.reliability}{claim.credibility}"


def grade_words(claim: Claim, source: Source | None) -> tuple[str, str] | None:
    """The grade and what it means: ``("B3", "source usually reliable; possibly true")``.

    Without the source's reliability, the claim's credibility alone:
    ``("credibility 3", "possibly true")``. None when neither is known.
    """
    grade = admiralty_grade(claim, source)
    if grade is not None and source is not None and source.reliability is not None:
        meaning = f"source {RELIABILITY_WORDS.get(source.reliability, '?')}"
        credibility = CREDIBILITY_WORDS.get(claim.credibility or 0)
        return grade, f"{meaning}; {credibility}" if credibility else meaning
    if claim.credibility is not None:
        return f"credibility {claim.credibility}", CREDIBILITY_WORDS.get(claim.credibility, "?")
    return None


RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtfully true",
    5: "improbable",
    6: "truth cannot be judged",
}
