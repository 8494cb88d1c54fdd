"""Options shared by several commands, each defined once.

The filter options (``--tag``, ``--status``, ``--since``...) are one bundle:
:func:`filter_options` adds them to a command and hands the command one
checked :class:`~claims_cli.query.filters.Filter` in their place::

    @command("list")
    @filter_options
    def list_claims(flt: Filter, files: FilesOption = None, ...) -> ExitStatus:
        ...

Values reach the command as text and are checked once, here or by the core
``Filter`` (whose messages name its fields; :data:`FLAGS` names them as the
command line does). Choices, help and completion come from the model and the
output registries.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from claims_cli.cli.completion import complete_choices, complete_sources, complete_tags
from claims_cli.cli.usage import UsageError, choice, choices
from claims_cli.model import (
    CLAIM_TYPES,
    CLAIMANT_TYPES,
    CONFIDENCE_LEVELS,
    PRIORITIES,
    STATUSES,
)
from claims_cli.query.filters import Filter, FilterError, SortKey
from claims_cli.render.registry import Registry

_F = TypeVar("_F", bound=Callable[..., Any])

_PANEL = "Selecting claims"
_ORDER_PANEL = "Order"

#: The keys ``--sort`` takes, from the core's own type.
SORT_KEYS: tuple[SortKey, ...] = typing.get_args(SortKey)

FilesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--file",
        "-f",
        metavar="FILE",
        help="Claim file or directory (repeatable; - reads standard input). Default: "
        "CLAIMS_FILE, ./claims.yaml, or the nearest claims.yaml in a parent directory.",
        show_default=False,
    ),
]


def format_option(registry: Registry, help: str) -> Any:
    """``--format/-F FORMAT``: its choices, listed in the help and completed, from ``registry``."""
    return typer.Option(
        "--format",
        "-F",
        metavar="FORMAT",
        help=f"{help} One of: {', '.join(registry.names)}.",
        autocompletion=complete_choices(registry.names),
        show_default=False,
    )


def format_choice(registry: Registry, value: str | None, default: str | None = None) -> str | None:
    """The ``--format`` asked for, checked against ``registry``, else ``default``."""
    return default if value is None else choice("--format", value, registry.names)


def _filter(*names: str, metavar: str, help: str, **extra: Any) -> Any:
    return typer.Option(
        *names, metavar=metavar, help=help, show_default=False, rich_help_panel=_PANEL, **extra
    )


def _listed(values: Sequence[str]) -> str:
    return ", ".join(values)


#: The filter options: the :class:`Filter` field each fills, its type, its names and the
#: rest of its option.
_FILTERS: dict[str, tuple[Any, tuple[str, ...], dict[str, Any]]] = {
    "tags": (
        list[str] | None,
        ("--tag", "-t"),
        {
            "metavar": "TAG",
            "help": "Keep claims with this tag (repeatable: any of them).",
            "autocompletion": complete_tags,
        },
    ),
    "sources": (
        list[str] | None,
        ("--source", "-s"),
        {
            "metavar": "ID",
            "help": "Keep claims citing this source id, as attribution, evidence or appearance "
            "(repeatable).",
            "autocompletion": complete_sources,
        },
    ),
    "entities": (
        list[str] | None,
        ("--entity", "-e"),
        {
            "metavar": "NAME",
            "help": "Keep claims naming this entity; case and accents are ignored (repeatable).",
        },
    ),
    "types": (
        list[str] | None,
        ("--type",),
        {
            "metavar": "TYPE",
            "help": f"Keep claims of this type (repeatable): {_listed(CLAIM_TYPES)}.",
            "autocompletion": complete_choices(CLAIM_TYPES),
        },
    ),
    "statuses": (
        list[str] | None,
        ("--status",),
        {
            "metavar": "STATUS",
            "help": f"Keep claims with this verdict (repeatable): {_listed(STATUSES)}.",
            "autocompletion": complete_choices(STATUSES),
        },
    ),
    "claimants": (
        list[str] | None,
        ("--claimant",),
        {
            "metavar": "TEXT",
            "help": "Keep claims whose claimant contains this text; case and accents are ignored "
            "(repeatable).",
        },
    ),
    "claimant_types": (
        list[str] | None,
        ("--claimant-type",),
        {
            "metavar": "KIND",
            "help": "Keep claims whose claimant is of this kind (repeatable): "
            f"{_listed(CLAIMANT_TYPES)}.",
            "autocompletion": complete_choices(CLAIMANT_TYPES),
        },
    ),
    "min_confidence": (
        str | None,
        ("--min-confidence",),
        {
            "metavar": "LEVEL",
            "help": f"Keep claims at this confidence or higher: {_listed(CONFIDENCE_LEVELS)}.",
            "autocompletion": complete_choices(CONFIDENCE_LEVELS),
        },
    ),
    "max_confidence": (
        str | None,
        ("--max-confidence",),
        {
            "metavar": "LEVEL",
            "help": "Keep claims at this confidence or lower ('--max-confidence low' keeps "
            "very-low and low).",
            "autocompletion": complete_choices(CONFIDENCE_LEVELS),
        },
    ),
    "since": (
        str | None,
        ("--since",),
        {
            "metavar": "DATE",
            "help": "Keep claims dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "undated claims are left out.",
        },
    ),
    "until": (
        str | None,
        ("--until",),
        {"metavar": "DATE", "help": "Keep claims dated on or before this date."},
    ),
    "assignees": (
        list[str] | None,
        ("--assignee",),
        {
            "metavar": "NAME",
            "help": "Keep claims assigned to this person; case and accents are ignored "
            "(repeatable).",
        },
    ),
    "priorities": (
        list[str] | None,
        ("--priority",),
        {
            "metavar": "PRIORITY",
            "help": f"Keep claims of this priority (repeatable): {_listed(PRIORITIES)}.",
            "autocompletion": complete_choices(PRIORITIES),
        },
    ),
    "search": (
        str | None,
        ("--search", "-q"),
        {
            "metavar": "WORDS",
            "help": "Keep claims whose text, quote, tags, entities, claimant or notes contain "
            "every word; case and accents are ignored, and a figure (121m, $121 million, "
            "۱۲۱) finds the same figure written another way.",
        },
    ),
    "metrics": (
        list[str] | None,
        ("--metric",),
        {
            "metavar": "NAME",
            "help": "Keep claims whose value measures this metric (value.metric; repeatable).",
        },
    ),
    "units": (
        list[str] | None,
        ("--unit",),
        {
            "metavar": "UNIT",
            "help": "Keep claims whose value is in this unit (USD, km, people; another spelling "
            "such as dollars finds the unit it means; repeatable).",
        },
    ),
}

#: Each :class:`Filter` field's option on the command line.
FLAGS: dict[str, str] = {field: names[0] for field, (_, names, _) in _FILTERS.items()}


def _flag(field: str) -> str:
    return FLAGS.get(field, f"--{field.replace('_', '-')}")


def build_filter(
    *,
    tags: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    entities: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    claimants: Sequence[str] | None = None,
    claimant_types: Sequence[str] | None = None,
    min_confidence: str | None = None,
    max_confidence: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    metrics: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    assignees: Sequence[str] | None = None,
    priorities: Sequence[str] | None = None,
) -> Filter:
    """The filter the options describe; a bad value is a :class:`UsageError`."""
    levels = [min_confidence, max_confidence]
    min_level, max_level = (
        None if level is None else choice(_flag(field), level, CONFIDENCE_LEVELS)
        for field, level in zip(("min_confidence", "max_confidence"), levels, strict=True)
    )
    try:
        return Filter(
            tags=tuple(tags or ()),
            sources=tuple(sources or ()),
            entities=tuple(entities or ()),
            types=choices(_flag("types"), types, CLAIM_TYPES),
            statuses=choices(_flag("statuses"), statuses, STATUSES),
            claimants=tuple(claimants or ()),
            claimant_types=choices(_flag("claimant_types"), claimant_types, CLAIMANT_TYPES),
            min_confidence=min_level,
            max_confidence=max_level,
            since=since,
            until=until,
            search=search,
            metrics=tuple(metrics or ()),
            units=tuple(units or ()),
            assignees=tuple(assignees or ()),
            priorities=choices(_flag("priorities"), priorities, PRIORITIES),
        )
    except FilterError as exc:
        raise UsageError(exc.worded(_flag)) from None


def options_in_place_of(
    command: _F,
    placeholder: str,
    options: Sequence[tuple[str, Any]],
    gather: Callable[[dict[str, Any]], Any],
) -> _F:
    """``command`` as Typer should see it: ``options`` where its ``placeholder`` parameter was.

    ``options`` are ``(name, annotation)`` pairs, each a keyword-only option
    defaulting to None. When Typer calls the result, their values are taken
    out and ``gather(values)`` is passed to ``command`` as ``placeholder``;
    every other argument passes through by name. Help lists the options where
    the placeholder stood.
    """
    signature = inspect.signature(command, eval_str=True)
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in options
    ]
    names = [name for name, _ in options]
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name == placeholder:
            parameters.extend(added)
        elif parameter.default is inspect.Parameter.empty:
            parameters.append(parameter)
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(command)
    def with_options(**given: Any) -> Any:
        values = {name: given.pop(name) for name in names}
        return command(**{placeholder: gather(values)}, **given)

    with_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters} | {
        "return": signature.return_annotation
    }
    del with_options.__wrapped__  # Typer reads the signature above, not the command's
    return typing.cast(_F, with_options)


def filter_options(command: _F) -> _F:
    """Give ``command`` the filter options, and one ``flt: Filter`` built from them.

    ``command`` declares a parameter ``flt``; the command Typer sees takes
    the filter options in its place and passes the checked filter on.
    """
    options = [
        (name, Annotated[kind, _filter(*names, **option)])
        for name, (kind, names, option) in _FILTERS.items()
    ]
    return options_in_place_of(command, "flt", options, lambda values: build_filter(**values))


SortOption = Annotated[
    str | None,
    typer.Option(
        "--sort",
        metavar="KEY",
        help=f"Sort by this key ({_listed(SORT_KEYS)}), ties by id. Default: the order of "
        "the files.",
        rich_help_panel=_ORDER_PANEL,
        autocompletion=complete_choices(SORT_KEYS),
        show_default=False,
    ),
]
ReverseOption = Annotated[
    bool,
    typer.Option(
        "--reverse",
        "-r",
        metavar="",
        help="Reverse the order (undated claims stay last in a date sort).",
        rich_help_panel=_ORDER_PANEL,
        show_default=False,
    ),
]


def limit_option(noun: str, panel: str | None = _ORDER_PANEL) -> Any:
    """``--limit/-n N``: keep at most N ``noun``."""
    return typer.Option(
        "--limit",
        "-n",
        metavar="N",
        help=f"Keep at most N {noun}.",
        rich_help_panel=panel,
        show_default=False,
    )


def sort_key(value: str | None) -> SortKey | None:
    """``--sort``, checked."""
    return None if value is None else choice("--sort", value, SORT_KEYS)


def paths(*given: Sequence[str] | None) -> list[str]:
    """Every path named, in order, from arguments and ``-f`` alike."""
    return [str(Path(p)) if p != "-" else p for group in given for p in group or ()]
