"""``claims locate ID``: where a claim's quote sits in its source's snapshot."""

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
    from claims_cli.query.locate import Location

FORMATS = Registry(
    OutputFormat(name="text", summary="where the quote is, with its selectors"),
    OutputFormat(name="json", summary="the location for scripts"),
)


@dataclass(frozen=True, kw_only=True)
class LocateRequest:
    """What ``claims locate`` was asked for."""

    files: list[str]
    claim_id: str
    output_format: str = "text"
    write: bool = False


def _text(found: Location) -> str:
    from claims_cli.render.escape import one_line

    others = found.occurrences - 1
    also = f" (and {others} more place{'s' if others != 1 else ''})" if others else ""
    page = f", page {found.page}" if found.page is not None else ""
    para = f"para {found.paragraph}" if found.paragraph is not None else "a heading"
    return (
        f"{found.claim_id}: in the snapshot of '{found.source_id}' ({one_line(found.snapshot)})"
        f"{also}\n"
        f"  where:  {para}, line {found.line}{page}; characters {found.start}-{found.end}\n"
        f'  prefix: "{one_line(found.prefix)}"\n'
        f'  exact:  "{one_line(found.exact)}"\n'
        f'  suffix: "{one_line(found.suffix)}"\n'
    )


def run_locate(request: LocateRequest, env: Environment) -> ExitStatus:
    """Print where the quote is; with ``write``, store its locator and anchor."""
    from claims_cli.query.locate import LocateError, locate_claim

    out = Output(env)
    found_files = claim_files(env, request.files)
    view = open_view(env, found_files)
    if isinstance(view, list):
        return out.refuse(view, "locate: the ledger has {errors}; fix them first")
    from claims_cli.model import Index

    try:
        index = Index(ledger=view.ledger())
    finally:
        view.close()
    claim = index.claims.get(request.claim_id)
    if claim is None or claim.origin is None:
        out.say(f"locate: no claim '{request.claim_id}'")
        return ExitStatus.PROBLEMS
    source = index.sources.get(claim.attribution.source)
    holder = source.origin.file if source is not None and source.origin else claim.origin.file
    from claims_cli.check.snapshots import ledger_file_of

    ledger_file = ledger_file_of({f.display: f.path for f in found_files}, holder, env.cwd)
    try:
        found = locate_claim(claim, index, ledger_file, max_bytes=env.max_file_bytes)
    except LocateError as exc:
        out.say(f"locate: {claim.id}: {exc}")
        return ExitStatus.PROBLEMS
    if request.write and found.ambiguous:
        places = ", ".join(dict.fromkeys(found.places))
        out.say(
            f"locate: {claim.id}: the quote is in {found.occurrences} places ({places}); "
            "lengthen the quote or set the locator to one of them"
        )
        return ExitStatus.PROBLEMS
    if not found.unchanged:
        out.say(
            f"locate: warning: the archived copy of '{found.source_id}' changed since it "
            "was recorded (claims validate says more)"
        )
    if request.output_format == "json":
        from claims_cli.render.escape import json_safe

        out.write(json_safe(json.dumps(found.to_json(), ensure_ascii=False, indent=2)) + "\n")
    else:
        out.write(_text(found))
    if request.write:
        return _write(request, env, found)
    return ExitStatus.OK


def _write(request: LocateRequest, env: Environment, found: Location) -> ExitStatus:
    """Store the locator and anchor in the claim's attribution, through the authoring code."""
    from collections.abc import Mapping
    from typing import Any

    from claims_cli.cli.commands.author import _run_edit
    from claims_cli.model import Attribution
    from claims_cli.write.authoring import ordered, where
    from claims_cli.write.edits import EditError
    from claims_cli.write.transaction import Workspace

    def change(work: Workspace) -> None:
        display = where(work, "claims", found.claim_id)
        doc = next(d for d in work.loaded.documents if d.file == display)
        data: Any = doc.data
        record = next(r for r in data["claims"] if r.get("id") == found.claim_id)
        attribution = record.get("attribution")
        if not isinstance(attribution, Mapping):
            raise EditError(f"claim '{found.claim_id}' has no attribution mapping")
        new = {**attribution, "locator": found.locator, "anchor": found.anchor()}
        work.editor(display).set_field(
            "claims", found.claim_id, "attribution", ordered(new, Attribution)
        )

    status, outcome = _run_edit(env, request.files, change)
    if status is ExitStatus.OK and outcome is not None:
        what = "recorded" if outcome.changed else "already recorded"
        Output(env).say(f"{found.claim_id}: locator '{found.locator}' and anchor {what}")
    return status


@command("locate")
def locate(
    ctx: typer.Context,
    claim_id: Annotated[
        str, typer.Argument(metavar="ID", help="The claim whose quote to find.", show_default=False)
    ],
    output_format: Annotated[
        str | None, format_option(FORMATS, "text for people, json for scripts.")
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            metavar="",
            help="Store the locator and the selectors (attribution.anchor) in the claim.",
            show_default=False,
        ),
    ] = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Show where a claim's quote sits in its source's snapshot.

    Prints the paragraph, line and character offsets, and the W3C Web
    Annotation selectors: a text-quote selector (exact, prefix, suffix) and a
    text-position selector (start, end).
    """
    request = LocateRequest(
        files=paths(files),
        claim_id=claim_id,
        output_format=format_choice(FORMATS, output_format, "text") or "text",
        write=write,
    )
    return run_locate(request, environment(ctx))
