"""``claims list``, ``show``, ``sources`` and ``stats``: terminal look-ups.

Each command parses its options into a request and runs it: open the ledger
with the integrity checks only (no JSON Schema), select with the core filter
engine and render, a rich table on a terminal and plain machine formats
(written without rich) everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Protocol, TypeVar

import typer

from claims_cli.cli.app import command, environment
from claims_cli.cli.common import Output
from claims_cli.cli.completion import complete_claim_ids
from claims_cli.cli.ledger import claim_files, open_view
from claims_cli.cli.options import (
    FilesOption,
    ReverseOption,
    SortOption,
    filter_options,
    format_choice,
    format_option,
    limit_option,
    paths,
    sort_key,
)
from claims_cli.cli.usage import count
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.query.filters import Filter, SortKey
from claims_cli.render.registry import LIST_FORMATS, SHOW_FORMATS, STATS_FORMATS

if TYPE_CHECKING:
    from claims_cli.cli.terminal.tables import Column
    from claims_cli.index.view import LedgerView
    from claims_cli.model import Claim
    from claims_cli.query.usage import SourceUsage
    from claims_cli.render.data import Shape

T = TypeVar("T")

_REFUSAL = "the claim files have {errors}; fix them first ('claims validate' gives the full report)"

ListFormatOption = Annotated[
    str | None,
    format_option(
        LIST_FORMATS,
        "Output format. Default: table on a terminal, tsv (with a header row) otherwise.",
    ),
]


class _Request(Protocol):
    @property
    def files(self) -> list[str]: ...


R = TypeVar("R", bound=_Request)


def _look_up(
    body: Callable[[R, Output, LedgerView], ExitStatus],
) -> Callable[[R, Environment], ExitStatus]:
    """A look-up that runs ``body`` on the request's ledger, or refuses one with errors.

    The refusal prints the errors as ``file:line:col: CODE message`` and a
    closing line, and exits 1, the same for every look-up.
    """

    def run(request: R, env: Environment) -> ExitStatus:
        out = Output(env)
        view = open_view(env, claim_files(env, request.files))
        if isinstance(view, list):
            return out.refuse(view, _REFUSAL)
        try:
            return body(request, out, view)
        finally:
            view.close()

    # Named and documented as the body, but not its __wrapped__: the signature differs.
    run.__name__, run.__qualname__, run.__doc__ = body.__name__, body.__qualname__, body.__doc__
    return run


def _no_match_hint(flt: Filter, view: LedgerView) -> str:
    """Why nothing matched, when a tag, source or metric asked for is not in the ledger."""
    from claims_cli.check.diagnostics import did_you_mean

    if not (flt.tags or flt.sources or flt.metrics):
        return ""
    tags = view.tags() if flt.tags else frozenset()
    metrics = view.metrics() if flt.metrics else frozenset()
    sources = {source.id for source in view.sources}
    asked = ((flt.tags, tags, "tag"), (flt.sources, sources, "source"))
    for wanted, known, what in (*asked, (flt.metrics, metrics, "metric")):
        for value in wanted:
            if value not in known:
                return f" (no {what} '{value}' in the ledger{did_you_mean(value, known)})"
    return ""


def _claims_caption(shown: int, total: int) -> str:
    if shown == total:
        from claims_cli.render.wording import count_of

        return count_of(total, "claim")
    return f"{shown} of {total} claims"


def _table_or_data(
    out: Output,
    chosen: str | None,
    items: Sequence[T],
    layouts: Callable[[], list[list[Column]]],
    shape: Callable[[], Shape[T]],
    caption: str | None = None,
) -> None:
    """``items`` as a table fitted to the terminal, or in a machine format.

    With no format chosen: a table on a terminal, tab-separated values when
    piped. An empty table is not drawn; machine formats keep their shape.
    """
    shown_as = chosen or ("table" if out.env.stdout_isatty else "tsv")
    if shown_as == "table":
        if items:
            from claims_cli.cli.terminal.tables import fitted_table

            drawn = layouts()
            out.draw(lambda width: fitted_table(drawn, width, caption))
        return
    from claims_cli.render.data import serialise

    out.write(serialise(shown_as, items, shape()))


# --- claims list ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ListRequest:
    """What ``claims list`` was asked for."""

    files: list[str]
    flt: Filter
    sort: SortKey | None = None
    reverse: bool = False
    limit: int | None = None
    #: None: a table on a terminal, else tsv.
    output_format: str | None = None


@_look_up
def run_list(request: ListRequest, out: Output, view: LedgerView) -> ExitStatus:
    """Print the claims that pass the filter, in the format asked for."""
    from claims_cli.query.filters import select

    chosen = select(
        view.candidates(request.flt),
        request.flt,
        sort=request.sort,
        reverse=request.reverse,
        limit=request.limit,
    )
    index = view.index()

    def layouts() -> list[list[Column]]:
        from claims_cli.cli.terminal.tables import claims_layouts

        return claims_layouts(chosen, index)

    def shape() -> Shape[Claim]:
        from claims_cli.render.data import claim_shape

        return claim_shape(index)

    caption = _claims_caption(len(chosen), view.total)
    _table_or_data(out, request.output_format, chosen, layouts, shape, caption)
    if not chosen and request.limit != 0:  # --limit 0 asked for nothing, and got it
        out.say("no claims match" + _no_match_hint(request.flt, view))
    return ExitStatus.OK


@command("list")
@filter_options
def list_claims(
    ctx: typer.Context,
    flt: Filter,
    files: FilesOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    limit: Annotated[str | None, limit_option("claims")] = None,
    output_format: ListFormatOption = None,
) -> ExitStatus:
    """List the claims that match every filter given.

    On a terminal the list is a table fitted to its width; piped, it is
    tab-separated values with a header row. Exit 0 even when nothing matches
    (that is said on stderr), 1 when the claim files have errors.
    """
    request = ListRequest(
        files=paths(files),
        flt=flt,
        sort=sort_key(sort),
        reverse=reverse,
        limit=count("--limit", limit),
        output_format=format_choice(LIST_FORMATS, output_format),
    )
    return run_list(request, environment(ctx))


# --- claims show ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ShowRequest:
    """What ``claims show`` was asked for."""

    ids: list[str]
    files: list[str]
    output_format: str = "panel"


@_look_up
def run_show(request: ShowRequest, out: Output, view: LedgerView) -> ExitStatus:
    """Print the whole record of each claim; 1 if an id is unknown or ambiguous."""
    from claims_cli.query.resolve import ClaimNotFound, resolve_claim

    index = view.index()
    found = []
    failed = False
    for wanted in request.ids:
        try:
            found.append(resolve_claim(index, wanted))
        except ClaimNotFound as exc:
            out.say(exc.message)
            failed = True
    if failed:
        return ExitStatus.PROBLEMS
    if request.output_format != "panel":
        from claims_cli.render.data import claim_shape, serialise

        out.write(serialise(request.output_format, found, claim_shape(index)))
        return ExitStatus.OK
    from rich.console import Group

    from claims_cli.cli.terminal.panel import claim_panel

    panels = []
    for claim in found:
        where = None
        line = view.line_of(claim)
        if claim.origin is not None and line is not None:
            where = f"{claim.origin.file}:{line}"
        panels.append(claim_panel(claim, index, where=where))
    out.draw(lambda _width: Group(*panels))
    return ExitStatus.OK


@command()
def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            help="Claim ids; a prefix that only one id starts with is enough.",
            metavar="ID",
            autocompletion=complete_claim_ids,
            show_default=False,
        ),
    ],
    files: FilesOption = None,
    output_format: Annotated[
        str | None, format_option(SHOW_FORMATS, "panel for people, json or yaml for scripts.")
    ] = None,
) -> ExitStatus:
    """Show the whole record of each claim: quote, value, attribution, grade, evidence, source.

    Exit 1 if an id is unknown (the nearest id is suggested) or a prefix is
    ambiguous (the candidates are listed); nothing is shown then.
    """
    request = ShowRequest(
        ids=list(ids),
        files=paths(files),
        output_format=format_choice(SHOW_FORMATS, output_format, "panel") or "panel",
    )
    return run_show(request, environment(ctx))


# --- claims sources ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SourcesRequest:
    """What ``claims sources`` was asked for."""

    files: list[str]
    limit: int | None = None
    output_format: str | None = None


@_look_up
def run_sources(request: SourcesRequest, out: Output, view: LedgerView) -> ExitStatus:
    """Print every source with how many claims cite it, most cited first."""
    from claims_cli.query.usage import source_usage

    ledger = view.ledger()
    usage = source_usage(ledger.sources, ledger.claims)
    if request.limit is not None:
        usage = usage[: request.limit]

    def layouts() -> list[list[Column]]:
        from claims_cli.cli.terminal.tables import sources_layouts

        return sources_layouts(usage)

    def shape() -> Shape[SourceUsage]:
        from claims_cli.render.data import SOURCE_SHAPE

        return SOURCE_SHAPE

    _table_or_data(out, request.output_format, usage, layouts, shape)
    if not ledger.sources:
        out.say("no sources in the ledger")
    return ExitStatus.OK


@command()
def sources(
    ctx: typer.Context,
    files: FilesOption = None,
    limit: Annotated[str | None, limit_option("sources", panel=None)] = None,
    output_format: ListFormatOption = None,
) -> ExitStatus:
    """List every source with how many claims cite it, most cited first.

    Counts are of claims citing the source at all, as attribution, and as
    evidence; with its kind, reliability grade and publication date.
    """
    request = SourcesRequest(
        files=paths(files),
        limit=count("--limit", limit),
        output_format=format_choice(LIST_FORMATS, output_format),
    )
    return run_sources(request, environment(ctx))


# --- claims stats --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class StatsRequest:
    """What ``claims stats`` was asked for."""

    files: list[str]
    flt: Filter
    output_format: str = "chart"


@_look_up
def run_stats(request: StatsRequest, out: Output, view: LedgerView) -> ExitStatus:
    """Count the claims that pass the filter, as charts or JSON."""
    from claims_cli.query.filters import select
    from claims_cli.query.stats import count_claims

    if request.flt.is_empty:  # every claim: the view may count without loading them
        # Only the JSON gives each metric's spread, which needs the claims' values.
        counts = view.counts(figures=request.output_format == "json")
    else:
        counts = count_claims(select(view.candidates(request.flt), request.flt))
    if request.output_format == "json":
        from claims_cli.render.data import json_text

        out.write(json_text(counts.to_data()))
    elif counts.claims:
        from claims_cli.cli.terminal.charts import stats_chart

        total = view.total
        # Block characters need a Unicode output; a legacy code page gets "#".
        ascii_only = not out.env.encoding.lower().replace("_", "-").startswith("utf")
        out.draw(lambda width: stats_chart(counts, width, of_total=total, ascii_only=ascii_only))
    if not counts.claims:
        out.say("no claims match" + _no_match_hint(request.flt, view))
    return ExitStatus.OK


@command()
@filter_options
def stats(
    ctx: typer.Context,
    flt: Filter,
    files: FilesOption = None,
    output_format: Annotated[
        str | None, format_option(STATS_FORMATS, "chart for people, json for scripts.")
    ] = None,
) -> ExitStatus:
    """Count the claims that match by status, confidence, type, tag and source.

    Takes the same filters as 'claims list'. Bars are scaled to the number
    of claims counted, so each shows a share of them.
    """
    request = StatsRequest(
        files=paths(files),
        flt=flt,
        output_format=format_choice(STATS_FORMATS, output_format, "chart") or "chart",
    )
    return run_stats(request, environment(ctx))
