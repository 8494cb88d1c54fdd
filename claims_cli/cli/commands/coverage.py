"""``claims coverage SOURCE``: the check-worthy sentences of a source that no claim quotes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from claims_cli.cli.app import command, environment
from claims_cli.cli.common import Output
from claims_cli.cli.ledger import claim_files, open_view
from claims_cli.cli.options import FilesOption, format_choice, format_option, paths
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.render.registry import OutputFormat, Registry

if TYPE_CHECKING:
    from claims_cli.query.coverage import CoverageReport

FORMATS = Registry(
    OutputFormat(name="text", summary="the missed sentences, best first"),
    OutputFormat(name="json", summary="the report for scripts"),
)


@dataclass(frozen=True, kw_only=True)
class CoverageRequest:
    """What ``claims coverage`` was asked for."""

    files: list[str]
    source_id: str
    output_format: str = "text"


def _text(report: CoverageReport) -> str:
    from claims_cli.render.escape import one_line
    from claims_cli.render.wording import count_of

    partial = sum(1 for item in report.listed if item.coverage == "partial")
    lines = [
        f"{report.source_id}: {count_of(report.checkworthy, 'check-worthy sentence')} of "
        f"{report.sentences}, {report.covered} quoted; "
        f"{report.checkworthy - report.covered} missed, {partial} partly covered"
    ]
    for item in report.listed:
        where = f"para {item.paragraph}" if item.paragraph is not None else f"line {item.line}"
        kinds = ", ".join(dict.fromkeys(e.kind for e in item.elements))
        mark = " (partial)" if item.coverage == "partial" else ""
        lines.append(f"{item.rank:>3}. {where}{mark}: {kinds}")
        lines.append(f"     {one_line(item.text)}")
    return "\n".join(lines) + "\n"


def run_coverage(request: CoverageRequest, env: Environment) -> ExitStatus:
    """List the sentences the ledger missed, best first."""
    from claims_cli.check.snapshots import SnapshotProblem, ledger_file_of, open_snapshot
    from claims_cli.model import Index
    from claims_cli.query.coverage import coverage

    out = Output(env)
    found_files = claim_files(env, request.files)
    view = open_view(env, found_files)
    if isinstance(view, list):
        return out.refuse(view, "coverage: the ledger has {errors}; fix them first")
    try:
        ledger = view.ledger()
    finally:
        view.close()
    source = Index(ledger=ledger).sources.get(request.source_id)
    if source is None or source.origin is None:
        out.say(f"coverage: no source '{request.source_id}'")
        return ExitStatus.PROBLEMS
    paths = {f.display: f.path for f in found_files}
    ledger_file = ledger_file_of(paths, source.origin.file, env.cwd)
    try:
        text, unchanged = open_snapshot(source, ledger_file, max_bytes=env.max_file_bytes)
    except SnapshotProblem as exc:
        out.say(f"coverage: {exc.message}")
        return ExitStatus.PROBLEMS
    if not unchanged:
        out.say(
            f"coverage: warning: the archived copy of '{source.id}' changed since it was "
            "recorded (claims validate says more)"
        )
    report = coverage(ledger, source.id, text)
    if request.output_format == "json":
        from claims_cli.render.escape import json_safe

        data = {
            "source": report.source_id,
            "sentences": report.sentences,
            "checkworthy": report.checkworthy,
            "covered": report.covered,
            "listed": [item.to_json() for item in report.listed],
        }
        out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
    else:
        out.write(_text(report))
    return ExitStatus.OK


@command("coverage")
def coverage_command(
    ctx: typer.Context,
    source_id: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE", help="The source whose snapshot to read.", show_default=False
        ),
    ],
    output_format: Annotated[
        str | None, format_option(FORMATS, "text for people, json for scripts.")
    ] = None,
    files: FilesOption = None,
) -> ExitStatus:
    """List the check-worthy sentences of a source's snapshot that no claim quotes.

    A sentence is check-worthy when it holds a figure with a unit or currency,
    a date, a superlative or "first", an attribution verb (claims, says,
    vowed), a pledge, a change (rose, making gains) or an amount without a
    figure (considerable). It is covered when a claim's quote lies in it; a
    covered sentence with a check-worthy element outside the quote is listed
    as partial. Ranked by what is left unclaimed.
    """
    request = CoverageRequest(
        files=paths(files),
        source_id=source_id,
        output_format=format_choice(FORMATS, output_format, "text") or "text",
    )
    return run_coverage(request, environment(ctx))
