"""The options that select claims, defined once for every command that selects.

``list``, ``export`` and any later command take these same options and turn
them into a :class:`claims_cli.filters.Filter` with :func:`build_filter`.
Only Typer and the model's closed choices are imported here; the filter
engine is loaded when it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from claims_cli.cli.common import usage_error
from claims_cli.model import CLAIM_TYPES, CONFIDENCE_LEVELS, STATUSES

if TYPE_CHECKING:
    from claims_cli.filters import Filter

_PANEL = "Selecting claims"


def _option(*names: str, metavar: str, help: str) -> Any:
    return typer.Option(
        *names, metavar=metavar, help=help, show_default=False, rich_help_panel=_PANEL
    )


TagOption = Annotated[
    list[str] | None,
    _option(
        "--tag", "-t", metavar="TAG", help="Keep claims with this tag (repeatable: any of them)."
    ),
]
SourceOption = Annotated[
    list[str] | None,
    _option(
        "--source",
        "-s",
        metavar="ID",
        help="Keep claims citing this source id, as attribution or evidence (repeatable).",
    ),
]
EntityOption = Annotated[
    list[str] | None,
    _option(
        "--entity",
        "-e",
        metavar="NAME",
        help="Keep claims naming this entity; case and accents are ignored (repeatable).",
    ),
]
TypeOption = Annotated[
    list[str] | None,
    _option(
        "--type",
        metavar="TYPE",
        help="Keep claims of this type (repeatable): " + ", ".join(CLAIM_TYPES) + ".",
    ),
]
StatusOption = Annotated[
    list[str] | None,
    _option(
        "--status",
        metavar="STATUS",
        help="Keep claims with this verdict (repeatable): " + ", ".join(STATUSES) + ".",
    ),
]
ClaimantOption = Annotated[
    list[str] | None,
    _option(
        "--claimant",
        metavar="TEXT",
        help="Keep claims whose claimant contains this text (repeatable).",
    ),
]
MinConfidenceOption = Annotated[
    str | None,
    _option(
        "--min-confidence",
        metavar="LEVEL",
        help="Keep claims at this confidence or higher: " + ", ".join(CONFIDENCE_LEVELS) + ".",
    ),
]
SinceOption = Annotated[
    str | None,
    _option(
        "--since",
        metavar="DATE",
        help="Keep claims dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    ),
]
UntilOption = Annotated[
    str | None,
    _option("--until", metavar="DATE", help="Keep claims dated on or before this date."),
]
SearchOption = Annotated[
    str | None,
    _option(
        "--search",
        "-q",
        metavar="WORDS",
        help="Keep claims whose text, quote, tags, entities, claimant or notes contain every word.",
    ),
]


def _choices(option: str, given: list[str] | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = tuple(given or ())
    for value in values:
        if value not in allowed:
            usage_error(f"{option}: unknown value '{value}' (choose from {', '.join(allowed)})")
    return values


def build_filter(
    *,
    tags: list[str] | None = None,
    sources: list[str] | None = None,
    entities: list[str] | None = None,
    types: list[str] | None = None,
    statuses: list[str] | None = None,
    claimants: list[str] | None = None,
    min_confidence: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> Filter:
    """The filter the options describe; a bad value is a usage error (exit 2)."""
    from claims_cli.filters import Filter

    confidence = None
    if min_confidence is not None:
        _choices("--min-confidence", [min_confidence], CONFIDENCE_LEVELS)
        confidence = next(c for c in CONFIDENCE_LEVELS if c == min_confidence)
    try:
        return Filter(
            tags=tuple(tags or ()),
            sources=tuple(sources or ()),
            entities=tuple(entities or ()),
            types=_choices("--type", types, CLAIM_TYPES),
            statuses=_choices("--status", statuses, STATUSES),
            claimants=tuple(claimants or ()),
            min_confidence=confidence,
            since=since,
            until=until,
            search=search,
        )
    except ValueError as exc:
        usage_error(str(exc))
