"""``claims list``, ``show``, ``sources`` and ``stats``: terminal look-ups.

Each command opens the ledger with the integrity checks only (no JSON
Schema), selects with the core filter engine and renders: a rich table on a
terminal, plain machine formats (written without rich) everywhere else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from claims_cli.cli.app import app
from claims_cli.cli.common import (
    FilesOption,
    claim_files,
    closed_pipe_ends_quietly,
    refuse,
    stdout_is_terminal,
    write,
)
from claims_cli.cli.completion import complete_claim_ids
from claims_cli.cli.options import (
    ClaimantOption,
    ClaimantTypeOption,
    EntityOption,
    LimitOption,
    MaxConfidenceOption,
    MinConfidenceOption,
    ReverseOption,
    SearchOption,
    SinceOption,
    SortOption,
    SourceOption,
    StatusOption,
    TagOption,
    TypeOption,
    UntilOption,
    filter_from,
)
from claims_cli.exitcodes import ExitStatus

if TYPE_CHECKING:
    from rich.console import RenderableType

    from claims_cli.check.pipeline import Loaded
    from claims_cli.model import Ledger
    from claims_cli.query.filters import Filter

ListFormat = Literal["table", "json", "jsonl", "csv", "tsv", "yaml", "ids"]
ShowFormat = Literal["panel", "json", "yaml"]
StatsFormat = Literal["chart", "json"]

ListFormatOption = Annotated[
    ListFormat | None,
    typer.Option(
        "--format",
        "-F",
        help="Output format. Default: table on a terminal, tsv (with a header row) otherwise.",
        show_default=False,
    ),
]


def _say(message: str) -> None:
    sys.stderr.write(f"claims: {message}\n")


def _open(paths: list[Path] | None) -> Loaded:
    """The ledger, or exit 1 with its errors as ``file:line:col: CODE message``."""
    from claims_cli.check.pipeline import open_ledger
    from claims_cli.environment import Environment

    env = Environment.from_os()
    loaded = open_ledger(claim_files(paths), today=env.today, max_bytes=env.max_file_bytes)
    if not loaded.ok:
        refuse(
            loaded.errors,
            "the claim files have {errors}; fix them first "
            "('claims validate' gives the full report)",
        )
    return loaded


def _no_match_hint(flt: Filter, ledger: Ledger) -> str:
    """Why nothing matched, when a tag or source asked for is not in the ledger."""
    from claims_cli.check.diagnostics import did_you_mean

    tags = {tag for claim in ledger.claims for tag in claim.tags}
    sources = {source.id for source in ledger.sources}
    for wanted, known, what in ((flt.tags, tags, "tag"), (flt.sources, sources, "source")):
        for value in wanted:
            if value not in known:
                return f" (no {what} '{value}' in the ledger{did_you_mean(value, known)})"
    return ""


def _print(draw: Callable[[int], RenderableType]) -> None:
    """Print what ``draw`` makes for the width of the terminal (80 when piped).

    Rich renders into a string that is written like any other output, so a
    closed pipe is handled in one place, and lines lose the spaces rich pads
    them with.
    """
    from claims_cli.cli.terminal.tables import make_console

    console = make_console()
    with console.capture() as captured:
        # Lines are already fitted to the width; a line wider than the
        # terminal (an id longer than the terminal is wide) is left whole.
        console.print(draw(console.width), crop=False)
    write("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))


def _claims_caption(shown: int, total: int) -> str:
    if shown == total:
        from claims_cli.render.wording import count_of

        return count_of(total, "claim")
    return f"{shown} of {total} claims"


@app.command("list")
def list_claims(
    ctx: typer.Context,
    files: FilesOption = None,
    tag: TagOption = None,
    source: SourceOption = None,
    entity: EntityOption = None,
    claim_type: TypeOption = None,
    status: StatusOption = None,
    claimant: ClaimantOption = None,
    claimant_type: ClaimantTypeOption = None,
    min_confidence: MinConfidenceOption = None,
    max_confidence: MaxConfidenceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    output_format: ListFormatOption = None,
) -> None:
    """List the claims that match every filter given.

    On a terminal the list is a table fitted to its width; piped, it is
    tab-separated values with a header row. Exit 0 even when nothing matches
    (that is said on stderr), 1 when the claim files have errors.
    """
    flt = filter_from(ctx)  # reads the filter options above back by name
    with closed_pipe_ends_quietly():
        from claims_cli.model import Index
        from claims_cli.query.filters import select

        ledger = _open(files).ledger
        chosen = select(ledger.claims, flt, sort=sort, reverse=reverse, limit=limit)
        chosen_format = output_format or ("table" if stdout_is_terminal() else "tsv")
        if chosen_format == "table":
            if chosen:
                from claims_cli.cli.terminal.tables import claims_layouts, fitted_table

                layouts = claims_layouts(chosen, Index(ledger=ledger))
                caption = _claims_caption(len(chosen), len(ledger.claims))
                _print(lambda width: fitted_table(layouts, width, caption))
        else:
            from claims_cli.render.data import claim_shape, serialise

            write(serialise(chosen_format, chosen, claim_shape(Index(ledger=ledger))))
        if not chosen and limit != 0:  # --limit 0 asked for nothing, and got it
            _say("no claims match" + _no_match_hint(flt, ledger))


@app.command()
def show(
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
        ShowFormat,
        typer.Option("--format", "-F", help="panel for people, json or yaml for scripts."),
    ] = "panel",
) -> None:
    """Show the whole record of each claim: quote, value, attribution, grade, evidence, source.

    Exit 1 if an id is unknown (the nearest id is suggested) or a prefix is
    ambiguous (the candidates are listed); nothing is shown then.
    """
    with closed_pipe_ends_quietly():
        from claims_cli.model import Index
        from claims_cli.query.resolve import ClaimNotFound, resolve_claim

        loaded = _open(files)
        index = Index(ledger=loaded.ledger)
        found = []
        failed = False
        for wanted in ids:
            try:
                found.append(resolve_claim(index, wanted))
            except ClaimNotFound as exc:
                _say(exc.message)
                failed = True
        if failed:
            raise typer.Exit(ExitStatus.PROBLEMS)
        if output_format != "panel":
            from claims_cli.render.data import claim_shape, serialise

            write(serialise(output_format, found, claim_shape(index)))
            return
        from rich.console import Group

        from claims_cli.cli.terminal.panel import claim_panel

        documents = {doc.file: doc for doc in loaded.documents}
        panels = []
        for claim in found:
            where = None
            if claim.origin is not None and claim.origin.file in documents:
                line = documents[claim.origin.file].locate(claim.origin.path).line
                where = f"{claim.origin.file}:{line}"
            panels.append(claim_panel(claim, index, where=where))
        _print(lambda _width: Group(*panels))


@app.command()
def sources(
    files: FilesOption = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", "-n", help="Show at most N sources.", metavar="N", min=0, show_default=False
        ),
    ] = None,
    output_format: ListFormatOption = None,
) -> None:
    """List every source with how many claims cite it, most cited first.

    Counts are of claims citing the source at all, as attribution, and as
    evidence; with its kind, reliability grade and publication date.
    """
    with closed_pipe_ends_quietly():
        from claims_cli.query.usage import source_usage

        ledger = _open(files).ledger
        usage = source_usage(ledger.sources, ledger.claims)
        if limit is not None:
            usage = usage[:limit]
        chosen_format = output_format or ("table" if stdout_is_terminal() else "tsv")
        if chosen_format == "table":
            if usage:
                from claims_cli.cli.terminal.tables import fitted_table, sources_layouts

                layouts = sources_layouts(usage)
                _print(lambda width: fitted_table(layouts, width))
        else:
            from claims_cli.render.data import SOURCE_SHAPE, serialise

            write(serialise(chosen_format, usage, SOURCE_SHAPE))
        if not ledger.sources:
            _say("no sources in the ledger")


@app.command()
def stats(
    ctx: typer.Context,
    files: FilesOption = None,
    tag: TagOption = None,
    source: SourceOption = None,
    entity: EntityOption = None,
    claim_type: TypeOption = None,
    status: StatusOption = None,
    claimant: ClaimantOption = None,
    claimant_type: ClaimantTypeOption = None,
    min_confidence: MinConfidenceOption = None,
    max_confidence: MaxConfidenceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    output_format: Annotated[
        StatsFormat,
        typer.Option("--format", "-F", help="chart for people, json for scripts."),
    ] = "chart",
) -> None:
    """Count the claims that match by status, confidence, type, tag and source.

    Takes the same filters as 'claims list'. Bars are scaled to the number
    of claims counted, so each shows a share of them.
    """
    flt = filter_from(ctx)  # reads the filter options above back by name
    with closed_pipe_ends_quietly():
        from claims_cli.query.filters import select
        from claims_cli.query.stats import count_claims

        ledger = _open(files).ledger
        chosen = select(ledger.claims, flt)
        counts = count_claims(chosen)
        if output_format == "json":
            from claims_cli.render.data import json_text

            write(json_text(counts.to_data()))
        elif chosen:
            from claims_cli.cli.terminal.charts import stats_chart

            total = len(ledger.claims)
            _print(lambda width: stats_chart(counts, width, of_total=total))
        if not chosen:
            _say("no claims match" + _no_match_hint(flt, ledger))
