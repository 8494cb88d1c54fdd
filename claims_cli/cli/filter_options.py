"""The options that select claims, defined once for every command that selects.

``list``, ``export`` and any later command take these same options and turn
them into a :class:`claims_cli.filters.Filter` with :func:`build_filter`.
Only Typer and the model's closed choices are imported here; the filter
engine is loaded when it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims_cli.cli.common import usage_error
from claims_cli.model import CLAIM_TYPES, CONFIDENCE_LEVELS, STATUSES

if TYPE_CHECKING:
    from claims_cli.filters import Filter

_PANEL = "Selecting claims"

TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        help="Keep claims with this tag (repeatable: any of them).",
        metavar="TAG",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        "-s",
        help="Keep claims citing this source id, as attribution or evidence (repeatable).",
        metavar="ID",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
EntityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--entity",
        "-e",
        help="Keep claims naming this entity; case and accents are ignored (repeatable).",
        metavar="NAME",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
TypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        help="Keep claims of this type (repeatable): " + ", ".join(CLAIM_TYPES) + ".",
        metavar="TYPE",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Keep claims with this verdict (repeatable): " + ", ".join(STATUSES) + ".",
        metavar="STATUS",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
ClaimantOption = Annotated[
    list[str] | None,
    typer.Option(
        "--claimant",
        help="Keep claims whose claimant contains this text (repeatable).",
        metavar="TEXT",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
MinConfidenceOption = Annotated[
    str | None,
    typer.Option(
        "--min-confidence",
        help="Keep claims at this confidence or higher: " + ", ".join(CONFIDENCE_LEVELS) + ".",
        metavar="LEVEL",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Keep claims dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
        metavar="DATE",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Keep claims dated on or before this date.",
        metavar="DATE",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-q",
        help="Keep claims whose text, quote, tags, entities, claimant or notes contain every word.",
        metavar="WORDS",
        show_default=False,
        rich_help_panel=_PANEL,
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
