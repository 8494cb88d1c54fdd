"""The options that select claims, defined once for every command that selects.

``list``, ``stats``, ``export`` and any later command declare the options
they take with these types, under the parameter names of
:data:`FILTER_PARAMETERS`, and turn them into a
:class:`claims_cli.query.filters.Filter` with :func:`build_filter` (or, reading
them back from the context, :func:`filter_from`)::

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

A value outside a closed choice is a usage error (exit 2) that lists the
valid values; shells complete the closed choices, tags and source ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from claims_cli.cli.common import usage_error
from claims_cli.cli.completion import complete_choices, complete_sources, complete_tags
from claims_cli.model import CLAIM_TYPES, CLAIMANT_TYPES, CONFIDENCE_LEVELS, STATUSES
from claims_cli.query.filters import SortKey

if TYPE_CHECKING:
    from claims_cli.model import Confidence
    from claims_cli.query.filters import Filter

_PANEL = "Selecting claims"
_ORDER_PANEL = "Order"

_Choice = TypeVar("_Choice", bound=str)


def _option(*names: str, metavar: str, help: str, **extra: Any) -> Any:
    return typer.Option(
        *names, metavar=metavar, help=help, show_default=False, rich_help_panel=_PANEL, **extra
    )


TagOption = Annotated[
    list[str] | None,
    _option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Keep claims with this tag (repeatable: any of them).",
        autocompletion=complete_tags,
    ),
]
SourceOption = Annotated[
    list[str] | None,
    _option(
        "--source",
        "-s",
        metavar="ID",
        help="Keep claims citing this source id, as attribution or evidence (repeatable).",
        autocompletion=complete_sources,
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
        autocompletion=complete_choices(CLAIM_TYPES),
    ),
]
StatusOption = Annotated[
    list[str] | None,
    _option(
        "--status",
        metavar="STATUS",
        help="Keep claims with this verdict (repeatable): " + ", ".join(STATUSES) + ".",
        autocompletion=complete_choices(STATUSES),
    ),
]
ClaimantOption = Annotated[
    list[str] | None,
    _option(
        "--claimant",
        metavar="TEXT",
        help="Keep claims whose claimant contains this text; case and accents are ignored "
        "(repeatable).",
    ),
]
ClaimantTypeOption = Annotated[
    list[str] | None,
    _option(
        "--claimant-type",
        metavar="KIND",
        help="Keep claims whose claimant is of this kind (repeatable): "
        + ", ".join(CLAIMANT_TYPES)
        + ".",
        autocompletion=complete_choices(CLAIMANT_TYPES),
    ),
]
MinConfidenceOption = Annotated[
    str | None,
    _option(
        "--min-confidence",
        metavar="LEVEL",
        help="Keep claims at this confidence or higher: " + ", ".join(CONFIDENCE_LEVELS) + ".",
        autocompletion=complete_choices(CONFIDENCE_LEVELS),
    ),
]
MaxConfidenceOption = Annotated[
    str | None,
    _option(
        "--max-confidence",
        metavar="LEVEL",
        help="Keep claims at this confidence or lower ('--max-confidence low' keeps "
        "very-low and low).",
        autocompletion=complete_choices(CONFIDENCE_LEVELS),
    ),
]
SinceOption = Annotated[
    str | None,
    _option(
        "--since",
        metavar="DATE",
        help="Keep claims dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); "
        "undated claims are left out.",
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
        help="Keep claims whose text, quote, tags, entities, claimant or notes contain every "
        "word; case and accents are ignored.",
    ),
]
SortOption = Annotated[
    SortKey | None,
    typer.Option(
        "--sort",
        help="Sort by this key, ties by id. Default: the order of the files.",
        rich_help_panel=_ORDER_PANEL,
        show_default=False,
    ),
]
ReverseOption = Annotated[
    bool,
    typer.Option(
        "--reverse",
        "-r",
        help="Reverse the order (undated claims stay last in a date sort).",
        rich_help_panel=_ORDER_PANEL,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        min=0,
        help="Keep at most N claims.",
        rich_help_panel=_ORDER_PANEL,
        show_default=False,
    ),
]


def _choices(
    option: str, given: Sequence[str] | None, allowed: tuple[_Choice, ...]
) -> tuple[_Choice, ...]:
    chosen = []
    for value in given or ():
        if value not in allowed:
            usage_error(f"{option}: unknown value '{value}' (choose from {', '.join(allowed)})")
        chosen.append(next(choice for choice in allowed if choice == value))
    return tuple(chosen)


def _level(option: str, given: str | None) -> Confidence | None:
    found = _choices(option, [given] if given is not None else None, CONFIDENCE_LEVELS)
    return found[0] if found else None


def build_filter(
    *,
    tags: list[str] | None = None,
    sources: list[str] | None = None,
    entities: list[str] | None = None,
    types: list[str] | None = None,
    statuses: list[str] | None = None,
    claimants: list[str] | None = None,
    claimant_types: list[str] | None = None,
    min_confidence: str | None = None,
    max_confidence: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> Filter:
    """The filter the options describe; a bad value is a usage error (exit 2)."""
    from claims_cli.query.filters import Filter

    try:
        return Filter(
            tags=tuple(tags or ()),
            sources=tuple(sources or ()),
            entities=tuple(entities or ()),
            types=_choices("--type", types, CLAIM_TYPES),
            statuses=_choices("--status", statuses, STATUSES),
            claimants=tuple(claimants or ()),
            claimant_types=_choices("--claimant-type", claimant_types, CLAIMANT_TYPES),
            min_confidence=_level("--min-confidence", min_confidence),
            max_confidence=_level("--max-confidence", max_confidence),
            since=since,
            until=until,
            search=search,
        )
    except ValueError as exc:
        usage_error(str(exc))


#: Each filter option's parameter name in a command, and the argument of
#: :func:`build_filter` it feeds.
FILTER_PARAMETERS: dict[str, str] = {
    "tag": "tags",
    "source": "sources",
    "entity": "entities",
    "claim_type": "types",
    "status": "statuses",
    "claimant": "claimants",
    "claimant_type": "claimant_types",
    "min_confidence": "min_confidence",
    "max_confidence": "max_confidence",
    "since": "since",
    "until": "until",
    "search": "search",
}


def filter_from(ctx: typer.Context) -> Filter:
    """The filter for the filter options a command was given, read from its context.

    Options a command does not declare do not filter.
    """
    given = {argument: ctx.params.get(name) for name, argument in FILTER_PARAMETERS.items()}
    return build_filter(**given)
