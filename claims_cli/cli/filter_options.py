"""The options that select claims, defined once for every command that takes them.

A command declares the options it wants with these types, under the
parameter names of :data:`FILTER_PARAMETERS`, and asks :func:`filter_from`
for the core :class:`~claims_cli.filters.Filter` (a bad value exits 2 with a
usage message)::

    @app.command()
    def export(
        ctx: typer.Context,
        tag: TagOption = None,
        source: SourceOption = None,
        ...,
        sort: SortOption = None,
        reverse: ReverseOption = False,
        limit: LimitOption = None,
    ) -> None:
        flt = filter_from(ctx)
        chosen = select(ledger.claims, flt, sort=sort, reverse=reverse, limit=limit)

Closed choices come from the model's own scales, so Typer lists the valid
values when one is wrong, and shells complete them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from claims_cli.cli.common import usage_error
from claims_cli.cli.completion import complete_sources, complete_tags
from claims_cli.filters import Filter, SortKey
from claims_cli.model import (
    CLAIM_TYPES,
    CLAIMANT_TYPES,
    STATUSES,
    ClaimantType,
    ClaimType,
    Confidence,
    Status,
)


def _choices(name: str, values: Sequence[str]) -> type[Enum]:
    return cast("type[Enum]", Enum(name, [(value, value) for value in values], type=str))


# Typer takes a repeatable option of Enum members but not of Literal values,
# so the repeatable choices are Enums built from the model's scales; the type
# checker sees the model's Literal types, which is what the values are.
if TYPE_CHECKING:
    StatusChoice = Status
    ClaimTypeChoice = ClaimType
    ClaimantTypeChoice = ClaimantType
else:
    StatusChoice = _choices("StatusChoice", STATUSES)
    ClaimTypeChoice = _choices("ClaimTypeChoice", CLAIM_TYPES)
    ClaimantTypeChoice = _choices("ClaimantTypeChoice", CLAIMANT_TYPES)

FILTERS_PANEL = "Filters (AND across options, OR within a repeated option)"
ORDER_PANEL = "Order"


def _filter(*names: str, help: str, **extra: Any) -> Any:
    """A filter option, shown in the filters panel of ``--help``."""
    return typer.Option(
        *names, help=help, rich_help_panel=FILTERS_PANEL, show_default=False, **extra
    )


TagOption = Annotated[
    list[str] | None,
    _filter("--tag", "-t", help="Claims with this tag.", autocompletion=complete_tags),
]
SourceOption = Annotated[
    list[str] | None,
    _filter(
        "--source",
        "-s",
        help="Claims citing this source id, as attribution or as evidence.",
        autocompletion=complete_sources,
    ),
]
EntityOption = Annotated[
    list[str] | None,
    _filter("--entity", "-e", help="Claims naming this entity (case- and accent-insensitive)."),
]
TypeOption = Annotated[list[ClaimTypeChoice] | None, _filter("--type", help="Claims of this type.")]
StatusOption = Annotated[
    list[StatusChoice] | None, _filter("--status", help="Claims with this verdict.")
]
ClaimantOption = Annotated[
    list[str] | None,
    _filter(
        "--claimant",
        help="Claims whose claimant contains this text (case- and accent-insensitive).",
    ),
]
ClaimantTypeOption = Annotated[
    list[ClaimantTypeChoice] | None,
    _filter("--claimant-type", help="Claims whose claimant is of this type."),
]
MinConfidenceOption = Annotated[
    Confidence | None,
    _filter(
        "--min-confidence",
        help="Claims at this confidence or above (very-low < low < medium < high < very-high).",
    ),
]
MaxConfidenceOption = Annotated[
    Confidence | None,
    _filter("--max-confidence", help="Claims at this confidence or below."),
]
SinceOption = Annotated[
    str | None,
    _filter(
        "--since",
        help="Claims dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD). "
        "Undated claims are left out.",
        metavar="DATE",
    ),
]
UntilOption = Annotated[
    str | None,
    _filter(
        "--until",
        help="Claims dated on or before DATE. Undated claims are left out.",
        metavar="DATE",
    ),
]
SearchOption = Annotated[
    str | None,
    _filter(
        "--search",
        "-q",
        help="Claims where every word of TEXT appears in the claim, quote, tags, "
        "entities, claimant or notes (case- and accent-insensitive).",
        metavar="TEXT",
    ),
]
SortOption = Annotated[
    SortKey | None,
    typer.Option(
        "--sort",
        help="Sort by this key; ties by id. Default: the order of the files.",
        rich_help_panel=ORDER_PANEL,
        show_default=False,
    ),
]
ReverseOption = Annotated[
    bool,
    typer.Option(
        "--reverse",
        "-r",
        help="Reverse the order (undated claims stay last in a date sort).",
        rich_help_panel=ORDER_PANEL,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        help="Show at most N claims.",
        metavar="N",
        min=0,
        rich_help_panel=ORDER_PANEL,
        show_default=False,
    ),
]

#: The parameter names the filter options must have in a command.
FILTER_PARAMETERS = (
    "tag",
    "source",
    "entity",
    "claim_type",
    "status",
    "claimant",
    "claimant_type",
    "min_confidence",
    "max_confidence",
    "since",
    "until",
    "search",
)


def filter_from(ctx: typer.Context) -> Filter:
    """The filter for the options a command was given, read from its context.

    The command declares the filter options it takes under the names in
    :data:`FILTER_PARAMETERS`; any it leaves out does not filter.
    """
    given = {name: ctx.params.get(name) for name in FILTER_PARAMETERS}
    return build_filter(**given)


def build_filter(
    *,
    tag: list[str] | None = None,
    source: list[str] | None = None,
    entity: list[str] | None = None,
    claim_type: list[ClaimType] | None = None,
    status: list[Status] | None = None,
    claimant: list[str] | None = None,
    claimant_type: list[ClaimantType] | None = None,
    min_confidence: Confidence | None = None,
    max_confidence: Confidence | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> Filter:
    """The core filter for these option values; a bad value exits 2 with the reason."""
    try:
        return Filter(
            tags=tuple(tag or ()),
            sources=tuple(source or ()),
            entities=tuple(entity or ()),
            types=_plain(claim_type),
            statuses=_plain(status),
            claimants=tuple(claimant or ()),
            claimant_types=_plain(claimant_type),
            min_confidence=min_confidence,
            max_confidence=max_confidence,
            since=since,
            until=until,
            search=search,
        )
    except ValueError as exc:
        usage_error(str(exc))


def _plain(chosen: Sequence[str] | None) -> tuple[str, ...]:
    # Typer hands over Enum members; the filter compares plain text.
    return tuple(str(getattr(item, "value", item)) for item in chosen or ())
