"""The checks on figures: units from the vocabulary (E501), one dimension per metric (E502),
and claims that measure the same thing and disagree (W503, with ``validate --conflicts``).

They run with the rules (:mod:`claims_cli.check.rules`), on the built ledger.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from claims_cli.check.diagnostics import Diagnostic, Severity, human_path
from claims_cli.model import Claim

if TYPE_CHECKING:
    from claims_cli.check.pipeline import Loaded
    from claims_cli.check.rules import CheckContext
    from claims_cli.text.units import Unit


def _where(claim: Claim, *sub: str | int) -> str:
    assert claim.origin is not None
    return human_path((*claim.origin.path, *sub))


def _quoted(symbols: tuple[str, ...]) -> str:
    return " or ".join(f"'{symbol}'" for symbol in symbols)


def unit_spelling(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E501: a unit that names a known unit or currency in another spelling."""
    from claims_cli.text.units import near_miss

    for claim in ctx.ledger.claims:
        if claim.value is None:
            continue
        meant = near_miss(claim.value.unit)
        if meant:
            yield ctx.at(
                claim.origin,
                ("value", "unit"),
                "E501",
                f"{_where(claim, 'value', 'unit')}: '{claim.value.unit}' is not a unit; "
                f"did you mean {_quoted(meant)}?",
            )


_DIMENSION_WORDS = {
    "currency": "a currency",
    "length": "a length",
    "mass": "a mass",
    "area": "an area",
    "volume": "a volume",
    "energy": "an energy",
    "power": "a power",
    "speed": "a speed",
    "time": "a time",
    "percent": "a percentage",
    "count": "a count",
}


def _kind(unit: Unit) -> str:
    if unit.dimension == "count":
        return f"a count of {unit.symbol}"
    return _DIMENSION_WORDS[unit.dimension]


def metric_dimension(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E502: one metric given in units of different dimensions (km in one claim, kg in another).

    Currencies are one dimension here: a metric may be reported in dollars by
    one source and in euros by another.
    """
    from claims_cli.text.units import near_miss, unit_of

    first: dict[str, tuple[Claim, Unit]] = {}
    for claim in ctx.ledger.claims:
        if claim.value is None or not claim.value.metric or near_miss(claim.value.unit):
            continue
        unit = unit_of(claim.value.unit)
        earlier, earlier_unit = first.setdefault(claim.value.metric, (claim, unit))
        if earlier is claim or unit.dimension == earlier_unit.dimension == "currency":
            continue
        if unit.comparable(earlier_unit):
            continue
        assert earlier.origin is not None
        line = ctx.documents[earlier.origin.file].locate((*earlier.origin.path, "value", "unit"))
        yield ctx.at(
            claim.origin,
            ("value", "unit"),
            "E502",
            f"{_where(claim, 'value', 'unit')}: '{claim.value.unit}' is {_kind(unit)}, but "
            f"metric '{claim.value.metric}' is {_kind(earlier_unit)} in '{earlier.id}' "
            f"({earlier.origin.file}:{line.line}, '{earlier.value.unit if earlier.value else ''}')",
        )


def conflict_warnings(ctx: CheckContext, *, tolerance: float) -> Iterator[Diagnostic]:
    """W503: each claim of a conflicting pair, warned at its own value with the other named."""
    from claims_cli.query.conflicts import find_conflicts

    for group in find_conflicts(ctx.ledger.claims, tolerance=tolerance):
        for pair in group.pairs:
            for this, other in ((pair.first, pair.second), (pair.second, pair.first)):
                assert other.origin is not None
                line = ctx.documents[other.origin.file].locate((*other.origin.path, "value"))
                yield ctx.at(
                    this.origin,
                    ("value",),
                    "W503",
                    f"{_where(this, 'value')}: {pair.stated(this)} {pair.verb} "
                    f"{pair.stated(other)} in '{other.id}' ({other.origin.file}:{line.line})"
                    f"{' for ' + group.label if group.metric else ''}",
                    Severity.WARNING,
                )


def with_conflicts(loaded: Loaded, *, today: date, tolerance: float) -> Loaded:
    """``loaded`` with a W503 warning at each claim of each conflicting pair, in order."""
    from claims_cli.check.rules import CheckContext

    context = CheckContext(
        ledger=loaded.ledger, documents={doc.file: doc for doc in loaded.documents}, today=today
    )
    found = [*loaded.diagnostics, *conflict_warnings(context, tolerance=tolerance)]
    found.sort(key=Diagnostic.sort_key)
    return replace(loaded, diagnostics=tuple(found))


def unreviewed_extractions(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W504: a claim ``claims extract`` proposed (tag ``extracted``), not yet reviewed."""
    for claim in ctx.ledger.claims:
        if "extracted" in claim.tags:
            yield ctx.at(
                claim.origin,
                ("confidence",),
                "W504",
                f"{_where(claim, 'confidence')}: proposed by 'claims extract' and not yet "
                f"reviewed; set the confidence ('{claim.confidence}' is a placeholder) and "
                "remove the tag 'extracted'",
                Severity.WARNING,
            )
